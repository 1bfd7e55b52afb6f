/*
** disparity.h — who is watched: demographic disparity of events (police
** requests, camera sites, ...) across areas, with uncertainty.
**
** The numbers work on plain arrays so they stay independent of the store and
** of any geometry: the caller has already decided which area each event falls
** in (a point counts 1 in its area; a request polygon or point+radius is split
** across areas by overlap fraction). The statistics, their assumptions and
** their limits are written out for readers in docs/methodology.md.
**
** Every computation is deterministic for a given seed: it creates its own
** gsl_rng_mt19937 generators and touches no global random state.
*/
#ifndef SIGHTLINE_DISPARITY_H
#define SIGHTLINE_DISPARITY_H

#include "sightline/core/progress.h"
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "sightline/core/arena.h"
#include "sightline/core/error.h"
#include "sightline/core/groups.h"
#include "sightline/io/acs.h"


/* "black", "hispanic", "foreign_born", "white_nh". */
const char *sl_group_name(sl_group g);
/* The group named NAME ("black", "white_nh") in words for readers ("Black",
** "white non-Hispanic"), as the CLI's tables, the report and serve write
** it; NAME itself when it names no group. */
const char *sl_group_label(const char *name);
/* The group named NAME (case-insensitive), or -1. */
int sl_group_from_name(const char *name);

/* The study areas (census tracts, counties, ...), as parallel arrays of COUNT
** entries. Nothing is copied; the arrays must outlive the call they are
** passed to.
**   ids        area identifiers for output; NULL gives "0", "1", ...
**   pop        residents of each area (>= 0).
**   group[g]   residents of area a in group g (a count, not a share); the
**              whole array NULL when the group is not in the data, and a NaN
**              entry when that one area's figure is unknown. An area whose
**              figure is unknown is left out of that group's share, baseline
**              and exposure (not counted as zero). */
typedef struct sl_area_table {
    size_t count;
    const char *const *ids;
    const double *pop;
    const double *group[SL_GROUP_COUNT];
} sl_area_table;


/* How to compute. sl_disparity_options_default fills the defaults. */
typedef struct sl_disparity_options {
    uint64_t seed;          /* default 1 */
    size_t bootstrap;       /* bootstrap resamples of the events; default 2000 */
    size_t permutations;    /* placebo draws for the p-value; default 2000 */
    double confidence;      /* interval level; default 0.95 */
    /* Baseline shares per group in [0,1] (NaN for a group: use the study
    ** areas' population share), or NULL for the population of the study
    ** areas. baseline_label names it in output, e.g. "ACS 2018 1-year,
    ** United States"; NULL gives "population of the study areas". */
    const double *baseline;
    const char *baseline_label;
    /* How many events lie at each distinct place (PLACE_EVENTS[0..PLACES-1]:
    ** the same point, or the same footprint), for the events inside the
    ** areas; NULL when unknown. Events at one place are not independent,
    ** which the resampling assumes: the result then carries a caution. */
    const size_t *place_events;
    size_t places;
    /* By place (`disparity --by-place`): EVENT_PLACE[e] is event e's place,
    ** an index into PLACE_EVENTS, or PLACES or more for an event outside
    ** every area (e the rows' event ids, or the points' indexes;
    ** EVENT_PLACE_COUNT entries, every event id below it). The
    ** bootstrap then resamples places, each with all its events, and each
    ** placebo draw puts a place's events together in one area drawn by
    ** population: events at one place are one observation, not many. NULL:
    ** events are resampled and placed one by one. */
    const size_t *event_place;
    size_t event_place_count;
    /* told "bootstrap resamples" then "placebo draws", every 256 (may be
    ** zeroed: nothing told) */
    sl_progress progress;
} sl_disparity_options;

void sl_disparity_options_default(sl_disparity_options *o);

/* The answer for one group. NaN marks what cannot be computed (no data for
** the group, no events, a zero baseline); JSON writes it as null. */
typedef struct sl_group_result {
    int present;              /* 1 when the area table has this group */
    double share;             /* S_g: event-weighted share of the group */
    double baseline;          /* B_g: the baseline share compared against */
    double population_share;  /* the group's share of the study areas' residents */
    double difference;        /* S_g - B_g */
    double ratio;             /* S_g / B_g */
    double ci_low, ci_high;   /* bootstrap percentile interval for S_g */
    double ratio_ci_low, ratio_ci_high; /* the same interval divided by B_g */
    double p_value;           /* placebo test of "events follow residents" */
    double exposure;          /* events per 1,000 residents met by the average member */
    /* the ratios this many events detect four times in five at
    ** SL_DISPARITY_ALPHA (sl_power_detectable_ratio; NaN by place, or
    ** when none is): what a large p could not have seen */
    double detectable_low, detectable_high;
} sl_group_result;

typedef struct sl_area_result {
    const char *id;
    double events; /* w_a: event weight in the area */
    double lq;     /* location quotient; NaN without residents or events */
    int few_residents; /* sl_few_residents: its quotient rests on few people */
} sl_area_result;

typedef struct sl_disparity_result {
    size_t events;          /* events with weight inside the study areas */
    size_t events_outside;  /* events entirely outside */
    double weight;          /* total event weight inside (= events for points) */
    double weight_no_residents; /* of it, in areas of no residents: in no share */
    uint64_t seed;
    size_t bootstrap, permutations;
    double confidence;
    const char *baseline;   /* label of the baseline */
    int other_baseline;     /* compared with opt->baseline, not the study areas' residents */
    sl_group_result groups[SL_GROUP_COUNT];
    size_t area_count;
    sl_area_result *areas;
    double dissimilarity;   /* Duncan D between events and residents */
    double dissimilarity_null; /* mean D of the placebo draws: what chance alone
                               ** gives with this many events (D is biased upward
                               ** when events are few for the number of areas) */
    double exposure;        /* events per 1,000 residents, all residents */
    size_t places;          /* distinct places of the events; 0 when unknown */
    double effective_places; /* (sum n)^2 / sum n^2 over places: NaN when unknown */
    double spread;          /* areas per event, on average: 1 / sum w_i^2 of each
                            ** event's shares (1 for points); NaN without events */
    int zero_width;         /* a group's interval has no width with over one event */
    int by_place;           /* the draws resampled and placed places (event_place) */
    /* where the events reach: the areas holding any event weight, their
    ** residents, all the study areas' residents, and the share of residents
    ** the areas holding as many events placed by population would hold, on
    ** average (SL_DISPARITY_REACH) */
    size_t reach_areas;
    double reach_residents, residents, reach_expected;
    sl_arena arena;         /* owns areas, ids and the label */
} sl_disparity_result;

/* Compute every statistic of docs/methodology.md for the events in ROWS over
** AREAS. OPT NULL uses the defaults. On success *out must be released with
** sl_disparity_result_free. Fails with SL_EUSAGE for an area index out of
** range or a negative/non-finite weight, and SL_EDATA for an impossible area
** table (negative population, group count above the population). */
sl_status sl_disparity_compute(const sl_area_table *areas, const sl_event_row *rows,
                               size_t nrows, const sl_disparity_options *opt,
                               sl_disparity_result *out, sl_error *err);

/* sl_disparity_compute for N events that are points of weight 1, point i in
** area AREA[i] (negative: outside every area): the same result as a row
** {i, AREA[i] or SL_AREA_OUTSIDE, 1.0} per point, without the rows (24 bytes
** a point: 240 MB for ten million cameras). */
sl_status sl_disparity_compute_points(const sl_area_table *areas, const int32_t *area, size_t n,
                                      const sl_disparity_options *opt, sl_disparity_result *out, sl_error *err);

void sl_disparity_result_free(sl_disparity_result *r);

/* Under this many events inside the study areas, a result is not to be
** quoted without a caution: its bootstrap interval holds the truth less
** often than its level says. In the simulation of docs/methodology.md
** (tests/unit/test_disparity_sim.c) a 95% interval held it about 50% of
** the time at 2 events, 80% at 5, 89% at 10 and 92% at 30, and 95% from
** 100 up; one event gives an interval of no width. */
#define SL_DISPARITY_FEW_EVENTS 30

/* 1 when EVENTS events inside the study areas are too few to quote as a
** finding (under SL_DISPARITY_FEW_EVENTS): the one rule that the caution,
** the report's headline and the map's first colouring all follow. */
int sl_disparity_too_few(long long events);

/* Under this many bootstrap resamples or placebo draws, the interval's ends
** and the p-value move with the seed by more than their printed digits: the
** result carries a caution. */
#define SL_DISPARITY_FEW_DRAWS 1000

/* The threshold a p-value is read against (docs/methodology.md: "we call
** a result significant when p <= alpha"). A p within SL_DISPARITY_MC_NEAR
** Monte Carlo standard errors sqrt(p(1-p)/M) of it, from M placebo draws,
** cannot be placed on either side of it by those draws: the result then
** carries a caution saying so and how to get more draws. */
#define SL_DISPARITY_ALPHA 0.05
#define SL_DISPARITY_MC_NEAR 2.0

/* The Monte Carlo standard error of a placebo p-value P from DRAWS draws,
** sqrt(P(1-P)/DRAWS): how far another seed moves it; NaN without either. */
double sl_p_mc_se(double p, size_t draws);

/* 1 when P is the least p DRAWS placebo draws can give, 1/(DRAWS + 1): no
** draw showed a gap as wide, and p is only known to lie below it. */
int sl_p_is_bound(double p, size_t draws);

/* Events are "at few places" when they count more than this many times the
** places' effective number (sum n)^2 / sum n^2: the bootstrap's variance is
** then too small by about that factor (a design effect above 2). */
#define SL_DISPARITY_REPEATS 2.0

/* Above this many areas per event, on average (an event split by ground
** area over areas of shares w_i is worth 1 / sum w_i^2 of them), the placebo
** (points placed by population) no longer matches the split: p and the
** intervals overstate significance. Run of 2026-12-05, 1,000 unbiased
** requests over New York City tracts, 25 seeds per radius: 800 m (10 areas)
** p <= 0.05 in 8%, interval covering 92%; 1,100 m (15) 8%, 76%; 1,500 m
** (22) 36%, 44%; 3,000 m (41) 40%, 36% (docs/methodology.md, "Large
** footprints"). */
#define SL_DISPARITY_SPREAD 12.0

/* The chance figure of D (dissimilarity_null) for events split by overlap
** places each piece of an event by population, keeping its weight, but not
** the footprint's shape: a footprint split by ground area leans toward
** large, thinly peopled areas, which the pieces do not. With no bias, over
** the New York City tracts (run of 2026-12-05, 1,000 requests), D exceeded
** that figure by about 0.01 at 2 areas per request, 0.04 at 5, 0.06 at 10
** and 0.2 at 41: above this many areas per event the result gives no chance
** figure (null, and "dissimilarity_null_note" says why). */
#define SL_DISPARITY_D_SPREAD 4.0

/* Events whose areas hold under this share of the study areas' residents
** (one city's requests over every US county) compare those places with all
** the study areas, not the events with where they could have occurred: the
** result carries a caution, when events placed by population would also
** reach at least SL_DISPARITY_REACH_SPARSE times that share (so that a few
** events over many small areas, sparse by chance, are not cautioned for it).
** Run of 2026-12-05 over the 3,230 US counties (docs/methodology.md,
** "Events in a small part of the study areas"): national files reach far
** more, about what placement by population gives: the counties holding
** the 1,522 located ICE detention sites hold 68.2% of the residents (72.1%
** by population), those of the 467 police killings of 2015 48.6% (50.4%),
** those of Ring's partnered agencies 64.9%; one city's are few: New York's
** 5 counties 2.7%, Los Angeles County 3.2%; a state's, Illinois 4.0%,
** Texas 8.5%, California 12.2%. */
#define SL_DISPARITY_REACH 0.10
#define SL_DISPARITY_REACH_SPARSE 2.0

/* The result as the JSON object the CLI prints:
** {"events", "events_outside", "weight", "baseline", "seed", "bootstrap",
**  "permutations", "confidence", "exposure_per_1000", "dissimilarity",
**  "dissimilarity_null" (null, with "dissimilarity_null_note", for events
**  split over more than SL_DISPARITY_D_SPREAD areas), "places",
**  "effective_places" (when known),
**  "footprint_areas" (spread, when events are split), "caveat" (only under
**  SL_DISPARITY_FEW_EVENTS events, SL_DISPARITY_FEW_DRAWS draws, events at
**  few places, an interval of no width, footprints spread over
**  SL_DISPARITY_SPREAD, events in a small part of the study areas
**  (SL_DISPARITY_REACH) or a p too near SL_DISPARITY_ALPHA for its draws:
**  sentences every output shows beside the figures),
**  "groups": [{"group", "share", "baseline", "population_share",
**              "difference", "ratio", "ci_low", "ci_high", "ratio_ci_low",
**              "ratio_ci_high", "p_value", "p_mc_se", "p_is_bound" (true when
**              no placebo draw showed a gap as wide: p_value is then the
**              floor 1/(draws + 1), only a bound on p, and p_mc_se null, for
**              a bound has no Monte Carlo error), "exposure_per_1000",
**              with another baseline also "areas_difference",
**              "areas_difference_ci_low", "areas_difference_ci_high" (against
**              population_share)}...], "baseline_note" (sl_disparity_baseline_note),
**  "few_residents_under", "areas": [{"id", "events", "lq", "few_residents"}...]}
** Groups absent from the data are left out; NaN becomes null. Returns a new
** reference (NULL when out of memory). */
json_t *sl_disparity_to_json(const sl_disparity_result *r);

/* With another baseline, the study areas' residents differ from the
** baseline's by this much (a share, 1 point) in some group: a note says so. */
#define SL_DISPARITY_BASELINE_GAP 0.01

/* Set "baseline_note" in the JSON result R (sl_disparity_to_json, after its
** groups were chosen) when a baseline other than the study areas' residents
** differs from their shares by SL_DISPARITY_BASELINE_GAP in a group it
** shows: each group's share of the study areas beside the baseline's, how
** much of the difference from the baseline is the study areas' own, and the
** comparison with the study areas, with its interval and p. Returns 0, -1
** when out of memory. */
int sl_disparity_baseline_note(json_t *r);

/* Set "vintages" ([{group, column, years}]) and "residents_note" in the JSON
** result R (after its groups were chosen, R.population_from given: the
** areas' import, its year and the column of each figure) when a group shown
** was read from a QuickFacts column whose code names another year than the
** import recorded: "the foreign-born shares are of column POP645213, which
** its QuickFacts code dates 2013: the American Community Survey's estimate
** over the five years 2009-2013, not 2014". Nothing when every figure is of
** the recorded year, or no year was recorded. Returns 0, -1 when out of
** memory. */
int sl_disparity_residents_note(json_t *r);

/* The pieces, for callers that need one number and for tests. Each works on
** the per-area event weights W (A entries, as summed from event rows). */

/* S_g = sum_a w_a p_ga / sum_a w_a over areas where p_ga is known. */
double sl_event_share(const sl_area_table *areas, sl_group g, const double *w);
/* The group's share of the residents of the areas where it is known. */
double sl_population_share(const sl_area_table *areas, sl_group g);
/* LQ_a = (w_a / sum w) / (pop_a / sum pop), written into LQ (A entries). */
void sl_location_quotients(const sl_area_table *areas, const double *w, double *lq);
/* D = 1/2 sum_a |w_a / sum w - pop_a / sum pop|, in [0,1]. */
double sl_dissimilarity(const sl_area_table *areas, const double *w);
/* sum_a (g_a / sum g) (1000 w_a / pop_a): events per 1,000 residents in the
** area of the average group member. */
double sl_group_exposure(const sl_area_table *areas, sl_group g, const double *w);

/* A well-mixed seed for sub-stream INDEX of SEED (splitmix64), so that parts
** of one computation draw independent streams from a single user seed. */
uint64_t sl_seed_mix(uint64_t seed, uint64_t index);

#endif
