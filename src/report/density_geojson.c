/*
** density_geojson.c — the hexagon density map (`sightline density`) as
** GeoJSON: only the cells the privacy binner shows, written as a stream so a
** national grid never sits in memory as JSON objects. Rendering lives here,
** not in the analysis, which writes no file.
*/
#include "sightline/analysis/privacy.h"
#include "sightline/geo/hexbin.h"
#include "sightline/report/report.h"

#include <stdio.h>

sl_status sl_report_density_geojson(const sl_privacy_bins *b, FILE *out, sl_error *err)
{
    size_t hidden = 0, written = 0;
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", out);
    for (size_t i = 0; i < b->h.count; i++) {
        if (!sl_privacy_cell_shown(b, i)) {
            hidden++;
            continue;
        }
        double lon[6], lat[6];
        if (sl_hexbin_corners(&b->h, i, lon, lat, err)) return err->status;
        fprintf(out, "%s\n{\"type\":\"Feature\",\"properties\":{\"count\":%u,\"locations\":%u,\"q\":%d,"
                     "\"r\":%d},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                written++ ? "," : "", b->points[i], b->h.points[i], b->h.q[i], b->h.r[i]);
        /* 6 decimals (0.1 m) are plenty for a cell of 100 m and more. */
        for (int k = 0; k <= 6; k++) fprintf(out, "%s[%.6f,%.6f]", k ? "," : "", lon[k % 6], lat[k % 6]);
        fputs("]]}}", out);
    }
    fputs("\n]}\n", out);
    (void)hidden;
    return ferror(out) ? sl_fail(err, SL_EIO, NULL, 0, "write error") : SL_OK;
}

