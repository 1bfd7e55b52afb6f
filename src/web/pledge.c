/*
** pledge.c — the campaign's forms that write (see campaign_web.h): POST
** /campaign/pledge and the "suggest a business" form (GET and POST
** /directory/suggest); the confirmation's POST uses the same guard. Each POST passes the guard in one order — same
** site, the client's rate, the body's shape, the CSRF token, the email's
** rate — and only then reaches ingest, through the server's one writer; the
** reply is sent after the transaction committed. A form ingest refused
** comes back as the form again, with what was sent kept and the field
** marked (sl_web_refusal), so a person corrects one field, not retypes all.
*/
#include "campaign_web.h"
#include "page.h"
#include "sightline/core/area.h"
#include "sightline/core/email.h"
#include "sightline/core/form.h"
#include "sightline/core/text.h"
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/campaign.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define esc sl_html_write_escaped

static void too_many(sl_web_page *out, unsigned retry, sl_web_side side)
{
    sl_web_camp_message(out, 429, "Too many forms sent",
                        "Too many forms came from here in the last minute. Please wait a minute and send it again.",
                        side);
    out->retry_after = retry;
}

/* The limit of one email address: said whether or not it had signed
** before, with the form back as she filled it in (a signer who pressed
** the button again and again while a slow evening's page hung). */
static void too_many_pledges(sl_web_campaign *c, const sl_form *form, sl_web_page *out, unsigned retry)
{
    char text[400];
    snprintf(text, sizeof text,
             "Too many pledges for this address came in the last minute, and nothing was recorded. Your answers "
             "are below as you gave them: send the form again in %u second%s.", retry, retry == 1 ? "" : "s");
    sl_web_pledge_refused(c, &(sl_web_refusal){form, "email", text, 429}, out);
    out->retry_after = retry;
}

/* The organisers' line when one address first passes --rate-forms in a
** minute: which limit, and what to do when that address is many people.
** Never the address (personal data, and the proxy's log has it). */
static void say_limit(const sl_web_campaign *c)
{
    char line[400];
    if (!c->log) return;
    snprintf(line, sizeof line,
             "forms: one address sent more than --rate-forms %u forms this minute; its next ones get 429 until the "
             "minute ends (many signers behind one address, a campus or a mobile network, need a higher "
             "--rate-forms: README, Publishing the campaign)", c->per_client);
    c->log(c->log_ctx, line);
}

/* The checks of guard, in order; 1 when one refused RQ (*OUT says why); 3
** when the client's rate did, with FORM read as far as it could be (the
** pledge sends it back) and OUT's retry_after set, its page not made. */
static int screen(sl_web_campaign *c, const sl_web_request *rq, long long now, sl_form *form, sl_web_side side,
                  sl_web_page *out)
{
    unsigned retry;
    sl_error err;
    sl_error_clear(&err);
    memset(form, 0, sizeof *form);
    if (!sl_web_same_site(rq->host, rq->names, rq->origin, rq->referer, rq->fetch_site)) {
        sl_web_camp_message(out, 403, "Refused: this form was sent from another site",
                            "Only the form on this site's own page can be sent here.", side);
        return 1;
    }
    int over = sl_web_rate_take(c->guard, SL_WEB_RATE_CLIENT, rq->client, now, &retry);
    if (over == 2) say_limit(c);
    if (over) { /* *OUT is the caller's to fill: the pledge's differs */
        out->retry_after = retry;
        if (sl_form_parse("form", rq->body ? rq->body : "", rq->body_len, NULL, form, &err)) {
            sl_form_free(form); /* damaged: nothing of it is kept */
            memset(form, 0, sizeof *form);
        }
        return 3;
    }
    if (sl_form_parse("form", rq->body ? rq->body : "", rq->body_len, NULL, form, &err)) {
        sl_web_camp_message(out, err.status == SL_ENOMEM ? 500 : 400, "The form could not be read",
                            "The form arrived damaged or with fields longer than they may be. Please go back and "
                            "send it again.", side);
        return 1;
    }
    const char *token = NULL;
    if (sl_form_get(form, "csrf", &token) != 1 || !sl_web_csrf_valid(sl_web_campaign_guard(c), token, now)) return 2;
    return 0;
}

int sl_web_form_guard(sl_web_campaign *c, const sl_web_request *rq, long long now, sl_form *form, sl_web_side side,
                      sl_web_page *out)
{
    int rc = screen(c, rq, now, form, side, out);
    if (rc == 3) { /* the form's answers are the pledge's only to keep */
        too_many(out, out->retry_after, side);
        rc = 1;
    }
    if (rc == 1) sl_form_free(form);
    return rc;
}

void sl_web_form_expired(sl_web_page *out, sl_web_side side)
{
    sl_web_camp_message(out, 403, "This form has expired",
                        "The form is older than a few hours, or it did not come from this site. Please reload the "
                        "page and send it again.", side);
}

/* Above a form sent back because its token had expired: what was typed is
** kept, so nothing is lost (a tab left open overnight). */
static const char EXPIRED[] = "This form has expired: it was served more than a few hours ago, or not by this site, "
                              "and nothing was recorded. Your answers are below as you gave them: check them and "
                              "send the form again.";

/* ---- a form sent back for a correction ------------------------------------- */

void sl_web_refusal_box(FILE *f, const sl_web_refusal *r)
{
    if (!r) return;
    fputs("<div class=\"message error\" id=\"form-error\" role=\"alert\"><p>", f);
    esc(f, r->text);
    fputs("</p></div>\n", f);
}

/* 0 when R refused no field NAME, else its place in R's list from 1. */
static int refused_at(const sl_web_refusal *r, const char *name)
{
    size_t n = strlen(name);
    int at = 1;
    for (const char *w = r && r->field ? r->field : ""; *w; at++) {
        size_t k = strcspn(w, " ");
        if (k == n && !strncmp(w, name, n)) return at;
        w += k + (w[k] == ' ');
    }
    return 0;
}

int sl_web_is_refused(const sl_web_refusal *r, const char *name)
{
    return refused_at(r, name) > 0;
}

const char *sl_web_kept(const sl_web_refusal *r, const char *name)
{
    const char *v = NULL;
    return r && r->form && sl_form_get(r->form, name, &v) == 1 ? v : NULL;
}

int sl_web_kept_ticked(const sl_web_refusal *r, const char *name, const char *value)
{
    for (size_t i = 0; r && r->form && i < r->form->count; i++)
        if (!strcmp(r->form->fields[i].name, name) && !strcmp(r->form->fields[i].value, value)) return 1;
    return 0;
}

void sl_web_field_marks(FILE *f, const sl_web_refusal *r, const char *name, int with_value)
{
    const char *v = with_value ? sl_web_kept(r, name) : NULL;
    if (v && *v) {
        fputs(" value=\"", f);
        esc(f, v);
        fputc('"', f);
    }
    int at = refused_at(r, name);
    if (at) fprintf(f, " aria-invalid=\"true\" aria-describedby=\"form-error\"%s", at == 1 ? " autofocus" : "");
}

/* R's sentence from ingest's MSG: ingest words it to follow "name: " on a
** terminal; here it opens a sentence of its own, above the form with the
** field marked, so it needs no "go back". */
static void refusal_text(char *text, size_t size, const char *msg)
{
    snprintf(text, size, "%s.", msg);
    text[0] = (char)toupper((unsigned char)text[0]);
}

/* ---- the pledge ------------------------------------------------------------ */

/* A form the store could not take (busy with an import, or failing): sent
** back filled in, so that nothing is typed twice. */
static const char BUSY[] = "Your form could not be saved just now, and nothing was recorded. It is below as you "
                           "filled it in: please send it again in a moment.";

/* A form's work inside the writer's transaction: FIELD names the field a
** refusal is about; SYNTHETIC the store's (for the banner of the answer). */
typedef struct form_job {
    const sl_form *form;
    long long now;
    const char *field;
    unsigned port; /* the server's, for the demo's links */
    int synthetic;
    int closed; /* the pledge was refused as the campaign is closed */
} form_job;

static sl_status pledge_fn(sl_store *st, void *v, sl_error *err)
{
    form_job *j = v;
    j->synthetic = sl_web_store_synthetic(st);
    sl_status rc = sl_campaign_pledge_on(st, j->form, j->now, 0, j->port, &j->field, err);
    if (rc == SL_EUSAGE) { /* no campaign, or a closed one */
        sl_arena a = {0};
        sl_campaign c;
        int found = 0;
        sl_error e;
        j->closed = !sl_store_campaign_load(st, &a, &c, &found, &e) && found && c.closed;
        sl_arena_free(&a);
    }
    return rc;
}

/* The county of a FIPS-coded set must be in the state picked. */
static int place_agrees(const sl_form *f)
{
    const char *state = NULL, *county = NULL;
    sl_form_get(f, "state", &state);
    sl_form_get(f, "county", &county);
    const char *in = county ? sl_fips_state(county) : NULL;
    return !in || !state || !strcasecmp(in, state);
}

/* The answer to a pledge committed: the same words whether the address is
** new, pending or confirmed (so the form tells nobody who signed), and true
** of each. serve only queues the message: the organisers send the outbox
** (campaign send) when they choose, and the link's week runs from the
** signing, not from the sending. EMAIL, normalised, is the one the signer
** typed: shown (escaped) on their own answer so a typo can be seen, and
** nowhere else. */
static void thanks(sl_web_page *out, const char *email, int synthetic)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
        sl_web_page_begin(f, "Check your email to confirm", SL_WEB_SIDE_CAMPAIGN, synthetic, 0);
        fputs("<h1>Check your email to confirm</h1>\n<p class=\"message\">Thank you for signing. The link to "
              "confirm goes to <strong class=\"address\">", f);
        esc(f, email);
        fprintf(f, "</strong>. Not your address? Sign again with the right one.</p>\n<p>A pledge counts once it is "
                   "confirmed (in the public figures from the next full hour after that): the campaign's organisers send each new signer an email with a link, so yours may take "
                   "a while to arrive. Watch your inbox (and spam folder), open the link and press its button. The "
                   "link works until %ld days after you signed. Signing again before then sends no second email "
                   "while the first still waits to be sent, and every link we sent you keeps working. If this "
                   "address has confirmed its pledge already, it still counts and no new email is sent: to "
                   "change it, or to find its link again, <a href=\"/campaign/manage\">Manage your pledge</a> "
                   "mails you one.</p>\n"
                   "<p><a href=\"/campaign\">Back to the campaign</a></p>\n", SL_PLEDGE_CONFIRM_TTL_S / 86400);
        sl_web_page_end(f);
    }
    sl_web_page_close(out, 200, f, &buf, &len);
}

int sl_web_email_rate_take(sl_web_campaign *c, const char *email, long long now, char norm[SL_EMAIL_MAX + 1],
                           unsigned *retry)
{
    const char *why;
    norm[0] = '\0';
    if (!email || sl_email_normalize(email, norm, SL_EMAIL_MAX + 1, &why)) {
        norm[0] = '\0';
        return 0;
    }
    return sl_web_rate_take(c->guard, SL_WEB_RATE_EMAIL, norm, now, retry) != 0;
}

/* Over --rate-forms: on a viral evening the "client" is often a whole
** campus, library or mobile network behind one address, and the signer
** did nothing wrong. Her form comes back filled in, saying why and when
** to send it again (Retry-After too), rather than a page to go back from. */
static void pledge_over_rate(sl_web_campaign *c, const sl_form *form, sl_web_page *out)
{
    unsigned retry = out->retry_after ? out->retry_after : 60;
    char text[600];
    snprintf(text, sizeof text,
             "Many people are signing from the same address as you just now (a university, a library or a mobile "
             "network can put thousands behind one), and this site takes %u form%s a minute from one address. "
             "Nothing was recorded yet. Your answers are below as you gave them: send the form again in %u "
             "second%s.", c->per_client, c->per_client == 1 ? "" : "s", retry, retry == 1 ? "" : "s");
    sl_web_pledge_refused(c, &(sl_web_refusal){form, NULL, text, 429}, out);
    out->retry_after = retry;
}

void sl_web_pledge_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    long long now = (long long)time(NULL);
    sl_form form;
    int guard = screen(c, rq, now, &form, SL_WEB_SIDE_CAMPAIGN, out);
    if (guard == 3) pledge_over_rate(c, &form, out);
    if (guard == 1 || guard == 3) sl_form_free(&form);
    if (guard == 2) {
        sl_web_pledge_refused(c, &(sl_web_refusal){&form, NULL, EXPIRED, 403}, out);
        sl_form_free(&form);
    }
    if (guard) return;
    const char *email = NULL;
    char norm[SL_EMAIL_MAX + 1] = "";
    unsigned retry;
    sl_error err;
    sl_error_clear(&err);
    if (sl_form_get(&form, "email", &email) != 1) email = NULL;
    if (sl_web_email_rate_take(c, email, now, norm, &retry)) {
        too_many_pledges(c, &form, out, retry);
    } else if (!place_agrees(&form)) {
        char text[1536];
        refusal_text(text, sizeof text, "the county is not in the state you picked");
        sl_web_pledge_refused(c, &(sl_web_refusal){&form, "county", text, 0}, out);
    } else {
        form_job j = {&form, now, NULL, atomic_load(&c->port), 0, 0};
        sl_status rc = sl_web_writer_run(c->writer, pledge_fn, &j, &err);
        char text[1536]; /* an sl_error message is at most 1,024 bytes */
        if (rc == SL_EDATA) {
            refusal_text(text, sizeof text, err.msg);
            sl_web_pledge_refused(c, &(sl_web_refusal){&form, j.field, text, 0}, out);
        } else if (rc == SL_EUSAGE && j.closed) { /* closed since the page was served */
            sl_web_camp_message_of(out, 403, "The campaign has closed",
                                   "It takes no more pledges: nothing was recorded, and your address was not kept. "
                                   "Thank you for wanting to sign.", j.synthetic);
        } else if (rc == SL_EUSAGE) {
            sl_web_camp_none(out, "This site has no campaign.");
        } else if (rc) { /* the store busy (an import), or failing: the form comes back filled in */
            sl_web_pledge_refused(c, &(sl_web_refusal){&form, NULL, BUSY, 503}, out);
        } else {
            thanks(out, norm, j.synthetic); /* SL_OK: the address was read, so normalised above */
        }
    }
    sl_form_free(&form);
}

/* ---- "suggest a business" -------------------------------------------------- */

static sl_status suggest_fn(sl_store *st, void *v, sl_error *err)
{
    form_job *j = v;
    return sl_campaign_suggest(st, j->form, j->now, &j->field, err);
}

/* One text input of the suggestion form, with what R kept. */
static void text_field(FILE *f, const sl_web_refusal *r, const char *name, const char *label, const char *type,
                       int max, int required)
{
    fprintf(f, "<div class=\"field\"><label for=\"s-%s\">", name);
    esc(f, label);
    fprintf(f, "</label><input id=\"s-%s\" name=\"%s\" type=\"%s\" maxlength=\"%d\"%s", name, name, type, max,
            required ? " required" : "");
    sl_web_field_marks(f, r, name, 1);
    fputs("></div>\n", f);
}

/* Whom an owner writes to about a listing (sl_web_directory_owner): the
** campaign's contact and organisation, "" without one. */
typedef struct owner_ask { char contact[256], organisation[256]; int synthetic; } owner_ask;

static void owner_of(sl_web_campaign *c, owner_ask *o)
{
    sl_store *st = NULL;
    sl_error err;
    sl_error_clear(&err);
    *o = (owner_ask){"", "", 0};
    if (!sl_web_pool_get(c->pool, &st, &err)) {
        sl_arena a = {0};
        sl_campaign camp;
        int found = 0;
        o->synthetic = sl_web_store_synthetic(st);
        if (!sl_store_campaign_load(st, &a, &camp, &found, &err) && found) {
            snprintf(o->contact, sizeof o->contact, "%s", camp.contact ? camp.contact : "");
            snprintf(o->organisation, sizeof o->organisation, "%s", camp.organisation ? camp.organisation : "");
        }
        sl_arena_free(&a);
    }
    sl_web_pool_put(c->pool, st);
}

/* The suggestion form: empty (R NULL, 200) or refused by R (400), with
** what was sent kept. */
static void suggest_page(sl_web_campaign *c, const sl_web_refusal *r, sl_web_page *out)
{
    owner_ask o;
    owner_of(c, &o);
    int synthetic = o.synthetic;
    char *buf = NULL, token[SL_WEB_CSRF_MAX];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        sl_web_page_html(out, 500, NULL, 0);
        return;
    }
    sl_web_csrf_issue(sl_web_campaign_guard(c), (long long)time(NULL), token);
    /* " — sightline" as every directory page's title ends (sl_web_html_head) */
    sl_web_page_begin(f, r ? "Suggest a business: a correction — sightline" : "Suggest a business — sightline",
                      SL_WEB_SIDE_DIRECTORY, synthetic, 0);
    /* what sl_campaign_suggest refuses without (sl_business_has_detail), said before she sends */
    fputs("<h1>Suggest a Black-owned business</h1>\n<p>Know a business that belongs in the directory of "
          "alternatives? Tell us its name and at least one of its category, address, website or phone; an "
          "organiser checks each suggestion before it is listed.</p>\n", f);
    /* what approval publishes, said before she types her home's address:
    ** the fields are shown as given (directory.c), on paper too */
    fprintf(f, "<p id=\"s-public\">Once approved, what you give of the business is public: its name, category, street "
          "address, city, state, ZIP code, website and phone, on its page, in the search and on the printed list. "
          "<strong>A business run from home can leave the street address out</strong>: its city and ZIP code are "
          "enough to find it, and without a street its map shows it only within about a kilometre, never at its "
          "door. How you know it is Black-owned and your note are read by the organisers only, and "
          "deleted once they have decided, or unread %d days after you send them if nobody has. Nothing about you "
          "is asked.</p>\n<p class=\"note\">", SL_SUGGESTION_KEEP_DAYS);
    sl_web_directory_owner(f, "", 0, o.contact, o.organisation);
    fputs("</p>\n", f);
    sl_web_refusal_box(f, r);
    fputs("<form method=\"post\" action=\"/directory/suggest\" class=\"pledge\">\n", f);
    fprintf(f, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", token);
    fputs("<div class=\"hp\" aria-hidden=\"true\"><label for=\"s-hp\">Leave this empty</label><input id=\"s-hp\" "
          "name=\"" SL_PLEDGE_HONEYPOT "\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>\n", f);
    text_field(f, r, "name", "Name of the business (required)", "text", 200, 1);
    text_field(f, r, "category", "Category (e.g. books, groceries)", "text", 100, 0);
    text_field(f, r, "address", "Street address (public; leave it out for a business run from home)", "text", 200, 0);
    text_field(f, r, "city", "City", "text", 100, 0);
    text_field(f, r, "state", "State (two letters)", "text", 2, 0);
    text_field(f, r, "zip", "ZIP code", "text", 10, 0);
    text_field(f, r, "website", "Website (https://…, or www.…)", "text", 300, 0); /* the importer's rule */
    text_field(f, r, "phone", "Phone", "tel", 40, 0);
    text_field(f, r, "verification", "How do you know it is Black-owned?", "text", 300, 0);
    fputs("<div class=\"field\"><label for=\"s-note\">A note for the organisers</label><textarea id=\"s-note\" "
          "name=\"note\" maxlength=\"1000\" rows=\"3\"", f);
    sl_web_field_marks(f, r, "note", 0);
    fputc('>', f);
    const char *note = sl_web_kept(r, "note");
    if (note) esc(f, note);
    fputs("</textarea></div>\n<p><button type=\"submit\" class=\"primary\">Send the suggestion</button></p>\n"
          "</form>\n", f);
    sl_web_page_end(f);
    sl_web_page_close(out, r ? (r->status ? r->status : 400) : 200, f, &buf, &len);
}

/* Over --rate-forms: as a pledge's, the suggestion comes back as she typed
** it (ten fields), saying when to send it again, not a page that lost it. */
static void suggest_over_rate(sl_web_campaign *c, const sl_form *form, sl_web_page *out)
{
    unsigned retry = out->retry_after ? out->retry_after : 60;
    char text[400];
    snprintf(text, sizeof text,
             "This site takes %u form%s a minute from one address, and more came from yours just now. Nothing was "
             "recorded yet. Your suggestion is below as you gave it: send it again in %u second%s.",
             c->per_client, c->per_client == 1 ? "" : "s", retry, retry == 1 ? "" : "s");
    suggest_page(c, &(sl_web_refusal){form, NULL, text, 429}, out);
    out->retry_after = retry;
}

/* A suggestion taken: it was said to be listed once checked, whatever the
** organiser decided, and nobody is told the decision (nothing about her is
** asked, so no mail): she is told to look, and whom to write to. */
static void suggest_thanks(sl_web_campaign *c, sl_web_page *out)
{
    owner_ask o;
    owner_of(c, &o);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        sl_web_page_html(out, 500, NULL, 0);
        return;
    }
    sl_web_page_begin(f, "Thank you for the suggestion — sightline", SL_WEB_SIDE_DIRECTORY, o.synthetic, 0);
    fputs("<h1>Thank you for the suggestion</h1>\n<p class=\"message\">An organiser reads it; "
          "if they approve it, it is listed in the directory. No mail says so either way: look for it in the "
          "directory later.</p>\n<p>", f);
    sl_web_directory_owner(f, "", 0, o.contact, o.organisation);
    fputs("</p>\n<p><a href=\"/directory\">Back to the directory</a></p>\n", f);
    sl_web_page_end(f);
    sl_web_page_close(out, 200, f, &buf, &len);
}

void sl_web_suggest_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    long long now = (long long)time(NULL);
    sl_form form;
    int guard = screen(c, rq, now, &form, SL_WEB_SIDE_DIRECTORY, out);
    if (guard == 3) suggest_over_rate(c, &form, out);
    if (guard == 2) suggest_page(c, &(sl_web_refusal){&form, NULL, EXPIRED, 403}, out);
    if (guard) {
        sl_form_free(&form);
        return;
    }
    sl_error err;
    sl_error_clear(&err);
    form_job j = {&form, now, NULL, 0, 0, 0};
    sl_status rc = sl_web_writer_run(c->writer, suggest_fn, &j, &err);
    if (rc == SL_EDATA) {
        char text[1536]; /* an sl_error message is at most 1,024 bytes */
        refusal_text(text, sizeof text, err.msg);
        suggest_page(c, &(sl_web_refusal){&form, j.field, text, 0}, out);
    } else if (rc) {
        suggest_page(c, &(sl_web_refusal){&form, NULL, BUSY, 503}, out);
    } else {
        suggest_thanks(c, out);
    }
    sl_form_free(&form);
}

void sl_web_suggest_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    (void)rq;
    suggest_page(c, NULL, out);
}
