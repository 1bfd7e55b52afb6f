/*
** pg_campaign_manage.c — a signer's links to manage her pledge, and the
** changes she makes with them, in the PostgreSQL store (see pg.h; the
** rules are campaign_manage.c's and sightline/store/campaign_manage.h's).
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/campaign_manage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_pg_manage_link_add(sl_pg *pg, long pledge_id, const char *token_hash, long long now, long long expires,
                                sl_error *err)
{
    char n[3][32];
    if (sl_pg_campaign_tables(pg, err)) return err->status;
    const char *v[] = {token_hash, sl_pg_num(n[0], pledge_id), sl_pg_num(n[1], now),
                       sl_pg_num(n[2], expires ? expires : now + SL_MANAGE_MAIL_LINK_TTL_S)};
    return sl_pg_run(pg, "INSERT INTO manage_links(token_hash, pledge_id, created, expires) VALUES($1, $2, $3, $4)", 4,
                     v, NULL, "saving a link to manage a pledge", err);
}

sl_status sl_pg_manage_due(sl_pg *pg, const char *email, long long since, long *id, int *recent, sl_error *err)
{
    PGresult *r;
    char n[32];
    *id = 0;
    *recent = 0;
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (sl_pg_campaign_tables(pg, err)) return err->status;
    const char *v[] = {email, sl_pg_num(n, since)};
    if (sl_pg_run(pg,
                  "SELECT id, EXISTS(SELECT 1 FROM manage_links m WHERE m.pledge_id = pledges.id"
                  " AND " SL_MANAGE_ASKED_SQL " AND m.created >= $2::bigint)::int FROM pledges WHERE email = $1",
                  2, v, &r, "looking up a pledge", err))
        return err->status;
    if (PQntuples(r) == 1) {
        *id = atol(PQgetvalue(r, 0, 0));
        *recent = atoi(PQgetvalue(r, 0, 1));
    }
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_manage_find(sl_pg *pg, const char *token_hash, long long now, long *id, sl_arena *arena,
                            sl_pledge *shown, sl_error *err)
{
    PGresult *r;
    char n[32];
    *id = 0;
    memset(shown, 0, sizeof *shown);
    if (!sl_pg_table_there(pg, "manage_links")) return SL_OK;
    const char *v[] = {token_hash, sl_pg_num(n, now)};
    if (sl_pg_run(pg,
                  "SELECT p.id, p.email, p.name, p.state, p.county, p.commitments, p.consent, p.listed,"
                  " coalesce(p.confirmed, 0), p.created FROM manage_links m JOIN pledges p ON p.id = m.pledge_id"
                  " WHERE m.token_hash = $1 AND " SL_MANAGE_ENDS_SQL " >= $2::bigint",
                  2, v, &r, "looking up a link", err))
        return err->status;
    sl_status rc = SL_OK;
    if (PQntuples(r) == 1) {
        *id = atol(PQgetvalue(r, 0, 0));
        const char **f[] = {&shown->email, &shown->name, &shown->state, &shown->county, &shown->commitments};
        for (int i = 0; i < 5; i++)
            if (!(*f[i] = sl_arena_strdup(arena, PQgetvalue(r, 0, i + 1))))
                rc = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
        shown->id = *id;
        shown->consent = atoi(PQgetvalue(r, 0, 6));
        shown->listed = atoi(PQgetvalue(r, 0, 7));
        shown->confirmed = atoll(PQgetvalue(r, 0, 8));
        shown->created = atoll(PQgetvalue(r, 0, 9));
    }
    PQclear(r);
    return rc;
}

#define CHANGE_WHERE " FROM pledges WHERE ($1::text IS NOT NULL AND email = $1) OR ($1::text IS NULL AND id = $2::bigint)"

sl_status sl_pg_pledge_change(sl_pg *pg, const char *email, long id, sl_pledge_change what, const char *by,
                              long long now, int *found, int *changed, sl_error *err)
{
    PGresult *r;
    char n[2][32];
    *found = *changed = 0;
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (sl_pg_campaign_tables(pg, err)) return err->status;
    /* as campaign_manage.c's CHANGES, whole literals (sl_pg_run keys by address) */
    static const struct {
        const char *set, *pledge, *links, *what;
    } CHANGES[] = {
        {NULL, NULL, NULL, NULL},
        {"SELECT id, (consent = 1 OR EXISTS(SELECT 1 FROM pledge_links l WHERE l.pledge_id = pledges.id"
         " AND l.consent = 1))::int" CHANGE_WHERE,
         "UPDATE pledges SET consent = 0 WHERE id = $1::bigint",
         "UPDATE pledge_links SET consent = 0 WHERE pledge_id = $1::bigint", "consent withdrawn"},
        {"SELECT id, (listed = 1 OR coalesce(listed_choice, 0) = 1 OR EXISTS(SELECT 1 FROM pledge_links l"
         " WHERE l.pledge_id = pledges.id AND l.listed = 1))::int" CHANGE_WHERE,
         "UPDATE pledges SET listed = 0, listed_choice = 0 WHERE id = $1::bigint",
         "UPDATE pledge_links SET listed = 0 WHERE pledge_id = $1::bigint", "unlisted"},
        {"SELECT id, (consent = 0 AND confirmed IS NOT NULL)::int" CHANGE_WHERE,
         "UPDATE pledges SET consent = 1 WHERE id = $1::bigint", NULL, "consent given"}};
    if (what < SL_CHANGE_CONSENT || what > SL_CHANGE_RECONSENT)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "no such change of a pledge");
    const char *v[] = {email, sl_pg_num(n[0], id)};
    if (sl_pg_run(pg, CHANGES[what].set, 2, v, &r, "looking up a pledge", err)) return err->status;
    char pid[32] = "";
    int set = 0;
    if (PQntuples(r) == 1) {
        snprintf(pid, sizeof pid, "%s", PQgetvalue(r, 0, 0));
        set = atoi(PQgetvalue(r, 0, 1));
    }
    PQclear(r);
    *found = pid[0] != '\0';
    if (!set) return SL_OK;
    const char *w[] = {pid};
    if (sl_pg_run(pg, CHANGES[what].pledge, 1, w, NULL, "changing a pledge", err) ||
        (CHANGES[what].links && sl_pg_run(pg, CHANGES[what].links, 1, w, NULL, "changing a pledge", err)))
        return err->status;
    const char *x[] = {sl_pg_num(n[1], now), CHANGES[what].what, by};
    if (sl_pg_run(pg, "INSERT INTO pledge_changes(id, made, what, by)"
                      " VALUES((SELECT coalesce(max(id), 0) + 1 FROM pledge_changes), $1, $2, $3)",
                  3, x, NULL, "logging a change of a pledge", err))
        return err->status;
    *changed = 1;
    return SL_OK;
}
