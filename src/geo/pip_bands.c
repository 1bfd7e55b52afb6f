/*
** pip_bands.c — self-contained records for the grid's mixed cells.
**
** A point in a cell crossed by boundaries is decided by casting a ray to +x
** through the edges of each candidate area that cross the cell's grid row
** (its "band"). Reaching an area's edges through its own index costs half a
** dozen cache misses per area; here each mixed cell's record lists
** (area, band) pairs and each band is one contiguous run of edges, so a test
** costs about one miss per candidate. Bands are shared by all mixed cells of
** a row. Edges in a band are sorted by decreasing max x so the scan stops at
** the first edge wholly left of the point.
*/
#include <stdlib.h>
#include <string.h>

#include "geo/pip_internal.h"

static int cmp_u64(const void *a, const void *b)
{
    uint64_t p = *(const uint64_t *)a, q = *(const uint64_t *)b;
    return p < q ? -1 : p > q;
}

static double max_x(const pip_edge *e) { return e->ax > e->bx ? e->ax : e->bx; }

static int cmp_edge_max_x_desc(const void *a, const void *b)
{
    double p = max_x(a), q = max_x(b);
    return p > q ? -1 : p < q;
}

/* The (area, row) pairs some mixed cell needs, sorted and distinct. */
static uint64_t *band_keys(const sl_pip *ix, size_t *count)
{
    uint64_t *keys = malloc((ix->n_mixed_areas ? ix->n_mixed_areas : 1) * sizeof *keys);
    if (!keys)
        return NULL;
    size_t n = 0;
    for (size_t mi = 0; mi < ix->n_mixed; mi++) {
        uint64_t row = ix->mixed_cell[mi] / ix->nx;
        for (uint32_t k = ix->mixed_off[mi]; k < ix->mixed_off[mi + 1]; k++)
            keys[n++] = (uint64_t)(uint32_t)ix->mixed_areas[k] << 32 | row;
    }
    qsort(keys, n, sizeof *keys, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || keys[i] != keys[u - 1])
            keys[u++] = keys[i];
    *count = u;
    return keys;
}

/* Place area A's edges into its bands keys[k0..k1) (counting sort; pass 0
** counts into off[band + 1], pass 1 places at off[band]++). ROWBAND maps
** row - first row to band or -1. */
static void place_area_edges(sl_pip *ix, uint32_t a, const uint64_t *keys, size_t k0,
                             size_t k1, int32_t *rowband, uint32_t *off, int pass)
{
    uint32_t r0 = (uint32_t)keys[k0], r1 = (uint32_t)keys[k1 - 1];
    for (uint32_t r = r0; r <= r1; r++)
        rowband[r - r0] = -1;
    for (size_t k = k0; k < k1; k++)
        rowband[(uint32_t)keys[k] - r0] = (int32_t)k;
    const sl_polyset *ps = ix->ps;
    FOR_EACH_EDGE(ps, a, e, {
        uint32_t lo = pip_row_of(ix, e.ay), hi = pip_row_of(ix, e.by);
        if (lo < r0)
            lo = r0;
        if (hi > r1)
            hi = r1;
        for (uint32_t r = lo; r <= hi && lo <= hi; r++) {
            int32_t b = rowband[r - r0];
            if (b < 0)
                continue;
            if (pass == 0)
                off[b + 1]++;
            else
                ix->band_edges[off[b]++] = e;
        }
    })
}

static sl_status fill_bands(sl_pip *ix, const uint64_t *keys, size_t nb, uint32_t *off,
                            sl_error *err)
{
    int32_t *rowband = malloc((size_t)ix->ny * sizeof *rowband);
    if (!rowband)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for grid bands");
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k0 = 0; k0 < nb;) {
            uint32_t a = (uint32_t)(keys[k0] >> 32);
            size_t k1 = k0;
            while (k1 < nb && (uint32_t)(keys[k1] >> 32) == a)
                k1++;
            place_area_edges(ix, a, keys, k0, k1, rowband, off, pass);
            k0 = k1;
        }
        if (pass == 0) {
            for (size_t b = 0; b < nb; b++)
                off[b + 1] += off[b];
            ix->n_band_edges = off[nb];
            ix->band_edges = malloc((off[nb] ? off[nb] : 1) * sizeof *ix->band_edges);
            if (!ix->band_edges) {
                free(rowband);
                return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for grid bands");
            }
        }
    }
    free(rowband);
    memmove(off + 1, off, nb * sizeof *off); /* placing advanced each start */
    off[0] = 0;
    for (size_t b = 0; b < nb; b++)
        qsort(ix->band_edges + off[b], off[b + 1] - off[b], sizeof *ix->band_edges,
              cmp_edge_max_x_desc);
    return SL_OK;
}

static sl_status write_records(sl_pip *ix, const uint64_t *keys, size_t nb, const uint32_t *off,
                               const pip_local_map *local, sl_error *err)
{
    ix->n_mixed_rec = ix->n_mixed + 3 * ix->n_mixed_areas;
    if (ix->n_mixed_rec > (size_t)INT32_MAX + CELL_MIXED0)
        return sl_fail(err, SL_ENOMEM, "", 0, "grid too large (%zu record words)",
                       ix->n_mixed_rec);
    ix->mixed_rec = malloc((ix->n_mixed_rec ? ix->n_mixed_rec : 1) * sizeof *ix->mixed_rec);
    if (!ix->mixed_rec)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for grid records");
    uint32_t *w = ix->mixed_rec;
    for (size_t mi = 0; mi < ix->n_mixed; mi++) {
        uint64_t row = ix->mixed_cell[mi] / ix->nx;
        if (ix->cells[ix->mixed_cell[mi]] != CELL_TREE)
            ix->cells[ix->mixed_cell[mi]] = CELL_MIXED0 - (int32_t)(w - ix->mixed_rec);
        *w++ = ix->mixed_off[mi + 1] - ix->mixed_off[mi];
        for (uint32_t k = ix->mixed_off[mi]; k < ix->mixed_off[mi + 1]; k++) {
            uint64_t key = (uint64_t)(uint32_t)ix->mixed_areas[k] << 32 | row;
            const uint64_t *hit = bsearch(&key, keys, nb, sizeof *keys, cmp_u64);
            size_t b = (size_t)(hit - keys);
            *w++ = (uint32_t)ix->mixed_areas[k];
            if (off[b + 1] - off[b] > LOCAL_MIN_BAND) {
                uint64_t at = (uint64_t)b << 32 | ix->mixed_cell[mi] % ix->nx;
                const uint64_t *l = bsearch(&at, local->keys, local->n, sizeof at, cmp_u64);
                *w++ = local->info[l - local->keys];
                *w++ = BAND_LOCAL;
            } else {
                *w++ = off[b];
                *w++ = off[b + 1] - off[b];
            }
        }
    }
    return SL_OK;
}

sl_status sl_pip_build_bands(sl_pip *ix, sl_error *err)
{
    size_t nb = 0;
    uint64_t *keys = band_keys(ix, &nb);
    uint32_t *off = calloc(nb + 1, sizeof *off);
    if (!keys || !off) {
        free(keys);
        free(off);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for grid bands");
    }
    ix->n_bands = nb;
    pip_local_map local = {0};
    sl_status st = fill_bands(ix, keys, nb, off, err);
    if (st == SL_OK)
        st = sl_pip_build_local(ix, keys, nb, off, &local, err);
    if (st == SL_OK)
        st = write_records(ix, keys, nb, off, &local, err);
    free(local.keys);
    free(local.info);
    free(keys);
    free(off);
    return st;
}
