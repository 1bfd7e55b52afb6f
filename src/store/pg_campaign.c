/*
** pg_campaign.c — the campaign's tables in the PostgreSQL store: the
** campaign, pledges, erasures, the admin token and the areas' centres (the
** outbox's messages: pg_outbox.c) (see pg.h; the SQLite side is campaign.c, outbox.c and admin.c,
** whose rules and results these follow).
**
** Why here too: a campaign hosted behind several `serve` processes needs one
** store they all write, and a pledge posted to two of them at once must be
** stored once. Every write runs in the caller's transaction, which holds the
** store's write lock (sl_pg_begin): so the look-up of an email and the
** insert that follows it are one step for every process, and ids are the
** largest plus one, as SQLite's rowids, the same on both backends.
**
** The campaign tables are created by the first campaign write, with their own
** version in meta (campaign_schema), as on SQLite; readers of a store without
** them read no campaign. Text orders by bytes (COLLATE "C"), as SQLite's.
** PostgreSQL has no secure_delete: an erased pledge's row is gone for every
** query at once and its space is overwritten after VACUUM (autovacuum).
*/
#include "pg.h"
#include "sightline/store/admin.h"
#include "sightline/store/campaign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS campaign("
    "  id bigint PRIMARY KEY CHECK(id = 1), title text NOT NULL, pledge_md text NOT NULL,"
    "  organisation text NOT NULL, contact text NOT NULL, privacy text NOT NULL,"
    "  area_set text NOT NULL, base_url text NOT NULL, sender text NOT NULL, updated_at text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS campaign_commitments("
    "  position bigint PRIMARY KEY, key text NOT NULL UNIQUE, label text NOT NULL);"
    /* personal data (email, name): here and in pledge_links, whose rows go with their pledge */
    "CREATE TABLE IF NOT EXISTS pledges("
    "  id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL DEFAULT '',"
    "  state text NOT NULL, county text NOT NULL, commitments text NOT NULL DEFAULT '',"
    "  consent integer NOT NULL DEFAULT 0, listed integer NOT NULL DEFAULT 0,"
    "  created bigint NOT NULL, confirmed bigint, token_expires bigint, unlisted bigint);"
    /* before version 4 no organiser could unlist a pledge (a no-op on newer tables) */
    "ALTER TABLE pledges ADD COLUMN IF NOT EXISTS unlisted bigint;"
    /* the signer's own choice to be listed, kept while an unlisting zeroes
    ** listed; NULL: not recorded (unlisted before version 5, which
    ** overwrote it: relisting leaves those off the list) */
    "ALTER TABLE pledges ADD COLUMN IF NOT EXISTS listed_choice integer;"
    "CREATE INDEX IF NOT EXISTS pledges_place ON pledges(confirmed, state, county);"
    "CREATE TABLE IF NOT EXISTS outbox("
    "  id bigint PRIMARY KEY, pledge_id bigint NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,"
    "  subject text NOT NULL, body text, created bigint NOT NULL, sent bigint,"
    "  attempts integer NOT NULL DEFAULT 0, last_error text, retry_at bigint);"
    /* before version 10 every failed message was tried again at the next run */
    "ALTER TABLE outbox ADD COLUMN IF NOT EXISTS retry_at bigint;"
    "CREATE INDEX IF NOT EXISTS outbox_pledge ON outbox(pledge_id);"
    /* every link sent for a pledge (hashed), with the answers of the sign-up
    ** it was sent for: each confirms those, until the pledge's links expire */
    "CREATE TABLE IF NOT EXISTS pledge_links("
    "  token_hash text PRIMARY KEY, pledge_id bigint NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,"
    "  name text NOT NULL DEFAULT '', state text NOT NULL DEFAULT '', county text NOT NULL DEFAULT '',"
    "  commitments text NOT NULL DEFAULT '', consent integer NOT NULL DEFAULT 0, listed integer NOT NULL DEFAULT 0);"
    /* version 2's links had no answers of their own (a no-op on newer tables) */
    "ALTER TABLE pledge_links ADD COLUMN IF NOT EXISTS name text NOT NULL DEFAULT '',"
    "  ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT '', ADD COLUMN IF NOT EXISTS county text NOT NULL DEFAULT '',"
    "  ADD COLUMN IF NOT EXISTS commitments text NOT NULL DEFAULT '',"
    "  ADD COLUMN IF NOT EXISTS consent integer NOT NULL DEFAULT 0, ADD COLUMN IF NOT EXISTS listed integer NOT NULL DEFAULT 0;"
    "CREATE INDEX IF NOT EXISTS pledge_links_pledge ON pledge_links(pledge_id);"
    /* no field of the signer: when, and whether the pledge had counted */
    "CREATE TABLE IF NOT EXISTS erasures(id bigint PRIMARY KEY, erased bigint NOT NULL,"
    "  was_confirmed integer NOT NULL);"
    /* the public counts of an hour, made at its first read and served all
    ** of it (pg_counts.c): counts per place only, the newest hour alone */
    "CREATE TABLE IF NOT EXISTS public_count_hours(hour bigint PRIMARY KEY);"
    "CREATE TABLE IF NOT EXISTS public_counts("
    "  hour bigint NOT NULL REFERENCES public_count_hours(hour) ON DELETE CASCADE,"
    "  state text NOT NULL, county text NOT NULL, pledges bigint NOT NULL, PRIMARY KEY(hour, state, county));"
    /* version 7 (pg_campaign_end.c): a row while the campaign is closed, and
    ** the counts per place of the signers erased all at once at its end */
    "CREATE TABLE IF NOT EXISTS campaign_closed(id bigint PRIMARY KEY CHECK(id = 1), closed bigint NOT NULL);"
    "CREATE TABLE IF NOT EXISTS kept_counts(state text NOT NULL, county text NOT NULL, pledges bigint NOT NULL,"
    "  PRIMARY KEY(state, county));"
    "CREATE TABLE IF NOT EXISTS campaign_exports(id bigint PRIMARY KEY, made bigint NOT NULL, rows bigint NOT NULL);"
    /* version 8 (pg_campaign_manage.c): a signer's links to manage her
    ** pledge (hashed), and the log of changes to pledges (nothing of a signer) */
    "CREATE TABLE IF NOT EXISTS manage_links("
    "  token_hash text PRIMARY KEY, pledge_id bigint NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,"
    "  created bigint NOT NULL, expires bigint);"
    "CREATE INDEX IF NOT EXISTS manage_links_pledge ON manage_links(pledge_id);"
    "CREATE TABLE IF NOT EXISTS pledge_changes(id bigint PRIMARY KEY, made bigint NOT NULL, what text NOT NULL,"
    "  by text NOT NULL);"
    /* version 9 (campaign_versions.c): the organisation and commitments as
    ** each save left them, and from when */
    "CREATE TABLE IF NOT EXISTS campaign_versions(id bigint PRIMARY KEY, made bigint NOT NULL,"
    "  organisation text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS campaign_version_commitments("
    "  version bigint NOT NULL REFERENCES campaign_versions(id) ON DELETE CASCADE, position bigint NOT NULL,"
    "  key text NOT NULL, label text NOT NULL, PRIMARY KEY(version, position));";

/* Before version 9 only the current content was kept: it becomes the first
** version, made 0 (in force from before anything the store knows). */
static const char FIRST_VERSION[] =
    "INSERT INTO campaign_versions(id, made, organisation) SELECT 1, 0, organisation FROM campaign"
    " WHERE NOT EXISTS (SELECT 1 FROM campaign_versions);"
    "INSERT INTO campaign_version_commitments SELECT 1, position, key, label FROM campaign_commitments"
    " WHERE EXISTS (SELECT 1 FROM campaign_versions WHERE id = 1)"
    " AND NOT EXISTS (SELECT 1 FROM campaign_version_commitments)";

/* Create the campaign tables (first write, in the caller's transaction) and
** record their version; refuse tables a newer sightline made. */
static sl_status campaign_tables(sl_pg *pg, sl_error *err)
{
    PGresult *r;
    if (sl_pg_run(pg, "SELECT value FROM meta WHERE key = 'campaign_schema'", 0, NULL, &r,
                  "reading the campaign's version", err))
        return err->status;
    long v = PQntuples(r) ? atol(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    if (v > SL_CAMPAIGN_SCHEMA_VERSION)
        /* not SL_EDATA, which a form takes for a wrong field (campaign.c) */
        return sl_fail(err, SL_EIO, sl_pg_name(pg), 0,
                       "the store's campaign tables have version %ld; this sightline knows up to %d (use a newer "
                       "sightline)", v,
                       SL_CAMPAIGN_SCHEMA_VERSION);
    if (v == SL_CAMPAIGN_SCHEMA_VERSION) return SL_OK;
    char sql[160];
    snprintf(sql, sizeof sql, "INSERT INTO meta VALUES('campaign_schema', '%d') ON CONFLICT (key) DO UPDATE"
                              " SET value = excluded.value", SL_CAMPAIGN_SCHEMA_VERSION);
    if (sl_pg_exec(pg, SCHEMA, "creating the campaign's tables", err)) return err->status;
    /* version 1 kept one link per pledge, in pledges.token_hash (left empty now) */
    if (v == 1 && sl_pg_exec(pg,
                             "INSERT INTO pledge_links(token_hash, pledge_id) SELECT token_hash, id FROM pledges"
                             " WHERE token_hash IS NOT NULL ON CONFLICT DO NOTHING; UPDATE pledges SET token_hash = NULL",
                             "moving the links of version 1", err))
        return err->status;
    /* an older link confirms what it confirmed then: the pledge's answers */
    if (v && v < 3 && sl_pg_exec(pg,
                        "UPDATE pledge_links l SET name = p.name, state = p.state, county = p.county,"
                        " commitments = p.commitments, consent = p.consent, listed = p.listed"
                        " FROM pledges p WHERE p.id = l.pledge_id",
                        "giving the links of an older version their answers", err))
        return err->status;
    if (v && v < 9 && sl_pg_exec(pg, FIRST_VERSION, "keeping the campaign's content as its first version", err))
        return err->status;
    return sl_pg_exec(pg, sql, "recording the campaign's version", err);
}

sl_status sl_pg_campaign_tables(sl_pg *pg, sl_error *err)
{
    return campaign_tables(pg, err);
}

/* ---- the campaign ----------------------------------------------------------- */

sl_status sl_pg_campaign_save(sl_pg *pg, const sl_campaign *c, sl_error *err)
{
    if (campaign_tables(pg, err)) return err->status;
    const char *v[] = {c->title, c->pledge_md, c->organisation, c->contact,
                       c->privacy, c->area_set, c->base_url, c->sender};
    for (int i = 0; i < 8; i++) v[i] = v[i] ? v[i] : "";
    if (sl_pg_run(pg,
                  "INSERT INTO campaign VALUES(1, $1, $2, $3, $4, $5, $6, $7, $8,"
                  " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
                  " ON CONFLICT (id) DO UPDATE SET title = excluded.title, pledge_md = excluded.pledge_md,"
                  " organisation = excluded.organisation, contact = excluded.contact, privacy = excluded.privacy,"
                  " area_set = excluded.area_set, base_url = excluded.base_url, sender = excluded.sender,"
                  " updated_at = excluded.updated_at",
                  8, v, NULL, "saving the campaign", err))
        return err->status;
    if (sl_pg_run(pg, "DELETE FROM campaign_commitments", 0, NULL, NULL, "saving the commitments", err))
        return err->status;
    for (size_t i = 0; i < c->n_commitments; i++) {
        char n[32];
        const char *w[] = {sl_pg_num(n, (long long)i), c->commitments[i].key, c->commitments[i].label};
        if (sl_pg_run(pg, "INSERT INTO campaign_commitments VALUES($1, $2, $3)", 3, w, NULL, "saving a commitment",
                      err))
            return err->status;
    }
    return SL_OK;
}

static sl_status load_commitments(sl_pg *pg, sl_arena *a, sl_campaign *c, sl_error *err)
{
    PGresult *r;
    if (sl_pg_run(pg, "SELECT key, label FROM campaign_commitments ORDER BY position", 0, NULL, &r,
                  "reading the commitments", err))
        return err->status;
    int n = PQntuples(r);
    sl_status rc = SL_OK;
    if (n) {
        c->commitments = sl_arena_alloc(a, (size_t)n * sizeof *c->commitments);
        if (!c->commitments) rc = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    }
    for (int i = 0; !rc && i < n; i++) {
        sl_commitment *m = &c->commitments[c->n_commitments++];
        m->key = sl_arena_strdup(a, PQgetvalue(r, i, 0));
        m->label = sl_arena_strdup(a, PQgetvalue(r, i, 1));
        if (!m->key || !m->label) rc = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    }
    PQclear(r);
    return rc;
}

sl_status sl_pg_campaign_load(sl_pg *pg, sl_arena *a, sl_campaign *c, int *found, sl_error *err)
{
    PGresult *r;
    memset(c, 0, sizeof *c);
    *found = 0;
    if (!sl_pg_table_there(pg, "campaign")) return SL_OK;
    if (sl_pg_run(pg,
                  "SELECT title, pledge_md, organisation, contact, privacy, area_set, base_url, sender, updated_at"
                  " FROM campaign WHERE id = 1",
                  0, NULL, &r, "reading the campaign", err))
        return err->status;
    if (PQntuples(r) == 1) {
        *found = 1;
        const char **f[] = {&c->title, &c->pledge_md, &c->organisation, &c->contact, &c->privacy,
                            &c->area_set, &c->base_url, &c->sender, &c->updated_at};
        for (int i = 0; i < 9; i++)
            if (!(*f[i] = sl_arena_strdup(a, PQgetvalue(r, 0, i)))) *found = -1;
    }
    PQclear(r);
    if (*found < 0) {
        *found = 0;
        return sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    }
    if (*found && sl_pg_campaign_closed_at(pg, &c->closed, err)) return err->status;
    return *found ? load_commitments(pg, a, c, err) : SL_OK;
}

sl_status sl_pg_area_lookup(sl_pg *pg, const char *set, const char *id, sl_arena *arena, const char **name,
                            int *found, sl_error *err)
{
    PGresult *r;
    *found = 0;
    *name = NULL;
    const char *v[] = {set, id};
    if (sl_pg_run(pg, "SELECT coalesce(name, '') FROM areas WHERE set_name = $1 AND id = $2", 2, v, &r,
                  "looking up an area", err))
        return err->status;
    if (PQntuples(r) == 1) {
        *found = 1;
        *name = sl_arena_strdup(arena, PQgetvalue(r, 0, 0));
    }
    PQclear(r);
    return *found && !*name ? sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory") : SL_OK;
}

/* ---- pledges ------------------------------------------------------------------ */

/* The pledge of EMAIL: *id (0: none) and whether it is confirmed. */
static sl_status find_pledge(sl_pg *pg, const char *email, long *id, int *confirmed, sl_error *err)
{
    PGresult *r;
    const char *v[1] = {email};
    *id = 0;
    *confirmed = 0;
    if (sl_pg_run(pg, "SELECT id, (confirmed IS NOT NULL)::int FROM pledges WHERE email = $1", 1, v, &r,
                  "looking up a pledge", err))
        return err->status;
    if (PQntuples(r) == 1) {
        *id = atol(PQgetvalue(r, 0, 0));
        *confirmed = atoi(PQgetvalue(r, 0, 1));
    }
    PQclear(r);
    return SL_OK;
}

/* 1 when pledge ID has a message not sent yet, with its link. */
static sl_status unsent_link(sl_pg *pg, const char *id, int *unsent, sl_error *err)
{
    PGresult *r;
    const char *v[1] = {id};
    if (sl_pg_run(pg, "SELECT count(*) FROM outbox WHERE pledge_id = $1 AND sent IS NULL AND body IS NOT NULL", 1, v,
                  &r, "looking up a pledge's messages", err))
        return err->status;
    *unsent = PQntuples(r) == 1 && atol(PQgetvalue(r, 0, 0)) > 0;
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_pledge_add(sl_pg *pg, const sl_pledge *p, const char *token_hash, long long expires, long *id,
                           sl_pledge_state *state, sl_error *err)
{
    int confirmed;
    if (campaign_tables(pg, err) || find_pledge(pg, p->email, id, &confirmed, err)) return err->status;
    *state = !*id ? SL_PLEDGE_NEW : confirmed ? SL_PLEDGE_CONFIRMED : SL_PLEDGE_UNCONFIRMED;
    if (*state == SL_PLEDGE_CONFIRMED) return SL_OK;
    char n[3][32];
    const char *v[] = {p->name ? p->name : "", p->state, p->county, p->commitments ? p->commitments : "",
                       p->consent ? "1" : "0", p->listed ? "1" : "0", sl_pg_num(n[0], p->created),
                       sl_pg_num(n[1], expires), p->email};
    PGresult *r;
    /* A pending pledge keeps its answers: anyone may type its address, so
    ** a later sign-up's answers go with its own link only (below). */
    if (*state == SL_PLEDGE_NEW
            ? sl_pg_run(pg, "INSERT INTO pledges(id, name, state, county, commitments, consent, listed, created,"
                            " token_expires, email) VALUES((SELECT coalesce(max(id), 0) + 1 FROM pledges),"
                            " $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                        9, v, &r, "saving a pledge", err)
            : sl_pg_run(pg, "UPDATE pledges SET created = $1, token_expires = $2 WHERE email = $3 RETURNING id", 3,
                        v + 6, &r, "saving a pledge", err))
        return err->status;
    if (PQntuples(r) == 1) *id = atol(PQgetvalue(r, 0, 0));
    PQclear(r);
    int unsent = 0;
    sl_pg_num(n[2], *id);
    if (*state == SL_PLEDGE_UNCONFIRMED && unsent_link(pg, n[2], &unsent, err)) return err->status;
    if (unsent) {
        *state = SL_PLEDGE_QUEUED;
        return SL_OK;
    }
    const char *w[] = {v[0], v[1], v[2], v[3], v[4], v[5], token_hash, n[2]};
    return sl_pg_run(pg, "INSERT INTO pledge_links(name, state, county, commitments, consent, listed, token_hash,"
                         " pledge_id) VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
                     8, w, NULL, "saving a pledge's link", err);
}

sl_status sl_pg_pledge_confirm(sl_pg *pg, const char *token_hash, long long now, int *confirmed, sl_error *err)
{
    PGresult *r;
    char n[32];
    *confirmed = 0;
    if (campaign_tables(pg, err)) return err->status;
    const char *v[] = {sl_pg_num(n, now), token_hash};
    /* the pledge takes the answers of the sign-up the link was sent for,
    ** but stays off the public list once an organiser took it off: the
    ** choice is kept, for a relisting */
    if (sl_pg_run(pg, "UPDATE pledges p SET confirmed = $1, name = l.name, state = l.state, county = l.county,"
                      " commitments = l.commitments, consent = l.consent, listed_choice = l.listed,"
                      " listed = CASE WHEN p.unlisted IS NULL THEN l.listed ELSE 0 END"
                      " FROM pledge_links l WHERE l.token_hash = $2 AND p.id = l.pledge_id"
                      " AND p.confirmed IS NULL AND p.token_expires >= $1 RETURNING p.id",
                  2, v, &r, "confirming a pledge", err))
        return err->status;
    char id[32] = "";
    if (PQntuples(r) == 1) snprintf(id, sizeof id, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    if (!id[0]) return SL_OK;
    /* Links not yet sent are of no use now, and each carries a secret. */
    const char *w[1] = {id};
    if (sl_pg_run(pg, "DELETE FROM outbox WHERE pledge_id = $1 AND sent IS NULL", 1, w, NULL,
                  "dropping unsent links", err))
        return err->status;
    *confirmed = 1;
    return SL_OK;
}

sl_status sl_pg_pledge_link(sl_pg *pg, const char *token_hash, long long now, sl_pledge_link *link, sl_arena *arena,
                            sl_pledge *shown, sl_error *err)
{
    PGresult *r;
    char n[32];
    *link = SL_LINK_NONE;
    if (campaign_tables(pg, err)) return err->status;
    const char *v[] = {sl_pg_num(n, now), token_hash};
    if (sl_pg_run(pg, "SELECT (p.confirmed IS NOT NULL)::int, (p.token_expires >= $1)::int, l.state, l.county,"
                      " l.commitments, l.consent, CASE WHEN p.unlisted IS NULL THEN l.listed ELSE 0 END,"
                      " CASE WHEN p.unlisted IS NULL AND l.listed <> 0 THEN l.name ELSE '' END"
                      " FROM pledge_links l JOIN pledges p ON p.id = l.pledge_id"
                      " WHERE l.token_hash = $2",
                  2, v, &r, "looking up a link", err))
        return err->status;
    if (PQntuples(r) == 1)
        *link = atoi(PQgetvalue(r, 0, 0)) ? SL_LINK_CONFIRMED : atoi(PQgetvalue(r, 0, 1)) ? SL_LINK_PENDING : SL_LINK_NONE;
    sl_status rc = SL_OK;
    if (shown && *link != SL_LINK_NONE) {
        memset(shown, 0, sizeof *shown);
        shown->state = sl_arena_strdup(arena, PQgetvalue(r, 0, 2));
        shown->county = sl_arena_strdup(arena, PQgetvalue(r, 0, 3));
        shown->commitments = sl_arena_strdup(arena, PQgetvalue(r, 0, 4));
        shown->consent = atoi(PQgetvalue(r, 0, 5));
        shown->listed = atoi(PQgetvalue(r, 0, 6));
        shown->name = sl_arena_strdup(arena, PQgetvalue(r, 0, 7));
        if (!shown->state || !shown->county || !shown->commitments || !shown->name)
            rc = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    }
    PQclear(r);
    return rc;
}

sl_status sl_pg_pledge_purge(sl_pg *pg, long long cutoff, long *removed, sl_error *err)
{
    PGresult *r;
    char n[32];
    *removed = 0;
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (campaign_tables(pg, err)) return err->status;
    const char *v[1] = {sl_pg_num(n, cutoff)};
    if (sl_pg_run(pg, "DELETE FROM pledges WHERE confirmed IS NULL AND created < $1", 1, v, &r, "purging pledges",
                  err))
        return err->status;
    *removed = atol(PQcmdTuples(r));
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_pledge_erase(sl_pg *pg, const char *email, long long now, int *found, sl_error *err)
{
    long id;
    int was_confirmed;
    char n[2][32];
    *found = 0;
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (campaign_tables(pg, err) || find_pledge(pg, email, &id, &was_confirmed, err)) return err->status;
    if (!id) return SL_OK;
    /* the messages go by the foreign key's cascade */
    const char *v[1] = {sl_pg_num(n[0], id)};
    if (sl_pg_run(pg, "DELETE FROM pledges WHERE id = $1", 1, v, NULL, "erasing a pledge", err)) return err->status;
    const char *w[] = {sl_pg_num(n[0], now), sl_pg_num(n[1], was_confirmed)};
    if (sl_pg_run(pg, "INSERT INTO erasures(id, erased, was_confirmed)"
                      " VALUES((SELECT coalesce(max(id), 0) + 1 FROM erasures), $1, $2)",
                  2, w, NULL, "logging an erasure", err))
        return err->status;
    *found = 1;
    return SL_OK;
}

/* VACUUM FULL writes each table anew and empties its old files (and their
** indexes' and TOAST's) at commit; a plain VACUUM only marks the rows'
** space free. But it copies every row an open snapshot may still see: a
** reader of a running `serve` whose snapshot began before the delete
** committed keeps the erased row alive, and it was copied into the new
** files (seen under load). So the scrub first waits until no other
** session of this database holds a snapshot older than this moment (a
** transaction id taken now, after the delete), and no transaction of any
** database that began before it still runs: either keeps the rewrite's
** horizon before the delete. Then it rewrites. It waits
** for the tables' lock (a pledge being written) at most lock_timeout. */
enum { SCRUB_WAIT_TRIES = 300 }; /* of 100 ms: 30 s */

static sl_status older_snapshots(sl_pg *pg, const char *now, int *any, sl_error *err)
{
    PGresult *r;
    const char *v[] = {now};
    *any = 1;
    /* a reader of this database holding an older snapshot; or any
    ** transaction of the cluster, of any database, begun before now and
    ** still running (prepared ones too): the rewrite's own snapshot then
    ** begins before the delete, and it copies the deleted row as "recently
    ** dead" (seen with another database's long COPY beside the erase) */
    if (sl_pg_run(pg, "SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                      " AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL"
                      " AND age(backend_xmin) >= age(($1::bigint % 4294967296)::text::xid))"
                      " + (txid_snapshot_xmin(txid_current_snapshot()) <= $1::bigint)::int",
                  1, v, &r, "waiting for older snapshots", err))
        return err->status;
    *any = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "0") != 0;
    PQclear(r);
    return SL_OK;
}

/* VACUUM of a table its role does not own (nor the database) "skips" it
** with a warning and succeeds: a colleague's exclusion or the campaign's
** serve role's erasure then said it was done while the rows' bytes stayed
** in the table's files. So the role is checked first, and the person told
** what the owner runs. */
static sl_status may_vacuum(sl_pg *pg, const char *tables, const char *what, sl_error *err)
{
    PGresult *r;
    const char *v[] = {tables};
    if (sl_pg_run(pg, "SELECT string_agg(format('sightline.%I', c.relname), ', ' ORDER BY c.relname),"
                      " min(pg_get_userbyid(c.relowner)), current_user, current_database()"
                      " FROM unnest(string_to_array(replace($1, ' ', ''), ',')) t(name)"
                      " JOIN pg_class c ON c.oid = to_regclass('sightline.' || quote_ident(t.name))"
                      " JOIN pg_database d ON d.datname = current_database()"
                      " WHERE NOT pg_has_role(current_user, c.relowner, 'USAGE')"
                      " AND NOT pg_has_role(current_user, d.datdba, 'USAGE')",
                  1, v, &r, "checking who may overwrite deleted rows", err))
        return err->status;
    int refused = PQntuples(r) == 1 && !PQgetisnull(r, 0, 0);
    sl_status s = SL_OK;
    if (refused)
        s = sl_fail(err, SL_EIO, sl_pg_name(pg), 0,
                    "%s is committed, but the deleted rows' bytes stay in the table's files: only the owner of"
                    " %s (role %s) may overwrite them, not role %s. The owner runs, in psql on database %s:"
                    " VACUUM (FULL) %s; (README.md, \"A colleague's own role\")",
                    what, PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3),
                    PQgetvalue(r, 0, 0));
    PQclear(r);
    return s;
}

sl_status sl_pg_scrub(sl_pg *pg, const char *table, const char *tables, const char *what, sl_error *err)
{
    if (!sl_pg_table_there(pg, table)) return SL_OK;
    PGresult *r;
    char now[32];
    if (sl_pg_run(pg, "SELECT txid_current()", 0, NULL, &r, "scrubbing erased pledges", err))
        return err->status;
    snprintf(now, sizeof now, "%s", PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "0");
    PQclear(r);
    int any = 1;
    double told = 0; /* a colleague's audit holding its snapshot: the wait is told, as a writer's is */
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; any && i < SCRUB_WAIT_TRIES; i++) {
        if (older_snapshots(pg, now, &any, err)) return err->status;
        if (any) {
            struct timespec pause = {0, 100000000};
            nanosleep(&pause, NULL);
            clock_gettime(CLOCK_MONOTONIC, &t);
            sl_pg_tell_wait(pg, (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9, &told);
        }
    }
    if (any)
        return sl_fail(err, SL_EIO, NULL, 0,
                       "%s is committed, but a session of the database still holds a snapshot from "
                       "before it, so its bytes cannot be overwritten yet: run this again when the store's "
                       "readers have finished", what);
    if (may_vacuum(pg, tables, what, err) || sl_pg_exec(pg, "SET lock_timeout = '30s'", "scrubbing erased pledges", err))
        return err->status;
    char sql[200];
    snprintf(sql, sizeof sql, "VACUUM (FULL) %s", tables);
    sl_pg_take_notice(pg, NULL, 0);
    sl_status rc = sl_pg_exec(pg, sql, "overwriting deleted rows (VACUUM FULL)", err);
    char notice[300];
    if (!rc && sl_pg_take_notice(pg, notice, sizeof notice)) /* a table it skipped, as the check above missed */
        rc = sl_fail(err, SL_EIO, sl_pg_name(pg), 0, "%s is committed, but VACUUM (FULL) %s said: %s", what, tables,
                     notice);
    sl_error ignored;
    sl_pg_exec(pg, "RESET lock_timeout", "scrubbing erased pledges", &ignored);
    return rc;
}

/* 1 when TABLE has COLUMN: campaign tables of an older version lack the
** later columns until a write brings them up to date (a reader never
** writes). */
static int has_column(sl_pg *pg, const char *table, const char *column)
{
    PGresult *r;
    sl_error e;
    int yes = 0;
    const char *v[] = {table, column};
    if (!sl_pg_run(pg, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'sightline'"
                       " AND table_name = $1 AND column_name = $2",
                   2, v, &r, "reading the schema", &e)) {
        yes = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "0") != 0;
        PQclear(r);
    }
    return yes;
}

/* pledges.unlisted came with version 4. */
static int has_unlisted(sl_pg *pg)
{
    return has_column(pg, "pledges", "unlisted");
}

/* The columns a reader of pledges gets, in sl_pledge's order (unlisted 0
** in tables older than version 4): each reader's statement is a whole
** literal per kind of table, as sl_pg_run keys its prepared statements by
** the SQL's address (one built in a stack buffer would run, under another
** query's name, the statement first prepared at that address). */
#define PLEDGE_COLUMNS(UNLISTED)                                                                                       \
    "id, email, name, state, county, commitments, consent, listed, created, coalesce(confirmed, 0), " UNLISTED
#define PLEDGE_QUERY(TAIL) {"SELECT " PLEDGE_COLUMNS("0") TAIL, "SELECT " PLEDGE_COLUMNS("coalesce(unlisted, 0)") TAIL}

/* FN for each row of R (pledge_columns), clearing it. */
static sl_status each_pledge(PGresult *r, sl_pledge_fn fn, void *ctx, sl_error *err)
{
    sl_status rc = SL_OK;
    for (int i = 0; !rc && i < PQntuples(r); i++) {
        sl_pledge p = {.id = atol(PQgetvalue(r, i, 0)),
                       .email = PQgetvalue(r, i, 1),
                       .name = PQgetvalue(r, i, 2),
                       .state = PQgetvalue(r, i, 3),
                       .county = PQgetvalue(r, i, 4),
                       .commitments = PQgetvalue(r, i, 5),
                       .consent = atoi(PQgetvalue(r, i, 6)),
                       .listed = atoi(PQgetvalue(r, i, 7)),
                       .created = atoll(PQgetvalue(r, i, 8)),
                       .confirmed = atoll(PQgetvalue(r, i, 9)),
                       .unlisted = atoll(PQgetvalue(r, i, 10))};
        rc = fn(&p, ctx, err);
    }
    PQclear(r);
    return rc;
}

sl_status sl_pg_pledges_each(sl_pg *pg, int confirmed_only, int consented_only, sl_pledge_fn fn, void *ctx,
                             sl_error *err)
{
    PGresult *r;
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    const char *v[] = {confirmed_only ? "1" : "0", consented_only ? "1" : "0"};
    static const char *const SQL[] = PLEDGE_QUERY(" FROM pledges WHERE ($1::int = 0 OR confirmed IS NOT NULL)"
                                                  " AND ($2::int = 0 OR consent = 1) ORDER BY id");
    if (sl_pg_run(pg, SQL[has_unlisted(pg)], 2, v, &r, "reading pledges", err)) return err->status;
    return each_pledge(r, fn, ctx, err);
}

sl_status sl_pg_listed_each(sl_pg *pg, long skip, long max, sl_pledge_fn fn, void *ctx, sl_error *err)
{
    PGresult *r;
    char n[2][32];
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    const char *v[] = {sl_pg_num(n[0], max), sl_pg_num(n[1], skip)};
    static const char *const SQL[] = PLEDGE_QUERY(" FROM pledges WHERE confirmed IS NOT NULL AND listed = 1"
                                                  " ORDER BY confirmed DESC, id DESC LIMIT $1::bigint OFFSET $2::bigint");
    if (sl_pg_run(pg, SQL[has_unlisted(pg)], 2, v, &r, "reading the listed pledges", err)) return err->status;
    return each_pledge(r, fn, ctx, err);
}

/* The pledge of EMAIL (or, EMAIL NULL, of number ID): its row id into
** PID[32] ("" none) and the value of an SQL expression over its row into
** *VALUE, for unlisting and relisting to decide on: SQL is
** PLEDGE_STATE(expression), a literal (sl_pg_run keys by address). */
#define PLEDGE_STATE(EXPR)                                                                                             \
    "SELECT id, " EXPR " FROM pledges WHERE ($1::text IS NOT NULL AND email = $1) OR ($1::text IS NULL AND id = $2::bigint)"
static sl_status pledge_state(sl_pg *pg, const char *sql, const char *email, long id, char pid[32], int *value,
                              sl_error *err)
{
    PGresult *r;
    char n[32];
    const char *v[] = {email, sl_pg_num(n, id)};
    pid[0] = '\0';
    *value = 0;
    if (sl_pg_run(pg, sql, 2, v, &r, "looking up a pledge", err)) return err->status;
    if (PQntuples(r) == 1) {
        snprintf(pid, 32, "%s", PQgetvalue(r, 0, 0));
        *value = atoi(PQgetvalue(r, 0, 1));
    }
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_pledge_unlist(sl_pg *pg, const char *email, long id, long long now, int *found, int *was_listed,
                              sl_error *err)
{
    char n[32];
    *found = *was_listed = 0;
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (campaign_tables(pg, err)) return err->status;
    char pid[32];
    /* a pending pledge "would be listed" when one of its links says so */
    if (pledge_state(pg,
                     PLEDGE_STATE("CASE WHEN unlisted IS NOT NULL THEN 2 WHEN listed = 1 OR (confirmed IS NULL AND"
                                  " EXISTS(SELECT 1 FROM pledge_links l WHERE l.pledge_id = pledges.id AND l.listed = 1))"
                                  " THEN 1 ELSE 0 END"),
                     email, id, pid, was_listed, err))
        return err->status;
    if (!pid[0]) return SL_OK;
    *found = 1;
    /* the first unlisting's time is kept: an organiser's second press
    ** changes nothing; a confirmed pledge not unlisted yet is listed as
    ** its signer chose, which is kept for a relisting */
    const char *w[] = {sl_pg_num(n, now), pid};
    return sl_pg_run(pg,
                     "UPDATE pledges SET listed_choice = CASE WHEN unlisted IS NULL AND confirmed IS NOT NULL"
                     " THEN listed ELSE listed_choice END, listed = 0, unlisted = coalesce(unlisted, $1::bigint)"
                     " WHERE id = $2::bigint", 2, w, NULL, "unlisting a pledge", err);
}

sl_status sl_pg_pledge_relist(sl_pg *pg, const char *email, long id, int *found, sl_relist *done, sl_error *err)
{
    *found = 0;
    *done = SL_RELIST_NOT_UNLISTED;
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (campaign_tables(pg, err)) return err->status;
    char pid[32];
    int state;
    if (pledge_state(pg,
                     PLEDGE_STATE("CASE WHEN unlisted IS NULL THEN 0 WHEN confirmed IS NULL THEN 2"
                                  " WHEN listed_choice = 1 THEN 1 WHEN listed_choice = 0 THEN 3 ELSE 4 END"),
                     email, id, pid, &state, err))
        return err->status;
    *done = (sl_relist)state;
    *found = pid[0] != '\0';
    /* only a signer who chose the list goes back on it; a pending one's
    ** confirmation follows its link again */
    if (*done != SL_RELIST_LISTED && *done != SL_RELIST_PENDING) return SL_OK;
    const char *w[] = {pid};
    return sl_pg_run(pg,
                     "UPDATE pledges SET unlisted = NULL,"
                     " listed = (confirmed IS NOT NULL AND listed_choice = 1)::int WHERE id = $1::bigint",
                     1, w, NULL, "relisting a pledge", err);
}

sl_status sl_pg_pledge_counts(sl_pg *pg, long long before, sl_pledge_count_fn fn, void *ctx, sl_error *err)
{
    PGresult *r;
    char n[32];
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    const char *v[] = {sl_pg_num(n, before)};
    if (sl_pg_run(pg, sl_pg_counted_sql(pg, 0), 1, v, &r, "counting pledges", err)) return err->status;
    for (int i = 0; i < PQntuples(r); i++)
        fn(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), atol(PQgetvalue(r, i, 2)), ctx);
    PQclear(r);
    return SL_OK;
}

/* ---- the totals (the outbox: pg_outbox.c) ---------------------------------------- */

sl_status sl_pg_campaign_totals(sl_pg *pg, sl_campaign_totals *t, sl_error *err)
{
    PGresult *r;
    memset(t, 0, sizeof *t);
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    /* whole literals: sl_pg_run keys its prepared statements by address */
#define TOTALS(UNLISTED)                                                                                               \
    "SELECT (SELECT count(*) FROM pledges),"                                                                           \
    " (SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL),"                                                     \
    " (SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL AND consent = 1),"                                     \
    " (SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL AND listed = 1),"                                      \
    " (SELECT count(*) FROM outbox WHERE sent IS NULL AND body IS NOT NULL),"                                          \
    " (SELECT count(*) FROM outbox WHERE sent IS NOT NULL),"                                                           \
    " (SELECT count(*) FROM erasures),"                                                                                \
    " (SELECT count(*) FROM outbox WHERE sent IS NULL AND body IS NULL AND last_error IS NOT NULL),"                   \
    " (SELECT count(*) FROM outbox WHERE sent IS NULL AND body IS NOT NULL AND last_error IS NOT NULL), " UNLISTED
    /* refused for good (sl_pg_outbox_refused), then waiting and refused the
    ** last time (campaign send); campaign tables older than version 4 hold
    ** no unlisting */
    static const char *const SQL[] = {TOTALS("0"), TOTALS("(SELECT count(*) FROM pledges WHERE unlisted IS NOT NULL)")};
#undef TOTALS
    if (sl_pg_run(pg, SQL[has_unlisted(pg)], 0, NULL, &r, "counting the campaign", err)) return err->status;
    long *dst[] = {&t->pledges,   &t->confirmed,     &t->consented,      &t->listed,  &t->outbox_pending,
                   &t->outbox_sent, &t->erasures, &t->outbox_refused, &t->outbox_failed, &t->unlisted};
    for (int i = 0; i < 10 && PQntuples(r) == 1; i++) *dst[i] = atol(PQgetvalue(r, 0, i));
    PQclear(r);
    /* from version 7: the counts kept of the signers erased at the campaign's end */
    if (!sl_pg_table_there(pg, "kept_counts")) return SL_OK;
    if (sl_pg_run(pg, "SELECT coalesce(sum(pledges), 0) FROM kept_counts", 0, NULL, &r, "counting the campaign", err))
        return err->status;
    t->kept = PQntuples(r) == 1 ? atol(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    if (!sl_pg_table_there(pg, "campaign_exports")) return SL_OK;
    if (sl_pg_run(pg, "SELECT count(*), coalesce(max(made), 0) FROM campaign_exports", 0, NULL, &r,
                  "counting the campaign", err))
        return err->status;
    if (PQntuples(r) == 1) t->exports = atol(PQgetvalue(r, 0, 0)), t->last_export = atoll(PQgetvalue(r, 0, 1));
    PQclear(r);
    /* from version 10: a message turned away for now waits for its time */
    if (!has_column(pg, "outbox", "retry_at")) return SL_OK;
    if (sl_pg_run(pg, "SELECT coalesce(min(retry_at), 0) FROM outbox WHERE sent IS NULL AND body IS NOT NULL",
                  0, NULL, &r, "counting the campaign", err))
        return err->status;
    t->outbox_next_try = PQntuples(r) == 1 ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return SL_OK;
}

/* ---- the admin token and the areas' centres ------------------------------------ */

sl_status sl_pg_admin_token_set(sl_pg *pg, const char *hash, long long now, sl_error *err)
{
    char n[32];
    const char *v[] = {hash, sl_pg_num(n, now)};
    return sl_pg_run(pg, "INSERT INTO meta VALUES('admin_token_sha256', $1), ('admin_token_created', $2)"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     2, v, NULL, "saving the admin token", err);
}

sl_status sl_pg_admin_token_get(sl_pg *pg, char hex[65], int *found, sl_error *err)
{
    PGresult *r;
    *found = 0;
    hex[0] = '\0';
    if (sl_pg_run(pg, "SELECT value FROM meta WHERE key = 'admin_token_sha256'", 0, NULL, &r,
                  "reading the admin token", err))
        return err->status;
    if (PQntuples(r) == 1 && strlen(PQgetvalue(r, 0, 0)) == 64) {
        memcpy(hex, PQgetvalue(r, 0, 0), 65);
        *found = 1;
    }
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_form_secret_get(sl_pg *pg, char out[64], int *found, sl_error *err)
{
    PGresult *r;
    *found = 0;
    out[0] = '\0';
    if (sl_pg_run(pg, "SELECT value FROM meta WHERE key = 'form_secret'", 0, NULL, &r, "reading the form secret", err))
        return err->status;
    size_t n = PQntuples(r) == 1 ? strlen(PQgetvalue(r, 0, 0)) : 0;
    if (n >= 32 && n < 64) {
        memcpy(out, PQgetvalue(r, 0, 0), n + 1);
        *found = 1;
    }
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_form_secret_add(sl_pg *pg, const char *secret, sl_error *err)
{
    const char *v[] = {secret};
    return sl_pg_run(pg, "INSERT INTO meta VALUES('form_secret', $1) ON CONFLICT (key) DO NOTHING", 1, v, NULL,
                     "saving the form secret", err);
}

sl_status sl_pg_area_centres(sl_pg *pg, const char *set, sl_area_centre_fn fn, void *ctx, sl_error *err)
{
    PGresult *r;
    const char *v[1] = {set};
    if (sl_pg_run(pg, "SELECT id, coalesce(name, id), (miny + maxy) / 2, (minx + maxx) / 2 FROM areas"
                      " WHERE set_name = $1 AND minx IS NOT NULL"
                      " ORDER BY name COLLATE \"C\" NULLS FIRST, id COLLATE \"C\"",
                  1, v, &r, "reading the areas", err))
        return err->status;
    sl_status rc = SL_OK;
    for (int i = 0; !rc && i < PQntuples(r); i++)
        rc = fn(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), strtod(PQgetvalue(r, i, 2), NULL),
                strtod(PQgetvalue(r, i, 3), NULL), ctx, err);
    PQclear(r);
    return rc;
}
