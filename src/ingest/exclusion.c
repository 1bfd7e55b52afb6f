/*
** exclusion.c — a camera owner's exclusion (see
** sightline/ingest/exclusion.h) and its honouring by every import of posts
** and cameras (withhold.h).
**
** Why a circle kept blurred: the store must be able to test tomorrow's
** scraped posts against her home, so it keeps a circle; but a store (or a
** backup of it) holding her home's coordinates beside "she asked us to
** leave her out" would be a list of whom to look for. The circle kept is
** 1.5 times the radius asked for, around a point moved at random up to
** half that radius: it covers the asked circle whole and places her home
** no closer than the published map does. Its random source is a token of
** its own, never the exclusion's recorded "sha256" (another token), so
** nothing the store shows lets the move be undone.
*/
#include "sightline/ingest/exclusion.h"
#include "withhold.h"
#include "sightline/core/token.h"
#include "sightline/geo/spatial.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEG (M_PI / 180.0)

/* ---- honouring exclusions during an import ------------------------------------ */

size_t sl_withhold_mark(const sl_exclusion_list *e, long *counts, const double *lon, const double *lat, size_t n,
                        unsigned char *drop)
{
    size_t marked = 0;
    for (size_t k = 0; k < e->count; k++) {
        const sl_exclusion *x = &e->items[k];
        /* a box first: a degree of latitude is at least 110 km, of longitude that times cos(lat) */
        double dlat = x->radius_m / 110000.0 * 1.01, c = cos(fmin(fabs(x->lat) + dlat, 89.9) * DEG);
        double dlon = dlat / c;
        for (size_t i = 0; i < n; i++) {
            if (drop[i] || fabs(lat[i] - x->lat) > dlat || fabs(remainder(lon[i] - x->lon, 360.0)) > dlon) continue;
            if (sl_distance_m(lat[i], lon[i], x->lat, x->lon) > x->radius_m) continue;
            drop[i] = 1;
            marked++;
            if (counts) counts[k]++;
        }
    }
    return marked;
}

sl_status sl_withhold_open(sl_store *st, const char *layer, sl_withhold *w, sl_error *err)
{
    memset(w, 0, sizeof *w);
    sl_points_init(&w->kept);
    if (strcmp(layer, "posts") && strcmp(layer, "cameras")) return SL_OK; /* sites are public places */
    if (sl_store_load_exclusions(st, &w->list, err)) return err->status;
    if (!w->list.count) return SL_OK;
    w->counts = calloc(w->list.count, sizeof *w->counts);
    w->drop = malloc(SL_POINT_CHUNK);
    return w->counts && w->drop ? SL_OK : sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
}

sl_status sl_withhold_chunk(sl_withhold *w, const sl_points *batch, const sl_points **out, sl_error *err)
{
    *out = batch;
    if (!w->list.count || !batch->n) return SL_OK;
    if (batch->n > SL_POINT_CHUNK) return sl_fail(err, SL_EUSAGE, "", 0, "a chunk of %zu points", batch->n);
    memset(w->drop, 0, batch->n);
    size_t n = sl_withhold_mark(&w->list, w->counts, batch->lon, batch->lat, batch->n, w->drop);
    if (!n) return SL_OK;
    w->total += (long)n;
    sl_points_free(&w->kept);
    sl_points_init(&w->kept);
    for (size_t i = 0; i < batch->n; i++)
        if (!w->drop[i] && sl_points_push(&w->kept, batch->lon[i], batch->lat[i], batch->time[i],
                                          sl_points_id(batch, i), sl_points_text(batch, i),
                                          sl_points_attrs(batch, i), err))
            return err->status;
    w->kept.source_id = batch->source_id;
    *out = &w->kept;
    return SL_OK;
}

sl_status sl_withhold_record(sl_store *st, const sl_withhold *w, long source_id, sl_error *err)
{
    for (size_t k = 0; k < w->list.count; k++)
        if (w->counts[k] && sl_store_count_withheld(st, w->list.items[k].source_id, source_id, w->counts[k], err))
            return err->status;
    return SL_OK;
}

void sl_withhold_free(sl_withhold *w)
{
    sl_exclusion_list_free(&w->list);
    sl_points_free(&w->kept);
    free(w->counts);
    free(w->drop);
    memset(w, 0, sizeof *w);
}

/* ---- a new exclusion ------------------------------------------------------------ */

/* Two numbers in [0, 1) from a fresh token of their own. */
static sl_status random_pair(double u[2], sl_error *err)
{
    char token[SL_TOKEN_CHARS + 1], hex[65];
    if (sl_token_new(token, err)) return err->status;
    sl_token_hash(token, hex);
    for (int k = 0; k < 2; k++) {
        char part[9];
        memcpy(part, hex + 8 * k, 8);
        part[8] = '\0';
        u[k] = (double)strtoul(part, NULL, 16) / 4294967296.0;
    }
    return SL_OK;
}

/* The circle kept for the one asked (see the head of the file). */
static sl_status blurred_circle(double lat, double lon, double radius_m, sl_exclusion *out, sl_error *err)
{
    double u[2] = {0, 0};
    if (random_pair(u, err)) return err->status;
    double d = radius_m / 2 * sqrt(u[0]), bearing = 2 * M_PI * u[1]; /* uniform over the disc */
    out->lat = lat + d * cos(bearing) / SL_EARTH_RADIUS_M / DEG;
    out->lon = remainder(lon + d * sin(bearing) / (SL_EARTH_RADIUS_M * cos(lat * DEG)) / DEG, 360.0);
    out->lat = fmax(-90, fmin(90, out->lat));
    /* the flat step is a hair off the sphere's: the kept circle holds the asked one whatever it is */
    double moved = sl_distance_m(lat, lon, out->lat, out->lon);
    out->radius_m = radius_m + fmax(radius_m / 2, moved);
    return SL_OK;
}

/* Delete the points of LAYER inside E (the store keeps none of them). */
static void drop_inside(void *ctx, const double *lon, const double *lat, size_t n, unsigned char *drop)
{
    sl_exclusion_list one = {ctx, 1};
    sl_withhold_mark(&one, NULL, lon, lat, n, drop);
}

sl_status sl_ingest_exclusion_prepare(sl_store *st, double lat, double lon, double radius_m,
                                      sl_exclusion_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    if (!(radius_m >= SL_EXCLUSION_MIN_M && radius_m <= SL_EXCLUSION_MAX_M) || !sl_point_placed(lon, lat))
        return sl_fail(err, SL_EUSAGE, "", 0, "an exclusion is a place and a radius from %.0f to %.0f m",
                       SL_EXCLUSION_MIN_M, SL_EXCLUSION_MAX_M);
    sl_exclusion e;
    char token[SL_TOKEN_CHARS + 1], sha[65], opts[64];
    if (blurred_circle(lat, lon, radius_m, &e, err) || sl_token_new(token, err)) return err->status;
    sl_token_hash(token, sha); /* an id, unique as sources need; not of the place */
    snprintf(opts, sizeof opts, "{\"radius_m\":%.0f}", ceil(e.radius_m));
    sl_source src = {.kind = SL_EXCLUSION_KIND, .file_name = "at an owner's request", .sha256 = sha,
                     .snapshot = "", .options = opts};
    sl_status s = sl_store_begin(st, err);
    if (!s) s = sl_store_add_source(st, &src, err);
    e.source_id = src.id;
    if (!s) s = sl_store_add_exclusion(st, &e, err);
    if (!s) s = sl_store_drop_points(st, "posts", drop_inside, &e, src.id, &res->withheld_posts, err);
    if (!s) s = sl_store_drop_points(st, "cameras", drop_inside, &e, src.id, &res->withheld_cameras, err);
    if (s) {
        sl_store_rollback(st);
        return s;
    }
    res->pending_id = src.id;
    res->stored_radius_m = e.radius_m;
    return SL_OK;
}

sl_status sl_ingest_exclusion_commit(sl_store *st, sl_exclusion_result *res, sl_error *err)
{
    if (sl_store_commit(st, err)) {
        sl_store_rollback(st);
        return err->status;
    }
    res->source_id = res->pending_id;
    /* her points' bytes out of the files too (PostgreSQL keeps deleted rows until a rewrite) */
    return sl_store_scrub(st, "point_chunks", "point_chunks", "the exclusion", err);
}

sl_status sl_ingest_exclusion(sl_store *st, double lat, double lon, double radius_m, sl_exclusion_result *res,
                              sl_error *err)
{
    sl_status s = sl_ingest_exclusion_prepare(st, lat, lon, radius_m, res, err);
    return s ? s : sl_ingest_exclusion_commit(st, res, err);
}
