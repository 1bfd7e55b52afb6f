/*
** pip_internal.h — the layout of a point-in-polygon index, shared by its
** builders (pip.c, pip_grid.c, rtree.c); not a public API.
*/
#ifndef SIGHTLINE_GEO_PIP_INTERNAL_H
#define SIGHTLINE_GEO_PIP_INTERNAL_H

#include <stdint.h>
#include "geo/polyset_internal.h"
#include "sightline/geo/pip.h"

/* Packed R-tree (flatbush layout): leaves first, in Hilbert order of their
** box centres, then each upper level; the root is the last node. */
#define RTREE_NODE_SIZE 16
#define RTREE_MAX_LEVELS 32

typedef struct sl_rtree {
    size_t n_items, n_nodes;
    double *boxes;     /* 4 per node: min x, min y, max x, max y */
    uint32_t *index;   /* leaf: item id; upper node: position of first child */
    size_t level_end[RTREE_MAX_LEVELS];
    int n_levels;
} sl_rtree;

/* Build over N boxes (4 doubles each); boxes with min > max are left out. */
sl_status sl_rtree_build(sl_rtree *t, const double *boxes, size_t n, sl_error *err);
void sl_rtree_free(sl_rtree *t);
/* Call VISIT for every item whose closed box holds (x, y); VISIT returns
** nonzero to stop the search. */
typedef int (*rtree_visit)(void *ctx, uint32_t item);
void sl_rtree_search_point(const sl_rtree *t, double x, double y, rtree_visit visit, void *ctx);
size_t sl_rtree_bytes(const sl_rtree *t);

/* An edge that can be crossed by a horizontal ray: its lower endpoint (a)
** first, so both areas sharing it compute bit-identical answers. */
typedef struct pip_edge {
    double ax, ay, bx, by;
} pip_edge;

/* Run the statements after E for each crossable (non-horizontal) edge E of
** area A, canonically oriented. */
#define FOR_EACH_EDGE(ps, a, E, ...)                                                  \
    for (size_t r_ = (ps)->area_ring[a]; r_ < (ps)->area_ring[(a) + 1]; r_++)          \
        for (size_t v_ = (ps)->ring_vert[r_]; v_ + 1 < (ps)->ring_vert[r_ + 1]; v_++) { \
            double x1_ = (ps)->x[v_], y1_ = (ps)->y[v_];                                 \
            double x2_ = (ps)->x[v_ + 1], y2_ = (ps)->y[v_ + 1];                         \
            if (y1_ == y2_)                                                            \
                continue;                                                              \
            pip_edge E = y1_ < y2_ ? (pip_edge){x1_, y1_, x2_, y2_}                     \
                                   : (pip_edge){x2_, y2_, x1_, y1_};                    \
            __VA_ARGS__                                                                \
        }

/* Cell values: >= 0 the one area holding the whole cell; CELL_EMPTY none;
** CELL_TREE overlapping areas (ask the R-tree); <= CELL_MIXED0 a cell crossed
** by boundaries, whose candidate list is number CELL_MIXED0 - value. */
#define CELL_EMPTY (-1)
#define CELL_TREE (-2)
#define CELL_MIXED0 (-3)
#define CELL_UNSET INT32_MIN

struct sl_pip {
    const sl_polyset *ps;
    sl_rtree tree;

    /* Per area: stripes area_stripe[a] .. area_stripe[a+1]-1 over its bbox. */
    uint32_t *area_stripe;
    double *stripe_y0, *stripe_scale;
    uint32_t *stripe_off; /* edges of stripe s: stripe_edges[stripe_off[s]..] */
    pip_edge *stripe_edges;
    size_t n_stripes, n_stripe_edges, n_edges;

    /* Grid over the union of the areas' boxes. */
    int has_grid;
    double gx0, gy0, gsx, gsy;
    uint32_t nx, ny;
    int32_t *cells;
    uint32_t *mixed_off; /* n_mixed + 1 (while building) */
    int32_t *mixed_areas;
    uint32_t *mixed_cell;
    size_t n_mixed, n_mixed_areas;
    /* A mixed cell's record: k, then k times (area, first band edge, edges).
    ** A band holds an area's edges that cross one grid row, sorted by
    ** decreasing max x, so a cell's test reads one short contiguous run. */
    uint32_t *mixed_rec;
    size_t n_mixed_rec;
    pip_edge *band_edges;
    size_t n_bands, n_band_edges;
    size_t cells_empty, cells_full, cells_tree;
    double grid_eps; /* how far a boundary may be from a cell it marks */
    /* Local records (pip_local.c), for bands too long to scan: a record
    ** entry (area, L, BAND_LOCAL) points at local_info[L..L+5): first local
    ** edge, local edges, base parity, breaks, first break. */
    uint32_t *local_info;
    size_t n_local_info;
    pip_edge *local_edges;
    size_t n_local_edges;
    double *local_breaks;
    size_t n_local_breaks;
};

/* Bands with more edges than this get per-cell local records instead. */
#define LOCAL_MIN_BAND 128
#define BAND_LOCAL 0x80000000u

/* 1 when area A holds (x, y) under the half-open rule. */
int sl_pip_area_contains(const sl_pip *ix, uint32_t a, double x, double y);

/* Every area holding (x, y), via the R-tree: up to MAX of them in OUT
** (lowest first); returns how many there are in total. */
size_t sl_pip_areas_at(const sl_pip *ix, double x, double y, int32_t *out, size_t max);

/* Turn the mixed cells' area lists into records over row bands (pip_bands.c). */
sl_status sl_pip_build_bands(sl_pip *ix, sl_error *err);
/* Exact sign test for points too close to E for floating point (pip.c). */
int sl_pip_orient_exact(const pip_edge *e, double x, double y);

/* The grid column and row holding X and Y, clamped to the grid (NaN and
** anything left of or below it go to 0): shared by the grid, band and
** local-record builders so all three cut cells at the same place. */
static inline uint32_t pip_col_of(const sl_pip *ix, double x)
{
    double f = (x - ix->gx0) * ix->gsx;
    if (!(f > 0))
        return 0;
    return f >= (double)ix->nx ? ix->nx - 1 : (uint32_t)f;
}

static inline uint32_t pip_row_of(const sl_pip *ix, double y)
{
    double f = (y - ix->gy0) * ix->gsy;
    if (!(f > 0))
        return 0;
    return f >= (double)ix->ny ? ix->ny - 1 : (uint32_t)f;
}

/* 1 when (x, y) is strictly left of the upward edge E (so a ray to +x
** crosses it); exact, with a floating-point filter (Shewchuk's bound). */
static inline int pip_left_of(const pip_edge *e, double x, double y)
{
    double l = (e->bx - e->ax) * (y - e->ay), r = (e->by - e->ay) * (x - e->ax);
    double det = l - r, bound = 3.3306690738754716e-16 * (l < 0 ? -l : l) +
                                3.3306690738754716e-16 * (r < 0 ? -r : r);
    if (det > bound)
        return 1;
    if (-det > bound)
        return 0;
    return sl_pip_orient_exact(e, x, y);
}

/* 1 when the ray from (x, y) to +x crosses E under the half-open rule;
** the caller has checked e->ay <= y < e->by. */
static inline int pip_crosses(const pip_edge *e, double x, double y)
{
    if (x < e->ax && x < e->bx)
        return 1;
    if (x >= e->ax && x >= e->bx)
        return 0;
    return pip_left_of(e, x, y);
}

/* Parity test of (x, y) against one band's N edges (sorted by decreasing
** max x: once the point is right of an edge it is right of all the rest). */
static inline int pip_band_contains(const pip_edge *e, uint32_t n, double x, double y)
{
    int inside = 0;
    for (const pip_edge *end = e + n; e < end; e++) {
        if (x >= e->ax && x >= e->bx)
            break;
        if (y < e->ay || y >= e->by)
            continue;
        inside ^= x < e->ax && x < e->bx ? 1 : pip_left_of(e, x, y);
    }
    return inside;
}

/* Parity test of (x, y) in a mixed cell against local record L: the edges
** of the cell's band that pass through the cell are tested as usual; the
** band's edges wholly right of the cell cross the ray exactly when
** ay <= y < by, and the parity of their count is BASE flipped at each
** sorted break height t <= y (pip_local.c builds both). */
static inline int pip_local_contains(const sl_pip *ix, uint32_t l, double x, double y)
{
    const uint32_t *info = ix->local_info + l;
    const double *t = ix->local_breaks + info[4];
    uint32_t lo = 0, hi = info[3];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t[mid] <= y)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int)((info[2] ^ lo) & 1) ^ pip_band_contains(ix->local_edges + info[0], info[1], x, y);
}

/* Which local record serves each (band, column) that needs one. */
typedef struct pip_local_map {
    uint64_t *keys; /* band << 32 | column, sorted */
    uint32_t *info; /* local_info offset of each key */
    size_t n;
} pip_local_map;

/* Local records for the mixed cells whose band (BAND_KEYS[b], edges
** band_edges[OFF[b]..OFF[b+1])) has more than LOCAL_MIN_BAND edges. */
sl_status sl_pip_build_local(sl_pip *ix, const uint64_t *band_keys, size_t nb, const uint32_t *off,
                          pip_local_map *map, sl_error *err);

/* Build the grid layer (pip_grid.c). */
sl_status sl_pip_build_grid(sl_pip *ix, size_t target_cells, sl_error *err);
void sl_pip_free_grid(sl_pip *ix);

#endif
