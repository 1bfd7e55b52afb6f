/*
** area_demographics.c — the demographics table joined to areas by id (see
** area_demographics.h). Thousands of rows: a sorted array and bsearch.
*/
#include "area_demographics.h"
#include "sightline/io/csv.h"
#include "sightline/io/points_io.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct row {
    char *key;
    double v[5];
    long line;
    int used;
} row;

struct sl_demographics {
    row *rows;
    size_t count;
};

void sl_area_key(const char *key, int width, char *out, size_t outsize)
{
    while (*key == ' ') key++;
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
    return sl_parse_decimal(s, strlen(s), &v) ? v : NAN;
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
        if (!r->key) return sl_fail(err, SL_ENOMEM, o->demographics, 0, "out of memory");
        r->line = sl_csv_line(csv);
        r->used = 0;
        for (int i = 0; i < 5; i++) r->v[i] = cols[i] >= 0 ? value_of(sl_csv_field(csv, (size_t)cols[i])) : NAN;
        d->count++;
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
    sl_csv_close(csv);
    if (!st) {
        qsort(d->rows, d->count, sizeof *d->rows, cmp_row);
        for (size_t i = 1; i < d->count && !st; i++)
            if (strcmp(d->rows[i].key, d->rows[i - 1].key) == 0)
                st = sl_fail(err, SL_EDATA, opt->demographics, d->rows[i].line,
                             "key '%s' appears twice (also line %ld)", d->rows[i].key,
                             d->rows[i - 1].line);
    }
    if (st) {
        sl_demographics_free(d);
        return st;
    }
    *out = d;
    return SL_OK;
}

int sl_demographics_lookup(sl_demographics *d, const char *key, double values[5])
{
    row probe = {.key = (char *)key};
    row *r = bsearch(&probe, d->rows, d->count, sizeof *d->rows, cmp_row);
    if (!r) return 0;
    r->used = 1;
    memcpy(values, r->v, sizeof r->v);
    return 1;
}

int sl_demographics_has(const sl_demographics *d, const char *key)
{
    row probe = {.key = (char *)key};
    return bsearch(&probe, d->rows, d->count, sizeof *d->rows, cmp_row) != NULL;
}

long sl_demographics_unmatched(const sl_demographics *d, char *examples, size_t cap)
{
    long n = 0;
    for (size_t i = 0; i < d->count; i++)
        if (!d->rows[i].used) {
            n++;
            sl_area_example_add(examples, cap, d->rows[i].key);
        }
    return n;
}

void sl_area_example_add(char *buf, size_t cap, const char *text)
{
    size_t len = strlen(buf), items = len > 0;
    for (const char *p = buf; (p = strstr(p, ", ")); p += 2) items++;
    if (items >= SL_AREA_EXAMPLES || len + 2 + strlen(text) + 1 > cap) return;
    snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", text);
}

void sl_demographics_free(sl_demographics *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->count; i++) free(d->rows[i].key);
    free(d->rows);
    free(d);
}
