/*
** link.h — linking partnership rows to the national agency registry.
**
** The Atlas names an agency as people write it ("Woodstock Police Dept.",
** "Shenandoah County Sheriff's Office"); the FBI registry names it its own way.
** A link is found by normalized name + state, with city/county breaking ties,
** then a fuzzy fallback within the state. Each link carries its method and a
** score in [0,1] so a reader can audit weak ones.
*/
#ifndef SIGHTLINE_LINK_H
#define SIGHTLINE_LINK_H

#include "sightline/core/progress.h"
#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/core/normalize.h" /* the name rules the linker matches with */
#include "sightline/store/store.h"

typedef struct sl_linker sl_linker;

typedef struct sl_link_result {
    size_t index;       /* index into the agencies array given to the linker */
    const char *method; /* "exact", "tiebreak" or "fuzzy" (static strings) */
    double score;       /* 1.0 for exact, similarity for fuzzy */
} sl_link_result;

/* Build a linker over AGENCIES (not copied: must outlive the linker). */
sl_status sl_linker_new(const sl_agency *agencies, size_t count, sl_linker **out, sl_error *err);

/* Find the registry agency for a named agency. city/county may be NULL or "".
** Returns 1 and fills *out on a link, 0 when nothing is good enough. */
int sl_linker_match(const sl_linker *lk, const char *name, const char *state,
                    const char *city, const char *county, sl_link_result *out);

void sl_linker_free(sl_linker *lk);

/* A row the linker left unlinked that is likely filed under the wrong
** state: its COUNTY is no county of STATE in the registry (or STATE is
** none), and exactly one registry agency of that very NAME (exact, by the
** normalized key) lies in a county of that name in another state. 1 and
** its registry index in *INDEX; 0 otherwise. Never a link: the Atlas's
** "Wall Township Police Department", Monmouth County, filed under NH, is
** NJ's, which the newsroom confirms and links (`import links`). */
int sl_linker_misfiled(const sl_linker *lk, const char *name, const char *state, const char *county, size_t *index);

/* A request's agency linked to no agency of its state (STATE), while the
** registry has an agency of that very name in other states (linked by the
** rule of requests, sl_link_request, not fuzzily): its name there and those
** states, A to Z. "Chicago Police Department" written with IN is Illinois's. */
typedef struct sl_agency_elsewhere {
    char name[128], state[3], states[12][3];
    int count; /* the states found (only the first 12 are kept); 0 none */
} sl_agency_elsewhere;

/* Partnership rows left unlinked that are likely filed under the wrong
** state (sl_linker_misfiled): how many, and the first SL_MISFILED_KEPT of
** them with the registry agency each names. */
#define SL_MISFILED_KEPT 10
typedef struct sl_misfiled_row {
    long line;
    char record_id[32], agency[128], state[8], county[96], ori[16], in_state[3];
} sl_misfiled_row;
typedef struct sl_link_misfiled {
    long rows;
    sl_misfiled_row items[SL_MISFILED_KEPT];
} sl_link_misfiled;

typedef struct sl_link_stats {
    long rows, linked, exact, tiebreak, fuzzy;
    long crosswalk; /* rows decided by an imported correction (linked or not) */
    sl_link_misfiled misfiled; /* partnerships only */
    /* sl_link_requests only: of the requests it left unlinked, the first
    ** agency (in the store's order) found elsewhere, how many requests name
    ** it with that state, and the import (source id) of the first of them */
    sl_agency_elsewhere elsewhere;
    long elsewhere_rows, elsewhere_source;
    char elsewhere_file[256]; /* that import's file name */
} sl_link_stats;

/* Link every partnership row in the store to the registry, replacing earlier
** links (the registry may have grown); a row whose record id an imported
** crosswalk names (`import links`) takes the crosswalk's ORI, or no agency,
** with method "crosswalk". Runs inside the caller's transaction. */
sl_status sl_link_partnerships(sl_store *st, sl_link_stats *stats, sl_error *err);

/* The same, telling PROGRESS (may be NULL) "rows linked" of the rows, every
** 256: a big table takes seconds to link. */
sl_status sl_link_partnerships_told(sl_store *st, sl_link_stats *stats, const sl_progress *progress,
                                    sl_error *err);

/* The registry agency of a police request, by the agency name and state its
** import read (the file's columns, or --agency-name and --agency-state),
** without city or county: the one rule requests are linked by, when they
** are imported and when a registry comes after them. As sl_linker_match. */
int sl_link_request(const sl_linker *lk, const char *agency, const char *state, sl_link_result *out);

/* Whether AGENCY, linked to no agency of STATE, is the name of a registry
** agency (of REG, LK's list) in other states: OUT says where (count 0: no). */
int sl_link_request_elsewhere(const sl_linker *lk, const sl_agency_list *reg, const char *agency, const char *state,
                              sl_agency_elsewhere *out);

/* Link each request without an agency link (sl_store_load_unlinked_requests)
** by sl_link_request: requests imported before the registry, or whose
** agencies went with a removed registry import. Links already made stay.
** STATS->rows counts the requests without a link, ->linked those linked now
** (and exact, tiebreak, fuzzy their methods), ->elsewhere one agency of
** those left whose state is wrong. Telling PROGRESS (may be NULL) as
** sl_link_partnerships_told does. Runs inside the caller's
** transaction. */
sl_status sl_link_requests(sl_store *st, sl_link_stats *stats, const sl_progress *progress, sl_error *err);

#endif
