/*
** circle.c — the 64 vertices of a request circle: points at the circle's
** radius from its centre along geodesics at equal azimuths
** (overlap_internal.h).
**
** One geodesic (geod_direct) per vertex was a fifth of a circle's split
** over city tracts once the clip was made fast. The ellipsoid is symmetric
** about the centre's meridian, so the western half mirrors the eastern one
** (PROJ gives bit-identical mirror images); and along the circle a vertex's
** latitude is an even, its longitude an odd, smooth function of the
** azimuth, whose harmonics shrink by a factor of about r/R (1 + tan lat)
** each: under 1e-3 for 10 km at 80°. So the vertices at multiples of
** 22.5° (9 of the half circle), or for a circle of up to 2 km within 55°
** of the equator those at multiples of 45° (5), are solved exactly and the
** others read from the trigonometric series through them (a cosine series
** for latitude, a sine series for longitude): what the series leaves is the
** next harmonic: some 1e-20 m for a kilometre with 9; with 5, 2e-9 m at
** 1 km and 6e-8 m at 2 km and 55° (the fifth grows as r^5 tan^4).
** Beyond 10 km or 80°, every vertex is solved. test_circle.c holds them
** to geod_direct's.
*/
#include <math.h>

#include "geo/overlap_internal.h"

enum { HALF = SL_CIRCLE_VERTICES / 2, MAX_NODES = 8 };

/* The weights reading vertex k of the half circle from NODES + 1 solved
** ones at multiples of 180° / NODES: the cosine series (latitude) and the
** sine series (longitude) through them. */
static void fill(double even[][MAX_NODES + 1], double odd[][MAX_NODES + 1], int nodes)
{
    for (int k = 0; k <= HALF; k++) {
        double a = M_PI * k / HALF;
        for (int i = 0; i <= nodes; i++) {
            double b = M_PI * i / nodes, e = 0, o = 0;
            for (int j = 0; j <= nodes; j++) {
                double halve = j == 0 || j == nodes ? 0.5 : 1;
                e += halve * cos(j * b) * cos(j * a);
                o += sin(j * b) * sin(j * a);
            }
            double ends = i == 0 || i == nodes ? 0.5 : 1;
            even[k][i] = 2.0 / nodes * ends * e;
            odd[k][i] = 2.0 / nodes * o;
        }
    }
}

void sl_circle_table_init(sl_circle_table *t)
{
    fill(t->even[0], t->odd[0], 4);
    fill(t->even[1], t->odd[1], 8);
}

/* How many intervals of the half circle are solved: what the series
** leaves must stay under 1e-7 m, a relative 1e-9 of a 200 m circle's area
** (test_circle.c). 0: every vertex. */
static int nodes_for(double radius, double lat)
{
    if (radius <= 2000 && fabs(lat) <= 55)
        return 4;
    if (radius <= 10000 && fabs(lat) <= 80)
        return 8;
    return 0;
}

void sl_circle_vertices(const sl_circle_table *t, const struct geod_geodesic *g, double lon, double lat,
                        double radius, double *cx, double *cy)
{
    int nodes = nodes_for(radius, lat), step = nodes ? HALF / nodes : 1;
    int table = nodes == 4 ? 0 : 1;
    const double(*even)[MAX_NODES + 1] = t->even[table], (*odd)[MAX_NODES + 1] = t->odd[table];
    double at[HALF + 1], north[HALF + 1], east[HALF + 1];
    for (int k = 0; k <= HALF; k += step) {
        double plon;
        geod_direct(g, lat, lon, 360.0 * k / SL_CIRCLE_VERTICES, radius, &at[k], &plon, NULL);
        /* longitudes stay continuous across the antimeridian (they may
        ** pass ±180), so the ring is never torn in two */
        north[k] = at[k] - lat, east[k] = remainder(plon - lon, 360.0);
    }
    for (int k = 0; k <= HALF; k++) {
        double y = at[k], de = east[k];
        if (k % step) {
            double dn = 0;
            de = 0;
            for (int i = 0; i <= nodes; i++)
                dn += even[k][i] * north[i * step], de += odd[k][i] * east[i * step];
            y = lat + dn;
        }
        cx[k] = lon + de, cy[k] = y;
        if (k > 0 && k < HALF)
            cx[SL_CIRCLE_VERTICES - k] = lon - de, cy[SL_CIRCLE_VERTICES - k] = y;
    }
}
