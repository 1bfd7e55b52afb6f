/*
** local_area.c — the ground area of a small lon/lat polygon with geodesic
** edges (overlap_internal.h), without one geodesic per edge.
**
** geod_polygonarea solves an inverse geodesic per edge (~0.7 us); the pieces
** of a clipped request circle have dozens of edges, all within a few km of
** the centre. There the area element w(phi) = M N cos(phi) is a cubic in
** (phi - phi0) to 1e-10, so over a polygon whose edges are straight in
** lon/lat the area is a boundary sum integrated exactly by Simpson's rule;
** each geodesic edge then differs from the straight one by a thin lens,
** -c dlon^3/12 in (lon, lat) with c the geodesic's phi'' from the geodesic
** equation (Clairaut's metric M^2 dphi^2 + N^2 cos^2(phi) dlon^2). Checked
** against geod_polygonarea on random polygons within 2 km, latitudes to
** 70°: within 1e-9 of the circle's area; tests/unit/test_overlap_real.c
** keeps the request weights within 1e-6 of the geodesic ones.
*/
#include <math.h>

#include "geo/overlap_internal.h"

static const double WGS84_A = 6378137.0, WGS84_F = 1 / 298.257223563;

/* Meridian (M) and prime-vertical (N) radii of curvature at PHI (radians). */
static void radii(double phi, double *m, double *n)
{
    double e2 = WGS84_F * (2 - WGS84_F), s = sin(phi), d = 1 - e2 * s * s;
    *n = WGS84_A / sqrt(d);
    *m = WGS84_A * (1 - e2) / (d * sqrt(d));
}

static double element(double phi)
{
    double m, n;
    radii(phi, &m, &n);
    return m * n * cos(phi);
}

void sl_local_area_init(sl_local_area *l, double lat0)
{
    const double h = 1e-3;
    l->phi0 = lat0 * M_PI / 180;
    l->w0 = element(l->phi0);
    l->w1 = (element(l->phi0 + h) - element(l->phi0 - h)) / (2 * h);
    l->w2 = (element(l->phi0 + h) - 2 * l->w0 + element(l->phi0 - h)) / (h * h);
}

/* Integral of w from phi0 to phi0 + D. */
static double primitive(const sl_local_area *l, double d)
{
    return d * (l->w0 + d * (l->w1 / 2 + d * l->w2 / 6));
}

double sl_local_ring_area(const sl_local_area *l, const double *lon, const double *lat, size_t n)
{
    const double r = M_PI / 180, e2 = WGS84_F * (2 - WGS84_F);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = i + 1 < n ? i + 1 : 0;
        double dl = (lon[j] - lon[i]) * r;
        if (dl == 0) continue; /* a meridian: no area to its east-west, and a geodesic */
        double p1 = lat[i] * r, p2 = lat[j] * r, d1 = p1 - l->phi0, d2 = p2 - l->phi0;
        sum -= dl / 6 * (primitive(l, d1) + 4 * primitive(l, (d1 + d2) / 2) + primitive(l, d2));
        double pm = (p1 + p2) / 2, m, nn, sp = sin(pm), cp = cos(pm);
        radii(pm, &m, &nn);
        double m_phi = 3 * WGS84_A * (1 - e2) * e2 * sp * cp / pow(1 - e2 * sp * sp, 2.5);
        double slope = (p2 - p1) / dl;
        double c = -((nn / m) * sp * cp + (m_phi / m + 2 * (m / nn) * sp / cp) * slope * slope);
        sum += m * nn * cp * c * dl * dl * dl / 12;
    }
    return fabs(sum);
}
