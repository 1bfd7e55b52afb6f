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
    return sl_report_density_geojson_in(b, NULL, out, err);
}

/* 1 when the hexagon of corners LON, LAT meets the box (its bounds do). */
static int meets(const double lon[6], const double lat[6], const double box[4])
{
    double w = lon[0], e = lon[0], s = lat[0], n = lat[0];
    for (int k = 1; k < 6; k++) w = w < lon[k] ? w : lon[k], e = e > lon[k] ? e : lon[k], s = s < lat[k] ? s : lat[k], n = n > lat[k] ? n : lat[k];
    return e >= box[0] && w <= box[2] && n >= box[1] && s <= box[3];
}

sl_status sl_report_density_geojson_in(const sl_privacy_bins *b, const double box[4], FILE *out, sl_error *err)
{
    size_t hidden = 0, written = 0;
    double win[4];
    if (box && b->h.count && sl_hexbin_window(&b->h, box, win, err)) return err->status;
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", out);
    for (size_t i = 0; i < b->h.count; i++) {
        if (!sl_privacy_cell_shown(b, i)) {
            hidden++;
            continue;
        }
        if (box && !sl_hexbin_cell_in_window(&b->h, i, win)) continue;
        double lon[6], lat[6];
        if (sl_hexbin_corners(&b->h, i, lon, lat, err)) return err->status;
        if (box && !meets(lon, lat, box)) continue;
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

