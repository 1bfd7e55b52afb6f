/*
** request_repeats.h — requests of an import that another import holds
** already.
**
** A records office's export that overlaps an earlier one (January's file,
** then the year's) would count every shared request twice in each join and
** disparity: requests have no key the store updates by, as an agency has
** its ORI. So, as for posts and sites (repeats.h), such a file is refused,
** naming the import that holds them.
*/
#ifndef SIGHTLINE_INGEST_REQUEST_REPEATS_H
#define SIGHTLINE_INGEST_REQUEST_REPEATS_H

#include "sightline/core/error.h"
#include "sightline/store/store.h"

/* Inside the import's transaction, once its requests are stored: SL_EDATA
** naming PATH when a request of import SOURCE_ID is one another import
** holds: the same agency and state giving the same id, or without ids the
** same agency, state, date and place (point and radius, or polygon). A
** request with no id and no date or no place is never called a repeat. */
sl_status sl_request_repeats_check(sl_store *st, long source_id, const char *path, sl_error *err);

#endif
