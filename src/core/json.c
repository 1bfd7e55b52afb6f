/*
** json.c — shared jansson getters (see include/sightline/core/json.h).
*/
#include "sightline/core/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long long sl_json_int(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

double sl_json_num(const json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

double sl_json_num_or_nan(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

const char *sl_json_str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

json_t *sl_json_num_or_null(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

char *sl_json_dump_text(const json_t *j, size_t flags, size_t *len)
{
    char *text = json_dumps(j, flags);
    if (!text) return NULL;
    /* each escaped byte pair or DEL grows by at most 5 bytes */
    size_t n = strlen(text), extra = 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] == 0x7F || (unsigned char)text[i] == 0xC2) extra += 5;
    char *out = malloc(n + extra + 2), *o = out;
    if (!out) {
        free(text);
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == 0x7F) {
            memcpy(o, "\\u007f", 6), o += 6;
        } else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            o += sprintf(o, "\\u%04x", (unsigned)p[1]);
            p++;
        } else {
            *o++ = (char)*p;
        }
    }
    *o++ = '\n';
    *o = '\0';
    free(text);
    if (len) *len = (size_t)(o - out);
    return out;
}
