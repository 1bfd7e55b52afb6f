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
    sl_status rc = sl_store_load_texts(st, s, arena, names, count, "point categories", err);
    sqlite3_finalize(s);
    return rc;
}
