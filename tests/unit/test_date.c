/*
** test_date.c — loose dates and their precision.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "sightline/core/date.h"
#include "sightline/core/points.h"

static void expect(const char *text, const char *format, const char *iso, sl_precision p)
{
    sl_date d;
    char buf[11];
    if (!sl_date_parse(text, format, &d)) fail_msg("'%s' did not parse", text);
    assert_string_equal(sl_date_format(&d, buf), iso);
    assert_int_equal(d.precision, p);
}

static void rejects(const char *text)
{
    sl_date d;
    if (sl_date_parse(text, NULL, &d)) fail_msg("'%s' parsed but is not a date", text);
}

static void atlas_forms(void **state)
{
    (void)state;
    expect("3/22/18", NULL, "2018-03-22", SL_PREC_DAY);
    expect("12/1/2019", NULL, "2019-12-01", SL_PREC_DAY);
    expect("04/2019", NULL, "2019-04", SL_PREC_MONTH);
    expect("2020", NULL, "2020", SL_PREC_YEAR);
    expect("January 1, 2019", NULL, "2019-01-01", SL_PREC_DAY);
    expect("26 Mar 2014", NULL, "2014-03-26", SL_PREC_DAY);
    expect("July 2020", NULL, "2020-07", SL_PREC_MONTH);
    expect("1/5/85", NULL, "1985-01-05", SL_PREC_DAY);
}

static void iso_forms(void **state)
{
    (void)state;
    expect("2020-05-25", NULL, "2020-05-25", SL_PREC_DAY);
    expect("2020-05", NULL, "2020-05", SL_PREC_MONTH);
    expect("2020-05-25T10:00:00Z", NULL, "2020-05-25", SL_PREC_DAY);
    expect("2020-02-29", NULL, "2020-02-29", SL_PREC_DAY);
}

static void not_dates(void **state)
{
    (void)state;
    rejects("");
    rejects("2017/2018");
    rejects("2017-2019");
    rejects("2016-17");
    rejects("2010/11");
    rejects("43146");
    rejects("19, 2018");
    rejects("01/17,2019");
    rejects("2/30/2020");
    rejects("2019-02-29");
    rejects("13/1/2020");
    rejects("soon");
}

static void explicit_format(void **state)
{
    (void)state;
    expect("25.05.2020", "%d.%m.%Y", "2020-05-25", SL_PREC_DAY);
    expect("May 2020", "%B %Y", "2020-05", SL_PREC_MONTH);
    sl_date d;
    assert_false(sl_date_parse("2020-05-25", "%d.%m.%Y", &d));
    assert_false(sl_date_parse("31.02.2020", "%d.%m.%Y", &d));
}

static void phrases_in_summaries(void **state)
{
    (void)state;
    sl_date d;
    char buf[11];
    assert_true(sl_date_from_phrase("signed an agreement with Ring, in September 2020 to gain access", &d));
    assert_string_equal(sl_date_format(&d, buf), "2020-09");
    assert_int_equal(d.precision, SL_PREC_MONTH);
    assert_true(sl_date_from_phrase("since May, 2019.", &d));
    assert_string_equal(sl_date_format(&d, buf), "2019-05");
    assert_false(sl_date_from_phrase("the Mayor said in 2020", &d));
    assert_false(sl_date_from_phrase("no date here", &d));
}

static void names_and_intervals(void **state)
{
    (void)state;
    sl_date d;
    assert_true(sl_date_in_name("atlas-of-surveillance-2020-10-07.csv", &d));
    assert_int_equal(sl_date_first_day(&d), 20201007);
    assert_false(sl_date_in_name("fbi-cde-agencies-2018.csv", &d));
    assert_true(sl_date_parse("2020-02", NULL, &d));
    assert_int_equal(sl_date_first_day(&d), 20200201);
    assert_int_equal(sl_date_last_day(&d), 20200229);
    assert_true(sl_date_parse("2019", NULL, &d));
    assert_int_equal(sl_date_last_day(&d), 20191231);
    assert_string_equal(sl_precision_name(SL_PREC_MONTH), "month");
    assert_int_equal(sl_precision_from_name("day"), SL_PREC_DAY);
}

/* A year of five digits is a typo, never its first four digits (#19). */
static void overlong_years(void **state)
{
    (void)state;
    rejects("1/1/20201");
    rejects("12/31/19999");
    rejects("1/1/201");
    rejects("1/1/20201 10:00");
    rejects("2020-01-011");
    rejects("January 1, 20201");
    rejects("04/20191");
    expect("1/1/2020 10:00", NULL, "2020-01-01", SL_PREC_DAY);
    sl_date d;
    assert_false(sl_date_parse("20201", "%Y", &d));
}

/* A start after the snapshot date is flagged, whatever the precision. */
static void after_a_snapshot(void **state)
{
    (void)state;
    sl_date snap, d;
    assert_true(sl_date_parse("2020-10-09", NULL, &snap));
    assert_true(sl_date_parse("1/1/2030", NULL, &d));
    assert_true(sl_date_certainly_after(&d, &snap));
    assert_true(sl_date_parse("2020-10-10", NULL, &d));
    assert_true(sl_date_certainly_after(&d, &snap));
    assert_true(sl_date_parse("2020-10-09", NULL, &d));
    assert_false(sl_date_certainly_after(&d, &snap));
    assert_true(sl_date_parse("2020-10", NULL, &d)); /* may be before the 9th */
    assert_false(sl_date_certainly_after(&d, &snap));
    assert_true(sl_date_parse("2020-11", NULL, &d));
    assert_true(sl_date_certainly_after(&d, &snap));
    assert_true(sl_date_parse("2021", NULL, &d));
    assert_true(sl_date_certainly_after(&d, &snap));
    d.precision = SL_PREC_UNKNOWN;
    assert_false(sl_date_certainly_after(&d, &snap));
}

/* Time zone offsets beyond -12:00..+14:00, or with minutes >= 60, are no
** time (the importer counts them and keeps the record without one). */
static void zone_offsets(void **state)
{
    (void)state;
    int64_t t;
    assert_true(sl_parse_time("2020-07-01T12:00:00+14:00", 25, &t) && t == 1593554400);
    assert_true(sl_parse_time("2020-07-01T12:00:00-12:00", 25, &t) && t == 1593648000);
    assert_true(sl_parse_time("2020-07-01T12:00:00+0530", 24, &t) && t == 1593585000);
    const char *bad[] = {"2020-07-01T12:00:00+99:99", "2020-07-01T12:00:00+14:01", "2020-07-01T12:00:00-15:00",
                         "2020-07-01T12:00:00+05:60", "2020-07-01T12:00:00+25"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (sl_parse_time(bad[i], strlen(bad[i]), &t)) fail_msg("'%s' parsed", bad[i]);
}

/* Point times in a format of the user's (import posts --date-format): the
** requests' date reader, with the clock it read, as UTC; without a format
** the ISO reader as before; a format with no day gives no time. */
static void point_times_in_a_format(void **state)
{
    (void)state;
    int64_t t;
    assert_true(sl_parse_time_as("02/23/2015", 10, "%m/%d/%Y", &t) && t == 1424649600);
    assert_true(sl_parse_time_as("2/23/2015 14:05", 15, "%m/%d/%Y %H:%M", &t) && t == 1424649600 + 14 * 3600 + 5 * 60);
    assert_true(sl_parse_time_as("2015-02-23", 10, NULL, &t) && t == 1424649600);
    assert_false(sl_parse_time_as("02/23/2015", 10, NULL, &t));
    assert_false(sl_parse_time_as("2/23/2015 14:05", 15, "%m/%d/%Y", &t)); /* the clock is left over */
    assert_false(sl_parse_time_as("23/02/2015", 10, "%m/%d/%Y", &t));
    assert_false(sl_parse_time_as("02/2015", 7, "%m/%Y", &t));
    sl_date d;
    long secs = -1;
    assert_true(sl_date_parse_clock("23.02.2015 09:30:15", "%d.%m.%Y %H:%M:%S", &d, &secs));
    assert_int_equal(secs, 9 * 3600 + 30 * 60 + 15);
    assert_true(sl_date_parse_clock("2015-02-23", NULL, &d, &secs) && secs == 0);
}

/* A date typed to ask something is YYYY-MM-DD only: the loose forms the
** data's reader takes (05/25/2020, 06/05/2020 read as June 5) are refused,
** and so is every other spelling of a day. */
static void query_days(void **state)
{
    (void)state;
    sl_date d;
    char buf[11];
    assert_true(sl_date_parse_day("2020-05-25", &d));
    assert_string_equal(sl_date_format(&d, buf), "2020-05-25");
    assert_int_equal(d.precision, SL_PREC_DAY);
    assert_true(sl_date_parse_day("2020-02-29", &d));
    static const char *const refused[] = {"05/25/2020", "06/05/2020", "5/25/20", "25/05/2020", "2020-5-25",
                                          "2020-05-5", "2020-05", "2020", "2020-05-25T12:00", "2020-05-25 ",
                                          " 2020-05-25", "2020/05/25", "May 25, 2020", "2020-02-30", "2019-02-29",
                                          "2020-13-01", "2020-00-10", "+020-05-25", "", NULL};
    for (size_t i = 0; refused[i]; i++)
        if (sl_date_parse_day(refused[i], &d)) fail_msg("'%s' was taken for a day", refused[i]);
    assert_false(sl_date_parse_day(NULL, &d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(atlas_forms),     cmocka_unit_test(iso_forms),
        cmocka_unit_test(not_dates),       cmocka_unit_test(explicit_format),
        cmocka_unit_test(phrases_in_summaries), cmocka_unit_test(names_and_intervals),
        cmocka_unit_test(overlong_years),  cmocka_unit_test(after_a_snapshot),
        cmocka_unit_test(zone_offsets),    cmocka_unit_test(point_times_in_a_format),
        cmocka_unit_test(query_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
