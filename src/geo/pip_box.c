/*
** pip_box.c — box queries on the point-in-polygon index (overlap_internal.h).
**
** Splitting a request over areas needs, per request, the areas whose boxes
** it touches (the R-tree) and whether a boundary comes near it: most
** requests lie wholly inside one area and need no clipping at all. The grid
** answers that at once when the request's box falls in cells wholly inside
** one area; otherwise each candidate area's edge stripes are read over the
** box's height.
*/
#include <stdlib.h>

#include "geo/overlap_internal.h"

static int push_id(sl_area_ids *ids, uint32_t a)
{
    if (ids->n == ids->cap) {
        size_t cap = ids->cap ? 2 * ids->cap : 64;
        uint32_t *v = realloc(ids->v, cap * sizeof *v);
        if (!v)
            return -1;
        ids->v = v;
        ids->cap = cap;
    }
    ids->v[ids->n++] = a;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int meets(const double *b, const double *q)
{
    return b[0] <= q[2] && b[2] >= q[0] && b[1] <= q[3] && b[3] >= q[1];
}

int sl_pip_areas_meeting_box(const sl_pip *ix, const double box[4], sl_area_ids *ids)
{
    const sl_rtree *t = &ix->tree;
    ids->n = 0;
    if (t->n_nodes == 0)
        return 0;
    size_t stack[RTREE_MAX_LEVELS * RTREE_NODE_SIZE];
    int levels[RTREE_MAX_LEVELS * RTREE_NODE_SIZE];
    int top = 0;
    stack[top] = t->n_nodes - 1;
    levels[top++] = t->n_levels - 1;
    while (top > 0) {
        size_t node = stack[--top];
        int level = levels[top];
        if (!meets(t->boxes + 4 * node, box))
            continue;
        if (level == 0) {
            if (push_id(ids, t->index[node]))
                return -1;
            continue;
        }
        size_t first = t->index[node], end = t->level_end[level - 1];
        size_t stop = first + RTREE_NODE_SIZE < end ? first + RTREE_NODE_SIZE : end;
        for (size_t c = first; c < stop; c++) {
            stack[top] = c;
            levels[top++] = level - 1;
        }
    }
    return 0;
}

int sl_pip_areas_in_box(const sl_pip *ix, const double box[4], sl_area_ids *ids)
{
    if (sl_pip_areas_meeting_box(ix, box, ids))
        return -1;
    if (ids->n > 1)
        qsort(ids->v, ids->n, sizeof *ids->v, cmp_u32);
    return 0;
}

/* The stripe of area A holding height Y (as pip.c cuts them). */
static uint32_t stripe_at(const sl_pip *ix, uint32_t a, double y)
{
    uint32_t n = ix->area_stripe[a + 1] - ix->area_stripe[a];
    double s = (y - ix->stripe_y0[a]) * ix->stripe_scale[a];
    if (!(s > 0))
        return 0;
    return s >= (double)n ? n - 1 : (uint32_t)s;
}

int sl_pip_edges_miss_box(const sl_pip *ix, uint32_t a, const double box[4])
{
    uint32_t s0 = ix->area_stripe[a];
    if (ix->area_stripe[a + 1] == s0)
        return 1;
    uint32_t lo = s0 + stripe_at(ix, a, box[1]), hi = s0 + stripe_at(ix, a, box[3]);
    for (uint32_t s = lo; s <= hi; s++) {
        const pip_edge *e = ix->stripe_edges + ix->stripe_off[s];
        const pip_edge *end = ix->stripe_edges + ix->stripe_off[s + 1];
        for (; e < end; e++) {
            double eb[4] = {e->ax < e->bx ? e->ax : e->bx, e->ay, e->ax < e->bx ? e->bx : e->ax, e->by};
            if (meets(eb, box))
                return 0;
        }
    }
    return 1;
}

int sl_pip_area_box_relation(const sl_pip *ix, uint32_t a, const double box[4])
{
    if (!sl_pip_edges_miss_box(ix, a, box))
        return -1;
    /* The stripes hold no horizontal edges. One that crosses the box without
    ** a neighbouring edge in it spans the box's width, so it separates the
    ** box's lower-left corner from its upper-left one. */
    int c = sl_pip_area_contains(ix, a, box[0] / 2 + box[2] / 2, box[1] / 2 + box[3] / 2);
    if (sl_pip_area_contains(ix, a, box[0], box[1]) != c || sl_pip_area_contains(ix, a, box[0], box[3]) != c)
        return -1;
    return c;
}

/* The grid's answer for BOX when it lies in a few cells that all hold the
** same one area (or none), else SL_BOX_UNKNOWN. */
static int32_t grid_owner(const sl_pip *ix, const double box[4])
{
    if (!ix->has_grid)
        return SL_BOX_UNKNOWN;
    double fx0 = (box[0] - ix->gx0) * ix->gsx, fx1 = (box[2] - ix->gx0) * ix->gsx;
    double fy0 = (box[1] - ix->gy0) * ix->gsy, fy1 = (box[3] - ix->gy0) * ix->gsy;
    if (!(fx0 >= 0 && fy0 >= 0 && fx1 < (double)ix->nx && fy1 < (double)ix->ny))
        return SL_BOX_UNKNOWN;
    uint32_t c0 = (uint32_t)fx0, c1 = (uint32_t)fx1, r0 = (uint32_t)fy0, r1 = (uint32_t)fy1;
    if ((size_t)(c1 - c0 + 1) * (r1 - r0 + 1) > 16)
        return SL_BOX_UNKNOWN;
    int32_t v = ix->cells[(size_t)r0 * ix->nx + c0];
    if (v < 0 && v != CELL_EMPTY)
        return SL_BOX_UNKNOWN;
    for (uint32_t r = r0; r <= r1; r++)
        for (uint32_t c = c0; c <= c1; c++)
            if (ix->cells[(size_t)r * ix->nx + c] != v)
                return SL_BOX_UNKNOWN;
    return v >= 0 ? v : SL_BOX_OUTSIDE;
}

int32_t sl_pip_box_owner(const sl_pip *ix, const double box[4], sl_area_ids *ids)
{
    int32_t owner = grid_owner(ix, box);
    if (owner != SL_BOX_UNKNOWN)
        return owner;
    if (sl_pip_areas_in_box(ix, box, ids))
        return SL_BOX_UNKNOWN;
    owner = SL_BOX_OUTSIDE;
    for (size_t i = 0; i < ids->n; i++) {
        int rel = sl_pip_area_box_relation(ix, ids->v[i], box);
        if (rel < 0 || (rel == 1 && owner != SL_BOX_OUTSIDE))
            return SL_BOX_UNKNOWN;
        if (rel == 1)
            owner = (int32_t)ids->v[i];
    }
    return owner;
}

/* 1 when edge E comes within disc D. */
static int edge_meets_disc(const pip_edge *e, const sl_disc *d)
{
    double x1 = (e->ax - d->cx) * d->kx, y1 = (e->ay - d->cy) * d->ky;
    double dx = (e->bx - e->ax) * d->kx, dy = (e->by - e->ay) * d->ky, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(x1 * dx + y1 * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double x = x1 + t * dx, y = y1 + t * dy;
    return x * x + y * y <= d->r2;
}

int sl_pip_area_disc_relation(const sl_pip *ix, uint32_t a, const sl_disc *d)
{
    uint32_t s0 = ix->area_stripe[a];
    if (ix->area_stripe[a + 1] > s0) {
        uint32_t lo = s0 + stripe_at(ix, a, d->box[1]), hi = s0 + stripe_at(ix, a, d->box[3]);
        for (uint32_t s = lo; s <= hi; s++) {
            const pip_edge *e = ix->stripe_edges + ix->stripe_off[s];
            const pip_edge *end = ix->stripe_edges + ix->stripe_off[s + 1];
            for (; e < end; e++) {
                double eb[4] = {e->ax < e->bx ? e->ax : e->bx, e->ay, e->ax < e->bx ? e->bx : e->ax, e->by};
                if (meets(eb, d->box) && edge_meets_disc(e, d))
                    return -1;
            }
        }
    }
    /* A horizontal edge (not in the stripes) crossing the disc with no
    ** other edge in it runs from side to side, so it crosses the vertical
    ** diameter: the disc's top or bottom is then not where its centre is. */
    int c = sl_pip_area_contains(ix, a, d->cx, d->cy);
    if (sl_pip_area_contains(ix, a, d->cx, d->box[1]) != c || sl_pip_area_contains(ix, a, d->cx, d->box[3]) != c)
        return -1;
    return c;
}

int32_t sl_pip_disc_owner(const sl_pip *ix, const sl_disc *d, sl_area_ids *ids)
{
    int32_t owner = grid_owner(ix, d->box);
    if (owner != SL_BOX_UNKNOWN)
        return owner;
    if (sl_pip_areas_meeting_box(ix, d->box, ids)) {
        ids->n = 0; /* the caller finds them again, and fails */
        return SL_BOX_UNKNOWN;
    }
    /* Only an area whose box holds the disc's box can hold the disc. When
    ** none can, reading edges would tell at most that the disc meets no
    ** area, which the caller's clip finds for less (a city's tracts under
    ** a circle of a kilometre: there is no owner, and the edges were a
    ** tenth of the split). And only when one of those does hold it are
    ** the others' edges worth reading: a small circle near a tract's edge,
    ** in that tract's box, is common, and the clip tells it too. */
    owner = SL_BOX_OUTSIDE;
    for (size_t i = 0; i < ids->n && owner == SL_BOX_OUTSIDE; i++) {
        double b[4];
        sl_polyset_bounds(ix->ps, ids->v[i], b);
        if (b[0] <= d->box[0] && b[1] <= d->box[1] && b[2] >= d->box[2] && b[3] >= d->box[3] &&
            sl_pip_area_disc_relation(ix, ids->v[i], d) == 1)
            owner = (int32_t)ids->v[i];
    }
    if (owner == SL_BOX_OUTSIDE && ids->n > 0) /* with no area at all, outside */
        return SL_BOX_UNKNOWN;
    for (size_t i = 0; i < ids->n; i++) {
        if ((int32_t)ids->v[i] == owner)
            continue;
        if (sl_pip_area_disc_relation(ix, ids->v[i], d) != 0)
            return SL_BOX_UNKNOWN;
    }
    return owner;
}
