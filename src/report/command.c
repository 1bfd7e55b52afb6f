/*
** command.c — the command line that makes a report again: summary.json's
** "command" and the line under the report's list of files.
**
** A figure quoted from a report must be traceable to how it was made. The
** summary already holds the query, seed and each input's sha256; this adds
** the options as a person would type them, resolved (the --since the audit
** chose when none was given, the default k, edge and seed), so that the same
** store and this line give the same figures. The store and the output
** directory are left as words: a published report must not name the
** author's folders.
*/
#include "report_internal.h"
#include "sightline/core/file.h"
#include "sightline/core/json.h"

#include <stdio.h>
#include <string.h>

typedef struct line {
    char buf[4096];
    size_t len;
} line;

static void put(line *l, const char *s)
{
    size_t n = strlen(s);
    if (l->len + n + 1 > sizeof l->buf) return; /* a line that long is cut, never overrun */
    memcpy(l->buf + l->len, s, n + 1);
    l->len += n;
}

/* " VALUE", quoted for a POSIX shell unless it is plain. */
static void arg(line *l, const char *value)
{
    static const char PLAIN[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._,:/=@%+-";
    put(l, " ");
    if (*value && strspn(value, PLAIN) == strlen(value)) {
        put(l, value);
        return;
    }
    put(l, "'");
    for (const char *p = value; *p; p++) {
        char c[2] = {*p, 0};
        put(l, *p == '\'' ? "'\\''" : c);
    }
    put(l, "'");
}

static void option(line *l, const char *name, const char *value)
{
    put(l, " ");
    put(l, name);
    arg(l, value);
}

static void zone(line *l, const sl_audit_named_zone *z)
{
    char spec[400];
    const sl_zone *g = &z->zone;
    if (g->kind == SL_ZONE_CIRCLE) snprintf(spec, sizeof spec, "%s=circle:%.15g,%.15g,%.15g", z->name, g->lat, g->lon, g->radius_m);
    else if (g->kind == SL_ZONE_BBOX) snprintf(spec, sizeof spec, "%s=bbox:%.15g,%.15g,%.15g,%.15g", z->name, g->w, g->s, g->e, g->n);
    else snprintf(spec, sizeof spec, "%s=polygon:%s", z->name, g->polygon_file ? sl_basename(g->polygon_file) : "");
    option(l, "--zone", spec);
}

void sl_audit_note_command(audit *a)
{
    line l = {.len = 0};
    char v[64];
    l.buf[0] = '\0';
    put(&l, "sightline audit -s STORE -o DIR");
    if (a->o.tech && a->o.tech[0]) option(&l, "--tech", a->o.tech);
    if (a->scope) option(&l, "--state", a->scope);
    const char *since = sl_json_str(json_object_get(json_object_get(a->summary, "partnerships"), "since"), "date");
    if (since && *since) option(&l, "--since", since);
    snprintf(v, sizeof v, "%u", a->o.k), option(&l, "--k", v);
    snprintf(v, sizeof v, "%.15g", a->o.hex_m), option(&l, "--hex", v);
    snprintf(v, sizeof v, "%zu", a->o.map_cells), option(&l, "--map-cells", v);
    snprintf(v, sizeof v, "%lu", a->o.seed), option(&l, "--seed", v);
    /* the draws the intervals and p were made with, resolved as --k is: a
    ** default changed by a later version must not change the figures */
    json_t *drawn = json_object_get(json_array_get(json_object_get(a->summary, "disparity"), 0), "bootstrap");
    if (json_integer_value(drawn) > 0) snprintf(v, sizeof v, "%lld", (long long)json_integer_value(drawn)), option(&l, "--bootstrap", v);
    else if (a->o.bootstrap) snprintf(v, sizeof v, "%u", a->o.bootstrap), option(&l, "--bootstrap", v);
    if (a->o.by_place) put(&l, " --by-place");
    for (size_t i = 0; i < a->o.nfilters; i++) {
        char spec[600];
        snprintf(spec, sizeof spec, "%s=%s", a->o.filters[i].name, a->o.filters[i].pattern);
        option(&l, "--filter", spec);
    }
    for (size_t i = 0; i < a->o.nzones; i++) zone(&l, &a->o.zones[i]);
    if (a->o.exact) put(&l, " --exact");
    sl_jset(a->summary, "command", json_string(l.buf), &a->bad);
}
