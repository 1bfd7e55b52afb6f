/*
** schema.c — what makes an SQLite file a sightline store, and how an older
** one is brought up: the tables, the application id, the schema version
** (which stops older readers) and the write schema (which stops only older
** writers, SL_STORE_WRITE_VERSION). A reader checks a file is a store
** before it reads; a writer, inside its first transaction, makes a new
** store of an empty file or upgrades an existing one, and touches nothing
** of a file that is not one. PostgreSQL's counterpart is in pg.c.
*/
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sources("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, snapshot TEXT NOT NULL DEFAULT '',"
    "  options TEXT NOT NULL DEFAULT '{}', rows INTEGER NOT NULL DEFAULT 0,"
    "  imported_by TEXT," /* added later: upgrade_store adds it to older stores */
    "  skipped INTEGER, skipped_why TEXT," /* so were these: NULL for imports made before */
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
    "  agency_id INTEGER REFERENCES agencies(id), link_method TEXT, link_score REAL,"
    "  source_url TEXT);" /* added later: upgrade_store adds it to older stores */
    "CREATE INDEX IF NOT EXISTS partnerships_snapshot ON partnerships(snapshot);"
    /* the content keys a re-import matches records by (identity.c) */
    "CREATE INDEX IF NOT EXISTS agencies_ori ON agencies(ori);"
    "CREATE INDEX IF NOT EXISTS partnerships_record ON partnerships(snapshot, record_id);"
    /* circles an owner asked out (exclusions.c): write schema 2 */
    "CREATE TABLE IF NOT EXISTS exclusions(source_id INTEGER PRIMARY KEY REFERENCES sources(id),"
    "  lat REAL NOT NULL, lon REAL NOT NULL, radius_m REAL NOT NULL);"
    /* the points each import lost to each exclusion: its rows are their sum over the imports held */
    "CREATE TABLE IF NOT EXISTS exclusion_withheld(exclusion_id INTEGER NOT NULL REFERENCES sources(id),"
    "  source_id INTEGER NOT NULL REFERENCES sources(id), points INTEGER NOT NULL,"
    "  PRIMARY KEY(exclusion_id, source_id));";

/* 1 when ST's file holds no table, index or view: a 0-byte file, or an
** SQLite file nothing was written to. */
static int no_objects(sl_store *st)
{
    sqlite3_stmt *q = NULL;
    int none = sqlite3_prepare_v2(sl_store_db(st), "SELECT count(*) FROM sqlite_master", -1, &q, NULL) == SQLITE_OK &&
               sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) == 0;
    sqlite3_finalize(q);
    return none;
}

/* The schema version in meta, read as text and parsed strictly: only plain
** decimal digits count (a version is never "banana", "-1", "" or 2.0), and
** a number too large for an int is a newer schema, not a truncated one. */
static sl_status read_version(sl_store *st, long long *version, sl_error *err)
{
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "meta"))
        return sl_store_not_ours(st, err, no_objects(st) ? "it is empty: nothing has been imported into it yet"
                                                : "its tables are another program's");
    if (sl_store_prepare(st, "SELECT CAST(value AS TEXT) FROM meta WHERE key='schema_version'", &s, err))
        return err->status;
    int step = sqlite3_step(s);
    const char *text = step == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", text ? text : "");
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return sl_store_fail(st, err, "reading the schema version");
    if (step == SQLITE_DONE) return sl_store_not_ours(st, err, "its meta table has no schema_version");
    size_t n = strspn(buf, "0123456789");
    const char *digits = buf + strspn(buf, "0");
    if (n == 0 || buf[n] != '\0' || !*digits) {
        char why[160];
        snprintf(why, sizeof why, "its schema_version '%.60s%s' is not a version number", buf,
                 strlen(buf) > 60 ? "..." : "");
        return sl_store_not_ours(st, err, why);
    }
    *version = strlen(digits) > 18 ? (long long)SL_SCHEMA_VERSION + 1 : strtoll(digits, NULL, 10);
    if (*version > SL_SCHEMA_VERSION)
        return sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                       "store has schema version %s; this sightline knows up to %d (use a newer sightline)",
                       digits, SL_SCHEMA_VERSION);
    return SL_OK;
}

static sl_status read_application_id(sl_store *st, long long *id, sl_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(sl_store_db(st), "PRAGMA application_id", -1, &s, NULL) != SQLITE_OK)
        return sl_store_fail(st, err, "reading the store header");
    int step = sqlite3_step(s);
    *id = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "reading the store header");
}

/* Is the open file a sightline store? Its meta must hold a valid schema
** version and its application_id be sightline's, or 0 for stores made
** before the id was set (*legacy is then 1). */
static sl_status check_identity(sl_store *st, long long *version, int *legacy, sl_error *err)
{
    long long app_id;
    if (read_application_id(st, &app_id, err)) return err->status;
    if (app_id != 0 && app_id != SL_STORE_APPLICATION_ID) {
        char why[96];
        snprintf(why, sizeof why, "its SQLite application_id is 0x%08llx, another program's",
                 (unsigned long long)(app_id & 0xffffffffLL));
        return sl_store_not_ours(st, err, why);
    }
    if (read_version(st, version, err)) return err->status;
    *legacy = app_id == 0;
    return SL_OK;
}

/* The tables of the versions an import replaced (versions.c), which every
** write may need: an import's changes keep them, `rm` puts them back. The
** baselines' come with the baselines table. With them, the mark of the
** first import that keeps versions (SL_MARK_VERSIONS_FROM). */
static sl_status versions_schema(sl_store *st, sl_error *err)
{
    if (sl_store_exec(st, sl_store_versions[SL_KIND_AGENCY].schema, err) ||
        sl_store_exec(st, sl_store_versions[SL_KIND_PARTNERSHIP].schema, err))
        return err->status;
    return sl_store_exec(st, SL_MARK_VERSIONS_FROM, err);
}

sl_status sl_store_write_version_ok(const char *name, const char *text, sl_error *err)
{
    size_t n = strspn(text, "0123456789");
    /* more than 9 digits, or none, or anything after them: newer, or not a number */
    if (n > 0 && n <= 9 && text[n] == '\0' && atol(text) <= SL_STORE_WRITE_VERSION) return SL_OK;
    return sl_fail(err, SL_EDATA, name, 0,
                   "a newer sightline has written this store in a way this one would not keep (write schema "
                   "'%.20s'; this sightline writes up to %d): read it with this sightline as before, but import, "
                   "rm and campaign changes need that newer sightline; nothing was changed",
                   text, SL_STORE_WRITE_VERSION);
}

/* A store a newer sightline marked as written by its rules only
** (SL_STORE_WRITE_VERSION): refused before anything is touched. A value
** that is no version number reads as newer, which refuses the write: the
** safe way to be wrong. *MINE is set when the store holds ours already. */
static sl_status check_write_version(sl_store *st, int *mine, sl_error *err)
{
    sqlite3_stmt *s;
    *mine = 0;
    if (sl_store_prepare(st, "SELECT CAST(value AS TEXT) FROM meta WHERE key='write_schema'", &s, err))
        return err->status;
    int step = sqlite3_step(s);
    char buf[64] = "";
    if (step == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return sl_store_fail(st, err, "reading the write schema");
    if (step == SQLITE_DONE) return SL_OK;
    if (sl_store_write_version_ok(sl_store_path(st), buf, err)) return err->status;
    *mine = atol(buf) >= SL_STORE_WRITE_BASE;
    return SL_OK;
}

/* A new, empty file becomes a store: the tables, the version, the id. */
static sl_status create_store(sl_store *st, sl_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO meta VALUES('schema_version','%d'); INSERT INTO meta VALUES('write_schema','%d');"
             " PRAGMA application_id=%d;",
             SL_SCHEMA_VERSION, SL_STORE_WRITE_BASE, SL_STORE_APPLICATION_ID);
    if (sl_store_exec(st, SCHEMA, err) || versions_schema(st, err)) return err->status;
    return sl_store_exec(st, sql, err);
}

/* An existing store about to be written: stamp the id on stores that
** predate it, record the write schema where the store's is older (or
** absent), and mark version 1 stores as version 2 (imports from now on
** may write int32 coordinates, which version 1 readers cannot read). */
static sl_status upgrade_store(sl_store *st, long long version, int legacy, int write_mine, sl_error *err)
{
    char sql[200];
    if (legacy) {
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d", SL_STORE_APPLICATION_ID);
        if (sl_store_exec(st, sql, err)) return err->status;
    }
    if (sl_store_exec(st, SCHEMA, err) || versions_schema(st, err)) return err->status;
    /* Columns added since the table was first made: older readers ignore them. */
    if (!sl_store_has_column(st, "partnerships", "source_url") &&
        sl_store_exec(st, "ALTER TABLE partnerships ADD COLUMN source_url TEXT", err))
        return err->status;
    if (!sl_store_has_column(st, "sources", "imported_by") &&
        sl_store_exec(st, "ALTER TABLE sources ADD COLUMN imported_by TEXT", err))
        return err->status;
    if (!sl_store_has_column(st, "sources", "skipped") &&
        sl_store_exec(st, "ALTER TABLE sources ADD COLUMN skipped INTEGER;"
                          "ALTER TABLE sources ADD COLUMN skipped_why TEXT", err))
        return err->status;
    /* check_write_version let only a write schema up to ours through; one
    ** below the base (absent, 0) gets the base, a higher one stays */
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta VALUES('write_schema','%d')", SL_STORE_WRITE_BASE);
    if (!write_mine && sl_store_exec(st, sql, err)) return err->status;
    if (version == SL_SCHEMA_VERSION) return SL_OK;
    snprintf(sql, sizeof sql, "UPDATE meta SET value='%d' WHERE key='schema_version'", SL_SCHEMA_VERSION);
    return sl_store_exec(st, sql, err);
}

/* Inside one write transaction: a file without any table becomes a new
** store; anything else must prove it is one before it is touched. */
sl_status sl_store_prepare_for_writing(sl_store *st, sl_error *err)
{
    sqlite3_stmt *s;
    long long app_id, version = 0;
    int legacy = 0;
    if (read_application_id(st, &app_id, err)) return err->status;
    if (sl_store_prepare(st, "SELECT count(*) FROM sqlite_master", &s, err)) return err->status;
    int step = sqlite3_step(s);
    long long objects = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    if (objects < 0) return sl_store_fail(st, err, "reading the store");
    if (objects == 0 && (app_id == 0 || app_id == SL_STORE_APPLICATION_ID)) return create_store(st, err);
    int write_mine;
    if (check_identity(st, &version, &legacy, err) || check_write_version(st, &write_mine, err)) return err->status;
    return upgrade_store(st, version, legacy, write_mine, err);
}

sl_status sl_store_check_identity(sl_store *st, sl_error *err)
{
    long long version;
    int legacy;
    return check_identity(st, &version, &legacy, err);
}
