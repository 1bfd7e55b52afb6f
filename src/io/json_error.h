/*
** json_error.h — loading JSON text with a true reason when it fails.
*/
#ifndef SIGHTLINE_IO_JSON_ERROR_H
#define SIGHTLINE_IO_JSON_ERROR_H

#include <errno.h>
#include <jansson.h>

#include "sightline/core/error.h"

/* json_loadb, noting in *OOM whether a failure was memory running out:
** jansson flags that only in some paths (a string buffer that cannot grow
** reads as a syntax error, a failed set-up leaves no text at all), so a
** malloc that failed (errno ENOMEM) or an empty reason counts too. */
static inline json_t *sl_json_loadb(const char *buf, size_t len, size_t flags, json_error_t *je, int *oom)
{
    errno = 0;
    json_t *j = json_loadb(buf, len, flags, je);
    *oom = !j && (errno == ENOMEM || je->text[0] == '\0' || json_error_code(je) == json_error_out_of_memory);
    return j;
}

/* Fill ERR for a failed load of FILE (LINE where it stopped): out of memory
** is SL_ENOMEM and says so, since a valid file that does not fit must not be
** reported as "invalid JSON"; anything else is SL_EDATA with jansson's
** reason after PREFIX (e.g. "invalid JSON"). */
static inline sl_status sl_json_fail(sl_error *err, const char *file, long line, const char *prefix,
                                     const json_error_t *je, int oom)
{
    if (oom) return sl_fail(err, SL_ENOMEM, file, line, "out of memory reading JSON (not a syntax error)");
    return sl_fail(err, SL_EDATA, file, line, "%s: %s", prefix, je->text);
}

#endif
