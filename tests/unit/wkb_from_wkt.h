/*
** wkb_from_wkt.h — for unit tests: WKB of a WKT string, written by OGR, so
** a test states its geometry readably and gets the bytes a reader meets.
** Include after cmocka.h and ogr_api.h.
*/
#ifndef SL_TEST_WKB_FROM_WKT_H
#define SL_TEST_WKB_FROM_WKT_H

#include <stdlib.h>

/* WKB of WKT in byte order ORDER, malloc'ed, its size in *LEN. */
static inline unsigned char *wkb_from_wkt(const char *wkt, OGRwkbByteOrder order, size_t *len)
{
    char *cursor = (char *)wkt;
    OGRGeometryH g = NULL;
    assert_int_equal(OGR_G_CreateFromWkt(&cursor, NULL, &g), OGRERR_NONE);
    *len = (size_t)OGR_G_WkbSize(g);
    unsigned char *b = malloc(*len);
    assert_non_null(b);
    assert_int_equal(OGR_G_ExportToWkb(g, order, b), OGRERR_NONE);
    OGR_G_DestroyGeometry(g);
    return b;
}

#endif
