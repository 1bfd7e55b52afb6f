/*
** gdal_lazy.h — whether GDAL can be used, asked before using it.
**
** libgdal is opened on first use (gdal_lazy.c). A trampoline that cannot
** find its function has no error to return to, say, OGR_G_DestroyGeometry's
** caller, so it aborts. Every library entry point that goes on to call GDAL
** asks sl_gdal_ready first: it opens libgdal and resolves every function
** sightline uses at once, so a missing or mismatched libgdal becomes an
** error value at that entry point and the trampolines never fail after it.
*/
#ifndef SIGHTLINE_UTIL_GDAL_LAZY_H
#define SIGHTLINE_UTIL_GDAL_LAZY_H

#include "sightline/error.h"

/* SL_OK when every GDAL function sightline calls is available; else SL_EIO
** with err naming the library and what failed. Cheap after the first call;
** thread-safe. Always SL_OK when GDAL is linked directly. */
sl_status sl_gdal_ready(sl_error *err);

/* Why GDALOpenEx could not open PATH, in BUF (LEN bytes): GDAL's own last
** message when it left one (call CPLErrorReset before opening), else what the file system says ("No such file
** or directory", "Permission denied"), else that no GDAL driver reads it.
** GDAL stays silent for a missing file, which left messages ending in ": ". */
const char *sl_gdal_open_problem(const char *path, char *buf, size_t len);

#endif
