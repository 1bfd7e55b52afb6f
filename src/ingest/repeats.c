/*
** repeats.c — points of an import that another import holds already (see
** repeats.h).
**
** Keys are 64-bit hashes: of an id's bytes, or of the place in whole 1e-7
** degrees (what the store keeps) with the time. Two different records with
** the same hash would have to collide in 64 bits; at ten million points
** against ten million that is a chance of a few in a million, and it could
** only make the import refuse with an example the user can check.
*/
#include "repeats.h"
#include "sightline/core/file.h"
#include "sightline/core/hash.h"
#include "sightline/core/radix.h"
#include "sightline/core/text.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { HAS_ID = 1, REPEATS = 2, MAX_SOURCES = 4 };

static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

static uint64_t id_hash(const char *s)
{
    return mix(sl_fnv1a(SL_FNV1A_START, s, strlen(s))); /* FNV-1a, then mixed */
}

static uint64_t place_hash(double lat, double lon, int64_t t)
{
    uint64_t a = (uint64_t)llround(lat * 1e7), b = (uint64_t)llround(lon * 1e7);
    return mix(mix(mix(a) ^ b) ^ (uint64_t)t);
}

/* Room for one more key in *KEY and *AT (capacity *CAP). */
static int grow(uint64_t **key, uint32_t **at, size_t n, size_t *cap)
{
    if (n < *cap) return 1;
    size_t c = *cap ? *cap * 2 : 65536;
    uint64_t *k = realloc(*key, c * sizeof *k);
    if (k) *key = k;
    uint32_t *a = k ? realloc(*at, c * sizeof *a) : NULL;
    if (a) *at = a;
    if (!a) return 0;
    *cap = c;
    return 1;
}

sl_status sl_repeats_add(sl_repeats *r, const sl_points *b, sl_error *err)
{
    if (r->n + b->n > UINT32_MAX) return sl_fail(err, SL_EDATA, NULL, 0, "more than 4,294,967,295 points in one import");
    if (r->n + b->n > r->cap) {
        size_t c = r->cap ? r->cap : 65536;
        while (c < r->n + b->n) c *= 2;
        unsigned char *f = realloc(r->flags, c);
        if (!f) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        r->flags = f;
        r->cap = c;
    }
    for (size_t i = 0; i < b->n; i++) {
        uint32_t at = (uint32_t)r->n++;
        const char *id = sl_points_id(b, i);
        r->flags[at] = *id ? HAS_ID : 0;
        if (*id) {
            if (!grow(&r->id_key, &r->id_at, r->n_id, &r->cap_id)) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
            r->id_key[r->n_id] = id_hash(id);
            r->id_at[r->n_id++] = at;
        }
        if (r->by_place && b->time[i] != SL_TIME_NONE) {
            if (!grow(&r->pt_key, &r->pt_at, r->n_pt, &r->cap_pt)) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
            r->pt_key[r->n_pt] = place_hash(b->lat[i], b->lon[i], b->time[i]);
            r->pt_at[r->n_pt++] = at;
        }
    }
    return SL_OK;
}

void sl_repeats_free(sl_repeats *r)
{
    free(r->id_key);
    free(r->id_at);
    free(r->pt_key);
    free(r->pt_at);
    free(r->flags);
    memset(r, 0, sizeof *r);
}

/* The first index of KEY in the sorted KEYS[0..N), or N. */
static size_t lower_bound(const uint64_t *keys, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* What the scan of the layer finds. */
typedef struct scan {
    sl_repeats *r;
    long source_id;
    uint64_t file_key;          /* an id several new points share (want_file: its text wanted) */
    int want_file;
    char *file_example;         /* res->file_repeated_example */
    size_t file_example_size;
    long sources[MAX_SOURCES];  /* the earlier imports repeated */
    int nsources, more_sources;
    char example[160];          /* the first repeat, as the message gives it */
} scan;

static void note_source(scan *sc, long id)
{
    for (int i = 0; i < sc->nsources; i++)
        if (sc->sources[i] == id) return;
    if (sc->nsources < MAX_SOURCES) sc->sources[sc->nsources++] = id;
    else sc->more_sources = 1;
}

/* Mark the new points with KEY among KEYS/AT that an earlier point repeats;
** ONLY_BARE: only those without an id (an earlier point with an id matches
** a new one with an id by id alone). */
static int mark(scan *sc, const uint64_t *keys, const uint32_t *at, size_t n, uint64_t key, int only_bare)
{
    int hit = 0;
    for (size_t k = lower_bound(keys, n, key); k < n && keys[k] == key; k++) {
        unsigned char *f = &sc->r->flags[at[k]];
        if (only_bare && (*f & HAS_ID)) continue;
        *f |= REPEATS;
        hit = 1;
    }
    return hit;
}

static sl_status scan_chunk(void *ctx, sl_points *c, sl_error *err)
{
    (void)err;
    scan *sc = ctx;
    sl_repeats *r = sc->r;
    for (size_t i = 0; i < c->n; i++) {
        const char *id = sl_points_id(c, i);
        if ((long)c->source[i] == sc->source_id) {
            if (sc->want_file && *id && id_hash(id) == sc->file_key) {
                snprintf(sc->file_example, sc->file_example_size, "%s", id);
                sc->want_file = 0;
            }
            continue;
        }
        int hit = *id && mark(sc, r->id_key, r->id_at, r->n_id, id_hash(id), 0);
        if (hit && !sc->example[0]) snprintf(sc->example, sizeof sc->example, "the same id (e.g. '%.60s')", id);
        if (c->time[i] != SL_TIME_NONE &&
            mark(sc, r->pt_key, r->pt_at, r->n_pt, place_hash(c->lat[i], c->lon[i], c->time[i]), *id != '\0')) {
            hit = 1;
            if (!sc->example[0]) {
                time_t t = (time_t)c->time[i];
                struct tm tm;
                char when[32] = "";
                if (gmtime_r(&t, &tm)) strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
                snprintf(sc->example, sizeof sc->example, "the same place and time (e.g. %.7f, %.7f at %s UTC)",
                         c->lat[i], c->lon[i], when);
            }
        }
        if (hit) note_source(sc, (long)c->source[i]);
    }
    return SL_OK;
}

/* Ids several new points share: how many points, and one such id's key. */
static long file_repeats(const sl_repeats *r, uint64_t *example)
{
    long n = 0;
    for (size_t i = 0; i < r->n_id;) {
        size_t j = i + 1;
        while (j < r->n_id && r->id_key[j] == r->id_key[i]) j++;
        if (j - i > 1 && !n) *example = r->id_key[i];
        if (j - i > 1) n += (long)(j - i);
        i = j;
    }
    return n;
}

/* "import 3 (posts_a.csv), import 5 (posts_b.csv)"; *SAME_NAME: 1 when
** every one is of a file named NAME (NULL: standard input, no name), which
** `import --replace` replaces. */
static sl_status name_sources(sl_store *st, const char *layer, const scan *sc, const char *name, char *buf,
                              size_t size, int *same_name, sl_error *err)
{
    *same_name = name && !sc->more_sources;
    sl_source_list l;
    if (sl_store_load_sources(st, layer, &l, err)) return err->status;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < sc->nsources && used < size; i++) {
        const char *file = "?";
        for (size_t k = 0; k < l.count; k++)
            if (l.items[k].id == sc->sources[i]) file = l.items[k].file_name;
        if (!name || strcmp(file, name) != 0) *same_name = 0;
        used += (size_t)snprintf(buf + used, size - used, "%simport %ld (%.80s)", i ? ", " : "", sc->sources[i], file);
    }
    if (sc->more_sources && used < size) snprintf(buf + used, size - used, " and more");
    sl_source_list_free(&l);
    return SL_OK;
}

sl_status sl_repeats_check(sl_repeats *r, sl_store *st, const char *layer, const char *category, long source_id,
                           const char *path, int in_file, sl_layer_result *res, sl_error *err)
{
    long total = 0;
    if (sl_store_count_points(st, layer, category, &total, err)) return err->status;
    int earlier = total > (long)r->n;
    if (!earlier && !(in_file && r->n_id)) return SL_OK; /* a first import without ids: nothing to do */
    if (sl_radix_sort_pairs(r->id_key, r->id_at, r->n_id, err)) return err->status;
    scan sc = {.r = r, .source_id = source_id, .file_example = res->file_repeated_example,
               .file_example_size = sizeof res->file_repeated_example};
    if (in_file) res->file_repeated_ids = file_repeats(r, &sc.file_key);
    sc.want_file = res->file_repeated_ids > 0;
    if (!earlier && !sc.want_file) return SL_OK;
    if (earlier && sl_radix_sort_pairs(r->pt_key, r->pt_at, r->n_pt, err)) return err->status;
    if (!earlier) r->n_pt = r->n_id = 0; /* the scan only looks for the example */
    unsigned cols = SL_SCAN_STRINGS | (earlier ? SL_SCAN_TIME : 0);
    if (sl_store_scan_points(st, layer, category, cols, scan_chunk, &sc, err)) return err->status;
    long repeats = 0;
    for (size_t i = 0; i < r->n; i++) repeats += (r->flags[i] & REPEATS) != 0;
    if (!repeats) return SL_OK;
    char held[512], ids[MAX_SOURCES * 24] = "", n[2][32];
    int same_name;
    if (name_sources(st, layer, &sc, strcmp(path, "-") ? sl_basename(path) : NULL, held, sizeof held, &same_name,
                     err))
        return err->status;
    for (int i = 0, used = 0; i < sc.nsources; i++)
        used += snprintf(ids + used, sizeof ids - (size_t)used, "%s%ld", i ? " " : "", sc.sources[i]);
    return sl_fail(err, SL_EDATA, path, 0,
                   "%s of the %s %s%s%s in this file are in the store already, from %s: %s. Imported again they "
                   "would be counted twice, so nothing was imported. If this file corrects or replaces that "
                   "import, remove it first (`sightline rm %s`, then import this file)%s; if these are other "
                   "records that reuse the same ids, give them ids of their own (--id COLUMN)",
                   sl_thousands(repeats, n[0]), sl_thousands((long)r->n, n[1]), layer, category ? " of category " : "",
                   category ? category : "", held, sc.example, ids,
                   same_name ? " or import this file with --replace, which does both" : "");
}
