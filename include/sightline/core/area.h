/*
** area.h — area records (census tracts, counties, ...) as every layer passes
** them: io reads them from files, the store keeps them, analysis measures
** over them. Geometry is ISO WKB in WGS84 lon/lat.
*/
#ifndef SIGHTLINE_CORE_AREA_H
#define SIGHTLINE_CORE_AREA_H

#include <stddef.h>
#include "sightline/core/arena.h"

typedef struct sl_area_set {
    const char *name;      /* the set's name, e.g. "nyc-tracts" */
    long source_id;        /* sources row of the file it came from */
    const char *layer;     /* layer read from the file, or "" */
    const char *id_field, *name_field;
    const char *options;   /* how it was imported, JSON */
    long count;            /* number of areas */
} sl_area_set;

typedef struct sl_area {
    const char *id, *name;
    /* People counts (converted from percentages at import when asked);
    ** NAN when the source had no value. */
    double pop, black, hispanic, white_nh, foreign_born;
    double area_km2;                /* geodesic area on WGS84 */
    const unsigned char *wkb;       /* Polygon or MultiPolygon, ISO WKB, little-endian */
    size_t wkb_len;
    double minx, miny, maxx, maxy;  /* lon/lat bounding box */
} sl_area;

typedef struct sl_area_list {
    sl_area_set set;
    sl_area *items;
    size_t count;
    sl_arena arena; /* strings and WKB blobs */
} sl_area_list;

/* Free a list's items and arena, and zero it. */
void sl_area_list_free(sl_area_list *l);

/* 1 when COUNT people (of one group, or of two groups that share no one:
** white non-Hispanic and Hispanic) can live among POP residents: COUNT is
** at most POP, with 0.5% slack, as counts rebuilt from rounded percentages
** overshoot. The import and the analyses hold figures to this one rule. */
int sl_group_fits(double count, double pop);

/* The postal code ("IL") of the US state or territory whose FIPS code opens
** ID, when ID is a county (5 digits, "17031") or census tract (11 digits)
** GEOID, or a Census GEO_ID of a level whose code opens with the state's
** ("1400000US17031010100", "0500000US17031", NYC's ACS tracts
** "08000US3606144919...": not a ZIP code area's "8600000US60601"); NULL
** for any other id. Two "Washington" counties are told apart by it, so
** tables can print "Washington, OR". */
const char *sl_fips_state(const char *id);

/* The FIPS code inside ID when ID is a GEO_ID as data.census.gov writes it,
** a summary level and "US" before the code ("1400000US17031010100" gives
** "17031010100", "0500000US17031" gives "17031"), else ID itself. A table
** from data.census.gov is keyed so; TIGER's boundaries carry the bare code. */
const char *sl_census_geo_id(const char *id);

/* The former FIPS code of the US county whose current code is ID, when it
** changed since 2010 by a renaming (Kusilvak, AK: "02158" gives "02270";
** Oglala Lakota, SD: "46102" gives "46113"), else NULL: tables of before
** the change (QuickFacts 2014) key the county by its former code. */
const char *sl_fips_former(const char *id);

/* The postal code ("CA") of the US state, DC or territory whose name is
** the LEN bytes at NAME ("California", "new york", spaces around allowed),
** else NULL: for the hint when a name is given where a code goes. */
const char *sl_state_of_name(const char *name, size_t len);

/* The name of postal code CODE ("IL": "Illinois"; the table of
** sl_state_of_name), or NULL for a code it does not name. */
const char *sl_state_name(const char *code);

/* 1 when CODE is the postal code of a US state, DC or a territory that
** sl_fips_state knows ("il" or "IL"), else 0. */
int sl_state_known(const char *code);

/* STATE as the store keeps it, into OUT (OUTLEN bytes): spaces trimmed,
** two letters in upper case, and the FBI registry's own codes for Nebraska
** ("NB", its postal code before 1969) and Guam ("GM") turned into the
** postal ones, so that a partnership, its registry agency, a --state
** filter and a county's FIPS code name a state alike. Other text is kept,
** trimmed. OUT may be STATE itself (never longer after). Returns OUT. */
const char *sl_state_canonical(const char *state, char *out, size_t outlen);

/* 1 when every one of the N areas of L has an id sl_fips_state knows: the
** set is US counties or tracts, and its names can carry their state. A set
** with one other id (a ZIP code, a local district) gets no states at all,
** so a stray five-digit id is not read as a county. */
int sl_area_list_has_states(const sl_area_list *l);

/* An area's name for readers, into OUT: "Washington, OR" for a US county
** or tract (its state from ID; "Richmond city, VA" for an independent
** city, sl_county_shown_name), NAME alone for other ids; an unnamed tract
** is "Census Tract 8422, IL" (GEOID 17031842200 or GEO_ID
** 1400000US17031842200), an unnamed county its state alone ("IL"), an
** unnamed area of another Census level "", never ", IL". Returns OUT. */
const char *sl_area_display_name(const char *name, const char *id, char *out, size_t outlen);

#endif
