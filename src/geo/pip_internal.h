/*
** pip_internal.h — the layout of a point-in-polygon index, shared by its
** builders (pip.c, pip_grid.c, rtree.c); not a public API.
*/
#ifndef SIGHTLINE_GEO_PIP_INTERNAL_H
#define SIGHTLINE_GEO_PIP_INTERNAL_H

#include <stdint.h>
#include "geo/polyset_internal.h"
#include "sightline/pip.h"

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
sl_status rtree_build(sl_rtree *t, const double *boxes, size_t n, sl_error *err);
void rtree_free(sl_rtree *t);
/* Call VISIT for every item whose closed box holds (x, y); VISIT returns
** nonzero to stop the search. */
typedef int (*rtree_visit)(void *ctx, uint32_t item);
void rtree_search_point(const sl_rtree *t, double x, double y, rtree_visit visit, void *ctx);
size_t rtree_bytes(const sl_rtree *t);

/* An edge that can be crossed by a horizontal ray: its lower endpoint (a)
** first, so both areas sharing it compute bit-identical answers. */
typedef struct pip_edge {
    double ax, ay, bx, by;
} pip_edge;

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
    uint32_t *mixed_off; /* n_mixed + 1 */
    int32_t *mixed_areas;
    size_t n_mixed, n_mixed_areas;
    size_t cells_empty, cells_full, cells_tree;
};

/* 1 when area A holds (x, y) under the half-open rule. */
int pip_area_contains(const sl_pip *ix, uint32_t a, double x, double y);

/* Every area holding (x, y), via the R-tree: up to MAX of them in OUT
** (lowest first); returns how many there are in total. */
size_t pip_areas_at(const sl_pip *ix, double x, double y, int32_t *out, size_t max);

/* Build the grid layer (pip_grid.c). */
sl_status pip_build_grid(sl_pip *ix, size_t target_cells, sl_error *err);
void pip_free_grid(sl_pip *ix);

#endif
