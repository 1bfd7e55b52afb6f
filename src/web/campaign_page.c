/*
** campaign_page.c — GET /campaign (see campaign_web.h; the frame of every
** campaign page is campaign_frame.c): the whole page is
** written here on the server, so it works without JavaScript; the script
** (assets/campaign.js) only filters the county list, fetches a place's
** figures without a reload and refreshes the counter. The pledge's form is
** drawn here for the page, and alone when a pledge was refused.
*/
#include "campaign_web.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/area.h"
#include "sightline/core/text.h"
#include "sightline/ingest/campaign.h"
#include "sightline/web/query.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define esc sl_html_write_escaped

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A state's name, or its code when it has none (a set without FIPS ids). */
static const char *state_shown(const char *code)
{
    const char *name = sl_state_name(code);
    return name ? name : code;
}

static int by_state_name(const void *a, const void *b)
{
    return strcmp(state_shown(*(const char *const *)a), state_shown(*(const char *const *)b));
}

/* <option>s of the states in PLACES, SELECTED (may be NULL) selected: each
** named, in the order of the names, its postal code its value ("Northern
** Mariana Islands (MP)": a signer there looked for her place's name
** between "MO" and "MS"). */
static void state_options(FILE *f, json_t *places, const char *selected)
{
    size_t i, n = 0;
    json_t *g;
    const char *codes[64]; /* a FIPS set's states, DC and territories: 56 */
    fputs("<option value=\"\">Pick your state</option>", f);
    json_array_foreach(json_object_get(places, "states"), i, g)
        if (*jstr(g, "state") && n < sizeof codes / sizeof *codes) codes[n++] = jstr(g, "state");
    qsort(codes, n, sizeof *codes, by_state_name);
    for (i = 0; i < n; i++) {
        fputs("<option value=\"", f);
        esc(f, codes[i]);
        fprintf(f, "\"%s>", selected && !strcasecmp(selected, codes[i]) ? " selected" : "");
        esc(f, state_shown(codes[i]));
        if (sl_state_name(codes[i])) {
            fputs(" (", f);
            esc(f, codes[i]);
            fputc(')', f);
        }
        fputs("</option>", f);
    }
}

/* <option>s of the counties: those of STATE when given, else all of them,
** in one group per state (the script narrows them to the state picked). */
static void county_options(FILE *f, json_t *places, const char *state, const char *selected)
{
    size_t i, j;
    json_t *g, *c;
    fputs("<option value=\"\">Pick your county</option>", f);
    json_array_foreach(json_object_get(places, "states"), i, g) {
        const char *s = jstr(g, "state");
        if (state && *s && strcasecmp(state, s)) continue;
        int group = *s != '\0'; /* one state's list too: the group's label is what the script reads */
        if (group) {
            fputs("<optgroup label=\"", f);
            esc(f, s);
            fputs("\">", f);
        }
        json_array_foreach(json_object_get(g, "counties"), j, c) {
            fputs("<option value=\"", f); /* its state is its group's label (campaign.js) */
            esc(f, jstr(c, "id"));
            fprintf(f, "\"%s>", selected && !strcmp(selected, jstr(c, "id")) ? " selected" : "");
            esc(f, jstr(c, "name"));
            fputs("</option>", f);
        }
        if (group) fputs("</optgroup>", f);
    }
}

/* The state and county selects of the form of id PREFIX, STATE and COUNTY
** (may be NULL) selected, R's marks on them (R may be NULL). */
static void place_selects(FILE *f, const char *prefix, json_t *places, const char *state, const char *county,
                          const sl_web_refusal *r)
{
    int required = !strcmp(prefix, "p");
    fprintf(f, "<div class=\"field\"><label for=\"%s-state\">State</label><select id=\"%s-state\" name=\"state\" "
               "data-county=\"%s-county\"%s", prefix, prefix, prefix, required ? " required" : "");
    sl_web_field_marks(f, r, "state", 0);
    if (required && !sl_web_is_refused(r, "state")) fputs(SL_WEB_NOT_YET_WRONG, f);
    fputc('>', f);
    state_options(f, places, state);
    fprintf(f, "</select></div>\n<div class=\"field\"><label for=\"%s-county\">County</label><select id=\"%s-county\" "
               "name=\"county\"%s", prefix, prefix, required ? " required" : "");
    sl_web_field_marks(f, r, "county", 0);
    if (required && !sl_web_is_refused(r, "county")) fputs(SL_WEB_NOT_YET_WRONG, f);
    fputc('>', f);
    county_options(f, places, state, county);
    fputs("</select></div>\n", f);
}

/* One figure of the sites layer: N, and the categories it holds
** ("3 (clinic 2, ice 1)"). */
static void site_figure(FILE *f, const char *label, json_t *sites, const char *key)
{
    if (!json_is_integer(json_object_get(sites, key))) return;
    fprintf(f, "<dt>%s</dt><dd>%lld", label, (long long)json_integer_value(json_object_get(sites, key)));
    size_t i, shown = 0;
    json_t *c;
    json_array_foreach(json_object_get(sites, "categories"), i, c) {
        long long n = (long long)json_integer_value(json_object_get(c, key));
        if (n <= 0) continue;
        fputs(shown++ ? ", " : " (", f);
        esc(f, jstr(c, "category"));
        fprintf(f, " %lld", n);
    }
    fputs(shown ? ")</dd>" : "</dd>", f);
}

/* The sensitive sites of the place (the store's sites layer), when it has
** one; IN names the state (state_word); ONE: the county is the state's
** only one (DC, Guam), whose count is the state's, said once. */
static void site_facts(FILE *f, json_t *sites, const char *in, int one)
{
    if (!json_is_object(sites)) return;
    char label[64];
    snprintf(label, sizeof label, "Sensitive sites on record in %s", in);
    site_figure(f, label, sites, "state");
    if (one && json_is_integer(json_object_get(sites, "state"))) return;
    site_figure(f, json_is_integer(json_object_get(sites, "state")) ? "in the county" : "Sensitive sites on record in the county",
                sites, "county");
}

/* The figures of the place asked for, or why there are none. */
static void local_facts(FILE *f, sl_web_local_cache *cache, sl_store *st, const char *state, const char *county)
{
    fputs("<div id=\"facts\" class=\"facts\" aria-live=\"polite\">", f);
    if (!state) {
        fputs("<p class=\"note\">Pick a state (and a county) to see its figures.</p></div>\n", f);
        return;
    }
    sl_error err;
    sl_error_clear(&err);
    json_t *j = NULL;
    if (sl_web_local_figures(cache, st, state, county, &j, &err)) {
        fputs("<p class=\"status error\">", f);
        esc(f, err.msg);
        fputs("</p></div>\n", f);
        return;
    }
    json_t *cty = json_object_get(j, "county");
    fputs("<h3>", f);
    if (json_is_object(cty)) {
        esc(f, jstr(cty, "name"));
        fputs(", ", f);
    }
    esc(f, jstr(j, "state"));
    fputs("</h3>\n<dl class=\"figures\">", f);
    char n1[32], n2[32];
    /* the first figures are the state's (the county's own list follows); DC
    ** is no state, nor Guam: "in DC", "in the territory" (state_word, the
    ** same words as campaign.js) */
    const char *in = jstr(j, "state_word");
    /* DC, Guam: the county is the whole place; its rows say so once, in its words */
    int one = json_is_true(json_object_get(j, "one_county"));
    /* only Ring's rows are partnerships with a start (sl_tracker_dated_by_source) */
    fputs("<dt>Police agencies in ", f);
    esc(f, in);
    fprintf(f, " with a surveillance technology on record</dt><dd>%s</dd>",
            sl_thousands(json_integer_value(json_object_get(j, "partnered_agencies")), n1));
    fprintf(f, "<dt>of them in a Ring (Amazon) partnership</dt><dd>%s</dd>",
            sl_thousands(json_integer_value(json_object_get(j, "ring_agencies")), n1));
    if (json_is_string(json_object_get(j, "ring_first_year"))) {
        fputs("<dt>Year ", f);
        esc(f, in);
        fputs("'s first Ring partnership started</dt><dd>", f);
        esc(f, jstr(j, "ring_first_year"));
        fputs("</dd>", f);
    }
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(j, "share"), i, s) {
        if (json_integer_value(json_object_get(s, "agencies")) <= 0) continue; /* no registry: no share */
        fputs("<dt>Share of ", f);
        esc(f, jstr(s, "denominator"));
        fputs(" in ", f);
        esc(f, in);
        if (json_is_false(json_object_get(j, "share_known"))) { /* the same words as campaign.js */
            fputs("</dt><dd>not known</dd>", f); /* unlinked_note, under the shares, says why */
            continue;
        }
        fprintf(f, "</dt><dd>%.1f%% (%s of %s)</dd>", 100 * json_number_value(json_object_get(s, "share")),
                sl_thousands(json_integer_value(json_object_get(s, "partnered")), n1),
                sl_thousands(json_integer_value(json_object_get(s, "agencies")), n2));
    }
    if (json_is_string(json_object_get(j, "unlinked_note"))) { /* the same words as campaign.js */
        fputs("<dd class=\"note\">", f);
        esc(f, jstr(j, "unlinked_note"));
        fputs("</dd>", f);
    }
    json_t *req = json_object_get(j, "requests");
    if (json_is_object(req)) {
        fputs("<dt>Police requests for footage in ", f);
        esc(f, in);
        fprintf(f, "</dt><dd>%s</dd>", sl_thousands(json_integer_value(json_object_get(req, "state")), n1));
        if (json_is_integer(json_object_get(req, "located_in_county")) && !one)
            fprintf(f, "<dt>in the county</dt><dd>%s</dd>",
                    sl_thousands(json_integer_value(json_object_get(req, "located_in_county")), n1));
        if (json_is_integer(json_object_get(req, "county")))
            fprintf(f, "<dt>made by agencies of the county, wherever they asked</dt><dd>%s</dd>",
                    sl_thousands(json_integer_value(json_object_get(req, "county")), n1));
    }
    site_facts(f, json_object_get(j, "sites"), in, one);
    fputs("</dl>\n", f);
    if (json_is_string(json_object_get(j, "none_note"))) { /* the same words as campaign.js */
        fputs("<p class=\"note\">", f);
        esc(f, jstr(j, "none_note"));
        fputs("</p>\n", f);
    }
    json_t *rows = json_object_get(j, "county_agencies");
    if (json_is_object(cty)) {
        if (!json_array_size(rows)) {
            fputs("<p>No surveillance technology of an agency of ", f);
            esc(f, one ? in : "this county");
            fputs(" is in the data.</p>\n", f);
        } else {
            fputs("<div class=\"scroll\"><table><caption>Surveillance technologies of agencies in ", f);
            esc(f, one ? in : "the county");
            fputs("</caption><thead><tr><th scope=\"col\">Agency</th><th scope=\"col\">Technology</th><th scope=\"col\">"
                  "Date</th></tr></thead><tbody>", f);
            long long several = 0;
            json_array_foreach(rows, i, s) {
                long long nc = json_integer_value(json_object_get(s, "counties"));
                fputs("<tr><td>", f);
                esc(f, jstr(s, "agency"));
                if (nc > 1) fprintf(f, " <span class=\"note\">(%lld counties)</span>", nc), several++;
                fputs("</td><td>", f);
                esc(f, jstr(s, "technology"));
                fputs("</td><td class=\"nowrap\">", f);
                if (*jstr(s, "since"))
                    fputs(json_is_true(json_object_get(s, "dated_by_source")) ? "dated " : "started ", f);
                esc(f, *jstr(s, "since") ? jstr(s, "since") : "not dated");
                fputs("</td></tr>", f);
            }
            fputs("</tbody></table></div>\n", f);
            if (json_is_string(json_object_get(j, "dated_note"))) { /* the same words as campaign.js */
                fputs("<p class=\"note\">", f);
                esc(f, jstr(j, "dated_note"));
                fputs("</p>\n", f);
            }
            /* the same words as campaign.js */
            if (several) {
                fputs("<p class=\"note\">An agency whose records name several counties is listed in each of them: "
                      "county lists do not add up to ", f);
                esc(f, in);
                fputs("'s figures.</p>\n", f);
            }
        }
        if (json_is_string(json_object_get(j, "unplaced_note"))) { /* the same words as campaign.js */
            fputs("<p class=\"note\">", f);
            esc(f, jstr(j, "unplaced_note"));
            fputs("</p>\n", f);
        }
    }
    /* a signer's words, not the commands': campaign.js says the same */
    fputs("<p class=\"note\">The partnership records of ", f);
    esc(f, jstr(j, "snapshot"));
    if (json_is_object(json_object_get(j, "sites")))
        fputs("; sensitive sites are the clinics, schools, detention facilities and other such places on the "
              "campaign's list of them", f);
    fputs(".</p></div>\n", f);
    json_decref(j);
}

/* The counts' hour ("HH:MM" of their counted_before) into HOUR, and the
** next one into NEXT: the hour a pledge confirmed now joins them. */
static void count_hours(json_t *counts, char hour[8], char next[8])
{
    const char *when = jstr(counts, "counted_before"); /* YYYY-MM-DDTHH:00:00Z */
    int h = strlen(when) >= 16 ? atoi(when + 11) : 0;
    snprintf(hour, 8, "%02d:00", h % 24);
    snprintf(next, 8, "%02d:00", (h + 1) % 24);
}

/* Whether STATE of PLACES is one county (DC, Guam: its "one_county"): its
** pledges are its county's, and "other counties" would name counties it
** has not. */
static int one_county_state(json_t *places, const char *state)
{
    size_t i;
    json_t *g;
    json_array_foreach(json_object_get(places, "states"), i, g)
        if (!strcmp(jstr(g, "state"), state)) return json_is_true(json_object_get(g, "one_county"));
    return 0;
}

static void counter(FILE *f, json_t *counts, json_t *places)
{
    char hour[8], next[8];
    count_hours(counts, hour, next);
    fprintf(f, "<section aria-labelledby=\"count-h\"><h2 id=\"count-h\">Confirmed pledges</h2>\n<p class=\"counter\">"
               "<span id=\"counter\" class=\"big\">%lld</span> confirmed pledges</p>\n",
            (long long)json_integer_value(json_object_get(counts, "confirmed")));
    /* campaign.js moves its two hours on as it refreshes the counter */
    fprintf(f, "<p class=\"note\" id=\"count-hour\"><strong>Counted each hour: pledges confirmed before "
               "<span id=\"count-before\">%s</span> UTC.</strong> A pledge confirmed or erased since then joins or "
               "leaves the figures at <span id=\"count-next\">%s</span> UTC, with every other pledge confirmed or "
               "erased in its hour, so that nobody watching them can tell who has just signed or erased, nor "
               "where.</p>\n",
            hour, next);
    size_t i, j;
    json_t *s, *c;
    json_t *states = json_object_get(counts, "states");
    char few[32];
    /* a caption a screen reader says as the table's name, short; the fold
    ** of sl_analysis_campaign_counts is said whole under the table */
    fputs("<div class=\"scroll\"><table id=\"count-table\" aria-describedby=\"count-fold\"><caption>Confirmed "
          "pledges by state and county</caption><thead><tr><th scope=\"col\">Place</th><th scope=\"col\" "
          "class=\"num\">Pledges</th></tr></thead><tbody>", f);
    if (!json_array_size(states)) fputs("<tr><td colspan=\"2\">None confirmed yet.</td></tr>", f);
    json_array_foreach(states, i, s) {
        fputs("<tr class=\"state\"><th scope=\"row\">", f);
        esc(f, jstr(s, "state"));
        fprintf(f, "</th><td class=\"num\">%lld</td></tr>", (long long)json_integer_value(json_object_get(s, "pledges")));
        /* each place heads its row, its state said to a screen reader
        ** alone: moving down the Pledges column she hears "other
        ** counties, OH, 4", not a bare "4" */
        json_array_foreach(json_object_get(s, "counties"), j, c) {
            fputs("<tr><th scope=\"row\" class=\"sub\">", f);
            esc(f, jstr(c, "name"));
            fputs("<span class=\"visually-hidden\">, ", f);
            esc(f, jstr(s, "state"));
            fprintf(f, "</span></th><td class=\"num\">%lld</td></tr>",
                    (long long)json_integer_value(json_object_get(c, "pledges")));
        }
        long long other = json_integer_value(json_object_get(s, "other_counties"));
        if (other && !one_county_state(places, jstr(s, "state"))) {
            fputs("<tr><th scope=\"row\" class=\"sub\">other counties<span class=\"visually-hidden\"> of ", f);
            esc(f, jstr(s, "state"));
            fprintf(f, "</span></th><td class=\"num\">%lld</td></tr>", other);
        }
    }
    /* a reader who wonders why her county is missing finds why here */
    fprintf(f, "</tbody></table></div>\n<p class=\"note\" id=\"count-fold\">A county missing? To keep each signer "
               "unknown, a county with fewer than %lld pledges or fewer than %s residents is counted in its state's "
               "other counties, with the state's smallest listed county when it would be alone there.</p>\n",
            (long long)json_integer_value(json_object_get(counts, "k")), sl_thousands(SL_CAMPAIGN_MIN_RESIDENTS, few));
    fputs("<figure class=\"pledge-map\" id=\"pledge-map-fig\" hidden><div id=\"pledge-map\">"
          "</div><figcaption>Confirmed pledges per county, shaded darker where more people signed; the table above "
          "gives each count. Counties shown in grey count in their state's other counties, as the note under the "
          "table says.</figcaption></figure></section>\n", f);
}

/* A checkbox of the pledge: ticked when R kept NAME=VALUE. */
static void tick_box(FILE *f, const sl_web_refusal *r, const char *id, const char *name, const char *value)
{
    fprintf(f, "<input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"", id, name);
    esc(f, value);
    fprintf(f, "\"%s>", sl_web_kept_ticked(r, name, value) ? " checked" : "");
}

/* The pledge's form, empty, or as R refused it (may be NULL): then with
** what was sent kept and R's sentence above it. */
static void pledge_form(FILE *f, sl_web_campaign *c, json_t *camp, json_t *places, const char *state,
                        const char *county, const sl_web_refusal *r)
{
    char token[SL_WEB_CSRF_MAX], id[32];
    sl_web_csrf_issue(sl_web_campaign_guard(c), (long long)time(NULL), token);
    fputs("<section id=\"sign\" aria-labelledby=\"sign-h\"><h2 id=\"sign-h\">Sign the pledge</h2>\n", f);
    sl_web_refusal_box(f, r);
    fputs("<form method=\"post\" action=\"/campaign/pledge\" class=\"pledge\">\n", f);
    fprintf(f, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", token);
    fputs("<div class=\"hp\" aria-hidden=\"true\"><label for=\"p-hp\">Leave this empty</label><input id=\"p-hp\" "
          "name=\"" SL_PLEDGE_HONEYPOT "\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>\n", f);
    fputs("<div class=\"field\"><label for=\"p-email\">Email (required: we send you a link to confirm)</label>"
          "<input id=\"p-email\" name=\"email\" type=\"email\" required maxlength=\"254\" autocomplete=\"email\"", f);
    sl_web_field_marks(f, r, "email", 1);
    fputs("></div>\n<div class=\"field\"><label for=\"p-name\">Name (optional)</label><input id=\"p-name\" "
          "name=\"name\" type=\"text\" maxlength=\"100\" autocomplete=\"name\"", f);
    sl_web_field_marks(f, r, "name", 1);
    fputs("></div>\n", f);
    place_selects(f, "p", places, state, county, r);
    fputs("<fieldset", f);
    if (sl_web_is_refused(r, "commitment")) fputs(" aria-describedby=\"form-error\"", f);
    /* a pledge with none ticked is taken, and counted: said before she wonders */
    fputs("><legend>I commit to <span class=\"optional\">(optional: the pledge counts without them)</span></legend>\n",
          f);
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(camp, "commitments"), i, k) {
        snprintf(id, sizeof id, "p-c%zu", i);
        fputs("<div class=\"check\">", f);
        tick_box(f, r, id, "commitment", jstr(k, "key"));
        fprintf(f, "<label for=\"%s\">", id);
        esc(f, jstr(k, "label"));
        fputs("</label></div>\n", f);
    }
    fputs("</fieldset>\n<div class=\"check\">", f);
    tick_box(f, r, "p-consent", "consent", "on");
    fputs("<label for=\"p-consent\">", f);
    esc(f, jstr(camp, "organisation"));
    fputs(" may email me about the campaign</label></div>\n<div class=\"check\">", f);
    tick_box(f, r, "p-listed", "listed", "on");
    fputs("<label for=\"p-listed\">List me publicly as a signer (first name, initial of the last name, county and "
          "state only)</label></div>\n", f);
    /* said where she signs, before she does: on a phone the section on
    ** privacy is pages below */
    fputs("<p class=\"note\" id=\"p-privacy\">Your address is used to send the link that confirms your pledge and, "
          "only if you tick the box above, the organisation's messages; only the organisers see it, and it is never "
          "shown on this page. ",
          f);
    /* she changes her mind herself, by a link only her inbox receives */
    fputs("To stop the emails, leave the public list or erase your pledge at any time, without writing to anyone: "
          "the link in the email that confirms it (for 30 days), or <a href=\"/campaign/manage\">Manage your pledge</a>. ", f);
    fputs("<a href=\"#methods\">What is stored, and for how long</a>.</p>\n"
          "<p><button type=\"submit\" class=\"primary\" aria-describedby=\"p-privacy\">Sign</button></p>\n"
          "</form></section>\n",
          f);
}

/* KEPT: confirmed pledges whose signers were erased at the campaign's end
** (their names with them): the list is empty for that reason, not for
** want of signers. */
static void signers(FILE *f, json_t *list, long long kept)
{
    /* indexed, the page is found; its names are kept out of search results
    ** (data-nosnippet), where they would stay after a signer leaves the list */
    fputs("<section aria-labelledby=\"signers-h\" data-nosnippet><h2 id=\"signers-h\">Who signed publicly</h2>\n", f);
    /* as the counts: a name the minute its signer confirmed would tell when she signed */
    if (!kept) fputs("<p class=\"note\">A name is listed from the hour after its signer confirmed, as the counts are.</p>\n", f);
    size_t shown = json_array_size(json_object_get(list, "signers"));
    /* only the newest are here: one who chose the list and is not among them finds hers on the next pages */
    json_int_t all = json_integer_value(json_object_get(list, "count"));
    if (all > (json_int_t)shown) {
        char b[2][32];
        fprintf(f, "<p>The newest %s of the %s signers who chose to be listed; the older names follow on the next "
                   "pages.</p>\n", sl_thousands((long long)shown, b[0]), sl_thousands((long long)all, b[1]));
    }
    if (!shown)
        fputs(kept ? "<p>The names on this list were deleted at the campaign's end, with every signer's address."
                     "</p>"
                   : "<p>Nobody listed yet.</p>",
              f);
    sl_web_signers_items(f, list);
    sl_web_signers_more(f, list);
    fputs("</section>\n", f);
}

/* KEPT as in signers(): the list below says what a pledge stores, which is
** no longer so once every signer was erased at the campaign's end. */
static void methods(FILE *f, json_t *camp, long long kept)
{
    fputs("<section id=\"methods\" aria-labelledby=\"methods-h\"><h2 id=\"methods-h\">Privacy and methods</h2>\n", f);
    sl_web_markdown(f, jstr(camp, "privacy"));
    fputs("<h3>What is stored, why, and for how long</h3>\n", f);
    if (*jstr(camp, "closed"))
        fputs(kept ? "<p><strong>Since the campaign closed, no pledge is taken, and every signer's address, name and "
                     "answers have been deleted: only the counts per county remain.</strong> While it ran:</p>\n"
                   : "<p><strong>Since the campaign closed, no pledge is taken.</strong> The addresses of those who "
                     "confirmed are kept until the organisers delete them, as the notice above says. While it ran:"
                     "</p>\n",
              f);
    fputs("<ul>\n"
          "<li><strong>Your email address</strong>, to send the one link that confirms your pledge (so nobody can "
          "sign in your name) and, only if you tick the box, the organisation's messages. An unconfirmed pledge is "
          "deleted with the address once its link has expired, 7 days after you signed (the server looks every "
          "hour).</li>\n"
          "<li><strong>Your name, state, county and commitments</strong>, to count pledges per place. Public "
          "figures count confirmed pledges only, once an hour (a pledge joins them at the first full hour after it "
          "is confirmed, so that watching them tells nobody who signed), and a county with few pledges or few "
          "residents is counted in its state's other counties.</li>\n"
          "<li><strong>Only if you opt in to the public list</strong>: your first name, the initial of your last "
          "name and your county are shown on this page; ", f);
    char few[32]; /* the counts' own line: a first name in a county that small says who she is */
    fprintf(f, "where the county has fewer than %s residents, its state alone, as the counts fold it (a first name "
               "there says who you are).</li>\n", sl_thousands(SL_CAMPAIGN_MIN_RESIDENTS, few));
    fputs(
          "<li><strong>The emails sent to you</strong>: the subject and time of each (the link to confirm, a link "
          "to manage your pledge), so the organisers can tell whether it went; its text, with its link, is deleted "
          "once it is sent. They go with your pledge when it is erased.</li>\n"
          "<li><strong>Not stored</strong>: your IP address, your browser, cookies or your location. The server's "
          "log holds the path of each request, never what you typed nor the link's token.</li>\n"
          "<li>The organisers can make a list of the addresses of the signers who agreed to their emails, for "
          "their own mailings. Each signer can "
          "withdraw that consent, leave the public list or erase her pledge herself (<a href=\"/campaign/manage\">"
          "Manage your pledge</a>), and the organisers can do the same on request. An erasure deletes the pledge "
          "from the campaign's files at once, but not from the copies made before it: the organisers' backups and "
          "the lists of addresses of signers who agreed to their emails. Ask them (at the contact above) to delete "
          "yours. The public figures of the hour "
          "are kept as counts per county only, with no name or address, until the next hour's: an erased pledge "
          "leaves them then, with the other changes of its hour, so that watching them tells nobody who erased."
          "</li>\n</ul>\n"
          "<p>The figures about police agencies come from public data: the records of police partnerships and the "
          "registry of police agencies.</p>\n</section>\n",
          f);
}

/* ---- the page --------------------------------------------------------------- */

typedef struct page_data {
    json_t *camp, *counts, *places, *list, *totals;
    int synthetic;
} page_data;

static void page_data_free(page_data *d)
{
    json_decref(d->camp);
    json_decref(d->counts);
    json_decref(d->places);
    json_decref(d->list);
    json_decref(d->totals);
}

/* The campaign and its places into *D, and with WHOLE the signers too: the
** pledge's form alone needs them not (the counter is read before, by
** sl_web_campaign_counts, which may have to store the hour's first). */
static sl_status load(sl_store *st, page_data *d, int whole, sl_error *err)
{
    json_t *all = NULL;
    if (sl_store_read_begin(st, err) || sl_analysis_campaign_page(st, &all, err)) return err->status;
    d->camp = json_incref(json_object_get(all, "campaign"));
    d->totals = json_incref(json_object_get(all, "totals"));
    json_decref(all);
    if (!json_is_object(d->camp)) return SL_OK;
    d->synthetic = sl_web_store_synthetic(st);
    if (sl_analysis_campaign_places(st, &d->places, err) ||
        (whole && sl_analysis_campaign_signers(st, 0, SL_WEB_SIGNERS_PAGE, sl_analysis_counted_before((long long)time(NULL)), &d->list, err)))
        return err->status;
    return SL_OK;
}

/* load from a handle of the pool into *ST. The page's form wants the
** store's form key, which the first form served makes there: a writer,
** which upgrades an older PostgreSQL store first (ALTER TABLE) and so waits
** for every open read's locks, this page's own read among them, for ever.
** So a store with a campaign and no key yet is read again after it. */
static void load_keyed(sl_web_campaign *c, sl_store **st, page_data *d, int whole, sl_error *err)
{
    if (!sl_web_pool_get(c->pool, st, err)) load(*st, d, whole, err);
    if (err->status || !json_is_object(d->camp) || sl_web_guard_shared(c->guard)) return;
    sl_web_pool_put(c->pool, *st);
    *st = NULL;
    page_data_free(d);
    memset(d, 0, sizeof *d);
    (void)sl_web_campaign_guard(c);
    if (!sl_web_pool_get(c->pool, st, err)) load(*st, d, whole, err);
}

/* In the place of the form while the campaign is closed: since when, and
** what became of the pledges and of the signers' data (KEPT: confirmed
** pledges kept as counts only, their signers erased). */
static void closed_notice(FILE *f, json_t *camp, long long kept)
{
    const char *closed = jstr(camp, "closed"); /* YYYY-MM-DDTHH:MM:SSZ */
    fputs("<section id=\"sign\" aria-labelledby=\"sign-h\"><h2 id=\"sign-h\">The campaign has closed</h2>\n"
          "<p class=\"message\">It closed on ", f);
    char day[11];
    snprintf(day, sizeof day, "%.10s", closed);
    esc(f, day);
    fputs(" and takes no more pledges. Thank you to everyone who signed: the counts below are the pledges confirmed "
          "before it closed. A pledge not confirmed by then was deleted with its address, and is not counted.", f);
    if (kept)
        fputs(" As the privacy notice promised, every signer's address and name have been deleted since; only the "
              "counts per county are kept.", f);
    fputs("</p>\n", f);
    const char *contact = jstr(camp, "contact");
    if (*contact) {
        fputs("<p>To reach the organisers: ", f);
        esc(f, contact);
        fputs(".</p>\n", f);
    }
    /* her pledge outlives the campaign's pledging: so does her say over it */
    if (!kept)
        fputs("<p>Signed? You can still stop the organisation's emails, leave the public list or erase your pledge "
              "yourself, without writing to anyone: <a href=\"/campaign/manage\">Manage your pledge</a>.</p>\n", f);
    fputs("</section>\n", f);
}

/* The page's title: the campaign's, after the place whose figures it shows
** (a GET of the place form without JavaScript): a screen reader says the
** title first, and the reloaded page sounded as if nothing had been asked.
** Only a state or county of PLACES is named (nothing of the query as typed). */
static void page_title(json_t *camp, json_t *places, const char *state, const char *county, char *out, size_t size)
{
    size_t i, j;
    json_t *g, *c;
    const char *st = NULL, *name = NULL;
    json_array_foreach(json_object_get(places, "states"), i, g) {
        if (!state || strcasecmp(state, jstr(g, "state"))) continue;
        st = jstr(g, "state");
        json_array_foreach(json_object_get(g, "counties"), j, c)
            if (county && !strcmp(county, jstr(c, "id"))) name = jstr(c, "name");
    }
    if (st && *st) snprintf(out, size, "%.200s%s%.60s: the figures — %.300s", name ? name : "", name ? ", " : "", st,
                            jstr(camp, "title"));
    else snprintf(out, size, "%.500s", jstr(camp, "title"));
}

static void write_page(FILE *f, sl_web_campaign *c, sl_store *st, page_data *d, const char *state,
                       const char *county)
{
    char title[640];
    page_title(d->camp, d->places, state, county, title, sizeof title);
    sl_web_page_begin(f, title, SL_WEB_SIDE_CAMPAIGN, d->synthetic, 1);
    fputs("<h1>", f);
    esc(f, jstr(d->camp, "title"));
    fputs("</h1>\n<p class=\"meta\">A campaign of ", f);
    esc(f, jstr(d->camp, "organisation"));
    fputs(" · contact: ", f);
    esc(f, jstr(d->camp, "contact"));
    fputs("</p>\n", f);
    const char *closed = jstr(d->camp, "closed");
    if (*closed) /* said before the pledge's text: on a phone the section that replaces the form is pages below */
        fprintf(f, "<p class=\"message\" role=\"status\"><strong>This campaign has closed</strong> (on %.10s): it "
                   "takes no more pledges. <a href=\"#sign\">What became of the pledges</a>.</p>\n",
                closed); /* YYYY-MM-DD... from the store: digits and dashes */
    fputs("<div class=\"pledge-text\">\n", f);
    sl_web_markdown(f, jstr(d->camp, "pledge_md"));
    fputs("</div>\n", f);
    fputs("<section id=\"local\" aria-labelledby=\"local-h\"><h2 id=\"local-h\">Surveillance where you live</h2>\n"
          "<form method=\"get\" action=\"/campaign#local\" class=\"filters\" id=\"local-form\">\n", f);
    place_selects(f, "l", d->places, state, county, NULL);
    fputs("<div class=\"field\"><button type=\"submit\">Show the figures</button></div>\n"
          "<div class=\"field\" id=\"geo-field\" hidden><button type=\"button\" id=\"geo\">Use my location once"
          "</button></div>\n</form>\n<p class=\"note\" id=\"geo-note\" role=\"status\" hidden>If you ask, your browser's location is "
          "used once, in your browser only, to pick your county; it is never sent to the server nor stored.</p>\n",
          f);
    local_facts(f, c->local, st, state, county);
    fputs("</section>\n", f);
    /* every signer erased at the campaign's end: counts kept, no pledge left */
    long long kept = json_integer_value(json_object_get(d->totals, "pledges"))
                         ? 0
                         : (long long)json_integer_value(json_object_get(d->totals, "kept"));
    if (json_is_string(json_object_get(d->camp, "closed"))) closed_notice(f, d->camp, kept);
    else pledge_form(f, c, d->camp, d->places, state, county, NULL);
    counter(f, d->counts, d->places);
    signers(f, d->list, kept);
    methods(f, d->camp, kept);
    sl_web_page_end(f);
}

void sl_web_campaign_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    sl_error err, qerr;
    sl_error_clear(&err);
    sl_error_clear(&qerr);
    sl_web_query q;
    const char *raw = rq->query ? rq->query : "";
    static const char *const ALLOWED[] = {"state", "county", NULL};
    int bad = sl_web_query_parse(raw, strlen(raw), &q, &qerr) || sl_web_query_only(&q, ALLOWED, &qerr);
    const char *state = bad ? NULL : sl_web_query_get(&q, "state"), *county = bad ? NULL : sl_web_query_get(&q, "county");
    page_data d = {0};
    sl_store *st = NULL;
    /* The store first: without a campaign every question is the 404 that
    ** leads to the directory, not a 400 whose masthead links this page. */
    /* the hour's counts first, through the writer (they may have to be
    ** stored), with no read handle held: then the page's own read */
    json_t *counts = NULL;
    if (!sl_web_campaign_counts(c, 0, &counts, &err)) load_keyed(c, &st, &d, 1, &err);
    d.counts = counts; /* load_keyed may start d again */
    if (err.status) {
        sl_web_camp_message(out, 503, "The campaign cannot be read right now", "Please try again in a moment.",
                            SL_WEB_SIDE_CAMPAIGN);
    } else if (!json_is_object(d.camp)) {
        sl_web_camp_none(out, "This site has no campaign.");
    } else if (bad) {
        sl_web_camp_message(out, 400, "Not a question this page answers", qerr.msg, SL_WEB_SIDE_CAMPAIGN);
    } else {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (f) write_page(f, c, st, &d, state, county);
        sl_web_page_close(out, 200, f, &buf, &len);
    }
    sl_web_pool_put(c->pool, st);
    page_data_free(&d);
    sl_web_query_free(&q);
}

void sl_web_pledge_refused(sl_web_campaign *c, const sl_web_refusal *r, sl_web_page *out)
{
    page_data d = {0};
    sl_store *st = NULL;
    sl_error err;
    sl_error_clear(&err);
    load_keyed(c, &st, &d, 0, &err);
    if (err.status || !json_is_object(d.camp)) {
        /* the form cannot be drawn again: its sentence alone */
        sl_web_camp_message(out, r->status ? r->status : 400, "Something in the form needs a correction", r->text,
                            SL_WEB_SIDE_CAMPAIGN);
    } else {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (f) {
            sl_web_page_begin(f, r->status == 503 || r->status == 403 || r->status == 429 ? "Sign the pledge: send it again"
                                                                         : "Sign the pledge: a correction",
                              SL_WEB_SIDE_CAMPAIGN, d.synthetic, 0);
            fputs("<h1>", f);
            esc(f, jstr(d.camp, "title"));
            fputs("</h1>\n", f);
            pledge_form(f, c, d.camp, d.places, sl_web_kept(r, "state"), sl_web_kept(r, "county"), r);
            sl_web_page_end(f);
        }
        sl_web_page_close(out, r->status ? r->status : 400, f, &buf, &len);
    }
    sl_web_pool_put(c->pool, st);
    page_data_free(&d);
}
