/*
** cameras.h — from posts to unique cameras.
**
** A neighborhood-app post carries the (jittered) location of the camera that
** filmed it. Posts at identical coordinates are one camera; with a merge
** radius, posts are joined by single linkage (a chain of posts each within
** the radius of the next is one camera). Each camera keeps its post count and
** the first and last post time.
*/
#ifndef SIGHTLINE_CAMERAS_H
#define SIGHTLINE_CAMERAS_H

#include <stddef.h>
#include <stdint.h>
#include "sightline/core/error.h"
#include "sightline/core/points.h"


typedef struct sl_cameras {
    size_t count;
    double *lon, *lat;      /* centroid of the camera's posts */
    uint32_t *posts;        /* posts per camera */
    /* The earliest and latest time of the placed posts, unix seconds
    ** (SL_TIME_NONE when none had one; always at radii past nfull). One
    ** span, not each camera's: nothing read a camera's own, and at ten
    ** million posts they were 160 MB written post by post. */
    int64_t first, last;
    uint32_t *camera_of;    /* per input post: its camera, UINT32_MAX when unplaced */
    /* Radius above 0 only (NULL at 0 m, where every camera is one location
    ** and sits exactly on its first post): each camera's first post when
    ** all its posts share one location and the camera's coordinates are
    ** that location's to the bit, else UINT32_MAX. A caller that located
    ** the 0 m cameras (one per location) knows where such a camera lies
    ** without a second point-in-polygon pass. */
    uint32_t *sole_post;
    size_t unplaced;        /* posts without finite coordinates */
} sl_cameras;

/* Group N posts into cameras. TIME may be NULL. MERGE_RADIUS_M 0 merges only
** identical coordinates. Deterministic: cameras are numbered by their first
** post's index. */
sl_status sl_cameras_from_posts(const double *lon, const double *lat, const int64_t *time,
                                size_t n, double merge_radius_m, sl_cameras *out, sl_error *err);
/* sl_cameras_from_posts at each of the NRADII radii into OUT[0..NRADII),
** the same cameras as one call per radius, from one sort of the posts
** (what the grouping spends most of its time on). The radii from NFULL on
** get where the cameras are only (count, lon, lat, posts; camera_of stays
** NULL, first and last SL_TIME_NONE): 200 MB less at ten million posts for a caller that
** wants only the locations. */
sl_status sl_cameras_from_posts_radii(const double *lon, const double *lat, const int64_t *time, size_t n,
                                      const double *radii, size_t nradii, size_t nfull, sl_cameras *out,
                                      sl_error *err);
/* sl_cameras_from_posts_radii in two halves, for a caller with work for
** the first radius while the others are grouped: on return OUT[0] is
** complete; OUT[1..NRADII) are being grouped on a second thread until
** sl_cameras_group_finish, which must be called (even after a failure of
** the caller's own) before LON, LAT, TIME or OUT go. A failed start frees
** every OUT (*GROUPING is then NULL); a failed finish frees OUT[1..NRADII),
** leaving OUT[0] to the caller. */
typedef struct sl_cameras_grouping sl_cameras_grouping;
sl_status sl_cameras_group_start(const double *lon, const double *lat, const int64_t *time, size_t n,
                                 const double *radii, size_t nradii, size_t nfull, sl_cameras *out,
                                 sl_cameras_grouping **grouping, sl_error *err);
sl_status sl_cameras_group_finish(sl_cameras_grouping *grouping, sl_error *err);
void sl_cameras_free(sl_cameras *c);

#endif
