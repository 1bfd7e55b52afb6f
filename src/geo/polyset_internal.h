/*
** polyset_internal.h — the flat layout of a polygon set, shared by the
** polyset builders and the point-in-polygon engine (not a public API).
**
** Area a owns rings area_ring[a] .. area_ring[a+1]-1; ring r owns vertices
** ring_vert[r] .. ring_vert[r+1]-1, stored closed (last == first).
** ring_outer[r] is 1 for the exterior ring that starts each polygon.
*/
#ifndef SIGHTLINE_GEO_POLYSET_INTERNAL_H
#define SIGHTLINE_GEO_POLYSET_INTERNAL_H

#include <stdint.h>
#include "sightline/core/arena.h"
#include "sightline/geo/polyset.h"

struct sl_polyset {
    size_t n_areas, cap_areas;
    uint32_t *area_ring; /* n_areas + 1 */
    double *bbox;        /* 4 per area */
    long *fid;
    const char **ids;

    size_t n_rings, cap_rings;
    uint32_t *ring_vert; /* n_rings + 1 */
    unsigned char *ring_outer;

    size_t n_verts, cap_verts;
    double *x, *y;

    sl_arena arena; /* id strings */
};

/* Add one ring of N vertices (closed here if the input is not) to the area
** being built (the last one begun with sl_polyset_begin_area). */
sl_status sl_polyset_add_ring(sl_polyset *ps, const double *x, size_t xstride,
                           const double *y, size_t ystride, size_t n, int outer,
                           sl_error *err);
/* Start a new area with id ID and source feature FID. */
sl_status sl_polyset_begin_area(sl_polyset *ps, const char *id, long fid, sl_error *err);
/* Close the area begun last: its bounding box. */
void sl_polyset_end_area(sl_polyset *ps);

/* Add the polygonal parts of an OGR geometry (OGRGeometryH, as void * so this
** header does not pull in GDAL) to the area being built. */
sl_status sl_polyset_add_ogr(sl_polyset *ps, void *geometry, sl_error *err);

#endif
