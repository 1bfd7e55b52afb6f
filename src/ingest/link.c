/*
** link.c — linking partnership rows to the FBI agency registry (see
** include/sightline/ingest/link.h).
**
** Five steps, each stricter about ambiguity than about misses, because a wrong
** link silently moves a partnership to another town while a missing one is
** only counted:
**   1. exact: the normalized name within the state ("exact"); several
**      registry agencies with that name are told apart by county ("tiebreak").
**   2. the same after dropping the state's own name from the agency name
**      ("Cincinnati Police Department, OH", "Kansas City, Kansas PD").
**   3. loose: the name without place words (city, town, village, township,
**      borough, county) and spaces, so "Hubbard City PD" finds "Hubbard PD"
**      and "De Kalb" finds "DeKalb"; candidates whose place word contradicts
**      the row's ("Chester Town" vs "Chester Village") are not taken ("fuzzy").
**   4. fuzzy: character-bigram Dice similarity of the distinctive words, plus
**      county and city evidence, accepted only for a clear winner ("fuzzy").
**   5. a city-county's sheriff written without "County" ("Carson City
**      Sheriff's Office"; "fuzzy", 0.95), and a campus or tribal force
**      named after its police, which the registry lists by school and
**      campus, or by tribe (link_campus.c; "fuzzy", score 0.9).
** Entries are sorted by state + key and by state + loose key, so lookups are
** binary searches and the fuzzy scan only visits one state.
*/
#include "sightline/core/area.h"
#include "sightline/core/county.h"
#include "sightline/ingest/link.h"
#include "sightline/core/normalize.h"
#include "sightline/store/crosswalk.h"
#include "link_campus.h"
#include "link_keys.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_LEN 192
#define MAX_BIGRAMS (KEY_LEN)

/* Fuzzy acceptance: a score at least this high, and this far ahead of the
** runner-up. Chosen on the Atlas 2020 rows (see tests/fixtures/README.md). */
static const double FUZZY_ACCEPT = 0.88;
static const double FUZZY_MARGIN = 0.06;

/* What the matcher compares, for a registry agency or a partnership row. */
typedef struct profile {
    char state[3];
    char key[KEY_LEN];      /* normalized name: "hubbard city police" */
    char loose[KEY_LEN];    /* without place words and spaces: "hubbardpolice" */
    char core[KEY_LEN];     /* words without place words and kind: "hubbard" */
    char kind[32];          /* last word when it is a kind: "police" */
    char counties[KEY_LEN]; /* "|dekalb|fulton|", spaces removed */
    char city[KEY_LEN];     /* the row's city, words joined: "gardencity" */
    sl_place_class place;
    uint16_t bigrams[MAX_BIGRAMS];
    int nbigrams;
} profile;

typedef struct entry {
    size_t index;
    char state[3];
    sl_place_class place;
    const char *key, *loose, *core, *kind, *counties;
    uint16_t *bigrams;
    int nbigrams;
} entry;

struct sl_linker {
    const sl_agency *agencies;
    size_t count;
    entry *by_key;     /* sorted by state, key */
    entry **by_loose;  /* sorted by state, loose */
    sl_campus_index *campus; /* the registry's schools and tribes (link_campus.c) */
    sl_arena arena;
};

/* ---- profiles ----------------------------------------------------------- */

static void append(char *out, size_t outlen, const char *s)
{
    size_t n = strlen(out);
    while (*s && n + 1 < outlen) out[n++] = *s++;
    out[n] = '\0';
}

/* "Ogle County, Winnebago County" or "OLDHAM; JEFFERSON" -> "|ogle|winnebago|":
** the keys of the counties TEXT names (county.h). */
static void county_set(const char *text, char *out, size_t outlen)
{
    sl_county_set s = {.n = 0};
    sl_county_set_add(&s, text);
    strcpy(out, "|");
    for (size_t i = 0; i < s.n; i++) {
        append(out, outlen, s.key[i]);
        append(out, outlen, "|");
    }
}

static int bigram_code(char a, char b)
{
    int x = isdigit((unsigned char)a) ? a - '0' + 26 : a - 'a';
    int y = isdigit((unsigned char)b) ? b - '0' + 26 : b - 'a';
    return x * 36 + y;
}

static int cmp_u16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

static int make_bigrams(const char *flat, uint16_t *out)
{
    int n = 0;
    for (size_t i = 0; flat[i] && flat[i + 1] && n < MAX_BIGRAMS; i++)
        out[n++] = (uint16_t)bigram_code(flat[i], flat[i + 1]);
    qsort(out, (size_t)n, sizeof *out, cmp_u16);
    return n;
}

/* Split KEY into loose key, core words, kind and place class. */
static void describe_key(profile *p)
{
    char word[KEY_LEN];
    const char *s = p->key;
    p->loose[0] = p->core[0] = p->kind[0] = '\0';
    p->place = SL_PLACE_NONE;
    while (*s) {
        size_t len = strcspn(s, " ");
        size_t keep = len < sizeof word - 1 ? len : sizeof word - 1;
        memcpy(word, s, keep);
        word[keep] = '\0';
        s += len;
        while (*s == ' ') s++;
        sl_place_class pc = sl_name_place_word(word);
        if (pc != SL_PLACE_NONE) {
            if (p->place == SL_PLACE_NONE || p->place == SL_PLACE_DEFAULT || p->place == SL_PLACE_CITY)
            p->place = pc;
            continue;
        }
        append(p->loose, sizeof p->loose, word);
        if (!*s && sl_name_is_kind(word)) {
            strcpy(p->kind, word);
        } else {
            if (p->core[0]) append(p->core, sizeof p->core, " ");
            append(p->core, sizeof p->core, word);
        }
    }
    if (p->place == SL_PLACE_NONE) p->place = SL_PLACE_DEFAULT;
    char flat[KEY_LEN];
    link_compact(p->core, flat, sizeof flat);
    p->nbigrams = make_bigrams(flat, p->bigrams);
}

static void build_profile(const char *name, const char *state, const char *county,
                          const char *city, const char *type, profile *p)
{
    char words[KEY_LEN];
    sl_name_ascii_words(city, 0, words, sizeof words);
    link_compact(words, p->city, sizeof p->city);
    link_state_key(state, p->state);
    sl_normalize_agency_name(name, p->key, sizeof p->key);
    describe_key(p);
    /* The registry names some municipal agencies by their place alone
    ** ("Fulshear"); those are the town's police. */
    if (!p->kind[0] && type && strcmp(type, "City") == 0 && p->key[0]) {
        append(p->key, sizeof p->key, " police");
        describe_key(p);
    }
    county_set(county, p->counties, sizeof p->counties);
}

/* ---- building ----------------------------------------------------------- */

static int cmp_key(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->state, y->state);
    if (c) return c;
    c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int cmp_loose(const void *a, const void *b)
{
    const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
    int c = strcmp(x->state, y->state);
    if (c) return c;
    c = strcmp(x->loose, y->loose);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int fill_entry(sl_arena *ar, const sl_agency *a, size_t index, entry *e)
{
    profile p;
    build_profile(a->name, a->state, a->county, NULL, a->type, &p);
    e->index = index;
    memcpy(e->state, p.state, sizeof e->state);
    e->place = p.place;
    e->key = sl_arena_strdup(ar, p.key);
    e->loose = sl_arena_strdup(ar, p.loose);
    e->core = sl_arena_strdup(ar, p.core);
    e->kind = sl_arena_strdup(ar, p.kind);
    e->counties = sl_arena_strdup(ar, p.counties);
    e->nbigrams = p.nbigrams;
    e->bigrams = sl_arena_alloc(ar, sizeof *e->bigrams * (size_t)(p.nbigrams + 1));
    if (!e->key || !e->loose || !e->core || !e->kind || !e->counties || !e->bigrams) return -1;
    memcpy(e->bigrams, p.bigrams, sizeof *e->bigrams * (size_t)p.nbigrams);
    return 0;
}

sl_status sl_linker_new(const sl_agency *agencies, size_t count, sl_linker **out, sl_error *err)
{
    *out = NULL;
    sl_linker *lk = calloc(1, sizeof *lk);
    if (!lk) return sl_fail(err, SL_ENOMEM, "", 0, "out of memory building the linker");
    lk->agencies = agencies;
    lk->count = count;
    lk->by_key = calloc(count ? count : 1, sizeof *lk->by_key);
    lk->by_loose = calloc(count ? count : 1, sizeof *lk->by_loose);
    if (!lk->by_key || !lk->by_loose) goto oom;
    for (size_t i = 0; i < count; i++)
        if (fill_entry(&lk->arena, &agencies[i], i, &lk->by_key[i])) goto oom;
    qsort(lk->by_key, count, sizeof *lk->by_key, cmp_key);
    for (size_t i = 0; i < count; i++) lk->by_loose[i] = &lk->by_key[i];
    qsort(lk->by_loose, count, sizeof *lk->by_loose, cmp_loose);
    lk->campus = sl_campus_index_new(&lk->arena, agencies, count);
    if (!lk->campus) goto oom;
    *out = lk;
    return SL_OK;
oom:
    sl_linker_free(lk);
    return sl_fail(err, SL_ENOMEM, "", 0, "out of memory building the linker");
}

void sl_linker_free(sl_linker *lk)
{
    if (!lk) return;
    free(lk->by_key);
    free(lk->by_loose);
    sl_arena_free(&lk->arena);
    free(lk);
}

/* ---- evidence ----------------------------------------------------------- */

static int counties_overlap(const char *a, const char *b)
{
    char piece[KEY_LEN + 2];
    for (const char *s = a + 1; *s;) {
        size_t len = strcspn(s, "|");
        if (len + 3 > sizeof piece) break;
        piece[0] = '|';
        memcpy(piece + 1, s, len);
        piece[len + 1] = '|';
        piece[len + 2] = '\0';
        if (strstr(b, piece)) return 1;
        s += len;
        if (*s) s++;
    }
    return 0;
}

static int counties_known(const char *set) { return set[0] && set[1]; }

static int is_small_place(sl_place_class c)
{
    return c == SL_PLACE_TOWN || c == SL_PLACE_VILLAGE || c == SL_PLACE_TOWNSHIP ||
           c == SL_PLACE_BOROUGH;
}

/* "Miami-Dade Police Department" is the registry's "Miami-Dade County Police
** Department": a name that is the row's county names the county's agency. */
static int names_its_county(const profile *q, const entry *e)
{
    char piece[KEY_LEN + 2] = "|", flat[KEY_LEN];
    link_compact(q->core, flat, sizeof flat);
    if (!flat[0]) return 0;
    append(piece, sizeof piece, flat);
    append(piece, sizeof piece, "|");
    return e->place == SL_PLACE_COUNTY && strstr(q->counties, piece) && strstr(e->counties, piece);
}

/* How well the place words of row Q and registry agency E agree, when the
** rest of the names does: 0 the same, 1 a usual variant ("Sandy City PD" /
** "Sandy PD", "Bedford PD" / "Bedford Town PD", a sheriff without "County"),
** 2 a weaker one ("Garden City PD" / "Garden City Village PD"), -1 different
** agencies ("Chester Town" / "Chester Village", "Chatham County" / "Chatham").
** A registry "X City" matches a plain "X" only when the row's city says
** "X City": "Texas Department of Public Safety" is not Texas City's police. */
static int place_rank(const profile *q, const entry *e)
{
    sl_place_class a = q->place, b = e->place;
    if (a == b) return 0;
    if (strcmp(q->kind, "sheriff") == 0 && (a == SL_PLACE_DEFAULT || a == SL_PLACE_COUNTY) &&
        (b == SL_PLACE_DEFAULT || b == SL_PLACE_COUNTY))
        return 1;
    if (names_its_county(q, e)) return 1;
    if (a == SL_PLACE_COUNTY || b == SL_PLACE_COUNTY) return -1;
    if (a == SL_PLACE_CITY) return b == SL_PLACE_DEFAULT ? 1 : 2;
    if (b == SL_PLACE_CITY) {
        char named[KEY_LEN];
        link_compact(e->core, named, sizeof named);
        append(named, sizeof named, "city");
        return a == SL_PLACE_DEFAULT && strcmp(q->city, named) == 0 ? 1 : -1;
    }
    return (a == SL_PLACE_DEFAULT && is_small_place(b)) || (b == SL_PLACE_DEFAULT && is_small_place(a))
               ? 1
               : -1;
}

static double dice(const uint16_t *a, int na, const uint16_t *b, int nb)
{
    if (na + nb == 0) return 0.0;
    int i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) { common++; i++; j++; }
        else if (a[i] < b[j]) i++;
        else j++;
    }
    return 2.0 * common / (na + nb);
}

/* ---- lookups ------------------------------------------------------------ */

typedef struct candidates {
    const entry *items[64];
    int n;
} candidates;

static void find_by_key(const sl_linker *lk, const char *state, const char *key, candidates *out)
{
    size_t lo = 0, hi = lk->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const entry *e = &lk->by_key[mid];
        int c = strcmp(e->state, state);
        if (!c) c = strcmp(e->key, key);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    out->n = 0;
    for (size_t i = lo; i < lk->count && out->n < 64; i++) {
        const entry *e = &lk->by_key[i];
        if (strcmp(e->state, state) || strcmp(e->key, key)) break;
        out->items[out->n++] = e;
    }
}

static void find_by_loose(const sl_linker *lk, const char *state, const char *loose,
                          candidates *out)
{
    size_t lo = 0, hi = lk->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const entry *e = lk->by_loose[mid];
        int c = strcmp(e->state, state);
        if (!c) c = strcmp(e->loose, loose);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    out->n = 0;
    for (size_t i = lo; i < lk->count && out->n < 64; i++) {
        const entry *e = lk->by_loose[i];
        if (strcmp(e->state, state) || strcmp(e->loose, loose)) break;
        out->items[out->n++] = e;
    }
}

/* The one candidate whose county matches the row's, or NULL. */
static const entry *by_county(const candidates *c, const profile *q)
{
    const entry *found = NULL;
    if (!counties_known(q->counties)) return NULL;
    for (int i = 0; i < c->n; i++) {
        if (!counties_overlap(q->counties, c->items[i]->counties)) continue;
        if (found) return NULL;
        found = c->items[i];
    }
    return found;
}

static double key_similarity(const char *a, const char *b)
{
    char fa[KEY_LEN], fb[KEY_LEN];
    uint16_t ba[MAX_BIGRAMS], bb[MAX_BIGRAMS];
    link_compact(a, fa, sizeof fa);
    link_compact(b, fb, sizeof fb);
    int na = make_bigrams(fa, ba), nb = make_bigrams(fb, bb);
    return dice(ba, na, bb, nb);
}

/* The one agency with the row's loose name in the row's county, when the
** exact name points elsewhere: the Atlas's "Raritan Police Department" in
** Hunterdon County is the registry's Raritan Township PD there, not the
** Raritan (borough) PD of Somerset County. A county agency is never taken
** this way: "St. Louis Police Department" stays the city's police even when
** the row names St. Louis County. */
static const entry *same_county_instead(const sl_linker *lk, const profile *q, const entry *exact)
{
    if (!counties_known(q->counties) || !counties_known(exact->counties) ||
        counties_overlap(q->counties, exact->counties))
        return NULL;
    candidates all;
    const entry *found = NULL;
    find_by_loose(lk, q->state, q->loose, &all);
    for (int i = 0; i < all.n; i++) {
        const entry *e = all.items[i];
        if (e == exact || e->place == SL_PLACE_COUNTY || place_rank(q, e) < 0 ||
            !counties_overlap(q->counties, e->counties))
            continue;
        if (found) return NULL;
        found = e;
    }
    return found;
}

static int link_exact(const sl_linker *lk, const profile *q, sl_link_result *out)
{
    candidates c;
    find_by_key(lk, q->state, q->key, &c);
    if (c.n == 0) return 0;
    if (c.n == 1) {
        const entry *instead = same_county_instead(lk, q, c.items[0]);
        if (instead) *out = (sl_link_result){instead->index, "fuzzy", 0.9};
        else *out = (sl_link_result){c.items[0]->index, "exact", 1.0};
        return 1;
    }
    const entry *e = by_county(&c, q);
    if (e) {
        *out = (sl_link_result){e->index, "tiebreak", 1.0};
        return 1;
    }
    return -1; /* ambiguous: several agencies carry exactly this name */
}

/* Among loose candidates keep those whose place words agree best (see
** place_rank), then break ties by county. The score is the similarity of the
** full names, but at least 0.95 for the same place words and 0.9 otherwise:
** only the place words differ. */
static int link_loose(const sl_linker *lk, const profile *q, sl_link_result *out)
{
    candidates all, tier[3] = {{.n = 0}, {.n = 0}, {.n = 0}};
    find_by_loose(lk, q->state, q->loose, &all);
    for (int i = 0; i < all.n; i++) {
        int rank = place_rank(q, all.items[i]);
        if (rank >= 0) tier[rank].items[tier[rank].n++] = all.items[i];
    }
    for (int t = 0; t < 3; t++) {
        if (tier[t].n == 0) continue;
        const entry *e = tier[t].n == 1 ? tier[t].items[0] : by_county(&tier[t], q);
        if (!e) return -1;
        double floor = t == 0 ? 0.95 : 0.9, sim = key_similarity(q->key, e->key);
        *out = (sl_link_result){e->index, "fuzzy", sim > floor ? sim : floor};
        return 1;
    }
    return 0;
}

static int count_words(const char *s)
{
    int n = *s ? 1 : 0;
    for (; *s; s++) n += *s == ' ';
    return n;
}

/* A sheriff is known by its county: "Richmond County Sheriff" is the
** registry's "Augusta-Richmond County Sheriff's Office". */
static int sheriff_of_county(const profile *q, const entry *e)
{
    if (strcmp(q->kind, "sheriff") || strcmp(e->kind, "sheriff")) return 0;
    char piece[KEY_LEN + 2] = "|", flat[KEY_LEN];
    link_compact(q->core, flat, sizeof flat);
    if (!flat[0]) return 0;
    append(piece, sizeof piece, flat);
    append(piece, sizeof piece, "|");
    return strstr(e->counties, piece) && (!counties_known(q->counties) || strstr(q->counties, piece));
}

/* Similarity of the distinctive words, for spelling variants only
** ("Lafaytette", "Webster Grove", "Gross Pointe Shores"): a name with a word
** more or less is another agency ("UC Berkeley" is not Berkeley's police,
** "Port of Los Angeles" not the LAPD), so the word counts must agree. */
static double fuzzy_score(const profile *q, const entry *e)
{
    /* a police department is never a school board or a sheriff */
    if (strcmp(q->kind, e->kind) || place_rank(q, e) < 0) return 0.0;
    double sim = 0.0;
    if (count_words(q->core) == count_words(e->core))
        sim = dice(q->bigrams, q->nbigrams, e->bigrams, e->nbigrams);
    if (sim < 0.9 && sheriff_of_county(q, e)) sim = 0.9;
    double score = sim;
    if (counties_known(q->counties) && counties_known(e->counties))
        score += counties_overlap(q->counties, e->counties) ? 0.05 : -0.15;
    if (q->city[0]) {
        char core_flat[KEY_LEN];
        link_compact(e->core, core_flat, sizeof core_flat);
        if (strcmp(core_flat, q->city) == 0) score += 0.05;
    }
    return score > 1.0 ? 1.0 : score;
}

static int link_fuzzy(const sl_linker *lk, const profile *q, sl_link_result *out)
{
    if (q->nbigrams < 3 || !q->kind[0]) return 0;
    size_t lo = 0, hi = lk->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(lk->by_key[mid].state, q->state) < 0) lo = mid + 1;
        else hi = mid;
    }
    const entry *best = NULL;
    double best_score = 0.0, second = 0.0;
    for (size_t i = lo; i < lk->count && strcmp(lk->by_key[i].state, q->state) == 0; i++) {
        const entry *e = &lk->by_key[i];
        double s = fuzzy_score(q, e);
        if (s > best_score) {
            second = best_score;
            best_score = s;
            best = e;
        } else if (s > second) {
            second = s;
        }
    }
    if (!best || best_score < FUZZY_ACCEPT || best_score - second < FUZZY_MARGIN) return 0;
    *out = (sl_link_result){best->index, "fuzzy", best_score};
    return 1;
}

/* ---- matching ----------------------------------------------------------- */

typedef struct state_name {
    const char *abbr, *name;
} state_name;

static const state_name STATES[] = {
    {"AL", "alabama"}, {"AK", "alaska"}, {"AZ", "arizona"}, {"AR", "arkansas"},
    {"CA", "california"}, {"CO", "colorado"}, {"CT", "connecticut"}, {"DE", "delaware"},
    {"DC", "district columbia"}, {"FL", "florida"}, {"GA", "georgia"}, {"HI", "hawaii"},
    {"ID", "idaho"}, {"IL", "illinois"}, {"IN", "indiana"}, {"IA", "iowa"},
    {"KS", "kansas"}, {"KY", "kentucky"}, {"LA", "louisiana"}, {"ME", "maine"},
    {"MD", "maryland"}, {"MA", "massachusetts"}, {"MI", "michigan"}, {"MN", "minnesota"},
    {"MS", "mississippi"}, {"MO", "missouri"}, {"MT", "montana"}, {"NE", "nebraska"},
    {"NV", "nevada"}, {"NH", "new hampshire"}, {"NJ", "new jersey"}, {"NM", "new mexico"},
    {"NY", "new york"}, {"NC", "north carolina"}, {"ND", "north dakota"}, {"OH", "ohio"},
    {"OK", "oklahoma"}, {"OR", "oregon"}, {"PA", "pennsylvania"}, {"RI", "rhode island"},
    {"SC", "south carolina"}, {"SD", "south dakota"}, {"TN", "tennessee"}, {"TX", "texas"},
    {"UT", "utah"}, {"VT", "vermont"}, {"VA", "virginia"}, {"WA", "washington"},
    {"WV", "west virginia"}, {"WI", "wisconsin"}, {"WY", "wyoming"},
};

/* Remove PHRASE (whole words) from KEY in place; 1 if it was there. */
static int remove_phrase(char *key, const char *phrase)
{
    size_t len = strlen(phrase);
    for (char *hit = strstr(key, phrase); hit; hit = strstr(hit + 1, phrase)) {
        int starts = hit == key || hit[-1] == ' ';
        int ends = hit[len] == ' ' || hit[len] == '\0';
        if (!starts || !ends || hit == key) continue; /* the first word is the place */
        memmove(hit - 1, hit + len, strlen(hit + len) + 1);
        return 1;
    }
    return 0;
}

/* The row's name without its own state ("cincinnati oh police"), or 0. */
static int strip_state(const profile *q, profile *out)
{
    for (size_t i = 0; i < sizeof STATES / sizeof *STATES; i++) {
        if (strcmp(STATES[i].abbr, q->state)) continue;
        char abbr[3] = {(char)tolower((unsigned char)q->state[0]),
                        (char)tolower((unsigned char)q->state[1]), '\0'};
        *out = *q;
        if (!remove_phrase(out->key, STATES[i].name) && !remove_phrase(out->key, abbr)) return 0;
        describe_key(out);
        return out->core[0] != '\0';
    }
    return 0;
}

/* A consolidated city-county's sheriff: the registry writes "Carson City
** County Sheriff's Office" where the Atlas writes "Carson City Sheriff's
** Office". The row's name with "county" before its kind, when its last place
** word is "city", must then be the exact name of a registry agency. */
static int link_city_county_sheriff(const sl_linker *lk, const profile *q, sl_link_result *out)
{
    size_t len = strlen(q->key), kind = strlen(" city sheriff");
    if (strcmp(q->kind, "sheriff") || len <= kind || strcmp(q->key + len - kind, " city sheriff"))
        return 0;
    profile county = *q;
    county.key[len - strlen(" sheriff")] = '\0';
    append(county.key, sizeof county.key, " county sheriff");
    describe_key(&county);
    int r = link_exact(lk, &county, out);
    if (r > 0) *out = (sl_link_result){out->index, "fuzzy", 0.95};
    return r;
}

int sl_linker_match(const sl_linker *lk, const char *name, const char *state,
                    const char *city, const char *county, sl_link_result *out)
{
    profile q, stripped;
    if (!name || !*name) return 0;
    build_profile(name, state, county, city, NULL, &q);
    if (!q.key[0] || !q.state[0]) return 0;
    int r = link_exact(lk, &q, out);
    if (r) return r > 0;
    int have_stripped = strip_state(&q, &stripped);
    if (have_stripped && (r = link_exact(lk, &stripped, out)) != 0) return r > 0;
    if ((r = link_loose(lk, &q, out)) != 0) return r > 0;
    if (have_stripped && (r = link_loose(lk, &stripped, out)) != 0) return r > 0;
    if ((r = link_city_county_sheriff(lk, &q, out)) != 0) return r > 0;
    if (link_fuzzy(lk, &q, out)) return 1;
    /* last, so that no link the name rules make changes: a campus or tribal
    ** force is its school or tribe ("fuzzy": the names differ by the words
    ** of the force) */
    if (sl_campus_match(lk->campus, name, state, city, county, &out->index)) {
        out->method = "fuzzy";
        out->score = 0.9;
        return 1;
    }
    return 0;
}

/* ---- a row filed under another state ----------------------------------- */

/* 1 when an agency of STATE in the registry lies in a county of SET. */
static int state_has_county(const sl_linker *lk, const char *state, const char *set)
{
    for (size_t i = 0; i < lk->count; i++)
        if (!strcmp(lk->by_key[i].state, state) && counties_overlap(set, lk->by_key[i].counties)) return 1;
    return 0;
}

int sl_linker_misfiled(const sl_linker *lk, const char *name, const char *state, const char *county, size_t *index)
{
    profile q;
    if (!name || !*name || !county || !*county) return 0;
    build_profile(name, state, county, NULL, NULL, &q);
    if (!q.key[0] || !counties_known(q.counties) || (q.state[0] && state_has_county(lk, q.state, q.counties)))
        return 0;
    int found = 0;
    for (size_t i = 0; i < lk->count; i++) {
        const entry *e = &lk->by_key[i];
        if (strcmp(e->key, q.key) || !strcmp(e->state, q.state) || !counties_overlap(q.counties, e->counties)) continue;
        if (found++) return 0; /* two such agencies: no one answer */
        *index = e->index;
    }
    return found == 1;
}

/* ---- the store pass ----------------------------------------------------- */

/* The registry index of the agency with ORI, or -1. */
static long agency_by_ori(const sl_agency_list *l, const char *ori)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].ori && strcmp(l->items[i].ori, ori) == 0) return (long)i;
    return -1;
}

/* The crosswalk decision for RECORD_ID: 1 with *INDEX (-1: no agency), or 0
** when the crosswalk does not name it. The last entry for a record wins. */
static int crosswalk_of(const sl_crosswalk *cw, const long *index, const char *record_id, long *out)
{
    for (size_t i = cw->count; record_id && record_id[0] && i-- > 0;)
        if (strcmp(cw->items[i].record_id, record_id) == 0) {
            *out = index[i];
            return 1;
        }
    return 0;
}

/* Resolve each crosswalk ORI to a registry index once; an ORI the registry
** lacks is an error naming it, not a silent unlink. */
static sl_status crosswalk_index(const sl_crosswalk *cw, const sl_agency_list *agencies, long **out, sl_error *err)
{
    *out = malloc((cw->count + 1) * sizeof **out);
    if (!*out) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < cw->count; i++) {
        (*out)[i] = cw->items[i].ori ? agency_by_ori(agencies, cw->items[i].ori) : -1;
        if (cw->items[i].ori && (*out)[i] < 0 && agencies->count)
            return sl_fail(err, SL_EDATA, NULL, 0, "link correction for %s names ORI %s, which the registry lacks",
                           cw->items[i].record_id, cw->items[i].ori);
    }
    return SL_OK;
}

static sl_status link_one(sl_store *st, const sl_linker *lk, const sl_agency_list *agencies,
                          const sl_partnership *p, sl_link_stats *stats, sl_error *err)
{
    sl_link_result r;
    if (sl_linker_match(lk, p->agency, p->state, p->city, p->county, &r)) {
        const sl_agency *a = &agencies->items[r.index];
        stats->linked++;
        if (strcmp(r.method, "exact") == 0) stats->exact++;
        else if (strcmp(r.method, "tiebreak") == 0) stats->tiebreak++;
        else stats->fuzzy++;
        return sl_store_set_link(st, p->id, a->id, r.method, r.score, err);
    }
    size_t at;
    sl_link_misfiled *m = &stats->misfiled;
    if (sl_linker_misfiled(lk, p->agency, p->state, p->county, &at) && m->rows++ < SL_MISFILED_KEPT) {
        const sl_agency *a = &agencies->items[at];
        sl_misfiled_row *k = &m->items[m->rows - 1];
        snprintf(k->record_id, sizeof k->record_id, "%s", p->record_id ? p->record_id : "");
        snprintf(k->agency, sizeof k->agency, "%s", p->agency);
        snprintf(k->state, sizeof k->state, "%s", p->state ? p->state : "");
        snprintf(k->county, sizeof k->county, "%s", p->county);
        snprintf(k->ori, sizeof k->ori, "%s", a->ori ? a->ori : "");
        snprintf(k->in_state, sizeof k->in_state, "%s", a->state ? a->state : "");
        k->line = p->line;
    }
    return sl_store_set_link(st, p->id, 0, NULL, 0.0, err);
}

sl_status sl_link_partnerships(sl_store *st, sl_link_stats *stats, sl_error *err)
{
    return sl_link_partnerships_told(st, stats, NULL, err);
}

sl_status sl_link_partnerships_told(sl_store *st, sl_link_stats *stats, const sl_progress *progress,
                                    sl_error *err)
{
    sl_agency_list agencies;
    sl_partnership_list rows;
    sl_crosswalk cw;
    sl_linker *lk = NULL;
    long *cw_index = NULL;
    memset(stats, 0, sizeof *stats);
    if (sl_store_load_agencies(st, &agencies, err)) return err->status;
    if (sl_store_load_partnerships(st, NULL, &rows, err)) {
        sl_agency_list_free(&agencies);
        return err->status;
    }
    sl_status status = sl_store_load_crosswalk(st, &cw, err);
    if (!status) status = crosswalk_index(&cw, &agencies, &cw_index, err);
    if (!status) status = sl_linker_new(agencies.items, agencies.count, &lk, err);
    for (size_t i = 0; status == SL_OK && i < rows.count; i++) {
        const sl_partnership *p = &rows.items[i];
        long fixed;
        if (i % 256 == 0) sl_progress_tell(progress, "rows linked", i, rows.count);
        stats->rows++;
        if (crosswalk_of(&cw, cw_index, p->record_id, &fixed)) {
            stats->crosswalk++;
            stats->linked += fixed >= 0;
            status = sl_store_set_link(st, p->id, fixed >= 0 ? agencies.items[fixed].id : 0,
                                       fixed >= 0 ? "crosswalk" : NULL, 1.0, err);
        } else {
            status = link_one(st, lk, &agencies, p, stats, err);
        }
    }
    sl_linker_free(lk);
    free(cw_index);
    sl_crosswalk_free(&cw);
    sl_partnership_list_free(&rows);
    sl_agency_list_free(&agencies);
    return status;
}
