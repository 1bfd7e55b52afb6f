/*
** serve.c — `sightline serve`: the store in a browser, on loopback. The
** server is the web layer's (sl_web_start); this file reads the options,
** checks the store opens, prints the access log and waits for SIGINT or
** SIGTERM to stop it cleanly.
*/
#include "cli.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/campaign.h"
#include "sightline/web/server.h"

#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *USAGE =
    "usage: sightline serve [-s STORE] [--port N] [--bind ADDRESS] [--quiet] [--exact]\n"
    "                       [--threads N] [--timeout SECONDS] [--no-cache] [--admin-bind]\n"
    "                       [--rate-forms N] [--rate-email N] [--host NAME]...\n"
    "\n"
    "Serves the store to a browser: a page at / with filters, map and tables,\n"
    "and a JSON API under /api/ whose answers are byte for byte what the\n"
    "commands print with --json (/api/partnerships?tech=ring&state=CA is\n"
    "`sightline partnerships --tech ring --state CA --json`). When the store\n"
    "holds a campaign (`sightline campaign init`), /campaign shows it with its\n"
    "pledge form. The directory of businesses is at /directory (search, a page\n"
    "per listing, a map), and the organisers' area at /admin (log in with the\n"
    "token of `sightline campaign token`: export consented pledges, erase a\n"
    "signer, approve suggestions, edit listings). The forms of /campaign/pledge\n"
    "and /directory/suggest and the organisers' area are the only writes (each\n"
    "acknowledged once committed); everything else is read only. Stop with\n"
    "Ctrl-C or SIGTERM: requests in flight finish first.\n"
    "\n"
    "  --port N          the TCP port (default 8787; 0: any free port, printed)\n"
    "  --bind ADDRESS    the address to listen on (default 127.0.0.1, this\n"
    "                    machine only); any other is reachable by others and\n"
    "                    prints a warning. Exact camera figures (/api/near,\n"
    "                    /api/zone, /api/join and /api/disparity of posts or\n"
    "                    cameras, /api/density of them at an edge other than\n"
    "                    1, 2.5 or 5 times a power of ten metres) still answer\n"
    "                    this machine only (403 to others), unless --exact;\n"
    "                    others get the cameras' disparity as the report\n"
    "                    publishes it (/api/disparity?...&published=1)\n"
    "  --quiet           no access log (one line per request on stderr: method,\n"
    "                    path without the query string, status, bytes, time)\n"
    "  --exact           density maps without privacy suppression (k = 1,\n"
    "                    hexagons under 100 m), and exact camera figures for\n"
    "                    clients on other machines too: not for publication\n"
    "  --threads N       worker threads (default 4, or 64 when the store holds a\n"
    "                    campaign: a pledge holds its thread until the commit it\n"
    "                    is in, and more threads make larger commits)\n"
    "  --timeout S       close a connection whose request headers have not all\n"
    "                    come within S seconds (not counting time the server was\n"
    "                    busy with another request), or kept alive idle that long;\n"
    "                    one silent in the middle of a request after 4 x S\n"
    "                    (default 15)\n"
    "  --no-cache        compute every answer again (to time the analyses; answers\n"
    "                    are kept in memory until the store changes otherwise)\n"
    "  --admin-bind      let /admin answer clients on other machines too (by\n"
    "                    default it answers loopback clients only, whatever\n"
    "                    --bind says); put TLS in front before using it\n"
    "  --host NAME       also answer requests that name the server NAME (the\n"
    "                    public name a reverse proxy or DNS gives it), on any\n"
    "                    port; repeatable. Every request's Host header must name\n"
    "                    the server, else it gets 421: a page of another site\n"
    "                    that points its own name at this machine (DNS\n"
    "                    rebinding) reads nothing. Always answered: localhost,\n"
    "                    127.0.0.1 and [::1] with the port served or none; with\n"
    "                    --bind of another address, any address too\n"
    "  --rate-forms N    forms (pledges, suggestions) accepted per minute from one\n"
    "                    client address (default 20; 0: no limit); more get 429\n"
    "                    (a pledge: her form back filled in, saying when to send\n"
    "                    it again; the log says so once a minute). A campus, a\n"
    "                    library or a mobile network puts many signers behind\n"
    "                    one address: raise it for a surge (README)\n"
    "  --rate-email N    pledges per minute naming one email address (default 3)\n"
    "  -s, --store P     the store (default ./sightline.db)\n"
    "\n"
    "Behind a reverse proxy (for TLS): a proxy on this machine connects from\n"
    "127.0.0.1 for every visitor. serve takes a request that carries Forwarded,\n"
    "X-Forwarded-For, X-Forwarded-Host or X-Real-IP, or names a --host name in\n"
    "its Host, as from another machine: it gets no /admin (unless --admin-bind)\n"
    "and no exact camera figures (unless --exact), and the form limits count\n"
    "the last X-Forwarded-For address. So make the proxy send X-Forwarded-For\n"
    "(Caddy and Apache do; nginx needs proxy_set_header X-Forwarded-For\n"
    "$proxy_add_x_forwarded_for), or every visitor looks like this machine and\n"
    "shares one form budget. Give the public name with --host: the forms take a\n"
    "POST from a page of that name whatever Host the proxy sends (nginx's own\n"
    "is 127.0.0.1:PORT). Make it the campaign's base URL too (campaign edit\n"
    "--base-url https://NAME/), or the links of its mails name another server\n"
    "(serve warns at start). A proxy's own access log keeps query strings (a\n"
    "confirmation link's token): README's nginx configuration logs the path\n"
    "only, as serve does. serve takes a name of its own (https://NAME/), not a\n"
    "sub-path of a site: its pages ask for /assets/, /api/ and /campaign at\n"
    "the root.\n"
    "\n"
    "An import into the store needs no restart: the next request reads it. A\n"
    "store file replaced or removed while serve runs (a store rebuilt aside and\n"
    "moved over it) is read no more: the API, the campaign and the directory\n"
    "answer 503 (no form stored) until serve is restarted on it.\n"
    "\n"
    "Density maps: posts at 500 m are binned in the background at start;\n"
    "binnings and the layers they come from (read and projected once) are kept,\n"
    "at most 1 GiB, least recently used first out (~400 MB for 10M posts at\n"
    "500 m).\n"
    "\n"
    "API: /api/info, /api/partnerships?tech=&state=&type=&since=&until=&by=,\n"
    "/api/partnerships/diff?from=&to=, /api/join?points=&areas=&category=&where=,\n"
    "/api/near?sites=&radius=, /api/zone?circle=LAT,LON,M, /api/density?points=&hex=,\n"
    "/api/disparity?events=&areas=&baseline=&published=, /api/areas/SET.geojson,\n"
    "/api/server;\n"
    "the campaign's /api/campaign/counts, /api/campaign/local?state=&county=,\n"
    "/api/campaign/places, /api/campaign/signers (no email or name in any).\n";

/* The access log: one line per request, escaped for the terminal (a path
** may hold any bytes). stderr is written whole lines at a time. */
static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    flockfile(stderr);
    sl_term_write(stderr, line);
    fputc('\n', stderr);
    funlockfile(stderr);
}

/* 1 when ADDRESS only reaches this machine (127.0.0.0/8 or ::1). */
static int loopback(const char *address)
{
    return !strncmp(address, "127.", 4) || !strcmp(address, "::1");
}

static int whole(const char *option, const char *text, double min, double max, double *v)
{
    if (cli_parse_double(text, v) && *v >= min && *v <= max && *v == floor(*v)) return CLI_OK;
    return cli_usage_error("serve", "%s wants a whole number from %.0f to %.0f, not '%s'", option, min, max, text);
}

/* The --host names, NULL-ended, as sl_web_options.hosts takes them. */
#define MAX_HOSTS 16
typedef struct host_list {
    const char *names[MAX_HOSTS + 1];
    size_t n;
} host_list;

static int add_host(host_list *h, const char *name)
{
    char b[256];
    if (!sl_web_host_name_valid(name))
        return cli_usage_error("serve", "--host wants a host name (letters, digits, dots and hyphens: "
                               "campaign.example.org), not '%s'", cli_term(name, b, sizeof b));
    if (h->n == MAX_HOSTS) return cli_usage_error("serve", "--host can be given at most %d times", MAX_HOSTS);
    h->names[h->n++] = name;
    return CLI_OK;
}

static int parse(int argc, char **argv, sl_web_options *o, host_list *hosts, int *quiet)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"port", required_argument, 0, 'p'},  {"bind", required_argument, 0, 'b'},
        {"quiet", no_argument, 0, 'q'},       {"exact", no_argument, 0, 'e'},
        {"threads", required_argument, 0, 't'}, {"timeout", required_argument, 0, 'T'},
        {"no-cache", no_argument, 0, 'N'},    {"admin-bind", no_argument, 0, 'A'},
        {"rate-forms", required_argument, 0, 'R'}, {"rate-email", required_argument, 0, 'E'},
        {"host", required_argument, 0, 'H'},  {0, 0, 0, 0}};
    int c, rc = CLI_OK;
    double v;
    optind = 1;
    opterr = 0;
    while (rc == CLI_OK && (c = getopt_long(argc, argv, ":s:hq", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 's': o->store = optarg; break;
        case 'b': o->bind = optarg; break;
        case 'q': *quiet = 1; break;
        case 'e': o->exact = 1; break;
        case 'N': o->no_cache = 1; break;
        case 'A': o->admin_remote = 1; break;
        case 'p': if (!(rc = whole("--port", optarg, 0, 65535, &v))) o->port = (unsigned)v; break;
        case 't': if (!(rc = whole("--threads", optarg, 1, 256, &v))) o->threads = (unsigned)v; break;
        case 'T': if (!(rc = whole("--timeout", optarg, 1, 3600, &v))) o->timeout_s = (unsigned)v; break;
        case 'R': if (!(rc = whole("--rate-forms", optarg, 0, 1e6, &v))) o->limits.per_client = (unsigned)v; break;
        case 'E': if (!(rc = whole("--rate-email", optarg, 0, 1e6, &v))) o->limits.per_email = (unsigned)v; break;
        case 'H': rc = add_host(hosts, optarg); break;
        case ':': return cli_usage_error("serve", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_bad_option("serve", c, argv[optind - 1], OPTIONS);
        }
    }
    if (rc == CLI_OK && optind != argc) return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    return rc;
}

/* 1 when URL (http(s)://HOST[:PORT]/...) names one of HOSTS' names. */
static int url_names_host(const char *url, const host_list *hosts)
{
    const char *h = !strncmp(url, "https://", 8) ? url + 8 : !strncmp(url, "http://", 7) ? url + 7 : url;
    size_t n = strcspn(h, ":/?#");
    for (size_t i = 0; i < hosts->n; i++)
        if (strlen(hosts->names[i]) == n && !strncasecmp(h, hosts->names[i], n)) return 1;
    return 0;
}

/* Published under --host NAME, a campaign whose base URL names another
** server (the demo's http://127.0.0.1:8787/, a test address) mails every
** signer a confirmation link she cannot open: said at start, with the fix.
** Served on this machine alone (no --host) at PORT, a base URL of this
** machine's other port is said so too (an organiser trying her campaign
** at http://localhost:8000/ on 8787); the demo's own follow the port. */
static void warn_base_url(const sl_campaign *c, const host_list *hosts, unsigned port)
{
    if (!hosts->n) { /* this machine: a link to another port of it (the demo's 8787, served on 9000) */
        const char *u = c->base_url, *h = !strncmp(u, "https://", 8) ? u + 8 : !strncmp(u, "http://", 7) ? u + 7 : NULL;
        size_t n = h ? strcspn(h, ":/?#") : 0;
        int local = h && ((n == 9 && !strncmp(h, "127.0.0.1", 9)) || (n == 9 && !strncasecmp(h, "localhost", 9)));
        long at = !h ? 0 : h[n] == ':' ? strtol(h + n + 1, NULL, 10) : u[4] == 's' ? 443 : 80;
        /* the demo's own links follow the port (sl_campaign_pledge_on) */
        if (local && port && at != (long)port && strcmp(u, SL_DEMO_BASE_URL)) {
            char b[512];
            fprintf(stderr, "sightline: warning: the campaign's links (the confirmation mails) name %s, not port %u "
                            "of this machine: a signer who opens hers reaches no campaign; run `sightline campaign "
                            "edit --base-url http://127.0.0.1:%u/`, or serve on port %ld\n",
                    cli_term(u, b, sizeof b), port, port, at);
        }
        return;
    }
    if (url_names_host(c->base_url, hosts)) return;
    char b[512], n[256];
    fprintf(stderr, "sightline: warning: the campaign's links (the confirmation mails) name %s, not %s: a signer "
                    "who opens hers does not reach this campaign; run `sightline campaign edit --base-url "
                    "https://%s/` (the address signers open)\n",
            cli_term(c->base_url, b, sizeof b), cli_term(hosts->names[0], n, sizeof n), hosts->names[0]);
}

/* 4 threads, or 64 when the store holds a campaign: a pledge holds its
** thread until the commit it is in, so the threads bound the batch a
** commit takes (bench/RESULTS.md: 1,216 durable pledges/s with 4, 2,815
** with 64 on 2 cores). Idle threads cost only their stacks. The
** campaign's base URL is checked against HOSTS on the way. */
static unsigned default_threads(sl_store *st, const host_list *hosts, unsigned port)
{
    sl_arena a = {0};
    sl_campaign c;
    int found = 0;
    sl_error err;
    sl_error_clear(&err);
    if (sl_store_campaign_load(st, &a, &c, &found, &err)) found = 0;
    if (found) warn_base_url(&c, hosts, port);
    sl_arena_free(&a);
    return found ? 64 : 4;
}

int cmd_serve(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(USAGE, stdout);
        return CLI_OK;
    }
    sl_web_options o = {.store = SL_STORE_DEFAULT, .bind = "127.0.0.1", .port = 8787, .log = log_line,
                        .limits = SL_WEB_LIMITS_DEFAULT};
    host_list hosts = {0};
    int quiet = 0, rc = parse(argc, argv, &o, &hosts, &quiet);
    if (rc) return rc;
    o.hosts = hosts.names;
    if (quiet) o.log = NULL;
    /* the store must open now, as every command's (each answer opens its own) */
    sl_store *st = cli_open_store(o.store, CLI_STORE_READ, &rc);
    if (!st) return rc;
    /* a file by the name given; a database by its name alone (a connection
    ** string may hold a password, and this line goes to logs) */
    char name[1024];
    snprintf(name, sizeof name, "%s", sl_store_is_postgres(o.store) ? sl_store_title(st) : o.store);
    unsigned threads = default_threads(st, &hosts, o.port);
    if (!o.threads) o.threads = threads;
    sl_store_close(st);
    /* the signals are taken by sigwait below, in this thread alone: the
    ** server's threads, started after, inherit the mask */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    sl_web_server *srv;
    sl_error err;
    sl_error_clear(&err);
    if (sl_web_start(&o, &srv, &err)) return cli_report(&err);
    char b[256];
    if (!loopback(o.bind))
        fprintf(stderr, "sightline: warning: listening on %s, reachable from other machines: the store's figures "
                        "(and, with --exact, fine density maps and exact camera figures) are open to anyone "
                        "who can connect\n",
                cli_term(o.bind, b, sizeof b));
    int v6 = strchr(o.bind, ':') != NULL;
    fprintf(stderr, "sightline: serving %s at http://%s%s%s:%u/%s (Ctrl-C stops)\n", cli_term(name, b, sizeof b),
            v6 ? "[" : "", o.bind, v6 ? "]" : "", sl_web_port(srv), o.exact ? "  EXACT: density not suppressed" : "");
    for (size_t i = 0; i < hosts.n; i++) /* where the public finds it: the proxy in front's name */
        fprintf(stderr, "sightline: published as %s (--host): the proxy in front answers for that name; its"
                        " visitors are from outside (%s, %s)\n", cli_term(hosts.names[i], b, sizeof b),
                o.admin_remote ? "/admin open to them: --admin-bind" : "no /admin",
                o.exact ? "exact figures: --exact" : "no exact figures");
    fflush(stderr);
    int sig = 0;
    do {
        sigwait(&set, &sig);
    } while (sig == SIGPIPE);
    fprintf(stderr, "sightline: %s: finishing the requests in flight, then stopping\n",
            sig == SIGINT ? "interrupted" : "terminated");
    sl_web_stop(srv, 10000);
    fprintf(stderr, "sightline: stopped\n");
    return CLI_OK;
}
