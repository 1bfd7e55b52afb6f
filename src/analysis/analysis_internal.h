/*
** analysis_internal.h — what the analyses share: an area set from the store,
** indexed for point-in-polygon.
*/
#ifndef SIGHTLINE_ANALYSIS_INTERNAL_H
#define SIGHTLINE_ANALYSIS_INTERNAL_H

#include "sightline/analysis/disparity.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"
#include "sightline/store/store_layers.h"

/* Where SET's residents come from, into R.population_from: the file (its
** --demographics table, else the boundaries' own file), the year its
** import recorded (null when none), the import's number and "columns", the
** column each figure was read from ({pop, black, ...}: QuickFacts' codes
** carry their own year). Nothing is added when no import names SET. */
sl_status sl_analysis_population_from(sl_store *st, const char *set, json_t *r, sl_error *err);

/* Load area set SET and index it; free all three with sl_area_index_free. */
sl_status sl_area_index_load(sl_store *st, const char *set, sl_area_list *areas,
                             sl_polyset **ps, sl_pip **pip, sl_error *err);
/* The same, of the areas whose FIPS ids lie in STATES only (postal codes,
** comma-separated; NULL: every area): a state's report's disparity. */
sl_status sl_area_index_load_in(sl_store *st, const char *set, const char *states, sl_area_list *areas,
                                sl_polyset **ps, sl_pip **pip, sl_error *err);
void sl_area_index_free(sl_area_list *areas, sl_polyset *ps, sl_pip *pip);

/* An area set ready for statistics: the areas, their PIP index, and the
** area table (ids, population, group counts; a group no area knows is NULL)
** that disparity.h and synth.h take. Event rows are filled by the caller. */
typedef struct sl_area_inputs {
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
    const char **ids;
    double *pop, *groups[SL_GROUP_COUNT];
    sl_area_table table;
    sl_event_row *rows;
    size_t nrows;
    /* Events that are points: each one's area (negative: outside), no rows
    ** (sl_disparity_compute_points). POINT_AREA is either POINT_AREA_OWNED
    ** or an array the caller keeps until the inputs are freed. */
    const int32_t *point_area;
    int32_t *point_area_owned;
    size_t npoints;
    int points;
    size_t unplaced; /* requests with no place: in no area (sl_request_events) */
    /* Each event's place as a hash of its point or footprint (NKEYS of
    ** them, in event order), for counting the distinct places; NULL when
    ** not gathered. */
    uint64_t *place_key;
    size_t nkeys;
} sl_area_inputs;

/* The store's requests split over AREAS by overlap on the ground
** (geo/overlap.h): one row of weight 1 for a point request, rows whose
** weights sum to 1 for a radius or polygon. `disparity` and `join` both
** split through here, so their weights are the same. *ROWS is malloc'ed;
** *NREQUESTS (may be NULL) gets the number of requests split, *UNPLACED
** (may be NULL) that of requests with no place (no point, radius or
** polygon), which are not split: they lie in no area, not "outside" one.
** PROGRESS (may be NULL) is told how far the split is. SL_EDATA when the
** store holds none, or none with a place. *PLACES (may be NULL; malloc'ed)
** gets each split request's place: a hash of its point, radius and polygon,
** so that requests at one address with one radius share it. */
sl_status sl_request_events(sl_store *st, const sl_area_list *areas, const sl_progress *progress,
                            sl_event_row **rows, size_t *nrows, size_t *nrequests, size_t *unplaced,
                            uint64_t **places, sl_error *err);

sl_status sl_area_inputs_load(sl_store *st, const char *set, sl_area_inputs *in, sl_error *err);
sl_status sl_area_inputs_load_in(sl_store *st, const char *set, const char *states, sl_area_inputs *in,
                                sl_error *err);

/* The coordinates of LAYER's points in import order, and nothing else (no
** texts, ids or times): *LON and *LAT are malloc'ed, N entries, sized from
** the store's count so ten million posts take one allocation each. */
sl_status sl_load_coords(sl_store *st, const char *layer, double **lon, double **lat, size_t *n,
                         sl_error *err);
/* sl_load_coords with the earliest and latest time of the placed points
** (sl_point_placed; SL_TIME_NONE when none had one) in SPAN: the times
** themselves are not kept (80 MB at ten million posts), nor ids or texts. */
sl_status sl_load_coords_span(sl_store *st, const char *layer, double **lon, double **lat, int64_t span[2],
                              size_t *n, sl_error *err);
void sl_area_inputs_free(sl_area_inputs *in);

/* p_ga: group G's share of area A's residents, or NaN when the group's
** figure or the population is unknown or zero; such an area counts in no
** share of G (disparity_measures.c, for disparity.c's draws too). */
double sl_disparity_group_share(const sl_area_table *t, sl_group g, size_t a);

/* X[0] + ... + X[N-1], in that order (disparity_measures.c). */
double sl_disparity_sum(const double *x, size_t n);

#endif
