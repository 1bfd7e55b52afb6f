/*
** campaign_local.c — what the campaign page shows of a place and of its
** signers (see sightline/analysis/campaign.h): the counties a signer picks
** from, the public figures of their state and county (the tracker's own,
** so the page and `partnerships --state` agree), and the public list.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/campaign.h"
#include "sightline/analysis/tracker.h"
#include "sightline/core/area.h"
#include "sightline/core/json_build.h"
#include "sightline/core/json.h"
#include "sightline/core/request.h"
#include "sightline/core/sha256.h"
#include "sightline/core/signer.h"
#include "sightline/store/campaign.h"
#include "sightline/store/requests.h"
#include "sightline/store/store_layers.h"
#include "sightline/geo/pip.h"
#include "analysis_internal.h"
#include "tracker_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- places ---------------------------------------------------------------- */

static int state_of_the_union(const char *state);

/* Whether STATE, with AREAS areas of the campaign's set, is one county:
** DC and Guam, whose county is the whole place (its figures are the
** state's, said once; its pledges are no "other counties"' of it). A state
** has many counties: one area of a set there (the demo's, a set of the
** organisers' own) leaves its figures the state's and the county's apart. */
static int one_county_place(const char *state, size_t areas)
{
    return sl_row_in_only_area(areas) && !state_of_the_union(state);
}

typedef struct place { const char *state, *id, *name; const sl_area *a; char shown[128]; } place;

static int by_place(const void *a, const void *b)
{
    const place *x = a, *y = b;
    int c = strcmp(x->state, y->state);
    return c ? c : strcmp(x->name, y->name);
}

sl_status sl_analysis_campaign_places(sl_store *st, json_t **out, sl_error *err)
{
    sl_arena a = {0};
    sl_campaign c;
    int found, bad = 0;
    *out = NULL;
    if (sl_store_campaign_load(st, &a, &c, &found, err)) return err->status;
    sl_area_list l = {0};
    if (found && sl_store_load_areas(st, c.area_set, &l, err)) {
        sl_arena_free(&a);
        return err->status;
    }
    int fips = found && sl_area_list_has_states(&l);
    place *p = calloc(l.count + 1, sizeof *p);
    for (size_t i = 0; p && i < l.count; i++) {
        p[i] = (place){fips ? sl_fips_state(l.items[i].id) : "", l.items[i].id,
                       l.items[i].name ? l.items[i].name : l.items[i].id, &l.items[i], ""};
        /* "Richmond city" beside Richmond County, as the page names it once picked */
        if (!sl_county_shown_name(p[i].id, p[i].name, p[i].shown, sizeof p[i].shown)) p[i].shown[0] = '\0';
    }
    if (p) qsort(p, l.count, sizeof *p, by_place);
    for (size_t i = 0; p && i < l.count; i++) /* after the sort, which moves each shown name */
        if (p[i].shown[0]) p[i].name = p[i].shown;
    *out = sl_jok(json_object(), &bad);
    json_t *states = sl_jok(json_array(), &bad), *group = NULL;
    for (size_t i = 0; p && i < l.count; i++) {
        if (!i || strcmp(p[i].state, p[i - 1].state)) {
            json_t *g = sl_jok(json_pack("{s:s, s:[]}", "state", p[i].state, "counties"), &bad);
            sl_jpush(states, g, &bad);
            group = json_object_get(g, "counties");
        }
        const sl_area *a = p[i].a; /* its box, to 0.01 degree: enough to pick it from a browser's location */
        sl_jpush(group, sl_jok(json_pack("{s:s, s:s, s:[f,f,f,f]}", "id", p[i].id, "name", p[i].name, "box",
                                         round(a->minx * 100) / 100, round(a->miny * 100) / 100,
                                         round(a->maxx * 100) / 100, round(a->maxy * 100) / 100), &bad), &bad);
    }
    size_t i;
    json_t *g;
    json_array_foreach(states, i, g)
        sl_jset(g, "one_county",
                json_boolean(one_county_place(json_string_value(json_object_get(g, "state")),
                                              json_array_size(json_object_get(g, "counties")))), &bad);
    sl_jset(*out, "set", found ? json_string(c.area_set) : json_null(), &bad);
    sl_jset(*out, "states", states, &bad);
    free(p);
    sl_area_list_free(&l);
    sl_arena_free(&a);
    return sl_json_built(out, bad || (l.count && !p), err);
}

/* ---- the figures of a place ------------------------------------------------ */

typedef struct row { const char *agency, *tech; char since[11]; size_t counties; int by_source; } row;

static int by_since(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(x->since[0] ? x->since : "9999", y->since[0] ? y->since : "9999");
    return c ? c : strcmp(x->agency, y->agency);
}

/* Which rows listed are dated, not started: of the Atlas (by the source it
** cites), of another list (by its date column): the note under them says
** the one that is so (the Atlas's caveat for the Atlas's rows only). */
typedef struct dated_kinds { int atlas, file; } dated_kinds;

/* The keys (sl_county_area_key) of the areas of the campaign's set in a
** state: a record naming none of them is in no county's list. */
typedef struct state_keys { size_t n; char (*key)[SL_COUNTY_KEY]; } state_keys;

static sl_status state_keys_load(sl_store *st, const char *set, const char *state, state_keys *k, sl_error *err)
{
    sl_area_list l = {0};
    *k = (state_keys){0};
    if (!set) return SL_OK;
    if (sl_store_load_areas(st, set, &l, err)) return err->status;
    k->key = calloc(l.count + 1, sizeof *k->key);
    for (size_t i = 0; k->key && i < l.count; i++) {
        const char *in = sl_fips_state(l.items[i].id);
        if (in && !strcasecmp(in, state))
            sl_county_area_key(l.items[i].id, l.items[i].name ? l.items[i].name : "", k->key[k->n++]);
    }
    sl_area_list_free(&l);
    return k->key ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
}

/* Whether county set CS names an area of K. */
static int names_an_area(const sl_county_set *cs, const state_keys *k)
{
    for (size_t i = 0; i < k->n; i++)
        if (sl_county_set_has(cs, k->key[i])) return 1;
    return 0;
}

/* Whether row counties CS are of the county of key KEY: they name it, or
** they name no area of the state and it is the state's one county
** (sl_row_in_only_area). Else a row naming no area of the state adds to
** *UNPLACED. */
static int of_county(const sl_county_set *cs, const char *key, const state_keys *k, long *unplaced)
{
    if (sl_county_set_has(cs, key)) return 1;
    if (!k->n || names_an_area(cs, k)) return 0;
    if (sl_row_in_only_area(k->n)) return 1;
    (*unplaced)++;
    return 0;
}

/* The partnerships of the snapshot in STATE that name the county of key
** KEY (sl_row_counties, through the registry agencies AG; of_county: in a
** state of one county, all of them; SK the state's area keys, *UNPLACED
** counting the rows naming none of its areas), each with the
** number of counties it names (one naming several is in each) and whether
** its date is not a start (sl_tracker_dated_by_source; *DATED says whose). */
static json_t *county_rows(sl_store *st, const char *snapshot, const char *state, const char *key,
                           const sl_agency_list *ag, const state_keys *sk, long *unplaced, dated_kinds *dated,
                           int *bad, sl_error *err)
{
    sl_partnership_list l = {0};
    sl_atlas_imports atlas = {0};
    if (sl_store_load_partnerships(st, snapshot, &l, err)) return NULL;
    sl_tracker_agency_states(&l, ag); /* a linked row is of its agency's state, as the tracker counts */
    if (sl_atlas_imports_load(st, &atlas, err)) {
        sl_partnership_list_free(&l);
        return NULL;
    }
    row *rows = calloc(l.count + 1, sizeof *rows);
    size_t n = 0;
    sl_county_set cs;
    for (size_t i = 0; rows && i < l.count; i++) {
        const sl_partnership *p = &l.items[i];
        if (!p->state || strcasecmp(p->state, state)) continue;
        sl_row_counties(p, p->agency_id ? sl_find_agency(ag, p->agency_id) : NULL, &cs);
        if (!of_county(&cs, key, sk, unplaced)) continue;
        rows[n] = (row){p->agency ? p->agency : "", p->technology ? p->technology : "", "", cs.n,
                        sl_tracker_dated_by_source(p)};
        int file = sl_tracker_dated_by_file(p, &atlas);
        dated->file |= file;
        dated->atlas |= rows[n].by_source && !file;
        sl_date_format(&p->start, rows[n++].since); /* ISO: sorts by time, reads the same everywhere */
    }
    if (rows) qsort(rows, n, sizeof *rows, by_since);
    json_t *a = sl_jok(json_array(), bad);
    for (size_t i = 0; rows && i < n; i++)
        sl_jpush(a, sl_jok(json_pack("{s:s, s:s, s:s, s:b, s:I}", "agency", rows[i].agency, "technology", rows[i].tech,
                                     "since", rows[i].since, "dated_by_source", rows[i].by_source, "counties",
                                     (json_int_t)rows[i].counties), bad), bad);
    if (!rows) *bad = 1;
    free(rows);
    sl_partnership_list_free(&l);
    sl_atlas_imports_free(&atlas);
    return a;
}

/* The sentence under the county's rows when some are dated, not started:
** the Atlas's caveat for its rows, another list's for its own (JSON null
** when none is). */
static json_t *dated_note(const dated_kinds *d)
{
    if (d->atlas && d->file) return json_string(SL_TRACKER_DATED_NOTE " " SL_TRACKER_FILE_DATED_NOTE);
    if (d->file) return json_string("Only a Ring partnership's date is when it started. " SL_TRACKER_FILE_DATED_NOTE);
    return d->atlas ? json_string(SL_TRACKER_DATED_NOTE) : json_null();
}

/* How the page names the place of postal code STATE in its figures: "the
** state", "DC" (no state) or "the territory" (Puerto Rico, Guam, the Virgin
** Islands, American Samoa, the Northern Mariana Islands): "Police agencies
** in DC", "the territory's figures". The one rule of the page with and
** without JavaScript, which both read it from the JSON. */
static const char *state_word(const char *state)
{
    return !strcmp(state, "DC") ? "DC" : state_of_the_union(state) ? "the state" : "the territory";
}

/* 1 for one of the 50 states: not DC, not a territory. */
static int state_of_the_union(const char *state)
{
    static const char *const not_states[] = {"DC", "AS", "GU", "MP", "PR", "VI"};
    for (size_t i = 0; i < sizeof not_states / sizeof *not_states; i++)
        if (!strcmp(state, not_states[i])) return 0;
    return 1;
}

/* The sentence under a county's list when N of the state's records name
** no county of the map: no county lists them, but the state's figures
** count them, so a county's "none" is not the whole truth (JSON null when
** N is 0). */
static json_t *unplaced_note(long n, const char *state)
{
    char note[320];
    if (n <= 0) return json_null();
    snprintf(note, sizeof note,
             "%ld record%s in %s name%s no county of this map (%s no county, or one by a name the map does not "
             "have), so no county's list shows %s; %s's figures above count %s.",
             n, n == 1 ? "" : "s", state, n == 1 ? "s" : "", n == 1 ? "it gives" : "they give",
             n == 1 ? "it" : "them", state_word(state), n == 1 ? "it" : "them");
    return json_string(note);
}

/* Where requests with no state written lie: the campaign's area set SET
** (NULL without a campaign), indexed the first time one is asked about. */
typedef struct placer {
    const char *set;
    int tried, ready, failed;
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
} placer;

/* The id of the campaign set's area holding request R's centre (as a post
** there would be placed), NULL when it has no place or none holds it. */
static const char *request_area(sl_store *st, const sl_request *r, placer *p, sl_error *err)
{
    if (!isfinite(r->lat) || !isfinite(r->lon)) return NULL;
    if (!p->tried && p->set) {
        p->tried = 1;
        p->failed = !(p->ready = !sl_area_index_load(st, p->set, &p->areas, &p->ps, &p->pip, err));
    }
    int32_t i = p->ready ? sl_pip_locate(p->pip, r->lon, r->lat) : -1;
    return i >= 0 ? p->areas.items[i].id : NULL;
}

/* Requests in STATE: by the state each file wrote, else by the state of
** the campaign's area (SET) holding its centre (a county's or tract's
** FIPS id names its state; synth's requests and files without a state
** column have only a place). With COUNTY (an id of SET; KEY its key,
** sl_county_area_key): how many lie there, by their centre, and how many
** agencies of AG whose registry county names KEY made, wherever they lie. */
static json_t *requests_of(sl_store *st, const char *set, const char *state, const char *county, const char *key,
                           const sl_agency_list *ag, int *bad, sl_error *err)
{
    sl_request_list r = {0};
    if (sl_store_load_requests(st, &r, err)) return NULL;
    if (!r.count) {
        sl_request_list_free(&r);
        return json_null();
    }
    long in_state = 0, in_county = 0, located = 0, linked = 0;
    placer p = {.set = set};
    for (size_t i = 0; i < r.count; i++) {
        linked += r.items[i].agency_id != 0;
        const char *written = r.items[i].state && *r.items[i].state ? r.items[i].state : NULL;
        const char *at = !written || county ? request_area(st, &r.items[i], &p, err) : NULL;
        if (p.failed) break;
        located += county && at && !strcmp(at, county);
        const char *rs = written ? written : at ? sl_fips_state(at) : NULL;
        if (!rs || strcasecmp(rs, state)) continue;
        in_state++;
        const sl_agency *a = key && r.items[i].agency_id ? sl_find_agency(ag, r.items[i].agency_id) : NULL;
        if (a) {
            sl_county_set cs = {.n = 0};
            sl_county_set_add(&cs, a->county);
            in_county += sl_county_set_has(&cs, key);
        }
    }
    sl_request_list_free(&r);
    if (p.ready) sl_area_index_free(&p.areas, p.ps, p.pip);
    if (p.failed) return NULL;
    /* no request linked to the registry: whose they are is unknown, not none */
    json_t *by_county = linked ? json_integer(in_county) : json_null();
    return key ? sl_jok(json_pack("{s:I, s:o, s:I}", "state", (json_int_t)in_state, "county", by_county,
                                  "located_in_county", (json_int_t)located), bad)
               : sl_jok(json_pack("{s:I, s:n, s:n}", "state", (json_int_t)in_state, "county", "located_in_county"), bad);
}

/* Sites of CATEGORY (NULL: all) as `join --points sites --set SET` counts
** them: into *county those of area COUNTY (NULL: none), into *state those
** of the areas in STATE (-1 when the set's ids name no state). */
static sl_status sites_join(sl_store *st, const char *set, const char *category, const char *state,
                            const char *county, long long *in_state, long long *in_county, sl_error *err)
{
    json_t *j = NULL, *row;
    sl_join_query q = {.layer = "sites", .category = category, .set = set, .threads = 1};
    if (sl_analysis_join(st, &q, &j, err)) return err->status;
    size_t i;
    *in_state = -1, *in_county = 0;
    json_array_foreach(json_object_get(j, "areas"), i, row) {
        long long n = (long long)json_number_value(json_object_get(row, "count"));
        const char *rs = json_string_value(json_object_get(row, "state"));
        if (rs && !strcasecmp(rs, state)) *in_state = (*in_state < 0 ? 0 : *in_state) + n;
        else if (rs && *in_state < 0) *in_state = 0;
        const char *id = json_string_value(json_object_get(row, "id"));
        if (county && id && !strcmp(id, county)) *in_county = n;
    }
    json_decref(j);
    return SL_OK;
}

/* The sites layer's figures of the place, through the campaign's area set:
** json null when the store holds no site, else {"state" (null when the
** set's ids name no state), "county" (null without COUNTY), "categories":
** [{"category", "state", "county"}] when the sites have two categories or
** more (up to 8; more are only summed)}. */
static json_t *sites_of(sl_store *st, const char *set, const char *state, const char *county, int *bad,
                        sl_error *err)
{
    long n = 0;
    sl_arena a = {0};
    const char **cats = NULL;
    size_t ncat = 0;
    long long ns, nc;
    if (sl_store_count_points(st, "sites", NULL, &n, err)) return NULL;
    if (!n || !set) return json_null();
    if (sl_store_point_categories(st, "sites", &a, &cats, &ncat, err) ||
        sites_join(st, set, NULL, state, county, &ns, &nc, err)) {
        sl_arena_free(&a);
        return NULL;
    }
    json_t *out = sl_jok(json_object(), bad), *list = sl_jok(json_array(), bad);
    sl_jset(out, "state", ns < 0 ? json_null() : json_integer(ns), bad);
    sl_jset(out, "county", county ? json_integer(nc) : json_null(), bad);
    for (size_t i = 0; ncat > 1 && ncat <= 8 && i < ncat; i++) {
        if (!*cats[i]) continue;
        if (sites_join(st, set, cats[i], state, county, &ns, &nc, err)) {
            json_decref(out);
            json_decref(list);
            sl_arena_free(&a);
            return NULL;
        }
        sl_jpush(list, sl_jok(json_pack("{s:s, s:o, s:o}", "category", cats[i], "state",
                                        ns < 0 ? json_null() : json_integer(ns), "county",
                                        county ? json_integer(nc) : json_null()), bad), bad);
    }
    sl_jset(out, "categories", list, bad);
    sl_arena_free(&a);
    return out;
}

static const char *first_year(json_t *by_year)
{
    const char *key, *best = NULL;
    json_t *v;
    json_object_foreach(by_year, key, v)
        if (json_integer_value(v) > 0 && (!best || strcmp(key, best) < 0)) best = key;
    return best;
}

/* Beside the state's shares, when some of its rows are not linked to the
** registry (and so in no share): the tracker's sentence, in the words of
** a public page (a signer runs no command); else null. */
static json_t *unlinked_note(json_t *tracked, const char *state)
{
    long n = (long)json_integer_value(json_object_get(json_object_get(tracked, "unlinked_by_state"), state));
    char note[SL_TRACKER_NOTE];
    if (n <= 0) return json_null();
    sl_tracker_unlinked_note_public(n, state, sl_json_str(json_object_get(tracked, "query"), "tech"), note);
    return json_string(note);
}

/* When the partnership data hold no record of STATE (WORD, state_word):
** what its 0s mean, and, when the agency registry lists no agency there
** either (American Samoa, the Northern Mariana Islands in the FBI's list
** of 2018), why no share is given; else null. A bare "0" read as a place
** without surveillance, when nothing about it was recorded. */
static json_t *none_note(json_t *tracked, const char *word)
{
    if (json_integer_value(json_object_get(tracked, "agencies")) > 0) return json_null();
    long long registry = 0;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(tracked, "share"), i, s)
        if (json_integer_value(json_object_get(s, "agencies")) > registry)
            registry = json_integer_value(json_object_get(s, "agencies"));
    char note[400];
    snprintf(note, sizeof note,
             "The partnership data hold no record of an agency in %s%s. A 0 here means that nothing was "
             "recorded, not that no police surveillance technology is used there.",
             word, registry ? "" : ", and the agency registry lists no police agency there, so no share can be given");
    return json_string(note);
}

/* The county's name when COUNTY is an area of the campaign's set SET (NULL:
** no campaign) in STATE. */
static sl_status county_name(sl_store *st, const char *set, const char *state, const char *county, sl_arena *a,
                             const char **name, sl_error *err)
{
    int found;
    if (!set) return sl_fail(err, SL_EUSAGE, NULL, 0, "the store has no campaign");
    if (sl_store_area_lookup(st, set, county, a, name, &found, err)) return err->status;
    const char *in = sl_fips_state(county);
    if (!found || (in && strcasecmp(in, state)))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "no county '%.64s' in %s", county, state);
    return SL_OK;
}

sl_status sl_analysis_campaign_local(sl_store *st, const char *state, const char *county, json_t **out,
                                     sl_error *err)
{
    *out = NULL;
    if (!state || strlen(state) != 2 || !isalpha((unsigned char)state[0]) || !isalpha((unsigned char)state[1]))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "state wants two letters (a postal code)");
    if (!sl_state_known(state))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "state: %.2s is not the postal code of a US state or territory", state);
    char st2[3] = {(char)toupper((unsigned char)state[0]), (char)toupper((unsigned char)state[1]), 0};
    sl_arena a = {0};
    const char *name = NULL;
    sl_campaign c;
    int found = 0;
    /* the campaign's area set, read once: the county, the requests with no
    ** state and the sites are all placed through it */
    if (sl_store_campaign_load(st, &a, &c, &found, err) ||
        (county && county_name(st, found ? c.area_set : NULL, st2, county, &a, &name, err))) {
        sl_arena_free(&a);
        return err->status;
    }
    const char *set = found ? c.area_set : NULL;
    json_t *all = NULL, *ring = NULL;
    sl_tracker_query q = {.state = st2};
    sl_status rc = sl_tracker_run(st, &q, &all, err);
    q.tech = "ring";
    if (!rc) rc = sl_tracker_run(st, &q, &ring, err);
    int bad = 0;
    char key[SL_COUNTY_KEY];
    sl_agency_list ag = {0};
    if (county) sl_county_area_key(county, name, key);
    if (!rc && county) rc = sl_store_load_agencies(st, &ag, err);
    const char *snap = json_string_value(json_object_get(all, "snapshot"));
    dated_kinds dated = {0};
    state_keys sk = {0};
    long unplaced = 0;
    if (!rc && county) rc = state_keys_load(st, set, st2, &sk, err);
    json_t *rows = rc || !county ? json_array()
                                 : county_rows(st, snap, st2, key, &ag, &sk, &unplaced, &dated, &bad, err);
    /* DC, Guam: the county is the place, and its figures are the state's */
    int one = county && one_county_place(st2, sk.n);
    free(sk.key);
    json_t *req = rc || !rows ? NULL : requests_of(st, set, st2, county, county ? key : NULL, &ag, &bad, err);
    json_t *sites = rc || !req ? NULL : sites_of(st, set, st2, county, &bad, err);
    if (!rc && (!rows || !req || !sites)) rc = err->status ? err->status : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!rc) {
        /* only a Ring row's date is a start: the year of the first start is Ring's */
        const char *year = first_year(json_object_get(ring, "by_year"));
        *out = sl_jok(json_object(), &bad);
        sl_jset(*out, "state", json_string(st2), &bad);
        sl_jset(*out, "state_word", json_string(state_word(st2)), &bad);
        sl_jset(*out, "county", county ? json_pack("{s:s, s:s}", "id", county, "name", name) : json_null(), &bad);
        sl_jset(*out, "one_county", json_boolean(one), &bad);
        sl_jset(*out, "snapshot", json_incref(json_object_get(all, "snapshot")), &bad);
        sl_jset(*out, "partnered_agencies", json_incref(json_object_get(all, "agencies")), &bad);
        sl_jset(*out, "ring_agencies", json_incref(json_object_get(ring, "agencies")), &bad);
        sl_jset(*out, "ring_first_year", year ? json_string(year) : json_null(), &bad);
        sl_jset(*out, "share", json_incref(json_object_get(all, "share")), &bad);
        /* no row of the state linked (DC, the territories): 0 of N partnered is not a measurement */
        sl_jset(*out, "share_known", json_boolean(json_integer_value(json_object_get(all, "linked")) > 0 ||
                                                  json_integer_value(json_object_get(all, "unlinked")) <= 0), &bad);
        sl_jset(*out, "unlinked_note", unlinked_note(all, st2), &bad);
        sl_jset(*out, "none_note", none_note(all, state_word(st2)), &bad);
        sl_jset(*out, "county_agencies", rows, &bad);
        sl_jset(*out, "dated_note", dated_note(&dated), &bad);
        sl_jset(*out, "unplaced_note", unplaced_note(unplaced, st2), &bad);
        sl_jset(*out, "requests", req, &bad);
        sl_jset(*out, "sites", sites, &bad);
        rows = req = sites = NULL;
    }
    json_decref(rows);
    json_decref(req);
    json_decref(sites);
    json_decref(all);
    json_decref(ring);
    sl_agency_list_free(&ag);
    sl_arena_free(&a);
    return rc ? rc : sl_json_built(out, bad, err);
}

sl_status sl_analysis_campaign_local_version(sl_store *st, char out[65], sl_error *err)
{
    out[0] = '\0';
    sl_source_list l = {0};
    sl_arena a = {0};
    sl_campaign c;
    int found = 0;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    sl_status rc = sl_store_campaign_load(st, &a, &c, &found, err);
    char *text = NULL;
    size_t len = 0;
    FILE *f = rc ? NULL : open_memstream(&text, &len);
    if (!rc && !f) rc = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (f) {
        /* NUL separators: no field can forge another's boundary */
        for (size_t i = 0; i < l.count; i++) {
            const sl_source *s = &l.items[i];
            fprintf(f, "%ld%c%s%c%s%c%s%c%s%c%s%c%ld%c", s->id, 0, s->kind, 0, s->sha256, 0, s->imported_at, 0,
                    s->snapshot ? s->snapshot : "", 0, s->options ? s->options : "", 0, s->rows, 0);
        }
        if (found) fprintf(f, "campaign%c%s%c%s", 0, c.area_set, 0, c.updated_at ? c.updated_at : "");
        if (fclose(f) || !text || sl_sha256_buffer(text, len, out))
            rc = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    free(text);
    sl_arena_free(&a);
    sl_source_list_free(&l);
    return rc;
}

/* ---- the public list ------------------------------------------------------- */

/* The walk keeps the newest MAX listed signers in a ring (oldest out) and
** counts the rest: a county's name is looked up for the ones shown only.
** Looked up for every listed signer, /campaign with 6,432 of them took
** 160 ms of a core a view (run of 2026-12-07), a few a second under load. */
typedef struct list_ctx {
    long long before; /* confirmed before this (0: any time) */
    json_t **ring;    /* MAX slots: {name, state, county (its id until the end)} */
    size_t max, n;    /* n: every listed signer seen; MAX: the shown and the newer skipped */
    size_t skip;      /* the newest SKIP of the ring are not shown (a later page's) */
    int bad;
} list_ctx;

static sl_status add_signer(const sl_pledge *p, void *v, sl_error *err)
{
    (void)err;
    list_ctx *x = v;
    if (!p->listed || (x->before && p->confirmed >= x->before)) return SL_OK;
    char name[SL_PUBLIC_NAME_MAX];
    sl_signer_public_name(p->name, name);
    json_t **slot = &x->ring[x->n++ % x->max];
    json_decref(*slot);
    *slot = sl_jok(json_pack("{s:s, s:s, s:s}", "name", name, "state", p->state, "county", p->county), &x->bad);
    return SL_OK;
}

/* The signers of X's ring, newest first, each with its county's name. */
static sl_status shown_signers(sl_store *st, const char *set, list_ctx *x, json_t *shown, int *bad, sl_error *err)
{
    size_t kept = x->n < x->max ? x->n : x->max;
    for (size_t i = x->skip; i < kept; i++) {
        json_t *s = x->ring[(x->n - 1 - i) % x->max];
        if (!s) continue;
        sl_arena a = {0};
        const char *county = NULL;
        int found = 0;
        const char *id = json_string_value(json_object_get(s, "county"));
        int few = 0; /* a first name in a county of a handful of people names one: the state alone */
        sl_status rc = sl_store_area_lookup(st, set, id ? id : "", &a, &county, &found, err);
        if (!rc) rc = sl_analysis_county_few(st, set, id ? id : "", &few, err);
        if (!rc) sl_jset(s, "county", json_string(found && county && !few ? county : ""), bad);
        sl_arena_free(&a);
        if (rc) return rc;
        sl_jpush(shown, json_incref(s), bad);
    }
    return SL_OK;
}

sl_status sl_analysis_campaign_signers(sl_store *st, size_t skip, size_t max, long long before, json_t **out,
                                       sl_error *err)
{
    sl_arena a = {0};
    sl_campaign c;
    int found, bad = 0;
    *out = NULL;
    if (sl_store_campaign_load(st, &a, &c, &found, err)) return err->status;
    size_t ring = max ? skip + max : 1;
    list_ctx x = {before, calloc(ring, sizeof(json_t *)), ring, 0, max ? skip : 0, 0};
    json_t *shown = sl_jok(json_array(), &bad);
    sl_status rc = !x.ring || bad ? sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory")
                                  : sl_store_pledges_each(st, 1, 0, add_signer, &x, err);
    if (!rc && max) rc = shown_signers(st, found ? c.area_set : "", &x, shown, &bad, err);
    for (size_t i = 0; x.ring && i < x.max; i++) json_decref(x.ring[i]);
    free(x.ring);
    sl_arena_free(&a);
    if (rc) {
        json_decref(shown);
        return rc;
    }
    *out = sl_jok(json_object(), &bad);
    sl_jset(*out, "count", json_integer((json_int_t)x.n), &bad);
    sl_jset(*out, "signers", shown, &bad);
    return sl_json_built(out, bad || x.bad, err);
}
