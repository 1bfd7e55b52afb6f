/*
** interrupt.c — what Ctrl-C (or SIGTERM) during an import says.
**
** An import writes in one transaction, so a signal that kills it before the
** commit leaves the store as it was: SQLite rolls the journal back at the next
** open, PostgreSQL drops the transaction with the connection. The default
** action said nothing, and a person who pressed Ctrl-C on a national file
** could not know whether half of it went in. So from the store's opening to
** the commit a signal says so in one line, then kills as the default would
** (the shell still sees 130 or 143). Around the commit both signals are
** held: one that comes then is taken after the commit, by the old action,
** since the line would no longer be true.
*/
#include "cli.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static const char INTERRUPTED[] =
    "\nsightline: import interrupted: nothing was imported; the store is as it was before it\n";

/* Async-signal-safe: write(2) and raise(3) only. SA_RESETHAND has put the
** default action back, and the signal is blocked in here, so the raise kills
** the process as soon as the handler returns. */
static void on_signal(int sig)
{
    ssize_t n = write(STDERR_FILENO, INTERRUPTED, sizeof INTERRUPTED - 1);
    (void)n;
    raise(sig);
}

void cli_signals_catch(void (*handler)(int), struct sigaction old[2])
{
    const int sigs[2] = {SIGINT, SIGTERM};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESETHAND; /* a second signal takes the default action at once */
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 2; i++) {
        sigaction(sigs[i], NULL, &old[i]);
        /* a signal ignored on entry (a background job's SIGINT) stays ignored */
        if (old[i].sa_handler != SIG_IGN) sigaction(sigs[i], &sa, NULL);
    }
}

void cli_signals_restore(const struct sigaction old[2])
{
    sigaction(SIGINT, &old[0], NULL);
    sigaction(SIGTERM, &old[1], NULL);
}

void cli_interrupt_tell(cli_interrupt *g)
{
    cli_signals_catch(on_signal, g->old);
    g->held = 0;
}

void cli_interrupt_hold(cli_interrupt *g)
{
    sigset_t both;
    sigemptyset(&both);
    sigaddset(&both, SIGINT);
    sigaddset(&both, SIGTERM);
    sigprocmask(SIG_BLOCK, &both, &g->mask);
    cli_signals_restore(g->old);
    g->held = 1;
}

void cli_interrupt_end(cli_interrupt *g)
{
    if (!g->held) cli_interrupt_hold(g);
    sigprocmask(SIG_SETMASK, &g->mask, NULL);
}
