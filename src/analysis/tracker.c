/*
** tracker.c — counting partnerships (see include/sightline/analysis/tracker.h).
**
** A partnership's start is an interval (a day, or a whole month when only
** "in July 2020" is known), so "since DATE" splits rows into certain and
** uncertain instead of guessing. Shares are given over several denominators
** because the choice moves the figure, and readers should see by how much.
*/
#include "sightline/analysis/tracker.h"
#include "sightline/core/area.h"
#include "sightline/core/json_build.h"
#include "sightline/core/text.h"
#include "tracker_internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

sl_status sl_resolve_snapshot(sl_store *st, const char *date, sl_arena *arena, const char **out,
                              sl_error *err)
{
    const char **dates;
    size_t n;
    if (sl_store_snapshots(st, arena, &dates, &n, err)) return err->status;
    if (n == 0) return sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no partnerships imported yet");
    if (!date) {
        *out = dates[n - 1];
        return SL_OK;
    }
    sl_date d;
    if (!sl_date_parse_day(date, &d)) /* callers check it first, naming their option */
        return sl_fail(err, SL_EUSAGE, NULL, 0, "'%s' is not " SL_DATE_DAY_FORM, date);
    *out = NULL;
    for (size_t i = 0; i < n && strcmp(dates[i], date) <= 0; i++) *out = dates[i];
    if (!*out)
        return sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                       "no partnership snapshot on or before %s (the first is %s)", date, dates[0]);
    return SL_OK;
}

void sl_agency_key(const sl_partnership *p, char *out, size_t len)
{
    if (p->agency_id) {
        snprintf(out, len, "#%ld", p->agency_id);
        return;
    }
    size_t k = (size_t)snprintf(out, len, "%s:", p->state);
    for (const char *s = p->agency; *s && k + 1 < len; s++)
        if (isalnum((unsigned char)*s)) out[k++] = (char)tolower((unsigned char)*s);
    if (k < len) out[k] = '\0';
}

static long day_number(const char *date)
{
    sl_date d;
    return sl_date_parse(date, NULL, &d) ? sl_date_first_day(&d) : 0;
}

/* The registry agency with ID, by binary search over the id-sorted list. */
const sl_agency *sl_find_agency(const sl_agency_list *l, long id)
{
    size_t lo = 0, hi = l->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (l->items[mid].id < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < l->count && l->items[lo].id == id ? &l->items[lo] : NULL;
}

static void add_count(json_t *obj, const char *key, int *bad)
{
    json_t *v = json_object_get(obj, key);
    sl_jset(obj, key, json_integer(v ? json_integer_value(v) + 1 : 1), bad);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* O's members in key order (years and months in time order, states and
** types alphabetically), as a reader of the JSON expects; rows meet them
** in file order. 1 when out of memory. */
static int sort_keys(json_t *o)
{
    size_t n = json_object_size(o), i = 0;
    if (n < 2) return 0;
    const char **keys = malloc(n * sizeof *keys);
    json_t *sorted = json_object();
    const char *k;
    json_t *v;
    int bad = !keys || !sorted;
    if (!bad) {
        json_object_foreach(o, k, v) keys[i++] = k;
        qsort(keys, n, sizeof *keys, by_key);
        for (i = 0; !bad && i < n; i++) bad = json_object_set(sorted, keys[i], json_object_get(o, keys[i])) != 0;
    }
    free(keys);
    if (!bad) bad = json_object_clear(o) || json_object_update(o, sorted);
    json_decref(sorted);
    return bad;
}

/* The key a row is grouped under for --by, or NULL when unknown. */
static const char *group_key(const sl_partnership *p, const char *by, char buf[16])
{
    if (strcmp(by, "state") == 0) return p->state[0] ? p->state : "unknown";
    if (strcmp(by, "type") == 0) return p->agency_type[0] ? p->agency_type : "unknown";
    if (strcmp(by, "tech") == 0) return p->technology[0] ? p->technology : "unknown";
    if (p->start.precision == SL_PREC_UNKNOWN) return NULL;
    if (strcmp(by, "month") == 0) {
        /* apart from the undated: "undated 2,309" in --json and summary.json
        ** stood for 801 undated rows and 1,508 dated to a year */
        if (p->start.precision < SL_PREC_MONTH) return SL_TRACKER_YEAR_ONLY;
        snprintf(buf, 16, "%04d-%02d", p->start.year % 10000, p->start.month % 100);
        return buf;
    }
    snprintf(buf, 16, "%04d", p->start.year % 10000);
    return buf;
}

typedef struct tally {
    json_t *by_year, *by, *by_year_uncertain, *by_uncertain;
    json_t *unlinked_by; /* state -> rows not linked to the registry */
    long total, linked, undated, since_count, since_uncertain;
    long since_coarse; /* of since_count, rows dated only to a month or year */
    long since_coarse_cell; /* of since_coarse, those whose date column gives that month or year itself */
    long window_undated;    /* rows the other filters keep, left out of a since/until window for want of a date */
    long dated_by_source; /* dated rows whose date is not a start (sl_tracker_dated_by_source) */
    long dated_by_file;   /* of them, rows of a list other than the Atlas (sl_tracker_dated_by_file) */
    const sl_atlas_imports *atlas;
    char **keys;        /* distinct-agency keys of selected rows */
    long *partnered_id; /* linked registry ids of selected rows */
    int bad;            /* a count could not be recorded (sl_jset) */
} tally;

/* -1: a row that may have started within --since .. --until (known only to
** a month or year straddling a bound); 1: certainly within; 0: not, or
** undated under either bound (no date to place it). --until was only "not
** certainly after": "started until 2020-06-15" counted Ring's 41 rows of
** "June 2020", and "dated until 2019-12-31" every undated row, in its rows
** and its share (run of 2026-12-07, seventh). */
int sl_tracker_window_class(const sl_tracker_query *q, const sl_partnership *p)
{
    if (!q->since && !q->until) return 1;
    if (p->start.precision == SL_PREC_UNKNOWN) return 0;
    long first = sl_date_first_day(&p->start), last = sl_date_last_day(&p->start);
    long lo = q->since ? day_number(q->since) : LONG_MIN, hi = q->until ? day_number(q->until) : LONG_MAX;
    if (first >= lo && last <= hi) return 1;
    return last >= lo && first <= hi ? -1 : 0;
}

/* 1 when a row's date is not the start of its use. The Atlas of
** Surveillance (the partnership lists' preset) gives Ring rows the "Active
** Date" of Ring's own map, a start; for every other technology its date is
** that of the article or record it links, which can come years after use
** began ("began using ShotSpotter in 2017", dated 2020). A list of other
** origin gives what its date column says, which need not be a start
** either: for any technology but Ring, "dated" is what is sure. */
int sl_tracker_dated_by_source(const sl_partnership *p)
{
    return !sl_tracker_is_ring(p);
}

/* An import is the Atlas's when it was made with the atlas preset: its
** options record {"preset":"atlas"}. */
static int atlas_options(const char *options)
{
    json_t *o = options && options[0] ? json_loads(options, 0, NULL) : NULL;
    const char *preset = json_string_value(json_object_get(o, "preset"));
    int atlas = preset && !strcmp(preset, "atlas");
    json_decref(o);
    return atlas;
}

static int cmp_id(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

sl_status sl_atlas_imports_load(sl_store *st, sl_atlas_imports *out, sl_error *err)
{
    sl_source_list l;
    memset(out, 0, sizeof *out);
    if (sl_store_load_sources(st, "partnerships", &l, err)) return err->status;
    out->ids = malloc((l.count + 1) * sizeof *out->ids);
    for (size_t i = 0; out->ids && i < l.count; i++)
        if (atlas_options(l.items[i].options)) out->ids[out->n++] = l.items[i].id;
    sl_source_list_free(&l);
    if (!out->ids) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    qsort(out->ids, out->n, sizeof *out->ids, cmp_id);
    return SL_OK;
}

void sl_atlas_imports_free(sl_atlas_imports *a)
{
    free(a->ids);
    memset(a, 0, sizeof *a);
}

int sl_tracker_dated_by_file(const sl_partnership *p, const sl_atlas_imports *a)
{
    return sl_tracker_dated_by_source(p) && !bsearch(&p->source_id, a->ids, a->n, sizeof *a->ids, cmp_id);
}

/* A dated row counted: by a cited source's date or its file's (tally). */
static void count_dated(tally *t, const sl_partnership *p)
{
    t->dated_by_source += sl_tracker_dated_by_source(p);
    t->dated_by_file += sl_tracker_dated_by_file(p, t->atlas);
}

/* An uncertain row only counts in the uncertain columns. */
static void count_uncertain(tally *t, const sl_tracker_query *q, const sl_partnership *p)
{
    char buf[16];
    t->since_uncertain++;
    count_dated(t, p); /* dated: to a month or year */
    add_count(t->by_year_uncertain, group_key(p, "year", buf), &t->bad);
    if (q->by) {
        const char *k = group_key(p, q->by, buf);
        add_count(t->by_uncertain, k ? k : "undated", &t->bad);
    }
}

/* Whether P's start, known only to a month or year, is what its date column
** gives (the Atlas lists many a bare "2020" there) rather than a month read
** from the summary text (the ingest's read_start takes the summary's month
** only when the cell gives none). The cell is read as a preset reads it; a
** cell a custom --date-format alone reads counts as not the cell's. */
int sl_tracker_coarse_from_cell(const sl_partnership *p)
{
    sl_date cell;
    return p->start_raw && p->start_raw[0] && sl_date_parse(p->start_raw, NULL, &cell) &&
           cell.precision == p->start.precision && cell.year == p->start.year && cell.month == p->start.month;
}

static void count_row(tally *t, const sl_tracker_query *q, const sl_partnership *p, char *keybuf)
{
    char buf[16];
    sl_agency_key(p, keybuf, 128);
    t->keys[t->total] = keybuf;
    t->partnered_id[t->total] = p->agency_id;
    t->total++;
    t->linked += p->agency_id != 0;
    if (!p->agency_id) add_count(t->unlinked_by, p->state[0] ? p->state : "unknown", &t->bad);
    if (p->start.precision == SL_PREC_UNKNOWN) t->undated++;
    else add_count(t->by_year, group_key(p, "year", buf), &t->bad);
    if (p->start.precision != SL_PREC_UNKNOWN) count_dated(t, p);
    if (q->by) {
        const char *k = group_key(p, q->by, buf);
        add_count(t->by, k ? k : "undated", &t->bad);
    }
    int window = q->since || q->until; /* the since and until objects count the rows within both */
    if (window) t->since_count++;
    if (window) t->since_coarse += p->start.precision != SL_PREC_DAY;
    if (window) t->since_coarse_cell += p->start.precision != SL_PREC_DAY && sl_tracker_coarse_from_cell(p);
}

static int selected(const sl_tracker_query *q, const sl_partnership *p)
{
    if (!sl_tracker_tech_is(p, q->tech)) return 0;
    if (!sl_tracker_state_is(p, q->state)) return 0;
    if (q->type && !sl_contains_nocase(p->agency_type, q->type)) return 0;
    if (q->county && !sl_contains_nocase(p->county, q->county)) return 0;
    return 1;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int sl_tracker_share_known(long partnered, long unlinked)
{
    return partnered > 0 || unlinked <= 0;
}

int sl_tracker_city_or_county(const sl_agency *a)
{
    return strcmp(a->type, "City") == 0 || strcmp(a->type, "County") == 0;
}

/* A share of no agencies is none: null, not 0; nor one the registry
** cannot place (sl_tracker_share_known: UNPLACED rows not linked). DC's
** read "0 / 3 = 0.00%" where its rows say its police partners. */
static json_t *share_entry(const char *name, long denominator, long partnered, int unplaced)
{
    int none = !denominator || !sl_tracker_share_known(partnered, unplaced);
    return json_pack("{s:s, s:I, s:I, s:o}", "denominator", name, "agencies", (json_int_t)denominator,
                     "partnered", (json_int_t)partnered,
                     "share", none ? json_null() : json_real((double)partnered / (double)denominator));
}

/* Shares over the registry and over its city + county agencies; NULL when
** out of memory. With a state filter both denominators are the registry's
** agencies of those states: Illinois's partnered agencies over the nation's
** 18,702 would print a share ten times too small. */
static json_t *shares(const sl_agency_list *reg, const tally *t, const char *states)
{
    long all = 0, citycounty = 0;
    for (size_t i = 0; i < reg->count; i++) {
        if (states && !sl_list_has(states, reg->items[i].state, 1)) continue;
        all++;
        citycounty += sl_tracker_city_or_county(&reg->items[i]);
    }
    long *ids = malloc(((size_t)t->total + 1) * sizeof *ids);
    if (!ids) return NULL; /* not a share of zero */
    long n = 0, p_all = 0, p_cc = 0;
    for (long i = 0; i < t->total; i++)
        if (t->partnered_id[i]) ids[n++] = t->partnered_id[i];
    qsort(ids, (size_t)n, sizeof *ids, cmp_long);
    for (long i = 0; i < n; i++) {
        if (i > 0 && ids[i] == ids[i - 1]) continue;
        const sl_agency *a = sl_find_agency(reg, ids[i]);
        p_all++;
        p_cc += a && sl_tracker_city_or_county(a);
    }
    free(ids);
    int bad = 0;
    json_t *list = sl_jok(json_array(), &bad);
    int unplaced = t->total > t->linked; /* partnered agencies the registry does not hold under their names */
    sl_jpush(list, share_entry("all registry agencies", all, p_all, unplaced), &bad);
    sl_jpush(list, share_entry("city and county agencies", citycounty, p_cc, unplaced), &bad);
    if (bad) json_decref(list);
    return bad ? NULL : list;
}

/* Why a type or county filter gives no share (sl_tracker_run's
** "share_withheld"). A county's rows over its state's registry agencies
** would read as the county's share, and are not. */
static json_t *type_share_note(const char *type, const char *county)
{
    char text[400];
    if (!type)
        return snprintf(text, sizeof text, "the registry's agencies are not counted by the Atlas's county names, so "
                        "no share is given under a county filter (“%.60s”); --state gives a state's share", county),
               json_string(text);
    snprintf(text, sizeof text, "the agency registry types agencies by what governs them (city, county, state...), "
             "not as the Atlas does (police, sheriff...): it holds no count of “%.60s” agencies to divide by, so no "
             "share is given under an agency type filter", type);
    return json_string(text);
}

/* Per state: the registry's agencies, the distinct linked agencies among
** the selected rows, and their share -- the denominator beside each count. */
static json_t *by_registry(const sl_agency_list *reg, const tally *t, const char *tech)
{
    int bad = 0;
    json_t *o = sl_jok(json_object(), &bad);
    for (size_t i = 0; o && i < reg->count; i++) {
        const char *st = reg->items[i].state[0] ? reg->items[i].state : "unknown";
        json_t *e = json_object_get(o, st);
        if (!e) sl_jset(o, st, e = json_pack("{s:I, s:I}", "agencies", (json_int_t)0, "partnered", (json_int_t)0), &bad);
        if (e) sl_jset(e, "agencies", json_integer(json_integer_value(json_object_get(e, "agencies")) + 1), &bad);
    }
    long *ids = malloc(((size_t)t->total + 1) * sizeof *ids);
    long n = 0;
    for (long i = 0; ids && i < t->total; i++)
        if (t->partnered_id[i]) ids[n++] = t->partnered_id[i];
    if (ids) qsort(ids, (size_t)n, sizeof *ids, cmp_long);
    for (long i = 0; o && i < n; i++) {
        if (i > 0 && ids[i] == ids[i - 1]) continue;
        const sl_agency *a = sl_find_agency(reg, ids[i]);
        json_t *e = a ? json_object_get(o, a->state[0] ? a->state : "unknown") : NULL;
        if (e) sl_jset(e, "partnered", json_integer(json_integer_value(json_object_get(e, "partnered")) + 1), &bad);
    }
    free(ids);
    const char *key;
    json_t *e;
    json_object_foreach(o, key, e) {
        double all = (double)json_integer_value(json_object_get(e, "agencies"));
        long partnered = (long)json_integer_value(json_object_get(e, "partnered"));
        long unlinked = (long)json_integer_value(json_object_get(t->unlinked_by, key));
        /* none linked but rows there: not a share of none (share_entry) */
        sl_jset(e, "share", !sl_tracker_share_known(partnered, unlinked) ? json_null()
                                                                         : json_real(all > 0 ? partnered / all : 0),
                &bad);
        char note[SL_TRACKER_NOTE];
        if (unlinked <= 0) continue; /* a share that leaves rows out says so beside it */
        sl_tracker_unlinked_note(unlinked, key, tech, note);
        sl_jset(e, "unlinked", json_integer(unlinked), &bad);
        sl_jset(e, "unlinked_note", json_string(note), &bad);
    }
    if (bad) { /* never a short table: NULL makes the caller's result fail */
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *sl_sources_json(sl_store *st, const char *kind, const char *snapshot, sl_error *err)
{
    sl_source_list l;
    if (sl_store_load_sources(st, kind, &l, err)) return NULL;
    int bad = 0;
    json_t *arr = sl_jok(json_array(), &bad);
    for (size_t i = 0; i < l.count; i++) {
        const sl_source *s = &l.items[i];
        if (snapshot && s->snapshot[0] && strcmp(s->snapshot, snapshot) != 0) continue;
        sl_jpush(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "kind", s->kind,
                                "file", s->file_name, "sha256", s->sha256,
                                "imported_at", s->imported_at, "snapshot", s->snapshot,
                                "rows", (json_int_t)s->rows), &bad);
    }
    sl_source_list_free(&l);
    return sl_json_built(&arr, bad, err) ? NULL : arr;
}

static json_t *query_json(const sl_tracker_query *q, int *bad)
{
    json_t *o = sl_jok(json_object(), bad);
    if (q->tech) sl_jset(o, "tech", json_string(q->tech), bad);
    if (q->state) sl_jset(o, "state", json_string(q->state), bad);
    if (q->type) sl_jset(o, "type", json_string(q->type), bad);
    if (q->county) sl_jset(o, "county", json_string(q->county), bad);
    if (q->since) sl_jset(o, "since", json_string(q->since), bad);
    if (q->until) sl_jset(o, "until", json_string(q->until), bad);
    if (q->by) sl_jset(o, "by", json_string(q->by), bad);
    return o;
}

/* A snapshot lists the partnerships known on its date: none begun after it.
** One counted until a later date stops at the snapshot; the sentence says
** so (NULL: no need). A snapshot named by something other than a date says
** nothing. (A count since a later date is refused: since_within.) */
static json_t *caveat(const sl_tracker_query *q, const char *snapshot)
{
    sl_date d;
    if (!sl_date_parse(snapshot, NULL, &d)) return NULL;
    if (!q->until || day_number(q->until) <= sl_date_last_day(&d)) return NULL;
    char text[320];
    snprintf(text, sizeof text, "The snapshot of %s was taken before %s: partnerships begun between them are "
             "not in it, so these counts end on %s.", snapshot, q->until, snapshot);
    return json_string(text);
}

/* The rule for a count since a day after SNAPSHOT, the snapshot counted:
** it is 0 whatever happened, as a snapshot cannot show partnerships begun
** after it was taken, and a table of zeros reads as a finding. A usage
** error naming the snapshot and what to ask instead, for every caller
** (CLI, API, audit). */
static sl_status since_within(sl_store *st, const sl_tracker_query *q, const char *snapshot, sl_arena *arena,
                              sl_error *err)
{
    sl_date d;
    if (!q->since || !sl_date_parse(snapshot, NULL, &d) || day_number(q->since) <= sl_date_last_day(&d))
        return SL_OK;
    const char **dates;
    size_t n;
    if (sl_store_snapshots(st, arena, &dates, &n, err)) return err->status;
    if (n && strcmp(dates[n - 1], snapshot) != 0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--since %s is after the snapshot of %s (in force at --snapshot "
                       "%s): a snapshot cannot show partnerships begun after it was taken; give a date up to %s, or "
                       "a later --snapshot (the newest is %s)", q->since, snapshot, q->snapshot ? q->snapshot : "",
                       snapshot, dates[n - 1]);
    return sl_fail(err, SL_EUSAGE, NULL, 0, "--since %s is after the newest snapshot (%s): a snapshot cannot show "
                   "partnerships begun after it was taken; give a date up to %s, or import a newer snapshot",
                   q->since, snapshot, snapshot);
}

typedef struct named_count {
    const char *name;
    long n;
} named_count;

static int by_count_desc(const void *a, const void *b)
{
    const named_count *x = a, *y = b;
    return x->n != y->n ? (y->n > x->n) - (y->n < x->n) : strcmp(x->name, y->name);
}

/* "Ring/Neighbors Partnership (1,501 rows), Drones (1,079)": the distinct
** values in COUNTS, most rows first, the first MAX of them, into OUT. */
static void list_values(json_t *counts, size_t max, char *out, size_t cap)
{
    size_t n = json_object_size(counts), k = 0, len = 0;
    named_count *v = malloc((n + 1) * sizeof *v);
    const char *key;
    json_t *c;
    out[0] = '\0';
    if (!v) return;
    json_object_foreach(counts, key, c) v[k++] = (named_count){key, (long)json_integer_value(c)};
    qsort(v, n, sizeof *v, by_count_desc);
    for (k = 0; k < n && k < max && len < cap; k++) {
        char num[32];
        int w = snprintf(out + len, cap - len, "%s%s (%s%s)", k ? ", " : "", v[k].name, sl_thousands(v[k].n, num),
                         k ? "" : v[k].n == 1 ? " row" : " rows");
        if (w > 0) len += (size_t)w;
    }
    if (n > max && len < cap) snprintf(out + len, cap - len, " and %zu more", n - max);
    free(v);
}

/* The technology (FIELD 0) or agency type (1) of row P. */
static const char *field_of(const sl_partnership *p, int field) { return field ? p->agency_type : p->technology; }

/* For a --tech or --type that no row of SNAPSHOT matches (a typo, "rnig"),
** the sentence that says so and lists what the snapshot holds; NULL when
** each matches a row. Its zeros would otherwise read as a finding. */
static json_t *no_match(const sl_tracker_query *q, const sl_partnership_list *rows, const char *snapshot)
{
    for (int f = 0; f < 2; f++) {
        const char *want = f ? q->type : q->tech;
        int hit = 0, bad = 0;
        for (size_t i = 0; want && i < rows->count && !hit; i++)
            hit = f ? sl_contains_nocase(rows->items[i].agency_type, want) : sl_tracker_tech_is(&rows->items[i], want);
        if (!want || hit) continue;
        json_t *counts = json_object();
        for (size_t i = 0; counts && i < rows->count; i++)
            if (field_of(&rows->items[i], f)[0]) add_count(counts, field_of(&rows->items[i], f), &bad);
        char values[1200], text[1600];
        list_values(counts, 12, values, sizeof values);
        json_decref(counts);
        snprintf(text, sizeof text, "No partnership in the snapshot of %s has %s “%s”. %s: %s.", snapshot,
                 f ? "an agency type containing" : "a technology matching", want, f ? "Its agency types" : "Its technologies",
                 values[0] ? values : "none recorded");
        return json_string(text);
    }
    return NULL;
}

/* The since or until object (DATE) of T's rows within the window: {date,
** count, uncertain, month_or_year, month_or_year_in_date_column and
** month_or_year_note when not 0, and with UNDATED the rows no date places}. */
static json_t *window_json(const char *date, const tally *t, int undated, int *bad)
{
    json_t *o = json_pack("{s:s, s:I, s:I, s:I}", "date", date, "count", (json_int_t)t->since_count, "uncertain",
                          (json_int_t)t->since_uncertain, "month_or_year", (json_int_t)t->since_coarse);
    char note[SL_TRACKER_NOTE];
    if (t->since_coarse_cell > 0) /* where those dates come from; absent when all from the summary */
        sl_jset(o, "month_or_year_in_date_column", json_integer(t->since_coarse_cell), bad);
    if (t->since_coarse > 0) { /* beside the count wherever it is said */
        sl_tracker_coarse_note(t->since_coarse, t->since_count, note);
        sl_jset(o, "month_or_year_note", json_string(note), bad);
    }
    if (undated) sl_jset(o, "undated", json_integer(t->window_undated), bad);
    return o;
}

static json_t *result_json(sl_store *st, const sl_tracker_query *q, const char *snapshot,
                           const sl_agency_list *reg, tally *t, sl_error *err)
{
    json_t *srcs = sl_sources_json(st, "partnerships", snapshot, err);
    json_t *agency_srcs = sl_sources_json(st, "agencies", NULL, err);
    if (!srcs || !agency_srcs) {
        json_decref(srcs);
        json_decref(agency_srcs);
        return NULL;
    }
    int bad = t->bad || json_array_extend(srcs, agency_srcs);
    json_t *sets[] = {t->by_year, t->by_year_uncertain, t->by, t->by_uncertain};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) bad |= sort_keys(sets[i]);
    json_decref(agency_srcs);
    /* before the keys are sorted below, while they line up with partnered_id */
    long by_name = sl_count_distinct_unlinked(t->keys, t->partnered_id, (size_t)t->total);
    bad |= by_name < 0;
    json_t *o = json_pack("{s:s, s:o, s:I, s:I, s:I, s:I, s:O, s:I}", "snapshot", snapshot,
                          "query", query_json(q, &bad), "total", (json_int_t)t->total, "agencies",
                          (json_int_t)sl_count_distinct(t->keys, (size_t)t->total), "linked",
                          (json_int_t)t->linked, "unlinked", (json_int_t)(t->total - t->linked),
                          "by_year", t->by_year, "undated", (json_int_t)t->undated);
    sl_jset(o, "unlinked_agencies", json_integer(by_name), &bad);
    sl_jset(o, "rows_are_partnerships", json_boolean(sl_tracker_tech_partnerships(q->tech)), &bad);
    sl_jset(o, "dated_by_source", json_integer(t->dated_by_source), &bad);
    sl_jset(o, "dated_by_file", json_integer(t->dated_by_file), &bad);
    sl_jset(o, "unlinked_by_state", json_incref(t->unlinked_by), &bad);
    /* the window's counts under either date, said alike: a reader of --until alone gets them too */
    if (q->since) sl_jset(o, "since", window_json(q->since, t, 0, &bad), &bad);
    if (q->until) sl_jset(o, "until", window_json(q->until, t, 1, &bad), &bad);
    int window = q->since || q->until;
    if (window && json_object_set(o, "by_year_uncertain", t->by_year_uncertain)) bad = 1;
    if (q->by && json_object_set(o, "by", t->by)) bad = 1;
    if (q->by && window && json_object_set(o, "by_uncertain", t->by_uncertain)) bad = 1;
    /* The registry types agencies by what governs them (City, County, State
    ** Police...), the Atlas by what they are (Police, Sheriff...): under a
    ** type filter no denominator holds the rows' kind, and the share over all
    ** agencies read as "1.4% of sheriffs". No share, and the reason why. */
    int withheld = q->type || q->county;
    if (q->by && !strcmp(q->by, "state") && !withheld) sl_jset(o, "by_registry", by_registry(reg, t, q->tech), &bad);
    sl_jset(o, "share", withheld ? json_array() : shares(reg, t, q->state), &bad);
    if (withheld) sl_jset(o, "share_withheld", type_share_note(q->type, q->county), &bad);
    json_t *c = caveat(q, snapshot);
    if (c) sl_jset(o, "caveat", c, &bad);
    sl_jset(o, "sources", srcs, &bad);
    return sl_json_built(&o, bad, err) ? NULL : o;
}

sl_status sl_tracker_check_day(const char *option, const char *date, sl_error *err)
{
    sl_date d;
    if (date && !sl_date_parse_day(date, &d))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "%s wants " SL_DATE_DAY_FORM ", not '%s'", option, date);
    return SL_OK;
}

void sl_tracker_agency_states(sl_partnership_list *rows, const sl_agency_list *reg)
{
    for (size_t i = 0; i < rows->count; i++) {
        sl_partnership *p = &rows->items[i];
        const sl_agency *a = p->agency_id > 0 ? sl_find_agency(reg, p->agency_id) : NULL;
        if (a && a->state && a->state[0]) p->state = a->state;
    }
}

int sl_tracker_state_is(const sl_partnership *p, const char *states)
{
    return !states || sl_list_has(states, p->state, 1);
}

sl_status sl_tracker_check_states(const char *option, const char *list, char *out, size_t size, sl_error *err)
{
    size_t len, w = 0;
    if (out && size) out[0] = '\0';
    for (const char *c = list, *item; (item = sl_list_next(&c, &len));) { /* "IL,in": each a postal code */
        char code[8] = "";
        if (len < sizeof code) memcpy(code, item, len);
        if (len >= sizeof code || !sl_state_known(sl_state_canonical(code, code, sizeof code))) { /* NB: NE */
            const char *named = sl_state_of_name(item, len);
            return sl_fail(err, SL_EUSAGE, NULL, 0, "%s wants postal codes of US states, DC or territories "
                           "(IL or IL,IN), not '%.*s'%s%s%s%s", option, (int)len, item, named ? ": " : "",
                           named ? option : "", named ? " " : "", named ? named : "");
        }
        if (out && w + 4 > size) return sl_fail(err, SL_EUSAGE, NULL, 0, "%s names too many states", option);
        if (out) w += (size_t)snprintf(out + w, size - w, "%s%s", w ? "," : "", code);
    }
    return SL_OK;
}

static sl_status check_query(const sl_tracker_query *q, sl_error *err)
{
    if (sl_tracker_check_day("--since", q->since, err) || sl_tracker_check_day("--until", q->until, err) ||
        sl_tracker_check_day("--snapshot", q->snapshot, err))
        return err->status;
    if (q->since && q->until && day_number(q->since) > day_number(q->until))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--since %s is after --until %s: no row can be in both", q->since,
                       q->until);
    if (sl_tracker_check_states("--state", q->state, NULL, 0, err)) return err->status;
    if (q->by && strcmp(q->by, "year") && strcmp(q->by, "month") && strcmp(q->by, "state") &&
        strcmp(q->by, "type") && strcmp(q->by, "tech"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--by is one of year, month, state, type, tech; not '%s'", q->by);
    return SL_OK;
}

/* LIST of postal codes, checked by check_query, as the store spells them
** (sl_state_canonical, code by code): "ne,NB" reads "NE,NE". An arena copy;
** NULL stays NULL, and so does a list out of memory (caught by the caller). */
static const char *canonical_states(const char *list, sl_arena *a)
{
    char *out = list ? sl_arena_strdup(a, list) : NULL;
    size_t len;
    for (const char *c = out, *item; out && (item = sl_list_next(&c, &len));) {
        char code[3] = {item[0], item[1], '\0'}; /* len is 2: check_query */
        if (len == 2) memcpy(out + (item - out), sl_state_canonical(code, code, sizeof code), 2);
    }
    return out;
}

sl_status sl_tracker_checked(const sl_tracker_query *query, sl_tracker_query *q, sl_arena *a, sl_error *err)
{
    *q = *query;
    sl_status s = check_query(q, err);
    if (!s && q->state && !(q->state = canonical_states(query->state, a)))
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    return s;
}

/* 1: row P counts in the figures under Q; -1: it is only "uncertain" (its
** month or year straddles --since or --until); 0: left out. */
static int row_class(const sl_tracker_query *q, const sl_partnership *p)
{
    return selected(q, p) ? sl_tracker_window_class(q, p) : 0;
}

int sl_tracker_keeps(const sl_tracker_query *q, const sl_partnership *p)
{
    return row_class(q, p) != 0;
}

int sl_tracker_counts(const sl_tracker_query *q, const sl_partnership *p)
{
    return row_class(q, p) > 0;
}

static int by_type_nocase(const void *a, const void *b)
{
    const sl_partnership *x = *(const sl_partnership *const *)a, *y = *(const sl_partnership *const *)b;
    int c = strcasecmp(x->agency_type, y->agency_type);
    return c ? c : strcmp(x->agency_type, y->agency_type);
}

/* The rule of sl_tracker_one_spelling_per_type (tracker_internal.h): the
** Atlas writes "State Police" 55 times and "State police" 25; the spelling
** most rows use wins, so --by type neither splits a type in two nor depends
** on the order of the rows. */
int sl_tracker_one_spelling_per_type(sl_partnership_list *l)
{
    sl_partnership **v = malloc((l->count + 1) * sizeof *v);
    if (!v) return -1;
    for (size_t i = 0; i < l->count; i++) v[i] = &l->items[i];
    qsort(v, l->count, sizeof *v, by_type_nocase);
    for (size_t lo = 0, hi; lo < l->count; lo = hi) {
        const char *best = v[lo]->agency_type;
        size_t most = 0;
        for (hi = lo; hi < l->count && !strcasecmp(v[hi]->agency_type, v[lo]->agency_type);) {
            size_t same = hi;
            while (hi < l->count && !strcmp(v[hi]->agency_type, v[same]->agency_type)) hi++;
            if (hi - same > most) most = hi - same, best = v[same]->agency_type;
        }
        for (size_t i = lo; i < hi; i++) v[i]->agency_type = best;
    }
    free(v);
    return 0;
}

sl_status sl_tracker_rows(sl_store *st, const sl_tracker_query *query, sl_tracker_query *q, sl_arena *arena,
                          const char **snapshot, sl_partnership_list *rows, sl_error *err)
{
    sl_status s = sl_tracker_checked(query, q, arena, err);
    if (!s) s = sl_resolve_snapshot(st, q->snapshot, arena, snapshot, err);
    if (!s) s = since_within(st, q, *snapshot, arena, err);
    if (!s) s = sl_store_load_partnerships(st, *snapshot, rows, err);
    if (!s && sl_tracker_one_spelling_per_type(rows)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    return s;
}

sl_status sl_tracker_run(sl_store *st, const sl_tracker_query *query, json_t **out, sl_error *err)
{
    sl_arena arena = {0};
    const char *snapshot;
    sl_partnership_list rows = {0};
    sl_agency_list reg = {0};
    sl_atlas_imports atlas = {0};
    tally t = {.atlas = &atlas};
    sl_tracker_query canon, *q = &canon;
    *out = NULL;
    sl_status s = sl_tracker_rows(st, query, q, &arena, &snapshot, &rows, err);
    if (!s) s = sl_store_load_agencies(st, &reg, err);
    if (!s) sl_tracker_agency_states(&rows, &reg);
    if (!s) s = sl_atlas_imports_load(st, &atlas, err);
    if (!s) {
        t.by_year = sl_jok(json_object(), &t.bad);
        t.by = sl_jok(json_object(), &t.bad);
        t.by_year_uncertain = sl_jok(json_object(), &t.bad);
        t.by_uncertain = sl_jok(json_object(), &t.bad);
        t.unlinked_by = sl_jok(json_object(), &t.bad);
        t.keys = calloc(rows.count + 1, sizeof *t.keys);
        t.partnered_id = calloc(rows.count + 1, sizeof *t.partnered_id);
        char *keybufs = calloc(rows.count + 1, 128);
        if (!s && (!t.keys || !t.partnered_id || !keybufs)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        for (size_t i = 0; !s && i < rows.count; i++) {
            const sl_partnership *p = &rows.items[i];
            int c = row_class(q, p);
            if (c > 0) count_row(&t, q, p, keybufs + 128 * t.total);
            else if (c < 0) count_uncertain(&t, q, p);
            else if ((q->since || q->until) && p->start.precision == SL_PREC_UNKNOWN && selected(q, p))
                t.window_undated++;
        }
        if (!s && !(*out = result_json(st, q, snapshot, &reg, &t, err))) s = err->status ? err->status : SL_ENOMEM;
        json_t *since = s || !q->since ? NULL : json_object_get(*out, "since"); /* and in partnerships */
        if (since && json_object_set_new(since, "partnerships", sl_tracker_since_partnerships(q, &rows, t.since_count, &reg)))
            s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        json_t *m = s ? NULL : no_match(q, &rows, snapshot);
        if (m && json_object_set_new(*out, "no_match", m)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        free(keybufs);
    }
    json_decref(t.by_year);
    json_decref(t.by);
    json_decref(t.by_year_uncertain);
    json_decref(t.by_uncertain);
    json_decref(t.unlinked_by);
    free(t.keys);
    free(t.partnered_id);
    sl_partnership_list_free(&rows);
    sl_agency_list_free(&reg);
    sl_atlas_imports_free(&atlas);
    sl_arena_free(&arena);
    return s;
}

sl_status sl_tracker_unmatched(sl_store *st, const sl_tracker_query *query, json_t **out,
                               sl_error *err)
{
    sl_arena arena = {0};
    const char *snapshot;
    sl_partnership_list rows = {0};
    sl_tracker_query canon, *q = &canon;
    *out = NULL;
    sl_status s = sl_tracker_checked(query, q, &arena, err);
    if (!s) s = sl_resolve_snapshot(st, q->snapshot, &arena, &snapshot, err);
    if (!s) s = sl_store_load_partnerships(st, snapshot, &rows, err);
    if (!s) {
        int bad = 0;
        json_t *list = sl_jok(json_array(), &bad);
        for (size_t i = 0; i < rows.count; i++) {
            const sl_partnership *p = &rows.items[i];
            if (p->agency_id || !sl_tracker_keeps(q, p)) continue;
            /* the record id is what `import links` links a row by: as sl_tracker_links gives it */
            sl_jpush(list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:o}", "agency", p->agency,
                                     "city", p->city, "county", p->county, "state", p->state,
                                     "technology", p->technology, "line", (json_int_t)p->line, "record_id",
                                     p->record_id && *p->record_id ? json_string(p->record_id) : json_null()),
                     &bad);
        }
        *out = json_pack("{s:s, s:I, s:o}", "snapshot", snapshot, "count",
                         (json_int_t)json_array_size(list), "rows", list);
        s = sl_json_built(out, bad, err);
    }
    sl_partnership_list_free(&rows);
    sl_arena_free(&arena);
    return s;
}
