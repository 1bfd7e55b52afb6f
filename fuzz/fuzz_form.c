/*
** fuzz_form.c — libFuzzer target for the form-body parser a pledge goes
** through (core/form.c) and the address check every email field gets
** (core/email.c). Parsed twice, with the default limits and tiny ones, so
** every limit is reached; any field handed on must be what the parser
** promises: a name of [A-Za-z0-9_.-[]], a value of UTF-8 without NUL or
** controls other than TAB/CR/LF, within the limits.
*/
#include "sightline/core/email.h"
#include "sightline/core/form.h"
#include "sightline/core/text.h"

#include <stdint.h>
#include <string.h>

static void check_form(const sl_form *f, const sl_form_limits *lim)
{
    if (f->count > lim->max_fields) __builtin_trap();
    for (size_t i = 0; i < f->count; i++) {
        const char *n = f->fields[i].name, *v = f->fields[i].value;
        size_t nl = strlen(n), vl = strlen(v);
        if (!nl || nl > lim->max_name || vl > lim->max_value) __builtin_trap();
        if (strspn(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-[]") != nl) __builtin_trap();
        if (!sl_utf8_valid(v, vl)) __builtin_trap();
        for (const unsigned char *p = (const unsigned char *)v; *p; p++)
            if ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') || *p == 0x7f) __builtin_trap();
        char out[SL_EMAIL_MAX + 1];
        const char *why;
        if (sl_email_normalize(v, out, sizeof out, &why) == 0) {
            size_t ol = strlen(out);
            const char *at = strchr(out, '@');
            if (ol > SL_EMAIL_MAX || !at || strchr(at + 1, '@') || (size_t)(at - out) > SL_EMAIL_LOCAL_MAX) __builtin_trap();
            if (strpbrk(out, " \t\r\n<>\"")) __builtin_trap();
            for (const char *d = at + 1; *d; d++)
                if ((unsigned char)*d >= 0x80 || (*d >= 'A' && *d <= 'Z')) __builtin_trap(); /* ASCII, lower case */
        } else if (!why) {
            __builtin_trap();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_form_limits lims[2] = {SL_FORM_LIMITS_DEFAULT, {256, 4, 8, 32}};
    for (int k = 0; k < 2; k++) {
        sl_form f;
        sl_error err;
        if (sl_form_parse("fuzz", (const char *)data, size, &lims[k], &f, &err) == SL_OK) check_form(&f, &lims[k]);
        else if (f.count > lims[k].max_fields + 1) __builtin_trap();
        sl_form_free(&f);
    }
    return 0;
}
