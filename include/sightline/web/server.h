/*
** server.h — `sightline serve`: the store over HTTP on libmicrohttpd (a
** thread pool, internal polling). GET and HEAD; the page at "/", its
** assets under /assets/ (embedded at build time, cmake/web_assets.cmake),
** the JSON API under /api/ (api.h), the campaign's pages (src/web/campaign_web.h),
** the directory (/directory, /api/directory) and the organisers' area
** (/admin), server-rendered (page.h). The campaign's two forms and the
** organisers' area are the only POSTs and the only writes (through ingest).
**
** Read-only elsewhere: each API answer opens the store read-only for
** itself (SQLite connections are not shared between threads) and holds
** one snapshot; the forms write through one connection with group commit,
** each answered after the commit that holds it. The
** store's identity (device, inode, size, mtime) is checked on every API
** request: a store removed or replaced by another file is a 503 naming the
** problem, never a crash; one changed in place (an import) gives new ETags.
**
** Every response carries Content-Type, ETag, Cache-Control, nosniff and the
** CSP default-src 'self'; If-None-Match with the current ETag gets 304. A
** 200 answer of the API is kept in memory (bounded) until the store changes,
** so a repeated question costs a lookup.
*/
#ifndef SIGHTLINE_WEB_SERVER_H
#define SIGHTLINE_WEB_SERVER_H

#include <stddef.h>
#include <stdio.h>
#include "sightline/core/error.h"
#include "sightline/web/guard.h"

/* A request body over this many bytes is refused with 413 (the API takes
** none; a form or a mistake sends a few). The campaign's forms take up to
** SL_WEB_FORM_BODY_LIMIT (16 KiB). A refused body of up to 4 MiB is read
** to its end before the 413 goes out, so the answer reaches the client;
** a longer one, or one the client waits to send ("Expect: 100-continue"),
** is refused on its headers. */
#define SL_WEB_BODY_LIMIT 1024

/* Receives each access log line ("GET /api/info 200 812 1534us": method,
** path without the query string, status, body bytes, microseconds) and the
** HTTP library's own complaints. Called from the server's threads. */
typedef void (*sl_web_log_fn)(void *ctx, const char *line);

typedef struct sl_web_options {
    const char *store;   /* the store file; must exist */
    const char *bind;    /* an IPv4 or IPv6 address; NULL: 127.0.0.1 */
    unsigned port;       /* 0: any free port (sl_web_port tells which) */
    unsigned threads;    /* 0: 4 */
    unsigned timeout_s;  /* an idle connection, or one whose request headers have
                         ** not all come in this long (however steadily they
                         ** dribble), is closed; 0: 15 */
    int exact;           /* density without suppression (the page warns) */
    int no_cache;        /* 1: compute every answer (benchmarks of the analyses) */
    int admin_remote;    /* --admin-bind: /admin answers clients other than loopback */
    const char *const *hosts; /* --host: more names the Host header may give, NULL-ended (NULL: none) */
    sl_web_limits limits; /* the campaign's forms: posts a minute per address and per email (0: none) */
    sl_web_log_fn log;   /* NULL: no log */
    void *log_ctx;
} sl_web_options;

typedef struct sl_web_server sl_web_server;

/* Start serving (the threads run until sl_web_stop). SL_EUSAGE for a bad
** address, SL_EIO when the port cannot be bound or the store is missing. */
sl_status sl_web_start(const sl_web_options *o, sl_web_server **out, sl_error *err);

/* The port the server listens on. */
unsigned sl_web_port(sl_web_server *s);

/* Stop accepting connections, answer requests arriving from now on with
** 503, let those in flight finish (waiting up to GRACE_MS), then stop the
** threads and free S. NULL is ignored. */
void sl_web_stop(sl_web_server *s, unsigned grace_ms);

/* The embedded asset NAME ("index.html", "leaflet.js"): its bytes and
** length, or NULL. Content types follow the name's extension
** (sl_web_asset_type). */
const unsigned char *sl_web_asset(const char *name, size_t *len);
const char *sl_web_asset_type(const char *name);
/* The I-th embedded asset (its name in *NAME), or NULL past the last. */
const unsigned char *sl_web_asset_at(size_t i, const char **name, size_t *len);
/* The version of asset NAME: the first 12 hex digits of its bytes'
** SHA-256, computed at build time; "" for index.html and for a name not
** embedded. A page asks for /assets/NAME?v=VERSION, which the server lets
** a browser keep a year: a changed file is a new address. */
const char *sl_web_asset_version(const char *name);
/* Write to F the <head> tag that loads asset NAME at its versioned address:
** a stylesheet for .css, a deferred script for .js, the icon for .svg. */
void sl_web_asset_tag(FILE *f, const char *name);

#endif
