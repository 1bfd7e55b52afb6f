/*
** charts.c — the report's charts as inline SVG written at report time, so
** they print and show without any script: the partnership timeline (starts
** per month, then the running total on a chart of its own) and the disparity chart (each group's
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

/* A round axis maximum at or above PEAK and its tick step (1, 2 or 5 times a
** power of ten), so gridlines fall on numbers a reader can say aloud. */
static double nice_step(double peak, int ticks)
{
    double raw = fmax(peak, 1e-9) / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return mag * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
}

/* Horizontal gridlines with their labels from zero to TOP, and the axis title. */
static void y_axis(FILE *out, double top, double step, double x0, double y0, double w, double h, const char *title)
{
    for (double v = 0; v <= top + step / 2; v += step) {
        double y = y0 + h - h * v / top;
        fprintf(out, "<line class=\"grid%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", v == 0 ? " zero" : "",
                x0, x0 + w, y, y);
        char b[32];
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>\n", x0 - 6, y + 4,
                sl_thousands(llround(v), b));
    }
    fprintf(out, "<text class=\"axis-title\" transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\">", y0 + h / 2);
    sl_html_write_escaped(out, title);
    fputs("</text>\n", out);
}

/* The years under a monthly axis: each at its January, every STRIDE years
** when a year is narrower than a label, and the first month's year only
** when it stands clear of the next label ("2006" drawn over "2007" when
** the data opens in November 2006). FIRST is the first month (year * 12 +
** month - 1), BW the width of a month. */
static void x_axis_years(FILE *out, int first, int months, double x0, double y, double bw)
{
    const double LABEL = 36; /* a four-digit year and a gap, in the chart's units */
    int stride = 12 * bw >= LABEL ? 1 : (int)ceil(LABEL / (12 * bw));
    int next = -1; /* the first month that gets a January label */
    for (int m = 0; m < months && next < 0; m++)
        if ((first + m) % 12 == 0 && ((first + m) / 12) % stride == 0) next = m;
    if (next != 0 && (next < 0 || next * bw >= LABEL))
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\">%d</text>\n", x0, y, first / 12);
    for (int m = next < 0 ? months : next; m < months; m++)
        if ((first + m) % 12 == 0 && ((first + m) / 12) % stride == 0)
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\">%d</text>\n", x0 + bw * m, y, (first + m) / 12);
}

static void timeline_bars(FILE *out, json_t *by, const char **keys, size_t n, int first, int months, int dated)
{
    const double W = 740, H = 150, X0 = 64, Y0 = 34;
    double peak = 1;
    for (size_t i = 0; i < n; i++) peak = fmax(peak, (double)json_integer_value(json_object_get(by, keys[i])));
    double step = fmax(1, nice_step(peak, 4)), top = step * ceil(peak / step), bw = W / months;
    fprintf(out, "<text x=\"0\" y=\"14\" class=\"chart-title\">%s</text>\n",
            dated ? "Records per month, by the date of their source" : "Partnerships started per month");
    y_axis(out, top, step, X0, Y0, W, H, dated ? "records" : "partnership rows"); /* the caption's unit */
    for (size_t i = 0; i < n; i++) {
        double c = (double)json_integer_value(json_object_get(by, keys[i])), h = H * c / top;
        fprintf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %.0f</title></rect>\n",
                X0 + bw * (month_index(keys[i]) - first), Y0 + H - h, fmax(bw - 1, 1), h, keys[i], c);
    }
    x_axis_years(out, first, months, X0, Y0 + H + 16, bw);
}

/* The months drawn, the rows dated only to a year, the undated rows: the
** caption's counts come from the same tally as the section's text. */
static void timeline_caption(FILE *out, json_t *tracker, const char **keys, size_t n, int dated)
{
    json_t *by = json_object_get(tracker, "by");
    long long drawn = 0, undated = json_integer_value(json_object_get(tracker, "undated"));
    for (size_t i = 0; i < n; i++) drawn += json_integer_value(json_object_get(by, keys[i]));
    long long yearly = json_integer_value(json_object_get(by, SL_TRACKER_YEAR_ONLY));
    char b[32];
    /* rows: the Atlas's 1,501 Ring rows of 2020-10-07 are 1,498 partnerships */
    fprintf(out, "<figcaption>%s %s dated to the month are drawn", sl_thousands(drawn, b),
            dated ? "records" : "partnership rows");
    if (yearly > 0) fprintf(out, "; %s dated only to the year are not", sl_thousands(yearly, b));
    if (undated > 0) fprintf(out, "; %s undated %s not", sl_thousands(undated, b), undated == 1 ? "is" : "are");
    fputs(". Source: ", out);
    json_t *src, *srcs = json_object_get(tracker, "sources");
    size_t i;
    int any = 0;
    json_array_foreach(srcs, i, src) {
        const char *kind = json_string_value(json_object_get(src, "kind"));
        if (!kind || strcmp(kind, "partnerships")) continue;
        if (any++) fputs(", ", out);
        sl_html_write_escaped(out, json_string_value(json_object_get(src, "file")));
    }
    if (!any) fputs("imported partnerships", out);
    fputs(".</figcaption>\n", out);
}

/* "October 2020" for the month "2020-10". */
static const char *month_words(char buf[32], const char *ym)
{
    static const char *const NAMES[] = {"January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"};
    int m = atoi(ym + 5);
    snprintf(buf, 32, "%s %.4s", m >= 1 && m <= 12 ? NAMES[m - 1] : "?", ym);
    return buf;
}

/* The running total: how many partnerships had started by each month, as a
** line on its own chart with its own axis (one scale per chart), the last
** figure said in words inside the plot, where no bar label can collide. */
static void running_total(FILE *out, json_t *by, const char **keys, size_t n, int first, int months, int dated)
{
    const double W = 740, H = 150, X0 = 64, Y0 = 34;
    double total = 0;
    for (size_t i = 0; i < n; i++) total += (double)json_integer_value(json_object_get(by, keys[i]));
    double step = fmax(1, nice_step(total, 4)), top = step * ceil(fmax(total, 1) / step), bw = W / months, sum = 0;
    char b[32], from[32], to[32];
    fprintf(out, "<figure class=\"chart\" id=\"total-chart\" tabindex=\"0\" aria-label=\"Chart: running total of %s\">\n"
                 "<svg viewBox=\"0 0 820 210\" role=\"img\" "
                 "aria-label=\"Line chart: running total of %s, from %s to %s, reaching %s\">\n",
            dated ? "records by their date" : "partnerships started",
            dated ? "records by their date" : "partnerships started", month_words(from, keys[0]),
            month_words(to, keys[n - 1]), sl_thousands((long long)total, b));
    fprintf(out, "<text x=\"0\" y=\"14\" class=\"chart-title\">%s so far (running total)</text>\n",
            dated ? "Records dated" : "Partnerships started");
    y_axis(out, top, step, X0, Y0, W, H, dated ? "records" : "partnership rows"); /* the caption's unit */
    fputs("<path class=\"total-line\" d=\"", out);
    size_t k = 0;
    for (int m = 0; m < months; m++) {
        while (k < n && month_index(keys[k]) - first == m) sum += (double)json_integer_value(json_object_get(by, keys[k++]));
        fprintf(out, "%c%.1f %.1f", m ? 'L' : 'M', X0 + bw * (m + 1), Y0 + H - H * sum / top);
    }
    fputs("\"/>\n", out);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"label total-label\" text-anchor=\"end\">%s by %s</text>\n",
            X0 + W - 4, Y0 + H - H * total / top + (total / top > 0.85 ? 18 : -8), sl_thousands((long long)total, b), to);
    x_axis_years(out, first, months, X0, Y0 + H + 16, bw);
    fprintf(out, "</svg>\n<figcaption>%s dated to the month, added up month by month; those dated only to the "
            "year or undated are not in the line.</figcaption>\n</figure>\n", dated ? "Records" : "Partnerships");
}

void sl_chart_timeline(FILE *out, json_t *tracker)
{
    json_t *by = json_object_get(tracker, "by");
    const char *keys[4096];
    size_t n = sorted_months(by, keys, sizeof keys / sizeof *keys);
    if (n == 0) return;
    int first = month_index(keys[0]), months = month_index(keys[n - 1]) - first + 1;
    /* a cited source's date is not a start (sl_tracker_run's dated_by_source) */
    int dated = json_integer_value(json_object_get(tracker, "dated_by_source")) > 0;
    /* the figure takes the Tab (it scrolls on a phone), so it is named:
    ** "figure" alone told a screen reader nothing of where Tab had landed */
    fprintf(out, "<figure class=\"chart\" id=\"timeline-chart\" tabindex=\"0\" aria-label=\"Chart: %s\">\n"
                 "<svg viewBox=\"0 0 820 210\" role=\"img\" "
                 "aria-label=\"Bar chart: %s per month, %s to %s; the table by year below gives the "
                 "figures\">\n", dated ? "records per month, by the date of their source" : "partnerships started per month",
            dated ? "records by the date of their source" : "partnerships started", keys[0], keys[n - 1]);
    timeline_bars(out, by, keys, n, first, months, dated);
    fputs("</svg>\n", out);
    timeline_caption(out, tracker, keys, n, dated);
    fputs("</figure>\n", out);
    running_total(out, by, keys, n, first, months, dated);
}

/* The geometry of one drawing of the disparity chart: the wide one labels
** each row at its left; the narrow one (a phone's 390 px, where the wide
** one would scroll and hide the largest shares past the edge) writes each
** label above its row, so the whole axis fits at the same text sizes. */
typedef struct dot_layout {
    double x0, w, row, label_dx, label_dy; /* plot start and width; row pitch; label offset from (x0, y) */
    double y0, first_dy;                   /* the plot's top (below the title); the first row's offset */
    const char *title[2];                  /* the title, on one line or two */
    const char *cls;                       /* "wide" or "narrow": report.css shows one */
} dot_layout;

static const dot_layout WIDE = {140, 600, 30, -136, 4, 30, 8,
                                {"Share of residents in each group, where the events happen", NULL}, "wide"},
                        NARROW = {10, 340, 44, 4, -12, 56, 14,
                                  {"Share of residents in each group,", "where the events happen"}, "narrow"};

static void group_row(FILE *out, json_t *g, double y, double scale, const dot_layout *d)
{
    const double X0 = d->x0;
    double share = sl_json_num_or_nan(g, "share"), lo = sl_json_num_or_nan(g, "ci_low"), hi = sl_json_num_or_nan(g, "ci_high"), base = sl_json_num_or_nan(g, "baseline");
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"label\">", X0 + d->label_dx, y + d->label_dy);
    sl_html_write_escaped(out, sl_group_label(json_string_value(json_object_get(g, "group"))));
    fputs("</text>\n", out);
    if (isfinite(lo) && isfinite(hi))
        fprintf(out, "<line class=\"interval\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", X0 + lo * scale,
                X0 + hi * scale, y, y);
    if (isfinite(base))
        fprintf(out, "<line class=\"baseline\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"><title>baseline %.1f%%</title></line>\n",
                X0 + base * scale, X0 + base * scale, y - 9, y + 9, 100 * base);
    char ci[64] = "n/a"; /* one resample gives no interval: not "nan%" */
    if (isfinite(lo) && isfinite(hi)) snprintf(ci, sizeof ci, "%.1f%%–%.1f%%", 100 * lo, 100 * hi);
    if (isfinite(share))
        fprintf(out, "<circle class=\"share\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>share %.1f%% (%s)</title></circle>\n",
                X0 + share * scale, y, 100 * share, ci);
}

/* One drawing of the chart of GROUPS (N) on an axis from 0 to TOP in STEPs. */
static void disparity_svg(FILE *out, json_t *groups, size_t n, double top, double step, const dot_layout *d,
                          const char *kind)
{
    const double Y0 = d->y0;
    double scale = d->w / top, plot = d->row * (double)n, h = Y0 + plot + 44;
    size_t i;
    json_t *g;
    fprintf(out, "<svg class=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Where the ", d->cls,
            d->x0 + d->w + 30, h);
    sl_html_write_escaped(out, kind);
    fputs(" are: share of residents per group, weighted by events, with 95% interval, against the baseline; the "
          "table below gives the figures\">\n", out);
    for (int t = 0; t < 2 && d->title[t]; t++)
        fprintf(out, "<text x=\"0\" y=\"%d\" class=\"chart-title\">%s</text>\n", 14 + 18 * t, d->title[t]);
    for (double v = 0; v <= top + step / 2; v += step) {
        double x = d->x0 + v * scale;
        fprintf(out, "<line class=\"grid%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", v == 0 ? " zero" : "", x, x,
                Y0 - 6, Y0 + plot - 6);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">%.0f%%</text>\n", x, Y0 + plot + 10,
                100 * v);
    }
    json_array_foreach(groups, i, g) group_row(out, g, Y0 + d->first_dy + d->row * (double)i, scale, d);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis-title\" text-anchor=\"middle\">share of residents in the group "
                 "(%%)</text>\n</svg>\n", d->x0 + d->w / 2, h - 6);
}

void sl_chart_disparity(FILE *out, json_t *r)
{
    json_t *groups = json_object_get(r, "groups"), *g;
    size_t i, n = json_array_size(groups);
    if (!n) return;
    double peak = 0.05;
    json_array_foreach(groups, i, g) peak = fmax(peak, fmax(sl_json_num_or_nan(g, "ci_high"), fmax(sl_json_num_or_nan(g, "share"), sl_json_num_or_nan(g, "baseline"))));
    /* Round percent ticks: 0, 10, 20 ... or 0, 20, 40 ..., never 12 or 38. */
    double step = nice_step(100 * peak, 5) / 100, top = step * ceil(peak / step);
    /* named by its events: a report's two charts (requests, cameras) had
    ** the same words, and the figure, a Tab stop, none */
    const char *kind = json_string_value(json_object_get(r, "events_kind"));
    if (!kind) kind = "events";
    fputs("<figure class=\"chart disparity-chart\" tabindex=\"0\" aria-label=\"Chart: residents by group where the ", out);
    sl_html_write_escaped(out, kind);
    fputs(" are", out);
    if (json_string_value(json_object_get(r, "set"))) fputs(", across ", out), sl_html_write_escaped(out, sl_json_str(r, "set"));
    fputs("\">\n", out);
    disparity_svg(out, groups, n, top, step, &WIDE, kind);
    disparity_svg(out, groups, n, top, step, &NARROW, kind);
    fputs("<figcaption>Dot: share of residents in the group where the average event happens, with its 95% "
          "bootstrap interval (line). Tick: the group's share of the baseline population.</figcaption>\n</figure>\n", out);
}
