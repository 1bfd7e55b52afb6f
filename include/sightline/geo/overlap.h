/*
** overlap.h — police requests split over areas by overlap on the ground.
*/
#ifndef SIGHTLINE_GEO_OVERLAP_H
#define SIGHTLINE_GEO_OVERLAP_H

#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/core/groups.h"
#include "sightline/core/progress.h"
#include "sightline/core/request.h"

/* Area weights of every request over AREA_WKB (COUNT areas as WKB, with
** their bounding boxes {minx,miny,maxx,maxy} per area in BOXES): event rows
** (event = request index) appended to *rows (malloc'ed, *nrows entries).
** Weight falling outside every area goes to SL_AREA_OUTSIDE. */
sl_status sl_request_weights(const sl_request_list *reqs, const unsigned char *const *area_wkb,
                             const size_t *area_wkb_len, const double *boxes, size_t count,
                             sl_event_row **rows, size_t *nrows, sl_error *err);

/* The same, telling PROGRESS (may be NULL) "requests split" of the
** requests, from the calling thread: a million circles take seconds. A
** request that cannot be split (coordinates off the globe, stored before
** imports refused them) is an error naming its import and line; *FAILED
** (may be NULL) gets its index, SIZE_MAX when none failed. */
sl_status sl_request_weights_told(const sl_request_list *reqs, const unsigned char *const *area_wkb,
                                  const size_t *area_wkb_len, const double *boxes, size_t count,
                                  const sl_progress *progress, sl_event_row **rows, size_t *nrows,
                                  size_t *failed, sl_error *err);

#endif
