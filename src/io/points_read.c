/*
** points_read.c — opening a point file and choosing its reader (see
** sl_points_read_file in include/sightline/points_io.h).
**
** Plain files are mapped rather than read so the CSV threads parse straight
** from the page cache; gzip files are inflated whole (slower, but rare for
** large point sets).
*/
#include "points_csv.h"
#include "sightline/file.h"
#include "sightline/points_io.h"
#include "sightline/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A mapped file's hash runs in its own thread beside the parse: the file is
** read from the page cache once, and a spare core hides the hash. */
typedef struct input {
    char *data;
    size_t len;
    int mapped;
    char *sha;        /* where the hash goes, or NULL */
    pthread_t hasher;
    int hashing;      /* the thread runs (else the hash is done) */
} input;

static void *hash_input(void *arg)
{
    input *in = arg;
    sl_hash_mapping(in->data, in->len, in->sha);
    return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* IN must stay where it is until close_input: the hash thread reads it. */
static sl_status open_input(const char *path, input *in, char sha[65], sl_error *err)
{
    memset(in, 0, sizeof *in);
    if (ends_with(path, ".gz")) return sl_read_file(path, &in->data, &in->len, sha, err);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return sl_fail(err, SL_EIO, path, 0, "cannot open: %s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return sl_read_file(path, &in->data, &in->len, sha, err); /* a pipe or device */
    }
    in->len = (size_t)sb.st_size;
    if (in->len == 0) {
        close(fd);
        in->data = calloc(1, 1);
        if (sha) sl_sha256_buffer("", 0, sha);
        return in->data ? SL_OK : sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    }
    void *m = mmap(NULL, in->len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) return sl_fail(err, SL_EIO, path, 0, "cannot map: %s", strerror(errno));
    madvise(m, in->len, MADV_SEQUENTIAL);
    in->data = m;
    in->mapped = 1;
    in->sha = sha;
    if (sha) {
        in->hashing = pthread_create(&in->hasher, NULL, hash_input, in) == 0;
        if (!in->hashing) sl_hash_mapping(in->data, in->len, sha);
    }
    return SL_OK;
}

static void close_input(input *in)
{
    if (in->hashing) pthread_join(in->hasher, NULL);
    if (in->mapped) munmap(in->data, in->len);
    else free(in->data);
}

/* The name without a trailing .gz, for choosing the format. */
static void format_name(const char *path, char *buf, size_t size)
{
    snprintf(buf, size, "%s", path);
    size_t n = strlen(buf);
    if (n > 3 && strcasecmp(buf + n - 3, ".gz") == 0) buf[n - 3] = '\0';
}

/* For .json: Overpass has "elements" near the top; otherwise GeoJSON. */
static int looks_overpass(const char *data, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 10 <= n; i++)
        if (memcmp(data + i, "\"elements\"", 10) == 0) return 1;
    return 0;
}

typedef enum { FMT_CSV, FMT_NDJSON, FMT_GEOJSON, FMT_OVERPASS } point_format;

static point_format choose_format(const char *path, const input *in)
{
    char fmt[1024];
    format_name(path, fmt, sizeof fmt);
    if (ends_with(fmt, ".ndjson") || ends_with(fmt, ".jsonl") || ends_with(fmt, ".geojsonl") ||
        ends_with(fmt, ".geojsonseq"))
        return FMT_NDJSON;
    if (ends_with(fmt, ".geojson")) return FMT_GEOJSON;
    if (ends_with(fmt, ".json")) return looks_overpass(in->data, in->len) ? FMT_OVERPASS : FMT_GEOJSON;
    return FMT_CSV;
}

static sl_status parse_whole(const char *path, point_format f, const input *in,
                             const sl_point_columns *cols, sl_points *out, sl_point_report *rep,
                             sl_error *err)
{
    switch (f) {
    case FMT_NDJSON: return sl_points_parse_ndjson(path, in->data, in->len, cols, out, rep, err);
    case FMT_GEOJSON: return sl_points_parse_geojson(path, in->data, in->len, cols, out, rep, err);
    case FMT_OVERPASS: return sl_points_parse_overpass(path, in->data, in->len, cols, out, rep, err);
    default: return sl_points_parse_csv(path, in->data, in->len, cols, out, rep, err);
    }
}

sl_status sl_points_read_file(const char *path, const sl_point_columns *cols, sl_points *out,
                              sl_point_report *rep, char sha256_hex[65], sl_error *err)
{
    input in;
    if (open_input(path, &in, sha256_hex, err)) return err->status;
    sl_status st = parse_whole(path, choose_format(path, &in), &in, cols, out, rep, err);
    close_input(&in);
    return st;
}

/* Hand a whole set to SINK in store-sized slices (views into its arrays). */
static sl_status sink_slices(const sl_points *all, sl_points_sink sink, void *ctx, sl_error *err)
{
    enum { SLICE = 65536 };
    for (size_t from = 0; from < all->n; from += SLICE) {
        sl_points view = *all;
        view.n = view.cap = all->n - from < SLICE ? all->n - from : SLICE;
        view.lon += from;
        view.lat += from;
        view.time += from;
        view.id += from;
        view.text += from;
        view.attrs += from;
        if (view.source) view.source += from;
        view.lon_e7 = view.lat_e7 = NULL; /* not offset here */
        view.e7_valid = 0;
        if (sink(ctx, (long)(from / SLICE), &view, err)) return err->status;
    }
    return SL_OK;
}

sl_status sl_points_stream_file(const char *path, const sl_point_columns *cols, sl_points_sink sink,
                                void *ctx, sl_point_report *rep, char sha256_hex[65], sl_error *err)
{
    input in;
    if (open_input(path, &in, sha256_hex, err)) return err->status;
    point_format f = choose_format(path, &in);
    sl_status st;
    if (f == FMT_CSV) {
        st = sl_points_stream_csv_input(path, in.data, in.len, in.mapped, cols, sink, ctx, rep, err);
    } else {
        sl_points all;
        sl_points_init(&all);
        st = parse_whole(path, f, &in, cols, &all, rep, err);
        if (!st) st = sink_slices(&all, sink, ctx, err);
        sl_points_free(&all);
    }
    close_input(&in);
    return st;
}
