/*
** clip_convex.c — the ground area of an area of a polyset inside a small
** convex polygon (a request circle), by Sutherland-Hodgman clipping
** (overlap_internal.h). The one-pass clip (clip_circle.c) measures
** circles; this one takes the rings it cannot walk (crossings that
** rounding left out of step) and circles it cannot set up.
**
** GEOS's intersection was most of a circle's split: a general overlay, its
** graph and its allocations, for a 64-gon against a county. A circle is
** convex, so clipping each ring of the area against its edges is exact:
** first against the circle's box (long rings shrink to their few vertices
** near it), then against each edge whose line crosses the ring's box (the
** others would keep it whole). Where a concave ring leaves and comes
** back, the output runs back and forth along a clip edge; those zero-width
** bridges cancel in the boundary sum of the area (local_area.c) up to their
** lenses, a relative 1e-7 of the circle at most on very concave rings
** (test_clip_circle.c). Holes subtract.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/overlap_internal.h"

static int reserve(sl_clip_buf *b, size_t n)
{
    if (n <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < n)
        cap *= 2;
    double *v[4];
    for (int i = 0; i < 4; i++) {
        v[i] = realloc(b->v[i], cap * sizeof *v[i]);
        if (!v[i])
            return -1;
        b->v[i] = v[i];
    }
    b->cap = cap;
    return 0;
}

int sl_convex_orientation(const double *x, const double *y, size_t n)
{
    int sign = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = (i + 1) % n, k = (i + 2) % n;
        double c = (x[j] - x[i]) * (y[k] - y[j]) - (y[j] - y[i]) * (x[k] - x[j]);
        int s = c > 0 ? 1 : c < 0 ? -1 : 0;
        if (s == 0 || (sign && s != sign))
            return 0;
        sign = s;
    }
    return sign;
}

/* Keep the part of ring (X, Y, N vertices, open) on the inner side of the
** line A->B (SIGN: +1 left, -1 right) into (OX, OY); returns its size. */
static size_t clip_half(const double *x, const double *y, size_t n, double ax, double ay, double bx, double by,
                        int sign, double *ox, double *oy)
{
    size_t m = 0;
    double ex = bx - ax, ey = by - ay;
    double sx = x[n - 1], sy = y[n - 1], ds = sign * (ex * (sy - ay) - ey * (sx - ax));
    for (size_t i = 0; i < n; i++) {
        double px = x[i], py = y[i], dp = sign * (ex * (py - ay) - ey * (px - ax));
        if ((dp >= 0) != (ds >= 0)) {
            double t = ds / (ds - dp);
            ox[m] = sx + t * (px - sx);
            oy[m++] = sy + t * (py - sy);
        }
        if (dp >= 0) {
            ox[m] = px;
            oy[m++] = py;
        }
        sx = px, sy = py, ds = dp;
    }
    return m;
}

/* The box {minx, miny, maxx, maxy} of the N points X, Y (N > 0). */
static void ring_box(const double *x, const double *y, size_t n, double box[4])
{
    box[0] = box[2] = x[0], box[1] = box[3] = y[0];
    for (size_t k = 1; k < n; k++) {
        box[0] = x[k] < box[0] ? x[k] : box[0], box[2] = x[k] > box[2] ? x[k] : box[2];
        box[1] = y[k] < box[1] ? y[k] : box[1], box[3] = y[k] > box[3] ? y[k] : box[3];
    }
}

/* 1 when every point of BOX {minx, miny, maxx, maxy} is on the inner side
** of the line A->B (SIGN as clip_half's) with room to spare: then each
** vertex of a ring inside BOX is kept by clip_half, which would copy the
** ring unchanged. The side's measure is linear, so over the box it is
** least at the corner the line's direction picks: only that corner is
** tested. The room, a relative 1e-9 of the coordinates, is far above the
** rounding of clip_half's test (an ulp of a coordinate times the edge),
** so a vertex it keeps here it would have kept there, and a corner that
** rounding made look least, if it was not, was within that rounding of
** the least. */
static int holds_box(double ax, double ay, double bx, double by, int sign, const double box[4])
{
    double ex = bx - ax, ey = by - ay;
    double room = 1e-9 * (fabs(ex) + fabs(ey)) * (1 + fabs(ax) + fabs(ay) + fabs(box[2] - box[0]) + fabs(box[3] - box[1]));
    double px = sign * ey > 0 ? box[2] : box[0], py = sign * ex > 0 ? box[1] : box[3];
    return sign * (ex * (py - ay) - ey * (px - ax)) > room;
}

double sl_clip_convex_ring(const double *x, const double *y, size_t n, const double ring_box_or_null[4],
                           const double *cx, const double *cy, size_t nc, int orientation, const sl_local_area *l,
                           sl_clip_buf *b)
{
    double box[4];
    ring_box(cx, cy, nc, box);
    /* The box as a counter-clockwise square, clipped to first. */
    const double bxs[4] = {box[0], box[2], box[2], box[0]}, bys[4] = {box[1], box[1], box[3], box[3]};
    /* Each pass adds at most one vertex per clip edge crossed. */
    if (reserve(b, 2 * n + 2 * nc + 8))
        return NAN;
    int cur = 0;
    /* A pass that would keep every vertex copies the ring as it is:
    ** skipped. For the box's sides the ring's own box tells exactly
    ** (clip_half's sign of (maxx - minx) * (py - miny) is py >= miny's);
    ** an area crossing the circle on one side lies wholly inside most of
    ** the circle's edges' lines too (holds_box). Clipped vertices stay
    ** inside the ring's box, so one box serves every pass. */
    double rb[4];
    if (ring_box_or_null)
        memcpy(rb, ring_box_or_null, sizeof rb);
    else
        ring_box(x, y, n, rb);
    const int inside_side[4] = {rb[1] >= box[1], rb[2] <= box[2], rb[3] <= box[3], rb[0] >= box[0]};
    int clipped = 0;
    for (int e = 0; n > 0 && e < 4; e++) {
        if (inside_side[e])
            continue;
        n = clip_half(x, y, n, bxs[e], bys[e], bxs[(e + 1) % 4], bys[(e + 1) % 4], 1, b->v[2 * cur],
                      b->v[2 * cur + 1]);
        x = b->v[2 * cur], y = b->v[2 * cur + 1];
        cur ^= 1;
        clipped = 1;
    }
    /* What the box left is a ring of its own, often a small corner of
    ** a large one: its own box lets more of the circle's edges pass. */
    if (clipped && n > 0)
        ring_box(x, y, n, rb);
    for (size_t e = 0; n > 0 && e < nc; e++) {
        if (holds_box(cx[e], cy[e], cx[(e + 1) % nc], cy[(e + 1) % nc], orientation, rb))
            continue;
        n = clip_half(x, y, n, cx[e], cy[e], cx[(e + 1) % nc], cy[(e + 1) % nc], orientation, b->v[2 * cur],
                      b->v[2 * cur + 1]);
        x = b->v[2 * cur], y = b->v[2 * cur + 1];
        cur ^= 1;
    }
    return n < 3 ? 0 : sl_local_ring_area(l, x, y, n);
}

double sl_clip_convex_area(const sl_polyset *ps, uint32_t a, const double *cx, const double *cy, size_t nc,
                           int orientation, const sl_local_area *l, sl_clip_buf *b)
{
    double area = 0, stored[4];
    /* A one-ring area's box, stored, is its ring's (most tracts and counties). */
    int one_ring = ps->area_ring[a + 1] - ps->area_ring[a] == 1;
    if (one_ring)
        sl_polyset_bounds(ps, a, stored);
    for (size_t r = ps->area_ring[a]; r < ps->area_ring[a + 1]; r++) {
        size_t v0 = ps->ring_vert[r], n = ps->ring_vert[r + 1] - v0;
        if (n < 4)
            continue;
        /* stored closed: the closing vertex is not passed */
        double part = sl_clip_convex_ring(ps->x + v0, ps->y + v0, n - 1, one_ring ? stored : NULL, cx, cy, nc,
                                          orientation, l, b);
        if (isnan(part))
            return part;
        area += ps->ring_outer[r] ? part : -part;
    }
    return fmax(area, 0);
}
