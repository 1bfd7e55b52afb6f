/*
** admin.c — the admin token and the edit of a listing (see
** sightline/ingest/admin.h).
*/
#include "sightline/ingest/admin.h"
#include "sightline/store/admin.h"

sl_status sl_campaign_admin_token(sl_store *st, char token[SL_TOKEN_CHARS + 1], long long now, sl_error *err)
{
    char hex[65];
    if (sl_token_new(token, err)) return err->status;
    sl_token_hash(token, hex);
    sl_status rc = sl_store_begin(st, err);
    if (!rc) rc = sl_store_admin_token_set(st, hex, now, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    return rc;
}
