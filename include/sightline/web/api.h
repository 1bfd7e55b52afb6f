/*
** api.h — the JSON API of `sightline serve`: each path answers with exactly
** the bytes the CLI prints with --json for the same parameters (the same
** analysis, the same dump flags, sl_json_dump_text), so a figure on the
** page is the figure a journalist can reproduce on the command line.
**
**   /api/info                          sightline info --json
**   /api/partnerships?tech=&state=&type=&since=&until=&by=&snapshot=
**                                      sightline partnerships --json ...
**   /api/partnerships/diff?from=&to=&tech=
**                                      sightline partnerships diff --json ...
**   /api/join?points=&areas=&category=&where=
**                                      sightline join --json ...
**   /api/near?sites=&radius=           sightline near --json ...
**   /api/zone?circle=LAT,LON,M | bbox=W,S,E,N
**                                      sightline zone --json ...
**   /api/density?points=&hex=&bbox=W,S,E,N
**                                      sightline density ... (GeoJSON; k = 5,
**                                      or --exact --k 1 when the server runs --exact;
**                                      bbox: only the cells of a map's viewport)
**   /api/disparity?events=&areas=&baseline=areas|national&groups=&seed=
**                                      sightline disparity --json ...
**   /api/areas/SET.geojson             the areas as the report's map draws them
**   /api/layers/sites.geojson          the sensitive sites (sl_report_point_layer)
**   /api/layers/agencies.geojson?tech=&state=&type=&since=&until=&snapshot=
**                                      the partnered agencies /api/partnerships
**                                      counts under the same filters, at their
**                                      registry location (sl_report_agency_layer)
**   /api/server                        {"version", "exact", "k"}: how the server runs
*/
#ifndef SIGHTLINE_WEB_API_H
#define SIGHTLINE_WEB_API_H

#include <stddef.h>
#include "sightline/web/query.h"

/* The privacy threshold of /api/density when the server is not --exact:
** the density command's and the audit's default k. */
#define SL_WEB_DENSITY_K 5

typedef struct sl_web_reply {
    int status;       /* HTTP status: 200, 400 (bad parameter), 404, 500, 503 (store) */
    char *body;       /* malloc'd; JSON {"error": "..."} unless status is 200 */
    size_t len;
    const char *type; /* Content-Type (static) */
} sl_web_reply;

/* Why PATH with query Q answers with exact counts or distances of cameras
** or posts, which the report publishes only privacy-suppressed: near
** (cameras around each site, the nearest's distance), zone (posts and
** cameras in a circle or box) and join of posts or cameras (per area);
** NULL for every other answer. A server not run with --exact gives such
** answers to clients on this machine only (server.c): exploring on one's
** own machine is the CLI's business, publishing them is not. */
const char *sl_web_api_local_only(const char *path, const sl_web_query *q);

/* 1 when PATH is a path of the API (whatever its parameters). */
int sl_web_api_known(const char *path);

/* The 404 message naming the page and every API path, written into BUF
** (CAP bytes, truncated if short). Built from the route table itself, so a
** new route is never missing from it. */
void sl_web_api_not_found(char *buf, size_t cap);

/* What answers keep between requests: density binnings, which viewport
** requests cut, and the layers they were binned from, read and projected
** once, so another hexagon size is arithmetic (web/density_memo.c).
** Least recently used first out beyond MAX_BYTES (0: the default below;
** one layer of ten million posts is ~305 MB, its binning at 500 m ~87 MB).
** Thread-safe; one build of a thing at a time, the others asking wait for
** it. LOG (may be NULL) gets a line per layer read and per binning. NULL
** from _new when out of memory. */
#define SL_WEB_DENSITY_MEMO_BYTES ((size_t)1 << 30)
typedef void (*sl_web_memo_log_fn)(void *ctx, const char *line);
typedef struct sl_web_api_memo sl_web_api_memo;
sl_web_api_memo *sl_web_api_memo_new(size_t max_bytes, sl_web_memo_log_fn log, void *log_ctx);
void sl_web_api_memo_free(sl_web_api_memo *m);
/* How many layers were read and binnings made since _new. */
void sl_web_api_memo_counts(sl_web_api_memo *m, unsigned long *layer_reads, unsigned long *binnings);

/* Read-only handles of the store at STORE for requests (pool.c): a
** PostgreSQL store keeps up to CAP idle connections between requests (one
** per server thread, at most 16) and holds no more than that open, a
** request past it waiting up to 30 s for one, then failing with SL_EIO
** (only a thread already holding one opens another past the cap); a file
** store is opened per request. Thread-safe. _new: NULL out of memory. */
typedef struct sl_web_pool sl_web_pool;
struct sl_store;
sl_web_pool *sl_web_pool_new(const char *store, size_t cap);
void sl_web_pool_free(sl_web_pool *p);
/* A read-only handle for one request: a kept connection, or a new one
** (its open's error as sl_store_open_read's; SL_EIO when the cap left no
** room for SL_WEB_PG_WAIT_S). */
sl_status sl_web_pool_get(sl_web_pool *p, struct sl_store **out, sl_error *err);
/* A new connection, never a kept one (after a kept one failed: the others
** are likely closed too), counted as sl_web_pool_get's; give it back with
** sl_web_pool_put. */
sl_status sl_web_pool_fresh(sl_web_pool *p, struct sl_store **out, sl_error *err);
/* Give back ST (may be NULL) at the request's end: kept after a reset
** (sl_store_reuse) when there is room, else closed. */
void sl_web_pool_put(sl_web_pool *p, struct sl_store *st);

/* Answer GET PATH with query Q from the store of POOL (a read-only handle
** for this answer alone, one snapshot): *R is always filled (free its body
** with free), with an error object when the status is not 200. EXACT: the
** server runs with --exact (density without suppression). MEMO (may be
** NULL) keeps work between answers while IDENT, a text naming the store's
** present state (file, size, time), stays the same. */
void sl_web_api_answer(sl_web_pool *pool, const char *ident, sl_web_api_memo *memo, int exact, const char *path,
                       const sl_web_query *q, sl_web_reply *r);

/* *R as {"error": MSG} with STATUS (the body NULL out of memory). */
void sl_web_reply_error(sl_web_reply *r, int status, const char *msg);

#endif
