/*
** test_clip_circle.c — the one-pass clip of an area against a request
** circle (src/geo/clip_circle.c) against GEOS's overlay and against
** Sutherland-Hodgman (src/geo/clip_convex.c), which clips one edge of the
** circle at a time.
**
** The one-pass clip adds up the ring's pieces inside the circle and the
** circle's arcs inside the ring; it must give the area of GEOS's overlay
** of the two, measured by the same local formula, to a relative 1e-9 of
** the circle's area, and Sutherland-Hodgman's to the 1e-6 the weights
** keep (its bridges along the circle do not quite cancel), on every kind
** of ring a city's tracts show: concave rings crossing the circle many
** times, in either orientation, with holes, rings wholly inside or outside, rings
** holding the whole circle, long rings (whose runs far from the circle are
** passed over, and whose runs inside are summed from their moments), and
** a hole that holds the circle's centre; random rings never fall back to
** Sutherland-Hodgman. Rings through the circle's own vertices, or along
** one of its edges, must be measured right too (the clip hands a ring
** whose crossings do not alternate to Sutherland-Hodgman; these do not
** need it). As no ring here needs that fallback, every area is also
** measured with every ring handed to it (sl_clip_buf.fall_back).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <cmocka.h>
#include <geos_c.h>

#include "geo/overlap_internal.h"

enum { MAX_VERTICES = 4000 };

static double next_uniform(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

/* A circle of RADIUS m around (LON, LAT), ready for both clips. */
typedef struct circle {
    double lon, lat, cx[SL_CIRCLE_VERTICES], cy[SL_CIRCLE_VERTICES], area;
    sl_local_area l;
    sl_clip_circle c;
} circle;

static void make_circle(circle *k, double lon, double lat, double radius)
{
    sl_circle_table t;
    struct geod_geodesic g;
    sl_circle_table_init(&t);
    sl_ground_wgs84(&g);
    k->lon = lon, k->lat = lat;
    sl_circle_vertices(&t, &g, lon, lat, radius, k->cx, k->cy);
    sl_local_area_init(&k->l, lat);
    double kx = 111320 * cos(lat * M_PI / 180), ky = 110574;
    assert_int_equal(sl_clip_circle_init(&k->c, k->cx, k->cy, SL_CIRCLE_VERTICES, -1, lon, lat, kx, ky, &k->l), 0);
    k->area = fabs(k->c.edge_sum[SL_CIRCLE_VERTICES]);
    double polygon = SL_CIRCLE_VERTICES / 2.0 * radius * radius * sin(2 * M_PI / SL_CIRCLE_VERTICES);
    assert_true(fabs(k->area - polygon) < 1e-6 * polygon);
}

/* A star-shaped ring of N vertices around (LON, LAT), at distances in
** [LO, HI] m (degrees from metres near the equator are close enough),
** counter-clockwise unless REVERSED. */
static void star(uint64_t *rng, double lon, double lat, double lo, double hi, int n, int reversed, double *x,
                 double *y)
{
    for (int k = 0; k < n; k++) {
        double a = 2 * M_PI * (reversed ? n - k : k) / n, d = lo + (hi - lo) * next_uniform(rng);
        x[k] = lon + d * cos(a) / (111320 * cos(lat * M_PI / 180));
        y[k] = lat + d * sin(a) / 110574;
    }
}

/* GEOS ring of N vertices (X, Y), closed here. */
static GEOSGeometry *geos_ring(GEOSContextHandle_t h, const double *x, const double *y, size_t n)
{
    GEOSCoordSequence *seq = GEOSCoordSeq_create_r(h, (unsigned)n + 1, 2);
    for (size_t i = 0; i <= n; i++)
        GEOSCoordSeq_setXY_r(h, seq, (unsigned)i, x[i % n], y[i % n]);
    return GEOSGeom_createLinearRing_r(h, seq);
}

/* Area by L of the polygons in G, as the splitter measures GEOS's pieces. */
static double geos_area(GEOSContextHandle_t h, const GEOSGeometry *g, const sl_local_area *l)
{
    int type = GEOSGeomTypeId_r(h, g);
    double a = 0, x[MAX_VERTICES], y[MAX_VERTICES];
    if (type == GEOS_POLYGON && !GEOSisEmpty_r(h, g)) {
        int holes = GEOSGetNumInteriorRings_r(h, g);
        for (int r = -1; r < holes; r++) {
            const GEOSGeometry *ring = r < 0 ? GEOSGetExteriorRing_r(h, g) : GEOSGetInteriorRingN_r(h, g, r);
            const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, ring);
            unsigned n = 0;
            GEOSCoordSeq_getSize_r(h, seq, &n);
            assert_true(n <= MAX_VERTICES);
            GEOSCoordSeq_copyToArrays_r(h, seq, x, y, NULL, NULL);
            double part = n >= 4 ? sl_local_ring_area(l, x, y, n - 1) : 0;
            a += r < 0 ? part : -part;
        }
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(h, g); i++)
            a += geos_area(h, GEOSGetGeometryN_r(h, g, i), l);
    }
    return a;
}

/* Area A of PS inside K by GEOS's overlay: the reference. */
static double by_geos(const sl_polyset *ps, uint32_t a, const circle *k)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSGeometry *disc = GEOSGeom_createPolygon_r(h, geos_ring(h, k->cx, k->cy, SL_CIRCLE_VERTICES), NULL, 0);
    double area = 0;
    for (size_t r = ps->area_ring[a]; r < ps->area_ring[a + 1]; r++) {
        size_t v0 = ps->ring_vert[r], n = ps->ring_vert[r + 1] - v0 - 1;
        GEOSGeometry *ring = GEOSGeom_createPolygon_r(h, geos_ring(h, ps->x + v0, ps->y + v0, n), NULL, 0);
        GEOSGeometry *piece = GEOSIntersection_r(h, ring, disc); /* each ring is a simple polygon of its own */
        double part = geos_area(h, piece, &k->l);
        area += ps->ring_outer[r] ? part : -part;
        GEOSGeom_destroy_r(h, piece);
        GEOSGeom_destroy_r(h, ring);
    }
    GEOSGeom_destroy_r(h, disc);
    GEOS_finish_r(h);
    return fmax(area, 0);
}

/* The one-pass clip of area A of PS against K, relative to the circle's
** area: within 1e-9 of GEOS's overlay measured the same way (it comes
** within 4e-13), and of Sutherland-Hodgman within the 1e-6 the weights
** keep (its bridges leave up to 1.3e-7 on these rings); and its fallback,
** every ring handed to Sutherland-Hodgman, within that 1e-6 of GEOS. */
static void check_area(const sl_polyset *ps, const sl_clip_rings *cr, uint32_t a, const circle *k, sl_clip_buf *b)
{
    double one = sl_clip_circle_area(&k->c, cr, ps, a, b), geos = by_geos(ps, a, k);
    int orientation = sl_convex_orientation(k->cx, k->cy, SL_CIRCLE_VERTICES);
    double sh = sl_clip_convex_area(ps, a, k->cx, k->cy, SL_CIRCLE_VERTICES, orientation, &k->l, b);
    if (!(fabs(one - geos) < 1e-9 * k->area))
        print_message("area %u: one pass %.12g, GEOS %.12g (circle %.12g)\n", a, one, geos, k->area);
    assert_true(fabs(one - geos) < 1e-9 * k->area);
    assert_true(fabs(one - sh) < 1e-6 * k->area);
    size_t before = b->fallbacks;
    b->fall_back = 1;
    double fell = sl_clip_circle_area(&k->c, cr, ps, a, b);
    b->fall_back = 0;
    assert_true(fabs(fell - geos) < 1e-6 * k->area);
    assert_int_equal(b->fallbacks - before, ps->area_ring[a + 1] - ps->area_ring[a]);
    b->fallbacks = before;
}

static void add_area(sl_polyset *ps, const double *x, const double *y, size_t n, int outer)
{
    sl_error err;
    assert_int_equal(sl_polyset_add_ring(ps, x, 1, y, 1, n, outer, &err), SL_OK);
}

static void begin(sl_polyset *ps)
{
    sl_error err;
    assert_int_equal(sl_polyset_begin_area(ps, "a", 0, &err), SL_OK);
}

/* An area of the one ring (X, Y), N vertices. */
static void one_ring(sl_polyset *ps, const double *x, const double *y, size_t n)
{
    begin(ps);
    add_area(ps, x, y, n, 1);
    sl_polyset_end_area(ps);
}

static void free_buf(sl_clip_buf *b)
{
    for (int i = 0; i < 4; i++) free(b->v[i]);
    free(b->cross);
}

static void test_random_rings(void **state)
{
    (void)state;
    uint64_t rng = 2018;
    static double x[MAX_VERTICES], y[MAX_VERTICES];
    sl_clip_buf b = {0};
    for (int trial = 0; trial < 100; trial++) {
        double lat = (next_uniform(&rng) * 2 - 1) * 60, lon = (next_uniform(&rng) * 2 - 1) * 170;
        double radius = 200 + 1400 * next_uniform(&rng);
        circle k;
        make_circle(&k, lon, lat, radius);
        sl_polyset *ps;
        sl_error err;
        assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
        /* one area per shape, each about the circle or beside it */
        for (int shape = 0; shape < 8; shape++) {
            double ox = lon + (next_uniform(&rng) - 0.5) * 3 * radius / (111320 * cos(lat * M_PI / 180));
            double oy = lat + (next_uniform(&rng) - 0.5) * 3 * radius / 110574;
            int n = 3 + (int)(next_uniform(&rng) * (shape == 7 ? 1000 : 120));
            double lo = radius * (shape == 5 ? 1.6 : 0.05), hi = radius * (shape == 4 ? 0.4 : 2.5);
            begin(ps);
            star(&rng, shape == 5 ? lon : ox, shape == 5 ? lat : oy, lo, hi, n, shape % 2, x, y);
            add_area(ps, x, y, (size_t)n, 1);
            if (shape == 6) { /* a hole, opposite in orientation, about the centre */
                star(&rng, lon, lat, 0.1 * radius, 0.6 * radius, 40, !(shape % 2), x, y);
                add_area(ps, x, y, 40, 0);
            }
            sl_polyset_end_area(ps);
        }
        sl_clip_rings cr;
        assert_int_equal(sl_clip_rings_build(&cr, ps), 0);
        for (uint32_t a = 0; a < 8; a++)
            check_area(ps, &cr, a, &k, &b);
        sl_clip_rings_free(&cr);
        sl_polyset_free(ps);
    }
    /* random rings never need the fallback */
    assert_int_equal(b.fallbacks, 0);
    free_buf(&b);
}

/* Rings through the circle's own vertices, and along its edges: exact
** degeneracies, measured right all the same. */
static void test_vertices_on_the_circle(void **state)
{
    (void)state;
    circle k;
    make_circle(&k, -73.95, 40.7, 800);
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    double x[8], y[8];
    /* a quadrilateral whose corners are four of the circle's vertices */
    for (int i = 0; i < 4; i++)
        x[i] = k.cx[(64 - 16 * i) % 64], y[i] = k.cy[(64 - 16 * i) % 64];
    one_ring(ps, x, y, 4);
    /* a triangle with one corner on a vertex of the circle, the rest outside */
    x[0] = k.cx[8], y[0] = k.cy[8];
    x[1] = k.cx[8] + 0.02, y[1] = k.cy[8];
    x[2] = k.cx[8], y[2] = k.cy[8] + 0.02;
    one_ring(ps, x, y, 3);
    /* a rectangle sharing part of one of the circle's edges */
    x[0] = k.cx[20], y[0] = k.cy[20];
    x[1] = k.cx[21], y[1] = k.cy[21];
    double ex = k.cx[21] - k.cx[20], ey = k.cy[21] - k.cy[20];
    x[2] = x[1] - ey, y[2] = y[1] + ex;
    x[3] = x[0] - ey, y[3] = y[0] + ex;
    one_ring(ps, x, y, 4);
    /* a triangle outside, one side along a whole edge of the circle and
    ** past both its ends */
    x[0] = k.cx[40] - 0.5 * (k.cx[41] - k.cx[40]), y[0] = k.cy[40] - 0.5 * (k.cy[41] - k.cy[40]);
    x[1] = k.cx[41] + 0.5 * (k.cx[41] - k.cx[40]), y[1] = k.cy[41] + 0.5 * (k.cy[41] - k.cy[40]);
    x[2] = 2 * k.cx[40] - k.lon, y[2] = 2 * k.cy[40] - k.lat;
    one_ring(ps, x, y, 3);
    sl_clip_rings cr;
    assert_int_equal(sl_clip_rings_build(&cr, ps), 0);
    sl_clip_buf b = {0};
    for (uint32_t a = 0; a < 4; a++)
        check_area(ps, &cr, a, &k, &b);
    assert_int_equal(b.fallbacks, 0); /* measured by the walk itself */
    sl_clip_rings_free(&cr);
    sl_polyset_free(ps);
    free_buf(&b);
}

/* A ring holding the whole circle, and one the circle holds whole: the
** circle's own area, and the ring's. */
static void test_whole(void **state)
{
    (void)state;
    circle k;
    make_circle(&k, 2.35, 48.85, 500);
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    double x[4] = {2.3, 2.4, 2.4, 2.3}, y[4] = {48.8, 48.8, 48.9, 48.9};
    one_ring(ps, x, y, 4);
    double sx[4] = {2.349, 2.351, 2.351, 2.349}, sy[4] = {48.849, 48.849, 48.851, 48.851};
    one_ring(ps, sx, sy, 4);
    sl_clip_rings cr;
    assert_int_equal(sl_clip_rings_build(&cr, ps), 0);
    sl_clip_buf b = {0};
    assert_true(sl_clip_circle_area(&k.c, &cr, ps, 0, &b) == k.area);
    double small = sl_local_ring_area(&k.l, sx, sy, 4);
    assert_true(fabs(sl_clip_circle_area(&k.c, &cr, ps, 1, &b) - small) < 1e-9 * small);
    assert_int_equal(b.fallbacks, 0);
    sl_clip_rings_free(&cr);
    sl_polyset_free(ps);
    free_buf(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_rings),
        cmocka_unit_test(test_vertices_on_the_circle),
        cmocka_unit_test(test_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
