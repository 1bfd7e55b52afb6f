/*
** disparity_vintage.c — the year of each group's figures, where it is not
** the year the areas' import recorded.
**
** QuickFacts of 2014 (the counties' demographics) gives its population and
** race shares as 2014 estimates, but its foreign-born share (POP645213) is
** the American Community Survey's estimate over 2009-2013: the import
** records one year, 2014, and the columns it read. A QuickFacts column code
** ends in its year ("...213": 2013), so the columns say which figure is of
** another year, and the disparity says it beside the figure, not only in
** the Methods.
*/
#include "sightline/analysis/disparity.h"
#include "sightline/core/json_build.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The year a QuickFacts column code names ("POP645213": 2013; three capitals,
** six digits, the last three 2YY); 0 when CODE is no such code. */
static int quickfacts_year(const char *code)
{
    if (!code || strlen(code) != 9) return 0;
    for (int i = 0; i < 9; i++)
        if (i < 3 ? !isupper((unsigned char)code[i]) : !isdigit((unsigned char)code[i])) return 0;
    return code[6] == '2' ? 2000 + (code[7] - '0') * 10 + (code[8] - '0') : 0;
}

/* The last year of an import's YEAR ("2014", "2010-2014"); 0 when none. */
static int last_year(const char *year)
{
    size_t n = year ? strlen(year) : 0;
    int y = 0;
    if (n >= 4 && sscanf(year + n - 4, "%4d", &y) != 1) y = 0;
    return y;
}

int sl_disparity_residents_note(json_t *r)
{
    json_t *from = json_object_get(r, "population_from"), *cols = json_object_get(from, "columns"), *g;
    int recorded = last_year(json_string_value(json_object_get(from, "year"))), bad = 0;
    char text[900] = "";
    size_t i, w = 0;
    json_t *vintages = sl_jok(json_array(), &bad);
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        const char *name = json_string_value(json_object_get(g, "group"));
        const char *code = json_string_value(json_object_get(cols, name ? name : ""));
        int y = quickfacts_year(code);
        if (!recorded || !y || y == recorded) continue;
        /* foreign birth is asked by the ACS alone: QuickFacts' county figure is its five-year estimate */
        int acs = !strcmp(name, "foreign_born");
        char years[16];
        snprintf(years, sizeof years, acs ? "%d\xe2\x80\x93%d" : "%d", acs ? y - 4 : y, y); /* U+2013 */
        sl_jpush(vintages, json_pack("{s:s, s:s, s:s}", "group", name, "column", code, "years", years), &bad);
        int n = snprintf(text + w, sizeof text - w, "%sthe %s shares are of column %s, which its QuickFacts code dates "
                         "%d%s%s, not %d", w ? "; " : "", sl_group_label(name), code, y,
                         acs ? ": the American Community Survey's estimate over the five years " : "", acs ? years : "",
                         recorded);
        if (n > 0 && (size_t)n < sizeof text - w) w += (size_t)n;
    }
    if (json_array_size(vintages)) {
        sl_jset(r, "vintages", json_incref(vintages), &bad);
        sl_jset(r, "residents_note", json_string(text), &bad);
    }
    json_decref(vintages);
    return bad ? -1 : 0;
}
