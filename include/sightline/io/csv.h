/*
** csv.h — a tolerant, streaming-style reader for delimited text.
**
** Real public-records files come with CR-only, CRLF or LF line endings, a
** UTF-8 byte-order mark, latin-1 bytes, quoted fields holding commas and
** newlines, and rows shorter than the header. This reader accepts all of
** them and hands out every field as NUL-terminated UTF-8 (latin-1 fields are
** converted). It rejects, with file and line, what cannot be read honestly:
** an unterminated quote, text after a closing quote, NUL bytes.
**
** The whole file is read into memory once; this is the general reader for
** registries and partnership tables. Point files with millions of rows use
** the fast path in points_csv.h instead.
*/
#ifndef SIGHTLINE_CSV_H
#define SIGHTLINE_CSV_H

#include <stddef.h>
#include "sightline/core/error.h"

typedef struct sl_csv sl_csv;

/* Open PATH (plain or .gz). delim 0 guesses among , | ; and TAB from the first
** line. On success *out must be closed with sl_csv_close. */
sl_status sl_csv_open(const char *path, char delim, sl_csv **out, sl_error *err);

/* The delimiter of the LEN bytes at S: whichever of , | TAB ; occurs most
** in the first row, outside quotes (comma on a tie or none). The general
** reader and the fast point reader both ask it. */
char sl_csv_guess_delim(const char *s, size_t len);

/* What DATA[0..LEN) is when it is a kind of file people give a CSV import
** by mistake (an Excel workbook, UTF-16 text, JSON or GeoJSON), as a
** sentence saying so and what to do; NULL when it may be a CSV. Checked
** before any NUL-byte or header error, which named neither. */
const char *sl_csv_not_csv(const char *data, size_t len);

/* Most lines a title above the header may take (sl_csv_title_lines). */
#define SL_CSV_TITLE_MAX 5

/* The title lines an export writes above its header ("Chicago Police
** Department - Video Requests, 2020", then ",,,"): at most SL_CSV_TITLE_MAX
** leading lines of S (LEN bytes, split on DELIM) of at most two non-empty
** fields, then a header of more non-empty fields than any of them, followed
** by a row as wide as the header. Returns the bytes the title takes, 0 when
** there is none; *LINES its lines and TITLE (TITLELEN bytes) the first
** non-empty field, cut to fit. A file whose first line is already its
** widest (every well-formed CSV) has no title. */
size_t sl_csv_title_lines(const char *s, size_t len, char delim, long *lines, char *title, size_t titlelen);

/* Same over a caller's buffer (copied); NAME is used in error messages. */
sl_status sl_csv_open_buffer(const char *name, const char *data, size_t len,
                             char delim, sl_csv **out, sl_error *err);

/* Read the next record. Returns 1 when a record was read, 0 at end of input,
** -1 on malformed input (err filled with file and line). */
int sl_csv_next(sl_csv *csv, sl_error *err);

/* Fields of the current record, valid until the next sl_csv_next call. */
size_t sl_csv_nfields(const sl_csv *csv);
const char *sl_csv_field(const sl_csv *csv, size_t i); /* "" when i is out of range */

/* 1-based line on which the current record starts. */
long sl_csv_line(const sl_csv *csv);
const char *sl_csv_name(const sl_csv *csv);
char sl_csv_delim(const sl_csv *csv);

/* Read the first record as the header (kept for sl_csv_column). Returns SL_EDATA
** for an empty file. Under a header opening with GEO_ID (or GEO.id), a row
** whose first cell is "Geography" (or "Id") is data.census.gov's (or
** American FactFinder's) row of labels under the codes: it is skipped here
** and told by sl_csv_labels_line. */
sl_status sl_csv_read_header(sl_csv *csv, sl_error *err);
size_t sl_csv_header_count(const sl_csv *csv);
const char *sl_csv_header_name(const sl_csv *csv, size_t i);
/* The header's sl_csv_header_count names, in order: the reader's own
** array, good until sl_csv_close (for "the columns are: ..." and the
** close name of a misspelt one). */
const char *const *sl_csv_header_names(const sl_csv *csv);

/* Index of the header column named NAME (case-insensitive, surrounding spaces
** ignored), or -1. */
int sl_csv_column(const sl_csv *csv, const char *name);

/* The title lines skipped above the header (sl_csv_title_lines), and the
** first one's text: said by the import, never read as the columns. */
long sl_csv_title_count(const sl_csv *csv);
const char *sl_csv_title(const sl_csv *csv);

/* The line of the row of labels skipped under the header, 0 when there
** was none, and its first and third cells ("Geography, Estimate!!Total"),
** for the import to say. */
long sl_csv_labels_line(const sl_csv *csv);
const char *sl_csv_labels(const sl_csv *csv);

/* Number of fields converted from latin-1 so far (for warnings). */
long sl_csv_latin1_fields(const sl_csv *csv);

/* sha256 of the raw file bytes as 64 hex digits (computed at open). */
const char *sl_csv_sha256(const sl_csv *csv);

void sl_csv_close(sl_csv *csv);

#endif
