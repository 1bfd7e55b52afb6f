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
void sl_request_list_free(sl_request_list *l);

#endif
