/*
** link_internal.h — what normalize.c and link.c share about the words of a
** normalized agency name. Not public: the linker's callers only see link.h.
*/
#ifndef SIGHTLINE_LINK_INTERNAL_H
#define SIGHTLINE_LINK_INTERNAL_H

#include <stddef.h>

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

sl_place_class sl_link_place_word(const char *word);

/* 1 if WORD is a canonical agency kind the normalizer appends ("police",
** "sheriff", "marshal", "constable", "prosecutor", "attorney"). */
int sl_link_is_kind(const char *word);

/* Lower-case ASCII words of TEXT separated by single spaces into OUT: accents
** folded, apostrophes and possessive 's dropped, other punctuation a space,
** except that ',' and ':' are kept as words of their own when KEEP_MARKS. */
void sl_link_ascii_words(const char *text, int keep_marks, char *out, size_t outlen);

#endif
