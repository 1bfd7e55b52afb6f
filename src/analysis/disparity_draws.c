/*
** disparity_draws.c — the draws around disparity.c's estimates: the
** bootstrap interval (events, or places, drawn with replacement as one
** multinomial draw over their kinds), the placebo p-value (events, or
** places with all their events, put in areas by population) and the
** figure of D by chance alone. The two run side by side on their own
** generators; see docs/methodology.md for why they are built so.
*/
#include "sightline/analysis/disparity.h"
#include "analysis_internal.h"
#include "disparity_internal.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- bootstrap ---------------------------------------------------------- */

/* Percentile interval of the finite values in X (sorted in place). */
static void percentile_interval(double *x, size_t n, double level, double *lo, double *hi)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) x[k++] = x[i];
    *lo = *hi = NAN;
    if (k < 2) return;
    gsl_sort(x, 1, k);
    *lo = gsl_stats_quantile_from_sorted_data(x, 1, k, (1 - level) / 2);
    *hi = gsl_stats_quantile_from_sorted_data(x, 1, k, 1 - (1 - level) / 2);
}

/* Resample the events with replacement OPT->bootstrap times; fill each present
** group's interval. */
static sl_status bootstrap(const event_set *es, const sl_disparity_options *opt,
                           sl_disparity_result *res, sl_error *err)
{
    size_t nb = opt->bootstrap, nk = es->nkinds;
    if (nb == 0 || es->inside == 0) return SL_OK;
    double *prob = malloc(nk * sizeof *prob);
    unsigned *drawn = malloc(nk * sizeof *drawn);
    double *draws = malloc(SL_GROUP_COUNT * nb * sizeof *draws);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!prob || !drawn || !draws || !rng) {
        free(prob), free(drawn), free(draws);
        if (rng) gsl_rng_free(rng);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for the bootstrap");
    }
    gsl_rng_set(rng, (unsigned long)opt->seed);
    for (size_t k = 0; k < nk; k++) prob[k] = es->kinds[k].count;
    for (size_t b = 0; b < nb; b++) {
        if (b % 256 == 0) sl_progress_tell(&opt->progress, "bootstrap resamples", b, nb);
        gsl_ran_multinomial(rng, nk, (unsigned)es->inside, prob, drawn);
        for (int g = 0; g < SL_GROUP_COUNT; g++) {
            double num = 0, den = 0;
            for (size_t k = 0; k < nk; k++) {
                num += drawn[k] * es->kinds[k].num[g];
                den += drawn[k] * es->kinds[k].den[g];
            }
            draws[(size_t)g * nb + b] = den > 0 ? num / den : NAN;
        }
    }
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        sl_group_result *gr = &res->groups[g];
        if (!gr->present) continue;
        percentile_interval(draws + (size_t)g * nb, nb, opt->confidence, &gr->ci_low,
                            &gr->ci_high);
        /* one place or one area for every event: no width, no uncertainty
        ** measured; the caution says so (sl_disparity_to_json) */
        if (gr->ci_low == gr->ci_high && es->inside > 1) res->zero_width = 1;
        gr->ratio_ci_low = gr->baseline > 0 ? gr->ci_low / gr->baseline : NAN;
        gr->ratio_ci_high = gr->baseline > 0 ? gr->ci_high / gr->baseline : NAN;
    }
    gsl_rng_free(rng);
    free(prob), free(drawn), free(draws);
    return SL_OK;
}

/* ---- placebo test ------------------------------------------------------- */

static double placebo_dissimilarity(const sl_area_table *t, const double *w, double nevents, double psum)
{
    double d = 0;
    for (size_t a = 0; a < t->count; a++)
        d += fabs(w[a] / nevents - t->pop[a] / psum);
    return d / 2;
}

static int by_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* The places' sizes by place (opt->event_place): SIZES[k] events at each
** of COUNT[k] places, the sizes ascending; the number of sizes. */
static size_t place_size_classes(const sl_disparity_options *opt, size_t *sizes, unsigned *count)
{
    size_t n = 0;
    for (size_t i = 0; i < opt->places; i++) sizes[i] = opt->place_events[i];
    if (opt->places > 1) qsort(sizes, opt->places, sizeof *sizes, by_size);
    for (size_t i = 0; i < opt->places; i++) {
        if (sizes[i] == 0) continue;
        if (n && sizes[n - 1] == sizes[i]) count[n - 1]++;
        else sizes[n] = sizes[i], count[n++] = 1;
    }
    return n;
}

/* One placebo draw's event weight per area into W: NEVENTS events placed
** one by one by population, or by place (NSIZES classes: COUNT[k] places
** of SIZES[k] events, each place's events together in one area). */
static void placebo_weights(const sl_area_table *t, gsl_rng *rng, unsigned nevents, const size_t *sizes,
                            const unsigned *count, size_t nsizes, unsigned *drawn, double *w)
{
    size_t na = t->count;
    if (!sizes) {
        gsl_ran_multinomial(rng, na, nevents, t->pop, drawn);
        for (size_t a = 0; a < na; a++) w[a] = drawn[a];
        return;
    }
    for (size_t a = 0; a < na; a++) w[a] = 0;
    for (size_t k = 0; k < nsizes; k++) {
        gsl_ran_multinomial(rng, na, count[k], t->pop, drawn);
        for (size_t a = 0; a < na; a++) w[a] += (double)drawn[a] * (double)sizes[k];
    }
}

/* The chance figure of D for events split by overlap: a D of points
** placed by population is not comparable with one of weights spread over
** areas (spreading lowers D), so each placebo draw places the whole events
** by population as the p-value's draws do, and each piece of a split event
** (its weight in one area) in an area drawn by population, keeping its
** weight. The mean of SL_DISPARITY_D_DRAWS draws (fewer when fewer are
** asked, or for millions of pieces), on a generator of its own: the
** p-values' draws are untouched.
** Up to SL_DISPARITY_D_SPREAD areas per event only (see there). */
#define SL_DISPARITY_D_DRAWS 500
#define SL_DISPARITY_D_PIECES 50000000 /* pieces placed in all, at most (but 20 draws) */
static sl_status chance_dissimilarity(const sl_area_table *t, const event_set *es, const sl_disparity_options *opt,
                                      double psum, sl_disparity_result *res, sl_error *err)
{
    size_t m = opt->permutations < SL_DISPARITY_D_DRAWS ? opt->permutations : SL_DISPARITY_D_DRAWS, na = t->count;
    /* millions of pieces: fewer draws (a mean of D over many events varies little between draws) */
    if (es->npieces > SL_DISPARITY_D_PIECES / m) m = SL_DISPARITY_D_PIECES / es->npieces > 20 ? SL_DISPARITY_D_PIECES / es->npieces : 20;
    unsigned *drawn = malloc((na ? na : 1) * sizeof *drawn);
    double *w = malloc((na ? na : 1) * sizeof *w), wsum = (double)es->whole, d_sum = 0;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_ran_discrete_t *by_pop = gsl_ran_discrete_preproc(na, t->pop);
    int ok = drawn && w && rng && by_pop;
    for (size_t k = 0; k < es->npieces; k++) wsum += es->pieces[k];
    if (ok) gsl_rng_set(rng, (unsigned long)sl_seed_mix(opt->seed, 2));
    for (size_t i = 0; ok && i < m && wsum > 0; i++) {
        gsl_ran_multinomial(rng, na, (unsigned)es->whole, t->pop, drawn);
        for (size_t a = 0; a < na; a++) w[a] = drawn[a];
        for (size_t k = 0; k < es->npieces; k++) w[gsl_ran_discrete(rng, by_pop)] += es->pieces[k];
        double d = 0;
        for (size_t a = 0; a < na; a++) d += fabs(w[a] / wsum - t->pop[a] / psum);
        d_sum += d / 2;
    }
    if (ok) res->dissimilarity_null = m && wsum > 0 ? d_sum / (double)m : NAN;
    free(drawn), free(w);
    if (rng) gsl_rng_free(rng);
    if (by_pop) gsl_ran_discrete_free(by_pop);
    return ok ? SL_OK : sl_fail(err, SL_ENOMEM, "", 0, "out of memory for the chance dissimilarity");
}

/* Place the same number of events in areas with probability proportional to
** population, OPT->permutations times. The two-sided p-value counts draws at
** least as far from the null's centre as the observed share, where the centre
** is the study areas' population share: the exact mean of a draw's share
** under the null. Any fixed centre gives a valid Monte Carlo test; this one
** makes it balanced on both sides. */
static sl_status placebo(const sl_area_table *t, const event_set *es,
                         const sl_disparity_options *opt, sl_disparity_result *res,
                         sl_error *err)
{
    size_t m = opt->permutations, na = t->count, nsizes = 0;
    double psum = sl_disparity_sum(t->pop, na);
    unsigned nevents = (unsigned)llround(res->weight);
    if (m == 0 || es->inside == 0 || !(psum > 0)) return SL_OK;
    if (nevents == 0) nevents = 1;
    unsigned *drawn = malloc((na ? na : 1) * sizeof *drawn);
    double *p = malloc(SL_GROUP_COUNT * (na ? na : 1) * sizeof *p), *w = malloc((na ? na : 1) * sizeof *w);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    size_t *sizes = NULL;
    unsigned *count = NULL;
    int bad = !drawn || !p || !w || !rng;
    if (!bad && opt->event_place) { /* by place: the draws place the places */
        sizes = malloc((opt->places ? opt->places : 1) * sizeof *sizes);
        count = malloc((opt->places ? opt->places : 1) * sizeof *count);
        bad = !sizes || !count;
        if (!bad) nsizes = place_size_classes(opt, sizes, count);
        if (!bad) nevents = 0;
        for (size_t k = 0; !bad && k < nsizes; k++) nevents += (unsigned)(sizes[k] * count[k]);
    }
    if (bad) {
        free(drawn), free(p), free(w), free(sizes), free(count);
        if (rng) gsl_rng_free(rng);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for the placebo test");
    }
    gsl_rng_set(rng, (unsigned long)sl_seed_mix(opt->seed, 1));
    for (int g = 0; g < SL_GROUP_COUNT; g++)
        for (size_t a = 0; a < na; a++) p[(size_t)g * na + a] = sl_disparity_group_share(t, (sl_group)g, a);
    size_t extreme[SL_GROUP_COUNT] = {0};
    double d_sum = 0;
    for (size_t i = 0; i < m; i++) {
        if (i % 256 == 0) sl_progress_tell(&opt->progress, "placebo draws", i, m);
        placebo_weights(t, rng, nevents, sizes, count, nsizes, drawn, w);
        d_sum += placebo_dissimilarity(t, w, nevents, psum);
        for (int g = 0; g < SL_GROUP_COUNT; g++) {
            const sl_group_result *gr = &res->groups[g];
            if (!gr->present || isnan(gr->share)) continue;
            double num = 0, den = 0;
            for (size_t a = 0; a < na; a++) {
                double pa = p[(size_t)g * na + a];
                if (w[a] == 0 || isnan(pa)) continue;
                num += w[a] * pa;
                den += w[a];
            }
            if (!(den > 0)) continue; /* no information: not more extreme */
            double observed = fabs(gr->share - gr->population_share);
            /* Ties count as extreme (conservative); 1e-12 absorbs rounding. */
            if (fabs(num / den - gr->population_share) >= observed - 1e-12) extreme[g]++;
        }
    }
    res->dissimilarity_null = d_sum / (double)m; /* points: the same draws as p */
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        sl_group_result *gr = &res->groups[g];
        if (gr->present && !isnan(gr->share))
            gr->p_value = (1.0 + (double)extreme[g]) / (1.0 + (double)m);
    }
    gsl_rng_free(rng);
    free(drawn), free(p), free(w), free(sizes), free(count);
    if (!es->npieces) return SL_OK;
    if (res->spread > SL_DISPARITY_D_SPREAD) { /* no figure: sl_disparity_to_json says why */
        res->dissimilarity_null = NAN;
        return SL_OK;
    }
    return chance_dissimilarity(t, es, opt, psum, res, err);
}

/* ---- the draws, on two threads ------------------------------------------ */

typedef struct placebo_job {
    const sl_area_table *t;
    const event_set *es;
    const sl_disparity_options *opt;
    sl_disparity_result *res;
    sl_error err;
    sl_status st;
} placebo_job;

static void *run_placebo(void *arg)
{
    placebo_job *j = arg;
    j->st = placebo(j->t, j->es, j->opt, j->res, &j->err);
    return NULL;
}

/* The bootstrap and the placebo draws have their own generators and fill
** different fields of RES, so they run side by side with the same numbers as
** one after the other: the draws are most of the time of a national run. */
sl_status sl_disparity_draw(const sl_area_table *t, const event_set *es, const event_set *places,
                            const sl_disparity_options *opt, sl_disparity_result *res, sl_error *err)
{
    placebo_job j = {t, es, opt, res, {0}, SL_OK};
    pthread_t thread;
    int threaded = opt->bootstrap > 0 && opt->permutations > 0 &&
                   pthread_create(&thread, NULL, run_placebo, &j) == 0;
    if (!threaded) run_placebo(&j);
    sl_status st = bootstrap(places ? places : es, opt, res, err);
    if (threaded) pthread_join(thread, NULL);
    if (st == SL_OK && j.st != SL_OK) {
        *err = j.err;
        st = j.st;
    }
    return st;
}
