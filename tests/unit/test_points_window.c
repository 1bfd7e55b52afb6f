/*
** test_points_window.c — a point CSV streamed in windows (the way `import
** posts` reads a file) gives exactly what one buffer gives, whatever the
** window size: rows and quoted line breaks cut by a window's end, line
** numbers of skips and errors, and a read error is returned as an error.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/points_csv.h"
#include "sightline/io/points_io.h"

/* Bytes handed out from a buffer, at most STEP at a time; FAIL_AT: a read
** error once that many bytes were given (0: never). */
typedef struct source {
    const char *data;
    size_t len, at, step, fail_at;
} source;

static sl_status give(void *ctx, char *buf, size_t cap, size_t *got, sl_error *err)
{
    source *s = ctx;
    if (s->fail_at && s->at >= s->fail_at) return sl_fail(err, SL_EIO, "f.csv", 0, "changed size while reading");
    size_t n = s->len - s->at;
    if (n > cap) n = cap;
    if (n > s->step) n = s->step;
    memcpy(buf, s->data + s->at, n);
    s->at += n;
    *got = n;
    return SL_OK;
}

/* Every point with its chunk number, in the order the sink saw them. */
typedef struct seen {
    long no;
    size_t k; /* order of arrival, to keep a chunk's points in order */
    double lat, lon;
    char text[64];
} seen;

typedef struct collected {
    seen *v;
    size_t n, cap;
} collected;

static sl_status collect(void *ctx, long no, const sl_points *b, sl_error *err)
{
    (void)err;
    collected *c = ctx;
    for (size_t i = 0; i < b->n; i++) {
        if (c->n == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 256;
            c->v = realloc(c->v, c->cap * sizeof *c->v);
            assert_non_null(c->v);
        }
        seen *s = &c->v[c->n];
        s->no = no;
        s->k = c->n++;
        s->lat = b->lat[i];
        s->lon = b->lon[i];
        snprintf(s->text, sizeof s->text, "%s", sl_points_text(b, i));
    }
    return SL_OK;
}

static int by_chunk(const void *a, const void *b)
{
    const seen *x = a, *y = b;
    if (x->no != y->no) return x->no < y->no ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

typedef struct result {
    collected c;
    sl_point_report rep;
    sl_error err;
    sl_status st;
} result;

static void stream(result *r, const char *text, size_t len, size_t window, size_t step, size_t fail_at)
{
    memset(r, 0, sizeof *r);
    sl_point_columns cols = {.text = "comment", .threads = 2};
    if (window == 0) {
        r->st = sl_points_stream_csv("f.csv", text, len, &cols, collect, &r->c, &r->rep, &r->err);
    } else {
        source s = {text, len, 0, step, fail_at};
        sl_points_input in = {.fill = give, .ctx = &s, .window = window};
        r->st = sl_points_stream_csv_input("f.csv", &in, &cols, collect, &r->c, &r->rep, &r->err);
    }
    if (r->c.n) qsort(r->c.v, r->c.n, sizeof *r->c.v, by_chunk);
}

static char *sample(size_t *len)
{
    char *buf = malloc(1 << 20);
    size_t n = (size_t)sprintf(buf, "id,comment,lat,lon\n");
    for (int i = 0; i < 3000; i++) {
        if (i % 11 == 0) n += (size_t)sprintf(buf + n, "%d,\"two\nlines, \"\"quoted\"\" %d\",41.%d,-87.%d\n", i, i, i, i);
        else if (i % 97 == 0) n += (size_t)sprintf(buf + n, "%d,far,%d.5,-87.1\n", i, 100 + i % 7); /* skipped */
        else if (i % 113 == 0) n += (size_t)sprintf(buf + n, "\n"); /* blank line */
        else n += (size_t)sprintf(buf + n, "%d,plain %d,41.%04d,-87.%d\n", i, i, i, i % 1000);
    }
    n += (size_t)sprintf(buf + n, "last,\"no\nrow end\",42.5,-88.5"); /* the last row lacks one */
    *len = n;
    return buf;
}

static void test_windows_match_one_buffer(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    result whole, win;
    stream(&whole, text, len, 0, 0, 0);
    assert_int_equal(whole.st, SL_OK);
    assert_true(whole.rep.skipped[SL_SKIP_OUT_OF_RANGE] > 0);
    const size_t windows[] = {1, 7, 16, 33, 64, 200, 4096, 1 << 16};
    for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
        stream(&win, text, len, windows[w], windows[w] % 2 ? 5 : SIZE_MAX, 0);
        assert_int_equal(win.st, SL_OK);
        assert_int_equal(win.rep.rows, whole.rep.rows);
        assert_int_equal(win.rep.imported, whole.rep.imported);
        for (int k = 0; k < SL_SKIP_COUNT; k++) {
            assert_int_equal(win.rep.skipped[k], whole.rep.skipped[k]);
            assert_int_equal(win.rep.first_line[k], whole.rep.first_line[k]);
        }
        assert_int_equal(win.c.n, whole.c.n);
        for (size_t i = 0; i < win.c.n; i++) {
            assert_true(win.c.v[i].lat == whole.c.v[i].lat && win.c.v[i].lon == whole.c.v[i].lon);
            assert_string_equal(win.c.v[i].text, whole.c.v[i].text);
        }
        free(win.c.v);
    }
    free(whole.c.v);
    free(text);
}

/* A NUL byte far into the file is found in its window, on the same line. */
static void test_binary_late_same_line(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    text[len / 2] = '\0';
    result whole, win;
    stream(&whole, text, len, 0, 0, 0);
    stream(&win, text, len, 100, SIZE_MAX, 0);
    assert_int_equal(whole.st, SL_EDATA);
    assert_int_equal(win.st, SL_EDATA);
    assert_non_null(strstr(win.err.msg, "NUL"));
    assert_int_equal(win.err.line, whole.err.line);
    free(whole.c.v);
    free(win.c.v);
    free(text);
}

/* A read error mid-file (a file cut short) is the import's error. */
static void test_read_error_returned(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    result win;
    stream(&win, text, len, 4096, SIZE_MAX, len / 2);
    assert_int_equal(win.st, SL_EIO);
    assert_non_null(strstr(win.err.msg, "changed size"));
    free(win.c.v);
    free(text);
}

/* A header and nothing else, or nothing at all. */
static void test_empty_inputs(void **state)
{
    (void)state;
    result win;
    stream(&win, "", 0, 64, SIZE_MAX, 0);
    assert_int_equal(win.st, SL_EDATA);
    assert_non_null(strstr(win.err.msg, "empty file"));
    stream(&win, "id,comment,lat,lon\n", 19, 3, SIZE_MAX, 0);
    assert_int_equal(win.st, SL_OK);
    assert_int_equal(win.rep.imported, 0);
    free(win.c.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_match_one_buffer),
        cmocka_unit_test(test_binary_late_same_line),
        cmocka_unit_test(test_read_error_returned),
        cmocka_unit_test(test_empty_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
