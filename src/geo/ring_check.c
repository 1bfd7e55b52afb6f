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

/* How many times the closed ring winds around (CX, CY) when every edge
** turns strictly the same way around it: > 0 counterclockwise, < 0
** clockwise; 0 when some edge does not. One turn means simple (see the top
** of the file). */
static long turns_about(const double *x, const double *y, size_t n, double cx, double cy)
{
    if (n < 4 || x[0] != x[n - 1] || y[0] != y[n - 1])
        return 0;
    /* Clockwise rings are read backwards: the same test on the reversed ring. */
    int ccw = turns_left(cx, cy, x[0], y[0], x[1], y[1]);
    if (!ccw && !turns_left(cx, cy, x[1], y[1], x[0], y[0]))
        return 0;
    long crossings = 0;
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
    return ccw ? crossings : -crossings;
}

/* turns_about the mean C of the ring's vertices (set when N >= 1). */
static long star_turns(const double *x, const double *y, size_t n, double c[2])
{
    double cx = 0, cy = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        cx += x[i];
        cy += y[i];
    }
    c[0] = n > 1 ? cx / (double)(n - 1) : 0;
    c[1] = n > 1 ? cy / (double)(n - 1) : 0;
    return turns_about(x, y, n, c[0], c[1]);
}

int sl_ring_star_simple(const double *x, const double *y, size_t n)
{
    double c[2];
    long turns = star_turns(x, y, n, c);
    return turns == 1 || turns == -1;
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

/* The points of the ring R, x then y, in one owned array; NULL when R has
** fewer than 4 points or memory is short (then GEOS decides). */
static double *ring_points(OGRGeometryH r, size_t *n_out)
{
    int n = r ? OGR_G_GetPointCount(r) : 0;
    double *x = n >= 4 ? malloc(2 * (size_t)n * sizeof *x) : NULL;
    if (x)
        OGR_G_GetPoints(r, x, sizeof(double), x + n, sizeof(double), NULL, 0);
    *n_out = (size_t)n;
    return x;
}

int sl_polygon_surely_valid(void *geometry)
{
    size_t n;
    double *x = geometry ? ring_points(only_ring((OGRGeometryH)geometry), &n) : NULL, c[2];
    long turns = x ? star_turns(x, x + n, n, c) : 0;
    free(x);
    return turns == 1 || turns == -1;
}

/* The fan C, (X[i], Y[i]) for i in [S, E] (backwards when REVERSED), C as a
** polygon, moved by -C. BUF holds 2 (E - S + 3) doubles. */
static OGRGeometryH fan_polygon(const double *x, const double *y, size_t s, size_t e, const double c[2],
                                int reversed, double *buf)
{
    size_t m = 0;
    buf[m++] = 0;
    for (size_t i = s; i <= e; i++) buf[m++] = x[reversed ? e - (i - s) : i] - c[0];
    buf[m++] = 0;
    double *by = buf + m;
    by[0] = 0;
    for (size_t i = s; i <= e; i++) by[i - s + 1] = y[reversed ? e - (i - s) : i] - c[1];
    by[m - 1] = 0;
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing), poly = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_SetPoints(ring, (int)m, buf, sizeof(double), by, sizeof(double), NULL, 0);
    OGR_G_AddGeometryDirectly(poly, ring);
    return poly;
}

/* Moves every ring of the polygon or multipolygon G by C; 0 when short of
** memory. */
static int shift_rings(OGRGeometryH g, const double c[2])
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon || t == wkbMultiPolygon) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
            if (!shift_rings(OGR_G_GetGeometryRef(g, i), c))
                return 0;
        return 1;
    }
    int n = OGR_G_GetPointCount(g);
    double *x = malloc(2 * (size_t)n * sizeof *x + 1), *y = x + n;
    if (!x)
        return 0;
    OGR_G_GetPoints(g, x, sizeof(double), y, sizeof(double), NULL, 0);
    for (int i = 0; i < n; i++) {
        x[i] += c[0];
        y[i] += c[1];
    }
    OGR_G_SetPoints(g, n, x, sizeof(double), y, sizeof(double), NULL, 0);
    free(x);
    return 1;
}

/* 1 when G, moved back after the union (which rounds), is still valid:
** as a rule a ring once around C (the fans' union is star-shaped about C),
** proven in linear time; else GEOS's check. */
static int proven_or_valid(OGRGeometryH g, const double c[2])
{
    size_t n;
    double *x = ring_points(only_ring(g), &n);
    long turns = x ? turns_about(x, x + n, n, c[0], c[1]) : 0;
    free(x);
    return turns == 1 || turns == -1 || OGR_G_IsValid(g);
}

/* The area covered by a ring turning strictly counterclockwise (as stored,
** or read backwards when REVERSED) around C, TURNS > 1 times: the union of
** the triangles C, v[i], v[i+1]. The ring is cut into runs of less than a
** full turn, each run's fan from C a simple star-shaped polygon, and GEOS
** unions the few fans. NULL when GEOS fails. */
static OGRGeometryH union_of_fans(const double *x, const double *y, size_t n, const double c[2], int reversed)
{
    double *buf = malloc(2 * (n + 2) * sizeof *buf);
    OGRGeometryH fans = buf ? OGR_G_CreateGeometry(wkbMultiPolygon) : NULL;
    if (!fans) {
        free(buf);
        return NULL;
    }
#define PX(i) x[reversed ? n - 1 - (i) : (i)]
#define PY(i) y[reversed ? n - 1 - (i) : (i)]
    for (size_t s = 0; s + 1 < n;) {
        /* A run from v[s] ends at the vertex before the edge that comes
        ** round to v[s]'s direction again, half-open: less than a turn. */
        size_t e = s + 1;
        while (e + 1 < n && !(turns_left(c[0], c[1], PX(e), PY(e), PX(s), PY(s)) &&
                              !turns_left(c[0], c[1], PX(e + 1), PY(e + 1), PX(s), PY(s))))
            e++;
        OGR_G_AddGeometryDirectly(fans, fan_polygon(x, y, reversed ? n - 1 - e : s,
                                                    reversed ? n - 1 - s : e, c, reversed, buf));
        s = e;
    }
#undef PX
#undef PY
    free(buf);
    OGRGeometryH covered = OGR_G_UnionCascaded(fans);
    OGR_G_DestroyGeometry(fans);
    if (covered && (!shift_rings(covered, c) || !proven_or_valid(covered, c))) {
        OGR_G_DestroyGeometry(covered);
        covered = NULL;
    }
    return covered;
}

void *sl_polygon_make_valid(void *geometry)
{
    /* A ring turning one way around a point many times has no inverted lobe
    ** (every winding number has one sign), so the structure method's answer
    ** is the area it sweeps: the union of its fans, much cheaper than the
    ** method's two zero-width buffers and their union (geo/ring_check.h). */
    size_t n;
    double *x = ring_points(only_ring((OGRGeometryH)geometry), &n), c[2];
    long turns = x ? star_turns(x, x + n, n, c) : 0;
    OGRGeometryH covered = turns > 1 || turns < -1 ? union_of_fans(x, x + n, n, c, turns < 0) : NULL;
    free(x);
    if (covered && !OGR_G_IsEmpty(covered))
        return covered;
    if (covered)
        OGR_G_DestroyGeometry(covered);
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

int sl_polygon_clean(void *g, void **fixed)
{
    *fixed = NULL;
    if (sl_polygon_surely_valid(g) || OGR_G_IsValid((OGRGeometryH)g)) return 0;
    *fixed = sl_polygon_make_valid(g);
    return 1;
}
