/*
** test_ring_check.c — the linear-time simplicity proof for star-shaped rings
** (src/geo/ring_check.c), which lets `import areas` skip GEOS's validity
** check. What it accepts must be valid: hand-made rings each way, then
** thousands of random rings (star-shaped, scrambled, self-crossing, wound
** twice) checked against OGR_G_IsValid. It must also accept the shapes it
** exists for: circles, convex squares, the benchmark's star.
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_made),
        cmocka_unit_test(test_random_against_geos),
        cmocka_unit_test(test_circle_and_star),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
