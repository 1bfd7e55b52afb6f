/*
** collect_outside.c — the partnered agencies whose registry point lies in
** no area of a set, and, for US counties, the county each one's registry
** record names.
**
** An agency counts in the area holding its registry point, the rule a GIS
** re-join of data/ reproduces. The registry puts some of them in the
** water: Cuyahoga County's agencies share the county's Census point, in
** Lake Erie, beyond us-atlas's shoreline. Ohio's report then ranked
** Cuyahoga at 4 partnered agencies while two more of its own were in no
** county, and said only that three lay "in none". The counts stay the
** point's; the note under them names the counties whose figures leave
** such agencies out (html_areas.c), so the figure is not quoted bare.
*/
#include "report_internal.h"
#include "sightline/core/area.h"
#include "sightline/core/county.h"
#include "sightline/store/store_layers.h"

#include <stdlib.h>
#include <string.h>

/* The US county of L (a 5-digit FIPS id, or TIGER's GEOID of one) in
** STATE whose name COUNTY (a registry field) names; NULL when none or
** several do. */
static const sl_area *named_county(const sl_area_list *l, const char *state, const char *county)
{
    sl_county_set cs = {0};
    sl_county_set_add(&cs, county);
    const sl_area *found = NULL;
    for (size_t i = 0; cs.n && i < l->count; i++) {
        const char *code = sl_census_geo_id(l->items[i].id);
        const char *st = strlen(code) == 5 ? sl_fips_state(code) : NULL;
        if (!st || strcmp(st, state)) continue;
        char key[SL_COUNTY_KEY];
        sl_county_area_key(code, l->items[i].name, key);
        if (!sl_county_set_has(&cs, key)) continue;
        if (found) return NULL; /* "LAKE; MCHENRY": in two counties, of neither's figure alone */
        found = &l->items[i];
    }
    return found;
}

/* Add agency AG to the county of L its registry names, in NAMED (area id
** -> {id, name, state, agencies: [names]}), or count it in *UNNAMED. */
static void name_county(const sl_area_list *l, json_t *ag, json_t *named, long *unnamed, int *bad)
{
    const sl_area *x = named_county(l, sl_json_str(ag, "state"), sl_json_str(ag, "county"));
    if (!x) {
        (*unnamed)++;
        return;
    }
    json_t *c = json_object_get(named, x->id);
    if (!c) {
        char shown[128];
        sl_county_shown_name(sl_census_geo_id(x->id), x->name, shown, sizeof shown);
        c = sl_jok(json_pack("{s:s, s:s, s:s, s:[]}", "id", x->id, "name", shown, "state", sl_json_str(ag, "state"),
                             "agencies"), bad);
        sl_jset(named, x->id, c, bad);
    }
    sl_jpush(json_object_get(c, "agencies"), json_incref(json_object_get(ag, "name")), bad);
}

/* By state, then name; an agency's name A to Z. */
static int by_place(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int c = strcmp(sl_json_str(a, "state"), sl_json_str(b, "state"));
    return c ? c : strcmp(sl_json_str(a, "name"), sl_json_str(b, "name"));
}

static int by_text(const void *x, const void *y)
{
    return strcmp(json_string_value(*(json_t *const *)x), json_string_value(*(json_t *const *)y));
}

/* The values of array or object V (borrowed) sorted by CMP, as a new array. */
static json_t *sorted(json_t *v, int (*cmp)(const void *, const void *), int *bad)
{
    size_t n = json_is_array(v) ? json_array_size(v) : json_object_size(v), k = 0, i;
    json_t **items = malloc((n + 1) * sizeof *items), *e, *out = sl_jok(json_array(), bad);
    const char *key;
    if (!items) *bad = 1;
    if (items && json_is_array(v)) json_array_foreach(v, i, e) items[k++] = e;
    if (items && json_is_object(v)) json_object_foreach(v, key, e) items[k++] = e;
    if (items) qsort(items, k, sizeof *items, cmp);
    for (i = 0; items && i < k; i++) sl_jpush(out, json_incref(items[i]), bad);
    free(items);
    return out;
}

/* NAMED's counties by state and name, each one's agencies A to Z: the
** order a reader looks a county up in. */
static json_t *sorted_counties(json_t *named, int *bad)
{
    json_t *out = named ? sorted(named, by_place, bad) : NULL, *c;
    size_t i;
    json_array_foreach(out, i, c) sl_jset(c, "agencies", sorted(json_object_get(c, "agencies"), by_text, bad), bad);
    return out;
}

void sl_audit_agencies_outside(json_t *entry, const sl_area_list *l, json_t *agencies, const unsigned char *hit,
                               int *bad)
{
    json_t *ori = sl_jok(json_array(), bad), *named = sl_jok(json_object(), bad), *ag;
    long unnamed = 0;
    size_t i;
    json_array_foreach(agencies, i, ag) {
        if (hit[i] & 1) continue;
        sl_jpush(ori, json_incref(json_object_get(ag, "ori")), bad);
        if (named) name_county(l, ag, named, &unnamed, bad);
    }
    sl_jset(entry, "partnered_outside", json_integer((json_int_t)json_array_size(ori)), bad);
    json_t *counties = sorted_counties(named, bad);
    json_decref(named);
    if (json_array_size(counties)) {
        sl_jset(entry, "partnered_outside_counties", counties, bad);
        sl_jset(entry, "partnered_outside_county_unnamed", json_integer(unnamed), bad);
    } else json_decref(counties);
    /* inside, at a county's point: named, for the sentence that says why a
    ** city's own department (the NYPD, at New York County's point) is in none */
    json_t *shared = sl_jok(json_array(), bad);
    json_array_foreach(agencies, i, ag)
        if (hit[i] == 2)
            sl_jpush(shared, json_pack("{s:O, s:O}", "ori", json_object_get(ag, "ori"), "name",
                                       json_object_get(ag, "name")), bad);
    if (json_array_size(shared)) {
        sl_jset(entry, "partnered_shared_point", json_integer((json_int_t)json_array_size(shared)), bad);
        sl_jset(entry, "partnered_shared_point_agencies", shared, bad);
    } else json_decref(shared);
    sl_jset(entry, "partnered_outside_ori", ori, bad);
}
