/*
** hexbin.h — counting points in hexagons of equal area.
**
** Points are projected with PROJ to a Lambert azimuthal equal-area plane
** centred on the data (its middle, on whole degrees, so that a point added
** beyond the data's edge does not move the grid by a sliver), so every
** hexagon covers the same ground area wherever
** it is; hexagon corners are projected back to lon/lat for maps. Binning is
** also how published maps stay privacy-safe: a cell shows a count, never a
** home.
*/
#ifndef SIGHTLINE_HEXBIN_H
#define SIGHTLINE_HEXBIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sightline/core/error.h"

typedef struct sl_hexbin {
    size_t count;          /* occupied cells */
    int32_t *q, *r;        /* axial cell coordinates */
    uint32_t *points;      /* points per cell */
    double size_m;         /* hexagon edge (= circumradius) in meters */
    double area_km2;       /* area of every cell */
    double lon0, lat0;     /* centre of the projection */
    size_t outside;        /* points without finite coordinates */
    void *proj;            /* PROJ transformation (owned) */
    void *ctx;             /* its PROJ context (owned): one per hexbin, so
                           ** bins built on one thread are drawn on another */
    uint32_t *slots;       /* open-addressing index of the cells for
                           ** sl_hexbin_find: cell + 1, 0 empty (owned) */
    size_t slot_mask;      /* slots - 1, a power of two minus one */
} sl_hexbin;

/* Bin N points into hexagons with edge SIZE_M meters (sl_hexbin_plane_build
** then sl_hexbin_build_plane: two threads for large N). */
sl_status sl_hexbin_build(const double *lon, const double *lat, size_t n, double size_m,
                          sl_hexbin *out, sl_error *err);

/* Points projected once onto the equal-area plane: binning them again at
** another edge is arithmetic (no PROJ), which is what widening a map's
** hexagons or a server switching edges costs. 16 bytes a point. */
typedef struct sl_hexbin_plane {
    double lon0, lat0;     /* centre of the projection */
    double *x, *y;         /* images of the points that have one: m of each */
    size_t n;              /* points given */
    size_t placed;         /* of them with finite coordinates on the globe */
    size_t m;              /* of those with an image (all but a failed PROJ) */
    void *cover;           /* where the points lie, coarsely (owned): which
                           ** centre another edge would choose */
} sl_hexbin_plane;

/* Project N points (two threads, each with its own PROJ object, for large
** N). CENTRE (lon, lat) NULL: the centre sl_hexbin_build chooses for these
** points at edge SIZE_M; else that centre (to count points into the cells
** of other points: sl_hexbin_count_plane). */
sl_status sl_hexbin_plane_build(const double *lon, const double *lat, size_t n, double size_m,
                                const double *centre, sl_hexbin_plane *out, sl_error *err);

/* 1 when binning P's points at edge SIZE_M centres where P is projected,
** i.e. sl_hexbin_build_plane(P, SIZE_M) equals sl_hexbin_build of the
** points. Always 1 for a plane built with a CENTRE given. */
int sl_hexbin_plane_fits(const sl_hexbin_plane *p, double size_m);

/* The cells of P's points at edge SIZE_M: the same cells, order and counts
** as sl_hexbin_build of the points when sl_hexbin_plane_fits (SL_EUSAGE
** otherwise). */
sl_status sl_hexbin_build_plane(const sl_hexbin_plane *p, double size_m, sl_hexbin *out, sl_error *err);

/* How many cells sl_hexbin_build_plane(P, SIZE_M) would make (*CELLS) and
** how many of them would hold AT_LEAST points or more (*FULL), without
** making them (millions at a fine edge): to size a map before drawing it. */
sl_status sl_hexbin_plane_census(const sl_hexbin_plane *p, double size_m, uint32_t at_least, size_t *cells,
                                 size_t *full, sl_error *err);

/* Count P's points into H's cells: COUNTS (one per cell, added to) gets
** what sl_hexbin_find would count for each point; returns how many placed
** points fell in no occupied cell. P must share H's centre (SL_EUSAGE). */
sl_status sl_hexbin_count_plane(const sl_hexbin *h, const sl_hexbin_plane *p, uint32_t *counts,
                                size_t *elsewhere, sl_error *err);

/* The same for N points given by coordinates (projected here, two threads
** for large N, nothing kept): what a loop of sl_hexbin_find counts. */
sl_status sl_hexbin_count(const sl_hexbin *h, const double *lon, const double *lat, size_t n, uint32_t *counts,
                          size_t *elsewhere, sl_error *err);

/* sl_hexbin_count with a weight W[i] per point (say the posts of a camera
** at the point): COUNTS gets the points and WCOUNTS the sum of their
** weights per cell (both added to); *ELSEWHERE the placed points in no
** occupied cell and *WELSEWHERE their weight. Points with no coordinates
** count nowhere, as in sl_hexbin_count. */
sl_status sl_hexbin_count_weighted(const sl_hexbin *h, const double *lon, const double *lat, const uint32_t *w,
                                   size_t n, uint32_t *counts, uint32_t *wcounts, size_t *elsewhere,
                                   uint64_t *welsewhere, sl_error *err);

/* A weight that leaves its image out of sl_hexbin_count_weighted_images,
** neither counted nor missed: a caller counting some of a plane's images
** passes the plane's arrays whole instead of copying those it counts. */
#define SL_HEXBIN_SKIP UINT32_MAX

/* sl_hexbin_count_weighted for M points already projected about H's centre
** (X, Y: their images, as sl_hexbin_plane_build with that centre makes
** them); W, their weights, may be reordered, and those of SL_HEXBIN_SKIP
** are left out. *MISSED: images in no cell. */
sl_status sl_hexbin_count_weighted_images(const sl_hexbin *h, const double *x, const double *y, uint32_t *w,
                                          size_t m, uint32_t *counts, uint32_t *wcounts, size_t *missed,
                                          uint64_t *wmissed, sl_error *err);

void sl_hexbin_plane_free(sl_hexbin_plane *p);

/* *VIEW: H's cells (its arrays shared, read only) with a PROJ object of its
** own, to draw corners on another thread than H's. Free it with
** sl_hexbin_view_free, which leaves H's arrays alone. */
sl_status sl_hexbin_view(const sl_hexbin *h, sl_hexbin *view, sl_error *err);
void sl_hexbin_view_free(sl_hexbin *view);

/* The six corners (lon/lat, counter-clockwise) of cell I. */
sl_status sl_hexbin_corners(const sl_hexbin *h, size_t i, double lon[6], double lat[6],
                            sl_error *err);

/* Write the cells as a GeoJSON FeatureCollection of polygons with properties
** {count, q, r}. Cells with fewer than MIN_COUNT points are left out and
** counted in *suppressed (may be NULL): the privacy threshold k. */
sl_status sl_hexbin_write_geojson(const sl_hexbin *h, FILE *out, uint32_t min_count,
                                  size_t *suppressed, sl_error *err);

/* A rectangle WIN (x0, y0, x1, y1) of the projected plane that holds the
** image of the lon/lat box BOX (west, south, east, north) with a hexagon to
** spare: every cell meeting the box has its centre in WIN (cells whose
** centre is in WIN may still miss the box: check their corners). */
sl_status sl_hexbin_window(const sl_hexbin *h, const double box[4], double win[4], sl_error *err);

/* 1 when the centre of cell I lies in WIN (sl_hexbin_window): arithmetic
** only, for skipping the cells far from a box before inverting corners. */
int sl_hexbin_cell_in_window(const sl_hexbin *h, size_t i, const double win[4]);

/* Indexes (ascending: the cells' order) of the occupied cells whose centre
** lies in WIN (sl_hexbin_window), found by looking up each cell position
** the window spans instead of reading every cell: *IDX (malloc'd) and
** *N. SL_EUSAGE, nothing set, when the window spans more than MAX_SPAN
** positions (the caller then reads every cell). */
sl_status sl_hexbin_cells_in_window(const sl_hexbin *h, const double win[4], size_t max_span, uint32_t **idx,
                                    size_t *n, sl_error *err);

/* Index of the occupied cell holding (LON, LAT), or -1 when that cell has
** no points of the build. Lets a caller count something else (the posts of
** camera cells) in the same cells. */
long sl_hexbin_find(const sl_hexbin *h, double lon, double lat);

void sl_hexbin_free(sl_hexbin *h);

#endif
