/*
** store.c — the SQLite store: opening, schema, transactions, sources,
** agencies and partnerships (see include/sightline/store.h).
**
** Tables hold one row per record for the public tables (agencies,
** partnerships: thousands of rows). Millions of points do not go here row by
** row; they live in packed columns (see points store).
*/
#define _GNU_SOURCE /* sync_file_range */
#include "internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct sl_store {
    sqlite3 *db;
    char path[1024];
    int wb_fd;    /* the store file, for starting writeback early (-1: none) */
    int wb_tried; /* wb_fd was opened (or failed to) */
    /* Statements run once per input row (agencies, partnerships, links),
    ** kept prepared: parsing the SQL again for each row was most of the cost
    ** of a registry or Atlas import. Keyed by the SQL literal's address. */
    struct { const char *sql; sqlite3_stmt *stmt; } cached[24];
};

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sources("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, snapshot TEXT NOT NULL DEFAULT '',"
    "  options TEXT NOT NULL DEFAULT '{}', rows INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE(kind, sha256, snapshot));"
    "CREATE TABLE IF NOT EXISTS agencies("
    "  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  line INTEGER, ori TEXT, name TEXT NOT NULL, type TEXT, county TEXT, state TEXT,"
    "  lat REAL, lon REAL);"
    "CREATE TABLE IF NOT EXISTS partnerships("
    "  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  line INTEGER, snapshot TEXT NOT NULL, record_id TEXT, agency TEXT NOT NULL,"
    "  city TEXT, county TEXT, state TEXT, agency_type TEXT, technology TEXT NOT NULL,"
    "  vendor TEXT, summary TEXT, start_date TEXT, start_raw TEXT, start_precision TEXT NOT NULL"
    "  CHECK(start_precision IN ('day','month','year','unknown')),"
    "  agency_id INTEGER REFERENCES agencies(id), link_method TEXT, link_score REAL);"
    "CREATE INDEX IF NOT EXISTS partnerships_snapshot ON partnerships(snapshot);"
    /* the content keys a re-import matches records by (identity.c) */
    "CREATE INDEX IF NOT EXISTS agencies_ori ON agencies(ori);"
    "CREATE INDEX IF NOT EXISTS partnerships_record ON partnerships(snapshot, record_id);";

sqlite3 *sl_store_db(sl_store *st) { return st->db; }
const char *sl_store_path(const sl_store *st) { return st->path; }

sl_status sl_store_fail(sl_store *st, sl_error *err, const char *what)
{
    return sl_fail(err, SL_EIO, st->path, 0, "%s: %s", what, sqlite3_errmsg(st->db));
}

sl_status sl_store_exec(sl_store *st, const char *sql, sl_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK) return SL_OK;
    sl_fail(err, SL_EIO, st->path, 0, "store: %s", msg ? msg : "error");
    sqlite3_free(msg);
    return SL_EIO;
}

sl_status sl_store_prepare(sl_store *st, const char *sql, sqlite3_stmt **out, sl_error *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) == SQLITE_OK) return SL_OK;
    return sl_store_fail(st, err, "store query");
}

sl_status sl_store_prepare_cached(sl_store *st, const char *sql, sqlite3_stmt **out, sl_error *err)
{
    size_t n = sizeof st->cached / sizeof st->cached[0], i;
    for (i = 0; i < n && st->cached[i].sql; i++)
        if (st->cached[i].sql == sql) {
            *out = st->cached[i].stmt;
            sqlite3_reset(*out);
            sqlite3_clear_bindings(*out);
            return SL_OK;
        }
    if (sl_store_prepare(st, sql, out, err)) return err->status;
    if (i == n) { /* more cached statements than slots: a programming error */
        sqlite3_finalize(*out);
        return sl_fail(err, SL_EUSAGE, st->path, 0, "store statement cache full");
    }
    st->cached[i].sql = sql;
    st->cached[i].stmt = *out;
    return SL_OK;
}

void sl_bind_text(sqlite3_stmt *s, int i, const char *text)
{
    if (text) sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
}

const char *sl_column_text(sqlite3_stmt *s, int i, sl_arena *arena)
{
    return sl_arena_strdup(arena, (const char *)sqlite3_column_text(s, i));
}

int sl_store_has_table(sl_store *st, const char *name)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", -1, &s, NULL))
        return 0;
    sl_bind_text(s, 1, name);
    int found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

static sl_status check_version(sl_store *st, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT value FROM meta WHERE key='schema_version'", &s, err))
        return err->status;
    int version = 0;
    if (sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (version == SL_SCHEMA_VERSION) return SL_OK;
    if (version > SL_SCHEMA_VERSION)
        return sl_fail(err, SL_EDATA, st->path, 0,
                       "store has schema version %d; this sightline knows up to %d", version,
                       SL_SCHEMA_VERSION);
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta VALUES('schema_version','%d')",
             SL_SCHEMA_VERSION);
    return sl_store_exec(st, sql, err);
}

sl_status sl_store_open(const char *path, sl_store **out, sl_error *err)
{
    sl_store *st = calloc(1, sizeof *st);
    if (!st) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    snprintf(st->path, sizeof st->path, "%s", path);
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        sl_fail(err, SL_EIO, path, 0, "cannot open store: %s",
                st->db ? sqlite3_errmsg(st->db) : "out of memory");
        sl_store_close(st);
        return SL_EIO;
    }
    sqlite3_busy_timeout(st->db, 5000);
    /* A file that is not SQLite fails here, before anything is written.
    ** page_size only takes effect on a new, empty file: 64 KiB pages let a
    ** point chunk's half-megabyte blobs go to disk in 16x fewer pages (and
    ** write calls) than the default 4 KiB; existing stores keep theirs. */
    sl_status rc = sl_store_exec(st,
                                 "PRAGMA page_size=65536; PRAGMA foreign_keys=ON;"
                                 " PRAGMA journal_mode=DELETE;",
                                 err);
    if (rc == SL_OK) rc = sl_store_exec(st, "BEGIN IMMEDIATE", err);
    if (rc == SL_OK) rc = sl_store_exec(st, SCHEMA, err);
    if (rc == SL_OK) rc = check_version(st, err);
    if (rc == SL_OK) rc = sl_store_exec(st, "COMMIT", err);
    if (rc) {
        sl_store_close(st);
        return rc;
    }
    *out = st;
    return SL_OK;
}

void sl_store_writeback(sl_store *st)
{
#ifdef SYNC_FILE_RANGE_WRITE
    if (!st->wb_tried) {
        st->wb_tried = 1;
        st->wb_fd = open(st->path, O_RDONLY | O_CLOEXEC);
    }
    if (st->wb_fd >= 0) sync_file_range(st->wb_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)st;
#endif
}

void sl_store_close(sl_store *st)
{
    if (!st) return;
    if (st->wb_tried && st->wb_fd >= 0) close(st->wb_fd);
    for (size_t i = 0; i < sizeof st->cached / sizeof st->cached[0]; i++)
        sqlite3_finalize(st->cached[i].stmt);
    sqlite3_close(st->db);
    free(st);
}

sl_status sl_store_begin(sl_store *st, sl_error *err) { return sl_store_exec(st, "BEGIN IMMEDIATE", err); }
sl_status sl_store_commit(sl_store *st, sl_error *err) { return sl_store_exec(st, "COMMIT", err); }

void sl_store_rollback(sl_store *st)
{
    if (!sqlite3_get_autocommit(st->db)) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- sources ---------------------------------------------------------- */

#define SOURCE_COLS "id, kind, file_name, sha256, imported_at, snapshot, options, rows"

static void read_source(sqlite3_stmt *s, sl_arena *a, sl_source *src)
{
    src->id = (long)sqlite3_column_int64(s, 0);
    src->kind = sl_column_text(s, 1, a);
    src->file_name = sl_column_text(s, 2, a);
    src->sha256 = sl_column_text(s, 3, a);
    src->imported_at = sl_column_text(s, 4, a);
    src->snapshot = sl_column_text(s, 5, a);
    src->options = sl_column_text(s, 6, a);
    src->rows = (long)sqlite3_column_int64(s, 7);
}

sl_status sl_store_find_source(sl_store *st, const char *kind, const char *sha256,
                               const char *snapshot, sl_arena *arena, sl_source *out,
                               int *found, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st, "SELECT " SOURCE_COLS " FROM sources WHERE kind=? AND sha256=? AND snapshot=?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, kind);
    sl_bind_text(s, 2, sha256);
    sl_bind_text(s, 3, snapshot ? snapshot : "");
    *found = sqlite3_step(s) == SQLITE_ROW;
    if (*found) read_source(s, arena, out);
    sqlite3_reset(s);
    return SL_OK;
}

sl_status sl_store_add_source(sl_store *st, sl_source *src, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "INSERT INTO sources(kind, file_name, sha256, imported_at, snapshot, options, rows)"
                         " VALUES(?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'),?,?,?)",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, src->kind);
    sl_bind_text(s, 2, src->file_name);
    sl_bind_text(s, 3, src->sha256);
    sl_bind_text(s, 4, src->snapshot ? src->snapshot : "");
    sl_bind_text(s, 5, src->options ? src->options : "{}");
    sqlite3_bind_int64(s, 6, src->rows);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "recording the source");
    src->id = (long)sqlite3_last_insert_rowid(st->db);
    return SL_OK;
}

sl_status sl_store_set_source_sha256(sl_store *st, long source_id, const char *sha256, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "UPDATE sources SET sha256=? WHERE id=?", &s, err)) return err->status;
    sl_bind_text(s, 1, sha256);
    sqlite3_bind_int64(s, 2, source_id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "updating the source");
}

sl_status sl_store_set_source_rows(sl_store *st, long source_id, long rows, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st, "UPDATE sources SET rows=? WHERE id=?", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, rows);
    sqlite3_bind_int64(s, 2, source_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "updating the source");
}

/* Grow *items (of SIZE bytes each) to hold one more; 0 on success. */
static int grow(void **items, size_t count, size_t *cap, size_t size)
{
    if (count < *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : 256;
    void *n = realloc(*items, ncap * size);
    if (!n) return -1;
    *items = n;
    *cap = ncap;
    return 0;
}

sl_status sl_store_load_sources(sl_store *st, const char *kind, sl_source_list *out,
                                sl_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT " SOURCE_COLS " FROM sources WHERE ?1 IS NULL OR kind=?1 ORDER BY id",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, kind);
    size_t cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (grow((void **)&out->items, out->count, &cap, sizeof *out->items)) {
            sqlite3_finalize(s);
            return sl_fail(err, SL_ENOMEM, st->path, 0, "out of memory");
        }
        read_source(s, &out->arena, &out->items[out->count++]);
    }
    sqlite3_finalize(s);
    return SL_OK;
}

void sl_source_list_free(sl_source_list *l)
{
    free(l->items);
    sl_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}

/* ---- agencies --------------------------------------------------------- */

sl_status sl_store_add_agency(sl_store *st, const sl_agency *a, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "INSERT INTO agencies(source_id, line, ori, name, type, county, state, lat, lon)"
                         " VALUES(?,?,?,?,?,?,?,?,?)",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, a->source_id);
    sqlite3_bind_int64(s, 2, a->line);
    sl_bind_text(s, 3, a->ori);
    sl_bind_text(s, 4, a->name);
    sl_bind_text(s, 5, a->type);
    sl_bind_text(s, 6, a->county);
    sl_bind_text(s, 7, a->state);
    if (a->has_location) {
        sqlite3_bind_double(s, 8, a->lat);
        sqlite3_bind_double(s, 9, a->lon);
    }
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "adding an agency");
}

sl_status sl_store_load_agencies(sl_store *st, sl_agency_list *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "SELECT id, source_id, line, ori, name, type, county, state, lat, lon"
                         " FROM agencies ORDER BY id",
                         &s, err))
        return err->status;
    size_t cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (grow((void **)&out->items, out->count, &cap, sizeof *out->items)) {
            sqlite3_reset(s);
            return sl_fail(err, SL_ENOMEM, st->path, 0, "out of memory");
        }
        sl_agency *a = &out->items[out->count++];
        sl_arena *ar = &out->arena;
        a->id = (long)sqlite3_column_int64(s, 0);
        a->source_id = (long)sqlite3_column_int64(s, 1);
        a->line = (long)sqlite3_column_int64(s, 2);
        a->ori = sl_column_text(s, 3, ar);
        a->name = sl_column_text(s, 4, ar);
        a->type = sl_column_text(s, 5, ar);
        a->county = sl_column_text(s, 6, ar);
        a->state = sl_column_text(s, 7, ar);
        a->has_location = sqlite3_column_type(s, 8) != SQLITE_NULL;
        a->lat = sqlite3_column_double(s, 8);
        a->lon = sqlite3_column_double(s, 9);
    }
    sqlite3_reset(s);
    return SL_OK;
}

void sl_agency_list_free(sl_agency_list *l)
{
    free(l->items);
    sl_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}

void sl_partnership_list_free(sl_partnership_list *l)
{
    free(l->items);
    sl_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}

/* ---- partnerships ----------------------------------------------------- */

sl_status sl_store_add_partnership(sl_store *st, const sl_partnership *p, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "INSERT INTO partnerships(source_id, line, snapshot, record_id, agency, city,"
                         " county, state, agency_type, technology, vendor, summary, start_date,"
                         " start_precision, agency_id, link_method, link_score, start_raw)"
                         " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         &s, err))
        return err->status;
    char date[11];
    sqlite3_bind_int64(s, 1, p->source_id);
    sqlite3_bind_int64(s, 2, p->line);
    sl_bind_text(s, 3, p->snapshot);
    sl_bind_text(s, 4, p->record_id);
    sl_bind_text(s, 5, p->agency);
    sl_bind_text(s, 6, p->city);
    sl_bind_text(s, 7, p->county);
    sl_bind_text(s, 8, p->state);
    sl_bind_text(s, 9, p->agency_type);
    sl_bind_text(s, 10, p->technology);
    sl_bind_text(s, 11, p->vendor);
    sl_bind_text(s, 12, p->summary);
    sl_bind_text(s, 13, p->start.precision ? sl_date_format(&p->start, date) : NULL);
    sl_bind_text(s, 14, sl_precision_name(p->start.precision));
    if (p->agency_id) sqlite3_bind_int64(s, 15, p->agency_id);
    sl_bind_text(s, 16, p->agency_id ? p->link_method : NULL);
    if (p->agency_id) sqlite3_bind_double(s, 17, p->link_score);
    sl_bind_text(s, 18, p->start_raw);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "adding a partnership");
}

sl_status sl_store_load_partnerships(sl_store *st, const char *snapshot,
                                     sl_partnership_list *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "SELECT id, source_id, line, snapshot, record_id, agency, city, county, state,"
                         " agency_type, technology, vendor, summary, start_date, start_precision,"
                         " agency_id, link_method, link_score, start_raw FROM partnerships"
                         " WHERE ?1 IS NULL OR snapshot=?1 ORDER BY id",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, snapshot);
    size_t cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (grow((void **)&out->items, out->count, &cap, sizeof *out->items)) {
            sqlite3_reset(s);
            return sl_fail(err, SL_ENOMEM, st->path, 0, "out of memory");
        }
        sl_partnership *p = &out->items[out->count++];
        sl_arena *a = &out->arena;
        memset(p, 0, sizeof *p);
        p->id = (long)sqlite3_column_int64(s, 0);
        p->source_id = (long)sqlite3_column_int64(s, 1);
        p->line = (long)sqlite3_column_int64(s, 2);
        p->snapshot = sl_column_text(s, 3, a);
        p->record_id = sl_column_text(s, 4, a);
        p->agency = sl_column_text(s, 5, a);
        p->city = sl_column_text(s, 6, a);
        p->county = sl_column_text(s, 7, a);
        p->state = sl_column_text(s, 8, a);
        p->agency_type = sl_column_text(s, 9, a);
        p->technology = sl_column_text(s, 10, a);
        p->vendor = sl_column_text(s, 11, a);
        p->summary = sl_column_text(s, 12, a);
        if (!sl_date_parse((const char *)sqlite3_column_text(s, 13), NULL, &p->start))
            memset(&p->start, 0, sizeof p->start);
        p->agency_id = (long)sqlite3_column_int64(s, 15);
        p->link_method = sl_column_text(s, 16, a);
        p->link_score = sqlite3_column_double(s, 17);
        p->start_raw = sl_column_text(s, 18, a);
    }
    sqlite3_reset(s);
    return SL_OK;
}

sl_status sl_store_set_link(sl_store *st, long partnership_id, long agency_id,
                            const char *method, double score, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st, "UPDATE partnerships SET agency_id=?, link_method=?, link_score=? WHERE id=?",
                         &s, err))
        return err->status;
    if (agency_id) {
        sqlite3_bind_int64(s, 1, agency_id);
        sl_bind_text(s, 2, method);
        sqlite3_bind_double(s, 3, score);
    }
    sqlite3_bind_int64(s, 4, partnership_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "linking a partnership");
}

sl_status sl_store_snapshots(sl_store *st, sl_arena *arena, const char ***dates, size_t *count,
                             sl_error *err)
{
    sqlite3_stmt *s;
    *dates = NULL;
    *count = 0;
    if (sl_store_prepare(st, "SELECT DISTINCT snapshot FROM partnerships ORDER BY snapshot", &s, err))
        return err->status;
    size_t cap = 0;
    const char **list = NULL;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (*count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            const char **n = sl_arena_alloc(arena, ncap * sizeof *n);
            if (!n) break;
            if (list) memcpy(n, list, *count * sizeof *n);
            list = n;
            cap = ncap;
        }
        list[(*count)++] = sl_column_text(s, 0, arena);
    }
    sqlite3_finalize(s);
    *dates = list;
    return SL_OK;
}
