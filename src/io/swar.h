/*
** swar.h — byte scanning eight bytes at a time for the point readers (private
** to src/io).
*/
#ifndef SIGHTLINE_IO_SWAR_H
#define SIGHTLINE_IO_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Occurrences of byte C in [s,end). */
size_t sl_swar_count_byte(const char *s, const char *end, char c);

/* The row ends (byte EOL) in [s,end), and in the same pass: sets *quote when
** a '"' occurs and *nul to the first NUL byte (NULL when none). */
size_t sl_swar_scan_rows(const char *s, const char *end, char eol, int *quote, const char **nul);

/* The run of up to 8 digits at P (8 readable bytes), eight bytes at a time:
** returns how many there are and sets *value to the number they spell.
** A byte is a digit when its high nibble is 3 and adding 6 keeps it so; the
** only carries between bytes come from non-digits, which are above the
** first one that counts. */
static inline int sl_swar_digits(const char *p, uint64_t *value)
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

static const uint64_t SL_IPOW10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/* The decimal digits at *PP (stopping at the first other byte or END),
** appended to *mant (mant = mant * 10^count + their value; wraps past 19
** digits in all, which callers refuse); advances *PP and returns the count.
** Eight at a time while 16 bytes remain. Inline: it runs four times per
** row of a points file, and a call per run cost a quarter of the import. */
static inline size_t sl_swar_take_digits(const char **pp, const char *end, uint64_t *mant)
{
    const char *p = *pp;
    uint64_t m = *mant, v;
    unsigned d;
    for (;;) {
        if (end - p < 16) {
            while (p < end && (d = (unsigned)(*p - '0')) < 10) m = m * 10 + d, p++;
            break;
        }
        int n = sl_swar_digits(p, &v);
        m = m * SL_IPOW10[n] + v; /* wraps only past 19 digits, which are refused */
        p += n;
        if (n < 8) break;
    }
    size_t count = (size_t)(p - *pp);
    *pp = p;
    *mant = m;
    return count;
}


#endif
