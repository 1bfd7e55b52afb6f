/*
** test_disparity.c — the disparity statistics on inputs small enough to
** compute by hand, their determinism, their JSON, the placebo p-value against
** an exact binomial answer, and the ACS baseline reader on a fixture.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/analysis/disparity.h"

/*
** Three areas (foreign_born absent from the data):
**   area  pop   black       hispanic      white_nh
**   A0    1000  500 (0.5)   100 (0.1)     400 (0.4)
**   A1    3000  300 (0.1)   600 (0.2)     2000 (2/3)
**   A2    1000    0 (0)     unknown       900 (0.9)
** Events:
**   1, 2  points in A0               -> A0 gets 2
**   3     point in A1                -> A1 gets 1
**   4     polygon half A1, half A2   -> A1 +0.5, A2 +0.5
**   5     entirely outside           -> events_outside = 1
**   6     3/4 in A2, 1/4 outside     -> A2 +0.75 (the outside quarter is dropped)
** So w = (2, 1.5, 1.25), sum w = 4.75, 5 events inside.
*/
static const double pop[] = {1000, 3000, 1000};
static const double black[] = {500, 300, 0};
static const double hispanic[] = {100, 600, NAN};
static const double white[] = {400, 2000, 900};
static const char *const ids[] = {"A0", "A1", "A2"};
static const sl_event_row rows[] = {
    {1, 0, 1.0}, {2, 0, 1.0}, {3, 1, 1.0}, {4, 1, 0.5}, {4, 2, 0.5},
    {5, SL_AREA_OUTSIDE, 1.0}, {6, 2, 0.75}, {6, SL_AREA_OUTSIDE, 0.25},
};
#define NROWS (sizeof rows / sizeof rows[0])

static sl_area_table tiny_areas(void)
{
    sl_area_table t = {3, ids, pop, {black, hispanic, NULL, white}};
    return t;
}

static sl_disparity_options quick_options(uint64_t seed)
{
    sl_disparity_options o;
    sl_disparity_options_default(&o);
    o.seed = seed;
    o.bootstrap = 500;
    o.permutations = 500;
    return o;
}

static void test_hand_computed_values(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    sl_disparity_options o = quick_options(7);
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, &o, &r, &err), SL_OK);
    assert_int_equal(r.events, 5);
    assert_int_equal(r.events_outside, 1);
    assert_true(fabs(r.weight - 4.75) < 1e-12);

    /* black: S = (2*0.5 + 1.5*0.1 + 1.25*0) / 4.75 = 1.15/4.75; B = 800/5000. */
    const sl_group_result *b = &r.groups[SL_GROUP_BLACK];
    assert_true(b->present);
    assert_true(fabs(b->share - 1.15 / 4.75) < 1e-12);
    assert_true(fabs(b->baseline - 0.16) < 1e-12);
    assert_true(fabs(b->difference - (1.15 / 4.75 - 0.16)) < 1e-12);
    assert_true(fabs(b->ratio - (1.15 / 4.75) / 0.16) < 1e-12);
    /* exposure: (500*2 + 300*0.5 + 0*1.25)/800 with rates 1000 w/pop = 2, 0.5, 1.25. */
    assert_true(fabs(b->exposure - 1.4375) < 1e-12);

    /* hispanic: A2 unknown, so only A0, A1: S = (2*0.1 + 1.5*0.2)/3.5, B = 700/4000. */
    const sl_group_result *h = &r.groups[SL_GROUP_HISPANIC];
    assert_true(fabs(h->share - 0.5 / 3.5) < 1e-12);
    assert_true(fabs(h->baseline - 0.175) < 1e-12);
    assert_true(fabs(h->exposure - 500.0 / 700.0) < 1e-12); /* (100*2 + 600*0.5)/700 */

    /* white_nh: S = (0.8 + 1.0 + 1.125)/4.75, B = 3300/5000, exposure 2925/3300. */
    const sl_group_result *w = &r.groups[SL_GROUP_WHITE_NH];
    assert_true(fabs(w->share - 2.925 / 4.75) < 1e-12);
    assert_true(fabs(w->baseline - 0.66) < 1e-12);
    assert_true(fabs(w->exposure - 2925.0 / 3300.0) < 1e-12);

    assert_false(r.groups[SL_GROUP_FOREIGN_BORN].present);

    /* LQ = (w/4.75)/(pop/5000): 2/0.95, 1.5/2.85, 1.25/0.95. */
    assert_int_equal(r.area_count, 3);
    assert_string_equal(r.areas[1].id, "A1");
    assert_true(fabs(r.areas[0].lq - 2.0 / 0.95) < 1e-12);
    assert_true(fabs(r.areas[1].lq - 1.5 / 2.85) < 1e-12);
    assert_true(fabs(r.areas[2].lq - 1.25 / 0.95) < 1e-12);
    assert_true(fabs(r.areas[2].events - 1.25) < 1e-12);
    /* D = 1/2 (|2/4.75-0.2| + |1.5/4.75-0.6| + |1.25/4.75-0.2|) = 1.35/4.75. */
    assert_true(fabs(r.dissimilarity - 1.35 / 4.75) < 1e-12);
    /* Placebo D: at least 0 and, with 5 events over 3 areas, clearly above 0. */
    assert_true(r.dissimilarity_null > 0.05 && r.dissimilarity_null < 1);
    /* all residents: 1000 * 4.75 / 5000. */
    assert_true(fabs(r.exposure - 0.95) < 1e-12);

    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        const sl_group_result *gr = &r.groups[g];
        if (!gr->present) continue;
        assert_true(gr->ci_low <= gr->share + 1e-12 && gr->share <= gr->ci_high + 1e-12);
        assert_true(gr->p_value >= 1.0 / 501 && gr->p_value <= 1.0);
        assert_true(fabs(gr->ratio_ci_low - gr->ci_low / gr->baseline) < 1e-12);
    }
    sl_disparity_result_free(&r);
}

static void test_external_baseline(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    sl_disparity_options o = quick_options(7);
    double national[SL_GROUP_COUNT] = {0.127, NAN, 0.137, 0.60};
    o.baseline = national;
    o.baseline_label = "ACS 2018, United States";
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, &o, &r, &err), SL_OK);
    assert_string_equal(r.baseline, "ACS 2018, United States");
    assert_true(fabs(r.groups[SL_GROUP_BLACK].ratio - (1.15 / 4.75) / 0.127) < 1e-12);
    /* NaN in the caller's baseline (a DP05 file without DP02 has no foreign
    ** born) is no figure: the study areas' share, shown as the baseline's,
    ** was a figure the baseline never gave (run of 2026-12-07, sixth). */
    assert_true(isnan(r.groups[SL_GROUP_HISPANIC].baseline));
    assert_true(isnan(r.groups[SL_GROUP_HISPANIC].difference) && isnan(r.groups[SL_GROUP_HISPANIC].ratio));
    assert_true(fabs(r.groups[SL_GROUP_HISPANIC].population_share - 0.175) < 1e-12);
    assert_false(isnan(r.groups[SL_GROUP_HISPANIC].p_value));
    /* The p-value tests against the study areas, whatever the baseline. */
    assert_true(fabs(r.groups[SL_GROUP_BLACK].population_share - 0.16) < 1e-12);
    sl_disparity_result_free(&r);
}

static char *to_text(const sl_disparity_result *r)
{
    json_t *j = sl_disparity_to_json(r);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    json_decref(j);
    return s;
}

static void test_deterministic_for_a_seed(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    sl_disparity_result r1, r2, r3;
    sl_error err;
    sl_disparity_options o = quick_options(42);
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, &o, &r1, &err), SL_OK);
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, &o, &r2, &err), SL_OK);
    o.seed = 43;
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, &o, &r3, &err), SL_OK);
    char *a = to_text(&r1), *b = to_text(&r2), *c = to_text(&r3);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    free(a), free(b), free(c);
    sl_disparity_result_free(&r1);
    sl_disparity_result_free(&r2);
    sl_disparity_result_free(&r3);
}

static void test_json_shape(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    sl_disparity_options o = quick_options(1);
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, &o, &r, &err), SL_OK);
    json_t *j = sl_disparity_to_json(&r);
    assert_int_equal(json_integer_value(json_object_get(j, "events")), 5);
    assert_int_equal(json_integer_value(json_object_get(j, "events_outside")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "seed")), 1);
    assert_string_equal(json_string_value(json_object_get(j, "baseline")),
                        "population of the study areas");
    json_t *groups = json_object_get(j, "groups");
    assert_int_equal(json_array_size(groups), 3); /* foreign_born absent */
    json_t *g0 = json_array_get(groups, 0);
    assert_string_equal(json_string_value(json_object_get(g0, "group")), "black");
    const char *keys[] = {"share", "baseline", "difference", "ratio", "ci_low", "ci_high",
                          "p_value"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_true(json_is_number(json_object_get(g0, keys[i])));
    json_t *areas = json_object_get(j, "areas");
    assert_int_equal(json_array_size(areas), 3);
    json_t *a0 = json_array_get(areas, 0);
    assert_string_equal(json_string_value(json_object_get(a0, "id")), "A0");
    assert_int_equal(json_integer_value(json_object_get(a0, "events")), 2);
    assert_true(json_is_real(json_object_get(json_array_get(areas, 2), "events")));
    assert_true(json_is_real(json_object_get(j, "dissimilarity")));
    assert_true(json_is_real(json_object_get(j, "dissimilarity_null")));
    json_decref(j);
    sl_disparity_result_free(&r);
}

/* One kind of event only: every resample equals the sample, so the interval
** collapses onto the share; an area without residents has no LQ (null). */
static void test_degenerate_inputs(void **state)
{
    (void)state;
    const double p2[] = {100, 0};
    const double b2[] = {20, 0};
    sl_area_table t = {2, NULL, p2, {b2, NULL, NULL, NULL}};
    sl_event_row ev[] = {{1, 0, 1}, {2, 0, 1}, {3, 0, 1}};
    sl_disparity_options o = quick_options(3);
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, ev, 3, &o, &r, &err), SL_OK);
    const sl_group_result *b = &r.groups[SL_GROUP_BLACK];
    assert_true(fabs(b->share - 0.2) < 1e-12);
    assert_true(fabs(b->ci_low - 0.2) < 1e-12 && fabs(b->ci_high - 0.2) < 1e-12);
    assert_true(isnan(r.areas[1].lq));
    assert_string_equal(r.areas[1].id, "1");
    json_t *j = sl_disparity_to_json(&r);
    json_t *a1 = json_array_get(json_object_get(j, "areas"), 1);
    assert_true(json_is_null(json_object_get(a1, "lq")));
    json_decref(j);
    sl_disparity_result_free(&r);

    /* No events at all: a result full of NaN, not an error. */
    assert_int_equal(sl_disparity_compute(&t, NULL, 0, &o, &r, &err), SL_OK);
    assert_int_equal(r.events, 0);
    assert_true(isnan(r.groups[SL_GROUP_BLACK].share));
    assert_true(isnan(r.groups[SL_GROUP_BLACK].p_value));
    sl_disparity_result_free(&r);
}

/* Under SL_DISPARITY_FEW_EVENTS events the JSON carries a caution, in
** words for one event, for a few, and none from the threshold up. */
static void test_caveat_for_few_events(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    sl_disparity_options o = quick_options(5);
    sl_event_row ev[SL_DISPARITY_FEW_EVENTS];
    for (size_t i = 0; i < SL_DISPARITY_FEW_EVENTS; i++) ev[i] = (sl_event_row){(int64_t)i + 1, i % 3, 1.0};
    const size_t counts[] = {1, 5, SL_DISPARITY_FEW_EVENTS - 1, SL_DISPARITY_FEW_EVENTS};
    for (size_t c = 0; c < 4; c++) {
        sl_disparity_result r;
        sl_error err;
        assert_int_equal(sl_disparity_compute(&t, ev, counts[c], &o, &r, &err), SL_OK);
        json_t *j = sl_disparity_to_json(&r);
        const char *caveat = json_string_value(json_object_get(j, "caveat"));
        char want[64];
        snprintf(want, sizeof want, "Only %zu event%s", counts[c], counts[c] == 1 ? " lies" : "s lie");
        if (counts[c] < SL_DISPARITY_FEW_EVENTS)
            assert_true(caveat && strncmp(caveat, want, strlen(want)) == 0);
        else /* 500 draws: only that caution (test_disparity_cautions.c) */
            assert_true(caveat && !strstr(caveat, "Only") && strstr(caveat, "500 bootstrap resamples"));
        json_decref(j);
        sl_disparity_result_free(&r);
    }
}

/* Two equal areas, all members of the group in A0. Five events all in A0:
** S = 1, null centre 0.5. Under the null the number in A0 is Binomial(5,1/2);
** as far from the centre are "all in A0" and "all in A1": 2/32 = 0.0625. */
static void test_placebo_p_value_matches_binomial(void **state)
{
    (void)state;
    const double p2[] = {1000, 1000};
    const double b2[] = {1000, 0};
    sl_area_table t = {2, NULL, p2, {b2, NULL, NULL, NULL}};
    sl_event_row ev[5];
    for (int i = 0; i < 5; i++) ev[i] = (sl_event_row){i, 0, 1.0};
    sl_disparity_options o = quick_options(11);
    o.bootstrap = 0;
    o.permutations = 40000;
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, ev, 5, &o, &r, &err), SL_OK);
    double p = r.groups[SL_GROUP_BLACK].p_value;
    print_message("placebo p = %.5f (exact 0.0625)\n", p);
    assert_true(fabs(p - 0.0625) < 0.005); /* Monte Carlo sd is 0.0012 */
    assert_true(isnan(r.groups[SL_GROUP_BLACK].ci_low)); /* no bootstrap asked */
    sl_disparity_result_free(&r);
}

/* Two polygon events, each half in A0 (all group members) and half in A1
** (none), rows not adjacent. Every event contributes a share of exactly 0.5,
** so resampling whole events always gives 0.5: the interval is [0.5, 0.5].
** Resampling rows instead would give intervals around 0.5 of real width. */
static void test_bootstrap_keeps_events_whole(void **state)
{
    (void)state;
    const double p2[] = {1000, 1000};
    const double b2[] = {1000, 0};
    sl_area_table t = {2, NULL, p2, {b2, NULL, NULL, NULL}};
    sl_event_row ev[] = {{10, 0, 0.5}, {20, 1, 0.5}, {20, 0, 0.5}, {10, 1, 0.5}};
    sl_disparity_options o = quick_options(5);
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, ev, 4, &o, &r, &err), SL_OK);
    assert_int_equal(r.events, 2);
    const sl_group_result *b = &r.groups[SL_GROUP_BLACK];
    assert_true(fabs(b->share - 0.5) < 1e-12);
    assert_true(fabs(b->ci_low - 0.5) < 1e-12 && fabs(b->ci_high - 0.5) < 1e-12);
    sl_disparity_result_free(&r);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    sl_disparity_result r;
    sl_error err;
    sl_event_row bad_area[] = {{1, 3, 1.0}};
    assert_int_equal(sl_disparity_compute(&t, bad_area, 1, NULL, &r, &err), SL_EUSAGE);
    sl_event_row bad_weight[] = {{1, 0, -1.0}};
    assert_int_equal(sl_disparity_compute(&t, bad_weight, 1, NULL, &r, &err), SL_EUSAGE);
    const double too_many[] = {1500, 300, 0};
    t.group[SL_GROUP_BLACK] = too_many;
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, NULL, &r, &err), SL_EDATA);
    assert_non_null(strstr(err.msg, "A0"));
}

static void test_pieces_directly(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    const double w[] = {2, 1.5, 1.25};
    double lq[3];
    assert_true(fabs(sl_event_share(&t, SL_GROUP_BLACK, w) - 1.15 / 4.75) < 1e-12);
    assert_true(fabs(sl_population_share(&t, SL_GROUP_WHITE_NH) - 0.66) < 1e-12);
    sl_location_quotients(&t, w, lq);
    assert_true(fabs(lq[0] - 2.0 / 0.95) < 1e-12);
    assert_true(fabs(sl_dissimilarity(&t, w) - 1.35 / 4.75) < 1e-12);
    assert_true(fabs(sl_group_exposure(&t, SL_GROUP_BLACK, w) - 1.4375) < 1e-12);
    /* events exactly like residents: D = 0, every LQ = 1 */
    const double same[] = {1, 3, 1};
    assert_true(fabs(sl_dissimilarity(&t, same)) < 1e-12);
    sl_location_quotients(&t, same, lq);
    assert_true(fabs(lq[1] - 1.0) < 1e-12);
    assert_int_equal(sl_group_from_name("Foreign_Born"), SL_GROUP_FOREIGN_BORN);
    assert_int_equal(sl_group_from_name("asian"), -1);
    assert_string_equal(sl_group_name(SL_GROUP_WHITE_NH), "white_nh");
    assert_true(sl_seed_mix(1, 0) != sl_seed_mix(1, 1));
}

static void fixture_path(char *buf, size_t len, const char *name)
{
    const char *dir = getenv("SL_FIXTURES");
    snprintf(buf, len, "%s/census/%s", dir ? dir : "tests/fixtures", name);
}

static void test_acs_baseline_fixture(void **state)
{
    (void)state;
    char dp05[1024], dp02[1024], label[256];
    fixture_path(dp05, sizeof dp05, "acs-mini-DP05.csv");
    fixture_path(dp02, sizeof dp02, "acs-mini-DP02.csv");
    double s[SL_GROUP_COUNT];
    sl_error err;
    assert_int_equal(sl_baseline_read_acs(dp05, dp02, "6", s, label, sizeof label, &err), SL_OK);
    assert_true(fabs(s[SL_GROUP_BLACK] - 0.05) < 1e-12);
    assert_true(fabs(s[SL_GROUP_HISPANIC] - 0.4) < 1e-12);
    assert_true(fabs(s[SL_GROUP_WHITE_NH] - 0.35) < 1e-12);
    assert_true(fabs(s[SL_GROUP_FOREIGN_BORN] - 0.27) < 1e-12);
    assert_non_null(strstr(label, "California"));
    /* several geographies and none chosen: refused, never the first row */
    assert_int_equal(sl_baseline_read_acs(dp05, NULL, NULL, s, NULL, 0, &err), SL_EUSAGE);
    assert_non_null(strstr(err.msg, "--geo"));
    assert_int_equal(sl_baseline_read_acs(dp05, NULL, "Illinois", s, NULL, 0, &err), SL_OK);
    assert_true(fabs(s[SL_GROUP_BLACK] - 0.15) < 1e-12);
    assert_true(isnan(s[SL_GROUP_FOREIGN_BORN]));
    assert_int_equal(sl_baseline_read_acs(dp05, dp02, "0400000US17", s, NULL, 0, &err), SL_OK);
    assert_true(fabs(s[SL_GROUP_FOREIGN_BORN] - 0.14) < 1e-12);
    assert_int_equal(sl_baseline_read_acs(dp05, dp02, "Texas", s, NULL, 0, &err), SL_EDATA);
    /* A Census annotation code (-555555555) is not a count. */
    assert_int_equal(sl_baseline_read_acs(dp05, NULL, "Nowhere", s, NULL, 0, &err), SL_EDATA);
    assert_non_null(strstr(err.msg, "DP05_0038E"));
}

/* Points given as their areas alone equal one row of weight 1 per point,
** to the bit (every figure of the JSON, draws included): 700 points over
** the three areas and 50 outside every area; an index past the areas is
** refused as the rows' is. */
static void test_points_without_rows(void **state)
{
    (void)state;
    enum { N = 750 };
    int32_t area[N];
    sl_event_row *r = malloc(N * sizeof *r);
    assert_non_null(r);
    for (size_t i = 0; i < N; i++) {
        area[i] = i % 15 == 14 ? -1 : (int32_t)((i * 7) % 3);
        r[i] = (sl_event_row){(int64_t)i, area[i] < 0 ? SL_AREA_OUTSIDE : (size_t)area[i], 1.0};
    }
    sl_area_table t = tiny_areas();
    sl_disparity_options o = quick_options(11);
    sl_disparity_result a, b;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, r, N, &o, &a, &err), SL_OK);
    assert_int_equal(sl_disparity_compute_points(&t, area, N, &o, &b, &err), SL_OK);
    assert_int_equal(b.events, 700);
    assert_int_equal(b.events_outside, 50);
    json_t *ja = sl_disparity_to_json(&a), *jb = sl_disparity_to_json(&b);
    char *sa = json_dumps(ja, JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    char *sb = json_dumps(jb, JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    assert_string_equal(sa, sb);
    free(sa), free(sb);
    json_decref(ja), json_decref(jb);
    sl_disparity_result_free(&a);
    sl_disparity_result_free(&b);
    area[3] = 3;
    assert_int_equal(sl_disparity_compute_points(&t, area, N, &o, &b, &err), SL_EUSAGE);
    free(r);
}

/* E|X/N - 1/2| for X ~ Binomial(N, 1/2): the mean D of N whole events
** (or N pieces of equal weight) placed at random over two equal areas. */
static double mean_abs_half(int n)
{
    double e = 0, logc = 0; /* log C(n, k) */
    for (int k = 0; k <= n; k++) {
        if (k) logc += log((double)(n - k + 1)) - log((double)k);
        e += exp(logc - n * log(2.0)) * fabs((double)k / n - 0.5);
    }
    return e;
}

/* "Duncan D 0.246; by chance alone about 0.330": the chance figure of
** requests split by overlap was drawn from points, which spread less, so
** split requests read as less concentrated than chance. Each piece is now
** placed with its weight: 100 requests, each half in either of two equal
** areas, are 200 pieces of 0.5 by chance (E|X/200 - 1/2|), not 100
** points (E|X/100 - 1/2|); points keep their figure. */
static void test_chance_dissimilarity_of_split_events(void **state)
{
    (void)state;
    static const double two_pop[] = {1000, 1000}, two_black[] = {500, 100};
    sl_area_table t = {2, NULL, two_pop, {two_black, NULL, NULL, NULL}};
    sl_disparity_options o = quick_options(3);
    o.permutations = 2000;
    sl_event_row halves[200];
    for (int i = 0; i < 100; i++) halves[2 * i] = (sl_event_row){i, 0, 0.5}, halves[2 * i + 1] = (sl_event_row){i, 1, 0.5};
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, halves, 200, &o, &r, &err), SL_OK);
    assert_true(fabs(r.dissimilarity) < 1e-12);
    assert_true(fabs(r.dissimilarity_null - mean_abs_half(200)) < 0.003); /* 0.0282 */
    sl_disparity_result_free(&r);
    int32_t area[100];
    for (int i = 0; i < 100; i++) area[i] = i % 2;
    assert_int_equal(sl_disparity_compute_points(&t, area, 100, &o, &r, &err), SL_OK);
    assert_true(fabs(r.dissimilarity_null - mean_abs_half(100)) < 0.003); /* 0.0398 */
    sl_disparity_result_free(&r);
}

/* Split over more areas than SL_DISPARITY_D_SPREAD, pieces placed apart
** no longer stand for footprints (they leave out the lean of a split by
** ground area toward thinly peopled areas): no chance figure, and a note. */
static void test_no_chance_dissimilarity_for_wide_footprints(void **state)
{
    (void)state;
    enum { NA = 10 };
    double p[NA], b[NA];
    for (int a = 0; a < NA; a++) p[a] = 1000, b[a] = 50.0 * a;
    sl_area_table t = {NA, NULL, p, {b, NULL, NULL, NULL}};
    sl_disparity_options o = quick_options(3);
    sl_event_row rows5[50 * 5];
    for (int i = 0; i < 50; i++)
        for (int k = 0; k < 5; k++) rows5[i * 5 + k] = (sl_event_row){i, (size_t)((i + k) % NA), 0.2};
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, rows5, 250, &o, &r, &err), SL_OK);
    assert_true(r.spread > SL_DISPARITY_D_SPREAD);
    assert_true(isnan(r.dissimilarity_null));
    json_t *j = sl_disparity_to_json(&r);
    assert_true(json_is_null(json_object_get(j, "dissimilarity_null")));
    const char *note = json_string_value(json_object_get(j, "dissimilarity_null_note"));
    assert_non_null(note);
    assert_non_null(strstr(note, "no figure by chance alone: these events are split over about 5 areas each"));
    json_decref(j);
    sl_disparity_result_free(&r);
}

/* "Only 20 events lie inside" when 1.49 of them lay outside, by overlap:
** the caution gives the fraction too. The tiny areas' events: 5 touch the
** areas, and by overlap 4.75 lie inside (a quarter of event 6 outside). */
static void test_few_events_split_say_their_fraction(void **state)
{
    (void)state;
    sl_area_table t = tiny_areas();
    sl_disparity_options o = quick_options(5);
    sl_disparity_result r;
    sl_error err;
    assert_int_equal(sl_disparity_compute(&t, rows, NROWS, &o, &r, &err), SL_OK);
    json_t *j = sl_disparity_to_json(&r);
    const char *c = json_string_value(json_object_get(j, "caveat"));
    assert_non_null(c);
    assert_non_null(strstr(c, "Only 5 events lie inside the study areas (in part: by overlap they add up to 4.75 "
                              "events inside and 0.25 outside): too few"));
    json_decref(j);
    sl_disparity_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed_values),
        cmocka_unit_test(test_external_baseline),
        cmocka_unit_test(test_deterministic_for_a_seed),
        cmocka_unit_test(test_json_shape),
        cmocka_unit_test(test_degenerate_inputs),
        cmocka_unit_test(test_caveat_for_few_events),
        cmocka_unit_test(test_placebo_p_value_matches_binomial),
        cmocka_unit_test(test_bootstrap_keeps_events_whole),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_pieces_directly),
        cmocka_unit_test(test_acs_baseline_fixture),
        cmocka_unit_test(test_points_without_rows),
        cmocka_unit_test(test_chance_dissimilarity_of_split_events),
        cmocka_unit_test(test_no_chance_dissimilarity_for_wide_footprints),
        cmocka_unit_test(test_few_events_split_say_their_fraction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
