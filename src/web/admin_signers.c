/*
** admin_signers.c — the campaign on the organisers' page (/admin, see
** admin.c): its state at the top (the totals `campaign show` prints, from
** the same store call), the signers on the public list in pages, newest
** first, each with an Unlist button, and the signers a search finds by
** address or by a part of the name; and several unlisted at once (ticked,
** or all a search finds: a spam wave), confirmed on a page naming them.
**
** A signer appears here as the public list shows them (first name, initial
** of the last, county: sl_signer_public_name), never with their full name;
** the address only on the page of one signer, which an organiser opens
** (typed, or with its button). Every name is escaped; none is logged.
*/
#include "page.h"
#include "sightline/core/signer.h"
#include "sightline/core/text.h"
#include "sightline/ingest/campaign.h"
#include "sightline/ingest/campaign_manage.h"
#include "sightline/store/campaign.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A signer's row: the page, its CSRF token, and the campaign's area set. */
typedef struct rows_ctx {
    FILE *f;
    sl_store *st;
    const char *csrf, *set;
    long rows;
} rows_ctx;

void sl_web_admin_day(long long t, char out[16])
{
    time_t tt = (time_t)t;
    struct tm tm;
    out[0] = '\0';
    if (t > 0 && gmtime_r(&tt, &tm)) strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The name P has on the public list, as its page writes it. */
static void public_name(const sl_pledge *p, char out[SL_PUBLIC_NAME_MAX])
{
    sl_signer_public_name(p->name, out);
    if (!out[0]) snprintf(out, SL_PUBLIC_NAME_MAX, "A signer"); /* campaign_page.c's word for no name */
}

/* The name of county ID in SET, escaped, as the export gives it; the id
** itself when the store has no such area. */
static void county_name(FILE *f, sl_store *st, const char *set, const char *id)
{
    sl_arena a = {0};
    const char *name = NULL;
    int found = 0;
    sl_error err;
    sl_error_clear(&err);
    sl_store_area_lookup(st, set, id, &a, &name, &found, &err);
    sl_web_html_text(f, found && name && *name ? name : id);
    sl_arena_free(&a);
}

/* P's county by its name in SET, and its state, escaped. */
static void county_text(FILE *f, sl_store *st, const char *set, const sl_pledge *p)
{
    county_name(f, st, set, p->county);
    fputs(", ", f);
    sl_web_html_text(f, p->state);
}

/* Whether an organiser's Unlist still does something for P: not unlisted
** yet, and listed, or pending (its link may list it). */
static int unlistable(const sl_pledge *p)
{
    return !p->unlisted && (p->listed || !p->confirmed);
}

/* The form under a table whose rows' Tick boxes belong to it: unlist the
** ticked, or with QUERY (a search's) all it found; both ask first. A
** search's also lists them again (an unlisting too wide, undone at once). */
static void bulk_form(FILE *f, const char *csrf, const char *query, long matches)
{
    char b[32];
    fprintf(f, "<form id=\"bulk\" method=\"post\" action=\"/admin/unlist-many\" class=\"bulk\"><input "
               "type=\"hidden\" name=\"csrf\" value=\"%s\"><p><button type=\"submit\">Unlist the ticked signers…"
               "</button>", csrf);
    if (query) {
        sl_thousands(matches, b);
        fputs("<input type=\"hidden\" name=\"q\" value=\"", f);
        sl_web_html_text(f, query);
        fprintf(f, "\"> <button type=\"submit\" name=\"all\" value=\"yes\">Unlist all %s found…</button>", b);
        fputs("</p><p><button type=\"submit\" formaction=\"/admin/relist-many\">List the ticked again…</button> "
              "<button type=\"submit\" name=\"all\" value=\"yes\" formaction=\"/admin/relist-many\">List again "
              "all found that an organiser unlisted…</button>", f);
    }
    fputs(" <span class=\"note\">asks you to confirm first, naming them</span></p></form>\n", f);
}

/* The buttons of a signer's row: Unlist (a POST with the CSRF token) while
** an organiser has not unlisted them and they are, or may once confirmed
** be, on the list; List again once an organiser has (an unlisting pressed
** by mistake is undone, as far as the signer's own choice goes); and
** Erase…, which opens their page with its erase button. */
static void row_buttons(FILE *f, const rows_ctx *x, const sl_pledge *p, const char *name)
{
    if (unlistable(p) || p->unlisted) { /* of the form under the table (forms do not nest) */
        fprintf(f, "<label class=\"tick\"><input type=\"checkbox\" form=\"bulk\" name=\"id\" value=\"%ld\" "
                   "aria-label=\"Tick ", p->id);
        sl_web_html_text(f, name);
        fputs("\"> Tick</label> ", f);
    }
    if (p->unlisted || p->listed || !p->confirmed) {
        const char *path = p->unlisted ? "relist" : "unlist", *label = p->unlisted ? "List again" : "Unlist";
        fprintf(f, "<form method=\"post\" action=\"/admin/%s\" class=\"inline\"><input type=\"hidden\" "
                   "name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"id\" value=\"%ld\"><button "
                   "type=\"submit\" aria-label=\"%s ", path, x->csrf, p->id, label);
        sl_web_html_text(f, name);
        fprintf(f, "\">%s</button></form> ", label);
    }
    fprintf(f, "<form method=\"post\" action=\"/admin/find\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" "
               "value=\"%s\"><input type=\"hidden\" name=\"id\" value=\"%ld\"><button type=\"submit\" "
               "aria-label=\"Erase ", x->csrf, p->id);
    sl_web_html_text(f, name);
    fputs("…\">Erase…</button></form>", f);
}

/* ---- the state ------------------------------------------------------------ */

static void figure(FILE *f, const char *label, long n, const char *note)
{
    char b[32];
    fprintf(f, "<div><dt>%s</dt><dd>%s", label, sl_thousands(n, b));
    if (note) fprintf(f, " <span class=\"note\">%s</span>", note);
    fputs("</dd></div>", f);
}

/* Close the campaign, or open it again (the buttons below); closing asks
** for its box to be ticked, as it deletes the unconfirmed pledges. */
static void end_form(FILE *f, const char *csrf, long long closed, long pending)
{
    if (closed) {
        fprintf(f, "<form method=\"post\" action=\"/admin/reopen\"><input type=\"hidden\" name=\"csrf\" "
                   "value=\"%s\"><p><button type=\"submit\">Reopen the campaign</button> <span class=\"note\">it "
                   "takes pledges again; the counts go on from where they are</span></p></form>\n", csrf);
        return;
    }
    /* what closing deletes, counted as the figures above ("the 0 unconfirmed
    ** pledges and their messages" said nothing true) */
    char n[32], gone[128] = "no pledge waits for confirmation, so none is deleted";
    if (pending > 0)
        snprintf(gone, sizeof gone, "the %s unconfirmed pledge%s and %s messages are deleted", sl_thousands(pending, n),
                 pending == 1 ? "" : "s", pending == 1 ? "its" : "their");
    /* aria-invalid: not "invalid" before it is ticked (SL_WEB_NOT_YET_WRONG) */
    fprintf(f, "<h3>When the campaign ends</h3>\n<form method=\"post\" action=\"/admin/close\"><input "
               "type=\"hidden\" name=\"csrf\" value=\"%s\"><p><label><input type=\"checkbox\" name=\"understood\" "
               "value=\"on\" required aria-invalid=\"false\"> The page keeps its counts and list and takes no pledge; %s"
               "</label></p><p><button type=\"submit\">Close the campaign</button></p></form>\n", csrf, gone);
}

void sl_web_admin_state(FILE *f, sl_store *st, const char *csrf)
{
    sl_campaign_totals t;
    sl_error err;
    sl_error_clear(&err);
    fputs("<section aria-labelledby=\"state-h\"><h2 id=\"state-h\">The campaign now</h2>\n", f);
    if (sl_store_campaign_totals(st, &t, &err)) {
        fputs("<p class=\"message error\">The campaign's totals could not be read from the store.</p></section>\n", f);
        return;
    }
    char unlisted[64] = "";
    if (t.unlisted) snprintf(unlisted, sizeof unlisted, "and %ld unlisted by organisers", t.unlisted);
    sl_arena a = {0};
    sl_campaign c;
    int found = 0;
    if (sl_store_campaign_load(st, &a, &c, &found, &err)) found = 0;
    if (found && c.closed) {
        time_t tt = (time_t)c.closed;
        struct tm tm;
        char at[32] = "";
        if (gmtime_r(&tt, &tm)) strftime(at, sizeof at, "%Y-%m-%d %H:%M UTC", &tm);
        fprintf(f, "<p class=\"message\" role=\"status\"><strong>Closed since %s:</strong> the page shows its counts "
                   "and takes no pledge (<code>sightline campaign erase --all</code> deletes every signer, keeping "
                   "the counts).</p>\n", at);
    }
    sl_arena_free(&a);
    fputs("<dl class=\"state\">", f);
    figure(f, "Pledges confirmed", t.confirmed, NULL);
    if (t.kept) figure(f, "Counted, their signers erased at the end", t.kept, "counts per county only");
    figure(f, "Waiting for confirmation", t.pledges - t.confirmed, NULL);
    figure(f, "Listed publicly", t.listed, t.unlisted ? unlisted : NULL);
    /* the rows the export below gives, as `campaign show` counts them */
    figure(f, "Agreed to be emailed", t.consented, "confirmed signers: the rows of the export below");
    figure(f, "Messages in the outbox", t.outbox_pending, NULL);
    char again[256] = "failed when last sent; tried again by the next send";
    time_t next = (time_t)t.outbox_next_try;
    struct tm ntm;
    if (t.outbox_next_try > (long long)time(NULL) && gmtime_r(&next, &ntm))
        strftime(again, sizeof again, "failed when last sent; tried again by the next send, but one its "
                 "recipient's server turned away for now waits (5 minutes, doubling to 4 hours): the first at "
                 "%Y-%m-%d %H:%M UTC", &ntm);
    figure(f, "Messages that failed", t.outbox_failed, again);
    if (t.outbox_refused)
        figure(f, "Addresses refused for good", t.outbox_refused,
               "the recipient's mail server said the address takes no mail; not tried again");
    if (t.exports) { /* when the last was made, as `campaign show` says it */
        char last[96] = "copies outside the store: no erasure reaches them";
        time_t tt = (time_t)t.last_export;
        struct tm tm;
        if (t.last_export && gmtime_r(&tt, &tm))
            strftime(last, sizeof last, "the last on %Y-%m-%d %H:%M UTC; copies outside the store, no erasure reaches them",
                     &tm);
        figure(f, "Exports of addresses made", t.exports, last);
    }
    fputs("</dl>\n<p class=\"note\"><a href=\"/campaign\">The campaign page</a> · messages go out when "
          "<code>sightline campaign send</code> runs.</p>\n", f);
    if (found) end_form(f, csrf, c.closed, t.pledges - t.confirmed);
    fputs("</section>\n", f);
}

sl_status sl_web_admin_end(sl_store *st, const sl_form *form, int reopen, char *msg, size_t size, sl_error *err)
{
    long removed = 0;
    long long was = 0;
    const char *v = NULL;
    if (reopen) {
        if (sl_campaign_reopen(st, &was, err)) return err->status;
        snprintf(msg, size, was ? "The campaign is open again: its page takes pledges." : "The campaign is open; "
                 "nothing changed.");
        return SL_OK;
    }
    if (sl_form_get(form, "understood", &v) != 1 || strcmp(v, "on"))
        return sl_fail(err, SL_EDATA, NULL, 0, "Not closed: tick the box that says what closing does");
    if (sl_campaign_close(st, (long long)time(NULL), &removed, &was, err)) return err->status;
    if (was) snprintf(msg, size, "The campaign was closed already; nothing changed.");
    else snprintf(msg, size, "The campaign is closed: its page keeps its counts and list and takes no pledge; %ld "
                  "unconfirmed pledge%s deleted with %s messages.", removed, removed == 1 ? "" : "s",
                  removed == 1 ? "its" : "their");
    return SL_OK;
}

/* ---- the public list -------------------------------------------------------- */

static sl_status listed_row(const sl_pledge *p, void *v, sl_error *err)
{
    (void)err;
    rows_ctx *x = v;
    FILE *f = x->f;
    char name[SL_PUBLIC_NAME_MAX], when[16];
    public_name(p, name);
    sl_web_admin_day(p->confirmed, when);
    fputs("<tr><td>", f);
    sl_web_html_text(f, name);
    fputs("</td><td data-label=\"County\">", f);
    county_text(f, x->st, x->set, p);
    fprintf(f, "</td><td data-label=\"Confirmed\" class=\"nowrap\">%s</td><td class=\"nowrap\">", when);
    row_buttons(f, x, p, name);
    fputs("</td></tr>\n", f);
    x->rows++;
    return SL_OK;
}

/* The campaign's area set into A's arena (read for the counties' names). */
static const char *area_set(sl_store *st, sl_arena *a)
{
    sl_campaign c;
    int found = 0;
    sl_error err;
    sl_error_clear(&err);
    return !sl_store_campaign_load(st, a, &c, &found, &err) && found ? c.area_set : "";
}

/* Links to the newer and the next page of the list when there are. */
static void pager(FILE *f, long from, long rows, long total)
{
    if (!from && rows >= total) return;
    fputs("<p class=\"pager\">", f);
    long newer = from > SL_WEB_ADMIN_PAGE ? from - SL_WEB_ADMIN_PAGE : 0;
    if (from > 0) fprintf(f, "<a href=\"/admin?from=%ld#listed\">Newer</a>", newer);
    if (from + rows < total)
        fprintf(f, "<a href=\"/admin?from=%ld#listed\">Next %d</a>", from + rows, SL_WEB_ADMIN_PAGE);
    fputs("</p>\n", f);
}

void sl_web_admin_listed(FILE *f, sl_store *st, const char *csrf, long from)
{
    sl_campaign_totals t;
    sl_error err;
    sl_error_clear(&err);
    sl_arena a = {0};
    rows_ctx x = {NULL, st, csrf, area_set(st, &a), 0};
    char *rows = NULL;
    size_t len = 0;
    if (from < 0) from = 0;
    fputs("<section aria-labelledby=\"listed-h\" id=\"listed\"><h2 id=\"listed-h\">On the public list</h2>\n", f);
    if (!sl_store_campaign_totals(st, &t, &err) && (x.f = open_memstream(&rows, &len))) {
        sl_store_listed_each(st, from, SL_WEB_ADMIN_PAGE, listed_row, &x, &err);
        fclose(x.f);
    }
    sl_arena_free(&a);
    char b[3][32];
    if (err.status || !x.f) {
        fputs("<p class=\"message error\">The public list could not be read from the store.</p>\n", f);
    } else if (!x.rows) {
        fputs(from ? "<p>No more signers on the public list. <a href=\"/admin#listed\">The newest</a></p>\n"
                   : "<p>Nobody is on the public list.</p>\n", f);
    } else {
        fputs("<p class=\"note\">As <a href=\"/campaign\">the campaign page</a> shows them. Unlisting takes a signer "
              "off the public list at once; the pledge still counts, and their consent to be contacted is kept. Find "
              "them to list them again.</p>\n"
              "<div class=\"scroll\"><table class=\"stack\"><caption>", f);
        fprintf(f, "Newest first: %s–%s of %s</caption><thead><tr><th scope=\"col\">Public name</th><th "
                   "scope=\"col\">County</th><th scope=\"col\">Confirmed</th><th scope=\"col\">Action</th></tr></thead><tbody>\n",
                sl_thousands(from + 1, b[0]), sl_thousands(from + x.rows, b[1]), sl_thousands(t.listed, b[2]));
        fwrite(rows, 1, len, f);
        fputs("</tbody></table></div>\n", f);
        bulk_form(f, csrf, NULL, 0);
        pager(f, from, x.rows, t.listed);
    }
    free(rows);
    fputs("</section>\n", f);
}

/* ---- a search ------------------------------------------------------------------ */

static sl_status found_row(const sl_pledge *p, void *v, sl_error *err)
{
    (void)err;
    rows_ctx *x = v;
    FILE *f = x->f;
    char name[SL_PUBLIC_NAME_MAX], when[16], off[16];
    public_name(p, name);
    sl_web_admin_day(p->confirmed, when);
    sl_web_admin_day(p->unlisted, off);
    fputs("<tr><td>", f);
    sl_web_html_text(f, name);
    fputs("</td><td data-label=\"County\">", f);
    county_text(f, x->st, x->set, p);
    if (p->confirmed) fprintf(f, "</td><td data-label=\"Status\">confirmed %s", when);
    else fputs("</td><td data-label=\"Status\">waiting for confirmation", f);
    fputs("</td><td data-label=\"Public list\">", f);
    if (p->unlisted) fprintf(f, "unlisted by an organiser on %s", off);
    else fputs(p->listed ? "listed" : p->confirmed ? "not listed (their choice)" : "as their link says", f);
    fputs("</td><td class=\"nowrap\">", f);
    row_buttons(f, x, p, name);
    fputs("</td></tr>\n", f);
    x->rows++;
    return SL_OK;
}

sl_status sl_web_admin_found(FILE *f, sl_store *st, const char *csrf, const char *query, sl_error *err)
{
    sl_arena a = {0};
    rows_ctx x = {NULL, st, csrf, area_set(st, &a), 0};
    char *rows = NULL;
    size_t len = 0;
    long matches = 0;
    sl_status rc = SL_ENOMEM;
    if ((x.f = open_memstream(&rows, &len))) {
        rc = sl_campaign_find(st, query, SL_WEB_ADMIN_PAGE, found_row, &x, &matches, err);
        fclose(x.f);
    }
    sl_arena_free(&a);
    if (!rc && !matches) {
        fputs("<p>No signer's name holds “", f);
        sl_web_html_text(f, query);
        fputs("”.</p>\n", f);
    } else if (!rc) {
        char b[2][32];
        fprintf(f, "<div class=\"scroll\"><table class=\"stack\"><caption>%s signer%s whose name holds “",
                sl_thousands(matches, b[0]), matches == 1 ? "" : "s");
        sl_web_html_text(f, query);
        fputs("”", f);
        if (matches > x.rows) fprintf(f, " (the first %s: say more of the name)", sl_thousands(x.rows, b[1]));
        fputs("</caption><thead><tr><th scope=\"col\">Public name</th><th scope=\"col\">County</th><th scope=\"col\">"
              "Status</th><th scope=\"col\">Public list</th><th scope=\"col\">Action</th></tr></thead><tbody>\n", f);
        fwrite(rows, 1, len, f);
        fputs("</tbody></table></div>\n", f);
        bulk_form(f, csrf, query, matches);
    }
    free(rows);
    return rc;
}

/* ---- one signer ------------------------------------------------------------------ */

/* The pledge of one normalised address, or of one id (EMAIL NULL), looked
** for among all. */
typedef struct finding {
    const char *email;
    long id;
    int found, confirmed, consent, listed;
    long long created, unlisted;
    char address[320], public_name[SL_PUBLIC_NAME_MAX], state[8], county[72];
} finding;

static sl_status match_pledge(const sl_pledge *p, void *ctx, sl_error *err)
{
    (void)err;
    finding *g = ctx;
    if (g->email ? strcmp(p->email, g->email) : p->id != g->id) return SL_OK;
    g->found = 1, g->confirmed = p->confirmed != 0, g->consent = p->consent, g->listed = p->listed;
    g->id = p->id, g->created = p->created, g->unlisted = p->unlisted;
    snprintf(g->address, sizeof g->address, "%s", p->email);
    public_name(p, g->public_name);
    snprintf(g->state, sizeof g->state, "%s", p->state);
    snprintf(g->county, sizeof g->county, "%s", p->county);
    return SL_OK;
}

/* Whether G is on the public list, and the Unlist button while it may be
** (listed, or pending: its link may list it). */
static void listed_text(FILE *f, const char *csrf, const finding *g)
{
    char off[16];
    sl_web_admin_day(g->unlisted, off);
    if (g->unlisted) fprintf(f, "no: unlisted by an organiser on %s", off);
    else fputs(g->listed ? "yes" : g->confirmed ? "no" : "as their link says, once confirmed", f);
    fputs("</dd></dl>\n", f);
    if (g->unlisted)
        fprintf(f, "<form method=\"post\" action=\"/admin/relist\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                   "<input type=\"hidden\" name=\"id\" value=\"%ld\"><p><button type=\"submit\">List again</button> "
                   "<span class=\"note\">undoes the unlisting: back on the public list only if they chose to be listed "
                   "when they signed</span></p></form>\n", csrf, g->id);
    if (g->unlisted || (g->confirmed && !g->listed)) return;
    fprintf(f, "<form method=\"post\" action=\"/admin/unlist\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
               "<input type=\"hidden\" name=\"id\" value=\"%ld\"><p><button type=\"submit\">Unlist</button> <span "
               "class=\"note\">off the public list, and kept off by later links and sign-ups until List again; the "
               "pledge still counts, and their consent to be contacted is kept</span></p></form>\n", csrf, g->id);
}

sl_status sl_web_admin_signer(FILE *f, sl_store *st, const char *csrf, const char *email, long id, int *found,
                              sl_error *err)
{
    finding g = {.email = email, .id = id};
    *found = 0;
    if (sl_store_pledges_each(st, 0, 0, match_pledge, &g, err) || !g.found) return err->status;
    *found = 1;
    char when[32] = "";
    time_t t = (time_t)g.created;
    struct tm tm;
    if (gmtime_r(&t, &tm)) strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    fputs("<dl class=\"listing\"><dt>Address</dt><dd>", f);
    sl_web_html_text(f, g.address);
    fputs("</dd><dt>Public name</dt><dd>", f);
    sl_web_html_text(f, g.public_name);
    fprintf(f, "</dd><dt>Signed</dt><dd>%s</dd><dt>Confirmed</dt><dd>%s</dd><dt>Agreed to be contacted</dt><dd>%s</dd>"
               "<dt>State, county</dt><dd>", when, g.confirmed ? "yes" : "no", g.consent ? "yes" : "no");
    sl_web_html_text(f, g.state);
    fputs(", ", f);
    sl_arena a = {0};
    county_name(f, st, area_set(st, &a), g.county);
    sl_arena_free(&a);
    fputs("</dd><dt>Listed publicly</dt><dd>", f);
    listed_text(f, csrf, &g);
    if (g.consent) { /* she wrote in: no more email, her pledge kept */
        fprintf(f, "<form method=\"post\" action=\"/admin/unconsent\"><input type=\"hidden\" name=\"csrf\" "
                   "value=\"%s\"><input type=\"hidden\" name=\"email\" value=\"", csrf);
        sl_web_html_text(f, g.address);
        fputs("\"><p><button type=\"submit\">Withdraw their consent to be emailed…</button> <span class=\"note\">"
              "asks you to confirm first; the pledge stays, counted and listed; exports leave the address out from "
              "now</span></p></form>\n", f);
    }
    fprintf(f, "<form method=\"post\" action=\"/admin/erase\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
               "<input type=\"hidden\" name=\"email\" value=\"", csrf);
    sl_web_html_text(f, g.address);
    fputs("\"><p><button type=\"submit\">Erase every trace of this signer</button> <a href=\"/admin\">Cancel</a></p>"
          "</form>\n<p class=\"note\">Erasing deletes the pledge and its messages and overwrites them in the store's "
          "files (on PostgreSQL, the database server's own log and any backup keep them until they are recycled); "
          "the erasure is logged with its time only.</p>\n", f);
    return SL_OK;
}

sl_status sl_web_admin_unlist(sl_store *st, long id, long long now, char *msg, size_t size, sl_error *err)
{
    int found, was;
    finding g = {.id = id};
    if (sl_campaign_unlist(st, NULL, id, now, &found, &was, err) ||
        (found && sl_store_pledges_each(st, 0, 0, match_pledge, &g, err)))
        return err->status;
    if (!found) snprintf(msg, size, "No pledge has this number; nothing changed.");
    else if (was == 2) snprintf(msg, size, "“%s” was unlisted already; nothing changed.", g.public_name);
    else if (was == 1)
        snprintf(msg, size, "“%s” is off the public list (the campaign page and its API). The pledge still counts, "
                 "and their consent to be contacted is kept.", g.public_name);
    else
        snprintf(msg, size, "“%s” was not on the public list; it is recorded that they stay off it.", g.public_name);
    return SL_OK;
}

sl_status sl_web_admin_relist(sl_store *st, long id, char *msg, size_t size, sl_error *err)
{
    int found;
    sl_relist done;
    finding g = {.id = id};
    if (sl_campaign_relist(st, NULL, id, &found, &done, err) ||
        (found && sl_store_pledges_each(st, 0, 0, match_pledge, &g, err)))
        return err->status;
    static const char *const WHAT[] = {
        "was not unlisted by an organiser; nothing changed.",
        "is on the public list again, as they chose when they signed.",
        "has not confirmed yet: the unlisting is lifted, and their confirmation lists them only if their sign-up "
        "asked to be.",
        "stays off the public list: they chose not to be listed; nothing changed.",
        "stays off the public list: they were unlisted before sightline kept a signer's choice, so whether they chose "
        "to be listed is not known; nothing changed."};
    if (!found) snprintf(msg, size, "No pledge has this number; nothing changed.");
    else snprintf(msg, size, "“%s” %s", g.public_name, WHAT[done]);
    return SL_OK;
}

sl_status sl_web_admin_unconsent_ask(FILE *f, sl_store *st, const char *csrf, const char *email, int *found,
                                     sl_error *err)
{
    finding g = {.email = email ? email : ""};
    *found = 0;
    if (sl_store_pledges_each(st, 0, 0, match_pledge, &g, err) || !g.found) return err->status;
    *found = 1;
    char when[16];
    sl_web_admin_day(g.created, when);
    fputs("<p>", f);
    sl_web_html_text(f, g.address);
    fputs(" (", f);
    sl_web_html_text(f, g.public_name);
    fprintf(f, ", signed on %s) would get no more email from the campaign, and every export from "
               "now leaves the address out. Only they can give it again, from the link to manage their pledge: do it "
               "only when they asked.</p>\n"
               "<p>The pledge stays, counted and listed as it is.</p>\n"
               "<form method=\"post\" action=\"/admin/unconsent\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
               "<input type=\"hidden\" name=\"confirm\" value=\"yes\"><input type=\"hidden\" name=\"email\" value=\"",
            when, csrf);
    sl_web_html_text(f, g.address);
    fprintf(f, "\"><p><button type=\"submit\">Yes, withdraw their consent</button> <a href=\"/admin\">Cancel</a>"
               "</p></form>\n");
    return SL_OK;
}

sl_status sl_web_admin_unconsent(sl_store *st, const char *email, char *msg, size_t size, sl_error *err)
{
    int found, changed;
    if (!email || !*email) return sl_fail(err, SL_EDATA, NULL, 0, "give the signer's email address");
    if (sl_campaign_withdraw_consent(st, email, (long long)time(NULL), &found, &changed, err)) return err->status;
    snprintf(msg, size, "%s",
             !found    ? "No pledge has this address; nothing changed."
             : changed ? "Their consent to be emailed is withdrawn: exports leave the address out from now. The "
                         "pledge still counts, listed as it was; the change is logged without the address."
                       : "They had not consented to be emailed; nothing changed.");
    return SL_OK;
}

/* ---- several at once ---------------------------------------------------------- */

/* The pledges an organiser asked to unlist: the ticked numbers (sorted, for
** bsearch), and those still to unlist, as the confirmation names them
** (under its button: a wave of 200 names would push it off the screen). */
typedef struct bulk {
    long *ids;
    size_t n, cap;
    FILE *names; /* the confirmation's list items */
    long picked;
    long *picked_ids;
    int relist; /* listing again: those an organiser unlisted */
} bulk;

static void add_id(const char *v, void *ctx)
{
    bulk *b = ctx;
    char *end;
    long id = strtol(v, &end, 10);
    if (end == v || *end || id <= 0 || b->n >= SL_WEB_ADMIN_BULK) return;
    b->ids[b->n++] = id;
}

static int by_id(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* FORM's ticked numbers (id=, at most SL_WEB_ADMIN_BULK) into B, sorted, once each. */
static sl_status ticked(const sl_form *form, bulk *b, sl_error *err)
{
    if (!(b->ids = malloc(SL_WEB_ADMIN_BULK * sizeof *b->ids)) ||
        !(b->picked_ids = malloc(SL_WEB_ADMIN_BULK * sizeof *b->picked_ids)))
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_form_each(form, "id", add_id, b);
    qsort(b->ids, b->n, sizeof *b->ids, by_id);
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        if (!k || b->ids[k - 1] != b->ids[i]) b->ids[k++] = b->ids[i];
    b->n = k;
    return SL_OK;
}

/* P, when still to unlist (or, listing again, unlisted), onto the confirmation's list. */
static sl_status pick(const sl_pledge *p, void *v, sl_error *err)
{
    (void)err;
    bulk *b = v;
    if (!(b->relist ? p->unlisted != 0 : unlistable(p)) || b->picked >= SL_WEB_ADMIN_BULK) return SL_OK;
    char name[SL_PUBLIC_NAME_MAX];
    public_name(p, name);
    fputs("<li>", b->names);
    sl_web_html_text(b->names, name);
    fputs("</li>", b->names);
    b->picked_ids[b->picked++] = p->id;
    return SL_OK;
}

static sl_status pick_ticked(const sl_pledge *p, void *v, sl_error *err)
{
    bulk *b = v;
    return bsearch(&p->id, b->ids, b->n, sizeof *b->ids, by_id) ? pick(p, v, err) : SL_OK;
}

/* The confirmation of a listing again (RELIST) or an unlisting into F. */
static void ask_text(FILE *f, const bulk *b, int every, long matches, const char *csrf)
{
    char c[32];
    sl_thousands(b->picked, c);
    const char *s = b->picked == 1 ? "" : "s";
    if (b->relist)
        fprintf(f, "<p>List %s signer%s again?</p>\n", c, s);
    else
        fprintf(f, "<p>Take %s signer%s off the public list?</p>\n", c, s);
    if (every && matches > SL_WEB_ADMIN_BULK)
        fprintf(f, "<p class=\"note\">The first %d whose name holds it: search again for the rest once these "
                   "are done.</p>\n", SL_WEB_ADMIN_BULK);
    if (b->relist)
        fprintf(f, "<p class=\"note\">Each goes back on the campaign page and its API only if they chose to be "
                   "listed; one who chose not to be stays off. Their pledges and consent are unchanged.</p>\n<form "
                   "method=\"post\" action=\"/admin/relist-many\"><input type=\"hidden\" name=\"csrf\" "
                   "value=\"%s\">", csrf);
    else
        fprintf(f, "<p class=\"note\">They go from the campaign page and its API at once, and later links and "
                   "sign-ups keep them off. Their pledges still count, and their consent to be contacted is kept; List "
                   "again (find them) undoes it.</p>\n<form method=\"post\" action=\"/admin/unlist-many\">"
                   "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", csrf);
    for (long i = 0; i < b->picked; i++) fprintf(f, "<input type=\"hidden\" name=\"id\" value=\"%ld\">", b->picked_ids[i]);
    fprintf(f, "<p><button type=\"submit\" name=\"confirm\" value=\"yes\">%s %s signer%s%s</button> <a "
               "href=\"/admin\">Cancel</a></p></form>\n<h2>Who they are</h2>\n<p class=\"note\">As the public "
               "list shows them.</p>\n", b->relist ? "List" : "Unlist", c, s, b->relist ? " again" : "");
}

static sl_status bulk_ask(FILE *f, sl_store *st, const char *csrf, const sl_form *form, int relist, long *n,
                          sl_error *err)
{
    bulk b = {.relist = relist};
    char *names = NULL;
    size_t len = 0;
    const char *all = NULL, *q = NULL;
    long matches = 0;
    *n = 0;
    int every = sl_form_get(form, "all", &all) == 1 && !strcmp(all, "yes") && sl_form_get(form, "q", &q) == 1;
    if (!ticked(form, &b, err) && (b.names = open_memstream(&names, &len))) {
        if (every) sl_campaign_find(st, q, SL_WEB_ADMIN_BULK, pick, &b, &matches, err);
        else if (b.n) sl_store_pledges_each(st, 0, 0, pick_ticked, &b, err);
        fclose(b.names);
    } else if (!err->status) {
        sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    if (!err->status && b.picked) {
        *n = b.picked;
        ask_text(f, &b, every, matches, csrf);
        fprintf(f, "<ul class=\"names\">%s</ul>\n", names);
    }
    free(names);
    free(b.ids);
    free(b.picked_ids);
    return err->status;
}

sl_status sl_web_admin_unlist_ask(FILE *f, sl_store *st, const char *csrf, const sl_form *form, long *n,
                                  sl_error *err)
{
    return bulk_ask(f, st, csrf, form, 0, n, err);
}

sl_status sl_web_admin_relist_ask(FILE *f, sl_store *st, const char *csrf, const sl_form *form, long *n,
                                  sl_error *err)
{
    return bulk_ask(f, st, csrf, form, 1, n, err);
}

sl_status sl_web_admin_relist_many(sl_store *st, const sl_form *form, char *msg, size_t size, sl_error *err)
{
    bulk b = {0};
    long listed = 0, kept_off = 0;
    if (!ticked(form, &b, err)) sl_campaign_relist_ids(st, b.ids, b.n, &listed, &kept_off, err);
    free(b.ids);
    free(b.picked_ids);
    if (err->status) return err->status;
    char c[2][32];
    if (!listed && !kept_off) snprintf(msg, size, "None of these signers is unlisted any more; nothing changed.");
    else
        snprintf(msg, size, "%s signer%s listed again: back on the public list as they chose%s%s%s.",
                 sl_thousands(listed, c[0]), listed == 1 ? "" : "s", kept_off ? "; " : "",
                 kept_off ? sl_thousands(kept_off, c[1]) : "",
                 kept_off ? " chose not to be listed and stay off it" : "");
    return SL_OK;
}

sl_status sl_web_admin_unlist_many(sl_store *st, const sl_form *form, long long now, char *msg, size_t size,
                                   sl_error *err)
{
    bulk b = {0};
    long done = 0, already = 0;
    if (!ticked(form, &b, err)) sl_campaign_unlist_ids(st, b.ids, b.n, now, &done, &already, err);
    free(b.ids);
    free(b.picked_ids);
    if (err->status) return err->status;
    char c[2][32];
    if (!done && !already) snprintf(msg, size, "None of these pledges is there any more; nothing changed.");
    else
        snprintf(msg, size, "%s signer%s unlisted: off the public list (the campaign page and its API)%s%s%s. Their "
                 "pledges still count, and their consent to be contacted is kept.", sl_thousands(done, c[0]),
                 done == 1 ? "" : "s", already ? "; " : "", already ? sl_thousands(already, c[1]) : "",
                 already ? " were unlisted already" : "");
    return SL_OK;
}
