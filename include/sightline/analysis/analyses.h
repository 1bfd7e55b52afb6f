/*
** analyses.h — the spatial questions sightline answers, on a store.
**
** Each function loads what it needs through the store interface, runs the
** engine (pip.h, spatial.h, cameras.h, hexbin.h) and returns a jansson object,
** so the CLI's tables, --json and the audit report print the same figures.
** None of them puts an exact camera or post location in its result: they
** return counts per area, site, zone or cell.
*/
#ifndef SIGHTLINE_ANALYSES_H
#define SIGHTLINE_ANALYSES_H

#include <jansson.h>
#include <stdio.h>
#include "sightline/core/arena.h"
#include "sightline/core/error.h"
#include "sightline/geo/hexbin.h"
#include "sightline/core/points.h"
#include "sightline/core/progress.h"
#include "sightline/core/request.h"
#include "sightline/store/store.h"

/* The stored spelling of CATEGORY among LAYER's categories, matched in any
** case, in *FOUND (valid while ARENA lives). SL_EDATA naming the categories
** the store holds when none matches: every command treats a category the
** same way, so "ICE" finds the "ice" sites or fails, never counts zero. */
sl_status sl_find_category(sl_store *st, const char *layer, const char *category, sl_arena *arena,
                           const char **found, sl_error *err);

/* Load LAYER (category: NULL for all) into OUT; with WHERE, keep only points
** whose text matches that case-insensitive PCRE2 pattern (the layer is then
** read chunk by chunk: memory holds the matches, not every text). */
sl_status sl_load_layer(sl_store *st, const char *layer, const char *category, const char *where,
                        sl_points *out, sl_error *err);

/* Keep the points of P that lie in some area of one of the NSETS area sets
** SETS (the boundary rule of pip.h), in their order; with STATES (postal
** codes, comma-separated, as the store spells them; NULL: any area) only
** an area whose FIPS id lies in one of them (sl_fips_state) holds a point:
** the audit's --state report. *DROPPED the number that went. SL_EDATA
** naming the sets there are when one is not stored. */
sl_status sl_points_keep_in_sets(sl_store *st, const char *const *sets, size_t nsets, const char *states, sl_points *p,
                                 size_t *dropped, sl_error *err);

/* The points a state's report keeps (audit --state), by the rule of
** sl_points_keep_in_sets, with the NSETS SETS loaded and indexed once, so
** that every chunk of ten million posts is placed without reading them
** again. STATES as there (NULL: any area holds a point). */
typedef struct sl_point_scope sl_point_scope;
sl_status sl_point_scope_open(sl_store *st, const char *const *sets, size_t nsets, const char *states,
                              sl_point_scope **out, sl_error *err);
/* Set KEEP[I] (a byte per point) for each of the N points that an area of
** the scope holds; a byte already set stays. Reads SC only. */
void sl_point_scope_mark(const sl_point_scope *sc, const double *lon, const double *lat, size_t n,
                         unsigned char *keep);
/* Set KEEP[I] for each request of L that the split over a scope's set
** (sl_request_weights: the disparity's and `join --points requests`'s
** boundary rule) puts at least half in its kept areas: a point request in
** the area holding it, a circle or polygon by most of its ground. A
** request with no place is in none. */
sl_status sl_point_scope_requests(const sl_point_scope *sc, const sl_request_list *l, unsigned char *keep,
                                  sl_error *err);
void sl_point_scope_free(sl_point_scope *sc);

/* Area sets narrower than this many degrees both ways are a city's or a
** county's, not a country's: a study of them is local. The audit then
** measures only the sites inside them, and its map opens on them. */
#define SL_LOCAL_AREAS_DEG 10.0

/* When the NSETS area sets SETS make a local study (the box of all their
** areas narrower than SL_LOCAL_AREAS_DEG both ways), *OUT
** is {"sets": [names], "box": [west, south, east, north], "states": {"IL":
** 791}}: "states" the US states their areas lie in by FIPS id, with the
** areas of each, from the sets whose every id is a county's or a tract's
** (sl_area_list_has_states); absent when none is. *OUT is NULL for a
** national study. The audit and the dashboard scope a city's figures by it:
** its sites, its map's first view, its state's row. */
sl_status sl_local_study(sl_store *st, const char *const *sets, size_t nsets, json_t **out, sl_error *err);

/* The camera locations to measure against: the "cameras" layer when it holds
** points, else unique cameras derived from "posts" (identical coordinates).
** *origin is set to "cameras layer" or "posts (unique locations)". */
sl_status sl_load_cameras(sl_store *st, double **lon, double **lat, size_t *n, const char **origin,
                          sl_error *err);

/* sl_load_cameras with the posts chained into cameras within MERGE_RADIUS_M
** meters (single linkage, a camera at its posts' centroid), as `sightline
** cameras --merge-radius` counts them: one camera seen from a few meters
** apart is not several. 0 is sl_load_cameras. *origin is then "posts
** (chained within the merge radius)". A radius above 0 over a store with a
** cameras layer is an SL_EUSAGE error: that layer is used as imported. */
sl_status sl_load_cameras_merged(sl_store *st, double merge_radius_m, double **lon, double **lat, size_t *n,
                                 const char **origin, sl_error *err);

/* sl_load_cameras for a caller that grouped the posts already: POSTS_GROUPED
** (sl_group_posts at merge radius 0, or NULL to group them here) stands for
** the posts when the cameras layer is empty, so one audit groups them once;
** its lon and lat arrays are then handed over (set to NULL there). */
struct sl_cameras;
sl_status sl_load_cameras_grouped(sl_store *st, struct sl_cameras *posts_grouped, double **lon,
                                  double **lat, size_t *n, const char **origin, sl_error *err);

/* Camera locations as sl_load_cameras gives them, held by a caller that asks
** several questions of the same cameras (the audit); the arrays stay the
** caller's. */
struct sl_point_grid;
typedef struct sl_camera_locations {
    const double *lon, *lat;
    size_t n;
    const char *origin;
    /* optional: a grid index of these points (spatial.h), of any cell size,
    ** so several questions need not each index millions of cameras */
    const struct sl_point_grid *grid;
    /* optional: each point's area in set AREA_SET (sl_analysis_locate), so
    ** points located once serve every question asked of that set */
    const int32_t *area;
    const char *area_set;
    /* the radius the posts were chained within (sl_load_cameras_merged);
    ** 0: unique locations, or the cameras layer. Results that count these
    ** cameras give it as "merge_radius_m" when above 0. */
    double merge_radius_m;
} sl_camera_locations;

/* Each of the N points' area in SET into *AREA (malloc'd; the index of the
** area in the set's store order, -1 in none or without coordinates): how
** `join` and `disparity` locate points. THREADS 0: every core. */
sl_status sl_analysis_locate(sl_store *st, const char *set, const double *lon, const double *lat, size_t n,
                             int threads, int32_t **area, sl_error *err);

typedef struct sl_join_query {
    const char *layer;    /* "posts", "cameras", "sites", "requests" */
    const char *category; /* sites only; NULL for all */
    const char *set;      /* area set */
    const char *where;    /* PCRE2 pattern on point text, or NULL */
    int threads;          /* 0: every core */
    sl_progress progress; /* requests: told how far the split is; may be zeroed */
    /* optional: the points to count, read (and filtered by WHERE) by the
    ** caller with sl_load_layer, so a caller joining them to several sets
    ** reads the layer once; LAYER, CATEGORY and WHERE then only label the result */
    const sl_points *selected;
    /* optional, for LAYER "posts" (used only without CATEGORY, WHERE and SELECTED): the
    ** posts counted through their cameras at 0 m, each where its posts are,
    ** located in SET already (CAMERAS->area) with POSTS_OF[i] posts each;
    ** the same counts as reading and locating every post, the posts without
    ** coordinates (in no camera) outside */
    const sl_camera_locations *cameras;
    const uint32_t *posts_of;
} sl_join_query;

/* Residents under which an area's rate per resident describes few people:
** a park, an airport, a campus. The Census Bureau draws tracts for 1,200 to
** 8,000 residents and block groups for 600 or more, so an area under 500 is
** one drawn around land rather than people, and a handful of points there
** tops any ranking of rates. Outputs mark such rates and keep them out of a
** map's colour classes; they never hide the count. */
#define SL_FEW_RESIDENTS 500

/* 1 when POP is a positive number of residents under SL_FEW_RESIDENTS;
** 0 for none, an unknown figure (NaN) or more. */
int sl_few_residents(double pop);

/* Points per area: {"points", "outside", "set", "layer", "where",
** "few_residents_under", "areas": [{"id", "name", "count", "per_km2",
** "per_1000", "population", "few_residents", "state"}...]}:
** "few_residents" is sl_few_residents(population), and
** "few_residents_under" is SL_FEW_RESIDENTS; "state" (a postal code) only when every id of the set is a
** US county or tract FIPS code (sl_fips_state); "name" stays as imported.
** Layer "requests": each request is split over the areas it overlaps with
** the weights `disparity` uses, so "count" and "outside" are sums of
** fractions (a point request counts whole), "points" is the number of
** requests, "split" is "overlap" and "count_of" says
** "requests (split by overlap)"; --category and --where do not apply. */
sl_status sl_analysis_join(sl_store *st, const sl_join_query *q, json_t **out, sl_error *err);

/* The requests of JOIN (a "requests" join: "points", "outside",
** "outside_wholly", "outside_partly") that lie outside every area of SET
** (as the reader should see it), as one sentence without its full stop:
** those wholly outside counted ("1 of the 20 requests lies wholly
** outside ... and counts in none"), the pieces of those partly outside as
** the weight they add up to ("pieces of 3 more ... add up to 0.95 of a
** request's weight"), never one figure rounded from both. ONE and MANY
** name a request and requests ("police request for footage"). The words
** that `join` prints and the report writes; BUF is returned. */
const char *sl_join_outside_words(const json_t *join, const char *one, const char *many, const char *set, char *buf,
                                  size_t size);

/* Posts to unique cameras: {"posts", "cameras", "unplaced", "merge_radius_m",
** "posts_per_camera": {"1": n, "2": n, ..., "10+": n}, "first", "last"}. */
/* What the store holds: {sources: [{id, kind, file, sha256 (12 hex),
** snapshot, rows, imported_at, imported_by, options}], agencies: {count, located},
** partnerships: [{snapshot, rows, linked}], area_sets: [{name, source_id,
** areas, id_field, name_field, missing: {pop, black, ...}}], points:
** [{layer, category, points}], requests: {count}, directory: {listings},
** campaign: {set_up, closed (UTC, null while open; with a campaign only),
** pledges, confirmed, outbox_pending}: counts, never a
** signer's details} (inventory.c). imported_by (who made the import; null
** when not recorded) and the campaign's live totals only with PEOPLE, for
** the store's own users (`info`), not for an answer served to whoever
** reaches the dashboard: a user name is personal data, and totals that
** move the moment a person signs or confirms tell a watcher that she did
** (the public counts are the campaign page's, hourly:
** sl_analysis_campaign_counts); without PEOPLE, campaign is {set_up} and
** every other byte is the same. */
sl_status sl_analysis_inventory(sl_store *st, int people, json_t **out, sl_error *err);

/* 1 when import SRC invented its rows: a `sightline synth` run (kind
** "synthetic") or a file of `sightline demo` (named "synthetic-..."), with
** the layers it filled in LAYERS (a synth run's layer, "agencies" with
** "partnerships"; a demo file's kind; NULL past the last); else 0. */
int sl_source_invented(const sl_source *src, const char *layers[2]);

/* SL_OK when one of the point LAYERS (a comma list: "posts", or
** "cameras,posts" for a question any of them answers) holds a point; else
** an SL_EDATA error in ERR, "nothing to measure: no cameras or posts
** imported (sightline import cameras|posts FILE)": a table of zeros over an
** empty layer reads as a finding. The one rule of every command that
** measures points (join, disparity, zone, near, cameras, density). */
sl_status sl_analysis_need_points(sl_store *st, const char *layers, sl_error *err);

/* The `sightline synth` runs whose rows lie in one of LAYERS (a comma list:
** "requests" or "posts,cameras"): [{id, file, layer, rows}], in import
** order, with "real_rows" and "real_imports" [{id, file, rows}] when real
** imports share that layer (its counts mix both); [] when none. A figure
** resting on them is no finding, however
** plausible: the CLI says so under it. (Demo files are left out: a demo
** store says it is one on every name in it.) */
sl_status sl_analysis_synth_sources(sl_store *st, const char *layers, json_t **out, sl_error *err);

/* The sentence under figures resting on one of those runs (M, an item of
** sl_analysis_synth_sources), into TEXT: "The 200 requests of import 3
** (synthetic-...) were invented by `sightline synth`: ...", then, when
** its layer also holds real imports, "The requests layer mixes them with
** 20 real requests of import 9 (a.csv): ..." (TEXT of 1,024 holds both). */
const char *sl_analysis_synth_sentence(json_t *m, char *text, size_t len);

/* Mark RESULT (an object; anything else is left) as resting on the runs
** MADE, when there are any: "synthetic" (MADE) and "synthetic_caution"
** (their sentences), so that a file written from it, or an answer of the
** API, keeps the mark. Nothing added over real rows. -1 when out of
** memory. */
int sl_analysis_synth_mark(json_t *result, json_t *made);

/* Posts grouped into unique cameras (sl_analysis_cameras_of's object); an
** SL_EDATA error when the store holds no post: nothing to measure. */
sl_status sl_analysis_cameras(sl_store *st, double merge_radius_m, json_t **out, sl_error *err);

/* The posts grouped into cameras (cameras.h) at MERGE_RADIUS_M, with their
** times; *POSTS gets the number of posts. The caller frees OUT
** (sl_cameras_free). */
sl_status sl_group_posts(sl_store *st, double merge_radius_m, struct sl_cameras *out, size_t *posts,
                         sl_error *err);
/* sl_group_posts at each of NRADII radii into OUT[0..NRADII), from one
** reading and one sort of the posts (sl_cameras_from_posts_radii: the
** radii from NFULL on get where the cameras are only). */
sl_status sl_group_posts_radii(sl_store *st, const double *radii, size_t nradii, size_t nfull,
                               struct sl_cameras *out, size_t *posts, sl_error *err);
/* sl_group_posts_radii in two halves (sl_cameras_group_start and _finish):
** OUT[0] is complete when start returns, OUT[1..] once finish has; finish
** must be called, and frees OUT[1..] when it fails. */
typedef struct sl_posts_grouping sl_posts_grouping;
sl_status sl_group_posts_start(sl_store *st, const double *radii, size_t nradii, size_t nfull,
                               struct sl_cameras *out, size_t *posts, sl_posts_grouping **grouping, sl_error *err);
sl_status sl_group_posts_finish(sl_posts_grouping *grouping, sl_error *err);

/* sl_analysis_cameras's result from a grouping already made (sl_group_posts
** over POSTS posts at MERGE_RADIUS_M). */
sl_status sl_analysis_cameras_of(const struct sl_cameras *c, size_t posts, double merge_radius_m, json_t **out,
                                 sl_error *err);

typedef struct sl_zone {
    enum { SL_ZONE_BBOX, SL_ZONE_CIRCLE, SL_ZONE_POLYGON } kind;
    double w, s, e, n;          /* bbox */
    double lat, lon, radius_m;  /* circle */
    /* polygon: the areas read by the caller (sl_polyset_read_file in
    ** io/polyset_io.h; analyses open no file), the file's name and the
    ** sha256 of its bytes, which the result lists among its inputs */
    const struct sl_polyset *polygon;
    const char *polygon_file;
    const char *polygon_sha256;
} sl_zone;

/* A zone polygon file as an entry of a result's "inputs" list: {"kind":
** "zone polygon", "file", "sha256"} (new reference), or NULL for a box or
** circle, which are figures on the command line, not files. */
json_t *sl_zone_input_json(const sl_zone *z);

/* Posts and unique cameras inside a zone: {"zone", "posts", "cameras",
** "camera_points", "cameras_layer", "area_km2", "post_locations",
** "camera_point_locations", "inputs"}; "cameras_layer" is false when the
** store has no cameras layer at all, so that its 0 camera points mean
** nothing was looked for; the two "_locations" are distinct locations
** (privacy.h), what the k rule counts; "inputs" lists the polygon file with its sha256 (empty
** for a box or circle). The counts are exact: the audit withholds those
** under k. */
sl_status sl_analysis_zone(sl_store *st, const sl_zone *z, double merge_radius_m, json_t **out,
                           sl_error *err);

/* An empty zone whose coordinates in the other order hold points: a
** circle's LAT,LON read as LON,LAT, a box's W,S,E,N read as S,W,N,E. Maps
** give LAT,LON and GeoJSON W,S,E,N, so the order is easily mistaken, and a
** 0 printed alone reads as a finding. *HOLDS is the posts and camera
** points the swapped zone holds when Z holds none (0 otherwise, and for a
** polygon or a swapped zone off the globe): each caller says so its own
** way (the zone command counts them; the audit names the zone). FOUND is
** Z's own sl_analysis_zone result when the caller has it, else NULL. */
sl_status sl_analysis_zone_swapped(sl_store *st, const sl_zone *z, double merge_radius_m, const json_t *found,
                                   long long *holds, sl_error *err);

/* Cameras near sensitive sites: {"radius_m", "cameras_from", "sites": [{"id",
** "category", "within", "nearest_m"}...], "categories": [{"category", "sites",
** "sites_with_camera", "cameras_within", "median_nearest_m"}...]}.
** CATEGORY NULL: every site. */
sl_status sl_analysis_near(sl_store *st, const char *category, double radius_m, json_t **out,
                           sl_error *err);
/* A category's median nearest at or over this: half its sites lie where the
** camera locations do not reach (a city's posts beside a national list of
** sites), and no camera near a site says where the camera data stops; the
** report and `near` say so under the median. */
#define SL_NEAR_FAR_SITES_M 50000.0

/* Which sites sl_analysis_near_radii measures: those of CATEGORY (NULL:
** every category) and, with NAREAS area sets AREAS, only those inside one of
** their areas (sl_points_keep_in_sets). The result then names the sets in
** "areas" and counts the sites left out in "sites_outside", overall and
** per category. */
typedef struct sl_near_sites {
    const char *category;
    const char *const *areas;
    size_t nareas;
    const char *states; /* with AREAS: only their areas in these states (sl_points_keep_in_sets) */
} sl_near_sites;

/* sl_analysis_near at each of NRADII radii (one or two) into OUT[r], the
** same as one call per radius, with each site's nearest camera searched
** once, over the sites WHICH names (NULL: every site); against camera
** locations the caller loaded (CAMS, with their grid when it has one, else
** one of cells of the largest radius is built), or with CAMS NULL those
** sl_analysis_near loads. */
sl_status sl_analysis_near_radii(sl_store *st, const sl_camera_locations *cams, const sl_near_sites *which,
                                 const double *radii, size_t nradii, json_t **out, sl_error *err);

/* Cameras within WIDTH_M/2 of the segment between sites A and B (site ids):
** {"from", "to", "width_m", "length_m", "cameras", "cameras_from"}; against
** CAMS as sl_analysis_near_radii takes them (NULL: those sl_load_cameras
** gives). */
sl_status sl_analysis_corridor(sl_store *st, const sl_camera_locations *cams, const char *site_a,
                               const char *site_b, double width_m, json_t **out, sl_error *err);

/* Hexagon density of LAYER (privacy.h's binner) into *BINS, which the
** caller frees (sl_privacy_bins_free) and renders (sl_report_density_geojson
** writes the GeoJSON: an analysis writes no file). A cell is shown only when
** it holds at least MIN_COUNT distinct locations (the privacy threshold k;
** several points at one place count once). HEX_M or MIN_COUNT under the
** privacy floor (privacy.h) is a usage error unless EXACT. *summary (may be NULL) gets {"layer",
** "hex_m", "cell_km2", "points", "locations", "merge_m", "cells",
** "suppressed_cells", "suppressed_points", "suppressed_locations",
** "min_count"}. */
struct sl_privacy_bins;
sl_status sl_analysis_density(sl_store *st, const char *layer, double hex_m, unsigned min_count, int exact,
                              struct sl_privacy_bins *bins, json_t **summary, sl_error *err);

/* A point layer made ready for density maps at any edge: its points read
** and grouped into distinct locations once, both projected once (hexbin.h's
** planes), so each edge after is arithmetic. 32 bytes a point at most
** (sl_analysis_density_layer_bytes says how many it holds). */
typedef struct sl_density_layer {
    char layer[16];        /* "posts", "cameras" or "sites" */
    sl_hexbin_plane locs;  /* the distinct locations (privacy.h's) */
    sl_hexbin_plane pts;   /* the points, about the same centre */
} sl_density_layer;

/* Read LAYER of ST into *OUT for density maps; HEX_M (the first edge to be
** asked) chooses the projection's centre. */
sl_status sl_analysis_density_layer(sl_store *st, const char *layer, double hex_m, sl_density_layer *out,
                                    sl_error *err);

/* sl_analysis_density over a layer made ready: the same bins and summary,
** byte for byte. An edge that would centre the projection elsewhere (an
** edge of thousands of km near the data's antipode) reads ST again. */
sl_status sl_analysis_density_at(sl_store *st, const sl_density_layer *dl, double hex_m, unsigned min_count,
                                 int exact, struct sl_privacy_bins *bins, json_t **summary, sl_error *err);

/* The summary sl_analysis_density gives of BINS (LAYER binned at edge
** HEX_M with threshold MIN_COUNT) into *SUMMARY: the whole layer's figures,
** whatever part of it a map draws. A density map carries it (its "totals"),
** so that a reader of the file alone knows what the shown cells leave out. */
sl_status sl_analysis_density_summary(const char *layer, double hex_m, unsigned min_count,
                                      const struct sl_privacy_bins *bins, json_t **summary, sl_error *err);

/* Bytes of memory *DL holds. */
size_t sl_analysis_density_layer_bytes(const sl_density_layer *dl);
void sl_analysis_density_layer_free(sl_density_layer *dl);

typedef struct sl_disparity_query {
    const char *events;   /* "requests", "posts" or "cameras" */
    const char *set;      /* area set with demographics */
    const char *states;   /* postal codes, comma-separated: only the set's areas of FIPS ids in them
                          ** (a state's report, sl_point_scope's rule); NULL: every area */
    const char *baseline; /* "areas" (default), the name of a baseline imported
                          ** with `import baseline` ("national", or its --name),
                          ** or NULL with baseline_file */
    /* A baseline the caller read from files (io/acs.h): the analysis opens
    ** no file; the result lists them with their sha256 under "inputs". */
    const struct sl_baseline_file *baseline_file;
    const char *groups;   /* comma-separated group names; NULL: all in the data */
    unsigned bootstrap, permutations; /* 0: defaults (2000 each) */
    unsigned long seed;   /* 0: default seed 2018 */
    sl_progress progress; /* told how far the draws are (disparity.h); may be zeroed */
    /* events "cameras": the locations the caller loaded (sl_load_cameras);
    ** NULL: loaded here, with the posts chained within MERGE_RADIUS_M
    ** (sl_load_cameras_merged; 0: unique locations) */
    const sl_camera_locations *cameras;
    double merge_radius_m;
    /* 1: resample and place the events' distinct places, each with all its
    ** events (sl_disparity_options.event_place), not events one by one */
    int by_place;
} sl_disparity_query;

/* Demographic disparity of events across an area set (see disparity.h and
** docs/methodology.md): {"events", "events_outside", "baseline", "seed",
** "groups": [...], "areas": [...], "dissimilarity", ..., "inputs": [{"kind",
** "file", "sha256"}] (baseline files; empty otherwise)}. Requests with a
** radius or polygon are split across areas by overlap (ground area). */
sl_status sl_analysis_disparity(sl_store *st, const sl_disparity_query *q, json_t **out,
                                sl_error *err);

/* sl_analysis_disparity in two halves, so the draws (most of its time) can
** run on another thread while the caller goes on with the store: _gather
** reads everything from ST into *JOB (the query's strings must outlive it);
** _finish computes the same object sl_analysis_disparity returns, touching
** no store, on any one thread, once (it lets go of the events, most of the
** job's memory, as soon as they are counted); _free releases the job (NULL
** is ignored). */
typedef struct sl_disparity_job sl_disparity_job;
sl_status sl_analysis_disparity_gather(sl_store *st, const sl_disparity_query *q, sl_disparity_job **job,
                                       sl_error *err);
sl_status sl_analysis_disparity_finish(sl_disparity_job *job, json_t **out, sl_error *err);
void sl_disparity_job_free(sl_disparity_job *job);
/* 1 when the job's areas carry a figure of some group (else _finish can
** only say there is nothing to compare). */
int sl_disparity_job_has_groups(const sl_disparity_job *job);

typedef struct sl_synth_query {
    const char *set;     /* area set to place events in */
    const char *layer;   /* "requests", "posts", "cameras", or "agencies"
                         ** (fictional agencies, a share of them partnered) */
    size_t count;
    const char *group;   /* planted bias toward this group; NULL: none */
    double beta;         /* probability per area ∝ pop × (1 + beta × p_g) */
    double radius_m;     /* requests: a radius around each point (0: points) */
    unsigned long seed;  /* 0: 2018 */
    sl_progress progress; /* "points placed" of COUNT; zeroed: nothing told */
} sl_synth_query;

/* Place COUNT synthetic events in the set's areas with probability
** ∝ population × (1 + beta × group share), uniformly inside each area.
** *POINTS: the COUNT (lon, lat) pairs drawn (free them), for the caller to
** store through ingest (sl_ingest_synthetic). *out: {"layer", "set",
** "count", "group", "beta", "seed", "expected_share", "population_share"}. */
sl_status sl_synth_layer(sl_store *st, const sl_synth_query *q, double **points, json_t **out, sl_error *err);

/* Events needed to detect a ratio (synth.h's sl_power) on the set's areas:
** the JSON of sl_power_to_json plus "set". */
sl_status sl_analysis_power(sl_store *st, const char *set, const char *group, double ratio,
                            double alpha, double power, unsigned long seed,
                            void (*progress)(void *ctx, size_t evaluations, size_t events), void *progress_ctx,
                            json_t **out, sl_error *err);

#endif
