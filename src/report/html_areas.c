/*
** html_areas.c — the report's "Areas" section: per area set, the areas
** holding the most of each layer and of partnered agencies, with rates in
** units that read and the privacy rule's withheld counts said, not listed.
*/
#include "report_internal.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/area.h"
#include "sightline/core/rank.h"
#include "sightline/core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An area's name for readers: "Los Angeles, CA" for a US county. */
static void td_area_name(FILE *out, json_t *row)
{
    char name[512]; /* an unnamed tract: "Census Tract 8422, IL", not ", IL" */
    fputs("<th scope=\"row\">", out); /* the row's header: a column's figures are said with the area's name */
    sl_html_write_escaped(out, sl_area_display_name(sl_json_str(row, "name"), sl_json_str(row, "id"), name, sizeof name));
    fputs("</th>", out);
}

static const char *rank_key(json_t *entry)
{
    json_t *joins = json_object_get(entry, "joins");
    if (json_object_get(joins, "posts")) return "posts";
    if (json_object_get(joins, "cameras")) return "cameras";
    return json_object_get(joins, "sites") ? "sites" : NULL;
}

/* Most first; rows whose count is withheld (under k) tie at 0 and go by
** id, so that no order among them can rest on the counts the reader is not
** shown (area_top lists only the published ones in any case). */
static int by_count_desc(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    double p = json_number_value(json_object_get(a, "count")), q = json_number_value(json_object_get(b, "count"));
    if (p != q) return (q > p) - (q < p); /* whole for points, sums of fractions for requests */
    return sl_id_cmp(sl_json_str(a, "id"), sl_json_str(b, "id")); /* numbers as numbers */
}

/* Under a table cut inside a tie: MORE areas past the cut hold VALUE too. */
static void tie_note(FILE *out, size_t more, const char *value)
{
    char n[32];
    if (more)
        fprintf(out, "<p class=\"note\">%s more area%s also hold%s %s, not listed: tied areas are listed by id.</p>\n",
                sl_thousands((long long)more, n), more == 1 ? "" : "s", more == 1 ? "s" : "", value);
}

/* Whether rows I and J of ROWS (json_t *[]) hold the same count: tied, but
** for by_count_desc's id (sl_rank_same). */
static int same_count(const void *rows, size_t i, size_t j)
{
    json_t *const *r = rows;
    return json_number_value(json_object_get(r[i], "count")) == json_number_value(json_object_get(r[j], "count"));
}

/* A rate of ROW scaled by FACTOR into a unit where it reads (sites per
** 1,000 km² rather than 0.00 per km²); withheld as td_count does. FEW: a
** rate per resident of an area with few residents, marked "*" (few_note). */
static void td_rate(FILE *out, audit *a, json_t *row, const char *key, double factor, int few)
{
    json_t *v = json_object_get(row, key);
    char buf[64];
    if (sl_privacy_withheld(row, key) || !json_is_number(v)) sl_html_td_count(out, a, row, key, 1);
    else fprintf(out, "<td class=\"num\">%s%s</td>", sl_html_decimal(factor * json_number_value(v), 1, buf), few ? " *" : "");
}

/* Under a table with MARKED rates of few residents, what "*" means. */
/* Under a table of rates per 1,000 km²: of which area. A fact-checker's
** per land area was another figure (Cameron, TX: 14 ICE sites are 5.3 per
** 1,000 km² of its outline, 2,642 km², and 6.1 per 1,000 km² of the Census
** Bureau's land area, 2,307 km²; run of 2026-12-07, seventh). */
static void km2_note(FILE *out)
{
    fputs("<p class=\"note\">Per 1,000 km² of each area's outline as imported (<code>area_km2</code> in "
          "<code>data/</code>, measured on the WGS84 ellipsoid, the water inside the outline included), not an "
          "official land area, which can be smaller.</p>\n", out);
}

static void few_note(FILE *out, size_t marked)
{
    char n[32];
    if (marked)
        fprintf(out, "<p class=\"note\">* Fewer than %s residents: a rate per resident there rests on few people, "
                     "such as a park or an airport.</p>\n", sl_thousands(SL_FEW_RESIDENTS, n));
}

/* Requests split by overlap (JOIN, its "requests" join): those wholly
** outside every area of SET, counted, and the pieces of the others outside
** as the weight they add up to, in the words `join` prints
** (sl_join_outside_words). "1 of the police requests lie outside" was 0.95
** of a request, pieces of waterfront circles: no request lay outside (run
** of 2026-12-06, NYC tracts). */
static void requests_outside_said(FILE *out, json_t *join, const char *set)
{
    char quoted[300], words[1200];
    snprintf(quoted, sizeof quoted, "“%s”", set);
    fputs("<p class=\"note\">", out);
    sl_html_write_escaped(out, sl_join_outside_words(join, "police request for footage", "police requests for footage",
                                                     quoted, words, sizeof words));
    fputs(".</p>\n", out);
}

/* The points of layer KEY (WHAT) of ENTRY in no area: counted, not dropped
** unsaid; requests split by overlap by requests_outside_said. */
static void outside_said(FILE *out, json_t *entry, const char *key, const char *what)
{
    json_t *join = json_object_get(json_object_get(entry, "joins"), key);
    double outside = json_number_value(json_object_get(join, "outside"));
    if (!(outside > 0)) return;
    if (json_object_get(join, "outside_partly")) {
        requests_outside_said(out, join, sl_json_str(entry, "set"));
        return;
    }
    char o[32];
    fprintf(out, "<p class=\"note\">%s of the %s lie%s outside every area of “", sl_thousands(llround(outside), o), what,
            outside == 1 ? "s" : "");
    sl_html_write_escaped(out, sl_json_str(entry, "set"));
    fprintf(out, "” and count%s in none.</p>\n", outside == 1 ? "s" : "");
}

/* The areas of ENTRY holding the most of layer KEY (its join), titled
** WHAT; counts to DIGITS decimals when any has a fraction (requests split
** by overlap add up to fractions; point requests alone do not). */
static void area_top(FILE *out, audit *a, json_t *entry, const char *key, const char *what, int digits)
{
    if (!key || !json_object_get(json_object_get(entry, "joins"), key)) return;
    const char *const COLS[] = {"area", "name", key, "per 1,000 km²", "per 100,000 residents", NULL}; /* "sites", not "count" */
    json_t *rows = json_object_get(json_object_get(json_object_get(entry, "joins"), key), "areas");
    size_t n = json_array_size(rows), marked = 0;
    json_t **sorted = malloc((n + 1) * sizeof *sorted);
    if (!sorted) return;
    for (size_t i = 0; i < n; i++) sorted[i] = json_array_get(rows, i);
    qsort(sorted, n, sizeof *sorted, by_count_desc);
    size_t published = 0, withheld = 0, protecting = 0; /* a withheld count cannot be ranked: counted, not listed */
    for (size_t i = 0; i < n; i++) {
        if (sl_privacy_withheld(sorted[i], "count")) withheld++;
        else sorted[published++] = sorted[i];
        protecting += json_is_true(json_object_get(sorted[i], "withheld_to_protect"));
    }
    /* the published ones, most first, cut after 15 */
    size_t shown = published < 15 ? published : 15, tied = sl_rank_ties_past_cut(sorted, published, shown, same_count);
    /* sites are named by what they are (category and source: untrusted) */
    const char *label = !strcmp(key, "sites") ? sl_json_str(a->map, "sites_label") : NULL;
    fputs("<h3>Areas with the most ", out);
    if (label) sl_html_write_escaped(out, label);
    else fputs(what, out);
    fputs("</h3>\n", out);
    if (!strcmp(key, "requests")) sl_html_requests_said(out, a);
    if (withheld) {
        char w[32], p[32];
        size_t few = withheld - protecting;
        fprintf(out, "<p class=\"note\">%s area%s hold%s fewer than %u distinct camera locations: %s count%s "
                     "withheld", sl_thousands((long long)few, w), few == 1 ? "" : "s", few == 1 ? "s" : "", a->o.k,
                few == 1 ? "its" : "their", few == 1 ? " is" : "s are");
        /* complementary suppression (privacy.h, sl_privacy_hide_below and,
        ** with several sets, sl_privacy_across_sets) */
        if (protecting)
            fprintf(out, ", and so %s of %s more, or the total%s less the counts shown would give %s away",
                    protecting == 1 ? "is that" : "are those", sl_thousands((long long)protecting, p),
                    json_array_size(json_object_get(a->map, "areas")) > 1 ? " or an area of another set around them"
                                                                           : "",
                    few == 1 ? "it" : "them");
        fputs(". Withheld counts are not ranked here.</p>\n", out);
    }
    if (!shown) {
        free(sorted);
        return;
    }
    int fractions = 0; /* point requests alone count whole: "3", not "3.0" */
    for (size_t i = 0; i < shown; i++) {
        double v = json_number_value(json_object_get(sorted[i], "count"));
        fractions = fractions || v != floor(v);
    }
    if (!fractions) digits = 0;
    sl_html_th(out, COLS, "Areas of %s with the most %s", sl_json_str(entry, "set"), label ? label : what);
    for (size_t i = 0; i < shown; i++) {
        fputs("<tr>", out);
        sl_html_td_text(out, sl_json_str(sorted[i], "id"));
        td_area_name(out, sorted[i]);
        sl_html_td_count(out, a, sorted[i], "count", digits);
        int few = json_is_true(json_object_get(sorted[i], "few_residents"));
        td_rate(out, a, sorted[i], "per_km2", 1000, 0);
        td_rate(out, a, sorted[i], "per_1000", 100, few);
        marked += few && json_is_number(json_object_get(sorted[i], "per_1000"));
        fputs("</tr>\n", out);
    }
    sl_html_end_table(out);
    char v[64];
    tie_note(out, tied, sl_html_decimal(json_number_value(json_object_get(sorted[shown - 1], "count")), digits, v));
    km2_note(out);
    few_note(out, marked);
    free(sorted);
    outside_said(out, entry, key, what);
}

/* Whether features I and J of ROWS (json_t *[]) have as many partnered
** agencies (sl_rank_same). */
static int same_partners(const void *rows, size_t i, size_t j)
{
    json_t *const *r = rows;
    return json_integer_value(json_object_get(json_object_get(r[i], "properties"), "partners")) ==
           json_integer_value(json_object_get(json_object_get(r[j], "properties"), "partners"));
}

static int by_partners_desc(const void *x, const void *y)
{
    json_t *a = json_object_get(*(json_t *const *)x, "properties");
    json_t *b = json_object_get(*(json_t *const *)y, "properties");
    long long p = json_integer_value(json_object_get(a, "partners"));
    long long q = json_integer_value(json_object_get(b, "partners"));
    if (p != q) return (q > p) - (q < p);
    return sl_id_cmp(sl_json_str(a, "id"), sl_json_str(b, "id")); /* ties as by_count_desc breaks them */
}

/* Under the table of SET's residents, when its demographics were imported
** as percentages (summary.inputs, demographics_input): its residents by
** group are estimates, rounded, not counts. */
static void percent_note(FILE *out, audit *a, const char *set)
{
    size_t i;
    json_t *in;
    json_array_foreach(json_object_get(a->summary, "inputs"), i, in)
        if (!strcmp(sl_json_str(in, "kind"), "demographics") && json_is_true(json_object_get(in, "percent")) &&
            !strcmp(sl_json_str(in, "set") ? sl_json_str(in, "set") : "", set)) {
            fputs("<p class=\"note\">Residents by group in <code>data/</code> are rounded estimates, not counts: the "
                  "demographics were imported as percentages, so each group is percentage × population, rounded "
                  "to the whole person.</p>\n", out);
            return;
        }
}

/* The year of SET's population when a demographics table gave it
** (summary.inputs): "318,843,455 residents" of 2014 is not a count of
** today, nor is a share of them; NULL when no table with a year gave it. */
const char *sl_report_residents_year(audit *a, const char *set)
{
    size_t i;
    json_t *in;
    json_array_foreach(json_object_get(a->summary, "inputs"), i, in)
        if (!strcmp(sl_json_str(in, "kind"), "demographics") && sl_json_str(in, "set") &&
            !strcmp(sl_json_str(in, "set"), set) && sl_json_str(in, "year") && *sl_json_str(in, "year"))
            return sl_json_str(in, "year");
    return NULL;
}

/* " (A, B and C)": the agencies of summary.areas[] entry M at a point the
** registry gives several, when few (the sentence of headlines.c names as many). */
static void shared_names(FILE *out, json_t *m)
{
    json_t *list = json_object_get(m, "partnered_shared_point_agencies"), *ag;
    size_t n = json_array_size(list), i;
    if (!n || n > SL_AUDIT_FEW_NAMED) return;
    json_array_foreach(list, i, ag) {
        fputs(i ? (i + 1 == n ? " and " : ", ") : " (", out);
        sl_html_write_escaped(out, sl_json_str(ag, "name"));
    }
    fputs(")", out);
}

/* The counties whose figures leave out agencies their registry records
** name, of summary entry M (collect_outside.c): ". Their registry records
** name the counties whose figures here leave them out: Cuyahoga, OH (2:
** Pepper Pike Police Department and Rocky River Police Department) and
** Lake, OH (1: …)", the agencies named when NONE is only a few. */
#define OUTSIDE_COUNTIES_LISTED 12
static void outside_counties(FILE *out, json_t *m, long long none)
{
    json_t *list = json_object_get(m, "partnered_outside_counties"), *c, *ag;
    size_t n = json_array_size(list), shown = n > OUTSIDE_COUNTIES_LISTED ? OUTSIDE_COUNTIES_LISTED : n, i, j;
    if (!n) return;
    fputs(". Their registry records name the counties whose figures here leave them out: ", out);
    for (i = 0; i < shown; i++) {
        c = json_array_get(list, i);
        json_t *names = json_object_get(c, "agencies");
        fputs(i ? (i + 1 == shown && shown == n ? " and " : ", ") : "", out);
        sl_html_write_escaped(out, sl_json_str(c, "name"));
        fprintf(out, ", %s (%zu", sl_json_str(c, "state"), json_array_size(names));
        json_array_foreach(names, j, ag) {
            if (none > SL_AUDIT_FEW_NAMED) break;
            fputs(j ? (j + 1 == json_array_size(names) ? " and " : ", ") : ": ", out);
            sl_html_write_escaped(out, json_string_value(ag));
        }
        fputs(")", out);
    }
    if (shown < n)
        fprintf(out, " and %zu more (<code>summary.json</code>: <code>partnered_outside_counties</code>)", n - shown);
    long long unnamed = json_integer_value(json_object_get(m, "partnered_outside_county_unnamed"));
    char k[32];
    if (unnamed > 0)
        fprintf(out, "; %s more %s several counties, or none of the set", sl_thousands(unnamed, k),
                unnamed == 1 ? "names" : "name");
}

/* Where the agencies of SET were counted, and how many lie in no area;
** NAMED: the sentence above named those at a shared point already. */
static void outside_note(FILE *out, audit *a, const char *set, int named)
{
    size_t i;
    json_t *m;
    fputs("<p class=\"note\">An agency counts in the area holding its location in the registry", out);
    json_array_foreach(json_object_get(a->summary, "areas"), i, m) {
        long long none = json_integer_value(json_object_get(m, "partnered_outside"));
        char o[32];
        if (strcmp(sl_json_str(m, "set"), set) || none <= 0) continue;
        fprintf(out, "; %s located %s %s in none (<code>data/agencies.csv</code>: no <code>area_id</code>)",
                sl_thousands(none, o), sl_audit_agencies_noun(a, none), none == 1 ? "lies" : "lie");
        long long shared = json_integer_value(json_object_get(m, "partnered_shared_point"));
        if (shared > 0) { /* the registry's county points (collect_partners.c) */
            fprintf(out, ", %s of them", sl_thousands(shared, o));
            if (!named) shared_names(out, m);
            fputs(" at a point the registry gives several agencies (a county's centre, not where they are), which no "
                  "area finer than a county holds", out);
        }
        outside_counties(out, m, none);
    }
    fputs(".</p>\n", out);
}

/* For areas finer than a jurisdiction: the areas of SET (SORTED, N, most
** first) that hold a partnered agency's headquarters, without rank or rate. */
static void headquarters(FILE *out, audit *a, const char *set, json_t **sorted, size_t n)
{
    const char *cols[] = {"area", "name", sl_audit_agencies_noun(a, 2), NULL};
    const char *one = sl_audit_partnered(a) ? "a partnered agency" : "an agency on record";
    long long total = 0;
    size_t held = 0;
    for (size_t i = 0; i < n; i++) {
        long long k = json_integer_value(json_object_get(json_object_get(sorted[i], "properties"), "partners"));
        total += k > 0 ? k : 0, held += k > 0;
    }
    char t[32], h[32];
    fprintf(out, "<h3>Areas holding %s</h3>\n<p>", one);
    fprintf(out, "%s %s %s in “", sl_thousands(total, t), sl_audit_agencies_noun(a, total), total == 1 ? "lies" : "lie");
    sl_html_write_escaped(out, set);
    fprintf(out, "”, in %s %s", sl_thousands((long long)held, h), held == 1 ? "area" : "areas");
    size_t i;
    json_t *m;
    char shared[600]; /* "0 lie in tracts" is no "the NYPD is not partnered": who is left out, and why */
    json_array_foreach(json_object_get(a->summary, "areas"), i, m)
        if (!strcmp(sl_json_str(m, "set"), set) && *sl_audit_shared_point_words(a, m, shared, sizeof shared)) {
            fputs("; ", out);
            sl_html_write_escaped(out, shared);
        }
    fputs(". These areas are smaller than a police agency's jurisdiction, and an agency is placed at its "
          "headquarters: the areas are not ranked by agencies, nor given a rate per resident.</p>\n", out);
    if (held) {
        sl_html_agencies_counted(out, a);
        sl_html_th(out, cols, "Areas of %s holding %s", set, one);
        for (size_t i = 0; i < held && i < 25; i++) {
            json_t *p = json_object_get(sorted[i], "properties");
            fputs("<tr>", out);
            sl_html_td_text(out, sl_json_str(p, "id"));
            td_area_name(out, p);
            sl_html_td_num(out, json_object_get(p, "partners"), 0);
            fputs("</tr>\n", out);
        }
        sl_html_end_table(out);
        if (held > 25) /* the agencies themselves are all in data/ */
            fprintf(out, "<p class=\"note\">%s more areas hold one: <code>data/agencies.csv</code> gives each "
                         "agency's area.</p>\n", sl_thousands((long long)held - 25, t));
    }
    outside_note(out, a, set, 1);
}

/* The areas of SET holding the most partnered agencies (counted for the
** map by collect_spatial.c), with the rate per 100,000 residents; for areas
** finer than a jurisdiction (summary.areas[].finer_than_agencies), the areas
** holding one, unranked and without a rate. */
static void area_partners(FILE *out, audit *a, const char *set)
{
    const char *cols[] = {"area", "name", sl_audit_agencies_noun(a, 2), "residents", "per 100,000 residents", NULL};
    size_t i;
    json_t *m, *features = NULL;
    json_array_foreach(json_object_get(a->map, "areas"), i, m)
        if (strcmp(sl_json_str(m, "set"), set) == 0) features = json_object_get(json_object_get(m, "features"), "features");
    size_t n = json_array_size(features), marked = 0;
    if (!n || !json_object_get(json_object_get(json_array_get(features, 0), "properties"), "partners")) return;
    int finer = 0;
    json_array_foreach(json_object_get(a->summary, "areas"), i, m)
        if (strcmp(sl_json_str(m, "set"), set) == 0) finer = json_is_true(json_object_get(m, "finer_than_agencies"));
    json_t **sorted = malloc(n * sizeof *sorted);
    if (!sorted) return;
    for (i = 0; i < n; i++) sorted[i] = json_array_get(features, i);
    qsort(sorted, n, sizeof *sorted, by_partners_desc);
    if (finer) {
        headquarters(out, a, set, sorted, n);
        free(sorted);
        return;
    }
    fprintf(out, "<h3>Areas with the most %s</h3>\n", sl_audit_agencies_noun(a, 2));
    sl_html_agencies_counted(out, a);
    sl_html_th(out, cols, "Areas of %s with the most %s", set, sl_audit_agencies_noun(a, 2));
    for (i = 0; i < n && i < 15; i++) {
        json_t *p = json_object_get(sorted[i], "properties");
        if (json_integer_value(json_object_get(p, "partners")) <= 0) break;
        json_t *pop = json_object_get(p, "pop");
        fputs("<tr>", out);
        sl_html_td_text(out, sl_json_str(p, "id"));
        td_area_name(out, p);
        sl_html_td_num(out, json_object_get(p, "partners"), 0);
        if (json_is_number(pop)) {
            json_t *whole = json_integer((json_int_t)llround(json_number_value(pop)));
            sl_html_td_num(out, whole, 0);
            json_decref(whole);
        } else sl_html_td_num(out, pop, 0);
        int few = sl_few_residents(json_number_value(pop)) && json_is_number(json_object_get(p, "partners_per_100k"));
        td_rate(out, a, p, "partners_per_100k", 1, few);
        marked += few;
        fputs("</tr>\n", out);
    }
    sl_html_end_table(out);
    /* past the cut, the areas holding as many as the last listed (none when
    ** the list ended on an area without partners: the next has none either) */
    size_t tied = sl_rank_ties_past_cut(sorted, n, i, same_partners);
    long long last = i ? json_integer_value(json_object_get(json_object_get(sorted[i - 1], "properties"), "partners")) : 0;
    char v[32];
    tie_note(out, tied, sl_thousands(last, v));
    few_note(out, marked);
    percent_note(out, a, set);
    free(sorted);
    outside_note(out, a, set, 0);
}

/* "; 89 of them with no population figure in the data (78 in PR, ...)": areas in no share and
** no rate per resident, which "with demographics" alone would hide. */
static void no_residents_said(FILE *out, json_t *none)
{
    char n[32];
    long long count = json_integer_value(json_object_get(none, "count"));
    if (count <= 0) return;
    /* QuickFacts has no row for Puerto Rico's 78: its people are not counted, not absent */
    long long unknown = json_integer_value(json_object_get(none, "no_figure"));
    fprintf(out, "; %s of them %s", sl_thousands(count, n),
            unknown == count ? "with no population figure in the data"
            : unknown      ? "with no residents or no population figure in the data"
                           : "without residents");
    json_t *by = json_object_get(none, "by_state");
    const char *sep = " (";
    for (long long k = count; json_object_size(by) && k > 0; k--) { /* most first, in the set's order among equals */
        const char *st;
        json_t *v;
        json_object_foreach(by, st, v) {
            if (json_integer_value(v) != k) continue;
            fprintf(out, "%s%s in %s", sep, sl_thousands(k, n), st); /* a postal code: no escaping needed */
            sep = ", ";
        }
    }
    if (sep[0] == ',') fputs(")", out);
}

/* A state's report: the set's areas and the sites it left out, counted,
** so the areas' figures are not read as the country's. */
static void scope_said(FILE *out, audit *a, json_t *entry)
{
    json_t *left = json_object_get(entry, "areas_left_out_of_scope");
    if (!a->scope || !json_is_integer(left)) return;
    char n[2][32];
    fprintf(out, " <span class=\"scope-note\">Only the areas in %s are counted: %s more of the set lie elsewhere and are left out", a->scope_names,
            sl_thousands(json_integer_value(left), n[0]));
    json_t *sites = json_object_get(json_object_get(entry, "joins"), "sites");
    if (sites)
        fprintf(out, ", and so are the %s sensitive sites outside them (%s are inside)",
                sl_thousands(sl_json_int(sites, "left_out_of_scope"), n[0]), sl_thousands(sl_json_int(sites, "points"), n[1]));
    fputs(".</span>", out);
}

void sl_html_areas(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "areas"), *e;
    if (!json_array_size(list)) return;
    sl_html_section(out, a, "areas", "Areas");
    size_t i;
    json_array_foreach(list, i, e) {
        fputs("<p><b>", out);
        sl_html_write_escaped(out, sl_json_str(e, "set"));
        char n[32], pop[96];
        double people = json_number_value(json_object_get(e, "population"));
        /* a set imported without population is not "0 residents" */
        const char *year = sl_report_residents_year(a, sl_json_str(e, "set"));
        size_t w = people > 0 ? strlen(sl_thousands((long long)llround(people), pop)) : 0;
        if (people > 0 && year) snprintf(pop + w, sizeof pop - w, " residents (data of %.16s)", year);
        else if (people > 0) snprintf(pop + w, sizeof pop - w, " residents");
        else snprintf(pop, sizeof pop, "no population figures");
        fprintf(out, "</b>: %s areas, %s%s", sl_thousands((long long)json_integer_value(json_object_get(e, "areas")), n), pop,
                json_is_true(json_object_get(e, "demographics")) ? ", with demographics" : "");
        no_residents_said(out, json_object_get(e, "no_residents"));
        fputs(".", out);
        scope_said(out, a, e);
        fputs("</p>\n", out);
        area_partners(out, a, sl_json_str(e, "set"));
        area_top(out, a, e, rank_key(e), rank_key(e), 0);
        area_top(out, a, e, "requests", "police requests for footage (each split over the areas it overlaps)", 1);
    }
    fputs("</section>\n", out);
}
