/*
** links.c — `partnerships --links`: every link from a partnership row to
** the agency registry, with the method that made it and its score, so a
** reporter can review the fuzzy ones before quoting a share.
*/
#include "sightline/analysis/tracker.h"
#include "sightline/core/json_build.h"
#include "tracker_internal.h"

#include <string.h>

/* The method word stored for a row; "none" for an unlinked one. */
static const char *method_of(const sl_partnership *p)
{
    return p->agency_id && p->link_method && p->link_method[0] ? p->link_method : "none";
}

static json_t *link_row(const sl_partnership *p, const sl_agency *a, int *bad)
{
    json_t *r = sl_jok(json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "line", (json_int_t)p->line,
                                 "record_id", p->record_id ? p->record_id : "", "agency", p->agency, "city",
                                 p->city, "county", p->county, "state", p->state, "agency_type", p->agency_type,
                                 "technology", p->technology, "method", method_of(p)),
                       bad);
    if (!r) return NULL;
    sl_jset(r, "score", p->agency_id ? json_real(p->link_score) : json_null(), bad);
    sl_jset(r, "ori", a ? json_string(a->ori) : json_null(), bad);
    sl_jset(r, "registry_name", a ? json_string(a->name) : json_null(), bad);
    sl_jset(r, "registry_county", a ? json_string(a->county) : json_null(), bad);
    sl_jset(r, "registry_type", a ? json_string(a->type) : json_null(), bad);
    return r;
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

sl_status sl_tracker_links(sl_store *st, const sl_tracker_query *query, const char *method, json_t **out,
                           sl_error *err)
{
    sl_arena arena = {0};
    const char *snapshot;
    sl_partnership_list rows = {0};
    sl_agency_list reg = {0};
    sl_tracker_query canon, *q = &canon;
    int bad = 0;
    *out = NULL;
    sl_status s = check_method(method, err);
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
            sl_jpush(list, link_row(p, p->agency_id ? sl_find_agency(&reg, p->agency_id) : NULL, &bad), &bad);
        }
        *out = json_pack("{s:s, s:s?, s:I, s:o, s:o}", "snapshot", snapshot, "method", method, "count",
                         (json_int_t)json_array_size(list), "methods", counts, "rows", list);
        s = sl_json_built(out, bad, err);
    }
    sl_partnership_list_free(&rows);
    sl_agency_list_free(&reg);
    sl_arena_free(&arena);
    return s;
}
