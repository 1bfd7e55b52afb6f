/*
** readme.c — the report's README.md: what each file of the directory holds,
** row by row and column by column, with the conventions a reader needs
** before loading them (coordinates, ids, dates, withheld cells, the
** apostrophe before a formula). A researcher handed the directory, not the
** report's maker, read agencies.csv's 1,478 rows against the lead's 1,498
** agencies, and an empty cell as 0, for want of it (run of 2026-12-06).
**
** It is written last, from the files gis.c listed in a->files as it wrote
** them, so it names exactly the files there are.
*/
#include "report_internal.h"
#include "sightline/core/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* What a column holds, by its name in data/ (the CSV header, the GeoJSON
** property, the GeoPackage field). */
static const struct {
    const char *key, *what;
} COLUMNS[] = {
    {"id", "the id as imported (text: a FIPS code keeps its leading zeros)"},
    {"name", "its name"},
    {"pop", "residents (whole people; rounded estimates where the demographics were percentages)"},
    {"black", "Black residents (Black alone)"},
    {"hispanic", "Hispanic or Latino residents (any race)"},
    {"white_nh", "white residents not Hispanic"},
    {"foreign_born", "foreign-born residents"},
    {"area_km2", "the polygon's area in km², measured on the WGS84 ellipsoid (water inside it included)"},
    {"state", "US postal code of the state"},
    {"partners", "partnered agencies whose registry location lies in the area (one on an edge in the first area holding it)"},
    {"posts", "posts located in the area (or the cell)"},
    {"cameras", "cameras located in the area (or in the cell)"},
    {"sites", "sensitive sites in the area"},
    {"requests", "police requests for footage in the area, each split over the areas it overlaps (so fractional)"},
    {"few_residents", "true where the area has fewer than 500 residents (and some): its rates per resident and "
                      "location quotients rest on few people and jump with one event (the report's tables mark such "
                      "rates with *)"},
    {"ori", "the agency's ORI code in the registry"},
    {"type", "the agency's type in the registry (City, County, ...)"},
    {"county", "the agency's county as its record writes it"},
    {"start", "when the partnership started (a Ring row) or the date of the source cited (any other): ISO 8601, "
              "a day (2020-06-15), a month (2020-06) or a year (2019) as precise as the source"},
    {"technology", "the technology as the partnership list names it"},
    {"record_id", "the partnership list's own id of the row"},
    {"source_url", "the page the partnership list cites for the row"},
    {"located", "true when the registry gives the agency a location (lon, lat); false: on no map and in no area"},
    {"lon", "longitude, WGS84 degrees (EPSG:4326)"},
    {"lat", "latitude, WGS84 degrees (EPSG:4326)"},
    {"area_set", "the area set area_id belongs to"},
    {"area_id", "the area holding the agency's registry location (empty: in none)"},
    {"snapshot", "the day of the partnership list counted (ISO 8601)"},
    {"from_snapshot", "the earlier list compared (ISO 8601)"},
    {"from_file", "the file the earlier list was imported from (a + b when several)"},
    {"to_snapshot", "the later list compared (ISO 8601)"},
    {"to_file", "the file the later list was imported from (a + b when several)"},
    {"filter_tech", "the --tech the audit counted (a word of the technology)"},
    {"filter_state", "the --state the audit kept (postal codes, several joined by commas: IL,IN)"},
    {"synthetic", "the invented (demo or `sightline synth`) files this row rests on; absent when none"},
    {"cell", "the hexagon's id (axial q_r)"},
    {"camera_locations", "distinct camera locations in the cell (the figure the threshold k is applied to)"},
    {"counties", "counties of the state in the area set"},
    {"tracts", "tracts of the county in the area set"},
    {"residents", "residents of its areas in the set (a state's counties, a county's tracts)"},
    {"partnered_agencies_inside", "partnered agencies whose registry location lies in the county's tracts"},
    {"registry_agencies", "agencies of the state in the registry (the denominator)"},
    {"city_county_agencies", "of those, city and county agencies (the denominator of the share over them)"},
    {"partnered_agencies", "partnered agencies of the state, linked to the registry"},
    {"partnered_per_100_agencies", "partnered_agencies per 100 registry_agencies"},
    {"partnered_without_location", "partnered agencies the registry gives no location"},
    {"partnered_in_no_county", "partnered agencies whose registry location lies in no county of the set"},
    {"rows_not_linked", "partnership rows of the state not linked to the registry: in no share"},
    {"change", "new, ended or changed between the two lists; ended: in the earlier list, not in the later, "
               "and neither list says why (a partnership ended, or a row removed or corrected)"},
    {"began", "for a new row: between (its start is after the earlier list's date), before (on or before it: "
              "listed late) or not_known; empty for a date of a cited source, no start"},
    {"agency", "the agency as the list names it"},
    {"vendor", "the vendor as the list names it"},
    {"what_changed", "for a changed row: which field, from what to what"},
    {"category", "the site's category"},
    {"group", "the group of residents (black, hispanic, foreign_born, white_nh)"},
    {"share", "share of residents in the group where the average event lies (a fraction, 0.419 = 41.9%)"},
    {"ci_low", "low end of share's 95% bootstrap interval (fraction)"},
    {"ci_high", "high end of share's 95% bootstrap interval (fraction)"},
    {"baseline", "the group's share of the residents of the study areas (fraction)"},
    {"difference", "share - baseline (fraction)"},
    {"ratio", "share / baseline"},
    {"ratio_ci_low", "low end of ratio's 95% interval"},
    {"ratio_ci_high", "high end of ratio's 95% interval"},
    {"p_value", "two-sided p of the placebo test (events placed by population)"},
    {"p_is_bound", "true when no placebo draw was as extreme: p_value is then the bound 1/(permutations+1), p is below it"},
    {"exposure_per_100k_residents",
     "events per 100,000 residents where the group's average member lives (summary.json's `exposure_per_1000` x 100)"},
    {"set", "the area set"},
    {"events_kind", "the events measured (requests, cameras)"},
    {"baseline_is", "what baseline is the share of"},
    {"seed", "the random seed of the intervals and p"},
    {"bootstrap", "bootstrap resamples of the events behind each 95% interval"},
    {"permutations", "placebo draws behind each p (its smallest value is 1 / (permutations + 1))"},
    {"date", "the post's date (ISO 8601)"},
    {"text", "the post's text (--exact reports only)"},
};

static const char *column_what(const char *key)
{
    for (size_t i = 0; i < sizeof COLUMNS / sizeof *COLUMNS; i++)
        if (!strcmp(COLUMNS[i].key, key)) return COLUMNS[i].what;
    return NULL;
}

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);
    return n >= m && !strcmp(s + n - m, end);
}

/* One column's line: KEY and what it holds, by name or by its pattern. */
static void column_line(FILE *out, const audit *a, const char *key)
{
    const char *what = column_what(key);
    int n = (int)strlen(key);
    fprintf(out, "  - `%s`: ", key);
    if (what) fputs(what, out);
    else if (ends_with(key, "_suppressed"))
        fprintf(out, "true where `%.*s` is withheld (its cell is then empty; the report prints \"< %u\" or "
                     "\"withheld\"), else false", n - 11, key, a->o.k);
    else if (ends_with(key, "_protects"))
        fprintf(out, "true where `%.*s` holds %u or more and is withheld only so that no other count can be "
                     "subtracted (\"withheld\" in the report), else false", n - 9, key, a->o.k);
    else if (ends_with(key, "_per_1000_residents"))
        fprintf(out, "%.*s per 1,000 residents (`pop`) of the area; empty where it has no residents or no population figure", n - 19, key);
    else if (ends_with(key, "_per_100k_residents"))
        fprintf(out, "%.*s per 100,000 residents of the area; empty where it has no residents or no population figure", n - 19, key);
    else if (!strncmp(key, "lq_", 3))
        fprintf(out, "location quotient of the %s: the area's share of them over its share of residents (1: as "
                     "its population predicts)", key + 3);
    else if (!strcmp(key, "within_small"))
        fprintf(out, "cameras within %.0f m of the site (published where the circle holds %u or more distinct "
                     "locations and no other site's circle overlaps it)", a->o.near_m[0], a->o.k);
    else if (!strcmp(key, "within_large")) /* the ring rule too (collect_privacy.c), as the report says it */
        fprintf(out, "cameras within %.0f m of the site (published where the circle holds %u or more distinct "
                     "locations, %u or more of them beyond %.0f m, and no other site's circle overlaps it)",
                a->o.near_m[1], a->o.k, a->o.k, a->o.near_m[0]);
    else if (!strncmp(key, "filter_", 7))
        fprintf(out, "posts of the area matching the text filter \"%s\" (summary.json `filters` gives its pattern)",
                key + 7);
    else fputs("see summary.json and report.html", out);
    fputc('\n', out);
}

/* What a row of data/NAME holds. */
static void file_what(FILE *out, const audit *a, const char *name)
{
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    json_t *parts = json_object_get(a->summary, "partnerships");
    long long unlinked = (long long)json_integer_value(json_object_get(parts, "unlinked"));
    if (!strncmp(base, "agencies.", 9) && !unlinked)
        fputs("one row per partnered agency linked to the agency registry (its ORI), located or not, by state, "
              "name, ORI (the GeoJSON and the layer: the located ones). Every partnership row is linked to the "
              "registry.", out);
    else if (!strncmp(base, "agencies.", 9))
        fprintf(out, "one row per partnered agency linked to the agency registry (its ORI), located or not, by "
                     "state, name, ORI (the GeoJSON and the layer: the located ones). The %lld partnership row%s "
                     "not linked to the registry %s in no row, and in no share; the report's lead counts %s "
                     "agencies too (summary.json `partnerships.agencies`).",
                unlinked, unlinked == 1 ? "" : "s", unlinked == 1 ? "is" : "are",
                unlinked == 1 ? "its" : "their");
    else if (!strncmp(base, "areas_", 6))
        fputs("one row per area of the set named after `areas_`, by id (US counties: by state, then county), "
              "with what the audit counted in it.", out);
    else if (!strncmp(base, "partnerships_by_state.", 22))
        fputs("one row per state (or DC, or a territory such as PR or GU, where the areas hold one; FIPS code in "
              "`id`): its partnered agencies against the registry's agencies of the state, the measure of the "
              "report's table by state.", out);
    else if (!strncmp(base, "partnerships_by_", 16))
        fputs("one row per county (FIPS code in `id`) holding areas of the set, with the partnered agencies "
              "located in them.", out);
    else if (!strncmp(base, "partnerships_diff.", 18))
        fputs("one row per partnership added, ended or changed between the two lists.", out);
    else if (!strncmp(base, "camera_density.", 15))
        fprintf(out, "one row per hexagon shown (it holds %u or more distinct camera locations; lon, lat: its "
                     "centre). Cells under %u are left out: their totals are summary.json's `density`.",
                a->o.k, a->o.k);
    else if (!strncmp(base, "sites.", 6)) fputs("one row per sensitive site (public addresses).", out);
    else if (!strncmp(base, "disparity_", 10))
        fputs("one row per group of residents: who lives where the events lie (`disparity_SET_EVENTS`); "
              "the report's Methods say how each figure is made.", out);
    else if (!strncmp(base, "cameras_exact.", 14))
        fputs("every camera location, exactly (--exact only: NOT FOR PUBLICATION).", out);
    else if (!strncmp(base, "filter_", 7)) fputs("the first matching posts of a text filter (--exact only).", out);
    else fputs("see report.html.", out);
    fputc('\n', out);
}

/* The conventions every file keeps. */
static void conventions(FILE *out, const audit *a)
{
    fprintf(out,
            "## Read before loading\n\n"
            "- Coordinates are WGS84 longitude, latitude (EPSG:4326): the GeoJSON files (RFC 7946, no `crs` "
            "member), the CSVs' `lon`, `lat` and every layer of report.gpkg, which declares it.\n"
            "- Ids are text: FIPS codes keep their leading zeros (`06037`). Read them as text (pandas: "
            "`dtype={\"id\": str, \"area_id\": str}`); each CSV's `.csvt` gives GDAL and QGIS every column's type.\n"
            "- Dates are ISO 8601; a partnership's `start` may be a month or a year where its source gives no day.\n"
            "- Fractions are fractions (0.175), not percentages; rates name their unit "
            "(`_per_100k_residents`: per 100,000 residents, as in the report's tables and map; summary.json's "
            "joins give `per_1000`, as `sightline join --json` does).\n"
            "- Withheld (privacy): a count of cameras or posts for a place holding fewer than k = %u distinct "
            "camera locations, or one that would give such a count away by subtraction, is an empty cell, with "
            "`<column>_suppressed` true beside it (`<column>_protects` true: withheld only to protect another "
            "count); in summary.json it is `null` beside `\"<key>_suppressed\": true`. An empty cell is never 0: "
            "it is withheld (the flag says so) or has no value (a rate of an area without residents or without a population figure). Sum a "
            "column without its withheld cells and the total is a lower bound; the totals are in summary.json.\n"
            "- A text cell that begins with = + - @ (or a tab) is written with an apostrophe before it, so that "
            "no spreadsheet runs it as a formula: strip a leading `'` when you read text.\n"
            "- Lines end with LF; the files are UTF-8.\n\n",
            a->o.k);
    if (a->exclusions) /* what a reuser holding data/ alone must know of every count of posts or cameras */
        fprintf(out, "Posts and cameras inside %ld circle%s were withheld at their owners' request (`sightline "
                     "exclude`): no file here counts them, and where they are is not said (summary.json: "
                     "`privacy.owner_exclusions`).\n\n",
                a->exclusions, a->exclusions == 1 ? "" : "s");
}

/* The inputs, each with who published it (summary.json's "inputs"). */
static void sources(FILE *out, const audit *a)
{
    json_t *in;
    size_t i;
    fputs("## Sources\n\n", out);
    json_array_foreach(json_object_get(a->summary, "inputs"), i, in) {
        const char *publisher = sl_json_str(in, "publisher"), *year = sl_json_str(in, "year"),
                   *licence = sl_json_str(in, "licence"), *snapshot = sl_json_str(in, "snapshot");
        const char *url = sl_json_str(in, "url"), *at = sl_json_str(in, "imported_at");
        fprintf(out, "- %s: `%s`", sl_json_str(in, "kind"), sl_json_str(in, "file"));
        if (*snapshot) fprintf(out, ", the list of %s", snapshot);
        if (*publisher) fprintf(out, "; %s", publisher);
        if (*year) fprintf(out, ", data of %s", year);
        if (*url) fprintf(out, "; %s", url);
        if (*licence) fprintf(out, "; licence: %s", licence);
        /* the file exactly (as `sha256sum` gives it) and how it was read:
        ** what a store made again from the files needs */
        fprintf(out, ".\n  sha256 `%s`", sl_json_str(in, "sha256"));
        if (*at) fprintf(out, ", imported %s (UTC)", at);
        char *opts = json_dumps(json_object_get(in, "options"), JSON_COMPACT | JSON_SORT_KEYS);
        if (opts && strcmp(opts, "{}")) fprintf(out, ", import options `%s`", opts);
        free(opts);
        if (json_is_true(json_object_get(in, "synthetic"))) fputs(" (SYNTHETIC: invented by sightline)", out);
        fputc('\n', out);
    }
    fputc('\n', out);
}

static void head(FILE *out, const audit *a)
{
    fprintf(out, "# What this directory holds\n\n"
                 "Written by sightline %s (commit %s) on %s (UTC) from the store %s: `%s`.\n\n",
            sl_json_str(a->summary, "sightline_version"), sl_json_str(a->summary, "sightline_commit"),
            sl_json_str(a->summary, "generated_at"),
            sl_json_str(a->summary, "store"), sl_json_str(a->summary, "command"));
    if (json_is_true(json_object_get(a->summary, "synthetic")))
        fputs("**Synthetic data:** some inputs are invented (the `synthetic` column names them); not a finding.\n\n",
              out);
    if (sl_audit_scoped(a)) /* a file passed on alone must not be read as national */
        fprintf(out, "**%s:** every file holds the partnerships, agencies, areas and sites of %s alone, as "
                "summary.json's `scope` says; the partnership files end with a `filter_state` column.\n\n",
                a->scope_label, a->scope_names);
    const char *title = sl_json_str(a->summary, "title");
    if (json_object_get(a->summary, "partnerships") && title && strncmp(title, "Police partnerships", 19))
        /* the files' and columns' names are the same in every report, Ring's or not */
        fprintf(out, "**Records, not partnerships:** this report counts %c%s. Where a file, a column or a line below "
                "says \"partnership\" or \"partnered\", read a row of the list and an agency with the technology on "
                "record: a face recognition or body camera row is no partnership. The names are those of every "
                "report, so that a script reads them all alike.\n\n", tolower((unsigned char)title[0]), title + 1);
    if (a->o.exact)
        fputs("**Not for publication:** made with --exact, so nothing is withheld and camera locations are exact.\n\n",
              out);
    fputs("- `report.html`: the report, offline; its figures are summary.json's.\n"
          "- `summary.json`: every figure, with its denominator and date (sightline's docs/methodology.md names "
          "its keys).\n"
          "- `data/`: the tables and map layers below, each CSV with a `.csvt` of column types; "
          "`data/report.gpkg` holds every GeoJSON file as a layer of the same name.\n\n",
          out);
}

static void files(FILE *out, const audit *a)
{
    json_t *f, *col;
    size_t i, c;
    fputs("## Files of data/\n\n", out);
    json_array_foreach(a->files, i, f) {
        const char *name = sl_json_str(f, "file");
        json_t *cols = json_object_get(f, "columns");
        fprintf(out, "### %s\n\n", name);
        if (cols) {
            long long rows = (long long)json_integer_value(json_object_get(f, "rows"));
            char n[32];
            fprintf(out, "%s %s: ", sl_thousands(rows, n), rows == 1 ? "row" : "rows");
        }
        else fputs("The map layer of the CSV of the same name (its properties are the CSV's columns, less `lon` and "
                   "`lat`, which are its geometry): ", out);
        file_what(out, a, name);
        json_array_foreach(cols, c, col) column_line(out, a, json_string_value(col));
        fputc('\n', out);
    }
}

/* How the opening sentence's shares and the disparity tables come out of data/, and
** which of their figures no file here holds: the count since the date
** counts rows no CSV holds (the rows not linked to the registry). The
** share over city and county agencies takes its denominator from
** partnerships_by_state.csv's city_county_agencies. */
static void recompute(FILE *out, const audit *a)
{
    json_t *p = json_object_get(a->summary, "partnerships"), *sh;
    json_t *since = json_object_get(p, "since");
    size_t i;
    if (!p && !json_array_size(json_object_get(a->summary, "disparity"))) return;
    fputs("## Recomputing the figures\n\n", out);
    json_array_foreach(json_object_get(p, "share"), i, sh) {
        char n[32], m[32];
        const char *of = sl_json_str(sh, "denominator");
        sl_thousands(sl_json_int(sh, "partnered"), n);
        sl_thousands(sl_json_int(sh, "agencies"), m);
        if (!strcmp(of, "city and county agencies"))
            fprintf(out, "- %s of the %s city and county agencies: the numerator is the rows of `agencies.csv` whose "
                         "`type` is `City` or `County`; the denominator is the sum of `city_county_agencies` in "
                         "`partnerships_by_state.csv` where the report has that file (the registry's agencies of "
                         "those two types%s%s; summary.json `partnerships.share`).\n",
                    n, m, sl_audit_scoped(a) ? " in " : "", sl_audit_scoped(a) ? a->scope_names : "");
        else
            fprintf(out, "- %s of the %s registry agencies: the rows of `agencies.csv`; the denominator is the sum "
                         "of `registry_agencies` in `partnerships_by_state.csv` where the report has that file "
                         "(summary.json `partnerships.share`).\n", n, m);
    }
    if (since) {
        char n[32], linked[32], agencies[32], unlinked[32];
        sl_thousands(sl_json_int(since, "count"), n);
        sl_thousands(sl_json_int(p, "linked"), linked);
        sl_thousands(sl_json_int(p, "agencies") - sl_json_int(p, "unlinked_agencies"), agencies);
        sl_thousands(sl_json_int(p, "unlinked"), unlinked);
        char none[96] = "";
        if (sl_json_int(p, "unlinked") == 1) snprintf(none, sizeof none, " and not the row not linked to the registry");
        else if (sl_json_int(p, "unlinked"))
            snprintf(none, sizeof none, " and none of the %s rows not linked to the registry", unlinked);
        fprintf(out, "- %s since %s counts partnership rows whose start is certainly on or after that day (a month or "
                     "a year counts when its first day is). `agencies.csv` gives an approximation only: it holds one "
                     "row per agency (%s of them, from %s linked rows)%s; the exact count is summary.json "
                     "`partnerships.since`.\n",
                n, sl_json_str(since, "date"), agencies, linked, none);
    }
    if (json_array_size(json_object_get(a->summary, "disparity")))
        fputs("- Disparity (`disparity_SET_EVENTS.csv`): `baseline` is the group's residents over all residents "
              "in `areas_SET.csv` (sum of the group's column over sum of `pop`); for police requests `share` is "
              "the sum over areas with residents of `requests` x group / `pop`, over the sum of `requests`; "
              "`ratio` is share / baseline. Camera counts of places under k are withheld, so a camera share is "
              "not recomputed from these files. The intervals and p are draws: the same `seed`, `bootstrap` and "
              "`permutations` (the file's last columns) with the audit's command line give them again.\n", out);
    fputc('\n', out);
}

sl_status sl_audit_write_readme(audit *a, sl_error *err)
{
    FILE *out = sl_audit_open(a, "README.md", err);
    if (!out) return err->status;
    head(out, a);
    conventions(out, a);
    sources(out, a);
    recompute(out, a);
    files(out, a);
    return sl_audit_close(out, "README.md", err);
}
