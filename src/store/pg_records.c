/*
** pg_records.c — sources, agencies and partnerships in the PostgreSQL store
** (see pg.h): the same records, keys and identity rules as store.c and
** identity.c give the SQLite store, so every command answers the same on
** both. SQLite's "a IS b" is written "a IS NOT DISTINCT FROM b" here, and
** text orders by bytes (COLLATE "C") as SQLite's does, whatever the
** database's locale.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text parameters: a number in BUF. */
/* A double as text that reads back as the same double. */
static const char *dnum(char buf[32], double v)
{
    snprintf(buf, 32, "%.17g", v);
    return buf;
}

static long lcol(const PGresult *r, int row, int c) { return strtol(PQgetvalue(r, row, c), NULL, 10); }
static double dcol(const PGresult *r, int row, int c) { return strtod(PQgetvalue(r, row, c), NULL); }
/* A column as an arena string ("" for NULL; NULL when out of memory). */
static const char *tcol(const PGresult *r, int row, int c, sl_arena *a) { return sl_arena_strdup(a, PQgetvalue(r, row, c)); }

static sl_status no_memory(sl_pg *pg, sl_error *err) { return sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory"); }

/* Room for N items of SIZE bytes in a list loaded in one go. */
static int alloc_items(void **items, size_t n, size_t size)
{
    *items = n ? calloc(n, size) : NULL;
    return n && !*items ? -1 : 0;
}

/* ---- sources ---------------------------------------------------------- */

#define SOURCE_COLS "s.id, s.kind, s.file_name, s.sha256, s.imported_at, s.snapshot, s.options, s.rows"

/* Fill SRC from row ROW (what it skipped, who imported it and its credit
** in columns 8-14 when there are 15: sl_pg_load_sources). */
static int read_source(const PGresult *r, int row, sl_arena *a, sl_source *src)
{
    src->id = lcol(r, row, 0);
    src->kind = tcol(r, row, 1, a);
    src->file_name = tcol(r, row, 2, a);
    src->sha256 = tcol(r, row, 3, a);
    src->imported_at = tcol(r, row, 4, a);
    src->snapshot = tcol(r, row, 5, a);
    src->options = tcol(r, row, 6, a);
    src->rows = lcol(r, row, 7);
    src->imported_by = src->publisher = src->url = src->licence = src->year = src->skipped_why = NULL;
    src->skipped = PQnfields(r) >= 15 && !PQgetisnull(r, row, 8) ? lcol(r, row, 8) : -1;
    const char **more[] = {&src->skipped_why, &src->imported_by, &src->publisher, &src->url, &src->licence, &src->year};
    for (int i = 0; PQnfields(r) >= 15 && i < 6; i++)
        if (!PQgetisnull(r, row, 9 + i) && !(*more[i] = tcol(r, row, 9 + i, a))) return -1;
    return src->kind && src->file_name && src->sha256 && src->imported_at && src->snapshot && src->options ? 0 : -1;
}

sl_status sl_pg_find_source(sl_pg *pg, const char *kind, const char *sha256, const char *snapshot,
                            sl_arena *arena, sl_source *out, int *found, sl_error *err)
{
    PGresult *r;
    const char *v[] = {kind, sha256, snapshot ? snapshot : ""};
    *found = 0;
    if (sl_pg_run(pg, "SELECT " SOURCE_COLS " FROM sources s WHERE kind = $1 AND sha256 = $2 AND snapshot = $3", 3,
                  v, &r, "looking up a source", err))
        return err->status;
    sl_status s = SL_OK;
    if (PQntuples(r) > 0 && read_source(r, 0, arena, out)) s = no_memory(pg, err);
    else *found = PQntuples(r) > 0;
    PQclear(r);
    return s;
}

sl_status sl_pg_add_source(sl_pg *pg, sl_source *src, sl_error *err)
{
    PGresult *r;
    char rows[32];
    /* A file name that is not UTF-8 (SQLite keeps its bytes; a UTF8
    ** database refuses them) is kept as info and reports show it: bytes
    ** escaped as \xe9, so that both stores list it alike. */
    int utf8 = !src->file_name || sl_utf8_valid(src->file_name, strlen(src->file_name));
    char *escaped = utf8 ? NULL : sl_term_escaped(src->file_name);
    if (!utf8 && !escaped) return no_memory(pg, err);
    const char *v[] = {src->kind, escaped ? escaped : src->file_name, src->sha256, src->snapshot ? src->snapshot : "",
                       src->options ? src->options : "{}", sl_pg_num(rows, src->rows)};
    sl_status s = sl_pg_run(pg,
                            "INSERT INTO sources(id, kind, file_name, sha256, imported_at, snapshot, options, rows,"
                            " imported_by) VALUES(" SL_NEXT_SOURCE_ID ", $1, $2, $3,"
                            " to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                            " $4, $5, $6, current_user) RETURNING id",
                            6, v, &r, "recording the source", err);
    free(escaped);
    if (s) return s;
    src->id = lcol(r, 0, 0);
    PQclear(r);
    char id[32];
    const char *w[] = {sl_pg_num(id, src->id)};
    return sl_pg_run(pg, SL_KEEP_LAST_SOURCE("$1"), 1, w, NULL, "recording the source", err);
}

sl_status sl_pg_set_source_sha256(sl_pg *pg, long source_id, const char *sha256, sl_error *err)
{
    char id[32];
    const char *v[] = {sha256, sl_pg_num(id, source_id)};
    return sl_pg_run(pg, "UPDATE sources SET sha256 = $1 WHERE id = $2", 2, v, NULL, "updating the source", err);
}

sl_status sl_pg_set_source_rows(sl_pg *pg, long source_id, long rows, sl_error *err)
{
    char id[32], n[32];
    const char *v[] = {sl_pg_num(n, rows), sl_pg_num(id, source_id)};
    return sl_pg_run(pg, "UPDATE sources SET rows = $1 WHERE id = $2", 2, v, NULL, "updating the source", err);
}

sl_status sl_pg_set_source_skipped(sl_pg *pg, long source_id, long skipped, const char *why, sl_error *err)
{
    char id[32], n[32];
    const char *v[] = {sl_pg_num(n, skipped), why, sl_pg_num(id, source_id)};
    return sl_pg_run(pg, "UPDATE sources SET skipped = $1, skipped_why = $2 WHERE id = $3", 3, v, NULL,
                     "updating the source", err);
}

/* A credit given again, unchanged, writes no row: the import that gave it
** changed nothing, and the store's generation must not move (an upsert
** would lock the row, which is a write). */
sl_status sl_pg_set_source_credit(sl_pg *pg, long source_id, const sl_source *c, int *changed, sl_error *err)
{
    static const char *const SQL[2] = {
        "INSERT INTO source_credits(source_id) SELECT $1::bigint"
        " WHERE NOT EXISTS (SELECT 1 FROM source_credits WHERE source_id = $1::bigint)",
        "UPDATE source_credits SET publisher = coalesce($2, publisher), url = coalesce($3, url),"
        " licence = coalesce($4, licence), year = coalesce($5, year) WHERE source_id = $1 AND"
        " (publisher, url, licence, year) IS DISTINCT FROM"
        " (coalesce($2, publisher), coalesce($3, url), coalesce($4, licence), coalesce($5, year))"};
    char id[32];
    const char *v[] = {sl_pg_num(id, source_id), c->publisher, c->url, c->licence, c->year};
    *changed = 0;
    for (int i = 0; i < 2; i++) {
        PGresult *r;
        if (sl_pg_run(pg, SQL[i], i ? 5 : 1, v, &r, "recording the source's publisher", err)) return err->status;
        *changed |= strcmp(PQcmdTuples(r), "0") != 0;
        PQclear(r);
    }
    return SL_OK;
}

sl_status sl_pg_load_sources(sl_pg *pg, const char *kind, sl_source_list *out, sl_error *err)
{
    PGresult *r;
    const char *v[] = {kind};
    int listings, by, skips;
    memset(out, 0, sizeof *out);
    if (sl_pg_has_table(pg, "businesses", &listings, err) || sl_pg_has_column(pg, "sources", "imported_by", &by, err) ||
        sl_pg_has_column(pg, "sources", "skipped", &skips, err))
        return err->status;
    /* a store an older sightline made lacks imported_by and the skipped
    ** count until its next import, and a reader cannot add them: those
    ** imports name nobody and count nothing */
    /* static texts: sl_pg_run keeps prepared statements by their address */
#define LOAD(ROWS, SKIPS, BY)                                                                                  \
    "SELECT s.id, s.kind, s.file_name, s.sha256, s.imported_at, s.snapshot, s.options, " ROWS ", " SKIPS ", " \
    BY ", c.publisher, c.url, c.licence, c.year FROM sources s LEFT JOIN source_credits c"                    \
    " ON c.source_id = s.id WHERE $1::text IS NULL OR s.kind = $1 ORDER BY s.id"
#define LOAD_BY(ROWS, SKIPS) {LOAD(ROWS, SKIPS, "NULL"), LOAD(ROWS, SKIPS, "s.imported_by")}
#define LOAD_SKIPS(ROWS) {LOAD_BY(ROWS, "NULL, NULL"), LOAD_BY(ROWS, "s.skipped, s.skipped_why")}
    static const char *const SQL[2][2][2] = {LOAD_SKIPS("s.rows"), LOAD_SKIPS(SL_SOURCE_ROWS_LIVE("s"))};
#undef LOAD_SKIPS
#undef LOAD_BY
#undef LOAD
    if (sl_pg_run(pg, SQL[listings != 0][skips != 0][by != 0], 1, v, &r, "loading sources", err))
        return err->status;
    sl_status s = SL_OK;
    int n = PQntuples(r);
    if (alloc_items((void **)&out->items, (size_t)n, sizeof *out->items)) s = no_memory(pg, err);
    for (int i = 0; !s && i < n; i++)
        if (read_source(r, i, &out->arena, &out->items[out->count++])) s = no_memory(pg, err);
    PQclear(r);
    if (s) sl_source_list_free(out);
    return s;
}

sl_status sl_pg_remove_source(sl_pg *pg, long source_id, sl_removal *out, sl_error *err)
{
    static const struct {
        const char *sql;
        int counted; /* what its changed rows count (sl_store_removal_count), or -1 */
    } STEPS[] = {
        /* links into the agencies about to go are dropped first */
        {"UPDATE partnerships SET agency_id = NULL, link_method = NULL, link_score = NULL"
         " WHERE agency_id IN (SELECT id FROM agencies WHERE source_id = $1)", SL_UNLINKED_PARTNERSHIP},
        {"UPDATE requests SET agency_id = NULL WHERE agency_id IN (SELECT id FROM agencies WHERE source_id = $1)",
         SL_UNLINKED_REQUEST},
        {"DELETE FROM partnerships WHERE source_id = $1", SL_KIND_PARTNERSHIP},
        {"DELETE FROM requests WHERE source_id = $1", SL_KIND_REQUEST},
        {"DELETE FROM baselines WHERE source_id = $1", SL_KIND_BASELINE},
        {"DELETE FROM link_crosswalk WHERE source_id = $1", SL_KIND_LINK},
        {"DELETE FROM point_chunks WHERE source_id = $1", -1},
        {"DELETE FROM agencies WHERE source_id = $1", SL_KIND_AGENCY},
        {"DELETE FROM areas WHERE set_name IN (SELECT name FROM area_sets WHERE source_id = $1)", SL_KIND_AREA},
        {"DELETE FROM area_sets WHERE source_id = $1", -1},
        {"DELETE FROM source_credits WHERE source_id = $1", -1},
        {"DELETE FROM exclusions WHERE source_id = $1", -1},
        {"DELETE FROM exclusion_withheld WHERE source_id = $1 OR exclusion_id = $1", -1},
        {SL_EXCLUSION_RECOUNT_SQL, -1},
        {"DELETE FROM sources WHERE id = $1", -1},
    };
    char id[32];
    const char *v[] = {sl_pg_num(id, source_id)};
    PGresult *points;
    if (sl_pg_remove_businesses(pg, source_id, &out->deleted[SL_KIND_LISTING], err)) return err->status;
    /* points are counted before their chunks go (a chunk holds thousands) */
    if (sl_pg_run(pg, "SELECT coalesce(sum(count), 0) FROM point_chunks WHERE source_id = $1", 1, v, &points,
                  "removing an import", err))
        return err->status;
    out->deleted[SL_KIND_POINT] = lcol(points, 0, 0);
    PQclear(points);
    for (size_t i = 0; i < sizeof STEPS / sizeof STEPS[0]; i++) {
        PGresult *r;
        if (sl_pg_run(pg, STEPS[i].sql, 1, v, &r, "removing an import", err)) return err->status;
        long *counted = sl_store_removal_count(out, STEPS[i].counted);
        if (counted) *counted = atol(PQcmdTuples(r));
        PQclear(r);
    }
    return SL_OK;
}

/* ---- earlier versions (versions.c holds the SQL and the rules) ------------ */

sl_status sl_pg_keep_version(sl_pg *pg, int kind, long id, const char *name, long by, sl_error *err)
{
    char key[32], b[32];
    const char *v[] = {name ? name : sl_pg_num(key, id), sl_pg_num(b, by)};
    return sl_pg_run(pg, sl_store_versions[kind].keep, 2, v, NULL, "keeping a record's earlier version", err);
}

sl_status sl_pg_restore_versions(sl_pg *pg, long source_id, sl_removal *out, sl_error *err)
{
    char id[32];
    const char *v[] = {sl_pg_num(id, source_id)};
    for (int kind = 0; kind < SL_KINDS; kind++) {
        const sl_version_sql *k = &sl_store_versions[kind];
        PGresult *found, *restored, *kept;
        if (sl_pg_run(pg, k->restored, 1, v, &found, "removing an import", err)) return err->status;
        sl_store_removal_from(&out->restored_from, lcol(found, 0, 0), lcol(found, 0, 1), lcol(found, 0, 2));
        PQclear(found);
        if (sl_pg_run(pg, k->restore, 1, v, &restored, "removing an import", err)) return err->status;
        out->restored[kind] = atol(PQcmdTuples(restored));
        PQclear(restored);
        if (sl_pg_run(pg, k->kept, 1, v, &kept, "removing an import", err)) return err->status;
        out->kept[kind] = lcol(kept, 0, 0);
        PQclear(kept);
        if (sl_pg_run(pg, k->splice, 1, v, NULL, "removing an import", err) ||
            sl_pg_run(pg, k->drop, 1, v, NULL, "removing an import", err))
            return err->status;
    }
    return SL_OK;
}

sl_status sl_pg_unversioned(sl_pg *pg, long source_id, int *older, long held[SL_KINDS], sl_error *err)
{
    char id[32];
    const char *v[] = {sl_pg_num(id, source_id)};
    PGresult *r;
    if (sl_pg_run(pg, SL_UNVERSIONED_SQL, 1, v, &r, "reading when the store began to keep versions", err))
        return err->status;
    *older = lcol(r, 0, 0) > 0;
    PQclear(r);
    for (int kind = 0; *older && kind < SL_KINDS; kind++) {
        if (sl_pg_run(pg, sl_store_versions[kind].held, 1, v, &r, "removing an import", err)) return err->status;
        held[kind] = lcol(r, 0, 0);
        PQclear(r);
    }
    return SL_OK;
}

/* ---- agencies --------------------------------------------------------- */

/* A's fields as parameters $1..$9: source, ori, name, type, county, state,
** lat, lon, line (BUF holds the numbers). */
static void agency_params(const sl_agency *a, const char *v[9], char buf[4][32])
{
    v[0] = sl_pg_num(buf[0], a->source_id);
    v[1] = a->ori;
    v[2] = a->name;
    v[3] = a->type;
    v[4] = a->county;
    v[5] = a->state;
    v[6] = a->has_location ? dnum(buf[1], a->lat) : NULL;
    v[7] = a->has_location ? dnum(buf[2], a->lon) : NULL;
    v[8] = sl_pg_num(buf[3], a->line);
}

sl_status sl_pg_add_agency(sl_pg *pg, const sl_agency *a, sl_error *err)
{
    const char *v[9];
    char buf[4][32];
    agency_params(a, v, buf);
    return sl_pg_run(pg,
                     "INSERT INTO agencies(id, source_id, ori, name, type, county, state, lat, lon, line)"
                     " VALUES((SELECT coalesce(max(id), 0) + 1 FROM agencies), $1, $2, $3, $4, $5, $6, $7, $8, $9)",
                     9, v, NULL, "adding an agency", err);
}

#define AGENCY_SAME                                                                                       \
    "ori IS NOT DISTINCT FROM $2 AND name IS NOT DISTINCT FROM $3 AND type IS NOT DISTINCT FROM $4"       \
    " AND county IS NOT DISTINCT FROM $5 AND state IS NOT DISTINCT FROM $6"                               \
    " AND lat IS NOT DISTINCT FROM $7::float8 AND lon IS NOT DISTINCT FROM $8::float8"

/* identity.c's rule: an agency of another import with A's key (the ORI, or
** without one name, type, county and state), an identical one first. */
/* What a look-up of a record by its key (columns: id, "the same as the
** new one") found: none (new), the same (nothing to write) or another
** version (to update), whose id goes to ID (32 bytes). Clears R. */
static sl_put looked_up(PGresult *r, char id[32])
{
    int found = PQntuples(r) > 0, same = found && PQgetvalue(r, 0, 1)[0] == 't';
    snprintf(id, 32, "%s", found ? PQgetvalue(r, 0, 0) : "0");
    PQclear(r);
    return !found ? SL_PUT_NEW : same ? SL_PUT_SAME : SL_PUT_UPDATED;
}

sl_status sl_pg_put_agency(sl_pg *pg, const sl_agency *a, sl_put *put, sl_error *err)
{
    const char *v[9];
    char buf[4][32], id[32];
    PGresult *r;
    agency_params(a, v, buf);
    sl_status s = a->ori && a->ori[0]
                      ? sl_pg_run(pg, "SELECT id, " AGENCY_SAME " FROM agencies WHERE ori = $2 AND source_id <> $1"
                                      " ORDER BY 2 DESC, id LIMIT 1",
                                  8, v, &r, "looking up an agency", err)
                      : sl_pg_run(pg, "SELECT id, " AGENCY_SAME " FROM agencies WHERE coalesce(ori, '') = ''"
                                      " AND name = $3 AND type IS NOT DISTINCT FROM $4"
                                      " AND county IS NOT DISTINCT FROM $5 AND state IS NOT DISTINCT FROM $6"
                                      " AND source_id <> $1 ORDER BY 2 DESC, id LIMIT 1",
                                  8, v, &r, "looking up an agency", err);
    if (s) return s;
    *put = looked_up(r, id);
    if (*put == SL_PUT_NEW) return sl_pg_add_agency(pg, a, err);
    if (*put == SL_PUT_SAME) return SL_OK;
    const char *u[10] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], id};
    if (sl_pg_keep_version(pg, SL_KIND_AGENCY, atol(id), NULL, a->source_id, err)) return err->status;
    return sl_pg_run(pg,
                     "UPDATE agencies SET source_id = $1, ori = $2, name = $3, type = $4, county = $5, state = $6,"
                     " lat = $7, lon = $8, line = $9 WHERE id = $10",
                     10, u, NULL, "updating an agency", err);
}

sl_status sl_pg_load_agencies(sl_pg *pg, sl_agency_list *out, sl_error *err)
{
    PGresult *r;
    memset(out, 0, sizeof *out);
    if (sl_pg_run(pg, "SELECT id, source_id, line, ori, name, type, county, state, lat, lon FROM agencies ORDER BY id",
                  0, NULL, &r, "loading agencies", err))
        return err->status;
    sl_status s = SL_OK;
    int n = PQntuples(r);
    if (alloc_items((void **)&out->items, (size_t)n, sizeof *out->items)) s = no_memory(pg, err);
    for (int i = 0; !s && i < n; i++) {
        sl_agency *a = &out->items[out->count++];
        sl_arena *ar = &out->arena;
        a->id = lcol(r, i, 0);
        a->source_id = lcol(r, i, 1);
        a->line = lcol(r, i, 2);
        a->ori = tcol(r, i, 3, ar);
        a->name = tcol(r, i, 4, ar);
        a->type = tcol(r, i, 5, ar);
        a->county = tcol(r, i, 6, ar);
        a->state = sl_store_state_read(tcol(r, i, 7, ar));
        a->has_location = !PQgetisnull(r, i, 8);
        a->lat = dcol(r, i, 8);
        a->lon = dcol(r, i, 9);
        if (!a->ori || !a->name || !a->type || !a->county || !a->state) s = no_memory(pg, err);
    }
    PQclear(r);
    if (s) sl_agency_list_free(out);
    return s;
}

/* ---- partnerships ----------------------------------------------------- */

/* P's fields as parameters $1..$16: source, snapshot, record, agency, city,
** county, state, agency type, technology, vendor, summary, start date,
** precision, start as written, source URL (identity.c's ?1..?14 and ?17),
** line. DATE and BUF hold the text. */
static void partnership_params(const sl_partnership *p, const char *v[16], char date[11], char buf[2][32])
{
    v[0] = sl_pg_num(buf[0], p->source_id);
    v[1] = p->snapshot;
    v[2] = p->record_id;
    v[3] = p->agency;
    v[4] = p->city;
    v[5] = p->county;
    v[6] = p->state;
    v[7] = p->agency_type;
    v[8] = p->technology;
    v[9] = p->vendor;
    v[10] = p->summary;
    v[11] = p->start.precision ? sl_date_format(&p->start, date) : NULL;
    v[12] = sl_precision_name(p->start.precision);
    v[13] = p->start_raw;
    v[14] = p->source_url;
    v[15] = sl_pg_num(buf[1], p->line);
}

sl_status sl_pg_add_partnership(sl_pg *pg, const sl_partnership *p, sl_error *err)
{
    const char *v[19];
    char date[11], buf[2][32], agency[32], score[32];
    partnership_params(p, v, date, buf);
    v[16] = p->agency_id ? sl_pg_num(agency, p->agency_id) : NULL;
    v[17] = p->agency_id ? p->link_method : NULL;
    v[18] = p->agency_id ? dnum(score, p->link_score) : NULL;
    return sl_pg_run(pg,
                     "INSERT INTO partnerships(id, source_id, snapshot, record_id, agency, city, county, state,"
                     " agency_type, technology, vendor, summary, start_date, start_precision, start_raw, source_url,"
                     " line, agency_id, link_method, link_score)"
                     " VALUES((SELECT coalesce(max(id), 0) + 1 FROM partnerships), $1, $2, $3, $4, $5, $6, $7, $8,"
                     " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
                     19, v, NULL, "adding a partnership", err);
}

#define PARTNERSHIP_SAME                                                                                  \
    "record_id IS NOT DISTINCT FROM $3 AND agency IS NOT DISTINCT FROM $4 AND city IS NOT DISTINCT FROM $5" \
    " AND county IS NOT DISTINCT FROM $6 AND state IS NOT DISTINCT FROM $7"                               \
    " AND agency_type IS NOT DISTINCT FROM $8 AND technology IS NOT DISTINCT FROM $9"                     \
    " AND vendor IS NOT DISTINCT FROM $10 AND summary IS NOT DISTINCT FROM $11"                           \
    " AND start_date IS NOT DISTINCT FROM $12 AND start_precision IS NOT DISTINCT FROM $13"               \
    " AND start_raw IS NOT DISTINCT FROM $14 AND source_url IS NOT DISTINCT FROM $15"

/* identity.c's rule: a row of another import with P's key (snapshot and
** record id, or without one agency, state and technology), an identical
** one first. A changed row loses its link; its version is kept. */
sl_status sl_pg_put_partnership(sl_pg *pg, const sl_partnership *p, sl_put *put, sl_error *err)
{
    const char *v[17];
    char date[11], buf[2][32], id[32];
    PGresult *r;
    partnership_params(p, v, date, buf);
    sl_status s = p->record_id && p->record_id[0]
                      ? sl_pg_run(pg, "SELECT id, " PARTNERSHIP_SAME " FROM partnerships WHERE snapshot = $2"
                                      " AND record_id = $3 AND source_id <> $1 ORDER BY 2 DESC, id LIMIT 1",
                                  15, v, &r, "looking up a partnership", err)
                      : sl_pg_run(pg, "SELECT id, " PARTNERSHIP_SAME " FROM partnerships WHERE snapshot = $2"
                                      " AND coalesce(record_id, '') = '' AND agency = $4"
                                      " AND state IS NOT DISTINCT FROM $7 AND technology = $9 AND source_id <> $1"
                                      " ORDER BY 2 DESC, id LIMIT 1",
                                  15, v, &r, "looking up a partnership", err);
    if (s) return s;
    *put = looked_up(r, id);
    if (*put == SL_PUT_NEW) return sl_pg_add_partnership(pg, p, err);
    if (*put == SL_PUT_SAME) return SL_OK;
    v[16] = id;
    if (sl_pg_keep_version(pg, SL_KIND_PARTNERSHIP, atol(id), NULL, p->source_id, err)) return err->status;
    return sl_pg_run(pg,
                     "UPDATE partnerships SET source_id = $1, snapshot = $2, record_id = $3, agency = $4, city = $5,"
                     " county = $6, state = $7, agency_type = $8, technology = $9, vendor = $10, summary = $11,"
                     " start_date = $12, start_precision = $13, start_raw = $14, source_url = $15, line = $16,"
                     " agency_id = NULL, link_method = NULL, link_score = NULL WHERE id = $17",
                     17, v, NULL, "updating a partnership", err);
}

/* Row I of a partnerships query into P; -1 when out of memory. */
static int read_partnership(const PGresult *r, int i, sl_arena *a, sl_partnership *p)
{
    memset(p, 0, sizeof *p);
    p->id = lcol(r, i, 0);
    p->source_id = lcol(r, i, 1);
    p->line = lcol(r, i, 2);
    p->snapshot = tcol(r, i, 3, a);
    p->record_id = tcol(r, i, 4, a);
    p->agency = tcol(r, i, 5, a);
    p->city = tcol(r, i, 6, a);
    p->county = tcol(r, i, 7, a);
    p->state = sl_store_state_read(tcol(r, i, 8, a));
    p->agency_type = tcol(r, i, 9, a);
    p->technology = tcol(r, i, 10, a);
    p->vendor = tcol(r, i, 11, a);
    p->summary = tcol(r, i, 12, a);
    if (PQgetisnull(r, i, 13) || !sl_date_parse(PQgetvalue(r, i, 13), NULL, &p->start))
        memset(&p->start, 0, sizeof p->start);
    p->agency_id = lcol(r, i, 14);
    p->link_method = tcol(r, i, 15, a);
    p->link_score = dcol(r, i, 16);
    p->start_raw = tcol(r, i, 17, a);
    p->source_url = tcol(r, i, 18, a);
    return p->snapshot && p->record_id && p->agency && p->city && p->county && p->state && p->agency_type &&
                   p->technology && p->vendor && p->summary && p->link_method && p->start_raw && p->source_url
               ? 0 : -1;
}

sl_status sl_pg_load_partnerships(sl_pg *pg, const char *snapshot, sl_partnership_list *out, sl_error *err)
{
    PGresult *r;
    const char *v[] = {snapshot};
    memset(out, 0, sizeof *out);
    if (sl_pg_run(pg,
                  "SELECT id, source_id, line, snapshot, record_id, agency, city, county, state, agency_type,"
                  " technology, vendor, summary, start_date, agency_id, link_method, link_score, start_raw,"
                  /* NULL in a store no writer has given the column yet */
                  " to_jsonb(partnerships) ->> 'source_url'"
                  " FROM partnerships WHERE $1::text IS NULL OR snapshot = $1 ORDER BY id",
                  1, v, &r, "loading partnerships", err))
        return err->status;
    sl_status s = SL_OK;
    int n = PQntuples(r);
    if (alloc_items((void **)&out->items, (size_t)n, sizeof *out->items)) s = no_memory(pg, err);
    for (int i = 0; !s && i < n; i++)
        if (read_partnership(r, i, &out->arena, &out->items[out->count++])) s = no_memory(pg, err);
    PQclear(r);
    if (s) sl_partnership_list_free(out);
    return s;
}

sl_status sl_pg_set_link(sl_pg *pg, long partnership_id, long agency_id, const char *method, double score,
                         sl_error *err)
{
    char a[32], sc[32], id[32];
    const char *v[] = {agency_id ? sl_pg_num(a, agency_id) : NULL, agency_id ? method : NULL,
                       agency_id ? dnum(sc, score) : NULL, sl_pg_num(id, partnership_id)};
    return sl_pg_run(pg, "UPDATE partnerships SET agency_id = $1, link_method = $2, link_score = $3 WHERE id = $4", 4,
                     v, NULL, "linking a partnership", err);
}

sl_status sl_pg_snapshots(sl_pg *pg, sl_arena *arena, const char ***dates, size_t *count, sl_error *err)
{
    PGresult *r;
    *dates = NULL;
    *count = 0;
    if (sl_pg_run(pg, "SELECT DISTINCT snapshot COLLATE \"C\" FROM partnerships ORDER BY 1", 0, NULL, &r,
                  "listing snapshots", err))
        return err->status;
    int n = PQntuples(r);
    const char **list = n ? sl_arena_alloc(arena, (size_t)n * sizeof *list) : NULL;
    sl_status s = n && !list ? no_memory(pg, err) : SL_OK;
    for (int i = 0; !s && i < n; i++)
        if (!(list[i] = tcol(r, i, 0, arena))) s = no_memory(pg, err);
    PQclear(r);
    if (s) return s;
    *dates = list;
    *count = (size_t)n;
    return SL_OK;
}
