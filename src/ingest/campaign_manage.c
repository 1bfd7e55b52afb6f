/*
** campaign_manage.c — a signer manages her own pledge (see
** sightline/ingest/campaign_manage.h): the link, asking for one again,
** and what it does.
*/
#include "sightline/ingest/campaign_manage.h"
#include "sightline/core/email.h"
#include "sightline/core/text.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/store_layers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when TOKEN has the shape of ours (campaign_ops.c): anything else leads
** nowhere, without a look at the store. */
static int token_shaped(const char *token)
{
    size_t n = token ? strlen(token) : 0;
    return n == SL_TOKEN_CHARS &&
           strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

sl_status sl_campaign_manage_link_new(sl_store *st, long pledge_id, long long now, long long expires,
                                      char token[SL_TOKEN_CHARS + 1], sl_error *err)
{
    char hash[65];
    if (sl_token_new(token, err)) return err->status;
    sl_token_hash(token, hash);
    if (!hash[0]) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    return sl_store_manage_link_add(st, pledge_id, hash, now, expires, err);
}

const char *sl_campaign_manage_url(const char *base, const char *token, char *buf, size_t size)
{
    size_t n = strlen(base);
    snprintf(buf, size, "%s%scampaign/manage?key=%s", base, n && base[n - 1] == '/' ? "" : "/", token);
    return buf;
}

/* ---- asking for a link ----------------------------------------------------- */

typedef struct ask_ctx { const char *email; long long now; unsigned port; } ask_ctx;

/* The mail of a link asked for: nothing of the signer but the link. */
static char *ask_body(const sl_campaign *c, const char *url)
{
    size_t n = strlen(c->title) + strlen(url) + strlen(c->organisation) + strlen(c->contact) + 1024;
    char *b = malloc(n);
    if (b)
        snprintf(b, n,
                 "You asked for a link to manage your pledge to “%s”.\n\n"
                 "Open it to stop the organisation's emails, to take your name off the\n"
                 "public list of signers, or to erase your pledge. It works for %ld days,\n"
                 "and nothing changes until you press a button on its page:\n\n"
                 "%s\n\n"
                 "If you did not ask for it, ignore this message: someone typed your\n"
                 "address, and only you received the link.\n\n"
                 "%s — %s\n",
                 c->title, SL_MANAGE_LINK_TTL_S / 86400, url, c->organisation, c->contact);
    return b;
}

static sl_status ask_tx(sl_store *st, void *v, sl_error *err)
{
    ask_ctx *a = v;
    sl_arena ar = {0};
    sl_campaign c;
    int found = 0, recent = 0;
    long id = 0;
    char demo[64], token[SL_TOKEN_CHARS + 1], url[1200], subject[300];
    sl_status rc = sl_store_campaign_load(st, &ar, &c, &found, err);
    if (!rc && found) rc = sl_store_manage_due(st, a->email, a->now - SL_MANAGE_ASK_GAP_S, &id, &recent, err);
    if (rc || !found || !id || recent) {
        sl_arena_free(&ar);
        return rc;
    }
    if (a->port && !strcmp(c.base_url, SL_DEMO_BASE_URL)) { /* the demo on another port: links that open */
        snprintf(demo, sizeof demo, "http://127.0.0.1:%u/", a->port);
        c.base_url = demo;
    }
    rc = sl_campaign_manage_link_new(st, id, a->now, a->now + SL_MANAGE_LINK_TTL_S, token, err);
    char *body = rc ? NULL : ask_body(&c, sl_campaign_manage_url(c.base_url, token, url, sizeof url));
    if (!rc && !body) rc = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    snprintf(subject, sizeof subject, "Manage your pledge: %.*s", (int)sl_utf8_prefix(c.title, 200), c.title);
    if (!rc) rc = sl_store_outbox_add(st, id, subject, body, a->now, err);
    free(body);
    sl_arena_free(&ar);
    return rc;
}

sl_status sl_campaign_manage_ask(sl_store *st, const char *email, long long now, unsigned port, sl_error *err)
{
    char norm[SL_EMAIL_MAX + 1];
    const char *why;
    if (!email || !*email) return sl_fail(err, SL_EDATA, NULL, 0, "please give the address you signed with");
    if (sl_email_normalize(email, norm, sizeof norm, &why)) return sl_fail(err, SL_EDATA, NULL, 0, "%s", why);
    ask_ctx a = {norm, now, port};
    return sl_store_in_tx(st, ask_tx, &a, err);
}

/* ---- the link -------------------------------------------------------------- */

sl_status sl_campaign_manage_look(sl_store *st, const char *token, long long now, long *id, sl_arena *arena,
                                  sl_pledge *shown, sl_error *err)
{
    *id = 0;
    memset(shown, 0, sizeof *shown);
    if (!token_shaped(token)) return SL_OK;
    char hash[65];
    sl_token_hash(token, hash);
    if (!hash[0]) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    return sl_store_manage_find(st, hash, now, id, arena, shown, err);
}

sl_status sl_campaign_consent_again(sl_store *st, long long created, int *may, sl_error *err)
{
    sl_arena a = {0};
    sl_campaign c;
    sl_campaign_version *v = NULL;
    size_t n = 0;
    int found = 0;
    *may = 0;
    sl_status rc = sl_store_campaign_load(st, &a, &c, &found, err);
    if (!rc && found) rc = sl_store_campaign_versions(st, &a, &v, &n, err);
    const sl_campaign_version *then = rc || !found ? NULL : sl_campaign_version_at(v, n, created);
    *may = found && (!then || !strcmp(then->organisation, c.organisation));
    sl_arena_free(&a);
    return rc;
}

typedef struct do_ctx {
    const char *token;
    sl_manage_action action;
    long long now;
    int *done;
} do_ctx;

static sl_status do_tx(sl_store *st, void *v, sl_error *err)
{
    do_ctx *d = v;
    sl_arena a = {0};
    sl_pledge p;
    long id = 0;
    int found = 0, changed = 0;
    sl_status rc = sl_campaign_manage_look(st, d->token, d->now, &id, &a, &p, err);
    if (!rc && id && d->action == SL_MANAGE_ERASE) {
        rc = sl_store_pledge_erase(st, p.email, d->now, &found, err);
        changed = found;
    } else if (!rc && id && d->action == SL_MANAGE_RECONSENT) {
        int may = 0;
        rc = sl_campaign_consent_again(st, p.created, &may, err);
        if (!rc && may)
            rc = sl_store_pledge_change(st, NULL, id, SL_CHANGE_RECONSENT, "signer", d->now, &found, &changed, err);
        else found = 1; /* nothing done: another organisation's consent needs a sign-up */
    } else if (!rc && id) {
        rc = sl_store_pledge_change(st, NULL, id, d->action == SL_MANAGE_CONSENT ? SL_CHANGE_CONSENT : SL_CHANGE_UNLIST,
                                    "signer", d->now, &found, &changed, err);
    }
    if (!rc && found) *d->done = changed ? 1 : 2;
    sl_arena_free(&a);
    return rc;
}

sl_status sl_campaign_manage_do(sl_store *st, const char *token, sl_manage_action action, long long now, int *done,
                                sl_error *err)
{
    *done = 0;
    if (!token_shaped(token) || action < SL_MANAGE_CONSENT || action > SL_MANAGE_RECONSENT) return SL_OK;
    do_ctx d = {token, action, now, done};
    if (sl_store_in_tx(st, do_tx, &d, err)) {
        *done = 0; /* rolled back: nothing done */
        return err->status;
    }
    return action == SL_MANAGE_ERASE && *done == 1 ? sl_store_pledges_scrub(st, err) : SL_OK;
}

typedef struct withdraw_ctx { const char *email; long long now; int *found, *changed; } withdraw_ctx;
static sl_status withdraw_tx(sl_store *st, void *v, sl_error *err)
{
    withdraw_ctx *w = v;
    return sl_store_pledge_change(st, w->email, 0, SL_CHANGE_CONSENT, "organiser", w->now, w->found, w->changed, err);
}

sl_status sl_campaign_withdraw_consent(sl_store *st, const char *email, long long now, int *found, int *changed,
                                       sl_error *err)
{
    char norm[SL_EMAIL_MAX + 1];
    *found = *changed = 0;
    if (sl_email_of_pledge(email, norm, err)) return err->status;
    withdraw_ctx w = {norm, now, found, changed};
    return sl_store_in_tx(st, withdraw_tx, &w, err);
}

typedef struct asked_ctx { const char *email; long long now; int *found, *was_listed; } asked_ctx;
static sl_status asked_tx(sl_store *st, void *v, sl_error *err)
{
    asked_ctx *a = v;
    int found = 0, changed = 0;
    if (sl_store_pledge_unlist(st, a->email, 0, a->now, a->found, a->was_listed, err)) return err->status;
    if (!*a->found) return SL_OK;
    return sl_store_pledge_change(st, a->email, 0, SL_CHANGE_UNLIST, "organiser", a->now, &found, &changed, err);
}

sl_status sl_campaign_unlist_asked(sl_store *st, const char *email, long long now, int *found, int *was_listed,
                                   sl_error *err)
{
    char norm[SL_EMAIL_MAX + 1];
    *found = *was_listed = 0;
    if (sl_email_of_pledge(email, norm, err)) return err->status;
    asked_ctx a = {norm, now, found, was_listed};
    return sl_store_in_tx(st, asked_tx, &a, err);
}
