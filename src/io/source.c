/*
** source.c — recording an import's source (see source.h).
*/
#include "source.h"
#include "sightline/file.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

char *sl_import_options(const char *const (*pairs)[2], size_t n)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < n; i++)
        if (pairs[i][1]) json_object_set_new(o, pairs[i][0], json_string(pairs[i][1]));
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return s;
}

sl_status sl_import_source(sl_store *st, const char *kind, const char *path, const char *sha,
                           const char *snapshot, const char *options, int replace, sl_import_result *res,
                           sl_error *err)
{
    sl_arena arena = {0};
    sl_source found;
    int exists = 0;
    sl_status s = sl_store_find_source(st, kind, sha, snapshot, &arena, &found, &exists, err);
    if (!s && exists && replace) {
        s = sl_store_remove_source(st, found.id, err);
        exists = 0;
    } else if (!s && exists && strcmp(found.options, options) != 0) {
        s = sl_fail(err, SL_EDATA, path, 0,
                    "imported before as %s with other options (source %ld, %s: %s; now: %s); add --replace to "
                    "remove that import and import the file with the new options",
                    kind, found.id, found.imported_at, found.options, options);
    } else if (!s && exists) {
        res->already = 1;
        res->source_id = found.id;
        res->rows = found.rows;
    }
    if (!s && !exists) {
        sl_source src = {.kind = kind, .file_name = sl_basename(path), .sha256 = sha,
                         .snapshot = snapshot, .options = options};
        s = sl_store_add_source(st, &src, err);
        res->source_id = src.id;
    }
    sl_arena_free(&arena);
    return s;
}
