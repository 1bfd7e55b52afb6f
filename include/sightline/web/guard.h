/*
** guard.h — what stands between a public form and the store: CSRF tokens,
** the same-site check of a POST, and rate limits per client and per email.
** Any form of `sightline serve` that writes (the pledge, "suggest a
** business", an admin form) goes through these, in this order:
**
**   1. sl_web_same_site: a POST whose Origin, Referer or Sec-Fetch-Site says
**      it came from another site is refused (403) before its body is read
**      into anything.
**   2. sl_web_csrf_valid: the hidden field "csrf" must hold a token this
**      server issued (sl_web_csrf_issue, on the page that holds the form)
**      within SL_WEB_CSRF_TTL_S; else 403.
**   3. sl_web_rate_take with the client's address, then (once the email is
**      normalised) with the email: over the limit is 429 with Retry-After.
**
** A token is "T.H": T the issue time in hexadecimal seconds, H the first 32
** hex digits of HMAC-SHA256(key, "csrf:" T). The key derives from the
** store's form secret (sl_web_guard_share), so every serve process of one
** store, and a restarted one, takes the forms the others served; until it
** is shared (a store that cannot be written holds none yet), the key is
** 32 random bytes drawn at start, and tokens issued under it stay good
** after. It is not bound to a session (the server keeps
** none and sets no cookie): the Origin check is what stops another site
** from posting a token it fetched itself.
**
** Rate limits count requests per fixed minute in a table of hashed keys:
** an email address is kept only as a keyed hash, never as text, and the
** table has a fixed size (a collision makes two keys share a budget, which
** only ever limits sooner). Thread-safe.
*/
#ifndef SIGHTLINE_WEB_GUARD_H
#define SIGHTLINE_WEB_GUARD_H

#include "sightline/core/error.h"

/* How long an issued form stays valid: 4 hours. */
#define SL_WEB_CSRF_TTL_S (4L * 3600)
/* Room for a token and its NUL. */
#define SL_WEB_CSRF_MAX 48

/* Requests per minute allowed per key; 0 means no limit of that kind. */
typedef struct sl_web_limits {
    unsigned per_client; /* POSTs of forms from one client address */
    unsigned per_email;  /* pledges naming one email address */
} sl_web_limits;

/* The defaults of `sightline serve`: 20 form posts a minute per address,
** 3 pledges a minute per email. */
#define SL_WEB_LIMITS_DEFAULT ((sl_web_limits){20, 3})

typedef struct sl_web_guard sl_web_guard;

/* What a key is counted as. */
typedef enum sl_web_rate_kind { SL_WEB_RATE_CLIENT, SL_WEB_RATE_EMAIL } sl_web_rate_kind;

/* A new guard with a fresh random secret (SL_EIO when the system's random
** source fails) and LIMITS (NULL: SL_WEB_LIMITS_DEFAULT). */
sl_status sl_web_guard_new(const sl_web_limits *limits, sl_web_guard **out, sl_error *err);
void sl_web_guard_free(sl_web_guard *g);

/* Key G's CSRF tokens from SECRET, the store's form secret (HMAC-SHA256
** of a fixed label under it): the first call sets it, later ones change
** nothing. Thread-safe. sl_web_guard_shared is 1 once it is set. */
void sl_web_guard_share(sl_web_guard *g, const char *secret);
int sl_web_guard_shared(const sl_web_guard *g);

/* A token for a form served at NOW (Unix seconds) into OUT. */
void sl_web_csrf_issue(const sl_web_guard *g, long long now, char out[SL_WEB_CSRF_MAX]);

/* 1 when TOKEN was issued by G, or by any guard sharing its secret, at
** most SL_WEB_CSRF_TTL_S before NOW (and not more than a minute after it);
** compared in constant time. */
int sl_web_csrf_valid(const sl_web_guard *g, const char *token, long long now);

/* 1 when a POST with these headers (each NULL when absent) may be from
** the server's own page at HOST or at one of NAMES (NULL-ended, may be
** NULL: the public names of `serve --host`, with any port, as a proxy in
** front may send its own Host, 127.0.0.1:PORT, while the browser's Origin
** names the public one): Sec-Fetch-Site, when sent, is "same-origin" or
** "none"; Origin, when sent, is http(s)://HOST or http(s)://NAME[:PORT]
** (the opaque "null" is refused); else a Referer, when sent, starts with
** one of them and '/'. With none of them (curl, old clients) it is 1: the
** CSRF token still has to be valid. */
int sl_web_same_site(const char *host, const char *const *names, const char *origin, const char *referer,
                     const char *fetch_site);

/* 1 when ORIGIN (NULL when absent) is http(s)://NAME[:PORT] for one of
** NAMES (as sl_web_same_site takes them). */
int sl_web_origin_named(const char *origin, const char *const *names);

/* Count one request of KEY (a client address, a normalised email) of KIND
** at NOW: 0 when under the limit; 1 when over it, with *retry_after the
** seconds until the minute's budget renews (1..60); 2 when over it for the
** first time this minute (the one to say in a log). */
int sl_web_rate_take(sl_web_guard *g, sl_web_rate_kind kind, const char *key, long long now,
                     unsigned *retry_after);

/* 1 when SA (a client's address; NULL: unknown) is this machine: 127.0.0.0/8,
** ::1, or an IPv4 loopback address mapped into IPv6. What only the person
** running serve may see (the organisers' area, exact camera figures) is
** decided by it. */
struct sockaddr;
int sl_web_loopback_address(const struct sockaddr *sa);

/* 1 when HOST (a request's Host header; NULL when absent) names this
** server, so that a page of another site whose name was rebound to this
** machine (DNS rebinding) is refused before any route: "localhost" or a
** loopback address (127.0.0.0/8, [::1]), with PORT (the one served) or
** none; any of NAMES (NULL-ended; may be NULL: `serve --host`), compared
** without case, with any port (a proxy in front listens on its own);
** and, unless LOOPBACK_BIND (the server listens on a loopback address
** only), any IPv4 or bracketed IPv6 address with PORT or none: an
** address typed into a browser cannot be rebound. */
int sl_web_host_allowed(const char *host, int loopback_bind, unsigned port, const char *const *names);

/* 1 when NAME may be given to `serve --host`: 1 to 253 letters, digits,
** dots and hyphens, not starting with a dot or a hyphen, no empty label. */
int sl_web_host_name_valid(const char *name);

#endif
