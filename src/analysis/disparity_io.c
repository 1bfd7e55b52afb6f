/*
** disparity_io.c — the disparity result as JSON, so the CLI only wires
** flags. (The ACS baseline reader is io/acs.c.)
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/disparity.h"
#include "sightline/core/json.h"
#include "sightline/core/text.h"
#include "sightline/io/csv.h"
#include "sightline/core/file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- JSON --------------------------------------------------------------- */

/* NaN is not JSON: write null. Whole numbers (event counts) stay integers. */
static json_t *number(double x)
{
    if (!isfinite(x)) return json_null();
    if (x == floor(x) && fabs(x) < 9e15) return json_integer((json_int_t)x);
    return json_real(x);
}

static int set(json_t *obj, const char *key, json_t *value)
{
    return value ? json_object_set_new(obj, key, value) : -1;
}

double sl_p_mc_se(double p, size_t draws)
{
    if (!isfinite(p) || !draws) return NAN;
    return sqrt(p * (1 - p) / (double)draws);
}

int sl_p_is_bound(double p, size_t draws)
{
    return draws && isfinite(p) && p <= (1.0 + 1e-9) / ((double)draws + 1.0);
}

static json_t *group_json(sl_group g, const sl_group_result *gr, size_t permutations, int other_baseline)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int bad = set(o, "group", json_string(sl_group_name(g)));
    bad |= set(o, "share", number(gr->share));
    bad |= set(o, "baseline", number(gr->baseline));
    bad |= set(o, "population_share", number(gr->population_share));
    bad |= set(o, "difference", number(gr->difference));
    bad |= set(o, "ratio", number(gr->ratio));
    bad |= set(o, "ci_low", number(gr->ci_low));
    bad |= set(o, "ci_high", number(gr->ci_high));
    bad |= set(o, "ratio_ci_low", number(gr->ratio_ci_low));
    bad |= set(o, "ratio_ci_high", number(gr->ratio_ci_high));
    /* the share's interval moved by the fixed baseline: the interval of the
    ** difference the table prints beside it */
    bad |= set(o, "difference_ci_low", number(gr->ci_low - gr->baseline));
    bad |= set(o, "difference_ci_high", number(gr->ci_high - gr->baseline));
    if (other_baseline) { /* the comparison p tests, with the interval the baseline's has */
        bad |= set(o, "areas_difference", number(gr->share - gr->population_share));
        bad |= set(o, "areas_difference_ci_low", number(gr->ci_low - gr->population_share));
        bad |= set(o, "areas_difference_ci_high", number(gr->ci_high - gr->population_share));
    }
    bad |= set(o, "p_value", number(gr->p_value));
    /* at the floor p is a bound: an error "0.0005" beside it read as p = 0.0005 +- 0.0005 */
    int bound = sl_p_is_bound(gr->p_value, permutations);
    bad |= set(o, "p_mc_se", bound ? json_null() : number(sl_p_mc_se(gr->p_value, permutations)));
    bad |= set(o, "p_is_bound", json_boolean(bound));
    bad |= set(o, "exposure_per_1000", number(gr->exposure));
    /* ratios to the study areas' share, the comparison p tests */
    bad |= set(o, "detectable_ratio_low", number(gr->detectable_low));
    bad |= set(o, "detectable_ratio_high", number(gr->detectable_high));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *areas_json(const sl_disparity_result *r)
{
    json_t *list = json_array();
    for (size_t a = 0; list && a < r->area_count; a++) {
        json_t *o = json_object();
        int bad = !o || set(o, "id", json_string(r->areas[a].id));
        bad = bad || set(o, "events", number(r->areas[a].events));
        bad = bad || set(o, "lq", number(r->areas[a].lq));
        bad = bad || set(o, "few_residents", json_boolean(r->areas[a].few_residents));
        if (bad || json_array_append_new(list, o)) {
            if (bad) json_decref(o);
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

int sl_disparity_too_few(long long events)
{
    return events < SL_DISPARITY_FEW_EVENTS;
}

/* The caution for a result of few events (sl_disparity_too_few), into
** TEXT; nothing when they are enough. */
static void few_events(const sl_disparity_result *r, char *text, size_t len)
{
    size_t events = r->events;
    char in[40], out[40], split[160] = "";
    if (!sl_disparity_too_few((long long)events)) return;
    /* requests split by overlap: "20 events" touch the areas, fewer lie in them */
    if ((double)events - r->weight >= 0.05) /* as the table under it says it */
        snprintf(split, sizeof split, " (in part: by overlap they add up to %s events inside and %s outside)",
                 sl_readable(r->weight, in), sl_readable((double)events - r->weight, out));
    if (events == 0)
        snprintf(text, len, "No event lies inside the study areas: there is nothing to compare.");
    else if (events == 1)
        snprintf(text, len, "Only 1 event lies inside the study areas: its interval has no width, and one "
                             "event cannot show a disparity. Gather more events before quoting these figures.");
    else
        snprintf(text, len,
                 "Only %zu events lie inside the study areas%s: too few to quote these figures as findings. A 95%% "
                 "interval from so few events is too narrow (in simulation it held the true share about 80%% of the "
                 "time at 5 events, 89%% at 10 and 92%% at 30), and the p-value, though exact, rarely detects a "
                 "gap. See docs/methodology.md, \"Few events\".",
                 events, split);
}

/* Events at few places, or an interval of no width: the resampling takes
** each event for an independent one (SL_DISPARITY_REPEATS). */
static void few_places(const sl_disparity_result *r, char *text, size_t len)
{
    char n[32], k[32];
    int repeats = r->places && r->events >= 2 && (double)r->events > SL_DISPARITY_REPEATS * r->effective_places;
    if (r->by_place && r->places < SL_DISPARITY_FEW_EVENTS && r->events >= 2) /* the places are the sample */
        snprintf(text, len, "These %s events lie at only %s%s, and the intervals and p here resample and place whole "
                 "places: too few places to quote these figures as findings. See docs/methodology.md, \"Events at "
                 "few places\".", sl_thousands((long long)r->events, n),
                 r->places == 1 ? "1 place" : sl_thousands((long long)r->places, k), r->places == 1 ? "" : " distinct places");
    else if (r->by_place)
        return; /* the draws took the repeats into account */
    else if (repeats)
        snprintf(text, len, "These %s events lie at only %s%s%s: the intervals and p treat each event as "
                 "independent, so they are too narrow and p too small when events repeat at a place "
                 "(`sightline disparity --by-place` resamples places instead). See "
                 "docs/methodology.md, \"Events at few places\".", sl_thousands((long long)r->events, n),
                 r->places == 1 ? "1 place" : sl_thousands((long long)r->places, k), r->places == 1 ? "" : " distinct places",
                 r->places > 1 && r->effective_places < (double)r->places - 0.5 ? " (most of them at a few of those)" : "");
    else if (r->zero_width && r->events >= SL_DISPARITY_FEW_EVENTS)
        snprintf(text, len, "Every event weighs the same area or areas, so the interval has no width: it does not "
                 "measure the uncertainty of events that repeat at one place. See docs/methodology.md, \"Events at "
                 "few places\".");
}

/* Residents for people: "8.6 million", "52,310". */
static const char *residents(double x, char buf[40])
{
    if (x >= 1e6) snprintf(buf, 40, "%.1f million", x / 1e6);
    else sl_thousands(llround(x), buf);
    return buf;
}

/* Events in a small part of the study areas (SL_DISPARITY_REACH): the
** figures then set those places against every study area. */
static void narrow_reach(const sl_disparity_result *r, char *text, size_t len)
{
    char k[32], n[32], in[40], all[40];
    double share = r->residents > 0 ? r->reach_residents / r->residents : NAN;
    if (!(share < SL_DISPARITY_REACH) || !(r->reach_expected >= SL_DISPARITY_REACH_SPARSE * share)) return;
    snprintf(text, len, "The events lie in %s of the %s study areas, holding %s of their %s residents (%.1f%%; as "
             "many events placed by population would lie in areas holding about %.0f%%): the figures compare those "
             "places with every study area, not the events with where they could have occurred. Restrict the study "
             "areas to where events could occur. See docs/methodology.md, \"Events in a small part of the study "
             "areas\".", sl_thousands((long long)r->reach_areas, k), sl_thousands((long long)r->area_count, n),
             residents(r->reach_residents, in), residents(r->residents, all), 100 * share, 100 * r->reach_expected);
}

/* Requests whose footprints spread over many areas (SL_DISPARITY_SPREAD). */
static void wide_footprints(const sl_disparity_result *r, char *text, size_t len)
{
    if (!(r->spread > SL_DISPARITY_SPREAD)) return;
    snprintf(text, len, "Each event is split over about %.0f areas on average (by ground area): the intervals and p "
             "treat each event as a point placed by population and overstate significance for footprints this large "
             "(in simulation, p <= 0.05 in about 40%% of runs with no bias). See docs/methodology.md, \"Large "
             "footprints\".", r->spread);
}

/* Intervals and p drawn too few times (SL_DISPARITY_FEW_DRAWS). */
static void few_draws(const sl_disparity_result *r, char *text, size_t len)
{
    char b[32], p[32];
    if (!r->events || (r->bootstrap >= SL_DISPARITY_FEW_DRAWS && r->permutations >= SL_DISPARITY_FEW_DRAWS)) return;
    snprintf(text, len, "The intervals rest on %s bootstrap resample%s and the p-values on %s placebo draw%s: too few "
             "to quote (the default is 2,000 of each); another seed moves them.", sl_thousands((long long)r->bootstrap, b),
             r->bootstrap == 1 ? "" : "s", sl_thousands((long long)r->permutations, p), r->permutations == 1 ? "" : "s");
}

/* The Monte Carlo error of group G's p when the draws cannot place that p
** on either side of SL_DISPARITY_ALPHA; 0 when they can. */
static double near_alpha(const sl_disparity_result *r, int g)
{
    double p = r->groups[g].p_value, se = sl_p_mc_se(p, r->permutations);
    if (!r->groups[g].present || !isfinite(se) || fabs(p - SL_DISPARITY_ALPHA) > SL_DISPARITY_MC_NEAR * se) return 0;
    return se;
}

/* p-values too near SL_DISPARITY_ALPHA for their Monte Carlo error: the
** seed decides on which side they fall. (Under SL_DISPARITY_FEW_DRAWS
** draws few_draws says more.) */
static void p_near_alpha(const sl_disparity_result *r, char *text, size_t len)
{
    char names[200] = "", ps[160] = "", buf[40], m[32];
    int k = 0, shown = 0;
    double widest = 0;
    if (r->permutations < SL_DISPARITY_FEW_DRAWS) return;
    for (int g = 0; g < SL_GROUP_COUNT; g++)
        if (near_alpha(r, g) > 0) k++, widest = fmax(widest, near_alpha(r, g));
    for (int g = 0; k && g < SL_GROUP_COUNT; g++) {
        if (!(near_alpha(r, g) > 0)) continue;
        const char *sep = ++shown == 1 ? "" : shown == k ? " and " : ", ";
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", sep, sl_group_label(sl_group_name((sl_group)g)));
        snprintf(ps + strlen(ps), sizeof ps - strlen(ps), "%s%s", sep,
                 sl_format_p(r->groups[g].p_value, 1.0 / ((double)r->permutations + 1), buf));
    }
    if (!k) return;
    /* ten times the draws: an error a third as large */
    snprintf(text, len, "The p-value%s of %s (%s) lie%s within two Monte Carlo standard errors (about %.4f, from %s "
             "placebo draws) of %.2f: the draws cannot tell on which side of %.2f %s, and another seed can move %s "
             "across. More draws narrow the error as 1 / sqrt(draws): --permutations %zu (`sightline disparity`; "
             "the audit's --bootstrap sets both) gives about %.4f.",
             k == 1 ? "" : "s", names, ps, k == 1 ? "s" : "", widest, sl_thousands((long long)r->permutations, m),
             SL_DISPARITY_ALPHA, SL_DISPARITY_ALPHA, k == 1 ? "it lies" : "they lie", k == 1 ? "it" : "them",
             r->permutations * 10, widest / sqrt(10.0));
}

/* The caution of a result, or NULL: its sentences, one per reason, in a
** fixed order. It is data, not a log line, so the table, the report and
** the page all print the same words beside the figures they qualify. */
static json_t *caveat(const sl_disparity_result *r)
{
    void (*const reasons[])(const sl_disparity_result *, char *, size_t) = {narrow_reach, few_places,
                                                                             wide_footprints, few_draws, p_near_alpha};
    char all[2048] = "", one[600] = "";
    few_events(r, all, sizeof all);
    for (size_t i = 0; r->events && i < sizeof reasons / sizeof *reasons; i++) {
        one[0] = 0;
        reasons[i](r, one, sizeof one);
        if (one[0]) snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", all[0] ? " " : "", one);
    }
    return all[0] ? json_string(all) : NULL;
}

json_t *sl_disparity_to_json(const sl_disparity_result *r)
{
    json_t *o = json_object(), *groups = json_array();
    if (!o || !groups) goto fail;
    int bad = set(o, "events", json_integer((json_int_t)r->events));
    bad |= set(o, "events_outside", json_integer((json_int_t)r->events_outside));
    bad |= set(o, "weight", number(r->weight));
    bad |= set(o, "weight_no_residents", number(r->weight_no_residents));
    /* a share weighs events by their areas' residents: those in areas of
    ** none (a park, an airport tract) are in no share, and the count of
    ** events beside the table must not let a reader think otherwise */
    if (r->weight_no_residents >= 0.05) {
        char n[40], text[200];
        double w = r->weight_no_residents; /* whole unless requests were split */
        snprintf(text, sizeof text, "%s of the events lie in areas with no residents, so no share counts them",
                 w == floor(w) ? sl_thousands((long long)w, n) : sl_readable(w, n));
        bad |= set(o, "no_residents_note", json_string(text));
    }
    bad |= set(o, "baseline", json_string(r->baseline ? r->baseline : ""));
    bad |= set(o, "seed", json_integer((json_int_t)r->seed));
    bad |= set(o, "bootstrap", json_integer((json_int_t)r->bootstrap));
    bad |= set(o, "permutations", json_integer((json_int_t)r->permutations));
    bad |= set(o, "confidence", number(r->confidence));
    bad |= set(o, "exposure_per_1000", number(r->exposure));
    bad |= set(o, "dissimilarity", number(r->dissimilarity));
    bad |= set(o, "dissimilarity_null", number(r->dissimilarity_null));
    if (r->events && r->spread > SL_DISPARITY_D_SPREAD && isnan(r->dissimilarity_null)) {
        char text[300];
        snprintf(text, sizeof text, "no figure by chance alone: these events are split over about %.0f areas each, "
                 "and their pieces placed by population, without the footprints' shape, give too low a D to compare "
                 "(docs/methodology.md, \"Dissimilarity index D\")", r->spread);
        bad |= set(o, "dissimilarity_null_note", json_string(text));
    }
    bad |= set(o, "few_residents_under", json_integer(SL_FEW_RESIDENTS)); /* areas[].few_residents */
    /* what each p-value tests, in words, so no reader takes it for a test
    ** against a national baseline printed beside it */
    bad |= set(o, "p_null", json_string(r->by_place ? "places, each with all its events, placed in proportion to "
                                                      "population within the study areas"
                                                    : "events placed in proportion to population within the study areas"));
    if (r->by_place) bad |= set(o, "by_place", json_true()); /* the draws resampled and placed places */
    bad |= set(o, "p_compares", json_string("share against population_share (the study areas), not baseline"));
    if (r->places) {
        bad |= set(o, "places", json_integer((json_int_t)r->places));
        bad |= set(o, "effective_places", number(r->effective_places));
    }
    if (r->spread > 1) bad |= set(o, "footprint_areas", number(r->spread));
    json_t *c = caveat(r);
    if (c) bad |= set(o, "caveat", c);
    if (bad) goto fail;
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        if (!r->groups[g].present) continue;
        json_t *gj = group_json((sl_group)g, &r->groups[g], r->permutations, r->other_baseline);
        if (!gj || json_array_append_new(groups, gj)) goto fail;
    }
    if (json_object_set_new(o, "groups", groups)) {
        groups = NULL;
        goto fail;
    }
    groups = NULL;
    if (set(o, "areas", areas_json(r))) goto fail;
    return o;
fail:
    json_decref(groups);
    json_decref(o);
    return NULL;
}

/* X (a share) in points to one decimal, a gap under 0.05 pt as +0.0: "%+.1f"
** of -0.0001 printed "-0.0 pt of where the events fall", a sign that no
** figure at that precision has (run of 2026-12-06, foreign born over US
** counties, 13.054% against 13.055%). */
static double pt(double x)
{
    double v = 100 * x; /* printf's own rounding kept: only the sign of a zero changes */
    return fabs(v) < 0.05 ? 0 : v;
}

/* One group's part of the baseline note into TEXT (appended): its share of
** the study areas' residents against the baseline's, the part of the
** difference that is the study areas' own, and the comparison with them. */
static void group_note(json_t *g, long long draws, char *text, size_t len)
{
    double pop = sl_json_num_or_nan(g, "population_share"), base = sl_json_num_or_nan(g, "baseline");
    double diff = sl_json_num_or_nan(g, "difference"), own = sl_json_num_or_nan(g, "areas_difference");
    double lo = sl_json_num_or_nan(g, "areas_difference_ci_low"), hi = sl_json_num_or_nan(g, "areas_difference_ci_high");
    char ci[96] = "no interval", p[40];
    if (!isfinite(pop) || !isfinite(base) || !isfinite(diff) || !isfinite(own)) return;
    if (isfinite(lo) && isfinite(hi)) snprintf(ci, sizeof ci, "95%% interval %+.1f to %+.1f pt", pt(lo), pt(hi));
    sl_format_p(sl_json_num_or_nan(g, "p_value"), draws > 0 ? 1.0 / ((double)draws + 1) : 0, p);
    size_t used = strlen(text);
    snprintf(text + used, len - used,
             " %s: %.1f%% of the study areas' residents against %.1f%% of the baseline's, so the %+.1f pt from "
             "the baseline are %+.1f pt of who lives in the study areas and %+.1f pt of where the events fall "
             "within them (%s; p %s%s).",
             sl_group_label(sl_json_str(g, "group")), 100 * pop, 100 * base, pt(diff), pt(pop - base), pt(own), ci,
             p[0] == '<' ? "" : "= ", p);
}

int sl_disparity_baseline_note(json_t *r)
{
    json_t *groups = json_object_get(r, "groups"), *g;
    size_t i;
    int differs = 0;
    json_array_foreach(groups, i, g) {
        double pop = sl_json_num_or_nan(g, "population_share"), base = sl_json_num_or_nan(g, "baseline");
        differs |= json_object_get(g, "areas_difference") && fabs(pop - base) >= SL_DISPARITY_BASELINE_GAP;
    }
    if (!differs) return 0;
    char text[2400] = "The study areas' residents are not the baseline's, so a difference from the baseline mixes "
                      "in who lives in the study areas.";
    json_array_foreach(groups, i, g) group_note(g, sl_json_int(r, "permutations"), text, sizeof text);
    size_t used = strlen(text);
    snprintf(text + used, sizeof text - used,
             " The comparison with the study areas (the second figure, the one p tests) is the one that measures "
             "where the events fall within them; the difference from the baseline is no measure of it.");
    return set(r, "baseline_note", json_string(text));
}
