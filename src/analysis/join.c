/*
** join.c — points per area (see include/sightline/analysis/analyses.h).
**
** Areas come from the store as WKB, are indexed once (pip.h) and every point
** is located on all cores; density is per geodesic km² and per 1,000
** residents, so areas of different size and population compare.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/geo/pip.h"
#include "sightline/store/store_layers.h"
#include "sightline/core/json.h"
#include "sightline/core/json_build.h"
#include "sightline/core/text.h"
#include "sightline/core/area.h"
#include "analysis_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_area_index_load(sl_store *st, const char *set, sl_area_list *areas,
                             sl_polyset **ps, sl_pip **pip, sl_error *err)
{
    return sl_area_index_load_in(st, set, NULL, areas, ps, pip, err);
}

sl_status sl_area_index_load_in(sl_store *st, const char *set, const char *states, sl_area_list *areas,
                                sl_polyset **ps, sl_pip **pip, sl_error *err)
{
    *ps = NULL;
    *pip = NULL;
    sl_status s = sl_store_load_areas(st, set, areas, err);
    if (s) return s;
    size_t k = 0; /* a state's report: its areas only, in the set's order (their texts stay in the arena) */
    for (size_t i = 0; states && i < areas->count; i++) {
        const char *code = sl_fips_state(areas->items[i].id);
        if (code && sl_list_has(states, code, 0)) areas->items[k++] = areas->items[i];
    }
    if (states) areas->count = k;
    s = sl_polyset_new(ps, err);
    for (size_t i = 0; !s && i < areas->count; i++)
        s = sl_polyset_add_wkb(*ps, areas->items[i].id, areas->items[i].wkb, areas->items[i].wkb_len, err);
    if (!s) s = sl_pip_build(*ps, NULL, pip, err);
    if (s) sl_area_index_free(areas, *ps, *pip);
    return s;
}

void sl_area_index_free(sl_area_list *areas, sl_polyset *ps, sl_pip *pip)
{
    sl_pip_free(pip);
    sl_polyset_free(ps);
    sl_area_list_free(areas);
}

int sl_few_residents(double pop) { return pop > 0 && pop < SL_FEW_RESIDENTS; }

static json_t *number_or_null(double v) { return isfinite(v) ? json_real(v) : json_null(); }

/* COUNTS as integers for points; WEIGHTS (not NULL) for requests split by
** overlap, whose counts are fractions. */
static json_t *area_rows(const sl_area_list *areas, const uint64_t *counts, const double *weights, int *bad)
{
    json_t *list = sl_jok(json_array(), bad);
    int states = sl_area_list_has_states(areas); /* US counties or tracts */
    for (size_t i = 0; i < areas->count; i++) {
        const sl_area *a = &areas->items[i];
        double c = weights ? weights[i] : (double)counts[i];
        double per_1000 = a->pop > 0 ? 1000.0 * c / a->pop : NAN;
        json_t *row = sl_jok(json_pack("{s:s, s:s, s:o}", "id", a->id, "name", a->name, "count",
                                       weights ? json_real(c) : json_integer((json_int_t)counts[i])),
                             bad);
        sl_jset(row, "per_km2", number_or_null(a->area_km2 > 0 ? c / a->area_km2 : NAN), bad);
        sl_jset(row, "per_1000", number_or_null(per_1000), bad);
        sl_jset(row, "population", sl_json_residents(a->pop), bad);
        /* without a population figure it is not known, as the report's areas file leaves it empty */
        sl_jset(row, "few_residents", isfinite(a->pop) ? json_boolean(sl_few_residents(a->pop)) : json_null(), bad);
        if (states) sl_jset(row, "state", json_string(sl_fips_state(a->id)), bad);
        sl_jpush(list, row, bad);
    }
    return list;
}

/* Points gathered from the store's chunks into batches big enough to keep
** every core busy, counted batch by batch: the layer is never held whole. */
#define JOIN_BATCH (1u << 20)

typedef struct batch_count {
    const sl_pip *pip;
    int threads;
    double *lon, *lat;
    size_t n, total;
    uint64_t *counts, *part, outside;
    size_t n_areas;
} batch_count;

static sl_status count_batch(batch_count *b, sl_error *err)
{
    uint64_t out = 0;
    if (b->n == 0) return SL_OK;
    if (sl_pip_count(b->pip, b->lon, b->lat, b->n, b->threads, b->part, &out, err)) return err->status;
    for (size_t a = 0; a < b->n_areas; a++) b->counts[a] += b->part[a];
    b->outside += out;
    b->total += b->n;
    b->n = 0;
    return SL_OK;
}

static sl_status add_chunk(void *ctx, const double *lon, const double *lat, size_t n, sl_error *err)
{
    batch_count *b = ctx;
    while (n) {
        size_t take = JOIN_BATCH - b->n < n ? JOIN_BATCH - b->n : n;
        memcpy(b->lon + b->n, lon, take * sizeof *lon);
        memcpy(b->lat + b->n, lat, take * sizeof *lat);
        b->n += take;
        lon += take;
        lat += take;
        n -= take;
        if (b->n == JOIN_BATCH && count_batch(b, err)) return err->status;
    }
    return SL_OK;
}

sl_status sl_analysis_locate(sl_store *st, const char *set, const double *lon, const double *lat, size_t n,
                             int threads, int32_t **area, sl_error *err)
{
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
    *area = malloc((n + 1) * sizeof **area);
    if (!*area) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory locating %zu points", n);
    sl_status s = sl_area_index_load(st, set, &areas, &ps, &pip, err);
    if (!s) {
        s = sl_pip_join(pip, lon, lat, n, threads, *area, err);
        sl_area_index_free(&areas, ps, pip);
    }
    if (s) free(*area), *area = NULL;
    return s;
}

/* 1 when Q counts posts through their located cameras (sl_join_query). */
static int through_cameras(const sl_join_query *q)
{
    return q->cameras && q->posts_of && !q->category && !q->where && !q->selected && q->layer &&
           strcmp(q->layer, "posts") == 0;
}

/* The posts per area through their located cameras. */
static sl_status count_through_cameras(sl_store *st, const sl_join_query *q, size_t n_areas, uint64_t *counts,
                                       uint64_t *outside, size_t *total, sl_error *err)
{
    const sl_camera_locations *c = q->cameras;
    if (!c->area || !c->area_set || strcmp(c->area_set, q->set) != 0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "cameras located in another set than %s", q->set);
    long posts = 0;
    sl_status s = sl_store_count_points(st, q->layer, NULL, &posts, err);
    if (s) return s;
    uint64_t placed = 0;
    *outside = 0;
    for (size_t i = 0; i < c->n; i++) {
        placed += q->posts_of[i];
        if (c->area[i] >= 0 && (size_t)c->area[i] < n_areas) counts[c->area[i]] += q->posts_of[i];
        else *outside += q->posts_of[i];
    }
    if (placed > (uint64_t)posts)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "cameras of %llu posts, but the store holds %ld",
                       (unsigned long long)placed, posts);
    *outside += (uint64_t)posts - placed; /* no coordinates: in no camera, in no area */
    *total = (size_t)posts;
    return SL_OK;
}

/* Count LAYER's points per area; with a text filter the matching points
** are loaded (the layer's texts stream past the filter chunk by chunk),
** else the layer is streamed by coordinates only. */
static sl_status count_points(sl_store *st, const sl_join_query *q, const sl_pip *pip,
                              size_t n_areas, uint64_t *counts, uint64_t *outside, size_t *total,
                              sl_error *err)
{
    if (through_cameras(q)) return count_through_cameras(st, q, n_areas, counts, outside, total, err);
    if (q->selected) {
        *total = q->selected->n;
        return sl_pip_count(pip, q->selected->lon, q->selected->lat, q->selected->n, q->threads, counts, outside, err);
    }
    if (q->where) {
        sl_points pts;
        sl_status s = sl_load_layer(st, q->layer, q->category, q->where, &pts, err);
        if (!s) s = sl_pip_count(pip, pts.lon, pts.lat, pts.n, q->threads, counts, outside, err);
        *total = pts.n;
        sl_points_free(&pts);
        return s;
    }
    if (!sl_point_layer_valid(q->layer))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "'%s' is not a layer to join (posts, cameras, sites, requests)", q->layer);
    batch_count b = {.pip = pip, .threads = q->threads, .counts = counts, .n_areas = n_areas,
                     .lon = malloc(JOIN_BATCH * sizeof(double)), .lat = malloc(JOIN_BATCH * sizeof(double)),
                     .part = calloc(n_areas + 1, sizeof(uint64_t))};
    sl_status s = b.lon && b.lat && b.part ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) s = sl_store_scan_coords(st, q->layer, q->category, add_chunk, &b, err);
    if (!s) s = count_batch(&b, err);
    *outside = b.outside;
    *total = b.total;
    free(b.lon);
    free(b.lat);
    free(b.part);
    return s;
}

static int by_event(const void *x, const void *y)
{
    int64_t a = ((const sl_event_row *)x)->event, b = ((const sl_event_row *)y)->event;
    return (a > b) - (a < b);
}

/* Of the requests split into ROWS (sorted here by event), how many lie
** wholly outside every area and how many only in part: a total outside of
** "0.95" is pieces of 3 waterfront circles, not a request, and the report
** must not round it into one (html_areas.c). */
static void requests_outside(sl_event_row *rows, size_t n, json_int_t *wholly, json_int_t *partly)
{
    *wholly = *partly = 0;
    qsort(rows, n, sizeof *rows, by_event);
    for (size_t i = 0, j; i < n; i = j) {
        double in = 0, out = 0;
        for (j = i; j < n && rows[j].event == rows[i].event; j++) {
            if (rows[j].area == SL_AREA_OUTSIDE) out += rows[j].weight;
            else in += rows[j].weight;
        }
        if (out > 0 && !(in > 0)) ++*wholly;
        else if (out > 0) ++*partly;
    }
}

/* Requests per area: each split over the areas it overlaps, with the
** weights `disparity` uses (sl_request_events), so a count is a sum of
** fractions; a point request counts whole. */
static sl_status join_requests(sl_store *st, const sl_join_query *q, const sl_area_list *areas, json_t **out,
                               sl_error *err)
{
    if (q->category || q->where)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--category and --where select points of posts, cameras or sites, "
                                                "not requests");
    sl_event_row *rows = NULL;
    size_t nrows = 0, nreq = 0, unplaced = 0;
    double *w = calloc(areas->count + 1, sizeof *w), outside = 0;
    sl_status s = w ? sl_request_events(st, areas, &q->progress, &rows, &nrows, &nreq, &unplaced, NULL, err)
                    : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; !s && i < nrows; i++) {
        if (rows[i].area == SL_AREA_OUTSIDE) outside += rows[i].weight;
        else w[rows[i].area] += rows[i].weight;
    }
    if (!s) {
        int bad = 0;
        *out = json_pack("{s:s, s:s, s:I, s:f, s:s}", "set", q->set, "layer", "requests", "points",
                         (json_int_t)nreq, "outside", outside, "split", "overlap");
        sl_jset(*out, "count_of", json_string("requests (split by overlap)"), &bad);
        sl_jset(*out, "no_location", json_integer((json_int_t)unplaced), &bad); /* not in "points" */
        json_int_t wholly, partly;
        requests_outside(rows, nrows, &wholly, &partly);
        sl_jset(*out, "outside_wholly", json_integer(wholly), &bad);
        sl_jset(*out, "outside_partly", json_integer(partly), &bad);
        sl_jset(*out, "few_residents_under", json_integer(SL_FEW_RESIDENTS), &bad);
        sl_jset(*out, "areas", area_rows(areas, NULL, w, &bad), &bad);
        s = sl_json_built(out, bad, err);
    }
    free(rows);
    free(w);
    return s;
}

const char *sl_join_outside_words(const json_t *join, const char *one, const char *many, const char *set, char *buf,
                                  size_t size)
{
    long long wholly = sl_json_int(join, "outside_wholly"), partly = sl_json_int(join, "outside_partly");
    char n[32], of[32], w[40];
    int at;
    if (wholly > 0)
        at = snprintf(buf, size, "%s of the %s %s %s wholly outside every area of %s and count%s in none",
                      sl_thousands(wholly, n), sl_thousands(sl_json_int(join, "points"), of), many,
                      wholly == 1 ? "lies" : "lie", set, wholly == 1 ? "s" : "");
    else at = snprintf(buf, size, "No %s lies %soutside every area of %s", one, partly > 0 ? "wholly " : "", set);
    /* a request wholly outside weighs 1; under 0.05 is rounding's slivers */
    double pieces = sl_json_num(join, "outside") - (double)wholly;
    if (partly > 0 && at >= 0 && (size_t)at < size) {
        if (pieces >= 0.05) sl_readable(pieces, w);
        snprintf(buf + at, size - (size_t)at, "; pieces of %s %s, whose footprints reach past the areas' edge (over "
                 "water, or beyond the areas), add up to %s%s %s weight, which counts in no area",
                 sl_thousands(partly, n), wholly > 0 ? "more" : partly == 1 ? "request" : "requests",
                 pieces >= 0.05 ? "" : "under ", pieces >= 0.05 ? w : "0.05",
                 pieces >= 1 ? "requests'" : "of a request's");
    }
    return buf;
}

/* Where SET's residents come from (analysis_internal.h). A rate per
** resident is of residents counted in a year: the report says it beside its
** tables ("data of 2014"), and `join`'s reader was told no year. Nothing is
** added when no import names SET (its population is then none). */
sl_status sl_analysis_population_from(sl_store *st, const char *set, json_t *r, sl_error *err)
{
    static const char *const FIGURES[] = {"pop", "black", "hispanic", "white_nh", "foreign_born"};
    sl_source_list l = {0};
    sl_status s = sl_store_load_sources(st, "areas", &l, err);
    int bad = 0;
    for (size_t i = l.count; !s && i-- > 0;) { /* the newest import of SET is the one in force */
        json_t *o = l.items[i].options ? json_loads(l.items[i].options, 0, NULL) : NULL;
        const char *named = json_string_value(json_object_get(o, "set")), *demo = json_string_value(json_object_get(o, "demographics"));
        if (named && !strcmp(named, set) && json_object_get(o, "pop")) {
            const char *year = l.items[i].year && l.items[i].year[0] ? l.items[i].year : NULL;
            json_t *cols = sl_jok(json_object(), &bad); /* each figure's column: its year may not be the import's */
            for (size_t g = 0; g < sizeof FIGURES / sizeof *FIGURES; g++)
                if (json_is_string(json_object_get(o, FIGURES[g])))
                    sl_jset(cols, FIGURES[g], json_incref(json_object_get(o, FIGURES[g])), &bad);
            sl_jset(r, "population_from", json_pack("{s:s, s:s?, s:I, s:o}", "file", demo ? demo : l.items[i].file_name,
                                                    "year", year, "import", (json_int_t)l.items[i].id, "columns", cols), &bad);
            i = 0;
        }
        json_decref(o);
    }
    sl_source_list_free(&l);
    return s ? s : bad ? sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory") : SL_OK;
}

sl_status sl_analysis_join(sl_store *st, const sl_join_query *q, json_t **out, sl_error *err)
{
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
    *out = NULL;
    if (q->layer && strcmp(q->layer, "requests") == 0) { /* the splitter indexes the areas itself */
        sl_status s = sl_store_load_areas(st, q->set, &areas, err); /* frees what it loaded on failure */
        if (s) return s;
        s = join_requests(st, q, &areas, out, err);
        sl_area_list_free(&areas);
        if (!s && (s = sl_analysis_population_from(st, q->set, *out, err))) json_decref(*out), *out = NULL;
        return s;
    }
    /* posts counted through located cameras need the areas, not their index */
    ps = NULL, pip = NULL;
    sl_status s = through_cameras(q) ? sl_store_load_areas(st, q->set, &areas, err)
                          : sl_area_index_load(st, q->set, &areas, &ps, &pip, err);
    if (s) return s;
    uint64_t *counts = calloc(areas.count + 1, sizeof *counts), outside = 0;
    size_t total = 0;
    if (!counts) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    /* "ICE" finds the sites stored as "ice", and an unknown category is an
    ** error naming those there are, not a table of zeros */
    sl_join_query stored = *q;
    sl_arena names = {0};
    if (!s && q->category && sl_point_layer_valid(q->layer))
        s = sl_find_category(st, q->layer, q->category, &names, &stored.category, err);
    if (!s) s = count_points(st, &stored, pip, areas.count, counts, &outside, &total, err);
    if (!s) {
        *out = json_pack("{s:s, s:s, s:I, s:I}", "set", q->set, "layer", q->layer, "points",
                         (json_int_t)total, "outside", (json_int_t)outside);
        int bad = 0; /* an area row missing would shift every row after it */
        if (q->category) sl_jset(*out, "category", json_string(q->category), &bad);
        if (q->where) sl_jset(*out, "where", json_string(q->where), &bad);
        sl_jset(*out, "few_residents_under", json_integer(SL_FEW_RESIDENTS), &bad);
        sl_jset(*out, "areas", area_rows(&areas, counts, NULL, &bad), &bad);
        s = sl_json_built(out, bad, err);
    }
    if (!s && (s = sl_analysis_population_from(st, q->set, *out, err))) json_decref(*out), *out = NULL;
    free(counts);
    sl_arena_free(&names);
    sl_area_index_free(&areas, ps, pip);
    return s;
}

/* Group counts of the set; a group no area knows is left out (NULL). */
static sl_status build_table(sl_area_inputs *in, sl_error *err)
{
    size_t n = in->areas.count;
    in->ids = calloc(n + 1, sizeof *in->ids);
    in->pop = calloc(n + 1, sizeof *in->pop);
    for (int g = 0; g < SL_GROUP_COUNT; g++) in->groups[g] = calloc(n + 1, sizeof *in->groups[g]);
    if (!in->ids || !in->pop || !in->groups[0] || !in->groups[1] || !in->groups[2] || !in->groups[3])
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    int known[SL_GROUP_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        const sl_area *a = &in->areas.items[i];
        double v[SL_GROUP_COUNT] = {a->black, a->hispanic, a->foreign_born, a->white_nh};
        in->ids[i] = a->id;
        in->pop[i] = isfinite(a->pop) ? a->pop : 0;
        for (int g = 0; g < SL_GROUP_COUNT; g++) {
            in->groups[g][i] = v[g];
            known[g] |= isfinite(v[g]);
        }
    }
    in->table.count = n;
    in->table.ids = in->ids;
    in->table.pop = in->pop;
    for (int g = 0; g < SL_GROUP_COUNT; g++) in->table.group[g] = known[g] ? in->groups[g] : NULL;
    return SL_OK;
}

sl_status sl_area_inputs_load(sl_store *st, const char *set, sl_area_inputs *in, sl_error *err)
{
    return sl_area_inputs_load_in(st, set, NULL, in, err);
}

sl_status sl_area_inputs_load_in(sl_store *st, const char *set, const char *states, sl_area_inputs *in, sl_error *err)
{
    memset(in, 0, sizeof *in);
    sl_status s = sl_area_index_load_in(st, set, states, &in->areas, &in->ps, &in->pip, err);
    if (s) return s;
    s = build_table(in, err);
    if (s) sl_area_inputs_free(in);
    return s;
}

void sl_area_inputs_free(sl_area_inputs *in)
{
    free(in->ids);
    free(in->pop);
    for (int g = 0; g < SL_GROUP_COUNT; g++) free(in->groups[g]);
    free(in->rows);
    free(in->point_area_owned);
    free(in->place_key);
    if (in->ps) sl_area_index_free(&in->areas, in->ps, in->pip);
    memset(in, 0, sizeof *in);
}
