/*
** outbox.c — messages waiting for `sightline campaign send`, and the
** campaign's totals (see sightline/store/campaign.h).
*/
#include "internal.h"
#include "pg.h"
#include "sightline/io/smtp.h"
#include "sightline/store/campaign.h"

#include <string.h>

sl_status sl_store_outbox_add(sl_store *st, long pledge_id, const char *subject, const char *body, long long now,
                              sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_outbox_add(sl_store_pg(st), pledge_id, subject, body, now, err);
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "INSERT INTO outbox(pledge_id, subject, body, created) VALUES(?,?,?,?)", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, pledge_id);
    sl_bind_text(s, 2, subject);
    sl_bind_text(s, 3, body);
    sqlite3_bind_int64(s, 4, now);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "queueing a message");
}

sl_status sl_store_outbox_pending(sl_store *st, sl_arena *arena, size_t max, long long due, sl_outbox_msg **msgs,
                                  size_t *n, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_outbox_pending(sl_store_pg(st), arena, max, due, msgs, n, err);
    sqlite3_stmt *s;
    *msgs = NULL;
    *n = 0;
    if (!sl_store_has_table(st, "outbox")) return SL_OK;
    if (sl_store_prepare(st,
                         "SELECT o.id, p.email, o.subject, o.body, CASE WHEN o.last_error LIKE '%" SL_SMTP_MAYBE_SENT "%'"
                         " THEN 1 ELSE 0 END, o.attempts FROM outbox o JOIN pledges p ON p.id = o.pledge_id"
                         " WHERE o.sent IS NULL AND o.body IS NOT NULL AND (o.retry_at IS NULL OR o.retry_at <= ?)"
                         " ORDER BY o.id LIMIT ?",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, due);
    sqlite3_bind_int64(s, 2, max ? (sqlite3_int64)max : -1);
    size_t cap = 0;
    sl_status rc = SL_OK;
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            sl_outbox_msg *m = sl_arena_alloc(arena, ncap * sizeof *m);
            if (!m) { rc = sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory"); break; }
            if (*n) memcpy(m, *msgs, *n * sizeof *m);
            *msgs = m;
            cap = ncap;
        }
        sl_outbox_msg *m = &(*msgs)[(*n)++];
        m->id = (long)sqlite3_column_int64(s, 0);
        m->to = sl_column_text(s, 1, arena);
        m->subject = sl_column_text(s, 2, arena);
        m->body = sl_column_text(s, 3, arena);
        m->maybe_sent = sqlite3_column_int(s, 4);
        m->attempts = (long)sqlite3_column_int64(s, 5);
        if (!m->to || !m->subject || !m->body) rc = sl_fail(err, SL_ENOMEM, sl_store_path(st), 0, "out of memory");
    }
    if (!rc && step != SQLITE_DONE) rc = sl_store_fail(st, err, "reading the outbox");
    sqlite3_finalize(s);
    if (rc) *n = 0;
    return rc;
}

sl_status sl_store_outbox_sent(sl_store *st, long id, long long now, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_outbox_sent(sl_store_pg(st), id, now, err);
    sqlite3_stmt *s;
    if (sl_store_exec(st, "PRAGMA secure_delete=ON", err)) return err->status;
    if (sl_store_prepare(st, "UPDATE outbox SET sent=?, body=NULL, attempts=attempts+1, last_error=NULL WHERE id=?",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, now);
    sqlite3_bind_int64(s, 2, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "marking a message sent");
}

sl_status sl_store_outbox_failed(sl_store *st, long id, const char *why, long long retry_at, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_outbox_failed(sl_store_pg(st), id, why, retry_at, err);
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "UPDATE outbox SET attempts=attempts+1, last_error=?, retry_at=? WHERE id=?", &s, err))
        return err->status;
    sl_bind_text(s, 1, why);
    if (retry_at > 0) sqlite3_bind_int64(s, 2, retry_at);
    else sqlite3_bind_null(s, 2);
    sqlite3_bind_int64(s, 3, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "recording a failed delivery");
}

sl_status sl_store_outbox_later(sl_store *st, long long due, long *count, long long *first, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_outbox_later(sl_store_pg(st), due, count, first, err);
    sqlite3_stmt *s;
    *count = 0;
    *first = 0;
    if (!sl_store_has_table(st, "outbox") || !sl_store_has_column(st, "outbox", "retry_at")) return SL_OK;
    if (sl_store_prepare(st, "SELECT count(*), coalesce(min(retry_at), 0) FROM outbox WHERE sent IS NULL"
                             " AND body IS NOT NULL AND retry_at > ?",
                         &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, due);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) *count = (long)sqlite3_column_int64(s, 0), *first = sqlite3_column_int64(s, 1);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "reading the outbox");
}

sl_status sl_store_outbox_refused(sl_store *st, long id, const char *why, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_outbox_refused(sl_store_pg(st), id, why, err);
    sqlite3_stmt *s;
    if (sl_store_exec(st, "PRAGMA secure_delete=ON", err)) return err->status;
    if (sl_store_prepare(st, "UPDATE outbox SET body=NULL, attempts=attempts+1, last_error=? WHERE id=?", &s, err))
        return err->status;
    sl_bind_text(s, 1, why);
    sqlite3_bind_int64(s, 2, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "recording a refused address");
}

sl_status sl_store_outbox_waiting(sl_store *st, long id, int *waiting, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_outbox_waiting(sl_store_pg(st), id, waiting, err);
    sqlite3_stmt *s;
    *waiting = 0;
    if (sl_store_prepare(st, "SELECT count(*) FROM outbox WHERE id=? AND sent IS NULL AND body IS NOT NULL", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *waiting = rc == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "looking up a message");
}

/* The one number SQL gives, or -1 on error. */
static long scalar(sl_store *st, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(sl_store_db(st), sql, -1, &s, NULL) != SQLITE_OK) return -1;
    long v = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}

sl_status sl_store_campaign_totals(sl_store *st, sl_campaign_totals *t, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_campaign_totals(sl_store_pg(st), t, err);
    memset(t, 0, sizeof *t);
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    long *dst[] = {&t->pledges,   &t->confirmed,     &t->consented,      &t->listed,  &t->outbox_pending,
                   &t->outbox_sent, &t->erasures, &t->outbox_refused, &t->outbox_failed, &t->unlisted};
    static const char *const SQL[] = {
        "SELECT count(*) FROM pledges",
        "SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL",
        "SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL AND consent = 1",
        "SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL AND listed = 1",
        "SELECT count(*) FROM outbox WHERE sent IS NULL AND body IS NOT NULL",
        "SELECT count(*) FROM outbox WHERE sent IS NOT NULL",
        "SELECT count(*) FROM erasures",
        /* refused for good by the recipient's server (sl_store_outbox_refused) */
        "SELECT count(*) FROM outbox WHERE sent IS NULL AND body IS NULL AND last_error IS NOT NULL",
        /* waiting, and refused by the SMTP server the last time (campaign send) */
        "SELECT count(*) FROM outbox WHERE sent IS NULL AND body IS NOT NULL AND last_error IS NOT NULL",
        /* campaign tables older than version 4 hold no unlisting */
        "SELECT count(*) FROM pledges WHERE unlisted IS NOT NULL"};
    size_t n = sizeof SQL / sizeof SQL[0] - !sl_store_has_column(st, "pledges", "unlisted");
    for (size_t i = 0; i < n; i++)
        if ((*dst[i] = scalar(st, SQL[i])) < 0) return sl_store_fail(st, err, "counting the campaign");
    /* from version 7: the counts kept of the signers erased at the campaign's end */
    if (sl_store_has_table(st, "kept_counts") &&
        (t->kept = scalar(st, "SELECT coalesce(sum(pledges), 0) FROM kept_counts")) < 0)
        return sl_store_fail(st, err, "counting the campaign");
    if (sl_store_has_table(st, "campaign_exports") &&
        ((t->exports = scalar(st, "SELECT count(*) FROM campaign_exports")) < 0 ||
         (t->last_export = scalar(st, "SELECT coalesce(max(made), 0) FROM campaign_exports")) < 0))
        return sl_store_fail(st, err, "counting the campaign");
    /* from version 10: a message turned away for now waits for its time */
    if (sl_store_has_column(st, "outbox", "retry_at") &&
        (t->outbox_next_try = scalar(st, "SELECT coalesce(min(retry_at), 0) FROM outbox WHERE sent IS NULL"
                                         " AND body IS NOT NULL")) < 0)
        return sl_store_fail(st, err, "counting the campaign");
    return SL_OK;
}
