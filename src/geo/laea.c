/*
** laea.c — Lambert azimuthal equal-area, ellipsoidal, oblique aspect (see
** include/sightline/geo/laea.h for why it is written here and how it is
** kept honest).
**
** The arithmetic follows the textbook order (Snyder 1987, pp. 187-190):
** q(phi) the authalic function, beta the authalic latitude, then the
** azimuthal equal-area of the authalic sphere rescaled so the centre's
** scale is true. The WGS84 constants come from the defining a and 1/f.
*/
#include "sightline/geo/laea.h"
#include "sightline/core/points.h"

#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>

#define WGS84_A 6378137.0
#define WGS84_RF 298.257223563
#define DEG (M_PI / 180)

/* Snyder's q: twice the authalic function of a latitude with sine SINPHI. */
static double authalic_q(double sinphi, double e, double one_es)
{
    double c = e * sinphi;
    return one_es * (sinphi / (1.0 - c * c) - (.5 / e) * log((1. - c) / (1. + c)));
}

/* The centre as PROJ reads it from hexbin.c's definition. */
static double as_written(double v)
{
    char text[64];
    snprintf(text, sizeof text, SL_LAEA_CENTRE_FORMAT, v);
    return strtod(text, NULL);
}

int sl_laea_init(sl_laea *l, double lon0, double lat0)
{
    double phi0 = as_written(lat0) * DEG;
    if (fabs(fabs(phi0) - M_PI / 2) < 1e-10 || fabs(phi0) < 1e-10) return 0;
    double f = 1 / WGS84_RF, es = 2 * f - f * f;
    l->a = WGS84_A;
    l->lam0 = as_written(lon0) * DEG;
    l->e = sqrt(es);
    l->one_es = 1. - es;
    l->qp = authalic_q(1., l->e, l->one_es);
    double rq = sqrt(.5 * l->qp), sinphi0 = sin(phi0);
    l->sinb1 = authalic_q(sinphi0, l->e, l->one_es) / l->qp;
    l->cosb1 = sqrt(1. - l->sinb1 * l->sinb1);
    double dd = cos(phi0) / (sqrt(1. - es * sinphi0 * sinphi0) * rq * l->cosb1);
    l->xmf = rq * dd;
    l->ymf = rq / dd;
    return 1;
}

int sl_laea_fwd(const sl_laea *l, double lon, double lat, double *x, double *y)
{
    double lam = lon * DEG - l->lam0;
    /* PROJ wraps such longitudes; wrapping here might differ in the last bit */
    if (!(fabs(lam) < M_PI)) return 0;
    double sinlam = sin(lam), coslam = cos(lam), sinphi = sin(lat * DEG);
    double sinb = authalic_q(sinphi, l->e, l->one_es) / l->qp;
    double cosb = sqrt(1. - sinb * sinb);
    double b = 1. + l->sinb1 * sinb + l->cosb1 * cosb * coslam;
    /* near the antipode the image is ill-conditioned (PROJ refuses b < 1e-10) */
    if (!(b > 1e-6)) return 0;
    b = sqrt(2. / b);
    *y = l->a * (l->ymf * b * (l->cosb1 * sinb - l->sinb1 * cosb * coslam));
    *x = l->a * (l->xmf * b * cosb * sinlam);
    return 1;
}

static int same_as_proj(const sl_laea *l, PJ *p, double lon, double lat)
{
    double x, y;
    if (!sl_laea_fwd(l, lon, lat, &x, &y)) return 1; /* PROJ's anyway */
    PJ_COORD c = proj_trans(p, PJ_FWD, proj_coord(lon, lat, 0, 0));
    return c.xy.x == x && c.xy.y == y;
}

int sl_laea_check(const sl_laea *l, void *pj, double lon0, double lat0, const double *lon, const double *lat,
                  unsigned long n)
{
    PJ *p = pj;
    for (int i = -4; i <= 4; i++)
        for (int j = -4; j <= 4; j++) {
            double la = lat0 + 10.0 * i, lo = lon0 + 20.0 * j;
            if (fabs(la) <= 90 && fabs(lo) <= 180 && !same_as_proj(l, p, lo, la)) return 0;
        }
    for (unsigned long k = 0; k < n; k++)
        if (sl_point_placed(lon[k], lat[k]) && !same_as_proj(l, p, lon[k], lat[k]))
            return 0;
    return 1;
}
