/*
** server.c — `sightline serve` on libmicrohttpd (see server.h): the daemon,
** one request's life (context, routing, the API's cache, log line) and a
** shutdown that lets requests in flight finish.
*/
#include "sightline/web/server.h"
#include "sightline/store/store.h"
#include "sightline/web/api.h"
#include "sightline/web/query.h"
#include "page.h"
#include "web_internal.h"
#include "campaign_web.h"
#include "server_internal.h"
#include "watch.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CACHE_BYTES (64u << 20)

struct sl_web_server {
    struct MHD_Daemon *d;
    sl_web_options o;
    char *store;
    atomic_uint port;     /* the port served (Host headers name it) */
    int loopback_bind;    /* listening on a loopback address only */
    atomic_int closing;   /* 1 once sl_web_stop began */
    atomic_long inflight; /* requests between their URI and their completion */
    pthread_mutex_t lock; /* guards the identity and generation below */
    struct stat ident;    /* the store file as first seen */
    int pg;               /* the store is a PostgreSQL database: watched by its generation */
    char pg_gen[64];      /* its generation as last seen */
    char *wal;            /* its write-ahead log's name (the server's own pledges go there first) */
    struct stat wal_ident; /* the log as last seen (zeroed while there is none) */
    unsigned long gen;    /* bumped when the store changes in place */
    sl_web_cache *cache;
    sl_web_api_memo *memo; /* the density bins viewport requests cut */
    pthread_t warm;        /* bins the default density map at start */
    int warm_started;
    sl_web_watch *watch; /* the header watchdog (watch.c) */
    sl_web_assets *assets; /* the embedded files, ready to answer (asset_answers.c) */
    sl_web_pages *pages; /* the directory and the organisers' area (page.h) */
    sl_web_campaign *campaign; /* the campaign's routes (campaign_web.h) */
    sl_web_pool *pool;         /* read handles of the store for the API (pool.c) */
    sl_web_purger *purger;     /* deletes unconfirmed pledges once their link expired (purge.c) */
    atomic_int told_gone;      /* 1 once the log said the store file was replaced or removed */
};



/* A refused body is read to its end, up to this many bytes, before the 413
** goes out: closing with bytes of it unread makes the kernel reset the
** connection, and the reset can reach the client before the answer does,
** so it never learns why (RFC 9112, 9.6). Past this, the answer goes out
** and the connection closes. */
#define DRAIN_LIMIT ((size_t)4 << 20)

static void say(sl_web_server *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void say(sl_web_server *s, const char *fmt, ...)
{
    if (!s->o.log) return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    s->o.log(s->o.log_ctx, line);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    char line[400];
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    say(cls, "server: %s", line);
}

/* MHD calls this first, with the raw URI: the query string is kept here
** for our own parser (query.h), and the request is counted in flight. */
static void *uri_start(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)c;
    sl_web_server *s = cls;
    atomic_fetch_add(&s->inflight, 1);
    request *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    const char *q = strchr(uri, '?');
    size_t n = q ? (size_t)(q - uri) : strlen(uri);
    snprintf(r->path, sizeof r->path, "%.*s%s", (int)(n < 120 ? n : 120), uri, n > 120 ? "..." : "");
    r->query = q ? strdup(q + 1) : NULL;
    if (q && !r->query) r->status = -1; /* answered 500 */
    return r;
}

static void completed(void *cls, struct MHD_Connection *c, void **ctx, enum MHD_RequestTerminationCode toe)
{
    sl_web_server *s = cls;
    sl_web_watch_waiting(s->watch, c, 1); /* a kept-alive connection awaits its next request's headers */
    request *r = *ctx;
    if (r) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long long us = (t1.tv_sec - r->t0.tv_sec) * 1000000LL + (t1.tv_nsec - r->t0.tv_nsec) / 1000;
        if (r->status > 0)
            say(s, "%s %s %d %zu %lldus%s", r->method, r->path, r->status, r->bytes, us,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (client gone)");
        else /* answered by the HTTP library itself (a malformed request) or cut off */
            say(s, "%s %s - 0 %lldus (%s)", r->method[0] ? r->method : "-", r->path, us,
                toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timed out" : "not answered");
        sl_web_pages_end(r->page);
        free(r->query);
        free(r->form);
        free(r);
        *ctx = NULL;
    }
    atomic_fetch_sub(&s->inflight, 1);
}

static enum MHD_Result serve_asset(sl_web_server *s, struct MHD_Connection *c, request *r, const char *name)
{
    return sl_web_assets_answer(s->assets, c, r, name);
}

/* A PostgreSQL store: its generation (bumped by each committed import) read
** outside any snapshot, on a kept connection (pool.c), so every commit is
** seen; a new one starts a new generation here. */
static const char *pg_state(sl_web_server *s, unsigned long *gen, char ident[96])
{
    sl_store *st = NULL;
    sl_error err;
    sl_error_clear(&err);
    char now[64] = "";
    /* a kept connection the database has since closed (a restart, a
    ** terminated backend) fails here once and is dropped: ask again on a
    ** new one (not another kept one, likely closed too) before calling the
    ** store unreadable; the request's answer then runs on that new one */
    if (sl_web_pool_get(s->pool, &st, &err) == SL_OK &&
        sl_store_generation(st, now, sizeof now, &err) != SL_OK) {
        sl_web_pool_put(s->pool, st);
        st = NULL;
        sl_error_clear(&err);
        if (sl_web_pool_fresh(s->pool, &st, &err) == SL_OK) sl_store_generation(st, now, sizeof now, &err);
    }
    sl_web_pool_put(s->pool, st);
    /* the database's own limit, reached by other programs: not "down" */
    if (err.status && strstr(err.msg, "too many clients"))
        return "the database has no connection left for this server (its max_connections is reached by other "
               "programs); try again";
    if (err.status) return "the store cannot be read now (is the database up?); try again";
    pthread_mutex_lock(&s->lock);
    if (strcmp(now, s->pg_gen) != 0) {
        if (s->pg_gen[0]) s->gen++;
        snprintf(s->pg_gen, sizeof s->pg_gen, "%s", now);
    }
    *gen = s->gen;
    snprintf(ident, 96, "pg:%s", now);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* The store as it is now, against the one the server started on: 0 (its
** generation and identity text filled in), or a 503 message. An import in
** place (same file, new size or time) starts a new generation: cached
** answers and ETags of the old one no longer match. */
static const char *store_state(sl_web_server *s, unsigned long *gen, char ident[96])
{
    struct stat now;
    if (s->pg) return pg_state(s, gen, ident);
    if (stat(s->store, &now) != 0)
        return "the store is gone (removed or renamed while the server runs); restart sightline serve";
    pthread_mutex_lock(&s->lock);
    const char *bad = NULL;
    if (now.st_dev != s->ident.st_dev || now.st_ino != s->ident.st_ino) {
        bad = "the store was replaced by another file while the server runs; restart sightline serve";
    } else if (now.st_size != s->ident.st_size || now.st_mtim.tv_sec != s->ident.st_mtim.tv_sec ||
               now.st_mtim.tv_nsec != s->ident.st_mtim.tv_nsec) {
        s->ident = now;
        s->gen++;
    }
    /* in WAL mode a commit changes the log, not the file: it counts too */
    struct stat wal;
    if (stat(s->wal, &wal) != 0) memset(&wal, 0, sizeof wal);
    if (!bad && (wal.st_size != s->wal_ident.st_size || wal.st_mtim.tv_sec != s->wal_ident.st_mtim.tv_sec ||
                 wal.st_mtim.tv_nsec != s->wal_ident.st_mtim.tv_nsec)) {
        s->wal_ident = wal;
        s->gen++;
    }
    *gen = s->gen;
    snprintf(ident, 96, "%llu:%llu:%lld:%lld.%09ld:%lu", (unsigned long long)now.st_dev, (unsigned long long)now.st_ino,
             (long long)now.st_size, (long long)now.st_mtim.tv_sec, (long)now.st_mtim.tv_nsec, s->gen);
    pthread_mutex_unlock(&s->lock);
    return bad;
}

/* The map's default density (posts, 500 m edge, as the benchmarks and the
** page's first choice) binned while the server waits for its first visitor:
** at ten million posts the first binning takes seconds, and a request for
** it meanwhile waits for this one instead of starting its own. The answer
** asked for is a tiny box far from any data, so nothing is drawn for
** nobody; a store without posts answers an error, dropped here. */
static void *warm_density(void *arg)
{
    sl_web_server *s = arg;
    unsigned long gen = 0;
    char ident[96] = "";
    if (store_state(s, &gen, ident)) return NULL;
    static const char QUERY[] = "points=posts&hex=500&bbox=0,0,0.0001,0.0001";
    sl_web_query q;
    sl_error err;
    sl_error_clear(&err);
    if (sl_web_query_parse(QUERY, sizeof QUERY - 1, &q, &err) == SL_OK) {
        sl_web_reply rep;
        sl_web_api_answer(s->pool, ident, s->memo, s->o.exact, "/api/density", &q, &rep);
        free(rep.body);
    }
    sl_web_query_free(&q);
    return NULL;
}

/* Compute the answer to PATH?Q, keep it for KEY, and queue it: a 200 whose
** bytes the client has (If-None-Match) as a 304. The ETag is of the bytes,
** not of the store's state: every write to the store (a signature, a
** confirmation) starts a new generation, and a tag of the generation told
** whoever polls an unchanged answer that someone had just signed. */
static enum MHD_Result answer_api(sl_web_server *s, struct MHD_Connection *c, request *r, const char *path,
                                  const sl_web_query *q, const char *ident, const char *key, unsigned long gen, int gz)
{
    sl_web_reply rep;
    sl_web_api_answer(s->pool, ident, s->memo, s->o.exact, path, q, &rep);
    size_t zlen = 0;
    char *z = gz && rep.status == 200 && sl_web_gzip_type(rep.type) ? sl_web_gzip(rep.body, rep.len, &zlen) : NULL;
    if (z) free(rep.body), rep.body = z, rep.len = zlen;
    char etag[32];
    sl_web_etag_of(rep.body ? rep.body : "", rep.len, etag);
    if (rep.status != 200) {
        sl_web_queue_coded(c, r, rep.status, rep.body, rep.len, rep.type, etag, 0, 0, z ? "gzip" : NULL);
        return r->status ? MHD_YES : MHD_NO;
    }
    struct MHD_Response *resp = sl_web_response_of(rep.body, rep.len, rep.type, etag, 0, z ? "gzip" : NULL);
    if (!resp) return sl_web_queue_error(c, r, 500, "out of memory", 0);
    enum MHD_Result ok;
    if (sl_web_not_modified(c, etag)) {
        ok = sl_web_queue_304(c, r, etag, rep.type, "no-cache");
    } else {
        ok = MHD_queue_response(c, MHD_HTTP_OK, resp);
        if (ok == MHD_YES) r->status = 200, r->bytes = rep.len;
    }
    if (s->o.no_cache) MHD_destroy_response(resp);
    else sl_web_cache_put(s->cache, key, gen, resp, rep.len, etag);
    return ok;
}

static enum MHD_Result serve_api(sl_web_server *s, struct MHD_Connection *c, request *r, const char *path)
{
    sl_error err;
    sl_error_clear(&err);
    sl_web_query q;
    const char *raw = r->query ? r->query : "";
    if (sl_web_query_parse(raw, strlen(raw), &q, &err)) {
        sl_web_query_free(&q);
        return sl_web_queue_error(c, r, err.status == SL_ENOMEM ? 500 : 400, err.msg, 0);
    }
    /* exact camera figures stay on this machine unless --exact (api.h);
    ** decided before the cache, which keys answers by path, not by client */
    const char *local = s->o.exact ? NULL : sl_web_api_local_only(path, &q);
    if (local && !sl_web_local_client(c, s->o.hosts)) {
        sl_web_query_free(&q);
        return sl_web_queue_error(c, r, 403, local, 0);
    }
    unsigned long gen = 0;
    char ident[96] = "", etag[32];
    const char *gone = store_state(s, &gen, ident);
    char *canon = sl_web_query_canonical(&q), *key = NULL;
    size_t klen = canon ? strlen(path) + strlen(canon) + strlen(ident) + 8 : 0;
    /* the gzip of an answer is kept (and tagged) apart from its plain bytes */
    int gz = sl_web_gzip_wanted(c);
    if (canon && (key = malloc(klen + 3)))
        snprintf(key, klen + 3, "%s?%s#%s%s%s", path, canon, ident, s->o.exact ? "!" : "", gz ? "+gz" : "");
    free(canon);
    enum MHD_Result ok;
    size_t len;
    if (gone) {
        ok = sl_web_queue_error(c, r, 503, gone, 0);
    } else if (!key) {
        ok = sl_web_queue_error(c, r, 500, "out of memory", 0);
    } else if (!s->o.no_cache && sl_web_cache_etag(s->cache, key, gen, etag) && sl_web_not_modified(c, etag)) {
        ok = sl_web_queue_304(c, r, etag, "application/json; charset=utf-8", "no-cache");
    } else if (!s->o.no_cache && sl_web_cache_queue(s->cache, key, gen, c, &len)) {
        r->status = 200, r->bytes = len;
        ok = MHD_YES;
    } else {
        ok = answer_api(s, c, r, path, &q, ident, key, gen, gz);
    }
    free(key);
    sl_web_query_free(&q);
    return ok;
}

/* What search engines may keep of the campaign's page URL: NULL (all) for
** the campaign itself, noindex for every page under /campaign/ (a signer's
** link with its token in the address, the pages of older signers' names,
** a form's answer): a search engine keeps a name after its signer left the
** list, and a link's page opens her answers to whoever finds it. */
static const char *robots_of(const char *url)
{
    return !strncmp(url, "/campaign/", 10) ? "noindex, nofollow, noarchive" : NULL;
}

/* Queue the campaign's page P (its body freed by MHD); with CLOSE the
** connection ends after it. REFERRER is its Referrer-Policy (NULL:
** same-origin, so a form's POST carries its Origin); ROBOTS its
** X-Robots-Tag (NULL: none). */
static enum MHD_Result queue_page(struct MHD_Connection *c, request *r, sl_web_page *p, int close, const char *referrer,
                                  const char *robots)
{
    if (!p->body) return sl_web_queue_error(c, r, 500, "out of memory", close);
    struct MHD_Response *resp = MHD_create_response_from_buffer(p->len, p->body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(p->body);
        return MHD_NO;
    }
    char tag[32], retry[16];
    sl_web_etag_of(p->body, p->len, tag);
    sl_web_add_headers(resp, p->type, tag, "no-store");
    MHD_del_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Referrer-Policy", referrer ? referrer : "same-origin");
    if (close) MHD_add_response_header(resp, "Connection", "close");
    if (robots) MHD_add_response_header(resp, "X-Robots-Tag", robots);
    if (p->retry_after) {
        snprintf(retry, sizeof retry, "%u", p->retry_after);
        MHD_add_response_header(resp, "Retry-After", retry);
    }
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)p->status, resp);
    if (ok == MHD_YES) r->status = p->status, r->bytes = p->len;
    MHD_destroy_response(resp);
    return ok;
}

/* 1 when R is the POST of one of the campaign's forms (R's body may be
** unread: one over the limit is never kept). */
static int form_post(const request *r, const char *url)
{
    return !strcmp(r->method, "POST") && sl_web_campaign_posts(url);
}

/* The 413 of a body over the limit: a page like the form's other
** refusals when URL is one of the campaign's forms (a person pressed a
** button), the JSON error otherwise. */
static enum MHD_Result too_large(struct MHD_Connection *c, request *r, const char *url, int form, const char *msg)
{
    if (!form) return sl_web_queue_error(c, r, 413, msg, 1);
    sl_web_page p;
    sl_web_camp_message(&p, 413, "Too much text",
                        "The form sent more text than it can take. Go back, shorten the longest answer and send it again.",
                        !strncmp(url, "/directory", 10) ? SL_WEB_SIDE_DIRECTORY : SL_WEB_SIDE_CAMPAIGN);
    return queue_page(c, r, &p, 1, NULL, robots_of(url));
}

/* A campaign route (campaign_web.h): its pages ask browsers for the
** Referer of same-origin requests, so a form's POST carries its Origin
** (the confirmation link's and the manage link's pages, which hold a
** token, for the site's alone: strict-origin). */
static enum MHD_Result serve_campaign(sl_web_server *s, struct MHD_Connection *c, request *r, const char *url)
{
    char client[80];
    sl_web_client_key(c, client, sizeof client);
    sl_web_request rq = {r->method, url, r->query, r->form, r->form ? r->body : 0, client,
                         MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"),
                         MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"),
                         MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Referer"),
                         MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site"), s->o.hosts};
    sl_web_page p;
    sl_web_campaign_answer(s->campaign, &rq, &p);
    /* the link's page holds its token in its address: the requests it makes
    ** (its style sheet, script, the button's POST) name the site only, so
    ** no log of a proxy in front, which keeps each Referer, holds the token */
    return queue_page(c, r, &p, 0,
                      !strcmp(url, "/campaign/confirm") || !strncmp(url, "/campaign/manage", 16) ? "strict-origin"
                                                                                                  : NULL,
                      robots_of(url));
}

/* /api/client: whether this request is answered exact camera figures (from
** this machine, not forwarded by a proxy, or by a server run --exact) or
** only the report's published ones, so the page asks for the right one
** first (a refused request is an error in every browser's console). Per
** client: never in the answers' cache, which keys by path. */
static enum MHD_Result serve_client(sl_web_server *s, struct MHD_Connection *c, request *r)
{
    int exact = s->o.exact || sl_web_local_client(c, s->o.hosts);
    char *body = strdup(exact ? "{\"exact_figures\":true}" : "{\"exact_figures\":false}");
    if (!body) return sl_web_queue_error(c, r, 500, "out of memory", 1);
    sl_web_queue_body(c, r, 200, body, strlen(body), "application/json; charset=utf-8", NULL, 0, 0);
    return r->status == 200 ? MHD_YES : MHD_NO;
}

/* /robots.txt: crawlers kept off the API (each filter a new address, each
** a computation) and the organisers' area; the pages of a signer's link
** are not listed here but answer noindex (robots_of), which a crawler
** reads only on a page it may fetch. */
static enum MHD_Result serve_robots(struct MHD_Connection *c, request *r)
{
    static const char TXT[] = "# sightline serve: the dashboard, the campaign and the directory are for readers.\n"
                              "# A signer's pages answer X-Robots-Tag: noindex.\n"
                              "User-agent: *\n"
                              "Disallow: /api/\n"
                              "Disallow: /admin\n";
    char *body = strdup(TXT);
    if (!body) return sl_web_queue_error(c, r, 500, "out of memory", 1);
    sl_web_queue_body(c, r, 200, body, sizeof TXT - 1, "text/plain; charset=utf-8", NULL, 0, 0);
    return r->status == 200 ? MHD_YES : MHD_NO;
}

/* The length of URL's first segment (/sightline of /sightline/campaign)
** when what follows it is one of serve's own paths: a proxy that passed
** serve a sub-path of its site (https://news.example/sightline/). Its
** pages ask for /assets/, /api/ and /campaign at the root, so they cannot
** work there. 0 otherwise. */
static size_t subpath_of(const char *url)
{
    const char *rest = url[0] ? strchr(url + 1, '/') : NULL;
    if (!rest) return 0;
    int ours = !strcmp(rest, "/") || !strcmp(rest, "/index.html") || !strncmp(rest, "/assets/", 8) ||
               !strcmp(rest, "/api/client") || !strcmp(rest, "/robots.txt") || sl_web_api_known(rest) ||
               sl_web_campaign_known(rest) || sl_web_pages_claim(rest);
    return ours ? (size_t)(rest - url) : 0;
}

/* A path nobody answers: for a browser outside /api/ (a mistyped or stale
** link a reader followed) a page leading to the figures, for the API its
** JSON error listing its paths; under a sub-path, both say to give serve
** a name of its own. */
static enum MHD_Result not_found(sl_web_server *s, struct MHD_Connection *c, request *r, const char *url)
{
    char msg[512];
    size_t sub = subpath_of(url);
    if (sub)
        snprintf(msg, sizeof msg,
                 "sightline serve answers at the root of a name of its own (https://sightline.example.org/), not under "
                 "a sub-path such as %.*s/: its pages ask for /assets/, /api/ and /campaign at the root. Give it a name "
                 "of its own in the proxy (README, \"Publishing the campaign\").",
                 (int)(sub < 100 ? sub : 100), url);
    else sl_web_api_not_found(msg, sizeof msg);
    const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    if (!strncmp(url, "/api/", 5) || !accept || !strstr(accept, "text/html")) return sl_web_queue_error(c, r, 404, msg, 0);
    sl_web_page_ctx x = {s->pages, c, url, r->method, r->query, "", 0, &r->status, &r->bytes};
    return sl_web_page_message(&x, 404, "No page here",
                               sub ? msg
                                   : "Nothing is at this address: the link may be mistyped or old. The figures are on "
                                     "the site's first page (sightline, above); the campaign, where there is one, is "
                                     "at /campaign.",
                               "no-cache");
}

static enum MHD_Result route(sl_web_server *s, struct MHD_Connection *c, request *r, const char *url)
{
    if (atomic_load(&s->closing)) return sl_web_queue_error(c, r, 503, "the server is shutting down", 1);
    if (r->status < 0) return sl_web_queue_error(c, r, 500, "out of memory", 1);
    if (!strcmp(url, "/") || !strcmp(url, "/index.html")) return serve_asset(s, c, r, "index.html");
    if (!strncmp(url, "/assets/", 8)) return serve_asset(s, c, r, url + 8);
    if (!strcmp(url, "/api/client")) return serve_client(s, c, r);
    if (!strcmp(url, "/robots.txt")) return serve_robots(c, r);
    if (sl_web_api_known(url)) return serve_api(s, c, r, url);
    if (sl_web_campaign_known(url)) return serve_campaign(s, c, r, url);
    return not_found(s, c, r, url);
}

/* The answer to a request whose Host names another server (a page of
** another site that rebound its name to this machine): plain text, and the
** connection closes without reading a body. */
static enum MHD_Result misdirected(struct MHD_Connection *c, request *r)
{
    static const char MSG[] =
        "421 Misdirected Request: sightline serve answers only under the names it is served under: localhost, "
        "127.0.0.1 or [::1] with its port (an address of this machine when it listens on one, --bind), and the "
        "names given with --host NAME. Open it by one of those. (A page of another site that names this server, "
        "as in DNS rebinding, is refused.)\n";
    char *body = strdup(MSG);
    if (!body) return MHD_NO;
    sl_web_queue_body(c, r, 421, body, sizeof MSG - 1, "text/plain; charset=utf-8", NULL, 1, 0);
    return r->status == 421 ? MHD_YES : MHD_NO;
}

/* The pages' answer while the store file was replaced or removed under a
** running server (a rebuilt store moved over its name): the API says so
** (503), and so must the campaign and the directory, whose kept handles
** would read and write the old file, a pledge taken into a file nobody
** reads again. The connection closes: a form's body is never read. */
static enum MHD_Result store_gone(sl_web_server *s, struct MHD_Connection *c, request *r, const char *url,
                                  const char *why)
{
    if (!atomic_exchange(&s->told_gone, 1)) say(s, "store: %s (the campaign and directory answer 503 until then)", why);
    sl_web_page p;
    sl_web_camp_message(&p, 503, "Back in a minute",
                        "This site is being updated: come back in a minute. If you sent a form just now, it did not "
                        "arrive: send it again then.",
                        !strncmp(url, "/directory", 10) ? SL_WEB_SIDE_DIRECTORY : SL_WEB_SIDE_CAMPAIGN);
    p.retry_after = 60;
    return queue_page(c, r, &p, 1, NULL, NULL);
}

/* The store file's trouble when URL is the campaign's or the pages' (a
** SQLite store replaced or removed), else NULL. */
static const char *pages_store_gone(sl_web_server *s, const char *url)
{
    if (s->pg || !(sl_web_campaign_known(url) || sl_web_pages_claim(url))) return NULL;
    unsigned long gen;
    char ident[96];
    return store_state(s, &gen, ident);
}

static enum MHD_Result handle_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                      const char *version, const char *upload, size_t *upload_size, void **ctx)
{
    (void)version;
    sl_web_server *s = cls;
    request *r = *ctx;
    if (!r) return MHD_NO; /* out of memory at the URI: close the connection */
    if (!r->seen) sl_web_watch_waiting(s->watch, c, 0); /* every header is in: the header deadline is met */
    if (!r->seen && !sl_web_host_allowed(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"), s->loopback_bind,
                                         atomic_load(&s->port), s->o.hosts)) {
        r->seen = 1;
        snprintf(r->method, sizeof r->method, "%s", strlen(method) < sizeof r->method ? method : "?");
        return misdirected(c, r);
    }
    const char *gone = r->seen ? NULL : pages_store_gone(s, url);
    if (gone) {
        r->seen = 1;
        snprintf(r->method, sizeof r->method, "%s", strlen(method) < sizeof r->method ? method : "?");
        return store_gone(s, c, r, url, gone);
    }
    /* the directory and the organisers' area take their own methods and forms (page.c) */
    if (r->paged || (!r->seen && sl_web_pages_claim(url) && !atomic_load(&s->closing) && r->status >= 0)) {
        if (!r->seen) snprintf(r->method, sizeof r->method, "%s", strlen(method) < sizeof r->method ? method : "?");
        r->seen = r->paged = 1;
        return sl_web_pages_handle(s->pages, c, url, method, r->query, upload, upload_size, &r->page, &r->status,
                                   &r->bytes);
    }
    if (!r->seen) {
        r->seen = 1;
        snprintf(r->method, sizeof r->method, "%s", strlen(method) < sizeof r->method ? method : "?");
        int form = !strcmp(method, "POST") && sl_web_campaign_posts(url);
        if (strcmp(method, "GET") && strcmp(method, "HEAD") && !form) {
            /* the answer goes out now and the connection closes: no body is read */
            return sl_web_queue_error(c, r, 405, "only GET and HEAD, and POST of the campaign's forms", 1);
        }
        /* A declared length over the limit is refused before a byte of the
        ** body is read when the client waits for "100 Continue" (it has
        ** sent nothing) or the body is too long to read; else once read.
        ** A chunked body, of a length nobody declared, once read too. */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
        const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect");
        size_t limit = form ? SL_WEB_FORM_BODY_LIMIT : SL_WEB_BODY_LIMIT;
        unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
        int waits = expect && !strcasecmp(expect, "100-continue");
        if (declared > limit && (waits || declared > DRAIN_LIMIT))
            return too_large(c, r, url, form, "request body too large or of no declared length");
        r->over = te != NULL || declared > limit;
        if (form && !r->over && !(r->form = calloc(1, limit + 1))) return sl_web_queue_error(c, r, 500, "out of memory", 1);
        return MHD_YES;
    }
    if (r->status) { /* already answered (an error before the body ended): drop the rest */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        size_t limit = r->form ? SL_WEB_FORM_BODY_LIMIT : SL_WEB_BODY_LIMIT;
        r->over |= r->body + *upload_size > limit;
        if (!r->over && r->form) memcpy(r->form + r->body, upload, *upload_size); /* never logged: the log has the path */
        r->body += *upload_size;
        *upload_size = 0;
        if (r->over && r->body > DRAIN_LIMIT) return too_large(c, r, url, form_post(r, url), "request body too large");
        return MHD_YES;
    }
    if (r->over) return too_large(c, r, url, form_post(r, url), "request body too large or of no declared length");
    return route(s, c, r, url);
}

/* The library's entry to a request: its time is the thread's busy time,
** which the header watchdog does not count against the thread's other
** connections. */
static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **ctx)
{
    sl_web_server *s = cls;
    sl_web_watch_busy(s->watch, 1);
    enum MHD_Result rc = handle_request(cls, c, url, method, version, upload, upload_size, ctx);
    sl_web_watch_busy(s->watch, 0);
    return rc;
}

/* The listening address of O (127.0.0.1 by default) in *SA; *V6 for IPv6. */
static sl_status address(const sl_web_options *o, struct sockaddr_storage *sa, int *v6, sl_error *err)
{
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    memset(sa, 0, sizeof *sa);
    struct sockaddr_in *a4 = (struct sockaddr_in *)sa;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)sa;
    *v6 = strchr(bind, ':') != NULL;
    if (*v6 ? inet_pton(AF_INET6, bind, &a6->sin6_addr) != 1 : inet_pton(AF_INET, bind, &a4->sin_addr) != 1)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--bind wants an IPv4 or IPv6 address (127.0.0.1, ::1), not '%s'",
                       bind);
    if (o->port > 65535) return sl_fail(err, SL_EUSAGE, NULL, 0, "--port wants 0 to 65535, not %u", o->port);
    if (*v6) a6->sin6_family = AF_INET6, a6->sin6_port = htons((uint16_t)o->port);
    else a4->sin_family = AF_INET, a4->sin_port = htons((uint16_t)o->port);
    return SL_OK;
}

static void destroy(sl_web_server *s)
{
    sl_web_assets_free(s->assets);
    sl_web_cache_free(s->cache);
    sl_web_pages_free(s->pages);
    sl_web_campaign_free(s->campaign);
    sl_web_api_memo_free(s->memo);
    sl_web_pool_free(s->pool);
    sl_web_watch_stop(s->watch); /* after the library: it tells of connections until it stops */
    pthread_mutex_destroy(&s->lock);
    free(s->store);
    free(s->wal);
    free(s);
}

sl_status sl_web_start(const sl_web_options *o, sl_web_server **out, sl_error *err)
{
    struct sockaddr_storage sa;
    int v6;
    *out = NULL;
    if (address(o, &sa, &v6, err)) return err->status;
    sl_web_server *s = calloc(1, sizeof *s);
    if (!s) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (pthread_mutex_init(&s->lock, NULL)) {
        free(s);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "cannot create a lock");
    }
    s->o = *o;
    s->loopback_bind = sl_web_loopback_address((const struct sockaddr *)&sa);
    atomic_store(&s->port, o->port); /* 0 (any free port): set once bound, below */
    s->store = strdup(o->store);
    size_t wlen = strlen(o->store) + 5;
    if ((s->wal = malloc(wlen))) snprintf(s->wal, wlen, "%s-wal", o->store);
    s->cache = sl_web_cache_new(CACHE_BYTES);
    s->memo = sl_web_api_memo_new(0, o->log, o->log_ctx);
    /* one kept connection per server thread: each runs one request at a
    ** time, the API's or a page's */
    s->pool = sl_web_pool_new(o->store, o->threads ? o->threads : 4);
    s->pages = s->pool ? sl_web_pages_new(o->store, s->pool, o->admin_remote) : NULL;
    if (s->pages) s->pages->hosts = o->hosts;
    /* the pool's threads (and the library's own, if it runs one) */
    s->watch = sl_web_watch_start(o->timeout_s ? o->timeout_s : 15, (o->threads ? o->threads : 4) + 1, o->log, o->log_ctx);
    if (!s->store || !s->wal || !s->cache || !s->pages || !s->memo || !s->pool || !s->watch ||
        sl_web_assets_build(&s->assets, err) || sl_web_campaign_new(o->store, s->pool, &o->limits, o->log, o->log_ctx, &s->campaign, err)) {
        destroy(s);
        return err->status ? err->status : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    atomic_store(&s->campaign->port, o->port); /* 0 (any free port): set once bound, below */
    s->pg = sl_store_is_postgres(s->store);
    if (!s->pg && stat(s->store, &s->ident) != 0) {
        destroy(s);
        return sl_fail(err, SL_EIO, o->store, 0, "no store here");
    }
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, s,
                            MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads ? o->threads : 4),
                            /* the library's idle timeout counts the time a thread spent in another
                            ** request's handler against this connection (a visitor behind a 15 s
                            ** wait on the store was dropped): the header watchdog, which does not,
                            ** keeps --timeout; this stays a backstop for a request silent midway */
                            MHD_OPTION_CONNECTION_TIMEOUT, 4 * (unsigned)(o->timeout_s ? o->timeout_s : 15),
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
                            /* headers and the request line share this: more is a 431/414 */
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
                            MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
                            MHD_OPTION_URI_LOG_CALLBACK, uri_start, s,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, s,
                            MHD_OPTION_NOTIFY_CONNECTION, sl_web_watch_connection, s->watch,
                            MHD_OPTION_END);
    if (!s->d) {
        destroy(s);
        return sl_fail(err, SL_EIO, NULL, 0, "cannot listen on %s port %u (in use, or not an address of this machine?)",
                       o->bind ? o->bind : "127.0.0.1", o->port);
    }
    s->warm_started = pthread_create(&s->warm, NULL, warm_density, s) == 0; /* none: the first request bins */
    s->purger = sl_web_purger_start(s->store, s->pool, 0, o->log, o->log_ctx);
    if (!s->purger) say(s, "server: no thread to delete expired unconfirmed pledges: run `campaign purge`");
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    atomic_store(&s->port, info ? info->port : o->port);
    atomic_store(&s->campaign->port, atomic_load(&s->port));
    *out = s;
    return SL_OK;
}

unsigned sl_web_port(sl_web_server *s)
{
    return atomic_load(&s->port);
}

void sl_web_stop(sl_web_server *s, unsigned grace_ms)
{
    if (!s) return;
    atomic_store(&s->closing, 1);
    /* no new connections; requests already inside the handler (or whose
    ** answer is on its way out) run to their end, new ones get 503 */
    MHD_socket lsock = MHD_quiesce_daemon(s->d);
    for (unsigned waited = 0; atomic_load(&s->inflight) > 0 && waited < grace_ms; waited += 10) {
        struct timespec ten = {0, 10 * 1000 * 1000};
        nanosleep(&ten, NULL);
    }
    /* the warm-up cannot be cut short: a binning under way ends first */
    if (s->warm_started) pthread_join(s->warm, NULL);
    sl_web_purger_stop(s->purger);
    MHD_stop_daemon(s->d);
    if (lsock != MHD_INVALID_SOCKET) close(lsock);
    destroy(s);
}
