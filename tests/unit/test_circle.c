/*
** test_circle.c — a request circle's vertices (src/geo/circle.c) against
** one geod_direct per vertex.
**
** The splitter solves 9 (or 5) of each half circle's 33 vertices and reads
** the rest from the trigonometric series through them; the circle is promised
** to be the geodesic one to within 1e-7 m (a tenth of a micrometre: it moves
** a circle's area by a relative 1e-9 at 200 m). The vertices read from 5
** solved ones come within 6e-8 m at 2 km and 55°, those from 9 within the
** rounding of a coordinate in degrees (an ulp of 180° is some 3e-9 m). Random centres from the equator
** to 80° in both hemispheres, radii from 10 m to 10 km; then the circles
** beyond those bounds, which are solved vertex by vertex, and one across
** the antimeridian, whose longitudes must stay continuous.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "geo/overlap_internal.h"

static double next_uniform(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

/* Largest distance in m between the circle's vertices and geod_direct's. */
static double worst_offset(const sl_circle_table *t, const struct geod_geodesic *g, double lon, double lat,
                           double radius)
{
    double cx[SL_CIRCLE_VERTICES], cy[SL_CIRCLE_VERTICES], worst = 0;
    sl_circle_vertices(t, g, lon, lat, radius, cx, cy);
    for (int k = 0; k < SL_CIRCLE_VERTICES; k++) {
        double plat, plon, d;
        geod_direct(g, lat, lon, 360.0 * k / SL_CIRCLE_VERTICES, radius, &plat, &plon, NULL);
        assert_true(fabs(cx[k] - lon) < 1); /* continuous: never wrapped to the other side */
        geod_inverse(g, plat, plon, cy[k], cx[k], &d, NULL, NULL);
        worst = fmax(worst, d);
    }
    return worst;
}

static void test_random_circles(void **state)
{
    (void)state;
    sl_circle_table t;
    sl_circle_table_init(&t);
    struct geod_geodesic g;
    sl_ground_wgs84(&g);
    uint64_t rng = 7;
    double worst = 0;
    for (int trial = 0; trial < 600; trial++) {
        double lat = (next_uniform(&rng) * 2 - 1) * 80, lon = (next_uniform(&rng) * 2 - 1) * 180;
        double radius = 10 * pow(1000, next_uniform(&rng));
        worst = fmax(worst, worst_offset(&t, &g, lon, lat, radius));
    }
    assert_true(worst < 1e-7);
    /* the circles read from 5 solved vertices: up to 2 km within 55° */
    worst = 0;
    for (int trial = 0; trial < 600; trial++) {
        double lat = (next_uniform(&rng) * 2 - 1) * 55, lon = (next_uniform(&rng) * 2 - 1) * 180;
        worst = fmax(worst, worst_offset(&t, &g, lon, lat, 2000 * next_uniform(&rng)));
    }
    assert_true(worst < 1e-7);
    /* the corners of the ranges */
    assert_true(worst_offset(&t, &g, 10, 55, 2000) < 1e-7);
    assert_true(worst_offset(&t, &g, 10, -55, 2000) < 1e-7);
    assert_true(worst_offset(&t, &g, 10, 55.1, 2000) < 1e-7);
    assert_true(worst_offset(&t, &g, 10, 80, 10000) < 1e-7);
    assert_true(worst_offset(&t, &g, 10, -80, 10000) < 1e-7);
}

static void test_beyond_the_series(void **state)
{
    (void)state;
    sl_circle_table t;
    sl_circle_table_init(&t);
    struct geod_geodesic g;
    sl_ground_wgs84(&g);
    assert_true(worst_offset(&t, &g, -150, 85, 5000) < 1e-7);
    assert_true(worst_offset(&t, &g, 20, 40, 80000) < 1e-7);
    assert_true(worst_offset(&t, &g, 179.99, -17, 3000) < 1e-7); /* across the antimeridian */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_circles),
        cmocka_unit_test(test_beyond_the_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
