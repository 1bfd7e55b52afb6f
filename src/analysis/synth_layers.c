/*
** synth_layers.c — synthetic layers with a planted bias, written into the
** store like any import, and the power estimate (see analyses.h).
**
** The point of a planted bias is a known answer: a disparity analysis run on
** these events should find the ratio the simulation put in, within its
** interval. Points are drawn uniformly inside their area by rejection against
** the same PIP index the analyses use.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/ingest/requests.h"
#include "sightline/core/sha256.h"
#include "sightline/analysis/synth.h"
#include "analysis_internal.h"

#include <gsl/gsl_rng.h>
#include <math.h>
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

/* Choose an area per event, then a point inside it: XY gets 2 per event. */
static sl_status place(sl_area_inputs *in, const sl_synth_query *q, int group, uint64_t seed, double *xy,
                       size_t *area_of, sl_error *err)
{
    sl_status s = sl_synth_events(&in->table, group < 0 ? SL_GROUP_BLACK : (sl_group)group,
                                  group < 0 ? 0 : q->beta, q->count, seed, area_of, err);
    for (size_t i = 0; !s && i < q->count; i++) {
        const sl_area *a = &in->areas.items[area_of[i]];
        inside_ctx c = {in->pip, (int32_t)area_of[i]};
        s = sl_synth_points(a->minx, a->miny, a->maxx, a->maxy, inside_area, &c, 1,
                            sl_seed_mix(seed, i + 1), xy + 2 * i, err);
    }
    return s;
}

static sl_status store_points(sl_store *st, const char *layer, long source_id, const double *xy, size_t n,
                              sl_error *err)
{
    sl_points p;
    sl_points_init(&p);
    p.source_id = source_id;
    sl_status s = sl_points_reserve(&p, n, err);
    for (size_t i = 0; !s && i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "synthetic-%zu", i + 1);
        s = sl_points_push(&p, xy[2 * i], xy[2 * i + 1], SL_TIME_NONE, id, "synthetic post", NULL, err);
    }
    if (!s) s = sl_store_add_points(st, layer, NULL, &p, err);
    sl_points_free(&p);
    return s;
}

static sl_status store_requests(sl_store *st, long source_id, const double *xy, size_t n, double radius,
                                sl_error *err)
{
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "synthetic-%zu", i + 1);
        sl_request r = {.source_id = source_id, .line = (long)i + 1, .record_id = id,
                        .agency = "Synthetic Police Department (synthetic)", .state = "",
                        .lat = xy[2 * i + 1], .lon = xy[2 * i], .radius_m = radius > 0 ? radius : NAN,
                        .recipients = NAN, .videos = NAN};
        s = sl_store_add_request(st, &r, err);
    }
    return s;
}

/* Fictional agencies at the drawn points; about a third partnered with a
** camera vendor at a random month between March 2018 and October 2020. */
static sl_status store_agencies(sl_store *st, long source_id, const double *xy, size_t n, uint64_t seed,
                                sl_error *err)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    gsl_rng_set(rng, (unsigned long)seed);
    sl_agency_list reg = {0};
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < n; i++) {
        char name[96], ori[24];
        int county = gsl_rng_uniform(rng) < 0.2;
        snprintf(name, sizeof name, "Synthetic %s %zu %s (synthetic)", county ? "County" : "City", i + 1,
                 county ? "Sheriff's Office" : "Police Department");
        snprintf(ori, sizeof ori, "SY%07zu", i + 1);
        sl_agency a = {.source_id = source_id, .line = (long)i + 1, .ori = ori, .name = name,
                       .type = county ? "County" : "City", .county = "", .state = "ZZ",
                       .lat = xy[2 * i + 1], .lon = xy[2 * i], .has_location = 1};
        s = sl_store_add_agency(st, &a, err);
    }
    if (!s) s = sl_store_load_agencies(st, &reg, err);
    for (size_t i = 0; !s && i < reg.count; i++) {
        const sl_agency *a = &reg.items[i];
        if (a->source_id != source_id || gsl_rng_uniform(rng) >= 1.0 / 3) continue;
        int month = 3 + (int)gsl_rng_uniform_int(rng, 32); /* 2018-03 .. 2020-10 */
        sl_partnership p = {.source_id = source_id, .line = a->line, .snapshot = "2020-12-31",
                            .record_id = a->ori, .agency = a->name, .city = "", .county = "", .state = "ZZ",
                            .agency_type = strcmp(a->type, "County") ? "Police" : "Sheriff",
                            .technology = "Ring/Neighbors Partnership", .vendor = "Ring",
                            .summary = "Synthetic partnership.",
                            .start = {2018 + (month - 1) / 12, 1 + (month - 1) % 12, 1 + (int)gsl_rng_uniform_int(rng, 28), SL_PREC_DAY},
                            .agency_id = a->id, .link_method = "exact", .link_score = 1};
        s = sl_store_add_partnership(st, &p, err);
    }
    sl_agency_list_free(&reg);
    gsl_rng_free(rng);
    return s;
}

static sl_status record(sl_store *st, const sl_synth_query *q, uint64_t seed, const double *xy, sl_error *err)
{
    /* No file: the source's sha256 is that of the generating parameters, so
    ** the same request is recognizable and every source carries a real hash. */
    char name[128], recipe[512], sha[65];
    snprintf(name, sizeof name, "synthetic-%s-%s-seed%llu", q->layer, q->set, (unsigned long long)seed);
    snprintf(recipe, sizeof recipe, "synthetic:%s:%s:%s:%zu:%.17g:%.17g:%llu", q->layer, q->set,
             q->group ? q->group : "none", q->count, q->beta, q->radius_m, (unsigned long long)seed);
    if (sl_sha256_buffer(recipe, strlen(recipe), sha)) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    sl_source src = {.kind = q->layer, .file_name = name, .sha256 = sha, .snapshot = "", .options = "{\"synthetic\":true}",
                     .rows = (long)q->count};
    sl_status s = sl_store_begin(st, err);
    if (!s) s = sl_store_add_source(st, &src, err);
    if (!s && strcmp(q->layer, "requests") == 0) s = store_requests(st, src.id, xy, q->count, q->radius_m, err);
    else if (!s && strcmp(q->layer, "agencies") == 0) s = store_agencies(st, src.id, xy, q->count, seed, err);
    else if (!s) s = store_points(st, q->layer, src.id, xy, q->count, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    return s;
}

static sl_status check(const sl_synth_query *q, int *group, sl_error *err)
{
    *group = q->group ? sl_group_from_name(q->group) : -1;
    if (q->group && *group < 0) return sl_fail(err, SL_EUSAGE, NULL, 0, "unknown group '%s'", q->group);
    if (!q->layer || (strcmp(q->layer, "requests") && strcmp(q->layer, "posts") && strcmp(q->layer, "cameras") &&
                      strcmp(q->layer, "agencies")))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--layer is requests, posts, cameras or agencies");
    if (q->count == 0 || q->count > 100000000) return sl_fail(err, SL_EUSAGE, NULL, 0, "--count must be 1..100000000");
    if (!(q->beta >= 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "--beta must be >= 0");
    return SL_OK;
}

sl_status sl_synth_layer(sl_store *st, const sl_synth_query *q, json_t **out, sl_error *err)
{
    int group;
    sl_area_inputs in;
    *out = NULL;
    sl_status s = check(q, &group, err);
    if (s || (s = sl_area_inputs_load(st, q->set, &in, err))) return s;
    uint64_t seed = q->seed ? q->seed : 2018;
    double *xy = malloc((2 * q->count + 2) * sizeof *xy);
    size_t *area_of = malloc((q->count + 1) * sizeof *area_of);
    if (!xy || !area_of) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s && group >= 0 && !in.table.group[group])
        s = sl_fail(err, SL_EDATA, NULL, 0, "area set '%s' has no %s counts", q->set, q->group);
    if (!s) s = place(&in, q, group, seed, xy, area_of, err);
    if (!s) s = record(st, q, seed, xy, err);
    if (!s) {
        *out = json_pack("{s:s, s:s, s:I, s:s?, s:f, s:I}", "layer", q->layer, "set", q->set, "count",
                         (json_int_t)q->count, "group", q->group, "beta", q->beta, "seed", (json_int_t)seed);
        if (group >= 0) {
            json_object_set_new(*out, "population_share", json_real(sl_population_share(&in.table, (sl_group)group)));
            json_object_set_new(*out, "expected_share",
                                json_real(sl_synth_expected_share(&in.table, (sl_group)group, q->beta, (sl_group)group)));
        }
    }
    free(xy);
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
    if (!s && !(*out = sl_power_to_json(&opt, &res))) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) json_object_set_new(*out, "set", json_string(set));
    sl_area_inputs_free(&in);
    return s;
}
