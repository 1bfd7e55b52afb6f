/*
** polyset_read.c — reading a polygon set from any vector file GDAL opens
** (shapefile, GeoJSON, TopoJSON, GeoPackage...); see io/polyset_io.h.
**
** Census and county layers arrive in many CRSs and with the odd
** self-intersecting ring. Here every layer is brought to WGS84 lon/lat
** (a file without a CRS, like a shapefile without .prj, is taken as WGS84)
** and invalid polygons are repaired with OGR_G_MakeValid, counting the
** repairs, so the engine can trust its input.
*/
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <string.h>

#include "geo/polyset_internal.h"
#include "geo/ring_check.h"
#include "sightline/core/file.h"
#include "sightline/geo/gdal.h"
#include "sightline/io/polyset_io.h"
#include "vector_layer.h"

typedef struct reader {
    const char *path;
    GDALDatasetH ds;
    OGRLayerH layer;
    int id_index; /* -1: use the feature id */
    OGRCoordinateTransformationH to_wgs84;
    OGRSpatialReferenceH src;
} reader;

static void reader_close(reader *r)
{
    if (r->to_wgs84)
        OCTDestroyCoordinateTransformation(r->to_wgs84);
    if (r->ds)
        GDALClose(r->ds);
    CPLPopErrorHandler();
}

static sl_status reader_open(reader *r, const char *path, const char *layer,
                             const char *id_field, sl_polyset_read_info *info, sl_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    if (sl_gdal_ready(err)) return err->status;
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler); /* the library never prints */
    CPLErrorReset(); /* a stale message must not explain this failure */
    r->ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    char why[256];
    if (!r->ds)
        return sl_fail(err, SL_EIO, path, 0, "cannot open as a vector file: %s",
                       sl_gdal_open_problem(path, why, sizeof why));
    if (sl_vector_layer(r->ds, path, layer, &r->layer, err)) return err->status;
    snprintf(info->layer, sizeof info->layer, "%s", OGR_L_GetName(r->layer));
    r->id_index = -1;
    if (id_field) {
        r->id_index = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(r->layer), id_field);
        if (r->id_index < 0)
            return sl_fail(err, SL_EUSAGE, path, 0, "layer '%s' has no field '%s'",
                           info->layer, id_field);
    }
    r->src = OGR_L_GetSpatialRef(r->layer); /* owned by the layer */
    if (!r->src) {
        info->assumed_wgs84 = 1;
        return SL_OK;
    }
    int failed = sl_to_wgs84(r->src, &r->to_wgs84); /* NULL when WGS84 already */
    if (!failed && !r->to_wgs84) return SL_OK;
    if (failed)
        return sl_fail(err, SL_EDATA, path, 0, "cannot reproject layer '%s' to WGS84: %s",
                       info->layer, CPLGetLastErrorMsg());
    info->reprojected = 1;
    return SL_OK;
}

/* Reprojected and valid copy of a feature's geometry, or NULL when it has none. */
static sl_status clean_geometry(reader *r, OGRFeatureH f, OGRGeometryH *out,
                                sl_polyset_read_info *info, sl_error *err)
{
    *out = NULL;
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!g || OGR_G_IsEmpty(g))
        return SL_OK;
    g = OGR_G_Clone(g);
    if (r->to_wgs84 && OGR_G_Transform(g, r->to_wgs84) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(g);
        return sl_fail(err, SL_EDATA, r->path, 0, "feature %lld: reprojection failed",
                       (long long)OGR_F_GetFID(f));
    }
    OGRGeometryH fixed;
    if (sl_polygon_clean(g, &fixed)) { /* geo/ring_check.h */
        OGR_G_DestroyGeometry(g);
        if (!fixed)
            return sl_fail(err, SL_EDATA, r->path, 0, "feature %lld: invalid and unrepairable",
                           (long long)OGR_F_GetFID(f));
        g = fixed;
        info->repaired++;
    }
    if (sl_vector_lonlat_check(g, r->path, (long long)OGR_F_GetFID(f), err)) {
        OGR_G_DestroyGeometry(g);
        return err->status;
    }
    *out = g;
    return SL_OK;
}

static sl_status read_feature(reader *r, sl_polyset *ps, OGRFeatureH f,
                              sl_polyset_read_info *info, sl_error *err)
{
    char fidbuf[32];
    long long fid = (long long)OGR_F_GetFID(f);
    const char *id;
    if (r->id_index >= 0) {
        id = OGR_F_GetFieldAsString(f, r->id_index);
    } else {
        snprintf(fidbuf, sizeof fidbuf, "%lld", fid);
        id = fidbuf;
    }
    OGRGeometryH g = NULL;
    sl_status st = clean_geometry(r, f, &g, info, err);
    if (st == SL_OK)
        st = sl_polyset_begin_area(ps, id, (long)fid, err);
    if (st == SL_OK)
        st = sl_polyset_add_ogr(ps, g, err);
    if (g)
        OGR_G_DestroyGeometry(g);
    if (st != SL_OK)
        return st;
    size_t a = ps->n_areas - 1;
    if (ps->area_ring[a] == ps->area_ring[a + 1])
        info->empty++;
    sl_polyset_end_area(ps);
    info->features++;
    return SL_OK;
}

sl_status sl_polyset_read_file(const char *path, const char *layer, const char *id_field,
                               sl_polyset **out, sl_polyset_read_info *info, sl_error *err)
{
    sl_polyset_read_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    *out = NULL;
    reader r;
    sl_polyset *ps = NULL;
    /* Hashed first: a file that cannot be read fails here, named plainly. */
    sl_status st = sl_hash_file(path, info->sha256, err);
    if (st) return st;
    st = reader_open(&r, path, layer, id_field, info, err);
    if (st == SL_OK)
        st = sl_polyset_new(&ps, err);
    if (st == SL_OK) {
        OGR_L_ResetReading(r.layer);
        OGRFeatureH f;
        while (st == SL_OK && (f = OGR_L_GetNextFeature(r.layer)) != NULL) {
            st = read_feature(&r, ps, f, info, err);
            OGR_F_Destroy(f);
        }
    }
    reader_close(&r);
    if (st != SL_OK) {
        sl_polyset_free(ps);
        return st;
    }
    *out = ps;
    return SL_OK;
}
