/*
** collect_scope.c — a state's report (audit --state) keeps the posts,
** cameras and police requests to its states before any step reads them.
**
** Every figure built on those layers (unique cameras, the hexagon map, text
** filters, joins per area, zones, cameras near sites, the disparity) is an
** analysis reading the store. Rather than teach each of them the states,
** the store is read through a scope (sl_store_set_read_scope) that sees the
** points inside the states' areas only, by the rule that keeps the sites
** (sl_point_scope: an area of a set with US FIPS ids, whose state is one of
** the report's, holds the point), and the requests that the area split puts
** at least half in those areas. So the privacy rule is applied to the
** scoped points, and no file the report writes can carry one left out.
*/
#include "report_internal.h"
#include "sightline/analysis/analyses.h"
#include "sightline/core/area.h"
#include "sightline/core/text.h"
#include "sightline/store/requests.h"
#include "sightline/store/store_layers.h"

#include <stdlib.h>
#include <string.h>

int sl_audit_scope_set(const audit *a, const char *set)
{
    size_t i;
    json_t *name;
    json_array_foreach(a->scope_sets, i, name) if (!strcmp(json_string_value(name), set)) return 1;
    return 0;
}

/* The area sets whose areas' states can be known (every id a US FIPS
** code) and that hold an area in the report's states, into a->scope_sets:
** collect_spatial.c keeps the same sets by the same test. */
static sl_status scope_sets(audit *a, sl_error *err)
{
    sl_arena arena = {0};
    const char **sets;
    size_t n;
    sl_status s = sl_store_area_sets(a->st, &arena, &sets, &n, err);
    for (size_t k = 0; !s && k < n; k++) {
        sl_area_list l;
        if ((s = sl_store_load_areas(a->st, sets[k], &l, err))) break;
        int in = 0;
        for (size_t i = 0; sl_area_list_has_states(&l) && !in && i < l.count; i++)
            in = sl_list_has(a->scope, sl_fips_state(l.items[i].id), 0);
        if (in) sl_jpush(a->scope_sets, json_string(sets[k]), &a->bad);
        sl_area_list_free(&l);
    }
    sl_arena_free(&arena);
    return s;
}

static void scope_points(void *ctx, const double *lon, const double *lat, size_t n, unsigned char *keep)
{
    sl_point_scope_mark(((const audit *)ctx)->point_scope, lon, lat, n, keep);
}

static int by_id(const void *x, const void *y)
{
    long p = *(const long *)x, q = *(const long *)y;
    return (p > q) - (p < q);
}

static int scope_request(void *ctx, const sl_request *r)
{
    const audit *a = ctx;
    return a->scope_requests && bsearch(&r->id, a->scope_requests, a->n_scope_requests, sizeof r->id, by_id) != NULL;
}

/* The requests REQS (the whole store's) that the scope keeps, as their ids. */
static sl_status keep_requests(audit *a, const sl_request_list *reqs, sl_error *err)
{
    unsigned char *keep = calloc(reqs->count + 1, 1);
    a->scope_requests = calloc(reqs->count + 1, sizeof *a->scope_requests);
    if (!keep || !a->scope_requests) {
        free(keep);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    sl_status s = sl_point_scope_requests(a->point_scope, reqs, keep, err);
    for (size_t i = 0; !s && i < reqs->count; i++)
        if (keep[i]) a->scope_requests[a->n_scope_requests++] = reqs->items[i].id;
    qsort(a->scope_requests, a->n_scope_requests, sizeof *a->scope_requests, by_id);
    free(keep);
    return s;
}

/* summary.scope's counts of a layer, and its part of the sentence. */
static void said(audit *a, const char *layer, const char *words, long all, long kept, char *text, size_t size)
{
    json_t *scope = json_object_get(a->summary, "scope");
    char key[64], n[3][32];
    sl_jset(scope, layer, json_integer(kept), &a->bad);
    snprintf(key, sizeof key, "%s_left_out", layer);
    sl_jset(scope, key, json_integer(all - kept), &a->bad);
    size_t w = strlen(text);
    snprintf(text + w, size - w, "%s%s of the store's %s %s (%s left out)", w ? ", " : "", sl_thousands(kept, n[0]),
             sl_thousands(all, n[1]), words, sl_thousands(all - kept, n[2]));
}

/* The sentence the page prints under the lead (summary.scope.points_note). */
static void note(audit *a, const long all[3], const long kept[3])
{
    char text[1400] = "", sets[300] = "";
    size_t i, w = 0;
    json_t *name;
    json_array_foreach(a->scope_sets, i, name)
        w += (size_t)snprintf(sets + w, w < sizeof sets ? sizeof sets - w : 0, "%s“%s”", i ? ", " : "",
                              json_string_value(name));
    if (all[0]) said(a, "posts", "posts", all[0], kept[0], text, sizeof text);
    if (all[1]) said(a, "cameras", "cameras", all[1], kept[1], text, sizeof text);
    if (all[2]) said(a, "requests", "police requests", all[2], kept[2], text, sizeof text);
    char out[2400];
    /* the steps take the posts' unique locations for cameras when the cameras layer holds none (here: none kept) */
    int posts_cameras = all[1] > 0 && kept[1] == 0 && kept[0] > 0;
    snprintf(out, sizeof out, "Posts, cameras and police requests are counted only where they lie in %s, by the "
             "areas of %s (US FIPS ids): %s.%s%s", a->scope_names, sets, text,
             all[2] ? " A police request counts when at least half of it lies in those areas (a point in the area "
             "holding it, a circle or polygon by its ground, split as the disparity splits it); a request with no "
             "place is left out." : "", posts_cameras ? " None of the cameras layer lies there, so the cameras counted "
             "are the posts' unique locations, as in a store without that layer." : "");
    json_t *scope = json_object_get(a->summary, "scope");
    sl_jset(scope, "point_sets", json_incref(a->scope_sets), &a->bad);
    if (all[2]) sl_jset(scope, "requests_rule", json_string("at least half of the request's area split (as "
                                                            "the disparity splits it) in the states' areas"), &a->bad);
    sl_jset(scope, "points_note", json_string(out), &a->bad);
}

sl_status sl_audit_scope_points(audit *a, sl_error *err)
{
    if (!a->scope) return SL_OK;
    long all[3] = {0}, kept[3] = {0};
    int requests = 0;
    sl_request_list reqs = {0};
    sl_status s = sl_store_count_points(a->st, "posts", NULL, &all[0], err);
    if (!s) s = sl_store_count_points(a->st, "cameras", NULL, &all[1], err);
    if (!s) s = sl_audit_have_requests(a, &requests, err);
    if (!s && requests && !(s = sl_store_load_requests(a->st, &reqs, err))) all[2] = (long)reqs.count;
    if (!s && !all[0] && !all[1] && !all[2]) return SL_OK; /* nothing but partnerships, areas and sites */
    if (!s && !(a->scope_sets = json_array())) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) s = scope_sets(a, err);
    if (!s && !json_array_size(a->scope_sets))
        s = sl_fail(err, SL_EUSAGE, NULL, 0, "--state: this store holds %s, and no area set with US FIPS ids "
                    "(counties, tracts) holds an area in %s, so which of them lie there cannot be told; nothing was "
                    "written. Import the counties (`sightline import areas ... --id id`, README) or run the audit "
                    "without --state", all[0] ? "posts" : all[1] ? "cameras" : "police requests", a->scope_names);
    const char **names = NULL;
    size_t n = json_array_size(a->scope_sets);
    if (!s && !(names = calloc(n + 1, sizeof *names))) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; !s && i < n; i++) names[i] = json_string_value(json_array_get(a->scope_sets, i));
    if (!s) s = sl_point_scope_open(a->st, names, n, a->scope, &a->point_scope, err);
    free(names);
    if (!s && all[2]) s = keep_requests(a, &reqs, err);
    sl_request_list_free(&reqs);
    if (s) return s;
    sl_read_scope view = {scope_points, scope_request, a}; /* A outlives the audit's reads: sl_audit_scope_free */
    sl_store_set_read_scope(a->st, &view);
    s = sl_store_count_points(a->st, "posts", NULL, &kept[0], err);
    if (!s) s = sl_store_count_points(a->st, "cameras", NULL, &kept[1], err);
    kept[2] = (long)a->n_scope_requests;
    if (!s) note(a, all, kept);
    return s;
}

void sl_audit_scope_free(audit *a)
{
    if (a->point_scope) sl_store_set_read_scope(a->st, NULL);
    sl_point_scope_free(a->point_scope);
    a->point_scope = NULL;
    free(a->scope_requests);
    a->scope_requests = NULL;
    a->n_scope_requests = 0;
    json_decref(a->scope_sets);
    a->scope_sets = NULL;
}
