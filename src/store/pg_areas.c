/*
** pg_areas.c — area sets and their polygons in the PostgreSQL store (see
** pg.h and areas.c, whose rules these follow). The WKB each area was
** imported with is kept as it is, so the join reads back the very bytes it
** reads from SQLite; a PostGIS geometry generated from it, with a GiST
** index, is what QGIS and spatial SQL see. Counts are double precision,
** NULL when unknown (NAN in memory).
**
** A duplicate set name or area id is found by ON CONFLICT DO NOTHING and
** reported as SQLite's constraint is, without aborting the import's
** transaction on the way.
*/
#include "pg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* V as text in BUF, or NULL (SQL NULL) for NAN. */
static const char *count_text(char buf[32], double v)
{
    if (isnan(v)) return NULL;
    snprintf(buf, 32, "%.17g", v);
    return buf;
}

static const char *ltext(char buf[32], long v)
{
    snprintf(buf, 32, "%ld", v);
    return buf;
}

sl_status sl_pg_add_area_set(sl_pg *pg, const sl_area_set *set, sl_error *err)
{
    PGresult *r;
    char source[32], count[32];
    const char *v[] = {set->name,       ltext(source, set->source_id), set->layer ? set->layer : "",
                       set->id_field,   set->name_field,             set->options ? set->options : "{}",
                       ltext(count, set->count)};
    if (sl_pg_run(pg,
                  "INSERT INTO area_sets(name, source_id, layer, id_field, name_field, options, count)"
                  " VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING",
                  7, v, &r, "adding an area set", err))
        return err->status;
    int added = strcmp(PQcmdTuples(r), "1") == 0;
    PQclear(r);
    return added ? SL_OK
                 : sl_fail(err, SL_EDATA, sl_pg_name(pg), 0, "an area set named '%s' already exists", set->name);
}

sl_status sl_pg_find_area_set(sl_pg *pg, const char *name, sl_arena *arena, sl_area_set *out, int *found,
                              sl_error *err)
{
    PGresult *r;
    const char *v[] = {name};
    *found = 0;
    if (sl_pg_run(pg, "SELECT name, source_id, layer, id_field, name_field, options, count FROM area_sets"
                      " WHERE name = $1",
                  1, v, &r, "looking up an area set", err))
        return err->status;
    if (PQntuples(r) == 1) {
        *found = 1;
        out->name = sl_arena_strdup(arena, PQgetvalue(r, 0, 0));
        out->source_id = strtol(PQgetvalue(r, 0, 1), NULL, 10);
        out->layer = sl_arena_strdup(arena, PQgetvalue(r, 0, 2));
        out->id_field = sl_arena_strdup(arena, PQgetvalue(r, 0, 3));
        out->name_field = sl_arena_strdup(arena, PQgetvalue(r, 0, 4));
        out->options = sl_arena_strdup(arena, PQgetvalue(r, 0, 5));
        out->count = strtol(PQgetvalue(r, 0, 6), NULL, 10);
    }
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_add_area(sl_pg *pg, const char *set, const sl_area *a, sl_error *err)
{
    PGresult *r;
    char num[10][32];
    const char *v[] = {set,
                       a->id,
                       a->name,
                       count_text(num[0], a->pop),
                       count_text(num[1], a->black),
                       count_text(num[2], a->hispanic),
                       count_text(num[3], a->white_nh),
                       count_text(num[4], a->foreign_born),
                       count_text(num[5], a->area_km2),
                       (const char *)a->wkb,
                       count_text(num[6], a->minx),
                       count_text(num[7], a->miny),
                       count_text(num[8], a->maxx),
                       count_text(num[9], a->maxy)};
    int lengths[14] = {0}, formats[14] = {0};
    lengths[9] = (int)a->wkb_len;
    formats[9] = 1;
    if (sl_pg_run_bin(pg,
                      "INSERT INTO areas(fid, set_name, id, name, pop, black, hispanic, white_nh, foreign_born,"
                      " area_km2, wkb, minx, miny, maxx, maxy) VALUES((SELECT coalesce(max(fid), 0) + 1 FROM areas),"
                      " $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
                      " ON CONFLICT (set_name, id) DO NOTHING",
                      14, v, lengths, formats, 0, &r, "adding an area", err))
        return err->status;
    int added = strcmp(PQcmdTuples(r), "1") == 0;
    PQclear(r);
    return added ? SL_OK : sl_fail(err, SL_EDATA, "", 0, "area id '%s' appears twice in set '%s'", a->id, set);
}


static int read_area(const PGresult *r, int i, sl_arena *ar, sl_area *a)
{
    a->id = sl_arena_strdup(ar, PQgetvalue(r, i, 0));
    a->name = sl_arena_strdup(ar, PQgetvalue(r, i, 1));
    double *counts[] = {&a->pop, &a->black, &a->hispanic, &a->white_nh, &a->foreign_born, &a->area_km2};
    for (int k = 0; k < 6; k++) *counts[k] = sl_pg_f8(r, i, 2 + k);
    a->wkb_len = (size_t)PQgetlength(r, i, 8);
    unsigned char *wkb = sl_arena_alloc(ar, a->wkb_len ? a->wkb_len : 1);
    if (!wkb || !a->id || !a->name) return -1;
    memcpy(wkb, PQgetvalue(r, i, 8), a->wkb_len);
    a->wkb = wkb;
    /* a NULL box reads as 0, as sqlite3_column_double gives */
    double *box[] = {&a->minx, &a->miny, &a->maxx, &a->maxy};
    for (int k = 0; k < 4; k++) *box[k] = PQgetisnull(r, i, 9 + k) ? 0 : sl_pg_f8(r, i, 9 + k);
    return 0;
}

sl_status sl_pg_load_areas(sl_pg *pg, const char *set, sl_area_list *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    int found = 0;
    if (sl_pg_find_area_set(pg, set, &out->arena, &out->set, &found, err)) return err->status;
    if (!found) return sl_fail(err, SL_EDATA, sl_pg_name(pg), 0, "no area set named '%s'", set);
    PGresult *r;
    const char *v[] = {set};
    if (sl_pg_run_bin(pg,
                      "SELECT id, name, pop, black, hispanic, white_nh, foreign_born, area_km2, wkb, minx, miny,"
                      " maxx, maxy FROM areas WHERE set_name = $1 ORDER BY fid",
                      1, v, NULL, NULL, 1, &r, "loading areas", err)) {
        sl_area_list_free(out);
        return err->status;
    }
    int n = PQntuples(r);
    out->items = malloc((n ? (size_t)n : 1) * sizeof *out->items);
    sl_status s = out->items ? SL_OK : sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    for (int i = 0; !s && i < n; i++)
        if (read_area(r, i, &out->arena, &out->items[out->count++])) s = sl_fail(err, SL_ENOMEM, "", 0, "out of memory");
    PQclear(r);
    if (s) sl_area_list_free(out);
    return s;
}

sl_status sl_pg_area_coverage(sl_pg *pg, const char *set, long *areas, long missing[5], sl_error *err)
{
    PGresult *r;
    const char *v[] = {set};
    *areas = 0;
    memset(missing, 0, 5 * sizeof *missing);
    if (sl_pg_run(pg,
                  "SELECT count(*), count(*) - count(pop), count(*) - count(black), count(*) - count(hispanic),"
                  " count(*) - count(white_nh), count(*) - count(foreign_born) FROM areas WHERE set_name = $1",
                  1, v, &r, "counting areas", err))
        return err->status;
    *areas = strtol(PQgetvalue(r, 0, 0), NULL, 10);
    for (int i = 0; i < 5; i++) missing[i] = strtol(PQgetvalue(r, 0, i + 1), NULL, 10);
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_area_set_extent(sl_pg *pg, const char *set, double box[4], sl_error *err)
{
    PGresult *r;
    const char *v[] = {set};
    if (sl_pg_run(pg, "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM areas WHERE set_name = $1", 1, v, &r,
                  "reading the extent of an area set", err))
        return err->status;
    for (int i = 0; i < 4; i++) box[i] = PQgetisnull(r, 0, i) ? NAN : strtod(PQgetvalue(r, 0, i), NULL);
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_area_ids(sl_pg *pg, const char *set, sl_arena *arena, const char ***ids, size_t *count, sl_error *err)
{
    const char *v[] = {set};
    return sl_pg_strings(pg, "SELECT id COLLATE \"C\" FROM areas WHERE set_name = $1 ORDER BY 1", 1, v, arena, ids,
                         count, "listing area ids", err);
}

sl_status sl_pg_area_residents(sl_pg *pg, const char *set, const char *id, double *pop, int *found, sl_error *err)
{
    PGresult *r;
    *found = 0;
    *pop = NAN;
    const char *v[] = {set, id};
    if (sl_pg_run(pg, "SELECT pop FROM areas WHERE set_name = $1 AND id = $2", 2, v, &r, "looking up an area", err))
        return err->status;
    if (PQntuples(r) == 1) {
        *found = 1;
        if (!PQgetisnull(r, 0, 0)) *pop = strtod(PQgetvalue(r, 0, 0), NULL);
    }
    PQclear(r);
    return SL_OK;
}

sl_status sl_pg_area_sets(sl_pg *pg, sl_arena *arena, const char ***names, size_t *count, sl_error *err)
{
    return sl_pg_strings(pg, "SELECT name COLLATE \"C\" FROM area_sets ORDER BY 1", 0, NULL, arena, names, count,
                         "listing area sets", err);
}
