/*
** categories.c — which categories a point layer holds (sensitive sites are
** grouped by category: ice, clinic, school...). See store_layers.h.
*/
#include "internal.h"
#include "pg.h"
#include "sightline/store/store_layers.h"

#include <string.h>

sl_status sl_store_point_categories(sl_store *st, const char *layer, sl_arena *arena,
                                    const char ***names, size_t *count, sl_error *err)
{
    sqlite3_stmt *s;
    *names = NULL;
    *count = 0;
    if (sl_store_pg(st)) return sl_pg_point_categories(sl_store_pg(st), layer, arena, names, count, err);
    /* The table exists only once a point layer was imported. */
    if (!sl_store_has_table(st, "point_chunks")) return SL_OK;
    if (sl_store_prepare(st, "SELECT DISTINCT category FROM point_chunks WHERE layer=? ORDER BY category",
                         &s, err))
        return err->status;
    sl_bind_text(s, 1, layer);
    size_t cap = 0, n = 0;
    const char **list = NULL;
    int step;
    sl_status rc = SL_OK;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
        rc = sl_store_text_list_push(st, arena, &list, &n, &cap, sl_column_text(s, 0, arena), err);
    if (!rc && step != SQLITE_DONE) rc = sl_store_fail(st, err, "listing point categories");
    sqlite3_finalize(s);
    if (rc) return rc; /* whole or an error, never a short list */
    *names = list;
    *count = n;
    return SL_OK;
}
