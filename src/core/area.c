/*
** area.c — area lists (see sightline/core/area.h).
*/
#include "sightline/core/area.h"
#include "sightline/core/county.h"

#include <stdlib.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void sl_area_list_free(sl_area_list *l)
{
    free(l->items);
    sl_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}

int sl_group_fits(double count, double pop)
{
    return count <= pop * 1.005 + 1e-9;
}

const char *sl_census_geo_id(const char *id)
{
    if (!id || strspn(id, "0123456789") != 7 || id[7] != 'U' || id[8] != 'S') return id;
    size_t n = strlen(id + 9);
    return n && strspn(id + 9, "0123456789") == n ? id + 9 : id;
}

/* 1 when ID, LEAD digits long before "US", is a GEO_ID of a summary level
** whose code opens with the state's: 040 state, 050 county, 060 county
** subdivision, 070 and 080 their parts (as NYC's ACS tracts, "08000US36..."),
** 140 tract, 150 block group, 155 and 160 places, 170 consolidated city,
** 500 congressional district, 610 and 620 legislative districts, 795 PUMA,
** 950-970 school districts. Not 860 (ZIP code areas), 310 (metro areas) or
** 010-030 (nation, regions), whose codes name no state. The summary level is
** three digits; the rest of the lead is its variant and component, five
** digits before 2011 ("08000US"), seven since ("1400000US"). */
static int geo_id_rooted_in_state(const char *id, size_t lead)
{
    static const char *const LEVELS[] = {"040", "050", "060", "070", "080", "140", "150", "155", "160",
                                         "170", "500", "610", "620", "795", "950", "960", "970"};
    if (id[lead] != 'U' || id[lead + 1] != 'S' || strspn(id + lead + 2, "0123456789") < 2) return 0;
    for (size_t i = 0; i < sizeof LEVELS / sizeof *LEVELS; i++)
        if (!strncmp(id, LEVELS[i], 3)) return 1;
    return 0;
}

const char *sl_fips_state(const char *id)
{
    static const char *const ST[] = {
        [1] = "AL",  [2] = "AK",  [4] = "AZ",  [5] = "AR",  [6] = "CA",  [8] = "CO",  [9] = "CT",  [10] = "DE",
        [11] = "DC", [12] = "FL", [13] = "GA", [15] = "HI", [16] = "ID", [17] = "IL", [18] = "IN", [19] = "IA",
        [20] = "KS", [21] = "KY", [22] = "LA", [23] = "ME", [24] = "MD", [25] = "MA", [26] = "MI", [27] = "MN",
        [28] = "MS", [29] = "MO", [30] = "MT", [31] = "NE", [32] = "NV", [33] = "NH", [34] = "NJ", [35] = "NM",
        [36] = "NY", [37] = "NC", [38] = "ND", [39] = "OH", [40] = "OK", [41] = "OR", [42] = "PA", [44] = "RI",
        [45] = "SC", [46] = "SD", [47] = "TN", [48] = "TX", [49] = "UT", [50] = "VT", [51] = "VA", [53] = "WA",
        [54] = "WV", [55] = "WI", [56] = "WY", [60] = "AS", [66] = "GU", [69] = "MP", [72] = "PR", [78] = "VI"};
    if (!id) return NULL;
    size_t n = strlen(id), lead = strspn(id, "0123456789");
    if (lead < n && (lead == 5 || lead == 7) && geo_id_rooted_in_state(id, lead)) {
        id += lead + 2; /* the state's two digits after "US" */
    } else if ((n != 5 && n != 11) || lead != n) {
        return NULL;
    }
    size_t code = (size_t)(id[0] - '0') * 10 + (size_t)(id[1] - '0');
    return code < sizeof ST / sizeof *ST ? ST[code] : NULL; /* 79..99: no state, and past the table */
}

static const char *const STATE_NAMES[][2] = {
        {"Alabama", "AL"}, {"Alaska", "AK"}, {"Arizona", "AZ"}, {"Arkansas", "AR"}, {"California", "CA"},
        {"Colorado", "CO"}, {"Connecticut", "CT"}, {"Delaware", "DE"}, {"District of Columbia", "DC"},
        {"Florida", "FL"}, {"Georgia", "GA"}, {"Hawaii", "HI"}, {"Idaho", "ID"}, {"Illinois", "IL"},
        {"Indiana", "IN"}, {"Iowa", "IA"}, {"Kansas", "KS"}, {"Kentucky", "KY"}, {"Louisiana", "LA"},
        {"Maine", "ME"}, {"Maryland", "MD"}, {"Massachusetts", "MA"}, {"Michigan", "MI"}, {"Minnesota", "MN"},
        {"Mississippi", "MS"}, {"Missouri", "MO"}, {"Montana", "MT"}, {"Nebraska", "NE"}, {"Nevada", "NV"},
        {"New Hampshire", "NH"}, {"New Jersey", "NJ"}, {"New Mexico", "NM"}, {"New York", "NY"},
        {"North Carolina", "NC"}, {"North Dakota", "ND"}, {"Ohio", "OH"}, {"Oklahoma", "OK"}, {"Oregon", "OR"},
        {"Pennsylvania", "PA"}, {"Rhode Island", "RI"}, {"South Carolina", "SC"}, {"South Dakota", "SD"},
        {"Tennessee", "TN"}, {"Texas", "TX"}, {"Utah", "UT"}, {"Vermont", "VT"}, {"Virginia", "VA"},
        {"Washington", "WA"}, {"West Virginia", "WV"}, {"Wisconsin", "WI"}, {"Wyoming", "WY"},
        {"American Samoa", "AS"}, {"Guam", "GU"}, {"Northern Mariana Islands", "MP"}, {"Puerto Rico", "PR"},
        {"Virgin Islands", "VI"}};

const char *sl_state_of_name(const char *name, size_t len)
{
    while (len && (*name == ' ' || *name == '\t')) name++, len--;
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t')) len--;
    for (size_t i = 0; i < sizeof STATE_NAMES / sizeof *STATE_NAMES; i++)
        if (strlen(STATE_NAMES[i][0]) == len && !strncasecmp(name, STATE_NAMES[i][0], len)) return STATE_NAMES[i][1];
    return NULL;
}

const char *sl_state_name(const char *code)
{
    for (size_t i = 0; code && i < sizeof STATE_NAMES / sizeof *STATE_NAMES; i++)
        if (!strcmp(STATE_NAMES[i][1], code)) return STATE_NAMES[i][0];
    return NULL;
}

/* US counties whose FIPS code changed since 2010 with nothing else changed
** (a renaming), former code then current. Source: US Census Bureau,
** "Substantial Changes to Counties and County Equivalent Entities: 1970-
** Present" (census.gov, geography technical documentation). Left out, as no
** row can carry them whole: Bedford city, VA (51515), folded into Bedford
** County (51019) in 2013, which has its own row in tables since (its 2014
** QuickFacts row already counts the city; the city's row is empty); and
** splits, such as Valdez-Cordova, AK (02261) into 02063 and 02066 in 2019. */
static const char *const FIPS_CHANGES[][2] = {
    {"02270", "02158"}, /* Wade Hampton Census Area, AK, renamed Kusilvak in 2015 */
    {"46113", "46102"}, /* Shannon County, SD, renamed Oglala Lakota in 2015 */
};

const char *sl_fips_former(const char *id)
{
    for (size_t i = 0; id && i < sizeof FIPS_CHANGES / sizeof *FIPS_CHANGES; i++)
        if (!strcmp(id, FIPS_CHANGES[i][1])) return FIPS_CHANGES[i][0];
    return NULL;
}

int sl_state_known(const char *code)
{
    if (!code || strlen(code) != 2) return 0;
    for (int fips = 1; fips < 80; fips++) {
        char id[6];
        snprintf(id, sizeof id, "%02d001", fips);
        const char *st = sl_fips_state(id);
        if (st && toupper((unsigned char)code[0]) == st[0] && toupper((unsigned char)code[1]) == st[1]) return 1;
    }
    return 0;
}

const char *sl_state_canonical(const char *state, char *out, size_t outlen)
{
    if (!outlen) return out;
    if (!state) {
        out[0] = '\0';
        return out;
    }
    while (*state == ' ' || *state == '\t') state++;
    size_t n = strlen(state);
    while (n && (state[n - 1] == ' ' || state[n - 1] == '\t')) n--;
    if (n >= outlen) n = outlen - 1;
    memmove(out, state, n); /* OUT may be STATE itself */
    out[n] = '\0';
    if (n == 2 && isalpha((unsigned char)out[0]) && isalpha((unsigned char)out[1])) {
        out[0] = (char)toupper((unsigned char)out[0]);
        out[1] = (char)toupper((unsigned char)out[1]);
        if (!strcmp(out, "NB")) memcpy(out, "NE", 2);
        else if (!strcmp(out, "GM")) memcpy(out, "GU", 2);
    }
    return out;
}

int sl_area_list_has_states(const sl_area_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        if (!sl_fips_state(l->items[i].id)) return 0;
    return l->count > 0;
}

/* A tract's GEOID ends with its six-digit code, read as the Census Bureau
** names it: 842200 is "Census Tract 8422", 030701 "Census Tract 307.01". */
const char *sl_area_display_name(const char *name, const char *id, char *out, size_t outlen)
{
    const char *st = sl_fips_state(id);
    if (name && name[0]) {
        char shown[512]; /* "Richmond city, VA", not a second "Richmond, VA" (county.h) */
        sl_county_shown_name(id, name, shown, sizeof shown);
        if (st) snprintf(out, outlen, "%s, %s", shown, st);
        else snprintf(out, outlen, "%s", shown);
        return out;
    }
    if (!st) return snprintf(out, outlen, "%s", ""), out;
    id = sl_census_geo_id(id); /* "1400000US17031842200": the tract's GEOID */
    size_t n = strlen(id);
    if (strspn(id, "0123456789") != n || (n != 2 && n != 5 && n != 11))
        return snprintf(out, outlen, "%s", ""), out; /* a GEO_ID of another level: unnamed */
    if (n != 11) return snprintf(out, outlen, "%s", st), out; /* a state, a county */
    int whole = atoi((char[5]){id[5], id[6], id[7], id[8], '\0'}), part = atoi(id + 9);
    if (part) snprintf(out, outlen, "Census Tract %d.%02d, %s", whole, part, st);
    else snprintf(out, outlen, "Census Tract %d, %s", whole, st);
    return out;
}
