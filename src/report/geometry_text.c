/*
** geometry_text.c — an area's geometry as the GIS files carry it: the
** boundary as imported, every vertex, each coordinate the shortest decimal
** that reads back as the same double, as a GeoJSON MultiPolygon. The counts
** were made on these doubles; a GIS re-join on the files gives them again.
** (The page's map draws a simplified copy: collect_spatial.c.)
*/
#include "report_internal.h"

#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>

/* V as the shortest of %.15g, %.16g and %.17g that reads back as V. */
static void coordinate(FILE *f, double v)
{
    char b[40];
    for (int p = 15; p <= 17; p++) {
        snprintf(b, sizeof b, "%.*g", p, v);
        if (strtod(b, NULL) == v) break;
    }
    fputs(b, f);
}

static void ring(FILE *f, OGRGeometryH r)
{
    fputc('[', f);
    for (int i = 0, n = OGR_G_GetPointCount(r); i < n; i++) {
        fputs(i ? ",[" : "[", f);
        coordinate(f, OGR_G_GetX(r, i));
        fputc(',', f);
        coordinate(f, OGR_G_GetY(r, i));
        fputc(']', f);
    }
    fputc(']', f);
}

char *sl_audit_geometry_text(OGRGeometryH g)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = g ? open_memstream(&text, &len) : NULL;
    if (!f) return NULL;
    fputs("{\"type\":\"MultiPolygon\",\"coordinates\":[", f);
    for (int p = 0, np = OGR_G_GetGeometryCount(g); p < np; p++) {
        OGRGeometryH poly = OGR_G_GetGeometryRef(g, p);
        fputs(p ? ",[" : "[", f);
        for (int r = 0, nr = OGR_G_GetGeometryCount(poly); r < nr; r++) {
            if (r) fputc(',', f);
            ring(f, OGR_G_GetGeometryRef(poly, r));
        }
        fputc(']', f);
    }
    fputs("]}", f);
    if (fclose(f)) {
        free(text);
        return NULL;
    }
    return text;
}

OGRGeometryH sl_audit_multipolygon(OGRGeometryH g, int make_valid)
{
    if (!g) return NULL;
    if (make_valid && !OGR_G_IsValid(g)) {
        OGRGeometryH v = OGR_G_MakeValid(g);
        if (v) {
            OGR_G_DestroyGeometry(g);
            g = v;
        }
    }
    /* MakeValid may give a collection with lines beside the polygons */
    if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbGeometryCollection) {
        OGRGeometryH m = OGR_G_CreateGeometry(wkbMultiPolygon);
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            OGRGeometryH part = OGR_G_GetGeometryRef(g, i);
            OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(part));
            if (t != wkbPolygon && t != wkbMultiPolygon) continue;
            OGRGeometryH pm = OGR_G_ForceToMultiPolygon(OGR_G_Clone(part));
            for (int k = 0; pm && k < OGR_G_GetGeometryCount(pm); k++)
                OGR_G_AddGeometry(m, OGR_G_GetGeometryRef(pm, k));
            if (pm) OGR_G_DestroyGeometry(pm);
        }
        OGR_G_DestroyGeometry(g);
        return m;
    }
    return OGR_G_ForceToMultiPolygon(g);
}
