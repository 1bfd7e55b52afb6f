/*
** test_pip.c — the point-in-polygon engine on small shapes whose answers are
** known by hand: shared edges and vertices (exactly one owner), holes,
** multipolygons, grid vs R-tree agreement, batch join and counts, WKB round
** trips, geodesic areas, and reading files that need repair or reprojection.
*/
#include <math.h>
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
#include "sightline/io/polyset_io.h"
#include "wkb_from_wkt.h"

static void add_wkt(sl_polyset *ps, const char *id, const char *wkt)
{
    size_t len;
    unsigned char *wkb = wkb_from_wkt(wkt, wkbNDR, &len);
    sl_error err;
    assert_int_equal(sl_polyset_add_wkb(ps, id, wkb, len, &err), SL_OK);
    free(wkb);
}

static sl_polyset *from_wkts(const char *const *wkts, size_t n)
{
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu", i);
        add_wkt(ps, id, wkts[i]);
    }
    return ps;
}

static sl_pip *index_of(const sl_polyset *ps, int grid, size_t cells)
{
    sl_pip_options o = sl_pip_default_options();
    o.use_grid = grid;
    o.grid_cells = cells;
    sl_pip *ix;
    sl_error err;
    assert_int_equal(sl_pip_build(ps, &o, &ix, &err), SL_OK);
    return ix;
}

/* Both paths (grid at two sizes, tree) must give EXPECT. */
static void expect_at(const sl_polyset *ps, double x, double y, int32_t expect)
{
    size_t sizes[] = {0, 4096, 100000};
    for (size_t i = 0; i < 3; i++) {
        sl_pip *ix = index_of(ps, 1, sizes[i]);
        if (sl_pip_locate(ix, x, y) != expect)
            fail_msg("(%.17g, %.17g): grid %zu gives %d, expected %d", x, y, sizes[i],
                     sl_pip_locate(ix, x, y), expect);
        sl_pip_free(ix);
    }
    sl_pip *ix = index_of(ps, 0, 0);
    if (sl_pip_locate(ix, x, y) != expect)
        fail_msg("(%.17g, %.17g): tree gives %d, expected %d", x, y, sl_pip_locate(ix, x, y),
                 expect);
    sl_pip_free(ix);
}

/* Four unit squares around (1, 1): 0 lower left, 1 lower right, 2 upper
** left, 3 upper right, rings in both orientations. */
static const char *const quad[] = {
    "POLYGON((0 0,1 0,1 1,0 1,0 0))",
    "POLYGON((1 0,1 1,2 1,2 0,1 0))",
    "POLYGON((0 1,1 1,1 2,0 2,0 1))",
    "POLYGON((1 1,1 2,2 2,2 1,1 1))",
};

static void test_interior_points(void **state)
{
    (void)state;
    sl_polyset *ps = from_wkts(quad, 4);
    expect_at(ps, 0.5, 0.5, 0);
    expect_at(ps, 1.5, 0.5, 1);
    expect_at(ps, 0.5, 1.5, 2);
    expect_at(ps, 1.5, 1.5, 3);
    expect_at(ps, 2.5, 0.5, -1);
    expect_at(ps, -0.1, 1.0, -1);
    expect_at(ps, NAN, 1.0, -1);
    expect_at(ps, INFINITY, 1.0, -1);
    sl_polyset_free(ps);
}

static void test_shared_edges_and_vertices(void **state)
{
    (void)state;
    sl_polyset *ps = from_wkts(quad, 4);
    /* Nudged up and right: a point on a shared edge goes right or up. */
    expect_at(ps, 1.0, 0.5, 1);
    expect_at(ps, 1.0, 1.5, 3);
    expect_at(ps, 0.5, 1.0, 2);
    expect_at(ps, 1.5, 1.0, 3);
    expect_at(ps, 1.0, 1.0, 3); /* the vertex all four share */
    expect_at(ps, 1.0, 0.0, 1); /* outer boundary vertices: at most one */
    expect_at(ps, 0.0, 0.0, 0);
    expect_at(ps, 2.0, 2.0, -1);
    expect_at(ps, 1.0, 2.0, -1);
    sl_polyset_free(ps);
}

static void test_slanted_shared_edge(void **state)
{
    (void)state;
    /* Two triangles sharing a diagonal; points on it must land in one. */
    static const char *const tri[] = {
        "POLYGON((0 0,3 0,0 7,0 0))",
        "POLYGON((3 0,3 7,0 7,3 0))",
    };
    sl_polyset *ps = from_wkts(tri, 2);
    sl_pip *grid = index_of(ps, 1, 0), *tree = index_of(ps, 0, 0);
    for (int i = 1; i < 1000; i++) {
        double t = i / 1000.0, x = 3 - 3 * t, y = 7 * t;
        int32_t a = sl_pip_locate(grid, x, y);
        assert_true(a == 0 || a == 1);
        assert_int_equal(a, sl_pip_locate(tree, x, y));
    }
    sl_pip_free(grid);
    sl_pip_free(tree);
    sl_polyset_free(ps);
}

static void test_holes(void **state)
{
    (void)state;
    static const char *const holed[] = {
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,4 6,6 6,6 4,4 4))",
        "POLYGON((4 4,6 4,6 6,4 6,4 4))", /* fills the hole exactly */
    };
    sl_polyset *one = from_wkts(holed, 1);
    expect_at(one, 5, 5, -1);
    expect_at(one, 2, 2, 0);
    expect_at(one, 7, 5, 0);
    sl_polyset_free(one);
    sl_polyset *both = from_wkts(holed, 2);
    expect_at(both, 5, 5, 1);
    expect_at(both, 4, 5, 1); /* on the hole's left edge: nudged right, into 1 */
    expect_at(both, 6, 5, 0);
    expect_at(both, 5, 4, 1);
    expect_at(both, 5, 6, 0);
    assert_true(fabs(sl_polyset_area_km2(both, 0) - 96 * sl_polyset_area_km2(both, 1) / 4) <
                0.02 * sl_polyset_area_km2(both, 0));
    sl_polyset_free(both);
}

static void test_multipolygon(void **state)
{
    (void)state;
    static const char *const multi[] = {
        "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((5 5,6 5,6 6,5 6,5 5)))",
        "POLYGON((2 2,3 2,3 3,2 3,2 2))",
    };
    sl_polyset *ps = from_wkts(multi, 2);
    expect_at(ps, 0.5, 0.5, 0);
    expect_at(ps, 5.5, 5.5, 0);
    expect_at(ps, 2.5, 2.5, 1);
    expect_at(ps, 3.5, 3.5, -1);
    sl_polyset_free(ps);
}

static void test_overlap_gives_lowest(void **state)
{
    (void)state;
    static const char *const over[] = {
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((-10 -10,10 -10,10 10,-10 10,-10 -10))",
    };
    sl_polyset *ps = from_wkts(over, 2);
    expect_at(ps, 1, 1, 0);
    expect_at(ps, 3.9, 0.1, 0);
    expect_at(ps, 5, 5, 1);
    sl_polyset_free(ps);
}

static void test_many_stacked_areas(void **state)
{
    (void)state;
    /* 70 nested squares, then a small triangle: cells along the triangle's
    ** edges lie inside more areas than a cell record lists. */
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    char wkt[256];
    for (int i = 0; i < 70; i++) {
        double h = 10 + i * 0.01;
        snprintf(wkt, sizeof wkt, "POLYGON((%g %g,%g %g,%g %g,%g %g,%g %g))", -h, -h, h, -h, h,
                 h, -h, h, -h, -h);
        add_wkt(ps, "square", wkt);
    }
    add_wkt(ps, "triangle", "POLYGON((0 0,1 0,0 1,0 0))");
    expect_at(ps, 0.2, 0.2, 0);
    expect_at(ps, 0.7, 0.7, 0);
    expect_at(ps, 10.005, 0, 1);
    expect_at(ps, 10.685, 0, 69);
    expect_at(ps, 10.8, 0, -1);
    sl_polyset_free(ps);
}

static double rnd(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static void test_join_and_count_match_locate(void **state)
{
    (void)state;
    static const char *const shapes[] = {
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,4 6,6 6,6 4,4 4))",
        "POLYGON((4 4,6 4,6 6,4 6,4 4))",
        "POLYGON((10 0,20 0,15 10,10 10,10 0))",
        "MULTIPOLYGON(((0 12,3 12,3 15,0 15,0 12)),((20 12,23 12,21 19,20 12)))",
    };
    sl_polyset *ps = from_wkts(shapes, 4);
    sl_pip *grid = index_of(ps, 1, 0), *tree = index_of(ps, 0, 0);
    size_t n = 200000;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    int32_t *out = malloc(n * sizeof *out);
    unsigned long long seed = 42;
    for (size_t i = 0; i < n; i++) {
        /* Half on a coarse lattice so many points sit exactly on edges. */
        x[i] = i % 2 ? -1 + 25 * rnd(&seed) : floor(-2 + 27 * rnd(&seed));
        y[i] = i % 2 ? -1 + 21 * rnd(&seed) : floor(-2 + 23 * rnd(&seed));
    }
    sl_error err;
    assert_int_equal(sl_pip_join(grid, x, y, n, 2, out, &err), SL_OK);
    uint64_t expect[4] = {0}, counts[4], outside = 0, expect_out = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t t = sl_pip_locate_tree(tree, x[i], y[i]);
        if (out[i] != t)
            fail_msg("point (%g, %g): join %d, tree %d", x[i], y[i], out[i], t);
        if (t >= 0)
            expect[t]++;
        else
            expect_out++;
    }
    assert_int_equal(sl_pip_count(grid, x, y, n, 0, counts, &outside, &err), SL_OK);
    for (int a = 0; a < 4; a++)
        assert_int_equal(counts[a], expect[a]);
    assert_int_equal(outside, expect_out);
    assert_true(expect[0] > 0 && expect[1] > 0 && expect[2] > 0 && expect[3] > 0);
    free(x);
    free(y);
    free(out);
    sl_pip_free(grid);
    sl_pip_free(tree);
    sl_polyset_free(ps);
}

static void test_wkb_round_trip_and_area(void **state)
{
    (void)state;
    static const char *const shapes[] = {
        "POLYGON((0 0,1 0,1 1,0 1,0 0))",
        "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(4 4,4 6,6 6,6 4,4 4)),((20 20,21 20,21 21,20 20)))",
    };
    sl_polyset *ps = from_wkts(shapes, 2), *copy;
    sl_error err;
    assert_int_equal(sl_polyset_new(&copy, &err), SL_OK);
    for (size_t i = 0; i < 2; i++) {
        unsigned char *wkb;
        size_t len;
        assert_int_equal(sl_polyset_area_wkb(ps, i, &wkb, &len, &err), SL_OK);
        assert_int_equal(sl_polyset_add_wkb(copy, sl_polyset_id(ps, i), wkb, len, &err), SL_OK);
        free(wkb);
        assert_int_equal(sl_polyset_vertex_count(copy, i), sl_polyset_vertex_count(ps, i));
        assert_true(sl_polyset_area_km2(copy, i) == sl_polyset_area_km2(ps, i));
    }
    assert_string_equal(sl_polyset_id(copy, 1), "a1");
    assert_int_equal(sl_polyset_find(copy, "a1"), 1);
    assert_int_equal(sl_polyset_find(copy, "zz"), -1);
    /* One degree square at the equator: 12,308 km² on WGS84. */
    assert_true(fabs(sl_polyset_area_km2(ps, 0) - 12308) < 5);
    unsigned char junk[] = {1, 3, 0, 0, 0, 9};
    assert_int_equal(sl_polyset_add_wkb(copy, "bad", junk, sizeof junk, &err), SL_EDATA);
    assert_int_equal(sl_polyset_count(copy), 2);
    sl_polyset_free(copy);
    sl_polyset_free(ps);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_read_file_repairs_and_reprojects(void **state)
{
    (void)state;
    char dir[] = "/tmp/sl_pip_XXXXXX", path[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bowtie.geojson", dir);
    /* A bowtie (invalid) and, in Web Mercator, a square around (1°, 1°). */
    write_text(path,
               "{\"type\":\"FeatureCollection\",\"features\":["
               "{\"type\":\"Feature\",\"properties\":{\"code\":\"bow\"},\"geometry\":"
               "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}},"
               "{\"type\":\"Feature\",\"properties\":{\"code\":\"ok\"},\"geometry\":"
               "{\"type\":\"Polygon\",\"coordinates\":[[[5,5],[6,5],[6,6],[5,6],[5,5]]]}}]}");
    sl_polyset *ps;
    sl_polyset_read_info info;
    sl_error err;
    assert_int_equal(sl_polyset_read_file(path, NULL, "code", &ps, &info, &err), SL_OK);
    assert_int_equal(info.features, 2);
    assert_int_equal(info.repaired, 1);
    assert_string_equal(sl_polyset_id(ps, 0), "bow");
    sl_pip *ix = index_of(ps, 1, 0);
    assert_int_equal(sl_pip_locate(ix, 0.2, 1.0), 0);
    assert_int_equal(sl_pip_locate(ix, 1.8, 1.0), 0);
    assert_int_equal(sl_pip_locate(ix, 1.0, 0.2), -1);
    assert_int_equal(sl_pip_locate(ix, 5.5, 5.5), 1);
    sl_pip_free(ix);
    sl_polyset_free(ps);
    assert_int_equal(sl_polyset_read_file(path, NULL, "nope", &ps, &info, &err), SL_EUSAGE);

    snprintf(path, sizeof path, "%s/merc.geojson", dir);
    write_text(path,
               "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
               "{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},\"features\":["
               "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
               "\"coordinates\":[[[0,0],[222639,0],[222639,222684],[0,222684],[0,0]]]}}]}");
    assert_int_equal(sl_polyset_read_file(path, NULL, NULL, &ps, &info, &err), SL_OK);
    assert_int_equal(info.reprojected, 1);
    double box[4];
    sl_polyset_bounds(ps, 0, box);
    assert_true(fabs(box[2] - 2.0) < 1e-4 && fabs(box[3] - 2.0) < 1e-4);
    assert_string_equal(sl_polyset_id(ps, 0), "0");
    sl_polyset_free(ps);
    assert_int_equal(sl_polyset_read_file("/nonexistent.shp", NULL, NULL, &ps, &info, &err),
                     SL_EIO);
    remove(path);
    snprintf(path, sizeof path, "%s/bowtie.geojson", dir);
    remove(path);
    remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interior_points),
        cmocka_unit_test(test_shared_edges_and_vertices),
        cmocka_unit_test(test_slanted_shared_edge),
        cmocka_unit_test(test_holes),
        cmocka_unit_test(test_multipolygon),
        cmocka_unit_test(test_overlap_gives_lowest),
        cmocka_unit_test(test_many_stacked_areas),
        cmocka_unit_test(test_join_and_count_match_locate),
        cmocka_unit_test(test_wkb_round_trip_and_area),
        cmocka_unit_test(test_read_file_repairs_and_reprojects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
