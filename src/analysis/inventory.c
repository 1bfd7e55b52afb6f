/*
** inventory.c — what a store holds (`sightline info`), as one JSON object.
**
** A person who imported a dozen files needs to see them again — which file,
** when, with which options, how many records — to trust a figure and to undo
** a mistake (`sightline rm ID`). Before this the only way was sqlite3 and
** jq. Read-only: every figure comes through the store's own interface.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/ingest/requests.h"
#include "sightline/store/store_layers.h"

#include <string.h>

static sl_status add_sources(sl_store *st, json_t *out, sl_error *err)
{
    sl_source_list l;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    json_t *a = json_array();
    for (size_t i = 0; i < l.count; i++) {
        const sl_source *s = &l.items[i];
        json_t *opts = json_loads(s->options ? s->options : "{}", 0, NULL);
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s%, s:s, s:I, s:s, s:o, s:s?, s:s?, s:s?, s:s?}", "id",
                                           (json_int_t)s->id, "kind", s->kind, "file", s->file_name, "sha256",
                                           s->sha256, (size_t)12, "snapshot", s->snapshot, "rows",
                                           (json_int_t)s->rows, "imported_at", s->imported_at, "options",
                                           opts ? opts : json_object(), "publisher", s->publisher, "url", s->url,
                                           "licence", s->licence, "year", s->year));
    }
    sl_source_list_free(&l);
    json_object_set_new(out, "sources", a);
    return SL_OK;
}

static sl_status add_area_sets(sl_store *st, json_t *out, sl_error *err)
{
    static const char *FIGURES[5] = {"pop", "black", "hispanic", "white_nh", "foreign_born"};
    sl_arena arena = {0};
    const char **names;
    size_t n;
    json_t *a = json_array();
    json_object_set_new(out, "area_sets", a);
    sl_status s = sl_store_area_sets(st, &arena, &names, &n, err);
    for (size_t i = 0; !s && i < n; i++) {
        sl_area_set set;
        int found = 0;
        long areas, missing[5];
        s = sl_store_find_area_set(st, names[i], &arena, &set, &found, err);
        if (!s) s = sl_store_area_coverage(st, names[i], &areas, missing, err);
        if (s || !found) continue;
        json_t *miss = json_object();
        for (int f = 0; f < 5; f++) json_object_set_new(miss, FIGURES[f], json_integer(missing[f]));
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:s, s:s, s:o}", "name", set.name, "source_id",
                                           (json_int_t)set.source_id, "areas", (json_int_t)areas, "id_field",
                                           set.id_field ? set.id_field : "", "name_field",
                                           set.name_field ? set.name_field : "", "missing", miss));
    }
    sl_arena_free(&arena);
    return s;
}

static sl_status add_points(sl_store *st, json_t *out, sl_error *err)
{
    static const char *LAYERS[] = {"posts", "cameras", "sites"};
    json_t *a = json_array();
    json_object_set_new(out, "points", a);
    sl_status s = SL_OK;
    for (size_t l = 0; !s && l < sizeof LAYERS / sizeof LAYERS[0]; l++) {
        sl_arena arena = {0};
        const char **cats;
        size_t n;
        s = sl_store_point_categories(st, LAYERS[l], &arena, &cats, &n, err);
        for (size_t i = 0; !s && i < n; i++) {
            long count = 0;
            s = sl_store_count_points(st, LAYERS[l], cats[i], &count, err);
            if (!s)
                json_array_append_new(a, json_pack("{s:s, s:s, s:I}", "layer", LAYERS[l], "category", cats[i],
                                                   "points", (json_int_t)count));
        }
        sl_arena_free(&arena);
    }
    return s;
}

/* Partnership rows per snapshot, with how many link to the registry. */
static sl_status add_partnerships(sl_store *st, json_t *out, sl_error *err)
{
    sl_arena arena = {0};
    const char **dates;
    size_t n;
    json_t *a = json_array();
    json_object_set_new(out, "partnerships", a);
    sl_status s = sl_store_snapshots(st, &arena, &dates, &n, err);
    for (size_t d = 0; !s && d < n; d++) {
        sl_partnership_list rows;
        if ((s = sl_store_load_partnerships(st, dates[d], &rows, err))) break;
        long linked = 0;
        for (size_t i = 0; i < rows.count; i++) linked += rows.items[i].agency_id != 0;
        json_array_append_new(a, json_pack("{s:s, s:I, s:I}", "snapshot", dates[d], "rows", (json_int_t)rows.count,
                                           "linked", (json_int_t)linked));
        sl_partnership_list_free(&rows);
    }
    sl_arena_free(&arena);
    return s;
}

static sl_status add_agencies(sl_store *st, json_t *out, sl_error *err)
{
    sl_agency_list l;
    if (sl_store_load_agencies(st, &l, err)) return err->status;
    long located = 0;
    for (size_t i = 0; i < l.count; i++) located += l.items[i].has_location;
    json_object_set_new(out, "agencies",
                        json_pack("{s:I, s:I}", "count", (json_int_t)l.count, "located", (json_int_t)located));
    sl_agency_list_free(&l);
    return SL_OK;
}

static sl_status add_requests(sl_store *st, json_t *out, sl_error *err)
{
    sl_request_list l;
    if (sl_store_load_requests(st, &l, err)) return err->status;
    json_object_set_new(out, "requests", json_pack("{s:I}", "count", (json_int_t)l.count));
    sl_request_list_free(&l);
    return SL_OK;
}

sl_status sl_analysis_inventory(sl_store *st, json_t **out, sl_error *err)
{
    *out = json_object();
    if (!*out) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_status s = add_sources(st, *out, err);
    if (!s) s = add_agencies(st, *out, err);
    if (!s) s = add_partnerships(st, *out, err);
    if (!s) s = add_area_sets(st, *out, err);
    if (!s) s = add_points(st, *out, err);
    if (!s) s = add_requests(st, *out, err);
    if (s) {
        json_decref(*out);
        *out = NULL;
    }
    return s;
}
