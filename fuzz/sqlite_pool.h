/*
** sqlite_pool.h — a size-class pool for SQLite's own memory, for fuzz targets
** that run a store per input.
**
** Debian's SQLite is built without lookaside (SQLITE_OMIT_LOOKASIDE), so
** every small object of every statement is a malloc, and under ASan each one
** costs a stack unwind, a quarantine pass and a shadow fill: a third of
** fuzz_atlas's time went there. This pool hands SQLite blocks from per-class
** free lists instead. It stays honest for ASan: a block is unpoisoned for
** exactly the bytes asked for and poisoned again when freed, so our code
** reading past a SQLite string or using one after it was freed is still
** caught (the only loss is ASan's quarantine, as blocks are reused at once).
**
** Include once, in the target's file, and call sl_fuzz_sqlite_pool() from
** LLVMFuzzerInitialize, before anything opens a database.
*/
#ifndef SL_FUZZ_SQLITE_POOL_H
#define SL_FUZZ_SQLITE_POOL_H

#include <sanitizer/asan_interface.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Classes 16 B .. 64 KB (powers of two); larger blocks go to malloc. */
#define POOL_MIN_SHIFT 4
#define POOL_MAX_SHIFT 16
#define POOL_HEADER 16 /* free-list link, then the size; keeps 8-byte alignment */

typedef struct pool_block { struct pool_block *next; } pool_block;
static pool_block *pool_free_list[POOL_MAX_SHIFT + 1];

static int pool_class(size_t n)
{
    int c = POOL_MIN_SHIFT;
    while (((size_t)1 << c) < n) c++;
    return c;
}

static void *pool_malloc(int n)
{
    if (n <= 0) return NULL;
    int c = pool_class((size_t)n);
    unsigned char *base;
    if (c > POOL_MAX_SHIFT) {
        base = malloc(POOL_HEADER + (size_t)n);
        if (!base) return NULL;
    } else if (pool_free_list[c]) {
        base = (unsigned char *)pool_free_list[c];
        pool_free_list[c] = pool_free_list[c]->next;
    } else {
        base = malloc(POOL_HEADER + ((size_t)1 << c));
        if (!base) return NULL;
    }
    ASAN_UNPOISON_MEMORY_REGION(base, POOL_HEADER + (size_t)n);
    *(int *)(base + sizeof(pool_block)) = n;
    if (c <= POOL_MAX_SHIFT) /* the slack after the asked-for bytes */
        ASAN_POISON_MEMORY_REGION(base + POOL_HEADER + n, ((size_t)1 << c) - (size_t)n);
    return base + POOL_HEADER;
}

static int pool_size(void *p)
{
    return p ? *(int *)((unsigned char *)p - POOL_HEADER + sizeof(pool_block)) : 0;
}

static void pool_free(void *p)
{
    if (!p) return;
    unsigned char *base = (unsigned char *)p - POOL_HEADER;
    int c = pool_class((size_t)pool_size(p));
    if (c > POOL_MAX_SHIFT) { free(base); return; }
    /* The header stays readable: LeakSanitizer does not follow pointers
    ** kept in poisoned memory, and would call the free list a leak. */
    ASAN_POISON_MEMORY_REGION(base + POOL_HEADER, (size_t)1 << c);
    ((pool_block *)base)->next = pool_free_list[c];
    pool_free_list[c] = (pool_block *)base;
}

static void *pool_realloc(void *p, int n)
{
    if (!p) return pool_malloc(n);
    int old = pool_size(p), c = pool_class((size_t)old);
    if (n > 0 && c <= POOL_MAX_SHIFT && pool_class((size_t)n) == c) {
        /* Same block: re-mark which bytes are in use. */
        unsigned char *base = (unsigned char *)p - POOL_HEADER;
        ASAN_UNPOISON_MEMORY_REGION(base, POOL_HEADER + (size_t)n);
        *(int *)(base + sizeof(pool_block)) = n;
        ASAN_POISON_MEMORY_REGION(base + POOL_HEADER + n, ((size_t)1 << c) - (size_t)n);
        return p;
    }
    void *q = pool_malloc(n);
    if (!q) return NULL;
    memcpy(q, p, (size_t)(old < n ? old : n));
    pool_free(p);
    return q;
}

static int pool_roundup(int n) { return n; }
static int pool_init(void *unused) { (void)unused; return SQLITE_OK; }
static void pool_shutdown(void *unused) { (void)unused; }

static void sl_fuzz_sqlite_pool(void)
{
    static const sqlite3_mem_methods methods = {
        pool_malloc, pool_free, pool_realloc, pool_size, pool_roundup, pool_init, pool_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK) __builtin_trap();
}

#endif
