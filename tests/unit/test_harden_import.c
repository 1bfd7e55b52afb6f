/*
** test_harden_import.c — regression tests for importer holes found with the
** bad-input corpus (tests/bad) and the fuzzers: each input here used to be
** accepted (or silently mangled) and must now be an error with a line.
** docs/testing.md lists every finding and the policy behind it.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sightline/io/areas_io.h"
#include "sightline/ingest/import.h"
#include "sightline/io/points_io.h"
#include "sightline/store/store.h"

static sl_status parse_points(const char *text, sl_error *err)
{
    sl_points pts;
    sl_points_init(&pts);
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_error_clear(err);
    sl_status st = sl_points_parse_csv("p.csv", text, strlen(text),
                                       NULL, &pts, &rep, err);
    sl_points_free(&pts);
    return st;
}

static void test_points_csv_nul_byte(void **state)
{
    (void)state;
    static const char data[] = "id,lat,lon\n1,38.8,-78.5\n2,38.\0009,-78.4\n";
    sl_points pts;
    sl_points_init(&pts);
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_error err;
    assert_int_equal(sl_points_parse_csv("p.csv", data, sizeof data - 1, NULL, &pts, &rep, &err),
                     SL_EDATA);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "NUL"));
    sl_points_free(&pts);
}

static void test_points_csv_unclosed_quote(void **state)
{
    (void)state;
    sl_error err;
    assert_int_equal(parse_points("id,lat,lon\n1,38.8,-78.5\n2,\"38.9,-78.4\n3,38.7,-78.3\n", &err),
                     SL_EDATA);
    assert_int_equal(err.line, 3);
    assert_int_equal(parse_points("id,\"lat,lon\n1,38.8,-78.5\n", &err), SL_EDATA);
    assert_int_equal(err.line, 1);
    /* Quotes that do close still work, newlines inside included. */
    assert_int_equal(parse_points("id,lat,lon\n\"a\nb\",38.8,-78.5\n", &err), SL_OK);
}

static sl_status import_buffer(sl_store *st, const char *text, sl_import_result *res, sl_error *err)
{
    sl_partnership_mapping map = {.name_col = "Agency", .state_col = "State", .tech_col = "Technology",
                                  .snapshot = "2020-10-07"};
    sl_error_clear(err);
    return sl_ingest_partnerships_buffer(st, "atlas.csv", text, strlen(text), &map, res, err);
}

static void test_partnerships_need_rows_and_names(void **state)
{
    (void)state;
    sl_store *st;
    sl_error err;
    assert_int_equal(sl_store_open(":memory:", &st, &err), SL_OK);
    sl_import_result res;
    const char *hdr = "AOSNUMBER,State,Agency,Technology\n";
    assert_int_equal(import_buffer(st, hdr, &res, &err), SL_EDATA);
    assert_int_equal(err.line, 1);
    char text[256];
    snprintf(text, sizeof text, "%sAOS1,VA,Woodstock PD,Drones\nAOS2,VA,   ,Drones\n", hdr);
    assert_int_equal(import_buffer(st, text, &res, &err), SL_EDATA);
    assert_int_equal(err.line, 3);
    sl_source_list sources = {0};
    assert_int_equal(sl_store_load_sources(st, NULL, &sources, &err), SL_OK);
    assert_int_equal(sources.count, 0); /* both failures rolled back whole */
    sl_source_list_free(&sources);
    snprintf(text, sizeof text, "%sAOS1,VA,Woodstock PD,Drones\n", hdr);
    assert_int_equal(import_buffer(st, text, &res, &err), SL_OK);
    assert_int_equal(res.rows, 1);
    sl_store_close(st);
}

static char *temp_file(const char *suffix, const char *text)
{
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/sl-harden-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_agencies_keys_and_coordinates(void **state)
{
    (void)state;
    const char *hdr = "ori,agency_name,agency_type_name,county_name,state_abbr,latitude,longitude\n";
    char text[512];
    sl_store *st;
    sl_error err;
    sl_import_result res;
    assert_int_equal(sl_store_open(":memory:", &st, &err), SL_OK);
    snprintf(text, sizeof text, "%sVA1,A PD,City,X,VA,38.8,-78.5\nVA2,B PD,City,X,VA,38.8,-78.5\n"
             "VA1,C PD,City,X,VA,38.8,-78.5\n", hdr);
    char *path = temp_file(".csv", text);
    assert_int_equal(sl_ingest_agencies(st, path, "fbi-cde", &res, &err), SL_EDATA);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.msg, "repeats line 2"));
    unlink(path);
    free(path);
    snprintf(text, sizeof text, "%sVA1,A PD,City,X,VA,0x26,-78.5\n", hdr);
    path = temp_file(".csv", text);
    assert_int_equal(sl_ingest_agencies(st, path, "fbi-cde", &res, &err), SL_EDATA);
    assert_int_equal(err.line, 2);
    unlink(path);
    free(path);
    path = temp_file(".csv", hdr);
    assert_int_equal(sl_ingest_agencies(st, path, "fbi-cde", &res, &err), SL_EDATA);
    assert_int_equal(err.line, 1);
    unlink(path);
    free(path);
    sl_store_close(st);
}

static void test_areas_off_the_globe(void **state)
{
    (void)state;
    char *path = temp_file(".geojson",
                           "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                           "\"properties\":{\"GEOID\":\"1\"},\"geometry\":{\"type\":\"Polygon\","
                           "\"coordinates\":[[[178,38],[378,38],[378,39],[178,39],[178,38]]]}}]}\n");
    sl_area_options opt = {.id = "GEOID"};
    sl_area_list areas;
    sl_area_report rep;
    memset(&rep, 0, sizeof rep);
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_areas_read(path, &opt, &areas, &rep, &err), SL_EDATA);
    assert_non_null(strstr(err.msg, "outside longitude"));
    sl_area_list_free(&areas);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_csv_nul_byte),
        cmocka_unit_test(test_points_csv_unclosed_quote),
        cmocka_unit_test(test_partnerships_need_rows_and_names),
        cmocka_unit_test(test_agencies_keys_and_coordinates),
        cmocka_unit_test(test_areas_off_the_globe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
