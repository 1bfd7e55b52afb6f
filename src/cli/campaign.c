/*
** campaign.c — `sightline campaign init|edit|show|counts`: the campaign's
** content and its public figures. The signer-facing writes (pledge,
** confirm) and the organisers' tools (purge, erase, unlist, relist, export, send)
** are in campaign_admin.c.
*/
#include "cli.h"
#include "campaign_cli.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/file.h"
#include "sightline/core/kv.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/campaign.h"

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The campaign's help, in parts: `campaign --help` prints it whole; every
** subcommand's --help prints its own usage line and section (the organisers'
** commands' sections are in campaign_admin.c, beside the commands). */
static const char *USAGE_LINES = /* then cli_campaign_admin_usages */
    "usage: sightline campaign init|edit [--config FILE] [content options] [-s STORE]\n"
    "       sightline campaign show [--json] [-s STORE]\n"
    "       sightline campaign counts [--k K] [--now UNIX] [output options] [-s STORE]\n";

static const char *ABOUT =
    "\n"
    "The campaign beside the evidence: a pledge people sign (double opt-in)\n"
    "and its public counts per state and county.\n"
    "\n";

static const char *CONTENT =
    "init and edit save the campaign's content (run either again to change it;\n"
    "what is not given keeps its earlier value). From --config FILE, lines of\n"
    "`key = value` with the option names below as keys (commitment repeated;\n"
    "pledge_file and privacy_file relative to FILE), then the options:\n"
    "  --title T            the campaign's title\n"
    "  --pledge-file F      the pledge text, Markdown (or --pledge TEXT)\n"
    "  --commitment K=TEXT  a commitment a signer can tick (repeat; replaces the list)\n"
    "  --organisation N     who runs the campaign;  --contact C  how to reach them\n"
    "  --privacy-file F     the privacy notice, Markdown (or --privacy TEXT)\n"
    "  --area-set SET       the area set signers pick their county from (default counties)\n"
    "  --base-url URL       where the campaign is served (links in messages)\n"
    "  --sender ADDRESS     the From: address of messages (`campaign send` uses it)\n";

static const char *SHOW = "show prints the content and totals (never an address or a name): the\n"
                          "organisers' live figures, every confirmed pledge counted at once.\n";

static const char *COUNTS =
    "counts prints the public figures, as /campaign shows them: pledges per state\n"
    "and county confirmed before the start of the current UTC hour (a pledge\n"
    "joins them at the next full hour, so that nobody watching them can tell\n"
    "who has just signed); counties under K (default 5) pledges or under 1,000\n"
    "residents are folded into their state, and so is its smallest listed county\n"
    "when only one other would be (--k 1 folds none). The hour's figures are\n"
    "stored at its first read (counts per county, nothing of a signer) and\n"
    "served all hour: an erasure too shows only at the next hour's turn. With\n"
    "--now in another hour they are counted from the pledges as they are, and\n"
    "not stored.\n";

static const char *STORE_HELP = "\n  -s, --store P      the store (default ./sightline.db)\n";

void cli_campaign_usage(FILE *out)
{
    fputs(USAGE_LINES, out);
    cli_campaign_admin_usages(out);
    fprintf(out, "%s%s%s%s\n", ABOUT, CONTENT, SHOW, COUNTS);
    cli_campaign_admin_help(NULL, out);
    fprintf(out, "%s%s", STORE_HELP, CLI_OUT_HELP);
}

/* The help of init/edit, show or counts (SUB) alone. */
static void sub_usage(const char *sub)
{
    if (!strcmp(sub, "counts"))
        printf("usage: sightline campaign counts [--k K] [--now UNIX] [output options] [-s STORE]\n\n%s\n"
               "  --k K              the smallest county shown on its own (default 5)\n"
               "  --now UNIX         the figures of the hour holding UNIX (seconds since 1970, UTC)\n%s%s",
               COUNTS, STORE_HELP + 1, CLI_OUT_HELP);
    else if (!strcmp(sub, "show"))
        printf("usage: sightline campaign show [--json] [-s STORE]\n\n%s\n"
               "  --json             the content and totals as JSON\n%s",
               SHOW, STORE_HELP + 1);
    else
        printf("usage: sightline campaign init|edit [--config FILE] [content options] [-s STORE]\n\n%s%s", CONTENT,
               STORE_HELP);
}



/* ---- init / edit ---------------------------------------------------------- */

typedef struct content {
    sl_campaign c;
    sl_arena a;
    size_t cap;
    int commitments_given; /* the first given replaces the stored list */
    char dir[1024];        /* the config file's folder, for relative files */
    const char *config;    /* the config file being read, for messages */
} content;

static sl_status read_text(content *x, const char *path, const char **dst, sl_error *err)
{
    char full[2048], *data;
    size_t len;
    if (path[0] != '/' && x->dir[0]) snprintf(full, sizeof full, "%s/%s", x->dir, path);
    else snprintf(full, sizeof full, "%s", path);
    if (sl_read_file(full, &data, &len, NULL, err)) return err->status;
    sl_status rc = memchr(data, '\0', len) ? sl_fail(err, SL_EDATA, full, 0, "a NUL byte: not a text file") : SL_OK;
    if (!rc && !sl_utf8_valid(data, len)) rc = sl_fail(err, SL_EDATA, full, 0, "not UTF-8 text");
    if (!rc && !(*dst = sl_arena_strdup(&x->a, data))) rc = sl_fail(err, SL_ENOMEM, full, 0, "out of memory");
    free(data);
    return rc;
}

static sl_status add_commitment(content *x, const char *spec, const char *file, long line, sl_error *err)
{
    const char *sep = strpbrk(spec, "=:");
    if (!sep) return sl_fail(err, SL_EUSAGE, file, line, "a commitment is KEY=TEXT, not '%s'", spec);
    if (!x->commitments_given) {
        x->commitments_given = 1;
        x->c.n_commitments = 0;
        x->cap = 0;
    }
    if (x->c.n_commitments == x->cap) {
        size_t ncap = x->cap ? x->cap * 2 : 8;
        sl_commitment *n = sl_arena_alloc(&x->a, ncap * sizeof *n);
        if (!n) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        if (x->c.n_commitments) memcpy(n, x->c.commitments, x->c.n_commitments * sizeof *n);
        x->c.commitments = n;
        x->cap = ncap;
    }
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(sep - spec), spec);
    char *k = sl_strdup_trim(key), *label = sl_strdup_trim(sep + 1);
    sl_commitment *m = &x->c.commitments[x->c.n_commitments++];
    m->key = k ? sl_arena_strdup(&x->a, k) : NULL;
    m->label = label ? sl_arena_strdup(&x->a, label) : NULL;
    free(k);
    free(label);
    return m->key && m->label ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
}

/* Apply one setting KEY (an option name without --, or a config key with
** '_' for '-') to X. */
static sl_status set_content(content *x, const char *key, const char *value, const char *file, long line,
                             sl_error *err)
{
    struct { const char *key; const char **dst; int is_file; } MAP[] = {
        {"title", &x->c.title, 0},           {"pledge", &x->c.pledge_md, 0},     {"pledge-file", &x->c.pledge_md, 1},
        {"organisation", &x->c.organisation, 0}, {"organization", &x->c.organisation, 0},
        {"contact", &x->c.contact, 0},       {"privacy", &x->c.privacy, 0},     {"privacy-file", &x->c.privacy, 1},
        {"area-set", &x->c.area_set, 0},     {"base-url", &x->c.base_url, 0},   {"sender", &x->c.sender, 0}};
    char k[64];
    snprintf(k, sizeof k, "%s", key);
    for (char *p = k; *p; p++)
        if (*p == '_') *p = '-';
    if (!strcmp(k, "commitment")) return add_commitment(x, value, file, line, err);
    for (size_t i = 0; i < sizeof MAP / sizeof MAP[0]; i++)
        if (!strcmp(k, MAP[i].key)) {
            if (MAP[i].is_file) return read_text(x, value, MAP[i].dst, err);
            *MAP[i].dst = sl_arena_strdup(&x->a, value);
            return *MAP[i].dst ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        }
    return sl_fail(err, SL_EUSAGE, file, line, "unknown campaign setting '%s'", key);
}

static sl_status kv_content(const char *key, const char *value, long line, void *v, sl_error *err)
{
    content *x = v;
    return set_content(x, key, value, x->config, line, err);
}

static sl_status read_config(content *x, const char *path, sl_error *err)
{
    char *data, copy[1024];
    size_t len;
    if (sl_read_file(path, &data, &len, NULL, err)) return err->status;
    snprintf(copy, sizeof copy, "%s", path);
    snprintf(x->dir, sizeof x->dir, "%s", dirname(copy));
    x->config = path;
    sl_status rc = sl_kv_parse(path, data, len, kv_content, x, err);
    free(data);
    x->config = NULL;
    x->dir[0] = '\0'; /* options on the command line are relative to the working directory */
    return rc;
}

static int cmd_init(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"config", required_argument, 0, 'c'},
        {"title", required_argument, 0, 1},   {"pledge", required_argument, 0, 1},
        {"pledge-file", required_argument, 0, 1}, {"commitment", required_argument, 0, 1},
        {"organisation", required_argument, 0, 1}, {"organization", required_argument, 0, 1},
        {"contact", required_argument, 0, 1}, {"privacy", required_argument, 0, 1},
        {"privacy-file", required_argument, 0, 1}, {"area-set", required_argument, 0, 1},
        {"base-url", required_argument, 0, 1}, {"sender", required_argument, 0, 1},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT, *config = NULL;
    int c, idx, rc;
    optind = 1;
    opterr = 0;
    /* first pass: the store and the config file, which the options override */
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, &idx)) != -1) {
        if (c == 's') store = optarg;
        else if (c == 'c') config = optarg;
        else if (c == 'h') return sub_usage(argv[0]), CLI_OK;
        else if (c != 1) return cli_bad_option("campaign", c, argv[optind - 1], OPTIONS);
    }
    if (optind != argc) return cli_usage_error("campaign", "unexpected argument '%s'", argv[optind]);
    cli_progress progress; /* only to say so while it waits for another writer */
    cli_progress_start(&progress, "campaign init");
    sl_store *st = cli_open_store_told(store, CLI_STORE_MODIFY, &progress, &rc);
    if (!st) return rc;
    cli_progress_end(&progress);
    sl_error err;
    sl_error_clear(&err);
    content x = {0};
    int found;
    sl_status s = sl_store_campaign_load(st, &x.a, &x.c, &found, &err);
    x.cap = x.c.n_commitments;
    if (!s && !found) x.c.area_set = "counties";
    if (!s && config) s = read_config(&x, config, &err);
    optind = 1;
    while (!s && (c = getopt_long(argc, argv, ":s:h", OPTIONS, &idx)) != -1)
        if (c == 1) s = set_content(&x, OPTIONS[idx].name, optarg, NULL, 0, &err);
    if (!s) s = sl_campaign_save(st, &x.c, (long long)time(NULL), &err);
    sl_store_close(st);
    cli_progress_end(&progress);
    if (!s) printf("campaign '%s' saved with %zu commitment%s\n", x.c.title, x.c.n_commitments,
                   x.c.n_commitments == 1 ? "" : "s");
    sl_arena_free(&x.a);
    return s ? cli_report(&err) : CLI_OK;
}

/* ---- show / counts -------------------------------------------------------- */

/* Multi-line TEXT (Markdown) line by line, each escaped for the terminal
** (cli_run_out's escaping would show the line breaks as \x0a). */
static void print_lines(const char *text)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        char *line = strndup(text, n);
        if (line) {
            fputs("  ", stdout);
            sl_term_write(stdout, line);
            fputc('\n', stdout);
        }
        free(line);
        text += n + (nl != NULL);
    }
}

static void print_show(json_t *r)
{
    json_t *c = json_object_get(r, "campaign"), *t = json_object_get(r, "totals");
    if (!json_is_object(c)) {
        printf("no campaign in this store (sightline campaign init --help)\n");
        return;
    }
    static const char *const HEAD[][2] = {{"title", ""}, {"organisation", "by: "}, {"contact", "contact: "},
                                          {"updated_at", "updated: "}, {"base_url", "served at: "},
                                          {"sender", "messages from: "}, {"area_set", "counties from area set: "}};
    for (size_t i = 0; i < sizeof HEAD / sizeof HEAD[0]; i++) {
        fputs(HEAD[i][1], stdout);
        sl_term_write(stdout, sl_json_str(c, HEAD[i][0]));
        fputc('\n', stdout);
    }
    printf("\npledge (Markdown):\n");
    print_lines(sl_json_str(c, "pledge_md"));
    printf("\ncommitments:\n");
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(c, "commitments"), i, m) {
        printf("  [%s] ", sl_json_str(m, "key")); /* keys are checked: letters, digits, - and _ */
        sl_term_write(stdout, sl_json_str(m, "label"));
        fputc('\n', stdout);
    }
    printf("\nprivacy notice (Markdown):\n");
    print_lines(sl_json_str(c, "privacy"));
    if (json_is_string(json_object_get(c, "closed")))
        printf("\nclosed since %.10s %.5s UTC: /campaign takes no pledge (campaign reopen)\n",
               sl_json_str(c, "closed"), sl_json_str(c, "closed") + 11);
    /* counts as /admin shows them, with thousands separators: an organiser
    ** checking one against the other read 1209 beside 1,209 */
    char b[6][32];
#define N(key, i) sl_thousands(sl_json_int(t, key), b[i])
    if (sl_json_int(t, "kept"))
        printf("\n%s confirmed pledges of signers erased at the campaign's end are kept as counts per county\n",
               N("kept", 0));
    printf("\npledges: %s (%s confirmed, %s of them consented to contact, %s listed publicly", N("pledges", 0),
           N("confirmed", 1), N("consented", 2), N("listed", 3));
    if (sl_json_int(t, "unlisted")) printf(", %s unlisted by organisers", N("unlisted", 0));
    printf(")\nmessages: %s queued", N("outbox_pending", 0));
    if (sl_json_int(t, "outbox_failed")) {
        time_t next = (time_t)sl_json_int(t, "outbox_next_try");
        struct tm tm;
        char at[80] = "";
        if (next > time(NULL) && gmtime_r(&next, &tm)) strftime(at, sizeof at, "; one turned away for now waits until %Y-%m-%d %H:%M UTC", &tm);
        printf(" (%s failed when last sent: tried again%s)", N("outbox_failed", 0), at);
    }
    if (sl_json_int(t, "outbox_refused"))
        printf(", %s refused for good by the recipient's server", N("outbox_refused", 0));
    printf(", %s sent; erasures: %s\n", N("outbox_sent", 0), N("erasures", 1));
    if (sl_json_int(t, "exports")) { /* copies of addresses outside the store, which no erasure reaches */
        time_t last = (time_t)sl_json_int(t, "last_export");
        struct tm tm;
        char at[32] = "";
        if (gmtime_r(&last, &tm)) strftime(at, sizeof at, "%Y-%m-%d %H:%M UTC", &tm);
        printf("exports of addresses: %s, the last on %s\n", N("exports", 0), at);
    }
#undef N
}

/* `campaign show`: its own printing (multi-line text), JSON as everywhere. */
static int run_show(const char *store, int json)
{
    int rc;
    sl_store *st = cli_open_store(store, CLI_STORE_READ, &rc);
    if (!st) return rc;
    sl_error err;
    sl_error_clear(&err);
    json_t *r = NULL;
    sl_status s = sl_analysis_campaign(st, &r, &err);
    sl_store_close(st);
    if (s) return cli_report(&err);
    if (json) rc = cli_print_json(r);
    else print_show(r);
    json_decref(r);
    return json ? rc : CLI_OK;
}

/* What `campaign counts` asks: K, and the time whose hour the figures are of. */
typedef struct counts_query {
    unsigned k;
    long long now;
} counts_query;

static sl_status counts_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    const counts_query *c = q;
    return sl_analysis_campaign_counts(st, c->k, c->now, out, NULL, err);
}

static void no_count(const char *state, const char *county, long n, void *ctx)
{
    (void)state, (void)county, (void)n, (void)ctx;
}

/* The counts of the hour starting at HOUR stored in STORE unless they are
** already, as a server's first read of the hour stores them
** (sl_store_public_counts_make): counts printed each minute by cron and
** published show an erasure no sooner than /campaign does. Before the
** command's own read, which holds its snapshot to the end. */
static int first_read(const char *store, long long hour)
{
    int rc, found = 0;
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = cli_open_store(store, CLI_STORE_READ, &rc);
    if (!st) return rc;
    sl_status s = sl_store_public_counts(st, hour, no_count, NULL, &found, &err);
    sl_store_close(st);
    if (s) return cli_report(&err);
    if (found) return CLI_OK;
    if (!(st = cli_open_store(store, CLI_STORE_MODIFY, &rc))) return rc;
    s = sl_store_begin(st, &err);
    if (!s) {
        s = sl_store_public_counts_make(st, hour, &err);
        if (!s) s = sl_store_commit(st, &err);
        if (s) sl_store_rollback(st);
    }
    sl_store_close(st);
    return s ? cli_report(&err) : CLI_OK;
}

static const cli_col COUNT_COLS[] = {{"state", "state", CLI_TEXT}, {"county", "county id", CLI_TEXT},
                                     {"name", "county", CLI_TEXT}, {"pledges", "confirmed pledges", CLI_COUNT}};

static int print_counts(json_t *r, const cli_out *o, void *q)
{
    (void)q;
    cli_table t = {NULL, COUNT_COLS, sizeof COUNT_COLS / sizeof *COUNT_COLS, json_object_get(r, "rows"), NULL, 0, 0};
    int rc = cli_table_order("campaign", o, &t);
    if (rc) return rc;
    if (o->format == CLI_FMT_TABLE) {
        char n[CLI_COUNT_MAX];
        const char *before = sl_json_str(r, "counted_before"); /* YYYY-MM-DDTHH:00:00Z */
        printf("%s; counties with fewer than %lld are counted in their state's \"other counties\"\n"
               "counted each hour: pledges confirmed before %.5s UTC on %.10s (`campaign show` counts them all)\n",
               cli_count(sl_json_int(r, "confirmed"), "confirmed pledge", "confirmed pledges", n), sl_json_int(r, "k"),
               strlen(before) >= 16 ? before + 11 : "", before);
    }
    cli_table_print(o, &t);
    return CLI_OK;
}

static int cmd_show_or_counts(int counts, int argc, char **argv)
{
    static const struct option OPTIONS[] = {{"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
                                            {"k", required_argument, 0, 'k'}, {"now", required_argument, 0, 'n'},
                                            CLI_OUT_OPTIONS, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    counts_query q = {0, (long long)time(NULL)};
    cli_out o = {0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "campaign", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        double v;
        switch (c) {
        case 'h': sub_usage(counts ? "counts" : "show"); return CLI_OK;
        case 's': store = optarg; break;
        case 'k':
            if (!counts || !cli_parse_double(optarg, &v) || v < 1 || v > 1000000 || v != (unsigned)v)
                return cli_usage_error("campaign", "--k wants a whole number >= 1 (counts only), not '%s'", optarg);
            q.k = (unsigned)v;
            break;
        case 'n':
            if (!counts || !cli_parse_double(optarg, &v) || v < 0 || v > 253402300799.0 || v != (long long)v)
                return cli_usage_error("campaign", "--now wants seconds since 1970 (UTC; counts only), not '%s'", optarg);
            q.now = (long long)v;
            break;
        default: return cli_bad_option("campaign", c, argv[optind - 1], OPTIONS);
        }
    }
    if (optind != argc) return cli_usage_error("campaign", "unexpected argument '%s'", argv[optind]);
    if (!counts && (o.file || o.format == CLI_FMT_CSV || o.sort || o.top))
        return cli_usage_error("campaign", "show prints text or --json; -o, --csv, --sort and --top are for counts");
    if (!counts) return run_show(store, o.format == CLI_FMT_JSON);
    /* the current hour's are stored at its first read; another hour's
    ** (--now) are counted from the pledges as they are now, and not stored:
    ** the organisers' own question, answered for nobody else */
    long long hour = sl_analysis_counted_before(q.now);
    int rc = hour == sl_analysis_counted_before((long long)time(NULL)) ? first_read(store, hour) : CLI_OK;
    return rc ? rc : cli_run_out("campaign", store, &q, counts_fn, &o, print_counts);
}

int cmd_campaign(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        cli_campaign_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    const char *sub = argv[1];
    argc--;
    argv++;
    if (!strcmp(sub, "init") || !strcmp(sub, "edit")) return cmd_init(argc, argv);
    if (!strcmp(sub, "show")) return cmd_show_or_counts(0, argc, argv);
    if (!strcmp(sub, "counts")) return cmd_show_or_counts(1, argc, argv);
    int rc = cli_campaign_admin(sub, argc, argv);
    if (rc >= 0) return rc;
    return cli_usage_error("campaign", "unknown campaign command '%s'", sub);
}
