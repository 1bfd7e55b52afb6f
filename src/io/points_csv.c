/*
** points_csv.c — the fast reader for delimited point files (see
** include/sightline/points_io.h).
**
** A point file can hold tens of millions of rows, so this path avoids the
** general CSV reader's per-field copies: the buffer is scanned in place, only
** the wanted columns are looked at, decimals are parsed by hand, and the body
** is split at row boundaries for worker threads. A split point is a row
** boundary exactly when the number of quote characters before it is even
** (escaped quotes come in pairs), so files with quoted newlines split safely.
*/
#include "sightline/points_io.h"
#include "sightline/text.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COL_LAT, COL_LON, COL_ID, COL_TIME, COL_TEXT, NCOLS };
#define MAX_THREADS 8
#define SPLIT_MIN_BYTES (1u << 20)

typedef struct csv_plan {
    const char *name;
    char delim, eol; /* eol: '\n' (LF or CRLF) or '\r' (CR only) */
    int has_quotes;
    int col[NCOLS];  /* column index or -1 */
    int maxcol;      /* highest wanted column */
    signed char slot[4096]; /* column -> wanted slot, or -1 (headers are read up to 4096 columns) */
} csv_plan;

typedef struct csv_part {
    const csv_plan *plan;
    const char *begin, *end;
    long first_line;
    sl_points pts;
    sl_point_report rep;
    sl_error err;
    sl_status status;
} csv_part;

typedef struct field {
    const char *s;
    size_t len;
    int quoted;   /* may hold "" escapes */
    int unclosed; /* a quote opened and the input ended */
} field;

/* Scan one field starting at *pp; leaves *pp on the delimiter, eol or end.
** Counts newlines inside quotes into *lines. */
static field scan_field(const csv_plan *pl, const char **pp, const char *end, long *lines)
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

static void trim(field *f)
{
    while (f->len && (f->s[f->len - 1] == '\r' || f->s[f->len - 1] == ' ')) f->len--;
    while (f->len && f->s[0] == ' ') f->s++, f->len--;
}

/* Values that mean "no value" in public exports. */
static int is_null_word(const field *f)
{
    static const char *words[] = {"na", "n/a", "null", "none", "nan", "-"};
    if (f->len == 0) return 1;
    if ((f->s[0] | 0x20) != 'n' && f->len != 1) return 0; /* numbers, the common case */
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (f->len == strlen(words[i]) && strncasecmp(f->s, words[i], f->len) == 0) return 1;
    return 0;
}

/* Intern a text field as UTF-8: "" unescaped, latin-1 converted. */
static uint32_t intern_text(csv_part *part, field f)
{
    if (f.len && f.s[f.len - 1] == '\r') f.len--;
    char small[256];
    char *owned = NULL;
    if (f.quoted) { /* collapse "" to " */
        char *buf = f.len < sizeof small ? small : (owned = malloc(f.len + 1));
        if (!buf) return UINT32_MAX;
        size_t n = 0;
        for (size_t i = 0; i < f.len; i++) {
            buf[n++] = f.s[i];
            if (f.s[i] == '"' && i + 1 < f.len && f.s[i + 1] == '"') i++;
        }
        f.s = buf;
        f.len = n;
    }
    int ascii = 1;
    for (size_t i = 0; i < f.len && ascii; i++) ascii = (unsigned char)f.s[i] < 0x80;
    uint32_t off;
    if (ascii || sl_utf8_valid(f.s, f.len)) {
        off = sl_points_intern(&part->pts, f.s, f.len);
    } else {
        char *conv = sl_latin1_to_utf8(f.s, f.len);
        off = conv ? sl_points_intern(&part->pts, conv, strlen(conv)) : UINT32_MAX;
        free(conv);
        part->rep.latin1_fields++;
    }
    free(owned);
    return off;
}

/* Turn one row's wanted fields into a point or a counted skip. */
static int take_row(csv_part *part, field *fs, int nfields, long line)
{
    const csv_plan *pl = part->plan;
    sl_point_report *rep = &part->rep;
    rep->rows++;
    if (nfields <= pl->col[COL_LAT] || nfields <= pl->col[COL_LON]) {
        sl_point_report_skip(rep, SL_SKIP_SHORT_ROW, line);
        return 0;
    }
    field flat = fs[COL_LAT], flon = fs[COL_LON];
    trim(&flat);
    trim(&flon);
    if (is_null_word(&flat) || is_null_word(&flon)) {
        sl_point_report_skip(rep, SL_SKIP_MISSING, line);
        return 0;
    }
    double lat, lon;
    if (!sl_parse_decimal(flat.s, flat.len, &lat) || !sl_parse_decimal(flon.s, flon.len, &lon)) {
        sl_point_report_skip(rep, SL_SKIP_UNPARSABLE, line);
        return 0;
    }
    if (fabs(lat) > 90 && fabs(lon) <= 90) rep->swapped_like++;
    int why = sl_point_check(lat, lon);
    if (why >= 0) {
        sl_point_report_skip(rep, (sl_skip_reason)why, line);
        return 0;
    }
    int64_t t = SL_TIME_NONE;
    if (pl->col[COL_TIME] >= 0 && nfields > pl->col[COL_TIME]) {
        field ft = fs[COL_TIME];
        trim(&ft);
        if (!is_null_word(&ft) && !sl_parse_time(ft.s, ft.len, &t)) {
            rep->bad_time++;
            t = SL_TIME_NONE;
        }
    }
    sl_points *p = &part->pts;
    if (p->n == p->cap && sl_points_reserve(p, 1, &part->err)) return -1;
    uint32_t oid = 0, otext = 0;
    if (pl->col[COL_ID] >= 0 && nfields > pl->col[COL_ID]) oid = intern_text(part, fs[COL_ID]);
    if (pl->col[COL_TEXT] >= 0 && nfields > pl->col[COL_TEXT]) otext = intern_text(part, fs[COL_TEXT]);
    if (oid == UINT32_MAX || otext == UINT32_MAX) {
        sl_fail(&part->err, SL_ENOMEM, pl->name, line, "out of memory for point strings");
        return -1;
    }
    size_t i = p->n++;
    p->lon[i] = lon;
    p->lat[i] = lat;
    p->time[i] = t;
    p->id[i] = oid;
    p->text[i] = otext;
    p->attrs[i] = 0;
    rep->imported++;
    return 0;
}

/* Parse the rows of one part. */
static void *parse_part(void *arg)
{
    csv_part *part = arg;
    const csv_plan *pl = part->plan;
    const char *p = part->begin, *end = part->end;
    long line = part->first_line;
    size_t guess = (size_t)(end - p) / 48 + 16;
    if (sl_points_reserve(&part->pts, guess, &part->err)) {
        part->status = part->err.status;
        return NULL;
    }
    /* Fields past a row's end are never read (take_row checks the count). */
    field fs[NCOLS] = {{0}};
    while (p < end) {
        long row_line = line, extra = 0;
        int nf = 0;
        size_t first_len = 0;
        for (;;) {
            field f = scan_field(pl, &p, end, &extra);
            if (f.unclosed) {
                part->status = sl_fail(&part->err, SL_EDATA, pl->name, row_line,
                                       "quoted field never closed");
                return NULL;
            }
            if (nf == 0) first_len = f.len - (f.len && f.s[f.len - 1] == '\r');
            if (nf <= pl->maxcol) {
                if (pl->slot[nf] >= 0) fs[(int)pl->slot[nf]] = f;
                for (int c = pl->slot[nf] + 1; pl->slot[nf] >= 0 && c < NCOLS; c++)
                    if (pl->col[c] == nf) fs[c] = f; /* one column used twice */
            }
            nf++;
            if (p >= end || *p == pl->eol) break;
            p++; /* delimiter */
            if (nf > pl->maxcol && !pl->has_quotes) { /* rest of the row is not wanted */
                const char *e = memchr(p, pl->eol, (size_t)(end - p));
                p = e ? e : end;
                nf++;
                break;
            }
        }
        if (p < end) p++; /* eol */
        line += 1 + extra;
        if (nf == 1 && first_len == 0) continue; /* blank line */
        if (take_row(part, fs, nf, row_line)) {
            part->status = part->err.status;
            return NULL;
        }
    }
    return NULL;
}

/* ---- header ------------------------------------------------------------- */

static char guess_delim(const char *s, const char *end)
{
    const char cands[] = {',', '|', '\t', ';'};
    long counts[4] = {0};
    int inq = 0;
    for (; s < end && (inq || (*s != '\n' && *s != '\r')); s++) {
        if (*s == '"') inq = !inq;
        for (int i = 0; i < 4 && !inq; i++) counts[i] += *s == cands[i];
    }
    int best = 0;
    for (int i = 1; i < 4; i++)
        if (counts[i] > counts[best]) best = i;
    return cands[best];
}

static char guess_eol(const char *s, const char *end)
{
    const char *cr = memchr(s, '\r', (size_t)(end - s)), *lf = memchr(s, '\n', (size_t)(end - s));
    if (cr && (!lf || cr < lf) && cr + 1 != lf) return '\r';
    return '\n';
}

static int name_is(field f, const char *want)
{
    trim(&f);
    return f.len == strlen(want) && strncasecmp(f.s, want, f.len) == 0;
}

static int find_col(const field *hdr, int n, const char *want)
{
    for (int i = 0; i < n; i++)
        if (name_is(hdr[i], want)) return i;
    return -1;
}

/* Resolve one wanted column: by the caller's name, or the first candidate. */
static sl_status resolve(const csv_plan *pl, const field *hdr, int n, const char *given,
                         const char *const *cands, const char *what, int *col, sl_error *err)
{
    *col = -1;
    if (given) {
        if ((*col = find_col(hdr, n, given)) < 0)
            return sl_fail(err, SL_EDATA, pl->name, 1, "no column named '%s' for %s", given, what);
        return SL_OK;
    }
    for (int i = 0; cands && cands[i] && *col < 0; i++) *col = find_col(hdr, n, cands[i]);
    return SL_OK;
}

static sl_status read_header(csv_plan *pl, const char **pp, const char *end,
                             const sl_point_columns *cols, sl_point_report *rep, sl_error *err)
{
    enum { MAXH = 4096 };
    field *hdr = malloc(MAXH * sizeof *hdr);
    if (!hdr) return sl_fail(err, SL_ENOMEM, pl->name, 0, "out of memory");
    int n = 0;
    long lines = 0;
    const char *p = *pp;
    for (;;) {
        field f = scan_field(pl, &p, end, &lines);
        if (f.unclosed) {
            free(hdr);
            return sl_fail(err, SL_EDATA, pl->name, 1, "quoted field never closed");
        }
        if (n < MAXH) hdr[n++] = f;
        if (p >= end || *p == pl->eol) break;
        p++;
    }
    if (p < end) p++;
    *pp = p;
    static const char *const LAT[] = {"lat", "latitude", "y", NULL};
    static const char *const LON[] = {"lon", "lng", "long", "longitude", "x", NULL};
    static const char *const ID[] = {"id", NULL};
    sl_status st = resolve(pl, hdr, n, cols->lat, LAT, "latitude", &pl->col[COL_LAT], err);
    if (!st) st = resolve(pl, hdr, n, cols->lon, LON, "longitude", &pl->col[COL_LON], err);
    if (!st) st = resolve(pl, hdr, n, cols->id, ID, "id", &pl->col[COL_ID], err);
    if (!st) st = resolve(pl, hdr, n, cols->time, NULL, "time", &pl->col[COL_TIME], err);
    if (!st) st = resolve(pl, hdr, n, cols->text, NULL, "text", &pl->col[COL_TEXT], err);
    if (!st && (pl->col[COL_LAT] < 0 || pl->col[COL_LON] < 0))
        st = sl_fail(err, SL_EDATA, pl->name, 1,
                     "no %s column found by name; name it with --%s",
                     pl->col[COL_LAT] < 0 ? "latitude" : "longitude",
                     pl->col[COL_LAT] < 0 ? "lat" : "lon");
    if (!st) {
        field a = hdr[pl->col[COL_LAT]], b = hdr[pl->col[COL_LON]];
        trim(&a);
        trim(&b);
        snprintf(rep->lat_col, sizeof rep->lat_col, "%.*s", (int)a.len, a.s);
        snprintf(rep->lon_col, sizeof rep->lon_col, "%.*s", (int)b.len, b.s);
    }
    pl->maxcol = 0;
    memset(pl->slot, -1, sizeof pl->slot);
    for (int c = NCOLS - 1; c >= 0; c--) {
        if (pl->col[c] > pl->maxcol) pl->maxcol = pl->col[c];
        if (pl->col[c] >= 4096 && !st)
            st = sl_fail(err, SL_EDATA, pl->name, 1, "column %d is past the 4096 columns read", pl->col[c] + 1);
        if (pl->col[c] >= 0 && pl->col[c] < 4096) pl->slot[pl->col[c]] = (signed char)c;
    }
    free(hdr);
    return st;
}

/* ---- splitting ---------------------------------------------------------- */

static size_t count_byte(const char *s, const char *end, char c)
{
    size_t n = 0;
    while (s < end && (s = memchr(s, c, (size_t)(end - s))) != NULL) n++, s++;
    return n;
}

/* Cut [begin,end) into up to NPARTS pieces at row boundaries; cuts[0]=begin,
** cuts[k]=end. Returns the number of pieces. */
static int split_rows(const csv_plan *pl, const char *begin, const char *end, int nparts,
                      const char **cuts)
{
    cuts[0] = begin;
    int k = 1;
    size_t quotes = 0;
    const char *counted = begin;
    for (int i = 1; i < nparts; i++) {
        const char *at = begin + (size_t)(end - begin) * (size_t)i / (size_t)nparts;
        if (at <= cuts[k - 1]) continue;
        for (;;) {
            const char *nl = memchr(at, pl->eol, (size_t)(end - at));
            if (!nl) { at = end; break; }
            if (pl->has_quotes) {
                quotes += count_byte(counted, nl, '"');
                counted = nl;
            }
            at = nl + 1;
            if (quotes % 2 == 0) break;
        }
        if (at >= end) break;
        cuts[k++] = at;
    }
    cuts[k] = end;
    return k;
}

sl_status sl_points_parse_csv(const char *name, const char *data, size_t len,
                              const sl_point_columns *cols, sl_points *out,
                              sl_point_report *rep, sl_error *err)
{
    static const sl_point_columns none = {0};
    if (!cols) cols = &none;
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    if (p == end) return sl_fail(err, SL_EDATA, name, 0, "empty file: no header row");
    csv_plan pl = {.name = name};
    pl.delim = guess_delim(p, end);
    pl.eol = guess_eol(p, end);
    pl.has_quotes = memchr(p, '"', (size_t)(end - p)) != NULL;
    /* As the general reader: a NUL byte means this is no text file. */
    const char *nul = memchr(p, '\0', (size_t)(end - p));
    if (nul)
        return sl_fail(err, SL_EDATA, name, 1 + (long)count_byte(p, nul, pl.eol),
                       "binary data (NUL byte): not a text file");
    snprintf(rep->format, sizeof rep->format, "csv");
    if (read_header(&pl, &p, end, cols, rep, err)) return err->status;

    int want = cols->threads > 0 ? cols->threads : 2;
    if (want > MAX_THREADS) want = MAX_THREADS;
    if ((size_t)(end - p) < SPLIT_MIN_BYTES) want = 1;
    const char *cuts[MAX_THREADS + 1];
    int nparts = split_rows(&pl, p, end, want, cuts);
    csv_part parts[MAX_THREADS];
    pthread_t tids[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    long line = 2;
    for (int i = 0; i < nparts; i++) {
        memset(&parts[i], 0, sizeof parts[i]);
        parts[i].plan = &pl;
        parts[i].begin = cuts[i];
        parts[i].end = cuts[i + 1];
        parts[i].first_line = line;
        if (i + 1 < nparts) line += (long)count_byte(cuts[i], cuts[i + 1], pl.eol);
        if (i > 0) started[i] = pthread_create(&tids[i], NULL, parse_part, &parts[i]) == 0;
        if (i > 0 && !started[i]) parse_part(&parts[i]); /* no thread: do it here */
    }
    parse_part(&parts[0]);
    for (int i = 1; i < nparts; i++)
        if (started[i]) pthread_join(tids[i], NULL);

    sl_status st = SL_OK;
    for (int i = 0; i < nparts; i++) {
        if (!st && parts[i].status) {
            *err = parts[i].err;
            st = parts[i].status;
        }
        if (!st) st = sl_points_append(out, &parts[i].pts, err);
        sl_point_report_merge(rep, &parts[i].rep);
        sl_points_free(&parts[i].pts);
    }
    sl_point_report_finish(rep);
    return st;
}
