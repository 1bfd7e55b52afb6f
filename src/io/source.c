/*
** source.c — recording an import's source (see source.h).
*/
#include "source.h"
#include "sightline/file.h"

sl_status sl_import_source(sl_store *st, const char *kind, const char *path, const char *sha,
                           const char *snapshot, const char *options, sl_import_result *res,
                           sl_error *err)
{
    sl_arena arena = {0};
    sl_source found;
    int exists = 0;
    sl_status s = sl_store_find_source(st, kind, sha, snapshot, &arena, &found, &exists, err);
    if (!s && exists) {
        res->already = 1;
        res->source_id = found.id;
        res->rows = found.rows;
    } else if (!s) {
        sl_source src = {.kind = kind, .file_name = sl_basename(path), .sha256 = sha,
                         .snapshot = snapshot, .options = options};
        s = sl_store_add_source(st, &src, err);
        res->source_id = src.id;
    }
    sl_arena_free(&arena);
    return s;
}
