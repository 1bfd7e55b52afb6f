/*
** pg_schema.c — what makes a PostgreSQL database hold a sightline store
** (schema sightline, its tables and meta), and how an older one is brought
** up: the schema version (which stops older readers), the write schema
** (which stops only older writers, SL_STORE_WRITE_VERSION, as SQLite's
** schema.c), the upgrade of an older store, each step without queueing
** readers (sl_pg_upgrade_step). A writer's first transaction makes or
** upgrades the schema under the write lock; a reader only checks it.
*/
#include "internal.h"
#include "pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every table's primary key holds its distribution column (docs/design.md,
** "PostgreSQL and Citus"): these are small tables, reference tables on
** Citus, so the key is the id alone. Ids are the table's largest plus one,
** given under the write lock, as SQLite gives rowids: so they are the same
** on both backends, even after `rm` of the newest import. Agencies keep lat/lon as written (the
** figures compare exactly with SQLite's) and a PostGIS point made from them
** for QGIS and spatial SQL. */
static const char *SCHEMA =
    "CREATE SCHEMA IF NOT EXISTS sightline;"
    "CREATE TABLE sightline.meta(key text PRIMARY KEY, value text NOT NULL);"
    "CREATE TABLE sightline.sources("
    "  id bigint PRIMARY KEY, kind text NOT NULL, file_name text NOT NULL,"
    "  sha256 text NOT NULL, imported_at text NOT NULL, snapshot text NOT NULL DEFAULT '',"
    "  options text NOT NULL DEFAULT '{}', rows bigint NOT NULL DEFAULT 0, UNIQUE(kind, sha256, snapshot));"
    /* sources.imported_by, skipped, skipped_why: added by upgrade_schema, to new stores too */
    "CREATE TABLE sightline.source_credits(source_id bigint PRIMARY KEY REFERENCES sightline.sources(id),"
    "  publisher text, url text, licence text, year text);"
    "CREATE TABLE sightline.agencies("
    "  id bigint PRIMARY KEY,"
    "  source_id bigint NOT NULL REFERENCES sightline.sources(id), line bigint, ori text, name text NOT NULL,"
    "  type text, county text, state text, lat double precision, lon double precision,"
    "  location geometry(Point, 4326) GENERATED ALWAYS AS (CASE WHEN lat IS NOT NULL AND lon IS NOT NULL"
    "    THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED);"
    "CREATE TABLE sightline.partnerships("
    "  id bigint PRIMARY KEY,"
    "  source_id bigint NOT NULL REFERENCES sightline.sources(id), line bigint, snapshot text NOT NULL,"
    "  record_id text, agency text NOT NULL, city text, county text, state text, agency_type text,"
    "  technology text NOT NULL, vendor text, summary text, start_date text, start_raw text,"
    "  start_precision text NOT NULL CHECK(start_precision IN ('day','month','year','unknown')),"
    "  agency_id bigint REFERENCES sightline.agencies(id), link_method text, link_score double precision,"
    "  source_url text);"
    "CREATE INDEX partnerships_snapshot ON sightline.partnerships(snapshot);"
    "CREATE INDEX partnerships_record ON sightline.partnerships(snapshot, record_id);"
    /* rm of the registry deletes every agency: each one's foreign-key check
    ** scans partnerships and requests without these (18,702 x 5,783 rows) */
    "CREATE INDEX partnerships_agency ON sightline.partnerships(agency_id);"
    "CREATE INDEX agencies_ori ON sightline.agencies(ori);"
    "CREATE INDEX agencies_location ON sightline.agencies USING gist(location);"
    /* point layers: chunks of up to 65,536 points (pg_points.c); keyed by
    ** layer and chunk number, distributed on Citus by chunk_no */
    "CREATE TABLE sightline.point_chunks("
    "  layer text NOT NULL CHECK(layer IN ('posts','cameras','sites')), chunk_no bigint NOT NULL,"
    "  category text NOT NULL DEFAULT '', count bigint NOT NULL,"
    "  minx double precision, miny double precision, maxx double precision, maxy double precision,"
    "  source_id bigint NOT NULL REFERENCES sightline.sources(id),"
    "  lon bytea NOT NULL, lat bytea NOT NULL, time bytea, ids bytea, texts bytea, attrs bytea,"
    "  PRIMARY KEY(layer, chunk_no));"
    "ALTER TABLE sightline.point_chunks ALTER lon SET STORAGE EXTERNAL, ALTER lat SET STORAGE EXTERNAL,"
    "  ALTER time SET STORAGE EXTERNAL, ALTER ids SET STORAGE EXTERNAL, ALTER texts SET STORAGE EXTERNAL,"
    "  ALTER attrs SET STORAGE EXTERNAL;"
    "CREATE INDEX point_chunks_source ON sightline.point_chunks(source_id);"
    /* area sets: WKB as imported (what the analyses read back, byte for
    ** byte) and a PostGIS geometry made from it, with a GiST index, for QGIS */
    "CREATE TABLE sightline.area_sets("
    "  name text PRIMARY KEY, source_id bigint NOT NULL REFERENCES sightline.sources(id),"
    "  layer text NOT NULL DEFAULT '', id_field text, name_field text, options text NOT NULL DEFAULT '{}',"
    "  count bigint NOT NULL DEFAULT 0, srs text NOT NULL DEFAULT 'EPSG:4326');"
    "CREATE TABLE sightline.areas("
    "  fid bigint PRIMARY KEY,"
    "  set_name text NOT NULL REFERENCES sightline.area_sets(name) ON DELETE CASCADE, id text NOT NULL,"
    "  name text, pop double precision, black double precision, hispanic double precision,"
    "  white_nh double precision, foreign_born double precision, area_km2 double precision,"
    "  wkb bytea NOT NULL, geom geometry(Geometry, 4326) GENERATED ALWAYS AS"
    "    (ST_SetSRID(ST_GeomFromWKB(wkb), 4326)) STORED,"
    "  minx double precision, miny double precision, maxx double precision, maxy double precision,"
    "  UNIQUE(set_name, id));"
    "CREATE INDEX areas_geom ON sightline.areas USING gist(geom);"
    /* requests (pg_requests.c): the WKB as imported, and the polygon (else
    ** the point) as a PostGIS geometry with a GiST index */
    "CREATE TABLE sightline.requests("
    "  id bigint PRIMARY KEY,"
    "  source_id bigint NOT NULL REFERENCES sightline.sources(id), line bigint, record_id text,"
    "  agency text NOT NULL, state text, agency_id bigint REFERENCES sightline.agencies(id), date text,"
    "  date_precision text NOT NULL, lat double precision, lon double precision, radius_m double precision,"
    "  wkb bytea, recipients double precision, videos double precision,"
    "  location geometry(Geometry, 4326) GENERATED ALWAYS AS (CASE WHEN wkb IS NOT NULL"
    "    THEN ST_SetSRID(ST_GeomFromWKB(wkb), 4326) WHEN lat IS NOT NULL AND lon IS NOT NULL"
    "    THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED);"
    "CREATE INDEX requests_location ON sightline.requests USING gist(location);"
    "CREATE INDEX requests_agency ON sightline.requests(agency_id);"
    "CREATE TABLE sightline.baselines(name text PRIMARY KEY, label text NOT NULL,"
    "  source_id bigint NOT NULL REFERENCES sightline.sources(id), black double precision,"
    "  hispanic double precision, foreign_born double precision, white_nh double precision);"
    "CREATE TABLE sightline.link_crosswalk(source_id bigint NOT NULL REFERENCES sightline.sources(id),"
    "  line bigint NOT NULL, record_id text NOT NULL, ori text, PRIMARY KEY(source_id, line));"
    "CREATE INDEX link_crosswalk_record ON sightline.link_crosswalk(record_id);";

/* The schema version in meta, parsed strictly (plain digits only). */
static sl_status check_version(sl_pg *pg, sl_error *err)
{
    char text[64];
    int found = 0;
    if (sl_pg_scalar(pg, "SELECT value FROM sightline.meta WHERE key = 'schema_version'", 0, NULL, text, sizeof text,
               &found, "reading the schema version", err))
        return err->status;
    size_t n = strspn(text, "0123456789");
    if (!found || n == 0 || text[n] != '\0' || n > 9)
        return sl_fail(err, SL_EDATA, sl_pg_name(pg), 0,
                       "schema sightline is not a sightline store (no valid schema_version in its meta); nothing"
                       " was changed");
    if (atol(text) > SL_PG_SCHEMA_VERSION)
        return sl_fail(err, SL_EDATA, sl_pg_name(pg), 0,
                       "store has schema version %s; this sightline knows up to %d (use a newer sightline)", text,
                       SL_PG_SCHEMA_VERSION);
    return SL_OK;
}

/* A store a newer sightline marked as written by its rules only
** (SL_STORE_WRITE_VERSION, as SQLite's check_write_version): refused before
** the upgrade touches anything. Else the base write schema every store
** needs is recorded, when the store does not hold it already (absent is
** 0); an exclusion raises it (exclusions.c). */
static sl_status check_write_version(sl_pg *pg, sl_error *err)
{
    char text[64], sql[200];
    int found = 0;
    if (sl_pg_scalar(pg, "SELECT value FROM sightline.meta WHERE key = 'write_schema'", 0, NULL, text, sizeof text,
               &found, "reading the write schema", err))
        return err->status;
    if (found && sl_store_write_version_ok(sl_pg_name(pg), text, err)) return err->status;
    if (found && atol(text) >= SL_STORE_WRITE_BASE) return SL_OK; /* what it needs is recorded */
    snprintf(sql, sizeof sql,
             "INSERT INTO sightline.meta VALUES('write_schema', '%d')"
             " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
             SL_STORE_WRITE_BASE);
    return sl_pg_exec(pg, sql, "recording the write schema", err);
}

/* Which of schema sightline and its meta table exist. */
static sl_status schema_state(sl_pg *pg, int *has_schema, int *has_meta, sl_error *err)
{
    char text[8];
    if (sl_pg_scalar(pg, "SELECT 1 FROM pg_namespace WHERE nspname = 'sightline'", 0, NULL, text, sizeof text, has_schema,
               "reading the schema", err))
        return err->status;
    return sl_pg_scalar(pg, "SELECT 1 FROM pg_tables WHERE schemaname = 'sightline' AND tablename = 'meta'", 0, NULL, text,
                  sizeof text, has_meta, "reading the schema", err);
}

/* What a store made before them lacks, added by its next writer (as
** SQLite's upgrade_store does; readers do without): partnerships.source_url,
** the indexes on agency_id, the tables of earlier versions (versions.c) and
** the mark of the first import that keeps them (SL_MARK_VERSIONS_FROM).
** Each looked up first: ALTER TABLE would lock the table against readers
** until the import ends. A new store runs it too, for the versions. The
** upgrade is its own transaction, committed before the import begins. */
static sl_status upgrade_schema(sl_pg *pg, sl_error *err)
{
    static const char *const STEPS[][2] = {
        {"SELECT 1 FROM pg_attribute WHERE attrelid = 'sightline.partnerships'::regclass"
         " AND attname = 'source_url' AND NOT attisdropped",
         "ALTER TABLE sightline.partnerships ADD COLUMN source_url text"},
        {"SELECT 1 FROM pg_attribute WHERE attrelid = 'sightline.sources'::regclass"
         " AND attname = 'imported_by' AND NOT attisdropped",
         "ALTER TABLE sightline.sources ADD COLUMN imported_by text"},
        {"SELECT 1 FROM pg_attribute WHERE attrelid = 'sightline.sources'::regclass"
         " AND attname = 'skipped' AND NOT attisdropped",
         "ALTER TABLE sightline.sources ADD COLUMN skipped bigint, ADD COLUMN skipped_why text"},
        {"SELECT 1 FROM pg_indexes WHERE schemaname = 'sightline' AND indexname = 'partnerships_agency'",
         "CREATE INDEX partnerships_agency ON sightline.partnerships(agency_id)"},
        {"SELECT 1 FROM pg_indexes WHERE schemaname = 'sightline' AND indexname = 'requests_agency'",
         "CREATE INDEX requests_agency ON sightline.requests(agency_id)"},
        /* circles an owner asked out (exclusions.c): write schema 2 */
        {"SELECT 1 FROM pg_tables WHERE schemaname = 'sightline' AND tablename = 'exclusions'",
         "CREATE TABLE sightline.exclusions(source_id bigint PRIMARY KEY REFERENCES sightline.sources(id),"
         " lat double precision NOT NULL, lon double precision NOT NULL, radius_m double precision NOT NULL)"},
        {"SELECT 1 FROM pg_tables WHERE schemaname = 'sightline' AND tablename = 'exclusion_withheld'",
         "CREATE TABLE sightline.exclusion_withheld(exclusion_id bigint NOT NULL REFERENCES sightline.sources(id),"
         " source_id bigint NOT NULL REFERENCES sightline.sources(id), points bigint NOT NULL,"
         " PRIMARY KEY(exclusion_id, source_id))"},
    };
    for (size_t i = 0; i < sizeof STEPS / sizeof STEPS[0]; i++) {
        char text[8];
        int found = 0;
        if (sl_pg_scalar(pg, STEPS[i][0], 0, NULL, text, sizeof text, &found, "reading the schema", err) ||
            (!found && sl_pg_upgrade_step(pg, STEPS[i][1], err)))
            return err->status;
    }
    for (int kind = 0; kind < SL_KINDS; kind++) {
        char text[8];
        int found = 0;
        const char *v[] = {sl_store_versions[kind].versions};
        if (sl_pg_scalar(pg, "SELECT 1 FROM pg_tables WHERE schemaname = 'sightline' AND tablename = $1", 1, v, text,
                   sizeof text, &found, "reading the schema", err) ||
            (!found && sl_pg_exec(pg, sl_store_versions[kind].schema, "upgrading the schema", err)))
            return err->status;
    }
    return sl_pg_exec(pg, SL_MARK_VERSIONS_FROM, "upgrading the schema", err);
}

/* A writer's first transaction: create the schema, or prove it is ours.
** Under the write lock, so two first imports do not both create it. */
sl_status sl_pg_prepare_for_writing(sl_pg *pg, sl_error *err)
{
    int has_schema = 0, has_meta = 0;
    char version[80];
    if (schema_state(pg, &has_schema, &has_meta, err)) return err->status;
    if (has_meta)
        return check_version(pg, err) || check_write_version(pg, err) || upgrade_schema(pg, err)
                   ? err->status
                   : sl_pg_make_views(pg, err);
    if (has_schema) {
        char text[8];
        int any = 0;
        if (sl_pg_scalar(pg, "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                       " WHERE n.nspname = 'sightline' LIMIT 1",
                   0, NULL, text, sizeof text, &any, "reading the schema", err))
            return err->status;
        if (any)
            return sl_fail(err, SL_EDATA, sl_pg_name(pg), 0,
                           "schema sightline holds tables but no meta: not a sightline store; nothing was changed");
    }
    if (sl_pg_exec(pg, SCHEMA, "creating the store's tables", err) || upgrade_schema(pg, err)) return err->status;
    snprintf(version, sizeof version, "INSERT INTO sightline.meta VALUES('schema_version', '%d')",
             SL_PG_SCHEMA_VERSION);
    if (sl_pg_exec(pg, version, "recording the schema version", err) || check_write_version(pg, err))
        return err->status;
    return sl_pg_make_views(pg, err); /* they record their version in meta */
}

sl_status sl_pg_check_readable(sl_pg *pg, sl_error *err)
{
    int has_schema, has_meta;
    if (schema_state(pg, &has_schema, &has_meta, err)) return err->status;
    if (!has_meta)
        return sl_fail(err, SL_EIO, sl_pg_name(pg), 0,
                       "no sightline store in this database (import something first, or check -s)");
    return check_version(pg, err);
}
