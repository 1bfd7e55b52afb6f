/*
** test_messages.c — errors that name the real problem (#19 point 18): a
** valid JSON file that does not fit in memory is "out of memory", never
** "invalid JSON"; a header wider than 4,096 columns is said to be, never
** "no column named 'lat'" for a column that exists.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/io/points_io.h"

/* jansson's allocator, failing (as glibc does: NULL, errno ENOMEM) once
** BUDGET allocations were made. */
static long budget;
static void *failing_malloc(size_t n)
{
    if (budget-- > 0) return malloc(n);
    errno = ENOMEM;
    return NULL;
}

static sl_status parse_geojson(const char *text, sl_error *err)
{
    sl_points pts;
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_points_init(&pts);
    sl_point_columns cols = {0};
    sl_error_clear(err);
    sl_status st = sl_points_parse_geojson("t.geojson", text, strlen(text), &cols, &pts, &rep, err);
    sl_points_free(&pts);
    return st;
}

static void json_out_of_memory_is_not_invalid(void **state)
{
    (void)state;
    const char *text = "{\"type\":\"FeatureCollection\",\"features\":["
                       "{\"type\":\"Feature\",\"properties\":{\"name\":\"a\"},"
                       "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
    sl_error err;
    /* Memory running out at every point of the parse, from set-up on. */
    for (long b = 0; b < 12; b++) {
        budget = b;
        json_set_alloc_funcs(failing_malloc, free);
        sl_status st = parse_geojson(text, &err);
        json_set_alloc_funcs(malloc, free);
        if (st == SL_OK) break; /* enough memory: parsed */
        if (st != SL_ENOMEM) fail_msg("budget %ld: status %d: %s", b, st, err.msg);
        assert_non_null(strstr(err.msg, "out of memory"));
        assert_null(strstr(err.msg, "invalid JSON"));
    }
    /* With memory, the same text parses; broken text is still "invalid JSON". */
    assert_int_equal(parse_geojson(text, &err), SL_OK);
    assert_int_equal(parse_geojson("{\"type\":", &err), SL_EDATA);
    assert_non_null(strstr(err.msg, "invalid JSON"));
}

/* A header of N columns c1..cN with lat and lon at columns LAT and LAT+1
** (1-based), and one data row. */
static char *wide_csv(int n, int lat)
{
    size_t cap = (size_t)n * 12 + 64, len = 0;
    char *s = malloc(cap);
    for (int i = 1; i <= n; i++)
        len += (size_t)snprintf(s + len, cap - len, "%s%s", i > 1 ? "," : "",
                                i == lat ? "lat" : i == lat + 1 ? "lon" : "c");
    len += (size_t)snprintf(s + len, cap - len, "\n");
    for (int i = 1; i <= n; i++)
        len += (size_t)snprintf(s + len, cap - len, "%s%s", i > 1 ? "," : "",
                                i == lat ? "41.5" : i == lat + 1 ? "-87.5" : "0");
    snprintf(s + len, cap - len, "\n");
    return s;
}

static sl_status parse_csv(const char *text, sl_points *pts, sl_error *err)
{
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_points_init(pts);
    sl_point_columns cols = {.threads = 1};
    sl_error_clear(err);
    return sl_points_parse_csv("wide.csv", text, strlen(text), &cols, pts, &rep, err);
}

static void wide_header_is_said_to_be_wide(void **state)
{
    (void)state;
    sl_points pts;
    sl_error err;
    char *far = wide_csv(5000, 4500);
    assert_int_equal(parse_csv(far, &pts, &err), SL_EDATA);
    sl_points_free(&pts);
    assert_null(strstr(err.msg, "no column named"));
    assert_null(strstr(err.msg, "no latitude column"));
    assert_non_null(strstr(err.msg, "5000 columns"));
    assert_non_null(strstr(err.msg, "4,096"));
    free(far);
    /* Wide, but the wanted columns come early: it imports. */
    char *near = wide_csv(5000, 2);
    assert_int_equal(parse_csv(near, &pts, &err), SL_OK);
    assert_int_equal(pts.n, 1);
    sl_points_free(&pts);
    free(near);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_out_of_memory_is_not_invalid),
        cmocka_unit_test(wide_header_is_said_to_be_wide),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
