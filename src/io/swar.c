/*
** swar.c — scanning text eight bytes at a time in a 64-bit register (SIMD
** within a register): the point reader's row counting and digit runs, which
** would otherwise cost a branch per byte on files of hundreds of megabytes.
*/
#include "swar.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Bytes of W equal to the byte repeated in PATTERN, each marked by its high
** bit (exact: no carries between bytes). */
static inline uint64_t equal_bytes(uint64_t w, uint64_t pattern)
{
    const uint64_t highs = 0x8080808080808080u, lows = 0x7f7f7f7f7f7f7f7fu;
    uint64_t x = w ^ pattern;
    return ~(((x & lows) + lows) | x) & highs;
}

size_t sl_swar_scan_rows(const char *s, const char *end, char eol, int *quote, const char **nul)
{
    const uint64_t ones = 0x0101010101010101u;
    const uint64_t rows = ones * (unsigned char)eol, quotes = ones * (unsigned char)'"';
    size_t n = 0;
    uint64_t seen_quote = 0;
    *nul = NULL;
    while (s < end && ((uintptr_t)s & 15)) {
        if (!*s && !*nul) *nul = s;
        seen_quote |= *s == '"';
        n += *s++ == eol;
    }
#ifdef __SSE2__
    /* Sixteen bytes a step (SSE2 is part of x86-64): this pass reads every
    ** byte of the file before the parse can start. Matches are summed in
    ** byte lanes (a compare gives -1 per match) and the lanes added up every
    ** 255 steps, before one can wrap: no mask or popcount per step (x86-64
    ** without -mpopcnt makes __builtin_popcount a library call). NULs and
    ** quotes are only noted per block; a block with a NUL is looked at again
    ** for the first one. */
    const __m128i vrow = _mm_set1_epi8(eol), vquote = _mm_set1_epi8('"'), vzero = _mm_setzero_si128();
    __m128i quotes_seen = vzero;
    while (end - s >= 16) {
        size_t steps = (size_t)(end - s) / 16;
        if (steps > 255) steps = 255;
        const char *block = s;
        __m128i count = vzero, zeros = vzero;
        for (size_t i = 0; i < steps; i++, s += 16) {
            __m128i v = _mm_load_si128((const __m128i *)(const void *)s);
            count = _mm_sub_epi8(count, _mm_cmpeq_epi8(v, vrow));
            quotes_seen = _mm_or_si128(quotes_seen, _mm_cmpeq_epi8(v, vquote));
            zeros = _mm_or_si128(zeros, _mm_cmpeq_epi8(v, vzero));
        }
        /* Two lane sums of at most 255 * 8: 32 bits hold them (and the
        ** 32-bit moves exist on i386 with SSE2 too). */
        __m128i sums = _mm_sad_epu8(count, vzero);
        n += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
        if (_mm_movemask_epi8(zeros) && !*nul) *nul = memchr(block, 0, (size_t)(s - block));
    }
    seen_quote |= (uint64_t)_mm_movemask_epi8(quotes_seen);
#endif
    while (end - s >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        n += (size_t)(((equal_bytes(w, rows) >> 7) * ones) >> 56);
        seen_quote |= equal_bytes(w, quotes);
        uint64_t zero = equal_bytes(w, 0);
        if (zero && !*nul) *nul = s + __builtin_ctzll(zero) / 8;
        s += 8;
    }
    for (; s < end; s++) {
        if (!*s && !*nul) *nul = s;
        seen_quote |= *s == '"';
        n += *s == eol;
    }
    *quote = seen_quote != 0;
    return n;
}

/* Occurrences of byte C in [s,end), eight bytes at a time: a byte of W ^ C*ONES
** is zero exactly where W holds C, and the carry-free test below marks each
** zero byte's high bit. */
size_t sl_swar_count_byte(const char *s, const char *end, char c)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u, lows = 0x7f7f7f7f7f7f7f7fu;
    const uint64_t pattern = ones * (unsigned char)c;
    size_t n = 0;
    while (s < end && ((uintptr_t)s & 7)) n += *s++ == c;
    while (end - s >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        uint64_t x = w ^ pattern;
        uint64_t zero = ~(((x & lows) + lows) | x) & highs;
        n += (size_t)(((zero >> 7) * ones) >> 56);
        s += 8;
    }
    while (s < end) n += *s++ == c;
    return n;
}

