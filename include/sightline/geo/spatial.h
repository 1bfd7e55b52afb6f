/*
** spatial.h — distances and a grid index over points, for the questions
** "how many cameras within 80 m of this clinic", "which is nearest", "how
** many along this road". Points are plain lon/lat arrays owned by the caller.
*/
#ifndef SIGHTLINE_SPATIAL_H
#define SIGHTLINE_SPATIAL_H

#include <stddef.h>
#include "sightline/core/error.h"

/* Mean Earth radius (IUGG), the sphere all great-circle distances use. */
#define SL_EARTH_RADIUS_M 6371008.8

/* Great-circle (haversine) distance in meters. */
double sl_distance_m(double lat1, double lon1, double lat2, double lon2);

typedef struct sl_point_grid sl_point_grid;

/* Index N points (arrays not copied: they must outlive the grid) in cells of
** about CELL_M meters. Points with non-finite coordinates are left out. */
sl_status sl_point_grid_build(const double *lon, const double *lat, size_t n, double cell_m,
                              sl_point_grid **out, sl_error *err);
void sl_point_grid_free(sl_point_grid *g);

/* Call FN(index, distance_m, ctx) for every point within RADIUS_M of
** (lat, lon); returns how many there were. FN may be NULL to just count. */
typedef void (*sl_point_visit)(size_t index, double distance_m, void *ctx);
size_t sl_point_grid_within(const sl_point_grid *g, double lat, double lon, double radius_m,
                            sl_point_visit fn, void *ctx);

/* Index of the point nearest to (lat, lon), its distance in *dist_m; -1 when
** the grid is empty. */
long sl_point_grid_nearest(const sl_point_grid *g, double lat, double lon, double *dist_m);

/* Points within WIDTH_M/2 of the great-circle segment A-B (a corridor WIDTH_M
** wide along a road between two sites). Uses a local tangent plane at the
** segment's midpoint: exact enough for segments up to tens of kilometers.
** With IDX non-NULL (room for all points), their indexes are written there. */
size_t sl_point_grid_corridor(const sl_point_grid *g, double lat_a, double lon_a, double lat_b,
                              double lon_b, double width_m, size_t *idx);

#endif
