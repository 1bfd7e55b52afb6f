/*
** store_layers.h — the store's spatial layers: area sets (census tracts,
** counties, community areas with their demographics) and point layers
** (police posts, cameras, sensitive sites).
**
** Areas are a few thousand rows, one per polygon, geometry as WKB in WGS84
** lon/lat. Points can be millions, so they are kept in packed chunks of up to
** SL_POINT_CHUNK points (coordinates and times as raw arrays, strings
** NUL-separated), with a small index table of chunk counts and bounding
** boxes; loading a layer is a few memcpy per chunk.
*/
#ifndef SIGHTLINE_STORE_LAYERS_H
#define SIGHTLINE_STORE_LAYERS_H

#include <stddef.h>
#include "sightline/core/area.h"
#include "sightline/core/arena.h"
#include "sightline/core/error.h"
#include "sightline/core/points.h"
#include "sightline/core/request.h"
#include "sightline/store/store.h"

#define SL_POINT_CHUNK 65536

/* ---- areas ---------------------------------------------------------------- */

/* Record a new area set. SL_EDATA when a set of that name exists. */
sl_status sl_store_add_area_set(sl_store *st, const sl_area_set *set, sl_error *err);

/* Look up a set by NAME; *found is 1 and *out filled (strings in ARENA) when
** it exists. */
sl_status sl_store_find_area_set(sl_store *st, const char *name, sl_arena *arena,
                                 sl_area_set *out, int *found, sl_error *err);

/* Add one area to SET (which must exist). Area ids are unique in a set:
** SL_EDATA on a duplicate. */
sl_status sl_store_add_area(sl_store *st, const char *set, const sl_area *a, sl_error *err);

/* Load every area of SET in import order. SL_EDATA when there is no such
** set, naming the sets there are (sl_store_no_area_set). */
sl_status sl_store_load_areas(sl_store *st, const char *set, sl_area_list *out, sl_error *err);

/* SET's number of areas, and how many lack each figure (pop, black,
** hispanic, white_nh, foreign_born, in that order). */
sl_status sl_store_area_coverage(sl_store *st, const char *set, long *areas, long missing[5], sl_error *err);

/* SET's extent from its areas' boxes, as BOX {minx, miny, maxx, maxy}: all
** NAN when the set has no area. Read without the geometries. */
sl_status sl_store_area_set_extent(sl_store *st, const char *set, double box[4], sl_error *err);

/* The ids of SET's areas in ARENA, sorted, read without the geometries. */
sl_status sl_store_area_ids(sl_store *st, const char *set, sl_arena *arena, const char ***ids, size_t *count,
                            sl_error *err);

/* The error that there is no area set SET: SL_EDATA, naming the sets the
** store has and the one closest to SET, or saying it has none. */
sl_status sl_store_no_area_set(sl_store *st, const char *set, sl_error *err);

/* Names of all area sets, sorted, in ARENA. */
sl_status sl_store_area_sets(sl_store *st, sl_arena *arena, const char ***names, size_t *count,
                             sl_error *err);

/* ---- points --------------------------------------------------------------- */

/* 1 if LAYER is a point layer name: "posts", "cameras" or "sites". */
int sl_point_layer_valid(const char *layer);

/* Append BATCH to LAYER (category: what kind of site, e.g. "ice"; NULL or ""
** for none) as chunks recorded with batch->source_id. */
sl_status sl_store_add_points(sl_store *st, const char *layer, const char *category,
                              const sl_points *batch, sl_error *err);

/* Adding a layer chunk by chunk as a reader produces them (see
** sl_points_stream_file), inside the caller's transaction. */
typedef struct sl_point_chunks sl_point_chunks;

/* Start adding to LAYER (CATEGORY: NULL or "" for none). */
sl_status sl_store_point_chunks_open(sl_store *st, const char *layer, const char *category,
                                     sl_point_chunks **out, sl_error *err);

/* Add BATCH (at most SL_POINT_CHUNK points, recorded with batch->source_id)
** as chunk number CHUNK counted from the layer's end when opened. Chunks may
** come in any order and numbers may be skipped: the numbers order the layer. */
sl_status sl_store_point_chunks_add(sl_point_chunks *c, long chunk, const sl_points *batch,
                                    sl_error *err);
void sl_store_point_chunks_close(sl_point_chunks *c);

/* Append LAYER's points (only CATEGORY's when not NULL) to OUT, in import
** order; out->source is filled with each point's source id. */
sl_status sl_store_load_points(sl_store *st, const char *layer, const char *category,
                               sl_points *out, sl_error *err);

/* Receives one chunk's coordinates (valid during the call only). */
typedef sl_status (*sl_coords_fn)(void *ctx, const double *lon, const double *lat, size_t n,
                                  sl_error *err);

/* Call FN for every chunk of LAYER (only CATEGORY's when not NULL), in import
** order, with its coordinates and nothing else: for analyses that need only
** where the points are, this reads a third of the bytes of
** sl_store_load_points and holds one chunk in memory instead of the layer. */
sl_status sl_store_scan_coords(sl_store *st, const char *layer, const char *category,
                               sl_coords_fn fn, void *ctx, sl_error *err);

/* What sl_store_scan_points reads of each chunk besides the coordinates.
** A column not asked for is never read (its pages stay on disk) and comes
** as unknown times (SL_TIME_NONE) or empty strings. */
#define SL_SCAN_TIME 1u    /* each point's time */
#define SL_SCAN_STRINGS 2u /* ids, texts and attributes */

/* Receives one chunk of points, source ids filled, valid during the call
** only. To keep it past the call (to work on it while the next chunk is
** read), the callback swaps the struct with an sl_points of its own that
** has a source array (sl_points_init, then source malloc'd): the scanner
** empties and fills that one next. */
typedef sl_status (*sl_chunk_fn)(void *ctx, sl_points *chunk, sl_error *err);

/* Call FN for every chunk of LAYER (only CATEGORY's when not NULL), in
** import order, with the coordinates and the COLUMNS asked for: memory holds
** one chunk, not the layer (a filter on ten million posts' texts keeps only
** what matches). */
sl_status sl_store_scan_points(sl_store *st, const char *layer, const char *category, unsigned columns,
                               sl_chunk_fn fn, void *ctx, sl_error *err);

/* Number of points in LAYER (CATEGORY or all when NULL), from the index. */
sl_status sl_store_count_points(sl_store *st, const char *layer, const char *category,
                                long *count, sl_error *err);

/* Marks in DROP (a byte per point, zeroed by the caller) the points of a
** chunk to withhold. */
typedef void (*sl_drop_fn)(void *ctx, const double *lon, const double *lat, size_t n, unsigned char *drop);

/* Delete from LAYER the points FN marks, inside the caller's transaction:
** each chunk holding one is written again without them under its number
** (the layer's order stays), and the import it came from counts that many
** rows fewer, counted as withheld by the exclusion WITHHELD_BY
** (sl_store_count_withheld). *DROPPED: how many went. The store keeps
** nothing of the points, so no backup, audit or served answer has them. */
sl_status sl_store_drop_points(sl_store *st, const char *layer, sl_drop_fn fn, void *ctx, long withheld_by,
                               long *dropped, sl_error *err);

/* A view of the store that sees only some posts, cameras and police
** requests: a state's report (`audit --state`) sets one so that every
** analysis it runs, whichever way it reads them (loaded, scanned, counted),
** measures those only. POINTS marks in KEEP (a byte per point, zeroed by
** the caller) the points of a posts or cameras chunk to see; REQUEST
** answers 1 for a request to see. The rule is the caller's (analysis
** scope.c), so it is written once; sites are not scoped here (the report
** keeps them itself and counts those it leaves out). */
typedef struct sl_read_scope {
    void (*points)(void *ctx, const double *lon, const double *lat, size_t n, unsigned char *keep);
    int (*request)(void *ctx, const sl_request *r);
    void *ctx;
} sl_read_scope;

/* Read ST through SCOPE (copied; its CTX must outlive it) until called
** again with NULL, which sees every record again. */
void sl_store_set_read_scope(sl_store *st, const sl_read_scope *scope);

/* Distinct categories of LAYER's points, sorted, in ARENA ("" for none). */
sl_status sl_store_point_categories(sl_store *st, const char *layer, sl_arena *arena,
                                    const char ***names, size_t *count, sl_error *err);

#endif
