/*
** test_pip_real.c — the point-in-polygon engine against GEOS on real census
** tracts (New York City shapefile, Chicago GeoJSON) from ../shared/data.
**
** GEOS's prepared predicates are the reference: for every random point our
** area must be the one GEOS says contains it (the lowest, if tracts
** overlap). Points exactly on a boundary (GEOS: intersects but not contains)
** must land in at most one of the touching tracts, and in exactly one when
** the tracts touching there cover the point's surroundings. The
** FiveThirtyEight points, each recorded with its 2010 tract, are checked
** against our tract wherever the tract files cover them.
** Without the shared data ctest reports it skipped (exit 77).
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

#include <geos_c.h>
#include <gdal.h>
#include <ogr_api.h>

#include "geo/pip_internal.h"
#include "sightline/io/csv.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "skip.h"
#include "sightline/io/polyset_io.h"

typedef struct reference {
    GEOSContextHandle_t geos;
    GEOSGeometry **geoms;
    const GEOSPreparedGeometry **prepared;
    GEOSSTRtree *tree;
    size_t n;
} reference;

typedef struct fixture {
    const char *name;
    sl_polyset *ps;
    sl_pip *grid, *tree;
    reference ref;
} fixture;

static char data_dir[1024];

static int have_data(const char *rel, char *path, size_t len)
{
    const char *dir = getenv("SL_SHARED_DATA");
    snprintf(data_dir, sizeof data_dir, "%s", dir ? dir : "../shared/data");
    snprintf(path, len, "%s/%s", data_dir, rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "SKIPPED: %s not found (set SL_SHARED_DATA to the shared data)\n", path);
        return 0;
    }
    fclose(f);
    return 1;
}

static void reference_build(reference *r, const sl_polyset *ps)
{
    r->geos = GEOS_init_r();
    r->n = sl_polyset_count(ps);
    r->geoms = calloc(r->n, sizeof *r->geoms);
    r->prepared = calloc(r->n, sizeof *r->prepared);
    r->tree = GEOSSTRtree_create_r(r->geos, 10);
    for (size_t i = 0; i < r->n; i++) {
        unsigned char *wkb;
        size_t len;
        sl_error err;
        assert_int_equal(sl_polyset_area_wkb(ps, i, &wkb, &len, &err), SL_OK);
        r->geoms[i] = GEOSGeomFromWKB_buf_r(r->geos, wkb, len);
        free(wkb);
        assert_non_null(r->geoms[i]);
        r->prepared[i] = GEOSPrepare_r(r->geos, r->geoms[i]);
        GEOSSTRtree_insert_r(r->geos, r->tree, r->geoms[i], (void *)(uintptr_t)i);
    }
}

static void reference_free(reference *r)
{
    GEOSSTRtree_destroy_r(r->geos, r->tree);
    for (size_t i = 0; i < r->n; i++) {
        GEOSPreparedGeom_destroy_r(r->geos, r->prepared[i]);
        GEOSGeom_destroy_r(r->geos, r->geoms[i]);
    }
    free(r->prepared);
    free(r->geoms);
    GEOS_finish_r(r->geos);
}

typedef struct answer {
    int32_t contains[8], touches[8];
    int n_contains, n_touches;
} answer;

typedef struct query {
    const reference *ref;
    const GEOSGeometry *pt;
    answer *ans;
} query;

static void sorted_insert(int32_t *list, int *n, int32_t v)
{
    if (*n >= 8)
        return;
    int i = (*n)++;
    while (i > 0 && list[i - 1] > v) {
        list[i] = list[i - 1];
        i--;
    }
    list[i] = v;
}

static void visit_candidate(void *item, void *data)
{
    query *q = data;
    int32_t a = (int32_t)(uintptr_t)item;
    GEOSContextHandle_t h = q->ref->geos;
    if (GEOSPreparedContains_r(h, q->ref->prepared[a], q->pt) == 1)
        sorted_insert(q->ans->contains, &q->ans->n_contains, a);
    else if (GEOSPreparedIntersects_r(h, q->ref->prepared[a], q->pt) == 1)
        sorted_insert(q->ans->touches, &q->ans->n_touches, a);
}

static answer reference_at(const reference *r, double x, double y)
{
    answer ans = {{0}, {0}, 0, 0};
    GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(r->geos, x, y);
    query q = {r, pt, &ans};
    GEOSSTRtree_query_r(r->geos, r->tree, pt, visit_candidate, &q);
    GEOSGeom_destroy_r(r->geos, pt);
    return ans;
}

static int owners_among(const fixture *f, const answer *a, double x, double y)
{
    int owners = 0;
    for (int i = 0; i < a->n_touches; i++)
        owners += sl_pip_area_contains(f->grid, (uint32_t)a->touches[i], x, y);
    for (int i = 0; i < a->n_contains; i++)
        owners += sl_pip_area_contains(f->grid, (uint32_t)a->contains[i], x, y);
    return owners;
}

/* Check one point; SURROUNDED says the touching areas cover its neighbourhood. */
static void check_point(const fixture *f, double x, double y, int surrounded, long *on_boundary)
{
    answer a = reference_at(&f->ref, x, y);
    int32_t got = sl_pip_locate(f->grid, x, y), tree = sl_pip_locate_tree(f->tree, x, y);
    if (got != tree)
        fail_msg("%s (%.17g, %.17g): grid says %d, tree says %d", f->name, x, y, got, tree);
    if (a.n_contains > 0) {
        if (got != a.contains[0])
            fail_msg("%s (%.17g, %.17g): we say %d, GEOS contains in %d", f->name, x, y, got,
                     a.contains[0]);
        return;
    }
    if (a.n_touches == 0) {
        if (got != -1)
            fail_msg("%s (%.17g, %.17g): we say %d, GEOS says outside", f->name, x, y, got);
        return;
    }
    (*on_boundary)++;
    int owners = owners_among(f, &a, x, y);
    if (owners > 1 || (surrounded && owners != 1))
        fail_msg("%s (%.17g, %.17g) on a boundary: %d owners among %d touching", f->name, x, y,
                 owners, a.n_touches);
    int listed = got == -1 && !surrounded;
    for (int i = 0; i < a.n_touches; i++)
        listed |= got == a.touches[i];
    if (!listed)
        fail_msg("%s (%.17g, %.17g) on a boundary: we say %d", f->name, x, y, got);
}

static double rnd(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static void check_random_points(const fixture *f, size_t n)
{
    double ext[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < sl_polyset_count(f->ps); i++) {
        double b[4];
        sl_polyset_bounds(f->ps, i, b);
        ext[0] = fmin(ext[0], b[0]);
        ext[1] = fmin(ext[1], b[1]);
        ext[2] = fmax(ext[2], b[2]);
        ext[3] = fmax(ext[3], b[3]);
    }
    unsigned long long seed = 7;
    long boundary = 0;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    int32_t *out = malloc(n * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        x[i] = ext[0] + (ext[2] - ext[0]) * rnd(&seed);
        y[i] = ext[1] + (ext[3] - ext[1]) * rnd(&seed);
        check_point(f, x[i], y[i], 0, &boundary);
    }
    sl_error err;
    assert_int_equal(sl_pip_join(f->grid, x, y, n, 2, out, &err), SL_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i], sl_pip_locate(f->grid, x[i], y[i]));
    fprintf(stderr, "%s: %zu random points agree with GEOS\n", f->name, n);
    free(x);
    free(y);
    free(out);
}

/* Vertices (exactly on boundaries) and edge midpoints (on or within an ulp of
** them). A vertex is "surrounded" when GEOS finds a tract around each of 8
** points 1 cm away. */
static void check_boundary_points(const fixture *f, size_t step)
{
    const sl_polyset *ps = f->ps;
    long boundary = 0, checked = 0;
    for (size_t v = 0; v + 1 < ps->n_verts; v += step) {
        double x = ps->x[v], y = ps->y[v];
        int surrounded = 1;
        for (int k = 0; k < 8 && surrounded; k++) {
            double ang = k * M_PI / 4;
            answer a = reference_at(&f->ref, x + 1e-7 * cos(ang), y + 1e-7 * sin(ang));
            surrounded = a.n_contains > 0;
        }
        check_point(f, x, y, surrounded, &boundary);
        check_point(f, (x + ps->x[v + 1]) / 2, (y + ps->y[v + 1]) / 2, 0, &boundary);
        checked += 2;
    }
    fprintf(stderr, "%s: %ld vertices and midpoints checked, %ld exactly on a boundary\n",
            f->name, checked, boundary);
    assert_true(boundary > checked / 4);
}

static void fixture_open(fixture *f, const char *name, const char *path, const char *id_field)
{
    sl_error err;
    sl_polyset_read_info info;
    f->name = name;
    if (sl_polyset_read_file(path, NULL, id_field, &f->ps, &info, &err) != SL_OK)
        fail_msg("%s: %s", path, err.msg);
    fprintf(stderr, "%s: %ld tracts, %zu vertices, %ld repaired\n", name, info.features,
            sl_polyset_total_vertices(f->ps), info.repaired);
    sl_pip_options o = sl_pip_default_options();
    assert_int_equal(sl_pip_build(f->ps, &o, &f->grid, &err), SL_OK);
    o.use_grid = 0;
    assert_int_equal(sl_pip_build(f->ps, &o, &f->tree, &err), SL_OK);
    reference_build(&f->ref, f->ps);
}

static void fixture_close(fixture *f)
{
    reference_free(&f->ref);
    sl_pip_free(f->grid);
    sl_pip_free(f->tree);
    sl_polyset_free(f->ps);
}

/* GEOIDs of the NYC tracts: county FIPS of the borough + 6-digit tract. */
static char (*nyc_geoids(const char *path, const sl_polyset *ps))[16]
{
    static const char *county[] = {"", "36061", "36005", "36047", "36081", "36085"};
    size_t n = sl_polyset_count(ps);
    char (*ids)[16] = calloc(n, sizeof *ids);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    int boro = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), "borocode");
    int ct = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), "ct2010");
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH feat = OGR_L_GetFeature(layer, sl_polyset_fid(ps, i));
        int b = OGR_F_GetFieldAsInteger(feat, boro);
        assert_true(b >= 1 && b <= 5);
        snprintf(ids[i], sizeof ids[i], "%s%06d", county[b], OGR_F_GetFieldAsInteger(feat, ct));
        OGR_F_Destroy(feat);
    }
    GDALClose(ds);
    return ids;
}

static void check_fivethirtyeight(const fixture *f, char (*geoids)[16], const char *prefixes)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/points/police-killings-2015-fivethirtyeight.csv", data_dir);
    sl_csv *csv;
    sl_error err;
    assert_int_equal(sl_csv_open(path, ',', &csv, &err), SL_OK);
    assert_int_equal(sl_csv_read_header(csv, &err), SL_OK);
    int lat = sl_csv_column(csv, "latitude"), lon = sl_csv_column(csv, "longitude");
    int geo = sl_csv_column(csv, "geo_id");
    assert_true(lat >= 0 && lon >= 0 && geo >= 0);
    int located = 0, expected_here = 0;
    while (sl_csv_next(csv, &err) == 1) {
        const char *want = sl_csv_field(csv, (size_t)geo);
        double x = atof(sl_csv_field(csv, (size_t)lon)), y = atof(sl_csv_field(csv, (size_t)lat));
        int here = strstr(prefixes, (char[6]){want[0], want[1], want[2], want[3], want[4], 0}) != NULL;
        expected_here += here;
        int32_t a = sl_pip_locate(f->grid, x, y);
        if (a < 0) {
            if (here)
                fprintf(stderr, "%s: 538 point in tract %s at (%g, %g) is outside our tracts\n",
                        f->name, want, x, y);
            continue;
        }
        const char *got = geoids ? geoids[a] : sl_polyset_id(f->ps, (size_t)a);
        if (strcmp(got, want) != 0)
            fail_msg("%s: 538 point (%g, %g) recorded in tract %s, we say %s", f->name, x, y,
                     want, got);
        located++;
    }
    sl_csv_close(csv);
    fprintf(stderr, "%s: %d FiveThirtyEight points in our tracts, all in their recorded tract "
            "(%d recorded in these counties)\n", f->name, located, expected_here);
    assert_true(located > 0);
}

static void test_nyc_tracts(void **state)
{
    (void)state;
    char path[1200];
    if (!have_data("census/nyc-tracts-acs2008-12.shp", path, sizeof path)) fail_msg("checked in main()");
    fixture f;
    fixture_open(&f, "NYC", path, NULL);
    check_random_points(&f, 300000);
    check_boundary_points(&f, 5);
    char (*geoids)[16] = nyc_geoids(path, f.ps);
    check_fivethirtyeight(&f, geoids, "36061 36005 36047 36081 36085");
    free(geoids);
    fixture_close(&f);
}

static void test_chicago_tracts(void **state)
{
    (void)state;
    char path[1200];
    if (!have_data("census/chicago-tracts-sdoh-acs2014.geojson", path, sizeof path)) fail_msg("checked in main()");
    fixture f;
    fixture_open(&f, "Chicago", path, "geoid10");
    check_random_points(&f, 200000);
    check_boundary_points(&f, 3);
    check_fivethirtyeight(&f, NULL, "17031");
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nyc_tracts),
        cmocka_unit_test(test_chicago_tracts),
    };
    /* Both tests read real tracts: without them nothing runs (exit 77). */
    if (!sl_test_have_shared("census/nyc-tracts-acs2008-12.shp") ||
        !sl_test_have_shared("census/chicago-tracts-sdoh-acs2014.geojson"))
        return SL_TEST_SKIPPED;
    return sl_test_exit(cmocka_run_group_tests(tests, NULL, NULL), 0);
}
