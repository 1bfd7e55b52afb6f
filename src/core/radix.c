/*
** radix.c — stable least-significant-digit radix sort of indexes by 64-bit
** keys (see include/sightline/core/radix.h).
**
** The keys are first gathered next to their indexes and then moved with
** them, pass after pass: reading KEYS[IDX[i]] in every pass was a cache miss
** per element and pass once the keys outgrow the cache (ten million points).
** Digits are 11 bits (2,048 buckets: the counts stay in the first-level
** cache, and the scatter has few enough streams); every digit's counts come
** from one read before the first pass, and a digit that is the same in every
** key moves nothing and is skipped, so keys that use few bits (grid cells)
** cost few passes. From 131,072 keys on, each pass runs on two threads, each
** counting and then moving one half of the keys: the same order.
*/
#include "sightline/core/radix.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define DIGIT_BITS 11
#define BUCKETS (1u << DIGIT_BITS)
#define DIGITS ((64 + DIGIT_BITS - 1) / DIGIT_BITS)
#define THREADED_MIN ((size_t)1 << 17) /* keys from which a pass runs on two threads */

uint64_t sl_radix_key_double(double x)
{
    uint64_t u;
    if (x == 0) x = 0; /* -0.0 sorts with 0.0 */
    memcpy(&u, &x, sizeof u);
    return (u >> 63) ? ~u : u | 0x8000000000000000ULL;
}

unsigned sl_radix_bits(uint64_t max)
{
    unsigned b = 0;
    while (b < 64 && (max >> b)) b++;
    return b;
}

/* One half of the array in one pass: its digit counts, then its scatter
** from the offsets its counts give (the first half's keys go first in each
** bucket, so two halves keep the order one pass over the whole would). */
typedef struct half {
    const uint64_t *kf;
    const uint32_t *xf;
    uint64_t *kt;
    uint32_t *xt;
    size_t from, to;
    unsigned shift;
    size_t count[BUCKETS];
} half;

static void *count_half(void *arg)
{
    half *h = arg;
    memset(h->count, 0, sizeof h->count);
    for (size_t i = h->from; i < h->to; i++) h->count[(h->kf[i] >> h->shift) & (BUCKETS - 1)]++;
    return NULL;
}

static void *scatter_half(void *arg)
{
    half *h = arg;
    for (size_t i = h->from; i < h->to; i++) {
        size_t to = h->count[(h->kf[i] >> h->shift) & (BUCKETS - 1)]++;
        h->kt[to] = h->kf[i];
        h->xt[to] = h->xf[i];
    }
    return NULL;
}

/* FN on both halves, the second on a thread of its own when there is one. */
static void both(void *(*fn)(void *), half *h)
{
    pthread_t t;
    int threaded = h[1].to > h[1].from && pthread_create(&t, NULL, fn, &h[1]) == 0;
    fn(&h[0]);
    if (threaded) pthread_join(t, NULL);
    else fn(&h[1]);
}

/* One pass on digit SHIFT from (KF, XF) to (KT, XT), on two threads from
** THREADED_MIN keys on (each half counts and scatters its own keys). */
static void pass(const uint64_t *kf, const uint32_t *xf, uint64_t *kt, uint32_t *xt, size_t n, unsigned shift,
                 half *h)
{
    size_t mid = n >= THREADED_MIN ? n / 2 : n;
    h[0] = (half){kf, xf, kt, xt, 0, mid, shift, {0}};
    h[1] = (half){kf, xf, kt, xt, mid, n, shift, {0}};
    both(count_half, h);
    size_t sum = 0;
    for (size_t b = 0; b < BUCKETS; b++) {
        size_t c0 = h[0].count[b], c1 = h[1].count[b];
        h[0].count[b] = sum;
        h[1].count[b] = sum + c0;
        sum += c0 + c1;
    }
    both(scatter_half, h);
}

sl_status sl_radix_sort_pairs(uint64_t *key, uint32_t *idx, size_t n, sl_error *err)
{
    if (n < 2) return SL_OK;
    uint64_t *key2 = malloc(n * sizeof *key2);
    uint32_t *idx2 = malloc(n * sizeof *idx2);
    size_t *count = calloc((size_t)DIGITS * BUCKETS, sizeof *count);
    half *h = malloc(2 * sizeof *h);
    if (!key2 || !idx2 || !count || !h) {
        free(key2), free(idx2), free(count), free(h);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory sorting %zu keys", n);
    }
    for (size_t i = 0; i < n; i++)
        for (unsigned d = 0; d < DIGITS; d++) count[d * BUCKETS + ((key[i] >> (d * DIGIT_BITS)) & (BUCKETS - 1))]++;
    uint64_t *kf = key, *kt = key2;
    uint32_t *xf = idx, *xt = idx2;
    for (unsigned d = 0; d < DIGITS; d++) {
        unsigned shift = d * DIGIT_BITS;
        if (count[(size_t)d * BUCKETS + ((kf[0] >> shift) & (BUCKETS - 1))] == n) continue; /* nothing moves */
        pass(kf, xf, kt, xt, n, shift, h);
        uint64_t *ks = kf;
        kf = kt, kt = ks;
        uint32_t *xs = xf;
        xf = xt, xt = xs;
    }
    if (kf != key) {
        memcpy(key, kf, n * sizeof *key);
        memcpy(idx, xf, n * sizeof *idx);
    }
    free(key2);
    free(idx2);
    free(count);
    free(h);
    return SL_OK;
}

sl_status sl_radix_sort_u64(const uint64_t *keys, uint32_t *idx, size_t n, sl_error *err)
{
    if (n < 2) return SL_OK;
    uint64_t *key = malloc(n * sizeof *key);
    if (!key) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory sorting %zu keys", n);
    for (size_t i = 0; i < n; i++) key[i] = keys[idx[i]];
    sl_status s = sl_radix_sort_pairs(key, idx, n, err);
    free(key);
    return s;
}
