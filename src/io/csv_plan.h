/*
** csv_plan.h — what the fast point reader (points_csv.c) and its header
** reader (points_csv_header.c) share: the plan of a file's columns and the
** field scanner. Private to src/io.
*/
#ifndef SIGHTLINE_IO_CSV_PLAN_H
#define SIGHTLINE_IO_CSV_PLAN_H

#include "sightline/io/points_io.h"

#include <stddef.h>

enum { COL_LAT, COL_LON, COL_ID, COL_TIME, COL_TEXT, NCOLS };

typedef struct csv_plan {
    const char *name;
    char delim, eol; /* eol: '\n' (LF or CRLF) or '\r' (CR only) */
    int has_quotes;
    int fast;        /* rows may take the one-pass path (no column used twice) */
    long first_line; /* the first row's line: 2, or more under a title (sl_csv_title_lines) */
    int col[NCOLS];  /* column index or -1 */
    int maxcol;      /* highest wanted column */
    const char *date_format; /* of the time column, or NULL (sl_parse_time_as) */
    signed char slot[4096]; /* column -> wanted slot, or -1 (headers are read up to 4096 columns) */
} csv_plan;

typedef struct field {
    const char *s;
    size_t len;
    int quoted;   /* may hold "" escapes */
    int unclosed; /* a quote opened and the input ended */
} field;

/* Scan one field starting at *pp; leaves *pp on the delimiter, eol or end.
** Counts newlines inside quotes into *lines. */
static inline field csv_scan_field(const csv_plan *pl, const char **pp, const char *end, long *lines)
{
    const char *p = *pp;
    field f = {p, 0, 0, 0};
    if (p < end && *p == '"') {
        const char *q = ++p;
        for (;;) {
            while (q < end && *q != '"') {
                if (*q == pl->eol) (*lines)++;
                q++;
            }
            if (q + 1 < end && q[1] == '"') { q += 2; f.quoted = 1; continue; }
            break;
        }
        f.s = p;
        f.len = (size_t)(q - p);
        f.unclosed = q >= end;
        p = q < end ? q + 1 : q;
        while (p < end && *p != pl->delim && *p != pl->eol) p++; /* text after the quote */
    } else {
        const char d = pl->delim, e = pl->eol;
        while (p < end && *p != d && *p != e) p++;
        f.len = (size_t)(p - f.s);
    }
    *pp = p;
    return f;
}

/* Drop spaces around a field and the CR of a CRLF row end. */
static inline void csv_trim(field *f)
{
    while (f->len && (f->s[f->len - 1] == '\r' || f->s[f->len - 1] == ' ')) f->len--;
    while (f->len && f->s[0] == ' ') f->s++, f->len--;
}

/* The row end ('\n', or '\r' for CR-only files) of the text at S, guessed
** from its first line. (The delimiter is sl_csv_guess_delim, in csv.h.) */
char sl_csv_guess_eol(const char *s, const char *end);

/* Read the header row at *PP into PL (the wanted columns: named in COLS or
** found by name), recording the lat/lon column names in REP; leaves *PP at
** the first data row. */
sl_status sl_csv_plan_read_header(csv_plan *pl, const char **pp, const char *end,
                          const sl_point_columns *cols, sl_point_report *rep, sl_error *err);

#endif
