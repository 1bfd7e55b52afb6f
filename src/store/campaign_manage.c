/*
** campaign_manage.c — a signer's links to manage her pledge, and the
** changes she makes with them (see sightline/store/campaign_manage.h);
** PostgreSQL's side is pg_campaign_manage.c.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/campaign_manage.h"

#include <stdio.h>
#include <string.h>

_Static_assert(SL_MANAGE_MAIL_LINK_TTL_S == 2592000 && SL_MANAGE_LINK_TTL_S == 172800,
               "SL_MANAGE_ENDS_SQL and SL_MANAGE_ASKED_SQL (internal.h) hold these numbers");

/* The pledge of ?1 (an email) or, ?1 NULL, of number ?2: its id, and 1
** when the change would change something (the same on PostgreSQL). */
#define SL_CHANGE_WHERE " FROM pledges WHERE (?1 IS NOT NULL AND email = ?1) OR (?1 IS NULL AND id = ?2)"
#define SL_CHANGE_CONSENT_SET                                                                                          \
    "SELECT id, consent = 1 OR EXISTS(SELECT 1 FROM pledge_links l WHERE l.pledge_id = pledges.id AND l.consent = 1)" \
    SL_CHANGE_WHERE
#define SL_CHANGE_UNLIST_SET                                                                                           \
    "SELECT id, listed = 1 OR coalesce(listed_choice, 0) = 1 OR EXISTS(SELECT 1 FROM pledge_links l"               \
    " WHERE l.pledge_id = pledges.id AND l.listed = 1)" SL_CHANGE_WHERE
#define SL_CHANGE_RECONSENT_SET "SELECT id, consent = 0 AND confirmed IS NOT NULL" SL_CHANGE_WHERE

/* Each change's statements: whether it would change something (above),
** the pledge's update, its links' (NULL: none), and the log's word. */
static const struct {
    const char *set, *pledge, *links, *what;
} CHANGES[] = {
    {NULL, NULL, NULL, NULL},
    {SL_CHANGE_CONSENT_SET, "UPDATE pledges SET consent = 0 WHERE id = ?1",
     "UPDATE pledge_links SET consent = 0 WHERE pledge_id = ?1", "consent withdrawn"},
    {SL_CHANGE_UNLIST_SET, "UPDATE pledges SET listed = 0, listed_choice = 0 WHERE id = ?1",
     "UPDATE pledge_links SET listed = 0 WHERE pledge_id = ?1", "unlisted"},
    {SL_CHANGE_RECONSENT_SET, "UPDATE pledges SET consent = 1 WHERE id = ?1", NULL, "consent given"}};

/* Run S (prepared, bound) to completion, finalizing it. */
static sl_status run(sl_store *st, sqlite3_stmt *s, const char *what, sl_error *err)
{
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, what);
}

sl_status sl_store_manage_link_add(sl_store *st, long pledge_id, const char *token_hash, long long now,
                                   long long expires, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_manage_link_add(sl_store_pg(st), pledge_id, token_hash, now, expires, err);
    sqlite3_stmt *s;
    if (sl_store_campaign_tables(st, err)) return err->status;
    if (sl_store_prepare(st, "INSERT INTO manage_links(token_hash, pledge_id, created, expires) VALUES(?,?,?,?)", &s,
                         err))
        return err->status;
    sl_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, pledge_id);
    sqlite3_bind_int64(s, 3, now);
    sqlite3_bind_int64(s, 4, expires ? expires : now + SL_MANAGE_MAIL_LINK_TTL_S);
    return run(st, s, "saving a link to manage a pledge", err);
}

sl_status sl_store_manage_due(sl_store *st, const char *email, long long since, long *id, int *recent,
                              sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_manage_due(sl_store_pg(st), email, since, id, recent, err);
    sqlite3_stmt *s;
    *id = 0;
    *recent = 0;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (sl_store_campaign_tables(st, err)) return err->status;
    if (sl_store_prepare(st,
                         "SELECT id, EXISTS(SELECT 1 FROM manage_links m WHERE m.pledge_id = pledges.id"
                         " AND " SL_MANAGE_ASKED_SQL " AND m.created >= ?2) FROM pledges WHERE email = ?1",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, email);
    sqlite3_bind_int64(s, 2, since);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *id = (long)sqlite3_column_int64(s, 0);
        *recent = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "looking up a pledge");
}

sl_status sl_store_manage_find(sl_store *st, const char *token_hash, long long now, long *id, sl_arena *arena,
                               sl_pledge *shown, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_manage_find(sl_store_pg(st), token_hash, now, id, arena, shown, err);
    sqlite3_stmt *s;
    *id = 0;
    memset(shown, 0, sizeof *shown);
    if (!sl_store_has_table(st, "manage_links")) return SL_OK;
    if (sl_store_prepare(st,
                         "SELECT p.id, p.email, p.name, p.state, p.county, p.commitments, p.consent, p.listed,"
                         " coalesce(p.confirmed, 0), p.created FROM manage_links m JOIN pledges p ON p.id = m.pledge_id"
                         " WHERE m.token_hash = ? AND " SL_MANAGE_ENDS_SQL " >= ?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, now);
    int step = sqlite3_step(s);
    sl_status rc = SL_OK;
    if (step == SQLITE_ROW) {
        *id = (long)sqlite3_column_int64(s, 0);
        const char **f[] = {&shown->email, &shown->name, &shown->state, &shown->county, &shown->commitments};
        for (int i = 0; i < 5; i++)
            if (!(*f[i] = sl_column_text(s, i + 1, arena))) rc = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        shown->id = *id;
        shown->consent = sqlite3_column_int(s, 6);
        shown->listed = sqlite3_column_int(s, 7);
        shown->confirmed = sqlite3_column_int64(s, 8);
        shown->created = sqlite3_column_int64(s, 9);
    } else if (step != SQLITE_DONE) {
        rc = sl_store_fail(st, err, "looking up a link");
    }
    sqlite3_finalize(s);
    return rc;
}

sl_status sl_store_pledge_change(sl_store *st, const char *email, long id, sl_pledge_change what, const char *by,
                                 long long now, int *found, int *changed, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledge_change(sl_store_pg(st), email, id, what, by, now, found, changed, err);
    sqlite3_stmt *s;
    *found = *changed = 0;
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (sl_store_campaign_tables(st, err)) return err->status;
    /* set on the pledge or on a link of it (a pending pledge's links say
    ** what its confirmation sets), or kept for an organiser's relisting */
    if (what < SL_CHANGE_CONSENT || what > SL_CHANGE_RECONSENT)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "no such change of a pledge");
    if (sl_store_prepare(st, CHANGES[what].set, &s, err)) return err->status;
    sl_bind_text(s, 1, email);
    sqlite3_bind_int64(s, 2, id);
    int step = sqlite3_step(s);
    long long pid = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    int set = step == SQLITE_ROW && sqlite3_column_int(s, 1);
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return sl_store_fail(st, err, "looking up a pledge");
    *found = pid != 0;
    if (!set) return SL_OK;
    const char *sqls[] = {CHANGES[what].pledge, CHANGES[what].links,
                          "INSERT INTO pledge_changes(made, what, by) VALUES(?2, ?3, ?4)"};
    for (size_t i = 0; i < 3; i++) {
        if (!sqls[i]) continue;
        if (sl_store_prepare(st, sqls[i], &s, err)) return err->status;
        sqlite3_bind_int64(s, 1, pid);
        if (i == 2) {
            sqlite3_bind_int64(s, 2, now);
            sl_bind_text(s, 3, CHANGES[what].what);
            sl_bind_text(s, 4, by);
        }
        if (run(st, s, "changing a pledge", err)) return err->status;
    }
    *changed = 1;
    return SL_OK;
}
