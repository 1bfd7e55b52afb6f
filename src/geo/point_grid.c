/*
** point_grid.c — a uniform lat/lon grid over points (see spatial.h).
**
** Points are sorted by cell key (row-major: row = latitude band), so the
** points of a run of cells in one row are contiguous and found by binary
** search: no per-cell allocation, one array of indexes for millions of points.
** A query in meters is widened in longitude by 1/cos(latitude), so the grid
** never misses a point; distances are then checked exactly.
*/
#include "sightline/geo/spatial.h"
#include "sightline/core/points.h"
#include "sightline/core/radix.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define DEG_M (SL_EARTH_RADIUS_M * M_PI / 180.0) /* meters per degree of latitude */

struct sl_point_grid {
    const double *lon, *lat;
    double cell_deg;
    int64_t ncols;     /* cells per latitude row */
    uint64_t *keys;    /* sorted cell keys (row * ncols + col, never negative), parallel to idx */
    uint32_t *idx;     /* point indexes sorted by key */
    size_t n;
    /* Where each row's keys start: ROW_START[k] is the first position of
    ** row ROW0 + k, for k in [0, NROWS] (NULL when the rows spanned are
    ** too many to list, a grid of metre cells over a continent). A search
    ** for a key is then one within its row's points, a few cached probes,
    ** not twenty over the whole array that each miss the cache: the
    ** nearest-camera search makes two or more per row it walks. */
    uint32_t *row_start;
    int64_t row0, nrows;
};

double sl_distance_m(double lat1, double lon1, double lat2, double lon2)
{
    double p1 = lat1 * M_PI / 180, p2 = lat2 * M_PI / 180;
    double dp = p2 - p1, dl = (lon2 - lon1) * M_PI / 180;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * SL_EARTH_RADIUS_M * asin(fmin(1.0, sqrt(a)));
}

static int64_t cell_row(const sl_point_grid *g, double lat) { return (int64_t)floor((lat + 90) / g->cell_deg); }
static int64_t cell_col(const sl_point_grid *g, double lon) { return (int64_t)floor((lon + 180) / g->cell_deg); }

/* The rows' starts (row_start), when the rows from the first point's to
** the last's are at most a few per point; else, or short of memory, none. */
static void index_rows(sl_point_grid *g)
{
    if (g->n == 0) return;
    int64_t first = (int64_t)g->keys[0] / g->ncols, last = (int64_t)g->keys[g->n - 1] / g->ncols;
    if (last - first + 1 > 4 * (int64_t)g->n + 65536) return;
    g->row0 = first, g->nrows = last - first + 1;
    g->row_start = malloc((size_t)(g->nrows + 1) * sizeof *g->row_start);
    if (!g->row_start) return;
    size_t i = 0;
    for (int64_t k = 0; k <= g->nrows; k++) {
        int64_t begin = (first + k) * g->ncols;
        while (i < g->n && (int64_t)g->keys[i] < begin) i++;
        g->row_start[k] = (uint32_t)i;
    }
}

/* Points in cell-key order, each cell's points in index order (the radix
** sort is stable), so queries visit them in a fixed order. The keys are
** laid out beside their indexes and sorted together: the sorted arrays are
** the grid, with no gather of ten million keys afterwards. */
sl_status sl_point_grid_build(const double *lon, const double *lat, size_t n, double cell_m,
                              sl_point_grid **out, sl_error *err)
{
    sl_point_grid *g = calloc(1, sizeof *g);
    uint64_t *key = malloc((n + 1) * sizeof *key);
    uint32_t *order = malloc((n + 1) * sizeof *order);
    if (!g || !key || !order || n >= UINT32_MAX) {
        free(g), free(key), free(order);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory indexing %zu points", n);
    }
    g->lon = lon;
    g->lat = lat;
    g->cell_deg = fmax(cell_m, 1.0) / DEG_M;
    g->ncols = (int64_t)ceil(360.0 / g->cell_deg) + 1;
    for (size_t i = 0; i < n; i++) {
        if (!sl_point_placed(lon[i], lat[i])) continue;
        key[g->n] = (uint64_t)(cell_row(g, lat[i]) * g->ncols + cell_col(g, lon[i]));
        order[g->n++] = (uint32_t)i;
    }
    g->keys = key;
    g->idx = order;
    sl_status s = sl_radix_sort_pairs(key, order, g->n, err);
    if (s) {
        sl_point_grid_free(g);
        return s;
    }
    index_rows(g);
    *out = g;
    return SL_OK;
}

void sl_point_grid_free(sl_point_grid *g)
{
    if (!g) return;
    free(g->keys);
    free(g->idx);
    free(g->row_start);
    free(g);
}

/* First position whose key is >= KEY: among its row's points when the rows
** are indexed. */
static size_t lower_bound(const sl_point_grid *g, int64_t key)
{
    size_t lo = 0, hi = g->n;
    if (g->row_start) {
        if (key <= g->row0 * g->ncols) return 0;
        int64_t k = key / g->ncols - g->row0; /* key is positive here */
        if (k >= g->nrows) return g->n;
        lo = g->row_start[k], hi = g->row_start[k + 1];
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((int64_t)g->keys[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Longitude half-width in degrees that covers RADIUS_M at every latitude of
** the band LAT ± the radius. */
static double lon_reach(double lat, double radius_m)
{
    double worst = fmin(89.9, fabs(lat) + radius_m / DEG_M);
    double reach = radius_m / (DEG_M * cos(worst * M_PI / 180));
    return fmin(reach, 180.0);
}

/* Visit points of rows R0..R1 and columns C0..C1 within RADIUS_M. */
static size_t scan(const sl_point_grid *g, int64_t r0, int64_t r1, int64_t c0, int64_t c1, double lat,
                   double lon, double radius_m, sl_point_visit fn, void *ctx)
{
    size_t count = 0;
    for (int64_t r = r0; r <= r1; r++) {
        size_t end = lower_bound(g, r * g->ncols + c1 + 1);
        for (size_t i = lower_bound(g, r * g->ncols + c0); i < end; i++) {
            size_t p = g->idx[i];
            double d = sl_distance_m(lat, lon, g->lat[p], g->lon[p]);
            if (d > radius_m) continue;
            count++;
            if (fn) fn(p, d, ctx);
        }
    }
    return count;
}

size_t sl_point_grid_within(const sl_point_grid *g, double lat, double lon, double radius_m,
                            sl_point_visit fn, void *ctx)
{
    if (g->n == 0 || !(radius_m >= 0)) return 0;
    double dlat = radius_m / DEG_M, dlon = lon_reach(lat, radius_m);
    int64_t r0 = cell_row(g, fmax(-90, lat - dlat)), r1 = cell_row(g, fmin(90, lat + dlat));
    if (dlon >= 180 || lat - dlat <= -90 || lat + dlat >= 90) /* a pole or the whole globe */
        return scan(g, r0, r1, cell_col(g, -180), cell_col(g, 180), lat, lon, radius_m, fn, ctx);
    /* Across the antimeridian the range continues on the other side. */
    double west = lon - dlon, east = lon + dlon;
    size_t count = scan(g, r0, r1, cell_col(g, fmax(-180, west)), cell_col(g, fmin(180, east)), lat, lon,
                        radius_m, fn, ctx);
    if (west < -180)
        count += scan(g, r0, r1, cell_col(g, fmax(west + 360, fmin(180, east) + g->cell_deg)), cell_col(g, 180),
                      lat, lon, radius_m, fn, ctx);
    if (east > 180)
        count += scan(g, r0, r1, cell_col(g, -180), cell_col(g, fmin(east - 360, fmax(-180, west) - g->cell_deg)),
                      lat, lon, radius_m, fn, ctx);
    return count;
}

/* The nearest point is searched row by row outwards from the query's row,
** and in each row cell by cell outwards from its column, skipping whatever a
** lower bound on the distance puts beyond the best so far. Growing a radius
** instead rescanned every point of a box as wide as the answer: for a site
** thousands of kilometres from any camera (Guam, Alaska), all of them. */
typedef struct nearest_search {
    const sl_point_grid *g;
    double lat, lon, coslat;
    int64_t col;
    long best;
    double best_d;
} nearest_search;

static double hav(double x) { return sin(x / 2) * sin(x / 2); }

/* The terms of the bound below that a row fixes, for points whose
** latitude is in [LAT0, LAT1]: hav of the latitude gap, and the factor of
** the longitude's term. Once per row: per cell they cost a sine and a
** cosine each, for the same two numbers. */
typedef struct row_bound {
    double hlat, c;
} row_bound;

static row_bound row_bound_of(const nearest_search *q, double lat0, double lat1)
{
    double dlat = fmax(0, fmax(lat0 - q->lat, q->lat - lat1)) * M_PI / 180;
    double far = fmin(90, fmax(fabs(lat0), fabs(lat1)));
    return (row_bound){hav(dlat), q->coslat * fmax(0, cos(far * M_PI / 180))};
}

/* Lower bound in meters on the distance from the query to any point of
** the row whose terms B holds, at a longitude DLON_DEG or more away (haversine: hav d = hav
** dlat + cos lat1 cos lat2 hav dlon, each term at its least), shaved so
** rounding never prunes a point at the best distance. */
static double lower_bound_m(const row_bound *b, double dlon_deg)
{
    double h = b->hlat + b->c * hav(fmax(0, dlon_deg) * M_PI / 180);
    return 2 * SL_EARTH_RADIUS_M * asin(fmin(1.0, sqrt(h))) * (1 - 1e-9) - 1e-6;
}

static void visit_cell(nearest_search *q, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        size_t p = q->g->idx[i];
        double d = sl_distance_m(q->lat, q->lon, q->g->lat[p], q->g->lon[p]);
        if (d < q->best_d || (d == q->best_d && (long)p < q->best)) q->best = (long)p, q->best_d = d;
    }
}

/* Cells of row R eastwards (DIR 1) or westwards (-1) of the query's column,
** round the antimeridian, up to half the globe; stops at the first cell
** beyond the best distance while the bound still grows with the gap. */
static void walk_row(nearest_search *q, int64_t r, int dir, const row_bound *b, size_t i)
{
    const sl_point_grid *g = q->g;
    int64_t row0 = r * g->ncols, row1 = row0 + g->ncols; /* keys of the row: [row0, row1) */
    for (int lap = 0; lap < 2; lap++) {
        for (;;) {
            if (dir > 0 ? (i >= g->n || (int64_t)g->keys[i] >= row1) : (i == 0 || (int64_t)g->keys[i - 1] < row0))
                break;
            int64_t key = (int64_t)(dir > 0 ? g->keys[i] : g->keys[i - 1]), c = key - row0;
            double west = (double)c * g->cell_deg - 180, east = west + g->cell_deg;
            double gap = dir > 0 ? (c == q->col ? 0 : west - q->lon) : q->lon - east;
            if (lap == 1) gap += 360;
            if (gap > 180) return;
            double lb = lower_bound_m(b, fmin(gap, 360 - gap - g->cell_deg));
            /* the cell's points, next to I: a cell holds few, a search costs more */
            size_t from = i, to = i;
            if (dir > 0)
                while (to < g->n && (int64_t)g->keys[to] == key) to++;
            else
                while (from > 0 && (int64_t)g->keys[from - 1] == key) from--;
            if (lb <= q->best_d) visit_cell(q, from, to);
            else if (gap <= 180 - g->cell_deg) return; /* every further cell is farther still */
            i = dir > 0 ? to : from;
        }
        i = dir > 0 ? lower_bound(g, row0) : lower_bound(g, row1); /* round the antimeridian */
    }
}

/* Row R's latitudes are [LAT0, LAT1]; 0 when it lies wholly beyond the best. */
static int search_row(nearest_search *q, int64_t r)
{
    double lat0 = (double)r * q->g->cell_deg - 90, lat1 = lat0 + q->g->cell_deg;
    if (lat0 > 90 || lat1 < -90) return 0;
    row_bound b = row_bound_of(q, lat0, lat1);
    if (lower_bound_m(&b, 0) > q->best_d) return 0;
    /* Both walks start at the query's cell: the eastward one from it on. */
    size_t i = lower_bound(q->g, r * q->g->ncols + q->col);
    walk_row(q, r, 1, &b, i);
    walk_row(q, r, -1, &b, i);
    return 1;
}

long sl_point_grid_nearest(const sl_point_grid *g, double lat, double lon, double *dist_m)
{
    nearest_search q = {g, lat, lon, cos(lat * M_PI / 180), cell_col(g, lon), -1, INFINITY};
    if (g->n) {
        int64_t r = cell_row(g, lat);
        /* The points next to the query's cell in key order bound the search
        ** from the start, so rows on the empty side are not walked to a pole. */
        size_t i = lower_bound(g, r * g->ncols + q.col);
        visit_cell(&q, i > 0 ? i - 1 : 0, i < g->n ? i + 1 : g->n);
        search_row(&q, r);
        for (int64_t k = 1, up = 1, down = 1; up || down; k++) {
            if (up) up = search_row(&q, r + k);
            if (down) down = search_row(&q, r - k);
        }
    }
    if (dist_m) *dist_m = q.best_d;
    return q.best;
}

/* Distance from P to segment A-B in a plane. */
static double segment_distance(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
    t = fmax(0, fmin(1, t));
    double ex = ax + t * dx - px, ey = ay + t * dy - py;
    return sqrt(ex * ex + ey * ey);
}

size_t sl_point_grid_corridor(const sl_point_grid *g, double lat_a, double lon_a, double lat_b,
                              double lon_b, double width_m, size_t *idx)
{
    double half = width_m / 2, lat0 = (lat_a + lat_b) / 2, lon0 = (lon_a + lon_b) / 2;
    double k = DEG_M * cos(lat0 * M_PI / 180);
    double ax = (lon_a - lon0) * k, ay = (lat_a - lat0) * DEG_M;
    double bx = (lon_b - lon0) * k, by = (lat_b - lat0) * DEG_M;
    double dlat = half / DEG_M;
    double dlon = fmax(lon_reach(lat_a, half), lon_reach(lat_b, half));
    int64_t r0 = cell_row(g, fmin(lat_a, lat_b) - dlat), r1 = cell_row(g, fmax(lat_a, lat_b) + dlat);
    int64_t c0 = cell_col(g, fmax(-180, fmin(lon_a, lon_b) - dlon));
    int64_t c1 = cell_col(g, fmin(180, fmax(lon_a, lon_b) + dlon));
    size_t count = 0;
    for (int64_t r = r0; g->n && r <= r1; r++) {
        size_t end = lower_bound(g, r * g->ncols + c1 + 1);
        for (size_t i = lower_bound(g, r * g->ncols + c0); i < end; i++) {
            size_t p = g->idx[i];
            double px = (g->lon[p] - lon0) * k, py = (g->lat[p] - lat0) * DEG_M;
            if (segment_distance(px, py, ax, ay, bx, by) > half) continue;
            if (idx) idx[count] = p;
            count++;
        }
    }
    return count;
}
