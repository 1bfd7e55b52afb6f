/*
** test_normalize.c — agency and county name normalization on name variants
** copied from the Atlas of Surveillance and the FBI registry: the two spellings
** of one agency must give one key, two agencies must keep two keys.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sightline/core/county.h"
#include "sightline/ingest/link.h"

static void expect_name(const char *name, const char *want)
{
    char out[256];
    sl_normalize_agency_name(name, out, sizeof out);
    if (strcmp(out, want) != 0) print_error("'%s' -> '%s', want '%s'\n", name, out, want);
    assert_string_equal(out, want);
}

static void expect_same(const char *a, const char *b)
{
    char ka[256], kb[256];
    sl_normalize_agency_name(a, ka, sizeof ka);
    sl_normalize_agency_name(b, kb, sizeof kb);
    if (strcmp(ka, kb) != 0) print_error("'%s' -> '%s' but '%s' -> '%s'\n", a, ka, b, kb);
    assert_string_equal(ka, kb);
}

static void expect_different(const char *a, const char *b)
{
    char ka[256], kb[256];
    sl_normalize_agency_name(a, ka, sizeof ka);
    sl_normalize_agency_name(b, kb, sizeof kb);
    assert_string_not_equal(ka, kb);
}

static void test_header_example(void **state)
{
    (void)state;
    expect_name("Sheriff's Office of Shenandoah Co.", "shenandoah county sheriff");
    expect_name("Shenandoah County Sheriff's Office", "shenandoah county sheriff");
    expect_name("Woodstock Police Dept.", "woodstock police");
}

static void test_police_variants(void **state)
{
    (void)state;
    expect_same("Woodstock Police Department", "Woodstock PD");
    expect_same("Woodstock Police Department", "Woodstock Police Dept");
    expect_same("Pittsburgh Police Department", "Pittsburgh Bureau of Police");
    expect_same("Hilliard Division of Police", "Hilliard Police Department");
    expect_same("Department of Police, City of Woodstock", "Woodstock Police Department");
    expect_same("City of Ocala Police Department", "Ocala Police Department");
    expect_same("The Woodstock Police", "Woodstock Police Department");
    expect_same("Longmont Public Safety", "Longmont Police Department");
    expect_same("Portage Department of Public Safety", "Portage Police Department");
    expect_same("Cottage Grove Public Sfty Department", "Cottage Grove Police Department");
    expect_name("Aiken Department of Public Safety", "aiken police");
}

static void test_sheriff_variants(void **state)
{
    (void)state;
    expect_same("Madison County Sheriff's Department", "Madison County Sheriff's Office");
    expect_same("Madison County Sheriff", "Madison County Sheriff's Office");
    expect_same("Madison Co. Sheriffs Office", "Madison County Sheriff's Office");
    expect_same("Office of the Sheriff, Madison County", "Madison County Sheriff");
    /* typographic apostrophe as pasted from a web page */
    expect_same("New Kent County Sheriff\xE2\x80\x99s Office", "New Kent County Sheriff's Office");
    /* the FBI lists Louisiana parishes as counties */
    expect_same("St. John the Baptist Parish Sheriff's Office",
                "St. John the Baptist County Sheriff's Office");
}

static void test_places_and_saints(void **state)
{
    (void)state;
    expect_same("St. Louis County Police Department", "Saint Louis County Police Department");
    expect_name("St. Charles Police Department", "saint charles police");
    expect_name("Ste. Genevieve County Sheriff's Office", "sainte genevieve county sheriff");
    expect_same("Mt. Pleasant Police Department", "Mount Pleasant Police Department");
    expect_same("Ft. Thomas Police Department", "Fort Thomas Police Department");
    expect_same("Upper Macungie Twp Police Department", "Upper Macungie Township Police Department");
    expect_same("Village of Leesburg Police Department", "Leesburg Village Police Department");
    expect_same("Town of Milton Police Department", "Milton Town Police Department");
    expect_name("Carroll Valley Boro Police Department", "carroll valley borough police");
    expect_name("O'Fallon Police Department", "ofallon police");
    expect_name("Cañon City Police Department", "canon city police");
    /* town and village of the same name are two agencies (NY) */
    expect_different("Chester Town Police Department", "Chester Village Police Department");
    expect_different("Richmond City Sheriff's Office", "Richmond County Sheriff's Office");
}

static void test_registry_forms(void **state)
{
    (void)state;
    /* the county qualifier leaves the name: counties are compared apart */
    expect_name("Perry Township Police Department, Columbiana County", "perry township police");
    expect_name("Washington Township, Warren County Police Department",
                "washington township police");
    expect_same("Prosecutor: Cumberland County", "Cumberland County Prosecutor's Office");
    expect_name("State Police: Tioga County", "tioga county state police");
    /* two kinds in one registry name: the first is the agency's */
    expect_same("Maui Police Department County Sheriff's Office", "Maui County Police Department");
    expect_name("Marshal's Office of Richmond County", "richmond county marshal");
    expect_name("Harris County Constable Precinct 4", "harris county precinct 4 constable");
    expect_name("Fulshear", "fulshear");
}

static void test_edges(void **state)
{
    (void)state;
    char out[8];
    sl_normalize_agency_name("Shenandoah County Sheriff's Office", out, sizeof out);
    assert_true(strlen(out) < sizeof out); /* truncated, still terminated */
    expect_name("", "");
    expect_name("  ---  ", "");
    char one[1];
    sl_normalize_agency_name("Anything", one, sizeof one);
    assert_string_equal(one, "");
}

static void expect_county(const char *county, const char *want)
{
    char out[128];
    sl_normalize_county(county, out, sizeof out);
    assert_string_equal(out, want);
}

static void test_counties(void **state)
{
    (void)state;
    expect_county("Shenandoah County", "shenandoah");
    expect_county("SHENANDOAH", "shenandoah");
    expect_county("St. Louis County", "saint louis");
    expect_county("ST LOUIS", "saint louis");
    expect_county("ST LOUIS CITY", "saint louis city"); /* an independent city */
    expect_county("Orleans Parish", "orleans");
    expect_county("Kenai Peninsula Borough", "kenai peninsula");
    expect_county("Prince George's County", "prince george");
    expect_county("PRINCE GEORGE'S", "prince george");
    expect_county("Miami-Dade County", "miami dade");
    expect_county("", "");
}

/* The counties a county field names, and an area's key among them: the
** rule that puts an agency in a county (county.h). */
static int names(const char *field, const char *id, const char *name)
{
    sl_county_set s = {.n = 0};
    char key[SL_COUNTY_KEY];
    sl_county_set_add(&s, field);
    sl_county_area_key(id, name, key);
    return sl_county_set_has(&s, key);
}

static void test_county_lists(void **state)
{
    (void)state;
    /* Houston as the Atlas writes it (with U+200E marks) and as the registry does */
#define LRM "\xe2\x80\x8e"
    const char *atlas = LRM "Montgomery County, " LRM "Fort Bend County" LRM ", " LRM "Harris County" LRM;
    assert_true(names(atlas, "48201", "Harris"));
    assert_true(names(atlas, "48157", "Fort Bend"));
    assert_true(names(atlas, "48339", "Montgomery"));
    assert_true(names("MONTGOMERY; FORT BEND; HARRIS", "48201", "Harris"));
    assert_false(names(atlas, "48167", "Galveston"));
    sl_county_set s = {.n = 0};
    sl_county_set_add(&s, atlas);
    sl_county_set_add(&s, "MONTGOMERY; FORT BEND; HARRIS");
    assert_int_equal(s.n, 3); /* each county once */
    sl_county_set_add(&s, NULL);
    sl_county_set_add(&s, " , ;");
    assert_int_equal(s.n, 3);
    assert_true(names("Lewis and Clark County", "30049", "Lewis and Clark")); /* "and" parts nothing */
    assert_true(names("DE KALB", "17037", "DeKalb"));
    assert_true(names("St. Mary's County", "24037", "St. Mary's"));
    /* an independent city and the county of the same name */
    assert_true(names("BALTIMORE CITY", "24510", "Baltimore"));
    assert_false(names("BALTIMORE CITY", "24005", "Baltimore"));
    assert_true(names("Baltimore County", "24005", "Baltimore"));
    assert_false(names("Baltimore County", "24510", "Baltimore"));
    assert_true(names("St. Louis (city) County", "29510", "St. Louis"));
    assert_true(names("ST LOUIS", "29189", "St. Louis"));
    assert_true(names("Carson City", "32510", "Carson City"));
    assert_true(names("JAMES CITY", "51095", "James City"));
    assert_true(names("Zavala County", "48507", "Zavala")); /* Texas's 5xx codes are counties */
    /* a note in parentheses is not the name */
    assert_true(names("Ashgrove", "51990", "Ashgrove County (synthetic)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_example),  cmocka_unit_test(test_police_variants),
        cmocka_unit_test(test_sheriff_variants), cmocka_unit_test(test_places_and_saints),
        cmocka_unit_test(test_registry_forms),  cmocka_unit_test(test_edges),
        cmocka_unit_test(test_counties),        cmocka_unit_test(test_county_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
