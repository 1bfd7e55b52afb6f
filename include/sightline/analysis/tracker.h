/*
** tracker.h — the partnership tracker: how many agencies partnered, since
** when, what share of the country's agencies that is, and what changed
** between two snapshots.
**
** Results are jansson objects (json_t) so the CLI's table, its --json and the
** report all print the same figures.
*/
#ifndef SIGHTLINE_TRACKER_H
#define SIGHTLINE_TRACKER_H

#include <jansson.h>
#include "sightline/core/error.h"
#include "sightline/store/store.h"

/* The tracker's results print as JSON with these jansson flags (the CLI's
** --json and the server's /api/partnerships give the same bytes). */
#define SL_TRACKER_JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* The key of a --by month breakdown (`by`, `by_uncertain`) for the rows
** dated only to a year, apart from those of no date ("undated"). */
#define SL_TRACKER_YEAR_ONLY "year only"

typedef struct sl_tracker_query {
    const char *tech;     /* case-insensitive substring of the technology; NULL: all */
    const char *state;    /* postal codes, comma-separated, any case; NULL: all */
    const char *type;     /* case-insensitive substring of the agency type; NULL: all */
    const char *county;   /* case-insensitive substring of the row's county ("Cook"); NULL: all */
    const char *since;    /* YYYY-MM-DD: keep rows that certainly started on or
                          ** after it; rows that may have (known only to the
                          ** month or year) are counted apart as "uncertain" */
    const char *until;    /* YYYY-MM-DD: keep rows that certainly started on or
                          ** before it; a month or year straddling it is
                          ** "uncertain", as under since; undated rows go
                          ** (under since too: no date places them) */
    const char *snapshot; /* YYYY-MM-DD: latest snapshot on or before; NULL: newest */
    const char *by;       /* "year", "month", "state", "type" or "tech": adds "by" */
} sl_tracker_query;

/* What a partnership table counts, as the columns its CSV ends every row
** with (the CLI's --format csv tables, the audit's data/ partnership
** files), so that a file passed on still says it: "snapshot" (SNAPSHOT),
** or for a diff (TO not NULL) "from_snapshot" (SNAPSHOT) and "to_snapshot"
** (TO); then filter_tech, filter_state, filter_type, filter_county,
** filter_since and filter_until for those of Q (NULL: none) given.
** Named filter_*: a row's own "state" or "technology" is another column. Q's snapshot and by are
** not read (SNAPSHOT is the one counted), and a caller passes only the
** filters its table applies. A new object, name -> text in that order
** (jansson keeps it), without empty values or ones not UTF-8 (no cell
** could hold them); NULL when memory runs out. */
json_t *sl_tracker_context(const char *snapshot, const char *to, const sl_tracker_query *q);
/* The same of a diff result DIFF (sl_tracker_diff_states): from_snapshot,
** from_file, to_snapshot, to_file (the file each snapshot was imported
** from: which export "2021-10-07" is), then Q's filters. */
json_t *sl_tracker_diff_context(json_t *diff, const sl_tracker_query *q);

/* Run the tracker. Every filter (tech, state, type, since, until) applies
** to every figure. On success *out is a new JSON object with: snapshot,
** query, total, agencies, linked, unlinked (rows), unlinked_agencies (of
** agencies, those whose rows are linked to no registry agency: no share
** counts them), by_year, undated, since (when
** asked: {date, count, uncertain, month_or_year, and month_or_year_note
** when that is not 0}, of rows, and in it "partnerships", the same
** figures of partnerships (an agency and a technology, as the diff counts
** them) each begun when its earliest row began, with "of" (the
** partnerships) and "further_rows" (rows of the count no partnership
** counted there began with: an agency's second row, a partnership listed
** before); by_year_uncertain and by_uncertain then
** count the uncertain rows per key), until (when asked: {date, count,
** uncertain, month_or_year, undated (rows the other filters keep that no
** date places in the window: left out)}; with since too, both objects'
** count and uncertain are the rows within both dates), by (when asked), by_registry (with
** --by state: per state {agencies, partnered, share} over the registry,
** and where the state's rows are not all linked "unlinked" (rows) and
** "unlinked_note", sl_tracker_unlinked_note's sentence), unlinked_by_state
** (state -> rows not linked, for the states that have some),
** share (list of {denominator, agencies, partnered, share}; empty under a
** type filter, with "share_withheld" saying why, and no by_registry) and
** sources;
** dated_by_source, how many of the dated rows counted carry a date that is
** not the start of use (every technology but Ring, Ring being the rows
** `--tech ring` picks): when it is not 0, their dates say "dated", not
** "started"; dated_by_file, how many of those come from a list other than
** the Atlas (an import without its preset), dated by their file's date
** column (SL_TRACKER_FILE_DATED) rather than by the source the Atlas cites;
** "caveat", a sentence, when until lies after the snapshot's date (a
** snapshot cannot show partnerships begun after it was taken: the counts
** end on its date), and
** "no_match", a sentence listing what the snapshot holds, when tech or type
** matches no row of it (a typo, whose zeros would read as a finding).
** A usage error when a date is not YYYY-MM-DD (sl_tracker_check_day),
** since is after until, since is after the snapshot counted (its count
** would be 0 whatever happened: the message names the snapshot, and the
** newest when another is counted), or a state is not a postal code
** sl_state_known knows. */
sl_status sl_tracker_run(sl_store *st, const sl_tracker_query *q, json_t **out, sl_error *err);

/* The agencies behind sl_tracker_run's "agencies" for the same query (the
** same rows: filtered, and under since those certainly on or after it, as
** the tracker counts them), for a map of them. *out: {snapshot, agencies
** (the tracker's figure), unlinked_agencies (of them, those of rows linked
** to no registry agency), without_location (linked to a registry agency
** that has no location), located: [{ori, name, type, state, county, lon,
** lat, technologies}]}: the rest, in registry order, each with the
** technologies of its rows counted, once each in row order. So
** agencies = located + unlinked_agencies + without_location. Checked and
** refused as sl_tracker_run (Q's "by" is not read). */
sl_status sl_tracker_partners(sl_store *st, const sl_tracker_query *q, json_t **out, sl_error *err);

/* 1 when row P's technology holds TECH as whole words, in any case, a
** plural allowed (NULL: always): the --tech filter's match, wherever rows
** are picked by technology (the tracker, the diff, the report's agency map
** and table by state; tracker_tech.c). */
int sl_tracker_tech_is(const sl_partnership *p, const char *tech);

/* 1 when the rows the --tech filter TECH picks are Ring's partnerships
** (TECH matches Ring's technology, "Ring/Neighbors Partnership"), 0 for
** another technology's rows, or every one's (TECH NULL or empty): a face
** recognition or body camera row is a record, its agency "on record", not
** partnered. The tracker's, the links' and the agency layer's answers
** carry it as "rows_are_partnerships", so the dashboard words its figures
** by the server's rule rather than a copy of it. */
int sl_tracker_tech_partnerships(const char *tech);

/* 1 when row P's state is one of STATES, postal codes comma-separated in any
** case as the store spells them (NULL: always): the --state filter's match,
** wherever rows are picked by state (the tracker, the diff, the audit's
** --state report), so a state's report counts what `partnerships --state`
** counts. */
int sl_tracker_state_is(const sl_partnership *p, const char *states);

/* Give each row of ROWS linked to an agency of REG (which must outlive
** ROWS' use) that agency's state: a linked row is of its agency's state,
** an unlinked one of the state written. The file's state differs only
** where a correction (`import links`) linked a row to another state's
** agency: the Atlas's Wall Township Police Department, filed under NH, is
** NJ's, and counts under NJ in --state, --by state and a state's report. */
void sl_tracker_agency_states(sl_partnership_list *rows, const sl_agency_list *reg);

/* SL_OK when LIST (NULL: not given) is postal codes of US states, DC or
** territories, comma-separated, any case ("IL" or "il,IN"); else a usage
** error naming OPTION ("--state") and, for a state's name given where its
** code goes, the code ("--state California": --state CA). The one check of
** --state for the tracker, the API and the audit. When OUT is not NULL it
** receives the codes as the store spells them (upper case, the registry's
** NB as NE: sl_state_canonical), comma-separated, or "" for NULL; a list
** longer than SIZE is a usage error too. */
sl_status sl_tracker_check_states(const char *option, const char *list, char *out, size_t size, sl_error *err);

/* SL_OK when DATE (NULL: not given) is a day as a query names one
** (sl_date_parse_day: YYYY-MM-DD only); else a usage error naming OPTION
** ("--since") and the form wanted. The one check of every date a person
** gives the tracker, the diff and the audit, on the command line or
** through the API: 06/05/2020 is no day to ask for, whichever it meant. */
sl_status sl_tracker_check_day(const char *option, const char *date, sl_error *err);

/* The sentence said under a list of rows, some of technologies other than
** Ring, whose dates are marked "dated" (dated_by_source), not "started":
** the campaign page says it, with and without JavaScript. */
#define SL_TRACKER_DATED_NOTE                                                                                    \
    "Only a Ring partnership's date is when it started (the “Active Date” of Ring's map). For the other "    \
    "technologies the Atlas of Surveillance gives the date of the article or record it cites, which can come years " \
    "after use began: those dates say when a source reported them, not when use started."

/* How a row of another technology than Ring, from a list other than the
** Atlas (dated_by_file), is dated: its file's date column says a day,
** which may not be a start. Said wherever such rows are counted. */
#define SL_TRACKER_FILE_DATED "dated by the date column of the file they come from, which need not say when use began"

/* The campaign page's sentence under rows of lists other than the Atlas
** of technologies other than Ring (after SL_TRACKER_DATED_NOTE when Atlas
** rows are dated too). */
#define SL_TRACKER_FILE_DATED_NOTE                                                                               \
    "Rows of technologies other than Ring from a list other than the Atlas of Surveillance are " SL_TRACKER_FILE_DATED "."

/* 1 when registry agency A is a city's or a county's (type City or County):
** the agencies of the second share's denominator, "city and county
** agencies", wherever it is counted (the shares, the report's states). */
int sl_tracker_city_or_county(const sl_agency *a);

/* 0 when a share of PARTNERED linked agencies cannot be given: none, while
** UNLINKED rows of the same scope name partnered agencies the registry does
** not hold under those names (DC's Metropolitan Police Department, the
** registry's "Washington Police Department"): "0 of 3, 0%" would say no
** agency there partners. Every share of registry agencies follows it
** (n/a, null). */
int sl_tracker_share_known(long partnered, long unlinked);

/* The sentence said beside a state's share when N (> 0) of its rows are
** not linked to the registry, into OUT: "7 partnership rows in DC are not
** linked to the agency registry, so no share counts them: ...". TECH is
** the --tech the rows were picked by: Ring's rows are partnerships; those
** of another technology, or of every one (TECH NULL or ""), are "records"
** (a face recognition row is no partnership). A share of 0% over such a
** state reads as none where there are some; the CLI, the report, the
** dashboard and the campaign page say this one. */
#define SL_TRACKER_NOTE 200
void sl_tracker_unlinked_note(long n, const char *state, const char *tech, char out[SL_TRACKER_NOTE]);
/* The same sentence as a public page says it, to readers who run no
** command: "7 records in DC could not be matched to an agency of the
** registry, so no share counts them." (the campaign page and its JSON). */
void sl_tracker_unlinked_note_public(long n, const char *state, const char *tech, char out[SL_TRACKER_NOTE]);

/* Of a count since a date of OF rows, the N (> 0) rows dated only to a
** month or year, into OUT: "170 of them dated only to a month or year";
** "all 129 of them ..." when every one is (Ring's since 15 June 2020 in the
** Atlas of 2020-10-07: "129 of them" of 129 read as some), "both of them"
** of two, "dated only to a month or year" of a count of one. Said in parentheses right after the
** count (since.month_or_year_note), so it is never quoted without it: the
** report's lead, the CLI and the dashboard say this one. */
void sl_tracker_coarse_note(long n, long of, char out[SL_TRACKER_NOTE]);

/* Partnerships new, ended and changed (same agency + technology) between the
** snapshots in force at FROM and at TO. TECH filters as in the tracker. An
** ended and a new row of one record (record id: the Atlas number of an
** agency spelt otherwise, or of a technology relabelled) are one changed
** partnership; so is a record in both whose agency, linked to one registry
** agency, is spelt otherwise (changed: agency old -> new).
** *out: {from, to, from_file, to_file (the file each snapshot was imported
** from; "a.csv + b.csv" of several), from_files, to_files (those imports:
** [{file, sha256, imported_at, snapshot, rows, kind}]), new: [...], ended: [...], changed: [...] (rows
** {agency, state, record_id, ori, technology, start, start_precision, vendor, dated_by_source}, by state
** and agency; a linked row is of its agency's state), counts: {new,
** ended, changed, in_from, in_to (the partnerships each snapshot lists),
** rows_from, rows_to (their rows)}}, and "caveat", a sentence, when half or
** more of FROM's partnerships ended: the later snapshot may be a partial
** list, and its counts are no finding (the CLI prints it, the audit says it
** in place of its headline); "rows_note", a sentence, when a snapshot lists
** a partnership in more than one row, whose further rows are neither new nor
** changed (the CLI table and the report print it); "by_state", the same
** counts per state ([{state, new, ended, changed, in_from, in_to, agencies,
** partnered_from, partnered_to, share_from, share_to, unlinked_from,
** unlinked_to}], every registry state (of STATES when given), by the
** states' codes, adding up to the counts, which carry those figures too);
** counts.new_began_{between,before,not_known} and each new row's "began"
** (its start against FROM's day; null for a cited source's date); and
** "ended_note", a sentence, when some ended: the data does not say why. */
sl_status sl_tracker_diff(sl_store *st, const char *from, const char *to, const char *tech,
                          json_t **out, sl_error *err);

/* sl_tracker_diff of the rows of STATES only (sl_tracker_state_is; NULL:
** every state), as `partnerships --state` picks them; the result then
** names them in "states". STATES are checked (sl_tracker_check_states). */
sl_status sl_tracker_diff_states(sl_store *st, const char *from, const char *to, const char *tech, const char *states,
                                 json_t **out, sl_error *err);

/* Rows of the query's snapshot (filtered by tech) not linked to the
** registry: *out is {snapshot, count, rows: [{agency, city, county, state,
** technology, line, file}]}. */
sl_status sl_tracker_unmatched(sl_store *st, const sl_tracker_query *q, json_t **out,
                               sl_error *err);

/* Every link of the query's snapshot (filtered by tech) from a partnership
** row to the registry: *out is {snapshot, method, count, methods: {method:
** rows}, rows: [{line, record_id, agency, city, county, state, technology,
** method, score, ori, registry_name, registry_county, registry_type}]}.
** METHOD (exact, tiebreak, fuzzy, crosswalk or none; NULL: all) keeps those
** rows only; `methods` always counts every row. With AREAS (an area set of
** county FIPS ids), each row also has "areas": the ids of the counties of
** its state that its county or its registry agency's county names, space
** separated (Houston's: "48157 48201 48339"; "" for none), and *out
** "areas": {set, in_none, in_several}, the rows naming no county and
** several. A row naming several counties is in each of them. */
sl_status sl_tracker_links(sl_store *st, const sl_tracker_query *q, const char *method, const char *areas,
                           json_t **out, sl_error *err);

#endif
