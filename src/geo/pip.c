/*
** pip.c — the point-in-polygon index: per-area edge stripes, the exact
** crossing test, single-point look-ups and the multi-threaded batch join.
**
** The crossing test is the one place correctness on boundaries is decided
** (see pip.h): every edge is stored lower endpoint first, so two areas that
** share an edge evaluate it with bit-identical arithmetic and agree on which
** side of it a point lies.
*/
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "geo/pip_internal.h"

sl_pip_options sl_pip_default_options(void)
{
    sl_pip_options o = {1, 0};
    return o;
}

/* ---- edge stripes ------------------------------------------------------ */

static inline uint32_t stripe_of(double y0, double scale, uint32_t n, double y)
{
    double s = (y - y0) * scale;
    if (!(s > 0))
        return 0;
    return s >= (double)n ? n - 1 : (uint32_t)s;
}

/* Stripes for an area of EDGES edges whose edges span SPAN stripe heights in
** total when there is one stripe (sum of y extents / box height). An edge
** lands in about 1 + its span x stripes, so the count is also capped to
** keep the entries under ~8 per edge: a polygon whose edges are long in y
** (a star, where a horizontal line crosses O(n) edges) would otherwise need
** O(n^2) entries. */
static uint32_t stripe_count(size_t edges, double span)
{
    size_t n = edges / 2;
    if (span > 0 && (double)n > 7.0 * (double)edges / span)
        n = (size_t)(7.0 * (double)edges / span);
    if (n < 1)
        n = 1;
    if (n > 65536)
        n = 65536;
    return (uint32_t)n;
}

static size_t area_edges(const sl_polyset *ps, size_t a, double *span)
{
    size_t n = 0;
    double sum = 0;
    FOR_EACH_EDGE(ps, a, e, {
        n++;
        sum += e.by - e.ay;
    })
    const double *b = ps->bbox + 4 * a;
    *span = b[3] > b[1] ? sum / (b[3] - b[1]) : 0;
    return n;
}

static double max_x(const pip_edge *e) { return e->ax > e->bx ? e->ax : e->bx; }

static int cmp_edge_max_x_desc(const void *a, const void *b)
{
    double p = max_x(a), q = max_x(b);
    return p > q ? -1 : p < q;
}

static sl_status build_stripes(sl_pip *ix, sl_error *err)
{
    const sl_polyset *ps = ix->ps;
    size_t na = ps->n_areas;
    ix->area_stripe = malloc((na + 1) * sizeof *ix->area_stripe);
    ix->stripe_y0 = malloc((na ? na : 1) * sizeof *ix->stripe_y0);
    ix->stripe_scale = malloc((na ? na : 1) * sizeof *ix->stripe_scale);
    if (!ix->area_stripe || !ix->stripe_y0 || !ix->stripe_scale)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for edge stripes");
    size_t total = 0;
    for (size_t a = 0; a < na; a++) {
        double span;
        size_t edges = area_edges(ps, a, &span);
        ix->n_edges += edges;
        uint32_t ns = edges ? stripe_count(edges, span) : 0;
        const double *b = ps->bbox + 4 * a;
        ix->area_stripe[a] = (uint32_t)total;
        ix->stripe_y0[a] = b[1];
        ix->stripe_scale[a] = b[3] > b[1] ? ns / (b[3] - b[1]) : 0;
        total += ns;
    }
    ix->area_stripe[na] = (uint32_t)total;
    ix->n_stripes = total;
    ix->stripe_off = calloc(total + 1, sizeof *ix->stripe_off);
    if (!ix->stripe_off)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for edge stripes");
    /* Count entries per stripe, then place them (counting sort). */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t a = 0; a < na; a++) {
            uint32_t s0 = ix->area_stripe[a], ns = ix->area_stripe[a + 1] - s0;
            double y0 = ix->stripe_y0[a], sc = ix->stripe_scale[a];
            FOR_EACH_EDGE(ps, a, e, {
                uint32_t lo = stripe_of(y0, sc, ns, e.ay), hi = stripe_of(y0, sc, ns, e.by);
                for (uint32_t s = lo; s <= hi; s++) {
                    if (pass == 0)
                        ix->stripe_off[s0 + s + 1]++;
                    else
                        ix->stripe_edges[ix->stripe_off[s0 + s]++] = e;
                }
            })
        }
        if (pass == 0) {
            for (size_t s = 0; s < total; s++)
                ix->stripe_off[s + 1] += ix->stripe_off[s];
            ix->n_stripe_edges = ix->stripe_off[total];
            ix->stripe_edges = malloc((ix->n_stripe_edges ? ix->n_stripe_edges : 1) *
                                      sizeof *ix->stripe_edges);
            if (!ix->stripe_edges)
                return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for edge stripes");
        }
    }
    /* The placing pass advanced each offset to the next stripe's start. */
    memmove(ix->stripe_off + 1, ix->stripe_off, total * sizeof *ix->stripe_off);
    ix->stripe_off[0] = 0;
    /* Decreasing max x, so a test stops at the first edge wholly left of
    ** its point (long stripes of a star-like area are then half read). */
    for (size_t s = 0; s < total; s++)
        if (ix->stripe_off[s + 1] - ix->stripe_off[s] > 16)
            qsort(ix->stripe_edges + ix->stripe_off[s], ix->stripe_off[s + 1] - ix->stripe_off[s],
                  sizeof *ix->stripe_edges, cmp_edge_max_x_desc);
    return SL_OK;
}

/* ---- the crossing test ------------------------------------------------- */

/* Exact sign of the orientation determinant, for the rare points so close to
** an edge that the rounded value cannot be trusted: every difference and
** product is split into exact double pairs (two-diff, fma two-product) and
** summed as a non-overlapping expansion (Shewchuk's grow-expansion). */
static void two_diff(double a, double b, double *hi, double *lo)
{
    double x = a - b, bv = a - x, av = x + bv;
    *hi = x;
    *lo = (a - av) + (bv - b);
}

static size_t grow_expansion(double *e, size_t n, double b)
{
    size_t k = 0;
    double q = b;
    for (size_t i = 0; i < n; i++) {
        double sum = q + e[i], bv = sum - q, av = sum - bv;
        double err = (q - av) + (e[i] - bv);
        q = sum;
        if (err != 0)
            e[k++] = err;
    }
    e[k++] = q;
    return k;
}

__attribute__((noinline)) int sl_pip_orient_exact(const pip_edge *e, double x, double y)
{
    double u[2], v[2], w[2], z[2]; /* (bx-ax) (y-ay) (by-ay) (x-ax) */
    two_diff(e->bx, e->ax, &u[0], &u[1]);
    two_diff(y, e->ay, &v[0], &v[1]);
    two_diff(e->by, e->ay, &w[0], &w[1]);
    two_diff(x, e->ax, &z[0], &z[1]);
    double exp[40];
    size_t n = 0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double p = u[i] * v[j], q = w[i] * z[j];
            n = grow_expansion(exp, n, p);
            n = grow_expansion(exp, n, fma(u[i], v[j], -p));
            n = grow_expansion(exp, n, -q);
            n = grow_expansion(exp, n, -fma(w[i], z[j], -q));
        }
    for (size_t i = n; i-- > 0;)
        if (exp[i] != 0)
            return exp[i] > 0;
    return 0;
}

int sl_pip_area_contains(const sl_pip *ix, uint32_t a, double x, double y)
{
    const double *b = ix->ps->bbox + 4 * (size_t)a;
    if (x < b[0] || x > b[2] || y < b[1] || y > b[3])
        return 0;
    uint32_t s0 = ix->area_stripe[a], ns = ix->area_stripe[a + 1] - s0;
    if (ns == 0)
        return 0;
    uint32_t s = s0 + stripe_of(ix->stripe_y0[a], ix->stripe_scale[a], ns, y);
    const pip_edge *e = ix->stripe_edges + ix->stripe_off[s];
    const pip_edge *end = ix->stripe_edges + ix->stripe_off[s + 1];
    if (end - e > 16) /* sorted by build_stripes */
        return pip_band_contains(e, (uint32_t)(end - e), x, y);
    int inside = 0;
    for (; e < end; e++) {
        if (y < e->ay || y >= e->by)
            continue;
        /* The ray to +x crosses the edge when the point is strictly left of it. */
        inside ^= pip_crosses(e, x, y);
    }
    return inside;
}

typedef struct hits {
    const sl_pip *ix;
    double x, y;
    int32_t *out;
    size_t max, count;
    int32_t lowest;
} hits;

static int collect_hit(void *ctx, uint32_t item)
{
    hits *h = ctx;
    if (!sl_pip_area_contains(h->ix, item, h->x, h->y))
        return 0;
    if (h->lowest < 0 || (int32_t)item < h->lowest)
        h->lowest = (int32_t)item;
    if (h->count < h->max) {
        size_t i = h->count; /* keep OUT sorted */
        while (i > 0 && h->out[i - 1] > (int32_t)item) {
            h->out[i] = h->out[i - 1];
            i--;
        }
        h->out[i] = (int32_t)item;
    }
    h->count++;
    return 0;
}

size_t sl_pip_areas_at(const sl_pip *ix, double x, double y, int32_t *out, size_t max)
{
    hits h = {ix, x, y, out, max, 0, -1};
    sl_rtree_search_point(&ix->tree, x, y, collect_hit, &h);
    return h.count;
}

int32_t sl_pip_locate_tree(const sl_pip *idx, double lon, double lat)
{
    hits h = {idx, lon, lat, NULL, 0, 0, -1};
    sl_rtree_search_point(&idx->tree, lon, lat, collect_hit, &h);
    return h.lowest;
}

/* Resolve a point in a mixed cell from its record. */
static inline int32_t resolve_mixed(const sl_pip *ix, const uint32_t *rec, double x, double y)
{
    for (uint32_t k = rec[0]; k > 0; k--, rec += 3)
        if (rec[3] & BAND_LOCAL ? pip_local_contains(ix, rec[2], x, y)
                                : pip_band_contains(ix->band_edges + rec[2], rec[3], x, y))
            return (int32_t)rec[1];
    return -1;
}

int32_t sl_pip_locate(const sl_pip *ix, double lon, double lat)
{
    if (!ix->has_grid)
        return sl_pip_locate_tree(ix, lon, lat);
    double fx = (lon - ix->gx0) * ix->gsx, fy = (lat - ix->gy0) * ix->gsy;
    if (!(fx >= 0 && fy >= 0 && fx < (double)ix->nx && fy < (double)ix->ny))
        return -1;
    int32_t v = ix->cells[(size_t)(uint32_t)fy * ix->nx + (uint32_t)fx];
    if (v >= CELL_EMPTY)
        return v;
    if (v == CELL_TREE)
        return sl_pip_locate_tree(ix, lon, lat);
    return resolve_mixed(ix, ix->mixed_rec + (CELL_MIXED0 - v), lon, lat);
}

/* ---- build ------------------------------------------------------------- */

sl_status sl_pip_build(const sl_polyset *ps, const sl_pip_options *opts, sl_pip **out,
                       sl_error *err)
{
    sl_pip_options o = opts ? *opts : sl_pip_default_options();
    *out = NULL;
    if (ps->n_areas > (size_t)INT32_MAX)
        return sl_fail(err, SL_EUSAGE, "", 0, "too many areas (%zu)", ps->n_areas);
    sl_pip *ix = calloc(1, sizeof *ix);
    if (!ix)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for the index");
    ix->ps = ps;
    sl_status st = sl_rtree_build(&ix->tree, ps->bbox, ps->n_areas, err);
    if (st == SL_OK)
        st = build_stripes(ix, err);
    if (st == SL_OK && o.use_grid)
        st = sl_pip_build_grid(ix, o.grid_cells, err);
    if (st != SL_OK) {
        sl_pip_free(ix);
        return st;
    }
    *out = ix;
    return SL_OK;
}

void sl_pip_free(sl_pip *ix)
{
    if (!ix)
        return;
    sl_rtree_free(&ix->tree);
    free(ix->area_stripe);
    free(ix->stripe_y0);
    free(ix->stripe_scale);
    free(ix->stripe_off);
    free(ix->stripe_edges);
    sl_pip_free_grid(ix);
    free(ix);
}

void sl_pip_get_stats(const sl_pip *ix, sl_pip_stats *s)
{
    memset(s, 0, sizeof *s);
    s->areas = ix->ps->n_areas;
    s->edges = ix->n_edges;
    s->stripe_entries = ix->n_stripe_edges;
    s->grid_nx = ix->nx;
    s->grid_ny = ix->ny;
    s->cells_empty = ix->cells_empty;
    s->cells_full = ix->cells_full;
    s->cells_tree = ix->cells_tree;
    s->cells_mixed = ix->n_mixed;
    s->mixed_entries = ix->n_mixed_areas;
    s->bytes = sl_rtree_bytes(&ix->tree) + ix->n_stripe_edges * sizeof(pip_edge) +
               (ix->n_stripes + 1) * sizeof(uint32_t) +
               ix->ps->n_areas * (sizeof(uint32_t) + 2 * sizeof(double)) +
               (size_t)ix->nx * ix->ny * sizeof(int32_t) +
               ix->n_mixed_rec * sizeof(uint32_t) + ix->n_band_edges * sizeof(pip_edge) +
               ix->n_local_info * sizeof(uint32_t) + ix->n_local_edges * sizeof(pip_edge) +
               ix->n_local_breaks * sizeof(double);
}

/* ---- batch join -------------------------------------------------------- */

typedef struct job {
    const sl_pip *ix;
    const double *lon, *lat;
    size_t n;
    atomic_size_t *next; /* next unclaimed point, shared by all threads */
    int32_t *area_out;   /* join */
    uint64_t *counts;    /* count: n_areas + 1 slots, the last for "outside" */
} job;

/* Threads claim slices of this many points as they go, so a thread that the
** scheduler slows down (a busy machine) does not leave the other idle. */
#define SLICE 65536

/* Locate a batch of points in stages, so the cache misses of many points
** (grid cell, then cell record, then band edges) are in flight together
** instead of one after another. This recovers most of what sorting points
** by cell would (note 4 of the design notes) without a copy of the points
** or a pass over them: profiling showed one dependent miss chain per point
** was the cost, not the misses themselves. */
#define BATCH 256
static void locate_batch(const sl_pip *ix, const double *x, const double *y, size_t n,
                         int32_t *out)
{
    if (!ix->has_grid) {
        for (size_t i = 0; i < n; i++)
            out[i] = sl_pip_locate_tree(ix, x[i], y[i]);
        return;
    }
    int32_t v[BATCH];
    uint16_t mixed[BATCH];
    size_t nm = 0;
    for (size_t i = 0; i < n; i++) {
        double fx = (x[i] - ix->gx0) * ix->gsx, fy = (y[i] - ix->gy0) * ix->gsy;
        int in = fx >= 0 && fy >= 0 && fx < (double)ix->nx && fy < (double)ix->ny;
        v[i] = in ? ix->cells[(size_t)(uint32_t)fy * ix->nx + (uint32_t)fx] : CELL_EMPTY;
    }
    for (size_t i = 0; i < n; i++) {
        if (v[i] >= CELL_EMPTY) {
            out[i] = v[i];
        } else if (v[i] == CELL_TREE) {
            out[i] = sl_pip_locate_tree(ix, x[i], y[i]);
        } else {
            __builtin_prefetch(ix->mixed_rec + (CELL_MIXED0 - v[i]));
            mixed[nm++] = (uint16_t)i;
        }
    }
    for (size_t k = 0; k < nm; k++) {
        const uint32_t *rec = ix->mixed_rec + (CELL_MIXED0 - v[mixed[k]]);
        __builtin_prefetch(ix->band_edges + rec[2]);
        if (rec[0] > 1)
            __builtin_prefetch(ix->band_edges + rec[5]);
    }
    for (size_t k = 0; k < nm; k++) {
        size_t i = mixed[k];
        out[i] = resolve_mixed(ix, ix->mixed_rec + (CELL_MIXED0 - v[i]), x[i], y[i]);
    }
}

static void *run_job(void *arg)
{
    job *j = arg;
    const sl_pip *ix = j->ix;
    size_t na = ix->ps->n_areas;
    int32_t buf[BATCH];
    for (;;) {
        size_t begin = atomic_fetch_add(j->next, SLICE);
        if (begin >= j->n)
            break;
        size_t end = j->n - begin < SLICE ? j->n : begin + SLICE;
        for (size_t i = begin; i < end; i += BATCH) {
            size_t n = end - i < BATCH ? end - i : BATCH;
            int32_t *out = j->area_out ? j->area_out + i : buf;
            locate_batch(ix, j->lon + i, j->lat + i, n, out);
            if (!j->area_out)
                for (size_t k = 0; k < n; k++)
                    j->counts[out[k] >= 0 ? (size_t)out[k] : na]++;
        }
    }
    return NULL;
}

static int thread_count(int threads, size_t n)
{
    if (threads <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores > 0 ? (int)cores : 1;
    }
    if (threads > 64)
        threads = 64;
    size_t per_thread_min = 1 << 15; /* below this a thread costs more than it saves */
    if ((size_t)threads > n / per_thread_min + 1)
        threads = (int)(n / per_thread_min + 1);
    return threads;
}

/* Run the jobs on THREADS threads (this one included) until every slice is
** claimed; if a thread cannot start, the others take its share. */
static void run_jobs(job *jobs, int threads)
{
    pthread_t tid[64];
    int started = 0;
    for (int t = 1; t < threads; t++) {
        if (pthread_create(&tid[t], NULL, run_job, &jobs[t]) != 0)
            break;
        started = t;
    }
    run_job(&jobs[0]);
    for (int t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
}

sl_status sl_pip_join(const sl_pip *idx, const double *lon, const double *lat, size_t n,
                      int threads, int32_t *area_out, sl_error *err)
{
    job jobs[64];
    int nt = thread_count(threads, n);
    atomic_size_t next = 0;
    for (int t = 0; t < nt; t++)
        jobs[t] = (job){idx, lon, lat, n, &next, area_out, NULL};
    run_jobs(jobs, nt);
    (void)err; /* nothing can fail: no allocation per call */
    return SL_OK;
}

sl_status sl_pip_count(const sl_pip *idx, const double *lon, const double *lat, size_t n,
                       int threads, uint64_t *counts, uint64_t *outside, sl_error *err)
{
    job jobs[64];
    size_t na = idx->ps->n_areas;
    int nt = thread_count(threads, n);
    uint64_t *per_thread = calloc((size_t)nt * (na + 1), sizeof *per_thread);
    if (!per_thread)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for counts");
    atomic_size_t next = 0;
    for (int t = 0; t < nt; t++)
        jobs[t] = (job){idx, lon, lat, n, &next, NULL, per_thread + (size_t)t * (na + 1)};
    run_jobs(jobs, nt);
    memset(counts, 0, na * sizeof *counts);
    uint64_t out = 0;
    for (int t = 0; t < nt; t++) {
        const uint64_t *c = per_thread + (size_t)t * (na + 1);
        for (size_t a = 0; a < na; a++)
            counts[a] += c[a];
        out += c[na];
    }
    if (outside)
        *outside = out;
    free(per_thread);
    return SL_OK;
}
