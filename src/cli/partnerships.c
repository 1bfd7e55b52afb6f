/*
** partnerships.c — `sightline partnerships`: the tracker, the unlinked rows,
** and `partnerships diff` between snapshots. Tables for people, --json for
** scripts; both print the same figures.
*/
#include "cli.h"
#include "sightline/analysis/tracker.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline partnerships [--tech TEXT] [--state XX,..] [--type TEXT]\n"
    "                              [--county TEXT] [--since DATE] [--until DATE]\n"
    "                              [--snapshot DATE] [--by year|month|state|type|tech]\n"
    "                              [output options]\n"
    "       sightline partnerships --unmatched [--tech TEXT] [output options]\n"
    "       sightline partnerships --links [--method M] [--tech TEXT] [--areas SET] [output options]\n"
    "       sightline partnerships diff --from DATE --to DATE [--tech TEXT] [--state XX,..]\n"
    "                              [--by state] [output options]\n"
    "\n"
    "Counts partnership rows and distinct agencies in a snapshot (the newest, or\n"
    "the one in force at --snapshot), by year, and as a share of the\n"
    "registry's agencies over several denominators. A Ring row's date (a row\n"
    "--tech ring counts) is when the partnership started (Ring's \"Active\n"
    "Date\"); for other technologies the Atlas gives the date of the source it\n"
    "cites, and another list its date column's, so their rows are said to be\n"
    "dated, not started.\n"
    "\n"
    "Filters (they apply to every figure and breakdown):\n"
    "  --tech TEXT     technologies holding TEXT as words, any case (ring: Ring/Neighbors)\n"
    "  --state XX,..   agencies in these states (postal codes, any case)\n"
    "  --type TEXT     agency types containing TEXT, any case (police, sheriff)\n"
    "  --county TEXT   rows whose county holds TEXT, any case (--state IL --county\n"
    "                  cook: Cook County's agencies; no share is given)\n"
    "  --since DATE    rows that certainly started (or are dated) on or after\n"
    "                  DATE; rows known only to a month or year that straddles\n"
    "                  it are counted apart, in an 'uncertain' column. A DATE\n"
    "                  after the snapshot is refused: it cannot show them. Of\n"
    "                  Ring's rows it also counts the partnerships (agency and\n"
    "                  technology, as diff does) begun on or after DATE, each\n"
    "                  with its earliest row: a further row is no new one\n"
    "                  (the first line beside its distinct agencies, and a line\n"
    "                  under the shares, count the agencies so)\n"
    "  --until DATE    rows that certainly started (or are dated) on or before\n"
    "                  DATE; as with --since, a month or year that straddles\n"
    "                  it is counted apart ('uncertain'), and undated rows\n"
    "                  are left out (said under the count)\n"
    "Breakdowns:\n"
    "  --by KEY        also break the rows down by year, month, state (with each\n"
    "                  state's registry agencies and share; every state of\n"
    "                  the registry, or of --state, with rows or none), type\n"
    "                  or tech; by month, rows dated only to a year are\n"
    "                  'year only', apart from the undated ones\n"
    "                  (what a city's agencies have: --county cook --by tech)\n"
    "  --unmatched     list rows not linked to the agency registry, each with\n"
    "                  its record id (the Atlas number `import links` takes)\n"
    "  --links         list every row's link to the registry: record id, method (exact,\n"
    "                  tiebreak, fuzzy, crosswalk, none), score, ORI and the\n"
    "                  registry's name, to review before quoting a share;\n"
    "                  --method M keeps one method (e.g. --method fuzzy);\n"
    "                  --areas SET adds the ids of the counties of SET (FIPS\n"
    "                  ids) each row's county or its registry county names: an\n"
    "                  agency naming several counties is in each, so county\n"
    "                  counts do not add up to a state's; in a state of one\n"
    "                  county (DC, Guam) a row naming none is that county's\n"
    "Output (the main table is the --by breakdown, else the years):\n"
    CLI_OUT_HELP
    "  (CSV rows end with what they count: the snapshot, or from_snapshot and\n"
    "  to_snapshot for diff, with from_file and to_file, the files each was\n"
    "  imported from, and each filter given: filter_tech, filter_state,\n"
    "  ...; share_fraction is the share as a fraction, the table's percentage)\n"
    "  -s, --store P   the store (default ./sightline.db)\n"
    "\n"
    "diff: partnerships new, ended and changed (same agency + technology) between\n"
    "the snapshots in force at --from and at --to; a row of the same record\n"
    "(Atlas number) under another agency name or technology label is changed\n"
    "(agency: old -> new), not ended and new, linked to the registry or not;\n"
    "each snapshot is named with the file it was imported from. Each row gives\n"
    "its agency's ORI (the registry's id) and its record id (the Atlas number),\n"
    "ordered by state and agency; a new row says when it began: between the\n"
    "snapshots, before the earlier one (listed late), or not known. Under the\n"
    "counts: the partnerships each snapshot lists, the registry's agencies\n"
    "and the share partnered in each. \"Ended\" means listed in the earlier\n"
    "snapshot and not in the later one: the data does not say why. An ended\n"
    "and a new row of the same state, city, technology and start (no record\n"
    "or registry agency in common) say \"perhaps renamed\". --tech and\n"
    "--state filter it; --by state counts them per state instead of listing\n"
    "them (new, ended, changed, the partnerships each snapshot lists there,\n"
    "the state's registry agencies, those partnered and the share in each;\n"
    "every state, changes or none). A --tech no row of either snapshot\n"
    "matches (a typo) is refused (exit 1), not counted as no change. The other\n"
    "filters and breakdowns are refused with diff, not ignored.\n"
    "Dates are YYYY-MM-DD (2020-05-25) and nothing else: 06/05/2020 is June 5 to\n"
    "some readers and 6 May to others, so it is refused.\n";

enum { O_TECH = 256, O_SINCE, O_UNTIL, O_BY, O_SNAPSHOT, O_UNMATCHED, O_FROM, O_TO, O_STATE, O_TYPE, O_COUNTY, O_LINKS,
       O_METHOD, O_AREAS };

static const struct option OPTIONS[] = {
    {"store", required_argument, 0, 's'},     {"help", no_argument, 0, 'h'},
    {"tech", required_argument, 0, O_TECH},   {"since", required_argument, 0, O_SINCE},
    {"until", required_argument, 0, O_UNTIL}, {"by", required_argument, 0, O_BY},
    {"snapshot", required_argument, 0, O_SNAPSHOT}, {"state", required_argument, 0, O_STATE},
    {"type", required_argument, 0, O_TYPE},   {"county", required_argument, 0, O_COUNTY},
    {"unmatched", no_argument, 0, O_UNMATCHED},
    {"from", required_argument, 0, O_FROM},   {"to", required_argument, 0, O_TO},
    {"links", no_argument, 0, O_LINKS},       {"method", required_argument, 0, O_METHOD},
    {"areas", required_argument, 0, O_AREAS},
    CLI_OUT_OPTIONS,                          {0, 0, 0, 0}};

typedef struct args {
    const char *store, *from, *to;
    int unmatched, diff, links;
    const char *method, *areas;
    sl_tracker_query q;
    cli_out o;
} args;

static int parse(int argc, char **argv, args *a)
{
    int c, rc;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        if ((rc = cli_out_option(&a->o, "partnerships", c, optarg)) >= 0) {
            if (rc) return rc;
            continue;
        }
        switch (c) {
        case 's': a->store = optarg; break;
        case O_TECH: a->q.tech = optarg; break;
        case O_SINCE: a->q.since = optarg; break;
        case O_UNTIL: a->q.until = optarg; break;
        case O_BY: a->q.by = optarg; break;
        case O_SNAPSHOT: a->q.snapshot = optarg; break;
        case O_STATE: a->q.state = optarg; break;
        case O_LINKS: a->links = 1; break;
        case O_METHOD: a->method = optarg; break;
        case O_AREAS: a->areas = optarg; break;
        case O_TYPE: a->q.type = optarg; break;
        case O_COUNTY: a->q.county = optarg; break;
        case O_UNMATCHED: a->unmatched = 1; break;
        case O_FROM: a->from = optarg; break;
        case O_TO: a->to = optarg; break;
        case ':': return cli_usage_error("partnerships", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_bad_option("partnerships", c, argv[optind - 1], OPTIONS);
        }
    }
    for (; optind < argc; optind++) {
        if (strcmp(argv[optind], "diff") == 0 && !a->diff) a->diff = 1;
        else return cli_usage_error("partnerships", "unexpected argument '%s'", argv[optind]);
    }
    if (a->method && !a->links) return cli_usage_error("partnerships", "--method belongs to --links");
    if (a->areas && !a->links) return cli_usage_error("partnerships", "--areas belongs to --links");
    if (a->links + a->unmatched + a->diff > 1)
        return cli_usage_error("partnerships", "--links, --unmatched and diff are separate lists: give one");
    if (a->diff && (!a->from || !a->to))
        return cli_usage_error("partnerships", "diff needs --from DATE and --to DATE");
    if (a->diff) {
        const char *off = a->q.type ? "--type" : a->q.county ? "--county" : a->q.since ? "--since"
                          : a->q.until ? "--until" : a->q.snapshot ? "--snapshot" : NULL;
        if (off) /* accepted and ignored, the counts would be printed as the filter's */
            return cli_usage_error("partnerships", "diff takes --tech and --state as filters, not %s: its counts "
                                   "would not be filtered by it", off);
        if (a->q.by && strcmp(a->q.by, "state"))
            return cli_usage_error("partnerships", "diff breaks down --by state only, not --by %s", a->q.by);
    }
    if (!a->diff && (a->from || a->to))
        return cli_usage_error("partnerships", "--from/--to belong to 'partnerships diff'");
    return CLI_OK;
}


/* Into ROW, the state KEY's denominators of REGISTRY (by_registry), if any. */
static void registry_columns(json_t *row, json_t *registry, const char *key)
{
    json_t *r = registry ? json_object_get(registry, key) : NULL;
    if (!r) return;
    json_object_set(row, "partnered", json_object_get(r, "partnered"));
    json_object_set(row, "agencies", json_object_get(r, "agencies"));
    /* a fraction (0.1745), named so: the table prints it as a percentage */
    json_object_set(row, "share_fraction", json_object_get(r, "share"));
    json_object_set_new(row, "unlinked", json_integer(json_integer_value(json_object_get(r, "unlinked"))));
}

/* Rows {KEYNAME: key, rows: n, uncertain: m} from the objects COUNTS and
** UNCERTAIN (key -> n); with REGISTRY, each state's denominators too, and
** a row of 0 for each registry state of STATES (the --state list; NULL:
** every one) that has none. A state with only uncertain rows had blank denominators and an
** "n/a" share, and a state asked for with no row was missing, while the
** share beneath counted both states' agencies (run of 2026-12-07, seventh:
** --state IL,IN --since 2020-06-15 printed IN's 373 agencies nowhere). */
static json_t *breakdown(const char *keyname, json_t *counts, json_t *uncertain, json_t *registry, const char *states)
{
    json_t *rows = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(counts, key, v) {
        json_t *row = json_pack("{s:s, s:O}", keyname, key, "rows", v);
        if (!row) continue;
        if (uncertain) json_object_set_new(row, "uncertain", json_integer(json_integer_value(json_object_get(uncertain, key))));
        registry_columns(row, registry, key);
        json_array_append_new(rows, row);
    }
    json_object_foreach(uncertain, key, v) /* keys with only uncertain rows */
        if (!json_object_get(counts, key)) {
            json_t *row = json_pack("{s:s, s:i, s:O}", keyname, key, "rows", 0, "uncertain", v);
            if (row) registry_columns(row, registry, key);
            json_array_append_new(rows, row);
        }
    /* the registry's states with no row (those of --state, if given): Montana's
    ** 0 of 115 for Ring is a figure, which the CSV left out, so a mean over
    ** its states lost every zero (the report's table holds them) */
    json_object_foreach(registry, key, v)
        if ((!states || sl_list_has(states, key, 1)) && !json_object_get(counts, key) &&
            !(uncertain && json_object_get(uncertain, key))) {
            json_t *row = json_pack("{s:s, s:i}", keyname, key, "rows", 0);
            if (row && uncertain) json_object_set_new(row, "uncertain", json_integer(0));
            if (row) registry_columns(row, registry, key);
            json_array_append_new(rows, row);
        }
    return rows;
}

/* CSV only: the snapshot and filters a table counts (CTX: name -> text,
** sl_tracker_context's and any a list adds), as constant columns after
** COLS[0..N) and in every row of ROWS. A cited file then says what it
** counts, and a spreadsheet still reads one plain table (no comment line
** to trip a parser). The new column count, at most N + json_object_size(CTX). */
static size_t with_context(cli_col *cols, size_t n, json_t *rows, json_t *ctx)
{
    const char *key;
    json_t *v, *row;
    size_t i;
    json_object_foreach(ctx, key, v) {
        cols[n++] = (cli_col){key, key, CLI_TEXT};
        json_array_foreach(rows, i, row) json_object_set(row, key, v);
    }
    return n;
}

/* Into CTX (CSV only): NAME = VALUE when VALUE is a non-empty text; a
** list's own filters, after sl_tracker_context's. */
static void context_add(json_t *ctx, const char *name, const char *value)
{
    if (ctx && value && *value) json_object_set_new(ctx, name, json_string(value));
}

enum { CONTEXT_MAX = 7 }; /* columns a context adds, at most */

/* The columns of a breakdown by KEYNAME into COLS (room for 7); how many. */
static size_t breakdown_cols(cli_col *cols, const char *keyname, int since, int registry)
{
    size_t n = 0;
    cols[n++] = (cli_col){keyname, keyname, CLI_TEXT};
    cols[n++] = (cli_col){"rows", since ? "rows (certain)" : "rows", CLI_COUNT};
    if (since) cols[n++] = (cli_col){"uncertain", "uncertain", CLI_COUNT};
    if (registry) {
        cols[n++] = (cli_col){"partnered", "partnered agencies", CLI_COUNT};
        cols[n++] = (cli_col){"agencies", "registry agencies", CLI_COUNT};
        cols[n++] = (cli_col){"share_fraction", "share", CLI_PERCENT};
        cols[n++] = (cli_col){"unlinked", "rows not linked", CLI_COUNT}; /* left out of the share */
    }
    return n;
}

/* --sort checked against the main table's columns before anything is
** printed: "--sort nope" printed the counts, then refused (exit 2). */
static int sort_checked(const cli_out *o, const char *keyname, int since, int registry)
{
    if (!o->sort) return CLI_OK;
    cli_col cols[7];
    json_t *none = json_array();
    cli_table t = {NULL, cols, breakdown_cols(cols, keyname, since, registry), none, NULL, 0, 0};
    int rc = cli_table_order("partnerships", o, &t);
    json_decref(none);
    return rc;
}

/* Under a table of YEARS: the snapshot's own year ends on the snapshot's
** day. 2020's 739 Ring rows (to 7 October) beside 2019's 703 read as a
** year's growth that nine months do not show; the report says so too. */
static void partial_year_note(json_t *r, json_t *years)
{
    const char *snap = sl_json_str(r, "snapshot"), *until = sl_json_str(json_object_get(r, "query"), "until");
    /* an --until before the snapshot ends the count sooner: "2020 runs only
    ** to 2020-10-07" stood under a count until 2020-06-15 */
    int by_until = strlen(snap) >= 10 && strlen(until) == 10 && strncmp(until, snap, 10) < 0;
    const char *end = by_until ? until : snap;
    size_t i;
    json_t *y;
    if (strlen(end) < 10 || !strcmp(end + 4, "-12-31")) return;
    json_array_foreach(years, i, y) {
        const char *year = sl_json_str(y, "year");
        if (strlen(year) == 4 && !strncmp(year, end, 4)) {
            printf("  %s runs only to %.10s, %s: not a whole year, so its count is not comparable "
                   "with a whole year's\n", year, end, by_until ? "the --until date" : "the snapshot's date");
            return;
        }
    }
}

static int print_breakdown(const cli_out *o, const char *title, const char *keyname, json_t *rows, int since,
                           int registry, int main_table, json_t *ctx)
{
    cli_col cols[7 + CONTEXT_MAX];
    size_t n = breakdown_cols(cols, keyname, since, registry);
    /* time keys in time order, the others by count, largest first */
    int timely = !strcmp(keyname, "year") || !strcmp(keyname, "month");
    n = with_context(cols, n, rows, ctx);
    cli_table t = {title, cols, n, rows, timely ? keyname : "rows", !timely, 0};
    cli_out plain = {.format = o->format};
    snprintf(plain.synthetic, sizeof plain.synthetic, "%s", o->synthetic); /* every CSV row carries the mark */
    int rc = cli_table_order("partnerships", main_table ? o : &plain, &t);
    if (rc == CLI_OK) cli_table_print(main_table ? o : &plain, &t);
    return rc;
}

/* Beside a share that would read as none: the states of the breakdown
** whose rows are all unlinked (0 partnered, some rows), in the sentence of
** sl_tracker_unlinked_note. */
static void unlinked_notes(json_t *r)
{
    const char *key;
    json_t *e;
    json_object_foreach(json_object_get(r, "by_registry"), key, e)
        if (json_integer_value(json_object_get(e, "partnered")) == 0 && json_object_get(e, "unlinked_note"))
            printf("  %s\n", sl_json_str(e, "unlinked_note"));
}

/* Under the shares of a count since a day: when some agencies count by a
** further row of a partnership begun before it, the shares of the agencies
** whose partnership began within. "730 / 18,702 = 3.90%" since 2020-01-01
** held Oviedo's and Madison's Ring partnerships of 2019 (run of
** 2026-12-07, seventh): 728 began in 2020. */
static void begun_shares(json_t *r)
{
    json_t *part = json_object_get(json_object_get(r, "since"), "partnerships"), *sh;
    if (!part || sl_json_int(r, "dated_by_source") || sl_json_int(part, "further_rows") <= 0) return;
    const char *keys[] = {"linked_agencies", "city_county_agencies"};
    size_t i;
    json_array_foreach(json_object_get(r, "share"), i, sh) {
        long begun = (long)sl_json_int(part, keys[i < 1 ? 0 : 1]), partnered = (long)sl_json_int(sh, "partnered");
        if (i > 1 || begun >= partnered) continue;
        char n[2][32], p[32], many[CLI_COUNT_MAX];
        printf("  %s: %s counted by a further row of a partnership begun before %s; begun on or after it, "
               "%s / %s = %s%%\n", sl_json_str(sh, "denominator"), cli_count(partnered - begun, "agency is", "agencies are", many),
               sl_json_str(part, "date"), sl_thousands(begun, n[0]), sl_thousands(sl_json_int(sh, "agencies"), n[1]),
               sl_percent_of(begun, sl_json_int(sh, "agencies"), 2, p));
    }
}

/* Under the shares of a --state filter: its states' rows left out of them. */
static void unlinked_shares(json_t *r)
{
    const char *key;
    json_t *v;
    char note[SL_TRACKER_NOTE];
    json_object_foreach(json_object_get(r, "unlinked_by_state"), key, v) {
        sl_tracker_unlinked_note((long)json_integer_value(v), key, sl_json_str(json_object_get(r, "query"), "tech"), note);
        printf("  %s\n", note);
    }
}

/* The context of a tracker result R for its CSV: its snapshot and the
** filters of its "query", as the tracker took them (states in capitals). */
static json_t *tracker_context(json_t *r)
{
    json_t *q = json_object_get(r, "query");
    sl_tracker_query f = {.tech = sl_json_str(q, "tech"), .state = sl_json_str(q, "state"),
                          .type = sl_json_str(q, "type"), .county = sl_json_str(q, "county"),
                          .since = sl_json_str(q, "since"), .until = sl_json_str(q, "until")};
    return sl_tracker_context(sl_json_str(r, "snapshot"), NULL, &f);
}

/* In a breakdown by month (ROWS), the rows dated only to a year and the
** undated ones last, in that order, after the months: each is its own key
** of the result (SL_TRACKER_YEAR_ONLY, "undated"). "undated 2,309" stood
** for 801 undated rows and 1,508 dated to a year (run of 2026-12-07,
** seventh); the JSON said so until the eighth. */
static void month_without_day_rows(json_t *rows)
{
    static const char *const LAST[] = {SL_TRACKER_YEAR_ONLY, "undated"};
    for (size_t k = 0; k < 2; k++) {
        size_t i;
        json_t *row;
        json_array_foreach(rows, i, row) {
            if (strcmp(sl_json_str(row, "month"), LAST[k])) continue;
            json_array_append(rows, row);
            json_array_remove(rows, i);
            break;
        }
    }
}

/* The rows' count within --since and --until (SINCE and UNTIL, the result's
** objects; either NULL), never said without how many are dated only to a
** month (the report's lead), how many may be within (a month or year
** straddling a bound, counted apart) and, under --until, the undated rows
** left out. --until was said as a bound nothing straddles: "started until
** 2020-06-15" counted Ring's 41 rows of "June 2020" as certain. */
static void window_lines(json_t *since, json_t *until, const char *verb, int by_source)
{
    json_t *w = since ? since : until;
    const char *coarse = sl_json_str(w, "month_or_year_note");
    char certain[CLI_COUNT_MAX], more[32], where[64], num[2][32];
    if (since && until)
        snprintf(where, sizeof where, "from %s to %s", sl_json_str(since, "date"), sl_json_str(until, "date"));
    else snprintf(where, sizeof where, "%s %s", since ? "since" : "until", sl_json_str(w, "date"));
    const char *span = since && until ? "within those days" : since ? "on or after it" : "on or before it";
    printf("  %s: %s certainly %s %s%s%s%s; %s more may %s (date known only to the month or year), counted apart\n",
           where, cli_count(sl_json_int(w, "count"), "row", "rows", certain), verb, span, *coarse ? " (" : "", coarse,
           *coarse ? ")" : "", sl_thousands(sl_json_int(w, "uncertain"), more), by_source ? "be" : "have");
    long undated = until ? (long)sl_json_int(until, "undated") : 0;
    if (undated > 0)
        printf("  %s left out: no date places %s on either side of %s\n",
               cli_count(undated, "undated row is", "undated rows are", certain), undated == 1 ? "it" : "them",
               sl_json_str(until, "date"));
    /* the report's lead counts partnerships, as the diff does: both figures, each named */
    json_t *part = since ? json_object_get(since, "partnerships") : NULL;
    long further = (long)sl_json_int(part, "further_rows");
    if (further > 0 && !by_source) /* a row dated by a cited source is a record of its own, not a start */
        printf("  of them, %s %s (an agency and a technology, as diff counts them) began %s; the "
               "other %s %s a further row of a partnership that began before %s or is listed twice\n",
               sl_thousands(sl_json_int(part, "count"), num[0]),
               sl_json_int(part, "count") == 1 ? "partnership" : "partnerships", span, sl_thousands(further, num[1]),
               further == 1 ? "is" : "are each", until ? "them" : "it");
}

/* Beside the agencies of the rows since a day (SINCE, the result's object),
** the ones whose partnership began then, when a further row of an earlier
** one is among them: "--tech ring --since 2020-01-01" read "distinct
** agencies 739" under "started since", where 737 began (Oviedo FL and
** Madison WI began in 2019 and count by a 2020 row). Ring's rows only: a
** cited source's date starts nothing (window_lines). */
static void began_since(json_t *since, int by_source)
{
    json_t *part = json_object_get(since, "partnerships");
    char n[32];
    if (!part || by_source || sl_json_int(part, "further_rows") <= 0) return;
    printf(" (%s of them began on or after %s)", sl_thousands(sl_json_int(part, "count"), n), sl_json_str(since, "date"));
}

static int print_tracker(json_t *r, const cli_out *o)
{
    json_t *q = json_object_get(r, "query"), *since = json_object_get(r, "since"), *until = json_object_get(r, "until");
    int window = since || until; /* counts certain within the dates, the others apart */
    const char *by = json_string_value(json_object_get(q, "by")); /* NULL: no breakdown asked */
    json_t *years = breakdown("year", json_object_get(r, "by_year"), json_object_get(r, "by_year_uncertain"), NULL, NULL);
    json_t *keyed = by ? breakdown(by, json_object_get(r, "by"), json_object_get(r, "by_uncertain"),
                                   json_object_get(r, "by_registry"), json_string_value(json_object_get(q, "state")))
                       : NULL;
    if (by && !strcmp(by, "month")) month_without_day_rows(keyed);
    int rc = CLI_OK;
    const char *caveat = json_string_value(json_object_get(r, "caveat"));
    if (json_object_get(r, "no_match")) return CLI_DATA; /* said by cli_run_out */
    if (o->format == CLI_FMT_CSV) {
        if (caveat) cli_caution(stderr, caveat); /* the CSV stays a table */
        json_t *ctx = tracker_context(r);
        rc = by ? print_breakdown(o, NULL, by, keyed, window, json_object_get(r, "by_registry") != NULL, 1, ctx)
                : print_breakdown(o, NULL, "year", years, window, 0, 1, ctx);
        json_decref(ctx);
        json_decref(years);
        json_decref(keyed);
        return rc;
    }
    rc = sort_checked(o, by ? by : "year", window, by && json_object_get(r, "by_registry"));
    if (rc) {
        json_decref(years);
        json_decref(keyed);
        return rc;
    }
    char n[4][32];
    /* most technologies' rows carry a cited source's date, not a start */
    long by_source = (long)sl_json_int(r, "dated_by_source");
    const char *verb = by_source ? "dated" : "started";
    printf("Partnerships in snapshot %s", sl_json_str(r, "snapshot"));
    const char *filters[] = {"tech", "technology ~ ", "state", "state ", "type", "agency type ~ ", "county", "county ~ ",
                             "since", by_source ? "dated since " : "started since ",
                             "until", by_source ? "dated until " : "started until "};
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i += 2)
        if (*sl_json_str(q, filters[i])) printf(", %s%s", filters[i + 1], sl_json_str(q, filters[i]));
    printf("\n  rows %s, distinct agencies %s", sl_thousands(sl_json_int(r, "total"), n[0]),
           sl_thousands(sl_json_int(r, "agencies"), n[1]));
    began_since(since, by_source);
    printf(", linked to the registry %s, unlinked %s\n", sl_thousands(sl_json_int(r, "linked"), n[2]),
           sl_thousands(sl_json_int(r, "unlinked"), n[3]));
    /* the agencies figure and the share's numerator differ by these: said in one line, not left to subtraction */
    long by_name = (long)sl_json_int(r, "unlinked_agencies"), agencies = (long)sl_json_int(r, "agencies");
    if (by_name)
        printf("  %s of the %s agencies %s linked to no registry agency: a share can count only the other %s\n",
               sl_thousands(by_name, n[0]), sl_thousands(agencies, n[1]), by_name == 1 ? "is" : "are",
               sl_thousands(agencies - by_name, n[2]));
    /* Three rules give a county three counts (Cook, IL's Ring partners: 69
    ** here, 65 in the report's Areas, 74 by --links --areas counties): the
    ** rule of this one is said beside it */
    if (*sl_json_str(q, "county"))
        printf("  county: rows whose own record names a county holding '%s'; the report's Areas place each agency "
               "at its registry location instead, and `--links --areas counties` counts a row in every county its "
               "record or its registry agency names, so their counts can differ\n", sl_json_str(q, "county"));
    if (window) window_lines(since, until, verb, by_source);
    /* the Atlas's caveat for the Atlas's rows; another list's rows carry its date column's day */
    long by_file = (long)sl_json_int(r, "dated_by_file");
    char rows[CLI_COUNT_MAX];
    if (by_source > by_file)
        printf("  %s of technologies other than Ring: the Atlas dates them by the source it cites, "
               "which can come years after use began; only Ring rows carry a start (Ring's \"Active Date\")\n",
               cli_count(by_source - by_file, "dated row is", "dated rows are", rows));
    if (by_file)
        printf("  %s of technologies other than Ring from lists other than the Atlas: " SL_TRACKER_FILE_DATED
               "; only Ring rows are read as starts\n", cli_count(by_file, "dated row is", "dated rows are", rows));
    if (caveat) cli_caution(stdout, caveat);
    if (!window && sl_json_int(r, "undated"))
        json_array_append_new(years, json_pack("{s:s, s:I}", "year", "undated", "rows", (json_int_t)sl_json_int(r, "undated")));
    /* --by year asks for the years table itself: printed once, as the main one */
    int by_year = by && !strcmp(by, "year");
    const char *years_title = by_source ? "Rows by the year of their date" : "Rows by start year";
    if (!by_year) rc = print_breakdown(o, years_title, "year", years, window, 0, !by, NULL);
    if (rc == CLI_OK && !by_year) partial_year_note(r, years);
    if (rc == CLI_OK && by) {
        char title[64];
        snprintf(title, sizeof title, by_year ? "%s" : "Rows by %s", by_year ? years_title : by);
        rc = print_breakdown(o, title, by, keyed, window, json_object_get(r, "by_registry") != NULL, 1, NULL);
        if (rc == CLI_OK && by_year) partial_year_note(r, years);
    }
    json_decref(years);
    json_decref(keyed);
    if (rc) return rc;
    unlinked_notes(r);
    size_t i;
    json_t *sh;
    const char *in = sl_json_str(json_object_get(r, "query"), "state");
    if (*in) /* the denominators are the registry's agencies of those states (tracker.c) */
        printf("\nShare of registry agencies in %s (partnered, linked agencies / denominator)\n", in);
    else
        printf("\nShare of registry agencies (partnered, linked agencies / denominator)\n");
    if (json_object_get(r, "share_withheld")) printf("  %s\n", sl_json_str(r, "share_withheld"));
    json_array_foreach(json_object_get(r, "share"), i, sh) {
        /* null over agencies: its partnered agencies are none the registry holds (tracker.c) */
        char pc[64];
        snprintf(pc, sizeof pc, "%s", sl_json_int(sh, "agencies") ? "n/a (no partnered agency is linked)"
                                                                  : "n/a (no registry agencies)");
        if (json_is_number(json_object_get(sh, "share"))) { /* half up from the counts: 2 of 64 is 3.13%, not 3.12% */
            char p[32];
            snprintf(pc, sizeof pc, "%5s%%", sl_percent_of(sl_json_int(sh, "partnered"), sl_json_int(sh, "agencies"), 2, p));
        }
        printf("  %-28s %6s / %-6s = %s\n", sl_json_str(sh, "denominator"), sl_thousands(sl_json_int(sh, "partnered"), n[0]),
               sl_thousands(sl_json_int(sh, "agencies"), n[1]), pc);
    }
    /* no share, nothing left out of one: "8 records in IL are not linked"
    ** stood under --state IL --county cook, Cook's 8 of Illinois's 15 */
    if (!json_object_get(r, "share_withheld")) begun_shares(r);
    if (*in && !json_object_get(r, "share_withheld")) unlinked_shares(r);
    printf("\nSources\n");
    json_array_foreach(json_object_get(r, "sources"), i, sh)
        printf("  %-13s %s  sha256 %.16s...  imported %s\n", sl_json_str(sh, "kind"), sl_json_str(sh, "file"),
               sl_json_str(sh, "sha256"), sl_json_str(sh, "imported_at"));
    return CLI_OK;
}

/* the ORI finds the agency in the registry, the record the row in the export: a
** list handed to someone who calls each agency carries both */
static const cli_col ROW_COLS[] = {{"change", "change", CLI_TEXT}, {"state", "state", CLI_TEXT},
                                   {"agency", "agency", CLI_TEXT},  {"ori", "ORI", CLI_TEXT},
                                   {"record_id", "record", CLI_TEXT}, {"technology", "technology", CLI_TEXT},
                                   {"start", "start", CLI_TEXT},
                                   /* a new row's start against the earlier snapshot: "before" is one listed late */
                                   {"began", "began", CLI_TEXT},
                                   /* what a changed row changed, old -> new: its start alone is the new one */
                                   {"what_changed", "what changed", CLI_TEXT}};

/* The diff's rows: every new, ended and changed partnership with its change,
** or with BY_STATE each state's counts (diff.c's by_state), into COLS (room
** for NROW + CONTEXT_MAX) and *ROWS; how many columns, before the context. */
static size_t diff_rows(json_t *r, int by_state, int csv, cli_col *cols, json_t **rows, char heads[8][40])
{
    if (by_state) {
        const char *words[] = {"partnerships", "partnered", "share", "not linked"};
        for (size_t i = 0; i < 8; i++) /* each snapshot's column headed by its date */
            snprintf(heads[i], sizeof heads[i], "%s %s", words[i / 2], sl_json_str(r, i % 2 ? "to" : "from"));
        /* each state's denominator beside its changes, and how its share
        ** moved; the rows not linked (in no share) in the CSV */
        const cli_col by[] = {{"state", "state", CLI_TEXT},     {"new", "new", CLI_COUNT},
                              {"ended", "ended", CLI_COUNT},    {"changed", "changed", CLI_COUNT},
                              {"in_from", heads[0], CLI_COUNT}, {"in_to", heads[1], CLI_COUNT},
                              {"agencies", "registry agencies", CLI_COUNT},
                              {"partnered_from", heads[2], CLI_COUNT}, {"partnered_to", heads[3], CLI_COUNT},
                              {"share_from", heads[4], CLI_PERCENT}, {"share_to", heads[5], CLI_PERCENT},
                              {"unlinked_from", heads[6], CLI_COUNT}, {"unlinked_to", heads[7], CLI_COUNT}};
        size_t n = sizeof by / sizeof *by - (csv ? 0 : 2);
        memcpy(cols, by, n * sizeof *by);
        *rows = json_deep_copy(json_object_get(r, "by_state"));
        return n;
    }
    const char *parts[] = {"new", "ended", "changed"};
    json_t *p;
    size_t i;
    *rows = json_array();
    for (size_t k = 0; k < 3; k++)
        json_array_foreach(json_object_get(r, parts[k]), i, p) {
            json_t *row = json_deep_copy(p);
            if (row) json_object_set_new(row, "change", json_string(parts[k]));
            json_array_append_new(*rows, row);
        }
    memcpy(cols, ROW_COLS, sizeof ROW_COLS);
    return sizeof ROW_COLS / sizeof *ROW_COLS;
}

/* Under the diff's first line: the denominator of its counts (the
** partnerships each snapshot lists, the registry's agencies of the
** states, those partnered in each and their shares), then when its new
** rows began and what "ended" says. "13 new" of Illinois read as 13 of
** nothing, and as 13 begun since the earlier list, where some new rows of
** a list began years before. */
static void diff_lines(json_t *r, const char *states)
{
    json_t *c = json_object_get(r, "counts");
    const char *from = sl_json_str(r, "from"), *to = sl_json_str(r, "to");
    char n[6][32], p[2][32];
    long agencies = (long)sl_json_int(c, "agencies"), pf = (long)sl_json_int(c, "partnered_from"),
         pt = (long)sl_json_int(c, "partnered_to");
    printf("  partnerships listed: %s on %s, %s on %s\n", sl_thousands(sl_json_int(c, "in_from"), n[0]), from,
           sl_thousands(sl_json_int(c, "in_to"), n[1]), to);
    const char *share[2] = {"n/a", "n/a"};
    if (json_is_number(json_object_get(c, "share_from"))) share[0] = sl_percent_of(pf, agencies, 2, p[0]);
    if (json_is_number(json_object_get(c, "share_to"))) share[1] = sl_percent_of(pt, agencies, 2, p[1]);
    printf("  registry agencies%s%s: %s; partnered (linked to the registry): %s on %s (%s%s), %s on %s (%s%s)\n",
           states ? " in " : "", states ? states : "", sl_thousands(agencies, n[2]), sl_thousands(pf, n[3]), from,
           share[0], strcmp(share[0], "n/a") ? "%" : "", sl_thousands(pt, n[4]), to, share[1],
           strcmp(share[1], "n/a") ? "%" : "");
    long uf = (long)sl_json_int(c, "unlinked_from"), ut = (long)sl_json_int(c, "unlinked_to");
    if (uf || ut)
        printf("  partnerships not linked to the registry, in no share: %s on %s, %s on %s\n",
               sl_thousands(uf, n[0]), from, sl_thousands(ut, n[1]), to);
    long added = (long)sl_json_int(c, "new"), between = (long)sl_json_int(c, "new_began_between"),
         before = (long)sl_json_int(c, "new_began_before"), unknown = (long)sl_json_int(c, "new_began_not_known");
    if (added && between + before + unknown)
        printf("  of the %s new, by their start dates: %s began after %s, %s on or before it (listed late), %s not "
               "known to fall either side%s\n", sl_thousands(added, n[0]), sl_thousands(between, n[1]), from,
               sl_thousands(before, n[2]), sl_thousands(unknown, n[3]),
               between + before + unknown < added ? "; the others are dated by a cited source, not a start" : "");
    long renamed = (long)sl_json_int(c, "maybe_renamed");
    if (renamed)
        printf("  %s of the ended and as many of the new may be one partnership renamed (the same state, city, "
               "technology and start; not the same record nor registry agency): their rows say which, and the "
               "counts keep them apart\n", sl_thousands(renamed, n[0]));
    const char *ended = json_string_value(json_object_get(r, "ended_note"));
    if (ended) cli_wrap(stdout, " ", ended);
}

static int print_diff(json_t *r, const cli_out *o, int by_state)
{
    enum { NROW = sizeof ROW_COLS / sizeof *ROW_COLS, NBY = 13 };
    cli_col cols[(NROW > NBY ? NROW : NBY) + CONTEXT_MAX];
    char heads[8][40];
    json_t *rows;
    if (json_object_get(r, "no_match")) return CLI_DATA; /* said by cli_run_out: no table of zeros */
    size_t ncols = diff_rows(r, by_state, o->format == CLI_FMT_CSV, cols, &rows, heads);
    const char *states = json_string_value(json_object_get(r, "states")); /* --state given */
    sl_tracker_query f = {.tech = json_string_value(json_object_get(r, "tech")), .state = states};
    json_t *ctx = o->format == CLI_FMT_CSV ? sl_tracker_diff_context(r, &f) : NULL;
    cli_table t = {NULL, cols, with_context(cols, ncols, rows, ctx), rows, NULL, 0, 0};
    int rc = rows ? cli_table_order("partnerships", o, &t) : CLI_DATA;
    if (!rows) fputs("sightline: out of memory\n", stderr);
    char n[3][32];
    /* most partnerships "ended": the later snapshot may be a partial list (diff.c) */
    const char *caveat = json_string_value(json_object_get(r, "caveat"));
    if (rc == CLI_OK) {
        if (o->format == CLI_FMT_TABLE)
            printf("Changes from snapshot %s to snapshot %s%s%s: %s new, %s ended, %s changed\n",
                   sl_json_str(r, "from"), sl_json_str(r, "to"), states ? ", state " : "", states ? states : "",
                   sl_thousands((long long)json_array_size(json_object_get(r, "new")), n[0]),
                   sl_thousands((long long)json_array_size(json_object_get(r, "ended")), n[1]),
                   sl_thousands((long long)json_array_size(json_object_get(r, "changed")), n[2]));
        if (o->format == CLI_FMT_TABLE) /* which export each date is: the editor's first question */
            printf("  snapshot %s: %s\n  snapshot %s: %s\n", sl_json_str(r, "from"), sl_json_str(r, "from_file"),
                   sl_json_str(r, "to"), sl_json_str(r, "to_file"));
        if (o->format == CLI_FMT_TABLE) diff_lines(r, states);
        if (caveat) cli_caution(o->format == CLI_FMT_TABLE ? stdout : stderr, caveat); /* the CSV stays a table */
        const char *rows_note = json_string_value(json_object_get(r, "rows_note"));
        if (rows_note && o->format == CLI_FMT_TABLE) printf("%s\n", rows_note);
        cli_table_print(o, &t);
    }
    json_decref(ctx);
    json_decref(rows);
    return rc;
}

static const cli_col UNMATCHED_COLS[] = {{"line", "line", CLI_COUNT},       {"record_id", "record", CLI_TEXT},
                                         {"state", "state", CLI_TEXT},
                                         {"agency", "agency", CLI_TEXT},    {"city", "city", CLI_TEXT},
                                         {"county", "county", CLI_TEXT},    {"technology", "technology", CLI_TEXT}};

static int print_unmatched(json_t *r, const cli_out *o, const char *tech)
{
    enum { NUN = sizeof UNMATCHED_COLS / sizeof *UNMATCHED_COLS };
    cli_col cols[NUN + CONTEXT_MAX];
    memcpy(cols, UNMATCHED_COLS, sizeof UNMATCHED_COLS);
    sl_tracker_query q = {.tech = tech}; /* the one filter of the list */
    json_t *ctx = o->format == CLI_FMT_CSV ? sl_tracker_context(sl_json_str(r, "snapshot"), NULL, &q) : NULL;
    /* CTX lives until printed: the columns' names are its keys */
    cli_table t = {NULL, cols, with_context(cols, NUN, json_object_get(r, "rows"), ctx), json_object_get(r, "rows"),
                   NULL, 0, 0};
    int rc = cli_table_order("partnerships", o, &t);
    if (!rc && o->format == CLI_FMT_TABLE) {
        char n[32];
        printf("Rows not linked to the agency registry in snapshot %s: %s\n", sl_json_str(r, "snapshot"),
               sl_thousands(sl_json_int(r, "count"), n));
    }
    if (!rc) cli_table_print(o, &t);
    json_decref(ctx);
    return rc;
}

static const cli_col LINK_COLS[] = {
    {"line", "line", CLI_COUNT},           {"state", "state", CLI_TEXT},  {"agency", "agency", CLI_TEXT},
    {"method", "method", CLI_TEXT},        {"score", "score", CLI_NUMBER}, {"ori", "ORI", CLI_TEXT},
    {"registry_name", "registry name", CLI_TEXT}, {"registry_county", "registry county", CLI_TEXT},
    {"technology", "technology", CLI_TEXT}, {"record_id", "record", CLI_TEXT}, {"city", "city", CLI_TEXT},
    {"county", "county", CLI_TEXT},        {"agency_type", "agency type", CLI_TEXT},
    {"registry_type", "registry type", CLI_TEXT}};

static int print_links(json_t *r, const cli_out *o, const char *tech)
{
    /* people see the first seven columns and the record id after the line (the
    ** id `import links` takes); CSV carries all, in its own order; --areas adds the counties */
    enum { NLINK = sizeof LINK_COLS / sizeof *LINK_COLS, RECORD = 9 };
    cli_col cols[NLINK + 1 + CONTEXT_MAX];
    size_t n = o->format == CLI_FMT_CSV ? NLINK : 7;
    memcpy(cols, LINK_COLS, n * sizeof *cols);
    if (o->format != CLI_FMT_CSV) {
        memmove(cols + 2, cols + 1, (n - 1) * sizeof *cols);
        cols[1] = LINK_COLS[RECORD];
        n++;
    }
    json_t *areas = json_object_get(r, "areas");
    if (areas) cols[n++] = (cli_col){"areas", "counties", CLI_TEXT};
    sl_tracker_query q = {.tech = tech}; /* the one filter of the links; the method and areas are theirs */
    json_t *ctx = o->format == CLI_FMT_CSV ? sl_tracker_context(sl_json_str(r, "snapshot"), NULL, &q) : NULL;
    context_add(ctx, "filter_method", json_string_value(json_object_get(r, "method")));
    context_add(ctx, "area_set", json_string_value(json_object_get(areas, "set")));
    n = with_context(cols, n, json_object_get(r, "rows"), ctx); /* CTX's keys name columns: freed after printing */
    cli_table t = {NULL, cols, n, json_object_get(r, "rows"), NULL, 0, 0};
    int rc = cli_table_order("partnerships", o, &t);
    if (rc) {
        json_decref(ctx);
        return rc;
    }
    if (o->format == CLI_FMT_TABLE) {
        char c[32];
        const char *key;
        json_t *v;
        printf("Links of snapshot %s to the agency registry:", sl_json_str(r, "snapshot"));
        json_object_foreach(json_object_get(r, "methods"), key, v)
            printf(" %s %s", key, sl_thousands(json_integer_value(v), c));
        printf("\n");
        if (areas) {
            long long none = sl_json_int(areas, "in_none"), several = sl_json_int(areas, "in_several");
            printf("Counties of '%s' named by each row's county or its registry agency's: %s %s none; ",
                   sl_json_str(areas, "set"), sl_thousands(none, c), none == 1 ? "row names" : "rows name");
            printf("%s %s several and %s in each (county counts do not add up to a state's)\n",
                   sl_thousands(several, c), several == 1 ? "names" : "name", several == 1 ? "counts" : "count");
        }
    }
    cli_table_print(o, &t);
    json_decref(ctx);
    if (o->format == CLI_FMT_TABLE)
        printf("(--format csv adds the technology, city, county, agency type and the registry's county and type,\n"
               " and the snapshot and filters on every row)\n");
    return CLI_OK;
}

static sl_status tracker_fn(sl_store *st, void *v, json_t **out, sl_error *err)
{
    args *a = v;
    if (a->links) return sl_tracker_links(st, &a->q, a->method, a->areas, out, err);
    return a->diff ? sl_tracker_diff_states(st, a->from, a->to, a->q.tech, a->q.state, out, err)
           : a->unmatched ? sl_tracker_unmatched(st, &a->q, out, err)
                          : sl_tracker_run(st, &a->q, out, err);
}

static int print_any(json_t *r, const cli_out *o, void *v)
{
    args *a = v;
    if (a->links) return print_links(r, o, a->q.tech);
    return a->diff ? print_diff(r, o, a->q.by != NULL) : a->unmatched ? print_unmatched(r, o, a->q.tech) : print_tracker(r, o);
}

int cmd_partnerships(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(USAGE, stdout);
        return CLI_OK;
    }
    args a = {.store = SL_STORE_DEFAULT, .o.json_flags = SL_TRACKER_JSON_FLAGS};
    int rc = parse(argc, argv, &a);
    if (rc) return rc;
    a.o.layers = "agencies,partnerships"; /* synth --layer agencies partners a third */
    return cli_run_out("partnerships", a.store, &a, tracker_fn, &a.o, print_any);
}
