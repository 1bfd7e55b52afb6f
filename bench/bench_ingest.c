/*
** bench_ingest.c — how fast point files pass into and out of the store.
**
** Writes a synthetic point CSV (id, ISO time, lat, lon, a short label; about
** 60 bytes a row, the shape of a camera registry or request log), then times,
** on a warm page cache: the parse alone with 1 and 2 threads, parse + store
** (one transaction), load back, the sha256 the CLI takes of each input, and
** the CLI's streamed hash + parse + store in one pass.
** Prints one line per stage with MB/s of CSV and million points per second.
**
** usage: bench_ingest [ROWS (default 5000000)] [DIR (default /tmp)]
*/
#include "sightline/core/file.h"
#include "sightline/ingest/layers.h"
#include "sightline/io/points_io.h"
#include "sightline/store/store_layers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double clock_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wall time, and CPU time of the whole process: on a shared machine the
** second says what the code costs when the other jobs take the cores. */
static double now(void) { return clock_of(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_of(CLOCK_PROCESS_CPUTIME_ID); }
static double cpu_mark;

static int write_csv(const char *path, long rows)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fprintf(f, "id,created,latitude,longitude,label\n");
    unsigned long long x = 88172645463325252ULL;
    for (long i = 0; i < rows; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift: reproducible */
        double lat = 25.0 + (double)(x % 2400000) / 100000.0;
        double lon = -124.0 + (double)((x >> 24) % 5700000) / 100000.0;
        long t = 1500000000L + (long)((x >> 40) % 100000000);
        time_t tt = (time_t)t;
        struct tm tm;
        gmtime_r(&tt, &tm);
        fprintf(f, "r%ld,%04d-%02d-%02dT%02d:%02d:%02dZ,%.6f,%.6f,cam %ld\n", i, tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, lat, lon, i % 97);
    }
    return fclose(f);
}

static void report(const char *stage, double secs, double mb, size_t points)
{
    double used = cpu() - cpu_mark;
    printf("%-28s %7.3f s  %8.1f MB/s  %6.2f Mpoints/s   cpu %7.3f s (%6.1f MB per cpu-s)\n", stage,
           secs, mb / secs, (double)points / secs / 1e6, used, mb / used);
    cpu_mark = cpu();
}

static int parse(const char *csv, int threads, double mb, sl_points *out)
{
    sl_point_columns cols = {.time = "created", .text = "label", .threads = threads};
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_error err;
    sl_points_init(out);
    cpu_mark = cpu();
    double t0 = now();
    if (sl_points_read_file(csv, &cols, out, &rep, NULL, &err)) {
        fprintf(stderr, "bench_ingest: %s\n", err.msg);
        return -1;
    }
    char name[64];
    snprintf(name, sizeof name, "parse, %d thread%s", threads, threads > 1 ? "s" : "");
    report(name, now() - t0, mb, out->n);
    return 0;
}

/* The import's way (sl_ingest_points, as `sightline import`): hash, parse
** and store in one streamed pass. */
static int stream_store(sl_store *st, const char *csv, double mb)
{
    sl_error err;
    sl_point_columns cols = {.time = "created", .text = "label"};
    sl_layer_result res;
    cpu_mark = cpu();
    double t0 = now();
    if (sl_ingest_points(st, "posts", csv, &cols, NULL, 0, &res, &err)) {
        fprintf(stderr, "bench_ingest: %s\n", err.msg);
        return 1;
    }
    report("stream: hash+parse+store", now() - t0, mb, (size_t)res.points.imported);
    return 0;
}

int main(int argc, char **argv)
{
    long rows = argc > 1 ? atol(argv[1]) : 5000000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    char csv[1024], db[1024];
    snprintf(csv, sizeof csv, "%s/sl_bench_ingest_%ld.csv", dir, rows);
    snprintf(db, sizeof db, "%s/sl_bench_ingest_%d.db", dir, (int)getpid());
    struct stat sb;
    if (stat(csv, &sb) != 0 && write_csv(csv, rows) != 0) {
        fprintf(stderr, "bench_ingest: cannot write %s\n", csv);
        return 1;
    }
    stat(csv, &sb);
    double mb = (double)sb.st_size / 1e6;
    printf("input: %s, %ld rows, %.1f MB\n", csv, rows, mb);

    sl_error err;
    char sha[65];
    sl_points pts;
    if (sl_hash_file(csv, sha, &err)) return 1; /* warms the page cache too */
    cpu_mark = cpu();
    double t0 = now();
    sl_hash_file(csv, sha, &err);
    report("sha256 of the file", now() - t0, mb, (size_t)rows);
    if (parse(csv, 1, mb, &pts)) return 1;
    sl_points_free(&pts);
    t0 = now();
    if (parse(csv, 2, mb, &pts)) return 1;
    double t_parse = now() - t0;

    sl_store *st;
    unlink(db);
    if (sl_store_open(db, &st, &err)) return 1;
    sl_source src = {.kind = "cameras", .file_name = "bench.csv", .sha256 = sha, .snapshot = ""};
    cpu_mark = cpu();
    t0 = now();
    if (sl_store_begin(st, &err) || sl_store_add_source(st, &src, &err)) return 1;
    pts.source_id = src.id;
    if (sl_store_add_points(st, "cameras", NULL, &pts, &err) || sl_store_commit(st, &err)) {
        fprintf(stderr, "bench_ingest: %s\n", err.msg);
        return 1;
    }
    double t_store = now() - t0;
    report("store (one transaction)", t_store, mb, pts.n);
    printf("%-28s %7.3f s  %8.1f MB/s\n", "parse (2 threads) + store", t_parse + t_store,
           mb / (t_parse + t_store));
    size_t n = pts.n;
    sl_points_free(&pts);

    sl_points_init(&pts);
    cpu_mark = cpu();
    t0 = now();
    if (sl_store_load_points(st, "cameras", NULL, &pts, &err)) return 1;
    report("load from the store", now() - t0, mb, pts.n);
    if (pts.n != n) fprintf(stderr, "bench_ingest: loaded %zu of %zu points\n", pts.n, n);
    sl_points_free(&pts);
    if (stream_store(st, csv, mb)) return 1;
    sl_store_close(st);
    stat(db, &sb);
    printf("store file (twice the points): %.1f MB\n", (double)sb.st_size / 1e6);
    unlink(db);
    return 0;
}
