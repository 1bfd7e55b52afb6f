/*
** join.c — points per area (see include/sightline/analyses.h).
**
** Areas come from the store as WKB, are indexed once (pip.h) and every point
** is located on all cores; density is per geodesic km² and per 1,000
** residents, so areas of different size and population compare.
*/
#include "sightline/analyses.h"
#include "sightline/pip.h"
#include "sightline/store_layers.h"
#include "analysis_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_area_index_load(sl_store *st, const char *set, sl_area_list *areas,
                             sl_polyset **ps, sl_pip **pip, sl_error *err)
{
    *ps = NULL;
    *pip = NULL;
    sl_status s = sl_store_load_areas(st, set, areas, err);
    if (s) return s;
    s = sl_polyset_new(ps, err);
    for (size_t i = 0; !s && i < areas->count; i++)
        s = sl_polyset_add_wkb(*ps, areas->items[i].id, areas->items[i].wkb, areas->items[i].wkb_len, err);
    if (!s) s = sl_pip_build(*ps, NULL, pip, err);
    if (s) sl_area_index_free(areas, *ps, *pip);
    return s;
}

void sl_area_index_free(sl_area_list *areas, sl_polyset *ps, sl_pip *pip)
{
    sl_pip_free(pip);
    sl_polyset_free(ps);
    sl_area_list_free(areas);
}

static json_t *number_or_null(double v) { return isfinite(v) ? json_real(v) : json_null(); }

static json_t *area_rows(const sl_area_list *areas, const uint64_t *counts)
{
    json_t *list = json_array();
    for (size_t i = 0; i < areas->count; i++) {
        const sl_area *a = &areas->items[i];
        double c = (double)counts[i];
        double per_1000 = a->pop > 0 ? 1000.0 * c / a->pop : NAN;
        json_t *row = json_pack("{s:s, s:s, s:I}", "id", a->id, "name", a->name, "count", (json_int_t)counts[i]);
        json_object_set_new(row, "per_km2", number_or_null(a->area_km2 > 0 ? c / a->area_km2 : NAN));
        json_object_set_new(row, "per_1000", number_or_null(per_1000));
        json_array_append_new(list, row);
    }
    return list;
}

sl_status sl_analysis_join(sl_store *st, const sl_join_query *q, json_t **out, sl_error *err)
{
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
    sl_points pts;
    *out = NULL;
    sl_status s = sl_load_layer(st, q->layer, q->category, q->where, &pts, err);
    if (s) return s;
    if ((s = sl_area_index_load(st, q->set, &areas, &ps, &pip, err))) {
        sl_points_free(&pts);
        return s;
    }
    uint64_t *counts = calloc(areas.count + 1, sizeof *counts), outside = 0;
    if (!counts) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) s = sl_pip_count(pip, pts.lon, pts.lat, pts.n, q->threads, counts, &outside, err);
    if (!s) {
        *out = json_pack("{s:s, s:s, s:I, s:I}", "set", q->set, "layer", q->layer, "points",
                         (json_int_t)pts.n, "outside", (json_int_t)outside);
        if (q->category) json_object_set_new(*out, "category", json_string(q->category));
        if (q->where) json_object_set_new(*out, "where", json_string(q->where));
        json_object_set_new(*out, "areas", area_rows(&areas, counts));
    }
    free(counts);
    sl_points_free(&pts);
    sl_area_index_free(&areas, ps, pip);
    return s;
}

/* Group counts of the set; a group no area knows is left out (NULL). */
static sl_status build_table(sl_area_inputs *in, sl_error *err)
{
    size_t n = in->areas.count;
    in->ids = calloc(n + 1, sizeof *in->ids);
    in->pop = calloc(n + 1, sizeof *in->pop);
    for (int g = 0; g < SL_GROUP_COUNT; g++) in->groups[g] = calloc(n + 1, sizeof *in->groups[g]);
    if (!in->ids || !in->pop || !in->groups[0] || !in->groups[1] || !in->groups[2] || !in->groups[3])
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    int known[SL_GROUP_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        const sl_area *a = &in->areas.items[i];
        double v[SL_GROUP_COUNT] = {a->black, a->hispanic, a->foreign_born, a->white_nh};
        in->ids[i] = a->id;
        in->pop[i] = isfinite(a->pop) ? a->pop : 0;
        for (int g = 0; g < SL_GROUP_COUNT; g++) {
            in->groups[g][i] = v[g];
            known[g] |= isfinite(v[g]);
        }
    }
    in->table.count = n;
    in->table.ids = in->ids;
    in->table.pop = in->pop;
    for (int g = 0; g < SL_GROUP_COUNT; g++) in->table.group[g] = known[g] ? in->groups[g] : NULL;
    return SL_OK;
}

sl_status sl_area_inputs_load(sl_store *st, const char *set, sl_area_inputs *in, sl_error *err)
{
    memset(in, 0, sizeof *in);
    sl_status s = sl_area_index_load(st, set, &in->areas, &in->ps, &in->pip, err);
    if (s) return s;
    s = build_table(in, err);
    if (s) sl_area_inputs_free(in);
    return s;
}

void sl_area_inputs_free(sl_area_inputs *in)
{
    free(in->ids);
    free(in->pop);
    for (int g = 0; g < SL_GROUP_COUNT; g++) free(in->groups[g]);
    free(in->rows);
    if (in->ps) sl_area_index_free(&in->areas, in->ps, in->pip);
    memset(in, 0, sizeof *in);
}
