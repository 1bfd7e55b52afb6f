/*
** gdal.h — GDAL set up once, and GDAL's reason a file did not open.
**
** libgdal is linked like any other library. GDAL keeps process-wide state
** (its driver registry, its error handler), so that state is set once, here,
** by the lowest layer that calls GDAL; every entry point that goes on to call
** GDAL asks sl_gdal_ready first.
*/
#ifndef SIGHTLINE_GEO_GDAL_H
#define SIGHTLINE_GEO_GDAL_H

#include <stddef.h>
#include "sightline/core/error.h"
#include <ogr_srs_api.h>

/* Register GDAL's drivers and silence its error printer (only the CLI
** prints), once per process; thread-safe and cheap after the first call.
** Always SL_OK: ERR is kept so a future failure mode has a place to go. */
sl_status sl_gdal_ready(sl_error *err);

/* Why GDALOpenEx could not open PATH, in BUF (LEN bytes): GDAL's own last
** message when it left one (call CPLErrorReset before opening), else what the file system says ("No such file
** or directory", "Permission denied"), else that no GDAL driver reads it.
** GDAL stays silent for a missing file, which left messages ending in ": ". */
const char *sl_gdal_open_problem(const char *path, char *buf, size_t len);

/* 1 when the box X MINX..MAXX, Y MINY..MAXY is finite and on the globe as
** WGS84 lon/lat. Coordinates beyond it mean the file's CRS is not what it
** says (or none was given for projected data): one test for areas and
** requests, so both refuse the same files. */
int sl_lonlat_box(double minx, double maxx, double miny, double maxy);

/* In *CT, a transformation from SRC to WGS84 lon/lat (traditional GIS axis
** order: x is longitude), or NULL when SRC is WGS84 already. Returns 0, or
** -1 when PROJ cannot make one (CPLGetLastErrorMsg says why). The one way
** every reader reprojects. */
int sl_to_wgs84(OGRSpatialReferenceH src, OGRCoordinateTransformationH *ct);

#endif
