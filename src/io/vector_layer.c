/*
** vector_layer.c — the layer policy of the GDAL polygon readers (see
** vector_layer.h).
*/
#include "vector_layer.h"
#include "sightline/geo/gdal.h"

#include <string.h>

sl_status sl_vector_layer(GDALDatasetH ds, const char *path, const char *name, OGRLayerH *out, sl_error *err)
{
    int n = GDALDatasetGetLayerCount(ds);
    *out = NULL;
    if (name) {
        *out = GDALDatasetGetLayerByName(ds, name);
        if (!*out) return sl_fail(err, SL_EDATA, path, 0, "no layer named '%s'", name);
        return SL_OK;
    }
    if (n == 1) {
        *out = GDALDatasetGetLayer(ds, 0);
        return SL_OK;
    }
    if (n == 0) return sl_fail(err, SL_EDATA, path, 0, "no layer in this file");
    char list[512] = "";
    for (int i = 0; i < n && strlen(list) < 400; i++) {
        strcat(list, i ? ", " : "");
        strncat(list, OGR_L_GetName(GDALDatasetGetLayer(ds, i)), 60);
    }
    return sl_fail(err, SL_EDATA, path, 0, "%d layers; choose one with --layer (%s)", n, list);
}

sl_status sl_vector_lonlat_check(OGRGeometryH g, const char *path, long long fid, sl_error *err)
{
    OGREnvelope e;
    OGR_G_GetEnvelope(g, &e);
    if (sl_lonlat_box(e.MinX, e.MaxX, e.MinY, e.MaxY)) return SL_OK;
    return sl_fail(err, SL_EDATA, path, 0,
                   "feature %lld: coordinates outside longitude -180..180 / latitude -90..90 "
                   "(x %g..%g, y %g..%g): wrong CRS or damaged geometry",
                   fid, e.MinX, e.MaxX, e.MinY, e.MaxY);
}
