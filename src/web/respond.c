/*
** respond.c — how `sightline serve` sends an answer (see server_internal.h):
** the headers every response carries, its ETag (of its bytes, never of the
** store's state, which every signature changes), errors and 304s. Apart
** from server.c, which says a request's life, so each stays readable.
*/
#include "server_internal.h"
#include "sightline/core/sha256.h"
#include "sightline/web/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sl_web_etag_of(const void *text, size_t len, char out[32])
{
    char hex[65];
    sl_sha256_buffer(text, len, hex);
    snprintf(out, 32, "\"%.20s\"", hex);
}

void sl_web_add_headers(struct MHD_Response *resp, const char *type, const char *etag, const char *cache)
{
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "ETag", etag);
    MHD_add_response_header(resp, "Cache-Control", cache);
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY"); /* frame-ancestors for older browsers */
    MHD_add_response_header(resp, "Vary", "Accept-Encoding"); /* a cache keeps the gzip apart */
}

struct MHD_Response *sl_web_response_of(char *body, size_t len, const char *type, const char *etag, int close,
                                        const char *encoding)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(body);
        return NULL;
    }
    char tag[32];
    if (!etag) sl_web_etag_of(body ? body : "", len, tag);
    sl_web_add_headers(resp, type, etag ? etag : tag, "no-cache");
    if (encoding) MHD_add_response_header(resp, "Content-Encoding", encoding);
    if (close) MHD_add_response_header(resp, "Connection", "close");
    return resp;
}

struct MHD_Response *sl_web_queue_coded(struct MHD_Connection *c, request *r, int status, char *body, size_t len,
                                        const char *type, const char *etag, int close, int keep, const char *encoding)
{
    struct MHD_Response *resp = sl_web_response_of(body, len, type, etag, close, encoding);
    if (!resp) return NULL;
    if (MHD_queue_response(c, (unsigned)status, resp) == MHD_YES) r->status = status, r->bytes = len;
    if (keep) return resp;
    MHD_destroy_response(resp);
    return NULL;
}

struct MHD_Response *sl_web_queue_body(struct MHD_Connection *c, request *r, int status, char *body, size_t len,
                                       const char *type, const char *etag, int close, int keep)
{
    return sl_web_queue_coded(c, r, status, body, len, type, etag, close, keep, NULL);
}

enum MHD_Result sl_web_queue_error(struct MHD_Connection *c, request *r, int status, const char *msg, int close)
{
    sl_web_reply rep;
    sl_web_reply_error(&rep, status, msg);
    sl_web_queue_body(c, r, status, rep.body, rep.len, rep.type, NULL, close, 0);
    return r->status == status ? MHD_YES : MHD_NO;
}

int sl_web_not_modified(struct MHD_Connection *c, const char *etag)
{
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    return inm && (strstr(inm, etag) || !strcmp(inm, "*"));
}

enum MHD_Result sl_web_queue_304(struct MHD_Connection *c, request *r, const char *etag, const char *type,
                                 const char *cache)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    sl_web_add_headers(resp, type, etag, cache);
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, resp);
    MHD_destroy_response(resp);
    if (ok == MHD_YES) r->status = 304, r->bytes = 0;
    return ok;
}

