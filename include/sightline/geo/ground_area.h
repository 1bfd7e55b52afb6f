/*
** ground_area.h — the one geodesic area of sightline: area on the WGS84
** ellipsoid through PROJ's geod_polygonarea.
**
** Area readers (areas' km²), the polygon set (zone areas) and the request
** splitter (overlap weights) all measure rings with it, so the same ring has
** the same area wherever it is measured.
*/
#ifndef SIGHTLINE_GEO_GROUND_AREA_H
#define SIGHTLINE_GEO_GROUND_AREA_H

#include <geodesic.h>
#include <stddef.h>

/* Set G to the WGS84 ellipsoid. Callers that measure many rings keep one G
** (geod_init is not free); it is read-only afterwards, so threads may share
** it. */
void sl_ground_wgs84(struct geod_geodesic *g);

/* Area in m² enclosed by the ring of N vertices at LAT[i], LON[i]
** (degrees), whatever its orientation; 0 for fewer than 3 vertices. A last
** vertex repeating the first may be given or not: it adds no area. */
double sl_ground_ring_area(const struct geod_geodesic *g, const double *lat, const double *lon, size_t n);

#endif
