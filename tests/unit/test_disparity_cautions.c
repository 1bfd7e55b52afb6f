/*
** test_disparity_cautions.c — the cautions a disparity result carries
** beside its figures when its intervals and p cannot be taken at their
** word: few draws, events at few places, an interval of no width, and
** footprints split over many areas (docs/methodology.md).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sightline/analysis/disparity.h"

#include <jansson.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Forty areas of 1,000 residents, the group's share rising from 0 to 0.39. */
#define NA 40
static double pop[NA], black[NA];

static sl_area_table areas(void)
{
    for (size_t a = 0; a < NA; a++) pop[a] = 1000, black[a] = 10.0 * (double)a;
    sl_area_table t = {NA, NULL, pop, {black, NULL, NULL, NULL}};
    return t;
}

/* The caveat of the result for point events in AREA (N of them), with
** PLACES (NULL: unknown) and DRAWS resamples and placebo draws; a copy. */
static char *caveat_of(const int32_t *area, size_t n, const size_t *places, size_t nplaces, size_t draws)
{
    sl_area_table t = areas();
    sl_disparity_options o;
    sl_disparity_options_default(&o);
    o.bootstrap = o.permutations = draws;
    o.place_events = places, o.places = nplaces;
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute_points(&t, area, n, &o, &r, &err), SL_OK);
    json_t *j = sl_disparity_to_json(&r);
    const char *c = json_string_value(json_object_get(j, "caveat"));
    char *copy = c ? strdup(c) : NULL;
    json_decref(j);
    sl_disparity_result_free(&r);
    return copy;
}

/* 300 events spread over the areas, each at its own place. */
static void spread_points(int32_t *area, size_t n)
{
    for (size_t i = 0; i < n; i++) area[i] = (int32_t)(i % NA);
}

static void test_no_caution_when_nothing_is_wrong(void **state)
{
    (void)state;
    int32_t area[300];
    spread_points(area, 300);
    size_t ones[300];
    for (size_t i = 0; i < 300; i++) ones[i] = 1;
    assert_null(caveat_of(area, 300, ones, 300, SL_DISPARITY_FEW_DRAWS));
    assert_null(caveat_of(area, 300, NULL, 0, SL_DISPARITY_FEW_DRAWS));
}

/* `--bootstrap 2` printed a 95% interval with no word of it. */
static void test_few_draws(void **state)
{
    (void)state;
    int32_t area[300];
    spread_points(area, 300);
    char *c = caveat_of(area, 300, NULL, 0, 2);
    assert_non_null(c);
    assert_non_null(strstr(c, "2 bootstrap resamples and the p-values on 2 placebo draws"));
    free(c);
    c = caveat_of(area, 300, NULL, 0, SL_DISPARITY_FEW_DRAWS - 1);
    assert_non_null(c && strstr(c, "999 bootstrap resamples") ? c : NULL);
    free(c);
}

/* Fifty requests at one address gave "95% interval -19.1 pt to -19.1 pt"
** and no caution: they are one place, not fifty. */
static void test_one_place(void **state)
{
    (void)state;
    int32_t area[50];
    for (size_t i = 0; i < 50; i++) area[i] = 7;
    size_t fifty = 50;
    char *c = caveat_of(area, 50, &fifty, 1, SL_DISPARITY_FEW_DRAWS);
    assert_non_null(c);
    assert_non_null(strstr(c, "50 events lie at only 1 place"));
    free(c);
    /* places unknown: the interval of no width still carries a caution */
    c = caveat_of(area, 50, NULL, 0, SL_DISPARITY_FEW_DRAWS);
    assert_non_null(c);
    assert_non_null(strstr(c, "no width"));
    free(c);
}

/* Requests of one city over every US county: the figures set that city
** against the country. Events in 3 of the 40 areas (7.5% of the residents)
** where as many placed by population would reach nearly all of them. */
static void test_narrow_reach(void **state)
{
    (void)state;
    int32_t area[300];
    size_t ones[300];
    for (size_t i = 0; i < 300; i++) area[i] = (int32_t)(20 + i % 3), ones[i] = 1;
    char *c = caveat_of(area, 300, ones, 300, SL_DISPARITY_FEW_DRAWS);
    assert_non_null(c);
    assert_non_null(strstr(c, "The events lie in 3 of the 40 study areas, holding 3,000 of their 40,000 residents "
                              "(7.5%; as many events placed by population would lie in areas holding about 100%)"));
    assert_non_null(strstr(c, "Restrict the study areas to where events could occur"));
    free(c);
    /* in 4 of them (10%): at the threshold, no caution */
    for (size_t i = 0; i < 300; i++) area[i] = (int32_t)(20 + i % 4);
    assert_null(caveat_of(area, 300, ones, 300, SL_DISPARITY_FEW_DRAWS));
}

/* Few events over many areas reach few of them by chance: 35 events in 35
** areas of 1,000 (of 40): no caution; so too 2 areas of 40 when 2 events
** placed by population would reach about as many. */
static void test_sparse_not_narrow(void **state)
{
    (void)state;
    int32_t area[300];
    size_t ones[300];
    for (size_t i = 0; i < 300; i++) area[i] = (int32_t)(i % 35), ones[i] = 1;
    assert_null(caveat_of(area, 35, ones, 35, SL_DISPARITY_FEW_DRAWS));
    area[0] = 5, area[1] = 9;
    char *c = caveat_of(area, 2, ones, 2, SL_DISPARITY_FEW_DRAWS);
    assert_non_null(c); /* 2 events: the few-events caution, not this one */
    assert_null(strstr(c, "study areas, holding"));
    free(c);
}

/* Thirty incidents of ten requests each: p <= 0.05 in half the bias-free
** runs. Thirty places are worth thirty events, not 300. */
static void test_clustered_places(void **state)
{
    (void)state;
    int32_t area[300];
    spread_points(area, 300);
    size_t tens[30];
    for (size_t i = 0; i < 30; i++) tens[i] = 10;
    char *c = caveat_of(area, 300, tens, 30, SL_DISPARITY_FEW_DRAWS);
    assert_non_null(c);
    assert_non_null(strstr(c, "300 events lie at only 30 distinct places"));
    free(c);
    /* 300 events at 150 places of 2: a design effect of 2, not above it */
    size_t twos[150];
    for (size_t i = 0; i < 150; i++) twos[i] = 2;
    assert_null(caveat_of(area, 300, twos, 150, SL_DISPARITY_FEW_DRAWS));
}

/* Requests of 3 km over city tracts: split over dozens of areas, their p
** was <= 0.05 in 40% of bias-free runs. */
static void test_wide_footprints(void **state)
{
    (void)state;
    sl_area_table t = areas();
    size_t n = 100, per = 20;
    sl_event_row *rows = malloc(n * per * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < per; k++) rows[i * per + k] = (sl_event_row){(int64_t)i, (i + k) % NA, 1.0 / (double)per};
    sl_disparity_options o;
    sl_disparity_options_default(&o);
    o.bootstrap = o.permutations = SL_DISPARITY_FEW_DRAWS;
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, rows, n * per, &o, &r, &err), SL_OK);
    assert_true(fabs(r.spread - (double)per) < 1e-9);
    json_t *j = sl_disparity_to_json(&r);
    const char *c = json_string_value(json_object_get(j, "caveat"));
    assert_non_null(c);
    assert_non_null(strstr(c, "split over about 20 areas"));
    json_decref(j);
    sl_disparity_result_free(&r);
    /* each over 4 areas: no caution */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < 4; k++) rows[i * 4 + k] = (sl_event_row){(int64_t)i, (i + k) % NA, 0.25};
    assert_int_equal(sl_disparity_compute(&t, rows, n * 4, &o, &r, &err), SL_OK);
    j = sl_disparity_to_json(&r);
    assert_null(json_object_get(j, "caveat"));
    json_decref(j);
    sl_disparity_result_free(&r);
    free(rows);
}

/* The caveat of a result of 300 point events whose groups' p-values are
** P (NaN: the group absent) from DRAWS placebo draws; a copy. */
static char *caveat_of_p(const double p[SL_GROUP_COUNT], size_t draws, double *se_black)
{
    sl_disparity_result r;
    memset(&r, 0, sizeof r);
    r.events = 300, r.weight = 300, r.bootstrap = r.permutations = draws, r.spread = 1, r.effective_places = NAN;
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        r.groups[g].present = !isnan(p[g]);
        r.groups[g].p_value = p[g];
    }
    json_t *j = sl_disparity_to_json(&r);
    assert_non_null(j);
    json_t *black = json_array_get(json_object_get(j, "groups"), 0);
    *se_black = json_number_value(json_object_get(black, "p_mc_se"));
    const char *c = json_string_value(json_object_get(j, "caveat"));
    char *copy = c ? strdup(c) : NULL;
    json_decref(j);
    return copy;
}

/* A seed moved a p across 0.05 (0.051, 0.04998, 0.057 for one data set
** with 2,000 draws) and nothing said the draws could not tell: the Monte
** Carlo error rides with every p, and a p within two of them of 0.05 is
** said to be undecided, with the draws that would decide it. */
static void test_p_near_alpha(void **state)
{
    (void)state;
    double se;
    const double seeds[] = {0.051, 0.04998, 0.057};
    const char *printed[] = {"(0.051)", "(0.050)", "(0.057)"};
    for (size_t i = 0; i < 3; i++) {
        double p[SL_GROUP_COUNT] = {seeds[i], NAN, NAN, NAN};
        char *c = caveat_of_p(p, 2000, &se);
        assert_true(fabs(se - sqrt(seeds[i] * (1 - seeds[i]) / 2000)) < 1e-12);
        assert_non_null(c);
        assert_non_null(strstr(c, "The p-value of Black "));
        assert_non_null(strstr(c, printed[i]));
        assert_non_null(strstr(c, "lies within two Monte Carlo standard errors"));
        assert_non_null(strstr(c, "--permutations 20000"));
        free(c);
    }
    /* far enough from 0.05 for 2,000 draws, or decided by 20,000 */
    double far[SL_GROUP_COUNT] = {0.07, 0.03, 0.5, NAN};
    assert_null(caveat_of_p(far, 2000, &se));
    double decided[SL_GROUP_COUNT] = {0.057, NAN, NAN, NAN};
    assert_null(caveat_of_p(decided, 20000, &se));
    assert_true(fabs(se - sqrt(0.057 * 0.943 / 20000)) < 1e-12);
    /* two groups: named together */
    double two[SL_GROUP_COUNT] = {0.051, 0.048, 0.6, NAN};
    char *c = caveat_of_p(two, 2000, &se);
    assert_non_null(c);
    assert_non_null(strstr(c, "The p-values of Black and Hispanic (0.051 and 0.048) lie within"));
    free(c);
    /* a few draws: the few-draws caution alone */
    c = caveat_of_p(decided, 500, &se);
    assert_non_null(c);
    assert_null(strstr(c, "Monte Carlo"));
    free(c);
}

/* A gap under 0.05 pt reads +0.0 in the baseline note, never -0.0: the
** foreign born over US counties (13.054% where 467 points lie, 13.055% of
** the residents) read "-0.0 pt of where the events fall". */
static void test_baseline_note_no_negative_zero(void **state)
{
    (void)state;
    /* white non-Hispanic's 1.8 points between the counties and the nation give the note */
    json_t *r = json_pack("{s:i, s:[{s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f}, {s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f}]}",
                          "permutations", 2000, "groups", "group", "foreign_born", "population_share", 0.13055, "baseline",
                          0.13672, "difference", -0.00618, "areas_difference", -0.00001, "areas_difference_ci_low",
                          -0.0004, "areas_difference_ci_high", 0.0104, "p_value", 1.0, "group", "white_nh",
                          "population_share", 0.62055, "baseline", 0.60224, "difference", -0.02226, "areas_difference",
                          -0.04057, "areas_difference_ci_low", -0.060, "areas_difference_ci_high", -0.022, "p_value",
                          0.0015);
    assert_non_null(r);
    assert_int_equal(sl_disparity_baseline_note(r), 0);
    const char *n = json_string_value(json_object_get(r, "baseline_note"));
    assert_non_null(n);
    assert_non_null(strstr(n, "so the -0.6 pt from the baseline are -0.6 pt of who lives in the study areas and "
                              "+0.0 pt of where the events fall within them (95% interval +0.0 to +1.0 pt; p = 1.00)"));
    assert_null(strstr(n, "-0.0"));
    json_decref(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_caution_when_nothing_is_wrong),
        cmocka_unit_test(test_few_draws),
        cmocka_unit_test(test_one_place),
        cmocka_unit_test(test_narrow_reach),
        cmocka_unit_test(test_sparse_not_narrow),
        cmocka_unit_test(test_clustered_places),
        cmocka_unit_test(test_wide_footprints),
        cmocka_unit_test(test_p_near_alpha),
        cmocka_unit_test(test_baseline_note_no_negative_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
