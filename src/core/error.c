/*
** error.c — filling sl_error values (see include/sightline/core/error.h).
*/
#include "sightline/core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sl_error_clear(sl_error *err)
{
    if (!err) return;
    err->status = SL_OK;
    err->file[0] = '\0';
    err->line = 0;
    err->msg[0] = '\0';
}

sl_status sl_fail(sl_error *err, sl_status status, const char *file, long line,
                  const char *fmt, ...)
{
    if (!err) return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return status;
}

int sl_exit_code(sl_status status)
{
    switch (status) {
    case SL_OK: return 0;
    case SL_EUSAGE: return 2;
    default: return 1;
    }
}
