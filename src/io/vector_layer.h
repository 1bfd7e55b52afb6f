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

#endif
