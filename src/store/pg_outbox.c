/*
** pg_outbox.c — the messages waiting for `sightline campaign send` in the
** PostgreSQL store (see pg.h; the SQLite side, whose rules these follow, is
** outbox.c): queued, read, marked sent, failed for now or refused for
** good. Apart from pg_campaign.c, which holds the campaign's other tables,
** so that each stays a file one reads whole.
*/
#include "pg.h"
#include "sightline/io/smtp.h"
#include "sightline/store/campaign.h"

#include <stdlib.h>
#include <string.h>

sl_status sl_pg_outbox_add(sl_pg *pg, long pledge_id, const char *subject, const char *body, long long now,
                           sl_error *err)
{
    char n[2][32];
    const char *v[] = {sl_pg_num(n[0], pledge_id), subject, body, sl_pg_num(n[1], now)};
    return sl_pg_run(pg, "INSERT INTO outbox(id, pledge_id, subject, body, created)"
                         " VALUES((SELECT coalesce(max(id), 0) + 1 FROM outbox), $1, $2, $3, $4)",
                     4, v, NULL, "queueing a message", err);
}

sl_status sl_pg_outbox_pending(sl_pg *pg, sl_arena *arena, size_t max, long long due, sl_outbox_msg **msgs, size_t *n,
                               sl_error *err)
{
    PGresult *r;
    char lim[32], by[32];
    *msgs = NULL;
    *n = 0;
    if (!sl_pg_table_there(pg, "outbox")) return SL_OK;
    const char *v[2] = {max ? sl_pg_num(lim, (long long)max) : NULL, sl_pg_num(by, due)};
    if (sl_pg_run(pg, "SELECT o.id, p.email, o.subject, o.body, CASE WHEN o.last_error LIKE '%" SL_SMTP_MAYBE_SENT "%'"
                         " THEN 1 ELSE 0 END, o.attempts FROM outbox o JOIN pledges p ON p.id = o.pledge_id"
                      " WHERE o.sent IS NULL AND o.body IS NOT NULL AND (o.retry_at IS NULL OR o.retry_at <= $2::bigint)"
                      " ORDER BY o.id LIMIT $1::bigint",
                  2, v, &r, "reading the outbox", err))
        return err->status;
    int rows = PQntuples(r);
    sl_status rc = SL_OK;
    if (rows && !(*msgs = sl_arena_alloc(arena, (size_t)rows * sizeof **msgs)))
        rc = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    for (int i = 0; !rc && i < rows; i++) {
        sl_outbox_msg *m = &(*msgs)[(*n)++];
        m->id = atol(PQgetvalue(r, i, 0));
        m->to = sl_arena_strdup(arena, PQgetvalue(r, i, 1));
        m->subject = sl_arena_strdup(arena, PQgetvalue(r, i, 2));
        m->body = sl_arena_strdup(arena, PQgetvalue(r, i, 3));
        m->maybe_sent = atoi(PQgetvalue(r, i, 4));
        m->attempts = atol(PQgetvalue(r, i, 5));
        if (!m->to || !m->subject || !m->body) rc = sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    }
    PQclear(r);
    if (rc) *n = 0;
    return rc;
}

sl_status sl_pg_outbox_sent(sl_pg *pg, long id, long long now, sl_error *err)
{
    char n[2][32];
    const char *v[] = {sl_pg_num(n[0], now), sl_pg_num(n[1], id)};
    return sl_pg_run(pg, "UPDATE outbox SET sent = $1, body = NULL, attempts = attempts + 1, last_error = NULL"
                         " WHERE id = $2",
                     2, v, NULL, "marking a message sent", err);
}

sl_status sl_pg_outbox_failed(sl_pg *pg, long id, const char *why, long long retry_at, sl_error *err)
{
    char n[2][32];
    const char *v[] = {why, sl_pg_num(n[0], id), retry_at > 0 ? sl_pg_num(n[1], retry_at) : NULL};
    return sl_pg_run(pg, "UPDATE outbox SET attempts = attempts + 1, last_error = $1, retry_at = $3::bigint"
                         " WHERE id = $2",
                     3, v, NULL, "recording a failed delivery", err);
}

sl_status sl_pg_outbox_later(sl_pg *pg, long long due, long *count, long long *first, sl_error *err)
{
    PGresult *r;
    char n[32];
    const char *v[] = {sl_pg_num(n, due)};
    *count = 0;
    *first = 0;
    if (!sl_pg_table_there(pg, "outbox")) return SL_OK;
    if (sl_pg_run(pg, "SELECT count(*), coalesce(min(retry_at), 0) FROM outbox WHERE sent IS NULL"
                      " AND body IS NOT NULL AND retry_at > $1::bigint",
                  1, v, &r, "reading the outbox", err))
        return err->status;
    if (PQntuples(r) == 1) *count = atol(PQgetvalue(r, 0, 0)), *first = atoll(PQgetvalue(r, 0, 1));
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_outbox_refused(sl_pg *pg, long id, const char *why, sl_error *err)
{
    char n[32];
    const char *v[] = {why, sl_pg_num(n, id)};
    return sl_pg_run(pg, "UPDATE outbox SET body = NULL, attempts = attempts + 1, last_error = $1 WHERE id = $2", 2,
                     v, NULL, "recording a refused address", err);
}

sl_status sl_pg_outbox_waiting(sl_pg *pg, long id, int *waiting, sl_error *err)
{
    PGresult *r;
    char n[32];
    const char *v[] = {sl_pg_num(n, id)};
    *waiting = 0;
    if (sl_pg_run(pg, "SELECT count(*) FROM outbox WHERE id = $1 AND sent IS NULL AND body IS NOT NULL", 1, v, &r,
                  "looking up a message", err))
        return err->status;
    *waiting = PQntuples(r) == 1 && atol(PQgetvalue(r, 0, 0)) > 0;
    PQclear(r);
    return SL_OK;
}
