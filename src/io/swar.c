/*
** swar.c — scanning text eight bytes at a time in a 64-bit register (SIMD
** within a register): the point reader's row counting and digit runs, which
** would otherwise cost a branch per byte on files of hundreds of megabytes.
*/
#include "swar.h"

#include <string.h>

/* The run of up to 8 digits at P (8 readable bytes), eight bytes at a time:
** returns how many there are and sets *value to the number they spell.
** A byte is a digit when its high nibble is 3 and adding 6 keeps it so; the
** only carries between bytes come from non-digits, which are above the
** first one that counts. */
static int swar_digits(const char *p, uint64_t *value)
{
    const uint64_t nib = 0xF0F0F0F0F0F0F0F0u, threes = 0x3030303030303030u;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t nondigit = ((w & nib) ^ threes) | (((w + 0x0606060606060606u) & nib) ^ threes);
    int n = nondigit ? __builtin_ctzll(nondigit) / 8 : 8;
    if (n == 0) {
        *value = 0;
        return 0;
    }
    uint64_t v = (w << (8 * (8 - n))) & 0x0F0F0F0F0F0F0F0Fu; /* digits high, zeros (leading) low */
    v = (v * 2561) >> 8;
    v = ((v & 0x00FF00FF00FF00FFu) * 6553601) >> 16;
    v = ((v & 0x0000FFFF0000FFFFu) * 42949672960001u) >> 32;
    *value = v;
    return n;
}

static const uint64_t IPOW10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/* Digits at *PP into *mant, eight at a time while 16 bytes remain; returns
** how many. */
size_t sl_swar_take_digits(const char **pp, const char *end, uint64_t *mant)
{
    const char *p = *pp;
    uint64_t m = *mant, v;
    unsigned d;
    for (;;) {
        if (end - p < 16) {
            while (p < end && (d = (unsigned)(*p - '0')) < 10) m = m * 10 + d, p++;
            break;
        }
        int n = swar_digits(p, &v);
        m = m * IPOW10[n] + v; /* wraps only past 19 digits, which are refused */
        p += n;
        if (n < 8) break;
    }
    size_t count = (size_t)(p - *pp);
    *pp = p;
    *mant = m;
    return count;
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

