/*
** test_tracker.c — the partnership tracker and the diff of two snapshots on
** a small store whose answers are known row by row: what is new, ended and
** changed between 2020 and 2021, counts, dates and shares of the registry.
** A row that cannot be put in the result (text that is not UTF-8) fails the
** diff instead of silently leaving the list one short.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sightline/core/date.h"
#include "sightline/analysis/tracker.h"
#include "analysis/tracker_internal.h"

static sl_store *st;
static char path[] = "/tmp/sl-tracker-XXXXXX";

typedef struct row {
    const char *agency, *state, *tech, *vendor, *start;
    long agency_id;
    const char *type; /* the agency type */
} row;

/* The registry: ids 1-4, three of them city or county agencies; Alpha and
** Delta have a location, Beta and Gamma none. */
static void add_registry(void)
{
    sl_error err;
    static const struct { const char *name, *type; } reg[4] = {
        {"Alpha Police Department", "City"}, {"Beta Police Department", "City"},
        {"Gamma County Sheriff", "County"},  {"Delta State Police", "State"}};
    sl_source src = {.kind = "agencies", .file_name = "reg.csv", .sha256 = "reg", .snapshot = ""};
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    for (int i = 0; i < 4; i++) {
        sl_agency a = {.source_id = src.id, .line = i + 2, .ori = "", .name = reg[i].name, .type = reg[i].type,
                       .county = "", .state = "VA", .lat = 38.5 + i, .lon = -77.5, .has_location = i == 0 || i == 3};
        assert_int_equal(sl_store_add_agency(st, &a, &err), SL_OK);
    }
}

/* One import of ROWS as (part of) SNAPSHOT; OPTIONS as the import records
** them ({"preset":"atlas"} for the Atlas; NULL: none); SHA tells two
** imports of one snapshot apart (NULL: the snapshot). */
static void add_import(const char *snapshot, const char *options, const char *sha, const row *rows, size_t n)
{
    sl_error err;
    sl_source src = {.kind = "partnerships", .file_name = "atlas.csv", .sha256 = sha ? sha : snapshot,
                     .snapshot = snapshot, .options = options};
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    for (size_t i = 0; i < n; i++) {
        sl_partnership p = {.source_id = src.id, .line = (long)i + 2, .snapshot = snapshot, .record_id = "",
                            .agency = rows[i].agency, .city = "", .county = "", .state = rows[i].state,
                            .agency_type = rows[i].type, .technology = rows[i].tech, .vendor = rows[i].vendor,
                            .summary = "", .start_raw = rows[i].start, .agency_id = rows[i].agency_id};
        if (rows[i].start[0]) assert_true(sl_date_parse(rows[i].start, NULL, &p.start));
        assert_int_equal(sl_store_add_partnership(st, &p, &err), SL_OK);
    }
}

static void add_snapshot(const char *snapshot, const row *rows, size_t n) { add_import(snapshot, NULL, NULL, rows, n); }

static const row SNAP_2020[] = {
    {"Alpha Police Department", "VA", "Ring", "Ring", "2019-03-01", 1, ""},
    {"Beta Police Department", "VA", "Ring", "Ring", "2019-06", 2, ""},
    {"Gamma County Sheriff", "VA", "Ring", "Ring", "2019", 3, ""},
    {"Unlinked Town Police", "MD", "Ring", "Ring", "", 0, ""},
};
static const row SNAP_2021[] = {
    {"Alpha Police Department", "VA", "Ring", "Ring", "2019-03-01", 1, ""}, /* the same */
    {"Beta Police Department", "VA", "Ring", "Amazon", "2019-06", 2, ""},   /* vendor changed */
    {"Unlinked Town Police", "MD", "Ring", "Ring", "", 0, ""},              /* the same, unlinked */
    {"Delta State Police", "VA", "Ring", "Ring", "2020-07-15", 4, ""},      /* new */
    {"Alpha Police Department", "VA", "Flock ALPR", "Flock", "2020-02", 1, ""}, /* new, other technology */
    /* Gamma County Sheriff: ended */
};

static int setup(void **state)
{
    (void)state;
    sl_error err;
    int fd = mkstemp(path);
    close(fd);
    if (sl_store_open(path, &st, &err)) return -1;
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    add_registry();
    add_snapshot("2020-01-01", SNAP_2020, sizeof SNAP_2020 / sizeof *SNAP_2020);
    add_snapshot("2021-01-01", SNAP_2021, sizeof SNAP_2021 / sizeof *SNAP_2021);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sl_store_close(st);
    unlink(path);
    return 0;
}

static long count_of(const json_t *o, const char *key) { return (long)json_integer_value(json_object_get(o, key)); }

static const char *str_at(const json_t *list, size_t i, const char *key)
{
    return json_string_value(json_object_get(json_array_get(list, i), key));
}

/* Dates between snapshots resolve to the snapshot in force; Ring only. */
static void test_diff_ring(void **state)
{
    (void)state;
    sl_error err;
    json_t *d = NULL;
    assert_int_equal(sl_tracker_diff(st, "2020-06-01", "2021-06-01", "ring", &d, &err), SL_OK);
    assert_string_equal(json_string_value(json_object_get(d, "from")), "2020-01-01");
    assert_string_equal(json_string_value(json_object_get(d, "to")), "2021-01-01");
    json_t *counts = json_object_get(d, "counts");
    assert_int_equal(count_of(counts, "new"), 1);
    assert_int_equal(count_of(counts, "ended"), 1);
    assert_int_equal(count_of(counts, "changed"), 1);
    json_t *added = json_object_get(d, "new"), *ended = json_object_get(d, "ended"),
           *changed = json_object_get(d, "changed");
    assert_int_equal(json_array_size(added), 1);
    assert_string_equal(str_at(added, 0, "agency"), "Delta State Police");
    assert_string_equal(str_at(added, 0, "start"), "2020-07-15");
    /* the registry's ORI (none in this registry: null), never the store's own agency number */
    assert_true(json_is_null(json_object_get(json_array_get(added, 0), "ori")));
    assert_null(json_object_get(json_array_get(added, 0), "agency_id"));
    assert_int_equal(json_array_size(ended), 1);
    assert_string_equal(str_at(ended, 0, "agency"), "Gamma County Sheriff");
    assert_string_equal(str_at(ended, 0, "start_precision"), "year");
    assert_int_equal(json_array_size(changed), 1);
    assert_string_equal(str_at(changed, 0, "agency"), "Beta Police Department");
    json_t *ch = json_object_get(json_array_get(changed, 0), "changes");
    assert_int_equal(json_object_size(ch), 1); /* only the vendor: the start is the same */
    assert_string_equal(json_string_value(json_object_get(json_object_get(ch, "vendor"), "from")), "Ring");
    assert_string_equal(json_string_value(json_object_get(json_object_get(ch, "vendor"), "to")), "Amazon");
    /* ... in words, old -> new, for every list of changed rows: the row's
    ** own vendor is the new one alone */
    assert_string_equal(str_at(changed, 0, "what_changed"), "vendor: Ring \xe2\x86\x92 Amazon");
    assert_null(json_object_get(json_array_get(added, 0), "what_changed"));
    assert_string_equal(json_string_value(json_object_get(d, "tech")), "ring");
    json_decref(d);
}

/* Without a technology filter the Flock row is new too (same agency, other
** technology: another partnership); two dates in one snapshot are refused. */
static void test_diff_all_and_same_snapshot(void **state)
{
    (void)state;
    sl_error err;
    json_t *d = NULL;
    assert_int_equal(sl_tracker_diff(st, "2020-01-01", "2021-01-01", NULL, &d, &err), SL_OK);
    assert_int_equal(count_of(json_object_get(d, "counts"), "new"), 2);
    assert_int_equal(count_of(json_object_get(d, "counts"), "ended"), 1);
    assert_int_equal(count_of(json_object_get(d, "counts"), "changed"), 1);
    json_decref(d);
    assert_int_equal(sl_tracker_diff(st, "2021-01-01", "2021-12-31", NULL, &d, &err), SL_EDATA);
    assert_null(d);
    assert_non_null(strstr(err.msg, "same snapshot"));
}

/* Dates turned round would list the ended partnership (Gamma) as new and
** the new ones as ended: a usage error naming the order, no result. */
static void test_diff_reversed(void **state)
{
    (void)state;
    sl_error err;
    json_t *d = NULL;
    assert_int_equal(sl_tracker_diff(st, "2021-06-01", "2020-06-01", "ring", &d, &err), SL_EUSAGE);
    assert_null(d);
    assert_string_equal(err.msg, "--from 2021-06-01 is after --to 2020-06-01: the diff would list ended "
                                 "partnerships as new; give the earlier date as --from");
}

/* The newest snapshot, Ring: 4 rows, 3 linked, 1 undated; by year; the
** since count separates certain starts; shares over the registry. */
static void test_tracker_counts(void **state)
{
    (void)state;
    sl_error err;
    json_t *r = NULL;
    sl_tracker_query q = {.tech = "ring"};
    assert_int_equal(sl_tracker_run(st, &q, &r, &err), SL_OK);
    assert_string_equal(json_string_value(json_object_get(r, "snapshot")), "2021-01-01");
    assert_int_equal(count_of(r, "total"), 4);
    assert_int_equal(count_of(r, "agencies"), 4);
    assert_int_equal(count_of(r, "linked"), 3);
    assert_int_equal(count_of(r, "unlinked"), 1);
    assert_int_equal(count_of(r, "undated"), 1);
    json_t *by_year = json_object_get(r, "by_year");
    assert_int_equal(json_object_size(by_year), 2);
    assert_int_equal(count_of(by_year, "2019"), 2);
    assert_int_equal(count_of(by_year, "2020"), 1);
    assert_null(json_object_get(r, "since"));
    json_t *share = json_object_get(r, "share");
    assert_int_equal(json_array_size(share), 2);
    assert_int_equal(count_of(json_array_get(share, 0), "agencies"), 4);
    assert_int_equal(count_of(json_array_get(share, 0), "partnered"), 3);
    assert_int_equal(count_of(json_array_get(share, 1), "agencies"), 3);
    assert_int_equal(count_of(json_array_get(share, 1), "partnered"), 2);
    assert_int_equal(json_array_size(json_object_get(r, "sources")), 2); /* this snapshot's + the registry */
    json_decref(r);
    /* --since filters every figure: Beta (June 2019) and Delta; Alpha started
    ** before, the undated row cannot be placed */
    sl_tracker_query qs = {.tech = "ring", .since = "2019-05-01"};
    assert_int_equal(sl_tracker_run(st, &qs, &r, &err), SL_OK);
    json_t *since = json_object_get(r, "since");
    assert_int_equal(count_of(since, "count"), 2);
    assert_int_equal(count_of(since, "uncertain"), 0);
    assert_int_equal(count_of(since, "month_or_year"), 1); /* Beta: "2019-06", not a day */
    /* ... which its date column gives itself (no summary month): said apart */
    assert_int_equal(count_of(since, "month_or_year_in_date_column"), 1);
    /* said beside the count in the CLI, the dashboard and the report's lead */
    assert_string_equal(json_string_value(json_object_get(since, "month_or_year_note")),
                        "1 of them dated only to a month or year");
    assert_int_equal(count_of(r, "total"), 2);
    assert_int_equal(count_of(json_object_get(r, "by_year"), "2019"), 1);
    assert_int_equal(count_of(json_object_get(r, "by_year"), "2020"), 1);
    json_decref(r);
    /* The older snapshot by date: Gamma's year-only 2019 start is uncertain. */
    sl_tracker_query old = {.tech = "ring", .since = "2019-05-01", .snapshot = "2020-12-31"};
    assert_int_equal(sl_tracker_run(st, &old, &r, &err), SL_OK);
    assert_string_equal(json_string_value(json_object_get(r, "snapshot")), "2020-01-01");
    assert_int_equal(count_of(r, "total"), 1); /* the certain row; Gamma is counted apart */
    assert_int_equal(count_of(json_object_get(r, "since"), "count"), 1);
    assert_int_equal(count_of(json_object_get(r, "since"), "uncertain"), 1);
    json_decref(r);
    /* Since 2020: Delta alone, dated to the day: no note */
    sl_tracker_query day = {.tech = "ring", .since = "2020-01-01"};
    assert_int_equal(sl_tracker_run(st, &day, &r, &err), SL_OK);
    assert_int_equal(count_of(json_object_get(r, "since"), "count"), 1);
    assert_int_equal(count_of(json_object_get(r, "since"), "month_or_year"), 0);
    assert_null(json_object_get(json_object_get(r, "since"), "month_or_year_note"));
    json_decref(r);
}

/* A new row whose agency is not UTF-8 cannot become JSON: the diff fails
** rather than report one new partnership fewer. */
static void test_diff_row_that_cannot_be_built(void **state)
{
    (void)state;
    sl_error err;
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    static const row bad[] = {{"Caf\xe9 Police", "VA", "Ring", "Ring", "2021-05-01", 0, ""}};
    add_snapshot("2022-01-01", bad, 1);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    json_t *d = NULL;
    assert_int_not_equal(sl_tracker_diff(st, "2021-01-01", "2022-01-01", "ring", &d, &err), SL_OK);
    assert_null(d);
}

/* Agency types that differ only in case are one type in the links' rows
** (`partnerships --links`, /api/partnerships/links) as in --by type: the
** spelling most rows use, whichever row is linked. */
static void test_links_one_spelling_per_type(void **state)
{
    (void)state;
    sl_error err;
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    static const row typed[] = {
        {"Delta State Police", "VA", "ALPR", "Flock", "2022-03-01", 4, "State police"},
        {"Epsilon State Police", "MD", "ALPR", "Flock", "2022-04-01", 0, "State Police"},
        {"Zeta State Police", "DE", "ALPR", "Flock", "2022-05-01", 0, "State Police"},
        {"Gamma County Sheriff", "VA", "ALPR", "Flock", "2022-06-01", 3, "Sheriff"},
    };
    add_snapshot("2023-01-01", typed, sizeof typed / sizeof *typed);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    json_t *l = NULL, *r = NULL;
    sl_tracker_query q = {.snapshot = "2023-01-01", .by = "type"};
    assert_int_equal(sl_tracker_links(st, &q, NULL, NULL, &l, &err), SL_OK);
    json_t *rows = json_object_get(l, "rows");
    assert_int_equal(json_array_size(rows), 4);
    for (size_t i = 0; i < 4; i++) {
        const char *type = str_at(rows, i, "agency_type");
        assert_non_null(type);
        assert_string_equal(type, i < 3 ? "State Police" : "Sheriff");
    }
    assert_int_equal(sl_tracker_run(st, &q, &r, &err), SL_OK);
    assert_int_equal(count_of(json_object_get(r, "by"), "State Police"), 3);
    json_decref(l);
    json_decref(r);
}

/* Rows not linked to the registry are in no share: counted per state, and
** the sentence said beside a share says how many and what links them. */
static void test_unlinked_rows_said(void **state)
{
    (void)state;
    sl_error err;
    json_t *r = NULL;
    sl_tracker_query q = {.snapshot = "2020-01-01", .by = "state"};
    assert_int_equal(sl_tracker_run(st, &q, &r, &err), SL_OK);
    json_t *by = json_object_get(r, "unlinked_by_state");
    assert_int_equal(json_object_size(by), 1);
    assert_int_equal(count_of(by, "MD"), 1);
    json_t *va = json_object_get(json_object_get(r, "by_registry"), "VA");
    assert_null(json_object_get(va, "unlinked")); /* VA's rows are all linked: nothing to say */
    assert_null(json_object_get(va, "unlinked_note"));
    json_decref(r);
    char note[SL_TRACKER_NOTE];
    sl_tracker_unlinked_note(7, "DC", "ring", note);
    assert_string_equal(note, "7 partnership rows in DC are not linked to the agency registry, so no share counts "
                              "them: “sightline import links” links them.");
    sl_tracker_unlinked_note(1, "GU", "Ring", note);
    assert_string_equal(note, "1 partnership row in GU is not linked to the agency registry, so no share counts "
                              "it: “sightline import links” links it.");
    sl_tracker_unlinked_note(1234, "TX", "ring", note);
    assert_non_null(strstr(note, "1,234 partnership rows in TX are"));
    /* a face recognition row, or a row of every technology, is no partnership */
    sl_tracker_unlinked_note(7, "DC", NULL, note);
    assert_string_equal(note, "7 records in DC are not linked to the agency registry, so no share counts "
                              "them: “sightline import links” links them.");
    sl_tracker_unlinked_note(1, "AK", "face", note);
    assert_non_null(strstr(note, "1 record in AK is not linked"));
}

/* The names of the located agencies of sl_tracker_partners' R, with the
** technologies of each, "Alpha:Ring,Flock ALPR;Delta:Ring". */
static void located_names(const json_t *r, char *out, size_t cap)
{
    size_t i, k, n = 0;
    json_t *a, *t;
    out[0] = '\0';
    json_array_foreach(json_object_get(r, "located"), i, a) {
        n += (size_t)snprintf(out + n, cap - n, "%s%.5s:", i ? ";" : "", json_string_value(json_object_get(a, "name")));
        json_array_foreach(json_object_get(a, "technologies"), k, t)
            n += (size_t)snprintf(out + n, cap - n, "%s%s", k ? "," : "", json_string_value(t));
    }
}

/* The agencies of a map are those the tracker counts, by its rows: for each
** query the same "agencies", split into the located ones (each with the
** technologies of its rows counted), those linked to no registry agency and
** those whose registry agency has no location. */
static void test_partners_are_the_count(void **state)
{
    (void)state;
    /* the snapshot of 2021 (a later test of the diff adds one of 2022) */
    static const struct {
        sl_tracker_query q;
        long agencies, unlinked, without;
        const char *located;
    } CASES[] = {
        {{.snapshot = "2021-01-01"}, 4, 1, 1, "Alpha:Ring,Flock ALPR;Delta:Ring"},
        {{.tech = "ring", .snapshot = "2021-01-01"}, 4, 1, 1, "Alpha:Ring;Delta:Ring"}, /* not Alpha's Flock row */
        {{.tech = "ring", .since = "2019-05-01", .snapshot = "2021-01-01"}, 2, 0, 1, "Delta:Ring"}, /* Beta: none */
        {{.since = "2020-01-01", .snapshot = "2021-01-01"}, 2, 0, 0, "Alpha:Flock ALPR;Delta:Ring"},
        /* the undated row (Unlinked Town) is in no count until a day: left out, as counted */
        {{.until = "2019-12-31", .snapshot = "2021-01-01"}, 2, 0, 1, "Alpha:Ring"},
        {{.since = "2019-05-01", .snapshot = "2020-12-31"}, 1, 0, 1, ""}, /* Gamma's 2019 only uncertain */
        {{.tech = "nothing", .snapshot = "2021-01-01"}, 0, 0, 0, ""},
    };
    for (size_t c = 0; c < sizeof CASES / sizeof *CASES; c++) {
        sl_error err;
        json_t *p = NULL, *r = NULL;
        char names[200];
        assert_int_equal(sl_tracker_partners(st, &CASES[c].q, &p, &err), SL_OK);
        assert_int_equal(sl_tracker_run(st, &CASES[c].q, &r, &err), SL_OK);
        assert_int_equal(count_of(p, "agencies"), count_of(r, "agencies"));
        assert_string_equal(json_string_value(json_object_get(p, "snapshot")),
                            json_string_value(json_object_get(r, "snapshot")));
        assert_int_equal(count_of(p, "agencies"), CASES[c].agencies);
        assert_int_equal(count_of(p, "unlinked_agencies"), CASES[c].unlinked);
        assert_int_equal(count_of(p, "without_location"), CASES[c].without);
        located_names(p, names, sizeof names);
        assert_string_equal(names, CASES[c].located);
        json_decref(p);
        json_decref(r);
    }
    /* refused as the tracker refuses */
    sl_error err;
    json_t *p = NULL;
    sl_tracker_query bad = {.since = "2020-13-01"};
    assert_int_equal(sl_tracker_partners(st, &bad, &p, &err), SL_EUSAGE);
    assert_null(p);
    assert_non_null(strstr(err.msg, "--since wants a date"));
}

/* A partnership of a list other than the Atlas whose technology is "Ring"
** is the rows `--tech ring` counts, and its date a start: no row counted
** as Ring's is called another technology's. A non-Ring row's date is
** "dated" either way: by the source the Atlas cites, or by another list's
** date column (dated_by_file), which need not be when use began. */
static void test_one_ring_rule(void **state)
{
    (void)state;
    sl_error err;
    json_t *r = NULL;
    sl_tracker_query ring = {.tech = "ring", .snapshot = "2021-01-01"};
    assert_int_equal(sl_tracker_run(st, &ring, &r, &err), SL_OK);
    assert_int_equal(count_of(r, "total"), 4);
    assert_int_equal(count_of(r, "dated_by_source"), 0); /* "Ring": starts */
    json_decref(r);
    sl_tracker_query all = {.snapshot = "2021-01-01"};
    assert_int_equal(sl_tracker_run(st, &all, &r, &err), SL_OK);
    assert_int_equal(count_of(r, "dated_by_source"), 1); /* the Flock row */
    assert_int_equal(count_of(r, "dated_by_file"), 1);   /* of a list that is not the Atlas */
    json_decref(r);
    /* the Atlas's own rows: Ring's dates are starts, another's its source's */
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    static const row atlas[] = {
        {"Alpha Police Department", "VA", "Ring/Neighbors Partnership", "", "2023-03-01", 1, ""},
        {"Beta Police Department", "VA", "Drones", "", "2023-04-01", 2, ""},
    };
    static const row own[] = {{"Gamma County Sheriff", "VA", "Drones", "", "2023-05-01", 3, ""}};
    add_import("2024-01-01", "{\"preset\":\"atlas\"}", "atlas-2024", atlas, 2);
    add_import("2024-01-01", "{\"agency\":\"agency\",\"preset\":\"\"}", "own-2024", own, 1);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_tracker_query newest = {0};
    assert_int_equal(sl_tracker_run(st, &newest, &r, &err), SL_OK);
    assert_string_equal(json_string_value(json_object_get(r, "snapshot")), "2024-01-01");
    assert_int_equal(count_of(r, "dated_by_source"), 2); /* both drones */
    assert_int_equal(count_of(r, "dated_by_file"), 1);   /* the other list's */
    json_decref(r);
}

/* A count since a day after the snapshot counted is refused, as the audit
** refuses it: the snapshot cannot show what began after it was taken. */
static void test_since_after_snapshot_refused(void **state)
{
    (void)state;
    sl_error err;
    json_t *r = NULL;
    sl_tracker_query late = {.since = "2024-01-02"};
    assert_int_equal(sl_tracker_run(st, &late, &r, &err), SL_EUSAGE);
    assert_null(r);
    assert_non_null(strstr(err.msg, "--since 2024-01-02 is after the newest snapshot (2024-01-01)"));
    sl_tracker_query old = {.since = "2020-06-01", .snapshot = "2020-12-31"};
    assert_int_equal(sl_tracker_run(st, &old, &r, &err), SL_EUSAGE);
    assert_null(r);
    assert_non_null(strstr(err.msg, "--since 2020-06-01 is after the snapshot of 2020-01-01"));
    sl_tracker_query day = {.since = "2024-01-01"}; /* the snapshot's own day: it may show it */
    assert_int_equal(sl_tracker_run(st, &day, &r, &err), SL_OK);
    json_decref(r);
}

/* A diff in which half or more of the earlier snapshot's partnerships
** "ended" says that the later one may be a partial list; one that ended
** fewer says nothing. */
static void test_diff_partial_list(void **state)
{
    (void)state;
    sl_error err;
    json_t *d = NULL;
    assert_int_equal(sl_tracker_diff(st, "2020-01-01", "2021-01-01", "ring", &d, &err), SL_OK);
    assert_null(json_object_get(d, "caveat")); /* 1 of 4 ended */
    assert_int_equal(count_of(json_object_get(d, "counts"), "in_from"), 4);
    assert_int_equal(count_of(json_object_get(d, "counts"), "in_to"), 4);
    json_decref(d);
    assert_int_equal(sl_tracker_diff(st, "2021-01-01", "2024-01-01", "ring", &d, &err), SL_OK);
    /* of 4: Alpha's Ring row is another technology's text in 2024 ("Ring/Neighbors Partnership") */
    assert_int_equal(count_of(json_object_get(d, "counts"), "ended"), 4);
    const char *c = json_string_value(json_object_get(d, "caveat"));
    assert_non_null(c);
    assert_non_null(strstr(c, "4 of the 4 partnerships of the snapshot of 2021-01-01 are not in that of 2024-01-01"));
    assert_non_null(strstr(c, "may be a partial list"));
    json_decref(d);
}

/* The technology rule (--tech, and so the Ring rule) matches whole words,
** any case, a plural allowed: the Atlas's "Ring/Neighbors Partnership" and
** a list's "Ring" are Ring's; "Monitoring", "Fingerprinting", "Ringo" and
** "Bring" are not, as a substring match had them. */
static void test_tech_rule_is_words(void **state)
{
    (void)state;
    static const struct { const char *tech, *technology; int is; } cases[] = {
        {"ring", "Ring/Neighbors Partnership", 1}, {"ring", "Ring", 1}, {"RING", "ring neighbors", 1},
        {"ring", "Neighbors (Ring)", 1},           {"ring", "Rings", 1},
        {"ring", "Social Media Monitoring", 0},    {"ring", "Fingerprinting", 0},
        {"ring", "Ringo Camera Registry", 0},      {"ring", "Bring Your Own Camera", 0},
        {"ring", "Ringing", 0},                    {"drone", "Drones", 1},
        {"face", "Face Recognition", 1},           {"face recognition", "Face Recognition", 1},
        {"plate reader", "Automated License Plate Readers", 1},
        {"Ring/Neighbors Partnership", "Ring/Neighbors Partnership", 1},
        {"ring/", "Ring/Neighbors Partnership", 1}, {"camera", "Body-worn Cameras", 1},
        {"cam", "Body-worn Cameras", 0},           {"", "anything", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sl_partnership p = {.technology = cases[i].technology};
        if (sl_tracker_tech_is(&p, cases[i].tech) != cases[i].is)
            fail_msg("--tech \"%s\" on \"%s\": expected %d", cases[i].tech, cases[i].technology, cases[i].is);
        assert_int_equal(sl_tracker_is_ring(&p), sl_tracker_tech_is(&p, "ring"));
    }
    sl_partnership any = {.technology = "Drones"};
    assert_true(sl_tracker_tech_is(&any, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_ring),
        cmocka_unit_test(test_diff_all_and_same_snapshot),
        cmocka_unit_test(test_diff_reversed),
        cmocka_unit_test(test_tracker_counts),
        cmocka_unit_test(test_diff_row_that_cannot_be_built),
        cmocka_unit_test(test_unlinked_rows_said),
        cmocka_unit_test(test_partners_are_the_count),
        cmocka_unit_test(test_links_one_spelling_per_type), /* a snapshot of its own, the newest */
        cmocka_unit_test(test_one_ring_rule),               /* after it: 2024-01-01, the newest */
        cmocka_unit_test(test_since_after_snapshot_refused),
        cmocka_unit_test(test_diff_partial_list),
        cmocka_unit_test(test_tech_rule_is_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
