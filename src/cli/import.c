/*
** import.c — `sightline import KIND FILE [options]`.
**
** Partnerships and agencies are handled here; spatial layers (areas, posts,
** cameras, sites, requests) by their own command files.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/core/area.h"
#include "sightline/core/names.h"
#include "sightline/core/points.h"
#include "sightline/ingest/baseline.h"
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/import.h"
#include "sightline/ingest/requests.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* The help of `import`, in parts: `import --help` prints them all, `import
** KIND --help` the usage line, that kind's section and the options. */
static const char *HEAD = "usage: sightline import KIND FILE [options]\n\nkinds:\n";

static const struct { const char *kind, *text; } SECTIONS[] = {
    {"partnerships",
     "  partnerships FILE --preset atlas [--snapshot YYYY-MM-DD]\n"
     "  partnerships FILE --name C --tech TEXT|--tech-col C [--state C]\n"
     "               [--city C] [--county C] [--type C] [--vendor C]\n"
     "               [--summary C] [--id C] [--date C] [--date-format F]\n"
     "               [--snapshot YYYY-MM-DD]\n"
     "      Police surveillance partnerships, one row per agency + technology.\n"
     "      A column option beside --preset atlas names a column a later export\n"
     "      renamed (--preset atlas --type 'Agency Type'); the preset reads the rest.\n"
     "      Start dates keep their precision: day (date column), month (a summary\n"
     "      phrase like \"in July 2020\"), or unknown. The snapshot (the day the\n"
     "      table describes) defaults to a YYYY-MM-DD in the file name, else today\n"
     "      (UTC); bytes the store holds already keep the day they were stored\n"
     "      as, so an unchanged file fetched again changes nothing (exit 0), and\n"
     "      only --snapshot naming another day is refused (with --replace the\n"
     "      file is dated anew). A file sharing record ids (Atlas numbers) with\n"
     "      its snapshot adds to it: the rows it lacks stay counted, and a note\n"
     "      says how many and how to make it the day's whole list; with\n"
     "      --replace a file of the same name as that day's import is its\n"
     "      corrected copy, the whole list: that import goes, the rows with it.\n"
     "      Every figure counts the newest snapshot alone: rows that add to a list\n"
     "      take its day (--snapshot 2020-10-07 adds to the Atlas of that day). A\n"
     "      snapshot dated today, or newest with under half the rows of the one\n"
     "      before it, is imported with a warning saying how to undo it.\n"
     "      --date-format takes strptime conversions, e.g. %m/%d/%Y.\n"
     "      --tech TEXT is every row's technology, for a file of one: a file\n"
     "      whose technology column says another is refused (--tech-col reads\n"
     "      it; `sightline partnerships --tech` is the filter). A state or\n"
     "      date column no option names is said (without a state no row links\n"
     "      to the registry).\n"},
    {"agencies",
     "  agencies FILE --preset fbi-cde\n"
     "      The national agency registry (FBI Crime Data Explorer agency list).\n"
     "      Partnership rows are (re)linked to it after every import, and so are\n"
     "      requests without an agency link (imported before it, or after `rm`\n"
     "      of it), by their agency and state; the summary counts them. A file\n"
     "      of agencies the store holds updates them (by ORI) and adds its others,\n"
     "      never removes one: a note counts the agencies it lacks, which stay\n"
     "      in every share, and says how to make it the whole registry.\n"},
    {"requests",
     "  requests FILE [--agency C] [--state C] [--date C] [--date-format F]\n"
     "               [--lat C] [--lon C] [--radius C] [--radius-unit U]\n"
     "               [--geometry C] [--recipients C] [--videos C] [--id C]\n"
     "               [--agency-name TEXT --agency-state XX]\n"
     "      Police requests for footage: CSV, GeoJSON or NDJSON. A location is a\n"
     "      point, a point + radius, or a polygon (WKT or GeoJSON geometry; a\n"
     "      GeoJSON feature's own geometry). Columns are found by common names\n"
     "      (agency, state, date, lat, lon, radius_m, radius, geometry...).\n"
     "      Radii are stored in metres. A radius column named with its unit\n"
     "      (radius_ft, radius_feet, radius_mi, radius_miles, radius_km) is read\n"
     "      in that unit; --radius-unit m|km|ft|mi gives the whole file's unit;\n"
     "      else a unit column (radius_unit, unit, units) gives it per row (m,\n"
     "      km, ft, mi; anything else is refused); else metres. The summary says\n"
     "      the unit, and names radius-like columns that were not read.\n"
     "      A GeoJSON whose crs member names an EPSG code is reprojected to\n"
     "      WGS84; coordinates outside longitude/latitude are refused. Requests\n"
     "      with no location (or at 0,0, a \"no location\" placeholder) are kept\n"
     "      placeless and counted; blank rows (,,,) are skipped; an unknown\n"
     "      date is an empty cell (PENDING is refused). Rows whose lat/lon\n"
     "      look swapped are warned about, as `import posts` does.\n"
     "      A file of one agency's requests (a public-records export) with no\n"
     "      agency column: --agency-name TEXT --agency-state XX give every row's;\n"
     "      a name the registry holds in another state is told that state.\n"
     "      --agency-state XX alone: the state of a file naming agencies but no\n"
     "      state (the registry matches an agency by its name and state).\n"},
    {"baseline",
     "  baseline DP05.csv [--dp02 DP02.csv] [--geo NAME] [--name NAME]\n"
     "      An ACS data profile as a demographic baseline, stored under NAME\n"
     "      (default 'national'): `disparity --baseline NAME` compares with it,\n"
     "      and `sightline info` lists the names. A state's row of a file of\n"
     "      states: --geo \"New York\" --name ny, then --baseline ny. Foreign\n"
     "      born is in DP02 (--dp02), not DP05: without it the baseline has none.\n"},
    {"links",
     "  links FILE\n"
     "      Corrections to the links from partnership rows to the registry (review\n"
     "      them with `sightline partnerships --links --method fuzzy`): a CSV with a\n"
     "      record id column (record_id, aos_id or id) and an ori column (an ORI,\n"
     "      or none). Rows are relinked at once; `sightline rm ID` undoes it.\n"},
    {"businesses",
     "  businesses FILE\n"
     "      The campaign's directory of Black-owned businesses: CSV or GeoJSON with\n"
     "      name, category, address, city, state, zip, lat/lon, website, phone,\n"
     "      verification (how ownership was verified) and source: a name and at\n"
     "      least one of category, address, website or phone (a list of names\n"
     "      alone is refused). Searched with `sightline businesses`. A listing\n"
     "      without an address is shown only within about a kilometre (its lat/lon\n"
     "      rounded to a hundredth of a degree): the import says how many.\n"
     "      A row naming a business the directory lists already from another import\n"
     "      (the same name, address, city and state, in any case, accents, spacing\n"
     "      or punctuation) refuses the file: remove that import first (`sightline\n"
     "      rm ID`) when this file corrects it. Rows that repeat one another within\n"
     "      the file are kept, each a listing, and counted in a warning.\n"
     "      A row with a problem of its own (a state that is no US postal code, no\n"
     "      name, a name alone, a coordinate out of range) is skipped and named with\n"
     "      its line and why (the first 5, and how many), the others imported (exit\n"
     "      0); a file with no column of a directory, or no row left, is refused.\n"
     "      Fields are trimmed; a state is a US postal code (upper-cased: md is MD;\n"
     "      ZZ skips its row); a website is a web address when it starts with\n"
     "      http:// or https:// in any case or is a host name such as\n"
     "      www.example.org (https:// is put before it), else (javascript:, ftp:,\n"
     "      words) it is kept as text, never linked, and counted in a warning.\n"
     "      The /admin edit form reads every field by the same rules.\n"},
};

static const char *LAYERS =
    "  areas | posts | cameras | sites FILE ...\n"
    "      Spatial layers: `sightline import areas --help` and so on.\n";

static const char *TAIL =
    "\n"
    "FILE may be - (standard input) for every kind; a Shapefile needs a path.\n"
    "On a terminal, a line on standard error shows how far a long import is\n"
    "(points, requests or agencies read, partnership rows read and linked).\n"
    "Ctrl-C stops it with the store as it was: an import is stored whole or\n"
    "not at all.\n"
    "\n"
    "options:\n"
    CLI_CREDIT_HELP
    "  -s, --store PATH   the store (default ./sightline.db)\n"
    "  --replace          partnerships, requests: this file was imported before\n"
    "                     with other options; remove that import and import anew\n"
    "                     (removed as `sightline rm` removes it, by its rules);\n"
    "                     partnerships: also under another snapshot, and the\n"
    "                     snapshot's import of a file of the same name (a\n"
    "                     corrected export of that day: the rows it lacks go);\n"
    "                     posts, cameras, sites: also the layer's imports of a\n"
    "                     file of the same name (a corrected copy);\n"
    "                     businesses: the directory's imports of a file of the\n"
    "                     same name, each listing the file still holds keeping\n"
    "                     its number (its /directory/ address)\n"
    "  -h, --help         this help\n"
    "Column options name a column by its idea (--lat, --date, --id...), the same\n"
    "on every import; the older --lat-col, --date-col... names still work.\n"
    "\n"
    "Importing the same file twice with the same options changes nothing; with\n"
    "other options it needs --replace. Records the store holds already from\n"
    "another file are updated, not stored twice, where a record has a key: an\n"
    "agency by its ORI, a partnership row by its Atlas number in the same\n"
    "snapshot. Posts, cameras and sites have no such key: a file whose points\n"
    "another import of the layer holds already (the same id, or without ids the\n"
    "same place and time) is refused, naming that import; so is a requests file\n"
    "whose requests another import holds (the same agency and id, or without\n"
    "ids the same agency, date and place). `sightline rm ID` removes it before\n"
    "the new file is imported, or, for points, --replace does both for a copy\n"
    "under the earlier file's name. A malformed file is rejected\n"
    "with its file and line, and the store is left exactly as it was.\n";

/* The help of KIND (NULL: of every kind) to OUT. */
static void usage(FILE *out, const char *kind)
{
    if (kind) fprintf(out, "usage: sightline import %s FILE [options]\n\n", kind);
    else fputs(HEAD, out);
    for (size_t i = 0; i < sizeof SECTIONS / sizeof SECTIONS[0]; i++)
        if (!kind || !strcmp(kind, SECTIONS[i].kind)) fputs(SECTIONS[i].text, out);
    if (!kind) fputs(LAYERS, out);
    fputs(TAIL, out);
}

enum { O_PRESET = 256, O_SNAPSHOT, O_NAME, O_STATE, O_CITY, O_COUNTY, O_TYPE, O_TECHCOL,
       O_VENDOR, O_SUMMARY, O_ID, O_DATE, O_DATEFMT, O_TECH, O_AGENCY, O_LAT, O_LON, O_RADIUS,
       O_GEOM, O_RECIP, O_VIDEOS, O_RUNIT, O_DP02, O_GEO, O_BNAME, O_REPLACE, O_PUBLISHER, O_URL, O_LICENCE, O_YEAR,
       O_AGENCY_NAME, O_AGENCY_STATE };

static const struct option OPTIONS[] = {
    {"store", required_argument, 0, 's'},      {"help", no_argument, 0, 'h'},
    {"preset", required_argument, 0, O_PRESET}, {"snapshot", required_argument, 0, O_SNAPSHOT},
    {"name-col", required_argument, 0, O_NAME}, {"state-col", required_argument, 0, O_STATE},
    {"city-col", required_argument, 0, O_CITY}, {"county-col", required_argument, 0, O_COUNTY},
    {"type-col", required_argument, 0, O_TYPE}, {"tech-col", required_argument, 0, O_TECHCOL},
    {"vendor-col", required_argument, 0, O_VENDOR}, {"summary-col", required_argument, 0, O_SUMMARY},
    {"id-col", required_argument, 0, O_ID},     {"date-col", required_argument, 0, O_DATE},
    {"date-format", required_argument, 0, O_DATEFMT}, {"tech", required_argument, 0, O_TECH},
    {"agency-col", required_argument, 0, O_AGENCY}, {"lat-col", required_argument, 0, O_LAT},
    {"lon-col", required_argument, 0, O_LON},   {"radius-col", required_argument, 0, O_RADIUS},
    {"geometry-col", required_argument, 0, O_GEOM}, {"recipients-col", required_argument, 0, O_RECIP},
    {"videos-col", required_argument, 0, O_VIDEOS}, {"dp02", required_argument, 0, O_DP02},
    {"geo", required_argument, 0, O_GEO},       {"name", required_argument, 0, O_BNAME},
    {"replace", no_argument, 0, O_REPLACE},
    {"publisher", required_argument, 0, O_PUBLISHER}, {"url", required_argument, 0, O_URL},
    {"licence", required_argument, 0, O_LICENCE}, {"license", required_argument, 0, O_LICENCE},
    {"year", required_argument, 0, O_YEAR},
    /* the one vocabulary of every import (points take the same): the column
    ** named by the idea, --lat, --date...; the -col names stay as aliases */
    {"lat", required_argument, 0, O_LAT},       {"lon", required_argument, 0, O_LON},
    {"date", required_argument, 0, O_DATE},     {"id", required_argument, 0, O_ID},
    {"agency", required_argument, 0, O_AGENCY}, {"state", required_argument, 0, O_STATE},
    {"city", required_argument, 0, O_CITY},     {"county", required_argument, 0, O_COUNTY},
    {"type", required_argument, 0, O_TYPE},     {"vendor", required_argument, 0, O_VENDOR},
    {"summary", required_argument, 0, O_SUMMARY}, {"radius", required_argument, 0, O_RADIUS},
    {"geometry", required_argument, 0, O_GEOM}, {"recipients", required_argument, 0, O_RECIP},
    {"videos", required_argument, 0, O_VIDEOS}, {"radius-unit", required_argument, 0, O_RUNIT},
    {"agency-name", required_argument, 0, O_AGENCY_NAME}, {"agency-state", required_argument, 0, O_AGENCY_STATE},
    {0, 0, 0, 0}};

typedef struct args {
    const char *store, *preset, *file;
    const char *dp02, *geo, *baseline_name;
    sl_partnership_mapping map;
    sl_request_mapping req;
    sl_source credit; /* --publisher, --url, --licence, --year */
} args;

static int parse(int argc, char **argv, args *a)
{
    int c;
    char cmd[32]; /* the help hint names the whole command: "import partnerships" */
    snprintf(cmd, sizeof cmd, "import %s", argv[0]);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 's': a->store = optarg; break;
        case O_PRESET: a->preset = a->map.preset = optarg; break;
        case O_SNAPSHOT: a->map.snapshot = optarg; break;
        case O_NAME: a->map.name_col = optarg; break;
        case O_STATE: a->map.state_col = a->req.state = optarg; break;
        case O_CITY: a->map.city_col = optarg; break;
        case O_COUNTY: a->map.county_col = optarg; break;
        case O_TYPE: a->map.type_col = optarg; break;
        case O_TECHCOL: a->map.tech_col = optarg; break;
        case O_VENDOR: a->map.vendor_col = optarg; break;
        case O_SUMMARY: a->map.summary_col = optarg; break;
        case O_ID: a->map.id_col = a->req.id = optarg; break;
        case O_DATE: a->map.date_col = a->req.date = optarg; break;
        case O_DATEFMT: a->map.date_format = a->req.date_format = optarg; break;
        case O_TECH: a->map.tech = optarg; break;
        case O_AGENCY: a->req.agency = optarg; break;
        case O_LAT: a->req.lat = optarg; break;
        case O_LON: a->req.lon = optarg; break;
        case O_RADIUS: a->req.radius = optarg; break;
        case O_RUNIT: a->req.radius_unit = optarg; break;
        case O_GEOM: a->req.geometry = optarg; break;
        case O_RECIP: a->req.recipients = optarg; break;
        case O_VIDEOS: a->req.videos = optarg; break;
        case O_AGENCY_NAME: a->req.agency_name = optarg; break;
        case O_AGENCY_STATE: a->req.agency_state = optarg; break;
        case O_DP02: a->dp02 = optarg; break;
        case O_GEO: a->geo = optarg; break;
        case O_BNAME: /* --name: the agency name column of partnerships, a baseline's name */
            if (!strcmp(argv[0], "partnerships")) a->map.name_col = optarg;
            else a->baseline_name = optarg;
            break;
        case O_REPLACE: a->map.replace = a->req.replace = 1; break;
        case O_PUBLISHER: a->credit.publisher = optarg; break;
        case O_URL: a->credit.url = optarg; break;
        case O_LICENCE: a->credit.licence = optarg; break;
        case O_YEAR: a->credit.year = optarg; break;
        case ':': return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default: return cli_bad_option(cmd, c, argv[optind - 1], OPTIONS);
        }
    }
    if (optind != argc - 1) return cli_usage_error(cmd, "give exactly one FILE to import");
    /* asked before the store is opened: a usage error creates no store */
    if (!strcmp(argv[0], "agencies") && !a->preset)
        return cli_usage_error(cmd, "import agencies needs --preset fbi-cde (the one registry format known)");
    a->file = argv[optind];
    if (a->req.agency && a->req.agency_name)
        return cli_usage_error(cmd, "--agency names a column and --agency-name gives every row's agency: give one");
    if (a->req.state && a->req.agency_state)
        return cli_usage_error(cmd, "--state names a column and --agency-state gives every row's state: give one");
    if (a->req.agency_state && !sl_state_known(a->req.agency_state))
        return cli_usage_error(cmd, "--agency-state '%s' is no US postal code (IL, NY, ...)", a->req.agency_state);
    return cli_credit_check(cmd, &a->credit);
}

int cli_credit_check(const char *command, const sl_source *credit)
{
    sl_error err;
    sl_error_clear(&err);
    if (sl_ingest_credit_check(credit, &err)) return cli_usage_error(command, "%s", err.msg);
    return CLI_OK;
}

void cli_credit_hint(FILE *to, const char *lead, const char *why, const sl_source *source)
{
    const char *preset = sl_ingest_credit_missing(source), *layers[2];
    /* the demo's files are invented: no publisher to credit */
    if (!preset || sl_source_invented(source, layers)) return;
    char file[1024];
    fprintf(to, "%sno credit recorded (an older sightline kept none)%s: `sightline import %s %s --preset %s` again"
                " records it, changing nothing else\n",
            lead, why, source->kind, cli_term(source->file_name, file, sizeof file), preset);
}


/* "N new, U updated, K unchanged": records an earlier import held already
** (matched by content key) are told apart from new ones. */
static void print_matched(const sl_import_result *r, const char *what, const char *key)
{
    char n[3][32];
    if (r->updated || r->unchanged)
        printf("  %s new, %s updated, %s %s the store held already (matched by %s)\n",
               sl_thousands(r->rows - r->updated - r->unchanged, n[0]), sl_thousands(r->updated, n[1]),
               sl_thousands(r->unchanged, n[2]), what, key);
}

/* A snapshot that every figure now counts alone, under half the rows of
** the one before it (snapshot_small), or dated today for want of a date
** (snapshot_today): the import may have meant to add rows to a list, or
** to date one; what it did, and how to undo it and do that instead. */
static void print_snapshot_warning(const char *file, const sl_import_result *r)
{
    if (!r->snapshot_small && !r->snapshot_today) return;
    char n[2][CLI_COUNT_MAX];
    fprintf(stderr, "sightline: %s: warning: ", file);
    if (r->snapshot_newest && r->previous_snapshot[0])
        fprintf(stderr, "the snapshot of %s holds %s, against %s in the snapshot of %s, the newest before it; every "
                "figure (partnerships, audit, serve) now counts the snapshot of %s alone%s.%s", r->snapshot,
                cli_count(r->snapshot_rows, "row", "rows", n[0]), sl_thousands(r->previous_rows, n[1]),
                r->previous_snapshot, r->snapshot,
                r->snapshot_small ? ", and a diff between them reads the partnerships it lacks as ended" : "",
                r->snapshot_today ? " " : "\n");
    if (r->snapshot_today)
        fprintf(stderr, "%s dated today, %s, as neither --snapshot nor the file's name gives the day the list "
                "describes.\n", r->snapshot_newest && r->previous_snapshot[0] ? "It is" : "its snapshot is",
                r->snapshot);
    if (r->snapshot_newest && r->previous_snapshot[0])
        fprintf(stderr, "  To add these rows to the list of %s instead: sightline rm %ld, then import the file again "
                "with --snapshot %s.\n", r->previous_snapshot, r->source_id, r->previous_snapshot);
    fprintf(stderr, "  If the file is the whole list of another day: sightline rm %ld, then import it again with "
            "--snapshot YYYY-MM-DD.\n", r->source_id);
}

/* The `rm` that makes a corrected file the whole list, into CMD: of the
** imports holding what the file lacks, and of this one when IMPORTED. */
static void held_rm_command(const sl_import_result *r, int imported, char *cmd, size_t size)
{
    if (imported) snprintf(cmd, size, "sightline rm %ld %s", r->source_id, r->held_others_ids);
    else snprintf(cmd, size, "sightline rm %s", r->held_others_ids);
}

/* A corrected export of a day the store holds: the rows it lacks stay in
** the snapshot (imports of one day add to it), so say how many, and how to
** make the file the day's whole list. IMPORTED: this file's rows landed as
** import r->source_id (else nothing changed and it holds no import). */
static void print_rows_left_out(const char *file, const sl_import_result *r, int imported)
{
    if (!r->held_others) return;
    char n[CLI_COUNT_MAX], cmd[96];
    held_rm_command(r, imported, cmd, sizeof cmd);
    fprintf(stderr, "sightline: %s: note: the snapshot of %s holds %s this file does not (from import%s %s); they "
            "stay, and every figure counts them, as imports of one day add to its list. If this file is the whole "
            "list of %s, corrected: %s, then import it again%s\n", file, r->snapshot,
            cli_count(r->held_others, "row", "rows", n), strchr(r->held_others_ids, ' ') ? "s" : "",
            r->held_others_ids, r->snapshot, cmd,
            r->held_same_name ? " (or import it again with --replace, which does both)" : "");
}

/* The same of a registry file: the agencies it lacks stay in every share's
** denominator, and partnership rows stay linked to them. */
static void print_agencies_left_out(const char *file, const sl_import_result *r, int imported)
{
    if (!r->held_others) return;
    char n[CLI_COUNT_MAX], cmd[96];
    held_rm_command(r, imported, cmd, sizeof cmd);
    fprintf(stderr, "sightline: %s: note: the registry holds %s this file does not (from import%s %s); they stay, "
            "counted among the agencies of every share, as an agencies import updates and adds, never removes. If "
            "this file is the whole registry, corrected: %s, then import it again\n", file,
            cli_count(r->held_others, "agency", "agencies", n), strchr(r->held_others_ids, ' ') ? "s" : "",
            r->held_others_ids, cmd);
}

/* A file of one's own with a state or date column no option named: the
** rows link to no agency and start on no day, and every share is 0. */
static void print_unread(const char *file, const sl_import_result *r)
{
    char c[4 * sizeof r->unread_state], n[2][CLI_COUNT_MAX];
    const char *col;
    if (r->unread_state[0]) {
        col = cli_term(r->unread_state, c, sizeof c);
        fprintf(stderr, "sightline: %s: warning: column '%s' was not read: a row without a state is linked to no "
                "agency of the registry (%s of %s rows linked), so no share counts it; --state '%s' reads it (with "
                "--replace, to import this file again)\n", file, col, sl_thousands(r->link.linked, n[0]),
                sl_thousands(r->link.rows, n[1]), col);
    }
    if (r->unread_date[0]) {
        col = cli_term(r->unread_date, c, sizeof c);
        fprintf(stderr, "sightline: %s: note: column '%s' was not read and every start is unknown: --date '%s' "
                "reads it (and --date-format F, e.g. %%m/%%d/%%Y; with --replace, to import this file again)\n",
                file, col, col);
    }
}

/* Rows the Atlas filed under a state whose county they name is not there,
** while that state's neighbour of a name holds the agency: unlinked, and
** a state's share said "not known" with no word of why (NH's Wall
** Township Police Department is NJ's). The newsroom checks and links them. */
static void print_misfiled(const sl_link_misfiled *m)
{
    if (!m->rows) return;
    char n[CLI_COUNT_MAX];
    printf("  note: %s a county %s state does not have, while an agency of that very name lies in a county so "
           "named in another state, so %s unlinked (first at line %ld): the state is likely wrong in the file. Once "
           "checked, a CSV of these lines under a header record_id,ori links %s (`sightline import links FILE`):\n",
           cli_count(m->rows, "row names", "rows name", n), m->rows == 1 ? "its" : "their",
           m->rows == 1 ? "it stays" : "they stay", m->items[0].line, m->rows == 1 ? "it" : "them");
    for (long i = 0; i < m->rows && i < SL_MISFILED_KEPT; i++) {
        const sl_misfiled_row *k = &m->items[i];
        char id[4 * sizeof k->record_id], ag[4 * sizeof k->agency], st[4 * sizeof k->state], cty[4 * sizeof k->county];
        printf("    %s,%s    line %ld: '%s', %s, %s; the registry's is in %s\n", cli_term(k->record_id, id, sizeof id),
               k->ori, k->line, cli_term(k->agency, ag, sizeof ag), cli_term(k->state, st, sizeof st),
               cli_term(k->county, cty, sizeof cty), k->in_state);
    }
    if (m->rows > SL_MISFILED_KEPT) printf("    and %ld more\n", m->rows - SL_MISFILED_KEPT);
}

static void print_partnerships(const char *file, const sl_import_result *r)
{
    char b[5][32], rows[CLI_COUNT_MAX];
    printf("imported %s from %s (snapshot %s)\n", cli_count(r->rows, "partnership row", "partnership rows", rows), file,
           r->snapshot);
    print_matched(r, "rows", "snapshot and Atlas number");
    printf("  start dates: %s to the day, %s to the month, %s to the year, %s unknown\n",
           sl_thousands(r->dated_day, b[0]), sl_thousands(r->dated_month, b[1]), sl_thousands(r->dated_year, b[2]),
           sl_thousands(r->undated, b[3]));
    char cells[CLI_COUNT_MAX];
    if (r->unparsed_dates)
        printf("  note: %s no single date (e.g. a range; first at line %ld): start unknown\n",
               cli_count(r->unparsed_dates, "date cell is", "date cells are", cells), r->first_unparsed_line);
    /* every row of the store is relinked: beside another import's rows (an
    ** earlier snapshot, the rest of a day) "5,248 of 11,556 rows" under
    ** "imported 5,773" read as this file's */
    int others = r->link.rows != r->rows;
    printf("  linked to the agency registry: %s of %s%s%s rows%s (%s exact, %s tie-broken, %s fuzzy)\n",
           sl_thousands(r->link.linked, b[0]), others ? "the store's " : "", sl_thousands(r->link.rows, b[1]),
           others ? " partnership" : "", others ? ", every snapshot's" : "", sl_thousands(r->link.exact, b[2]),
           sl_thousands(r->link.tiebreak, b[3]), sl_thousands(r->link.fuzzy, b[4]));
    if (r->link.rows == 0) printf("  (import agencies to link rows: sightline import agencies FILE --preset fbi-cde)\n");
    print_misfiled(&r->link.misfiled);
    if (r->future_dates)
        fprintf(stderr, "sightline: %s:%ld: warning: %ld start date%s after the snapshot date %s (first here); "
                "kept as given\n", file, r->first_future_line, r->future_dates, r->future_dates == 1 ? " is" : "s are",
                r->snapshot);
    char n[CLI_COUNT_MAX];
    if (r->latin1_fields)
        printf("  note: %s latin-1 and converted to UTF-8\n",
               cli_count(r->latin1_fields, "field was", "fields were", n));
    if (r->short_rows)
        printf("  note: %s shorter than the header; missing cells are empty\n",
               cli_count(r->short_rows, "row was", "rows were", n));
    char id[4 * sizeof r->repeated_id];
    if (r->repeated_rows)
        printf("  note: %s every cell of an earlier row (first: line %ld%s%s%s repeats line %ld); "
               "stored once, not counted again\n",
               cli_count(r->repeated_rows, "row repeats", "rows repeat", n), r->first_repeated_line,
               r->repeated_id[0] ? ", " : "", cli_term(r->repeated_id, id, sizeof id), r->repeated_id[0] ? "," : "", r->repeated_of_line);
    print_unread(file, r);
    print_snapshot_warning(file, r);
    print_rows_left_out(file, r, 1);
}

/* --agency-name linked to none of --agency-state, while the registry has
** that name in other states: which, as the command that links them. */
static const char *states_joined(const sl_agency_elsewhere *e, const char *last, char *out, size_t size)
{
    int kept = e->count < 12 ? e->count : 12;
    out[0] = '\0';
    for (int k = 0; k < kept; k++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", k == 0 ? "" : k == kept - 1 && e->count == kept ? last : ", ",
                 e->states[k]);
    }
    if (e->count > kept) snprintf(out + strlen(out), size - strlen(out), "%sothers", last);
    return out;
}

static void print_agency_elsewhere(const char *file, const sl_agency_elsewhere *e)
{
    char buf[4 * sizeof e->name], in[80], choice[80] = "";
    const char *name = cli_term(e->name, buf, sizeof buf); /* a name from the store */
    if (e->count > 1) snprintf(choice, sizeof choice, " (%s)", states_joined(e, " or ", in, sizeof in));
    fprintf(stderr, "sightline: %s: warning: --agency-name matched no agency of the registry in %s, so no request is "
            "linked to one; the registry's '%s' is in %s, not %s: `sightline import requests %s --replace "
            "--agency-name '%s' --agency-state %s`%s links them\n", file, e->state, name,
            states_joined(e, " and ", in, sizeof in), e->state, file, name, e->count == 1 ? e->states[0] : "XX", choice);
}

/* A registry imported after requests whose state is wrong: they stay
** unlinked, and the summary's "0 of 40 linked" said nothing of why. */
static void print_requests_elsewhere(const char *file, const sl_link_stats *l)
{
    const sl_agency_elsewhere *e = &l->elsewhere;
    char buf[4 * sizeof e->name], fbuf[4 * sizeof l->elsewhere_file], in[80], n[CLI_COUNT_MAX];
    const char *name = cli_term(e->name, buf, sizeof buf); /* names from the store */
    const char *from = cli_term(l->elsewhere_file, fbuf, sizeof fbuf);
    fprintf(stderr, "sightline: %s: warning: %s of import %ld (%s) %s '%s' in %s, where the registry has no agency of "
            "that name, so %s unlinked; the registry's '%s' is in %s: import %s again with --replace and the "
            "state %s (--agency-state for a file of one agency's requests)\n", file,
            cli_count(l->elsewhere_rows, "request", "requests", n), l->elsewhere_source, from,
            l->elsewhere_rows == 1 ? "names" : "name", name, e->state, l->elsewhere_rows == 1 ? "it stays" : "they stay",
            name, states_joined(e, " and ", in, sizeof in), from,
            e->count == 1 ? e->states[0] : states_joined(e, " or ", in, sizeof in));
}

/* The summary of `import requests` and what looked wrong, on stderr. */
static void print_requests(const char *file, const sl_import_result *r)
{
    char n[3][CLI_COUNT_MAX], col[4 * sizeof r->radius_column], unread[4 * sizeof r->unread_radius];
    char word[4 * sizeof r->unread_date];
    const char *column = cli_term(r->radius_column, col, sizeof col); /* a name from the file */
    printf("imported %s from %s; %s linked to the agency registry", cli_count(r->rows, "request", "requests", n[0]),
           file, sl_thousands(r->link.linked, n[1]));
    if (r->radius_column[0]) printf("; radii from column '%s', read in %s", column, r->radius_unit);
    if (r->no_location) printf("; %s without a location", sl_thousands(r->no_location, n[2]));
    printf("\n");
    if (r->crs[0]) printf("  reprojected from %s (the file's crs member) to WGS84\n", r->crs);
    if (r->slash_dates && !r->slash_month_first) { /* 10/07/2020 alone: either 7 October or 10 July */
        char ex[4 * sizeof r->slash_example];
        fprintf(stderr, "sightline: %s:%ld: note: %s like '%s' (first here) %s read month first (US order); no day is "
                "over 12, so a file written day first would read wrong: then import it again with --replace "
                "--date-format %%d/%%m/%%Y\n", file, r->first_slash_line,
                cli_count(r->slash_dates, "date", "dates", n[2]), cli_term(r->slash_example, ex, sizeof ex),
                r->slash_dates == 1 ? "was" : "were");
    }
    if (r->no_location)
        fprintf(stderr, "sightline: %s:%ld: note: %s no location (no point, radius or polygon; first here): kept, as "
                "the campaign page counts requests by their written state; join and disparity put them in no area\n", file,
                r->first_no_location_line, cli_count(r->no_location, "request has", "requests have", n[2]));
    if (r->zero_zero)
        fprintf(stderr, "sightline: %s:%ld: warning: %s at latitude 0, longitude 0 (first here), what exports write "
                "for no location: kept without a location\n", file, r->first_zero_zero_line,
                cli_count(r->zero_zero, "request lies", "requests lie", n[2]));
    if (r->stateless) /* no state column: "0 linked" said nothing of why */
        fprintf(stderr, "sightline: %s: note: %s no state, so %s linked to no agency of the registry, which matches "
                "an agency by its name and state: --state COLUMN names the file's state column, --agency-state XX "
                "gives every row's (import it again with --replace)\n", file,
                cli_count(r->stateless, "request names an agency but", "requests name an agency but", n[2]),
                r->stateless == 1 ? "it is" : "they are");
    if (r->agency_elsewhere.count) print_agency_elsewhere(file, &r->agency_elsewhere);
    if (r->agency_closest[0]) {
        char buf[4 * sizeof r->agency_closest];
        const char *close = cli_term(r->agency_closest, buf, sizeof buf); /* a name from the store */
        fprintf(stderr, "sightline: %s: warning: --agency-name matched no agency of the registry in that state, so no "
                "request is linked to one; the closest there is '%s': `sightline import requests %s --replace "
                "--agency-name '%s' ...` links them\n", file, close, file, close);
    }
    if (r->unread_date[0])
        fprintf(stderr, "sightline: %s: note: column '%s' was not read and the requests are undated: name it with "
                "--date COL (and --date-format F, e.g. '%%m/%%d/%%Y %%I:%%M %%p')\n", file,
                cli_term(r->unread_date, word, sizeof word));
    if (r->na_cells)
        fprintf(stderr, "sightline: %s:%ld: note: %s N/A, NA, - or none (first here): read as empty\n", file,
                r->first_na_line, cli_count(r->na_cells, "number cell says", "number cells say", n[2]));
    if (r->empty_rows)
        fprintf(stderr, "sightline: %s: note: %s of empty cells skipped\n", file,
                cli_count(r->empty_rows, "row", "rows", n[2]));
    if (r->unread_radius[0])
        fprintf(stderr, "sightline: %s: warning: not read: %s, named like a radius or its unit (%s%s%s); name the "
                "radius column with --radius and its unit with --radius-unit m|km|ft|mi\n", file,
                cli_term(r->unread_radius, unread, sizeof unread),
                r->radius_column[0] ? "radii were read from column '" : "no radius was read",
                r->radius_column[0] ? column : "", r->radius_column[0] ? "'" : "");
    if (r->looks_swapped)
        fprintf(stderr, "sightline: %s: warning: %ld of the rows have " SL_SWAP_RULE ": "
                "latitude and longitude columns look swapped (use --lat/--lon)\n", file, r->swapped_like);
    if (r->repaired_polygons)
        fprintf(stderr, "sightline: %s:%ld: warning: %ld invalid request polygon%s (e.g. self-intersecting) "
                "repaired with GEOS MakeValid, structure method (first here)\n", file, r->first_repaired_line,
                r->repaired_polygons, r->repaired_polygons == 1 ? "" : "s");
}

/* A directory's rows skipped for their own data, the first few at their
** lines (the texts quote the file: escaped for the terminal). */
static void print_skipped(const char *file, const sl_import_result *r)
{
    char why[4 * sizeof r->skipped[0].why];
    for (long i = 0; i < r->skipped_rows && i < SL_SKIPPED_SHOWN; i++)
        fprintf(stderr, "sightline: %s:%ld: warning: row skipped: %s\n", file, r->skipped[i].line,
                cli_term(r->skipped[i].why, why, sizeof why));
}

/* What a directory import brought, and its rows that repeat one another. */
static void print_businesses(const char *file, const sl_import_result *r)
{
    char n[CLI_COUNT_MAX], name[4 * sizeof r->file_repeat_name];
    printf("imported %s from %s", cli_count(r->rows, "business", "businesses", n), file);
    if (r->skipped_rows) printf("; skipped %s", cli_count(r->skipped_rows, "row", "rows", n));
    putchar('\n');
    if (r->replaced_count || r->replaced_more) {
        char d[CLI_COUNT_MAX];
        printf("listings kept at their /directory/ address: %s of the replaced import (the same name, address, city"
               " and state); %s no longer in the file: %s\n",
               cli_count(r->listings_kept, "listing", "listings", n), sl_thousands(r->listings_dropped, d),
               r->listings_dropped == 1 ? "its page now says it was removed" : "their pages now say they were removed");
    }
    print_skipped(file, r);
    if (r->skipped_rows)
        fprintf(stderr, "sightline: %s: warning: %s%s; the others are "
                "imported. Correct %s and import %s in a file of %s own (the whole corrected file, imported again, "
                "would list the others twice: `sightline rm %ld` first)\n", file,
                cli_count(r->skipped_rows, "row skipped for a problem of its own",
                          "rows skipped, each for a problem of its own", n), r->skipped_rows > SL_SKIPPED_SHOWN ? " (the first "
                "5 above)" : "", r->skipped_rows == 1 ? "it" : "them", r->skipped_rows == 1 ? "it" : "them",
                r->skipped_rows == 1 ? "its" : "their", r->source_id);
    if (r->unlinked_websites)
        fprintf(stderr, "sightline: %s:%ld: warning: %s not %s (e.g. '%s'): kept, shown as text and never "
                "linked. A web address starts with https:// or http://, or is a host name such as www.example.org\n",
                file, r->first_unlinked_line, cli_count(r->unlinked_websites, "website is", "websites are", n),
                r->unlinked_websites == 1 ? "a web address" : "web addresses",
                cli_term(r->unlinked_example, name, sizeof name));
    if (r->file_repeats)
        fprintf(stderr, "sightline: %s:%ld: warning: %s an earlier row of this file (the same name, address, city "
                "and state; e.g. line %ld, \"%s\", as line %ld): kept, each a listing of its own. To list each "
                "business once, remove the repeats in /admin (Edit or remove a listing), or take them out of the file, "
                "then `sightline rm %ld` and import it again\n",
                file, r->first_file_repeat_line, cli_count(r->file_repeats, "row repeats", "rows repeat", n),
                r->first_file_repeat_line, cli_term(r->file_repeat_name, name, sizeof name), r->file_repeat_of_line,
                r->source_id);
    if (r->coarse_points)
        fprintf(stderr, "sightline: %s: note: %s no street address: %s shown only within about a kilometre (the "
                "point rounded to a hundredth of a degree), never at %s own point, as a business run from home\n",
                file, cli_count(r->coarse_points, "listing has", "listings have", n),
                r->coarse_points == 1 ? "it is" : "they are", r->coarse_points == 1 ? "its" : "their");
    char cols[4 * sizeof r->unread_columns];
    if (r->unread_columns[0]) /* dropped, not stored: an organiser should not look for them later */
        fprintf(stderr, "sightline: %s: note: columns not read: %s. A listing keeps a name, category, address, city, "
                "state, zip, website, phone, verification, source and a location; the directory stores nothing "
                "else from the file\n", file, cli_term(r->unread_columns, cols, sizeof cols));
}

/* The importer of KIND over A.file into ST. */
static sl_status run_import(const char *kind, sl_store *st, args *a, sl_import_result *r, sl_error *err)
{
    if (strcmp(kind, "agencies") == 0) return sl_ingest_agencies_told(st, a->file, a->preset, &a->map.progress, r, err);
    if (strcmp(kind, "requests") == 0) return sl_ingest_requests(st, a->file, &a->req, r, err);
    if (strcmp(kind, "links") == 0) return sl_ingest_links(st, a->file, a->map.replace, r, err);
    if (strcmp(kind, "businesses") == 0) return sl_ingest_businesses(st, a->file, a->map.replace, r, err);
    if (strcmp(kind, "baseline") == 0)
        return sl_ingest_baseline(st, a->baseline_name ? a->baseline_name : "national", a->file, a->dp02, a->geo, r,
                                  err);
    return sl_ingest_partnerships(st, a->file, &a->map, r, err);
}

int cmd_import(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(argc < 2 ? stderr : stdout, NULL);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    const char *kind = argv[1];
    /* every kind, in the order the help gives them: the first six here, the
    ** spatial layers in import_layers.c */
    static const char *const KINDS[] = {"partnerships", "agencies", "requests", "baseline", "links",
                                        "businesses", "areas", "posts", "cameras", "sites"};
    enum { OWN = 6, NKINDS = sizeof KINDS / sizeof *KINDS };
    size_t k = 0;
    while (k < NKINDS && strcmp(kind, KINDS[k]) != 0) k++;
    if (k == NKINDS) {
        char list[256], hint[96];
        if (kind[0] == '-' || strpbrk(kind, "./")) /* `import FILE`, `import --preset atlas FILE`: left out, not misspelt */
            return cli_usage_error("import", "the kind of data comes right after import, then the file and the "
                                   "options: sightline import KIND FILE [options] (the kinds are: %s)", sl_names_joined(KINDS, NKINDS, list,
                                                                                              sizeof list));
        return cli_usage_error("import", "unknown kind '%s' to import (the kinds are: %s)%s", kind,
                               sl_names_joined(KINDS, NKINDS, list, sizeof list),
                               sl_name_hint(kind, KINDS, NKINDS, hint, sizeof hint));
    }
    if (k >= OWN) return cmd_import_layer(kind, argc - 1, argv + 1);
    if (cli_wants_help(argc, argv)) {
        usage(stdout, kind);
        return CLI_OK;
    }
    args a = {.store = SL_STORE_DEFAULT};
    int rc = parse(argc - 1, argv + 1, &a);
    if (rc) return rc;
    cli_progress progress; /* a national table takes seconds to read and link */
    cli_progress_start(&progress, "import");
    cli_interrupt sig; /* Ctrl-C before the commit says nothing was imported */
    cli_interrupt_tell(&sig);
    int absent = cli_store_absent(a.store); /* a refused first import leaves no file */
    sl_store *st = cli_open_store_told(a.store, CLI_STORE_WRITE, &progress, &rc);
    if (!st) {
        cli_store_close_writer(NULL, a.store, absent, 1);
        cli_interrupt_end(&sig);
        return rc;
    }
    sl_error err;
    sl_error_clear(&err);
    sl_import_result r = {0}; /* read below even when the batch could not begin */
    a.map.progress = a.req.progress = cli_progress_hook(&progress);
    /* The records and their credit commit together: a reader (a server
    ** watching the store) sees both or neither. */
    sl_status s = sl_store_batch_begin(st, &err);
    if (!s) s = run_import(kind, st, &a, &r, &err);
    cli_progress_end(&progress);
    cli_interrupt_hold(&sig);
    s = sl_ingest_end(st, s, &r, a.preset, a.file, &a.credit, &err);
    cli_store_close_writer(st, a.store, absent, s != SL_OK);
    cli_interrupt_after(&sig, a.file, r.source_id, s == SL_OK && (!r.already || r.credited));
    cli_title_note(a.file, r.title_lines, r.title); /* before an error: the columns it names are line 2's */
    /* rows skipped may explain a refusal; a refusal of their one row names it */
    if (s && !strcmp(kind, "businesses") && r.skipped_rows > (r.rows == 0)) print_skipped(a.file, &r);
    if (s) return cli_report(&err);
    cli_print_replaced(&r); /* first, as it was done first */
    char rows[32];
    if (r.already && r.unchanged) {
        printf("every one of the %s %s in %s is in the store already (same %s, same content): nothing changed\n",
               sl_thousands(r.rows, rows), strcmp(kind, "agencies") == 0 ? "agencies" : "rows", a.file,
               strcmp(kind, "agencies") == 0 ? "ORI" : "Atlas number and snapshot");
        if (!strcmp(kind, "partnerships")) print_rows_left_out(a.file, &r, 0);
        else print_agencies_left_out(a.file, &r, 0);
    } else if (r.already)
        printf("%s was imported before (source #%ld, %s rows, same sha256%s%s): %s\n", a.file, r.source_id,
               sl_thousands(r.rows, rows),
               r.snapshot_kept ? ", as the snapshot of " : "", r.snapshot_kept ? r.snapshot : "",
               r.credited ? CLI_CREDIT_ADDED : "nothing changed");
    else if (strcmp(kind, "requests") == 0) print_requests(a.file, &r);
    else if (strcmp(kind, "links") == 0) {
        char n[4][CLI_COUNT_MAX];
        printf("imported %s from %s; partnership rows linked to the registry: %s of %s "
               "(%s decided by corrections)\n",
               cli_count(r.rows, "link correction", "link corrections", n[0]), a.file, sl_thousands(r.link.linked, n[1]), sl_thousands(r.link.rows, n[2]),
               sl_thousands(r.link.crosswalk, n[3]));
    } else if (strcmp(kind, "businesses") == 0) {
        print_businesses(a.file, &r);
    }
    else if (strcmp(kind, "baseline") == 0) {
        /* both files read, as info and the report name both */
        printf("imported baseline '%s' from %s%s%s\n", a.baseline_name ? a.baseline_name : "national", a.file,
               a.dp02 ? " and " : "", a.dp02 ? a.dp02 : "");
        if (!a.dp02) /* disparity then prints n/a for it, and says why */
            printf("  note: no foreign-born share: the ACS gives it in DP02, not DP05 (--dp02 DP02.csv)\n");
    }
    else if (strcmp(kind, "agencies") == 0) {
        char b[2][CLI_COUNT_MAX];
        printf("imported %s from %s (%s without a location)", cli_count(r.rows, "agency", "agencies", b[0]), a.file,
               sl_thousands(r.no_location, b[1]));
        if (r.link.rows)
            printf("; %s of %s partnership rows linked", sl_thousands(r.link.linked, b[0]),
                   sl_thousands(r.link.rows, b[1]));
        if (r.request_link.rows) /* imported before the registry, or after `rm` of it */
            printf("; %s of %s requests without an agency link linked", sl_thousands(r.request_link.linked, b[0]),
                   sl_thousands(r.request_link.rows, b[1]));
        printf("\n");
        if (r.empty_rows)
            fprintf(stderr, "sightline: %s: note: %s skipped\n", a.file, cli_count(r.empty_rows, "blank line", "blank lines", b[0]));
        print_matched(&r, "agencies", "ORI");
        print_agencies_left_out(a.file, &r, 1);
        if (r.request_link.elsewhere_rows) print_requests_elsewhere(a.file, &r.request_link);
    }
    else
        print_partnerships(a.file, &r);
    return CLI_OK;
}
