/*
** campaign_versions.c — the campaign's organisation and commitments as
** each save left them, and from when (campaign schema version 9).
**
** A signer consents to the organisation the form named when she signed,
** and ticks commitments in the words the form gave then. The campaign
** held only its current content, so an export handed to a coalition
** partner said every signer consented to the organisation as renamed
** since, and a commitment an edit replaced came back to her as its bare
** key ("no-ring") on her confirmation and manage pages. Each save that
** changes either adds a version; nothing of a signer is in them.
**
** Both backends are here: the SQL is the same, and one reader of its rows
** (add_row) builds the versions of either.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/campaign.h"

#include <stdlib.h>
#include <string.h>

/* Versions being read: malloc'ed while they grow, the strings in the arena. */
typedef struct versions_build {
    sl_arena *a;
    sl_campaign_version *v;
    size_t n, cap;
    long long last_id;
    size_t ccap; /* capacity of the newest version's commitments */
} versions_build;

/* One row (a version's id, made and organisation, and one commitment of
** it, KEY NULL for a version without any), in the order of id, position. */
static int add_row(versions_build *b, long long id, long long made, const char *org, const char *key,
                   const char *label)
{
    if (!b->n || id != b->last_id) {
        if (b->n == b->cap) {
            size_t cap = b->cap ? b->cap * 2 : 4;
            sl_campaign_version *v = realloc(b->v, cap * sizeof *v);
            if (!v) return -1;
            b->v = v;
            b->cap = cap;
        }
        sl_campaign_version *v = &b->v[b->n++];
        *v = (sl_campaign_version){made, sl_arena_strdup(b->a, org), NULL, 0};
        b->last_id = id;
        b->ccap = 0;
        if (!v->organisation) return -1;
    }
    if (!key) return 0;
    sl_campaign_version *v = &b->v[b->n - 1];
    if (v->n_commitments == b->ccap) { /* grown in the arena: the old block stays there, unused */
        size_t cap = b->ccap ? b->ccap * 2 : 8;
        sl_commitment *c = sl_arena_alloc(b->a, cap * sizeof *c);
        if (!c) return -1;
        if (v->n_commitments) memcpy(c, v->commitments, v->n_commitments * sizeof *c);
        v->commitments = c;
        b->ccap = cap;
    }
    sl_commitment *c = &v->commitments[v->n_commitments++];
    c->key = sl_arena_strdup(b->a, key);
    c->label = sl_arena_strdup(b->a, label ? label : "");
    return c->key && c->label ? 0 : -1;
}

/* The versions into the arena; B's own array freed. */
static sl_status versions_done(versions_build *b, sl_campaign_version **v, size_t *n, int failed, const char *where,
                               sl_error *err)
{
    *v = NULL;
    *n = 0;
    if (!failed && b->n && !(*v = sl_arena_alloc(b->a, b->n * sizeof **v))) failed = 1;
    if (!failed && b->n) {
        memcpy(*v, b->v, b->n * sizeof **v);
        *n = b->n;
    }
    free(b->v);
    return failed ? sl_fail(err, SL_ENOMEM, where, 0, "out of memory") : SL_OK;
}

#define VERSIONS_SQL                                                                                               \
    "SELECT v.id, v.made, v.organisation, c.key, c.label FROM campaign_versions v"                                \
    " LEFT JOIN campaign_version_commitments c ON c.version = v.id ORDER BY v.id, c.position"

static sl_status pg_versions(sl_pg *pg, sl_arena *a, sl_campaign_version **v, size_t *n, sl_error *err)
{
    versions_build b = {.a = a};
    *v = NULL;
    *n = 0;
    if (!sl_pg_table_there(pg, "campaign_versions")) return SL_OK;
    PGresult *r;
    if (sl_pg_run(pg, VERSIONS_SQL, 0, NULL, &r, "reading the campaign's versions", err)) return err->status;
    int failed = 0;
    for (int i = 0; !failed && i < PQntuples(r); i++)
        failed = add_row(&b, atoll(PQgetvalue(r, i, 0)), atoll(PQgetvalue(r, i, 1)), PQgetvalue(r, i, 2),
                         PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3), PQgetvalue(r, i, 4));
    PQclear(r);
    return versions_done(&b, v, n, failed, sl_pg_name(pg), err);
}

sl_status sl_store_campaign_versions(sl_store *st, sl_arena *a, sl_campaign_version **v, size_t *n, sl_error *err)
{
    if (sl_store_pg(st)) return pg_versions(sl_store_pg(st), a, v, n, err);
    versions_build b = {.a = a};
    *v = NULL;
    *n = 0;
    if (!sl_store_has_table(st, "campaign_versions")) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st, VERSIONS_SQL, &s, err)) return err->status;
    int failed = 0, rc;
    while (!failed && (rc = sqlite3_step(s)) == SQLITE_ROW)
        failed = add_row(&b, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                         (const char *)sqlite3_column_text(s, 2), (const char *)sqlite3_column_text(s, 3),
                         (const char *)sqlite3_column_text(s, 4));
    sqlite3_finalize(s);
    return versions_done(&b, v, n, failed, sl_store_path(st), err);
}

const sl_campaign_version *sl_campaign_version_at(const sl_campaign_version *v, size_t n, long long t)
{
    if (!n) return NULL;
    size_t k = n;
    while (k > 1 && v[k - 1].made > t) k--;
    return &v[k - 1];
}

const char *sl_campaign_version_label(const sl_campaign_version *v, size_t n, const char *key)
{
    for (size_t k = n; k-- > 0;)
        for (size_t i = 0; i < v[k].n_commitments; i++)
            if (!strcmp(v[k].commitments[i].key, key)) return v[k].commitments[i].label;
    return NULL;
}

/* 1 when C's organisation and commitments are those of version V. */
static int same(const sl_campaign *c, const sl_campaign_version *v)
{
    if (strcmp(c->organisation ? c->organisation : "", v->organisation) || c->n_commitments != v->n_commitments)
        return 0;
    for (size_t i = 0; i < c->n_commitments; i++)
        if (strcmp(c->commitments[i].key, v->commitments[i].key) ||
            strcmp(c->commitments[i].label, v->commitments[i].label))
            return 0;
    return 1;
}

/* Insert C's organisation and commitments as a version made at NOW. */
static sl_status insert_version(sl_store *st, const sl_campaign *c, long long now, sl_error *err)
{
    sl_pg *pg = sl_store_pg(st);
    char made[32], id[32], pos[32];
    const char *org = c->organisation ? c->organisation : "";
    long long vid;
    if (pg) {
        PGresult *r;
        const char *p[] = {sl_pg_num(made, now), org};
        if (sl_pg_run(pg,
                      "INSERT INTO campaign_versions(id, made, organisation) SELECT coalesce(max(id), 0) + 1, $1, $2"
                      " FROM campaign_versions RETURNING id",
                      2, p, &r, "recording the campaign's version", err))
            return err->status;
        vid = atoll(PQgetvalue(r, 0, 0));
        PQclear(r);
    } else {
        sqlite3_stmt *s;
        if (sl_store_prepare(st, "INSERT INTO campaign_versions(made, organisation) VALUES(?, ?)", &s, err))
            return err->status;
        sqlite3_bind_int64(s, 1, now);
        sl_bind_text(s, 2, org);
        int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) return sl_store_fail(st, err, "recording the campaign's version");
        vid = sqlite3_last_insert_rowid(sl_store_db(st));
    }
    for (size_t i = 0; i < c->n_commitments; i++) {
        if (pg) {
            const char *p[] = {sl_pg_num(id, vid), sl_pg_num(pos, (long long)i), c->commitments[i].key,
                               c->commitments[i].label};
            if (sl_pg_run(pg, "INSERT INTO campaign_version_commitments VALUES($1, $2, $3, $4)", 4, p, NULL,
                          "recording the campaign's version", err))
                return err->status;
            continue;
        }
        sqlite3_stmt *s;
        if (sl_store_prepare(st, "INSERT INTO campaign_version_commitments VALUES(?, ?, ?, ?)", &s, err))
            return err->status;
        sqlite3_bind_int64(s, 1, vid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sl_bind_text(s, 3, c->commitments[i].key);
        sl_bind_text(s, 4, c->commitments[i].label);
        int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) return sl_store_fail(st, err, "recording the campaign's version");
    }
    return SL_OK;
}

sl_status sl_store_campaign_version_note(sl_store *st, const sl_campaign *c, long long now, sl_error *err)
{
    sl_arena a = {0};
    sl_campaign_version *v;
    size_t n;
    sl_status rc = sl_store_campaign_versions(st, &a, &v, &n, err);
    if (!rc && (!n || !same(c, &v[n - 1]))) rc = insert_version(st, c, now, err);
    sl_arena_free(&a);
    return rc;
}
