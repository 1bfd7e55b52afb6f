/*
** baselines.c — the baselines table (see sightline/store/baseline.h); the
** import that fills it is ingest/baselines.c.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/baseline.h"
#include "sightline/core/file.h"
#include "sightline/core/names.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *SCHEMA =
    "CREATE TABLE IF NOT EXISTS baselines(name TEXT PRIMARY KEY, label TEXT NOT NULL,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  black REAL, hispanic REAL, foreign_born REAL, white_nh REAL);";

sl_status sl_store_put_baseline(sl_store *st, const char *name, const char *label, long source_id,
                                const double shares[SL_GROUP_COUNT], sl_error *err)
{
    sqlite3_stmt *s;
    if (!sl_store_pg(st) && sl_store_exec(st, SCHEMA, err)) return err->status;
    /* a baseline of that name from another import is replaced: its version
    ** is kept, for `rm` of this import to put back */
    if (sl_store_keep_version(st, SL_KIND_BASELINE, 0, name, source_id, err)) return err->status;
    if (sl_store_pg(st)) return sl_pg_put_baseline(sl_store_pg(st), name, label, source_id, shares, err);
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

sl_status sl_store_baselines(sl_store *st, sl_arena *arena, const char ***names, size_t *count, sl_error *err)
{
    *names = NULL;
    *count = 0;
    if (sl_store_pg(st)) return sl_pg_baselines(sl_store_pg(st), arena, names, count, err);
    if (!sl_store_has_table(st, "baselines")) return SL_OK; /* a read creates no table */
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT name FROM baselines ORDER BY name", &s, err)) return err->status;
    sl_status rc = sl_store_load_texts(st, s, arena, names, count, "baselines", err);
    sqlite3_finalize(s);
    return rc;
}

/* No baseline NAME: the error names those the store holds, so that a name
** mistyped, or a baseline imported under another, is found from here. */
static sl_status no_baseline(sl_store *st, const char *name, sl_error *err)
{
    sl_arena arena = {0};
    const char **names;
    size_t n;
    sl_status rc = sl_store_baselines(st, &arena, &names, &n, err);
    char list[600], hint[96];
    if (!rc && !n)
        rc = sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                     "no baseline named '%s': the store has none yet (sightline import baseline DP05.csv --name %s)",
                     name, name);
    else if (!rc)
        rc = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no baseline named '%s' (the store has: %s)%s", name,
                     sl_names_joined(names, n, list, sizeof list), sl_name_hint(name, names, n, hint, sizeof hint));
    sl_arena_free(&arena);
    return rc;
}

sl_status sl_store_load_baseline(sl_store *st, const char *name, double shares[SL_GROUP_COUNT],
                                 char *label, size_t label_len, sl_error *err)
{
    sqlite3_stmt *s;
    int found = 0;
    if (sl_store_pg(st)) {
        if (sl_pg_load_baseline(sl_store_pg(st), name, shares, label, label_len, &found, err)) return err->status;
        return found ? SL_OK : no_baseline(st, name, err);
    }
    if (!sl_store_has_table(st, "baselines")) return no_baseline(st, name, err);
    if (sl_store_prepare(st, "SELECT label, black, hispanic, foreign_born, white_nh FROM baselines WHERE name=?",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, name);
    found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        snprintf(label, label_len, "%s", (const char *)sqlite3_column_text(s, 0));
        for (int g = 0; g < SL_GROUP_COUNT; g++)
            shares[g] = sqlite3_column_type(s, 1 + g) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 1 + g);
    }
    sqlite3_finalize(s);
    return found ? SL_OK : no_baseline(st, name, err);
}
