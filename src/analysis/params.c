/*
** params.c — checking the figures people type (see params.h), one rule for
** the CLI and the server.
*/
#include "sightline/analysis/params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* 1 when TEXT is a whole number in strtod syntax, stored in *OUT. */
static int parse_double(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    return end != text && *end == '\0';
}

static sl_status out_of_range(sl_error *err, const char *option, const char *what, double v, double lim)
{
    return sl_fail(err, SL_EUSAGE, NULL, 0, "%s: %s %g is outside -%g..%g", option, what, v, lim, lim);
}

sl_status sl_zone_check(const sl_zone *z, const char *option, sl_error *err)
{
    if (z->kind == SL_ZONE_CIRCLE) {
        if (!(fabs(z->lat) <= 90)) return out_of_range(err, option, "latitude", z->lat, 90);
        if (!(fabs(z->lon) <= 180)) return out_of_range(err, option, "longitude", z->lon, 180);
        /* LAT,LON given as LON,LAT puts a US circle near a pole (41.9,-87.6
        ** read as -87.6,41.9 is in Antarctica): no police agency is there */
        if (fabs(z->lat) > 80 && fabs(z->lon) <= 80)
            return sl_fail(err, SL_EUSAGE, NULL, 0, "%s is LAT,LON: latitude %g is near a pole; did you mean %g,%g?",
                           option, z->lat, z->lon, z->lat);
        if (!(z->radius_m > 0 && z->radius_m <= 2e7))
            return sl_fail(err, SL_EUSAGE, NULL, 0,
                           "%s: the radius wants meters above 0 and at most 20000000, not %g", option, z->radius_m);
    } else if (z->kind == SL_ZONE_BBOX) {
        if (!(fabs(z->w) <= 180)) return out_of_range(err, option, "west longitude", z->w, 180);
        if (!(fabs(z->e) <= 180)) return out_of_range(err, option, "east longitude", z->e, 180);
        if (!(fabs(z->s) <= 90)) return out_of_range(err, option, "south latitude", z->s, 90);
        if (!(fabs(z->n) <= 90)) return out_of_range(err, option, "north latitude", z->n, 90);
        if (!(z->w < z->e && z->s < z->n))
            return sl_fail(err, SL_EUSAGE, NULL, 0, "%s wants W,S,E,N with W < E and S < N", option);
        /* S,W,N,E (latitude first, as a circle is given) puts a US box by
        ** a pole, as for a circle: 41.7,-87.8,41.9,-87.6 counted 0 (exit 0) */
        if (fabs(z->s) > 80 && fabs(z->n) > 80 && fabs(z->w) <= 80 && fabs(z->e) <= 80)
            return sl_fail(err, SL_EUSAGE, NULL, 0,
                           "%s is W,S,E,N (longitude first, as in GeoJSON): latitudes %g and %g are near a pole; "
                           "did you mean %g,%g,%g,%g?", option, z->s, z->n, z->s, z->w, z->n, z->e);
    }
    return SL_OK;
}

sl_status sl_zone_parse_circle(const char *text, const char *option, sl_zone *z, sl_error *err)
{
    char tail;
    *z = (sl_zone){.kind = SL_ZONE_CIRCLE};
    if (sscanf(text, "%lf,%lf,%lf%c", &z->lat, &z->lon, &z->radius_m, &tail) != 3)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "%s wants LAT,LON,METERS, not '%s'", option, text);
    return sl_zone_check(z, option, err);
}

sl_status sl_zone_parse_bbox(const char *text, const char *option, sl_zone *z, sl_error *err)
{
    char tail;
    *z = (sl_zone){.kind = SL_ZONE_BBOX};
    if (sscanf(text, "%lf,%lf,%lf,%lf%c", &z->w, &z->s, &z->e, &z->n, &tail) != 4)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "%s wants W,S,E,N, not '%s'", option, text);
    return sl_zone_check(z, option, err);
}

sl_status sl_param_metres(const char *text, const char *option, double *out, sl_error *err)
{
    if (!parse_double(text, out) || !(*out > 0) || !isfinite(*out))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "%s wants positive meters, not '%s'", option, text);
    return SL_OK;
}

sl_status sl_param_whole(const char *text, const char *option, double min, double max, double *out,
                         sl_error *err)
{
    if (!parse_double(text, out) || !(*out >= min && *out <= max) || *out != floor(*out))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "%s wants a whole number from %.0f to %.0f, not '%s'", option, min,
                       max, text);
    return SL_OK;
}
