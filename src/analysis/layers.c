/*
** layers.c — loading point layers for the analyses: the text filter and
** the choice of what counts as "a camera" (see include/sightline/analysis/analyses.h).
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/cameras.h"
#include "sightline/core/text.h"
#include "sightline/store/store_layers.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include "analysis_internal.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

sl_status sl_find_category(sl_store *st, const char *layer, const char *category, sl_arena *arena,
                           const char **found, sl_error *err)
{
    const char **cats;
    size_t n;
    sl_status s = sl_store_point_categories(st, layer, arena, &cats, &n, err);
    if (s) return s;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(cats[i], category) == 0) {
            *found = cats[i];
            return SL_OK;
        }
    char list[512] = "";
    for (size_t i = 0; i < n && strlen(list) + 64 < sizeof list; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s'%s'", i ? ", " : "", cats[i]);
    return sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no %s of category '%s' (%s%s)", layer, category,
                   n ? "the store has " : "none imported", list);
}

static sl_status compile_where(const char *pattern, pcre2_code **re, pcre2_match_data **md, sl_error *err)
{
    int code;
    PCRE2_SIZE at;
    *md = NULL;
    *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &code,
                        &at, NULL);
    if (!*re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--where pattern at offset %zu: %s", (size_t)at, (char *)msg);
    }
    /* Ten million texts go through it: compiled to machine code where the
    ** library can (pcre2_match then runs it; the same matches), else
    ** interpreted as before. */
    (void)pcre2_jit_compile(*re, PCRE2_JIT_COMPLETE);
    *md = pcre2_match_data_create_from_pattern(*re, NULL);
    if (!*md) {
        pcre2_code_free(*re);
        *re = NULL;
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    return SL_OK;
}

static int text_matches(const char *text, pcre2_code *re, pcre2_match_data *md)
{
    int rc = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
    /* The machine code's small stack is no reason to miss a match. */
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) rc = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, PCRE2_NO_JIT, md, NULL);
    return rc >= 0;
}

/* Which texts of a chunk match, one byte each: threads claim slices of
** SLICE texts until none is left. */
#define MATCH_SLICE 1024
typedef struct match_range {
    const sl_points *chunk;
    pcre2_code *re;
    unsigned char *hit;
    atomic_size_t next; /* the first text not claimed yet */
} match_range;

static void match_slices(match_range *m, pcre2_match_data *md)
{
    size_t n = m->chunk->n, from;
    while ((from = atomic_fetch_add(&m->next, MATCH_SLICE)) < n)
        for (size_t i = from; i < n && i < from + MATCH_SLICE; i++)
            m->hit[i] = (unsigned char)text_matches(sl_points_text(m->chunk, i), m->re, md);
}

/* The scan reads a chunk while a thread matches the chunk read before;
** then this thread joins in, so reading and matching (ten million texts a
** filter) share both cores. */
typedef struct matching {
    pcre2_code *re;
    pcre2_match_data *md, *md2; /* md2: the thread's, or NULL (then matched here) */
    sl_points held;             /* the chunk being matched, taken from the scan */
    unsigned char *hit;         /* a byte per point of held */
    size_t cap;
    match_range range;
    pthread_t thread;
    int running; /* the thread is matching held */
    int pending; /* held's matches are not in OUT yet */
    sl_points *out;
} matching;

static void *match_on_thread(void *arg)
{
    matching *m = arg;
    match_slices(&m->range, m->md2);
    return NULL;
}

/* Wait for the chunk being matched, then append its matching points to
** OUT, in chunk order. */
static sl_status keep_matched(matching *m, sl_error *err)
{
    if (m->pending) match_slices(&m->range, m->md); /* what the thread has not claimed */
    if (m->running) pthread_join(m->thread, NULL);
    m->running = 0;
    if (!m->pending) return SL_OK;
    m->pending = 0;
    const sl_points *c = &m->held;
    for (size_t i = 0; i < c->n; i++) {
        if (!m->hit[i]) continue;
        if (sl_points_push(m->out, c->lon[i], c->lat[i], c->time[i], sl_points_id(c, i), sl_points_text(c, i),
                           sl_points_attrs(c, i), err))
            return err->status;
        m->out->source[m->out->n - 1] = c->source[i];
    }
    return SL_OK;
}

static sl_status match_chunk(void *ctx, sl_points *chunk, sl_error *err)
{
    matching *m = ctx;
    if (keep_matched(m, err)) return err->status;
    if (chunk->n > m->cap) {
        unsigned char *grown = realloc(m->hit, chunk->n);
        if (!grown) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        m->hit = grown, m->cap = chunk->n;
    }
    sl_points t = m->held; /* the scan fills the older chunk's arrays next */
    m->held = *chunk;
    *chunk = t;
    m->range.chunk = &m->held, m->range.re = m->re, m->range.hit = m->hit;
    atomic_init(&m->range.next, 0);
    m->pending = 1; /* without a thread, all matched in keep_matched */
    m->running = m->md2 && pthread_create(&m->thread, NULL, match_on_thread, m) == 0;
    return SL_OK;
}

/* The points whose text matches WHERE, read chunk by chunk: memory holds
** two chunks and the matches, not the layer with every text. */
static sl_status load_matching(sl_store *st, const char *layer, const char *category, const char *where,
                               sl_points *out, sl_error *err)
{
    matching m = {.out = out};
    sl_status s = compile_where(where, &m.re, &m.md, err);
    if (s) return s;
    m.md2 = pcre2_match_data_create_from_pattern(m.re, NULL); /* NULL: this thread matches all */
    sl_points_init(&m.held);
    out->source = malloc(sizeof *out->source); /* grown with the others, as a loaded layer has it */
    m.held.source = malloc(sizeof *m.held.source);
    s = out->source && m.held.source
            ? sl_store_scan_points(st, layer, category, SL_SCAN_TIME | SL_SCAN_STRINGS, match_chunk, &m, err)
            : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_error late;
    sl_status last = keep_matched(&m, &late); /* the last chunk; after a failure, the thread is only waited for */
    if (!s && last) *err = late, s = last;
    sl_points_free(&m.held);
    pcre2_match_data_free(m.md);
    pcre2_match_data_free(m.md2);
    free(m.hit);
    pcre2_code_free(m.re);
    return s;
}

sl_status sl_load_layer(sl_store *st, const char *layer, const char *category, const char *where,
                        sl_points *out, sl_error *err)
{
    sl_points_init(out);
    if (!sl_point_layer_valid(layer))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "'%s' is not a point layer (posts, cameras, sites)", layer);
    sl_status s = where ? load_matching(st, layer, category, where, out, err)
                        : sl_store_load_points(st, layer, category, out, err);
    if (s) sl_points_free(out);
    return s;
}

static sl_status copy_coords(const double *lon, const double *lat, size_t n, double **olon,
                             double **olat, sl_error *err)
{
    *olon = malloc((n + 1) * sizeof **olon);
    *olat = malloc((n + 1) * sizeof **olat);
    if (!*olon || !*olat) {
        free(*olon);
        free(*olat);
        *olon = *olat = NULL;
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    memcpy(*olon, lon, n * sizeof *lon);
    memcpy(*olat, lat, n * sizeof *lat);
    return SL_OK;
}

/* Coordinates gathered chunk by chunk into arrays sized beforehand. */
typedef struct coords {
    double *lon, *lat;
    size_t n, cap;
} coords;

static sl_status add_coords(void *ctx, const double *lon, const double *lat, size_t n, sl_error *err)
{
    coords *c = ctx;
    if (c->n + n > c->cap) { /* the count was stale: grow */
        size_t cap = (c->n + n) * 2 + 1024;
        double *x = realloc(c->lon, cap * sizeof *x);
        if (x) c->lon = x;
        double *y = x ? realloc(c->lat, cap * sizeof *y) : NULL;
        if (y) c->lat = y;
        if (!x || !y) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        c->cap = cap;
    }
    memcpy(c->lon + c->n, lon, n * sizeof *lon);
    memcpy(c->lat + c->n, lat, n * sizeof *lat);
    c->n += n;
    return SL_OK;
}

sl_status sl_load_coords(sl_store *st, const char *layer, double **lon, double **lat, size_t *n,
                         sl_error *err)
{
    long count = 0;
    coords c = {0};
    sl_status s = sl_store_count_points(st, layer, NULL, &count, err);
    if (!s && count > 0) {
        c.cap = (size_t)count;
        c.lon = malloc(c.cap * sizeof *c.lon);
        c.lat = malloc(c.cap * sizeof *c.lat);
        if (!c.lon || !c.lat) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory for %ld points", count);
    }
    if (!s) s = sl_store_scan_coords(st, layer, NULL, add_coords, &c, err);
    if (s) {
        free(c.lon), free(c.lat);
        c.lon = c.lat = NULL, c.n = 0;
    }
    *lon = c.lon, *lat = c.lat, *n = c.n;
    return s;
}

/* Coordinates gathered chunk by chunk, and the span of the times of the
** placed points among them. */
typedef struct spanned {
    double *lon, *lat;
    size_t n, cap;
    int64_t first, last;
} spanned;

static sl_status add_spanned(void *ctx, sl_points *chunk, sl_error *err)
{
    spanned *c = ctx;
    size_t n = chunk->n;
    if (c->n + n > c->cap) { /* the count was stale: grow */
        size_t cap = (c->n + n) * 2 + 1024;
        double *x = realloc(c->lon, cap * sizeof *x);
        if (x) c->lon = x;
        double *y = x ? realloc(c->lat, cap * sizeof *y) : NULL;
        if (y) c->lat = y;
        if (!y) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        c->cap = cap;
    }
    memcpy(c->lon + c->n, chunk->lon, n * sizeof *c->lon);
    memcpy(c->lat + c->n, chunk->lat, n * sizeof *c->lat);
    for (size_t i = 0; i < n; i++) {
        int64_t t = chunk->time[i];
        if (t == SL_TIME_NONE || !sl_point_placed(chunk->lon[i], chunk->lat[i])) continue;
        if (c->first == SL_TIME_NONE || t < c->first) c->first = t;
        if (c->last == SL_TIME_NONE || t > c->last) c->last = t;
    }
    c->n += n;
    return SL_OK;
}

sl_status sl_load_coords_span(sl_store *st, const char *layer, double **lon, double **lat, int64_t span[2],
                              size_t *n, sl_error *err)
{
    long count = 0;
    spanned c = {.first = SL_TIME_NONE, .last = SL_TIME_NONE};
    sl_status s = sl_store_count_points(st, layer, NULL, &count, err);
    if (!s && count > 0) {
        c.cap = (size_t)count;
        c.lon = malloc(c.cap * sizeof *c.lon);
        c.lat = malloc(c.cap * sizeof *c.lat);
        if (!c.lon || !c.lat) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory for %ld points", count);
    }
    if (!s) s = sl_store_scan_points(st, layer, NULL, SL_SCAN_TIME, add_spanned, &c, err);
    if (s) {
        free(c.lon), free(c.lat);
        c.lon = c.lat = NULL, c.n = 0, c.first = c.last = SL_TIME_NONE;
    }
    *lon = c.lon, *lat = c.lat, *n = c.n;
    span[0] = c.first, span[1] = c.last;
    return s;
}

sl_status sl_load_cameras(sl_store *st, double **lon, double **lat, size_t *n, const char **origin,
                          sl_error *err)
{
    return sl_load_cameras_grouped(st, NULL, lon, lat, n, origin, err);
}

sl_status sl_load_cameras_merged(sl_store *st, double merge_radius_m, double **lon, double **lat, size_t *n,
                                 const char **origin, sl_error *err)
{
    *lon = *lat = NULL;
    *n = 0;
    if (!(merge_radius_m >= 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "--merge-radius must be >= 0 meters");
    if (merge_radius_m == 0) return sl_load_cameras(st, lon, lat, n, origin, err);
    long in_layer = 0;
    sl_status s = sl_store_count_points(st, "cameras", NULL, &in_layer, err);
    if (s) return s;
    if (in_layer > 0) {
        char c[32];
        return sl_fail(err, SL_EUSAGE, NULL, 0,
                       "--merge-radius chains posts into cameras, but this store has a cameras layer (%s cameras), "
                       "which is measured as imported; leave --merge-radius out",
                       sl_thousands(in_layer, c));
    }
    sl_cameras c;
    size_t posts;
    if ((s = sl_group_posts_radii(st, &merge_radius_m, 1, 0, &c, &posts, err))) return s;
    *origin = "posts (chained within the merge radius)";
    *n = c.count;
    *lon = c.lon, *lat = c.lat;
    c.lon = c.lat = NULL;
    sl_cameras_free(&c);
    return SL_OK;
}

sl_status sl_load_cameras_grouped(sl_store *st, sl_cameras *posts_grouped, double **lon, double **lat,
                                  size_t *n, const char **origin, sl_error *err)
{
    sl_points p;
    *lon = *lat = NULL;
    *n = 0;
    sl_status s = sl_load_layer(st, "cameras", NULL, NULL, &p, err);
    if (s) return s;
    if (p.n > 0) {
        *origin = "cameras layer";
        *n = p.n;
        s = copy_coords(p.lon, p.lat, p.n, lon, lat, err);
        sl_points_free(&p);
        return s;
    }
    sl_points_free(&p);
    *origin = "posts (unique locations)";
    if (posts_grouped) { /* taken, not copied: ten million cameras are 160 MB */
        *n = posts_grouped->count;
        *lon = posts_grouped->lon, *lat = posts_grouped->lat;
        posts_grouped->lon = posts_grouped->lat = NULL;
        return SL_OK;
    }
    /* Only where the posts are: their texts and times are not loaded. */
    double *plon, *plat;
    size_t np;
    if ((s = sl_load_coords(st, "posts", &plon, &plat, &np, err))) return s;
    /* Where the cameras are only (no camera per post, no times), and their
    ** arrays taken rather than copied: ten million cameras are 160 MB. */
    sl_cameras c;
    const double at_0_m = 0;
    s = sl_cameras_from_posts_radii(plon, plat, NULL, np, &at_0_m, 1, 0, &c, err);
    free(plon);
    free(plat);
    if (s) return s;
    *n = c.count;
    *lon = c.lon, *lat = c.lat;
    c.lon = c.lat = NULL;
    sl_cameras_free(&c);
    return SL_OK;
}
