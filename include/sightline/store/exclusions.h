/*
** exclusions.h — circles whose posts and cameras the store withholds, each
** recorded at a camera owner's request (`sightline exclude`).
**
** An exclusion is an import of kind "exclusion" (so `info` lists it and
** `sightline rm ID` ends it) with one row of its own: a circle. Only the
** circle is kept, never an address or a name: what every import of posts
** and cameras needs to leave her points out, and no more.
*/
#ifndef SIGHTLINE_STORE_EXCLUSIONS_H
#define SIGHTLINE_STORE_EXCLUSIONS_H

#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/store/store.h"

/* The kind of an exclusion's source row. */
#define SL_EXCLUSION_KIND "exclusion"

typedef struct sl_exclusion {
    long source_id;
    double lat, lon, radius_m; /* the circle withheld (great-circle distance) */
} sl_exclusion;

typedef struct sl_exclusion_list {
    sl_exclusion *items;
    size_t count;
} sl_exclusion_list;

/* Record the circle of the exclusion whose source row is SOURCE_ID, inside
** the caller's transaction. */
sl_status sl_store_add_exclusion(sl_store *st, const sl_exclusion *e, sl_error *err);

/* Every exclusion the store holds (none in a store that never had one). */
sl_status sl_store_load_exclusions(sl_store *st, sl_exclusion_list *out, sl_error *err);
void sl_exclusion_list_free(sl_exclusion_list *l);

/* Count N more points of the import SOURCE_ID withheld by the exclusion
** EXCLUSION_ID. Its rows in `info` are the points the imports the store
** holds lost to it: `rm` (or --replace) of an import takes its count away,
** so a nightly re-import of her old posts does not count them twice. */
sl_status sl_store_count_withheld(sl_store *st, long exclusion_id, long source_id, long n, sl_error *err);

#endif
