/*
** pg_campaign_end.c — the campaign's end in the PostgreSQL store: closing,
** reopening, and erasing every signer while keeping the counts per place
** (see pg.h; the SQLite side is campaign_end.c, whose rules and results
** these follow). Every write runs in the caller's transaction, which holds
** the store's write lock (sl_pg_begin): a pledge posted to another `serve`
** while the campaign closes is either stored before and deleted with the
** other unconfirmed ones, or refused after.
*/
#include "pg.h"
#include "sightline/store/campaign.h"

#include <stdio.h>
#include <stdlib.h>

/* The pledges' own counts, and from version 7 the kept ones, per place:
** whole literals, as sl_pg_run keys its prepared statements by address. */
#define PLEDGES_COUNTED                                                                                                \
    "SELECT state, county, count(*) AS n FROM pledges WHERE confirmed IS NOT NULL AND confirmed < $1::bigint"          \
    " GROUP BY state, county"
#define WITH_KEPT PLEDGES_COUNTED " UNION ALL SELECT state, county, pledges FROM kept_counts"
#define READ(FROM)                                                                                                     \
    "SELECT state, county, sum(n) FROM (" FROM ") c GROUP BY state, county"                                            \
    " ORDER BY state COLLATE \"C\", county COLLATE \"C\""
#define MAKE(FROM)                                                                                                     \
    "INSERT INTO public_counts SELECT $1::bigint, state, county, sum(n) FROM (" FROM ") c"                             \
    " GROUP BY state, county ON CONFLICT DO NOTHING"

const char *sl_pg_counted_sql(sl_pg *pg, int make)
{
    static const char *const SQL[2][2] = {{READ(PLEDGES_COUNTED), READ(WITH_KEPT)},
                                          {MAKE(PLEDGES_COUNTED), MAKE(WITH_KEPT)}};
    return SQL[make != 0][sl_pg_table_there(pg, "kept_counts")];
}

/* The one number of SQL (parameter $1 = V, or none with V NULL) into *OUT. */
static sl_status number(sl_pg *pg, const char *sql, const char *v, long long *out, sl_error *err)
{
    PGresult *r;
    const char *p[] = {v};
    if (sl_pg_run(pg, sql, v ? 1 : 0, v ? p : NULL, &r, "reading the campaign", err)) return err->status;
    *out = PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_campaign_closed_at(sl_pg *pg, long long *closed, sl_error *err)
{
    *closed = 0;
    if (!sl_pg_table_there(pg, "campaign_closed")) return SL_OK;
    return number(pg, "SELECT closed FROM campaign_closed WHERE id = 1", NULL, closed, err);
}

sl_status sl_pg_campaign_close(sl_pg *pg, long long now, long *removed, long long *was_closed, sl_error *err)
{
    PGresult *r;
    char n[32];
    *removed = 0;
    if (sl_pg_campaign_tables(pg, err) || sl_pg_campaign_closed_at(pg, was_closed, err)) return err->status;
    if (*was_closed) return SL_OK;
    snprintf(n, sizeof n, "%lld", now);
    const char *v[] = {n};
    if (sl_pg_run(pg, "INSERT INTO campaign_closed VALUES(1, $1::bigint)", 1, v, NULL, "closing the campaign", err))
        return err->status;
    /* their links and messages go by the foreign keys' cascade */
    if (sl_pg_run(pg, "DELETE FROM pledges WHERE confirmed IS NULL", 0, NULL, &r, "deleting unconfirmed pledges", err))
        return err->status;
    *removed = atol(PQcmdTuples(r));
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_campaign_reopen(sl_pg *pg, long long *was_closed, sl_error *err)
{
    if (sl_pg_campaign_tables(pg, err) || sl_pg_campaign_closed_at(pg, was_closed, err)) return err->status;
    return *was_closed ? sl_pg_exec(pg, "DELETE FROM campaign_closed", "opening the campaign again", err) : SL_OK;
}

sl_status sl_pg_pledges_erase_all(sl_pg *pg, long long now, long long hour, sl_erase_all *done, sl_error *err)
{
    long long n[3];
    char t[32];
    *done = (sl_erase_all){0, 0, 0};
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (sl_pg_campaign_tables(pg, err) || sl_pg_public_counts_make(pg, hour, err)) return err->status;
    if (number(pg, "SELECT count(*) FROM pledges", NULL, &n[0], err) ||
        number(pg, "SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL", NULL, &n[1], err) ||
        number(pg, "SELECT count(*) FROM outbox", NULL, &n[2], err))
        return err->status;
    snprintf(t, sizeof t, "%lld", now);
    const char *v[] = {t};
    static const char *const SQL[] = {
        /* the counts first: every confirmed pledge, whenever it was confirmed */
        "INSERT INTO kept_counts SELECT state, county, count(*) FROM pledges WHERE confirmed IS NOT NULL"
        " AND $1::bigint IS NOT NULL GROUP BY state, county"
        " ON CONFLICT (state, county) DO UPDATE SET pledges = kept_counts.pledges + excluded.pledges",
        "INSERT INTO erasures(id, erased, was_confirmed) SELECT (SELECT coalesce(max(id), 0) FROM erasures)"
        " + row_number() OVER (ORDER BY id), $1::bigint, (confirmed IS NOT NULL)::integer FROM pledges",
        /* links and messages go by the foreign keys' cascade */
        "DELETE FROM pledges WHERE $1::bigint IS NOT NULL"};
    for (size_t i = 0; i < sizeof SQL / sizeof *SQL; i++)
        if (sl_pg_run(pg, SQL[i], 1, v, NULL, "erasing every signer", err)) return err->status;
    *done = (sl_erase_all){(long)n[0], (long)n[1], (long)n[2]};
    return SL_OK;
}

sl_status sl_pg_export_log(sl_pg *pg, long long now, long rows, sl_error *err)
{
    char t[32], n[32];
    /* made here too: a store of this version made before the table was */
    if (sl_pg_campaign_tables(pg, err) ||
        sl_pg_exec(pg, "CREATE TABLE IF NOT EXISTS campaign_exports(id bigint PRIMARY KEY, made bigint NOT NULL,"
                       " rows bigint NOT NULL)", "recording the export", err))
        return err->status;
    snprintf(t, sizeof t, "%lld", now);
    snprintf(n, sizeof n, "%ld", rows);
    const char *v[] = {t, n};
    return sl_pg_run(pg, "INSERT INTO campaign_exports(id, made, rows) VALUES((SELECT coalesce(max(id), 0) + 1"
                         " FROM campaign_exports), $1::bigint, $2::bigint)",
                     2, v, NULL, "recording the export", err);
}
