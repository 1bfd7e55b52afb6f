/*
** test_date.c — loose dates and their precision.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "sightline/date.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(atlas_forms),     cmocka_unit_test(iso_forms),
        cmocka_unit_test(not_dates),       cmocka_unit_test(explicit_format),
        cmocka_unit_test(phrases_in_summaries), cmocka_unit_test(names_and_intervals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
