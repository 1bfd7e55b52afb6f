/*
** collect_cameras.c — the audit's cameras, worked out once (see
** report_internal.h).
**
** Camera totals, density, cameras near sites (at two radii) and the camera
** disparity all measure the same camera locations. Grouping ten million
** posts into cameras is the audit's largest single cost, so the posts are
** grouped once here and every step borrows the result.
*/
#include "report_internal.h"
#include "sightline/analysis/cameras.h"
#include "sightline/store/store_layers.h"

#include <stdlib.h>
#include <string.h>

static sl_status cameras_once(audit *a, sl_error *err)
{
    audit_cameras *c = &a->cameras;
    long posts = 0;
    sl_cameras g = {0};
    size_t n = 0;
    sl_status s = sl_store_count_points(a->st, "posts", NULL, &posts, err);
    if (!s && posts > 0) s = sl_group_posts(a->st, 0, &g, &n, err);
    if (!s && posts > 0) s = sl_analysis_cameras_of(&g, n, 0, &c->summary, err);
    if (!s) s = sl_load_cameras_grouped(a->st, posts > 0 ? &g : NULL, &c->lon, &c->lat, &c->loc.n, &c->loc.origin,
                                        err);
    sl_cameras_free(&g);
    if (s) {
        sl_audit_cameras_free(a);
        return s;
    }
    c->loc.lon = c->lon;
    c->loc.lat = c->lat;
    c->ready = 1;
    return SL_OK;
}

sl_status sl_audit_camera_locations(audit *a, const sl_camera_locations **out, json_t **summary, sl_error *err)
{
    if (!a->cameras.ready) {
        sl_status s = cameras_once(a, err);
        if (s) return s;
    }
    *out = &a->cameras.loc;
    if (summary) *summary = a->cameras.summary;
    return SL_OK;
}

void sl_audit_cameras_free(audit *a)
{
    free(a->cameras.lon);
    free(a->cameras.lat);
    json_decref(a->cameras.summary);
    memset(&a->cameras, 0, sizeof a->cameras);
}
