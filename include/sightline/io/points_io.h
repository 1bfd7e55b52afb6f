/*
** points_io.h — reading point files into an sl_points set.
**
** Formats: delimited text (comma, pipe, TAB, semicolon; plain or .gz),
** GeoJSON FeatureCollection, NDJSON (one Feature or one object with lat/lon
** per line) and OSM Overpass JSON. The CSV path is the fast one: the file is
** mapped, decimals are parsed by hand and two threads split the rows.
**
** Readers never drop a row silently: every row without a point is counted in
** the report under its reason, and the report says when the latitude and
** longitude columns look swapped.
*/
#ifndef SIGHTLINE_POINTS_IO_H
#define SIGHTLINE_POINTS_IO_H

#include "sightline/core/progress.h"
#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/core/points.h"

/* Which columns (CSV) or properties (JSON) hold what. NULL fields are found
** by name: lat/latitude/y and lon/lng/long/longitude/x (case-insensitive);
** id defaults to a column named "id" when there is one; time and text are
** only read when named. */
/* The usual names of a latitude and a longitude column or key, NULL-ended,
** matched case-insensitively: one list for point CSV, point JSON and
** request files, so a file that places posts also places requests. */
extern const char *const sl_lat_names[];
extern const char *const sl_lon_names[];

typedef struct sl_point_columns {
    const char *lat, *lon, *id, *time, *text;
    const char *date_format; /* the time column's format (sl_parse_time_as); NULL: ISO 8601 or unix seconds */
    int threads; /* CSV worker threads; 0 means 2 */
    /* told "bytes read" (of the file on disk: compressed bytes for .gz;
    ** total 0 for a pipe) as a streamed CSV is read; may be zeroed */
    sl_progress progress;
} sl_point_columns;

/* Read PATH, choosing the format by its name (.geojson, .json, .ndjson,
** .jsonl, otherwise delimited text; a .gz suffix is looked through) and, for
** .json, by content (Overpass "elements" or a FeatureCollection). Points are
** appended to OUT. sha256_hex (may be NULL) receives the hash of the bytes
** on disk. */
sl_status sl_points_read_file(const char *path, const sl_point_columns *cols, sl_points *out,
                              sl_point_report *rep, char sha256_hex[65], sl_error *err);

/* The fast delimited-text reader over a buffer (NAME for messages). DATA
** need not be NUL-terminated. */
sl_status sl_points_parse_csv(const char *name, const char *data, size_t len,
                              const sl_point_columns *cols, sl_points *out,
                              sl_point_report *rep, sl_error *err);

/* Receives the points of a streamed read a chunk at a time (at most 65,536,
** the store's chunk size), always in the calling thread. CHUNK numbers the
** chunks in file order, ascending but with gaps (rows without a point leave
** them); BATCH is valid during the call only. A non-OK return stops the read
** and is returned by it. */
typedef sl_status (*sl_points_sink)(void *ctx, long chunk, const sl_points *batch, sl_error *err);

/* sl_points_parse_csv without holding the points: parser threads fill a few
** reused chunk buffers and this thread hands them to SINK as they fill, so
** memory stays small and the sink (the store) works while parsing goes on.
** Chunks may arrive out of order (the threads' parts interleave). */
sl_status sl_points_stream_csv(const char *name, const char *data, size_t len,
                               const sl_point_columns *cols, sl_points_sink sink, void *ctx,
                               sl_point_report *rep, sl_error *err);

/* sl_points_read_file through a sink: CSV is streamed; other formats are
** read whole and handed over in chunks. The hash is complete on return. */
sl_status sl_points_stream_file(const char *path, const sl_point_columns *cols, sl_points_sink sink,
                                void *ctx, sl_point_report *rep, char sha256_hex[65], sl_error *err);

/* The EPSG code a GeoJSON crs member's name gives ("EPSG:2263",
** "urn:ogc:def:crs:EPSG::2263"; 4326 for OGC's CRS84), or 0. Only codes are
** taken: a name handed to GDAL as such could make it read a file or a URL.
** The GeoJSON readers of points and of requests decide by it. */
int sl_crs_name_epsg(const char *name);

/* JSON readers over a NUL-terminated buffer. */
sl_status sl_points_parse_geojson(const char *name, const char *data, size_t len,
                                  const sl_point_columns *cols, sl_points *out,
                                  sl_point_report *rep, sl_error *err);
sl_status sl_points_parse_ndjson(const char *name, const char *data, size_t len,
                                 const sl_point_columns *cols, sl_points *out,
                                 sl_point_report *rep, sl_error *err);
sl_status sl_points_parse_overpass(const char *name, const char *data, size_t len,
                                   const sl_point_columns *cols, sl_points *out,
                                   sl_point_report *rep, sl_error *err);

#endif
