/*
** csv.c — the tolerant delimited-text reader (see include/sightline/io/csv.h).
**
** The input is held whole; a record is parsed into one growable byte buffer
** with an offset per field, so a row costs no allocation once warmed up.
*/
#include "sightline/io/csv.h"
#include "sightline/core/file.h"
#include "sightline/core/text.h"
#include "sightline/core/sha256.h"
#include <stdio.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sl_csv {
    char name[512];
    char sha[65];
    char *data;
    size_t len, pos;
    long line;        /* line the next record starts on */
    long record_line; /* line the current record started on */
    char delim;
    char *buf;        /* current record's fields, NUL-separated */
    size_t buflen, bufcap;
    size_t *offs;
    size_t nfields, offcap;
    char **header;
    size_t nheader;
    long latin1;
    long title_lines; /* skipped above the header (sl_csv_title_lines) */
    char title[128];
    long labels_line; /* data.census.gov's row of labels, skipped (skip_census_labels) */
    char labels[128];
};

static int push_byte(sl_csv *c, char ch)
{
    if (c->buflen + 1 >= c->bufcap) {
        size_t cap = c->bufcap ? c->bufcap * 2 : 256;
        char *grown = realloc(c->buf, cap);
        if (!grown) return -1;
        c->buf = grown;
        c->bufcap = cap;
    }
    c->buf[c->buflen++] = ch;
    return 0;
}

static int start_field(sl_csv *c)
{
    if (c->nfields == c->offcap) {
        size_t cap = c->offcap ? c->offcap * 2 : 32;
        size_t *grown = realloc(c->offs, cap * sizeof *grown);
        if (!grown) return -1;
        c->offs = grown;
        c->offcap = cap;
    }
    c->offs[c->nfields++] = c->buflen;
    return 0;
}

/* Close the current field; convert it from latin-1 when it is not UTF-8. */
static int end_field(sl_csv *c)
{
    if (push_byte(c, '\0')) return -1;
    size_t start = c->offs[c->nfields - 1];
    const char *f = c->buf + start;
    if (sl_utf8_valid(f, c->buflen - 1 - start)) return 0;
    char *conv = sl_latin1_to_utf8(f, c->buflen - 1 - start);
    if (!conv) return -1;
    c->buflen = start;
    for (const char *p = conv; *p; p++)
        if (push_byte(c, *p)) { free(conv); return -1; }
    free(conv);
    c->latin1++;
    return push_byte(c, '\0');
}

char sl_csv_guess_delim(const char *s, size_t len)
{
    const char cands[] = {',', '|', '\t', ';'};
    size_t i = 0;
    /* the first line holding a candidate decides: a title above the header
    ** ("Video requests 2020") holds none */
    for (int line = 0; line <= SL_CSV_TITLE_MAX && i < len; line++) {
        size_t counts[4] = {0};
        int quoted = 0;
        for (; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
            if (s[i] == '"') quoted = !quoted;
            for (int k = 0; k < 4 && !quoted; k++) counts[k] += s[i] == cands[k];
        }
        while (i < len && (s[i] == '\n' || s[i] == '\r')) i++;
        int best = 0;
        for (int k = 1; k < 4; k++)
            if (counts[k] > counts[best]) best = k;
        if (counts[best]) return cands[best];
    }
    return ',';
}

/* One line of S from *POS split on DELIM outside quotes: *FIELDS its
** fields, the count of non-empty ones returned, *FIRST and *FIRST_LEN the
** first non-empty one; *POS moved past the line end. -1 at the end. */
static long line_fields(const char *s, size_t len, size_t *pos, char delim, long *fields, size_t *first,
                        size_t *first_len)
{
    size_t i = *pos;
    if (i >= len) return -1;
    int quoted = 0, filled = 0;
    long nonempty = 0;
    *fields = 1;
    for (; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"') quoted = !quoted;
        if (!quoted && s[i] == delim) {
            filled = 0, ++*fields;
            continue;
        }
        if (!filled && s[i] != ' ' && s[i] != '\t' && s[i] != '"') {
            filled = 1;
            if (nonempty++ == 0) *first = i;
        }
        if (filled && nonempty == 1) *first_len = i + 1 - *first;
    }
    if (i < len && s[i] == '\r') i++;
    if (i < len && s[i] == '\n') i++;
    *pos = i;
    return nonempty;
}

/* The rule: leading lines of at most two non-empty fields (a title may hold
** a comma: "Video Requests, 2020"), then a header of more non-empty fields
** than any of them, followed by a row as wide as it. */
size_t sl_csv_title_lines(const char *s, size_t len, char delim, long *lines, char *title, size_t titlelen)
{
    size_t pos = 0, title_at = 0, title_len = 0, unused[2];
    long widest = 1, fields;
    *lines = 0;
    if (titlelen) title[0] = '\0';
    for (long n = 0; n <= SL_CSV_TITLE_MAX; n++) {
        size_t start = pos;
        size_t at = 0, at_len = 0;
        long k = line_fields(s, len, &pos, delim, &fields, &at, &at_len);
        if (k < 0) return 0;
        size_t after = pos;
        long next_fields = 0;
        if (k > widest && line_fields(s, len, &after, delim, &next_fields, &unused[0], &unused[1]) >= 0 &&
            next_fields == fields) { /* the header: a row as wide follows it */
            if (n == 0) return 0;
            *lines = n;
            if (titlelen) snprintf(title, titlelen, "%.*s", (int)title_len, s + title_at);
            return start;
        }
        if (k > 2) return 0; /* no title: a line too wide for one */
        if (k > widest) widest = k;
        if (k && !title_len) /* the whole line, its trailing empty cells left */
            title_at = at, title_len = pos - at;
        while (title_len && (strchr("\r\n\" ", s[title_at + title_len - 1]) || s[title_at + title_len - 1] == delim))
            title_len--;
    }
    return 0; /* no wider line near the top: a file of one or two columns */
}

const char *sl_csv_not_csv(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
        return "an Excel workbook or another zip file (.xlsx, .ods, .zip), not a CSV: save the sheet as CSV "
               "(Excel: File > Save As > CSV UTF-8), or unzip it";
    if (len >= 4 && !memcmp(data, "\xD0\xCF\x11\xE0", 4))
        return "an Excel 97-2003 workbook (.xls), not a CSV: save the sheet as CSV (Excel: File > Save As > CSV UTF-8)";
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) || (u[0] && !u[1]) ||
                     (!u[0] && u[1])))
        return "UTF-16 text (Excel's \"Unicode Text\"), not UTF-8: save it as CSV UTF-8, or convert it with "
               "iconv -f UTF-16 -t UTF-8";
    size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && strchr(" \t\r\n", data[i])) i++;
    if (i < len && data[i] == '{')
        return "JSON (a GeoJSON?), not a CSV: this import reads a CSV file with a header row";
    return NULL;
}

static sl_status init(sl_csv *c, const char *name, char delim, sl_error *err)
{
    snprintf(c->name, sizeof c->name, "%s", name);
    c->line = 1;
    const char *what = sl_csv_not_csv(c->data, c->len);
    if (what) return sl_fail(err, SL_EDATA, name, 1, "this is %s", what);
    if (memchr(c->data, '\0', c->len))
        return sl_fail(err, SL_EDATA, name, 1, "binary data (NUL byte): not a text file");
    if (c->len >= 3 && memcmp(c->data, "\xEF\xBB\xBF", 3) == 0) c->pos = 3;
    c->delim = delim ? delim : sl_csv_guess_delim(c->data + c->pos, c->len - c->pos);
    c->pos += sl_csv_title_lines(c->data + c->pos, c->len - c->pos, c->delim, &c->title_lines, c->title,
                                 sizeof c->title);
    c->line += c->title_lines;
    return SL_OK;
}

sl_status sl_csv_open(const char *path, char delim, sl_csv **out, sl_error *err)
{
    sl_csv *c = calloc(1, sizeof *c);
    if (!c) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    sl_status st = sl_read_file(path, &c->data, &c->len, c->sha, err);
    if (st == SL_OK) st = init(c, path, delim, err);
    if (st) { sl_csv_close(c); return st; }
    *out = c;
    return SL_OK;
}

sl_status sl_csv_open_buffer(const char *name, const char *data, size_t len, char delim,
                             sl_csv **out, sl_error *err)
{
    sl_csv *c = calloc(1, sizeof *c);
    if (!c || !(c->data = malloc(len + 1))) {
        free(c);
        return sl_fail(err, SL_ENOMEM, name, 0, "out of memory");
    }
    memcpy(c->data, data, len);
    c->data[len] = '\0';
    c->len = len;
    sl_status st = sl_sha256_buffer(c->data, len, c->sha)
                       ? sl_fail(err, SL_ENOMEM, name, 0, "out of memory hashing the input")
                       : init(c, name, delim, err);
    if (st) { sl_csv_close(c); return st; }
    *out = c;
    return SL_OK;
}

/* Consume one line ending at pos (LF, CRLF or lone CR); 1 if there was one. */
static int eat_newline(sl_csv *c)
{
    if (c->pos >= c->len) return 0;
    if (c->data[c->pos] == '\n') { c->pos++; c->line++; return 1; }
    if (c->data[c->pos] == '\r') {
        c->pos++;
        if (c->pos < c->len && c->data[c->pos] == '\n') c->pos++;
        c->line++;
        return 1;
    }
    return 0;
}

static int parse_quoted(sl_csv *c, sl_error *err)
{
    long opened = c->line;
    c->pos++; /* opening quote */
    for (;;) {
        if (c->pos >= c->len)
            return sl_fail(err, SL_EDATA, c->name, opened, "quoted field never closed"), -1;
        char ch = c->data[c->pos];
        if (ch == '"') {
            if (c->pos + 1 < c->len && c->data[c->pos + 1] == '"') {
                if (push_byte(c, '"')) return -1;
                c->pos += 2;
                continue;
            }
            c->pos++;
            break;
        }
        if (ch == '\r' || ch == '\n') {
            /* keep the newline inside the field, normalized to \n */
            eat_newline(c);
            if (push_byte(c, '\n')) return -1;
            continue;
        }
        if (push_byte(c, ch)) return -1;
        c->pos++;
    }
    if (c->pos < c->len) {
        char ch = c->data[c->pos];
        if (ch != c->delim && ch != '\n' && ch != '\r') {
            sl_fail(err, SL_EDATA, c->name, c->line, "unexpected text after a closing quote");
            return -1;
        }
    }
    return 0;
}

int sl_csv_next(sl_csv *c, sl_error *err)
{
    if (c->pos >= c->len) return 0;
    c->buflen = 0;
    c->nfields = 0;
    c->record_line = c->line;
    for (;;) {
        if (start_field(c)) goto oom;
        if (c->pos < c->len && c->data[c->pos] == '"') {
            if (parse_quoted(c, err)) return -1;
        } else {
            while (c->pos < c->len) {
                char ch = c->data[c->pos];
                if (ch == c->delim || ch == '\n' || ch == '\r') break;
                if (push_byte(c, ch)) goto oom;
                c->pos++;
            }
        }
        if (end_field(c)) goto oom;
        if (c->pos < c->len && c->data[c->pos] == c->delim) {
            c->pos++;
            continue;
        }
        eat_newline(c);
        return 1;
    }
oom:
    sl_fail(err, SL_ENOMEM, c->name, c->record_line, "out of memory");
    return -1;
}

size_t sl_csv_nfields(const sl_csv *c) { return c->nfields; }

const char *sl_csv_field(const sl_csv *c, size_t i)
{
    return i < c->nfields ? c->buf + c->offs[i] : "";
}

long sl_csv_line(const sl_csv *c) { return c->record_line; }
const char *sl_csv_name(const sl_csv *c) { return c->name; }
char sl_csv_delim(const sl_csv *c) { return c->delim; }
long sl_csv_latin1_fields(const sl_csv *c) { return c->latin1; }
long sl_csv_title_count(const sl_csv *c) { return c->title_lines; }
const char *sl_csv_title(const sl_csv *c) { return c->title; }
const char *sl_csv_sha256(const sl_csv *c) { return c->sha; }

/* data.census.gov writes its tables with two header rows: the codes
** ("GEO_ID","NAME","B01003_001E") and under them their labels
** ("Geography","Geographic Area Name","Estimate!!Total"); American
** FactFinder did the same ("GEO.id" over "Id"). Read as data, the labels
** row was a row that matched no area, or "Estimate!!Total is not a count"
** refusing the file at line 2. The row under a header opening with GEO_ID
** or GEO.id whose first cell is "Geography" or "Id" is skipped here, once,
** and kept for the import to say; any other row is left to be read. */
static sl_status skip_census_labels(sl_csv *c, sl_error *err)
{
    if (!c->nheader || (strcasecmp(c->header[0], "GEO_ID") && strcasecmp(c->header[0], "GEO.id"))) return SL_OK;
    size_t pos = c->pos;
    long line = c->line, record_line = c->record_line, latin1 = c->latin1;
    int rc = sl_csv_next(c, err);
    if (rc < 0) return err->status;
    const char *first = rc ? sl_csv_field(c, 0) : "";
    if (rc && (!strcmp(first, "Geography") || !strcmp(first, "Id"))) {
        c->labels_line = c->record_line;
        snprintf(c->labels, sizeof c->labels, "%s, %s", first, sl_csv_field(c, c->nfields > 2 ? 2 : 1));
        return SL_OK;
    }
    c->pos = pos, c->line = line, c->record_line = record_line, c->latin1 = latin1;
    return SL_OK;
}

sl_status sl_csv_read_header(sl_csv *c, sl_error *err)
{
    int rc = sl_csv_next(c, err);
    if (rc < 0) return err->status;
    if (rc == 0) return sl_fail(err, SL_EDATA, c->name, 1, "empty file: no header row");
    c->header = calloc(c->nfields, sizeof *c->header);
    if (!c->header) return sl_fail(err, SL_ENOMEM, c->name, 1, "out of memory");
    c->nheader = c->nfields;
    for (size_t i = 0; i < c->nfields; i++) {
        c->header[i] = sl_strdup_trim(sl_csv_field(c, i));
        if (!c->header[i]) return sl_fail(err, SL_ENOMEM, c->name, 1, "out of memory");
    }
    return skip_census_labels(c, err);
}

long sl_csv_labels_line(const sl_csv *c) { return c->labels_line; }

const char *sl_csv_labels(const sl_csv *c) { return c->labels; }

size_t sl_csv_header_count(const sl_csv *c) { return c->nheader; }

const char *sl_csv_header_name(const sl_csv *c, size_t i)
{
    return i < c->nheader ? c->header[i] : "";
}

const char *const *sl_csv_header_names(const sl_csv *c) { return (const char *const *)c->header; }

int sl_csv_column(const sl_csv *c, const char *name)
{
    for (size_t i = 0; i < c->nheader; i++)
        if (strcasecmp(c->header[i], name) == 0) return (int)i;
    return -1;
}

void sl_csv_close(sl_csv *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nheader; i++) free(c->header[i]);
    free(c->header);
    free(c->data);
    free(c->buf);
    free(c->offs);
    free(c);
}
