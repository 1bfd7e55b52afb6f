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
** request past the cap waits for one to come back, SL_WEB_PG_WAIT_S at
** most, then fails (the server answers 503). Only a thread that already
** holds one and asks for another (a page reading the form secret or the
** admin token while it holds the page's) opens one past the cap at once:
** it must never wait for itself. Before, every request opened its own
** after 10 s of waiting, and a burst of 60 slow joins held 53.
*/
#include "sightline/web/api.h"

#include "sightline/store/store.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SL_WEB_PG_CONNECTIONS 16
#define SL_WEB_PG_WAIT_S 30
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
    /* the threads holding a connection, one entry per connection in use
    ** (a thread holding two is there twice): who may open past the cap */
    pthread_t *holders;
    size_t nheld, held_cap;
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
    free(p->holders);
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

/* 1 when the calling thread holds one of P's connections (P locked). */
static int held_here(const sl_web_pool *p)
{
    pthread_t me = pthread_self();
    for (size_t i = 0; i < p->nheld; i++)
        if (pthread_equal(p->holders[i], me)) return 1;
    return 0;
}

/* The calling thread holds one connection more (P locked); 0 out of memory. */
static int hold(sl_web_pool *p)
{
    if (p->nheld == p->held_cap) {
        size_t cap = p->held_cap ? 2 * p->held_cap : p->cap + 4;
        pthread_t *h = realloc(p->holders, cap * sizeof *h);
        if (!h) return 0;
        p->holders = h, p->held_cap = cap;
    }
    p->holders[p->nheld++] = pthread_self();
    return 1;
}

/* The calling thread holds one connection fewer (P locked). */
static void release(sl_web_pool *p)
{
    pthread_t me = pthread_self();
    for (size_t i = 0; i < p->nheld; i++)
        if (pthread_equal(p->holders[i], me)) {
            p->holders[i] = p->holders[--p->nheld];
            return;
        }
}

/* A connection of P for the calling thread into *OUT: a kept one when
** KEPT allows and one is idle, else a new one once the cap leaves room
** (at once for a thread that holds one already); SL_EIO after
** SL_WEB_PG_WAIT_S of waiting. */
static sl_status take(sl_web_pool *p, int kept, sl_store **out, sl_error *err)
{
    sl_store *st = NULL, *dropped = NULL;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += SL_WEB_PG_WAIT_S;
    pthread_mutex_lock(&p->lock);
    int nested = held_here(p), timed_out = 0;
    while (!nested && !(kept && p->nidle) && p->open >= p->cap && !timed_out) {
        if (!kept && p->nidle) { /* a new one wanted: an idle one makes room, or none ever would */
            dropped = p->idle[--p->nidle];
            p->open--;
            break;
        }
        timed_out = pthread_cond_timedwait(&p->back, &p->lock, &until) == ETIMEDOUT;
    }
    if (kept && p->nidle) st = p->idle[--p->nidle];
    else if (!timed_out || nested) p->open++; /* counted before it opens: the next one waits for it */
    int recorded = (st || !timed_out || nested) && hold(p);
    pthread_mutex_unlock(&p->lock);
    sl_store_close(dropped);
    if (!st && timed_out && !nested)
        return sl_fail(err, SL_EIO, NULL, 0, "all %zu connections this server keeps to the database were in use by "
                       "other requests for %d s; try again", p->cap, SL_WEB_PG_WAIT_S);
    if (!recorded) {
        if (st) sl_store_close(st);
        closed(p);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    if (st) {
        *out = st;
        return SL_OK;
    }
    sl_status rc = sl_store_open_read_as(p->store, SL_WEB_PG_APP, out, err);
    if (rc) {
        pthread_mutex_lock(&p->lock);
        release(p);
        pthread_mutex_unlock(&p->lock);
        closed(p);
    }
    return rc;
}

sl_status sl_web_pool_get(sl_web_pool *p, sl_store **out, sl_error *err)
{
    if (!p->pg) return sl_store_open_read(p->store, out, err);
    return take(p, 1, out, err);
}

sl_status sl_web_pool_fresh(sl_web_pool *p, sl_store **out, sl_error *err)
{
    if (!p->pg) return sl_store_open_read(p->store, out, err);
    return take(p, 0, out, err);
}

void sl_web_pool_put(sl_web_pool *p, sl_store *st)
{
    if (!st) return;
    if (p->pg) {
        pthread_mutex_lock(&p->lock);
        release(p);
        pthread_mutex_unlock(&p->lock);
    }
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
