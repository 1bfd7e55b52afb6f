/*
** layers.c — importing area sets and point layers (see
** include/sightline/ingest/layers.h).
*/
#include "sightline/ingest/layers.h"
#include "repeats.h"
#include "withhold.h"
#include "source.h"
#include "sightline/core/file.h"
#include "sightline/core/text.h"
#include "sightline/store/store_layers.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *sl_ingest_layer_options(const char *category, const char *set, const sl_area_options *areas,
                              const sl_point_columns *cols, const char *demographics_sha256)
{
    static const sl_area_options NO_AREAS = {0};
    static const sl_point_columns NO_COLS = {0};
    const sl_area_options *a = areas ? areas : &NO_AREAS;
    const sl_point_columns *c = cols ? cols : &NO_COLS;
    json_t *o = json_object();
    if (!o) return NULL;
    const char *keys[] = {"category", "set", "layer", "id", "name", "pop", "black", "hispanic",
                          "white_nh", "foreign_born", "demographics", "key", "lat", "lon", "time", "text"};
    const char *vals[] = {category, set, a->layer, a->id ? a->id : c->id, a->name, a->pop, a->black,
                          a->hispanic, a->white_nh, a->foreign_born,
                          a->demographics ? sl_basename(a->demographics) : NULL, a->key,
                          c->lat, c->lon, c->time, c->text};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (vals[i]) json_object_set_new(o, keys[i], json_string(vals[i]));
    if (a->percent) json_object_set_new(o, "percent", json_true());
    if (a->key_width) json_object_set_new(o, "key_width", json_integer(a->key_width));
    if (demographics_sha256) json_object_set_new(o, "demographics_sha256", json_string(demographics_sha256));
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s;
}

/* ---- points ------------------------------------------------------------- */

/* Chunks go to the store as the parser threads fill them. */
typedef struct point_sink {
    sl_point_chunks *chunks;
    long source_id;
    sl_repeats repeats; /* the keys that find points another import holds */
    sl_withhold withhold; /* owners' exclusions: their points never reach the store */
} point_sink;

static sl_status sink_chunk(void *ctx, long no, const sl_points *batch, sl_error *err)
{
    point_sink *ps = ctx;
    const sl_points *kept;
    sl_status s = sl_withhold_chunk(&ps->withhold, batch, &kept, err);
    if (s) return s;
    sl_points view = *kept;
    view.source_id = ps->source_id;
    s = sl_store_point_chunks_add(ps->chunks, no, &view, err);
    return s ? s : sl_repeats_add(&ps->repeats, kept, err);
}

/* A file that cannot be what it says, refused before its points would count:
** latitude and longitude swapped (most points fall off the globe, the rest
** in the wrong hemisphere), or a date column none of whose values is a date
** (every post undated, where a date was asked for). */
static sl_status check_readable(const char *path, const sl_point_columns *cols, const sl_point_report *rep,
                                sl_error *err)
{
    char n[2][32];
    if (rep->looks_swapped)
        return sl_fail(err, SL_EDATA, path, 0,
                       "latitude and longitude look swapped: %s of the %s records have " SL_SWAP_RULE
                       " (columns %s, %s), so nothing was imported. If the columns are swapped, name them the other "
                       "way round: --lat %s --lon %s",
                       sl_thousands(rep->swapped_like, n[0]), sl_thousands(rep->rows, n[1]), rep->lat_col,
                       rep->lon_col, rep->lon_col, rep->lat_col);
    if (rep->bad_time && !rep->timed)
        return sl_fail(err, SL_EDATA, path, rep->bad_time_line,
                       "none of the %s values of the date column '%s' is a date%s%s (this one: '%s'), so nothing "
                       "was imported. Give their format with --date-format (strptime conversions), e.g. "
                       "--date-format '%%m/%%d/%%Y' for 02/23/2015 or '%%m/%%d/%%Y %%H:%%M' for 2/23/2015 14:05",
                       sl_thousands(rep->bad_time, n[0]), rep->time_col, cols && cols->date_format ? " in format " : "",
                       cols && cols->date_format ? cols->date_format : "", rep->bad_time_value);
    return SL_OK;
}

/* A site is told by its category and id (the audit's map and tables, a
** reader's own join), so sites that no id names are worth a warning: a
** cell left empty names nothing, and a site with neither id nor label is a
** nameless row in every table. Counted over the whole category as it will
** stand, this import included. Ids shared by rows of the file are counted
** by repeats.c, as for posts and cameras; ids an earlier import holds are
** refused there. */
static sl_status check_site_names(sl_store *st, const char *category, sl_layer_result *res, sl_error *err)
{
    sl_points p;
    sl_points_init(&p);
    sl_status s = sl_store_load_points(st, "sites", category, &p, err);
    size_t named = 0;
    for (size_t i = 0; !s && i < p.n; i++) {
        if (*sl_points_id(&p, i)) named++;
        else if (!*sl_points_text(&p, i)) res->unnamed++;
    }
    if (!s) res->sites = (long)p.n;
    if (!s && named) res->empty_ids = (long)(p.n - named);
    sl_points_free(&p);
    return s;
}

/* The records a points import skipped, kept with its source, and why in
** the plain words a report gives: the main reason, "mostly" when others
** had a share. */
static sl_status record_point_skips(sl_store *st, long source_id, const sl_point_report *rep, sl_error *err)
{
    static const char *const WHY[SL_SKIP_COUNT] = {"no coordinates", "coordinates not numbers",
                                                   "coordinates out of range", "a row too short",
                                                   "not a point", "coordinates 0,0"};
    long total = sl_point_report_skipped(rep);
    int most = 0;
    for (int r = 1; r < SL_SKIP_COUNT; r++)
        if (rep->skipped[r] > rep->skipped[most]) most = r;
    char why[64];
    snprintf(why, sizeof why, "%s%s", rep->skipped[most] < total ? "mostly " : "", WHY[most]);
    return sl_store_set_source_skipped(st, source_id, total, total ? why : NULL, err);
}

/* 1 when the import options OPTIONS (JSON) give KEY the value VALUE (NULL:
** any value, as every post or camera is of the one layer). */
static int options_key_is(const char *options, const char *key, const char *value)
{
    if (!value) return 1;
    json_t *o = json_loads(options ? options : "{}", 0, NULL);
    const char *was = json_string_value(json_object_get(o, key));
    int same = was && !strcmp(was, value);
    json_decref(o);
    return same;
}

/* --replace of a point layer: the file replaces the earlier imports of the
** layer (sites: of the category) from a file of its name, as a corrected
** copy of last night's export comes under last night's name with other
** bytes, other rows and the same ids. Each goes as `rm` removes it (by its
** rules), noted in RES, inside the import's transaction. An import of
** another name is not replaced even when records repeat: the person named
** this file, not that one, and the repeats check refuses as before.
** Standard input ("-") has no name to go by: only the same bytes go. */
static sl_status replace_same_name(sl_store *st, const char *layer, const char *category, const char *path,
                                   long source_id, sl_import_result *res, sl_error *err)
{
    const char *name = sl_basename(path);
    if (!strcmp(path, "-")) return SL_OK;
    sl_source_list l;
    if (sl_store_load_sources(st, layer, &l, err)) return err->status;
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < l.count; i++) {
        const sl_source *e = &l.items[i];
        if (e->id != source_id && e->file_name && !strcmp(e->file_name, name) &&
            options_key_is(e->options, "category", category))
            s = sl_import_remove_earlier(st, e->id, 1, res, err);
    }
    sl_source_list_free(&l);
    return s;
}

/* Parse and store in one pass inside one transaction: the source row is
** added first (its hash is known only once the file has been read), the
** chunks stream in, and the re-import check, the hash and the row count
** settle it before the commit. A failure anywhere rolls everything back. */
sl_status sl_ingest_points(sl_store *st, const char *layer, const char *path, const sl_point_columns *cols,
                           const char *category, int replace, sl_layer_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    res->population = NAN;
    char *opts = sl_ingest_layer_options(category, NULL, NULL, cols, NULL);
    if (!opts) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    sl_point_report *rep = &res->points;
    sl_source src = {.kind = layer, .file_name = sl_basename(path), .sha256 = "(being read)",
                     .snapshot = "", .options = opts};
    point_sink ps = {0};
    long held = 0; /* points of the layer before: only then are place-and-time keys kept */
    sl_status s = sl_store_count_points(st, layer, category, &held, err);
    ps.repeats.by_place = held > 0;
    if (!s) s = sl_store_begin(st, err);
    if (!s) s = sl_store_add_source(st, &src, err);
    ps.source_id = src.id;
    if (!s) s = sl_withhold_open(st, layer, &ps.withhold, err);
    if (!s) s = sl_store_point_chunks_open(st, layer, category, &ps.chunks, err);
    if (!s) s = sl_points_stream_file(path, cols, sink_chunk, &ps, rep, res->src.sha256, err);
    sl_store_point_chunks_close(ps.chunks);
    if (!s) s = sl_import_source_earlier(st, layer, path, res->src.sha256, "", opts, replace, &res->src, err);
    free(opts);
    if (!s && res->src.already) {
        sl_store_rollback(st);
        sl_repeats_free(&ps.repeats);
        sl_withhold_free(&ps.withhold);
        return SL_OK;
    }
    if (!s && replace) s = replace_same_name(st, layer, category, path, src.id, &res->src, err);
    if (!s) s = check_readable(path, cols, rep, err);
    if (!s && rep->imported == 0)
        s = sl_fail(err, SL_EDATA, path, 0, "no usable points in %ld records%s", rep->rows,
                    rep->looks_swapped ? " (latitude and longitude look swapped)" : "");
    if (!s) s = sl_store_set_source_sha256(st, src.id, res->src.sha256, err);
    res->withheld = ps.withhold.total;
    if (!s) s = sl_store_set_source_rows(st, src.id, rep->imported - res->withheld, err);
    if (!s) s = sl_withhold_record(st, &ps.withhold, src.id, err);
    sl_withhold_free(&ps.withhold);
    if (!s) s = record_point_skips(st, src.id, rep, err);
    if (!s) s = sl_repeats_check(&ps.repeats, st, layer, category, src.id, path, 1, res, err);
    sl_repeats_free(&ps.repeats);
    if (!s && !strcmp(layer, "sites")) s = check_site_names(st, category, res, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) {
        sl_store_rollback(st);
        return s;
    }
    res->src.source_id = src.id;
    res->src.rows = rep->imported - res->withheld;
    return SL_OK;
}

/* ---- areas -------------------------------------------------------------- */

static int cmp_area_id(const void *a, const void *b)
{
    return strcmp((*(const sl_area *const *)a)->id, (*(const sl_area *const *)b)->id);
}

/* Two areas of one id: refused before the store's constraint says only
** "appears twice", with the names of both and how to build an id that
** tells them apart (a tract number repeats across a city's boroughs). */
static sl_status check_area_ids(const sl_area_list *areas, const char *path, const char *id_option, sl_error *err)
{
    const sl_area **v = malloc((areas->count + 1) * sizeof *v);
    if (!v) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    for (size_t i = 0; i < areas->count; i++) v[i] = &areas->items[i];
    qsort(v, areas->count, sizeof *v, cmp_area_id);
    sl_status s = SL_OK;
    for (size_t i = 1; i < areas->count && !s; i++)
        if (!strcmp(v[i]->id, v[i - 1]->id))
            s = sl_fail(err, SL_EDATA, path, 0,
                        "two areas have the id '%.60s' (%.60s and %.60s): --id %.60s names no single area; build one "
                        "from several fields, e.g. --id '{STATEFP}{COUNTYFP}' or '{borocode}{ct2010:06}'",
                        v[i]->id, v[i - 1]->name && *v[i - 1]->name ? v[i - 1]->name : "unnamed",
                        v[i]->name && *v[i]->name ? v[i]->name : "unnamed", id_option ? id_option : "(the default)");
    free(v);
    return s;
}

/* The set and its areas, under the import's source SOURCE_ID. A set of the
** same name from another file goes with its whole import (with REPLACE): its
** source row would otherwise stay behind, claiming records the store no
** longer holds. */
static sl_status store_areas(sl_store *st, const char *set, const char *path, const sl_area_options *opt,
                             const char *opts, int replace, sl_import_result *res, const sl_area_list *areas,
                             const sl_area_report *rep, sl_error *err)
{
    sl_arena arena = {0};
    sl_area_set old;
    int exists = 0;
    sl_status s = sl_store_find_area_set(st, set, &arena, &old, &exists, err);
    long old_source = exists ? old.source_id : 0;
    sl_arena_free(&arena);
    if (!s && exists && !replace)
        return sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                       "area set '%s' exists (from another file); use --replace", set);
    if (!s && exists) s = sl_import_remove_earlier(st, old_source, 0, res, err);
    long source_id = res->source_id;
    if (!s) s = check_area_ids(areas, path, opt->id, err);
    sl_area_set row = {.name = set, .source_id = source_id, .layer = opt->layer, .id_field = opt->id,
                       .name_field = opt->name, .options = opts, .count = (long)areas->count};
    if (!s) s = sl_store_add_area_set(st, &row, err);
    for (size_t i = 0; i < areas->count && !s; i++) s = sl_store_add_area(st, set, &areas->items[i], err);
    if (!s) s = sl_store_set_source_rows(st, source_id, (long)areas->count, err);
    long skipped = rep->no_geometry + rep->not_polygon;
    const char *kind = !rep->not_polygon ? "no geometry" : !rep->no_geometry ? "no polygon" : "no geometry or no polygon";
    /* which, and what that costs: us-atlas's Falls Church (51610) has no
    ** shape, so every total of residents leaves its 13,601 out; "1 skipped
    ** (no geometry)" alone did not say whose */
    char why[400];
    const sl_area_examples *ex = &rep->skipped_examples;
    snprintf(why, sizeof why, "%s%s%s%s; no figure counts what lies in %s", kind, ex->n ? ": " : "", ex->text,
             ex->n && skipped > ex->n ? ", and more" : "", skipped == 1 ? "it" : "them");
    if (!s) s = sl_store_set_source_skipped(st, source_id, skipped, skipped ? why : NULL, err);
    if (s && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", path);
    return s;
}

static double population(const sl_area_list *l)
{
    double pop = 0;
    int any = 0;
    for (size_t i = 0; i < l->count; i++)
        if (!isnan(l->items[i].pop)) pop += l->items[i].pop, any = 1;
    return any ? pop : NAN;
}

/* 1 when the import options OPTIONS (JSON) name the area set SET. */
static int options_set_is(const char *options, const char *set)
{
    json_t *o = json_loads(options ? options : "{}", 0, NULL);
    const char *was = json_string_value(json_object_get(o, "set"));
    int same = was && !strcmp(was, set);
    json_decref(o);
    return same;
}

/* An import of a file is one per area set: the same boundaries may feed
** counties and a second set, and --replace of one must not take the other.
** The source of an import into SET is keyed (kind, sha256, snapshot) with
** the set as its snapshot, or "" for the first set the file fed (as stores
** made before recorded every area import). SNAP gets the snapshot; *SAME
** is 1 when that import exists with OPTIONS, so nothing would change. */
static sl_status area_import_key(sl_store *st, const char *sha, const char *set, const char *options, char *snap,
                                 size_t size, int *same, sl_error *err)
{
    sl_arena arena = {0};
    sl_source found;
    int exists = 0;
    *same = 0;
    snprintf(snap, size, "%s", set);
    sl_status s = sl_store_find_source(st, "areas", sha, set, &arena, &found, &exists, err);
    if (!s && !exists) {
        s = sl_store_find_source(st, "areas", sha, "", &arena, &found, &exists, err);
        if (!s && (!exists || options_set_is(found.options, set))) snap[0] = '\0';
        if (exists && snap[0]) exists = 0; /* another set's import */
    }
    if (!s && exists) *same = strcmp(found.options, options) == 0;
    sl_arena_free(&arena);
    return s;
}

sl_status sl_ingest_areas(sl_store *st, const char *set, const char *path, const sl_area_options *opt,
                          int replace, sl_layer_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    res->population = NAN;
    /* One read: the hash recorded is of the very bytes GDAL parses (a
    ** Shapefile's sidecars included). */
    sl_area_input in;
    char demo_sha[65] = "";
    /* the demographics file is an input of every figure per resident: its
    ** bytes are named as the boundaries' are */
    sl_status s = opt->demographics ? sl_hash_file(opt->demographics, demo_sha, err) : SL_OK;
    if (s) return s;
    s = sl_area_input_read(path, &in, res->src.sha256, err);
    if (s) return s;
    char *opts = sl_ingest_layer_options(NULL, set, opt, NULL, opt->demographics ? demo_sha : NULL);
    if (!opts) {
        sl_area_input_free(&in);
        return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    }
    sl_area_list areas = {0};
    char snap[256];
    int same = 0;
    s = sl_store_begin(st, err);
    if (!s) s = area_import_key(st, res->src.sha256, set, opts, snap, sizeof snap, &same, err);
    /* A file that will change nothing is not parsed through GDAL at all;
    ** any other is read before the re-import check, so that a wrong option
    ** is told as such, not as "imported before with other options". */
    if (!s && same && !replace) s = sl_import_source(st, "areas", path, res->src.sha256, snap, opts, 0, &res->src, err);
    if (!s && !res->src.already) {
        s = sl_areas_read_input(&in, opt, &areas, &res->areas, err);
        if (!s) s = sl_import_source(st, "areas", path, res->src.sha256, snap, opts, replace, &res->src, err);
        if (!s) s = store_areas(st, set, path, opt, opts, replace, &res->src, &areas, &res->areas, err);
        if (!s) s = sl_store_commit(st, err);
        if (!s) res->src.rows = (long)areas.count, res->population = population(&areas);
    }
    if (s || res->src.already) sl_store_rollback(st);
    sl_area_list_free(&areas);
    free(opts);
    sl_area_input_free(&in);
    return s;
}
