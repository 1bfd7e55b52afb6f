/*
** campaign_manage.c — a signer manages her own pledge (see campaign_web.h):
**
**   GET  /campaign/manage          a form asking for the link by email
**   POST /campaign/manage          that form: the same answer for every address
**   GET  /campaign/manage?key=     the link's page: her pledge as it stands, and
**                                  three forms (no more email, off the list, erase)
**   POST /campaign/manage/change   one of them, with its box ticked: done at once
**
** Why: a pledge must be as easy to take back as to give, and without
** writing to a person. The link is the key, sent only to the pledge's
** address (in the confirmation mail, and again when asked for here), so a
** stranger who knows her address can do nothing with it but send her a
** mail. Opening the link changes nothing (mail scanners open links); each
** button needs its box ticked. The pages never show her address; the
** link's token is in its address only (serve's log keeps paths without
** the query, and its pages send no Referer beyond the site's origin).
*/
#include "campaign_web.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/email.h"
#include "sightline/core/signer.h"
#include "sightline/core/text.h"
#include "sightline/ingest/campaign.h"
#include "sightline/ingest/campaign_manage.h"
#include "sightline/web/query.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(SL_CAMPAIGN_MIN_RESIDENTS == 1000, "the pages say \"fewer than 1,000 residents\"");
#include <time.h>

#define esc sl_html_write_escaped

/* The work of a request in the writer: what the link leads to (LOOK), what
** it did (ACT), or a link asked for (ASK). */
typedef struct manage_job {
    const char *token, *email;
    sl_manage_action action;
    long long now;
    unsigned port;
    int synthetic, have_camp, done;
    int may_consent; /* her consent may be given again here (sl_campaign_consent_again) */
    long id;
    sl_pledge p;
    sl_campaign camp;
    const char *county; /* the county's name, or NULL */
    int few; /* the county has too few residents to be named beside her (sl_analysis_county_few) */
    sl_arena arena;
} manage_job;

static sl_status look_fn(sl_store *st, void *v, sl_error *err)
{
    manage_job *j = v;
    int found = 0;
    const char *name = NULL;
    j->synthetic = sl_web_store_synthetic(st);
    if (sl_store_campaign_load(st, &j->arena, &j->camp, &j->have_camp, err)) return err->status;
    if (sl_campaign_manage_look(st, j->token, j->now, &j->id, &j->arena, &j->p, err)) return err->status;
    if (j->id && j->have_camp &&
        sl_store_area_lookup(st, j->camp.area_set, j->p.county, &j->arena, &name, &found, err))
        return err->status;
    if (j->id && !j->p.consent && j->p.confirmed && sl_campaign_consent_again(st, j->p.created, &j->may_consent, err))
        return err->status;
    j->county = found ? name : NULL;
    return j->id && j->have_camp ? sl_analysis_county_few(st, j->camp.area_set, j->p.county, &j->few, err) : SL_OK;
}

static sl_status act_fn(sl_store *st, void *v, sl_error *err)
{
    manage_job *j = v;
    j->synthetic = sl_web_store_synthetic(st);
    /* the campaign's contact, for the erased page's word on copies */
    if (sl_store_campaign_load(st, &j->arena, &j->camp, &j->have_camp, err)) return err->status;
    return sl_campaign_manage_do(st, j->token, j->action, j->now, &j->done, err);
}

static sl_status ask_fn(sl_store *st, void *v, sl_error *err)
{
    manage_job *j = v;
    j->synthetic = sl_web_store_synthetic(st);
    if (sl_store_campaign_load(st, &j->arena, &j->camp, &j->have_camp, err)) return err->status;
    return j->have_camp ? sl_campaign_manage_ask(st, j->email, j->now, j->port, err) : SL_OK;
}

/* The next full hour after NOW ("HH:MM" UTC): when an erasure leaves the public counts. */
static void next_hour(long long now, char hour[8])
{
    time_t next = (time_t)(sl_analysis_counted_before(now) + SL_CAMPAIGN_COUNT_PERIOD);
    struct tm tm;
    hour[0] = '\0';
    if (gmtime_r(&next, &tm)) strftime(hour, 8, "%H:%M", &tm);
}

/* ---- asking for the link --------------------------------------------------- */

/* The form asking for a link; R (may be NULL) a refusal of what was sent. */
static void ask_page(sl_web_campaign *c, const sl_web_refusal *r, int synthetic, sl_web_page *out)
{
    char *buf = NULL, csrf[SL_WEB_CSRF_MAX];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sl_web_csrf_issue(sl_web_campaign_guard(c), (long long)time(NULL), csrf);
    if (f) {
        /* " — sightline" as the directory's and the dashboard's titles end: a
        ** tab or a screen reader names the site as well as the page */
        sl_web_page_begin(f, "Manage your pledge — sightline", SL_WEB_SIDE_CAMPAIGN, synthetic, 0);
        fputs("<h1>Manage your pledge</h1>\n<p class=\"message\">Stop the organisation's emails, take your name off "
              "the public list, or erase your pledge: yourself, at any time, without writing to anyone.</p>\n"
              "<p>The email that asked you to confirm your pledge holds a link to do so. Lost it? Give the address "
              "you signed with: a new link goes to it, working for 2 days. Nothing changes until you open it and "
              "press a button there, and only that inbox receives it.</p>\n", f);
        sl_web_refusal_box(f, r);
        fputs("<form method=\"post\" action=\"/campaign/manage\" class=\"pledge\">\n", f);
        fprintf(f, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", csrf);
        fputs("<div class=\"field\"><label for=\"m-email\">The email address you signed with</label>"
              "<input id=\"m-email\" name=\"email\" type=\"email\" autocomplete=\"email\" maxlength=\"254\" required",
              f);
        sl_web_field_marks(f, r, "email", 1);
        fputs("></div>\n<p><button type=\"submit\" class=\"primary\">Email me a link</button></p>\n</form>\n"
              "<p><a href=\"/campaign\">Back to the campaign</a></p>\n", f);
        sl_web_page_end(f);
    }
    sl_web_page_close(out, r ? (r->status ? r->status : 400) : 200, f, &buf, &len);
}

/* The answer to a link asked for: the same whether the address signed or
** not, so that the form tells nobody who signed. EMAIL (normalised) is
** shown to her, escaped, so a typo can be seen. */
static void asked_page(const char *email, int synthetic, sl_web_page *out)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
        sl_web_page_begin(f, "Check your email — sightline", SL_WEB_SIDE_CAMPAIGN, synthetic, 0);
        fputs("<h1>Check your email</h1>\n<p class=\"message\">If a pledge was signed with <strong class=\"address\">",
              f);
        esc(f, email);
        fputs("</strong>, a link to manage it goes there.</p>\n<p>The campaign's organisers send its emails in "
              "batches, so it may take a while: watch your inbox (and spam folder). The link works for 2 days. "
              "One link goes out a quarter of an hour at most, however often it is asked for. No email at all? "
              "The pledge may have been signed with another address: try that one.</p>\n"
              "<p><a href=\"/campaign\">Back to the campaign</a></p>\n", f);
        sl_web_page_end(f);
    }
    sl_web_page_close(out, 200, f, &buf, &len);
}

void sl_web_manage_ask_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    long long now = (long long)time(NULL);
    sl_form form;
    int guard = sl_web_form_guard(c, rq, now, &form, SL_WEB_SIDE_CAMPAIGN, out);
    if (guard == 2) {
        ask_page(c, &(sl_web_refusal){&form, NULL, "This form has expired: please send it again.", 403}, 0, out);
        sl_form_free(&form);
    }
    if (guard) return;
    const char *email = NULL;
    char norm[SL_EMAIL_MAX + 1] = "";
    unsigned retry;
    sl_error err;
    sl_error_clear(&err);
    sl_form_get(&form, "email", &email);
    manage_job j = {.email = email, .now = now, .port = atomic_load(&c->port)};
    if (sl_web_email_rate_take(c, email, now, norm, &retry)) {
        sl_web_camp_message(out, 429, "Too many requests for this address",
                            "Too many links were asked for this address in the last minute. Please wait a minute.",
                            SL_WEB_SIDE_CAMPAIGN);
        out->retry_after = retry;
    } else {
        sl_status rc = sl_web_writer_run(c->writer, ask_fn, &j, &err);
        if (rc == SL_EDATA)
            ask_page(c, &(sl_web_refusal){&form, "email", err.msg, 0}, j.synthetic, out);
        else if (rc)
            ask_page(c, &(sl_web_refusal){&form, NULL, "The campaign could not take the request just now; "
                                          "please send it again in a moment.", 503}, j.synthetic, out);
        else if (!j.have_camp)
            sl_web_camp_none(out, "This site has no campaign.");
        else
            asked_page(norm, j.synthetic, out);
    }
    sl_arena_free(&j.arena);
    sl_form_free(&form);
}

/* ---- the link's page --------------------------------------------------------- */

/* One of the page's forms: ACTION, a heading, what it does, the box to tick and the button.
** MARKED: it was sent without its box ticked, and the box is what the
** refusal above speaks of (its description), with the focus. */
static void change_form(FILE *f, const char *csrf, const char *token, const char *action, const char *heading,
                        const char *what, const char *tick, const char *button, int marked)
{
    /* the one that cannot be undone looks it */
    const char *look = !strcmp(action, "erase") ? "danger" : "primary";
    fprintf(f, "<section aria-labelledby=\"h-%s\">\n<h2 id=\"h-%s\">", action, action);
    esc(f, heading);
    fputs("</h2>\n<p>", f);
    esc(f, what);
    fprintf(f, "</p>\n<form method=\"post\" action=\"/campaign/manage/change\" class=\"pledge\">\n"
               "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n<input type=\"hidden\" name=\"key\" value=\"",
            csrf);
    esc(f, token);
    fprintf(f, "\">\n<input type=\"hidden\" name=\"action\" value=\"%s\">\n<div class=\"check\">"
               "<input type=\"checkbox\" id=\"sure-%s\" name=\"sure\" value=\"yes\" required%s>"
               "<label for=\"sure-%s\">", action, action,
            marked ? " aria-invalid=\"true\" aria-describedby=\"sure-error\" autofocus" : SL_WEB_NOT_YET_WRONG, action);
    esc(f, tick);
    fputs("</label></div>\n", f);
    /* beside the box as well as above the page: the focus scrolls to the box */
    if (marked)
        fputs("<div class=\"message error\" id=\"sure-error\"><p>Nothing was changed: tick this box to confirm, then "
              "press the button.</p></div>\n", f);
    fprintf(f, "<p><button type=\"submit\" class=\"%s\">", look);
    esc(f, button);
    fputs("</button></p>\n</form>\n</section>\n", f);
}

/* Her pledge as it stands: place, state, the list and the emails; never her address. */
static void pledge_now(FILE *f, const manage_job *j)
{
    fputs("<h2>Your pledge now</h2>\n<dl class=\"confirming\"><dt>Your county</dt><dd>", f);
    esc(f, j->county ? j->county : j->p.county);
    fputs(", ", f);
    esc(f, j->p.state);
    fputs("</dd><dt>Counted</dt><dd>", f);
    fputs(j->p.confirmed ? "Yes: it is confirmed" : "Not yet: it waits for its confirmation link", f);
    fputs("</dd><dt>Public list of signers</dt><dd>", f);
    char pub[SL_PUBLIC_NAME_MAX];
    sl_signer_public_name(j->p.name ? j->p.name : "", pub);
    if (j->p.listed && *pub) {
        fputs("Yes, as “", f);
        esc(f, pub);
        fputs(j->few ? "” with your state (your county, of fewer than 1,000 residents, is not named)" : "” with your county", f);
    } else {
        fputs(!j->p.listed ? "No: you are not listed" : j->few ? "Yes, with your state" : "Yes, with your county", f);
    }
    fputs("</dd><dt>Emails from the organisation</dt><dd>", f);
    fputs(j->p.consent ? "Yes: they may email you about the campaign" : "No", f);
    fputs("</dd></dl>\n", f);
}

/* The link's page for J, with R's sentence (may be NULL) above it. */
static void manage_page(sl_web_campaign *c, const manage_job *j, const char *refused, sl_web_page *out)
{
    char *buf = NULL, csrf[SL_WEB_CSRF_MAX], hour[8], text[1100];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sl_web_csrf_issue(sl_web_campaign_guard(c), (long long)time(NULL), csrf);
    const char *org = j->have_camp ? j->camp.organisation : "the organisation";
    const char *contact = j->have_camp && j->camp.contact && *j->camp.contact ? j->camp.contact : "the organisers";
    if (f) {
        sl_web_page_begin(f, "Manage your pledge — sightline", SL_WEB_SIDE_CAMPAIGN, j->synthetic, 0);
        fputs("<h1>Manage your pledge</h1>\n", f);
        if (refused) sl_web_refusal_box(f, &(sl_web_refusal){NULL, NULL, refused, 400});
        fputs("<p>Each change takes effect at once. Opening this page changed nothing. Keep its link to yourself: "
              "whoever holds it can change your pledge.</p>\n", f);
        pledge_now(f, j);
        if (j->p.consent) {
            snprintf(text, sizeof text, "Your pledge stays, and keeps counting. %s will not email you about the "
                     "campaign again, and leaves you out of its lists of addresses from now.", org);
            change_form(f, csrf, j->token, "consent", "Stop the organisation's emails", text,
                        "Yes, no more emails from the organisation", "Stop the emails",
                        refused && j->action == SL_MANAGE_CONSENT);
        }
        else if (j->may_consent) { /* she stopped them, or never agreed: the form's box, in its words */
            snprintf(text, sizeof text, "Your pledge stays as it is. %.*s may email you about the campaign, and "
                     "puts you in its lists of addresses from now; you can stop them here later.",
                     (int)sl_utf8_prefix(org, 300), org);
            char box[400];
            snprintf(box, sizeof box, "Yes, %.*s may email me about the campaign", (int)sl_utf8_prefix(org, 300), org);
            change_form(f, csrf, j->token, "reconsent", "Get the organisation's emails", text, box,
                        "Get the emails", refused && j->action == SL_MANAGE_RECONSENT);
        }
        if (j->p.listed)
            change_form(f, csrf, j->token, "unlist", "Take my name off the public list",
                        "Your pledge stays, and keeps counting; your name and county leave the list of signers at "
                        "once.", "Yes, take me off the public list", "Take me off the list",
                        refused && j->action == SL_MANAGE_UNLIST);
        next_hour(j->now, hour);
        /* erasing cannot reach a backup or an export made before: she is told whom to ask */
        snprintf(text, sizeof text, "Your address, name and answers are deleted now, with every message to you, "
                 "and overwritten in the campaign's files; the erasure is logged with its time only. It cannot be "
                 "undone, and this link stops working. The public counts lose your pledge at %s UTC, the next "
                 "full hour: they change once an hour, so that nobody watching them can tell who erased, nor where. "
                 "Copies made before now are not reached: the organisation's backups%s. To have yours deleted "
                 "too, write to %.*s.",
                 hour, j->p.consent ? " and, as you agreed to its emails, its lists of addresses for them" : "",
                 (int)sl_utf8_prefix(contact, 200), contact);
        change_form(f, csrf, j->token, "erase", "Erase my pledge", text, "Yes, erase my pledge and my address",
                    "Erase my pledge", refused && j->action == SL_MANAGE_ERASE);
        fputs("<p><a href=\"/campaign\">Back to the campaign</a></p>\n", f);
        sl_web_page_end(f);
    }
    sl_web_page_close(out, refused ? 400 : 200, f, &buf, &len);
}

/* The page of a link that leads nowhere: alike for an unknown, expired or
** erased one. An expired link is the usual case (the confirmation mail's
** ends after 30 days), so its first words are the way to a new one. */
static void dead_link(sl_web_page *out, int synthetic)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
        sl_web_page_begin(f, "This link does not work — sightline", SL_WEB_SIDE_CAMPAIGN, synthetic, 0);
        fprintf(f, "<h1>This link does not work</h1>\n<p class=\"message\">To manage your pledge, <a "
                   "href=\"/campaign/manage\">ask for a new link</a>: it comes to the address you signed with, and "
                   "works for %ld days.</p>\n<p>The link in your confirmation email works for %ld days after you "
                   "signed, and a link asked for on this site for %ld days, so that nobody a message reaches later "
                   "can change your pledge. A link may also have been cut short by your mail program, or the "
                   "pledge erased.</p>\n<p><a href=\"/campaign\">Back to the campaign</a></p>\n",
                SL_MANAGE_LINK_TTL_S / 86400, SL_MANAGE_MAIL_LINK_TTL_S / 86400, SL_MANAGE_LINK_TTL_S / 86400);
        sl_web_page_end(f);
    }
    sl_web_page_close(out, 400, f, &buf, &len);
}

void sl_web_manage_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    sl_error err;
    sl_error_clear(&err);
    sl_web_query q;
    const char *raw = rq->query ? rq->query : "";
    manage_job j = {.now = (long long)time(NULL)};
    int parsed = !sl_web_query_parse(raw, strlen(raw), &q, &err);
    j.token = parsed ? sl_web_query_get(&q, "key") : NULL;
    if (parsed && !j.token && !*raw) {
        sl_store *st = NULL; /* whether the demo's banner goes above it */
        int synthetic = !sl_web_pool_get(c->pool, &st, &err) ? sl_web_store_synthetic(st) : 0;
        sl_web_pool_put(c->pool, st);
        ask_page(c, NULL, synthetic, out);
    } else if (sl_web_writer_run(c->writer, look_fn, &j, &err)) {
        sl_web_camp_message(out, 503, "Not available just now", "Your pledge could not be read right now; please "
                            "open the link again in a moment.", SL_WEB_SIDE_CAMPAIGN);
    } else if (!j.id) {
        dead_link(out, j.synthetic);
    } else {
        manage_page(c, &j, NULL, out);
    }
    sl_arena_free(&j.arena);
    if (parsed) sl_web_query_free(&q);
}

/* What a change done says. */
static void done_page(const manage_job *j, sl_web_page *out)
{
    char text[900], hour[8];
    if (j->action == SL_MANAGE_ERASE) {
        const char *contact = j->have_camp && j->camp.contact && *j->camp.contact ? j->camp.contact : "the organisers";
        next_hour(j->now, hour);
        /* as the erase box said before: a backup or an export made before is not reached */
        snprintf(text, sizeof text, "Your address, name and answers are deleted, with every message to you; the "
                 "erasure is logged with its time only. The public counts lose your pledge at %s UTC, the next full "
                 "hour. Copies made before now are not reached (the organisation's backups, and its lists of "
                 "addresses for its emails if you had agreed to them): to have yours deleted too, write to %.*s. "
                 "Thank you for having signed.", hour, (int)sl_utf8_prefix(contact, 200), contact);
        sl_web_camp_message_of(out, 200, "Your pledge is erased", text, j->synthetic);
    } else if (j->action == SL_MANAGE_RECONSENT) {
        sl_web_camp_message_of(out, 200, j->done == 1 ? "The organisation may email you" : "Nothing was changed",
                               j->done == 1 ? "Your pledge stays as it is; the organisation may email you about the "
                                              "campaign, and puts you in its lists of addresses from now. Your link "
                                              "still works, to stop the emails again."
                                            : "Your pledge is as it was: the organisation may email you already, or "
                                              "the campaign now names another organisation than the one you "
                                              "signed with (to agree to its emails, erase your pledge and sign "
                                              "again).", j->synthetic);
    } else if (j->action == SL_MANAGE_CONSENT) {
        sl_web_camp_message_of(out, 200, j->done == 1 ? "No more emails from the organisation" : "No emails already",
                               "Your pledge stays and keeps counting; the organisation will not email you about the "
                               "campaign, and leaves you out of its lists of addresses from now. Your link still "
                               "works, to take your name off the list or erase your pledge.", j->synthetic);
    } else {
        sl_web_camp_message_of(out, 200, j->done == 1 ? "Your name is off the public list" : "Not listed already",
                               "Your pledge stays and keeps counting; your name and county are not on the list of "
                               "signers. Your link still works, to stop the emails or erase your pledge.",
                               j->synthetic);
    }
}

/* J's change: an erasure on a connection of its own (as /admin's), since
** it scrubs the store's log after its commit, which the writer's batch
** cannot; the others through the writer. */
static sl_status run_change(sl_web_campaign *c, manage_job *j, sl_error *err)
{
    if (j->action != SL_MANAGE_ERASE) return sl_web_writer_run(c->writer, act_fn, j, err);
    sl_store *st = NULL;
    sl_status rc = sl_store_open(c->store, &st, err);
    if (!rc) rc = act_fn(st, j, err);
    sl_store_close(st);
    return rc;
}

void sl_web_manage_change_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    sl_form form;
    int guard = sl_web_form_guard(c, rq, (long long)time(NULL), &form, SL_WEB_SIDE_CAMPAIGN, out);
    if (guard == 2) {
        sl_web_form_expired(out, SL_WEB_SIDE_CAMPAIGN);
        sl_form_free(&form);
    }
    if (guard) return;
    sl_error err;
    sl_error_clear(&err);
    const char *action = NULL, *sure = NULL;
    manage_job j = {.now = (long long)time(NULL)};
    sl_form_get(&form, "key", &j.token);
    sl_form_get(&form, "action", &action);
    j.action = !action                       ? 0
               : !strcmp(action, "consent") ? SL_MANAGE_CONSENT
               : !strcmp(action, "unlist")  ? SL_MANAGE_UNLIST
               : !strcmp(action, "erase")   ? SL_MANAGE_ERASE
               : !strcmp(action, "reconsent") ? SL_MANAGE_RECONSENT
                                            : 0;
    int ticked = sl_form_get(&form, "sure", &sure) == 1 && !strcmp(sure, "yes");
    if (!j.action || !ticked) { /* nothing done: the page again, saying why */
        if (sl_web_writer_run(c->writer, look_fn, &j, &err) || !j.id) dead_link(out, j.synthetic);
        else manage_page(c, &j, j.action ? "Nothing was changed: tick the box beside the button to confirm, "
                                           "then press it." : "Nothing was changed: that is not a change this page "
                                           "makes.", out);
    } else if (run_change(c, &j, &err) && !j.done) {
        sl_web_camp_message(out, 503, "Nothing was changed", "Your pledge could not be changed right now; please "
                            "open the link again in a moment.", SL_WEB_SIDE_CAMPAIGN);
    } else if (!j.done) {
        dead_link(out, j.synthetic);
    } else {
        done_page(&j, out); /* an erasure whose scrub failed is still erased (committed) */
    }
    sl_arena_free(&j.arena);
    sl_form_free(&form);
}
