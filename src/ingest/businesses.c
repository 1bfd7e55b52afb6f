/*
** businesses.c — `import businesses` (see sightline/ingest/businesses.h):
** read once (io/businesses.c), hash the bytes parsed, store in one
** transaction (store/businesses.c).
*/
#include "sightline/ingest/businesses.h"
#include "sightline/core/file.h"
#include "sightline/io/businesses_io.h"
#include "sightline/store/businesses.h"
#include "source.h"

#include <stdlib.h>
#include <string.h>

typedef struct add_ctx { sl_store *st; long source_id, rows; } add_ctx;

static sl_status add_one(const sl_business *b, void *v, sl_error *err)
{
    add_ctx *x = v;
    sl_business row = *b;
    row.source_id = x->source_id;
    x->rows++;
    return sl_store_add_business(x->st, &row, NULL, err);
}

sl_status sl_ingest_businesses(sl_store *st, const char *path, int replace, sl_import_result *res, sl_error *err)
{
    char *data;
    size_t len;
    memset(res, 0, sizeof *res);
    if (sl_read_input(path, &data, &len, res->sha256, err)) return err->status;
    sl_status s = sl_store_begin(st, err);
    if (!s) s = sl_import_source(st, "businesses", path, res->sha256, "", "{}", replace, res, err);
    if (!s && !res->already) {
        add_ctx x = {st, res->source_id, 0};
        s = sl_businesses_parse(path, data, len, add_one, &x, err);
        if (!s && x.rows == 0) s = sl_fail(err, SL_EDATA, path, 0, "no business in the file");
        res->rows = x.rows;
        if (!s) s = sl_store_set_source_rows(st, res->source_id, x.rows, err);
    }
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    free(data);
    return s;
}
