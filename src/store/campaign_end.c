/*
** campaign_end.c — the campaign's end in the SQLite store: closing it (no
** pledge taken, the unconfirmed ones deleted), opening it again, and
** erasing every signer at once while keeping the counts, and the record
** of exports made, the copies an erasure cannot reach (see
** sightline/store/campaign.h; the PostgreSQL side is pg_campaign_end.c).
**
** Why counts are kept apart (kept_counts): a privacy notice may promise that
** every address goes when the campaign ends, and the page's public figures
** stay up after it. The counts per state and county hold no field of a
** signer, and every count (the hour's public counts, `campaign counts`,
** `campaign show`) adds them to the pledges' own, so a campaign reopened
** later goes on from them.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/campaign.h"

#include <stdio.h>

const char *sl_store_counted_sql(sl_store *st)
{
    return sl_store_has_table(st, "kept_counts")
               ? "SELECT state, county, count(*) AS n FROM pledges WHERE confirmed IS NOT NULL AND confirmed < ?1"
                 " GROUP BY state, county UNION ALL SELECT state, county, pledges FROM kept_counts"
               : "SELECT state, county, count(*) AS n FROM pledges WHERE confirmed IS NOT NULL AND confirmed < ?1"
                 " GROUP BY state, county";
}

/* The one number SQL gives (no parameter) into *V; 0 without a row. */
static sl_status scalar(sl_store *st, const char *sql, long long *v, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    int step = sqlite3_step(s);
    *v = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "reading the campaign");
}

sl_status sl_store_campaign_closed_at(sl_store *st, long long *closed, sl_error *err)
{
    *closed = 0;
    if (sl_store_pg(st)) return sl_pg_campaign_closed_at(sl_store_pg(st), closed, err);
    if (!sl_store_has_table(st, "campaign_closed")) return SL_OK;
    return scalar(st, "SELECT closed FROM campaign_closed WHERE id = 1", closed, err);
}

/* SQL with ?1 bound to V, run to its end. */
static sl_status run_with(sl_store *st, const char *sql, long long v, const char *what, sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_prepare(st, sql, &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, v);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, what);
}

sl_status sl_store_campaign_close(sl_store *st, long long now, long *removed, long long *was_closed, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_campaign_close(sl_store_pg(st), now, removed, was_closed, err);
    *removed = 0;
    if (sl_store_campaign_tables(st, err) || sl_store_campaign_closed_at(st, was_closed, err)) return err->status;
    if (*was_closed) return SL_OK;
    if (run_with(st, "INSERT INTO campaign_closed VALUES(1, ?1)", now, "closing the campaign", err)) return err->status;
    /* their links and messages go by the foreign keys' cascade */
    if (run_with(st, "DELETE FROM pledges WHERE confirmed IS NULL AND ?1 = ?1", now, "deleting unconfirmed pledges",
                 err))
        return err->status;
    *removed = (long)sqlite3_changes(sl_store_db(st));
    return SL_OK;
}

sl_status sl_store_campaign_reopen(sl_store *st, long long *was_closed, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_campaign_reopen(sl_store_pg(st), was_closed, err);
    if (sl_store_campaign_tables(st, err) || sl_store_campaign_closed_at(st, was_closed, err)) return err->status;
    return *was_closed ? sl_store_exec(st, "DELETE FROM campaign_closed", err) : SL_OK;
}

sl_status sl_store_pledges_erase_all(sl_store *st, long long now, long long hour, sl_erase_all *done, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_pledges_erase_all(sl_store_pg(st), now, hour, done, err);
    long long n[3];
    *done = (sl_erase_all){0, 0, 0};
    if (!sl_store_has_table(st, "pledges")) return SL_OK;
    if (sl_store_campaign_tables(st, err) || sl_store_public_counts_make(st, hour, err)) return err->status;
    if (scalar(st, "SELECT count(*) FROM pledges", &n[0], err) ||
        scalar(st, "SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL", &n[1], err) ||
        scalar(st, "SELECT count(*) FROM outbox", &n[2], err))
        return err->status;
    static const char *const SQL[] = {
        /* the counts first: every confirmed pledge, whenever it was confirmed */
        "INSERT INTO kept_counts SELECT state, county, count(*) FROM pledges WHERE confirmed IS NOT NULL AND ?1 = ?1"
        " GROUP BY state, county ON CONFLICT(state, county) DO UPDATE SET pledges = pledges + excluded.pledges",
        "INSERT INTO erasures(erased, was_confirmed) SELECT ?1, confirmed IS NOT NULL FROM pledges ORDER BY id",
        /* links and messages go by the foreign keys' cascade */
        "DELETE FROM pledges WHERE ?1 = ?1"};
    for (size_t i = 0; i < sizeof SQL / sizeof *SQL; i++)
        if (run_with(st, SQL[i], now, "erasing every signer", err)) return err->status;
    *done = (sl_erase_all){(long)n[0], (long)n[1], (long)n[2]};
    return SL_OK;
}

sl_status sl_store_export_log(sl_store *st, long long now, long rows, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_export_log(sl_store_pg(st), now, rows, err);
    sqlite3_stmt *s;
    /* made here too: a store of this version made before the table was */
    if (sl_store_campaign_tables(st, err) ||
        sl_store_exec(st, "CREATE TABLE IF NOT EXISTS campaign_exports(id INTEGER PRIMARY KEY, made INTEGER NOT NULL,"
                          " rows INTEGER NOT NULL)", err))
        return err->status;
    if (sl_store_prepare(st, "INSERT INTO campaign_exports(made, rows) VALUES(?, ?)", &s, err)) return err->status;
    sqlite3_bind_int64(s, 1, now);
    sqlite3_bind_int64(s, 2, rows);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "recording the export");
}
