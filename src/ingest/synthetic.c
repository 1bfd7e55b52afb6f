/*
** synthetic.c — simulated layers stored as their own source (see
** include/sightline/ingest/synthetic.h).
*/
#include "sightline/ingest/synthetic.h"
#include "sightline/core/sha256.h"
#include "sightline/store/requests.h"
#include "sightline/store/store_layers.h"
#include "source.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The recipe as sources.options: every parameter, so equal runs compare equal. */
static char *recipe_options(const sl_synthetic_recipe *r)
{
    char count[32], beta[32], radius[32], seed[32];
    snprintf(count, sizeof count, "%zu", r->count);
    snprintf(beta, sizeof beta, "%.17g", r->beta);
    snprintf(radius, sizeof radius, "%.17g", r->radius_m);
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    const char *const pairs[][2] = {{"beta", beta},   {"count", count}, {"group", r->group ? r->group : "none"},
                                    {"layer", r->layer}, {"radius_m", radius}, {"seed", seed},
                                    {"set", r->set},     {"synthetic", "true"}};
    return sl_import_options(pairs, sizeof pairs / sizeof pairs[0]);
}

sl_status sl_ingest_synthetic(sl_store *st, const sl_synthetic_recipe *r, const double *xy,
                              sl_import_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    /* No file: the source's sha256 is that of the generating parameters, so
    ** the same run is recognisable and every source carries a real hash. */
    char name[160], sha[65];
    snprintf(name, sizeof name, "synthetic-%s-%s-seed%llu", r->layer, r->set, (unsigned long long)r->seed);
    char *options = recipe_options(r);
    if (!options) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_sha256_buffer(options, strlen(options), sha);
    sl_status s = sl_store_begin(st, err);
    if (!s) s = sl_import_source(st, "synthetic", name, sha, "", options, 0, res, err);
    free(options);
    if (!s && res->already) {
        sl_store_rollback(st);
        return SL_OK;
    }
    if (!s && strcmp(r->layer, "requests") == 0) s = store_requests(st, res->source_id, xy, r->count, r->radius_m, err);
    else if (!s && strcmp(r->layer, "agencies") == 0) s = store_agencies(st, res->source_id, xy, r->count, r->seed, err);
    else if (!s) s = store_points(st, r->layer, res->source_id, xy, r->count, err);
    if (!s) s = sl_store_set_source_rows(st, res->source_id, (long)r->count, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    res->rows = s ? 0 : (long)r->count;
    return s;
}
