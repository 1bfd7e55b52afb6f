/*
** density_memo.c — the density binnings the server keeps (see api.h and
** web_internal.h).
**
** A viewport (bbox=) is a cut of a whole layer's binning, so a map that
** pans costs the cells in view. Two things are kept, each least recently
** used first out, under one byte bound:
**   - layers made ready (analyses.h's sl_density_layer: read, grouped into
**     locations and projected once; 32 bytes a point), so another hexagon
**     size is arithmetic over the projected points, not a new read;
**   - binnings (one per layer, edge, k, exact and store state).
** One thread builds what is missing while the others asking for the same
** wait for it (no second build of the same thing, no 503 while it runs);
** the server asks for the default binning when it starts. PROJ objects may
** serve one thread at a time: each binning is drawn under its own lock.
*/
#include "web_internal.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/report/report.h"
#include "sightline/web/api.h"
#include "sightline/core/text.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LAYERS 2
#define BINS 8

enum { EMPTY, BUILDING, READY };

typedef struct entry {
    char key[256];      /* store state, layer, and for bins edge, k, exact */
    int state;
    int users;          /* requests holding it: not evicted meanwhile */
    unsigned long used; /* tick of the last use */
    size_t bytes;
    sl_density_layer dl;  /* layers */
    sl_privacy_bins b;    /* bins */
    pthread_mutex_t draw; /* bins: one drawer at a time (PROJ) */
} entry;

struct sl_web_api_memo {
    pthread_mutex_t lock;
    pthread_cond_t changed; /* a build ended */
    size_t max_bytes, bytes;
    unsigned long tick;
    unsigned long layer_reads, binnings;
    sl_web_memo_log_fn log;
    void *log_ctx;
    entry layers[LAYERS], bins[BINS];
};

sl_web_api_memo *sl_web_api_memo_new(size_t max_bytes, sl_web_memo_log_fn log, void *log_ctx)
{
    sl_web_api_memo *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    int ok = pthread_mutex_init(&m->lock, NULL) == 0;
    ok = ok && pthread_cond_init(&m->changed, NULL) == 0;
    for (int i = 0; ok && i < BINS; i++) ok = pthread_mutex_init(&m->bins[i].draw, NULL) == 0;
    if (!ok) {
        free(m); /* a failed init on Linux holds nothing */
        return NULL;
    }
    m->max_bytes = max_bytes ? max_bytes : SL_WEB_DENSITY_MEMO_BYTES;
    m->log = log, m->log_ctx = log_ctx;
    return m;
}

static void clear(sl_web_api_memo *m, entry *e, int is_bins)
{
    if (e->state == READY) {
        if (is_bins) sl_privacy_bins_free(&e->b);
        else sl_analysis_density_layer_free(&e->dl);
    }
    m->bytes -= e->bytes;
    e->bytes = 0, e->state = EMPTY, e->key[0] = 0, e->users = 0;
}

void sl_web_api_memo_free(sl_web_api_memo *m)
{
    if (!m) return;
    for (int i = 0; i < LAYERS; i++) clear(m, &m->layers[i], 0);
    for (int i = 0; i < BINS; i++) clear(m, &m->bins[i], 1), pthread_mutex_destroy(&m->bins[i].draw);
    pthread_cond_destroy(&m->changed);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

void sl_web_api_memo_counts(sl_web_api_memo *m, unsigned long *layer_reads, unsigned long *binnings)
{
    pthread_mutex_lock(&m->lock);
    *layer_reads = m->layer_reads, *binnings = m->binnings;
    pthread_mutex_unlock(&m->lock);
}

/* Free ready entries nobody holds, least recently used first, until the
** memo is within its bound (KEEP is never freed). Lock held. */
static void shrink(sl_web_api_memo *m, const entry *keep)
{
    while (m->bytes > m->max_bytes) {
        entry *victim = NULL;
        int victim_bins = 0;
        for (int k = 0; k < LAYERS + BINS; k++) {
            entry *e = k < BINS ? &m->bins[k] : &m->layers[k - BINS];
            if (e == keep || e->state != READY || e->users) continue;
            /* binnings go before layers: a layer is the costlier to make */
            int bins = k < BINS;
            if (!victim || (bins && !victim_bins) || (bins == victim_bins && e->used < victim->used))
                victim = e, victim_bins = bins;
        }
        if (!victim) return;
        clear(m, victim, victim_bins);
    }
}

/* The entry of KEY in TAB (N of them), held (users + 1): found ready, or
** waited for while another thread builds it, or claimed EMPTY -> BUILDING
** for the caller to build (*build = 1). NULL when every slot is held or
** building: the caller builds without keeping. Lock held. */
static entry *take(sl_web_api_memo *m, entry *tab, int n, const char *key, int *build)
{
    *build = 0;
    for (;;) {
        entry *hit = NULL;
        for (int i = 0; i < n; i++)
            if (tab[i].state != EMPTY && !strcmp(tab[i].key, key)) hit = &tab[i];
        if (hit && hit->state == BUILDING) {
            pthread_cond_wait(&m->changed, &m->lock);
            continue;
        }
        if (hit) {
            hit->users++, hit->used = ++m->tick;
            return hit;
        }
        entry *slot = NULL;
        for (int i = 0; i < n; i++) {
            entry *e = &tab[i];
            if (e->state == EMPTY) {
                slot = e;
                break;
            }
            if (e->state == READY && !e->users && (!slot || e->used < slot->used)) slot = e;
        }
        if (!slot) return NULL;
        clear(m, slot, tab == m->bins);
        snprintf(slot->key, sizeof slot->key, "%s", key);
        slot->state = BUILDING, slot->users = 1, slot->used = ++m->tick;
        *build = 1;
        return slot;
    }
}

/* End a build of E: READY with BYTES when OK, else EMPTY; wake waiters. */
static void built(sl_web_api_memo *m, entry *e, int ok, size_t bytes, int is_bins)
{
    pthread_mutex_lock(&m->lock);
    if (ok) {
        e->state = READY, e->bytes = bytes, m->bytes += bytes;
        if (is_bins) m->binnings++;
        else m->layer_reads++;
        shrink(m, e);
    } else {
        e->state = EMPTY, e->key[0] = 0, e->users = 0;
    }
    pthread_cond_broadcast(&m->changed);
    pthread_mutex_unlock(&m->lock);
}

static void release(sl_web_api_memo *m, entry *e)
{
    pthread_mutex_lock(&m->lock);
    if (e->users > 0) e->users--;
    shrink(m, NULL);
    pthread_mutex_unlock(&m->lock);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* One line of the server's log; counts and times come with thousands
** separators ("(10,000,000 points) in 4,525 ms" at national scale). */
static void say(sl_web_api_memo *m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void say(sl_web_api_memo *m, const char *fmt, ...)
{
    if (!m->log) return;
    char line[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    m->log(m->log_ctx, line);
}

static size_t bins_bytes(const sl_privacy_bins *b)
{
    return b->h.count * (3 * sizeof(int32_t) + sizeof(uint32_t)) + (b->h.slot_mask + 1) * sizeof(uint32_t);
}

/* The layer entry of IDENT and LAYER, held, READY (NULL and *ERR set when
** reading it failed). *OWN is set instead when no slot was free: the
** caller frees it. */
static entry *layer_of(sl_web_api_memo *m, sl_store *st, const char *ident, const char *layer, double hex,
                       entry *own, sl_error *err)
{
    char key[256];
    int build;
    snprintf(key, sizeof key, "%.96s|%s", ident, layer);
    pthread_mutex_lock(&m->lock);
    entry *e = take(m, m->layers, LAYERS, key, &build);
    pthread_mutex_unlock(&m->lock);
    if (e && !build) return e;
    entry *into = e ? e : own;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sl_status s = sl_analysis_density_layer(st, layer, hex, &into->dl, err);
    char n[32], t[32];
    if (!s)
        say(m, "density: %s read, grouped and projected once (%s points) in %s ms", layer,
            sl_thousands((long long)into->dl.pts.n, n), sl_thousands((long long)(ms_since(&t0) + 0.5), t));
    if (e) built(m, e, !s, s ? 0 : sl_analysis_density_layer_bytes(&e->dl), 0);
    if (s) return NULL;
    if (!e) own->state = READY;
    return into;
}

/* Entries of another store state than IDENT nobody holds: gone (the store
** changed under the server; their answers would never be asked again). */
static void purge_stale(sl_web_api_memo *m, const char *ident)
{
    size_t n = strlen(ident);
    for (int k = 0; k < LAYERS + BINS; k++) {
        entry *e = k < BINS ? &m->bins[k] : &m->layers[k - BINS];
        if (e->state == READY && !e->users && (strncmp(e->key, ident, n) || e->key[n] != '|')) clear(m, e, k < BINS);
    }
}

sl_status sl_web_density_memo_text(sl_web_api_memo *m, sl_store *st, const char *ident, const char *layer,
                                   double hex, unsigned k, int exact, const double *box, char **text,
                                   size_t *len, sl_error *err)
{
    char key[256];
    int build;
    snprintf(key, sizeof key, "%.96s|%s|%.17g|%u|%d", ident, layer, hex, k, exact);
    pthread_mutex_lock(&m->lock);
    purge_stale(m, ident);
    entry *e = take(m, m->bins, BINS, key, &build);
    pthread_mutex_unlock(&m->lock);
    entry own = {.state = EMPTY}, own_layer = {.state = EMPTY};
    entry *into = e ? e : &own;
    sl_status s = SL_OK;
    if (!e || build) {
        entry *le = layer_of(m, st, ident, layer, hex, &own_layer, err);
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        s = le ? sl_analysis_density_at(st, &le->dl, hex, k, exact, &into->b, NULL, err) : err->status;
        char t[32];
        if (!s) say(m, "density: %s binned at %g m in %s ms", layer, hex, sl_thousands((long long)(ms_since(&t0) + 0.5), t));
        if (le == &own_layer) sl_analysis_density_layer_free(&own_layer.dl);
        else if (le) release(m, le);
        if (e) built(m, e, !s, s ? 0 : bins_bytes(&e->b), 1);
    }
    if (!s) {
        FILE *mem = open_memstream(text, len);
        if (e) pthread_mutex_lock(&e->draw);
        if (!mem) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory writing the density map");
        else s = sl_report_density_map(&into->b, layer, hex, k, box, NULL, mem, err);
        if (e) pthread_mutex_unlock(&e->draw);
        if (mem && fclose(mem) && !s) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory writing the density map");
    }
    if (e && (!build || !s)) release(m, e);
    if (!e && !s) sl_privacy_bins_free(&own.b);
    return s;
}
