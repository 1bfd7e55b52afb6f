/*
** purge.c — the server deletes the pledges nobody confirmed once their link
** has expired (see campaign_web.h). The confirmation mail and the campaign
** page promise that an unconfirmed pledge is deleted with its address;
** anyone can type an address and a name, so that must not wait for an
** organiser to remember `campaign purge`. serve does it as it starts and
** every hour after, on a thread of its own: a store nobody posts to still
** loses its expired pledges, and no request waits for the deletion and its
** scrub (which may wait for readers). A store without expired pledges (or
** without a campaign) is only read, so serving a plain store writes nothing.
** The directory's suggestions that nobody decided in SL_SUGGESTION_KEEP_DAYS
** go in the same pass: the suggestion form promises they are not kept.
*/
#include "campaign_web.h"
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/businesses.h"
#include "sightline/store/campaign.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sl_web_purger {
    char *store;
    sl_web_pool *pool;
    long every_s;
    sl_web_log_fn log;
    void *log_ctx;
    pthread_t thread;
    pthread_mutex_t lock; /* guards stop */
    pthread_cond_t wake;
    int stop;
};

/* The links of the server's pledges work SL_PLEDGE_CONFIRM_TTL_S after the
** last sign-up (pledges.created), so a pledge created before this cutoff
** has no working link left. */
typedef struct expired { long long cutoff, lapse_before; long n, lapsing; } expired;

static sl_status count_expired(const sl_pledge *p, void *ctx, sl_error *err)
{
    (void)err;
    expired *e = ctx;
    e->n += !p->confirmed && p->created < e->cutoff;
    return SL_OK;
}

static sl_status count_lapsing(const sl_business *b, void *ctx, sl_error *err)
{
    (void)err;
    expired *e = ctx;
    e->lapsing += b->created < e->lapse_before;
    return SL_OK;
}

static void say(const sl_web_purger *p, const char *line)
{
    if (p->log) p->log(p->log_ctx, line);
}

/* One pass: read whether anything is due, and only then delete it on a
** connection of its own (as /admin's erasure does), scrubbing the bytes. */
static void purge_once(sl_web_purger *p)
{
    sl_error err;
    sl_error_clear(&err);
    long long now = (long long)time(NULL);
    expired e = {now - SL_PLEDGE_CONFIRM_TTL_S, now - (long long)SL_SUGGESTION_KEEP_DAYS * 86400, 0, 0};
    sl_store *st = NULL;
    if (!sl_web_pool_get(p->pool, &st, &err) && !sl_store_read_begin(st, &err)) {
        if (!sl_store_pledges_each(st, 0, 0, count_expired, &e, &err))
            sl_store_suggestions_each(st, "pending", count_lapsing, &e, &err);
        sl_store_read_end(st);
    }
    sl_web_pool_put(p->pool, st);
    long removed = 0, lapsed = 0;
    sl_store *w = NULL;
    if (!err.status && (e.n > 0 || e.lapsing > 0) && !sl_store_open(p->store, &w, &err))
        sl_campaign_purge(w, now, SL_PLEDGE_CONFIRM_TTL_S / 86400, &removed, &lapsed, &err);
    sl_store_close(w);
    char line[1400];
    if (err.status) /* the store's words: a path and a cause, never a signer's field */
        snprintf(line, sizeof line, "server: deleting the expired unconfirmed pledges failed (tried again in %ld s): %s",
                 p->every_s, err.msg);
    else
        snprintf(line, sizeof line, "server: deleted %ld unconfirmed pledge%s whose link had expired", removed,
                 removed == 1 ? "" : "s");
    if (err.status || removed) say(p, line);
    if (!err.status && lapsed) { /* a count, never a field of one */
        snprintf(line, sizeof line, "server: deleted %ld suggestion%s for the directory unread: nobody decided %s in "
                 "%d days", lapsed, lapsed == 1 ? "" : "s", lapsed == 1 ? "it" : "them", SL_SUGGESTION_KEEP_DAYS);
        say(p, line);
    }
}

static void *run(void *arg)
{
    sl_web_purger *p = arg;
    pthread_mutex_lock(&p->lock);
    while (!p->stop) {
        pthread_mutex_unlock(&p->lock);
        purge_once(p);
        pthread_mutex_lock(&p->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += p->every_s;
        while (!p->stop && pthread_cond_timedwait(&p->wake, &p->lock, &until) != ETIMEDOUT) {}
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

sl_web_purger *sl_web_purger_start(const char *store, sl_web_pool *pool, long every_s, sl_web_log_fn log,
                                   void *log_ctx)
{
    sl_web_purger *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    *p = (sl_web_purger){.pool = pool, .every_s = every_s > 0 ? every_s : 3600, .log = log, .log_ctx = log_ctx};
    if (!(p->store = strdup(store))) {
        free(p);
        return NULL;
    }
    if (pthread_mutex_init(&p->lock, NULL)) goto no_lock;
    if (pthread_cond_init(&p->wake, NULL)) goto no_cond;
    if (pthread_create(&p->thread, NULL, run, p)) goto no_thread;
    return p;
no_thread:
    pthread_cond_destroy(&p->wake);
no_cond:
    pthread_mutex_destroy(&p->lock);
no_lock:
    free(p->store);
    free(p);
    return NULL;
}

void sl_web_purger_stop(sl_web_purger *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL); /* a pass under way ends first */
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p->store);
    free(p);
}
