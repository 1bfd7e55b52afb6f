/*
** businesses.c — the directory search (see sightline/analysis/campaign.h):
** text, category and state in the store (FTS5), "near" a point through the
** point grid of the spatial engine, "near" an area through its polygon
** (inside it, or within the radius of its edge).
*/
#include "sightline/analysis/campaign.h"
#include "sightline/core/business.h"
#include "sightline/core/json_build.h"
#include "sightline/geo/polyset.h"
#include "sightline/geo/spatial.h"
#include "sightline/store/businesses.h"
#include "sightline/store/campaign.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct collect { json_t *rows; double *lon, *lat; size_t n, cap; int near, bad; } collect;

static sl_status collect_one(const sl_business *b, void *v, sl_error *err)
{
    collect *c = v;
    if (c->near && !b->has_location) return SL_OK;
    json_t *r = sl_jok(json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)b->id,
                                 "name", b->name, "category", b->category, "address", b->address, "city", b->city,
                                 "state", b->state, "zip", b->zip, "website", b->website, "phone", b->phone,
                                 "verification", b->verification, "source", b->origin), &c->bad);
    /* the point the public may see, for the distance and "near" too: a
    ** radius narrowed step by step would find a stored point it hides */
    double lat = NAN, lon = NAN;
    int coarse = b->has_location && sl_business_public_point(b, &lat, &lon);
    sl_jset(r, "lat", b->has_location ? json_real(lat) : json_null(), &c->bad);
    sl_jset(r, "lon", b->has_location ? json_real(lon) : json_null(), &c->bad);
    if (b->has_location) sl_jset(r, "approximate", json_boolean(coarse), &c->bad);
    sl_jpush(c->rows, r, &c->bad);
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 64;
        double *lo = realloc(c->lon, ncap * sizeof *lo);
        if (lo) c->lon = lo;
        double *la = lo ? realloc(c->lat, ncap * sizeof *la) : NULL;
        if (!lo || !la) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        c->lat = la;
        c->cap = ncap;
    }
    c->lon[c->n] = lon;
    c->lat[c->n++] = lat;
    return SL_OK;
}

typedef struct hit { size_t i; double d; } hit;
typedef struct hits { hit *v; size_t n; } hits;

static void on_hit(size_t i, double d, void *ctx)
{
    hits *h = ctx;
    h->v[h->n].i = i;
    h->v[h->n++].d = d;
}

static int by_distance(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    return x->d < y->d ? -1 : x->d > y->d ? 1 : (x->i > y->i) - (x->i < y->i);
}

/* Keep only the rows of H (indices and metres), nearest first, each with
** its distance_km; frees H's array. */
static void keep_hits(collect *c, hits *h)
{
    qsort(h->v, h->n, sizeof *h->v, by_distance);
    json_t *kept = sl_jok(json_array(), &c->bad);
    for (size_t k = 0; k < h->n; k++) {
        json_t *r = json_array_get(c->rows, h->v[k].i);
        sl_jset(r, "distance_km", json_real(round(h->v[k].d) / 1000), &c->bad);
        sl_jpush(kept, json_incref(r), &c->bad);
    }
    free(h->v);
    json_decref(c->rows);
    c->rows = kept;
}

/* Keep the rows within KM of the point, nearest first, with distance_km. */
static sl_status keep_near(const sl_business_query *q, collect *c, sl_error *err)
{
    sl_point_grid *g;
    if (sl_point_grid_build(c->lon, c->lat, c->n, fmax(q->km * 1000 / 4, 250), &g, err)) return err->status;
    hits h = {malloc((c->n + 1) * sizeof *h.v), 0};
    if (!h.v) {
        sl_point_grid_free(g);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    sl_point_grid_within(g, q->lat, q->lon, q->km * 1000, on_hit, &h);
    sl_point_grid_free(g);
    keep_hits(c, &h);
    return SL_OK;
}

void sl_analysis_county_set(sl_store *st, char set[128])
{
    sl_arena a = {0};
    sl_campaign c;
    int found = 0;
    sl_error e;
    sl_error_clear(&e);
    if (!sl_store_campaign_load(st, &a, &c, &found, &e) && found && c.area_set && *c.area_set)
        snprintf(set, 128, "%s", c.area_set);
    else
        snprintf(set, 128, "counties");
    sl_arena_free(&a);
}

/* Q's area of SET as a one-area polyset (SL_EUSAGE when the set lacks it). */
static sl_status load_area(sl_store *st, const sl_business_query *q, const char *set, sl_polyset **ps, sl_error *err)
{
    sl_area_list l = {0};
    *ps = NULL;
    sl_status rc = sl_store_load_areas(st, set, &l, err);
    if (rc == SL_EDATA) { /* the set is named by the user: a usage error, naming the sets there are */
        sl_store_no_area_set(st, set, err);
        return err->status = SL_EUSAGE;
    }
    if (rc) return rc;
    size_t i = 0;
    while (i < l.count && strcmp(l.items[i].id, q->area)) i++;
    if (i == l.count) rc = sl_fail(err, SL_EUSAGE, NULL, 0, "no area '%s' in the set '%s'", q->area, set);
    else if (!(rc = sl_polyset_new(ps, err))) rc = sl_polyset_add_wkb(*ps, q->area, l.items[i].wkb, l.items[i].wkb_len, err);
    sl_area_list_free(&l);
    if (rc) sl_polyset_free(*ps), *ps = NULL;
    return rc;
}

/* Keep the rows inside the area or within KM of its edge, nearest first. A
** point farther than KM from the area's box (in latitude, or in longitude
** at the point's latitude) is skipped without measuring. */
static sl_status keep_near_area(const sl_business_query *q, const sl_polyset *ps, collect *c, sl_error *err)
{
    hits h = {malloc((c->n + 1) * sizeof *h.v), 0};
    if (!h.v) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    double box[4], dlat = q->km / 110.5;
    sl_polyset_bounds(ps, 0, box);
    for (size_t i = 0; i < c->n; i++) {
        double lon = c->lon[i], lat = c->lat[i], coslat = cos(lat * 3.14159265358979323846 / 180);
        if (lat < box[1] - dlat || lat > box[3] + dlat) continue;
        if (coslat > 0.01 && box[2] - box[0] < 180 &&
            (lon < box[0] - dlat / coslat || lon > box[2] + dlat / coslat))
            continue;
        double d = sl_polyset_distance_km(ps, 0, lon, lat);
        if (d <= q->km) h.v[h.n].i = i, h.v[h.n++].d = d * 1000;
    }
    keep_hits(c, &h);
    return SL_OK;
}

sl_status sl_analysis_businesses(sl_store *st, const sl_business_query *q, json_t **out, sl_error *err)
{
    *out = NULL;
    int by_area = q->near && q->area;
    if (q->near && !by_area && !sl_point_placed(q->lon, q->lat))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "near wants a latitude and longitude, or an area");
    if (q->near && (!(q->km > 0) || q->km > SL_NEAR_KM_MAX))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "near wants a radius of more than 0 and at most 20,000 km");
    char set[128] = "";
    sl_polyset *ps = NULL;
    if (by_area) {
        if (q->set && *q->set) snprintf(set, sizeof set, "%s", q->set);
        else sl_analysis_county_set(st, set);
        if (load_area(st, q, set, &ps, err)) return err->status;
    }
    collect c = {.near = q->near};
    c.rows = sl_jok(json_array(), &c.bad);
    sl_business_filter f = {q->text, q->category, q->state};
    sl_status rc = c.bad ? SL_OK : sl_store_businesses_each(st, &f, collect_one, &c, err);
    if (!rc && by_area) rc = keep_near_area(q, ps, &c, err);
    else if (!rc && q->near) rc = keep_near(q, &c, err);
    sl_polyset_free(ps);
    free(c.lon);
    free(c.lat);
    if (rc) {
        json_decref(c.rows);
        return rc;
    }
    int bad = c.bad;
    *out = sl_jok(json_object(), &bad);
    json_t *query = sl_jok(json_object(), &bad);
    sl_jset(query, "text", q->text ? json_string(q->text) : json_null(), &bad);
    sl_jset(query, "category", q->category ? json_string(q->category) : json_null(), &bad);
    sl_jset(query, "state", q->state ? json_string(q->state) : json_null(), &bad);
    if (by_area)
        sl_jset(query, "near", sl_jok(json_pack("{s:s, s:s, s:f}", "set", set, "area", q->area, "km", q->km), &bad),
                &bad);
    else if (q->near)
        sl_jset(query, "near", sl_jok(json_pack("{s:f, s:f, s:f}", "lat", q->lat, "lon", q->lon, "km", q->km), &bad),
                &bad);
    sl_jset(*out, "query", query, &bad);
    sl_jset(*out, "count", json_integer((json_int_t)json_array_size(c.rows)), &bad);
    sl_jset(*out, "businesses", c.rows, &bad);
    return sl_json_built(out, bad, err);
}
