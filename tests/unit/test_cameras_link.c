/*
** test_cameras_link.c — the grouping of posts into cameras (analysis/cameras.h)
** against brute force: every pair of posts measured, linked when the distance
** either way is within the radius, cameras numbered by their first post. The
** grouping sweeps rows of latitude instead of indexing every location, so the
** cases that could slip between rows or columns are built on purpose: pairs a
** hair within and a hair beyond the radius, across the antimeridian, near a
** pole, repeated coordinates and -0.0. Radii grouped on two threads equal
** one radius at a time.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/analysis/cameras.h"
#include "sightline/geo/spatial.h"

static uint64_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 11;
}

static double uniform(uint64_t *s) { return (double)next(s) / 9007199254740992.0; }

static uint32_t find(uint32_t *p, uint32_t i)
{
    while (p[i] != i) i = p[i] = p[p[i]];
    return i;
}

/* The camera of every post by brute force, numbered by first post. */
static void brute_force(const double *lon, const double *lat, size_t n, double radius, uint32_t *cam, size_t *count)
{
    uint32_t *p = malloc(n * sizeof *p), *num = malloc(n * sizeof *num);
    for (size_t i = 0; i < n; i++) p[i] = (uint32_t)i, num[i] = UINT32_MAX;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int same = lon[i] == lon[j] && lat[i] == lat[j];
            if (same || (radius > 0 && (sl_distance_m(lat[i], lon[i], lat[j], lon[j]) <= radius ||
                                        sl_distance_m(lat[j], lon[j], lat[i], lon[i]) <= radius))) {
                uint32_t a = find(p, (uint32_t)i), b = find(p, (uint32_t)j);
                if (a != b) p[a > b ? a : b] = a < b ? a : b;
            }
        }
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = find(p, (uint32_t)i);
        if (num[r] == UINT32_MAX) num[r] = (uint32_t)(*count)++;
        cam[i] = num[r];
    }
    free(p), free(num);
}

static void check(const double *lon, const double *lat, size_t n, double radius)
{
    uint32_t *want = malloc(n * sizeof *want);
    size_t count;
    brute_force(lon, lat, n, radius, want, &count);
    sl_cameras c;
    sl_error err;
    assert_int_equal(sl_cameras_from_posts(lon, lat, NULL, n, radius, &c, &err), SL_OK);
    assert_int_equal(c.count, count);
    for (size_t i = 0; i < n; i++) assert_int_equal(c.camera_of[i], want[i]);
    sl_cameras_free(&c);
    free(want);
}

/* The latitude north of LAT whose distance from it along the meridian is
** the last double within RADIUS (BEYOND 0) or the first past it (BEYOND 1). */
static double edge_lat(double lat, double lon, double radius, int beyond)
{
    double lo = lat, hi = lat + 2 * radius / 111000.0;
    for (int k = 0; k < 200; k++) {
        double mid = lo + (hi - lo) / 2;
        if (mid == lo || mid == hi) break;
        if (sl_distance_m(lat, lon, mid, lon) <= radius) lo = mid;
        else hi = mid;
    }
    while (sl_distance_m(lat, lon, nextafter(lo, 90), lon) <= radius) lo = nextafter(lo, 90);
    return beyond ? nextafter(lo, 90) : lo;
}

static void pairs_at_the_edge_of_the_radius(void **state)
{
    (void)state;
    const double radii[] = {2, 0.5, 30};
    const double lats[] = {0, 38.123456789, -45.5, 71.25};
    for (size_t r = 0; r < 3; r++)
        for (size_t k = 0; k < 4; k++) {
            for (int beyond = 0; beyond < 2; beyond++) {
                double lon[2] = {-77.5, -77.5}, lat[2] = {lats[k], edge_lat(lats[k], -77.5, radii[r], beyond)};
                assert_true((sl_distance_m(lat[0], lon[0], lat[1], lon[1]) <= radii[r]) == !beyond);
                check(lon, lat, 2, radii[r]);
                sl_cameras c;
                sl_error err;
                assert_int_equal(sl_cameras_from_posts(lon, lat, NULL, 2, radii[r], &c, &err), SL_OK);
                assert_int_equal(c.count, beyond ? 2 : 1);
                sl_cameras_free(&c);
            }
            /* Along a parallel: a longitude a hair within and one beyond. */
            double lon[3] = {10, 10, 10}, lat[3] = {lats[k], lats[k], lats[k]};
            double dlon = radii[r] / (111195.08 * cos(lats[k] * M_PI / 180));
            lon[1] = 10 + dlon * 0.999999, lon[2] = 10 - dlon * 1.000001;
            check(lon, lat, 3, radii[r]);
        }
}

/* Clusters of posts a metre or so apart, anywhere on the globe, and the
** places where rows and columns wrap or narrow. */
static void clusters_match_brute_force(void **state)
{
    (void)state;
    size_t n = 3000;
    double *lon = malloc(n * sizeof *lon), *lat = malloc(n * sizeof *lat);
    const double centres[][2] = {{-77.0, 38.9},  {179.99999, 10.0}, {-179.99999, 10.0}, {0.0, 89.99998},
                                 {45.0, -89.9999}, {0.0, 0.0},       {-0.0, 0.0},        {120.0, -33.0}};
    uint64_t s = 18;
    for (size_t i = 0; i < n; i++) {
        const double *c = centres[i % 8];
        double spread = 4e-5 * uniform(&s); /* a few metres */
        lon[i] = c[0] + spread * (uniform(&s) - 0.5) / fmax(0.01, cos(c[1] * M_PI / 180));
        lat[i] = fmax(-90, fmin(90, c[1] + spread * (uniform(&s) - 0.5)));
        if (lon[i] > 180) lon[i] -= 360;
        if (lon[i] < -180) lon[i] += 360;
        if (i % 7 == 0 && i > 0) lon[i] = lon[i - 7], lat[i] = lat[i - 7]; /* a repeated location */
        if (i % 11 == 0) lon[i] = -0.0, lat[i] = 0.0;                         /* -0.0 is 0.0 */
    }
    const double radii[] = {0, 0.5, 2, 5};
    for (size_t r = 0; r < 4; r++) check(lon, lat, n, radii[r]);
    free(lon), free(lat);
}

/* Points on the antimeridian's two sides and at the poles, where every
** longitude may be near. */
static void antimeridian_and_poles(void **state)
{
    (void)state;
    double lon[] = {180, -180, 179.9999999, -179.9999999, 0, 90, -135, 0, 180};
    double lat[] = {12, 12, 12.0000001, 11.9999999, 90, 89.9999999, 89.99999995, -90, -89.99999999};
    size_t n = sizeof lon / sizeof *lon;
    const double radii[] = {0, 2, 20};
    for (size_t r = 0; r < 3; r++) check(lon, lat, n, radii[r]);
}

/* Posts spread over the globe, so the sort's quantised longitude is coarser
** than the radius and than the gaps between some posts: the posts that share
** a row and a quantum are put in order of coordinates after the sort (a chain
** a hair under and over the radius apart, coordinates one ulp apart
** interleaved with their twins, given in shuffled order). */
static void longitudes_finer_than_the_sort_key(void **state)
{
    (void)state;
    enum { N = 400 };
    double lon[N], lat[N];
    uint64_t s = 7;
    size_t n = 0;
    const double corners[][2] = {{-179.9, -89.5}, {179.9, 89.5}, {-179.9, 89.5}, {179.9, -89.5}};
    for (size_t k = 0; k < 4; k++) lon[n] = corners[k][0], lat[n++] = corners[k][1];
    double x = 10;
    for (size_t k = 0; k < 150; k++) { /* 1.7 cm or 2.4 cm apart along the equator */
        lon[n] = x, lat[n++] = 0;
        x += next(&s) % 3 ? 1.5e-7 : 2.2e-7;
    }
    for (size_t k = 0; k < 60; k++) { /* twins one ulp apart, and repeats */
        double a = -77.0 + 1e-3 * (double)(k % 7);
        lon[n] = k % 2 ? nextafter(a, 0) : a, lat[n++] = 38.5;
        lon[n] = a, lat[n++] = k % 3 ? 38.5 : nextafter(38.5, 90);
    }
    while (n < N) lon[n] = -180 + 360 * uniform(&s), lat[n++] = -90 + 180 * uniform(&s);
    for (size_t i = n; i-- > 1;) { /* shuffle */
        size_t j = next(&s) % (i + 1);
        double t = lon[i];
        lon[i] = lon[j], lon[j] = t;
        t = lat[i], lat[i] = lat[j], lat[j] = t;
    }
    const double radii[] = {0, 0.02, 2};
    for (size_t r = 0; r < 3; r++) check(lon, lat, n, radii[r]);
}

/* At 0 m a camera is exactly where its posts are: three posts at latitude
** 0.1 average to 0.10000000000000002 when summed, and a camera an ulp off
** its posts could fall in another hexagon or area than they do. A camera of
** one post at longitude -0.0 keeps the 0.0 the mean always gave. */
static void cameras_at_0_m_sit_on_their_posts(void **state)
{
    (void)state;
    const double lon[] = {0.7, -0.0, 0.7, 0.7, -122.3}, lat[] = {0.1, 5, 0.1, 0.1, 47.6};
    sl_cameras c;
    sl_error err;
    assert_int_equal(sl_cameras_from_posts(lon, lat, NULL, 5, 0, &c, &err), SL_OK);
    assert_int_equal(c.count, 3);
    assert_int_equal(c.posts[0], 3);
    assert_true(c.lon[0] == 0.7 && c.lat[0] == 0.1);
    assert_true(c.lon[1] == 0.0 && !signbit(c.lon[1]) && c.lat[1] == 5);
    assert_true(c.lon[2] == -122.3 && c.lat[2] == 47.6);
    sl_cameras_free(&c);
}

/* Above 0 m a camera names its sole post only when it is one location and
** sits on it to the bit: three latitudes of 0.1 average to another double. */
static void sole_post_only_on_one_location(void **state)
{
    (void)state;
    const double lon[] = {0.7, 10, 0.7, 0.7, 20, 20.00001, -122.3},
                 lat[] = {0.1, 5, 0.1, 0.1, 5, 5, 47.6};
    sl_cameras c;
    sl_error err;
    assert_int_equal(sl_cameras_from_posts(lon, lat, NULL, 7, 2, &c, &err), SL_OK);
    assert_int_equal(c.count, 4);
    assert_int_equal(c.posts[0], 3);
    assert_true(c.lat[0] != 0.1);                   /* the mean of three 0.1s */
    assert_int_equal(c.sole_post[0], UINT32_MAX);   /* so not on its location */
    assert_int_equal(c.sole_post[1], 1);            /* one post */
    assert_int_equal(c.sole_post[2], UINT32_MAX);   /* two locations 1.1 m apart */
    assert_int_equal(c.sole_post[3], 6);
    sl_cameras_free(&c);
    assert_int_equal(sl_cameras_from_posts(lon, lat, NULL, 7, 0, &c, &err), SL_OK);
    assert_null(c.sole_post); /* at 0 m every camera is its first post's location */
    sl_cameras_free(&c);
}

/* Every camera C (of a full grouping) naming a sole post is where that
** post is, to the bit, and so is each of its posts; every camera of one
** location that names none is not exactly there. Returns how many name one. */
static size_t check_sole_posts(const sl_cameras *c, const double *lon, const double *lat, size_t n)
{
    uint32_t *loc_post = malloc((c->count + 1) * sizeof *loc_post); /* a post of each camera, or MAX if several places */
    for (size_t k = 0; k < c->count; k++) loc_post[k] = UINT32_MAX - 1;
    for (size_t i = 0; i < n; i++) {
        uint32_t k = c->camera_of[i];
        if (k == UINT32_MAX) continue;
        if (loc_post[k] == UINT32_MAX - 1) loc_post[k] = (uint32_t)i;
        else if (loc_post[k] != UINT32_MAX && (lon[i] != lon[loc_post[k]] || lat[i] != lat[loc_post[k]]))
            loc_post[k] = UINT32_MAX;
    }
    size_t named = 0;
    for (size_t k = 0; k < c->count; k++) {
        uint32_t p = c->sole_post[k];
        if (p == UINT32_MAX) {
            if (loc_post[k] != UINT32_MAX)
                assert_false(c->lon[k] == lon[loc_post[k]] && c->lat[k] == lat[loc_post[k]]);
            continue;
        }
        named++;
        assert_int_equal(c->camera_of[p], k);
        assert_int_equal(loc_post[k], p); /* one location, and P is its first post */
        double x = lon[p] + 0.0, y = lat[p] + 0.0;
        assert_memory_equal(&c->lon[k], &x, sizeof x);
        assert_memory_equal(&c->lat[k], &y, sizeof y);
    }
    free(loc_post);
    return named;
}

static void same_cameras(const sl_cameras *a, const sl_cameras *b, size_t n)
{
    assert_int_equal(a->count, b->count);
    assert_int_equal(a->unplaced, b->unplaced);
    assert_memory_equal(a->lon, b->lon, a->count * sizeof *a->lon);
    assert_memory_equal(a->lat, b->lat, a->count * sizeof *a->lat);
    assert_memory_equal(a->posts, b->posts, a->count * sizeof *a->posts);
    assert_true(a->first == b->first && a->last == b->last);
    assert_memory_equal(a->camera_of, b->camera_of, n * sizeof *a->camera_of);
}

/* Enough locations for the radii to be grouped on two threads: each
** grouping bit for bit the one grouping of that radius alone gives. */
static void threaded_radii_equal_one_radius_at_a_time(void **state)
{
    (void)state;
    size_t n = 300000;
    double *lon = malloc(n * sizeof *lon), *lat = malloc(n * sizeof *lat);
    int64_t *t = malloc(n * sizeof *t);
    uint64_t s = 7;
    for (size_t i = 0; i < n; i++) {
        double spot = (double)(next(&s) % 20000); /* spots of a few metres, some repeated */
        lon[i] = -90 + spot * 1e-3 + 3e-5 * uniform(&s);
        lat[i] = 35 + spot * 7e-4 + 3e-5 * uniform(&s);
        t[i] = (int64_t)(next(&s) % 100000);
        if (i % 5 == 0 && i > 0) lon[i] = lon[i / 2], lat[i] = lat[i / 2];
    }
    lon[17] = NAN;
    const double radii[] = {0, 2, 30};
    sl_cameras all[3], one;
    sl_error err;
    assert_int_equal(sl_cameras_from_posts_radii(lon, lat, t, n, radii, 3, 3, all, &err), SL_OK);
    for (size_t r = 0; r < 3; r++) {
        assert_int_equal(sl_cameras_from_posts(lon, lat, t, n, radii[r], &one, &err), SL_OK);
        same_cameras(&all[r], &one, n);
        if (r > 0) {
            assert_memory_equal(all[r].sole_post, one.sole_post, one.count * sizeof *one.sole_post);
            size_t named = check_sole_posts(&one, lon, lat, n);
            if (r == 1) assert_true(named > 0 && named < one.count); /* at 30 m no spot is one location */
        }
        sl_cameras_free(&one);
        sl_cameras_free(&all[r]);
    }
    /* radii past nfull: where the cameras are, the same bits, and no more */
    assert_int_equal(sl_cameras_from_posts_radii(lon, lat, t, n, radii, 3, 1, all, &err), SL_OK);
    for (size_t r = 0; r < 3; r++) {
        assert_int_equal(sl_cameras_from_posts(lon, lat, t, n, radii[r], &one, &err), SL_OK);
        if (r == 0) same_cameras(&all[r], &one, n);
        else {
            assert_int_equal(all[r].count, one.count);
            assert_memory_equal(all[r].lon, one.lon, one.count * sizeof *one.lon);
            assert_memory_equal(all[r].lat, one.lat, one.count * sizeof *one.lat);
            assert_memory_equal(all[r].posts, one.posts, one.count * sizeof *one.posts);
            assert_memory_equal(all[r].sole_post, one.sole_post, one.count * sizeof *one.sole_post);
            assert_null(all[r].camera_of);
            assert_true(all[r].first == SL_TIME_NONE && all[r].last == SL_TIME_NONE);
        }
        sl_cameras_free(&one);
        sl_cameras_free(&all[r]);
    }
    /* In two halves: the first radius is complete when start returns, and
    ** is used (freed, even) while the second is grouped on its thread. */
    const double two[] = {0, 2};
    sl_cameras_grouping *g;
    assert_int_equal(sl_cameras_group_start(lon, lat, t, n, two, 2, 1, all, &g, &err), SL_OK);
    assert_non_null(g);
    assert_int_equal(sl_cameras_from_posts(lon, lat, t, n, 0, &one, &err), SL_OK);
    same_cameras(&all[0], &one, n);
    sl_cameras_free(&one);
    sl_cameras_free(&all[0]);
    assert_int_equal(sl_cameras_group_finish(g, &err), SL_OK);
    assert_int_equal(sl_cameras_from_posts(lon, lat, t, n, 2, &one, &err), SL_OK);
    assert_int_equal(all[1].count, one.count);
    assert_memory_equal(all[1].lon, one.lon, one.count * sizeof *one.lon);
    assert_memory_equal(all[1].sole_post, one.sole_post, one.count * sizeof *one.sole_post);
    sl_cameras_free(&one);
    sl_cameras_free(&all[1]);
    assert_int_equal(sl_cameras_group_finish(NULL, &err), SL_OK); /* nothing under way: nothing to wait for */
    free(lon), free(lat), free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pairs_at_the_edge_of_the_radius),
        cmocka_unit_test(clusters_match_brute_force),
        cmocka_unit_test(antimeridian_and_poles),
        cmocka_unit_test(longitudes_finer_than_the_sort_key),
        cmocka_unit_test(threaded_radii_equal_one_radius_at_a_time),
        cmocka_unit_test(cameras_at_0_m_sit_on_their_posts),
        cmocka_unit_test(sole_post_only_on_one_location),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
