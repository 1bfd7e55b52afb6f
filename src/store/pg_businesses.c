/*
** pg_businesses.c — the directory on a PostgreSQL store (pg.h,
** sightline/store/businesses.h): listings and suggestions are PostgreSQL
** rows, a listing's location also a PostGIS point with a GiST index (QGIS
** opens sightline.businesses directly), and a search runs on an in-memory
** SQLite copy of the listings.
**
** Why a copy: the SQLite store ranks words with FTS5's bm25 (tokenizer
** unicode61 with diacritics folded, prefix terms), and no PostgreSQL text
** search gives the same scores, so results would come in another order.
** A directory is small (hundreds to thousands of listings: a copy is a few
** milliseconds), so the rows are copied into the schema of the SQLite store
** (sl_store_directory_schema) and the SQLite store's own query runs there
** (sl_store_directory_search): one search, byte-identical answers on both
** backends. The copy is kept in an sl_directory_cache keyed by the store and
** its directory generation (meta 'directory_generation', bumped by every
** write to the listings, with the xmin of that meta row so that a rolled
** back or recreated store never matches an older copy), so a server
** rebuilds it only when the directory changed.
*/
#include "pg.h"
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ids are one more than any ever given (internal.h), under the write lock,
** as on SQLite, so a listing has the same id on both backends. */
/* A listing edited in /admin since its import (businesses.c says why): made
** by the first edit on a store older than it. */
#define EDITS_SCHEMA "CREATE TABLE IF NOT EXISTS sightline.business_edits(id bigint PRIMARY KEY, edited bigint NOT NULL);"

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS sightline.businesses("
    "  id bigint PRIMARY KEY, source_id bigint NOT NULL REFERENCES sightline.sources(id), line bigint,"
    "  name text NOT NULL, category text, address text, city text, state text, zip text, website text,"
    "  phone text, verification text, origin text, lat double precision, lon double precision,"
    "  location geometry(Point, 4326) GENERATED ALWAYS AS (CASE WHEN lat IS NOT NULL AND lon IS NOT NULL"
    "    THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED);"
    "CREATE INDEX IF NOT EXISTS businesses_source ON sightline.businesses(source_id);"
    "CREATE INDEX IF NOT EXISTS businesses_location ON sightline.businesses USING gist(location);"
    "CREATE TABLE IF NOT EXISTS sightline.business_suggestions("
    "  id bigint PRIMARY KEY, created bigint NOT NULL, decided bigint,"
    "  status text NOT NULL DEFAULT 'pending' CHECK(status IN ('pending','approved','rejected')),"
    "  name text NOT NULL, category text, address text, city text, state text, zip text, website text,"
    "  phone text, verification text, origin text, lat double precision, lon double precision, note text);"
    EDITS_SCHEMA;

#define FIELDS "name, category, address, city, state, zip, website, phone, verification, origin, lat, lon"
/* after a write to the listings: the search copies of older states are stale */
#define BUMP                                                                                                 \
    "INSERT INTO sightline.meta VALUES('directory_generation', '1') ON CONFLICT (key) DO UPDATE"             \
    " SET value = (sightline.meta.value::bigint + 1)::text"

static const char *INSERT =
    "WITH b AS (INSERT INTO businesses(id, source_id, line, " FIELDS ")"
    " VALUES(" SL_NEXT_ID("businesses", SL_LAST_LISTING_KEY) ", $1::bigint, $2::bigint, $3, $4, $5, $6, $7, $8,"
    " $9, $10, $11, $12, $13::float8, $14::float8) RETURNING id),"
    " k AS (INSERT INTO meta(key, value) SELECT '" SL_LAST_LISTING_KEY "', id::text FROM b"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value),"
    " g AS (" BUMP ")"
    " SELECT id FROM b";

struct sl_directory_cache {
    pthread_mutex_t lock; /* held while the copy is checked, rebuilt or searched */
    sqlite3 *db;          /* the copy, or NULL */
    char key[400];        /* the store and directory generation it holds */
};

sl_directory_cache *sl_directory_cache_new(void)
{
    sl_directory_cache *c = calloc(1, sizeof *c);
    if (c && pthread_mutex_init(&c->lock, NULL)) {
        free(c);
        return NULL;
    }
    return c;
}

void sl_directory_cache_free(sl_directory_cache *c)
{
    if (!c) return;
    sqlite3_close(c->db);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static const char *num(char buf[32], long v)
{
    snprintf(buf, 32, "%ld", v);
    return buf;
}

/* B's fields as text parameters in FIELDS order from V[0] (12 of them;
** BUF holds the numbers): strings as SQLite stores them ("" for none), the
** coordinates as the shortest text that reads back as the same double. */
static void business_params(const sl_business *b, const char **v, char buf[2][32])
{
    const char *t[] = {b->name, b->category, b->address, b->city, b->state,
                       b->zip, b->website, b->phone, b->verification, b->origin};
    for (int i = 0; i < 10; i++) v[i] = t[i] ? t[i] : "";
    v[10] = v[11] = NULL;
    if (b->has_location) {
        snprintf(buf[0], 32, "%.17g", b->lat);
        snprintf(buf[1], 32, "%.17g", b->lon);
        v[10] = buf[0], v[11] = buf[1];
    }
}

/* Row I of R, columns FIRST.. in FIELDS order, into B (strings R's). */
static void business_row(const PGresult *r, int i, int first, sl_business *b)
{
    const char **t[] = {&b->name, &b->category, &b->address, &b->city, &b->state,
                        &b->zip, &b->website, &b->phone, &b->verification, &b->origin};
    for (int k = 0; k < 10; k++) *t[k] = PQgetvalue(r, i, first + k); /* "" for NULL */
    b->has_location = !PQgetisnull(r, i, first + 10);
    b->lat = b->has_location ? strtod(PQgetvalue(r, i, first + 10), NULL) : 0;
    b->lon = b->has_location ? strtod(PQgetvalue(r, i, first + 11), NULL) : 0;
}


static sl_status ensure_tables(sl_pg *pg, sl_error *err)
{
    return sl_pg_exec(pg, SCHEMA, "creating the directory's tables", err);
}

sl_status sl_pg_add_business(sl_pg *pg, const sl_business *b, long *id, sl_error *err)
{
    /* tables once per connection: the first row's statement is not prepared yet */
    if (!sl_pg_is_prepared(pg, INSERT) && ensure_tables(pg, err)) return err->status;
    char nb[2][32], cb[2][32];
    const char *v[14] = {num(nb[0], b->source_id), num(nb[1], b->line)};
    business_params(b, v + 2, cb);
    PGresult *r;
    if (sl_pg_run(pg, INSERT, 14, v, &r, "adding a business", err)) return err->status;
    if (id) *id = PQntuples(r) == 1 ? atol(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_business_update(sl_pg *pg, long id, const sl_business *b, int *found, sl_error *err)
{
    int yes;
    *found = 0;
    if (sl_pg_has_table(pg, "businesses", &yes, err) || !yes) return err->status;
    char nb[32], cb[2][32];
    const char *v[13] = {num(nb, id)};
    business_params(b, v + 1, cb);
    PGresult *r;
    if (sl_pg_run(pg, "UPDATE businesses SET name=$2, category=$3, address=$4, city=$5, state=$6, zip=$7,"
                      " website=$8, phone=$9, verification=$10, origin=$11, lat=$12, lon=$13 WHERE id=$1",
                  13, v, &r, "editing a business", err))
        return err->status;
    *found = strcmp(PQcmdTuples(r), "1") == 0;
    PQclear(r);
    if (!*found) return SL_OK;
    if (sl_pg_exec(pg, EDITS_SCHEMA, "editing a business", err) ||
        sl_pg_run(pg, "INSERT INTO business_edits(id, edited) VALUES($1, extract(epoch FROM now())::bigint)"
                      " ON CONFLICT (id) DO UPDATE SET edited = excluded.edited",
                  1, v, NULL, "marking a business edited", err))
        return err->status;
    return sl_pg_exec(pg, BUMP, "editing a business", err);
}

sl_status sl_pg_business_edits(sl_pg *pg, long source_id, long *n, long *id, char *name, size_t size, sl_error *err)
{
    int yes;
    if (sl_pg_has_table(pg, "business_edits", &yes, err) || !yes) return err->status;
    char nb[32];
    const char *v[] = {num(nb, source_id)};
    PGresult *r;
    if (sl_pg_run(pg, SL_EDITED_LISTINGS_SQL, 1, v, &r, "reading the edited listings", err)) return err->status;
    if (PQntuples(r) == 1) {
        *n = atol(PQgetvalue(r, 0, 0));
        *id = atol(PQgetvalue(r, 0, 1));
        snprintf(name, size, "%s", PQgetvalue(r, 0, 2));
    }
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_remove_businesses(sl_pg *pg, long source_id, long *removed, sl_error *err)
{
    int yes;
    *removed = 0;
    if (sl_pg_has_table(pg, "businesses", &yes, err) || !yes) return err->status;
    char nb[32];
    const char *v[] = {num(nb, source_id)};
    PGresult *r;
    if (sl_pg_run(pg, SL_KEEP_LISTING_IDS_SQL("source_id = $1"), 1, v, NULL, "removing an import", err) ||
        sl_pg_has_table(pg, "business_edits", &yes, err))
        return err->status;
    if (yes && sl_pg_run(pg, "DELETE FROM business_edits WHERE id IN (SELECT id FROM businesses WHERE source_id = $1)",
                         1, v, NULL, "removing an import", err))
        return err->status;
    if (sl_pg_run(pg, "DELETE FROM businesses WHERE source_id = $1", 1, v, &r, "removing an import", err))
        return err->status;
    *removed = atol(PQcmdTuples(r));
    PQclear(r);
    return sl_pg_exec(pg, BUMP, "removing an import", err);
}

sl_status sl_pg_business_get(sl_pg *pg, long id, sl_business_fn fn, void *ctx, int *found, sl_error *err)
{
    int yes;
    *found = 0;
    if (sl_pg_has_table(pg, "businesses", &yes, err) || !yes) return err->status;
    char nb[32];
    const char *v[] = {num(nb, id)};
    PGresult *r;
    if (sl_pg_run(pg, "SELECT id, source_id, line, " FIELDS " FROM businesses WHERE id = $1", 1, v, &r,
                  "reading a business", err))
        return err->status;
    sl_status rc = SL_OK;
    if (PQntuples(r) == 1) {
        sl_business b = {.id = atol(PQgetvalue(r, 0, 0)), .source_id = atol(PQgetvalue(r, 0, 1)),
                         .line = atol(PQgetvalue(r, 0, 2))};
        business_row(r, 0, 3, &b);
        *found = 1;
        rc = fn(&b, ctx, err);
    }
    PQclear(r);
    return rc;
}

sl_status sl_pg_business_remove(sl_pg *pg, long id, int *found, sl_error *err)
{
    int yes, edits;
    *found = 0;
    if (sl_pg_has_table(pg, "businesses", &yes, err) || !yes) return err->status;
    if (sl_pg_has_table(pg, "business_edits", &edits, err)) return err->status;
    char nb[32];
    const char *v[] = {num(nb, id)};
    PGresult *r;
    if (sl_pg_run(pg, SL_KEEP_LISTING_IDS_SQL("id = $1"), 1, v, NULL, "removing a business", err) ||
        (edits && sl_pg_run(pg, "DELETE FROM business_edits WHERE id = $1", 1, v, NULL, "removing a business", err)) ||
        sl_pg_run(pg, "DELETE FROM businesses WHERE id = $1", 1, v, &r, "removing a business", err))
        return err->status;
    *found = strcmp(PQcmdTuples(r), "1") == 0;
    PQclear(r);
    return *found ? sl_pg_exec(pg, BUMP, "removing a business", err) : SL_OK;
}

sl_status sl_pg_business_renumber(sl_pg *pg, long from, long to, sl_error *err)
{
    char nb[2][32];
    const char *v[] = {num(nb[0], from), num(nb[1], to)};
    if (sl_pg_run(pg, "UPDATE businesses SET id = $2::bigint WHERE id = $1::bigint", 2, v, NULL, "numbering a business",
                  err))
        return err->status;
    return sl_pg_exec(pg, BUMP, "numbering a business", err);
}

sl_status sl_pg_business_removed(sl_pg *pg, long id, int *removed, sl_error *err)
{
    int yes;
    if (sl_pg_has_table(pg, "businesses", &yes, err) || !yes) return err->status;
    char nb[32];
    const char *v[] = {num(nb, id)};
    PGresult *r;
    if (sl_pg_run(pg, SL_LISTING_REMOVED_SQL, 1, v, &r, "reading a business", err)) return err->status;
    *removed = PQntuples(r) == 1 && !strcmp(PQgetvalue(r, 0, 0), "1");
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_suggestion_add(sl_pg *pg, const sl_business *b, const char *note, long long now, long *id,
                               sl_error *err)
{
    if (ensure_tables(pg, err)) return err->status;
    char nb[32], cb[2][32];
    snprintf(nb, sizeof nb, "%lld", now);
    const char *v[14] = {nb, note ? note : ""};
    business_params(b, v + 2, cb);
    PGresult *r;
    if (sl_pg_run(pg, "INSERT INTO business_suggestions(id, created, note, " FIELDS ")"
                      " SELECT " SL_NEXT_ID("business_suggestions", SL_LAST_SUGGESTION_KEY) ", $1::bigint, $2, $3,"
                      " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::float8, $14::float8 RETURNING id",
                  14, v, &r, "queueing a suggestion", err))
        return err->status;
    *id = PQntuples(r) == 1 ? atol(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_suggestions_each(sl_pg *pg, const char *status, sl_business_fn fn, void *ctx, sl_error *err)
{
    int yes;
    if (sl_pg_has_table(pg, "business_suggestions", &yes, err) || !yes) return err->status;
    const char *v[] = {status};
    PGresult *r;
    if (sl_pg_run(pg, "SELECT id, " FIELDS ", note, created FROM business_suggestions WHERE $1::text IS NULL OR status = $1"
                      " ORDER BY id",
                  1, v, &r, "reading suggestions", err))
        return err->status;
    sl_status rc = SL_OK;
    for (int i = 0; !rc && i < PQntuples(r); i++) {
        sl_business b = {.id = atol(PQgetvalue(r, i, 0))};
        business_row(r, i, 1, &b);
        b.note = PQgetvalue(r, i, 13); /* "" for NULL */
        b.created = atoll(PQgetvalue(r, i, 14));
        rc = fn(&b, ctx, err);
    }
    PQclear(r);
    return rc;
}

sl_status sl_pg_suggestion_decide(sl_pg *pg, long id, const char *status, long long now, int *found, sl_error *err)
{
    int yes;
    *found = 0;
    if (sl_pg_has_table(pg, "business_suggestions", &yes, err) || !yes) return err->status;
    char nb[32], tb[32];
    snprintf(tb, sizeof tb, "%lld", now);
    const char *v[] = {status, tb, num(nb, id)};
    PGresult *r;
    if (sl_pg_run(pg, "UPDATE business_suggestions SET status = $1, decided = $2 WHERE id = $3 AND status = 'pending'",
                  3, v, &r, "deciding a suggestion", err))
        return err->status;
    *found = strcmp(PQcmdTuples(r), "1") == 0;
    PQclear(r);
    return SL_OK;
}

/* PostgreSQL has no secure_delete: the old values are gone for every
** reader, and VACUUM reclaims their space in time, as an erased pledge's. */
sl_status sl_pg_suggestions_forget(sl_pg *pg, sl_error *err)
{
    int yes;
    if (sl_pg_has_table(pg, "business_suggestions", &yes, err) || !yes) return err->status;
    return sl_pg_exec(pg, SL_FORGET_SUGGESTIONS_SQL, "forgetting suggestions", err);
}

sl_status sl_pg_suggestions_lapse(sl_pg *pg, long long cutoff, long *removed, sl_error *err)
{
    int yes;
    if (sl_pg_has_table(pg, "business_suggestions", &yes, err) || !yes) return err->status;
    char nb[32];
    snprintf(nb, sizeof nb, "%lld", cutoff);
    const char *v[] = {nb};
    PGresult *r;
    if (sl_pg_run(pg, SL_KEEP_IDS_SQL("business_suggestions", SL_LAST_SUGGESTION_KEY, SL_LAPSED_SUGGESTIONS), 1, v,
                  NULL, "deleting suggestions nobody decided", err) ||
        sl_pg_run(pg, SL_LAPSE_SUGGESTIONS_SQL, 1, v, &r, "deleting suggestions nobody decided", err))
        return err->status;
    *removed = atol(PQcmdTuples(r));
    PQclear(r);
    return SL_OK;
}

/* ---- the search copy ------------------------------------------------------ */

/* Fill the empty copy DB with the listings of R (id, source_id, line, then
** FIELDS): the table and its FTS5 index as the SQLite store writes them. */
static int fill_copy(sqlite3 *db, const PGresult *r)
{
    sqlite3_stmt *b = NULL, *f = NULL;
    int ok = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
             sqlite3_prepare_v2(db, "INSERT INTO businesses(id, source_id, line, " FIELDS ")"
                                    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &b, NULL) == SQLITE_OK &&
             sqlite3_prepare_v2(db, "INSERT INTO businesses_fts(rowid, name, category, address, city)"
                                    " VALUES(?,?,?,?,?)", -1, &f, NULL) == SQLITE_OK;
    for (int i = 0; ok && i < PQntuples(r); i++) {
        sqlite3_int64 id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
        for (int c = 0; c < 3; c++) sqlite3_bind_int64(b, c + 1, strtoll(PQgetvalue(r, i, c), NULL, 10));
        for (int c = 3; c < 13; c++) sqlite3_bind_text(b, c + 1, PQgetvalue(r, i, c), -1, SQLITE_STATIC);
        for (int c = 13; c < 15; c++)
            if (PQgetisnull(r, i, c)) sqlite3_bind_null(b, c + 1);
            else sqlite3_bind_double(b, c + 1, strtod(PQgetvalue(r, i, c), NULL));
        sqlite3_bind_int64(f, 1, id);
        for (int c = 0; c < 4; c++) sqlite3_bind_text(f, c + 2, PQgetvalue(r, i, 3 + c), -1, SQLITE_STATIC);
        ok = sqlite3_step(b) == SQLITE_DONE && sqlite3_step(f) == SQLITE_DONE;
        sqlite3_reset(b), sqlite3_reset(f);
    }
    sqlite3_finalize(b), sqlite3_finalize(f);
    return ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
}

/* Make C hold the copy of the listings under KEY, read in the caller's
** snapshot (the one KEY was read in). */
static sl_status rebuild(sl_pg *pg, sl_directory_cache *c, const char *key, sl_error *err)
{
    PGresult *r;
    sqlite3_close(c->db);
    c->db = NULL;
    c->key[0] = '\0';
    if (sl_pg_run(pg, "SELECT id, source_id, line, " FIELDS " FROM businesses ORDER BY id", 0, NULL, &r,
                  "reading the directory", err))
        return err->status;
    sqlite3 *db = NULL;
    int ok = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK &&
             sqlite3_exec(db, sl_store_directory_schema, NULL, NULL, NULL) == SQLITE_OK && fill_copy(db, r);
    PQclear(r);
    if (!ok) {
        sl_status s = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "indexing the directory in memory: %s",
                              db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return s;
    }
    c->db = db;
    snprintf(c->key, sizeof c->key, "%s", key);
    return SL_OK;
}

/* The state of the directory the caller's snapshot sees, as a cache key. */
static sl_status directory_key(sl_pg *pg, char *key, size_t size, sl_error *err)
{
    PGresult *r;
    if (sl_pg_run(pg, "SELECT coalesce((SELECT value || '/' || xmin::text FROM sightline.meta"
                      " WHERE key = 'directory_generation'), 'none')",
                  0, NULL, &r, "reading the directory's generation", err))
        return err->status;
    snprintf(key, size, "%s|%s", sl_pg_name(pg), PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "none");
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_businesses_each(sl_pg *pg, sl_store *st, const sl_business_filter *f, sl_business_fn fn, void *ctx,
                                sl_error *err)
{
    int yes;
    char key[400];
    if (sl_pg_read_begin(pg, err)) return err->status; /* the key and the rows: one snapshot */
    sl_status rc = sl_pg_has_table(pg, "businesses", &yes, err);
    if (!rc && yes) rc = directory_key(pg, key, sizeof key, err);
    sl_directory_cache *c = !rc && yes ? sl_pg_directory_cache(pg) : NULL;
    if (!rc && yes && !c) rc = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    if (c) {
        pthread_mutex_lock(&c->lock);
        if (!c->db || strcmp(c->key, key)) rc = rebuild(pg, c, key, err);
        if (!rc) rc = sl_store_directory_search(c->db, st, f, fn, ctx, err);
        pthread_mutex_unlock(&c->lock);
    }
    sl_pg_read_end(pg);
    return rc;
}
