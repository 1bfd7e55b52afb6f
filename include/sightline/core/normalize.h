/*
** normalize.h — agency and county names reduced to comparable words.
**
** The Atlas, the FBI registry, a request export and the campaign's
** directory each write a name their own way ("Sheriff's Office of
** Shenandoah Co." / "SHENANDOAH COUNTY SHERIFF'S OFFICE"). These rules read
** only strings, so they sit in core: the linker (ingest) matches agencies
** with them, and the county rule (county.h), which analysis and the
** campaign share, keys counties with them.
*/
#ifndef SIGHTLINE_CORE_NORMALIZE_H
#define SIGHTLINE_CORE_NORMALIZE_H

#include <stddef.h>

/* Normalize an agency name for matching into OUT (always NUL-terminated):
** lowercase ASCII words, punctuation dropped, common abbreviations expanded
** ("dept" -> "department", "pd" -> "police department", "co" -> "county",
** "twp" -> "township", "st" -> "saint" when it starts a place name),
** possessives and filler ("the", "of", "city of") removed, and the agency
** kind reduced to a canonical suffix ("police", "sheriff", ...).
** e.g. "Sheriff's Office of Shenandoah Co." -> "shenandoah county sheriff". */
void sl_normalize_agency_name(const char *name, char *out, size_t outlen);

/* Normalize a county name ("Shenandoah County", "SHENANDOAH") to "shenandoah". */
void sl_normalize_county(const char *county, char *out, size_t outlen);

/* The kind of place a word names inside an agency name. "Glens Falls City
** Police" and "Glens Falls Police" are the same agency, while "Chester Town"
** and "Chester Village" (NY) are not, and "Texas City" is not Texas. */
typedef enum sl_place_class {
    SL_PLACE_NONE = 0, /* not a place word */
    SL_PLACE_DEFAULT,  /* no place word, or metropolitan, municipal */
    SL_PLACE_CITY,
    SL_PLACE_TOWN,
    SL_PLACE_VILLAGE,
    SL_PLACE_TOWNSHIP,
    SL_PLACE_BOROUGH,
    SL_PLACE_COUNTY
} sl_place_class;

/* The kind of place normalized WORD names (SL_PLACE_NONE: none). */
sl_place_class sl_name_place_word(const char *word);

/* 1 if WORD is a canonical agency kind sl_normalize_agency_name appends
** ("police", "sheriff", "marshal", "constable", "prosecutor", "attorney"). */
int sl_name_is_kind(const char *word);

/* Lower-case ASCII words of TEXT separated by single spaces into OUT: accents
** folded, apostrophes and possessive 's dropped, other punctuation a space,
** except that ',' and ':' are kept as words of their own when KEEP_MARKS. */
void sl_name_ascii_words(const char *text, int keep_marks, char *out, size_t outlen);

#endif
