/*
** source.c — recording an import's source (see source.h).
*/
#include "source.h"
#include "sightline/core/file.h"

#include <jansson.h>
#include <stdio.h>
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

sl_status sl_import_source_earlier(sl_store *st, const char *kind, const char *path, const char *sha,
                                   const char *snapshot, const char *options, int replace,
                                   sl_import_result *res, sl_error *err)
{
    sl_arena arena = {0};
    sl_source found;
    int exists = 0;
    sl_status s = sl_store_find_source(st, kind, sha, snapshot, &arena, &found, &exists, err);
    if (!s && exists && replace) {
        s = sl_store_remove_source(st, found.id, err);
    } else if (!s && exists && strcmp(found.options, options) != 0) {
        s = sl_fail(err, SL_EDATA, path, 0,
                    "imported before as %s with other options (source %ld, %s: %s; now: %s); add --replace to "
                    "remove that import and import the file with the new options",
                    kind, found.id, found.imported_at, found.options, options);
    } else if (!s && exists) {
        res->already = 1;
        res->source_id = found.id;
        res->rows = found.rows;
        snprintf(res->imported_at, sizeof res->imported_at, "%s", found.imported_at ? found.imported_at : "");
    }
    sl_arena_free(&arena);
    return s;
}

sl_status sl_import_source(sl_store *st, const char *kind, const char *path, const char *sha,
                           const char *snapshot, const char *options, int replace, sl_import_result *res,
                           sl_error *err)
{
    sl_status s = sl_import_source_earlier(st, kind, path, sha, snapshot, options, replace, res, err);
    if (!s && !res->already) {
        sl_source src = {.kind = kind, .file_name = sl_basename(path), .sha256 = sha,
                         .snapshot = snapshot, .options = options};
        s = sl_store_add_source(st, &src, err);
        res->source_id = src.id;
    }
    return s;
}

/* The source with id ID in L, or NULL. */
static const sl_source *find_id(const sl_source_list *l, long id)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].id == id) return &l->items[i];
    return NULL;
}

sl_status sl_ingest_remove(sl_store *st, const long *ids, size_t n, sl_link_stats *link, sl_error *err)
{
    memset(link, 0, sizeof *link);
    sl_source_list l;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    sl_status s = SL_OK;
    for (size_t i = 0; !s && i < n; i++)
        if (!find_id(&l, ids[i]))
            s = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no source %ld in the store (`sightline info` lists them)",
                        ids[i]);
    sl_source_list_free(&l);
    if (!s) s = sl_store_begin(st, err);
    for (size_t i = 0; !s && i < n; i++) s = sl_store_remove_source(st, ids[i], err);
    /* Partnership rows that pointed at a removed agency are unlinked now;
    ** another agency of the registry may fit them. */
    if (!s) s = sl_link_partnerships(st, link, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    return s;
}
