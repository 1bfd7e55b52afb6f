/*
** baseline.h — stored demographic baselines (e.g. the national ACS shares)
** that a disparity is compared against, kept with their source like any
** other import.
*/
#ifndef SIGHTLINE_BASELINE_H
#define SIGHTLINE_BASELINE_H

#include "sightline/disparity.h"
#include "sightline/error.h"
#include "sightline/import.h"
#include "sightline/store.h"

/* Import an ACS data profile (DP05, and DP02 for foreign born when given) as
** the baseline NAME (e.g. "national"), taking the row GEO (NULL: the first).
** Replaces an earlier baseline of that name. */
sl_status sl_import_baseline(sl_store *st, const char *name, const char *dp05, const char *dp02,
                             const char *geo, sl_import_result *res, sl_error *err);

/* Look up baseline NAME: SHARES gets SL_GROUP_COUNT shares (NaN when
** unknown), LABEL its description. SL_EDATA when there is none. */
sl_status sl_store_load_baseline(sl_store *st, const char *name, double shares[SL_GROUP_COUNT],
                                 char *label, size_t label_len, sl_error *err);

#endif
