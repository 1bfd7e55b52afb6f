/*
** fuzz_atlas.c — libFuzzer target for partnership imports: the Atlas preset
** and the column-mapping path (sl_import_partnerships_buffer), into an
** in-memory store. The first byte picks the mapping; a failed import must
** leave the store empty.
**
** Opening a store (creating its schema) cost 70% of each run, so one store is
** opened once and every row of every table is deleted after each input: the
** next input meets the same empty store a fresh open would give it, and a
** finding still reproduces from its input alone.
*/
#include "sightline/import.h"
#include "sightline/store.h"
#include "store/internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const FORMATS[] = {NULL, "%m/%d/%Y", "%Y-%m-%d", "%d %B %Y", "%b %y", "%Y"};

static sl_partnership_mapping mapping(uint8_t b)
{
    sl_partnership_mapping m = {.snapshot = (b & 0x40) ? NULL : "2020-10-07"};
    if (b & 1) {
        m.preset = "atlas";
        if (b & 2) m.date_col = "Link 1 Date"; /* named: a bad date becomes an error */
        return m;
    }
    m.name_col = "agency";
    m.state_col = "state";
    if (b & 2) m.tech_col = "tech";
    else m.tech = "Drones";
    if (b & 4) m.summary_col = "summary";
    if (b & 8) m.date_col = "date";
    m.date_format = FORMATS[(b >> 4) % 6];
    return m;
}

/* Delete every row of every table (the schema stays). */
static void empty_store(sl_store *st)
{
    sqlite3 *db = sl_store_db(st);
    sqlite3_stmt *q;
    /* Tables reference each other; order does not matter with checks off. */
    if (sqlite3_exec(db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL)) __builtin_trap();
    if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table'"
                               " AND name NOT LIKE 'sqlite_%' AND name <> 'meta'", -1, &q, NULL))
        __builtin_trap();
    while (sqlite3_step(q) == SQLITE_ROW) {
        char *sql = sqlite3_mprintf("DELETE FROM \"%w\"", (const char *)sqlite3_column_text(q, 0));
        char *msg = NULL;
        if (sqlite3_exec(db, sql, NULL, NULL, &msg)) { fprintf(stderr, "%s: %s\n", sql, msg); __builtin_trap(); }
        sqlite3_free(sql);
    }
    sqlite3_finalize(q);
    /* Fails harmlessly when no table uses AUTOINCREMENT. */
    (void)sqlite3_exec(db, "DELETE FROM sqlite_sequence", NULL, NULL, NULL);
    if (sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL)) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sl_store *st;
    if (size < 1) return 0;
    sl_partnership_mapping map = mapping(data[0]);
    sl_error err;
    sl_error_clear(&err);
    if (!st && sl_store_open(":memory:", &st, &err)) __builtin_trap();
    sl_import_result res;
    sl_status s = sl_import_partnerships_buffer(st, "atlas-2020-10-07.csv", (const char *)data + 1,
                                                size - 1, &map, &res, &err);
    sl_partnership_list list = {0};
    if (sl_store_load_partnerships(st, NULL, &list, &err) == SL_OK) {
        if (s != SL_OK && list.count != 0) __builtin_trap();     /* all or nothing */
        if (s == SL_OK && (long)list.count != res.rows) __builtin_trap();
        sl_partnership_list_free(&list);
    }
    empty_store(st);
    return 0;
}
