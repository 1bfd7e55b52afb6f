/*
** campaign_end.c — `sightline campaign close|reopen` and `campaign erase
** --all`: what an organiser does when her campaign ends (see
** ingest/campaign.h). Erasing every signer cannot be undone, so it asks
** for the number of pledges it will delete: typed at a prompt on a
** terminal, or given as --confirm N, which a mistaken command line (a
** wrong store, a copied line) does not carry.
*/
#include "cli.h"
#include "campaign_cli.h"
#include "sightline/analysis/campaign.h"
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/backup.h"
#include "sightline/store/businesses.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* T as YYYY-MM-DD HH:MM UTC into BUF. */
static const char *when(long long t, char buf[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, 32, "%Y-%m-%d %H:%M UTC", &tm)) snprintf(buf, 32, "%lld", t);
    return buf;
}

int cli_campaign_close(sl_store *st, long long now, sl_error *err)
{
    long removed;
    long long was;
    char at[32];
    if (sl_campaign_close(st, now, &removed, &was, err)) return cli_report(err);
    if (was) {
        printf("the campaign has been closed since %s; nothing changed\n", when(was, at));
        return CLI_OK;
    }
    printf("campaign closed: /campaign keeps its text, public counts and list of signers, and takes no pledge\n"
           "%ld unconfirmed pledge%s deleted, with %s links and queued messages (a link opened now says the campaign "
           "has closed)\n"
           "to delete every signer's address and name, keeping only the counts: sightline campaign erase --all\n",
           removed, removed == 1 ? "" : "s", removed == 1 ? "its" : "their");
    return CLI_OK;
}

int cli_campaign_reopen(sl_store *st, sl_error *err)
{
    long long was;
    char at[32];
    if (sl_campaign_reopen(st, &was, err)) return cli_report(err);
    if (!was) printf("the campaign is open; nothing changed\n");
    else printf("campaign open again (it had been closed since %s): /campaign takes pledges\n", when(was, at));
    return CLI_OK;
}

/* The number the organiser confirms with: CONFIRM (--confirm N), or typed
** at the prompt on a terminal after what would go is said; -1 when she
** gave none (a usage error), -2 when what she typed is not a number. */
static long confirmation(const char *confirm, const sl_campaign_totals *t)
{
    char line[64], *end;
    if (!confirm) {
        if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) return -1;
        fprintf(stderr, "This deletes, for good, the address, name and answers of all %ld signers (%ld confirmed: they "
                        "stay in the public counts, as counts per county), and %ld queued message%s.\n"
                        "Backups and exported files keep what they hold (%ld export%s made). Type the number of "
                        "pledges (%ld) to go on: ",
                t->pledges, t->confirmed, t->outbox_pending, t->outbox_pending == 1 ? "" : "s", t->exports,
                t->exports == 1 ? "" : "s", t->pledges);
        if (!fgets(line, sizeof line, stdin)) return -2;
        line[strcspn(line, "\r\n")] = '\0';
        confirm = line;
    }
    errno = 0;
    long v = strtol(confirm, &end, 10);
    return errno || end == confirm || *end || v < 0 ? -2 : v;
}

/* The directory's suggestions still waiting, the newest's sending. */
typedef struct waiting { long n; long long newest; } waiting;
static sl_status count_waiting(const sl_business *b, void *v, sl_error *err)
{
    (void)err;
    waiting *w = v;
    w->n++;
    if (b->created > w->newest) w->newest = b->created;
    return SL_OK;
}

/* erase --all erases signers; suggestions for the directory are no
** signer's, and an organiser may still decide them: how many wait, and
** until when their words are kept (SL_SUGGESTION_KEEP_DAYS). */
static sl_status pending_suggestions(sl_store *st, sl_error *err)
{
    waiting w = {0, 0};
    if (sl_store_suggestions_each(st, "pending", count_waiting, &w, err)) return err->status;
    if (!w.n) return SL_OK;
    char until[32];
    printf("not erased by this: %ld suggestion%s for the directory wait%s for a decision in /admin; what %s sent "
           "is deleted unread %d days after sending (the last on %s), or at once when decided\n",
           w.n, w.n == 1 ? "" : "s", w.n == 1 ? "s" : "", w.n == 1 ? "it" : "they", SL_SUGGESTION_KEEP_DAYS,
           when(w.newest + (long long)SL_SUGGESTION_KEEP_DAYS * 86400, until));
    return SL_OK;
}

int cli_campaign_erase_all(sl_store *st, const char *store, long long now, const char *confirm, sl_error *err)
{
    sl_campaign_totals t;
    sl_erase_all done;
    if (sl_store_campaign_totals(st, &t, err)) return cli_report(err);
    long expect = confirmation(confirm, &t);
    if (expect == -1)
        return cli_usage_error("campaign", "erase --all deletes every signer's address and name for good: give "
                               "--confirm N, N the number of pledges the store holds (%ld; `campaign show` counts "
                               "them)", t.pledges);
    if (expect == -2) {
        fprintf(stderr, "sightline: not the number of pledges: nothing erased\n");
        return CLI_DATA;
    }
    long long hour = sl_analysis_counted_before(now);
    if (sl_campaign_erase_all(st, now, hour, expect, &done, err)) return cli_report(err);
    printf("%ld pledge%s erased, with %ld message%s: every signer's address, name and answers are deleted and "
           "overwritten in the store's files; the erasure is logged without personal data\n"
           "%ld confirmed pledge%s stay in the public counts, as counts per county (no field of a signer)\n",
           done.pledges, done.pledges == 1 ? "" : "s", done.messages, done.messages == 1 ? "" : "s", done.confirmed,
           done.confirmed == 1 ? "" : "s");
    printf("not erased by this: backups of the store made before now (sightline backup, or any copy) hold every "
           "address: delete them; files written by campaign export are outside the store: ask whoever holds them to "
           "delete them\n");
    if (cli_campaign_backups(st, "they hold every address erased now", err)) return cli_report(err);
    if (pending_suggestions(st, err)) return cli_report(err);
    if (t.exports) {
        char at[32];
        printf("%ld export%s of addresses %s made, the last on %s\n", t.exports, t.exports == 1 ? "" : "s",
               t.exports == 1 ? "was" : "were", when(t.last_export, at));
    }
    if (sl_store_is_postgres(store))
        printf("PostgreSQL's own write-ahead log and its backups keep the rows until they are recycled "
               "(docs/design.md)\n");
    return CLI_OK;
}

/* The whole backups sightline made of ST that held signers and are still
** where they were written, one `rm` line each: an erasure cannot reach
** them, and an organiser who made one a month ago need not remember where.
** WHY says what they hold. Copies moved, or made otherwise, are not known. */
int cli_campaign_backups(sl_store *st, const char *why, sl_error *err)
{
    sl_backup_list l;
    if (sl_store_backups_held(st, &l, err)) return err->status;
    size_t there = 0;
    struct stat sb;
    for (size_t i = 0; i < l.count; i++) there += stat(l.items[i].path, &sb) == 0;
    if (there) {
        char n[CLI_COUNT_MAX];
        printf("%s made with sightline backup %s still where %s written (%s): delete %s\n",
               cli_count((long long)there, "backup", "backups", n), there == 1 ? "is" : "are",
               there == 1 ? "it was" : "they were", why, there == 1 ? "it" : "them");
        for (size_t i = 0; i < l.count; i++) {
            char at[32], t[4200], p[CLI_COUNT_MAX];
            if (stat(l.items[i].path, &sb)) continue;
            printf("  rm '%s'   # made %s, %s\n", cli_term(l.items[i].path, t, sizeof t), when(l.items[i].made, at),
                   cli_count(l.items[i].pledges, "pledge", "pledges", p));
        }
    }
    if (l.count > there)
    {
        size_t gone = l.count - there;
        printf("%zu backup%s made with sightline backup %s no longer where %s written: wherever %s went, delete %s\n",
               gone, gone == 1 ? "" : "s", gone == 1 ? "is" : "are", gone == 1 ? "it was" : "they were",
               gone == 1 ? "it" : "they", gone == 1 ? "it" : "them");
    }
    if (l.count) printf("copies made otherwise (cp, the machine's own backups) are not listed\n");
    sl_backup_list_free(&l);
    return SL_OK;
}
