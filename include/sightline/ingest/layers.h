/*
** layers.h — importing the spatial layers: area sets and point layers
** (posts, cameras, sites).
**
** The one place these imports are orchestrated, for the CLI, the demo and the
** benchmarks alike. Each import is one transaction: the source row, the
** sha256 of the bytes actually parsed, the records, and the re-import rule:
** the same bytes imported again with the same options change nothing
** (res->src.already); with other options the import stops and names
** --replace; with REPLACE the earlier import is removed and the file imported
** anew. Nothing is printed: the caller reports from the result.
*/
#ifndef SIGHTLINE_INGEST_LAYERS_H
#define SIGHTLINE_INGEST_LAYERS_H

#include "sightline/core/error.h"
#include "sightline/ingest/import.h"
#include "sightline/io/areas_io.h"
#include "sightline/io/points_io.h"
#include "sightline/store/store.h"

typedef struct sl_layer_result {
    /* already, source_id, rows (records the import holds), imported_at (of
    ** the earlier import when already) and sha256 of the bytes parsed */
    sl_import_result src;
    sl_point_report points; /* point imports: also filled when the import fails */
    sl_area_report areas;   /* area imports */
    double population;      /* area imports: sum of the areas' populations; NAN when none had one */
    /* sites, over the category as it stands after this import: sites with
    ** an empty id while others have one; sites with neither id nor text
    ** (nameless in every table) of the category's SITES */
    long empty_ids;
    long unnamed, sites;
    /* points of this file whose id another of its points has, and one such
    ** id (sites, posts, cameras) */
    long file_repeated_ids;
    char file_repeated_example[64];
    /* posts, cameras: points of the file inside an owner's exclusion,
    ** left out (points.imported counts them; src.rows does not) */
    long withheld;
} sl_layer_result;

/* Import the areas of PATH into the area set SET (options OPT, see
** sl_areas_read). The file is read once: its sha256 and the polygons come
** from the same bytes, and a file that will change nothing is hashed but not
** parsed. A set of that name from another file is an error unless REPLACE,
** which removes that set's whole import first. */
sl_status sl_ingest_areas(sl_store *st, const char *set, const char *path, const sl_area_options *opt,
                          int replace, sl_layer_result *res, sl_error *err);

/* Import the points of PATH into LAYER ("posts", "cameras", "sites"; CATEGORY
** names what sites are, NULL otherwise) with the columns COLS. Delimited text
** is streamed: the parser threads hand chunks to the store while the file is
** read and hashed in the same pass, so memory stays bounded. A file with no
** usable point is an error (res->points says why). */
sl_status sl_ingest_points(sl_store *st, const char *layer, const char *path, const sl_point_columns *cols,
                           const char *category, int replace, sl_layer_result *res, sl_error *err);

/* The options of a layer import as sources.options records them: the
** category or set and the named columns/fields, keys sorted, compact (equal
** options give equal strings; a file imported again is compared by them).
** SET and AREAS are NULL for points, COLS is NULL for areas; DEMOGRAPHICS_SHA256
** (NULL: none) the hash of the --demographics file, recorded beside its name
** so the report names those bytes as an input too. malloc'ed; NULL when out
** of memory. */
char *sl_ingest_layer_options(const char *category, const char *set, const sl_area_options *areas,
                              const sl_point_columns *cols, const char *demographics_sha256);

#endif
