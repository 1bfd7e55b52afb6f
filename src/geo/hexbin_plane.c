/*
** hexbin_plane.c — points projected once onto the equal-area plane, and
** binned or counted from there (see include/sightline/geo/hexbin.h).
**
** Projecting is most of a binning's cost (ten million points through PROJ
** take seconds); a map widened to a larger edge, or a server asked for
** another hexagon size, needs the same images again. So the images are
** kept and every edge after the first is arithmetic. Large inputs are split
** in two halves on two threads; PROJ objects may not be shared between
** threads, so each half has its own clone in a context of its own.
*/
#include "hexbin_internal.h"
#include "sightline/core/radix.h"
#include "sightline/geo/laea.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Below this many points one thread does it all: a thread and a PROJ clone
** cost more than they save. */
#define TWO_THREADS_FROM 65536

void sl_hexbin_run_two(void *(*fn)(void *), void *args0, void *args1)
{
    pthread_t t;
    int started = pthread_create(&t, NULL, fn, args1) == 0;
    fn(args0);
    if (started) pthread_join(t, NULL);
    else fn(args1);
}

/* A second PROJ object doing what P does, in a context of its own. */
static PJ *clone_in_own_context(PJ *p, PJ_CONTEXT **ctx)
{
    *ctx = proj_context_create();
    PJ *c = *ctx ? proj_clone(*ctx, p) : NULL;
    if (!c && *ctx) proj_context_destroy(*ctx), *ctx = NULL;
    return c;
}

typedef struct project_job {
    PJ *p;
    const sl_laea *fast; /* the written projection, or NULL: PROJ for all */
    const double *lon, *lat;
    size_t a, b;    /* input range */
    double *x, *y;  /* where this half writes its images */
    size_t placed;  /* out: placed points of the range */
    size_t m;       /* out: images written */
    const uint32_t *w; /* a weight per input point, or NULL */
    uint32_t *wo;      /* where this half writes the weights of its images */
    uint64_t wlost;    /* out: weight of the placed points left without an image */
} project_job;

/* As project_range, through the written projection; the points it leaves
** (see sl_laea_fwd) take PROJ's path one by one, nudge included. */
static void *project_range_fast(project_job *j)
{
    size_t w = 0, placed = 0;
    for (size_t i = j->a; i < j->b; i++) {
        double lon = j->lon[i], lat = j->lat[i], x, y;
        if (!sl_point_placed(lon, lat)) continue;
        placed++;
        if (!sl_laea_fwd(j->fast, lon, lat, &x, &y) && !sl_hexbin_project_one(j->p, lon, lat, &x, &y)) {
            if (j->w) j->wlost += j->w[i];
            continue;
        }
        if (j->w) j->wo[w] = j->w[i];
        j->x[w] = x, j->y[w] = y, w++;
    }
    j->placed = placed;
    j->m = w;
    return NULL;
}

/* Images of the placed points of [a, b), in input order, compacted: the
** points PROJ cannot map even nudged (see sl_hexbin_project_one) are left
** out, as the binning always left them. */
static void *project_range(void *arg)
{
    project_job *j = arg;
    if (j->fast) return project_range_fast(j);
    size_t o = 0;
    for (size_t i = j->a; i < j->b; i++)
        if (sl_point_placed(j->lon[i], j->lat[i])) j->x[o] = j->lon[i], j->y[o] = j->lat[i], o++;
    j->placed = o;
    proj_trans_generic(j->p, PJ_FWD, j->x, sizeof *j->x, o, j->y, sizeof *j->y, o, NULL, 0, 0, NULL, 0, 0);
    size_t w = 0, r = 0;
    for (size_t i = j->a; i < j->b; i++) {
        if (!sl_point_placed(j->lon[i], j->lat[i])) continue;
        double x = j->x[r], y = j->y[r];
        r++;
        if ((!isfinite(x) || !isfinite(y)) && !sl_hexbin_project_one(j->p, j->lon[i], j->lat[i], &x, &y)) {
            if (j->w) j->wlost += j->w[i];
            continue;
        }
        if (j->w) j->wo[w] = j->w[i];
        j->x[w] = x, j->y[w] = y, w++;
    }
    j->m = w;
    return NULL;
}

/* How many of the input points sl_laea_check compares with PROJ. */
#define CHECKED_POINTS 256

/* Weights carried through a projection: W one per input point, WO one per
** image written (room for N), *LOST what the points without one weighed. */
typedef struct weights {
    const uint32_t *w;
    uint32_t *wo;
    uint64_t lost;
} weights;

/* Project the N points with P, centred on (LON0, LAT0), into X, Y (room for
** N each): *placed and the images written (returned). WT, when not NULL,
** follows the points into its WO. */
static size_t project_all(PJ *p, double lon0, double lat0, const double *lon, const double *lat, size_t n,
                          double *x, double *y, size_t *placed, weights *wt)
{
    sl_laea laea;
    const sl_laea *fast = sl_laea_init(&laea, lon0, lat0) &&
                                  sl_laea_check(&laea, p, lon0, lat0, lon, lat, n < CHECKED_POINTS ? n : CHECKED_POINTS)
                              ? &laea
                              : NULL;
    size_t half = n / 2;
    PJ_CONTEXT *ctx1 = NULL;
    PJ *p1 = n >= TWO_THREADS_FROM ? clone_in_own_context(p, &ctx1) : NULL;
    if (!p1) half = n;
    const uint32_t *w = wt ? wt->w : NULL;
    uint32_t *wo = wt ? wt->wo : NULL;
    project_job j[2] = {{p, fast, lon, lat, 0, half, x, y, 0, 0, w, wo, 0},
                        {p1, fast, lon, lat, half, n, x + half, y + half, 0, 0, w, wo ? wo + half : NULL, 0}};
    if (p1) sl_hexbin_run_two(project_range, &j[0], &j[1]);
    else project_range(&j[0]);
    if (p1) {
        memmove(x + j[0].m, x + half, j[1].m * sizeof *x);
        memmove(y + j[0].m, y + half, j[1].m * sizeof *y);
        if (wo) memmove(wo + j[0].m, wo + half, j[1].m * sizeof *wo);
        proj_destroy(p1);
        proj_context_destroy(ctx1);
    }
    if (wt) wt->lost = j[0].wlost + j[1].wlost;
    *placed = j[0].placed + j[1].placed;
    return j[0].m + j[1].m;
}

sl_status sl_hexbin_plane_build(const double *lon, const double *lat, size_t n, double size_m,
                                const double *centre, sl_hexbin_plane *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    if (!centre && !(size_m > 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagon size must be positive meters");
    if (!centre) {
        sl_hexbin_cover *c = malloc(sizeof *c);
        if (!c) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        sl_hexbin_survey(lon, lat, n, c);
        sl_hexbin_centre(c, size_m, &out->lon0, &out->lat0);
        out->cover = c;
    } else {
        out->lon0 = centre[0], out->lat0 = centre[1];
    }
    PJ_CONTEXT *ctx = NULL;
    PJ *p = sl_hexbin_projection(out->lon0, out->lat0, &ctx, err);
    out->x = p ? malloc((n + 1) * sizeof *out->x) : NULL;
    out->y = out->x ? malloc((n + 1) * sizeof *out->y) : NULL;
    sl_status s = !p ? err->status : out->y ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory projecting %zu points", n);
    if (!s) out->m = project_all(p, out->lon0, out->lat0, lon, lat, n, out->x, out->y, &out->placed, NULL);
    if (p) proj_destroy(p);
    if (ctx) proj_context_destroy(ctx);
    if (s) sl_hexbin_plane_free(out);
    return s;
}

int sl_hexbin_plane_fits(const sl_hexbin_plane *p, double size_m)
{
    if (!p->cover) return 1;
    double lon0, lat0;
    sl_hexbin_centre(p->cover, size_m, &lon0, &lat0);
    return lon0 == p->lon0 && lat0 == p->lat0;
}

typedef struct key_job {
    const double *x, *y;
    size_t a, b;
    double size_m;
    uint64_t *keys;
    int sort;
} key_job;

static void *keys_range(void *arg)
{
    key_job *j = arg;
    sl_hexbin_keys(j->size_m, j->x + j->a, j->y + j->a, j->b - j->a, j->keys + j->a);
    return NULL;
}

static void *sort_range(void *arg)
{
    key_job *j = arg;
    sl_hexbin_sort(j->keys + j->a, j->b - j->a);
    return NULL;
}

sl_status sl_hexbin_build_plane(const sl_hexbin_plane *p, double size_m, sl_hexbin *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(size_m > 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagon size must be positive meters");
    if (!sl_hexbin_plane_fits(p, size_m))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagons of %g m centre elsewhere than these points' plane", size_m);
    out->size_m = size_m;
    out->area_km2 = 3 * sqrt(3.0) / 2 * size_m * size_m / 1e6;
    out->lon0 = p->lon0, out->lat0 = p->lat0;
    PJ_CONTEXT *ctx = NULL;
    if (!(out->proj = sl_hexbin_projection(out->lon0, out->lat0, &ctx, err))) return err->status;
    out->ctx = ctx;
    uint64_t *keys = malloc((p->m + 1) * sizeof *keys);
    sl_status s = keys ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory binning %zu points", p->m);
    if (!s) {
        size_t half = p->m >= TWO_THREADS_FROM ? p->m / 2 : p->m;
        key_job j[2] = {{p->x, p->y, 0, half, size_m, keys, 0}, {p->x, p->y, half, p->m, size_m, keys, 0}};
        if (half < p->m) sl_hexbin_run_two(keys_range, &j[0], &j[1]);
        else keys_range(&j[0]);
        out->outside = p->n - p->m;
        if (sl_hexbin_count_few(out, keys, p->m)) {
            s = sl_hexbin_index(out, err);
        } else {
            /* each half sorted on its thread, the two runs merged into cells */
            j[0].sort = j[1].sort = 1;
            if (half < p->m) sl_hexbin_run_two(sort_range, &j[0], &j[1]);
            else sort_range(&j[0]);
            s = sl_hexbin_cells_from_runs(out, keys, half, keys + half, p->m - half, err);
        }
    }
    free(keys);
    if (s) sl_hexbin_free(out);
    return s;
}

sl_status sl_hexbin_plane_census(const sl_hexbin_plane *p, double size_m, uint32_t at_least, size_t *cells,
                                 size_t *full, sl_error *err)
{
    *cells = *full = 0;
    if (!(size_m > 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagon size must be positive meters");
    if (!sl_hexbin_plane_fits(p, size_m))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagons of %g m centre elsewhere than these points' plane", size_m);
    uint64_t *keys = malloc((p->m + 1) * sizeof *keys);
    if (!keys) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory binning %zu points", p->m);
    /* As sl_hexbin_build_plane: keys and sorts on two threads, then one walk. */
    size_t half = p->m >= TWO_THREADS_FROM ? p->m / 2 : p->m;
    key_job j[2] = {{p->x, p->y, 0, half, size_m, keys, 1}, {p->x, p->y, half, p->m, size_m, keys, 1}};
    if (half < p->m) {
        sl_hexbin_run_two(keys_range, &j[0], &j[1]);
        sl_hexbin_run_two(sort_range, &j[0], &j[1]);
    } else {
        keys_range(&j[0]);
        sort_range(&j[0]);
    }
    *cells = sl_hexbin_census_runs(keys, half, keys + half, p->m - half, at_least, full);
    free(keys);
    return SL_OK;
}

typedef struct count_job {
    const sl_hexbin *h;
    const double *x, *y;
    size_t a, b;
    uint64_t *keys; /* room for [a, b) */
    uint32_t *counts;
    size_t missed;
} count_job;

/* The keys of [a, b) sorted, then walked beside the cells (which are in
** key order): millions of cells do not fit in cache, and a lookup per
** point waited for a miss or two each. */
static void *count_range(void *arg)
{
    count_job *j = arg;
    size_t k = j->b - j->a;
    sl_hexbin_keys(j->h->size_m, j->x + j->a, j->y + j->a, k, j->keys);
    sl_hexbin_sort(j->keys, k);
    j->missed = sl_hexbin_count_sorted(j->h, j->keys, NULL, k, j->counts, NULL, NULL);
    return NULL;
}

/* Up to this many cells the cell index fits in a core's cache: each image's
** cell is looked up there, instead of sorting millions of keys to walk them
** beside the cells (what a national map at its widened edge needs). */
#define LOOKUP_CELLS_UP_TO 65536
#define LOOKUP_BATCH 256

typedef struct lookup_job {
    const sl_hexbin *h;
    const double *x, *y;
    const uint32_t *w; /* or NULL */
    size_t a, b;
    uint32_t *counts, *wcounts; /* one per cell, added to */
    size_t missed;
    uint64_t wmissed;
} lookup_job;

static void *lookup_range(void *arg)
{
    lookup_job *j = arg;
    uint64_t keys[LOOKUP_BATCH];
    for (size_t i = j->a; i < j->b; i += LOOKUP_BATCH) {
        size_t k = j->b - i < LOOKUP_BATCH ? j->b - i : LOOKUP_BATCH;
        sl_hexbin_keys(j->h->size_m, j->x + i, j->y + i, k, keys);
        for (size_t t = 0; t < k; t++) {
            uint32_t w = j->w ? j->w[i + t] : 0;
            if (j->w && w == SL_HEXBIN_SKIP) continue;
            long c = sl_hexbin_find_key(j->h, keys[t]);
            if (c >= 0) j->counts[c]++;
            if (c >= 0 && j->wcounts) j->wcounts[c] += w;
            if (c < 0) j->missed++, j->wmissed += w;
        }
    }
    return NULL;
}

/* The M images into COUNTS (and their weights W into WCOUNTS) by lookup,
** on two threads for many images (the second into counts of its own). 1
** done, 0 when H has too many cells or no index (nothing counted). */
static int count_by_lookup(const sl_hexbin *h, const double *x, const double *y, const uint32_t *w, size_t m,
                           uint32_t *counts, uint32_t *wcounts, size_t *missed, uint64_t *wmissed)
{
    if (!h->slots || h->count > LOOKUP_CELLS_UP_TO) return 0;
    int two = m >= TWO_THREADS_FROM;
    uint32_t *more = two ? calloc(2 * (h->count + 1), sizeof *more) : NULL;
    if (two && !more) return 0;
    size_t half = more ? m / 2 : m;
    lookup_job j[2] = {{h, x, y, w, 0, half, counts, wcounts, 0, 0},
                       {h, x, y, w, half, m, more, more ? more + h->count + 1 : NULL, 0, 0}};
    if (!wcounts) j[1].wcounts = NULL;
    if (more) sl_hexbin_run_two(lookup_range, &j[0], &j[1]);
    else lookup_range(&j[0]);
    for (size_t i = 0; more && i < h->count; i++) {
        counts[i] += more[i];
        if (wcounts) wcounts[i] += more[h->count + 1 + i];
    }
    free(more);
    *missed = j[0].missed + j[1].missed;
    if (wmissed) *wmissed = j[0].wmissed + j[1].wmissed;
    return 1;
}

/* Count the M images X, Y into COUNTS; how many found no cell. */
static sl_status count_images(const sl_hexbin *h, const double *x, const double *y, size_t m, uint32_t *counts,
                              size_t *missed, sl_error *err)
{
    if (count_by_lookup(h, x, y, NULL, m, counts, NULL, missed, NULL)) return SL_OK;
    uint64_t *keys = malloc((m + 1) * sizeof *keys);
    uint32_t *other = keys && m >= TWO_THREADS_FROM ? calloc(h->count + 1, sizeof *other) : NULL;
    if (!keys) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory counting %zu points", m);
    size_t half = other ? m / 2 : m;
    count_job j[2] = {{h, x, y, 0, half, keys, counts, 0}, {h, x, y, half, m, keys + half, other, 0}};
    if (other) sl_hexbin_run_two(count_range, &j[0], &j[1]);
    else count_range(&j[0]);
    for (size_t i = 0; other && i < h->count; i++) counts[i] += other[i];
    free(other);
    free(keys);
    *missed = j[0].missed + j[1].missed;
    return SL_OK;
}

sl_status sl_hexbin_count_plane(const sl_hexbin *h, const sl_hexbin_plane *p, uint32_t *counts,
                                size_t *elsewhere, sl_error *err)
{
    *elsewhere = 0;
    if (h->lon0 != p->lon0 || h->lat0 != p->lat0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "points projected about another centre than the hexagons");
    size_t missed = 0;
    sl_status s = count_images(h, p->x, p->y, p->m, counts, &missed, err);
    *elsewhere = missed + (p->placed - p->m);
    return s;
}

sl_status sl_hexbin_count(const sl_hexbin *h, const double *lon, const double *lat, size_t n, uint32_t *counts,
                          size_t *elsewhere, sl_error *err)
{
    *elsewhere = 0;
    if (!h->proj) return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagons without a projection");
    double *x = malloc((n + 1) * sizeof *x), *y = malloc((n + 1) * sizeof *y);
    sl_status s = x && y ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory counting %zu points", n);
    if (!s) {
        size_t placed, missed = 0, m = project_all(h->proj, h->lon0, h->lat0, lon, lat, n, x, y, &placed, NULL);
        s = count_images(h, x, y, m, counts, &missed, err);
        *elsewhere = missed + (placed - m);
    }
    free(x);
    free(y);
    return s;
}

/* The images' keys sorted with their weights, then walked beside the cells
** (in key order) as count_range does; the weights' sum of the images that
** found no cell into *WMISSED. */
sl_status sl_hexbin_count_weighted_images(const sl_hexbin *h, const double *x, const double *y, uint32_t *w,
                                          size_t m, uint32_t *counts, uint32_t *wcounts, size_t *missed,
                                          uint64_t *wmissed, sl_error *err)
{
    *missed = 0, *wmissed = 0;
    if (count_by_lookup(h, x, y, w, m, counts, wcounts, missed, wmissed)) return SL_OK;
    /* The sort takes every key it is given: the images left out are dropped
    ** first, in the pass that finds them (the copy's pages past the images
    ** kept are never touched). */
    double *kx = NULL, *ky = NULL;
    size_t first = 0;
    while (first < m && w[first] != SL_HEXBIN_SKIP) first++;
    if (first < m) {
        kx = malloc((m + 1) * sizeof *kx), ky = malloc((m + 1) * sizeof *ky);
        if (!kx || !ky) {
            free(kx), free(ky);
            return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory counting %zu points", m);
        }
        memcpy(kx, x, first * sizeof *kx), memcpy(ky, y, first * sizeof *ky);
        size_t k = first;
        for (size_t i = first; i < m; i++)
            if (w[i] != SL_HEXBIN_SKIP) kx[k] = x[i], ky[k] = y[i], w[k++] = w[i];
        x = kx, y = ky, m = k;
    }
    uint64_t *keys = malloc((m + 1) * sizeof *keys);
    if (!keys) {
        free(kx), free(ky);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory counting %zu points", m);
    }
    size_t half = m >= TWO_THREADS_FROM ? m / 2 : m;
    key_job j[2] = {{x, y, 0, half, h->size_m, keys, 0}, {x, y, half, m, h->size_m, keys, 0}};
    if (half < m) sl_hexbin_run_two(keys_range, &j[0], &j[1]);
    else keys_range(&j[0]);
    sl_status s = sl_radix_sort_pairs(keys, w, m, err);
    if (!s) *missed = sl_hexbin_count_sorted(h, keys, w, m, counts, wcounts, wmissed);
    free(keys);
    free(kx), free(ky);
    return s;
}

sl_status sl_hexbin_count_weighted(const sl_hexbin *h, const double *lon, const double *lat, const uint32_t *w,
                                   size_t n, uint32_t *counts, uint32_t *wcounts, size_t *elsewhere,
                                   uint64_t *welsewhere, sl_error *err)
{
    *elsewhere = 0, *welsewhere = 0;
    if (!h->proj) return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagons without a projection");
    double *x = malloc((n + 1) * sizeof *x), *y = malloc((n + 1) * sizeof *y);
    uint32_t *wo = malloc((n + 1) * sizeof *wo);
    sl_status s = x && y && wo ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory counting %zu points", n);
    if (!s) {
        weights wt = {w, wo, 0};
        size_t placed, missed = 0, m = project_all(h->proj, h->lon0, h->lat0, lon, lat, n, x, y, &placed, &wt);
        uint64_t wmissed = 0;
        s = sl_hexbin_count_weighted_images(h, x, y, wo, m, counts, wcounts, &missed, &wmissed, err);
        *elsewhere = missed + (placed - m);
        *welsewhere = wmissed + wt.lost;
    }
    free(x);
    free(y);
    free(wo);
    return s;
}

void sl_hexbin_plane_free(sl_hexbin_plane *p)
{
    free(p->x);
    free(p->y);
    free(p->cover);
    memset(p, 0, sizeof *p);
}

sl_status sl_hexbin_view(const sl_hexbin *h, sl_hexbin *view, sl_error *err)
{
    *view = *h;
    view->slots = NULL; /* lookups stay H's: a view draws */
    PJ_CONTEXT *ctx = NULL;
    view->proj = h->proj ? clone_in_own_context(h->proj, &ctx) : NULL;
    view->ctx = ctx;
    if (h->proj && !view->proj) return sl_fail(err, SL_EIO, NULL, 0, "PROJ could not copy the equal-area projection");
    return SL_OK;
}

void sl_hexbin_view_free(sl_hexbin *view)
{
    if (view->proj) proj_destroy(view->proj);
    if (view->ctx) proj_context_destroy(view->ctx);
    memset(view, 0, sizeof *view);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

sl_status sl_hexbin_cells_in_window(const sl_hexbin *h, const double win[4], size_t max_span, uint32_t **idx,
                                    size_t *n, sl_error *err)
{
    *idx = NULL, *n = 0;
    /* centre (s√3 (q + r/2), 1.5 s r): the rows r, then the q of each row,
    ** a position wider on every side; sl_hexbin_cell_in_window decides */
    double s = h->size_m, w = s * sqrt(3.0);
    double r0 = floor(win[1] / (1.5 * s)) - 1, r1 = ceil(win[3] / (1.5 * s)) + 1;
    double qspan = (win[2] - win[0]) / w + 3;
    if (!(r0 <= r1) || !(qspan > 0) || (r1 - r0 + 1) * qspan > (double)max_span || fabs(r0) > 1e9 || fabs(r1) > 1e9 ||
        fabs(win[0] / w) > 1e9 || fabs(win[2] / w) > 1e9)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "window too wide to look up cell by cell");
    size_t cap = 64, m = 0;
    uint32_t *out = malloc(cap * sizeof *out);
    if (!out) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (double r = r0; r <= r1; r++) {
        double q0 = floor(win[0] / w - r / 2) - 1, q1 = ceil(win[2] / w - r / 2) + 1;
        for (double q = q0; q <= q1; q++) {
            uint64_t key = (uint64_t)(uint32_t)(int32_t)q << 32 | (uint32_t)(int32_t)r;
            long c = sl_hexbin_find_key(h, key);
            if (c < 0 || !sl_hexbin_cell_in_window(h, (size_t)c, win)) continue;
            if (m == cap) {
                uint32_t *bigger = realloc(out, 2 * cap * sizeof *out);
                if (!bigger) {
                    free(out);
                    return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
                }
                out = bigger, cap *= 2;
            }
            out[m++] = (uint32_t)c;
        }
    }
    qsort(out, m, sizeof *out, cmp_u32);
    *idx = out, *n = m;
    return SL_OK;
}
