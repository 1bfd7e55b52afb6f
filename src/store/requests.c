/*
** requests.c — the requests table (see sightline/store/requests.h).
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/requests.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS requests("
    "  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id), line INTEGER,"
    "  record_id TEXT, agency TEXT NOT NULL, state TEXT, agency_id INTEGER REFERENCES agencies(id),"
    "  date TEXT, date_precision TEXT NOT NULL, lat REAL, lon REAL, radius_m REAL, geom BLOB,"
    "  recipients REAL, videos REAL);";

static void bind_number(sqlite3_stmt *s, int i, double v)
{
    if (isfinite(v)) sqlite3_bind_double(s, i, v);
    else sqlite3_bind_null(s, i);
}

static const char *INSERT =
    "INSERT INTO requests(source_id, line, record_id, agency, state, agency_id, date,"
    " date_precision, lat, lon, radius_m, geom, recipients, videos)"
    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

sl_status sl_store_add_request(sl_store *st, const sl_request *r, sl_error *err)
{
    sqlite3_stmt *s;
    char date[11];
    if (sl_store_pg(st)) return sl_pg_add_request(sl_store_pg(st), r, err);
    /* The table is created by the first request written through this handle;
    ** from then on the insert stays prepared (one parse per import, not per row). */
    if (!sl_store_is_cached(st, INSERT) && sl_store_exec(st, SCHEMA, err)) return err->status;
    if (sl_store_prepare_cached(st, INSERT, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, r->source_id);
    sqlite3_bind_int64(s, 2, r->line);
    sl_bind_text(s, 3, r->record_id);
    sl_bind_text(s, 4, r->agency);
    sl_bind_text(s, 5, r->state);
    if (r->agency_id) sqlite3_bind_int64(s, 6, r->agency_id);
    sl_bind_text(s, 7, r->date.precision ? sl_date_format(&r->date, date) : NULL);
    sl_bind_text(s, 8, sl_precision_name(r->date.precision));
    bind_number(s, 9, r->lat);
    bind_number(s, 10, r->lon);
    bind_number(s, 11, r->radius_m);
    if (r->wkb) sqlite3_bind_blob(s, 12, r->wkb, (int)r->wkb_len, SQLITE_TRANSIENT);
    bind_number(s, 13, r->recipients);
    bind_number(s, 14, r->videos);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "adding a request");
}

static double column_number(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

/* One requests row (sl_store_row_fn). */
static int read_row(sqlite3_stmt *s, sl_arena *a, void *item)
{
    sl_request *r = item;
    r->id = (long)sqlite3_column_int64(s, 0);
    r->source_id = (long)sqlite3_column_int64(s, 1);
    r->line = (long)sqlite3_column_int64(s, 2);
    r->record_id = sl_column_text(s, 3, a);
    r->agency = sl_column_text(s, 4, a);
    r->state = sl_store_state_read(sl_column_text(s, 5, a));
    if (!r->record_id || !r->agency || !r->state) return -1;
    r->agency_id = (long)sqlite3_column_int64(s, 6);
    if (!sl_date_parse((const char *)sqlite3_column_text(s, 7), NULL, &r->date)) memset(&r->date, 0, sizeof r->date);
    r->lat = column_number(s, 8);
    r->lon = column_number(s, 9);
    r->radius_m = column_number(s, 10);
    r->wkb_len = (size_t)sqlite3_column_bytes(s, 11);
    if (r->wkb_len) {
        unsigned char *copy = sl_arena_alloc(a, r->wkb_len);
        if (!copy) return -1;
        memcpy(copy, sqlite3_column_blob(s, 11), r->wkb_len);
        r->wkb = copy;
    }
    r->recipients = column_number(s, 12);
    r->videos = column_number(s, 13);
    return 0;
}

/* The requests SQL selects (all, or those without an agency link), as
** read_row reads them. */
static sl_status load(sl_store *st, const char *sql, sl_request_list *out, sl_error *err)
{
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "requests")) return SL_OK;
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sl_status rc = sl_store_load_rows(st, s, (void **)&out->items, &out->count, sizeof *out->items, &out->arena,
                                      read_row, "requests", err);
    sqlite3_finalize(s);
    if (rc) sl_request_list_free(out);
    return rc;
}

#define SELECT_REQUESTS                                                                                              \
    "SELECT id, source_id, line, record_id, agency, state, agency_id, date, lat, lon, radius_m, geom, recipients,"  \
    " videos FROM requests"

sl_status sl_store_load_requests(sl_store *st, sl_request_list *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    sl_status s = sl_store_pg(st) ? sl_pg_load_requests(sl_store_pg(st), 0, out, err)
                                  : load(st, SELECT_REQUESTS " ORDER BY id", out, err);
    if (!s) sl_store_scope_requests(st, out);
    return s;
}

sl_status sl_store_load_unlinked_requests(sl_store *st, sl_request_list *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    sl_status s = sl_store_pg(st) ? sl_pg_load_requests(sl_store_pg(st), 1, out, err)
                                  : load(st, SELECT_REQUESTS " WHERE agency_id IS NULL ORDER BY id", out, err);
    if (!s) sl_store_scope_requests(st, out);
    return s;
}

sl_status sl_store_link_request(sl_store *st, long request_id, long agency_id, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_pg(st)) return sl_pg_link_request(sl_store_pg(st), request_id, agency_id, err);
    if (sl_store_prepare_cached(st, "UPDATE requests SET agency_id = ?1 WHERE id = ?2", &s, err)) return err->status;
    if (agency_id) sqlite3_bind_int64(s, 1, agency_id);
    else sqlite3_bind_null(s, 1);
    sqlite3_bind_int64(s, 2, request_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "linking a request to its agency");
}

void sl_request_list_free(sl_request_list *l)
{
    free(l->items);
    sl_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}
