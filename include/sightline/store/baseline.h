/*
** baseline.h — the stored demographic baselines (e.g. the national ACS
** shares) a disparity is compared against; each row names its source.
*/
#ifndef SIGHTLINE_STORE_BASELINE_H
#define SIGHTLINE_STORE_BASELINE_H

#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/core/groups.h"
#include "sightline/store/store.h"

/* Save baseline NAME (LABEL, from source SOURCE_ID) with SL_GROUP_COUNT
** SHARES (NaN: unknown), replacing one of that name. Inside the caller's
** transaction. */
sl_status sl_store_put_baseline(sl_store *st, const char *name, const char *label, long source_id,
                                const double shares[SL_GROUP_COUNT], sl_error *err);

/* Look up baseline NAME: SHARES gets SL_GROUP_COUNT shares (NaN when
** unknown), LABEL its description. SL_EDATA when there is none, naming
** those the store holds. */
sl_status sl_store_load_baseline(sl_store *st, const char *name, double shares[SL_GROUP_COUNT],
                                 char *label, size_t label_len, sl_error *err);

/* The names of the stored baselines, ascending, as strings in ARENA (none:
** *COUNT 0). */
sl_status sl_store_baselines(sl_store *st, sl_arena *arena, const char ***names, size_t *count, sl_error *err);

#endif
