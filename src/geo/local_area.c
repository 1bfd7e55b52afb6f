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

/* The factors of a geodesic edge's lens at PHI (see sl_local_ring_area):
** M N cos(phi) / 12 times (N/M) sin cos into *A, and times
** M'/M + 2 (M/N) tan into *B. */
static void lens_factors(double phi, double *a, double *b)
{
    const double e2 = WGS84_F * (2 - WGS84_F);
    double m, n, sp = sin(phi), cp = cos(phi);
    radii(phi, &m, &n);
    double m_phi = 3 * WGS84_A * (1 - e2) * e2 * sp * cp / pow(1 - e2 * sp * sp, 2.5), k = m * n * cp / 12;
    *a = k * (n / m) * sp * cp;
    *b = k * (m_phi / m + 2 * (m / n) * sp / cp);
}

void sl_local_area_init(sl_local_area *l, double lat0)
{
    const double h = 1e-3;
    l->phi0 = lat0 * M_PI / 180;
    l->w0 = element(l->phi0);
    l->w1 = (element(l->phi0 + h) - element(l->phi0 - h)) / (2 * h);
    l->w2 = (element(l->phi0 + h) - 2 * l->w0 + element(l->phi0 - h)) / (h * h);
    double a_hi, b_hi, a_lo, b_lo;
    lens_factors(l->phi0, &l->lens_a0, &l->lens_b0);
    lens_factors(l->phi0 + h, &a_hi, &b_hi);
    lens_factors(l->phi0 - h, &a_lo, &b_lo);
    l->lens_a1 = (a_hi - a_lo) / (2 * h);
    l->lens_b1 = (b_hi - b_lo) / (2 * h);
}

/* Integral of w from phi0 to phi0 + D. */
static double primitive(const sl_local_area *l, double d)
{
    return d * (l->w0 + d * (l->w1 / 2 + d * l->w2 / 6));
}

/* An edge's lens is M N cos(phi) c dlon^3 / 12, with the geodesic's
** c = -((N/M) sin cos + (M'/M + 2 (M/N) tan) slope^2) and slope its
** dphi/dlon, at the edge's middle latitude. Its two factors are linear in
** phi about phi0 (sl_local_area_init): the lens of a 3 km edge is a
** relative 1e-5 of a 2 km circle's area, its factors change by a relative
** 1e-3 over such a circle, and what the line leaves is of the order of
** 1e-3 squared. That saves a sine, a cosine and a power per edge, a
** quarter of a request's split over city tracts. */
double sl_local_ring_area(const sl_local_area *l, const double *lon, const double *lat, size_t n)
{
    const double r = M_PI / 180;
    double sum = 0, lens = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = i + 1 < n ? i + 1 : 0;
        double dl = (lon[j] - lon[i]) * r;
        if (dl == 0) continue; /* a meridian: no area to its east-west, and a geodesic */
        double p1 = lat[i] * r, p2 = lat[j] * r, d1 = p1 - l->phi0, d2 = p2 - l->phi0, dp = p2 - p1;
        sum -= dl / 6 * (primitive(l, d1) + 4 * primitive(l, (d1 + d2) / 2) + primitive(l, d2));
        double dm = (d1 + d2) / 2;
        lens -= (l->lens_a0 + l->lens_a1 * dm) * dl * dl * dl + (l->lens_b0 + l->lens_b1 * dm) * dp * dp * dl;
    }
    return fabs(sum + lens);
}
