/*
** pip_local.c — per-cell records for grid rows that too many edges cross.
**
** A band holds every edge of an area that crosses one grid row, and a point
** in a mixed cell scans its band. For most data a band is a handful of
** edges; for a polygon where a horizontal line crosses O(n) edges (a star,
** a comb, a fractal coast) it is O(n) long and the join becomes quadratic.
** For those bands each mixed cell gets its own record instead. Relative to
** a cell, a band edge is
**  - local: it may pass through the cell (same padding as the grid marks);
**  - left: wholly left of the cell within the row, so it never crosses a
**    ray from a point of the cell;
**  - right: wholly right of it, so it crosses exactly when ay <= y < by.
** Local edges are tested exactly as before. For the right ones only the
** parity of their count matters: [ay <= y < by] = [ay <= y] - [by <= y],
** so the parity is a base (right edges starting below the row) flipped at
** each of their endpoint heights inside the row that is <= y. The two edges
** at a vertex put the same height in twice, which cancels, so the heights
** left over are those where a right edge meets a local one: as few as the
** cell's local edges. The answer is the same, bit for bit, as the band's.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/pip_internal.h"

static int cmp_u64(const void *a, const void *b)
{
    uint64_t p = *(const uint64_t *)a, q = *(const uint64_t *)b;
    return p < q ? -1 : p > q;
}

static int cmp_double(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return p < q ? -1 : p > q;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* Columns [*c0, *c1] of row R that E may pass through: its x range over the
** row's y range, both padded by eps as the grid marks are. */
static void edge_cols(const sl_pip *ix, const pip_edge *e, uint32_t r, uint32_t *c0,
                      uint32_t *c1)
{
    double eps = ix->grid_eps;
    double band0 = ix->gy0 + r / ix->gsy - eps, band1 = ix->gy0 + (r + 1) / ix->gsy + eps;
    double ya = fmax(e->ay, band0), yb = fmin(e->by, band1);
    double xlo = fmin(e->ax, e->bx), xhi = fmax(e->ax, e->bx);
    if (ya <= yb) {
        double k = (e->bx - e->ax) / (e->by - e->ay);
        double xa = e->ax + (ya - e->ay) * k, xb = e->ax + (yb - e->ay) * k;
        xlo = fmax(xlo, fmin(xa, xb));
        xhi = fmin(xhi, fmax(xa, xb));
    }
    uint32_t a = pip_col_of(ix, xlo - eps), b = pip_col_of(ix, xhi + eps);
    *c0 = a < b ? a : b;
    *c1 = a < b ? b : a;
}

/* Heights seen an odd number of times: a hash set of their bits plus the
** list of the odd ones, each toggle O(1). */
typedef struct odd_set {
    uint64_t *key;
    int32_t *pos; /* index in odd[] or -1 (seen an even number of times) */
    uint8_t *used;
    size_t mask;
    double *odd;
    size_t *odd_slot;
    size_t n_odd;
} odd_set;

static int odd_init(odd_set *s, size_t n)
{
    size_t cap = 16;
    while (cap < 4 * n)
        cap *= 2;
    memset(s, 0, sizeof *s);
    s->mask = cap - 1;
    s->key = malloc(cap * sizeof *s->key);
    s->pos = malloc(cap * sizeof *s->pos);
    s->used = calloc(cap, 1);
    s->odd = malloc((2 * n + 1) * sizeof *s->odd);
    s->odd_slot = malloc((2 * n + 1) * sizeof *s->odd_slot);
    return s->key && s->pos && s->used && s->odd && s->odd_slot;
}

static void odd_free(odd_set *s)
{
    free(s->key);
    free(s->pos);
    free(s->used);
    free(s->odd);
    free(s->odd_slot);
}

static void odd_toggle(odd_set *s, double t)
{
    t += 0.0; /* -0 and +0 are one height */
    uint64_t k;
    memcpy(&k, &t, sizeof k);
    size_t h = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 17) & s->mask;
    while (s->used[h] && s->key[h] != k)
        h = (h + 1) & s->mask;
    if (!s->used[h]) {
        s->used[h] = 1;
        s->key[h] = k;
        s->pos[h] = -1;
    }
    if (s->pos[h] < 0) {
        s->pos[h] = (int32_t)s->n_odd;
        s->odd[s->n_odd] = t;
        s->odd_slot[s->n_odd++] = h;
    } else {
        size_t i = (size_t)s->pos[h], last = --s->n_odd;
        s->odd[i] = s->odd[last];
        s->odd_slot[i] = s->odd_slot[last];
        s->pos[s->odd_slot[i]] = (int32_t)i;
        s->pos[h] = -1;
    }
}

typedef struct builder {
    sl_pip *ix;
    size_t cap_info, cap_edges, cap_breaks;
} builder;

/* One long band: its cells COLS[0..m) (increasing), whose records go to
** INFO_AT[0..m). */
static int build_band(builder *bd, const pip_edge *edges, size_t n, uint32_t row,
                      const uint32_t *cols, size_t m, uint32_t *info_at)
{
    sl_pip *ix = bd->ix;
    uint32_t *c0 = malloc(n * sizeof *c0), *c1 = malloc(n * sizeof *c1);
    uint64_t *order = malloc(n * sizeof *order);
    size_t *count = calloc(m + 1, sizeof *count), start = ix->n_local_edges;
    odd_set odd;
    memset(&odd, 0, sizeof odd);
    int ok = c0 && c1 && order && count && odd_init(&odd, n);
    for (size_t i = 0; ok && i < n; i++) {
        edge_cols(ix, edges + i, row, &c0[i], &c1[i]);
        order[i] = (uint64_t)c0[i] << 32 | i;
    }
    /* Local edges of each cell, in band order (decreasing max x). */
    for (int pass = 0; ok && pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            size_t lo = 0, hi = m;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cols[mid] < c0[i])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t j = lo; j < m && cols[j] <= c1[i]; j++) {
                if (pass == 0)
                    count[j + 1]++;
                else
                    ix->local_edges[count[j]++] = edges[i];
            }
        }
        if (pass == 0) {
            count[0] = start;
            for (size_t j = 0; j < m; j++)
                count[j + 1] += count[j];
            if (count[m] > UINT32_MAX / 2 ||
                !grow((void **)&ix->local_edges, &bd->cap_edges, count[m] + 1, sizeof(pip_edge)))
                ok = 0;
            else
                ix->n_local_edges = count[m];
        }
    }
    /* Sweep the cells right to left, moving edges into "right" as the cell
    ** passes their first column. */
    if (ok)
        qsort(order, n, sizeof *order, cmp_u64);
    size_t next = n; /* order[next..n) are right of the current cell */
    uint32_t base = 0;
    for (size_t j = m; ok && j-- > 0;) {
        while (next > 0 && (uint32_t)(order[next - 1] >> 32) > cols[j]) {
            const pip_edge *e = edges + (uint32_t)order[--next];
            uint32_t ra = pip_row_of(ix, e->ay), rb = pip_row_of(ix, e->by);
            if (ra < row)
                base ^= 1;
            else if (ra == row)
                odd_toggle(&odd, e->ay);
            if (rb == row)
                odd_toggle(&odd, e->by);
        }
        size_t nb = ix->n_local_breaks, ni = ix->n_local_info;
        if (nb + odd.n_odd > UINT32_MAX / 2 || ni + 5 > UINT32_MAX / 2 ||
            !grow((void **)&ix->local_breaks, &bd->cap_breaks, nb + odd.n_odd + 1, sizeof(double)) ||
            !grow((void **)&ix->local_info, &bd->cap_info, ni + 5, sizeof(uint32_t))) {
            ok = 0;
            break;
        }
        memcpy(ix->local_breaks + nb, odd.odd, odd.n_odd * sizeof(double));
        qsort(ix->local_breaks + nb, odd.n_odd, sizeof(double), cmp_double);
        uint32_t *info = ix->local_info + ni;
        /* Placing advanced count[j] to the end of cell j's edges. */
        info[0] = (uint32_t)(j ? count[j - 1] : start);
        info[1] = (uint32_t)(count[j] - info[0]);
        info[2] = base;
        info[3] = (uint32_t)odd.n_odd;
        info[4] = (uint32_t)nb;
        info_at[j] = (uint32_t)ni;
        ix->n_local_breaks = nb + odd.n_odd;
        ix->n_local_info = ni + 5;
    }
    odd_free(&odd);
    free(c0);
    free(c1);
    free(order);
    free(count);
    return ok;
}

/* The (band, column) pairs that need a local record, sorted. */
static uint64_t *needed_cells(const sl_pip *ix, const uint64_t *band_keys, size_t nb,
                              const uint32_t *off, size_t *count)
{
    size_t n = 0, cap = 0;
    uint64_t *keys = NULL;
    for (size_t mi = 0; mi < ix->n_mixed; mi++) {
        uint64_t row = ix->mixed_cell[mi] / ix->nx, col = ix->mixed_cell[mi] % ix->nx;
        for (uint32_t k = ix->mixed_off[mi]; k < ix->mixed_off[mi + 1]; k++) {
            uint64_t key = (uint64_t)(uint32_t)ix->mixed_areas[k] << 32 | row;
            const uint64_t *hit = bsearch(&key, band_keys, nb, sizeof *band_keys, cmp_u64);
            size_t b = (size_t)(hit - band_keys);
            if (off[b + 1] - off[b] <= LOCAL_MIN_BAND)
                continue;
            if (!grow((void **)&keys, &cap, n + 1, sizeof *keys)) {
                free(keys);
                return NULL;
            }
            keys[n++] = (uint64_t)b << 32 | col;
        }
    }
    if (n)
        qsort(keys, n, sizeof *keys, cmp_u64);
    *count = n;
    return keys ? keys : calloc(1, sizeof *keys);
}

sl_status sl_pip_build_local(sl_pip *ix, const uint64_t *band_keys, size_t nb, const uint32_t *off,
                          pip_local_map *map, sl_error *err)
{
    memset(map, 0, sizeof *map);
    if (nb >= UINT32_MAX)
        return sl_fail(err, SL_ENOMEM, "", 0, "grid too large (%zu bands)", nb);
    map->keys = needed_cells(ix, band_keys, nb, off, &map->n);
    map->info = malloc((map->n ? map->n : 1) * sizeof *map->info);
    uint32_t *cols = malloc((map->n ? map->n : 1) * sizeof *cols);
    builder bd = {ix, 0, 0, 0};
    int ok = map->keys && map->info && cols;
    for (size_t i = 0; ok && i < map->n;) {
        size_t b = (size_t)(map->keys[i] >> 32), j = i;
        for (; j < map->n && (size_t)(map->keys[j] >> 32) == b; j++)
            cols[j - i] = (uint32_t)map->keys[j];
        ok = build_band(&bd, ix->band_edges + off[b], off[b + 1] - off[b],
                        (uint32_t)band_keys[b], cols, j - i, map->info + i);
        i = j;
    }
    free(cols);
    if (!ok)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for local grid records");
    return SL_OK;
}
