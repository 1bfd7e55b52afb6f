/*
** arena.c — bump allocator (see include/sightline/core/arena.h).
*/
#include "sightline/core/arena.h"

#include <stdlib.h>
#include <string.h>

struct sl_arena_block {
    sl_arena_block *next;
    size_t used, cap;
    _Alignas(8) unsigned char data[];
};

void *sl_arena_alloc(sl_arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    sl_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 65536 ? size : 65536;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *sl_arena_strdup(sl_arena *a, const char *s)
{
    if (!s) s = "";
    size_t n = strlen(s) + 1;
    char *d = sl_arena_alloc(a, n);
    if (d) memcpy(d, s, n);
    return d;
}

void sl_arena_free(sl_arena *a)
{
    sl_arena_block *b = a->head;
    while (b) {
        sl_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
