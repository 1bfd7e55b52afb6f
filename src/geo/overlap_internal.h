/*
** overlap_internal.h — box queries on the point-in-polygon index, for
** splitting request areas (overlap.c); not a public API.
**
** A request is a small region; before clipping it exactly against an area
** the splitter asks the index which areas' boxes it touches and whether any
** boundary comes near it at all. These answers are conservative: "no edge
** near" is only said when no edge's box meets the query box.
*/
#ifndef SIGHTLINE_GEO_OVERLAP_INTERNAL_H
#define SIGHTLINE_GEO_OVERLAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "geo/pip_internal.h"
#include "sightline/geo/ground_area.h"

/* A growable list of area indices. */
typedef struct sl_area_ids {
    uint32_t *v;
    size_t n, cap;
} sl_area_ids;

/* Areas of IX whose closed box meets the closed BOX {minx, miny, maxx,
** maxy}, in increasing index order, into IDS (emptied first). -1 when out
** of memory. */
int sl_pip_areas_in_box(const sl_pip *ix, const double box[4], sl_area_ids *ids);
/* The same in the index's own order (a request's split sorts what it keeps). */
int sl_pip_areas_meeting_box(const sl_pip *ix, const double box[4], sl_area_ids *ids);

/* 1 when no edge of area A (horizontal ones excepted: see sl_pip_box_owner)
** has a box meeting BOX. */
int sl_pip_edges_miss_box(const sl_pip *ix, uint32_t a, const double box[4]);

/* The one area holding all of BOX, or -1 (SL_BOX_OUTSIDE when BOX meets
** no area), or SL_BOX_UNKNOWN when a boundary may cross it or areas overlap
** there. IDS is scratch space. */
#define SL_BOX_OUTSIDE (-1)
#define SL_BOX_UNKNOWN (-2)
int32_t sl_pip_box_owner(const sl_pip *ix, const double box[4], sl_area_ids *ids);

/* 1 when area A holds all of BOX, 0 when none of it, -1 when a boundary of
** A may cross BOX. */
int sl_pip_area_box_relation(const sl_pip *ix, uint32_t a, const double box[4]);

/* A disc sure to hold a small request (a circle): points (x, y) with
** ((x - cx) kx)² + ((y - cy) ky)² <= r2, in lon/lat, and its box. */
typedef struct sl_disc {
    double cx, cy, kx, ky, r2;
    double box[4];
} sl_disc;

/* As sl_pip_area_box_relation and sl_pip_box_owner, for a disc: an edge
** counts only when it comes within the disc, not merely within its box.
** sl_pip_disc_owner also says SL_BOX_UNKNOWN when no area holds the disc,
** reading other areas' edges only once one does (the disc may then meet
** no area at all); it leaves in IDS, when it returns SL_BOX_UNKNOWN, the
** areas whose boxes meet the disc's box in the index's order, or none
** when it could not list them. */
int sl_pip_area_disc_relation(const sl_pip *ix, uint32_t a, const sl_disc *d);
int32_t sl_pip_disc_owner(const sl_pip *ix, const sl_disc *d, sl_area_ids *ids);

/* A request circle's vertices: SL_CIRCLE_VERTICES, GEOS's buffer default
** (16 per quarter). The table holds the weights that read the vertices
** between those solved exactly from them (circle.c); made once, read-only. */
enum { SL_CIRCLE_VERTICES = 64 };
typedef struct sl_circle_table {
    double even[2][SL_CIRCLE_VERTICES / 2 + 1][9], odd[2][SL_CIRCLE_VERTICES / 2 + 1][9]; /* 4 and 8 intervals */
} sl_circle_table;
void sl_circle_table_init(sl_circle_table *t);

/* The circle of RADIUS m around (LON, LAT) into CX, CY (SL_CIRCLE_VERTICES
** each, open, clockwise from north): vertex k at azimuth 360 k /
** SL_CIRCLE_VERTICES, RADIUS along the geodesic of G, to within 1e-7 m
** (test_circle.c). Longitudes may pass ±180. */
void sl_circle_vertices(const sl_circle_table *t, const struct geod_geodesic *g, double lon, double lat,
                        double radius, double *cx, double *cy);

/* Ground area (m², WGS84) of small polygons near latitude LAT0 (degrees),
** geodesic edges, to a relative 1e-9 within a few km of LAT0 (local_area.c). */
typedef struct sl_local_area {
    double phi0, w0, half_w1, sixth_w2;        /* the area element w0 + w1 d + w2 d²/2 about phi0, as w1/2, w2/6 */
    double lens_a0, lens_a1, lens_b0, lens_b1; /* a geodesic edge's lens, linear about phi0 */
} sl_local_area;
void sl_local_area_init(sl_local_area *l, double lat0);
/* Area enclosed by the ring of N vertices (LON, LAT in degrees, the closing
** vertex not repeated), whatever its orientation: the absolute value of the
** sum of sl_local_edge over its edges. */
double sl_local_ring_area(const sl_local_area *l, const double *lon, const double *lat, size_t n);

/* One directed edge's term of that boundary sum, (LON1, LAT1) to (LON2,
** LAT2) in degrees: the area element integrated between the edge and the
** reference latitude by Simpson's rule (exact for the cubic element), plus
** the lens between the straight lon/lat edge and the geodesic, whose two
** factors are linear about phi0: the lens of a 3 km edge is a relative 1e-5
** of a 2 km circle's area, its factors change by a relative 1e-3 over such
** a circle, and what the line leaves is of the order of 1e-3 squared. That
** saves a sine, a cosine and a power per edge. The term changes sign with
** the edge's direction, so the sum over any closed boundary is the signed
** area it encloses, and pieces of boundaries add (clip_circle.c). Inline:
** a request's split calls it for every edge it measures. */
static inline double sl_local_primitive(const sl_local_area *l, double d)
{
    return d * (l->w0 + d * (l->half_w1 + d * l->sixth_w2)); /* integral of w from phi0 to phi0 + d */
}
static inline double sl_local_edge(const sl_local_area *l, double lon1, double lat1, double lon2, double lat2)
{
    const double r = 0.017453292519943295; /* pi / 180 */
    double dl = (lon2 - lon1) * r;
    if (dl == 0) return 0; /* a meridian: no area to its east-west, and a geodesic */
    double p1 = lat1 * r, p2 = lat2 * r, d1 = p1 - l->phi0, d2 = p2 - l->phi0, dp = p2 - p1, dm = (d1 + d2) / 2;
    double simpson = sl_local_primitive(l, d1) + 4 * sl_local_primitive(l, dm) + sl_local_primitive(l, d2);
    double band = dl * (-1.0 / 6) * simpson;
    double lens = (l->lens_a0 + l->lens_a1 * dm) * dl * dl * dl + (l->lens_b0 + l->lens_b1 * dm) * dp * dp * dl;
    return band - lens;
}

/* Scratch space for the clips: two x/y ping-pong buffers
** (sl_clip_convex_area), a ring's crossings (sl_clip_circle_area), and for
** tests how many rings the circle's clip left to Sutherland-Hodgman, and a
** switch that leaves it every ring (no ring a test can build needs it). */
typedef struct sl_clip_buf {
    double *v[4];
    size_t cap;
    void *cross;
    size_t cross_cap, fallbacks;
    int fall_back;
} sl_clip_buf;

/* +1 when the polygon of N vertices (X, Y; open) is strictly convex and
** counter-clockwise, -1 clockwise, 0 when not strictly convex. */
int sl_convex_orientation(const double *x, const double *y, size_t n);

/* Ground area (m², by L) of area A of PS inside the strictly convex polygon
** (CX, CY), NC vertices, open, of ORIENTATION (sl_convex_orientation); NAN
** when out of memory (clip_convex.c). */
double sl_clip_convex_area(const sl_polyset *ps, uint32_t a, const double *cx, const double *cy, size_t nc,
                           int orientation, const sl_local_area *l, sl_clip_buf *b);

/* Ground area (by L) of the ring (X, Y), N vertices, open, inside that
** convex polygon; RING_BOX, the ring's box {minx, miny, maxx, maxy}, or
** NULL to measure it here; NAN when out of memory. */
double sl_clip_convex_ring(const double *x, const double *y, size_t n, const double ring_box[4], const double *cx,
                           const double *cy, size_t nc, int orientation, const sl_local_area *l, sl_clip_buf *b);

/* A request circle made ready to clip areas in one pass per ring
** (clip_circle.c): its vertices counter-clockwise, absolute and relative
** to the centre, closed; a disc inside it and one holding it, in squared
** scaled units ((lon - ox) kx, (lat - oy) ky); each vertex's pseudo-angle
** from vertex 0; the prefix sums of sl_local_edge along its edges. */
enum { SL_CLIP_CIRCLE_MAX = 64, SL_CLIP_BUCKETS = 128 };
typedef struct sl_clip_circle {
    size_t n;
    double ox, oy, kx, ky, rin2, rout2, a0;
    double x[SL_CLIP_CIRCLE_MAX + 1], y[SL_CLIP_CIRCLE_MAX + 1];
    double u[SL_CLIP_CIRCLE_MAX + 1], v[SL_CLIP_CIRCLE_MAX + 1];
    double angle[SL_CLIP_CIRCLE_MAX], edge_sum[SL_CLIP_CIRCLE_MAX + 1];
    double box[4];                         /* the outer disc's box, lon/lat */
    unsigned char bucket[SL_CLIP_BUCKETS]; /* per slice of pseudo-angle: the sector at its start */
    const sl_local_area *l;
} sl_clip_circle;

/* What the one-pass clip keeps of a polyset's rings, built once: each
** ring's orientation, and the boxes of its runs of SL_CLIP_CHUNK edges, so
** a long ring's runs far from a circle are passed over whole. */
enum { SL_CLIP_CHUNK = 32 };
typedef struct sl_clip_rings {
    uint32_t *first;    /* n_rings + 1: ring r's runs are first[r] .. first[r + 1] - 1 */
    double *box;        /* 4 per run {minx, miny, maxx, maxy}: its edges' */
    double *moment;     /* SL_CLIP_MOMENTS per run: its edges' sl_local_edge, for any phi0 */
    unsigned char *ccw; /* per ring: 1 when counter-clockwise */
} sl_clip_rings;
enum { SL_CLIP_MOMENTS = 9 };
/* -1 when out of memory. */
int sl_clip_rings_build(sl_clip_rings *cr, const sl_polyset *ps);
void sl_clip_rings_free(sl_clip_rings *cr);

/* 1 when BOX {minx, miny, maxx, maxy} lies inside C's inner disc, so
** within C: an area of that box is wholly inside the circle. */
int sl_clip_circle_holds_box(const sl_clip_circle *c, const double box[4]);

/* Ready C for the polygon (CX, CY), N vertices, open, ORIENTATION +1 when
** counter-clockwise, -1 clockwise, around (OX, OY), measured by L (kept by
** pointer); KX, KY: any positive scales of lon and lat that make it nearly
** round. -1 when it cannot be used: more than SL_CLIP_CIRCLE_MAX vertices,
** or not strictly convex in that orientation with the centre strictly
** inside (it checks); then clip with sl_clip_convex_area. */
int sl_clip_circle_init(sl_clip_circle *c, const double *cx, const double *cy, size_t n, int orientation, double ox,
                        double oy, double kx, double ky, const sl_local_area *l);

/* Ground area of area A of PS inside C, as sl_clip_convex_area measures
** it (to rounding); CR: PS's rings (sl_clip_rings_build); NAN when out of
** memory. */
double sl_clip_circle_area(const sl_clip_circle *c, const sl_clip_rings *cr, const sl_polyset *ps, uint32_t a,
                           sl_clip_buf *b);

#endif
