/*
** overlap.c — splitting request areas over study areas (see requests.h).
**
** A request "within 0.5 miles of this address" or over a drawn polygon covers
** parts of several tracts. Its weight is split by overlap area measured on a
** Lambert azimuthal equal-area plane centred on the request, so the split is
** by ground area, not by degrees. GEOS (through OGR) does the intersections.
*/
#include "sightline/requests.h"
#include "util/gdal_lazy.h"

#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct splitter {
    const unsigned char *const *wkb;
    const size_t *wkb_len;
    const double *boxes;
    size_t count;
    OGRGeometryH *area; /* parsed lazily */
    OGRSpatialReferenceH wgs84;
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

static OGRCoordinateTransformationH to_laea(splitter *s, double lon, double lat, int inverse)
{
    char def[160];
    snprintf(def, sizeof def, "+proj=laea +lat_0=%.7f +lon_0=%.7f +datum=WGS84 +units=m +no_defs", lat, lon);
    OGRSpatialReferenceH laea = OSRNewSpatialReference(NULL);
    OGRCoordinateTransformationH ct = NULL;
    if (OSRImportFromProj4(laea, def) == OGRERR_NONE)
        ct = inverse ? OCTNewCoordinateTransformation(laea, s->wgs84) : OCTNewCoordinateTransformation(s->wgs84, laea);
    OSRDestroySpatialReference(laea);
    return ct;
}

/* Ground area in m² of G (lon/lat), on the plane CT. */
static double plane_area(OGRGeometryH g, OGRCoordinateTransformationH ct)
{
    OGRGeometryH copy = OGR_G_Clone(g);
    double a = OGR_G_Transform(copy, ct) == OGRERR_NONE ? OGR_G_Area(copy) : NAN;
    OGR_G_DestroyGeometry(copy);
    return a;
}

/* A circle of RADIUS m around (lon, lat) as a lon/lat polygon. */
static OGRGeometryH circle(splitter *s, double lon, double lat, double radius)
{
    OGRCoordinateTransformationH back = to_laea(s, lon, lat, 1);
    if (!back) return NULL;
    OGRGeometryH centre = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(centre, 0, 0, 0);
    OGRGeometryH disc = OGR_G_Buffer(centre, radius, 16);
    OGR_G_DestroyGeometry(centre);
    if (disc && OGR_G_Transform(disc, back) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(disc);
        disc = NULL;
    }
    OCTDestroyCoordinateTransformation(back);
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
    OGRCoordinateTransformationH ct = to_laea(s, (env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2, 0);
    if (!ct) return -1;
    double total = plane_area(req, ct), inside = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && total > 0 && i < s->count; i++) {
        OGRGeometryH area = box_overlaps(s->boxes + 4 * i, &env) ? area_geometry(s, i) : NULL;
        if (!area || !OGR_G_Intersects(area, req)) continue;
        OGRGeometryH piece = OGR_G_Intersection(area, req);
        double a = piece && !OGR_G_IsEmpty(piece) ? plane_area(piece, ct) : 0;
        if (piece) OGR_G_DestroyGeometry(piece);
        if (a > 0 && isfinite(a)) {
            inside += a / total;
            rc = push(s, event, i, a / total);
        }
    }
    OCTDestroyCoordinateTransformation(ct);
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

sl_status sl_request_weights(const sl_request_list *reqs, const unsigned char *const *area_wkb,
                             const size_t *area_wkb_len, const double *boxes, size_t count,
                             sl_event_row **rows, size_t *nrows, sl_error *err)
{
    if (sl_gdal_ready(err)) return err->status;
    splitter s = {.wkb = area_wkb, .wkb_len = area_wkb_len, .boxes = boxes, .count = count};
    s.area = calloc(count + 1, sizeof *s.area);
    s.wgs84 = OSRNewSpatialReference(SRS_WKT_WGS84_LAT_LONG);
    sl_status st = s.area && s.wgs84 ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!st) OSRSetAxisMappingStrategy(s.wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    for (size_t i = 0; !st && i < reqs->count; i++)
        if (split_request(&s, (int64_t)i, &reqs->items[i]))
            st = sl_fail(err, SL_ENOMEM, NULL, reqs->items[i].line, "could not split request %zu over the areas", i + 1);
    for (size_t i = 0; s.area && i < count; i++)
        if (s.area[i]) OGR_G_DestroyGeometry(s.area[i]);
    free(s.area);
    if (s.wgs84) OSRDestroySpatialReference(s.wgs84);
    if (st) {
        free(s.rows);
        return st;
    }
    *rows = s.rows;
    *nrows = s.nrows;
    return SL_OK;
}
