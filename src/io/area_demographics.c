/*
** area_demographics.c — the demographics table joined to areas by id (see
** area_demographics.h). Thousands of rows: a sorted array and bsearch.
*/
#include "area_demographics.h"
#include "sightline/io/csv.h"
#include "sightline/io/points_io.h"
#include "sightline/core/area.h"
#include "sightline/core/points.h"
#include "sightline/core/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct row {
    char *key;
    int used;
    sl_demographics_row r;
} row;

struct sl_demographics {
    row *rows;
    size_t count;
    long labels_line; /* data.census.gov's row of labels, skipped by the reader */
    char labels[128];
};

void sl_area_key(const char *key, int width, char *out, size_t outsize)
{
    while (*key == ' ') key++;
    key = sl_census_geo_id(key); /* data.census.gov's "1400000US17031010100" */
    size_t n = strlen(key);
    while (n && key[n - 1] == ' ') n--;
    int digits = n > 0;
    for (size_t i = 0; i < n; i++) digits &= isdigit((unsigned char)key[i]) != 0;
    size_t pad = digits && width > 0 && (size_t)width > n ? (size_t)width - n : 0;
    if (pad + n + 1 > outsize) pad = 0, n = n < outsize ? n : outsize - 1;
    memset(out, '0', pad);
    memcpy(out + pad, key, n);
    out[pad + n] = '\0';
}

static int cmp_row(const void *a, const void *b)
{
    return strcmp(((const row *)a)->key, ((const row *)b)->key);
}

static sl_status find_columns(sl_csv *csv, const sl_area_options *o, int *key, int cols[5],
                              sl_error *err)
{
    const char *names[5] = {o->pop, o->black, o->hispanic, o->white_nh, o->foreign_born};
    *key = sl_csv_column(csv, o->key);
    if (*key < 0) return sl_fail(err, SL_EDATA, o->demographics, 1, "no key column '%s'", o->key);
    for (int i = 0; i < 5; i++) {
        cols[i] = names[i] ? sl_csv_column(csv, names[i]) : -1;
        if (names[i] && cols[i] < 0)
            return sl_fail(err, SL_EDATA, o->demographics, 1, "no column '%s'", names[i]);
    }
    return SL_OK;
}

static double value_of(const char *s)
{
    double v;
    return sl_parse_grouped(s, strlen(s), &v) ? v : NAN;
}

/* The row's figures; the first that is empty or no number is kept, with
** its text, for the warning that counts them. */
static sl_status read_values(sl_csv *csv, const int cols[5], sl_demographics_row *r)
{
    r->bad = -1;
    r->bad_text = NULL;
    for (int i = 0; i < 5; i++) {
        const char *text = cols[i] >= 0 ? sl_csv_field(csv, (size_t)cols[i]) : "";
        r->v[i] = cols[i] >= 0 ? value_of(text) : NAN;
        if (cols[i] < 0 || !isnan(r->v[i]) || r->bad >= 0) continue;
        r->bad = i;
        if (!(r->bad_text = strdup(text))) return SL_ENOMEM;
    }
    return SL_OK;
}

static sl_status read_rows(sl_csv *csv, const sl_area_options *o, sl_demographics *d, sl_error *err)
{
    int key, cols[5];
    if (find_columns(csv, o, &key, cols, err)) return err->status;
    size_t cap = 0;
    int rc;
    while ((rc = sl_csv_next(csv, err)) == 1) {
        const char *k = sl_csv_field(csv, (size_t)key);
        if (!*k) continue;
        if (d->count == cap) {
            cap = cap ? cap * 2 : 1024;
            row *g = realloc(d->rows, cap * sizeof *g);
            if (!g) return sl_fail(err, SL_ENOMEM, o->demographics, 0, "out of memory");
            d->rows = g;
        }
        row *r = &d->rows[d->count];
        char padded[256];
        sl_area_key(k, o->key_width, padded, sizeof padded);
        r->key = strdup(padded);
        r->used = 0;
        r->r.line = sl_csv_line(csv);
        d->count += r->key != NULL; /* freed with the table from here */
        if (!r->key || read_values(csv, cols, &r->r))
            return sl_fail(err, SL_ENOMEM, o->demographics, 0, "out of memory");
    }
    return rc < 0 ? err->status : SL_OK;
}

sl_status sl_demographics_load(const sl_area_options *opt, sl_demographics **out,
                               char sha256_hex[65], sl_error *err)
{
    if (!opt->key) return sl_fail(err, SL_EUSAGE, "", 0, "--demographics needs --key COLUMN");
    sl_csv *csv;
    if (sl_csv_open(opt->demographics, 0, &csv, err)) return err->status;
    snprintf(sha256_hex, 65, "%s", sl_csv_sha256(csv));
    sl_demographics *d = calloc(1, sizeof *d);
    sl_status st = d ? sl_csv_read_header(csv, err) : sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    if (!st) st = read_rows(csv, opt, d, err);
    if (!st) {
        d->labels_line = sl_csv_labels_line(csv);
        snprintf(d->labels, sizeof d->labels, "%s", sl_csv_labels(csv));
    }
    sl_csv_close(csv);
    if (!st) {
        qsort(d->rows, d->count, sizeof *d->rows, cmp_row);
        for (size_t i = 1; i < d->count && !st; i++)
            if (strcmp(d->rows[i].key, d->rows[i - 1].key) == 0)
                st = sl_fail(err, SL_EDATA, opt->demographics, d->rows[i].r.line,
                             "key '%s' appears twice (also line %ld)", d->rows[i].key,
                             d->rows[i - 1].r.line);
    }
    if (st) {
        sl_demographics_free(d);
        return st;
    }
    *out = d;
    return SL_OK;
}

const sl_demographics_row *sl_demographics_lookup(sl_demographics *d, const char *key)
{
    row probe = {.key = (char *)sl_census_geo_id(key)}; /* areas whose ids are GEO_IDs (AFFGEOID) */
    row *r = bsearch(&probe, d->rows, d->count, sizeof *d->rows, cmp_row);
    if (!r) return NULL;
    r->used = 1;
    return &r->r;
}

int sl_demographics_has(const sl_demographics *d, const char *key)
{
    row probe = {.key = (char *)sl_census_geo_id(key)};
    return bsearch(&probe, d->rows, d->count, sizeof *d->rows, cmp_row) != NULL;
}

long sl_demographics_unmatched(const sl_demographics *d, sl_area_examples *ex)
{
    long n = 0;
    for (size_t i = 0; i < d->count; i++)
        if (!d->rows[i].used) {
            n++;
            sl_area_example_add(ex, d->rows[i].key);
        }
    return n;
}

long sl_demographics_labels(const sl_demographics *d, const char **text)
{
    *text = d->labels;
    return d->labels_line;
}

void sl_area_example_add(sl_area_examples *ex, const char *text)
{
    size_t len = strlen(ex->text);
    if (ex->n >= SL_AREA_EXAMPLES || len + 2 + strlen(text) + 1 > sizeof ex->text) return;
    snprintf(ex->text + len, sizeof ex->text - len, "%s%s", ex->n ? ", " : "", text);
    ex->n++;
}

void sl_demographics_free(sl_demographics *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->count; i++) free(d->rows[i].key), free(d->rows[i].r.bad_text);
    free(d->rows);
    free(d);
}

/* ---- figures that cannot be --------------------------------------------- */

void sl_figures_note(sl_figure_check *c, const sl_area_options *o, const double v[5], long line, const char *id)
{
    double pop = v[0];
    if (isnan(pop)) return;
    int group = -1;
    /* with --percent a group over 100% is check_percent_range's: it names
    ** the counts read as percentages */
    for (int g = 1; g <= 4 && !o->percent && group < 0; g++)
        if (!isnan(v[g]) && !sl_group_fits(v[g], pop)) group = g;
    double both = v[2] + v[3];
    if (group < 0 && !isnan(both) && !sl_group_fits(o->percent ? both / 100 * pop : both, pop)) group = 0;
    if (group < 0 || c->bad++) return;
    c->group = group, c->line = line;
    memcpy(c->v, v, sizeof c->v);
    snprintf(c->id, sizeof c->id, "%.31s", id);
}

/* X as the messages print figures: "2,773" for a whole number, else "2.773". */
static const char *figure(double x, char buf[32])
{
    if (x == floor(x) && fabs(x) < 1e15) return sl_thousands((long long)x, buf);
    snprintf(buf, 32, "%.10g", x);
    return buf;
}

static sl_status group_over_pop(const sl_figure_check *c, const sl_area_options *o, const char *file,
                                const char *where, const char *more, sl_error *err)
{
    static const char *const GROUP[5] = {"", "Black", "Hispanic", "white non-Hispanic", "foreign-born"};
    const char *col[5] = {o->pop, o->black, o->hispanic, o->white_nh, o->foreign_born};
    char g[32], p[32];
    const char *hint = c->v[0] != floor(c->v[0])
        ? "a population with a fraction beside whole counts suggests '.' as a thousands separator (2.773 for 2,773): "
          "save the table with no thousands separators, or with ',' ones"
        : "check that --pop names the total population and each group's option a count of the same people "
          "(with --percent when they are percentages)";
    return sl_fail(err, SL_EDATA, file, c->line,
                   "%s%s %s (column '%s') is more than the population, %s (column '%s'): a group cannot outnumber "
                   "the people of its area%s; %s",
                   where, GROUP[c->group], figure(c->v[c->group], g), col[c->group], figure(c->v[0], p), o->pop,
                   more, hint);
}

static sl_status disjoint_over_pop(const sl_figure_check *c, const sl_area_options *o, const char *file,
                                   const char *where, const char *more, sl_error *err)
{
    char w[32], h[32], sum[32], p[32];
    const char *unit = o->percent ? "%" : "";
    char total[112];
    if (o->percent) snprintf(total, sizeof total, "%s%% of the population", figure(c->v[2] + c->v[3], sum));
    else snprintf(total, sizeof total, "%s, more than the population %s", figure(c->v[2] + c->v[3], sum),
                  figure(c->v[0], p));
    return sl_fail(err, SL_EDATA, file, c->line,
                   "%swhite non-Hispanic (column '%s', %s%s) and Hispanic (column '%s', %s%s) add up to %s%s, yet "
                   "the two groups share no one: %s is likely white alone, Hispanic included; give --white-nh a "
                   "column of white alone, not Hispanic or Latino, or leave it out",
                   where, o->white_nh, figure(c->v[3], w), unit, o->hispanic, figure(c->v[2], h), unit, total, more,
                   o->white_nh);
}

sl_status sl_figures_verdict(const sl_figure_check *c, const sl_area_options *o, const char *layer, sl_error *err)
{
    if (!c->bad) return SL_OK;
    char where[48] = "", more[64] = "", n[32];
    if (!c->line) snprintf(where, sizeof where, "area '%s': ", c->id);
    if (c->bad > 1)
        snprintf(more, sizeof more, " (and %s more %s so)", sl_thousands(c->bad - 1, n), c->line ? "rows" : "areas");
    const char *file = c->line ? o->demographics : layer;
    return c->group ? group_over_pop(c, o, file, where, more, err) : disjoint_over_pop(c, o, file, where, more, err);
}
