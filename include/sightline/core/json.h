/*
** json.h — the few jansson getters every layer uses.
**
** Result objects (store summaries, analyses, the audit's summary.json) are
** jansson trees read back by the report and the CLI; one set of getters keeps
** "what a missing key reads as" the same everywhere instead of per file.
*/
#ifndef SIGHTLINE_CORE_JSON_H
#define SIGHTLINE_CORE_JSON_H

#include <jansson.h>

/* The integer at O[KEY]; 0 when O is NULL, KEY is missing or not an integer. */
long long sl_json_int(const json_t *o, const char *key);

/* The number (integer or real) at O[KEY]; 0.0 when missing or not a number. */
double sl_json_num(const json_t *o, const char *key);

/* The number at O[KEY], or NaN when missing or not a number: for figures where
** "absent" must not read as zero (a chart bar, a rate). */
double sl_json_num_or_nan(const json_t *o, const char *key);

/* The string at O[KEY]; "" (never NULL) when missing or not a string. */
const char *sl_json_str(const json_t *o, const char *key);

/* A new JSON real for X, or JSON null when X is NaN or infinite (JSON has no
** NaN); NULL only when out of memory. */
json_t *sl_json_num_or_null(double x);

/* jansson dump flags of a result printed as JSON (the CLI's --json and the
** server's API answer with the same bytes). */
#define SL_JSON_RESULT_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

/* J as JSON text dumped with FLAGS, DEL and the C1 controls \u-escaped
** (jansson writes them raw; inside a string the escape means the same
** character and cannot drive a terminal), and a final newline. *LEN gets its
** length. NULL when out of memory; the caller frees the text. */
char *sl_json_dump_text(const json_t *j, size_t flags, size_t *len);

#endif
