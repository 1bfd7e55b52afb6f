/*
** published.c — figures of cameras and posts as the report publishes them,
** for the dashboard's visitors from outside (web/api.c, published=1): the
** exact ones answer only on the machine running sightline serve.
**
** The disparity of cameras is `sightline disparity --events cameras --areas
** SET` at the report's own parameters (baseline the study areas, the
** report's seed and draws, events not by place); the counts of posts or
** cameras per area are the report's join (posts counted through the
** cameras they make). Their per-area rows go through the very code that
** withholds them in summary.json (sl_privacy_area_rows, the rule within and
** across the store's area sets at the report's k). The cameras near each
** site are the report's own step (sl_audit_sites) at its two radii, over
** the sites it measures (a city's store: those inside its areas). So an
** answer holds nothing a default `sightline audit` of the store does not
** publish.
*/
#include "report_internal.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/store/store_layers.h"

#include <string.h>

/* The audit's privacy state alone, as a report of the whole store has it. */
static void published_audit(audit *a, sl_store *st)
{
    memset(a, 0, sizeof *a);
    a->st = st;
    a->o.k = SL_AUDIT_DEFAULT_K, a->o.seed = SL_AUDIT_DEFAULT_SEED, a->o.threads = 1;
}

/* R, its rows withheld by S's success, marked as the report's; *OUT gets
** it, or R is freed on a failure. */
static sl_status published_answer(audit *a, sl_status s, json_t *r, json_t **out, sl_error *err)
{
    sl_audit_privacy_free(a);
    sl_audit_cameras_free(a);
    if (!s && (json_object_set_new(r, "published", json_true()) ||
               json_object_set_new(r, "k", json_integer(SL_AUDIT_DEFAULT_K))))
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (s) json_decref(r);
    else *out = r;
    return s;
}

sl_status sl_report_disparity_published(sl_store *st, const char *set, json_t **out, sl_error *err)
{
    *out = NULL;
    /* the report's parameters, each fixed: another seed, baseline or weight
    ** would be another view of the same exact counts (methodology.md) */
    sl_disparity_query q = {.events = "cameras", .set = set, .baseline = "areas", .seed = SL_AUDIT_DEFAULT_SEED};
    json_t *r = NULL;
    sl_status s = sl_analysis_disparity(st, &q, &r, err);
    if (!s && !json_array_size(json_object_get(r, "groups")))
        s = sl_fail(err, SL_EDATA, NULL, 0, "area set '%s' carries no population by group: the report publishes no "
                    "disparity for it", set);
    audit a;
    published_audit(&a, st);
    if (!s) s = sl_privacy_area_rows(&a, set, NULL, json_object_get(r, "areas"), err);
    return published_answer(&a, s, r, out, err);
}

sl_status sl_report_join_published(sl_store *st, const char *set, const char *layer, json_t **out, sl_error *err)
{
    *out = NULL;
    if (strcmp(layer, "posts") && strcmp(layer, "cameras"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "the report's counts per area that are withheld under k are of posts "
                       "and cameras, not '%s'", layer);
    if (sl_analysis_need_points(st, layer, err)) return err->status;
    audit a;
    published_audit(&a, st);
    /* as the report joins it (collect_spatial.c's join_layer): one thread,
    ** no category or filter, posts through the cameras they make */
    sl_join_query q = {.layer = layer, .set = set, .threads = 1};
    sl_camera_locations located;
    json_t *r = NULL;
    sl_status s = strcmp(layer, "posts") ? SL_OK : sl_audit_posts_through_cameras(&a, set, &q, &located, err);
    if (!s) s = sl_analysis_join(st, &q, &r, err);
    if (!s) s = sl_privacy_area_rows(&a, set, layer, json_object_get(r, "areas"), err);
    return published_answer(&a, s, r, out, err);
}

/* What the report's sites step reads before it runs: the layers' counts
** and, for a city's or a county's store, its local study (as
** sl_audit_areas sets them), into A's summary; the map it draws into. */
static sl_status sites_inputs(audit *a, sl_error *err)
{
    static const char *const LAYERS[] = {"posts", "cameras", "sites"};
    long n[3] = {0, 0, 0};
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < 3; i++) s = sl_store_count_points(a->st, LAYERS[i], NULL, &n[i], err);
    a->summary = json_pack("{s:[]}", "skipped"); /* sl_audit_skip's */
    a->map = json_pack("{s:[]}", "sites");
    if (!s && (!a->summary || !a->map)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) sl_jset(a->summary, "layers", json_pack("{s:I, s:I, s:I}", "posts", (json_int_t)n[0], "cameras",
                                                    (json_int_t)n[1], "sites", (json_int_t)n[2]), &a->bad);
    sl_arena arena = {0};
    const char **sets = NULL;
    size_t m = 0;
    json_t *local = NULL;
    if (!s) s = sl_store_area_sets(a->st, &arena, &sets, &m, err);
    if (!s && m) s = sl_local_study(a->st, sets, m, &local, err);
    if (!s && local) sl_jset(a->summary, "local_areas", local, &a->bad);
    sl_arena_free(&arena);
    return s;
}

sl_status sl_report_near_published(sl_store *st, double radius_m, json_t **out, sl_error *err)
{
    *out = NULL;
    if (radius_m != SL_AUDIT_NEAR_SMALL_M && radius_m != SL_AUDIT_NEAR_LARGE_M)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "published=1 is the report's count of cameras near each site, within "
                       "%.0f m or %.0f m: radius %g is neither", SL_AUDIT_NEAR_SMALL_M, SL_AUDIT_NEAR_LARGE_M, radius_m);
    audit a;
    published_audit(&a, st);
    a.o.near_m[0] = SL_AUDIT_NEAR_SMALL_M, a.o.near_m[1] = SL_AUDIT_NEAR_LARGE_M;
    sl_status s = sites_inputs(&a, err);
    if (!s) s = sl_audit_sites(&a, err);
    json_t *both = json_object_get(a.summary, "sites"), *r = json_array_get(both, radius_m == SL_AUDIT_NEAR_SMALL_M ? 0 : 1);
    if (!s && a.bad) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s && !r) { /* skipped: the report says why (no sites, no cameras) */
        json_t *skip = json_array_get(json_object_get(a.summary, "skipped"), 0);
        s = sl_fail(err, SL_EDATA, NULL, 0, "the report publishes no cameras near sites for this store: %s",
                    skip ? sl_json_str(skip, "why") : "nothing to measure");
    }
    if (!s) json_incref(r);
    json_decref(a.summary);
    json_decref(a.map);
    return published_answer(&a, s, s ? NULL : r, out, err);
}
