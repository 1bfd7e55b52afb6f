/*
** scope.c — the store seen through a read scope (sl_store_set_read_scope in
** store_layers.h): the public readers of posts, cameras and police requests.
**
** A state's report runs the same analyses as a national one; they read
** points in four ways (loaded whole, scanned with or without their texts,
** counted). Filtering here, below all of them, keeps every figure of the
** report to the same points without teaching each analysis about states,
** and a reader added later cannot forget it. Without a scope each reader is
** the plain one of points.c, at no cost.
*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* A chunk seen through the scope: the caller's function, and a byte per point. */
typedef struct scoped {
    const sl_read_scope *scope;
    sl_chunk_fn chunk_fn;
    sl_coords_fn coords_fn;
    void *ctx;
    unsigned char *keep;
    double *lon, *lat;
    size_t cap;
    long count;
} scoped;

static sl_status room(scoped *c, size_t n, int coords, sl_error *err)
{
    if (n <= c->cap && (!coords || c->lat)) return SL_OK; /* coordinates grown once a caller asks for them */
    unsigned char *k = realloc(c->keep, n);
    if (k) c->keep = k;
    double *x = k && coords ? realloc(c->lon, n * sizeof *x) : NULL;
    if (x) c->lon = x;
    double *y = x ? realloc(c->lat, n * sizeof *y) : NULL;
    if (y) c->lat = y;
    if (!k || (coords && !y)) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    c->cap = n;
    return SL_OK;
}

static sl_status mark(scoped *c, const double *lon, const double *lat, size_t n, int coords, sl_error *err)
{
    if (room(c, n + 1, coords, err)) return err->status;
    memset(c->keep, 0, n);
    c->scope->points(c->scope->ctx, lon, lat, n, c->keep);
    return SL_OK;
}

static sl_status chunk_in_scope(void *ctx, sl_points *chunk, sl_error *err)
{
    scoped *c = ctx;
    if (mark(c, chunk->lon, chunk->lat, chunk->n, 0, err)) return err->status;
    sl_points_keep(chunk, c->keep);
    return c->chunk_fn(c->ctx, chunk, err);
}

static sl_status coords_in_scope(void *ctx, const double *lon, const double *lat, size_t n, sl_error *err)
{
    scoped *c = ctx;
    if (mark(c, lon, lat, n, 1, err)) return err->status;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (c->keep[i]) c->lon[k] = lon[i], c->lat[k] = lat[i], k++;
    c->count += (long)k;
    return c->coords_fn ? c->coords_fn(c->ctx, c->lon, c->lat, k, err) : SL_OK;
}

static void scoped_free(scoped *c)
{
    free(c->keep);
    free(c->lon);
    free(c->lat);
}

sl_status sl_store_load_points(sl_store *st, const char *layer, const char *category, sl_points *out, sl_error *err)
{
    size_t from = out->n;
    sl_status s = sl_store_load_points_all(st, layer, category, out, err);
    const sl_read_scope *scope = sl_store_scope_of(st, layer);
    if (s || !scope || out->n == from) return s;
    scoped c = {.scope = scope};
    /* only the points this call appended are the layer's */
    if (!(s = room(&c, out->n + 1, 0, err))) {
        memset(c.keep, 1, from);
        memset(c.keep + from, 0, out->n - from);
        scope->points(scope->ctx, out->lon + from, out->lat + from, out->n - from, c.keep + from);
        sl_points_keep(out, c.keep);
    }
    scoped_free(&c);
    return s;
}

sl_status sl_store_scan_points(sl_store *st, const char *layer, const char *category, unsigned columns,
                               sl_chunk_fn fn, void *ctx, sl_error *err)
{
    const sl_read_scope *scope = sl_store_scope_of(st, layer);
    if (!scope) return sl_store_scan_points_all(st, layer, category, columns, fn, ctx, err);
    scoped c = {.scope = scope, .chunk_fn = fn, .ctx = ctx};
    sl_status s = sl_store_scan_points_all(st, layer, category, columns, chunk_in_scope, &c, err);
    scoped_free(&c);
    return s;
}

sl_status sl_store_scan_coords(sl_store *st, const char *layer, const char *category, sl_coords_fn fn, void *ctx,
                               sl_error *err)
{
    const sl_read_scope *scope = sl_store_scope_of(st, layer);
    if (!scope) return sl_store_scan_coords_all(st, layer, category, fn, ctx, err);
    scoped c = {.scope = scope, .coords_fn = fn, .ctx = ctx};
    sl_status s = sl_store_scan_coords_all(st, layer, category, coords_in_scope, &c, err);
    scoped_free(&c);
    return s;
}

sl_status sl_store_count_points(sl_store *st, const char *layer, const char *category, long *count, sl_error *err)
{
    const sl_read_scope *scope = sl_store_scope_of(st, layer);
    if (!scope) return sl_store_count_points_all(st, layer, category, count, err);
    *count = 0;
    long *kept = category ? NULL : sl_store_scope_count(st, layer);
    if (kept && *kept >= 0) {
        *count = *kept;
        return SL_OK;
    }
    scoped c = {.scope = scope}; /* counted point by point: the index counts the whole layer */
    sl_status s = sl_store_scan_coords_all(st, layer, category, coords_in_scope, &c, err);
    if (!s) *count = c.count;
    if (!s && kept) *kept = c.count;
    scoped_free(&c);
    return s;
}

void sl_store_scope_requests(const sl_store *st, sl_request_list *out)
{
    const sl_read_scope *scope = sl_store_scope_of(st, NULL);
    if (!scope) return;
    size_t k = 0;
    for (size_t i = 0; i < out->count; i++)
        if (scope->request(scope->ctx, &out->items[i])) out->items[k++] = out->items[i]; /* texts: in the arena */
    out->count = k;
}
