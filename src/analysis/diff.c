/*
** diff.c — what changed between two partnership snapshots.
**
** A partnership is identified by agency (registry link, else state + name)
** and technology. Rows are sorted by that identity and merged, so the diff
** is O(n log n) however large the snapshots grow; then an ended and a new
** row of one record (the Atlas number) are paired as one changed
** partnership, its agency renamed or its technology relabelled.
*/
#include "sightline/analysis/tracker.h"
#include "sightline/core/json.h"
#include "sightline/core/json_build.h"
#include "sightline/core/text.h"
#include "tracker_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct keyed {
    char key[192];
    const sl_partnership *p;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

/* Keyed, sorted rows of a snapshot that match TECH; NULL when out of memory. */
static keyed *key_rows(const sl_partnership_list *l, const char *tech, const char *states, size_t *n)
{
    keyed *k = calloc(l->count + 1, sizeof *k);
    if (!k) return NULL;
    *n = 0;
    for (size_t i = 0; i < l->count; i++) {
        const sl_partnership *p = &l->items[i];
        if (!sl_tracker_tech_is(p, tech) || !sl_tracker_state_is(p, states)) continue;
        sl_partnership_key(p, k[*n].key, sizeof k[*n].key);
        k[*n].p = p;
        (*n)++;
    }
    qsort(k, *n, sizeof *k, cmp_keyed);
    return k;
}

/* The ORI of row P's registry agency in REG; "" when the row is unlinked. */
static const char *ori_of(const sl_partnership *p, const sl_agency_list *reg)
{
    const sl_agency *a = p->agency_id > 0 ? sl_find_agency(reg, p->agency_id) : NULL;
    return a && a->ori ? a->ori : "";
}

/* A row as the diff lists it; dated_by_source says whether its start is a
** start (a Ring row) or a cited source's date, for the words beside it.
** record_id (the Atlas number) finds the row in the export and ori the
** agency in the registry, for whoever calls each agency on the list; both
** null when not known. The store's own agency number was here, and named
** nothing outside the store. */
static json_t *row_json(const sl_partnership *p, const sl_agency_list *reg)
{
    char date[11];
    const char *ori = ori_of(p, reg);
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:b}", "agency", p->agency, "state", p->state,
                     "city", p->city ? p->city : "",
                     "record_id", p->record_id && *p->record_id ? json_string(p->record_id) : json_null(),
                     "ori", *ori ? json_string(ori) : json_null(), "technology", p->technology,
                     "start", sl_date_format(&p->start, date), "start_precision",
                     sl_precision_name(p->start.precision), "vendor", p->vendor, "dated_by_source",
                     sl_tracker_dated_by_source(p));
}

/* Record FIELD as changed when both sides state it and they differ: a
** source that does not carry a field (a Ring map export has no vendor) does
** not change it. LABEL names it in the row's what_changed text, TEXT. */
static void compare(json_t *fields, FILE *text, const char *field, const char *label, const char *a,
                    const char *b, int *bad)
{
    if (!a[0] || !b[0] || strcmp(a, b) == 0) return;
    sl_jset(fields, field, json_pack("{s:s, s:s}", "from", a, "to", b), bad);
    if (text) fprintf(text, "%s%s: %s \xe2\x86\x92 %s", ftell(text) ? "; " : "", label, a, b); /* U+2192 */
}

/* The fields that differ between two rows of the same partnership, as
** {field: {from, to}} in "changes" and in words in "what_changed"
** ("vendor: Vendor A \u2192 Vendor B; start: ..."), the text every list of
** changed rows shows (CLI, CSV, dashboard, report); NULL when none differs
** (a failure to build sets *bad). */
static json_t *changes(const sl_partnership *a, const sl_partnership *b, int same_record,
                       const sl_agency_list *reg, int *bad)
{
    json_t *fields = sl_jok(json_object(), bad);
    char da[11], db[11], *words = NULL;
    size_t len = 0;
    FILE *text = open_memstream(&words, &len);
    if (!text) *bad = 1;
    /* an Atlas date of any technology but Ring is a cited source's, not a start */
    compare(fields, text, "start", sl_tracker_dated_by_source(b) ? "date" : "start", sl_date_format(&a->start, da),
            sl_date_format(&b->start, db), bad);
    compare(fields, text, "vendor", "vendor", a->vendor, b->vendor, bad);
    compare(fields, text, "agency_type", "agency type", a->agency_type, b->agency_type, bad);
    if (same_record) { /* one Atlas record, its agency spelt or placed otherwise, its technology relabelled */
        compare(fields, text, "agency", "agency", a->agency, b->agency, bad);
        compare(fields, text, "state", "state", a->state, b->state, bad);
        compare(fields, text, "technology", "technology", a->technology, b->technology, bad);
        /* its link to the registry: "none" when one side has none, so that a lost link shows */
        const char *oa = ori_of(a, reg), *ob = ori_of(b, reg);
        if (*oa || *ob) compare(fields, text, "ori", "ORI", *oa ? oa : "none", *ob ? ob : "none", bad);
    }
    if (text && fclose(text)) *bad = 1;
    json_t *row = NULL;
    if (json_object_size(fields) > 0) {
        row = sl_jok(row_json(b, reg), bad);
        sl_jset(row, "changes", json_incref(fields), bad);
        sl_jset(row, "what_changed", words ? json_string(words) : NULL, bad);
    }
    json_decref(fields);
    free(words);
    return row;
}

/* A row's record as the list numbers it: its record id (the Atlas number,
** one agency's one technology), "" without an id. */
static void record_key(const sl_partnership *p, char *out, size_t size)
{
    snprintf(out, size, "%s", p->record_id ? p->record_id : "");
}

/* Pair the ended rows GONE[0..ng) with the new rows CAME[0..nc) of the same
** record (record_key): the Atlas's AOS3780 under "Police Dept." in one export
** and "Police Department" in the other is one partnership whose name changed,
** not one ended and one new (an agency the registry does not link is keyed by
** its name), and so is a record whose technology was relabelled (every Ring
** row "Ring-Neighbors Partnership": else all ended and all new). A pair goes
** to CHANGED (its agency or technology: old -> new) and leaves both lists
** (set to NULL). */
static void pair_records(const sl_partnership **gone, size_t ng, const sl_partnership **came, size_t nc,
                         const sl_agency_list *reg, json_t *changed, int *bad)
{
    keyed *k = calloc(nc + 1, sizeof *k);
    size_t n = 0;
    if (!k) {
        *bad = 1;
        return;
    }
    for (size_t j = 0; j < nc; j++) {
        record_key(came[j], k[n].key, sizeof k[n].key);
        if (k[n].key[0]) k[n++].p = came[j];
    }
    qsort(k, n, sizeof *k, cmp_keyed);
    for (size_t i = 0; i < ng; i++) {
        keyed want = {.p = NULL};
        record_key(gone[i], want.key, sizeof want.key);
        keyed *hit = want.key[0] ? bsearch(&want, k, n, sizeof *k, cmp_keyed) : NULL;
        while (hit && hit > k && !strcmp(hit[-1].key, want.key)) hit--; /* the first of repeats */
        while (hit && hit < k + n && !strcmp(hit->key, want.key) && !hit->p) hit++; /* paired already */
        if (!hit || hit == k + n || strcmp(hit->key, want.key)) continue;
        json_t *row = changes(gone[i], hit->p, 1, reg, bad);
        if (row) sl_jpush(changed, row, bad);
        for (size_t j = 0; j < nc; j++)
            if (came[j] == hit->p) came[j] = NULL;
        hit->p = NULL;
        gone[i] = NULL;
    }
    free(k);
}

/* One partnership's rows in both snapshots, A[0..na) and B[0..nb): what
** changed, or NULL. Rows of one record (the Atlas number) in both are
** compared, names too: a registry-linked agency spelt otherwise in the later
** export is the same partnership, and its new name is a change to show. An
** agency listed twice compares each record with its own, never one record's
** name with another's (two rows, two spellings: no change). Only when no
** record is in both are the first rows compared, without names. */
static json_t *group_changes(const keyed *a, size_t na, const keyed *b, size_t nb, const sl_agency_list *reg,
                             int *bad)
{
    int paired = 0;
    for (size_t i = 0; i < na; i++) {
        const char *ra = a[i].p->record_id;
        for (size_t j = 0; ra && ra[0] && j < nb; j++) {
            const char *rb = b[j].p->record_id;
            if (!rb || strcmp(ra, rb)) continue;
            paired = 1;
            json_t *row = changes(a[i].p, b[j].p, 1, reg, bad);
            if (row) return row;
        }
    }
    return paired ? NULL : changes(a[0].p, b[0].p, 0, reg, bad);
}

/* When a new row P began, against FROM_DAY (yyyymmdd of the earlier
** snapshot): "between" the snapshots, "before" (on or before the earlier
** one's day: a partnership the list added late, not one begun since), or
** "not_known" (undated, or a month or year straddling the day); NULL when
** its date is a cited source's, no start (sl_tracker_dated_by_source).
** "N agencies began a partnership between A and B" counts "between" only:
** of the list's new rows, some began a year before. */
static const char *began(const sl_partnership *p, long from_day)
{
    if (sl_tracker_dated_by_source(p)) return NULL;
    if (p->start.precision == SL_PREC_UNKNOWN) return "not_known";
    return sl_date_last_day(&p->start) <= from_day ? "before"
           : sl_date_first_day(&p->start) > from_day ? "between" : "not_known";
}

/* Merge two sorted keyed lists into new/ended/changed. Repeated keys within a
** snapshot (the same partnership listed twice) are one partnership
** (group_changes). A row of one record in both that the keys part is paired
** (pair_records). */
static void merge(const keyed *a, size_t na, const keyed *b, size_t nb, const sl_agency_list *reg, long from_day,
                  json_t *added, json_t *ended, json_t *changed, int *bad)
{
    const sl_partnership **gone = calloc(na + 1, sizeof *gone), **came = calloc(nb + 1, sizeof *came);
    size_t i = 0, j = 0, ng = 0, nc = 0;
    if (!gone || !came) *bad = 1;
    while (gone && came && (i < na || j < nb)) {
        int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i].key, b[j].key);
        if (c < 0) gone[ng++] = a[i].p;
        if (c > 0) came[nc++] = b[j].p;
        const char *ka = c <= 0 ? a[i].key : NULL, *kb = c >= 0 ? b[j].key : NULL;
        size_t ie = i, je = j;
        if (ka) while (ie < na && strcmp(a[ie].key, ka) == 0) ie++;
        if (kb) while (je < nb && strcmp(b[je].key, kb) == 0) je++;
        if (c == 0) {
            json_t *row = group_changes(a + i, ie - i, b + j, je - j, reg, bad);
            if (row) sl_jpush(changed, row, bad);
        }
        i = ie, j = je;
    }
    if (gone && came) pair_records(gone, ng, came, nc, reg, changed, bad);
    for (i = 0; gone && i < ng; i++)
        if (gone[i]) sl_jpush(ended, row_json(gone[i], reg), bad);
    for (j = 0; came && j < nc; j++) {
        json_t *row = came[j] ? sl_jok(row_json(came[j], reg), bad) : NULL;
        const char *when = came[j] ? began(came[j], from_day) : NULL;
        if (row) sl_jset(row, "began", when ? json_string(when) : json_null(), bad);
        if (row) sl_jpush(added, row, bad);
    }
    free(gone);
    free(came);
}

/* 1 when an ended row E and a new row A may be one partnership renamed: the
** same state, city, technology and start (to the day, month or year given),
** and not two registry agencies (those are two agencies, and one agency
** under two names is one key already). A Ring map export has no record id
** to pair them by (pair_records); its "Manheim/Lancaster Township Police
** Department" listed anew as "Manheim Township Police Department" was one
** ended and one new, with nothing to say they may be one. */
static int maybe_renamed(json_t *e, json_t *a)
{
    const char *city = sl_json_str(e, "city"), *start = sl_json_str(e, "start");
    return *city && *start && !json_object_get(e, "maybe_same_as") && !json_object_get(a, "maybe_same_as") &&
           !(json_is_string(json_object_get(e, "ori")) && json_is_string(json_object_get(a, "ori"))) &&
           !strcmp(sl_json_str(e, "state"), sl_json_str(a, "state")) && !strcasecmp(city, sl_json_str(a, "city")) &&
           !strcasecmp(sl_json_str(e, "technology"), sl_json_str(a, "technology")) &&
           !strcmp(start, sl_json_str(a, "start"));
}

/* Into ROW, the row OTHER of the snapshot of WHEN that it may be one
** partnership with: maybe_same_as {agency, record_id, ori}, and words in
** what_changed, which the table, the CSV and the dashboard show. */
static void hint(json_t *row, json_t *other, const char *when, const char *listed, int *bad)
{
    char text[400], rec[64] = "";
    const char *id = sl_json_str(other, "record_id");
    if (*id) snprintf(rec, sizeof rec, " (%.40s)", id);
    snprintf(text, sizeof text, "perhaps renamed: %s on %s as %.160s%s, of the same city, technology and start",
             listed, when, sl_json_str(other, "agency"), rec);
    sl_jset(row, "maybe_same_as", json_pack("{s:O, s:O, s:O}", "agency", json_object_get(other, "agency"),
                                            "record_id", json_object_get(other, "record_id"), "ori",
                                            json_object_get(other, "ori")), bad);
    sl_jset(row, "what_changed", json_string(text), bad);
}

/* Mark each ended row of ENDED and new row of ADDED that may be one
** partnership renamed (maybe_renamed), each with the other; how many
** pairs. They stay one ended and one new: the data does not say they are
** one, only that they may be. */
static size_t mark_renamed(json_t *ended, json_t *added, const char *from, const char *to, int *bad)
{
    size_t i, j, n = 0;
    json_t *e, *a;
    json_array_foreach(ended, i, e) json_array_foreach(added, j, a) {
        if (!maybe_renamed(e, a)) continue;
        hint(e, a, to, "listed", bad);
        hint(a, e, from, "listed", bad);
        n++;
    }
    return n;
}

static int cmp_listed(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    const char *f[] = {"state", "agency", "technology", "record_id"};
    int c = 0;
    for (size_t i = 0; !c && i < sizeof f / sizeof *f; i++) c = strcmp(sl_json_str(x, f[i]), sl_json_str(y, f[i]));
    return c;
}

/* LIST's rows by state, then agency name (then technology, record): the
** order a reporter calls them in. The merge leaves them in the order of
** the store's agency numbers, which a reader sees as no order at all. */
static void sort_listed(json_t *list, int *bad)
{
    size_t n = json_array_size(list), i;
    json_t **rows = calloc(n + 1, sizeof *rows), *row;
    if (!rows) {
        *bad = 1;
        return;
    }
    json_array_foreach(list, i, row) rows[i] = json_incref(row);
    qsort(rows, n, sizeof *rows, cmp_listed);
    json_array_clear(list);
    for (i = 0; i < n; i++) sl_jpush(list, rows[i], bad);
    free(rows);
}

/* How many partnerships (distinct keys) the sorted list K of N rows holds. */
static size_t distinct(const keyed *k, size_t n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++) d += i == 0 || strcmp(k[i].key, k[i - 1].key) != 0;
    return d;
}

/* When half or more of the partnerships of FROM "ended" by TO, the later
** snapshot is likelier a partial list (a newsroom's few rows, imported as a
** snapshot of their own) than the end of them: the sentence that says so,
** which every output puts in place of the counts as a finding; NULL when
** fewer ended. */
static json_t *partial_caveat(const char *from, const char *to, size_t ended, size_t in_from, size_t in_to)
{
    if (!in_from || 2 * ended < in_from) return NULL;
    char n[3][32], text[640];
    snprintf(text, sizeof text, "%s of the %s partnerships of the snapshot of %s are not in that of %s, which lists "
             "%s: the later snapshot may be a partial list (a file of some rows imported as a snapshot of its own), "
             "not the end of those partnerships. Check its rows with `sightline info`; rows that add to the list of "
             "%s belong in that snapshot (`sightline rm` the import, then import it with --snapshot %s).",
             sl_thousands((long long)ended, n[0]), sl_thousands((long long)in_from, n[1]), from, to,
             sl_thousands((long long)in_to, n[2]), from, from);
    return json_string(text);
}

/* When a snapshot lists some partnership in more than one row (an agency's
** second row of the same technology, another source's page for it), the
** diff compares partnerships, not rows: a further row is neither new nor
** changed, and the rows' totals move otherwise than the counts. The
** sentence that says so, with both snapshots' rows and partnerships; NULL
** when every row is a partnership of its own. */
static json_t *rows_note(const char *from, const char *to, size_t rows_from, size_t in_from, size_t rows_to,
                         size_t in_to)
{
    if (rows_from == in_from && rows_to == in_to) return NULL;
    char n[4][32], text[640];
    snprintf(text, sizeof text, "The diff compares partnerships (an agency and a technology), not rows: the %s rows "
             "of %s are %s partnerships, the %s rows of %s are %s. A further row of a partnership already listed "
             "is neither new nor changed, so the rows' totals can move otherwise than these counts.",
             sl_thousands((long long)rows_from, n[0]), from, sl_thousands((long long)in_from, n[1]),
             sl_thousands((long long)rows_to, n[2]), to, sl_thousands((long long)in_to, n[3]));
    return json_string(text);
}

/* The figures of a state's row of the diff by state, each 0 at first. */
static const char *const STATE_FIELDS[] = {"new", "ended", "changed", "in_from", "in_to", "unlinked_from",
                                           "unlinked_to", "agencies", "partnered_from", "partnered_to"};
enum { NSTATE_FIELDS = sizeof STATE_FIELDS / sizeof *STATE_FIELDS };

/* Add one to STATE's FIELD in BY ({state: {STATE_FIELDS}}), making the
** state's row at its first mention. */
static void tally(json_t *by, const char *state, const char *field, int *bad)
{
    const char *key = state[0] ? state : "?";
    json_t *c = json_object_get(by, key);
    if (!c) {
        c = sl_jok(json_pack("{s:s}", "state", key), bad);
        for (size_t i = 0; c && i < NSTATE_FIELDS; i++) sl_jset(c, STATE_FIELDS[i], json_integer(0), bad);
        sl_jset(by, key, c, bad);
    }
    json_t *v = json_object_get(c, field);
    if (v) json_integer_set(v, json_integer_value(v) + 1);
}

static int cmp_state(const void *a, const void *b)
{
    return strcmp(sl_json_str(*(json_t *const *)a, "state"), sl_json_str(*(json_t *const *)b, "state"));
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Of the sorted rows K[0..n) of one snapshot, per state: its partnerships
** (distinct keys) into IN, the unlinked ones into UNLINKED, and the distinct
** registry agencies linked into PARTNERED (an agency of two technologies
** is one): the numerator of a share as `partnerships --state` gives it. */
static void tally_snapshot(json_t *by, const keyed *k, size_t n, const sl_agency_list *reg, const char *in,
                           const char *unlinked, const char *partnered, int *bad)
{
    long *ids = malloc((n + 1) * sizeof *ids);
    size_t m = 0, i;
    if (!ids) *bad = 1;
    for (i = 0; i < n; i++) {
        const sl_partnership *p = k[i].p;
        if (i == 0 || strcmp(k[i].key, k[i - 1].key)) {
            tally(by, p->state, in, bad);
            if (!p->agency_id) tally(by, p->state, unlinked, bad);
        }
        if (ids && p->agency_id > 0) ids[m++] = p->agency_id;
    }
    if (ids) qsort(ids, m, sizeof *ids, cmp_long);
    for (i = 0; ids && i < m; i++) {
        const sl_agency *a = i && ids[i] == ids[i - 1] ? NULL : sl_find_agency(reg, ids[i]);
        if (a) tally(by, a->state, partnered, bad);
    }
    free(ids);
}

/* Into ROW (a state's, or the totals), share_from and share_to: each
** snapshot's partnered agencies over the registry's, null when not known
** (no registry agency; none linked while some are not, as the tracker says
** it: sl_tracker_share_known). How the share moved is the yearly question. */
static void shares(json_t *row, int *bad)
{
    const char *sides[][3] = {{"share_from", "partnered_from", "unlinked_from"}, {"share_to", "partnered_to", "unlinked_to"}};
    long agencies = (long)sl_json_int(row, "agencies");
    for (size_t i = 0; i < 2; i++) {
        long partnered = (long)sl_json_int(row, sides[i][1]), unlinked = (long)sl_json_int(row, sides[i][2]);
        sl_jset(row, sides[i][0], agencies > 0 && sl_tracker_share_known(partnered, unlinked)
                                      ? json_real((double)partnered / (double)agencies) : json_null(), bad);
    }
}

/* The diff's counts per state, as "N new, M ended by state" is asked: each
** state's new, ended and changed partnerships, the partnerships each
** snapshot lists there (distinct keys of the sorted lists KA, KB), and the
** denominator: the registry's agencies of the state, and those partnered
** in each snapshot, with their shares. Every registry state (of STATES,
** when given) is a row, changes or none, as `partnerships --by state`
** gives them: Montana's 0 of 115 is a figure. In the order of the states'
** codes; the rows add up to the totals, added to COUNTS. */
static json_t *by_state(const keyed *ka, size_t na, const keyed *kb, size_t nb, json_t *added, json_t *ended,
                        json_t *changed, const sl_agency_list *reg, const char *states, json_t *counts, int *bad)
{
    json_t *by = sl_jok(json_object(), bad), *lists[] = {added, ended, changed}, *row;
    const char *names[] = {"new", "ended", "changed"};
    size_t i;
    for (size_t k = 0; by && k < 3; k++)
        json_array_foreach(lists[k], i, row) tally(by, sl_json_str(row, "state"), names[k], bad);
    if (by) tally_snapshot(by, ka, na, reg, "in_from", "unlinked_from", "partnered_from", bad);
    if (by) tally_snapshot(by, kb, nb, reg, "in_to", "unlinked_to", "partnered_to", bad);
    for (i = 0; by && i < reg->count; i++)
        if (!states || sl_list_has(states, reg->items[i].state, 1)) tally(by, reg->items[i].state, "agencies", bad);
    size_t n = by ? json_object_size(by) : 0, j = 0;
    json_t **sorted = calloc(n + 1, sizeof *sorted), *out = sl_jok(json_array(), bad);
    const char *key;
    json_t *v;
    if (!sorted) *bad = 1;
    if (sorted && by) json_object_foreach(by, key, v) sorted[j++] = v;
    if (sorted) qsort(sorted, j, sizeof *sorted, cmp_state);
    for (i = 0; sorted && i < j; i++) {
        shares(sorted[i], bad);
        for (size_t f = 5; f < NSTATE_FIELDS; f++) /* the totals of the figures COUNTS lacks */
            sl_jset(counts, STATE_FIELDS[f], json_integer(sl_json_int(counts, STATE_FIELDS[f]) +
                                                          sl_json_int(sorted[i], STATE_FIELDS[f])), bad);
        sl_jpush(out, json_incref(sorted[i]), bad);
    }
    shares(counts, bad);
    free(sorted);
    json_decref(by);
    return out;
}

/* The files SNAPSHOT was imported from, into O as KEY ("a.csv", or "a.csv +
** b.csv" when several imports make it) and KEY + "s" (the sources, each with
** its file, sha256, rows and time of import): "2021-10-07" alone does not
** tell an editor which export it is. */
static sl_status snapshot_files(sl_store *st, const char *snapshot, json_t *o, const char *key, sl_error *err)
{
    json_t *list = sl_sources_json(st, "partnerships", snapshot, err), *src;
    if (!list) return err->status ? err->status : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    char *names = NULL, many[64];
    size_t len = 0, i;
    FILE *f = open_memstream(&names, &len);
    int bad = !f;
    json_array_foreach(list, i, src) if (f) fprintf(f, "%s%s", i ? " + " : "", sl_json_str(src, "file"));
    if (f && fclose(f)) bad = 1;
    snprintf(many, sizeof many, "%ss", key);
    if (!bad) sl_jset(o, key, json_string(names), &bad);
    sl_jset(o, many, list, &bad);
    free(names);
    return bad ? sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory") : SL_OK;
}

/* Into COUNTS, how many of the new rows ADDED began between the snapshots,
** before the earlier one, or not known (began); the rows dated by a cited
** source count in none. */
static void began_counts(json_t *counts, json_t *added, int *bad)
{
    const char *kinds[] = {"between", "before", "not_known"};
    for (size_t k = 0; k < 3; k++) {
        size_t i, n = 0;
        json_t *row;
        json_array_foreach(added, i, row) n += !strcmp(sl_json_str(row, "began"), kinds[k]);
        char name[32];
        snprintf(name, sizeof name, "new_began_%s", kinds[k]);
        sl_jset(counts, name, json_integer((json_int_t)n), bad);
    }
}

/* What "ended" says, beside its count: a row the earlier list had and the
** later lacks. Neither list says why it went: a watchdog printing "M ended"
** would say what the data does not. NULL when none ended. */
static json_t *ended_note(const char *from, const char *to, size_t ended)
{
    if (!ended) return NULL;
    char text[640];
    snprintf(text, sizeof text, "\"Ended\" means listed in the snapshot of %s and not in that of %s: the list dropped "
             "the row. Neither list says why: the partnership may have ended, or the list's makers removed, merged "
             "or corrected the row (an agency listed anew under another name and record id is one ended and one "
             "new). Ask each agency before writing that its partnership ended.", from, to);
    return json_string(text);
}

static json_t *diff_json(const char *from, const char *to, const char *tech, json_t *added,
                         json_t *ended, json_t *changed, size_t in_from, size_t in_to, int *bad)
{
    json_t *o = json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I}}", "from", from, "to", to, "counts", "new",
                          (json_int_t)json_array_size(added), "ended", (json_int_t)json_array_size(ended),
                          "changed", (json_int_t)json_array_size(changed), "in_from", (json_int_t)in_from,
                          "in_to", (json_int_t)in_to);
    if (tech) sl_jset(o, "tech", json_string(tech), bad);
    json_t *c = partial_caveat(from, to, json_array_size(ended), in_from, in_to),
           *e = ended_note(from, to, json_array_size(ended));
    if (c) sl_jset(o, "caveat", c, bad);
    if (e) sl_jset(o, "ended_note", e, bad);
    began_counts(json_object_get(o, "counts"), added, bad);
    sl_jset(o, "new", added, bad);
    sl_jset(o, "ended", ended, bad);
    sl_jset(o, "changed", changed, bad);
    return sl_jok(o, bad);
}

/* For a --tech TECH that no row of either snapshot (A of FROM, B of TO)
** matches, whatever the state (a typo, "rign"), the sentence that says so,
** as the tracker's "no_match": else its 0 new and 0 ended read as a year
** without change. NULL when some row matches, or no TECH. */
static json_t *tech_unmatched(const sl_partnership_list *a, const sl_partnership_list *b, const char *tech,
                              const char *from, const char *to)
{
    if (!tech || !*tech) return NULL;
    for (size_t i = 0; i < a->count; i++)
        if (sl_tracker_tech_is(&a->items[i], tech)) return NULL;
    for (size_t i = 0; i < b->count; i++)
        if (sl_tracker_tech_is(&b->items[i], tech)) return NULL;
    char text[400];
    snprintf(text, sizeof text, "No partnership in the snapshots of %s and %s has a technology matching “%.80s”: "
             "`sightline partnerships --by tech` lists those a snapshot holds.", from, to, tech);
    return json_string(text);
}

/* A store of one snapshot (the real export of 2020-10-07 alone) has
** nothing to compare: said as that, not as a date given wrong. */
static sl_status one_snapshot(sl_store *st, sl_arena *arena, sl_error *err)
{
    const char **dates;
    size_t n;
    if (sl_store_snapshots(st, arena, &dates, &n, err)) return err->status;
    if (n != 1) return SL_OK;
    return sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                   "a diff compares two snapshots of the partnership data, and this store holds one, of %s: import "
                   "an export of another day (sightline import partnerships FILE --snapshot DATE) to compare it "
                   "with", dates[0]);
}

sl_status sl_tracker_diff(sl_store *st, const char *from, const char *to, const char *tech,
                          json_t **out, sl_error *err)
{
    return sl_tracker_diff_states(st, from, to, tech, NULL, out, err);
}

sl_status sl_tracker_diff_states(sl_store *st, const char *from, const char *to, const char *tech, const char *list,
                                 json_t **out, sl_error *err)
{
    char states[256];
    sl_arena arena = {0};
    const char *snap_a = NULL, *snap_b = NULL;
    sl_partnership_list la = {0}, lb = {0};
    sl_agency_list reg = {0};
    keyed *ka = NULL, *kb = NULL;
    size_t na = 0, nb = 0;
    *out = NULL;
    if (!from || !to) return sl_fail(err, SL_EUSAGE, NULL, 0, "diff needs --from DATE and --to DATE");
    if (sl_tracker_check_day("--from", from, err) || sl_tracker_check_day("--to", to, err) ||
        sl_tracker_check_states("--state", list, states, sizeof states, err))
        return err->status;
    /* turned round, every ended partnership would be listed as new: both are
    ** YYYY-MM-DD, so their text sorts as their days */
    if (strcmp(from, to) > 0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--from %s is after --to %s: the diff would list ended "
                       "partnerships as new; give the earlier date as --from", from, to);
    sl_status s = one_snapshot(st, &arena, err);
    if (!s) s = sl_resolve_snapshot(st, from, &arena, &snap_a, err);
    if (!s) s = sl_resolve_snapshot(st, to, &arena, &snap_b, err);
    if (!s && strcmp(snap_a, snap_b) == 0)
        s = sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                    "%s and %s fall in the same snapshot (%s): nothing to compare", from, to, snap_a);
    if (!s) s = sl_store_load_partnerships(st, snap_a, &la, err);
    if (!s) s = sl_store_load_partnerships(st, snap_b, &lb, err);
    if (!s) s = sl_store_load_agencies(st, &reg, err);
    /* a linked row is of its agency's state, as `partnerships --state` counts
    ** it: the Atlas's Wall Township PD, filed under NH and linked to NJ's
    ** agency, was NH's here and NJ's there (115 and 116 of NJ's) */
    if (!s) sl_tracker_agency_states(&la, &reg);
    if (!s) sl_tracker_agency_states(&lb, &reg);
    if (!s && (!(ka = key_rows(&la, tech, list ? states : NULL, &na)) ||
               !(kb = key_rows(&lb, tech, list ? states : NULL, &nb))))
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) {
        int bad = 0; /* a row that could not be built fails the diff: never a short list */
        json_t *added = sl_jok(json_array(), &bad), *ended = sl_jok(json_array(), &bad),
               *changed = sl_jok(json_array(), &bad);
        sl_date from_date;
        long from_day = sl_date_parse(snap_a, NULL, &from_date) ? sl_date_first_day(&from_date) : 0;
        merge(ka, na, kb, nb, &reg, from_day, added, ended, changed, &bad);
        sort_listed(added, &bad), sort_listed(ended, &bad), sort_listed(changed, &bad);
        size_t renamed = mark_renamed(ended, added, snap_a, snap_b, &bad);
        /* before diff_json takes the lists (on a failure it may free them) */
        json_t *totals = sl_jok(json_object(), &bad),
               *states_counts = by_state(ka, na, kb, nb, added, ended, changed, &reg, list ? states : NULL, totals, &bad);
        size_t in_a = distinct(ka, na), in_b = distinct(kb, nb);
        *out = diff_json(snap_a, snap_b, tech, added, ended, changed, in_a, in_b, &bad);
        json_t *counts = json_object_get(*out, "counts"), *note = rows_note(snap_a, snap_b, na, in_a, nb, in_b);
        if (counts && totals) json_object_update_missing(counts, totals);
        json_decref(totals);
        sl_jset(counts, "rows_from", json_integer((json_int_t)na), &bad);
        sl_jset(counts, "maybe_renamed", json_integer((json_int_t)renamed), &bad);
        sl_jset(counts, "rows_to", json_integer((json_int_t)nb), &bad);
        if (note) sl_jset(*out, "rows_note", note, &bad);
        sl_jset(*out, "by_state", states_counts, &bad);
        if (list) sl_jset(*out, "states", json_string(states), &bad);
        json_t *unmatched = tech_unmatched(&la, &lb, tech, snap_a, snap_b);
        if (unmatched) sl_jset(*out, "no_match", unmatched, &bad);
        s = sl_json_built(out, bad, err);
        if (!s) s = snapshot_files(st, snap_a, *out, "from_file", err);
        if (!s) s = snapshot_files(st, snap_b, *out, "to_file", err);
        if (s) json_decref(*out), *out = NULL;
    }
    free(ka);
    free(kb);
    sl_partnership_list_free(&la);
    sl_partnership_list_free(&lb);
    sl_agency_list_free(&reg);
    sl_arena_free(&arena);
    return s;
}
