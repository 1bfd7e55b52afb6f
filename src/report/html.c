/*
** html.c — report.html: one self-contained page (scripts, styles, data and
** the methods note inlined), readable offline and printable.
**
** Untrusted text (post texts, names from imported files) reaches the page
** only through sl_html_write_escaped (sl_html_write_prose for sentences,
** which writes a `command` they quote as <code>) or as JSON escaped for a
** script element (sl_json_write_for_script), and the page's script inserts
** it as text (textContent, or text nodes and <code> elements). A Content-Security-Policy with a per-report nonce forbids any
** network request and any script the page did not put there itself.
*/
#include "report_internal.h"
#include "sightline/core/file.h"
#include "sightline/core/text.h"

#include <ctype.h>
#ifdef SL_HAVE_CMARK
#include <cmark.h>
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sections written by html_tables.c (the areas' by html_areas.c). */
void sl_html_partnerships(FILE *out, audit *a);
void sl_html_cameras(FILE *out, audit *a);
void sl_html_sites(FILE *out, audit *a);
void sl_html_disparity(FILE *out, audit *a);
void sl_html_filters(FILE *out, audit *a);
void sl_html_areas(FILE *out, audit *a);

static int dump_callback(const char *buf, size_t size, void *data)
{
    FILE *out = data;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '<') fputs("\\u003c", out);
        else if (c == '>') fputs("\\u003e", out);
        else if (c == '&') fputs("\\u0026", out);
        else if (c == 0xE2 && i + 2 < size && (unsigned char)buf[i + 1] == 0x80 &&
                 ((unsigned char)buf[i + 2] == 0xA8 || (unsigned char)buf[i + 2] == 0xA9)) {
            fputs((unsigned char)buf[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", out);
            i += 2;
        } else fputc((int)c, out);
    }
    return 0;
}

int sl_json_write_for_script(FILE *out, const json_t *j)
{
    /* ENSURE_ASCII already writes U+2028/2029 as \u escapes, so no
    ** multi-byte character can be split between two callback calls; the
    ** callback still checks for them in case the flag is ever dropped. */
    return json_dump_callback(j, dump_callback, out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(8));
}

static void nonce(char out[33])
{
    unsigned char b[16] = {0};
    FILE *f = fopen("/dev/urandom", "rb");
    if (f) {
        if (fread(b, 1, sizeof b, f) != sizeof b) memset(b, 0x5a, sizeof b);
        fclose(f);
    }
    for (int i = 0; i < 16; i++) snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* The title's words, plain text: summary.title (headlines.c), "Police
** partnerships with Ring", "Agencies with Face Recognition on record". */
static void title_words(const audit *a, char *buf, size_t n)
{
    const char *t = json_string_value(json_object_get(a->summary, "title"));
    snprintf(buf, n, "%s", t ? t : "Surveillance audit");
}

/* S inside a CSS string: quotes, backslashes, angle brackets (a "</style>"
** in a name from an imported file) and control characters as escapes. */
static void css_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\' || c == '<' || c == '>' || c < 0x20 || c == 0x7f) fprintf(out, "\\%x ", c);
        else fputc((int)c, out);
    }
}

/* On paper every page's margin says what it is of, of when, and where it
** stands: a page torn from the report (the table by state alone) still says
** "Police partnerships with Ring, partnership list of 7 October 2020",
** page 4 of 8, and that the sources close the report. */
static void page_margins(FILE *out, const audit *a)
{
    char words[160], day[32];
    title_words(a, words, sizeof words);
    const char *snap = json_string_value(json_object_get(json_object_get(a->summary, "partnerships"), "snapshot"));
    const char *at = json_string_value(json_object_get(a->summary, "generated_at"));
    fputs("@media print { @page { @bottom-left { content: \"", out);
    css_text(out, words);
    if (a->scope) fputs(": ", out), css_text(out, a->scope_label);
    fputs(snap ? " \\2014  partnership list of " : " \\2014  generated ", out);
    css_text(out, sl_report_date_words(day, snap ? snap : at));
    fputs("; sources at the end\"; font: 8pt system-ui, sans-serif; color: #333; }\n"
          "  @top-right { content: \"page \" counter(page) \" of \" counter(pages); font: 8pt system-ui, sans-serif; color: #333; } } }\n", out);
}

static void head(FILE *out, audit *a, const char *n)
{
    size_t len;
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "script-src 'nonce-%s'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                 "connect-src 'none'; base-uri 'none'; form-action 'none'\">\n"
                 "<title>sightline audit%s",
            n, json_is_true(json_object_get(a->summary, "synthetic")) ? " — SYNTHETIC DEMO DATA" : "");
    /* the tab, a bookmark and a search result say what the report counts,
    ** as its H1 does ("Police partnerships with Ring", "Agencies with Face
    ** Recognition on record"): a reader with several open tells them apart */
    if (json_object_get(a->summary, "partnerships")) {
        char words[160];
        title_words(a, words, sizeof words);
        fputs(" — ", out), sl_html_write_escaped(out, words);
    }
    fprintf(out, "%s%s</title>\n<style>\n", a->scope ? " — " : "", a->scope ? a->scope_label : ""); /* the label: names from a fixed table */
    const char *css = sl_asset_leaflet_css(&len);
    fwrite(css, 1, len, out);
    css = sl_asset_cluster_css(&len);
    fwrite(css, 1, len, out);
    css = sl_asset_report_css(&len);
    fwrite(css, 1, len, out);
    /* On paper the banners' words go in every page's margin: a page torn
    ** from a synthetic or exact report still says what it is. */
    if (json_is_true(json_object_get(a->summary, "synthetic")))
        fputs("@media print { @page { @top-center { content: \"SYNTHETIC DEMO DATA \u2014 every figure in this "
              "report is invented\"; font: 700 9pt system-ui, sans-serif; color: #000; } } }\n", out);
    if (a->o.exact)
        fputs("@media print { @page { @bottom-center { content: \"EXACT camera locations \u2014 do not publish\"; "
              "font: 700 9pt system-ui, sans-serif; color: #b00020; } } }\n", out);
    page_margins(out, a);
    /* JavaScript off (Tor Browser at "Safest"): the map box, its select and
    ** legend stay empty, so they go; the <noscript> note in map_section says
    ** what the map is and where its data are */
    fputs("</style>\n<noscript><style>#map, #map-section .map-controls, #map-section .skip, #legend { display: none; }"
          "</style></noscript>\n</head>\n", out);
}

static void banners(FILE *out, audit *a)
{
    if (json_is_true(json_object_get(a->summary, "synthetic")))
        fputs("<div class=\"banner synthetic\" id=\"synthetic-banner\">SYNTHETIC DEMO DATA — every agency, "
              "place, post and figure in this report is invented</div>\n", out);
    if (a->o.exact)
        fputs("<div class=\"banner exact\" id=\"exact-warning\" role=\"alert\">WARNING: this report shows EXACT "
              "camera locations (--exact). They can point at residents' homes: do not publish it.</div>\n", out);
}

static void title_block(FILE *out, audit *a)
{
    /* The subject as the title: what was measured, not the tool. */
    fputs("<header>\n<h1>", out);
    const char *scope = a->scope ? a->scope_label : NULL; /* a state's report: said in the title itself */
    char words[160];
    title_words(a, words, sizeof words);
    sl_html_write_escaped(out, words);
    if (scope) {
        fputs(": <span class=\"scope\" id=\"scope\">", out);
        sl_html_write_escaped(out, scope);
        fputs("</span>", out);
    }
    /* in words, as every other date of the page ("7 October 2020"); the
    ** ISO form stays in summary.json and in the time element */
    const char *at = json_string_value(json_object_get(a->summary, "generated_at"));
    char day[32];
    fputs("</h1>\n<p class=\"meta\">Generated <time datetime=\"", out);
    sl_html_write_escaped(out, at ? at : "");
    fputs("\">", out);
    sl_html_write_escaped(out, sl_report_date_words(day, at));
    if (at && strlen(at) >= 16 && at[10] == 'T') fprintf(out, " at %.5s UTC", at + 11);
    fputs("</time>", out);
    fputs(" by sightline ", out);
    sl_html_write_escaped(out, SL_VERSION);
    fputs(" from store <code>", out);
    /* The file name only: a published report must not name the author's
    ** folders (/home/NAME/...). */
    sl_html_write_escaped(out, sl_store_title(a->st));
    /* the promise about camera locations only where there are some */
    json_t *layers = json_object_get(a->summary, "layers");
    if (sl_json_int(layers, "posts") > 0 || sl_json_int(layers, "cameras") > 0)
        fprintf(out, "</code>. Camera and post locations are shown only as hexagons holding at least %u distinct camera locations%s.</p>\n</header>\n",
                a->o.k, a->o.exact ? " — except where this report shows exact locations (see warning)" : "");
    else fputs("</code>.</p>\n</header>\n", out);
}

/* The lead: the key figure, its share and date, short enough to quote,
** before anything else; right under it, its sources, counts and bounds
** (headlines.c wrote both). */
static void lead(FILE *out, audit *a)
{
    const char *text = json_string_value(json_object_get(a->summary, "lead"));
    const char *notes = json_string_value(json_object_get(a->summary, "lead_notes"));
    if (!text) return;
    fputs("<p class=\"lead\" id=\"lead\">", out);
    sl_html_write_prose(out, text);
    fputs("</p>\n", out);
    if (!notes) return;
    fputs("<p class=\"lead-notes\" id=\"lead-notes\">", out);
    sl_html_write_prose(out, notes);
    fputs("</p>\n", out);
}

/* A state's report: how many posts, cameras and requests it kept to its
** states and left out (collect_scope.c), before any figure built on them. */
static void scope_points(FILE *out, audit *a)
{
    const char *note = sl_json_str(json_object_get(a->summary, "scope"), "points_note");
    if (!note || !*note) return;
    fputs("<p class=\"scope-note\" id=\"scope-points\">", out);
    sl_html_write_prose(out, note);
    fputs("</p>\n", out);
}

static void headlines(FILE *out, audit *a)
{
    size_t i;
    json_t *h;
    json_t *list = json_object_get(a->summary, "headlines");
    int has_lead = json_object_get(a->summary, "lead") != NULL;
    size_t shown = 0;
    /* The lead already says what the partnership headline says. */
    json_array_foreach(list, i, h) shown += !(has_lead && json_object_get(json_object_get(h, "figures"), "share"));
    if (has_lead && !shown) return;
    fputs("<section id=\"headlines\">\n<h2>Key figures</h2>\n<ul class=\"headlines\">\n", out);
    json_array_foreach(list, i, h) {
        if (has_lead && json_object_get(json_object_get(h, "figures"), "share")) continue;
        fputs("<li>", out);
        sl_html_write_prose(out, json_string_value(json_object_get(h, "text")));
        fputs("</li>\n", out);
    }
    /* an empty store never gets here (the audit refuses it): "The store
    ** holds nothing to measure yet" stood over Montana's report, whose store
    ** held the Atlas, the registry and its counties (run of 2026-12-07,
    ** seventh) */
    if (!json_array_size(json_object_get(a->summary, "headlines")))
        fputs("<li>No key figure: <a href=\"#skipped\">Not measured</a> says what this report could not count, "
              "and why.</li>\n", out);
    fputs("</ul>\n</section>\n", out);
}

/* Which area sets the page draws simplified, and by how much: their
** figures are counted on the boundaries as imported, which data/ carries. */
static void map_simplified(FILE *out, audit *a)
{
    json_t *e;
    size_t i, said = 0;
    json_array_foreach(json_object_get(a->summary, "areas"), i, e) {
        double deg = json_number_value(json_object_get(e, "map_simplified_deg"));
        if (deg <= 0) continue;
        double m = deg * 111320; /* a city's outlines move by metres: not "by up to 0 km" */
        fputs(said++ ? "; “" : " Outlines are simplified on this page (“", out);
        sl_html_write_escaped(out, sl_json_str(e, "set"));
        if (m < 1000) fprintf(out, "” by up to %.0f m", m < 10 ? 10 : round(m / 10) * 10);
        else fprintf(out, "” by up to %.0f km", m / 1000);
    }
    if (said)
        fputs("), so a point near a border may seem to lie in the neighbour: the figures are counted on the "
              "boundaries as imported, which <code>data/</code> and <code>report.gpkg</code> carry whole.", out);
}

static void map_section(FILE *out, audit *a, const char *n)
{
    fputs("<section id=\"map-section\">\n<h2>Map</h2>\n"
          "<p class=\"note\">Agencies and sensitive sites are public and drawn exactly.", out);
    map_simplified(out, a);
    json_t *layers = json_object_get(a->summary, "layers"); /* the promise only where there are cameras */
    if (sl_json_int(layers, "posts") > 0 || sl_json_int(layers, "cameras") > 0)
        fprintf(out, " Cameras and posts appear only as counts per hexagon; hexagons with fewer than %u camera "
                "locations are withheld, and a count for an area holding fewer reads “&lt; %u”.", a->o.k, a->o.k);
    if (a->exclusions) /* beside the map, where a reader looks for her street */
        fprintf(out, " Posts and cameras inside %ld circle%s were withheld at their owners’ request: they are in "
                     "no count, and where they are is not said.", a->exclusions, a->exclusions == 1 ? "" : "s");
    fputs(" No map tiles are "
          "loaded: the page makes no network request.</p>\n"
          "<div class=\"map-controls\"><label>Colour areas by <select id=\"metric\"></select></label></div>\n"
          /* the map holds a stop per button, layer and marker: a keyboard
          ** reader jumps past them to its legend */
          "<a class=\"skip\" href=\"#legend\">Skip past the map to its legend</a>\n"
          "<noscript><p class=\"nojs\">The map is drawn by this page's script, and JavaScript is off: it shows the "
          "areas coloured by their figures and, where the data hold them, the camera density hexagons, the sensitive "
          "sites and the agencies. The "
          "areas' figures are in the tables below, and every layer is in the report's <code>data/</code> folder "
          "(CSV and GeoJSON, and <code>report.gpkg</code> for GIS software); <code>README.md</code> beside this page "
          "says what each file holds.</p></noscript>\n"
          "<div id=\"map\" role=\"region\" aria-label=\"Map of areas, camera density, sites and agencies\"></div>\n"
          "<div id=\"legend\" tabindex=\"-1\"></div>\n"
          "<p class=\"note print-only\">On paper the map shows the areas as the page first opens them; the page in a "
          "browser zooms, and <code>data/</code> holds every layer for GIS software.</p>\n</section>\n", out);
    fprintf(out, "<script type=\"application/json\" id=\"sl-map\" nonce=\"%s\">", n);
    json_t *packed = sl_html_map_packed(a->map);
    if (!packed || sl_json_write_for_script(out, packed)) a->bad = 1; /* a cut map fails the step */
    json_decref(packed);
    fputs("</script>\n", out);
}

static void skipped(FILE *out, audit *a)
{
    json_t *list = json_object_get(a->summary, "skipped"), *s;
    size_t i;
    if (!json_array_size(list)) return;
    fputs("<section id=\"skipped\">\n<h2>Not measured</h2>\n<p>This report could not answer these questions "
          "with the data it was given:</p>\n<ul>\n", out);
    json_array_foreach(list, i, s) {
        char name[128];
        snprintf(name, sizeof name, "%s", json_string_value(json_object_get(s, "analysis")));
        name[0] = (char)toupper((unsigned char)name[0]);
        fputs("<li><b>", out);
        sl_html_write_escaped(out, name);
        fputs("</b>: ", out);
        sl_html_write_prose(out, json_string_value(json_object_get(s, "why")));
        fputs("</li>\n", out);
    }
    fputs("</ul>\n</section>\n", out);
}

static void partner_methods(FILE *out, audit *a);

#ifdef SL_HAVE_CMARK
/* The note rendered by cmark, its headings moved under the section's h2.
** cmark's default options drop raw HTML, so only Markdown reaches the page.
** Returns 0 when cmark could not parse or render it. */
static int methods_cmark(FILE *out, const char *md, size_t len)
{
    cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
    if (!doc) return 0;
    cmark_iter *it = cmark_iter_new(doc);
    for (cmark_event_type ev; it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(n) + 2;
            cmark_node_set_heading_level(n, level > 6 ? 6 : level);
        }
    }
    cmark_iter_free(it);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
    cmark_node_free(doc);
    if (!html) return 0;
    /* Code blocks scroll sideways on a phone: focusable, so keys reach them. */
    const char *p = html;
    for (const char *q; (q = strstr(p, "<pre>")); p = q + 5) fprintf(out, "%.*s<pre tabindex=\"0\">", (int)(q - p), p);
    fputs(p, out);
    free(html);
    return 1;
}
#endif

/* The methods note: by cmark when the build has it, else as simple HTML
** (headings, lists, paragraphs; every line escaped: the file is ours, but
** the rule has no exceptions). */
static void methods(FILE *out, audit *a)
{
    size_t len;
    /* The note is the disparity's method: without that analysis it would
    ** explain figures the page does not have. */
    if (!json_array_size(json_object_get(a->summary, "disparity"))) {
        partner_methods(out, a);
        return;
    }
    const char *md = sl_asset_methodology(&len);
    fputs("<section id=\"methods\">\n<h2>Methods</h2>\n<div class=\"methods\">\n", out);
#ifdef SL_HAVE_CMARK
    if (methods_cmark(out, md, len)) {
        fputs("</div>\n</section>\n", out);
        return;
    }
#endif
    int in_list = 0, in_par = 0;
    for (const char *p = md, *end = md + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char line[2048];
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
        p += n + (nl != NULL);
        int blank = line[0] == '\0', item = strncmp(line, "- ", 2) == 0, heading = line[0] == '#';
        if ((blank || heading || item) && in_par) fputs("</p>\n", out), in_par = 0;
        if ((blank || heading || !item) && in_list && !(line[0] == ' ' && !blank)) fputs("</ul>\n", out), in_list = 0;
        if (blank) continue;
        if (heading) {
            int level = 0;
            while (line[level] == '#') level++;
            fprintf(out, "<h%d>", level + 2 > 6 ? 6 : level + 2);
            sl_html_write_prose(out, line + level + (line[level] == ' '));
            fprintf(out, "</h%d>\n", level + 2 > 6 ? 6 : level + 2);
            continue;
        }
        if (item) {
            if (!in_list) fputs("<ul>\n", out), in_list = 1;
            fputs("<li>", out);
            sl_html_write_prose(out, line + 2);
            fputs("\n", out);
            continue;
        }
        if (!in_par && !in_list) fputs("<p>", out), in_par = 1;
        sl_html_write_prose(out, line);
        fputc('\n', out);
    }
    if (in_par) fputs("</p>\n", out);
    if (in_list) fputs("</ul>\n", out);
    fputs("</div>\n</section>\n", out);
}

/* Where the per-area figures leave partnered agencies out: those the
** registry gives no location, and per area set those located in none of
** its areas (collect_spatial.c counts and names them). */
static void partners_left_out(FILE *out, audit *a)
{
    char n[32];
    json_t *m = json_object_get(a->summary, "agencies_map"), *e;
    sl_thousands(json_integer_value(json_object_get(m, "partnered_without_location")), n);
    fprintf(out, " The registry gives %s %s no location: they are on no map and in no area's figure.", n,
            sl_audit_agencies_noun(a, json_integer_value(json_object_get(m, "partnered_without_location"))));
    size_t i;
    json_array_foreach(json_object_get(a->summary, "areas"), i, e) {
        json_t *v = json_object_get(e, "partnered_outside");
        if (!v) continue;
        sl_thousands(json_integer_value(v), n);
        fprintf(out, " %s located %s %s in no area of “", n, sl_audit_agencies_noun(a, json_integer_value(v)),
                json_integer_value(v) == 1 ? "lies" : "lie");
        sl_html_write_escaped(out, sl_json_str(e, "set"));
        fputs("” (a registry point in a lake, the sea or beyond the areas): <code>data/agencies.csv</code> lists "
              "them with no <code>area_id</code>, <code>summary.json</code> names them "
              "(<code>partnered_outside_ori</code>).", out);
    }
}

/* How the partnership figures were made, in a few lines (when the
** disparity's note is not shown). */
static void partner_methods(FILE *out, audit *a)
{
    if (!json_object_get(a->summary, "partnerships")) return;
    fputs("<section id=\"methods\">\n<h2>How these figures were made</h2>\n<div class=\"methods\">\n", out);
    if (sl_audit_partnered(a))
        fputs("<p>Each partnership is a row of the partnership list, kept when its technology matches the one "
              "asked for. It is linked to the agency registry by the agency's name and state; the share of agencies "
              "that partnered counts linked agencies against every agency of the registry (or its city and county "
              "agencies), so partnerships that could not be linked count in the total but not in the share.</p>\n",
              out);
    else /* a face recognition row is no partnership */
        fputs("<p>Each record is a row of the list, kept when its technology matches the one asked for (every row "
              "when none was asked for). It is linked to the agency registry by the agency's name and state; the "
              "share of agencies with the technology on record counts linked agencies against every agency of the "
              "registry (or its city and county agencies), so records that could not be linked count in the total "
              "but not in the share.</p>\n", out);
    fputs("<p>By state, an agency counts in the state the registry gives it, against the registry's agencies of "
          "that state: the table by state, <code>data/partnerships_by_state.csv</code> and the layer of "
          "<code>report.gpkg</code> (with each state's registry agencies beside it) hold the same figures.</p>\n"
          "<p>On the map and in the figures per area, an agency counts in the area that holds its location in the "
          "registry (usually the seat of the agency), so a county sheriff is counted in one county only, and an "
          "agency placed across a state line counts in its registry state and in the county holding its point: "
          "a state's counties need not add up to the state's figure.", out);
    if (json_object_get(a->summary, "agencies_map")) partners_left_out(out, a);
    fputs(" Rates per 100,000 residents use the population given with the boundaries.</p>\n</div>\n</section>\n", out);
}

/* What the import of IN left out of its file, when it did and the store
** counted it: a count of records imported is not the file's whole list. */
static void source_skipped(FILE *out, json_t *in)
{
    json_int_t skipped = json_integer_value(json_object_get(in, "skipped"));
    if (skipped <= 0) return;
    char kept[32], all[32], n[32];
    json_int_t rows = json_integer_value(json_object_get(in, "rows"));
    /* an areas file's records are features, as its import says them */
    const char *unit = !strcmp(sl_json_str(in, "kind"), "areas") ? "features" : "records";
    fprintf(out, "<span class=\"skipped\">%s of the file’s %s %s imported; %s skipped", sl_thousands(rows, kept),
            sl_thousands(rows + skipped, all), unit, sl_thousands(skipped, n));
    const char *why = json_string_value(json_object_get(in, "skipped_why"));
    if (why) fputs(" (", out), sl_html_write_escaped(out, why), fputs(")", out);
    fputs(".</span> ", out);
}

/* One source as a reader credits it: its publisher (linked), the data's
** year and licence; the file it came in last, and the demographics table
** DEMO (NULL: none) its areas were joined to, which one --publisher names.
** The URL was checked at import to be http(s) with nothing that could
** leave the attribute. */
static void source_credit(FILE *out, json_t *in, json_t *demo)
{
    const char *pub = json_string_value(json_object_get(in, "publisher"));
    const char *url = json_string_value(json_object_get(in, "url"));
    const char *year = json_string_value(json_object_get(in, "year"));
    const char *lic = json_string_value(json_object_get(in, "licence"));
    fputs("<li>", out);
    if (url) {
        fputs("<a href=\"", out);
        sl_html_write_escaped(out, url);
        fputs("\" rel=\"noreferrer\">", out);
    }
    if (json_is_true(json_object_get(in, "synthetic"))) fputs("Invented for the demonstration (synthetic data)", out);
    else sl_html_write_escaped(out, pub ? pub : url ? url : "Publisher not recorded");
    if (url) fputs("</a>", out);
    if (year) fputs(", data of ", out), sl_html_write_escaped(out, year);
    fputs(". ", out);
    if (lic) fputs("Licence: ", out), sl_html_write_escaped(out, lic), fputs(". ", out);
    source_skipped(out, in);
    fputs(demo ? "<span class=\"meta\">Files <code>" : "<span class=\"meta\">File <code>", out);
    sl_html_write_escaped(out, json_string_value(json_object_get(in, "file")));
    if (demo) {
        fputs("</code> and <code>", out);
        sl_html_write_escaped(out, json_string_value(json_object_get(demo, "file")));
    }
    fputs("</code></span></li>\n", out);
}

static void provenance(FILE *out, audit *a)
{
    json_t *in;
    size_t i;
    fputs("<section id=\"provenance\">\n<h2>Sources</h2>\n<ul class=\"sources\" id=\"sources\">\n", out);
    json_t *inputs = json_object_get(a->summary, "inputs");
    json_array_foreach(inputs, i, in) {
        json_t *next = json_array_get(inputs, i + 1);
        int demo = next && !strcmp(sl_json_str(next, "kind"), "demographics");
        if (strcmp(sl_json_str(in, "kind"), "demographics")) source_credit(out, in, demo ? next : NULL);
    }
    /* Stacked: on a phone each file is a block under its name, its hash
    ** across it; in columns its 64 characters made every row 20 lines. */
    static const char *const COLS[] = {"file", "kind", "snapshot", "rows", "imported (UTC)", "sha256", NULL};
    fputs("</ul>\n<h3>Files as imported</h3>\n", out);
    sl_html_table_open(out, COLS, 1, "Files as imported");
    json_array_foreach(json_object_get(a->summary, "inputs"), i, in) {
        fputs("<tr class=\"file\">", out);
        sl_html_th_row(out, json_string_value(json_object_get(in, "file")));
        sl_html_td_labelled(out, COLS[1], "kind", json_string_value(json_object_get(in, "kind")));
        /* an areas import's "snapshot" is the set a second import of one
        ** file went into (the store keys sources by it), not a date */
        int areas = !strcmp(sl_json_str(in, "kind"), "areas");
        const char *snapshot = json_string_value(json_object_get(in, "snapshot"));
        /* a dash where a column does not apply: a blank cell reads as a
        ** figure lost (only partnerships have snapshots) */
        sl_html_td_labelled(out, COLS[2], "nowrap", areas || !snapshot || !*snapshot ? "\u2013" : snapshot);
        char rows[32] = "\u2013"; /* a demographics table's rows are not counted */
        if (json_is_integer(json_object_get(in, "rows"))) sl_thousands((long long)json_integer_value(json_object_get(in, "rows")), rows);
        sl_html_td_labelled(out, COLS[3], "num", rows);
        sl_html_td_labelled(out, COLS[4], "when", json_string_value(json_object_get(in, "imported_at")));
        fprintf(out, "<td class=\"sha\" data-label=\"%s\"><code class=\"hash\">", COLS[5]);
        sl_html_write_escaped(out, json_string_value(json_object_get(in, "sha256")));
        fputs("</code></td></tr>\n", out);
    }
    fprintf(out, "</tbody>\n</table></div>\n<p class=\"meta\">sightline %s (commit <code class=\"hash\">%s</code>); random seed %lu; privacy threshold k = %u; "
                 "hexagon edge %.0f m; every figure is in <code>summary.json</code>, every layer in "
                 "<code>data/</code> (CSV, GeoJSON, report.gpkg).",
            SL_VERSION, sl_json_str(a->summary, "sightline_commit"), a->o.seed, a->o.k, a->o.hex_m);
    if (a->exclusions)
        fprintf(out, " Posts and cameras inside %ld circle%s were withheld at their owners’ request: no figure here "
                     "counts them, and where they are is not said.",
                a->exclusions, a->exclusions == 1 ? "" : "s");
    const char *command = json_string_value(json_object_get(a->summary, "command"));
    if (command) { /* from a store holding the files above */
        fprintf(out, " The same figures again, from a store holding the files above%s: <code class=\"command\">",
                a->exclusions ? " and the same exclusions" : "");
        sl_html_write_escaped(out, command);
        fputs("</code>", out);
    }
    fputs("</p>\n</section>\n", out);
}

static void scripts(FILE *out, const char *n)
{
    size_t len;
    const char *js = sl_asset_leaflet_js(&len);
    if (len) {
        fprintf(out, "<script nonce=\"%s\">\n", n);
        fwrite(js, 1, len, out);
        fputs("\n</script>\n", out);
    }
    js = sl_asset_cluster_js(&len);
    if (len) {
        fprintf(out, "<script nonce=\"%s\">\n/* Leaflet.markercluster 1.5.3, copyright 2012 David Leaver, MIT "
                     "licence */\n", n);
        fwrite(js, 1, len, out);
        fputs("\n</script>\n", out);
    }
    js = sl_asset_quiet_js(&len); /* after Leaflet, which it tells to keep still */
    fprintf(out, "<script nonce=\"%s\">\n", n);
    fwrite(js, 1, len, out);
    fputs("\n</script>\n", out);
    js = sl_asset_report_js(&len);
    fprintf(out, "<script nonce=\"%s\">\n", n);
    fwrite(js, 1, len, out);
    fputs("\n</script>\n", out);
}

sl_status sl_audit_write_html(audit *a, sl_error *err)
{
    FILE *out = sl_audit_open(a, "report.html", err);
    if (!out) return err->status;
    char n[33];
    nonce(n);
    head(out, a, n);
    fputs("<body>\n", out);
    fputs("<main>\n", out);
    banners(out, a); /* inside the landmark, so readers that jump by landmark meet them */
    title_block(out, a);
    lead(out, a);
    scope_points(out, a);
    headlines(out, a);
    map_section(out, a, n);
    sl_html_partnerships(out, a);
    sl_html_cameras(out, a);
    sl_html_sites(out, a);
    sl_html_disparity(out, a);
    sl_html_filters(out, a);
    sl_html_areas(out, a);
    skipped(out, a);
    methods(out, a);
    provenance(out, a);
    fputs("</main>\n", out);
    scripts(out, n);
    fputs("</body>\n</html>\n", out);
    return sl_audit_close(out, "report.html", err);
}

sl_status sl_audit_write_summary(audit *a, sl_error *err)
{
    FILE *f = sl_audit_open(a, "summary.json", err);
    if (!f) return err->status;
    int bad = json_dumpf(a->summary, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
    fputc('\n', f);
    if (sl_audit_close(f, "summary.json", err)) return err->status;
    return bad ? sl_fail(err, SL_ENOMEM, "summary.json", 0, "out of memory writing the summary") : SL_OK;
}
