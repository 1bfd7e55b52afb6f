/*
** exclusion.h — a camera owner's request honoured: her camera's posts and
** camera points withheld from the store now and from every import after
** (`sightline exclude`; the store side is sightline/store/exclusions.h).
*/
#ifndef SIGHTLINE_INGEST_EXCLUSION_H
#define SIGHTLINE_INGEST_EXCLUSION_H

#include "sightline/core/error.h"
#include "sightline/store/store.h"

/* Smallest and largest radius asked for: a geocoded address is tens of
** metres out, and a request is about one home, not a neighbourhood. */
#define SL_EXCLUSION_MIN_M 10.0
#define SL_EXCLUSION_MAX_M 1000.0

typedef struct sl_exclusion_result {
    long source_id;        /* the exclusion's import id: `sightline rm ID` ends it */
    double stored_radius_m; /* the circle kept: 1.5 x the radius asked for */
    long withheld_posts, withheld_cameras; /* points the store held there, deleted */
    long pending_id; /* the import id, written but not yet committed (sl_ingest_exclusion_prepare) */
} sl_exclusion_result;

/* Withhold the circle of RADIUS_M metres around LAT, LON, in one
** transaction: the points of posts and cameras inside it go from every
** import, and the store records an exclusion every later import of posts
** or cameras honours. The point given is not kept: the store keeps a
** circle 1.5 times as wide around a point moved at random up to half the
** radius from it, which holds the asked circle whole (so a little more
** than asked is withheld, never less) and does not give the point back.
** Once committed, the deleted points' bytes are scrubbed from the store's
** files (sl_store_scrub): an error then leaves RES filled, the exclusion in force. */
sl_status sl_ingest_exclusion(sl_store *st, double lat, double lon, double radius_m, sl_exclusion_result *res,
                              sl_error *err);
/* The same in two steps, so that the CLI can hold Ctrl-C over the commit
** alone: _prepare does everything in an open transaction (rolled back on
** error; RES's source_id stays 0), _commit commits it, sets source_id and
** scrubs. */
sl_status sl_ingest_exclusion_prepare(sl_store *st, double lat, double lon, double radius_m,
                                      sl_exclusion_result *res, sl_error *err);
sl_status sl_ingest_exclusion_commit(sl_store *st, sl_exclusion_result *res, sl_error *err);

#endif
