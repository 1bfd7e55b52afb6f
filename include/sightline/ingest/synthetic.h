/*
** synthetic.h — storing simulated events (`sightline synth`) as a source of
** their own, kept apart from every real import.
**
** The source has kind "synthetic", is named after the layer, area set and
** seed, and records every generating parameter in its options, so `info`
** lists it, `rm ID` removes it and nothing else, and the audit can say which
** figures rest on it. The same parameters give the same source: a second
** run is recognised like any re-import of the same bytes.
*/
#ifndef SIGHTLINE_INGEST_SYNTHETIC_H
#define SIGHTLINE_INGEST_SYNTHETIC_H

#include <stddef.h>
#include <stdint.h>
#include "sightline/core/error.h"
#include "sightline/ingest/import.h"
#include "sightline/store/store.h"

/* The parameters that generated a synthetic layer. */
typedef struct sl_synthetic_recipe {
    const char *layer; /* "requests", "posts", "cameras" or "agencies" */
    const char *set;   /* the area set the events were placed in */
    const char *group; /* planted bias toward this group; NULL: none */
    size_t count;
    double beta, radius_m;
    uint64_t seed;
} sl_synthetic_recipe;

/* Store the COUNT points XY (lon, lat pairs) drawn by recipe R as a new
** source of kind "synthetic", in one transaction: requests, posts or camera
** points at the points, or fictional agencies there (about a third of them
** partnered, drawn from R->seed). When these parameters were stored before,
** nothing is written and res->already, source_id and rows say so. */
sl_status sl_ingest_synthetic(sl_store *st, const sl_synthetic_recipe *r, const double *xy,
                              sl_import_result *res, sl_error *err);

#endif
