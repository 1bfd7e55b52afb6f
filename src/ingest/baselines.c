/*
** baselines.c — import of an ACS profile as a stored baseline (see
** sightline/ingest/baseline.h): read (io/acs.c), hash, record the source and
** save the shares (store/baselines.c) in one transaction.
*/
#include "sightline/ingest/baseline.h"
#include "sightline/core/file.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The import's options: the DP02 file read beside DP05 (foreign born) and
** its sha256, and the row taken, so that `info` lists every file a
** baseline's shares rest on, as an area import's demographics file. NULL
** when out of memory. */
static char *baseline_options(const char *dp02, const char *dp02_sha256, const char *geo)
{
    json_t *o = json_object();
    if (!o) return NULL;
    if (dp02) json_object_set_new(o, "dp02", json_string(sl_basename(dp02)));
    if (dp02) json_object_set_new(o, "dp02_sha256", json_string(dp02_sha256));
    if (geo) json_object_set_new(o, "geo", json_string(geo));
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s;
}

sl_status sl_ingest_baseline(sl_store *st, const char *name, const char *dp05, const char *dp02,
                             const char *geo, sl_import_result *res, sl_error *err)
{
    double shares[SL_GROUP_COUNT];
    char label[256];
    memset(res, 0, sizeof *res);
    char dp02_sha[65] = "";
    sl_status s = sl_baseline_read_acs(dp05, dp02, geo, shares, label, sizeof label, err);
    if (!s) s = sl_hash_file(dp05, res->sha256, err);
    if (!s && dp02) s = sl_hash_file(dp02, dp02_sha, err);
    if (s) return s;
    char *opts = baseline_options(dp02, dp02_sha, geo);
    if (!opts) return sl_fail(err, SL_ENOMEM, dp05, 0, "out of memory");
    if ((s = sl_store_begin(st, err))) {
        free(opts);
        return s;
    }
    sl_source src = {.kind = "baseline", .file_name = sl_basename(dp05), .sha256 = res->sha256,
                     .snapshot = name, .options = opts, .rows = 1};
    s = sl_store_add_source(st, &src, err);
    free(opts);
    if (!s) s = sl_store_put_baseline(st, name, label, src.id, shares, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    res->rows = 1;
    res->source_id = src.id;
    return s;
}
