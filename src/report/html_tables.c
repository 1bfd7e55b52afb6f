/*
** html_tables.c — the report's sections of tables and charts, one function
** per analysis (the areas' in html_areas.c). Every cell that holds text from
** an input goes through sl_html_write_escaped; cells are written by
** html_cells.c, so that every section formats a number the same way.
*/
#include "report_internal.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/analysis/tracker.h"
#include "sightline/core/area.h"
#include "sightline/core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 50

/* ---- partnerships ------------------------------------------------------- */

/* Two columns: WHAT (the object's keys) and COUNTED (its values). */
static int by_key(const void *x, const void *y) { return strcmp(*(const char *const *)x, *(const char *const *)y); }

/* OBJ's counts by key: with SORT in the keys' order, so that years run
** 2006 to 2020 (the tracker's object holds them in the order rows first met
** them); else in OBJ's own order ("1", "2", ... "10+" posts per camera). */
static void count_table(FILE *out, const char *name, json_t *obj, const char *what, const char *counted, size_t max,
                        int sort)
{
    const char *cols[3] = {what, counted, NULL};
    size_t n = 0, count = json_object_size(obj);
    const char **keys = malloc((count + 1) * sizeof *keys), *key;
    json_t *v;
    if (!keys) return;
    json_object_foreach(obj, key, v) keys[n++] = key;
    if (sort) qsort(keys, n, sizeof *keys, by_key);
    sl_html_th(out, cols, "%s", name);
    for (size_t i = 0; i < n && i < max; i++) {
        fputs("<tr>", out);
        sl_html_th_row(out, keys[i]);
        sl_html_td_num(out, json_object_get(obj, keys[i]), 0);
        fputs("</tr>\n", out);
    }
    sl_html_end_table(out);
    free(keys);
}

static void diff_table(FILE *out, json_t *rows, const char *title)
{
    /* a changed row's start and vendor are the new ones: what_changed says what they were */
    static const char *const COLS[] = {"agency", "state", "technology", "start", "vendor", NULL};
    static const char *const CHANGED[] = {"agency", "state", "technology", "start", "vendor", "what changed", NULL};
    int changed = !strcmp(title, "Changed");
    size_t i;
    json_t *r;
    fprintf(out, "<h3>%s (%zu)</h3>\n", title, json_array_size(rows));
    if (!json_array_size(rows)) return;
    sl_html_th(out, changed ? CHANGED : COLS, "%s between the snapshots", title);
    json_array_foreach(rows, i, r) {
        if (i >= MAX_ROWS) break;
        fputs("<tr>", out);
        sl_html_th_row(out, sl_json_str(r, COLS[0])); /* the agency */
        for (int k = 1; COLS[k]; k++) sl_html_td_text(out, sl_json_str(r, COLS[k]));
        if (changed) {
            fputs("<td class=\"changed-what\">", out);
            sl_html_write_escaped(out, sl_json_str(r, "what_changed"));
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    sl_html_end_table(out);
}

/* Per state: partnered agencies against the state's agencies in the
** registry, most partnered first (collect_partners.c sorted them). */
static void state_rates(FILE *out, audit *a)
{
    const char *cols[] = {"state", sl_audit_agencies_noun(a, 2), "agencies in the registry", "per 100 agencies",
                          "rows not linked", NULL};
    size_t i;
    json_t *r, *states = json_object_get(a->summary, "agencies_by_state");
    json_t *mine = json_object_get(json_object_get(a->summary, "local_areas"), "states");
    char local[600];
    fprintf(out, "<h3>By state, most %s first</h3>\n", sl_audit_agencies_noun(a, 2));
    if (*sl_audit_local_state_words(a, local, sizeof local)) { /* a city's analyst looks for the city's state */
        fputs("<p class=\"local-state\">", out);
        sl_html_write_escaped(out, local);
        fprintf(out, " %s marked; every state follows for comparison.</p>\n",
                json_object_size(mine) > 1 ? "Their rows are" : "Its row is");
    }
    sl_html_agencies_counted(out, a);
    sl_html_th(out, cols, "By state, most %s first", sl_audit_agencies_noun(a, 2));
    json_array_foreach(states, i, r) {
        const char *st = sl_json_str(r, "state");
        int study = *local && json_object_get(mine, st) != NULL;
        fputs(study ? "<tr class=\"study\">" : "<tr>", out);
        if (study) {
            fputs("<th scope=\"row\">", out);
            sl_html_write_escaped(out, st);
            fputs(" <span class=\"tag\">the study's</span></th>", out);
        } else
            sl_html_th_row(out, st);
        sl_html_td_num(out, json_object_get(r, "partnered"), 0);
        sl_html_td_num(out, json_object_get(r, "agencies"), 0);
        sl_html_td_num(out, json_object_get(r, "per_100_agencies"), 1);
        sl_html_td_num(out, json_object_get(r, "unlinked_rows"), 0);
        fputs("</tr>\n", out);
    }
    sl_html_end_table(out);
    fputs("<p class=\"note\">Agencies linked to the registry only; the registry counts every police agency of a "
          "state (city, county, state, tribal, university and others). Rows not linked are in no share.</p>\n", out);
    /* a state whose rows are all unlinked would read as none partnered */
    json_array_foreach(states, i, r) {
        if (json_integer_value(json_object_get(r, "partnered")) || !json_object_get(r, "unlinked_note")) continue;
        fputs("<p class=\"note unlinked\">", out);
        sl_html_write_prose(out, sl_json_str(r, "unlinked_note"));
        fputs("</p>\n", out);
    }
}

/* The snapshot's own year ends on the snapshot's day: set beside whole
** years (2019's 703 Ring rows against 2020's 739, to 7 October) it reads
** as a year's growth that nine months do not show. */
static void partial_year_note(FILE *out, json_t *tracker)
{
    const char *snap = sl_json_str(tracker, "snapshot");
    char year[5], day[32];
    if (strlen(snap) < 10 || !strcmp(snap + 4, "-12-31")) return;
    snprintf(year, sizeof year, "%.4s", snap);
    if (!json_object_get(json_object_get(tracker, "by_year"), year)) return;
    fprintf(out, "<p class=\"note\">%s runs only to %s, the snapshot's date: not a whole year, so its count is not "
                 "comparable with a whole year's.</p>\n", year, sl_report_date_words(day, snap));
}

void sl_html_partnerships(FILE *out, audit *a)
{
    json_t *t = json_object_get(a->summary, "partnerships");
    if (!t) return;
    /* a face recognition row is no partnership: its section is of records */
    sl_html_section(out, a, "partnerships", sl_audit_partnered(a) ? "Partnerships" : "Records");
    fputs("<p>Snapshot ", out);
    sl_html_write_escaped(out, sl_json_str(t, "snapshot"));
    char n[5][32];
    const char *keys[] = {"total", "agencies", "linked", "unlinked", "undated"};
    for (int i = 0; i < 5; i++) sl_thousands((long long)json_integer_value(json_object_get(t, keys[i])), n[i]);
    /* without --tech every technology counts: records, not Ring's partnerships. With it
    ** the count is of rows: the Atlas lists some agencies twice (its 1,501 Ring rows of
    ** 2020-10-07 are 1,498 partnerships, as the diff says), so "1,501 partnerships" was false. */
    /* "1,481 linked" beside "1,498 agencies" read as agencies, where the lead counts 1,478: say rows */
    /* of another technology than Ring's, records, as the lead says: "368
    ** partnership rows" of face recognition counted no partnership */
    int rows = a->o.tech && a->o.tech[0] && !strncmp(sl_json_str(a->summary, "title"), "Police partnerships", 19);
    char what[140] = "surveillance technology records", label[100];
    if (rows) snprintf(what, sizeof what, "partnership rows");
    else if (a->o.tech && a->o.tech[0])
        snprintf(what, sizeof what, "records of %s", sl_audit_tech_label(a, label, sizeof label));
    fprintf(out, ": %s %s by %s agencies; %s %s linked to the agency registry, %s not; %s undated.</p>\n", n[0], what,
            n[1], n[2], rows ? "rows" : "records", n[3], n[4]);
    long long by_source = json_integer_value(json_object_get(t, "dated_by_source")),
              by_file = json_integer_value(json_object_get(t, "dated_by_file"));
    if (by_source > by_file) /* sl_tracker_run: only Ring rows carry a start; the Atlas's caveat for its rows */
        fprintf(out, "<p class=\"note\">Only a Ring row's date is when the partnership started (the "
                     "&ldquo;Active Date&rdquo; of Ring's map). For the other technologies the Atlas of Surveillance "
                     "gives the date of the article or record it cites, which can come years after use began: "
                     "%s of the dated records here are such. Their dates say when a source reported them, not "
                     "when they started.</p>\n", sl_thousands(by_source - by_file, n[0]));
    if (by_file > 0) /* another list's rows: the day its date column gives */
        fprintf(out, "<p class=\"note\">Only a Ring row's date is read as when the partnership started. %s of the "
                     "dated records here are of other technologies from lists other than the Atlas of Surveillance, "
                     SL_TRACKER_FILE_DATED ".</p>\n", sl_thousands(by_file, n[0]));
    sl_chart_timeline(out, t);
    const char *by_year = by_source > 0 ? "By the year of each record's date" : "By year the partnership started";
    fprintf(out, "<div class=\"cols\"><div>\n<h3>%s</h3>\n", by_year);
    count_table(out, by_year, json_object_get(t, "by_year"), "year", by_source > 0 ? "records" : "partnership rows", 100, 1);
    partial_year_note(out, t);
    fputs("</div><div>\n", out);
    if (json_array_size(json_object_get(a->summary, "agencies_by_state"))) state_rates(out, a);
    else {
        fputs("<h3>By state</h3>\n", out);
        count_table(out, "By state", json_object_get(a->summary, "partnership_rows_by_state"), "state", "partnerships",
                    60, 1);
    }
    fputs("</div></div>\n", out);
    json_t *d = json_object_get(a->summary, "diff");
    if (d) {
        fputs("<h3>Changes between snapshots ", out);
        sl_html_write_escaped(out, sl_json_str(d, "from"));
        fputs(" and ", out);
        sl_html_write_escaped(out, sl_json_str(d, "to"));
        fputs("</h3>\n<p class=\"note\">Snapshot ", out); /* which export each date is, a line each */
        sl_html_write_escaped(out, sl_json_str(d, "from"));
        fputs(": <code>", out);
        sl_html_write_escaped(out, sl_json_str(d, "from_file"));
        fputs("</code><br>Snapshot ", out);
        sl_html_write_escaped(out, sl_json_str(d, "to"));
        fputs(": <code>", out);
        sl_html_write_escaped(out, sl_json_str(d, "to_file"));
        fputs("</code></p>\n", out);
        const char *caveat = json_string_value(json_object_get(d, "caveat")); /* most "ended": a partial list? */
        if (caveat) {
            fputs("<p class=\"caution\"><strong>Caution:</strong> ", out);
            sl_html_write_prose(out, caveat);
            fputs("</p>\n", out);
        }
        const char *rows_note = json_string_value(json_object_get(d, "rows_note")); /* partnerships, not rows */
        if (rows_note) {
            fputs("<p class=\"note\">", out);
            sl_html_write_prose(out, rows_note);
            fputs("</p>\n", out);
        }
        diff_table(out, json_object_get(d, "new"), "New");
        diff_table(out, json_object_get(d, "ended"), "Ended");
        diff_table(out, json_object_get(d, "changed"), "Changed");
    }
    fputs("</section>\n", out);
}

/* ---- cameras ------------------------------------------------------------ */

void sl_html_cameras(FILE *out, audit *a)
{
    json_t *d = json_object_get(a->summary, "density"), *c = json_object_get(a->summary, "cameras");
    if (!d && !c) return;
    sl_html_section(out, a, "cameras", "Cameras and posts");
    if (d) {
        static const char *const COLS[] = {"figure", "value", NULL};
        static const char *const ROWS[][3] = {
            {"cameras_from", "cameras counted from", "0"}, {"cameras", "cameras", "0"},
            {"camera_locations", "distinct camera locations", "0"}, {"posts", "posts", "0"},
            {"hex_m", "hexagon edge (m)", "0"}, {"cell_km2", "hexagon area (km²)", "2"},
            {"cells", "hexagons holding a camera", "0"}, {"cells_shown", "hexagons shown", "0"},
            {"suppressed_cells", "hexagons withheld (fewer than k locations)", "0"},
            {"suppressed_cameras", "cameras in withheld hexagons", "0"},
            {"suppressed_posts", "posts in withheld hexagons", "0"}, {"k", "privacy threshold k", "0"}};
        sl_html_th(out, COLS, "The map's cameras and posts");
        for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
            fputs("<tr>", out);
            sl_html_th_row(out, ROWS[i][1]);
            sl_html_td_num(out, json_object_get(d, ROWS[i][0]), ROWS[i][2][0] - '0');
            fputs("</tr>\n", out);
        }
        sl_html_end_table(out);
        char cells[32];
        if (json_object_get(d, "hex_m_asked"))
            fprintf(out, "<p>The map holds at most %s hexagons, so it draws them with an edge of %.0f m instead of "
                    "the %.0f m asked (<code>--hex</code>, <code>--map-cells</code>); every figure above is of the "
                    "hexagons drawn.</p>\n", sl_thousands(sl_json_int(d, "map_cells"), cells), sl_json_num(d, "hex_m"),
                    sl_json_num(d, "hex_m_asked"));
    }
    if (c) {
        fputs("<h3>Posts per camera</h3>\n", out);
        count_table(out, "Posts per camera", json_object_get(c, "posts_per_camera"), "posts from one camera", "cameras",
                    20, 0);
    }
    fputs("</section>\n", out);
}

/* ---- sites -------------------------------------------------------------- */

/* A distance from a site to a camera: the bin "0–50" unless exact. */
static void td_distance(FILE *out, audit *a, json_t *v)
{
    if (!json_is_number(v) || a->o.exact) {
        sl_html_td_num(out, v, 0);
        return;
    }
    double lo = json_number_value(v);
    char from[32], to[32];
    fprintf(out, "<td class=\"num\">%s–%s</td>", sl_thousands(llround(lo), from),
            sl_thousands(llround(lo + SL_PRIVACY_DISTANCE_BIN_M), to));
}

/* Most cameras within first; then the nearest camera, which only --exact
** publishes; then the category and id, so that the order is the same on
** every run. */
static int by_within_desc(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    long long p = json_integer_value(json_object_get(a, "within")), q = json_integer_value(json_object_get(b, "within"));
    if (p != q) return (q > p) - (q < p);
    json_t *u = json_object_get(a, "nearest_m"), *v = json_object_get(b, "nearest_m");
    double d = json_is_number(u) ? json_number_value(u) : INFINITY, e = json_is_number(v) ? json_number_value(v) : INFINITY;
    if (d != e) return (d > e) - (d < e);
    int c = strcmp(sl_json_str(a, "category"), sl_json_str(b, "category"));
    return c ? c : strcmp(sl_json_str(a, "id"), sl_json_str(b, "id"));
}

/* The sites with the most cameras within the small radius: only those whose
** count is published (a withheld count cannot be ranked: listing them in
** any order would rank what the reader is not shown), the others counted
** in a sentence, as area_top does for areas. Each site's nearest camera
** only with --exact: the privacy rule publishes none. */
static void site_rows(FILE *out, audit *a, json_t *near, int wide)
{
    static const char *const COLS[] = {"site", "name", "category", "cameras within", "nearest camera (m)", NULL};
    const char *cols[6] = {COLS[0], COLS[1], COLS[2], COLS[3], a->o.exact ? COLS[4] : NULL, NULL};
    json_t *sites = json_object_get(near, "sites");
    size_t n = json_array_size(sites), shown = 0, withheld = 0;
    json_t **rows = malloc((n + 1) * sizeof *rows);
    if (!rows) return;
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(sites, i);
        if (sl_privacy_withheld(r, "within")) withheld++;
        else rows[shown++] = r;
    }
    qsort(rows, shown, sizeof *rows, by_within_desc);
    if (withheld) {
        char w[32];
        double r = json_number_value(json_object_get(near, "radius_m"));
        char ring[96] = ""; /* the wide circle's third rule (collect_privacy.c): few between the two */
        if (wide) snprintf(ring, sizeof ring, ", or fewer than %u between %.0f m and %.0f m", a->o.k, a->o.near_m[0], r);
        fprintf(out, "<p class=\"note\">%s site%s hold%s fewer than %u distinct camera locations within %.0f m%s, or "
                     "lie%s within %.0f m of another site, whose circle overlaps: %s count%s withheld, and not ranked "
                     "here.</p>\n", sl_thousands((long long)withheld, w), withheld == 1 ? "" : "s", withheld == 1 ? "s" : "",
                a->o.k, r, ring, withheld == 1 ? "s" : "", 2 * r, withheld == 1 ? "its" : "their",
                withheld == 1 ? " is" : "s are");
    }
    if (shown)
        sl_html_th(out, cols, "Sites with the most cameras within %.0f m", json_number_value(json_object_get(near, "radius_m")));
    for (size_t i = 0; i < shown && i < MAX_ROWS; i++) {
        fputs("<tr>", out);
        sl_html_td_text(out, sl_json_str(rows[i], "id"));
        const char *name = sl_json_str(rows[i], "name"), *id = sl_json_str(rows[i], "id");
        sl_html_th_row(out, name[0] || id[0] ? name : "(unnamed)"); /* imported without --id or --text */
        sl_html_td_text(out, sl_json_str(rows[i], "category"));
        sl_html_td_num(out, json_object_get(rows[i], "within"), 0);
        if (a->o.exact) sl_html_td_num(out, json_object_get(rows[i], "nearest_m"), 0);
        fputs("</tr>\n", out);
    }
    if (shown) sl_html_end_table(out);
    if (shown > MAX_ROWS) {
        char first[32], all[32];
        fprintf(out, "<p class=\"note\">The first %s of %s sites; data/sites.csv lists every one.</p>\n",
                sl_thousands(MAX_ROWS, first), sl_thousands((long long)shown, all));
    }
    free(rows);
}

/* A category's total over its sites: "withheld" when the privacy rule
** withheld it (collect_privacy.c: one of its sites is withheld, which says
** nothing of the total's size, so not "< k"). */
static void td_total(FILE *out, json_t *row, const char *key)
{
    if (sl_privacy_withheld(row, key)) fputs("<td class=\"num\">withheld</td>", out);
    else sl_html_td_num(out, json_object_get(row, key), 0);
}

/* A local study measures only the sites inside its areas (collect_sites.c):
** say which, and how many of the list it left out. */
static void sites_scope(FILE *out, json_t *near)
{
    json_t *sets = json_object_get(near, "areas"), *set, *row;
    if (!sets || sl_json_int(near, "sites_outside") == 0) return; /* every site measured: nothing to say */
    long in = 0;
    size_t i;
    json_array_foreach(json_object_get(near, "categories"), i, row) in += sl_json_int(row, "sites");
    char n[2][32];
    fputs("<p class=\"note\">The study's areas (", out);
    json_array_foreach(sets, i, set) {
        fputs(i ? ", “" : "“", out);
        sl_html_write_escaped(out, json_string_value(set));
        fputs("”", out);
    }
    fprintf(out, ") are a city's or a county's, so only the %s %s inside them %s measured. The %s %s elsewhere in the "
                 "list %s left out: there a distance to the nearest camera would measure how far a site lies from the "
                 "study, not the cameras around it.</p>\n",
            sl_thousands(in, n[0]), in == 1 ? "site" : "sites", in == 1 ? "is" : "are",
            sl_thousands(sl_json_int(near, "sites_outside"), n[1]), sl_json_int(near, "sites_outside") == 1 ? "site" : "sites",
            sl_json_int(near, "sites_outside") == 1 ? "is" : "are");
}

void sl_html_sites(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "sites"), *near, *row;
    if (!list) return;
    static const char *const COLS[] = {"category", "sites", "with a camera", "cameras within", "median nearest (m)", NULL};
    const char *const KCOLS[] = {"category", "sites", "with a count published", "with a camera", "cameras within",
                                 "median nearest (m)", NULL};
    sl_html_section(out, a, "sites", "Sensitive sites");
    sites_scope(out, json_array_get(list, 0));
    size_t i, k;
    json_array_foreach(list, i, near) {
        double r = json_number_value(json_object_get(near, "radius_m"));
        fprintf(out, "<h3>Cameras within %.0f m</h3>\n", r);
        sl_html_th(out, a->o.exact ? COLS : KCOLS, "Cameras within %.0f m of the sites, by category", r);
        json_array_foreach(json_object_get(near, "categories"), k, row) {
            fputs("<tr>", out);
            sl_html_th_row(out, sl_json_str(row, "category"));
            sl_html_td_num(out, json_object_get(row, "sites"), 0);
            if (!a->o.exact) sl_html_td_num(out, json_object_get(row, "sites_published"), 0);
            td_total(out, row, "sites_with_camera");
            td_total(out, row, "cameras_within");
            if (sl_privacy_withheld(row, "median_nearest_m")) fputs("<td class=\"num\">withheld</td>", out);
            else td_distance(out, a, json_object_get(row, "median_nearest_m"));
            fputs("</tr>\n", out);
        }
        sl_html_end_table(out);
        json_array_foreach(json_object_get(near, "categories"), k, row) { /* the median is the first table's */
            char far[600];
            if (i > 0 || !*sl_audit_far_sites_words(row, far, sizeof far)) continue;
            fputs("<p class=\"note\">“", out);
            sl_html_write_escaped(out, sl_json_str(row, "category"));
            fputs("”: ", out);
            sl_html_write_escaped(out, far);
            fputs("</p>\n", out);
        }
    }
    /* each radius's published counts, ranked: the headline's "Within 400 m,
    ** the counts of 3 of them are published (see the table)" had no table
    ** naming them (run of 2026-12-07, sixth) */
    json_array_foreach(list, i, near) {
        fprintf(out, "<h3>Sites with the most cameras within %.0f m</h3>\n",
                json_number_value(json_object_get(near, "radius_m")));
        site_rows(out, a, near, i > 0);
    }
    if (!a->o.exact)
        fprintf(out, "<p class=\"note\">A site is public, so a figure about the cameras around one could point at a "
                     "camera the map hides. A site's count is withheld when its circle holds fewer than %u camera "
                     "locations, when it overlaps another site's circle, or (at %.0f m) when fewer than %u lie "
                     "between its two circles; no site's nearest camera is given; a category's totals are withheld "
                     "when any of its sites' counts is, and its median nearest distance (in %.0f m bins) when it "
                     "holds fewer than %u sites.</p>\n",
                a->o.k, a->o.near_m[1], a->o.k, SL_PRIVACY_DISTANCE_BIN_M, a->o.k);
    json_t *zones = json_object_get(a->summary, "zones"), *z;
    if (json_array_size(zones)) {
        static const char *const ZCOLS[] = {"zone", "posts", "cameras", "area (km²)", NULL};
        fputs("<h3>Zones</h3>\n", out);
        sl_html_th(out, ZCOLS, "Zones");
        json_array_foreach(zones, i, z) {
            fputs("<tr>", out);
            sl_html_th_row(out, sl_json_str(z, "name"));
            sl_html_td_count(out, a, z, "posts", 0);
            sl_html_td_count(out, a, z, "cameras", 0);
            sl_html_td_num(out, json_object_get(z, "area_km2"), 2);
            fputs("</tr>\n", out);
        }
        sl_html_end_table(out);
    }
    fputs("</section>\n", out);
}

/* ---- disparity ---------------------------------------------------------- */

/* Several groups' p-values read together: the chance that one of them
** reaches 0.05 with no gap anywhere is more than 0.05, and grows with their
** number; one group has no such note (it was once printed "with four" for
** a set of one). */
static void groups_tested(FILE *out, size_t n)
{
    static const char *const WORDS[] = {"", "", "two", "three", "four"};
    if (n < 2) return;
    char many[24];
    if (n < sizeof WORDS / sizeof *WORDS) snprintf(many, sizeof many, "%s", WORDS[n]);
    else snprintf(many, sizeof many, "%zu", n);
    fprintf(out, "<p class=\"note\">With %s groups tested at once, one of them reaches p ≤ %.2f by chance more "
                 "often than one time in twenty: a finding for one group chosen after seeing all %s should be held "
                 "to p ≤ %.4g (%.2f / %zu, Bonferroni).</p>\n",
            many, SL_DISPARITY_ALPHA, many, SL_DISPARITY_ALPHA / (double)n, SL_DISPARITY_ALPHA, n);
}

/* The last column's yardstick, which the table did not give: the rate of
** every resident of the study areas (the Methods' "compare with the
** overall rate"), and that no figure of the column has an interval, so
** two groups' rates are not to be set against each other as a finding. */
static void exposure_said(FILE *out, json_t *r)
{
    json_t *e = json_object_get(r, "exposure_per_1000");
    if (!json_is_number(e)) return;
    char v[64];
    json_t *e100k = json_real(100 * json_number_value(e));
    fprintf(out, "<p class=\"note\">Events per 100,000 residents of all the study areas: %s. Those where each group "
                 "lives have no interval: they are no test of one group against another.</p>\n",
            sl_html_num_text(e100k, sl_html_small_digits(e100k), v));
    json_decref(e100k);
}

/* What the test could have seen: per group, the ratios these events
** detect four times in five (the result's detectable_ratio_low/high, from
** power's closed form). A p of 0.37 beside "1.13 or more" says the events
** were too few for a smaller gap, not that there is none. Nothing by place. */
static void detectable_said(FILE *out, json_t *r)
{
    json_t *g;
    size_t i, said = 0;
    char n[32];
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        json_t *lo = json_object_get(g, "detectable_ratio_low"), *hi = json_object_get(g, "detectable_ratio_high");
        if (!json_is_number(lo) && !json_is_number(hi)) continue;
        if (!said++)
            fprintf(out, "<p class=\"note\">What %s events can show: the test finds a gap (p ≤ %.2f) four times in "
                         "five when the ratio is ", sl_thousands(sl_json_int(r, "events"), n), SL_DISPARITY_ALPHA);
        else fputs("; ", out);
        fprintf(out, "%s ", sl_group_label(sl_json_str(g, "group")));
        if (json_is_number(lo)) fprintf(out, "≤ %.2f", json_number_value(lo));
        if (json_is_number(lo) && json_is_number(hi)) fputs(" or ", out);
        if (json_is_number(hi)) fprintf(out, "≥ %.2f", json_number_value(hi));
    }
    if (said)
        fputs(". A smaller gap may be there unseen. (Events at points, independent, biased as <code>sightline "
              "power</code> plants a bias; its normal approximation: see the Methods, “Power”.)</p>\n", out);
}

void sl_html_disparity(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "disparity"), *r, *g;
    if (!json_array_size(list)) return;
    static const char *const COLS[] = {"group", "share where the events are", "95% interval", "baseline", "ratio",
                                       "p-value", "events per 100,000 residents where the group lives", NULL};
    sl_html_section(out, a, "disparity", "Who is watched");
    /* what the figures are, before any of them: the dashboard says it too */
    fputs("<p class=\"note\">Area-level (ecological) figures: each says what share of the residents of the "
          "areas where events happen belong to a group, not who the events happen to, nor a share of the events. "
          "Each p-value is two-sided (a gap either way) and tests one group. A p above 0.05 says that a gap this "
          "size could arise by chance, not that the events follow the residents: with few events only a wide gap "
          "can be told from chance (<code>sightline power</code> gives the events a gap needs; see the Methods, "
          "“When the interval and p disagree”, “Four groups” and “Power”).</p>\n", out);
    size_t i, k;
    json_array_foreach(list, i, r) {
        fputs("<h3>", out);
        sl_html_write_escaped(out, sl_json_str(r, "events_kind"));
        fputs(" across ", out);
        sl_html_write_escaped(out, sl_json_str(r, "set"));
        long long n = (long long)json_integer_value(json_object_get(r, "events"));
        char events[32], outside[32], w[40] = "";
        /* requests split by overlap: their part outside is in no share */
        double part_out = (double)n - json_number_value(json_object_get(r, "weight"));
        if (part_out >= 0.05) sl_readable(part_out, w); /* as `disparity` and `join` print it */
        fputs("</h3>\n", out);
        if (!strcmp(sl_json_str(r, "events_kind"), "requests")) sl_html_requests_said(out, a); /* when, whose */
        fprintf(out, "<p>%s event%s (%s more %soutside every area%s%s%s); baseline: ", sl_thousands(n, events),
                n == 1 ? "" : "s", sl_thousands(json_integer_value(json_object_get(r, "events_outside")), outside),
                *w ? "wholly " : "", *w ? "; pieces adding up to " : "", w, *w ? " events lie outside, by overlap" : "");
        sl_html_write_escaped(out, sl_json_str(r, "baseline"));
        const char *year = sl_report_residents_year(a, sl_json_str(r, "set")); /* a share of 2014's residents */
        const char *vintage = json_string_value(json_object_get(r, "residents_note")); /* a group of another year */
        if (year) fputs(" (data of ", out), sl_html_write_escaped(out, year);
        if (year && vintage) fputs("; ", out), sl_html_write_escaped(out, vintage);
        if (year) fputs(")", out);
        char boot[32], draws[32];
        fprintf(out, "; dissimilarity %.3f (", json_number_value(json_object_get(r, "dissimilarity")));
        if (json_is_number(json_object_get(r, "dissimilarity_null"))) /* requests split widely: a note instead */
            fprintf(out, "chance alone: %.3f", json_number_value(json_object_get(r, "dissimilarity_null")));
        else sl_html_write_prose(out, json_object_get(r, "dissimilarity_null_note") ? sl_json_str(r, "dissimilarity_null_note") : "chance alone: n/a");
        int by_place = json_is_true(json_object_get(r, "by_place"));
        fprintf(out, "); seed %lld; 95%% intervals (percentile) from %s bootstrap resamples%s, "
                "p from %s placebo draws%s.</p>\n", (long long)json_integer_value(json_object_get(r, "seed")),
                sl_thousands(json_integer_value(json_object_get(r, "bootstrap")), boot), by_place ? "" : " of the events",
                sl_thousands(json_integer_value(json_object_get(r, "permutations")), draws),
                by_place ? ". Both resample and place the events' distinct places, each with all its events, not "
                           "single events" : "");
        groups_tested(out, json_array_size(json_object_get(r, "groups")));
        static const char *const NOTES[] = {"no_residents_note", "no_location_note"};
        for (size_t k = 0; k < sizeof NOTES / sizeof *NOTES; k++) {
            const char *note = json_string_value(json_object_get(r, NOTES[k]));
            if (!note) continue;
            fputs("<p class=\"note\">", out);
            sl_html_write_prose(out, note);
            fputs(".</p>\n", out);
        }
        /* the report compares with the study areas' own residents, where no
        ** note arises; a result against another baseline carries the CLI's */
        static const char *const CAUTIONS[] = {"caveat", "baseline_note"};
        for (size_t k = 0; k < sizeof CAUTIONS / sizeof *CAUTIONS; k++) {
            const char *caveat = json_string_value(json_object_get(r, CAUTIONS[k]));
            if (!caveat) continue;
            fputs("<p class=\"caution\"><strong>Caution:</strong> ", out);
            sl_html_write_prose(out, caveat);
            fputs("</p>\n", out);
        }
        sl_chart_disparity(out, r);
        /* Seven columns of figures are wider than a phone even at 0.8em:
        ** there each group is a block of labelled figures. */
        sl_html_table_open(out, COLS, 1, "%s across %s: share of residents by group", sl_json_str(r, "events_kind"),
                           sl_json_str(r, "set"));
        json_array_foreach(json_object_get(r, "groups"), k, g) {
            char v[64], p[32];
            fputs("<tr>", out);
            sl_html_th_row(out, sl_group_label(sl_json_str(g, "group")));
            sl_html_td_labelled(out, COLS[1], "num", sl_html_pct_text(json_object_get(g, "share"), v));
            json_t *lo = json_object_get(g, "ci_low"), *hi = json_object_get(g, "ci_high");
            if (json_is_number(lo) && json_is_number(hi)) /* one resample gives none: not 0.0–0.0 */
                snprintf(v, sizeof v, "%.1f%%–%.1f%%", 100 * json_number_value(lo), 100 * json_number_value(hi));
            else
                snprintf(v, sizeof v, "n/a");
            sl_html_td_labelled(out, COLS[2], "num", v);
            sl_html_td_labelled(out, COLS[3], "num", sl_html_pct_text(json_object_get(g, "baseline"), v));
            sl_html_td_labelled(out, COLS[4], "num", sl_html_num_text(json_object_get(g, "ratio"), 2, v));
            sl_report_format_p(p, sizeof p, json_number_value(json_object_get(g, "p_value")),
                               (long long)json_integer_value(json_object_get(r, "permutations")));
            sl_html_td_labelled(out, COLS[5], "num nowrap", p); /* "< 0.0005" kept on one line */
            /* exposure per 100,000, the report's unit of every rate per resident */
            json_t *e = json_object_get(g, "exposure_per_1000");
            json_t *e100k = json_is_number(e) ? json_real(100 * json_number_value(e)) : json_null();
            sl_html_td_labelled(out, COLS[6], "num", sl_html_num_text(e100k, sl_html_small_digits(e100k), v));
            json_decref(e100k);
            fputs("</tr>\n", out);
        }
        sl_html_end_table(out);
        exposure_said(out, r);
        detectable_said(out, r);
    }
    fputs("</section>\n", out);
}

/* ---- text filters ------------------------------------------------------- */

void sl_html_filters(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "filters"), *f, *shown, *p;
    if (!json_array_size(list)) return;
    static const char *const COLS[] = {"filter", "pattern", "posts", "of posts", "share", NULL};
    static const char *const PCOLS[] = {"post", "date", "text (as written)", NULL};
    sl_html_section(out, a, "filters", "Text filters");
    sl_html_th(out, COLS, "Text filters");
    size_t i, k;
    json_array_foreach(list, i, f) {
        fputs("<tr>", out);
        sl_html_th_row(out, sl_json_str(f, "name"));
        fputs("<td><code>", out);
        sl_html_write_escaped(out, sl_json_str(f, "pattern"));
        fputs("</code></td>", out);
        sl_html_td_num(out, json_object_get(f, "posts"), 0);
        sl_html_td_num(out, json_object_get(f, "of_posts"), 0);
        sl_html_td_pct(out, json_object_get(f, "share"));
        fputs("</tr>\n", out);
    }
    sl_html_end_table(out);
    if (!a->o.exact)
        fprintf(out, "<p class=\"note\">The matching posts' texts are not published here: residents' posts name "
                     "streets, houses and children. <code>sightline audit --exact</code> lists the first %d of each "
                     "filter, to check what a filter catches, in a report not for publication.</p>\n",
                SL_AUDIT_TEXTS_SHOWN);
    json_array_foreach(a->posts_shown, i, shown) {
        size_t n = json_array_size(json_object_get(shown, "posts"));
        long long matched = (long long)n;
        json_array_foreach(list, k, f) /* the filter's own count, from the table above */
            if (!strcmp(sl_json_str(f, "name"), sl_json_str(shown, "filter"))) matched = sl_json_int(f, "posts");
        if (!n) continue; /* the table above says 0: no empty table under it */
        char a_[32], b_[32];
        fputs("<h3>Posts matching “", out);
        sl_html_write_escaped(out, sl_json_str(shown, "filter"));
        if ((long long)n < matched)
            fprintf(out, "” (the first %s of %s; no locations)</h3>\n", sl_thousands((long long)n, a_), sl_thousands(matched, b_));
        else
            fprintf(out, "” (%s %s; no locations)</h3>\n", n == 1 ? "the one" : "all", n == 1 ? "post" : sl_thousands((long long)n, a_));
        sl_html_th(out, PCOLS, "Posts matching “%s”", sl_json_str(shown, "filter"));
        json_array_foreach(json_object_get(shown, "posts"), k, p) {
            fputs("<tr>", out);
            sl_html_th_row(out, sl_json_str(p, "id"));
            sl_html_td_text(out, sl_json_str(p, "date"));
            fputs("<td class=\"post-text\">", out);
            sl_html_write_escaped(out, sl_json_str(p, "text"));
            fputs("</td></tr>\n", out);
        }
        sl_html_end_table(out);
    }
    fputs("</section>\n", out);
}

