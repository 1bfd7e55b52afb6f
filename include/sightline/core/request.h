/*
** request.h — a police request for residents' footage, as a record: the
** importer fills it (sightline/ingest/requests.h), the store keeps it and
** geo splits its place over areas (sightline/geo/overlap.h).
*/
#ifndef SIGHTLINE_CORE_REQUEST_H
#define SIGHTLINE_CORE_REQUEST_H

#include <stddef.h>
#include "sightline/core/arena.h"
#include "sightline/core/date.h"

typedef struct sl_request {
    long id, source_id, line;
    const char *record_id, *agency, *state;
    long agency_id;             /* registry agency, 0 when unlinked */
    sl_date date;
    double lat, lon, radius_m;  /* NaN lat/lon when given as a polygon only */
    const unsigned char *wkb;   /* polygon (WGS84 lon/lat) or NULL */
    size_t wkb_len;
    double recipients, videos;  /* NaN when not given */
} sl_request;

typedef struct sl_request_list {
    sl_request *items;
    size_t count;
    sl_arena arena;
} sl_request_list;

#endif
