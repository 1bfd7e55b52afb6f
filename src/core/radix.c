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
** cost few passes.
*/
#include "sightline/core/radix.h"

#include <stdlib.h>
#include <string.h>

#define DIGIT_BITS 11
#define BUCKETS (1u << DIGIT_BITS)
#define DIGITS ((64 + DIGIT_BITS - 1) / DIGIT_BITS)

uint64_t sl_radix_key_double(double x)
{
    uint64_t u;
    if (x == 0) x = 0; /* -0.0 sorts with 0.0 */
    memcpy(&u, &x, sizeof u);
    return (u >> 63) ? ~u : u | 0x8000000000000000ULL;
}

sl_status sl_radix_sort_pairs(uint64_t *key, uint32_t *idx, size_t n, sl_error *err)
{
    if (n < 2) return SL_OK;
    uint64_t *key2 = malloc(n * sizeof *key2);
    uint32_t *idx2 = malloc(n * sizeof *idx2);
    size_t *count = calloc((size_t)DIGITS * BUCKETS, sizeof *count);
    if (!key2 || !idx2 || !count) {
        free(key2), free(idx2), free(count);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory sorting %zu keys", n);
    }
    for (size_t i = 0; i < n; i++)
        for (unsigned d = 0; d < DIGITS; d++) count[d * BUCKETS + ((key[i] >> (d * DIGIT_BITS)) & (BUCKETS - 1))]++;
    uint64_t *kf = key, *kt = key2;
    uint32_t *xf = idx, *xt = idx2;
    for (unsigned d = 0; d < DIGITS; d++) {
        size_t *c = count + (size_t)d * BUCKETS;
        unsigned shift = d * DIGIT_BITS;
        if (c[(kf[0] >> shift) & (BUCKETS - 1)] == n) continue; /* one digit: nothing moves */
        size_t sum = 0;
        for (size_t b = 0; b < BUCKETS; b++) {
            size_t k = c[b];
            c[b] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++) {
            size_t to = c[(kf[i] >> shift) & (BUCKETS - 1)]++;
            kt[to] = kf[i];
            xt[to] = xf[i];
        }
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
