/*
** sources.c — the SQLite store's record of imports: one row per imported
** file (kind, name, sha256, time, snapshot, options, rows) and who published
** it (see include/sightline/store/store.h). Split from store.c, which keeps
** opening, transactions, agencies and partnerships.
*/
#include "internal.h"
#include "pg.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* ---- sources ---------------------------------------------------------- */

#define SOURCE_COLS "id, kind, file_name, sha256, imported_at, snapshot, options, rows"
/* Credits live in their own table, made by the first import that gives one:
** stores without it are read as they are (a read-only open cannot add it). */
#define CREDIT_TABLE                                                                                            \
    "CREATE TABLE IF NOT EXISTS source_credits(source_id INTEGER PRIMARY KEY REFERENCES sources(id),"         \
    " publisher TEXT, url TEXT, licence TEXT, year TEXT)"

/* Who runs this import on SQLite: the system user's name (NULL when the
** system has none for this uid), as PostgreSQL records its role. */
static const char *system_user(void)
{
    const struct passwd *pw = getpwuid(geteuid());
    return pw && pw->pw_name && pw->pw_name[0] ? pw->pw_name : NULL;
}

/* Fill the sl_source ITEM from row S; -1 when the arena ran out of memory
** (an sl_store_row_fn). */
static int read_source(sqlite3_stmt *s, sl_arena *a, void *item)
{
    sl_source *src = item;
    src->id = (long)sqlite3_column_int64(s, 0);
    src->kind = sl_column_text(s, 1, a);
    src->file_name = sl_column_text(s, 2, a);
    src->sha256 = sl_column_text(s, 3, a);
    src->imported_at = sl_column_text(s, 4, a);
    src->snapshot = sl_column_text(s, 5, a);
    src->options = sl_column_text(s, 6, a);
    src->rows = (long)sqlite3_column_int64(s, 7);
    src->imported_by = src->publisher = src->url = src->licence = src->year = src->skipped_why = NULL;
    src->skipped = -1;
    /* sl_store_load_sources: what it skipped, who imported it, then its credit */
    if (sqlite3_column_count(s) > 8 && sqlite3_column_type(s, 8) != SQLITE_NULL)
        src->skipped = (long)sqlite3_column_int64(s, 8);
    const char **more[] = {&src->skipped_why, &src->imported_by, &src->publisher, &src->url, &src->licence, &src->year};
    for (int i = 0; i < 6 && sqlite3_column_count(s) > 9 + i; i++)
        if (sqlite3_column_type(s, 9 + i) != SQLITE_NULL && !(*more[i] = sl_column_text(s, 9 + i, a))) return -1;
    return src->kind && src->file_name && src->sha256 && src->imported_at && src->snapshot && src->options
               ? 0 : -1;
}

sl_status sl_store_find_source(sl_store *st, const char *kind, const char *sha256,
                               const char *snapshot, sl_arena *arena, sl_source *out,
                               int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_find_source(sl_store_pg(st), kind, sha256, snapshot, arena, out, found, err);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st, "SELECT " SOURCE_COLS " FROM sources WHERE kind=? AND sha256=? AND snapshot=?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, kind);
    sl_bind_text(s, 2, sha256);
    sl_bind_text(s, 3, snapshot ? snapshot : "");
    int step = sqlite3_step(s);
    *found = step == SQLITE_ROW;
    sl_status rc = SL_OK;
    if (step != SQLITE_ROW && step != SQLITE_DONE) rc = sl_store_fail(st, err, "looking up a source");
    else if (*found && read_source(s, arena, out)) rc = sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory");
    sqlite3_reset(s);
    if (rc) *found = 0;
    return rc;
}

sl_status sl_store_add_source(sl_store *st, sl_source *src, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_add_source(sl_store_pg(st), src, err);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "INSERT INTO sources(id, kind, file_name, sha256, imported_at, snapshot, options, rows,"
                         " imported_by) VALUES(" SL_NEXT_SOURCE_ID ", ?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'),?,?,?,?)",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, src->kind);
    sl_bind_text(s, 2, src->file_name);
    sl_bind_text(s, 3, src->sha256);
    sl_bind_text(s, 4, src->snapshot ? src->snapshot : "");
    sl_bind_text(s, 5, src->options ? src->options : "{}");
    sqlite3_bind_int64(s, 6, src->rows);
    sl_bind_text(s, 7, system_user());
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "recording the source");
    src->id = (long)sqlite3_last_insert_rowid(sl_store_db(st));
    if (sl_store_prepare_cached(st, SL_KEEP_LAST_SOURCE("CAST(?1 AS TEXT)"), &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, src->id);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "recording the source");
}

sl_status sl_store_set_source_sha256(sl_store *st, long source_id, const char *sha256, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_set_source_sha256(sl_store_pg(st), source_id, sha256, err);
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
    if (sl_store_pg(st)) return sl_pg_set_source_rows(sl_store_pg(st), source_id, rows, err);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st, "UPDATE sources SET rows=? WHERE id=?", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, rows);
    sqlite3_bind_int64(s, 2, source_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "updating the source");
}

sl_status sl_store_set_source_skipped(sl_store *st, long source_id, long skipped, const char *why, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_set_source_skipped(sl_store_pg(st), source_id, skipped, why, err);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st, "UPDATE sources SET skipped=?, skipped_why=? WHERE id=?", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, skipped);
    sl_bind_text(s, 2, why);
    sqlite3_bind_int64(s, 3, source_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "updating the source");
}

sl_status sl_store_set_source_credit(sl_store *st, long source_id, const sl_source *c, int *changed,
                                     sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_set_source_credit(sl_store_pg(st), source_id, c, changed, err);
    *changed = 0;
    sqlite3_stmt *s;
    if (sl_store_exec(st, CREDIT_TABLE, err)) return err->status;
    if (sl_store_prepare(st, "INSERT OR IGNORE INTO source_credits(source_id) VALUES(?1)", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, source_id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "recording the source's publisher");
    *changed = sqlite3_changes(sl_store_db(st)) > 0;
    if (sl_store_prepare(st, "UPDATE source_credits SET publisher=coalesce(?2, publisher), url=coalesce(?3, url),"
                             " licence=coalesce(?4, licence), year=coalesce(?5, year) WHERE source_id=?1 AND"
                             " (publisher, url, licence, year) IS NOT"
                             " (coalesce(?2, publisher), coalesce(?3, url), coalesce(?4, licence), coalesce(?5, year))",
                          &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, source_id);
    sl_bind_text(s, 2, c->publisher);
    sl_bind_text(s, 3, c->url);
    sl_bind_text(s, 4, c->licence);
    sl_bind_text(s, 5, c->year);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "recording the source's publisher");
    *changed |= sqlite3_changes(sl_store_db(st)) > 0;
    return SL_OK;
}

sl_status sl_store_load_sources(sl_store *st, const char *kind, sl_source_list *out,
                                sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_load_sources(sl_store_pg(st), kind, out, err);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    int credits = sl_store_has_table(st, "source_credits");
    char sql[800];
    /* a store an older sightline made lacks imported_by and the skipped
    ** count until its next import, and a reader cannot add them: those
    ** imports name nobody and count nothing */
    snprintf(sql, sizeof sql,
             "SELECT id, kind, file_name, sha256, imported_at, snapshot, options, %s, %s, %s%s FROM sources%s"
             " WHERE ?1 IS NULL OR kind=?1 ORDER BY id",
             sl_store_has_table(st, "businesses") ? SL_SOURCE_ROWS_LIVE("sources") : "rows",
             sl_store_has_column(st, "sources", "skipped") ? "skipped, skipped_why" : "NULL, NULL",
             sl_store_has_column(st, "sources", "imported_by") ? "imported_by" : "NULL",
             credits ? ", c.publisher, c.url, c.licence, c.year" : "",
             credits ? " LEFT JOIN source_credits c ON c.source_id = sources.id" : "");
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sl_bind_text(s, 1, kind);
    sl_status rc = sl_store_load_rows(st, s, (void **)&out->items, &out->count, sizeof *out->items, &out->arena,
                                      read_source, "sources", err);
    sqlite3_finalize(s);
    if (rc) sl_source_list_free(out);
    return rc;
}

void sl_source_list_free(sl_source_list *l)
{
    free(l->items);
    sl_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}
