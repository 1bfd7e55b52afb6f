/*
** headlines.c — the sentences at the top of the report, written from the
** figures so that each carries its denominator and date, the way a story
** would print it ("N agencies partnered since DATE: X% of Y ...").
** Each headline also lists the figures it quotes, for summary.json.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void add(audit *a, json_t *figures, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void add(audit *a, json_t *figures, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    json_array_append_new(json_object_get(a->summary, "headlines"),
                          json_pack("{s:s, s:o}", "text", text, "figures", figures));
}

static long long ival(json_t *o, const char *key) { return (long long)json_integer_value(json_object_get(o, key)); }
static double dval(json_t *o, const char *key) { return json_number_value(json_object_get(o, key)); }
static const char *sval(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static json_t *share_row(json_t *tracker, const char *denominator)
{
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(tracker, "share"), i, row)
        if (strcmp(sval(row, "denominator"), denominator) == 0) return row;
    return NULL;
}

static void partnership_headlines(audit *a)
{
    json_t *t = json_object_get(a->summary, "partnerships");
    if (!t) return;
    json_t *since = json_object_get(t, "since"), *share = share_row(t, "city and county agencies");
    const char *tech = a->o.tech ? a->o.tech : "any technology";
    if (since && share)
        add(a, json_pack("{s:O, s:O, s:O, s:s}", "since", since, "share", share, "snapshot", json_object_get(t, "snapshot"),
                         "technology", tech),
            "%lld partnerships (%s) started since %s (%lld more possibly, dated only to the month or year); "
            "as of %s, %lld of %lld city and county agencies in the registry (%.1f%%) had one.",
            ival(since, "count"), tech, sval(since, "date"), ival(since, "uncertain"), sval(t, "snapshot"),
            ival(share, "partnered"), ival(share, "agencies"), 100 * dval(share, "share"));
    json_t *d = json_object_get(a->summary, "diff"), *c = json_object_get(d, "counts");
    if (d)
        add(a, json_pack("{s:O, s:O, s:O}", "from", json_object_get(d, "from"), "to", json_object_get(d, "to"), "counts", c),
            "Between the snapshots of %s and %s, %lld partnerships were added, %lld ended and %lld changed.",
            sval(d, "from"), sval(d, "to"), ival(c, "new"), ival(c, "ended"), ival(c, "changed"));
}

static void camera_headlines(audit *a)
{
    json_t *c = json_object_get(a->summary, "cameras"), *d = json_object_get(a->summary, "density");
    if (c)
        add(a, json_incref(c), "%lld posts come from %lld unique camera locations (posts from %.10s to %.10s).",
            ival(c, "posts"), ival(c, "cameras"), sval(c, "first"), sval(c, "last"));
    if (d)
        add(a, json_incref(d),
            "The map shows %lld cameras (%s) in %lld hexagons of %.2f km2; %lld cells with fewer than %lld "
            "distinct camera locations (%lld cameras) are suppressed to protect residents.",
            ival(d, "cameras") - ival(d, "suppressed_cameras"), sval(d, "cameras_from"), ival(d, "cells_shown"),
            dval(d, "cell_km2"), ival(d, "suppressed_cells"), ival(d, "k"), ival(d, "suppressed_cameras"));
}

static void site_headlines(audit *a)
{
    json_t *near = json_array_get(json_object_get(a->summary, "sites"), 0), *row;
    size_t i;
    json_array_foreach(json_object_get(near, "categories"), i, row) {
        json_t *median = json_object_get(row, "median_nearest_m");
        char med[64] = "no camera at all";
        if (json_is_number(median) && a->o.exact)
            snprintf(med, sizeof med, "the median distance to the nearest camera is %.0f m", json_number_value(median));
        else if (json_is_number(median)) /* binned (privacy.h) */
            snprintf(med, sizeof med, "the median distance to the nearest camera is %.0f-%.0f m",
                     json_number_value(median), json_number_value(median) + SL_PRIVACY_DISTANCE_BIN_M);
        add(a, json_pack("{s:O, s:O}", "radius_m", json_object_get(near, "radius_m"), "category", row),
            "%lld of %lld sensitive sites of category \"%s\" have at least one camera within %.0f m; %s.",
            ival(row, "sites_with_camera"), ival(row, "sites"), sval(row, "category"), dval(near, "radius_m"), med);
    }
}

static void filter_headlines(audit *a)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(a->summary, "filters"), i, f)
        add(a, json_incref(f), "%lld of %lld posts (%.1f%%) match the \"%s\" text filter.", ival(f, "posts"),
            ival(f, "of_posts"), 100 * dval(f, "share"), sval(f, "name"));
}

/* The group whose event share differs most from its baseline. */
static json_t *widest_gap(json_t *r)
{
    size_t i;
    json_t *g, *best = NULL;
    double gap = -1;
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        double d = fabs(dval(g, "difference"));
        if (json_is_number(json_object_get(g, "difference")) && d > gap) gap = d, best = g;
    }
    return best;
}

static void disparity_headlines(audit *a)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(a->summary, "disparity"), i, r) {
        json_t *g = widest_gap(r);
        if (!g) continue;
        add(a, json_pack("{s:O, s:O, s:O, s:O}", "set", json_object_get(r, "set"), "events", json_object_get(r, "events_kind"),
                         "group", g, "seed", json_object_get(r, "seed")),
            "Across %s, the average %s sits where %s residents are %.1f%% of the population "
            "(95%% interval %.1f%%–%.1f%%), against %.1f%% of all residents (%s; %lld events; p = %.3g).",
            sval(r, "set"), strcmp(sval(r, "events_kind"), "requests") == 0 ? "police request" : "camera",
            sval(g, "group"), 100 * dval(g, "share"), 100 * dval(g, "ci_low"), 100 * dval(g, "ci_high"),
            100 * dval(g, "baseline"), sval(r, "baseline"), ival(r, "events"), dval(g, "p_value"));
    }
}

sl_status sl_audit_headlines(audit *a, sl_error *err)
{
    (void)err;
    partnership_headlines(a);
    camera_headlines(a);
    site_headlines(a);
    disparity_headlines(a);
    filter_headlines(a);
    return SL_OK;
}
