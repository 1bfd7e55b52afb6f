/*
** progress.h — how a long step (an import read in windows, a relink, the
** bootstrap and placebo draws) tells its caller how far it is. Only the CLI
** prints: it hands a callback down, and draws a line on a terminal.
*/
#ifndef SIGHTLINE_CORE_PROGRESS_H
#define SIGHTLINE_CORE_PROGRESS_H

#include <stdint.h>

/* DONE of TOTAL units of WHAT ("bytes read", "placebo draws"); TOTAL is 0
** when not known. Called from the thread running the step, often: the
** callee decides how often to draw. */
typedef void (*sl_progress_fn)(void *ctx, const char *what, uint64_t done, uint64_t total);

/* A callback and its context; FN NULL (a zeroed struct) asks for nothing. */
typedef struct sl_progress {
    sl_progress_fn fn;
    void *ctx;
} sl_progress;

/* Tell P (may be NULL, or hold no callback) how far the step is. */
static inline void sl_progress_tell(const sl_progress *p, const char *what, uint64_t done, uint64_t total)
{
    if (p && p->fn) p->fn(p->ctx, what, done, total);
}

#endif
