/*
** businesses.c — the directory's tables (see sightline/store/businesses.h).
** On a PostgreSQL store each function routes to pg_businesses.c, and the
** search runs the query below on an in-memory copy of this schema, so that
** both backends rank with the same FTS5 bm25 (one search, one order).
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/businesses.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A listing edited in /admin since its import, and when: `rm` of the import
** would throw the edit away, so it asks first (sl_ingest_remove). Its own
** table, made by the first edit on a store older than it. */
#define EDITS_SCHEMA "CREATE TABLE IF NOT EXISTS business_edits(id INTEGER PRIMARY KEY, edited INTEGER NOT NULL);"

const char *const sl_store_directory_schema =
    "CREATE TABLE IF NOT EXISTS businesses("
    "  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id), line INTEGER,"
    "  name TEXT NOT NULL, category TEXT, address TEXT, city TEXT, state TEXT, zip TEXT,"
    "  website TEXT, phone TEXT, verification TEXT, origin TEXT, lat REAL, lon REAL);"
    "CREATE INDEX IF NOT EXISTS businesses_source ON businesses(source_id);"
    /* its own copy of the text, rowid = businesses.id, so `rm` deletes by rowid */
    "CREATE VIRTUAL TABLE IF NOT EXISTS businesses_fts USING fts5("
    "  name, category, address, city, tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TABLE IF NOT EXISTS business_suggestions("
    "  id INTEGER PRIMARY KEY, created INTEGER NOT NULL, decided INTEGER,"
    "  status TEXT NOT NULL DEFAULT 'pending' CHECK(status IN ('pending','approved','rejected')),"
    "  name TEXT NOT NULL, category TEXT, address TEXT, city TEXT, state TEXT, zip TEXT,"
    "  website TEXT, phone TEXT, verification TEXT, origin TEXT, lat REAL, lon REAL, note TEXT);"
    EDITS_SCHEMA;

#define BIZ_FIELDS "name, category, address, city, state, zip, website, phone, verification, origin, lat, lon"
#define BIZ_FIELDS_B "b.name, b.category, b.address, b.city, b.state, b.zip, b.website, b.phone, b.verification," \
                     " b.origin, b.lat, b.lon"
/* The id: one more than any ever given (internal.h), written down after */
static const char *INSERT_BUSINESS =
    "INSERT INTO businesses(id, source_id, line, " BIZ_FIELDS ") VALUES("
    SL_NEXT_ID("businesses", SL_LAST_LISTING_KEY) ",?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
static const char *KEEP_LAST_LISTING = SL_KEEP_LAST(SL_LAST_LISTING_KEY, "CAST(?1 AS TEXT)");

/* Bind B's fields to S from column FIRST on, in BIZ_FIELDS order. */
static void bind_business(sqlite3_stmt *s, int first, const sl_business *b)
{
    const char *t[] = {b->name, b->category, b->address, b->city, b->state,
                       b->zip, b->website, b->phone, b->verification, b->origin};
    for (int i = 0; i < 10; i++) sl_bind_text(s, first + i, t[i] ? t[i] : "");
    if (b->has_location) {
        sqlite3_bind_double(s, first + 10, b->lat);
        sqlite3_bind_double(s, first + 11, b->lon);
    } else {
        sqlite3_bind_null(s, first + 10);
        sqlite3_bind_null(s, first + 11);
    }
}

/* Read B's fields from S's columns FIRST.. (BIZ_FIELDS order). */
static void read_business(sqlite3_stmt *s, int first, sl_business *b)
{
    const char **t[] = {&b->name, &b->category, &b->address, &b->city, &b->state,
                        &b->zip, &b->website, &b->phone, &b->verification, &b->origin};
    for (int i = 0; i < 10; i++) {
        const char *v = (const char *)sqlite3_column_text(s, first + i);
        *t[i] = v ? v : "";
    }
    b->has_location = sqlite3_column_type(s, first + 10) != SQLITE_NULL;
    b->lat = sqlite3_column_double(s, first + 10);
    b->lon = sqlite3_column_double(s, first + 11);
}

sl_status sl_store_add_business(sl_store *st, const sl_business *b, long *out_id, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_add_business(sl_store_pg(st), b, out_id, err);
    sqlite3_stmt *s, *f;
    /* tables once per import: the first row's statement is not cached yet */
    if (!sl_store_is_cached(st, INSERT_BUSINESS) && sl_store_exec(st, sl_store_directory_schema, err)) return err->status;
    if (sl_store_prepare_cached(st, INSERT_BUSINESS, &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, b->source_id);
    sqlite3_bind_int64(s, 2, b->line);
    bind_business(s, 3, b);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "adding a business");
    sqlite3_int64 id = sqlite3_last_insert_rowid(sl_store_db(st));
    if (out_id) *out_id = (long)id;
    if (sl_store_prepare_cached(st, KEEP_LAST_LISTING, &f, err)) return err->status;
    sqlite3_bind_int64(f, 1, id);
    rc = sqlite3_step(f);
    sqlite3_reset(f);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "numbering a business");
    if (sl_store_prepare_cached(st, "INSERT INTO businesses_fts(rowid, name, category, address, city) VALUES(?,?,?,?,?)",
                                &f, err))
        return err->status;
    sqlite3_bind_int64(f, 1, id);
    sl_bind_text(f, 2, b->name);
    sl_bind_text(f, 3, b->category);
    sl_bind_text(f, 4, b->address);
    sl_bind_text(f, 5, b->city);
    rc = sqlite3_step(f);
    sqlite3_reset(f);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "indexing a business");
}

/* Words of TEXT as an FTS5 query of quoted prefix terms ("w1"* "w2"*):
** letters, digits and any non-ASCII byte make words; everything else
** (quotes, operators, parentheses, column filters) separates them. NULL
** when out of memory; "" when TEXT has no word. */
static char *fts_query(const char *text)
{
    size_t n = strlen(text);
    char *q = malloc(n * 4 + 1), *o = q;
    if (!q) return NULL;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        while (*p && !(*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))) p++;
        if (!*p) break;
        if (o != q) *o++ = ' ';
        *o++ = '"';
        while (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')) *o++ = (char)*p++;
        *o++ = '"';
        *o++ = '*';
    }
    *o = '\0';
    return q;
}

sl_status sl_store_directory_search(sqlite3 *db, sl_store *st, const sl_business_filter *f, sl_business_fn fn,
                                    void *ctx, sl_error *err)
{
    char *q = fts_query(f->text ? f->text : "");
    if (!q) return sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory");
    sqlite3_stmt *s = NULL;
    const char *sql = *q
        ? "SELECT b.id, b.source_id, b.line, " BIZ_FIELDS_B " FROM businesses_fts"
          " JOIN businesses b ON b.id = businesses_fts.rowid WHERE businesses_fts MATCH ?1"
          " AND (?2 IS NULL OR b.category = ?2 COLLATE NOCASE) AND (?3 IS NULL OR b.state = ?3 COLLATE NOCASE)"
          " ORDER BY businesses_fts.rank, b.id"
        : "SELECT id, source_id, line, " BIZ_FIELDS " FROM businesses WHERE ?1 IS NULL"
          " AND (?2 IS NULL OR category = ?2 COLLATE NOCASE) AND (?3 IS NULL OR state = ?3 COLLATE NOCASE)"
          " ORDER BY name COLLATE NOCASE, id";
    /* the store's own file, or PostgreSQL's rows copied into memory */
    int own = db == sl_store_db(st);
    sl_status rc = own ? sl_store_prepare(st, sql, &s, err)
                 : sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK
                     ? SL_OK
                     : sl_fail(err, SL_EIO, sl_store_path(st), 0, "searching the directory: %s", sqlite3_errmsg(db));
    if (rc) {
        free(q);
        return rc;
    }
    if (*q) sl_bind_text(s, 1, q);
    sl_bind_text(s, 2, f->category);
    sl_bind_text(s, 3, f->state);
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        sl_business b = {.id = (long)sqlite3_column_int64(s, 0), .source_id = (long)sqlite3_column_int64(s, 1),
                         .line = (long)sqlite3_column_int64(s, 2)};
        read_business(s, 3, &b);
        rc = fn(&b, ctx, err);
    }
    if (!rc && step != SQLITE_DONE)
        rc = own ? sl_store_fail(st, err, "searching the directory")
                 : sl_fail(err, SL_EIO, sl_store_path(st), 0, "searching the directory: %s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    free(q);
    return rc;
}

sl_status sl_store_businesses_each(sl_store *st, const sl_business_filter *f, sl_business_fn fn, void *ctx,
                                   sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_businesses_each(sl_store_pg(st), st, f, fn, ctx, err);
    if (!sl_store_has_table(st, "businesses")) return SL_OK;
    return sl_store_directory_search(sl_store_db(st), st, f, fn, ctx, err);
}

void sl_store_use_directory_cache(sl_store *st, sl_directory_cache *c)
{
    if (sl_store_pg(st)) sl_pg_use_directory_cache(sl_store_pg(st), c);
}

sl_status sl_store_suggestion_add(sl_store *st, const sl_business *b, const char *note, long long now, long *id,
                                  sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_suggestion_add(sl_store_pg(st), b, note, now, id, err);
    sqlite3_stmt *s;
    if (sl_store_exec(st, sl_store_directory_schema, err)) return err->status;
    /* the next number never given, lapsed ones' too (SL_LAST_SUGGESTION_KEY) */
    if (sl_store_prepare(st, "INSERT INTO business_suggestions(id, created, note, " BIZ_FIELDS ") VALUES("
                             SL_NEXT_ID("business_suggestions", SL_LAST_SUGGESTION_KEY) ",?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, now);
    sl_bind_text(s, 2, note ? note : "");
    bind_business(s, 3, b);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "queueing a suggestion");
    *id = (long)sqlite3_last_insert_rowid(sl_store_db(st));
    return SL_OK;
}

sl_status sl_store_suggestions_each(sl_store *st, const char *status, sl_business_fn fn, void *ctx, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_suggestions_each(sl_store_pg(st), status, fn, ctx, err);
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "business_suggestions")) return SL_OK;
    if (sl_store_prepare(st, "SELECT id, " BIZ_FIELDS ", note, created FROM business_suggestions WHERE ?1 IS NULL OR status = ?1"
                             " ORDER BY id", &s, err))
        return err->status;
    sl_bind_text(s, 1, status);
    sl_status rc = SL_OK;
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        sl_business b = {.id = (long)sqlite3_column_int64(s, 0)};
        read_business(s, 1, &b);
        const char *note = (const char *)sqlite3_column_text(s, 13);
        b.note = note ? note : "";
        b.created = sqlite3_column_int64(s, 14);
        rc = fn(&b, ctx, err);
    }
    if (!rc && step != SQLITE_DONE) rc = sl_store_fail(st, err, "reading suggestions");
    sqlite3_finalize(s);
    return rc;
}

sl_status sl_store_suggestion_decide(sl_store *st, long id, const char *status, long long now, int *found,
                                     sl_error *err)
{
    sqlite3_stmt *s;
    *found = 0;
    if (strcmp(status, "approved") && strcmp(status, "rejected"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "a suggestion is approved or rejected, not '%s'", status);
    if (sl_store_pg(st)) return sl_pg_suggestion_decide(sl_store_pg(st), id, status, now, found, err);
    if (!sl_store_has_table(st, "business_suggestions")) return SL_OK;
    if (sl_store_prepare(st, "UPDATE business_suggestions SET status=?, decided=? WHERE id=? AND status='pending'",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, status);
    sqlite3_bind_int64(s, 2, now);
    sqlite3_bind_int64(s, 3, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "deciding a suggestion");
    *found = sqlite3_changes(sl_store_db(st)) == 1;
    return SL_OK;
}

sl_status sl_store_suggestions_forget(sl_store *st, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_suggestions_forget(sl_store_pg(st), err);
    if (!sl_store_has_table(st, "business_suggestions")) return SL_OK;
    /* as an erased pledge: not left readable in the file's free pages */
    if (sl_store_exec(st, "PRAGMA secure_delete=ON", err)) return err->status;
    return sl_store_exec(st, SL_FORGET_SUGGESTIONS_SQL, err);
}

/* Run each of STEPS[0..N) (NULL: skipped) with $1 bound to V, in order;
** WHAT names the work in an error. sqlite3_changes() is then the last's. */
static sl_status run_steps(sl_store *st, const char *const *steps, size_t n, long long v, const char *what,
                           sl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *s;
        if (!steps[i]) continue;
        if (sl_store_prepare(st, steps[i], &s, err)) return err->status;
        sqlite3_bind_int64(s, 1, v);
        int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) return sl_store_fail(st, err, what);
    }
    return SL_OK;
}

sl_status sl_store_suggestions_lapse(sl_store *st, long long cutoff, long *removed, sl_error *err)
{
    *removed = 0;
    if (sl_store_pg(st)) return sl_pg_suggestions_lapse(sl_store_pg(st), cutoff, removed, err);
    if (!sl_store_has_table(st, "business_suggestions")) return SL_OK;
    if (sl_store_exec(st, "PRAGMA secure_delete=ON", err)) return err->status;
    const char *const steps[] = {
        SL_KEEP_IDS_SQL("business_suggestions", SL_LAST_SUGGESTION_KEY, SL_LAPSED_SUGGESTIONS),
        SL_LAPSE_SUGGESTIONS_SQL,
    };
    if (run_steps(st, steps, sizeof steps / sizeof *steps, cutoff, "deleting suggestions nobody decided", err))
        return err->status;
    *removed = (long)sqlite3_changes(sl_store_db(st));
    return SL_OK;
}

sl_status sl_store_business_get(sl_store *st, long id, sl_business_fn fn, void *ctx, int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_business_get(sl_store_pg(st), id, fn, ctx, found, err);
    sqlite3_stmt *s;
    *found = 0;
    if (!sl_store_has_table(st, "businesses")) return SL_OK;
    if (sl_store_prepare(st, "SELECT id, source_id, line, " BIZ_FIELDS " FROM businesses WHERE id = ?1", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, id);
    sl_status rc = SL_OK;
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        sl_business b = {.id = (long)sqlite3_column_int64(s, 0), .source_id = (long)sqlite3_column_int64(s, 1),
                         .line = (long)sqlite3_column_int64(s, 2)};
        read_business(s, 3, &b);
        *found = 1;
        rc = fn(&b, ctx, err);
    } else if (step != SQLITE_DONE) {
        rc = sl_store_fail(st, err, "reading a business");
    }
    sqlite3_finalize(s);
    return rc;
}

sl_status sl_store_business_update(sl_store *st, long id, const sl_business *b, int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_business_update(sl_store_pg(st), id, b, found, err);
    sqlite3_stmt *s;
    *found = 0;
    if (!sl_store_has_table(st, "businesses")) return SL_OK;
    if (sl_store_prepare(st, "UPDATE businesses SET name=?2, category=?3, address=?4, city=?5, state=?6, zip=?7,"
                             " website=?8, phone=?9, verification=?10, origin=?11, lat=?12, lon=?13 WHERE id=?1",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, id);
    bind_business(s, 2, b);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "editing a business");
    if (sqlite3_changes(sl_store_db(st)) != 1) return SL_OK;
    *found = 1;
    if (sl_store_exec(st, EDITS_SCHEMA, err)) return err->status;
    if (sl_store_prepare(st, "INSERT OR REPLACE INTO business_edits(id, edited)"
                             " VALUES(?1, CAST(strftime('%s', 'now') AS INTEGER))", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "marking a business edited");
    /* the index holds its own copy of the text: replace its row */
    if (sl_store_prepare(st, "INSERT OR REPLACE INTO businesses_fts(rowid, name, category, address, city)"
                             " VALUES(?,?,?,?,?)", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, id);
    sl_bind_text(s, 2, b->name);
    sl_bind_text(s, 3, b->category);
    sl_bind_text(s, 4, b->address);
    sl_bind_text(s, 5, b->city);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "re-indexing a business");
}

sl_status sl_store_business_edits(sl_store *st, long source_id, long *n, long *id, char *name, size_t size,
                                  sl_error *err)
{
    *n = *id = 0;
    if (size) name[0] = '\0';
    if (sl_store_pg(st)) return sl_pg_business_edits(sl_store_pg(st), source_id, n, id, name, size, err);
    if (!sl_store_has_table(st, "business_edits")) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st, SL_EDITED_LISTINGS_SQL, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, source_id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *n = (long)sqlite3_column_int64(s, 0);
        *id = (long)sqlite3_column_int64(s, 1);
        const char *v = (const char *)sqlite3_column_text(s, 2);
        snprintf(name, size, "%s", v ? v : "");
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "reading the edited listings");
}

sl_status sl_store_business_removed(sl_store *st, long id, int *removed, sl_error *err)
{
    *removed = 0;
    if (sl_store_pg(st)) return sl_pg_business_removed(sl_store_pg(st), id, removed, err);
    if (!sl_store_has_table(st, "businesses")) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st, SL_LISTING_REMOVED_SQL, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) *removed = sqlite3_column_int(s, 0) == 1;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "reading a business");
}

sl_status sl_store_business_remove(sl_store *st, long id, int *found, sl_error *err)
{
    *found = 0;
    if (sl_store_pg(st)) return sl_pg_business_remove(sl_store_pg(st), id, found, err);
    if (!sl_store_has_table(st, "businesses")) return SL_OK;
    const char *const steps[] = {
        SL_KEEP_LISTING_IDS_SQL("id = $1"), /* its number is never given again */
        "DELETE FROM businesses_fts WHERE rowid = $1",
        sl_store_has_table(st, "business_edits") ? "DELETE FROM business_edits WHERE id = $1" : NULL,
        "DELETE FROM businesses WHERE id = $1",
    };
    if (run_steps(st, steps, sizeof steps / sizeof *steps, id, "removing a business", err)) return err->status;
    *found = sqlite3_changes(sl_store_db(st)) == 1;
    return SL_OK;
}

sl_status sl_store_business_renumber(sl_store *st, long from, long to, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_business_renumber(sl_store_pg(st), from, to, err);
    static const char *const STEPS[] = {
        "UPDATE businesses SET id = ?2 WHERE id = ?1",
        "DELETE FROM businesses_fts WHERE rowid = ?1",
        "INSERT INTO businesses_fts(rowid, name, category, address, city)"
        " SELECT id, name, category, address, city FROM businesses WHERE id = ?2",
    };
    for (size_t i = 0; i < sizeof STEPS / sizeof *STEPS; i++) {
        sqlite3_stmt *s;
        if (sl_store_prepare(st, STEPS[i], &s, err)) return err->status;
        sqlite3_bind_int64(s, 1, from);
        sqlite3_bind_int64(s, 2, to);
        int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) return sl_store_fail(st, err, "numbering a business");
    }
    return SL_OK;
}
