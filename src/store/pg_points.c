/*
** pg_points.c — point layers in the PostgreSQL store (see pg.h): the packed
** chunks of the SQLite store (points.c packs and unpacks them for both), one
** row per chunk of up to 65,536 points with its six arrays as bytea.
**
** Why chunks and COPY: a row per point costs PostgreSQL far more than it
** costs SQLite, and ten million of them would take minutes. A chunk goes in
** as one row of `COPY ... (FORMAT binary)` (its arrays sent as they are, no
** escaping), its arrays are stored uncompressed out of line (STORAGE
** EXTERNAL: reading the index columns never touches them), and loading
** streams one chunk at a time in binary (single-row mode), so memory holds
** the layer being built and one chunk, as with SQLite.
*/
#include "internal.h"
#include "pg.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_pg_next_chunk_no(sl_pg *pg, const char *layer, long *no, sl_error *err)
{
    PGresult *r;
    const char *v[] = {layer};
    if (sl_pg_run(pg, "SELECT coalesce(max(chunk_no) + 1, 0) FROM point_chunks WHERE layer = $1", 1, v, &r,
                  "numbering point chunks", err))
        return err->status;
    *no = strtol(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return SL_OK;
}

/* ---- COPY binary ---------------------------------------------------------- */

typedef struct copybuf {
    unsigned char *b;
    size_t n, cap;
    int failed;
} copybuf;

static void put(copybuf *c, const void *p, size_t n)
{
    if (c->failed) return;
    if (c->n + n > c->cap) {
        size_t cap = c->cap ? c->cap : 1 << 20;
        while (cap < c->n + n) cap *= 2;
        unsigned char *g = realloc(c->b, cap);
        if (!g) {
            c->failed = 1;
            return;
        }
        c->b = g;
        c->cap = cap;
    }
    memcpy(c->b + c->n, p, n);
    c->n += n;
}

static void put_u32(copybuf *c, uint32_t v)
{
    v = htonl(v);
    put(c, &v, 4);
}

static void put_u16(copybuf *c, uint16_t v)
{
    v = htons(v);
    put(c, &v, 2);
}

/* A field: its length (-1 for NULL) and bytes. */
static void put_field(copybuf *c, const void *p, size_t n)
{
    put_u32(c, p ? (uint32_t)n : 0xffffffffu);
    if (p) put(c, p, n);
}

static void put_int8(copybuf *c, int64_t v)
{
    put_u32(c, 8);
    put_u32(c, (uint32_t)((uint64_t)v >> 32));
    put_u32(c, (uint32_t)v);
}

static void put_float8(copybuf *c, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, 8);
    put_int8(c, (int64_t)bits);
}

static void put_text(copybuf *c, const char *s) { put_field(c, s, strlen(s)); }

/* One chunk row, framed as a whole COPY binary stream. */
static void frame_chunk(copybuf *c, const char *layer, const char *category, long no, long source, size_t n,
                        const sl_chunk_pack *pk)
{
    static const unsigned char HEADER[11] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xff, '\r', '\n', 0};
    put(c, HEADER, sizeof HEADER);
    put_u32(c, 0); /* flags */
    put_u32(c, 0); /* header extension */
    put_u16(c, 15);
    put_text(c, layer);
    put_int8(c, no);
    put_text(c, category ? category : "");
    put_int8(c, (int64_t)n);
    for (int k = 0; k < 4; k++) put_float8(c, pk->box[k]);
    put_int8(c, source);
    for (int k = 0; k < 6; k++) put_field(c, pk->blob[k], pk->len[k]);
    put_u16(c, 0xffff); /* end of data */
}

sl_status sl_pg_copy_chunk(sl_pg *pg, const char *layer, const char *category, long no, long source, size_t n,
                           const sl_chunk_pack *pk, sl_error *err)
{
    copybuf c = {0};
    frame_chunk(&c, layer, category, no, source, n, pk);
    if (c.failed) {
        free(c.b);
        return sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    }
    PGconn *conn = sl_pg_conn(pg);
    PGresult *r = PQexec(conn, "COPY point_chunks(layer, chunk_no, category, count, minx, miny, maxx, maxy,"
                               " source_id, lon, lat, time, ids, texts, attrs) FROM STDIN (FORMAT binary)");
    int ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (ok) ok = PQputCopyData(conn, (const char *)c.b, (int)c.n) == 1;
    if (PQputCopyEnd(conn, ok ? NULL : "sightline: sending a point chunk failed") != 1) ok = 0;
    free(c.b);
    sl_status s = SL_OK;
    while ((r = PQgetResult(conn))) { /* the COPY's outcome, then NULL */
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !s) s = sl_pg_fail(pg, r, "adding a point chunk", err);
        PQclear(r);
    }
    if (!s && !ok) s = sl_pg_fail(pg, NULL, "adding a point chunk", err);
    return s;
}

/* ---- reading, one chunk at a time ------------------------------------------ */

/* Calls FN for each row of SQL (binary results, single-row mode). */
typedef sl_status (*row_fn)(void *ctx, const PGresult *r, sl_error *err);

static sl_status stream(sl_pg *pg, const char *sql, const char *layer, const char *category, row_fn fn, void *ctx,
                        sl_error *err)
{
    PGconn *conn = sl_pg_conn(pg);
    const char *v[] = {layer, category};
    if (!PQsendQueryParams(conn, sql, 2, NULL, v, NULL, NULL, 1) || !PQsetSingleRowMode(conn))
        return sl_pg_fail(pg, NULL, "loading points", err);
    sl_status s = SL_OK;
    PGresult *r;
    while ((r = PQgetResult(conn))) { /* read to the end even after an error: the connection stays usable */
        ExecStatusType t = PQresultStatus(r);
        if (!s && t == PGRES_SINGLE_TUPLE) s = fn(ctx, r, err);
        else if (!s && t != PGRES_TUPLES_OK) s = sl_pg_fail(pg, r, "loading points", err);
        PQclear(r);
    }
    return s;
}

static int64_t int8_at(const PGresult *r, int c)
{
    const unsigned char *p = (const unsigned char *)PQgetvalue(r, 0, c);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = v << 8 | p[i];
    return (int64_t)v;
}

/* Column C as a chunk array (NULL for SQL NULL). */
static const void *array_at(const PGresult *r, int c, size_t *len)
{
    *len = PQgetisnull(r, 0, c) ? 0 : (size_t)PQgetlength(r, 0, c);
    return PQgetisnull(r, 0, c) ? NULL : PQgetvalue(r, 0, c);
}

typedef struct reading {
    sl_points *into;
    sl_chunk_fn fn;
    void *ctx;
} reading;

static sl_status load_row(void *ctx, const PGresult *r, sl_error *err)
{
    reading *rd = ctx;
    const void *blob[6];
    size_t len[6];
    for (int k = 0; k < 6; k++) blob[k] = array_at(r, 2 + k, &len[k]);
    int64_t n = int8_at(r, 0);
    if (n < 0 || n > SL_POINT_CHUNK) return sl_fail(err, SL_EDATA, "", 0, "damaged point chunk: %lld points", (long long)n);
    if (rd->fn) sl_points_clear(rd->into);
    if (sl_store_chunk_unpack(rd->into, (size_t)n, (long)int8_at(r, 1), blob, len, err)) return err->status;
    return rd->fn ? rd->fn(rd->ctx, rd->into, err) : SL_OK;
}

sl_status sl_pg_read_points(sl_pg *pg, const char *layer, const char *category, unsigned columns, sl_points *into,
                            sl_chunk_fn fn, void *ctx, sl_error *err)
{
    /* Columns not asked for are NULL: their out-of-line values are never fetched. */
    char sql[400];
    int strings = (columns & SL_SCAN_STRINGS) != 0;
    snprintf(sql, sizeof sql,
             "SELECT count, source_id, lon, lat, %s, %s, %s, %s FROM point_chunks"
             " WHERE layer = $1 AND ($2::text IS NULL OR category = $2) ORDER BY chunk_no",
             columns & SL_SCAN_TIME ? "time" : "NULL::bytea", strings ? "ids" : "NULL::bytea",
             strings ? "texts" : "NULL::bytea", strings ? "attrs" : "NULL::bytea");
    reading rd = {into, fn, ctx};
    return stream(pg, sql, layer, category, load_row, &rd, err);
}

typedef struct scan {
    sl_coords_fn fn;
    void *ctx;
    double *buf;
} scan;

static sl_status scan_row(void *ctx, const PGresult *r, sl_error *err)
{
    scan *sc = ctx;
    const void *blob[2];
    size_t len[2];
    int64_t n = int8_at(r, 0);
    if (n < 0 || n > SL_POINT_CHUNK) return sl_fail(err, SL_EDATA, "", 0, "damaged point chunk: %lld points", (long long)n);
    for (int k = 0; k < 2; k++) blob[k] = array_at(r, 1 + k, &len[k]);
    if (sl_store_chunk_coords(blob, len, (size_t)n, sc->buf, sc->buf + SL_POINT_CHUNK, err)) return err->status;
    return sc->fn(sc->ctx, sc->buf, sc->buf + SL_POINT_CHUNK, (size_t)n, err);
}

sl_status sl_pg_scan_coords(sl_pg *pg, const char *layer, const char *category, sl_coords_fn fn, void *ctx,
                            sl_error *err)
{
    scan sc = {fn, ctx, malloc(2 * SL_POINT_CHUNK * sizeof(double))};
    if (!sc.buf) return sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    sl_status s = stream(pg,
                         "SELECT count, lon, lat FROM point_chunks WHERE layer = $1"
                         " AND ($2::text IS NULL OR category = $2) ORDER BY chunk_no",
                         layer, category, scan_row, &sc, err);
    free(sc.buf);
    return s;
}

sl_status sl_pg_count_points(sl_pg *pg, const char *layer, const char *category, long *count, sl_error *err)
{
    PGresult *r;
    const char *v[] = {layer, category};
    *count = 0;
    if (sl_pg_run(pg, "SELECT coalesce(sum(count), 0) FROM point_chunks WHERE layer = $1"
                      " AND ($2::text IS NULL OR category = $2)",
                  2, v, &r, "counting points", err))
        return err->status;
    *count = strtol(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_point_categories(sl_pg *pg, const char *layer, sl_arena *arena, const char ***names, size_t *count,
                                 sl_error *err)
{
    const char *v[] = {layer};
    return sl_pg_strings(pg, "SELECT DISTINCT category COLLATE \"C\" FROM point_chunks WHERE layer = $1 ORDER BY 1",
                         1, v, arena, names, count, "listing point categories", err);
}
