/*
** fuzz_query.c — libFuzzer target for the server's query-string parser
** (web/query.h) and the parameter rules behind it (analysis/params.h):
** any bytes a client can put after "?" must parse or be refused, never
** crash, and a parsed query must survive its canonical spelling (the cache
** key and ETag): parsing that again gives the same parameters.
*/
#include "sightline/analysis/params.h"
#include "sightline/web/query.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const ALLOWED[] = {"tech", "state", "type", "since", "until", "by", "circle", "radius", "seed",
                                      NULL};

/* Every value through the rules the API applies to its parameters. */
static void check_values(const sl_web_query *q)
{
    sl_error err;
    for (size_t i = 0; i < q->count; i++) {
        const char *v = q->items[i].value;
        sl_zone z;
        double d;
        sl_error_clear(&err);
        if (sl_zone_parse_circle(v, "circle", &z, &err) == SL_OK && !(z.radius_m > 0)) __builtin_trap();
        sl_error_clear(&err);
        (void)sl_zone_parse_bbox(v, "bbox", &z, &err);
        sl_error_clear(&err);
        if (sl_param_metres(v, "radius", &d, &err) == SL_OK && !(d > 0)) __builtin_trap();
        sl_error_clear(&err);
        if (sl_param_whole(v, "seed", 1, 1e9, &d, &err) == SL_OK && !(d >= 1 && d <= 1e9)) __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_web_query q, again;
    sl_error err;
    sl_error_clear(&err);
    if (sl_web_query_parse((const char *)data, size, &q, &err) == SL_OK) {
        for (size_t i = 0; i < q.count; i++) {
            if (!q.items[i].name[0]) __builtin_trap(); /* a parameter always has a name */
            if (sl_web_query_get(&q, q.items[i].name) != (q.items[i].value[0] ? q.items[i].value : NULL))
                __builtin_trap();
        }
        sl_error_clear(&err);
        (void)sl_web_query_only(&q, ALLOWED, &err);
        check_values(&q);
        char *canon = sl_web_query_canonical(&q);
        if (canon) {
            sl_error_clear(&err);
            if (sl_web_query_parse(canon, strlen(canon), &again, &err) != SL_OK) __builtin_trap();
            char *twice = sl_web_query_canonical(&again);
            if (twice && strcmp(canon, twice)) __builtin_trap(); /* one spelling, one key */
            free(twice);
            sl_web_query_free(&again);
            free(canon);
        }
    } else if (err.status != SL_EUSAGE && err.status != SL_ENOMEM) {
        __builtin_trap();
    }
    sl_web_query_free(&q);
    return 0;
}
