/*
** campaign.c — the campaign's public figures and the directory search (see
** sightline/analysis/campaign.h).
*/
#include "sightline/analysis/campaign.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/json_build.h"
#include "sightline/store/campaign.h"

#include <string.h>
#include <time.h>

typedef struct counts_ctx {
    sl_store *st;
    const char *set;
    unsigned k;
    json_t *states, *rows, *state; /* state: the one being filled */
    char current[8];
    long other, confirmed;
    int bad;
    sl_status rc;
    sl_error *err;
} counts_ctx;

static void close_state(counts_ctx *x)
{
    if (!x->state) return;
    sl_jset(x->state, "other_counties", json_integer(x->other), &x->bad);
    if (x->other)
        sl_jpush(x->rows, sl_jok(json_pack("{s:s, s:s, s:s, s:I}", "state", x->current, "county", "", "name",
                                           "other counties", "pledges", (json_int_t)x->other), &x->bad), &x->bad);
    x->state = NULL;
    x->other = 0;
}

static void count_group(const char *state, const char *county, long n, void *v)
{
    counts_ctx *x = v;
    if (!x->state || strcmp(x->current, state)) {
        close_state(x);
        snprintf(x->current, sizeof x->current, "%s", state);
        x->state = sl_jok(json_pack("{s:s, s:I, s:[]}", "state", state, "pledges", (json_int_t)0, "counties"), &x->bad);
        sl_jpush(x->states, x->state, &x->bad);
        if (!x->state) return;
    }
    x->confirmed += n;
    json_t *total = json_object_get(x->state, "pledges");
    if (total) json_integer_set(total, json_integer_value(total) + n);
    if (!sl_privacy_count_shown((unsigned long long)n, x->k)) {
        x->other += n;
        return;
    }
    sl_arena a = {0};
    const char *name = NULL;
    int found = 0;
    if (!x->rc) x->rc = sl_store_area_lookup(x->st, x->set, county, &a, &name, &found, x->err);
    const char *shown = found && name ? name : "";
    sl_jpush(json_object_get(x->state, "counties"),
             sl_jok(json_pack("{s:s, s:s, s:I}", "county", county, "name", shown, "pledges", (json_int_t)n), &x->bad),
             &x->bad);
    sl_jpush(x->rows, sl_jok(json_pack("{s:s, s:s, s:s, s:I}", "state", state, "county", county, "name", shown,
                                       "pledges", (json_int_t)n), &x->bad), &x->bad);
    sl_arena_free(&a);
}

long long sl_analysis_counted_before(long long now)
{
    long long r = now % SL_CAMPAIGN_COUNT_PERIOD;
    return now - (r < 0 ? r + SL_CAMPAIGN_COUNT_PERIOD : r);
}

sl_status sl_analysis_campaign_counts(sl_store *st, unsigned k, long long now, json_t **out, int *stored,
                                      sl_error *err)
{
    sl_arena a = {0};
    sl_campaign c;
    int found;
    long long before = sl_analysis_counted_before(now);
    time_t t = (time_t)before;
    struct tm tm;
    char when[32];
    if (!gmtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "no UTC time for %lld", now);
    if (!k) k = SL_PRIVACY_DEFAULT_K;
    if (sl_store_campaign_load(st, &a, &c, &found, err)) return err->status;
    counts_ctx x = {.st = st, .set = found ? c.area_set : "", .k = k, .err = err};
    int bad = 0;
    *out = sl_jok(json_object(), &bad);
    x.states = sl_jok(json_array(), &bad);
    x.rows = sl_jok(json_array(), &bad);
    /* the hour's stored counts, or (none stored yet) what they would hold */
    int held = 0;
    sl_status rc = bad ? SL_OK : sl_store_public_counts(st, before, count_group, &x, &held, err);
    if (!rc && !bad && !held) rc = sl_store_pledge_counts(st, before, count_group, &x, err);
    if (stored) *stored = held;
    close_state(&x);
    sl_arena_free(&a);
    if (!rc) rc = x.rc;
    if (rc) {
        json_decref(x.states);
        json_decref(x.rows);
        json_decref(*out);
        *out = NULL;
        return rc;
    }
    sl_jset(*out, "k", json_integer(k), &bad);
    sl_jset(*out, "counted_before", json_string(when), &bad);
    sl_jset(*out, "confirmed", json_integer(x.confirmed), &bad);
    sl_jset(*out, "states", x.states, &bad);
    sl_jset(*out, "rows", x.rows, &bad);
    return sl_json_built(out, bad || x.bad, err);
}

static json_t *campaign_json(const sl_campaign *c, int *bad)
{
    json_t *o = sl_jok(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "title", c->title, "pledge_md",
                                 c->pledge_md, "organisation", c->organisation, "contact", c->contact, "privacy",
                                 c->privacy, "area_set", c->area_set, "base_url", c->base_url, "sender", c->sender,
                                 "updated_at", c->updated_at), bad);
    json_t *list = sl_jok(json_array(), bad);
    for (size_t i = 0; i < c->n_commitments; i++)
        sl_jpush(list, sl_jok(json_pack("{s:s, s:s}", "key", c->commitments[i].key, "label", c->commitments[i].label),
                              bad), bad);
    sl_jset(o, "commitments", list, bad);
    /* when the organisers closed it (no pledge taken), or null: open */
    char closed[32] = "";
    time_t t = (time_t)c->closed;
    struct tm tm;
    if (c->closed && gmtime_r(&t, &tm)) strftime(closed, sizeof closed, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sl_jset(o, "closed", closed[0] ? json_string(closed) : json_null(), bad);
    return o;
}

/* The campaign and, with TOTALS (or with TOTALS -1 when it is closed), its totals. */
static sl_status campaign_of(sl_store *st, int totals, json_t **out, sl_error *err)
{
    sl_arena a = {0};
    sl_campaign c;
    sl_campaign_totals t;
    int found, bad = 0;
    *out = NULL;
    sl_status rc = sl_store_campaign_load(st, &a, &c, &found, err);
    int with = totals > 0 || (totals < 0 && found && c.closed);
    if (!rc && with) rc = sl_store_campaign_totals(st, &t, err);
    if (rc) {
        sl_arena_free(&a);
        return rc;
    }
    *out = sl_jok(json_object(), &bad);
    sl_jset(*out, "campaign", found ? campaign_json(&c, &bad) : json_null(), &bad);
    sl_jset(*out, "totals", !with ? json_null() :
            sl_jok(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "pledges", (json_int_t)t.pledges,
                             "confirmed", (json_int_t)t.confirmed, "consented", (json_int_t)t.consented, "listed",
                             (json_int_t)t.listed, "outbox_pending", (json_int_t)t.outbox_pending, "outbox_sent",
                             (json_int_t)t.outbox_sent, "erasures", (json_int_t)t.erasures, "outbox_failed",
                             (json_int_t)t.outbox_failed, "outbox_refused", (json_int_t)t.outbox_refused, "unlisted",
                             (json_int_t)t.unlisted,
                             "kept", (json_int_t)t.kept, "exports", (json_int_t)t.exports, "last_export",
                             (json_int_t)t.last_export), &bad),
            &bad);
    sl_arena_free(&a);
    return sl_json_built(out, bad, err);
}

sl_status sl_analysis_campaign(sl_store *st, json_t **out, sl_error *err)
{
    return campaign_of(st, 1, out, err);
}

sl_status sl_analysis_campaign_page(sl_store *st, json_t **out, sl_error *err)
{
    return campaign_of(st, -1, out, err);
}
