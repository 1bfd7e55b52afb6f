/*
** test_fips_state.c — a US county or tract's state from its FIPS id, which
** tells the many "Washington" counties apart in tables; and the set-level
** rule that gives a set states only when every id is one; and the rule that
** holds a group to its population.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "sightline/core/area.h"

static void counties_and_tracts(void **state)
{
    (void)state;
    assert_string_equal(sl_fips_state("17031"), "IL");       /* Cook County */
    assert_string_equal(sl_fips_state("41067"), "OR");       /* Washington County, OR */
    assert_string_equal(sl_fips_state("01001"), "AL");
    assert_string_equal(sl_fips_state("72127"), "PR");
    assert_string_equal(sl_fips_state("78010"), "VI");       /* the last code of the table */
    assert_string_equal(sl_fips_state("36061014500"), "NY"); /* a tract GEOID */
}

/* One rule for the import and disparity: a group (or white non-Hispanic and
** Hispanic together) is at most the population, with 0.5% slack for counts
** rebuilt from rounded percentages. */
static void groups_within_population(void **state)
{
    (void)state;
    assert_true(sl_group_fits(2773, 2773));
    assert_true(sl_group_fits(1005, 1000));  /* 100.5% */
    assert_false(sl_group_fits(1006, 1000));
    assert_false(sl_group_fits(168, 2.773)); /* "2,773" saved as "2.773" */
    assert_true(sl_group_fits(0, 0));
    assert_false(sl_group_fits(1, 0));
}

/* data.census.gov keys its tables by GEO_ID, a summary level and "US"
** before the FIPS code: read as that code, so the table joins TIGER's. */
static void census_geo_ids(void **state)
{
    (void)state;
    assert_string_equal(sl_census_geo_id("1400000US17031010100"), "17031010100");
    assert_string_equal(sl_census_geo_id("0500000US17031"), "17031");
    assert_string_equal(sl_census_geo_id("17031010100"), "17031010100");
    assert_string_equal(sl_census_geo_id("1400000US"), "1400000US");      /* no code after it */
    assert_string_equal(sl_census_geo_id("1400000US1703A"), "1400000US1703A");
    assert_string_equal(sl_census_geo_id("140000US17031"), "140000US17031"); /* six digits before US */
    assert_string_equal(sl_census_geo_id("08000US360614491951000000100"), "08000US360614491951000000100");
    assert_null(sl_census_geo_id(NULL));
}

/* A Census GEO_ID names its state when its level's code opens with it:
** tracts and counties of data.census.gov and TIGER's AFFGEOID, NYC's ACS
** tracts of 2008-12 (five digits before "US"), a state itself. */
static void geo_id_states(void **state)
{
    (void)state;
    assert_string_equal(sl_fips_state("1400000US17031010100"), "IL");
    assert_string_equal(sl_fips_state("0500000US41067"), "OR");
    assert_string_equal(sl_fips_state("0400000US17"), "IL");
    assert_string_equal(sl_fips_state("08000US360614491951000000100"), "NY");
    assert_string_equal(sl_fips_state("1500000US360610001001"), "NY"); /* a block group */
    assert_null(sl_fips_state("8600000US60601"));  /* a ZIP code area: 60 is no state here */
    assert_null(sl_fips_state("3100000US16980"));  /* a metro area */
    assert_null(sl_fips_state("0100000US"));       /* the nation */
    assert_null(sl_fips_state("1400000US1"));      /* one digit after US */
    assert_null(sl_fips_state("1400000US03001"));  /* 03 is no state */
    assert_null(sl_fips_state("140000US17031"));   /* six digits before US */
    assert_null(sl_fips_state("1400000XX17031"));
}

static void other_ids(void **state)
{
    (void)state;
    assert_null(sl_fips_state(NULL));
    assert_null(sl_fips_state(""));
    assert_null(sl_fips_state("17"));          /* a state: its name is already the state */
    assert_null(sl_fips_state("170310"));      /* six digits */
    assert_null(sl_fips_state("1703A"));
    assert_null(sl_fips_state("03001"));       /* 03 is no state */
    assert_null(sl_fips_state("79001"));       /* past the last code: no read past the table */
    assert_null(sl_fips_state("99001000100")); /* the demo's invented tracts */
    assert_null(sl_fips_state("00001"));
}

static void whole_set_or_nothing(void **state)
{
    (void)state;
    sl_area items[3];
    memset(items, 0, sizeof items);
    items[0].id = "17031";
    items[1].id = "41067";
    items[2].id = "53173";
    sl_area_list l;
    memset(&l, 0, sizeof l);
    l.items = items;
    l.count = 3;
    assert_true(sl_area_list_has_states(&l));
    items[2].id = "98101"; /* a ZIP code among counties: no states at all */
    assert_false(sl_area_list_has_states(&l));
    l.count = 0;
    assert_false(sl_area_list_has_states(&l));
}

static void postal_codes(void **state)
{
    (void)state;
    assert_true(sl_state_known("IL"));
    assert_true(sl_state_known("dc"));
    assert_true(sl_state_known("PR"));
    assert_false(sl_state_known("ZZ"));
    assert_false(sl_state_known("I"));
    assert_false(sl_state_known("ILL"));
    assert_false(sl_state_known(""));
    assert_false(sl_state_known(NULL));
}

/* The registry's Nebraska (NB) and Guam (GM), the Atlas's "FL " and lower
** case: one spelling each, which sl_state_known knows. */
static void canonical_states(void **state)
{
    (void)state;
    char out[16];
    assert_string_equal(sl_state_canonical("NB", out, sizeof out), "NE");
    assert_string_equal(sl_state_canonical("gm", out, sizeof out), "GU");
    assert_string_equal(sl_state_canonical(" FL ", out, sizeof out), "FL");
    assert_string_equal(sl_state_canonical("wi\t", out, sizeof out), "WI");
    assert_true(sl_state_known(sl_state_canonical("nb", out, sizeof out)));
    assert_string_equal(sl_state_canonical("NA", out, sizeof out), "NA"); /* kept: not a state */
    assert_string_equal(sl_state_canonical(" Illinois ", out, sizeof out), "Illinois");
    assert_string_equal(sl_state_canonical("   ", out, sizeof out), "");
    assert_string_equal(sl_state_canonical(NULL, out, sizeof out), "");
    char in_place[] = "  nb ", long_one[] = "\tNew Mexico  "; /* OUT may be STATE: the store reads so */
    assert_string_equal(sl_state_canonical(in_place, in_place, sizeof in_place), "NE");
    assert_string_equal(sl_state_canonical(long_one, long_one, sizeof long_one), "New Mexico");
    assert_string_equal(sl_state_canonical("Massachusetts", out, 5), "Mass"); /* cut to fit */
}

/* An unnamed tract (Chicago's SDOH tracts carry only geoid10) read ", IL"
** in `join` and the report; now as the Census Bureau names it. */
static void display_names(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(sl_area_display_name("Cook", "17031", out, sizeof out), "Cook, IL");
    assert_string_equal(sl_area_display_name("", "17031842200", out, sizeof out), "Census Tract 8422, IL");
    assert_string_equal(sl_area_display_name(NULL, "17031030701", out, sizeof out), "Census Tract 307.01, IL");
    assert_string_equal(sl_area_display_name("", "06037000100", out, sizeof out), "Census Tract 1, CA");
    assert_string_equal(sl_area_display_name("", "17031", out, sizeof out), "IL");
    assert_string_equal(sl_area_display_name("LOOP", "32", out, sizeof out), "LOOP"); /* a community area */
    assert_string_equal(sl_area_display_name("", "32", out, sizeof out), "");
    assert_string_equal(sl_area_display_name("", "1400000US17031842200", out, sizeof out), "Census Tract 8422, IL");
    assert_string_equal(sl_area_display_name("", "0500000US17031", out, sizeof out), "IL");
    assert_string_equal(sl_area_display_name("Tract 1", "08000US360614491951000000100", out, sizeof out),
                        "Tract 1, NY");
    assert_string_equal(sl_area_display_name("", "08000US360614491951000000100", out, sizeof out), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counties_and_tracts),
        cmocka_unit_test(groups_within_population),
        cmocka_unit_test(other_ids),
        cmocka_unit_test(census_geo_ids),
        cmocka_unit_test(geo_id_states),
        cmocka_unit_test(whole_set_or_nothing),
        cmocka_unit_test(postal_codes),
        cmocka_unit_test(canonical_states),
        cmocka_unit_test(display_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
