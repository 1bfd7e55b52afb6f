/*
** synth.h — planted-bias simulation and statistical power.
**
** To check that the disparity statistics find a bias that is there (and do
** not find one that is not), events are simulated with a known bias: each
** event lands in area a with probability proportional to
**     pop_a * (1 + beta * p_ga)
** where p_ga is group g's share of area a's residents. beta = 0 means "events
** follow people"; beta > 0 leans toward areas where group g lives. The same
** model answers "how many events would we need to see a ratio R?".
** Everything is deterministic for a given seed (own gsl_rng_mt19937).
*/
#ifndef SIGHTLINE_SYNTH_H
#define SIGHTLINE_SYNTH_H

#include <stddef.h>
#include <stdint.h>
#include "sightline/analysis/disparity.h"
#include "sightline/core/error.h"

/* The planted model's area probabilities (summing to 1) into PROB (A
** entries). Areas where group G's share is unknown get no bias (p_ga = 0).
** Fails with SL_EUSAGE when G is absent, or when beta makes a weight negative
** (beta < -1/max p_ga) or all weights zero. */
sl_status sl_synth_probabilities(const sl_area_table *areas, sl_group g, double beta,
                                 double *prob, sl_error *err);

/* The share of group H that the event-weighted share S_h estimates when
** events follow the planted model (bias toward G with strength BETA):
** sum_a pi_a p_ha / sum_a pi_a over areas where p_ha is known. This is the
** "true" value a confidence interval should cover. NaN when not defined. */
double sl_synth_expected_share(const sl_area_table *areas, sl_group g, double beta, sl_group h);

/* The beta for which the planted model's expected share of G is RATIO times
** G's population share in the study areas; NaN when no beta reaches it
** (the largest reachable share is sum pop p^2 / sum pop p). */
double sl_synth_beta_for_ratio(const sl_area_table *areas, sl_group g, double ratio);

/* The ratios the planted model can give group G: from *LO (at the most
** negative beta, -1 / max p_ga) up to, not including, *HI = m2 / m1^2 (as
** beta grows without bound: events in proportion to the group's members).
** -1 when G is absent or has no members. */
int sl_synth_ratio_range(const sl_area_table *areas, sl_group g, double *lo, double *hi);

/* Draw K events from the planted model; AREA_OF_EVENT (K entries) receives
** each event's area index. */
sl_status sl_synth_events(const sl_area_table *areas, sl_group g, double beta, size_t k,
                          uint64_t seed, size_t *area_of_event, sl_error *err);

/* Is (x, y) inside the area? 1 yes, 0 no. CTX is the caller's. */
typedef int (*sl_inside_fn)(void *ctx, double x, double y);

/* N points uniform inside an area by rejection from its bounding box
** [minx,maxx] x [miny,maxy]: XY receives x0,y0,x1,y1,... Uniform in the
** box's coordinates (for lon/lat, uniform in degrees: fine for areas the size
** of a county, slightly denser toward the poles for large ones). Fails with
** SL_EDATA when the area fills too little of its box to hit (10,000 misses
** per point on average). Placing points for many areas: derive each area's
** seed with sl_seed_mix(seed, area_index). */
sl_status sl_synth_points(double minx, double miny, double maxx, double maxy,
                          sl_inside_fn inside, void *ctx, size_t n, uint64_t seed, double *xy,
                          sl_error *err);

/* How significance is judged in a power simulation. */
typedef enum sl_power_test {
    SL_POWER_PLACEBO = 0, /* the placebo test of sl_disparity_compute */
    SL_POWER_NORMAL = 1   /* its normal approximation: faster, checked against it */
} sl_power_test;

typedef struct sl_power_options {
    sl_group group;
    double ratio;        /* the ratio S_g / B_g to detect (B_g: study-area share) */
    double alpha;        /* two-sided level; default 0.05 */
    double power;        /* target power; default 0.80 */
    size_t simulations;  /* simulated data sets per event count; default 1000 */
    size_t permutations; /* placebo draws per event count; default 999 */
    sl_power_test test;  /* default SL_POWER_PLACEBO */
    uint64_t seed;       /* default 1 */
    size_t max_events;   /* give up beyond this; default 10,000,000 */
    /* Called after each event count is simulated (EVALUATIONS so far, the
    ** EVENTS just tried): a search takes seconds, and the caller may show
    ** that it moves. NULL: none. */
    void (*progress)(void *ctx, size_t evaluations, size_t events);
    void *progress_ctx;
} sl_power_options;

void sl_power_options_default(sl_power_options *o);

typedef struct sl_power_result {
    size_t events;          /* smallest event count found with power >= target */
    double achieved;        /* simulated power at that count */
    int reached;            /* 0: even max_events was not enough */
    double beta;            /* planted strength giving the ratio */
    double share_null;      /* population share of the group (B_g) */
    double share_planted;   /* expected share under the planted model */
    double analytic_events; /* closed-form normal-approximation answer */
    size_t evaluations;     /* event counts simulated during the search */
    size_t groups;          /* groups the area table has: a test of them all at once */
    double bonferroni_events; /* the closed form at alpha / groups (NaN for one group) */
} sl_power_result;

/* Estimate by simulation the number of events needed to detect OPT->ratio
** for OPT->group: event counts double from 16 until the simulated power
** reaches the target, then bisection narrows to within 2%. Every count is
** simulated with the same seed (common random numbers) so the power curve
** is smooth in the count. Areas where the group's share is unknown are left
** out. See docs/methodology.md. */
sl_status sl_power(const sl_area_table *areas, const sl_power_options *opt,
                   sl_power_result *out, sl_error *err);

/* The ratio S_g / B_g of GROUP that a two-sided test at ALPHA detects with
** probability POWER from EVENTS events at points, by the normal
** approximation of sl_power (its analytic_events, solved for the ratio),
** under the planted model's shape of bias: above 1 when UP, else below.
** NaN when no bias of the model is detected so often from so few events,
** or the group has no figures. What a large p could not have seen. */
double sl_power_detectable_ratio(const sl_area_table *areas, sl_group group, double events, double alpha,
                                 double power, int up);

/* The question and answer as JSON for the CLI: {"group", "ratio", "alpha",
** "power", "test" ("placebo"|"normal"), "simulations", "permutations",
** "seed", "events", "achieved_power", "reached", "beta", "share_null",
** "share_planted", "analytic_events", "groups_in_set", and with more than
** one group "bonferroni_alpha" and "bonferroni_analytic_events";
** "assumptions": the sentence every output states beside the answer}; NULL
** when out of memory. */
json_t *sl_power_to_json(const sl_power_options *opt, const sl_power_result *res);

/* Simulated power at one event count (the building block of sl_power). */
sl_status sl_power_at(const sl_area_table *areas, const sl_power_options *opt, size_t events,
                      double *power, sl_error *err);

#endif
