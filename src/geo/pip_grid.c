/*
** pip_grid.c — the grid layer of the point-in-polygon index.
**
** Most points of a national join fall far from any boundary. A uniform grid
** over the areas answers those with one array read: each cell is marked
** "mixed" when some boundary passes within EPS of it (with the list of areas
** that may hold its points), and every other cell is wholly inside one area,
** inside none, or (overlapping areas) left to the R-tree. Cells are marked
** conservatively, so an unmarked cell never meets a boundary and the answer
** at its centre is the answer for every point in it.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/pip_internal.h"

typedef struct marks {
    uint64_t *items; /* cell << 32 | area */
    size_t n, cap;
} marks;

static int marks_push(marks *m, uint64_t v)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1 << 16;
        uint64_t *p = realloc(m->items, cap * sizeof *p);
        if (!p)
            return 0;
        m->items = p;
        m->cap = cap;
    }
    m->items[m->n++] = v;
    return 1;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t p = *(const uint64_t *)a, q = *(const uint64_t *)b;
    return p < q ? -1 : p > q;
}

/* Mark every cell that a point within EPS of segment (x1,y1)-(x2,y2) maps to:
** row by row, the segment's x-range over the row's padded y-band. */
static int mark_segment(const sl_pip *ix, marks *m, uint32_t area, double x1, double y1,
                        double x2, double y2, double eps)
{
    double ylo = fmin(y1, y2) - eps, yhi = fmax(y1, y2) + eps;
    double sxlo = fmin(x1, x2), sxhi = fmax(x1, x2);
    uint32_t r0 = pip_row_of(ix, ylo), r1 = pip_row_of(ix, yhi);
    for (uint32_t r = r0; r <= r1; r++) {
        double xa = sxlo, xb = sxhi;
        if (y1 != y2) {
            double band0 = ix->gy0 + r / ix->gsy - eps, band1 = ix->gy0 + (r + 1) / ix->gsy + eps;
            double ya = fmax(ylo, band0), yb = fmin(yhi, band1);
            double k = (x2 - x1) / (y2 - y1);
            double xa_ = x1 + (ya - y1) * k, xb_ = x1 + (yb - y1) * k;
            xa = fmax(sxlo, fmin(xa_, xb_));
            xb = fmin(sxhi, fmax(xa_, xb_));
        }
        uint32_t c0 = pip_col_of(ix, xa - eps), c1 = pip_col_of(ix, xb + eps);
        for (uint32_t c = c0; c <= c1; c++)
            if (!marks_push(m, (uint64_t)((size_t)r * ix->nx + c) << 32 | area))
                return 0;
    }
    return 1;
}

static void grid_extent(const sl_polyset *ps, double ext[4])
{
    ext[0] = ext[1] = INFINITY;
    ext[2] = ext[3] = -INFINITY;
    for (size_t a = 0; a < ps->n_areas; a++) {
        const double *b = ps->bbox + 4 * a;
        if (!(b[0] <= b[2]))
            continue;
        ext[0] = fmin(ext[0], b[0]);
        ext[1] = fmin(ext[1], b[1]);
        ext[2] = fmax(ext[2], b[2]);
        ext[3] = fmax(ext[3], b[3]);
    }
}

/* Square cells; one spare cell on every side so no area point maps to the
** grid's edge. */
static void grid_shape(sl_pip *ix, const double ext[4], size_t target)
{
    double w = fmax(ext[2] - ext[0], 1e-9), h = fmax(ext[3] - ext[1], 1e-9);
    double cell = sqrt(w * h / (double)target);
    double nx = ceil(w / cell) + 2, ny = ceil(h / cell) + 2;
    if (nx > 32768 || ny > 32768) {
        cell *= fmax(nx, ny) / 32768;
        nx = ceil(w / cell) + 2;
        ny = ceil(h / cell) + 2;
    }
    ix->nx = (uint32_t)nx;
    ix->ny = (uint32_t)ny;
    ix->gx0 = ext[0] - cell;
    ix->gy0 = ext[1] - cell;
    ix->gsx = ix->gsy = 1 / cell;
}

static sl_status mark_boundaries(sl_pip *ix, marks *m, double eps, sl_error *err)
{
    const sl_polyset *ps = ix->ps;
    for (size_t a = 0; a < ps->n_areas; a++)
        for (size_t r = ps->area_ring[a]; r < ps->area_ring[a + 1]; r++)
            for (size_t v = ps->ring_vert[r]; v + 1 < ps->ring_vert[r + 1]; v++)
                if (!mark_segment(ix, m, (uint32_t)a, ps->x[v], ps->y[v], ps->x[v + 1],
                                  ps->y[v + 1], eps))
                    return sl_fail(err, SL_ENOMEM, "", 0, "out of memory marking the grid");
    qsort(m->items, m->n, sizeof *m->items, cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++)
        if (k == 0 || m->items[i] != m->items[k - 1])
            m->items[k++] = m->items[i];
    m->n = k;
    return SL_OK;
}

static sl_status push_area(int32_t **list, size_t *n, size_t *cap, int32_t a)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 1 << 16;
        int32_t *p = realloc(*list, c * sizeof *p);
        if (!p)
            return SL_ENOMEM;
        *list = p;
        *cap = c;
    }
    (*list)[(*n)++] = a;
    return SL_OK;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t p = *(const int32_t *)a, q = *(const int32_t *)b;
    return p < q ? -1 : p > q;
}

/* Candidate lists of the mixed cells: the areas whose boundary is near the
** cell, plus any area holding the whole cell (its centre) without one. */
static sl_status build_mixed(sl_pip *ix, const marks *m, sl_error *err)
{
    size_t cap = 0, n = 0, mixed = 0;
    for (size_t i = 0; i < m->n; i++)
        mixed += i == 0 || (m->items[i] >> 32) != (m->items[i - 1] >> 32);
    ix->mixed_off = malloc((mixed + 1) * sizeof *ix->mixed_off);
    ix->mixed_cell = malloc((mixed ? mixed : 1) * sizeof *ix->mixed_cell);
    if (!ix->mixed_off || !ix->mixed_cell)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for grid cells");
    int32_t inside[64];
    for (size_t i = 0, mi = 0; i < m->n; mi++) {
        size_t cell = (size_t)(m->items[i] >> 32), first = n;
        ix->mixed_off[mi] = (uint32_t)n;
        ix->mixed_cell[mi] = (uint32_t)cell;
        for (; i < m->n && (size_t)(m->items[i] >> 32) == cell; i++)
            if (push_area(&ix->mixed_areas, &n, &cap, (int32_t)(uint32_t)m->items[i]))
                return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for grid cells");
        double cx = ix->gx0 + ((double)(cell % ix->nx) + 0.5) / ix->gsx;
        double cy = ix->gy0 + ((double)(cell / ix->nx) + 0.5) / ix->gsy;
        size_t k = sl_pip_areas_at(ix, cx, cy, inside, 64), listed = n;
        if (k > 64) { /* more than 64 areas stacked here: leave it to the R-tree */
            k = 64;
            ix->cells[cell] = CELL_TREE;
        }
        for (size_t j = 0; j < k; j++) {
            int32_t *hit = bsearch(&inside[j], ix->mixed_areas + first, listed - first,
                                   sizeof *hit, cmp_i32);
            if (!hit && push_area(&ix->mixed_areas, &n, &cap, inside[j]))
                return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for grid cells");
        }
        qsort(ix->mixed_areas + first, n - first, sizeof *ix->mixed_areas, cmp_i32);
    }
    ix->mixed_off[mixed] = (uint32_t)n;
    ix->n_mixed = mixed;
    ix->n_mixed_areas = n;
    return SL_OK;
}

/* Unmarked cells: a run of them along a row meets no boundary, so one look-up
** at the first cell's centre answers the whole run. */
static void classify_runs(sl_pip *ix)
{
    int32_t inside[2];
    for (uint32_t r = 0; r < ix->ny; r++) {
        int32_t *row = ix->cells + (size_t)r * ix->nx;
        for (uint32_t c = 0; c < ix->nx;) {
            if (row[c] != CELL_UNSET) {
                c++;
                continue;
            }
            double cx = ix->gx0 + (c + 0.5) / ix->gsx, cy = ix->gy0 + (r + 0.5) / ix->gsy;
            size_t k = sl_pip_areas_at(ix, cx, cy, inside, 2);
            int32_t v = k == 0 ? CELL_EMPTY : k == 1 ? inside[0] : CELL_TREE;
            for (; c < ix->nx && row[c] == CELL_UNSET; c++) {
                row[c] = v;
                if (v == CELL_EMPTY)
                    ix->cells_empty++;
                else if (v == CELL_TREE)
                    ix->cells_tree++;
                else
                    ix->cells_full++;
            }
        }
    }
}

/* About 16 cells per edge, but no cells so small that the marks (an edge
** marks about (|dx| + |dy|) / cell + 1 cells) exceed ~16 per edge: long
** edges (a star's spikes) would otherwise need O(n^2) marks and records.
** Sixteen, not four: points placed where people live crowd into the small
** urban areas, whose cells at four per edge were nearly all crossed by a
** boundary (10M such points over the us-atlas counties: 0.64 s at four,
** 0.44 s at sixteen, the same build time within 10 ms, 4 MB of cells). */
static size_t sized_by_edges(const sl_polyset *ps, const double ext[4], size_t edges)
{
    double length = 0;
    for (size_t r = 0; r < ps->n_rings; r++)
        for (size_t v = ps->ring_vert[r]; v + 1 < ps->ring_vert[r + 1]; v++)
            length += fabs(ps->x[v + 1] - ps->x[v]) + fabs(ps->y[v + 1] - ps->y[v]);
    double area = fmax(ext[2] - ext[0], 1e-9) * fmax(ext[3] - ext[1], 1e-9);
    double target = 16.0 * (double)edges, min_cell = length / (16.0 * (double)edges + 1);
    if (min_cell > 0 && area / target < min_cell * min_cell)
        target = area / (min_cell * min_cell);
    return (size_t)target;
}

sl_status sl_pip_build_grid(sl_pip *ix, size_t target_cells, sl_error *err)
{
    double ext[4];
    grid_extent(ix->ps, ext);
    if (!(ext[0] <= ext[2]))
        return SL_OK; /* no area has a vertex: the R-tree answers -1 anyway */
    /* Coordinates far beyond any CRS (fuzz_wkb: 1e276) would overflow the
    ** cell arithmetic; the grid only accelerates, so go without it. */
    if (!(fmax(fmax(fabs(ext[0]), fabs(ext[2])), fmax(fabs(ext[1]), fabs(ext[3]))) <= 1e9))
        return SL_OK;
    if (target_cells == 0)
        target_cells = sized_by_edges(ix->ps, ext, ix->n_edges);
    if (target_cells < 4096)
        target_cells = 4096;
    if (target_cells > (size_t)1 << 24)
        target_cells = (size_t)1 << 24;
    grid_shape(ix, ext, target_cells);
    double scale = fmax(fmax(fabs(ext[0]), fabs(ext[2])), fmax(fabs(ext[1]), fabs(ext[3])));
    double eps = 1e-9 * fmax(1.0, scale / 180);
    ix->grid_eps = eps;
    size_t cells = (size_t)ix->nx * ix->ny;
    ix->cells = malloc(cells * sizeof *ix->cells);
    if (!ix->cells)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for the grid (%zu cells)", cells);
    for (size_t i = 0; i < cells; i++)
        ix->cells[i] = CELL_UNSET;
    marks m = {0};
    sl_status st = mark_boundaries(ix, &m, eps, err);
    if (st == SL_OK)
        st = build_mixed(ix, &m, err);
    free(m.items);
    if (st == SL_OK)
        st = sl_pip_build_bands(ix, err);
    if (st != SL_OK)
        return st;
    classify_runs(ix);
    ix->has_grid = 1;
    return SL_OK;
}

void sl_pip_free_grid(sl_pip *ix)
{
    free(ix->cells);
    free(ix->mixed_off);
    free(ix->mixed_areas);
    free(ix->mixed_cell);
    free(ix->mixed_rec);
    free(ix->band_edges);
    free(ix->local_info);
    free(ix->local_edges);
    free(ix->local_breaks);
    ix->local_info = NULL;
    ix->local_edges = NULL;
    ix->local_breaks = NULL;
    ix->cells = NULL;
    ix->mixed_off = NULL;
    ix->mixed_areas = NULL;
    ix->mixed_cell = NULL;
    ix->mixed_rec = NULL;
    ix->band_edges = NULL;
    ix->has_grid = 0;
}
