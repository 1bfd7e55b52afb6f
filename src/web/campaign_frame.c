/*
** campaign_frame.c — the frame of every page of the campaign (see
** campaign_web.h): its head (the versioned styles and scripts, the demo's
** banner), its foot, the organisers' Markdown made safe HTML, and the short
** pages of one message (a link that does not work, a closed campaign).
** campaign_page.c writes /campaign inside it; the manage, confirm and
** suggest pages use it too.
*/
#include "campaign_web.h"
#include "sightline/core/text.h"
#include "sightline/web/server.h"

#include <stdlib.h>
#include <string.h>
#ifdef SL_HAVE_CMARK
#include <cmark.h>
#endif

#define HTML_TYPE "text/html; charset=utf-8"
#define esc sl_html_write_escaped

void sl_web_page_begin(FILE *f, const char *title, sl_web_side side, int synthetic, int map)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    esc(f, title);
    fputs("</title>\n", f);
    /* paper.js at its versioned address, as every asset: asked for by an
    ** unversioned one, a browser revalidated it at every visit */
    if (map) sl_web_asset_tag(f, "leaflet.css"), sl_web_asset_tag(f, "leaflet.js"), sl_web_asset_tag(f, "paper.js");
    static const char *const ASSETS[] = {"favicon.svg", "app.css", "campaign.css", "quiet.js", "campaign.js"};
    for (size_t i = 0; i < sizeof ASSETS / sizeof *ASSETS; i++) sl_web_asset_tag(f, ASSETS[i]);
    fputs("</head>\n<body>\n"
          "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n<header>\n", f);
    if (synthetic == SL_WEB_DEMO)
        fputs("<div class=\"banner synthetic\">FICTIONAL DEMO CAMPAIGN — invented organisation, places, figures "
              "and signers; nothing here is real</div>\n", f);
    else if (synthetic)
        fputs("<div class=\"banner synthetic\">SYNTHETIC DATA IN THIS STORE — some figures on this page rest on "
              "data invented by <code>sightline synth</code>: they are not findings</div>\n", f);
    fprintf(f, "<div class=\"masthead\"><p class=\"meta\"><a href=\"/\">sightline</a> · %s · <a "
               "href=\"/directory/suggest\">suggest a business</a></p></div>\n</header>\n<main id=\"main\">\n",
            side == SL_WEB_SIDE_DIRECTORY ? "<a href=\"/directory\">the directory</a>"
                                          : "<a href=\"/campaign\">the campaign</a> · <a href=\"/directory\">the "
                                            "directory</a>");
}

void sl_web_page_end(FILE *f)
{
    fputs("</main>\n<footer><p class=\"meta\">Served by sightline. No tracking, no third-party "
          "resources.</p></footer>\n</body>\n</html>\n", f);
}

void sl_web_markdown(FILE *f, const char *md)
{
#ifdef SL_HAVE_CMARK
    /* CMARK_OPT_SAFE: raw HTML is dropped (the default since 0.29; asked for
    ** anyway) and links to javascript:, vbscript:, file: and data: (but
    ** images) are emptied. */
    char *html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_SMART);
    if (html) {
        fputs(html, f);
        free(html);
        return;
    }
#endif
    fputs("<p class=\"plain\">", f);
    esc(f, md);
    fputs("</p>\n", f);
}

void sl_web_page_html(sl_web_page *p, int status, char *buf, size_t len)
{
    memset(p, 0, sizeof *p);
    p->status = buf ? status : 500;
    p->body = buf;
    p->len = buf ? len : 0;
    p->type = HTML_TYPE;
}

void sl_web_page_close(sl_web_page *p, int status, FILE *f, char **buf, size_t *len)
{
    if (!f || fclose(f)) {
        free(*buf);
        *buf = NULL;
    }
    sl_web_page_html(p, status, *buf, *len);
}

/* The message page, its one link (LABEL) back to SIDE's page. */
static void message_page(sl_web_page *p, int status, const char *title, const char *text, sl_web_side side,
                         const char *label, int synthetic)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        sl_web_page_html(p, 500, NULL, 0);
        return;
    }
    sl_web_page_begin(f, title, side, synthetic, 0);
    fputs("<h1>", f);
    esc(f, title);
    fputs("</h1>\n<p class=\"message\">", f);
    esc(f, text);
    fprintf(f, "</p>\n<p><a href=\"%s\">%s</a></p>\n", side == SL_WEB_SIDE_DIRECTORY ? "/directory" : "/campaign",
            label);
    sl_web_page_end(f);
    sl_web_page_close(p, status, f, &buf, &len);
}

void sl_web_camp_message(sl_web_page *p, int status, const char *title, const char *text, sl_web_side side)
{
    message_page(p, status, title, text, side,
                 side == SL_WEB_SIDE_DIRECTORY ? "Back to the directory" : "Back to the campaign", 0);
}

void sl_web_camp_message_of(sl_web_page *p, int status, const char *title, const char *text, int synthetic)
{
    message_page(p, status, title, text, SL_WEB_SIDE_CAMPAIGN, "Back to the campaign", synthetic);
}

void sl_web_camp_none(sl_web_page *p, const char *text)
{
    message_page(p, 404, "No campaign here", text, SL_WEB_SIDE_DIRECTORY, "To the directory of Black-owned businesses", 0);
}

/* ---- pieces of the page --------------------------------------------------- */

