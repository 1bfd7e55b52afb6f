/*
** overlap_reference.c — FOR TESTS AND BENCHMARKS ONLY: the request splitter
** as it was before it used the point-in-polygon index (src/geo/overlap.c at
** a111045), kept verbatim but for its name, so the new splitter's weights
** can be checked against it (test_overlap_real.c) and timed beside it
** (bench/bench_requests.c). Include it; it defines one static function,
** reference_request_weights, with sl_request_weights's signature.
**
** What follows is that file's original comment.
**
** overlap.c — splitting request areas over study areas (see requests.h).
**
** A request "within 0.5 miles of this address" or over a drawn polygon covers
** parts of several tracts. Its weight is split by the ground area of each
** part (geodesic areas on the WGS84 ellipsoid, PROJ's geod_polygonarea), so
** the split is by ground area, not by degrees. GEOS (through OGR) does the
** intersections, in lon/lat.
**
** Areas used to be measured on a Lambert equal-area plane centred on each
** request, but building that projection (a spatial reference and a PROJ
** transformation, twice per circle) was 90% of the time: 2,000 circles over
** US counties took 3.6 s. The geodesic routines need no set-up per request.
*/
#include "sightline/geo/overlap.h"
/* Declared here rather than through util/gdal_lazy.h, so this copy does not
** follow that header's moves: GDAL must be opened before any OGR call. */
sl_status sl_gdal_ready(sl_error *err);

#include <geodesic.h>
#include <math.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Vertices of a request circle: GEOS's buffer default (16 per quarter). */
enum { CIRCLE_VERTICES = 64 };

typedef struct splitter {
    const unsigned char *const *wkb;
    const size_t *wkb_len;
    const double *boxes;
    size_t count;
    OGRGeometryH *area; /* parsed lazily */
    struct geod_geodesic geod;
    double *lon, *lat; /* one ring's vertices, for geod_polygonarea */
    size_t ring_cap;
    sl_event_row *rows;
    size_t nrows, cap;
} splitter;

static int push(splitter *s, int64_t event, size_t area, double weight)
{
    if (s->nrows == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        sl_event_row *grown = realloc(s->rows, cap * sizeof *grown);
        if (!grown) return -1;
        s->rows = grown;
        s->cap = cap;
    }
    s->rows[s->nrows++] = (sl_event_row){event, area, weight};
    return 0;
}

static OGRGeometryH area_geometry(splitter *s, size_t i)
{
    if (!s->area[i] && OGR_G_CreateFromWkb(s->wkb[i], NULL, &s->area[i], (int)s->wkb_len[i]) != OGRERR_NONE)
        s->area[i] = NULL;
    return s->area[i];
}

/* Ground area in m² enclosed by RING (lon/lat), whatever its orientation;
** NAN when out of memory. */
static double ring_area(splitter *s, OGRGeometryH ring)
{
    int n = OGR_G_GetPointCount(ring);
    if (n < 4) return 0;
    if ((size_t)n > s->ring_cap) {
        double *lon = realloc(s->lon, (size_t)n * sizeof *lon);
        if (lon) s->lon = lon;
        double *lat = realloc(s->lat, (size_t)n * sizeof *lat);
        if (lat) s->lat = lat;
        if (!lon || !lat) return NAN;
        s->ring_cap = (size_t)n;
    }
    OGR_G_GetPoints(ring, s->lon, sizeof(double), s->lat, sizeof(double), NULL, 0);
    double area = 0;
    /* The closing vertex repeats the first; PROJ closes rings itself. */
    geod_polygonarea(&s->geod, s->lat, s->lon, n - 1, &area, NULL);
    return fabs(area);
}

/* Ground area in m² of the polygons in G (lon/lat): a polygon, or the
** polygons of a collection an intersection returns; lines and points have
** none. */
static double ground_area(splitter *s, OGRGeometryH g)
{
    OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
    double a = 0;
    if (type == wkbPolygon) {
        int rings = OGR_G_GetGeometryCount(g);
        for (int r = 0; r < rings; r++) {
            double ring = ring_area(s, OGR_G_GetGeometryRef(g, r));
            a += r == 0 ? ring : -ring;
        }
        return isnan(a) ? a : fmax(a, 0); /* fmax would turn "out of memory" into 0 */
    }
    if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        int parts = OGR_G_GetGeometryCount(g);
        for (int i = 0; i < parts; i++) a += ground_area(s, OGR_G_GetGeometryRef(g, i));
    }
    return a;
}

/* A circle of RADIUS m around (lon, lat) as a lon/lat polygon: vertices at
** that geodesic distance. Longitudes stay continuous across the
** antimeridian (they may pass ±180), so the ring is never torn in two. */
static OGRGeometryH circle(splitter *s, double lon, double lat, double radius)
{
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    for (int k = 0; k <= CIRCLE_VERTICES; k++) {
        double azimuth = 360.0 * (k % CIRCLE_VERTICES) / CIRCLE_VERTICES, plat, plon;
        geod_direct(&s->geod, lat, lon, azimuth, radius, &plat, &plon, NULL);
        OGR_G_SetPoint_2D(ring, k, lon + remainder(plon - lon, 360.0), plat);
    }
    OGRGeometryH disc = OGR_G_CreateGeometry(wkbPolygon);
    if (OGR_G_AddGeometry(disc, ring) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(disc);
        disc = NULL;
    }
    OGR_G_DestroyGeometry(ring);
    return disc;
}

static int box_overlaps(const double *b, const OGREnvelope *e)
{
    return b[0] <= e->MaxX && b[2] >= e->MinX && b[1] <= e->MaxY && b[3] >= e->MinY;
}

/* Split polygon REQ of EVENT by overlap area; the rest goes outside. */
static int split_polygon(splitter *s, int64_t event, OGRGeometryH req)
{
    OGREnvelope env;
    OGR_G_GetEnvelope(req, &env);
    double total = ground_area(s, req), inside = 0;
    if (isnan(total)) return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && total > 0 && i < s->count; i++) {
        OGRGeometryH area = box_overlaps(s->boxes + 4 * i, &env) ? area_geometry(s, i) : NULL;
        if (!area || !OGR_G_Intersects(area, req)) continue;
        OGRGeometryH piece = OGR_G_Intersection(area, req);
        double a = piece && !OGR_G_IsEmpty(piece) ? ground_area(s, piece) : 0;
        if (piece) OGR_G_DestroyGeometry(piece);
        if (isnan(a)) rc = -1;
        else if (a > 0 && isfinite(a)) {
            inside += a / total;
            rc = push(s, event, i, a / total);
        }
    }
    if (rc == 0 && inside < 1 - 1e-9) rc = push(s, event, SL_AREA_OUTSIDE, 1 - fmin(1, inside));
    return rc;
}

/* A point counts whole in the first area that contains it. */
static int place_point(splitter *s, int64_t event, double lon, double lat)
{
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(pt, 0, lon, lat);
    OGREnvelope env = {lon, lon, lat, lat};
    size_t hit = SL_AREA_OUTSIDE;
    for (size_t i = 0; hit == SL_AREA_OUTSIDE && i < s->count; i++) {
        OGRGeometryH area = box_overlaps(s->boxes + 4 * i, &env) ? area_geometry(s, i) : NULL;
        if (area && OGR_G_Intersects(area, pt)) hit = i;
    }
    OGR_G_DestroyGeometry(pt);
    return push(s, event, hit, 1.0);
}

static int split_request(splitter *s, int64_t event, const sl_request *r)
{
    OGRGeometryH g = NULL;
    if (r->wkb) {
        if (OGR_G_CreateFromWkb(r->wkb, NULL, &g, (int)r->wkb_len) != OGRERR_NONE) g = NULL;
    } else if (isfinite(r->lat) && isfinite(r->lon) && r->radius_m > 0) {
        g = circle(s, r->lon, r->lat, r->radius_m);
    } else if (isfinite(r->lat) && isfinite(r->lon)) {
        return place_point(s, event, r->lon, r->lat);
    }
    if (!g) return push(s, event, SL_AREA_OUTSIDE, 1.0);
    int rc = split_polygon(s, event, g);
    OGR_G_DestroyGeometry(g);
    return rc;
}

static sl_status reference_request_weights(const sl_request_list *reqs, const unsigned char *const *area_wkb,
                                           const size_t *area_wkb_len, const double *boxes, size_t count,
                                           sl_event_row **rows, size_t *nrows, sl_error *err)
{
    if (sl_gdal_ready(err)) return err->status;
    splitter s = {.wkb = area_wkb, .wkb_len = area_wkb_len, .boxes = boxes, .count = count};
    geod_init(&s.geod, 6378137.0, 1 / 298.257223563);
    s.area = calloc(count + 1, sizeof *s.area);
    sl_status st = s.area ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; !st && i < reqs->count; i++)
        if (split_request(&s, (int64_t)i, &reqs->items[i]))
            st = sl_fail(err, SL_ENOMEM, NULL, reqs->items[i].line, "could not split request %zu over the areas", i + 1);
    for (size_t i = 0; s.area && i < count; i++)
        if (s.area[i]) OGR_G_DestroyGeometry(s.area[i]);
    free(s.area);
    free(s.lon);
    free(s.lat);
    if (st) {
        free(s.rows);
        return st;
    }
    *rows = s.rows;
    *nrows = s.nrows;
    return SL_OK;
}
