/*
** areas_io.h — reading area polygons (census tracts, counties, community
** areas) and their demographics from any vector format GDAL reads:
** Shapefile, GeoJSON, TopoJSON, GeoPackage, KML.
**
** Geometry comes out as WKB in WGS84 lon/lat (a layer without a spatial
** reference, like a Shapefile without .prj, is taken as WGS84); invalid
** polygons are repaired and counted. Demographics are people counts: fields
** given as percentages of the population are converted at import, and a
** separate table (e.g. Census QuickFacts by FIPS code) can be joined by id.
*/
#ifndef SIGHTLINE_AREAS_IO_H
#define SIGHTLINE_AREAS_IO_H

#include "sightline/core/error.h"
#include "sightline/core/progress.h"
#include "sightline/core/area.h"

typedef struct sl_area_options {
    const char *layer; /* NULL: the file's only layer (an error when there are several) */
    /* Id and name: a field name, or a template of fields such as
    ** "{borocode}{ct2010:06}" (":0N" left-pads with zeros to N characters;
    ** real numbers with no fraction print as integers). id is required. */
    const char *id, *name;
    /* Demographic fields (NULL: not available). With `demographics` they name
    ** columns of that table, otherwise fields of the layer. */
    const char *pop, *black, *hispanic, *white_nh, *foreign_born;
    int percent;              /* black..foreign_born are percentages of pop */
    const char *demographics; /* CSV joined to the areas by id */
    const char *key;          /* its key column */
    int key_width;            /* >0: all-digit keys and ids left-padded with zeros to this width */
    sl_progress progress;     /* told "areas read" of the layer's features; may hold no callback */
} sl_area_options;

#define SL_AREA_EXAMPLES 5

/* Up to SL_AREA_EXAMPLES texts, ", " between, and how many: a name may
** hold ", " itself, so the count is kept, not read back from the text. */
typedef struct sl_area_examples {
    char text[256];
    int n;
} sl_area_examples;

typedef struct sl_area_report {
    long features;        /* features in the layer */
    long imported;        /* areas produced */
    long no_geometry;     /* features without geometry: skipped */
    long not_polygon;     /* features whose geometry has no polygon: skipped */
    long repaired;        /* invalid polygons repaired with MakeValid */
    long missing_values;  /* demographic values that were empty or not numbers */
    /* The first of them: its line in the demographics table (0: a field of
    ** the layer), its column or field, its area and the text found there
    ** ("" when empty), for the warning to name. */
    long missing_line;
    char missing_column[64], missing_area[32], missing_text[64];
    long no_demographics; /* areas with no row in the demographics table */
    long unmatched_rows;  /* demographics rows that matched no area */
    /* the demographics table's row of labels under its codes (data.census.gov's
    ** second header row), skipped: its line (0: none) and first cells */
    long labels_line;
    char labels[128];
    /* rows matched by a county's former FIPS code (sl_fips_former), the
    ** area's current code in the set and the former one not: "02270 as 02158" */
    long former_rows;
    sl_area_examples former_examples;
    int assumed_wgs84;    /* the layer had no spatial reference */
    int reprojected;      /* coordinates were transformed to WGS84 */
    char layer[256];      /* the layer read */
    /* Examples for messages that name what they count: skipped features
    ** ("51610 Falls Church"), areas with no demographics row, and rows
    ** that matched no area (their keys). */
    sl_area_examples skipped_examples, no_demographics_examples, unmatched_examples;
    char demographics_sha256[65];
} sl_area_report;

/* Read the areas of PATH into OUT (items and WKB in out->arena; out->set is
** left for the caller). Errors name the file and feature. */
sl_status sl_areas_read(const char *path, const sl_area_options *opt, sl_area_list *out,
                        sl_area_report *rep, sl_error *err);

/* An area file read into memory: the file's bytes and, for a Shapefile
** (.shp), those of its sidecars beside it (.shx, .dbf, .prj, .cpg; NULL when
** absent). */
#define SL_AREA_SIDECARS 4
typedef struct sl_area_input {
    const char *path; /* named in messages; "-" is standard input */
    char *data;
    size_t len;
    char *side[SL_AREA_SIDECARS];
    size_t side_len[SL_AREA_SIDECARS];
} sl_area_input;

/* Read PATH (and a Shapefile's sidecars) once into IN, and its fingerprint
** into sha256_hex: the sha256 of the file's bytes, or for a Shapefile the
** sha256 of one line "EXT HEX" per part present, so a changed .dbf or .prj
** is noticed as a new file. Free IN with sl_area_input_free. PATH "-"
** (standard input) has no name to go by: GDAL recognises the format by
** content (GeoJSON, TopoJSON, GeoPackage, KML; not a Shapefile). */
sl_status sl_area_input_read(const char *path, sl_area_input *in, char sha256_hex[65], sl_error *err);
void sl_area_input_free(sl_area_input *in);

/* The areas of IN, parsed by GDAL from memory (/vsimem/), so what is
** recorded is what was parsed. IN is not copied and must stay until the
** call returns. */
sl_status sl_areas_read_input(const sl_area_input *in, const sl_area_options *opt, sl_area_list *out,
                              sl_area_report *rep, sl_error *err);

/* Left-pad an all-digit KEY with zeros to WIDTH into OUT (size OUTSIZE); other
** keys are copied trimmed. FIPS codes lose their leading zero in spreadsheets.
** A data.census.gov GEO_ID is read as the FIPS code inside it
** (sl_census_geo_id), so its table joins TIGER's bare GEOIDs. */
void sl_area_key(const char *key, int width, char *out, size_t outsize);

#endif
