/*
** links.c — `sightline import links FILE`: a reporter's review of the
** linker, as a crosswalk CSV (partnership record id -> ORI, or "none").
** It is a source like any other (listed by `info`, removed by `rm`, which
** relinks), and the linker applies it after matching (link.c).
*/
#include "sightline/core/names.h"
#include "sightline/ingest/import.h"
#include "sightline/ingest/link.h"
#include "sightline/io/csv.h"
#include "sightline/store/crosswalk.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const RECORD_NAMES[] = {"record_id", "aos_id", "id", "record", NULL};
static const char *const ORI_NAMES[] = {"ori", "fbi_ori", NULL};

static int column(sl_csv *csv, const char *const *names)
{
    for (const char *const *n = names; *n; n++) {
        int c = sl_csv_column(csv, *n);
        if (c >= 0) return c;
    }
    return -1;
}

/* 1 when some partnership row (any snapshot) has RECORD_ID. */
static int known_record(const sl_partnership_list *rows, const char *record_id)
{
    for (size_t i = 0; i < rows->count; i++)
        if (rows->items[i].record_id && strcmp(rows->items[i].record_id, record_id) == 0) return 1;
    return 0;
}

/* The file lacks the record id column (NO_REC) or the ori column (NO_ORI):
** which, and the columns it has. "a crosswalk needs ..." named neither
** the file's columns nor what a crosswalk is. */
static sl_status missing_columns(sl_csv *csv, int no_rec, int no_ori, sl_error *err)
{
    char have[720];
    return sl_fail(err, SL_EDATA, sl_csv_name(csv), 1,
            "a file of link corrections needs %s%s%s (the columns are: %s); each row links one partnership row "
            "to the registry agency of that ORI, or to none",
            no_rec ? "a column of partnership record ids (record_id, aos_id or id)" : "",
            no_rec && no_ori ? " and " : "", no_ori ? "a column of registry ORIs (ori)" : "",
            sl_names_joined(sl_csv_header_names(csv), sl_csv_header_count(csv), have, sizeof have));
}

static sl_status read_rows(sl_store *st, sl_csv *csv, long source_id, sl_import_result *res, sl_error *err)
{
    int rec = column(csv, RECORD_NAMES), ori = column(csv, ORI_NAMES);
    if (rec < 0 || ori < 0) return missing_columns(csv, rec < 0, ori < 0, err);
    sl_partnership_list rows;
    sl_status s = sl_store_load_partnerships(st, NULL, &rows, err);
    int rc = 0;
    while (!s && (rc = sl_csv_next(csv, err)) == 1) {
        if (sl_csv_nfields(csv) == 1 && !sl_csv_field(csv, 0)[0]) continue;
        const char *id = sl_csv_field(csv, (size_t)rec), *o = sl_csv_field(csv, (size_t)ori);
        long line = sl_csv_line(csv);
        if (!id || !id[0]) s = sl_fail(err, SL_EDATA, sl_csv_name(csv), line, "empty record id");
        else if (!known_record(&rows, id))
            s = sl_fail(err, SL_EDATA, sl_csv_name(csv), line, "no partnership row has record id '%s'", id);
        else
            s = sl_store_add_crosswalk(st, source_id, line, id, !o || !o[0] || !strcasecmp(o, "none") ? NULL : o, err);
        if (!s) res->rows++;
    }
    if (!s && rc < 0) s = err->status;
    if (!s && res->rows == 0) s = sl_fail(err, SL_EDATA, sl_csv_name(csv), 1, "no data rows after the header");
    sl_partnership_list_free(&rows);
    return s;
}

sl_status sl_ingest_links(sl_store *st, const char *path, int replace, sl_import_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    sl_csv *csv = NULL;
    sl_status s = sl_csv_open(path, 0, &csv, err);
    if (s) return s;
    memcpy(res->sha256, sl_csv_sha256(csv), sizeof res->sha256);
    s = sl_ingest_read_header(csv, res, err);
    if (!s) s = sl_store_begin(st, err);
    if (!s) {
        s = sl_import_source(st, "links", path, res->sha256, "", "{}", replace, res, err);
        if (!s && !res->already) s = read_rows(st, csv, res->source_id, res, err);
        if (!s && !res->already) s = sl_store_set_source_rows(st, res->source_id, res->rows, err);
        if (!s && !res->already) s = sl_link_partnerships(st, &res->link, err);
        if (!s && !res->already) s = sl_store_commit(st, err);
        if (s || res->already) sl_store_rollback(st);
    }
    sl_csv_close(csv);
    return s;
}
