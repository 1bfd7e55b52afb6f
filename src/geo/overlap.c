/*
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
**
** Where a request lands is the point-in-polygon engine's answer (pip.h), the
** same index and half-open boundary rule that place posts: a point request
** on an edge shared by two tracts counts in the tract a post at that point
** counts in. The index's R-tree gives the areas whose boxes a circle or
** polygon touches, and most requests (a circle of a few hundred metres in a
** county) lie wholly inside one area, which the index tells without building
** the circle: those weigh 1 there. Only areas whose boundary may cross the
** request's box are clipped (GEOS, through OGR). Requests are independent,
** so blocks of them are split on every core and their rows joined in order.
*/
#include "sightline/pip.h"
#include "sightline/polyset.h"
#include "sightline/requests.h"
#include "geo/overlap_internal.h"
#include "util/gdal_lazy.h"

#include <geodesic.h>
#include <math.h>
#include <ogr_api.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Vertices of a request circle: GEOS's buffer default (16 per quarter). */
enum { CIRCLE_VERTICES = 64 };

/* What every block of requests reads, never writes. */
typedef struct shared {
    const sl_request_list *reqs;
    const unsigned char *const *wkb;
    const size_t *wkb_len;
    const sl_pip *pip;
} shared;

/* One block of requests, split by one thread into its own rows. */
typedef struct splitter {
    const shared *sh;
    size_t lo, hi, failed; /* failed: the request that could not be split, or SIZE_MAX */
    OGRGeometryH *area;    /* parsed lazily, per block: OGR geometries are not shared */
    sl_area_ids ids;
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
    if (!s->area[i] && OGR_G_CreateFromWkb(s->sh->wkb[i], NULL, &s->area[i], (int)s->sh->wkb_len[i]) != OGRERR_NONE)
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

/* A lon/lat box sure to hold the circle of RADIUS m around (lon, lat), with
** no geodesic computed: a degree of latitude is never shorter than at the
** equator (meridian radius a(1 - e²)), a degree of longitude never shorter
** than at the box's poleward edge (prime-vertical radius >= a). 0 near the
** poles, where such a box would be useless. */
static int circle_box(double lon, double lat, double radius, double box[4])
{
    const double a = 6378137.0, meridian_min = 6335439.327, deg = 180 / M_PI;
    double dlat = radius / meridian_min * deg * 1.001 + 1e-9, top = fabs(lat) + dlat;
    if (!(top < 89))
        return 0;
    double dlon = radius / (a * cos(top / deg)) * deg * 1.001 + 1e-9;
    box[0] = lon - dlon, box[1] = lat - dlat, box[2] = lon + dlon, box[3] = lat + dlat;
    return 1;
}

/* Clip REQ (ground area TOTAL) against area I, whose boundary may cross it:
** its share, 0 when they do not overlap, NAN when out of memory. */
static double clipped_share(splitter *s, size_t i, OGRGeometryH req, double total)
{
    OGRGeometryH area = area_geometry(s, i);
    if (!area || !OGR_G_Intersects(area, req)) return 0;
    OGRGeometryH piece = OGR_G_Intersection(area, req);
    double a = piece && !OGR_G_IsEmpty(piece) ? ground_area(s, piece) : 0;
    if (piece) OGR_G_DestroyGeometry(piece);
    return isnan(a) ? a : a > 0 && isfinite(a) ? a / total : 0;
}

/* Split polygon REQ of EVENT by overlap area; the rest goes outside. Only
** areas whose boxes meet REQ's box are looked at, in index order; an area
** holding the whole box takes its share without clipping. */
static int split_polygon(splitter *s, int64_t event, OGRGeometryH req)
{
    OGREnvelope env;
    OGR_G_GetEnvelope(req, &env);
    double box[4] = {env.MinX, env.MinY, env.MaxX, env.MaxY};
    double total = ground_area(s, req), inside = 0;
    if (isnan(total)) return -1;
    if (!(total > 0)) return push(s, event, SL_AREA_OUTSIDE, 1.0);
    int32_t owner = sl_pip_box_owner(s->sh->pip, box, &s->ids);
    if (owner != SL_BOX_UNKNOWN) return push(s, event, owner < 0 ? SL_AREA_OUTSIDE : (size_t)owner, 1.0);
    if (sl_pip_areas_in_box(s->sh->pip, box, &s->ids)) return -1;
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < s->ids.n; k++) {
        uint32_t i = s->ids.v[k];
        int rel = sl_pip_area_box_relation(s->sh->pip, i, box);
        double w = rel < 0 ? clipped_share(s, i, req, total) : rel;
        if (isnan(w)) rc = -1;
        else if (w > 0) {
            inside += w;
            rc = push(s, event, i, w);
        }
    }
    if (rc == 0 && inside < 1 - 1e-9) rc = push(s, event, SL_AREA_OUTSIDE, 1 - fmin(1, inside));
    return rc;
}

/* A point counts whole in the area the point-in-polygon engine puts it in,
** as a post at the same point would. */
static int place_point(splitter *s, int64_t event, double lon, double lat)
{
    int32_t a = sl_pip_locate(s->sh->pip, lon, lat);
    return push(s, event, a < 0 ? SL_AREA_OUTSIDE : (size_t)a, 1.0);
}

static int split_request(splitter *s, int64_t event, const sl_request *r)
{
    OGRGeometryH g = NULL;
    if (r->wkb) {
        if (OGR_G_CreateFromWkb(r->wkb, NULL, &g, (int)r->wkb_len) != OGRERR_NONE) g = NULL;
    } else if (isfinite(r->lat) && isfinite(r->lon) && r->radius_m > 0) {
        double box[4];
        int32_t owner = circle_box(r->lon, r->lat, r->radius_m, box)
                            ? sl_pip_box_owner(s->sh->pip, box, &s->ids) : SL_BOX_UNKNOWN;
        if (owner != SL_BOX_UNKNOWN) return push(s, event, owner < 0 ? SL_AREA_OUTSIDE : (size_t)owner, 1.0);
        g = circle(s, r->lon, r->lat, r->radius_m);
    } else if (isfinite(r->lat) && isfinite(r->lon)) {
        return place_point(s, event, r->lon, r->lat);
    }
    if (!g) return push(s, event, SL_AREA_OUTSIDE, 1.0);
    int rc = split_polygon(s, event, g);
    OGR_G_DestroyGeometry(g);
    return rc;
}

static void *split_block(void *arg)
{
    splitter *s = arg;
    for (size_t i = s->lo; i < s->hi; i++)
        if (split_request(s, (int64_t)i, &s->sh->reqs->items[i])) {
            s->failed = i;
            break;
        }
    return NULL;
}

static void splitter_free(splitter *s, size_t count)
{
    for (size_t i = 0; s->area && i < count; i++)
        if (s->area[i]) OGR_G_DestroyGeometry(s->area[i]);
    free(s->area);
    free(s->lon);
    free(s->lat);
    free(s->ids.v);
    free(s->rows);
}

/* Blocks of at least this many requests per thread: a thread costs more
** than splitting a few requests. */
enum { MIN_BLOCK = 256, MAX_THREADS = 16 };

static int thread_count(size_t requests)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cores > 0 ? (size_t)cores : 1, by_size = requests / MIN_BLOCK;
    if (n > MAX_THREADS) n = MAX_THREADS;
    if (n > by_size) n = by_size;
    return n > 0 ? (int)n : 1;
}

/* Split every request on NT threads; the blocks' rows joined in order. */
static sl_status split_all(const shared *sh, size_t count, int nt, sl_event_row **rows, size_t *nrows,
                           sl_error *err)
{
    splitter s[MAX_THREADS] = {{0}};
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    size_t n = sh->reqs->count, total = 0;
    sl_status st = SL_OK;
    for (int t = 0; t < nt; t++) {
        s[t] = (splitter){.sh = sh, .lo = n * (size_t)t / (size_t)nt, .hi = n * (size_t)(t + 1) / (size_t)nt,
                          .failed = SIZE_MAX, .area = calloc(count + 1, sizeof(OGRGeometryH))};
        geod_init(&s[t].geod, 6378137.0, 1 / 298.257223563);
        if (!s[t].area) st = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    for (int t = 1; !st && t < nt; t++) started[t] = pthread_create(&tid[t], NULL, split_block, &s[t]) == 0;
    if (!st) split_block(&s[0]);
    for (int t = 1; t < nt; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else if (!st) split_block(&s[t]); /* no thread: do its block here */
    }
    for (int t = 0; !st && t < nt; t++) {
        if (s[t].failed != SIZE_MAX)
            st = sl_fail(err, SL_ENOMEM, NULL, sh->reqs->items[s[t].failed].line,
                         "could not split request %zu over the areas", s[t].failed + 1);
        total += s[t].nrows;
    }
    sl_event_row *all = st ? NULL : malloc((total ? total : 1) * sizeof *all);
    if (!st && !all) st = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    size_t at = 0;
    for (int t = 0; !st && t < nt; t++) {
        if (s[t].nrows) memcpy(all + at, s[t].rows, s[t].nrows * sizeof *all);
        at += s[t].nrows;
    }
    for (int t = 0; t < nt; t++) splitter_free(&s[t], count);
    if (!st) {
        *rows = all;
        *nrows = total;
    }
    return st;
}

sl_status sl_request_weights(const sl_request_list *reqs, const unsigned char *const *area_wkb,
                             const size_t *area_wkb_len, const double *boxes, size_t count,
                             sl_event_row **rows, size_t *nrows, sl_error *err)
{
    (void)boxes; /* the index measures each area's box from its vertices */
    if (sl_gdal_ready(err)) return err->status;
    sl_polyset *ps = NULL;
    sl_pip *pip = NULL;
    sl_status st = sl_polyset_new(&ps, err);
    for (size_t i = 0; !st && i < count; i++) st = sl_polyset_add_wkb(ps, NULL, area_wkb[i], area_wkb_len[i], err);
    if (!st) st = sl_pip_build(ps, NULL, &pip, err);
    shared sh = {.reqs = reqs, .wkb = area_wkb, .wkb_len = area_wkb_len, .pip = pip};
    if (!st) st = split_all(&sh, count, thread_count(reqs->count), rows, nrows, err);
    sl_pip_free(pip);
    sl_polyset_free(ps);
    return st;
}
