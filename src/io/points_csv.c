/*
** points_csv.c — the fast reader for delimited point files (see
** include/sightline/io/points_io.h).
**
** A point file can hold tens of millions of rows, so this path avoids the
** general CSV reader's per-field copies: the buffer is scanned in place, only
** the wanted columns are looked at, decimals are parsed by hand, and the body
** is split at row boundaries for worker threads. A split point is a row
** boundary exactly when the number of quote characters before it is even
** (escaped quotes come in pairs), so files with quoted newlines split safely.
** The streamed read (a chunk pool handed to a sink, a file's windows) is
** points_csv_stream.c's.
*/
#include "points_csv.h"
#include "points_csv_job.h"
#include "csv_plan.h"
#include "sightline/core/file.h"
#include "sightline/io/points_io.h"
#include "sightline/io/csv.h"
#include "sightline/core/text.h"
#include "swar.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The fuzz build makes it and SL_STREAM_CHUNK tiny (fuzz/CMakeLists.txt),
** so inputs of a few hundred bytes still split across threads and fill
** many chunks. */
#ifndef SPLIT_MIN_BYTES
#define SPLIT_MIN_BYTES (1u << 20)
#endif

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
        off = sl_points_intern(part->strs_to, f.s, f.len);
    } else {
        char *conv = sl_latin1_to_utf8(f.s, f.len);
        off = conv ? sl_points_intern(part->strs_to, conv, strlen(conv)) : UINT32_MAX;
        free(conv);
        part->rep.latin1_fields++;
    }
    free(owned);
    return off;
}

/* A free chunk buffer, waiting for one; NULL when the sink failed. */
static chunk *take_free(chunk_queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (!q->free_list && !q->abort) pthread_cond_wait(&q->cv, &q->mu);
    chunk *c = q->abort ? NULL : q->free_list;
    if (c) q->free_list = c->next;
    pthread_mutex_unlock(&q->mu);
    return c;
}

/* Make C (emptied) the buffer the part's points and strings go to. */
static void point_part_at(csv_part *part, chunk *c)
{
    part->cur = c;
    part->out = part->strs_to = &c->pts;
    c->pts.n = 0;
    c->pts.str_len = c->pts.str ? 1 : 0;
    c->pts.e7_valid = c->pts.lon_e7 != NULL; /* until a point is not a whole 1e-7 */
    part->at = part->n = 0;
    part->cap = SL_STREAM_CHUNK;
}

/* Queue the part's current chunk (if it holds points) and take a fresh one
** unless LAST; -1 (part->stopped) when the sink has failed. */
static int queue_chunk(csv_part *part, int last)
{
    chunk_queue *q = part->q;
    chunk *c = part->cur;
    if (c && part->n) {
        c->pts.n = part->n;
        c->no = part->first_no + part->seq++;
        c->next = NULL;
        pthread_mutex_lock(&q->mu);
        if (q->full_tail) q->full_tail->next = c;
        else q->full_head = c;
        q->full_tail = c;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        part->cur = NULL;
    }
    if (last) return 0;
    if (!part->cur && !(c = take_free(q))) {
        part->stopped = 1;
        return -1;
    }
    if (!part->cur) point_part_at(part, c);
    return 0;
}

static int flush_chunk(csv_part *part) { return queue_chunk(part, 0); }

/* Record a point whose coordinates parsed (or count its skip): range,
** time and strings. E7 holds lat and lon as whole 1e-7 degrees when the
** parser found them so, else NULL. */
static int take_point(csv_part *part, double lat, double lon, const int32_t *e7, field *fs,
                      int nfields, long line)
{
    const csv_plan *pl = part->plan;
    sl_point_report *rep = &part->rep;
    if (sl_point_looks_swapped(lat, lon)) rep->swapped_like++;
    int why = sl_point_check(lat, lon);
    if (why >= 0) {
        sl_point_report_skip(rep, (sl_skip_reason)why, line);
        return 0;
    }
    int64_t t = SL_TIME_NONE;
    if (pl->col[COL_TIME] >= 0 && nfields > pl->col[COL_TIME]) {
        field ft = fs[COL_TIME];
        csv_trim(&ft);
        if (is_null_word(&ft)) {
        } else if (sl_parse_time_as(ft.s, ft.len, pl->date_format, &t)) {
            rep->timed++;
        } else {
            sl_point_report_bad_time(rep, ft.s, ft.len, line);
            t = SL_TIME_NONE;
        }
    }
    if (part->n == part->cap && (!part->q || flush_chunk(part)))
        return part->stopped ? -1 : (sl_fail(&part->err, SL_EDATA, pl->name, line, "more rows than row ends"), -1);
    uint32_t oid = 0, otext = 0;
    if (pl->col[COL_ID] >= 0 && nfields > pl->col[COL_ID]) oid = intern_text(part, fs[COL_ID]);
    if (pl->col[COL_TEXT] >= 0 && nfields > pl->col[COL_TEXT]) otext = intern_text(part, fs[COL_TEXT]);
    if (oid == UINT32_MAX || otext == UINT32_MAX) {
        sl_fail(&part->err, SL_ENOMEM, pl->name, line, "out of memory for point strings");
        return -1;
    }
    sl_points *p = part->out;
    size_t i = part->at + part->n++;
    p->lon[i] = lon;
    p->lat[i] = lat;
    if (p->lon_e7) {
        if (e7) {
            p->lat_e7[i] = e7[0];
            p->lon_e7[i] = e7[1];
        } else {
            p->e7_valid = 0;
        }
    }
    p->time[i] = t;
    if (part->write_strings) {
        p->id[i] = oid;
        p->text[i] = otext;
        p->attrs[i] = 0;
    }
    rep->imported++;
    return 0;
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
    csv_trim(&flat);
    csv_trim(&flon);
    if (is_null_word(&flat) || is_null_word(&flon)) {
        sl_point_report_skip(rep, SL_SKIP_MISSING, line);
        return 0;
    }
    double lat, lon;
    if (!sl_parse_decimal(flat.s, flat.len, &lat) || !sl_parse_decimal(flon.s, flon.len, &lon)) {
        sl_point_report_unparsable(rep, flat.s, flat.len, flon.s, flon.len, line);
        return 0;
    }
    return take_point(part, lat, lon, NULL, fs, nfields, line);
}

/* ---- the one-pass row path ---------------------------------------------- */

static const double POW10[20] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};

/* A plain decimal [-]digits[.digits] that ends at a delimiter, a row end or
** the end of the data, parsed while its end is found. Only the case
** sl_parse_decimal converts by hand (at most 19 digits, mantissa at most 2^53:
** one exact division) is taken, so both paths give the same double. Returns
** the field's end, or NULL when the general path must decide.
**
** With at most 7 decimals the value is also a whole number of 1e-7 degrees,
** K = mant * 10^(7 - decimals), stored in *E7 (else *E7_OK is cleared): the
** store keeps coordinates that way, and K / 1e7 is this same double (both
** are the correctly rounded quotient of one rational), so it need not divide
** and compare to find out. -0 is left to the store (K would lose the sign). */
static const char *fast_decimal(const char *p, const char *end, char delim, char eol, double *out,
                                int32_t *e7, int *e7_ok)
{
    int neg = p < end && *p == '-';
    p += neg;
    uint64_t mant = 0;
    size_t ndigits = sl_swar_take_digits(&p, end, &mant), frac = 0;
    if (ndigits > 19) return NULL;
    if (p < end && *p == '.') {
        p++;
        frac = sl_swar_take_digits(&p, end, &mant);
        ndigits += frac;
    }
    if (ndigits == 0 || ndigits > 19 || mant > (UINT64_C(1) << 53)) return NULL;
    if (p < end && *p != delim && *p != eol) {
        /* CRLF: the CR of the row end belongs to no field */
        if (*p != '\r' || eol != '\n' || (p + 1 < end && p[1] != eol)) return NULL;
    }
    double v = (double)mant / POW10[frac];
    *out = neg ? -v : v;
    uint64_t k = mant < (UINT64_C(1) << 31) && frac <= 7 ? mant * SL_IPOW10[7 - frac] : UINT64_MAX;
    if (k < INT32_MAX && (mant || !neg)) *e7 = neg ? -(int32_t)k : (int32_t)k;
    else *e7_ok = 0;
    return p;
}

/* One row of unquoted fields whose coordinates are plain decimals, in a
** single pass: each field's end and (for lat/lon) value are found together.
** Returns the start of the next row, or NULL, having recorded nothing, when
** the row needs the general path (quotes, blanks, null words, exponents,
** short rows, blank lines). */
static const char *fast_row(csv_part *part, const char *p, const char *end, long line, int *fail)
{
    const csv_plan *pl = part->plan;
    const char dl = pl->delim, e = pl->eol;
    field fs[NCOLS];
    double v[2] = {0, 0};
    int32_t e7[2] = {0, 0};
    int e7_ok = 1;
    for (int c = 0;; c++) {
        int slot = pl->slot[c];
        if (slot == COL_LAT || slot == COL_LON) {
            int k = slot == COL_LON;
            if (!(p = fast_decimal(p, end, dl, e, &v[k], &e7[k], &e7_ok))) return NULL;
        } else {
            if (p < end && *p == '"') return NULL;
            const char *s = p;
            while (p < end && *p != dl && *p != e) p++;
            if (slot >= 0) fs[slot] = (field){s, (size_t)(p - s), 0, 0};
        }
        if (c == pl->maxcol) break;
        if (p >= end || *p != dl) return NULL; /* short row */
        p++;
    }
    /* The rest of the row is not wanted; with quotes in the file it must hold
    ** none (a quoted row end would otherwise be missed). */
    const char *eor = p;
    if (eor < end && *eor != e) {
        eor = memchr(p, e, (size_t)(end - p));
        if (!eor) eor = end;
        if (pl->has_quotes && memchr(p, '"', (size_t)(eor - p))) return NULL;
    }
    part->rep.rows++;
    if (take_point(part, v[0], v[1], e7_ok ? e7 : NULL, fs, pl->maxcol + 1, line)) {
        *fail = 1;
        return NULL;
    }
    return eor < end ? eor + 1 : end;
}

/* One row by the general path (quotes, escapes, oddities); returns the start
** of the next row and adds the lines it spans to *line. */
static const char *general_row(csv_part *part, const char *p, const char *end, long *line, int *fail)
{
    const csv_plan *pl = part->plan;
    const char *row_start = p;
    /* Fields past a row's end are never read (take_row checks the count). */
    field fs[NCOLS] = {{0}};
    long row_line = *line, extra = 0;
    int nf = 0;
    size_t first_len = 0;
    for (;;) {
        field f = csv_scan_field(pl, &p, end, &extra);
        if (f.unclosed && part->more) { /* the next window completes the row */
            part->stop = row_start;
            return end;
        }
        if (f.unclosed) {
            sl_fail(&part->err, SL_EDATA, pl->name, row_line, "quoted field never closed");
            *fail = 1;
            return end;
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
    *line += 1 + extra;
    if (nf == 1 && first_len == 0) return p; /* blank line */
    if (take_row(part, fs, nf, row_line)) *fail = 1;
    return p;
}

/* Parse the rows of one part (points_csv_job.h). */
void *sl_csv_part_parse(void *arg)
{
    csv_part *part = arg;
    const csv_plan *pl = part->plan;
    const char *p = part->begin, *end = part->end;
    long line = part->first_line;
    int fail = part->q && flush_chunk(part);
    part->stop = NULL;
    while (p < end && !fail && !part->stop) {
        const char *next = pl->fast ? fast_row(part, p, end, line, &fail) : NULL;
        if (next) {
            p = next;
            line++;
        } else if (!fail) {
            p = general_row(part, p, end, &line, &fail);
        }
    }
    if (fail && !part->stopped) part->status = part->err.status;
    if (!part->stop) part->stop = p;
    part->end_line = line;
    if (part->q) {
        if (!fail) queue_chunk(part, 1);
        pthread_mutex_lock(&part->q->mu);
        if (part->status) part->q->abort = 1; /* the import fails: others stop */
        part->q->running--;
        pthread_cond_broadcast(&part->q->cv);
        pthread_mutex_unlock(&part->q->mu);
    }
    return NULL;
}

/* ---- splitting ---------------------------------------------------------- */

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
                quotes += sl_swar_count_byte(counted, nl, '"');
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

/* Thread body: count a part's row ends (its point capacity and the first
** line number of the next part), noting quotes and NUL bytes on the way. */
static void *count_part(void *arg)
{
    csv_part *part = arg;
    const csv_plan *pl = part->plan;
    part->rows = 0;
    part->quote = 0;
    part->nul = NULL;
    part->rows = sl_swar_scan_rows(part->begin, part->end, pl->eol, &part->quote, &part->nul);
    return NULL;
}

/* Run FN on every part: parts 1.. in threads (inline when a thread cannot
** start), part 0 here. */
static void run_parts(csv_part *parts, int nparts, void *(*fn)(void *))
{
    pthread_t tids[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    for (int i = 1; i < nparts; i++) {
        started[i] = pthread_create(&tids[i], NULL, fn, &parts[i]) == 0;
        if (!started[i]) fn(&parts[i]);
    }
    fn(&parts[0]);
    for (int i = 1; i < nparts; i++)
        if (started[i]) pthread_join(tids[i], NULL);
}

/* Close the gaps between the parts' points (rows that gave no point) and
** move their strings into OUT's buffer. */
static sl_status join_parts(sl_points *out, csv_part *parts, int nparts, sl_error *err)
{
    for (int i = 0; i < nparts; i++) {
        csv_part *pt = &parts[i];
        size_t dst = out->n, n = pt->n;
        if (pt->at != dst && n) {
            memmove(out->lon + dst, out->lon + pt->at, n * sizeof *out->lon);
            memmove(out->lat + dst, out->lat + pt->at, n * sizeof *out->lat);
            memmove(out->time + dst, out->time + pt->at, n * sizeof *out->time);
            memmove(out->id + dst, out->id + pt->at, n * sizeof *out->id);
            memmove(out->text + dst, out->text + pt->at, n * sizeof *out->text);
            memmove(out->attrs + dst, out->attrs + pt->at, n * sizeof *out->attrs);
        }
        if (out->source)
            for (size_t k = 0; k < n; k++) out->source[dst + k] = (uint32_t)out->source_id;
        if (pt->strs.str_len > 1) {
            /* The part's strings (embedded NULs included) in one copy, after OUT's. */
            uint32_t at = sl_points_intern(out, pt->strs.str + 1, pt->strs.str_len - 2);
            if (at == UINT32_MAX) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory for point strings");
            uint32_t base = at - 1;
            for (size_t k = dst; k < dst + n; k++) {
                if (out->id[k]) out->id[k] += base;
                if (out->text[k]) out->text[k] += base;
            }
        }
        out->n += n;
    }
    return SL_OK;
}

/* The error for a NUL byte at NUL, counting lines from FROM (on line LINE). */
static sl_status binary_data(const csv_plan *pl, const char *from, long line, const char *nul,
                             sl_error *err)
{
    return sl_fail(err, SL_EDATA, pl->name, line + (long)sl_swar_count_byte(from, nul, pl->eol),
                   "binary data (NUL byte): not a text file");
}

/* Split the body [P,END) for up to WANT threads and count each part's rows. */
static void split_and_count(csv_job *job, const char *p, const char *end, int want)
{
    csv_plan *pl = &job->pl;
    const char *cuts[MAX_THREADS + 1];
    job->nparts = split_rows(pl, p, end, want, cuts);
    for (int i = 0; i < job->nparts; i++) {
        csv_part *pt = &job->parts[i];
        pt->plan = pl;
        pt->begin = cuts[i];
        pt->end = cuts[i + 1];
    }
    run_parts(job->parts, job->nparts, count_part);
}

/* points_csv_job.h */
sl_status sl_csv_job_read_head(csv_job *job, const char *name, const char *data, size_t len,
                               const sl_point_columns *cols, sl_point_report *rep, const char **body,
                               sl_error *err)
{
    static const sl_point_columns none = {0};
    if (!cols) cols = &none;
    const char *p = data, *end = data + len;
    const char *what = sl_csv_not_csv(data, len); /* an .xlsx, UTF-16: said, not "binary data" */
    if (what) return sl_fail(err, SL_EDATA, name, 1, "this is %s", what);
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    if (p == end) return sl_fail(err, SL_EDATA, name, 0, "empty file: no header row");
    csv_plan *pl = &job->pl;
    memset(job, 0, sizeof *job);
    pl->name = name;
    pl->delim = sl_csv_guess_delim(p, (size_t)(end - p));
    pl->eol = sl_csv_guess_eol(p, end);
    p += sl_csv_title_lines(p, (size_t)(end - p), pl->delim, &rep->title_lines, rep->title, sizeof rep->title);
    pl->first_line = 2 + rep->title_lines;
    /* Quotes and NUL bytes past the first 64 KiB are found by the row count,
    ** which reads every byte anyway (a separate pass was 5% of an import). */
    size_t head = (size_t)(end - p) < 65536 ? (size_t)(end - p) : 65536;
    pl->has_quotes = memchr(p, '"', head) != NULL;
    /* As the general reader: a NUL byte means this is no text file. */
    const char *nul = memchr(p, '\0', head);
    if (nul) return binary_data(pl, p, 1, nul, err);
    snprintf(rep->format, sizeof rep->format, "csv");
    if (sl_csv_plan_read_header(pl, &p, end, cols, rep, err)) return err->status;
    job->want = cols->threads > 0 ? cols->threads : 2;
    if (job->want > MAX_THREADS) job->want = MAX_THREADS;
    *body = p;
    return SL_OK;
}

/* points_csv_job.h */
sl_status sl_csv_job_count_body(csv_job *job, const char *p, const char *end, long line, sl_error *err)
{
    csv_plan *pl = &job->pl;
    memset(job->parts, 0, sizeof job->parts);
    int want = (size_t)(end - p) < SPLIT_MIN_BYTES ? 1 : job->want;
    split_and_count(job, p, end, want);
    int quote = 0;
    for (int i = 0; i < job->nparts; i++) {
        if (job->parts[i].nul) return binary_data(pl, p, line, job->parts[i].nul, err);
        quote |= job->parts[i].quote;
    }
    if (quote && !pl->has_quotes) { /* cut again outside quoted row ends */
        pl->has_quotes = 1;
        split_and_count(job, p, end, want);
    }
    for (int i = 0; i < job->nparts; i++) {
        sl_points_init(&job->parts[i].strs);
        job->parts[i].strs_to = &job->parts[i].strs;
    }
    for (int i = 0; i < job->nparts; i++) {
        csv_part *pt = &job->parts[i];
        pt->first_line = line;
        line += (long)pt->rows;
        /* Parts end at row ends; only the file's last row may lack one. */
        pt->cap = pt->rows + (i == job->nparts - 1 && end[-1] != pl->eol);
    }
    return SL_OK;
}

/* A whole file's data: header, split and count. */
static sl_status prepare(csv_job *job, const char *name, const char *data, size_t len,
                         const sl_point_columns *cols, sl_point_report *rep, sl_error *err)
{
    const char *body;
    if (sl_csv_job_read_head(job, name, data, len, cols, rep, &body, err)) return err->status;
    return sl_csv_job_count_body(job, body, data + len, job->pl.first_line, err);
}

/* points_csv_job.h */
sl_status sl_csv_job_merge(csv_job *job, sl_status st, sl_point_report *rep, sl_error *err)
{
    for (int i = 0; i < job->nparts; i++) {
        if (!st && job->parts[i].status) {
            *err = job->parts[i].err;
            st = job->parts[i].status;
        }
        sl_point_report_merge(rep, &job->parts[i].rep);
        sl_points_free(&job->parts[i].strs);
    }
    job->nparts = 0; /* merged: a next window starts afresh */
    return st;
}

/* The first part error (unless ST is already one), the merged report. */
static sl_status finish(csv_job *job, sl_status st, sl_point_report *rep, sl_error *err)
{
    st = sl_csv_job_merge(job, st, rep, err);
    sl_point_report_finish(rep);
    return st;
}

sl_status sl_points_parse_csv(const char *name, const char *data, size_t len,
                              const sl_point_columns *cols, sl_points *out,
                              sl_point_report *rep, sl_error *err)
{
    csv_job job;
    if (prepare(&job, name, data, len, cols, rep, err)) return err->status;
    size_t total = 0;
    for (int i = 0; i < job.nparts; i++) {
        job.parts[i].out = out;
        job.parts[i].at = out->n + total;
        total += job.parts[i].cap;
    }
    int zeroed = out->cap == 0; /* a first reservation zeroes the string offsets */
    if (sl_points_reserve(out, total, err)) return finish(&job, err->status, rep, err);
    for (int i = 0; i < job.nparts; i++)
        job.parts[i].write_strings = !zeroed || job.pl.col[COL_ID] >= 0 || job.pl.col[COL_TEXT] >= 0;
    run_parts(job.parts, job.nparts, sl_csv_part_parse);
    int failed = 0;
    for (int i = 0; i < job.nparts; i++) failed |= job.parts[i].status != SL_OK;
    sl_status st = failed ? SL_OK : join_parts(out, job.parts, job.nparts, err);
    return finish(&job, st, rep, err);
}
