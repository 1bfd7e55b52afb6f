/*
** ring_check.c — a linear-time proof that a star-shaped ring is simple (see
** ring_check.h for why GEOS needs help).
**
** With c the mean of the vertices, the ring is accepted when orient(c, v[i],
** v[i+1]) > 0 for every edge (or < 0 for every edge), exactly, and the ring
** crosses the ray from c towards +x exactly once. Strict turns mean each
** edge sweeps an angle in (0, pi) around c and never passes through it; one
** crossing means the sweeps add up to one turn, so the edges' sectors tile
** the plane around c without overlap. Two edges in different sectors can
** meet only on a shared boundary ray, which only consecutive edges share,
** and there only at their common vertex: no two edges cross or touch.
*/
#include "geo/ring_check.h"
#include "geo/pip_internal.h"

#include <ogr_api.h>
#include <stdlib.h>

/* orient(c, p, q) > 0 exactly (q strictly left of the line c -> p). */
static int turns_left(double cx, double cy, double px, double py, double qx, double qy)
{
    pip_edge e = {cx, cy, px, py};
    return pip_left_of(&e, qx, qy);
}

int sl_ring_star_simple(const double *x, const double *y, size_t n)
{
    if (n < 4 || x[0] != x[n - 1] || y[0] != y[n - 1])
        return 0;
    double cx = 0, cy = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        cx += x[i];
        cy += y[i];
    }
    cx /= (double)(n - 1);
    cy /= (double)(n - 1);
    /* Clockwise rings are read backwards: the same test on the reversed ring. */
    int ccw = turns_left(cx, cy, x[0], y[0], x[1], y[1]);
    if (!ccw && !turns_left(cx, cy, x[1], y[1], x[0], y[0]))
        return 0;
    size_t crossings = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        double ax = x[i], ay = y[i], bx = x[i + 1], by = y[i + 1];
        if (!ccw) {
            double t = ax; ax = bx; bx = t;
            t = ay; ay = by; by = t;
        }
        if (!turns_left(cx, cy, ax, ay, bx, by))
            return 0;
        /* Turning left around c, the ring can only go up across the
        ** horizontal through c on c's right: count those, half-open. */
        crossings += ay < cy && by >= cy;
    }
    return crossings == 1;
}

/* The one ring of G, a polygon or a multipolygon of one polygon; or NULL. */
static OGRGeometryH only_ring(OGRGeometryH g)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbMultiPolygon) {
        if (OGR_G_GetGeometryCount(g) != 1)
            return NULL;
        g = OGR_G_GetGeometryRef(g, 0);
        t = wkbFlatten(OGR_G_GetGeometryType(g));
    }
    if (t != wkbPolygon || OGR_G_GetGeometryCount(g) != 1)
        return NULL;
    return OGR_G_GetGeometryRef(g, 0);
}

int sl_polygon_surely_valid(void *geometry)
{
    OGRGeometryH ring = geometry ? only_ring((OGRGeometryH)geometry) : NULL;
    int n = ring ? OGR_G_GetPointCount(ring) : 0;
    if (n < 4)
        return 0;
    double *x = malloc(2 * (size_t)n * sizeof *x);
    if (!x)
        return 0; /* GEOS decides */
    double *y = x + n;
    OGR_G_GetPoints(ring, x, sizeof(double), y, sizeof(double), NULL, 0);
    int ok = sl_ring_star_simple(x, y, (size_t)n);
    free(x);
    return ok;
}

void *sl_polygon_make_valid(void *geometry)
{
    char *structure[] = {"METHOD=STRUCTURE", NULL};
    OGRGeometryH fixed = OGR_G_MakeValidEx((OGRGeometryH)geometry, structure);
    if (fixed && !OGR_G_IsEmpty(fixed))
        return fixed;
    /* Nothing left (a ring of zero area): the linework method keeps the
    ** lines, which callers report as "not a polygon", as they always have. */
    if (fixed)
        OGR_G_DestroyGeometry(fixed);
    return OGR_G_MakeValid((OGRGeometryH)geometry);
}
