/*
** campaign.c — the campaign's tables (see sightline/store/campaign.h).
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/campaign.h"
#include "sightline/core/county.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS campaign("
    "  id INTEGER PRIMARY KEY CHECK(id = 1), title TEXT NOT NULL, pledge_md TEXT NOT NULL,"
    "  organisation TEXT NOT NULL, contact TEXT NOT NULL, privacy TEXT NOT NULL,"
    "  area_set TEXT NOT NULL, base_url TEXT NOT NULL, sender TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS campaign_commitments("
    "  position INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, label TEXT NOT NULL);"
    /* personal data (email, name): here and in pledge_links, whose rows go with their pledge */
    "CREATE TABLE IF NOT EXISTS pledges("
    "  id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',"
    "  state TEXT NOT NULL, county TEXT NOT NULL, commitments TEXT NOT NULL DEFAULT '',"
    "  consent INTEGER NOT NULL DEFAULT 0, listed INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL, confirmed INTEGER, token_expires INTEGER, unlisted INTEGER,"
    /* the signer's own choice to be listed, kept while an unlisting zeroes
    ** listed (so that relisting restores it); NULL: not recorded */
    "  listed_choice INTEGER);"
    "CREATE INDEX IF NOT EXISTS pledges_place ON pledges(confirmed, state, county);"
    "CREATE TABLE IF NOT EXISTS outbox("
    "  id INTEGER PRIMARY KEY, pledge_id INTEGER NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,"
    "  subject TEXT NOT NULL, body TEXT, created INTEGER NOT NULL, sent INTEGER,"
    "  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, retry_at INTEGER);"
    "CREATE INDEX IF NOT EXISTS outbox_pledge ON outbox(pledge_id);"
    /* every link sent for a pledge (hashed), with the answers of the sign-up
    ** it was sent for: each confirms those, until the pledge's links expire */
    "CREATE TABLE IF NOT EXISTS pledge_links("
    "  token_hash TEXT PRIMARY KEY, pledge_id INTEGER NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT '', county TEXT NOT NULL DEFAULT '',"
    "  commitments TEXT NOT NULL DEFAULT '', consent INTEGER NOT NULL DEFAULT 0, listed INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS pledge_links_pledge ON pledge_links(pledge_id);"
    /* no field of the signer: when, and whether the pledge had counted */
    "CREATE TABLE IF NOT EXISTS erasures(id INTEGER PRIMARY KEY, erased INTEGER NOT NULL,"
    "  was_confirmed INTEGER NOT NULL);"
    /* the public counts of an hour, made at its first read and served all
    ** of it (an erasure leaves them until the next hour's): counts per
    ** place only, no field of a signer, the newest hour alone kept */
    "CREATE TABLE IF NOT EXISTS public_count_hours(hour INTEGER PRIMARY KEY);"
    "CREATE TABLE IF NOT EXISTS public_counts("
    "  hour INTEGER NOT NULL REFERENCES public_count_hours(hour) ON DELETE CASCADE,"
    "  state TEXT NOT NULL, county TEXT NOT NULL, pledges INTEGER NOT NULL, PRIMARY KEY(hour, state, county));"
    /* version 7: a row while the organisers have the campaign closed */
    "CREATE TABLE IF NOT EXISTS campaign_closed(id INTEGER PRIMARY KEY CHECK(id = 1), closed INTEGER NOT NULL);"
    /* the confirmed pledges per place of the signers erased all at once at
    ** the campaign's end: counts only, added to the pledges' own */
    "CREATE TABLE IF NOT EXISTS kept_counts(state TEXT NOT NULL, county TEXT NOT NULL, pledges INTEGER NOT NULL,"
    "  PRIMARY KEY(state, county));"
    /* each export of addresses: when, and how many rows (nothing of a signer) */
    "CREATE TABLE IF NOT EXISTS campaign_exports(id INTEGER PRIMARY KEY, made INTEGER NOT NULL, rows INTEGER NOT NULL);"
    /* version 8: the links that let a signer manage her pledge herself
    ** (hashed; the confirmation mail's good for 30 days, an asked one for 2,
    ** expires NULL before 2026-12-07: read as 30 days from created), going
    ** with their pledge, and the log of the changes made to
    ** pledges (what, by whom, when: nothing of the signer) */
    "CREATE TABLE IF NOT EXISTS manage_links("
    "  token_hash TEXT PRIMARY KEY, pledge_id INTEGER NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,"
    "  created INTEGER NOT NULL, expires INTEGER);"
    "CREATE INDEX IF NOT EXISTS manage_links_pledge ON manage_links(pledge_id);"
    "CREATE TABLE IF NOT EXISTS pledge_changes(id INTEGER PRIMARY KEY, made INTEGER NOT NULL, what TEXT NOT NULL,"
    "  by TEXT NOT NULL);"
    /* version 9 (campaign_versions.c): the organisation and commitments as
    ** each save left them, and from when */
    "CREATE TABLE IF NOT EXISTS campaign_versions(id INTEGER PRIMARY KEY, made INTEGER NOT NULL,"
    "  organisation TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS campaign_version_commitments("
    "  version INTEGER NOT NULL REFERENCES campaign_versions(id) ON DELETE CASCADE, position INTEGER NOT NULL,"
    "  key TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY(version, position));";

/* Before version 9 only the current content was kept: it becomes the first
** version, made 0 (in force from before anything the store knows). */
static const char FIRST_VERSION[] =
    "INSERT INTO campaign_versions(made, organisation) SELECT 0, organisation FROM campaign"
    " WHERE NOT EXISTS (SELECT 1 FROM campaign_versions);"
    "INSERT INTO campaign_version_commitments SELECT (SELECT max(id) FROM campaign_versions), position, key, label"
    " FROM campaign_commitments WHERE EXISTS (SELECT 1 FROM campaign_versions)"
    " AND NOT EXISTS (SELECT 1 FROM campaign_version_commitments)";

/* Create the tables (first write) and record their version; refuse a store
** whose campaign tables a newer sightline made. Versions 6, 7, 8 and 9
** only added tables, which SCHEMA makes when they are missing (9's first
** row is the content the store had); 10 added a column, below. */
static sl_status campaign_tables(sl_store *st, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT CAST(value AS INTEGER) FROM meta WHERE key='campaign_schema'", &s, err))
        return err->status;
    long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (v > SL_CAMPAIGN_SCHEMA_VERSION)
        /* not SL_EDATA, which a form takes for a wrong field: the pledge
        ** comes back to its signer filled in, as when the store is busy */
        return sl_fail(err, SL_EIO, sl_store_path(st), 0,
                       "the store's campaign tables have version %lld; this sightline knows up to %d (use a newer "
                       "sightline)", v,
                       SL_CAMPAIGN_SCHEMA_VERSION);
    /* Deleted pledges must not linger in free pages of the file. */
    if (sl_store_exec(st, "PRAGMA secure_delete=ON", err)) return err->status;
    if (v == SL_CAMPAIGN_SCHEMA_VERSION) return SL_OK;
    if (sl_store_exec(st, SCHEMA, err)) return err->status;
    /* version 1 kept one link per pledge, in pledges.token_hash (left empty now) */
    if (v == 1 && sl_store_exec(st,
                                "INSERT OR IGNORE INTO pledge_links(token_hash, pledge_id) SELECT token_hash, id"
                                " FROM pledges WHERE token_hash IS NOT NULL; UPDATE pledges SET token_hash = NULL",
                                err))
        return err->status;
    /* version 2's links had no answers of their own: each takes what it
    ** confirmed then, the pledge's */
    if (v == 2 && sl_store_exec(st,
                                "ALTER TABLE pledge_links ADD COLUMN name TEXT NOT NULL DEFAULT '';"
                                "ALTER TABLE pledge_links ADD COLUMN state TEXT NOT NULL DEFAULT '';"
                                "ALTER TABLE pledge_links ADD COLUMN county TEXT NOT NULL DEFAULT '';"
                                "ALTER TABLE pledge_links ADD COLUMN commitments TEXT NOT NULL DEFAULT '';"
                                "ALTER TABLE pledge_links ADD COLUMN consent INTEGER NOT NULL DEFAULT 0;"
                                "ALTER TABLE pledge_links ADD COLUMN listed INTEGER NOT NULL DEFAULT 0",
                                err))
        return err->status;
    /* before version 4 no organiser could unlist a pledge (the column may
    ** be there already when a test lowered the version by hand) */
    if (v && !sl_store_has_column(st, "pledges", "unlisted") &&
        sl_store_exec(st, "ALTER TABLE pledges ADD COLUMN unlisted INTEGER", err))
        return err->status;
    /* before version 5 an unlisting overwrote the signer's choice: those
    ** pledges keep NULL, and relisting leaves them off the list */
    if (v && !sl_store_has_column(st, "pledges", "listed_choice") &&
        sl_store_exec(st, "ALTER TABLE pledges ADD COLUMN listed_choice INTEGER", err))
        return err->status;
    /* before version 10 every failed message was tried again at the next run */
    if (v && !sl_store_has_column(st, "outbox", "retry_at") &&
        sl_store_exec(st, "ALTER TABLE outbox ADD COLUMN retry_at INTEGER", err))
        return err->status;
    if (v && v < 3 && sl_store_exec(st,
                                    "UPDATE pledge_links SET name = p.name, state = p.state, county = p.county,"
                                    " commitments = p.commitments, consent = p.consent, listed = p.listed"
                                    " FROM pledges p WHERE p.id = pledge_links.pledge_id",
                                    err))
        return err->status;
    if (v && v < 9 && sl_store_exec(st, FIRST_VERSION, err)) return err->status;
    char sql[96];
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta VALUES('campaign_schema','%d')", SL_CAMPAIGN_SCHEMA_VERSION);
    return sl_store_exec(st, sql, err);
}

sl_status sl_store_campaign_tables(sl_store *st, sl_error *err)
{
    return campaign_tables(st, err);
}

sl_status sl_store_campaign_upgrade(sl_store *st, sl_error *err)
{
    if (sl_store_pg(st))
        return sl_pg_table_there(sl_store_pg(st), "outbox") ? sl_pg_campaign_tables(sl_store_pg(st), err) : SL_OK;
    return sl_store_has_table(st, "outbox") ? campaign_tables(st, err) : SL_OK;
}

/* Run S (prepared, bound) to completion, finalizing it. */
static sl_status run(sl_store *st, sqlite3_stmt *s, const char *what, sl_error *err)
{
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, what);
}

sl_status sl_store_campaign_save(sl_store *st, const sl_campaign *c, long long now, sl_error *err)
{
    if (sl_store_pg(st))
        return sl_pg_campaign_save(sl_store_pg(st), c, err) ? err->status : sl_store_campaign_version_note(st, c, now, err);
    sqlite3_stmt *s;
    if (campaign_tables(st, err)) return err->status;
    if (sl_store_prepare(st,
                         "INSERT OR REPLACE INTO campaign VALUES(1,?,?,?,?,?,?,?,?,"
                         "strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                         &s, err))
        return err->status;
    const char *v[] = {c->title, c->pledge_md, c->organisation, c->contact,
                       c->privacy, c->area_set, c->base_url, c->sender};
    for (int i = 0; i < 8; i++) sl_bind_text(s, i + 1, v[i] ? v[i] : "");
    if (run(st, s, "saving the campaign", err)) return err->status;
    if (sl_store_exec(st, "DELETE FROM campaign_commitments", err)) return err->status;
    for (size_t i = 0; i < c->n_commitments; i++) {
        if (sl_store_prepare(st, "INSERT INTO campaign_commitments VALUES(?,?,?)", &s, err)) return err->status;
        sqlite3_bind_int64(s, 1, (sqlite3_int64)i);
        sl_bind_text(s, 2, c->commitments[i].key);
        sl_bind_text(s, 3, c->commitments[i].label);
        if (run(st, s, "saving a commitment", err)) return err->status;
    }
    return sl_store_campaign_version_note(st, c, now, err);
}

static sl_status load_commitments(sl_store *st, sl_arena *a, sl_campaign *c, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT key, label FROM campaign_commitments ORDER BY position", &s, err))
        return err->status;
    size_t cap = 0;
    sl_status rc = SL_OK;
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        if (c->n_commitments == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            sl_commitment *n = sl_arena_alloc(a, ncap * sizeof *n);
            if (!n) { rc = sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory"); break; }
            if (c->n_commitments) memcpy(n, c->commitments, c->n_commitments * sizeof *n);
            c->commitments = n;
            cap = ncap;
        }
        sl_commitment *m = &c->commitments[c->n_commitments++];
        m->key = sl_column_text(s, 0, a);
        m->label = sl_column_text(s, 1, a);
        if (!m->key || !m->label) rc = sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory");
    }
    sqlite3_finalize(s);
    return rc;
}

sl_status sl_store_campaign_load(sl_store *st, sl_arena *a, sl_campaign *c, int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_campaign_load(sl_store_pg(st), a, c, found, err);
    sqlite3_stmt *s;
    memset(c, 0, sizeof *c);
    *found = 0;
    if (!sl_store_has_table(st, "campaign")) return SL_OK;
    if (sl_store_prepare(st,
                         "SELECT title, pledge_md, organisation, contact, privacy, area_set, base_url, sender,"
                         " updated_at FROM campaign WHERE id=1",
                         &s, err))
        return err->status;
    if (sqlite3_step(s) == SQLITE_ROW) {
        *found = 1;
        const char **f[] = {&c->title, &c->pledge_md, &c->organisation, &c->contact, &c->privacy,
                            &c->area_set, &c->base_url, &c->sender, &c->updated_at};
        for (int i = 0; i < 9; i++)
            if (!(*f[i] = sl_column_text(s, i, a))) *found = -1;
    }
    sqlite3_finalize(s);
    if (*found < 0) {
        *found = 0;
        return sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory");
    }
    if (*found && sl_store_campaign_closed_at(st, &c->closed, err)) return err->status;
    return *found ? load_commitments(st, a, c, err) : SL_OK;
}

static sl_status area_lookup(sl_store *st, const char *set, const char *id, sl_arena *arena, const char **name,
                             int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_area_lookup(sl_store_pg(st), set, id, arena, name, found, err);
    sqlite3_stmt *s;
    *found = 0;
    *name = NULL;
    if (!sl_store_has_table(st, "areas")) return SL_OK;
    if (sl_store_prepare(st, "SELECT name FROM areas WHERE set_name=? AND id=?", &s, err)) return err->status;
    sl_bind_text(s, 1, set);
    sl_bind_text(s, 2, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *found = 1;
        *name = sl_column_text(s, 0, arena);
    }
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return sl_store_fail(st, err, "looking up an area");
    return *found && !*name ? sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory") : SL_OK;
}

sl_status sl_store_area_lookup(sl_store *st, const char *set, const char *id, sl_arena *arena,
                               const char **name, int *found, sl_error *err)
{
    if (area_lookup(st, set, id, arena, name, found, err)) return err->status;
    char shown[512];
    if (*found && sl_county_shown_name(id, *name, shown, sizeof shown) && !(*name = sl_arena_strdup(arena, shown)))
        return sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory");
    return SL_OK;
}

sl_status sl_store_area_residents(sl_store *st, const char *set, const char *id, double *pop, int *found,
                                  sl_error *err)
{
    *found = 0;
    *pop = NAN;
    if (sl_store_pg(st)) return sl_pg_area_residents(sl_store_pg(st), set, id, pop, found, err);
    if (!sl_store_has_table(st, "areas")) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare_cached(st, "SELECT pop FROM areas WHERE set_name=? AND id=?", &s, err)) return err->status;
    sl_bind_text(s, 1, set);
    sl_bind_text(s, 2, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *found = 1;
        if (sqlite3_column_type(s, 0) != SQLITE_NULL) *pop = sqlite3_column_double(s, 0);
    }
    sqlite3_reset(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "looking up an area");
}

/* ---- pledges ------------------------------------------------------------ */

/* 1 when pledge ID has a message not sent yet, with its link: a new link
** would only be a second message for the signer to tell from the first. */
static sl_status unsent_link(sl_store *st, long id, int *unsent, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT count(*) FROM outbox WHERE pledge_id=? AND sent IS NULL AND body IS NOT NULL",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    *unsent = step == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "looking up a pledge's messages");
}

/* Bind P's answers to parameters 1-6 of S: name, state, county,
** commitments, consent, listed. */
static void bind_answers(sqlite3_stmt *s, const sl_pledge *p)
{
    sl_bind_text(s, 1, p->name ? p->name : "");
    sl_bind_text(s, 2, p->state);
    sl_bind_text(s, 3, p->county);
    sl_bind_text(s, 4, p->commitments ? p->commitments : "");
    sqlite3_bind_int(s, 5, p->consent != 0);
    sqlite3_bind_int(s, 6, p->listed != 0);
}

sl_status sl_store_pledge_add(sl_store *st, const sl_pledge *p, const char *token_hash, long long expires,
                              long *id, sl_pledge_state *state, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_add(sl_store_pg(st), p, token_hash, expires, id, state, err);
    sqlite3_stmt *s;
    if (campaign_tables(st, err)) return err->status;
    if (sl_store_prepare(st, "SELECT id, confirmed IS NOT NULL FROM pledges WHERE email=?", &s, err)) return err->status;
    sl_bind_text(s, 1, p->email);
    int step = sqlite3_step(s);
    *state = SL_PLEDGE_NEW;
    *id = 0;
    if (step == SQLITE_ROW) {
        *id = (long)sqlite3_column_int64(s, 0);
        *state = sqlite3_column_int(s, 1) ? SL_PLEDGE_CONFIRMED : SL_PLEDGE_UNCONFIRMED;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return sl_store_fail(st, err, "looking up a pledge");
    if (*state == SL_PLEDGE_CONFIRMED) return SL_OK;
    /* A pending pledge keeps its answers: anyone may type its address, so
    ** a later sign-up's answers go with its own link only (below). */
    const char *sql = *state == SL_PLEDGE_NEW
        ? "INSERT INTO pledges(name, state, county, commitments, consent, listed, created,"
          " token_expires, email) VALUES(?,?,?,?,?,?,?,?,?)"
        : "UPDATE pledges SET created=?7, token_expires=?8 WHERE email=?9";
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    if (*state == SL_PLEDGE_NEW) bind_answers(s, p);
    sqlite3_bind_int64(s, 7, p->created);
    sqlite3_bind_int64(s, 8, expires);
    sl_bind_text(s, 9, p->email);
    if (run(st, s, "saving a pledge", err)) return err->status;
    if (*state == SL_PLEDGE_NEW) *id = (long)sqlite3_last_insert_rowid(sl_store_db(st));
    int unsent = 0;
    if (*state == SL_PLEDGE_UNCONFIRMED && unsent_link(st, *id, &unsent, err)) return err->status;
    if (unsent) {
        *state = SL_PLEDGE_QUEUED;
        return SL_OK;
    }
    if (sl_store_prepare(st,
                         "INSERT INTO pledge_links(name, state, county, commitments, consent, listed, token_hash,"
                         " pledge_id) VALUES(?,?,?,?,?,?,?,?)",
                         &s, err))
        return err->status;
    bind_answers(s, p);
    sl_bind_text(s, 7, token_hash);
    sqlite3_bind_int64(s, 8, *id);
    return run(st, s, "saving a pledge's link", err);
}

sl_status sl_store_pledge_confirm(sl_store *st, const char *token_hash, long long now, int *confirmed,
                                  sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_confirm(sl_store_pg(st), token_hash, now, confirmed, err);
    sqlite3_stmt *s;
    *confirmed = 0;
    if (campaign_tables(st, err)) return err->status;
    /* the pledge takes the answers of the sign-up the link was sent for,
    ** but stays off the public list once an organiser took it off: the
    ** choice is kept, for a relisting */
    if (sl_store_prepare(st,
                         "UPDATE pledges SET confirmed=?1, name=l.name, state=l.state, county=l.county,"
                         " commitments=l.commitments, consent=l.consent, listed_choice=l.listed,"
                         " listed=CASE WHEN pledges.unlisted IS NULL THEN l.listed ELSE 0 END"
                         " FROM pledge_links l WHERE l.token_hash=?2 AND pledges.id=l.pledge_id"
                         " AND pledges.confirmed IS NULL AND pledges.token_expires >= ?1 RETURNING pledges.id",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, now);
    sl_bind_text(s, 2, token_hash);
    int step = sqlite3_step(s);
    long long id = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (step == SQLITE_ROW) step = sqlite3_step(s);
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) return sl_store_fail(st, err, "confirming a pledge");
    if (!id) return SL_OK;
    /* Links not yet sent are of no use now, and each carries a secret. */
    if (sl_store_prepare(st, "DELETE FROM outbox WHERE pledge_id=? AND sent IS NULL", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, id);
    if (run(st, s, "dropping unsent links", err)) return err->status;
    *confirmed = 1;
    return SL_OK;
}

sl_status sl_store_pledge_link(sl_store *st, const char *token_hash, long long now, sl_pledge_link *link,
                               sl_arena *arena, sl_pledge *shown, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_link(sl_store_pg(st), token_hash, now, link, arena, shown, err);
    sqlite3_stmt *s;
    *link = SL_LINK_NONE;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (campaign_tables(st, err)) return err->status;
    if (sl_store_prepare(st,
                         "SELECT p.confirmed IS NOT NULL, p.token_expires >= ?, l.state, l.county, l.commitments,"
                         " l.consent, l.listed AND p.unlisted IS NULL,"
                         " CASE WHEN l.listed AND p.unlisted IS NULL THEN l.name ELSE '' END"
                         " FROM pledge_links l JOIN pledges p ON p.id = l.pledge_id"
                         " WHERE l.token_hash=?",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, now);
    sl_bind_text(s, 2, token_hash);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        *link = sqlite3_column_int(s, 0) ? SL_LINK_CONFIRMED : sqlite3_column_int(s, 1) ? SL_LINK_PENDING : SL_LINK_NONE;
    sl_status rc = SL_OK;
    if (shown && *link != SL_LINK_NONE) {
        memset(shown, 0, sizeof *shown);
        shown->state = sl_column_text(s, 2, arena);
        shown->county = sl_column_text(s, 3, arena);
        shown->commitments = sl_column_text(s, 4, arena);
        shown->consent = sqlite3_column_int(s, 5);
        shown->listed = sqlite3_column_int(s, 6);
        shown->name = sl_column_text(s, 7, arena);
        if (!shown->state || !shown->county || !shown->commitments || !shown->name)
            rc = sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory");
    }
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return sl_store_fail(st, err, "looking up a link");
    return rc;
}

sl_status sl_store_pledge_purge(sl_store *st, long long cutoff, long *removed, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_purge(sl_store_pg(st), cutoff, removed, err);
    sqlite3_stmt *s;
    *removed = 0;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (campaign_tables(st, err)) return err->status;
    if (sl_store_prepare(st, "DELETE FROM pledges WHERE confirmed IS NULL AND created < ?", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, cutoff);
    if (run(st, s, "purging pledges", err)) return err->status;
    *removed = (long)sqlite3_changes(sl_store_db(st));
    return SL_OK;
}

sl_status sl_store_pledge_erase(sl_store *st, const char *email, long long now, int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_erase(sl_store_pg(st), email, now, found, err);
    sqlite3_stmt *s;
    *found = 0;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (campaign_tables(st, err)) return err->status;
    if (sl_store_prepare(st, "SELECT id, confirmed IS NOT NULL FROM pledges WHERE email=?", &s, err))
        return err->status;
    sl_bind_text(s, 1, email);
    int step = sqlite3_step(s);
    long long id = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    int was_confirmed = step == SQLITE_ROW && sqlite3_column_int(s, 1);
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return sl_store_fail(st, err, "looking up a pledge");
    if (!id) return SL_OK;
    /* the messages go by the foreign key's cascade */
    if (sl_store_prepare(st, "DELETE FROM pledges WHERE id=?", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, id);
    if (run(st, s, "erasing a pledge", err)) return err->status;
    if (sl_store_prepare(st, "INSERT INTO erasures(erased, was_confirmed) VALUES(?,?)", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, now);
    sqlite3_bind_int(s, 2, was_confirmed);
    if (run(st, s, "logging an erasure", err)) return err->status;
    *found = 1;
    return SL_OK;
}

/* A TRUNCATE checkpoint waits (the busy handler, 5 s) for readers still on
** the log's frames, and then gives up with SQLITE_BUSY: a long read in a
** running server could outlast one wait, so it is tried a few times. */
enum { SCRUB_TRIES = 6 };

sl_status sl_store_pledges_scrub(sl_store *st, sl_error *err)
{
    return sl_store_scrub(st, "pledges", "pledges, pledge_links, outbox", "the erasure", err);
}

sl_status sl_store_scrub(sl_store *st, const char *pg_table, const char *pg_tables, const char *what, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_scrub(sl_store_pg(st), pg_table, pg_tables, what, err);
    int rc = SQLITE_BUSY;
    for (int i = 0; i < SCRUB_TRIES && (rc & 0xff) == SQLITE_BUSY; i++)
        rc = sqlite3_wal_checkpoint_v2(sl_store_db(st), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    if (rc == SQLITE_OK) return SL_OK; /* also in rollback-journal mode: the journal went at commit */
    return sl_fail(err, SL_EIO, sl_store_path(st), 0,
                   "%s is committed, but its bytes are still in the store's write-ahead log (%s): "
                   "run this again when the store's readers have finished",
                   what, sqlite3_errmsg(sl_store_db(st)));
}

/* The columns a reader of pledges gets, in sl_pledge's order: unlisted is
** 0 in a store whose campaign tables are older than version 4 (a reader
** never writes, so it never brings them up to date). */
static const char *pledge_columns(sl_store *st)
{
    return sl_store_has_column(st, "pledges", "unlisted")
               ? "id, email, name, state, county, commitments, consent, listed, created, coalesce(confirmed, 0),"
                 " coalesce(unlisted, 0)"
               : "id, email, name, state, county, commitments, consent, listed, created, coalesce(confirmed, 0), 0";
}

/* FN for each row of S (pledge_columns, bound), finalizing it. */
static sl_status each_pledge(sl_store *st, sqlite3_stmt *s, sl_pledge_fn fn, void *ctx, sl_error *err)
{
    sl_status rc = SL_OK;
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        sl_pledge p = {.id = (long)sqlite3_column_int64(s, 0),
                       .email = (const char *)sqlite3_column_text(s, 1),
                       .name = (const char *)sqlite3_column_text(s, 2),
                       .state = (const char *)sqlite3_column_text(s, 3),
                       .county = (const char *)sqlite3_column_text(s, 4),
                       .commitments = (const char *)sqlite3_column_text(s, 5),
                       .consent = sqlite3_column_int(s, 6),
                       .listed = sqlite3_column_int(s, 7),
                       .created = sqlite3_column_int64(s, 8),
                       .confirmed = sqlite3_column_int64(s, 9),
                       .unlisted = sqlite3_column_int64(s, 10)};
        rc = fn(&p, ctx, err);
    }
    if (!rc && step != SQLITE_DONE) rc = sl_store_fail(st, err, "reading pledges");
    sqlite3_finalize(s);
    return rc;
}

sl_status sl_store_pledges_each(sl_store *st, int confirmed_only, int consented_only, sl_pledge_fn fn, void *ctx,
                                sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledges_each(sl_store_pg(st), confirmed_only, consented_only, fn, ctx, err);
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT %s FROM pledges WHERE (?1 = 0 OR confirmed IS NOT NULL) AND (?2 = 0 OR consent = 1) ORDER BY id",
             pledge_columns(st));
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sqlite3_bind_int(s, 1, confirmed_only != 0);
    sqlite3_bind_int(s, 2, consented_only != 0);
    return each_pledge(st, s, fn, ctx, err);
}

sl_status sl_store_listed_each(sl_store *st, long skip, long max, sl_pledge_fn fn, void *ctx, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_listed_each(sl_store_pg(st), skip, max, fn, ctx, err);
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT %s FROM pledges WHERE confirmed IS NOT NULL AND listed = 1"
             " ORDER BY confirmed DESC, id DESC LIMIT ? OFFSET ?", pledge_columns(st));
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, max);
    sqlite3_bind_int64(s, 2, skip);
    return each_pledge(st, s, fn, ctx, err);
}

/* The pledge of EMAIL (or, EMAIL NULL, of number ID): its row id into *PID
** (0: none) and the value of the SQL expression STATE over its row into
** *VALUE, for unlisting and relisting to decide on. */
static sl_status pledge_state(sl_store *st, const char *state, const char *email, long id, long long *pid, int *value,
                              sl_error *err)
{
    sqlite3_stmt *s;
    char sql[640];
    snprintf(sql, sizeof sql, "SELECT id, %s FROM pledges WHERE (?1 IS NOT NULL AND email = ?1) OR (?1 IS NULL AND id = ?2)",
             state);
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sl_bind_text(s, 1, email);
    sqlite3_bind_int64(s, 2, id);
    int step = sqlite3_step(s);
    *pid = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    *value = step == SQLITE_ROW ? sqlite3_column_int(s, 1) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "looking up a pledge");
}

sl_status sl_store_pledge_unlist(sl_store *st, const char *email, long id, long long now, int *found,
                                 int *was_listed, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_unlist(sl_store_pg(st), email, id, now, found, was_listed, err);
    sqlite3_stmt *s;
    *found = *was_listed = 0;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (campaign_tables(st, err)) return err->status;
    /* a pending pledge "would be listed" when one of its links says so */
    long long pid;
    if (pledge_state(st,
                     "CASE WHEN unlisted IS NOT NULL THEN 2 WHEN listed = 1 OR (confirmed IS NULL AND"
                     " EXISTS(SELECT 1 FROM pledge_links l WHERE l.pledge_id = pledges.id AND l.listed = 1))"
                     " THEN 1 ELSE 0 END",
                     email, id, &pid, was_listed, err))
        return err->status;
    if (!pid) return SL_OK;
    *found = 1;
    /* the first unlisting's time is kept: an organiser's second press
    ** changes nothing; a confirmed pledge not unlisted yet is listed as
    ** its signer chose, which is kept for a relisting */
    if (sl_store_prepare(st,
                         "UPDATE pledges SET listed_choice = CASE WHEN unlisted IS NULL AND confirmed IS NOT NULL"
                         " THEN listed ELSE listed_choice END, listed = 0, unlisted = coalesce(unlisted, ?) WHERE id = ?",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, now);
    sqlite3_bind_int64(s, 2, pid);
    return run(st, s, "unlisting a pledge", err);
}

sl_status sl_store_pledge_relist(sl_store *st, const char *email, long id, int *found, sl_relist *done,
                                 sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_relist(sl_store_pg(st), email, id, found, done, err);
    sqlite3_stmt *s;
    *found = 0;
    *done = SL_RELIST_NOT_UNLISTED;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (campaign_tables(st, err)) return err->status;
    long long pid;
    int state;
    if (pledge_state(st,
                     "CASE WHEN unlisted IS NULL THEN 0 WHEN confirmed IS NULL THEN 2"
                     " WHEN listed_choice = 1 THEN 1 WHEN listed_choice = 0 THEN 3 ELSE 4 END",
                     email, id, &pid, &state, err))
        return err->status;
    *done = (sl_relist)state;
    *found = pid != 0;
    /* only a signer who chose the list goes back on it; a pending one's
    ** confirmation follows its link again */
    if (*done != SL_RELIST_LISTED && *done != SL_RELIST_PENDING) return SL_OK;
    if (sl_store_prepare(st, "UPDATE pledges SET unlisted = NULL, listed = (confirmed IS NOT NULL AND listed_choice = 1)"
                             " WHERE id = ?", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, pid);
    return run(st, s, "relisting a pledge", err);
}

/* FN for each (state, county, count) row of S (bound), finalizing it. */
static sl_status each_count(sl_store *st, sqlite3_stmt *s, sl_pledge_count_fn fn, void *ctx, sl_error *err)
{
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
           (long)sqlite3_column_int64(s, 2), ctx);
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "counting pledges");
}

sl_status sl_store_pledge_counts(sl_store *st, long long before, sl_pledge_count_fn fn, void *ctx, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_counts(sl_store_pg(st), before, fn, ctx, err);
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT state, county, sum(n) FROM (%s) GROUP BY state, county ORDER BY state, county",
             sl_store_counted_sql(st));
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, before);
    return each_count(st, s, fn, ctx, err);
}

sl_status sl_store_public_counts(sl_store *st, long long hour, sl_pledge_count_fn fn, void *ctx, int *found,
                                 sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_public_counts(sl_store_pg(st), hour, fn, ctx, found, err);
    sqlite3_stmt *s;
    /* no pledge ever: nothing to count, nothing to keep */
    *found = !sl_store_has_table(st, "pledges");
    if (*found || !sl_store_has_table(st, "public_count_hours")) return SL_OK;
    if (sl_store_prepare(st, "SELECT count(*) FROM public_count_hours WHERE hour = ?", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, hour);
    int step = sqlite3_step(s);
    *found = step == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0;
    sqlite3_finalize(s);
    if (step != SQLITE_ROW) return sl_store_fail(st, err, "looking up the hour's counts");
    if (!*found) return SL_OK;
    if (sl_store_prepare(st, "SELECT state, county, pledges FROM public_counts WHERE hour = ? ORDER BY state, county",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, hour);
    return each_count(st, s, fn, ctx, err);
}

sl_status sl_store_public_counts_make(sl_store *st, long long hour, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_public_counts_make(sl_store_pg(st), hour, err);
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (campaign_tables(st, err)) return err->status;
    /* the first stored wins: another process (or a clock a little ahead)
    ** made this hour's, or a later one, already */
    if (sl_store_prepare(st, "SELECT count(*) FROM public_count_hours WHERE hour >= ?", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, hour);
    int step = sqlite3_step(s);
    long long later = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (step != SQLITE_ROW) return sl_store_fail(st, err, "looking up the hour's counts");
    if (later) return SL_OK;
    char counted[512];
    snprintf(counted, sizeof counted, "INSERT INTO public_counts SELECT ?1, state, county, sum(n) FROM (%s)"
             " GROUP BY state, county", sl_store_counted_sql(st));
    const char *sql[] = {"DELETE FROM public_counts WHERE hour < ?1", "DELETE FROM public_count_hours WHERE hour < ?1",
                         "INSERT INTO public_count_hours VALUES(?1)", counted};
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        if (sl_store_prepare(st, sql[i], &s, err)) return err->status;
        sqlite3_bind_int64(s, 1, hour);
        if (run(st, s, "storing the hour's counts", err)) return err->status;
    }
    return SL_OK;
}
