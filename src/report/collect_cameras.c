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

/* Each 2 m place's 0 m camera when the place is exactly one (sole_post of
** PLACES, rewritten in place through CAMERAS' camera_of), so the places are
** located through the cameras; NULL when there are none. */
static uint32_t *places_as_cameras(sl_cameras *places, const sl_cameras *cameras)
{
    uint32_t *of = places->sole_post;
    for (size_t i = 0; of && i < places->count; i++)
        if (of[i] != UINT32_MAX) of[i] = cameras->camera_of[of[i]];
    return of;
}

sl_status sl_audit_places_mark(audit_places *p, size_t ncameras, sl_error *err)
{
    free(p->cameras_in);
    p->cameras_in = calloc(ncameras / 64 + 1, sizeof *p->cameras_in);
    if (!p->cameras_in) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < p->n; i++)
        if (p->camera[i] != UINT32_MAX) p->cameras_in[p->camera[i] >> 6] |= (uint64_t)1 << (p->camera[i] & 63);
    return SL_OK;
}

/* The 0 m cameras' post map (c->posts) is kept until both the cameras
** have taken their arrays and the places have been mapped through it. */
static void release_posts(audit_cameras *c)
{
    if (c->ready && !c->grouping) sl_cameras_free(&c->posts);
}

sl_status sl_audit_group_posts(audit *a, sl_error *err)
{
    audit_cameras *c = &a->cameras;
    if (c->posts_grouped) return SL_OK;
    long posts = 0;
    const double radii[2] = {0, SL_PRIVACY_MERGE_M};
    size_t n = 0;
    sl_status s = sl_store_count_points(a->st, "posts", NULL, &posts, err);
    /* The places (where only) are grouped on a thread while the cameras are
    ** located: sl_audit_places_grouped waits for them. */
    if (!s && posts > 0) s = sl_group_posts_start(a->st, radii, 2, 1, c->grouped, &n, &c->grouping, err);
    if (!s && posts > 0) s = sl_analysis_cameras_of(&c->grouped[0], n, 0, &c->summary, err);
    if (!s) { /* the arrays are handed over */
        c->posts = c->grouped[0];
        c->ncameras = c->posts.count;
        memset(&c->grouped[0], 0, sizeof c->grouped[0]);
        c->posts_grouped = 1;
    }
    return s;
}

sl_status sl_audit_places_grouped(audit *a, sl_error *err)
{
    audit_cameras *c = &a->cameras;
    sl_status s = sl_audit_group_posts(a, err);
    if (s || !c->grouping) return s;
    s = sl_group_posts_finish(c->grouping, err);
    c->grouping = NULL;
    sl_cameras *g = &c->grouped[1];
    audit_places *p = &a->places[0];
    if (!s) {
        p->lon = g->lon, p->lat = g->lat, p->n = g->count, p->ready = 1;
        p->camera = places_as_cameras(g, &c->posts);
        g->lon = g->lat = NULL;
        g->sole_post = NULL;
        if (p->camera) s = sl_audit_places_mark(p, c->ncameras, err);
    }
    sl_cameras_free(g);
    release_posts(c);
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
    if (s) {
        sl_audit_cameras_free(a);
        return s;
    }
    c->loc.lon = c->lon;
    c->loc.lat = c->lat;
    c->ready = 1;
    release_posts(c); /* what the summary needed is in it */
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

sl_status sl_audit_cameras_in(audit *a, const char *set, sl_camera_locations *out, sl_error *err)
{
    const sl_camera_locations *cams;
    sl_status s = sl_audit_camera_locations(a, &cams, NULL, err);
    if (s) return s;
    *out = *cams;
    audit_cameras *c = &a->cameras;
    for (size_t i = 0; i < c->n_located; i++)
        if (strcmp(c->located[i].set, set) == 0) {
            out->area = c->located[i].area, out->area_set = c->located[i].set;
            return SL_OK;
        }
    audit_located *grown = realloc(c->located, (c->n_located + 1) * sizeof *grown);
    if (!grown) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    c->located = grown;
    audit_located l = {strdup(set), NULL};
    s = l.set ? sl_analysis_locate(a->st, set, cams->lon, cams->lat, cams->n, a->o.threads, &l.area, err)
              : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (s) {
        free(l.set);
        return s;
    }
    c->located[c->n_located++] = l;
    out->area = l.area, out->area_set = l.set;
    return SL_OK;
}

void sl_audit_cameras_free(audit *a)
{
    sl_error ignored;
    sl_group_posts_finish(a->cameras.grouping, &ignored); /* a step failed with the places still grouping */
    sl_cameras_free(&a->cameras.grouped[0]); /* not handed over when the summary failed */
    sl_cameras_free(&a->cameras.grouped[1]);
    for (size_t i = 0; i < a->cameras.n_located; i++) {
        free(a->cameras.located[i].set);
        free(a->cameras.located[i].area);
    }
    free(a->cameras.located);
    sl_cameras_free(&a->cameras.posts);
    free(a->cameras.lon);
    free(a->cameras.lat);
    free(a->cameras.posts_of);
    json_decref(a->cameras.summary);
    memset(&a->cameras, 0, sizeof a->cameras);
}
