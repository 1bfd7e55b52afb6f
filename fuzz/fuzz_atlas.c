/*
** fuzz_atlas.c — libFuzzer target for partnership imports: the Atlas preset
** and the column-mapping path (sl_import_partnerships_buffer), into a fresh
** in-memory store per input so every run is reproducible on its own. The
** first byte picks the mapping; a failed import must leave the store empty.
*/
#include "sightline/import.h"
#include "sightline/store.h"

#include <stdint.h>
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    sl_partnership_mapping map = mapping(data[0]);
    sl_store *st = NULL;
    sl_error err;
    sl_error_clear(&err);
    if (sl_store_open(":memory:", &st, &err)) __builtin_trap();
    sl_import_result res;
    sl_status s = sl_import_partnerships_buffer(st, "atlas-2020-10-07.csv", (const char *)data + 1,
                                                size - 1, &map, &res, &err);
    sl_partnership_list list = {0};
    if (sl_store_load_partnerships(st, NULL, &list, &err) == SL_OK) {
        if (s != SL_OK && list.count != 0) __builtin_trap();     /* all or nothing */
        if (s == SL_OK && (long)list.count != res.rows) __builtin_trap();
        sl_partnership_list_free(&list);
    }
    sl_store_close(st);
    return 0;
}
