/*
** test_harden_geo.c — regression tests for geometry-input bugs found by
** fuzzing and the bad-input corpus (docs/testing.md lists each finding).
** They pass silently in a plain build when the bug is a memory error; the
** ASan and valgrind runs of the suite are what make them bite.
*/
#include <math.h>
#include <float.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ogr_api.h>

#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "wkb_from_wkt.h"

static sl_status add_wkt(sl_polyset *ps, const char *id, const char *wkt)
{
    size_t len;
    unsigned char *wkb = wkb_from_wkt(wkt, wkbNDR, &len);
    sl_error err;
    sl_status st = sl_polyset_add_wkb(ps, id, wkb, len, &err);
    free(wkb);
    return st;
}

/* A multipolygon of N unit squares along the x axis, as WKT. */
static char *squares_wkt(int n)
{
    size_t cap = 64 + (size_t)n * 96;
    char *s = malloc(cap), *p = s;
    p += sprintf(p, "MULTIPOLYGON(");
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%s((%d 0,%d 0,%d 1,%d 1,%d 0))", i ? "," : "", 2 * i, 2 * i + 1,
                     2 * i + 1, 2 * i, 2 * i);
    sprintf(p, ")");
    return s;
}

/* Found by fuzz/seed_wkb on the NYC tracts: the ring and area arrays hold
** one sentinel more than their capacity counted, so the 64th ring (and 64th
** area) wrote one entry past the end. Cross every power-of-two boundary. */
static void test_many_rings_and_areas(void **state)
{
    (void)state;
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    char *wkt = squares_wkt(300);
    assert_int_equal(add_wkt(ps, "many", wkt), SL_OK);
    free(wkt);
    for (int i = 0; i < 300; i++) {
        char id[16], one[128];
        snprintf(id, sizeof id, "a%d", i);
        snprintf(one, sizeof one, "POLYGON((%d 5,%d 5,%d 6,%d 6,%d 5))", 2 * i, 2 * i + 1,
                 2 * i + 1, 2 * i, 2 * i);
        assert_int_equal(add_wkt(ps, id, one), SL_OK);
    }
    assert_int_equal(sl_polyset_count(ps), 301);
    assert_int_equal(sl_polyset_vertex_count(ps, 0), 300 * 5);
    sl_pip *ix;
    assert_int_equal(sl_pip_build(ps, NULL, &ix, &err), SL_OK);
    assert_int_equal(sl_pip_locate(ix, 598.5, 0.5), 0);
    assert_int_equal(sl_pip_locate(ix, 599.5, 0.5), -1);
    assert_int_equal(sl_pip_locate(ix, 598.5, 5.5), 300);
    sl_pip_free(ix);
    sl_polyset_free(ps);
}

/* WKB of a little-endian Polygon with one closed ring of 4 points PTS. */
static size_t ring_wkb(unsigned char *out, const double pts[8])
{
    unsigned char head[13] = {1, 3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0};
    memcpy(out, head, sizeof head);
    memcpy(out + sizeof head, pts, 8 * sizeof *pts); /* x86 and ARM are little-endian */
    return sizeof head + 8 * sizeof *pts;
}

/* WKB of a triangle whose second vertex is (X, Y). */
static size_t triangle_wkb(unsigned char *out, double x, double y)
{
    const double pts[8] = {0, 0, x, y, 1, 1, 0, 0};
    return ring_wkb(out, pts);
}

/* Found by fuzz_wkb (UBSan): a NaN vertex made the grid extent NaN and its
** cell count a NaN converted to an integer. Non-finite vertices are now an
** error and the set stays as it was. */
static void test_non_finite_vertices(void **state)
{
    (void)state;
    sl_polyset *ps;
    sl_error err;
    unsigned char wkb[128];
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "ok", wkb, triangle_wkb(wkb, 1, 0), &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "nan", wkb, triangle_wkb(wkb, NAN, 0), &err), SL_EDATA);
    assert_int_equal(sl_polyset_add_wkb(ps, "inf", wkb, triangle_wkb(wkb, 1, -INFINITY), &err), SL_EDATA);
    assert_int_equal(sl_polyset_count(ps), 1);
    assert_int_equal(sl_polyset_vertex_count(ps, 0), 4);
    sl_pip *ix;
    assert_int_equal(sl_pip_build(ps, NULL, &ix, &err), SL_OK);
    assert_int_equal(sl_pip_locate(ix, 0.7, 0.2), 0);
    sl_pip_free(ix);
    sl_polyset_free(ps);
}

/* Found by fuzz_wkb (UBSan) after the NaN fix: finite but absurd
** coordinates (1e276) overflowed the grid's cell arithmetic. The index now
** goes without its grid there, and still answers. */
static void test_absurd_coordinates(void **state)
{
    (void)state;
    sl_polyset *ps;
    sl_error err;
    unsigned char wkb[128];
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "small", wkb, triangle_wkb(wkb, 1, 0), &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "huge", wkb, triangle_wkb(wkb, 1e276, -1e276), &err), SL_OK);
    sl_pip *ix;
    assert_int_equal(sl_pip_build(ps, NULL, &ix, &err), SL_OK);
    assert_int_equal(sl_pip_locate(ix, 0.7, 0.2), 0);
    assert_int_equal(sl_pip_locate(ix, 0.7, 0.2), sl_pip_locate_tree(ix, 0.7, 0.2));
    assert_int_equal(sl_pip_locate(ix, -5, 0.5), -1);
    sl_pip_free(ix);
    sl_polyset_free(ps);
}

/* Found by fuzz_wkb (UBSan), 2026-12-01: a box near DBL_MAX made the
** R-tree's centre (b[0] + b[2]) / 2 overflow to -inf, and its Hilbert key an
** out-of-range conversion. */
static void test_coordinates_near_dbl_max(void **state)
{
    (void)state;
    sl_polyset *ps;
    sl_error err;
    unsigned char wkb[128];
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "small", wkb, triangle_wkb(wkb, 1, 0), &err), SL_OK);
    /* Far corners: a box's two x (and y) edges add up past DBL_MAX. */
    const double low[8] = {-DBL_MAX, -DBL_MAX, -1e308, -DBL_MAX, -1e308, -1e308, -DBL_MAX, -DBL_MAX};
    const double high[8] = {DBL_MAX, DBL_MAX, 1e308, DBL_MAX, 1e308, 1e308, DBL_MAX, DBL_MAX};
    assert_int_equal(sl_polyset_add_wkb(ps, "low", wkb, ring_wkb(wkb, low), &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "high", wkb, ring_wkb(wkb, high), &err), SL_OK);
    for (int grid = 0; grid < 2; grid++) {
        sl_pip_options opt = sl_pip_default_options();
        opt.use_grid = grid;
        sl_pip *ix;
        assert_int_equal(sl_pip_build(ps, &opt, &ix, &err), SL_OK);
        assert_int_equal(sl_pip_locate(ix, 0.7, 0.2), sl_pip_locate_tree(ix, 0.7, 0.2));
        (void)sl_pip_locate(ix, -1e300, -1e300);
        sl_pip_free(ix);
    }
    sl_polyset_free(ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_rings_and_areas),
        cmocka_unit_test(test_non_finite_vertices),
        cmocka_unit_test(test_absurd_coordinates),
        cmocka_unit_test(test_coordinates_near_dbl_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
