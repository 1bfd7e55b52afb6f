/*
** watch.c — the header watchdog of `sightline serve` (see watch.h).
**
** The HTTP library's idle timeout restarts at every byte, so a client
** sending one byte a second would hold a connection for ever (slowloris).
** So every connection awaiting its request headers is on a list, and a
** thread of its own looks at the list every 100 ms and shuts down any whose
** headers have not all come within the deadline.
**
** The deadline counts the time the connection's thread could have read
** them. A library thread reads the headers of every connection it took
** between requests: while one of its requests waits on the store (a
** colleague's lock, a first density binning), the headers of the others
** lie unread, and that time is the server's, not the client's (2 of 30
** visitors were cut while a lock held the others' requests 13 s). So each
** thread's time inside request handlers is kept, and a connection's wait is
** less the time its thread spent there since the wait began.
*/
#include "watch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

/* One of the library's threads, and its time inside request handlers. */
typedef struct worker {
    pthread_t id;
    int busy;              /* inside a handler now */
    struct timespec since; /* when that began */
    double total;          /* seconds inside handlers before */
} worker;

/* One TCP connection, from accept to close. */
typedef struct conn {
    struct conn *prev, *next;
    int fd;
    int waiting;        /* 1 until the request's headers are all read */
    int cut;            /* the watchdog shut it down */
    int kept;           /* kept alive after an answer: closing it idle is no news */
    struct timespec t0; /* accepted, or its previous request completed */
    worker *owner;      /* the thread that reads it (NULL: not known) */
    double busy0;       /* the owner's time in handlers at t0 */
} conn;

struct sl_web_watch {
    double limit;
    sl_web_log_fn log;
    void *log_ctx;
    pthread_mutex_t lock; /* guards conns, every conn in it, and workers */
    conn *conns;
    worker *workers; /* the library's threads, as they first show up */
    size_t nworkers, workers_cap;
    pthread_t thread;
    atomic_int stop;
};

static double since_s(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The calling thread's record (W locked), made at its first call; NULL
** past the threads the server was started with. */
static worker *worker_self(sl_web_watch *w)
{
    pthread_t me = pthread_self();
    for (size_t i = 0; i < w->nworkers; i++)
        if (pthread_equal(w->workers[i].id, me)) return &w->workers[i];
    if (w->nworkers == w->workers_cap) return NULL;
    worker *t = &w->workers[w->nworkers++];
    t->id = me;
    return t;
}

/* T's seconds inside handlers so far (W locked). */
static double worker_busy(const worker *t)
{
    return t ? t->total + (t->busy ? since_s(&t->since) : 0) : 0;
}

void sl_web_watch_busy(sl_web_watch *w, int busy)
{
    pthread_mutex_lock(&w->lock);
    worker *t = worker_self(w);
    if (t && busy) clock_gettime(CLOCK_MONOTONIC, &t->since);
    else if (t && t->busy) t->total += since_s(&t->since);
    if (t) t->busy = busy;
    pthread_mutex_unlock(&w->lock);
}

/* K awaits headers from now (W locked), read by the calling thread. */
static void await_headers(sl_web_watch *w, conn *k)
{
    k->waiting = 1;
    clock_gettime(CLOCK_MONOTONIC, &k->t0);
    k->owner = worker_self(w);
    k->busy0 = worker_busy(k->owner);
}

/* The connection C's record (NULL when it has none: out of memory at accept). */
static conn *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return i ? i->socket_context : NULL;
}

void sl_web_watch_waiting(sl_web_watch *w, struct MHD_Connection *c, int waiting)
{
    pthread_mutex_lock(&w->lock);
    conn *k = conn_of(c);
    if (k && waiting) await_headers(w, k), k->kept = 1;
    else if (k) k->waiting = 0;
    pthread_mutex_unlock(&w->lock);
}

/* The library tells of a closed connection before it closes the socket,
** and the watchdog shuts sockets down under the same lock: it never
** touches a number reused by another. */
void sl_web_watch_connection(void *cls, struct MHD_Connection *c, void **ctx,
                             enum MHD_ConnectionNotificationCode code)
{
    sl_web_watch *w = cls;
    pthread_mutex_lock(&w->lock);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn *k = i ? calloc(1, sizeof *k) : NULL;
        if (k) {
            k->fd = i->connect_fd;
            await_headers(w, k);
            k->next = w->conns;
            if (w->conns) w->conns->prev = k;
            w->conns = k;
        }
        *ctx = k;
    } else if (*ctx) {
        conn *k = *ctx;
        if (k->prev) k->prev->next = k->next;
        else w->conns = k->next;
        if (k->next) k->next->prev = k->prev;
        free(k);
        *ctx = NULL;
    }
    pthread_mutex_unlock(&w->lock);
}

/* Every 100 ms: shut down the connections whose headers are overdue. A
** kept-alive one awaiting its next request is closed alike, unsaid: a
** browser keeps them open as a matter of course. */
static void *watch(void *arg)
{
    sl_web_watch *w = arg;
    while (!atomic_load(&w->stop)) {
        struct timespec tick = {0, 100 * 1000 * 1000};
        nanosleep(&tick, NULL);
        int cut = 0;
        pthread_mutex_lock(&w->lock);
        for (conn *k = w->conns; k; k = k->next)
            if (k->waiting && !k->cut && since_s(&k->t0) - (worker_busy(k->owner) - k->busy0) > w->limit) {
                shutdown(k->fd, SHUT_RDWR); /* the library sees the end and closes it */
                k->cut = 1, cut += !k->kept;
            }
        pthread_mutex_unlock(&w->lock);
        if (cut && w->log) {
            char line[160];
            snprintf(line, sizeof line, "server: cut %d connection%s whose request headers took over %.0f s", cut,
                     cut == 1 ? "" : "s", w->limit);
            w->log(w->log_ctx, line);
        }
    }
    return NULL;
}

sl_web_watch *sl_web_watch_start(double limit, size_t threads, sl_web_log_fn log, void *log_ctx)
{
    sl_web_watch *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->limit = limit, w->log = log, w->log_ctx = log_ctx;
    w->workers_cap = threads;
    w->workers = calloc(threads ? threads : 1, sizeof *w->workers);
    if (!w->workers || pthread_mutex_init(&w->lock, NULL)) {
        free(w->workers);
        free(w);
        return NULL;
    }
    if (pthread_create(&w->thread, NULL, watch, w)) {
        pthread_mutex_destroy(&w->lock);
        free(w->workers);
        free(w);
        return NULL;
    }
    return w;
}

void sl_web_watch_stop(sl_web_watch *w)
{
    if (!w) return;
    atomic_store(&w->stop, 1);
    pthread_join(w->thread, NULL);
    for (conn *k = w->conns, *next; k; k = next) next = k->next, free(k);
    pthread_mutex_destroy(&w->lock);
    free(w->workers);
    free(w);
}
