/*
** polyset.c — building a polygon set in flat arrays, its accessors, the
** geodesic area of each area (PROJ's geodesic routines: GDAL 3.6 has no
** OGR_G_GeodesicArea) and WKB in and out.
**
** Arrays grow by doubling, so adding a national layer costs a few dozen
** reallocations in total, not one allocation per vertex or ring.
*/
#include <cpl_error.h>
#include "sightline/geo/ground_area.h"
#include <math.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

#include "geo/polyset_internal.h"
#include "sightline/geo/gdal.h"

/* Capacity for NEED elements, doubling from CAP. */
static size_t next_cap(size_t cap, size_t need)
{
    size_t c = cap ? cap : 64;
    while (c < need)
        c *= 2;
    return c;
}

static int resize(void **p, size_t count, size_t elem_size)
{
    void *q = realloc(*p, count * elem_size);
    if (!q)
        return 0;
    *p = q;
    return 1;
}

/* Parallel arrays share one capacity; the offset arrays hold one more. */
static int grow_areas(sl_polyset *ps, size_t need)
{
    if (need <= ps->cap_areas)
        return 1;
    size_t c = next_cap(ps->cap_areas, need);
    if (!resize((void **)&ps->area_ring, c + 1, sizeof *ps->area_ring) ||
        !resize((void **)&ps->bbox, c, 4 * sizeof *ps->bbox) ||
        !resize((void **)&ps->fid, c, sizeof *ps->fid) ||
        !resize((void **)&ps->ids, c, sizeof *ps->ids))
        return 0;
    ps->cap_areas = c;
    return 1;
}

static int grow_rings(sl_polyset *ps, size_t need)
{
    if (need <= ps->cap_rings)
        return 1;
    size_t c = next_cap(ps->cap_rings, need);
    if (!resize((void **)&ps->ring_vert, c + 1, sizeof *ps->ring_vert) ||
        !resize((void **)&ps->ring_outer, c, 1))
        return 0;
    ps->cap_rings = c;
    return 1;
}

static int grow_verts(sl_polyset *ps, size_t need)
{
    if (need <= ps->cap_verts)
        return 1;
    size_t c = next_cap(ps->cap_verts, need);
    if (!resize((void **)&ps->x, c, sizeof *ps->x) || !resize((void **)&ps->y, c, sizeof *ps->y))
        return 0;
    ps->cap_verts = c;
    return 1;
}

sl_status sl_polyset_new(sl_polyset **out, sl_error *err)
{
    sl_polyset *ps = calloc(1, sizeof *ps);
    if (!ps || !grow_areas(ps, 16) || !grow_rings(ps, 16)) {
        sl_polyset_free(ps);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for a polygon set");
    }
    ps->area_ring[0] = 0;
    ps->ring_vert[0] = 0;
    *out = ps;
    return SL_OK;
}

void sl_polyset_free(sl_polyset *ps)
{
    if (!ps)
        return;
    free(ps->area_ring);
    free(ps->bbox);
    free(ps->fid);
    free(ps->ids);
    free(ps->ring_vert);
    free(ps->ring_outer);
    free(ps->x);
    free(ps->y);
    sl_arena_free(&ps->arena);
    free(ps);
}

sl_status sl_polyset_begin_area(sl_polyset *ps, const char *id, long fid, sl_error *err)
{
    if (ps->n_rings > UINT32_MAX - 1 || !grow_areas(ps, ps->n_areas + 1))
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for areas");
    const char *copy = sl_arena_strdup(&ps->arena, id);
    if (!copy)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for area ids");
    size_t a = ps->n_areas++;
    ps->ids[a] = copy;
    ps->fid[a] = fid;
    ps->area_ring[a] = (uint32_t)ps->n_rings;
    ps->area_ring[a + 1] = (uint32_t)ps->n_rings;
    return SL_OK;
}

sl_status sl_polyset_add_ring(sl_polyset *ps, const double *x, size_t xstride,
                           const double *y, size_t ystride, size_t n, int outer,
                           sl_error *err)
{
    if (n == 0)
        return SL_OK;
    /* NaN or inf would poison every box and the grid's shape (found by
    ** fuzz_wkb: a NaN extent became a grid size); no reader makes them, so a
    ** blob holding one is damaged. */
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i * xstride]) || !isfinite(y[i * ystride]))
            return sl_fail(err, SL_EDATA, "", 0, "a ring has a vertex that is not a finite number");
    int closed = x[0] == x[(n - 1) * xstride] && y[0] == y[(n - 1) * ystride];
    size_t need = ps->n_verts + n + (closed ? 0 : 1);
    if (need > UINT32_MAX || !grow_verts(ps, need) || !grow_rings(ps, ps->n_rings + 1))
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for polygon vertices");
    double *dx = ps->x + ps->n_verts, *dy = ps->y + ps->n_verts;
    for (size_t i = 0; i < n; i++) {
        dx[i] = x[i * xstride];
        dy[i] = y[i * ystride];
    }
    if (!closed) {
        dx[n] = dx[0];
        dy[n] = dy[0];
    }
    ps->n_verts = need;
    ps->ring_outer[ps->n_rings] = (unsigned char)(outer != 0);
    ps->n_rings++;
    ps->ring_vert[ps->n_rings] = (uint32_t)ps->n_verts;
    ps->area_ring[ps->n_areas] = (uint32_t)ps->n_rings;
    return SL_OK;
}

static double ring_area_m2(const struct geod_geodesic *g, const sl_polyset *ps, size_t r)
{
    size_t v0 = ps->ring_vert[r], n = ps->ring_vert[r + 1] - v0;
    /* The closing vertex repeats the first; PROJ closes rings itself. */
    return n < 4 ? 0 : sl_ground_ring_area(g, ps->y + v0, ps->x + v0, n - 1);
}

void sl_polyset_end_area(sl_polyset *ps)
{
    size_t a = ps->n_areas - 1;
    double *box = ps->bbox + 4 * a;
    box[0] = box[1] = INFINITY;
    box[2] = box[3] = -INFINITY;
    size_t v0 = ps->ring_vert[ps->area_ring[a]], v1 = ps->ring_vert[ps->area_ring[a + 1]];
    for (size_t v = v0; v < v1; v++) {
        box[0] = fmin(box[0], ps->x[v]);
        box[1] = fmin(box[1], ps->y[v]);
        box[2] = fmax(box[2], ps->x[v]);
        box[3] = fmax(box[3], ps->y[v]);
    }
}

/* Computed on demand: geodesic areas cost more than loading the polygons,
** and a join does not need them. */
double sl_polyset_area_km2(const sl_polyset *ps, size_t i)
{
    struct geod_geodesic g;
    sl_ground_wgs84(&g);
    double m2 = 0;
    for (size_t r = ps->area_ring[i]; r < ps->area_ring[i + 1]; r++) {
        double ring = ring_area_m2(&g, ps, r);
        m2 += ps->ring_outer[r] ? ring : -ring;
    }
    return m2 / 1e6;
}

static sl_status add_ogr_polygon(sl_polyset *ps, OGRGeometryH poly, sl_error *err)
{
    int n = OGR_G_GetGeometryCount(poly);
    for (int i = 0; i < n; i++) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(poly, i);
        int np = OGR_G_GetPointCount(ring);
        if (np <= 0 && i == 0)
            return SL_OK; /* an empty exterior: the polygon is empty, holes and all */
        if (np <= 0)
            continue;
        double *buf = malloc(2 * (size_t)np * sizeof *buf);
        if (!buf)
            return sl_fail(err, SL_ENOMEM, "", 0, "out of memory reading a ring");
        OGR_G_GetPoints(ring, buf, 2 * sizeof(double), buf + 1, 2 * sizeof(double), NULL, 0);
        sl_status st = sl_polyset_add_ring(ps, buf, 2, buf + 1, 2, (size_t)np, i == 0, err);
        free(buf);
        if (st != SL_OK)
            return st;
    }
    return SL_OK;
}

sl_status sl_polyset_add_ogr(sl_polyset *ps, void *geometry, sl_error *err)
{
    OGRGeometryH g = geometry;
    if (!g || OGR_G_IsEmpty(g))
        return SL_OK;
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon)
        return add_ogr_polygon(ps, g, err);
    if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            sl_status st = sl_polyset_add_ogr(ps, OGR_G_GetGeometryRef(g, i), err);
            if (st != SL_OK)
                return st;
        }
        return SL_OK;
    }
    if (OGR_G_HasCurveGeometry(g, 0) && t != wkbCircularString && t != wkbCompoundCurve) {
        OGRGeometryH lin = OGR_G_GetLinearGeometry(g, 0, NULL);
        sl_status st = sl_polyset_add_ogr(ps, lin, err);
        OGR_G_DestroyGeometry(lin);
        return st;
    }
    return SL_OK; /* points and lines bound no area */
}

/* ---- WKB without GDAL ---------------------------------------------------
** The store's areas are 2D (Multi)Polygons that sightline wrote itself
** (sl_polyset_area_wkb). Reading them here rather than through OGR spares
** `join`, `cameras` and the rest GDAL's driver registration and one OGR
** geometry per area; anything else - Z or M, curves, collections - still
** goes to OGR below. */

typedef struct wkb_reader {
    const unsigned char *p, *end;
} wkb_reader;

static int wkb_u32(wkb_reader *r, int big, uint32_t *v)
{
    if (r->end - r->p < 4)
        return 0;
    const unsigned char *b = r->p;
    *v = big ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
             : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
    r->p += 4;
    return 1;
}

static double wkb_f64_at(const unsigned char *b, int big)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[big ? i : 7 - i];
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

/* A geometry header: byte order and type; 0 when unreadable. */
static int wkb_header(wkb_reader *r, int *big, uint32_t *type)
{
    if (r->p >= r->end || *r->p > 1)
        return 0;
    *big = *r->p++ == 0;
    return wkb_u32(r, *big, type);
}

/* One 2D Polygon's rings into the area being built: 1 done, 0 not this
** reader's (let OGR try), -1 failed (ERR set). */
static int wkb_polygon(sl_polyset *ps, wkb_reader *r, int big, sl_error *err)
{
    uint32_t nrings;
    if (!wkb_u32(r, big, &nrings))
        return 0;
    int empty_shell = 0;
    for (uint32_t i = 0; i < nrings; i++) {
        uint32_t np;
        if (!wkb_u32(r, big, &np) || (size_t)(r->end - r->p) / 16 < np)
            return 0;
        /* An empty exterior makes the polygon empty: its holes would
        ** otherwise become rings with no shell (found by fuzz_wkb). */
        if (i == 0 && np == 0)
            empty_shell = 1;
        if (np == 0 || empty_shell) {
            r->p += 16 * (size_t)np;
            continue;
        }
        double *xy = malloc(2 * (size_t)np * sizeof *xy);
        if (!xy)
            return sl_fail(err, SL_ENOMEM, "", 0, "out of memory reading a ring"), -1;
        for (size_t k = 0; k < 2 * (size_t)np; k++)
            xy[k] = wkb_f64_at(r->p + 8 * k, big);
        r->p += 16 * (size_t)np;
        sl_status st = sl_polyset_add_ring(ps, xy, 2, xy + 1, 2, np, i == 0, err);
        free(xy);
        if (st != SL_OK)
            return -1;
    }
    return 1;
}

/* A 2D Polygon or MultiPolygon of them; as wkb_polygon. */
static int wkb_area(sl_polyset *ps, wkb_reader *r, sl_error *err)
{
    int big;
    uint32_t type, n;
    if (!wkb_header(r, &big, &type))
        return 0;
    if (type == 3)
        return wkb_polygon(ps, r, big, err);
    if (type != 6 || !wkb_u32(r, big, &n))
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        int pbig, k;
        if (!wkb_header(r, &pbig, &type) || type != 3)
            return 0;
        if ((k = wkb_polygon(ps, r, pbig, err)) != 1)
            return k;
    }
    return 1;
}

/* The area started last, read from WKB by hand when it is a plain
** (Multi)Polygon: 1 done, 0 not such a blob (the area is left empty), -1
** failed. */
static int add_plain_wkb(sl_polyset *ps, const unsigned char *wkb, size_t len, sl_error *err)
{
    size_t rings = ps->n_rings, verts = ps->n_verts;
    wkb_reader r = {wkb, wkb + len};
    int k = wkb_area(ps, &r, err);
    if (k == 0) { /* undo any rings of a blob that turned out not to be plain */
        ps->n_rings = rings;
        ps->n_verts = verts;
        ps->area_ring[ps->n_areas] = (uint32_t)rings;
    }
    return k;
}

/* Through OGR: every WKB geometry GDAL reads. */
static sl_status add_ogr_wkb(sl_polyset *ps, const char *id, const unsigned char *wkb, size_t len,
                             sl_error *err)
{
    if (sl_gdal_ready(err)) return err->status;
    OGRGeometryH g = NULL;
    CPLPushErrorHandler(CPLQuietErrorHandler); /* the library never prints */
    OGRErr bad = len > (size_t)INT32_MAX ? OGRERR_CORRUPT_DATA
                                         : OGR_G_CreateFromWkbEx(wkb, NULL, &g, len);
    CPLPopErrorHandler();
    if (bad != OGRERR_NONE) {
        if (g)
            OGR_G_DestroyGeometry(g);
        return sl_fail(err, SL_EDATA, "", 0, "area '%s': unreadable WKB (%zu bytes)",
                       id ? id : "", len);
    }
    sl_status st = sl_polyset_add_ogr(ps, g, err);
    OGR_G_DestroyGeometry(g);
    return st;
}

sl_status sl_polyset_add_wkb(sl_polyset *ps, const char *id, const unsigned char *wkb,
                             size_t len, sl_error *err)
{
    size_t areas = ps->n_areas, rings = ps->n_rings, verts = ps->n_verts;
    sl_status st = sl_polyset_begin_area(ps, id, (long)ps->n_areas, err);
    if (st == SL_OK) {
        int k = add_plain_wkb(ps, wkb, len, err);
        if (k < 0)
            st = err->status;
        else if (k == 0)
            st = add_ogr_wkb(ps, id, wkb, len, err);
    }
    if (st == SL_OK) {
        sl_polyset_end_area(ps);
    } else { /* drop the half-built area */
        ps->n_areas = areas;
        ps->n_rings = rings;
        ps->n_verts = verts;
        ps->area_ring[areas] = (uint32_t)rings;
    }
    return st;
}

size_t sl_polyset_count(const sl_polyset *ps) { return ps->n_areas; }
const char *sl_polyset_id(const sl_polyset *ps, size_t i) { return ps->ids[i]; }
long sl_polyset_fid(const sl_polyset *ps, size_t i) { return ps->fid[i]; }
size_t sl_polyset_total_vertices(const sl_polyset *ps) { return ps->n_verts; }

long sl_polyset_find(const sl_polyset *ps, const char *id)
{
    for (size_t i = 0; i < ps->n_areas; i++)
        if (strcmp(ps->ids[i], id) == 0)
            return (long)i;
    return -1;
}

void sl_polyset_bounds(const sl_polyset *ps, size_t i, double box[4])
{
    memcpy(box, ps->bbox + 4 * i, 4 * sizeof *box);
}

size_t sl_polyset_vertex_count(const sl_polyset *ps, size_t i)
{
    return ps->ring_vert[ps->area_ring[i + 1]] - ps->ring_vert[ps->area_ring[i]];
}

static unsigned char *put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        *p++ = (unsigned char)(v >> (8 * i));
    return p;
}

static unsigned char *put_f64(unsigned char *p, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    for (int i = 0; i < 8; i++)
        *p++ = (unsigned char)(v >> (8 * i));
    return p;
}

sl_status sl_polyset_area_wkb(const sl_polyset *ps, size_t i, unsigned char **wkb,
                              size_t *len, sl_error *err)
{
    /* One polygon per exterior ring, and one for the area's first ring
    ** whatever it is: exactly the polygons the loop below writes. */
    size_t r0 = ps->area_ring[i], r1 = ps->area_ring[i + 1], polys = r1 > r0;
    for (size_t r = r0 + 1; r < r1; r++)
        polys += ps->ring_outer[r];
    size_t size = 9 + polys * 9 + (r1 - r0) * 4 + sl_polyset_vertex_count(ps, i) * 16;
    unsigned char *buf = malloc(size), *p = buf;
    if (!buf)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory writing WKB");
    *p++ = 1;
    p = put_u32(p, 6); /* MultiPolygon */
    p = put_u32(p, (uint32_t)polys);
    for (size_t r = r0; r < r1;) {
        size_t rend = r + 1;
        while (rend < r1 && !ps->ring_outer[rend])
            rend++;
        *p++ = 1;
        p = put_u32(p, 3); /* Polygon */
        p = put_u32(p, (uint32_t)(rend - r));
        for (; r < rend; r++) {
            p = put_u32(p, ps->ring_vert[r + 1] - ps->ring_vert[r]);
            for (size_t v = ps->ring_vert[r]; v < ps->ring_vert[r + 1]; v++) {
                p = put_f64(p, ps->x[v]);
                p = put_f64(p, ps->y[v]);
            }
        }
    }
    *wkb = buf;
    *len = (size_t)(p - buf);
    return SL_OK;
}
