/*
** fuzz_points_csv.c — libFuzzer target for the fast point CSV path
** (sl_points_parse_csv) and the hand-written decimal parser it relies on.
** The first byte picks which columns are asked for, so both the guessed and
** the named-column paths run; every produced point must be a valid one.
*/
#include "sightline/points_io.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

static const sl_point_columns COLS[] = {
    {0},
    {.id = "id", .time = "time", .text = "name"},
    {.lat = "y", .lon = "x", .time = "date"},
    {.lat = "lat", .lon = "lon", .id = "name", .text = "text"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_point_columns cols = size ? COLS[data[0] & 3] : COLS[0];
    cols.threads = size && (data[0] & 4) ? 2 : 1;
    const char *text = size ? (const char *)data + 1 : "";
    size_t len = size ? size - 1 : 0;

    double v;
    if (sl_parse_decimal(text, len < 64 ? len : 64, &v) && !isfinite(v)) __builtin_trap();

    sl_points pts;
    sl_points_init(&pts);
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_error err;
    sl_error_clear(&err);
    if (sl_points_parse_csv("fuzz.csv", text, len, &cols, &pts, &rep, &err) == SL_OK) {
        if ((long)pts.n != rep.imported) __builtin_trap();
        for (size_t i = 0; i < pts.n; i++) {
            if (sl_point_check(pts.lat[i], pts.lon[i]) != -1) __builtin_trap();
            (void)strlen(sl_points_id(&pts, i));
            (void)strlen(sl_points_text(&pts, i));
        }
    }
    sl_points_free(&pts);
    return 0;
}
