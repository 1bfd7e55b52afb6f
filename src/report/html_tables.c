/*
** html_tables.c — the report's sections of tables and charts, one function
** per analysis. Every cell that holds text from an input goes through
** sl_html_write_escaped; numbers are formatted here.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 50

static void th(FILE *out, const char *const *cols)
{
    fputs("<table>\n<thead><tr>", out);
    for (size_t i = 0; cols[i]; i++) {
        fputs("<th>", out);
        sl_html_write_escaped(out, cols[i]);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
}

static void td_text(FILE *out, const char *s)
{
    fputs("<td>", out);
    sl_html_write_escaped(out, s);
    fputs("</td>", out);
}

/* A JSON value as a table cell: integers plain, reals to DIGITS decimals,
** null as "—". */
static void td_num(FILE *out, json_t *v, int digits)
{
    if (json_is_integer(v)) fprintf(out, "<td class=\"num\">%lld</td>", (long long)json_integer_value(v));
    else if (json_is_real(v)) fprintf(out, "<td class=\"num\">%.*f</td>", digits, json_real_value(v));
    else if (json_is_string(v)) td_text(out, json_string_value(v));
    else fputs("<td class=\"num\">—</td>", out);
}

/* Count KEY of ROW as a cell: "< k" when the privacy rule withheld it (a
** withheld rate, DIGITS > 0, is a dash: the "< k" is in its count column). */
static void td_count(FILE *out, audit *a, json_t *row, const char *key, int digits)
{
    if (sl_privacy_withheld(row, key) && digits > 0) fputs("<td class=\"num\">—</td>", out);
    else if (sl_privacy_withheld(row, key)) fprintf(out, "<td class=\"num\">&lt; %u</td>", a->o.k);
    else td_num(out, json_object_get(row, key), digits);
}

/* A distance from a site to a camera: the bin "0–50" unless exact. */
static void td_distance(FILE *out, audit *a, json_t *v)
{
    if (!json_is_number(v) || a->o.exact) {
        td_num(out, v, 0);
        return;
    }
    double lo = json_number_value(v);
    fprintf(out, "<td class=\"num\">%.0f–%.0f</td>", lo, lo + SL_PRIVACY_DISTANCE_BIN_M);
}

static void td_pct(FILE *out, json_t *v)
{
    if (json_is_number(v)) fprintf(out, "<td class=\"num\">%.1f%%</td>", 100 * json_number_value(v));
    else fputs("<td class=\"num\">—</td>", out);
}

static void end_table(FILE *out) { fputs("</tbody>\n</table>\n", out); }

static void section(FILE *out, const char *id, const char *title)
{
    fprintf(out, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
}

/* ---- partnerships ------------------------------------------------------- */

static void count_table(FILE *out, json_t *obj, const char *what, size_t max)
{
    static const char *COLS[3] = {NULL, "partnerships", NULL};
    const char *cols[3] = {what, COLS[1], NULL};
    th(out, cols);
    const char *key;
    json_t *v;
    size_t n = 0;
    json_object_foreach(obj, key, v) {
        if (n++ >= max) break;
        fputs("<tr>", out);
        td_text(out, key);
        td_num(out, v, 0);
        fputs("</tr>\n", out);
    }
    end_table(out);
}

static void diff_table(FILE *out, json_t *rows, const char *title)
{
    static const char *const COLS[] = {"agency", "state", "technology", "start", "vendor", NULL};
    size_t i;
    json_t *r;
    fprintf(out, "<h3>%s (%zu)</h3>\n", title, json_array_size(rows));
    if (!json_array_size(rows)) return;
    th(out, COLS);
    json_array_foreach(rows, i, r) {
        if (i >= MAX_ROWS) break;
        fputs("<tr>", out);
        for (int k = 0; COLS[k]; k++) td_text(out, sl_json_str(r, COLS[k]));
        fputs("</tr>\n", out);
    }
    end_table(out);
}

void sl_html_partnerships(FILE *out, audit *a)
{
    json_t *t = json_object_get(a->summary, "partnerships");
    if (!t) return;
    section(out, "partnerships", "Partnerships");
    fputs("<p>Snapshot ", out);
    sl_html_write_escaped(out, sl_json_str(t, "snapshot"));
    fprintf(out, ": %lld partnerships by %lld agencies; %lld linked to the agency registry, %lld not; %lld undated.</p>\n",
            (long long)json_integer_value(json_object_get(t, "total")),
            (long long)json_integer_value(json_object_get(t, "agencies")),
            (long long)json_integer_value(json_object_get(t, "linked")),
            (long long)json_integer_value(json_object_get(t, "unlinked")),
            (long long)json_integer_value(json_object_get(t, "undated")));
    sl_chart_timeline(out, t);
    fputs("<div class=\"cols\"><div>\n<h3>By year the partnership started</h3>\n", out);
    count_table(out, json_object_get(t, "by_year"), "year", 100);
    fputs("</div><div>\n<h3>By state</h3>\n", out);
    count_table(out, json_object_get(a->summary, "partnerships_by_state"), "state", 60);
    fputs("</div></div>\n", out);
    json_t *d = json_object_get(a->summary, "diff");
    if (d) {
        fputs("<h3>Changes between snapshots ", out);
        sl_html_write_escaped(out, sl_json_str(d, "from"));
        fputs(" and ", out);
        sl_html_write_escaped(out, sl_json_str(d, "to"));
        fputs("</h3>\n", out);
        diff_table(out, json_object_get(d, "new"), "New");
        diff_table(out, json_object_get(d, "ended"), "Ended");
        diff_table(out, json_object_get(d, "changed"), "Changed");
    }
    fputs("</section>\n", out);
}

/* ---- cameras ------------------------------------------------------------ */

void sl_html_cameras(FILE *out, audit *a)
{
    json_t *d = json_object_get(a->summary, "density"), *c = json_object_get(a->summary, "cameras");
    if (!d && !c) return;
    section(out, "cameras", "Cameras and posts");
    if (d) {
        static const char *const COLS[] = {"figure", "value", NULL};
        const char *keys[] = {"cameras_from", "cameras", "camera_locations", "posts", "hex_m", "cell_km2", "cells",
                              "cells_shown", "suppressed_cells", "suppressed_cameras", "suppressed_posts", "k"};
        th(out, COLS);
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
            fputs("<tr>", out);
            td_text(out, keys[i]);
            td_num(out, json_object_get(d, keys[i]), 3);
            fputs("</tr>\n", out);
        }
        end_table(out);
    }
    if (c) {
        fputs("<h3>Posts per camera</h3>\n", out);
        count_table(out, json_object_get(c, "posts_per_camera"), "posts", 20);
    }
    fputs("</section>\n", out);
}

/* ---- sites -------------------------------------------------------------- */

static int by_within_desc(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    long long p = json_integer_value(json_object_get(a, "within")), q = json_integer_value(json_object_get(b, "within"));
    return (q > p) - (q < p);
}

static void site_rows(FILE *out, audit *a, json_t *near)
{
    static const char *const COLS[] = {"site", "name", "category", "cameras within", "nearest camera (m)", NULL};
    json_t *sites = json_object_get(near, "sites");
    size_t n = json_array_size(sites);
    json_t **rows = malloc((n + 1) * sizeof *rows);
    if (!rows) return;
    for (size_t i = 0; i < n; i++) rows[i] = json_array_get(sites, i);
    qsort(rows, n, sizeof *rows, by_within_desc);
    th(out, COLS);
    for (size_t i = 0; i < n && i < MAX_ROWS; i++) {
        fputs("<tr>", out);
        td_text(out, sl_json_str(rows[i], "id"));
        td_text(out, sl_json_str(rows[i], "name"));
        td_text(out, sl_json_str(rows[i], "category"));
        td_count(out, a, rows[i], "within", 0);
        td_distance(out, a, json_object_get(rows[i], "nearest_m"));
        fputs("</tr>\n", out);
    }
    end_table(out);
    free(rows);
}

void sl_html_sites(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "sites"), *near, *row;
    if (!list) return;
    static const char *const COLS[] = {"category", "sites", "with a camera", "cameras within", "median nearest (m)", NULL};
    section(out, "sites", "Sensitive sites");
    size_t i, k;
    json_array_foreach(list, i, near) {
        fprintf(out, "<h3>Cameras within %.0f m</h3>\n", json_number_value(json_object_get(near, "radius_m")));
        th(out, COLS);
        json_array_foreach(json_object_get(near, "categories"), k, row) {
            fputs("<tr>", out);
            td_text(out, sl_json_str(row, "category"));
            td_num(out, json_object_get(row, "sites"), 0);
            td_num(out, json_object_get(row, "sites_with_camera"), 0);
            td_count(out, a, row, "cameras_within", 0);
            td_distance(out, a, json_object_get(row, "median_nearest_m"));
            fputs("</tr>\n", out);
        }
        end_table(out);
    }
    fprintf(out, "<h3>Sites with the most cameras within %.0f m</h3>\n", a->o.near_m[0]);
    site_rows(out, a, json_array_get(list, 0));
    if (!a->o.exact)
        fprintf(out, "<p class=\"note\">Counts of cameras under %u are shown as “&lt; %u” and distances in %.0f m "
                     "bins: a site is public, so an exact figure would point at a camera the map hides.</p>\n",
                a->o.k, a->o.k, SL_PRIVACY_DISTANCE_BIN_M);
    json_t *zones = json_object_get(a->summary, "zones"), *z;
    if (json_array_size(zones)) {
        static const char *const ZCOLS[] = {"zone", "posts", "cameras", "area (km2)", NULL};
        fputs("<h3>Zones</h3>\n", out);
        th(out, ZCOLS);
        json_array_foreach(zones, i, z) {
            fputs("<tr>", out);
            td_text(out, sl_json_str(z, "name"));
            td_count(out, a, z, "posts", 0);
            td_count(out, a, z, "cameras", 0);
            td_num(out, json_object_get(z, "area_km2"), 2);
            fputs("</tr>\n", out);
        }
        end_table(out);
    }
    fputs("</section>\n", out);
}

/* ---- disparity ---------------------------------------------------------- */

void sl_html_disparity(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "disparity"), *r, *g;
    if (!json_array_size(list)) return;
    static const char *const COLS[] = {"group", "share of events", "95% interval", "baseline", "ratio",
                                       "p-value", "per 1,000 residents", NULL};
    section(out, "disparity", "Who is watched");
    size_t i, k;
    json_array_foreach(list, i, r) {
        fputs("<h3>", out);
        sl_html_write_escaped(out, sl_json_str(r, "events_kind"));
        fputs(" across ", out);
        sl_html_write_escaped(out, sl_json_str(r, "set"));
        fprintf(out, "</h3>\n<p>%lld events (%lld outside every area); baseline: ",
                (long long)json_integer_value(json_object_get(r, "events")),
                (long long)json_integer_value(json_object_get(r, "events_outside")));
        sl_html_write_escaped(out, sl_json_str(r, "baseline"));
        fprintf(out, "; dissimilarity %.3f (chance alone: %.3f); seed %lld.</p>\n",
                json_number_value(json_object_get(r, "dissimilarity")),
                json_number_value(json_object_get(r, "dissimilarity_null")),
                (long long)json_integer_value(json_object_get(r, "seed")));
        sl_chart_disparity(out, r);
        th(out, COLS);
        json_array_foreach(json_object_get(r, "groups"), k, g) {
            fputs("<tr>", out);
            td_text(out, sl_json_str(g, "group"));
            td_pct(out, json_object_get(g, "share"));
            fprintf(out, "<td class=\"num\">%.1f%%–%.1f%%</td>", 100 * json_number_value(json_object_get(g, "ci_low")),
                    100 * json_number_value(json_object_get(g, "ci_high")));
            td_pct(out, json_object_get(g, "baseline"));
            td_num(out, json_object_get(g, "ratio"), 2);
            td_num(out, json_object_get(g, "p_value"), 4);
            td_num(out, json_object_get(g, "exposure_per_1000"), 2);
            fputs("</tr>\n", out);
        }
        end_table(out);
    }
    fputs("</section>\n", out);
}

/* ---- text filters ------------------------------------------------------- */

void sl_html_filters(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "filters"), *f, *shown, *p;
    if (!json_array_size(list)) return;
    static const char *const COLS[] = {"filter", "pattern", "posts", "of posts", "share", NULL};
    static const char *const PCOLS[] = {"post", "date", "text (as written)", NULL};
    section(out, "filters", "Text filters");
    th(out, COLS);
    size_t i, k;
    json_array_foreach(list, i, f) {
        fputs("<tr>", out);
        td_text(out, sl_json_str(f, "name"));
        fputs("<td><code>", out);
        sl_html_write_escaped(out, sl_json_str(f, "pattern"));
        fputs("</code></td>", out);
        td_num(out, json_object_get(f, "posts"), 0);
        td_num(out, json_object_get(f, "of_posts"), 0);
        td_pct(out, json_object_get(f, "share"));
        fputs("</tr>\n", out);
    }
    end_table(out);
    json_array_foreach(a->posts_shown, i, shown) {
        fputs("<h3>Posts matching “", out);
        sl_html_write_escaped(out, sl_json_str(shown, "filter"));
        fputs("” (first 25; no locations)</h3>\n", out);
        th(out, PCOLS);
        json_array_foreach(json_object_get(shown, "posts"), k, p) {
            fputs("<tr>", out);
            td_text(out, sl_json_str(p, "id"));
            td_text(out, sl_json_str(p, "date"));
            fputs("<td class=\"post-text\">", out);
            sl_html_write_escaped(out, sl_json_str(p, "text"));
            fputs("</td></tr>\n", out);
        }
        end_table(out);
    }
    fputs("</section>\n", out);
}

/* ---- areas -------------------------------------------------------------- */

static const char *rank_key(json_t *entry)
{
    json_t *joins = json_object_get(entry, "joins");
    if (json_object_get(joins, "posts")) return "posts";
    if (json_object_get(joins, "cameras")) return "cameras";
    return json_object_get(joins, "sites") ? "sites" : NULL;
}

static int by_count_desc(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    long long p = json_integer_value(json_object_get(a, "count")), q = json_integer_value(json_object_get(b, "count"));
    return (q > p) - (q < p);
}

static void area_top(FILE *out, audit *a, json_t *entry)
{
    static const char *const COLS[] = {"area", "name", "count", "per km2", "per 1,000 residents", NULL};
    const char *key = rank_key(entry);
    if (!key) return;
    json_t *rows = json_object_get(json_object_get(json_object_get(entry, "joins"), key), "areas");
    size_t n = json_array_size(rows);
    json_t **sorted = malloc((n + 1) * sizeof *sorted);
    if (!sorted) return;
    for (size_t i = 0; i < n; i++) sorted[i] = json_array_get(rows, i);
    qsort(sorted, n, sizeof *sorted, by_count_desc);
    fprintf(out, "<h3>Areas with the most %s</h3>\n", key);
    th(out, COLS);
    for (size_t i = 0; i < n && i < 15; i++) {
        fputs("<tr>", out);
        td_text(out, sl_json_str(sorted[i], "id"));
        td_text(out, sl_json_str(sorted[i], "name"));
        td_count(out, a, sorted[i], "count", 0);
        td_count(out, a, sorted[i], "per_km2", 2);
        td_count(out, a, sorted[i], "per_1000", 2);
        fputs("</tr>\n", out);
    }
    end_table(out);
    free(sorted);
}

void sl_html_areas(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "areas"), *e;
    if (!json_array_size(list)) return;
    section(out, "areas", "Areas");
    size_t i;
    json_array_foreach(list, i, e) {
        fputs("<p><b>", out);
        sl_html_write_escaped(out, sl_json_str(e, "set"));
        fprintf(out, "</b>: %lld areas, %.0f residents%s.</p>\n", (long long)json_integer_value(json_object_get(e, "areas")),
                json_number_value(json_object_get(e, "population")),
                json_is_true(json_object_get(e, "demographics")) ? ", with demographics" : "");
        area_top(out, a, e);
    }
    fputs("</section>\n", out);
}
