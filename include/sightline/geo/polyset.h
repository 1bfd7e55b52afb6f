/*
** polyset.h — a set of areas (census tracts, counties, ...) as flat arrays.
**
** Each area is a polygon or multipolygon with holes, in lon/lat (WGS84)
** degrees. All vertices of all areas live in two double arrays, rings are
** offsets into them, areas are offsets into the rings: one allocation grows
** per array, never one per vertex, so national layers load at memory speed
** and the point-in-polygon engine (pip.h) can index them directly.
**
** Areas come from WKB blobs (what the store keeps) or from the io layer's
** polygon reader (sightline/io/polyset_io.h): geo itself opens no file.
*/
#ifndef SIGHTLINE_POLYSET_H
#define SIGHTLINE_POLYSET_H

#include <stddef.h>
#include "sightline/core/error.h"

typedef struct sl_polyset sl_polyset;

/* An empty set; free with sl_polyset_free. */
sl_status sl_polyset_new(sl_polyset **out, sl_error *err);
void sl_polyset_free(sl_polyset *ps);

/* Append one area from WKB (ISO or OGC; Polygon, MultiPolygon, or a
** GeometryCollection whose polygonal members are kept), in lon/lat WGS84.
** ID (copied; may be NULL for "") names the area. The geometry is taken as
** valid: repair it before storing (the io readers do). An empty
** geometry makes an area no point falls in. */
sl_status sl_polyset_add_wkb(sl_polyset *ps, const char *id, const unsigned char *wkb,
                             size_t len, sl_error *err);

/* Number of areas. */
size_t sl_polyset_count(const sl_polyset *ps);
/* Id of area I ("" when none was given). */
const char *sl_polyset_id(const sl_polyset *ps, size_t i);
/* Index of the first area with id ID, or -1. Linear: for occasional look-ups. */
long sl_polyset_find(const sl_polyset *ps, const char *id);
/* Source feature id of area I (sl_polyset_read_file in io/), else its index. */
long sl_polyset_fid(const sl_polyset *ps, size_t i);
/* Geodesic area of area I on the WGS84 ellipsoid, km² (holes subtracted).
** Computed at each call (PROJ geod_polygonarea, O(vertices)): cache it if
** needed often. */
double sl_polyset_area_km2(const sl_polyset *ps, size_t i);
/* Bounding box of area I as {min lon, min lat, max lon, max lat}; an empty
** area gives an inverted box (min > max). */
void sl_polyset_bounds(const sl_polyset *ps, size_t i, double box[4]);
/* Distance in km from (LON, LAT) to area I: 0 inside it (holes are
** outside), else to its nearest edge, measured in a local equirectangular
** projection around the point (within about 0.1% of the great circle up to
** 100 km, a few percent at 1,000 km). INFINITY for an empty area, a bad
** index or non-finite coordinates. O(vertices of the area). */
double sl_polyset_distance_km(const sl_polyset *ps, size_t i, double lon, double lat);
/* Vertices of area I, closing vertices included. */
size_t sl_polyset_vertex_count(const sl_polyset *ps, size_t i);
/* Vertices of all areas. */
size_t sl_polyset_total_vertices(const sl_polyset *ps);

/* Area I as little-endian WKB MultiPolygon in a malloc'ed buffer (what the
** store keeps); the caller frees *wkb. */
sl_status sl_polyset_area_wkb(const sl_polyset *ps, size_t i, unsigned char **wkb,
                              size_t *len, sl_error *err);

#endif
