/*
** points_csv_job.h — the CSV point parse's parts and job, shared by the
** one-buffer read (points_csv.c: header, split, row parsers) and the
** streamed read through a chunk pool to a sink (points_csv_stream.c).
** Private to src/io.
*/
#ifndef SIGHTLINE_IO_POINTS_CSV_JOB_H
#define SIGHTLINE_IO_POINTS_CSV_JOB_H

#include <pthread.h>

#include "csv_plan.h"
#include "sightline/io/points_io.h"

#define MAX_THREADS 8
#define POOL_PER_PART 3
/* The fuzz build makes it tiny (fuzz/CMakeLists.txt), as SPLIT_MIN_BYTES. */
#ifndef SL_STREAM_CHUNK
#define SL_STREAM_CHUNK 65536 /* points per streamed chunk (the store's chunk) */
#endif

/* Streaming: parts fill reusable chunk buffers from a small pool and queue
** them for the one thread that may talk to the sink (the store), so a layer
** of any size passes through a few megabytes of warm memory. */
typedef struct chunk {
    sl_points pts;
    long no; /* the chunk's place in file order (gaps allowed) */
    struct chunk *next;
} chunk;

typedef struct chunk_queue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    chunk *free_list, *full_head, *full_tail;
    int running; /* parts still parsing */
    int abort;   /* the sink failed: parts stop */
} chunk_queue;

/* One thread's share of the rows. Points go straight into the caller's
** arrays from index AT (room for at most CAP: the part's row count); strings
** go to the part's own buffer STRS and are rebased when the parts are joined. */
typedef struct csv_part {
    const csv_plan *plan;
    const char *begin, *end;
    long first_line;
    size_t rows;       /* row ends counted in the part (an upper bound on its points) */
    int quote;         /* the count saw a '"' in the part */
    const char *nul;   /* the count's first NUL byte in the part, or NULL */
    sl_points *out;
    size_t at, cap, n;
    int write_strings; /* 0: the arrays are zeroed and the file has no id/text */
    sl_points strs;
    sl_points *strs_to; /* where strings go: &strs, or the current chunk */
    chunk_queue *q;     /* streaming (else NULL) */
    chunk *cur;
    long first_no, seq;
    int stopped;        /* the sink failed; this part gave up quietly */
    int more;           /* the data goes on past END (a window's last part) */
    const char *stop;   /* where parsing ended: END, or the start of a row that
                        ** MORE data must complete */
    long end_line;      /* the line number at STOP */
    sl_point_report rep;
    sl_error err;
    sl_status status;
} csv_part;

/* A parse in progress: the plan and its parts. */
typedef struct csv_job {
    csv_plan pl;
    csv_part parts[MAX_THREADS];
    int nparts;
    int want; /* threads asked for */
} csv_job;

/* Read the header at DATA (LEN bytes, maybe only a file's first window):
** the plan, and *BODY where the rows start. */
sl_status sl_csv_job_read_head(csv_job *job, const char *name, const char *data, size_t len,
                               const sl_point_columns *cols, sl_point_report *rep, const char **body,
                               sl_error *err);

/* Split the rows [P,END), whose first is on line LINE, for the threads and
** count each part's rows (first, so every part knows where its points go). */
sl_status sl_csv_job_count_body(csv_job *job, const char *p, const char *end, long line, sl_error *err);

/* Parse one part (a csv_part *, as a thread's start routine): into its
** OUT, or, streaming (its Q set), into chunks queued for the sink. */
void *sl_csv_part_parse(void *arg);

/* The first part error (unless ST is already one); the parts' reports go
** into REP (not finished: more windows may follow). */
sl_status sl_csv_job_merge(csv_job *job, sl_status st, sl_point_report *rep, sl_error *err);

#endif
