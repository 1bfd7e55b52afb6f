/*
** campaign_routes.c — the campaign's routes (see campaign_web.h): which
** path goes where, the confirmation link and the public JSON. The JSON
** routes answer from analysis functions that return no signer's email or
** full name, so no public answer can carry one.
*/
#include "campaign_web.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/json.h"
#include "sightline/core/signer.h"
#include "sightline/core/text.h"
#include "sightline/ingest/admin.h"
#include "sightline/ingest/campaign.h"
#include "sightline/store/admin.h"
#include "sightline/web/query.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(SL_CAMPAIGN_MIN_RESIDENTS == 1000, "the pages say \"fewer than 1,000 residents\"");
#include <time.h>

#define JSON_TYPE "application/json; charset=utf-8"

sl_status sl_web_campaign_new(const char *store, sl_web_pool *pool, const sl_web_limits *limits, sl_web_log_fn log,
                              void *log_ctx, sl_web_campaign **out, sl_error *err)
{
    *out = NULL;
    sl_web_campaign *c = calloc(1, sizeof *c);
    if (!c) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (sl_web_guard_new(limits, &c->guard, err)) {
        free(c);
        return err->status;
    }
    c->pool = pool;
    c->log = log;
    c->log_ctx = log_ctx;
    c->per_client = (limits ? *limits : SL_WEB_LIMITS_DEFAULT).per_client;
    c->store = strdup(store);
    c->writer = sl_web_writer_new(store, log, log_ctx);
    c->local = sl_web_local_cache_new();
    if (!c->store || !c->writer || !c->local) {
        sl_web_campaign_free(c);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    sl_web_turn_start(c);
    *out = c;
    return SL_OK;
}

void sl_web_campaign_free(sl_web_campaign *c)
{
    if (!c) return;
    sl_web_turn_stop(c); /* before the writer and the pool it uses go */
    sl_web_guard_free(c->guard);
    sl_web_writer_free(c->writer);
    sl_web_local_cache_free(c->local);
    free(c->store);
    free(c);
}

/* The store's form secret, made there when it holds none yet: on the
** first form served, not at start (serve of a store nobody signs on
** leaves it as it was). A store that cannot be written (read-only, its
** database down) is asked again a minute later; meanwhile the guard's own
** key serves, and its tokens stay good after. */
const sl_web_guard *sl_web_campaign_guard(sl_web_campaign *c)
{
    long long now = (long long)time(NULL);
    if (sl_web_guard_shared(c->guard) || now < atomic_load(&c->key_retry)) return c->guard;
    char secret[64];
    int found = 0;
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = NULL;
    if (!sl_web_pool_get(c->pool, &st, &err)) sl_store_form_secret_get(st, secret, &found, &err);
    sl_web_pool_put(c->pool, st);
    st = NULL;
    if (!found) {
        sl_error_clear(&err);
        if (!sl_store_open(c->store, &st, &err) && !sl_campaign_form_secret(st, secret, &err)) found = 1;
        sl_store_close(st);
    }
    if (found) sl_web_guard_share(c->guard, secret);
    else atomic_store(&c->key_retry, now + 60);
    OPENSSL_cleanse(secret, sizeof secret);
    return c->guard;
}

static const char *const GETS[] = {"/campaign", "/campaign/confirm", "/campaign/manage", "/campaign/signers",
                                   "/directory/suggest",
                                   "/api/campaign/counts",
                                   "/api/campaign/local", "/api/campaign/places", "/api/campaign/signers"};

int sl_web_campaign_known(const char *path)
{
    for (size_t i = 0; i < sizeof GETS / sizeof *GETS; i++)
        if (!strcmp(path, GETS[i])) return 1;
    return sl_web_campaign_posts(path);
}

int sl_web_campaign_posts(const char *path)
{
    return !strcmp(path, "/campaign/pledge") || !strcmp(path, "/campaign/confirm") || !strcmp(path, "/directory/suggest") ||
           !strcmp(path, "/campaign/manage") || !strcmp(path, "/campaign/manage/change");
}

int sl_web_store_synthetic(sl_store *st)
{
    sl_source_list l = {0};
    sl_error err;
    sl_error_clear(&err);
    int syn = 0;
    if (sl_store_load_sources(st, NULL, &l, &err) == SL_OK)
        for (size_t i = 0; i < l.count && syn != SL_WEB_DEMO; i++) {
            const sl_source *s = &l.items[i];
            if (!strcmp(s->kind, "synthetic")) syn = SL_WEB_SYNTH; /* a synth run, named synthetic-* too */
            else if (s->file_name && !strncmp(s->file_name, "synthetic-", 10)) syn = SL_WEB_DEMO;
        }
    sl_source_list_free(&l);
    return syn;
}

void sl_web_page_json(sl_web_page *p, int status, json_t *j)
{
    memset(p, 0, sizeof *p);
    p->type = JSON_TYPE;
    p->body = j ? sl_json_dump_text(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER, &p->len) : NULL;
    p->status = p->body ? status : 500;
    json_decref(j);
}

static void json_error(sl_web_page *p, int status, const char *msg)
{
    sl_web_page_json(p, status, json_pack("{s:s}", "error", msg));
}

/* ---- the confirmation link ------------------------------------------------ */

/* A link's work in the writer: look (GET) or confirm (POST); LINK says
** where a link that confirmed nothing leads, and for a waiting one SHOWN,
** COUNTY and CAMP what its button confirms (in ARENA). */
typedef struct confirm_job {
    const char *token;
    int post, confirmed, synthetic, have_camp;
    long long closed; /* when the campaign closed (0: open) */
    sl_pledge_link link;
    sl_arena arena;
    sl_pledge shown; /* state, county, commitments, consent, listed, the name when listed: never the address */
    const char *county; /* the county's name, or NULL */
    int few; /* the county has too few residents to be named beside her (sl_analysis_county_few) */
    sl_campaign camp;
    sl_campaign_version *versions; /* the commitments' words before an edit replaced them */
    size_t n_versions;
} confirm_job;

/* The county's name and the commitments' labels of the pledge J shows. */
static sl_status what_it_says(sl_store *st, confirm_job *j, sl_error *err)
{
    int found = 0;
    if (sl_store_campaign_load(st, &j->arena, &j->camp, &j->have_camp, err) ||
        sl_store_campaign_versions(st, &j->arena, &j->versions, &j->n_versions, err))
        return err->status;
    const char *name = NULL;
    if (j->have_camp && sl_store_area_lookup(st, j->camp.area_set, j->shown.county, &j->arena, &name, &found, err))
        return err->status;
    j->county = found ? name : NULL;
    return j->have_camp ? sl_analysis_county_few(st, j->camp.area_set, j->shown.county, &j->few, err) : SL_OK;
}

static sl_status confirm_fn(sl_store *st, void *v, sl_error *err)
{
    confirm_job *j = v;
    long long now = (long long)time(NULL);
    j->synthetic = sl_web_store_synthetic(st);
    sl_arena a = {0};
    sl_campaign camp;
    int found = 0;
    sl_status rc = sl_store_campaign_load(st, &a, &camp, &found, err);
    j->closed = found ? camp.closed : 0;
    sl_arena_free(&a);
    if (rc) return rc;
    rc = j->post ? sl_campaign_confirm(st, j->token, now, &j->confirmed, err) : SL_OK;
    if (!rc && !j->confirmed) rc = sl_campaign_link(st, j->token, now, &j->link, &j->arena, &j->shown, err);
    if (!rc && !j->post && j->link == SL_LINK_PENDING) rc = what_it_says(st, j, err);
    return rc;
}

/* What the button of J's page confirms: the pledge's place, commitments
** and choices, never its address or name (the link's holder sees what the
** link would confirm, nothing of who signed). */
static void what_is_confirmed(FILE *f, const confirm_job *j)
{
    fputs("<h2>What you confirm</h2>\n<dl class=\"confirming\"><dt>Your county</dt><dd>", f);
    sl_html_write_escaped(f, j->county ? j->county : j->shown.county);
    fputs(", ", f);
    sl_html_write_escaped(f, j->shown.state);
    fputs("</dd><dt>You commit to</dt><dd>", f);
    const char *k = j->shown.commitments;
    int any = 0;
    while (k && *k) {
        size_t n = strcspn(k, ",");
        char key[128];
        snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), k);
        const char *label = NULL;
        for (size_t i = 0; j->have_camp && i < j->camp.n_commitments; i++)
            if (!strcmp(j->camp.commitments[i].key, key)) label = j->camp.commitments[i].label;
        /* one an edit took off the form since she signed: in the words she ticked */
        const char *was = label ? NULL : sl_campaign_version_label(j->versions, j->n_versions, key);
        fputs(any++ ? "</li><li>" : "<ul><li>", f);
        if (label || was) sl_html_write_escaped(f, label ? label : was);
        else sl_html_write_escaped(f, key); /* a key: letters, digits, - and _ */
        if (was) fputs(" <span class=\"note\">(no longer on the form)</span>", f);
        k += n + (k[n] == ',');
    }
    fputs(any ? "</li></ul>" : "the pledge itself (no commitment ticked)", f);
    fputs("</dd><dt>Public list of signers</dt><dd>", f);
    if (j->shown.listed) { /* the name as the list would show it: she sees what a stranger may have typed */
        char pub[SL_PUBLIC_NAME_MAX];
        sl_signer_public_name(j->shown.name ? j->shown.name : "", pub);
        if (*pub) {
            fputs("Yes, as “", f);
            sl_html_write_escaped(f, pub);
            fputs(j->few ? "” with your state (the first name and the initial of the last; your county, of "
                           "fewer than 1,000 residents, is not named)"
                         : "” with your county (the first name and the initial of the last)", f);
        } else {
            fputs(j->few ? "Yes, with your state (no name was given)" : "Yes, with your county (no name was given)", f);
        }
    } else {
        fputs("No: you are not listed", f);
    }
    fputs("</dd><dt>Emails about the campaign</dt><dd>", f);
    fputs(j->shown.consent ? "Yes, the organisers may email you" : "No", f);
    fputs("</dd></dl>\n<p class=\"note\">This button confirms these answers only. Something wrong? Sign again "
          "with the same address and the right answers: a new link comes by email, and confirms those.</p>\n", f);
}

/* The page a waiting link opens: what it confirms and one button sending
** its token back. */
static void confirm_form(sl_web_campaign *c, const confirm_job *j, sl_web_page *out)
{
    char *buf = NULL, csrf[SL_WEB_CSRF_MAX];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sl_web_csrf_issue(sl_web_campaign_guard(c), (long long)time(NULL), csrf);
    if (f) {
        sl_web_page_begin(f, "Confirm your pledge", SL_WEB_SIDE_CAMPAIGN, j->synthetic, 0);
        fputs("<h1>Confirm your pledge</h1>\n<p class=\"message\">One step left: press the button to confirm the "
              "pledge signed with your address. It then counts in the campaign's public figures from the next full "
              "hour (they are counted once an hour, so that nobody can tell who signed by watching them). If you "
              "did not sign, close this page: nothing is counted.</p>\n", f);
        what_is_confirmed(f, j);
        fputs("<form method=\"post\" action=\"/campaign/confirm\" class=\"pledge\">\n", f);
        fprintf(f, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n<input type=\"hidden\" name=\"token\" value=\"",
                csrf);
        sl_html_write_escaped(f, j->token);
        fputs("\">\n<p><button type=\"submit\" class=\"primary\">Confirm my pledge</button></p>\n</form>\n", f);
        sl_web_page_end(f);
    }
    sl_web_page_close(out, 200, f, &buf, &len);
}

/* The next full hour after NOW ("HH:MM", UTC) into HOUR: when a pledge
** confirmed or erased at NOW joins or leaves the public counts
** (sl_analysis_counted_before). */
static void next_count_hour(long long now, char hour[8])
{
    time_t next = (time_t)(sl_analysis_counted_before(now) + SL_CAMPAIGN_COUNT_PERIOD);
    struct tm tm;
    hour[0] = '\0';
    if (gmtime_r(&next, &tm)) strftime(hour, 8, "%H:%M", &tm);
}

/* What a pledge confirmed at NOW is told: when it joins the public figures
** (the next full hour), and why not at once. */
static const char *when_counted(long long now, char *buf, size_t size)
{
    char hour[8];
    next_count_hour(now, hour);
    snprintf(buf, size,
             "It counts in the public figures of the campaign from %s UTC, the next full hour. They are counted "
             "once an hour, every pledge confirmed in the hour together, so that nobody watching the counter can "
             "tell that you signed, nor where. Changed your mind later? The second link in the same email (for 30 "
             "days), or Manage your pledge on the campaign's page (at any time), stops the emails, takes your name off the list or erases "
             "your pledge, without writing to anyone.", hour);
    return buf;
}

const char *sl_web_erased_text(long long now, char *buf, size_t size)
{
    char hour[8];
    next_count_hour(now, hour);
    snprintf(buf, size,
             "The signer's pledge and messages are erased now; the erasure is logged without their address. The "
             "public counts lose the pledge at %s UTC, the next full hour, together with every pledge confirmed or "
             "erased in this hour, so that nobody watching them can tell that someone has just erased, nor where.",
             hour);
    return buf;
}

/* The answer to J once the writer ran it (RC). */
static void confirm_answer(sl_web_campaign *c, const confirm_job *j, sl_status rc, sl_web_page *out)
{
    char text[600];
    if (rc || (j->post && j->link == SL_LINK_PENDING))
        sl_web_camp_message(out, 503, "Not confirmed yet", "The pledge could not be confirmed right now; please open "
                            "the link again in a moment.", SL_WEB_SIDE_CAMPAIGN);
    else if (j->confirmed)
        sl_web_camp_message_of(out, 200, "Thank you: your pledge is confirmed",
                               when_counted((long long)time(NULL), text, sizeof text), j->synthetic);
    else if (j->link == SL_LINK_CONFIRMED)
        sl_web_camp_message_of(out, 200, "Your pledge is confirmed already",
                               "It counts in the public figures of the campaign from the first full hour after it "
                               "was confirmed (they are counted once an hour); there is nothing more to do. Changed "
                               "your mind? The second link in the same email (for 30 days), or Manage your pledge on "
                               "the campaign's page (at any time), stops the emails, takes your name off the list or "
                               "erases your pledge, without writing to anyone.",
                               j->synthetic);
    else if (j->link == SL_LINK_PENDING)
        confirm_form(c, j, out);
    else if (j->closed) /* its pending pledges went when it closed */
        sl_web_camp_message_of(out, 410, "The campaign has closed",
                               "It takes no more pledges, and this link confirms nothing: a pledge not confirmed "
                               "before the campaign closed was deleted with its address, and is not counted. A "
                               "pledge confirmed before then stays in the campaign's counts. Thank you for signing.",
                               j->synthetic);
    else {
        /* an unknown, expired, purged or erased pledge's link: alike, so the
        ** page tells nobody whether an address had signed (a confirmed
        ** pledge's links say so above); its life in the words of the mail
        ** and of the page after signing (pledge.c), from the day she signed */
        snprintf(text, sizeof text,
                 "It leads to no pledge: the link may have expired (a link works until %ld days after you signed) "
                 "or been cut short by your mail program, or the pledge may have been withdrawn or erased. "
                 "Nothing is counted for it. To pledge, please sign again: a new link will be sent.",
                 SL_PLEDGE_CONFIRM_TTL_S / 86400);
        sl_web_camp_message_of(out, 400, "This link does not work", text, j->synthetic);
    }
}

void sl_web_confirm_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    sl_error err;
    sl_error_clear(&err);
    sl_web_query q;
    const char *raw = rq->query ? rq->query : "";
    confirm_job j = {0};
    sl_status rc = SL_OK;
    /* a malformed query or token is answered as an expired link: nothing
    ** tells an unknown token from an expired one */
    if (!sl_web_query_parse(raw, strlen(raw), &q, &err) && (j.token = sl_web_query_get(&q, "token")))
        rc = sl_web_writer_run(c->writer, confirm_fn, &j, &err);
    confirm_answer(c, &j, rc, out);
    sl_arena_free(&j.arena);
    sl_web_query_free(&q);
}

void sl_web_confirm_post(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    sl_form form;
    int guard = sl_web_form_guard(c, rq, (long long)time(NULL), &form, SL_WEB_SIDE_CAMPAIGN, out);
    if (guard == 2) { /* nothing typed: its button is on the link's page */
        sl_web_form_expired(out, SL_WEB_SIDE_CAMPAIGN);
        sl_form_free(&form);
    }
    if (guard) return;
    sl_error err;
    sl_error_clear(&err);
    confirm_job j = {.post = 1};
    sl_status rc = SL_OK;
    if (sl_form_get(&form, "token", &j.token) == 1) rc = sl_web_writer_run(c->writer, confirm_fn, &j, &err);
    confirm_answer(c, &j, rc, out);
    sl_arena_free(&j.arena);
    sl_form_free(&form);
}

/* ---- the public counts ---------------------------------------------------- */

/* The hour's counts to store and read again, on the writer's connection. */
typedef struct counts_job {
    unsigned k;
    long long now;
    json_t *out;
} counts_job;

static sl_status counts_fn(sl_store *st, void *v, sl_error *err)
{
    counts_job *j = v;
    sl_status rc = sl_store_begin(st, err);
    if (!rc) rc = sl_store_public_counts_make(st, sl_analysis_counted_before(j->now), err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) {
        sl_store_rollback(st);
        return rc;
    }
    /* stored, or a later hour's is (a server whose clock is ahead): then
    ** this one's, counted, for the seconds until this clock turns too */
    return sl_analysis_campaign_counts(st, j->k, j->now, &j->out, NULL, err);
}

sl_status sl_web_campaign_counts(sl_web_campaign *c, unsigned k, json_t **out, sl_error *err)
{
    counts_job j = {k, (long long)time(NULL), NULL};
    sl_store *st = NULL;
    int stored = 0;
    *out = NULL;
    sl_status rc = sl_web_pool_get(c->pool, &st, err);
    if (!rc) rc = sl_analysis_campaign_counts(st, k, j.now, out, &stored, err);
    sl_web_pool_put(c->pool, st);
    if (rc || stored) return rc;
    /* the hour's first read: what was counted here is not served, the
    ** store's is (another server may have stored it meanwhile) */
    json_decref(*out);
    *out = NULL;
    rc = sl_web_writer_run(c->writer, counts_fn, &j, err);
    if (rc) json_decref(j.out);
    else *out = j.out;
    return rc;
}

/* ---- the public JSON ------------------------------------------------------ */

void sl_web_campaign_api(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    sl_error err;
    sl_error_clear(&err);
    sl_web_query q;
    const char *raw = rq->query ? rq->query : "";
    static const char *const LOCAL[] = {"state", "county", NULL}, *const NONE[] = {NULL},
                             *const COUNTS[] = {"k", NULL};
    const char *const *allowed = !strcmp(rq->path, "/api/campaign/local")    ? LOCAL
                                 : !strcmp(rq->path, "/api/campaign/counts") ? COUNTS
                                                                             : NONE;
    json_t *j = NULL;
    sl_store *st = NULL;
    const char *kt = NULL;
    long k = 0;
    if (!sl_web_query_parse(raw, strlen(raw), &q, &err) && !sl_web_query_only(&q, allowed, &err)) {
        kt = sl_web_query_get(&q, "k");
        k = kt ? strtol(kt, NULL, 10) : 0;
    }
    if (err.status) {
        /* answered below */
    } else if (kt && (k < SL_WEB_PUBLIC_K_MIN || k > 1000 || strspn(kt, "0123456789") != strlen(kt))) {
        sl_fail(&err, SL_EUSAGE, NULL, 0, "k is a whole number from %d to 1000", SL_WEB_PUBLIC_K_MIN);
    } else if (!strcmp(rq->path, "/api/campaign/counts")) {
        sl_web_campaign_counts(c, (unsigned)k, &j, &err); /* its own read handle, and maybe the writer */
    } else if (!sl_web_pool_get(c->pool, &st, &err) && !sl_store_read_begin(st, &err)) {
        if (!strcmp(rq->path, "/api/campaign/local"))
            sl_web_local_figures(c->local, st, sl_web_query_get(&q, "state"), sl_web_query_get(&q, "county"), &j, &err);
        else if (!strcmp(rq->path, "/api/campaign/places"))
            sl_analysis_campaign_places(st, &j, &err);
        else
            sl_analysis_campaign_signers(st, 0, SL_WEB_SIGNERS_PAGE, sl_analysis_counted_before((long long)time(NULL)), &j, &err);
    }
    sl_web_pool_put(c->pool, st);
    sl_web_query_free(&q);
    if (err.status)
        json_error(out, err.status == SL_EUSAGE || err.status == SL_EDATA ? 400 : err.status == SL_EIO ? 503 : 500,
                   err.msg);
    else
        sl_web_page_json(out, 200, j);
}

void sl_web_campaign_answer(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    int post = !strcmp(rq->method, "POST");
    memset(out, 0, sizeof *out);
    /* the link and the suggestion are a page (GET) and its form (POST) */
    int both = !strcmp(rq->path, "/directory/suggest") || !strcmp(rq->path, "/campaign/confirm") ||
               !strcmp(rq->path, "/campaign/manage");
    if (post != sl_web_campaign_posts(rq->path) && !both) {
        json_error(out, 405, post ? "this path takes GET only" : "this path takes a form (POST) only");
        return;
    }
    if (!strcmp(rq->path, "/campaign")) sl_web_campaign_get(c, rq, out);
    else if (!strcmp(rq->path, "/campaign/signers")) sl_web_signers_get(c, rq, out);
    else if (!strcmp(rq->path, "/campaign/confirm")) (post ? sl_web_confirm_post : sl_web_confirm_get)(c, rq, out);
    else if (!strcmp(rq->path, "/campaign/pledge")) sl_web_pledge_post(c, rq, out);
    else if (!strcmp(rq->path, "/campaign/manage")) (post ? sl_web_manage_ask_post : sl_web_manage_get)(c, rq, out);
    else if (!strcmp(rq->path, "/campaign/manage/change")) sl_web_manage_change_post(c, rq, out);
    else if (!strcmp(rq->path, "/directory/suggest")) (post ? sl_web_suggest_post : sl_web_suggest_get)(c, rq, out);
    else sl_web_campaign_api(c, rq, out);
}
