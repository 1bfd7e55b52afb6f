/*
** businesses.h — importing a directory of businesses (CSV or GeoJSON, see
** io/businesses_io.h) as one source: listed by `info`, removed by `rm`.
*/
#ifndef SIGHTLINE_INGEST_BUSINESSES_H
#define SIGHTLINE_INGEST_BUSINESSES_H

#include "sightline/ingest/import.h"

/* Import PATH (- : standard input) into ST in one transaction: the same
** bytes twice change nothing (res->already); REPLACE removes an earlier
** import of them first. A bad row rejects the whole file with its line. */
sl_status sl_ingest_businesses(sl_store *st, const char *path, int replace, sl_import_result *res, sl_error *err);

#endif
