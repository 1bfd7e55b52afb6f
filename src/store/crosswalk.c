/*
** crosswalk.c — a reporter's corrections to the partnership linker: rows of
** `import links FILE`, each a partnership record id and the ORI it belongs
** to (NULL: to no registry agency). The table is created by the first such
** import and removed with its source like every other record.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/crosswalk.h"

#include <stdlib.h>
#include <string.h>

static const char *const SCHEMA =
    "CREATE TABLE IF NOT EXISTS link_crosswalk("
    "  source_id INTEGER NOT NULL REFERENCES sources(id), line INTEGER NOT NULL,"
    "  record_id TEXT NOT NULL, ori TEXT);"
    "CREATE INDEX IF NOT EXISTS link_crosswalk_record ON link_crosswalk(record_id);";

sl_status sl_store_add_crosswalk(sl_store *st, long source_id, long line, const char *record_id, const char *ori,
                                 sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_pg(st)) return sl_pg_add_crosswalk(sl_store_pg(st), source_id, line, record_id, ori, err);
    if (!sl_store_is_cached(st, "INSERT INTO link_crosswalk(source_id, line, record_id, ori) VALUES (?,?,?,?)") &&
        sl_store_exec(st, SCHEMA, err))
        return err->status;
    if (sl_store_prepare_cached(st, "INSERT INTO link_crosswalk(source_id, line, record_id, ori) VALUES (?,?,?,?)",
                                &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, source_id);
    sqlite3_bind_int64(s, 2, line);
    sl_bind_text(s, 3, record_id);
    sl_bind_text(s, 4, ori);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "storing a link correction");
}

void sl_crosswalk_free(sl_crosswalk *c)
{
    free(c->items);
    sl_arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

sl_status sl_store_load_crosswalk(sl_store *st, sl_crosswalk *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    if (sl_store_pg(st)) return sl_pg_load_crosswalk(sl_store_pg(st), out, err);
    if (!sl_store_has_table(st, "link_crosswalk")) return SL_OK;
    sqlite3_stmt *s;
    /* a record corrected twice: the newest import wins */
    if (sl_store_prepare(st, "SELECT record_id, ori FROM link_crosswalk ORDER BY source_id, line", &s, err))
        return err->status;
    size_t cap = 0;
    sl_status status = SL_OK;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            sl_crosswalk_entry *grown = realloc(out->items, ncap * sizeof *grown);
            if (!grown) {
                status = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
                break;
            }
            out->items = grown;
            cap = ncap;
        }
        sl_crosswalk_entry *e = &out->items[out->count];
        e->record_id = sl_column_text(s, 0, &out->arena);
        e->ori = sqlite3_column_type(s, 1) == SQLITE_NULL ? NULL : sl_column_text(s, 1, &out->arena);
        if (!e->record_id || (sqlite3_column_type(s, 1) != SQLITE_NULL && !e->ori)) {
            status = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
            break;
        }
        out->count++;
    }
    if (!status && rc != SQLITE_DONE) status = sl_store_fail(st, err, "reading link corrections");
    sqlite3_finalize(s);
    if (status) sl_crosswalk_free(out);
    return status;
}
