/*
** radix.c — stable least-significant-digit radix sort of indexes by 64-bit
** keys (see include/sightline/core/radix.h). Sixteen bits a pass; a pass in
** which every key has the same digit moves nothing and is skipped, so keys
** that use few bits (grid cells) cost few passes.
*/
#include "sightline/core/radix.h"

#include <stdlib.h>
#include <string.h>

#define DIGIT_BITS 16
#define BUCKETS (1u << DIGIT_BITS)

uint64_t sl_radix_key_double(double x)
{
    uint64_t u;
    if (x == 0) x = 0; /* -0.0 sorts with 0.0 */
    memcpy(&u, &x, sizeof u);
    return (u >> 63) ? ~u : u | 0x8000000000000000ULL;
}

sl_status sl_radix_sort_u64(const uint64_t *keys, uint32_t *idx, size_t n, sl_error *err)
{
    if (n < 2) return SL_OK;
    uint32_t *tmp = malloc(n * sizeof *tmp);
    size_t *count = malloc(BUCKETS * sizeof *count);
    if (!tmp || !count) {
        free(tmp);
        free(count);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory sorting %zu keys", n);
    }
    uint32_t *from = idx, *to = tmp;
    for (unsigned shift = 0; shift < 64; shift += DIGIT_BITS) {
        memset(count, 0, BUCKETS * sizeof *count);
        for (size_t i = 0; i < n; i++) count[(keys[from[i]] >> shift) & (BUCKETS - 1)]++;
        if (count[(keys[from[0]] >> shift) & (BUCKETS - 1)] == n) continue; /* one digit: nothing moves */
        size_t sum = 0;
        for (size_t b = 0; b < BUCKETS; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) to[count[(keys[from[i]] >> shift) & (BUCKETS - 1)]++] = from[i];
        uint32_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != idx) memcpy(idx, from, n * sizeof *idx);
    free(tmp);
    free(count);
    return SL_OK;
}
