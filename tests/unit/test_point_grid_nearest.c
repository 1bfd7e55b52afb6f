/*
** test_point_grid_nearest.c — the grid's nearest-point search: the same point
** and distance as checking every point (ties to the lowest index), anywhere
** on the globe (poles, antimeridian, far from every point), and a query
** thousands of kilometres from a million points costs a row walk, not a scan
** of the million.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "sightline/geo/spatial.h"

static double uniform(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

static long brute_nearest(const double *lon, const double *lat, size_t n, double qlat, double qlon, double *best_d)
{
    long best = -1;
    *best_d = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double d = sl_distance_m(qlat, qlon, lat[i], lon[i]);
        if (d < *best_d || (d == *best_d && (long)i < best)) best = (long)i, *best_d = d;
    }
    return best;
}

/* Clusters over the lower 48, a few points near each pole and on both sides
** of the antimeridian, and exact duplicates (ties); queries everywhere. */
static void test_same_as_every_point(void **state)
{
    (void)state;
    enum { N = 20000, Q = 600 };
    double *lon = malloc(N * sizeof *lon), *lat = malloc(N * sizeof *lat);
    uint64_t st = 11;
    for (size_t i = 0; i < N; i++) {
        if (i % 1000 == 1) lon[i] = 179.9995 - uniform(&st) * 0.002, lat[i] = -60 + 120 * uniform(&st);
        else if (i % 1000 == 2) lon[i] = -180 + 360 * uniform(&st), lat[i] = (i % 2 ? 89.9 : -89.9) + 0.05 * uniform(&st);
        else if (i % 97 == 3) lon[i] = lon[i - 1], lat[i] = lat[i - 1];
        else lon[i] = -124 + 57 * uniform(&st) * uniform(&st), lat[i] = 25 + 24 * uniform(&st);
    }
    for (double cell = 50; cell <= 50000; cell *= 10) {
        sl_point_grid *g;
        sl_error err;
        assert_int_equal(sl_point_grid_build(lon, lat, N, cell, &g, &err), SL_OK);
        for (int k = 0; k < Q; k++) {
            double qlat = -90 + 180 * uniform(&st), qlon = -180 + 360 * uniform(&st);
            if (k % 5 == 0) qlat = 25 + 24 * uniform(&st), qlon = -124 + 57 * uniform(&st); /* among the points */
            if (k % 7 == 0) qlon = k % 2 ? 180 : -180;
            if (k % 11 == 0) qlat = k % 2 ? 90 : -90;
            double want_d, got_d;
            long want = brute_nearest(lon, lat, N, qlat, qlon, &want_d);
            long got = sl_point_grid_nearest(g, qlat, qlon, &got_d);
            if (got != want)
                print_message("cell %g query %.6f,%.6f: got %ld at %.3f m, want %ld at %.3f m\n", cell, qlat, qlon,
                              got, got_d, want, want_d);
            assert_int_equal(got, want);
            assert_true(got_d == want_d);
        }
        sl_point_grid_free(g);
    }
    free(lon);
    free(lat);
}

/* A million cameras in one state-sized cluster and 50 sites in the Pacific
** (Guam and beyond, 5,000-9,000 km away), on a 400 m grid as `near` builds it:
** a radius doubled until it held a point scanned the million points for each
** site several times (22 s of CPU for the 50); walking the rows, under a second. */
static void test_far_sites_are_cheap(void **state)
{
    (void)state;
    enum { N = 1000000 };
    double *lon = malloc(N * sizeof *lon), *lat = malloc(N * sizeof *lat);
    uint64_t st = 5;
    for (size_t i = 0; i < N; i++) lon[i] = -90 + 5 * uniform(&st), lat[i] = 35 + 4 * uniform(&st);
    sl_point_grid *g;
    sl_error err;
    assert_int_equal(sl_point_grid_build(lon, lat, N, 400, &g, &err), SL_OK);
    clock_t t0 = clock();
    for (int k = 0; k < 50; k++) {
        double d;
        assert_true(sl_point_grid_nearest(g, 13.4 + 0.1 * k, 144.7 + 0.3 * k, &d) >= 0);
        assert_true(d > 5e6);
    }
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("50 far sites over %d points: %.3f s of CPU\n", N, cpu);
    assert_true(cpu < 3);
    double want_d, got_d;
    long want = brute_nearest(lon, lat, N, 13.4, 144.7, &want_d);
    assert_int_equal(sl_point_grid_nearest(g, 13.4, 144.7, &got_d), want);
    assert_true(got_d == want_d);
    sl_point_grid_free(g);
    free(lon);
    free(lat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_every_point),
        cmocka_unit_test(test_far_sites_are_cheap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
