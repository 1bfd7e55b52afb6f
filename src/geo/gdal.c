/*
** gdal.c — GDAL's process-wide set-up, done once (see sightline/geo/gdal.h).
*/
#include "sightline/geo/gdal.h"

#include <cpl_error.h>
#include <errno.h>
#include <math.h>
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

int sl_lonlat_box(double minx, double maxx, double miny, double maxy)
{
    const double eps = 1e-9;
    return isfinite(minx) && isfinite(maxx) && isfinite(miny) && isfinite(maxy) && minx >= -180 - eps &&
           maxx <= 180 + eps && miny >= -90 - eps && maxy <= 90 + eps;
}

int sl_to_wgs84(OGRSpatialReferenceH src, OGRCoordinateTransformationH *ct)
{
    *ct = NULL;
    OGRSpatialReferenceH wgs = OSRNewSpatialReference(NULL), from = OSRClone(src);
    OSRImportFromEPSG(wgs, 4326);
    OSRSetAxisMappingStrategy(wgs, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(from, OAMS_TRADITIONAL_GIS_ORDER);
    int rc = 0;
    if (!OSRIsSame(from, wgs)) {
        *ct = OCTNewCoordinateTransformation(from, wgs);
        rc = *ct ? 0 : -1;
    }
    OSRDestroySpatialReference(wgs);
    OSRDestroySpatialReference(from);
    return rc;
}
