/*
** local_cache.c — the campaign's local figures kept in memory (see
** campaign_web.h). A state's and county's figures take a tracker run, a
** join of the sites over the campaign's areas and a pass over the requests:
** 100-300 ms on the national data, for each visit of /campaign with a place.
** They depend only on what was imported and on the campaign's settings, so
** an answer is kept until sl_analysis_campaign_local_version changes: a
** pledge (a write to the same store) keeps them, an import or `rm` drops
** them. Kept as JSON text, so no jansson value is shared between threads.
*/
#include "campaign_web.h"
#include "sightline/analysis/campaign.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 4,096 slots hold every US county (3,231) and state at once; a collision
** only replaces a slot. */
#define SLOTS 4096

typedef struct slot {
    char *key;  /* "ST|county" */
    char *text; /* the figures, JSON */
    char version[65];
} slot;

struct sl_web_local_cache {
    pthread_mutex_t lock;
    slot slots[SLOTS];
};

sl_web_local_cache *sl_web_local_cache_new(void)
{
    sl_web_local_cache *c = calloc(1, sizeof *c);
    if (c && pthread_mutex_init(&c->lock, NULL)) {
        free(c);
        return NULL;
    }
    return c;
}

void sl_web_local_cache_free(sl_web_local_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < SLOTS; i++) free(c->slots[i].key), free(c->slots[i].text);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static size_t slot_of(const char *key)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    return (size_t)(h % SLOTS);
}

/* The kept figures of KEY at VERSION, parsed; NULL when none. */
static json_t *lookup(sl_web_local_cache *c, const char *key, const char *version)
{
    json_t *j = NULL;
    pthread_mutex_lock(&c->lock);
    slot *s = &c->slots[slot_of(key)];
    if (s->key && !strcmp(s->key, key) && !strcmp(s->version, version)) j = json_loads(s->text, 0, NULL);
    pthread_mutex_unlock(&c->lock);
    return j;
}

static void keep(sl_web_local_cache *c, const char *key, const char *version, const json_t *j)
{
    char *k = strdup(key), *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (k && text) {
        pthread_mutex_lock(&c->lock);
        slot *s = &c->slots[slot_of(key)];
        free(s->key), free(s->text);
        s->key = k, s->text = text;
        memcpy(s->version, version, sizeof s->version);
        k = text = NULL;
        pthread_mutex_unlock(&c->lock);
    }
    free(k), free(text); /* not kept: the next visit computes it again */
}

sl_status sl_web_local_figures(sl_web_local_cache *c, sl_store *st, const char *state, const char *county,
                               json_t **out, sl_error *err)
{
    *out = NULL;
    char version[65], key[160];
    if (!c || !state || sl_analysis_campaign_local_version(st, version, err))
        return err->status ? err->status : sl_analysis_campaign_local(st, state, county, out, err);
    /* the analysis validates STATE and COUNTY; only valid places are kept */
    snprintf(key, sizeof key, "%.8s|%.140s", state, county ? county : "");
    if ((*out = lookup(c, key, version))) return SL_OK;
    if (sl_analysis_campaign_local(st, state, county, out, err)) return err->status;
    keep(c, key, version, *out);
    return SL_OK;
}
