/*
** Read connections to a PostgreSQL store kept across requests.
**
** Opening a PostgreSQL connection costs a TCP (or socket) handshake, the
** authentication and sightline's checks of the schema: several milliseconds,
** which under a burst of requests made the server fall behind its clients.
** The server keeps a few idle read connections here instead, at most one per
** server thread: a request, to the API or to a page (directory, admin,
** campaign, pledge), takes one (or opens one, as before), and gives it
** back reset (any transaction rolled back, so the next request's read_begin
** takes a fresh snapshot and sees every commit since). A broken connection
** is closed, not kept. A SQLite store is opened per request as before: its
** open is a file open, and a kept handle would hold its own schema cache.
**
** A server holds at most SL_WEB_PG_CONNECTIONS connections, kept or in use:
** two servers of 120 threads under a burst took every connection the
** database allows (100 by default), and a colleague's `sightline info`,
** import or psql was refused "too many clients" until they stopped. A
** request past the cap waits for one to come back; after
** SL_WEB_PG_WAIT_S it opens its own rather than wait on (a request that
** already holds one and asks for another must never wait for itself).
*/
#include "sightline/web/api.h"

#include "sightline/store/store.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SL_WEB_PG_CONNECTIONS 16
#define SL_WEB_PG_WAIT_S 10
/* application_name of the connections opened here (unless the store's
** connection string or PGAPPNAME names them): in pg_stat_activity a
** database's administrator, and pg_serve.sh, tell a server's connections
** from those of the CLI ("sightline") and count them against the cap. */
#define SL_WEB_PG_APP "sightline serve"

struct sl_web_pool {
    char *store;
    int pg; /* the store is a PostgreSQL database: only then is anything kept */
    pthread_mutex_t lock; /* guards idle, nidle and open */
    pthread_cond_t back;  /* a connection came back or was closed */
    size_t cap;           /* the most connections kept or in use */
    size_t nidle;
    size_t open;          /* connections open: kept and in use */
    sl_store **idle;
};

sl_web_pool *sl_web_pool_new(const char *store, size_t cap)
{
    sl_web_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->store = strdup(store);
    if (!cap) cap = 1;
    if (cap > SL_WEB_PG_CONNECTIONS) cap = SL_WEB_PG_CONNECTIONS;
    p->idle = calloc(cap, sizeof *p->idle);
    if (!p->store || !p->idle || pthread_mutex_init(&p->lock, NULL)) {
        free(p->store);
        free(p->idle);
        free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->back, NULL)) {
        pthread_mutex_destroy(&p->lock);
        free(p->store);
        free(p->idle);
        free(p);
        return NULL;
    }
    p->cap = cap;
    p->pg = sl_store_is_postgres(store);
    return p;
}

void sl_web_pool_free(sl_web_pool *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->nidle; i++) sl_store_close(p->idle[i]);
    pthread_cond_destroy(&p->back);
    pthread_mutex_destroy(&p->lock);
    free(p->idle);
    free(p->store);
    free(p);
}

/* One connection of P's fewer (closed, or never opened): one waiting may open. */
static void closed(sl_web_pool *p)
{
    pthread_mutex_lock(&p->lock);
    if (p->open) p->open--;
    pthread_cond_signal(&p->back);
    pthread_mutex_unlock(&p->lock);
}

sl_status sl_web_pool_get(sl_web_pool *p, sl_store **out, sl_error *err)
{
    sl_store *st = NULL;
    if (!p->pg) return sl_store_open_read(p->store, out, err);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += SL_WEB_PG_WAIT_S;
    pthread_mutex_lock(&p->lock);
    while (!p->nidle && p->open >= p->cap)
        if (pthread_cond_timedwait(&p->back, &p->lock, &until) == ETIMEDOUT) break;
    if (p->nidle) st = p->idle[--p->nidle];
    else p->open++; /* counted before it opens: the next one waits for it */
    pthread_mutex_unlock(&p->lock);
    if (st) {
        *out = st;
        return SL_OK;
    }
    sl_status rc = sl_store_open_read_as(p->store, SL_WEB_PG_APP, out, err);
    if (rc) closed(p);
    return rc;
}

sl_status sl_web_pool_fresh(sl_web_pool *p, sl_store **out, sl_error *err)
{
    if (!p->pg) return sl_store_open_read(p->store, out, err);
    pthread_mutex_lock(&p->lock);
    p->open++;
    pthread_mutex_unlock(&p->lock);
    sl_status rc = sl_store_open_read_as(p->store, SL_WEB_PG_APP, out, err);
    if (rc) closed(p);
    return rc;
}

void sl_web_pool_put(sl_web_pool *p, sl_store *st)
{
    if (!st) return;
    if (p->pg && sl_store_reuse(st)) {
        pthread_mutex_lock(&p->lock);
        int kept = p->nidle < p->cap;
        if (kept) p->idle[p->nidle++] = st, pthread_cond_signal(&p->back);
        pthread_mutex_unlock(&p->lock);
        if (kept) return;
    }
    sl_store_close(st);
    if (p->pg) closed(p);
}
