/*
** test_tracker_context.c — sl_tracker_context, the columns a partnership
** CSV ends every row with (the CLI's and the audit's alike): which are
** there, in what order, and which values are left out.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sightline/analysis/tracker.h"

/* CTX dumped compactly in its own key order, compared with WANT; CTX released. */
static void expect_context(json_t *ctx, const char *want)
{
    assert_non_null(ctx);
    char *got = json_dumps(ctx, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    json_decref(ctx);
}

/* A snapshot alone, with no query or one without filters: "snapshot" only. */
static void snapshot_only(void **state)
{
    (void)state;
    expect_context(sl_tracker_context("2020-10-07", NULL, NULL), "{\"snapshot\":\"2020-10-07\"}");
    sl_tracker_query q = {.snapshot = "2020-01-15", .by = "state"}; /* neither is a column */
    expect_context(sl_tracker_context("2020-10-07", NULL, &q), "{\"snapshot\":\"2020-10-07\"}");
}

/* Every filter, in the CLI's header order whatever the struct's: tech,
** state, type, county, since, until; the state list as given. */
static void filters_in_order(void **state)
{
    (void)state;
    sl_tracker_query q = {.until = "2020-09-01", .since = "2020-05-25", .county = "Cook", .type = "police",
                          .state = "IL,ca", .tech = "ring"};
    expect_context(sl_tracker_context("2020-10-07", NULL, &q),
                   "{\"snapshot\":\"2020-10-07\",\"filter_tech\":\"ring\",\"filter_state\":\"IL,ca\","
                   "\"filter_type\":\"police\",\"filter_county\":\"Cook\",\"filter_since\":\"2020-05-25\","
                   "\"filter_until\":\"2020-09-01\"}");
}

/* A diff names both snapshots, from_snapshot then to_snapshot, never "snapshot". */
static void diff_snapshots(void **state)
{
    (void)state;
    sl_tracker_query q = {.tech = "ring"};
    expect_context(sl_tracker_context("2020-01-15", "2020-10-07", &q),
                   "{\"from_snapshot\":\"2020-01-15\",\"to_snapshot\":\"2020-10-07\",\"filter_tech\":\"ring\"}");
    expect_context(sl_tracker_context("2020-01-15", "2020-10-07", NULL),
                   "{\"from_snapshot\":\"2020-01-15\",\"to_snapshot\":\"2020-10-07\"}");
}

/* A filter given empty (--tech "") filters nothing and says nothing; an
** empty snapshot neither; bytes that are not UTF-8 could fill no cell. */
static void empty_and_not_utf8_left_out(void **state)
{
    (void)state;
    sl_tracker_query q = {.tech = "", .state = "\xff" "IL", .type = "sheriff"};
    expect_context(sl_tracker_context("", NULL, &q), "{\"filter_type\":\"sheriff\"}");
    expect_context(sl_tracker_context("2020-01-15", "", NULL), "{\"from_snapshot\":\"2020-01-15\"}");
    expect_context(sl_tracker_context(NULL, NULL, NULL), "{}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snapshot_only),
        cmocka_unit_test(filters_in_order),
        cmocka_unit_test(diff_snapshots),
        cmocka_unit_test(empty_and_not_utf8_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
