/*
** categories.c — which categories a point layer holds (sensitive sites are
** grouped by category: ice, clinic, school...). See store_layers.h.
*/
#include "internal.h"
#include "sightline/store/store_layers.h"

#include <string.h>

sl_status sl_store_point_categories(sl_store *st, const char *layer, sl_arena *arena,
                                    const char ***names, size_t *count, sl_error *err)
{
    sqlite3_stmt *s;
    *names = NULL;
    *count = 0;
    /* The table exists only once a point layer was imported. */
    if (!sl_store_has_table(st, "point_chunks")) return SL_OK;
    if (sl_store_prepare(st, "SELECT DISTINCT category FROM point_chunks WHERE layer=? ORDER BY category",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, layer);
    size_t cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (*count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            const char **grown = sl_arena_alloc(arena, ncap * sizeof *grown);
            if (!grown) break;
            if (*names) memcpy(grown, *names, *count * sizeof *grown);
            *names = grown;
            cap = ncap;
        }
        (*names)[(*count)++] = sl_column_text(s, 0, arena);
    }
    sqlite3_finalize(s);
    return SL_OK;
}
