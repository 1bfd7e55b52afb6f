/*
** campaign.h — every write of the campaign: its content, pledges (double
** opt-in), confirmation, purge, erasure, delivery of the outbox, and the
** organisers' export. These live in ingest, the one layer that writes the
** store on behalf of its callers (the CLI now, `sightline serve` later):
** each call is one transaction, committed (on disk) before it returns
** SL_OK, so a pledge acknowledged to a signer is never lost. The public
** counts, which only read, are in analysis (analysis/campaign.h).
*/
#ifndef SIGHTLINE_INGEST_CAMPAIGN_H
#define SIGHTLINE_INGEST_CAMPAIGN_H

#include <stdio.h>
#include "sightline/core/form.h"
#include "sightline/io/smtp.h"
#include "sightline/store/campaign.h"

/* Field limits of the pledge form: a name in characters (the form's
** maxlength; up to four bytes of UTF-8 each), a county id in bytes. */
#define SL_PLEDGE_NAME_MAX 100
#define SL_PLEDGE_COUNTY_MAX 64
/* How long a confirmation link works, by default: 7 days. */
#define SL_PLEDGE_CONFIRM_TTL_S (7L * 24 * 3600)
/* The form's hidden honeypot field: people leave it empty, form-filling
** bots do not. A pledge with it filled is answered like any other and
** stored nowhere. */
#define SL_PLEDGE_HONEYPOT "homepage"

/* Check C (a title; commitment keys of letters, digits, '-' and '_',
** unique; a base URL starting http:// or https://; a sender address; an
** area set the store holds) and save it as the store's campaign at NOW,
** replacing the earlier content (a change of its organisation or
** commitments is kept as a version, sl_store_campaign_versions).
** SL_EUSAGE says which part is wrong. */
sl_status sl_campaign_save(sl_store *st, const sl_campaign *c, long long now, sl_error *err);

/* A pledge as posted: fields email (required), name, state (two letters),
** county (an area id of the campaign's set), commitment (repeated, each a
** known key), consent and listed (checkbox: present and "on", "yes" or
** "1" means ticked), csrf (checked by the server, ignored here) and the
** honeypot. Any other field, a repeated single field, a bad address
** (core/email.h), an over-long name, an unknown county or commitment is
** SL_EDATA: ERR's message is a sentence for the signer and *field (may be
** NULL) names the field. Required fields left empty (email, state,
** county) are refused together, first of all: the sentence names each, and
** *field lists them ("email state county", space-separated, in the form's
** order). Otherwise the pledge is stored unconfirmed with a
** new confirmation token valid TTL_S seconds from NOW (0: the default),
** and the message carrying the link queued in the outbox.
**
** SL_OK is the same for a new address, an unconfirmed one (it takes the
** new answers, and a further link only when its earlier messages were all
** sent: every link it was sent still works, and a message still waiting
** in the outbox is not doubled) and an already confirmed one (nothing
** changes): nothing in the reply tells them apart, so the form cannot be
** used to learn who signed. */
sl_status sl_campaign_pledge(sl_store *st, const sl_form *form, long long now, long ttl_s, const char **field,
                             sl_error *err);

/* The base URL of the demo's fictional campaign (`sightline demo
** --campaign`): this machine, serve's default port. */
#define SL_DEMO_BASE_URL "http://127.0.0.1:8787/"

/* sl_campaign_pledge, from a server listening on loopback PORT: when the
** campaign's base URL is SL_DEMO_BASE_URL, the link names PORT instead, so
** the demo served on another port sends links that open. Any other base
** URL, one an organiser configured, is used as it is; PORT 0 changes
** nothing. */
sl_status sl_campaign_pledge_on(sl_store *st, const sl_form *form, long long now, long ttl_s, unsigned port,
                                const char **field, sl_error *err);

/* Confirm the pledge whose link carried TOKEN, at NOW: *confirmed 1 when it
** was pending and its link still valid; 0 for an unknown, used, expired or
** malformed token (all alike). */
sl_status sl_campaign_confirm(sl_store *st, const char *token, long long now, int *confirmed, sl_error *err);

/* Where the link carrying TOKEN leads at NOW, changing nothing: a pledge
** it can confirm, one confirmed already, or nothing (an unknown, expired
** or malformed token: alike). With SHOWN (may be NULL), what that pledge
** says (sl_store_pledge_link: state, county id, commitments, consent,
** listed, the name only when listed; never the address), in ARENA. The page a link opens asks
** before it confirms, since mail scanners open links nobody clicked, and
** shows what the button confirms. */
sl_status sl_campaign_link(sl_store *st, const char *token, long long now, sl_pledge_link *link, sl_arena *arena,
                           sl_pledge *shown, sl_error *err);

/* Delete pledges still unconfirmed DAYS days after they were made (at NOW),
** *REMOVED of them, and the directory's suggestions that waited
** SL_SUGGESTION_KEEP_DAYS for a decision, *LAPSED of them (NULL: not
** counted), in one transaction, their bytes overwritten. */
sl_status sl_campaign_purge(sl_store *st, long long now, long days, long *removed, long *lapsed, sl_error *err);

/* Erase the signer of EMAIL (any spelling that normalises to it): their
** pledge and queued messages, overwritten in the file; the erasure is logged
** with its time only. *found 0 when no pledge has that address. */
sl_status sl_campaign_erase(sl_store *st, const char *email, long long now, int *found, sl_error *err);

/* Take the signer of EMAIL (any spelling that normalises to it) off the
** public list at NOW; with EMAIL NULL, the signer of pledge ID (the
** organisers' page, which shows no address). The pledge stays counted and
** keeps its consent; the unlisting is recorded, so no later link or
** sign-up lists it again (sl_store_pledge_unlist). *found 0 when there is
** no such pledge; *was_listed as sl_store_pledge_unlist says (1 listed,
** 2 unlisted already, 0 not listed by the signer's choice). */
sl_status sl_campaign_unlist(sl_store *st, const char *email, long id, long long now, int *found, int *was_listed,
                             sl_error *err);

/* Unlist the signers of pledges IDS[0..N) at NOW, as sl_campaign_unlist
** does each, in one transaction (a spam wave: all of them or none).
** *unlisted counts those taken off (or kept off) the list by this call,
** *already those unlisted before; a number no pledge has counts in
** neither. */
sl_status sl_campaign_unlist_ids(sl_store *st, const long *ids, size_t n, long long now, long *unlisted,
                                 long *already, sl_error *err);

/* Undo an unlisting (sl_campaign_unlist) of the signer of EMAIL, or with
** EMAIL NULL of pledge ID: back on the public list only when its signer
** chose to be listed (sl_store_pledge_relist: *done says what happened).
** *found 0 when there is no such pledge. */
sl_status sl_campaign_relist(sl_store *st, const char *email, long id, int *found, sl_relist *done, sl_error *err);

/* Undo the unlisting of pledges IDS[0..N), as sl_campaign_relist does
** each, in one transaction (an unlisting too wide, undone at once).
** *listed counts those back on the list (or, pending, freed to be listed
** at confirmation), *kept_off those unlisted whose signer did not choose
** the list, who stay off; others (not unlisted, no such pledge) neither. */
sl_status sl_campaign_relist_ids(sl_store *st, const long *ids, size_t n, long *listed, long *kept_off,
                                 sl_error *err);

/* The organisers' search: with QUERY an address (it holds '@'), the pledge
** of that address (any spelling that normalises to it); else every pledge
** whose name holds QUERY (sl_signer_name_has: any case, accents folded).
** FN gets the first MAX of them in id order, confirmed or not; *matches
** counts them all. SL_EUSAGE for an empty QUERY or an address no pledge
** could have. Read only: call it inside a read transaction. */
sl_status sl_campaign_find(sl_store *st, const char *query, long max, sl_pledge_fn fn, void *ctx, long *matches,
                           sl_error *err);

/* The From: of the campaign's messages into C->from: the campaign's sender
** (`campaign init|edit --sender`, what `campaign show` says messages come
** from) when it has one, else C->from as the SMTP settings gave it. WAS
** (SIZE bytes) receives the settings' from when the campaign's replaced a
** different one, else "". C->from_name: the campaign's organisation (its
** title when it has none), the name a signer's inbox shows. SL_EUSAGE
** when neither gives a sender. */
sl_status sl_campaign_use_sender(sl_store *st, sl_smtp_config *c, char *was, size_t size, sl_error *err);

/* What a run of sl_campaign_send did: QUEUED messages waiting when it
** began (at most its MAX), of them sent, failed (kept in the
** outbox with their reason, tried again by the next run), REFUSED for good
** (the recipient's server answered 5xx to the address: recorded, never
** tried again; REFUSED_WHY the last reason), LEFT untried because the
** server itself failed SL_SEND_GIVE_UP times in a row, and BUSY 1 when
** another run was sending. */
typedef struct sl_send_result {
    long queued, sent, failed, left, refused;
    int busy;
    int stopped; /* STOP asked the run to end: LEFT untried for the next run */
    int every_refused; /* the server refused every recipient (SL_SEND_GIVE_UP or more) and
                       ** accepted none: counted as failed, kept (its settings, not the addresses) */
    int settings; /* the server refused the settings (the login): the run ended at once, LEFT untried */
    long twice; /* of SENT, handed over a second time with the server's answer lost again: counted as sent
                ** (not sent a third time: one signer mailed each run) */
    long later;          /* waiting when the run began, but not due yet (sl_send_retry_at): not in QUEUED */
    long deferred;       /* of FAILED, those turned away for now by the recipient's server: not tried before
                         ** their sl_send_retry_at (the others at the next run) */
    long long next_try;  /* the earliest try of LATER and DEFERRED (0: none) */
    char refused_why[256];
} sl_send_result;

/* FN(CTX, DONE, OF) before each message, DONE of the run's OF messages
** handled (a progress line); nonzero ends the run there, the message in
** flight sent and marked first, so that Ctrl-C neither cuts a message nor
** mails it twice (R->stopped, R->left). NULL: never asked. */
typedef struct sl_send_watch { int (*fn)(void *ctx, long done, long of); void *ctx; } sl_send_watch;

/* A server not reached (or silent past its timeout) this many times in a
** row ends the run: with 30,000 waiting, trying each would hold the run
** (and the sender's lock) for days of timeouts. */
enum { SL_SEND_GIVE_UP = 3 };

/* A message its recipient's server turned away for now (a full mailbox,
** greylisting: a 4xx to the address or the message) is tried again after
** SL_SEND_RETRY_S, the wait doubling at each try up to SL_SEND_RETRY_MAX_S,
** as mail servers do: tried at every run of a five-minute cron, a mailbox
** full for a week mailed the organiser some two thousand times (cron mails
** what a run prints) and kept knocking on a server that may come to take
** the sender for a spammer. A run takes the messages due within
** SL_SEND_RETRY_SLACK_S of its start, so that a cron run a few seconds
** early does not put a try off by a whole interval. Failures of the server
** itself or of the settings wait for no one: the next run tries again. */
enum { SL_SEND_RETRY_S = 300, SL_SEND_RETRY_MAX_S = 4 * 3600, SL_SEND_RETRY_SLACK_S = 60 };

/* When a message tried ATTEMPTS times before, turned away for now at NOW,
** is tried again. */
long long sl_send_retry_at(long attempts, long long now);

/* Deliver up to MAX (0: all) queued messages through C, at NOW: each is
** marked sent only after the server accepted it, in its own transaction, so
** a crash re-sends at most the message in flight; one gone since the run
** read it (its pledge erased, the campaign closed) is not sent. A message
** whose recipient the server refused for good (sl_smtp_session_refused) is
** recorded so (sl_store_outbox_refused) at the run's end and counted in
** R->refused, not as a failure (unless the server refused every recipient
** of the run, SL_SEND_GIVE_UP or more: then they are failures kept for the
** next run, R->every_refused); one it refused otherwise is counted as failed (its reason kept
** in the outbox, tried again next run); the rest are still tried either
** way; a server that fails itself (sl_smtp_send's SL_EIO) SL_SEND_GIVE_UP
** times in a row ends the run, the rest left for the next, and one that
** refuses the settings (SL_EUSAGE: the login) ends it at once (R->settings).
** A message whose connection was lost after its end a second time
** (sl_outbox_msg's maybe_sent) is marked sent (R->twice), not sent again. ERR holds the
** last failure when R->failed > 0. One run at a time
** (sl_store_send_lock): while another is sending, this one sends nothing
** and says so in R->busy, so that no signer gets her link twice. WATCH:
** sl_send_watch. */
sl_status sl_campaign_send(sl_store *st, const sl_smtp_config *c, size_t max, long long now, const sl_send_watch *watch,
                           sl_send_result *r, sl_error *err);

/* ---- the campaign's end (campaign_end.c) --------------------------------- */

/* Close the campaign at NOW (sl_store_campaign_close): the page and its
** counts stay, no pledge is taken (sl_campaign_pledge: SL_EUSAGE saying
** so) or confirmed, and the pledges still unconfirmed are deleted with
** their links and queued messages, overwritten in the store's files
** (*removed counts them). *was_closed: when it had been closed already
** (nothing changed), else 0. SL_EUSAGE when the store has no campaign. */
sl_status sl_campaign_close(sl_store *st, long long now, long *removed, long long *was_closed, sl_error *err);
/* Take pledges again; *was_closed: when it had been closed (0: it was
** open, nothing changed). */
sl_status sl_campaign_reopen(sl_store *st, long long *was_closed, sl_error *err);

/* Erase every signer at once at NOW, keeping only the counts of the
** confirmed pledges per state and county (sl_store_pledges_erase_all;
** HOUR: the start of the current hour of the public counts, whose figures
** stay as they were), overwritten in the store's files and logged without
** personal data. Only for a closed campaign (SL_EUSAGE else), and only when
** EXPECT is the number of pledges the store holds (SL_EDATA else, saying
** how many it holds, nothing erased): the organiser's confirmation. */
sl_status sl_campaign_erase_all(sl_store *st, long long now, long long hour, long expect, sl_erase_all *done,
                                sl_error *err);

/* Write confirmed pledges whose signers consented to be contacted to OUT
** as CSV for an organising CRM (email, first_name, last_name, state,
** county_id, county, commitments, public_listing, signed_utc,
** confirmed_utc), then on every row what the file holds, for whoever
** receives it: campaign (its title), consented_to (the sentence each
** signer ticked: "ORGANISATION may email me about the campaign") and
** exported_utc (NOW: a signer erased later is still in the file). Every
** cell through sl_csv_write_cell (formula-safe). *rows counts them. The
** only way personal data leaves the store. */
sl_status sl_campaign_export_csv(sl_store *st, FILE *out, long long now, long *rows, sl_error *err);
/* Record, once an export of ROWS was written whole at NOW, that it was
** made (sl_store_export_log): `campaign erase --all` and `campaign show`
** name the copies outside the store. One transaction. */
sl_status sl_campaign_export_logged(sl_store *st, long long now, long rows, sl_error *err);

#endif
