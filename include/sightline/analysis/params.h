/*
** params.h — the rules for the figures a person types: a circle, a box, a
** radius, a count. The CLI's options and the server's query parameters are
** checked by these same functions, so a value one refuses the other refuses
** with the same sentence (naming the option or parameter it was given as).
*/
#ifndef SIGHTLINE_ANALYSIS_PARAMS_H
#define SIGHTLINE_ANALYSIS_PARAMS_H

#include "sightline/analysis/analyses.h"
#include "sightline/core/error.h"

/* SL_OK when the circle or box Z has coordinates in range (latitude -90..90,
** longitude -180..180, a radius above 0 and at most 20,000 km, W < E,
** S < N); else SL_EUSAGE with a sentence naming OPTION and the value. A
** circle near a pole given as LON,LAT is refused with the likely meaning. */
sl_status sl_zone_check(const sl_zone *z, const char *option, sl_error *err);

/* TEXT "LAT,LON,METERS" into a circle zone *Z, checked by sl_zone_check. */
sl_status sl_zone_parse_circle(const char *text, const char *option, sl_zone *z, sl_error *err);

/* TEXT "W,S,E,N" (as in GeoJSON) into a box zone *Z, checked likewise. */
sl_status sl_zone_parse_bbox(const char *text, const char *option, sl_zone *z, sl_error *err);

/* TEXT, a number of meters above 0 and finite, into *OUT; else SL_EUSAGE
** "OPTION wants positive meters, not 'TEXT'". */
sl_status sl_param_metres(const char *text, const char *option, double *out, sl_error *err);

/* TEXT, a whole number from MIN to MAX, into *OUT; else SL_EUSAGE naming
** OPTION and the range. */
sl_status sl_param_whole(const char *text, const char *option, double min, double max, double *out,
                         sl_error *err);

#endif
