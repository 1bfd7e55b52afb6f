/*
** request_repeats.c — requests of an import that another import holds
** already (see request_repeats.h).
**
** Each request is keyed by 64-bit hashes of its agency and state with its
** id, and with its date and place; as for points, ids decide when both
** requests have one. The other imports' keys are sorted and
** each new request looked up: a few thousand requests a file, so loading
** them all is cheap beside the import. Two different requests with one
** hash would have to collide in 64 bits, and could only make the import
** refuse with an example the user can check.
*/
#include "request_repeats.h"
#include "sightline/core/hash.h"
#include "sightline/core/text.h"
#include "sightline/store/requests.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SOURCES = 4 };

typedef struct keyed { uint64_t key; long source; int has_id; } keyed;

static uint64_t agency_hash(const sl_request *r, const char *kind)
{
    uint64_t h = sl_fnv1a(SL_FNV1A_START, r->agency, strlen(r->agency) + 1);
    return sl_fnv1a(sl_fnv1a(h, r->state, strlen(r->state) + 1), kind, 1);
}

/* R's key by its id, or 0 when it has none. */
static uint64_t id_key(const sl_request *r, char *example, size_t size)
{
    if (!r->record_id[0]) return 0;
    if (example) snprintf(example, size, "the same id ('%.60s' of %.80s)", r->record_id, r->agency);
    return sl_fnv1a(agency_hash(r, "i"), r->record_id, strlen(r->record_id)) | 1;
}

/* R's key by its date and place, or 0 when it has no date or no place:
** undated requests at one place may be any number of requests, as points
** without a time are (repeats.c). */
static uint64_t place_key(const sl_request *r, char *example, size_t size)
{
    char buf[160], date[11];
    if (!r->date.precision) return 0;
    const char *when = sl_date_format(&r->date, date);
    if (r->wkb) {
        if (example) snprintf(example, size, "the same agency, date and polygon (%.80s on %s)", r->agency, when);
        return sl_fnv1a(sl_fnv1a(agency_hash(r, "g"), when, strlen(when) + 1), r->wkb, r->wkb_len) | 1;
    }
    if (!isfinite(r->lat)) return 0;
    int n = snprintf(buf, sizeof buf, "%s|%.7f|%.7f|%.3f", when, r->lat, r->lon, isfinite(r->radius_m) ? r->radius_m : 0);
    if (example)
        snprintf(example, size, "the same agency, date and place (%.80s on %s at %.7f, %.7f)", r->agency, when,
                 r->lat, r->lon);
    return sl_fnv1a(agency_hash(r, "p"), buf, (size_t)n) | 1;
}

static int by_key(const void *a, const void *b)
{
    uint64_t x = ((const keyed *)a)->key, y = ((const keyed *)b)->key;
    return (x > y) - (x < y);
}

/* "import 3 (foia-jan.csv), import 5 (foia-2020.csv)". */
static sl_status name_sources(sl_store *st, const long *ids, int n, char *buf, size_t size, sl_error *err)
{
    sl_source_list l;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        const char *file = "?";
        for (size_t k = 0; k < l.count; k++)
            if (l.items[k].id == ids[i]) file = l.items[k].file_name;
        used += (size_t)snprintf(buf + used, size - used, "%simport %ld (%.80s)", i ? ", " : "", ids[i], file);
    }
    sl_source_list_free(&l);
    return SL_OK;
}

/* The repeats found: the refusal, as `import posts` words it. */
static sl_status refuse(sl_store *st, const char *path, long repeats, long rows, const long *ids, int nids,
                        const char *example, sl_error *err)
{
    char held[512], rm[MAX_SOURCES * 24] = "", n[2][32];
    if (name_sources(st, ids, nids, held, sizeof held, err)) return err->status;
    for (int i = 0, used = 0; i < nids; i++)
        used += snprintf(rm + used, sizeof rm - (size_t)used, "%s%ld", i ? " " : "", ids[i]);
    return sl_fail(err, SL_EDATA, path, 0,
                   "%s of the %s requests in this file are in the store already, from %s: %s. Imported again "
                   "they would be counted twice, so nothing was imported. If this file corrects or replaces "
                   "that import, remove it first (`sightline rm %s`, then import this file); if these are other "
                   "requests that reuse the same ids, give them ids of their own (--id COLUMN)",
                   sl_thousands(repeats, n[0]), sl_thousands(rows, n[1]), held, example, rm);
}

/* The other imports' request matching NEW, as `import posts` matches a
** point: by id when both have one, else by date and place. */
static const keyed *match(const keyed *old, size_t n, const sl_request *r, char *ex, size_t size)
{
    keyed k = {.key = id_key(r, ex, size)};
    const keyed *hit = k.key && n ? bsearch(&k, old, n, sizeof *old, by_key) : NULL;
    if (hit) return hit;
    if (!(k.key = place_key(r, ex, size)) || !n) return NULL;
    hit = bsearch(&k, old, n, sizeof *old, by_key);
    while (hit && hit > old && hit[-1].key == k.key) hit--; /* the first of the run, then one without an id */
    for (; hit && hit < old + n && hit->key == k.key; hit++)
        if (!hit->has_id || !r->record_id[0]) return hit;
    return NULL;
}

sl_status sl_request_repeats_check(sl_store *st, long source_id, const char *path, sl_error *err)
{
    sl_request_list l;
    if (sl_store_load_requests(st, &l, err)) return err->status;
    keyed *old = malloc((l.count ? 2 * l.count : 1) * sizeof *old);
    if (!old) {
        sl_request_list_free(&l);
        return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    }
    size_t n = 0;
    long rows = 0, repeats = 0, ids[MAX_SOURCES];
    int nids = 0;
    for (size_t i = 0; i < l.count; i++) {
        const sl_request *r = &l.items[i];
        int has_id = r->record_id[0] != '\0';
        if (r->source_id == source_id) rows++;
        else {
            if ((old[n].key = id_key(r, NULL, 0))) old[n].source = r->source_id, old[n++].has_id = 1;
            if ((old[n].key = place_key(r, NULL, 0))) old[n].source = r->source_id, old[n++].has_id = has_id;
        }
    }
    qsort(old, n, sizeof *old, by_key);
    char example[256] = "";
    for (size_t i = 0; i < l.count; i++) {
        char ex[256];
        const keyed *hit = l.items[i].source_id == source_id ? match(old, n, &l.items[i], ex, sizeof ex) : NULL;
        if (!hit) continue;
        if (!repeats++) snprintf(example, sizeof example, "%s", ex);
        int seen = 0;
        for (int j = 0; j < nids; j++) seen |= ids[j] == hit->source;
        if (!seen && nids < MAX_SOURCES) ids[nids++] = hit->source;
    }
    free(old);
    sl_request_list_free(&l);
    return repeats ? refuse(st, path, repeats, rows, ids, nids, example, err) : SL_OK;
}
