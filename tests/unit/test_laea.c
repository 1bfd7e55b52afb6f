/*
** test_laea.c — the written equal-area projection (src/geo/laea.c) gives
** PROJ's bits wherever it answers (issue 18): every point it takes, over
** centres from the Arctic to the Antarctic and on both sides of the
** antimeridian, projects to exactly what the hexagon maps' PROJ
** transformation gives; the points it leaves (beyond 180 degrees of the
** centre, the antipode) and the aspects it leaves (poles, equator) are
** refused, and the check refuses a projection that is off in the last bit.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>

#include "sightline/geo/laea.h"

/* The hexagon maps' transformation (hexbin.c's definition), lon/lat order. */
static PJ *proj_about(double lon0, double lat0)
{
    char def[160];
    snprintf(def, sizeof def, "+proj=laea +lat_0=%.6f +lon_0=%.6f +datum=WGS84 +units=m +type=crs", lat0, lon0);
    PJ *raw = proj_create_crs_to_crs(NULL, "EPSG:4326", def, NULL);
    PJ *p = proj_normalize_for_visualization(NULL, raw);
    proj_destroy(raw);
    assert_non_null(p);
    return p;
}

static double uniform(double lo, double hi) { return lo + (hi - lo) * (rand() / (RAND_MAX + 1.0)); }

static void same_bits_as_proj(void **state)
{
    (void)state;
    /* centres as the maps choose them (any six-decimal value) */
    const double centres[][2] = {{-96.123456, 38.654321}, {-87.6298, 41.878113}, {179.999999, 51.5},
                                 {-179.5, -17.7},         {12.5, 80.1},          {151.2, -33.86},
                                 {-73.985, 40.748},       {0.000001, 0.5},       {45, -89.5}};
    srand(18);
    long taken = 0, left = 0;
    for (size_t c = 0; c < sizeof centres / sizeof *centres; c++) {
        double lon0 = centres[c][0], lat0 = centres[c][1];
        sl_laea l;
        assert_true(sl_laea_init(&l, lon0, lat0));
        PJ *p = proj_about(lon0, lat0);
        for (int i = 0; i < 40000; i++) {
            /* half near the centre (a city, a state), half anywhere */
            double lon = i % 2 ? uniform(-180, 180) : fmax(-180, fmin(180, lon0 + uniform(-8, 8)));
            double lat = i % 2 ? uniform(-90, 90) : fmax(-90, fmin(90, lat0 + uniform(-5, 5)));
            double x, y;
            if (!sl_laea_fwd(&l, lon, lat, &x, &y)) {
                left += i % 2 == 0; /* near the centre: should not be left */
                continue;
            }
            PJ_COORD r = proj_trans(p, PJ_FWD, proj_coord(lon, lat, 0, 0));
            if (r.xy.x != x || r.xy.y != y)
                fail_msg("centre %.6f %.6f, point %.17g %.17g: %.17g %.17g, PROJ %.17g %.17g", lon0, lat0, lon, lat,
                         x, y, r.xy.x, r.xy.y);
            taken++;
        }
        assert_true(sl_laea_check(&l, p, lon0, lat0, NULL, NULL, 0));
        proj_destroy(p);
    }
    /* points near the centre (what a map holds) are all taken: the written
    ** form is the path, PROJ the exception */
    assert_int_equal(left, 0);
    assert_true(taken > 200000);
}

static void leaves_what_proj_must_do(void **state)
{
    (void)state;
    sl_laea l;
    double x = 7, y = 7;
    assert_false(sl_laea_init(&l, -96, 0));  /* equatorial aspect */
    assert_false(sl_laea_init(&l, -96, 90)); /* polar */
    assert_false(sl_laea_init(&l, 10, -90));
    assert_true(sl_laea_init(&l, 170, 40));
    assert_false(sl_laea_fwd(&l, -15, 10, &x, &y)); /* 185 degrees east of the centre */
    assert_true(x == 7 && y == 7);                  /* nothing written */
    assert_false(sl_laea_fwd(&l, -10, -40, &x, &y)); /* the antipode */
    assert_true(sl_laea_fwd(&l, 171, 41, &x, &y));
}

static void check_refuses_a_near_miss(void **state)
{
    (void)state;
    sl_laea l;
    assert_true(sl_laea_init(&l, -96.5, 38.25));
    PJ *p = proj_about(-96.5, 38.25);
    const double lon[] = {-87.6, -118.2, -73.9}, lat[] = {41.9, 34.05, 40.7};
    assert_true(sl_laea_check(&l, p, -96.5, 38.25, lon, lat, 3));
    l.a = nextafter(l.a, INFINITY); /* one unit in the last place */
    assert_false(sl_laea_check(&l, p, -96.5, 38.25, lon, lat, 3));
    proj_destroy(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bits_as_proj),
        cmocka_unit_test(leaves_what_proj_must_do),
        cmocka_unit_test(check_refuses_a_near_miss),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
