/*
** laea.h — the equal-area projection of the hexagon maps, written out for
** speed, checked against PROJ before it is trusted.
**
** Every density map and privacy binning projects millions of points with
** PROJ's Lambert azimuthal equal-area (WGS84 ellipsoid, oblique aspect).
** Through PROJ a point costs ~160 ns, most of a national binning; the same
** formulas (Snyder, "Map Projections: A Working Manual", eqs. 3-12, 24-2,
** 24-13), evaluated in the same order, cost ~55 ns and give the same bits.
** "Same bits" is not assumed: sl_laea_check compares the two on sample
** points, and a caller that gets 0 keeps PROJ. Points the written form does
** not take (beyond 180 degrees of the centre, near its antipode) go to PROJ
** one by one, so the written form only ever speeds up, never answers
** differently.
*/
#ifndef SIGHTLINE_LAEA_H
#define SIGHTLINE_LAEA_H

typedef struct sl_laea {
    double lam0;           /* central meridian, radians */
    double e, one_es, qp;  /* eccentricity, 1 - e^2, q at the pole */
    double sinb1, cosb1;   /* authalic latitude of the centre */
    double xmf, ymf;       /* scale factors of x and y (unit sphere) */
    double a;              /* semi-major axis, metres */
} sl_laea;

/* How a centre's degrees are written in the PROJ definition of hexbin.c;
** sl_laea_init reads its centre back from the same text, so both project
** about the same rounded point. */
#define SL_LAEA_CENTRE_FORMAT "%.6f"

/* The projection centred on (LON0, LAT0) degrees, as written by
** SL_LAEA_CENTRE_FORMAT and read back. 0 when the centre
** is not of the oblique aspect (a pole or the equator): PROJ then does it
** all. */
int sl_laea_init(sl_laea *l, double lon0, double lat0);

/* Project (LON, LAT) degrees into (*X, *Y) metres. 0 (nothing written) for a
** point the written form leaves to PROJ: more than 180 degrees of longitude
** from the centre, or within a few kilometres of its antipode. */
int sl_laea_fwd(const sl_laea *l, double lon, double lat, double *x, double *y);

/* 1 when L gives bit for bit what the PROJ transformation PJ (a PJ *, in
** lon/lat order) gives, on the N points (LON, LAT) and on a fixed spread of
** points around the centre (LON0, LAT0). */
int sl_laea_check(const sl_laea *l, void *pj, double lon0, double lat0, const double *lon, const double *lat,
                  unsigned long n);

#endif
