/*
** points_window.c — a point CSV read a window at a time (see
** sl_points_stream_csv_input in points_csv.h): the buffer, its refills and
** growth, and the hash of each window's bytes, run beside its parse. The
** parse of a window is points_csv_stream.c's (sl_csv_stream_window).
*/
#include "points_csv.h"
#include "sightline/core/file.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of a file read at a time, unless the input asks for another size. */
#define SL_WINDOW_BYTES ((size_t)64 << 20)

/* The bytes of a window being hashed beside the parse. */
typedef struct hashing {
    const sl_points_input *in;
    const char *data;
    size_t len;
    pthread_t tid;
    int running;
} hashing;

static void *hash_bytes(void *arg)
{
    hashing *h = arg;
    h->in->digest(h->in->ctx, h->data, h->len);
    return NULL;
}

static void hash_start(hashing *h, const char *data, size_t len)
{
    if (!h->in->digest || len == 0) return;
    h->data = data;
    h->len = len;
    h->running = pthread_create(&h->tid, NULL, hash_bytes, h) == 0;
    if (!h->running) hash_bytes(h);
}

static void hash_join(hashing *h)
{
    if (h->running) pthread_join(h->tid, NULL);
    h->running = 0;
}

/* Fill BUF[*LEN, CAP) from IN; *EOF once it has no more. */
static sl_status fill(const sl_points_input *in, char *buf, size_t cap, size_t *len, int *eof,
                      sl_error *err)
{
    while (*len < cap && !*eof) {
        size_t got = 0;
        if (in->fill(in->ctx, buf + *len, cap - *len, &got, err)) return err->status;
        *len += got;
        *eof = got == 0;
    }
    return SL_OK;
}

/* Make room: a row is longer than the window (a quoted field, or no row
** ends at all). */
static sl_status grow(const char *name, char **buf, size_t *cap, sl_error *err)
{
    if (*cap > sl_input_max_bytes() / 2)
        return sl_fail(err, SL_EDATA, name, 0,
                       "a row longer than %zu MB: not a delimited text file? "
                       "(raise SIGHTLINE_MAX_INPUT_MB to allow it)",
                       sl_input_max_bytes() >> 20);
    char *bigger = realloc(*buf, *cap * 2 + 1);
    if (!bigger) return sl_fail(err, SL_ENOMEM, name, 0, "out of memory for a row of %zu MB", *cap >> 20);
    *buf = bigger;
    *cap *= 2;
    return SL_OK;
}

sl_status sl_points_stream_csv_input(const char *name, const sl_points_input *in,
                                     const sl_point_columns *cols, sl_points_sink sink, void *ctx,
                                     sl_point_report *rep, sl_error *err)
{
    sl_csv_stream *s = sl_csv_stream_new();
    size_t cap = in->window ? in->window : SL_WINDOW_BYTES, len = 0, used = 0;
    char *buf = s ? malloc(cap + 1) : NULL;
    if (!buf) {
        sl_csv_stream_free(s);
        return sl_fail(err, SL_ENOMEM, name, 0, "out of memory for a window of the file");
    }
    hashing h = {.in = in};
    int eof = 0;
    sl_status st = SL_OK;
    for (;;) {
        hash_join(&h); /* before its bytes move */
        memmove(buf, buf + used, len - used);
        len -= used;
        if (len == cap && !eof) st = grow(name, &buf, &cap, err);
        size_t old = len;
        if (!st) st = fill(in, buf, cap, &len, &eof, err);
        if (st) break;
        hash_start(&h, buf + old, len - old);
        st = sl_csv_stream_window(s, name, buf, len, eof, cols, sink, ctx, rep, &used, err);
        if (st || eof) break;
    }
    hash_join(&h);
    if (!st && !sl_csv_stream_started(s)) st = sl_fail(err, SL_EDATA, name, 0, "empty file: no header row");
    sl_csv_stream_free(s);
    sl_point_report_finish(rep);
    free(buf);
    return st;
}
