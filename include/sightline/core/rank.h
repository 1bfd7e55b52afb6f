/*
** rank.h — a ranked list cut after its first rows: how many rows past the
** cut tie with the last one kept. The CLI's tables (--top) and the
** report's area tables both say "N more also hold X, not listed" under
** such a cut, since the order among tied rows is an id's, not a rank, and
** the last row listed is not the last of its value.
*/
#ifndef SIGHTLINE_CORE_RANK_H
#define SIGHTLINE_CORE_RANK_H

#include <stddef.h>

/* Whether rows I and J of ROWS tie (1) or not (0) in a ranking. */
typedef int (*sl_rank_same)(const void *rows, size_t i, size_t j);

/* Of the N rows of ROWS, in rank order (tied rows adjacent, as any sort
** of the ranked value leaves them) and cut after the first CUT: how many
** rows past the cut tie with the last one kept, counted from row CUT on
** while SAME(ROWS, CUT - 1, row) holds. 0 when CUT is 0 or not below N.
** ROWS is the caller's, read only through SAME: a C array, a jansson
** array with its sort key, whatever holds the list. */
size_t sl_rank_ties_past_cut(const void *rows, size_t n, size_t cut, sl_rank_same same);

#endif
