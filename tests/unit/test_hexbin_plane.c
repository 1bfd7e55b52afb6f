/*
** test_hexbin_plane.c — the hexagon binning of points projected once, on
** two threads, gives what the single-threaded path gave (issues 15, 18):
** the same cells, in the same order, with the same counts, at the edge the
** plane was made for and at every other edge binned from it; points counted
** into the cells (sl_hexbin_count, _count_plane) as sl_hexbin_find counts
** them one by one; the census of a plane's cells (sl_hexbin_plane_census)
** as the cells made; and the cell of a projected point as cube rounding with
** the C library's round() put it. The reference here projects with one
** PROJ object, rounds with round() and sorts every key with qsort.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/hexbin_internal.h"
#include "sightline/analysis/privacy.h"
#include "sightline/geo/hexbin.h"

/* Over two threads' threshold (65,536) and under: both paths. */
enum { M = 150000 };

static uint64_t ref_key(double size_m, double x, double y)
{
    double fq = (sqrt(3.0) / 3 * x - y / 3) / size_m, fr = (2.0 / 3 * y) / size_m, fs = -fq - fr;
    double rq = round(fq), rr = round(fr), rs = round(fs);
    double dq = fabs(rq - fq), dr = fabs(rr - fr), ds = fabs(rs - fs);
    if (dq > dr && dq > ds) rq = -rr - rs;
    else if (dr > ds) rr = -rq - rs;
    return (uint64_t)(uint32_t)(int32_t)rq << 32 | (uint32_t)(int32_t)rr;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The old path: one PROJ object about H's centre, every placed point
** projected (nudged at the antipode as sl_hexbin_project_one does), keys
** by round(), all sorted; H must hold exactly these cells and counts. */
static void equals_reference(const sl_hexbin *h, const double *lon, const double *lat, size_t n)
{
    char def[160];
    snprintf(def, sizeof def, "+proj=laea +lat_0=%.6f +lon_0=%.6f +datum=WGS84 +units=m +type=crs", h->lat0, h->lon0);
    PJ *raw = proj_create_crs_to_crs(NULL, "EPSG:4326", def, NULL);
    PJ *p = proj_normalize_for_visualization(NULL, raw);
    proj_destroy(raw);
    assert_non_null(p);
    uint64_t *keys = malloc((n + 1) * sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double x, y;
        if (!sl_point_placed(lon[i], lat[i]) || !sl_hexbin_project_one(p, lon[i], lat[i], &x, &y)) continue;
        keys[k++] = ref_key(h->size_m, x, y);
    }
    proj_destroy(p);
    qsort(keys, k, sizeof *keys, cmp_u64);
    size_t cells = 0;
    for (size_t i = 0; i < k; i++) {
        if (i == 0 || keys[i] != keys[i - 1]) {
            assert_true(cells < h->count);
            assert_true(keys[i] == ((uint64_t)(uint32_t)h->q[cells] << 32 | (uint32_t)h->r[cells]));
            cells++;
        }
        h->points[cells - 1]--; /* counted down: every count must end at 0 */
    }
    assert_int_equal(cells, h->count);
    for (size_t i = 0; i < h->count; i++) assert_int_equal(h->points[i], 0);
    assert_int_equal(h->outside, n - k);
    free(keys);
}

/* Points clustered in towns (many per cell) and spread over a region, with
** some that have no place: NaN, out of range. */
static void make_points(double *lon, double *lat, size_t n, unsigned seed)
{
    srand(seed);
    for (size_t i = 0; i < n; i++) {
        double u = rand() / (RAND_MAX + 1.0), v = rand() / (RAND_MAX + 1.0);
        if (i % 3 == 0) lon[i] = -87.6 + 0.05 * u, lat[i] = 41.8 + 0.05 * v;
        else lon[i] = -124 + 57 * u, lat[i] = 25 + 24 * v;
    }
    lon[7] = NAN, lat[11] = INFINITY, lon[13] = 200, lat[17] = -95;
}

static void plane_binning_equals_old_path(void **state)
{
    (void)state;
    double *lon = malloc(M * sizeof *lon), *lat = malloc(M * sizeof *lat);
    make_points(lon, lat, M, 3);
    const size_t sizes[] = {M, 5000}; /* two threads, and one */
    const double edges[] = {100, 500, 2000, 64000, 1000000};
    for (int z = 0; z < 2; z++) {
        sl_error err;
        sl_hexbin_plane p;
        assert_int_equal(sl_hexbin_plane_build(lon, lat, sizes[z], 500, NULL, &p, &err), SL_OK);
        assert_int_equal(p.n, sizes[z]);
        assert_int_equal(p.placed, sizes[z] - 4);
        for (int e = 0; e < 5; e++) {
            sl_hexbin fresh, from_plane;
            assert_int_equal(sl_hexbin_build(lon, lat, sizes[z], edges[e], &fresh, &err), SL_OK);
            assert_true(sl_hexbin_plane_fits(&p, edges[e]));
            assert_int_equal(sl_hexbin_build_plane(&p, edges[e], &from_plane, &err), SL_OK);
            assert_int_equal(fresh.count, from_plane.count);
            assert_memory_equal(fresh.q, from_plane.q, fresh.count * sizeof *fresh.q);
            assert_memory_equal(fresh.r, from_plane.r, fresh.count * sizeof *fresh.r);
            assert_memory_equal(fresh.points, from_plane.points, fresh.count * sizeof *fresh.points);
            assert_true(fresh.lon0 == from_plane.lon0 && fresh.lat0 == from_plane.lat0);
            /* The census counts the cells the plane would make, and those
            ** holding at least 1, 2 and 5 points, without making them. */
            for (uint32_t k = 1; k <= 5; k += k < 2 ? 1 : 3) {
                size_t cells, full, want = 0;
                for (size_t c = 0; c < from_plane.count; c++) want += from_plane.points[c] >= k;
                assert_int_equal(sl_hexbin_plane_census(&p, edges[e], k, &cells, &full, &err), SL_OK);
                assert_int_equal(cells, from_plane.count);
                assert_int_equal(full, want);
            }
            equals_reference(&fresh, lon, lat, sizes[z]);
            sl_hexbin_free(&fresh);
            sl_hexbin_free(&from_plane);
        }
        sl_hexbin_plane_free(&p);
    }
    free(lon);
    free(lat);
}

/* Counting other points into the cells (posts into the cells of their
** distinct locations) as a loop of sl_hexbin_find counts them. */
static void counts_equal_lookups(void **state)
{
    (void)state;
    double *lon = malloc(M * sizeof *lon), *lat = malloc(M * sizeof *lat);
    double *plon = malloc(M * sizeof *plon), *plat = malloc(M * sizeof *plat);
    make_points(lon, lat, M, 5);
    make_points(plon, plat, M, 9); /* other points: some fall outside every cell */
    for (size_t i = 0; i < M; i += 2) plon[i] = lon[i], plat[i] = lat[i];
    uint32_t *want = calloc(M, sizeof *want), *got = calloc(M, sizeof *got), *got2 = calloc(M, sizeof *got2);
    const double edges[] = {500, 8000};
    for (int e = 0; e < 2; e++) {
        sl_error err;
        sl_hexbin h;
        assert_int_equal(sl_hexbin_build(lon, lat, M, edges[e], &h, &err), SL_OK);
        size_t want_else = 0;
        memset(want, 0, M * sizeof *want);
        for (size_t i = 0; i < M; i++) {
            if (!sl_point_placed(plon[i], plat[i])) continue;
            long c = sl_hexbin_find(&h, plon[i], plat[i]);
            if (c >= 0) want[c]++;
            else want_else++;
        }
        assert_true(want_else > 0);
        size_t else1 = 0, else2 = 0;
        memset(got, 0, M * sizeof *got);
        memset(got2, 0, M * sizeof *got2);
        assert_int_equal(sl_hexbin_count(&h, plon, plat, M, got, &else1, &err), SL_OK);
        double centre[2] = {h.lon0, h.lat0};
        sl_hexbin_plane p;
        assert_int_equal(sl_hexbin_plane_build(plon, plat, M, 0, centre, &p, &err), SL_OK);
        assert_int_equal(sl_hexbin_count_plane(&h, &p, got2, &else2, &err), SL_OK);
        assert_int_equal(else1, want_else);
        assert_int_equal(else2, want_else);
        assert_memory_equal(got, want, h.count * sizeof *got);
        assert_memory_equal(got2, want, h.count * sizeof *got2);
        /* and the privacy binner's count, the audit's posts per cell */
        sl_privacy_bins b = {.h = h};
        memset(got, 0, M * sizeof *got);
        assert_int_equal(sl_privacy_bin_count(&b, plon, plat, M, got), want_else);
        assert_memory_equal(got, want, h.count * sizeof *got);
        sl_hexbin_plane_free(&p);
        sl_hexbin_free(&h);
    }
    free(want), free(got), free(got2);
    free(lon), free(lat), free(plon), free(plat);
}

/* The cell of a projected point, with halves and near-halves of a cell's
** coordinates, as the C library's round() put it. */
/* What weighted counting into the cells of LON, LAT at an edge must give. */
typedef struct expected {
    const uint32_t *counts, *weights; /* per cell */
    size_t elsewhere;
    uint64_t welsewhere;
    size_t cells;
} expected;

/* The NI images of ILON, ILAT on a plane of CENTRE (weights IW, some maybe
** SL_HEXBIN_SKIP) and NR more by coordinates, counted through the privacy
** binner into the cells of LON, LAT at EDGE, give E, all M points binned. */
static void count_images_as(const double *lon, const double *lat, double edge, const double centre[2],
                            const double *ilon, const double *ilat, uint32_t *iw, size_t ni, const double *rlon,
                            const double *rlat, const uint32_t *rw, size_t nr, const expected *e)
{
    sl_error err;
    sl_hexbin_plane images;
    assert_int_equal(sl_hexbin_plane_build(ilon, ilat, ni, edge, centre, &images, &err), SL_OK);
    assert_int_equal(images.m, ni);
    sl_privacy_bins b = {0};
    assert_int_equal(sl_hexbin_build(lon, lat, M, edge, &b.h, &err), SL_OK);
    uint32_t *wgot = calloc(M, sizeof *wgot);
    uint64_t wgot_else = 0;
    assert_int_equal(sl_privacy_bin_points_weighted_images(&b, images.x, images.y, iw, ni, rlon, rlat, rw, nr, wgot,
                                                           &wgot_else, &err),
                     SL_OK);
    assert_int_equal(b.n_points, M);
    assert_int_equal(b.elsewhere, e->elsewhere);
    assert_int_equal(wgot_else, e->welsewhere);
    assert_memory_equal(b.points, e->counts, e->cells * sizeof *e->counts);
    assert_memory_equal(wgot, e->weights, e->cells * sizeof *wgot);
    free(wgot);
    sl_privacy_bins_free(&b);
    sl_hexbin_plane_free(&images);
}

/* Weighted counting (the audit's posts counted where their cameras are):
** the points' counts as sl_hexbin_count's, and per cell the sum of the
** weights of the points sl_hexbin_find puts there; points without
** coordinates count nowhere, weighed or not; the same when some points
** come as images already projected (sl_privacy_bin_points_weighted_images),
** and when a plane of them all is given with those not to count weighted
** SL_HEXBIN_SKIP. */
static void weighted_at(double edge)
{
    double *lon = malloc(M * sizeof *lon), *lat = malloc(M * sizeof *lat);
    double *plon = malloc(M * sizeof *plon), *plat = malloc(M * sizeof *plat);
    uint32_t *w = malloc(M * sizeof *w);
    make_points(lon, lat, M, 5);
    make_points(plon, plat, M, 9);
    for (size_t i = 0; i < M; i += 2) plon[i] = lon[i], plat[i] = lat[i];
    for (size_t i = 0; i < M; i++) w[i] = (uint32_t)(i % 7 == 3 ? 1000 : i % 4);
    plon[11] = NAN, plat[12] = 95; /* unplaced, with weights 3 and 0 */
    uint32_t *want = calloc(M, sizeof *want), *wwant = calloc(M, sizeof *wwant);
    uint32_t *got = calloc(M, sizeof *got), *wgot = calloc(M, sizeof *wgot);
    sl_error err;
    sl_hexbin h;
    assert_int_equal(sl_hexbin_build(lon, lat, M, edge, &h, &err), SL_OK);
    size_t want_else = 0;
    uint64_t wwant_else = 0;
    for (size_t i = 0; i < M; i++) {
        if (!sl_point_placed(plon[i], plat[i])) continue;
        long c = sl_hexbin_find(&h, plon[i], plat[i]);
        if (c >= 0) want[c]++, wwant[c] += w[i];
        else want_else++, wwant_else += w[i];
    }
    assert_true(want_else > 0 && wwant_else > 0);
    size_t got_else = 0;
    uint64_t wgot_else = 0;
    assert_int_equal(sl_hexbin_count_weighted(&h, plon, plat, w, M, got, wgot, &got_else, &wgot_else, &err), SL_OK);
    assert_int_equal(got_else, want_else);
    assert_int_equal(wgot_else, wwant_else);
    assert_memory_equal(got, want, h.count * sizeof *got);
    assert_memory_equal(wgot, wwant, h.count * sizeof *wgot);
    /* the same through the privacy binner, as the audit counts its cameras */
    sl_privacy_bins b = {.h = h};
    memset(wgot, 0, M * sizeof *wgot);
    assert_int_equal(sl_privacy_bin_points_weighted(&b, plon, plat, w, M, wgot, &wgot_else, &err), SL_OK);
    assert_int_equal(b.elsewhere, want_else);
    assert_int_equal(wgot_else, wwant_else);
    assert_memory_equal(b.points, want, h.count * sizeof *want);
    assert_memory_equal(wgot, wwant, h.count * sizeof *wgot);
    /* and with the placed even points given as their images on a plane of
    ** h's centre (the audit's cameras that are locations), the rest by
    ** coordinates: the same counts */
    double *ilon = malloc(M * sizeof *ilon), *ilat = malloc(M * sizeof *ilat);
    uint32_t *iw = malloc(M * sizeof *iw), *rw = malloc(M * sizeof *rw);
    double *rlon = malloc(M * sizeof *rlon), *rlat = malloc(M * sizeof *rlat);
    size_t ni = 0, nr = 0;
    for (size_t i = 0; i < M; i++) {
        if (i % 2 == 0 && sl_point_placed(plon[i], plat[i])) ilon[ni] = plon[i], ilat[ni] = plat[i], iw[ni++] = w[i];
        else rlon[nr] = plon[i], rlat[nr] = plat[i], rw[nr++] = w[i];
    }
    const double centre[2] = {h.lon0, h.lat0};
    const expected e = {want, wwant, want_else, wwant_else, h.count};
    count_images_as(lon, lat, edge, centre, ilon, ilat, iw, ni, rlon, rlat, rw, nr, &e);
    /* and with a plane of every placed point, the odd ones weighted
    ** SL_HEXBIN_SKIP (left out: they come by coordinates), as the audit
    ** passes the places' plane whole */
    size_t na = 0, nb = 0;
    for (size_t i = 0; i < M; i++) {
        if (sl_point_placed(plon[i], plat[i]))
            ilon[na] = plon[i], ilat[na] = plat[i], iw[na++] = i % 2 ? SL_HEXBIN_SKIP : w[i];
        if (i % 2 || !sl_point_placed(plon[i], plat[i])) rlon[nb] = plon[i], rlat[nb] = plat[i], rw[nb++] = w[i];
    }
    count_images_as(lon, lat, edge, centre, ilon, ilat, iw, na, rlon, rlat, rw, nb, &e);
    free(ilon), free(ilat), free(iw), free(rw), free(rlon), free(rlat);
    sl_privacy_bins_free(&b); /* frees h too */
    free(want), free(wwant), free(got), free(wgot), free(w);
    free(lon), free(lat), free(plon), free(plat);
}

/* At 500 m the cells are too many to look each point up in (sorted and
** walked); at 8 km few enough (looked up in the cell index). */
static void weighted_counts_equal_lookups(void **state)
{
    (void)state;
    weighted_at(500);
    weighted_at(8000);
}

static void key_as_round(void **state)
{
    (void)state;
    const double sizes[] = {1, 100, 500, 1234.5};
    for (int s = 0; s < 4; s++)
        for (int i = -400; i <= 400; i++)
            for (int j = -60; j <= 60; j++) {
                double y = sizes[s] * 0.75 * i, x = sizes[s] * sqrt(3.0) / 4 * j;
                const double nudge[] = {0, 1e-9, -1e-9, 0.25};
                for (int k = 0; k < 4; k++)
                    assert_true(sl_hexbin_key(sizes[s], x + nudge[k] * sizes[s], y - nudge[k] * sizes[s]) ==
                                ref_key(sizes[s], x + nudge[k] * sizes[s], y - nudge[k] * sizes[s]));
            }
    assert_true(sl_hexbin_key(100, 1e9, -3e8) == ref_key(100, 1e9, -3e8)); /* far from the centre */
}

/* The batch of keys every binning runs (sl_hexbin_keys, no branch on the
** values) is sl_hexbin_key's bits: on the same halves and near-halves, on
** either sign of zero and on random points. */
static void keys_as_key(void **state)
{
    (void)state;
    enum { K = 200000 };
    double *x = malloc(K * sizeof *x), *y = malloc(K * sizeof *y);
    uint64_t *keys = malloc(K * sizeof *keys);
    const double sizes[] = {1, 100, 500, 1234.5, 64000};
    srand(5);
    for (int s = 0; s < 5; s++) {
        size_t n = 0;
        for (int i = -100; i <= 100; i++)
            for (int j = -60; j <= 60; j++) {
                double yy = sizes[s] * 0.75 * i, xx = sizes[s] * sqrt(3.0) / 4 * j;
                const double nudge[] = {0, 1e-9, -1e-9, 0.25, 0.5};
                for (int k = 0; k < 5; k++) x[n] = xx + nudge[k] * sizes[s], y[n++] = yy - nudge[k] * sizes[s];
            }
        x[n] = -0.0, y[n++] = 0.0;
        x[n] = 0.0, y[n++] = -0.0;
        while (n < K) x[n] = (rand() / (RAND_MAX + 1.0) - 0.5) * 1e7, y[n] = (rand() / (RAND_MAX + 1.0) - 0.5) * 6e6, n++;
        sl_hexbin_keys(sizes[s], x, y, K, keys);
        for (size_t i = 0; i < K; i++)
            if (keys[i] != sl_hexbin_key(sizes[s], x[i], y[i]))
                fail_msg("edge %g, point %.17g %.17g: %llx, one by one %llx", sizes[s], x[i], y[i],
                         (unsigned long long)keys[i], (unsigned long long)sl_hexbin_key(sizes[s], x[i], y[i]));
    }
    free(x), free(y), free(keys);
}

/* A plane made with a centre given serves counting only; a plane whose
** data's antipode lies near its points chooses its centre by the edge, so
** an edge that would centre elsewhere is refused, not binned wrong. */
static void plane_refuses_another_centre(void **state)
{
    (void)state;
    enum { N = 4000 };
    double lon[N], lat[N];
    for (int i = 0; i < N; i++) lon[i] = -180 + 360.0 * i / N, lat[i] = -80 + 160.0 * ((i * 7919) % N) / N;
    sl_error err;
    sl_hexbin_plane p;
    assert_int_equal(sl_hexbin_plane_build(lon, lat, N, 500, NULL, &p, &err), SL_OK);
    int refused = 0;
    const double edges[] = {500, 50000, 500000, 3000000};
    for (int e = 0; e < 4; e++) {
        sl_hexbin fresh, from_plane;
        assert_int_equal(sl_hexbin_build(lon, lat, N, edges[e], &fresh, &err), SL_OK);
        if (sl_hexbin_plane_fits(&p, edges[e])) {
            assert_int_equal(sl_hexbin_build_plane(&p, edges[e], &from_plane, &err), SL_OK);
            assert_int_equal(fresh.count, from_plane.count);
            assert_memory_equal(fresh.points, from_plane.points, fresh.count * sizeof *fresh.points);
            sl_hexbin_free(&from_plane);
        } else {
            refused++;
            assert_int_equal(sl_hexbin_build_plane(&p, edges[e], &from_plane, &err), SL_EUSAGE);
        }
        sl_hexbin_free(&fresh);
    }
    (void)refused; /* whether any edge moves the centre depends on the data; both paths are checked */
    sl_hexbin_plane_free(&p);
}

/* A viewport's cells looked up position by position are the cells a scan
** of every cell finds in the window, in the same order. */
static void window_lookup_equals_scan(void **state)
{
    (void)state;
    double *lon = malloc(M * sizeof *lon), *lat = malloc(M * sizeof *lat);
    make_points(lon, lat, M, 11);
    const double boxes[][4] = {{-87.62, 41.81, -87.57, 41.84}, {-100, 30, -90, 40}, {-87.7, 41.7, -87.4, 41.9}};
    const double edges[] = {100, 500, 20000};
    for (int e = 0; e < 3; e++) {
        sl_error err;
        sl_hexbin h;
        assert_int_equal(sl_hexbin_build(lon, lat, M, edges[e], &h, &err), SL_OK);
        for (int b = 0; b < 3; b++) {
            double win[4];
            assert_int_equal(sl_hexbin_window(&h, boxes[b], win, &err), SL_OK);
            uint32_t *idx;
            size_t n, k = 0;
            if (sl_hexbin_cells_in_window(&h, win, h.count, &idx, &n, &err)) continue; /* too wide: scanned instead */
            for (size_t i = 0; i < h.count; i++)
                if (sl_hexbin_cell_in_window(&h, i, win)) {
                    assert_true(k < n);
                    assert_int_equal(idx[k++], i);
                }
            assert_int_equal(k, n);
            free(idx);
        }
        sl_hexbin_free(&h);
    }
    free(lon);
    free(lat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plane_binning_equals_old_path),
        cmocka_unit_test(counts_equal_lookups),
        cmocka_unit_test(weighted_counts_equal_lookups),
        cmocka_unit_test(key_as_round),
        cmocka_unit_test(keys_as_key),
        cmocka_unit_test(plane_refuses_another_centre),
        cmocka_unit_test(window_lookup_equals_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
