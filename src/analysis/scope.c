/*
** scope.c — a study's areas as a scope for point layers (see
** include/sightline/analysis/analyses.h).
**
** A city's analyst imports the city's tracts beside national lists: the
** registry, ICE's detention sites. Measured against cameras that only the
** city's posts locate, a site in Alaska "has no camera within 43 km": a
** figure about where the data stops, not about the site. So a study of
** local areas measures the sites inside them, and says how many it left out.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/core/area.h"
#include "sightline/core/json_build.h"
#include "sightline/core/text.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "sightline/store/store_layers.h"
#include "analysis_internal.h"

#include <math.h>
#include <stdlib.h>

sl_status sl_points_keep_in_sets(sl_store *st, const char *const *sets, size_t nsets, const char *states, sl_points *p,
                                 size_t *dropped, sl_error *err)
{
    *dropped = 0;
    unsigned char *keep = calloc(p->n + 1, 1);
    if (!keep) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory for %zu points", p->n);
    sl_status s = SL_OK;
    for (size_t k = 0; !s && k < nsets; k++) {
        sl_area_list areas = {0};
        sl_polyset *ps;
        sl_pip *pip;
        if ((s = sl_area_index_load(st, sets[k], &areas, &ps, &pip, err))) break;
        for (size_t i = 0; i < p->n; i++) {
            if (keep[i]) continue;
            int32_t at = sl_pip_locate(pip, p->lon[i], p->lat[i]);
            /* a state's report: the area's state by its FIPS id, none when it has none */
            const char *code = at >= 0 && states ? sl_fips_state(areas.items[at].id) : NULL;
            if (at >= 0 && (!states || (code && sl_list_has(states, code, 0)))) keep[i] = 1;
        }
        sl_area_index_free(&areas, ps, pip);
    }
    if (!s) *dropped = sl_points_keep(p, keep);
    free(keep);
    return s;
}

/* The lon/lat box of every area of the NSETS sets SETS, read from the
** store's extents: BOX is {west, south, east, north}, all NAN when the sets
** hold no area. */
static sl_status sets_box(sl_store *st, const char *const *sets, size_t nsets, double box[4], sl_error *err)
{
    box[0] = box[1] = INFINITY, box[2] = box[3] = -INFINITY;
    for (size_t k = 0; k < nsets; k++) {
        double b[4];
        sl_status s = sl_store_area_set_extent(st, sets[k], b, err);
        if (s) return s;
        if (!(b[0] <= b[2])) continue; /* no area */
        box[0] = fmin(box[0], b[0]), box[1] = fmin(box[1], b[1]);
        box[2] = fmax(box[2], b[2]), box[3] = fmax(box[3], b[3]);
    }
    if (!(box[0] <= box[2])) box[0] = box[1] = box[2] = box[3] = NAN;
    return SL_OK;
}

/* 1 when BOX (sets_box) is a local study's (NAN: 0). */
static int box_is_local(const double box[4])
{
    return box[2] - box[0] < SL_LOCAL_AREAS_DEG && box[3] - box[1] < SL_LOCAL_AREAS_DEG;
}

/* Add the states of SET's areas to STATES (sl_local_study), unless one of
** its ids is no county's or tract's: a stray five-digit id in a set of
** districts is not read as a county. */
static sl_status set_states(sl_store *st, const char *set, json_t *states, int *bad, sl_error *err)
{
    sl_arena arena = {0};
    const char **ids;
    size_t n;
    sl_status s = sl_store_area_ids(st, set, &arena, &ids, &n, err);
    size_t known = 0;
    while (!s && known < n && sl_fips_state(ids[known])) known++;
    for (size_t i = 0; !s && n && known == n && i < n; i++) {
        const char *code = sl_fips_state(ids[i]);
        sl_jset(states, code, json_integer(json_integer_value(json_object_get(states, code)) + 1), bad);
    }
    sl_arena_free(&arena);
    return s;
}

sl_status sl_local_study(sl_store *st, const char *const *sets, size_t nsets, json_t **out, sl_error *err)
{
    double box[4];
    *out = NULL;
    sl_status s = sets_box(st, sets, nsets, box, err);
    if (s || !box_is_local(box)) return s;
    int bad = 0;
    json_t *names = sl_jok(json_array(), &bad), *states = sl_jok(json_object(), &bad);
    for (size_t i = 0; i < nsets; i++) sl_jpush(names, json_string(sets[i]), &bad);
    for (size_t i = 0; !s && states && i < nsets; i++) s = set_states(st, sets[i], states, &bad, err);
    *out = json_pack("{s:o, s:[f, f, f, f]}", "sets", names, "box", box[0], box[1], box[2], box[3]);
    if (*out && json_object_size(states)) sl_jset(*out, "states", json_incref(states), &bad);
    json_decref(states);
    if (!s && (bad || !*out)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory describing the study's areas");
    if (s) json_decref(*out), *out = NULL;
    return s;
}
