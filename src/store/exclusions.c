/*
** exclusions.c — the circles an owner asked out of the store (see
** sightline/store/exclusions.h), on both backends: a few rows, read whole
** by every import of posts or cameras. The table comes with the schema
** (schema.c, pg_schema.c); a store no new sightline wrote has none, and
** reads as holding no exclusion.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/exclusions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The store now needs a writer that knows exclusions: an older one would
** import her points again (SL_STORE_WRITE_EXCLUSIONS). The write schema
** is a number here: a store whose value is none was refused before any
** write began (check_write_version). */
static sl_status raise_write_schema(sl_store *st, sl_error *err)
{
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE %smeta SET value = '%d' WHERE key = 'write_schema' AND CAST(value AS INTEGER) < %d",
             sl_store_pg(st) ? "sightline." : "", SL_STORE_WRITE_EXCLUSIONS, SL_STORE_WRITE_EXCLUSIONS);
    if (sl_store_pg(st)) return sl_pg_exec(sl_store_pg(st), sql, "recording the write schema", err);
    return sl_store_exec(st, sql, err);
}

sl_status sl_store_add_exclusion(sl_store *st, const sl_exclusion *e, sl_error *err)
{
    static const char *const SQL = "INSERT INTO exclusions(source_id, lat, lon, radius_m) VALUES($1, $2, $3, $4)";
    if (sl_store_pg(st)) {
        char id[32], lat[40], lon[40], r[40];
        snprintf(lat, sizeof lat, "%.17g", e->lat);
        snprintf(lon, sizeof lon, "%.17g", e->lon);
        snprintf(r, sizeof r, "%.17g", e->radius_m);
        const char *v[] = {sl_pg_num(id, e->source_id), lat, lon, r};
        if (sl_pg_run(sl_store_pg(st), SQL, 4, v, NULL, "recording an exclusion", err)) return err->status;
        return raise_write_schema(st, err);
    }
    sqlite3_stmt *s;
    if (sl_store_prepare(st, SQL, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, e->source_id);
    sqlite3_bind_double(s, 2, e->lat);
    sqlite3_bind_double(s, 3, e->lon);
    sqlite3_bind_double(s, 4, e->radius_m);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sl_store_fail(st, err, "recording an exclusion");
    return raise_write_schema(st, err);
}

void sl_exclusion_list_free(sl_exclusion_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* "SOURCE LAT LON RADIUS" rows (text on both backends) into OUT. */
static sl_status parse_rows(const char **rows, size_t n, sl_exclusion_list *out, sl_error *err)
{
    out->items = calloc(n + 1, sizeof *out->items);
    if (!out->items) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        sl_exclusion *e = &out->items[out->count];
        if (sscanf(rows[i], "%ld %lf %lf %lf", &e->source_id, &e->lat, &e->lon, &e->radius_m) == 4) out->count++;
        else return sl_fail(err, SL_EDATA, "", 0, "a damaged exclusion row");
    }
    return SL_OK;
}

/* SQLite's rows read as doubles (its printf rounds past 15 digits). */
static sl_status load_sqlite(sl_store *st, sl_exclusion_list *out, sl_error *err)
{
    sqlite3_stmt *q;
    size_t cap = 0;
    if (sl_store_prepare(st, "SELECT source_id, lat, lon, radius_m FROM exclusions ORDER BY source_id", &q, err))
        return err->status;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (sl_store_grow((void **)&out->items, out->count, &cap, sizeof *out->items)) break;
        out->items[out->count++] = (sl_exclusion){(long)sqlite3_column_int64(q, 0), sqlite3_column_double(q, 1),
                                                  sqlite3_column_double(q, 2), sqlite3_column_double(q, 3)};
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return SL_OK;
    sl_exclusion_list_free(out);
    return rc == SQLITE_ROW ? sl_fail(err, SL_ENOMEM, "", 0, "out of memory") : sl_store_fail(st, err, "reading exclusions");
}

sl_status sl_store_load_exclusions(sl_store *st, sl_exclusion_list *out, sl_error *err)
{
    /* PostgreSQL's float8 as text is the shortest that reads back exactly */
    static const char *const SQL = "SELECT source_id || ' ' || lat || ' ' || lon || ' ' || radius_m"
                                   " FROM exclusions ORDER BY source_id";
    memset(out, 0, sizeof *out);
    sl_arena arena = {0};
    const char **rows = NULL;
    size_t n = 0;
    sl_status s = SL_OK;
    if (sl_store_pg(st)) {
        char there[8];
        int found = 0;
        s = sl_pg_scalar(sl_store_pg(st), "SELECT 1 WHERE to_regclass('sightline.exclusions') IS NOT NULL", 0, NULL, there,
                         sizeof there, &found, "reading exclusions", err);
        if (!s && found) s = sl_pg_strings(sl_store_pg(st), SQL, 0, NULL, &arena, &rows, &n, "reading exclusions", err);
    } else if (sl_store_has_table(st, "exclusions")) {
        return load_sqlite(st, out, err);
    }
    if (!s) s = parse_rows(rows, n, out, err);
    if (s) sl_exclusion_list_free(out);
    sl_arena_free(&arena);
    return s;
}

/* Run SQL (a literal: PostgreSQL keeps statements prepared by their
** address) with the N (1 to 3) numbers V as $1..., on either backend. */
static sl_status run_numbers(sl_store *st, const char *sql, int n, const long v[3], sl_error *err)
{
    if (sl_store_pg(st)) {
        char x[3][32];
        const char *t[] = {sl_pg_num(x[0], v[0]), sl_pg_num(x[1], v[1]), sl_pg_num(x[2], v[2])};
        return sl_pg_run(sl_store_pg(st), sql, n, t, NULL, "counting withheld points", err);
    }
    sqlite3_stmt *s;
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    for (int i = 0; i < n; i++) sqlite3_bind_int64(s, i + 1, v[i]);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "counting withheld points");
}

sl_status sl_store_count_withheld(sl_store *st, long exclusion_id, long source_id, long n, sl_error *err)
{
    const long v[3] = {exclusion_id, source_id, n};
    if (run_numbers(st,
                    "INSERT INTO exclusion_withheld(exclusion_id, source_id, points) VALUES($1, $2, $3)"
                    " ON CONFLICT(exclusion_id, source_id) DO UPDATE SET points = exclusion_withheld.points + $3",
                    3, v, err))
        return err->status;
    return run_numbers(st,
                       "UPDATE sources SET rows = (SELECT coalesce(sum(points), 0) FROM exclusion_withheld"
                       " WHERE exclusion_id = $1) WHERE id = $1",
                       1, v, err);
}
