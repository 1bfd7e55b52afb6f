/*
** records.c — agencies and partnerships in the SQLite store, one row per
** record (thousands of rows: the registry and the Atlas); the PostgreSQL
** twins are in pg_records.c. Loaded whole through sl_store_load_rows.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/core/area.h"

#include <stdlib.h>
#include <string.h>

const char *sl_store_state_read(const char *state)
{
    char *s = (char *)state; /* the caller's own arena copy */
    return s ? sl_state_canonical(s, s, strlen(s) + 1) : NULL;
}

/* ---- agencies --------------------------------------------------------- */

sl_status sl_store_add_agency(sl_store *st, const sl_agency *a, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_add_agency(sl_store_pg(st), a, err);
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

/* One agencies row (sl_store_row_fn). */
static int read_agency(sqlite3_stmt *s, sl_arena *ar, void *item)
{
    sl_agency *a = item;
    a->id = (long)sqlite3_column_int64(s, 0);
    a->source_id = (long)sqlite3_column_int64(s, 1);
    a->line = (long)sqlite3_column_int64(s, 2);
    a->ori = sl_column_text(s, 3, ar);
    a->name = sl_column_text(s, 4, ar);
    a->type = sl_column_text(s, 5, ar);
    a->county = sl_column_text(s, 6, ar);
    a->state = sl_store_state_read(sl_column_text(s, 7, ar));
    a->has_location = sqlite3_column_type(s, 8) != SQLITE_NULL;
    a->lat = sqlite3_column_double(s, 8);
    a->lon = sqlite3_column_double(s, 9);
    return a->ori && a->name && a->type && a->county && a->state ? 0 : -1;
}

sl_status sl_store_load_agencies(sl_store *st, sl_agency_list *out, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_load_agencies(sl_store_pg(st), out, err);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "SELECT id, source_id, line, ori, name, type, county, state, lat, lon"
                         " FROM agencies ORDER BY id",
                         &s, err))
        return err->status;
    sl_status rc = sl_store_load_rows(st, s, (void **)&out->items, &out->count, sizeof *out->items, &out->arena,
                                      read_agency, "agencies", err);
    if (rc) sl_agency_list_free(out);
    return rc;
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
    if (sl_store_pg(st)) return sl_pg_add_partnership(sl_store_pg(st), p, err);
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st,
                         "INSERT INTO partnerships(source_id, line, snapshot, record_id, agency, city,"
                         " county, state, agency_type, technology, vendor, summary, start_date,"
                         " start_precision, agency_id, link_method, link_score, start_raw, source_url)"
                         " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
    sl_bind_text(s, 19, p->source_url);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "adding a partnership");
}

/* One partnerships row (sl_store_row_fn). */
static int read_partnership(sqlite3_stmt *s, sl_arena *ar, void *item)
{
    sl_partnership *p = item;
    p->id = (long)sqlite3_column_int64(s, 0);
    p->source_id = (long)sqlite3_column_int64(s, 1);
    p->line = (long)sqlite3_column_int64(s, 2);
    p->snapshot = sl_column_text(s, 3, ar);
    p->record_id = sl_column_text(s, 4, ar);
    p->agency = sl_column_text(s, 5, ar);
    p->city = sl_column_text(s, 6, ar);
    p->county = sl_column_text(s, 7, ar);
    p->state = sl_store_state_read(sl_column_text(s, 8, ar));
    p->agency_type = sl_column_text(s, 9, ar);
    p->technology = sl_column_text(s, 10, ar);
    p->vendor = sl_column_text(s, 11, ar);
    p->summary = sl_column_text(s, 12, ar);
    if (!sl_date_parse((const char *)sqlite3_column_text(s, 13), NULL, &p->start))
        memset(&p->start, 0, sizeof p->start);
    p->agency_id = (long)sqlite3_column_int64(s, 15);
    p->link_method = sl_column_text(s, 16, ar);
    p->link_score = sqlite3_column_double(s, 17);
    p->start_raw = sl_column_text(s, 18, ar);
    p->source_url = sl_column_text(s, 19, ar);
    return p->snapshot && p->record_id && p->agency && p->city && p->county && p->state && p->agency_type &&
                   p->technology && p->vendor && p->summary && p->link_method && p->start_raw && p->source_url
               ? 0 : -1;
}

sl_status sl_store_load_partnerships(sl_store *st, const char *snapshot,
                                     sl_partnership_list *out, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_load_partnerships(sl_store_pg(st), snapshot, out, err);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    /* A store no import has written since source_url came in (opened for
    ** reading only) lacks the column: its rows have no URL. */
    if (sl_store_has_column(st, "partnerships", "source_url")
            ? sl_store_prepare_cached(st,
                                      "SELECT id, source_id, line, snapshot, record_id, agency, city, county, state,"
                                      " agency_type, technology, vendor, summary, start_date, start_precision,"
                                      " agency_id, link_method, link_score, start_raw, source_url FROM partnerships"
                                      " WHERE ?1 IS NULL OR snapshot=?1 ORDER BY id",
                                      &s, err)
            : sl_store_prepare_cached(st,
                                      "SELECT id, source_id, line, snapshot, record_id, agency, city, county, state,"
                                      " agency_type, technology, vendor, summary, start_date, start_precision,"
                                      " agency_id, link_method, link_score, start_raw, NULL FROM partnerships"
                                      " WHERE ?1 IS NULL OR snapshot=?1 ORDER BY id",
                                      &s, err))
        return err->status;
    sl_bind_text(s, 1, snapshot);
    sl_status rc = sl_store_load_rows(st, s, (void **)&out->items, &out->count, sizeof *out->items, &out->arena,
                                      read_partnership, "partnerships", err);
    if (rc) sl_partnership_list_free(out);
    return rc;
}

sl_status sl_store_set_link(sl_store *st, long partnership_id, long agency_id,
                            const char *method, double score, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_set_link(sl_store_pg(st), partnership_id, agency_id, method, score, err);
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
    if (sl_store_pg(st)) return sl_pg_snapshots(sl_store_pg(st), arena, dates, count, err);
    sqlite3_stmt *s;
    *dates = NULL;
    *count = 0;
    if (sl_store_prepare(st, "SELECT DISTINCT snapshot FROM partnerships ORDER BY snapshot", &s, err))
        return err->status;
    sl_status rc = sl_store_load_texts(st, s, arena, dates, count, "snapshots", err);
    sqlite3_finalize(s);
    return rc;
}
