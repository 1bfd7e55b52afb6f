/*
** overlap.c — splitting request areas over study areas (see requests.h).
**
** A request "within 0.5 miles of this address" or over a drawn polygon covers
** parts of several tracts. Its weight is split by the ground area of each
** part (geodesic areas on the WGS84 ellipsoid: PROJ's geod_polygonarea, or
** for the pieces of a circle the local formula of local_area.c, equal to it
** within 1e-9), so the split is by ground area, not by degrees. A circle
** of up to 10 km is clipped against each area in one pass over the area's
** rings (clip_circle.c), its 64 vertices read from a few geodesics
** (circle.c); GEOS (its reentrant C API, one context per thread) clips
** drawn polygons and larger circles, in lon/lat.
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
** the circle: those weigh 1 there. Only areas whose boxes meet the request
** are clipped; an area wholly inside a circle is measured once and kept.
** Requests are independent, so blocks of them are split on every core and
** their rows joined in request order.
*/
#include "sightline/geo/overlap.h"
#include "sightline/geo/gdal.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "geo/overlap_internal.h"

#include "sightline/geo/ground_area.h"
#include <math.h>
#include <geos_c.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CIRCLE_VERTICES = SL_CIRCLE_VERTICES };

/* What every block of requests reads, never writes. */
typedef struct shared {
    const sl_request_list *reqs;
    const unsigned char *const *wkb;
    const size_t *wkb_len;
    const sl_pip *pip;
    const sl_progress *progress; /* may be NULL */
    const sl_clip_rings *rings;  /* the areas' rings, for the one-pass clip */
    sl_circle_table circle;      /* how circles' vertices are read */
} shared;

/* One block of requests, split by one thread into its own rows. */
typedef struct splitter {
    const shared *sh;
    size_t lo, hi, failed; /* failed: the request that could not be split, or SIZE_MAX */
    int tells;             /* the caller's block: tells sh->progress, scaled to every request */
    GEOSContextHandle_t geos;
    GEOSWKBReader *reader;
    GEOSGeometry **area; /* parsed lazily, per block: GEOS geometries are not shared */
    sl_area_ids ids;
    struct geod_geodesic geod;
    sl_local_area local; /* for pieces of a circle, when use_local */
    int use_local;
    double cx[CIRCLE_VERTICES], cy[CIRCLE_VERTICES]; /* the circle being split */
    int orientation;                                 /* its sl_convex_orientation */
    sl_clip_circle ring;                             /* it, made ready for the one-pass clip */
    double *whole; /* per area: its ground area, NAN until an area wholly inside a circle needs it */
    sl_clip_buf clip;
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

static const GEOSGeometry *area_geometry(splitter *s, size_t i)
{
    if (!s->area[i]) s->area[i] = GEOSWKBReader_read_r(s->geos, s->reader, s->sh->wkb[i], s->sh->wkb_len[i]);
    return s->area[i];
}

/* Ground area in m² enclosed by RING (lon/lat), whatever its orientation;
** NAN when out of memory. */
static double ring_area(splitter *s, const GEOSGeometry *ring)
{
    const GEOSCoordSequence *seq = ring ? GEOSGeom_getCoordSeq_r(s->geos, ring) : NULL;
    unsigned int n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(s->geos, seq, &n) || n < 4) return 0;
    if ((size_t)n > s->ring_cap) {
        double *lon = realloc(s->lon, (size_t)n * sizeof *lon);
        if (lon) s->lon = lon;
        double *lat = realloc(s->lat, (size_t)n * sizeof *lat);
        if (lat) s->lat = lat;
        if (!lon || !lat) return NAN;
        s->ring_cap = (size_t)n;
    }
    if (!GEOSCoordSeq_copyToArrays_r(s->geos, seq, s->lon, s->lat, NULL, NULL)) return NAN;
    /* The closing vertex repeats the first; PROJ closes rings itself. */
    if (s->use_local) return sl_local_ring_area(&s->local, s->lon, s->lat, n - 1);
    return sl_ground_ring_area(&s->geod, s->lat, s->lon, n - 1);
}

/* Ground area in m² of the polygons in G (lon/lat): a polygon, or the
** polygons of a collection an intersection returns; lines and points have
** none. */
static double ground_area(splitter *s, const GEOSGeometry *g)
{
    int type = GEOSGeomTypeId_r(s->geos, g);
    double a = 0;
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(s->geos, g)) return 0;
        a = ring_area(s, GEOSGetExteriorRing_r(s->geos, g));
        int holes = GEOSGetNumInteriorRings_r(s->geos, g);
        for (int r = 0; r < holes; r++) a -= ring_area(s, GEOSGetInteriorRingN_r(s->geos, g, r));
        return isnan(a) ? a : fmax(a, 0); /* fmax would turn "out of memory" into 0 */
    }
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        int parts = GEOSGetNumGeometries_r(s->geos, g);
        for (int i = 0; i < parts; i++) a += ground_area(s, GEOSGetGeometryN_r(s->geos, g, i));
    }
    return a;
}

/* The circle in s->cx, s->cy as a GEOS polygon, for the clip by GEOS. */
static GEOSGeometry *circle_polygon(splitter *s)
{
    GEOSCoordSequence *seq = GEOSCoordSeq_create_r(s->geos, CIRCLE_VERTICES + 1, 2);
    for (unsigned k = 0; seq && k <= CIRCLE_VERTICES; k++)
        GEOSCoordSeq_setXY_r(s->geos, seq, k, s->cx[k % CIRCLE_VERTICES], s->cy[k % CIRCLE_VERTICES]);
    GEOSGeometry *ring = seq ? GEOSGeom_createLinearRing_r(s->geos, seq) : NULL;
    return ring ? GEOSGeom_createPolygon_r(s->geos, ring, NULL, 0) : NULL;
}

/* Ground area of that circle polygon without a geodesic: its vertices are
** RADIUS from the centre at equal azimuths, so it is the plane's regular
** polygon up to the surface's curvature, a relative K r²/12 (1e-8 at 5 km,
** checked against geod_polygonarea): negligible next to the 1e-6 the weights
** keep, up to MAX_PLANE_RADIUS. */
enum { MAX_PLANE_RADIUS = 10000 };
static double circle_area(double radius)
{
    return CIRCLE_VERTICES / 2.0 * radius * radius * sin(2 * M_PI / CIRCLE_VERTICES);
}

/* A disc sure to hold the circle of RADIUS m around (lon, lat), with no
** geodesic computed. Scale lon/lat by the shortest metres per degree found
** within the circle's latitudes: the meridian radius M grows away from the
** equator, the parallel's radius N cos(lat) shrinks, so any path from the
** centre is at least as long in these scaled (linear) coordinates as on the
** ground, and every vertex of the circle, and the straight edges between
** them, lie in the disc of that radius. A relative 1e-6 covers rounding.
** 0 near the poles, where the scale would vanish. */
static int circle_disc(double lon, double lat, double radius, sl_disc *d)
{
    const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f), deg = 180 / M_PI;
    double dlat = radius / (a * (1 - e2)) * deg * 1.001, top = fabs(lat) + dlat, low = fabs(lat) - dlat;
    if (!(top < 89))
        return 0;
    double sl = low > 0 ? sin(low / deg) : 0, st = sin(top / deg);
    double m_min = a * (1 - e2) / pow(1 - e2 * sl * sl, 1.5), p_min = a * cos(top / deg) / sqrt(1 - e2 * st * st);
    double r = radius * (1 + 1e-6);
    *d = (sl_disc){.cx = lon, .cy = lat, .kx = p_min / deg, .ky = m_min / deg, .r2 = r * r};
    double hx = r / d->kx, hy = r / d->ky;
    d->box[0] = lon - hx, d->box[1] = lat - hy, d->box[2] = lon + hx, d->box[3] = lat + hy;
    return 1;
}

/* Clip REQ (ground area TOTAL) against area I, whose boundary may cross it:
** its share, 0 when they do not overlap, NAN when out of memory. GEOS's
** intersection skips the edges outside REQ's envelope, so a long county
** boundary costs a scan, not a noding. */
static double clipped_share(splitter *s, size_t i, const GEOSGeometry *req, double total)
{
    if (s->use_local && s->orientation) {
        /* A circle: clipped directly; a sliver of rounding is no overlap. */
        double a = sl_clip_convex_area(s->sh->pip->ps, (uint32_t)i, s->cx, s->cy, CIRCLE_VERTICES, s->orientation,
                                       &s->local, &s->clip);
        return isnan(a) ? a : a > 1e-10 * total ? a / total : 0;
    }
    const GEOSGeometry *area = area_geometry(s, i);
    GEOSGeometry *piece = area ? GEOSIntersection_r(s->geos, area, req) : NULL;
    double a = piece && !GEOSisEmpty_r(s->geos, piece) ? ground_area(s, piece) : 0;
    if (piece) GEOSGeom_destroy_r(s->geos, piece);
    return isnan(a) ? a : a > 0 && isfinite(a) ? a / total : 0;
}

/* Ground area of area I, measured about its own middle latitude: asked
** only of areas wholly inside a circle, so within a few km of it. */
static double whole_area(splitter *s, uint32_t i, const double box[4])
{
    if (isnan(s->whole[i])) {
        const sl_polyset *ps = s->sh->pip->ps;
        sl_local_area l;
        sl_local_area_init(&l, (box[1] + box[3]) / 2);
        double a = 0;
        for (size_t r = ps->area_ring[i]; r < ps->area_ring[i + 1]; r++) {
            size_t v0 = ps->ring_vert[r], n = ps->ring_vert[r + 1] - v0;
            if (n < 4) continue;
            double part = sl_local_ring_area(&l, ps->x + v0, ps->y + v0, n - 1); /* stored closed */
            a += ps->ring_outer[r] ? part : -part;
        }
        s->whole[i] = fmax(a, 0);
    }
    return s->whole[i];
}

/* Area I's share of the circle made ready in s->ring (ground area TOTAL):
** an area wholly inside the circle's inner disc is measured once and
** kept; any other is clipped in one pass, which finds for itself an area
** that misses the circle or holds it. */
static double circle_share(splitter *s, uint32_t i, double total)
{
    const sl_polyset *ps = s->sh->pip->ps;
    double box[4];
    sl_polyset_bounds(ps, i, box);
    double a = sl_clip_circle_holds_box(&s->ring, box) ? whole_area(s, i, box)
                                                        : sl_clip_circle_area(&s->ring, s->sh->rings, ps, i, &s->clip);
    return isnan(a) ? a : a > 1e-10 * total ? a / total : 0;
}

/* REQ's bounding box {minx, miny, maxx, maxy}; 0 when it has none. */
static int envelope(splitter *s, const GEOSGeometry *req, double box[4])
{
    return !GEOSisEmpty_r(s->geos, req) && GEOSGeom_getXMin_r(s->geos, req, &box[0]) &&
           GEOSGeom_getYMin_r(s->geos, req, &box[1]) && GEOSGeom_getXMax_r(s->geos, req, &box[2]) &&
           GEOSGeom_getYMax_r(s->geos, req, &box[3]);
}

/* Split polygon REQ of EVENT by overlap area; the rest goes outside. Only
** areas whose boxes meet REQ's box are looked at, in index order; an area
** holding the whole box (or DISC, for a circle) takes its share without
** clipping. TOTAL is REQ's ground area, or NAN to measure it here. */
static int split_polygon(splitter *s, int64_t event, const GEOSGeometry *req, const sl_disc *disc, double total)
{
    double box[4], inside = 0;
    if (isnan(total)) total = ground_area(s, req);
    if (isnan(total)) return -1;
    if (!(total > 0) || !envelope(s, req, box)) return push(s, event, SL_AREA_OUTSIDE, 1.0);
    int32_t owner = disc ? SL_BOX_UNKNOWN : sl_pip_box_owner(s->sh->pip, box, &s->ids);
    if (owner != SL_BOX_UNKNOWN) return push(s, event, owner < 0 ? SL_AREA_OUTSIDE : (size_t)owner, 1.0);
    if (sl_pip_areas_in_box(s->sh->pip, box, &s->ids)) return -1;
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < s->ids.n; k++) {
        uint32_t i = s->ids.v[k];
        int rel = disc ? sl_pip_area_disc_relation(s->sh->pip, i, disc) : sl_pip_area_box_relation(s->sh->pip, i, box);
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

/* Split the circle of EVENT made ready in s->ring (ground area TOTAL) over
** the areas whose boxes meet DISC's box: s->ids, as sl_pip_disc_owner
** left them (found again if it could not). No GEOS geometry is built: the
** one-pass clip decides every area, also one that holds the whole circle
** (its share is then exactly 1) or misses it. The areas come in the
** index's order; the rows kept, a handful, are put in the areas' order
** after. */
static int split_circle(splitter *s, int64_t event, const sl_disc *disc, double total)
{
    if (s->ids.n == 0 && sl_pip_areas_meeting_box(s->sh->pip, disc->box, &s->ids)) return -1;
    double inside = 0;
    int rc = 0;
    size_t first = s->nrows;
    for (size_t k = 0; rc == 0 && k < s->ids.n; k++) {
        uint32_t i = s->ids.v[k];
        double w = circle_share(s, i, total);
        if (isnan(w)) rc = -1;
        else if (w > 0) rc = push(s, event, i, w);
    }
    for (size_t i = first + 1; rc == 0 && i < s->nrows; i++)
        for (size_t j = i; j > first && s->rows[j].area < s->rows[j - 1].area; j--) {
            sl_event_row tmp = s->rows[j];
            s->rows[j] = s->rows[j - 1], s->rows[j - 1] = tmp;
        }
    for (size_t i = first; rc == 0 && i < s->nrows; i++) inside += s->rows[i].weight;
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
    GEOSGeometry *g = NULL;
    sl_disc disc, *around = NULL;
    if (r->wkb) {
        g = GEOSWKBReader_read_r(s->geos, s->reader, r->wkb, r->wkb_len);
    } else if (isfinite(r->lat) && isfinite(r->lon) && r->radius_m > 0) {
        if (circle_disc(r->lon, r->lat, r->radius_m, &disc)) around = &disc;
        int local = around && r->radius_m <= MAX_PLANE_RADIUS;
        /* The one-pass clip tells an area holding the whole circle as
        ** cheaply as the index's edges would: only the grid is asked. */
        int32_t owner = !around ? SL_BOX_UNKNOWN : sl_pip_disc_owner(s->sh->pip, around, &s->ids);
        if (owner != SL_BOX_UNKNOWN) return push(s, event, owner < 0 ? SL_AREA_OUTSIDE : (size_t)owner, 1.0);
        sl_circle_vertices(&s->sh->circle, &s->geod, r->lon, r->lat, r->radius_m, s->cx, s->cy);
        /* A circle's pieces lie within its radius of the centre: measured
        ** locally. Its vertices go clockwise (azimuths do); the clip's set-up
        ** checks it is convex. */
        if (local) {
            sl_local_area_init(&s->local, r->lat);
            if (sl_clip_circle_init(&s->ring, s->cx, s->cy, CIRCLE_VERTICES, -1, r->lon, r->lat, around->kx, around->ky,
                                    &s->local) == 0) {
                /* measured by the same boundary sum as its pieces, so
                ** pieces that cover it add up to 1 */
                return split_circle(s, event, around, fabs(s->ring.edge_sum[CIRCLE_VERTICES]));
            }
            s->use_local = 1;
        }
        s->orientation = sl_convex_orientation(s->cx, s->cy, CIRCLE_VERTICES);
        g = circle_polygon(s);
    } else if (isfinite(r->lat) && isfinite(r->lon)) {
        return place_point(s, event, r->lon, r->lat);
    }
    if (!g) {
        s->use_local = 0;
        return push(s, event, SL_AREA_OUTSIDE, 1.0);
    }
    int rc = split_polygon(s, event, g, around, s->use_local ? circle_area(r->radius_m) : NAN);
    s->use_local = 0;
    GEOSGeom_destroy_r(s->geos, g);
    return rc;
}

static void *split_block(void *arg)
{
    splitter *s = arg;
    size_t n = s->sh->reqs->count;
    for (size_t i = s->lo; i < s->hi; i++) {
        /* the blocks are of one size and run side by side: the caller's
        ** own tells how far they all are */
        if (s->tells && (i - s->lo) % 1024 == 0)
            sl_progress_tell(s->sh->progress, "requests split",
                             (uint64_t)((double)(i - s->lo) / (double)(s->hi - s->lo) * (double)n), n);
        if (split_request(s, (int64_t)i, &s->sh->reqs->items[i])) {
            s->failed = i;
            break;
        }
    }
    return NULL;
}

static void splitter_free(splitter *s, size_t count)
{
    for (size_t i = 0; s->area && i < count; i++)
        if (s->area[i]) GEOSGeom_destroy_r(s->geos, s->area[i]);
    free(s->area);
    if (s->reader) GEOSWKBReader_destroy_r(s->geos, s->reader);
    if (s->geos) GEOS_finish_r(s->geos);
    free(s->lon);
    free(s->lat);
    free(s->ids.v);
    free(s->rows);
    for (int i = 0; i < 4; i++) free(s->clip.v[i]);
    free(s->clip.cross);
    free(s->whole);
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
                           size_t *failed, sl_error *err)
{
    splitter s[MAX_THREADS] = {{0}};
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    size_t n = sh->reqs->count, total = 0;
    sl_status st = SL_OK;
    for (int t = 0; t < nt; t++) {
        s[t] = (splitter){.sh = sh, .lo = n * (size_t)t / (size_t)nt, .hi = n * (size_t)(t + 1) / (size_t)nt,
                          .failed = SIZE_MAX, .tells = t == 0, .area = calloc(count + 1, sizeof(GEOSGeometry *)),
                          .geos = GEOS_init_r(), .whole = malloc((count + 1) * sizeof(double))};
        for (size_t i = 0; s[t].whole && i < count; i++) s[t].whole[i] = NAN;
        sl_ground_wgs84(&s[t].geod);
        if (s[t].geos) s[t].reader = GEOSWKBReader_create_r(s[t].geos);
        if (!s[t].area || !s[t].reader || !s[t].whole) st = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    for (int t = 1; !st && t < nt; t++) started[t] = pthread_create(&tid[t], NULL, split_block, &s[t]) == 0;
    if (!st) split_block(&s[0]);
    for (int t = 1; t < nt; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else if (!st) split_block(&s[t]); /* no thread: do its block here */
    }
    for (int t = 0; !st && t < nt; t++) {
        if (s[t].failed != SIZE_MAX) {
            const sl_request *q = &sh->reqs->items[s[t].failed];
            *failed = s[t].failed;
            st = sl_fail(err, SL_EDATA, NULL, q->line,
                         "could not split the request at line %ld of import %ld over the areas: its coordinates are "
                         "damaged or not longitude/latitude; `sightline rm %ld` removes that import; importing the file again checks (or reprojects) its coordinates",
                         q->line, q->source_id, q->source_id);
        }
        total += s[t].nrows;
    }
    /* The first block's rows grow to hold the others' (a realloc of that
    ** size moves pages, it does not copy them): a million circles over
    ** tracts make some 450 MB of rows, and a fresh array of them was a
    ** tenth of the split, mostly the kernel zeroing its pages. */
    sl_event_row *all = st ? NULL : realloc(s[0].rows, (total ? total : 1) * sizeof *all);
    if (!st && !all) st = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (all) s[0].rows = NULL;
    size_t at = st ? 0 : s[0].nrows;
    for (int t = 1; !st && t < nt; t++) {
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
    return sl_request_weights_told(reqs, area_wkb, area_wkb_len, boxes, count, NULL, rows, nrows, NULL, err);
}

sl_status sl_request_weights_told(const sl_request_list *reqs, const unsigned char *const *area_wkb,
                                  const size_t *area_wkb_len, const double *boxes, size_t count,
                                  const sl_progress *progress, sl_event_row **rows, size_t *nrows,
                                  size_t *failed, sl_error *err)
{
    size_t none;
    if (!failed) failed = &none;
    *failed = SIZE_MAX;
    (void)boxes; /* the index measures each area's box from its vertices */
    sl_polyset *ps = NULL;
    sl_pip *pip = NULL;
    sl_status st = sl_polyset_new(&ps, err);
    for (size_t i = 0; !st && i < count; i++) st = sl_polyset_add_wkb(ps, NULL, area_wkb[i], area_wkb_len[i], err);
    if (!st) st = sl_pip_build(ps, NULL, &pip, err);
    sl_clip_rings rings = {0};
    if (!st && sl_clip_rings_build(&rings, ps)) st = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    shared sh = {.reqs = reqs, .wkb = area_wkb, .wkb_len = area_wkb_len, .pip = pip, .progress = progress,
                 .rings = &rings};
    sl_circle_table_init(&sh.circle);
    if (!st) st = split_all(&sh, count, thread_count(reqs->count), rows, nrows, failed, err);
    sl_clip_rings_free(&rings);
    sl_pip_free(pip);
    sl_polyset_free(ps);
    return st;
}
