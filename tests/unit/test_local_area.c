/*
** test_local_area.c — the local area formula of the request splitter
** (src/geo/local_area.c) against PROJ's geod_polygonarea.
**
** The splitter measures every piece of a clipped request circle with the
** local formula; the weights it gives are promised within 1e-6 of geodesic
** ones (test_overlap_real.c checks that on real areas). This test holds the
** formula itself to what its comment claims: on random star-shaped polygons
** within 2 km of a centre, at latitudes from the equator to 70°, in both
** hemispheres and both orientations, the area is within 1e-9 of a 2 km
** circle's area of geod_polygonarea's, and so are pieces far from the
** centre the formula was set up for.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "geo/overlap_internal.h"
#include "sightline/geo/ground_area.h"

enum { MAX_VERTICES = 80 };

/* A small deterministic generator: the test needs no seed of its own. */
static double next_uniform(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

/* A star-shaped polygon of N vertices around (LON, LAT): vertex k at
** azimuth 360 k / N (clockwise when REVERSED), at a random distance up to
** RADIUS m. */
static void star(const struct geod_geodesic *g, double lon, double lat, double radius, int n, int reversed,
                 uint64_t *state, double *x, double *y)
{
    for (int k = 0; k < n; k++) {
        double azimuth = 360.0 * (reversed ? n - k : k) / n, d = radius * (0.2 + 0.8 * next_uniform(state));
        geod_direct(g, lat, lon, azimuth, d, &y[k], &x[k], NULL);
    }
}

static void test_random_stars(void **state)
{
    (void)state;
    struct geod_geodesic g;
    sl_ground_wgs84(&g);
    uint64_t rng = 42;
    const double radius = 2000, scale = M_PI * radius * radius;
    double worst = 0;
    for (int trial = 0; trial < 2000; trial++) {
        double lat = (next_uniform(&rng) * 2 - 1) * 70, lon = (next_uniform(&rng) * 2 - 1) * 180;
        int n = 3 + (int)(next_uniform(&rng) * (MAX_VERTICES - 3));
        double x[MAX_VERTICES], y[MAX_VERTICES];
        star(&g, lon, lat, radius, n, trial % 2, &rng, x, y);
        sl_local_area l;
        sl_local_area_init(&l, lat);
        double local = sl_local_ring_area(&l, x, y, (size_t)n), exact = sl_ground_ring_area(&g, y, x, (size_t)n);
        double err = fabs(local - exact) / scale;
        worst = err > worst ? err : worst;
    }
    print_message("worst relative difference: %.3g\n", worst);
    assert_true(worst < 1e-9);
}

/* A piece of a circle may lie near its edge, up to the radius from the
** latitude the formula was set up at: a small square there. */
static void test_pieces_off_centre(void **state)
{
    (void)state;
    struct geod_geodesic g;
    sl_ground_wgs84(&g);
    const double radius = 1600, scale = M_PI * radius * radius;
    for (double lat = -70; lat <= 70; lat += 17.5) {
        for (int side = -1; side <= 1; side += 2) {
            double clat, clon, x[4], y[4];
            geod_direct(&g, lat, 10, side > 0 ? 0 : 180, radius * 0.9, &clat, &clon, NULL);
            for (int k = 0; k < 4; k++)
                geod_direct(&g, clat, clon, 45 + 90.0 * k, 100, &y[k], &x[k], NULL);
            sl_local_area l;
            sl_local_area_init(&l, lat);
            double local = sl_local_ring_area(&l, x, y, 4), exact = sl_ground_ring_area(&g, y, x, 4);
            assert_true(fabs(local - exact) / scale < 1e-9);
            assert_true(fabs(local - exact) / exact < 1e-7);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_stars),
        cmocka_unit_test(test_pieces_off_centre),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
