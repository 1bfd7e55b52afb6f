/*
** requests.h — police requests for residents' footage.
**
** A request names an agency (linked to the registry like a partnership), a
** date, and where it asked: a point, a point with a radius, or a polygon.
** Requests are thousands, not millions, so they are stored one row each.
** When measured over an area set, a point counts in its area and a radius or
** polygon is split over the areas it overlaps in proportion to overlap area
** on the ground (geodesic areas on the WGS84 ellipsoid), so each request's
** fractions sum to 1.
*/
#ifndef SIGHTLINE_REQUESTS_H
#define SIGHTLINE_REQUESTS_H

#include <stddef.h>
#include "sightline/arena.h"
#include "sightline/date.h"
#include "sightline/disparity.h"
#include "sightline/error.h"
#include "sightline/import.h"
#include "sightline/store.h"

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

/* Columns (CSV) or properties (GeoJSON/NDJSON) holding each field; NULL
** fields are found by common names (agency, state, date, lat/latitude,
** lon/lng/longitude, radius_m/radius, geometry/wkt/geom, recipients,
** videos/videos_shared, id). */
typedef struct sl_request_mapping {
    const char *agency, *state, *date, *date_format, *lat, *lon, *radius, *geometry;
    const char *recipients, *videos, *id;
    int replace; /* 1: remove an earlier import of the same bytes first */
} sl_request_mapping;

/* Import a requests file (CSV, GeoJSON FeatureCollection or NDJSON of
** features/objects) as one transaction; rows are linked to the registry. */
sl_status sl_import_requests(sl_store *st, const char *path, const sl_request_mapping *map,
                             sl_import_result *res, sl_error *err);

sl_status sl_store_add_request(sl_store *st, const sl_request *r, sl_error *err);
sl_status sl_store_load_requests(sl_store *st, sl_request_list *out, sl_error *err);
void sl_request_list_free(sl_request_list *l);

/* Area weights of every request over AREA_WKB (COUNT areas as WKB, with
** their bounding boxes {minx,miny,maxx,maxy} per area in BOXES): event rows
** (event = request index) appended to *rows (malloc'ed, *nrows entries).
** Weight falling outside every area goes to SL_AREA_OUTSIDE. */
sl_status sl_request_weights(const sl_request_list *reqs, const unsigned char *const *area_wkb,
                             const size_t *area_wkb_len, const double *boxes, size_t count,
                             sl_event_row **rows, size_t *nrows, sl_error *err);

#endif
