/*
** hexbin.h — counting points in hexagons of equal area.
**
** Points are projected with PROJ to a Lambert azimuthal equal-area plane
** centred on the data, so every hexagon covers the same ground area wherever
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
    uint32_t *slots;       /* open-addressing index of the cells for
                           ** sl_hexbin_find: cell + 1, 0 empty (owned) */
    size_t slot_mask;      /* slots - 1, a power of two minus one */
} sl_hexbin;

/* Bin N points into hexagons with edge SIZE_M meters. */
sl_status sl_hexbin_build(const double *lon, const double *lat, size_t n, double size_m,
                          sl_hexbin *out, sl_error *err);

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

/* Index of the occupied cell holding (LON, LAT), or -1 when that cell has
** no points of the build. Lets a caller count something else (the posts of
** camera cells) in the same cells. */
long sl_hexbin_find(const sl_hexbin *h, double lon, double lat);

void sl_hexbin_free(sl_hexbin *h);

#endif
