/*
** campaign_manage.h — a signer manages her own pledge: a link to do so
** (in the confirmation mail, or mailed again when she asks on the page),
** and the three things it does — no more email from the organisation, off
** the public list, erased — each one transaction, effective when it
** returns, logged without a field of hers. An organiser she wrote to
** withdraws her consent by her address (sl_campaign_withdraw_consent).
**
** A link is a secret of SL_TOKEN_CHARS characters (core/token.h), stored
** hashed (store/campaign_manage.h), sent only to the pledge's address: a
** stranger who knows the address can ask for one, but it goes to her
** inbox, and the reply is the same whether the address signed or not.
*/
#ifndef SIGHTLINE_INGEST_CAMPAIGN_MANAGE_H
#define SIGHTLINE_INGEST_CAMPAIGN_MANAGE_H

#include "sightline/core/arena.h"
#include "sightline/core/error.h"
#include "sightline/core/token.h"
#include "sightline/store/campaign_manage.h"

/* A link asked for the same pledge within this many seconds of the last is
** not sent again (one mail a quarter hour, whoever asks). */
#define SL_MANAGE_ASK_GAP_S 900

/* A new link to manage pledge PLEDGE_ID into TOKEN (its hash stored), made
** at NOW, working until EXPIRES (0: SL_MANAGE_MAIL_LINK_TTL_S after NOW).
** Inside the caller's transaction (the confirmation mail's is made with its
** pledge). */
sl_status sl_campaign_manage_link_new(sl_store *st, long pledge_id, long long now, long long expires,
                                      char token[SL_TOKEN_CHARS + 1], sl_error *err);

/* "BASE/campaign/manage?key=TOKEN" for the campaign whose base URL is
** BASE, into BUF (returned): the link as a mail gives it ("key", not the
** confirmation link's "token", so that the two are told apart at a glance). */
const char *sl_campaign_manage_url(const char *base, const char *token, char *buf, size_t size);

/* A signer asks for a link to manage her pledge, giving EMAIL, at NOW,
** from a server on loopback PORT (as sl_campaign_pledge_on; 0: none):
** when a pledge has that address and no link was asked for it in the last
** SL_MANAGE_ASK_GAP_S, a link working SL_MANAGE_LINK_TTL_S is queued in
** the outbox for it. A malformed address is SL_EDATA (its sentence for
** the form); otherwise SL_OK says nothing of whether the address signed. */
sl_status sl_campaign_manage_ask(sl_store *st, const char *email, long long now, unsigned port, sl_error *err);

/* The pledge the link carrying TOKEN leads to at NOW, changing nothing:
** *id 0 when none (unknown, expired, erased, malformed: alike); else SHOWN
** (in ARENA) as sl_store_manage_find gives it. */
sl_status sl_campaign_manage_look(sl_store *st, const char *token, long long now, long *id, sl_arena *arena,
                                  sl_pledge *shown, sl_error *err);

/* What the link's page does. */
typedef enum sl_manage_action {
    SL_MANAGE_CONSENT = 1, /* no more email */
    SL_MANAGE_UNLIST,
    SL_MANAGE_ERASE,
    SL_MANAGE_RECONSENT /* the emails again: a confirmed pledge, when sl_campaign_consent_again allows */
} sl_manage_action;

/* *MAY 1 when the signer of a confirmed pledge made at CREATED may give
** her consent to be emailed again from her link: the organisation the
** campaign names now is the one her form named when she signed, whose
** name the export's consented_to gives (a consent to another organisation
** would need a sign-up of its own). */
sl_status sl_campaign_consent_again(sl_store *st, long long created, int *may, sl_error *err);

/* Do ACTION to the pledge of the link carrying TOKEN, at NOW, in one
** transaction: *done 0 when the link leads nowhere, 1 when done, 2 when
** there was nothing to do (consent withdrawn, or unlisted, already). An
** erasure is sl_campaign_erase's: overwritten in the store's files, and
** logged with its time only; it leaves the public counts at the next
** full hour, as every erasure. */
sl_status sl_campaign_manage_do(sl_store *st, const char *token, sl_manage_action action, long long now, int *done,
                                sl_error *err);

/* The organisers withdraw the consent to be emailed of the signer of EMAIL
** (any spelling that normalises to it), at NOW: *found 0 when no pledge
** has it; *changed 0 when it had none to withdraw. Logged as the
** organiser's. */
sl_status sl_campaign_withdraw_consent(sl_store *st, const char *email, long long now, int *found, int *changed,
                                       sl_error *err);

/* The organisers take the signer of EMAIL off the public list because she
** asked them to (`campaign unlist --asked`), at NOW: an unlisting
** (sl_campaign_unlist) that also records her choice not to be listed, so
** that a relisting leaves her off, as her own unlisting does. *found 0 when
** no pledge has the address; *was_listed as sl_campaign_unlist's. Logged as
** the organiser's. */
sl_status sl_campaign_unlist_asked(sl_store *st, const char *email, long long now, int *found, int *was_listed,
                                   sl_error *err);

#endif
