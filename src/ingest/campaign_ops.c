/*
** campaign_ops.c — after the pledge: confirmation, purge, erasure, delivery
** of the outbox and the organisers' export (see sightline/ingest/campaign.h).
*/
#include "sightline/ingest/campaign.h"
#include "sightline/ingest/businesses.h"
#include "sightline/store/businesses.h"
#include "sightline/core/email.h"
#include "sightline/core/signer.h"
#include "sightline/core/text.h"
#include "sightline/core/token.h"
#include "sightline/store/campaign_manage.h"
#include "sightline/store/store_layers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct confirm_ctx { const char *hash; long long now; int *confirmed; } confirm_ctx;
static sl_status confirm_tx(sl_store *st, void *v, sl_error *err)
{
    confirm_ctx *c = v;
    /* a closed campaign confirms nothing (it deleted its pending pledges
    ** when it closed; a link opened since leads nowhere) */
    sl_arena a = {0};
    sl_campaign camp;
    int found = 0;
    sl_status rc = sl_store_campaign_load(st, &a, &camp, &found, err);
    sl_arena_free(&a);
    if (rc || (found && camp.closed)) return rc;
    return sl_store_pledge_confirm(st, c->hash, c->now, c->confirmed, err);
}

/* 1 when TOKEN has the shape of ours: anything else is answered like an
** expired link, without a look at the store. */
static int token_shaped(const char *token)
{
    size_t n = token ? strlen(token) : 0;
    return n == SL_TOKEN_CHARS &&
           strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

sl_status sl_campaign_confirm(sl_store *st, const char *token, long long now, int *confirmed, sl_error *err)
{
    *confirmed = 0;
    if (!token_shaped(token)) return SL_OK;
    char hash[65];
    sl_token_hash(token, hash);
    if (!hash[0]) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    confirm_ctx c = {hash, now, confirmed};
    return sl_store_in_tx(st, confirm_tx, &c, err);
}

typedef struct link_ctx {
    const char *hash;
    long long now;
    sl_pledge_link *link;
    sl_arena *arena;
    sl_pledge *shown;
} link_ctx;
static sl_status link_tx(sl_store *st, void *v, sl_error *err)
{
    link_ctx *l = v;
    return sl_store_pledge_link(st, l->hash, l->now, l->link, l->arena, l->shown, err);
}

sl_status sl_campaign_link(sl_store *st, const char *token, long long now, sl_pledge_link *link, sl_arena *arena,
                           sl_pledge *shown, sl_error *err)
{
    *link = SL_LINK_NONE;
    if (!token_shaped(token)) return SL_OK;
    char hash[65];
    sl_token_hash(token, hash);
    if (!hash[0]) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    /* a transaction: the look-up may bring older campaign tables up to date */
    link_ctx l = {hash, now, link, arena, shown};
    return sl_store_in_tx(st, link_tx, &l, err);
}

typedef struct purge_ctx { long long cutoff, lapse_before; long *removed, *lapsed; } purge_ctx;
static sl_status purge_tx(sl_store *st, void *v, sl_error *err)
{
    purge_ctx *p = v;
    if (sl_store_pledge_purge(st, p->cutoff, p->removed, err)) return err->status;
    return sl_store_suggestions_lapse(st, p->lapse_before, p->lapsed, err);
}

sl_status sl_campaign_purge(sl_store *st, long long now, long days, long *removed, long *lapsed, sl_error *err)
{
    long none;
    if (!lapsed) lapsed = &none;
    *removed = *lapsed = 0;
    if (days < 1) return sl_fail(err, SL_EUSAGE, NULL, 0, "--purge-after wants a whole number of days >= 1");
    /* a suggestion nobody decided is not kept for ever: its note may name
    ** the suggester, its address a home */
    purge_ctx p = {now - (long long)days * 86400, now - (long long)SL_SUGGESTION_KEEP_DAYS * 86400, removed, lapsed};
    if (sl_store_in_tx(st, purge_tx, &p, err)) return err->status;
    return *removed || *lapsed ? sl_store_pledges_scrub(st, err) : SL_OK;
}

typedef struct erase_ctx { const char *email; long long now; int *found; } erase_ctx;
static sl_status erase_tx(sl_store *st, void *v, sl_error *err)
{
    erase_ctx *e = v;
    return sl_store_pledge_erase(st, e->email, e->now, e->found, err);
}

sl_status sl_campaign_erase(sl_store *st, const char *email, long long now, int *found, sl_error *err)
{
    char norm[SL_EMAIL_MAX + 1];
    *found = 0;
    if (sl_email_of_pledge(email, norm, err)) return err->status;
    erase_ctx e = {norm, now, found};
    if (sl_store_in_tx(st, erase_tx, &e, err)) return err->status;
    return *found ? sl_store_pledges_scrub(st, err) : SL_OK;
}

typedef struct unlist_ctx { const char *email; long id; long long now; int *found, *was_listed; } unlist_ctx;
static sl_status unlist_tx(sl_store *st, void *v, sl_error *err)
{
    unlist_ctx *u = v;
    return sl_store_pledge_unlist(st, u->email, u->id, u->now, u->found, u->was_listed, err);
}

sl_status sl_campaign_unlist(sl_store *st, const char *email, long id, long long now, int *found, int *was_listed,
                             sl_error *err)
{
    char norm[SL_EMAIL_MAX + 1];
    *found = *was_listed = 0;
    if (email && sl_email_of_pledge(email, norm, err)) return err->status;
    if (!email && id <= 0) return sl_fail(err, SL_EUSAGE, NULL, 0, "no pledge named: give an address or a number");
    unlist_ctx u = {email ? norm : NULL, id, now, found, was_listed};
    return sl_store_in_tx(st, unlist_tx, &u, err);
}

typedef struct unlist_ids_ctx { const long *ids; size_t n; long long now; long *unlisted, *already; } unlist_ids_ctx;
static sl_status unlist_ids_tx(sl_store *st, void *v, sl_error *err)
{
    unlist_ids_ctx *u = v;
    *u->unlisted = *u->already = 0;
    for (size_t i = 0; i < u->n; i++) {
        int found, was;
        if (sl_store_pledge_unlist(st, NULL, u->ids[i], u->now, &found, &was, err)) return err->status;
        if (found) ++*(was == 2 ? u->already : u->unlisted);
    }
    return SL_OK;
}

sl_status sl_campaign_unlist_ids(sl_store *st, const long *ids, size_t n, long long now, long *unlisted,
                                 long *already, sl_error *err)
{
    *unlisted = *already = 0;
    unlist_ids_ctx u = {ids, n, now, unlisted, already};
    return n ? sl_store_in_tx(st, unlist_ids_tx, &u, err) : SL_OK;
}

typedef struct relist_ctx { const char *email; long id; int *found; sl_relist *done; } relist_ctx;
static sl_status relist_tx(sl_store *st, void *v, sl_error *err)
{
    relist_ctx *u = v;
    return sl_store_pledge_relist(st, u->email, u->id, u->found, u->done, err);
}

sl_status sl_campaign_relist(sl_store *st, const char *email, long id, int *found, sl_relist *done, sl_error *err)
{
    char norm[SL_EMAIL_MAX + 1];
    *found = 0;
    *done = SL_RELIST_NOT_UNLISTED;
    if (email && sl_email_of_pledge(email, norm, err)) return err->status;
    if (!email && id <= 0) return sl_fail(err, SL_EUSAGE, NULL, 0, "no pledge named: give an address or a number");
    relist_ctx u = {email ? norm : NULL, id, found, done};
    return sl_store_in_tx(st, relist_tx, &u, err);
}

typedef struct relist_ids_ctx { const long *ids; size_t n; long *listed, *kept_off; } relist_ids_ctx;
static sl_status relist_ids_tx(sl_store *st, void *v, sl_error *err)
{
    relist_ids_ctx *u = v;
    *u->listed = *u->kept_off = 0;
    for (size_t i = 0; i < u->n; i++) {
        int found;
        sl_relist done;
        if (sl_store_pledge_relist(st, NULL, u->ids[i], &found, &done, err)) return err->status;
        if (found && (done == SL_RELIST_LISTED || done == SL_RELIST_PENDING)) ++*u->listed;
        else if (found && (done == SL_RELIST_UNCHOSEN || done == SL_RELIST_UNKNOWN)) ++*u->kept_off;
    }
    return SL_OK;
}

sl_status sl_campaign_relist_ids(sl_store *st, const long *ids, size_t n, long *listed, long *kept_off,
                                 sl_error *err)
{
    *listed = *kept_off = 0;
    relist_ids_ctx u = {ids, n, listed, kept_off};
    return n ? sl_store_in_tx(st, relist_ids_tx, &u, err) : SL_OK;
}

typedef struct find_ctx {
    const char *email, *part;
    long max, *matches;
    sl_pledge_fn fn;
    void *ctx;
} find_ctx;

static sl_status find_one(const sl_pledge *p, void *v, sl_error *err)
{
    find_ctx *f = v;
    if (f->email ? strcmp(p->email, f->email) : !sl_signer_name_has(p->name, f->part)) return SL_OK;
    return ++*f->matches <= f->max ? f->fn(p, f->ctx, err) : SL_OK;
}

sl_status sl_campaign_find(sl_store *st, const char *query, long max, sl_pledge_fn fn, void *ctx, long *matches,
                           sl_error *err)
{
    char norm[SL_EMAIL_MAX + 1];
    *matches = 0;
    while (query && *query == ' ') query++;
    if (!query || !*query) return sl_fail(err, SL_EUSAGE, NULL, 0, "give an email address or a part of a name");
    find_ctx f = {NULL, query, max, matches, fn, ctx};
    if (strchr(query, '@')) {
        if (sl_email_of_pledge(query, norm, err)) return err->status;
        f.email = norm;
    }
    return sl_store_pledges_each(st, 0, 0, find_one, &f, err);
}

sl_status sl_campaign_use_sender(sl_store *st, sl_smtp_config *c, char *was, size_t size, sl_error *err)
{
    sl_arena ar = {0};
    sl_campaign camp;
    int found = 0;
    if (size) was[0] = '\0';
    sl_status rc = sl_store_campaign_load(st, &ar, &camp, &found, err);
    /* the organisation names the sender in the signer's inbox, as the form
    ** named whom she lets email her (the title when it has no name), not a
    ** bare address; a line break (never stored, but never sent either) drops it */
    const char *who = found && camp.organisation && camp.organisation[0] ? camp.organisation : found ? camp.title : NULL;
    if (!rc && who && !strpbrk(who, "\r\n"))
        snprintf(c->from_name, sizeof c->from_name, "%.*s", (int)sl_utf8_prefix(who, sizeof c->from_name - 1), who);
    if (!rc && found && camp.sender && camp.sender[0] && strcmp(camp.sender, c->from)) {
        if (c->from[0]) snprintf(was, size, "%s", c->from);
        if (strlen(camp.sender) >= sizeof c->from)
            rc = sl_fail(err, SL_EDATA, NULL, 0, "the campaign's sender is longer than %zu bytes", sizeof c->from - 1);
        else
            snprintf(c->from, sizeof c->from, "%s", camp.sender);
    }
    sl_arena_free(&ar);
    if (!rc && !c->from[0])
        rc = sl_fail(err, SL_EUSAGE, NULL, 0,
                     "no sender: give the campaign one (`sightline campaign edit --sender ADDRESS`), or set from in"
                     " the SMTP settings or SIGHTLINE_SMTP_FROM");
    return rc;
}

long long sl_send_retry_at(long attempts, long long now)
{
    long long wait = SL_SEND_RETRY_S;
    for (long k = 0; k < attempts && wait < SL_SEND_RETRY_MAX_S; k++) wait *= 2;
    return now + (wait < SL_SEND_RETRY_MAX_S ? wait : SL_SEND_RETRY_MAX_S);
}

typedef struct mark_ctx { long id; long long now; const char *why; int refused; long long retry_at; } mark_ctx;
static sl_status mark_tx(sl_store *st, void *v, sl_error *err)
{
    mark_ctx *m = v;
    if (m->refused) return sl_store_outbox_refused(st, m->id, m->why, err);
    return m->why ? sl_store_outbox_failed(st, m->id, m->why, m->retry_at, err)
                  : sl_store_outbox_sent(st, m->id, m->now, err);
}

static sl_status upgrade_tx(sl_store *st, void *v, sl_error *err)
{
    (void)v;
    return sl_store_campaign_upgrade(st, err);
}

/* The run's recipients refused for good (IDS, R->refused of them), recorded
** once it ended: as refused, or, when the server refused SL_SEND_GIVE_UP or
** more and accepted none, as failures for now (R->every_refused; LAST gets
** the refusal): a relay that refuses every recipient ("relaying denied",
** "authentication required") says so of its own settings, not of the
** addresses, and recording them would drop every waiting signer's link. */
static sl_status refusals(sl_store *st, sl_send_result *r, const long *ids, long long now, const sl_error *refusal,
                          sl_error *last, sl_error *err)
{
    r->every_refused = r->refused >= SL_SEND_GIVE_UP && !r->sent;
    for (long k = 0; k < r->refused; k++) {
        mark_ctx m = {ids[k], now, refusal->msg, !r->every_refused, 0};
        if (sl_store_in_tx(st, mark_tx, &m, err)) return err->status;
    }
    if (r->every_refused) {
        r->failed += r->refused;
        r->refused = 0;
        *last = *refusal;
    }
    return SL_OK;
}

/* BODY as the mail says it now, in AR (BODY itself when nothing changed;
** NULL out of memory). A message waits in the outbox with the words of the
** sightline that queued it: one queued before the manage link came to end
** after SL_MANAGE_MAIL_LINK_TTL_S (run of 2026-12-07) promised that link
** worked "at any time", and the signer would find it dead a month on. */
static const char *words_now(sl_arena *ar, const char *body)
{
    static const char OLD[] = "at any time and\nwithout writing to anyone, open this link:";
    const char *at = strstr(body, OLD);
    if (!at) return body;
    char now[400];
    snprintf(now, sizeof now,
             "without writing\nto anyone, open this link. It works for %ld days after you signed;\nafter that, ask "
             "for a new one on the campaign's page “Manage your pledge”:",
             (long)(SL_MANAGE_MAIL_LINK_TTL_S / 86400));
    size_t head = (size_t)(at - body), tail = strlen(at + sizeof OLD - 1);
    char *b = sl_arena_alloc(ar, head + strlen(now) + tail + 1);
    if (!b) return NULL;
    memcpy(b, body, head);
    memcpy(b + head, now, strlen(now));
    memcpy(b + head + strlen(now), at + sizeof OLD - 1, tail + 1);
    return b;
}

sl_status sl_campaign_send(sl_store *st, const sl_smtp_config *c, size_t max, long long now, const sl_send_watch *watch,
                           sl_send_result *r, sl_error *err)
{
    sl_arena ar = {0};
    sl_outbox_msg *msgs;
    size_t n = 0;
    int lock, down = 0; /* the server's own failures in a row */
    memset(r, 0, sizeof *r);
    /* the lock before the read: a second run must not see the messages the first is sending */
    sl_status rc = sl_store_send_lock(st, &lock, &r->busy, err);
    if (rc || r->busy) return rc;
    long long due = now + SL_SEND_RETRY_SLACK_S;
    rc = sl_store_in_tx(st, upgrade_tx, NULL, err);
    if (!rc) rc = sl_store_outbox_pending(st, &ar, max, due, &msgs, &n, err);
    if (!rc) rc = sl_store_outbox_later(st, due, &r->later, &r->next_try, err);
    r->queued = (long)n;
    sl_smtp_session *smtp = rc || !n ? NULL : sl_smtp_session_new(c);
    long *refused = rc || !n ? NULL : sl_arena_alloc(&ar, n * sizeof *refused);
    if (!rc && n && (!smtp || !refused)) rc = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_error last, last_refusal;
    sl_error_clear(&last);
    sl_error_clear(&last_refusal);
    for (size_t i = 0; !rc && i < n; i++) {
        if (down == SL_SEND_GIVE_UP || (watch && watch->fn(watch->ctx, (long)i, (long)n))) {
            r->left = (long)(n - i);
            r->stopped = down != SL_SEND_GIVE_UP;
            break;
        }
        sl_error e;
        sl_error_clear(&e);
        /* read at the run's start, which a long queue makes minutes or hours
        ** ago: a `campaign close` or an erasure since deleted it with its
        ** pledge, and its signer must not get a link to nothing */
        int waiting = 0;
        if ((rc = sl_store_outbox_waiting(st, msgs[i].id, &waiting, err))) break;
        if (!waiting) continue;
        mark_ctx m = {msgs[i].id, now, NULL, 0, 0};
        const char *body = words_now(&ar, msgs[i].body);
        if (!body) {
            rc = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
            break;
        }
        if (sl_smtp_session_send(smtp, msgs[i].to, msgs[i].subject, body, &e)) {
            m.why = e.msg;
            /* an address that will never take mail: recorded once, not
            ** tried every run until its pledge expires (for ever, for a
            ** confirmed signer's manage link), nor a failure of the run */
            if (sl_smtp_session_refused(smtp)) { /* recorded at the run's end (refusals) */
                snprintf(r->refused_why, sizeof r->refused_why, "%.200s", e.msg);
                refused[r->refused++] = msgs[i].id;
                last_refusal = e;
                down = 0;
                continue;
            }
            /* the whole message went twice and both answers were lost (a
            ** relay dropping connections after it, a content filter past
            ** the timeout): each run would mail the signer again */
            if (msgs[i].maybe_sent && strstr(e.msg, SL_SMTP_MAYBE_SENT)) {
                r->sent++;
                r->twice++;
                m.why = NULL;
                down = 0;
                if ((rc = sl_store_in_tx(st, mark_tx, &m, err))) break;
                continue;
            }
            last = e;
            r->failed++;
            /* refused settings (the login) fail every message alike, and
            ** each try may count towards locking the account */
            r->settings = e.status == SL_EUSAGE;
            down = r->settings ? SL_SEND_GIVE_UP : e.status == SL_EIO ? down + 1 : 0;
            /* the recipient's server turned this one away for now (4xx):
            ** not tried at every run (SL_SEND_RETRY_S); the server's own
            ** failures, its settings' and its policy's (a 5xx not about
            ** the address) are tried again at the next */
            if (e.status == SL_EDATA && sl_smtp_session_for_now(smtp)) {
                m.retry_at = sl_send_retry_at(msgs[i].attempts, now);
                r->deferred++;
                if (!r->next_try || m.retry_at < r->next_try) r->next_try = m.retry_at;
            }
        } else {
            r->sent++;
            down = 0;
        }
        rc = sl_store_in_tx(st, mark_tx, &m, err);
    }
    sl_smtp_session_end(smtp);
    if (!rc && r->refused) rc = refusals(st, r, refused, now, &last_refusal, &last, err);
    sl_store_send_unlock(st, lock);
    sl_arena_free(&ar);
    if (!rc && r->failed) *err = last;
    return rc;
}

/* ---- export --------------------------------------------------------------- */

typedef struct export_ctx {
    sl_store *st;
    FILE *out;
    long rows;
    sl_arena names;
    const char *set;
    const char *title;     /* the campaign's, on every row */
    const char *organisation; /* the campaign's now: a row's when no version is kept */
    sl_campaign_version *versions; /* the organisation as each save named it, and since when */
    size_t n_versions;
    char exported[32];     /* when, on every row: a list ages (signers erased since are still in it) */
} export_ctx;

static void utc(long long t, char buf[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (t <= 0 || !gmtime_r(&tt, &tm)) buf[0] = '\0';
    else strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void cell(FILE *out, const char *s, int last)
{
    sl_csv_write_cell(out, s);
    if (last) sl_csv_end_row(out);
    else fputc(',', out);
}

static sl_status export_row(const sl_pledge *p, void *v, sl_error *err)
{
    export_ctx *x = v;
    char first[128] = "", signed_at[32], confirmed_at[32];
    const char *space = strchr(p->name, ' ');
    size_t fl = space ? (size_t)(space - p->name) : strlen(p->name);
    snprintf(first, sizeof first, "%.*s", (int)(fl < sizeof first ? fl : sizeof first - 1), p->name);
    const char *last = space ? space + 1 : "";
    const char *county = NULL;
    int found = 0;
    sl_arena names = {0}; /* one row's, so a long export stays small */
    sl_status rc = sl_store_area_lookup(x->st, x->set, p->county, &names, &county, &found, err);
    if (rc) {
        sl_arena_free(&names);
        return rc;
    }
    utc(p->created, signed_at);
    utc(p->confirmed, confirmed_at);
    cell(x->out, p->email, 0);
    cell(x->out, first, 0);
    cell(x->out, last, 0);
    cell(x->out, p->state, 0);
    cell(x->out, p->county, 0);
    cell(x->out, found ? county : "", 0);
    sl_arena_free(&names);
    cell(x->out, p->commitments, 0);
    cell(x->out, p->listed ? "yes" : "no", 0);
    cell(x->out, signed_at, 0);
    cell(x->out, confirmed_at, 0);
    cell(x->out, x->title, 0);
    /* the pledge form's words (campaign_page.c) as she signed: what she
    ** agreed to, naming the organisation as it was named then */
    const sl_campaign_version *then = sl_campaign_version_at(x->versions, x->n_versions, p->created);
    char consent[600];
    snprintf(consent, sizeof consent, "%.500s may email me about the campaign",
             then ? then->organisation : x->organisation);
    cell(x->out, consent, 0);
    cell(x->out, x->exported, 1);
    x->rows++;
    return ferror(x->out) ? sl_fail(err, SL_EIO, NULL, 0, "writing the export failed") : SL_OK;
}

sl_status sl_campaign_export_csv(sl_store *st, FILE *out, long long now, long *rows, sl_error *err)
{
    export_ctx x = {.st = st, .out = out, .set = "", .title = "", .organisation = ""};
    sl_campaign c;
    int found;
    *rows = 0;
    if (sl_store_campaign_load(st, &x.names, &c, &found, err) ||
        sl_store_campaign_versions(st, &x.names, &x.versions, &x.n_versions, err)) {
        sl_arena_free(&x.names);
        return err->status;
    }
    if (found) x.set = c.area_set, x.title = c.title, x.organisation = c.organisation;
    utc(now, x.exported);
    fputs("email,first_name,last_name,state,county_id,county,commitments,public_listing,signed_utc,confirmed_utc,"
          "campaign,consented_to,exported_utc", out);
    sl_csv_end_row(out);
    sl_status rc = sl_store_pledges_each(st, 1, 1, export_row, &x, err);
    sl_arena_free(&x.names);
    *rows = x.rows;
    return rc;
}
