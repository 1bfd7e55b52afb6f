/*
** businesses_io.h — reading a directory file: CSV (one business a row) or
** GeoJSON (Point features, the same names as properties).
**
** Columns are found by name, any case: name (required), category, address,
** city, state, zip (or postal_code, zipcode), lat/lon (the names every
** point reader knows: latitude, longitude, lng, x, y...), website (or url),
** phone, verification (or ownership_verified, verified_by: how Black
** ownership was verified), source. A row without a name, with a name only
** (sl_business_has_detail), with coordinates out of range or only one of
** the two, or with a value over 1,000 bytes is refused with its file and
** line.
*/
#ifndef SIGHTLINE_BUSINESSES_IO_H
#define SIGHTLINE_BUSINESSES_IO_H

#include <stddef.h>
#include "sightline/core/business.h"
#include "sightline/core/error.h"

/* Called for each business; B->line is its line (CSV) or feature number
** (GeoJSON), strings valid until FN returns. A non-zero status stops. */
typedef sl_status (*sl_business_read_fn)(const sl_business *b, void *ctx, sl_error *err);

/* Parse DATA[0..len) (the file NAME, for messages): GeoJSON when its first
** character other than white space is '{', else CSV. UNREAD (UNREAD_SIZE
** bytes; NULL: not wanted) receives the columns (GeoJSON: properties) no
** field reads, ", "-separated ("description, email"): a directory keeps
** only the fields above, and an organiser must hear that the rest went. */
sl_status sl_businesses_parse(const char *name, const char *data, size_t len, sl_business_read_fn fn, void *ctx,
                              char *unread, size_t unread_size, sl_error *err);

#endif
