/*
** test_privacy.c — every point lands in a hexagon wherever it is on the
** globe (issue #19 point 15), and the privacy binner counts distinct
** locations, not rows (point 3). Through sl_analysis_density (and the
** report's GeoJSON writer), the store
** entry `sightline density` uses: one camera with six posts alone in its
** cell is hidden (issue #12 point 5; the audit's side is hostile_privacy.sh).
** The places located through their 0 m cameras are counted per area as
** the point-in-polygon pass counts them (issue 18).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sightline/geo/hexbin.h"
#include "sightline/analysis/privacy.h"
#include "sightline/report/report.h"
#include "sightline/geo/spatial.h"
#include "sightline/analysis/analyses.h"
#include "sightline/store/store_layers.h"
#include "sightline/analysis/cameras.h"
#include "sightline/ingest/layers.h"
#include "report/report_internal.h"

static size_t binned(const sl_hexbin *h)
{
    size_t total = 0;
    for (size_t i = 0; i < h->count; i++) total += h->points[i];
    return total;
}

/* Every cell's corners invert, and every point is found in its cell. */
static void all_cells_drawn_and_found(const sl_hexbin *h, const double *lon, const double *lat, size_t n)
{
    sl_error err;
    for (size_t i = 0; i < h->count; i++) {
        double clon[6], clat[6];
        assert_int_equal(sl_hexbin_corners(h, i, clon, clat, &err), SL_OK);
    }
    for (size_t i = 0; i < n; i++) assert_true(sl_hexbin_find(h, lon[i], lat[i]) >= 0);
}

/* The hostile case: 12 cameras over the globe, two at the antimeridian. */
static void points_opposite_the_centre_land_in_cells(void **state)
{
    (void)state;
    double lon[12] = {180, -180, 0, 90, -90, 45, -45, 135, -135, 10, -10, 170};
    double lat[12] = {0, 0, 0, 10, -10, 60, -60, 20, -20, 80, -80, 0};
    double sizes[] = {500, 50000};
    for (int s = 0; s < 2; s++) {
        sl_hexbin h;
        sl_error err;
        assert_int_equal(sl_hexbin_build(lon, lat, 12, sizes[s], &h, &err), SL_OK);
        assert_int_equal(h.outside, 0);
        assert_int_equal(binned(&h), 12);
        all_cells_drawn_and_found(&h, lon, lat, 12);
        sl_hexbin_free(&h);
    }
}

/* Points on both sides of the antimeridian are centred on it: the cells
** stay compact (a 1 km cell's corners 1 km apart), not torn. */
static void antimeridian_cluster(void **state)
{
    (void)state;
    double lon[6] = {179.99, -179.99, 179.995, -179.995, 179.98, -179.98};
    double lat[6] = {-17.8, -17.8, -17.81, -17.79, -17.8, -17.8};
    sl_hexbin h;
    sl_error err;
    assert_int_equal(sl_hexbin_build(lon, lat, 6, 1000, &h, &err), SL_OK);
    assert_int_equal(binned(&h), 6);
    assert_true(fabs(fabs(h.lon0) - 180) < 1);
    double clon[6], clat[6];
    assert_int_equal(sl_hexbin_corners(&h, 0, clon, clat, &err), SL_OK);
    assert_true(fabs(sl_distance_m(clat[0], clon[0], clat[1], clon[1]) - 1000) < 15);
    all_cells_drawn_and_found(&h, lon, lat, 6);
    sl_hexbin_free(&h);
}

/* Five rows of one camera are one location: under k=5 the cell is hidden;
** five cameras 10 m apart are five and the cell is shown. */
static void k_counts_distinct_locations(void **state)
{
    (void)state;
    double lon[5], lat[5];
    for (int i = 0; i < 5; i++) lon[i] = -87.6543219, lat[i] = 41.8812345;
    lat[4] += 1e-7; /* rounded differently: still the same place */
    sl_privacy_bins b;
    sl_error err;
    assert_int_equal(sl_privacy_bin(lon, lat, 5, 500, 5, &b, &err), SL_OK);
    assert_int_equal(b.locations, 1);
    assert_int_equal(b.h.count, 1);
    assert_int_equal(b.points[0], 5);
    assert_false(sl_privacy_cell_shown(&b, 0));
    sl_privacy_bins_free(&b);
    for (int i = 0; i < 5; i++) lat[i] = 41.8812345 + i * 10 / 111195.0;
    assert_int_equal(sl_privacy_bin(lon, lat, 5, 500, 5, &b, &err), SL_OK);
    assert_int_equal(b.locations, 5);
    assert_true(b.h.count >= 1);
    if (b.h.count == 1) assert_true(sl_privacy_cell_shown(&b, 0));
    sl_privacy_bins_free(&b);
}

/* One camera recorded at 180 and -180 is one location, still at 180 (its
** centroid used to average to longitude 0, in another ocean). */
static void one_location_across_the_antimeridian(void **state)
{
    (void)state;
    double lon[2] = {180, -180}, lat[2] = {0, 0}, *llon, *llat;
    size_t n;
    sl_error err;
    assert_int_equal(sl_privacy_locations(lon, lat, 2, &llon, &llat, &n, &err), SL_OK);
    assert_int_equal(n, 1);
    assert_true(fabs(fabs(llon[0]) - 180) < 1e-9);
    free(llon);
    free(llat);
}

static void hexagon_floor_and_distance_bins(void **state)
{
    (void)state;
    sl_error err;
    assert_int_equal(sl_privacy_check_hex("--hex", 0.05, 0, &err), SL_EUSAGE);
    assert_int_equal(sl_privacy_check_hex("--hex", 99.9, 0, &err), SL_EUSAGE);
    assert_int_equal(sl_privacy_check_hex("--hex", 100, 0, &err), SL_OK);
    assert_int_equal(sl_privacy_check_hex("--hex", 0.05, 1, &err), SL_OK);
    assert_true(sl_privacy_distance_bin(2) == 0);
    assert_true(sl_privacy_distance_bin(49.9) == 0);
    assert_true(sl_privacy_distance_bin(50) == 50);
    assert_true(sl_privacy_distance_bin(1234) == 1200);
    assert_true(isnan(sl_privacy_distance_bin(NAN)));
}

/* A store of posts: one camera posting six times at (-77.0, 38.9), alone,
** and five cameras 9 m apart near (-77.1, 38.9), one post each. */
static void make_posts_store(char *path)
{
    sl_error err;
    sl_store *st = NULL;
    int fd = mkstemp(path);
    close(fd);
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    sl_points p;
    sl_points_init(&p);
    /* the lone camera's six posts, and a cluster of five locations 35 m
    ** wide at the grid's centre (whole degrees: hexbin.c), so in one cell
    ** of 500 m whatever the grid */
    for (int i = 0; i < 6; i++)
        assert_int_equal(sl_points_push(&p, -77.1, 38.9, SL_TIME_NONE, NULL, NULL, NULL, &err), SL_OK);
    for (int i = 0; i < 5; i++)
        assert_int_equal(sl_points_push(&p, -77.0 + i * 1e-4, 39.0, SL_TIME_NONE, NULL, NULL, NULL, &err), SL_OK);
    sl_source src = {.kind = "posts", .file_name = "posts.csv", .sha256 = "ee", .snapshot = ""};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    p.source_id = src.id;
    assert_int_equal(sl_store_add_points(st, "posts", NULL, &p, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_points_free(&p);
    sl_store_close(st);
}

static long field(const json_t *o, const char *key) { return (long)json_integer_value(json_object_get(o, key)); }

/* k = 5 counts locations: the lone camera's six posts do not make its cell
** public; the cluster's cell (five locations) is shown and nothing of the
** GeoJSON lies near the lone camera. */
static void density_hides_one_camera_with_many_posts(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-privacy-XXXXXX";
    make_posts_store(path);
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open_read(path, &st, &err), SL_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    json_t *summary = NULL;
    sl_privacy_bins bins;
    assert_int_equal(sl_analysis_density(st, "posts", 500, 5, 0, &bins, &summary, &err), SL_OK);
    assert_int_equal(sl_report_density_map(&bins, "posts", 500, 5, NULL, NULL, out, &err), SL_OK);
    sl_privacy_bins_free(&bins);
    fclose(out);
    assert_int_equal(field(summary, "points"), 11);
    assert_int_equal(field(summary, "locations"), 6);
    assert_int_equal(field(summary, "cells"), 2);
    assert_int_equal(field(summary, "suppressed_cells"), 1);
    assert_int_equal(field(summary, "suppressed_locations"), 1);
    assert_int_equal(field(summary, "suppressed_points"), 6);
    json_error_t je;
    json_t *fc = json_loads(text, 0, &je);
    assert_non_null(fc);
    json_t *features = json_object_get(fc, "features");
    assert_int_equal(json_array_size(features), 1);
    json_t *props = json_object_get(json_array_get(features, 0), "properties");
    assert_int_equal(field(props, "locations"), 5);
    assert_int_equal(field(props, "count"), 5);
    /* the file alone says what its cells leave out: the summary, whole */
    assert_true(json_equal(json_object_get(fc, "totals"), summary));
    json_t *ring = json_array_get(json_object_get(json_object_get(json_array_get(features, 0), "geometry"),
                                                  "coordinates"), 0);
    for (size_t i = 0; i < json_array_size(ring); i++)
        assert_true(json_real_value(json_array_get(json_array_get(ring, i), 0)) > -77.05);
    json_decref(fc);
    json_decref(summary);
    free(text);
    sl_store_close(st);
    unlink(path);
}

/* The k floor is the analysis's own, not only the CLI's: a caller
** passing k 1 or 2 without exact is refused, as with a small hexagon. */
static void density_refuses_k_under_floor_unless_exact(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-privacy-XXXXXX";
    make_posts_store(path);
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open_read(path, &st, &err), SL_OK);
    sl_privacy_bins bins;
    for (unsigned k = 1; k <= 2; k++) {
        sl_error_clear(&err);
        assert_int_equal(sl_analysis_density(st, "posts", 500, k, 0, &bins, NULL, &err), SL_EUSAGE);
        assert_non_null(strstr(err.msg, "privacy floor"));
    }
    assert_int_equal(sl_analysis_density(st, "posts", 500, 1, 1, &bins, NULL, &err), SL_OK);
    sl_privacy_bins_free(&bins);
    assert_int_equal(sl_analysis_density(st, "posts", 500, 3, 0, &bins, NULL, &err), SL_OK);
    sl_privacy_bins_free(&bins);
    sl_store_close(st);
    unlink(path);
}

static uint64_t mix(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 11;
}

/* The 2 m places per area, counted with the areas of the places that are
** exactly one 0 m camera taken from the cameras' locations (as the audit
** does), equal the places each located by point-in-polygon. Among them:
** a place on an area's edge, seven posts whose mean latitude is an ulp
** off their location (looked up), two locations 1 m apart (one place,
** looked up), and places outside every area. And the places around sites,
** counted through the cameras' grid, equal those of a grid of the places. */
static void places_counted_through_cameras(void **state)
{
    (void)state;
    const char *fx = getenv("SL_FIXTURES");
    assert_non_null(fx);
    char path[] = "/tmp/sl-privacy-XXXXXX", areas[1024];
    close(mkstemp(path));
    snprintf(areas, sizeof areas, "%s/campaign/counties.geojson", fx);
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    sl_area_options opt = {.id = "id", .name = "name"};
    sl_layer_result res;
    assert_int_equal(sl_ingest_areas(st, "counties", areas, &opt, 0, &res, &err), SL_OK);
    size_t n = 20000, m = 0;
    double *lon = malloc((n + 16) * sizeof *lon), *lat = malloc((n + 16) * sizeof *lat);
    uint64_t seed = 11;
    for (; m < n; m++) { /* New York and Kings, and around them */
        lon[m] = -74.1 + 0.7 * (double)(mix(&seed) % 1000000) / 1e6;
        lat[m] = 40.0 + 1.3 * (double)(mix(&seed) % 1000000) / 1e6;
        if (m % 7 == 0 && m > 0) lon[m] = lon[m / 2], lat[m] = lat[m / 2]; /* repeated locations */
    }
    lon[m] = -73.8, lat[m++] = 40.7; /* on New York's southern edge */
    for (int i = 0; i < 7; i++) lon[m] = -73.8, lat[m++] = 40.17467351734612;
    lon[m] = -73.9, lat[m++] = 40.3;
    lon[m] = -73.9, lat[m++] = 40.3 + 1e-5; /* 1.1 m north */
    const double radii[2] = {0, SL_PRIVACY_MERGE_M};
    sl_cameras g[2];
    assert_int_equal(sl_cameras_from_posts_radii(lon, lat, NULL, m, radii, 2, 1, g, &err), SL_OK);
    uint32_t *of = g[1].sole_post;
    size_t looked_up = 0;
    for (size_t i = 0; i < g[1].count; i++) {
        if (of[i] == UINT32_MAX) looked_up++;
        else of[i] = g[0].camera_of[of[i]];
    }
    assert_true(looked_up >= 2 && looked_up < g[1].count / 100);
    int32_t *area;
    assert_int_equal(sl_analysis_locate(st, "counties", g[0].lon, g[0].lat, g[0].count, 0, &area, &err), SL_OK);
    sl_privacy_known known = {of, area};
    uint64_t *by_pip, *through;
    size_t na, nb;
    assert_int_equal(sl_privacy_area_locations(st, "counties", g[1].lon, g[1].lat, g[1].count, NULL, &by_pip, &na, &err),
                     SL_OK);
    assert_int_equal(sl_privacy_area_locations(st, "counties", g[1].lon, g[1].lat, g[1].count, &known, &through, &nb,
                                               &err),
                     SL_OK);
    assert_int_equal(na, 4);
    assert_int_equal(nb, 4);
    assert_memory_equal(by_pip, through, na * sizeof *by_pip);
    uint64_t in = 0;
    for (size_t k = 0; k < na; k++) in += by_pip[k];
    assert_true(in > g[1].count / 2 && in < g[1].count); /* some places lie outside */
    /* Around sites: the places within 30 m and 400 m of 3,000 points (some
    ** on places, on the stacks, and by the pair 1.1 m apart), counted
    ** through the cameras' grid equal those counted in a grid of the places. */
    audit_places places = {.lon = g[1].lon, .lat = g[1].lat, .n = g[1].count, .camera = of, .ready = 1};
    sl_point_grid *cam_grid, *place_grid;
    assert_int_equal(sl_point_grid_build(g[0].lon, g[0].lat, g[0].count, 400, &cam_grid, &err), SL_OK);
    assert_int_equal(sl_point_grid_build(g[1].lon, g[1].lat, g[1].count, 400, &place_grid, &err), SL_OK);
    audit_near_places ix, direct = {.places = place_grid};
    assert_int_equal(sl_audit_places_mark(&places, g[0].count, &err), SL_OK);
    assert_int_equal(sl_privacy_near_through(&places, cam_grid, 400, &ix, &err), SL_OK);
    size_t nonzero = 0;
    for (size_t q = 0; q < 3000; q++) {
        double qlon = q < 20 ? lon[m - 1 - q % 10] : q < 1000 ? lon[q * 7] : -74.1 + 0.7 * (double)(mix(&seed) % 1000) / 1e3;
        double qlat = q < 20 ? lat[m - 1 - q % 10] : q < 1000 ? lat[q * 7] + 1e-4 : 40.0 + 1.3 * (double)(mix(&seed) % 1000) / 1e3;
        for (int r = 0; r < 2; r++) {
            double radius = r ? 400 : 30;
            size_t want = sl_point_grid_within(place_grid, qlat, qlon, radius, NULL, NULL);
            assert_int_equal(sl_privacy_places_within(&ix, qlat, qlon, radius), want);
            assert_int_equal(sl_privacy_places_within(&direct, qlat, qlon, radius), want);
            nonzero += want > 0;
        }
    }
    assert_true(nonzero > 1000);
    sl_privacy_near_free(&ix);
    free(places.cameras_in);
    sl_point_grid_free(cam_grid), sl_point_grid_free(place_grid);
    free(by_pip), free(through), free(area);
    sl_cameras_free(&g[0]), sl_cameras_free(&g[1]);
    free(lon), free(lat);
    sl_store_close(st);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(points_opposite_the_centre_land_in_cells),
        cmocka_unit_test(antimeridian_cluster),
        cmocka_unit_test(k_counts_distinct_locations),
        cmocka_unit_test(one_location_across_the_antimeridian),
        cmocka_unit_test(hexagon_floor_and_distance_bins),
        cmocka_unit_test(density_hides_one_camera_with_many_posts),
        cmocka_unit_test(density_refuses_k_under_floor_unless_exact),
        cmocka_unit_test(places_counted_through_cameras),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
