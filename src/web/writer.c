/*
** writer.c — the server's one connection that writes (see campaign_web.h).
** SQLite allows one writer at a time per file anyway; one connection, used
** under a lock, keeps the prepared statements warm and turns contention
** between request threads into a queue instead of "database is locked".
** The connection is opened at the first write, so a server nobody posts to
** never opens its store for writing.
*/
#include "campaign_web.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct sl_web_writer {
    pthread_mutex_t lock;
    char *path;
    sl_store *st;
};

sl_web_writer *sl_web_writer_new(const char *store)
{
    sl_web_writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    if (pthread_mutex_init(&w->lock, NULL) || !(w->path = strdup(store))) {
        free(w);
        return NULL;
    }
    return w;
}

void sl_web_writer_free(sl_web_writer *w)
{
    if (!w) return;
    sl_store_close(w->st);
    pthread_mutex_destroy(&w->lock);
    free(w->path);
    free(w);
}

sl_status sl_web_writer_run(sl_web_writer *w, sl_web_write_fn fn, void *ctx, sl_error *err)
{
    pthread_mutex_lock(&w->lock);
    sl_status rc = w->st ? SL_OK : sl_store_open(w->path, &w->st, err);
    if (!rc) rc = fn(w->st, ctx, err);
    if (rc == SL_EIO && w->st) { /* a broken connection is not kept: the next write opens anew */
        sl_store_close(w->st);
        w->st = NULL;
    }
    pthread_mutex_unlock(&w->lock);
    return rc;
}
