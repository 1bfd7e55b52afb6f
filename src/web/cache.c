/*
** cache.c — the API's answers kept in memory (see web_internal.h). The store
** is read-only to the server, so an answer holds until the store's
** generation changes; the bound is in bytes and in slots.
*/
#include "web_internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024

typedef struct slot {
    char *key;
    unsigned long gen;
    struct MHD_Response *resp;
    size_t len;
    char etag[32]; /* of the body's bytes, quoted */
} slot;

struct sl_web_cache {
    pthread_mutex_t lock;
    size_t bytes, max_bytes;
    slot slots[SLOTS];
};

static size_t slot_of(const char *key)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    return (size_t)(h % SLOTS);
}

sl_web_cache *sl_web_cache_new(size_t bytes)
{
    sl_web_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    if (pthread_mutex_init(&c->lock, NULL)) {
        free(c);
        return NULL;
    }
    c->max_bytes = bytes;
    return c;
}

static void drop(sl_web_cache *c, slot *s)
{
    if (s->resp) MHD_destroy_response(s->resp); /* the cache's reference only */
    c->bytes -= s->len;
    free(s->key);
    memset(s, 0, sizeof *s);
}

void sl_web_cache_free(sl_web_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < SLOTS; i++) drop(c, &c->slots[i]);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

int sl_web_cache_queue(sl_web_cache *c, const char *key, unsigned long gen, struct MHD_Connection *conn,
                       size_t *len)
{
    int queued = 0;
    pthread_mutex_lock(&c->lock);
    slot *s = &c->slots[slot_of(key)];
    if (s->resp && s->gen == gen && !strcmp(s->key, key)) {
        queued = MHD_queue_response(conn, MHD_HTTP_OK, s->resp) == MHD_YES;
        *len = s->len;
    }
    pthread_mutex_unlock(&c->lock);
    return queued;
}

int sl_web_cache_etag(sl_web_cache *c, const char *key, unsigned long gen, char etag[32])
{
    int found = 0;
    pthread_mutex_lock(&c->lock);
    slot *s = &c->slots[slot_of(key)];
    if (s->resp && s->gen == gen && !strcmp(s->key, key)) {
        memcpy(etag, s->etag, 32);
        found = 1;
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

void sl_web_cache_put(sl_web_cache *c, const char *key, unsigned long gen, struct MHD_Response *r, size_t len,
                      const char *etag)
{
    char *k = strdup(key);
    if (!k) return; /* not kept: the next request computes it again */
    pthread_mutex_lock(&c->lock);
    slot *s = &c->slots[slot_of(key)];
    drop(c, s);
    if (c->bytes + len <= c->max_bytes) {
        /* MHD counts references: queueing takes one and the last
        ** MHD_destroy_response frees; the cache holds one by having
        ** created it, and the creator hands it over here */
        *s = (slot){k, gen, r, len, ""};
        snprintf(s->etag, sizeof s->etag, "%s", etag);
        c->bytes += len;
        k = NULL;
        r = NULL;
    }
    pthread_mutex_unlock(&c->lock);
    free(k);
    if (r) MHD_destroy_response(r);
}
