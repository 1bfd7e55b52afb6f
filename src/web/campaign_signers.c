/*
** campaign_signers.c — the public list of signers, page by page
** (/campaign/signers?page=N), and the list's items as /campaign shows its
** newest.
**
** /campaign shows the newest SL_WEB_SIGNERS_PAGE names of those who chose
** to be listed. With thousands listed, a signer not among the newest could
** not find her own name, nor anyone check that a friend's was there: the
** older names are here, a page of them at a time, newest first, with the
** same hour's delay as the counts and nothing else of a signer.
*/
#include "campaign_web.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/text.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define esc sl_html_write_escaped

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

void sl_web_signers_items(FILE *f, json_t *list)
{
    size_t i;
    json_t *s;
    if (!json_array_size(json_object_get(list, "signers"))) return;
    fputs("<ul class=\"signers\">", f);
    json_array_foreach(json_object_get(list, "signers"), i, s) {
        fputs("<li>", f);
        esc(f, *jstr(s, "name") ? jstr(s, "name") : "A signer");
        fputs(", ", f);
        /* the county with its state, as the figures' heading names it: a
        ** county's name alone ("San Juan", "Hawaii") is a place in several */
        if (*jstr(s, "county")) {
            esc(f, jstr(s, "county"));
            fputs(", ", f);
        }
        esc(f, jstr(s, "state"));
        fputs("</li>", f);
    }
    fputs("</ul>\n", f);
}

/* Pages of the list of ALL names. */
static long pages_of(long long all)
{
    return all <= 0 ? 1 : (long)((all + SL_WEB_SIGNERS_PAGE - 1) / SL_WEB_SIGNERS_PAGE);
}

/* "Newer names" and "Older names" around PAGE of PAGES. */
static void page_links(FILE *f, long page, long pages)
{
    if (pages < 2) return;
    fputs("<nav aria-label=\"Pages of the list\"><ul class=\"pages\">", f);
    if (page > 1) {
        if (page == 2) fputs("<li><a href=\"/campaign#signers-h\" rel=\"prev\">Newer names</a></li>", f);
        else fprintf(f, "<li><a href=\"/campaign/signers?page=%ld\" rel=\"prev\">Newer names</a></li>", page - 1);
    }
    if (page < pages)
        fprintf(f, "<li><a href=\"/campaign/signers?page=%ld\" rel=\"next\">Older names</a></li>", page + 1);
    fputs("</ul></nav>\n", f);
}

void sl_web_signers_more(FILE *f, json_t *list)
{
    long long all = json_integer_value(json_object_get(list, "count"));
    if (all > SL_WEB_SIGNERS_PAGE) page_links(f, 1, pages_of(all));
}

/* PAGE's names (2 and on) of the list L, whose campaign is titled TITLE. */
static void write_page(FILE *f, json_t *l, long page, const char *title, int synthetic)
{
    long long all = json_integer_value(json_object_get(l, "count"));
    long pages = pages_of(all);
    long long first = (long long)(page - 1) * SL_WEB_SIGNERS_PAGE + 1;
    long long last = first + (long long)json_array_size(json_object_get(l, "signers")) - 1;
    char head[160], a[32], b[32], n[32];
    snprintf(head, sizeof head, "Who signed publicly: names %s to %s of %s", sl_thousands(first, a),
             sl_thousands(last, b), sl_thousands(all, n));
    sl_web_page_begin(f, head, SL_WEB_SIDE_CAMPAIGN, synthetic, 0);
    fputs("<h1>", f);
    esc(f, head);
    fputs("</h1>\n<p>", f);
    esc(f, title);
    fprintf(f, ": the signers who chose to be listed, newest first, page %ld of %ld. A name is listed from the hour "
               "after its signer confirmed, as the counts are.</p>\n",
            page, pages);
    sl_web_signers_items(f, l);
    page_links(f, page, pages);
    fputs("<p><a href=\"/campaign\">Back to the campaign</a></p>\n", f);
    sl_web_page_end(f);
}

/* The page number of QUERY ("page=N", N from 2): 0 when it is not one. */
static long page_asked(const char *query)
{
    if (!query || strncmp(query, "page=", 5)) return 0;
    const char *p = query + 5;
    if (!*p || strspn(p, "0123456789") != strlen(p) || strlen(p) > 9) return 0;
    long page = strtol(p, NULL, 10);
    return page >= 2 ? page : 0;
}

void sl_web_signers_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    long page = page_asked(rq->query);
    if (!page) {
        sl_web_camp_message(out, 400, "Not a page of the list",
                            "Ask for a page of older names as /campaign/signers?page=2 (the newest are on the "
                            "campaign's page).", SL_WEB_SIDE_CAMPAIGN);
        return;
    }
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = NULL;
    json_t *l = NULL, *camp = NULL;
    int synthetic = 0;
    if (!sl_web_pool_get(c->pool, &st, &err) && !sl_store_read_begin(st, &err) &&
        !sl_analysis_campaign_page(st, &camp, &err) && json_is_object(json_object_get(camp, "campaign"))) {
        synthetic = sl_web_store_synthetic(st);
        sl_analysis_campaign_signers(st, (size_t)(page - 1) * SL_WEB_SIGNERS_PAGE, SL_WEB_SIGNERS_PAGE,
                                     sl_analysis_counted_before((long long)time(NULL)), &l, &err);
    }
    sl_web_pool_put(c->pool, st);
    long long all = l ? json_integer_value(json_object_get(l, "count")) : 0;
    if (err.status) {
        sl_web_camp_message(out, 503, "The campaign cannot be read right now", "Please try again in a moment.",
                            SL_WEB_SIDE_CAMPAIGN);
    } else if (!json_is_object(json_object_get(camp, "campaign"))) {
        sl_web_camp_none(out, "This site has no campaign.");
    } else if (page > pages_of(all)) {
        char text[200], n[32];
        snprintf(text, sizeof text, "The list holds %s name%s, %ld page%s of them: this page has none.",
                 sl_thousands(all, n), all == 1 ? "" : "s", pages_of(all), pages_of(all) == 1 ? "" : "s");
        sl_web_camp_message_of(out, 404, "No such page of the list", text, synthetic);
    } else {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (f) write_page(f, l, page, jstr(json_object_get(camp, "campaign"), "title"), synthetic);
        sl_web_page_close(out, 200, f, &buf, &len);
    }
    json_decref(l);
    json_decref(camp);
}
