/*
** link_campus.c — a campus police force linked to its school in the registry
** (see link_campus.h).
**
** The registry lists a campus force under its school, of type "University
** or College", the campus after a colon or a comma ("Ohio State University:
** Columbus", "Colorado State University, Fort Collins"). A row whose name,
** without its police words ("Police Department", "Department of Public
** Safety", "Campus Police", "Division of Law Enforcement"), is
**   - the school and its campus ("University of Illinois at Chicago"), or
**   - the school, when the registry names no campus or the campus is the
**     row's city or county ("University of Michigan", Ann Arbor, is
**     "University of Michigan: Ann Arbor", not ": Dearborn"), or
**   - a "Tech" that the registry calls "Tech University" (Texas Tech),
** is that school's force, if exactly one registry school of the row's state
** fits and, when the row gives a county, the school's county is the row's.
** A school of no county is never taken for a row that gives one: the
** registry's "Pennsylvania State University:" of no county is Abington's
** (an ORI of Montgomery County), not State College's.
** The row must name a force (police, safety, enforcement) and a school
** (university, college, institute, tech), so "Lincoln Police Department"
** is never Lincoln University. Words: sl_name_ascii_words, "&" as "and".
**
** A tribal force is its tribe the same way: the registry's agencies of type
** "Tribal" are named after the tribe ("Gun Lake Tribal", "Osage Nation"),
** with no county; a row naming a force and "Tribal", "Tribe" or "Nation"
** whose other words are the tribe's ("Gun Lake Tribal Police Department",
** "Shoalwater Bay Tribe Police Department") is that tribe's, when one tribe
** of the state fits. "Swinomish Police Department" names no tribe word and
** stays unlinked: a town's police is never taken for a tribe.
*/
#include "link_campus.h"
#include "link_keys.h"

#include "sightline/core/area.h"
#include "sightline/core/county.h"
#include "sightline/core/normalize.h"

#include <ctype.h>
#include <string.h>

#define WORDS_LEN 192

typedef struct school {
    size_t index;
    char state[3];
    const char *school;   /* "university illinois" */
    const char *campus;   /* "chicago", or "" */
    const char *counties; /* the registry's county field */
    int tribal;           /* a tribe's agency (type "Tribal"), not a school */
} school;

struct sl_campus_index {
    school *items;
    size_t n;
};

static int eq(const char *a, const char *b) { return strcmp(a, b) == 0; }

/* Words that say what kind of force, not which school. */
static int force_word(const char *w)
{
    static const char *const words[] = {"police", "pd", "department", "dept", "campus", "public",
                                        "safety", "division", "law", "enforcement", "services",
                                        "service", "office", "the", "of", "at", "in", "and"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (eq(w, words[i])) return 1;
    return 0;
}

static int names_force(const char *w)
{
    return eq(w, "police") || eq(w, "pd") || eq(w, "safety") || eq(w, "enforcement");
}

static int names_tribe(const char *w)
{
    return eq(w, "tribal") || eq(w, "tribe") || eq(w, "nation");
}

static int names_school(const char *w)
{
    return eq(w, "university") || eq(w, "college") || eq(w, "institute") || eq(w, "tech");
}

enum { NAMES_FORCE = 1, NAMES_SCHOOL = 2, NAMES_TRIBE = 4 };

/* TEXT's words without force and tribe words into OUT ("university illinois
** chicago"); *NAMES says which of a force, a school and a tribe word were there. */
static void school_words(const char *text, char *out, size_t outlen, int *names)
{
    char ascii[512];
    sl_name_ascii_words(text, 0, ascii, sizeof ascii);
    size_t n = 0;
    *names = 0;
    out[0] = '\0';
    for (char *w = ascii, *next; *w; w = next) {
        next = w + strcspn(w, " ");
        if (*next) *next++ = '\0';
        *names |= (names_force(w) ? NAMES_FORCE : 0) | (names_school(w) ? NAMES_SCHOOL : 0) |
                  (names_tribe(w) ? NAMES_TRIBE : 0);
        if (force_word(w) || names_tribe(w)) continue;
        size_t len = strlen(w);
        if (n + len + 2 > outlen) break;
        if (n) out[n++] = ' ';
        memcpy(out + n, w, len + 1);
        n += len;
    }
}

static int fill_school(sl_arena *ar, const sl_agency *a, size_t index, school *s)
{
    char head[256], words[WORDS_LEN];
    int names;
    s->tribal = eq(a->type, "Tribal");
    size_t cut = s->tribal ? strlen(a->name) : strcspn(a->name, ":,");
    if (cut >= sizeof head) cut = sizeof head - 1;
    memcpy(head, a->name, cut);
    head[cut] = '\0';
    s->index = index;
    link_state_key(a->state, s->state);
    school_words(head, words, sizeof words, &names);
    s->school = sl_arena_strdup(ar, words);
    school_words(a->name[cut] ? a->name + cut + 1 : "", words, sizeof words, &names);
    s->campus = sl_arena_strdup(ar, words);
    s->counties = a->county ? a->county : "";
    return s->school && s->campus ? 0 : -1;
}

sl_campus_index *sl_campus_index_new(sl_arena *ar, const sl_agency *agencies, size_t count)
{
    sl_campus_index *ix = sl_arena_alloc(ar, sizeof *ix);
    if (!ix) return NULL;
    ix->n = 0;
    ix->items = sl_arena_alloc(ar, sizeof *ix->items * (count ? count : 1));
    if (!ix->items) return NULL;
    for (size_t i = 0; i < count; i++) {
        const char *type = agencies[i].type;
        if (!type || !agencies[i].name || (!eq(type, "University or College") && !eq(type, "Tribal")))
            continue;
        if (fill_school(ar, &agencies[i], i, &ix->items[ix->n])) return NULL;
        if (ix->items[ix->n].school[0]) ix->n++;
    }
    return ix;
}

/* The row's place: its city's words joined, its counties' keys. */
typedef struct row_place {
    char city[WORDS_LEN];
    sl_county_set counties;
} row_place;

static int county_fits(const row_place *p, const school *s)
{
    if (p->counties.n == 0 || (s->tribal && !s->counties[0])) return 1; /* a tribe's land is no county */
    sl_county_set theirs = {.n = 0};
    sl_county_set_add(&theirs, s->counties);
    for (size_t i = 0; i < theirs.n; i++)
        if (sl_county_set_has(&p->counties, theirs.key[i])) return 1;
    return 0;
}

/* A campus the row does not name is the row's city or county, or none. */
static int campus_fits(const row_place *p, const school *s)
{
    if (!s->campus[0]) return 1;
    char flat[WORDS_LEN], key[SL_COUNTY_KEY];
    link_compact(s->campus, flat, sizeof flat);
    if (p->city[0] && eq(flat, p->city)) return 1;
    sl_county_key(s->campus, key);
    return strstr(s->campus, "county") && sl_county_set_has(&p->counties, key);
}

static int fits(const char *row, int names, const row_place *p, const school *s)
{
    if (s->tribal) return (names & NAMES_TRIBE) && eq(row, s->school);
    if (!(names & NAMES_SCHOOL)) return 0;
    char both[2 * WORDS_LEN];
    size_t len = strlen(row), tech = strlen(" tech");
    if (s->campus[0]) {
        strcpy(both, s->school);
        strcat(both, " ");
        strcat(both, s->campus);
        if (eq(row, both)) return 1;
    }
    if (!campus_fits(p, s)) return 0;
    if (eq(row, s->school)) return 1;
    if (len <= tech || !eq(row + len - tech, " tech")) return 0;
    strcpy(both, row);
    strcat(both, " university");
    return eq(both, s->school);
}

int sl_campus_match(const sl_campus_index *ix, const char *name, const char *state, const char *city,
                    const char *county, size_t *index)
{
    char row[WORDS_LEN], st[3], words[WORDS_LEN];
    int names, found = 0;
    if (!ix || !name || !state) return 0;
    school_words(name, row, sizeof row, &names);
    if (!(names & NAMES_FORCE) || !(names & (NAMES_SCHOOL | NAMES_TRIBE)) || !row[0]) return 0;
    link_state_key(state, st);
    row_place p = {.counties = {.n = 0}};
    sl_name_ascii_words(city, 0, words, sizeof words);
    link_compact(words, p.city, sizeof p.city);
    sl_county_set_add(&p.counties, county);
    for (size_t i = 0; i < ix->n; i++) {
        const school *s = &ix->items[i];
        if (!eq(s->state, st) || !county_fits(&p, s) || !fits(row, names, &p, s)) continue;
        if (found++) return 0; /* two schools fit: not ours to choose */
        *index = s->index;
    }
    return found == 1;
}
