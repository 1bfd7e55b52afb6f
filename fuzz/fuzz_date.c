/*
** fuzz_date.c — libFuzzer target for every date and time parser: the
** default date forms, strptime formats taken from the input (users type
** --date-format), summary phrases, dates in file names, ISO 8601 / unix
** times and decimals (each decimal accepted is checked against strtod).
** Input is "TEXT\nFORMAT".
*/
#include "sightline/core/date.h"
#include "sightline/core/points.h"
#include "sightline/io/points_io.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(const sl_date *d)
{
    char buf[11];
    (void)sl_date_format(d, buf);
    if (strlen(buf) > 10) __builtin_trap();
    if (d->precision == SL_PREC_DAY && sl_date_first_day(d) != sl_date_last_day(d)) __builtin_trap();
    if (d->precision != SL_PREC_UNKNOWN && sl_date_first_day(d) > sl_date_last_day(d)) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *format = strchr(text, '\n');
    if (format) *format++ = '\0';
    sl_date d;
    if (sl_date_parse(text, NULL, &d)) check(&d);
    if (format && sl_date_parse(text, format, &d)) check(&d);
    if (sl_date_from_phrase(text, &d)) check(&d);
    if (sl_date_in_name(text, &d)) check(&d);
    int64_t t;
    (void)sl_parse_time((const char *)data, size, &t);
    double v;
    /* Whatever the decimal parser accepts, strtod reads to the same bits
    ** (its fast paths, the wide one included, must be exact). */
    if (sl_parse_decimal((const char *)data, size, &v) && !memchr(data, '\0', size)) {
        char *copy = malloc(size + 1);
        if (copy) {
            memcpy(copy, data, size), copy[size] = '\0';
            double ref = strtod(copy, NULL);
            if (memcmp(&ref, &v, sizeof v) != 0) __builtin_trap();
            free(copy);
        }
    }
    free(text);
    return 0;
}
