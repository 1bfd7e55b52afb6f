/*
** gdal_symbols.h — every GDAL/OGR/OSR/CPL function sightline calls, as an
** X-macro list. The CLI does not link libgdal: each of these names is a
** small trampoline (generated from this list by CMake, see gdal_lazy.c)
** that loads libgdal on its first call. A GDAL function used anywhere
** must be listed here, or the CLI fails to link ("undefined reference"),
** which is the reminder.
*/
#define SL_GDAL_SYMBOLS(X) \
    X(CPLErrorReset) \
    X(CPLGetLastErrorMsg) \
    X(CPLPopErrorHandler) \
    X(CPLPushErrorHandler) \
    X(CPLQuietErrorHandler) \
    X(CPLSetErrorHandler) \
    X(GDALAllRegister) \
    X(GDALClose) \
    X(GDALCreate) \
    X(GDALDatasetCopyLayer) \
    X(GDALDatasetGetLayer) \
    X(GDALDatasetGetLayerByName) \
    X(GDALDatasetGetLayerCount) \
    X(GDALGetDriverByName) \
    X(GDALOpenEx) \
    X(OCTDestroyCoordinateTransformation) \
    X(OCTNewCoordinateTransformation) \
    X(OGRGeometryTypeToName) \
    X(OGR_FD_GetFieldCount) \
    X(OGR_FD_GetFieldDefn) \
    X(OGR_FD_GetFieldIndex) \
    X(OGR_F_Destroy) \
    X(OGR_F_GetDefnRef) \
    X(OGR_F_GetFID) \
    X(OGR_F_GetFieldAsDouble) \
    X(OGR_F_GetFieldAsInteger) \
    X(OGR_F_GetFieldAsString) \
    X(OGR_F_GetFieldIndex) \
    X(OGR_F_GetGeometryRef) \
    X(OGR_F_IsFieldSetAndNotNull) \
    X(OGR_Fld_GetNameRef) \
    X(OGR_Fld_GetType) \
    X(OGR_GT_Flatten) \
    X(OGR_G_AddGeometry) \
    X(OGR_G_AddGeometryDirectly) \
    X(OGR_G_Clone) \
    X(OGR_G_CreateFromWkb) \
    X(OGR_G_CreateFromWkbEx) \
    X(OGR_G_CreateFromWkt) \
    X(OGR_G_CreateGeometry) \
    X(OGR_G_CreateGeometryFromJson) \
    X(OGR_G_DestroyGeometry) \
    X(OGR_G_ExportToIsoWkb) \
    X(OGR_G_ExportToJsonEx) \
    X(OGR_G_ExportToWkb) \
    X(OGR_G_FlattenTo2D) \
    X(OGR_G_GetEnvelope) \
    X(OGR_G_GetGeometryCount) \
    X(OGR_G_GetGeometryRef) \
    X(OGR_G_GetGeometryType) \
    X(OGR_G_GetLinearGeometry) \
    X(OGR_G_GetPointCount) \
    X(OGR_G_GetPoints) \
    X(OGR_G_GetX) \
    X(OGR_G_GetY) \
    X(OGR_G_HasCurveGeometry) \
    X(OGR_G_Intersection) \
    X(OGR_G_Intersects) \
    X(OGR_G_IsEmpty) \
    X(OGR_G_IsValid) \
    X(OGR_G_MakeValid) \
    X(OGR_G_MakeValidEx) \
    X(OGR_G_SetPoint_2D) \
    X(OGR_G_SetPoints) \
    X(OGR_G_SimplifyPreserveTopology) \
    X(OGR_G_Transform) \
    X(OGR_G_UnionCascaded) \
    X(OGR_G_WkbSize) \
    X(OGR_L_GetFeature) \
    X(OGR_L_GetLayerDefn) \
    X(OGR_L_GetName) \
    X(OGR_L_GetNextFeature) \
    X(OGR_L_GetSpatialRef) \
    X(OGR_L_ResetReading) \
    X(OSRClone) \
    X(OSRDestroySpatialReference) \
    X(OSRGetAxisMappingStrategy) \
    X(OSRImportFromEPSG) \
    X(OSRIsGeographic) \
    X(OSRIsSame) \
    X(OSRNewSpatialReference) \
    X(OSRSetAxisMappingStrategy) \
    X(OSRSetWellKnownGeogCS) \
    X(VSIFree)
