/*
** synth.c — planted-bias simulation and power (see include/sightline/analysis/synth.h).
**
** The power search needs many simulated data sets per event count, so a data
** set is drawn as one multinomial over areas (not event by event), and the
** placebo test's null distribution, which does not depend on the data, is
** drawn once per event count and shared by all simulated data sets.
*/
#include "sightline/analysis/synth.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* p_ga, NaN when unknown (same rule as disparity.c). */
static double share_of(const sl_area_table *t, sl_group g, size_t a)
{
    const double *cnt = t->group[g];
    if (!cnt || !isfinite(cnt[a]) || !(t->pop[a] > 0)) return NAN;
    return cnt[a] / t->pop[a];
}

/* Unnormalized planted weight of area A; NaN shares plant no bias. */
static double planted_weight(const sl_area_table *t, sl_group g, double beta, size_t a)
{
    double p = share_of(t, g, a);
    return t->pop[a] * (1.0 + beta * (isnan(p) ? 0.0 : p));
}

sl_status sl_synth_probabilities(const sl_area_table *t, sl_group g, double beta, double *prob,
                                 sl_error *err)
{
    if ((unsigned)g >= SL_GROUP_COUNT || !t->group[g])
        return sl_fail(err, SL_EUSAGE, "", 0, "group %s is not in the area table",
                       sl_group_name(g));
    double total = 0;
    for (size_t a = 0; a < t->count; a++) {
        prob[a] = planted_weight(t, g, beta, a);
        if (!isfinite(prob[a])) return sl_fail(err, SL_EUSAGE, "", 0, "--beta %g gives no finite weight", beta);
        if (!(prob[a] >= 0)) { /* a negative beta plants a ratio below 1, down to the least weight 0 */
            size_t top = a;
            for (size_t b = 0; b < t->count; b++)
                if (share_of(t, g, b) > share_of(t, g, top)) top = b;
            double p = share_of(t, g, top);
            return sl_fail(err, SL_EUSAGE, "", 0, "--beta %g is below the least the areas allow for %s, %.4g "
                           "(-1 / its largest share, %.1f%% in area %s): that area would get a negative weight",
                           beta, sl_group_name(g), -1.0 / p, 100 * p, t->ids && t->ids[top] ? t->ids[top] : "?");
        }
        total += prob[a];
    }
    if (!(total > 0)) return sl_fail(err, SL_EUSAGE, "", 0, "the areas have no population");
    for (size_t a = 0; a < t->count; a++) prob[a] /= total;
    return SL_OK;
}

double sl_synth_expected_share(const sl_area_table *t, sl_group g, double beta, sl_group h)
{
    if (!t->group[g] || !t->group[h]) return NAN;
    double num = 0, den = 0;
    for (size_t a = 0; a < t->count; a++) {
        double p = share_of(t, h, a);
        if (isnan(p)) continue;
        double w = planted_weight(t, g, beta, a);
        num += w * p;
        den += w;
    }
    return den > 0 ? num / den : NAN;
}

/* Population moments of the group share over areas where it is known:
** m1 = sum pop p / sum pop, m2 = sum pop p^2 / sum pop. */
static int moments(const sl_area_table *t, sl_group g, double *m1, double *m2, double *pmax)
{
    double s0 = 0, s1 = 0, s2 = 0;
    *pmax = 0;
    for (size_t a = 0; a < t->count; a++) {
        double p = share_of(t, g, a);
        if (isnan(p)) continue;
        s0 += t->pop[a], s1 += t->pop[a] * p, s2 += t->pop[a] * p * p;
        if (p > *pmax) *pmax = p;
    }
    if (!(s0 > 0)) return -1;
    *m1 = s1 / s0, *m2 = s2 / s0;
    return 0;
}

double sl_synth_beta_for_ratio(const sl_area_table *t, sl_group g, double ratio)
{
    double m1, m2, pmax;
    if (!t->group[g] || moments(t, g, &m1, &m2, &pmax) || !(m1 > 0)) return NAN;
    if (ratio == 1.0) return 0.0;
    /* S(beta) = (m1 + beta m2) / (1 + beta m1), solved for beta. */
    double s = ratio * m1, den = s * m1 - m2;
    if (den == 0) return NAN;
    double beta = (m1 - s) / den;
    if (!isfinite(beta) || (beta > 0) != (ratio > 1)) return NAN;
    if (1.0 + beta * pmax < 0) return NAN;
    return beta;
}

int sl_synth_ratio_range(const sl_area_table *t, sl_group g, double *lo, double *hi)
{
    double m1, m2, pmax;
    if (!t->group[g] || moments(t, g, &m1, &m2, &pmax) || !(m1 > 0)) return -1;
    double beta = -1.0 / pmax; /* the least weight of an area reaches 0 */
    *lo = (m1 + beta * m2) / (1 + beta * m1) / m1;
    *hi = m2 / (m1 * m1);
    return 0;
}

sl_status sl_synth_events(const sl_area_table *t, sl_group g, double beta, size_t k,
                          uint64_t seed, size_t *area_of_event, sl_error *err)
{
    double *prob = malloc((t->count ? t->count : 1) * sizeof *prob);
    if (!prob) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    sl_status st = sl_synth_probabilities(t, g, beta, prob, err);
    if (st != SL_OK) {
        free(prob);
        return st;
    }
    gsl_ran_discrete_t *table = gsl_ran_discrete_preproc(t->count, prob);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    free(prob);
    if (!table || !rng) {
        if (table) gsl_ran_discrete_free(table);
        if (rng) gsl_rng_free(rng);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    }
    gsl_rng_set(rng, (unsigned long)seed);
    for (size_t i = 0; i < k; i++) area_of_event[i] = gsl_ran_discrete(rng, table);
    gsl_ran_discrete_free(table);
    gsl_rng_free(rng);
    return SL_OK;
}

sl_status sl_synth_points(double minx, double miny, double maxx, double maxy,
                          sl_inside_fn inside, void *ctx, size_t n, uint64_t seed, double *xy,
                          sl_error *err)
{
    if (!(minx <= maxx && miny <= maxy) || !inside)
        return sl_fail(err, SL_EUSAGE, "", 0, "empty bounding box or no inside test");
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    gsl_rng_set(rng, (unsigned long)seed);
    size_t budget = 10000 * n + 10000, tries = 0;
    for (size_t i = 0; i < n;) {
        if (tries++ >= budget) {
            gsl_rng_free(rng);
            return sl_fail(err, SL_EDATA, "", 0,
                           "placed %zu of %zu points after %zu tries: the area fills too "
                           "little of its bounding box",
                           i, n, budget);
        }
        double x = minx + (maxx - minx) * gsl_rng_uniform(rng);
        double y = miny + (maxy - miny) * gsl_rng_uniform(rng);
        if (inside(ctx, x, y)) {
            xy[2 * i] = x, xy[2 * i + 1] = y;
            i++;
        }
    }
    gsl_rng_free(rng);
    return SL_OK;
}

/* ---- power -------------------------------------------------------------- */

void sl_power_options_default(sl_power_options *o)
{
    memset(o, 0, sizeof *o);
    o->group = SL_GROUP_BLACK;
    o->ratio = 1.2;
    o->alpha = 0.05;
    o->power = 0.80;
    o->simulations = 1000;
    o->permutations = 999;
    o->test = SL_POWER_PLACEBO;
    o->seed = 1;
    o->max_events = 10000000;
}

/* The areas where the group's share is known, with the null (follow people)
** and planted (ratio) probabilities and the moments of the share under each. */
typedef struct power_model {
    size_t n;
    double *p, *null_prob, *alt_prob;
    double mu0, sd0, mu1, sd1, beta;
} power_model;

static void model_free(power_model *m)
{
    free(m->p), free(m->null_prob), free(m->alt_prob);
}

static void mean_sd(const double *prob, const double *p, size_t n, double *mu, double *sd)
{
    double m = 0, v = 0;
    for (size_t i = 0; i < n; i++) m += prob[i] * p[i];
    for (size_t i = 0; i < n; i++) v += prob[i] * (p[i] - m) * (p[i] - m);
    *mu = m, *sd = sqrt(v);
}

static sl_status build_model(const sl_area_table *t, const sl_power_options *o, power_model *m,
                             sl_error *err)
{
    memset(m, 0, sizeof *m);
    if ((unsigned)o->group >= SL_GROUP_COUNT || !t->group[o->group])
        return sl_fail(err, SL_EUSAGE, "", 0, "group %s is not in the area table",
                       sl_group_name(o->group));
    if (!(o->alpha > 0 && o->alpha < 1) || !(o->power > 0 && o->power < 1) || !(o->ratio > 0) ||
        o->ratio == 1.0)
        return sl_fail(err, SL_EUSAGE, "", 0, "alpha, power must be in (0,1), ratio > 0 and not 1");
    m->beta = sl_synth_beta_for_ratio(t, o->group, o->ratio);
    double lo, hi;
    if (isnan(m->beta) && sl_synth_ratio_range(t, o->group, &lo, &hi) == 0)
        return sl_fail(err, SL_EUSAGE, "", 0, "no planted bias gives ratio %g for %s residents here: it reaches ratios from "
                       "%.3g up to, not including, %.3g (m2/m1^2: every event where the group's members live)",
                       o->ratio, sl_group_label(sl_group_name(o->group)), lo, hi);
    if (isnan(m->beta))
        return sl_fail(err, SL_EUSAGE, "", 0, "no planted bias gives ratio %g for %s residents here",
                       o->ratio, sl_group_label(sl_group_name(o->group)));
    size_t cap = t->count ? t->count : 1;
    m->p = malloc(cap * sizeof *m->p);
    m->null_prob = malloc(cap * sizeof *m->null_prob);
    m->alt_prob = malloc(cap * sizeof *m->alt_prob);
    if (!m->p || !m->null_prob || !m->alt_prob) {
        model_free(m);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    }
    double s0 = 0, s1 = 0;
    for (size_t a = 0; a < t->count; a++) {
        double p = share_of(t, o->group, a);
        if (isnan(p)) continue;
        m->p[m->n] = p;
        m->null_prob[m->n] = t->pop[a];
        m->alt_prob[m->n] = t->pop[a] * (1 + m->beta * p);
        s0 += m->null_prob[m->n], s1 += m->alt_prob[m->n];
        m->n++;
    }
    for (size_t i = 0; i < m->n; i++) m->null_prob[i] /= s0, m->alt_prob[i] /= s1;
    mean_sd(m->null_prob, m->p, m->n, &m->mu0, &m->sd0);
    mean_sd(m->alt_prob, m->p, m->n, &m->mu1, &m->sd1);
    return SL_OK;
}

/* Share of group members among K events drawn with PROB. */
static double draw_share(gsl_rng *rng, const power_model *m, const double *prob, unsigned k,
                         unsigned *counts)
{
    gsl_ran_multinomial(rng, m->n, k, prob, counts);
    double num = 0;
    for (size_t i = 0; i < m->n; i++) num += counts[i] * m->p[i];
    return num / k;
}

/* Number of entries of SORTED (ascending) that are >= X. */
static size_t count_at_least(const double *sorted, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return n - lo;
}

static sl_status simulate_power(const power_model *m, const sl_power_options *o, size_t events,
                                double *power, sl_error *err)
{
    size_t nperm = o->test == SL_POWER_PLACEBO ? o->permutations : 0;
    unsigned *counts = malloc((m->n ? m->n : 1) * sizeof *counts);
    double *null_dist = malloc((nperm ? nperm : 1) * sizeof *null_dist);
    gsl_rng *alt = gsl_rng_alloc(gsl_rng_mt19937), *null = gsl_rng_alloc(gsl_rng_mt19937);
    sl_status st = SL_OK;
    if (!counts || !null_dist || !alt || !null) {
        st = sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
        goto done;
    }
    gsl_rng_set(alt, (unsigned long)o->seed);
    gsl_rng_set(null, (unsigned long)sl_seed_mix(o->seed, 1));
    unsigned k = (unsigned)events;
    for (size_t i = 0; i < nperm; i++)
        null_dist[i] = fabs(draw_share(null, m, m->null_prob, k, counts) - m->mu0);
    gsl_sort(null_dist, 1, nperm);
    double z = gsl_cdf_ugaussian_Qinv(o->alpha / 2), se0 = m->sd0 / sqrt((double)k);
    size_t rejected = 0;
    for (size_t s = 0; s < o->simulations; s++) {
        double d = fabs(draw_share(alt, m, m->alt_prob, k, counts) - m->mu0);
        if (o->test == SL_POWER_PLACEBO) {
            double p = (1.0 + count_at_least(null_dist, nperm, d - 1e-12)) / (1.0 + nperm);
            rejected += p <= o->alpha;
        } else {
            rejected += se0 > 0 && d / se0 > z;
        }
    }
    *power = o->simulations ? (double)rejected / o->simulations : NAN;
done:
    free(counts), free(null_dist);
    if (alt) gsl_rng_free(alt);
    if (null) gsl_rng_free(null);
    return st;
}

static sl_status check_counts(const sl_power_options *o, size_t events, sl_error *err)
{
    if (events == 0 || events > UINT32_MAX)
        return sl_fail(err, SL_EUSAGE, "", 0, "event count %zu is not in 1..2^32", events);
    if (o->simulations == 0 || (o->test == SL_POWER_PLACEBO && o->permutations == 0))
        return sl_fail(err, SL_EUSAGE, "", 0, "power needs simulations and permutations");
    return SL_OK;
}

sl_status sl_power_at(const sl_area_table *t, const sl_power_options *o, size_t events,
                      double *power, sl_error *err)
{
    power_model m;
    sl_status st = check_counts(o, events, err);
    if (st == SL_OK) st = build_model(t, o, &m, err);
    if (st != SL_OK) return st;
    st = simulate_power(&m, o, events, power, err);
    model_free(&m);
    return st;
}

/* Doubling then bisection over event counts; see sl_power in synth.h. */
static sl_status search(const power_model *m, const sl_power_options *o, sl_power_result *out,
                        sl_error *err)
{
    size_t lo = 0, hi = 0, k = 16;
    double p = 0, p_hi = 0;
    sl_status st;
    for (;;) {
        if (k > o->max_events) k = o->max_events;
        if ((st = simulate_power(m, o, k, &p, err)) != SL_OK) return st;
        out->evaluations++;
        if (o->progress) o->progress(o->progress_ctx, out->evaluations, k);
        if (p >= o->power) {
            hi = k, p_hi = p;
            break;
        }
        lo = k;
        if (k == o->max_events) {
            out->events = k, out->achieved = p, out->reached = 0;
            return SL_OK;
        }
        k *= 2;
    }
    while (hi - lo > 1 && hi - lo > hi / 50) {
        size_t mid = lo + (hi - lo) / 2;
        if ((st = simulate_power(m, o, mid, &p, err)) != SL_OK) return st;
        out->evaluations++;
        if (o->progress) o->progress(o->progress_ctx, out->evaluations, mid);
        if (p >= o->power) hi = mid, p_hi = p;
        else lo = mid;
    }
    out->events = hi, out->achieved = p_hi, out->reached = 1;
    return SL_OK;
}

sl_status sl_power(const sl_area_table *t, const sl_power_options *o, sl_power_result *out,
                   sl_error *err)
{
    power_model m;
    memset(out, 0, sizeof *out);
    sl_status st = check_counts(o, o->max_events, err);
    if (st == SL_OK) st = build_model(t, o, &m, err);
    if (st != SL_OK) return st;
    out->beta = m.beta;
    out->share_null = m.mu0;
    out->share_planted = m.mu1;
    double za = gsl_cdf_ugaussian_Qinv(o->alpha / 2), zb = gsl_cdf_ugaussian_Pinv(o->power);
    double gap = fabs(m.mu1 - m.mu0);
    out->analytic_events = gap > 0 ? pow((za * m.sd0 + zb * m.sd1) / gap, 2) : INFINITY;
    /* every group of the set tested at once: alpha shared among them */
    for (int g = 0; g < SL_GROUP_COUNT; g++) out->groups += t->group[g] != NULL;
    double zb_a = gsl_cdf_ugaussian_Qinv(o->alpha / (double)out->groups / 2);
    out->bonferroni_events = out->groups < 2 ? NAN : gap > 0 ? pow((zb_a * m.sd0 + zb * m.sd1) / gap, 2) : INFINITY;
    st = search(&m, o, out, err);
    model_free(&m);
    return st;
}

static int put(json_t *o, const char *key, json_t *v)
{
    return v ? json_object_set_new(o, key, v) : -1;
}

static json_t *real_or_null(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

json_t *sl_power_to_json(const sl_power_options *o, const sl_power_result *r)
{
    json_t *j = json_object();
    if (!j) return NULL;
    int bad = put(j, "group", json_string(sl_group_name(o->group)));
    bad |= put(j, "ratio", json_real(o->ratio));
    bad |= put(j, "alpha", json_real(o->alpha));
    bad |= put(j, "power", json_real(o->power));
    bad |= put(j, "test", json_string(o->test == SL_POWER_NORMAL ? "normal" : "placebo"));
    bad |= put(j, "simulations", json_integer((json_int_t)o->simulations));
    bad |= put(j, "permutations", json_integer((json_int_t)o->permutations));
    bad |= put(j, "seed", json_integer((json_int_t)o->seed));
    bad |= put(j, "events", json_integer((json_int_t)r->events));
    bad |= put(j, "achieved_power", real_or_null(r->achieved));
    bad |= put(j, "reached", json_boolean(r->reached));
    bad |= put(j, "beta", real_or_null(r->beta));
    bad |= put(j, "share_null", real_or_null(r->share_null));
    bad |= put(j, "share_planted", real_or_null(r->share_planted));
    bad |= put(j, "analytic_events", real_or_null(ceil(r->analytic_events)));
    bad |= put(j, "groups_in_set", json_integer((json_int_t)r->groups));
    if (r->groups > 1) {
        bad |= put(j, "bonferroni_alpha", json_real(o->alpha / (double)r->groups));
        bad |= put(j, "bonferroni_analytic_events", real_or_null(ceil(r->bonferroni_events)));
    }
    char text[600];
    snprintf(text, sizeof text, "This assumes events at points, each in one area, independent of one another, "
             "biased as the planted model is, and one group tested at alpha %g, not several at once. Requests "
             "split over many areas (large radii) or clustered at few places carry less information per event "
             "and need more events than this; see docs/methodology.md, \"Power\".", o->alpha);
    bad |= put(j, "assumptions", json_string(text));
    if (bad) {
        json_decref(j);
        return NULL;
    }
    return j;
}

/* The events the closed form of sl_power needs at planted strength BETA
** (null moments MU0, SD0 of the share over the N areas of shares P and
** populations POP): ((za sd0 + zb sd1) / |mu1 - mu0|)^2. */
static double events_needed(const double *p, const double *pop, size_t n, double beta, double mu0, double sd0,
                            double za, double zb, double *ratio)
{
    double w = 0, m = 0, v = 0;
    for (size_t i = 0; i < n; i++) w += pop[i] * (1 + beta * p[i]), m += pop[i] * (1 + beta * p[i]) * p[i];
    m /= w;
    for (size_t i = 0; i < n; i++) v += pop[i] * (1 + beta * p[i]) * (p[i] - m) * (p[i] - m);
    *ratio = m / mu0;
    double gap = fabs(m - mu0);
    return gap > 0 ? pow((za * sd0 + zb * sqrt(v / w)) / gap, 2) : INFINITY;
}

double sl_power_detectable_ratio(const sl_area_table *t, sl_group g, double events, double alpha, double power,
                                 int up)
{
    size_t n = 0, cap = t->count ? t->count : 1;
    double *p = malloc(cap * sizeof *p), *pop = malloc(cap * sizeof *pop), pmax = 0, all = 0, mu0 = 0, v0 = 0;
    for (size_t a = 0; p && pop && a < t->count; a++) {
        double s = share_of(t, g, a);
        if (isnan(s)) continue;
        p[n] = s, pop[n++] = t->pop[a], all += t->pop[a];
        if (s > pmax) pmax = s;
    }
    for (size_t i = 0; i < n; i++) mu0 += pop[i] * p[i] / all;
    for (size_t i = 0; i < n; i++) v0 += pop[i] * (p[i] - mu0) * (p[i] - mu0) / all;
    double za = gsl_cdf_ugaussian_Qinv(alpha / 2), zb = gsl_cdf_ugaussian_Pinv(power), ratio = NAN, r;
    /* the strength runs from none to its end (every event where the
    ** group's members live, or none where its largest share is); the
    ** events needed fall as it grows: bisect for EVENTS */
    double lo = 0, hi = up ? 1e9 : -(1 - 1e-9) / pmax;
    if (p && pop && n && mu0 > 0 && pmax > 0 && events > 0 &&
        events_needed(p, pop, n, hi, mu0, sqrt(v0), za, zb, &r) <= events) {
        for (int i = 0; i < 100; i++) { /* halvings (of the logarithm, up): far below any digit printed */
            double mid = up ? sqrt(lo * hi) : (lo + hi) / 2;
            if (up && lo == 0) mid = hi > 1 ? 1 : hi / 2;
            if (events_needed(p, pop, n, mid, mu0, sqrt(v0), za, zb, &r) <= events) hi = mid, ratio = r;
            else lo = mid;
        }
        if (isnan(ratio)) events_needed(p, pop, n, hi, mu0, sqrt(v0), za, zb, &ratio);
    }
    free(p), free(pop);
    return ratio;
}
