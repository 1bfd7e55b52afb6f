/*
** gdal.c — GDAL's process-wide set-up, done once (see sightline/geo/gdal.h).
*/
#include "sightline/geo/gdal.h"

#include <cpl_error.h>
#include <errno.h>
#include <gdal.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static pthread_once_t gdal_once = PTHREAD_ONCE_INIT;

/* GDAL never prints, in any thread: the library returns errors as values and
** only the CLI writes to the terminal. */
static void gdal_setup(void)
{
    CPLSetErrorHandler(CPLQuietErrorHandler);
    GDALAllRegister();
}

sl_status sl_gdal_ready(sl_error *err)
{
    (void)err;
    pthread_once(&gdal_once, gdal_setup);
    return SL_OK;
}

const char *sl_gdal_open_problem(const char *path, char *buf, size_t len)
{
    const char *gdal_msg = CPLGetLastErrorMsg();
    struct stat sb;
    if (gdal_msg && gdal_msg[0]) snprintf(buf, len, "%s", gdal_msg);
    else if (stat(path, &sb) != 0) snprintf(buf, len, "%s", strerror(errno));
    else if (S_ISDIR(sb.st_mode)) snprintf(buf, len, "is a directory, not a vector file");
    else snprintf(buf, len, "no GDAL driver recognises this file as vector data");
    return buf;
}
