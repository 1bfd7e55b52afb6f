/*
** text.c — encoding repair, output escaping, comma lists and numbers as
** people read them (see include/sightline/core/text.h).
*/
#include "sightline/core/text.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Length of the well-formed UTF-8 sequence at P (before END), or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = *p, min;
    size_t n;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; min = 0x10000; }
    else return 0;
    if ((size_t)(end - p) <= n) return 0;
    unsigned cp = c & (0x3F >> n);
    for (size_t i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n + 1;
}

size_t sl_utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--; /* a continuation byte: inside a character */
    return max;
}

size_t sl_utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int sl_has_bidi_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (p[0] == 0xE2 && p[1] && p[2] &&
            ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) || (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
            return 1;
    return 0;
}

int sl_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        size_t n = utf8_seq(p, end);
        if (!n) return 0;
        p += n;
    }
    return 1;
}

char *sl_latin1_to_utf8(const char *s, size_t len)
{
    char *out = malloc(len * 2 + 1), *q = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            *q++ = (char)c;
        } else {
            *q++ = (char)(0xC0 | (c >> 6));
            *q++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *q = '\0';
    return out;
}

char *sl_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

int sl_id_cmp(const char *a, const char *b)
{
    size_t m = strlen(a), n = strlen(b);
    if (m != n && m == strspn(a, "0123456789") && n == strspn(b, "0123456789")) return (m > n) - (m < n);
    return strcmp(a, b);
}

char *sl_strdup_trim(const char *s)
{
    while (*s && isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Characters that make a spreadsheet read a cell, or a piece of one, as a
** formula (OWASP "CSV injection"): = + - @ and the tab/CR that some strip. */
static int formula_start(char c) { return c && strchr("=+-@\t\r", c) != NULL; }

/* Separators a spreadsheet may split on instead of the comma, plus line
** breaks for readers that ignore quotes: a formula after one of them is
** neutralised too, since Excel in a ';' locale reads `a;=cmd` as two cells. */
static int piece_break(char c) { return c == ';' || c == '\t' || c == '\n' || c == '\r'; }

void sl_csv_write_cell(FILE *out, const char *s)
{
    if (!s) s = "";
    int formula = formula_start(s[0]);
    int quote = formula || strpbrk(s, ",;\t\"\n\r") != NULL;
    if (!quote) { fputs(s, out); return; }
    fputc('"', out);
    if (formula) fputc('\'', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
        /* A quote opening the next piece could start a quoted field there,
        ** hiding a formula behind it, so it is neutralised as well. */
        if (piece_break(*s) && (formula_start(s[1]) || s[1] == '"') && !piece_break(s[1])) fputc('\'', out);
    }
    fputc('"', out);
}

/* One line ending for every CSV output: LF. The CLI's tables once ended
** theirs with CRLF (RFC 4180) while the audit's data/ and the campaign's
** export wrote LF, so one command's CSV differed byte for byte from the
** same table in a report. */
void sl_csv_end_row(FILE *out) { fputc('\n', out); }

/* The terminal form of the character at P: writes it (escaped or not) to
** BUF (room for 8) and returns how many bytes of input it took. */
static size_t term_char(const unsigned char *p, const unsigned char *end, char *buf, size_t *buf_len)
{
    size_t n = utf8_seq(p, end);
    if (n == 1 && (*p < 0x20 || *p == 0x7F)) {
        *buf_len = (size_t)snprintf(buf, 8, "\\x%02x", *p);
    } else if (n == 2 && p[0] == 0xC2 && p[1] <= 0x9F) { /* C1: U+0080..U+009F, e.g. CSI */
        *buf_len = (size_t)snprintf(buf, 8, "\\u%04x", (unsigned)(p[1] & 0x3F) | 0x80);
    } else if (n == 0) {
        *buf_len = (size_t)snprintf(buf, 8, "\\x%02x", *p);
        n = 1;
    } else {
        memcpy(buf, p, n);
        *buf_len = n;
    }
    return n;
}

int sl_term_needs_escape(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);
    char buf[8];
    size_t n;
    while (p < end) {
        size_t used = term_char(p, end, buf, &n);
        if (n != used || memcmp(buf, p, n) != 0) return 1;
        p += used;
    }
    return 0;
}

char *sl_term_escaped(const char *s)
{
    if (!s) s = "";
    size_t len = strlen(s);
    char *out = malloc(len * 4 + 1), *q = out; /* "\xNN" is the longest per input byte */
    if (!out) return NULL;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        size_t n;
        p += term_char(p, end, q, &n);
        q += n;
    }
    *q = '\0';
    return out;
}

void sl_term_write(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);
    char buf[8];
    size_t n;
    while (p < end) {
        p += term_char(p, end, buf, &n);
        fwrite(buf, 1, n, out);
    }
}

static void html_char(FILE *out, char c)
{
    switch (c) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&#39;", out); break;
    default: fputc(c, out);
    }
}

void sl_html_write_escaped(FILE *out, const char *s)
{
    for (; s && *s; s++) html_char(out, *s);
}

void sl_html_write_prose(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        const char *close = *s == '`' ? strchr(s + 1, '`') : NULL;
        if (close && close > s + 1) { /* `sightline rm 7`: a command, as code */
            fputs("<code>", out);
            while (++s < close) html_char(out, *s);
            fputs("</code>", out);
        } else if (*s == '`') fputs("&#96;", out); /* a lone one is text, not markup */
        else html_char(out, *s);
    }
}

const char *sl_percent_of(long long part, long long whole, int digits, char buf[32])
{
    if (whole <= 0 || part < 0) {
        snprintf(buf, 32, "n/a");
        return buf;
    }
    int d = digits < 0 ? 0 : digits > 4 ? 4 : digits;
    long long unit = 1; /* 10^d */
    for (int i = 0; i < d; i++) unit *= 10;
    /* the percentage in units of 10^-d, half up, in integers:
    ** (2 * 100 unit * part + whole) / (2 whole); in long double past what
    ** a long long holds (no count comes near) */
    long long q = part <= LLONG_MAX / (400 * unit) - 1
                      ? (200 * unit * part + whole) / (2 * whole)
                      : (long long)floorl(100.0L * (long double)unit * (long double)part / (long double)whole + 0.5L);
    char whole_part[32];
    if (d) snprintf(buf, 32, "%s.%0*lld", sl_thousands(q / unit, whole_part), d, q % unit);
    else snprintf(buf, 32, "%s", sl_thousands(q, whole_part));
    return buf;
}

const char *sl_thousands(long long n, char buf[32])
{
    char digits[24];
    /* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    int len = snprintf(digits, sizeof digits, "%llu", u), o = 0;
    if (n < 0) buf[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

const char *sl_list_next(const char **cursor, size_t *len)
{
    const char *item = *cursor;
    if (!item || !*item)
        return NULL;
    *len = strcspn(item, ",");
    *cursor = item + *len + (item[*len] == ',');
    return item;
}

int sl_list_has(const char *list, const char *word, int nocase)
{
    size_t n = strlen(word), len;
    for (const char *c = list, *item; (item = sl_list_next(&c, &len));)
        if (len == n && n && (nocase ? strncasecmp(item, word, n) : strncmp(item, word, n)) == 0)
            return 1;
    return 0;
}

const char *sl_format_p(double p, double floor_p, char buf[40])
{
    if (!isfinite(p)) {
        snprintf(buf, 40, "n/a");
    } else if (floor_p > 0 && p <= floor_p * (1 + 1e-9)) {
        /* no placebo draw was as extreme: only a bound is known, the
        ** floor rounded up to two digits, trailing zeros dropped */
        double unit = pow(10, floor(log10(floor_p)) - 1), bound = ceil(floor_p / unit * (1 - 1e-12)) * unit;
        int d = (int)-floor(log10(unit) + 1e-12);
        snprintf(buf, 40, "< %.*f", d > 0 ? (d > 12 ? 12 : d) : 0, bound);
        size_t n = strlen(buf);
        while (strchr(buf, '.') && (buf[n - 1] == '0' || buf[n - 1] == '.')) buf[--n] = '\0';
    } else if (p >= 0.1) {
        snprintf(buf, 40, "%.2f", p);
    } else {
        sl_readable(p, buf);
    }
    return buf;
}

const char *sl_readable(double x, char buf[40])
{
    double a = fabs(x);
    if (!isfinite(x)) {
        snprintf(buf, 40, "n/a");
    } else if (x == 0) {
        snprintf(buf, 40, "0");
    } else if (a >= 1000) {
        sl_thousands((long long)llround(x), buf);
    } else if (a >= 10) {
        snprintf(buf, 40, "%.1f", x);
    } else if (a >= 1) {
        snprintf(buf, 40, "%.2f", x);
    } else {
        /* two significant digits: 0.0034, never 0.00; counted on the value
        ** rounded to them, so 0.0009995 reads 0.0010, not 0.00100 */
        char two[32];
        snprintf(two, sizeof two, "%.1e", a);
        int d = (int)ceil(-log10(strtod(two, NULL)) - 1e-9) + 1;
        snprintf(buf, 40, "%.*f", d > 12 ? 12 : d, x);
    }
    return buf;
}
