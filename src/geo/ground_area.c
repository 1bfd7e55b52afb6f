/*
** ground_area.c — geodesic ring areas (see include/sightline/geo/ground_area.h).
*/
#include "sightline/geo/ground_area.h"

#include <limits.h>
#include <math.h>

void sl_ground_wgs84(struct geod_geodesic *g) { geod_init(g, 6378137.0, 1 / 298.257223563); }

double sl_ground_ring_area(const struct geod_geodesic *g, const double *lat, const double *lon, size_t n)
{
    if (n < 3 || n > INT_MAX) return 0;
    double area = 0;
    /* geod_polygonarea takes const-less arrays but only reads them. */
    geod_polygonarea(g, (double *)lat, (double *)lon, (int)n, &area, NULL);
    return fabs(area);
}
