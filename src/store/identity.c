/*
** identity.c — when two imports deliver the same record, and undoing an
** import (see include/sightline/store/store.h).
**
** A file's bytes say nothing about its records: the same FBI registry saved
** with CRLF line endings has another sha256, and importing it again used to
** store every agency twice (37,404 agencies, every ORI twice, and no
** partnership linking any more). So records are matched by their content
** key instead — an agency by its ORI (or, without one, by name, type,
** county and state), a partnership row by its snapshot and Atlas number (or,
** without one, by agency, state and technology). A record whose content
** changed is updated in place, keeping its id so links stay valid, and
** belongs from then on to the import that changed it, the version it
** replaced kept so that removing that import puts it back (versions.c); an
** identical one stays with the import that brought it, so removing the
** later import (which added nothing there) leaves it.
**
** A match is only ever a record of another import, and an identical one is
** preferred: files such as the Atlas hold one row twice, and the second copy
** must find an earlier import's row, not the first copy just written. (So a
** new file holding a row twice that the store holds once matches that one
** row twice: the store keeps one copy.)
*/
#include "internal.h"
#include "pg.h"
#include <string.h>

/* Run a bound "SELECT id, <content equal>" lookup: *id (0 when nothing
** matched) and *same. */
static sl_status step_match(sl_store *st, sqlite3_stmt *s, long *id, int *same, const char *what, sl_error *err)
{
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    *same = rc == SQLITE_ROW && sqlite3_column_int(s, 1);
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, what);
}

/* ---- agencies --------------------------------------------------------- */

static void bind_location(sqlite3_stmt *s, int lat, const sl_agency *a)
{
    if (a->has_location) {
        sqlite3_bind_double(s, lat, a->lat);
        sqlite3_bind_double(s, lat + 1, a->lon);
    } else {
        sqlite3_bind_null(s, lat);
        sqlite3_bind_null(s, lat + 1);
    }
}

#define AGENCY_SAME                                                                               \
    "ori IS ?2 AND name IS ?3 AND type IS ?4 AND county IS ?5 AND state IS ?6 AND lat IS ?7 AND lon IS ?8"

/* The id of an agency of another import with A's key (0: none), and
** whether its content equals A's. */
static sl_status find_agency(sl_store *st, const sl_agency *a, long *id, int *same, sl_error *err)
{
    /* Two statements, not one with a CASE: SQLite uses the ORI index only
    ** for a plain "ori=?". */
    sqlite3_stmt *s;
    int by_ori = a->ori && a->ori[0];
    if (by_ori ? sl_store_prepare_cached(st,
                                         "SELECT id, " AGENCY_SAME " FROM agencies"
                                         " WHERE ori=?2 AND source_id<>?1 ORDER BY 2 DESC, id LIMIT 1",
                                         &s, err)
               : sl_store_prepare_cached(st,
                                         "SELECT id, " AGENCY_SAME " FROM agencies WHERE COALESCE(ori,'')=''"
                                         " AND name=?3 AND type IS ?4 AND county IS ?5 AND state IS ?6"
                                         " AND source_id<>?1 ORDER BY 2 DESC, id LIMIT 1",
                                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, a->source_id);
    sl_bind_text(s, 2, a->ori);
    sl_bind_text(s, 3, a->name);
    sl_bind_text(s, 4, a->type);
    sl_bind_text(s, 5, a->county);
    sl_bind_text(s, 6, a->state);
    bind_location(s, 7, a);
    return step_match(st, s, id, same, "looking up an agency", err);
}

/* Agency ID takes A's (changed) content and now belongs to A's import; the
** version it replaces is kept for `rm` (versions.c). */
static sl_status update_agency(sl_store *st, long id, const sl_agency *a, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_keep_version(st, SL_KIND_AGENCY, id, NULL, a->source_id, err)) return err->status;
    if (sl_store_prepare_cached(st,
                                "UPDATE agencies SET source_id=?2, line=?3, ori=?4, name=?5, type=?6, county=?7,"
                                " state=?8, lat=?9, lon=?10 WHERE id=?1",
                                &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, a->source_id);
    sqlite3_bind_int64(s, 3, a->line);
    sl_bind_text(s, 4, a->ori);
    sl_bind_text(s, 5, a->name);
    sl_bind_text(s, 6, a->type);
    sl_bind_text(s, 7, a->county);
    sl_bind_text(s, 8, a->state);
    bind_location(s, 9, a);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "updating an agency");
}

sl_status sl_store_put_agency(sl_store *st, const sl_agency *a, sl_put *put, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_put_agency(sl_store_pg(st), a, put, err);
    long id;
    int same;
    if (find_agency(st, a, &id, &same, err)) return err->status;
    if (!id) {
        *put = SL_PUT_NEW;
        return sl_store_add_agency(st, a, err);
    }
    *put = same ? SL_PUT_SAME : SL_PUT_UPDATED;
    return same ? SL_OK : update_agency(st, id, a, err);
}

/* ---- partnerships ----------------------------------------------------- */

/* Bind P's snapshot and content as ?2..?14 and ?17 (the key's and the compared fields). */
static void bind_partnership(sqlite3_stmt *s, const sl_partnership *p, char date[11])
{
    sl_bind_text(s, 2, p->snapshot);
    sl_bind_text(s, 3, p->record_id);
    sl_bind_text(s, 4, p->agency);
    sl_bind_text(s, 5, p->city);
    sl_bind_text(s, 6, p->county);
    sl_bind_text(s, 7, p->state);
    sl_bind_text(s, 8, p->agency_type);
    sl_bind_text(s, 9, p->technology);
    sl_bind_text(s, 10, p->vendor);
    sl_bind_text(s, 11, p->summary);
    sl_bind_text(s, 12, p->start.precision ? sl_date_format(&p->start, date) : NULL);
    sl_bind_text(s, 13, sl_precision_name(p->start.precision));
    sl_bind_text(s, 14, p->start_raw);
    sl_bind_text(s, 17, p->source_url);
}

#define PARTNERSHIP_SAME                                                                          \
    "record_id IS ?3 AND agency IS ?4 AND city IS ?5 AND county IS ?6 AND state IS ?7"           \
    " AND agency_type IS ?8 AND technology IS ?9 AND vendor IS ?10 AND summary IS ?11"           \
    " AND start_date IS ?12 AND start_precision IS ?13 AND start_raw IS ?14 AND source_url IS ?17"

/* The id of a row of another import with P's key (0: none), preferring
** one with P's content, and whether its content equals P's. */
static sl_status find_partnership(sl_store *st, const sl_partnership *p, long *id, int *same, sl_error *err)
{
    sqlite3_stmt *s;
    int by_id = p->record_id && p->record_id[0];
    if (by_id ? sl_store_prepare_cached(st,
                                        "SELECT id, " PARTNERSHIP_SAME " FROM partnerships WHERE snapshot=?2"
                                        " AND record_id=?3 AND source_id<>?1 ORDER BY 2 DESC, id LIMIT 1",
                                        &s, err)
              : sl_store_prepare_cached(st,
                                        "SELECT id, " PARTNERSHIP_SAME " FROM partnerships WHERE snapshot=?2"
                                        " AND COALESCE(record_id,'')='' AND agency=?4 AND state IS ?7"
                                        " AND technology=?9 AND source_id<>?1 ORDER BY 2 DESC, id LIMIT 1",
                                        &s, err))
        return err->status;
    char date[11];
    sqlite3_bind_int64(s, 1, p->source_id);
    bind_partnership(s, p, date);
    return step_match(st, s, id, same, "looking up a partnership", err);
}

/* Row ID takes P's (changed) content and import, and loses its link: the
** link that follows every import decides again. The version it replaces is
** kept for `rm` (versions.c). */
static sl_status update_partnership(sl_store *st, long id, const sl_partnership *p, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_keep_version(st, SL_KIND_PARTNERSHIP, id, NULL, p->source_id, err)) return err->status;
    if (sl_store_prepare_cached(st,
                                "UPDATE partnerships SET source_id=?15, line=?16, snapshot=?2, record_id=?3,"
                                " agency=?4, city=?5, county=?6, state=?7, agency_type=?8, technology=?9,"
                                " vendor=?10, summary=?11, start_date=?12, start_precision=?13, start_raw=?14, source_url=?17,"
                                " agency_id=NULL, link_method=NULL, link_score=NULL WHERE id=?1",
                                &s, err))
        return err->status;
    char date[11];
    sqlite3_bind_int64(s, 1, id);
    bind_partnership(s, p, date);
    sqlite3_bind_int64(s, 15, p->source_id);
    sqlite3_bind_int64(s, 16, p->line);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "updating a partnership");
}

sl_status sl_store_put_partnership(sl_store *st, const sl_partnership *p, sl_put *put, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_put_partnership(sl_store_pg(st), p, put, err);
    long id;
    int same;
    if (find_partnership(st, p, &id, &same, err)) return err->status;
    if (!id) {
        *put = SL_PUT_NEW;
        return sl_store_add_partnership(st, p, err);
    }
    *put = same ? SL_PUT_SAME : SL_PUT_UPDATED;
    return same ? SL_OK : update_partnership(st, id, p, err);
}

/* ---- undoing an import ------------------------------------------------ */

/* Run SQL with ?1 bound to ID when TABLE exists (optional layers' tables
** appear with their first import); *CHANGED (when not NULL) gets the rows
** it changed. */
static sl_status run_for(sl_store *st, const char *table, const char *sql, long id, long *changed, sl_error *err)
{
    if (table && !sl_store_has_table(st, table)) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (changed) *changed = (long)sqlite3_changes(sl_store_db(st));
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "removing an import");
}

sl_status sl_store_remove_source(sl_store *st, long source_id, sl_removal *out, sl_error *err)
{
    sl_removal ignored;
    if (!out) out = &ignored;
    memset(out, 0, sizeof *out);
    /* First the records it changed go back to the versions it replaced:
    ** they are another import's again, and stay. */
    if (sl_store_restore_versions(st, source_id, out, err)) return err->status;
    if (sl_store_pg(st)) return sl_pg_remove_source(sl_store_pg(st), source_id, out, err);
    static const struct {
        const char *table, *sql;
        int counted; /* what its changed rows count (sl_store_removal_count), or -1 */
    } STEPS[] = {
        /* Links into the agencies about to go are dropped first. */
        {"partnerships", "UPDATE partnerships SET agency_id=NULL, link_method=NULL, link_score=NULL"
                         " WHERE agency_id IN (SELECT id FROM agencies WHERE source_id=?1)", SL_UNLINKED_PARTNERSHIP},
        {"requests", "UPDATE requests SET agency_id=NULL"
                     " WHERE agency_id IN (SELECT id FROM agencies WHERE source_id=?1)", SL_UNLINKED_REQUEST},
        {"partnerships", "DELETE FROM partnerships WHERE source_id=?1", SL_KIND_PARTNERSHIP},
        {"agencies", "DELETE FROM agencies WHERE source_id=?1", SL_KIND_AGENCY},
        {"requests", "DELETE FROM requests WHERE source_id=?1", SL_KIND_REQUEST},
        {"baselines", "DELETE FROM baselines WHERE source_id=?1", SL_KIND_BASELINE},
        {"link_crosswalk", "DELETE FROM link_crosswalk WHERE source_id=?1", SL_KIND_LINK},
        {"areas", "DELETE FROM areas WHERE set_name IN (SELECT name FROM area_sets WHERE source_id=?1)",
         SL_KIND_AREA},
        {"area_sets", "DELETE FROM area_sets WHERE source_id=?1", -1},
        {"point_chunk_data",
         "DELETE FROM point_chunk_data WHERE chunk_id IN (SELECT id FROM point_chunks WHERE source_id=?1)", -1},
        {"point_chunks", "DELETE FROM point_chunks WHERE source_id=?1", -1},
        {"source_credits", "DELETE FROM source_credits WHERE source_id=?1", -1},
        {"exclusions", "DELETE FROM exclusions WHERE source_id=?1", -1},
        /* an exclusion's rows count what the imports held now lost to it */
        {"exclusion_withheld", "DELETE FROM exclusion_withheld WHERE source_id=?1 OR exclusion_id=?1", -1},
        {"exclusion_withheld", SL_EXCLUSION_RECOUNT_SQL, -1},
        {"businesses", SL_KEEP_LISTING_IDS_SQL("source_id = $1"), -1},
        {"business_edits", "DELETE FROM business_edits WHERE id IN (SELECT id FROM businesses WHERE source_id=?1)", -1},
        {"businesses_fts", "DELETE FROM businesses_fts WHERE rowid IN (SELECT id FROM businesses WHERE source_id=?1)",
         -1},
        {"businesses", "DELETE FROM businesses WHERE source_id=?1", SL_KIND_LISTING},
        {NULL, "DELETE FROM sources WHERE id=?1", -1},
    };
    /* points are counted before their chunks go (a chunk holds thousands) */
    if (sl_store_has_table(st, "point_chunks")) {
        sqlite3_stmt *s;
        if (sl_store_prepare(st, "SELECT coalesce(sum(count), 0) FROM point_chunks WHERE source_id=?1", &s, err))
            return err->status;
        sqlite3_bind_int64(s, 1, source_id);
        int step = sqlite3_step(s);
        out->deleted[SL_KIND_POINT] = step == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
        sqlite3_finalize(s);
        if (step != SQLITE_ROW) return sl_store_fail(st, err, "removing an import");
    }
    for (size_t i = 0; i < sizeof STEPS / sizeof STEPS[0]; i++)
        if (run_for(st, STEPS[i].table, STEPS[i].sql, source_id,
                    sl_store_removal_count(out, STEPS[i].counted), err))
            return err->status;
    return SL_OK;
}
