/*
** source.h — the step every importer shares: record where the data came from,
** or notice that these exact bytes were imported already.
*/
#ifndef SIGHTLINE_IO_SOURCE_H
#define SIGHTLINE_IO_SOURCE_H

#include "sightline/ingest/import.h"
#include "sightline/io/csv.h"

/* sl_csv_read_header, with the title lines it skipped above the header
** (sl_csv_title_lines) noted in RES for the import's summary. */
sl_status sl_ingest_read_header(sl_csv *csv, sl_import_result *res, sl_error *err);

/* Inside the import's transaction: look up (kind, SHA, snapshot). Found with
** the same OPTIONS (the JSON the import records): res->already, source_id
** and rows are set. Found with other options: an error naming --replace (a
** corrected mapping must not pass as "already imported"). With REPLACE the
** earlier import is removed first, by `rm`'s rule for an older sightline's
** import (refused, SL_EDATA, as `rm` refuses it). Otherwise the source is added and
** res->source_id set. */
sl_status sl_import_source(sl_store *st, const char *kind, const char *path, const char *sha,
                           const char *snapshot, const char *options, int replace, sl_import_result *res,
                           sl_error *err);

/* The same check without adding a source, for an import that learns its
** hash only once the file is parsed (a streamed import adds its source row
** first): an earlier import of (kind, SHA, snapshot) with the same OPTIONS
** sets res->already, source_id, rows and imported_at; with other options it is
** an error naming --replace; with REPLACE it is removed (by `rm`'s rule). */
sl_status sl_import_source_earlier(sl_store *st, const char *kind, const char *path, const char *sha,
                                   const char *snapshot, const char *options, int replace,
                                   sl_import_result *res, sl_error *err);

/* Remove import ID, an earlier import --replace replaces, noted in
** RES->replaced (its file name, what went; past its room only counted, in
** RES->replaced_more) for the import's summary. With
** CHECK_OLDER refused, by `rm`'s rule, when an older sightline made it and
** records an earlier import brought would be deleted instead of restored. */
sl_status sl_import_remove_earlier(sl_store *st, long id, int check_older, sl_import_result *res, sl_error *err);

/* `import partnerships PATH --replace`: remove (by `rm`'s rule, noted in
** RES->replaced) the imports of the same bytes (SHA) under another snapshot
** and of another file of PATH's name under SNAPSHOT, before PATH is stored. */
sl_status sl_import_replace_partnerships(sl_store *st, const char *path, const char *sha, const char *snapshot,
                                         sl_import_result *res, sl_error *err);

/* The snapshot (OUT, "" none) an earlier import of KIND with these bytes
** (SHA) was stored as. */
sl_status sl_import_snapshot_of(sl_store *st, const char *kind, const char *sha, char out[11], sl_error *err);

/* The ids of the imports of KIND and SNAPSHOT but EXCEPT, as "2 3" in OUT
** (cut to SIZE; "" none): whose records a corrected file lacks. */
sl_status sl_import_other_ids(sl_store *st, const char *kind, const char *snapshot, long except, char *out,
                              size_t size, sl_error *err);

/* The options of an import as the JSON object sources.options records:
** PAIRS[i] = {key, value}, NULL values left out, keys sorted, compact (so
** equal options give equal strings). malloc'ed; NULL when out of memory. */
char *sl_import_options(const char *const (*pairs)[2], size_t n);

#endif
