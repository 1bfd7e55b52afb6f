/*
** hexbin.c — equal-area hexagon bins (see include/sightline/hexbin.h).
**
** Pointy-top hexagons in axial coordinates (q, r) on the projected plane;
** points are assigned by cube rounding, then cells are counted by sorting
** their packed keys: no hash table and no allocation per point.
*/
#include "sightline/hexbin.h"

#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

static PJ *make_projection(double lon0, double lat0, sl_error *err)
{
    char def[160];
    snprintf(def, sizeof def, "+proj=laea +lat_0=%.6f +lon_0=%.6f +datum=WGS84 +units=m +type=crs", lat0, lon0);
    PJ *raw = proj_create_crs_to_crs(NULL, "EPSG:4326", def, NULL);
    PJ *p = raw ? proj_normalize_for_visualization(NULL, raw) : NULL; /* lon, lat order */
    proj_destroy(raw);
    if (!p) sl_fail(err, SL_EIO, NULL, 0, "PROJ could not build the equal-area projection");
    return p;
}

/* Centre of the finite points' bounding box. */
static void centre(const double *lon, const double *lat, size_t n, double *lon0, double *lat0)
{
    double w = INFINITY, e = -INFINITY, s = INFINITY, nn = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(lon[i]) || !isfinite(lat[i]) || fabs(lat[i]) > 90 || fabs(lon[i]) > 180) continue;
        w = fmin(w, lon[i]); e = fmax(e, lon[i]);
        s = fmin(s, lat[i]); nn = fmax(nn, lat[i]);
    }
    *lon0 = isfinite(w) ? (w + e) / 2 : 0;
    *lat0 = isfinite(s) ? (s + nn) / 2 : 0;
}

static void axial_round(double fq, double fr, int32_t *q, int32_t *r)
{
    double fs = -fq - fr;
    double rq = round(fq), rr = round(fr), rs = round(fs);
    double dq = fabs(rq - fq), dr = fabs(rr - fr), ds = fabs(rs - fs);
    if (dq > dr && dq > ds) rq = -rr - rs;
    else if (dr > ds) rr = -rq - rs;
    *q = (int32_t)rq;
    *r = (int32_t)rr;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static uint64_t pack(int32_t q, int32_t r) { return (uint64_t)(uint32_t)q << 32 | (uint32_t)r; }

/* Project the points and turn them into sorted cell keys; returns how many. */
static size_t cell_keys(const sl_hexbin *h, const double *lon, const double *lat, size_t n,
                        uint64_t *keys, double *x, double *y)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(lon[i]) || !isfinite(lat[i]) || fabs(lat[i]) > 90 || fabs(lon[i]) > 180) continue;
        x[m] = lon[i];
        y[m] = lat[i];
        m++;
    }
    proj_trans_generic(h->proj, PJ_FWD, x, sizeof *x, m, y, sizeof *y, m, NULL, 0, 0, NULL, 0, 0);
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i])) continue;
        int32_t q, r;
        axial_round((sqrt(3.0) / 3 * x[i] - y[i] / 3) / h->size_m, (2.0 / 3 * y[i]) / h->size_m, &q, &r);
        keys[k++] = pack(q, r);
    }
    qsort(keys, k, sizeof *keys, cmp_u64);
    return k;
}

static sl_status count_cells(sl_hexbin *h, const uint64_t *keys, size_t k, sl_error *err)
{
    size_t cells = 0;
    for (size_t i = 0; i < k; i++) cells += i == 0 || keys[i] != keys[i - 1];
    h->q = malloc((cells + 1) * sizeof *h->q);
    h->r = malloc((cells + 1) * sizeof *h->r);
    h->points = calloc(cells + 1, sizeof *h->points);
    if (!h->q || !h->r || !h->points) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < k; i++) {
        if (i == 0 || keys[i] != keys[i - 1]) {
            h->q[h->count] = (int32_t)(uint32_t)(keys[i] >> 32);
            h->r[h->count] = (int32_t)(uint32_t)keys[i];
            h->count++;
        }
        h->points[h->count - 1]++;
    }
    return SL_OK;
}

sl_status sl_hexbin_build(const double *lon, const double *lat, size_t n, double size_m,
                          sl_hexbin *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(size_m > 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "hexagon size must be positive meters");
    out->size_m = size_m;
    out->area_km2 = 3 * sqrt(3.0) / 2 * size_m * size_m / 1e6;
    centre(lon, lat, n, &out->lon0, &out->lat0);
    if (!(out->proj = make_projection(out->lon0, out->lat0, err))) return err->status;
    uint64_t *keys = malloc((n + 1) * sizeof *keys);
    double *x = malloc((n + 1) * sizeof *x), *y = malloc((n + 1) * sizeof *y);
    sl_status s = keys && x && y ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) {
        size_t k = cell_keys(out, lon, lat, n, keys, x, y);
        out->outside = n - k;
        s = count_cells(out, keys, k, err);
    }
    free(keys);
    free(x);
    free(y);
    if (s) sl_hexbin_free(out);
    return s;
}

sl_status sl_hexbin_corners(const sl_hexbin *h, size_t i, double lon[6], double lat[6], sl_error *err)
{
    double cx = h->size_m * sqrt(3.0) * (h->q[i] + h->r[i] / 2.0), cy = h->size_m * 1.5 * h->r[i];
    for (int k = 0; k < 6; k++) {
        double a = M_PI / 180 * (30 + 60 * k);
        lon[k] = cx + h->size_m * cos(a);
        lat[k] = cy + h->size_m * sin(a);
    }
    size_t done = proj_trans_generic(h->proj, PJ_INV, lon, sizeof *lon, 6, lat, sizeof *lat, 6, NULL, 0, 0,
                                     NULL, 0, 0);
    if (done != 6 || !isfinite(lon[0]) || !isfinite(lat[0]))
        return sl_fail(err, SL_EIO, NULL, 0, "PROJ could not invert a hexagon corner");
    return SL_OK;
}

sl_status sl_hexbin_write_geojson(const sl_hexbin *h, FILE *out, uint32_t min_count,
                                  size_t *suppressed, sl_error *err)
{
    size_t hidden = 0, written = 0;
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", out);
    for (size_t i = 0; i < h->count; i++) {
        if (h->points[i] < min_count) {
            hidden++;
            continue;
        }
        double lon[6], lat[6];
        if (sl_hexbin_corners(h, i, lon, lat, err)) return err->status;
        fprintf(out, "%s\n{\"type\":\"Feature\",\"properties\":{\"count\":%u,\"q\":%d,\"r\":%d},"
                     "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                written++ ? "," : "", h->points[i], h->q[i], h->r[i]);
        for (int k = 0; k <= 6; k++) fprintf(out, "%s[%.7f,%.7f]", k ? "," : "", lon[k % 6], lat[k % 6]);
        fputs("]]}}", out);
    }
    fputs("\n]}\n", out);
    if (suppressed) *suppressed = hidden;
    return ferror(out) ? sl_fail(err, SL_EIO, NULL, 0, "write error") : SL_OK;
}

long sl_hexbin_find(const sl_hexbin *h, double lon, double lat)
{
    if (!isfinite(lon) || !isfinite(lat) || fabs(lat) > 90 || fabs(lon) > 180 || !h->proj) return -1;
    PJ_COORD c = proj_trans(h->proj, PJ_FWD, proj_coord(lon, lat, 0, 0));
    if (!isfinite(c.xy.x) || !isfinite(c.xy.y)) return -1;
    int32_t q, r;
    axial_round((sqrt(3.0) / 3 * c.xy.x - c.xy.y / 3) / h->size_m, (2.0 / 3 * c.xy.y) / h->size_m, &q, &r);
    uint64_t key = pack(q, r);
    size_t lo = 0, hi = h->count; /* cells are in ascending key order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t k = pack(h->q[mid], h->r[mid]);
        if (k == key) return (long)mid;
        if (k < key) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

void sl_hexbin_free(sl_hexbin *h)
{
    if (h->proj) proj_destroy(h->proj);
    free(h->q);
    free(h->r);
    free(h->points);
    memset(h, 0, sizeof *h);
}
