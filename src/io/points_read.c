/*
** points_read.c — opening a point file and choosing its reader (see
** sl_points_read_file in include/sightline/io/points_io.h).
**
** CSV files are streamed: read a window at a time into one buffer (gzip
** inflated on the way), hashed in a thread beside the parse. They are read,
** not mapped: memory stays bounded whatever the file's size, and a file cut
** short while read is a short read, reported, where a mapping would die of
** SIGBUS. JSON formats are read whole (their parsers want one buffer).
*/
#include "points_csv.h"
#include "sightline/core/file.h"
#include "sightline/io/points_io.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

const char *const sl_lat_names[] = {"lat", "latitude", "y", NULL};
const char *const sl_lon_names[] = {"lon", "lng", "long", "longitude", "x", NULL};

/* Compressed bytes read at a time from a .gz file. */
#define RAW_BUF ((size_t)1 << 20)

/* A point file being streamed. */
typedef struct file_input {
    const char *path;
    int fd, regular;
    unsigned long long size, total; /* regular: its size when opened; bytes read */
    EVP_MD_CTX *md;                 /* NULL: no hash wanted */
    const sl_progress *progress;    /* told the bytes read; may be NULL */
    int gz, zdone;
    z_stream z;
    unsigned char *raw;             /* gz: compressed bytes */
    unsigned long long out_total;   /* gz: bytes inflated */
} file_input;

/* Up to CAP bytes of the file; a regular file must end where its size said. */
static sl_status read_some(file_input *f, char *buf, size_t cap, size_t *got, sl_error *err)
{
    ssize_t n;
    do n = read(f->fd, buf, cap);
    while (n < 0 && errno == EINTR);
    if (n < 0) return sl_fail(err, SL_EIO, f->path, 0, "read error: %s", strerror(errno));
    f->total += (unsigned long long)n;
    sl_progress_tell(f->progress, "bytes read", f->total, f->regular ? f->size : 0);
    if (f->regular && (n == 0 ? f->total != f->size : f->total > f->size))
        return sl_fail(err, SL_EIO, f->path, 0,
                       "changed size while reading (%llu bytes when opened, %s %llu)", f->size,
                       n == 0 ? "ended after" : "more than", f->total);
    *got = (size_t)n;
    return SL_OK;
}

static sl_status plain_fill(void *ctx, char *buf, size_t cap, size_t *got, sl_error *err)
{
    return read_some(ctx, buf, cap, got, err);
}

static void plain_digest(void *ctx, const char *data, size_t len)
{
    file_input *f = ctx;
    if (f->md && EVP_DigestUpdate(f->md, data, len) != 1) {
        EVP_MD_CTX_free(f->md); /* no hash: the caller reports it */
        f->md = NULL;
    }
}

/* Compressed bytes for zlib (hashed as read: the hash is of the file). */
static sl_status gz_input(file_input *f, sl_error *err)
{
    size_t n;
    if (read_some(f, (char *)f->raw, RAW_BUF, &n, err)) return err->status;
    if (n == 0) return sl_fail(err, SL_EDATA, f->path, 0, "not a valid gzip file (it ends early)");
    plain_digest(f, (const char *)f->raw, n);
    f->z.next_in = f->raw;
    f->z.avail_in = (uInt)n;
    return SL_OK;
}

static sl_status gz_fill(void *ctx, char *buf, size_t cap, size_t *got, sl_error *err)
{
    file_input *f = ctx;
    *got = 0;
    while (*got < cap && !f->zdone) {
        if (f->z.avail_in == 0 && gz_input(f, err)) return err->status;
        size_t room = cap - *got;
        uInt avail = room > UINT32_MAX ? UINT32_MAX : (uInt)room;
        f->z.next_out = (unsigned char *)buf + *got;
        f->z.avail_out = avail;
        int rc = inflate(&f->z, Z_NO_FLUSH);
        size_t made = avail - f->z.avail_out;
        *got += made;
        f->out_total += made;
        if (rc == Z_STREAM_END) f->zdone = 1;
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            return sl_fail(err, SL_EDATA, f->path, 0, "not a valid gzip file");
        if (sl_inflate_too_big((size_t)f->total, (size_t)f->out_total))
            return sl_inflate_limit_error(f->path, (size_t)f->total, (size_t)f->out_total, err);
    }
    return SL_OK;
}

/* Open PATH for streaming (sha: whether to hash it). */
static sl_status open_stream(const char *path, int gz, int sha, file_input *f, sl_error *err)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    f->fd = -1;
    if (sl_open_input(path, &f->fd, &f->regular, err)) return err->status;
    struct stat sb;
    if (f->regular && fstat(f->fd, &sb) == 0) f->size = (unsigned long long)sb.st_size;
    if (sha && (!(f->md = EVP_MD_CTX_new()) || EVP_DigestInit_ex(f->md, EVP_sha256(), NULL) != 1))
        return sl_fail(err, SL_ENOMEM, path, 0, "cannot start a sha256 hash");
    if (!gz) return SL_OK;
    f->gz = 1;
    if (!(f->raw = malloc(RAW_BUF)) || inflateInit2(&f->z, 15 + 32) != Z_OK)
        return sl_fail(err, SL_ENOMEM, path, 0, "out of memory for gzip");
    f->gz = 2; /* inflate ready: inflateEnd when closed */
    return SL_OK;
}

/* The rest of the file (after the gzip stream) into the hash, and the hash
** out as hex; the file must have ended at its size. */
static sl_status finish_stream(file_input *f, char sha256_hex[65], sl_error *err)
{
    size_t n = 1;
    while (f->gz && n > 0)
        if (read_some(f, (char *)f->raw, RAW_BUF, &n, err)) return err->status;
        else plain_digest(f, (const char *)f->raw, n);
    if (!sha256_hex) return SL_OK;
    unsigned char md[32];
    unsigned int mdlen = 0;
    if (!f->md || EVP_DigestFinal_ex(f->md, md, &mdlen) != 1 || mdlen != 32)
        return sl_fail(err, SL_EIO, f->path, 0, "sha256 hash failed");
    for (int i = 0; i < 32; i++) snprintf(sha256_hex + 2 * i, 3, "%02x", md[i]);
    return SL_OK;
}

static void close_stream(file_input *f)
{
    if (f->gz == 2) inflateEnd(&f->z);
    free(f->raw);
    EVP_MD_CTX_free(f->md);
    if (f->fd >= 0) close(f->fd);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
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

/* A whole file's bytes (JSON formats, and sl_points_read_file). */
typedef struct input {
    char *data;
    size_t len;
} input;

/* The format by name; .json is told apart by its bytes (IN, NULL until read:
** then GeoJSON is assumed). */
static point_format choose_format(const char *path, const input *in)
{
    char fmt[1024];
    format_name(path, fmt, sizeof fmt);
    if (ends_with(fmt, ".ndjson") || ends_with(fmt, ".jsonl") || ends_with(fmt, ".geojsonl") ||
        ends_with(fmt, ".geojsonseq"))
        return FMT_NDJSON;
    if (ends_with(fmt, ".geojson")) return FMT_GEOJSON;
    if (ends_with(fmt, ".json")) return in && looks_overpass(in->data, in->len) ? FMT_OVERPASS : FMT_GEOJSON;
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
    if (sl_read_file(path, &in.data, &in.len, sha256_hex, err)) return err->status;
    sl_status st = parse_whole(path, choose_format(path, &in), &in, cols, out, rep, err);
    free(in.data);
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

/* A CSV file streamed in windows (see the top of this file). */
static sl_status stream_csv_file(const char *path, const sl_point_columns *cols, sl_points_sink sink,
                                 void *ctx, sl_point_report *rep, char sha256_hex[65], sl_error *err)
{
    file_input f;
    sl_status st = open_stream(path, ends_with(path, ".gz"), sha256_hex != NULL, &f, err);
    f.progress = cols ? &cols->progress : NULL;
    if (!st) {
        sl_points_input in = {f.gz ? gz_fill : plain_fill, f.gz ? NULL : plain_digest, &f, 0};
        st = sl_points_stream_csv_input(path, &in, cols, sink, ctx, rep, err);
    }
    if (!st) st = finish_stream(&f, sha256_hex, err);
    close_stream(&f);
    return st;
}

sl_status sl_points_stream_file(const char *path, const sl_point_columns *cols, sl_points_sink sink,
                                void *ctx, sl_point_report *rep, char sha256_hex[65], sl_error *err)
{
    if (choose_format(path, NULL) == FMT_CSV)
        return stream_csv_file(path, cols, sink, ctx, rep, sha256_hex, err);
    input in;
    if (sl_read_file(path, &in.data, &in.len, sha256_hex, err)) return err->status;
    sl_points all;
    sl_points_init(&all);
    sl_status st = parse_whole(path, choose_format(path, &in), &in, cols, &all, rep, err);
    if (!st) st = sink_slices(&all, sink, ctx, err);
    sl_points_free(&all);
    free(in.data);
    return st;
}
