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
#include "sightline/store/baseline.h"
#include "sightline/store/businesses.h"
#include "sightline/store/campaign.h"
#include "sightline/store/exclusions.h"
#include "sightline/store/store_layers.h"
#include "sightline/core/json.h"
#include "sightline/core/json_build.h"
#include "sightline/core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* S as a JSON string. A file name is bytes: one that is not UTF-8 (a
** latin-1 "café.csv") is shown with those bytes as \xNN rather than
** leaving its import out of the list, where nobody could find the id to
** remove it. NULL: JSON null. */
static json_t *text(const char *s, int *bad)
{
    if (!s) return json_null();
    if (sl_utf8_valid(s, strlen(s))) return sl_jok(json_string(s), bad);
    char *e = sl_term_escaped(s);
    json_t *j = e ? json_string(e) : NULL;
    free(e);
    return sl_jok(j, bad);
}

static sl_status add_sources(sl_store *st, int people, json_t *out, int *bad, sl_error *err)
{
    sl_source_list l;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    json_t *a = sl_jok(json_array(), bad);
    for (size_t i = 0; i < l.count; i++) {
        const sl_source *s = &l.items[i];
        json_t *opts = json_loads(s->options ? s->options : "{}", 0, NULL);
        /* whole, as `partnerships --json` and summary.json give it: a
        ** script compares it with sha256sum of the file it means to import
        ** (the table prints the first 12 characters) */
        const char *sha = s->sha256 ? s->sha256 : "";
        /* null, not 0, for an import made before the count was kept */
        json_t *skipped = s->skipped >= 0 ? json_integer(s->skipped) : json_null();
        sl_jpush(a, sl_jok(json_pack("{s:I, s:o, s:o, s:s%, s:o, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
                                     "id", (json_int_t)s->id, "kind", text(s->kind, bad), "file",
                                     text(s->file_name, bad), "sha256", sha, strlen(sha), "snapshot",
                                     text(s->snapshot, bad), "rows", (json_int_t)s->rows, "skipped",
                                     sl_jok(skipped, bad), "skipped_why", text(s->skipped_why, bad), "imported_at",
                                     text(s->imported_at, bad), "imported_by", text(s->imported_by, bad), "options",
                                     opts ? opts : json_object(), "publisher", text(s->publisher, bad), "url",
                                     text(s->url, bad), "licence", text(s->licence, bad), "year", text(s->year, bad)),
                           bad),
                 bad);
        /* Who imported it names a person: the CLI's own user sees it; a
        ** served answer, which anyone the dashboard reaches may read, does
        ** not (and keeps every other byte of the CLI's, key order too). */
        json_t *row = json_array_get(a, json_array_size(a) - 1);
        if (!people) json_object_del(row, "imported_by");
        /* An owner's exclusion served: that it exists, not when she asked
        ** nor how many of her posts it withheld (the CLI's own user sees both). */
        if (!people && row && !strcmp(s->kind, SL_EXCLUSION_KIND)) {
            json_object_set_new(row, "rows", json_null());
            json_object_set_new(row, "imported_at", json_null());
            json_object_set_new(row, "options", json_object());
        }
    }
    sl_source_list_free(&l);
    sl_jset(out, "sources", a, bad);
    return SL_OK;
}

static sl_status add_area_sets(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    static const char *FIGURES[5] = {"pop", "black", "hispanic", "white_nh", "foreign_born"};
    sl_arena arena = {0};
    const char **names;
    size_t n;
    json_t *a = sl_jok(json_array(), bad);
    sl_jset(out, "area_sets", json_incref(a), bad);
    sl_status s = sl_store_area_sets(st, &arena, &names, &n, err);
    for (size_t i = 0; !s && i < n; i++) {
        sl_area_set set;
        int found = 0;
        long areas, missing[5];
        s = sl_store_find_area_set(st, names[i], &arena, &set, &found, err);
        if (!s) s = sl_store_area_coverage(st, names[i], &areas, missing, err);
        if (s || !found) continue;
        json_t *miss = sl_jok(json_object(), bad);
        for (int f = 0; f < 5; f++) sl_jset(miss, FIGURES[f], sl_jok(json_integer(missing[f]), bad), bad);
        sl_jpush(a, sl_jok(json_pack("{s:o, s:I, s:I, s:o, s:o, s:o}", "name", text(set.name, bad), "source_id",
                                     (json_int_t)set.source_id, "areas", (json_int_t)areas, "id_field",
                                     text(set.id_field ? set.id_field : "", bad), "name_field",
                                     text(set.name_field ? set.name_field : "", bad), "missing", miss),
                           bad),
                 bad);
    }
    sl_arena_free(&arena);
    json_decref(a);
    return s;
}

/* local_areas (sl_local_study) when the store's area sets are a city's or
** a county's: the dashboard offers their state's figures beside the whole
** list's (store.js). */
static sl_status add_local(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    sl_arena arena = {0};
    const char **names;
    size_t n;
    json_t *local = NULL;
    sl_status s = sl_store_area_sets(st, &arena, &names, &n, err);
    if (!s && n) s = sl_local_study(st, names, n, &local, err);
    if (local) sl_jset(out, "local_areas", local, bad);
    sl_arena_free(&arena);
    return s;
}

static sl_status add_points(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    static const char *LAYERS[] = {"posts", "cameras", "sites"};
    json_t *a = sl_jok(json_array(), bad);
    sl_jset(out, "points", json_incref(a), bad);
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
                sl_jpush(a, sl_jok(json_pack("{s:s, s:o, s:I}", "layer", LAYERS[l], "category", text(cats[i], bad),
                                             "points", (json_int_t)count), bad), bad);
        }
        sl_arena_free(&arena);
    }
    json_decref(a);
    return s;
}

/* Partnership rows per snapshot, with how many link to the registry. */
static sl_status add_partnerships(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    sl_arena arena = {0};
    const char **dates;
    size_t n;
    json_t *a = sl_jok(json_array(), bad);
    sl_jset(out, "partnerships", json_incref(a), bad);
    sl_status s = sl_store_snapshots(st, &arena, &dates, &n, err);
    for (size_t d = 0; !s && d < n; d++) {
        sl_partnership_list rows;
        if ((s = sl_store_load_partnerships(st, dates[d], &rows, err))) break;
        long linked = 0;
        for (size_t i = 0; i < rows.count; i++) linked += rows.items[i].agency_id != 0;
        sl_jpush(a, sl_jok(json_pack("{s:o, s:I, s:I}", "snapshot", text(dates[d], bad), "rows",
                                     (json_int_t)rows.count, "linked", (json_int_t)linked), bad), bad);
        sl_partnership_list_free(&rows);
    }
    sl_arena_free(&arena);
    json_decref(a);
    return s;
}

static sl_status add_agencies(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    sl_agency_list l;
    if (sl_store_load_agencies(st, &l, err)) return err->status;
    long located = 0;
    for (size_t i = 0; i < l.count; i++) located += l.items[i].has_location;
    sl_jset(out, "agencies",
            sl_jok(json_pack("{s:I, s:I}", "count", (json_int_t)l.count, "located", (json_int_t)located), bad), bad);
    sl_agency_list_free(&l);
    return SL_OK;
}

static sl_status add_requests(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    sl_request_list l;
    if (sl_store_load_requests(st, &l, err)) return err->status;
    sl_jset(out, "requests", sl_jok(json_pack("{s:I}", "count", (json_int_t)l.count), bad), bad);
    sl_request_list_free(&l);
    return SL_OK;
}

/* The baselines by the names `disparity --baseline NAME` takes: an import's
** row shows only its own, and a later one of the same name replaces it. */
static sl_status add_baselines(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    sl_arena arena = {0};
    const char **names;
    size_t n;
    json_t *a = sl_jok(json_array(), bad);
    sl_jset(out, "baselines", json_incref(a), bad);
    sl_status s = sl_store_baselines(st, &arena, &names, &n, err);
    for (size_t i = 0; !s && i < n; i++) {
        double shares[SL_GROUP_COUNT];
        char label[512];
        s = sl_store_load_baseline(st, names[i], shares, label, sizeof label, err);
        if (!s)
            sl_jpush(a, sl_jok(json_pack("{s:o, s:o}", "name", text(names[i], bad), "label", text(label, bad)), bad),
                     bad);
    }
    sl_arena_free(&arena);
    json_decref(a);
    return s;
}

static sl_status count_one(const sl_business *b, void *ctx, sl_error *err)
{
    (void)b, (void)err;
    ++*(long long *)ctx;
    return SL_OK;
}

/* The directory's listings: an organiser's store holds them beside the
** evidence, and `info` is where a person looks for what a store holds. */
static sl_status add_directory(sl_store *st, json_t *out, int *bad, sl_error *err)
{
    long long n = 0;
    sl_business_filter every = {0};
    if (sl_store_businesses_each(st, &every, count_one, &n, err)) return err->status;
    sl_jset(out, "directory", sl_jok(json_pack("{s:I}", "listings", (json_int_t)n), bad), bad);
    return SL_OK;
}

/* The campaign's totals, counts only (no address, name or place leaves the
** store this way): whether a campaign is set up and when it closed, and with PEOPLE (the
** store's own users) its pledges, confirmed and waiting for their
** confirmation, and the mail waiting to be sent. Those move the moment a
** person signs or confirms, so the answer served to anyone (/api/info)
** leaves them out. */
static sl_status add_campaign(sl_store *st, int people, json_t *out, int *bad, sl_error *err)
{
    sl_arena a = {0};
    sl_campaign c;
    sl_campaign_totals t;
    int found;
    sl_status s = sl_store_campaign_load(st, &a, &c, &found, err);
    if (!s && people) s = sl_store_campaign_totals(st, &t, err);
    json_t *camp = sl_jok(json_object(), bad);
    /* closed first: when, as /campaign says it (a page or widget reading
    ** this would otherwise keep inviting people to sign); null while open */
    char closed[32] = "";
    time_t when = (time_t)(!s && found ? c.closed : 0);
    struct tm tm;
    if (when && gmtime_r(&when, &tm)) strftime(closed, sizeof closed, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!s && found) sl_jset(camp, "closed", closed[0] ? json_string(closed) : json_null(), bad);
    sl_jset(camp, "set_up", json_boolean(found), bad);
    if (!s && people) {
        json_t *live = sl_jok(json_pack("{s:I, s:I, s:I}", "pledges", (json_int_t)t.pledges, "confirmed",
                                        (json_int_t)t.confirmed, "outbox_pending", (json_int_t)t.outbox_pending), bad);
        if (json_object_update(camp, live)) *bad = 1;
        json_decref(live);
    }
    if (!s) sl_jset(out, "campaign", camp, bad);
    else json_decref(camp);
    sl_arena_free(&a);
    return s;
}

sl_status sl_analysis_inventory(sl_store *st, int people, json_t **out, sl_error *err)
{
    int bad = 0;
    *out = json_object();
    if (!*out) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_status s = add_sources(st, people, *out, &bad, err);
    if (!s) s = add_agencies(st, *out, &bad, err);
    if (!s) s = add_partnerships(st, *out, &bad, err);
    if (!s) s = add_area_sets(st, *out, &bad, err);
    if (!s) s = add_local(st, *out, &bad, err);
    if (!s) s = add_points(st, *out, &bad, err);
    if (!s) s = add_requests(st, *out, &bad, err);
    if (!s) s = add_baselines(st, *out, &bad, err);
    if (!s) s = add_directory(st, *out, &bad, err);
    if (!s) s = add_campaign(st, people, *out, &bad, err);
    if (s) {
        json_decref(*out);
        *out = NULL;
        return s;
    }
    /* A part missing is an error, never a shorter list. */
    return sl_json_built(out, bad, err);
}

int sl_source_invented(const sl_source *src, const char *layers[2])
{
    layers[0] = layers[1] = NULL;
    if (strcmp(src->kind, "synthetic") == 0) {
        json_t *opts = src->options ? json_loads(src->options, 0, NULL) : NULL;
        const char *layer = json_string_value(json_object_get(opts, "layer"));
        /* the names are the callers' to keep: static strings, not opts' */
        static const char *const KNOWN[] = {"requests", "posts", "cameras", "sites", "agencies"};
        for (size_t i = 0; layer && i < sizeof KNOWN / sizeof *KNOWN; i++)
            if (!strcmp(layer, KNOWN[i])) layers[0] = KNOWN[i];
        if (layers[0] && !strcmp(layers[0], "agencies")) layers[1] = "partnerships"; /* synth partners a third */
        json_decref(opts);
        return 1;
    }
    if (src->file_name && strncmp(src->file_name, "synthetic-", 10) == 0) {
        layers[0] = src->kind;
        return 1;
    }
    return 0;
}

sl_status sl_analysis_need_points(sl_store *st, const char *layers, sl_error *err)
{
    char l[32], words[96] = "", kinds[64] = "";
    size_t w = 0, k = 0, len;
    for (const char *c = layers, *item; (item = sl_list_next(&c, &len));) {
        snprintf(l, sizeof l, "%.*s", (int)len, item);
        long n = 0;
        if (sl_store_count_points(st, l, NULL, &n, err)) return err->status;
        if (n > 0) return SL_OK;
        /* "cameras or posts", "cameras|posts" (the list is short: a cut is harmless) */
        if (w < sizeof words) w += (size_t)snprintf(words + w, sizeof words - w, "%s%s", w ? " or " : "", l);
        if (k < sizeof kinds) k += (size_t)snprintf(kinds + k, sizeof kinds - k, "%s%s", k ? "|" : "", l);
    }
    return sl_fail(err, SL_EDATA, sl_store_path(st), 0, "nothing to measure: no %s imported (sightline import %s FILE)",
                   words, kinds);
}

/* Onto M (an item of sl_analysis_synth_sources) the real imports of its
** layer among L, when there are any: "real_rows" and "real_imports" [{id,
** file, rows}]. A layer holding both is counted as one (2,000 invented
** requests and 20 real are "2,020 requests"), which the reader must be
** told: removing the invented ones is the only way to see the real alone. */
static void add_real(json_t *m, const sl_source_list *l, int *bad)
{
    const char *layer = sl_json_str(m, "layer"), *made[2];
    json_t *imports = NULL;
    json_int_t rows = 0;
    for (size_t i = 0; i < l->count; i++) {
        const sl_source *src = &l->items[i];
        if (strcmp(src->kind, layer) || sl_source_invented(src, made)) continue;
        if (!imports) imports = sl_jok(json_array(), bad);
        sl_jpush(imports, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)src->id, "file", src->file_name, "rows",
                                    (json_int_t)src->rows), bad);
        rows += (json_int_t)src->rows;
    }
    if (!imports) return;
    sl_jset(m, "real_rows", json_integer(rows), bad);
    sl_jset(m, "real_imports", imports, bad);
}

sl_status sl_analysis_synth_sources(sl_store *st, const char *layers, json_t **out, sl_error *err)
{
    sl_source_list l;
    *out = NULL;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    int bad = 0;
    json_t *list = sl_jok(json_array(), &bad);
    for (size_t i = 0; i < l.count; i++) {
        const char *made[2];
        if (strcmp(l.items[i].kind, "synthetic")) continue; /* demo files: see the header */
        sl_source_invented(&l.items[i], made);
        for (int k = 0; k < 2; k++)
            if (made[k] && sl_list_has(layers, made[k], 0)) {
                json_t *m = json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)l.items[i].id, "file",
                                      l.items[i].file_name, "layer", made[0], "rows", (json_int_t)l.items[i].rows);
                if (m) add_real(m, &l, &bad);
                sl_jpush(list, m, &bad);
                break;
            }
    }
    sl_source_list_free(&l);
    *out = list;
    return sl_json_built(out, bad, err);
}

const char *sl_analysis_synth_sentence(json_t *m, char *text, size_t len)
{
    char rows[32];
    long long id = sl_json_int(m, "id");
    const char *layer = sl_json_str(m, "layer");
    int n = snprintf(text, len, "The %s %s of import %lld (%s) were invented by `sightline synth`: figures "
                     "resting on them are not findings; `sightline rm %lld` removes them.",
                     sl_thousands(sl_json_int(m, "rows"), rows), layer, id, sl_json_str(m, "file"), id);
    json_t *real = json_object_get(m, "real_imports"), *r;
    size_t i, k = json_array_size(real), w = n < 0 ? len : (size_t)n;
    if (!k || w >= len) return text;
    /* "... with 20 real requests of import 9 (a.csv)" or "of imports 4 (a.csv) and 9 (b.csv)" */
    w += (size_t)snprintf(text + w, len - w, " The %s layer mixes them with %s real %s of import%s ", layer,
                          sl_thousands(sl_json_int(m, "real_rows"), rows), layer, k > 1 ? "s" : "");
    json_array_foreach(real, i, r) if (w < len)
        w += (size_t)snprintf(text + w, len - w, "%s%lld (%s)", i == 0 ? "" : i + 1 == k ? " and " : ", ",
                              (long long)sl_json_int(r, "id"), sl_json_str(r, "file"));
    if (w < len) snprintf(text + w, len - w, ": the counts here add invented and real together.");
    return text;
}

int sl_analysis_synth_mark(json_t *result, json_t *made)
{
    size_t i;
    json_t *m;
    char all[4096] = "", text[1024];
    if (!json_array_size(made) || !json_is_object(result)) return 0;
    json_array_foreach(made, i, m)
        snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? " " : "",
                 sl_analysis_synth_sentence(m, text, sizeof text));
    int bad = json_object_set(result, "synthetic", made);
    bad |= json_object_set_new(result, "synthetic_caution", json_string(all));
    return bad ? -1 : 0;
}
