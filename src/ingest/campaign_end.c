/*
** campaign_end.c — the campaign's end: closing it, opening it again,
** erasing every signer at once, and the record of exports made, which that
** erasure cannot reach (see sightline/ingest/campaign.h). Each is
** one transaction, and what it deleted is overwritten in the store's files
** (sl_store_pledges_scrub) once it has committed, as erase and purge do.
*/
#include "sightline/ingest/campaign.h"

#include <stdio.h>

typedef struct end_ctx {
    long long now, hour, *was_closed;
    long *removed, expect;
    sl_erase_all *done;
} end_ctx;

/* The campaign must be there: a close or an erasure of a store without one
** is a mistaken store (-s), said as such. */
static sl_status campaign_there(sl_store *st, long long *closed, sl_error *err)
{
    sl_arena a = {0};
    sl_campaign c;
    int found = 0;
    sl_status rc = sl_store_campaign_load(st, &a, &c, &found, err);
    sl_arena_free(&a);
    if (rc) return rc;
    if (!found) return sl_fail(err, SL_EUSAGE, NULL, 0, "the store has no campaign (sightline campaign init)");
    *closed = c.closed;
    return SL_OK;
}

static sl_status close_tx(sl_store *st, void *ctx, sl_error *err)
{
    end_ctx *x = ctx;
    long long closed;
    if (campaign_there(st, &closed, err)) return err->status;
    return sl_store_campaign_close(st, x->now, x->removed, x->was_closed, err);
}

static sl_status reopen_tx(sl_store *st, void *ctx, sl_error *err)
{
    end_ctx *x = ctx;
    long long closed;
    if (campaign_there(st, &closed, err)) return err->status;
    return sl_store_campaign_reopen(st, x->was_closed, err);
}

static sl_status erase_all_tx(sl_store *st, void *ctx, sl_error *err)
{
    end_ctx *x = ctx;
    long long closed;
    sl_campaign_totals t;
    if (campaign_there(st, &closed, err) || sl_store_campaign_totals(st, &t, err)) return err->status;
    if (!closed)
        return sl_fail(err, SL_EDATA, NULL, 0, "the campaign is still taking pledges: close it first (sightline "
                       "campaign close), then erase every signer");
    if (x->expect != t.pledges)
        return sl_fail(err, SL_EDATA, NULL, 0, "the store holds %ld pledge%s, not %ld: nothing erased (give "
                       "--confirm %ld to erase them all)", t.pledges, t.pledges == 1 ? "" : "s", x->expect, t.pledges);
    return sl_store_pledges_erase_all(st, x->now, x->hour, x->done, err);
}

sl_status sl_campaign_close(sl_store *st, long long now, long *removed, long long *was_closed, sl_error *err)
{
    end_ctx x = {.now = now, .removed = removed, .was_closed = was_closed};
    *removed = 0;
    *was_closed = 0;
    if (sl_store_in_tx(st, close_tx, &x, err)) return err->status;
    return *removed ? sl_store_pledges_scrub(st, err) : SL_OK;
}

sl_status sl_campaign_reopen(sl_store *st, long long *was_closed, sl_error *err)
{
    end_ctx x = {.was_closed = was_closed};
    *was_closed = 0;
    return sl_store_in_tx(st, reopen_tx, &x, err);
}

sl_status sl_campaign_erase_all(sl_store *st, long long now, long long hour, long expect, sl_erase_all *done,
                                sl_error *err)
{
    end_ctx x = {.now = now, .hour = hour, .expect = expect, .done = done};
    *done = (sl_erase_all){0, 0, 0};
    if (sl_store_in_tx(st, erase_all_tx, &x, err)) return err->status;
    return done->pledges ? sl_store_pledges_scrub(st, err) : SL_OK;
}

sl_status sl_campaign_export_logged(sl_store *st, long long now, long rows, sl_error *err)
{
    sl_status rc = sl_store_begin(st, err);
    if (rc) return rc;
    rc = sl_store_export_log(st, now, rows, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    return rc;
}
