/*
** test_points_csv.c — the fast CSV point reader, the decimal and time
** parsers, and the packed point store.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "sightline/io/points_io.h"
#include "sightline/store/store_layers.h"

typedef struct parsed {
    sl_points pts;
    sl_point_report rep;
    sl_error err;
    sl_status st;
} parsed;

static parsed *parse_with(const char *text, size_t len, const sl_point_columns *cols)
{
    parsed *p = calloc(1, sizeof *p);
    sl_points_init(&p->pts);
    p->st = sl_points_parse_csv("t.csv", text, len, cols, &p->pts, &p->rep, &p->err);
    return p;
}

/* A fresh store in a new file named from TEMPLATE (a mkstemp pattern). */
static sl_store *temp_store(char *template, sl_error *err)
{
    int fd = mkstemp(template);
    close(fd);
    unlink(template);
    sl_error_clear(err);
    sl_store *st = NULL;
    assert_int_equal(sl_store_open(template, &st, err), SL_OK);
    return st;
}

static parsed *parse(const char *text) { return parse_with(text, strlen(text), NULL); }

static void done(parsed *p)
{
    sl_points_free(&p->pts);
    free(p);
}

static void test_basic_and_names(void **state)
{
    (void)state;
    parsed *p = parse("ID,Name,Latitude,Longitude\n7,\"Smith, \"\"Jo\"\"\",40.5,-73.25\n8,x,41,-74\n");
    assert_int_equal(p->st, SL_OK);
    assert_int_equal(p->pts.n, 2);
    assert_true(p->pts.lat[0] == 40.5 && p->pts.lon[0] == -73.25);
    assert_string_equal(sl_points_id(&p->pts, 0), "7");
    assert_string_equal(p->rep.lat_col, "Latitude");
    done(p);
    sl_point_columns cols = {.text = "name"};
    const char *quoted = "ID,Name,Latitude,Longitude\n7,\"Smith, \"\"Jo\"\"\",40.5,-73.25\n";
    p = parse_with(quoted, strlen(quoted), &cols);
    assert_int_equal(p->st, SL_OK);
    assert_string_equal(sl_points_text(&p->pts, 0), "Smith, \"Jo\"");
    done(p);
    sl_point_columns bad = {.lat = "nope"};
    p = parse_with("lat,lon\n1,2\n", 12, &bad);
    assert_int_equal(p->st, SL_EDATA);
    assert_non_null(strstr(p->err.msg, "nope"));
    done(p);
    p = parse("a,b\n1,2\n");
    assert_int_equal(p->st, SL_EDATA);
    done(p);
}

static void test_quoted_newlines_and_endings(void **state)
{
    (void)state;
    /* A quoted newline inside a field is part of the field, not a row end. */
    parsed *p = parse("id,note,y,x\r\n1,\"two\r\nlines\",10,20\r\n2,plain,11,21\r\n3,,,22\r\n");
    assert_int_equal(p->st, SL_OK);
    assert_int_equal(p->pts.n, 2);
    assert_true(p->pts.lat[1] == 11 && p->pts.lon[1] == 21);
    assert_int_equal(p->rep.skipped[SL_SKIP_MISSING], 1);
    assert_int_equal(p->rep.first_line[SL_SKIP_MISSING], 5); /* header, 2-line row, row, row */
    done(p);
    p = parse("lat|lon|id\r1.5|2.5|a\r|3|b\r\r4|5|c\r"); /* CR only, pipes, blank line */
    assert_int_equal(p->st, SL_OK);
    assert_int_equal(p->pts.n, 2);
    assert_int_equal(p->rep.rows, 3);
    assert_int_equal(p->rep.first_line[SL_SKIP_MISSING], 3);
    assert_string_equal(sl_points_id(&p->pts, 1), "c");
    done(p);
    p = parse("lat\tlon\n1\t2\n3\t4"); /* TAB, no final newline */
    assert_int_equal(p->pts.n, 2);
    assert_true(p->pts.lon[1] == 4);
    done(p);
}

static void test_skip_reasons_and_swapped(void **state)
{
    (void)state;
    parsed *p = parse("lat,lon\n91,10\n10,181\nabc,1\n5\nNA,3\n1e1,2.5E-1\n");
    assert_int_equal(p->st, SL_OK);
    assert_int_equal(p->pts.n, 1);
    assert_true(p->pts.lat[0] == 10 && p->pts.lon[0] == 0.25);
    assert_int_equal(p->rep.skipped[SL_SKIP_OUT_OF_RANGE], 2);
    assert_int_equal(p->rep.skipped[SL_SKIP_UNPARSABLE], 1);
    assert_int_equal(p->rep.skipped[SL_SKIP_SHORT_ROW], 1);
    assert_int_equal(p->rep.skipped[SL_SKIP_MISSING], 1);
    assert_int_equal(p->rep.first_line[SL_SKIP_SHORT_ROW], 5);
    assert_int_equal(sl_point_report_skipped(&p->rep) + p->rep.imported, p->rep.rows);
    assert_false(p->rep.looks_swapped);
    done(p);
    p = parse("lat,lon\n-118.2,34.0\n-122.4,37.7\n-104.9,39.7\n40.7,-73.9\n");
    assert_int_equal(p->pts.n, 1);
    assert_true(p->rep.looks_swapped);
    done(p);
}

static void test_latin1_and_time(void **state)
{
    (void)state;
    sl_point_columns cols = {.time = "when", .text = "who"};
    const char *csv = "who,when,lat,lon\nJos\xe9,2015-02-23,1,2\nAnn,1425168000,1,2\nBo,soon,1,2\n";
    parsed *p = parse_with(csv, strlen(csv), &cols);
    assert_int_equal(p->pts.n, 3);
    assert_string_equal(sl_points_text(&p->pts, 0), "Jos\xc3\xa9");
    assert_int_equal(p->rep.latin1_fields, 1);
    assert_true(p->pts.time[0] == 1424649600);
    assert_true(p->pts.time[1] == 1425168000);
    assert_true(p->pts.time[2] == SL_TIME_NONE);
    assert_int_equal(p->rep.bad_time, 1);
    done(p);
    int64_t t;
    assert_true(sl_parse_time("2020-07-01T12:30:15.25+02:00", 28, &t) && t == 1593599415);
    assert_true(sl_parse_time("1969-12-31 23:59:59Z", 20, &t) && t == -1);
    assert_false(sl_parse_time("2019-02-29", 10, &t));
    assert_false(sl_parse_time("12:00", 5, &t));
}

/* The fixed-position ISO reader against timegm on many random times, and
** impossible dates refused like the general parser refuses them. */
static void test_iso_times_fast(void **state)
{
    (void)state;
    srand(4242);
    char buf[40];
    for (int i = 0; i < 200000; i++) {
        int y = 1900 + rand() % 200, mo = 1 + rand() % 12, d = 1 + rand() % 28;
        int h = rand() % 24, mi = rand() % 60, se = rand() % 60;
        const char *sep = (const char *[]){"T", " ", "t"}[rand() % 3], *z = rand() % 2 ? "Z" : "";
        int n = snprintf(buf, sizeof buf, "%04d-%02d-%02d%s%02d:%02d:%02d%s", y, mo, d, sep, h, mi, se, z);
        struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = se};
        int64_t t;
        assert_true(sl_parse_time(buf, (size_t)n, &t));
        if (t != (int64_t)timegm(&tm)) fail_msg("%s: %lld != %lld", buf, (long long)t, (long long)timegm(&tm));
    }
    const char *bad[] = {"2019-02-29T00:00:00Z", "2020-13-01T00:00:00Z", "2020-04-31 10:00:00",
                         "2020-01-01T25:00:00Z", "2020-01-01T10:60:00Z", "2020-0a-01T10:00:00Z",
                         "2020-01-01T10:00:00X"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t t;
        assert_false(sl_parse_time(bad[i], strlen(bad[i]), &t));
    }
    int64_t t;
    assert_true(sl_parse_time("2020-02-29T23:59:60Z", 20, &t) && t == 1583020800);
    assert_true(sl_parse_time("2000-01-01T24:00:00", 19, &t) && t == 946771200);
}

static void test_decimal_exact(void **state)
{
    (void)state;
    srand(12345);
    char buf[64];
    for (int i = 0; i < 300000; i++) {
        int ip = rand() % 181, fd = rand() % 16;
        long long frac = ((long long)rand() << 20 ^ rand()) % 10000000000000000LL;
        int n = snprintf(buf, sizeof buf, "%s%d.%0*lld", rand() % 2 ? "-" : "", ip, fd ? fd : 1,
                         fd ? frac % (long long)pow(10, fd) : 0);
        double mine, ref = strtod(buf, NULL);
        assert_true(sl_parse_decimal(buf, (size_t)n, &mine));
        if (mine != ref) fail_msg("%s: %.17g != %.17g", buf, mine, ref);
    }
    /* 16 to 19 digits, past 2^53 (Python's and JavaScript's shortest round
    ** trip of a double often is): rounded once, not by a double division. */
    for (int i = 0; i < 100000; i++) {
        unsigned long long w = 0;
        int nd = 16 + rand() % 4;
        for (int k = 0; k < nd; k++) w = w * 10 + (unsigned long long)(k ? rand() % 10 : 1 + rand() % 9);
        int point = 1 + rand() % 4;
        char digits[24];
        snprintf(digits, sizeof digits, "%llu", w);
        int n = snprintf(buf, sizeof buf, "%s%.*s.%s", rand() % 2 ? "-" : "", point, digits, digits + point);
        double mine, ref = strtod(buf, NULL);
        assert_true(sl_parse_decimal(buf, (size_t)n, &mine));
        if (memcmp(&mine, &ref, sizeof mine) != 0) fail_msg("%s: %.17g != %.17g", buf, mine, ref);
    }
    /* Exactly halfway between two doubles: (2^53 + 1) / 8 and (2^53 + 3) / 8
    ** round to even, one down and one up; a hair either side of a halfway
    ** point rounds towards it. */
    const char *ties[] = {"1125899906842624.125", "1125899906842624.375", "-1125899906842624.125",
                          "1125899906842624.1250001", "1125899906842624.1249999", "112589990684262.4125",
                          "9007199254740993", "90.071992547409935", "-179.99999999999999", "0.0009007199254740993"};
    for (size_t i = 0; i < sizeof ties / sizeof *ties; i++) {
        double mine, ref = strtod(ties[i], NULL);
        assert_true(sl_parse_decimal(ties[i], strlen(ties[i]), &mine));
        if (memcmp(&mine, &ref, sizeof mine) != 0) fail_msg("%s: %.17g != %.17g", ties[i], mine, ref);
    }
    const char *odd[] = {"1e-3", "6.02214076E23", "0.1234567890123456789012", "123456789012345678901",
                         "  -0.0 ", "+.5", "0x1p3"};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        double mine;
        assert_true(sl_parse_decimal(odd[i], strlen(odd[i]), &mine));
        assert_true(mine == strtod(odd[i], NULL));
    }
    double v;
    assert_false(sl_parse_decimal("", 0, &v));
    assert_false(sl_parse_decimal("-", 1, &v));
    assert_false(sl_parse_decimal("1.2.3", 5, &v));
    assert_false(sl_parse_decimal("inf", 3, &v));
}

/* US thousands separators in their plain pattern only: any other comma is
** no number, so a European "12,5" or "2.773" is never read as 125 or 2,773. */
static void test_grouped_numbers(void **state)
{
    (void)state;
    const struct { const char *s; double v; } good[] = {
        {"2,773", 2773}, {"1,234,567.5", 1234567.5}, {" -12,000 ", -12000}, {"+999,999", 999999},
        {"2773", 2773}, {"2.773", 2.773}, {"0", 0}, {"1e3", 1000}, {"100,000.", 100000}};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        double v = -1;
        if (!sl_parse_grouped(good[i].s, strlen(good[i].s), &v) || v != good[i].v)
            fail_msg("'%s' read as %g", good[i].s, v);
    }
    const char *bad[] = {"12,5", "1,23,456", "1234,567", ",123", "2,773,", "2,,773", "1,234.5,6",
                         "1.234.567", "2,773 people", "", "-", "1,2345", "a,bcd"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double v;
        if (sl_parse_grouped(bad[i], strlen(bad[i]), &v)) fail_msg("'%s' read as %g", bad[i], v);
    }
}

/* A buffer over the split threshold with quoted newlines; 1 and 2 threads must agree. */
static void test_threads_agree(void **state)
{
    (void)state;
    size_t cap = 3 << 20, len = 0;
    char *buf = malloc(cap);
    len += (size_t)sprintf(buf, "id,comment,lat,lon\n");
    for (int i = 0; len + 100 < cap; i++)
        len += (size_t)sprintf(buf + len, i % 7 ? "%d,plain,%d.%03d,-%d.5\n" : "%d,\"multi\nline\",%d.%03d,-%d.5\n",
                               i, i % 90, i % 1000, i % 180);
    sl_point_columns one = {.threads = 1}, two = {.threads = 2};
    parsed *a = parse_with(buf, len, &one), *b = parse_with(buf, len, &two);
    assert_int_equal(a->st, SL_OK);
    assert_int_equal(b->st, SL_OK);
    assert_int_equal(a->pts.n, b->pts.n);
    assert_int_equal(a->rep.rows, b->rep.rows);
    assert_int_equal(sl_point_report_skipped(&b->rep), 0);
    assert_memory_equal(a->pts.lat, b->pts.lat, a->pts.n * sizeof(double));
    assert_memory_equal(a->pts.lon, b->pts.lon, a->pts.n * sizeof(double));
    for (size_t i = 0; i < a->pts.n; i += 997)
        assert_string_equal(sl_points_id(&a->pts, i), sl_points_id(&b->pts, i));
    done(a);
    done(b);
    free(buf);
}

static void test_store_roundtrip(void **state)
{
    (void)state;
    char path[] = "/tmp/sl_points_XXXXXX";
    sl_error err;
    sl_store *st = temp_store(path, &err);
    sl_points p;
    sl_points_init(&p);
    size_t n = SL_POINT_CHUNK + 1000;
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "p%zu", i);
        assert_int_equal(sl_points_push(&p, -(double)(i % 180), (double)(i % 90) / 3, i % 3 ? (int64_t)i : SL_TIME_NONE,
                                        i % 5 ? id : NULL, NULL, i == 7 ? "{\"operator\":\"x\"}" : NULL, &err),
                         SL_OK);
    }
    sl_source src = {.kind = "sites", .file_name = "f.csv", .sha256 = "00", .snapshot = ""};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    p.source_id = src.id;
    assert_int_equal(sl_store_add_points(st, "sites", "ice", &p, &err), SL_OK);
    assert_int_equal(sl_store_add_points(st, "sites", "clinic", &p, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_points q;
    sl_points_init(&q);
    assert_int_equal(sl_store_load_points(st, "sites", "ice", &q, &err), SL_OK);
    assert_int_equal(q.n, n);
    assert_memory_equal(q.lon, p.lon, n * sizeof(double));
    assert_memory_equal(q.time, p.time, n * sizeof(int64_t));
    for (size_t i = 0; i < n; i += 333) assert_string_equal(sl_points_id(&q, i), sl_points_id(&p, i));
    assert_string_equal(sl_points_attrs(&q, 7), "{\"operator\":\"x\"}");
    assert_int_equal(q.source[n - 1], src.id);
    long count;
    assert_int_equal(sl_store_count_points(st, "sites", NULL, &count, &err), SL_OK);
    assert_int_equal(count, 2 * (long)n);
    assert_int_equal(sl_store_add_points(st, "bogus", NULL, &p, &err), SL_EUSAGE);
    sl_points_free(&q);
    sl_points_free(&p);
    sl_store_close(st);
    unlink(path);
}

/* The one-pass row path against the field-by-field rules: rows mixing plain
** decimals with every form the general path must take (quotes, blanks, null
** words, exponents, signs, long mantissas, CRLF), on 1 and 2 threads. */
static const char *TRICKY[] = {"1e1", " 12.5", "12.5 ", "NA", "", "-", "+3.25", ".5", "5.", "-0",
                               "12345678901234567890.5", "0.00000000000000000001", "\"4.5\"",
                               "9007199254740993", "-179.99999999", "91", "abc", "1.2.3", "0x1p3"};

static void expect_token(const char *tok, double *v, int *why)
{
    char buf[64];
    size_t len = strlen(tok);
    if (len >= 2 && tok[0] == '"') tok++, len -= 2;
    memcpy(buf, tok, len);
    buf[len] = '\0';
    char *s = buf;
    while (*s == ' ') s++;
    while (len && buf[len - 1] == ' ') buf[--len] = '\0';
    if (!*s || !strcasecmp(s, "na") || !strcmp(s, "-")) *why = SL_SKIP_MISSING;
    else if (!sl_parse_decimal(s, strlen(s), v)) *why = SL_SKIP_UNPARSABLE;
    else *why = -1;
}

static void test_fast_rows_match_rules(void **state)
{
    (void)state;
    srand(777);
    size_t cap = 4 << 20, len = 0;
    char *buf = malloc(cap);
    len += (size_t)sprintf(buf, "id,lat,lon,note\n");
    size_t rows = 0, want_points = 0;
    double *want_lat = malloc(200000 * sizeof *want_lat), *want_lon = malloc(200000 * sizeof *want_lon);
    while (len + 200 < cap && rows < 200000) {
        char tok[2][64];
        for (int k = 0; k < 2; k++) {
            if (rand() % 8 == 0) snprintf(tok[k], sizeof tok[k], "%s", TRICKY[rand() % (sizeof TRICKY / sizeof *TRICKY)]);
            else snprintf(tok[k], sizeof tok[k], "%s%d.%0*d%s", rand() % 2 ? "-" : "", rand() % 90,
                          1 + rand() % 12, rand() % 1000000, rand() % 3 ? "" : "0123456789" + rand() % 10);
        }
        const char *note = rand() % 50 == 0 ? "\"a, \"\"b\"\"\"" : "plain";
        len += (size_t)sprintf(buf + len, "%zu,%s,%s,%s%s", rows, tok[0], tok[1], note, rand() % 4 ? "\n" : "\r\n");
        double lat = 0, lon = 0;
        int wl, wo;
        expect_token(tok[0], &lat, &wl);
        expect_token(tok[1], &lon, &wo);
        int why = wl >= 0 ? wl : wo >= 0 ? wo : sl_point_check(lat, lon);
        if (why < 0) {
            want_lat[want_points] = lat;
            want_lon[want_points++] = lon;
        }
        rows++;
    }
    for (int threads = 1; threads <= 2; threads++) {
        sl_point_columns cols = {.threads = threads, .text = "note"};
        parsed *p = parse_with(buf, len, &cols);
        assert_int_equal(p->st, SL_OK);
        assert_int_equal(p->rep.rows, rows);
        assert_int_equal(p->pts.n, want_points);
        assert_memory_equal(p->pts.lat, want_lat, want_points * sizeof(double));
        assert_memory_equal(p->pts.lon, want_lon, want_points * sizeof(double));
        done(p);
    }
    free(want_lat);
    free(want_lon);
    free(buf);
}

/* Line counting and row ends across the SWAR counter's word edges. */
static void test_row_counts_any_alignment(void **state)
{
    (void)state;
    for (int pad = 0; pad < 9; pad++) {
        char text[256];
        int n = snprintf(text, sizeof text, "%.*slat,lon\n1,2\n\n3,4\n5\n6,7", pad, "        ");
        parsed *p = parse_with(text + pad, (size_t)n - (size_t)pad, NULL);
        assert_int_equal(p->st, SL_OK);
        assert_int_equal(p->pts.n, 3);
        assert_true(p->pts.lat[2] == 6 && p->pts.lon[2] == 7);
        assert_int_equal(p->rep.first_line[SL_SKIP_SHORT_ROW], 5);
        done(p);
    }
}

/* Coordinates stored as scaled integers come back bit for bit (including
** -0.0); a chunk with a value that needs its double keeps doubles; the
** coordinate scan sees what the full load sees. */
static sl_status sum_coords(void *ctx, const double *lon, const double *lat, size_t n, sl_error *err)
{
    (void)err;
    sl_points *acc = ctx;
    for (size_t i = 0; i < n; i++)
        if (sl_points_push(acc, lon[i], lat[i], SL_TIME_NONE, NULL, NULL, NULL, err)) return err->status;
    return SL_OK;
}

static void test_store_scaled_coords(void **state)
{
    (void)state;
    char path[] = "/tmp/sl_points_XXXXXX";
    sl_error err;
    sl_store *st = temp_store(path, &err);
    sl_points p;
    sl_points_init(&p);
    size_t n = 2 * SL_POINT_CHUNK + 10;
    srand(99);
    for (size_t i = 0; i < n; i++) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%s%d.%07d", rand() % 2 ? "-" : "", rand() % 180, rand() % 10000000);
        snprintf(b, sizeof b, "%d.%0*d", rand() % 90, 1 + rand() % 7, rand() % 10);
        double lon = strtod(a, NULL), lat = strtod(b, NULL);
        if (i == 5) lon = -0.0;
        if (i == SL_POINT_CHUNK + 3) lat = 12.123456789; /* needs a double: this chunk keeps them */
        if (i == 7) lon = 179.9999999;
        assert_int_equal(sl_points_push(&p, lon, lat, SL_TIME_NONE, NULL, NULL, NULL, &err), SL_OK);
    }
    sl_source src = {.kind = "posts", .file_name = "f.csv", .sha256 = "01", .snapshot = ""};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    p.source_id = src.id;
    assert_int_equal(sl_store_add_points(st, "posts", NULL, &p, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_points q, r;
    sl_points_init(&q);
    sl_points_init(&r);
    assert_int_equal(sl_store_load_points(st, "posts", NULL, &q, &err), SL_OK);
    assert_int_equal(q.n, n);
    assert_memory_equal(q.lon, p.lon, n * sizeof(double));
    assert_memory_equal(q.lat, p.lat, n * sizeof(double));
    assert_int_equal(sl_store_scan_coords(st, "posts", NULL, sum_coords, &r, &err), SL_OK);
    assert_int_equal(r.n, n);
    assert_memory_equal(r.lon, p.lon, n * sizeof(double));
    assert_memory_equal(r.lat, p.lat, n * sizeof(double));
    sl_points_free(&p);
    sl_points_free(&q);
    sl_points_free(&r);
    sl_store_close(st);
    unlink(path);
}

/* Streaming hands over the same points as the whole read, in chunk order,
** on 1 and 2 threads; a sink error stops the read and is returned. */
typedef struct collected {
    sl_points all[64]; /* by chunk number */
    int fail_at;       /* the sink call (1, 2, ...) that fails, or -1 */
    int calls;
} collected;

static sl_status collect(void *ctx, long no, const sl_points *b, sl_error *err)
{
    collected *c = ctx;
    c->calls++;
    if (c->calls == c->fail_at) return sl_fail(err, SL_EIO, "sink", 0, "disk full");
    assert_true(no >= 0 && no < 64);
    assert_int_equal(c->all[no].n, 0);
    for (size_t i = 0; i < b->n; i++)
        if (sl_points_push(&c->all[no], b->lon[i], b->lat[i], b->time[i], sl_points_id(b, i),
                           sl_points_text(b, i), NULL, err))
            return err->status;
    return SL_OK;
}

static void test_stream_matches_whole(void **state)
{
    (void)state;
    size_t cap = 6 << 20, len = 0;
    char *buf = malloc(cap);
    len += (size_t)sprintf(buf, "id,comment,when,lat,lon\n");
    for (int i = 0; len + 100 < cap; i++)
        len += (size_t)sprintf(buf + len, i % 7 ? "%d,plain %d,2020-01-%02dT10:00:00Z,%d.%03d,-%d.5\n"
                                              : "%d,\"multi\nline %d\",2020-01-%02d,%d.%03d,-%d.5\n",
                               i, i % 13, 1 + i % 28, i % 91 + (i % 101 == 0 ? 100 : 0), i % 1000, i % 180);
    sl_point_columns cols = {.threads = 1, .time = "when", .text = "comment"};
    parsed *whole = parse_with(buf, len, &cols);
    assert_int_equal(whole->st, SL_OK);
    assert_true(whole->rep.skipped[SL_SKIP_OUT_OF_RANGE] > 0);
    for (int threads = 1; threads <= 2; threads++) {
        collected *c = calloc(1, sizeof *c);
        c->fail_at = -1;
        sl_point_report rep;
        memset(&rep, 0, sizeof rep);
        sl_error err;
        cols.threads = threads;
        assert_int_equal(sl_points_stream_csv("t.csv", buf, len, &cols, collect, c, &rep, &err), SL_OK);
        assert_int_equal(rep.imported, whole->rep.imported);
        assert_int_equal(rep.rows, whole->rep.rows);
        assert_int_equal(rep.first_line[SL_SKIP_OUT_OF_RANGE], whole->rep.first_line[SL_SKIP_OUT_OF_RANGE]);
        size_t at = 0;
        for (int k = 0; k < 64; k++) {
            sl_points *b = &c->all[k];
            if (b->n) {
                assert_memory_equal(b->lat, whole->pts.lat + at, b->n * sizeof(double));
                assert_memory_equal(b->lon, whole->pts.lon + at, b->n * sizeof(double));
                assert_memory_equal(b->time, whole->pts.time + at, b->n * sizeof(int64_t));
                for (size_t i = 0; i < b->n; i += 101)
                    assert_string_equal(sl_points_text(b, i), sl_points_text(&whole->pts, at + i));
            }
            at += b->n;
            sl_points_free(b);
        }
        assert_int_equal(at, whole->pts.n);
        /* A failing sink stops the read with its error. */
        memset(c, 0, sizeof *c);
        c->fail_at = 2;
        memset(&rep, 0, sizeof rep);
        assert_int_equal(sl_points_stream_csv("t.csv", buf, len, &cols, collect, c, &rep, &err), SL_EIO);
        assert_non_null(strstr(err.msg, "disk full"));
        for (int k = 0; k < 64; k++) sl_points_free(&c->all[k]);
        free(c);
    }
    done(whole);
    free(buf);
}

/* The streamed reader hands the store coordinates already as whole 1e-7
** degrees when every one of a chunk has at most 7 decimals: each must give
** back its double bit for bit, chunks with an 8-decimal value or -0 must not
** claim it, and the stored layer must equal the whole parse. */
typedef struct e7_sink {
    sl_point_chunks *pc;
    long source_id;
    int valid, invalid;
} e7_sink;

static sl_status check_and_store(void *ctx, long no, const sl_points *b, sl_error *err)
{
    e7_sink *s = ctx;
    if (b->e7_valid) {
        s->valid++;
        for (size_t i = 0; i < b->n; i++) {
            double lon = (double)b->lon_e7[i] / 1e7, lat = (double)b->lat_e7[i] / 1e7;
            assert_memory_equal(&lon, &b->lon[i], sizeof lon);
            assert_memory_equal(&lat, &b->lat[i], sizeof lat);
        }
    } else {
        s->invalid++;
    }
    sl_points view = *b;
    view.source_id = s->source_id;
    return sl_store_point_chunks_add(s->pc, no, &view, err);
}

static void test_stream_e7_into_store(void **state)
{
    (void)state;
    enum { ROWS = 4 * 65536 + 123 };
    char *buf = malloc((size_t)ROWS * 40 + 64);
    size_t len = (size_t)sprintf(buf, "lat,lon\n");
    srand(7);
    for (int i = 0; i < ROWS; i++) {
        char lat[32], lon[32];
        snprintf(lat, sizeof lat, "%s%d.%0*d", rand() % 2 ? "-" : "", rand() % 90, 1 + rand() % 7, 1 + rand() % 9);
        snprintf(lon, sizeof lon, "%s%d.%07d", rand() % 2 ? "-" : "", rand() % 180, rand() % 10000000);
        if (i == 3) snprintf(lon, sizeof lon, "179.9999999");
        if (i == 4) snprintf(lat, sizeof lat, "45");
        if (i == 70000) snprintf(lat, sizeof lat, "12.12345678"); /* 8 decimals */
        if (i == 140000) snprintf(lon, sizeof lon, "-0.0");       /* -0 keeps its sign */
        len += (size_t)sprintf(buf + len, "%s,%s\n", lat, lon);
    }
    char path[] = "/tmp/sl_e7_XXXXXX";
    sl_error err;
    sl_store *st = temp_store(path, &err);
    sl_source src = {.kind = "posts", .file_name = "f.csv", .sha256 = "02", .snapshot = ""};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    e7_sink s = {.source_id = src.id};
    assert_int_equal(sl_store_point_chunks_open(st, "posts", NULL, &s.pc, &err), SL_OK);
    sl_point_columns cols = {.threads = 2};
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    assert_int_equal(sl_points_stream_csv("f.csv", buf, len, &cols, check_and_store, &s, &rep, &err), SL_OK);
    sl_store_point_chunks_close(s.pc);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    assert_int_equal(rep.imported, ROWS);
    assert_true(s.valid >= 3);   /* the fast path is taken */
    assert_true(s.invalid >= 2); /* the 8-decimal and the -0 chunks */
    sl_points q;
    sl_points_init(&q);
    assert_int_equal(sl_store_load_points(st, "posts", NULL, &q, &err), SL_OK);
    parsed *whole = parse_with(buf, len, NULL);
    assert_int_equal(q.n, whole->pts.n);
    assert_memory_equal(q.lon, whole->pts.lon, q.n * sizeof(double));
    assert_memory_equal(q.lat, whole->pts.lat, q.n * sizeof(double));
    assert_true(signbit(q.lon[140000]));
    done(whole);
    sl_points_free(&q);
    sl_store_close(st);
    unlink(path);
    free(buf);
}

/* Quotes and NUL bytes first seen past the reader's 64 KiB look-ahead are
** found by the row count: quoted row ends still never split the parts, and
** a NUL is still "binary data" at its line. */
static void test_late_quotes_and_nul(void **state)
{
    (void)state;
    size_t cap = 3 << 20, len = 0; /* past the size below which one thread reads */
    char *buf = malloc(cap);
    len += (size_t)sprintf(buf, "id,lat,lon,note\n");
    int i = 0;
    for (; len < 100000; i++) len += (size_t)sprintf(buf + len, "%d,%d.25,%d.5,plain\n", i, i % 80, i % 170);
    /* Quoted notes holding row ends and lines that look like rows. */
    for (; len + 64 < cap; i++)
        len += (size_t)sprintf(buf + len, "%d,%d.25,%d.5,\"x\n9,1.0,2.0,y\"\n", i, i % 80, i % 170);
    sl_point_columns one = {.threads = 1}, two = {.threads = 2};
    parsed *a = parse_with(buf, len, &one), *b = parse_with(buf, len, &two);
    assert_int_equal(a->st, SL_OK);
    assert_int_equal(b->st, SL_OK);
    assert_int_equal(a->rep.imported, i);
    assert_int_equal(b->rep.imported, i);
    assert_memory_equal(a->pts.lat, b->pts.lat, (size_t)i * sizeof(double));
    assert_memory_equal(a->pts.lon, b->pts.lon, (size_t)i * sizeof(double));
    done(a);
    done(b);
    /* A NUL on line 5001, far past the look-ahead. */
    len = (size_t)sprintf(buf, "lat,lon\n");
    for (int k = 2; k <= 6000; k++) len += (size_t)sprintf(buf + len, k == 5001 ? "1.5,2%c5\n" : "1.5,2.5\n", 0);
    for (int threads = 1; threads <= 2; threads++) {
        sl_point_columns c = {.threads = threads};
        parsed *p = parse_with(buf, len, &c);
        assert_int_equal(p->st, SL_EDATA);
        assert_int_equal(p->err.line, 5001);
        assert_non_null(strstr(p->err.msg, "binary data"));
        done(p);
    }
    free(buf);
}

/* sl_points_keep: the points kept stay in order with their own strings,
** times and sources; the count that went is returned. */
/* The fast path skips a title above the header as the general reader does
** (sl_csv_title_lines), and counts rows by their lines in the file. */
static void test_title_above_header(void **state)
{
    (void)state;
    parsed *p = parse("Ring posts export, 2020\nid,lat,lon\n1,41.8,-87.6\n2,x,y\n");
    assert_int_equal(p->st, SL_OK);
    assert_int_equal(p->pts.n, 1);
    assert_int_equal(p->rep.title_lines, 1);
    assert_string_equal(p->rep.title, "Ring posts export, 2020");
    assert_int_equal(p->rep.skipped[SL_SKIP_UNPARSABLE], 1);
    assert_int_equal(p->rep.first_line[SL_SKIP_UNPARSABLE], 4);
    done(p);
    p = parse("Ring posts export\nid,latt,lon\n1,41.8,-87.6\n");
    assert_int_equal(p->st, SL_EDATA);
    assert_int_equal(p->err.line, 2); /* the header's line, not the title's */
    done(p);
    p = parse("lat,lon\n1,2\n");
    assert_int_equal(p->rep.title_lines, 0);
    done(p);
}

static void test_points_keep(void **state)
{
    (void)state;
    sl_points p;
    sl_error err;
    sl_points_init(&p);
    for (int i = 0; i < 5; i++) {
        char id[8], text[8];
        snprintf(id, sizeof id, "p%d", i);
        snprintf(text, sizeof text, "t%d", i);
        assert_int_equal(sl_points_push(&p, i, 10 + i, 100 + i, id, text, NULL, &err), SL_OK);
    }
    const unsigned char keep[5] = {0, 1, 0, 1, 1};
    assert_int_equal(sl_points_keep(&p, keep), 2);
    assert_int_equal(p.n, 3);
    const int was[3] = {1, 3, 4};
    for (size_t i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "p%d", was[i]);
        assert_string_equal(sl_points_id(&p, i), id);
        assert_true(p.lon[i] == was[i] && p.lat[i] == 10 + was[i] && p.time[i] == 100 + was[i]);
    }
    const unsigned char none[3] = {0, 0, 0};
    assert_int_equal(sl_points_keep(&p, none), 3);
    assert_int_equal(p.n, 0);
    sl_points_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_and_names),
        cmocka_unit_test(test_quoted_newlines_and_endings),
        cmocka_unit_test(test_skip_reasons_and_swapped),
        cmocka_unit_test(test_latin1_and_time),
        cmocka_unit_test(test_decimal_exact),
        cmocka_unit_test(test_grouped_numbers),
        cmocka_unit_test(test_iso_times_fast),
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_store_roundtrip),
        cmocka_unit_test(test_fast_rows_match_rules),
        cmocka_unit_test(test_row_counts_any_alignment),
        cmocka_unit_test(test_store_scaled_coords),
        cmocka_unit_test(test_stream_matches_whole),
        cmocka_unit_test(test_stream_e7_into_store),
        cmocka_unit_test(test_late_quotes_and_nul),
        cmocka_unit_test(test_points_keep),
        cmocka_unit_test(test_title_above_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
