/*
** fuzz_points_json.c — libFuzzer target for the JSON point readers. Built
** three times with READER set to sl_points_parse_geojson, _ndjson or
** _overpass (see fuzz/CMakeLists.txt), so each reader gets its own corpus.
** The readers want a NUL-terminated buffer, as the file reader gives them.
*/
#include "sightline/io/points_io.h"
#include "check_points.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef READER
#error "build with -DREADER=sl_points_parse_geojson (or _ndjson, _overpass)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    sl_point_columns cols = {0};
    if (size && data[0] == ' ') cols = (sl_point_columns){.id = "id", .time = "time", .text = "name"};
    sl_points pts;
    sl_points_init(&pts);
    sl_point_report rep;
    memset(&rep, 0, sizeof rep);
    sl_error err;
    sl_error_clear(&err);
    if (READER("fuzz.json", text, size, &cols, &pts, &rep, &err) == SL_OK) {
        check_points(&pts, &rep);
    }
    sl_points_free(&pts);
    free(text);
    return 0;
}
