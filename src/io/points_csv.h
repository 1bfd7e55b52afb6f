/*
** points_csv.h — the CSV point reader's entry for points_read.c (private to
** src/io): the streamed read of a file in windows, which the public
** sl_points_stream_csv (one buffer) cannot do.
*/
#ifndef SIGHTLINE_IO_POINTS_CSV_H
#define SIGHTLINE_IO_POINTS_CSV_H

#include "sightline/io/points_io.h"

/* Where a streamed read gets its bytes. */
typedef struct sl_points_input {
    /* Put up to CAP next bytes at BUF and their count in *GOT: 0 at the end
    ** of the input, never otherwise. */
    sl_status (*fill)(void *ctx, char *buf, size_t cap, size_t *got, sl_error *err);
    /* Hash LEN bytes just filled, in file order; called in a thread of its
    ** own beside the parse (NULL: no hash here). */
    void (*digest)(void *ctx, const char *data, size_t len);
    void *ctx;
    size_t window; /* bytes read at a time; 0: 64 MB (tests use a few bytes) */
} sl_points_input;

/* sl_points_stream_csv over the bytes IN gives, read a window (IN->window) at a
** time, so a file of any size streams in bounded memory and a read error is
** an error, never a signal. A row longer than a window grows it (up to
** sl_input_max_bytes). */
sl_status sl_points_stream_csv_input(const char *name, const sl_points_input *in,
                                     const sl_point_columns *cols, sl_points_sink sink, void *ctx,
                                     sl_point_report *rep, sl_error *err);

/* The parse of a file read in windows (points_window.c reads them). */
typedef struct sl_csv_stream sl_csv_stream;

/* A new stream (NULL when out of memory); free with sl_csv_stream_free. */
sl_csv_stream *sl_csv_stream_new(void);

/* Parse one window BUF[0, LEN): the header the first time, then the rows up
** to the last row end (every row when EOF, the input has no more), into
** chunks for SINK. *USED: the bytes done with; the next window starts with
** the rest (a row the window cut). Windows must come in file order. */
sl_status sl_csv_stream_window(sl_csv_stream *s, const char *name, const char *buf, size_t len,
                               int eof, const sl_point_columns *cols, sl_points_sink sink,
                               void *ctx, sl_point_report *rep, size_t *used, sl_error *err);

/* 1 once the header was read. */
int sl_csv_stream_started(const sl_csv_stream *s);

void sl_csv_stream_free(sl_csv_stream *s);

#endif
