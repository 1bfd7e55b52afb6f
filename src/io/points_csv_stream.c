/*
** points_csv_stream.c — the CSV point reader streamed: parser threads fill
** chunks from a small pool and this thread hands them to the sink (the
** store) in file order, over one buffer (sl_points_stream_csv) or a file's
** windows (sl_csv_stream_*, read by points_window.c). Apart from
** points_csv.c, which parses (header, split, rows) into one array, this
** file is the pool, the queue and the windows.
*/
#include "points_csv.h"
#include "points_csv_job.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Hand queued chunks to SINK in this thread until every part is done;
** after a sink error the parts are told to stop and the rest is dropped. */
static sl_status drain(chunk_queue *q, sl_points_sink sink, void *ctx, sl_error *err)
{
    sl_status st = SL_OK;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (!q->full_head && q->running) pthread_cond_wait(&q->cv, &q->mu);
        chunk *c = q->full_head;
        if (!c) break;
        q->full_head = c->next;
        if (!q->full_head) q->full_tail = NULL;
        int go = !st && !q->abort;
        pthread_mutex_unlock(&q->mu);
        if (go) st = sink(ctx, c->no, &c->pts, err);
        pthread_mutex_lock(&q->mu);
        if (st) q->abort = 1;
        c->next = q->free_list;
        q->free_list = c;
        pthread_cond_broadcast(&q->cv);
    }
    pthread_mutex_unlock(&q->mu);
    return st;
}

/* A streamed read: the plan, the chunk pool and where the next rows go. It
** lives across a file's windows. */
struct sl_csv_stream {
    int headed; /* the header was read and the pool opened */
    csv_job job;
    chunk pool[MAX_THREADS * POOL_PER_PART];
    int npool;
    chunk_queue q;
    long no;   /* the next part's first chunk number */
    long line; /* the line number of the next rows */
    sl_points_sink sink;
    void *ctx;
};
typedef sl_csv_stream stream;

/* After read_head: the chunk buffers and the queue. */
static sl_status stream_open(stream *s, const char *name, sl_points_sink sink, void *ctx, sl_error *err)
{
    s->npool = s->job.want * POOL_PER_PART;
    s->q = (chunk_queue){0};
    pthread_mutex_init(&s->q.mu, NULL);
    pthread_cond_init(&s->q.cv, NULL);
    s->no = 0;
    s->line = s->job.pl.first_line;
    s->sink = sink;
    s->ctx = ctx;
    sl_status st = SL_OK;
    for (int i = 0; i < s->npool; i++) {
        chunk *c = &s->pool[i];
        sl_points_init(&c->pts);
        if (!st) st = sl_points_reserve(&c->pts, SL_STREAM_CHUNK, err);
        if (!st && (!(c->pts.lon_e7 = malloc(SL_STREAM_CHUNK * sizeof(int32_t))) ||
                    !(c->pts.lat_e7 = malloc(SL_STREAM_CHUNK * sizeof(int32_t)))))
            st = sl_fail(err, SL_ENOMEM, name, 0, "out of memory for point chunks");
        c->next = s->q.free_list;
        s->q.free_list = c;
    }
    return st;
}

static void stream_close(stream *s)
{
    for (int i = 0; i < s->npool; i++) sl_points_free(&s->pool[i].pts);
    pthread_cond_destroy(&s->q.cv);
    pthread_mutex_destroy(&s->q.mu);
}

/* Parse the rows [P,END) into chunks for the sink. MORE: the data goes on
** past END, and *STOP is set where the next window must start (a row that
** END cut, or END). */
static sl_status stream_body(stream *s, const char *p, const char *end, int more,
                             const char **stop, sl_error *err)
{
    *stop = end;
    if (p == end) return SL_OK;
    csv_job *job = &s->job;
    if (sl_csv_job_count_body(job, p, end, s->line, err)) return err->status;
    chunk_queue *q = &s->q;
    q->running = job->nparts;
    for (int i = 0; i < job->nparts; i++) { /* chunk numbers: each part's share, in file order */
        csv_part *pt = &job->parts[i];
        pt->q = q;
        pt->write_strings = 1; /* buffers are reused */
        pt->first_no = s->no;
        pt->more = more && i == job->nparts - 1;
        s->no += (long)((pt->cap + SL_STREAM_CHUNK - 1) / SL_STREAM_CHUNK);
    }
    pthread_t tids[MAX_THREADS];
    int started = 0;
    sl_status st = SL_OK;
    for (; started < job->nparts; started++)
        if (pthread_create(&tids[started], NULL, sl_csv_part_parse, &job->parts[started]) != 0) {
            st = sl_fail(err, SL_ENOMEM, job->pl.name, 0, "cannot start a parser thread");
            break;
        }
    if (st) {
        pthread_mutex_lock(&q->mu);
        q->abort = 1;
        q->running -= job->nparts - started;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
    sl_status sunk = drain(q, s->sink, s->ctx, err);
    for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
    if (!st) st = sunk;
    csv_part *last = &job->parts[job->nparts - 1];
    if (!st && last->stop) {
        *stop = last->stop;
        s->line = last->end_line;
    }
    return st;
}

sl_status sl_points_stream_csv(const char *name, const char *data, size_t len,
                               const sl_point_columns *cols, sl_points_sink sink, void *ctx,
                               sl_point_report *rep, sl_error *err)
{
    stream *s = calloc(1, sizeof *s);
    if (!s) return sl_fail(err, SL_ENOMEM, name, 0, "out of memory");
    const char *body, *stop;
    sl_status st = sl_csv_job_read_head(&s->job, name, data, len, cols, rep, &body, err);
    if (!st) {
        st = stream_open(s, name, sink, ctx, err);
        if (!st) st = stream_body(s, body, data + len, 0, &stop, err);
        st = sl_csv_job_merge(&s->job, st, rep, err);
        stream_close(s);
    }
    sl_point_report_finish(rep);
    free(s);
    return st;
}

/* ---- windows over a file (the reading is in points_window.c) ----------- */

/* The end of the last row end in [P,END) (just past it), or NULL. */
static const char *last_row_end(const char *p, const char *end, char eol)
{
    const char *e = end;
    while (e > p && e[-1] != eol) e--;
    return e > p ? e : NULL;
}

sl_csv_stream *sl_csv_stream_new(void) { return calloc(1, sizeof(sl_csv_stream)); }

int sl_csv_stream_started(const sl_csv_stream *s) { return s->headed; }

void sl_csv_stream_free(sl_csv_stream *s)
{
    if (s && s->headed) stream_close(s);
    free(s);
}

sl_status sl_csv_stream_window(sl_csv_stream *s, const char *name, const char *buf, size_t len,
                               int eof, const sl_point_columns *cols, sl_points_sink sink,
                               void *ctx, sl_point_report *rep, size_t *used, sl_error *err)
{
    const char *p = buf, *end = buf + len, *stop;
    *used = 0;
    if (!s->headed) {
        if (!eof && !memchr(p, '\n', len) && !memchr(p, '\r', len)) return SL_OK; /* grow */
        if (sl_csv_job_read_head(&s->job, name, buf, len, cols, rep, &p, err)) return err->status;
        s->headed = 1; /* stream_close undoes even a failed open */
        if (stream_open(s, name, sink, ctx, err)) return err->status;
    }
    const char *cut = eof ? end : last_row_end(p, end, s->job.pl.eol);
    if (!cut) {
        *used = (size_t)(p - buf);
        return SL_OK;
    }
    sl_status st = stream_body(s, p, cut, !eof, &stop, err);
    st = sl_csv_job_merge(&s->job, st, rep, err);
    *used = (size_t)(stop - buf);
    return st;
}
