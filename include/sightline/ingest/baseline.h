/*
** baseline.h — stored demographic baselines (e.g. the national ACS shares)
** that a disparity is compared against, kept with their source like any
** other import.
*/
#ifndef SIGHTLINE_INGEST_BASELINE_H
#define SIGHTLINE_INGEST_BASELINE_H

#include "sightline/io/acs.h"
#include "sightline/core/error.h"
#include "sightline/ingest/import.h"
#include "sightline/store/baseline.h"

/* Import an ACS data profile (DP05, and DP02 for foreign born when given) as
** the baseline NAME (e.g. "national"), taking the row GEO (NULL: the first).
** Replaces an earlier baseline of that name. */
sl_status sl_ingest_baseline(sl_store *st, const char *name, const char *dp05, const char *dp02,
                             const char *geo, sl_import_result *res, sl_error *err);

#endif
