/*
** test_points_json.c — GeoJSON, NDJSON and Overpass point readers on the
** fixtures in tests/fixtures/points/.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/io/points_io.h"

typedef struct result {
    sl_points pts;
    sl_point_report rep;
    sl_error err;
    sl_status st;
} result;

static result *read_fixture(const char *name, const sl_point_columns *cols)
{
    const char *dir = getenv("SL_FIXTURES");
    char path[1024];
    snprintf(path, sizeof path, "%s/points/%s", dir ? dir : "tests/fixtures", name);
    result *r = calloc(1, sizeof *r);
    sl_points_init(&r->pts);
    r->st = sl_points_read_file(path, cols, &r->pts, &r->rep, NULL, &r->err);
    return r;
}

static void done(result *r)
{
    sl_points_free(&r->pts);
    free(r);
}

static void test_geojson(void **state)
{
    (void)state;
    sl_point_columns cols = {.time = "installed", .text = "label"};
    result *r = read_fixture("cameras.geojson", &cols);
    assert_int_equal(r->st, SL_OK);
    assert_string_equal(r->rep.format, "geojson");
    assert_int_equal(r->rep.rows, 6);
    assert_int_equal(r->pts.n, 3);
    assert_true(r->pts.lon[0] == -73.9857 && r->pts.lat[0] == 40.7484);
    assert_string_equal(sl_points_id(&r->pts, 0), "cam-1");
    assert_string_equal(sl_points_id(&r->pts, 1), "42");
    assert_string_equal(sl_points_text(&r->pts, 1), "Loop");
    assert_true(r->pts.time[0] == 1556712000 && r->pts.time[1] == 1556712000);
    assert_true(r->pts.time[2] == SL_TIME_NONE);
    assert_int_equal(r->rep.bad_time, 1);
    assert_int_equal(r->rep.skipped[SL_SKIP_MISSING], 1);
    assert_int_equal(r->rep.skipped[SL_SKIP_NOT_A_POINT], 1);
    assert_int_equal(r->rep.skipped[SL_SKIP_OUT_OF_RANGE], 1);
    assert_int_equal(r->rep.first_line[SL_SKIP_OUT_OF_RANGE], 5);
    done(r);
}

static void test_ndjson(void **state)
{
    (void)state;
    sl_point_columns cols = {.time = "when"};
    result *r = read_fixture("requests.ndjson", &cols);
    assert_int_equal(r->st, SL_OK);
    assert_string_equal(r->rep.format, "ndjson");
    assert_int_equal(r->rep.rows, 4);
    assert_int_equal(r->pts.n, 2);
    assert_string_equal(sl_points_id(&r->pts, 0), "sf");
    assert_string_equal(sl_points_id(&r->pts, 1), "row-2");
    assert_true(r->pts.lat[1] == 47.6062 && r->pts.lon[1] == -122.3321);
    assert_true(r->pts.time[1] == 1593561600);
    assert_int_equal(r->rep.skipped[SL_SKIP_MISSING], 1);
    assert_int_equal(r->rep.first_line[SL_SKIP_MISSING], 4);
    assert_int_equal(r->rep.skipped[SL_SKIP_UNPARSABLE], 1);
    done(r);
}

static void test_overpass(void **state)
{
    (void)state;
    result *r = read_fixture("overpass.json", NULL);
    assert_int_equal(r->st, SL_OK);
    assert_string_equal(r->rep.format, "overpass");
    assert_int_equal(r->rep.rows, 4);
    assert_int_equal(r->pts.n, 3);
    assert_string_equal(sl_points_id(&r->pts, 0), "node/1001");
    assert_string_equal(sl_points_text(&r->pts, 0), "Alex");
    assert_string_equal(sl_points_attrs(&r->pts, 0),
                        "{\"camera:direction\":\"270\",\"operator\":\"BVG\",\"surveillance:type\":\"camera\"}");
    assert_string_equal(sl_points_attrs(&r->pts, 1), "");
    assert_string_equal(sl_points_id(&r->pts, 2), "way/2002");
    assert_true(r->pts.lat[2] == 52.53);
    assert_int_equal(r->rep.skipped[SL_SKIP_NOT_A_POINT], 1);
    done(r);
}

static void test_bad_json(void **state)
{
    (void)state;
    sl_points p;
    sl_points_init(&p);
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_error err;
    const char *text = "{\"lat\": 1, \"lon\": 2}\n{oops\n";
    assert_int_equal(sl_points_parse_ndjson("x.ndjson", text, strlen(text), NULL, &p, &rep, &err), SL_EDATA);
    assert_int_equal(err.line, 2);
    memset(&rep, 0, sizeof rep);
    assert_int_equal(sl_points_parse_geojson("x.geojson", "[1,2]", 5, NULL, &p, &rep, &err), SL_EDATA);
    sl_points_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geojson),
        cmocka_unit_test(test_ndjson),
        cmocka_unit_test(test_overpass),
        cmocka_unit_test(test_bad_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
