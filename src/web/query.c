/*
** query.c — parsing a request's query string (see query.h).
*/
#include "sightline/web/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Length of the UTF-8 sequence at S (N bytes left), or 0 when it is not
** one: overlong forms, surrogates and code points over U+10FFFF included. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80) return 1;
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (!len || s[0] > 0xF4 || len > n) return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (len == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) return 0;
    if (len == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))) return 0;
    return len;
}

/* Text a person could have typed: UTF-8, no C0, DEL or C1 controls. */
static int plain_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n) {
        size_t k = utf8_len(p, n);
        if (!k || p[0] < 0x20 || p[0] == 0x7F || (p[0] == 0xC2 && p[1] < 0xA0)) return 0;
        p += k, n -= k;
    }
    return 1;
}

/* Decode the LEN bytes of S into OUT (room for LEN + 1); 0 on a bad %XX
** or a NUL byte (%00), which would cut the text short. */
static int decode(const char *s, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            *out++ = ' ';
        } else if (s[i] == '%') {
            if (i + 2 >= len) return 0;
            int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0 || hi + lo == 0) return 0;
            *out++ = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '\0') {
            return 0;
        } else {
            *out++ = s[i];
        }
    }
    *out = '\0';
    return 1;
}

/* The printable start of a raw parameter for an error message: at most 40
** bytes, anything but [A-Za-z0-9_.-] shown as '?'. */
static const char *shown(const char *s, size_t len, char buf[48])
{
    size_t n = len < 40 ? len : 40, i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                 c == '.' || c == '-';
        buf[i] = ok ? c : '?';
    }
    strcpy(buf + i, len > n ? "..." : "");
    return buf;
}

sl_status sl_web_query_parse(const char *text, size_t len, sl_web_query *q, sl_error *err)
{
    char b[48];
    memset(q, 0, sizeof *q);
    if (len > SL_WEB_QUERY_MAX_BYTES)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "the query string is over %d bytes", SL_WEB_QUERY_MAX_BYTES);
    /* a piece of N bytes decodes to at most N + 2 (a name and an empty
    ** value, each with its NUL), and pieces are split by one '&' each */
    if (!(q->buf = malloc(2 * len + 2))) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory reading the query");
    char *out = q->buf;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '&') end++;
        if (end > i) { /* "a&&b" and a trailing "&" hold empty pieces: skipped */
            const char *eq = memchr(text + i, '=', end - i);
            size_t nlen = eq ? (size_t)(eq - (text + i)) : end - i;
            if (q->count == SL_WEB_QUERY_MAX)
                return sl_fail(err, SL_EUSAGE, NULL, 0, "more than %d query parameters", SL_WEB_QUERY_MAX);
            sl_web_param *p = &q->items[q->count];
            p->name = out;
            if (!decode(text + i, nlen, out) || !plain_text(out) || !*out)
                return sl_fail(err, SL_EUSAGE, NULL, 0, "query parameter '%s' has no name, a bad %%-escape or "
                               "control characters", shown(text + i, nlen, b));
            out += strlen(out) + 1;
            p->value = out;
            size_t vlen = eq ? end - i - nlen - 1 : 0;
            if (!decode(eq ? eq + 1 : "", vlen, out) || !plain_text(out))
                return sl_fail(err, SL_EUSAGE, NULL, 0, "query parameter '%s': its value has a bad %%-escape or "
                               "control characters", p->name);
            out += strlen(out) + 1;
            for (size_t k = 0; k < q->count; k++)
                if (!strcmp(q->items[k].name, p->name))
                    return sl_fail(err, SL_EUSAGE, NULL, 0, "query parameter '%s' is given twice", p->name);
            q->count++;
        }
        i = end + 1;
    }
    return SL_OK;
}

const char *sl_web_query_get(const sl_web_query *q, const char *name)
{
    for (size_t i = 0; i < q->count; i++)
        if (!strcmp(q->items[i].name, name)) return q->items[i].value[0] ? q->items[i].value : NULL;
    return NULL;
}

sl_status sl_web_query_only(const sl_web_query *q, const char *const *allowed, sl_error *err)
{
    for (size_t i = 0; i < q->count; i++) {
        size_t k = 0;
        while (allowed[k] && strcmp(allowed[k], q->items[i].name)) k++;
        if (allowed[k]) continue;
        char list[256] = "";
        for (k = 0; allowed[k]; k++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", allowed[k]);
        }
        return sl_fail(err, SL_EUSAGE, NULL, 0, "unknown query parameter '%s' (this path takes: %s)",
                       q->items[i].name, k ? list : "none");
    }
    return SL_OK;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const sl_web_param *)a)->name, ((const sl_web_param *)b)->name);
}

/* Append S percent-encoded (all but [A-Za-z0-9_.~-]) at O; returns the end. */
static char *encode(char *o, const char *s)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
            *p == '.' || *p == '~' || *p == '-') {
            *o++ = (char)*p;
        } else {
            *o++ = '%', *o++ = HEX[*p >> 4], *o++ = HEX[*p & 15];
        }
    }
    return o;
}

char *sl_web_query_canonical(const sl_web_query *q)
{
    sl_web_param sorted[SL_WEB_QUERY_MAX];
    size_t n = 0, size = 1;
    for (size_t i = 0; i < q->count; i++)
        if (q->items[i].value[0]) {
            sorted[n++] = q->items[i];
            size += 3 * (strlen(q->items[i].name) + strlen(q->items[i].value)) + 2;
        }
    qsort(sorted, n, sizeof *sorted, by_name);
    char *text = malloc(size), *o = text;
    if (!text) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i) *o++ = '&';
        o = encode(o, sorted[i].name);
        *o++ = '=';
        o = encode(o, sorted[i].value);
    }
    *o = '\0';
    return text;
}

void sl_web_query_free(sl_web_query *q)
{
    free(q->buf);
    q->buf = NULL;
    q->count = 0;
}
