/*
** hexbin_internal.h — what hexbin.c (cells, corners, lookups) shares with
** hexbin_plane.c (points projected once, on two threads): the projection,
** the choice of its centre and the cell of a projected point. Not public:
** include/sightline/geo/hexbin.h is the interface.
*/
#ifndef SIGHTLINE_HEXBIN_INTERNAL_H
#define SIGHTLINE_HEXBIN_INTERNAL_H

#include "sightline/core/points.h"
#include "sightline/geo/hexbin.h"

#include <proj.h>

/* A coarse map of where the points are (5-degree cells) and of their
** longitudes (1-degree bins): enough to choose a projection centre for any
** hexagon size without reading the points again. */
#define SL_HEXBIN_OCC_DEG 5
#define SL_HEXBIN_OCC_ROWS (180 / SL_HEXBIN_OCC_DEG)
#define SL_HEXBIN_OCC_COLS (360 / SL_HEXBIN_OCC_DEG)

typedef struct sl_hexbin_cover {
    unsigned char occ[SL_HEXBIN_OCC_ROWS][SL_HEXBIN_OCC_COLS];
    unsigned char lon_bin[360];
    double s, n;
    size_t placed;
} sl_hexbin_cover;

/* Survey N points into *C. */
void sl_hexbin_survey(const double *lon, const double *lat, size_t n, sl_hexbin_cover *c);

/* The projection centre for hexagons of edge SIZE_M over the points C
** surveyed (see hexbin.c: the data's middle unless its antipode is near a
** point). */
void sl_hexbin_centre(const sl_hexbin_cover *c, double size_m, double *lon0, double *lat0);

/* The equal-area projection centred on (LON0, LAT0) in a PROJ context of
** its own (*CTX, created here): one per thread that uses it. */
PJ *sl_hexbin_projection(double lon0, double lat0, PJ_CONTEXT **ctx, sl_error *err);

/* Project one point with P (see hexbin.c for the antipode's nudge); 0 when
** it has no image. */
int sl_hexbin_project_one(PJ *p, double lon, double lat, double *x, double *y);

/* The packed axial cell (q, r) of projected point (X, Y) at edge SIZE_M. */
uint64_t sl_hexbin_key(double size_m, double x, double y);

/* sl_hexbin_key of N points into KEYS, the same bits, about twice as fast
** (no branch on the values): what every binning runs over its points. */
void sl_hexbin_keys(double size_m, const double *x, const double *y, size_t n, uint64_t *keys);

/* Sort K packed keys ascending (as unsigned 64-bit numbers). */
void sl_hexbin_sort(uint64_t *keys, size_t k);

/* H's cells and counts through a small table when KEYS (any order) hold
** few cells, indexed or not: 1 done (not yet indexed), 0 nothing set. */
int sl_hexbin_count_few(sl_hexbin *h, const uint64_t *keys, size_t k);

/* H's cells and counts from two sorted runs of keys (B may be empty), then
** indexed: the cells of both runs together, in key order. */
sl_status sl_hexbin_cells_from_runs(sl_hexbin *h, const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
                                    sl_error *err);

/* How many cells two sorted runs of keys make (returned) and how many of
** them hold AT_LEAST keys or more (*FULL): sl_hexbin_cells_from_runs's
** cells, not made. */
size_t sl_hexbin_census_runs(const uint64_t *a, size_t na, const uint64_t *b, size_t nb, uint32_t at_least,
                             size_t *full);

/* Count K sorted keys into COUNTS by H's cells (which are in key order),
** walking both: no lookup per key. Returns how many found no cell. With
** W (a weight beside each key; else NULL, and WCOUNTS, WMISSED unused)
** WCOUNTS gets the weights' sums per cell, *WMISSED the weight of the keys
** that found none. */
size_t sl_hexbin_count_sorted(const sl_hexbin *h, const uint64_t *keys, const uint32_t *w, size_t k,
                              uint32_t *counts, uint32_t *wcounts, uint64_t *wmissed);

/* Index H's cells (after sl_hexbin_count_few). */
sl_status sl_hexbin_index(sl_hexbin *h, sl_error *err);

/* The first index slot of packed key KEY (H->slots[slot], probed onward). */
size_t sl_hexbin_slot(const sl_hexbin *h, uint64_t key);

/* Index of the cell with packed key KEY, or -1. */
long sl_hexbin_find_key(const sl_hexbin *h, uint64_t key);

/* Start FN(ARGS[1]) on a thread, run FN(ARGS[0]) here, wait; both here, one
** after the other, when no thread can be started. */
void sl_hexbin_run_two(void *(*fn)(void *), void *args0, void *args1);

#endif
