/*
** campaign.h — the campaign's tables: its content (title, pledge text,
** commitments, organisation, privacy notice), pledges, the outbox of
** messages to signers, and the log of erasures.
**
** Personal data (an email address, a name) lives in the pledges table
** and, for the name, in its links' rows (pledge_links, which go with their
** pledge): the outbox names a pledge by id and finds its address when the
** message is sent, the erasure log holds no field of the signer, and no
** reader of `info`, the audit or summary.json touches those tables.
** Deleting a pledge (erasure, purge) overwrites its bytes in the file
** (SQLite secure_delete) and takes its links and outbox messages with it.
**
** The tables are created by the first campaign write, and meta records
** campaign_schema (SL_CAMPAIGN_SCHEMA_VERSION); a store whose campaign
** tables are newer is refused. Reads of a store without them find nothing.
** Times are Unix seconds (UTC), passed in by the caller so tests and the
** server decide what "now" is.
*/
#ifndef SIGHTLINE_STORE_CAMPAIGN_H
#define SIGHTLINE_STORE_CAMPAIGN_H

#include <stddef.h>
#include "sightline/core/arena.h"
#include "sightline/core/error.h"
#include "sightline/store/store.h"

/* 2: links in a table of their own (pledge_links), several per pledge;
** 3: each link with the answers of its sign-up, which it confirms;
** 4: pledges.unlisted, when an organiser took the pledge off the public list;
** 5: pledges.listed_choice, the signer's own choice, which an unlisting
**    keeps (NULL in pledges unlisted before: that choice was overwritten);
** 6: public_count_hours and public_counts, the public counts of the
**    current hour (sl_store_public_counts_make);
** 7: campaign_closed, when the organisers closed the campaign (a row: no
**    pledge is taken), and kept_counts, the confirmed pledges per place of
**    the signers erased all at once at its end (sl_store_pledges_erase_all),
**    which every count adds to the pledges' own, and campaign_exports, when
**    each export of addresses was made and how many rows it held;
** 8: manage_links, the hashed links with which a signer manages her own
**    pledge (store/campaign_manage.h), and pledge_changes, the log of
**    consents withdrawn and self-unlistings (what, by whom, when);
** 9: campaign_versions and campaign_version_commitments, the organisation
**    and commitments as each save left them, and from when: a signer
**    consented to the organisation named on the form she signed, and ticked
**    commitments whose text an edit may since have replaced;
** 10: outbox.retry_at, before which a message its recipient's server turned
**    away for now (a full mailbox, greylisting) is not tried again */
#define SL_CAMPAIGN_SCHEMA_VERSION 10

typedef struct sl_commitment {
    const char *key;   /* the form value: letters, digits, '-', '_' */
    const char *label; /* what the signer reads */
} sl_commitment;

typedef struct sl_campaign {
    const char *title;
    const char *pledge_md;    /* the pledge text, Markdown */
    const char *organisation; /* who runs it */
    const char *contact;      /* how to reach them (an address or a URL) */
    const char *privacy;      /* the privacy notice, Markdown */
    const char *area_set;     /* the area set a signer's county is from */
    const char *base_url;     /* where the campaign is served; links in messages */
    const char *sender;       /* From: address of the messages */
    sl_commitment *commitments;
    size_t n_commitments;
    const char *updated_at; /* set by the store (ISO 8601 UTC) */
    long long closed;       /* when the organisers closed it (Unix s; 0: open); saving leaves it */
} sl_campaign;

/* Save C as the campaign (replacing its content and commitments) at NOW,
** recording a version (sl_store_campaign_versions) when its organisation
** or commitments differ from the newest. Inside the caller's transaction;
** creates the campaign tables. */
sl_status sl_store_campaign_save(sl_store *st, const sl_campaign *c, long long now, sl_error *err);

/* The organisation and commitments of the campaign from MADE (Unix s; 0:
** from before a store kept versions, the content it had when it was
** brought to version 9) until the next version's MADE. */
typedef struct sl_campaign_version {
    long long made;
    const char *organisation;
    sl_commitment *commitments;
    size_t n_commitments;
} sl_campaign_version;

/* Every version, oldest first, into *V (*N of them; strings in ARENA):
** none in a store without a campaign, or whose campaign tables are older
** than version 9 and not written since. */
sl_status sl_store_campaign_versions(sl_store *st, sl_arena *arena, sl_campaign_version **v, size_t *n,
                                     sl_error *err);

/* Of the N versions V (oldest first), the one in force at time T: the
** newest made at or before T, else the oldest (a pledge older than every
** version); NULL when N is 0. */
const sl_campaign_version *sl_campaign_version_at(const sl_campaign_version *v, size_t n, long long t);

/* Of the N versions V, the label of commitment KEY in the newest holding
** it; NULL when none does. */
const char *sl_campaign_version_label(const sl_campaign_version *v, size_t n, const char *key);
/* Load the campaign into *C (strings and commitments in ARENA); *found 0
** when the store has none. */
sl_status sl_store_campaign_load(sl_store *st, sl_arena *arena, sl_campaign *c, int *found, sl_error *err);

/* The name of area ID in SET into *name (ARENA), as a person is shown it
** (sl_county_shown_name: "Richmond city"); *found 0 when no such area. */
sl_status sl_store_area_lookup(sl_store *st, const char *set, const char *id, sl_arena *arena,
                               const char **name, int *found, sl_error *err);

/* The residents of area ID in SET into *pop (NAN when the set has no
** figure), without its geometry; *found 0 when no such area. */
sl_status sl_store_area_residents(sl_store *st, const char *set, const char *id, double *pop, int *found,
                                  sl_error *err);

/* One pledge as stored (the signer's own words, already validated). */
typedef struct sl_pledge {
    long id;
    const char *email;       /* normalised (core/email.h) */
    const char *name;        /* "" when not given */
    const char *state;       /* two letters */
    const char *county;      /* area id in the campaign's set */
    const char *commitments; /* commitment keys joined by ',' */
    int consent;             /* may be contacted by the organisation */
    int listed;              /* on the public list: opted in, and not unlisted */
    long long created, confirmed; /* Unix seconds; confirmed 0 while unconfirmed */
    long long unlisted;      /* when an organiser took it off the public list; 0: never */
} sl_pledge;

/* What a reader of pledges is called with; P's strings last until it
** returns, and a non-zero status from it stops the reading. */
typedef sl_status (*sl_pledge_fn)(const sl_pledge *p, void *ctx, sl_error *err);

/* What sl_store_pledge_add found. */
typedef enum sl_pledge_state {
    SL_PLEDGE_NEW,         /* a new address: its pledge and link stored */
    SL_PLEDGE_UNCONFIRMED, /* an unconfirmed pledge, all its messages sent: a further link, with P's answers */
    SL_PLEDGE_QUEUED,      /* an unconfirmed pledge whose message waits in the outbox: no new link, P dropped */
    SL_PLEDGE_CONFIRMED    /* a confirmed pledge, left as it is */
} sl_pledge_state;

/* Add pledge P (created at P->created) with confirmation TOKEN_HASH, unless
** its email has one already: *state says which, and *id is the pledge's id
** either way. Each link holds the answers of the sign-up it was made for,
** and confirms those: anyone may type an address, so a later sign-up never
** changes what an earlier link confirms. An unconfirmed earlier pledge
** keeps its answers, and its links work until EXPIRES; it takes TOKEN_HASH
** with P's answers beside its earlier links (which still work: a signer
** never holds a dead link of ours), unless a message with one of them
** still waits in the outbox (SL_PLEDGE_QUEUED: P is dropped, as a second
** message would be a second mail nobody may have asked for; once the first
** was sent, signing again sends a link for the new answers). A confirmed
** one is left as it is. Inside the caller's transaction. */
sl_status sl_store_pledge_add(sl_store *st, const sl_pledge *p, const char *token_hash, long long expires,
                              long *id, sl_pledge_state *state, sl_error *err);

/* Confirm the unconfirmed pledge holding TOKEN_HASH, one of its links, if
** they have not expired at NOW, with that link's answers (whatever other
** sign-ups of the address said): *confirmed 1 then (a pledge confirms once,
** and its messages not sent yet are dropped). The hashes stay with the
** pledge, so opening a link again can say it is confirmed
** (sl_store_pledge_link). An unknown, used or expired token gives
** *confirmed 0. */
sl_status sl_store_pledge_confirm(sl_store *st, const char *token_hash, long long now, int *confirmed,
                                  sl_error *err);

/* Where the link of TOKEN_HASH leads at NOW: a pledge waiting for it, a
** pledge it (or another of its links) confirmed, or nothing (unknown,
** expired: alike). With SHOWN (may be NULL), what the link confirms when it
** leads to one: state, county (its id), commitments, consent and listed,
** in ARENA; never the email (NULL), and the name as typed only when it is
** to be listed ("" else): the page shows its public form, so that a
** stranger's sign-up with her address cannot list a name she never sees.
** Changes nothing but the campaign tables' version. */
typedef enum sl_pledge_link { SL_LINK_NONE, SL_LINK_PENDING, SL_LINK_CONFIRMED } sl_pledge_link;
sl_status sl_store_pledge_link(sl_store *st, const char *token_hash, long long now, sl_pledge_link *link,
                               sl_arena *arena, sl_pledge *shown, sl_error *err);

/* Delete unconfirmed pledges created before CUTOFF; *removed counts them. */
sl_status sl_store_pledge_purge(sl_store *st, long long cutoff, long *removed, sl_error *err);

/* Delete the pledge of EMAIL (normalised) and its messages, and log the
** erasure at NOW (time and whether it was confirmed, nothing else); *found
** 0 when there is none (then nothing is logged). */
sl_status sl_store_pledge_erase(sl_store *st, const char *email, long long now, int *found, sl_error *err);

/* After an erase or a purge has committed (outside any transaction): make
** the deleted pledges' bytes leave the store's files. SQLite deletes them
** with secure_delete (zeros in their pages), and this copies those pages
** from the write-ahead log into the file and truncates the log, which still
** held the rows as written (a running `serve` keeps the file in WAL),
** waiting for readers to leave the log, and trying again while one holds
** it. PostgreSQL rewrites the campaign's tables (VACUUM FULL), whose old
** files are emptied at once; its own WAL and any backup or replica keep the
** rows until they are recycled (docs/design.md). */
sl_status sl_store_pledges_scrub(sl_store *st, sl_error *err);

/* One `campaign send` at a time on a store: two at once (cron starting the
** next run while a long queue is still going out) would each read the same
** waiting messages and send every signer her link twice. Takes the store's
** sender lock without waiting: *BUSY 1 when another run holds it (nothing
** taken). SQLite: an flock on the file STORE-send.lock beside the store
** (made 0600, left there empty); PostgreSQL: a session advisory lock. Held
** until sl_store_send_unlock(ST, *LOCK), or the process ends. */
sl_status sl_store_send_lock(sl_store *st, int *lock, int *busy, sl_error *err);
void sl_store_send_unlock(sl_store *st, int lock);

/* Take the pledge of EMAIL (normalised), or with EMAIL NULL pledge ID, off
** the public list at NOW, and record when: it stays counted, and its
** consent to be contacted stays as it is. The record keeps it off: a link
** of it confirmed later, whatever its sign-up said, confirms it unlisted,
** and a confirmed pledge is never changed by signing again. *found 0 when
** there is no such pledge; *was_listed says what it was before: 1 on the
** list (or, still unconfirmed, to be listed once confirmed), 2 unlisted by
** an organiser already (whose first time is kept), 0 off the list by the
** signer's own choice. Inside the caller's transaction. */
sl_status sl_store_pledge_unlist(sl_store *st, const char *email, long id, long long now, int *found,
                                 int *was_listed, sl_error *err);

/* What sl_store_pledge_relist did. Only the signer's own choice lists a
** pledge again: relisting never lists someone who did not ask to be. */
typedef enum sl_relist {
    SL_RELIST_NOT_UNLISTED, /* no organiser had unlisted it: nothing changed */
    SL_RELIST_LISTED,       /* confirmed, its signer chose the list: on it again */
    SL_RELIST_PENDING,      /* unconfirmed: the unlisting is lifted, and its confirmation
                            ** lists it only when the link's sign-up asked to be */
    SL_RELIST_UNCHOSEN,     /* confirmed, its signer chose not to be listed: nothing changed */
    SL_RELIST_UNKNOWN       /* unlisted before version 5, whose choice was overwritten then:
                            ** nothing changed, it stays off the list */
} sl_relist;

/* Undo an organiser's unlisting of the pledge of EMAIL (normalised), or
** with EMAIL NULL pledge ID, as *done says. *found 0 when there is no such
** pledge. Inside the caller's transaction. */
sl_status sl_store_pledge_relist(sl_store *st, const char *email, long id, int *found, sl_relist *done,
                                 sl_error *err);

/* Call FN for each confirmed pledge on the public list, the latest
** confirmed first (then the highest id), after skipping SKIP of them, at
** most MAX (the organisers' page, in pages). */
sl_status sl_store_listed_each(sl_store *st, long skip, long max, sl_pledge_fn fn, void *ctx, sl_error *err);

/* Call FN for each pledge in id order: confirmed ones only when
** CONFIRMED_ONLY, and of those only consented ones when CONSENTED_ONLY.
** P's strings last until FN returns. A non-zero status from FN stops. */
sl_status sl_store_pledges_each(sl_store *st, int confirmed_only, int consented_only, sl_pledge_fn fn, void *ctx,
                                sl_error *err);

/* Pledges confirmed before BEFORE (Unix seconds) per (state, county),
** ordered by state then county: FN gets each group. Counts only: no
** signer's field leaves. The public figures pass the start of the current
** hour (sl_analysis_counted_before), so that a confirmation never moves
** them at the moment it is made. */
typedef void (*sl_pledge_count_fn)(const char *state, const char *county, long n, void *ctx);
sl_status sl_store_pledge_counts(sl_store *st, long long before, sl_pledge_count_fn fn, void *ctx, sl_error *err);

/* The public counts of the hour starting at HOUR (Unix seconds, a whole
** hour), as stored at its first public read: FN gets each (state, county)
** group in the same order as sl_store_pledge_counts, and *found says
** whether the store holds that hour's (1 also in a store without pledges,
** where there is nothing to count). An erasure deletes a signer's rows at
** once but leaves these counts alone: watching the public figures tells
** nobody that someone just erased, nor where, until the next hour's counts
** mix it with that hour's confirmations. */
sl_status sl_store_public_counts(sl_store *st, long long hour, sl_pledge_count_fn fn, void *ctx, int *found,
                                 sl_error *err);
/* Store the public counts of HOUR, the pledges confirmed before it that
** exist now (per state and county; no field of a signer), unless the store
** holds that hour's or a later one already (the first stored wins: two
** servers on one store serve the same figures, and a restart does not
** count again), and drop older hours' (no history of counts is kept).
** Inside the caller's transaction, which holds the store's write lock; a
** store without pledges is left as it is. */
sl_status sl_store_public_counts_make(sl_store *st, long long hour, sl_error *err);

/* ---- the campaign's end (campaign_end.c, pg_campaign_end.c) ------------ */

/* Close the campaign at NOW: no pledge is taken or confirmed until it is
** reopened, and every pledge still unconfirmed is deleted with its links
** and queued messages (*removed counts them; overwritten once the caller
** scrubs, sl_store_pledges_scrub). *was_closed: when it had been closed
** already (then nothing changes), else 0. Inside the caller's transaction. */
sl_status sl_store_campaign_close(sl_store *st, long long now, long *removed, long long *was_closed, sl_error *err);
/* Open a closed campaign again; *was_closed when it had been closed (0:
** it was open, nothing changed). Inside the caller's transaction. */
sl_status sl_store_campaign_reopen(sl_store *st, long long *was_closed, sl_error *err);

/* What sl_store_pledges_erase_all deleted. */
typedef struct sl_erase_all {
    long pledges, confirmed, messages;
} sl_erase_all;
/* Delete every pledge, with its links and messages, at NOW, keeping only
** the confirmed ones' counts per state and county (kept_counts, added to
** the pledges' own by every count: public, the hour's, `campaign show`),
** and log each erasure (time and whether it was confirmed). The public
** counts of the hour starting at HOUR are stored first
** (sl_store_public_counts_make), so the hour's figures stay as they were.
** Inside the caller's transaction; the caller scrubs after its commit. */
sl_status sl_store_pledges_erase_all(sl_store *st, long long now, long long hour, sl_erase_all *done, sl_error *err);

/* Record that an export of ROWS signers' addresses was made at NOW (no
** field of a signer): copies outside the store that an erasure cannot
** reach, which `campaign erase --all` names. Inside the caller's
** transaction. */
sl_status sl_store_export_log(sl_store *st, long long now, long rows, sl_error *err);

/* Bring a store's campaign tables, when it has them, to this sightline's
** version (as the first campaign write does), inside the caller's
** transaction: for a writer that only updates rows (`campaign send`),
** whose statements name this version's columns. */
sl_status sl_store_campaign_upgrade(sl_store *st, sl_error *err);

/* Queue a message to the signer of pledge PLEDGE_ID. */
sl_status sl_store_outbox_add(sl_store *st, long pledge_id, const char *subject, const char *body, long long now,
                              sl_error *err);

/* A queued message with its recipient, looked up from the pledge. */
typedef struct sl_outbox_msg {
    long id;
    const char *to, *subject, *body;
    int maybe_sent; /* its last try lost the connection after the whole message went (SL_SMTP_MAYBE_SENT) */
    long attempts;  /* tries so far */
} sl_outbox_msg;

/* Unsent messages due by DUE (no retry_at, or one at or before it), oldest
** first, at most MAX (0: all), into *msgs (ARENA). */
sl_status sl_store_outbox_pending(sl_store *st, sl_arena *arena, size_t max, long long due, sl_outbox_msg **msgs,
                                  size_t *n, sl_error *err);
/* The unsent messages not due by DUE: *count of them, the earliest of
** their retry_at in *first (0: none). */
sl_status sl_store_outbox_later(sl_store *st, long long due, long *count, long long *first, sl_error *err);
/* Mark message ID sent at NOW and drop its body (the link it carried is a
** secret that the store keeps only hashed once delivered). */
sl_status sl_store_outbox_sent(sl_store *st, long id, long long now, sl_error *err);
/* Count a failed delivery of message ID, keeping WHY (a server reply);
** RETRY_AT: not tried again before that time (0: at the next run). */
sl_status sl_store_outbox_failed(sl_store *st, long id, const char *why, long long retry_at, sl_error *err);
/* Record that the recipient's server refused message ID for good, keeping
** WHY: its body (the links, secrets) is dropped, so it is never sent again
** (sl_store_outbox_pending reads messages with a body) and keeps nothing
** of use; counted in outbox_refused. */
sl_status sl_store_outbox_refused(sl_store *st, long id, const char *why, sl_error *err);
/* *waiting 1 when message ID is still there to send: not sent, not
** refused, not deleted with its pledge (an erasure, the campaign's close)
** since it was read. */
sl_status sl_store_outbox_waiting(sl_store *st, long id, int *waiting, sl_error *err);

/* Totals for `campaign show`, `info` and the organisers' page: pledges,
** confirmed, queued messages (outbox_failed: those of them whose last
** delivery failed, to be tried again), messages whose recipient was
** refused for good (outbox_refused: not queued, never tried again),
** erasures logged, pledges an organiser unlisted. All 0 without campaign
** tables. */
typedef struct sl_campaign_totals {
    long pledges, confirmed, consented, listed, outbox_pending, outbox_sent, erasures;
    long outbox_failed, unlisted, outbox_refused;
    long kept; /* confirmed pledges counted only in kept_counts: their signers erased at the campaign's end */
    long exports;            /* exports of addresses made (campaign_exports) */
    long long last_export;   /* when the latest was made (Unix s; 0: none) */
    long long outbox_next_try; /* the earliest retry_at of a waiting message (Unix s; 0: none has one): one
                                ** turned away for now is not tried before it (sl_send_retry_at) */
} sl_campaign_totals;
sl_status sl_store_campaign_totals(sl_store *st, sl_campaign_totals *t, sl_error *err);

#endif
