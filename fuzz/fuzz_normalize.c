/*
** fuzz_normalize.c — libFuzzer target for agency-name normalization and the
** linker: names, counties and the name/state/city/county match against a
** small fixed registry. Input is tab-separated "NAME\tSTATE\tCITY\tCOUNTY".
** Output buffers of several sizes check that truncation is always safe.
*/
#include "sightline/ingest/link.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const sl_agency REGISTRY[] = {
    {.id = 1, .ori = "VA0850000", .name = "Shenandoah County Sheriff's Office", .type = "County",
     .county = "SHENANDOAH", .state = "VA"},
    {.id = 2, .ori = "VA0850100", .name = "Woodstock Police Department", .type = "City",
     .county = "SHENANDOAH", .state = "VA"},
    {.id = 3, .ori = "NJ0181800", .name = "Raritan Township Police Department", .type = "City",
     .county = "HUNTERDON", .state = "NJ"},
    {.id = 4, .ori = "NJ0181700", .name = "Raritan Police Department", .type = "City",
     .county = "SOMERSET", .state = "NJ"},
    {.id = 5, .ori = "FL0130000", .name = "Miami-Dade Police Department", .type = "County",
     .county = "MIAMI-DADE", .state = "FL"},
    {.id = 6, .ori = "MO0950000", .name = "St. Louis County Police Department", .type = "County",
     .county = "ST LOUIS", .state = "MO"},
};

static char *next_field(char **p)
{
    char *s = *p;
    if (!s) return NULL;
    char *tab = strchr(s, '\t');
    if (tab) *tab = '\0';
    *p = tab ? tab + 1 : NULL;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sl_linker *linker; /* built once: read-only afterwards */
    if (!linker) {
        sl_error err;
        if (sl_linker_new(REGISTRY, sizeof REGISTRY / sizeof *REGISTRY, &linker, &err))
            __builtin_trap();
    }
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    /* One output size per input, picked by its length: all five sizes on
    ** every input made each run five times as long for no new paths (the
    ** fuzzer varies lengths anyway). */
    static const size_t sizes[] = {1, 2, 7, 64, 512};
    size_t out_size = sizes[size % (sizeof sizes / sizeof *sizes)];
    char out[512];
    memset(out, 'x', sizeof out);
    sl_normalize_agency_name(text, out, out_size);
    if (!memchr(out, '\0', out_size)) __builtin_trap();
    sl_normalize_county(text, out, out_size);
    if (!memchr(out, '\0', out_size)) __builtin_trap();
    char *p = text;
    const char *name = next_field(&p), *state = next_field(&p), *city = next_field(&p),
               *county = next_field(&p);
    sl_link_result r;
    if (sl_linker_match(linker, name, state ? state : "VA", city, county, &r)) {
        if (r.index >= sizeof REGISTRY / sizeof *REGISTRY) __builtin_trap();
        if (!(r.score >= 0 && r.score <= 1)) __builtin_trap();
    }
    free(text);
    return 0;
}
