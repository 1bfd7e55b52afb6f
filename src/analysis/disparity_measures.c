/*
** disparity_measures.c — the groups' names and the closed-form measures of
** one set of per-area weights: event and population shares, location
** quotients, dissimilarity and exposure (disparity.h). They are the
** figures themselves, apart from disparity.c's estimation around them
** (events gathered into kinds, the bootstrap and placebo draws, which call
** them on every draw); the group names are read by the CLI, the report and
** the synthetic layers too.
*/
#include "sightline/analysis/disparity.h"
#include "analysis_internal.h"

#include <math.h>
#include <stddef.h>
#include <strings.h>

static const char *const group_names[SL_GROUP_COUNT] = {"black", "hispanic", "foreign_born",
                                                        "white_nh"};

const char *sl_group_name(sl_group g)
{
    return (unsigned)g < SL_GROUP_COUNT ? group_names[g] : "?";
}

const char *sl_group_label(const char *name)
{
    static const char *const LABELS[SL_GROUP_COUNT] = {"Black", "Hispanic", "foreign-born", "white non-Hispanic"};
    int g = sl_group_from_name(name);
    return g < 0 ? name : LABELS[g];
}

int sl_group_from_name(const char *name)
{
    for (int g = 0; g < SL_GROUP_COUNT; g++)
        if (name && strcasecmp(name, group_names[g]) == 0) return g;
    return -1;
}

double sl_disparity_group_share(const sl_area_table *t, sl_group g, size_t a)
{
    const double *cnt = t->group[g];
    if (!cnt || !isfinite(cnt[a]) || !(t->pop[a] > 0)) return NAN;
    return cnt[a] / t->pop[a];
}

double sl_event_share(const sl_area_table *t, sl_group g, const double *w)
{
    double num = 0, den = 0;
    for (size_t a = 0; a < t->count; a++) {
        double p = sl_disparity_group_share(t, g, a);
        if (isnan(p)) continue;
        num += w[a] * p;
        den += w[a];
    }
    return den > 0 ? num / den : NAN;
}

double sl_population_share(const sl_area_table *t, sl_group g)
{
    double num = 0, den = 0;
    for (size_t a = 0; a < t->count; a++) {
        if (isnan(sl_disparity_group_share(t, g, a))) continue;
        num += t->group[g][a];
        den += t->pop[a];
    }
    return den > 0 ? num / den : NAN;
}

double sl_disparity_sum(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) s += x[i];
    return s;
}

void sl_location_quotients(const sl_area_table *t, const double *w, double *lq)
{
    double wsum = sl_disparity_sum(w, t->count), psum = sl_disparity_sum(t->pop, t->count);
    for (size_t a = 0; a < t->count; a++) {
        double pop_share = psum > 0 ? t->pop[a] / psum : 0;
        lq[a] = (wsum > 0 && pop_share > 0) ? (w[a] / wsum) / pop_share : NAN;
    }
}

double sl_dissimilarity(const sl_area_table *t, const double *w)
{
    double wsum = sl_disparity_sum(w, t->count), psum = sl_disparity_sum(t->pop, t->count);
    if (!(wsum > 0) || !(psum > 0)) return NAN;
    double d = 0;
    for (size_t a = 0; a < t->count; a++) d += fabs(w[a] / wsum - t->pop[a] / psum);
    return d / 2;
}

double sl_group_exposure(const sl_area_table *t, sl_group g, const double *w)
{
    double members = 0, met = 0;
    for (size_t a = 0; a < t->count; a++) {
        if (isnan(sl_disparity_group_share(t, g, a))) continue;
        members += t->group[g][a];
        met += t->group[g][a] * 1000.0 * w[a] / t->pop[a];
    }
    return members > 0 ? met / members : NAN;
}
