/*
** normalize.c — agency and county names reduced to comparable keys (see
** include/sightline/core/normalize.h).
**
** The Atlas and the FBI registry write the same agency differently:
** "Pittsburgh Police Department" / "Pittsburgh Bureau of Police",
** "Sheriff's Office of Shenandoah Co." / "Shenandoah County Sheriff's Office",
** "Prosecutor: Cumberland County" / "Cumberland County Prosecutor's Office",
** "Perry Township Police Department, Columbiana County". The rules below were
** chosen by reading both files: expand abbreviations, drop filler, drop a
** ", X County" qualifier (the county is compared separately), turn
** "A: B" registry names around, and reduce the agency kind to one word put
** last, so that word order around the kind stops mattering.
*/
#include "sightline/core/normalize.h"

#include <string.h>

#define MAX_WORDS 48
#define WORD_LEN 40

typedef struct word_list {
    char w[MAX_WORDS][WORD_LEN];
    int n;
} word_list;

/* Latin-1 supplement letters (U+00C0..U+00FF) folded to ASCII; '_' = drop. */
static const char FOLD_C3[65] = "AAAAAAACEEEEIIIIDNOOOOO_OUUUUYPsaaaaaaaceeeeiiiidnooooo_ouuuuypy";

static void put(char *out, size_t outlen, size_t *n, char c)
{
    if (*n + 1 < outlen) out[(*n)++] = c;
}

/* Put a space unless the output is empty or already ends with one. */
static void put_space(char *out, size_t outlen, size_t *n)
{
    if (*n > 0 && out[*n - 1] != ' ') put(out, outlen, n, ' ');
}

static int is_apostrophe(const unsigned char *p, size_t *len)
{
    if (p[0] == '\'' || p[0] == '`') { *len = 1; return 1; }
    /* U+2018 and U+2019, the typographic quotes word processors put in names */
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) { *len = 3; return 1; }
    return 0;
}

static int is_alnum_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void sl_name_ascii_words(const char *text, int keep_marks, char *out, size_t outlen)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    while (*p) {
        size_t alen;
        unsigned char c = *p;
        if (is_alnum_byte(c)) {
            put(out, outlen, &n, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            p++;
        } else if (is_apostrophe(p, &alen)) {
            p += alen;
            /* "Sheriff's" -> "sheriff", "O'Fallon" -> "ofallon" */
            if ((*p == 's' || *p == 'S') && !is_alnum_byte(p[1])) p++;
        } else if (c == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
            char f = FOLD_C3[p[1] - 0x80];
            if (f != '_') put(out, outlen, &n, (char)(f >= 'A' && f <= 'Z' ? f + 32 : f));
            p += 2;
        } else if (c == '&') {
            put_space(out, outlen, &n);
            for (const char *a = "and "; *a; a++) put(out, outlen, &n, *a);
            p++;
        } else if (keep_marks && (c == ',' || c == ':')) {
            put_space(out, outlen, &n);
            put(out, outlen, &n, (char)c);
            put(out, outlen, &n, ' ');
            p++;
        } else {
            put_space(out, outlen, &n);
            p++;
            while ((*p & 0xC0) == 0x80) p++; /* rest of an unknown UTF-8 letter */
        }
    }
    while (n > 0 && out[n - 1] == ' ') n--;
    if (outlen) out[n < outlen ? n : outlen - 1] = '\0';
}

static void split(const char *text, word_list *wl)
{
    wl->n = 0;
    const char *p = text;
    while (*p && wl->n < MAX_WORDS) {
        while (*p == ' ') p++;
        if (!*p) break;
        size_t len = strcspn(p, " ");
        size_t keep = len < WORD_LEN - 1 ? len : WORD_LEN - 1;
        memcpy(wl->w[wl->n], p, keep);
        wl->w[wl->n][keep] = '\0';
        wl->n++;
        p += len;
    }
}

static void remove_words(word_list *wl, int at, int count)
{
    if (count <= 0) return;
    memmove(wl->w[at], wl->w[at + count], (size_t)(wl->n - at - count) * WORD_LEN);
    wl->n -= count;
}

static void insert_word(word_list *wl, int at, const char *word)
{
    if (wl->n >= MAX_WORDS) return;
    memmove(wl->w[at + 1], wl->w[at], (size_t)(wl->n - at) * WORD_LEN);
    strncpy(wl->w[at], word, WORD_LEN - 1);
    wl->w[at][WORD_LEN - 1] = '\0';
    wl->n++;
}

static int eq(const char *a, const char *b) { return strcmp(a, b) == 0; }

static int is_county_word(const char *w)
{
    return eq(w, "county") || eq(w, "parish") || eq(w, "co") || eq(w, "cnty");
}

/* "State Police: Tioga County" -> "Tioga County State Police". */
static void turn_colon_names(word_list *wl)
{
    for (int i = 0; i < wl->n; i++) {
        if (!eq(wl->w[i], ":")) continue;
        word_list turned = {.n = 0};
        for (int j = i + 1; j < wl->n; j++) memcpy(turned.w[turned.n++], wl->w[j], WORD_LEN);
        for (int j = 0; j < i; j++) memcpy(turned.w[turned.n++], wl->w[j], WORD_LEN);
        *wl = turned;
        return;
    }
}

static int is_office_word(const char *w)
{
    static const char *const words[] = {"police", "department", "dept", "pd", "sheriff",
                                        "sheriffs", "office", "of", "the", "bureau",
                                        "division", "marshal", "constable", "public",
                                        "safety", "so", "city", "town", "village"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (eq(w, words[i])) return 1;
    return 0;
}

/* 1 if a word before AT names a place ("Perry Township Police Department,")
** rather than only an office ("Office of the Sheriff,"). */
static int names_place_before(const word_list *wl, int at)
{
    for (int i = 0; i < at; i++)
        if (!is_office_word(wl->w[i]) && !eq(wl->w[i], ",")) return 1;
    return 0;
}

/* ", Columbiana County" names which of several same-named townships is meant;
** the linker compares counties itself, so the qualifier leaves the name,
** unless it is the only place named ("Office of the Sheriff, Madison County"). */
static void drop_county_qualifiers(word_list *wl)
{
    for (int i = 0; i < wl->n; i++) {
        if (!eq(wl->w[i], ",")) continue;
        int end = -1;
        if (!names_place_before(wl, i)) {
            remove_words(wl, i, 1);
            i--;
            continue;
        }
        for (int j = i + 1; j < wl->n && j <= i + 5 && !eq(wl->w[j], ","); j++)
            if (is_county_word(wl->w[j])) { end = j; break; }
        remove_words(wl, i, end > i ? end - i + 1 : 1);
        i--;
    }
}

typedef struct expansion {
    const char *abbrev, *full;
} expansion;

static const expansion EXPANSIONS[] = {
    {"dept", "department"}, {"dep", "department"}, {"dpt", "department"},
    {"pd", "police department"}, {"co", "county"}, {"cnty", "county"},
    {"parish", "county"}, /* the FBI lists Louisiana parishes as counties */
    {"twp", "township"}, {"twsp", "township"}, {"twnshp", "township"},
    {"mt", "mount"}, {"ft", "fort"}, {"ste", "sainte"},
    {"dps", "department public safety"}, {"sfty", "safety"},
    {"vlg", "village"}, {"boro", "borough"}, {"univ", "university"},
    {"hwy", "highway"}, {"ofc", "office"}, {"offc", "office"}, {"atty", "attorney"},
    {"sheriffs", "sheriff"}, {"sherrif", "sheriff"}, {"sherriff", "sheriff"},
    {"marshals", "marshal"}, {"constables", "constable"},
    {"prosecutors", "prosecutor"}, {"metro", "metropolitan"},
    /* misspelt in the Atlas of 2020-10-07 ("Fort Bragg Police Deparment",
    ** "Indiana State Poilce", "Warrick County Seriff's Office", "Highland
    ** Park Department of Public Saftey"): words of no other meaning */
    {"deparment", "department"}, {"poilce", "police"}, {"seriff", "sheriff"},
    {"saftey", "safety"},
};

static int is_department_word(const char *w)
{
    return eq(w, "police") || eq(w, "department") || eq(w, "dept") || eq(w, "pd") ||
           eq(w, "sheriff") || eq(w, "office");
}

/* Expand abbreviations; "st" is "saint" only when it starts a place name
** ("St. Louis"), not in "Main St" or at the end. */
static void expand(word_list *wl)
{
    word_list out = {.n = 0};
    for (int i = 0; i < wl->n && out.n < MAX_WORDS; i++) {
        const char *w = wl->w[i];
        const char *full = w;
        if (eq(w, "st")) {
            int place_follows = i + 1 < wl->n && !is_department_word(wl->w[i + 1]) &&
                                !eq(wl->w[i + 1], ",");
            full = place_follows ? "saint" : w;
        } else if (eq(w, "so")) {
            full = i == wl->n - 1 && i > 0 ? "sheriff office" : w; /* "Lee County SO" */
        } else {
            for (size_t k = 0; k < sizeof EXPANSIONS / sizeof *EXPANSIONS; k++)
                if (eq(w, EXPANSIONS[k].abbrev)) { full = EXPANSIONS[k].full; break; }
        }
        word_list parts;
        split(full, &parts);
        for (int j = 0; j < parts.n && out.n < MAX_WORDS; j++)
            memcpy(out.w[out.n++], parts.w[j], WORD_LEN);
    }
    *wl = out;
}

/* "the", "of", "and" carry nothing; "City of X" is X; "Village of X" is
** "X Village", the order the registry uses. */
static void drop_filler(word_list *wl)
{
    for (int i = 0; i + 2 < wl->n; i++)
        if (eq(wl->w[i], "city") && eq(wl->w[i + 1], "of")) remove_words(wl, i, 2);
    if (wl->n > 2 && eq(wl->w[1], "of") &&
        (eq(wl->w[0], "town") || eq(wl->w[0], "village") || eq(wl->w[0], "township") ||
         eq(wl->w[0], "borough"))) {
        char place[WORD_LEN];
        memcpy(place, wl->w[0], WORD_LEN);
        remove_words(wl, 0, 2);
        int at = 0;
        while (at < wl->n && !is_department_word(wl->w[at])) at++;
        insert_word(wl, at, place);
    }
    for (int i = 0; i < wl->n; i++) {
        if (eq(wl->w[i], "the") || eq(wl->w[i], "of") || eq(wl->w[i], "and") ||
            eq(wl->w[i], ",")) {
            remove_words(wl, i, 1);
            i--;
        }
    }
}

typedef struct kind_phrase {
    const char *words, *kind;
} kind_phrase;

/* Longer phrases first: the first phrase found anywhere in the name wins. */
static const kind_phrase KINDS[] = {
    {"department public safety", "police"}, {"public safety department", "police"},
    {"public safety", "police"},
    {"police department", "police"}, {"department police", "police"},
    {"bureau police", "police"}, {"police bureau", "police"},
    {"division police", "police"}, {"police division", "police"},
    {"police services", "police"}, {"police service", "police"},
    {"police force", "police"}, {"police office", "police"}, {"police", "police"},
    {"sheriff office", "sheriff"}, {"sheriff department", "sheriff"},
    {"office sheriff", "sheriff"}, {"department sheriff", "sheriff"}, {"sheriff", "sheriff"},
    {"marshal office", "marshal"}, {"marshal department", "marshal"},
    {"marshal service", "marshal"}, {"marshal", "marshal"},
    {"constable office", "constable"}, {"constable", "constable"},
    {"prosecutor office", "prosecutor"}, {"prosecutor", "prosecutor"},
    {"district attorney office", "district attorney"},
    {"office district attorney", "district attorney"},
    {"district attorney", "district attorney"},
};

static int find_phrase(const word_list *wl, const word_list *phrase)
{
    for (int i = 0; i + phrase->n <= wl->n; i++) {
        int j = 0;
        while (j < phrase->n && eq(wl->w[i + j], phrase->w[j])) j++;
        if (j == phrase->n) return i;
    }
    return -1;
}

/* The first kind found is the agency's; a second one is dropped: the
** registry's "Maui Police Department County Sheriff's Office" is Maui
** County's police. */
static void canonical_kind(word_list *wl)
{
    const char *found = NULL;
    for (size_t k = 0; k < sizeof KINDS / sizeof *KINDS; k++) {
        word_list phrase;
        split(KINDS[k].words, &phrase);
        int at = find_phrase(wl, &phrase);
        if (at < 0) continue;
        remove_words(wl, at, phrase.n);
        if (!found) found = KINDS[k].kind;
        k--; /* the same phrase may occur again */
    }
    if (!found) return;
    word_list kind;
    split(found, &kind);
    for (int j = 0; j < kind.n && wl->n < MAX_WORDS; j++)
        memcpy(wl->w[wl->n++], kind.w[j], WORD_LEN);
}

static void join(const word_list *wl, char *out, size_t outlen)
{
    size_t n = 0;
    for (int i = 0; i < wl->n; i++) {
        if (i) put(out, outlen, &n, ' ');
        for (const char *c = wl->w[i]; *c; c++) put(out, outlen, &n, *c);
    }
    if (outlen) out[n] = '\0';
}

void sl_normalize_agency_name(const char *name, char *out, size_t outlen)
{
    char ascii[1024];
    word_list wl;
    sl_name_ascii_words(name, 1, ascii, sizeof ascii);
    split(ascii, &wl);
    turn_colon_names(&wl);
    drop_county_qualifiers(&wl);
    expand(&wl);
    drop_filler(&wl);
    canonical_kind(&wl);
    join(&wl, out, outlen);
}

void sl_normalize_county(const char *county, char *out, size_t outlen)
{
    char ascii[512];
    word_list wl;
    sl_name_ascii_words(county, 0, ascii, sizeof ascii);
    split(ascii, &wl);
    expand(&wl);
    for (int i = 0; i < wl.n; i++) {
        /* "city" stays: Virginia's "Richmond city" is not Richmond County */
        if (eq(wl.w[i], "county") || eq(wl.w[i], "borough") || eq(wl.w[i], "census") ||
            eq(wl.w[i], "area") || eq(wl.w[i], "municipality")) {
            remove_words(&wl, i, 1);
            i--;
        }
    }
    join(&wl, out, outlen);
}

sl_place_class sl_name_place_word(const char *w)
{
    if (eq(w, "metropolitan") || eq(w, "municipal")) return SL_PLACE_DEFAULT;
    if (eq(w, "city")) return SL_PLACE_CITY;
    if (eq(w, "town")) return SL_PLACE_TOWN;
    if (eq(w, "village") || eq(w, "villages")) return SL_PLACE_VILLAGE;
    if (eq(w, "township")) return SL_PLACE_TOWNSHIP;
    if (eq(w, "borough")) return SL_PLACE_BOROUGH;
    if (eq(w, "county")) return SL_PLACE_COUNTY;
    return SL_PLACE_NONE;
}

int sl_name_is_kind(const char *w)
{
    return eq(w, "police") || eq(w, "sheriff") || eq(w, "marshal") || eq(w, "constable") ||
           eq(w, "prosecutor") || eq(w, "attorney");
}
