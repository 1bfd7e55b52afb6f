/*
** collect_disparity.c — the audit's demographic disparity: who lives where
** the police requests and the cameras are, per area set with demographics.
**
** The draws (bootstrap and placebo) are most of the step's time and touch
** no store, so the step is in three: "police requests", before the other
** steps, reads the requests' inputs from the store and starts their draws on
** a thread of their own; "camera draws", right after the areas, does the
** same for the cameras (located once with the posts' join, collect_cameras.c);
** the other steps (which read the store) run meanwhile; "disparity draws" waits
** for them and puts the figures in the summary, in the order they were
** always in. The figures are those of sl_analysis_disparity, byte for byte.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"
#include "sightline/store/store_layers.h"

#include <stdlib.h>
#include <string.h>

struct audit_draw {
    sl_disparity_job *job;
    char *set;          /* owned */
    const char *events; /* a literal */
    audit_task task;
    json_t *result;
    sl_status st;
    sl_error err;
};

/* Put the disparity's per-area location quotients on the set's map features;
** a result of few events puts its caveat under map.cautions[lq_EVENTS], for
** the legend of a map coloured by those quotients, and EVENTS in
** map.too_few: figures the page calls too few to quote are no colouring
** the map opens with (report.js). A map of 20 police requests' quotients
** opened so (run of 2026-12-06, NYC tracts). */
static void lq_onto_map(audit *a, const char *set, const char *events, json_t *r)
{
    size_t i;
    json_t *m;
    char key[64];
    snprintf(key, sizeof key, "lq_%s", events);
    if (sl_disparity_too_few(sl_json_int(r, "events"))) { /* in any set: the map shows them all */
        json_t *few = json_object_get(a->map, "too_few"), *e;
        if (!few) sl_jset(a->map, "too_few", few = json_array(), &a->bad);
        int listed = 0;
        json_array_foreach(few, i, e) listed |= !strcmp(json_string_value(e), events);
        if (!listed) sl_jpush(few, json_string(events), &a->bad);
    }
    json_t *caveat = json_object_get(r, "caveat");
    if (caveat) {
        json_t *all = json_object_get(a->map, "cautions");
        if (!all) sl_jset(a->map, "cautions", all = json_object(), &a->bad);
        json_t *list = json_object_get(all, key);
        if (!list) sl_jset(all, key, list = json_array(), &a->bad);
        sl_jpush(list, json_pack("{s:s, s:O}", "set", set, "text", caveat), &a->bad);
    }
    json_array_foreach(json_object_get(a->map, "areas"), i, m) {
        if (strcmp(json_string_value(json_object_get(m, "set")), set) != 0) continue;
        json_t *features = json_object_get(json_object_get(m, "features"), "features");
        json_t *rows = json_object_get(r, "areas");
        for (size_t k = 0; k < json_array_size(rows) && k < json_array_size(features); k++) {
            json_t *props = json_object_get(json_array_get(features, k), "properties"), *row = json_array_get(rows, k);
            json_object_set(props, key, json_object_get(row, "lq"));
            sl_privacy_withhold_as(props, key, row, "lq");
        }
    }
}

/* The text filters' per-area counts (filter_NAME) moved after the location
** quotients: they ran while the draws did, yet the columns of the map, the
** CSV and the GIS layers keep the order readers have always had. */
static void filters_last(json_t *props)
{
    json_t *moved = json_object();
    const char *key;
    json_t *v;
    void *tmp;
    if (!moved) return;
    json_object_foreach_safe(props, tmp, key, v) {
        if (strncmp(key, "filter_", 7) != 0) continue;
        json_object_set(moved, key, v);
        json_object_del(props, key);
    }
    json_object_update(props, moved);
    json_decref(moved);
}

static void filters_last_in(audit *a, const char *set)
{
    size_t i, k;
    json_t *m, *f;
    json_array_foreach(json_object_get(a->map, "areas"), i, m) {
        if (strcmp(json_string_value(json_object_get(m, "set")), set) != 0) continue;
        json_array_foreach(json_object_get(json_object_get(m, "features"), "features"), k, f)
            filters_last(json_object_get(f, "properties"));
    }
}

static void *run_draw(void *arg)
{
    audit_draw *d = arg;
    d->st = sl_analysis_disparity_finish(d->job, &d->result, &d->err);
    return NULL;
}

/* Read the inputs of one disparity from the store and start its draws; a
** set whose areas carry no group's figures is passed over (the requests'
** are gathered before the areas are known; the disparity step passes over
** such a set too). */
static sl_status gather_one(audit *a, const char *set, const char *events, sl_error *err)
{
    /* each draw where it is while its thread runs: the list holds pointers */
    audit_draw **grown = realloc(a->draws, (a->n_draws + 1) * sizeof *grown);
    if (!grown) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    a->draws = grown;
    audit_draw *d = calloc(1, sizeof *d);
    if (d) d->set = strdup(set);
    if (!d || !d->set) {
        free(d);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    d->events = events;
    /* a state's report: the areas of its states only, so the baseline is theirs too */
    sl_disparity_query q = {.events = events, .set = d->set, .states = a->scope, .baseline = "areas",
                            .seed = a->o.seed, .bootstrap = a->o.bootstrap, .permutations = a->o.bootstrap,
                            .by_place = a->o.by_place};
    sl_camera_locations located;
    sl_status s = SL_OK;
    /* the cameras located in the whole set are numbered by its areas: a state's report places its own */
    if (strcmp(events, "cameras") == 0 && !a->scope && !(s = sl_audit_cameras_in(a, set, &located, err)))
        q.cameras = &located;
    if (!s) s = sl_analysis_disparity_gather(a->st, &q, &d->job, err);
    if (!s && !sl_disparity_job_has_groups(d->job)) {
        sl_disparity_job_free(d->job);
        d->job = NULL;
    }
    if (s || !d->job) {
        free(d->set);
        free(d);
        return s;
    }
    a->draws[a->n_draws++] = d;
    sl_audit_task_start(&d->task, run_draw, d);
    return SL_OK;
}

/* 1 in *YES when an import brought requests: a file of them, or a `synth
** --layer requests` run (kind "synthetic"), whose draws the report must
** show as it marks them invented, not skip as "no requests supplied". */
sl_status sl_audit_have_requests(audit *a, int *yes, sl_error *err)
{
    sl_source_list l;
    *yes = 0;
    if (a->point_scope) { /* a state's report: the requests it kept (collect_scope.c) */
        *yes = a->n_scope_requests > 0;
        return SL_OK;
    }
    sl_status s = sl_store_load_sources(a->st, NULL, &l, err);
    for (size_t i = 0; !s && i < l.count && !*yes; i++) {
        const sl_source *src = &l.items[i];
        const char *made[2];
        *yes = !strcmp(src->kind, "requests") || (sl_source_invented(src, made) && made[0] && !strcmp(made[0], "requests"));
    }
    if (!s) sl_source_list_free(&l);
    return s;
}

static int with_demographics(json_t *entry) { return json_is_true(json_object_get(entry, "demographics")); }

static audit_draw *find_draw(audit *a, const char *set, const char *events)
{
    for (size_t i = 0; i < a->n_draws; i++)
        if (strcmp(a->draws[i]->set, set) == 0 && strcmp(a->draws[i]->events, events) == 0) return a->draws[i];
    return NULL;
}

/* The requests need neither posts nor cameras: their draws start before
** any other step, for every area set (a set without demographics is not
** started), and fill whatever core the later steps leave idle. */
sl_status sl_audit_request_draws(audit *a, sl_error *err)
{
    int requests;
    sl_status s = sl_audit_have_requests(a, &requests, err);
    if (s || !requests) return s;
    if ((s = sl_audit_requests_span(a, err))) return s;
    sl_arena arena = {0};
    const char **sets;
    size_t n;
    s = sl_store_area_sets(a->st, &arena, &sets, &n, err);
    for (size_t i = 0; !s && i < n; i++)
        if (!a->scope || sl_audit_scope_set(a, sets[i])) s = gather_one(a, sets[i], "requests", err);
    sl_arena_free(&arena);
    return s;
}

static int has_cameras(audit *a)
{
    json_t *layers = json_object_get(a->summary, "layers");
    return json_integer_value(json_object_get(layers, "posts")) > 0 ||
           json_integer_value(json_object_get(layers, "cameras")) > 0;
}

/* The cameras' draws need the cameras and the areas' demographics only, so
** they start as soon as the areas step ends, and fill the core the density
** and sites steps leave idle. */
sl_status sl_audit_camera_draws(audit *a, sl_error *err)
{
    if (!has_cameras(a)) return SL_OK;
    sl_status s = SL_OK;
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(a->summary, "areas"), i, entry) {
        if (s || !with_demographics(entry)) continue;
        s = gather_one(a, json_string_value(json_object_get(entry, "set")), "cameras", err);
    }
    return s;
}

sl_status sl_audit_disparity(audit *a, sl_error *err)
{
    int cameras = has_cameras(a), requests = 0;
    sl_jset(a->summary, "disparity", json_array(), &a->bad);
    size_t i, sets = 0;
    json_t *entry;
    json_array_foreach(json_object_get(a->summary, "areas"), i, entry) {
        if (!with_demographics(entry)) continue;
        sets++;
        /* the requests' draws began first, for every such set when there are any */
        requests = requests || find_draw(a, json_string_value(json_object_get(entry, "set")), "requests");
    }
    /* a state's report: the store's requests all lie elsewhere */
    int elsewhere = !requests && sl_json_int(json_object_get(a->summary, "scope"), "requests_left_out") > 0;
    if (!sets) sl_audit_skip(a, "disparity", "the boundaries supplied carry no population by race, ethnicity or "
                                           "birthplace, which is needed to ask who lives where the cameras are");
    else if (!requests && !cameras && !elsewhere)
        sl_audit_skip(a, "disparity", "no camera locations or police requests for footage were supplied, so who "
                                      "lives near them could not be measured");
    else if (elsewhere) {
        char why[600];
        snprintf(why, sizeof why, "none of the store's police requests for footage lies in %s", a->scope_names);
        sl_audit_skip(a, "request disparity", why);
    } else if (!requests) sl_audit_skip(a, "request disparity", "no police requests for footage were supplied");
    (void)err;
    return SL_OK;
}

/* Wait for every draw still running. */
static void join_draws(audit *a)
{
    for (size_t i = 0; i < a->n_draws; i++) sl_audit_task_wait(&a->draws[i]->task);
}

/* One disparity's figures into the summary and onto the map. */
static sl_status collect_one(audit *a, audit_draw *d, sl_error *err)
{
    if (d->st) {
        *err = d->err;
        return d->st;
    }
    json_t *r = d->result;
    sl_status s = strcmp(d->events, "cameras") == 0
                      ? sl_privacy_area_rows(a, d->set, NULL, json_object_get(r, "areas"), err)
                      : SL_OK;
    if (s) return s;
    lq_onto_map(a, d->set, d->events, r); /* "set" and "events_kind" are in R already */
    sl_jpush(json_object_get(a->summary, "disparity"), json_incref(r), &a->bad);
    return SL_OK;
}

sl_status sl_audit_disparity_draws(audit *a, sl_error *err)
{
    static const char *EVENTS[2] = {"requests", "cameras"};
    join_draws(a);
    sl_status s = SL_OK;
    size_t i;
    json_t *entry;
    /* set by set, requests before cameras: the order they were always in */
    json_array_foreach(json_object_get(a->summary, "areas"), i, entry) {
        if (s || !with_demographics(entry)) continue;
        const char *set = json_string_value(json_object_get(entry, "set"));
        int any = 0;
        for (int e = 0; !s && e < 2; e++) {
            audit_draw *d = find_draw(a, set, EVENTS[e]);
            if (d) s = collect_one(a, d, err), any = 1;
        }
        if (!s && any) filters_last_in(a, set);
    }
    return s;
}

void sl_audit_draws_free(audit *a)
{
    join_draws(a);
    for (size_t i = 0; i < a->n_draws; i++) {
        sl_disparity_job_free(a->draws[i]->job);
        json_decref(a->draws[i]->result);
        free(a->draws[i]->set);
        free(a->draws[i]);
    }
    free(a->draws);
    a->draws = NULL;
    a->n_draws = 0;
}
