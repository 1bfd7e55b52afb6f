/*
** admin.h — the organisers' writes that are not a signer's: the admin
** token of `sightline serve`'s admin area, and the edit and removal of a
** listing.
** Each call is one transaction, committed before SL_OK.
*/
#ifndef SIGHTLINE_INGEST_ADMIN_H
#define SIGHTLINE_INGEST_ADMIN_H

#include "sightline/core/form.h"
#include "sightline/core/token.h"
#include "sightline/store/store.h"

#include <stddef.h>

/* Make a new admin token into TOKEN (shown to the organiser once) and keep
** only its SHA-256 in the store, at NOW; an earlier token stops working. */
sl_status sl_campaign_admin_token(sl_store *st, char token[SL_TOKEN_CHARS + 1], long long now, sl_error *err);

/* Replace the fields of listed business ID with those of FORM, checked as
** a suggestion's are (sl_campaign_suggest: a name and one of category,
** address, website or phone, website http(s) only, state two letters,
** lat/lon both or neither; csrf ignored). Where
** the entry came from is kept. *found 0 when there is no listing ID; a bad
** field is SL_EDATA with *field naming it. */
sl_status sl_campaign_edit_listing(sl_store *st, long id, const sl_form *form, int *found, const char **field,
                                   sl_error *err);

/* Remove listing ID from the directory, in one transaction: *found 0 when
** there is none; its name goes into NAME (SIZE bytes, at least 1), for the
** message. Its number is never given to another listing. */
sl_status sl_campaign_remove_listing(sl_store *st, long id, int *found, char *name, size_t size, sl_error *err);

/* The store's form secret into OUT (sl_store_form_secret_get), made
** first when it holds none: one transaction, in which the first of several
** processes making it at once wins and all read the same. */
sl_status sl_campaign_form_secret(sl_store *st, char out[64], sl_error *err);

#endif
