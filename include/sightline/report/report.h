/*
** report.h — `sightline audit`: every analysis whose inputs are in the store,
** written as one offline HTML report, a summary.json and GIS files.
**
** People publish what this writes, so it is privacy-safe by default: camera
** and post locations leave only as counts in hexagon cells, and cells with
** fewer than k cameras are suppressed. Exact points need opts->exact and then
** the report says so in a banner. The output directory appears whole or not
** at all: it is written next to its final place and renamed into it.
*/
#ifndef SIGHTLINE_REPORT_H
#define SIGHTLINE_REPORT_H

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/tracker.h"
#include "sightline/core/error.h"
#include "sightline/store/store.h"

#define SL_AUDIT_DEFAULT_K 5
#define SL_AUDIT_DEFAULT_HEX_M 500.0
#define SL_AUDIT_DEFAULT_SEED 2018
/* Hexagons the report's map draws at most: ~370 bytes each in the page, so
** 15,000 keep report.html under 10 MB with the US counties beside them. */
#define SL_AUDIT_DEFAULT_MAP_CELLS 15000
/* Near radii: 80 m is about the 260 ft Gizmodo counted around a site. */
#define SL_AUDIT_NEAR_SMALL_M 80.0
#define SL_AUDIT_NEAR_LARGE_M 400.0

/* Called after each step (DONE of TOTAL steps finished; STEP names the next
** one, or "" at the end), so the CLI can draw a progress bar. */
typedef void (*sl_audit_progress)(void *ctx, unsigned done, unsigned total, const char *step);

/* A text filter: posts whose text matches PATTERN (PCRE2, any case). */
typedef struct sl_text_filter {
    const char *name, *pattern;
} sl_text_filter;

typedef struct sl_audit_named_zone {
    const char *name;
    sl_zone zone;
} sl_audit_named_zone;

typedef struct sl_audit_options {
    const char *out_dir;      /* the report directory (replaced when it exists) */
    unsigned k;               /* privacy threshold; 0: SL_AUDIT_DEFAULT_K */
    int exact;                /* 1: exact camera locations in the outputs (banner) */
    double hex_m;             /* hexagon edge; 0: SL_AUDIT_DEFAULT_HEX_M */
    size_t map_cells;         /* most hexagons on the map (the edge doubles
                              ** until they fit); 0: SL_AUDIT_DEFAULT_MAP_CELLS */
    double near_m[2];         /* near radii; 0: the defaults above */
    const char *tech;         /* tracker technology (words, as --tech); NULL: every technology */
    const char *since;        /* headline "partnered since" date; NULL: a year before the newest snapshot */
    const char *states;       /* postal codes, comma-separated (--state): a report of those states only, its
                              ** rows picked as `partnerships --state` picks them, its areas those of US
                              ** FIPS ids in them; NULL: every state */
    const sl_text_filter *filters; /* added to the default children/teens filter */
    size_t nfilters;
    const sl_audit_named_zone *zones; /* optional zones */
    size_t nzones;
    unsigned long seed;       /* 0: SL_AUDIT_DEFAULT_SEED */
    unsigned bootstrap;       /* disparity resamples; 0: the analysis default */
    int by_place;             /* disparity draws by place (sl_disparity_query.by_place) */
    int threads;              /* 0: every core */
    sl_audit_progress progress; /* may be NULL */
    void *progress_ctx;
    /* Set (non-zero) by the caller's signal handler to stop the audit: it
    ** stops before its next step and fails as any failure does (NULL: never
    ** stopped). A flag, not a handler's own clean-up: removing a directory
    ** is not async-signal-safe. */
    const volatile sig_atomic_t *stop;
} sl_audit_options;

/* Run the audit on ST and write O->out_dir/{report.html, summary.json,
** data/}. On success *summary (may be NULL) receives the summary object
** (new reference). On any failure, O->stop's included, nothing at out_dir
** changes and the temporary directory beside it (".DIR.tmp-XXXXXX") and
** the lock (".DIR.lock") are removed. */
sl_status sl_audit_run(sl_store *st, const sl_audit_options *o, json_t **summary, sl_error *err);

/* The git commit this sightline was built from (cmake/commit.cmake): 40 hex
** digits, followed by "-modified" when the tree held changes not committed;
** "unknown" for a build outside git. summary.json's `sightline_commit`. */
const char *sl_report_commit(void);

/* The density map of LAYER binned at edge HEX_M with threshold K into B
** (sl_analysis_density), as `density` and /api/density give it: a GeoJSON
** FeatureCollection of the cells the threshold shows, polygons with
** properties {count (points), locations, q, r}, coordinates to 6 decimals
** (0.1 m). BOX (west, south, east, north in degrees; NULL: all) keeps only
** the shown cells that meet it, a map's viewport: the cells are those of
** the whole layer's grid, cut by nothing, so a cell at the edge of the box
** holds what it holds in the full map. After "features", as GeoJSON's
** foreign members, come "totals" (sl_analysis_density_summary: the whole
** layer's points, locations and withheld cells, whatever BOX keeps, so the
** file alone says what its cells leave out), then the members of object
** MEMBERS (NULL: none; `density` marks a map of invented points so,
** "synthetic"). SL_EIO when OUT fails. */
struct sl_privacy_bins;
sl_status sl_report_density_map(const struct sl_privacy_bins *b, const char *layer, double hex_m, unsigned k,
                                const double box[4], const json_t *members, FILE *out, sl_error *err);

/* The areas of SET as the report's map draws them: a GeoJSON
** FeatureCollection, properties {id, name, pop, black, hispanic, white_nh,
** foreign_born, area_km2}, geometry simplified for display when the set has
** over 200 areas (to 1/3000 of its extent; 5 decimals). The figures of an
** area are computed on the exact geometry, never on this one. */
sl_status sl_report_area_map(sl_store *st, const char *set, json_t **out, sl_error *err);

/* The disparity of cameras over SET as a default `sightline audit` puts it
** in summary.json: the report's baseline, seed and draws, each area's
** count and location quotient withheld by the report's rule (k 5, within
** and across the store's sets; "<key>_suppressed", "withheld_to_protect"),
** with "published": true and "k". SL_EDATA for a set with no groups. */
sl_status sl_report_disparity_published(sl_store *st, const char *set, json_t **out, sl_error *err);

/* The count of LAYER ("posts" or "cameras") in each area of SET as a
** default `sightline audit` puts it in summary.json (`join`'s answer,
** posts counted through the cameras they make): each area's count, per km2
** and per 1,000 residents withheld by the report's rule (k 5, within and
** across the store's sets; "<key>_suppressed", "withheld_to_protect"), with
** "published": true and "k". SL_EUSAGE for another layer; SL_EDATA for a
** layer the store lacks. */
sl_status sl_report_join_published(sl_store *st, const char *set, const char *layer, json_t **out, sl_error *err);

/* The cameras within RADIUS_M of each sensitive site as a default
** `sightline audit` puts them in summary.json's "sites": the report's step
** at its radii (SL_AUDIT_NEAR_SMALL_M or SL_AUDIT_NEAR_LARGE_M, SL_EUSAGE
** for another), over the sites it measures, each count under k camera
** locations or in a circle overlapping another withheld, no site's nearest
** camera, a category's median distance binned, with "published": true and
** "k". SL_EDATA where the report has no such table (no sites, no cameras),
** saying why. */
sl_status sl_report_near_published(sl_store *st, double radius_m, json_t **out, sl_error *err);

/* A public point layer as a map draws it: a GeoJSON FeatureCollection of
** Points. LAYER "sites": every sensitive site, {id, name, category};
** "agencies": sl_report_agency_layer unfiltered (every partnered agency of
** the latest snapshot). Any other layer is SL_EUSAGE: posts and cameras
** leave only as density. */
sl_status sl_report_point_layer(sl_store *st, const char *layer, json_t **out, sl_error *err);

/* The partnered agencies the tracker counts under Q (sl_tracker_partners:
** its filters, its rows) that have a registry location, as a GeoJSON
** FeatureCollection of Points {ori, name, type, state, county,
** technologies (of the rows counted)}, in registry order; beside the
** features the figure they are drawn for: snapshot, agencies (the
** tracker's count), unlinked_agencies and without_location (those of the
** count that are no dot). Q is refused as the tracker refuses it. */
sl_status sl_report_agency_layer(sl_store *st, const sl_tracker_query *q, json_t **out, sl_error *err);

/* The default text filters: {"children", "\\b(child|children|kid|kids|teen|teens|boy|girl)s?\\b"}. */
const sl_text_filter *sl_audit_default_filters(size_t *count);

/* Write J as JSON safe inside an HTML <script type="application/json">
** element: < > & U+2028 U+2029 become \u escapes, so no text in the data can
** close the element or start markup. Reals are written with 8 significant
** digits (5 decimals of a longitude, about 1 m: finer than a screen draws,
** and a third of the bytes of full precision). Returns 0, or -1 when J
** cannot be serialized. */
int sl_json_write_for_script(FILE *out, const json_t *j);

#endif
