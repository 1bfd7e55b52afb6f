/*
** request_radius.c — the unit of a requests file's radii (see
** request_radius.h).
*/
#include "request_radius.h"
#include "sightline/core/names.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Every spelling of a unit, with its plain name; the first of each group is
** the short form --radius-unit documents. */
static const struct {
    const char *spelling, *name;
    double metres;
    int unit; /* bit index in sl_radius_plan.seen */
} UNITS[] = {
    {"m", "metres", 1, 0},          {"meter", "metres", 1, 0},        {"meters", "metres", 1, 0},
    {"metre", "metres", 1, 0},      {"metres", "metres", 1, 0},       {"km", "kilometres", 1000, 1},
    {"kilometer", "kilometres", 1000, 1}, {"kilometers", "kilometres", 1000, 1},
    {"kilometre", "kilometres", 1000, 1}, {"kilometres", "kilometres", 1000, 1},
    {"ft", "feet", 0.3048, 2},      {"feet", "feet", 0.3048, 2},      {"foot", "feet", 0.3048, 2},
    {"mi", "miles", 1609.344, 3},   {"mile", "miles", 1609.344, 3},   {"miles", "miles", 1609.344, 3},
};
enum { NUNITS = sizeof UNITS / sizeof *UNITS };

/* Column names read as a radius when --radius is not given, in this order. */
static const char *const RADIUS_NAMES[] = {
    "radius_m", "radius_meters", "radius_metres", "radius", "radius_km", "radius_kilometers",
    "radius_kilometres", "radius_ft", "radius_feet", "radius_mi", "radius_miles", NULL};
/* Columns that hold a unit per row. */
static const char *const UNIT_NAMES[] = {"radius_unit", "radius_units", "radius_uom", "unit", "units", "uom", NULL};

static int unit_index(const char *text)
{
    char word[16];
    size_t n = 0;
    while (isspace((unsigned char)*text)) text++;
    for (; *text && n + 1 < sizeof word; text++) word[n++] = (char)*text;
    while (n && (isspace((unsigned char)word[n - 1]) || word[n - 1] == '.')) n--;
    word[n] = '\0';
    if (*text) return -1; /* longer than any unit */
    for (int i = 0; i < NUNITS; i++)
        if (!strcasecmp(word, UNITS[i].spelling)) return i;
    return -1;
}

double sl_length_unit(const char *text, const char **name)
{
    int i = text ? unit_index(text) : -1;
    if (name) *name = i >= 0 ? UNITS[i].name : NULL;
    return i >= 0 ? UNITS[i].metres : 0;
}

/* The unit NAME ends with: "radius_ft", "Radius (ft)", "radius feet"; 0 when none. */
static double unit_of_name(const char *name)
{
    const char *cut = NULL;
    for (const char *c = name; *c; c++)
        if (*c == '_' || *c == ' ' || *c == '(') cut = c;
    if (!cut) return 0;
    char tail[16];
    snprintf(tail, sizeof tail, "%s", cut + 1);
    char *close = strchr(tail, ')');
    if (close) *close = '\0';
    return sl_length_unit(tail, NULL);
}

static int listed(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcasecmp(name, *list)) return 1;
    return 0;
}

static const char *present(const char *const *names, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(names[i], want)) return names[i];
    return NULL;
}

/* NAME as a word of RADIUS_NAMES would spell it: lower case, each run of
** other characters one '_', none at the ends. An export's "Radius (ft)"
** or "RADIUS-M" then reads as radius_ft or radius_m. */
static void spelled(const char *name, char *out, size_t size)
{
    size_t n = 0;
    for (; *name && n + 1 < size; name++) {
        if (isalnum((unsigned char)*name)) out[n++] = (char)tolower((unsigned char)*name);
        else if (n && out[n - 1] != '_') out[n++] = '_';
    }
    while (n && out[n - 1] == '_') n--;
    out[n] = '\0';
}

/* The first of NAMES that is one of RADIUS_NAMES as spelled() writes it. */
static const char *present_spelled(const char *const *names, size_t n)
{
    char word[64];
    for (const char *const *c = RADIUS_NAMES; *c; c++)
        for (size_t i = 0; i < n; i++) {
            spelled(names[i], word, sizeof word);
            if (!strcmp(word, *c)) return names[i];
        }
    return NULL;
}

static int says_radius(const char *name)
{
    for (; *name; name++)
        if (!strncasecmp(name, "radius", 6)) return 1;
    return 0;
}

/* Columns named like a radius or its unit that the plan does not read. */
static void note_unread(const char *const *names, size_t n, sl_radius_plan *p)
{
    sl_name_list l;
    int any = 0;
    sl_name_list_start(&l, p->unread, sizeof p->unread);
    for (size_t i = 0; i < n; i++) {
        const char *c = names[i];
        int like = says_radius(c) || (p->column[0] && listed(c, UNIT_NAMES));
        if (!like || !strcasecmp(c, p->column) || !strcasecmp(c, p->unit_column)) continue;
        sl_name_list_add(&l, c, strlen(c) < 60 ? strlen(c) : 60);
        any = 1;
    }
    sl_name_list_end(&l);
    if (!any) p->unread[0] = '\0';
}

sl_status sl_radius_plan_make(const char *const *names, size_t n, const char *given, const char *unit,
                              const char *path, sl_radius_plan *p, sl_error *err)
{
    memset(p, 0, sizeof *p);
    const char *unit_name = NULL;
    double opt = unit ? sl_length_unit(unit, &unit_name) : 0;
    if (unit && !opt)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--radius-unit '%s' is not a unit of length (m, km, ft or mi)", unit);
    const char *col = given ? present(names, n, given) : NULL;
    for (const char *const *c = RADIUS_NAMES; !given && !col && *c; c++) col = present(names, n, *c);
    if (!given && !col) col = present_spelled(names, n);
    if (col) snprintf(p->column, sizeof p->column, "%s", col);
    double named = col ? unit_of_name(col) : 0;
    if (named && opt && named != opt)
        return sl_fail(err, SL_EUSAGE, path, 1, "--radius-unit %s, but the radius column '%s' names another unit; "
                       "leave --radius-unit out to read it in the unit its name says", unit, p->column);
    p->named = named ? named : opt;
    p->metres = p->named;
    /* a unit per row is read unless --radius-unit speaks for the whole file */
    for (const char *const *u = UNIT_NAMES; col && !unit && !p->unit_column[0] && *u; u++) {
        const char *have = present(names, n, *u);
        if (have) snprintf(p->unit_column, sizeof p->unit_column, "%s", have), p->metres = 0;
    }
    if (!p->metres && !p->unit_column[0]) p->metres = 1; /* no word on the unit: metres, as documented */
    note_unread(names, n, p);
    return SL_OK;
}

sl_status sl_radius_row_metres(sl_radius_plan *p, const char *unit_text, const char *file, long line,
                               double *metres, sl_error *err)
{
    *metres = p->metres;
    if (!p->unit_column[0]) return SL_OK;
    if (!unit_text || !unit_text[0]) {
        if (p->named) return *metres = p->named, SL_OK;
        return sl_fail(err, SL_EDATA, file, line, "a radius with no unit in column '%s'; fill it in, or give "
                       "--radius-unit m|km|ft|mi for the whole file", p->unit_column);
    }
    int i = unit_index(unit_text);
    if (i < 0)
        return sl_fail(err, SL_EDATA, file, line, "'%.40s' in column '%s' is not a unit of length (m, km, ft or mi); "
                       "if that column is not the radius's unit, give --radius-unit m|km|ft|mi for the whole file",
                       unit_text, p->unit_column);
    if (p->named && UNITS[i].metres != p->named)
        return sl_fail(err, SL_EDATA, file, line, "column '%s' says %s, but the radius column '%s' names another unit",
                       p->unit_column, UNITS[i].name, p->column);
    p->seen |= 1u << UNITS[i].unit;
    *metres = UNITS[i].metres;
    return SL_OK;
}

const char *sl_radius_plan_unit(const sl_radius_plan *p, char *buf, size_t len)
{
    static const char *const NAMES[] = {"metres", "kilometres", "feet", "miles"};
    buf[0] = '\0';
    if (!p->column[0]) return buf;
    if (!p->unit_column[0] || !p->seen) {
        for (int i = 0; i < NUNITS; i++)
            if (UNITS[i].metres == p->metres) return snprintf(buf, len, "%s", UNITS[i].name), buf;
        return snprintf(buf, len, "metres"), buf;
    }
    size_t at = (size_t)snprintf(buf, len, "the units of column '%s' (", p->unit_column);
    for (int u = 0, first = 1; u < 4 && at < len; u++)
        if (p->seen & (1u << u)) at += (size_t)snprintf(buf + at, len - at, "%s%s", first ? "" : ", ", NAMES[u]), first = 0;
    if (at < len) snprintf(buf + at, len - at, ")");
    return buf;
}
