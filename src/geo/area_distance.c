/*
** area_distance.c — how far a point is from one area of a polygon set
** (see sightline/geo/polyset.h): 0 inside, else the distance to the nearest
** edge. The directory's "near a county" search uses it so that a business
** anywhere in a large county counts, not only those near its middle.
**
** Edges are projected to a local equirectangular plane centred on the
** point (x scaled by the cosine of the point's latitude, spherical earth of
** radius 6371.0088 km). Against the great-circle distance this is within
** about 0.1% up to 100 km and a few percent at 1,000 km away from the
** equator, enough to rank and cut listings by a radius a person chose.
*/
#include "polyset_internal.h"

#include <math.h>

#define EARTH_KM 6371.0088
#define DEG (3.14159265358979323846 / 180)

/* Even-odd crossing test over every ring of area I (holes cancel). */
static int inside(const sl_polyset *ps, size_t i, double lon, double lat)
{
    int in = 0;
    for (uint32_t r = ps->area_ring[i]; r < ps->area_ring[i + 1]; r++)
        for (uint32_t v = ps->ring_vert[r]; v + 1 < ps->ring_vert[r + 1]; v++) {
            double x0 = ps->x[v], y0 = ps->y[v], x1 = ps->x[v + 1], y1 = ps->y[v + 1];
            if ((y0 > lat) != (y1 > lat) && lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0)) in = !in;
        }
    return in;
}

/* Longitude difference folded into [-180, 180], so edges across the
** antimeridian are measured the short way. */
static double dlon(double a, double b)
{
    double d = fmod(a - b, 360);
    return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
}

/* Distance in km from the origin to the segment (ax, ay)-(bx, by). */
static double to_segment(double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(ax + t * dx, ay + t * dy);
}

double sl_polyset_distance_km(const sl_polyset *ps, size_t i, double lon, double lat)
{
    if (i >= ps->n_areas || !isfinite(lon) || !isfinite(lat)) return INFINITY;
    if (inside(ps, i, lon, lat)) return 0;
    double kx = EARTH_KM * DEG * cos(lat * DEG), ky = EARTH_KM * DEG, best = INFINITY;
    for (uint32_t r = ps->area_ring[i]; r < ps->area_ring[i + 1]; r++)
        for (uint32_t v = ps->ring_vert[r]; v + 1 < ps->ring_vert[r + 1]; v++) {
            double d = to_segment(dlon(ps->x[v], lon) * kx, (ps->y[v] - lat) * ky, dlon(ps->x[v + 1], lon) * kx,
                                  (ps->y[v + 1] - lat) * ky);
            if (d < best) best = d;
        }
    return best;
}
