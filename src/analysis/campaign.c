/*
** campaign.c — the campaign's public figures and the directory search (see
** sightline/analysis/campaign.h).
*/
#include "sightline/analysis/campaign.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/json_build.h"
#include "sightline/core/area.h"
#include "sightline/store/campaign.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A (state, county) group of pledges before the fold. */
typedef struct group { const char *county; long n; int shown; } group;

typedef struct counts_ctx {
    sl_store *st;
    const char *set;
    unsigned k;
    const char **ids; /* the set's area ids, read once a state needs them (ids_arena) */
    size_t nids;
    int ids_read, fips; /* fips: every id names a state */
    sl_arena ids_arena;
    group *g;        /* the current state's groups, in the store's order */
    size_t ng, cap;
    sl_arena names;  /* their county ids */
    json_t *states, *rows;
    char current[8];
    long confirmed;
    int bad;
    sl_status rc;
    sl_error *err;
} counts_ctx;

/* 1 when COUNTY of the campaign's set has few residents
** (sl_analysis_county_few). Asked per county with pledges enough to list, never the whole
** set: /api/campaign/counts answers every visitor of the page. */
static int few_residents(counts_ctx *x, const char *county)
{
    int few = 0;
    if (!*x->set || x->rc) return 0;
    x->rc = sl_analysis_county_few(x->st, x->set, county, &few, x->err);
    return few;
}

sl_status sl_analysis_county_few(sl_store *st, const char *set, const char *county, int *few, sl_error *err)
{
    double pop = NAN;
    int found = 0;
    *few = 0;
    if (!*set || sl_store_area_residents(st, set, county, &pop, &found, err)) return err->status;
    *few = found && !isnan(pop) && pop < SL_CAMPAIGN_MIN_RESIDENTS;
    return SL_OK;
}

/* The areas of the set a reader takes for STATE's counties: those of its
** FIPS code, or every one in a set whose ids name no state. */
static size_t areas_in_state(counts_ctx *x, const char *state)
{
    if (!x->ids_read && *x->set && !x->rc) {
        x->ids_read = 1;
        x->rc = sl_store_area_ids(x->st, x->set, &x->ids_arena, &x->ids, &x->nids, x->err);
        x->fips = x->nids > 0;
        for (size_t i = 0; i < x->nids && x->fips; i++) x->fips = sl_fips_state(x->ids[i]) != NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < x->nids; i++) n += !x->fips || !strcmp(sl_fips_state(x->ids[i]), state);
    return n;
}

/* Which of the state's groups are listed on their own: K pledges or more,
** in a county of SL_CAMPAIGN_MIN_RESIDENTS residents or more (when the set
** says). And when every county of the state but one would be listed, the
** state's "other counties" would be that one's count, however small: the
** smallest listed one is folded with it (secondary suppression), in a
** state of two counties or more. K 1 (the organisers' `--k 1`) withholds
** nothing: every county is listed. */
static void decide_shown(counts_ctx *x)
{
    size_t shown = 0, smallest = 0;
    for (size_t i = 0; x->k <= 1 && i < x->ng; i++) x->g[i].shown = 1;
    if (x->k <= 1) return;
    for (size_t i = 0; i < x->ng; i++) {
        x->g[i].shown = sl_privacy_count_shown((unsigned long long)x->g[i].n, x->k) && !few_residents(x, x->g[i].county);
        if (!x->g[i].shown) continue;
        if (!shown++ || x->g[i].n < x->g[smallest].n) smallest = i;
    }
    size_t in_state = areas_in_state(x, x->current);
    if (shown && in_state >= 2 && in_state - shown == 1) x->g[smallest].shown = 0;
}

/* The state's figures and rows, its groups folded (decide_shown). */
static void close_state(counts_ctx *x)
{
    if (!x->ng) return;
    decide_shown(x);
    long total = 0, other = 0;
    json_t *state = sl_jok(json_pack("{s:s, s:I, s:[]}", "state", x->current, "pledges", (json_int_t)0, "counties"),
                           &x->bad);
    sl_jpush(x->states, state, &x->bad);
    for (size_t i = 0; i < x->ng; i++) {
        total += x->g[i].n;
        if (!x->g[i].shown) {
            other += x->g[i].n;
            continue;
        }
        sl_arena a = {0};
        const char *name = NULL;
        int found = 0;
        if (!x->rc) x->rc = sl_store_area_lookup(x->st, x->set, x->g[i].county, &a, &name, &found, x->err);
        const char *shown = found && name ? name : "";
        json_int_t n = (json_int_t)x->g[i].n;
        sl_jpush(json_object_get(state, "counties"),
                 sl_jok(json_pack("{s:s, s:s, s:I}", "county", x->g[i].county, "name", shown, "pledges", n), &x->bad),
                 &x->bad);
        sl_jpush(x->rows, sl_jok(json_pack("{s:s, s:s, s:s, s:I}", "state", x->current, "county", x->g[i].county,
                                           "name", shown, "pledges", n), &x->bad), &x->bad);
        sl_arena_free(&a);
    }
    sl_jset(state, "pledges", json_integer(total), &x->bad);
    sl_jset(state, "other_counties", json_integer(other), &x->bad);
    if (other)
        sl_jpush(x->rows, sl_jok(json_pack("{s:s, s:s, s:s, s:I}", "state", x->current, "county", "", "name",
                                           "other counties", "pledges", (json_int_t)other), &x->bad), &x->bad);
    x->ng = 0;
}

static void count_group(const char *state, const char *county, long n, void *v)
{
    counts_ctx *x = v;
    if (strcmp(x->current, state)) {
        close_state(x);
        snprintf(x->current, sizeof x->current, "%s", state);
    }
    x->confirmed += n;
    if (x->ng == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 64;
        group *g = realloc(x->g, cap * sizeof *g);
        if (!g) {
            x->bad = 1;
            return;
        }
        x->g = g, x->cap = cap;
    }
    const char *id = sl_arena_strdup(&x->names, county);
    if (!id) {
        x->bad = 1;
        return;
    }
    x->g[x->ng++] = (group){id, n, 0};
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
    if (!rc && !bad && !held) {
        x.ng = 0, x.confirmed = 0, x.current[0] = '\0'; /* (no state was closed: nothing was held) */
        rc = sl_store_pledge_counts(st, before, count_group, &x, err);
    }
    if (stored) *stored = held;
    if (!rc) close_state(&x);
    free(x.g);
    sl_arena_free(&x.ids_arena);
    sl_arena_free(&x.names);
    sl_arena_free(&a);
    if (!rc) rc = x.rc;
    if (!rc && x.bad) rc = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
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
            sl_jok(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "pledges", (json_int_t)t.pledges,
                             "confirmed", (json_int_t)t.confirmed, "consented", (json_int_t)t.consented, "listed",
                             (json_int_t)t.listed, "outbox_pending", (json_int_t)t.outbox_pending, "outbox_sent",
                             (json_int_t)t.outbox_sent, "erasures", (json_int_t)t.erasures, "outbox_failed",
                             (json_int_t)t.outbox_failed, "outbox_refused", (json_int_t)t.outbox_refused, "unlisted",
                             (json_int_t)t.unlisted,
                             "kept", (json_int_t)t.kept, "exports", (json_int_t)t.exports, "last_export",
                             (json_int_t)t.last_export, "outbox_next_try", (json_int_t)t.outbox_next_try), &bad),
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
