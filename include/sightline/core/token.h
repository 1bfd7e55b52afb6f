/*
** token.h — secrets handed to people (a pledge's confirmation link, an
** organiser's admin token): random from the operating system through
** OpenSSL, stored only as their SHA-256, compared in constant time.
*/
#ifndef SIGHTLINE_TOKEN_H
#define SIGHTLINE_TOKEN_H

#include "sightline/core/error.h"

/* Characters of a token: 32 random bytes in base64url without padding. */
#define SL_TOKEN_CHARS 43

/* A new token in OUT (NUL-terminated). SL_EIO when the random source fails
** (never a weaker fallback). */
sl_status sl_token_new(char out[SL_TOKEN_CHARS + 1], sl_error *err);

/* The SHA-256 of TOKEN as 64 hex digits: what the store keeps. */
void sl_token_hash(const char *token, char hex[65]);

/* 1 when A and B are equal, in time that depends only on their lengths. */
int sl_token_equal(const char *a, const char *b);

#endif
