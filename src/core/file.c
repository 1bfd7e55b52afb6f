/*
** file.c — opening and reading input files (see include/sightline/core/file.h).
*/
#include "sightline/core/file.h"
#include "sightline/core/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* Read size for hashing a file: large reads keep the hash, not the calls, busy. */
#define HASH_BUF (1u << 20)

const char *sl_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A limit from the environment in MB (a positive whole number), else DEF. */
static size_t env_limit(const char *name, size_t def)
{
    const char *v = getenv(name);
    char *end;
    unsigned long long n = v ? strtoull(v, &end, 10) : 0;
    if (n > (SIZE_MAX >> 21)) n = SIZE_MAX >> 21; /* "no limit": MB still fit in bytes */
    return v && *v && !*end && n > 0 ? (size_t)n : def;
}

size_t sl_input_max_bytes(void)
{
    return env_limit("SIGHTLINE_MAX_INPUT_MB", SL_MAX_INPUT_MB) << 20;
}

int sl_inflate_too_big(size_t in, size_t out)
{
    if (out > sl_input_max_bytes()) return 1;
    size_t ratio = env_limit("SIGHTLINE_MAX_GZIP_RATIO", SL_MAX_GZIP_RATIO);
    return out > ((size_t)SL_GZIP_RATIO_FROM_MB << 20) && out / ratio > in;
}

sl_status sl_inflate_limit_error(const char *path, size_t in, size_t out, sl_error *err)
{
    if (out > sl_input_max_bytes())
        return sl_fail(err, SL_EDATA, path, 0,
                       "decompresses to more than %zu MB (raise SIGHTLINE_MAX_INPUT_MB to allow it)",
                       sl_input_max_bytes() >> 20);
    return sl_fail(err, SL_EDATA, path, 0,
                   "decompresses to more than %zu times its %zu bytes: a gzip bomb? "
                   "(raise SIGHTLINE_MAX_GZIP_RATIO to allow it)",
                   env_limit("SIGHTLINE_MAX_GZIP_RATIO", SL_MAX_GZIP_RATIO), in);
}

sl_status sl_open_input(const char *path, int *fd, int *regular, sl_error *err)
{
    /* "-" is standard input, duplicated so the caller's close leaves fd 0 be */
    int f = strcmp(path, "-") == 0 ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : open(path, O_RDONLY | O_CLOEXEC);
    if (f < 0) return sl_fail(err, SL_EIO, path, 0, "cannot open: %s", strerror(errno));
    struct stat sb;
    const char *what = NULL;
    if (fstat(f, &sb) != 0) what = strerror(errno);
    else if (S_ISDIR(sb.st_mode)) what = "is a directory, not a file";
    else if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode)) what = "is a device, not a file";
    if (what) {
        close(f);
        return sl_fail(err, SL_EIO, path, 0, "%s", what);
    }
    *fd = f;
    *regular = S_ISREG(sb.st_mode);
    return SL_OK;
}

/* read(2) until COUNT bytes or the end, retrying interruptions; -1 on error. */
static ssize_t read_full(int fd, char *buf, size_t count)
{
    size_t n = 0;
    while (n < count) {
        ssize_t got = read(fd, buf + n, count - n);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return -1;
        if (got == 0) break;
        n += (size_t)got;
    }
    return (ssize_t)n;
}

/* Ask for huge pages under a large buffer about to be filled: one page
** fault per 2 MB instead of per 4 KB (faults are most of the cost of
** reading a large file into fresh memory on a virtual machine). Advice only. */
static void fewer_faults(void *buf, size_t len)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t a = ((uintptr_t)buf + huge - 1) & ~(huge - 1), b = ((uintptr_t)buf + len) & ~(huge - 1);
    if (b > a) madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
    (void)buf, (void)len;
#endif
}

/* The bytes of a regular file (its size known) or of a pipe (at most the
** input limit: a pipe need not end). */
static sl_status read_raw(const char *path, char **data, size_t *len, sl_error *err)
{
    int fd, regular;
    if (sl_open_input(path, &fd, &regular, err)) return err->status;
    struct stat sb;
    size_t cap = regular && fstat(fd, &sb) == 0 ? (size_t)sb.st_size + 1 : 1 << 16;
    size_t n = 0, max = regular ? SIZE_MAX - 1 : sl_input_max_bytes();
    char *buf = malloc(cap + 1);
    if (buf) fewer_faults(buf, cap + 1);
    sl_status st = SL_OK;
    for (;;) {
        if (!buf) { st = sl_fail(err, SL_ENOMEM, path, 0, "out of memory"); break; }
        ssize_t got = read_full(fd, buf + n, cap - n);
        if (got < 0) { st = sl_fail(err, SL_EIO, path, 0, "read error: %s", strerror(errno)); break; }
        n += (size_t)got;
        if (n < cap) break;
        if (n > max) {
            st = sl_fail(err, SL_EDATA, path, 0,
                         "more than %zu MB from a pipe (raise SIGHTLINE_MAX_INPUT_MB to allow it)",
                         max >> 20);
            break;
        }
        cap *= 2;
        char *grown = realloc(buf, cap + 1);
        if (!grown) free(buf);
        buf = grown;
    }
    close(fd);
    if (st) { free(buf); return st; }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return SL_OK;
}

static sl_status gunzip(const char *path, const char *in, size_t inlen, char **data,
                        size_t *len, sl_error *err)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) return sl_fail(err, SL_ENOMEM, path, 0, "zlib init failed");
    size_t cap = inlen * 4 + 1024, n = 0;
    char *out = malloc(cap + 1);
    z.next_in = (unsigned char *)in;
    int rc = Z_OK, too_big = 0;
    while (out && rc != Z_STREAM_END) {
        if (n == cap) {
            if ((too_big = sl_inflate_too_big(inlen, n))) break;
            cap *= 2;
            char *grown = realloc(out, cap + 1);
            if (!grown) { free(out); out = NULL; break; }
            out = grown;
        }
        /* zlib counts in 32 bits: feed a huge input in slices */
        size_t left = inlen - (size_t)((const char *)z.next_in - in);
        z.avail_in = left > UINT32_MAX ? UINT32_MAX : (uInt)left;
        size_t room = cap - n;
        z.next_out = (unsigned char *)out + n;
        z.avail_out = room > UINT32_MAX ? UINT32_MAX : (uInt)room;
        uInt before = z.avail_out;
        rc = inflate(&z, Z_NO_FLUSH);
        n += before - z.avail_out;
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        if (rc == Z_OK && z.avail_in == 0 && left <= UINT32_MAX && z.avail_out != 0) { rc = Z_DATA_ERROR; break; }
    }
    inflateEnd(&z);
    if (too_big) { free(out); return sl_inflate_limit_error(path, inlen, n, err); }
    if (!out) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    if (rc != Z_STREAM_END) { free(out); return sl_fail(err, SL_EDATA, path, 0, "not a valid gzip file"); }
    if (sl_inflate_too_big(inlen, n)) { free(out); return sl_inflate_limit_error(path, inlen, n, err); }
    out[n] = '\0';
    *data = out;
    *len = n;
    return SL_OK;
}

sl_status sl_read_file(const char *path, char **data, size_t *len, char sha256_hex[65],
                       sl_error *err)
{
    char *raw = NULL;
    size_t rawlen = 0;
    sl_status st = read_raw(path, &raw, &rawlen, err);
    if (st) return st;
    if (sha256_hex && sl_sha256_buffer(raw, rawlen, sha256_hex)) {
        free(raw);
        return sl_fail(err, SL_ENOMEM, path, 0, "out of memory hashing the file");
    }
    if (!ends_with(path, ".gz")) {
        *data = raw;
        *len = rawlen;
        return SL_OK;
    }
    st = gunzip(path, raw, rawlen, data, len, err);
    free(raw);
    return st;
}

sl_status sl_read_input(const char *path, char **data, size_t *len, char sha256_hex[65], sl_error *err)
{
    sl_status st = read_raw(path, data, len, err);
    if (!st && sha256_hex) sl_sha256_buffer(*data, *len, sha256_hex);
    return st;
}

sl_status sl_hash_file(const char *path, char sha256_hex[65], sl_error *err)
{
    int fd, regular;
    if (sl_open_input(path, &fd, &regular, err)) return err->status;
    /* Read, not mapped: a file cut short while hashed is a short read here,
    ** where a mapping would kill the process with SIGBUS. */
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    char *buf = malloc(HASH_BUF);
    int ok = ctx && buf && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    size_t total = 0, max = regular ? SIZE_MAX : sl_input_max_bytes();
    ssize_t got = 0;
    while (ok && total <= max && (got = read_full(fd, buf, HASH_BUF)) > 0) {
        ok = EVP_DigestUpdate(ctx, buf, (size_t)got) == 1;
        total += (size_t)got;
    }
    int failed = got < 0 ? errno : 0;
    unsigned char md[32];
    unsigned int mdlen = 0;
    ok = ok && !failed && total <= max && EVP_DigestFinal_ex(ctx, md, &mdlen) == 1 && mdlen == 32;
    EVP_MD_CTX_free(ctx);
    free(buf);
    close(fd);
    if (total > max)
        return sl_fail(err, SL_EDATA, path, 0,
                       "more than %zu MB from a pipe (raise SIGHTLINE_MAX_INPUT_MB to allow it)", max >> 20);
    if (!ok) return sl_fail(err, SL_EIO, path, 0, "read error while hashing%s%s", failed ? ": " : "",
                            failed ? strerror(failed) : "");
    for (int i = 0; i < 32; i++) snprintf(sha256_hex + 2 * i, 3, "%02x", md[i]);
    return SL_OK;
}

const char *sl_parent_dir_problem(const char *path, char *buf, size_t size)
{
    char copy[4096];
    struct stat sb;
    snprintf(copy, sizeof copy, "%s", path);
    const char *dir = dirname(copy);
    if (stat(dir, &sb) != 0 && errno == ENOENT)
        snprintf(buf, size, "there is no directory %s: make it first (mkdir -p %s), or give a path in one that exists",
                 dir, dir);
    else if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
        snprintf(buf, size, "%s is a file, not a directory", dir);
    else if (access(dir, W_OK | X_OK) != 0)
        snprintf(buf, size, "the directory %s is not writable (%s): give a path in a directory you may write in", dir,
                 strerror(errno));
    else
        return NULL;
    return buf;
}
