/*
** api.c — the JSON API (see api.h): a parameter list, a query struct built
** with the CLI's rules (analysis/params.h and the analyses' own checks),
** the analysis, and its result dumped as the CLI dumps it.
*/
#include "sightline/web/api.h"
#include "web_internal.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/params.h"
#include "sightline/analysis/privacy.h"
#include "sightline/analysis/tracker.h"
#include "sightline/core/json.h"
#include "sightline/report/report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_TYPE "application/json; charset=utf-8"
#define GEOJSON_TYPE "application/geo+json; charset=utf-8"

/* What one path computes: a JSON result (*out, dumped with *flags) or, for
** GeoJSON written by the report layer, the text itself (*text). MEMO and
** IDENT (the store's state) come from the caller, for density. */
typedef struct answer {
    json_t *out;
    size_t flags;
    char *text;
    size_t len;
    sl_web_api_memo *memo;
    const char *ident;
} answer;

typedef sl_status (*route_fn)(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                              sl_error *err);

static sl_status need(const sl_web_query *q, const char *name, const char **v, sl_error *err)
{
    *v = sl_web_query_get(q, name);
    return *v ? SL_OK : sl_fail(err, SL_EUSAGE, NULL, 0, "query parameter '%s' is required", name);
}

static sl_status info_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a, sl_error *err)
{
    (void)q, (void)exact, (void)tail;
    /* Not who imported what: /api/info answers every client the server
    ** lets in, not only this machine's (sl_web_api_local_only), and is
    ** cached by path for all of them; a user name is personal data the
    ** dashboard does not need, and the campaign's live totals would tell
    ** whoever watches them the moment a person signs or confirms (the
    ** public counts are /api/campaign/counts, hourly). `sightline info`
    ** shows both to the store's own users. */
    return sl_analysis_inventory(st, 0, &a->out, err);
}

/* The tracker's filters of Q, by the names --json's "query" gives them. */
static sl_tracker_query tracker_query(const sl_web_query *q)
{
    return (sl_tracker_query){.tech = sl_web_query_get(q, "tech"),   .state = sl_web_query_get(q, "state"),
                              .type = sl_web_query_get(q, "type"),   .county = sl_web_query_get(q, "county"),
                              .since = sl_web_query_get(q, "since"), .until = sl_web_query_get(q, "until"),
                              .snapshot = sl_web_query_get(q, "snapshot"), .by = sl_web_query_get(q, "by")};
}

static sl_status partnerships_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                                 sl_error *err)
{
    (void)exact, (void)tail;
    sl_tracker_query t = tracker_query(q);
    a->flags = SL_TRACKER_JSON_FLAGS;
    return sl_tracker_run(st, &t, &a->out, err);
}

/* Each row's link to the registry (`partnerships --links`), with the
** counties of set `areas` each row names: the page lists a county's
** agencies from it. */
static sl_status links_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                          sl_error *err)
{
    (void)exact, (void)tail;
    sl_tracker_query t = {.tech = sl_web_query_get(q, "tech"), .snapshot = sl_web_query_get(q, "snapshot")};
    a->flags = SL_TRACKER_JSON_FLAGS;
    return sl_tracker_links(st, &t, sl_web_query_get(q, "method"), sl_web_query_get(q, "areas"), &a->out, err);
}

static sl_status diff_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a, sl_error *err)
{
    (void)exact, (void)tail;
    const char *from, *to;
    if (need(q, "from", &from, err) || need(q, "to", &to, err)) return err->status;
    a->flags = SL_TRACKER_JSON_FLAGS;
    return sl_tracker_diff_states(st, from, to, sl_web_query_get(q, "tech"), sl_web_query_get(q, "state"), &a->out,
                                  err);
}

/* 1 in *YES for published=1: a figure as the report publishes it
** (sl_report_*_published), the same bytes to every client. WHAT names it
** in a refusal; each of FIXED with it is refused: another value is one
** more view of the same exact counts, and views compared give what the
** report withholds. */
static sl_status published_asked(const sl_web_query *q, const char *const *fixed, const char *what, int *yes,
                                 sl_error *err)
{
    const char *p = sl_web_query_get(q, "published");
    *yes = p && !strcmp(p, "1");
    if (p && !*yes && strcmp(p, "0")) return sl_fail(err, SL_EUSAGE, NULL, 0, "published is 0 or 1, not '%s'", p);
    for (size_t i = 0; *yes && fixed[i]; i++)
        if (sl_web_query_get(q, fixed[i]))
            return sl_fail(err, SL_EUSAGE, NULL, 0, "published=1 is %s: drop %s (other values answer only on the "
                           "machine running sightline serve)", what, fixed[i]);
    return SL_OK;
}

static sl_status join_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a, sl_error *err)
{
    (void)exact, (void)tail;
    /* one thread: the server's pool already runs requests side by side */
    sl_join_query j = {.category = sl_web_query_get(q, "category"), .where = sl_web_query_get(q, "where"),
                       .threads = 1};
    if (need(q, "points", &j.layer, err) || need(q, "areas", &j.set, err)) return err->status;
    /* a category's or a text's matches in an area: one more view of its count */
    static const char *const FIXED[] = {"category", "where", NULL};
    int published;
    if (published_asked(q, FIXED, "the report's count per area, of every post or camera", &published, err))
        return err->status;
    if (published) return sl_report_join_published(st, j.set, j.layer, &a->out, err);
    /* a layer never imported is said, as `join` says it, not answered with
    ** a table of zeros that reads as a finding (requests: the analysis says) */
    if (strcmp(j.layer, "requests") && sl_analysis_need_points(st, j.layer, err)) return err->status;
    return sl_analysis_join(st, &j, &a->out, err);
}

static sl_status near_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a, sl_error *err)
{
    (void)exact, (void)tail;
    const char *text;
    double radius;
    if (need(q, "radius", &text, err) || sl_param_metres(text, "radius", &radius, err)) return err->status;
    /* the report's table covers the sites it measures, every category: a
    ** choice of them is made from its rows */
    static const char *const FIXED[] = {"sites", "areas", NULL};
    int published;
    if (published_asked(q, FIXED, "the report's count of cameras near each site it measures", &published, err))
        return err->status;
    if (published) return sl_report_near_published(st, radius, &a->out, err);
    /* `near --areas SET`; the dashboard of a city's store gives its local
    ** sets (/api/info's local_areas), comma-separated */
    const char *areas = sl_web_query_get(q, "areas"), *sets[8];
    char names[512];
    size_t n = 0;
    if (areas && strlen(areas) >= sizeof names)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "areas: at most %zu characters", sizeof names - 1);
    snprintf(names, sizeof names, "%s", areas ? areas : "");
    char *save = NULL;
    for (char *t = strtok_r(names, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (n == sizeof sets / sizeof *sets)
            return sl_fail(err, SL_EUSAGE, NULL, 0, "areas: at most %zu sets", sizeof sets / sizeof *sets);
        sets[n++] = t;
    }
    sl_near_sites which = {sl_web_query_get(q, "sites"), sets, n, NULL};
    return sl_analysis_near_radii(st, NULL, &which, &radius, 1, &a->out, err);
}

static sl_status zone_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a, sl_error *err)
{
    (void)exact, (void)tail;
    const char *circle = sl_web_query_get(q, "circle"), *bbox = sl_web_query_get(q, "bbox");
    sl_zone z;
    if (!circle == !bbox) return sl_fail(err, SL_EUSAGE, NULL, 0, "give exactly one of circle, bbox");
    if ((circle ? sl_zone_parse_circle(circle, "circle", &z, err) : sl_zone_parse_bbox(bbox, "bbox", &z, err)) ||
        sl_analysis_need_points(st, "cameras,posts", err)) /* as `zone` does: no 0s from an empty store */
        return err->status;
    return sl_analysis_zone(st, &z, 0, &a->out, err);
}

/* The density map of BINS (LAYER at edge HEX, threshold K; only the cells
** meeting BOX when not NULL) into a->text. */
static sl_status density_text(const sl_privacy_bins *bins, const char *layer, double hex, unsigned k,
                              const double *box, answer *a, sl_error *err)
{
    sl_status s;
    FILE *mem = open_memstream(&a->text, &a->len);
    if (!mem) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory writing the density map");
    else s = sl_report_density_map(bins, layer, hex, k, box, NULL, mem, err);
    if (mem && fclose(mem) && !s) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory writing the density map");
    return s;
}

static sl_status density_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                            sl_error *err)
{
    (void)tail;
    const char *text, *layer = sl_web_query_get(q, "points"), *bbox = sl_web_query_get(q, "bbox");
    double hex;
    sl_zone z = {0};
    if (need(q, "hex", &text, err) || sl_param_metres(text, "hex", &hex, err) ||
        sl_privacy_check_hex("hex", hex, exact, err) || (bbox && sl_zone_parse_bbox(bbox, "bbox", &z, err)) ||
        sl_analysis_need_points(st, layer ? layer : "posts", err)) /* as `density`: an empty map reads as a finding */
        return err->status;
    double box[4] = {z.w, z.s, z.e, z.n}, *bp = bbox ? box : NULL;
    unsigned k = exact ? 1 : SL_WEB_DENSITY_K;
    sl_privacy_bins bins;
    sl_status s;
    if (!a->memo || !a->ident) {
        if ((s = sl_analysis_density(st, layer ? layer : "posts", hex, k, exact, &bins, NULL, err))) return s;
        s = density_text(&bins, layer ? layer : "posts", hex, k, bp, a, err);
        sl_privacy_bins_free(&bins);
        return s;
    }
    return sl_web_density_memo_text(a->memo, st, a->ident, layer ? layer : "posts", hex, k, exact, bp, &a->text,
                                     &a->len, err);
}

static sl_status disparity_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                              sl_error *err)
{
    (void)exact, (void)tail;
    sl_disparity_query d = {.baseline = sl_web_query_get(q, "baseline"), .groups = sl_web_query_get(q, "groups")};
    const char *seed = sl_web_query_get(q, "seed"), *by_place = sl_web_query_get(q, "by_place");
    double v;
    if (need(q, "events", &d.events, err) || need(q, "areas", &d.set, err)) return err->status;
    /* another seed, baseline, group list or weighting: another view of the same exact counts */
    static const char *const FIXED[] = {"baseline", "groups", "seed", "by_place", NULL};
    int published;
    if (published_asked(q, FIXED, "the report's disparity, at the report's parameters", &published, err))
        return err->status;
    if (published && strcmp(d.events, "cameras"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "published=1 is the report's disparity of cameras (posts grouped "
                       "into cameras): events=cameras, not '%s'", d.events);
    if (published) return sl_report_disparity_published(st, d.set, &a->out, err);
    if (by_place && strcmp(by_place, "0") && strcmp(by_place, "1"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "by_place is 0 or 1, not '%s'", by_place);
    d.by_place = by_place && !strcmp(by_place, "1"); /* as disparity --by-place */
    /* a baseline is areas or one the store holds, by its name: the analysis
    ** opens no file, so a path from a URL is only a name it lacks */
    if (seed) {
        if (sl_param_whole(seed, "seed", 1, 1e9, &v, err)) return err->status;
        d.seed = (unsigned long)v;
    }
    return sl_analysis_disparity(st, &d, &a->out, err);
}

static sl_status areas_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                          sl_error *err)
{
    (void)q, (void)exact;
    size_t n = strlen(tail);
    if (n <= 8 || strcmp(tail + n - 8, ".geojson"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "an area map is /api/areas/SET.geojson");
    char set[256];
    snprintf(set, sizeof set, "%.*s", (int)(n - 8), tail);
    a->flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9); /* 5 decimals of a degree */
    return sl_report_area_map(st, set, &a->out, err);
}

static sl_status layers_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                           sl_error *err)
{
    (void)q, (void)exact;
    size_t n = strlen(tail);
    if (n <= 8 || strcmp(tail + n - 8, ".geojson"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "a point layer is /api/layers/sites.geojson or agencies.geojson");
    char layer[64];
    snprintf(layer, sizeof layer, "%.*s", (int)(n - 8 < 63 ? n - 8 : 63), tail);
    a->flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10);
    return sl_report_point_layer(st, layer, &a->out, err);
}

/* The partnered agencies the figures of /api/partnerships count under the
** same filters, at their registry location: the map's dots follow the
** page's filters by the tracker's rule, not one of their own. */
static sl_status agencies_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                             sl_error *err)
{
    (void)exact, (void)tail;
    sl_tracker_query t = tracker_query(q);
    a->flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10);
    return sl_report_agency_layer(st, &t, &a->out, err);
}

static sl_status server_fn(sl_store *st, const sl_web_query *q, int exact, const char *tail, answer *a,
                           sl_error *err)
{
    (void)st, (void)q, (void)tail, (void)err;
    a->out = json_pack("{s:s, s:b, s:i}", "version", SL_VERSION, "exact", exact, "k", exact ? 1 : SL_WEB_DENSITY_K);
    return a->out ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
}

static const struct route {
    const char *path; /* exact path, or a prefix ending in '/' */
    route_fn fn;
    const char *params[9];
    int geojson;
} ROUTES[] = {
    {"/api/info", info_fn, {NULL}, 0},
    {"/api/partnerships", partnerships_fn, {"tech", "state", "type", "since", "until", "by", "snapshot", NULL}, 0},
    {"/api/partnerships/links", links_fn, {"tech", "method", "snapshot", "areas", NULL}, 0},
    {"/api/partnerships/diff", diff_fn, {"from", "to", "tech", "state", NULL}, 0},
    {"/api/join", join_fn, {"points", "areas", "category", "where", "published", NULL}, 0},
    {"/api/near", near_fn, {"sites", "radius", "areas", "published", NULL}, 0},
    {"/api/zone", zone_fn, {"circle", "bbox", NULL}, 0},
    {"/api/density", density_fn, {"points", "hex", "bbox", NULL}, 1},
    {"/api/disparity", disparity_fn, {"events", "areas", "baseline", "groups", "seed", "by_place", "published", NULL}, 0},
    {"/api/areas/", areas_fn, {NULL}, 1},
    /* before the prefix below, which then answers sites.geojson alone */
    {"/api/layers/agencies.geojson", agencies_fn, {"tech", "state", "type", "since", "until", "snapshot", NULL}, 1},
    {"/api/layers/", layers_fn, {NULL}, 1},
    {"/api/server", server_fn, {NULL}, 0},
};

static const struct route *find(const char *path)
{
    for (size_t i = 0; i < sizeof ROUTES / sizeof *ROUTES; i++) {
        size_t n = strlen(ROUTES[i].path);
        if (ROUTES[i].path[n - 1] == '/' ? !strncmp(path, ROUTES[i].path, n) && path[n] && !strchr(path + n, '/')
                                         : !strcmp(path, ROUTES[i].path))
            return &ROUTES[i];
    }
    return NULL;
}

void sl_web_api_not_found(char *buf, size_t cap)
{
    size_t n = (size_t)snprintf(buf, cap, "no such path: the page is at /; the API's paths are");
    for (size_t i = 0; i < sizeof ROUTES / sizeof *ROUTES && n < cap; i++) {
        const char *p = ROUTES[i].path;
        n += (size_t)snprintf(buf + n, cap - n, "%s %s%s", i ? "," : "", p,
                              p[strlen(p) - 1] != '/' ? "" : strcmp(p, "/api/layers/") ? "SET.geojson" : "sites.geojson");
    }
    if (n + 1 < cap) snprintf(buf + n, cap - n, ".");
}

/* 1 when Q names the posts or cameras, which POINTS does by default (DEF). */
static int of_homes(const char *points, int def)
{
    return points ? !strcmp(points, "posts") || !strcmp(points, "cameras") : def;
}

/* 1 when Q asks for a density map of posts or cameras at an edge off the
** published ladder (privacy.h); an edge that does not parse is the
** handler's 400. */
static int density_off_ladder(const sl_web_query *q)
{
    const char *text = sl_web_query_get(q, "hex");
    double hex;
    sl_error e;
    return of_homes(sl_web_query_get(q, "points"), 1) && text && !sl_param_metres(text, "hex", &hex, &e) &&
           !sl_privacy_hex_published(hex);
}

const char *sl_web_api_local_only(const char *path, const sl_web_query *q)
{
    const char *points = sl_web_query_get(q, "points");
    /* published=1 is the report's figures (the handlers refuse the rest) */
    const char *published = sl_web_query_get(q, "published");
    int report = published && !strcmp(published, "1");
    if (!strcmp(path, "/api/near") && !report)
        return "Exact counts of cameras near each site and their distances answer only on the machine running sightline "
               "serve (started without --exact), never to a request a proxy forwarded. The report of sightline audit "
               "publishes the cameras within 80 m and 400 m of each site with counts under 5 withheld: ask "
               "/api/near?radius=400&published=1 for it.";
    if (!strcmp(path, "/api/zone"))
        return "Exact counts and distances of cameras and posts answer only on the machine running sightline serve "
               "(started without --exact), never to a request a proxy forwarded; the report of sightline audit publishes "
               "them privacy-suppressed.";
    if (!strcmp(path, "/api/join") && of_homes(points, 0) && !report)
        return "Exact counts of cameras and posts per area answer only on the machine running sightline serve (started "
               "without --exact), never to a request a proxy forwarded. The report of sightline audit publishes them with "
               "each count under 5 camera locations withheld: ask /api/join?points=posts&areas=SET&published=1 for it.";
    /* each area's events and location quotient: its count of cameras, exact */
    if (!strcmp(path, "/api/disparity") && of_homes(sl_web_query_get(q, "events"), 0) && !report)
        return "A disparity of posts or cameras gives each area's exact count: such figures answer only on the machine "
               "running sightline serve (started without --exact), never to a request a proxy forwarded. The report "
               "of sightline audit publishes the cameras' disparity with counts under 5 withheld: ask "
               "/api/disparity?events=cameras&areas=SET&published=1 for it.";
    if (!strcmp(path, "/api/density") && density_off_ladder(q))
        return "Density hexagons of posts and cameras answer elsewhere only at an edge of 1, 2.5 or 5 times a power of "
               "ten metres (100, 250, 500, 1000, 2500, 5000... as the dashboard offers): two maps whose edges differ "
               "by a little, subtracted, place single cameras. Other edges answer only on the machine running "
               "sightline serve (started without --exact).";
    return NULL;
}

int sl_web_api_known(const char *path)
{
    return find(path) != NULL;
}

void sl_web_reply_error(sl_web_reply *r, int status, const char *msg)
{
    json_t *j = json_pack("{s:s}", "error", msg);
    r->status = status;
    r->type = JSON_TYPE;
    r->body = j ? sl_json_dump_text(j, JSON_COMPACT, &r->len) : NULL;
    if (!r->body) r->len = 0;
    json_decref(j);
}

/* The layers an answer of PATH rests on, as the command's (cli_out.layers):
** its figures are marked when `sightline synth` invented some of them, so
** the answer stays the bytes of the command's --json. NULL: none. */
static const char *layers_of(const char *path, const sl_web_query *q)
{
    const char *events = sl_web_query_get(q, "events");
    if (!strcmp(path, "/api/join")) return sl_web_query_get(q, "points");
    if (!strcmp(path, "/api/near") || !strcmp(path, "/api/zone")) return "posts,cameras";
    if (!strcmp(path, "/api/disparity")) return events && !strcmp(events, "cameras") ? "posts,cameras" : events;
    if (!strncmp(path, "/api/partnerships", 17)) return "agencies,partnerships";
    return NULL;
}

/* RESULT marked as resting on invented rows of LAYERS, if any. */
static void mark_synthetic(sl_store *st, const char *layers, json_t *result, sl_error *err)
{
    json_t *made = NULL;
    if (!layers || !json_is_object(result) || sl_analysis_synth_sources(st, layers, &made, err)) return;
    if (sl_analysis_synth_mark(result, made)) sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    json_decref(made);
}

/* The HTTP status of a failed answer: the caller's mistake (a bad value, a
** set or category the store lacks) is 400; a store that cannot be read
** (removed, replaced, locked) is 503; running out of memory 500. */
static int status_of(sl_status s)
{
    return s == SL_EUSAGE || s == SL_EDATA ? 400 : s == SL_EIO ? 503 : 500;
}

void sl_web_api_answer(sl_web_pool *pool, const char *ident, sl_web_api_memo *memo, int exact, const char *path,
                       const sl_web_query *q, sl_web_reply *r)
{
    const struct route *rt = find(path);
    memset(r, 0, sizeof *r);
    if (!rt) {
        char msg[512];
        sl_web_api_not_found(msg, sizeof msg);
        sl_web_reply_error(r, 404, msg);
        return;
    }
    sl_error err;
    sl_error_clear(&err);
    answer a = {NULL, SL_JSON_RESULT_FLAGS, NULL, 0, memo, ident};
    sl_store *st = NULL;
    if (sl_web_query_only(q, rt->params, &err) == SL_OK && sl_web_pool_get(pool, &st, &err) == SL_OK &&
        sl_store_read_begin(st, &err) == SL_OK)
        if (rt->fn(st, q, exact, path + strlen(rt->path), &a, &err) == SL_OK) mark_synthetic(st, layers_of(path, q), a.out, &err);
    sl_web_pool_put(pool, st);
    if (!err.status && !a.out && !a.text) sl_fail(&err, SL_ENOMEM, NULL, 0, "out of memory building the result");
    if (err.status) {
        json_decref(a.out);
        free(a.text);
        /* the message alone: the store's path on the server's disk is no business of a browser */
        sl_web_reply_error(r, status_of(err.status), err.msg);
        return;
    }
    r->status = 200;
    r->type = rt->geojson ? GEOJSON_TYPE : JSON_TYPE;
    if (a.text) {
        r->body = a.text, r->len = a.len;
    } else {
        r->body = sl_json_dump_text(a.out, a.flags, &r->len);
        json_decref(a.out);
        if (!r->body) sl_web_reply_error(r, 500, "out of memory writing the result");
    }
}
