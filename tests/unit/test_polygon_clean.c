/*
** test_polygon_clean.c — one polygon cleaner for every polygon reader.
**
** A pentagram (one ring winding twice around its centre) is invalid. The
** cleaner (sl_polygon_clean, geo/ring_check.h) repairs it to the area it
** covers, centre included. Request polygons used to be repaired by OGR's
** default linework method instead, which keeps only faces of odd winding and
** so punched the centre out: the same shape covered different ground as an
** area file and as a request.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <ogr_api.h>

#include "geo/ring_check.h"
#include "sightline/geo/gdal.h"
#include "sightline/ingest/requests.h"
#include "sightline/store/store.h"

/* The pentagram's vertices (points 0, 2, 4, 1, 3 of a regular pentagon of
** radius 0.01 degrees around (10, 10)) as WKT. */
static void pentagram_wkt(char *buf, size_t len)
{
    size_t used = (size_t)snprintf(buf, len, "POLYGON((");
    for (int k = 0; k <= 5; k++) {
        double a = M_PI / 2 + 2 * M_PI / 5 * ((2 * k) % 5);
        used += (size_t)snprintf(buf + used, len - used, "%s%.9f %.9f", k ? ", " : "", 10 + 0.01 * cos(a),
                                 10 + 0.01 * sin(a));
    }
    snprintf(buf + used, len - used, "))");
}

static int covers_centre(OGRGeometryH g)
{
    OGRGeometryH c = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(c, 0, 10.0, 10.0);
    int in = OGR_G_Contains(g, c);
    OGR_G_DestroyGeometry(c);
    return in;
}

static void test_cleaner_keeps_the_centre(void **state)
{
    (void)state;
    sl_error err;
    assert_int_equal(sl_gdal_ready(&err), SL_OK);
    char wkt[512], *p = wkt;
    pentagram_wkt(wkt, sizeof wkt);
    OGRGeometryH g = NULL;
    assert_int_equal(OGR_G_CreateFromWkt(&p, NULL, &g), OGRERR_NONE);
    assert_false(OGR_G_IsValid(g));
    void *fixed;
    assert_int_equal(sl_polygon_clean(g, &fixed), 1);
    assert_non_null(fixed);
    assert_true(OGR_G_IsValid(fixed));
    assert_true(covers_centre(fixed));
    OGR_G_DestroyGeometry(fixed);
    /* A valid shape is left alone. */
    OGRGeometryH hull = OGR_G_ConvexHull(g);
    assert_int_equal(sl_polygon_clean(hull, &fixed), 0);
    assert_null(fixed);
    OGR_G_DestroyGeometry(hull);
    OGR_G_DestroyGeometry(g);
}

static void test_request_polygon_repaired_the_same_way(void **state)
{
    (void)state;
    char wkt[512], path[] = "/tmp/sl-clean-XXXXXX.csv", text[700];
    pentagram_wkt(wkt, sizeof wkt);
    snprintf(text, sizeof text, "agency,state,date,geometry\nX PD,VA,2020-01-01,\"%s\"\n", wkt);
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    sl_store *st;
    sl_error err;
    assert_int_equal(sl_store_open(":memory:", &st, &err), SL_OK);
    sl_request_mapping map = {0};
    sl_import_result res;
    memset(&res, 0, sizeof res);
    assert_int_equal(sl_ingest_requests(st, path, &map, &res, &err), SL_OK);
    unlink(path);
    assert_int_equal(res.repaired_polygons, 1);
    sl_request_list list = {0};
    assert_int_equal(sl_store_load_requests(st, &list, &err), SL_OK);
    assert_int_equal(list.count, 1);
    assert_non_null(list.items[0].wkb);
    OGRGeometryH g = NULL;
    assert_int_equal(OGR_G_CreateFromWkb(list.items[0].wkb, NULL, &g, (int)list.items[0].wkb_len), OGRERR_NONE);
    assert_true(covers_centre(g));
    OGR_G_DestroyGeometry(g);
    sl_request_list_free(&list);
    sl_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cleaner_keeps_the_centre),
        cmocka_unit_test(test_request_polygon_repaired_the_same_way),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
