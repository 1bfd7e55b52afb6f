/*
** acs.h — census ACS data profiles read as group shares.
*/
#ifndef SIGHTLINE_IO_ACS_H
#define SIGHTLINE_IO_ACS_H

#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/core/groups.h"

/* A national (or state) baseline from ACS data-profile tables as returned by
** the Census API (one header row, one row per geography): DP05_0001E total,
** DP05_0038E Black alone, DP05_0071E Hispanic, DP05_0077E white alone not
** Hispanic from DP05_PATH, and DP02_0092E foreign born from DP02_PATH (may be
** NULL: foreign_born is then NaN). GEO selects the row by NAME, GEO_ID or
** state FIPS ("United States", "0400000US17", "17"); NULL takes the first
** row. SHARES receives SL_GROUP_COUNT shares; LABEL (may be NULL) a
** description such as "ACS acs1-2018-us-DP05.csv: United States". */
sl_status sl_baseline_read_acs(const char *dp05_path, const char *dp02_path, const char *geo,
                               double shares[SL_GROUP_COUNT], char *label, size_t label_len,
                               sl_error *err);

#endif
