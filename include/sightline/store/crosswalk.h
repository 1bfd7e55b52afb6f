/*
** crosswalk.h — corrections to the partnership linker kept in the store
** (`sightline import links FILE`): partnership record id -> ORI, or to no
** agency. The linker applies them after matching (ingest/link.c).
*/
#ifndef SIGHTLINE_STORE_CROSSWALK_H
#define SIGHTLINE_STORE_CROSSWALK_H

#include "sightline/core/arena.h"
#include "sightline/core/error.h"
#include "sightline/store/store.h"

typedef struct sl_crosswalk_entry {
    const char *record_id; /* the partnership row's record id (Atlas number) */
    const char *ori;       /* the registry agency; NULL: no agency */
} sl_crosswalk_entry;

typedef struct sl_crosswalk {
    sl_crosswalk_entry *items; /* in import order: a later entry for a record wins */
    size_t count;
    sl_arena arena;
} sl_crosswalk;

/* Record one correction of import SOURCE_ID (LINE of its file). Creates the
** table on first use (a write). */
sl_status sl_store_add_crosswalk(sl_store *st, long source_id, long line, const char *record_id, const char *ori,
                                 sl_error *err);

/* Every correction, oldest import first; empty when none was imported.
** Frees what it built on failure. */
sl_status sl_store_load_crosswalk(sl_store *st, sl_crosswalk *out, sl_error *err);
void sl_crosswalk_free(sl_crosswalk *c);

#endif
