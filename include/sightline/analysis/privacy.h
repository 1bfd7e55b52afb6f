/*
** privacy.h — the one rule deciding what counts and places of cameras and
** posts may be published (docs/methodology.md, "Privacy").
**
** A count about cameras or posts is published only for a place (hexagon,
** area, zone) holding at least k DISTINCT camera locations: five rows of one
** camera, or one doorbell with five posts, are one location and stay hidden.
** Locations closer than SL_PRIVACY_MERGE_M are one (single linkage, as
** cameras.h). Hexagons smaller than SL_PRIVACY_MIN_HEX_M and k under
** SL_PRIVACY_MIN_K are refused, and distances from public sites to cameras
** are published only as a category's median, in bins, because all would
** otherwise point at a home the k rule hid.
*/
#ifndef SIGHTLINE_PRIVACY_H
#define SIGHTLINE_PRIVACY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sightline/core/error.h"
#include "sightline/geo/hexbin.h"
#include "sightline/store/store.h"

/* Coordinates this close are one location: the same camera recorded twice
** with rounded coordinates (5 decimals move a point up to 1.1 m), not two
** neighbouring homes (row houses stand 6 m and more apart). */
#define SL_PRIVACY_MERGE_M 2.0
/* Smallest hexagon edge (= circumradius, hexbin.h) published without
** --exact: a cell of 100 m edge covers 0.026 km2, a few dozen homes. */
#define SL_PRIVACY_MIN_HEX_M 100.0
/* Width of the bins a category's median distance from its sites to the
** nearest cameras is published in (no site's own distance is). */
#define SL_PRIVACY_DISTANCE_BIN_M 50.0

/* SL_EUSAGE with a sentence naming OPTION when HEX_M is under the floor and
** EXACT is 0; SL_OK otherwise. */
sl_status sl_privacy_check_hex(const char *option, double hex_m, int exact, sl_error *err);

/* 1 when HEX_M is an edge of the published ladder: 1, 2.5 or 5 times a
** power of ten metres, from SL_PRIVACY_MIN_HEX_M (100, 250, 500 m, 1 km,
** 2.5 km...). Every binning of a layer scales one grid about one centre,
** so two maps whose edges differ by a hair differ only in slivers along
** the cells' sides: a shown cell's count changing between them puts a
** camera in that sliver, and a sweep of edges pins it to a point (run of
** 2026-12-06: within a metre, in 400 requests). A server answers other
** edges only on its own machine (web/api.c). */
int sl_privacy_hex_published(double hex_m);

/* Smallest k a report meant for publication takes: at 1 nothing is
** withheld, and at 2 each of the two owners a published count rests on
** learns the other's camera. 3 is the minimum frequency of the usual
** threshold rule of statistical disclosure control. */
#define SL_PRIVACY_MIN_K 3

/* SL_EUSAGE with a sentence naming OPTION when K is under SL_PRIVACY_MIN_K
** and EXACT is 0 (a k that low is a report not for publication, which
** --exact says and marks); SL_OK otherwise. */
sl_status sl_privacy_check_k(const char *option, unsigned k, int exact, sl_error *err);

/* The distinct locations of N points (merged at SL_PRIVACY_MERGE_M; points
** without finite coordinates are left out): *lon, *lat (malloc'd, the
** caller frees) and *count. */
sl_status sl_privacy_locations(const double *lon, const double *lat, size_t n, double **out_lon,
                               double **out_lat, size_t *count, sl_error *err);

/* The distinct locations of LAYER ("posts" or "cameras"), or with LAYER
** NULL of what sl_load_cameras measures (the cameras layer when it holds
** points, else the posts); *resolved (may be NULL) names the layer read.
** *lon, *lat are malloc'd; the caller frees them. */
sl_status sl_privacy_layer_locations(sl_store *st, const char *layer, double **lon, double **lat,
                                     size_t *count, const char **resolved, sl_error *err);

/* Areas already known for some locations: location i lies in area
** AREA[OF[i]] of the set (-1: in none) unless OF[i] is UINT32_MAX. */
typedef struct sl_privacy_known {
    const uint32_t *of;
    const int32_t *area;
} sl_privacy_known;

/* How many of N locations lie in each area of SET: *counts (malloc'd, one
** per area in the set's order, as sl_analysis_join's rows) and *n_areas.
** KNOWN (may be NULL): the locations whose area is known are not looked up. */
sl_status sl_privacy_area_locations(sl_store *st, const char *set, const double *lon, const double *lat,
                                    size_t n, const sl_privacy_known *known, uint64_t **counts, size_t *n_areas,
                                    sl_error *err);

/* Hexagon cells of distinct locations, with the points counted in them. */
typedef struct sl_privacy_bins {
    sl_hexbin h;          /* cells; h.points[i] = distinct locations in cell i */
    uint32_t *points;     /* points (rows) per cell, counted where each lies */
    size_t n_points;      /* points binned (rows, with coordinates or not) */
    size_t locations;     /* distinct locations */
    size_t elsewhere;     /* placed points whose cell holds no location */
    unsigned k;           /* the threshold the cells are shown at */
} sl_privacy_bins;

/* Complementary suppression, the one rule for cells and areas alike: of N
** counts of distinct locations (COUNT_AT(CTX, i)), those under the returned
** threshold are withheld. It is K, raised past the smallest shown counts
** while the withheld ones hold between 1 and K-1 locations in all: a total
** published beside the shown counts would give their sum away by
** subtraction, and with one withheld count, that count itself. Areas need
** it (each is a known place); a map's hidden cells do not: neither where
** they are nor what each holds is published. */
unsigned long long sl_privacy_hide_below(size_t n, uint64_t (*count_at)(const void *ctx, size_t i), const void *ctx,
                                         unsigned k);

/* The privacy binner: bin the distinct locations of N points into hexagons
** of edge HEX_M and count the points themselves in those cells. Cell I may
** be published only when sl_privacy_cell_shown says so. */
sl_status sl_privacy_bin(const double *lon, const double *lat, size_t n, double hex_m, unsigned k,
                         sl_privacy_bins *out, sl_error *err);

/* The same with the distinct locations of the points already known
** (LLON, LLAT, NLOC from sl_privacy_locations or _layer_locations). */
sl_status sl_privacy_bin_places(const double *llon, const double *llat, size_t nloc, const double *lon,
                                const double *lat, size_t n, double hex_m, unsigned k, sl_privacy_bins *out,
                                sl_error *err);

/* sl_privacy_bin_places in two halves, for a caller that tries several
** edges before counting its points: the cells of the NLOC locations at
** HEX_M (OUT->points still NULL), then the N points counted into them. */
sl_status sl_privacy_bin_locations(const double *llon, const double *llat, size_t nloc, double hex_m, unsigned k,
                                   sl_privacy_bins *out, sl_error *err);
sl_status sl_privacy_bin_points(sl_privacy_bins *b, const double *lon, const double *lat, size_t n, sl_error *err);

/* sl_privacy_bin_points, and W[i] (the posts of camera i, say) summed per
** cell into WCOUNTS (zeroed by the caller), the weight of the points in no
** cell into *WELSEWHERE: the posts counted where their cameras are, in the
** pass that counts the cameras. */
sl_status sl_privacy_bin_points_weighted(sl_privacy_bins *b, const double *lon, const double *lat, const uint32_t *w,
                                         size_t n, uint32_t *wcounts, uint64_t *welsewhere, sl_error *err);
/* sl_privacy_bin_points_weighted for M points given as images about B's
** centre (X, Y, their weights WX, reordered: points that are locations
** binned from a plane, whose images are already there; an image weighted
** SL_HEXBIN_SKIP is not one of them) and K more by coordinates (LON, LAT, W). */
sl_status sl_privacy_bin_points_weighted_images(sl_privacy_bins *b, const double *x, const double *y, uint32_t *wx,
                                                size_t m, const double *lon, const double *lat, const uint32_t *w,
                                                size_t k, uint32_t *wcounts, uint64_t *welsewhere, sl_error *err);

/* sl_privacy_bin_locations from the locations' plane (hexbin.h), for a
** caller trying edge after edge: each is arithmetic. LOCS must fit HEX_M
** (sl_hexbin_plane_fits; SL_EUSAGE otherwise). */
sl_status sl_privacy_bin_locations_plane(const sl_hexbin_plane *locs, double hex_m, unsigned k, sl_privacy_bins *out,
                                         sl_error *err);

/* sl_privacy_bin_places from planes (hexbin.h) of the distinct locations
** (LOCS) and of the points (PTS, projected about LOCS's centre): the same
** bins, with no PROJ call but the cells' own projection. SL_EUSAGE when LOCS
** does not fit HEX_M (sl_hexbin_plane_fits) or PTS has another centre. */
sl_status sl_privacy_bin_planes(const sl_hexbin_plane *locs, const sl_hexbin_plane *pts, double hex_m, unsigned k,
                                sl_privacy_bins *out, sl_error *err);

/* Count N more points (e.g. the posts of camera cells) into COUNTS (one per
** cell, zeroed by the caller); returns how many fell in no occupied cell. */
size_t sl_privacy_bin_count(const sl_privacy_bins *b, const double *lon, const double *lat, size_t n,
                            uint32_t *counts);

/* Published counts hide any group below this many (cells, counties). */
#define SL_PRIVACY_DEFAULT_K 5

/* The one threshold: a group of COUNT may be shown on its own when it holds
** at least K. Hexagon cells count distinct camera locations; a county of
** pledges counts confirmed signers. */
int sl_privacy_count_shown(unsigned long long count, unsigned k);

/* The area of SET holding each of N locations: *AREA_OF (malloc'd, -1 in
** none) and the set's number of areas, in the order of sl_analysis_join's rows. */
sl_status sl_privacy_area_of(sl_store *st, const char *set, const double *lon, const double *lat, size_t n,
                             int32_t **area_of, size_t *n_areas, sl_error *err);

/* One area set's areas as the rule across sets sees them: AREA_OF (per
** location, as sl_privacy_area_of gives it; an index out of range is
** made -1), COUNTS and SHOWN (N_AREAS each, filled); HIDE (NULL: none)
** the areas withheld whatever their count (a text filter's matches where
** the area's posts are withheld). */
typedef struct sl_privacy_set_view {
    size_t n_areas;
    int32_t *area_of;
    uint64_t *counts;
    unsigned char *shown;
    const unsigned char *hide;
} sl_privacy_set_view;

/* Complementary suppression within and across M area sets over the same N
** locations: each set's own rule (sl_privacy_hide_below), then, for every
** shown area of one set and the shown areas of another lying wholly inside
** it (all their locations in it), what is left of it must hold no location
** or k or more; else the smallest of those inner areas is withheld too
** (it holds k or more: withheld only to protect). Two sets of areas
** that nest (tracts and counties) would otherwise give the count of the
** withheld tracts of a county by subtraction. */
sl_status sl_privacy_across_sets(sl_privacy_set_view *sets, size_t m, size_t n, unsigned k, sl_error *err);

/* Whether cell I holds at least k distinct locations. */
int sl_privacy_cell_shown(const sl_privacy_bins *b, size_t i);

/* Cells hidden by the threshold (held by fewer than k distinct locations). */
size_t sl_privacy_hidden_cells(const sl_privacy_bins *b);

void sl_privacy_bins_free(sl_privacy_bins *b);

/* A distance from a public site to a camera as published: the lower edge of
** its SL_PRIVACY_DISTANCE_BIN_M bin (2 m -> 0, meaning 0-50 m). NaN stays. */
double sl_privacy_distance_bin(double d_m);

#endif
