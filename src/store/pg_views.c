/*
** pg_views.c — point layers as PostGIS rows for QGIS and ogr2ogr (pg.h).
**
** point_chunks keeps a layer packed, as points.c writes it (little-endian
** doubles, or int32 of 1e-7 degrees when that is exact; times as int64),
** because that is what makes import and join fast. A GIS client wants one
** row per point instead, so each layer has a view that unpacks it in SQL:
** sightline.posts_points, sightline.cameras_points, sightline.sites_points
** (fid, category, source_id, chunk_no, point_no, unix_time, geom
** geometry(Point, 4326); sites_points also each site's id and name, as
** --id and --text gave them), all three reading sightline.layer_points(layer).
**
** Why views and not rows written at import: a view is always the chunks'
** own content (an `rm` or a second import needs nothing more), costs no
** import time nor space, and SQL unpacks about 3 microseconds a point once
** each chunk is read whole (the LATERAL ... OFFSET 0 below: get_byte on a
** column stored out of line would fetch the whole array again for every
** byte read, 12 ms a point on a chunk of 65,536). Why a limit: a view has no
** spatial index, so QGIS reads the whole layer at every pan and zoom. A
** layer of at most SL_PG_SMALL_LAYER points ("small": a full read in well
** under a second) is served; a bigger one makes its view fail with a
** message that says what to open instead (sightline.point_chunk_boxes, one
** row per chunk with its box and count, or sightline.layer_points(layer)
** asked for explicitly, or sightline's own analyses).
*/
#include "pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest layer the *_points views serve (docs/design.md). */
#define SL_PG_SMALL_LAYER 100000
#define STR2(x) #x
#define STR(x) STR2(x)

/* One int32 (little-endian) of bytea B at point I, as a double of degrees:
** (double)k / 1e7, as points.c unscales it. int4 shifts wrap, so the top
** byte's shift gives the sign. */
#define E7(b)                                                                                                       \
    "(get_byte(" b ", 4 * i) | (get_byte(" b ", 4 * i + 1) << 8) | (get_byte(" b ", 4 * i + 2) << 16)"             \
    " | (get_byte(" b ", 4 * i + 3) << 24))::float8 / 1e7::float8"
#define BYTE64(k) "(get_byte(d.t, 8 * i + " #k ")::bigint << (8 * " #k "))"
/* A chunk's strings (bytea B: count strings, each ended by a NUL byte, as
** points.c packs ids and texts) as a text[] of their 'escape' encodings;
** text cannot hold a NUL, so the bytes are split as text escaped: there a
** NUL is \000 and a backslash \\, made \134 first so that every \ starts
** an octal escape and \000 is a NUL alone; the last NUL ends the last
** string and is dropped. decode(x, 'escape') gives the bytes back. */
#define STRINGS(b) "string_to_array(left(replace(encode(" b ", 'escape'), '\\\\', '\\134'), -4), '\\000')"
#define TEXT(x) "convert_from(decode(NULLIF(" x ", ''), 'escape'), 'UTF8')"

/* Version of the objects below, in meta 'views': a writer that finds an
** older one (stores made before it: 1, sites_points alone; 2, PostGIS by
** its bare names; 3, sites without their id and name) makes them anew. */
#define VIEWS_VERSION "4"

/* Where PostGIS's schema goes before each of its names. A SQL function's
** body is resolved when it runs, with the search path of whoever runs it:
** QGIS's or psql's, which lack PostGIS's schema when PostGIS was installed
** in one of its own (CREATE EXTENSION postgis SCHEMA gis), so bare names
** made every view fail there. Qualified names keep layer_points a plain SQL
** function the planner can inline (SET search_path on it would not). */
#define G "\x01"

static const char *VIEWS =
    "DO $$ BEGIN IF coalesce((SELECT value FROM sightline.meta WHERE key = 'views'), '1') <> '" VIEWS_VERSION "' THEN"
    " DROP VIEW IF EXISTS sightline.sites_points, sightline.posts_points, sightline.cameras_points,"
    "  sightline.point_chunk_boxes;"
    " DROP FUNCTION IF EXISTS sightline.chunk_coord(bytea, bigint, integer);"
    " DROP FUNCTION IF EXISTS sightline.layer_points(text);"
    " DROP FUNCTION IF EXISTS sightline.small_layer(text);"
    /* every point of layer L: each chunk's arrays read once (|| makes an
    ** in-memory copy; OFFSET 0 keeps the planner from copying per point) */
    " CREATE FUNCTION sightline.layer_points(l text) RETURNS TABLE(fid bigint, category text, source_id bigint,"
    "  chunk_no bigint, point_no integer, unix_time bigint, geom " G "geometry, id text, name text)"
    "  LANGUAGE sql STABLE PARALLEL SAFE AS $f$"
    "  SELECT c.chunk_no * 65536 + i, c.category, c.source_id, c.chunk_no, i,"
    "   CASE WHEN d.t IS NOT NULL THEN NULLIF(" BYTE64(0) " | " BYTE64(1) " | " BYTE64(2) " | " BYTE64(3) " | "
    BYTE64(4) " | " BYTE64(5) " | " BYTE64(6) " | " BYTE64(7) ", -9223372036854775808) END,"
    "   CASE WHEN length(d.lon) = 8 * c.count"
    "    THEN " G "ST_GeomFromWKB('\\x0101000000'::bytea || substring(d.lon FROM 8 * i + 1 FOR 8)"
    "     || substring(d.lat FROM 8 * i + 1 FOR 8), 4326)"
    "    ELSE " G "ST_SetSRID(" G "ST_MakePoint(" E7("d.lon") ", " E7("d.lat") "), 4326) END,"
    "   " TEXT("s.id") ", " TEXT("s.name")
    "  FROM sightline.point_chunks c"
    "  CROSS JOIN LATERAL (SELECT c.lon || ''::bytea AS lon, c.lat || ''::bytea AS lat, c.time || ''::bytea AS t,"
    /* a site's id and name (--id, --text); posts' texts are not shown */
    "   CASE WHEN c.layer = 'sites' THEN " STRINGS("c.ids") " END AS ids,"
    "   CASE WHEN c.layer = 'sites' THEN " STRINGS("c.texts") " END AS texts OFFSET 0) d"
    /* the strings beside each point (NULL past them: no strings kept) */
    "  CROSS JOIN LATERAL ROWS FROM (generate_series(0, c.count::integer - 1), unnest(d.ids), unnest(d.texts))"
    "   AS s(i, id, name)"
    "  WHERE c.layer = l AND s.i IS NOT NULL $f$;"
    /* true for a small layer, else an error saying what to open instead */
    " CREATE FUNCTION sightline.small_layer(l text) RETURNS boolean LANGUAGE plpgsql STABLE AS $f$"
    "  DECLARE n bigint; BEGIN"
    "  SELECT coalesce(sum(count), 0) INTO n FROM sightline.point_chunks WHERE layer = l;"
    "  IF n > " STR(SL_PG_SMALL_LAYER) " THEN RAISE EXCEPTION"
    "   'layer % holds % points: sightline.%_points serves layers of up to " STR(SL_PG_SMALL_LAYER) " points', l, n, l"
    "   USING HINT = 'open sightline.point_chunk_boxes (one row per chunk: its box and count), select from"
    " sightline.layer_points(''' || l || ''') to read every point anyway, or use sightline join/density';"
    "  END IF; RETURN true; END $f$;"
    " CREATE VIEW sightline.posts_points AS SELECT fid, category, source_id, chunk_no, point_no, unix_time,"
    "  geom::" G "geometry(Point, 4326) AS geom FROM sightline.layer_points('posts') WHERE sightline.small_layer('posts');"
    " CREATE VIEW sightline.cameras_points AS SELECT fid, category, source_id, chunk_no, point_no, unix_time,"
    "  geom::" G "geometry(Point, 4326) AS geom FROM sightline.layer_points('cameras')"
    "  WHERE sightline.small_layer('cameras');"
    " CREATE VIEW sightline.sites_points AS SELECT fid, category, source_id, chunk_no, point_no, unix_time, id, name,"
    "  geom::" G "geometry(Point, 4326) AS geom FROM sightline.layer_points('sites') WHERE sightline.small_layer('sites');"
    " CREATE VIEW sightline.point_chunk_boxes AS SELECT (CASE layer WHEN 'posts' THEN 0 WHEN 'cameras' THEN 1"
    "  ELSE 2 END)::bigint << 40 | chunk_no AS fid, layer, category, chunk_no,"
    "  count, source_id, " G "ST_MakeEnvelope(minx, miny, maxx, maxy, 4326)::" G "geometry(Polygon, 4326) AS box"
    "  FROM sightline.point_chunks;"
    " INSERT INTO sightline.meta VALUES('views', '" VIEWS_VERSION "') ON CONFLICT (key) DO UPDATE"
    "  SET value = EXCLUDED.value;"
    " END IF; END $$";

sl_status sl_pg_make_views(sl_pg *pg, sl_error *err)
{
    const char *schema = sl_pg_postgis_schema(pg); /* quoted: "gis" */
    size_t n = 0, len = strlen(schema);
    for (const char *c = VIEWS; *c; c++) n += *c == G[0] ? len + 1 : 1;
    char *sql = malloc(n + 1), *o = sql;
    if (!sql) return sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
    for (const char *c = VIEWS; *c; c++) {
        if (*c != G[0]) {
            *o++ = *c;
            continue;
        }
        memcpy(o, schema, len);
        o += len;
        *o++ = '.';
    }
    *o = '\0';
    sl_status s = sl_pg_exec(pg, sql, "creating the views", err);
    free(sql);
    return s;
}
