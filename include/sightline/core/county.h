/*
** county.h — which counties a county field names: the one rule the
** linker, the campaign page, the dashboard (through /api/partnerships/links)
** and `partnerships --links --areas` share to put an agency in a county.
**
** A field may name several counties: the Atlas writes "Montgomery County,
** Fort Bend County, Harris County" for Houston, the FBI registry
** "MONTGOMERY; FORT BEND; HARRIS". Such an agency is in each of them, so
** county figures do not add up to a state's.
*/
#ifndef SIGHTLINE_CORE_COUNTY_H
#define SIGHTLINE_CORE_COUNTY_H

#include <stddef.h>

#define SL_COUNTY_KEY 64 /* a key's bytes, NUL included */
#define SL_COUNTY_MAX 32 /* counties kept of one field: the Atlas's longest list names 18 */

/* One county's name as a key into OUT: sl_normalize_county's words with
** the spaces removed ("De Kalb" and "DeKalb" meet), a parenthesized note
** dropped ("Ashgrove County (synthetic)") except "(city)", which stays a
** word: "St. Louis (city) County" -> "saintlouiscity", "ST LOUIS" ->
** "saintlouis", "Orleans Parish" -> "orleans". */
void sl_county_key(const char *name, char out[SL_COUNTY_KEY]);

/* The key of area ID named NAME of a county set. us-atlas names Baltimore
** city and Baltimore County both "Baltimore"; the registry writes the city
** "BALTIMORE CITY" and the Atlas "Baltimore (city)". So an independent
** city (a FIPS id of Maryland, Missouri, Nevada or Virginia whose county
** code is 510 to 840) gets "city" after its name, unless it ends so. */
void sl_county_area_key(const char *id, const char *name, char out[SL_COUNTY_KEY]);

/* 1 when area ID is such an independent city (sl_county_area_key). */
int sl_county_is_city(const char *id);

/* Area ID's NAME as a person is shown it, into OUT: an independent city
** gets " city" after its name unless it ends so (Census's own "Richmond
** city"), as us-atlas names Richmond city and Richmond County, VA, both
** "Richmond" and a signer of either could not tell them apart. Returns 1
** when it added the word. */
int sl_county_shown_name(const char *id, const char *name, char *out, size_t outlen);

/* The keys of the counties a set of county fields names, each once. */
typedef struct sl_county_set {
    char key[SL_COUNTY_MAX][SL_COUNTY_KEY];
    size_t n;
} sl_county_set;

/* Add to S the keys of the counties FIELD names (NULL or "": none), its
** pieces parted by ',' or ';'. A piece with no letters names none. */
void sl_county_set_add(sl_county_set *s, const char *field);

/* 1 when S holds KEY. */
int sl_county_set_has(const sl_county_set *s, const char *key);

#endif
