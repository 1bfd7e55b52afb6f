/*
** polyset_io.h — a polygon set (geo/polyset.h) read from any vector file
** GDAL opens: zone polygons, and the tract layers of tests and benchmarks.
**
** Same layer policy as the area importer (areas_io.h): a named layer, or the
** file's only layer; a file with several layers is an error naming them.
** Every layer is brought to WGS84 lon/lat (a file without a CRS, like a
** shapefile without .prj, is taken as WGS84) and invalid polygons are
** repaired with MakeValid, counted, so the engine can trust its input.
*/
#ifndef SIGHTLINE_IO_POLYSET_IO_H
#define SIGHTLINE_IO_POLYSET_IO_H

#include "sightline/core/error.h"
#include "sightline/geo/polyset.h"

/* What sl_polyset_read_file saw. */
typedef struct sl_polyset_read_info {
    long features;     /* features read = areas added, in file order */
    long repaired;     /* invalid polygons fixed with OGR_G_MakeValid */
    long empty;        /* features with no polygonal geometry (kept, empty) */
    int reprojected;   /* 1 when the file's CRS was not WGS84 lon/lat */
    int assumed_wgs84; /* 1 when the file had no CRS (e.g. no .prj) */
    char layer[256];   /* the layer read */
    char sha256[65];   /* of the file PATH names (for a shapefile: the .shp) */
} sl_polyset_read_info;

/* Read every feature of LAYER (NULL: the file's only layer) of the vector
** file PATH. ID_FIELD names the attribute used as area id (NULL: the
** feature id). Invalid polygons are repaired and counted in INFO (may be
** NULL). Each area remembers its source feature id (sl_polyset_fid). */
sl_status sl_polyset_read_file(const char *path, const char *layer, const char *id_field,
                               sl_polyset **out, sl_polyset_read_info *info, sl_error *err);

#endif
