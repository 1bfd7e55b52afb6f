/*
** points_csv.h — the CSV point reader's entry for points_read.c (private to
** src/io): the streamed read over a file the caller has mapped, which the
** public sl_points_stream_csv cannot assume of its buffer.
*/
#ifndef SIGHTLINE_IO_POINTS_CSV_H
#define SIGHTLINE_IO_POINTS_CSV_H

#include "sightline/points_io.h"

/* sl_points_stream_csv; when MAPPED, DATA is a read-only file mapping and
** its pages are released (sl_file_release) as the rows are read, so a file
** of any size streams with a bounded resident set. */
sl_status sl_points_stream_csv_input(const char *name, const char *data, size_t len, int mapped,
                                     const sl_point_columns *cols, sl_points_sink sink, void *ctx,
                                     sl_point_report *rep, sl_error *err);

#endif
