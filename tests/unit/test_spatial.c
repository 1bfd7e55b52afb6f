/*
** test_spatial.c — the point grid against brute force, unique cameras, and
** equal-area hexagons.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/analysis/cameras.h"
#include "sightline/geo/hexbin.h"
#include "sightline/geo/spatial.h"

#define N 20000

static void random_points(gsl_rng *rng, double *lon, double *lat, size_t n, double w, double s,
                          double e, double nn)
{
    for (size_t i = 0; i < n; i++) {
        lon[i] = w + (e - w) * gsl_rng_uniform(rng);
        lat[i] = s + (nn - s) * gsl_rng_uniform(rng);
    }
}

static void known_distance(void **state)
{
    (void)state;
    /* One degree of latitude on the mean sphere. */
    assert_true(fabs(sl_distance_m(40, -75, 41, -75) - 111195.08) < 0.1);
    assert_true(sl_distance_m(38.9, -77.0, 38.9, -77.0) == 0);
    /* Washington DC to New York, about 328 km. */
    double d = sl_distance_m(38.9072, -77.0369, 40.7128, -74.0060);
    assert_true(d > 325000 && d < 331000);
}

static void within_and_nearest_match_brute_force(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    double *lon = malloc(N * sizeof *lon), *lat = malloc(N * sizeof *lat);
    random_points(rng, lon, lat, N, -77.2, 38.8, -76.9, 39.0);
    lon[5] = NAN; /* unplaced points are ignored */
    sl_point_grid *g;
    sl_error err;
    assert_int_equal(sl_point_grid_build(lon, lat, N, 80, &g, &err), SL_OK);
    for (int q = 0; q < 200; q++) {
        double qlat = 38.8 + 0.2 * gsl_rng_uniform(rng), qlon = -77.2 + 0.3 * gsl_rng_uniform(rng);
        double radius = q % 2 ? 80 : 500;
        size_t brute = 0, best = 0;
        double best_d = INFINITY;
        for (size_t i = 0; i < N; i++) {
            if (!isfinite(lon[i])) continue;
            double d = sl_distance_m(qlat, qlon, lat[i], lon[i]);
            brute += d <= radius;
            if (d < best_d) best_d = d, best = i;
        }
        assert_int_equal(sl_point_grid_within(g, qlat, qlon, radius, NULL, NULL), brute);
        double got_d;
        assert_int_equal(sl_point_grid_nearest(g, qlat, qlon, &got_d), (long)best);
        assert_true(got_d == best_d);
    }
    /* A query far away still finds the nearest point. */
    double far_d;
    assert_true(sl_point_grid_nearest(g, 25.0, -80.0, &far_d) >= 0);
    assert_true(far_d > 1e6);
    sl_point_grid_free(g);
    free(lon);
    free(lat);
    gsl_rng_free(rng);
}

static void across_the_antimeridian(void **state)
{
    (void)state;
    double lon[] = {179.95, -120.0, 144.8}, lat[] = {10.0, 35.0, 13.5};
    sl_point_grid *g;
    sl_error err;
    assert_int_equal(sl_point_grid_build(lon, lat, 3, 1000, &g, &err), SL_OK);
    assert_int_equal(sl_point_grid_within(g, 10.0, -179.95, 20000, NULL, NULL), 1);
    double d;
    assert_int_equal(sl_point_grid_nearest(g, 10.0, -179.9, &d), 0);
    assert_true(d > 16000 && d < 17000); /* 0.15 degrees of longitude at 10N */
    /* Guam's nearest neighbour is found whatever side it is on. */
    assert_int_equal(sl_point_grid_nearest(g, 13.4, 144.75, &d), 2);
    assert_int_equal(sl_point_grid_within(g, 13.4, 144.75, 2e7, NULL, NULL), 3);
    sl_point_grid_free(g);
}

static void corridor_matches_brute_force(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    double *lon = malloc(N * sizeof *lon), *lat = malloc(N * sizeof *lat);
    random_points(rng, lon, lat, N, -77.05, 38.85, -77.0, 38.9);
    sl_point_grid *g;
    sl_error err;
    assert_int_equal(sl_point_grid_build(lon, lat, N, 50, &g, &err), SL_OK);
    double la = 38.86, loa = -77.04, lb = 38.88, lob = -77.01, width = 60;
    /* Brute force: distance to the segment sampled finely along it. */
    size_t brute = 0, ambiguous = 0;
    for (size_t i = 0; i < N; i++) {
        double best = INFINITY;
        for (int k = 0; k <= 2000; k++) {
            double t = k / 2000.0;
            best = fmin(best, sl_distance_m(lat[i], lon[i], la + t * (lb - la), loa + t * (lob - loa)));
        }
        brute += best <= width / 2;
        ambiguous += fabs(best - width / 2) < 0.5;
    }
    size_t got = sl_point_grid_corridor(g, la, loa, lb, lob, width, NULL);
    assert_true(labs((long)got - (long)brute) <= (long)ambiguous);
    assert_true(got > 100);
    sl_point_grid_free(g);
    free(lon);
    free(lat);
    gsl_rng_free(rng);
}

static void cameras_identical_and_linked(void **state)
{
    (void)state;
    /* Posts 0,1,3 share a spot; 2 is 50 m north of it; 4 is 1 km away; 5 unplaced;
    ** 6 is 50 m north of 2 (a chain). */
    double lat[] = {38.9, 38.9, 38.9 + 50 / 111195.0, 38.9, 38.91, NAN, 38.9 + 100 / 111195.0};
    double lon[] = {-77.0, -77.0, -77.0, -77.0, -77.0, -77.0, -77.0};
    int64_t t[] = {100, 50, 300, SL_TIME_NONE, 10, 0, 400};
    sl_cameras c;
    sl_error err;
    assert_int_equal(sl_cameras_from_posts(lon, lat, t, 7, 0, &c, &err), SL_OK);
    assert_int_equal(c.count, 4);
    assert_int_equal(c.unplaced, 1);
    assert_int_equal(c.posts[0], 3);
    /* the span of the placed posts: the unplaced post's time 0 is not in it */
    assert_int_equal(c.first, 10);
    assert_int_equal(c.last, 400);
    assert_int_equal(c.camera_of[3], 0);
    assert_int_equal(c.camera_of[5], UINT32_MAX);
    sl_cameras_free(&c);
    assert_int_equal(sl_cameras_from_posts(lon, lat, t, 7, 80, &c, &err), SL_OK);
    assert_int_equal(c.count, 2); /* single linkage chains 0-2-6 */
    assert_int_equal(c.posts[0], 5);
    assert_int_equal(c.first, 10);
    assert_int_equal(c.last, 400);
    assert_int_equal(c.camera_of[4], 1);
    sl_cameras_free(&c);
}

static int same_cameras(const sl_cameras *a, const sl_cameras *b, size_t n)
{
    if (a->count != b->count || a->unplaced != b->unplaced) return 0;
    size_t k = a->count;
    return !memcmp(a->lon, b->lon, k * sizeof *a->lon) && !memcmp(a->lat, b->lat, k * sizeof *a->lat) &&
           !memcmp(a->posts, b->posts, k * sizeof *a->posts) && a->first == b->first &&
           a->last == b->last && !memcmp(a->camera_of, b->camera_of, n * sizeof *a->camera_of);
}

/* Several radii from one sort: the very cameras (bit for bit) of one call per
** radius, on posts that repeat spots, sit metres apart and include unplaced ones. */
static void cameras_at_several_radii_match_one_call_each(void **state)
{
    (void)state;
    enum { P = 30000 };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 18);
    double *lon = malloc(P * sizeof *lon), *lat = malloc(P * sizeof *lat);
    int64_t *t = malloc(P * sizeof *t);
    random_points(rng, lon, lat, P / 2, -87.70, 41.80, -87.69, 41.81);
    for (size_t i = P / 2; i < P; i++) { /* repeats of earlier spots, some moved a metre or two */
        size_t j = gsl_rng_uniform_int(rng, P / 2);
        double d = gsl_rng_uniform(rng) < 0.5 ? 0 : gsl_rng_uniform(rng) * 3 / 111195.0;
        lon[i] = lon[j], lat[i] = lat[j] + d;
    }
    for (size_t i = 0; i < P; i++) t[i] = i % 7 ? (int64_t)gsl_rng_uniform_int(rng, 1000000) : SL_TIME_NONE;
    lon[5] = NAN, lat[77] = 200;
    const double radii[3] = {0, 2, 30};
    sl_cameras many[3], one;
    sl_error err;
    assert_int_equal(sl_cameras_from_posts_radii(lon, lat, t, P, radii, 3, 3, many, &err), SL_OK);
    for (int r = 0; r < 3; r++) {
        assert_int_equal(sl_cameras_from_posts(lon, lat, t, P, radii[r], &one, &err), SL_OK);
        assert_true(same_cameras(&many[r], &one, P));
        assert_int_equal(one.unplaced, 2);
        sl_cameras_free(&one);
        sl_cameras_free(&many[r]);
    }
    assert_true(many[0].count == 0); /* freed */
    free(lon);
    free(lat);
    free(t);
    gsl_rng_free(rng);
}

static void hexbins_are_equal_area_and_complete(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 3);
    double *lon = malloc(N * sizeof *lon), *lat = malloc(N * sizeof *lat);
    random_points(rng, lon, lat, N, -88, 41.6, -87.5, 42.1);
    lat[0] = NAN;
    sl_hexbin h;
    sl_error err;
    assert_int_equal(sl_hexbin_build(lon, lat, N, 1000, &h, &err), SL_OK);
    size_t total = 0;
    for (size_t i = 0; i < h.count; i++) total += h.points[i];
    assert_int_equal(total, N - 1);
    assert_int_equal(h.outside, 1);
    assert_true(fabs(h.area_km2 - 2.598) < 0.001);
    /* Corners lie one edge length from the cell centre, on the ground. */
    double clon[6], clat[6];
    assert_int_equal(sl_hexbin_corners(&h, 0, clon, clat, &err), SL_OK);
    double side = sl_distance_m(clat[0], clon[0], clat[1], clon[1]);
    assert_true(fabs(side - 1000) < 15);
    /* Every point lies within its cell's circumradius of the cell centre. */
    FILE *null = fopen("/dev/null", "w");
    size_t hidden;
    assert_int_equal(sl_hexbin_write_geojson(&h, null, 5, &hidden, &err), SL_OK);
    fclose(null);
    size_t small = 0;
    for (size_t i = 0; i < h.count; i++) small += h.points[i] < 5;
    assert_int_equal(hidden, small);
    sl_hexbin_free(&h);
    free(lon);
    free(lat);
    gsl_rng_free(rng);
}

static uint64_t cell_key(const sl_hexbin *h, size_t i)
{
    return (uint64_t)(uint32_t)h->q[i] << 32 | (uint32_t)h->r[i];
}

/* Cells come out in ascending (q, r) order with as many points as look-ups
** find in them, both when the points fall in few cells (counted through a
** small table) and in very many (every key sorted). */
static void hexbin_cells_ordered_and_counted(void **state)
{
    (void)state;
    enum { M = 200000 };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 5);
    double *lon = malloc(M * sizeof *lon), *lat = malloc(M * sizeof *lat);
    uint32_t *found = malloc(M * sizeof *found);
    random_points(rng, lon, lat, M, -90, 40, -85, 44);
    const double edges[] = {20000, 100};
    for (int e = 0; e < 2; e++) {
        sl_hexbin h;
        sl_error err;
        assert_int_equal(sl_hexbin_build(lon, lat, M, edges[e], &h, &err), SL_OK);
        assert_true(e == 0 ? h.count < 1000 : h.count > 100000);
        for (size_t i = 1; i < h.count; i++)
            assert_true(cell_key(&h, i - 1) < cell_key(&h, i));
        memset(found, 0, M * sizeof *found);
        for (size_t i = 0; i < M; i++) {
            long c = sl_hexbin_find(&h, lon[i], lat[i]);
            assert_true(c >= 0);
            found[c]++;
        }
        for (size_t i = 0; i < h.count; i++) assert_int_equal(found[i], h.points[i]);
        sl_hexbin_free(&h);
    }
    free(found);
    free(lon);
    free(lat);
    gsl_rng_free(rng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_distance),
        cmocka_unit_test(within_and_nearest_match_brute_force),
        cmocka_unit_test(across_the_antimeridian),
        cmocka_unit_test(corridor_matches_brute_force),
        cmocka_unit_test(cameras_identical_and_linked),
        cmocka_unit_test(cameras_at_several_radii_match_one_call_each),
        cmocka_unit_test(hexbins_are_equal_area_and_complete),
        cmocka_unit_test(hexbin_cells_ordered_and_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
