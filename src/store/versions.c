/*
** versions.c — the versions of records that a later import changed in
** place, kept so that removing that import puts them back (see
** sl_store_remove_source in include/sightline/store/store.h).
**
** A corrective import (a registry with one agency renamed) changes the
** record an earlier import brought, keeping its id so links stay valid
** (identity.c). `rm` of the correction used to delete that record with it,
** so the store lost an agency the first import still vouched for. Now each
** change first copies the record's current version into KIND_versions,
** keyed by the import that replaced it (superseded_by) and the record; the
** versions of one record form a chain ending at the import that owns it.
** Removing import N, in the caller's transaction:
**   - records N owns that N had changed take back the version N replaced,
**     and with it that version's import and line;
**   - a version of N that a later import M replaced (N's record changed
**     again) is spliced out: M's kept version becomes the one N replaced,
**     or, where N had brought the record, goes, so M owns it as if it had
**     brought it;
**   - the versions N replaced or brought are dropped; what N still owns
**     is deleted by the caller.
** So removing imports in any order leaves each record as the remaining
** imports make it. Both backends run the SQL below as written.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/core/text.h"

#include <stdio.h>
#include <string.h>

/* The SQL of one kind: records of table T with key column K, earlier
** versions in table V, content columns COLS (their import and line
** included), RESET set on a restored record besides. */
#define KIND_SQL(T, V, K, SCHEMA, COLS, RESET)                                                                  \
    {                                                                                                            \
        T, V, SCHEMA,                                                                                            \
            "INSERT INTO " V "(superseded_by, " K ", " COLS ") SELECT CAST($2 AS bigint), " K ", " COLS          \
            " FROM " T " WHERE " K " = $1 AND source_id <> CAST($2 AS bigint)",                                  \
            "SELECT count(*), coalesce(min(source_id), 0), coalesce(max(source_id), 0) FROM " V                  \
            " WHERE superseded_by = $1 AND " K " IN (SELECT " K " FROM " T " WHERE source_id = $1)",             \
            "UPDATE " T " SET (" COLS ") = (SELECT " COLS " FROM " V " v WHERE v." K " = " T "." K               \
            " AND v.superseded_by = $1)" RESET " WHERE source_id = $1 AND " K " IN (SELECT " K " FROM " V       \
            " WHERE superseded_by = $1)",                                                                        \
            "SELECT count(*) FROM " V " WHERE source_id = $1",                                                   \
            "UPDATE " V " SET (" COLS ") = (SELECT " COLS " FROM " V " p WHERE p." K " = " V "." K               \
            " AND p.superseded_by = $1) WHERE source_id = $1 AND " K " IN (SELECT " K " FROM " V                \
            " WHERE superseded_by = $1)",                                                                        \
            "DELETE FROM " V " WHERE superseded_by = $1 OR source_id = $1",                                     \
            "SELECT count(*) FROM " T " WHERE source_id = $1"                                                    \
    }

/* Types both SQLite and PostgreSQL read alike; the versions of one import
** are found by superseded_by (the key's first column), those it brought by
** source_id (the index). Both reference sources, so an older sightline's
** rm, which knows nothing of versions, fails whole instead of leaving
** versions of an import id that a later import may take again. */
#define VERSIONS_TABLE(V, KEY, KEY_TYPE, COLS)                                                                  \
    "CREATE TABLE IF NOT EXISTS " V "(superseded_by bigint NOT NULL REFERENCES sources(id), " KEY " " KEY_TYPE    \
    " NOT NULL, source_id bigint NOT NULL REFERENCES sources(id), " COLS ", PRIMARY KEY(superseded_by, " KEY     \
    "));"                                                                                                        \
    "CREATE INDEX IF NOT EXISTS " V "_source ON " V "(source_id);"

#define AGENCY_COLS "source_id, line, ori, name, type, county, state, lat, lon"
#define PARTNERSHIP_COLS                                                                                        \
    "source_id, line, snapshot, record_id, agency, city, county, state, agency_type, technology, vendor,"        \
    " summary, start_date, start_raw, start_precision, source_url"
#define BASELINE_COLS "label, source_id, black, hispanic, foreign_born, white_nh"

const sl_version_sql sl_store_versions[SL_KINDS] = {
    [SL_KIND_AGENCY] = KIND_SQL("agencies", "agency_versions", "id",
                                VERSIONS_TABLE("agency_versions", "id", "bigint",
                                               "line bigint, ori text, name text NOT NULL, type text, county text,"
                                               " state text, lat double precision, lon double precision"),
                                AGENCY_COLS, ""),
    /* a restored row is linked again, as every row is after an rm */
    [SL_KIND_PARTNERSHIP] = KIND_SQL("partnerships", "partnership_versions", "id",
                                     VERSIONS_TABLE("partnership_versions", "id", "bigint",
                                                    "line bigint, snapshot text NOT NULL, record_id text,"
                                                    " agency text NOT NULL, city text, county text, state text,"
                                                    " agency_type text, technology text NOT NULL, vendor text,"
                                                    " summary text, start_date text, start_raw text,"
                                                    " start_precision text NOT NULL, source_url text"),
                                     PARTNERSHIP_COLS, ", agency_id = NULL, link_method = NULL, link_score = NULL"),
    [SL_KIND_BASELINE] = KIND_SQL("baselines", "baseline_versions", "name",
                                  VERSIONS_TABLE("baseline_versions", "name", "text",
                                                 "label text NOT NULL, black double precision,"
                                                 " hispanic double precision, foreign_born double precision,"
                                                 " white_nh double precision"),
                                  BASELINE_COLS, ""),
};

/* Prepare SQL with $1 = A (and $2 = B when it has one); NAME, when not
** NULL, is $1 instead of A. */
static sl_status prepare_bound(sl_store *st, const char *sql, long a, const char *name, long b, sqlite3_stmt **s,
                               sl_error *err)
{
    if (sl_store_prepare(st, sql, s, err)) return err->status;
    int one = sqlite3_bind_parameter_index(*s, "$1"), two = sqlite3_bind_parameter_index(*s, "$2");
    if (name) sl_bind_text(*s, one, name);
    else sqlite3_bind_int64(*s, one, a);
    if (two) sqlite3_bind_int64(*s, two, b);
    return SL_OK;
}

/* Run SQL for import ID: *CHANGED rows changed, or for a query the first
** row's N numbers into ROW. */
static sl_status run(sl_store *st, const char *sql, long id, long *changed, long *row, int n, sl_error *err)
{
    sqlite3_stmt *s;
    if (prepare_bound(st, sql, id, NULL, 0, &s, err)) return err->status;
    int rc = sqlite3_step(s);
    for (int i = 0; rc == SQLITE_ROW && i < n; i++) row[i] = (long)sqlite3_column_int64(s, i);
    if (rc == SQLITE_ROW) rc = sqlite3_step(s);
    if (changed) *changed = (long)sqlite3_changes(sl_store_db(st));
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "removing an import");
}

sl_status sl_store_keep_version(sl_store *st, int kind, long id, const char *name, long by, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_keep_version(sl_store_pg(st), kind, id, name, by, err);
    const sl_version_sql *k = &sl_store_versions[kind];
    sqlite3_stmt *s;
    /* baselines' table, and so its versions', appear with the first baseline */
    if (kind == SL_KIND_BASELINE && sl_store_exec(st, k->schema, err)) return err->status;
    if (prepare_bound(st, k->keep, id, name, by, &s, err)) return err->status;
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "keeping a record's earlier version");
}

const char *sl_store_kind_name(int kind, long n)
{
    static const char *const NAMES[SL_KINDS_ALL][2] = {
        [SL_KIND_AGENCY] = {"agency", "agencies"},
        [SL_KIND_PARTNERSHIP] = {"partnership row", "partnership rows"},
        [SL_KIND_BASELINE] = {"baseline", "baselines"},
        [SL_KIND_REQUEST] = {"request", "requests"},
        [SL_KIND_LINK] = {"link correction", "link corrections"},
        [SL_KIND_AREA] = {"area", "areas"},
        [SL_KIND_POINT] = {"point", "points"},
        [SL_KIND_LISTING] = {"directory listing", "directory listings"},
    };
    return kind >= 0 && kind < SL_KINDS_ALL ? NAMES[kind][n != 1] : "records";
}

long sl_store_counts_text(const long *counts, int n, char *out, size_t size)
{
    long total = 0;
    int left = 0;
    size_t used = 0;
    if (size) out[0] = '\0';
    for (int k = 0; k < n; k++) left += counts[k] > 0;
    for (int k = 0; k < n; k++) {
        if (!counts[k]) continue;
        char num[32];
        left--;
        int w = snprintf(out + used, size - used, "%s%s %s", total ? (left ? ", " : " and ") : "",
                         sl_thousands(counts[k], num), sl_store_kind_name(k, counts[k]));
        if (w > 0) used += (size_t)w < size - used ? (size_t)w : size - used - 1;
        total += counts[k];
    }
    return total;
}

void sl_store_removal_from(long *out, long n, long min, long max)
{
    if (!n) return;
    long from = min == max ? min : -1;
    *out = !*out ? from : *out == from ? from : -1;
}

long *sl_store_removal_count(sl_removal *out, int what)
{
    if (what == SL_UNLINKED_PARTNERSHIP) return &out->unlinked_partnerships;
    if (what == SL_UNLINKED_REQUEST) return &out->unlinked_requests;
    return what >= 0 && what < SL_KINDS_ALL ? &out->deleted[what] : NULL;
}

sl_status sl_store_restore_versions(sl_store *st, long source_id, sl_removal *out, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_restore_versions(sl_store_pg(st), source_id, out, err);
    for (int kind = 0; kind < SL_KINDS; kind++) {
        const sl_version_sql *k = &sl_store_versions[kind];
        long row[3] = {0, 0, 0}, kept = 0;
        if (!sl_store_has_table(st, k->table) || !sl_store_has_table(st, k->versions)) continue;
        if (run(st, k->restored, source_id, NULL, row, 3, err) ||
            run(st, k->restore, source_id, &out->restored[kind], NULL, 0, err) ||
            run(st, k->kept, source_id, NULL, &kept, 1, err) || run(st, k->splice, source_id, NULL, NULL, 0, err) ||
            run(st, k->drop, source_id, NULL, NULL, 0, err))
            return err->status;
        out->kept[kind] = kept;
        sl_store_removal_from(&out->restored_from, row[0], row[1], row[2]);
    }
    return SL_OK;
}

sl_status sl_store_unversioned(sl_store *st, long source_id, int *older, long held[SL_KINDS], sl_error *err)
{
    *older = 0;
    memset(held, 0, SL_KINDS * sizeof *held);
    if (sl_store_pg(st)) return sl_pg_unversioned(sl_store_pg(st), source_id, older, held, err);
    long unversioned = 0;
    if (run(st, SL_UNVERSIONED_SQL, source_id, NULL, &unversioned, 1, err)) return err->status;
    *older = unversioned > 0;
    for (int kind = 0; *older && kind < SL_KINDS; kind++)
        if (sl_store_has_table(st, sl_store_versions[kind].table) &&
            run(st, sl_store_versions[kind].held, source_id, NULL, &held[kind], 1, err))
            return err->status;
    return SL_OK;
}
