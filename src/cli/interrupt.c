/*
** interrupt.c — what Ctrl-C (or SIGTERM) during an import or an exclude says.
**
** An import writes in one transaction, so a signal that kills it before the
** commit leaves the store as it was: SQLite rolls the journal back at the next
** open, PostgreSQL drops the transaction with the connection. The default
** action said nothing, and a person who pressed Ctrl-C on a national file
** could not know whether half of it went in. So from the store's opening to
** the commit a signal says so in one line, then kills as the default would
** (the shell still sees 130 or 143). Around the commit both signals are
** held: one that comes then is taken after the commit, by the old action,
** since the line would no longer be true; a line says first whether the
** import landed (cli_interrupt_after), or a log would hold nothing at all.
*/
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The newline first ends a progress line on a terminal; in a log (cron's
** mail, a file) it was an empty line before every such message. */
static const char INTERRUPTED[] =
    "\nsightline: import interrupted: nothing was imported; the store is as it was before it\n";
/* An owner's exclusion stopped (Ctrl-C) said nothing, so the desk could not
** tell whether her points were gone: it is one transaction too. */
static const char EXCLUDE_INTERRUPTED[] =
    "\nsightline: exclude interrupted: nothing was excluded and no point deleted; the store is as it was before "
    "it: run the same exclude again\n";

/* Async-signal-safe: write(2) and raise(3) only. SA_RESETHAND has put the
** default action back, and the signal is blocked in here, so the raise kills
** the process as soon as the handler returns. TTY: the message with its
** leading newline. */
static void say_and_raise(int sig, const char *msg, size_t len, int tty)
{
    ssize_t n = write(STDERR_FILENO, msg + !tty, len - 1 - !tty);
    (void)n;
    raise(sig);
}

static void on_signal_tty(int sig) { say_and_raise(sig, INTERRUPTED, sizeof INTERRUPTED, 1); }
static void on_signal_log(int sig) { say_and_raise(sig, INTERRUPTED, sizeof INTERRUPTED, 0); }
static void on_exclude_tty(int sig) { say_and_raise(sig, EXCLUDE_INTERRUPTED, sizeof EXCLUDE_INTERRUPTED, 1); }
static void on_exclude_log(int sig) { say_and_raise(sig, EXCLUDE_INTERRUPTED, sizeof EXCLUDE_INTERRUPTED, 0); }

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
    cli_signals_catch(isatty(STDERR_FILENO) ? on_signal_tty : on_signal_log, g->old);
    g->held = 0;
    g->exclude = 0;
}

void cli_interrupt_tell_exclude(cli_interrupt *g)
{
    cli_signals_catch(isatty(STDERR_FILENO) ? on_exclude_tty : on_exclude_log, g->old);
    g->held = 0;
    g->exclude = 1;
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

/* A signal held over the commit kills the process at cli_interrupt_end,
** before the summary: cron's timeout or a Ctrl-C at that moment left a log
** saying nothing and a status of 143 though the import had landed. Said
** here, while it is still held, as what is true of the store. */
void cli_interrupt_after(cli_interrupt *g, const char *file, long source_id, int stored)
{
    sigset_t pending;
    if (g->held && sigpending(&pending) == 0 &&
        (sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1)) {
        if (stored && g->exclude)
            fprintf(stderr, "sightline: stopped by a signal just after the exclusion was stored: it is exclusion %ld, "
                    "in force (`sightline info` lists it)\n", source_id);
        else if (stored)
            fprintf(stderr, "sightline: %s: stopped by a signal just after the import was stored: it is import %ld "
                    "(`sightline info` lists it, `sightline rm %ld` takes it out)\n", file, source_id, source_id);
        else
            fputs((g->exclude ? EXCLUDE_INTERRUPTED : INTERRUPTED) + 1, stderr);
        fflush(stderr);
    }
    cli_interrupt_end(g);
}
