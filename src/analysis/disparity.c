/*
** disparity.c — event-weighted group shares against a baseline, with a
** bootstrap interval and a placebo p-value (see include/sightline/analysis/disparity.h
** and docs/methodology.md for the statistics and why they are built so).
** The measures of one set of weights (shares, location quotients,
** dissimilarity, exposure) and the groups' names are disparity_measures.c's;
** the bootstrap and placebo draws are disparity_draws.c's.
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
#include "sightline/analysis/synth.h"
#include "sightline/core/area.h"
#include "analysis_internal.h"
#include "disparity_internal.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        /* a baseline without the group (a DP05 file without its DP02: no
        ** foreign born) gives no figure; the study areas' share standing in
        ** was printed as the baseline's own */
        gr->baseline = opt->baseline ? opt->baseline[g] : gr->population_share;
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

/* For each group, the ratios the test detects with 80% power from this
** many events (power's closed form; docs/methodology.md, "Power"): beside
** a large p, what the events could not have shown. Not by place: the
** places, not the events, are then the sample, and the form is of events. */
static void detectable(const sl_area_table *t, const sl_disparity_options *opt, sl_disparity_result *res)
{
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        sl_group_result *gr = &res->groups[g];
        gr->detectable_low = gr->detectable_high = NAN;
        if (!gr->present || opt->event_place || !(res->weight > 0)) continue;
        gr->detectable_high = sl_power_detectable_ratio(t, (sl_group)g, res->weight, SL_DISPARITY_ALPHA, 0.8, 1);
        gr->detectable_low = sl_power_detectable_ratio(t, (sl_group)g, res->weight, SL_DISPARITY_ALPHA, 0.8, 0);
    }
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
    res->other_baseline = opt->baseline != NULL;
    point_estimates(areas, es, opt, res);
    detectable(areas, opt, res);
    if (!res->baseline) st = sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    if (st == SL_OK) st = fill_areas(areas, es, res, err);
    if (st == SL_OK) st = sl_disparity_draw(areas, es, opt->event_place ? places : NULL, opt, res, err);
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
