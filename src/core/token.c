/*
** token.c — random tokens (see include/sightline/core/token.h).
*/
#include "sightline/core/token.h"
#include "sightline/core/sha256.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <string.h>

sl_status sl_token_new(char out[SL_TOKEN_CHARS + 1], sl_error *err)
{
    static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char raw[33] = {0};
    if (RAND_bytes(raw, 32) != 1) {
        out[0] = '\0';
        return sl_fail(err, SL_EIO, NULL, 0, "the system's random source failed; no token was made");
    }
    /* 33 bytes (the last zero) -> 44 characters; the 44th is always 'A'
    ** padding and dropped: 32 bytes are 256 bits in 43 characters. */
    size_t o = 0;
    for (size_t i = 0; i < 33; i += 3) {
        unsigned v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8 | raw[i + 2];
        for (int k = 3; k >= 0 && o < SL_TOKEN_CHARS; k--) out[o++] = B64[(v >> (6 * k)) & 63];
    }
    out[SL_TOKEN_CHARS] = '\0';
    OPENSSL_cleanse(raw, sizeof raw);
    return SL_OK;
}

void sl_token_hash(const char *token, char hex[65])
{
    if (sl_sha256_buffer(token, strlen(token), hex)) hex[0] = '\0';
}

int sl_token_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b)) return 0;
    return CRYPTO_memcmp(a, b, n) == 0;
}
