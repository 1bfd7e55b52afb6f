/*
** test_ring_check.c — the linear-time simplicity proof for star-shaped rings
** (src/geo/ring_check.c), which lets `import areas` skip GEOS's validity
** check. What it accepts must be valid: hand-made rings each way, then
** thousands of random rings (star-shaped, scrambled, self-crossing, wound
** twice) checked against OGR_G_IsValid. It must also accept the shapes it
** exists for: circles, convex squares, the benchmark's star. And rings
** wound one way many times, repaired as the union of their fans, must come
** out valid with the structure method's area.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include <cpl_error.h>
#include <ogr_api.h>

#include "geo/ring_check.h"

#define PI 3.14159265358979323846

static int simple(const double *xy, size_t n) /* n points, closed by the caller */
{
    double x[64], y[64];
    for (size_t i = 0; i < n; i++) {
        x[i] = xy[2 * i];
        y[i] = xy[2 * i + 1];
    }
    return sl_ring_star_simple(x, y, n);
}

static void test_hand_made(void **state)
{
    (void)state;
    const double square[] = {0, 0, 1, 0, 1, 1, 0, 1, 0, 0};
    const double square_cw[] = {0, 0, 0, 1, 1, 1, 1, 0, 0, 0};
    const double triangle[] = {0, 0, 4, 0, 0, 3, 0, 0};
    const double bowtie[] = {0, 0, 1, 1, 1, 0, 0, 1, 0, 0};
    const double twice[] = {1, 0, 0, 1, -1, 0, 0, -1, 1, 0, 0, 1, -1, 0, 0, -1, 1, 0};
    const double unclosed[] = {0, 0, 1, 0, 1, 1, 0, 1};
    const double repeated[] = {0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0};
    const double collinear[] = {0, 0, 1, 0, 2, 0, 0, 0};
    const double spike[] = {0, 0, 2, 0, 2, 2, 3, 3, 2, 2, 0, 2, 0, 0};
    const double nan_pt[] = {0, 0, 1, 0, NAN, 1, 0, 1, 0, 0};
    assert_int_equal(simple(square, 5), 1);
    assert_int_equal(simple(square_cw, 5), 1);
    assert_int_equal(simple(triangle, 4), 1);
    assert_int_equal(simple(bowtie, 5), 0);
    assert_int_equal(simple(twice, 9), 0);
    assert_int_equal(simple(unclosed, 4), 0);
    assert_int_equal(simple(repeated, 6), 0);
    assert_int_equal(simple(collinear, 4), 0);
    assert_int_equal(simple(spike, 7), 0);
    assert_int_equal(simple(nan_pt, 5), 0);
}

/* A ring of N vertices at angles ANG (radians) and radii R, closed, in X/Y
** and as an OGR polygon (through WKT: %.17g gives the doubles back). */
static OGRGeometryH make_polygon(const double *ang, const double *r, size_t n, double *x, double *y)
{
    static char wkt[64 * 40 * 2 + 64];
    size_t at = (size_t)snprintf(wkt, sizeof wkt, "POLYGON((");
    for (size_t i = 0; i <= n; i++) {
        size_t k = i % n;
        x[i] = r[k] * cos(ang[k]);
        y[i] = r[k] * sin(ang[k]);
        at += (size_t)snprintf(wkt + at, sizeof wkt - at, "%s%.17g %.17g", i ? "," : "", x[i], y[i]);
    }
    snprintf(wkt + at, sizeof wkt - at, "))");
    char *cursor = wkt;
    OGRGeometryH poly = NULL;
    assert_int_equal(OGR_G_CreateFromWkt(&cursor, NULL, &poly), OGRERR_NONE);
    return poly;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Random rings of every kind: whatever the proof accepts, GEOS must call
** valid; and star-shaped rings around their mean must mostly be accepted. */
static void test_random_against_geos(void **state)
{
    (void)state;
    enum { N = 40, ROUNDS = 4000 };
    CPLPushErrorHandler(CPLQuietErrorHandler); /* GEOS's "Self-intersection at ..." */
    double ang[N], r[N], x[N + 1], y[N + 1];
    unsigned seed = 12345;
    int accepted = 0, valid = 0, stars = 0, stars_accepted = 0;
    for (int round = 0; round < ROUNDS; round++) {
        int kind = round % 4;
        size_t n = 3 + (size_t)(rand_r(&seed) % (N - 3));
        for (size_t i = 0; i < n; i++) {
            ang[i] = 2 * PI * rand_r(&seed) / ((double)RAND_MAX + 1);
            /* kind 0: near-round rings (their vertex mean is in the kernel
            ** as a rule); the others: radii from 0.2 to 1.2 */
            double u = rand_r(&seed) / ((double)RAND_MAX + 1);
            r[i] = kind == 0 ? 0.8 + 0.4 * u : 0.2 + u;
        }
        if (kind != 1) qsort(ang, n, sizeof *ang, cmp_double); /* kind 1: scrambled */
        if (kind == 2) /* swap two neighbours: often self-crossing */
        {
            size_t i = (size_t)rand_r(&seed) % (n - 1);
            double t = ang[i]; ang[i] = ang[i + 1] + 0.3; ang[i + 1] = t;
        }
        if (kind == 3) /* wound twice: every angle doubled */
            for (size_t i = 0; i < n; i++) ang[i] *= 2;
        OGRGeometryH poly = make_polygon(ang, r, n, x, y);
        int ours = sl_ring_star_simple(x, y, n + 1);
        assert_int_equal(ours, sl_polygon_surely_valid(poly));
        int geos = OGR_G_IsValid(poly);
        if (ours && !geos) fail_msg("round %d: accepted a ring GEOS calls invalid", round);
        accepted += ours;
        valid += geos;
        if (kind == 0 && n >= 8) {
            stars++;
            stars_accepted += ours;
        }
        OGR_G_DestroyGeometry(poly);
    }
    assert_true(valid >= accepted);
    assert_true(stars_accepted > stars / 2);
    CPLPopErrorHandler();
    print_message("accepted %d of %d rings (GEOS: %d valid); star-shaped: %d of %d\n", accepted, ROUNDS,
                  valid, stars_accepted, stars);
}

/* The shapes it is for: a 100k-vertex circle and the benchmark's star
** (radii 1.0 / 0.9 alternating), each way round; and a polygon with a hole
** or two parts is left to GEOS. */
static void test_circle_and_star(void **state)
{
    (void)state;
    enum { N = 100000 };
    double *x = malloc((N + 1) * sizeof *x), *y = malloc((N + 1) * sizeof *y);
    for (int star = 0; star < 2; star++)
        for (int cw = 0; cw < 2; cw++) {
            for (int i = 0; i <= N; i++) {
                int k = i % N, j = cw ? N - k : k;
                double rr = star && j % 2 ? 0.9 : 1.0, a = 2 * PI * j / N;
                x[i] = rr * cos(a);
                y[i] = rr * sin(a);
            }
            x[N] = x[0];
            y[N] = y[0];
            assert_int_equal(sl_ring_star_simple(x, y, N + 1), 1);
        }
    free(x);
    free(y);
    char *holed = "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))";
    char *two = "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))";
    char *one = "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))";
    OGRGeometryH g = NULL;
    assert_int_equal(OGR_G_CreateFromWkt(&holed, NULL, &g), OGRERR_NONE);
    assert_int_equal(sl_polygon_surely_valid(g), 0);
    OGR_G_DestroyGeometry(g);
    assert_int_equal(OGR_G_CreateFromWkt(&two, NULL, &g), OGRERR_NONE);
    assert_int_equal(sl_polygon_surely_valid(g), 0);
    OGR_G_DestroyGeometry(g);
    assert_int_equal(OGR_G_CreateFromWkt(&one, NULL, &g), OGRERR_NONE);
    assert_int_equal(sl_polygon_surely_valid(g), 1);
    OGR_G_DestroyGeometry(g);
}

/* |shoelace| of the ring R (an OGR linear ring). */
static double ring_area(OGRGeometryH r)
{
    int n = OGR_G_GetPointCount(r);
    double *x = malloc(2 * (size_t)n * sizeof *x), *y = x + n, a = 0;
    OGR_G_GetPoints(r, x, sizeof(double), y, sizeof(double), NULL, 0);
    for (int i = 0; i + 1 < n; i++) a += x[i] * y[i + 1] - x[i + 1] * y[i];
    free(x);
    return fabs(a) / 2;
}

/* Area of a polygon or multipolygon: shells minus holes. */
static double poly_area(OGRGeometryH g)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    double a = 0;
    if (t == wkbMultiPolygon) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) a += poly_area(OGR_G_GetGeometryRef(g, i));
        return a;
    }
    assert_int_equal(t, wkbPolygon);
    for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
        a += (i ? -1 : 1) * ring_area(OGR_G_GetGeometryRef(g, i));
    return a;
}

/* A ring of N vertices winding TURNS times around (cx, cy) at radius 1 with
** a radial jitter JITTER (the hostile-input shape of `import areas`), or
** with every other turn run backwards (an inverted lobe: not one way). */
static OGRGeometryH wound_ring(int n, int turns, double jitter, int backwards, unsigned *seed)
{
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing), poly = OGR_G_CreateGeometry(wkbPolygon);
    double x0 = 0, y0 = 0;
    for (int i = 0; i < n; i++) {
        double a = 2 * PI * turns * i / n, r = 1 + jitter * rand_r(seed) / ((double)RAND_MAX + 1);
        if (backwards && (turns * i / n) % 2) a = -a + 0.3;
        double x = -87.65 + 0.01 * r * cos(a), y = 41.88 + 0.01 * r * sin(a);
        if (!i) { x0 = x; y0 = y; }
        OGR_G_SetPoint_2D(ring, i, x, y);
    }
    OGR_G_SetPoint_2D(ring, n, x0, y0);
    OGR_G_AddGeometry(poly, ring);
    OGR_G_DestroyGeometry(ring);
    return poly;
}

/* sl_polygon_make_valid repairs a ring wound one way many times by a single
** zero-width buffer (the structure method's work done once): the result must
** be valid and cover the structure method's area to 1e-9, each way round,
** and rings with an inverted lobe must keep both lobes as before. */
static void test_wound_rings_repair_as_structure(void **state)
{
    (void)state;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    unsigned seed = 777;
    char *structure[] = {"METHOD=STRUCTURE", NULL};
    const struct { int n, turns; double jitter; int backwards; } cases[] = {
        {20000, 7, 0.05, 0}, {3000, 2, 0.3, 0}, {5000, 3, 0.5, 0}, {999, 9, 0.02, 0},
        {4000, 4, 0.05, 1}, {2000, 2, 0.2, 1},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
        for (int reversed = 0; reversed < 2; reversed++) {
            OGRGeometryH g = wound_ring(cases[c].n, cases[c].turns, cases[c].jitter, cases[c].backwards, &seed);
            if (reversed) {
                OGRGeometryH r = OGR_G_GetGeometryRef(g, 0);
                int n = OGR_G_GetPointCount(r);
                double *x = malloc(2 * (size_t)n * sizeof *x), *y = x + n;
                OGR_G_GetPoints(r, x, sizeof(double), y, sizeof(double), NULL, 0);
                for (int i = 0; i < n; i++) OGR_G_SetPoint_2D(r, i, x[n - 1 - i], y[n - 1 - i]);
                free(x);
            }
            assert_int_equal(OGR_G_IsValid(g), 0);
            assert_int_equal(sl_polygon_surely_valid(g), 0);
            OGRGeometryH ours = sl_polygon_make_valid(g), ref = OGR_G_MakeValidEx(g, structure);
            assert_non_null(ours);
            assert_non_null(ref);
            if (!OGR_G_IsValid(ours)) fail_msg("case %zu rev %d invalid", c, reversed);
            double a = poly_area(ours), b = poly_area(ref);
            if (!(fabs(a - b) <= 1e-9 * b) || b <= 0)
                fail_msg("case %zu%s: area %.17g, structure method %.17g", c, reversed ? " reversed" : "", a, b);
            OGR_G_DestroyGeometry(ours);
            OGR_G_DestroyGeometry(ref);
            OGR_G_DestroyGeometry(g);
        }
    CPLPopErrorHandler();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_made),
        cmocka_unit_test(test_random_against_geos),
        cmocka_unit_test(test_circle_and_star),
        cmocka_unit_test(test_wound_rings_repair_as_structure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
