/*
** test_wkb.c — the polygon set's own WKB reader (src/geo/polyset.c) against
** GDAL's: the same (Multi)Polygons written by OGR little- and big-endian,
** and as 3D (which only OGR reads), give byte-identical areas; a truncated
** or foreign blob is refused or handed to OGR exactly as before.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ogr_api.h>

#include "sightline/geo/polyset.h"
#include "wkb_from_wkt.h"

/* The canonical WKB of the one area read from BLOB. */
static unsigned char *roundtrip(const unsigned char *blob, size_t len, size_t *out_len)
{
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "a", blob, len, &err), SL_OK);
    assert_int_equal(sl_polyset_count(ps), 1);
    unsigned char *w;
    assert_int_equal(sl_polyset_area_wkb(ps, 0, &w, out_len, &err), SL_OK);
    sl_polyset_free(ps);
    return w;
}

static void test_same_as_ogr(void **state)
{
    (void)state;
    static const char *const shapes[][2] = {
        {"POLYGON ((0 0,10 0,10 10,0 10,0 0),(2 2,3 2,3 3,2 3,2 2))",
         "POLYGON Z ((0 0 1,10 0 1,10 10 1,0 10 1,0 0 1),(2 2 1,3 2 1,3 3 1,2 3 1,2 2 1))"},
        {"MULTIPOLYGON (((0 0,10 0,10 10,0 0)),((20 20,30 20,30 30,20 30,20 20),(21 21,22 21,22 22,21 21)))",
         "MULTIPOLYGON Z (((0 0 5,10 0 5,10 10 5,0 0 5)),((20 20 0,30 20 0,30 30 0,20 30 0,20 20 0),"
         "(21 21 0,22 21 0,22 22 0,21 21 0)))"},
        {"POLYGON ((-73.9 40.7,-73.8 40.7,-73.8 40.8,-73.9 40.7))",
         "POLYGON Z ((-73.9 40.7 0,-73.8 40.7 0,-73.8 40.8 0,-73.9 40.7 0))"},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        size_t ln, lx, lz, a, b, c;
        unsigned char *ndr = wkb_from_wkt(shapes[i][0], wkbNDR, &ln), *xdr = wkb_from_wkt(shapes[i][0], wkbXDR, &lx),
                      *z = wkb_from_wkt(shapes[i][1], wkbNDR, &lz);
        unsigned char *from_ndr = roundtrip(ndr, ln, &a), *from_xdr = roundtrip(xdr, lx, &b),
                      *from_z = roundtrip(z, lz, &c); /* 3D: through OGR */
        assert_int_equal(a, c);
        assert_int_equal(b, c);
        assert_memory_equal(from_ndr, from_z, c);
        assert_memory_equal(from_xdr, from_z, c);
        /* and our own output reads back to itself */
        size_t d;
        unsigned char *again = roundtrip(from_ndr, a, &d);
        assert_int_equal(d, a);
        assert_memory_equal(again, from_ndr, a);
        free(ndr), free(xdr), free(z), free(from_ndr), free(from_xdr), free(from_z), free(again);
    }
}

static void test_bad_blobs(void **state)
{
    (void)state;
    size_t len;
    unsigned char *w = wkb_from_wkt("MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))", wkbNDR, &len);
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    /* Cut anywhere: refused, and the set is as it was. */
    for (size_t cut = 0; cut < len; cut += 3) {
        assert_int_equal(sl_polyset_add_wkb(ps, "cut", w, cut, &err), SL_EDATA);
        assert_int_equal(sl_polyset_count(ps), 0);
        assert_int_equal(sl_polyset_total_vertices(ps), 0);
    }
    /* A byte order that is neither 0 nor 1. */
    unsigned char odd[] = {7, 3, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(sl_polyset_add_wkb(ps, "odd", odd, sizeof odd, &err), SL_EDATA);
    /* A point bounds no area: an area with no rings, as OGR's path gives. */
    size_t plen;
    unsigned char *pt = wkb_from_wkt("POINT (1 2)", wkbNDR, &plen);
    assert_int_equal(sl_polyset_add_wkb(ps, "pt", pt, plen, &err), SL_OK);
    assert_int_equal(sl_polyset_count(ps), 1);
    assert_int_equal(sl_polyset_vertex_count(ps, 0), 0);
    /* The whole blob still reads after all that. */
    assert_int_equal(sl_polyset_add_wkb(ps, "ok", w, len, &err), SL_OK);
    assert_int_equal(sl_polyset_vertex_count(ps, 1), 8);
    sl_polyset_free(ps);
    free(w);
    free(pt);
}

/* Little-endian WKB writer for hand-made blobs. */
typedef struct blob { unsigned char b[512]; size_t n; } blob;
static void put32(blob *w, uint32_t v) { for (int i = 0; i < 4; i++) w->b[w->n++] = (unsigned char)(v >> 8 * i); }
static void put64(blob *w, double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    for (int i = 0; i < 8; i++) w->b[w->n++] = (unsigned char)(v >> 8 * i);
}
/* A closed 4-point ring: its point count, then the points (z = 7 in 3D). */
static void put_ring(blob *w, const double pts[4][2], int dims)
{
    put32(w, 4);
    for (int k = 0; k < 4; k++) {
        put64(w, pts[k][0]);
        put64(w, pts[k][1]);
        if (dims == 3) put64(w, 7);
    }
}

/* A polygon whose exterior ring is empty and whose second ring is a unit
** square; DIMS 2 (type 3, our reader) or 3 (type 1003, OGR's). */
static void empty_shell_polygon(blob *w, int dims)
{
    const double sq[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 0}};
    w->b[w->n++] = 1;
    put32(w, dims == 3 ? 1003 : 3);
    put32(w, 2);
    put32(w, 0);
    put_ring(w, sq, dims);
}

/* fuzz_wkb found it: an empty exterior ring made the next ring a hole with
** no shell, and writing that area back as WKB overflowed its buffer (the
** size counted shells, the writer started a polygon at the first ring). An
** empty exterior now makes the polygon empty, by both readers. */
static void test_empty_exterior_ring(void **state)
{
    (void)state;
    for (int dims = 2; dims <= 3; dims++) {
        blob w = {.n = 0};
        empty_shell_polygon(&w, dims);
        sl_polyset *ps;
        sl_error err;
        assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
        assert_int_equal(sl_polyset_add_wkb(ps, "a", w.b, w.n, &err), SL_OK);
        assert_int_equal(sl_polyset_vertex_count(ps, 0), 0);
        unsigned char *out;
        size_t len;
        assert_int_equal(sl_polyset_area_wkb(ps, 0, &out, &len, &err), SL_OK);
        assert_int_equal(len, 9); /* an empty MultiPolygon */
        free(out);
        sl_polyset_free(ps);
    }
    /* A MultiPolygon of that polygon and a plain square keeps the square. */
    blob w = {.n = 0};
    w.b[w.n++] = 1;
    put32(&w, 6);
    put32(&w, 2);
    empty_shell_polygon(&w, 2);
    w.b[w.n++] = 1;
    put32(&w, 3);
    put32(&w, 1);
    const double sq[4][2] = {{5, 5}, {6, 5}, {6, 6}, {5, 5}};
    put_ring(&w, sq, 2);
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "m", w.b, w.n, &err), SL_OK);
    assert_int_equal(sl_polyset_vertex_count(ps, 0), 4);
    unsigned char *out;
    size_t len;
    assert_int_equal(sl_polyset_area_wkb(ps, 0, &out, &len, &err), SL_OK);
    assert_int_equal(len, 9 + 9 + 4 + 4 * 16);
    free(out);
    sl_polyset_free(ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_ogr),
        cmocka_unit_test(test_bad_blobs),
        cmocka_unit_test(test_empty_exterior_ring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
