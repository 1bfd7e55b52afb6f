/*
** test_disparity_sim.c — do the disparity statistics behave as promised on
** data with a known truth? Synthetic areas (200, varied populations and
** group shares, built from a fixed seed) receive events from the planted-bias
** model of synth.h:
**  - with no bias, the placebo test rejects at 0.05 in 2-8% of seeds;
**  - with a bias, the bootstrap interval covers the model's expected share in
**    at least 93% of seeds;
** Both run over 1,000 seeds (the rate over the first 200 is printed too): a
** 95% interval's coverage measured on 200 seeds has a standard error of 1.5
** points, so 200 seeds would fail a correct 95% interval against the 93%
** line about one time in six per group.
**  - the power search's answer is confirmed by the full pipeline, and the
**    normal approximation agrees with the placebo test.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/analysis/disparity.h"
#include "sightline/analysis/synth.h"

#define NAREAS 200
#define NSEEDS 1000
#define NFIRST 200 /* the rate over the first 200 seeds is printed as well */

typedef struct synthetic {
    double pop[NAREAS];
    double counts[SL_GROUP_COUNT][NAREAS];
    sl_area_table table;
} synthetic;

/* Segregated-looking areas: Black shares skewed (most areas low, some high),
** Hispanic shares varied, foreign born tied to Hispanic, white_nh the rest.
** One area's Hispanic figure is unknown, as happens in real tables. */
static void make_areas(synthetic *s)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 20240601);
    for (size_t a = 0; a < NAREAS; a++) {
        double pop = floor(exp(8.5 + 0.8 * gsl_ran_ugaussian(rng)));
        double black = gsl_ran_beta(rng, 0.5, 2.5);
        double hisp = (1 - black) * gsl_ran_beta(rng, 1.0, 4.0);
        double fb = 0.4 * hisp + 0.15 * gsl_ran_beta(rng, 1.0, 3.0);
        double white = (1 - black - hisp) * (0.75 + 0.2 * gsl_rng_uniform(rng));
        s->pop[a] = pop;
        s->counts[SL_GROUP_BLACK][a] = round(pop * black);
        s->counts[SL_GROUP_HISPANIC][a] = round(pop * hisp);
        s->counts[SL_GROUP_FOREIGN_BORN][a] = round(pop * fb);
        s->counts[SL_GROUP_WHITE_NH][a] = round(pop * white);
    }
    s->counts[SL_GROUP_HISPANIC][17] = NAN;
    gsl_rng_free(rng);
    memset(&s->table, 0, sizeof s->table);
    s->table.count = NAREAS;
    s->table.pop = s->pop;
    for (int g = 0; g < SL_GROUP_COUNT; g++) s->table.group[g] = s->counts[g];
}

/* K planted events as point rows (one row of weight 1 per event). */
static sl_event_row *planted_rows(const synthetic *s, sl_group g, double beta, size_t k,
                                  uint64_t seed)
{
    size_t *area = malloc(k * sizeof *area);
    sl_event_row *rows = malloc(k * sizeof *rows);
    sl_error err;
    assert_non_null(area);
    assert_non_null(rows);
    assert_int_equal(sl_synth_events(&s->table, g, beta, k, seed, area, &err), SL_OK);
    for (size_t i = 0; i < k; i++) rows[i] = (sl_event_row){(int64_t)i, area[i], 1.0};
    free(area);
    return rows;
}

static void test_false_positive_rate(void **state)
{
    (void)state;
    synthetic s;
    make_areas(&s);
    size_t rejected[SL_GROUP_COUNT] = {0}, first[SL_GROUP_COUNT] = {0};
    for (uint64_t seed = 1; seed <= NSEEDS; seed++) {
        sl_event_row *rows = planted_rows(&s, SL_GROUP_BLACK, 0.0, 300, sl_seed_mix(seed, 99));
        sl_disparity_options o;
        sl_disparity_options_default(&o);
        o.seed = seed;
        o.bootstrap = 0;
        o.permutations = 400;
        sl_disparity_result r;
        sl_error err;
        assert_int_equal(sl_disparity_compute(&s.table, rows, 300, &o, &r, &err), SL_OK);
        for (int g = 0; g < SL_GROUP_COUNT; g++) rejected[g] += r.groups[g].p_value <= 0.05;
        if (seed == NFIRST) memcpy(first, rejected, sizeof first);
        sl_disparity_result_free(&r);
        free(rows);
    }
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        double rate = (double)rejected[g] / NSEEDS;
        print_message("false-positive rate at 0.05, %s: %.3f (%zu/%d; first %d seeds %.3f)\n",
                      sl_group_name((sl_group)g), rate, rejected[g], NSEEDS, NFIRST,
                      (double)first[g] / NFIRST);
        assert_true(rate >= 0.02 && rate <= 0.08);
    }
}

/* The share of NSEEDS data sets of N events (planted with beta 2 toward
** Black residents) whose 95% interval holds each group's TRUTH, into RATE;
** FIRST (may be NULL) gets the rate over the first NFIRST seeds. */
static void coverage_at(const synthetic *s, const double truth[SL_GROUP_COUNT], size_t n,
                        double rate[SL_GROUP_COUNT], double first[SL_GROUP_COUNT])
{
    size_t covered[SL_GROUP_COUNT] = {0};
    for (uint64_t seed = 1; seed <= NSEEDS; seed++) {
        sl_event_row *rows = planted_rows(s, SL_GROUP_BLACK, 2.0, n, sl_seed_mix(seed, 7));
        sl_disparity_options o;
        sl_disparity_options_default(&o);
        o.seed = seed;
        o.bootstrap = 400;
        o.permutations = 0;
        sl_disparity_result r;
        sl_error err;
        assert_int_equal(sl_disparity_compute(&s->table, rows, n, &o, &r, &err), SL_OK);
        for (int g = 0; g < SL_GROUP_COUNT; g++) {
            covered[g] += r.groups[g].ci_low <= truth[g] && truth[g] <= r.groups[g].ci_high;
            if (first && seed == NFIRST) first[g] = (double)covered[g] / NFIRST;
        }
        sl_disparity_result_free(&r);
        free(rows);
    }
    for (int g = 0; g < SL_GROUP_COUNT; g++) rate[g] = (double)covered[g] / NSEEDS;
}

static void test_interval_coverage(void **state)
{
    (void)state;
    synthetic s;
    make_areas(&s);
    double truth[SL_GROUP_COUNT], rate[SL_GROUP_COUNT], first[SL_GROUP_COUNT];
    for (int g = 0; g < SL_GROUP_COUNT; g++)
        truth[g] = sl_synth_expected_share(&s.table, SL_GROUP_BLACK, 2.0, (sl_group)g);
    coverage_at(&s, truth, 400, rate, first);
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        print_message("95%% interval coverage, %s (true share %.4f): %.3f (first %d seeds %.3f)\n",
                      sl_group_name((sl_group)g), truth[g], rate[g], NFIRST, first[g]);
        assert_true(rate[g] >= 0.93);
    }
}

/* Why results of few events carry a caution (SL_DISPARITY_FEW_EVENTS):
** the percentile bootstrap's 95% interval falls well short with 5 events
** (about 80% in this model) and is near its level with 100 (the figures
** quoted in disparity.h and docs/methodology.md, "Few events"). */
static void test_few_events_fall_short(void **state)
{
    (void)state;
    synthetic s;
    make_areas(&s);
    double truth[SL_GROUP_COUNT], at5[SL_GROUP_COUNT], at100[SL_GROUP_COUNT];
    for (int g = 0; g < SL_GROUP_COUNT; g++)
        truth[g] = sl_synth_expected_share(&s.table, SL_GROUP_BLACK, 2.0, (sl_group)g);
    coverage_at(&s, truth, 5, at5, NULL);
    coverage_at(&s, truth, 100, at100, NULL);
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        print_message("95%% interval coverage, %s: %.3f at 5 events, %.3f at 100\n", sl_group_name((sl_group)g),
                      at5[g], at100[g]);
        assert_true(at5[g] < 0.88);
        assert_true(at100[g] >= 0.92);
    }
}

static void test_beta_for_ratio_round_trip(void **state)
{
    (void)state;
    synthetic s;
    make_areas(&s);
    double b0 = sl_population_share(&s.table, SL_GROUP_BLACK);
    const double ratios[] = {0.8, 1.1, 1.5, 2.0};
    for (size_t i = 0; i < 4; i++) {
        double beta = sl_synth_beta_for_ratio(&s.table, SL_GROUP_BLACK, ratios[i]);
        assert_false(isnan(beta));
        double s_g = sl_synth_expected_share(&s.table, SL_GROUP_BLACK, beta, SL_GROUP_BLACK);
        assert_true(fabs(s_g / b0 - ratios[i]) < 1e-9);
    }
    /* beyond the reachable maximum sum pop p^2 / sum pop p */
    assert_true(isnan(sl_synth_beta_for_ratio(&s.table, SL_GROUP_BLACK, 50.0)));
    assert_true(sl_synth_beta_for_ratio(&s.table, SL_GROUP_BLACK, 1.0) == 0.0);
}

static void test_planted_events_follow_the_model(void **state)
{
    (void)state;
    synthetic s;
    make_areas(&s);
    const size_t k = 200000;
    double prob[NAREAS], seen[NAREAS] = {0};
    sl_error err;
    assert_int_equal(sl_synth_probabilities(&s.table, SL_GROUP_BLACK, 1.5, prob, &err), SL_OK);
    size_t *area = malloc(k * sizeof *area), *again = malloc(k * sizeof *again);
    assert_int_equal(sl_synth_events(&s.table, SL_GROUP_BLACK, 1.5, k, 5, area, &err), SL_OK);
    assert_int_equal(sl_synth_events(&s.table, SL_GROUP_BLACK, 1.5, k, 5, again, &err), SL_OK);
    assert_memory_equal(area, again, k * sizeof *area);
    for (size_t i = 0; i < k; i++) seen[area[i]] += 1.0 / k;
    double chi2 = 0;
    for (size_t a = 0; a < NAREAS; a++) chi2 += k * pow(seen[a] - prob[a], 2) / prob[a];
    /* 199 degrees of freedom: the 99.9th percentile is about 268 */
    print_message("chi-square of planted counts vs model: %.1f (df 199)\n", chi2);
    assert_true(chi2 < 268);
    free(area), free(again);
    assert_int_equal(sl_synth_probabilities(&s.table, SL_GROUP_BLACK, -50, prob, &err),
                     SL_EUSAGE);
}

static int in_unit_disc(void *ctx, double x, double y)
{
    (*(size_t *)ctx)++;
    return x * x + y * y <= 1.0;
}

static int nowhere(void *ctx, double x, double y)
{
    (void)ctx, (void)x, (void)y;
    return 0;
}

static void test_points_by_rejection(void **state)
{
    (void)state;
    enum { N = 20000 };
    double *xy = malloc(2 * N * sizeof *xy), *again = malloc(2 * N * sizeof *again);
    size_t calls = 0;
    sl_error err;
    assert_int_equal(sl_synth_points(-1, -1, 1, 1, in_unit_disc, &calls, N, 9, xy, &err), SL_OK);
    assert_int_equal(sl_synth_points(-1, -1, 1, 1, in_unit_disc, &calls, N, 9, again, &err),
                     SL_OK);
    assert_memory_equal(xy, again, 2 * N * sizeof *xy);
    double mx = 0, inner = 0;
    for (size_t i = 0; i < N; i++) {
        double r2 = xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1];
        assert_true(r2 <= 1.0);
        mx += xy[2 * i] / N;
        inner += r2 <= 0.25; /* uniform: a quarter of the disc's area */
    }
    assert_true(fabs(mx) < 0.02);
    assert_true(fabs(inner / N - 0.25) < 0.015);
    /* acceptance pi/4 of the box: about 4/pi tries per point, twice over */
    assert_true(calls > 2 * N && calls < 2 * N * 1.4);
    assert_int_equal(sl_synth_points(0, 0, 1, 1, nowhere, NULL, 3, 1, xy, &err), SL_EDATA);
    free(xy), free(again);
}

/* The placebo test and its normal approximation give the same power. */
static void test_normal_approximation_matches_placebo(void **state)
{
    (void)state;
    synthetic s;
    make_areas(&s);
    sl_power_options o;
    sl_power_options_default(&o);
    o.ratio = 1.15;
    o.simulations = 1000;
    o.permutations = 999;
    const size_t counts[] = {100, 400, 1200};
    for (size_t i = 0; i < 3; i++) {
        double placebo, normal;
        sl_error err;
        o.test = SL_POWER_PLACEBO;
        assert_int_equal(sl_power_at(&s.table, &o, counts[i], &placebo, &err), SL_OK);
        o.test = SL_POWER_NORMAL;
        assert_int_equal(sl_power_at(&s.table, &o, counts[i], &normal, &err), SL_OK);
        print_message("power at %zu events, ratio 1.15: placebo %.3f, normal %.3f\n",
                      counts[i], placebo, normal);
        assert_true(fabs(placebo - normal) < 0.05);
    }
}

/* The count the power search returns detects the ratio about 80% of the time
** when the full pipeline (sl_disparity_compute) is run on planted events. */
static void test_power_search_confirmed(void **state)
{
    (void)state;
    synthetic s;
    make_areas(&s);
    sl_power_options o;
    sl_power_options_default(&o);
    o.ratio = 1.2;
    o.simulations = 500;
    o.permutations = 499;
    sl_power_result pr;
    sl_error err;
    assert_int_equal(sl_power(&s.table, &o, &pr, &err), SL_OK);
    print_message("ratio 1.2 for black: %zu events (simulated power %.3f, closed form %.0f, "
                  "beta %.3f, %zu counts tried)\n",
                  pr.events, pr.achieved, pr.analytic_events, pr.beta, pr.evaluations);
    assert_true(pr.reached);
    assert_true(pr.achieved >= 0.8);
    assert_true(fabs(pr.share_planted / pr.share_null - 1.2) < 1e-9);
    assert_true(pr.events > 0.75 * pr.analytic_events && pr.events < 1.3 * pr.analytic_events);
    json_t *pj = sl_power_to_json(&o, &pr);
    assert_int_equal(json_integer_value(json_object_get(pj, "events")), (json_int_t)pr.events);
    assert_string_equal(json_string_value(json_object_get(pj, "group")), "black");
    assert_true(json_is_true(json_object_get(pj, "reached")));
    json_decref(pj);

    size_t detected = 0, runs = 200;
    for (uint64_t seed = 1; seed <= runs; seed++) {
        sl_event_row *rows = planted_rows(&s, SL_GROUP_BLACK, pr.beta, pr.events,
                                          sl_seed_mix(seed, 3));
        sl_disparity_options d;
        sl_disparity_options_default(&d);
        d.seed = seed;
        d.bootstrap = 0;
        d.permutations = 400;
        sl_disparity_result r;
        assert_int_equal(sl_disparity_compute(&s.table, rows, pr.events, &d, &r, &err), SL_OK);
        detected += r.groups[SL_GROUP_BLACK].p_value <= 0.05;
        sl_disparity_result_free(&r);
        free(rows);
    }
    print_message("full pipeline at %zu events: detected in %zu of %zu seeds\n", pr.events,
                  detected, runs);
    assert_true(detected >= 0.70 * runs && detected <= 0.92 * runs);

    o.ratio = 1.0;
    assert_int_equal(sl_power(&s.table, &o, &pr, &err), SL_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_false_positive_rate),
        cmocka_unit_test(test_interval_coverage),
        cmocka_unit_test(test_few_events_fall_short),
        cmocka_unit_test(test_beta_for_ratio_round_trip),
        cmocka_unit_test(test_planted_events_follow_the_model),
        cmocka_unit_test(test_points_by_rejection),
        cmocka_unit_test(test_normal_approximation_matches_placebo),
        cmocka_unit_test(test_power_search_confirmed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
