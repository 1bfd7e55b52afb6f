/*
** kv.h — small configuration files: one `key = value` a line, `#` starts
** a comment line, blank lines ignored, white space around key and value
** dropped. Used by `campaign init --config` and the SMTP settings.
*/
#ifndef SIGHTLINE_KV_H
#define SIGHTLINE_KV_H

#include <stddef.h>
#include "sightline/core/error.h"

/* Called for each pair with the 1-based LINE it is on; a non-zero status
** stops the parse and is returned (the callback fills ERR, naming the line). */
typedef sl_status (*sl_kv_fn)(const char *key, const char *value, long line, void *ctx, sl_error *err);

/* Parse DATA[0..len) (the file NAME, for messages). A line without '=', an
** empty key, a NUL byte or text that is not UTF-8 is SL_EDATA at its line. */
sl_status sl_kv_parse(const char *name, const char *data, size_t len, sl_kv_fn fn, void *ctx, sl_error *err);

#endif
