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
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "sightline/store/store_layers.h"
#include "analysis_internal.h"

#include <math.h>
#include <stdlib.h>

sl_status sl_points_keep_in_sets(sl_store *st, const char *const *sets, size_t nsets, sl_points *p, size_t *dropped,
                                 sl_error *err)
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
        for (size_t i = 0; i < p->n; i++)
            if (!keep[i] && sl_pip_locate(pip, p->lon[i], p->lat[i]) >= 0) keep[i] = 1;
        sl_area_index_free(&areas, ps, pip);
    }
    if (!s) *dropped = sl_points_keep(p, keep);
    free(keep);
    return s;
}

sl_status sl_area_sets_box(sl_store *st, const char *const *sets, size_t nsets, double box[4], sl_error *err)
{
    box[0] = box[1] = INFINITY, box[2] = box[3] = -INFINITY;
    for (size_t k = 0; k < nsets; k++) {
        sl_area_list areas = {0};
        sl_status s = sl_store_load_areas(st, sets[k], &areas, err);
        if (s) return s;
        for (size_t i = 0; i < areas.count; i++) {
            const sl_area *a = &areas.items[i];
            box[0] = fmin(box[0], a->minx), box[1] = fmin(box[1], a->miny);
            box[2] = fmax(box[2], a->maxx), box[3] = fmax(box[3], a->maxy);
        }
        sl_area_list_free(&areas);
    }
    if (!(box[0] <= box[2])) box[0] = box[1] = box[2] = box[3] = NAN;
    return SL_OK;
}

int sl_box_is_local(const double box[4])
{
    return box[2] - box[0] < SL_LOCAL_AREAS_DEG && box[3] - box[1] < SL_LOCAL_AREAS_DEG;
}
