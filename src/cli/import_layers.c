/*
** import_layers.c — `sightline import areas|posts|cameras|sites FILE ...`:
** flags, and the printing of what sl_ingest_areas / sl_ingest_points did.
**
** The summary line says how many records came in and, per reason, how many
** did not, so nothing is dropped silently; importing the same bytes again
** with the same options changes nothing and says so, with other options it
** needs --replace (areas: the same bytes into the same set; into another set
** they are another import).
*/
#include "cli.h"
#include "sightline/ingest/import.h"
#include "sightline/ingest/layers.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct layer_args {
    const char *kind, *file, *store;
    const char *category, *set;
    int replace;
    sl_point_columns cols;
    sl_area_options areas;
    sl_source credit; /* --publisher, --url, --licence, --year */
} layer_args;

static void usage_points(const char *kind, FILE *out)
{
    fprintf(out,
            "usage: sightline import %s FILE [options]%s\n"
            "\n"
            "Read %s locations from a CSV/PSV/TSV (plain or .gz), GeoJSON, NDJSON or\n"
            "OSM Overpass JSON file into the store. Latitude and longitude columns are\n"
            "found by name (lat/latitude/y, lon/lng/long/longitude/x) unless given.\n"
            "Rows without usable coordinates are counted per reason, never dropped\n"
            "silently. A file is refused (exit 1, the store unchanged) when its\n"
            "latitude and longitude look swapped (most rows have |lat| > 90: name the\n"
            "columns the other way round), when none of its --date values is a date,\n"
            "or when its points are in the store already from another import of the\n"
            "layer%s: the same id (when both have ids), else the same place and time,\n"
            "never the place alone. The message names that import; `sightline rm ID`\n"
            "removes it, then the new file is imported. A corrected copy of a file under\n"
            "its name takes --replace instead.%s\n"
            "\n"
            "options:\n"
            "  --lat COL, --lon COL   coordinate columns (or JSON properties)\n"
            "  --id COL               the record's id (default: a column named id)%s\n"
            "  --date COL             ISO 8601 date/time or unix seconds (--time: the same);\n"
            "                         never guessed: a CSV column named date, created... left\n"
            "                         unread is named in a note. Values that are no date are\n"
            "                         named (line, column, value) and kept undated\n"
            "  --date-format F        the --date values' format in strptime conversions, as\n"
            "                         for import requests: %%m/%%d/%%Y, '%%m/%%d/%%Y %%H:%%M'\n"
            "                         (times are UTC)\n"
            "  --text COL             a label or description to keep\n"
            "%s"
            "  --replace              this file was imported before: remove that import\n"
            "                         and import it again (e.g. with corrected columns),\n"
            "                         in one transaction. The earlier import is the same\n"
            "                         bytes, or any import of the layer%s\n"
            "                         of a file of the same name (a corrected copy: other\n"
            "                         rows, same ids), removed as `sightline rm` removes\n"
            "                         it. Records shared with an import of another file\n"
            "                         name (or of standard input, which has none) are\n"
            "                         refused as without --replace\n"
            CLI_CREDIT_HELP
            "  -s, --store PATH       store file (default %s)\n"
            "\n"
            "Exit status: 0 ok, 1 bad input, 2 usage error.\n",
            kind, strcmp(kind, "sites") == 0 ? " --category NAME" : "",
            strcmp(kind, "sites") == 0 ? "sensitive-site" : kind,
            strcmp(kind, "sites") == 0 ? " (and category)" : "",
            strcmp(kind, "sites") == 0 ? ""
                                       : "\nPoints inside an owner's exclusion (`sightline exclude`) are left out\n"
                                         "and counted as withheld.",
            strcmp(kind, "sites") == 0 ? ";\n                         a warning names ids that two sites of the\n"
                                         "                         category share, and empty ones"
                                       : ";\n                         a warning names ids that rows of the file\n"
                                         "                         share",
            strcmp(kind, "sites") == 0 ? "  --category NAME        what the sites are (e.g. ice, clinic, school)\n" : "",
            strcmp(kind, "sites") == 0 ? " (and category)" : "", SL_STORE_DEFAULT);
}

static void usage_areas(FILE *out)
{
    fprintf(out,
            "usage: sightline import areas FILE --set NAME --id FIELD [options]\n"
            "\n"
            "Read polygons (Shapefile, GeoJSON, TopoJSON, GeoPackage, KML) and their\n"
            "demographics into the area set NAME. Geometry is stored in WGS84 lon/lat\n"
            "(no .prj means WGS84); invalid polygons are repaired and counted.\n"
            "\n"
            "options:\n"
            "  --set NAME             name of the area set (required)\n"
            "  --layer L              layer to read when the file has several\n"
            "  --id FIELD             area id: a field, or a template such as\n"
            "                         '{borocode}{ct2010:06}' (:0N pads with zeros)\n"
            "  --name FIELD           area name (field or template)\n"
            "  --pop F --black F --hispanic F --white-nh F --foreign-born F\n"
            "                         demographic fields (counts of people; \"2,773\"\n"
            "                         is read; a group over the population, or\n"
            "                         white-nh + hispanic over it, is refused)\n"
            "  --percent              black..foreign-born are percentages of --pop\n"
            "                         (refused when one is over 100: those are counts)\n"
            "  --demographics CSV     take the demographic columns from CSV instead,\n"
            "  --key COL              joined on this column = area id\n"
            "  --key-width N          left-pad numeric ids and keys with zeros to N\n"
            "                         (FIPS codes that lost their leading zero)\n"
            "  --replace              replace an existing set of the same name, or an\n"
            "                         earlier import of this file into this set (e.g. with\n"
            "                         other options); another set from the same file is a\n"
            "                         separate import and stays\n"
            CLI_CREDIT_HELP
            "  -s, --store PATH       store file (default %s)\n"
            "\n"
            "Exit status: 0 ok, 1 bad input, 2 usage error.\n",
            SL_STORE_DEFAULT);
}

/* Option table: name, where its value goes (NULL for flags). */
static const char **slot_for(layer_args *a, const char *opt, int **flag)
{
    int areas = strcmp(a->kind, "areas") == 0;
    *flag = NULL;
    if (!strcmp(opt, "-s") || !strcmp(opt, "--store")) return &a->store;
    struct { const char *name; const char **slot; } credit[] = {
        {"--publisher", &a->credit.publisher}, {"--url", &a->credit.url}, {"--licence", &a->credit.licence},
        {"--license", &a->credit.licence}, {"--year", &a->credit.year}};
    for (size_t i = 0; i < sizeof credit / sizeof *credit; i++)
        if (!strcmp(opt, credit[i].name)) return credit[i].slot;
    if (areas) {
        struct { const char *name; const char **slot; } t[] = {
            {"--set", &a->set}, {"--layer", &a->areas.layer}, {"--id", &a->areas.id},
            {"--name", &a->areas.name}, {"--pop", &a->areas.pop}, {"--black", &a->areas.black},
            {"--hispanic", &a->areas.hispanic}, {"--white-nh", &a->areas.white_nh},
            {"--foreign-born", &a->areas.foreign_born}, {"--demographics", &a->areas.demographics},
            {"--key", &a->areas.key}};
        for (size_t i = 0; i < sizeof t / sizeof *t; i++)
            if (!strcmp(opt, t[i].name)) return t[i].slot;
        if (!strcmp(opt, "--percent")) *flag = &a->areas.percent;
        if (!strcmp(opt, "--replace")) *flag = &a->replace;
        return NULL;
    }
    if (!strcmp(opt, "--replace")) *flag = &a->replace;
    struct { const char *name; const char **slot; } t[] = {
        {"--lat", &a->cols.lat}, {"--lon", &a->cols.lon}, {"--id", &a->cols.id},
        {"--time", &a->cols.time}, {"--date", &a->cols.time}, {"--date-format", &a->cols.date_format},
        {"--text", &a->cols.text},
        {"--category", &a->category}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (!strcmp(opt, t[i].name)) return t[i].slot;
    return NULL;
}

static int parse_args(layer_args *a, int argc, char **argv)
{
    char cmd[32]; /* the command the help hint names: "import posts", not "posts" */
    snprintf(cmd, sizeof cmd, "import %s", a->kind);
    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (arg[0] != '-' || !arg[1]) {
            if (a->file) return cli_usage_error(cmd, "one FILE only ('%s' and '%s')", a->file, arg);
            a->file = arg;
            continue;
        }
        char name[64];
        const char *eq = strchr(arg, '='), *value = NULL;
        snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
        int *flag;
        if (!strcmp(name, "--key-width") || !strcmp(name, "--threads")) {
            value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            char *end = NULL; /* "5digits" was read as 5 */
            long n = value ? strtol(value, &end, 10) : 0;
            if (!value || end == value || *end || n <= 0 || n > 64)
                return cli_usage_error(cmd, "%s wants a whole number from 1 to 64, not '%s'", name, value ? value : "");
            if (name[2] == 'k') a->areas.key_width = (int)n;
            else a->cols.threads = (int)n;
            continue;
        }
        const char **slot = slot_for(a, name, &flag);
        if (flag) { *flag = 1; continue; }
        if (!slot) return cli_usage_error(cmd, "unknown option '%s' for import %s", name, a->kind);
        value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!value || !*value) return cli_usage_error(cmd, "%s needs a value", name);
        *slot = value;
    }
    if (!a->file) return cli_usage_error(cmd, "import %s needs a FILE", a->kind);
    if (!strcmp(a->kind, "sites") && !a->category)
        return cli_usage_error(cmd, "import sites needs --category NAME");
    if (!strcmp(a->kind, "areas")) {
        if (!a->set) return cli_usage_error(cmd, "import areas needs --set NAME");
        if (a->areas.demographics && !a->areas.key)
            return cli_usage_error(cmd, "--demographics needs --key COLUMN");
        if (a->areas.percent && !a->areas.pop)
            return cli_usage_error(cmd, "--percent needs --pop (the population the percentages are of)");
    }
    return cli_credit_check(cmd, &a->credit);
}

/* The line that says an import changed nothing. */
static void print_already(const layer_args *a, const sl_import_result *r)
{
    char rows[32];
    printf("%s: already imported as %s (source %ld, %s, %s record%s) with the same options; %s\n", a->file,
           a->kind, r->source_id, r->imported_at, sl_thousands(r->rows, rows), r->rows == 1 ? "" : "s",
           r->credited ? CLI_CREDIT_ADDED : "nothing changed");
}

/* ---- points ------------------------------------------------------------- */

/* What was skipped or looked wrong, on stderr: also after a failed import,
** where it may explain the failure. Skipped records explain one only when
** no point was usable or the coordinates look swapped; after any other
** refusal nothing was imported, so nothing was skipped either. */
static void print_point_warnings(const layer_args *a, const sl_point_report *rep, int failed)
{
    cli_title_note(a->file, rep->title_lines, rep->title);
    char lat_buf[4 * sizeof rep->lat_col], lon_buf[4 * sizeof rep->lon_col]; /* column names come from the file */
    const char *lat = cli_term(rep->lat_col, lat_buf, sizeof lat_buf);
    const char *lon = cli_term(rep->lon_col, lon_buf, sizeof lon_buf);
    char v[2][4 * sizeof rep->unparsable_lat];
    int skips_told = !failed || !rep->imported || rep->looks_swapped;
    for (int r = 0; skips_told && r < SL_SKIP_COUNT; r++) {
        if (!rep->skipped[r]) continue;
        char nr[CLI_COUNT_MAX], at[48];
        /* a GeoJSON's or Overpass file's "line" is its feature's number */
        int features = !strcmp(rep->format, "geojson") || !strcmp(rep->format, "overpass");
        snprintf(at, sizeof at, features ? ": feature %ld" : ":%ld", rep->first_line[r]);
        fprintf(stderr, "sightline: %s%s: %s skipped: %s coordinates (first here", a->file, at,
                cli_count(rep->skipped[r], "record", "records", nr), sl_skip_reason_name((sl_skip_reason)r));
        if (r == SL_SKIP_UNPARSABLE && (rep->unparsable_lat[0] || rep->unparsable_lon[0])) /* "32,5", "32.5 N" */
            fprintf(stderr, ": %s '%s', %s '%s'%s", lat, cli_term(rep->unparsable_lat, v[0], sizeof v[0]), lon,
                    cli_term(rep->unparsable_lon, v[1], sizeof v[1]),
                    strchr(rep->unparsable_lat, ',') || strchr(rep->unparsable_lon, ',')
                        ? "; a decimal comma? coordinates need a '.' (32.5, not 32,5)" : "");
        fputs(")\n", stderr);
    }
    if (rep->looks_swapped && !failed) /* refused: the error says it */
        fprintf(stderr, "sightline: %s: warning: %ld of the rows have " SL_SWAP_RULE " (columns %s, %s): "
                "latitude and longitude columns look swapped (use --lat/--lon)\n",
                a->file, rep->swapped_like, lat, lon);
    char tc[4 * sizeof rep->time_col], tv[4 * sizeof rep->bad_time_value], nb[CLI_COUNT_MAX];
    if (rep->bad_time && (rep->timed || !failed)) /* none parsed: the refusal says it */
        fprintf(stderr, "sightline: %s:%ld: warning: %s in column '%s' %s not a date (first here: '%s'); kept "
                "without a date%s\n", a->file, rep->bad_time_line, cli_count(rep->bad_time, "value", "values", nb),
                cli_term(rep->time_col, tc, sizeof tc), rep->bad_time == 1 ? "is" : "are",
                cli_term(rep->bad_time_value, tv, sizeof tv),
                a->cols.date_format ? "" : "; --date-format F reads other formats (e.g. %m/%d/%Y)");
    if (rep->latin1_fields)
        fprintf(stderr, "sightline: %s: warning: %ld text fields read as latin-1\n", a->file,
                rep->latin1_fields);
    char t[4 * sizeof rep->unread_time];
    const char *col = cli_term(rep->unread_time, t, sizeof t);
    if (rep->unread_time[0] && strcmp(a->kind, "sites") != 0) /* sites are dated by nothing */
        fprintf(stderr, "sightline: %s: note: column '%s' was not read as the %s' date; --date '%s' reads it%s\n",
                a->file, col, a->kind, col, failed ? "" : " (add --replace to import this file again)");
}

/* Sites whose id names no single site of the category, posts or cameras of
** the file that share an id, on stderr. */
static void print_site_warnings(const layer_args *a, const sl_layer_result *res)
{
    char n[2][32], id[4 * sizeof res->file_repeated_example], rows[CLI_COUNT_MAX];
    if (res->file_repeated_ids && a->kind[0] == 's')
        fprintf(stderr, "sightline: %s: warning: %s sites of category %s share their id with another (e.g. '%s'): "
                "each is a site of its own, counted and mapped apart; if rows repeat one place (a list of incidents), "
                "keep one row per place\n", a->file, sl_thousands(res->file_repeated_ids, n[0]),
                a->category ? a->category : "(none)", cli_term(res->file_repeated_example, id, sizeof id));
    else if (res->file_repeated_ids)
        fprintf(stderr, "sightline: %s: warning: %s of this file share their id with another of its rows (e.g. "
                "'%s'): each is counted as a %s of its own; if rows repeat one record, keep one row per record "
                "(then `sightline rm ID` this import and import the file again)\n", a->file,
                cli_count(res->file_repeated_ids, a->kind[0] == 'p' ? "post" : "camera",
                          a->kind[0] == 'p' ? "posts" : "cameras", rows),
                cli_term(res->file_repeated_example, id, sizeof id), a->kind[0] == 'p' ? "post" : "camera");
    if (res->empty_ids)
        fprintf(stderr, "sightline: %s: warning: %s sites of category %s have an empty id; tables and the "
                "report tell them apart by name and place only\n", a->file, sl_thousands(res->empty_ids, n[1]),
                a->category ? a->category : "(none)");
    if (res->unnamed && res->unnamed == res->sites)
        fprintf(stderr, "sightline: %s: warning: none of the %s sites of category %s has an id or a label (no "
                "column named id, and no --text): tables list them unnamed; --id COL and --text COL name them "
                "(add --replace to import this file again)\n", a->file, sl_thousands(res->sites, n[0]),
                a->category ? a->category : "(none)");
    else if (res->unnamed)
        fprintf(stderr, "sightline: %s: warning: %s sites of category %s have neither an id nor a label: tables "
                "list them unnamed\n", a->file, sl_thousands(res->unnamed, n[0]), a->category ? a->category : "(none)");
}

/* The "imported N" line: printed only once the import has committed. */
static void print_point_summary(const layer_args *a, const sl_layer_result *res)
{
    const sl_point_report *rep = &res->points;
    char lat_buf[4 * sizeof rep->lat_col], lon_buf[4 * sizeof rep->lon_col]; /* column names come from the file */
    char n[3][CLI_COUNT_MAX];
    printf("%s: imported %s%s%s from %s (%s; lat=%s lon=%s); skipped %s",
           a->file, cli_layer_count(rep->imported - res->withheld, a->kind, n[0]), a->category ? " of category " : "",
           a->category ? a->category : "", cli_count(rep->rows, "record", "records", n[1]), rep->format,
           cli_term(rep->lat_col, lat_buf, sizeof lat_buf), cli_term(rep->lon_col, lon_buf, sizeof lon_buf),
           sl_thousands(sl_point_report_skipped(rep), n[2]));
    const char *sep = " (";
    for (int r = 0; r < SL_SKIP_COUNT; r++)
        if (rep->skipped[r]) {
            printf("%s%s %s", sep, sl_skip_reason_name((sl_skip_reason)r), sl_thousands(rep->skipped[r], n[0]));
            sep = ", ";
        }
    if (res->withheld) /* counted, never placed: which exclusion is not said either */
        printf("%s; withheld %s inside exclusions at owners' request", sep[0] == ',' ? ")" : "",
               sl_thousands(res->withheld, n[0]));
    if (res->withheld) sep = " (";
    printf("%s; warnings %d\n", sep[0] == ',' ? ")" : "",
           rep->looks_swapped + (rep->bad_time > 0) + (rep->latin1_fields > 0) + (res->empty_ids > 0) +
               (res->unnamed > 0) + (res->file_repeated_ids > 0));
    print_point_warnings(a, rep, 0);
    print_site_warnings(a, res);
}

static int import_points(sl_store *st, const layer_args *a, cli_progress *progress, cli_interrupt *sig)
{
    sl_error err;
    sl_error_clear(&err);
    sl_layer_result res = {0}; /* read on a failure, which may come before the import */
    sl_point_columns cols = a->cols;
    cols.progress = cli_progress_hook(progress); /* a CSV of millions of points is read in 64 MB windows */
    sl_status s = sl_store_batch_begin(st, &err); /* the points and their credit commit together */
    if (!s) s = sl_ingest_points(st, a->kind, a->file, &cols, a->category, a->replace, &res, &err);
    cli_progress_end(progress);
    cli_interrupt_hold(sig);
    sl_status ended = sl_ingest_end(st, s, &res.src, NULL, a->file, &a->credit, &err);
    cli_interrupt_after(sig, a->file, res.src.source_id, !ended && (!res.src.already || res.src.credited));
    if (ended) {
        /* nothing was imported: say why, never "imported N"; a refused
        ** re-import is not explained by the rows it skipped */
        if (s && !res.src.other_options) print_point_warnings(a, &res.points, 1);
        return cli_report(&err);
    }
    cli_print_replaced(&res.src); /* first, as it was done first */
    if (res.src.already) print_already(a, &res.src);
    else print_point_summary(a, &res);
    return CLI_OK;
}

/* ---- areas -------------------------------------------------------------- */

/* " (51610 Falls Church)", or " (e.g. ...)" when COUNT is more than the
** examples LIST names; escaped for the terminal (names come from files). */
static const char *examples(long count, const sl_area_examples *list, char *buf, size_t cap)
{
    char safe[4 * sizeof list->text];
    if (!list->n) return "";
    snprintf(buf, cap, " (%s%s)", list->n < count ? "e.g. " : "", cli_term(list->text, safe, sizeof safe));
    return buf;
}

/* How many demographic values were empty or no number, and where the first
** was: FILE:LINE and column of the table, or the layer's field and area;
** what the files hold is escaped for the terminal. */
static void print_missing(const layer_args *a, const sl_area_report *rep)
{
    char n[CLI_COUNT_MAX], col[4 * sizeof rep->missing_column], area[4 * sizeof rep->missing_area];
    char text[4 * sizeof rep->missing_text], where[4200], what[4 * sizeof rep->missing_text + 32];
    const char *c = cli_term(rep->missing_column, col, sizeof col);
    if (rep->missing_line) snprintf(where, sizeof where, "%s:%ld", a->areas.demographics, rep->missing_line);
    else snprintf(where, sizeof where, "%s", a->file);
    if (rep->missing_text[0])
        snprintf(what, sizeof what, "holds '%s', not a number", cli_term(rep->missing_text, text, sizeof text));
    else snprintf(what, sizeof what, "is empty");
    fprintf(stderr, "sightline: %s: warning: %s missing or not numbers (the first: %s '%s'%s%s%s %s)\n", where,
            cli_count(rep->missing_values, "demographic value", "demographic values", n),
            rep->missing_line ? "column" : "field", c, rep->missing_line ? "" : " of area '",
            rep->missing_line ? "" : cli_term(rep->missing_area, area, sizeof area), rep->missing_line ? "" : "'", what);
}

static void print_area_summary(const layer_args *a, const sl_area_report *rep, double pop)
{
    char layer[4 * sizeof rep->layer]; /* the layer name comes from the file */
    char n[6][CLI_COUNT_MAX], ex[1100];
    printf("%s: imported %s into set '%s' from %s (layer %s%s); skipped %s"
           " (no-geometry %s, not-polygon %s); repaired %s",
           a->file, cli_count(rep->imported, "area", "areas", n[0]), a->set,
           cli_count(rep->features, "feature", "features", n[1]),
           cli_term(rep->layer, layer, sizeof layer),
           rep->assumed_wgs84 ? ", no SRS: WGS84 assumed" : rep->reprojected ? ", reprojected to WGS84" : "",
           sl_thousands(rep->no_geometry + rep->not_polygon, n[2]), sl_thousands(rep->no_geometry, n[3]),
           sl_thousands(rep->not_polygon, n[4]), sl_thousands(rep->repaired, n[5]));
    if (!isnan(pop)) printf("; population %s", sl_thousands(llround(pop), n[0]));
    printf("\n");
    if (rep->repaired)
        fprintf(stderr, "sightline: %s: warning: %s repaired (GEOS MakeValid, structure method)\n", a->file,
                cli_count(rep->repaired, "invalid polygon", "invalid polygons", n[0]));
    if (rep->missing_values) print_missing(a, rep);
    if (rep->no_geometry)
        fprintf(stderr, "sightline: %s: warning: %s no geometry or an empty one, skipped: no figure is given for it%s\n",
                a->file, cli_count(rep->no_geometry, "feature has", "features have", n[0]),
                examples(rep->no_geometry, &rep->skipped_examples, ex, sizeof ex));
    if (rep->no_demographics)
        fprintf(stderr, "sightline: %s: warning: %s no row in %s%s\n", a->file,
                cli_count(rep->no_demographics, "area has", "areas have", n[0]), a->areas.demographics,
                examples(rep->no_demographics, &rep->no_demographics_examples, ex, sizeof ex));
    if (rep->former_rows) /* QuickFacts 2014 keys Kusilvak, AK by its former code */
        fprintf(stderr, "sightline: %s: note: matched %s by a county's former FIPS code: %s\n", a->areas.demographics,
                cli_count(rep->former_rows, "row", "rows", n[0]), rep->former_examples.text);
    if (rep->labels_line)
        fprintf(stderr, "sightline: %s: note: line %ld holds the columns' labels ('%s'), as data.census.gov writes "
                "under its codes: skipped\n", a->areas.demographics, rep->labels_line, rep->labels);
    if (rep->unmatched_rows)
        fprintf(stderr, "sightline: %s: note: %s no area%s\n", a->areas.demographics,
                cli_count(rep->unmatched_rows, "row matched", "rows matched", n[0]),
                examples(rep->unmatched_rows, &rep->unmatched_examples, ex, sizeof ex));
}

static int import_areas(sl_store *st, const layer_args *a, cli_progress *progress, cli_interrupt *sig)
{
    sl_error err;
    sl_error_clear(&err);
    sl_layer_result res = {0}; /* read by sl_ingest_end even when the batch could not begin */
    sl_area_options opt = a->areas;
    opt.progress = cli_progress_hook(progress); /* GDAL reads a national tract file in seconds */
    sl_status s = sl_store_batch_begin(st, &err); /* the areas and their credit commit together */
    if (!s) s = sl_ingest_areas(st, a->set, a->file, &opt, a->replace, &res, &err);
    cli_progress_end(progress);
    cli_interrupt_hold(sig);
    s = sl_ingest_end(st, s, &res.src, NULL, a->file, &a->credit, &err);
    cli_interrupt_after(sig, a->file, res.src.source_id, !s && (!res.src.already || res.src.credited));
    if (s) return cli_report(&err);
    cli_print_replaced(&res.src); /* first, as it was done first */
    if (res.src.already) print_already(a, &res.src);
    else print_area_summary(a, &res.areas, res.population);
    return CLI_OK;
}

int cmd_import_layer(const char *kind, int argc, char **argv)
{
    int is_points = sl_point_layer_valid(kind); /* cmd_import passes areas or a point layer only */
    if (cli_wants_help(argc, argv)) {
        if (is_points) usage_points(kind, stdout);
        else usage_areas(stdout);
        return CLI_OK;
    }
    layer_args a = {.kind = kind, .store = SL_STORE_DEFAULT};
    int code = parse_args(&a, argc, argv);
    if (code) return code;
    cli_progress progress;
    cli_progress_start(&progress, "import");
    cli_interrupt sig; /* Ctrl-C before the commit says nothing was imported */
    cli_interrupt_tell(&sig);
    int absent = cli_store_absent(a.store); /* a refused first import leaves no file */
    sl_store *st = cli_open_store_told(a.store, CLI_STORE_WRITE, &progress, &code);
    if (st) {
        code = is_points ? import_points(st, &a, &progress, &sig) : import_areas(st, &a, &progress, &sig);
        cli_store_close_writer(st, a.store, absent, code != CLI_OK);
    } else {
        cli_store_close_writer(NULL, a.store, absent, 1);
    }
    cli_interrupt_end(&sig);
    return code;
}
