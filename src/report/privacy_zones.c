/*
** privacy_zones.c — the privacy rule on the audit's zones taken together:
** without --exact no two zones may overlap.
**
** Each zone's counts are withheld under k on their own (collect_privacy.c),
** but two published counts of overlapping zones are subtracted by any
** reader: a circle of 400 m holding 5 cameras and one of 450 m about the
** same point holding 6 put exactly one camera in the ring between them, a
** place the k rule would never have shown alone. Withholding one of the two
** only when the difference is small would say so by being withheld (the
** ring then holds 1 to k-1), so the rule looks at the shapes alone, which
** are public: zones that overlap are refused, and a ring is drawn as a
** polygon with a hole. Shapes that only touch (neighbourhoods sharing a
** street) do not overlap.
*/
#include "report_internal.h"
#include "sightline/geo/polyset.h"
#include "sightline/geo/spatial.h"

#include <math.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

/* Sides of the polygon drawn around a circle. */
#define CIRCLE_SIDES 90

/* The point DISTANCE_M from (LAT, LON) along BEARING (radians), on the sphere. */
static void destination(double lat, double lon, double distance_m, double bearing, double *out_lat, double *out_lon)
{
    double d = distance_m / SL_EARTH_RADIUS_M, p1 = lat * M_PI / 180, l1 = lon * M_PI / 180;
    double p2 = asin(sin(p1) * cos(d) + cos(p1) * sin(d) * cos(bearing));
    double l2 = l1 + atan2(sin(bearing) * sin(d) * cos(p1), cos(d) - sin(p1) * sin(p2));
    *out_lat = p2 * 180 / M_PI;
    *out_lon = l2 * 180 / M_PI;
}

/* A ring of lon/lat points as an OGR polygon. */
static OGRGeometryH polygon_of(const double *lon, const double *lat, size_t n)
{
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing), poly = OGR_G_CreateGeometry(wkbPolygon);
    for (size_t i = 0; ring && i <= n; i++) OGR_G_AddPoint_2D(ring, lon[i % n], lat[i % n]);
    if (ring && poly) OGR_G_AddGeometryDirectly(poly, ring);
    else OGR_G_DestroyGeometry(ring);
    return poly;
}

/* Zone Z as a polygon in lon/lat holding all of it: a circle's polygon
** stands a little outside the circle (its sides touch a circle 0.1% wider),
** so an overlap is never missed; NULL out of memory or for a bad polygon. */
static OGRGeometryH zone_geometry(const sl_zone *z)
{
    if (z->kind == SL_ZONE_BBOX) {
        double lon[4] = {z->w, z->e, z->e, z->w}, lat[4] = {z->s, z->s, z->n, z->n};
        return polygon_of(lon, lat, 4);
    }
    if (z->kind == SL_ZONE_CIRCLE) {
        double lon[CIRCLE_SIDES], lat[CIRCLE_SIDES], r = (z->radius_m * 1.001 + 1) / cos(M_PI / CIRCLE_SIDES);
        for (int i = 0; i < CIRCLE_SIDES; i++) destination(z->lat, z->lon, r, 2 * M_PI * i / CIRCLE_SIDES, &lat[i], &lon[i]);
        return polygon_of(lon, lat, CIRCLE_SIDES);
    }
    OGRGeometryH all = OGR_G_CreateGeometry(wkbGeometryCollection);
    for (size_t i = 0; all && z->polygon && i < sl_polyset_count(z->polygon); i++) {
        unsigned char *wkb = NULL;
        size_t len = 0;
        sl_error ignored;
        OGRGeometryH g = NULL;
        if (sl_polyset_area_wkb(z->polygon, i, &wkb, &len, &ignored) == SL_OK &&
            OGR_G_CreateFromWkb(wkb, NULL, &g, (int)len) == OGRERR_NONE)
            OGR_G_AddGeometryDirectly(all, g);
        else {
            OGR_G_DestroyGeometry(all);
            all = NULL;
        }
        free(wkb);
    }
    return all;
}

/* 1 when zones A and B (as G and H) share more than their edges. */
static int overlap(const sl_zone *a, const sl_zone *b, OGRGeometryH g, OGRGeometryH h)
{
    if (a->kind == SL_ZONE_CIRCLE && b->kind == SL_ZONE_CIRCLE) /* exactly, as the zones count */
        return sl_distance_m(a->lat, a->lon, b->lat, b->lon) < a->radius_m + b->radius_m;
    if (!OGR_G_Intersects(g, h)) return 0;
    OGRGeometryH both = OGR_G_Intersection(g, h);
    if (!both) return 1; /* not known: taken as overlapping */
    /* neighbours sharing an edge meet in a line, or in slivers of rounding */
    double area = OGR_G_Area(both), least = fmin(OGR_G_Area(g), OGR_G_Area(h));
    OGR_G_DestroyGeometry(both);
    return !(area <= 1e-9 * least);
}

sl_status sl_privacy_check_zones(const sl_audit_named_zone *zones, size_t n, int exact, sl_error *err)
{
    if (exact || n < 2) return SL_OK;
    OGRGeometryH *g = calloc(n, sizeof *g);
    if (!g) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < n; i++)
        if (!(g[i] = zone_geometry(&zones[i].zone)))
            s = sl_fail(err, SL_EDATA, NULL, 0, "--zone %s: its shape could not be read", zones[i].name);
    for (size_t i = 1; !s && i < n; i++)
        for (size_t j = 0; !s && j < i; j++)
            if (overlap(&zones[i].zone, &zones[j].zone, g[i], g[j]))
                s = sl_fail(err, SL_EUSAGE, NULL, 0,
                            "--zone %s overlaps --zone %s: a reader would subtract one count from the other and "
                            "count the cameras where they differ, fewer than k perhaps (draw zones that do not "
                            "overlap, a ring as a polygon with a hole, or use --exact for a report not for "
                            "publication)",
                            zones[i].name, zones[j].name);
    for (size_t i = 0; i < n; i++)
        if (g[i]) OGR_G_DestroyGeometry(g[i]);
    free(g);
    return s;
}
