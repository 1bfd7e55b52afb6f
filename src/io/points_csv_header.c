/*
** points_csv_header.c — the header row of a point file: delimiter and row
** end, and which columns hold latitude, longitude, id, time and text (named
** by the caller or found by their usual names). Apart from points_csv.c,
** whose row loop is what must be fast.
*/
#include "csv_plan.h"
#include "sightline/core/names.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char sl_csv_guess_eol(const char *s, const char *end)
{
    /* Only a CR before the first LF counts: no pass over the whole file. */
    const char *lf = memchr(s, '\n', (size_t)(end - s));
    const char *cr = memchr(s, '\r', (size_t)((lf ? lf : end) - s));
    if (cr && cr + 1 != lf) return '\r';
    return '\n';
}

static int name_is(field f, const char *want)
{
    csv_trim(&f);
    return f.len == strlen(want) && strncasecmp(f.s, want, f.len) == 0;
}

static int find_col(const field *hdr, int n, const char *want)
{
    for (int i = 0; i < n; i++)
        if (name_is(hdr[i], want)) return i;
    return -1;
}

/* "no column named": every column the header has (the one the user meant
** is often near the end, as lat and long are), and the closest name. */
static sl_status no_column(const csv_plan *pl, const field *hdr, int n, const char *given, const char *what,
                           sl_error *err)
{
    char list[720];
    sl_name_list l;
    sl_name_list_start(&l, list, sizeof list);
    int best = -1, score = 0;
    for (int i = 0; i < n; i++) {
        field f = hdr[i];
        csv_trim(&f);
        sl_name_list_add(&l, f.s, f.len < 60 ? f.len : 60);
        int c = sl_name_closeness(given, f.s, f.len);
        if (c > score) score = c, best = i;
    }
    char hint[96] = "";
    if (best >= 0) {
        field f = hdr[best];
        csv_trim(&f);
        snprintf(hint, sizeof hint, "; did you mean '%.*s'?", (int)(f.len < 60 ? f.len : 60), f.s);
    }
    return sl_fail(err, SL_EDATA, pl->name, pl->first_line - 1, "no column named '%s' for %s (the columns are: %s)%s",
                   given, what, sl_name_list_end(&l), hint);
}

/* Resolve one wanted column: by the caller's name, or the first candidate. */
static sl_status resolve(const csv_plan *pl, const field *hdr, int n, const char *given,
                         const char *const *cands, const char *what, int *col, sl_error *err)
{
    *col = -1;
    if (given) {
        if ((*col = find_col(hdr, n, given)) < 0) return no_column(pl, hdr, n, given, what, err);
        return SL_OK;
    }
    for (int i = 0; cands && cands[i] && *col < 0; i++) *col = find_col(hdr, n, cands[i]);
    return SL_OK;
}

sl_status sl_csv_plan_read_header(csv_plan *pl, const char **pp, const char *end,
                             const sl_point_columns *cols, sl_point_report *rep, sl_error *err)
{
    /* Every header field is read (a wanted column past the first 4,096 gets
    ** its own message below, never "no column named" though it exists). */
    int n = 0, cap = 256;
    field *hdr = malloc((size_t)cap * sizeof *hdr);
    if (!hdr) return sl_fail(err, SL_ENOMEM, pl->name, 0, "out of memory");
    long lines = 0;
    const char *p = *pp;
    for (;;) {
        field f = csv_scan_field(pl, &p, end, &lines);
        if (f.unclosed) {
            free(hdr);
            return sl_fail(err, SL_EDATA, pl->name, pl->first_line - 1, "quoted field never closed");
        }
        if (n == cap) {
            field *more = cap < INT_MAX / 2 ? realloc(hdr, (size_t)cap * 2 * sizeof *hdr) : NULL;
            if (!more) {
                free(hdr);
                return sl_fail(err, SL_ENOMEM, pl->name, pl->first_line - 1, "out of memory reading the header");
            }
            hdr = more;
            cap *= 2;
        }
        hdr[n++] = f;
        if (p >= end || *p == pl->eol) break;
        p++;
    }
    if (p < end) p++;
    *pp = p;
    static const char *const ID[] = {"id", NULL};
    sl_status st = resolve(pl, hdr, n, cols->lat, sl_lat_names, "latitude", &pl->col[COL_LAT], err);
    if (!st) st = resolve(pl, hdr, n, cols->lon, sl_lon_names, "longitude", &pl->col[COL_LON], err);
    if (!st) st = resolve(pl, hdr, n, cols->id, ID, "id", &pl->col[COL_ID], err);
    if (!st) st = resolve(pl, hdr, n, cols->time, NULL, "time", &pl->col[COL_TIME], err);
    if (!st) st = resolve(pl, hdr, n, cols->text, NULL, "text", &pl->col[COL_TEXT], err);
    if (!st && (pl->col[COL_LAT] < 0 || pl->col[COL_LON] < 0))
        st = sl_fail(err, SL_EDATA, pl->name, pl->first_line - 1,
                     "no %s column found by name; name it with --%s",
                     pl->col[COL_LAT] < 0 ? "latitude" : "longitude",
                     pl->col[COL_LAT] < 0 ? "lat" : "lon");
    /* a "date" column is not taken unasked (a column of other dates would
    ** date every post wrongly), but the import says it is there */
    static const char *const TIME_NAMES[] = {"date", "time", "datetime", "timestamp", "created", "created_at",
                                             "posted", "posted_at", NULL};
    int t = -1;
    for (int i = 0; !st && !cols->time && TIME_NAMES[i] && t < 0; i++) t = find_col(hdr, n, TIME_NAMES[i]);
    if (t >= 0) {
        field f = hdr[t];
        csv_trim(&f);
        snprintf(rep->unread_time, sizeof rep->unread_time, "%.*s", (int)f.len, f.s);
    }
    if (!st) {
        field a = hdr[pl->col[COL_LAT]], b = hdr[pl->col[COL_LON]];
        csv_trim(&a);
        csv_trim(&b);
        snprintf(rep->lat_col, sizeof rep->lat_col, "%.*s", (int)a.len, a.s);
        snprintf(rep->lon_col, sizeof rep->lon_col, "%.*s", (int)b.len, b.s);
    }
    if (!st && pl->col[COL_TIME] >= 0) {
        field f = hdr[pl->col[COL_TIME]];
        csv_trim(&f);
        snprintf(rep->time_col, sizeof rep->time_col, "%.*s", (int)f.len, f.s);
    }
    pl->date_format = cols->date_format;
    pl->maxcol = 0;
    pl->fast = 1;
    memset(pl->slot, -1, sizeof pl->slot);
    for (int c = NCOLS - 1; c >= 0; c--) {
        if (pl->col[c] > pl->maxcol) pl->maxcol = pl->col[c];
        if (pl->col[c] >= 4096 && !st)
            st = sl_fail(err, SL_EDATA, pl->name, pl->first_line - 1,
                         "the header has %d columns and a wanted one is column %d: points are read from the "
                         "first 4,096 columns only", n, pl->col[c] + 1);
        if (pl->col[c] >= 0 && pl->col[c] < 4096) {
            if (pl->slot[pl->col[c]] >= 0) pl->fast = 0; /* one column used twice */
            pl->slot[pl->col[c]] = (signed char)c;
        }
    }
    free(hdr);
    return st;
}

