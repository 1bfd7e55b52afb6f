/*
** tracker_partners.c — the agencies behind the tracker's count, for a map
** (see sl_tracker_partners in tracker.h). The rows are the tracker's own
** (sl_tracker_rows, sl_tracker_counts) and an agency is keyed as it keys
** them (sl_agency_key), so the dots of a filtered map and the figure above
** it cannot disagree: a "new since May 25" map shows those partners only.
*/
#include "sightline/analysis/tracker.h"
#include "sightline/core/json_build.h"
#include "tracker_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t sl_count_distinct(char **keys, size_t n)
{
    qsort(keys, n, sizeof *keys, cmp_str);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(keys[i], keys[i - 1]) != 0) distinct++;
    return distinct;
}

long sl_count_distinct_unlinked(char *const *keys, const long *ids, size_t n)
{
    char **some = malloc((n + 1) * sizeof *some);
    if (!some) return -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!ids[i]) some[k++] = keys[i];
    long distinct = (long)sl_count_distinct(some, k);
    free(some);
    return distinct;
}

/* Add TECH to LIST unless it holds it already. */
static void add_technology(json_t *list, const char *tech, int *bad)
{
    size_t k;
    json_t *v;
    json_array_foreach(list, k, v) if (!strcmp(json_string_value(v), tech)) return;
    sl_jpush(list, json_string(tech), bad);
}

/* The registry agencies with a location among those the counted rows link
** to (TECH[i]: the technologies of registry agency REG->items[i]'s rows, or
** NULL), in registry order. */
static json_t *located(const sl_agency_list *reg, json_t *const *tech, int *bad)
{
    json_t *list = sl_jok(json_array(), bad);
    for (size_t i = 0; list && i < reg->count; i++) {
        const sl_agency *a = &reg->items[i];
        if (!tech[i] || !a->has_location) continue;
        sl_jpush(list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:O}", "ori", a->ori ? a->ori : "", "name",
                                 a->name, "type", a->type ? a->type : "", "state", a->state ? a->state : "", "county",
                                 a->county ? a->county : "", "lon", a->lon, "lat", a->lat, "technologies", tech[i]),
                 bad);
    }
    return list;
}

/* The counted rows of ROWS under Q: their agencies keyed as the tracker
** keys them (KEYS, *NKEYS of them; those of rows linked to no registry
** agency also in UNLINKED, *NUNLINKED) and, per registry agency, the
** technologies of its rows (TECH, by REG's index). */
static void tally_rows(const sl_tracker_query *q, const sl_partnership_list *rows, const sl_agency_list *reg,
                       char *keybufs, char **keys, size_t *nkeys, char **unlinked, size_t *nunlinked,
                       json_t **tech, int *bad)
{
    *nkeys = *nunlinked = 0;
    for (size_t i = 0; i < rows->count; i++) {
        const sl_partnership *p = &rows->items[i];
        if (!sl_tracker_counts(q, p)) continue;
        char *key = keybufs + 128 * *nkeys;
        sl_agency_key(p, key, 128);
        keys[(*nkeys)++] = key;
        const sl_agency *a = p->agency_id ? sl_find_agency(reg, p->agency_id) : NULL;
        if (!p->agency_id) {
            unlinked[(*nunlinked)++] = key;
        } else if (a) {
            json_t **t = &tech[a - reg->items];
            if (!*t) *t = sl_jok(json_array(), bad);
            if (*t) add_technology(*t, p->technology, bad);
        }
    }
}

sl_status sl_tracker_partners(sl_store *st, const sl_tracker_query *query, json_t **out, sl_error *err)
{
    sl_arena arena = {0};
    const char *snapshot;
    sl_partnership_list rows = {0};
    sl_agency_list reg = {0};
    sl_tracker_query canon, *q = &canon;
    char **keys = NULL, **unlinked = NULL, *keybufs = NULL;
    json_t **tech = NULL;
    *out = NULL;
    sl_status s = sl_tracker_rows(st, query, q, &arena, &snapshot, &rows, err);
    if (!s) s = sl_store_load_agencies(st, &reg, err);
    if (!s) sl_tracker_agency_states(&rows, &reg);
    if (!s) {
        keys = calloc(rows.count + 1, sizeof *keys);
        unlinked = calloc(rows.count + 1, sizeof *unlinked);
        keybufs = calloc(rows.count + 1, 128);
        tech = calloc(reg.count + 1, sizeof *tech);
        if (!keys || !unlinked || !keybufs || !tech) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    if (!s) {
        int bad = 0;
        size_t nkeys, nunlinked;
        tally_rows(q, &rows, &reg, keybufs, keys, &nkeys, unlinked, &nunlinked, tech, &bad);
        json_t *list = located(&reg, tech, &bad);
        /* an agency linked to an id the registry lacks is counted as the
        ** tracker counts it ("#id"), and lies among those without a location */
        size_t agencies = sl_count_distinct(keys, nkeys), by_name = sl_count_distinct(unlinked, nunlinked);
        *out = json_pack("{s:s, s:I, s:I, s:I, s:o}", "snapshot", snapshot, "agencies", (json_int_t)agencies,
                         "unlinked_agencies", (json_int_t)by_name, "without_location",
                         (json_int_t)(agencies - by_name - json_array_size(list)), "located", list);
        s = sl_json_built(out, bad, err);
    }
    for (size_t i = 0; tech && i < reg.count; i++) json_decref(tech[i]);
    free(tech);
    free(keys);
    free(unlinked);
    free(keybufs);
    sl_partnership_list_free(&rows);
    sl_agency_list_free(&reg);
    sl_arena_free(&arena);
    return s;
}
