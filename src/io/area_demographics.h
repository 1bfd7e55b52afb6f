/*
** area_demographics.h — a demographics table (e.g. Census QuickFacts by
** county FIPS) joined to areas by id. Private to src/io.
*/
#ifndef SIGHTLINE_AREA_DEMOGRAPHICS_H
#define SIGHTLINE_AREA_DEMOGRAPHICS_H

#include "sightline/io/areas_io.h"

typedef struct sl_demographics sl_demographics;

/* Read opt->demographics keyed by opt->key (padded to opt->key_width), with
** the value columns opt->pop .. opt->foreign_born (NULL columns give NAN). */
sl_status sl_demographics_load(const sl_area_options *opt, sl_demographics **out,
                               char sha256_hex[65], sl_error *err);

/* Values (pop, black, hispanic, white_nh, foreign_born) of the row with
** KEY (already padded); 1 when found, and the row is marked as used. */
int sl_demographics_lookup(sl_demographics *d, const char *key, double values[5]);

/* 1 when the table has a row keyed KEY (already padded); the row is not
** marked as used. */
int sl_demographics_has(const sl_demographics *d, const char *key);

/* Rows never looked up; the first SL_AREA_EXAMPLES of their keys, in key
** order, added to EXAMPLES (CAP bytes) by sl_area_example_add. */
long sl_demographics_unmatched(const sl_demographics *d, char *examples, size_t cap);

/* TEXT added to the list in BUF (CAP bytes, ", " between) when it holds
** fewer than SL_AREA_EXAMPLES and TEXT fits whole. */
void sl_area_example_add(char *buf, size_t cap, const char *text);

void sl_demographics_free(sl_demographics *d);

#endif
