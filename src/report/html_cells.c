/*
** html_cells.c — the report's table cells: a table's start and end, text,
** numbers with thousands separators, shares, counts the privacy rule
** withheld, and a section's heading. One place for each, so that every
** section of the page writes a figure the same way; text from an input
** always goes through sl_html_write_escaped.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* A table's start, NAME_FMT's words (from inputs too) escaped. */
static void table_open(FILE *out, const char *const *cols, int stacked, const char *name_fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, name_fmt, ap);
    char *name = len >= 0 ? malloc((size_t)len + 1) : NULL; /* whole: a cut could split a character */
    if (name) vsnprintf(name, (size_t)len + 1, name_fmt, again);
    va_end(again);
    /* Each table scrolls in its own box: a wide one never widens the page.
    ** The box takes the keyboard's focus, so it carries the table's name. */
    fputs("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"", out);
    sl_html_write_escaped(out, name);
    fprintf(out, "\"><table%s aria-label=\"", stacked ? " class=\"stack\"" : "");
    sl_html_write_escaped(out, name);
    fputs("\">\n<thead><tr>", out);
    free(name);
    for (size_t i = 0; cols[i]; i++) {
        fputs("<th scope=\"col\">", out);
        sl_html_write_escaped(out, cols[i]);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
}

void sl_html_table_open(FILE *out, const char *const *cols, int stacked, const char *name, ...)
{
    va_list ap;
    va_start(ap, name);
    table_open(out, cols, stacked, name, ap);
    va_end(ap);
}

void sl_html_th(FILE *out, const char *const *cols, const char *name, ...)
{
    va_list ap;
    va_start(ap, name);
    table_open(out, cols, 0, name, ap);
    va_end(ap);
}

/* A cell of a stacked table: TEXT under LABEL, its column's header, which
** a phone shows in the cell since it hides the header row. */
void sl_html_td_labelled(FILE *out, const char *label, const char *cls, const char *text)
{
    fprintf(out, "<td class=\"%s\" data-label=\"", cls);
    sl_html_write_escaped(out, label);
    fputs("\">", out);
    sl_html_write_escaped(out, text);
    fputs("</td>", out);
}

/* The cell naming its row (a state, a year, an area, a group): a row
** header, so that a screen reader moving down a column of figures says
** whose each is; report.css sets it as the plain cell it was. */
void sl_html_th_row(FILE *out, const char *s)
{
    fputs("<th scope=\"row\">", out);
    sl_html_write_escaped(out, s);
    fputs("</th>", out);
}

void sl_html_td_text(FILE *out, const char *s)
{
    fputs("<td>", out);
    sl_html_write_escaped(out, s);
    fputs("</td>", out);
}

/* X to DIGITS (0 to 6) decimals with thousands separators, "17,000.0". */
const char *sl_html_decimal(double x, int digits, char buf[64])
{
    int d = digits < 0 ? 0 : digits > 6 ? 6 : digits, scale = 1;
    for (int i = 0; i < d; i++) scale *= 10;
    if (!isfinite(x) || fabs(x) * scale > 9e17) {
        snprintf(buf, 64, "%.6g", x);
        return buf;
    }
    long long v = llround(fabs(x) * scale);
    char whole[32];
    sl_thousands(v / scale, whole);
    if (d) snprintf(buf, 64, "%s%s.%0*d", x < 0 && v ? "-" : "", whole, d, (int)(v % scale));
    else snprintf(buf, 64, "%s%s", x < 0 && v ? "-" : "", whole);
    return buf;
}

/* A JSON number as a table writes it: integers plain, reals to DIGITS
** decimals, anything else (null) as "—". */
const char *sl_html_num_text(json_t *v, int digits, char buf[64])
{
    if (json_is_integer(v)) return sl_thousands((long long)json_integer_value(v), buf);
    if (json_is_real(v)) return sl_html_decimal(json_real_value(v), digits, buf);
    return "—";
}

/* A JSON value as a table cell: a number as num_text writes it, a string as
** text. */
void sl_html_td_num(FILE *out, json_t *v, int digits)
{
    char buf[64];
    if (json_is_string(v)) sl_html_td_text(out, json_string_value(v));
    else fprintf(out, "<td class=\"num\">%s</td>", sl_html_num_text(v, digits, buf));
}

/* The decimals of a rate that can be small: two significant digits under 1
** ("0.00037", not "0.00", which reads as none), else 2. */
int sl_html_small_digits(json_t *v)
{
    double x = json_number_value(v);
    return json_is_real(v) && x != 0 && fabs(x) < 1 ? (int)ceil(-log10(fabs(x))) + 1 : 2;
}

/* Count KEY of ROW as a cell: "< k" when the privacy rule withheld it (a
** withheld rate, DIGITS > 0, is a dash: the "< k" is in its count column). */
void sl_html_td_count(FILE *out, audit *a, json_t *row, const char *key, int digits)
{
    if (sl_privacy_withheld(row, key) && digits > 0) fputs("<td class=\"num\">—</td>", out);
    else if (sl_privacy_withheld(row, key) && json_is_true(json_object_get(row, "withheld_to_protect")))
        fputs("<td class=\"num\">withheld</td>", out); /* k or more, withheld so the rest cannot be subtracted */
    else if (sl_privacy_withheld(row, key)) fprintf(out, "<td class=\"num\">&lt; %u</td>", a->o.k);
    else sl_html_td_num(out, json_object_get(row, key), digits);
}

/* A share as a percentage to one decimal, "—" when there is none. */
const char *sl_html_pct_text(json_t *v, char buf[64])
{
    if (!json_is_number(v)) return "—";
    snprintf(buf, 64, "%.1f%%", 100 * json_number_value(v));
    return buf;
}

void sl_html_td_pct(FILE *out, json_t *v)
{
    char buf[64];
    fprintf(out, "<td class=\"num\">%s</td>", sl_html_pct_text(v, buf));
}

void sl_html_end_table(FILE *out) { fputs("</tbody>\n</table></div>\n", out); }

/* 1 when FILES (strings) holds NAME. */
static int holds(json_t *files, const char *name)
{
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f) if (!strcmp(json_string_value(f), name)) return 1;
    return 0;
}

void sl_html_synthetic_note(FILE *out, audit *a, const char *id)
{
    json_t *files = json_object_get(json_object_get(a->summary, "synthetic_sections"), id), *f, *lf;
    size_t i, k, n = 0;
    const char *layer;
    if (!json_array_size(files)) return;
    /* the layers named, so that a section mixing real and invented figures
    ** (real partnerships and sites beside synthetic posts) marks only the latter */
    fputs("<p class=\"note synthetic-note\">Synthetic data: this section's figures of ", out);
    json_object_foreach(json_object_get(a->summary, "synthetic_layers"), layer, lf) {
        int in = 0;
        json_array_foreach(lf, k, f) in |= holds(files, json_string_value(f));
        if (!in) continue;
        fputs(n++ ? ", " : "", out);
        sl_html_write_escaped(out, layer);
    }
    if (!n) fputs("its layers", out);
    fputs(" rest on invented records (", out);
    json_array_foreach(files, i, f) {
        if (i) fputs(", ", out);
        sl_html_write_escaped(out, json_string_value(f));
    }
    /* in a report of invented data throughout (the demo) the banner says all */
    fputs(json_is_true(json_object_get(a->summary, "synthetic")) ? "), not on observations."
                                                                 : "), not on observations; the others are real.",
          out);
    /* a layer holding real imports beside the invented ones is counted as
    ** one: how many of each, and the rm that leaves the real alone */
    char text[1024];
    json_array_foreach(json_object_get(a->summary, "synthetic_mixed"), i, f) {
        if (!holds(files, sl_json_str(f, "file"))) continue;
        fputs(" <span class=\"synthetic-mixed\">", out);
        sl_html_write_prose(out, sl_analysis_synth_sentence(f, text, sizeof text));
        fputs("</span>", out);
    }
    fputs("</p>\n", out);
}

void sl_html_section(FILE *out, audit *a, const char *id, const char *title)
{
    fprintf(out, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
    sl_html_synthetic_note(out, a, id);
}

void sl_html_agencies_counted(FILE *out, audit *a)
{
    const char *label = sl_json_str(json_object_get(a->summary, "agencies_map"), "label");
    if (!label || !*label) return;
    fputs("<p class=\"note agencies-counted\">Counted here: ", out);
    sl_html_write_escaped(out, label);
    fputs(".</p>\n", out);
}

void sl_html_requests_said(FILE *out, audit *a)
{
    char words[800];
    if (!*sl_audit_requests_words(a, words, sizeof words)) return;
    fputs("<p class=\"note requests-span\">", out);
    sl_html_write_prose(out, words); /* agency names come from the files: escaped */
    fputs("</p>\n", out);
}
