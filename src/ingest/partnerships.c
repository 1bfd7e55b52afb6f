/*
** partnerships.c — importing partnership tables (the EFF Atlas of
** Surveillance export, or any table mapped with column options).
**
** Start dates carry their precision: a day from the date column, else a month
** from a summary phrase ("in July 2020"), else unknown. The snapshot date —
** which day the table describes — comes from the caller, a date in the file
** name, or today, in that order.
*/
#include "sightline/core/area.h"
#include "sightline/ingest/import.h"
#include "sightline/io/csv.h"
#include "sightline/core/date.h"
#include "sightline/core/file.h"
#include "sightline/core/names.h"
#include "sightline/core/sha256.h"
#include "source.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Column indexes after the header has been read; -1 = absent. */
typedef struct columns {
    int name, state, city, county, type, tech, vendor, summary, id, date, url;
    int tech_unread; /* a column named like a technology that --tech TEXT overrides */
} columns;

static const sl_partnership_mapping ATLAS = {
    .preset = "atlas",
    .name_col = "Agency",
    .state_col = "State",
    .city_col = "City",
    .county_col = "County",
    .type_col = "Type of LEA",
    .tech_col = "Technology",
    .vendor_col = "Vendor",
    .summary_col = "Summary",
    .id_col = "AOSNUMBER",
    .date_col = "Link 1 Date",
    .url_col = "Link 1", /* the page that documents the row: kept for readers to check it */
};

#define PICK(field) (map->field ? map->field : base->field)

/* Resolve one column; a named column that is missing is an error naming
** OPTION (the one that named it, as `import --help` spells it) and the
** columns the header has. OWN is the option that names the column itself:
** a preset's column a later export renamed ("Type of LEA" as "Agency
** Type") is named with it beside the preset, which the error says. */
static sl_status find_col(sl_csv *csv, const char *name, const char *option, const char *own, int required, int *out,
                          sl_error *err)
{
    *out = -1;
    if (!name) {
        if (required) return sl_fail(err, SL_EUSAGE, sl_csv_name(csv), 1, "a required column option is missing");
        return SL_OK;
    }
    *out = sl_csv_column(csv, name);
    if (*out >= 0) return SL_OK;
    size_t n = sl_csv_header_count(csv);
    const char *const *names = sl_csv_header_names(csv);
    char have[720], hint[96];
    if (strcmp(option, own) != 0) /* the preset's name: its nearest name need not be the renamed column */
        return sl_fail(err, SL_EDATA, sl_csv_name(csv), 1, "%s: no column '%s' (the columns are: %s). An export "
                       "that renamed it: name its column with %s beside the preset, which reads the others (%s %s "
                       "'ITS NAME')", option, name, sl_names_joined(names, n, have, sizeof have), own, option, own);
    return sl_fail(err, SL_EDATA, sl_csv_name(csv), 1, "%s: no column '%s' (the columns are: %s)%s", option, name,
                   sl_names_joined(names, n, have, sizeof have), sl_name_hint(name, names, n, hint, sizeof hint));
}

static sl_status resolve_columns(sl_csv *csv, const sl_partnership_mapping *map, columns *c,
                                 sl_error *err)
{
    static const sl_partnership_mapping NONE = {0};
    const sl_partnership_mapping *base = &NONE;
    if (map->preset) {
        if (strcmp(map->preset, "atlas") != 0)
            return sl_fail(err, SL_EUSAGE, NULL, 0, "unknown preset '%s' (known: atlas)", map->preset);
        base = &ATLAS;
    }
    if (!PICK(name_col))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "say which column names the agency: --preset atlas or --name");
    if (!PICK(tech_col) && !map->tech)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "say the technology: a --tech TEXT for the whole file, or a preset");
    sl_status st = SL_OK;
/* the column FIELD names, by its option OPT, or the preset's */
#define COL(field, opt, required, out) \
    find_col(csv, PICK(field), map->field ? opt : "--preset atlas", opt, required, out, err)
    if (!st) st = COL(name_col, "--name", 1, &c->name);
    if (!st) st = COL(state_col, "--state", 0, &c->state);
    if (!st) st = COL(city_col, "--city", 0, &c->city);
    if (!st) st = COL(county_col, "--county", 0, &c->county);
    if (!st) st = COL(type_col, "--type", 0, &c->type);
    if (!st)
        st = find_col(csv, map->tech ? NULL : PICK(tech_col), map->tech_col ? "--tech-col" : "--preset atlas",
                      "--tech-col", 0, &c->tech, err);
    if (!st) st = COL(vendor_col, "--vendor", 0, &c->vendor);
    if (!st) st = COL(summary_col, "--summary", 0, &c->summary);
    if (!st) st = COL(id_col, "--id", 0, &c->id);
    if (!st) st = COL(date_col, "--date", 0, &c->date);
    /* a preset's URL column may be missing from older exports; a named one may not */
    if (!st) st = map->url_col ? find_col(csv, map->url_col, "--url-col", "--url-col", 0, &c->url, err) : SL_OK;
    if (!st && !map->url_col && base->url_col) c->url = sl_csv_column(csv, base->url_col);
    if (!st && map->preset && sl_csv_column(csv, "Technology") < 0)
        st = sl_fail(err, SL_EDATA, sl_csv_name(csv), 1, "this does not look like an Atlas export");
    return st;
}

static const char *cell(sl_csv *csv, int col) { return col >= 0 ? sl_csv_field(csv, (size_t)col) : NULL; }

/* The first column of CSV named one of NAMES (any case), or holding the
** word PART (any case, at the start of the name or after a character that
** is no letter: "Link 1 Date", "start_date", not "Last Updated") when PART
** is given; -1 when none. */
static int column_like(sl_csv *csv, const char *const *names, const char *part)
{
    for (size_t i = 0, n = sl_csv_header_count(csv); i < n; i++) {
        const char *h = sl_csv_header_name(csv, i);
        for (const char *const *k = names; k && *k; k++)
            if (!strcasecmp(h, *k)) return (int)i;
        for (size_t at = 0; part && h[at]; at++)
            if ((at == 0 || !isalpha((unsigned char)h[at - 1])) && !strncasecmp(h + at, part, strlen(part)))
                return (int)i;
    }
    return -1;
}

/* Columns a file of one's own (no preset) holds that no option named: a state (without
** one no row links to the registry, and every share is 0), a date (every
** start unknown), and a technology that --tech TEXT overrides row by row
** (the Atlas imported with --tech ring became 5,783 Ring rows; a preset's
** too). Said, or for the technology checked on every row (tech_differs). */
static void find_unread(sl_csv *csv, const sl_partnership_mapping *map, columns *c, sl_import_result *res)
{
    static const char *const state[] = {"state", "st", "state code", "state_code", "agency state", "agency_state",
                                        NULL};
    static const char *const tech[] = {"technology", "tech", "technologies", "technology type", "tech type",
                                       "type of technology", NULL};
    int i;
    if (!map->preset && !map->state_col && (i = column_like(csv, state, NULL)) >= 0)
        snprintf(res->unread_state, sizeof res->unread_state, "%s", sl_csv_header_name(csv, (size_t)i));
    if (!map->preset && !map->date_col && (i = column_like(csv, NULL, "date")) >= 0)
        snprintf(res->unread_date, sizeof res->unread_date, "%s", sl_csv_header_name(csv, (size_t)i));
    c->tech_unread = map->tech ? column_like(csv, tech, NULL) : -1;
}

/* 1 when TEXT holds WORD in any case. */
static int holds(const char *text, const char *word)
{
    for (size_t n = strlen(word); *text; text++)
        if (!strncasecmp(text, word, n)) return 1;
    return 0;
}

/* --tech TEXT over a row whose technology column says another technology:
** refused, as every row would be counted as TEXT. */
static sl_status tech_differs(sl_csv *csv, const sl_partnership_mapping *map, const columns *c, sl_error *err)
{
    const char *t = cell(csv, c->tech_unread);
    while (t && isspace((unsigned char)*t)) t++;
    if (!t || !*t || holds(t, map->tech)) return SL_OK;
    const char *col = sl_csv_header_name(csv, (size_t)c->tech_unread);
    return sl_fail(err, SL_EDATA, sl_csv_name(csv), sl_csv_line(csv),
                   "column '%s' says '%.60s', yet --tech %s gives every row the technology '%s': read the column "
                   "with --tech-col '%s' (then `sightline partnerships --tech %s` counts the %s rows); --tech TEXT "
                   "is for a file of one technology without such a column",
                   col, t, map->tech, map->tech, col, map->tech, map->tech);
}

/* Pick the snapshot date: explicit, from the file name, or today (*TODAY
** set: the list's own day is not known). */
static sl_status choose_snapshot(const char *path, const char *given, char out[11], int *today, sl_error *err)
{
    sl_date d;
    *today = 0;
    if (given) {
        if (!sl_date_parse_day(given, &d))
            return sl_fail(err, SL_EUSAGE, NULL, 0, "--snapshot wants " SL_DATE_DAY_FORM ", not '%s'", given);
    } else if (!sl_date_in_name(sl_basename(path), &d)) {
        sl_date_today(&d);
        *today = 1;
    }
    sl_date_format(&d, out);
    return SL_OK;
}

static sl_status snapshot_rows(sl_store *st, const char *snapshot, long *rows, sl_error *err)
{
    sl_partnership_list l;
    if (sl_store_load_partnerships(st, snapshot, &l, err)) return err->status;
    *rows = (long)l.count;
    sl_partnership_list_free(&l);
    return SL_OK;
}

/* Where the imported snapshot stands (RES's snapshot_* fields): when it is
** the newest, every figure counts it alone from now on, and a diff from
** the one before reads what it lacks as ended. Under half the rows of
** that one, it is likelier some rows of one's own, or a partial export,
** than a whole list of its day (a newsroom's 3 rows against the Atlas's
** 5,783): snapshot_small, for a warning that says what to do instead. */
static sl_status place_snapshot(sl_store *st, sl_import_result *res, sl_error *err)
{
    sl_arena arena = {0};
    const char **dates;
    size_t n;
    sl_status s = sl_store_snapshots(st, &arena, &dates, &n, err);
    res->snapshot_newest = !s && n && strcmp(dates[n - 1], res->snapshot) == 0;
    if (!s && res->snapshot_newest) s = snapshot_rows(st, res->snapshot, &res->snapshot_rows, err);
    if (!s && res->snapshot_newest && n >= 2) {
        snprintf(res->previous_snapshot, sizeof res->previous_snapshot, "%s", dates[n - 2]);
        s = snapshot_rows(st, dates[n - 2], &res->previous_rows, err);
        res->snapshot_small = !s && 2 * res->snapshot_rows < res->previous_rows;
    }
    sl_arena_free(&arena);
    return s;
}

/* The start date: the date cell when it gives a day; else a "<Month> <YYYY>"
** phrase in the summary, when the cell gives no year or that same year;
** else whatever the cell gives (a month, a year).
** A cell that is no date at all is an error when the caller named the
** column, and "unknown" (counted) under a preset, whose sources are known to
** hold ranges like "2017-2019" in that column. */
static sl_status read_start(sl_csv *csv, const columns *c, const sl_partnership_mapping *map,
                            sl_partnership *p, sl_import_result *res, sl_error *err)
{
    const char *raw = cell(csv, c->date);
    sl_date phrase;
    memset(&p->start, 0, sizeof p->start);
    p->start_raw = raw;
    if (raw && raw[0] && !sl_date_parse(raw, map->date_format, &p->start)) {
        if (map->date_col || !map->preset)
            return sl_fail(err, SL_EDATA, sl_csv_name(csv), sl_csv_line(csv),
                           "'%s' is not a date%s%s", raw, map->date_format ? " in format " : "",
                           map->date_format ? map->date_format : "");
        if (!res->unparsed_dates++) res->first_unparsed_line = sl_csv_line(csv);
        memset(&p->start, 0, sizeof p->start);
    }
    /* a phrase refines a year the cell gives, never replaces it: of the
    ** Atlas's other technologies the cell is the cited source's date, and
    ** "began using … in December 2013" beside 2014 is an earlier start,
    ** not that source's month (16 rows moved a year so) */
    if (p->start.precision < SL_PREC_MONTH && p->summary && sl_date_from_phrase(p->summary, &phrase) &&
        (p->start.precision < SL_PREC_YEAR || phrase.year == p->start.year))
        p->start = phrase;
    /* A partnership cannot start after the day the table describes: likely a
    ** typo (2030 for 2020); kept as given, but counted for a warning. */
    sl_date snap;
    if (sl_date_parse(res->snapshot, NULL, &snap) && sl_date_certainly_after(&p->start, &snap) &&
        !res->future_dates++)
        res->first_future_line = sl_csv_line(csv);
    if (p->start.precision == SL_PREC_DAY) res->dated_day++;
    else if (p->start.precision == SL_PREC_MONTH) res->dated_month++;
    else if (p->start.precision == SL_PREC_YEAR) res->dated_year++;
    else res->undated++;
    return SL_OK;
}

/* The rows of one file seen so far, by the SHA-256 of all their cells: a
** row exported twice (the Atlas of 2020-10-07 holds AOS5547 on two
** identical lines) would count twice in every figure of rows. Open
** addressing over the digest's first 128 bits. */
typedef struct seen_rows {
    uint64_t (*key)[2];
    long *line;
    size_t n, cap;
} seen_rows;

static void seen_free(seen_rows *r)
{
    free(r->key);
    free(r->line);
}

static uint64_t hex64(const char *hex)
{
    uint64_t v = 0;
    for (int i = 0; i < 16; i++) v = v << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
    return v;
}

/* Room for one more row in R (kept at most half full). */
static int seen_grow(seen_rows *r)
{
    if (2 * (r->n + 1) <= r->cap) return 1;
    seen_rows g = {calloc(r->cap ? 2 * r->cap : 1024, sizeof *g.key), NULL, 0, r->cap ? 2 * r->cap : 1024};
    g.line = calloc(g.cap, sizeof *g.line);
    if (!g.key || !g.line) return seen_free(&g), 0;
    for (size_t i = 0; i < r->cap; i++) {
        if (!r->line[i]) continue;
        size_t j = (size_t)r->key[i][0] & (g.cap - 1);
        while (g.line[j]) j = (j + 1) & (g.cap - 1);
        memcpy(g.key[j], r->key[i], sizeof g.key[j]);
        g.line[j] = r->line[i];
    }
    g.n = r->n;
    seen_free(r);
    *r = g;
    return 1;
}

/* The line of an earlier row of CSV's file whose every cell equals the
** current row's; 0 when none (the row is then remembered as at LINE). */
static sl_status seen_before(seen_rows *r, sl_csv *csv, long line, long *earlier, sl_error *err)
{
    *earlier = 0;
    size_t len = 0, n = sl_csv_nfields(csv);
    for (size_t i = 0; i < n; i++) len += strlen(sl_csv_field(csv, i)) + 1;
    char *row = malloc(len + 1), hex[65];
    if (!row || !seen_grow(r)) return free(row), sl_fail(err, SL_ENOMEM, sl_csv_name(csv), line, "out of memory");
    char *at = row;
    for (size_t i = 0; i < n; i++) at += sprintf(at, "%s\x1f", sl_csv_field(csv, i)); /* unit separator */
    int failed = sl_sha256_buffer(row, len, hex);
    free(row);
    if (failed) return sl_fail(err, SL_ENOMEM, sl_csv_name(csv), line, "out of memory");
    uint64_t k[2] = {hex64(hex), hex64(hex + 16)};
    size_t j = (size_t)k[0] & (r->cap - 1);
    for (; r->line[j]; j = (j + 1) & (r->cap - 1))
        if (r->key[j][0] == k[0] && r->key[j][1] == k[1]) return *earlier = r->line[j], SL_OK;
    memcpy(r->key[j], k, sizeof k);
    r->line[j] = line;
    r->n++;
    return SL_OK;
}

/* Count the current row, at LINE, as a copy of the one at EARLIER. */
static void note_repeat(sl_import_result *res, sl_csv *csv, int id_col, long line, long earlier)
{
    if (!res->repeated_rows++) {
        res->first_repeated_line = line, res->repeated_of_line = earlier;
        snprintf(res->repeated_id, sizeof res->repeated_id, "%s", id_col >= 0 ? sl_csv_field(csv, (size_t)id_col) : "");
    }
}

static int blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    return *s == '\0';
}

static sl_status import_row(sl_store *st, sl_csv *csv, const sl_partnership_mapping *map, const columns *c,
                            sl_import_result *res, sl_error *err);

static sl_status import_rows(sl_store *st, sl_csv *csv, const sl_partnership_mapping *map,
                             const columns *c, sl_import_result *res, sl_error *err)
{
    size_t header = sl_csv_header_count(csv);
    seen_rows seen = {0};
    sl_status s = SL_OK;
    int rc = 0;
    while (!s && (rc = sl_csv_next(csv, err)) == 1) {
        if (sl_csv_nfields(csv) == 1 && sl_csv_field(csv, 0)[0] == '\0') continue; /* blank line */
        if (sl_csv_nfields(csv) > header) {
            s = sl_fail(err, SL_EDATA, sl_csv_name(csv), sl_csv_line(csv),
                        "row has %zu fields but the header has %zu", sl_csv_nfields(csv), header);
            break;
        }
        long earlier;
        s = seen_before(&seen, csv, sl_csv_line(csv), &earlier, err);
        if (!s && earlier) note_repeat(res, csv, c->id, sl_csv_line(csv), earlier);
        else if (!s) s = import_row(st, csv, map, c, res, err);
    }
    seen_free(&seen);
    return s ? s : rc < 0 ? err->status : SL_OK;
}

/* Store the current row of CSV. */
static sl_status import_row(sl_store *st, sl_csv *csv, const sl_partnership_mapping *map, const columns *c,
                            sl_import_result *res, sl_error *err)
{
    if (sl_csv_nfields(csv) < sl_csv_header_count(csv)) res->short_rows++;
    sl_partnership p = {0};
    p.source_id = res->source_id;
    p.line = sl_csv_line(csv);
    p.snapshot = res->snapshot;
    p.agency = cell(csv, c->name);
    if (blank(p.agency))
        return sl_fail(err, SL_EDATA, sl_csv_name(csv), p.line, "row has no agency name");
    char state[64];
    p.state = sl_state_canonical(cell(csv, c->state), state, sizeof state); /* "FL ": FL */
    p.city = cell(csv, c->city);
    p.county = cell(csv, c->county);
    p.agency_type = cell(csv, c->type);
    if (map->tech && c->tech_unread >= 0 && tech_differs(csv, map, c, err)) return err->status;
    p.technology = map->tech ? map->tech : cell(csv, c->tech);
    if (!p.technology[0])
        return sl_fail(err, SL_EDATA, sl_csv_name(csv), p.line, "row has no technology");
    p.vendor = cell(csv, c->vendor);
    p.summary = cell(csv, c->summary);
    p.record_id = cell(csv, c->id);
    p.source_url = cell(csv, c->url);
    if (read_start(csv, c, map, &p, res, err)) return err->status;
    sl_put put;
    if (sl_store_put_partnership(st, &p, &put, err)) return err->status;
    res->rows++;
    if (res->rows % 1024 == 0) sl_progress_tell(&map->progress, "rows read", (uint64_t)res->rows, 0);
    res->updated += put == SL_PUT_UPDATED;
    res->unchanged += put == SL_PUT_SAME;
    return SL_OK;
}

/* A file that matched rows an earlier import of its snapshot holds (a
** corrected export of that day) adds to the snapshot, never removes from
** it: the rows it lacks stay counted in every figure, and "nothing changed"
** alone read as if the file were the list. RES->held_others: how many,
** and the imports they come from, for the summary to say so. */
static sl_status rows_left_out(sl_store *st, const char *path, sl_import_result *res, sl_error *err)
{
    long held = 0;
    if (snapshot_rows(st, res->snapshot, &held, err)) return err->status;
    res->held_others = held > res->rows ? held - res->rows : 0;
    if (!res->held_others) return SL_OK;
    sl_source_list l; /* an import of the day of this file's name: --replace would replace it */
    if (sl_store_load_sources(st, "partnerships", &l, err)) return err->status;
    for (size_t i = 0; i < l.count; i++)
        res->held_same_name |= l.items[i].id != res->source_id && !strcmp(l.items[i].snapshot, res->snapshot) &&
                               l.items[i].file_name && !strcmp(l.items[i].file_name, sl_basename(path));
    sl_source_list_free(&l);
    return sl_import_other_ids(st, "partnerships", res->snapshot, res->source_id, res->held_others_ids,
                               sizeof res->held_others_ids, err);
}

/* A snapshot no --snapshot gave (today's date, or one in the file's name)
** yields to the day these same bytes were stored as: the file a nightly job
** fetches unchanged is the list already held, not a list of a new day (which
** would show no change, and was refused, so the job failed every night). */
static sl_status keep_snapshot(sl_store *st, sl_import_result *res, sl_error *err)
{
    char held[11];
    if (sl_import_snapshot_of(st, "partnerships", res->sha256, held, err)) return err->status;
    if (!held[0] || !strcmp(held, res->snapshot)) return SL_OK;
    snprintf(res->snapshot, sizeof res->snapshot, "%s", held);
    res->snapshot_today = 0;
    res->snapshot_kept = 1;
    return SL_OK;
}

static sl_status import_open(sl_store *st, sl_csv *csv, const char *path,
                             const sl_partnership_mapping *map, sl_import_result *res,
                             sl_error *err)
{
    columns c = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
    const char *const pairs[][2] = {
        {"preset", map->preset ? map->preset : ""}, {"agency", map->name_col}, {"state", map->state_col},
        {"city", map->city_col},        {"county", map->county_col},      {"type", map->type_col},
        {"technology", map->tech_col},  {"vendor", map->vendor_col},      {"summary", map->summary_col},
        {"id", map->id_col},            {"date", map->date_col},          {"date_format", map->date_format},
        {"url", map->url_col},
        {"tech", map->tech}};
    char *options = sl_import_options(pairs, sizeof pairs / sizeof pairs[0]);
    if (!options) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    sl_status s = sl_ingest_read_header(csv, res, err);
    if (!s) s = resolve_columns(csv, map, &c, err);
    if (!s) find_unread(csv, map, &c, res);
    if (!s && !map->snapshot) s = keep_snapshot(st, res, err);
    if (!s && map->replace) s = sl_import_replace_partnerships(st, path, res->sha256, res->snapshot, res, err);
    if (!s)
        s = sl_import_source(st, "partnerships", path, res->sha256, res->snapshot, options, map->replace, res, err);
    free(options);
    if (s || res->already) return s;
    s = import_rows(st, csv, map, &c, res, err);
    /* A table with a header and nothing else is a failed export, not news. */
    if (!s && res->rows == 0) s = sl_fail(err, SL_EDATA, path, 1, "no data rows after the header");
    if (!s && res->updated + res->unchanged > 0) s = rows_left_out(st, path, res, err);
    if (!s && res->unchanged == res->rows) {
        res->already = 1; /* every row is in the store already: the caller rolls back */
        return SL_OK;
    }
    if (!s) s = sl_store_set_source_rows(st, res->source_id, res->rows, err);
    /* the file's line count is not the rows': the Atlas of 2020-10-07 repeats AOS5547 */
    if (!s && res->repeated_rows)
        s = sl_store_set_source_skipped(st, res->source_id, res->repeated_rows,
                                        "a repeat of every cell of an earlier row, stored once", err);
    if (!s) s = sl_link_partnerships_told(st, &res->link, &map->progress, err);
    if (!s) s = place_snapshot(st, res, err);
    res->latin1_fields = sl_csv_latin1_fields(csv);
    return s;
}

/* The import over an opened reader: shared by the file and buffer entries. */
static sl_status import_csv(sl_store *st, sl_csv *csv, const char *path,
                            const sl_partnership_mapping *map, sl_import_result *res,
                            sl_error *err)
{
    memcpy(res->sha256, sl_csv_sha256(csv), sizeof res->sha256);
    sl_status s = sl_store_begin(st, err);
    if (!s) s = import_open(st, csv, path, map, res, err);
    if (!s && !res->already) s = sl_store_commit(st, err);
    if (s || res->already) sl_store_rollback(st);
    sl_csv_close(csv);
    return s;
}

sl_status sl_ingest_partnerships(sl_store *st, const char *path, const sl_partnership_mapping *map,
                                 sl_import_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    sl_status s = choose_snapshot(path, map->snapshot, res->snapshot, &res->snapshot_today, err);
    if (s) return s;
    sl_csv *csv = NULL;
    if ((s = sl_csv_open(path, 0, &csv, err))) return s;
    return import_csv(st, csv, path, map, res, err);
}

sl_status sl_ingest_partnerships_buffer(sl_store *st, const char *name, const char *data,
                                        size_t len, const sl_partnership_mapping *map,
                                        sl_import_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    sl_status s = choose_snapshot(name, map->snapshot, res->snapshot, &res->snapshot_today, err);
    if (s) return s;
    sl_csv *csv = NULL;
    if ((s = sl_csv_open_buffer(name, data, len, 0, &csv, err))) return s;
    return import_csv(st, csv, name, map, res, err);
}
