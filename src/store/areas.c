/*
** areas.c — area sets and their polygons (see include/sightline/store/store_layers.h).
**
** One row per area: a few thousand tracts or counties per set. Geometry is
** ISO WKB in WGS84 lon/lat in a column named geom with its bounding box
** beside it, so GDAL/QGIS users can read the table as a plain attribute
** table with a WKB column and the join engine can filter by box without
** decoding. People counts are REAL (NULL when unknown) because counts derived
** from percentages are not whole numbers.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/store_layers.h"
#include "sightline/core/names.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *AREA_SCHEMA =
    "CREATE TABLE IF NOT EXISTS area_sets("
    "  name TEXT PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  layer TEXT NOT NULL DEFAULT '', id_field TEXT, name_field TEXT,"
    "  options TEXT NOT NULL DEFAULT '{}', count INTEGER NOT NULL DEFAULT 0,"
    "  srs TEXT NOT NULL DEFAULT 'EPSG:4326');"
    "CREATE TABLE IF NOT EXISTS areas("
    "  fid INTEGER PRIMARY KEY, set_name TEXT NOT NULL REFERENCES area_sets(name) ON DELETE CASCADE,"
    "  id TEXT NOT NULL, name TEXT, pop REAL, black REAL, hispanic REAL, white_nh REAL,"
    "  foreign_born REAL, area_km2 REAL, geom BLOB NOT NULL,"
    "  minx REAL, miny REAL, maxx REAL, maxy REAL, UNIQUE(set_name, id));";

/* The area tables, created by the first area set written; until then a
** store, whatever its handle, simply holds no area set (has_areas). */
static sl_status ensure(sl_store *st, sl_error *err)
{
    return sl_store_exec(st, AREA_SCHEMA, err);
}

static int has_areas(sl_store *st) { return sl_store_has_table(st, "areas"); }

static void bind_count(sqlite3_stmt *s, int i, double v)
{
    if (isnan(v)) sqlite3_bind_null(s, i);
    else sqlite3_bind_double(s, i, v);
}

static double column_count(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

sl_status sl_store_add_area_set(sl_store *st, const sl_area_set *set, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_add_area_set(sl_store_pg(st), set, err);
    if (ensure(st, err)) return err->status;
    sqlite3_stmt *s;
    if (sl_store_prepare(st,
                         "INSERT INTO area_sets(name, source_id, layer, id_field, name_field, options, count)"
                         " VALUES(?,?,?,?,?,?,?)",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, set->name);
    sqlite3_bind_int64(s, 2, set->source_id);
    sl_bind_text(s, 3, set->layer ? set->layer : "");
    sl_bind_text(s, 4, set->id_field);
    sl_bind_text(s, 5, set->name_field);
    sl_bind_text(s, 6, set->options ? set->options : "{}");
    sqlite3_bind_int64(s, 7, set->count);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_CONSTRAINT)
        return sl_fail(err, SL_EDATA, sl_store_path(st), 0, "an area set named '%s' already exists",
                       set->name);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "adding an area set");
}

static void read_set(sqlite3_stmt *s, sl_arena *a, sl_area_set *out)
{
    out->name = sl_column_text(s, 0, a);
    out->source_id = (long)sqlite3_column_int64(s, 1);
    out->layer = sl_column_text(s, 2, a);
    out->id_field = sl_column_text(s, 3, a);
    out->name_field = sl_column_text(s, 4, a);
    out->options = sl_column_text(s, 5, a);
    out->count = (long)sqlite3_column_int64(s, 6);
}

sl_status sl_store_find_area_set(sl_store *st, const char *name, sl_arena *arena,
                                 sl_area_set *out, int *found, sl_error *err)
{
    *found = 0;
    if (sl_store_pg(st)) return sl_pg_find_area_set(sl_store_pg(st), name, arena, out, found, err);
    if (!has_areas(st)) return SL_OK; /* a read creates no table */
    sqlite3_stmt *s;
    if (sl_store_prepare(st,
                         "SELECT name, source_id, layer, id_field, name_field, options, count"
                         " FROM area_sets WHERE name=?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, name);
    *found = sqlite3_step(s) == SQLITE_ROW;
    if (*found) read_set(s, arena, out);
    sqlite3_finalize(s);
    return SL_OK;
}

sl_status sl_store_add_area(sl_store *st, const char *set, const sl_area *a, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_add_area(sl_store_pg(st), set, a, err);
    sqlite3_stmt *s;
    if (sl_store_prepare(st,
                         "INSERT INTO areas(set_name, id, name, pop, black, hispanic, white_nh,"
                         " foreign_born, area_km2, geom, minx, miny, maxx, maxy)"
                         " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, set);
    sl_bind_text(s, 2, a->id);
    sl_bind_text(s, 3, a->name);
    bind_count(s, 4, a->pop);
    bind_count(s, 5, a->black);
    bind_count(s, 6, a->hispanic);
    bind_count(s, 7, a->white_nh);
    bind_count(s, 8, a->foreign_born);
    bind_count(s, 9, a->area_km2);
    sqlite3_bind_blob(s, 10, a->wkb, (int)a->wkb_len, SQLITE_STATIC);
    sqlite3_bind_double(s, 11, a->minx);
    sqlite3_bind_double(s, 12, a->miny);
    sqlite3_bind_double(s, 13, a->maxx);
    sqlite3_bind_double(s, 14, a->maxy);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_CONSTRAINT)
        return sl_fail(err, SL_EDATA, "", 0, "area id '%s' appears twice in set '%s'", a->id, set);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "adding an area");
}

/* One areas row (sl_store_row_fn). */
static int read_area(sqlite3_stmt *s, sl_arena *ar, void *item)
{
    sl_area *a = item;
    a->id = sl_column_text(s, 0, ar);
    a->name = sl_column_text(s, 1, ar);
    a->pop = column_count(s, 2);
    a->black = column_count(s, 3);
    a->hispanic = column_count(s, 4);
    a->white_nh = column_count(s, 5);
    a->foreign_born = column_count(s, 6);
    a->area_km2 = column_count(s, 7);
    a->wkb_len = (size_t)sqlite3_column_bytes(s, 8);
    unsigned char *wkb = sl_arena_alloc(ar, a->wkb_len ? a->wkb_len : 1);
    if (!wkb || !a->id || !a->name) return -1;
    memcpy(wkb, sqlite3_column_blob(s, 8), a->wkb_len);
    a->wkb = wkb;
    a->minx = sqlite3_column_double(s, 9);
    a->miny = sqlite3_column_double(s, 10);
    a->maxx = sqlite3_column_double(s, 11);
    a->maxy = sqlite3_column_double(s, 12);
    return 0;
}

sl_status sl_store_no_area_set(sl_store *st, const char *set, sl_error *err)
{
    sl_arena arena = {0};
    const char **names = NULL;
    size_t n = 0;
    sl_status rc = sl_store_area_sets(st, &arena, &names, &n, err);
    if (!rc && !n)
        rc = sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                     "no area set named '%s': the store has none yet (sightline import areas FILE --set %s ...)",
                     set, set);
    char list[600], hint[96];
    if (!rc && n)
        rc = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no area set named '%s' (the store has: %s)%s", set,
                     sl_names_joined(names, n, list, sizeof list), sl_name_hint(set, names, n, hint, sizeof hint));
    sl_arena_free(&arena);
    return rc;
}

sl_status sl_store_load_areas(sl_store *st, const char *set, sl_area_list *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    int found = 0;
    if (sl_store_find_area_set(st, set, &out->arena, &out->set, &found, err)) return err->status;
    if (!found || sl_store_pg(st)) sl_area_list_free(out); /* PostgreSQL's loader finds the set itself */
    if (!found) return sl_store_no_area_set(st, set, err); /* naming the sets there are */
    if (sl_store_pg(st)) return sl_pg_load_areas(sl_store_pg(st), set, out, err);
    sqlite3_stmt *s;
    if (sl_store_prepare(st,
                         "SELECT id, name, pop, black, hispanic, white_nh, foreign_born, area_km2,"
                         " geom, minx, miny, maxx, maxy FROM areas WHERE set_name=? ORDER BY fid",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, set);
    sl_status rc = sl_store_load_rows(st, s, (void **)&out->items, &out->count, sizeof *out->items, &out->arena,
                                      read_area, "areas", err);
    sqlite3_finalize(s);
    if (rc) sl_area_list_free(out); /* the set name, the records and their strings */
    return rc;
}

sl_status sl_store_area_sets(sl_store *st, sl_arena *arena, const char ***names, size_t *count,
                             sl_error *err)
{
    *names = NULL;
    *count = 0;
    if (sl_store_pg(st)) return sl_pg_area_sets(sl_store_pg(st), arena, names, count, err);
    if (!has_areas(st)) return SL_OK; /* a read creates no table */
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT name FROM area_sets ORDER BY name",
                         &s, err))
        return err->status;
    sl_status rc = sl_store_load_texts(st, s, arena, names, count, "area sets", err);
    sqlite3_finalize(s);
    return rc;
}

sl_status sl_store_area_set_extent(sl_store *st, const char *set, double box[4], sl_error *err)
{
    box[0] = box[1] = box[2] = box[3] = NAN;
    if (sl_store_pg(st)) return sl_pg_area_set_extent(sl_store_pg(st), set, box, err);
    if (!has_areas(st)) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM areas WHERE set_name=?", &s, err))
        return err->status;
    sl_bind_text(s, 1, set);
    int rc = sqlite3_step(s);
    for (int i = 0; rc == SQLITE_ROW && i < 4; i++)
        if (sqlite3_column_type(s, i) != SQLITE_NULL) box[i] = sqlite3_column_double(s, i);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "reading the extent of an area set");
}

sl_status sl_store_area_ids(sl_store *st, const char *set, sl_arena *arena, const char ***ids, size_t *count,
                            sl_error *err)
{
    *ids = NULL;
    *count = 0;
    if (sl_store_pg(st)) return sl_pg_area_ids(sl_store_pg(st), set, arena, ids, count, err);
    if (!has_areas(st)) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT id FROM areas WHERE set_name=? ORDER BY id", &s, err)) return err->status;
    sl_bind_text(s, 1, set);
    sl_status rc = sl_store_load_texts(st, s, arena, ids, count, "area ids", err);
    sqlite3_finalize(s);
    return rc;
}

sl_status sl_store_area_coverage(sl_store *st, const char *set, long *areas, long missing[5], sl_error *err)
{
    *areas = 0;
    memset(missing, 0, 5 * sizeof *missing);
    if (sl_store_pg(st)) return sl_pg_area_coverage(sl_store_pg(st), set, areas, missing, err);
    if (!sl_store_has_table(st, "areas")) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st,
                         "SELECT COUNT(*), COUNT(*)-COUNT(pop), COUNT(*)-COUNT(black), COUNT(*)-COUNT(hispanic),"
                         " COUNT(*)-COUNT(white_nh), COUNT(*)-COUNT(foreign_born) FROM areas WHERE set_name=?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, set);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *areas = (long)sqlite3_column_int64(s, 0);
        for (int i = 0; i < 5; i++) missing[i] = (long)sqlite3_column_int64(s, i + 1);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? SL_OK : sl_store_fail(st, err, "counting areas");
}
