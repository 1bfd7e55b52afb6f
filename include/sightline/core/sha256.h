/*
** sha256.h — SHA-256 of input files, so every figure names the exact bytes it
** came from. Whole buffers and files are hashed by OpenSSL's libcrypto, which
** uses the CPU's SHA instructions (about 1.5 GB/s here against 200 MB/s for
** portable C: on a gigabyte point file the hash would otherwise cost more
** than the parse). The incremental functions are the standard FIPS 180-4
** algorithm, written small, for callers that stream.
*/
#ifndef SIGHTLINE_SHA256_H
#define SIGHTLINE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sl_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
} sl_sha256;

void sl_sha256_init(sl_sha256 *s);
void sl_sha256_update(sl_sha256 *s, const void *data, size_t len);
/* Write 64 lowercase hex digits and a NUL into hex[65]. */
void sl_sha256_hex(sl_sha256 *s, char hex[65]);

/* Hash a whole buffer in one call (libcrypto; the portable code if it fails). */
void sl_sha256_buffer(const void *data, size_t len, char hex[65]);

#endif
