/*
** demo_layers.c — the spatial half of the synthetic demo (see demo.h): a
** 6×6 grid of invented census tracts with demographics, camera posts with
** text, sensitive sites and police requests, written as ordinary files and
** read back through the ordinary readers.
**
** A disparity is planted on purpose: cameras and requests are drawn more
** often in tracts with a larger Black population, so the report has a gap
** to find. A few post texts carry script-injection and spreadsheet-formula
** payloads so the report's escaping is exercised on every run.
*/
#include "sightline/ingest/demo.h"
#include "sightline/ingest/layers.h"
#include "sightline/ingest/requests.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define GRID 6
#define TRACTS (GRID * GRID)
#define WEST (-78.36)
#define SOUTH 38.00
#define STEP 0.10 /* degrees per tract side */
#define HOTSPOTS 9
#define PER_HOTSPOT 12
#define SCATTERED 60

typedef struct tract {
    double pop, black, hispanic, white_nh, foreign_born;
} tract;

static void make_tracts(gsl_rng *r, tract t[TRACTS])
{
    for (int j = 0; j < GRID; j++)
        for (int i = 0; i < GRID; i++) {
            tract *x = &t[j * GRID + i];
            double black = 0.04 + 0.60 * i / (GRID - 1) * (0.8 + 0.4 * gsl_rng_uniform(r));
            double hispanic = 0.08 + 0.20 * j / (GRID - 1);
            x->pop = round(2500 + 3500 * gsl_rng_uniform(r));
            x->black = round(x->pop * fmin(black, 0.85));
            x->hispanic = round(x->pop * hispanic);
            x->white_nh = fmax(0, x->pop - x->black - x->hispanic - round(x->pop * 0.05));
            x->foreign_born = round(x->pop * (0.06 + 0.12 * j / (GRID - 1)));
        }
}

static sl_status write_tracts(const char *path, const tract t[TRACTS], sl_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f);
    for (int k = 0; k < TRACTS; k++) {
        double w = WEST + STEP * (k % GRID), s = SOUTH + STEP * (k / GRID);
        fprintf(f, "%s{\"type\":\"Feature\",\"properties\":{\"GEOID\":\"99001%06d\",\"name\":\"Synthetic tract %d\","
                   "\"pop\":%.0f,\"black\":%.0f,\"hispanic\":%.0f,\"white_nh\":%.0f,\"foreign_born\":%.0f},"
                   "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f]]]}}\n",
                k ? "," : "", 100 * (k + 1), k + 1, t[k].pop, t[k].black, t[k].hispanic, t[k].white_nh,
                t[k].foreign_born, w, s, w + STEP, s, w + STEP, s + STEP, w, s + STEP, w, s);
    }
    fputs("]}\n", f);
    return fclose(f) ? sl_fail(err, SL_EIO, path, 0, "cannot write demo file") : SL_OK;
}

/* A tract drawn with weight pop * (1 + 4 * black share): the planted gap. */
static int biased_tract(gsl_rng *r, const tract t[TRACTS])
{
    double w[TRACTS];
    for (int k = 0; k < TRACTS; k++) w[k] = t[k].pop * (1 + 4 * t[k].black / t[k].pop);
    gsl_ran_discrete_t *d = gsl_ran_discrete_preproc(TRACTS, w);
    int k = d ? (int)gsl_ran_discrete(r, d) : 0;
    gsl_ran_discrete_free(d);
    return k;
}

static void tract_point(gsl_rng *r, int k, double sd_deg, double *lon, double *lat)
{
    double cx = WEST + STEP * (k % GRID + 0.5), cy = SOUTH + STEP * (k / GRID + 0.5);
    *lon = cx + (sd_deg > 0 ? gsl_ran_gaussian(r, sd_deg) : (gsl_rng_uniform(r) - 0.5) * STEP * 0.9);
    *lat = cy + (sd_deg > 0 ? gsl_ran_gaussian(r, sd_deg * 0.8) : (gsl_rng_uniform(r) - 0.5) * STEP * 0.9);
}

/* The centre of camera hot spot SPOT (its own generator, so sites can be
** placed next to a hot spot without drawing from the main stream). */
static void hotspot_centre(const tract t[TRACTS], int spot, double *lon, double *lat)
{
    gsl_rng *hr = gsl_rng_alloc(gsl_rng_mt19937);
    if (!hr) { *lon = WEST, *lat = SOUTH; return; }
    gsl_rng_set(hr, 100 + (unsigned long)spot);
    tract_point(hr, biased_tract(hr, t), 0, lon, lat);
    gsl_rng_free(hr);
}

static const char *TEXTS[] = {
    "Suspicious person checking car doors on our street",
    "Package stolen from the porch this afternoon",
    "Kids ringing doorbells and running away",
    "Teens skateboarding in the parking lot late at night",
    "Lost dog, brown lab, answers to Max",
    "Car break-in overnight, driver window smashed",
    "Unknown man looking into windows around 2am",
    "Two boys on bikes took a package from the steps",
    "A girl selling cookies door to door, is this legit?",
    "Loud fireworks near the school again",
};
#define NTEXTS (sizeof TEXTS / sizeof TEXTS[0])

/* The payloads the report must show as text and never run. */
static const char *PAYLOADS[] = {
    "Kids left this note: <script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=1\"> "
    "<a href=\"javascript:window.__pwned=1\">javascript:alert(1)</a>",
    "=HYPERLINK(\"http://example.invalid\",\"kids click here\")",
};

static void add_post(json_t *features, int id, double lon, double lat, gsl_rng *r, const char *text)
{
    char pid[32], when[64];
    snprintf(pid, sizeof pid, "post-%04d", id);
    snprintf(when, sizeof when, "20%02d-%02d-%02dT%02d:00:00Z", 19 + (int)gsl_rng_uniform_int(r, 2),
             1 + (int)gsl_rng_uniform_int(r, 12), 1 + (int)gsl_rng_uniform_int(r, 28), (int)gsl_rng_uniform_int(r, 24));
    json_array_append_new(features, json_pack("{s:s, s:{s:s, s:s, s:s}, s:{s:s, s:[f, f]}}", "type", "Feature",
                                              "properties", "id", pid, "time", when, "text", text, "geometry", "type",
                                              "Point", "coordinates", round(lon * 1e6) / 1e6, round(lat * 1e6) / 1e6));
}

/* Cameras in hot spots and scattered; each camera posts 1–6 times. */
static sl_status write_posts(const char *path, gsl_rng *r, const tract t[TRACTS], long *count, sl_error *err)
{
    json_t *features = json_array();
    int id = 0;
    for (int c = 0; c < HOTSPOTS * PER_HOTSPOT + SCATTERED; c++) {
        double lon, lat;
        int spot = c / PER_HOTSPOT;
        if (c < HOTSPOTS * PER_HOTSPOT) {
            double cx, cy;
            hotspot_centre(t, spot, &cx, &cy);
            lon = cx + gsl_ran_gaussian(r, 0.0025), lat = cy + gsl_ran_gaussian(r, 0.002);
        } else {
            tract_point(r, biased_tract(r, t), 0, &lon, &lat);
        }
        unsigned posts = 1 + (unsigned)gsl_rng_uniform_int(r, 6);
        for (unsigned p = 0; p < posts; p++) {
            const char *text = id < 2 ? PAYLOADS[id] : TEXTS[gsl_rng_uniform_int(r, NTEXTS)];
            add_post(features, id++, lon, lat, r, text);
        }
    }
    json_t *fc = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features);
    int bad = json_dump_file(fc, path, JSON_COMPACT);
    json_decref(fc);
    *count = id;
    return bad ? sl_fail(err, SL_EIO, path, 0, "cannot write demo file") : SL_OK;
}

static const struct {
    const char *category, *name;
    int spot;             /* next to this hot spot, or -1: at lon/lat */
    double lon, lat;
} SITES[] = {
    {"ice", "ICE field office (synthetic)", 4, 0, 0},
    {"clinic", "Northside Family Clinic (synthetic)", 0, 0, 0},
    {"clinic", "Riverside Health Center (synthetic)", -1, -78.21, 38.12},
    {"clinic", "Reproductive Health Clinic (synthetic)", 2, 0, 0},
    {"school", "Alderbrook Elementary (synthetic)", 6, 0, 0},
    {"school", "Cedar Hollow High School (synthetic)", -1, -77.85, 38.52},
    {"school", "Larkspur Middle School (synthetic)", -1, -78.28, 38.41},
};
#define NSITES (sizeof SITES / sizeof SITES[0])

static sl_status write_sites(const char *path, const char *category, const tract t[TRACTS], sl_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    fputs("id,name,lat,lon\n", f);
    for (size_t i = 0; i < NSITES; i++) {
        if (strcmp(SITES[i].category, category) != 0) continue;
        double lon = SITES[i].lon, lat = SITES[i].lat;
        if (SITES[i].spot >= 0) hotspot_centre(t, SITES[i].spot, &lon, &lat), lon += 0.0004;
        fprintf(f, "%s-%zu,%s,%.5f,%.5f\n", category, i + 1, SITES[i].name, lat, lon);
    }
    return fclose(f) ? sl_fail(err, SL_EIO, path, 0, "cannot write demo file") : SL_OK;
}

/* Police requests for footage (agency,date,lat,lon,radius_m), drawn with the
** same planted bias as the cameras. */
static sl_status write_requests(const char *path, gsl_rng *r, const tract t[TRACTS], long *count, sl_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    fputs("agency,date,lat,lon,radius_m\n", f);
    for (int i = 0; i < 160; i++) {
        double lon, lat;
        tract_point(r, biased_tract(r, t), 0, &lon, &lat);
        fprintf(f, "Alderbrook Police Department (synthetic),2020-%02d-%02d,%.5f,%.5f,%d\n",
                1 + (int)gsl_rng_uniform_int(r, 12), 1 + (int)gsl_rng_uniform_int(r, 28), lat, lon,
                400 + 400 * (int)gsl_rng_uniform_int(r, 4));
    }
    *count = 160;
    return fclose(f) ? sl_fail(err, SL_EIO, path, 0, "cannot write demo file") : SL_OK;
}

/* ---- import through the ordinary importers ------------------------------ */

/* The same path as `sightline import`: the demo exercises the real import. */
static sl_status import_points(sl_store *st, const char *path, const char *layer, const char *category,
                               const sl_point_columns *cols, sl_error *err)
{
    sl_layer_result res;
    return sl_ingest_points(st, layer, path, cols, category, 0, &res, err);
}

static sl_status import_tracts(sl_store *st, const char *path, sl_error *err)
{
    sl_area_options o = {.id = "GEOID", .name = "name", .pop = "pop", .black = "black", .hispanic = "hispanic",
                         .white_nh = "white_nh", .foreign_born = "foreign_born"};
    sl_layer_result res;
    return sl_ingest_areas(st, "demo-tracts", path, &o, 0, &res, err);
}

static sl_status import_sites(sl_store *st, const char *dir, const tract t[TRACTS], sl_error *err)
{
    const char *cats[] = {"ice", "clinic", "school"};
    sl_point_columns cols = {.id = "id", .text = "name", .threads = 1};
    sl_status s = SL_OK;
    for (int i = 0; !s && i < 3; i++) {
        char path[1100];
        snprintf(path, sizeof path, "%s/synthetic-sites-%s.csv", dir, cats[i]);
        s = write_sites(path, cats[i], t, err);
        if (!s) s = import_points(st, path, "sites", cats[i], &cols, err);
    }
    return s;
}

sl_status sl_demo_build_layers(sl_store *st, const char *dir, sl_demo_summary *out, sl_error *err)
{
    char path[1100];
    tract t[TRACTS];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    gsl_rng_set(r, 2018);
    make_tracts(r, t);
    snprintf(path, sizeof path, "%s/synthetic-tracts.geojson", dir);
    sl_status s = write_tracts(path, t, err);
    if (!s) s = import_tracts(st, path, err);
    out->tracts = TRACTS;
    snprintf(path, sizeof path, "%s/synthetic-posts.geojson", dir);
    if (!s) s = write_posts(path, r, t, &out->posts, err);
    sl_point_columns cols = {.id = "id", .time = "time", .text = "text", .threads = 1};
    if (!s) s = import_points(st, path, "posts", NULL, &cols, err);
    if (!s) s = import_sites(st, dir, t, err);
    out->sites = NSITES;
    snprintf(path, sizeof path, "%s/synthetic-requests.csv", dir);
    if (!s) s = write_requests(path, r, t, &out->requests, err);
    sl_import_result res;
    if (!s) s = sl_ingest_requests(st, path, NULL, &res, err);
    gsl_rng_free(r);
    return s;
}
