/*
** arena.h — bump allocation for many small strings and records that live and
** die together (a loaded table, a parsed file). One free releases them all.
*/
#ifndef SIGHTLINE_ARENA_H
#define SIGHTLINE_ARENA_H

#include <stddef.h>

typedef struct sl_arena_block sl_arena_block;
typedef struct sl_arena {
    sl_arena_block *head;
} sl_arena;

/* Zeroed memory of SIZE bytes, 8-byte aligned; NULL when out of memory. */
void *sl_arena_alloc(sl_arena *a, size_t size);
/* Copy of S (NULL gives ""). */
char *sl_arena_strdup(sl_arena *a, const char *s);
void sl_arena_free(sl_arena *a);

#endif
