/*
** query.h — the query string of a request to `sightline serve`, parsed by
** the server itself (not by the HTTP library) so one set of rules, fuzzed
** on its own (fuzz/fuzz_query.c), decides what a parameter is.
**
** Rules: "k=v&k=v", "+" is a space, %XX is a byte; the decoded names and
** values must be UTF-8 without control characters; a name appears once; at
** most SL_WEB_QUERY_MAX parameters in at most SL_WEB_QUERY_MAX_BYTES bytes.
** Anything else is a usage error naming the parameter, which the server
** answers with 400.
*/
#ifndef SIGHTLINE_WEB_QUERY_H
#define SIGHTLINE_WEB_QUERY_H

#include <stddef.h>
#include "sightline/core/error.h"

#define SL_WEB_QUERY_MAX 16
#define SL_WEB_QUERY_MAX_BYTES 4096

typedef struct sl_web_param {
    const char *name, *value; /* decoded, NUL-terminated, in the query's buffer */
} sl_web_param;

typedef struct sl_web_query {
    sl_web_param items[SL_WEB_QUERY_MAX];
    size_t count;
    char *buf; /* private: the decoded text */
} sl_web_query;

/* Parse the LEN bytes of TEXT (the part after "?", may hold any bytes) into
** *Q (free with sl_web_query_free, also after a failure). An empty TEXT is
** no parameters. SL_EUSAGE on any broken rule, SL_ENOMEM out of memory. */
sl_status sl_web_query_parse(const char *text, size_t len, sl_web_query *q, sl_error *err);

/* The value of parameter NAME, or NULL when it is absent. An empty value
** ("tech=") reads as absent: a form's untouched field is no filter. */
const char *sl_web_query_get(const sl_web_query *q, const char *name);

/* SL_OK when every parameter of Q is among the NULL-terminated ALLOWED;
** else SL_EUSAGE naming the first one that is not and listing ALLOWED, so
** a misspelled filter is refused instead of silently ignored. */
sl_status sl_web_query_only(const sl_web_query *q, const char *const *allowed, sl_error *err);

/* Q in one canonical spelling: parameters sorted by name, empty ones left
** out, percent-encoded; the cache key and ETag of a request are made of it.
** A new string (NULL out of memory). */
char *sl_web_query_canonical(const sl_web_query *q);

void sl_web_query_free(sl_web_query *q);

#endif
