/*
** guard.c — CSRF tokens, the same-site check and rate limits of the
** server's forms (see sightline/web/guard.h).
*/
#include "sightline/web/guard.h"
#include "sightline/core/token.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Keys a minute holds apart: a slot is found by probing from its hash
** (PROBES at most), so that two keys share a budget only when all PROBES
** slots hold other keys this minute. With one slot per hash (8,192 of
** them) a surge's thousands of signers a minute shared slots: 180 of
** 16,910 were told "Too many pledges for this address" for an address
** used once (run of 2026-12-07). 65,536 slots of 24 bytes: 1.5 MB. */
#define SLOTS 65536
#define PROBES 32

/* One slot's count in the current minute; its key only as a keyed hash. */
typedef struct slot {
    uint64_t key;
    long long minute;
    unsigned count;
} slot;

struct sl_web_guard {
    unsigned char secret[32]; /* this process's own: the rate limits' keys, and forms until shared is set */
    unsigned char shared[32]; /* the CSRF key from the store's form secret, once set */
    atomic_int has_shared;    /* 1 once shared is set (never changed after) */
    sl_web_limits limits;
    pthread_mutex_t lock;
    slot slots[SLOTS];
};

sl_status sl_web_guard_new(const sl_web_limits *limits, sl_web_guard **out, sl_error *err)
{
    char token[SL_TOKEN_CHARS + 1];
    *out = NULL;
    if (sl_token_new(token, err)) return err->status;
    sl_web_guard *g = calloc(1, sizeof *g);
    if (!g) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (pthread_mutex_init(&g->lock, NULL)) {
        free(g);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "cannot create a lock");
    }
    memcpy(g->secret, token, sizeof g->secret); /* 32 of its 43 base64url characters: 192 random bits */
    OPENSSL_cleanse(token, sizeof token);
    g->limits = limits ? *limits : SL_WEB_LIMITS_DEFAULT;
    *out = g;
    return SL_OK;
}

void sl_web_guard_free(sl_web_guard *g)
{
    if (!g) return;
    OPENSSL_cleanse(g->secret, sizeof g->secret);
    OPENSSL_cleanse(g->shared, sizeof g->shared);
    pthread_mutex_destroy(&g->lock);
    free(g);
}

void sl_web_guard_share(sl_web_guard *g, const char *secret)
{
    static const char LABEL[] = "sightline serve: the CSRF key of the forms";
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    pthread_mutex_lock(&g->lock);
    if (!atomic_load(&g->has_shared) &&
        HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)LABEL, sizeof LABEL - 1, mac, &len) &&
        len >= sizeof g->shared) {
        memcpy(g->shared, mac, sizeof g->shared);
        atomic_store(&g->has_shared, 1); /* after the key: a reader that sees 1 sees the key */
    }
    OPENSSL_cleanse(mac, sizeof mac);
    pthread_mutex_unlock(&g->lock);
}

int sl_web_guard_shared(const sl_web_guard *g)
{
    return atomic_load(&g->has_shared);
}

/* HMAC-SHA256 of TEXT under KEY (32 bytes), as 64 hex digits. */
static void mac_hex(const unsigned char *key, const char *text, char hex[65])
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    hex[0] = '\0';
    if (!HMAC(EVP_sha256(), key, 32, (const unsigned char *)text, strlen(text), mac, &len)) return;
    for (unsigned i = 0; i < len && i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", mac[i]);
}

/* The token of time T under KEY into OUT. */
static void csrf_under(const unsigned char *key, long long t, char out[SL_WEB_CSRF_MAX])
{
    char text[40], hex[65];
    snprintf(text, sizeof text, "csrf:%llx", (unsigned long long)t);
    mac_hex(key, text, hex);
    snprintf(out, SL_WEB_CSRF_MAX, "%llx.%.32s", (unsigned long long)t, hex);
}

void sl_web_csrf_issue(const sl_web_guard *g, long long now, char out[SL_WEB_CSRF_MAX])
{
    csrf_under(sl_web_guard_shared(g) ? g->shared : g->secret, now, out);
}

int sl_web_csrf_valid(const sl_web_guard *g, const char *token, long long now)
{
    if (!token) return 0;
    const char *dot = strchr(token, '.');
    size_t tlen = dot ? (size_t)(dot - token) : 0;
    if (!dot || tlen < 1 || tlen > 12 || strspn(token, "0123456789abcdef") != tlen || strlen(dot + 1) != 32)
        return 0;
    long long t = strtoll(token, NULL, 16);
    if (t > now + 60 || now - t > SL_WEB_CSRF_TTL_S) return 0;
    /* the store's key, or this process's own: what it issued before the
    ** store's secret could be read (a read-only store) stays good */
    char expect[SL_WEB_CSRF_MAX];
    int ok = 0;
    if (sl_web_guard_shared(g)) {
        csrf_under(g->shared, t, expect);
        ok = strlen(expect) == strlen(token) && CRYPTO_memcmp(expect, token, strlen(token)) == 0;
    }
    csrf_under(g->secret, t, expect);
    return ok | (strlen(expect) == strlen(token) && CRYPTO_memcmp(expect, token, strlen(token)) == 0);
}

/* 1 when URL is http://HOST or https://HOST, followed by END_OK ("" for an
** origin, "/" for a referer: the host must end there). */
static int from_host(const char *url, const char *host, int referer)
{
    size_t skip = !strncasecmp(url, "https://", 8) ? 8 : !strncasecmp(url, "http://", 7) ? 7 : 0;
    if (!skip || !host || !*host) return 0;
    size_t n = strlen(host);
    if (strncasecmp(url + skip, host, n)) return 0;
    char next = url[skip + n];
    return referer ? next == '/' || next == '\0' : next == '\0';
}

/* 1 when URL is http(s)://NAME, with any port, for one of NAMES (the
** --host names, answered on any port: the proxy in front has its own),
** followed by the end (an origin) or, with REFERER, by '/' too. */
static int from_names(const char *url, const char *const *names, int referer)
{
    size_t skip = !strncasecmp(url, "https://", 8) ? 8 : !strncasecmp(url, "http://", 7) ? 7 : 0;
    if (!skip) return 0;
    const char *name = url + skip;
    size_t n = strcspn(name, ":/?#");
    const char *rest = name + n;
    if (*rest == ':') rest += 1 + strspn(rest + 1, "0123456789");
    if (!(*rest == '\0' || (referer && *rest == '/'))) return 0;
    for (size_t i = 0; names && names[i]; i++)
        if (n && strlen(names[i]) == n && !strncasecmp(name, names[i], n)) return 1;
    return 0;
}

int sl_web_origin_named(const char *origin, const char *const *names)
{
    return origin && from_names(origin, names, 0);
}

int sl_web_same_site(const char *host, const char *const *names, const char *origin, const char *referer,
                     const char *fetch_site)
{
    if (fetch_site && strcmp(fetch_site, "same-origin") && strcmp(fetch_site, "none")) return 0;
    if (origin) return from_host(origin, host, 0) || from_names(origin, names, 0);
    if (referer) return from_host(referer, host, 1) || from_names(referer, names, 1);
    return 1;
}

/* FNV-1a of KIND and KEY, mixed with the secret so keys cannot be steered
** into one slot from outside, and so no email is kept as text. */
static uint64_t key_hash(const sl_web_guard *g, sl_web_rate_kind kind, const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < 16; i++) h = (h ^ g->secret[i]) * 1099511628211ULL;
    h = (h ^ (unsigned)kind) * 1099511628211ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    for (size_t i = 16; i < 32; i++) h = (h ^ g->secret[i]) * 1099511628211ULL;
    /* FNV's low bits, which pick the slot, differ little between keys that
    ** differ little (signer1@, signer2@): mixed so that they spread */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h ? h : 1;
}

int sl_web_rate_take(sl_web_guard *g, sl_web_rate_kind kind, const char *key, long long now, unsigned *retry_after)
{
    unsigned limit = kind == SL_WEB_RATE_CLIENT ? g->limits.per_client : g->limits.per_email;
    *retry_after = 0;
    if (!limit || !key) return 0;
    uint64_t h = key_hash(g, kind, key);
    long long minute = now / 60;
    int over, first;
    pthread_mutex_lock(&g->lock);
    /* the key's slot this minute, or the first one free (of an earlier
    ** minute); with none of them, the first: a key sharing a slot shares
    ** its budget, so a crowded table limits sooner, never later */
    slot *s = NULL, *free_slot = NULL;
    for (size_t i = 0; i < PROBES && !s; i++) {
        slot *t = &g->slots[(h + i) % SLOTS];
        if (t->minute == minute && t->key == h) s = t;
        else if (t->minute != minute && !free_slot) free_slot = t;
    }
    if (!s) s = free_slot ? free_slot : &g->slots[h % SLOTS];
    if (s->minute != minute) s->key = h, s->minute = minute, s->count = 0;
    over = ++s->count > limit;
    first = s->count == limit + 1;
    pthread_mutex_unlock(&g->lock);
    if (over) *retry_after = (unsigned)(60 - now % 60);
    return over ? 1 + first : 0;
}

int sl_web_loopback_address(const struct sockaddr *sa)
{
    if (!sa) return 0;
    if (sa->sa_family == AF_INET) return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return 0;
}

/* *PORT from TEXT, all digits, 1 to 65535: 1, or 0 when it is not one. */
static int port_of(const char *text, unsigned *port)
{
    size_t n = strspn(text, "0123456789");
    if (!n || n > 5 || text[n]) return 0;
    unsigned long v = strtoul(text, NULL, 10);
    *port = (unsigned)v;
    return v >= 1 && v <= 65535;
}

int sl_web_host_allowed(const char *host, int loopback_bind, unsigned port, const char *const *names)
{
    if (!host) return 1; /* HTTP/1.0 without one: no browser sends that (MHD refuses HTTP/1.1 without) */
    char name[256];
    const char *rest;
    int bracketed = host[0] == '[';
    if (bracketed) {
        const char *end = strchr(host, ']');
        if (!end || (size_t)(end - host - 1) >= sizeof name) return 0;
        snprintf(name, sizeof name, "%.*s", (int)(end - host - 1), host + 1);
        rest = end + 1;
    } else {
        size_t n = strcspn(host, ":");
        if (n >= sizeof name) return 0;
        snprintf(name, sizeof name, "%.*s", (int)n, host);
        rest = host + n;
    }
    unsigned given = 0;
    if (!*name || (*rest && (*rest != ':' || !port_of(rest + 1, &given)))) return 0;
    int port_ok = !given || given == port;
    struct in_addr a4;
    struct in6_addr a6;
    int v4 = !bracketed && inet_pton(AF_INET, name, &a4) == 1;
    int v6 = bracketed && inet_pton(AF_INET6, name, &a6) == 1;
    if (bracketed && !v6) return 0;
    if (!strcasecmp(name, "localhost") || (v4 && (ntohl(a4.s_addr) >> 24) == 127) || (v6 && IN6_IS_ADDR_LOOPBACK(&a6)))
        return port_ok;
    /* a name the operator gave: the proxy in front has a port of its own */
    for (size_t i = 0; names && names[i]; i++)
        if (!strcasecmp(name, names[i])) return 1;
    /* bound where others reach it: an address literal cannot be rebound */
    return !loopback_bind && (v4 || v6) && port_ok;
}

int sl_web_host_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (!n || n > 253 || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != n)
        return 0;
    return name[0] != '.' && name[0] != '-' && !strstr(name, "..");
}
