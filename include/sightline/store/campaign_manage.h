/*
** campaign_manage.h — what lets a signer manage her own pledge without
** writing to anyone: the links that lead to it (manage_links, version 8 of
** the campaign tables), and the changes she (or an organiser she wrote to)
** can make: consent to be emailed withdrawn, off the public list. Erasure
** is sl_store_pledge_erase (campaign.h).
**
** A link is a secret: only its SHA-256 (core/token.h) is stored, as the
** confirmation links' are, and it goes with its pledge (foreign key). The
** confirmation mail's link ends after SL_MANAGE_MAIL_LINK_TTL_S (a mail
** forwarded or read by someone else months later must not let them see or
** erase her pledge; she asks for a new link on the page whenever she
** wants); a link asked for on the page ends after SL_MANAGE_LINK_TTL_S.
** The log of changes (pledge_changes) holds what, by whom ("signer" or "organiser") and when: no field of the pledge.
*/
#ifndef SIGHTLINE_STORE_CAMPAIGN_MANAGE_H
#define SIGHTLINE_STORE_CAMPAIGN_MANAGE_H

#include "sightline/core/arena.h"
#include "sightline/core/error.h"
#include "sightline/store/campaign.h"
#include "sightline/store/store.h"

/* How long a link asked for on the page works: 2 days. */
#define SL_MANAGE_LINK_TTL_S (2L * 86400)
/* How long the confirmation mail's link works: 30 days from the sign-up.
** A link stored without an end (expires NULL, before 2026-12-07) ends as
** long after it was made. */
#define SL_MANAGE_MAIL_LINK_TTL_S (30L * 86400)

/* Store TOKEN_HASH as a link to manage pledge PLEDGE_ID, made at NOW,
** working until EXPIRES (0: SL_MANAGE_MAIL_LINK_TTL_S after NOW). Inside
** the caller's transaction. */
sl_status sl_store_manage_link_add(sl_store *st, long pledge_id, const char *token_hash, long long now,
                                   long long expires, sl_error *err);

/* The pledge of EMAIL (normalised): *id (0: none), and *recent 1 when a
** link was asked for it on the page (one of SL_MANAGE_LINK_TTL_S, not
** the confirmation mail's) at SINCE or later. */
sl_status sl_store_manage_due(sl_store *st, const char *email, long long since, long *id, int *recent,
                              sl_error *err);

/* The pledge the link of TOKEN_HASH leads to at NOW: *id 0 when none
** (unknown, expired: alike). SHOWN (in ARENA) then holds the pledge as it
** is: email (for an erasure; never shown), name, state, county,
** commitments, consent, listed, created, confirmed (0: pending). */
sl_status sl_store_manage_find(sl_store *st, const char *token_hash, long long now, long *id, sl_arena *arena,
                               sl_pledge *shown, sl_error *err);

/* What a signer changes of her pledge. */
typedef enum sl_pledge_change {
    SL_CHANGE_CONSENT = 1,  /* no more email from the organisation */
    SL_CHANGE_UNLIST = 2,   /* off the public list, by her own choice */
    SL_CHANGE_RECONSENT = 3 /* the organisation's email again, by her own choice (a confirmed pledge) */
} sl_pledge_change;

/* Make change WHAT to the pledge of EMAIL (normalised), or with EMAIL
** NULL of pledge ID, at NOW, by BY ("signer" or "organiser"): consent to
** be contacted 0, or listed 0 with her choice to be listed 0 (an
** organiser's relisting leaves it off), on the pledge and on every link of
** it (a link confirmed later confirms it so); or, a confirmed pledge's
** consent given again, 1 (a pending pledge's link says what it confirms). *found 0 when there is no
** such pledge; *changed 0 when it was so already (nothing is logged then),
** 1 when it changed and the change was logged. Inside the caller's
** transaction. */
sl_status sl_store_pledge_change(sl_store *st, const char *email, long id, sl_pledge_change what, const char *by,
                                 long long now, int *found, int *changed, sl_error *err);

#endif
