/*
** fuzz_atlas.c — libFuzzer target for partnership imports: the Atlas preset
** and the column-mapping path (sl_ingest_partnerships_buffer), into an
** in-memory store. The first byte picks the mapping; a failed import must
** leave the store empty.
**
** Opening a store (creating its schema) cost 70% of each run, so one store is
** opened once and every row of every table is deleted after each input: the
** next input meets the same empty store a fresh open would give it, and a
** finding still reproduces from its input alone. SQLite's memory comes from
** a pool (sqlite_pool.h) that keeps ASan's bounds checks.
*/
#include "sightline/ingest/import.h"
#include "sightline/store/store.h"
#include "store/internal.h"
#include "sqlite_pool.h"

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

/* One prepared DELETE per table, made once: parsing them for every input
** cost as much as the import itself. They run children first, so foreign
** keys stay on: switching them off and on would expire every prepared
** statement of the store, and each would be parsed again. */
typedef struct {
    sqlite3_stmt *del[64];
    int count;
} cleaner;

/* 1 if table CHILD has a foreign key to table PARENT. */
static int references(sqlite3 *db, const char *child, const char *parent)
{
    sqlite3_stmt *q;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_foreign_key_list(?1) WHERE \"table\"=?2", -1, &q, NULL))
        __builtin_trap();
    sqlite3_bind_text(q, 1, child, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, parent, -1, SQLITE_STATIC);
    found = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return found;
}

static void cleaner_init(cleaner *c, sqlite3 *db)
{
    char *names[64];
    int n = 0;
    sqlite3_stmt *q;
    /* secure_delete only zeroes freed pages of a store nobody will read. */
    if (sqlite3_exec(db, "PRAGMA secure_delete=OFF", NULL, NULL, NULL)) __builtin_trap();
    if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table'"
                               " AND name NOT LIKE 'sqlite_%' AND name <> 'meta'", -1, &q, NULL))
        __builtin_trap();
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n == 63) __builtin_trap();
        names[n++] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    /* Pick, each round, a table no remaining table refers to. */
    for (int left = n; left > 0; left--) {
        int pick = -1;
        for (int i = 0; i < n && pick < 0; i++) {
            if (!names[i]) continue;
            int referenced = 0;
            for (int j = 0; j < n && !referenced; j++)
                referenced = j != i && names[j] && references(db, names[j], names[i]);
            if (!referenced) pick = i;
        }
        if (pick < 0) __builtin_trap(); /* a cycle of foreign keys */
        char *sql = sqlite3_mprintf("DELETE FROM \"%w\"", names[pick]);
        if (sqlite3_prepare_v2(db, sql, -1, &c->del[c->count++], NULL)) __builtin_trap();
        sqlite3_free(sql);
        sqlite3_free(names[pick]);
        names[pick] = NULL;
    }
    /* Absent when no table uses AUTOINCREMENT. */
    if (sqlite3_prepare_v2(db, "DELETE FROM sqlite_sequence", -1, &c->del[c->count], NULL) == SQLITE_OK)
        c->count++;
}

/* Delete every row of every table (the schema stays). */
static void empty_store(cleaner *c, sqlite3 *db)
{
    for (int i = 0; i < c->count; i++) {
        if (sqlite3_step(c->del[i]) != SQLITE_DONE) {
            fprintf(stderr, "%s: %s\n", sqlite3_sql(c->del[i]), sqlite3_errmsg(db));
            __builtin_trap();
        }
        sqlite3_reset(c->del[i]);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    sl_fuzz_sqlite_pool();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sl_store *st;
    static cleaner clean;
    if (size < 1) return 0;
    sl_partnership_mapping map = mapping(data[0]);
    sl_error err;
    sl_error_clear(&err);
    if (!st) {
        if (sl_store_open(":memory:", &st, &err)) __builtin_trap();
        cleaner_init(&clean, sl_store_db(st));
    }
    sl_import_result res;
    sl_status s = sl_ingest_partnerships_buffer(st, "atlas-2020-10-07.csv", (const char *)data + 1,
                                                size - 1, &map, &res, &err);
    sl_partnership_list list = {0};
    if (sl_store_load_partnerships(st, NULL, &list, &err) == SL_OK) {
        if (s != SL_OK && list.count != 0) __builtin_trap();     /* all or nothing */
        if (s == SL_OK && (long)list.count != res.rows) __builtin_trap();
        sl_partnership_list_free(&list);
    }
    empty_store(&clean, sl_store_db(st));
    return 0;
}
