/*
** collect_cameras.c — the audit's cameras, worked out once (see
** report_internal.h).
**
** Camera totals, density, cameras near sites (at two radii) and the camera
** disparity all measure the same camera locations, and the privacy rule
** counts the posts' distinct locations (posts within 2 m are one place).
** Grouping ten million posts is the audit's largest single cost, and both
** groupings start by sorting the same posts, so the posts are read once (where
** and when, not their texts), sorted once and grouped at both radii here, and
** every step borrows the result.
*/
#include "report_internal.h"
#include "sightline/analysis/cameras.h"
#include "sightline/analysis/privacy.h"
#include "sightline/store/store_layers.h"

#include <stdlib.h>
#include <string.h>

sl_status sl_audit_group_posts(audit *a, sl_error *err)
{
    audit_cameras *c = &a->cameras;
    if (c->posts_grouped) return SL_OK;
    long posts = 0;
    sl_cameras g[2] = {{0}};
    const double radii[2] = {0, SL_PRIVACY_MERGE_M};
    size_t n = 0;
    sl_status s = sl_store_count_points(a->st, "posts", NULL, &posts, err);
    if (!s && posts > 0) s = sl_group_posts_radii(a->st, radii, 2, g, &n, err);
    if (!s && posts > 0) s = sl_analysis_cameras_of(&g[0], n, 0, &c->summary, err);
    if (!s) { /* the arrays are handed over */
        c->posts = g[0];
        memset(&g[0], 0, sizeof g[0]);
        audit_places *p = &a->places[0];
        p->lon = g[1].lon, p->lat = g[1].lat, p->n = g[1].count, p->ready = 1;
        g[1].lon = g[1].lat = NULL;
        c->posts_grouped = 1;
    }
    sl_cameras_free(&g[0]);
    sl_cameras_free(&g[1]);
    return s;
}

static sl_status cameras_once(audit *a, sl_error *err)
{
    audit_cameras *c = &a->cameras;
    sl_status s = sl_audit_group_posts(a, err);
    /* The posts' cameras, unless the store has a cameras layer. */
    if (!s) s = sl_load_cameras_grouped(a->st, c->posts.lon ? &c->posts : NULL, &c->lon, &c->lat, &c->loc.n,
                                        &c->loc.origin, err);
    if (!s && c->posts.lon == NULL && c->posts.posts) { /* the cameras are the posts' */
        c->posts_of = c->posts.posts;
        c->posts.posts = NULL;
    }
    sl_cameras_free(&c->posts); /* what the summary needed is in it */
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
    sl_cameras_free(&a->cameras.posts);
    free(a->cameras.lon);
    free(a->cameras.lat);
    free(a->cameras.posts_of);
    json_decref(a->cameras.summary);
    memset(&a->cameras, 0, sizeof a->cameras);
}
