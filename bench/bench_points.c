/*
** bench_points.c — writes the benchmark's points: N uniform random points
** over the bounding box of a polygon layer, as "lon,lat" CSV, so every tool
** in the benchmark reads the very same file.
**   bench_points POLYGONS LAYER|- N OUT.csv
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "points_file.h"
#include "sightline/geo/polyset.h"
#include "sightline/io/polyset_io.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: bench_points POLYGONS LAYER|- N OUT.csv\n");
        return 2;
    }
    sl_polyset *ps;
    sl_error err;
    const char *layer = argv[2][0] == '-' ? NULL : argv[2];
    if (sl_polyset_read_file(argv[1], layer, NULL, &ps, NULL, &err) != SL_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], err.msg);
        return 1;
    }
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < sl_polyset_count(ps); i++) {
        double b[4];
        sl_polyset_bounds(ps, i, b);
        if (!(b[0] <= b[2]))
            continue;
        box[0] = fmin(box[0], b[0]);
        box[1] = fmin(box[1], b[1]);
        box[2] = fmax(box[2], b[2]);
        box[3] = fmax(box[3], b[3]);
    }
    sl_polyset_free(ps);
    size_t n = (size_t)strtoull(argv[3], NULL, 10);
    if (points_write_uniform(argv[4], box, n, 20201007ULL) != 0)
        return 1;
    printf("%zu points in [%g, %g] x [%g, %g] -> %s\n", n, box[0], box[2], box[1], box[3], argv[4]);
    return 0;
}
