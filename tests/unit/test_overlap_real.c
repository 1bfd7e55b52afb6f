/*
** test_overlap_real.c — splitting requests over real areas (src/geo/overlap.c):
**
**  - the boundary rule: a point request exactly on an edge or vertex shared
**    by two or more real tracts or counties lands in the area where a post
**    at the same coordinates lands through the join's path (a polyset built
**    from the areas' WKB, located by sl_pip_join). The old splitter
**    (OGR_G_Intersects, first area wins) put some of them elsewhere, which
**    the test also checks, so its points are really ones where rules differ;
**  - the weights: hundreds of random circles (radius 200-1,600 m, half of
**    them centred on boundary vertices, where they must be clipped) and
**    polygons (small and county-sized) get the same weights, to 1e-6, as the
**    splitter before the index (overlap_reference.c, kept for this).
** Layers: NYC census tracts ($SL_SHARED_DATA) and the 3,231 us-atlas
** counties (node_modules of the source tree, when npm installed them).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <math.h>
#include <ogr_api.h>

#include "geo/polyset_internal.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "sightline/io/polyset_io.h"
#include "sightline/geo/overlap.h"
#include "wkb_from_wkt.h"

#include "overlap_reference.c"

typedef struct layer {
    sl_polyset *ps; /* as read from the file */
    unsigned char **wkb;
    size_t *len;
    double *box;
    size_t n;
} layer;

/* Read layer NAME (NULL: the only one) of PATH into L as the store keeps
** areas (WKB per area); 0 when absent. */
static int load_layer(layer *l, const char *path, const char *name)
{
    memset(l, 0, sizeof *l);
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    fclose(f);
    sl_error err;
    assert_int_equal(sl_polyset_read_file(path, name, NULL, &l->ps, NULL, &err), SL_OK);
    l->n = sl_polyset_count(l->ps);
    l->wkb = calloc(l->n, sizeof *l->wkb);
    l->len = calloc(l->n, sizeof *l->len);
    l->box = calloc(4 * l->n, sizeof *l->box);
    for (size_t i = 0; i < l->n; i++) {
        assert_int_equal(sl_polyset_area_wkb(l->ps, i, &l->wkb[i], &l->len[i], &err), SL_OK);
        sl_polyset_bounds(l->ps, i, l->box + 4 * i);
    }
    return 1;
}

static void free_layer(layer *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->wkb[i]);
    free(l->wkb);
    free(l->len);
    free(l->box);
    sl_polyset_free(l->ps);
}

static int load_tracts(layer *l)
{
    const char *data = getenv("SL_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/census/nyc-tracts-acs2008-12.shp", data ? data : "../shared/data");
    return load_layer(l, path, NULL);
}

static int load_counties(layer *l)
{
    const char *fixtures = getenv("SL_FIXTURES");
    char path[4096];
    snprintf(path, sizeof path, "%s/../../node_modules/us-atlas/counties-10m.json", fixtures ? fixtures : "tests/fixtures");
    return load_layer(l, path, "counties"); /* a TopoJSON of counties, states and nation */
}

typedef struct vertex {
    double x, y;
    uint32_t area;
} vertex;

static int cmp_vertex(const void *a, const void *b)
{
    const vertex *p = a, *q = b;
    if (p->x != q->x) return p->x < q->x ? -1 : 1;
    if (p->y != q->y) return p->y < q->y ? -1 : 1;
    return p->area < q->area ? -1 : p->area > q->area;
}

/* Up to MAX vertices where exactly 2 areas meet (on a shared edge; WANT 2)
** or 3 and more (a shared corner; WANT 3), spread over the layer. */
static size_t shared_vertices(const sl_polyset *ps, int want, double *lon, double *lat, size_t max)
{
    vertex *v = malloc(ps->n_verts * sizeof *v);
    size_t n = 0;
    for (size_t a = 0; a < ps->n_areas; a++)
        for (size_t r = ps->area_ring[a]; r < ps->area_ring[a + 1]; r++)
            for (size_t k = ps->ring_vert[r]; k + 1 < ps->ring_vert[r + 1]; k++)
                v[n++] = (vertex){ps->x[k], ps->y[k], (uint32_t)a};
    qsort(v, n, sizeof *v, cmp_vertex);
    size_t groups = 0, found = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, areas = 0;
        for (; j < n && v[j].x == v[i].x && v[j].y == v[i].y; j++)
            if (j == i || v[j].area != v[j - 1].area) areas++;
        if ((want == 2 ? areas == 2 : areas >= 3) && groups++ % 7 == 0 && found < max) {
            lon[found] = v[i].x;
            lat[found++] = v[i].y;
        }
        i = j;
    }
    free(v);
    return found;
}

/* Rows of N one-point requests at (LON, LAT) through SPLIT: each one's area. */
typedef sl_status (*splitter_fn)(const sl_request_list *, const unsigned char *const *, const size_t *,
                                 const double *, size_t, sl_event_row **, size_t *, sl_error *);

static void point_requests(const layer *l, splitter_fn split, const double *lon, const double *lat, size_t n,
                           size_t *area)
{
    sl_request *items = calloc(n, sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = (sl_request){.lon = lon[i], .lat = lat[i], .radius_m = 0, .recipients = NAN, .videos = NAN};
    sl_request_list reqs = {.items = items, .count = n};
    sl_event_row *rows = NULL;
    size_t nrows = 0;
    sl_error err;
    assert_int_equal(split(&reqs, (const unsigned char *const *)l->wkb, l->len, l->box, l->n, &rows, &nrows, &err),
                     SL_OK);
    assert_int_equal(nrows, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].event, (int64_t)i);
        assert_true(rows[i].weight == 1.0);
        area[i] = rows[i].area;
    }
    free(rows);
    free(items);
}

/* Where posts at (LON, LAT) land: the join's path (sl_area_index_load, then
** sl_pip_join) over the same WKB. */
static void post_areas(const layer *l, const double *lon, const double *lat, size_t n, size_t *area)
{
    sl_polyset *ps;
    sl_pip *pip;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    for (size_t i = 0; i < l->n; i++) assert_int_equal(sl_polyset_add_wkb(ps, NULL, l->wkb[i], l->len[i], &err), SL_OK);
    assert_int_equal(sl_pip_build(ps, NULL, &pip, &err), SL_OK);
    int32_t *got = malloc(n * sizeof *got);
    assert_int_equal(sl_pip_join(pip, lon, lat, n, 0, got, &err), SL_OK);
    for (size_t i = 0; i < n; i++) area[i] = got[i] < 0 ? SL_AREA_OUTSIDE : (size_t)got[i];
    free(got);
    sl_pip_free(pip);
    sl_polyset_free(ps);
}

/* Points on shared edges (WANT 2) or corners (3) of L: requests land with
** posts; returns how many the old splitter put elsewhere. */
static size_t check_boundary_points(const layer *l, int want)
{
    enum { MAX = 400 };
    double lon[MAX], lat[MAX];
    size_t n = shared_vertices(l->ps, want, lon, lat, MAX), req[MAX], post[MAX], old[MAX], in_area = 0, moved = 0;
    assert_true(n >= 50);
    point_requests(l, sl_request_weights, lon, lat, n, req);
    point_requests(l, reference_request_weights, lon, lat, n, old);
    post_areas(l, lon, lat, n, post);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(req[i], post[i]);
        in_area += post[i] != SL_AREA_OUTSIDE;
        moved += old[i] != post[i];
    }
    assert_true(in_area > n / 2); /* inner boundaries, not only the coast */
    print_message("%zu points where %s areas meet: requests land with posts; the old splitter moved %zu\n", n,
                  want == 2 ? "2" : "3+", moved);
    return moved;
}

static void test_point_request_lands_with_post(void **state)
{
    (void)state;
    layer tracts, counties;
    if (!load_tracts(&tracts)) skip();
    size_t moved = check_boundary_points(&tracts, 2) + check_boundary_points(&tracts, 3);
    free_layer(&tracts);
    if (load_counties(&counties)) {
        moved += check_boundary_points(&counties, 2) + check_boundary_points(&counties, 3);
        free_layer(&counties);
    } else {
        print_message("us-atlas counties not installed (npm): tracts only\n");
    }
    assert_true(moved > 0); /* the two rules really differ on these points */
}

/* ---- weights against the old splitter ---------------------------------- */

static uint64_t rng = 88172645463325252ull;
static double uniform(double lo, double hi)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return lo + (hi - lo) * (double)(rng >> 11) / 9007199254740992.0;
}

/* A star-shaped polygon of K vertices around (X, Y), radii up to R degrees. */
static unsigned char *star(double x, double y, double r, int k, size_t *len)
{
    char wkt[4096];
    int at = snprintf(wkt, sizeof wkt, "POLYGON ((");
    double x0 = 0, y0 = 0;
    for (int i = 0; i < k; i++) {
        double t = 2 * M_PI * i / k, d = uniform(0.3 * r, r);
        double px = x + d * cos(t), py = y + d * sin(t) * 0.75;
        if (i == 0) x0 = px, y0 = py;
        at += snprintf(wkt + at, sizeof wkt - (size_t)at, "%.12f %.12f,", px, py);
    }
    snprintf(wkt + at, sizeof wkt - (size_t)at, "%.12f %.12f))", x0, y0);
    return wkb_from_wkt(wkt, wkbNDR, len);
}

/* Compare both splitters' rows for N requests over L: same areas, weights
** within 1e-6. Returns the largest difference; *SPLIT counts requests
** shared by several areas (or an area and the outside). */
static double compare_weights(const layer *l, const sl_request *items, size_t n, size_t *split)
{
    sl_request_list reqs = {.items = (sl_request *)items, .count = n};
    sl_event_row *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    sl_error err;
    const unsigned char *const *wkb = (const unsigned char *const *)l->wkb;
    assert_int_equal(sl_request_weights(&reqs, wkb, l->len, l->box, l->n, &a, &na, &err), SL_OK);
    assert_int_equal(reference_request_weights(&reqs, wkb, l->len, l->box, l->n, &b, &nb, &err), SL_OK);
    double worst = 0;
    size_t i = 0, j = 0;
    for (size_t e = 0; e < n; e++) {
        size_t i1 = i, j1 = j;
        while (i1 < na && a[i1].event == (int64_t)e) i1++;
        while (j1 < nb && b[j1].event == (int64_t)e) j1++;
        assert_true(i1 > i);
        *split += i1 - i > 1;
        /* Every area either gives weight to, with the same weight. */
        for (size_t p = i; p < i1; p++) {
            double other = 0;
            for (size_t q = j; q < j1; q++)
                if (b[q].area == a[p].area) other += b[q].weight;
            worst = fmax(worst, fabs(a[p].weight - other));
        }
        for (size_t q = j; q < j1; q++) {
            double other = 0;
            for (size_t p = i; p < i1; p++)
                if (a[p].area == b[q].area) other += a[p].weight;
            worst = fmax(worst, fabs(b[q].weight - other));
        }
        i = i1, j = j1;
    }
    assert_int_equal(i, na);
    assert_int_equal(j, nb);
    free(a);
    free(b);
    return worst;
}

/* NC circles and NP polygons over L: half the circles uniform over BOX, half
** on boundary vertices; polygons small, and a few spanning several areas. */
static void check_weights(const layer *l, const double box[4], size_t nc, size_t np, double big)
{
    size_t n = nc + np;
    sl_request *items = calloc(n, sizeof *items);
    unsigned char **wkb = calloc(n, sizeof *wkb);
    double *vx = malloc(nc * sizeof *vx), *vy = malloc(nc * sizeof *vy);
    size_t nv = shared_vertices(l->ps, 2, vx, vy, nc), on_edges = 0;
    for (size_t i = 0; i < n; i++) {
        sl_request *r = &items[i];
        *r = (sl_request){.lat = NAN, .lon = NAN, .radius_m = NAN, .recipients = NAN, .videos = NAN};
        if (i < nc) {
            int on_edge = i % 2 && on_edges < nv;
            r->lon = on_edge ? vx[on_edges] : uniform(box[0], box[2]);
            r->lat = on_edge ? vy[on_edges++] : uniform(box[1], box[3]);
            r->radius_m = uniform(200, 1600);
        } else {
            double size = i % 10 == 0 ? big : uniform(0.002, 0.02);
            wkb[i] = star(uniform(box[0], box[2]), uniform(box[1], box[3]), size, 5 + (int)(i % 9), &r->wkb_len);
            r->wkb = wkb[i];
        }
    }
    size_t split = 0;
    double worst = compare_weights(l, items, n, &split);
    print_message("%zu circles (%zu on boundaries), %zu polygons, %zu of them split: largest weight difference %.3g\n",
                  nc, on_edges, np, split, worst);
    assert_true(worst < 1e-6);
    assert_true(split > nc / 4); /* the clipping path ran, not only the fast one */
    for (size_t i = 0; i < n; i++) free(wkb[i]);
    free(wkb);
    free(items);
    free(vx);
    free(vy);
}

static void test_weights_as_before(void **state)
{
    (void)state;
    layer tracts, counties;
    if (!load_tracts(&tracts)) skip();
    const double nyc[4] = {-74.26, 40.49, -73.70, 40.92};
    check_weights(&tracts, nyc, 300, 60, 0.03);
    free_layer(&tracts);
    if (load_counties(&counties)) {
        const double lower48[4] = {-124.7, 24.5, -66.9, 49.4};
        check_weights(&counties, lower48, 500, 80, 0.4);
        free_layer(&counties);
    } else {
        print_message("us-atlas counties not installed (npm): tracts only\n");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_point_request_lands_with_post),
        cmocka_unit_test(test_weights_as_before),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
