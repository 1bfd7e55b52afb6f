/*
** source.h — the step every importer shares: record where the data came from,
** or notice that these exact bytes were imported already.
*/
#ifndef SIGHTLINE_IO_SOURCE_H
#define SIGHTLINE_IO_SOURCE_H

#include "sightline/import.h"

/* Inside the import's transaction: look up (kind, res->sha256... as SHA,
** snapshot); when found set res->already, res->source_id and res->rows; else
** add the source and set res->source_id. */
sl_status sl_import_source(sl_store *st, const char *kind, const char *path, const char *sha,
                           const char *snapshot, const char *options, sl_import_result *res,
                           sl_error *err);

#endif
