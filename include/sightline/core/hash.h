/*
** hash.h — FNV-1a, the one 64-bit hash of short keys in memory (ids, names,
** coordinates) where a table or a sort needs a number, not a digest: the
** repeats an import looks for, the places of the disparity's draws. Not for
** anything an adversary chooses to collide (sha256.h names files).
*/
#ifndef SIGHTLINE_HASH_H
#define SIGHTLINE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The start of every FNV-1a hash. */
#define SL_FNV1A_START UINT64_C(0xcbf29ce484222325)

/* FNV-1a over the N bytes at P, going on from H (SL_FNV1A_START to begin):
** chained calls hash the bytes one after another. */
static inline uint64_t sl_fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * UINT64_C(0x100000001b3);
    return h;
}

#endif
