/*
** synth_layers.c — synthetic layers with a planted bias (drawn here; the CLI
** stores them through ingest/synthetic.h as a source of their own), and the
** power estimate (see analyses.h).
**
** The point of a planted bias is a known answer: a disparity analysis run on
** these events should find the ratio the simulation put in, within its
** interval. Points are drawn uniformly inside their area by rejection against
** the same PIP index the analyses use.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/synth.h"
#include "analysis_internal.h"
#include "sightline/core/json_build.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct inside_ctx {
    const sl_pip *pip;
    int32_t area;
} inside_ctx;

static int inside_area(void *ctx, double x, double y)
{
    inside_ctx *c = ctx;
    return sl_pip_locate(c->pip, x, y) == c->area;
}

typedef struct place_job {
    sl_area_inputs *in;
    uint64_t seed;
    const size_t *area_of;
    double *xy;
    size_t from, to;
    sl_status s;
    sl_error err;
    const sl_progress *progress; /* the first half's job only: one thread tells */
    size_t total;
} place_job;

static void *place_range(void *arg)
{
    place_job *j = arg;
    for (size_t i = j->from; !j->s && i < j->to; i++) {
        /* the two halves go at one pace: twice this one's is about both's */
        if ((i & 0xffff) == 0 && i > j->from)
            sl_progress_tell(j->progress, "points placed", 2 * (uint64_t)(i - j->from), j->total);
        const sl_area *a = &j->in->areas.items[j->area_of[i]];
        inside_ctx c = {j->in->pip, (int32_t)j->area_of[i]};
        j->s = sl_synth_points(a->minx, a->miny, a->maxx, a->maxy, inside_area, &c, 1,
                               sl_seed_mix(j->seed, i + 1), j->xy + 2 * i, &j->err);
    }
    return NULL;
}

/* Choose an area per event, then a point inside it: XY gets 2 per event.
** Each point has its own generator, seeded from its index, so the two
** halves are placed on two threads with the points one thread would give
** (ten million posts for a national benchmark took over a minute on one). */
static sl_status place(sl_area_inputs *in, const sl_synth_query *q, int group, uint64_t seed, double *xy,
                       size_t *area_of, sl_error *err)
{
    sl_status s = sl_synth_events(&in->table, group < 0 ? SL_GROUP_BLACK : (sl_group)group,
                                  group < 0 ? 0 : q->beta, q->count, seed, area_of, err);
    if (s) return s;
    size_t half = q->count / 2;
    place_job jobs[2] = {{in, seed, area_of, xy, 0, half, SL_OK, {0}, &q->progress, q->count},
                         {in, seed, area_of, xy, half, q->count, SL_OK, {0}, NULL, q->count}};
    pthread_t thread;
    int threaded = q->count >= 10000 && pthread_create(&thread, NULL, place_range, &jobs[1]) == 0;
    place_range(&jobs[0]);
    if (threaded) pthread_join(thread, NULL);
    else place_range(&jobs[1]);
    for (int k = 0; k < 2; k++)
        if (jobs[k].s) {
            *err = jobs[k].err;
            return jobs[k].s;
        }
    return SL_OK;
}

static sl_status check(const sl_synth_query *q, int *group, sl_error *err)
{
    *group = q->group ? sl_group_from_name(q->group) : -1;
    if (q->group && *group < 0) return sl_fail(err, SL_EUSAGE, NULL, 0, "unknown group '%s'", q->group);
    if (!q->layer || (strcmp(q->layer, "requests") && strcmp(q->layer, "posts") && strcmp(q->layer, "cameras") &&
                      strcmp(q->layer, "agencies")))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--layer is requests, posts, cameras or agencies");
    if (q->count == 0 || q->count > 100000000) return sl_fail(err, SL_EUSAGE, NULL, 0, "--count must be 1..100000000");
    /* a negative beta plants a ratio under 1: sl_synth_probabilities refuses one that makes a weight negative */
    if (!isfinite(q->beta)) return sl_fail(err, SL_EUSAGE, NULL, 0, "--beta must be a number");
    return SL_OK;
}

sl_status sl_synth_layer(sl_store *st, const sl_synth_query *q, double **points, json_t **out, sl_error *err)
{
    int group;
    sl_area_inputs in;
    *out = NULL;
    *points = NULL;
    sl_status s = check(q, &group, err);
    if (s || (s = sl_area_inputs_load(st, q->set, &in, err))) return s;
    uint64_t seed = q->seed ? q->seed : 2018;
    double *xy = malloc((2 * q->count + 2) * sizeof *xy);
    size_t *area_of = malloc((q->count + 1) * sizeof *area_of);
    if (!xy || !area_of) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s && group >= 0 && !in.table.group[group])
        s = sl_fail(err, SL_EDATA, NULL, 0, "area set '%s' has no %s counts", q->set, q->group);
    if (!s) s = place(&in, q, group, seed, xy, area_of, err);
    if (!s) {
        int bad = 0;
        *out = json_pack("{s:s, s:s, s:I, s:s?, s:f, s:I}", "layer", q->layer, "set", q->set, "count",
                         (json_int_t)q->count, "group", q->group, "beta", q->beta, "seed", (json_int_t)seed);
        if (*out && group >= 0) {
            sl_jset(*out, "population_share",
                    sl_jok(json_real(sl_population_share(&in.table, (sl_group)group)), &bad), &bad);
            sl_jset(*out, "expected_share",
                    sl_jok(json_real(sl_synth_expected_share(&in.table, (sl_group)group, q->beta, (sl_group)group)),
                           &bad),
                    &bad);
        }
        s = sl_json_built(out, bad, err);
    }
    if (s) free(xy);
    else *points = xy;
    free(area_of);
    sl_area_inputs_free(&in);
    return s;
}

sl_status sl_analysis_power(sl_store *st, const char *set, const char *group, double ratio,
                            double alpha, double power, unsigned long seed,
                            void (*progress)(void *ctx, size_t evaluations, size_t events), void *progress_ctx,
                            json_t **out, sl_error *err)
{
    sl_area_inputs in;
    sl_power_options opt;
    sl_power_result res;
    *out = NULL;
    int g = group ? sl_group_from_name(group) : -1;
    if (g < 0) return sl_fail(err, SL_EUSAGE, NULL, 0, "--group is black, hispanic, foreign_born or white_nh");
    if (!(ratio > 0) || ratio == 1) return sl_fail(err, SL_EUSAGE, NULL, 0, "--effect wants a ratio > 0 other than 1");
    sl_status s = sl_area_inputs_load(st, set, &in, err);
    if (s) return s;
    sl_power_options_default(&opt);
    opt.group = (sl_group)g;
    opt.ratio = ratio;
    if (alpha > 0) opt.alpha = alpha;
    if (power > 0) opt.power = power;
    if (seed) opt.seed = seed;
    opt.progress = progress;
    opt.progress_ctx = progress_ctx;
    if (!in.table.group[g]) s = sl_fail(err, SL_EDATA, NULL, 0, "area set '%s' has no %s counts", set, group);
    if (!s) s = sl_power(&in.table, &opt, &res, err);
    if (!s) {
        int bad = 0;
        *out = sl_power_to_json(&opt, &res);
        if (*out) sl_jset(*out, "set", sl_jok(json_string(set), &bad), &bad);
        s = sl_json_built(out, bad, err);
    }
    sl_area_inputs_free(&in);
    return s;
}
