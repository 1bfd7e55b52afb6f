/*
** link_requests.c — police requests linked to the agency registry (see
** include/sightline/ingest/link.h): at import (requests.c) and again when a
** registry is imported after them or comes back after `rm`, by one rule.
*/
#include "sightline/ingest/link.h"
#include "sightline/core/area.h"
#include "sightline/store/requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int sl_link_request(const sl_linker *lk, const char *agency, const char *state, sl_link_result *out)
{
    /* A request names no city or county: its file writes the agency and
    ** state, or the import gives them for the whole file. */
    return lk && sl_linker_match(lk, agency, state, NULL, NULL, out);
}

static int by_text(const void *a, const void *b) { return strcmp(a, b); }

/* The registry's states (two letters, A to Z) but SKIP into OUT; how many. */
static int registry_states(const sl_agency_list *reg, const char *skip, char out[][3], int max)
{
    int n = 0;
    for (size_t i = 0; i < reg->count; i++) {
        const char *state = reg->items[i].state;
        int seen = !state || strlen(state) != 2 || (skip && !strcasecmp(state, skip));
        for (int k = 0; !seen && k < n; k++) seen = !strcmp(out[k], state);
        if (!seen && n < max) memcpy(out[n++], state, 3);
    }
    qsort(out, (size_t)n, sizeof *out, by_text);
    return n;
}

/* Found by the requests' own rule, and only as a link by name ("exact",
** "tiebreak"), never a fuzzy one: a close name elsewhere is no evidence. */
int sl_link_request_elsewhere(const sl_linker *lk, const sl_agency_list *reg, const char *agency, const char *state,
                              sl_agency_elsewhere *out)
{
    memset(out, 0, sizeof *out);
    if (!lk || !agency || !*agency) return 0;
    char states[128][3];
    int n = registry_states(reg, state, states, 128);
    sl_state_canonical(state ? state : "", out->state, sizeof out->state);
    for (int k = 0; k < n; k++) {
        sl_link_result r;
        if (!sl_link_request(lk, agency, states[k], &r) || !strcmp(r.method, "fuzzy")) continue;
        if (!out->count) snprintf(out->name, sizeof out->name, "%s", reg->items[r.index].name);
        if (out->count < (int)(sizeof out->states / sizeof *out->states)) memcpy(out->states[out->count], states[k], 3);
        out->count++;
    }
    return out->count > 0;
}

static void count_method(sl_link_stats *stats, const char *method)
{
    stats->linked++;
    if (strcmp(method, "exact") == 0) stats->exact++;
    else if (strcmp(method, "tiebreak") == 0) stats->tiebreak++;
    else stats->fuzzy++;
}

/* Two requests naming the same agency in the same state, as written. */
static int same_agency(const sl_request *a, const sl_request *b)
{
    return !strcmp(a->agency, b->agency) && !strcasecmp(a->state ? a->state : "", b->state ? b->state : "");
}

/* Of the requests left unlinked (LINKED[i] 0), the first whose agency the
** registry has in another state, and how many requests name it so: the
** hint `import requests --agency-state` gives, for a registry that came
** after them. At most 64 distinct agencies are tried, so that a national
** file of unknown agencies costs no more than a moment. */
static void find_elsewhere(const sl_linker *lk, const sl_agency_list *reg, const sl_request_list *rows,
                           const unsigned char *linked, sl_link_stats *stats)
{
    const sl_request *found = NULL, *tried[64]; /* the agencies tried: 64 at most, so each row costs 64 */
    size_t ntried = 0;
    for (size_t i = 0; !found && ntried < 64 && i < rows->count; i++) {
        const sl_request *q = &rows->items[i];
        if (linked[i] || !q->agency || !*q->agency || !q->state || !*q->state) continue;
        int seen = 0;
        for (size_t t = 0; !seen && t < ntried; t++) seen = same_agency(q, tried[t]);
        if (seen) continue;
        tried[ntried++] = q;
        if (sl_link_request_elsewhere(lk, reg, q->agency, q->state, &stats->elsewhere)) found = q;
    }
    if (!found) return;
    stats->elsewhere_source = found->source_id;
    for (size_t i = 0; i < rows->count; i++)
        if (!linked[i] && rows->items[i].agency && same_agency(found, &rows->items[i])) stats->elsewhere_rows++;
}

/* The file name of the import the hint names, for the message to say. */
static sl_status name_source(sl_store *st, sl_link_stats *stats, sl_error *err)
{
    sl_source_list l = {0};
    if (sl_store_load_sources(st, "requests", &l, err)) return err->status;
    for (size_t i = 0; i < l.count; i++)
        if (l.items[i].id == stats->elsewhere_source && l.items[i].file_name)
            snprintf(stats->elsewhere_file, sizeof stats->elsewhere_file, "%s", l.items[i].file_name);
    sl_source_list_free(&l);
    return SL_OK;
}

sl_status sl_link_requests(sl_store *st, sl_link_stats *stats, const sl_progress *progress, sl_error *err)
{
    sl_agency_list agencies;
    sl_request_list rows;
    sl_linker *lk = NULL;
    memset(stats, 0, sizeof *stats);
    if (sl_store_load_unlinked_requests(st, &rows, err)) return err->status;
    if (!rows.count) return SL_OK; /* no registry to load for none */
    if (sl_store_load_agencies(st, &agencies, err)) {
        sl_request_list_free(&rows);
        return err->status;
    }
    sl_status status = agencies.count ? sl_linker_new(agencies.items, agencies.count, &lk, err) : SL_OK;
    unsigned char *linked = calloc(rows.count, 1);
    if (!linked && !status) status = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory for %zu requests", rows.count);
    for (size_t i = 0; status == SL_OK && i < rows.count; i++) {
        const sl_request *q = &rows.items[i];
        sl_link_result r;
        if (i % 256 == 0) sl_progress_tell(progress, "requests linked", i, rows.count);
        stats->rows++;
        if (!sl_link_request(lk, q->agency, q->state, &r)) continue;
        count_method(stats, r.method);
        linked[i] = 1;
        status = sl_store_link_request(st, q->id, agencies.items[r.index].id, err);
    }
    if (!status) find_elsewhere(lk, &agencies, &rows, linked, stats);
    if (!status && stats->elsewhere_rows) status = name_source(st, stats, err);
    free(linked);
    sl_linker_free(lk);
    sl_request_list_free(&rows);
    sl_agency_list_free(&agencies);
    return status;
}
