/*
** pip.h — point-in-polygon engine: which area of a polygon set holds each
** of millions of points, at national scale, on every core.
**
** An index over a polyset has three layers:
**  - a packed Hilbert-sorted R-tree over area bounding boxes (node size 16);
**  - per area, horizontal stripes listing the edges crossing them, so a test
**    reads only the few edges near the point;
**  - a uniform grid over all areas whose cells are classified at build time
**    as empty, wholly inside one area ("true hit", no geometry needed), or
**    crossed by boundaries; such a cell keeps its candidate areas with their
**    edges along the cell's row in one contiguous run, so even those points
**    cost a few cache misses. The R-tree and stripes answer the rest
**    (overlapping areas) and serve as an independent path for tests.
** The batch join locates points in groups so that their memory accesses
** overlap, on every core, with no allocation per point.
**
** Boundary rule: the crossing-number test counts an edge when one endpoint is
** strictly above the point and the other at or below, and a point exactly on
** an edge counts as right of it. This is the same as nudging every point by
** an infinitesimal up and (more) right, so a point on an edge or vertex
** shared by areas of a tiling lands in exactly one of them.
**
** Overlapping areas: a point inside several gets the lowest area index.
*/
#ifndef SIGHTLINE_PIP_H
#define SIGHTLINE_PIP_H

#include <stddef.h>
#include <stdint.h>
#include "sightline/core/error.h"
#include "sightline/geo/polyset.h"

typedef struct sl_pip sl_pip;

typedef struct sl_pip_options {
    int use_grid;       /* 0: R-tree + edge stripes only (for cross-checks) */
    size_t grid_cells;  /* target number of grid cells; 0: from the edge count */
} sl_pip_options;

/* Default options: grid on, sized from the data. */
sl_pip_options sl_pip_default_options(void);

/* Index PS (borrowed: it must outlive the index and not change). OPTS may
** be NULL for the defaults. */
sl_status sl_pip_build(const sl_polyset *ps, const sl_pip_options *opts, sl_pip **out,
                       sl_error *err);
void sl_pip_free(sl_pip *idx);

/* Index of the area holding (lon, lat), or -1. Thread-safe (read-only). */
int32_t sl_pip_locate(const sl_pip *idx, double lon, double lat);

/* The same answer without the grid (R-tree + stripes), for cross-checks. */
int32_t sl_pip_locate_tree(const sl_pip *idx, double lon, double lat);

/* Locate N points; area_out[i] receives the area of (lon[i], lat[i]) or -1.
** THREADS <= 0 uses every online core. Non-finite coordinates give -1. */
sl_status sl_pip_join(const sl_pip *idx, const double *lon, const double *lat, size_t n,
                      int threads, int32_t *area_out, sl_error *err);

/* Count points per area: counts[a] (an array of sl_polyset_count entries,
** overwritten) and *outside (may be NULL) for points in no area. */
sl_status sl_pip_count(const sl_pip *idx, const double *lon, const double *lat, size_t n,
                       int threads, uint64_t *counts, uint64_t *outside, sl_error *err);

/* Sizes of the index, for reports and benchmarks. */
typedef struct sl_pip_stats {
    size_t areas, edges, stripe_entries;
    size_t grid_nx, grid_ny, cells_empty, cells_full, cells_mixed, cells_tree;
    size_t mixed_entries;
    size_t bytes; /* memory held by the index */
} sl_pip_stats;
void sl_pip_get_stats(const sl_pip *idx, sl_pip_stats *out);

#endif
