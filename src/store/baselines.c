/*
** baselines.c — the baselines table (see include/sightline/baseline.h).
*/
#include "internal.h"
#include "sightline/baseline.h"
#include "sightline/file.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS baselines(name TEXT PRIMARY KEY, label TEXT NOT NULL,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  black REAL, hispanic REAL, foreign_born REAL, white_nh REAL);";

static sl_status save(sl_store *st, const char *name, const char *label, long source_id,
                      const double shares[SL_GROUP_COUNT], sl_error *err)
{
    sqlite3_stmt *s;
    if (sl_store_exec(st, SCHEMA, err)) return err->status;
    if (sl_store_prepare(st, "INSERT OR REPLACE INTO baselines VALUES(?,?,?,?,?,?,?)", &s, err)) return err->status;
    sl_bind_text(s, 1, name);
    sl_bind_text(s, 2, label);
    sqlite3_bind_int64(s, 3, source_id);
    for (int g = 0; g < SL_GROUP_COUNT; g++) {
        if (isfinite(shares[g])) sqlite3_bind_double(s, 4 + g, shares[g]);
        else sqlite3_bind_null(s, 4 + g);
    }
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "saving the baseline");
}

sl_status sl_import_baseline(sl_store *st, const char *name, const char *dp05, const char *dp02,
                             const char *geo, sl_import_result *res, sl_error *err)
{
    double shares[SL_GROUP_COUNT];
    char label[256];
    memset(res, 0, sizeof *res);
    sl_status s = sl_baseline_read_acs(dp05, dp02, geo, shares, label, sizeof label, err);
    if (!s) s = sl_hash_file(dp05, res->sha256, err);
    if (s) return s;
    if ((s = sl_store_begin(st, err))) return s;
    sl_source src = {.kind = "baseline", .file_name = sl_basename(dp05), .sha256 = res->sha256,
                     .snapshot = name, .options = "{}", .rows = 1};
    s = sl_store_add_source(st, &src, err);
    if (!s) s = save(st, name, label, src.id, shares, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    res->rows = 1;
    res->source_id = src.id;
    return s;
}

sl_status sl_store_load_baseline(sl_store *st, const char *name, double shares[SL_GROUP_COUNT],
                                 char *label, size_t label_len, sl_error *err)
{
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "baselines"))
        return sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                       "no baseline '%s' (sightline import baseline DP05.csv --name %s)", name, name);
    if (sl_store_prepare(st, "SELECT label, black, hispanic, foreign_born, white_nh FROM baselines WHERE name=?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, name);
    int found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        snprintf(label, label_len, "%s", (const char *)sqlite3_column_text(s, 0));
        for (int g = 0; g < SL_GROUP_COUNT; g++)
            shares[g] = sqlite3_column_type(s, 1 + g) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 1 + g);
    }
    sqlite3_finalize(s);
    return found ? SL_OK : sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no baseline named '%s'", name);
}
