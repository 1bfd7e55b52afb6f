/*
** test_overlap.c — splitting requests over areas (src/geo/overlap.c) by
** ground area: a tall polygon split at 30°N in the ratio of the ellipsoid's
** zone areas (square degrees would say half and half), a circle on a
** boundary split evenly, a circle half outside every area, a point, and a
** circle at the antimeridian that must stay one small disc.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <math.h>
#include <ogr_api.h>

#include "sightline/ingest/requests.h"
#include "wkb_from_wkt.h"

typedef struct areas {
    unsigned char *wkb[4];
    size_t len[4];
    double box[16];
    size_t count;
} areas;

/* Add the box [X0,X1] x [Y0,Y1] as an area. */
static void add_box(areas *a, double x0, double y0, double x1, double y1)
{
    char wkt[256];
    snprintf(wkt, sizeof wkt, "POLYGON ((%.17g %.17g,%.17g %.17g,%.17g %.17g,%.17g %.17g,%.17g %.17g))",
             x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
    a->wkb[a->count] = wkb_from_wkt(wkt, wkbNDR, &a->len[a->count]);
    double *b = a->box + 4 * a->count++;
    b[0] = x0, b[1] = y0, b[2] = x1, b[3] = y1;
}

static void free_areas(areas *a)
{
    for (size_t i = 0; i < a->count; i++) free(a->wkb[i]);
}

/* Weight of request 0 in AREA (SL_AREA_OUTSIDE for outside) over A. */
static double weight_in(const areas *a, const sl_request *r, size_t area)
{
    sl_request_list reqs = {.items = (sl_request *)r, .count = 1};
    sl_event_row *rows = NULL;
    size_t n = 0;
    sl_error err;
    assert_int_equal(sl_request_weights(&reqs, (const unsigned char *const *)a->wkb, a->len, a->box, a->count,
                                        &rows, &n, &err), SL_OK);
    double w = 0, sum = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].event, 0);
        sum += rows[i].weight;
        if (rows[i].area == area) w += rows[i].weight;
    }
    assert_true(fabs(sum - 1) < 1e-9); /* every request's weights sum to 1 */
    free(rows);
    return w;
}

static sl_request circle_at(double lon, double lat, double radius)
{
    return (sl_request){.lon = lon, .lat = lat, .radius_m = radius, .recipients = NAN, .videos = NAN};
}

/* The WGS84 zone area from the equator to latitude PHI (degrees), up to a
** constant factor: the authalic q function (Snyder, Map Projections, 3-12). */
static double zone(double phi)
{
    const double f = 1 / 298.257223563, e2 = f * (2 - f), e = sqrt(e2);
    double s = sin(phi * M_PI / 180);
    return (1 - e2) * (s / (1 - e2 * s * s) - log((1 - e * s) / (1 + e * s)) / (2 * e));
}

static void test_polygon_split_by_ground_area(void **state)
{
    (void)state;
    areas a = {0};
    add_box(&a, -1, -1, 1, 30); /* south of 30°N */
    add_box(&a, -1, 30, 1, 61);
    size_t len;
    unsigned char *req = wkb_from_wkt("POLYGON ((0 0,0.01 0,0.01 60,0 60,0 0))", wkbNDR, &len);
    sl_request r = circle_at(NAN, NAN, NAN);
    r.wkb = req;
    r.wkb_len = len;
    double want = (zone(30) - zone(0)) / (zone(60) - zone(0)); /* 0.577, not 0.5 */
    assert_true(fabs(weight_in(&a, &r, 0) - want) < 1e-4);
    assert_true(fabs(weight_in(&a, &r, 1) - (1 - want)) < 1e-4);
    free(req);
    free_areas(&a);
}

static void test_circle_on_a_boundary(void **state)
{
    (void)state;
    areas a = {0};
    add_box(&a, -1, 59, 0, 61);
    add_box(&a, 0, 59, 1, 61);
    sl_request r = circle_at(0, 60, 800);
    assert_true(fabs(weight_in(&a, &r, 0) - 0.5) < 1e-9);
    assert_true(fabs(weight_in(&a, &r, 1) - 0.5) < 1e-9);
    /* Half of it lies in no area. */
    areas east = {0};
    add_box(&east, 0, 59, 1, 61);
    assert_true(fabs(weight_in(&east, &r, SL_AREA_OUTSIDE) - 0.5) < 1e-9);
    free_areas(&east);
    free_areas(&a);
}

static void test_point_counts_whole(void **state)
{
    (void)state;
    areas a = {0};
    add_box(&a, 0, 0, 1, 1);
    add_box(&a, 1, 0, 2, 1);
    sl_request r = circle_at(1.5, 0.5, 0);
    assert_true(weight_in(&a, &r, 1) == 1);
    r = circle_at(5, 5, 0);
    assert_true(weight_in(&a, &r, SL_AREA_OUTSIDE) == 1);
    free_areas(&a);
}

/* A circle whose centre is 11 m west of the antimeridian: its ring must not
** be torn into a band around the globe. A little over half of it is west of
** 180° (in the area); the rest falls outside. */
static void test_circle_at_the_antimeridian(void **state)
{
    (void)state;
    areas a = {0};
    add_box(&a, 179, -1, 180, 1);
    add_box(&a, -180, -1, -179, 1);
    sl_request r = circle_at(179.9999, 0, 1000);
    double west = weight_in(&a, &r, 0);
    assert_true(west > 0.5 && west < 0.52);
    assert_true(fabs(weight_in(&a, &r, SL_AREA_OUTSIDE) - (1 - west)) < 1e-9);
    free_areas(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_polygon_split_by_ground_area),
        cmocka_unit_test(test_circle_on_a_boundary),
        cmocka_unit_test(test_point_counts_whole),
        cmocka_unit_test(test_circle_at_the_antimeridian),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
