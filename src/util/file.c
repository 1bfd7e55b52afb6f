/*
** file.c — reading whole input files (see include/sightline/file.h).
*/
#include "sightline/file.h"
#include "sightline/sha256.h"

#include <errno.h>
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

static sl_status read_raw(const char *path, char **data, size_t *len, sl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) { fclose(f); return sl_fail(err, SL_ENOMEM, path, 0, "out of memory"); }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        cap *= 2;
        char *grown = realloc(buf, cap + 1);
        if (!grown) free(buf);
        buf = grown;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) { free(buf); return sl_fail(err, SL_EIO, path, 0, "read error"); }
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
    z.avail_in = (uInt)inlen;
    int rc = Z_OK;
    while (out && rc != Z_STREAM_END) {
        if (n == cap) {
            cap *= 2;
            char *grown = realloc(out, cap + 1);
            if (!grown) { free(out); out = NULL; break; }
            out = grown;
        }
        z.next_out = (unsigned char *)out + n;
        z.avail_out = (uInt)(cap - n);
        rc = inflate(&z, Z_NO_FLUSH);
        n = cap - z.avail_out;
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) { rc = Z_DATA_ERROR; break; }
    }
    inflateEnd(&z);
    if (!out) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    if (rc != Z_STREAM_END) { free(out); return sl_fail(err, SL_EDATA, path, 0, "not a valid gzip file"); }
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
    if (sha256_hex) sl_sha256_buffer(raw, rawlen, sha256_hex);
    if (!ends_with(path, ".gz")) {
        *data = raw;
        *len = rawlen;
        return SL_OK;
    }
    st = gunzip(path, raw, rawlen, data, len, err);
    free(raw);
    return st;
}

void sl_file_release(const void *from, const void *to)
{
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = ((uintptr_t)from + page - 1) & ~(page - 1), b = (uintptr_t)to & ~(page - 1);
    if (b > a) madvise((void *)a, b - a, MADV_DONTNEED);
}

/* The digest of a mapping in steps, releasing each; 1 when hashed. */
static int digest_mapping(const void *data, size_t len, unsigned char md[32])
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    const char *p = data, *end = p + len;
    while (ok && p < end) {
        size_t n = (size_t)(end - p) < SL_RELEASE_STEP ? (size_t)(end - p) : SL_RELEASE_STEP;
        ok = EVP_DigestUpdate(ctx, p, n) == 1;
        sl_file_release(p, p + n);
        p += n;
    }
    unsigned int mdlen = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, md, &mdlen) == 1 && mdlen == 32;
    EVP_MD_CTX_free(ctx);
    return ok;
}

void sl_hash_mapping(const void *data, size_t len, char sha256_hex[65])
{
    unsigned char md[32];
    if (digest_mapping(data, len, md)) {
        static const char digits[] = "0123456789abcdef";
        for (int i = 0; i < 32; i++) {
            sha256_hex[2 * i] = digits[md[i] >> 4];
            sha256_hex[2 * i + 1] = digits[md[i] & 15];
        }
        sha256_hex[64] = '\0';
    } else {
        sl_sha256_buffer(data, len, sha256_hex); /* the portable code if libcrypto fails */
    }
}

/* A regular file's bytes through a read-only mapping (no copy into a buffer:
** for a gigabyte that copy costs as much as the hash); 1 when hashed. */
static int hash_mapped(FILE *f, unsigned char md[32])
{
    struct stat sb;
    int fd = fileno(f);
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0) return 0;
    void *m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) return 0;
    madvise(m, (size_t)sb.st_size, MADV_SEQUENTIAL);
    int ok = digest_mapping(m, (size_t)sb.st_size, md);
    munmap(m, (size_t)sb.st_size);
    return ok;
}

/* Anything else (pipes, empty files) read in large blocks; 1 when hashed. */
static int hash_streamed(FILE *f, unsigned char md[32])
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    char *buf = malloc(HASH_BUF);
    int ok = ctx && buf && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    size_t got;
    while (ok && (got = fread(buf, 1, HASH_BUF, f)) > 0) ok = EVP_DigestUpdate(ctx, buf, got) == 1;
    unsigned int mdlen = 0;
    ok = ok && !ferror(f) && EVP_DigestFinal_ex(ctx, md, &mdlen) == 1 && mdlen == 32;
    EVP_MD_CTX_free(ctx);
    free(buf);
    return ok;
}

sl_status sl_hash_file(const char *path, char sha256_hex[65], sl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot open: %s", strerror(errno));
    unsigned char md[32];
    int ok = hash_mapped(f, md) || hash_streamed(f, md);
    fclose(f);
    if (!ok) return sl_fail(err, SL_EIO, path, 0, "read error while hashing");
    for (int i = 0; i < 32; i++) snprintf(sha256_hex + 2 * i, 3, "%02x", md[i]);
    return SL_OK;
}
