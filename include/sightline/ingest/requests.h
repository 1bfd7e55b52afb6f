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
#ifndef SIGHTLINE_INGEST_REQUESTS_H
#define SIGHTLINE_INGEST_REQUESTS_H

#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/core/request.h"
#include "sightline/geo/overlap.h"
#include "sightline/ingest/import.h"
#include "sightline/store/requests.h"

/* Columns (CSV) or properties (GeoJSON/NDJSON) holding each field; NULL
** fields are found by common names (agency, state, date, lat/latitude,
** lon/lng/longitude, radius_m/radius/radius_ft/radius_mi..., geometry/wkt/
** geom, recipients, videos/videos_shared, id). Radii are stored in metres:
** RADIUS_UNIT (m, km, ft, mi; NULL: metres) is the whole file's unit, else
** a radius column's name says its unit (radius_ft), else a unit column
** (radius_unit, unit, units) gives it per row (request_radius.h). A GeoJSON
** that declares an EPSG CRS is reprojected to WGS84; coordinates off the
** globe are refused; a request with no place is skipped, and counted. */
typedef struct sl_request_mapping {
    const char *agency, *state, *date, *date_format, *lat, *lon, *radius, *geometry;
    const char *recipients, *videos, *id;
    const char *radius_unit;
    /* a file of one agency's requests, with no agency column: every row's
    ** agency and its state (a public-records export of one department) */
    const char *agency_name, *agency_state;
    int replace; /* 1: remove an earlier import of the same bytes first */
    sl_progress progress; /* told "requests read" every 1,024; may be zeroed */
} sl_request_mapping;

/* Import a requests file (CSV, GeoJSON FeatureCollection or NDJSON of
** features/objects) as one transaction; rows are linked to the registry. */
sl_status sl_ingest_requests(sl_store *st, const char *path, const sl_request_mapping *map,
                             sl_import_result *res, sl_error *err);

#endif
