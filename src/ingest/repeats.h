/*
** repeats.h — finding the points of an import that another import of the
** layer holds already (private to src/ingest; layers.c uses it).
**
** A corrected copy of a file, or a second export of the same records, is a
** new file to the re-import check (another sha256), and its points would
** count twice in every figure. The new import's keys are gathered as its
** chunks stream to the store and sorted once; the earlier imports' points
** are then read chunk by chunk and looked up. A layer's first import keeps
** nothing unless its points have ids (then ids shared within the file are
** found from the same keys).
*/
#ifndef SIGHTLINE_INGEST_REPEATS_H
#define SIGHTLINE_INGEST_REPEATS_H

#include "sightline/core/points.h"
#include "sightline/ingest/layers.h"
#include "sightline/store/store.h"

#include <stdint.h>

typedef struct sl_repeats {
    int by_place;                  /* also gather place-and-time keys (the layer holds earlier points) */
    uint64_t *id_key, *pt_key;     /* hashes of ids; of (lat, lon, time) */
    uint32_t *id_at, *pt_at;       /* the point (numbered as added) each key is of */
    size_t n_id, n_pt, cap_id, cap_pt;
    unsigned char *flags;          /* per point added: 1 it has an id, 2 it repeats an earlier point */
    size_t n, cap;
} sl_repeats;

/* Gather BATCH's keys (the new import's points, in any order). */
sl_status sl_repeats_add(sl_repeats *r, const sl_points *batch, sl_error *err);

/* Inside the import's transaction, once its points are stored under
** SOURCE_ID: an SL_EDATA error naming PATH, how many, an example and the
** earlier imports when points repeat points of another import of LAYER
** (CATEGORY: NULL for every one) — the same id when both have one, else the
** same place (to 1e-7 degrees) and time, never the place alone. With
** IN_FILE, ids that several of the new points share are counted into
** res->file_repeated_ids (one in res->file_repeated_example). */
sl_status sl_repeats_check(sl_repeats *r, sl_store *st, const char *layer, const char *category, long source_id,
                           const char *path, int in_file, sl_layer_result *res, sl_error *err);

void sl_repeats_free(sl_repeats *r);

#endif
