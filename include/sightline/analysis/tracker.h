/*
** tracker.h — the partnership tracker: how many agencies partnered, since
** when, what share of the country's agencies that is, and what changed
** between two snapshots.
**
** Results are jansson objects (json_t) so the CLI's table, its --json and the
** report all print the same figures.
*/
#ifndef SIGHTLINE_TRACKER_H
#define SIGHTLINE_TRACKER_H

#include <jansson.h>
#include "sightline/core/error.h"
#include "sightline/store/store.h"

typedef struct sl_tracker_query {
    const char *tech;     /* case-insensitive substring of the technology; NULL: all */
    const char *since;    /* YYYY-MM-DD: adds the "since" object; NULL: none */
    const char *until;    /* YYYY-MM-DD: drop rows that certainly started later */
    const char *snapshot; /* YYYY-MM-DD: latest snapshot on or before; NULL: newest */
    const char *by;       /* "year", "month", "state" or "type": adds "by" */
} sl_tracker_query;

/* Run the tracker. On success *out is a new JSON object with: snapshot,
** query, total, agencies, linked, unlinked, by_year, undated, since (when
** asked), by (when asked), share (list of {denominator, agencies, partnered,
** share}) and sources. */
sl_status sl_tracker_run(sl_store *st, const sl_tracker_query *q, json_t **out, sl_error *err);

/* Partnerships new, ended and changed (same agency + technology) between the
** snapshots in force at FROM and at TO. TECH filters as in the tracker.
** *out: {from, to, new: [...], ended: [...], changed: [...], counts}. */
sl_status sl_tracker_diff(sl_store *st, const char *from, const char *to, const char *tech,
                          json_t **out, sl_error *err);

/* Rows of the query's snapshot (filtered by tech) not linked to the
** registry: *out is {snapshot, count, rows: [{agency, city, county, state,
** technology, line, file}]}. */
sl_status sl_tracker_unmatched(sl_store *st, const sl_tracker_query *q, json_t **out,
                               sl_error *err);

#endif
