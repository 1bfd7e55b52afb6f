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

/* Meridian (M) and prime-vertical (N) radii of curvature at a latitude
** of sine S, and 1 - e2 S^2 (the functions below take the latitude's
** sine and cosine: sl_local_area_init finds them for three latitudes from
** one sine and cosine). */
static double radii(double s, double *m, double *n)
{
    double e2 = WGS84_F * (2 - WGS84_F), d = 1 - e2 * s * s, root = sqrt(d);
    *n = WGS84_A / root;
    *m = WGS84_A * (1 - e2) / (d * root);
    return d;
}

/* The area element M N cos(phi), at a latitude of sine S and cosine C. */
static double element(double s, double c)
{
    double m, n;
    radii(s, &m, &n);
    return m * n * c;
}

/* The factors of a geodesic edge's lens (see sl_local_edge) at a latitude
** of sine SP and cosine CP: M N cos(phi) / 12 times (N/M) sin cos into *A,
** and times M'/M + 2 (M/N) tan into *B. */
static void lens_factors(double sp, double cp, double *a, double *b)
{
    const double e2 = WGS84_F * (2 - WGS84_F);
    double m, n, d = radii(sp, &m, &n);
    double m_phi = 3 * WGS84_A * (1 - e2) * e2 * sp * cp / (d * d * sqrt(d)), k = m * n * cp / 12;
    *a = k * (n / m) * sp * cp;
    *b = k * (m_phi / m + 2 * (m / n) * sp / cp);
}

/* Once per request circle: the coefficients are finite differences over
** phi0 - h, phi0, phi0 + h, whose sines and cosines come from phi0's and
** h's by the angle-sum formulas, two sine-cosine pairs instead of eleven
** sines and cosines and three powers. */
void sl_local_area_init(sl_local_area *l, double lat0)
{
    const double h = 1e-3;
    l->phi0 = lat0 * M_PI / 180;
    double s0 = sin(l->phi0), c0 = cos(l->phi0), sh = sin(h), ch = cos(h);
    double s_hi = s0 * ch + c0 * sh, c_hi = c0 * ch - s0 * sh, s_lo = s0 * ch - c0 * sh, c_lo = c0 * ch + s0 * sh;
    double e_hi = element(s_hi, c_hi), e_lo = element(s_lo, c_lo);
    l->w0 = element(s0, c0);
    double w1 = (e_hi - e_lo) / (2 * h), w2 = (e_hi - 2 * l->w0 + e_lo) / (h * h);
    l->half_w1 = w1 / 2, l->sixth_w2 = w2 / 6;
    double a_hi, b_hi, a_lo, b_lo;
    lens_factors(s0, c0, &l->lens_a0, &l->lens_b0);
    lens_factors(s_hi, c_hi, &a_hi, &b_hi);
    lens_factors(s_lo, c_lo, &a_lo, &b_lo);
    l->lens_a1 = (a_hi - a_lo) / (2 * h);
    l->lens_b1 = (b_hi - b_lo) / (2 * h);
}

double sl_local_ring_area(const sl_local_area *l, const double *lon, const double *lat, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = i + 1 < n ? i + 1 : 0;
        sum += sl_local_edge(l, lon[i], lat[i], lon[j], lat[j]);
    }
    return fabs(sum);
}
