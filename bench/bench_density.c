/*
** bench_density.c — where a density map's time goes (issues 15 and 18): a
** layer read, grouped and projected once, then binned at several edges
** from the projected points, each step timed on the wall clock.
**
**   bench_density STORE [LAYER [EDGE...]]   (default posts 500 1000 250 500)
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_density STORE [LAYER [EDGE...]]\n");
        return 2;
    }
    const char *layer = argc > 2 ? argv[2] : "posts";
    static const char *DEFAULT_EDGES[] = {"500", "1000", "250", "500"};
    const char **edges = argc > 3 ? (const char **)argv + 3 : DEFAULT_EDGES;
    int n_edges = argc > 3 ? argc - 3 : 4;
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = NULL;
    if (sl_store_open_read(argv[1], &st, &err)) {
        fprintf(stderr, "bench_density: %s\n", err.msg);
        return 1;
    }
    sl_density_layer dl;
    double t0 = now_s();
    if (sl_analysis_density_layer(st, layer, atof(edges[0]), &dl, &err)) {
        fprintf(stderr, "bench_density: %s\n", err.msg);
        sl_store_close(st);
        return 1;
    }
    printf("layer %s: %zu points, %zu locations, read + grouped + projected in %.3f s (%zu MB kept)\n", layer,
           dl.pts.n, dl.locs.n, now_s() - t0, sl_analysis_density_layer_bytes(&dl) >> 20);
    for (int i = 0; i < n_edges; i++) {
        sl_privacy_bins b;
        t0 = now_s();
        if (sl_analysis_density_at(st, &dl, atof(edges[i]), 5, 0, &b, NULL, &err)) {
            fprintf(stderr, "bench_density: %s\n", err.msg);
            break;
        }
        printf("edge %s m: %zu cells, binned in %.3f s\n", edges[i], b.h.count, now_s() - t0);
        sl_privacy_bins_free(&b);
    }
    sl_analysis_density_layer_free(&dl);
    sl_store_close(st);
    return 0;
}
