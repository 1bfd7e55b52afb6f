/*
** headlines_points.c — the report's headlines of the point layers: unique
** cameras, cameras near sensitive sites, the disparity of requests or
** cameras, and the text filters. Each carries its denominator and date as
** the partnerships' (headlines.c) do, and lists the figures it quotes.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* What one camera is, in words: posts at one place, posts merged within a
** radius, or a row of a cameras layer. */
static const char *camera_from_words(json_t *c, json_t *d, char *buf, size_t size)
{
    const char *from = sl_json_str(d, "cameras_from");
    double m = sl_json_num(c, "merge_radius_m");
    if (from && !strncmp(from, "posts (chained", 14))
        snprintf(buf, size, "posts within %.0f m of each other count as one camera", m);
    else if (from && !strncmp(from, "posts", 5)) snprintf(buf, size, "posts at one location count as one camera");
    else if (from && !strcmp(from, "cameras layer")) snprintf(buf, size, "from the cameras layer");
    else snprintf(buf, size, "from %s", from ? from : "the cameras layer");
    return buf;
}

/* One word for each count, as the table and data/camera_density.csv have
** them: "cameras" (cameras), "camera locations" (camera_locations, the
** figure k applies to), "hexagons" (cells) and "withheld" (the table's
** word). The real store with the registry as a cameras layer read "The map
** shows 6 cameras" beside a CSV whose rule counted 5 locations. */
void sl_audit_camera_headlines(audit *a)
{
    json_t *c = json_object_get(a->summary, "cameras"), *d = json_object_get(a->summary, "density");
    const char *first = sl_json_str(c, "first"), *last = sl_json_str(c, "last");
    char n[6][32], what[96];
    camera_from_words(c, d, what, sizeof what);
    if (c) sl_thousands(sl_json_int(c, "posts"), n[0]), sl_thousands(sl_json_int(c, "cameras"), n[1]);
    if (c && first && last && *first && *last)
        sl_audit_headline_add(a, "posts", json_incref(c), "%s posts come from %s camera%s (%s; posts from %.10s to %.10s).", n[0], n[1],
            sl_json_int(c, "cameras") == 1 ? "" : "s", what, first, last);
    else if (c) /* posts without dates (synthetic ones, or a file with no date column) */
        sl_audit_headline_add(a, "posts", json_incref(c), "%s posts come from %s camera%s (%s; the posts carry no dates).", n[0], n[1],
            sl_json_int(c, "cameras") == 1 ? "" : "s", what);
    if (d) { /* "1 hexagon ... is withheld", not "1 hexagons ... are" */
        long long hidden = sl_json_int(d, "suppressed_cameras"), shown = sl_json_int(d, "cameras") - hidden,
                  hidden_at = sl_json_int(d, "suppressed_camera_locations"),
                  shown_at = sl_json_int(d, "camera_locations") - hidden_at, hexes = sl_json_int(d, "cells_shown"),
                  cells = sl_json_int(d, "suppressed_cells"), k = sl_json_int(d, "k");
        char rest[400];
        if (cells > 0)
            snprintf(rest, sizeof rest,
                     "%s hexagon%s with fewer than %lld camera locations, holding %s camera%s at %s location%s, %s "
                     "withheld to protect residents",
                     sl_thousands(cells, n[2]), cells == 1 ? "" : "s", k, sl_thousands(hidden, n[3]),
                     hidden == 1 ? "" : "s", sl_thousands(hidden_at, n[4]), hidden_at == 1 ? "" : "s",
                     cells == 1 ? "is" : "are");
        else snprintf(rest, sizeof rest, "no hexagon is withheld: each holds at least %lld camera locations", k);
        sl_audit_headline_add(a, "posts", json_incref(d),
            "The map shows %s camera%s at %s camera location%s (%s) in %s hexagon%s of %.2f km²; %s.",
            sl_thousands(shown, n[0]), shown == 1 ? "" : "s", sl_thousands(shown_at, n[1]), shown_at == 1 ? "" : "s",
            !strncmp(what, "from ", 5) ? what : "counted from posts", sl_thousands(hexes, n[5]), hexes == 1 ? "" : "s",
            sl_json_num(d, "cell_km2"), rest);
        /* an empty map of thinly spread cameras reads as no cameras: say what shows them */
        if (shown == 0 && hidden > 0)
            sl_audit_headline_add(a, "posts", json_incref(d),
                "No hexagon of %.2f km² holds %lld distinct camera locations, so the map shows none: the cameras are "
                "spread too thinly for hexagons this small; `sightline audit --hex` with a larger edge (in metres) "
                "draws larger hexagons, of which more reach %lld.",
                sl_json_num(d, "cell_km2"), k, k);
    }
}

/* After "no count within 80 m is published": the wider radius's table may
** publish some of the same category's counts, and a headline that stops at
** "no count" reads as if the sites had no published figure at all. */
static void wider_published(const audit *a, const char *category, char *out, size_t cap)
{
    json_t *wide = json_array_get(json_object_get(a->summary, "sites"), 1), *row;
    size_t i;
    char n[32];
    out[0] = '\0';
    json_array_foreach(json_object_get(wide, "categories"), i, row) {
        long long pub = sl_json_int(row, "sites_published");
        if (strcmp(sl_json_str(row, "category"), category) || pub <= 0) continue;
        if (sl_json_int(row, "sites") == 1)
            snprintf(out, cap, " Within %.0f m, its count is published (see the table).", sl_json_num(wide, "radius_m"));
        else
            snprintf(out, cap, " Within %.0f m, the count%s of %s of them %s published (at least %u camera locations%s; see the table).",
                     sl_json_num(wide, "radius_m"), pub == 1 ? "" : "s", sl_thousands(pub, n),
                     pub == 1 ? "is" : "are", a->o.k, pub == 1 ? "" : " each");
        return;
    }
}

const char *sl_audit_far_sites_words(const json_t *row, char *buf, size_t size)
{
    json_t *median = json_object_get(row, "median_nearest_m");
    buf[0] = '\0';
    if (!json_is_number(median) || json_number_value(median) < SL_NEAR_FAR_SITES_M) return buf;
    char km[32];
    int one = sl_json_int(row, "sites") == 1;
    snprintf(buf, size, "%s %s km or more from the nearest camera: the camera locations do not reach where %s, so "
             "no camera near %s may say where the camera data stops, not that no camera is there (a study of one "
             "city, its tracts or community areas as the areas, measures only the sites inside them).",
             one ? "The site lies" : "Half of the sites lie",
             sl_thousands(llround(floor(json_number_value(median) / 1000.0)), km), one ? "it is" : "they are",
             one ? "it" : "one");
    return buf;
}

/* Per category of sites: how many have cameras near, and the median
** nearest distance, as far as the privacy rule publishes them (a category
** whose totals are withheld says how many sites have at least k cameras). */
void sl_audit_site_headlines(audit *a)
{
    json_t *near = json_array_get(json_object_get(a->summary, "sites"), 0), *row;
    size_t i;
    char n[2][32];
    /* a local study measures only the sites inside its areas (collect_sites.c) */
    const char *where = sl_json_int(near, "sites_outside") > 0 ? " inside the study's areas" : "";
    json_array_foreach(json_object_get(near, "categories"), i, row) {
        json_t *median = json_object_get(row, "median_nearest_m");
        int one = sl_json_int(row, "sites") == 1; /* "0 of 1 sites have", "the median" of one: no */
        const char *what = one ? "the distance to the nearest camera is" : "the median distance to the nearest camera is";
        char med[160] = "", d[2][32];
        double m = json_number_value(median);
        if (json_is_number(median) && m >= 10000) /* metres past 10 km read as a number, not a distance */
            snprintf(med, sizeof med, "; %s about %s km", what,
                     sl_thousands(llround((m + (a->o.exact ? 0 : SL_PRIVACY_DISTANCE_BIN_M / 2.0)) / 1000.0), d[0]));
        else if (json_is_number(median) && a->o.exact)
            snprintf(med, sizeof med, "; %s %s m", what, sl_thousands(llround(m), d[0]));
        else if (json_is_number(median)) /* binned (privacy.h): "18,800–18,850 m" */
            snprintf(med, sizeof med, "; %s %s–%s m", what, sl_thousands(llround(m), d[0]),
                     sl_thousands(llround(m + SL_PRIVACY_DISTANCE_BIN_M), d[1]));
        else if (!json_object_get(row, "median_nearest_m_suppressed"))
            snprintf(med, sizeof med, "; no camera at all");
        char far[600], farsp[604];
        snprintf(farsp, sizeof farsp, "%s%s", *sl_audit_far_sites_words(row, far, sizeof far) ? " " : "", far);
        if (!sl_privacy_withheld(row, "sites_with_camera"))
            sl_audit_headline_add(a, "sites,posts", json_pack("{s:O, s:O}", "radius_m", json_object_get(near, "radius_m"), "category", row),
                "%s of %s sensitive %s of category “%s”%s %s at least one camera within %.0f m%s.%s",
                sl_thousands(sl_json_int(row, "sites_with_camera"), n[0]), sl_thousands(sl_json_int(row, "sites"), n[1]),
                one ? "site" : "sites", sl_json_str(row, "category"), where, one ? "has" : "have",
                sl_json_num(near, "radius_m"), med, farsp);
        else if (sl_json_int(row, "sites_published") == 0) {
            char wider[200];
            wider_published(a, sl_json_str(row, "category"), wider, sizeof wider);
            sl_audit_headline_add(a, "sites,posts", json_pack("{s:O, s:O}", "radius_m", json_object_get(near, "radius_m"), "category", row),
                "No count of cameras within %.0f m of the %s sensitive %s of category “%s”%s is published: a count "
                "of fewer than %u camera locations, or of a site whose circle overlaps another's, is withheld to protect residents%s.%s%s",
                sl_json_num(near, "radius_m"), sl_thousands(sl_json_int(row, "sites"), n[1]), one ? "site" : "sites",
                sl_json_str(row, "category"), where, a->o.k, med, wider, farsp);
        }
        else /* the sites whose count is published hold at least k each; others may too */
            sl_audit_headline_add(a, "sites,posts", json_pack("{s:O, s:O}", "radius_m", json_object_get(near, "radius_m"), "category", row),
                "At least %s of %s sensitive %s of category “%s”%s %s %u camera locations or more within %.0f m (a "
                "count of fewer than %u, or of a site whose circle overlaps another's, is withheld to protect residents)%s.%s",
                sl_thousands(sl_json_int(row, "sites_published"), n[0]), sl_thousands(sl_json_int(row, "sites"), n[1]),
                one ? "site" : "sites", sl_json_str(row, "category"), where, one ? "has" : "have", a->o.k,
                sl_json_num(near, "radius_m"), a->o.k, med, farsp);
    }
}

void sl_audit_filter_headlines(audit *a)
{
    size_t i;
    char n[3][32];
    json_t *f;
    json_array_foreach(json_object_get(a->summary, "filters"), i, f)
        sl_audit_headline_add(a, "posts", json_incref(f), "%s of %s posts (%s%%) match the “%s” text filter.",
            sl_thousands(sl_json_int(f, "posts"), n[0]), sl_thousands(sl_json_int(f, "of_posts"), n[1]),
            sl_percent_of(sl_json_int(f, "posts"), sl_json_int(f, "of_posts"), 1, n[2]), sl_json_str(f, "name"));
}

void sl_report_format_p(char *buf, size_t size, double p, long long draws)
{
    char b[40];
    if (!isfinite(p)) snprintf(buf, size, "—");
    else snprintf(buf, size, "%s", sl_format_p(p, draws > 0 ? 1.0 / ((double)draws + 1) : 0, b));
}

/* One headline per disparity analysis naming every group, in the fixed
** order of the analysis (sl_group_name), each beside its baseline: the
** group quoted is never chosen by the size of its gap. */
void sl_audit_disparity_headlines(audit *a)
{
    size_t i, k;
    json_t *r, *g;
    json_array_foreach(json_object_get(a->summary, "disparity"), i, r) {
        int requests = strcmp(sl_json_str(r, "events_kind"), "requests") == 0;
        /* cameras taken from posts rest on the posts */
        const char *from = sl_json_str(json_object_get(a->summary, "density"), "cameras_from");
        int via_posts = !strcmp(sl_json_str(r, "events_kind"), "cameras") && from && !strncmp(from, "posts", 5);
        char layers[64];
        snprintf(layers, sizeof layers, "%s,%sareas", sl_json_str(r, "events_kind"), via_posts ? "posts," : "");
        if (sl_disparity_too_few(sl_json_int(r, "events"))) {
            /* a few events' shares are not a finding: the headline says so
            ** and leaves the figures to the section, beside its caution */
            long long n = sl_json_int(r, "events");
            const char *what = requests ? (n == 1 ? "police request lies" : "police requests lie")
                                        : (n == 1 ? "camera lies" : "cameras lie");
            sl_audit_headline_add(a, layers,
                json_pack("{s:O, s:O, s:O}", "set", json_object_get(r, "set"), "events",
                          json_object_get(r, "events_kind"), "caveat", json_object_get(r, "caveat")),
                "Across %s, only %lld %s inside the study areas: too few to say where %s sit (figures under "
                "“Who is watched”, with a caution).",
                sl_json_str(r, "set"), n, what, requests ? "police requests" : "cameras");
            continue;
        }
        char groups[768] = "", events[32];
        size_t used = 0;
        json_array_foreach(json_object_get(r, "groups"), k, g) {
            char p[32], ci[64] = "n/a"; /* one resample gives no interval: not 0.0–0.0 */
            sl_report_format_p(p, sizeof p, sl_json_num(g, "p_value"), sl_json_int(r, "permutations"));
            if (json_is_number(json_object_get(g, "ci_low")) && json_is_number(json_object_get(g, "ci_high")))
                snprintf(ci, sizeof ci, "%.1f–%.1f%%", 100 * sl_json_num(g, "ci_low"), 100 * sl_json_num(g, "ci_high"));
            int w = snprintf(groups + used, sizeof groups - used,
                             "%s%s %.1f%% (95%% interval %s; all residents %.1f%%; p %s%s)", k ? "; " : "",
                             sl_group_label(sl_json_str(g, "group")), 100 * sl_json_num(g, "share"), ci,
                             100 * sl_json_num(g, "baseline"), p[0] == '<' ? "" : "= ", p);
            if (w < 0 || (size_t)w >= sizeof groups - used) break;
            used += (size_t)w;
        }
        if (!used) continue;
        /* events at few places, few draws, wide footprints: the figures
        ** stand, beside a pointer to the caution that qualifies them */
        json_t *figures = json_pack("{s:O, s:O, s:O, s:O}", "set", json_object_get(r, "set"), "events",
                                    json_object_get(r, "events_kind"), "groups", json_object_get(r, "groups"), "seed",
                                    json_object_get(r, "seed"));
        const char *caveat = json_string_value(json_object_get(r, "caveat"));
        if (caveat && figures) json_object_set_new(figures, "caveat", json_string(caveat));
        const char *year = sl_report_residents_year(a, sl_json_str(r, "set")); /* the residents' year, as the section */
        char of_year[200] = "";
        int w = year ? snprintf(of_year, sizeof of_year, ", data of %.16s", year) : 0;
        json_t *v; /* "; foreign-born 2009–2013": a group's figures of another year, as the section says */
        size_t k;
        json_array_foreach(year ? json_object_get(r, "vintages") : NULL, k, v)
            if (w > 0 && (size_t)w < sizeof of_year)
                w += snprintf(of_year + w, sizeof of_year - (size_t)w, "; %s %s", sl_group_label(sl_json_str(v, "group")),
                              sl_json_str(v, "years"));
        sl_audit_headline_add(a, layers, figures, "Across %s, the average %s sits where residents are %s (baseline: %s%s; %s events)%s",
            sl_json_str(r, "set"), requests ? "police request" : "camera", groups, sl_json_str(r, "baseline"), of_year,
            sl_thousands(sl_json_int(r, "events"), events),
            caveat ? "; read the caution under “Who is watched” before quoting it." : ".");
    }
}
