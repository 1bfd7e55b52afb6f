/*
** campaign_routes.c — the campaign's routes (see campaign_web.h): which
** path goes where, the confirmation link and the public JSON. The JSON
** routes answer from analysis functions that return no signer's email or
** full name, so no public answer can carry one.
*/
#include "campaign_web.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/json.h"
#include "sightline/ingest/campaign.h"
#include "sightline/web/query.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JSON_TYPE "application/json; charset=utf-8"

sl_status sl_web_campaign_new(const char *store, sl_web_pool *pool, const sl_web_limits *limits,
                              sl_web_campaign **out, sl_error *err)
{
    *out = NULL;
    sl_web_campaign *c = calloc(1, sizeof *c);
    if (!c) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (sl_web_guard_new(limits, &c->guard, err)) {
        free(c);
        return err->status;
    }
    c->pool = pool;
    c->writer = sl_web_writer_new(store);
    c->local = sl_web_local_cache_new();
    if (!c->writer || !c->local) {
        sl_web_campaign_free(c);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    *out = c;
    return SL_OK;
}

void sl_web_campaign_free(sl_web_campaign *c)
{
    if (!c) return;
    sl_web_guard_free(c->guard);
    sl_web_writer_free(c->writer);
    sl_web_local_cache_free(c->local);
    free(c);
}

static const char *const GETS[] = {"/campaign", "/campaign/confirm", "/directory/suggest", "/api/campaign/counts",
                                   "/api/campaign/local", "/api/campaign/places", "/api/campaign/signers"};

int sl_web_campaign_known(const char *path)
{
    for (size_t i = 0; i < sizeof GETS / sizeof *GETS; i++)
        if (!strcmp(path, GETS[i])) return 1;
    return sl_web_campaign_posts(path);
}

int sl_web_campaign_posts(const char *path)
{
    return !strcmp(path, "/campaign/pledge") || !strcmp(path, "/directory/suggest");
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

typedef struct confirm_job { const char *token; int confirmed; } confirm_job;

static sl_status confirm_fn(sl_store *st, void *v, sl_error *err)
{
    confirm_job *j = v;
    return sl_campaign_confirm(st, j->token, (long long)time(NULL), &j->confirmed, err);
}

void sl_web_confirm_get(sl_web_campaign *c, const sl_web_request *rq, sl_web_page *out)
{
    sl_error err;
    sl_error_clear(&err);
    sl_web_query q;
    const char *raw = rq->query ? rq->query : "";
    confirm_job j = {NULL, 0};
    /* a malformed query or token is answered as an expired link: nothing
    ** tells an unknown token from a used one */
    if (!sl_web_query_parse(raw, strlen(raw), &q, &err) && (j.token = sl_web_query_get(&q, "token")))
        sl_web_writer_run(c->writer, confirm_fn, &j, &err);
    if (err.status && j.token)
        sl_web_camp_message(out, 503, "Not confirmed yet", "The pledge could not be confirmed right now; please open "
                            "the link again in a moment.", SL_WEB_SIDE_CAMPAIGN);
    else if (j.confirmed)
        sl_web_camp_message(out, 200, "Thank you: your pledge is confirmed",
                            "It now counts in the public figures of the campaign.", SL_WEB_SIDE_CAMPAIGN);
    else
        sl_web_camp_message(out, 400, "This link does not work",
                            "It may have expired (links work for 7 days), been used already, or been cut short by "
                            "your mail program. If you signed more than a week ago, please sign again: a new link "
                            "will be sent.", SL_WEB_SIDE_CAMPAIGN);
    sl_web_query_free(&q);
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
    if (!sl_web_query_parse(raw, strlen(raw), &q, &err) && !sl_web_query_only(&q, allowed, &err) &&
        !sl_web_pool_get(c->pool, &st, &err) && !sl_store_read_begin(st, &err)) {
        const char *kt = sl_web_query_get(&q, "k");
        long k = kt ? strtol(kt, NULL, 10) : 0;
        if (kt && (k < SL_WEB_PUBLIC_K_MIN || k > 1000 || strspn(kt, "0123456789") != strlen(kt)))
            sl_fail(&err, SL_EUSAGE, NULL, 0, "k is a whole number from %d to 1000", SL_WEB_PUBLIC_K_MIN);
        else if (!strcmp(rq->path, "/api/campaign/counts"))
            sl_analysis_campaign_counts(st, (unsigned)k, &j, &err);
        else if (!strcmp(rq->path, "/api/campaign/local"))
            sl_web_local_figures(c->local, st, sl_web_query_get(&q, "state"), sl_web_query_get(&q, "county"), &j, &err);
        else if (!strcmp(rq->path, "/api/campaign/places"))
            sl_analysis_campaign_places(st, &j, &err);
        else
            sl_analysis_campaign_signers(st, 100, &j, &err);
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
    if (post != sl_web_campaign_posts(rq->path) && strcmp(rq->path, "/directory/suggest")) {
        json_error(out, 405, post ? "this path takes GET only" : "this path takes a form (POST) only");
        return;
    }
    if (!strcmp(rq->path, "/campaign")) sl_web_campaign_get(c, rq, out);
    else if (!strcmp(rq->path, "/campaign/confirm")) sl_web_confirm_get(c, rq, out);
    else if (!strcmp(rq->path, "/campaign/pledge")) sl_web_pledge_post(c, rq, out);
    else if (!strcmp(rq->path, "/directory/suggest")) (post ? sl_web_suggest_post : sl_web_suggest_get)(c, rq, out);
    else sl_web_campaign_api(c, rq, out);
}
