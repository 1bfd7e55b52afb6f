/*
** collect_text.c — the audit's text filters: how many posts mention, say,
** children or teens, where (per area), and with --exact a few of their
** texts for the analyst to judge the filter by. Without --exact no text is
** published: residents' posts name streets, houses and children, and the
** report is made to be published. Texts are untrusted and leave only
** escaped.
**
** Each filter reads the posts' texts once, chunk by chunk, keeping only the
** posts that match; the per-area counts are of those.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* NULL when out of memory (the caller's json_pack then fails too). */
static json_t *sample_texts(const sl_points *p)
{
    int bad = 0;
    json_t *list = sl_jok(json_array(), &bad);
    for (size_t i = 0; i < p->n && i < SL_AUDIT_TEXTS_SHOWN; i++) {
        char when[32] = "";
        if (p->time[i] != SL_TIME_NONE) {
            time_t t = (time_t)p->time[i];
            strftime(when, sizeof when, "%Y-%m-%d", gmtime(&t));
        }
        sl_jpush(list, json_pack("{s:s, s:s, s:s}", "id", sl_points_id(p, i), "date", when, "text",
                                 sl_points_text(p, i)), &bad);
    }
    if (bad) json_decref(list);
    return bad ? NULL : list;
}

/* Per-area counts of the matching posts P, onto each set's map features,
** under the privacy rule (sl_privacy_filter_rows): LON, LAT are the N
** distinct locations of P, unused with --exact. */
static sl_status filter_by_area(audit *a, const sl_text_filter *f, const sl_points *p, const double *lon,
                                const double *lat, size_t n, json_t *fig, sl_error *err)
{
    size_t i;
    json_t *m, *per_set = json_object();
    sl_jset(fig, "by_set", per_set, &a->bad);
    json_array_foreach(json_object_get(a->map, "areas"), i, m) {
        const char *set = json_string_value(json_object_get(m, "set"));
        sl_join_query q = {.layer = "posts", .set = set, .where = f->pattern, .threads = a->o.threads, .selected = p};
        json_t *r;
        sl_status s = sl_analysis_join(a->st, &q, &r, err);
        if (!s) s = sl_privacy_filter_rows(a, set, lon, lat, n, json_object_get(r, "areas"), err);
        if (s) {
            json_decref(r);
            return s;
        }
        char key[96];
        snprintf(key, sizeof key, "filter_%s", f->name);
        json_t *features = json_object_get(json_object_get(m, "features"), "features"), *rows = json_object_get(r, "areas");
        for (size_t k = 0; k < json_array_size(rows) && k < json_array_size(features); k++) {
            json_t *props = json_object_get(json_array_get(features, k), "properties"), *row = json_array_get(rows, k);
            json_object_set(props, key, json_object_get(row, "count"));
            sl_privacy_withhold_as(props, key, row, "count");
        }
        sl_jset(per_set, set, json_pack("{s:O, s:O}", "points", json_object_get(r, "points"), "outside",
                                        json_object_get(r, "outside")), &a->bad);
        json_decref(r);
    }
    return SL_OK;
}

static sl_status one_filter(audit *a, const sl_text_filter *f, long total, sl_error *err)
{
    sl_points p;
    sl_status s = sl_load_layer(a->st, "posts", NULL, f->pattern, &p, err);
    if (s) return s;
    json_t *fig = json_pack("{s:s, s:s, s:I, s:I, s:o}", "name", f->name, "pattern", f->pattern, "posts",
                            (json_int_t)p.n, "of_posts", (json_int_t)total, "share",
                            sl_json_num_or_null(total ? (double)p.n / (double)total : NAN));
    if (a->o.exact)
        sl_jpush(a->posts_shown, json_pack("{s:s, s:o}", "filter", f->name, "posts", sample_texts(&p)), &a->bad);
    sl_jpush(json_object_get(a->summary, "filters"), fig, &a->bad);
    /* The texts are read once: every set counts the same matching posts,
    ** whose distinct locations the privacy rule counts. */
    double *lon = NULL, *lat = NULL;
    size_t n = 0;
    if (!a->o.exact) s = sl_privacy_locations(p.lon, p.lat, p.n, &lon, &lat, &n, err);
    if (!s) s = filter_by_area(a, f, &p, lon, lat, n, fig, err);
    free(lon);
    free(lat);
    sl_points_free(&p);
    return s;
}

sl_status sl_audit_filters(audit *a, sl_error *err)
{
    long total = (long)json_integer_value(json_object_get(json_object_get(a->summary, "layers"), "posts"));
    if (total == 0) {
        sl_audit_skip(a, "text filters", "no posts were supplied, so their texts could not be searched");
        return SL_OK;
    }
    sl_jset(a->summary, "filters", json_array(), &a->bad);
    size_t nd;
    const sl_text_filter *defaults = sl_audit_default_filters(&nd);
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < nd; i++) s = one_filter(a, &defaults[i], total, err);
    for (size_t i = 0; !s && i < a->o.nfilters; i++) s = one_filter(a, &a->o.filters[i], total, err);
    return s;
}
