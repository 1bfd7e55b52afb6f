/*
** campaign_admin.c — `sightline campaign pledge|confirm|purge|erase|unlist|relist|withdraw-consent|export|send|
** token|close|reopen`:
** the writes a signer's form and link cause, and the organisers' tools
** (the campaign's end, close, reopen and erase --all, in campaign_end.c).
** Every one runs one library call (ingest/campaign.h), which the server's
** routes call the same way.
*/
#include "cli.h"
#include "campaign_cli.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/file.h"
#include "sightline/core/form.h"
#include "sightline/ingest/admin.h"
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/campaign.h"
#include "sightline/ingest/campaign_manage.h"
#include "sightline/store/businesses.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct admin_args {
    const char *store, *form, *smtp, *arg; /* arg: the one positional argument */
    const char *confirm;                   /* erase --all --confirm N */
    int all, asked;                        /* asked: unlist --asked */
    char **more;                           /* unlist's further addresses */
    int nmore;
    long long now;
    long days, ttl_days, max;
    cli_out o;
} admin_args;

static int whole(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return !errno && end != s && !*end && *out >= lo && *out <= hi;
}

/* `campaign send --help`: the one command an organiser runs on a schedule
** gets its own page, not the whole campaign's. */
static const char *SEND_USAGE =
    "usage: sightline campaign send [--smtp-config FILE] [--max N] [-s STORE]\n"
    "\n"
    "Deliver the messages waiting in the outbox (the confirmation links of new\n"
    "pledges) over SMTP. `sightline serve` and `campaign pledge` only queue them:\n"
    "no signer gets a link until this runs, by hand or from cron. A message is\n"
    "marked sent once the SMTP server accepted it; one refused for now stays\n"
    "in the outbox with its reason: a server not reached or busy is tried again\n"
    "by the next run, and a 4xx reply to the address or the message (a full\n"
    "mailbox, greylisting) after 5 minutes, then 10, 20, 40, 80, 160, and every\n"
    "4 hours at most, as mail servers retry (a run with none due prints\n"
    "nothing; on a terminal it says when the next try is). An address the\n"
    "recipient's server refuses for good (a 5xx reply to it, or to the\n"
    "message's end: no such mailbox)\n"
    "is said once, by the run that met it, and never tried again: the\n"
    "message's links are dropped and `campaign show` counts it as refused\n"
    "for good (unless the server refused every recipient of the run, 3 or\n"
    "more: its settings, not the addresses;\n"
    "those are kept, as failures; so is a refusal of the relay's policy,\n"
    "5.7.x). A message goes at least once, at worst twice: a connection lost\n"
    "after the whole message went, before the server answered, or a run\n"
    "killed outright (kill -9, a power cut) between the server's yes and its\n"
    "mark, sends that message again next run (said on standard error for a\n"
    "lost connection; lost again, the message is counted as sent and not\n"
    "sent a third time). A run with nothing waiting prints nothing\n"
    "(but on a terminal), so cron mails only what happened; run it as\n"
    "`campaign send ... >/dev/null` to be mailed failures and refusals only\n"
    "(they go to standard error). A link works until 7 days after its pledge\n"
    "was signed, however late this sends it.\n"
    "One run at a time sends a store's messages: a run started while another\n"
    "still sends (cron's next, with a long queue) sends nothing and exits 0,\n"
    "so that nobody gets her link twice, and says so on a terminal only (from\n"
    "cron, the run that sends says what it did). A server\n"
    "that fails itself 3 times in a row (not reached, busy, silent past the\n"
    "timeout) ends the run, the rest left waiting for the next; one that\n"
    "refuses the settings (the login, STARTTLS not offered, a certificate not\n"
    "for the host) ends it at once, the reason saying what to check.\n"
    "\n"
    "Messages come from the sender the campaign was given (its --sender, as\n"
    "`campaign show` prints it), named as its organisation (--organisation,\n"
    "whom the form names as emailing its signers). The SMTP settings' from (the\n"
    "file's `from`, SIGHTLINE_SMTP_FROM) is used only when the campaign has none,\n"
    "and a different one is named in a note on standard error.\n"
    "\n"
    "  --smtp-config FILE  lines of `key = value`: host, port, tls = none|starttls|tls\n"
    "                      (starttls by default), user, password, from, timeout, ca_file;\n"
    "                      SIGHTLINE_SMTP_HOST, _PORT, _TLS... in the environment\n"
    "                      override the file\n"
    "  --max N             send at most N messages (default: all waiting)\n"
    "  -s, --store P       the store (default ./sightline.db)\n"
    "\n"
    "Exit status 0 when every message went out or was refused for good, 1\n"
    "when one failed for now (the last reason on standard error), 2 for a\n"
    "usage error.\n";

/* The organisers' commands, each with its usage, what it does and its
** options: `campaign SUB --help` prints its entry, `campaign --help` every
** entry's text (names: the commands an entry is for, '|' between). */
static const struct admin_help {
    const char *names, *usage, *text, *options;
} ADMIN_HELP[] = {
    {"pledge", "pledge --form FILE [--now UNIX] [--ttl-days N]",
     "pledge stores the pledge of a form body (application/x-www-form-urlencoded,\n"
     "as the campaign page posts it; FILE - is standard input) and queues its\n"
     "confirmation message; the reply is the same whether the address is new or\n"
     "had signed. A closed campaign refuses it (exit 1).\n",
     "  --form FILE        the form body (- for standard input)\n"
     "  --ttl-days N       days its confirmation link works (default 7)\n"},
    {"confirm", "confirm --token TOKEN [--now UNIX]",
     "confirm takes the token of a confirmation link (or: confirm -- TOKEN).\n",
     "  --token TOKEN      the token at the end of the link\n"},
    {"purge", "purge --purge-after DAYS [--now UNIX]",
     "purge deletes pledges still unconfirmed DAYS days after they were signed,\n"
     "and the directory's suggestions nobody approved or rejected in 90 days\n"
     "(what they sent, unread). `serve` does both every hour.\n",
     "  --purge-after DAYS the age of the unconfirmed pledges to delete\n"},
    {"erase", "erase EMAIL|--all [--confirm N]",
     "erase deletes a signer's pledge and messages (logged without personal data).\n"
     "purge and erase overwrite what they delete in the store's files, also while\n"
     "`serve` runs (docs/design.md says what PostgreSQL's own log keeps).\n"
     "erase --all, once the campaign is closed, deletes every signer's address, name\n"
     "and answers and every queued message at once, keeping the confirmed pledges\n"
     "as counts per state and county (the public counts stay as they were). It\n"
     "asks for the number of pledges the store holds (on a terminal, or\n"
     "--confirm N): it cannot be undone. Backups and exported files keep theirs:\n"
     "erase names each backup `sightline backup` made that is still where it was\n"
     "written, with the rm line to delete it.\n",
     "  --all              every signer (the campaign closed first)\n"
     "  --confirm N        N: the number of pledges the store holds (`campaign show`)\n"},
    {"close", "close [--now UNIX]",
     "close ends the campaign: /campaign keeps its text, public counts and list of\n"
     "signers and takes no pledge; no link confirms; every unconfirmed pledge is\n"
     "deleted with its links and queued messages (overwritten, as purge does).\n",
     ""},
    {"reopen", "reopen",
     "reopen takes pledges again; the counts go on from where they were.\n",
     ""},
    {"unlist", "unlist EMAIL... [--asked]",
     "unlist takes a signer's pledge off the public list of signers (a spam or\n"
     "abusive name): it stays counted, and their consent to be contacted stays.\n"
     "Several addresses (a spam wave) are unlisted one after another, and one line\n"
     "says how many; an error stops it, the addresses before it unlisted.\n"
     "The unlisting is recorded, so no later link or sign-up lists them again\n"
     "(until `campaign relist`). With --asked (the signer wrote in to ask), their\n"
     "choice not to be listed is recorded too, so relist leaves them off, as when\n"
     "they leave the list themselves at /campaign/manage.\n",
     "  --asked            the signer asked: relist will not list them again\n"},
    {"withdraw-consent", "withdraw-consent EMAIL",
     "withdraw-consent records that a signer who wrote in wants no more email from\n"
     "the organisation: the pledge stays, counted and listed as it was, and every\n"
     "export leaves the address out from now (files exported before keep it). It\n"
     "is logged without personal data. Signers do it themselves too, with the link\n"
     "in their confirmation email or one asked for at /campaign/manage.\n",
     ""},
    {"relist", "relist EMAIL",
     "relist undoes an unlisting: the signer goes back on the public list only if\n"
     "they chose to be listed when they signed; one who chose not to be stays off\n"
     "(relisting never lists anyone who did not ask to be). A pledge not confirmed\n"
     "yet is listed at its confirmation if the sign-up it confirms asked to be.\n"
     "A pledge unlisted before sightline kept the signer's choice (campaign tables\n"
     "of version 4) stays off the list: that choice is not known.\n",
     ""},
    {"export", "export [-o FILE] [--now UNIX]",
     "export writes confirmed, consented pledges as CSV, the only way addresses\n"
     "leave the store; every row names the campaign, what its signer consented to\n"
     "(consented_to, naming the organisation as the form did when they signed)\n"
     "and when the file was made (exported_utc). It is for the organisation's\n"
     "own mailings: signers consented to the organisation named on the form, not\n"
     "to another; each export is recorded in the store (when, how many rows), and\n"
     "`campaign show` and `erase --all` name them. A cell starting with = + - or @\n"
     "gets a leading ' so that a spreadsheet shows it rather than runs it: an\n"
     "address that starts so (valid, and rare) has it too, and loses it by hand\n"
     "before a mailing-list import. county_id is a FIPS code (06037): a\n"
     "spreadsheet opening the file drops its leading zero; import the column as\n"
     "text (README, \"Every command\").\n",
     "  -o, --output FILE  the CSV file (default standard output)\n"},
    {"send", "send [--smtp-config FILE] [--max N]",
     "send delivers queued messages over SMTP from the campaign's sender\n"
     "(`campaign send --help`).\n",
     NULL},
    {"suggest", "suggest --form FILE [--now UNIX]",
     "suggest queues a \"suggest a business\" form body for moderation.\n",
     "  --form FILE        the form body (- for standard input)\n"},
    {"approve|reject", "approve|reject ID [--now UNIX]",
     "approve puts suggestion ID in the directory (`sightline businesses`), reject\n"
     "drops it. Either way, what its suggester sent is then deleted: an approved\n"
     "one lives on as its listing.\n",
     ""},
    {"token", "token",
     "token makes a new admin token for the organisers' area of `sightline serve`\n"
     "(/admin) and prints it once: the store keeps only its hash, and an earlier\n"
     "token stops working.\n",
     ""},
};

static const char *NOW_HELP = "  --now UNIX         sets the clock (seconds since 1970, UTC) for tests and replays\n";

/* Whether SUB is one of NAMES ("approve|reject"). */
static int names_has(const char *names, const char *sub)
{
    size_t n = strlen(sub);
    for (const char *p = names; p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
        if (!strncmp(p, sub, n) && (p[n] == '|' || !p[n])) return 1;
    return 0;
}

void cli_campaign_admin_usages(FILE *out)
{
    for (size_t i = 0; i < sizeof ADMIN_HELP / sizeof ADMIN_HELP[0]; i++)
        fprintf(out, "       sightline campaign %s\n", ADMIN_HELP[i].usage);
}

int cli_campaign_admin_help(const char *sub, FILE *out)
{
    size_t n = sizeof ADMIN_HELP / sizeof ADMIN_HELP[0];
    if (!sub) {
        for (size_t i = 0; i < n; i++) fputs(ADMIN_HELP[i].text, out);
        fputs("--now UNIX sets the clock (seconds since 1970, UTC) for tests and replays.\n", out);
        return 1;
    }
    if (!strcmp(sub, "send")) return fputs(SEND_USAGE, out), 1;
    for (size_t i = 0; i < n; i++) {
        const struct admin_help *h = &ADMIN_HELP[i];
        if (!names_has(h->names, sub)) continue;
        fprintf(out, "usage: sightline campaign %s [-s STORE]\n\n%s\n%s", h->usage, h->text, h->options);
        if (strstr(h->usage, "--now")) fputs(NOW_HELP, out);
        fputs("  -s, --store P      the store (default ./sightline.db)\n", out);
        return 1;
    }
    return 0;
}

static int parse_admin(const char *sub, int argc, char **argv, admin_args *a)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},       {"help", no_argument, 0, 'h'},
        {"form", required_argument, 0, 'f'},        {"now", required_argument, 0, 'n'},
        {"purge-after", required_argument, 0, 'p'}, {"ttl-days", required_argument, 0, 't'},
        {"smtp-config", required_argument, 0, 'c'}, {"max", required_argument, 0, 'm'},
        {"output", required_argument, 0, 'o'},      {"token", required_argument, 0, 'k'},
        {"all", no_argument, 0, 'a'},               {"confirm", required_argument, 0, 'y'},
        {"asked", no_argument, 0, 'q'},             {0, 0, 0, 0}};
    int c;
    long long v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h':
            if (!cli_campaign_admin_help(sub, stdout)) cli_campaign_usage(stdout);
            return -1;
        case 's': a->store = optarg; break;
        case 'f': a->form = optarg; break;
        case 'c': a->smtp = optarg; break;
        case 'o': a->o.file = optarg; break;
        case 'k': a->arg = optarg; break; /* a token may start with '-' */
        case 'a': a->all = 1; break;
        case 'q': a->asked = 1; break;
        case 'y': a->confirm = optarg; break;
        case 'n':
            if (!whole(optarg, 0, 253402300799LL, &a->now))
                return cli_usage_error("campaign", "--now wants seconds since 1970 (UTC), not '%s'", optarg);
            break;
        case 'p': case 't': case 'm':
            if (!whole(optarg, 1, 100000, &v))
                return cli_usage_error("campaign", "%s wants a whole number from 1 to 100000, not '%s'",
                                       c == 'p' ? "--purge-after" : c == 't' ? "--ttl-days" : "--max", optarg);
            *(c == 'p' ? &a->days : c == 't' ? &a->ttl_days : &a->max) = (long)v;
            break;
        default: return cli_bad_option("campaign", c, argv[optind - 1], OPTIONS);
        }
    }
    if (optind < argc && !a->arg) a->arg = argv[optind++];
    if (!strcmp(sub, "unlist")) a->more = argv + optind, a->nmore = argc - optind, optind = argc; /* a spam wave */
    if (optind != argc) return cli_usage_error("campaign", "unexpected argument '%s'", argv[optind]);
    if ((a->all || a->confirm) && strcmp(sub, "erase"))
        return cli_usage_error("campaign", "--all and --confirm are for erase --all");
    if (a->asked && strcmp(sub, "unlist")) return cli_usage_error("campaign", "--asked is for unlist");
    if (!a->now) a->now = (long long)time(NULL);
    return CLI_OK;
}

/* The form body in PATH ("-": standard input), parsed into *F. A file
** written by an editor or echo ends with a line break, which is not part of
** the last field's value: it is dropped. */
static sl_status read_form(const char *path, sl_form *f, sl_error *err)
{
    char *body;
    size_t len;
    if (sl_read_input(path, &body, &len, NULL, err)) return err->status;
    while (len && (body[len - 1] == '\n' || body[len - 1] == '\r')) len--;
    sl_status s = sl_form_parse(path, body, len, NULL, f, err);
    free(body);
    return s;
}

/* The form body of FILE parsed, and the pledge stored. */
/* 1 when the store's campaign is closed: a pledge refused then is the
** campaign's answer, not a mistaken command line (exit 1, not 2). */
static int campaign_closed(sl_store *st)
{
    sl_arena ar = {0};
    sl_campaign c;
    int found = 0;
    sl_error e;
    int closed = !sl_store_campaign_load(st, &ar, &c, &found, &e) && found && c.closed;
    sl_arena_free(&ar);
    return closed;
}

static int do_pledge(sl_store *st, admin_args *a, sl_error *err)
{
    sl_form f = {0};
    const char *field;
    if (!a->form) return cli_usage_error("campaign", "pledge needs --form FILE (a form body; - for standard input)");
    sl_status s = read_form(a->form, &f, err);
    if (!s) s = sl_campaign_pledge(st, &f, a->now, a->ttl_days * 86400, &field, err);
    sl_form_free(&f);
    if (s == SL_EDATA && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", a->form);
    if (s == SL_EUSAGE && campaign_closed(st)) return cli_report(err), CLI_DATA;
    if (s) return cli_report(err);
    printf("pledge received: its confirmation link waits in the outbox (campaign send delivers it)\n");
    return CLI_OK;
}

/* A "suggest a business" form body into the moderation queue. */
static int do_suggest(sl_store *st, admin_args *a, sl_error *err)
{
    sl_form f = {0};
    const char *field;
    if (!a->form) return cli_usage_error("campaign", "suggest needs --form FILE (a form body; - for standard input)");
    sl_status s = read_form(a->form, &f, err);
    if (!s) s = sl_campaign_suggest(st, &f, a->now, &field, err);
    sl_form_free(&f);
    if (s == SL_EDATA && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", a->form);
    if (s) return cli_report(err);
    printf("suggestion received: it is listed once an organiser approves it\n");
    return CLI_OK;
}

static sl_status located(const sl_business *b, void *ctx, sl_error *err)
{
    (void)err;
    *(int *)ctx = b->has_location;
    return SL_OK;
}

static int decide(sl_store *st, admin_args *a, int approve, sl_error *err)
{
    long long id;
    long listing;
    int found;
    if (!a->arg || !whole(a->arg, 1, 1LL << 53, &id))
        return cli_usage_error("campaign", "%s needs the ID of a pending suggestion", approve ? "approve" : "reject");
    if (sl_campaign_decide(st, (long)id, approve, a->now, &found, &listing, err)) return cli_report(err);
    if (!found) {
        fprintf(stderr, "sightline: no pending suggestion %lld\n", id);
        return CLI_DATA;
    }
    int has_location = 1, got = 0;
    if (approve && sl_store_business_get(st, listing, located, &has_location, &got, err)) return cli_report(err);
    if (approve) printf("suggestion %lld approved: it is in the directory as listing %ld\n", id, listing);
    else printf("suggestion %lld rejected\n", id);
    /* else it is missing from the map and every "near" search, unsaid */
    if (approve && !has_location)
        printf("listing %ld has no coordinates: it is not on the map or in \"near\" searches until they are added "
               "(/admin/listing?id=%ld of `sightline serve`)\n", listing, listing);
    return CLI_OK;
}

static int do_approve(sl_store *st, admin_args *a, sl_error *err) { return decide(st, a, 1, err); }
static int do_reject(sl_store *st, admin_args *a, sl_error *err) { return decide(st, a, 0, err); }

static int do_confirm(sl_store *st, admin_args *a, sl_error *err)
{
    int ok;
    if (!a->arg) return cli_usage_error("campaign", "confirm needs the TOKEN of a confirmation link");
    if (sl_campaign_confirm(st, a->arg, a->now, &ok, err)) return cli_report(err);
    if (ok) printf("pledge confirmed\n");
    else fprintf(stderr, "sightline: this link is unknown, used already or expired\n");
    return ok ? CLI_OK : CLI_DATA;
}

static int do_purge(sl_store *st, admin_args *a, sl_error *err)
{
    long removed, lapsed;
    if (!a->days) return cli_usage_error("campaign", "purge needs --purge-after DAYS");
    if (sl_campaign_purge(st, a->now, a->days, &removed, &lapsed, err)) return cli_report(err);
    printf("%ld unconfirmed pledge%s older than %ld days deleted\n", removed, removed == 1 ? "" : "s", a->days);
    if (lapsed) /* silent otherwise: cron mails whatever is printed */
        printf("%ld suggestion%s for the directory deleted unread: nobody decided %s in %d days\n", lapsed,
               lapsed == 1 ? "" : "s", lapsed == 1 ? "it" : "them", SL_SUGGESTION_KEEP_DAYS);
    return CLI_OK;
}

static int do_erase(sl_store *st, admin_args *a, sl_error *err)
{
    int found;
    if (a->all && a->arg) return cli_usage_error("campaign", "erase --all erases every signer: give no EMAIL");
    if (a->confirm && !a->all) return cli_usage_error("campaign", "--confirm is for erase --all");
    if (a->all) return cli_campaign_erase_all(st, a->store, a->now, a->confirm, err);
    if (!a->arg) return cli_usage_error("campaign", "erase needs the signer's EMAIL (or --all, every signer)");
    if (sl_campaign_erase(st, a->arg, a->now, &found, err)) return cli_report(err);
    if (!found) {
        printf("no pledge with this address; nothing changed\n");
        return CLI_OK;
    }
    /* the public counts of this hour are stored: the pledge leaves them at
    ** the next hour's turn, mixed with that hour's confirmations */
    time_t next = (time_t)(sl_analysis_counted_before((long long)time(NULL)) + SL_CAMPAIGN_COUNT_PERIOD);
    struct tm tm;
    char hour[8] = "";
    if (gmtime_r(&next, &tm)) strftime(hour, sizeof hour, "%H:%M", &tm);
    printf("the signer's pledge and messages are erased (the erasure is logged, without the address)\n"
           "the public counts lose it at %s UTC, the next full hour, with every pledge confirmed or erased in this\n"
           "hour, so that nobody watching them can tell that someone has just erased, nor where\n", hour);
    if (cli_campaign_backups(st, "those made after the signer pledged hold the address", err)) return cli_report(err);
    return CLI_OK;
}

/* unlist with several addresses (a spam wave): each as alone, and one
** line of how many; an error stops it, those before it unlisted. */
static int unlist_several(sl_store *st, admin_args *a, sl_error *err)
{
    long n[3] = {0, 0, 0}, none = 0; /* n: by was_listed (0 not listed, 1 listed, 2 unlisted already) */
    for (int i = -1; i < a->nmore; i++) {
        const char *email = i < 0 ? a->arg : a->more[i];
        int found, was;
        if (a->asked ? sl_campaign_unlist_asked(st, email, a->now, &found, &was, err)
                     : sl_campaign_unlist(st, email, 0, a->now, &found, &was, err))
            return cli_report(err);
        if (found) n[was]++;
        else none++;
    }
    printf("%ld signers off the public list, %ld kept off it (not listed), %ld unlisted already, %ld addresses "
           "with no pledge; the pledges still count, and their consent to be contacted is kept\n", n[1], n[0], n[2],
           none);
    if (a->asked) printf("their choice not to be listed is recorded: campaign relist leaves them off\n");
    return CLI_OK;
}

static int do_unlist(sl_store *st, admin_args *a, sl_error *err)
{
    int found, was_listed;
    if (!a->arg) return cli_usage_error("campaign", "unlist needs the signer's EMAIL");
    if (a->nmore) return unlist_several(st, a, err);
    if (a->asked ? sl_campaign_unlist_asked(st, a->arg, a->now, &found, &was_listed, err)
                 : sl_campaign_unlist(st, a->arg, 0, a->now, &found, &was_listed, err))
        return cli_report(err);
    if (!found) {
        printf("no pledge with this address; nothing changed\n");
        return CLI_OK;
    }
    printf(was_listed == 1   ? "the signer is off the public list; the pledge still counts, and its consent to be "
                               "contacted is kept\n"
           : was_listed == 2 ? "the signer was unlisted already; nothing changed\n"
                             : "the signer was not on the public list; it is recorded that they stay off it\n");
    if (a->asked) printf("their choice not to be listed is recorded: campaign relist leaves them off\n");
    return CLI_OK;
}

static int do_withdraw_consent(sl_store *st, admin_args *a, sl_error *err)
{
    int found, changed;
    if (!a->arg) return cli_usage_error("campaign", "withdraw-consent needs the signer's EMAIL");
    if (sl_campaign_withdraw_consent(st, a->arg, a->now, &found, &changed, err)) return cli_report(err);
    fputs(!found     ? "no pledge with this address; nothing changed\n"
          : changed ? "the signer's consent to be emailed is withdrawn: exports leave the address out from now; the "
                      "pledge still counts (the change is logged, without the address)\n"
                    : "the signer had not consented to be emailed; nothing changed\n",
          stdout);
    return CLI_OK;
}

/* What campaign relist says of each outcome (sl_relist's order). */
static const char *const RELISTED[] = {
    "the signer was not unlisted by an organiser; nothing changed\n",
    "the signer is on the public list again, as they chose when they signed\n",
    "the signer has not confirmed yet: the unlisting is lifted, and their confirmation lists them only if the "
    "sign-up it confirms asked to be\n",
    "the signer chose not to be listed; nothing changed: they stay off the public list\n",
    "the signer was unlisted before sightline kept a signer's choice, so whether they chose to be listed is not "
    "known; nothing changed: they stay off the public list\n"};

static int do_relist(sl_store *st, admin_args *a, sl_error *err)
{
    int found;
    sl_relist done;
    if (!a->arg) return cli_usage_error("campaign", "relist needs the signer's EMAIL");
    if (sl_campaign_relist(st, a->arg, 0, &found, &done, err)) return cli_report(err);
    fputs(found ? RELISTED[done] : "no pledge with this address; nothing changed\n", stdout);
    return CLI_OK;
}

static int do_export(sl_store *st, admin_args *a, sl_error *err)
{
    long rows;
    a->o.personal = 1; /* signers' addresses: the file is the organiser's alone */
    int rc = cli_out_begin(&a->o, "campaign");
    if (rc) return rc;
    sl_status s = sl_campaign_export_csv(st, stdout, a->now, &rows, err);
    /* a write into -o FILE that failed: cli_out_end says why (a full disk) */
    int told_by_out = s && ferror(stdout) && a->o.file && strcmp(a->o.file, "-");
    if (!s && fflush(stdout)) s = sl_fail(err, SL_EIO, a->o.file, 0, "writing the export failed");
    rc = cli_out_end(&a->o, s && !told_by_out ? cli_report(err) : CLI_OK);
    if (!rc && s) rc = CLI_DATA; /* never "exported" after a failed write */
    if (rc) return rc;
    /* written whole: recorded (when, how many; no field of a signer) */
    if (rows && sl_campaign_export_logged(st, a->now, rows, err)) return cli_report(err);
    fprintf(stderr, "sightline: exported %ld confirmed pledge%s of signers who consented to contact\n", rows,
            rows == 1 ? "" : "s");
    /* handed to a coalition partner, the list goes beyond what its signers
    ** ticked: said where the organiser sees it, and on every row */
    if (rows)
        fprintf(stderr, "sightline: note: they consented to what the consented_to column says (the campaign's "
                        "organisation may email them about the campaign), no more: another organisation mailing "
                        "them needs their consent; signers erased after now stay in the file (exported_utc)\n");
    return CLI_OK;
}

/* A new admin token, printed once: the store keeps its hash alone. */
static int do_token(sl_store *st, admin_args *a, sl_error *err)
{
    char token[SL_TOKEN_CHARS + 1];
    if (a->arg) return cli_usage_error("campaign", "token takes no argument");
    if (sl_campaign_admin_token(st, token, a->now, err)) return cli_report(err);
    printf("%s\n", token);
    fprintf(stderr, "sightline: a new admin token for /admin of `sightline serve` (shown this once; the store keeps "
                    "only its hash; an earlier token no longer works, and the /admin sessions opened with it end at "
                    "once)\n");
    return CLI_OK;
}

static int do_close(sl_store *st, admin_args *a, sl_error *err)
{
    if (a->arg) return cli_usage_error("campaign", "close takes no argument");
    return cli_campaign_close(st, a->now, err);
}

static int do_reopen(sl_store *st, admin_args *a, sl_error *err)
{
    if (a->arg) return cli_usage_error("campaign", "reopen takes no argument");
    return cli_campaign_reopen(st, err);
}

static int said_sent(const sl_send_result *run, sl_error *err);

/* A run of campaign send as it goes: its signals held, its progress line. */
typedef struct send_watch {
    cli_interrupt sig;
    cli_progress progress;
} send_watch;

static int watch_send(void *v, long done, long of)
{
    send_watch *w = v;
    char a[32], b[32];
    if (of > 1) cli_progress_line(&w->progress, "%s of %s messages", sl_thousands(done, a), sl_thousands(of, b));
    return cli_interrupt_asked(&w->sig);
}

static int do_send(sl_store *st, admin_args *a, sl_error *err)
{
    sl_smtp_config c;
    sl_send_result r;
    char was[sizeof c.from];
    if (sl_smtp_config_read(a->smtp, &c, err) || sl_campaign_use_sender(st, &c, was, sizeof was, err))
        return cli_report(err);
    if (was[0]) { /* escaped for the terminal: a setting may hold anything */
        fputs("sightline: campaign send: note: sending from the campaign's sender ", stderr);
        sl_term_write(stderr, c.from);
        fputs(", not the SMTP settings' from ", stderr);
        sl_term_write(stderr, was);
        fputc('\n', stderr);
    }
    /* tls = none is for a relay on this machine; elsewhere the password
    ** (and every signer's link) would cross the network in clear text */
    int local = !strcmp(c.host, "localhost") || !strncmp(c.host, "127.", 4) || !strcmp(c.host, "::1");
    if (c.tls == SL_SMTP_TLS_NONE && !local) {
        fprintf(stderr, "sightline: campaign send: warning: tls = none: %s in clear text to ",
                c.user[0] ? "the SMTP password and the confirmation links go" : "the confirmation links go");
        sl_term_write(stderr, c.host);
        fputc('\n', stderr);
    }
    /* Ctrl-C (or cron's timeout) ends the run between two messages: the one
    ** in flight is sent and marked, not cut nor mailed twice by the next run;
    ** a long queue (a viral day's thousands) shows how far it is */
    send_watch w;
    cli_interrupt_block(&w.sig);
    cli_progress_start(&w.progress, "campaign send");
    sl_send_watch watch = {watch_send, &w};
    sl_status s = sl_campaign_send(st, &c, (size_t)a->max, a->now, &watch, &r, err);
    cli_progress_end(&w.progress);
    int rc = s ? cli_report(err) : said_sent(&r, err);
    fflush(stdout); /* before a held signal kills with the buffer */
    cli_interrupt_end(&w.sig);
    return rc;
}

/* T (Unix s) as "HH:MM UTC" when it is today (UTC), else "YYYY-MM-DD HH:MM UTC". */
static void clock_text(long long t, char out[32])
{
    time_t tt = (time_t)t, now = time(NULL);
    struct tm tm, today;
    out[0] = '\0';
    if (t <= 0 || !gmtime_r(&tt, &tm) || !gmtime_r(&now, &today)) return;
    strftime(out, 32, tm.tm_yday == today.tm_yday && tm.tm_year == today.tm_year ? "%H:%M UTC" : "%Y-%m-%d %H:%M UTC",
             &tm);
}

/* What a run of campaign send did, on standard output; its failures, refusals
** and stop on standard error. */
static int said_sent(const sl_send_result *run, sl_error *err)
{
    sl_send_result r = *run;
    /* cron's next run while a long queue still goes out: not a failure, and
    ** silent but on a terminal, or cron mails the organiser every five
    ** minutes of a long send (the run that sends says what it did) */
    if (r.busy) {
        if (isatty(STDERR_FILENO))
            fputs("sightline: campaign send: another `campaign send` is sending this store's messages; this run "
                  "sent nothing (each message goes once)\n", stderr);
        return CLI_OK;
    }
    char at[32];
    clock_text(r.next_try, at);
    /* nothing due: silent, but on a terminal, so that cron (which mails
    ** whatever a run prints) does not mail the organiser every few minutes */
    if (!r.queued) {
        if (isatty(STDOUT_FILENO) && r.later)
            printf("no message due: %ld wait%s to be tried again (turned away for now by the recipient's server), "
                   "the first at %s\n", r.later, r.later == 1 ? "s" : "", at);
        else if (isatty(STDOUT_FILENO))
            puts("no message waiting");
        return CLI_OK;
    }
    printf("%ld message%s sent, %ld failed", r.sent, r.sent == 1 ? "" : "s", r.failed);
    long now_later = r.failed - r.deferred;
    if (r.failed && !r.deferred)
        printf(" (%s kept in the outbox for the next run)", r.failed == 1 ? "that one is" : "those are");
    else if (r.failed)
        printf(" (kept in the outbox: %ld turned away for now by the recipient's server, tried again from %s, then "
               "less and less often%s)", r.deferred, at, now_later ? "; the others at the next run" : "");
    if (r.every_refused)
        fprintf(stderr, "sightline: campaign send: the SMTP server refused every recipient of this run (%ld) and "
                        "accepted none: its settings (relaying, login) are the likely cause, not the addresses; the "
                        "messages wait for the next run\n", r.failed);
    if (r.twice)
        fprintf(stderr, "sightline: campaign send: %ld message%s went to the SMTP server a second time and again "
                        "the connection was lost before its answer: counted as sent, not sent a third time (check "
                        "the server, or raise timeout in the SMTP settings)\n", r.twice, r.twice == 1 ? "" : "s");
    if (r.refused) { /* said by this run only, on standard error: the next never tries them */
        printf(", %ld refused for good", r.refused);
        fprintf(stderr,
                "sightline: campaign send: %ld address%s refused for good by the recipient's mail server (%s): not "
                "tried again, its link%s dropped; `campaign show` counts them\n",
                r.refused, r.refused == 1 ? "" : "es", r.refused_why, r.refused == 1 ? "" : "s");
    }
    char b[32];
    if (r.left && r.stopped) {
        printf("; stopped, so the %s other%s wait%s for the next run", sl_thousands(r.left, b), r.left == 1 ? "" : "s",
               r.left == 1 ? "s" : "");
        fprintf(stderr, "sightline: campaign send: stopped by a signal after the message in flight: every message "
                        "sent is marked so, none was cut, none goes twice; the %s other%s wait%s for the next run\n",
                b, r.left == 1 ? "" : "s", r.left == 1 ? "s" : "");
    } else if (r.left && r.settings)
        printf("; the SMTP server refused the settings (the reason on standard error), so the %s other%s wait%s for the next "
               "run too", sl_thousands(r.left, b), r.left == 1 ? "" : "s", r.left == 1 ? "s" : "");
    else if (r.left)
        printf("; the SMTP server failed %d times in a row, so the %s other%s wait%s for the next run too",
               SL_SEND_GIVE_UP, sl_thousands(r.left, b), r.left == 1 ? "" : "s", r.left == 1 ? "s" : "");
    putchar('\n');
    if (r.failed) cli_report(err);
    return r.failed ? CLI_DATA : CLI_OK;
}

int cli_campaign_admin(const char *sub, int argc, char **argv)
{
    static const struct { const char *name; int (*run)(sl_store *, admin_args *, sl_error *); int mode; } SUBS[] = {
        {"pledge", do_pledge, CLI_STORE_MODIFY}, {"confirm", do_confirm, CLI_STORE_MODIFY},
        {"purge", do_purge, CLI_STORE_MODIFY},   {"erase", do_erase, CLI_STORE_MODIFY},
        {"unlist", do_unlist, CLI_STORE_MODIFY}, {"relist", do_relist, CLI_STORE_MODIFY},
        {"withdraw-consent", do_withdraw_consent, CLI_STORE_MODIFY},
        {"export", do_export, CLI_STORE_MODIFY},   {"send", do_send, CLI_STORE_MODIFY},
        {"suggest", do_suggest, CLI_STORE_MODIFY}, {"approve", do_approve, CLI_STORE_MODIFY},
        {"reject", do_reject, CLI_STORE_MODIFY}, {"token", do_token, CLI_STORE_MODIFY},
        {"close", do_close, CLI_STORE_MODIFY},   {"reopen", do_reopen, CLI_STORE_MODIFY}};
    size_t i = 0;
    while (i < sizeof SUBS / sizeof SUBS[0] && strcmp(sub, SUBS[i].name)) i++;
    if (i == sizeof SUBS / sizeof SUBS[0]) return -1;
    admin_args a = {.store = SL_STORE_DEFAULT};
    int rc = parse_admin(sub, argc, argv, &a);
    if (rc < 0) return CLI_OK; /* --help */
    if (rc) return rc;
    /* a change says so while it waits for another sightline's write (an
    ** import) and waits until it ends, as imports do; the line goes before
    ** the command prints */
    char name[32];
    snprintf(name, sizeof name, "campaign %s", sub);
    cli_progress progress;
    cli_progress_start(&progress, name);
    /* Ctrl-C during an erasure or a close says whether it landed */
    int told = !strcmp(sub, "erase") || !strcmp(sub, "close");
    cli_interrupt sig;
    if (told) cli_interrupt_tell_change(&sig, sub[0] == 'e' ? CLI_CHANGE_ERASE : CLI_CHANGE_CLOSE);
    sl_store *st = cli_open_store_told(a.store, SUBS[i].mode, &progress, &rc);
    if (!st) {
        if (told) cli_interrupt_end(&sig);
        return rc;
    }
    if (told) cli_interrupt_over_commit(&sig, st);
    cli_progress_end(&progress);
    sl_error err;
    sl_error_clear(&err);
    rc = SUBS[i].run(st, &a, &err);
    sl_store_close(st);
    cli_progress_end(&progress);
    if (told) cli_interrupt_after_change(&sig);
    return rc;
}
