/*
** admin.c — the organisers' area of `sightline serve` (/admin): log in with
** the token of `sightline campaign token` (its hash compared in constant
** time), then export consented pledges as CSV, erase a signer or withdraw their
** consent to be emailed (one who wrote in), unlist signers (one, or
** several at once, confirmed on a page naming them), close or
** reopen the campaign, approve or reject suggested listings, and edit or remove listings (a removal asks to
** be confirmed on a page of its own).
**
** Who may come in: loopback clients only, unless serve runs --admin-bind;
** the login, the sessions and the Origin and CSRF checks every POST passes
** are admin_session.c's, the signers' tables admin_signers.c's. Nothing
** here is cached (no-store), and the access log has the path only: an
** address typed into the erase form is in a POST body, which is never
** logged.
*/
#include "admin_internal.h"
#include "campaign_web.h"
#include "web_internal.h"
#include "sightline/core/business.h"
#include "sightline/core/email.h"
#include "sightline/core/form.h"
#include "sightline/core/json.h"
#include "sightline/ingest/admin.h"
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/admin.h"
#include "sightline/store/businesses.h"
#include "sightline/store/campaign.h"
#include "sightline/web/guard.h"
#include "sightline/web/query.h"

#include <stdlib.h>
#include <string.h>

/* B's street, city, state and ZIP on one line, escaped. */
static void address_text(FILE *f, const sl_business *b)
{
    sl_web_html_text(f, b->address);
    fputs(*b->address && (*b->city || *b->state || *b->zip) ? ", " : "", f);
    sl_web_html_text(f, b->city);
    fputs(*b->city && *b->state ? ", " : "", f);
    sl_web_html_text(f, b->state);
    fputs(*b->zip && (*b->city || *b->state) ? " " : "", f);
    sl_web_html_text(f, b->zip);
}

/* The queue's columns. On a phone its rows are stacked (directory.css), each
** cell under its column's name from data-label: eight columns do not fit. */
static const char *const QUEUE_COLS[] = {"Name", "Category", "Address", "Website", "Phone",
                                         "How they know it is Black-owned", "Their note", "Decision"};

/* The start of the queue's cell COL (the name and the decision need no label). */
static void queue_cell(FILE *f, int col, const char *cls)
{
    fputs("<td", f);
    if (cls) fprintf(f, " class=\"%s\"", cls);
    if (col > 0 && col < 7) fprintf(f, " data-label=\"%s\"", QUEUE_COLS[col]);
    fputs(">", f);
}

static sl_status pending_row(const sl_business *b, void *ctx, sl_error *err)
{
    (void)err;
    FILE *f = ((void **)ctx)[0];
    const sl_web_session *s = ((void **)ctx)[1];
    fputs("<tr>", f);
    queue_cell(f, 0, NULL);
    sl_web_html_text(f, b->name);
    fputs("</td>", f);
    queue_cell(f, 1, NULL);
    sl_web_html_text(f, b->category);
    fputs("</td>", f);
    queue_cell(f, 2, NULL);
    address_text(f, b);
    if (!b->has_location) /* else it vanishes from the map and "near" searches, unsaid */
        fputs("<br><span class=\"note\">No coordinates: once approved, not on the map or in “near” searches "
              "until you add them (edit the listing).</span>", f);
    fputs("</td>", f);
    queue_cell(f, 3, NULL);
    sl_web_html_text(f, b->website);
    fputs("</td>", f);
    queue_cell(f, 4, "nowrap");
    sl_web_html_text(f, b->phone);
    fputs("</td>", f);
    queue_cell(f, 5, NULL);
    sl_web_html_text(f, b->verification);
    fputs("</td>", f);
    queue_cell(f, 6, NULL);
    sl_web_html_text(f, b->note ? b->note : "");
    fputs("</td>", f);
    queue_cell(f, 7, "nowrap");
    fputs("<form method=\"post\" action=\"/admin/decide\" class=\"inline\">", f);
    sl_web_admin_csrf_field(f, s);
    /* each button names the business, as a screen reader lists them out of their rows */
    fprintf(f, "<input type=\"hidden\" name=\"id\" value=\"%ld\"><button name=\"action\" value=\"approve\" "
               "aria-label=\"Approve ", b->id);
    sl_web_html_text(f, b->name);
    fputs("\">Approve</button> <button name=\"action\" value=\"reject\" aria-label=\"Reject ", f);
    sl_web_html_text(f, b->name);
    fputs("\">Reject</button></form>", f);
    char sent[16], ends[16]; /* nobody deciding, its words go then (sl_campaign_purge) */
    sl_web_admin_day(b->created, sent);
    sl_web_admin_day(b->created + (long long)SL_SUGGESTION_KEEP_DAYS * 86400, ends);
    if (b->created > 0) fprintf(f, "<br><span class=\"note\">Sent %s; deleted unread on %s if not decided</span>", sent, ends);
    fputs("</td></tr>\n", f);
    return SL_OK;
}

/* The search for a signer, by address or by a part of the name (the
** public list shows no address), holding QUERY (NULL: none). */
static void find_form(FILE *f, const sl_web_session *s, const char *query)
{
    fputs("<section aria-labelledby=\"find-h\"><h2 id=\"find-h\">Find a signer</h2>\n<form class=\"filters\" "
          "method=\"post\" action=\"/admin/find\">", f);
    sl_web_admin_csrf_field(f, s);
    fputs("<div class=\"field\"><label for=\"a-q\">Their email address, or a part of their name</label><input "
          "id=\"a-q\" name=\"q\" type=\"search\" required maxlength=\"254\" autocomplete=\"off\" value=\"", f);
    sl_web_html_text(f, query);
    fputs("\"></div><div class=\"field actions\"><button type=\"submit\">Find</button></div></form>\n<p "
          "class=\"note\">A signer found can be unlisted (and listed again) or erased.</p></section>\n", f);
}

/* The first signer of the public list's page this GET asks for (?from=N). */
static long listed_from(const sl_web_page_ctx *x)
{
    const char *q = x->query && !strcmp(x->method, "GET") ? x->query : "";
    char *end;
    long from = !strncmp(q, "from=", 5) ? strtol(q + 5, &end, 10) : 0;
    return from > 0 && !*end ? from : 0;
}

/* The organisers' page with MSG (NULL: none) on top, followed by a link
** to edit listing LISTING when it is not 0 (the one just approved, which
** may lack coordinates until an organiser adds them); then the campaign's
** state, the search for a signer and the public list. */
static enum MHD_Result dashboard_listing(sl_web_page_ctx *x, const sl_web_session *s, const char *msg, long listing)
{
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_admin_head(f, "Organisers");
    if (msg) {
        fputs("<p class=\"message\" role=\"status\">", f);
        sl_web_html_text(f, msg);
        if (listing > 0) fprintf(f, " <a href=\"/admin/listing?id=%ld\">Edit listing %ld</a>", listing, listing);
        fputs("</p>\n", f);
    }
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = NULL;
    char *rows = NULL;
    size_t nrows = 0;
    FILE *r = open_memstream(&rows, &nrows);
    void *ctx[2] = {r, (void *)s};
    int read = r && !sl_web_pool_get(x->pages->pool, &st, &err) && !sl_store_read_begin(st, &err);
    if (read) sl_web_admin_state(f, st, s->csrf);
    find_form(f, s, NULL);
    if (read) sl_web_admin_listed(f, st, s->csrf, listed_from(x));
    fputs("<h2>Export</h2>\n<p><a class=\"button\" href=\"/admin/export.csv\">Download consented pledges (CSV)</a> "
          "<span class=\"note\">confirmed signers who agreed to be contacted; columns for a CRM import</span></p>\n"
          "<h2>Suggested listings</h2>\n", f);
    if (read) sl_store_suggestions_each(st, "pending", pending_row, ctx, &err);
    sl_web_pool_put(x->pages->pool, st);
    if (r) fclose(r);
    if (err.status) {
        fputs("<p class=\"message error\">The suggestions could not be read from the store.</p>\n", f);
    } else if (!nrows) {
        fputs("<p>No suggestion waits for a decision.</p>\n", f);
    } else {
        /* before the table: a paragraph inside one is no valid place (browsers hoist it) */
        fprintf(f, "<p class=\"note\">Everything the suggester sent, as they wrote it. Their words on ownership and their "
              "note are for you alone: an approved listing says \"" SL_SUGGESTED_VERIFICATION "\" (edit it afterwards to "
              "say more). Once you decide, what they sent is deleted: an approved one lives on as its listing. "
              "Undecided, it is deleted unread %d days after it was sent.</p>\n"
              "<p class=\"note\">Approve publishes the name, category, address, city, state, ZIP code, website and "
              "phone as they are here, to anyone. A business run from home (its note may say so) is better listed "
              "without its street: approve, then edit the listing; without a street its map shows it only within "
              "about a kilometre.</p>\n", SL_SUGGESTION_KEEP_DAYS);
        fputs("<div class=\"scroll\"><table class=\"stack\"><caption>Waiting for a decision</caption><thead><tr>", f);
        for (size_t c = 0; c < sizeof QUEUE_COLS / sizeof *QUEUE_COLS; c++)
            fprintf(f, "<th scope=\"col\">%s</th>", QUEUE_COLS[c]);
        fputs("</tr></thead><tbody>\n", f);
        fwrite(rows, 1, nrows, f);
        fputs("</tbody></table></div>\n", f);
    }
    free(rows);
    fputs("<h2>Edit or remove a listing</h2>\n<form class=\"filters\" method=\"get\" action=\"/admin/listing\"><div "
          "class=\"field\"><label for=\"a-id\">Listing number, or its address as an owner gives it (/directory/17)</label>"
          "<input id=\"a-id\" name=\"id\" type=\"text\" required maxlength=\"300\" autocomplete=\"off\"></div><div class=\"field actions\"><button "
          "type=\"submit\">Edit</button></div></form>\n<form method=\"post\" action=\"/admin/logout\">", f);
    sl_web_admin_csrf_field(f, s);
    fputs("<p><button type=\"submit\">Log out</button></p></form>\n", f);
    return sl_web_html_send(x, f, &buf, &len, 200, SL_WEB_ADMIN_NO_STORE, NULL);
}

static enum MHD_Result dashboard(sl_web_page_ctx *x, const sl_web_session *s, const char *msg)
{
    return dashboard_listing(x, s, msg, 0);
}

static enum MHD_Result export_csv(sl_web_page_ctx *x)
{
    char *buf = NULL;
    size_t len = 0;
    long rows = 0;
    sl_error err;
    sl_error_clear(&err);
    FILE *f = open_memstream(&buf, &len);
    if (!f) return MHD_NO;
    sl_store *st = NULL;
    if (!sl_web_pool_get(x->pages->pool, &st, &err) && !sl_store_read_begin(st, &err))
        sl_campaign_export_csv(st, f, (long long)time(NULL), &rows, &err);
    sl_web_pool_put(x->pages->pool, st);
    /* recorded before it leaves (when, how many; no field of a signer) */
    st = NULL;
    if (!err.status && rows && !sl_store_open(x->pages->store, &st, &err))
        sl_campaign_export_logged(st, (long long)time(NULL), rows, &err);
    sl_store_close(st);
    if (fclose(f) || err.status) {
        free(buf);
        return sl_web_admin_refuse(x, 503, "The export could not be made from the store.");
    }
    static const char *const EXTRA[] = {"Content-Disposition", "attachment; filename=\"pledges.csv\"", NULL};
    return sl_web_page_send(x, 200, "text/csv; charset=utf-8", buf, len, SL_WEB_ADMIN_NO_STORE, EXTRA);
}

/* A write through ingest on the store opened for writing. */
typedef sl_status (*write_fn)(sl_store *st, const sl_form *form, void *ctx, sl_error *err);

static sl_status with_store(sl_web_page_ctx *x, const sl_form *form, write_fn fn, void *ctx, sl_error *err)
{
    sl_store *st = NULL;
    sl_status rc = sl_store_open(x->pages->store, &st, err);
    if (!rc) rc = fn(st, form, ctx, err);
    sl_store_close(st);
    return rc;
}

static sl_status erase_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    const char *email = NULL;
    sl_form_get(form, "email", &email);
    if (!email || !*email) return sl_fail(err, SL_EDATA, NULL, 0, "give the signer's email address");
    return sl_campaign_erase(st, email, (long long)time(NULL), ctx, err);
}

static sl_status close_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    return sl_web_admin_end(st, form, 0, ctx, 480, err);
}

static sl_status reopen_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    return sl_web_admin_end(st, form, 1, ctx, 480, err);
}

static long form_id(const sl_form *form)
{
    const char *v = NULL;
    char *end;
    if (sl_form_get(form, "id", &v) != 1) return 0;
    long id = strtol(v, &end, 10);
    return end != v && !*end && id > 0 ? id : 0;
}

/* A decision on a suggestion: its number, then the listing it became
** (-1: no pending suggestion has it) and its name, for the sentence that
** says what was done (a number alone let an organiser approve the wrong
** one unseen). */
typedef struct {
    long id, listing;
    char name[160];
} decide_job;

static sl_status suggestion_name(const sl_business *b, void *ctx, sl_error *err)
{
    (void)err;
    decide_job *j = ctx;
    if (b->id == j->id) snprintf(j->name, sizeof j->name, "%s", b->name);
    return SL_OK;
}

static sl_status decide_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    const char *action = NULL;
    sl_form_get(form, "action", &action);
    decide_job *j = ctx;
    j->id = form_id(form);
    if (!j->id || !action || (strcmp(action, "approve") && strcmp(action, "reject")))
        return sl_fail(err, SL_EDATA, NULL, 0, "a decision names a suggestion and approve or reject");
    int found;
    sl_status rc = sl_store_suggestions_each(st, "pending", suggestion_name, j, err);
    if (!rc) rc = sl_campaign_decide(st, j->id, !strcmp(action, "approve"), (long long)time(NULL), &found, &j->listing, err);
    if (!rc && !found) j->listing = -1; /* no pending suggestion of that number */
    return rc;
}

/* An unlisting by number, whose sentence for the organiser CTX receives
** (320 bytes). */
static sl_status unlist_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    long id = form_id(form);
    if (!id) return sl_fail(err, SL_EDATA, NULL, 0, "the form names no signer");
    return sl_web_admin_unlist(st, id, (long long)time(NULL), ctx, 320, err);
}

/* A signer who wrote in: no more email (sl_web_admin_unconsent). */
static sl_status unconsent_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    const char *email = NULL;
    sl_form_get(form, "email", &email);
    return sl_web_admin_unconsent(st, email, ctx, 320, err);
}

/* Several at once, confirmed (sl_web_admin_unlist_many). */
static sl_status unlist_many_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    return sl_web_admin_unlist_many(st, form, (long long)time(NULL), ctx, 320, err);
}

static sl_status relist_many_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    return sl_web_admin_relist_many(st, form, ctx, 320, err);
}

/* Its undo, List again (sl_web_admin_relist), likewise. */
static sl_status relist_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    long id = form_id(form);
    if (!id) return sl_fail(err, SL_EDATA, NULL, 0, "the form names no signer");
    return sl_web_admin_relist(st, id, ctx, 320, err);
}

/* The listing form's own fields: the rest (csrf, id) are not the listing's. */
typedef struct edit_job {
    long id;
    int found;
    const char *field; /* the field a refusal is about */
} edit_job;

static sl_status edit_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    edit_job *j = ctx;
    sl_form fields = {malloc((form->count ? form->count : 1) * sizeof *fields.fields), 0};
    if (!fields.fields) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < form->count; i++)
        if (strcmp(form->fields[i].name, "id")) fields.fields[fields.count++] = form->fields[i];
    sl_status rc = sl_campaign_edit_listing(st, j->id, &fields, &j->found, &j->field, err);
    free(fields.fields); /* the strings are FORM's */
    return rc;
}

/* A removal, confirmed on its page (confirm=yes): CTX's name gets the
** listing's, for the message. */
static sl_status remove_fn(sl_store *st, const sl_form *form, void *ctx, sl_error *err)
{
    const char *confirm = NULL;
    sl_form_get(form, "confirm", &confirm);
    if (!confirm || strcmp(confirm, "yes"))
        return sl_fail(err, SL_EDATA, NULL, 0, "a removal is confirmed on its page; nothing was removed");
    long id = form_id(form);
    if (!id) return sl_fail(err, SL_EDATA, NULL, 0, "the form names no listing");
    int *found = ((void **)ctx)[0];
    return sl_campaign_remove_listing(st, id, found, ((void **)ctx)[1], 200, err);
}

/* One field of the edit form: VALUE, or after a refusal R what was typed,
** the refused field marked (sl_web_field_marks). */
static void input(FILE *f, const sl_web_refusal *r, const char *name, const char *label, const char *value,
                  const char *type)
{
    const char *kept = sl_web_kept(r, name);
    fprintf(f, "<div class=\"field\"><label for=\"e-%s\">%s</label><input id=\"e-%s\" name=\"%s\" type=\"%s\"", name,
            label, name, name, type);
    if (!strcmp(name, "website")) fputs(" inputmode=\"url\"", f); /* the importer's rule, not the browser's */
    sl_web_field_marks(f, r, name, 0);
    fputs(" value=\"", f);
    sl_web_html_text(f, r ? (kept ? kept : "") : value);
    fputs("\"></div>\n", f);
}

/* The edit form of listing ID holding B's fields, or after a refusal R
** (B NULL) what the organiser typed, with R's sentence above it. */
static void listing_form(FILE *f, const sl_web_session *s, long id, const sl_business *b, const sl_web_refusal *r)
{
    static const sl_business none = {.name = "", .category = "", .address = "", .city = "", .state = "", .zip = "",
                                      .website = "", .phone = "", .verification = ""};
    char lat[32] = "", lon[32] = "";
    if (!b) b = &none;
    if (b->has_location) snprintf(lat, sizeof lat, "%.6f", b->lat), snprintf(lon, sizeof lon, "%.6f", b->lon);
    fprintf(f, "<p class=\"meta\"><a href=\"/directory/%ld\">the listing as the public sees it</a> · <a "
               "href=\"/admin\">back</a></p>\n", id);
    sl_web_refusal_box(f, r);
    fputs("<form class=\"stack\" method=\"post\" action=\"/admin/listing\">", f);
    sl_web_admin_csrf_field(f, s);
    fprintf(f, "<input type=\"hidden\" name=\"id\" value=\"%ld\">\n", id);
    input(f, r, "name", "Name", b->name, "text");
    input(f, r, "category", "Category", b->category, "text");
    input(f, r, "address", "Address", b->address, "text");
    input(f, r, "city", "City", b->city, "text");
    input(f, r, "state", "State (two letters)", b->state, "text");
    input(f, r, "zip", "ZIP", b->zip, "text");
    input(f, r, "website", "Website (https://…, or www.…)", b->website, "text");
    input(f, r, "phone", "Phone", b->phone, "tel");
    input(f, r, "verification", "Ownership verified by", b->verification, "text");
    /* the public map's rule (sl_business_public_point): the point shown here is the stored one */
    fputs("<p class=\"note\" id=\"e-where\">Address, latitude and longitude are public: with a street, the "
          "coordinates put a pin on the map to the metre. Without a street (a business run from home), the public "
          "pages and map show the listing only within about a kilometre; the point here stays as stored.</p>\n",
          f);
    input(f, r, "lat", "Latitude", lat, "text");
    input(f, r, "lon", "Longitude", lon, "text");
    fputs("<div class=\"field actions\"><button type=\"submit\">Save</button></div></form>\n", f);
    /* a GET to the confirmation: nothing changes before its POST */
    fprintf(f, "<h2>Remove this listing</h2>\n<form method=\"get\" action=\"/admin/remove\"><input type=\"hidden\" "
               "name=\"id\" value=\"%ld\"><p><button type=\"submit\">Remove from the directory…</button> <span "
               "class=\"note\">asks you to confirm first</span></p></form>\n", id);
}

static sl_status edit_form(const sl_business *b, void *ctx, sl_error *err)
{
    (void)err;
    listing_form(((void **)ctx)[0], ((void **)ctx)[1], b->id, b, NULL);
    return SL_OK;
}

/* The edit form again after the store refused FORM (R): what was typed is
** kept, the field named, nothing saved. */
static enum MHD_Result edit_refused(sl_web_page_ctx *x, const sl_web_session *s, long id, const sl_web_refusal *r)
{
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_admin_head(f, "Edit a listing");
    listing_form(f, s, id, NULL, r);
    return sl_web_html_send(x, f, &buf, &len, 400, SL_WEB_ADMIN_NO_STORE, NULL);
}

/* The confirmation of a removal: what goes, and the button that removes it. */
static sl_status remove_form(const sl_business *b, void *ctx, sl_error *err)
{
    (void)err;
    FILE *f = ((void **)ctx)[0];
    const sl_web_session *s = ((void **)ctx)[1];
    fprintf(f, "<p>Remove listing %ld, <strong>", b->id);
    sl_web_html_text(f, b->name);
    fputs("</strong>", f);
    if (*b->city || *b->state) {
        fputs(" (", f);
        sl_web_html_text(f, b->city);
        fputs(*b->city && *b->state ? ", " : "", f);
        sl_web_html_text(f, b->state);
        fputs(")", f);
    }
    fprintf(f, ", from the directory?</p>\n<p class=\"note\">It goes from the search and the map at once. Its page, "
               "/directory/%ld, then says the listing was removed, and its number is never given to another business. "
               "If it came from an imported file, take its row out of that file too, or a corrected copy imported "
               "later lists it again.</p>\n<form method=\"post\" action=\"/admin/remove\">", b->id);
    sl_web_admin_csrf_field(f, s);
    fprintf(f, "<input type=\"hidden\" name=\"id\" value=\"%ld\"><p><button type=\"submit\" name=\"confirm\" "
               "value=\"yes\">Remove it</button> <a href=\"/admin/listing?id=%ld\">Cancel</a></p></form>\n", b->id, b->id);
    return SL_OK;
}

/* /admin/listing?id=N (the edit form) or /admin/remove?id=N (the
** confirmation of a removal): the listing's page of FN under TITLE. */
/* The listing TEXT names: its number, or its address as an owner's mail
** gives it ("/directory/17", "https://site/directory/17/"); 0 for neither. */
static long listing_number(const char *text)
{
    const char *p = text ? text : "", *at;
    while (*p == ' ') p++;
    while ((at = strstr(p, "/directory/"))) p = at + strlen("/directory/");
    char *end;
    long id = strtol(p, &end, 10);
    if (end == p || *p == '-' || *p == '+' || *p == ' ') return 0;
    if (*end == '/') end++;
    while (*end == ' ') end++;
    return !*end && id > 0 ? id : 0;
}

static enum MHD_Result listing_get(sl_web_page_ctx *x, const sl_web_session *s, const char *title, sl_business_fn fn)
{
    const char *q = x->query ? x->query : "";
    sl_web_query query = {0};
    sl_error qerr;
    sl_error_clear(&qerr);
    long id = sl_web_query_parse(q, strlen(q), &query, &qerr) ? 0 : listing_number(sl_web_query_get(&query, "id"));
    sl_web_query_free(&query);
    if (id <= 0)
        return sl_web_page_message(x, 400, "Which listing?", "Give its number, or its address (/directory/ and the number).",
                                   SL_WEB_ADMIN_NO_STORE);
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_admin_head(f, title);
    void *ctx[2] = {f, (void *)s};
    sl_error err;
    sl_error_clear(&err);
    int found = 0;
    sl_store *st = NULL;
    if (!sl_web_pool_get(x->pages->pool, &st, &err) && !sl_store_read_begin(st, &err))
        sl_store_business_get(st, id, fn, ctx, &found, &err);
    sl_web_pool_put(x->pages->pool, st);
    if (!found || err.status) {
        fclose(f);
        free(buf);
        return sl_web_page_message(x, 404, "No such listing", "There is no listing with this number.", SL_WEB_ADMIN_NO_STORE);
    }
    return sl_web_html_send(x, f, &buf, &len, 200, SL_WEB_ADMIN_NO_STORE, NULL);
}

/* The signers whose name holds QUERY, on a page of their own. */
static enum MHD_Result found_page(sl_web_page_ctx *x, const sl_web_session *s, const char *query)
{
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_admin_head(f, "Signers found");
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = NULL;
    find_form(f, s, query);
    if (!sl_web_pool_get(x->pages->pool, &st, &err) && !sl_store_read_begin(st, &err))
        sl_web_admin_found(f, st, s->csrf, query, &err);
    sl_web_pool_put(x->pages->pool, st);
    if (err.status) {
        fclose(f);
        free(buf);
        return err.status == SL_EUSAGE ? dashboard(x, s, err.msg) : sl_web_admin_refuse(x, 503, "The store cannot be read.");
    }
    fputs("<p><a href=\"/admin\">Back to the organisers' page</a></p>\n", f);
    return sl_web_html_send(x, f, &buf, &len, 200, SL_WEB_ADMIN_NO_STORE, NULL);
}

/* What a read-only page of /admin writes into F under its heading, from ST
** (read): *N the things it shows (0: none, and F is dropped); SL_EUSAGE's
** message goes back to the organisers' page. */
typedef sl_status (*page_write)(FILE *f, sl_store *st, const char *csrf, void *ctx, long *n, sl_error *err);

/* A read-only page titled TITLE written by WRITE(CTX) in a read of the
** store; the organisers' page saying NONE when it shows nothing, 503 when
** the store cannot be read. */
static enum MHD_Result read_page(sl_web_page_ctx *x, const sl_web_session *s, const char *title, page_write write,
                                 void *ctx, const char *none)
{
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_admin_head(f, title);
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = NULL;
    long n = 0;
    if (!sl_web_pool_get(x->pages->pool, &st, &err) && !sl_store_read_begin(st, &err))
        write(f, st, s->csrf, ctx, &n, &err);
    sl_web_pool_put(x->pages->pool, st);
    if (err.status || !n) {
        fclose(f);
        free(buf);
        if (err.status == SL_EUSAGE) return dashboard(x, s, err.msg);
        if (err.status) return sl_web_admin_refuse(x, 503, "The store cannot be read.");
        return dashboard(x, s, none);
    }
    return sl_web_html_send(x, f, &buf, &len, 200, SL_WEB_ADMIN_NO_STORE, NULL);
}

/* The signer of an address (normalised) or, address NULL, a number. */
typedef struct signer_job { const char *email; long id; } signer_job;

static sl_status signer_write(FILE *f, sl_store *st, const char *csrf, void *ctx, long *n, sl_error *err)
{
    const signer_job *j = ctx;
    int found = 0;
    sl_status rc = sl_web_admin_signer(f, st, csrf, j->email, j->id, &found, err);
    *n = found;
    return rc;
}

static sl_status unlist_ask_write(FILE *f, sl_store *st, const char *csrf, void *ctx, long *n, sl_error *err)
{
    return sl_web_admin_unlist_ask(f, st, csrf, ctx, n, err);
}

static sl_status relist_ask_write(FILE *f, sl_store *st, const char *csrf, void *ctx, long *n, sl_error *err)
{
    return sl_web_admin_relist_ask(f, st, csrf, ctx, n, err);
}

static sl_status unconsent_ask_write(FILE *f, sl_store *st, const char *csrf, void *ctx, long *n, sl_error *err)
{
    int found = 0;
    sl_status rc = sl_web_admin_unconsent_ask(f, st, csrf, ctx, &found, err);
    *n = found;
    return rc;
}

/* /admin/find: with an address (q, or email as the form before it named
** it) or a pledge's number (id, the Erase… buttons), that signer's page;
** with a part of a name, the signers whose name holds it. The address is
** in the POST body, never in a logged path. */
static enum MHD_Result find_page(sl_web_page_ctx *x, const sl_web_session *s, const sl_form *form)
{
    const char *q = NULL, *why = NULL;
    char norm[320];
    if (sl_form_get(form, "q", &q) != 1) sl_form_get(form, "email", &q);
    long id = form_id(form);
    if (!id) {
        if (!q || !*q) return dashboard(x, s, "Give the signer's email address or a part of their name.");
        if (!strchr(q, '@')) return found_page(x, s, q);
        if (sl_email_normalize(q, norm, sizeof norm, &why)) return dashboard(x, s, why);
    }
    signer_job j = {id ? NULL : norm, id};
    return read_page(x, s, "A signer", signer_write, &j,
                     id ? "No pledge has this number." : "No pledge has this address.");
}

/* /admin/unlist-many (or, RELIST, /admin/relist-many) not yet confirmed:
** the page naming the signers it would change, whose button confirms;
** nothing changes before. */
static enum MHD_Result unlist_ask_page(sl_web_page_ctx *x, const sl_web_session *s, const sl_form *form, int relist)
{
    return read_page(x, s, relist ? "List these signers again?" : "Unlist these signers?",
                     relist ? relist_ask_write : unlist_ask_write, (void *)form,
                     relist ? "Nobody to list again: tick signers an organiser unlisted (find them); nothing changed."
                            : "Nobody to unlist: tick signers who are on the public list (or may be, once confirmed); "
                              "nothing changed.");
}

/* /admin/unconsent not yet confirmed: the page naming the signer whose
** consent it would withdraw, whose button confirms; nothing changes before. */
static enum MHD_Result unconsent_ask_page(sl_web_page_ctx *x, const sl_web_session *s, const sl_form *form)
{
    const char *email = NULL;
    sl_form_get(form, "email", &email);
    return read_page(x, s, "Withdraw their consent to be emailed?", unconsent_ask_write, (void *)email,
                     "No pledge has this address; nothing changed.");
}

/* "The listing is saved.", and what its website is when no web address
** (kept as the importer keeps it: text, never a link), into BUF. */
static const char *saved_text(const sl_form *form, char *buf, size_t size)
{
    const char *web = NULL;
    sl_form_get(form, "website", &web);
    if (sl_business_website(web, NULL, 0) != SL_WEB_TEXT) return "The listing is saved.";
    snprintf(buf, size, "The listing is saved. Its website, “%.120s”, is not a web address: its page shows it as "
             "text, never as a link.", web);
    return buf;
}

/* A POST of a logged-in organiser, its Origin and CSRF token checked. */
static enum MHD_Result post(sl_web_page_ctx *x, const sl_web_session *s)
{
    sl_form form = {0};
    const char *csrf = NULL;
    if (!sl_web_admin_same_origin(x)) return sl_web_admin_refuse(x, 403, "This form is only accepted from this site's own page.");
    if (!sl_web_admin_read_form(x, &form)) {
        sl_form_free(&form);
        return sl_web_admin_refuse(x, 400, "The form could not be read.");
    }
    if (sl_form_get(&form, "csrf", &csrf) != 1 || !sl_token_equal(csrf, s->csrf)) {
        sl_form_free(&form);
        return sl_web_admin_refuse(x, 403, "The form is stale or was not made by this site: reload the page and try again.");
    }
    sl_error err;
    sl_error_clear(&err);
    int found = 0;
    long listing = 0; /* approved just now: its edit link follows the message */
    char removed[320], erased[480];
    const char *msg = NULL;
    enum MHD_Result ok;
    if (!strcmp(x->url, "/admin/logout")) {
        sl_web_admin_session_end(x->pages, s);
        static const char *const GONE[] = {"Set-Cookie", SL_WEB_ADMIN_COOKIE "=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0",
                                           NULL};
        char *b = strdup("logged out\n");
        sl_form_free(&form);
        return b ? sl_web_page_send(x, 200, "text/plain; charset=utf-8", b, strlen(b), SL_WEB_ADMIN_NO_STORE, GONE) : MHD_NO;
    } else if (!strcmp(x->url, "/admin/find")) {
        ok = find_page(x, s, &form);
        sl_form_free(&form);
        return ok;
    } else if (!strcmp(x->url, "/admin/erase")) {
        if (!with_store(x, &form, erase_fn, &found, &err))
            msg = found ? sl_web_erased_text((long long)time(NULL), erased, sizeof erased)
                        : "No pledge has this address; nothing changed.";
    } else if (!strcmp(x->url, "/admin/unconsent")) {
        const char *confirm = NULL;
        if (sl_form_get(&form, "confirm", &confirm) != 1 || strcmp(confirm, "yes")) {
            ok = unconsent_ask_page(x, s, &form);
            sl_form_free(&form);
            return ok;
        }
        if (!with_store(x, &form, unconsent_fn, removed, &err)) msg = removed;
    } else if (!strcmp(x->url, "/admin/close") || !strcmp(x->url, "/admin/reopen")) {
        if (!with_store(x, &form, !strcmp(x->url, "/admin/close") ? close_fn : reopen_fn, erased, &err)) msg = erased;
    } else if (!strcmp(x->url, "/admin/unlist") || !strcmp(x->url, "/admin/relist")) {
        write_fn fn = !strcmp(x->url, "/admin/unlist") ? unlist_fn : relist_fn;
        if (!with_store(x, &form, fn, removed, &err)) msg = removed;
    } else if (!strcmp(x->url, "/admin/unlist-many") || !strcmp(x->url, "/admin/relist-many")) {
        const char *confirm = NULL;
        int relist = !strcmp(x->url, "/admin/relist-many");
        if (sl_form_get(&form, "confirm", &confirm) != 1 || strcmp(confirm, "yes")) {
            ok = unlist_ask_page(x, s, &form, relist);
            sl_form_free(&form);
            return ok;
        }
        if (!with_store(x, &form, relist ? relist_many_fn : unlist_many_fn, removed, &err)) msg = removed;
    } else if (!strcmp(x->url, "/admin/decide")) {
        decide_job j = {0};
        if (!with_store(x, &form, decide_fn, &j, &err)) {
            listing = j.listing;
            if (listing > 0)
                snprintf(removed, sizeof removed, "Approved: “%s” is listing %ld of the directory.", j.name, listing);
            else if (!listing)
                snprintf(removed, sizeof removed, "Rejected: “%s” stays out of the directory.", j.name);
            msg = listing < 0 ? "No pending suggestion has this number." : removed;
        }
    } else if (!strcmp(x->url, "/admin/listing")) {
        edit_job j = {.id = form_id(&form)};
        if (!j.id) {
            sl_fail(&err, SL_EDATA, NULL, 0, "the form names no listing");
        } else if (with_store(x, &form, edit_fn, &j, &err) == SL_EDATA) {
            char text[sizeof err.msg + 48];
            snprintf(text, sizeof text, "Not saved: %s. The form keeps what you typed.", err.msg);
            sl_web_refusal r = {&form, j.field, text, 0};
            ok = edit_refused(x, s, j.id, &r);
            sl_form_free(&form);
            return ok;
        } else if (!err.status) {
            msg = j.found ? saved_text(&form, removed, sizeof removed) : "There is no listing with this number.";
        }
    } else if (!strcmp(x->url, "/admin/remove")) {
        char name[200];
        void *ctx[2] = {&found, name};
        if (!with_store(x, &form, remove_fn, ctx, &err)) {
            if (found)
                snprintf(removed, sizeof removed, "Listing %ld, “%s”, is removed from the directory; its page says "
                         "so now.", form_id(&form), name);
            msg = found ? removed : "There is no listing with this number; nothing was removed.";
        }
    } else {
        sl_form_free(&form);
        return sl_web_page_message(x, 404, "No such page", "The organisers' area is at /admin.", SL_WEB_ADMIN_NO_STORE);
    }
    sl_form_free(&form);
    if (err.status == SL_EDATA) ok = dashboard(x, s, err.msg);
    else if (err.status) ok = sl_web_admin_refuse(x, 503, "The store could not be written; nothing changed.");
    else ok = dashboard_listing(x, s, msg, listing);
    return ok;
}

enum MHD_Result sl_web_admin(sl_web_page_ctx *x)
{
    if (!x->pages->admin_remote && !sl_web_local_client(x->c, x->pages->hosts))
        return sl_web_admin_refuse(x, 403, "The organisers' area answers only on the machine that serves it, and not through a "
                              "proxy (see serve --admin-bind).");
    if (!strcmp(x->url, "/admin/login")) return sl_web_admin_login(x);
    sl_web_session s;
    if (!sl_web_admin_session_of(x, &s)) {
        if (!strcmp(x->method, "GET") && (!strcmp(x->url, "/admin") || !strcmp(x->url, "/admin/"))) {
            static const char *const TO_LOGIN[] = {"Location", "/admin/login", NULL};
            char *b = strdup("log in: /admin/login\n");
            return b ? sl_web_page_send(x, 303, "text/plain; charset=utf-8", b, strlen(b), SL_WEB_ADMIN_NO_STORE, TO_LOGIN) : MHD_NO;
        }
        return sl_web_admin_refuse(x, 403, "Log in first, at /admin/login.");
    }
    if (!strcmp(x->method, "POST")) return post(x, &s);
    if (!strcmp(x->url, "/admin") || !strcmp(x->url, "/admin/")) return dashboard(x, &s, NULL);
    if (!strcmp(x->url, "/admin/export.csv")) return export_csv(x);
    if (!strcmp(x->url, "/admin/listing")) return listing_get(x, &s, "Edit a listing", edit_form);
    if (!strcmp(x->url, "/admin/remove")) return listing_get(x, &s, "Remove a listing?", remove_form);
    return sl_web_page_message(x, 404, "No such page", "The organisers' area is at /admin.", SL_WEB_ADMIN_NO_STORE);
}
