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


static json_t *share_row(json_t *tracker, const char *denominator)
{
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(tracker, "share"), i, row)
        if (strcmp(sl_json_str(row, "denominator"), denominator) == 0) return row;
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
            sl_json_int(since, "count"), tech, sl_json_str(since, "date"), sl_json_int(since, "uncertain"), sl_json_str(t, "snapshot"),
            sl_json_int(share, "partnered"), sl_json_int(share, "agencies"), 100 * sl_json_num(share, "share"));
    json_t *d = json_object_get(a->summary, "diff"), *c = json_object_get(d, "counts");
    if (d)
        add(a, json_pack("{s:O, s:O, s:O}", "from", json_object_get(d, "from"), "to", json_object_get(d, "to"), "counts", c),
            "Between the snapshots of %s and %s, %lld partnerships were added, %lld ended and %lld changed.",
            sl_json_str(d, "from"), sl_json_str(d, "to"), sl_json_int(c, "new"), sl_json_int(c, "ended"), sl_json_int(c, "changed"));
}

static void camera_headlines(audit *a)
{
    json_t *c = json_object_get(a->summary, "cameras"), *d = json_object_get(a->summary, "density");
    if (c)
        add(a, json_incref(c), "%lld posts come from %lld unique camera locations (posts from %.10s to %.10s).",
            sl_json_int(c, "posts"), sl_json_int(c, "cameras"), sl_json_str(c, "first"), sl_json_str(c, "last"));
    if (d)
        add(a, json_incref(d),
            "The map shows %lld cameras (%s) in %lld hexagons of %.2f km2; %lld cells with fewer than %lld "
            "distinct camera locations (%lld cameras) are suppressed to protect residents.",
            sl_json_int(d, "cameras") - sl_json_int(d, "suppressed_cameras"), sl_json_str(d, "cameras_from"), sl_json_int(d, "cells_shown"),
            sl_json_num(d, "cell_km2"), sl_json_int(d, "suppressed_cells"), sl_json_int(d, "k"), sl_json_int(d, "suppressed_cameras"));
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
            sl_json_int(row, "sites_with_camera"), sl_json_int(row, "sites"), sl_json_str(row, "category"), sl_json_num(near, "radius_m"), med);
    }
}

static void filter_headlines(audit *a)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(a->summary, "filters"), i, f)
        add(a, json_incref(f), "%lld of %lld posts (%.1f%%) match the \"%s\" text filter.", sl_json_int(f, "posts"),
            sl_json_int(f, "of_posts"), 100 * sl_json_num(f, "share"), sl_json_str(f, "name"));
}

/* The group whose event share differs most from its baseline. */
static json_t *widest_gap(json_t *r)
{
    size_t i;
    json_t *g, *best = NULL;
    double gap = -1;
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        double d = fabs(sl_json_num(g, "difference"));
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
            sl_json_str(r, "set"), strcmp(sl_json_str(r, "events_kind"), "requests") == 0 ? "police request" : "camera",
            sl_json_str(g, "group"), 100 * sl_json_num(g, "share"), 100 * sl_json_num(g, "ci_low"), 100 * sl_json_num(g, "ci_high"),
            100 * sl_json_num(g, "baseline"), sl_json_str(r, "baseline"), sl_json_int(r, "events"), sl_json_num(g, "p_value"));
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
