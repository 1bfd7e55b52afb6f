/*
** points.c — point layers as packed chunks (see include/sightline/store/store_layers.h).
**
** A row per point costs SQLite about a microsecond; ten million points would
** take seconds to store and as long to load. A chunk row instead carries up to
** SL_POINT_CHUNK points as raw little-endian arrays (lon, lat, time; lon and
** lat as int32 1e-7 degrees when that is exact, from schema version 2) and
** NUL-separated strings (ids, texts, attrs), so storing and loading run at
** memory speed and the store stays one file. point_chunks is the small index
** (counts, bounding boxes, source) the analyses can read without the data.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/exclusions.h"
#include "sightline/store/store_layers.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *POINT_SCHEMA =
    "CREATE TABLE IF NOT EXISTS point_chunks("
    "  id INTEGER PRIMARY KEY, layer TEXT NOT NULL CHECK(layer IN ('posts','cameras','sites')),"
    "  category TEXT NOT NULL DEFAULT '', chunk_no INTEGER NOT NULL, count INTEGER NOT NULL,"
    "  minx REAL, miny REAL, maxx REAL, maxy REAL,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id), UNIQUE(layer, chunk_no));"
    "CREATE TABLE IF NOT EXISTS point_chunk_data("
    "  chunk_id INTEGER PRIMARY KEY REFERENCES point_chunks(id) ON DELETE CASCADE,"
    "  lon BLOB NOT NULL, lat BLOB NOT NULL," /* count doubles, or count int32 of 1e-7 degrees */
    "  time BLOB,"   /* int64 unix seconds, INT64_MIN unknown; NULL: all unknown */
    "  ids BLOB, texts BLOB, attrs BLOB);"; /* count NUL-terminated strings; NULL: all empty */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "point chunks are stored as little-endian arrays; add byte swapping for this host"
#endif

int sl_point_layer_valid(const char *layer)
{
    return layer && (!strcmp(layer, "posts") || !strcmp(layer, "cameras") || !strcmp(layer, "sites"));
}

/* A valid layer name. WRITE (an import) creates the point tables here; a
** read never does, whatever the handle: readers find no points until the
** first import (see has_points). */
static sl_status check_layer(sl_store *st, const char *layer, int write, sl_error *err)
{
    if (!sl_point_layer_valid(layer))
        return sl_fail(err, SL_EUSAGE, "", 0, "unknown point layer '%s' (posts, cameras or sites)",
                       layer ? layer : "");
    return write && !sl_store_pg(st) ? sl_store_exec(st, POINT_SCHEMA, err) : SL_OK;
}

/* The point tables exist once any point layer was imported; before that a
** reader finds no points. */
static int has_points(sl_store *st) { return sl_store_has_table(st, "point_chunk_data"); }

/* Strings of points [from, from+n) as one NUL-separated blob in *buf; returns
** its length, or 0 when every string is empty (stored as NULL). */
static size_t pack_strings(const sl_points *p, const uint32_t *offs, size_t from, size_t n,
                           char **buf, size_t *cap)
{
    uint32_t nonzero = 0; /* offset 0 is "": a column of them is stored as NULL */
    for (size_t i = from; i < from + n; i++) nonzero |= offs[i];
    if (!nonzero || !p->str) return 0;
    size_t len = 0;
    int any = 0;
    for (size_t i = from; i < from + n; i++) {
        const char *s = p->str + offs[i];
        size_t sl = strlen(s) + 1;
        any |= sl > 1;
        if (len + sl > *cap) {
            size_t ncap = *cap ? *cap : 65536;
            while (len + sl > ncap) ncap *= 2;
            char *g = realloc(*buf, ncap);
            if (!g) return (size_t)-1;
            *buf = g;
            *cap = ncap;
        }
        memcpy(*buf + len, s, sl);
        len += sl;
    }
    return any ? len : 0;
}

static void bbox(const sl_points *p, size_t from, size_t n, double box[4])
{
    box[0] = box[1] = INFINITY;
    box[2] = box[3] = -INFINITY;
    /* Plain comparisons (coordinates are never NaN) vectorize; fmin calls do not. */
    for (size_t i = from; i < from + n; i++) {
        double x = p->lon[i], y = p->lat[i];
        box[0] = x < box[0] ? x : box[0];
        box[1] = y < box[1] ? y : box[1];
        box[2] = x > box[2] ? x : box[2];
        box[3] = y > box[3] ? y : box[3];
    }
}

/* Coordinates as int32 multiples of 1e-7 degrees when every value of the
** column is exactly (double)k / 1e7 (true of any decimal with at most seven
** places, as public exports write them): half the bytes to write, copy and
** sync, and loading divides back to the identical double. Returns 0 when
** some value needs its full double. */
static int scale_coords(const double *v, size_t n, int32_t *out)
{
    const double magic = 6755399441055744.0; /* 1.5 * 2^52: adding it rounds to an integer */
    int exact = 1;
    for (size_t i = 0; i < n; i++) {
        double k = (v[i] * 1e7 + magic) - magic, back = k / 1e7;
        int fits = fabs(k) < 2147483647.0;
        out[i] = fits ? (int32_t)k : 0;
        uint64_t want, got; /* bits, not ==: -0.0 must stay -0.0 */
        memcpy(&want, &v[i], sizeof want);
        memcpy(&got, &back, sizeof got);
        exact &= (want == got) & fits;
    }
    return exact;
}

/* The inverse of scale_coords, from a blob that may sit unaligned in a page. */
static void unscale_coords(const unsigned char *blob, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++) {
        int32_t k;
        memcpy(&k, blob + i * sizeof k, sizeof k);
        out[i] = (double)k / 1e7;
    }
}

#ifndef NDEBUG
/* 1 if the reader's 1e-7 integers give back its doubles. e7_valid is kept by
** convention (points.h); Debug builds, the sanitizer suite among them, check
** the convention here, where a broken one would store wrong coordinates. */
static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; } /* -0 is not 0 */

static int e7_matches(const sl_points *p, size_t from, size_t n)
{
    for (size_t i = from; i < from + n; i++)
        if (!same_bits((double)p->lon_e7[i] / 1e7, p->lon[i]) ||
            !same_bits((double)p->lat_e7[i] / 1e7, p->lat[i]))
            return 0;
    return 1;
}
#endif

static int all_times_unknown(const sl_points *p, size_t from, size_t n)
{
    for (size_t i = from; i < from + n; i++)
        if (p->time[i] != SL_TIME_NONE) return 0;
    return 1;
}

static sl_status next_chunk_no(sl_store *st, const char *layer, long *no, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_pg(st)) return sl_pg_next_chunk_no(sl_store_pg(st), layer, no, err);
    if (sl_store_prepare(st, "SELECT COALESCE(MAX(chunk_no)+1, 0) FROM point_chunks WHERE layer=?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, layer);
    *no = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return SL_OK;
}

sl_status sl_store_chunk_pack(const sl_points *p, size_t from, size_t n, sl_chunk_pack *pk, sl_error *err)
{
    bbox(p, from, n, pk->box);
    const double *coords[2] = {p->lon + from, p->lat + from};
    int have_e7 = p->e7_valid && p->lon_e7 && p->lat_e7; /* the reader found them already */
    assert(!have_e7 || e7_matches(p, from, n));
    const int32_t *e7[2] = {have_e7 ? p->lon_e7 + from : NULL, have_e7 ? p->lat_e7 + from : NULL};
    for (int k = 0; k < 2; k++) {
        if (have_e7) {
            pk->blob[k] = e7[k];
            pk->len[k] = n * sizeof(int32_t);
        } else if (scale_coords(coords[k], n, pk->scaled[k])) {
            pk->blob[k] = pk->scaled[k];
            pk->len[k] = n * sizeof(int32_t);
        } else {
            pk->blob[k] = coords[k];
            pk->len[k] = n * sizeof(double);
        }
    }
    pk->blob[2] = all_times_unknown(p, from, n) ? NULL : p->time + from;
    pk->len[2] = pk->blob[2] ? n * sizeof(int64_t) : 0;
    const uint32_t *cols[3] = {p->id, p->text, p->attrs};
    for (int k = 0; k < 3; k++) {
        size_t len = pack_strings(p, cols[k], from, n, &pk->buf[k], &pk->cap[k]);
        if (len == (size_t)-1) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
        pk->blob[3 + k] = len == 0 || len > INT32_MAX ? NULL : pk->buf[k];
        pk->len[3 + k] = pk->blob[3 + k] ? len : 0;
    }
    return SL_OK;
}

void sl_store_chunk_pack_free(sl_chunk_pack *pk)
{
    for (int k = 0; k < 3; k++) free(pk->buf[k]);
    free(pk->scaled[0]);
    free(pk->scaled[1]);
    memset(pk, 0, sizeof *pk);
}

sl_status sl_store_chunk_pack_init(sl_chunk_pack *pk, sl_error *err)
{
    memset(pk, 0, sizeof *pk);
    pk->scaled[0] = malloc(SL_POINT_CHUNK * sizeof(int32_t));
    pk->scaled[1] = malloc(SL_POINT_CHUNK * sizeof(int32_t));
    if (pk->scaled[0] && pk->scaled[1]) return SL_OK;
    sl_store_chunk_pack_free(pk);
    return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
}

/* Insert one chunk of N points starting at FROM. */
static sl_status insert_chunk(sl_store *st, sqlite3_stmt *idx, sqlite3_stmt *data, const char *layer,
                              const char *category, long no, const sl_points *p, size_t from,
                              size_t n, sl_chunk_pack *pk, sl_error *err)
{
    if (sl_store_chunk_pack(p, from, n, pk, err)) return err->status;
    if (sl_store_pg(st)) return sl_pg_copy_chunk(sl_store_pg(st), layer, category, no, p->source_id, n, pk, err);
    sl_bind_text(idx, 1, layer);
    sl_bind_text(idx, 2, category ? category : "");
    sqlite3_bind_int64(idx, 3, no);
    sqlite3_bind_int64(idx, 4, (sqlite3_int64)n);
    for (int k = 0; k < 4; k++) sqlite3_bind_double(idx, 5 + k, pk->box[k]);
    sqlite3_bind_int64(idx, 9, p->source_id);
    int rc = sqlite3_step(idx);
    sqlite3_reset(idx);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "adding a point chunk");
    sqlite3_int64 chunk_id = sqlite3_last_insert_rowid(sl_store_db(st));

    sqlite3_bind_int64(data, 1, chunk_id);
    for (int k = 0; k < 6; k++) {
        if (pk->blob[k]) sqlite3_bind_blob(data, 2 + k, pk->blob[k], (int)pk->len[k], SQLITE_STATIC);
        else sqlite3_bind_null(data, 2 + k);
    }
    rc = sqlite3_step(data);
    sqlite3_reset(data);
    sqlite3_clear_bindings(data);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "adding point data");
}

/* The two inserts of a chunk and the packing buffers, kept across chunks. */
typedef struct chunk_writer {
    sqlite3_stmt *idx, *data;
    sl_chunk_pack pk;
} chunk_writer;

static void writer_close(chunk_writer *w)
{
    sl_store_chunk_pack_free(&w->pk);
    sqlite3_finalize(w->idx);
    sqlite3_finalize(w->data);
    memset(w, 0, sizeof *w);
}

static sl_status writer_open(sl_store *st, chunk_writer *w, sl_error *err)
{
    memset(w, 0, sizeof *w);
    if (sl_store_chunk_pack_init(&w->pk, err)) return err->status;
    if (sl_store_pg(st)) return SL_OK; /* PostgreSQL takes chunks by COPY */
    if (sl_store_prepare(st,
                         "INSERT INTO point_chunks(layer, category, chunk_no, count, minx, miny,"
                         " maxx, maxy, source_id) VALUES(?,?,?,?,?,?,?,?,?)",
                         &w->idx, err) ||
        sl_store_prepare(st,
                         "INSERT INTO point_chunk_data(chunk_id, lon, lat, time, ids, texts, attrs)"
                         " VALUES(?,?,?,?,?,?,?)",
                         &w->data, err)) {
        writer_close(w);
        return err->status;
    }
    return SL_OK;
}

sl_status sl_store_add_points(sl_store *st, const char *layer, const char *category,
                              const sl_points *batch, sl_error *err)
{
    if (check_layer(st, layer, 1, err)) return err->status;
    if (batch->n == 0) return SL_OK;
    long no = 0;
    chunk_writer w;
    if (next_chunk_no(st, layer, &no, err) || writer_open(st, &w, err)) return err->status;
    sl_status rc = SL_OK;
    for (size_t from = 0; from < batch->n && !rc; from += SL_POINT_CHUNK) {
        size_t n = batch->n - from < SL_POINT_CHUNK ? batch->n - from : SL_POINT_CHUNK;
        rc = insert_chunk(st, w.idx, w.data, layer, category, no++, batch, from, n, &w.pk, err);
    }
    writer_close(&w);
    return rc;
}

struct sl_point_chunks {
    sl_store *st;
    char layer[16];
    char *category;
    long base; /* the layer's next free chunk number when opened */
    long added;
    chunk_writer w;
};

sl_status sl_store_point_chunks_open(sl_store *st, const char *layer, const char *category,
                                     sl_point_chunks **out, sl_error *err)
{
    *out = NULL;
    if (check_layer(st, layer, 1, err)) return err->status;
    sl_point_chunks *c = calloc(1, sizeof *c);
    if (!c || !(c->category = strdup(category ? category : ""))) {
        free(c);
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    }
    c->st = st;
    snprintf(c->layer, sizeof c->layer, "%s", layer);
    if (next_chunk_no(st, layer, &c->base, err) || writer_open(st, &c->w, err)) {
        free(c->category);
        free(c);
        return err->status;
    }
    *out = c;
    return SL_OK;
}

sl_status sl_store_point_chunks_add(sl_point_chunks *c, long chunk, const sl_points *batch,
                                    sl_error *err)
{
    if (batch->n == 0) return SL_OK;
    if (batch->n > SL_POINT_CHUNK || chunk < 0)
        return sl_fail(err, SL_EUSAGE, "", 0, "point chunk %ld of %zu points", chunk, batch->n);
    if (insert_chunk(c->st, c->w.idx, c->w.data, c->layer, c->category, c->base + chunk, batch, 0,
                     batch->n, &c->w.pk, err))
        return err->status;
    if (++c->added % 16 == 0) sl_store_writeback(c->st); /* let the disk work while we parse */
    return SL_OK;
}

void sl_store_point_chunks_close(sl_point_chunks *c)
{
    if (!c) return;
    writer_close(&c->w);
    free(c->category);
    free(c);
}

/* Append N NUL-separated strings of BLOB to OUT, writing their offsets. */
static sl_status unpack_strings(sl_points *out, const char *blob, int len, uint32_t *offs, size_t n,
                                sl_error *err)
{
    if (!blob) {
        memset(offs, 0, n * sizeof *offs);
        return SL_OK;
    }
    if (len < 1 || blob[len - 1] != '\0') return sl_fail(err, SL_EDATA, "", 0, "damaged point chunk strings");
    uint32_t base = sl_points_intern(out, blob, (size_t)len - 1);
    if (base == UINT32_MAX) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for point strings");
    size_t i = 0;
    for (int at = 0; at < len && i < n; i++) {
        offs[i] = blob[at] ? base + (uint32_t)at : 0;
        at += (int)strlen(blob + at) + 1;
    }
    if (i != n) return sl_fail(err, SL_EDATA, "", 0, "damaged point chunk: %zu strings for %zu points", i, n);
    return SL_OK;
}

/* A chunk's lon or lat blob of BYTES bytes (doubles or scaled int32) as N
** doubles at DST. */
static sl_status read_coords(const void *blob, size_t bytes, size_t n, double *dst, sl_error *err)
{
    if (bytes == n * sizeof(double)) memcpy(dst, blob, bytes);
    else if (bytes == n * sizeof(int32_t)) unscale_coords(blob, n, dst);
    else return sl_fail(err, SL_EDATA, "", 0, "damaged point chunk: coordinate size");
    return SL_OK;
}

sl_status sl_store_chunk_unpack(sl_points *out, size_t n, long source, const void *const blob[6],
                                const size_t len[6], sl_error *err)
{
    if (sl_points_reserve(out, n, err)) return err->status;
    size_t at = out->n;
    if (read_coords(blob[0], len[0], n, out->lon + at, err) || read_coords(blob[1], len[1], n, out->lat + at, err))
        return err->status;
    if (!blob[2]) {
        for (size_t i = 0; i < n; i++) out->time[at + i] = SL_TIME_NONE;
    } else {
        if (len[2] != n * sizeof(int64_t)) return sl_fail(err, SL_EDATA, "", 0, "damaged point chunk: time size");
        memcpy(out->time + at, blob[2], n * sizeof(int64_t));
    }
    uint32_t *cols[3] = {out->id + at, out->text + at, out->attrs + at};
    for (int k = 0; k < 3; k++)
        if (unpack_strings(out, blob[3 + k], (int)len[3 + k], cols[k], n, err)) return err->status;
    for (size_t i = 0; i < n; i++) out->source[at + i] = (uint32_t)source;
    out->n += n;
    return SL_OK;
}

sl_status sl_store_chunk_coords(const void *const blob[2], const size_t len[2], size_t n, double *lon, double *lat,
                                sl_error *err)
{
    if (read_coords(blob[0], len[0], n, lon, err)) return err->status;
    return read_coords(blob[1], len[1], n, lat, err);
}

static sl_status load_chunk(sqlite3_stmt *s, sl_points *out, sl_error *err)
{
    const void *blob[6];
    size_t len[6];
    for (int k = 0; k < 6; k++) {
        blob[k] = sqlite3_column_blob(s, 2 + k);
        len[k] = (size_t)sqlite3_column_bytes(s, 2 + k);
    }
    return sl_store_chunk_unpack(out, (size_t)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1), blob,
                                 len, err);
}

/* LAYER's chunks in order with the COLUMNS asked for (the others read as
** NULL, so SQLite never touches their overflow pages): appended to INTO,
** or with FN each chunk alone in INTO and passed to FN. */
static sl_status read_chunks(sl_store *st, const char *layer, const char *category, unsigned columns,
                             sl_points *into, sl_chunk_fn fn, void *ctx, sl_error *err)
{
    char sql[400];
    int strings = (columns & SL_SCAN_STRINGS) != 0;
    snprintf(sql, sizeof sql,
             "SELECT c.count, c.source_id, d.lon, d.lat, %s, %s, %s, %s"
             " FROM point_chunks c JOIN point_chunk_data d ON d.chunk_id = c.id"
             " WHERE c.layer=?1 AND (?2 IS NULL OR c.category=?2) ORDER BY c.chunk_no",
             columns & SL_SCAN_TIME ? "d.time" : "NULL", strings ? "d.ids" : "NULL", strings ? "d.texts" : "NULL",
             strings ? "d.attrs" : "NULL");
    sqlite3_stmt *s;
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sl_bind_text(s, 1, layer);
    sl_bind_text(s, 2, category);
    sl_status rc = SL_OK;
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (fn) sl_points_clear(into);
        rc = load_chunk(s, into, err);
        if (!rc && fn) rc = fn(ctx, into, err);
    }
    if (!rc && step != SQLITE_DONE) rc = sl_store_fail(st, err, "loading points");
    sqlite3_finalize(s);
    if (rc && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", sl_store_path(st));
    return rc;
}

sl_status sl_store_load_points_all(sl_store *st, const char *layer, const char *category,
                               sl_points *out, sl_error *err)
{
    if (check_layer(st, layer, 0, err)) return err->status;
    if (!out->source) { /* the source column exists from here on */
        out->source = malloc((out->cap ? out->cap : 1) * sizeof *out->source);
        if (!out->source) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
        for (size_t i = 0; i < out->n; i++) out->source[i] = (uint32_t)out->source_id;
    }
    const unsigned all = SL_SCAN_TIME | SL_SCAN_STRINGS;
    if (sl_store_pg(st)) return sl_pg_read_points(sl_store_pg(st), layer, category, all, out, NULL, NULL, err);
    if (!has_points(st)) return SL_OK;
    return read_chunks(st, layer, category, all, out, NULL, NULL, err);
}

sl_status sl_store_scan_points_all(sl_store *st, const char *layer, const char *category, unsigned columns,
                               sl_chunk_fn fn, void *ctx, sl_error *err)
{
    if (check_layer(st, layer, 0, err)) return err->status;
    if (!sl_store_pg(st) && !has_points(st)) return SL_OK;
    sl_points chunk;
    sl_points_init(&chunk);
    chunk.source = malloc(sizeof *chunk.source); /* grown with the others by sl_points_reserve */
    sl_status s = chunk.source ? SL_OK : sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    if (!s && sl_store_pg(st)) s = sl_pg_read_points(sl_store_pg(st), layer, category, columns, &chunk, fn, ctx, err);
    else if (!s) s = read_chunks(st, layer, category, columns, &chunk, fn, ctx, err);
    sl_points_free(&chunk);
    return s;
}

sl_status sl_store_scan_coords_all(sl_store *st, const char *layer, const char *category,
                               sl_coords_fn fn, void *ctx, sl_error *err)
{
    if (check_layer(st, layer, 0, err)) return err->status;
    if (sl_store_pg(st)) return sl_pg_scan_coords(sl_store_pg(st), layer, category, fn, ctx, err);
    if (!has_points(st)) return SL_OK;
    sqlite3_stmt *s;
    /* Only the coordinate blobs are read: SQLite leaves the later columns'
    ** overflow pages (times, strings) untouched. */
    if (sl_store_prepare(st,
                         "SELECT c.count, d.lon, d.lat FROM point_chunks c"
                         " JOIN point_chunk_data d ON d.chunk_id = c.id"
                         " WHERE c.layer=?1 AND (?2 IS NULL OR c.category=?2) ORDER BY c.chunk_no",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, layer);
    sl_bind_text(s, 2, category);
    double *buf = malloc(2 * SL_POINT_CHUNK * sizeof *buf);
    sl_status rc = buf ? SL_OK : sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_int64(s, 0);
        if (n > SL_POINT_CHUNK) rc = sl_fail(err, SL_EDATA, "", 0, "damaged point chunk: %zu points", n);
        const void *blob[2] = {sqlite3_column_blob(s, 1), sqlite3_column_blob(s, 2)};
        size_t len[2] = {(size_t)sqlite3_column_bytes(s, 1), (size_t)sqlite3_column_bytes(s, 2)};
        if (!rc) rc = sl_store_chunk_coords(blob, len, n, buf, buf + SL_POINT_CHUNK, err);
        if (!rc) rc = fn(ctx, buf, buf + SL_POINT_CHUNK, n, err);
    }
    if (!rc && step != SQLITE_DONE) rc = sl_store_fail(st, err, "loading points");
    sqlite3_finalize(s);
    free(buf);
    if (rc && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", sl_store_path(st));
    return rc;
}

sl_status sl_store_count_points_all(sl_store *st, const char *layer, const char *category,
                                long *count, sl_error *err)
{
    *count = 0;
    if (check_layer(st, layer, 0, err)) return err->status;
    if (sl_store_pg(st)) return sl_pg_count_points(sl_store_pg(st), layer, category, count, err);
    if (!has_points(st)) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st,
                         "SELECT COALESCE(SUM(count),0) FROM point_chunks"
                         " WHERE layer=?1 AND (?2 IS NULL OR category=?2)",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, layer);
    sl_bind_text(s, 2, category);
    int step = sqlite3_step(s);
    *count = step == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "counting points");
}

/* ---- withholding points (an owner's exclusion) ------------------------------ */

/* A chunk of the layer holding points to drop: its place in the layer and
** the points it keeps. */
typedef struct rewrite {
    long no, source;
    char *category;
    sl_points kept;
    long dropped;
} rewrite;

typedef struct dropping {
    sl_drop_fn fn;
    void *ctx;
    long *nos, *sources; /* the layer's chunks in chunk_no order, as the scan meets them */
    char **categories;
    size_t chunks, at;
    rewrite *out;
    size_t count, cap;
    unsigned char *drop;
} dropping;

static sl_status copy_kept(const sl_points *c, const unsigned char *drop, sl_points *kept, sl_error *err)
{
    sl_points_init(kept);
    for (size_t i = 0; i < c->n; i++)
        if (!drop[i] && sl_points_push(kept, c->lon[i], c->lat[i], c->time[i], sl_points_id(c, i),
                                       sl_points_text(c, i), sl_points_attrs(c, i), err))
            return err->status;
    return SL_OK;
}

/* One chunk of the scan: the points FN drops, if any, noted with the rest
** of the chunk, to be written back once the scan is over (a PostgreSQL
** connection streaming rows takes no other statement). */
static sl_status drop_chunk(void *ctx, sl_points *c, sl_error *err)
{
    dropping *d = ctx;
    if (d->at >= d->chunks) return sl_fail(err, SL_EDATA, "", 0, "point chunks changed while being read");
    size_t at = d->at++;
    memset(d->drop, 0, c->n);
    d->fn(d->ctx, c->lon, c->lat, c->n, d->drop);
    long n = 0;
    for (size_t i = 0; i < c->n; i++) n += d->drop[i] != 0;
    if (!n) return SL_OK;
    if (sl_store_grow((void **)&d->out, d->count, &d->cap, sizeof *d->out))
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    rewrite *w = &d->out[d->count++];
    *w = (rewrite){.no = d->nos[at], .source = d->sources[at], .category = d->categories[at], .dropped = n};
    return copy_kept(c, d->drop, &w->kept, err);
}

/* The layer's chunks (number, source, category) in the scan's order. */
static sl_status list_chunks(sl_store *st, const char *layer, sl_arena *arena, dropping *d, sl_error *err)
{
    static const char *const SQL = "SELECT chunk_no || ' ' || source_id || ' ' || category FROM point_chunks"
                                   " WHERE layer = $1 ORDER BY chunk_no";
    const char **rows = NULL;
    size_t n = 0;
    sl_status s;
    if (sl_store_pg(st)) {
        const char *v[] = {layer};
        s = sl_pg_strings(sl_store_pg(st), SQL, 1, v, arena, &rows, &n, "listing point chunks", err);
    } else {
        sqlite3_stmt *q;
        s = sl_store_prepare(st, SQL, &q, err);
        if (!s) {
            sl_bind_text(q, 1, layer);
            s = sl_store_load_texts(st, q, arena, &rows, &n, "point chunks", err);
            sqlite3_finalize(q);
        }
    }
    if (s) return s;
    d->nos = calloc(n + 1, sizeof *d->nos);
    d->sources = calloc(n + 1, sizeof *d->sources);
    d->categories = calloc(n + 1, sizeof *d->categories);
    if (!d->nos || !d->sources || !d->categories) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char *end;
        d->nos[i] = strtol(rows[i], &end, 10);
        d->sources[i] = strtol(end, &end, 10);
        d->categories[i] = *end ? end + 1 : end;
    }
    d->chunks = n;
    return SL_OK;
}

/* Run one of write_back's statements on SQLite: $1 text or number, $2 number. */
static sl_status run_two(sl_store *st, const char *sql, const char *text, long a, long b, sl_error *err)
{
    sqlite3_stmt *q;
    if (sl_store_prepare(st, sql, &q, err)) return err->status;
    if (text) sl_bind_text(q, 1, text);
    else sqlite3_bind_int64(q, 1, a);
    sqlite3_bind_int64(q, 2, b);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "withholding points");
}

/* Write chunk W back: the old one goes, the kept points come under its
** number (none kept: it goes), and its import counts the points it lost. */
static sl_status write_back(sl_store *st, const char *layer, const rewrite *w, long withheld_by, chunk_writer *cw,
                            sl_error *err)
{
    static const char *const DEL = "DELETE FROM point_chunks WHERE layer = $1 AND chunk_no = $2";
    static const char *const ROWS = "UPDATE sources SET rows = rows - $1 WHERE id = $2";
    sl_status s;
    if (sl_store_pg(st)) {
        char no[32], src[32], lost[32];
        const char *v[] = {layer, sl_pg_num(no, w->no)}, *u[] = {sl_pg_num(lost, w->dropped), sl_pg_num(src, w->source)};
        s = sl_pg_run(sl_store_pg(st), DEL, 2, v, NULL, "withholding points", err);
        if (!s) s = sl_pg_run(sl_store_pg(st), ROWS, 2, u, NULL, "withholding points", err);
    } else {
        s = run_two(st, "DELETE FROM point_chunk_data WHERE chunk_id IN"
                        " (SELECT id FROM point_chunks WHERE layer = $1 AND chunk_no = $2)",
                    layer, 0, w->no, err);
        if (!s) s = run_two(st, DEL, layer, 0, w->no, err);
        if (!s) s = run_two(st, ROWS, NULL, w->dropped, w->source, err);
    }
    if (!s) s = sl_store_count_withheld(st, withheld_by, w->source, w->dropped, err);
    if (s || !w->kept.n) return s;
    sl_points kept = w->kept;
    kept.source_id = w->source;
    return insert_chunk(st, cw->idx, cw->data, layer, w->category, w->no, &kept, 0, kept.n, &cw->pk, err);
}

sl_status sl_store_drop_points(sl_store *st, const char *layer, sl_drop_fn fn, void *ctx, long withheld_by,
                               long *dropped, sl_error *err)
{
    *dropped = 0;
    if (check_layer(st, layer, 1, err)) return err->status;
    sl_arena arena = {0};
    dropping d = {.fn = fn, .ctx = ctx, .drop = malloc(SL_POINT_CHUNK)};
    chunk_writer cw = {0};
    sl_status s = d.drop ? list_chunks(st, layer, &arena, &d, err) : sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    if (!s && d.chunks) s = sl_store_scan_points_all(st, layer, NULL, SL_SCAN_TIME | SL_SCAN_STRINGS, drop_chunk, &d, err);
    if (!s && d.count) s = writer_open(st, &cw, err);
    for (size_t i = 0; i < d.count && !s; i++) {
        s = write_back(st, layer, &d.out[i], withheld_by, &cw, err);
        *dropped += d.out[i].dropped;
    }
    if (d.count) writer_close(&cw);
    for (size_t i = 0; i < d.count; i++) sl_points_free(&d.out[i].kept);
    free(d.out);
    free(d.drop);
    free(d.nos);
    free(d.sources);
    free(d.categories);
    sl_arena_free(&arena);
    return s;
}
