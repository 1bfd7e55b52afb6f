/*
** published_disparity.c — the disparity of cameras as the report publishes
** it, for the dashboard's visitors from outside (web/api.c, published=1).
**
** Its figures are `sightline disparity --events cameras --areas SET` at the
** report's own parameters (baseline the study areas, the report's seed and
** draws, events not by place), and its per-area rows go through the very
** code that withholds them in summary.json (sl_privacy_area_rows, the rule
** within and across the store's area sets at the report's k): so the answer
** holds nothing a default `sightline audit` of the store does not publish.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"

#include <string.h>

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
    /* the audit's privacy state alone, as a report of the whole store has it */
    audit a = {.st = st};
    a.o.k = SL_AUDIT_DEFAULT_K, a.o.seed = SL_AUDIT_DEFAULT_SEED, a.o.threads = 1;
    if (!s) s = sl_privacy_area_rows(&a, set, NULL, json_object_get(r, "areas"), err);
    sl_audit_privacy_free(&a);
    sl_audit_cameras_free(&a);
    if (!s && (json_object_set_new(r, "published", json_true()) ||
               json_object_set_new(r, "k", json_integer(SL_AUDIT_DEFAULT_K))))
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (s) json_decref(r);
    else *out = r;
    return s;
}
