/*
** rtree.c — a static packed R-tree over area bounding boxes.
**
** Areas never change once indexed, so the tree is built once bottom-up:
** boxes sorted by the Hilbert value of their centres (neighbours on the map
** become neighbours in memory), grouped 16 to a node, all levels in one
** array. The layout follows the flatbush design.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/pip_internal.h"

/* Position of (x, y) in [0, 65535]² along a Hilbert curve of order 16. */
static uint32_t hilbert16(uint32_t x, uint32_t y)
{
    uint32_t d = 0;
    for (uint32_t s = 1u << 15; s > 0; s >>= 1) {
        uint32_t rx = (x & s) > 0, ry = (y & s) > 0;
        d += s * s * ((3 * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                x = 65535 - x;
                y = 65535 - y;
            }
            uint32_t t = x;
            x = y;
            y = t;
        }
    }
    return d;
}

typedef struct keyed {
    uint32_t key, item;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    return p->item < q->item ? -1 : p->item > q->item;
}

/* V in [0, 1] as 0..65535; anything else (a width that overflowed to inf
** makes V 0 or NaN) is clamped, never converted out of range. */
static uint32_t unit16(double v)
{
    if (!(v > 0))
        return 0;
    return v < 1 ? (uint32_t)(v * 65535) : 65535;
}

static keyed *hilbert_order(const double *boxes, size_t n, size_t *count)
{
    double ext[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const double *b = boxes + 4 * i;
        if (!(b[0] <= b[2] && b[1] <= b[3]))
            continue;
        m++;
        ext[0] = fmin(ext[0], b[0]);
        ext[1] = fmin(ext[1], b[1]);
        ext[2] = fmax(ext[2], b[2]);
        ext[3] = fmax(ext[3], b[3]);
    }
    keyed *k = malloc((m ? m : 1) * sizeof *k);
    if (!k)
        return NULL;
    double w = ext[2] - ext[0], h = ext[3] - ext[1];
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        const double *b = boxes + 4 * i;
        if (!(b[0] <= b[2] && b[1] <= b[3]))
            continue;
        /* Halves first: b[0] + b[2] overflows near DBL_MAX (fuzz_wkb). */
        double cx = w > 0 ? (b[0] / 2 + b[2] / 2 - ext[0]) / w : 0;
        double cy = h > 0 ? (b[1] / 2 + b[3] / 2 - ext[1]) / h : 0;
        k[j].key = hilbert16(unit16(cx), unit16(cy));
        k[j].item = (uint32_t)i;
        j++;
    }
    qsort(k, m, sizeof *k, cmp_keyed);
    *count = m;
    return k;
}

static void union_box(double *dst, const double *src)
{
    dst[0] = fmin(dst[0], src[0]);
    dst[1] = fmin(dst[1], src[1]);
    dst[2] = fmax(dst[2], src[2]);
    dst[3] = fmax(dst[3], src[3]);
}

sl_status sl_rtree_build(sl_rtree *t, const double *boxes, size_t n, sl_error *err)
{
    memset(t, 0, sizeof *t);
    size_t m = 0;
    keyed *order = hilbert_order(boxes, n, &m);
    if (!order)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory building the R-tree");
    size_t nodes = m, level = m;
    t->level_end[t->n_levels++] = m;
    while (level > 1) {
        level = (level + RTREE_NODE_SIZE - 1) / RTREE_NODE_SIZE;
        nodes += level;
        t->level_end[t->n_levels++] = nodes;
    }
    t->n_items = m;
    t->n_nodes = nodes;
    t->boxes = malloc((nodes ? nodes : 1) * 4 * sizeof *t->boxes);
    t->index = malloc((nodes ? nodes : 1) * sizeof *t->index);
    if (!t->boxes || !t->index) {
        free(order);
        sl_rtree_free(t);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory building the R-tree");
    }
    for (size_t i = 0; i < m; i++) {
        memcpy(t->boxes + 4 * i, boxes + 4 * (size_t)order[i].item, 4 * sizeof(double));
        t->index[i] = order[i].item;
    }
    free(order);
    size_t start = 0;
    for (int l = 1; l < t->n_levels; l++) {
        size_t end = t->level_end[l - 1], pos = end;
        for (size_t c = start; c < end; c += RTREE_NODE_SIZE, pos++) {
            double *b = t->boxes + 4 * pos;
            memcpy(b, t->boxes + 4 * c, 4 * sizeof *b);
            size_t stop = c + RTREE_NODE_SIZE < end ? c + RTREE_NODE_SIZE : end;
            for (size_t k = c + 1; k < stop; k++)
                union_box(b, t->boxes + 4 * k);
            t->index[pos] = (uint32_t)c;
        }
        start = end;
    }
    return SL_OK;
}

void sl_rtree_free(sl_rtree *t)
{
    free(t->boxes);
    free(t->index);
    memset(t, 0, sizeof *t);
}

size_t sl_rtree_bytes(const sl_rtree *t)
{
    return t->n_nodes * (4 * sizeof(double) + sizeof(uint32_t));
}

void sl_rtree_search_point(const sl_rtree *t, double x, double y, rtree_visit visit, void *ctx)
{
    if (t->n_nodes == 0)
        return;
    /* A depth-first stack: at most 15 siblings per level wait their turn. */
    size_t stack[RTREE_MAX_LEVELS * RTREE_NODE_SIZE];
    int levels[RTREE_MAX_LEVELS * RTREE_NODE_SIZE];
    int top = 0;
    stack[top] = t->n_nodes - 1;
    levels[top++] = t->n_levels - 1;
    while (top > 0) {
        size_t node = stack[--top];
        int level = levels[top];
        const double *b = t->boxes + 4 * node;
        if (x < b[0] || x > b[2] || y < b[1] || y > b[3])
            continue;
        if (level == 0) {
            if (visit(ctx, t->index[node]))
                return;
            continue;
        }
        size_t first = t->index[node], end = t->level_end[level - 1];
        size_t stop = first + RTREE_NODE_SIZE < end ? first + RTREE_NODE_SIZE : end;
        for (size_t c = stop; c-- > first;) {
            stack[top] = c;
            levels[top++] = level - 1;
        }
    }
}
