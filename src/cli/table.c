/*
** table.c — one output convention for every command that prints figures:
** `--format table|csv|json` (`--json`, `--csv` as aliases), `-o FILE` (`-`
** is standard output), and `--sort KEY`, `--top N`, `--asc/--desc` on the
** command's main table.
**
** A command describes its table once (columns: result key, heading, kind)
** and the same description gives the aligned table for people (thousands
** separators, percentages, m/km, enough digits that no non-zero rate reads
** 0.00) and RFC 4180 CSV for spreadsheets (raw numbers, text cells
** neutralised by sl_csv_write_cell). JSON is the analysis result as it is.
*/
#define _GNU_SOURCE /* O_TMPFILE */
#include "cli.h"
#include "sightline/analysis/disparity.h"
#include "sightline/core/rank.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_out_option(cli_out *o, const char *command, int c, const char *arg)
{
    char *end;
    switch (c) {
    case CLI_O_JSON: o->format = CLI_FMT_JSON; return CLI_OK;
    case CLI_O_CSV: o->format = CLI_FMT_CSV; return CLI_OK;
    case CLI_O_ASC: o->order = 1; return CLI_OK;
    case CLI_O_DESC: o->order = -1; return CLI_OK;
    case CLI_O_SORT: o->sort = arg; return CLI_OK;
    case 'o':
        if (!*arg) return cli_usage_error(command, "-o wants a file name, or - for standard output");
        o->file = arg;
        return CLI_OK;
    case CLI_O_FORMAT:
        if (!strcmp(arg, "table")) o->format = CLI_FMT_TABLE;
        else if (!strcmp(arg, "csv")) o->format = CLI_FMT_CSV;
        else if (!strcmp(arg, "json")) o->format = CLI_FMT_JSON;
        else return cli_usage_error(command, "--format wants table, csv or json, not '%s'", arg);
        return CLI_OK;
    case CLI_O_TOP:
        errno = 0;
        o->top = strtol(arg, &end, 10);
        if (errno || end == arg || *end || o->top < 1)
            return cli_usage_error(command, "--top wants a whole number of rows >= 1, not '%s'", arg);
        return CLI_OK;
    default: return -1;
    }
}

/* ---- numbers people read */

const char *cli_distance(double m, char buf[40])
{
    char t[32];
    if (!isfinite(m)) snprintf(buf, 40, "n/a");
    else if (fabs(m) < 10000) snprintf(buf, 40, "%s m", sl_thousands((long long)llround(m), t));
    else snprintf(buf, 40, "%s.%d km", sl_thousands((long long)(m / 1000), t), (int)fmod(fabs(m) / 100, 10));
    return buf;
}

void cli_wrap(FILE *f, const char *lead, const char *text)
{
    size_t indent = strlen(lead), col = (size_t)fprintf(f, "%s", lead);
    while (*(text += strspn(text, " "))) {
        size_t w = strcspn(text, " ");
        if (col > indent && col + 1 + w > 100) col = (size_t)fprintf(f, "\n%*s", (int)indent, "") - 1;
        col += (size_t)fprintf(f, "%s%.*s", col ? " " : "", (int)w, text);
        text += w;
    }
    fputc('\n', f);
}

void cli_caution(FILE *f, const char *text) { cli_wrap(f, "caution:", text); }

/* 1 for a column of words (left-aligned, sorted A to Z by default). */
static int is_text(cli_kind k) { return k == CLI_TEXT || k == CLI_GROUP; }

/* The cell of column C in row R for a person, in BUF. */
static const char *human_cell(const cli_col *c, json_t *r, double p_floor, char buf[40])
{
    json_t *v = json_object_get(r, c->key);
    if (c->kind == CLI_TEXT) return json_is_string(v) ? json_string_value(v) : "";
    if (c->kind == CLI_GROUP) return json_is_string(v) ? sl_group_label(json_string_value(v)) : ""; /* "white non-Hispanic" */
    if (json_is_null(v) || !v) return c->kind == CLI_COUNT ? "" : "n/a";
    if (json_is_string(v)) return json_string_value(v); /* "< 5": a suppressed count */
    double x = json_number_value(v);
    switch (c->kind) {
    case CLI_COUNT: return sl_thousands((long long)llround(x), buf);
    case CLI_PERCENT:
        sl_readable(100 * x, buf);
        strcat(buf, "%");
        return buf;
    case CLI_POINTS:
        sl_readable(100 * x, buf);
        strcat(buf, " pt");
        return buf;
    case CLI_METRES: return cli_distance(x, buf);
    case CLI_P:
        return sl_format_p(x, p_floor, buf);
    default: return sl_readable(x, buf);
    }
}

/* ---- sorting: a stable merge of the rows by one column */

typedef struct sort_ctx {
    const cli_col *col;
    int desc;
} sort_ctx;

static int compare(const sort_ctx *s, json_t *a, json_t *b)
{
    json_t *x = json_object_get(a, s->col->key), *y = json_object_get(b, s->col->key);
    int xn = !x || json_is_null(x), yn = !y || json_is_null(y);
    if (xn || yn) return xn - yn; /* unknowns last, whatever the order */
    int c;
    if (json_is_number(x) && json_is_number(y)) {
        double d = json_number_value(x) - json_number_value(y);
        c = d < 0 ? -1 : d > 0;
    } else if (json_is_string(x) && json_is_string(y)) {
        c = strcasecmp(json_string_value(x), json_string_value(y));
        if (!c) c = strcmp(json_string_value(x), json_string_value(y));
    } else {
        c = json_is_number(x) ? -1 : 1; /* numbers before suppressed "< 5" */
    }
    return s->desc ? -c : c;
}

/* Rows of areas that tie go by id, numbers as numbers, whichever the
** order (as the report ranks them), so that a cut at --top falls alike. */
static int compare_rows(const sort_ctx *s, json_t *a, json_t *b)
{
    int c = compare(s, a, b);
    json_t *x = json_object_get(a, "id"), *y = json_object_get(b, "id");
    if (c || !json_is_string(x) || !json_is_string(y)) return c;
    return sl_id_cmp(json_string_value(x), json_string_value(y));
}

static void merge_sort(const sort_ctx *s, json_t **v, json_t **tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2, i = 0, j = h, k = 0;
    merge_sort(s, v, tmp, h);
    merge_sort(s, v + h, tmp, n - h);
    while (i < h && j < n) tmp[k++] = compare_rows(s, v[j], v[i]) < 0 ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* The column KEY names: its CSV key, or else the heading a person reads in
** the table ("--sort share" for the CSV's share_fraction). */
static const cli_col *find_col(const cli_table *t, const char *key)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (!strcmp(t->cols[i].key, key)) return &t->cols[i];
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].head && !strcmp(t->cols[i].head, key)) return &t->cols[i];
    return NULL;
}

int cli_table_order(const char *command, const cli_out *o, const cli_table *t)
{
    const char *key = o->sort ? o->sort : t->sort;
    if (!key) return CLI_OK;
    const cli_col *c = find_col(t, key);
    if (!c) {
        char keys[512] = "";
        for (size_t i = 0; i < t->ncols; i++)
            snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", i ? ", " : "", t->cols[i].key);
        return cli_usage_error(command, "--sort wants one of %s, not '%s'", keys, key);
    }
    size_t n = json_array_size(t->rows);
    json_t **v = malloc((2 * n + 1) * sizeof *v);
    if (!v) return cli_usage_error(command, "out of memory");
    for (size_t i = 0; i < n; i++) v[i] = json_incref(json_array_get(t->rows, i));
    /* a chosen column sorts numbers largest first and text A to Z */
    int desc = o->order ? o->order < 0 : o->sort ? !is_text(c->kind) : t->desc;
    sort_ctx s = {c, desc};
    merge_sort(&s, v, v + n, n);
    json_array_clear(t->rows);
    for (size_t i = 0; i < n; i++) json_array_append_new(t->rows, v[i]);
    free(v);
    return CLI_OK;
}

/* Columns on a terminal: one per UTF-8 code point (continuation bytes
** take none), close enough for names with accents. */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The first MAX code points of S and an ellipsis, in OUT. */
static const char *truncated(const char *s, size_t max, char *out, size_t cap)
{
    size_t n = 0, i = 0;
    for (; s[i] && i + 4 < cap; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max) break;
        out[i] = s[i];
    }
    memcpy(out + i, "\xe2\x80\xa6", 4); /* U+2026 */
    return out;
}

/* S shortened to at most MAX code points in OUT, for a name of parts
** joined by ", " ("Census Tract 2.01, New York city (part), Manhattan
** borough, New York County, New York"): its first part and as many of its
** last as fit, the middle an ellipsis ("Census Tract 2.01, …, New York
** County, New York"), since the end names the county and state that tell
** two such areas apart. Else (one part, or no last part fits) the first
** MAX - 1 code points and an ellipsis. */
static const char *shortened(const char *s, size_t max, char *out, size_t cap)
{
    const char *first = strstr(s, ", "), *tail = NULL;
    size_t head = 0; /* the first part's columns */
    for (const char *p = s; first && p < first; p++) head += ((unsigned char)*p & 0xC0) != 0x80;
    /* from the left, the first separator whose rest fits leaves the most */
    for (const char *p = first ? strstr(first + 2, ", ") : NULL; p && !tail; p = strstr(p + 2, ", "))
        if (head + 5 + width(p + 2) <= max) tail = p + 2;
    if (tail && (size_t)(first - s) + 6 + strlen(tail) < cap) {
        snprintf(out, cap, "%.*s, \xe2\x80\xa6, %s", (int)(first - s), s, tail);
        return out;
    }
    return truncated(s, max - 1, out, cap);
}

/* Right-aligned unless text. */
static void pad(const char *s, int cols, int right, int last)
{
    int len = (int)width(s);
    if (right) printf("%*s%s", cols - len, "", s);
    else if (last) fputs(s, stdout);
    else printf("%s%*s", s, cols - len, "");
}

/* A table's rows and the column they are sorted by, for sl_rank_same. */
typedef struct sorted_rows {
    sort_ctx s;
    json_t *rows;
} sorted_rows;

/* Whether rows I and J of a sorted_rows hold the same value of its column. */
static int same_value(const void *p, size_t i, size_t j)
{
    const sorted_rows *r = p;
    return compare(&r->s, json_array_get(r->rows, i), json_array_get(r->rows, j)) == 0;
}

/* When the cut after ROWS rows falls inside a tie of the sort column, how
** many rows past it hold the last row's value, into TIE ("; 2 more also
** hold 7 (sites), not listed"): the order among them is the id's, not a
** ranking, and a reader must not take the last listed for the last. */
static void tied(const cli_out *o, const cli_table *t, size_t rows, char *tie, size_t len)
{
    const char *key = o->sort ? o->sort : t->sort;
    const cli_col *c = key ? find_col(t, key) : NULL;
    if (!c || !rows) return;
    sorted_rows r = {{c, 0}, t->rows};
    json_t *last = json_array_get(t->rows, rows - 1);
    size_t more = sl_rank_ties_past_cut(&r, json_array_size(t->rows), rows, same_value);
    json_t *v = json_object_get(last, c->key);
    if (!more || !v || json_is_null(v)) return;
    char n[32], buf[40];
    snprintf(tie, len, "; %s more also hold%s %s (%s), not listed", sl_thousands((long long)more, n),
             more == 1 ? "s" : "", human_cell(c, last, t->p_floor, buf), c->head);
}

/* The cell S of column COL as the table prints it: text is cut to keep the
** next column in line (SL_TABLE_TEXT_MAX columns); the last column (LAST)
** has none after it and is printed whole ("vendor: A -> B" cut is no answer). */
#define SL_TABLE_TEXT_MAX 64
static const char *shown_cell(const cli_col *col, const char *s, int last, char *cut, size_t cap)
{
    if (is_text(col->kind) && !last && width(s) > SL_TABLE_TEXT_MAX) return shortened(s, SL_TABLE_TEXT_MAX, cut, cap);
    return s;
}

static void print_human(const cli_out *o, const cli_table *t, size_t rows)
{
    char buf[40];
    int w[32] = {0};
    size_t nc = t->ncols < 32 ? t->ncols : 32;
    for (size_t c = 0; c < nc; c++) w[c] = (int)width(t->cols[c].head);
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < nc; c++) {
            char cut[200];
            const char *s = human_cell(&t->cols[c], json_array_get(t->rows, r), t->p_floor, buf);
            int len = (int)width(shown_cell(&t->cols[c], s, c + 1 == nc, cut, sizeof cut));
            if (len > w[c]) w[c] = len;
        }
    if (t->title) printf("\n%s\n", t->title);
    for (size_t c = 0; c < nc; c++) {
        fputs(c ? "  " : "  ", stdout);
        pad(t->cols[c].head, w[c], !is_text(t->cols[c].kind), c + 1 == nc);
    }
    putchar('\n');
    for (size_t r = 0; r < rows; r++) {
        size_t end = nc; /* empty cells closing a row (a new row's "what changed") print no blanks */
        while (end > 1 && !*human_cell(&t->cols[end - 1], json_array_get(t->rows, r), t->p_floor, buf)) end--;
        for (size_t c = 0; c < end; c++) {
            const char *s = human_cell(&t->cols[c], json_array_get(t->rows, r), t->p_floor, buf);
            char cut[200];
            s = shown_cell(&t->cols[c], s, c + 1 == nc, cut, sizeof cut);
            fputs("  ", stdout);
            pad(s, w[c], !is_text(t->cols[c].kind), c + 1 == end);
        }
        putchar('\n');
    }
    if (!rows) printf("  (none)\n");
    size_t all = json_array_size(t->rows);
    if (rows < all) {
        char r[32], a[32], tie[160] = "";
        sl_thousands((long long)rows, r);
        tied(o, t, rows, tie, sizeof tie);
        printf("  (%s of %s rows%s; --top %zu shows more)\n", r, sl_thousands((long long)all, a), tie, all);
    }
}

/* Digits with a leading zero ("06073", a FIPS code) are quoted so that a
** spreadsheet importing quoted fields as text keeps the zero. */
static int numeric_text(const char *s)
{
    if (s[0] != '0' || !s[1]) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* Rows resting on `sightline synth`'s invented ones (O->synthetic) carry
** a last column "synthetic" naming its files: a CSV cannot hold the
** caution's sentence, and a spreadsheet passed on must not lose the mark. */
static void print_csv(const cli_out *o, const cli_table *t, size_t rows)
{
    for (size_t c = 0; c < t->ncols; c++) {
        if (c) putchar(',');
        sl_csv_write_cell(stdout, t->cols[c].key);
    }
    if (o->synthetic[0]) fputs(",synthetic", stdout);
    sl_csv_end_row(stdout);
    for (size_t r = 0; r < rows; r++) {
        json_t *row = json_array_get(t->rows, r);
        for (size_t c = 0; c < t->ncols; c++) {
            json_t *v = json_object_get(row, t->cols[c].key);
            if (c) putchar(',');
            if (json_is_string(v) && numeric_text(json_string_value(v))) printf("\"%s\"", json_string_value(v));
            else if (json_is_string(v)) sl_csv_write_cell(stdout, json_string_value(v));
            else if (json_is_integer(v)) printf("%lld", (long long)json_integer_value(v));
            else if (json_is_real(v) && isfinite(json_real_value(v))) printf("%.10g", json_real_value(v));
            else if (json_is_boolean(v)) fputs(json_is_true(v) ? "true" : "false", stdout);
        }
        if (o->synthetic[0]) {
            putchar(',');
            sl_csv_write_cell(stdout, o->synthetic);
        }
        sl_csv_end_row(stdout);
    }
}

void cli_table_print(const cli_out *o, const cli_table *t)
{
    size_t rows = json_array_size(t->rows);
    if (o->top > 0 && (size_t)o->top < rows) rows = (size_t)o->top;
    if (o->format == CLI_FMT_CSV) print_csv(o, t, rows);
    else print_human(o, t, rows);
}

int cli_print_record(const cli_out *o, json_t *r, const cli_col *cols, size_t ncols)
{
    json_t *rows = json_array();
    if (!rows || json_array_append(rows, r)) {
        json_decref(rows);
        fputs("sightline: out of memory\n", stderr);
        return CLI_DATA;
    }
    cli_table t = {NULL, cols, ncols, rows, NULL, 0, 0};
    cli_table_print(o, &t);
    json_decref(rows);
    return CLI_OK;
}
