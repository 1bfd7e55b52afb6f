/*
** bench_join.c — sightline's point-in-polygon join on a benchmark point
** file: loads the polygons, builds the index, reads the points and counts
** points per area, timing each step. Counts go to a CSV that run.sh
** compares with the peers'.
**   bench_join POLYGONS LAYER|- ID_FIELD|- POINTS.csv THREADS COUNTS.csv
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "points_file.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "sightline/io/polyset_io.h"

static int write_counts(const char *path, const sl_polyset *ps, const uint64_t *counts,
                        uint64_t outside)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    fprintf(f, "area,count\n");
    for (size_t a = 0; a < sl_polyset_count(ps); a++)
        fprintf(f, "%s,%llu\n", sl_polyset_id(ps, a), (unsigned long long)counts[a]);
    fprintf(f, "(outside),%llu\n", (unsigned long long)outside);
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: bench_join POLYGONS LAYER|- ID_FIELD|- POINTS.csv THREADS COUNTS.csv\n");
        return 2;
    }
    const char *layer = argv[2][0] == '-' ? NULL : argv[2];
    const char *id = argv[3][0] == '-' ? NULL : argv[3];
    int threads = atoi(argv[5]);
    sl_error err;
    sl_polyset *ps;
    double t0 = points_now();
    if (sl_polyset_read_file(argv[1], layer, id, &ps, NULL, &err) != SL_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], err.msg);
        return 1;
    }
    double t1 = points_now();
    sl_pip *ix;
    sl_pip_options opts = sl_pip_default_options();
    if (getenv("SL_BENCH_GRID_CELLS")) /* for tuning runs */
        opts.grid_cells = (size_t)strtoull(getenv("SL_BENCH_GRID_CELLS"), NULL, 10);
    if (sl_pip_build(ps, &opts, &ix, &err) != SL_OK) {
        fprintf(stderr, "index: %s\n", err.msg);
        return 1;
    }
    double t2 = points_now();
    double *lon, *lat;
    size_t n;
    if (points_read(argv[4], threads, &lon, &lat, &n) != 0)
        return 1;
    double t3 = points_now();
    uint64_t *counts = malloc(sl_polyset_count(ps) * sizeof *counts), outside = 0;
    /* SL_BENCH_REPEAT (tuning on a busy machine): best of several joins. */
    int repeat = getenv("SL_BENCH_REPEAT") ? atoi(getenv("SL_BENCH_REPEAT")) : 1;
    double best = 1e30, best_cpu = 0, t4 = t3;
    for (int r = 0; r < (repeat > 0 ? repeat : 1); r++) {
        double s0 = points_now(), c0 = points_cpu_now();
        if (sl_pip_count(ix, lon, lat, n, threads, counts, &outside, &err) != SL_OK) {
            fprintf(stderr, "join: %s\n", err.msg);
            return 1;
        }
        t4 = points_now();
        if (t4 - s0 < best) {
            best = t4 - s0;
            best_cpu = points_cpu_now() - c0;
        }
    }
    if (write_counts(argv[6], ps, counts, outside) != 0)
        return 1;
    sl_pip_stats s;
    sl_pip_get_stats(ix, &s);
    printf("areas %zu\nedges %zu\ngrid %zux%zu (empty %zu, full %zu, mixed %zu, tree %zu)\n",
           s.areas, s.edges, s.grid_nx, s.grid_ny, s.cells_empty, s.cells_full, s.cells_mixed,
           s.cells_tree);
    printf("index_bytes %zu\npoints %zu\ninside %llu\n", s.bytes, n,
           (unsigned long long)(n - outside));
    printf("join_cpu_s %.3f\n", best_cpu);
    printf("load_s %.3f\nindex_s %.3f\nread_s %.3f\njoin_s %.3f\ntotal_s %.3f\n", t1 - t0,
           t2 - t1, t3 - t2, best, t3 - t0 + best);
    free(counts);
    free(lon);
    free(lat);
    sl_pip_free(ix);
    sl_polyset_free(ps);
    return 0;
}
