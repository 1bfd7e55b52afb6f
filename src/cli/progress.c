/*
** progress.c — one line on standard error that says a long step moves
** (imports read in windows, the relink, bootstrap and placebo draws, the
** power search). Drawn only when standard error is a terminal, redrawn in
** place with \r at most ten times a second, and cleared at the end, so a
** pipe, a file or a finished command never holds it. The lower layers only
** tell how far they are (core/progress.h); this is the one place that draws.
** A step that tells nothing (cameras, density) gets a busy line instead: a
** thread redraws what it does with the seconds taken, so ten million posts
** never leave a terminal silent.
*/
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, const char *command)
{
    memset(p, 0, sizeof *p);
    p->command = command;
    p->tty = isatty(STDERR_FILENO);
    p->last = -1;
}

void cli_progress_line(cli_progress *p, const char *fmt, ...)
{
    if (!p->tty) return;
    double t = now();
    if (p->shown && t - p->last < 0.1) return;
    char line[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\r\033[K%s: %s", p->command, line);
    fflush(stderr);
    p->shown = 1;
    p->last = t;
}

/* "placebo draws 12,288 of 100,000 (12%)"; bytes in MB. */
static void tell(void *ctx, const char *what, uint64_t done, uint64_t total)
{
    cli_progress *p = ctx;
    char d[32], t[32];
    if (what != p->what) p->last = -1e9; /* a new phase is shown at once */
    p->what = what;
    int bytes = strstr(what, "bytes") != NULL;
    uint64_t scale = bytes ? (uint64_t)1 << 20 : 1;
    const char *unit = bytes ? " MB" : "";
    sl_thousands((long long)(done / scale), d);
    if (total == 0) {
        cli_progress_line(p, "%s %s%s...", what, d, unit);
        return;
    }
    sl_thousands((long long)(total / scale), t);
    cli_progress_line(p, "%s %s%s of %s%s (%d%%)...", what, d, unit, t, unit, (int)(100.0 * (double)done / (double)total));
}

sl_progress cli_progress_hook(cli_progress *p)
{
    sl_progress h = {0};
    if (p->tty) {
        h.fn = tell;
        h.ctx = p;
    }
    return h;
}

/* A write waiting for another sightline's lock (sl_store_open_told): WHAT
** is the store's title. Told on the same line, so it goes as the import's
** own progress, or the result, comes. */
static void waiting(void *ctx, const char *what, uint64_t done, uint64_t total)
{
    cli_progress *p = ctx;
    (void)total;
    p->what = "waiting"; /* the step after the wait is drawn at once */
    /* kept short: a line wider than the terminal wraps, and each redraw
    ** would leave its first part behind */
    cli_progress_line(p, "waiting for another sightline using %s (an import, rm, backup or audit) ... %llu s", what,
                      (unsigned long long)done);
}

sl_progress cli_progress_wait_hook(cli_progress *p)
{
    sl_progress h = {0};
    if (p && p->tty) {
        h.fn = waiting;
        h.ctx = p;
    }
    return h;
}

static void *ticker_run(void *arg)
{
    cli_ticker *t = arg;
    pthread_mutex_lock(&t->lock);
    while (!t->stop) {
        struct timespec at;
        clock_gettime(CLOCK_REALTIME, &at);
        at.tv_sec += 1;
        if (pthread_cond_timedwait(&t->wake, &t->lock, &at) != ETIMEDOUT || t->stop) continue;
        pthread_mutex_unlock(&t->lock); /* FN guards its own state; a stop waits for it */
        t->fn(t->ctx);
        pthread_mutex_lock(&t->lock);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

int cli_ticker_start(cli_ticker *t, void (*fn)(void *ctx), void *ctx)
{
    memset(t, 0, sizeof *t);
    t->fn = fn;
    t->ctx = ctx;
    if (pthread_mutex_init(&t->lock, NULL)) return 0;
    if (pthread_cond_init(&t->wake, NULL)) {
        pthread_mutex_destroy(&t->lock);
        return 0;
    }
    sigset_t both, old;
    sigemptyset(&both);
    sigaddset(&both, SIGINT);
    sigaddset(&both, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &both, &old); /* the new thread inherits the mask */
    t->running = pthread_create(&t->thread, NULL, ticker_run, t) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!t->running) {
        pthread_cond_destroy(&t->wake);
        pthread_mutex_destroy(&t->lock);
    }
    return t->running;
}

void cli_ticker_stop(cli_ticker *t)
{
    if (!t->running) return;
    pthread_mutex_lock(&t->lock);
    t->stop = 1;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    t->running = 0;
}

/* The busy line's redraw, each second. */
static void busy_tick(void *ctx)
{
    cli_progress *p = ctx;
    cli_progress_line(p, "%s... %.0f s", p->busy, now() - p->since);
}

void cli_progress_busy(cli_progress *p, const char *what)
{
    if (!p->tty || p->ticker.running) return;
    snprintf(p->busy, sizeof p->busy, "%s", what);
    p->since = now();
    p->last = -1e9; /* drawn at once */
    cli_progress_line(p, "%s...", p->busy);
    /* no thread: the line drawn above still says what the wait is */
    cli_ticker_start(&p->ticker, busy_tick, p);
}

void cli_progress_end(cli_progress *p)
{
    cli_ticker_stop(&p->ticker);
    if (p->shown) {
        fputs("\r\033[K", stderr); /* the line goes; what follows starts clean */
        fflush(stderr);
    }
    p->shown = 0;
}
