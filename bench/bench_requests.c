/*
** bench_requests.c — the request-split benchmark: N police requests for
** footage, circles of radius 200-1,600 m centred uniformly over the land of
** a polygon layer's box (US counties: the lower 48), split over the layer's
** areas by sl_request_weights (src/geo/overlap.c, on every core), and the
** first OLD_N of them by the splitter as it was before it used the
** point-in-polygon index (tests/unit/overlap_reference.c, a test-and-bench
** only copy), in the same process, so both rates come from one run. The two
** must agree to 1e-6 on the requests both split.
**   bench_requests POLYGONS LAYER|- N OLD_N [SEED] [BOX minlon,minlat,maxlon,maxlat]
** Prints "key value" lines: requests, new_s, new_cpu_s, new_per_s, old_n,
** old_s, old_cpu_s, old_per_s, speedup, split (requests shared by several
** areas or the outside), max_diff.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "sightline/io/polyset_io.h"
#include "sightline/geo/overlap.h"

#include "overlap_reference.c"

static double now(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static uint64_t rng;
static double uniform(double lo, double hi)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return lo + (hi - lo) * (double)(rng >> 11) / 9007199254740992.0;
}

typedef sl_status (*splitter_fn)(const sl_request_list *, const unsigned char *const *, const size_t *,
                                 const double *, size_t, sl_event_row **, size_t *, sl_error *);

/* Split the first N requests with SPLIT: wall and CPU seconds. */
static int timed(splitter_fn split, sl_request *items, size_t n, unsigned char **wkb, size_t *len, double *box,
                 size_t areas, sl_event_row **rows, size_t *nrows, double *wall, double *cpu)
{
    sl_request_list reqs = {.items = items, .count = n};
    sl_error err;
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    sl_status s = split(&reqs, (const unsigned char *const *)wkb, len, box, areas, rows, nrows, &err);
    *wall = now(CLOCK_MONOTONIC) - w0;
    *cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (s) fprintf(stderr, "bench_requests: %s\n", err.msg);
    return s != SL_OK;
}

/* Largest weight difference per (request, area) between two row sets
** covering the first N requests (rows in request order); *SPLIT counts
** requests with more than one row in A. */
static double max_diff(const sl_event_row *a, size_t na, const sl_event_row *b, size_t nb, size_t n, size_t *split)
{
    double worst = 0;
    size_t i = 0, j = 0;
    for (size_t e = 0; e < n; e++) {
        size_t i1 = i, j1 = j;
        while (i1 < na && a[i1].event == (int64_t)e) i1++;
        while (j1 < nb && b[j1].event == (int64_t)e) j1++;
        *split += i1 - i > 1;
        for (size_t p = i; p < i1; p++) {
            double other = 0;
            for (size_t q = j; q < j1; q++) other += b[q].area == a[p].area ? b[q].weight : 0;
            worst = fmax(worst, fabs(a[p].weight - other));
        }
        for (size_t q = j; q < j1; q++) {
            double other = 0;
            for (size_t p = i; p < i1; p++) other += a[p].area == b[q].area ? a[p].weight : 0;
            worst = fmax(worst, fabs(b[q].weight - other));
        }
        i = i1, j = j1;
    }
    return worst;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: bench_requests POLYGONS LAYER|- N OLD_N [SEED] [BOX]\n");
        return 2;
    }
    size_t n = strtoul(argv[3], NULL, 10), old_n = strtoul(argv[4], NULL, 10);
    rng = argc > 5 ? strtoull(argv[5], NULL, 10) | 1 : 88172645463325252ull;
    double land[4] = {-124.7, 24.5, -66.9, 49.4}; /* the lower 48 */
    if (argc > 6 && sscanf(argv[6], "%lf,%lf,%lf,%lf", &land[0], &land[1], &land[2], &land[3]) != 4) return 2;
    if (old_n > n) old_n = n;
    sl_polyset *ps;
    sl_pip *pip;
    sl_error err;
    if (sl_polyset_read_file(argv[1], strcmp(argv[2], "-") ? argv[2] : NULL, NULL, &ps, NULL, &err) ||
        sl_pip_build(ps, NULL, &pip, &err)) {
        fprintf(stderr, "bench_requests: %s\n", err.msg);
        return 1;
    }
    size_t areas = sl_polyset_count(ps);
    unsigned char **wkb = calloc(areas + 1, sizeof *wkb);
    size_t *len = calloc(areas + 1, sizeof *len);
    double *box = calloc(4 * areas + 4, sizeof *box);
    sl_request *items = calloc(n + 1, sizeof *items);
    if (!wkb || !len || !box || !items) return 1;
    for (size_t i = 0; i < areas; i++) {
        if (sl_polyset_area_wkb(ps, i, &wkb[i], &len[i], &err)) return 1;
        sl_polyset_bounds(ps, i, box + 4 * i);
    }
    /* Centres uniform over the land: drawn in the box, kept when in an area. */
    for (size_t i = 0; i < n; i++) {
        double lon, lat;
        do {
            lon = uniform(land[0], land[2]);
            lat = uniform(land[1], land[3]);
        } while (sl_pip_locate(pip, lon, lat) < 0);
        items[i] = (sl_request){.lon = lon, .lat = lat, .radius_m = uniform(200, 1600), .recipients = NAN, .videos = NAN};
    }
    sl_event_row *a = NULL, *b = NULL;
    size_t na = 0, nb = 0, split = 0;
    double new_s, new_cpu, old_s = 0, old_cpu = 0;
    if (timed(sl_request_weights, items, n, wkb, len, box, areas, &a, &na, &new_s, &new_cpu)) return 1;
    if (old_n && timed(reference_request_weights, items, old_n, wkb, len, box, areas, &b, &nb, &old_s, &old_cpu))
        return 1;
    double diff = old_n ? max_diff(a, na, b, nb, old_n, &split) : NAN;
    printf("areas %zu\nrequests %zu\nnew_s %.3f\nnew_cpu_s %.3f\nnew_per_s %.0f\n", areas, n, new_s, new_cpu,
           n / new_s);
    printf("old_n %zu\nold_s %.3f\nold_cpu_s %.3f\nold_per_s %.0f\n", old_n, old_s, old_cpu,
           old_n ? old_n / old_s : NAN);
    printf("speedup %.1f\nsplit %zu\nmax_diff %.3g\n", old_n ? (n / new_s) / (old_n / old_s) : NAN, split, diff);
    free(a);
    free(b);
    for (size_t i = 0; i < areas; i++) free(wkb[i]);
    free(wkb);
    free(len);
    free(box);
    free(items);
    sl_pip_free(pip);
    sl_polyset_free(ps);
    return diff < 1e-6 || !old_n ? 0 : 3;
}
