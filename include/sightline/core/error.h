/*
** error.h — errors as values.
**
** Every library function that can fail returns an sl_status and fills an
** sl_error the caller owns. The error names the input file and line when the
** failure came from data, so the CLI can print "FILE:LINE: what is wrong".
** Only the CLI prints; the library never writes to stderr or exits.
*/
#ifndef SIGHTLINE_ERROR_H
#define SIGHTLINE_ERROR_H

#include <stddef.h>

typedef enum sl_status {
    SL_OK = 0,
    SL_EDATA = 1,  /* bad input data: malformed file, unknown column */
    SL_EUSAGE = 2, /* caller asked for something impossible */
    SL_EIO = 3,    /* file or store could not be read or written */
    SL_ENOMEM = 4
} sl_status;

typedef struct sl_error {
    sl_status status;
    char file[512]; /* input file the problem is in, or "" */
    long line;      /* 1-based line in that file, or 0 */
    char msg[1024];
} sl_error;

/* Reset an error to "no error". */
void sl_error_clear(sl_error *err);

/* Fill err (printf-style) and return status, so callers can write
** `return sl_fail(err, SL_EDATA, file, line, "bad date '%s'", s);` */
sl_status sl_fail(sl_error *err, sl_status status, const char *file, long line,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Map a status to the CLI's exit code: 0 ok, 1 data/io error, 2 usage. */
int sl_exit_code(sl_status status);

#endif
