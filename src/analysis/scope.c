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
#include "sightline/geo/overlap.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "sightline/store/store_layers.h"
#include "analysis_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One set of a scope: its areas, their index, and which hold points. */
typedef struct scope_set {
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
    unsigned char *kept; /* a byte per area: in the states (every area without STATES) */
} scope_set;

struct sl_point_scope {
    scope_set *sets;
    size_t n;
};

void sl_point_scope_free(sl_point_scope *sc)
{
    if (!sc) return;
    for (size_t k = 0; k < sc->n; k++) {
        sl_area_index_free(&sc->sets[k].areas, sc->sets[k].ps, sc->sets[k].pip);
        free(sc->sets[k].kept);
    }
    free(sc->sets);
    free(sc);
}

sl_status sl_point_scope_open(sl_store *st, const char *const *sets, size_t nsets, const char *states,
                              sl_point_scope **out, sl_error *err)
{
    sl_point_scope *sc = calloc(1, sizeof *sc);
    *out = NULL;
    if (sc) sc->sets = calloc(nsets + 1, sizeof *sc->sets);
    if (!sc || !sc->sets) {
        free(sc);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    sl_status s = SL_OK;
    for (size_t k = 0; !s && k < nsets; k++) {
        scope_set *x = &sc->sets[k];
        if ((s = sl_area_index_load(st, sets[k], &x->areas, &x->ps, &x->pip, err))) break;
        sc->n++;
        if (!(x->kept = calloc(x->areas.count + 1, 1))) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        for (size_t i = 0; !s && i < x->areas.count; i++) {
            /* a state's report: the area's state by its FIPS id, none when it has none */
            const char *code = states ? sl_fips_state(x->areas.items[i].id) : NULL;
            x->kept[i] = !states || (code && sl_list_has(states, code, 0));
        }
    }
    if (s) sl_point_scope_free(sc);
    else *out = sc;
    return s;
}

void sl_point_scope_mark(const sl_point_scope *sc, const double *lon, const double *lat, size_t n,
                         unsigned char *keep)
{
    for (size_t k = 0; k < sc->n; k++) {
        const scope_set *x = &sc->sets[k];
        for (size_t i = 0; i < n; i++) {
            if (keep[i]) continue;
            int32_t at = sl_pip_locate(x->pip, lon[i], lat[i]);
            if (at >= 0 && x->kept[at]) keep[i] = 1;
        }
    }
}

/* How much of each placed request of L the split over set X puts in its
** kept areas, added to IN (a weight per request of L). */
static sl_status requests_in_set(const scope_set *x, const sl_request_list *l, double *in, sl_error *err)
{
    size_t n = x->areas.count, *at = calloc(l->count + 1, sizeof *at);
    const unsigned char **wkb = calloc(n + 1, sizeof *wkb);
    size_t *len = calloc(n + 1, sizeof *len);
    double *boxes = calloc(4 * n + 4, sizeof *boxes);
    sl_request_list placed = {.items = calloc(l->count + 1, sizeof *placed.items)};
    sl_event_row *rows = NULL;
    size_t nrows = 0;
    sl_status s = at && wkb && len && boxes && placed.items ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; !s && i < n; i++) {
        const sl_area *a = &x->areas.items[i];
        wkb[i] = a->wkb, len[i] = a->wkb_len;
        boxes[4 * i] = a->minx, boxes[4 * i + 1] = a->miny, boxes[4 * i + 2] = a->maxx, boxes[4 * i + 3] = a->maxy;
    }
    for (size_t i = 0; !s && i < l->count; i++) /* a request with no place lies in no area */
        if (l->items[i].wkb || isfinite(l->items[i].lat)) at[placed.count] = i, placed.items[placed.count++] = l->items[i];
    if (!s && placed.count) s = sl_request_weights(&placed, wkb, len, boxes, n, &rows, &nrows, err);
    for (size_t r = 0; !s && r < nrows; r++)
        if (rows[r].area != SL_AREA_OUTSIDE && x->kept[rows[r].area]) in[at[rows[r].event]] += rows[r].weight;
    free(rows);
    free(placed.items);
    free(boxes);
    free(len);
    free(wkb);
    free(at);
    return s;
}

sl_status sl_point_scope_requests(const sl_point_scope *sc, const sl_request_list *l, unsigned char *keep,
                                  sl_error *err)
{
    double *in = calloc(l->count + 1, sizeof *in);
    if (!in) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_status s = SL_OK;
    for (size_t k = 0; !s && k < sc->n; k++) {
        memset(in, 0, l->count * sizeof *in);
        s = requests_in_set(&sc->sets[k], l, in, err);
        /* at least half of it: a point in one area, a circle or polygon by most of its ground */
        for (size_t i = 0; !s && i < l->count; i++) keep[i] |= in[i] >= 0.5 - 1e-9;
    }
    free(in);
    return s;
}

sl_status sl_points_keep_in_sets(sl_store *st, const char *const *sets, size_t nsets, const char *states, sl_points *p,
                                 size_t *dropped, sl_error *err)
{
    *dropped = 0;
    sl_point_scope *sc;
    unsigned char *keep = calloc(p->n + 1, 1);
    if (!keep) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory for %zu points", p->n);
    sl_status s = sl_point_scope_open(st, sets, nsets, states, &sc, err);
    if (!s) {
        sl_point_scope_mark(sc, p->lon, p->lat, p->n, keep);
        *dropped = sl_points_keep(p, keep);
        sl_point_scope_free(sc);
    }
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
