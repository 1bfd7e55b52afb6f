/*
** radix.h — a stable sort of indexes by 64-bit keys, for the millions of
** points that the camera grouping and the point grid put in order. A radix
** sort reads each key a few times instead of calling a comparison n log n
** times, and its stability keeps equal keys in index order, which is the
** tie-break those callers had with qsort.
*/
#ifndef SIGHTLINE_CORE_RADIX_H
#define SIGHTLINE_CORE_RADIX_H

#include <stddef.h>
#include <stdint.h>

#include "sightline/core/error.h"

/* Reorder IDX[0..N) so that KEYS[IDX[i]] is non-decreasing, keeping the
** current order of equal keys (stable). KEYS is indexed by the values in
** IDX. Allocates 20 bytes of scratch per entry; SL_ENOMEM when that fails. */
sl_status sl_radix_sort_u64(const uint64_t *keys, uint32_t *idx, size_t n, sl_error *err);

/* Sort the pairs (KEY[i], IDX[i]), i < N, by key, stably: both arrays are
** reordered together (KEY ends non-decreasing). For keys already laid out in
** the order of IDX; allocates 12 bytes per pair of scratch; SL_ENOMEM when
** that fails. */
sl_status sl_radix_sort_pairs(uint64_t *key, uint32_t *idx, size_t n, sl_error *err);

/* A key whose unsigned order is the order of the doubles: -0.0 and 0.0
** get the same key (they compare equal); NaN is the caller's to leave out. */
uint64_t sl_radix_key_double(double x);

/* How many low bits hold every value 0..MAX (0 for MAX 0): the width a key
** made of offsets from a least value needs, so a sort makes no more passes
** than its keys need. */
unsigned sl_radix_bits(uint64_t max);

#endif
