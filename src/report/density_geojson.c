/*
** density_geojson.c — the hexagon density map (`sightline density`) as
** GeoJSON: only the cells the privacy binner shows, written as a stream so a
** national grid never sits in memory as JSON objects. Rendering lives here,
** not in the analysis, which writes no file. A whole map of many cells is
** written in two halves on two threads (corners inverted through PROJ and
** numbers printed are most of its cost), then joined in order: the same
** bytes as one pass.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/geo/hexbin.h"
#include "sightline/report/report.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this many cells one pass writes the map. */
#define TWO_THREADS_FROM 50000

/* 1 when the hexagon of corners LON, LAT meets the box (its bounds do). */
static int meets(const double lon[6], const double lat[6], const double box[4])
{
    double w = lon[0], e = lon[0], s = lat[0], n = lat[0];
    for (int k = 1; k < 6; k++) w = w < lon[k] ? w : lon[k], e = e > lon[k] ? e : lon[k], s = s < lat[k] ? s : lat[k], n = n > lat[k] ? n : lat[k];
    return e >= box[0] && w <= box[2] && n >= box[1] && s <= box[3];
}

/* The features of cells [A, Z) of B, corners through H (B's cells, or a
** view of them with its own PROJ object), each after a comma but the very
** first of the map (*WRITTEN counts them). */
static sl_status write_cells(const sl_privacy_bins *b, const sl_hexbin *h, const double *box, const double *win,
                             size_t a, size_t z, FILE *out, size_t *written, sl_error *err)
{
    for (size_t i = a; i < z; i++) {
        if (!sl_privacy_cell_shown(b, i)) continue;
        if (box && !sl_hexbin_cell_in_window(h, i, win)) continue;
        double lon[6], lat[6];
        if (sl_hexbin_corners(h, i, lon, lat, err)) return err->status;
        if (box && !meets(lon, lat, box)) continue;
        fprintf(out, "%s\n{\"type\":\"Feature\",\"properties\":{\"count\":%u,\"locations\":%u,\"q\":%d,"
                     "\"r\":%d},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                (*written)++ ? "," : "", b->points[i], b->h.points[i], b->h.q[i], b->h.r[i]);
        /* 6 decimals (0.1 m) are plenty for a cell of 100 m and more. */
        for (int k = 0; k <= 6; k++) fprintf(out, "%s[%.6f,%.6f]", k ? "," : "", lon[k % 6], lat[k % 6]);
        fputs("]]}}", out);
    }
    return SL_OK;
}

typedef struct half {
    const sl_privacy_bins *b;
    sl_hexbin view;
    size_t a, z, written;
    char *text;
    size_t len;
    sl_status s;
    sl_error err;
} half;

static void *write_half(void *arg)
{
    half *h = arg;
    FILE *mem = open_memstream(&h->text, &h->len);
    if (!mem) {
        h->s = sl_fail(&h->err, SL_ENOMEM, NULL, 0, "out of memory writing the density map");
        return NULL;
    }
    h->s = write_cells(h->b, &h->view, NULL, NULL, h->a, h->z, mem, &h->written, &h->err);
    if (fclose(mem) && !h->s) h->s = sl_fail(&h->err, SL_ENOMEM, NULL, 0, "out of memory writing the density map");
    return NULL;
}

/* The whole map's features in two halves, the second on a thread with a
** view of its own; 0 when that cannot be set up (then one pass writes). */
static int write_two(const sl_privacy_bins *b, FILE *out, size_t *written, sl_status *s, sl_error *err)
{
    half second = {b, {0}, b->h.count / 2, b->h.count, 1, NULL, 0, SL_OK, {0}};
    pthread_t t;
    sl_error view_err; /* not the caller's: a failure here only means one pass */
    if (sl_hexbin_view(&b->h, &second.view, &view_err)) return 0;
    if (pthread_create(&t, NULL, write_half, &second)) {
        sl_hexbin_view_free(&second.view);
        return 0;
    }
    *s = write_cells(b, &b->h, NULL, NULL, 0, b->h.count / 2, out, written, err);
    pthread_join(t, NULL);
    sl_hexbin_view_free(&second.view);
    if (!*s && second.s) *s = second.s, *err = second.err;
    /* the second half put a comma before its first feature: the map's first
    ** feature takes none */
    size_t skip = *written == 0 && second.len > 0;
    if (!*s && second.len > skip) fwrite(second.text + skip, 1, second.len - skip, out);
    *written += second.written - 1;
    free(second.text);
    return 1;
}

/* The cells of a viewport: those whose centre lies in WIN, looked up
** position by position when the window spans fewer positions than there
** are cells (a city at 500 m: some thousands of lookups where reading
** every cell of a national map was millions), in the cells' order. 0 when
** the window is too wide for that: the caller reads every cell. */
static int write_window(const sl_privacy_bins *b, const double *box, const double *win, FILE *out, size_t *written,
                        sl_status *s, sl_error *err)
{
    uint32_t *idx;
    size_t n;
    sl_error wide;
    if (sl_hexbin_cells_in_window(&b->h, win, b->h.count / 4, &idx, &n, &wide)) return 0;
    *s = SL_OK;
    for (size_t i = 0; i < n && !*s; i++) *s = write_cells(b, &b->h, box, win, idx[i], idx[i] + 1, out, written, err);
    free(idx);
    return 1;
}

/* The map of B (the cells meeting BOX, NULL: all), then MEMBERS' keys as
** foreign members. */
static sl_status write_map(const sl_privacy_bins *b, const double box[4], const json_t *members, FILE *out,
                           sl_error *err)
{
    size_t written = 0;
    double win[4];
    sl_status s = SL_OK;
    if (box && b->h.count && sl_hexbin_window(&b->h, box, win, err)) return err->status;
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", out);
    if (box ? !b->h.count || !write_window(b, box, win, out, &written, &s, err)
            : b->h.count < TWO_THREADS_FROM || !write_two(b, out, &written, &s, err))
        s = write_cells(b, &b->h, box, box ? win : NULL, 0, b->h.count, out, &written, err);
    if (s) return s;
    fputs("\n]", out);
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)members, key, v) {
        json_t *k = json_string(key);
        fputc(',', out);
        if (!k || json_dumpf(k, out, JSON_ENCODE_ANY)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        json_decref(k);
        fputc(':', out);
        json_dumpf(v, out, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER);
    }
    if (s) return s;
    fputs("}\n", out);
    /* the failed write's errno (a full disk: "No space left on device") */
    return ferror(out) ? sl_fail(err, SL_EIO, NULL, 0, "could not write the output: %s",
                                 errno ? strerror(errno) : "write error")
                       : SL_OK;
}

sl_status sl_report_density_map(const sl_privacy_bins *b, const char *layer, double hex_m, unsigned k,
                                const double box[4], const json_t *members, FILE *out, sl_error *err)
{
    json_t *totals = NULL;
    if (sl_analysis_density_summary(layer, hex_m, k, b, &totals, err)) return err->status;
    json_t *all = json_pack("{s:o}", "totals", totals);
    if (!all || (members && json_object_update(all, (json_t *)members))) {
        json_decref(all);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    sl_status s = write_map(b, box, all, out, err);
    json_decref(all);
    return s;
}
