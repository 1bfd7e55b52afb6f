/*
** web_internal.h — what the server's files share: the answer cache, the
** density memo's drawing, who the client is, and gzip.
*/
#ifndef SIGHTLINE_WEB_INTERNAL_H
#define SIGHTLINE_WEB_INTERNAL_H

#include <microhttpd.h>
#include <stddef.h>

#include "sightline/core/error.h"

/* Answers of the API kept for repeated questions: direct-mapped on a hash
** of the key (a new answer replaces the one in its slot), at most BYTES
** bytes of bodies in all, each tagged with the store generation it was
** computed on (an answer of an older generation is a miss). Thread-safe. */
typedef struct sl_web_cache sl_web_cache;

sl_web_cache *sl_web_cache_new(size_t bytes);
void sl_web_cache_free(sl_web_cache *c);

/* Queue the answer kept for KEY of generation GEN on CONN with status 200:
** 1 and its body length in *LEN, or 0 when none is kept. The lookup and
** the queueing happen under one lock, so no other thread frees the
** response in between (MHD counts its users from then on). */
int sl_web_cache_queue(sl_web_cache *c, const char *key, unsigned long gen, struct MHD_Connection *conn,
                       size_t *len);

/* The ETag of the answer kept for KEY of generation GEN into ETAG: 1, or 0
** when none is kept. */
int sl_web_cache_etag(sl_web_cache *c, const char *key, unsigned long gen, char etag[32]);

/* Keep R (a 200 answer of LEN body bytes, tagged ETAG) for KEY of
** generation GEN; the cache takes a reference of its own. */
void sl_web_cache_put(sl_web_cache *c, const char *key, unsigned long gen, struct MHD_Response *r, size_t len,
                      const char *etag);

/* The density GeoJSON of LAYER at edge HEX (k, exact), cut to BOX when not
** NULL, into *TEXT (malloc'd, *LEN bytes): from M's binning of the store
** state IDENT, built from ST when missing (density_memo.c). */
struct sl_web_api_memo;
struct sl_store;
sl_status sl_web_density_memo_text(struct sl_web_api_memo *m, struct sl_store *st, const char *ident,
                                   const char *layer, double hex, unsigned k, int exact, const double *box,
                                   char **text, size_t *len, sl_error *err);

/* Who sent the request on C (client.c): sl_web_forwarded is 1 when a proxy
** says it forwarded it (Forwarded, X-Forwarded-For, X-Forwarded-Host,
** X-Real-IP); sl_web_local_client when it came from this machine and not
** through a proxy (what /admin and the exact figures are kept for): nor
** asked under one of NAMES (serve --host, NULL-ended, may be NULL), the
** public names a proxy in front passes on even when it says nothing else. */
int sl_web_forwarded(struct MHD_Connection *c);
int sl_web_local_client(struct MHD_Connection *c, const char *const *names);
/* 1 when C's request came through a proxy: forwarded, or asked under NAMES. */
int sl_web_through_proxy(struct MHD_Connection *c, const char *const *names);
/* The client's address as the rate limits key it into OUT (SIZE bytes):
** the socket's, or, from a proxy on this machine, the last address of
** X-Forwarded-For (the visitor it saw). */
void sl_web_client_key(struct MHD_Connection *c, char *out, size_t size);

/* gzip (gzip.c), for public bytes only: API answers and embedded assets,
** never a page holding a form's secret. sl_web_gzip_wanted: 1 when C's
** Accept-Encoding takes gzip (not with q=0). sl_web_gzip_type: 1 for a
** Content-Type worth compressing (text, JSON, SVG). sl_web_gzip: DATA's
** LEN bytes as a malloc'd gzip of *OUT_LEN bytes, or NULL when too short
** to be worth it, not smaller, or out of memory (send DATA as it is). */
int sl_web_gzip_wanted(struct MHD_Connection *c);
int sl_web_gzip_type(const char *type);
char *sl_web_gzip(const void *data, size_t len, size_t *out_len);

#endif
