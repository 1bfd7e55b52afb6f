/*
** admin.c — the admin token's hash and the areas' centres (see
** sightline/store/admin.h).
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/admin.h"

#include <stdio.h>
#include <string.h>

sl_status sl_store_admin_token_set(sl_store *st, const char *hash, long long now, sl_error *err)
{
    sqlite3_stmt *s;
    if (strlen(hash) != 64) return sl_fail(err, SL_EUSAGE, NULL, 0, "an admin token hash is 64 hex digits");
    if (sl_store_pg(st)) return sl_pg_admin_token_set(sl_store_pg(st), hash, now, err);
    if (sl_store_prepare(st, "INSERT OR REPLACE INTO meta VALUES('admin_token_sha256', ?1),"
                             " ('admin_token_created', ?2)", &s, err))
        return err->status;
    char when[32];
    snprintf(when, sizeof when, "%lld", now);
    sl_bind_text(s, 1, hash);
    sl_bind_text(s, 2, when);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "saving the admin token");
}

sl_status sl_store_admin_token_get(sl_store *st, char hex[65], int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_admin_token_get(sl_store_pg(st), hex, found, err);
    sqlite3_stmt *s;
    *found = 0;
    hex[0] = '\0';
    if (sl_store_prepare(st, "SELECT value FROM meta WHERE key='admin_token_sha256'", &s, err)) return err->status;
    int rc = sqlite3_step(s);
    const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    if (v && strlen(v) == 64) {
        memcpy(hex, v, 65);
        *found = 1;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "reading the admin token");
}

sl_status sl_store_form_secret_get(sl_store *st, char out[64], int *found, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_form_secret_get(sl_store_pg(st), out, found, err);
    sqlite3_stmt *s;
    *found = 0;
    out[0] = '\0';
    if (sl_store_prepare(st, "SELECT value FROM meta WHERE key='form_secret'", &s, err)) return err->status;
    int rc = sqlite3_step(s);
    const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    if (v && strlen(v) >= 32 && strlen(v) < 64) {
        memcpy(out, v, strlen(v) + 1);
        *found = 1;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "reading the form secret");
}

sl_status sl_store_form_secret_add(sl_store *st, const char *secret, sl_error *err)
{
    if (strlen(secret) < 32 || strlen(secret) >= 64)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "a form secret is 32 to 63 characters");
    if (sl_store_pg(st)) return sl_pg_form_secret_add(sl_store_pg(st), secret, err);
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "INSERT OR IGNORE INTO meta VALUES('form_secret', ?1)", &s, err)) return err->status;
    sl_bind_text(s, 1, secret);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "saving the form secret");
}

sl_status sl_store_area_centres(sl_store *st, const char *set, sl_area_centre_fn fn, void *ctx, sl_error *err)
{
    if (sl_store_pg(st)) return sl_pg_area_centres(sl_store_pg(st), set, fn, ctx, err);
    sqlite3_stmt *s;
    if (!sl_store_has_table(st, "areas")) return SL_OK;
    if (sl_store_prepare(st, "SELECT id, coalesce(name, id), (miny + maxy) / 2, (minx + maxx) / 2 FROM areas"
                             " WHERE set_name = ?1 AND minx IS NOT NULL ORDER BY name, id", &s, err))
        return err->status;
    sl_bind_text(s, 1, set);
    sl_status rc = SL_OK;
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
                sqlite3_column_double(s, 2), sqlite3_column_double(s, 3), ctx, err);
    if (!rc && step != SQLITE_DONE) rc = sl_store_fail(st, err, "reading the areas");
    sqlite3_finalize(s);
    return rc;
}
