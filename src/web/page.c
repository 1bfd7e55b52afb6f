/*
** page.c — the plumbing of the server-rendered pages (see page.h): which
** paths are theirs, reading a form body within its limit, the shell every
** page shares with the dashboard (its stylesheet, header and footer) and
** sending an answer with the dashboard's headers.
*/
#include "page.h"
#include "sightline/core/text.h"
#include "sightline/web/server.h"

#include <stdlib.h>
#include <string.h>

#define CSP "default-src 'self'; frame-ancestors 'none'" /* no framing: see server.c */

typedef struct page_state {
    char *body;
    size_t len;
    int answered; /* an answer is queued already (an error before the body ended) */
} page_state;

sl_web_pages *sl_web_pages_new(const char *store, sl_web_pool *pool, int admin_remote)
{
    sl_web_pages *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->store = strdup(store);
    p->pool = pool;
    p->admin_remote = admin_remote;
    p->directory = sl_directory_cache_new();
    if (!p->store || !p->directory || pthread_mutex_init(&p->lock, NULL)) {
        sl_directory_cache_free(p->directory);
        free(p->store);
        free(p);
        return NULL;
    }
    return p;
}

void sl_web_pages_free(sl_web_pages *p)
{
    if (!p) return;
    pthread_mutex_destroy(&p->lock);
    sl_directory_cache_free(p->directory);
    free(p->store);
    free(p);
}

/* 1 when URL is PREFIX or PREFIX followed by '/'. */
static int under(const char *url, const char *prefix)
{
    size_t n = strlen(prefix);
    return !strncmp(url, prefix, n) && (!url[n] || url[n] == '/');
}

int sl_web_pages_claim(const char *url)
{
    /* the suggestion form belongs to the campaign's public pages */
    if (under(url, "/directory/suggest")) return 0;
    return under(url, "/directory") || !strcmp(url, "/api/directory") || under(url, "/admin");
}

enum MHD_Result sl_web_page_send(sl_web_page_ctx *x, int status, const char *type, char *body, size_t len,
                                 const char *cache, const char *const *extra)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", cache);
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    /* same-origin, not no-referrer: under no-referrer a browser sends
    ** "Origin: null" with a form's POST, and the admin forms' Origin check
    ** needs the real one. Other sites still get no referrer. */
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    for (size_t i = 0; extra && extra[i] && extra[i + 1]; i += 2) MHD_add_response_header(r, extra[i], extra[i + 1]);
    enum MHD_Result ok = MHD_queue_response(x->c, (unsigned)status, r);
    MHD_destroy_response(r);
    if (ok == MHD_YES) *x->status = status, *x->bytes = len;
    return ok;
}

FILE *sl_web_html_begin(char **buf, size_t *len)
{
    *buf = NULL, *len = 0;
    return open_memstream(buf, len);
}

void sl_web_html_text(FILE *f, const char *s)
{
    sl_html_write_escaped(f, s ? s : "");
}

int sl_web_url_safe(const char *url)
{
    if (!url) return 0;
    if (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7)) return url[url[4] == 's' ? 8 : 7] != '\0';
    return url[0] == '/' && url[1] != '/' && url[1] != '\\';
}

void sl_web_html_head(FILE *f, const char *title, int flags)
{
    int scripts = flags & SL_WEB_PAGE_MAP;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    sl_web_html_text(f, title);
    fputs(" — sightline</title>\n", f);
    /* in this order: the directory's style overrides Leaflet's; a name
    ** starting with '+' is the map's only */
    static const char *const ASSETS[] = {"favicon.svg", "+leaflet.css", "+markercluster.css", "app.css",
                                         "directory.css", "+leaflet.js", "+markercluster.js", "+quiet.js",
                                         "+directory.js"};
    for (size_t i = 0; i < sizeof ASSETS / sizeof *ASSETS; i++)
        if (ASSETS[i][0] != '+') sl_web_asset_tag(f, ASSETS[i]);
        else if (scripts) sl_web_asset_tag(f, ASSETS[i] + 1);
    fputs("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n<header>\n", f);
    if (flags & SL_WEB_PAGE_SYNTHETIC)
        fputs("  <div class=\"banner synthetic\">SYNTHETIC DEMO DATA — fictional businesses, places and people; not "
              "a real directory</div>\n", f);
    fputs("  <div class=\"masthead\">\n    <p class=\"site\"><a href=\"/\">sightline</a>"
          " <span class=\"sep\" aria-hidden=\"true\">·</span> <a href=\"/directory\">directory</a>", f);
    if (flags & SL_WEB_PAGE_CAMPAIGN)
        fputs(" <span class=\"sep\" aria-hidden=\"true\">·</span> <a href=\"/campaign\">the campaign</a>", f);
    fputs("</p>\n  </div>\n</header>\n<main id=\"main\">\n", f);
}

enum MHD_Result sl_web_html_send(sl_web_page_ctx *x, FILE *f, char **buf, size_t *len, int status,
                                 const char *cache, const char *const *extra)
{
    fputs("</main>\n<footer><p class=\"meta\">sightline — this site loads nothing from elsewhere: no tracker, font "
          "or map tile of another site sees your visit.</p></footer>\n</body>\n</html>\n", f);
    if (fclose(f)) {
        free(*buf);
        return MHD_NO;
    }
    return sl_web_page_send(x, status, "text/html; charset=utf-8", *buf, *len, cache, extra);
}

enum MHD_Result sl_web_page_message(sl_web_page_ctx *x, int status, const char *title, const char *msg,
                                    const char *cache)
{
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_html_head(f, title, 0);
    fputs("<h1>", f);
    sl_web_html_text(f, title);
    fputs("</h1>\n<p class=\"message\">", f);
    sl_web_html_text(f, msg);
    fputs("</p>\n", f);
    return sl_web_html_send(x, f, &buf, &len, status, cache, NULL);
}

/* The answer before a body is read: a method the path does not take, or a
** body too large or of no declared length. 0 when the request goes on. */
static enum MHD_Result refuse_early(sl_web_page_ctx *x, int *refused)
{
    static const char *const CLOSE[] = {"Connection", "close", NULL};
    int post = !strcmp(x->method, "POST"), admin = !strncmp(x->url, "/admin", 6);
    *refused = 1;
    if (strcmp(x->method, "GET") && strcmp(x->method, "HEAD") && !(post && admin)) {
        char *b = strdup("method not allowed here\n");
        return b ? sl_web_page_send(x, 405, "text/plain; charset=utf-8", b, strlen(b), "no-store", CLOSE) : MHD_NO;
    }
    const char *cl = MHD_lookup_connection_value(x->c, MHD_HEADER_KIND, "Content-Length");
    const char *te = MHD_lookup_connection_value(x->c, MHD_HEADER_KIND, "Transfer-Encoding");
    if ((cl && strtoull(cl, NULL, 10) > SL_WEB_PAGE_BODY_LIMIT) || te) {
        char *b = strdup("request body too large or of no declared length\n");
        return b ? sl_web_page_send(x, 413, "text/plain; charset=utf-8", b, strlen(b), "no-store", CLOSE) : MHD_NO;
    }
    *refused = 0;
    return MHD_YES;
}

enum MHD_Result sl_web_pages_handle(sl_web_pages *p, struct MHD_Connection *c, const char *url, const char *method,
                                    const char *query, const char *upload, size_t *upload_size, void **state,
                                    int *status, size_t *bytes)
{
    sl_web_page_ctx x = {p, c, url, method, query, "", 0, status, bytes};
    page_state *s = *state;
    if (!s) { /* the first call: headers only */
        if (!(s = calloc(1, sizeof *s))) return MHD_NO;
        *state = s;
        int refused;
        enum MHD_Result r = refuse_early(&x, &refused);
        s->answered = refused;
        return r;
    }
    if (s->answered) { /* drop what still comes */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        if (s->len + *upload_size > SL_WEB_PAGE_BODY_LIMIT) {
            *upload_size = 0;
            s->answered = 1;
            static const char *const CLOSE[] = {"Connection", "close", NULL};
            char *b = strdup("request body too large\n");
            return b ? sl_web_page_send(&x, 413, "text/plain; charset=utf-8", b, strlen(b), "no-store", CLOSE) : MHD_NO;
        }
        char *nb = realloc(s->body, s->len + *upload_size + 1);
        if (!nb) return MHD_NO;
        memcpy(nb + s->len, upload, *upload_size);
        s->body = nb;
        s->len += *upload_size;
        s->body[s->len] = '\0';
        *upload_size = 0;
        return MHD_YES;
    }
    s->answered = 1;
    x.body = s->body ? s->body : "";
    x.body_len = s->len;
    return !strncmp(url, "/admin", 6) ? sl_web_admin(&x) : sl_web_directory(&x);
}

void sl_web_pages_end(void *state)
{
    page_state *s = state;
    if (!s) return;
    free(s->body);
    free(s);
}
