/*
** link_requests.c — police requests linked to the agency registry (see
** include/sightline/ingest/link.h): at import (requests.c) and again when a
** registry is imported after them or comes back after `rm`, by one rule.
*/
#include "sightline/ingest/link.h"
#include "sightline/store/requests.h"

#include <string.h>

int sl_link_request(const sl_linker *lk, const char *agency, const char *state, sl_link_result *out)
{
    /* A request names no city or county: its file writes the agency and
    ** state, or the import gives them for the whole file. */
    return lk && sl_linker_match(lk, agency, state, NULL, NULL, out);
}

static void count_method(sl_link_stats *stats, const char *method)
{
    stats->linked++;
    if (strcmp(method, "exact") == 0) stats->exact++;
    else if (strcmp(method, "tiebreak") == 0) stats->tiebreak++;
    else stats->fuzzy++;
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
    for (size_t i = 0; status == SL_OK && i < rows.count; i++) {
        const sl_request *q = &rows.items[i];
        sl_link_result r;
        if (i % 256 == 0) sl_progress_tell(progress, "requests linked", i, rows.count);
        stats->rows++;
        if (!sl_link_request(lk, q->agency, q->state, &r)) continue;
        count_method(stats, r.method);
        status = sl_store_link_request(st, q->id, agencies.items[r.index].id, err);
    }
    sl_linker_free(lk);
    sl_request_list_free(&rows);
    sl_agency_list_free(&agencies);
    return status;
}
