/*
** headlines.c — the sentences at the top of the report, written from the
** figures so that each carries its denominator and date, the way a story
** would print it ("N agencies partnered since DATE: X% of Y ...").
** Each headline also lists the figures it quotes, for summary.json.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"
#include "sightline/analysis/tracker.h"
#include "sightline/core/text.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The synthetic sources among the layers LAYERS ("posts,sites") a headline
** rests on (summary.synthetic_layers), as a new array, possibly empty. */
static json_t *synthetic_files(audit *a, const char *layers)
{
    json_t *all = json_object_get(a->summary, "synthetic_layers"), *files = json_array();
    char copy[128];
    snprintf(copy, sizeof copy, "%s", layers);
    for (char *save, *l = strtok_r(copy, ",", &save); l; l = strtok_r(NULL, ",", &save))
        json_array_extend(files, json_object_get(all, l));
    return files;
}

/* A layer as a reader calls it. */
static const char *layer_words(const char *layer)
{
    static const char *const WORDS[][2] = {{"partnerships", "partnerships"}, {"agencies", "agencies"},
                                           {"posts", "posts"},               {"cameras", "cameras"},
                                           {"sites", "sites"},               {"requests", "police requests"},
                                           {"areas", "areas"}};
    for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++)
        if (!strcmp(WORDS[i][0], layer)) return WORDS[i][1];
    return layer;
}

/* " (synthetic demo data: posts and sites)": the invented layers of LAYERS,
** named as a reader calls them, for a store that is all invented (the demo;
** its files are listed under Sources and in summary.json). */
static void demo_note(audit *a, const char *layers, char *text, size_t size)
{
    json_t *all = json_object_get(a->summary, "synthetic_layers");
    const char *named[8];
    size_t k = 0, n;
    char copy[128];
    snprintf(copy, sizeof copy, "%s", layers);
    for (char *save, *l = strtok_r(copy, ",", &save); l && k < 8; l = strtok_r(NULL, ",", &save))
        if (json_array_size(json_object_get(all, l))) named[k++] = layer_words(l);
    for (size_t i = 0; i < k; i++) {
        n = strlen(text);
        snprintf(text + n, size - n, "%s%s", i == 0 ? " (synthetic demo data: " : i + 1 == k ? " and " : ", ", named[i]);
    }
    n = strlen(text);
    if (k) snprintf(text + n, size - n, ")");
}

/* A headline resting on synthetic sources says so in its own text, so the
** sentence cannot be quoted without it (and only such sentences carry it):
** in the demo by its layers, else by the invented files among real ones,
** which are what a reader would remove (`sightline rm`). */
void sl_audit_headline_add(audit *a, const char *layers, json_t *figures, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    /* a state's report: every headline says so, so none is quoted as national */
    int w = a->scope ? snprintf(text, sizeof text, "%s: ", a->scope_label) : 0;
    vsnprintf(text + w, sizeof text - (size_t)w, fmt, ap);
    va_end(ap);
    json_t *files = synthetic_files(a, layers), *f;
    size_t i, n;
    if (json_is_true(json_object_get(a->summary, "synthetic"))) demo_note(a, layers, text, sizeof text);
    else json_array_foreach(files, i, f) {
        n = strlen(text);
        snprintf(text + n, sizeof text - n, "%s%s", i ? ", " : " (synthetic data: ", json_string_value(f));
    }
    n = strlen(text);
    if (json_array_size(files) && !json_is_true(json_object_get(a->summary, "synthetic")))
        snprintf(text + n, sizeof text - n, ")");
    json_t *h = json_pack("{s:s, s:o}", "text", text, "figures", figures);
    if (h && json_array_size(files) && json_object_set(h, "synthetic", files)) a->bad = 1;
    json_decref(files);
    sl_jpush(json_object_get(a->summary, "headlines"), h, &a->bad);
}


const char *sl_report_date_words(char buf[32], const char *iso)
{
    static const char *const MONTHS[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int y, m, d;
    if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
        snprintf(buf, 32, "%d %s %d", d, MONTHS[m - 1], y);
    else snprintf(buf, 32, "%s", iso ? iso : "");
    return buf;
}

static json_t *share_row(json_t *tracker, const char *denominator)
{
    size_t i;
    json_t *row;
    /* a share of no agencies is no figure; one the registry cannot place
    ** (sl_tracker_share_known) is its counts, the lead's notes saying why
    ** they hold none of the agencies */
    json_array_foreach(json_object_get(tracker, "share"), i, row)
        if (strcmp(sl_json_str(row, "denominator"), denominator) == 0)
            return json_is_number(json_object_get(row, "share")) || sl_json_int(row, "agencies") > 0 ? row : NULL;
    return NULL;
}

/* 1 when SHARE (a row of share_row) is not known: no agency of the
** registry partnered while rows are not linked (sl_tracker_share_known),
** so 0% would read as none where the list holds some. */
static int share_unknown(json_t *share)
{
    return json_is_null(json_object_get(share, "share"));
}

/* When the rows the diff's counts C added began, for its headline (""
** when it has none): " (all began between them)", " (129 began between
** them, 1 before and listed late)". "Added" is "listed anew": a row of a
** partnership begun years before can be listed late (diff.c's began). */
static void diff_began(json_t *c, char *buf, size_t size)
{
    long long added = sl_json_int(c, "new"), between = sl_json_int(c, "new_began_between"),
              before = sl_json_int(c, "new_began_before"), unknown = sl_json_int(c, "new_began_not_known");
    char n[3][32];
    buf[0] = '\0';
    if (added <= 0 || !json_object_get(c, "new_began_between")) return;
    if (between == added) {
        snprintf(buf, size, added == 1 ? " (it began between them)" : " (all began between them)");
        return;
    }
    char late[64] = "", unsure[64] = "";
    if (before) snprintf(late, sizeof late, ", %s before and listed late", sl_thousands(before, n[1]));
    if (unknown) snprintf(unsure, sizeof unsure, ", %s at a date not known", sl_thousands(unknown, n[2]));
    snprintf(buf, size, " (%s began between them%s%s)", sl_thousands(between, n[0]), late, unsure);
}

/* The rows the later list lacks, for the diff's headline: "2 left the
** list (which does not say that they ended)": a list drops a row it
** corrects or merges too (diff.c's ended_note). */
static void diff_ended(json_t *c, char *buf, size_t size)
{
    long long ended = sl_json_int(c, "ended");
    char n[32];
    if (!ended) snprintf(buf, size, "none left the list");
    else
        snprintf(buf, size, "%s left the list (which does not say that %s)", sl_thousands(ended, n),
                 ended == 1 ? "it ended" : "they ended");
}

/* Who of tracker T's agencies the registry could not place, for a
** sentence: "the only agency", "all 3 agencies", "5 of the 11 agencies"
** (not "1 of the 1 agencies"), with VERB its "is" or "are" after. */
static const char *unlinked_who(json_t *t, char *buf, size_t size, int verb)
{
    long long agencies = sl_json_int(t, "agencies"), by_name = sl_json_int(t, "unlinked_agencies");
    char n[2][32];
    const char *is = !verb ? "" : by_name == 1 ? " is" : " are";
    if (by_name == agencies && agencies == 1) snprintf(buf, size, "the only agency%s", is);
    else if (by_name == agencies) snprintf(buf, size, "all %s agencies%s", sl_thousands(agencies, n[0]), is);
    else
        snprintf(buf, size, "%s of the %s %s%s", sl_thousands(by_name, n[0]), sl_thousands(agencies, n[1]),
                 agencies == 1 ? "agency" : "agencies", is);
    return buf;
}

/* The imported file of KIND that the tracker's figures rest on (its
** "sources", by file name), from summary.inputs: publisher and year. */
static json_t *input_of(audit *a, json_t *t, const char *kind)
{
    size_t i, j;
    json_t *src, *in;
    json_array_foreach(json_object_get(t, "sources"), i, src) {
        if (strcmp(sl_json_str(src, "kind"), kind)) continue;
        json_array_foreach(json_object_get(a->summary, "inputs"), j, in)
            if (!strcmp(sl_json_str(in, "kind"), kind) && !strcmp(sl_json_str(in, "file"), sl_json_str(src, "file")))
                return in;
    }
    return NULL;
}

/* "the Atlas of Surveillance (publisher), data of 2018": a source as a
** reader credits it, by its publisher, else its file; with its year. */
static void credit(char *buf, size_t size, json_t *in, const char *fallback)
{
    const char *pub = sl_json_str(in, "publisher"), *year = sl_json_str(in, "year"), *file = sl_json_str(in, "file");
    snprintf(buf, size, "%s%s%s", pub && *pub ? pub : file && *file ? file : fallback,
             year && *year ? ", data of " : "", year && *year ? year : "");
}

/* Where the COARSE dates of a count since a date come from: a month read
** from the summary text where the date column gives no day (all of Ring's),
** or the month or year the date column gives itself (the Atlas's bare
** "2020"), or some of each (since.month_or_year_in_date_column). */
static void coarse_whence(char *buf, size_t size, json_t *since, long long coarse)
{
    static const char SUMMARY[] = "read from the summary text where the date column gives no day";
    char n[2][32];
    long long cell = sl_json_int(since, "month_or_year_in_date_column");
    if (cell <= 0) snprintf(buf, size, "%s", SUMMARY);
    else if (cell >= coarse) snprintf(buf, size, "so in the date column itself");
    else snprintf(buf, size, "%s %s, %s so in the date column itself", sl_thousands(coarse - cell, n[0]), SUMMARY,
                  sl_thousands(cell, n[1]));
}

/* "; 170 of them are dated only to a month or year ..." and "; 3 more may
** have ...": how sure a count since DATE is, said beside it. */
static void since_sureness(char *buf, size_t size, json_t *since, int dated)
{
    char n[2][32], whence[240];
    long long coarse = sl_json_int(since, "month_or_year"), maybe = sl_json_int(since, "uncertain");
    buf[0] = '\0';
    coarse_whence(whence, sizeof whence, since, coarse);
    long long count = sl_json_int(since, "count");
    if (coarse && coarse == count && count == 1) /* "1 Ring partnership began ...; it is dated only to ..." */
        snprintf(buf, size, "; it is dated only to a month or year, %s", whence);
    else if (coarse && coarse == count && count == 2)
        snprintf(buf, size, "; both of them are dated only to a month or year, %s", whence);
    else if (coarse) /* "all 129 of them": "129 of them" of 129 reads as some */
        snprintf(buf, size, "; %s%s of them %s dated only to a month or year, %s", coarse == count ? "all " : "",
                 sl_thousands(coarse, n[0]), coarse == 1 ? "is" : "are", whence);
    size_t w = strlen(buf);
    if (maybe)
        snprintf(buf + w, size - w, "; %s more may %s, dated only to a month or year that includes that day",
                 sl_thousands(maybe, n[1]), dated ? "be" : "have");
}

/* " (170 of them dated only to a month or year)", after what DATED says of
** the dates: said in the lead itself, so the count is never quoted
** without it. */
static void since_coarse(char *buf, size_t size, json_t *since, int dated, int ring_in)
{
    const char *coarse = sl_json_str(since, "month_or_year_note"); /* sl_tracker_coarse_note, "" when none */
    snprintf(buf, size, "%s%s%s%s%s%s", dated || *coarse ? " (" : "",
             dated ? "the date of the source the Atlas cites, not when use began" : "",
             dated && ring_in ? ", for every technology but Ring" : "",
             dated && *coarse ? "; " : "", coarse, dated || *coarse ? ")" : "");
}

/* Where those dates come from, and the rows that may also count: the
** notes under the lead. */
static void since_notes(char *buf, size_t size, json_t *since, int dated, const char *from)
{
    char n[2][32], whence[240];
    long long coarse = sl_json_int(since, "month_or_year"), maybe = sl_json_int(since, "uncertain");
    int w = 0, some = sl_json_int(since, "month_or_year_in_date_column") > 0;
    buf[0] = '\0';
    coarse_whence(whence, sizeof whence, since, coarse);
    if (coarse) /* "The 170 ... are read from ..."; "The 1,267 ...: 178 read from ..., 1,089 so in ..." */
        w = snprintf(buf, size, " The %s dated only to a month or year%s %s.", sl_thousands(coarse, n[0]),
                     some && sl_json_int(since, "month_or_year_in_date_column") < coarse ? ":"
                     : coarse == 1 ? " is" : " are", whence);
    if (maybe && w >= 0 && (size_t)w < size)
        w += snprintf(buf + w, size - (size_t)w, " %s more may %s on or after %s, dated only to a month or year that "
                      "includes that day.", sl_thousands(maybe, n[1]), dated ? "be dated" : "have begun", from);
    long long further = sl_json_int(since, "further_rows");
    if (further > 0 && w >= 0 && (size_t)w < size) /* the rows' count, which the CLI and the map's rows give */
        snprintf(buf + w, size - (size_t)w, " The count is of partnerships (an agency and a technology), as the "
                 "snapshots' diff counts them: %s further %s dated on or after %s %s to a partnership that began "
                 "before it or is listed twice.", sl_thousands(further, n[0]), further == 1 ? "row" : "rows", from,
                 further == 1 ? "belongs" : "belong");
}

/* The count since a date of tracker result T in partnerships (an agency and
** a technology, each begun with its earliest row), the figure the diff's
** "added" counts beside, when every row's date is a start (Ring's); of
** records dated by a cited source (dated_by_source) the rows' count: each
** record its own date, none a start. */
static json_t *since_partnerships(json_t *t)
{
    json_t *rows = json_object_get(t, "since"), *p = json_object_get(rows, "partnerships");
    return p && !sl_json_int(t, "dated_by_source") ? p : rows;
}

static const char *partial_snapshot(audit *a, char *buf, size_t size);

const char *sl_audit_local_state_words(audit *a, char *buf, size_t size)
{
    json_t *states = json_object_get(json_object_get(a->summary, "local_areas"), "states"), *n_areas, *row;
    const char *st;
    size_t i, k = 0;
    int w = snprintf(buf, size, "%s", json_object_size(states) > 1 ? "The study's areas lie in several states: " : "");
    json_object_foreach(states, st, n_areas) {
        json_array_foreach(json_object_get(a->summary, "agencies_by_state"), i, row) {
            if (strcmp(sl_json_str(row, "state"), st) != 0 || w < 0 || (size_t)w >= size) continue;
            char n[2][32], per[32];
            sl_thousands(sl_json_int(row, "partnered"), n[0]), sl_thousands(sl_json_int(row, "agencies"), n[1]);
            sl_percent_of(sl_json_int(row, "partnered"), sl_json_int(row, "agencies"), 1, per); /* the table's rounding */
            if (json_object_size(states) > 1)
                w += snprintf(buf + w, size - (size_t)w, "%s%s, %s of the registry's %s agencies there partnered (%s "
                              "per 100)", k ? "; " : "", st, n[0], n[1], per);
            else
                w += snprintf(buf + w, size - (size_t)w, "The study's areas lie in %s: %s of the registry's %s agencies "
                              "there are partnered, %s per 100", st, n[0], n[1], per);
            k++;
        }
    }
    /* every row the study's: the table is the study's already (the demo) */
    if (!k || k == json_array_size(json_object_get(a->summary, "agencies_by_state"))) buf[0] = '\0';
    else if (w >= 0 && (size_t)w < size) snprintf(buf + w, size - (size_t)w, ".");
    return buf;
}

const char *sl_audit_shared_point_words(audit *a, json_t *entry, char *buf, size_t size)
{
    json_t *list = json_object_get(entry, "partnered_shared_point_agencies"), *ag;
    size_t n = json_array_size(list), i;
    char k[32];
    int w = snprintf(buf, size, "%s more %s", sl_thousands((long long)n, k), sl_audit_agencies_noun(a, (long long)n));
    json_array_foreach(list, i, ag) {
        if (n > SL_AUDIT_FEW_NAMED || w < 0 || (size_t)w >= size) break;
        w += snprintf(buf + w, size - (size_t)w, "%s%s", i ? (i + 1 == n ? " and " : ", ") : n == 1 ? ", " : " (",
                      sl_json_str(ag, "name"));
    }
    if (w >= 0 && (size_t)w < size)
        snprintf(buf + w, size - (size_t)w, "%s %s left out: the registry puts %s at %s %d or more agencies%s (a "
                 "county's placeholder, not where %s), which no area finer than a county holds",
                 n > SL_AUDIT_FEW_NAMED ? " (listed in summary.json)" : n == 1 ? "," : ")", n == 1 ? "is" : "are",
                 n == 1 ? "it" : "them", n == 1 ? "a point it gives" : "points it gives", SL_AUDIT_SHARED_POINT_MIN,
                 n == 1 ? "" : " each", n == 1 ? "it is" : "they are");
    if (!n) buf[0] = '\0';
    return buf;
}

/* For a local study (summary.local_areas) whose partnership list reaches
** far past its areas (most placed partnered agencies lie outside each of
** its sets), the lead's note that the count is the whole list's, with the
** partnered agencies each set places (those the map places, less those
** outside the set); "" otherwise. A city's analyst read "3,946 police
** agencies" as the city's. */
static const char *local_lead_note(audit *a, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!json_object_get(a->summary, "local_areas")) return buf;
    long long placed = sl_json_int(json_object_get(a->summary, "agencies_map"), "partnered_placed");
    json_t *e;
    size_t i, k = 0;
    json_array_foreach(json_object_get(a->summary, "areas"), i, e) {
        json_t *out = json_object_get(e, "partnered_outside");
        if (json_is_integer(out) && 2 * json_integer_value(out) <= placed) return buf; /* the list is mostly the study's */
    }
    int w = snprintf(buf, size, "The lead counts every agency of the partnership list, not only the study's: its areas "
                                "are a city's or a county's");
    json_array_foreach(json_object_get(a->summary, "areas"), i, e) {
        json_t *out = json_object_get(e, "partnered_outside");
        if (!json_is_integer(out) || w < 0 || (size_t)w >= size) continue;
        long long in = placed - json_integer_value(out);
        char n[2][32];
        if (k++) w += snprintf(buf + w, size - (size_t)w, ", %s in “%s”", sl_thousands(in, n[0]), sl_json_str(e, "set"));
        else w += snprintf(buf + w, size - (size_t)w, ", and of the %s %s with a location, %s %s in “%s”",
                           sl_thousands(placed, n[1]), sl_audit_agencies_noun(a, placed), sl_thousands(in, n[0]),
                           in == 1 ? "lies" : "lie",
                           sl_json_str(e, "set"));
        /* "0 lie in tracts" read as "the NYPD is not partnered": say who is left out, and why */
        char shared[600];
        if (*sl_audit_shared_point_words(a, e, shared, sizeof shared) && w >= 0 && (size_t)w < size)
            w += snprintf(buf + w, size - (size_t)w, "; %s", shared);
    }
    /* the state's sentence written before its first byte is read: as
    ** arguments of one call, *state was read unwritten, and without a
    ** state sentence the notes read "(see “Areas”).  Sources" */
    char state[400];
    sl_audit_local_state_words(a, state, sizeof state);
    if (w >= 0 && (size_t)w < size)
        snprintf(buf + w, size - (size_t)w, "%s. %s%s", k ? " (see “Areas”)" : "", state, *state ? " " : "");
    return buf;
}

/* summary.lead: the sentences a story would open with, short enough to
** quote: the key figure, its share of the registry's city and county
** agencies, its date, and the count since a date. summary.lead_notes,
** printed right under it: the sources with their years, the share's
** counts and the all-agencies share of the table by state, why both are
** lower bounds, and how sure the count since a date is. */
/* 1 when every row the audit counts is Ring's (partnership_rows_by_tech's
** technologies all hold the word "ring", the tracker's rule): only those
** are partnerships, of law enforcement agencies, that began on a day. */
int sl_audit_ring_only(audit *a)
{
    json_t *by = json_object_get(a->summary, "partnership_rows_by_tech"), *v;
    const char *name;
    if (!a->o.tech || !a->o.tech[0] || !json_object_size(by)) return 0;
    json_object_foreach(by, name, v) {
        sl_partnership p = {.technology = name};
        if (!sl_tracker_tech_is(&p, "ring")) return 0;
    }
    return 1;
}

int sl_audit_partnered(audit *a)
{
    sl_partnership asked = {.technology = a->o.tech}; /* a state with no Ring row keeps Ring's words */
    int none = !json_object_size(json_object_get(a->summary, "partnership_rows_by_tech"));
    return sl_audit_ring_only(a) || (none && a->o.tech && sl_tracker_tech_is(&asked, "ring"));
}

const char *sl_audit_agencies_noun(audit *a, long long n)
{
    if (sl_audit_partnered(a)) return n == 1 ? "partnered agency" : "partnered agencies";
    return n == 1 ? "agency on record" : "agencies on record";
}

/* 1 when none of the rows counted is Ring's: their dates say nothing of Ring. */
static int no_ring(audit *a)
{
    json_t *by = json_object_get(a->summary, "partnership_rows_by_tech"), *v;
    const char *name;
    json_object_foreach(by, name, v) {
        sl_partnership p = {.technology = name};
        if (sl_tracker_tech_is(&p, "ring")) return 0;
    }
    return json_object_size(by) > 0;
}

/* The technologies --tech matched, as the data names them ("Face
** Recognition"; "Drones"), into BUF: "had partnered with Face" was said of
** the Atlas's 360 agencies with face recognition, 34 of them motor vehicle
** departments. Several are joined; past three, the word asked for. */
const char *sl_audit_tech_label(audit *a, char *buf, size_t size)
{
    json_t *by = json_object_get(a->summary, "partnership_rows_by_tech"), *v;
    const char *name;
    size_t n = json_object_size(by), k = 0, w = 0;
    buf[0] = '\0';
    if (n == 0 || n > 3) {
        snprintf(buf, size, "“%s”", a->o.tech ? a->o.tech : "");
        return buf;
    }
    json_object_foreach(by, name, v) {
        int r = snprintf(buf + w, size - w, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", name);
        if (r < 0 || (size_t)r >= size - w) break;
        w += (size_t)r, k++;
    }
    return buf;
}

/* Unlinked rows whose state is none of the table by state's (the Atlas
** writes "NA" for Springfield, MA's police): in no row of that table, whose
** column of rows not linked then adds up to one less than the lead's. */
static void stateless_rows(audit *a, json_t *t, char *buf, size_t size)
{
    json_t *by = json_object_get(t, "unlinked_by_state"), *v, *row;
    const char *st;
    long long n = 0;
    size_t i, k = 0;
    char names[120] = "", num[32];
    json_object_foreach(by, st, v) {
        int known = 0;
        json_array_foreach(json_object_get(a->summary, "agencies_by_state"), i, row)
            if (!strcmp(sl_json_str(row, "state"), st)) known = 1;
        if (known || !json_integer_value(v)) continue;
        n += json_integer_value(v);
        size_t w = strlen(names);
        if (k++ < 3) snprintf(names + w, sizeof names - w, "%s“%s”", w ? ", " : "", st);
    }
    if (n && size > 1)
        snprintf(buf, size, " %s of them %s a state the registry does not hold (%s) and %s in no row of the table "
                 "by state.", sl_thousands(n, num), n == 1 ? "names" : "name", names, n == 1 ? "is" : "are");
}

/* "By 7 October 2021, 1,537 agencies had partnered" reads as every agency
** that ever did; the list holds those it lists that day. When the store's
** earlier snapshot held partnerships this one does not (the diff's ended,
** no partial list), the sentence that says so into BUF ("" none). RING:
** partnerships, else records. */
static void ended_note(audit *a, int ring, char *buf, size_t size)
{
    json_t *d = json_object_get(a->summary, "diff");
    long long ended = sl_json_int(json_object_get(d, "counts"), "ended");
    buf[0] = '\0';
    if (!d || ended <= 0 || json_object_get(d, "caveat")) return;
    char n[32], day[2][32];
    snprintf(buf, size, " These counts are of the agencies the list of %s holds, not of every agency that ever "
             "%s: %s %s the list of %s held %s not in it (ended, or taken off the list).",
             sl_report_date_words(day[1], sl_json_str(d, "to")), ring ? "partnered" : "had one on record",
             sl_thousands(ended, n), ended == 1 ? (ring ? "partnership" : "record") : (ring ? "partnerships" : "records"),
             sl_report_date_words(day[0], sl_json_str(d, "from")), ended == 1 ? "is" : "are");
}

static void lead(audit *a, json_t *t, json_t *share, json_t *since)
{
    /* Without --tech every technology counts (the Atlas lists body-worn
    ** cameras and drones beside Ring): the sentence must say so, or it is
    ** quoted as a count of vendor partnerships. */
    char when[32], from[32] = "", n[32], of[32], joined[32], all_n[2][32], text[1024], notes[8192], src[2][400], sure[800] = "";
    char tech[120] = "had at least one surveillance technology on record (every technology in the data, not one "
                     "vendor's partnerships)";
    int ring = sl_audit_ring_only(a);
    if (ring) {
        snprintf(tech, sizeof tech, "had partnered with %s", a->o.tech);
        tech[19] = (char)toupper((unsigned char)tech[19]); /* "ring": "Ring" */
    } else if (a->o.tech && a->o.tech[0]) { /* face recognition, drones: no partnership, and not only police's */
        char label[100];
        snprintf(tech, sizeof tech, "had %s on record", sl_audit_tech_label(a, label, sizeof label));
    }
    credit(src[0], sizeof src[0], input_of(a, t, "partnerships"), "the partnership list");
    credit(src[1], sizeof src[1], input_of(a, t, "agencies"), "the agency registry");
    char pct[32], all_pct[32]; /* half up on the counts, as the table by state rounds (sl_percent_of) */
    sl_percent_of(sl_json_int(share, "partnered"), sl_json_int(share, "agencies"), 1, pct);
    char local[1600];
    local_lead_note(a, local, sizeof local);
    /* a state's report opens on its scope, and its share is of the state's
    ** agencies. "Law enforcement", not "police": the Atlas's Ring partners
    ** of 2020-10-07 hold 208 sheriffs, a constable's and a prosecutor's office. */
    /* the share's numerator and denominator in the lead: "among them 9.9% of
    ** the city and county agencies" read as 9.9% of the agencies just counted */
    char part[32], whole_n[32];
    sl_thousands(sl_json_int(share, "partnered"), part);
    sl_thousands(sl_json_int(share, "agencies"), whole_n);
    long long agencies = sl_json_int(t, "agencies"); /* a state's report may count one: "1 law enforcement agency" */
    /* "law enforcement" of Ring's partners alone: every technology's list
    ** holds 35 motor vehicle departments, a tax board, a school district */
    /* a share not known (New Hampshire's one agency, a New Jersey
    ** department filed under NH) is said so, as the table by state's "—",
    ** never "0 of the 187 (0.0%)" */
    char share_words[300], unplaced[96];
    int unknown = share_unknown(share);
    if (unknown)
        snprintf(share_words, sizeof share_words, ". How many of the %s city and county agencies %s partnered is "
                 "not known: %s not linked to the registry", whole_n,
                 a->scope ? "of the agency registry there" : "in the agency registry",
                 unlinked_who(t, unplaced, sizeof unplaced, 1));
    else
        snprintf(share_words, sizeof share_words, ", including %s of the %s city and county agencies %s (%s%%)", part,
                 whole_n, a->scope ? "of the agency registry there" : "in the agency registry", pct);
    int w = snprintf(text, sizeof text, "%s%s%s, %s %s%s%s %s%s.", a->scope ? a->scope_label : "",
                     a->scope ? ": by " : "By ", sl_report_date_words(when, sl_json_str(t, "snapshot")),
                     sl_thousands(agencies, n), ring ? "law enforcement " : "", agencies == 1 ? "agency" : "agencies",
                     *local ? " in the whole list" : "", tech, share_words);
    /* most technologies' records carry a cited source's date, not a start */
    int dated = sl_json_int(t, "dated_by_source") > 0;
    char coarse[240] = "";
    if (since) sl_report_date_words(from, sl_json_str(since, "date")), since_coarse(coarse, sizeof coarse, since, dated, !no_ring(a));
    if (since && w > 0 && (size_t)w < sizeof text)
    {
        /* "None of the partnerships began", not "0 of the partnerships"; of a list of one, "Its
        ** partnership began on or after" (South Dakota's) or "began before" (Vermont's), not "1 of
        ** the partnerships"; "All 1,501 of the" when every one did */
        long long count = sl_json_int(since, "count"),
                  total = json_object_get(since, "of") ? sl_json_int(since, "of") : sl_json_int(t, "total");
        char whom[64];
        int one = ring && total == 1 && count == 0 && !sl_json_int(since, "uncertain") && !dated &&
                  !sl_json_int(t, "undated"); /* Vermont's: its one dated row began before */
        if (one) snprintf(whom, sizeof whom, "Its partnership began before %s", from);
        else if (count == 0) snprintf(whom, sizeof whom, "None of the %s", ring ? "partnerships" : "records");
        else if (count == total && total == 1) snprintf(whom, sizeof whom, "Its %s", ring ? "partnership" : "record");
        else if (count == total && total == 2) snprintf(whom, sizeof whom, "Both %s", ring ? "partnerships" : "records");
        else snprintf(whom, sizeof whom, "%s%s of the %s", count == total ? "All " : "", sl_thousands(count, joined),
                      ring ? "partnerships" : "records");
        if (one) snprintf(text + w, sizeof text - (size_t)w, " %s.", whom);
        else snprintf(text + w, sizeof text - (size_t)w, " %s %s on or after %s%s.", whom,
                      dated ? (count == 1 ? "is dated" : "are dated") : "began", from, coarse);
    }
    json_t *all = share_row(t, "all registry agencies");
    char whole[200] = "";
    int none_known = unknown && (!all || share_unknown(all)); /* no share at all: no bound to give */
    if (unknown && !all) snprintf(whole, sizeof whole, " is among the partnered");
    else if (unknown && none_known) /* the table by state says "—" */
        snprintf(whole, sizeof whole, " is among the partnered, nor any of all its %s agencies (the measure of the "
                 "table by state, which shows “—”)", sl_thousands(sl_json_int(all, "agencies"), all_n[0]));
    else if (unknown)
        snprintf(whole, sizeof whole, " is among the partnered; of all its %s agencies, %s (%s%%), the measure of "
                 "the table by state", sl_thousands(sl_json_int(all, "agencies"), all_n[0]),
                 sl_thousands(sl_json_int(all, "partnered"), all_n[1]),
                 sl_percent_of(sl_json_int(all, "partnered"), sl_json_int(all, "agencies"), 1, all_pct));
    else if (all) /* the denominator of the table by state, beside the lead's */
        snprintf(whole, sizeof whole, "; of all its %s agencies, %s (%s%%), the measure of the table by state",
                 sl_thousands(sl_json_int(all, "agencies"), all_n[0]), sl_thousands(sl_json_int(all, "partnered"), all_n[1]),
                 sl_percent_of(sl_json_int(all, "partnered"), sl_json_int(all, "agencies"), 1, all_pct));
    long long unlinked = sl_json_int(t, "unlinked"), by_name = sl_json_int(t, "unlinked_agencies");
    char lower[400] = "", rows[64];
    /* in agencies, as the lead counts: the 1,498 less these is the share's 1,478 */
    /* without --tech every technology counts: records, as the lead and the Partnerships line say */
    int partnerships = ring;
    snprintf(rows, sizeof rows, "%s %s", sl_thousands(unlinked, joined),
             partnerships ? (unlinked == 1 ? "partnership row" : "partnership rows")
                          : (unlinked == 1 ? "surveillance technology record" : "surveillance technology records"));
    if (unlinked) {
        char who[96]; /* "20 of the 1,498 agencies"; "the only agency", not "1 of the 1 agencies" */
        unlinked_who(t, who, sizeof who, 0);
        if (none_known) /* no bound: none of the partnered is in the registry's counts */
            snprintf(lower, sizeof lower, " %c%s (%s) %s not linked to the registry.", toupper((unsigned char)who[0]),
                     who + 1, rows, by_name == 1 ? "is" : "are");
        else
            snprintf(lower, sizeof lower, " %s lower %s: %s (%s) %s not linked to the registry and %s in "
                     "neither.", all ? "Both shares are" : "The share is a", all ? "bounds" : "bound", who, rows,
                     by_name == 1 ? "is" : "are", by_name == 1 ? "counts" : "count");
    }
    if (unlinked) stateless_rows(a, t, lower + strlen(lower), sizeof lower - strlen(lower));
    if (since) since_notes(sure, sizeof sure, since, dated, from);
    char partial[600]; /* the lead's figures are of a snapshot that may be a partial list */
    if (*partial_snapshot(a, partial, sizeof partial - 1)) strcat(partial, " ");
    char where[500] = ""; /* a state's report: the registry's agencies of its states */
    if (a->scope) snprintf(where, sizeof where, " in %s", a->scope_names);
    char gone[400];
    ended_note(a, ring, gone, sizeof gone);
    char measure[160];
    if (unknown) snprintf(measure, sizeof measure, "The share is not known, not 0%%: none");
    else snprintf(measure, sizeof measure, "The %s%% is %s", pct, sl_thousands(sl_json_int(share, "partnered"), of));
    snprintf(notes, sizeof notes, "%s%sSources: %s (partnerships); %s (agency registry). %s of the "
             "registry's %s city and county agencies%s%s.%s%s%s", local, partial, src[0], src[1], measure,
             sl_thousands(sl_json_int(share, "agencies"), joined), where, whole, lower, sure, gone);
    json_object_set_new(a->summary, "lead", json_string(text));
    json_object_set_new(a->summary, "lead_notes", json_string(notes));
}

/* How the records of tracker result T are dated, when some are dated, not
** started: by Ring's start, the Atlas's cited source, another list's date
** column (dated_by_file: the Atlas's caveat is for the Atlas's rows). */
static const char *dated_how(json_t *t)
{
    long long file = sl_json_int(t, "dated_by_file"), atlas = sl_json_int(t, "dated_by_source") - file;
    if (!file) return " (a Ring row by when the partnership began, any other by the date of the source the Atlas cites)";
    if (!atlas) return " (a Ring row by when the partnership began, any other by the date column of the file it comes from)";
    return " (a Ring row by when the partnership began, any other by the date of the source the Atlas cites or, from "
           "another list, by its file's date column)";
}

/* The same, of rows none of which is Ring's (--tech face): no word of Ring. */
static const char *dated_how_no_ring(json_t *t)
{
    long long file = sl_json_int(t, "dated_by_file"), atlas = sl_json_int(t, "dated_by_source") - file;
    if (!file) return " (by the date of the source the Atlas cites, not when use began)";
    if (!atlas) return " (by the date column of the file they come from, which need not be when use began)";
    return " (by the date of the source the Atlas cites or, from another list, by its file's date column: not when "
           "use began)";
}

/* The partnership headline, in sentences a story can quote whole: the count
** since a date with how sure it is, then the share at the snapshot. */
static void partnership_headlines(audit *a)
{
    json_t *t = json_object_get(a->summary, "partnerships");
    if (!t) return;
    json_t *since = since_partnerships(t), *share = share_row(t, "city and county agencies");
    int any = !a->o.tech || !a->o.tech[0], dated = sl_json_int(t, "dated_by_source") > 0;
    const char *tech = any ? "any technology" : a->o.tech;
    char n[4][32], day[2][32], sure[400], name[100] = "", pct[32], had[140];
    int ring = sl_audit_ring_only(a); /* NAME stays "" of every technology (no --tech) */
    if (ring) {
        snprintf(name, sizeof name, "%s", a->o.tech);
        name[0] = (char)toupper((unsigned char)name[0]); /* "ring": "Ring" */
    } else if (!any)
        sl_audit_tech_label(a, name, sizeof name); /* "Face Recognition", as the data names it */
    if (any) snprintf(had, sizeof had, "at least one surveillance technology on record");
    else if (ring) snprintf(had, sizeof had, "partnered with %s", name);
    else snprintf(had, sizeof had, "%s on record", name);
    char rec_of[104];
    snprintf(rec_of, sizeof rec_of, " %s", name);
    if (since && share) {
        long long count = sl_json_int(since, "count");
        since_sureness(sure, sizeof sure, since, dated);
        char held[400], unplaced[96]; /* the share, or that it is not known (the lead's rule) */
        sl_thousands(sl_json_int(share, "agencies"), n[3]);
        if (share_unknown(share))
            snprintf(held, sizeof held, "how many of the %s city and county agencies in the registry had %s is not "
                     "known: %s not linked to the registry.", n[3], had, unlinked_who(t, unplaced, sizeof unplaced, 1));
        else
            snprintf(held, sizeof held, "%s of the %s city and county agencies in the registry (%s%%) had %s.",
                     sl_thousands(sl_json_int(share, "partnered"), n[2]), n[3],
                     sl_percent_of(sl_json_int(share, "partnered"), sl_json_int(share, "agencies"), 1, pct), had);
        sl_audit_headline_add(a, "partnerships,agencies", json_pack("{s:O, s:O, s:O, s:s}", "since", since, "share", share, "snapshot", json_object_get(t, "snapshot"),
                         "technology", tech),
            "%s %s%s %s on or after %s%s%s. As of %s, %s",
            /* "No Ring partnership began", "1 Ring partnership began": a state's report counts 0 or 1 */
            /* "66 records of Face Recognition" ("66 Drones records" read ill) */
            count ? sl_thousands(count, n[0]) : "No", any ? "surveillance technology record" : ring ? name : count == 1 ? "record of" : "records of",
            any ? (count == 1 ? "" : "s") : !ring ? rec_of
                                                  : (count == 1 ? " partnership" : " partnerships"),
            (any ? dated : !ring) ? (count == 1 ? "is dated" : "are dated") : "began",
            sl_report_date_words(day[0], sl_json_str(since, "date")),
            !dated ? "" : !any && no_ring(a) ? dated_how_no_ring(t) : dated_how(t),
            sure, sl_report_date_words(day[1], sl_json_str(t, "snapshot")), held);
    }
    if (share) lead(a, t, share, since);
    json_t *d = json_object_get(a->summary, "diff"), *c = json_object_get(d, "counts");
    if (d && !json_object_get(d, "caveat")) {
        char began[160], ended[160];
        diff_began(c, began, sizeof began);
        diff_ended(c, ended, sizeof ended);
        sl_audit_headline_add(a, "partnerships,agencies", json_pack("{s:O, s:O, s:O}", "from", json_object_get(d, "from"), "to", json_object_get(d, "to"), "counts", c),
            "Between the snapshots of %s and %s, %s %s were added%s, %s and %s changed.",
            sl_json_str(d, "from"), sl_json_str(d, "to"), sl_thousands(sl_json_int(c, "new"), n[0]),
            /* unfiltered, the diff holds every technology's records, as the lead's count does */
            any ? "surveillance technology records" : "partnerships", began, ended,
            sl_thousands(sl_json_int(c, "changed"), n[2]));
    }
}

/* A diff in which most partnerships "ended" (diff.c's caveat): the newest
** snapshot, which every figure counts, may be a partial list. The sentence
** into BUF ("" when the diff says nothing of the kind, or there is none). */
static const char *partial_snapshot(audit *a, char *buf, size_t size)
{
    json_t *d = json_object_get(a->summary, "diff"), *c = json_object_get(d, "counts");
    char n[3][32];
    buf[0] = '\0';
    if (json_object_get(d, "caveat"))
        snprintf(buf, size, "Caution: the snapshot of %s, which every figure of this report counts, may be a partial "
                 "list: %s of the %s partnerships of the snapshot of %s are not in it (it lists %s), so no count of "
                 "partnerships added or ended between them is given.",
                 sl_json_str(d, "to"), sl_thousands(sl_json_int(c, "ended"), n[0]),
                 sl_thousands(sl_json_int(c, "in_from"), n[1]), sl_json_str(d, "from"),
                 sl_thousands(sl_json_int(c, "in_to"), n[2]));
    return buf;
}

/* Said first, in place of the counts of the diff, which are no finding then. */
static void partial_snapshot_headline(audit *a)
{
    json_t *d = json_object_get(a->summary, "diff");
    char text[600];
    if (*partial_snapshot(a, text, sizeof text))
        sl_audit_headline_add(a, "partnerships", json_pack("{s:O, s:O, s:O, s:O}", "from", json_object_get(d, "from"), "to",
                                         json_object_get(d, "to"), "counts", json_object_get(d, "counts"), "caveat",
                                         json_object_get(d, "caveat")),
            "%s", text);
}

/* summary.title, the report's H1 and page title: "Police partnerships with
** Ring" of Ring's rows alone; of any other technology what the lead says,
** "Agencies with Face Recognition on record" (34 of its 360 agencies are
** motor vehicle departments, and a face recognition row is no partnership). */
static void title(audit *a)
{
    char words[160], label[100];
    if (!json_object_get(a->summary, "partnerships")) snprintf(words, sizeof words, "Surveillance audit");
    else if (sl_audit_partnered(a)) {
        snprintf(words, sizeof words, "Police partnerships with %s", a->o.tech);
        words[strlen("Police partnerships with ")] = (char)toupper((unsigned char)a->o.tech[0]); /* "Ring" */
    } else if (a->o.tech && a->o.tech[0])
        snprintf(words, sizeof words, "Agencies with %s on record", sl_audit_tech_label(a, label, sizeof label));
    else snprintf(words, sizeof words, "Agencies with surveillance technology on record");
    json_object_set_new(a->summary, "title", json_string(words));
}

sl_status sl_audit_headlines(audit *a, sl_error *err)
{
    (void)err;
    title(a);
    partial_snapshot_headline(a); /* before the figures it qualifies */
    partnership_headlines(a);
    sl_audit_camera_headlines(a);
    sl_audit_site_headlines(a);
    sl_audit_disparity_headlines(a);
    sl_audit_filter_headlines(a);
    return SL_OK;
}
