/*
** analysis_internal.h — what the analyses share: an area set from the store,
** indexed for point-in-polygon.
*/
#ifndef SIGHTLINE_ANALYSIS_INTERNAL_H
#define SIGHTLINE_ANALYSIS_INTERNAL_H

#include "sightline/pip.h"
#include "sightline/polyset.h"
#include "sightline/store_layers.h"

/* Load area set SET and index it; free all three with sl_area_index_free. */
sl_status sl_area_index_load(sl_store *st, const char *set, sl_area_list *areas,
                             sl_polyset **ps, sl_pip **pip, sl_error *err);
void sl_area_index_free(sl_area_list *areas, sl_polyset *ps, sl_pip *pip);

#endif
