/*
** interrupt.c — what Ctrl-C (or SIGTERM) during an import or another change says.
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
/* The other changes a person stops with Ctrl-C, each one transaction too:
** an owner's exclusion (the desk could not tell whether her points were
** gone), a removal, an erasure, a campaign's close. Each said nothing. */
static const char EXCLUDE_INTERRUPTED[] =
    "\nsightline: exclude interrupted: nothing was excluded and no point deleted; the store is as it was before "
    "it: run the same exclude again\n";
static const char RM_INTERRUPTED[] =
    "\nsightline: rm interrupted: nothing was removed; the store is as it was before it: run the same rm again\n";
static const char ERASE_INTERRUPTED[] =
    "\nsightline: campaign erase interrupted: nothing was erased; every pledge is as it was: run the same erase "
    "again\n";
static const char CLOSE_INTERRUPTED[] =
    "\nsightline: campaign close interrupted: the campaign is still open and nothing was deleted: run the same "
    "close again\n";

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

/* A handler knows only the signal, so one pair (terminal, log) per message. */
static void on_signal_tty(int sig) { say_and_raise(sig, INTERRUPTED, sizeof INTERRUPTED, 1); }
static void on_signal_log(int sig) { say_and_raise(sig, INTERRUPTED, sizeof INTERRUPTED, 0); }
static void on_exclude_tty(int sig) { say_and_raise(sig, EXCLUDE_INTERRUPTED, sizeof EXCLUDE_INTERRUPTED, 1); }
static void on_exclude_log(int sig) { say_and_raise(sig, EXCLUDE_INTERRUPTED, sizeof EXCLUDE_INTERRUPTED, 0); }
static void on_rm_tty(int sig) { say_and_raise(sig, RM_INTERRUPTED, sizeof RM_INTERRUPTED, 1); }
static void on_rm_log(int sig) { say_and_raise(sig, RM_INTERRUPTED, sizeof RM_INTERRUPTED, 0); }
static void on_erase_tty(int sig) { say_and_raise(sig, ERASE_INTERRUPTED, sizeof ERASE_INTERRUPTED, 1); }
static void on_erase_log(int sig) { say_and_raise(sig, ERASE_INTERRUPTED, sizeof ERASE_INTERRUPTED, 0); }
static void on_close_tty(int sig) { say_and_raise(sig, CLOSE_INTERRUPTED, sizeof CLOSE_INTERRUPTED, 1); }
static void on_close_log(int sig) { say_and_raise(sig, CLOSE_INTERRUPTED, sizeof CLOSE_INTERRUPTED, 0); }

/* By cli_change: the handlers (terminal, log), the line, and what is true
** when a signal came over the commit (import's and exclude's name their id). */
static const struct {
    void (*tty)(int), (*log)(int);
    const char *interrupted;
    const char *stored;
} CHANGES[] = {
    [CLI_CHANGE_IMPORT] = {on_signal_tty, on_signal_log, INTERRUPTED, NULL},
    [CLI_CHANGE_EXCLUDE] = {on_exclude_tty, on_exclude_log, EXCLUDE_INTERRUPTED, NULL},
    [CLI_CHANGE_RM] = {on_rm_tty, on_rm_log, RM_INTERRUPTED,
                       "sightline: stopped by a signal just after the removal was stored (`sightline info` lists what "
                       "stays)\n"},
    [CLI_CHANGE_ERASE] = {on_erase_tty, on_erase_log, ERASE_INTERRUPTED,
                          "sightline: stopped by a signal just after the erasure was stored: those pledges are erased "
                          "and overwritten in the store's files\n"},
    [CLI_CHANGE_CLOSE] = {on_close_tty, on_close_log, CLOSE_INTERRUPTED,
                          "sightline: stopped by a signal just after the campaign was closed (`sightline campaign "
                          "show` says so)\n"},
};

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

void cli_interrupt_tell_change(cli_interrupt *g, cli_change kind)
{
    cli_signals_catch(isatty(STDERR_FILENO) ? CHANGES[kind].tty : CHANGES[kind].log, g->old);
    g->held = 0;
    g->kind = kind;
}

void cli_interrupt_tell(cli_interrupt *g) { cli_interrupt_tell_change(g, CLI_CHANGE_IMPORT); }

static void at_commit(void *v, int done)
{
    cli_interrupt *g = v;
    if (!g->held) cli_interrupt_hold(g);
    if (done) g->committed = 1;
}

void cli_interrupt_over_commit(cli_interrupt *g, sl_store *st)
{
    g->committed = 0;
    sl_store_on_commit(st, at_commit, g);
}

void cli_interrupt_after_change(cli_interrupt *g) { cli_interrupt_after(g, NULL, 0, g->committed); }

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

void cli_interrupt_block(cli_interrupt *g)
{
    sigaction(SIGINT, NULL, &g->old[0]);
    sigaction(SIGTERM, NULL, &g->old[1]);
    cli_interrupt_hold(g);
}

int cli_interrupt_asked(void *g)
{
    sigset_t pending;
    return ((cli_interrupt *)g)->held && sigpending(&pending) == 0 &&
           (sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1);
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
        if (stored && CHANGES[g->kind].stored)
            fputs(CHANGES[g->kind].stored, stderr);
        else if (stored && g->kind == CLI_CHANGE_EXCLUDE)
            fprintf(stderr, "sightline: stopped by a signal just after the exclusion was stored: it is exclusion %ld, "
                    "in force (`sightline info` lists it)\n", source_id);
        else if (stored)
            fprintf(stderr, "sightline: %s: stopped by a signal just after the import was stored: it is import %ld "
                    "(`sightline info` lists it, `sightline rm %ld` takes it out)\n", file, source_id, source_id);
        else
            fputs(CHANGES[g->kind].interrupted + 1, stderr);
        fflush(stdout); /* what the command printed, before the signal kills it with its buffer */
        fflush(stderr);
    }
    cli_interrupt_end(g);
}
