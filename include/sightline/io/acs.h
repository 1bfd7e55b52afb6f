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

/* A baseline read from files for one analysis (`disparity --baseline FILE`)
** rather than from the store: its shares, and each file named with the
** sha256 of its bytes, so the result can list it among its inputs. */
typedef struct sl_baseline_file {
    const char *dp05, *dp02; /* paths as given; dp02 may be NULL */
    char dp05_sha256[65], dp02_sha256[65];
    double shares[SL_GROUP_COUNT];
    char label[512];
} sl_baseline_file;

/* Fill OUT from DP05 (and DP02 when not NULL; no sibling is guessed by
** name), taking the row GEO as sl_baseline_read_acs does. */
sl_status sl_baseline_file_read(const char *dp05, const char *dp02, const char *geo, sl_baseline_file *out,
                                sl_error *err);

#endif
