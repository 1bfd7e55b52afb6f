/*
** charts.c — the report's charts as inline SVG written at report time, so
** they print and show without any script: the partnership timeline (starts
** per month and the running total) and the disparity chart (each group's
** event-weighted share with its interval, against its baseline).
*/
#include "report_internal.h"
#include "sightline/core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static int month_index(const char *ym) { return atoi(ym) * 12 + atoi(ym + 5) - 1; }

/* Months "YYYY-MM" of BY, sorted; returns how many (at most MAX). */
static size_t sorted_months(json_t *by, const char **keys, size_t max)
{
    const char *key;
    json_t *v;
    size_t n = 0;
    json_object_foreach(by, key, v) {
        if (n < max && strlen(key) == 7 && key[4] == '-') keys[n++] = key;
    }
    qsort(keys, n, sizeof *keys, cmp_str);
    return n;
}

static void timeline_bars(FILE *out, json_t *by, const char **keys, size_t n, int first, int months)
{
    const double W = 760, H = 160, X0 = 40, Y0 = 20;
    double peak = 1, total = 0, *cum = calloc((size_t)months + 1, sizeof *cum);
    if (!cum) return;
    for (size_t i = 0; i < n; i++) {
        double c = (double)json_integer_value(json_object_get(by, keys[i]));
        peak = fmax(peak, c);
        cum[month_index(keys[i]) - first] += c;
    }
    double bw = W / months;
    for (size_t i = 0; i < n; i++) {
        double c = (double)json_integer_value(json_object_get(by, keys[i])), h = H * c / peak;
        fprintf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %.0f</title></rect>\n",
                X0 + bw * (month_index(keys[i]) - first), Y0 + H - h, fmax(bw - 1, 1), h, keys[i], c);
    }
    for (int m = 0; m < months; m++) total += cum[m], cum[m] = total;
    fputs("<polyline class=\"cumulative\" points=\"", out);
    for (int m = 0; m < months; m++) fprintf(out, "%.1f,%.1f ", X0 + bw * (m + 0.5), Y0 + H - H * cum[m] / fmax(total, 1));
    fputs("\"/>\n", out);
    for (int m = 0; m < months; m++)
        if ((first + m) % 12 == 0 || m == 0)
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\">%d</text>\n", X0 + bw * m, Y0 + H + 16, (first + m) / 12);
    fprintf(out, "<text x=\"4\" y=\"%.1f\" class=\"tick\">%.0f</text><text x=\"%.1f\" y=\"%.1f\" class=\"tick\">total %.0f</text>\n",
            Y0 + 8, peak, X0 + W - 70, Y0 + 8, total);
    free(cum);
}

void sl_chart_timeline(FILE *out, json_t *tracker)
{
    json_t *by = json_object_get(tracker, "by");
    const char *keys[4096];
    size_t n = sorted_months(by, keys, sizeof keys / sizeof *keys);
    if (n == 0) return;
    int first = month_index(keys[0]), months = month_index(keys[n - 1]) - first + 1;
    fputs("<figure class=\"chart\" id=\"timeline-chart\">\n<svg viewBox=\"0 0 820 210\" role=\"img\" "
          "aria-label=\"Partnerships started per month, and the running total\">\n", out);
    timeline_bars(out, by, keys, n, first, months);
    fprintf(out, "</svg>\n<figcaption>Partnerships started per month (bars) and running total (line); %lld undated "
                 "partnerships are not drawn.</figcaption>\n</figure>\n",
            (long long)json_integer_value(json_object_get(by, "undated")));
}

static void group_row(FILE *out, json_t *g, double y, double scale)
{
    const double X0 = 140;
    double share = sl_json_num_or_nan(g, "share"), lo = sl_json_num_or_nan(g, "ci_low"), hi = sl_json_num_or_nan(g, "ci_high"), base = sl_json_num_or_nan(g, "baseline");
    fprintf(out, "<text x=\"4\" y=\"%.1f\" class=\"label\">", y + 4);
    sl_html_write_escaped(out, json_string_value(json_object_get(g, "group")));
    fputs("</text>\n", out);
    if (isfinite(lo) && isfinite(hi))
        fprintf(out, "<line class=\"interval\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", X0 + lo * scale,
                X0 + hi * scale, y, y);
    if (isfinite(base))
        fprintf(out, "<line class=\"baseline\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"><title>baseline %.1f%%</title></line>\n",
                X0 + base * scale, X0 + base * scale, y - 9, y + 9, 100 * base);
    if (isfinite(share))
        fprintf(out, "<circle class=\"share\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>share %.1f%% (%.1f%%–%.1f%%)</title></circle>\n",
                X0 + share * scale, y, 100 * share, 100 * lo, 100 * hi);
}

void sl_chart_disparity(FILE *out, json_t *r)
{
    json_t *groups = json_object_get(r, "groups"), *g;
    size_t i, n = json_array_size(groups);
    if (!n) return;
    double top = 0.05;
    json_array_foreach(groups, i, g) top = fmax(top, fmax(sl_json_num_or_nan(g, "ci_high"), fmax(sl_json_num_or_nan(g, "share"), sl_json_num_or_nan(g, "baseline"))));
    top = ceil(top * 10) / 10;
    const double W = 600, X0 = 140;
    double scale = W / top, h = 30.0 * (double)n + 40;
    fprintf(out, "<figure class=\"chart disparity-chart\">\n<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Event-"
                 "weighted share per group with 95%% interval, against the baseline\">\n", X0 + W + 20, h);
    json_array_foreach(groups, i, g) group_row(out, g, 20 + 30.0 * (double)i, scale);
    for (int t = 0; t <= 4; t++)
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\">%.0f%%</text>\n", X0 + W * t / 4 - 8, h - 6,
                100 * top * t / 4);
    fputs("</svg>\n<figcaption>Dot: share of residents in the group where the average event happens, with its 95% "
          "bootstrap interval (line). Tick: the group's share of the baseline population.</figcaption>\n</figure>\n", out);
}
