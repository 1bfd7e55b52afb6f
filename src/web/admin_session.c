/*
** admin_session.c — who may come into the organisers' area (/admin, whose
** pages are admin.c's): log in with the token of `sightline campaign token`
** (its hash compared in constant time), the sessions, and the Origin and
** CSRF checks every POST passes. Apart from admin.c so that letting an
** organiser in reads in one place, away from what they do once in.
**
** A login gives an HttpOnly, SameSite=Strict cookie scoped to /admin that
** holds a random session secret kept in this process's memory alone (a
** restart logs everyone out). The session holds the hash of the token it
** logged in with, and each request compares it with the store's: once
** `campaign token` rotates the token, its sessions end in every serve
** process at once ("an earlier token stops working").
*/
#include "admin_internal.h"
#include "web_internal.h"
#include "sightline/store/admin.h"
#include "sightline/web/guard.h"

#include <stdlib.h>
#include <string.h>

/* The session of the request's cookie in this process's memory, whatever
** the store holds. */
static int session_found(sl_web_page_ctx *x, sl_web_session *out)
{
    const char *secret = MHD_lookup_connection_value(x->c, MHD_COOKIE_KIND, SL_WEB_ADMIN_COOKIE);
    if (!secret || strlen(secret) != SL_TOKEN_CHARS) return 0;
    sl_web_pages *p = x->pages;
    time_t now = time(NULL);
    int hit = 0;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < SL_WEB_SESSIONS; i++) {
        sl_web_session *s = &p->sessions[i];
        if (s->expires > now && sl_token_equal(s->secret, secret)) *out = *s, hit = 1;
    }
    pthread_mutex_unlock(&p->lock);
    return hit;
}

/* The hash of the admin token the store holds now into OUT (65 chars),
** *FOUND 0 when there is none; nonzero when the store cannot be read.
** One read for the login and for every session check, so both compare
** against the same token. */
static sl_status stored_token_hash(sl_web_page_ctx *x, char *out, int *found)
{
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = NULL;
    if (!sl_web_pool_get(x->pages->pool, &st, &err)) sl_store_admin_token_get(st, out, found, &err);
    sl_web_pool_put(x->pages->pool, st);
    return err.status;
}

/* 1 when S logged in with the admin token the store holds now; 0 when
** the token was rotated (or removed) since; -1 when the store cannot say
** (no session either, but it is kept). */
static int session_current(sl_web_page_ctx *x, const sl_web_session *s)
{
    char stored[65];
    int found = 0;
    if (stored_token_hash(x, stored, &found)) return -1;
    return found && sl_token_equal(stored, s->token_hash);
}

/* The session of the request's cookie, copied into *OUT: 1, or 0 when
** there is none (absent, unknown, expired, or of a token since rotated:
** that one is dropped). */
int sl_web_admin_session_of(sl_web_page_ctx *x, sl_web_session *out)
{
    if (!session_found(x, out)) return 0;
    int current = session_current(x, out);
    if (!current) sl_web_admin_session_end(x->pages, out);
    return current == 1;
}

/* A new session of the admin token whose hash is HASH in a free (or the
** oldest) slot; SL_OK with it in *OUT. */
static sl_status session_new(sl_web_pages *p, const char *hash, sl_web_session *out, sl_error *err)
{
    sl_web_session s;
    if (sl_token_new(s.secret, err) || sl_token_new(s.csrf, err)) return err->status;
    snprintf(s.token_hash, sizeof s.token_hash, "%s", hash);
    time_t now = time(NULL);
    s.expires = now + SL_WEB_SESSION_TTL_S;
    pthread_mutex_lock(&p->lock);
    size_t pick = 0;
    for (size_t i = 1; i < SL_WEB_SESSIONS; i++)
        if (p->sessions[i].expires < p->sessions[pick].expires) pick = i;
    p->sessions[pick] = s;
    pthread_mutex_unlock(&p->lock);
    *out = s;
    return SL_OK;
}

void sl_web_admin_session_end(sl_web_pages *p, const sl_web_session *s)
{
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < SL_WEB_SESSIONS; i++)
        if (sl_token_equal(p->sessions[i].secret, s->secret)) memset(&p->sessions[i], 0, sizeof p->sessions[i]);
    pthread_mutex_unlock(&p->lock);
}

/* 1 when the request's Origin is this server: the Host it was asked as,
** or a public name of --host (a proxy in front may send Host 127.0.0.1:PORT). */
int sl_web_admin_same_origin(sl_web_page_ctx *x)
{
    const char *origin = MHD_lookup_connection_value(x->c, MHD_HEADER_KIND, "Origin");
    const char *host = MHD_lookup_connection_value(x->c, MHD_HEADER_KIND, "Host");
    if (sl_web_origin_named(origin, x->pages->hosts)) return 1;
    if (!origin || !host || !*host) return 0;
    const char *rest = !strncmp(origin, "http://", 7) ? origin + 7 : !strncmp(origin, "https://", 8) ? origin + 8 : NULL;
    return rest && !strcmp(rest, host);
}

enum MHD_Result sl_web_admin_refuse(sl_web_page_ctx *x, int status, const char *why)
{
    return sl_web_page_message(x, status, "Not allowed", why, SL_WEB_ADMIN_NO_STORE);
}

void sl_web_admin_csrf_field(FILE *f, const sl_web_session *s)
{
    fprintf(f, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", s->csrf);
}

void sl_web_admin_head(FILE *f, const char *title)
{
    sl_web_html_head(f, title, 0);
    fputs("<h1>", f);
    sl_web_html_text(f, title);
    fputs("</h1>\n", f);
}

static enum MHD_Result login_page(sl_web_page_ctx *x, int status, const char *msg)
{
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_admin_head(f, "Organisers: log in");
    if (msg) {
        fputs("<p class=\"message error\" id=\"login-error\" role=\"alert\">", f);
        sl_web_html_text(f, msg);
        fputs("</p>\n", f);
    }
    /* A refusal puts the focus on the field and ties the sentence to it: a
    ** screen reader may not read an alert that is there as the page loads. */
    fputs("<form class=\"stack\" method=\"post\" action=\"/admin/login\">\n<div class=\"field\"><label "
          "for=\"a-token\">Admin token</label><input id=\"a-token\" name=\"token\" type=\"password\" required "
          "autocomplete=\"off\" maxlength=\"100\"",
          f);
    if (msg) fputs(" aria-invalid=\"true\" aria-describedby=\"login-error\" autofocus", f);
    fputs("></div>\n<div class=\"field actions\"><button type=\"submit\">Log in"
          "</button></div>\n</form>\n<p class=\"note\">The token is made by <code>sightline campaign token</code> on "
          "the machine that holds the store.</p>\n", f);
    return sl_web_html_send(x, f, &buf, &len, status, SL_WEB_ADMIN_NO_STORE, NULL);
}

/* The form body parsed into FORM (free it either way): 1, or 0 when it breaks the form rules. */
int sl_web_admin_read_form(sl_web_page_ctx *x, sl_form *form)
{
    sl_error err;
    sl_error_clear(&err);
    /* room for the numbers of a bulk unlisting (SL_WEB_ADMIN_BULK), in the
    ** server's limit of a form's body */
    sl_form_limits lim = {SL_WEB_PAGE_BODY_LIMIT, SL_WEB_ADMIN_BULK + 16, 64, 4096};
    return sl_form_parse("form", x->body, x->body_len, &lim, form, &err) == SL_OK;
}

enum MHD_Result sl_web_admin_login(sl_web_page_ctx *x)
{
    if (strcmp(x->method, "POST")) return login_page(x, 200, NULL);
    if (!sl_web_admin_same_origin(x)) return sl_web_admin_refuse(x, 403, "This form is only accepted from this site's own page.");
    sl_form form = {0};
    const char *token = NULL;
    int parsed = sl_web_admin_read_form(x, &form);
    if (parsed) sl_form_get(&form, "token", &token);
    char stored[65], given[65];
    int found = 0;
    sl_status unreadable = stored_token_hash(x, stored, &found);
    int ok = 0;
    if (found && token && strlen(token) == SL_TOKEN_CHARS) {
        sl_token_hash(token, given);
        ok = sl_token_equal(given, stored);
    }
    sl_form_free(&form);
    if (unreadable) return sl_web_admin_refuse(x, 503, "The store cannot be read.");
    if (!found) return login_page(x, 403, "No admin token exists yet: run `sightline campaign token` first.");
    if (!ok) return login_page(x, 403, "This token is not the admin token.");
    sl_web_session s;
    sl_error err;
    sl_error_clear(&err);
    if (session_new(x->pages, stored, &s, &err)) return sl_web_admin_refuse(x, 500, "A session could not be made.");
    /* through the proxy in front, which speaks TLS (README), the browser
    ** sends the session back over https only: never to the proxy's plain
    ** http port, where anyone on the way could read it and export the
    ** pledges; asked directly (http://127.0.0.1, --bind on a network) a
    ** browser would not keep it */
    char cookie[170];
    snprintf(cookie, sizeof cookie, SL_WEB_ADMIN_COOKIE "=%s; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=%d%s", s.secret,
             SL_WEB_SESSION_TTL_S, sl_web_through_proxy(x->c, x->pages->hosts) ? "; Secure" : "");
    const char *extra[] = {"Set-Cookie", cookie, "Location", "/admin", NULL};
    char *body = strdup("logged in: /admin\n");
    return body ? sl_web_page_send(x, 303, "text/plain; charset=utf-8", body, strlen(body), SL_WEB_ADMIN_NO_STORE, extra) : MHD_NO;
}
