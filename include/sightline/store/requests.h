/*
** requests.h — police requests in the store, one row each.
*/
#ifndef SIGHTLINE_STORE_REQUESTS_H
#define SIGHTLINE_STORE_REQUESTS_H

#include "sightline/core/error.h"
#include "sightline/core/request.h"
#include "sightline/store/store.h"

sl_status sl_store_add_request(sl_store *st, const sl_request *r, sl_error *err);
sl_status sl_store_load_requests(sl_store *st, sl_request_list *out, sl_error *err);
/* The requests without an agency link, in import order: imported before
** the registry, linked to nothing in it, or whose agency went with a
** removed registry import. Each keeps the agency and state its import
** linked by (the file's, or --agency-name and --agency-state), so that a
** later registry can link it by the same rule (sl_link_requests). */
sl_status sl_store_load_unlinked_requests(sl_store *st, sl_request_list *out, sl_error *err);
/* Link request REQUEST_ID to the registry's agency AGENCY_ID (0: none).
** Inside the caller's transaction. */
sl_status sl_store_link_request(sl_store *st, long request_id, long agency_id, sl_error *err);
void sl_request_list_free(sl_request_list *l);

#endif
