/*
** admin.h — what the organisers' area of `sightline serve` reads from the
** store: the hash of the admin token (the token itself is shown once, by
** `sightline campaign token`, and never stored) and, for the directory's
** "near a county", the centre of each area of a set.
*/
#ifndef SIGHTLINE_STORE_ADMIN_H
#define SIGHTLINE_STORE_ADMIN_H

#include "sightline/core/error.h"
#include "sightline/store/store.h"

/* Keep HASH (64 hex digits, sl_token_hash of a new token) as the one admin
** token, made at NOW: an earlier token stops working. Inside the caller's
** transaction. */
sl_status sl_store_admin_token_set(sl_store *st, const char *hash, long long now, sl_error *err);

/* The admin token's hash into HEX; *found 0 when no token was ever made. */
sl_status sl_store_admin_token_get(sl_store *st, char hex[65], int *found, sl_error *err);

/* The form secret: what the CSRF tokens of `serve`'s forms derive from,
** kept in the store so that every serve process of it, and a restarted
** one, takes the forms the others served (meta key form_secret, a token of
** sl_token_new: SL_TOKEN_CHARS characters). Read into OUT; *found 0 when
** none was made yet. */
sl_status sl_store_form_secret_get(sl_store *st, char out[64], int *found, sl_error *err);

/* Keep SECRET as the form secret unless the store holds one already (two
** processes making it at once agree on the first). Inside the caller's
** transaction. */
sl_status sl_store_form_secret_add(sl_store *st, const char *secret, sl_error *err);

/* Call FN for each area of SET by name: its id, name and the centre of its
** bounding box (lat, lon), which stands for the area in "within R km of
** it". Nothing when the set does not exist. */
typedef sl_status (*sl_area_centre_fn)(const char *id, const char *name, double lat, double lon, void *ctx,
                                       sl_error *err);
sl_status sl_store_area_centres(sl_store *st, const char *set, sl_area_centre_fn fn, void *ctx, sl_error *err);

#endif
