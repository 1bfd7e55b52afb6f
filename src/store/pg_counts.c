/*
** pg_counts.c — the campaign's public counts of the hour in the PostgreSQL
** store (see sl_store_public_counts in sightline/store/campaign.h; the
** SQLite side is in campaign.c, whose rules and results these follow).
**
** Why stored, not kept in a server's memory: several `serve` processes on
** one database must serve the same figures all hour, and a restart must
** not count again (an erasure since the hour's first read would then show
** at once). The hour's row is made in the caller's transaction, which holds
** the store's write lock (sl_pg_begin): two servers making the same hour
** at once make it one after the other, and the second finds the first's.
*/
#include "pg.h"
#include "sightline/store/campaign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_pg_public_counts(sl_pg *pg, long long hour, sl_pledge_count_fn fn, void *ctx, int *found, sl_error *err)
{
    PGresult *r;
    char n[32];
    /* no pledge ever: nothing to count, nothing to keep */
    *found = !sl_pg_table_there(pg, "pledges");
    if (*found || !sl_pg_table_there(pg, "public_count_hours")) return SL_OK;
    snprintf(n, sizeof n, "%lld", hour);
    const char *v[] = {n};
    if (sl_pg_run(pg, "SELECT count(*) FROM public_count_hours WHERE hour = $1::bigint", 1, v, &r,
                  "looking up the hour's counts", err))
        return err->status;
    *found = PQntuples(r) == 1 && atol(PQgetvalue(r, 0, 0)) > 0;
    PQclear(r);
    if (!*found) return SL_OK;
    if (sl_pg_run(pg, "SELECT state, county, pledges FROM public_counts WHERE hour = $1::bigint"
                      " ORDER BY state COLLATE \"C\", county COLLATE \"C\"",
                  1, v, &r, "reading the hour's counts", err))
        return err->status;
    for (int i = 0; i < PQntuples(r); i++)
        fn(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), atol(PQgetvalue(r, i, 2)), ctx);
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_public_counts_make(sl_pg *pg, long long hour, sl_error *err)
{
    PGresult *r;
    char n[32];
    if (!sl_pg_table_there(pg, "pledges")) return SL_OK;
    if (sl_pg_campaign_tables(pg, err)) return err->status;
    snprintf(n, sizeof n, "%lld", hour);
    const char *v[] = {n};
    /* the first stored wins: another server (or a clock a little ahead)
    ** made this hour's, or a later one, already */
    if (sl_pg_run(pg, "SELECT count(*) FROM public_count_hours WHERE hour >= $1::bigint", 1, v, &r,
                  "looking up the hour's counts", err))
        return err->status;
    int later = PQntuples(r) == 1 && atol(PQgetvalue(r, 0, 0)) > 0;
    PQclear(r);
    if (later) return SL_OK;
    const char *const SQL[] = {
        "DELETE FROM public_counts WHERE hour < $1::bigint", "DELETE FROM public_count_hours WHERE hour < $1::bigint",
        "INSERT INTO public_count_hours VALUES($1::bigint) ON CONFLICT DO NOTHING", sl_pg_counted_sql(pg, 1)};
    for (size_t i = 0; i < sizeof SQL / sizeof *SQL; i++)
        if (sl_pg_run(pg, SQL[i], 1, v, NULL, "storing the hour's counts", err)) return err->status;
    return SL_OK;
}
