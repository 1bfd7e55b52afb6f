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
*/
#include "sightline/web/api.h"

#include "sightline/store/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct sl_web_pool {
    char *store;
    int pg; /* the store is a PostgreSQL database: only then is anything kept */
    pthread_mutex_t lock; /* guards idle and nidle */
    size_t cap;
    size_t nidle;
    sl_store **idle;
};

sl_web_pool *sl_web_pool_new(const char *store, size_t cap)
{
    sl_web_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->store = strdup(store);
    p->idle = calloc(cap ? cap : 1, sizeof *p->idle);
    if (!p->store || !p->idle || pthread_mutex_init(&p->lock, NULL)) {
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
    pthread_mutex_destroy(&p->lock);
    free(p->idle);
    free(p->store);
    free(p);
}

sl_status sl_web_pool_get(sl_web_pool *p, sl_store **out, sl_error *err)
{
    sl_store *st = NULL;
    if (p->pg) {
        pthread_mutex_lock(&p->lock);
        if (p->nidle) st = p->idle[--p->nidle];
        pthread_mutex_unlock(&p->lock);
    }
    if (st) {
        *out = st;
        return SL_OK;
    }
    return sl_store_open_read(p->store, out, err);
}

void sl_web_pool_put(sl_web_pool *p, sl_store *st)
{
    if (!st) return;
    if (p->pg && sl_store_reuse(st)) {
        pthread_mutex_lock(&p->lock);
        int kept = p->nidle < p->cap;
        if (kept) p->idle[p->nidle++] = st;
        pthread_mutex_unlock(&p->lock);
        if (kept) return;
    }
    sl_store_close(st);
}
