/*
** check_points.h — what every point reader's output must satisfy, shared by
** the point fuzz targets: as many points as the report says were imported,
** each one a valid coordinate pair, each string terminated. Traps otherwise.
*/
#ifndef SL_FUZZ_CHECK_POINTS_H
#define SL_FUZZ_CHECK_POINTS_H

#include "sightline/core/points.h"

#include <string.h>

static void check_points(const sl_points *pts, const sl_point_report *rep)
{
    if ((long)pts->n != rep->imported) __builtin_trap();
    for (size_t i = 0; i < pts->n; i++) {
        if (sl_point_check(pts->lat[i], pts->lon[i]) != -1) __builtin_trap();
        (void)strlen(sl_points_id(pts, i));
        (void)strlen(sl_points_text(pts, i));
        (void)strlen(sl_points_attrs(pts, i));
    }
}

#endif
