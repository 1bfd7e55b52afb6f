/*
** cameras.c — posts to unique cameras (see include/sightline/analysis/cameras.h).
**
** Identical coordinates are collapsed first by sorting, because real post sets
** repeat a camera's location many times; single linkage then runs over the
** distinct locations only, with union-find, so the cost follows the number
** of locations, not the square of the posts. The sort puts the locations in
** rows of latitude as tall as the radius, by longitude within a row, so the
** pairs within the radius are found by a sweep of each row and the next
** instead of an index over all the locations (ten million of them). Groupings
** of the same posts at several radii share the sort and run on two threads;
** the cameras depend only on which locations are linked, not on the order
** they were met in.
*/
#include "sightline/analysis/cameras.h"
#include "sightline/core/radix.h"
#include "sightline/geo/spatial.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static uint32_t find(uint32_t *parent, uint32_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* Union by smaller index so the root is the location seen first. */
static void unite(uint32_t *parent, uint32_t a, uint32_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
}

#define AHEAD_SORTED 16 /* sorted posts ahead whose coordinates are fetched */
#define DEG_M (SL_EARTH_RADIUS_M * M_PI / 180.0) /* meters per degree of latitude */

/* The distinct locations of the posts, in order of latitude row, then
** longitude, then latitude. */
typedef struct locations {
    double *lon, *lat;
    uint32_t *row; /* each location's row of CELL_DEG degrees of latitude */
    size_t n, unplaced;
    double cell_deg;
} locations;

/* Latitude rows of at least the largest radius (and of 1 m), widened by a
** hair so a pair within the radius is never two rows apart by rounding. */
static double row_deg(const double *radii, size_t nradii)
{
    double r = 1.0;
    for (size_t i = 0; i < nradii; i++) r = fmax(r, radii[i]);
    return r / DEG_M * (1 + 1e-9);
}

static uint64_t row_of(double lat, double cell_deg) { return (uint64_t)floor((lat + 90) / cell_deg); }

typedef struct coord_tie {
    uint64_t lon, lat;
    uint32_t idx;
} coord_tie;

static int by_coord_tie(const void *a, const void *b)
{
    const coord_tie *x = a, *y = b;
    if (x->lon != y->lon) return x->lon < y->lon ? -1 : 1;
    if (x->lat != y->lat) return x->lat < y->lat ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Posts IDX[from..to) share a row and a quantised longitude: order them by
** longitude, latitude, then post, so equal coordinates are neighbours and
** each row runs west to east exactly. Usually they are one location
** repeated, already in order. */
static sl_status order_ties(const double *lon, const double *lat, uint32_t *idx, size_t from, size_t to,
                            sl_error *err)
{
    int sorted = 1;
    for (size_t i = from + 1; sorted && i < to; i++) {
        double x0 = lon[idx[i - 1]], x1 = lon[idx[i]];
        sorted = x0 < x1 || (x0 == x1 && !(lat[idx[i]] < lat[idx[i - 1]]));
    }
    if (sorted) return SL_OK;
    coord_tie *t = malloc((to - from) * sizeof *t);
    if (!t) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory grouping posts");
    for (size_t i = from; i < to; i++)
        t[i - from] = (coord_tie){sl_radix_key_double(lon[idx[i]]), sl_radix_key_double(lat[idx[i]]), idx[i]};
    qsort(t, to - from, sizeof *t, by_coord_tie);
    for (size_t i = from; i < to; i++) idx[i] = t[i - from].idx;
    free(t);
    return SL_OK;
}

/* The sort key of every placed post, in post order: its latitude row above
** its longitude quantised (monotonically) into the bits left, both offset
** from their least value, so a span like the lower 48's fits 44 bits (four
** passes of the radix sort) and the coordinates are read in order, not
** gathered by post after a first sort. Returns the longitude's bits. */
static unsigned row_lon_keys(const double *lon, const double *lat, size_t n, double cell_deg, uint64_t *key,
                             uint32_t *idx, size_t *m)
{
    double lon_min = INFINITY, lon_max = -INFINITY;
    uint64_t row_min = UINT64_MAX, row_max = 0;
    *m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!sl_point_placed(lon[i], lat[i])) continue;
        uint64_t r = row_of(lat[i], cell_deg);
        key[*m] = r, idx[(*m)++] = (uint32_t)i;
        lon_min = fmin(lon_min, lon[i]), lon_max = fmax(lon_max, lon[i]);
        row_min = r < row_min ? r : row_min, row_max = r > row_max ? r : row_max;
    }
    if (!*m) return 0;
    unsigned row_bits = sl_radix_bits(row_max - row_min);
    /* Four passes if the longitude keeps 20 bits (rows of a few posts each
    ** seldom share a quantum; those that do are ordered after), else five. */
    unsigned lon_bits = row_bits + 20 <= 44 ? 44 - row_bits : row_bits + 20 <= 55 ? 55 - row_bits : 64 - row_bits;
    if (lon_bits > 52) lon_bits = 52; /* exact as a double */
    uint64_t top = ((uint64_t)1 << lon_bits) - 1;
    double scale = lon_max > lon_min ? (double)top / (lon_max - lon_min) : 0;
    for (size_t k = 0; k < *m; k++) {
        double q = (lon[idx[k]] - lon_min) * scale;
        uint64_t u = q < (double)top ? (uint64_t)q : top;
        key[k] = (key[k] - row_min) << lon_bits | u;
    }
    return lon_bits;
}

/* Distinct locations in order of latitude row (CELL_DEG), then longitude,
** then latitude; loc_of maps posts, LOC_ROW holds each location's row. One
** stable radix sort of (row, quantised longitude) keys, then the posts that
** share a key put in order of coordinates; equal coordinates end next to
** each other, in post order. */
static sl_status distinct_locations(const double *lon, const double *lat, size_t n, double cell_deg, uint32_t *idx,
                                    uint64_t *key, uint32_t *loc_of, double *loc_lon, double *loc_lat,
                                    uint32_t *loc_row, size_t *nloc, size_t *unplaced, sl_error *err)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) loc_of[i] = UINT32_MAX;
    unsigned lon_bits = row_lon_keys(lon, lat, n, cell_deg, key, idx, &m);
    *unplaced = n - m;
    if (sl_radix_sort_pairs(key, idx, m, err)) return err->status;
    for (size_t i = 0, j; i < m; i = j) {
        for (j = i + 1; j < m && key[j] == key[i]; j++) continue;
        if (j - i > 1 && order_ties(lon, lat, idx, i, j, err)) return err->status;
    }
    uint64_t row_min = m ? row_of(lat[idx[0]], cell_deg) - (key[0] >> lon_bits) : 0;
    *nloc = 0;
    double plon = 0, plat = 0;
    for (size_t i = 0; i < m; i++) {
        /* The posts come in the sort's order: fetch their coordinates ahead. */
        if (i + AHEAD_SORTED < m) {
            uint32_t a = idx[i + AHEAD_SORTED];
            __builtin_prefetch(&lon[a]), __builtin_prefetch(&lat[a]), __builtin_prefetch(&loc_of[a], 1);
        }
        uint32_t p = idx[i];
        double x = lon[p], y = lat[p];
        if (i == 0 || y != plat || x != plon) {
            loc_lon[*nloc] = x;
            loc_lat[*nloc] = y;
            loc_row[*nloc] = (uint32_t)((key[i] >> lon_bits) + row_min);
            (*nloc)++;
        }
        plon = x, plat = y;
        loc_of[p] = (uint32_t)(*nloc - 1);
    }
    return SL_OK;
}

/* A pair is linked when the distance either way is within the radius (the
** grid this replaces measured from each point of the pair in turn). */
static void try_pair(const double *lon, const double *lat, size_t i, size_t j, double radius, uint32_t *parent)
{
    if (sl_distance_m(lat[i], lon[i], lat[j], lon[j]) <= radius ||
        sl_distance_m(lat[j], lon[j], lat[i], lon[i]) <= radius)
        unite(parent, (uint32_t)i, (uint32_t)j);
}

/* Longitude half-width in degrees covering RADIUS over rows R and R + 1;
** 360 when they come near a pole (every longitude is a candidate). */
static double row_reach(uint32_t r, double cell_deg, double radius)
{
    double lat0 = (double)r * cell_deg - 90 - cell_deg, lat1 = lat0 + 3 * cell_deg;
    double worst = fmax(fabs(lat0), fabs(lat1));
    if (worst >= 89.9) return 360;
    return radius / (DEG_M * cos(worst * M_PI / 180)) * (1 + 1e-6) + 1e-12;
}

/* Location I against the locations [FROM, TO) of its own row (after I) or
** of the next row, longitudes within REACH; around the antimeridian, from
** the row's first location START on. */
static void link_span(const double *lon, const double *lat, size_t i, size_t start, size_t from, size_t to,
                      double reach, double radius, uint32_t *parent)
{
    if (reach >= 180) {
        for (size_t j = from; j < to; j++) try_pair(lon, lat, i, j, radius, parent);
        return;
    }
    double west = lon[i] - reach, east = lon[i] + reach;
    size_t lo = from, hi = to;
    while (lo < hi) { /* first at or past WEST */
        size_t mid = lo + (hi - lo) / 2;
        if (lon[mid] < west) lo = mid + 1;
        else hi = mid;
    }
    size_t j = lo;
    for (; j < to && lon[j] <= east; j++) try_pair(lon, lat, i, j, radius, parent);
    if (east > 180) /* wraps to the row's western end */
        for (size_t k = start; k < lo && lon[k] <= east - 360; k++) try_pair(lon, lat, i, k, radius, parent);
    if (west < -180) /* and to its eastern end */
        for (size_t k = to; k-- > j && lon[k] >= west + 360;) try_pair(lon, lat, i, k, radius, parent);
}

/* Single linkage of the locations (ordered by row, then longitude) at
** RADIUS: each location meets the later ones of its row and those of the
** next row within reach, so every pair is measured once (twice at most
** across the antimeridian) and no index over all locations is built. */
static void link_locations(const double *lon, const double *lat, const uint32_t *row, size_t nloc, double cell_deg,
                           double radius, uint32_t *parent)
{
    for (size_t i = 0; i < nloc; i++) parent[i] = (uint32_t)i;
    if (!(radius > 0)) return;
    for (size_t a = 0, b, c; a < nloc; a = b) {
        for (b = a + 1; b < nloc && row[b] == row[a]; b++) continue;
        for (c = b; c < nloc && row[c] == row[a] + 1; c++) continue;
        double reach = row_reach(row[a], cell_deg, radius);
        for (size_t i = a; i < b; i++) {
            link_span(lon, lat, i, a, i + 1, b, reach, radius, parent);
            if (c > b) link_span(lon, lat, i, b, b, c, reach, radius, parent);
        }
    }
}

/* Room for at most NLOC cameras (one per distinct location) of N posts;
** FULL 0: where they are only; MERGED: the radius is above 0. */
static int alloc_cameras(sl_cameras *c, size_t nloc, size_t n, int full, int merged)
{
    /* Not zeroed here: collect writes each camera's entries first when it
    ** makes the camera. Summed into straight from calloc, a page was mapped
    ** to the zero page on the read, then faulted again on the write (with
    ** every core's TLB flushed): 0.3 s of kernel time at 10M posts. */
    c->lon = malloc((nloc + 1) * sizeof *c->lon);
    c->lat = malloc((nloc + 1) * sizeof *c->lat);
    c->posts = malloc((nloc + 1) * sizeof *c->posts);
    c->first = c->last = SL_TIME_NONE;
    if (merged && !(c->sole_post = malloc((nloc + 1) * sizeof *c->sole_post))) return 0;
    if (!full) return c->lon && c->lat && c->posts;
    c->camera_of = malloc((n + 1) * sizeof *c->camera_of);
    return c->lon && c->lat && c->posts && c->camera_of;
}

/* Longitude difference B - A wrapped into [-180, 180). As fmod(B - A +
** 540, 360) - 180, without the library call (one per post): the sum is in
** [180, 900], and taking off 360 or 720 from it is exact (each is within a
** factor of two of it), so the bits are fmod's. */
static double lon_delta(double a, double b)
{
    double x = b - a + 540.0;
    double m = x >= 720.0 ? x - 720.0 : x >= 360.0 ? x - 360.0 : x;
    if (!(x >= 180.0 && x < 1080.0)) m = fmod(x, 360.0); /* NaN or beyond: the library's answer */
    return m - 180.0;
}

/* At 0 m a camera is one location: its posts' coordinates are equal, so it
** takes them as they are (their mean could be an ulp off, and then a camera
** on a boundary could fall in another cell or area than its own posts).
** + 0.0 turns -0.0 into 0.0, as the mean always did: a camera of one post
** is where the mean put it, to the bit. */
static void place_at_location(sl_cameras *c, uint32_t k, double lon, double lat)
{
    if (c->posts[k] == 1) c->lon[k] = lon + 0.0, c->lat[k] = lat + 0.0;
}

/* 1 when camera K lies exactly where post P does (as a 0 m camera of it
** would: + 0.0 as in place_at_location). The mean of one location's
** coordinates is not always that location (three latitudes of 0.1 sum
** to 0.30000000000000004). */
static int on_post(const sl_cameras *c, uint32_t k, const double *lon, const double *lat, uint32_t p)
{
    double x = lon[p] + 0.0, y = lat[p] + 0.0;
    return memcmp(&c->lon[k], &x, sizeof x) == 0 && memcmp(&c->lat[k], &y, sizeof y) == 0;
}

/* Number cameras by their first post and accumulate centroid, count, times
** (ROOT_OF NULL: each location is its own root; else SHARED has a bit set
** for every root that more than one location links to).
** Longitudes are averaged as offsets from the camera's first post, so a
** camera straddling the antimeridian (179.99999 and -179.99999) stays
** there instead of averaging to 0. */
#define AHEAD 16 /* posts ahead whose location's root and camera are fetched */

static void collect(const double *lon, const double *lat, const int64_t *time, size_t n,
                    const uint32_t *loc_of, const uint32_t *root_of, const uint64_t *shared,
                    uint32_t *camera_of_root, double *ref, sl_cameras *c)
{
    int full = c->camera_of != NULL; /* else where the cameras are only */
    if (!full) time = NULL;
    for (size_t i = 0; i < n; i++) {
        /* The posts come in their own order and the locations in the sort's:
        ** each post's two lookups would wait on memory in turn. */
        if (root_of && i + 2 * AHEAD < n && loc_of[i + 2 * AHEAD] != UINT32_MAX)
            __builtin_prefetch(&root_of[loc_of[i + 2 * AHEAD]]);
        if (i + AHEAD < n && loc_of[i + AHEAD] != UINT32_MAX)
            __builtin_prefetch(&camera_of_root[root_of ? root_of[loc_of[i + AHEAD]] : loc_of[i + AHEAD]], 1);
        if (full) c->camera_of[i] = UINT32_MAX;
        if (loc_of[i] == UINT32_MAX) continue;
        uint32_t root = root_of ? root_of[loc_of[i]] : loc_of[i];
        if (camera_of_root[root] == UINT32_MAX) {
            uint32_t k = (uint32_t)c->count++;
            camera_of_root[root] = k;
            c->posts[k] = 0, c->lon[k] = c->lat[k] = 0;
            if (root_of) {
                ref[k] = lon[i];
                c->sole_post[k] = shared[root >> 6] >> (root & 63) & 1 ? UINT32_MAX : (uint32_t)i;
            }
        }
        uint32_t k = camera_of_root[root];
        if (full) c->camera_of[i] = k;
        c->posts[k]++;
        if (!root_of) place_at_location(c, k, lon[i], lat[i]);
        else c->lon[k] += lon_delta(ref[k], lon[i]), c->lat[k] += lat[i];
        int64_t t = time ? time[i] : SL_TIME_NONE;
        if (t == SL_TIME_NONE) continue;
        if (c->first == SL_TIME_NONE || t < c->first) c->first = t;
        if (c->last == SL_TIME_NONE || t > c->last) c->last = t;
    }
    for (size_t k = 0; root_of && k < c->count; k++) {
        c->lon[k] = ref[k] + c->lon[k] / c->posts[k];
        if (c->lon[k] > 180) c->lon[k] -= 360;
        if (c->lon[k] < -180) c->lon[k] += 360;
        c->lat[k] /= c->posts[k];
    }
    for (size_t k = 0; root_of && k < c->count; k++)
        if (c->sole_post[k] != UINT32_MAX && !on_post(c, k, lon, lat, c->sole_post[k])) c->sole_post[k] = UINT32_MAX;
}

/* The groupings at several radii of one set of locations: each radius its
** own scratch and output, so they run side by side. */
typedef struct group_job {
    const double *lon, *lat;
    const int64_t *time;
    size_t n;
    const uint32_t *loc_of;
    const locations *loc;
    const double *radii;
    size_t nfull;          /* radii below nfull get every field, the others where only */
    size_t from, to, step; /* radii from, from + step, ... below to */
    sl_cameras *out;
    /* The sort's arrays of N + 1 entries, already in memory (fresh pages
    ** cost as much as the work on them), as a merging radius's scratch; NULL
    ** for the job that does not get them. */
    uint32_t *spare_u32;
    void *spare_64;
    sl_status s;
    sl_error err;
} group_job;

/* One grouping of the distinct locations at RADIUS into OUT (ROOT_CAM: a
** scratch array of NLOC entries; above 0 m PARENT and REF too, and SHARED
** a bit per location; at 0 m every location is its own root and they go
** unused). */
static sl_status group_at(const group_job *j, double radius, int full, uint32_t *parent, uint32_t *root_cam,
                          double *ref, uint64_t *shared, sl_cameras *out, sl_error *err)
{
    const locations *loc = j->loc;
    if (!alloc_cameras(out, loc->n, j->n, full, radius > 0))
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory grouping %zu posts", j->n);
    out->unplaced = loc->unplaced;
    for (size_t i = 0; i < loc->n; i++) root_cam[i] = UINT32_MAX;
    if (!(radius > 0)) { /* no lookup of a root per post */
        collect(j->lon, j->lat, j->time, j->n, j->loc_of, NULL, NULL, root_cam, NULL, out);
        return SL_OK;
    }
    link_locations(loc->lon, loc->lat, loc->row, loc->n, loc->cell_deg, radius, parent);
    memset(shared, 0, (loc->n / 64 + 1) * sizeof *shared);
    for (size_t i = 0; i < loc->n; i++) { /* each location's root, read once per post below */
        parent[i] = find(parent, (uint32_t)i);
        /* Roots are the least index of their group: a location that is
        ** not its own root shares that root with it. */
        if (parent[i] != i) shared[parent[i] >> 6] |= (uint64_t)1 << (parent[i] & 63);
    }
    collect(j->lon, j->lat, j->time, j->n, j->loc_of, parent, shared, root_cam, ref, out);
    return SL_OK;
}

static void *group_radii(void *arg)
{
    group_job *j = arg;
    size_t nloc = j->loc->n;
    int merges = 0;
    for (size_t r = j->from; r < j->to; r += j->step) merges |= j->radii[r] > 0;
    uint32_t *root_cam = malloc((nloc + 1) * sizeof *root_cam), *parent = NULL;
    double *ref = NULL; /* each camera's reference longitude */
    uint64_t *shared = NULL;
    if (merges) {
        parent = j->spare_u32 ? j->spare_u32 : malloc((nloc + 1) * sizeof *parent);
        ref = j->spare_64 ? j->spare_64 : malloc((nloc + 1) * sizeof *ref);
        shared = malloc((nloc / 64 + 1) * sizeof *shared);
    }
    if (!root_cam || (merges && (!parent || !ref || !shared)))
        j->s = sl_fail(&j->err, SL_ENOMEM, NULL, 0, "out of memory grouping %zu posts", j->n);
    for (size_t r = j->from; !j->s && r < j->to; r += j->step)
        j->s = group_at(j, j->radii[r], r < j->nfull, parent, root_cam, ref, shared, &j->out[r], &j->err);
    free(shared);
    free(root_cam);
    if (parent != j->spare_u32) free(parent);
    if ((void *)ref != j->spare_64) free(ref);
    return NULL;
}

/* A grouping under way: the sort's arrays and locations it reads, and the
** second thread's radii until sl_cameras_group_finish waits for them. */
struct sl_cameras_grouping {
    group_job jobs[2];
    pthread_t thread;
    int two; /* jobs[1] runs on THREAD */
    size_t nradii;
    sl_cameras *out;
    uint32_t *idx, *loc_of;
    uint64_t *key;
    locations loc;
};

static void free_locations(locations *loc)
{
    free(loc->lon);
    free(loc->lat);
    free(loc->row);
}

static void grouping_free(sl_cameras_grouping *g)
{
    free(g->idx);
    free(g->key);
    free(g->loc_of);
    free_locations(&g->loc);
    free(g);
}

/* Radii alternate between this thread and a second one when there are two
** or more and enough locations to pay for a thread (each grouping is a pass
** over every post with two lookups that miss the cache); the caller's
** radii are done on return, the second thread's are left running. */
static void group_start(sl_cameras_grouping *g, const group_job *base)
{
    group_job *jobs = g->jobs;
    jobs[0] = jobs[1] = *base;
    int two = g->nradii > 1 && base->loc->n >= 100000;
    /* The spare arrays go to the second job: the first radius is often 0 m. */
    jobs[two].spare_u32 = base->spare_u32, jobs[two].spare_64 = base->spare_64;
    jobs[!two].spare_u32 = NULL, jobs[!two].spare_64 = NULL;
    jobs[0].from = 0, jobs[1].from = 1;
    jobs[0].to = jobs[1].to = g->nradii;
    jobs[0].step = jobs[1].step = two ? 2 : 1;
    g->two = two && pthread_create(&g->thread, NULL, group_radii, &jobs[1]) == 0;
    if (!g->two) jobs[0].step = 1, jobs[0].spare_u32 = base->spare_u32, jobs[0].spare_64 = base->spare_64;
    group_radii(&jobs[0]);
}

sl_status sl_cameras_group_start(const double *lon, const double *lat, const int64_t *time, size_t n,
                                 const double *radii, size_t nradii, size_t nfull, sl_cameras *out,
                                 sl_cameras_grouping **grouping, sl_error *err)
{
    *grouping = NULL;
    for (size_t r = 0; r < nradii; r++) memset(&out[r], 0, sizeof out[r]);
    if (n >= UINT32_MAX) return sl_fail(err, SL_EUSAGE, NULL, 0, "too many posts (%zu)", n);
    sl_cameras_grouping *g = calloc(1, sizeof *g);
    if (!g) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory grouping %zu posts", n);
    g->nradii = nradii, g->out = out;
    g->idx = malloc((n + 1) * sizeof *g->idx);
    g->key = malloc((n + 1) * sizeof *g->key);
    g->loc_of = malloc((n + 1) * sizeof *g->loc_of);
    g->loc = (locations){malloc((n + 1) * sizeof *g->loc.lon), malloc((n + 1) * sizeof *g->loc.lat),
                         malloc((n + 1) * sizeof *g->loc.row), 0, 0, row_deg(radii, nradii)};
    sl_status s = SL_OK;
    if (!g->idx || !g->key || !g->loc_of || !g->loc.lon || !g->loc.lat || !g->loc.row)
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory grouping %zu posts", n);
    /* The sort, the costly part, is shared by every radius. */
    if (!s)
        s = distinct_locations(lon, lat, n, g->loc.cell_deg, g->idx, g->key, g->loc_of, g->loc.lon, g->loc.lat,
                               g->loc.row, &g->loc.n, &g->loc.unplaced, err);
    if (s) {
        grouping_free(g);
        return s;
    }
    group_job base = {lon, lat, time, n, g->loc_of, &g->loc, radii, nfull, 0, 0, 1, out, g->idx, g->key, SL_OK, {0}};
    group_start(g, &base);
    if (g->jobs[0].s) { /* the caller's radii failed: the rest are waited for, then all goes */
        sl_error ignored;
        *err = g->jobs[0].err;
        g->jobs[0].s = SL_OK;
        sl_cameras_group_finish(g, &ignored);
        for (size_t r = 0; r < nradii; r++) sl_cameras_free(&out[r]);
        return err->status;
    }
    *grouping = g;
    return SL_OK;
}

sl_status sl_cameras_group_finish(sl_cameras_grouping *g, sl_error *err)
{
    if (!g) return SL_OK;
    if (g->two) pthread_join(g->thread, NULL);
    sl_status s = SL_OK;
    for (int k = 0; k < 2 && !s; k++)
        if (g->jobs[k].s) *err = g->jobs[k].err, s = g->jobs[k].s;
    for (size_t r = 1; s && r < g->nradii; r++) sl_cameras_free(&g->out[r]);
    grouping_free(g);
    return s;
}

sl_status sl_cameras_from_posts_radii(const double *lon, const double *lat, const int64_t *time, size_t n,
                                      const double *radii, size_t nradii, size_t nfull, sl_cameras *out,
                                      sl_error *err)
{
    sl_cameras_grouping *g;
    sl_status s = sl_cameras_group_start(lon, lat, time, n, radii, nradii, nfull, out, &g, err);
    if (!s && (s = sl_cameras_group_finish(g, err))) sl_cameras_free(&out[0]);
    return s;
}

sl_status sl_cameras_from_posts(const double *lon, const double *lat, const int64_t *time,
                                size_t n, double merge_radius_m, sl_cameras *out, sl_error *err)
{
    return sl_cameras_from_posts_radii(lon, lat, time, n, &merge_radius_m, 1, 1, out, err);
}

void sl_cameras_free(sl_cameras *c)
{
    free(c->lon);
    free(c->lat);
    free(c->posts);
    free(c->camera_of);
    free(c->sole_post);
    memset(c, 0, sizeof *c);
}
