/*
** server_internal.h — what server.c and respond.c share: one request's
** state and the way every answer is sent (headers, ETag, 304). Private to
** `sightline serve` (src/web/server.c says the request's life).
*/
#ifndef SIGHTLINE_WEB_SERVER_INTERNAL_H
#define SIGHTLINE_WEB_SERVER_INTERNAL_H

#include <microhttpd.h>
#include <stddef.h>
#include <time.h>
#include "sightline/core/error.h"

/* frame-ancestors: no other site may frame a page of serve's, so none can
** lay its own buttons over the pledge's Confirm (clickjacking). */
#define CSP "default-src 'self'; frame-ancestors 'none'"

/* One request, from its URI to its completion. */
typedef struct request {
    struct timespec t0;
    char *query;    /* the raw query string (after '?'), or NULL */
    char path[160]; /* the raw path, cut, for the log line: never the query */
    char method[8];
    int seen, status;
    size_t bytes, body;
    int paged;  /* answered by the pages (page.h) */
    void *page; /* their state */
    char *form; /* a form's body (POST to a campaign route), NUL-terminated */
    int over;   /* its body is refused (413): read and dropped, then answered */
} request;

/* ETag: the first 20 hex digits of the sha256 of TEXT (LEN bytes), quoted. */
void sl_web_etag_of(const void *text, size_t len, char out[32]);

/* The headers of every answer: TYPE, ETAG, CACHE (Cache-Control), the
** content security policy, no sniffing, no referrer, no framing, and Vary
** on the encoding. */
void sl_web_add_headers(struct MHD_Response *resp, const char *type, const char *etag, const char *cache);

/* A response of BODY (LEN bytes, freed by MHD, also on failure) in
** ENCODING ("gzip"; NULL: as it is), tagged ETAG (NULL: its bytes'), sent
** no-cache; with CLOSE the connection ends after it. NULL out of memory. */
struct MHD_Response *sl_web_response_of(char *body, size_t len, const char *type, const char *etag, int close,
                                        const char *encoding);

/* Queue sl_web_response_of's response with STATUS on C, noting it in R.
** With KEEP it is returned with the creator's reference (for the cache),
** else destroyed and NULL returned. */
struct MHD_Response *sl_web_queue_coded(struct MHD_Connection *c, request *r, int status, char *body, size_t len,
                                        const char *type, const char *etag, int close, int keep,
                                        const char *encoding);

/* sl_web_queue_coded of a body as it is. */
struct MHD_Response *sl_web_queue_body(struct MHD_Connection *c, request *r, int status, char *body, size_t len,
                                       const char *type, const char *etag, int close, int keep);

/* An error answer: STATUS and the JSON {"error": MSG}. */
enum MHD_Result sl_web_queue_error(struct MHD_Connection *c, request *r, int status, const char *msg, int close);

/* 1 when the request's If-None-Match names ETAG (or is "*"). */
int sl_web_not_modified(struct MHD_Connection *c, const char *etag);

/* A 304 Not Modified with ETAG, the headers of TYPE's answer and its
** Cache-Control CACHE ("no-cache", or a versioned asset's year). */
enum MHD_Result sl_web_queue_304(struct MHD_Connection *c, request *r, const char *etag, const char *type,
                                 const char *cache);

/* The embedded files (assets.c) as answers ready to queue, built once at
** start (asset_answers.c). */
typedef struct sl_web_assets sl_web_assets;
/* Build them in *OUT; SL_ENOMEM when memory runs out. */
sl_status sl_web_assets_build(sl_web_assets **out, sl_error *err);
/* Answer /assets/NAME (or index.html) from AS: 200, 304 or 404; at its
** versioned address (?v=VERSION) kept a year, else no-cache. */
enum MHD_Result sl_web_assets_answer(const sl_web_assets *as, struct MHD_Connection *c, request *r, const char *name);
/* Free AS (NULL is ignored), once no connection is left. */
void sl_web_assets_free(sl_web_assets *as);

#endif
