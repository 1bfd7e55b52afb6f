/*
** test_area_distance.c — sl_polyset_distance_km, what "near a county" in
** the directory measures: 0 inside (and in a hole's surroundings, not in
** the hole), else the distance to the nearest edge, close to the great
** circle for the radii a person chooses, and the short way across the
** antimeridian.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <ogr_api.h>

#include "sightline/geo/polyset.h"
#include "wkb_from_wkt.h"

static sl_polyset *one(const char *wkt)
{
    size_t len;
    unsigned char *wkb = wkb_from_wkt(wkt, wkbNDR, &len);
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "a", wkb, len, &err), SL_OK);
    free(wkb);
    return ps;
}

/* Great-circle distance in km on the sphere the function uses. */
static double haversine(double lon1, double lat1, double lon2, double lat2)
{
    double r = 3.14159265358979323846 / 180, a = sin((lat2 - lat1) * r / 2), b = sin((lon2 - lon1) * r / 2);
    return 2 * 6371.0088 * asin(sqrt(a * a + cos(lat1 * r) * cos(lat2 * r) * b * b));
}

/* Cook County's box in the directory fixture. */
static void test_box(void **state)
{
    (void)state;
    sl_polyset *ps = one("POLYGON((-88.26 41.47,-87.52 41.47,-87.52 42.15,-88.26 42.15,-88.26 41.47))");
    assert_true(sl_polyset_distance_km(ps, 0, -87.89, 41.81) == 0);  /* the centre */
    assert_true(sl_polyset_distance_km(ps, 0, -88.2, 42.1) == 0);    /* near a corner, inside */
    double east = sl_polyset_distance_km(ps, 0, -87.45, 41.6), want = haversine(-87.45, 41.6, -87.52, 41.6);
    assert_true(fabs(east - want) < 0.01 * want);                    /* 5.8 km east of the edge */
    double south = sl_polyset_distance_km(ps, 0, -88.0, 41.35);
    assert_true(fabs(south - haversine(-88.0, 41.35, -88.0, 41.47)) < 0.01);
    /* off a corner: to the corner, not to an edge's line */
    double corner = sl_polyset_distance_km(ps, 0, -87.40, 42.25), c = haversine(-87.40, 42.25, -87.52, 42.15);
    assert_true(fabs(corner - c) < 0.005 * c);
    /* 100 km north: within 0.5% of the great circle */
    double far = sl_polyset_distance_km(ps, 0, -87.9, 42.15 + 100 / 111.2);
    assert_true(fabs(far - 100) < 0.5);
    assert_true(isinf(sl_polyset_distance_km(ps, 0, NAN, 41)));
    assert_true(isinf(sl_polyset_distance_km(ps, 1, -87.9, 41.8)));
    sl_polyset_free(ps);
}

/* A hole is outside: a point in it is as far as the hole's edge. */
static void test_hole(void **state)
{
    (void)state;
    sl_polyset *ps = one("POLYGON((0 0,1 0,1 1,0 1,0 0),(0.4 0.4,0.6 0.4,0.6 0.6,0.4 0.6,0.4 0.4))");
    double d = sl_polyset_distance_km(ps, 0, 0.5, 0.5);
    assert_true(fabs(d - haversine(0.5, 0.5, 0.5, 0.4)) < 0.05);
    assert_true(sl_polyset_distance_km(ps, 0, 0.2, 0.2) == 0);
    sl_polyset_free(ps);
}

/* Across the antimeridian the short way, and a multipolygon's nearest part. */
static void test_antimeridian_and_parts(void **state)
{
    (void)state;
    sl_polyset *ps = one("MULTIPOLYGON(((179 -1,179.9 -1,179.9 1,179 1,179 -1)),((10 10,11 10,11 11,10 11,10 10)))");
    double d = sl_polyset_distance_km(ps, 0, -179.9, 0);
    assert_true(fabs(d - haversine(-179.9, 0, 179.9, 0)) < 0.05); /* about 22 km, not 40,000 */
    assert_true(sl_polyset_distance_km(ps, 0, 10.5, 10.5) == 0);
    sl_polyset_free(ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_box),
        cmocka_unit_test(test_hole),
        cmocka_unit_test(test_antimeridian_and_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
