/*
** form.c — application/x-www-form-urlencoded bodies (see
** include/sightline/core/form.h).
*/
#include "sightline/core/form.h"
#include "sightline/core/text.h"

#include <stdlib.h>
#include <string.h>

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decode S[0..n) into a malloc'ed string of *outlen bytes; NULL with *why
** set on a bad escape or NUL byte (or "out of memory"). */
static char *decode(const char *s, size_t n, size_t *outlen, const char **why)
{
    char *out = malloc(n + 1), *q = out;
    if (!out) {
        *why = "out of memory";
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '+') c = ' ';
        else if (c == '%') {
            int hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                free(out);
                *why = "a '%' not followed by two hex digits";
                return NULL;
            }
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0') {
            free(out);
            *why = "a NUL byte";
            return NULL;
        }
        *q++ = (char)c;
    }
    *q = '\0';
    *outlen = (size_t)(q - out);
    return out;
}

static int name_ok(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-' || *s == '.' || *s == '[' || *s == ']'))
            return 0;
    return 1;
}

/* Controls other than TAB, LF, CR; DEL. (C1 controls are two bytes in
** UTF-8 and left to the output escaping, like any other text.) */
static int has_control(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return 1;
    }
    return 0;
}

/* Add the pair PIECE[0..n) to F; the reason it was refused in *why, and
** in *field the field's name once that name proved printable. */
static int add_pair(sl_form *f, const sl_form_limits *lim, const char *piece, size_t n, size_t *cap,
                    const char **why, const char **field)
{
    const char *eq = memchr(piece, '=', n);
    size_t nlen = eq ? (size_t)(eq - piece) : n, vlen_enc = eq ? n - nlen - 1 : 0, dn, dv;
    if (f->count == lim->max_fields) return *why = "too many fields", -1;
    if (f->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        sl_form_field *nf = realloc(f->fields, ncap * sizeof *nf);
        if (!nf) return *why = "out of memory", -1;
        f->fields = nf;
        *cap = ncap;
    }
    char *name = decode(piece, nlen, &dn, why);
    if (!name) return -1;
    sl_form_field *fld = &f->fields[f->count];
    fld->name = name;
    fld->value = NULL;
    f->count++; /* owned by F from here, freed by sl_form_free */
    if (dn > lim->max_name) return *why = "a field name too long", -1;
    if (!name_ok(name)) return *why = "a field name with characters other than letters, digits, _ . - [ ]", -1;
    *field = name;
    fld->value = decode(eq ? eq + 1 : "", vlen_enc, &dv, why);
    if (!fld->value) return -1;
    if (dv > lim->max_value) return *why = "a field value too long", -1;
    if (!sl_utf8_valid(fld->value, dv)) return *why = "a field value that is not UTF-8", -1;
    if (has_control(fld->value)) return *why = "a control character in a field value", -1;
    return 0;
}

sl_status sl_form_parse(const char *name, const char *body, size_t len, const sl_form_limits *lim,
                        sl_form *out, sl_error *err)
{
    sl_form_limits dflt = SL_FORM_LIMITS_DEFAULT;
    if (!lim) lim = &dflt;
    memset(out, 0, sizeof *out);
    if (!name) name = "form";
    if (len > lim->max_body)
        return sl_fail(err, SL_EDATA, name, 0, "form body of %zu bytes; the limit is %zu", len, lim->max_body);
    size_t cap = 0, i = 0;
    const char *why = NULL, *field = NULL;
    while (i < len) {
        const char *amp = memchr(body + i, '&', len - i);
        size_t n = amp ? (size_t)(amp - (body + i)) : len - i;
        field = NULL;
        if (n > 0 && add_pair(out, lim, body + i, n, &cap, &why, &field)) {
            if (strcmp(why, "out of memory") == 0) return sl_fail(err, SL_ENOMEM, name, 0, "out of memory");
            if (field) return sl_fail(err, SL_EDATA, name, 0, "form field '%s': %s", field, why);
            if (strcmp(why, "too many fields") == 0)
                return sl_fail(err, SL_EDATA, name, 0, "form body: more than %zu fields", lim->max_fields);
            return sl_fail(err, SL_EDATA, name, 0, "form body: %s", why);
        }
        i += n + 1;
    }
    return SL_OK;
}

int sl_form_get(const sl_form *f, const char *name, const char **value)
{
    int seen = 0;
    *value = NULL;
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->fields[i].name, name) == 0) {
            if (seen++) return -1;
            *value = f->fields[i].value;
        }
    return seen;
}

size_t sl_form_each(const sl_form *f, const char *name, void (*fn)(const char *value, void *ctx), void *ctx)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->fields[i].name, name) == 0) {
            if (fn) fn(f->fields[i].value, ctx);
            n++;
        }
    return n;
}

void sl_form_free(sl_form *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->fields[i].name);
        free(f->fields[i].value);
    }
    free(f->fields);
    memset(f, 0, sizeof *f);
}
