/*
** baselines.c — import of an ACS profile as a stored baseline (see
** sightline/ingest/baseline.h): read (io/acs.c), hash, record the source and
** save the shares (store/baselines.c) in one transaction.
*/
#include "sightline/ingest/baseline.h"
#include "sightline/core/file.h"

#include <string.h>

sl_status sl_ingest_baseline(sl_store *st, const char *name, const char *dp05, const char *dp02,
                             const char *geo, sl_import_result *res, sl_error *err)
{
    double shares[SL_GROUP_COUNT];
    char label[256];
    memset(res, 0, sizeof *res);
    sl_status s = sl_baseline_read_acs(dp05, dp02, geo, shares, label, sizeof label, err);
    if (!s) s = sl_hash_file(dp05, res->sha256, err);
    if (s) return s;
    if ((s = sl_store_begin(st, err))) return s;
    sl_source src = {.kind = "baseline", .file_name = sl_basename(dp05), .sha256 = res->sha256,
                     .snapshot = name, .options = "{}", .rows = 1};
    s = sl_store_add_source(st, &src, err);
    if (!s) s = sl_store_put_baseline(st, name, label, src.id, shares, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    res->rows = 1;
    res->source_id = src.id;
    return s;
}
