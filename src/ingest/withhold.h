/*
** withhold.h — the exclusions an import of posts or cameras honours
** (exclusion.c): loaded once per import, each chunk's points inside one
** dropped before they reach the store, and each exclusion's count of
** withheld points added to its rows.
*/
#ifndef SIGHTLINE_INGEST_WITHHOLD_H
#define SIGHTLINE_INGEST_WITHHOLD_H

#include "sightline/core/points.h"
#include "sightline/store/exclusions.h"

typedef struct sl_withhold {
    sl_exclusion_list list;
    long *counts;   /* points withheld per exclusion */
    long total;
    sl_points kept; /* a chunk without its withheld points */
    unsigned char *drop;
} sl_withhold;

/* The exclusions LAYER's imports honour (posts and cameras; none for sites). */
sl_status sl_withhold_open(sl_store *st, const char *layer, sl_withhold *w, sl_error *err);

/* BATCH, or *OUT pointing at W's copy of it without the points inside an
** exclusion (counted). Valid until the next call. */
sl_status sl_withhold_chunk(sl_withhold *w, const sl_points *batch, const sl_points **out, sl_error *err);

/* Mark in DROP the points inside E's circles; returns how many, counted in COUNTS (may be NULL). */
size_t sl_withhold_mark(const sl_exclusion_list *e, long *counts, const double *lon, const double *lat, size_t n,
                        unsigned char *drop);

/* Record each exclusion's points withheld from the import SOURCE_ID (its rows). */
sl_status sl_withhold_record(sl_store *st, const sl_withhold *w, long source_id, sl_error *err);
void sl_withhold_free(sl_withhold *w);

#endif
