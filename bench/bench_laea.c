/*
** bench_laea.c — the equal-area projection of the hexagon maps, PROJ's
** against the formulas written out in src/geo/laea.c (issue 18): the same
** points (uniform over the lower 48, centred as a map of them would be)
** through each, one thread, wall clock, and a count of the images that
** differ in any bit (there must be none).
**
**   bench_laea [N]   (default 10,000,000)
*/
#include "sightline/geo/laea.h"

#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000000;
    double *lon = malloc(n * sizeof *lon), *lat = malloc(n * sizeof *lat);
    double *x1 = malloc(n * sizeof *x1), *y1 = malloc(n * sizeof *y1);
    double *x2 = malloc(n * sizeof *x2), *y2 = malloc(n * sizeof *y2);
    if (!lon || !lat || !x1 || !y1 || !x2 || !y2) return 1;
    srand(18);
    for (size_t i = 0; i < n; i++) {
        lon[i] = -124.7 + 57.8 * (rand() / (RAND_MAX + 1.0));
        lat[i] = 24.5 + 24.9 * (rand() / (RAND_MAX + 1.0));
    }
    const double lon0 = -96.123456, lat0 = 36.654321;
    char def[160];
    snprintf(def, sizeof def, "+proj=laea +lat_0=%.6f +lon_0=%.6f +datum=WGS84 +units=m +type=crs", lat0, lon0);
    PJ *raw = proj_create_crs_to_crs(NULL, "EPSG:4326", def, NULL);
    PJ *p = proj_normalize_for_visualization(NULL, raw);
    proj_destroy(raw);
    sl_laea l;
    if (!p || !sl_laea_init(&l, lon0, lat0)) return 1;
    memcpy(x1, lon, n * sizeof *x1);
    memcpy(y1, lat, n * sizeof *y1);
    double t0 = now_s();
    proj_trans_generic(p, PJ_FWD, x1, sizeof *x1, n, y1, sizeof *y1, n, NULL, 0, 0, NULL, 0, 0);
    double t1 = now_s();
    size_t left = 0;
    for (size_t i = 0; i < n; i++)
        if (!sl_laea_fwd(&l, lon[i], lat[i], &x2[i], &y2[i])) x2[i] = x1[i], y2[i] = y1[i], left++;
    double t2 = now_s();
    size_t differ = 0;
    for (size_t i = 0; i < n; i++) differ += x1[i] != x2[i] || y1[i] != y2[i];
    printf("%zu points: PROJ %.3f s (%.0f ns each), written out %.3f s (%.0f ns each), %.2fx; %zu left to PROJ, %zu "
           "images differ\n",
           n, t1 - t0, (t1 - t0) / (double)n * 1e9, t2 - t1, (t2 - t1) / (double)n * 1e9, (t1 - t0) / (t2 - t1), left,
           differ);
    proj_destroy(p);
    return differ != 0;
}
