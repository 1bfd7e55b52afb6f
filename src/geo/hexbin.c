/*
** hexbin.c — equal-area hexagon bins (see include/sightline/geo/hexbin.h).
**
** Pointy-top hexagons in axial coordinates (q, r) on the projected plane;
** points are assigned by cube rounding, then cells are counted by sorting
** their packed keys (or, when they are few, through a small table in cache
** and only the distinct keys sorted): no allocation per point. Projecting
** the points, on two threads, is hexbin_plane.c's.
*/
#include "hexbin_internal.h"
#include "sightline/core/radix.h"
#include "sightline/geo/laea.h"
#include "sightline/geo/spatial.h"

#include <errno.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PJ *sl_hexbin_projection(double lon0, double lat0, PJ_CONTEXT **ctx, sl_error *err)
{
    char def[160];
    snprintf(def, sizeof def, "+proj=laea +lat_0=" SL_LAEA_CENTRE_FORMAT " +lon_0=" SL_LAEA_CENTRE_FORMAT
             " +datum=WGS84 +units=m +type=crs", lat0, lon0);
    /* a context of its own: PROJ objects may not be shared between threads,
    ** and a server bins on one thread and draws on others */
    *ctx = proj_context_create();
    PJ *raw = *ctx ? proj_create_crs_to_crs(*ctx, "EPSG:4326", def, NULL) : NULL;
    PJ *p = raw ? proj_normalize_for_visualization(*ctx, raw) : NULL; /* lon, lat order */
    proj_destroy(raw);
    if (!p) {
        if (*ctx) proj_context_destroy(*ctx);
        *ctx = NULL;
        sl_fail(err, SL_EIO, NULL, 0, "PROJ could not build the equal-area projection");
    }
    return p;
}

#define OCC_DEG SL_HEXBIN_OCC_DEG
#define OCC_ROWS SL_HEXBIN_OCC_ROWS
#define OCC_COLS SL_HEXBIN_OCC_COLS
typedef sl_hexbin_cover coverage;

static int bin_of(double v, double lo, int bins, double width)
{
    int b = (int)floor((v - lo) / width);
    return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

void sl_hexbin_survey(const double *lon, const double *lat, size_t n, coverage *c)
{
    memset(c, 0, sizeof *c);
    c->s = INFINITY, c->n = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (!sl_point_placed(lon[i], lat[i])) continue;
        c->occ[bin_of(lat[i], -90, OCC_ROWS, OCC_DEG)][bin_of(lon[i], -180, OCC_COLS, OCC_DEG)] = 1;
        c->lon_bin[bin_of(lon[i], -180, 360, 1)] = 1;
        c->s = fmin(c->s, lat[i]), c->n = fmax(c->n, lat[i]);
        c->placed++;
    }
}

/* Middle of the shortest arc of longitudes holding every point: the
** complement of the widest empty run of 1-degree bins, so data on both
** sides of the antimeridian (Fiji, the Aleutians) centre on it, not on 0. */
static double lon_centre(const coverage *c)
{
    int best_len = 0, best_start = 0;
    for (int start = 0; start < 360; start++) {
        if (c->lon_bin[start] || !c->lon_bin[(start + 359) % 360]) continue; /* runs start after a full bin */
        int len = 0;
        while (len < 360 && !c->lon_bin[(start + len) % 360]) len++;
        if (len > best_len) best_len = len, best_start = start;
    }
    if (best_len == 0) return 0;
    double gap_mid = -180 + best_start + best_len / 2.0;
    double mid = gap_mid + 180; /* the data's arc is centred opposite the gap */
    return mid > 180 ? mid - 360 : mid;
}

/* Ground distance from (LON, LAT) to the nearest occupied coarse cell,
** counted from the cell's edge (its half-diagonal is taken off). */
static double clearance_m(const coverage *c, double lon, double lat)
{
    double best = INFINITY, half_diag = sl_distance_m(0, 0, OCC_DEG / 2.0, OCC_DEG / 2.0);
    for (int r = 0; r < OCC_ROWS; r++)
        for (int q = 0; q < OCC_COLS; q++)
            if (c->occ[r][q])
                best = fmin(best, sl_distance_m(lat, lon, -90 + (r + 0.5) * OCC_DEG, -180 + (q + 0.5) * OCC_DEG));
    return fmax(best - half_diag, 0);
}

static void antipode(double lon, double lat, double *alon, double *alat)
{
    *alat = -lat;
    *alon = lon > 0 ? lon - 180 : lon + 180;
}

/* The projection centre: the middle of the data, unless the point opposite
** it (where the azimuthal projection tears: the antipode becomes a circle)
** lies near a point; then the centre whose antipode is farthest from every
** point. The margin is how far the antipode must be for a cell of SIZE_M
** to stay inside the projected disk (the margin alone depends on the size,
** so a plane of points serves every size that centres alike). */
void sl_hexbin_centre(const coverage *c, double size_m, double *lon0, double *lat0)
{
    double margin_m = 2 * sqrt(8 * SL_EARTH_RADIUS_M * size_m) + 100e3;
    *lon0 = *lat0 = 0;
    /* On whole degrees: a centre at the middle of the data's latitudes
    ** moved every cell a few metres when an import added a camera a little
    ** beyond the northernmost, and yesterday's map less today's put single
    ** cameras in the slivers between the cells (run of 2026-12-06). Now
    ** the grid moves only when the middle crosses a half degree, and then
    ** by a degree: no sliver. */
    if (c->placed) *lon0 = round(lon_centre(c)), *lat0 = round((c->s + c->n) / 2);
    double alon, alat;
    antipode(*lon0, *lat0, &alon, &alat);
    double clear = c->placed ? clearance_m(c, alon, alat) : INFINITY;
    for (int r = 0; clear < margin_m && r < OCC_ROWS; r++)
        for (int q = 0; q < OCC_COLS; q++) {
            double clon = -180 + (q + 0.5) * OCC_DEG, clat = -90 + (r + 0.5) * OCC_DEG;
            double d = c->occ[r][q] ? 0 : clearance_m(c, clon, clat);
            if (d > clear) clear = d, antipode(clon, clat, lon0, lat0);
        }
}

/* round(x), halves away from zero, without the library call (three per
** point, millions of points per edge): the integer part by conversion,
** the fraction left by an exact subtraction. The same value as round()
** but for the sign of a zero, which no caller sees (it becomes an int). */
static double round_half_away(double x)
{
    if (!(fabs(x) < 4e15)) return round(x);
    double t = (double)(long long)x, d = x - t;
    return d >= 0.5 ? t + 1 : d <= -0.5 ? t - 1 : t;
}

static void axial_round(double fq, double fr, int32_t *q, int32_t *r)
{
    double fs = -fq - fr;
    double rq = round_half_away(fq), rr = round_half_away(fr), rs = round_half_away(fs);
    double dq = fabs(rq - fq), dr = fabs(rr - fr), ds = fabs(rs - fs);
    if (dq > dr && dq > ds) rq = -rr - rs;
    else if (dr > ds) rr = -rq - rs;
    *q = (int32_t)rq;
    *r = (int32_t)rr;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sort KEYS ascending: by radix (core/radix.h), a few passes over the keys
** where qsort made n log n calls; qsort when the scratch cannot be had. */
static void sort_keys(uint64_t *keys, size_t k)
{
    uint32_t *idx = k < UINT32_MAX ? malloc((k + 1) * sizeof *idx) : NULL;
    uint64_t *sorted = idx ? malloc((k + 1) * sizeof *sorted) : NULL;
    sl_error err;
    for (size_t i = 0; sorted && i < k; i++) idx[i] = (uint32_t)i;
    if (!sorted || sl_radix_sort_u64(keys, idx, k, &err)) {
        qsort(keys, k, sizeof *keys, cmp_u64);
    } else {
        for (size_t i = 0; i < k; i++) sorted[i] = keys[idx[i]];
        memcpy(keys, sorted, k * sizeof *keys);
    }
    free(idx);
    free(sorted);
}

/* The unsigned values of one half of the keys (q or r as uint32), mapped
** onto 0..span-1 in the same order: cell coordinates cluster around 0, so
** as unsigned they sit at both ends of the 32 bits, and a sort of the raw
** keys would pass over every digit between. */
typedef struct half_map {
    uint32_t lo_min, lo_max, hi_min, hi_max; /* values below 2^31, and from it */
    uint64_t lo_span, span;
} half_map;

static void half_map_fit(half_map *m)
{
    m->lo_span = m->lo_max >= m->lo_min ? (uint64_t)m->lo_max - m->lo_min + 1 : 0;
    m->span = m->lo_span + (m->hi_max >= m->hi_min ? (uint64_t)m->hi_max - m->hi_min + 1 : 0);
}

static void half_map_see(half_map *m, uint32_t u)
{
    if (u < 0x80000000u) m->lo_min = u < m->lo_min ? u : m->lo_min, m->lo_max = u > m->lo_max ? u : m->lo_max;
    else m->hi_min = u < m->hi_min ? u : m->hi_min, m->hi_max = u > m->hi_max ? u : m->hi_max;
}

static uint32_t half_map_to(const half_map *m, uint32_t u)
{
    return u < 0x80000000u ? u - m->lo_min : (uint32_t)(m->lo_span + (u - m->hi_min));
}

static uint32_t half_map_from(const half_map *m, uint32_t c)
{
    return c < m->lo_span ? m->lo_min + c : m->hi_min + (uint32_t)(c - m->lo_span);
}

/* Bits for the SPAN values 0..SPAN-1. */
static unsigned bits_for(uint64_t span) { return span ? sl_radix_bits(span - 1) : 0; }

#define DIGIT 11
#define DIGITS (1u << DIGIT)

/* Sort KEYS through 32-bit compact keys (q's rank, then r's) by a direct
** least-significant-digit radix sort: three passes of 11 bits over 4 bytes
** a key, where sorting the raw keys moved indexes and read each key through
** them four times. 0 (nothing done) when the ranks need more than 32 bits
** or memory is short. */
static int sort_compact(uint64_t *keys, size_t k)
{
    half_map mq = {UINT32_MAX, 0, UINT32_MAX, 0, 0, 0}, mr = mq;
    for (size_t i = 0; i < k; i++) half_map_see(&mq, (uint32_t)(keys[i] >> 32)), half_map_see(&mr, (uint32_t)keys[i]);
    half_map_fit(&mq), half_map_fit(&mr);
    unsigned bq = bits_for(mq.span), br = bits_for(mr.span);
    if (bq + br > 32) return 0;
    uint32_t *a = malloc((k + 1) * sizeof *a), *b = a ? malloc((k + 1) * sizeof *b) : NULL;
    size_t *count = b ? malloc(DIGITS * sizeof *count) : NULL;
    if (!count) {
        free(a), free(b);
        return 0;
    }
    for (size_t i = 0; i < k; i++)
        a[i] = (uint32_t)((uint64_t)half_map_to(&mq, (uint32_t)(keys[i] >> 32)) << br) | half_map_to(&mr, (uint32_t)keys[i]);
    for (unsigned shift = 0; shift < bq + br; shift += DIGIT) {
        memset(count, 0, DIGITS * sizeof *count);
        for (size_t i = 0; i < k; i++) count[(a[i] >> shift) & (DIGITS - 1)]++;
        size_t sum = 0;
        for (size_t d = 0; d < DIGITS; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < k; i++) b[count[(a[i] >> shift) & (DIGITS - 1)]++] = a[i];
        uint32_t *t = a;
        a = b, b = t;
    }
    uint32_t rmask = br ? (uint32_t)(((uint64_t)1 << br) - 1) : 0;
    for (size_t i = 0; i < k; i++)
        keys[i] = (uint64_t)half_map_from(&mq, br < 32 ? a[i] >> br : 0) << 32 | half_map_from(&mr, a[i] & rmask);
    free(a), free(b), free(count);
    return 1;
}

static uint64_t pack(int32_t q, int32_t r) { return (uint64_t)(uint32_t)q << 32 | (uint32_t)r; }

uint64_t sl_hexbin_key(double size_m, double x, double y)
{
    int32_t q, r;
    axial_round((sqrt(3.0) / 3 * x - y / 3) / size_m, (2.0 / 3 * y) / size_m, &q, &r);
    return pack(q, r);
}

/* round_half_away without a branch that depends on the value, for |V| under
** 2^50: adding and taking off 1.5 * 2^52 rounds to the nearest integer
** (halves to even) exactly; a half left over is then moved away from zero.
** The branches of round_half_away and of the cube rounding went each way at
** random over a map's points and cost more than the arithmetic. */
static double round_half_away_flat(double v)
{
    const double magic = 6755399441055744.0; /* 1.5 * 2^52 */
    double m = (v + magic) - magic, d = v - m;
    return m + (d == 0.5 && v > 0 ? 1.0 : 0.0) - (d == -0.5 && v < 0 ? 1.0 : 0.0);
}

void sl_hexbin_keys(double size_m, const double *x, const double *y, size_t n, uint64_t *keys)
{
    const double c1 = sqrt(3.0) / 3, c2 = 2.0 / 3, big = 1125899906842624.0; /* 2^50 */
    for (size_t i = 0; i < n; i++) {
        double fq = (c1 * x[i] - y[i] / 3) / size_m, fr = (c2 * y[i]) / size_m, fs = -fq - fr;
        if (!(fabs(fq) < big && fabs(fr) < big && fabs(fs) < big)) { /* far off the plane, or not a number */
            keys[i] = sl_hexbin_key(size_m, x[i], y[i]);
            continue;
        }
        double rq = round_half_away_flat(fq), rr = round_half_away_flat(fr), rs = round_half_away_flat(fs);
        double dq = fabs(rq - fq), dr = fabs(rr - fr), ds = fabs(rs - fs);
        int q_off = dq > dr && dq > ds, r_off = !q_off && dr > ds;
        double q = q_off ? -rr - rs : rq, r = r_off ? -rq - rs : rr;
        keys[i] = pack((int32_t)q, (int32_t)r);
    }
}

/* Project one point. A point at the very antipode of the centre has no
** single image (the projection turns it into a circle); it is moved 0.001
** degree (about 100 m) toward the equator, so it still lands in a cell. */
int sl_hexbin_project_one(PJ *p, double lon, double lat, double *x, double *y)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        PJ_COORD c = proj_trans(p, PJ_FWD, proj_coord(lon, lat, 0, 0));
        if (isfinite(c.xy.x) && isfinite(c.xy.y)) {
            *x = c.xy.x, *y = c.xy.y;
            return 1;
        }
        lat += lat > 0 ? -0.001 : 0.001;
    }
    return 0;
}

/* Slot of KEY in the cell index: a multiplicative hash (Fibonacci). */
size_t sl_hexbin_slot(const sl_hexbin *h, uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & h->slot_mask;
}

/* The cell index: at least twice as many slots as cells, linear probing, so
** a lookup touches one or two slots where a binary search over millions of
** cells missed the cache some twenty times. */
static sl_status index_cells(sl_hexbin *h, sl_error *err)
{
    size_t n = 16;
    while (n < 2 * h->count) n *= 2;
    h->slots = calloc(n, sizeof *h->slots);
    if (!h->slots) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory indexing %zu hexagons", h->count);
    h->slot_mask = n - 1;
    for (size_t i = 0; i < h->count; i++) {
        size_t j = sl_hexbin_slot(h, pack(h->q[i], h->r[i]));
        while (h->slots[j]) j = (j + 1) & h->slot_mask;
        h->slots[j] = (uint32_t)i + 1;
    }
    return SL_OK;
}

sl_status sl_hexbin_index(sl_hexbin *h, sl_error *err) { return index_cells(h, err); }

/* Room for the cells of a few-cells binning (a map widened to tens of
** thousands of hexagons from millions of locations): the table stays in
** cache, where sorting every key cost a few passes over all of them. */
#define FEW_SLOTS ((size_t)1 << 17)

typedef struct few_slot {
    uint64_t key;
    uint32_t n; /* 0: empty */
} few_slot;

static few_slot *few_find(few_slot *t, uint64_t key)
{
    size_t j = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & (FEW_SLOTS - 1);
    while (t[j].n && t[j].key != key) j = (j + 1) & (FEW_SLOTS - 1);
    return &t[j];
}

/* Cells and counts of KEYS through a small hash table, then only the
** distinct keys sorted: the same cells, in the same order, with the same
** counts as sorting every key. Returns 0, having set nothing, when the
** keys hold more than FEW_SLOTS / 2 cells (or memory is short): the caller
** then sorts them all. */
int sl_hexbin_count_few(sl_hexbin *h, const uint64_t *keys, size_t k)
{
    few_slot *t = calloc(FEW_SLOTS, sizeof *t);
    size_t cells = 0;
    for (size_t i = 0; t && i < k && cells <= FEW_SLOTS / 2; i++) {
        few_slot *e = few_find(t, keys[i]);
        cells += e->n == 0;
        e->key = keys[i];
        e->n++;
    }
    uint64_t *distinct = t && cells <= FEW_SLOTS / 2 ? malloc((cells + 1) * sizeof *distinct) : NULL;
    h->q = distinct ? malloc((cells + 1) * sizeof *h->q) : NULL;
    h->r = h->q ? malloc((cells + 1) * sizeof *h->r) : NULL;
    h->points = h->r ? malloc((cells + 1) * sizeof *h->points) : NULL;
    if (!h->points) {
        free(t), free(distinct), free(h->q), free(h->r);
        h->q = h->r = NULL;
        return 0;
    }
    for (size_t j = 0, m = 0; j < FEW_SLOTS; j++)
        if (t[j].n) distinct[m++] = t[j].key;
    qsort(distinct, cells, sizeof *distinct, cmp_u64);
    for (size_t i = 0; i < cells; i++) {
        h->q[i] = (int32_t)(uint32_t)(distinct[i] >> 32);
        h->r[i] = (int32_t)(uint32_t)distinct[i];
        h->points[i] = few_find(t, distinct[i])->n;
    }
    h->count = cells;
    free(t);
    free(distinct);
    return 1;
}

void sl_hexbin_sort(uint64_t *keys, size_t k)
{
    if (!sort_compact(keys, k)) sort_keys(keys, k);
}

/* The next key of two sorted runs (the smaller head), or 0 when both are
** spent. */
static int next_key(const uint64_t *a, size_t na, size_t *i, const uint64_t *b, size_t nb, size_t *j, uint64_t *key)
{
    if (*i < na && (*j >= nb || a[*i] <= b[*j])) return *key = a[(*i)++], 1;
    if (*j < nb) return *key = b[(*j)++], 1;
    return 0;
}

sl_status sl_hexbin_cells_from_runs(sl_hexbin *h, const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
                                    sl_error *err)
{
    size_t cells = 0, i = 0, j = 0;
    uint64_t key, last = 0;
    for (int first = 1; next_key(a, na, &i, b, nb, &j, &key); first = 0) cells += first || key != last, last = key;
    h->q = malloc((cells + 1) * sizeof *h->q);
    h->r = malloc((cells + 1) * sizeof *h->r);
    h->points = calloc(cells + 1, sizeof *h->points);
    if (!h->q || !h->r || !h->points) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    i = j = 0;
    for (int first = 1; next_key(a, na, &i, b, nb, &j, &key); first = 0) {
        if (first || key != last) {
            h->q[h->count] = (int32_t)(uint32_t)(key >> 32);
            h->r[h->count] = (int32_t)(uint32_t)key;
            h->count++;
        }
        h->points[h->count - 1]++;
        last = key;
    }
    if (h->count >= UINT32_MAX) return sl_fail(err, SL_EUSAGE, NULL, 0, "too many hexagons (%zu)", h->count);
    return index_cells(h, err);
}

size_t sl_hexbin_census_runs(const uint64_t *a, size_t na, const uint64_t *b, size_t nb, uint32_t at_least,
                             size_t *full)
{
    size_t cells = 0, i = 0, j = 0, run = 0;
    uint64_t key, last = 0;
    *full = 0;
    for (int first = 1; next_key(a, na, &i, b, nb, &j, &key); first = 0) {
        if (!first && key != last) *full += run >= at_least, run = 0;
        cells += first || key != last;
        run++, last = key;
    }
    if (cells) *full += run >= at_least;
    return cells;
}

size_t sl_hexbin_count_sorted(const sl_hexbin *h, const uint64_t *keys, const uint32_t *w, size_t k,
                              uint32_t *counts, uint32_t *wcounts, uint64_t *wmissed)
{
    size_t missed = 0, c = 0;
    uint64_t wm = 0;
    for (size_t i = 0; i < k; i++) {
        while (c < h->count && pack(h->q[c], h->r[c]) < keys[i]) c++;
        int hit = c < h->count && pack(h->q[c], h->r[c]) == keys[i];
        if (hit) counts[c]++;
        else missed++;
        if (w && hit) wcounts[c] += w[i];
        else if (w) wm += w[i];
    }
    if (wmissed) *wmissed = wm;
    return missed;
}

sl_status sl_hexbin_build(const double *lon, const double *lat, size_t n, double size_m,
                          sl_hexbin *out, sl_error *err)
{
    sl_hexbin_plane p;
    memset(out, 0, sizeof *out);
    if (!(size_m > 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagon size must be positive meters");
    sl_status s = sl_hexbin_plane_build(lon, lat, n, size_m, NULL, &p, err);
    if (!s) s = sl_hexbin_build_plane(&p, size_m, out, err);
    sl_hexbin_plane_free(&p);
    return s;
}

/* Invert one projected corner. A corner of a cell at the rim of the
** projected disk may fall outside it (no point of the globe maps there);
** it is pulled toward the centre until it inverts, so the cell is drawn,
** squeezed, rather than lost. */
static int invert_corner(const sl_hexbin *h, double x, double y, double *lon, double *lat)
{
    double lo = 0, hi = 1;
    for (int i = 0; i < 60; i++) {
        double t = i == 0 ? 1 : (lo + hi) / 2;
        PJ_COORD c = proj_trans((PJ *)h->proj, PJ_INV, proj_coord(x * t, y * t, 0, 0));
        int ok = isfinite(c.lp.lam) && isfinite(c.lp.phi);
        if (ok) *lon = c.lp.lam, *lat = c.lp.phi;
        if (ok && i == 0) return 1;
        if (i == 0) continue;
        if (ok) lo = t;
        else hi = t;
    }
    return lo > 0;
}

sl_status sl_hexbin_corners(const sl_hexbin *h, size_t i, double lon[6], double lat[6], sl_error *err)
{
    double cx = h->size_m * sqrt(3.0) * (h->q[i] + h->r[i] / 2.0), cy = h->size_m * 1.5 * h->r[i];
    for (int k = 0; k < 6; k++) {
        double a = M_PI / 180 * (30 + 60 * k);
        if (!invert_corner(h, cx + h->size_m * cos(a), cy + h->size_m * sin(a), &lon[k], &lat[k]))
            return sl_fail(err, SL_EIO, NULL, 0, "PROJ could not invert a hexagon corner");
    }
    return SL_OK;
}

sl_status sl_hexbin_write_geojson(const sl_hexbin *h, FILE *out, uint32_t min_count,
                                  size_t *suppressed, sl_error *err)
{
    size_t hidden = 0, written = 0;
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", out);
    for (size_t i = 0; i < h->count; i++) {
        if (h->points[i] < min_count) {
            hidden++;
            continue;
        }
        double lon[6], lat[6];
        if (sl_hexbin_corners(h, i, lon, lat, err)) return err->status;
        fprintf(out, "%s\n{\"type\":\"Feature\",\"properties\":{\"count\":%u,\"q\":%d,\"r\":%d},"
                     "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                written++ ? "," : "", h->points[i], h->q[i], h->r[i]);
        for (int k = 0; k <= 6; k++) fprintf(out, "%s[%.7f,%.7f]", k ? "," : "", lon[k % 6], lat[k % 6]);
        fputs("]]}}", out);
    }
    fputs("\n]}\n", out);
    if (suppressed) *suppressed = hidden;
    /* the failed write's errno (a full disk: "No space left on device") */
    return ferror(out) ? sl_fail(err, SL_EIO, NULL, 0, "could not write the output: %s",
                                 errno ? strerror(errno) : "write error")
                       : SL_OK;
}

sl_status sl_hexbin_window(const sl_hexbin *h, const double box[4], double win[4], sl_error *err)
{
    /* The plane image of a lon/lat box has its extremes on the image of the
    ** box's edges: 64 samples an edge, and a margin of a hexagon and of the
    ** curve between two samples, make a rectangle that holds it. */
    enum { STEPS = 64 };
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, x, y;
    for (int e = 0; e < 4; e++)
        for (int i = 0; i <= STEPS; i++) {
            double t = (double)i / STEPS;
            double lon = e < 2 ? box[0] + t * (box[2] - box[0]) : box[e == 2 ? 0 : 2];
            double lat = e < 2 ? box[e == 0 ? 1 : 3] : box[1] + t * (box[3] - box[1]);
            if (!h->proj || !sl_hexbin_project_one(h->proj, lon, lat, &x, &y))
                return sl_fail(err, SL_EIO, NULL, 0, "PROJ could not project the box's edge");
            x0 = fmin(x0, x), x1 = fmax(x1, x), y0 = fmin(y0, y), y1 = fmax(y1, y);
        }
    double pad = h->size_m + 0.02 * fmax(x1 - x0, y1 - y0);
    win[0] = x0 - pad, win[1] = y0 - pad, win[2] = x1 + pad, win[3] = y1 + pad;
    return SL_OK;
}

int sl_hexbin_cell_in_window(const sl_hexbin *h, size_t i, const double win[4])
{
    double cx = h->size_m * sqrt(3.0) * (h->q[i] + h->r[i] / 2.0), cy = h->size_m * 1.5 * h->r[i];
    return cx >= win[0] && cx <= win[2] && cy >= win[1] && cy <= win[3];
}

long sl_hexbin_find_key(const sl_hexbin *h, uint64_t key)
{
    if (!h->slots) return -1;
    for (size_t j = sl_hexbin_slot(h, key); h->slots[j]; j = (j + 1) & h->slot_mask) {
        uint32_t i = h->slots[j] - 1;
        if (pack(h->q[i], h->r[i]) == key) return (long)i;
    }
    return -1;
}

long sl_hexbin_find(const sl_hexbin *h, double lon, double lat)
{
    double x, y;
    if (!sl_point_placed(lon, lat) || !h->proj || !sl_hexbin_project_one(h->proj, lon, lat, &x, &y)) return -1;
    return sl_hexbin_find_key(h, sl_hexbin_key(h->size_m, x, y));
}

void sl_hexbin_free(sl_hexbin *h)
{
    if (h->proj) proj_destroy(h->proj);
    if (h->ctx) proj_context_destroy(h->ctx);
    free(h->q);
    free(h->r);
    free(h->points);
    free(h->slots);
    memset(h, 0, sizeof *h);
}
