/*
** privacy_sets.c — complementary suppression across area sets: a count of
** one set less the published counts of another set's areas lying inside it
** (tracts in a county, a city's community areas in a district) is the count
** of what is left of it, a place like any other. Each set's own rule
** (sl_privacy_hide_below) cannot see it: in a run of 2026-12-06 the demo's
** tracts beside districts of four tracts each gave "4 posts" for two
** withheld tracts by one subtraction. See privacy.h.
*/
#include "sightline/analysis/privacy.h"
#include "sightline/store/store_layers.h"
#include "analysis_internal.h"

#include <stdlib.h>
#include <string.h>

sl_status sl_privacy_area_of(sl_store *st, const char *set, const double *lon, const double *lat, size_t n,
                             int32_t **area_of, size_t *n_areas, sl_error *err)
{
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
    *area_of = NULL;
    *n_areas = 0;
    sl_status s = sl_area_index_load(st, set, &areas, &ps, &pip, err);
    if (s) return s;
    *area_of = malloc((n + 1) * sizeof **area_of);
    s = *area_of ? sl_pip_join(pip, lon, lat, n, 0, *area_of, err) : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    *n_areas = areas.count;
    sl_area_index_free(&areas, ps, pip);
    if (s) free(*area_of), *area_of = NULL, *n_areas = 0;
    return s;
}

/* The set's own rule (sl_privacy_hide_below's, with areas HIDE withholds
** whatever their count): under k withheld, then, while the withheld hold
** 1 to k-1 locations in all, the smallest shown (all of that count) too. */
static void within_set(sl_privacy_set_view *v, unsigned k)
{
    for (size_t a = 0; a < v->n_areas; a++)
        v->shown[a] = sl_privacy_count_shown(v->counts[a], k) && !(v->hide && v->hide[a]);
    for (;;) {
        uint64_t hidden = 0, least = UINT64_MAX;
        for (size_t a = 0; a < v->n_areas; a++)
            if (!v->shown[a]) hidden += v->counts[a];
            else if (v->counts[a] < least) least = v->counts[a];
        if (hidden == 0 || hidden >= k || least == UINT64_MAX) return;
        for (size_t a = 0; a < v->n_areas; a++)
            if (v->shown[a] && v->counts[a] == least) v->shown[a] = 0;
    }
}

/* The areas of A that every location of each area of B lies in:
** NEST[b] is that area, or -1 (B's area holds none, or lies across A's). */
static void nest_in(const sl_privacy_set_view *A, const sl_privacy_set_view *B, size_t n, int32_t *nest)
{
    for (size_t b = 0; b < B->n_areas; b++) nest[b] = -2; /* no location seen yet */
    for (size_t i = 0; i < n; i++) {
        int32_t b = B->area_of[i], in = A->area_of[i];
        if (b < 0) continue;
        if (nest[b] == -2) nest[b] = in;
        else if (nest[b] != in) nest[b] = -1;
    }
    for (size_t b = 0; b < B->n_areas; b++)
        if (nest[b] < -1) nest[b] = -1;
}

/* One pass of A's shown areas against B's shown areas nested in them:
** when what is left of an area of A holds 1 to k-1 locations, B's smallest
** shown area inside it is withheld too (it holds k or more, so what is
** left then does). 1 when something was withheld. */
static int guard_pair(const sl_privacy_set_view *A, sl_privacy_set_view *B, size_t n, unsigned k, int32_t *nest,
                      uint64_t *inside, int64_t *smallest)
{
    nest_in(A, B, n, nest);
    for (size_t a = 0; a < A->n_areas; a++) inside[a] = 0, smallest[a] = -1;
    for (size_t b = 0; b < B->n_areas; b++) {
        int32_t a = nest[b];
        if (a < 0 || !B->shown[b]) continue;
        inside[a] += B->counts[b];
        if (smallest[a] < 0 || B->counts[b] < B->counts[smallest[a]]) smallest[a] = (int64_t)b;
    }
    int changed = 0;
    for (size_t a = 0; a < A->n_areas; a++) {
        uint64_t left = A->counts[a] - inside[a];
        if (!A->shown[a] || smallest[a] < 0 || left == 0 || left >= k) continue;
        B->shown[smallest[a]] = 0;
        changed = 1;
    }
    return changed;
}

sl_status sl_privacy_across_sets(sl_privacy_set_view *sets, size_t m, size_t n, unsigned k, sl_error *err)
{
    size_t most = 1;
    for (size_t s = 0; s < m; s++) {
        sl_privacy_set_view *v = &sets[s];
        memset(v->counts, 0, v->n_areas * sizeof *v->counts);
        for (size_t i = 0; i < n; i++)
            if (v->area_of[i] >= 0 && (size_t)v->area_of[i] < v->n_areas) v->counts[v->area_of[i]]++;
            else v->area_of[i] = -1;
        within_set(v, k);
        if (v->n_areas > most) most = v->n_areas;
    }
    int32_t *nest = malloc(most * sizeof *nest);
    uint64_t *inside = malloc(most * sizeof *inside);
    int64_t *smallest = malloc(most * sizeof *smallest);
    sl_status st = nest && inside && smallest ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    /* Each change withholds one more area, so this ends; withholding an
    ** area of k or more never makes another's remainder fall under k. */
    for (int changed = !st; changed;) {
        changed = 0;
        for (size_t x = 0; x < m; x++)
            for (size_t y = 0; y < m; y++)
                if (x != y) changed |= guard_pair(&sets[x], &sets[y], n, k, nest, inside, smallest);
    }
    free(nest);
    free(inside);
    free(smallest);
    return st;
}
