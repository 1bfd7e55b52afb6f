/*
** kv.c — `key = value` files (see include/sightline/core/kv.h).
*/
#include "sightline/core/kv.h"
#include "sightline/core/text.h"

#include <stdlib.h>
#include <string.h>

static int space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

sl_status sl_kv_parse(const char *name, const char *data, size_t len, sl_kv_fn fn, void *ctx, sl_error *err)
{
    if (memchr(data, '\0', len)) return sl_fail(err, SL_EDATA, name, 0, "a NUL byte: not a text file");
    if (!sl_utf8_valid(data, len)) return sl_fail(err, SL_EDATA, name, 0, "not UTF-8 text");
    size_t i = 0;
    long line = 0;
    while (i < len) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
        line++;
        char *buf = malloc(n + 1);
        if (!buf) return sl_fail(err, SL_ENOMEM, name, line, "out of memory");
        memcpy(buf, data + i, n);
        buf[n] = '\0';
        i += n + 1;
        char *p = buf;
        while (space(*p)) p++;
        sl_status rc = SL_OK;
        if (*p && *p != '#') {
            char *eq = strchr(p, '=');
            char *k_end = eq ? eq : p;
            while (k_end > p && space(k_end[-1])) k_end--;
            if (!eq || k_end == p) {
                rc = sl_fail(err, SL_EDATA, name, line, "expected 'key = value'");
            } else {
                *k_end = '\0';
                char *v = eq + 1, *v_end = v + strlen(v);
                while (space(*v)) v++;
                while (v_end > v && space(v_end[-1])) v_end--;
                *v_end = '\0';
                rc = fn(p, v, line, ctx, err);
            }
        }
        free(buf);
        if (rc) return rc;
    }
    return SL_OK;
}
