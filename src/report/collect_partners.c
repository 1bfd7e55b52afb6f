/*
** collect_partners.c — the audit's non-spatial steps: the inputs and their
** hashes, the partnership tracker and snapshot diff, and the partnered
** agencies placed on the map at their registry coordinates (public data).
*/
#include "report_internal.h"
#include "sightline/core/date.h"
#include "sightline/core/text.h"
#include "sightline/analysis/tracker.h"
#include "sightline/geo/polyset.h"
#include "sightline/store/exclusions.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Add to LAYERS (layer -> [file names]) the layers SRC brought when they are
** invented (sl_source_invented: a `synth` run or a demo file). 1 when SRC is
** synthetic. */
static int synthetic_layers(const sl_source *src, json_t *layers)
{
    const char *layer[2];
    int synthetic = sl_source_invented(src, layer);
    for (int i = 0; i < 2 && layer[i]; i++) {
        json_t *files = json_object_get(layers, layer[i]);
        if (!files) json_object_set_new(layers, layer[i], files = json_array());
        json_array_append_new(files, json_string(src->file_name));
    }
    return synthetic;
}

/* For each report section, the synthetic sources its figures rest on:
** {"disparity": ["synthetic-requests-counties-seed7"], ...}; a section
** resting on none is absent. Headlines are marked one by one instead. */
static json_t *synthetic_sections(json_t *layers)
{
    static const struct {
        const char *section;
        const char *layers[6];
    } USES[] = {
        {"partnerships", {"partnerships", "agencies"}},
        {"areas", {"areas", "agencies", "requests", "posts", "cameras"}},
        {"cameras", {"posts", "cameras"}},
        {"zones", {"posts", "cameras"}},
        {"sites", {"sites", "posts", "cameras"}},
        {"disparity", {"requests", "posts", "cameras", "areas"}},
        {"filters", {"posts"}},
    };
    json_t *out = json_object();
    for (size_t i = 0; i < sizeof USES / sizeof USES[0]; i++) {
        json_t *files = json_array();
        for (size_t k = 0; k < 6 && USES[i].layers[k]; k++) json_array_extend(files, json_object_get(layers, USES[i].layers[k]));
        if (json_array_size(files)) json_object_set_new(out, USES[i].section, files);
        else json_decref(files);
    }
    return out;
}

/* An areas import's --demographics file, an input of every figure per
** resident: listed after the boundaries with its own hash and credited as
** they are (one --publisher names both), with its area set and whether its
** groups were percentages (--percent: residents by group are then rounded
** estimates, said under the report's areas table). NULL when SRC has none
** recorded. */
static json_t *demographics_input(const sl_source *src, int invented)
{
    json_t *o = src->options ? json_loads(src->options, 0, NULL) : NULL;
    const char *file = json_string_value(json_object_get(o, "demographics"));
    const char *sha = json_string_value(json_object_get(o, "demographics_sha256"));
    json_t *in = file && sha ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:n, s:s?, s:s?, s:s?, s:s?, s:b, s:I}", "kind",
                                         "demographics", "file", file, "sha256", sha, "imported_at", src->imported_at,
                                         "snapshot", "", "rows", "publisher", src->publisher, "url", src->url,
                                         "licence", src->licence, "year", src->year, "synthetic", invented, "of_import",
                                         (json_int_t)src->id)
                             : NULL;
    if (in) {
        json_t *set = json_object_get(o, "set");
        if (json_is_string(set)) json_object_set(in, "set", set);
        json_object_set_new(in, "percent", json_boolean(json_is_true(json_object_get(o, "percent"))));
    }
    json_decref(o);
    return in;
}

/* summary.synthetic_mixed: the `synth` runs whose layer holds real imports
** too (sl_analysis_synth_sources' items with "real_imports"), absent when
** none does. Every figure of such a layer counts both together, which the
** sections resting on it say (sl_html_synthetic_note), as the CLI does. */
static sl_status mixed_layers(audit *a, sl_error *err)
{
    json_t *runs, *m, *mixed = json_array();
    size_t i;
    sl_status s = sl_analysis_synth_sources(a->st, "requests,posts,cameras,sites,agencies", &runs, err);
    json_array_foreach(runs, i, m) if (json_object_get(m, "real_imports")) sl_jpush(mixed, json_incref(m), &a->bad);
    if (!s && json_array_size(mixed)) sl_jset(a->summary, "synthetic_mixed", json_incref(mixed), &a->bad);
    json_decref(mixed);
    json_decref(runs);
    return s;
}

sl_status sl_audit_inputs(audit *a, sl_error *err)
{
    sl_source_list l;
    sl_status s = sl_store_load_sources(a->st, NULL, &l, err);
    if (s) return s;
    json_t *inputs = json_array(), *layers = json_object();
    size_t synthetic = 0;
    for (size_t i = 0; i < l.count; i++) {
        const sl_source *src = &l.items[i];
        /* an owner's exclusion is no input of a figure: its date and count of
        ** points would tell of her, so only how many there are is said */
        if (!strcmp(src->kind, SL_EXCLUSION_KIND)) {
            a->exclusions++;
            continue;
        }
        int invented = synthetic_layers(src, layers);
        synthetic += (size_t)invented;
        sl_jpush(inputs, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s?, s:s?, s:s?, s:s?, s:b}", "kind", src->kind,
                                   "file", src->file_name, "sha256", src->sha256, "imported_at", src->imported_at,
                                   "snapshot", src->snapshot, "rows", (json_int_t)src->rows, "publisher",
                                   src->publisher, "url", src->url, "licence", src->licence, "year", src->year,
                                   "synthetic", invented),
                 &a->bad);
        /* records of the file the import skipped: absent for an import made
        ** before the count was kept, which a 0 would misstate */
        json_t *last = json_array_get(inputs, json_array_size(inputs) - 1);
        if (last && src->skipped >= 0) sl_jset(last, "skipped", json_integer(src->skipped), &a->bad);
        if (last && src->skipped_why) sl_jset(last, "skipped_why", json_string(src->skipped_why), &a->bad);
        /* how the file was read (--preset, columns, --percent...): the same
        ** file imported with other options gives other figures */
        json_t *opts = src->options ? json_loads(src->options, 0, NULL) : NULL;
        if (last) sl_jset(last, "options", opts ? opts : json_object(), &a->bad);
        else json_decref(opts);
        json_t *demo = demographics_input(src, invented);
        if (demo) sl_jpush(inputs, demo, &a->bad);
    }
    /* The banner says "everything is invented" only when it is (the demo);
    ** otherwise each section resting on a synthetic source says so itself. */
    sl_jset(a->summary, "synthetic", json_boolean(l.count > 0 && synthetic == l.count), &a->bad);
    sl_jset(a->summary, "synthetic_sections", synthetic_sections(layers), &a->bad);
    sl_jset(a->summary, "synthetic_layers", layers, &a->bad); /* each headline names its own (headlines.c) */
    sl_source_list_free(&l);
    if ((s = mixed_layers(a, err))) return s;
    /* Zone polygons are files read for this report, not imports: listed with
    ** their sha256 all the same, so every input of a figure is named. */
    for (size_t i = 0; i < a->o.nzones; i++) {
        const sl_zone *z = &a->o.zones[i].zone;
        json_t *in = sl_zone_input_json(z);
        if (!in) continue;
        sl_jset(in, "imported_at", json_string(""), &a->bad);
        sl_jset(in, "snapshot", json_string(""), &a->bad);
        sl_jset(in, "rows", json_integer(z->polygon ? (json_int_t)sl_polyset_count(z->polygon) : 0), &a->bad);
        sl_jset(in, "zone", json_string(a->o.zones[i].name), &a->bad);
        sl_jpush(inputs, in, &a->bad);
    }
    sl_jset(a->summary, "inputs", inputs, &a->bad);
    return SL_OK;
}

/* YYYY-MM-DD one year before DATE (also YYYY-MM-DD). */
static void year_before(const char *date, char out[11])
{
    int y = atoi(date) - 1;
    snprintf(out, 11, "%04d%.6s", y < 0 ? 0 : y > 9999 ? 9999 : y, date + 4);
    if (strcmp(out + 4, "-02-29") == 0) out[9] = '8';
}

/* summary.partnership_rows_by_KEY: the tracker's rows by KEY (for states,
** the Atlas's state of each row, linked or not: not the report's figure
** of partnered agencies by the registry's state, agencies_by_state). */
static sl_status partnerships_by(audit *a, const char *snapshot, const char *by, sl_error *err)
{
    sl_tracker_query q = {.tech = a->o.tech, .state = a->scope, .snapshot = snapshot, .by = by};
    json_t *r;
    sl_status s = sl_tracker_run(a->st, &q, &r, err);
    if (s) return s;
    char key[64];
    snprintf(key, sizeof key, "partnership_rows_by_%s", by);
    json_object_set(a->summary, key, json_object_get(r, "by"));
    /* rows left out of every share, per state: said beside the state's figures */
    json_object_set(a->summary, "partnership_rows_unlinked_by_state", json_object_get(r, "unlinked_by_state"));
    json_decref(r);
    return SL_OK;
}

static sl_status partnerships_diff(audit *a, const char *from, const char *to, sl_error *err)
{
    json_t *d;
    sl_status s = sl_tracker_diff_states(a->st, from, to, a->o.tech, a->scope, &d, err);
    if (!s) sl_jset(a->summary, "diff", d, &a->bad);
    return s;
}

sl_status sl_audit_partnerships(audit *a, sl_error *err)
{
    sl_arena arena = {0};
    const char **snaps;
    size_t n;
    sl_status s = sl_tracker_check_day("--since", a->o.since, err);
    if (!s) s = sl_store_snapshots(a->st, &arena, &snaps, &n, err);
    if (s || n == 0) {
        if (!s) sl_audit_skip(a, "partnerships", "no list of police partnerships was supplied, so nothing could be "
                                              "counted");
        sl_arena_free(&arena);
        return s;
    }
    char since[11];
    if (a->o.since) snprintf(since, sizeof since, "%s", a->o.since);
    else year_before(snaps[n - 1], since);
    /* every row, by month; then the rows since the date, whose count (and
    ** uncertain count) the report states beside the total. The block's
    ** "query" stays the query of its own figures (no since: the total and
    ** by_year are the whole snapshot's), so that running it through the CLI
    ** or the API gives them; the since date is since.date. */
    sl_tracker_query q = {.tech = a->o.tech, .state = a->scope, .by = "month"},
                     qs = {.tech = a->o.tech, .state = a->scope, .since = since};
    json_t *r = NULL, *rs = NULL;
    /* a --since after the newest snapshot: the tracker's usage error (since_within), before any figure */
    s = sl_tracker_run(a->st, &qs, &rs, err);
    if (!s) s = sl_tracker_run(a->st, &q, &r, err);
    /* --tech naming nothing in the snapshot: a report of zeros would be wrong;
    ** exit 1 (nothing to compute), as `partnerships --tech` says it */
    if (!s && json_object_get(r, "no_match"))
        s = sl_fail(err, SL_EDATA, NULL, 0, "--tech: %s", json_string_value(json_object_get(r, "no_match")));
    /* a state the list has no row of: said, not a lead of zeros */
    int none = !s && a->scope && sl_json_int(r, "total") == 0;
    if (none) {
        char why[900];
        const char *tech = a->o.tech && a->o.tech[0] ? a->o.tech : NULL;
        snprintf(why, sizeof why, "the partnership list (snapshot %s) holds no row%s%s%s in %s, so nothing could be "
                 "counted there; `sightline partnerships%s%s --state %s` says the same", sl_json_str(r, "snapshot"),
                 tech ? " of “" : "", tech ? tech : "", tech ? "”" : "", a->scope_names, tech ? " --tech " : "",
                 tech ? tech : "", a->scope);
        sl_audit_skip(a, "partnerships", why);
    }
    if (!s && !none) {
        json_object_set(r, "since", json_object_get(rs, "since"));
        sl_jset(a->summary, "partnerships", r, &a->bad);
        r = NULL;
    }
    json_decref(r);
    json_decref(rs);
    if (none) {
        sl_arena_free(&arena);
        return SL_OK;
    }
    if (!s) s = partnerships_by(a, NULL, "state", err);
    /* which technologies --tech matched: the lead says "had Face Recognition
    ** on record", not "had partnered with Face" (headlines.c) */
    if (!s) s = partnerships_by(a, NULL, "tech", err);
    if (!s && n >= 2) s = partnerships_diff(a, snaps[0], snaps[n - 1], err);
    if (!s && n < 2) sl_audit_skip(a, "snapshot diff", "only one snapshot of the partnership list was supplied; a "
                                                    "second one, taken on another date, would show which "
                                                    "partnerships began or ended in between");
    json_t *snapshots = json_array();
    for (size_t i = 0; i < n; i++) sl_jpush(snapshots, json_string(snaps[i]), &a->bad);
    sl_jset(a->summary, "snapshots", snapshots, &a->bad);
    sl_arena_free(&arena);
    return s;
}

/* Per registry agency id: the earliest start of its partnerships (or "" when
** undated), for the snapshot in force, with the technology, the source's
** record id and page (Atlas number and "Link 1") of the row that gave it. */
typedef struct partner {
    char start[11];
    const char *technology, *record_id, *source_url;
    int partnered;
} partner;

static partner *partners_by_agency(const sl_partnership_list *pl, const sl_agency_list *al,
                                   const char *tech, const char *states)
{
    long max_id = 0;
    for (size_t i = 0; i < al->count; i++) max_id = al->items[i].id > max_id ? al->items[i].id : max_id;
    partner *p = calloc((size_t)max_id + 1, sizeof *p);
    for (size_t i = 0; p && i < pl->count; i++) {
        const sl_partnership *r = &pl->items[i];
        if (r->agency_id <= 0 || r->agency_id > max_id || !sl_tracker_tech_is(r, tech) ||
            !sl_tracker_state_is(r, states)) /* a state's report: the rows `partnerships --state` counts */
            continue;
        partner *x = &p[r->agency_id];
        char d[11];
        sl_date_format(&r->start, d);
        if (!x->partnered || (d[0] && (!x->start[0] || strcmp(d, x->start) < 0))) {
            snprintf(x->start, 11, "%s", d);
            /* technology, record and page of that same row: a line of
            ** agencies.csv never pairs one row's date with another's link */
            x->record_id = r->record_id, x->source_url = r->source_url, x->technology = r->technology;
        }
        x->partnered = 1;
    }
    return p;
}

/* What the dots are, for the map's legend (map.agencies_label), and whom the
** state table and the areas' partnered-agency tables count, said under each
** (summary.agencies_map.label): every agency with a partnership of the
** technology in the snapshot, whatever its start, which must be said beside
** a lead that counts those since a date. One sentence, built here once. */
static json_t *agencies_label(audit *a)
{
    char when[32], from[32], buf[320], name[100];
    json_t *t = json_object_get(a->summary, "partnerships");
    /* the since the lead counts: --since, or the default the tracker chose */
    const char *snap = sl_json_str(t, "snapshot"), *since = sl_json_str(json_object_get(t, "since"), "date");
    int partnered = sl_audit_partnered(a); /* a face recognition row is no partnership */
    int w = partnered ? snprintf(buf, sizeof buf, "agencies with a “%s” partnership", a->o.tech)
            : a->o.tech && a->o.tech[0]
                ? snprintf(buf, sizeof buf, "agencies with %s on record", sl_audit_tech_label(a, name, sizeof name))
                : snprintf(buf, sizeof buf, "agencies with any surveillance technology on record");
    if (w > 0 && (size_t)w < sizeof buf && snap)
        w += snprintf(buf + w, sizeof buf - (size_t)w, " by %s", sl_report_date_words(when, snap));
    if (w > 0 && (size_t)w < sizeof buf && since)
        snprintf(buf + w, sizeof buf - (size_t)w, ", whatever %s (not only those since %s)",
                 partnered ? "its start" : "its record's date", sl_report_date_words(from, since));
    json_t *label = json_string(buf);
    sl_jset(a->map, "agencies_label", json_incref(label), &a->bad);
    /* the map's words for them (report.js): "Partnered agencies", or "Agencies on record" */
    sl_jset(a->map, "agencies_partnered", json_boolean(partnered), &a->bad);
    return label;
}

/* The FBI registry puts many agencies at one point: a county's or a
** state capital's centre (79 at one point in Indianapolis; Bellwood,
** Glenview and ten more Cook County suburbs in Chicago's West Town). Such
** a point says the county, not the place: an agency there is counted in
** no area finer than a county (collect_spatial.c). SL_AUDIT_SHARED_POINT_MIN
** (report_internal.h) agencies at one point make it one. */
static int by_place(const void *x, const void *y)
{
    const double *a = x, *b = y;
    if (a[0] != b[0]) return (a[0] > b[0]) - (a[0] < b[0]);
    return (a[1] > b[1]) - (a[1] < b[1]);
}

/* The located registry agencies' points (lon, lat), sorted; NULL when none
** or out of memory (then no agency is marked). */
static double *registry_points(const sl_agency_list *al, size_t *n)
{
    double *pts = malloc(2 * sizeof *pts * (al->count ? al->count : 1));
    *n = 0;
    for (size_t i = 0; pts && i < al->count; i++)
        if (al->items[i].has_location) pts[2 * *n] = al->items[i].lon, pts[2 * *n + 1] = al->items[i].lat, (*n)++;
    if (pts) qsort(pts, *n, 2 * sizeof *pts, by_place);
    return pts;
}

/* How many of the N sorted points PTS are (LON, LAT). */
static size_t at_point(const double *pts, size_t n, double lon, double lat)
{
    double key[2] = {lon, lat};
    size_t lo = 0, hi = n, k = 0;
    while (lo < hi) { /* the first not before KEY */
        size_t mid = lo + (hi - lo) / 2;
        if (by_place(pts + 2 * mid, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    while (lo + k < n && !by_place(pts + 2 * (lo + k), key)) k++;
    return k;
}

/* Partnered agencies for the map (located) and, for the GIS files, those the
** registry gives no position, so a reader of agencies.csv sees every one. */
static void map_agencies(audit *a, const sl_agency_list *al, const partner *p)
{
    json_t *list = json_object_get(a->map, "agencies"), *unlocated = json_array();
    long placed = 0, unplaced = 0;
    size_t npts;
    double *pts = registry_points(al, &npts);
    for (size_t i = 0; i < al->count; i++) {
        const sl_agency *ag = &al->items[i];
        if (!p[ag->id].partnered) continue;
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "ori", ag->ori ? ag->ori : "", "name",
                              ag->name, "type", ag->type, "state", ag->state, "county", ag->county ? ag->county : "",
                              "start", p[ag->id].start, "technology", p[ag->id].technology, "located",
                              ag->has_location);
        /* for data/agencies.csv and .geojson only: html_map.c keeps them out of the page */
        sl_jset(o, "record_id", json_string(p[ag->id].record_id ? p[ag->id].record_id : ""), &a->bad);
        sl_jset(o, "source_url", json_string(p[ag->id].source_url ? p[ag->id].source_url : ""), &a->bad);
        if (ag->has_location) {
            placed++;
            sl_jset(o, "lon", json_real(ag->lon), &a->bad);
            sl_jset(o, "lat", json_real(ag->lat), &a->bad);
            size_t k = pts ? at_point(pts, npts, ag->lon, ag->lat) : 0;
            if (k >= SL_AUDIT_SHARED_POINT_MIN) sl_jset(o, "shared_point", json_integer((json_int_t)k), &a->bad);
            sl_jpush(list, o, &a->bad);
        } else {
            unplaced++;
            sl_jpush(unlocated, o, &a->bad);
        }
    }
    free(pts);
    sl_jset(a->map, "agencies_unlocated", unlocated, &a->bad);
    /* the legend's dots beside the lead's agencies: 1,472 of 1,498, the rest not linked or not located */
    json_t *t = json_object_get(a->summary, "partnerships");
    sl_jset(a->map, "agencies_counted", json_integer(sl_json_int(t, "agencies")), &a->bad);
    sl_jset(a->map, "agencies_unlinked", json_integer(sl_json_int(t, "unlinked_agencies")), &a->bad);
    sl_jset(a->summary, "agencies_map",
            json_pack("{s:I, s:I, s:o?}", "partnered_placed", (json_int_t)placed, "partnered_without_location",
                      (json_int_t)unplaced, "label", agencies_label(a)), &a->bad);
}

static int by_partnered_desc(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    json_int_t p = json_integer_value(json_object_get(a, "partnered"));
    json_int_t q = json_integer_value(json_object_get(b, "partnered"));
    if (p != q) return (q > p) - (q < p);
    return strcmp(json_string_value(json_object_get(a, "state")), json_string_value(json_object_get(b, "state")));
}

static void bump(json_t *row, const char *key)
{
    json_object_set_new(row, key, json_integer(json_integer_value(json_object_get(row, key)) + 1));
}

/* summary.agencies_by_state: per state, the registry's agencies (and its
** city and county agencies, the second share's denominator) and how many
** of them had a partnership, so that a state's count reads against its
** denominator (partnered per 100 agencies), and the state's partnership
** rows not linked to the registry, which no share counts (unlinked_rows,
** unlinked_note when some). Sorted by partnered agencies. */
static void state_rates(audit *a, const sl_agency_list *al, const partner *p)
{
    json_t *by = json_object();
    for (size_t i = 0; i < al->count; i++) {
        const sl_agency *ag = &al->items[i];
        const char *st = ag->state && ag->state[0] ? ag->state : "(no state)";
        if (a->scope && !sl_list_has(a->scope, st, 0)) continue; /* a state's report: its registry agencies */
        json_t *row = json_object_get(by, st);
        if (!row) json_object_set_new(by, st, row = json_pack("{s:s, s:I, s:I, s:I}", "state", st, "agencies",
                                                              (json_int_t)0, "city_county_agencies", (json_int_t)0,
                                                              "partnered", (json_int_t)0));
        bump(row, "agencies");
        if (sl_tracker_city_or_county(ag)) bump(row, "city_county_agencies");
        if (p[ag->id].partnered) bump(row, "partnered");
    }
    size_t n = json_object_size(by), k = 0;
    json_t **rows = malloc((n + 1) * sizeof *rows), *v;
    const char *key;
    json_t *list = json_array();
    json_object_foreach(by, key, v) if (rows) rows[k++] = v;
    if (rows) qsort(rows, k, sizeof *rows, by_partnered_desc);
    json_t *unlinked = json_object_get(a->summary, "partnership_rows_unlinked_by_state");
    for (size_t i = 0; i < k; i++) {
        json_int_t all = json_integer_value(json_object_get(rows[i], "agencies"));
        json_int_t with = json_integer_value(json_object_get(rows[i], "partnered"));
        const char *st = json_string_value(json_object_get(rows[i], "state"));
        long n = (long)json_integer_value(json_object_get(unlinked, st));
        int known = all && sl_tracker_share_known((long)with, n);
        json_object_set_new(rows[i], "per_100_agencies", sl_json_num_or_null(known ? 100.0 * (double)with / (double)all : NAN));
        json_object_set_new(rows[i], "unlinked_rows", json_integer(n));
        if (n > 0) {
            char note[SL_TRACKER_NOTE];
            sl_tracker_unlinked_note(n, st, a->o.tech, note);
            json_object_set_new(rows[i], "unlinked_note", json_string(note));
        }
        json_array_append(list, rows[i]);
    }
    free(rows);
    json_decref(by);
    json_object_set_new(a->summary, "agencies_by_state", list);
}

sl_status sl_audit_agencies(audit *a, sl_error *err)
{
    json_t *tr = json_object_get(a->summary, "partnerships");
    if (!tr) return SL_OK;
    sl_agency_list al;
    sl_partnership_list pl;
    sl_status s = sl_store_load_agencies(a->st, &al, err);
    if (s) return s;
    if (al.count == 0) {
        sl_audit_skip(a, "agency map", "no registry of police agencies with their locations was supplied, so agencies "
                                    "cannot be placed on the map or counted against all agencies");
        sl_agency_list_free(&al);
        return SL_OK;
    }
    s = sl_store_load_partnerships(a->st, json_string_value(json_object_get(tr, "snapshot")), &pl, err);
    if (!s) {
        sl_tracker_agency_states(&pl, &al); /* as the tracker's figures place them */
        partner *p = partners_by_agency(&pl, &al, a->o.tech, a->scope);
        if (!p) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        else map_agencies(a, &al, p), state_rates(a, &al, p);
        free(p);
        sl_partnership_list_free(&pl);
    }
    sl_agency_list_free(&al);
    return s;
}
