/*
** overlap_internal.h — box queries on the point-in-polygon index, for
** splitting request areas (overlap.c); not a public API.
**
** A request is a small region; before clipping it exactly against an area
** the splitter asks the index which areas' boxes it touches and whether any
** boundary comes near it at all. These answers are conservative: "no edge
** near" is only said when no edge's box meets the query box.
*/
#ifndef SIGHTLINE_GEO_OVERLAP_INTERNAL_H
#define SIGHTLINE_GEO_OVERLAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "geo/pip_internal.h"

/* A growable list of area indices. */
typedef struct sl_area_ids {
    uint32_t *v;
    size_t n, cap;
} sl_area_ids;

/* Areas of IX whose closed box meets the closed BOX {minx, miny, maxx,
** maxy}, in increasing index order, into IDS (emptied first). -1 when out
** of memory. */
int sl_pip_areas_in_box(const sl_pip *ix, const double box[4], sl_area_ids *ids);

/* 1 when no edge of area A (horizontal ones excepted: see sl_pip_box_owner)
** has a box meeting BOX. */
int sl_pip_edges_miss_box(const sl_pip *ix, uint32_t a, const double box[4]);

/* The one area holding all of BOX, or -1 (SL_BOX_OUTSIDE when BOX meets
** no area), or SL_BOX_UNKNOWN when a boundary may cross it or areas overlap
** there. IDS is scratch space. */
#define SL_BOX_OUTSIDE (-1)
#define SL_BOX_UNKNOWN (-2)
int32_t sl_pip_box_owner(const sl_pip *ix, const double box[4], sl_area_ids *ids);

/* 1 when area A holds all of BOX, 0 when none of it, -1 when a boundary of
** A may cross BOX. */
int sl_pip_area_box_relation(const sl_pip *ix, uint32_t a, const double box[4]);

/* A disc sure to hold a small request (a circle): points (x, y) with
** ((x - cx) kx)² + ((y - cy) ky)² <= r2, in lon/lat, and its box. */
typedef struct sl_disc {
    double cx, cy, kx, ky, r2;
    double box[4];
} sl_disc;

/* As sl_pip_area_box_relation and sl_pip_box_owner, for a disc: an edge
** counts only when it comes within the disc, not merely within its box. */
int sl_pip_area_disc_relation(const sl_pip *ix, uint32_t a, const sl_disc *d);
int32_t sl_pip_disc_owner(const sl_pip *ix, const sl_disc *d, sl_area_ids *ids);

/* Ground area (m², WGS84) of small polygons near latitude LAT0 (degrees),
** geodesic edges, to a relative 1e-9 within a few km of LAT0 (local_area.c). */
typedef struct sl_local_area {
    double phi0, w0, w1, w2;                   /* the area element's expansion about phi0 */
    double lens_a0, lens_a1, lens_b0, lens_b1; /* a geodesic edge's lens, linear about phi0 */
} sl_local_area;
void sl_local_area_init(sl_local_area *l, double lat0);
/* Area enclosed by the ring of N vertices (LON, LAT in degrees, the closing
** vertex not repeated), whatever its orientation. */
double sl_local_ring_area(const sl_local_area *l, const double *lon, const double *lat, size_t n);

/* Scratch space for sl_clip_convex_area: two x/y ping-pong buffers. */
typedef struct sl_clip_buf {
    double *v[4];
    size_t cap;
} sl_clip_buf;

/* +1 when the polygon of N vertices (X, Y; open) is strictly convex and
** counter-clockwise, -1 clockwise, 0 when not strictly convex. */
int sl_convex_orientation(const double *x, const double *y, size_t n);

/* Ground area (m², by L) of area A of PS inside the strictly convex polygon
** (CX, CY), NC vertices, open, of ORIENTATION (sl_convex_orientation); NAN
** when out of memory (clip_convex.c). */
double sl_clip_convex_area(const sl_polyset *ps, uint32_t a, const double *cx, const double *cy, size_t nc,
                           int orientation, const sl_local_area *l, sl_clip_buf *b);

#endif
