/*
** campaign_turn.c — a running server stores the campaign's public counts
** of each UTC hour at its turn (see campaign_web.h), not only at the hour's
** first read. Stored at the first read, the moment that parts one hour's
** erasures from the next would be whoever reads first: on a quiet
** campaign a watcher who is the only reader could read a minute before the
** turn, when nobody had, and again after it, and learn of an erasure in
** that minute. Stored at the turn (a second after it), an hour's counts
** hold the erasures up to its start, whoever reads. The first read still
** stores them when this thread is late or failed (an error here is only
** retried at the next turn: a read does the work then), and a store without
** pledges is only read.
*/
#include "campaign_web.h"
#include "sightline/analysis/campaign.h"

#include <errno.h>
#include <time.h>

static void *turn_main(void *v)
{
    sl_web_campaign *c = v;
    pthread_mutex_lock(&c->turn.lock);
    while (!c->turn.stop) {
        long long next = sl_analysis_counted_before((long long)time(NULL)) + SL_CAMPAIGN_COUNT_PERIOD;
        struct timespec until = {(time_t)next + 1, 0};
        int rc = 0;
        while (!c->turn.stop && rc != ETIMEDOUT) rc = pthread_cond_timedwait(&c->turn.wake, &c->turn.lock, &until);
        if (c->turn.stop) break;
        pthread_mutex_unlock(&c->turn.lock);
        json_t *j = NULL;
        sl_error err;
        sl_error_clear(&err);
        sl_web_campaign_counts(c, 0, &j, &err);
        json_decref(j);
        pthread_mutex_lock(&c->turn.lock);
    }
    pthread_mutex_unlock(&c->turn.lock);
    return NULL;
}

void sl_web_turn_start(sl_web_campaign *c)
{
    if (pthread_mutex_init(&c->turn.lock, NULL)) return;
    if (pthread_cond_init(&c->turn.wake, NULL)) {
        pthread_mutex_destroy(&c->turn.lock);
        return;
    }
    c->turn.started = pthread_create(&c->turn.thread, NULL, turn_main, c) == 0;
    if (!c->turn.started) {
        pthread_cond_destroy(&c->turn.wake);
        pthread_mutex_destroy(&c->turn.lock);
    }
}

void sl_web_turn_stop(sl_web_campaign *c)
{
    if (!c->turn.started) return;
    pthread_mutex_lock(&c->turn.lock);
    c->turn.stop = 1;
    pthread_cond_signal(&c->turn.wake);
    pthread_mutex_unlock(&c->turn.lock);
    pthread_join(c->turn.thread, NULL);
    pthread_cond_destroy(&c->turn.wake);
    pthread_mutex_destroy(&c->turn.lock);
    c->turn.started = 0;
}
