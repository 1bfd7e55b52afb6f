/*
** businesses_io.h — reading a directory file: CSV (one business a row) or
** GeoJSON (Point features, the same names as properties).
**
** Columns are found by name, any case: name (required), category, address,
** city, state, zip (or postal_code, zipcode), lat/lon (the names every
** point reader knows: latitude, longitude, lng, x, y...), website (or url),
** phone, verification (or ownership_verified, verified_by: how Black
** ownership was verified), source. A row without a name, with a name only
** (sl_business_has_detail), with a state that is no US postal code, with
** coordinates out of range or only one of the two, or with a value over
** 1,000 bytes (a GeoJSON feature: also a geometry other than a Point) is a
** problem of its own row: given to the skip function with its line and why
** (the other rows are read), or, without one, refusing the file with its
** file and line. A file's own problems (no name column, no column of a
** directory, not CSV or GeoJSON) always refuse it.
*/
#ifndef SIGHTLINE_BUSINESSES_IO_H
#define SIGHTLINE_BUSINESSES_IO_H

#include <stddef.h>
#include "sightline/core/business.h"
#include "sightline/core/error.h"

/* Called for each business; B->line is its line (CSV) or feature number
** (GeoJSON), strings valid until FN returns. A non-zero status stops. */
typedef sl_status (*sl_business_read_fn)(const sl_business *b, void *ctx, sl_error *err);

/* Called for each row refused for its own data: LINE as B->line, WHY a
** sentence (valid until it returns). */
typedef void (*sl_business_skip_fn)(long line, const char *why, void *ctx);

/* Parse DATA[0..len) (the file NAME, for messages): GeoJSON when its first
** character other than white space is '{', else CSV; rows to FN, rows
** refused for their own data to SKIP (NULL: they refuse the file), both
** with CTX. UNREAD (UNREAD_SIZE
** bytes; NULL: not wanted) receives the columns (GeoJSON: properties) no
** field reads, ", "-separated ("description, email"): a directory keeps
** only the fields above, and an organiser must hear that the rest went. */
sl_status sl_businesses_parse(const char *name, const char *data, size_t len, sl_business_read_fn fn,
                              sl_business_skip_fn skip, void *ctx, char *unread, size_t unread_size, sl_error *err);

#endif
