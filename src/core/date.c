/*
** date.c — parsing loose dates (see include/sightline/core/date.h).
*/
#include "sightline/core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *MONTHS[12] = {"january", "february", "march",     "april",   "may",      "june",
                                 "july",    "august",   "september", "october", "november", "december"};

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && sl_date_is_leap(y)) return 29;
    return d[m - 1];
}

static int set_checked(sl_date *out, int y, int m, int d, sl_precision p)
{
    if (y < 1800 || y > 2200) return 0;
    if (p >= SL_PREC_MONTH && (m < 1 || m > 12)) return 0;
    if (p == SL_PREC_DAY && (d < 1 || d > days_in_month(y, m))) return 0;
    out->year = y;
    out->month = p >= SL_PREC_MONTH ? m : 0;
    out->day = p == SL_PREC_DAY ? d : 0;
    out->precision = p;
    return 1;
}

/* Read exactly the digits at *p (1..maxlen of them); -1 if none. */
static int read_int(const char **p, int maxlen, int *ndigits)
{
    int v = 0, n = 0;
    while (n < maxlen && isdigit((unsigned char)**p)) v = v * 10 + (*(*p)++ - '0'), n++;
    if (ndigits) *ndigits = n;
    return n ? v : -1;
}

/* Index 1..12 of a month name or its 3-letter abbreviation at *p; 0 if none. */
static int read_month_name(const char **p)
{
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(MONTHS[m]);
        size_t n = strncasecmp(*p, MONTHS[m], full) == 0 ? full
                   : strncasecmp(*p, MONTHS[m], 3) == 0 && !isalpha((unsigned char)(*p)[3]) ? 3 : 0;
        if (n) {
            *p += n;
            if (**p == '.') (*p)++;
            return m + 1;
        }
    }
    return 0;
}

/* "July 4, 2020", "July 2020", "4 Jul 2020". */
static int parse_words(const char *p, sl_date *out)
{
    int n, day = 0, month, year;
    if (isdigit((unsigned char)*p)) {
        day = read_int(&p, 2, &n);
        while (*p == ' ') p++;
        if (!(month = read_month_name(&p))) return 0;
    } else {
        if (!(month = read_month_name(&p))) return 0;
        while (*p == ' ') p++;
        const char *q = p;
        int maybe_day = read_int(&q, 2, &n);
        if (maybe_day > 0 && *q == ',') {
            day = maybe_day;
            p = q + 1;
        }
    }
    while (*p == ' ' || *p == ',') p++;
    year = read_int(&p, 4, &n);
    if (n != 4 || *p) return 0;
    return set_checked(out, year, month, day, day ? SL_PREC_DAY : SL_PREC_MONTH);
}

static int parse_auto(const char *s, sl_date *out)
{
    while (isspace((unsigned char)*s)) s++;
    if (isalpha((unsigned char)*s) || (isdigit((unsigned char)*s) && strchr(s, ' ') && !strchr(s, '/') && !strchr(s, '-')))
        return parse_words(s, out);
    const char *p = s;
    int n1, n2, n3;
    int a = read_int(&p, 4, &n1);
    if (a < 0) return 0;
    if (n1 == 4) { /* ISO */
        if (*p == '\0' || isspace((unsigned char)*p)) return set_checked(out, a, 0, 0, SL_PREC_YEAR);
        if (*p++ != '-') return 0;
        int m = read_int(&p, 2, &n2);
        if (m < 0) return 0;
        if (*p == '\0') return set_checked(out, a, m, 0, SL_PREC_MONTH);
        if (*p++ != '-') return 0;
        int d = read_int(&p, 2, &n3);
        if (d < 0) return 0;
        /* allow a trailing time: "2020-07-01T12:00" or "2020-07-01 12:00" */
        if (*p != '\0' && *p != 'T' && !isspace((unsigned char)*p)) return 0;
        return set_checked(out, a, m, d, SL_PREC_DAY);
    }
    if (n1 > 2 || *p++ != '/') return 0;
    const char *after = p;
    int y4 = read_int(&after, 4, &n3);
    if (n3 == 4 && *after == '\0') return set_checked(out, y4, a, 0, SL_PREC_MONTH); /* 04/2019 */
    int d = read_int(&p, 2, &n2);
    if (d < 0 || *p++ != '/') return 0;
    int y = read_int(&p, 4, &n3);
    if (y < 0 || (n3 != 2 && n3 != 4)) return 0;
    if (isdigit((unsigned char)*p)) return 0; /* 1/1/20201 is no date, not 2020-01-01 */
    while (isspace((unsigned char)*p)) p++;
    if (*p != '\0' && !isdigit((unsigned char)*p)) return 0; /* "3/22/18 10:00" ok */
    if (n3 == 2) y += y < 70 ? 2000 : 1900;
    return set_checked(out, y, a, d, SL_PREC_DAY);
}

int sl_date_parse_day(const char *s, sl_date *out)
{
    int v[3] = {0, 0, 0}, part = 0;
    if (!s || strlen(s) != 10) return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return 0;
            part++;
        } else if (isdigit((unsigned char)s[i])) {
            v[part] = v[part] * 10 + (s[i] - '0');
        } else {
            return 0;
        }
    }
    return set_checked(out, v[0], v[1], v[2], SL_PREC_DAY);
}

int sl_date_parse(const char *s, const char *format, sl_date *out)
{
    return sl_date_parse_clock(s, format, out, NULL);
}

int sl_date_parse_clock(const char *s, const char *format, sl_date *out, long *secs)
{
    if (secs) *secs = 0;
    if (!s) return 0;
    if (!format) return parse_auto(s, out);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_mday = 0;
    const char *end = strptime(s, format, &tm);
    if (!end) return 0;
    while (isspace((unsigned char)*end)) end++;
    if (*end) return 0;
    int has_day = strstr(format, "%d") || strstr(format, "%e") || strstr(format, "%F");
    int has_month = has_day || strstr(format, "%m") || strstr(format, "%b") || strstr(format, "%B");
    sl_precision p = has_day ? SL_PREC_DAY : has_month ? SL_PREC_MONTH : SL_PREC_YEAR;
    if (secs) *secs = tm.tm_hour * 3600L + tm.tm_min * 60L + tm.tm_sec; /* 0 when FORMAT has no clock */
    return set_checked(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, p);
}

int sl_date_from_phrase(const char *text, sl_date *out)
{
    for (const char *p = text; p && *p; p++) {
        if (p != text && isalpha((unsigned char)p[-1])) continue;
        for (int m = 0; m < 12; m++) {
            size_t n = strlen(MONTHS[m]);
            if (strncasecmp(p, MONTHS[m], n) != 0) continue;
            const char *q = p + n;
            if (*q == ',') q++;
            if (*q != ' ') continue;
            while (*q == ' ') q++;
            int nd;
            int y = read_int(&q, 4, &nd);
            if (nd == 4 && !isdigit((unsigned char)*q) && set_checked(out, y, m + 1, 0, SL_PREC_MONTH))
                return 1;
        }
    }
    return 0;
}

int sl_date_in_name(const char *name, sl_date *out)
{
    for (const char *p = name; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p != name && isdigit((unsigned char)p[-1]))) continue;
        int y, m, d;
        char tail;
        if (sscanf(p, "%4d-%2d-%2d%c", &y, &m, &d, &tail) >= 3 && strlen(p) >= 10 &&
            p[4] == '-' && p[7] == '-' && !isdigit((unsigned char)p[10]) &&
            set_checked(out, y, m, d, SL_PREC_DAY))
            return 1;
    }
    return 0;
}

void sl_date_today(sl_date *out)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    set_checked(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, SL_PREC_DAY);
}

const char *sl_date_format(const sl_date *d, char buf[11])
{
    char tmp[48];
    switch (d->precision) {
    case SL_PREC_DAY: snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d->year, d->month, d->day); break;
    case SL_PREC_MONTH: snprintf(tmp, sizeof tmp, "%04d-%02d", d->year, d->month); break;
    case SL_PREC_YEAR: snprintf(tmp, sizeof tmp, "%04d", d->year); break;
    default: tmp[0] = '\0';
    }
    snprintf(buf, 11, "%.10s", tmp);
    return buf;
}

const char *sl_precision_name(sl_precision p)
{
    switch (p) {
    case SL_PREC_DAY: return "day";
    case SL_PREC_MONTH: return "month";
    case SL_PREC_YEAR: return "year";
    default: return "unknown";
    }
}

sl_precision sl_precision_from_name(const char *name)
{
    if (!name) return SL_PREC_UNKNOWN;
    if (strcmp(name, "day") == 0) return SL_PREC_DAY;
    if (strcmp(name, "month") == 0) return SL_PREC_MONTH;
    if (strcmp(name, "year") == 0) return SL_PREC_YEAR;
    return SL_PREC_UNKNOWN;
}

long sl_date_first_day(const sl_date *d)
{
    if (d->precision == SL_PREC_UNKNOWN) return 0;
    int m = d->precision >= SL_PREC_MONTH ? d->month : 1;
    int day = d->precision == SL_PREC_DAY ? d->day : 1;
    return d->year * 10000L + m * 100L + day;
}

int sl_date_certainly_after(const sl_date *d, const sl_date *ref)
{
    if (d->precision == SL_PREC_UNKNOWN || ref->precision == SL_PREC_UNKNOWN) return 0;
    return sl_date_first_day(d) > sl_date_last_day(ref);
}

long sl_date_last_day(const sl_date *d)
{
    if (d->precision == SL_PREC_UNKNOWN) return 99991231L;
    int m = d->precision >= SL_PREC_MONTH ? d->month : 12;
    int day = d->precision == SL_PREC_DAY ? d->day : days_in_month(d->year, m);
    return d->year * 10000L + m * 100L + day;
}
