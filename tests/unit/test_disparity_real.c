/*
** test_disparity_real.c — the disparity statistics on real census data:
** 3,143 US counties (QuickFacts 2014) against the ACS 2018 national
** baseline. Checks that the county table, weighted by population, agrees with
** the national figures, and that events planted toward Black residents are
** found (ratio > 1, p < 0.05) against the national baseline.
** Needs ../shared/data (env SL_SHARED_DATA); without it ctest reports it skipped (exit 77).
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
#include <unistd.h>

#include "sightline/io/csv.h"
#include "sightline/analysis/disparity.h"
#include "sightline/analysis/synth.h"
#include "skip.h"

typedef struct counties {
    size_t count;
    double *pop;
    double *groups[SL_GROUP_COUNT];
    char **ids;
    sl_area_table table;
} counties;

static const char *shared_dir(void)
{
    const char *d = getenv("SL_SHARED_DATA");
    return d ? d : "../shared/data";
}

static double number_at(sl_csv *csv, int col)
{
    char *end;
    const char *f = sl_csv_field(csv, (size_t)col);
    double x = strtod(f, &end);
    return (end == f || *end) ? NAN : x;
}

/* Counties only: state and US rows have fips divisible by 1000 (0 for the
** US). Percentages become counts so the table means what sl_area_table says. */
static void read_counties(counties *c)
{
    static const char *const pct_cols[SL_GROUP_COUNT] = {"RHI225214", "RHI725214", "POP645213",
                                                         "RHI825214"};
    char path[1024];
    snprintf(path, sizeof path, "%s/census/us-counties-quickfacts-2014.csv", shared_dir());
    sl_csv *csv;
    sl_error err;
    assert_int_equal(sl_csv_open(path, ',', &csv, &err), SL_OK);
    assert_int_equal(sl_csv_read_header(csv, &err), SL_OK);
    int fips = sl_csv_column(csv, "fips"), pop = sl_csv_column(csv, "PST045214");
    int pct[SL_GROUP_COUNT];
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        pct[g] = sl_csv_column(csv, pct_cols[g]);
        assert_true(pct[g] >= 0);
    }
    assert_true(fips >= 0 && pop >= 0);
    memset(c, 0, sizeof *c);
    size_t cap = 4096;
    c->pop = malloc(cap * sizeof *c->pop);
    c->ids = malloc(cap * sizeof *c->ids);
    for (int g = 0; g < SL_GROUP_COUNT; g++) c->groups[g] = malloc(cap * sizeof(double));
    int r;
    while ((r = sl_csv_next(csv, &err)) == 1) {
        long f = atol(sl_csv_field(csv, (size_t)fips));
        if (f % 1000 == 0) continue;
        assert_true(c->count < cap);
        double p = number_at(csv, pop);
        c->pop[c->count] = p;
        for (int g = 0; g < SL_GROUP_COUNT; g++)
            c->groups[g][c->count] = p * number_at(csv, pct[g]) / 100.0;
        char id[8];
        snprintf(id, sizeof id, "%05ld", f);
        c->ids[c->count] = strdup(id);
        c->count++;
    }
    assert_int_equal(r, 0);
    sl_csv_close(csv);
    c->table.count = c->count;
    c->table.ids = (const char *const *)c->ids;
    c->table.pop = c->pop;
    for (int g = 0; g < SL_GROUP_COUNT; g++) c->table.group[g] = c->groups[g];
}

static void free_counties(counties *c)
{
    for (size_t i = 0; i < c->count; i++) free(c->ids[i]);
    free(c->ids), free(c->pop);
    for (int g = 0; g < SL_GROUP_COUNT; g++) free(c->groups[g]);
}

static void national(double shares[SL_GROUP_COUNT], char *label, size_t len)
{
    char dp05[1024], dp02[1024];
    snprintf(dp05, sizeof dp05, "%s/census/acs1-2018-us-DP05.csv", shared_dir());
    snprintf(dp02, sizeof dp02, "%s/census/acs1-2018-us-DP02.csv", shared_dir());
    sl_error err;
    sl_status st = sl_baseline_read_acs(dp05, dp02, "United States", shares, label, len, &err);
    if (st != SL_OK) print_message("%s:%ld: %s\n", err.file, err.line, err.msg);
    assert_int_equal(st, SL_OK);
}

static void test_acs_national_baseline(void **state)
{
    (void)state;
    double s[SL_GROUP_COUNT];
    char label[256];
    national(s, label, sizeof label);
    print_message("%s: black %.4f hispanic %.4f foreign_born %.4f white_nh %.4f\n", label,
                  s[SL_GROUP_BLACK], s[SL_GROUP_HISPANIC], s[SL_GROUP_FOREIGN_BORN],
                  s[SL_GROUP_WHITE_NH]);
    /* 41,617,764 / 327,167,439 etc. */
    assert_true(fabs(s[SL_GROUP_BLACK] - 41617764.0 / 327167439.0) < 1e-12);
    assert_true(fabs(s[SL_GROUP_HISPANIC] - 59763631.0 / 327167439.0) < 1e-12);
    assert_true(fabs(s[SL_GROUP_WHITE_NH] - 197033939.0 / 327167439.0) < 1e-12);
    assert_true(fabs(s[SL_GROUP_FOREIGN_BORN] - 44728721.0 / 327167439.0) < 1e-12);
}

static void test_counties_agree_with_national(void **state)
{
    (void)state;
    counties c;
    read_counties(&c);
    double nat[SL_GROUP_COUNT];
    char label[256];
    national(nat, label, sizeof label);
    double total = 0;
    for (size_t i = 0; i < c.count; i++) total += c.pop[i];
    print_message("%zu counties, %.0f residents (2014)\n", c.count, total);
    assert_int_equal(c.count, 3143);
    assert_true(total > 3.1e8 && total < 3.25e8);
    /* 2014 counties vs 2018 nation: composition drifts about half a point a
    ** year for Hispanic and white_nh, less for the others. */
    const double tolerance[SL_GROUP_COUNT] = {0.01, 0.015, 0.01, 0.025};
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        double share = sl_population_share(&c.table, (sl_group)g);
        print_message("%-12s counties %.4f  national %.4f\n", sl_group_name((sl_group)g), share,
                      nat[g]);
        assert_true(fabs(share - nat[g]) < tolerance[g]);
    }
    double black = sl_population_share(&c.table, SL_GROUP_BLACK);
    assert_true(black > 0.12 && black < 0.14);
    free_counties(&c);
}

static void test_planted_bias_found_against_national(void **state)
{
    (void)state;
    counties c;
    read_counties(&c);
    double nat[SL_GROUP_COUNT];
    char label[256];
    national(nat, label, sizeof label);
    const size_t k = 2000;
    size_t *area = malloc(k * sizeof *area);
    sl_event_row *rows = malloc(k * sizeof *rows);
    sl_error err;
    assert_int_equal(sl_synth_events(&c.table, SL_GROUP_BLACK, 1.0, k, 2014, area, &err), SL_OK);
    for (size_t i = 0; i < k; i++) rows[i] = (sl_event_row){(int64_t)i, area[i], 1.0};
    sl_disparity_options o;
    sl_disparity_options_default(&o);
    o.seed = 2018;
    o.bootstrap = 999;
    o.permutations = 999;
    o.baseline = nat;
    o.baseline_label = label;
    sl_disparity_result r;
    assert_int_equal(sl_disparity_compute(&c.table, rows, k, &o, &r, &err), SL_OK);
    const sl_group_result *b = &r.groups[SL_GROUP_BLACK];
    double truth = sl_synth_expected_share(&c.table, SL_GROUP_BLACK, 1.0, SL_GROUP_BLACK);
    print_message("planted beta=1: black share %.4f [%.4f, %.4f] (model %.4f), national %.4f, "
                  "ratio %.3f [%.3f, %.3f], p %.4f, D %.3f (chance alone %.3f)\n",
                  b->share, b->ci_low, b->ci_high, truth, b->baseline, b->ratio, b->ratio_ci_low,
                  b->ratio_ci_high, b->p_value, r.dissimilarity, r.dissimilarity_null);
    assert_true(b->ratio > 1.0);
    assert_true(b->p_value < 0.05);
    assert_true(b->ratio_ci_low > 1.0);
    json_t *j = sl_disparity_to_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "areas")), c.count);
    json_decref(j);
    sl_disparity_result_free(&r);

    /* Power on the real county table: how many events reveal ratio 1.1? */
    sl_power_options po;
    sl_power_options_default(&po);
    po.ratio = 1.1;
    po.simulations = 300;
    po.test = SL_POWER_NORMAL;
    sl_power_result pr;
    assert_int_equal(sl_power(&c.table, &po, &pr, &err), SL_OK);
    print_message("counties, ratio 1.1 for black: %zu events for 80%% power "
                  "(closed form %.0f)\n", pr.events, pr.analytic_events);
    assert_true(pr.reached && pr.events > 0.7 * pr.analytic_events &&
                pr.events < 1.4 * pr.analytic_events);
    free(area), free(rows);
    free_counties(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acs_national_baseline),
        cmocka_unit_test(test_counties_agree_with_national),
        cmocka_unit_test(test_planted_bias_found_against_national),
    };
    /* Every test reads these files: without them none can run (exit 77). */
    if (!sl_test_have_shared("census/acs1-2018-us-DP05.csv") ||
        !sl_test_have_shared("census/acs1-2018-us-DP02.csv") ||
        !sl_test_have_shared("census/us-counties-quickfacts-2014.csv"))
        return SL_TEST_SKIPPED;
    return sl_test_exit(cmocka_run_group_tests(tests, NULL, NULL), 0);
}
