/*
** admin.c — the admin token and the edit of a listing (see
** sightline/ingest/admin.h).
*/
#include "sightline/ingest/admin.h"
#include "sightline/store/admin.h"

#include <openssl/crypto.h>

sl_status sl_campaign_form_secret(sl_store *st, char out[64], sl_error *err)
{
    char made[SL_TOKEN_CHARS + 1];
    int found = 0;
    if (sl_store_form_secret_get(st, out, &found, err)) return err->status;
    if (found) return SL_OK;
    if (sl_token_new(made, err)) return err->status;
    sl_status rc = sl_store_begin(st, err);
    if (!rc) rc = sl_store_form_secret_add(st, made, err);
    if (!rc) rc = sl_store_form_secret_get(st, out, &found, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    OPENSSL_cleanse(made, sizeof made);
    if (!rc && !found) rc = sl_fail(err, SL_EIO, NULL, 0, "the form secret was not kept");
    return rc;
}

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
