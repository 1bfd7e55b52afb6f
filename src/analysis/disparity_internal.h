/*
** disparity_internal.h — what disparity.c hands disparity_draws.c: the
** events gathered into kinds (equal contributions merged, with their
** counts), over which the bootstrap and the placebo draw.
*/
#ifndef SL_DISPARITY_INTERNAL_H
#define SL_DISPARITY_INTERNAL_H

#include "sightline/analysis/disparity.h"

#include <stddef.h>

/* What one event adds to each group's numerator and denominator. Events with
** equal contributions are merged into one "kind" with a multiplicity; FIRST
** places the kind where its first event came (split events in event order,
** then whole-area kinds in area order), for the bootstrap's draws. */
typedef struct contribution {
    double num[SL_GROUP_COUNT], den[SL_GROUP_COUNT];
    double weight;
    unsigned count;
    size_t first;
} contribution;

typedef struct event_set {
    contribution *kinds; /* distinct contributions, each with its count */
    size_t nkinds;
    size_t inside, outside;
    double spread; /* sum over events of the areas each is worth (1 / sum of squared shares) */
    double *w; /* per-area weights, A entries */
    size_t whole; /* events that are one whole row in one area (points) */
    double *pieces; /* the inside rows' weights of the other (split) events */
    size_t npieces, pieces_cap;
} event_set;

/* The bootstrap interval and the placebo p-value (and D's chance figure)
** of RES, drawn over ES (or, by place, the bootstrap over PLACES: the same
** events gathered by place; NULL when not by place), on two threads when
** both are asked: their generators are their own, so the numbers are
** those of one after the other. */
sl_status sl_disparity_draw(const sl_area_table *t, const event_set *es, const event_set *places,
                            const sl_disparity_options *opt, sl_disparity_result *res, sl_error *err);

#endif
