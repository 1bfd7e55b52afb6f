/*
** vector_layer.h — which layer of a vector file a reader takes (not a
** public API): the one policy of every GDAL polygon reader in io/.
*/
#ifndef SIGHTLINE_IO_VECTOR_LAYER_H
#define SIGHTLINE_IO_VECTOR_LAYER_H

#include <gdal.h>
#include <ogr_api.h>
#include "sightline/core/error.h"

/* The layer NAME of DS (opened from PATH), or, with NAME NULL, its only
** layer: a file with several layers is an error listing them, so no reader
** silently takes "the first" of a GeoPackage or a multi-layer KML. */
sl_status sl_vector_layer(GDALDatasetH ds, const char *path, const char *name, OGRLayerH *out, sl_error *err);

/* SL_OK when feature FID's geometry G lies within longitude -180..180 and
** latitude -90..90; else SL_EDATA naming PATH, the feature and its box.
** Coordinates beyond them mean the file's CRS is not what it says (or none
** was given for a projected layer), and its areas would silently hold no
** points: every polygon reader in io/ checks each feature with it. */
sl_status sl_vector_lonlat_check(OGRGeometryH g, const char *path, long long fid, sl_error *err);

#endif
