/*
** points.c — the struct-of-arrays point set, read reports and the number and
** time parsers the point readers share (see sightline/core/points.h).
*/
#include "sightline/core/points.h"
#include "sightline/core/date.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void sl_points_init(sl_points *p)
{
    memset(p, 0, sizeof *p);
}

void sl_points_free(sl_points *p)
{
    free(p->lon);
    free(p->lat);
    free(p->time);
    free(p->id);
    free(p->text);
    free(p->attrs);
    free(p->source);
    free(p->str);
    free(p->lon_e7);
    free(p->lat_e7);
    sl_points_init(p);
}

void sl_points_clear(sl_points *p)
{
    p->n = 0;
    if (p->str) p->str_len = 1; /* str[0] stays the empty string */
    p->e7_valid = 0;
}

/* realloc that leaves *ptr alone on failure; 0 on success. */
static int resize(void *ptr, size_t count, size_t size)
{
    void **slot = ptr;
    void *n = realloc(*slot, count * size);
    if (!n) return -1;
    *slot = n;
    return 0;
}

/* Ask for transparent huge pages over an array of BYTES at PTR: a layer of
** millions of points otherwise takes a page fault per 4 KiB written, which
** cost more than parsing the coordinates. */
static void want_huge_pages(void *ptr, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (bytes < 2 * huge) return;
    uintptr_t from = ((uintptr_t)ptr + huge - 1) & ~(huge - 1), to = ((uintptr_t)ptr + bytes) & ~(huge - 1);
    if (to > from) madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)ptr;
    (void)bytes;
#endif
}

sl_status sl_points_reserve(sl_points *p, size_t more, sl_error *err)
{
    if (p->n + more <= p->cap) return SL_OK;
    size_t cap = p->cap ? p->cap : 1024;
    while (cap < p->n + more) cap *= 2;
    /* The optional 1e-7 arrays are sized by their reader: not grown here. */
    free(p->lon_e7);
    free(p->lat_e7);
    p->lon_e7 = p->lat_e7 = NULL;
    p->e7_valid = 0;
    if (!p->cap && !p->id && !p->text && !p->attrs) {
        /* Zeroed, so readers without id or text columns need not write them
        ** (calloc of a fresh mapping touches no page). */
        p->id = calloc(cap, sizeof *p->id);
        p->text = calloc(cap, sizeof *p->text);
        p->attrs = calloc(cap, sizeof *p->attrs);
        if (!p->id || !p->text || !p->attrs) {
            free(p->id);
            free(p->text);
            free(p->attrs);
            p->id = p->text = p->attrs = NULL;
            return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for %zu points", p->n + more);
        }
    }
    if (resize(&p->lon, cap, sizeof *p->lon) || resize(&p->lat, cap, sizeof *p->lat) ||
        resize(&p->time, cap, sizeof *p->time) || resize(&p->id, cap, sizeof *p->id) ||
        resize(&p->text, cap, sizeof *p->text) || resize(&p->attrs, cap, sizeof *p->attrs) ||
        (p->source && resize(&p->source, cap, sizeof *p->source)))
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for %zu points", p->n + more);
    want_huge_pages(p->lon, cap * sizeof *p->lon);
    want_huge_pages(p->lat, cap * sizeof *p->lat);
    want_huge_pages(p->time, cap * sizeof *p->time);
    want_huge_pages(p->id, cap * sizeof *p->id);
    want_huge_pages(p->text, cap * sizeof *p->text);
    want_huge_pages(p->attrs, cap * sizeof *p->attrs);
    p->cap = cap;
    return SL_OK;
}

uint32_t sl_points_intern(sl_points *p, const char *s, size_t len)
{
    if (!s || len == 0) return 0;
    if (!p->str) {
        p->str_cap = 4096;
        p->str = malloc(p->str_cap);
        if (!p->str) return UINT32_MAX;
        p->str[0] = '\0';
        p->str_len = 1;
    }
    if (p->str_len + len + 1 > p->str_cap) {
        size_t cap = p->str_cap;
        while (p->str_len + len + 1 > cap) cap *= 2;
        if (cap > UINT32_MAX || resize(&p->str, cap, 1)) return UINT32_MAX;
        p->str_cap = cap;
    }
    uint32_t off = (uint32_t)p->str_len;
    memcpy(p->str + off, s, len);
    p->str[off + len] = '\0';
    p->str_len += len + 1;
    return off;
}

sl_status sl_points_push(sl_points *p, double lon, double lat, int64_t time, const char *id,
                         const char *text, const char *attrs, sl_error *err)
{
    if (sl_points_reserve(p, 1, err)) return err->status;
    uint32_t o_id = id ? sl_points_intern(p, id, strlen(id)) : 0;
    uint32_t o_text = text ? sl_points_intern(p, text, strlen(text)) : 0;
    uint32_t o_attrs = attrs ? sl_points_intern(p, attrs, strlen(attrs)) : 0;
    if (o_id == UINT32_MAX || o_text == UINT32_MAX || o_attrs == UINT32_MAX)
        return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for point strings");
    size_t i = p->n++;
    p->e7_valid = 0;
    p->lon[i] = lon;
    p->lat[i] = lat;
    p->time[i] = time;
    p->id[i] = o_id;
    p->text[i] = o_text;
    p->attrs[i] = o_attrs;
    return SL_OK;
}

size_t sl_points_keep(sl_points *p, const unsigned char *keep)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (!keep[i]) continue;
        p->lon[n] = p->lon[i], p->lat[n] = p->lat[i], p->time[n] = p->time[i];
        p->id[n] = p->id[i], p->text[n] = p->text[i], p->attrs[n] = p->attrs[i];
        if (p->source) p->source[n] = p->source[i];
        n++;
    }
    size_t dropped = p->n - n;
    p->n = n;
    p->e7_valid = 0;
    return dropped;
}

const char *sl_points_id(const sl_points *p, size_t i) { return p->str ? p->str + p->id[i] : ""; }
const char *sl_points_text(const sl_points *p, size_t i) { return p->str ? p->str + p->text[i] : ""; }
const char *sl_points_attrs(const sl_points *p, size_t i) { return p->str ? p->str + p->attrs[i] : ""; }

/* ---- reports ------------------------------------------------------------ */

const char *sl_skip_reason_name(sl_skip_reason reason)
{
    static const char *names[SL_SKIP_COUNT] = {"missing", "unparsable", "out-of-range",
                                               "short-row", "not-a-point", "zero-zero"};
    return (unsigned)reason < SL_SKIP_COUNT ? names[reason] : "unknown";
}

long sl_point_report_skipped(const sl_point_report *r)
{
    long total = 0;
    for (int i = 0; i < SL_SKIP_COUNT; i++) total += r->skipped[i];
    return total;
}

void sl_point_report_skip(sl_point_report *r, sl_skip_reason reason, long line)
{
    if (r->skipped[reason]++ == 0) r->first_line[reason] = line;
}

void sl_point_report_bad_time(sl_point_report *r, const char *text, size_t len, long line)
{
    if (r->bad_time++ && line >= r->bad_time_line) return;
    r->bad_time_line = line;
    size_t n = len < sizeof r->bad_time_value ? len : sizeof r->bad_time_value - 1;
    memcpy(r->bad_time_value, text, n);
    r->bad_time_value[n] = '\0';
}

void sl_point_report_unparsable(sl_point_report *r, const char *lat, size_t lat_len, const char *lon, size_t lon_len,
                                long line)
{
    int first = !r->skipped[SL_SKIP_UNPARSABLE] || line < r->first_line[SL_SKIP_UNPARSABLE];
    sl_point_report_skip(r, SL_SKIP_UNPARSABLE, line);
    if (!first) return;
    r->first_line[SL_SKIP_UNPARSABLE] = line;
    snprintf(r->unparsable_lat, sizeof r->unparsable_lat, "%.*s", (int)(lat_len < 40 ? lat_len : 40), lat);
    snprintf(r->unparsable_lon, sizeof r->unparsable_lon, "%.*s", (int)(lon_len < 40 ? lon_len : 40), lon);
}

void sl_point_report_merge(sl_point_report *a, const sl_point_report *b)
{
    a->rows += b->rows;
    a->imported += b->imported;
    for (int i = 0; i < 3; i++) a->named_seen[i] += b->named_seen[i];
    for (int i = 0; i < SL_SKIP_COUNT; i++) {
        if (b->skipped[i] && (!a->skipped[i] || b->first_line[i] < a->first_line[i])) {
            a->first_line[i] = b->first_line[i];
            if (i == SL_SKIP_UNPARSABLE) {
                memcpy(a->unparsable_lat, b->unparsable_lat, sizeof a->unparsable_lat);
                memcpy(a->unparsable_lon, b->unparsable_lon, sizeof a->unparsable_lon);
            }
        }
        a->skipped[i] += b->skipped[i];
    }
    if (b->bad_time && (!a->bad_time || b->bad_time_line < a->bad_time_line)) {
        a->bad_time_line = b->bad_time_line;
        memcpy(a->bad_time_value, b->bad_time_value, sizeof a->bad_time_value);
    }
    a->bad_time += b->bad_time;
    a->timed += b->timed;
    a->latin1_fields += b->latin1_fields;
    a->swapped_like += b->swapped_like;
}

void sl_point_report_finish(sl_point_report *r)
{
    long with_numbers = r->imported + r->skipped[SL_SKIP_OUT_OF_RANGE];
    r->looks_swapped = with_numbers > 0 && r->swapped_like * 2 > with_numbers;
}

int sl_point_check(double lat, double lon)
{
    if (!isfinite(lat) || !isfinite(lon)) return SL_SKIP_UNPARSABLE;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return SL_SKIP_OUT_OF_RANGE;
    /* what a geocoder or a spreadsheet writes for "no location": counted in
    ** the Gulf of Guinea it would sit in no area, yet in every total */
    if (lat == 0 && lon == 0) return SL_SKIP_ZERO_ZERO;
    return -1;
}

/* ---- numbers ------------------------------------------------------------ */

static const double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* MANT / 10^FRAC correctly rounded (to nearest, ties to even) when MANT is
** past 2^53 (16 to 19 digits: how Python, JavaScript and GeoPandas write a
** double, shortest round trip) and so not an exact double: the quotient
** taken in integers to 56 or 57 bits, its remainder as the sticky bit, then
** rounded to 53 bits by hand. 1 when done; 0 leaves it to strtod (values
** above about 2^56: no coordinate). strtod's exact path for these was half
** of importing 10M such posts. */
static int parse_wide(uint64_t mant, size_t frac, double *out)
{
    static const uint64_t TEN[20] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
                                     100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
                                     1000000000000ull, 10000000000000ull, 100000000000000ull,
                                     1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
                                     1000000000000000000ull, 10000000000000000000ull};
    if (frac == 0 || frac > 19) return 0;
    uint64_t d = TEN[frac];
    int lw = 64 - __builtin_clzll(mant), ld = 64 - __builtin_clzll(d);
    int shift = 56 - lw + ld; /* the quotient then has 56 or 57 bits */
    if (shift < 0 || shift > 64) return 0;
    unsigned __int128 num = (unsigned __int128)mant << shift;
    uint64_t q = (uint64_t)(num / d), r = (uint64_t)(num - (unsigned __int128)q * d);
    int extra = (64 - __builtin_clzll(q)) - 53;
    uint64_t m = q >> extra, rest = q & ((UINT64_C(1) << extra) - 1), half = UINT64_C(1) << (extra - 1);
    if (rest > half || (rest == half && (r != 0 || (m & 1)))) m++;
    *out = ldexp((double)m, extra - shift); /* m <= 2^53: exact */
    return 1;
}

static int parse_slow(const char *s, size_t len, double *out)
{
    char buf[128];
    if (len >= sizeof buf) return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (end == buf || *end != '\0' || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

int sl_parse_decimal(const char *s, size_t len, double *out)
{
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    const char *p = s, *end = s + len;
    int neg = 0;
    if (p < end && (*p == '-' || *p == '+')) neg = *p++ == '-';
    uint64_t mant = 0;
    const char *digits = p;
    unsigned d;
    while (p < end && (d = (unsigned)(*p - '0')) < 10) mant = mant * 10 + d, p++;
    size_t ndigits = (size_t)(p - digits), frac = 0;
    if (p < end && *p == '.') {
        const char *f = ++p;
        while (p < end && (d = (unsigned)(*p - '0')) < 10) mant = mant * 10 + d, p++;
        frac = (size_t)(p - f);
        ndigits += frac;
    }
    if (p != end) return len ? parse_slow(s, len, out) : 0; /* exponent, hex, inf, junk */
    if (ndigits == 0) return 0;
    /* 19 digits cannot overflow; past that, or past 22 fraction digits,
    ** strtod does it; past 2^53 the mantissa is not an exact double, so one
    ** division would round twice: parse_wide rounds once. */
    if (ndigits > 19 || frac > 22) return parse_slow(s, len, out);
    if (mant > (UINT64_C(1) << 53)) {
        double v;
        if (!parse_wide(mant, frac, &v)) return parse_slow(s, len, out);
        *out = neg ? -v : v;
        return 1;
    }
    /* Both operands are exact doubles, so one IEEE division rounds correctly. */
    double v = (double)mant / POW10[frac];
    *out = neg ? -v : v;
    return 1;
}

/* A run of 1-3 digits then ",ddd" groups, an optional ".digits", and
** nothing else: "2,773", "1,234,567.5". */
static int grouped_shape(const char *p, const char *end)
{
    const char *d = p;
    while (p < end && *p >= '0' && *p <= '9') p++;
    if (p - d < 1 || p - d > 3) return 0;
    while (p < end && *p == ',') {
        if (end - p < 4) return 0;
        for (int i = 1; i <= 3; i++)
            if (p[i] < '0' || p[i] > '9') return 0;
        p += 4;
    }
    if (p < end && *p == '.')
        for (p++; p < end && *p >= '0' && *p <= '9'; p++) {}
    return p == end;
}

int sl_parse_grouped(const char *s, size_t len, double *out)
{
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (!memchr(s, ',', len)) return sl_parse_decimal(s, len, out);
    size_t sign = len && (*s == '-' || *s == '+');
    char flat[64];
    if (len >= sizeof flat || !grouped_shape(s + sign, s + len)) return 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ',') flat[n++] = s[i];
    return sl_parse_decimal(flat, n, out);
}

/* ---- times -------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

/* Read exactly N digits at *p (advancing); -1 when they are not there. */
static int take_digits(const char **p, const char *end, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (*p >= end || !isdigit((unsigned char)**p)) return -1;
        v = v * 10 + (**p - '0');
    }
    return v;
}

static int parse_unix(const char *p, const char *end, int64_t *out)
{
    int neg = 0;
    if (p < end && (*p == '-' || *p == '+')) neg = *p++ == '-';
    if (p == end) return 0;
    int64_t v = 0;
    int n = 0;
    for (; p < end && isdigit((unsigned char)*p); p++, n++) {
        if (n >= 15) return 0;
        v = v * 10 + (*p - '0');
    }
    if (n == 0) return 0;
    if (p < end && *p == '.') /* fraction of a second: dropped */
        for (p++; p < end && isdigit((unsigned char)*p); p++) {}
    if (p != end) return 0;
    *out = neg ? -v : v;
    return 1;
}

/* HH:MM[:SS[.fff]] after the date; returns seconds or -1. */
static int64_t parse_clock(const char **pp, const char *end)
{
    const char *p = *pp;
    int hh = take_digits(&p, end, 2);
    if (hh < 0 || p >= end || *p++ != ':') return -1;
    int mm = take_digits(&p, end, 2), ss = 0;
    if (mm < 0) return -1;
    if (p < end && *p == ':') {
        p++;
        if ((ss = take_digits(&p, end, 2)) < 0) return -1;
        if (p < end && (*p == '.' || *p == ',')) /* fraction dropped */
            for (p++; p < end && isdigit((unsigned char)*p); p++) {}
    }
    if (hh > 24 || mm > 59 || ss > 60) return -1;
    *pp = p;
    return hh * 3600 + mm * 60 + ss;
}

/* Z, +HH, +HHMM or +HH:MM; returns the offset in seconds east of UTC. */
static int parse_zone(const char *p, const char *end, int64_t *offset)
{
    *offset = 0;
    if (p == end) return 1;
    if (*p == 'Z' || *p == 'z') return p + 1 == end;
    if (*p != '+' && *p != '-') return 0;
    int sign = *p++ == '-' ? -1 : 1;
    int hh = take_digits(&p, end, 2), mm = 0;
    if (hh < 0) return 0;
    if (p < end && *p == ':') p++;
    if (p < end && (mm = take_digits(&p, end, 2)) < 0) return 0;
    if (mm > 59 || hh * 60 + mm > 14 * 60) return 0; /* real offsets run -12:00..+14:00 */
    *offset = sign * (hh * 3600 + mm * 60);
    return p == end;
}

/* The common export form "YYYY-MM-DDTHH:MM:SS" with an optional Z (or a
** space for the T), read at fixed positions; -1 when S is not that form
** (the general parser decides), 0 when it is but names no real time. */
static int parse_iso_fixed(const char *s, size_t len, int64_t *out)
{
    if ((len != 19 && len != 20) || (len == 20 && s[19] != 'Z' && s[19] != 'z')) return -1;
    if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
        s[16] != ':')
        return -1;
    static const unsigned char at[14] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    unsigned d[14];
    for (int i = 0; i < 14; i++)
        if ((d[i] = (unsigned)(s[at[i]] - '0')) > 9) return -1;
    int y = (int)(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
    unsigned m = d[4] * 10 + d[5], day = d[6] * 10 + d[7];
    unsigned hh = d[8] * 10 + d[9], mm = d[10] * 10 + d[11], ss = d[12] * 10 + d[13];
    static const unsigned mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || day < 1 || day > mdays[m - 1]) return 0;
    if (m == 2 && day == 29 && !sl_date_is_leap(y)) return 0;
    if (hh > 24 || mm > 59 || ss > 60) return 0;
    *out = days_from_civil(y, m, day) * 86400 + (int64_t)(hh * 3600 + mm * 60 + ss);
    return 1;
}

int sl_parse_time(const char *s, size_t len, int64_t *out)
{
    int fixed = parse_iso_fixed(s, len, out);
    if (fixed >= 0) return fixed;
    while (len && isspace((unsigned char)*s)) s++, len--;
    while (len && isspace((unsigned char)s[len - 1])) len--;
    const char *p = s, *end = s + len;
    if (len == 0) return 0;
    if (len < 10 || s[4] != '-') return parse_unix(p, end, out);
    int y = take_digits(&p, end, 4);
    if (y < 0 || *p++ != '-') return 0;
    int m = take_digits(&p, end, 2);
    if (m < 1 || m > 12 || p >= end || *p++ != '-') return 0;
    int d = take_digits(&p, end, 2);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d < 1 || d > mdays[m - 1]) return 0;
    if (m == 2 && d == 29 && !sl_date_is_leap(y)) return 0;
    int64_t secs = 0, offset = 0;
    if (p < end && (*p == 'T' || *p == 't' || *p == ' ')) {
        p++;
        if ((secs = parse_clock(&p, end)) < 0) return 0;
    }
    if (!parse_zone(p, end, &offset)) return 0;
    *out = days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 + secs - offset;
    return 1;
}

int sl_parse_time_as(const char *s, size_t len, const char *format, int64_t *out)
{
    if (!format) return sl_parse_time(s, len, out);
    /* the one reading of a date format, the requests' and partnerships'
    ** (sl_date_parse); a moment needs its day */
    char buf[128];
    if (len >= sizeof buf) return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    sl_date d;
    long secs;
    if (!sl_date_parse_clock(buf, format, &d, &secs) || d.precision != SL_PREC_DAY) return 0;
    *out = days_from_civil(d.year, (unsigned)d.month, (unsigned)d.day) * 86400 + secs;
    return 1;
}
