/*
** request_radius.h — the unit a requests file gives its radii in.
**
** A radius in feet read as metres is a wrong number that looks right, so
** the unit is never guessed: it is metres unless --radius-unit, the radius
** column's name (radius_ft, radius_miles, ...) or a per-row unit column
** (radius_unit, unit, units, uom) says otherwise, and they must agree.
*/
#ifndef SIGHTLINE_INGEST_REQUEST_RADIUS_H
#define SIGHTLINE_INGEST_REQUEST_RADIUS_H

#include <stddef.h>
#include "sightline/core/error.h"

typedef struct sl_radius_plan {
    char column[64];      /* the radius column read; "" when none */
    char unit_column[64]; /* per-row units read from here; "" when none */
    double metres;        /* metres per unit of the whole column; 0: per row */
    double named;         /* metres per unit the column's name or --radius-unit says; 0: none */
    unsigned seen;        /* units met in unit_column, a bit each (sl_length_units order) */
    char unread[160];     /* radius-like columns not read, "'a', 'b'"; "" when none */
} sl_radius_plan;

/* Metres per unit of the unit TEXT ("m", "metres", "km", "ft", "feet",
** "mi", "miles", ...; case and spaces ignored), 0 when not a unit; *NAME
** (may be NULL) gets its plain name ("feet"). */
double sl_length_unit(const char *text, const char **name);

/* The plan for a file whose columns (keys) are NAMES[0..n): GIVEN is
** --radius (NULL: the first of radius_m, radius_meters, radius, radius_km,
** radius_ft, radius_feet, radius_mi, radius_miles... present), UNIT is
** --radius-unit (NULL: none). Errors: an unknown --radius-unit, or one the
** column's name contradicts. */
sl_status sl_radius_plan_make(const char *const *names, size_t n, const char *given, const char *unit,
                              const char *path, sl_radius_plan *p, sl_error *err);

/* Metres per unit of one row's radius; UNIT_TEXT is the row's unit_column
** cell (NULL or "" when empty). An unknown unit, a unit the column's name
** contradicts, or no unit at all where the file has a unit column are
** errors at FILE:LINE. */
sl_status sl_radius_row_metres(sl_radius_plan *p, const char *unit_text, const char *file, long line,
                               double *metres, sl_error *err);

/* What the radii were read in, for the import's summary: "feet", or "the
** units of column 'unit' (feet, miles)"; "" when the file has no radius. */
const char *sl_radius_plan_unit(const sl_radius_plan *p, char *buf, size_t len);

#endif
