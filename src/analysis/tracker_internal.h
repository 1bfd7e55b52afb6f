/*
** tracker_internal.h — pieces the tracker and the snapshot diff share.
*/
#ifndef SIGHTLINE_TRACKER_INTERNAL_H
#define SIGHTLINE_TRACKER_INTERNAL_H

#include <jansson.h>
#include "sightline/analysis/tracker.h"
#include "sightline/core/county.h"
#include "sightline/store/store.h"

/* 1 if NEEDLE occurs in HAY ignoring ASCII case (NULL/"" needle: always). */
int sl_contains_nocase(const char *hay, const char *needle);

/* The snapshot in force at DATE (latest on or before), or the newest. */
sl_status sl_resolve_snapshot(sl_store *st, const char *date, sl_arena *arena, const char **out,
                              sl_error *err);

/* The key that identifies a row's agency: the registry id when linked, else
** state + the name's letters and digits. */
void sl_agency_key(const sl_partnership *p, char *out, size_t len);

/* The key that identifies a row's partnership, as the diff compares them:
** its agency (sl_agency_key) and its technology, any case. */
void sl_partnership_key(const sl_partnership *p, char *out, size_t size);

/* 1 when P's start, known only to a month or year, is what its date column
** gives rather than a month read from the summary text. */
int sl_tracker_coarse_from_cell(const sl_partnership *p);

/* Where row P's start lies against Q's --since and --until: 1 certainly
** within both (either may be absent: no bound), -1 possibly (a month or
** year straddling a bound), 0 not, or undated while a bound is given. The
** one rule of the rows' counts and of the count in partnerships. */
int sl_tracker_window_class(const sl_tracker_query *q, const sl_partnership *p);

/* The count since Q's since date in partnerships (sl_partnership_key) of
** the ROWS Q's other filters keep, each begun when its earliest dated row
** began: {date, count, uncertain, month_or_year, of (the partnerships),
** further_rows (of SINCE_ROWS, the rows' certain count, those no
** partnership counted here began with), month_or_year_in_date_column and
** month_or_year_note when not 0}, the keys of the rows' since object, and
** linked_agencies and city_county_agencies, the registry agencies (of REG)
** of the partnerships begun within, which a share of agencies begun since
** counts; NULL without a since date or when memory runs out. */
json_t *sl_tracker_since_partnerships(const sl_tracker_query *q, const sl_partnership_list *rows, long since_rows,
                                      const sl_agency_list *reg);

/* Sort KEYS and count distinct ones. */
size_t sl_count_distinct(char **keys, size_t n);
/* The distinct KEYS[i] (of N) whose IDS[i] is 0: the agencies of rows linked
** to no registry agency, which the agencies figure counts and no share can;
** -1 when memory runs out. KEYS is left in its order. */
long sl_count_distinct_unlinked(char *const *keys, const long *ids, size_t n);

const sl_agency *sl_find_agency(const sl_agency_list *l, long id);

/* The counties row P names (county.h): its own county field and, when it
** is linked, its registry agency A's (NULL: none). A row is in every
** county whose key (sl_county_area_key) this set holds, in the row's state:
** the one rule of the campaign page, the dashboard and `--links --areas`. */
void sl_row_counties(const sl_partnership *p, const sl_agency *a, sl_county_set *out);

/* Whether a row naming none of its state's areas (by sl_row_counties), in
** a state of STATE_AREAS areas of a county set, is in that state's one
** area: 1 when the state has a single area (DC, Guam: the Atlas leaves
** their County empty, and every record there is the one county's), else 0
** (the row is in no area). The one rule of the campaign's county lists
** (campaign_local.c) and of `--links --areas` (links.c). */
int sl_row_in_only_area(size_t state_areas);

/* 1 when row P is Ring's: the rows `--tech ring` picks (sl_tracker_tech_is). */
int sl_tracker_is_ring(const sl_partnership *p);

/* 1 when row P's date is not the start of its use (every technology but
** Ring, sl_tracker_is_ring): such a date says "dated", never "started".
** The one rule of the tracker's dated_by_source and of the campaign
** page's rows. */
int sl_tracker_dated_by_source(const sl_partnership *p);

/* The partnership imports made with the Atlas preset, as sorted ids: a
** non-Ring row of theirs carries the date of the source the Atlas cites;
** one of another list, the date its file's date column gives. */
typedef struct sl_atlas_imports {
    long *ids;
    size_t n;
} sl_atlas_imports;
sl_status sl_atlas_imports_load(sl_store *st, sl_atlas_imports *out, sl_error *err);
void sl_atlas_imports_free(sl_atlas_imports *a);
/* 1 when row P is dated_by_source and of no import of A (dated_by_file). */
int sl_tracker_dated_by_file(const sl_partnership *p, const sl_atlas_imports *a);

/* QUERY checked (as sl_tracker_run checks it) into Q, its states spelled
** as the store spells them (copies in A). */
sl_status sl_tracker_checked(const sl_tracker_query *query, sl_tracker_query *q, sl_arena *a, sl_error *err);
/* 1 when row P passes Q's filters: technology, states, agency type, and
** dates (a row that may have started on or after --since counts). */
int sl_tracker_keeps(const sl_tracker_query *q, const sl_partnership *p);
/* 1 when row P counts in the tracker's figures under Q (total, agencies):
** it passes the filters and certainly started on or after --since; a row
** that only may have is "uncertain", counted apart, not here. */
int sl_tracker_counts(const sl_tracker_query *q, const sl_partnership *p);
/* The rows the tracker reads for QUERY: QUERY checked into Q (as
** sl_tracker_checked), the snapshot it names (or the newest) into
** *SNAPSHOT, its rows into ROWS with one spelling per agency type. */
sl_status sl_tracker_rows(sl_store *st, const sl_tracker_query *query, sl_tracker_query *q, sl_arena *arena,
                          const char **snapshot, sl_partnership_list *rows, sl_error *err);
/* Agency types of L's rows that differ only in case made one: each such row
** takes the spelling most of them use (a tie: the first in byte order),
** wherever a type is counted or shown. -1 when out of memory. */
int sl_tracker_one_spelling_per_type(sl_partnership_list *l);
/* Sources of KIND as a JSON list (those of SNAPSHOT only, when given). */
json_t *sl_sources_json(sl_store *st, const char *kind, const char *snapshot, sl_error *err);

#endif
