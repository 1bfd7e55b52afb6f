/*
** pg_requests.c — requests, baselines and link corrections in the
** PostgreSQL store (see pg.h; the SQLite side is requests.c, baselines.c and
** crosswalk.c, whose rules these follow). Requests keep their WKB as
** imported, read back byte for byte, beside a PostGIS geometry (the polygon,
** else the point) with a GiST index for QGIS.
*/
#include "internal.h"
#include "pg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* V as text in BUF, or NULL (SQL NULL) when not finite. */
static const char *num(char buf[32], double v)
{
    if (!isfinite(v)) return NULL;
    snprintf(buf, 32, "%.17g", v);
    return buf;
}


/* An int8 of a binary result (0 for NULL). */
static long i8(const PGresult *r, int row, int c)
{
    if (PQgetisnull(r, row, c)) return 0;
    const unsigned char *p = (const unsigned char *)PQgetvalue(r, row, c);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = v << 8 | p[i];
    return (long)(int64_t)v;
}

/* ---- requests ------------------------------------------------------------- */

sl_status sl_pg_add_request(sl_pg *pg, const sl_request *r, sl_error *err)
{
    char n[9][32], date[11];
    const char *v[] = {sl_pg_num(n[0], r->source_id),
                       sl_pg_num(n[1], r->line),
                       r->record_id,
                       r->agency,
                       r->state,
                       r->agency_id ? sl_pg_num(n[2], r->agency_id) : NULL,
                       r->date.precision ? sl_date_format(&r->date, date) : NULL,
                       sl_precision_name(r->date.precision),
                       num(n[3], r->lat),
                       num(n[4], r->lon),
                       num(n[5], r->radius_m),
                       (const char *)r->wkb,
                       num(n[6], r->recipients),
                       num(n[7], r->videos)};
    int lengths[14] = {0}, formats[14] = {0};
    lengths[11] = (int)r->wkb_len;
    formats[11] = 1;
    return sl_pg_run_bin(pg,
                         "INSERT INTO requests(id, source_id, line, record_id, agency, state, agency_id, date,"
                         " date_precision, lat, lon, radius_m, wkb, recipients, videos)"
                         " VALUES((SELECT coalesce(max(id), 0) + 1 FROM requests), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                         14, v, lengths, formats, 0, NULL, "adding a request", err);
}

static int read_request(const PGresult *res, int i, sl_arena *a, sl_request *r)
{
    memset(r, 0, sizeof *r);
    r->id = i8(res, i, 0);
    r->source_id = i8(res, i, 1);
    r->line = i8(res, i, 2);
    r->record_id = sl_arena_strdup(a, PQgetvalue(res, i, 3));
    r->agency = sl_arena_strdup(a, PQgetvalue(res, i, 4));
    r->state = sl_store_state_read(sl_arena_strdup(a, PQgetvalue(res, i, 5)));
    if (!r->record_id || !r->agency || !r->state) return -1;
    r->agency_id = i8(res, i, 6);
    if (PQgetisnull(res, i, 7) || !sl_date_parse(PQgetvalue(res, i, 7), NULL, &r->date))
        memset(&r->date, 0, sizeof r->date);
    r->lat = sl_pg_f8(res, i, 8);
    r->lon = sl_pg_f8(res, i, 9);
    r->radius_m = sl_pg_f8(res, i, 10);
    r->wkb_len = PQgetisnull(res, i, 11) ? 0 : (size_t)PQgetlength(res, i, 11);
    if (r->wkb_len) {
        unsigned char *copy = sl_arena_alloc(a, r->wkb_len);
        if (!copy) return -1;
        memcpy(copy, PQgetvalue(res, i, 11), r->wkb_len);
        r->wkb = copy;
    }
    r->recipients = sl_pg_f8(res, i, 12);
    r->videos = sl_pg_f8(res, i, 13);
    return 0;
}

sl_status sl_pg_load_requests(sl_pg *pg, int unlinked, sl_request_list *out, sl_error *err)
{
#define SELECT_REQUESTS                                                                                              \
    "SELECT id, source_id, line, record_id, agency, state, agency_id, date, lat, lon, radius_m, wkb, recipients,"   \
    " videos FROM requests"
    PGresult *r;
    memset(out, 0, sizeof *out);
    if (sl_pg_run_bin(pg, unlinked ? SELECT_REQUESTS " WHERE agency_id IS NULL ORDER BY id" : SELECT_REQUESTS " ORDER BY id",
                      0, NULL, NULL, NULL, 1, &r, "loading requests", err))
        return err->status;
#undef SELECT_REQUESTS
    int n = PQntuples(r);
    out->items = n ? malloc((size_t)n * sizeof *out->items) : NULL;
    sl_status s = n && !out->items ? SL_ENOMEM : SL_OK;
    for (int i = 0; !s && i < n; i++)
        if (read_request(r, i, &out->arena, &out->items[out->count++])) s = SL_ENOMEM;
    PQclear(r);
    if (!s) return SL_OK;
    sl_request_list_free(out);
    return sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory loading requests");
}

sl_status sl_pg_link_request(sl_pg *pg, long request_id, long agency_id, sl_error *err)
{
    char a[32], id[32];
    const char *v[] = {agency_id ? sl_pg_num(a, agency_id) : NULL, sl_pg_num(id, request_id)};
    return sl_pg_run(pg, "UPDATE requests SET agency_id = $1 WHERE id = $2", 2, v, NULL,
                     "linking a request to its agency", err);
}

/* ---- baselines -------------------------------------------------------------- */

sl_status sl_pg_put_baseline(sl_pg *pg, const char *name, const char *label, long source_id,
                             const double shares[SL_GROUP_COUNT], sl_error *err)
{
    char n[1 + SL_GROUP_COUNT][32];
    const char *v[3 + SL_GROUP_COUNT] = {name, label, sl_pg_num(n[0], source_id)};
    for (int g = 0; g < SL_GROUP_COUNT; g++) v[3 + g] = num(n[1 + g], shares[g]);
    return sl_pg_run(pg,
                     "INSERT INTO baselines(name, label, source_id, black, hispanic, foreign_born, white_nh)"
                     " VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO UPDATE SET label = $2,"
                     " source_id = $3, black = $4, hispanic = $5, foreign_born = $6, white_nh = $7",
                     3 + SL_GROUP_COUNT, v, NULL, "saving the baseline", err);
}

sl_status sl_pg_load_baseline(sl_pg *pg, const char *name, double shares[SL_GROUP_COUNT], char *label,
                              size_t label_len, int *found, sl_error *err)
{
    PGresult *r;
    const char *v[] = {name};
    if (sl_pg_run_bin(pg, "SELECT label, black, hispanic, foreign_born, white_nh FROM baselines WHERE name = $1", 1, v,
                      NULL, NULL, 1, &r, "loading the baseline", err))
        return err->status;
    *found = PQntuples(r) == 1;
    if (*found) {
        snprintf(label, label_len, "%.*s", PQgetlength(r, 0, 0), PQgetvalue(r, 0, 0));
        for (int g = 0; g < SL_GROUP_COUNT; g++) shares[g] = sl_pg_f8(r, 0, 1 + g);
    }
    PQclear(r);
    return SL_OK; /* the message for none is baselines.c's, the same for both stores */
}

sl_status sl_pg_baselines(sl_pg *pg, sl_arena *arena, const char ***names, size_t *count, sl_error *err)
{
    return sl_pg_strings(pg, "SELECT name COLLATE \"C\" FROM baselines ORDER BY 1", 0, NULL, arena, names, count,
                         "listing baselines", err);
}

/* ---- link corrections -------------------------------------------------------- */

sl_status sl_pg_add_crosswalk(sl_pg *pg, long source_id, long line, const char *record_id, const char *ori,
                              sl_error *err)
{
    char s[32], l[32];
    const char *v[] = {sl_pg_num(s, source_id), sl_pg_num(l, line), record_id, ori};
    return sl_pg_run(pg, "INSERT INTO link_crosswalk(source_id, line, record_id, ori) VALUES($1, $2, $3, $4)", 4, v,
                     NULL, "storing a link correction", err);
}

sl_status sl_pg_load_crosswalk(sl_pg *pg, sl_crosswalk *out, sl_error *err)
{
    PGresult *r;
    memset(out, 0, sizeof *out);
    /* a record corrected twice: the newest import wins */
    if (sl_pg_run(pg, "SELECT record_id, ori FROM link_crosswalk ORDER BY source_id, line", 0, NULL, &r,
                  "reading link corrections", err))
        return err->status;
    int n = PQntuples(r);
    out->items = n ? malloc((size_t)n * sizeof *out->items) : NULL;
    sl_status s = n && !out->items ? SL_ENOMEM : SL_OK;
    for (int i = 0; !s && i < n; i++) {
        sl_crosswalk_entry *e = &out->items[out->count++];
        e->record_id = sl_arena_strdup(&out->arena, PQgetvalue(r, i, 0));
        e->ori = PQgetisnull(r, i, 1) ? NULL : sl_arena_strdup(&out->arena, PQgetvalue(r, i, 1));
        if (!e->record_id || (!PQgetisnull(r, i, 1) && !e->ori)) s = SL_ENOMEM;
    }
    PQclear(r);
    if (!s) return SL_OK;
    sl_crosswalk_free(out);
    return sl_fail(err, SL_ENOMEM, sl_pg_name(pg), 0, "out of memory");
}
