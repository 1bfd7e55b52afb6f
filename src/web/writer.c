/*
** writer.c — the server's one connection that writes (see campaign_web.h),
** with group commit. SQLite takes one writer at a time per file, and each
** commit waits for the disk; so writes that arrive while one is being
** committed queue up, and the next request thread to find the writer free
** becomes the leader: it runs every queued unit in one transaction (each in
** its own savepoint, sl_store_batch_begin), commits once, and wakes the
** others. Every caller returns only after the commit that holds its unit,
** so an acknowledged pledge is on disk; a failed commit fails every unit in
** it. The file is switched to a write-ahead log (sl_store_use_wal): one
** sync per commit, and readers never wait for the writer. On a PostgreSQL
** store the batch is one transaction holding the store's write lock, with
** the same savepoints, so several servers on one database write one batch
** at a time and an address posted to two of them is stored once. The
** connection is opened at the first write, so a server nobody posts to
** never opens its store for writing, unless the store holds pledges: then
** the hour's public counts are stored through it (campaign_turn.c).
*/
#include "campaign_web.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One caller's unit of work, on its own stack while it waits. */
typedef struct job {
    sl_web_write_fn fn;
    void *ctx;
    sl_status rc;
    sl_error err;
    int done;
    struct job *next;
} job;

struct sl_web_writer {
    pthread_mutex_t lock;
    pthread_cond_t done;
    job *head, **tail; /* the queue, oldest first */
    int busy;          /* a leader is running a batch */
    char *path;
    sl_store *st;
    sl_web_log_fn log; /* the server's log (NULL: none) */
    void *log_ctx;
    time_t told;       /* when the last store failure was logged (leader only) */
};

sl_web_writer *sl_web_writer_new(const char *store, sl_web_log_fn log, void *log_ctx)
{
    sl_web_writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->log = log;
    w->log_ctx = log_ctx;
    if (pthread_mutex_init(&w->lock, NULL)) {
        free(w);
        return NULL;
    }
    if (pthread_cond_init(&w->done, NULL) || !(w->path = strdup(store))) {
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    w->tail = &w->head;
    return w;
}

void sl_web_writer_free(sl_web_writer *w)
{
    if (!w) return;
    sl_store_close(w->st);
    pthread_cond_destroy(&w->done);
    pthread_mutex_destroy(&w->lock);
    free(w->path);
    free(w);
}

/* A failure of the store itself (SL_EIO, SL_ENOMEM: the disk full, a file
** it cannot write, another sightline holding it), not a form's refusal:
** the signer's page says only that her form could not be saved, and the
** log said "POST /campaign/pledge 503", so organisers on a full disk lost
** pledges for hours without a word of why. Logged at most once a minute,
** its first line only (PostgreSQL's DETAIL can quote a row's value), and
** never a message holding an address. */
static void tell_failure(sl_web_writer *w, const sl_error *e)
{
    if (!w->log || (e->status != SL_EIO && e->status != SL_ENOMEM)) return;
    time_t now = time(NULL);
    if (w->told && now - w->told < 60) return;
    w->told = now;
    int cut = (int)strcspn(e->msg, "\n");
    char line[1400];
    if (memchr(e->msg, '@', (size_t)cut)) cut = 0;
    snprintf(line, sizeof line,
             "store: a write failed and nothing of it was recorded (a form in it was answered 503, its page "
             "asking to send it again): %.*s%s", cut, e->msg, cut ? "" : "(the store's message is not shown)");
    w->log(w->log_ctx, line);
}

/* Run the units of BATCH in one transaction (the leader, without the lock). */
static void run_batch(sl_web_writer *w, job *batch)
{
    sl_error err;
    sl_error_clear(&err);
    sl_status rc = SL_OK;
    if (!w->st && !(rc = sl_store_open(w->path, &w->st, &err))) rc = sl_store_use_wal(w->st, &err);
    if (!rc) rc = sl_store_batch_begin(w->st, &err);
    int kept = 0;
    for (job *j = batch; !rc && j; j = j->next) {
        kept |= !(j->rc = j->fn(w->st, j->ctx, &j->err));
        if (j->rc) tell_failure(w, &j->err);
    }
    /* Every unit refused, each rolled back to its savepoint: nothing is
    ** left to commit. A rollback leaves the store's generation as it was;
    ** on PostgreSQL a commit would bump it if a unit had written before it
    ** was refused (the transaction has an id), and servers would drop
    ** their cached answers for a store that did not change. */
    if (!rc && !kept) {
        sl_store_batch_rollback(w->st);
        return;
    }
    if (!rc && (rc = sl_store_batch_commit(w->st, &err))) sl_store_batch_rollback(w->st);
    if (rc) tell_failure(w, &err);
    if (rc) /* nothing of the batch is on disk: every unit failed */
        for (job *j = batch; j; j = j->next)
            if (!j->rc) j->rc = rc, j->err = err;
    if (rc && w->st) { /* a connection that failed is not kept: the next batch opens anew */
        sl_store_close(w->st);
        w->st = NULL;
    }
}

sl_status sl_web_writer_run(sl_web_writer *w, sl_web_write_fn fn, void *ctx, sl_error *err)
{
    job me = {fn, ctx, SL_OK, {0}, 0, NULL};
    sl_error_clear(&me.err);
    pthread_mutex_lock(&w->lock);
    *w->tail = &me;
    w->tail = &me.next;
    while (!me.done) {
        if (w->busy) {
            pthread_cond_wait(&w->done, &w->lock);
            continue;
        }
        job *batch = w->head; /* holds me: I queued before anyone took the queue */
        w->head = NULL;
        w->tail = &w->head;
        w->busy = 1;
        pthread_mutex_unlock(&w->lock);
        run_batch(w, batch);
        pthread_mutex_lock(&w->lock);
        for (job *j = batch, *next; j; j = next) {
            next = j->next; /* a waiter may return (and its job go) once done is set */
            j->done = 1;
        }
        w->busy = 0;
        pthread_cond_broadcast(&w->done);
    }
    pthread_mutex_unlock(&w->lock);
    if (me.rc) *err = me.err;
    return me.rc;
}
