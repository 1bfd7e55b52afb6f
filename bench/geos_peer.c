/*
** geos_peer.c — the GEOS 3.11 C API peer for the join benchmark: an STRtree
** of polygon envelopes and a prepared polygon per area, one thread, the same
** point file and polygons (read through sightline's GDAL reader so both
** tools see identical, repaired geometry). Writes the same counts CSV.
**   geos_peer POLYGONS LAYER|- ID_FIELD|- POINTS.csv COUNTS.csv
*/
#include <geos_c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "points_file.h"
#include "sightline/geo/polyset.h"
#include "sightline/io/polyset_io.h"

typedef struct probe {
    GEOSContextHandle_t h;
    const GEOSPreparedGeometry **prepared;
    const GEOSGeometry *pt;
    long found; /* lowest area holding the point, or -1 */
} probe;

static void visit(void *item, void *data)
{
    probe *p = data;
    long a = (long)(intptr_t)item;
    if (p->found >= 0 && p->found < a)
        return; /* a lower area already holds it */
    if (GEOSPreparedContains_r(p->h, p->prepared[a], p->pt) == 1)
        p->found = a;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: geos_peer POLYGONS LAYER|- ID_FIELD|- POINTS.csv COUNTS.csv\n");
        return 2;
    }
    const char *layer = argv[2][0] == '-' ? NULL : argv[2];
    const char *id = argv[3][0] == '-' ? NULL : argv[3];
    sl_error err;
    sl_polyset *ps;
    double t0 = points_now();
    if (sl_polyset_read_file(argv[1], layer, id, &ps, NULL, &err) != SL_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], err.msg);
        return 1;
    }
    size_t na = sl_polyset_count(ps);
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSGeometry **geoms = calloc(na, sizeof *geoms);
    const GEOSPreparedGeometry **prepared = calloc(na, sizeof *prepared);
    GEOSSTRtree *tree = GEOSSTRtree_create_r(h, 10);
    for (size_t a = 0; a < na; a++) {
        unsigned char *wkb;
        size_t len;
        if (sl_polyset_area_wkb(ps, a, &wkb, &len, &err) != SL_OK)
            return 1;
        geoms[a] = GEOSGeomFromWKB_buf_r(h, wkb, len);
        free(wkb);
        prepared[a] = GEOSPrepare_r(h, geoms[a]);
        if (!GEOSisEmpty_r(h, geoms[a]))
            GEOSSTRtree_insert_r(h, tree, geoms[a], (void *)(intptr_t)a);
    }
    double t1 = points_now();
    double *lon, *lat;
    size_t n;
    if (points_read(argv[4], 1, &lon, &lat, &n) != 0)
        return 1;
    double t2 = points_now(), c2 = points_cpu_now();
    uint64_t *counts = calloc(na, sizeof *counts), outside = 0;
    probe p = {h, prepared, NULL, -1};
    for (size_t i = 0; i < n; i++) {
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, lon[i], lat[i]);
        p.pt = pt;
        p.found = -1;
        GEOSSTRtree_query_r(h, tree, pt, visit, &p);
        if (p.found >= 0)
            counts[p.found]++;
        else
            outside++;
        GEOSGeom_destroy_r(h, pt);
    }
    double t3 = points_now(), c3 = points_cpu_now();
    FILE *f = fopen(argv[5], "w");
    if (!f) {
        perror(argv[5]);
        return 1;
    }
    fprintf(f, "area,count\n");
    for (size_t a = 0; a < na; a++)
        fprintf(f, "%s,%llu\n", sl_polyset_id(ps, a), (unsigned long long)counts[a]);
    fprintf(f, "(outside),%llu\n", (unsigned long long)outside);
    fclose(f);
    printf("points %zu\ninside %llu\n", n, (unsigned long long)(n - outside));
    printf("join_cpu_s %.3f\n", c3 - c2);
    printf("load_s %.3f\nread_s %.3f\njoin_s %.3f\ntotal_s %.3f\n", t1 - t0, t2 - t1, t3 - t2,
           t3 - t0);
    GEOSSTRtree_destroy_r(h, tree);
    for (size_t a = 0; a < na; a++) {
        GEOSPreparedGeom_destroy_r(h, prepared[a]);
        GEOSGeom_destroy_r(h, geoms[a]);
    }
    GEOS_finish_r(h);
    sl_polyset_free(ps);
    free(counts);
    free(prepared);
    free(geoms);
    free(lon);
    free(lat);
    return 0;
}
