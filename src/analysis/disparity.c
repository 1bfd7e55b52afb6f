/*
** disparity.c — event-weighted group shares against a baseline, with a
** bootstrap interval and a placebo p-value (see include/sightline/analysis/disparity.h
** and docs/methodology.md for the statistics and why they are built so).
** The measures of one set of weights (shares, location quotients,
** dissimilarity, exposure) and the groups' names are disparity_measures.c's.
**
** Two exact shortcuts keep this fast for millions of events, without
** changing what is estimated:
**  - the bootstrap draws events with replacement; events with identical
**    contributions are interchangeable, so a resample is a multinomial draw
**    over the distinct contributions (for point events: over areas);
**  - a placebo draw puts the events in areas with probability proportional to
**    population, which is one multinomial draw over areas.
*/
#include "sightline/analysis/disparity.h"
#include "sightline/analysis/analyses.h"
#include "sightline/core/area.h"
#include "analysis_internal.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void sl_disparity_options_default(sl_disparity_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->bootstrap = 2000;
    o->permutations = 2000;
    o->confidence = 0.95;
}

uint64_t sl_seed_mix(uint64_t seed, uint64_t index)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (index + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* ---- checking inputs ---------------------------------------------------- */

static const char *area_name(const sl_area_table *t, size_t a, char buf[32])
{
    if (t->ids && t->ids[a]) return t->ids[a];
    snprintf(buf, 32, "%zu", a);
    return buf;
}

static sl_status check_areas(const sl_area_table *t, sl_error *err)
{
    char buf[32];
    if (!t || !t->pop) return sl_fail(err, SL_EUSAGE, "", 0, "no area populations given");
    for (size_t a = 0; a < t->count; a++) {
        if (!isfinite(t->pop[a]) || t->pop[a] < 0)
            return sl_fail(err, SL_EDATA, "", 0, "area %s: population %g is not a count",
                           area_name(t, a, buf), t->pop[a]);
        for (int g = 0; g < SL_GROUP_COUNT; g++) {
            const double *cnt = t->group[g];
            if (!cnt || isnan(cnt[a])) continue;
            if (cnt[a] < 0 || !isfinite(cnt[a]) || !sl_group_fits(cnt[a], t->pop[a]))
                return sl_fail(err, SL_EDATA, "", 0,
                               "area %s: %s count %g is outside 0..population %g",
                               area_name(t, a, buf), sl_group_name((sl_group)g), cnt[a], t->pop[a]);
        }
    }
    return SL_OK;
}

static sl_status check_rows(const sl_area_table *t, const sl_event_row *rows, size_t n,
                            sl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].area != SL_AREA_OUTSIDE && rows[i].area >= t->count)
            return sl_fail(err, SL_EUSAGE, "", 0, "event %lld: area index %zu out of range",
                           (long long)rows[i].event, rows[i].area);
        if (!isfinite(rows[i].weight) || rows[i].weight < 0)
            return sl_fail(err, SL_EUSAGE, "", 0, "event %lld: weight %g is not >= 0",
                           (long long)rows[i].event, rows[i].weight);
    }
    return SL_OK;
}

/* ---- events and their contributions ------------------------------------- */

/* What one event adds to each group's numerator and denominator. Events with
** equal contributions are merged into one "kind" with a multiplicity; FIRST
** places the kind where its first event came (split events in event order,
** then whole-area kinds in area order), for the bootstrap's draws. */
typedef struct contribution {
    double num[SL_GROUP_COUNT], den[SL_GROUP_COUNT];
    double weight;
    unsigned count;
    size_t first;
} contribution;

static int by_event(const void *x, const void *y)
{
    int64_t a = ((const sl_event_row *)x)->event, b = ((const sl_event_row *)y)->event;
    return (a > b) - (a < b);
}

static int by_contribution(const void *x, const void *y)
{
    const contribution *a = x, *b = y;
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        if (a->num[g] != b->num[g]) return a->num[g] < b->num[g] ? -1 : 1;
        if (a->den[g] != b->den[g]) return a->den[g] < b->den[g] ? -1 : 1;
    }
    return 0;
}

static int by_first(const void *x, const void *y)
{
    size_t a = ((const contribution *)x)->first, b = ((const contribution *)y)->first;
    return (a > b) - (a < b);
}

typedef struct event_set {
    contribution *kinds; /* distinct contributions, each with its count */
    size_t nkinds;
    size_t inside, outside;
    double spread; /* sum over events of the areas each is worth (1 / sum of squared shares) */
    double *w; /* per-area weights, A entries */
    size_t whole; /* events that are one whole row in one area (points) */
    double *pieces; /* the inside rows' weights of the other (split) events */
    size_t npieces, pieces_cap;
} event_set;

/* Piece weight X of a split event kept for the chance dissimilarity;
** nonzero when out of memory. */
static int push_piece(event_set *es, double x)
{
    if (es->npieces == es->pieces_cap) {
        size_t cap = es->pieces_cap ? es->pieces_cap * 2 : 256;
        double *grown = realloc(es->pieces, cap * sizeof *grown);
        if (!grown) return -1;
        es->pieces = grown;
        es->pieces_cap = cap;
    }
    es->pieces[es->npieces++] = x;
    return 0;
}

static void add_contribution(const sl_area_table *t, const sl_event_row *r, contribution *c)
{
    c->weight += r->weight;
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        double p = sl_disparity_group_share(t, (sl_group)g, r->area);
        if (isnan(p)) continue;
        c->num[g] += r->weight * p;
        c->den[g] += r->weight;
    }
}

static void add_row(const sl_area_table *t, const sl_event_row *r, contribution *c, double *w)
{
    if (r->area == SL_AREA_OUTSIDE) return;
    w[r->area] += r->weight;
    add_contribution(t, r, c);
}

/* A kind per area for the events that are one whole row in that area
** (points, requests wholly inside one area): their contribution is the
** area's, so they are counted, not stored one by one. */
static contribution area_kind(const sl_area_table *t, size_t area, size_t count)
{
    contribution c = {{0}, {0}, 0, (unsigned)count, 0};
    sl_event_row r = {0, area, 1.0};
    add_contribution(t, &r, &c);
    return c;
}

static int rows_by_event(const sl_event_row *rows, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (rows[i - 1].event > rows[i].event) return 0;
    return 1;
}

/* Rows grouped by event: ROWS itself when already in event order (points and
** split requests come so), else a sorted copy in *OWNED. */
static const sl_event_row *event_order(const sl_event_row *rows, size_t n, sl_event_row **owned)
{
    *owned = NULL;
    if (rows_by_event(rows, n)) return rows;
    if (!(*owned = malloc((n ? n : 1) * sizeof **owned))) return NULL;
    if (n) memcpy(*owned, rows, n * sizeof **owned);
    qsort(*owned, n, sizeof **owned, by_event);
    return *owned;
}

/* C appended to the kinds, placed after those before it. */
static int push_kind(event_set *es, size_t *cap, const contribution *c)
{
    if (es->nkinds == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 256;
        contribution *grown = realloc(es->kinds, grown_cap * sizeof *grown);
        if (!grown) return -1;
        es->kinds = grown;
        *cap = grown_cap;
    }
    es->kinds[es->nkinds] = *c;
    es->kinds[es->nkinds].first = es->nkinds;
    es->nkinds++;
    return 0;
}

static int add_whole(const sl_area_table *t, const size_t *whole, event_set *es, size_t *cap);
static void merge_kinds(event_set *es);

/* Group rows by event and sum each event's contribution; events of one whole
** row are counted per area; then equal contributions are merged. The kinds
** and their counts are the same as summing every event apart and merging:
** this only keeps the work and memory to O(areas + split events). */
static sl_status collect_events(const sl_area_table *t, const sl_event_row *rows, size_t n,
                                event_set *es, sl_error *err)
{
    memset(es, 0, sizeof *es);
    sl_event_row *owned;
    const sl_event_row *sorted = event_order(rows, n, &owned);
    size_t *whole = calloc(t->count ? t->count : 1, sizeof *whole), cap = 0;
    es->w = calloc(t->count ? t->count : 1, sizeof *es->w);
    int bad = (n && !sorted) || !whole || !es->w;
    for (size_t i = 0; !bad && i < n;) {
        const sl_event_row *r = &sorted[i];
        if ((i + 1 == n || sorted[i + 1].event != r->event) && r->weight == 1.0 &&
            r->area != SL_AREA_OUTSIDE) {
            es->w[r->area] += 1.0;
            whole[r->area]++;
            es->inside++;
            es->whole++;
            es->spread += 1;
            i++;
            continue;
        }
        contribution c = {{0}, {0}, 0, 1, 0};
        size_t j = i;
        double total = 0, squares = 0;
        for (; j < n && sorted[j].event == r->event; j++) {
            add_row(t, &sorted[j], &c, es->w);
            total += sorted[j].weight;
            squares += sorted[j].weight * sorted[j].weight;
            if (sorted[j].area != SL_AREA_OUTSIDE && sorted[j].weight > 0 && !bad)
                bad = push_piece(es, sorted[j].weight);
        }
        if (!(c.weight > 0)) es->outside++;
        else if (!bad && (bad = push_kind(es, &cap, &c)) == 0) es->inside++, es->spread += total * total / squares;
        i = j;
    }
    free(owned);
    bad = bad || add_whole(t, whole, es, &cap);
    free(whole);
    if (bad) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for %zu event rows", n);
    /* by weight: the chance draws place them in this order, which the rows'
    ** order (unsorted input, an event's rows in any order) must not change */
    if (es->npieces > 1) gsl_sort(es->pieces, 1, es->npieces);
    merge_kinds(es);
    return SL_OK;
}

/* collect_events for N points of weight 1, each in area AREA[i] (negative:
** outside every area): every event is one whole row, so the set is the
** areas' counts, built without rows. */
static sl_status collect_points(const sl_area_table *t, const int32_t *area, size_t n, event_set *es,
                                sl_error *err)
{
    memset(es, 0, sizeof *es);
    size_t *whole = calloc(t->count ? t->count : 1, sizeof *whole), cap = 0;
    es->w = calloc(t->count ? t->count : 1, sizeof *es->w);
    int bad = !whole || !es->w;
    for (size_t i = 0; !bad && i < n; i++) {
        if (area[i] < 0) es->outside++;
        else whole[area[i]]++, es->inside++;
    }
    es->whole = es->inside;
    es->spread = (double)es->inside; /* a point is in one area */
    /* the sum of that many 1.0s, to the bit: the counts are far below 2^53 */
    for (size_t a = 0; !bad && a < t->count; a++) es->w[a] = (double)whole[a];
    bad = bad || add_whole(t, whole, es, &cap);
    free(whole);
    if (bad) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for %zu events", n);
    merge_kinds(es);
    return SL_OK;
}

/* One kind per area of the events wholly in it (WHOLE[a] of them), after
** the split events' kinds; nonzero when out of memory. */
static int add_whole(const sl_area_table *t, const size_t *whole, event_set *es, size_t *cap)
{
    for (size_t a = 0; a < t->count; a++) {
        if (!whole[a]) continue;
        contribution c = area_kind(t, a, whole[a]);
        if (push_kind(es, cap, &c)) return 1;
    }
    return 0;
}

/* Equal contributions merged, their counts summed, each kind where its
** first event came. The bootstrap draws kinds in this order: ordered by
** their values, as they once were, a change in an input's ninth digit
** could reorder two kinds and the same seed then drew another sample. */
static void merge_kinds(event_set *es)
{
    if (es->nkinds > 1) qsort(es->kinds, es->nkinds, sizeof *es->kinds, by_contribution);
    size_t k = 0;
    for (size_t i = 0; i < es->nkinds; i++) {
        contribution *last = k > 0 ? &es->kinds[k - 1] : NULL;
        if (last && by_contribution(last, &es->kinds[i]) == 0) {
            last->count += es->kinds[i].count;
            if (es->kinds[i].first < last->first) last->first = es->kinds[i].first;
        } else {
            es->kinds[k++] = es->kinds[i];
        }
    }
    es->nkinds = k;
    if (k > 1) qsort(es->kinds, k, sizeof *es->kinds, by_first);
}

static void event_set_free(event_set *es)
{
    free(es->kinds);
    free(es->w);
    free(es->pieces);
}

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
static sl_status draw(const sl_area_table *t, const event_set *es, const event_set *places,
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

/* ---- putting it together ------------------------------------------------ */

static void point_estimates(const sl_area_table *t, const event_set *es,
                            const sl_disparity_options *opt, sl_disparity_result *res)
{
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        sl_group_result *gr = &res->groups[g];
        gr->present = t->group[g] != NULL;
        gr->share = gr->baseline = gr->population_share = gr->difference = gr->ratio = NAN;
        gr->ci_low = gr->ci_high = gr->ratio_ci_low = gr->ratio_ci_high = NAN;
        gr->p_value = gr->exposure = NAN;
        if (!gr->present) continue;
        gr->share = sl_event_share(t, (sl_group)g, es->w);
        gr->population_share = sl_population_share(t, (sl_group)g);
        gr->baseline = (opt->baseline && !isnan(opt->baseline[g])) ? opt->baseline[g]
                                                                   : gr->population_share;
        gr->difference = gr->share - gr->baseline;
        gr->ratio = gr->baseline > 0 ? gr->share / gr->baseline : NAN;
        gr->exposure = sl_group_exposure(t, (sl_group)g, es->w);
    }
    res->dissimilarity = sl_dissimilarity(t, es->w);
    res->dissimilarity_null = NAN; /* filled by the placebo draws */
    double psum = sl_disparity_sum(t->pop, t->count);
    res->exposure = psum > 0 ? 1000.0 * res->weight / psum : NAN;
}

static sl_status fill_areas(const sl_area_table *t, const event_set *es, sl_disparity_result *res,
                            sl_error *err)
{
    char buf[32];
    double *lq = malloc((t->count ? t->count : 1) * sizeof *lq);
    res->areas = sl_arena_alloc(&res->arena, (t->count ? t->count : 1) * sizeof *res->areas);
    if (!lq || !res->areas) {
        free(lq);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for %zu areas", t->count);
    }
    sl_location_quotients(t, es->w, lq);
    for (size_t a = 0; a < t->count; a++) {
        res->areas[a].id = sl_arena_strdup(&res->arena, area_name(t, a, buf));
        res->areas[a].events = es->w[a];
        res->areas[a].lq = lq[a];
        res->areas[a].few_residents = sl_few_residents(t->pop[a]);
        if (!res->areas[a].id) {
            free(lq);
            return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for area ids");
        }
    }
    res->area_count = t->count;
    free(lq);
    return SL_OK;
}

/* The options OPT_IN (NULL: the defaults) into *OPT, checked. */
static sl_status options_of(const sl_disparity_options *opt_in, sl_disparity_options *opt, sl_error *err)
{
    if (opt_in) *opt = *opt_in;
    else sl_disparity_options_default(opt);
    if (!(opt->confidence > 0 && opt->confidence < 1))
        return sl_fail(err, SL_EUSAGE, "", 0, "confidence %g is not in (0,1)", opt->confidence);
    return SL_OK;
}

/* The places the caller counted: how many, and how many independent ones
** they are worth, (sum n)^2 / sum n^2 (Kish's effective number: 50 events
** at one place are worth one; 300 at 30 places of 10, thirty). */
static void place_counts(const sl_disparity_options *opt, sl_disparity_result *res)
{
    double n = 0, n2 = 0;
    res->places = opt->place_events ? opt->places : 0;
    for (size_t i = 0; i < res->places; i++) {
        n += (double)opt->place_events[i];
        n2 += (double)opt->place_events[i] * (double)opt->place_events[i];
    }
    res->effective_places = n2 > 0 ? n * n / n2 : NAN;
}

/* Where the events lie against where the residents live: the areas
** holding any event and their residents, and the residents' share that the
** areas of as many events placed by population would hold on average,
** sum_a p_a (1 - (1 - p_a)^n) with p_a area a's share of the residents. */
static void reach(const sl_area_table *t, const event_set *es, sl_disparity_result *res)
{
    double all = 0, in = 0, expected = 0, n = (double)es->inside;
    size_t k = 0;
    for (size_t a = 0; a < t->count; a++) {
        double pop = t->pop[a] > 0 ? t->pop[a] : 0;
        all += pop;
        if (es->w[a] > 0) k++, in += pop;
    }
    for (size_t a = 0; all > 0 && a < t->count; a++) {
        double p = t->pop[a] > 0 ? t->pop[a] / all : 0;
        expected += p * (1 - pow(1 - p, n));
    }
    res->reach_areas = k;
    res->reach_residents = in;
    res->residents = all;
    res->reach_expected = all > 0 ? expected : NAN;
}

/* By place (opt->event_place): the events' rows with each event's place for
** its id, gathered into PLACES as collect_events gathers events: a place's
** events are then one kind, drawn together by the bootstrap. ROWS NULL:
** N points, point i in AREA[i]. An event of no place (an index of
** opt->places or more) lies outside every area and is left out. PLACES is
** zeroed when not by place. */
static sl_status collect_places(const sl_area_table *t, const sl_event_row *rows, const int32_t *area, size_t n,
                                const sl_disparity_options *opt, event_set *places, sl_error *err)
{
    memset(places, 0, sizeof *places);
    if (!opt->event_place) return SL_OK;
    sl_event_row *by_place = malloc((n ? n : 1) * sizeof *by_place);
    size_t k = 0;
    if (!by_place) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for %zu events by place", n);
    for (size_t i = 0; i < n; i++) {
        int64_t e = rows ? rows[i].event : (int64_t)i;
        if (e < 0 || (uint64_t)e >= opt->event_place_count) {
            free(by_place);
            return sl_fail(err, SL_EUSAGE, "", 0, "event %lld has no place", (long long)e);
        }
        if (opt->event_place[e] >= opt->places) continue; /* outside every area: in no draw */
        by_place[k] = rows ? rows[i] : (sl_event_row){(int64_t)i, area[i] < 0 ? SL_AREA_OUTSIDE : (size_t)area[i], 1.0};
        by_place[k++].event = (int64_t)opt->event_place[e];
    }
    sl_status st = collect_events(t, by_place, k, places, err);
    free(by_place);
    return st;
}

/* Every statistic from the event set ES and, by place, PLACES (both freed
** here). */
static sl_status compute_set(const sl_area_table *areas, event_set *es, event_set *places,
                             const sl_disparity_options *opt, sl_disparity_result *res, sl_error *err)
{
    sl_status st = SL_OK;
    if (es->inside > UINT32_MAX) {
        event_set_free(es);
        event_set_free(places);
        return sl_fail(err, SL_EUSAGE, "", 0, "%zu events: more than 2^32", es->inside);
    }
    res->by_place = opt->event_place != NULL;
    res->events = es->inside;
    res->events_outside = es->outside;
    res->weight = sl_disparity_sum(es->w, areas->count);
    res->weight_no_residents = 0;
    for (size_t a = 0; a < areas->count; a++)
        if (!(areas->pop[a] > 0)) res->weight_no_residents += es->w[a];
    reach(areas, es, res);
    res->seed = opt->seed;
    res->bootstrap = opt->bootstrap;
    res->permutations = opt->permutations;
    res->confidence = opt->confidence;
    res->spread = es->inside ? es->spread / (double)es->inside : NAN;
    place_counts(opt, res);
    res->baseline = sl_arena_strdup(&res->arena, opt->baseline_label ? opt->baseline_label
                                    : opt->baseline ? "caller-supplied baseline"
                                                    : "population of the study areas");
    point_estimates(areas, es, opt, res);
    if (!res->baseline) st = sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    if (st == SL_OK) st = fill_areas(areas, es, res, err);
    if (st == SL_OK) st = draw(areas, es, opt->event_place ? places : NULL, opt, res, err);
    event_set_free(es);
    event_set_free(places);
    if (st != SL_OK) sl_disparity_result_free(res);
    return st;
}

sl_status sl_disparity_compute(const sl_area_table *areas, const sl_event_row *rows,
                               size_t nrows, const sl_disparity_options *opt_in,
                               sl_disparity_result *res, sl_error *err)
{
    sl_disparity_options opt;
    memset(res, 0, sizeof *res);
    sl_status st = options_of(opt_in, &opt, err);
    if (st == SL_OK) st = check_areas(areas, err);
    if (st == SL_OK) st = check_rows(areas, rows, nrows, err);
    if (st != SL_OK) return st;
    event_set es, places;
    if ((st = collect_places(areas, rows, NULL, nrows, &opt, &places, err)) != SL_OK) return st;
    if ((st = collect_events(areas, rows, nrows, &es, err)) != SL_OK) {
        event_set_free(&places);
        return st;
    }
    return compute_set(areas, &es, &places, &opt, res, err);
}

sl_status sl_disparity_compute_points(const sl_area_table *areas, const int32_t *area, size_t n,
                                      const sl_disparity_options *opt_in, sl_disparity_result *res, sl_error *err)
{
    sl_disparity_options opt;
    memset(res, 0, sizeof *res);
    sl_status st = options_of(opt_in, &opt, err);
    if (st == SL_OK) st = check_areas(areas, err);
    for (size_t i = 0; st == SL_OK && i < n; i++)
        if (area[i] >= 0 && (size_t)area[i] >= areas->count)
            st = sl_fail(err, SL_EUSAGE, "", 0, "event %zu: area index %d out of range", i, (int)area[i]);
    if (st != SL_OK) return st;
    event_set es, places;
    if ((st = collect_places(areas, NULL, area, n, &opt, &places, err)) != SL_OK) return st;
    if ((st = collect_points(areas, area, n, &es, err)) != SL_OK) {
        event_set_free(&places);
        return st;
    }
    return compute_set(areas, &es, &places, &opt, res, err);
}

void sl_disparity_result_free(sl_disparity_result *r)
{
    if (!r) return;
    sl_arena_free(&r->arena);
    memset(r, 0, sizeof *r);
}
