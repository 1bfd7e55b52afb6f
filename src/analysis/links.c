/*
** links.c — `partnerships --links`: every link from a partnership row to
** the agency registry, with the method that made it and its score, so a
** reporter can review the fuzzy ones before quoting a share.
*/
#include "sightline/analysis/tracker.h"
#include "sightline/core/area.h"
#include "sightline/core/json_build.h"
#include "sightline/store/store_layers.h"
#include "tracker_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The method word stored for a row; "none" for an unlinked one. */
static const char *method_of(const sl_partnership *p)
{
    return p->agency_id && p->link_method && p->link_method[0] ? p->link_method : "none";
}

static json_t *link_row(const sl_partnership *p, const sl_agency *a, int *bad)
{
    json_t *r = sl_jok(json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "line", (json_int_t)p->line,
                                 /* a list of one's own may have no record ids: not known, not "" */
                                 "record_id", p->record_id && *p->record_id ? json_string(p->record_id) : json_null(),
                                 "agency", p->agency, "city", p->city, "county", p->county, "state", p->state,
                                 "agency_type", p->agency_type, "technology", p->technology, "method", method_of(p)),
                       bad);
    if (!r) return NULL;
    sl_jset(r, "score", p->agency_id ? json_real(p->link_score) : json_null(), bad);
    sl_jset(r, "ori", a ? json_string(a->ori) : json_null(), bad);
    sl_jset(r, "registry_name", a ? json_string(a->name) : json_null(), bad);
    sl_jset(r, "registry_county", a ? json_string(a->county) : json_null(), bad);
    sl_jset(r, "registry_type", a ? json_string(a->type) : json_null(), bad);
    return r;
}

void sl_row_counties(const sl_partnership *p, const sl_agency *a, sl_county_set *out)
{
    out->n = 0;
    sl_county_set_add(out, p->county);
    if (a) sl_county_set_add(out, a->county);
}

int sl_row_in_only_area(size_t state_areas)
{
    return state_areas == 1;
}

/* ---- the areas a row names ------------------------------------------------ */

/* The counties of an area set by state and key (county.h), sorted. */
typedef struct area_key { const char *state, *id; char key[SL_COUNTY_KEY]; } area_key;
typedef struct area_index { sl_area_list areas; area_key *keys; size_t n; } area_index;

static int by_state_key(const void *a, const void *b)
{
    const area_key *x = a, *y = b;
    int c = strcmp(x->state, y->state);
    return c ? c : strcmp(x->key, y->key);
}

static sl_status area_index_load(sl_store *st, const char *set, area_index *ix, sl_error *err)
{
    if (sl_store_load_areas(st, set, &ix->areas, err)) return err->status;
    if (!sl_area_list_has_states(&ix->areas))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "areas: the ids of set '%.64s' are not county FIPS codes (17031)", set);
    ix->keys = calloc(ix->areas.count + 1, sizeof *ix->keys);
    if (!ix->keys) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < ix->areas.count; i++) {
        const sl_area *a = &ix->areas.items[i];
        ix->keys[i].state = sl_fips_state(a->id), ix->keys[i].id = a->id;
        sl_county_area_key(a->id, a->name ? a->name : "", ix->keys[i].key);
    }
    ix->n = ix->areas.count;
    qsort(ix->keys, ix->n, sizeof *ix->keys, by_state_key);
    return SL_OK;
}

static void area_index_free(area_index *ix)
{
    free(ix->keys);
    sl_area_list_free(&ix->areas);
}

/* The area of a row naming none of its state's (sl_row_in_only_area): the
** id into OUT and 1, else 0. */
static size_t only_area(const area_index *ix, const char *state, char out[1024])
{
    area_key want = {.state = state ? state : ""};
    size_t n = 0;
    const char *id = NULL;
    for (size_t i = 0; i < ix->n && n < 2; i++) /* one, or more than one */
        if (!strcmp(ix->keys[i].state, want.state)) id = ix->keys[i].id, n++;
    if (!sl_row_in_only_area(n)) return 0;
    snprintf(out, 1024, "%s", id);
    return 1;
}

/* The ids of the areas of IX that row P (registry agency A) names, space
** separated, into OUT; returns how many. */
static size_t areas_of(const area_index *ix, const sl_partnership *p, const sl_agency *a, char out[1024])
{
    sl_county_set s;
    sl_row_counties(p, a, &s);
    size_t n = 0, len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < s.n; k++) {
        area_key want = {.state = p->state ? p->state : ""};
        memcpy(want.key, s.key[k], SL_COUNTY_KEY);
        const area_key *hit = bsearch(&want, ix->keys, ix->n, sizeof *ix->keys, by_state_key);
        while (hit && hit > ix->keys && !by_state_key(hit - 1, &want)) hit--;
        for (; hit && hit < ix->keys + ix->n && !by_state_key(hit, &want); hit++) {
            int w = snprintf(out + len, 1024 - len, "%s%s", n ? " " : "", hit->id);
            if (w < 0 || (size_t)w >= 1024 - len) return n; /* 32 counties of ids fit */
            len += (size_t)w, n++;
        }
    }
    return n ? n : only_area(ix, p->state, out);
}

static sl_status check_method(const char *method, sl_error *err)
{
    static const char *const known[] = {"exact", "tiebreak", "fuzzy", "crosswalk", "none"};
    if (!method) return SL_OK;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcmp(method, known[i])) return SL_OK;
    return sl_fail(err, SL_EUSAGE, NULL, 0, "--method is exact, tiebreak, fuzzy, crosswalk or none; not '%s'",
                   method);
}

sl_status sl_tracker_links(sl_store *st, const sl_tracker_query *query, const char *method, const char *areas,
                           json_t **out, sl_error *err)
{
    sl_arena arena = {0};
    const char *snapshot;
    sl_partnership_list rows = {0};
    sl_agency_list reg = {0};
    sl_tracker_query canon, *q = &canon;
    area_index ix = {0};
    int bad = 0;
    long none = 0, several = 0;
    *out = NULL;
    sl_status s = check_method(method, err);
    if (!s && areas) s = area_index_load(st, areas, &ix, err);
    if (!s) s = sl_tracker_checked(query, q, &arena, err);
    if (!s) s = sl_resolve_snapshot(st, q->snapshot, &arena, &snapshot, err);
    if (!s) s = sl_store_load_partnerships(st, snapshot, &rows, err);
    /* a row's type spelled as --by type counts it */
    if (!s && sl_tracker_one_spelling_per_type(&rows)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) s = sl_store_load_agencies(st, &reg, err);
    if (!s) {
        json_t *list = sl_jok(json_array(), &bad), *counts = sl_jok(json_object(), &bad);
        for (size_t i = 0; i < rows.count; i++) {
            const sl_partnership *p = &rows.items[i];
            if (!sl_tracker_keeps(q, p)) continue; /* the filters apply here too */
            const char *m = method_of(p);
            json_t *c = json_object_get(counts, m);
            sl_jset(counts, m, json_integer(c ? json_integer_value(c) + 1 : 1), &bad);
            if (method && strcmp(method, m)) continue;
            const sl_agency *a = p->agency_id ? sl_find_agency(&reg, p->agency_id) : NULL;
            json_t *r = link_row(p, a, &bad);
            if (areas && r) {
                char ids[1024];
                size_t n = areas_of(&ix, p, a, ids);
                sl_jset(r, "areas", json_string(ids), &bad);
                none += !n, several += n > 1;
            }
            sl_jpush(list, r, &bad);
        }
        *out = json_pack("{s:s, s:s?, s:I, s:o, s:o}", "snapshot", snapshot, "method", method, "count",
                         (json_int_t)json_array_size(list), "methods", counts, "rows", list);
        if (*out) sl_jset(*out, "rows_are_partnerships", json_boolean(sl_tracker_tech_partnerships(q->tech)), &bad);
        if (areas && *out)
            sl_jset(*out, "areas", sl_jok(json_pack("{s:s, s:I, s:I}", "set", areas, "in_none", (json_int_t)none,
                                                    "in_several", (json_int_t)several), &bad), &bad);
        s = sl_json_built(out, bad, err);
    }
    sl_partnership_list_free(&rows);
    sl_agency_list_free(&reg);
    area_index_free(&ix);
    sl_arena_free(&arena);
    return s;
}
