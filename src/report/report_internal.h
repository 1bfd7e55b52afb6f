/*
** report_internal.h — what the audit's parts share: one struct carrying the
** store, the options (defaults filled), the summary being built, what the
** map will draw, and the directory being written.
**
** The summary holds figures only; "map" holds the geometry the report draws,
** already privacy-safe (areas, agencies and sites exactly; cameras and posts
** as k-suppressed hexagon cells unless exact was asked for).
*/
#ifndef SIGHTLINE_REPORT_INTERNAL_H
#define SIGHTLINE_REPORT_INTERNAL_H

#include <ogr_api.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include "sightline/core/json.h"
#include "sightline/report/report.h"
#include "sightline/analysis/cameras.h"
#include "sightline/analysis/disparity.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/json_build.h"

/* Distinct locations of one point layer (privacy.h), computed once per
** audit because several steps count them. */
typedef struct audit_places {
    double *lon, *lat;
    size_t n;
    /* The posts' places only: the 0 m camera each place is exactly (one
    ** location, to the bit), else UINT32_MAX; NULL when not worked out. */
    uint32_t *camera;
    /* With CAMERA: a bit per posts' camera, set when that camera is one of
    ** these places exactly (sl_audit_places_mark), read by the sites' and
    ** the density map's counts. */
    uint64_t *cameras_in;
    int ready;
} audit_places;

/* P->cameras_in from P->camera, over the NCAMERAS posts' cameras. */
sl_status sl_audit_places_mark(audit_places *p, size_t ncameras, sl_error *err);

/* Every area set's areas under the rule within and across sets
** (sl_privacy_across_sets) for one layer's places, worked out once: the
** posts' join, the camera disparity and the text filters withhold alike. */
typedef struct audit_set_views {
    const audit_places *places; /* NULL: not worked out yet */
    char **names;               /* the store's area sets, sorted */
    sl_privacy_set_view *views; /* one per name */
    size_t m;
} audit_set_views;

/* The cameras the steps measure against (sl_load_cameras's choice), worked
** out once per audit: the posts are grouped a single time, and that
** grouping also gives summary.cameras. */
typedef struct audit_cameras {
    double *lon, *lat;       /* owned */
    sl_camera_locations loc; /* points into lon, lat */
    json_t *summary;         /* sl_analysis_cameras_of at radius 0; NULL without posts */
    int ready;
    uint32_t *posts_of;      /* owned: each camera's posts, when the cameras are the posts' (NULL for a
                                ** cameras layer); a camera at 0 m is where its posts are, to the bit */
    struct audit_located *located; /* the cameras' areas, one entry per set located (sl_audit_cameras_in) */
    size_t n_located;
    sl_cameras posts;        /* the posts at radius 0 until the cameras take them and the places are
                                ** mapped through camera_of */
    size_t ncameras;         /* cameras at radius 0 */
    int posts_grouped;       /* sl_audit_group_posts ran */
    sl_posts_grouping *grouping; /* the places still being grouped (sl_audit_places_grouped) */
    sl_cameras grouped[2];   /* the grouping's output: [0] handed to posts, [1] the places' */
} audit_cameras;

/* The cameras' areas in one set (sl_analysis_locate), kept: the posts' join
** (through the cameras) and the camera disparity both ask for them. */
typedef struct audit_located {
    char *set;
    int32_t *area;
} audit_located;

/* Work of the audit that runs beside its steps: on a thread of its own,
** or at once on the caller's when no thread can be had. */
typedef struct audit_task {
    pthread_t thread;
    int started; /* on a thread, to be waited for */
} audit_task;
void sl_audit_task_start(audit_task *t, void *(*fn)(void *), void *arg);
void sl_audit_task_wait(audit_task *t); /* returns at once if already waited for, or run at once */

/* One disparity drawing on a thread of its own (collect_disparity.c). */
typedef struct audit_draw audit_draw;
/* data/report.gpkg being made on a thread of its own (gis.c). */
typedef struct audit_gpkg audit_gpkg;

typedef struct audit {
    sl_store *st;
    sl_audit_options o;   /* copy with defaults filled in */
    json_t *summary;      /* every figure, with denominators and dates */
    json_t *map;          /* geometry for the map and the GIS files */
    json_t *posts_shown;  /* per filter: [{id, time, text}] texts shown in the report (--exact only) */
    json_t *files;        /* data/'s files as written, [{file, columns?}], for README.md (readme.c) */
    char dir[4096];       /* the temporary directory being written */
    audit_places places[2]; /* of "posts" and of "cameras" (sl_audit_privacy_free) */
    audit_set_views set_views[2]; /* as places (sl_audit_privacy_free) */
    audit_cameras cameras;  /* sl_audit_camera_locations, freed by sl_audit_cameras_free */
    audit_gpkg *gpkg;       /* started by sl_audit_write_gis, waited for by sl_audit_gpkg_wait */
    audit_draw **draws;     /* started by sl_audit_request_draws and _camera_draws, collected by sl_audit_disparity_draws */
    size_t n_draws;
    const char *scope;    /* the states of a --state report as the store spells them ("IL,IN"); NULL: national */
    char states[256];     /* what SCOPE points at */
    char scope_names[480]; /* "Illinois (IL)", "Illinois (IL) and Indiana (IN)"; "" when national */
    char scope_label[512]; /* the same and " only"; "" when national */
    json_t *scope_sets;   /* the area sets that keep the posts, cameras and requests to the states */
    struct sl_point_scope *point_scope; /* their areas, indexed (collect_scope.c); NULL: none kept */
    long *scope_requests; /* the ids of the requests kept, sorted */
    size_t n_scope_requests;
    long exclusions;      /* owners' exclusions in force (sl_audit_inputs): counted, never placed */
    int bad;              /* a part of summary or map could not be built (json_build.h):
                          ** the audit fails after the step rather than publish less */
} audit;

/* Steps (collect_partners.c, collect_spatial.c). Each adds its figures to
** a->summary and its geometry to a->map; a step whose inputs are missing
** adds a line to summary.skipped instead. */
sl_status sl_audit_partnerships(audit *a, sl_error *err);
sl_status sl_audit_agencies(audit *a, sl_error *err);
sl_status sl_audit_areas(audit *a, sl_error *err);
sl_status sl_audit_cameras(audit *a, sl_error *err);
sl_status sl_audit_sites(audit *a, sl_error *err);
/* The area sets a local study keeps its sensitive sites to
** (summary.local_areas, set by sl_audit_areas), as a malloc'd array of *N
** names valid while a->summary lives; NULL with *N 0 when the study is
** national (or out of memory: a->bad is set). */
const char **sl_audit_local_sets(audit *a, size_t *n);
/* The sites of CATEGORY the audit measures into P: those inside an area of
** the NSETS SETS (sl_audit_local_sets) when there are some, else all; in a
** state's report only areas of its states hold one. *LEFT (may be NULL):
** how many of the category's sites were left out. */
sl_status sl_audit_load_sites(audit *a, const char *category, const char *const *sets, size_t nsets, sl_points *p,
                              size_t *left, sl_error *err);
/* A state's report: the store read through a scope that sees the posts,
** cameras and police requests of its states only (collect_scope.c), set
** before any step reads them and said in summary.scope; SL_EUSAGE when the
** store holds some and no area set tells which lie in the states. */
sl_status sl_audit_scope_points(audit *a, sl_error *err);
/* 1 when SET is one of those that keep the points to the states. */
int sl_audit_scope_set(const audit *a, const char *set);
/* The store seen whole again, and the scope freed. */
void sl_audit_scope_free(audit *a);
/* 1 when the report is of some states only (--state, a->scope): every
** step counts within them, and the page and summary.scope say so. */
int sl_audit_scoped(const audit *a);
/* For a local study whose areas carry FIPS ids (summary.local_areas.states),
** the registry's figures of their states into BUF, a sentence: "The study's
** areas lie in IL: 247 of the registry's 934 agencies there are partnered,
** 26.4 per 100."; "" for a national study, without the table by state, or
** when every row of that table is one of the study's states.
** A city's analyst reads the state's row beside the whole list's. */
const char *sl_audit_local_state_words(audit *a, char *buf, size_t size);
/* How many agencies a registry point must hold to be a county's placeholder
** (collect_partners.c: counted in no area finer than a county). */
#define SL_AUDIT_SHARED_POINT_MIN 3
/* Agencies a sentence names at most (those at such points, those making the
** police requests): past that it counts them, and summary.json lists them. */
#define SL_AUDIT_FEW_NAMED 3
/* Into BUF: the agencies (sl_audit_agencies_noun) of summary.areas[] ENTRY left out of its
** areas for a registry point several agencies share, counted, named when
** few, and why ("1 more partnered agency, New York City Police Department,
** is left out: ..."); "" when none. */
const char *sl_audit_shared_point_words(audit *a, json_t *entry, char *buf, size_t size);
sl_status sl_audit_zones(audit *a, sl_error *err);
/* The requests' disparity draws, started before the other steps. */
sl_status sl_audit_request_draws(audit *a, sl_error *err);
/* summary.requests: the requests' dates (first, last, how many undated)
** and agencies; map.notes gives the map's legend the same sentence. */
sl_status sl_audit_requests_span(audit *a, sl_error *err);
/* Into BUF, that sentence: "The 20 police requests are dated from 6 January
** 2020 to 8 August 2020; they are from one agency, New York City Police
** Department."; "" without requests. */
const char *sl_audit_requests_words(audit *a, char *buf, size_t size);
/* 1 in *YES when an import brought police requests (a file, or `synth`). */
sl_status sl_audit_have_requests(audit *a, int *yes, sl_error *err);
/* The cameras' disparity draws, started once the areas are known. */
sl_status sl_audit_camera_draws(audit *a, sl_error *err);
sl_status sl_audit_disparity(audit *a, sl_error *err);
/* The disparity's figures, once the draws started end. */
sl_status sl_audit_disparity_draws(audit *a, sl_error *err);
/* Wait for any draw still running and free them all (after every step). */
void sl_audit_draws_free(audit *a);
/* How many matching posts' texts each filter lists, with --exact only. */
enum { SL_AUDIT_TEXTS_SHOWN = 25 };
sl_status sl_audit_filters(audit *a, sl_error *err);
sl_status sl_audit_inputs(audit *a, sl_error *err);

/* The note a report section SECTION ("disparity", "cameras"...) carries when
** its figures rest on synthetic sources (summary.synthetic_sections). */
void sl_html_synthetic_note(FILE *out, audit *a, const char *section);
/* Under a table of partnered agencies (by state, by area), whom it counts:
** summary.agencies_map.label, the map legend's words (collect_partners.c),
** which say when the table ignores the lead's since date. */
void sl_html_agencies_counted(FILE *out, audit *a);
/* Under a figure of the police requests, when and whose they are
** (sl_audit_requests_words). */
void sl_html_requests_said(FILE *out, audit *a);

/* Table cells of the report (html_cells.c). A table's start with the
** column names COLS (NULL-ended); a STACKED one is, on a phone, a block per
** row whose cells each carry their column's name (sl_html_td_labelled).
** NAME (printf, escaped when written) names the table and the box it
** scrolls in, as a screen reader lists and announces them: the heading's
** words, with what tells two tables under the same heading apart. */
void sl_html_table_open(FILE *out, const char *const *cols, int stacked, const char *name, ...)
    __attribute__((format(printf, 4, 5)));
/* A table's start, not stacked. */
void sl_html_th(FILE *out, const char *const *cols, const char *name, ...) __attribute__((format(printf, 3, 4)));
/* A table's end, closing the box it scrolls in. */
void sl_html_end_table(FILE *out);
/* A cell of a stacked table: TEXT of class CLS under LABEL, its column's
** header, which a phone shows in the cell since it hides the header row. */
void sl_html_td_labelled(FILE *out, const char *label, const char *cls, const char *text);
/* A cell of text S, escaped. */
/* A row header cell (th scope=row) of escaped text S (html_cells.c). */
void sl_html_th_row(FILE *out, const char *s);
void sl_html_td_text(FILE *out, const char *s);
/* X to DIGITS (0 to 6) decimals with thousands separators, "17,000.0". */
const char *sl_html_decimal(double x, int digits, char buf[64]);
/* A JSON number as a table writes it: integers plain, reals to DIGITS
** decimals, anything else (null) as "—". */
const char *sl_html_num_text(json_t *v, int digits, char buf[64]);
/* A JSON value as a cell: a number as sl_html_num_text writes it, a string
** as text. */
void sl_html_td_num(FILE *out, json_t *v, int digits);
/* The decimals of a rate that can be small: two significant digits under 1
** ("0.00037", not "0.00", which reads as none), else 2. */
int sl_html_small_digits(json_t *v);
/* Count KEY of ROW as a cell: "< k" when the privacy rule withheld it,
** "withheld" when it was withheld to protect a smaller count, and a dash
** for a withheld rate (DIGITS > 0: the "< k" is in its count column). */
void sl_html_td_count(FILE *out, audit *a, json_t *row, const char *key, int digits);
/* A share as a percentage to one decimal, "—" when there is none. */
const char *sl_html_pct_text(json_t *v, char buf[64]);
/* A cell of a share, as sl_html_pct_text writes it. */
void sl_html_td_pct(FILE *out, json_t *v);
/* A section's start: its heading TITLE, id ID, and its synthetic note. */
void sl_html_section(FILE *out, audit *a, const char *id, const char *title);

/* The privacy rule on published counts and distances (collect_privacy.c);
** each does nothing under --exact. A withheld count is null with
** "<key>_suppressed": true beside it. */
void sl_privacy_withhold(json_t *obj, const char *key);
/* The distinct locations of LAYER, or with NULL of what sl_load_cameras
** measures; owned by A until sl_audit_privacy_free. */
sl_status sl_privacy_places(audit *a, const char *layer, const audit_places **out, sl_error *err);
void sl_audit_privacy_free(audit *a);
int sl_privacy_withheld(json_t *obj, const char *key);

/* KEY of a map feature's PROPS withheld as ROW's count is (when it is):
** "<key>_suppressed", and "<key>_protects" when ROW was withheld only so
** that the others cannot be subtracted (it reads "withheld", not "< k"). */
void sl_privacy_withhold_as(json_t *props, const char *key, json_t *row, const char *row_key);
/* Withhold the counts (and rates, events, lq) of join or disparity ROWS of
** SET whose area holds fewer than k distinct locations of LAYER (NULL: what
** sl_load_cameras measures). */
sl_status sl_privacy_area_rows(audit *a, const char *set, const char *layer, json_t *rows, sl_error *err);
/* Withhold the counts of a text filter's join ROWS of SET (the posts
** matching it, per area) where the area's posts are withheld, or where the
** matching posts lie at fewer than k distinct locations (LON, LAT: the N
** locations of the matching posts, sl_privacy_locations): a count of the
** posts about children in an area is a count of posts for a place too. */
sl_status sl_privacy_filter_rows(audit *a, const char *set, const double *lon, const double *lat, size_t n,
                                 json_t *rows, sl_error *err);
void sl_privacy_zone(audit *a, json_t *zone);
/* SL_EUSAGE naming the two when two of the N ZONES overlap, unless EXACT
** (privacy_zones.c: the difference of two published counts is a count too). */
sl_status sl_privacy_check_zones(const sl_audit_named_zone *zones, size_t n, int exact, sl_error *err);
/* The locations of sl_privacy_places(a, NULL) as sl_privacy_near counts
** them around sites, from grids with cells of at least the largest radius:
** a grid of them (PLACES), or, when they are the posts' places and mostly
** their 0 m cameras exactly (audit_places.camera), the cameras' grid
** counting only the cameras that are a location (a bit each in SOLE) plus
** a grid of the other locations (MERGED, few): no grid of ten million
** locations beside the cameras' own. */
typedef struct audit_near_places {
    const struct sl_point_grid *places, *cameras; /* borrowed */
    const uint64_t *sole;                         /* borrowed: audit_places.cameras_in */
    double *mlon, *mlat;                          /* owned, as MERGED */
    struct sl_point_grid *merged;
} audit_near_places;
/* IX for the posts' places P through the grid CAMERAS of the audit's
** cameras (P->camera and P->cameras_in must be set, the cameras the posts'). */
sl_status sl_privacy_near_through(const audit_places *p, const struct sl_point_grid *cameras, double cell_m,
                                  audit_near_places *ix, sl_error *err);
void sl_privacy_near_free(audit_near_places *ix);
/* How many of IX's locations lie within RADIUS meters of (LAT, LON). */
size_t sl_privacy_places_within(const audit_near_places *ix, double lat, double lon, double radius);
/* Withhold per-site counts under k and every site's nearest distance, and
** a category's totals and binned median as near_category says; in each of
** the N answers of sl_analysis_near (one per radius). IX counts
** the locations (unused, and may be NULL, with --exact). */
sl_status sl_privacy_near(audit *a, const audit_near_places *ix, json_t *const *near, size_t n, sl_error *err);
/* summary.privacy: the rule as applied. */
json_t *sl_privacy_summary(const audit *a);

/* The areas of L one level up (collect_outlines.c): states from counties
** (5-digit FIPS ids), counties from tracts (11-digit ids), each the union
** of its areas simplified by TOLERANCE degrees (into *GIS: the unions
** whole, valid, as sl_audit_geometry_text strings, one per feature), with
** its residents and,
** with WITH_PARTNERS, a state's figures from STATES (postal code ->
** sl_audit_state_figures's: by the registry's state, as the report's
** table), a county's partnered agencies inside its tracts (their
** "partners" in FC, the areas' features in L's order) and the rate per
** 100,000. A FeatureCollection with "level" ("states", "counties"), or
** NULL when the ids are no such codes or memory ran out (*BAD set). */
struct sl_area_list;
json_t *sl_audit_outlines(const struct sl_area_list *l, json_t *fc, double tolerance, int with_partners,
                          json_t *states, json_t **gis, int *bad);
/* Into ENTRY (summary.areas[i]): the located partnered agencies of
** AGENCIES (the map's) that no area of L holds (not marked in HIT: a
** registry point in a lake, the sea, or beyond the set), counted and named
** (partnered_outside, partnered_outside_ori), so no agency leaves the
** per-area figures unsaid; for US counties, the county of L each one's
** registry record names, in its state (partnered_outside_counties: {id,
** name, state, agencies}, in L's order; partnered_outside_county_unnamed:
** those naming no one county of L); and those at a point the registry
** gives several agencies (HIT 2: partnered_shared_point and its
** agencies). collect_outside.c. */
void sl_audit_agencies_outside(json_t *entry, const struct sl_area_list *l, json_t *agencies,
                               const unsigned char *hit, int *bad);

/* Per registry state (postal code): registry_agencies, partnered_agencies
** and partnered_per_100_agencies (summary.agencies_by_state), and of its
** partnered agencies those the registry gives no location
** (partnered_without_location) and those located in no area of the set
** (partnered_in_no_county: AGENCIES, the map's, not marked in HIT), and
** its partnership rows not linked to the registry (rows_not_linked). */
json_t *sl_audit_state_figures(audit *a, json_t *agencies, const unsigned char *hit);

/* G (an OGR geometry; not taken) as a GeoJSON MultiPolygon text, every
** vertex, each coordinate the shortest decimal reading back as the same
** double (geometry_text.c): the GIS files' geometry. malloc'ed; NULL when
** out of memory or G is NULL. */
char *sl_audit_geometry_text(OGRGeometryH g);
/* G (taken) as a MultiPolygon; with MAKE_VALID, made valid first (GEOS,
** keeping only its polygons): a dissolved outline, never an imported one,
** which the GIS files carry as the counts used it. */
OGRGeometryH sl_audit_multipolygon(OGRGeometryH g, int make_valid);

/* The audit's cameras (collect_cameras.c), computed on first use and
** owned by A until sl_audit_cameras_free; *SUMMARY (may be NULL) gets the
** posts' grouping figures (borrowed; NULL when the store holds no posts). */
sl_status sl_audit_camera_locations(audit *a, const sl_camera_locations **out, json_t **summary, sl_error *err);
/* The cameras with their areas in SET, located once per set (*OUT: a copy of
** sl_audit_camera_locations's, with area and area_set filled). */
sl_status sl_audit_cameras_in(audit *a, const char *set, sl_camera_locations *out, sl_error *err);
/* Posts that make the cameras are counted through them (Q's cameras and
** posts_of, LOCATED holding the cameras): the cameras are located once per
** set, for the join of posts and the camera disparity. A cameras layer
** leaves Q as it is: its cameras are not where the posts are. */
sl_status sl_audit_posts_through_cameras(audit *a, const char *set, sl_join_query *q, sl_camera_locations *located,
                                         sl_error *err);
void sl_audit_cameras_free(audit *a);
/* The posts grouped at radius 0 (a->cameras.posts, summary) and into the
** privacy rule's distinct locations from one reading and one sort, once
** per audit (collect_cameras.c). The 0 m cameras are there on return; the
** locations are grouped on a thread meanwhile (the cameras' areas are
** found beside it) until sl_audit_places_grouped puts them in
** a->places[0]. */
sl_status sl_audit_group_posts(audit *a, sl_error *err);
sl_status sl_audit_places_grouped(audit *a, sl_error *err);

/* Note that ANALYSIS did not run, and why (summary.skipped). */
void sl_audit_skip(audit *a, const char *analysis, const char *why);

/* Headline sentences from the figures (headlines.c): summary.headlines,
** and summary.title, the words of the report's title. */
sl_status sl_audit_headlines(audit *a, sl_error *err);
/* One headline resting on LAYERS ("posts,sites"), quoting FIGURES (an
** object; the reference is taken), its words FMT...: a state's report
** prefixes its scope, and synthetic layers are named in the sentence
** (headlines.c). */
void sl_audit_headline_add(audit *a, const char *layers, json_t *figures, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* The point layers' headlines (headlines_points.c): unique cameras, cameras
** near sites, the disparity, the text filters. */
void sl_audit_camera_headlines(audit *a);
void sl_audit_site_headlines(audit *a);
/* Into BUF, for summary.sites[0]'s category ROW: the sentence saying that
** half its sites lie where the camera locations do not reach, when its
** published median nearest is SL_NEAR_FAR_SITES_M or more ("" else). */
const char *sl_audit_far_sites_words(const json_t *row, char *buf, size_t size);
void sl_audit_disparity_headlines(audit *a);
/* The year of SET's residents when a demographics table with a year gave
** them (summary.inputs), else NULL: the areas' line, the disparity's
** baseline and its headline say it. */
const char *sl_report_residents_year(audit *a, const char *set);
void sl_audit_filter_headlines(audit *a);
/* 1 when every row counted is Ring's: only those are partnerships (headlines.c). */
int sl_audit_ring_only(audit *a);
/* 1 when the report counts partnerships: Ring's rows alone, or --tech ring
** over a scope without Ring's rows (its title stays Ring's). */
int sl_audit_partnered(audit *a);
/* The agencies the report counts, in its words, of N of them: "partnered
** agencies" in Ring's report; in a report of another technology, or of every
** one, "agencies on record" (its title names the technology, "Agencies with
** Face Recognition on record": a face recognition row is no partnership).
** "partnered agency" and "agency on record" of one. */
const char *sl_audit_agencies_noun(audit *a, long long n);
/* The technologies --tech matched, as the data names them ("Face
** Recognition"), into BUF, which is returned (headlines.c). */
const char *sl_audit_tech_label(audit *a, char *buf, size_t size);

/* summary.command: the options of this audit as a command line, resolved
** (the --since chosen, the default k, edge and seed), with STORE and DIR
** as words (command.c). */
void sl_audit_note_command(audit *a);

/* A date as a reader sees it (headlines.c). BUF receives the text and is
** returned: "2020-10-07" as "7 October 2020" (anything else copied as is).
** Numbers take sl_thousands (core/text.h). */
const char *sl_report_date_words(char buf[32], const char *iso);
/* A demographic group's name for readers ("white_nh": "white non-Hispanic"). */

/* A permutation p-value P from DRAWS placebo draws: at the floor 1/(DRAWS+1)
** only a bound is known, so it reads "< 0.001" (for 2,000 draws), else two
** significant digits. */
void sl_report_format_p(char *buf, size_t size, double p, long long draws);

/* Outputs. */
sl_status sl_audit_write_gis(audit *a, sl_error *err);     /* data/: CSV, GeoJSON, report.gpkg (begun) */
sl_status sl_audit_gpkg_wait(audit *a, sl_error *err);     /* report.gpkg written (or its error) */
sl_status sl_audit_write_html(audit *a, sl_error *err);    /* report.html */
sl_status sl_audit_write_summary(audit *a, sl_error *err); /* summary.json */
sl_status sl_audit_write_readme(audit *a, sl_error *err);  /* README.md: what each file holds (readme.c) */

/* The map's data packed for the page (html_map.c): object lists as keys and
** rows, area rings as steps in 1e-5 degrees; report.js unpacks it. A new
** reference, or NULL when memory ran out. */
json_t *sl_html_map_packed(const json_t *map);

/* Inline SVG charts (charts.c), written into the page. */
void sl_chart_timeline(FILE *out, json_t *tracker);
void sl_chart_disparity(FILE *out, json_t *disparity);

/* Embedded assets (assets.c): Leaflet (absent when npm was not available at
** build time: *len is 0), the report's own script and style, the methods. */
const char *sl_asset_leaflet_js(size_t *len);
const char *sl_asset_leaflet_css(size_t *len);
/* Leaflet.markercluster, its script and its style (*len 0 when absent). */
const char *sl_asset_cluster_js(size_t *len);
const char *sl_asset_cluster_css(size_t *len);
const char *sl_asset_report_js(size_t *len);
/* The served maps' quiet.js (src/web/assets/quiet.js), run before report.js:
** the report's map keeps still for a reader who asks for less motion, and
** its drawing surfaces are silent, by the server's own script. */
const char *sl_asset_quiet_js(size_t *len);
const char *sl_asset_report_css(size_t *len);
const char *sl_asset_methodology(size_t *len);

/* The report directory (outdir.c). */
typedef struct outdir_lock {
    int fd;          /* -1 when not held */
    char path[4200]; /* PARENT/.BASE.lock */
} outdir_lock;

/* Check that TARGET may receive a report (new, empty, or a report this
** program wrote and nothing else; never ".", "..", "/", the working
** directory or an ancestor of it, or a directory holding STORE_PATH), then
** lock it against a second audit and remove what killed runs left beside
** it. On failure nothing is held and nothing changed. */
sl_status sl_outdir_claim(const char *target, const char *store_path, outdir_lock *lk, sl_error *err);

/* Release the lock taken by sl_outdir_claim (idempotent). */
void sl_outdir_release(outdir_lock *lk);

/* Make "PARENT/.BASE.TAG-XXXXXX" next to TARGET (mkdtemp); path in OUT. */
sl_status sl_outdir_sibling(const char *target, const char *tag, char *out, size_t size, sl_error *err);

/* Write DIR's manifest: the list of every file in it, which is what later
** runs may replace. Call when every other file is written. */
sl_status sl_outdir_write_manifest(const char *dir, sl_error *err);

/* Put the finished DIR at TARGET, swapping out an old report atomically
** (checked again to hold nothing foreign). */
sl_status sl_outdir_install(const char *dir, const char *target, sl_error *err);

/* Remove DIR and everything under it (no links followed). */
void sl_outdir_remove_tree(const char *dir);
/* When ERR says a write found no room (a full disk, a quota, ulimit -f),
** add the folder of TARGET, its free space and about how much the report
** needed (the report already there, or what TMP held when it stopped).
** Call before TMP is removed. */
void sl_outdir_full_note(const char *tmp, const char *target, sl_error *err);

/* Small helpers (audit.c). */
sl_status sl_audit_path(const audit *a, const char *rel, char *buf, size_t size, sl_error *err);
FILE *sl_audit_open(const audit *a, const char *rel, sl_error *err); /* NULL + err on failure */
sl_status sl_audit_close(FILE *f, const char *rel, sl_error *err);

#endif
