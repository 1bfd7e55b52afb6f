/*
** import.h — reading partnership tables and agency registries into the store.
**
** Each import is one transaction: a file that fails anywhere leaves the store
** exactly as it was. Importing the same bytes (same sha256, same snapshot)
** twice changes nothing and says so; so does a file whose every record the
** store holds already (matched by content key: ORI, Atlas number per
** snapshot; see sl_store_put_agency).
*/
#ifndef SIGHTLINE_IMPORT_H
#define SIGHTLINE_IMPORT_H

#include <stddef.h>
#include "sightline/core/error.h"
#include "sightline/ingest/link.h"
#include "sightline/store/store.h"

/* How a partnership file's columns map to fields. With preset "atlas" the EFF
** Atlas of Surveillance columns are used and the other fields may stay NULL;
** given fields override the preset. */
typedef struct sl_partnership_mapping {
    const char *preset;
    const char *name_col, *state_col, *city_col, *county_col, *type_col;
    const char *tech_col, *vendor_col, *summary_col, *id_col;
    const char *date_col, *date_format;
    const char *url_col;  /* a page documenting each row (atlas: "Link 1"), stored as source_url */
    const char *tech;     /* one technology for every row (e.g. a Ring map export) */
    const char *snapshot; /* YYYY-MM-DD; NULL: a date in the file name, else today */
    int replace;          /* 1: remove an earlier import of the same bytes and snapshot first */
    sl_progress progress; /* told "rows read", then "rows linked"; may be zeroed */
} sl_partnership_mapping;

/* How many of a directory file's skipped rows an import names. */
#define SL_SKIPPED_SHOWN 5

typedef struct sl_import_result {
    long rows;          /* records read (new + updated + unchanged) */
    long updated;       /* records an earlier import held, with other content: replaced */
    long unchanged;     /* records an earlier import held already, identical */
    int already;        /* 1: nothing changed: the same bytes, or (unchanged == rows) the same records */
    int other_options;  /* 1: refused, these bytes were imported before with other options (needs --replace) */
    int credited;       /* 1: sl_ingest_end recorded a credit the source lacked (also when already) */
    long source_id;
    char imported_at[32]; /* already: when the earlier import was made (UTC, ISO 8601) */
    char snapshot[11];
    char sha256[65];
    long dated_day, dated_month, dated_year, undated; /* start-date precision counts */
    long unparsed_dates;      /* date cells that were no date (preset imports only) */
    long first_unparsed_line;
    long future_dates;        /* start dates certainly after the snapshot date (kept) */
    long first_future_line;
    /* partnerships: where this import's snapshot stands. Every figure counts
    ** the newest snapshot alone, so a few rows of one's own imported as a
    ** snapshot of their own replace the whole list in every figure. */
    int snapshot_today;         /* neither --snapshot nor the file's name dated it: today */
    int snapshot_kept;          /* not given by --snapshot, and these bytes are the store's snapshot of
                                ** that day already: it is theirs (a nightly run of an unchanged file) */
    int snapshot_newest;        /* its snapshot is the newest now: every figure counts it */
    long snapshot_rows;         /* the rows its snapshot holds now (with earlier imports of that day) */
    char previous_snapshot[11]; /* when newest: the newest snapshot before it ("" none) */
    long previous_rows;         /* ... and its rows */
    int snapshot_small;         /* newest, and under half the rows of the previous one */
    /* a file matching records earlier imports hold (a corrected export of
    ** a day's partnerships, of the registry): the records of its snapshot
    ** (the registry) this file lacks, which stay counted, and the other
    ** imports holding them ("2 3") */
    long held_others;
    char held_others_ids[64];
    int held_same_name; /* ... one of them of this file's name: --replace would make the file the list */
    long repaired_polygons;   /* invalid request polygons repaired (OGR MakeValid) */
    long first_repaired_line;
    long latin1_fields; /* fields repaired from latin-1 */
    long short_rows;    /* rows with fewer fields than the header (padded) */
    /* partnerships: rows whose every cell repeats an earlier row of the
    ** file (stored once, not in rows); the first, the row it repeats, and
    ** its record id ("" without an id column) */
    long repeated_rows, first_repeated_line, repeated_of_line;
    char repeated_id[64];
    long no_location;   /* agencies without coordinates; requests without a place (kept, in no area) */
    long first_no_location_line;
    /* requests: the radius column read ("" none), the unit it was read in
    ** ("feet"), and columns named like a radius or its unit left unread */
    char radius_column[64], radius_unit[96], unread_radius[160];
    char crs[64];             /* requests: the CRS a GeoJSON declared, reprojected from; "" none */
    long swapped_like;        /* requests: point rows sl_point_looks_swapped */
    int looks_swapped;        /* requests: most point rows do */
    long zero_zero, first_zero_zero_line; /* requests: points at 0,0, a "no location" placeholder: kept placeless */
    long empty_rows;          /* requests: CSV rows of empty fields only (",,,"); agencies: blank lines: skipped */
    long title_lines;         /* CSV: title lines above the header, skipped (sl_csv_title_lines) */
    char title[128];          /* ... the first one's text */
    char unread_date[64];     /* requests, partnerships: a column named like a date, not read ("" none) */
    char unread_state[64];    /* partnerships: a column named like a state, not read ("" none) */
    long stateless;           /* requests: rows with an agency but no state: linked to no registry agency */
    /* requests: dates like 10/07/2020 read month first without
    ** --date-format; the first, its line; 1 when a second number over 12
    ** shows the file is month first */
    long slash_dates, first_slash_line;
    char slash_example[32];
    int slash_month_first;
    /* requests: --agency-name linked to no registry agency; the registry's
    ** name in that state closest to it ("" none close) */
    char agency_closest[128];
    /* requests: see sl_agency_elsewhere; then agency_closest is "" */
    sl_agency_elsewhere agency_elsewhere;
    long na_cells, first_na_line; /* requests: N/A, NA, -, none in a number column: read as empty */
    /* businesses: rows that repeat an earlier row of the same file (same
    ** name, address, city and state, folded as the directory's repeat check
    ** folds them), kept; the first such line, the line it repeats, its name */
    long file_repeats, first_file_repeat_line, file_repeat_of_line;
    char file_repeat_name[128];
    /* businesses --replace: listings of the replaced imports the new file
    ** still holds (same name, address, city and state), which keep their
    ** number, and those it no longer holds, whose pages say "removed" */
    long listings_kept, listings_dropped;
    /* businesses: websites that are no web address (sl_business_website:
    ** javascript:, ftp:, words), kept as text and never linked */
    long unlinked_websites, first_unlinked_line;
    long coarse_points; /* businesses: listings with a location and no street, shown within about a km */
    char unlinked_example[128];
    /* businesses: rows refused for their own data (a state that is no
    ** postal code, a name alone, a latitude out of range: sl_businesses_parse),
    ** skipped while the others are imported; the first few with their line
    ** (a GeoJSON's feature number) and why */
    long skipped_rows;
    struct { long line; char why[200]; } skipped[SL_SKIPPED_SHOWN];
    /* businesses: the file's columns no field reads ("description, email"),
    ** dropped: said, so that an organiser does not look for them later */
    char unread_columns[200];
    sl_link_stats link;
    /* agencies: the requests without an agency link before it (rows) and
    ** those it linked (sl_link_requests) */
    sl_link_stats request_link;
    /* --replace: the earlier imports it removed first, as `rm` removes one
    ** (the same bytes imported with other options; for areas also the
    ** set's import from another file; for points also the layer's imports
    ** of a file of the same name), so that the summary names them:
    ** id, file name (as recorded) and what went (sl_removal) */
    struct {
        long id;
        char file_name[128];
        sl_removal removal;
    } replaced[8];
    int replaced_count;
    int replaced_more; /* removed past the room in replaced[]: only counted */
} sl_import_result;

sl_status sl_ingest_partnerships(sl_store *st, const char *path, const sl_partnership_mapping *map,
                                 sl_import_result *res, sl_error *err);

/* The same over the bytes DATA[0..len) (copied), named NAME in messages and
** for the snapshot date; for tests and fuzzing, where a file is a detour. */
sl_status sl_ingest_partnerships_buffer(sl_store *st, const char *name, const char *data,
                                        size_t len, const sl_partnership_mapping *map,
                                        sl_import_result *res, sl_error *err);

/* Import a crosswalk of link corrections from PATH: a CSV with a record id
** column (record_id, aos_id or id) and an ori column (an ORI, or "none" /
** empty for no agency). Every record id must be a partnership row's; every
** ORI must be in the registry. The rows are relinked at once (RES->link,
** whose `crosswalk` counts the rows the corrections decided). A source like
** any other: the same bytes twice change nothing, `rm` undoes it. */
sl_status sl_ingest_links(sl_store *st, const char *path, int replace, sl_import_result *res, sl_error *err);

/* Remove the imports IDS[0..n) (sources ids, `sightline info`) in that
** order, in one transaction, as sl_store_remove_source does (records they
** brought go, records they changed go back to the version before them;
** DONE[i], when DONE is not NULL, says what for IDS[i]), then link the
** partnership rows again (LINK receives the new counts) and the requests
** without an agency link (REQUEST_LINK, as sl_link_requests counts).
** SL_EDATA, with nothing changed, when an id is not in the store. Work no file brings
** back goes only when FLAGS say so (else an error naming the option,
** nothing changed): the listings of the source of approved suggestions,
** approved one by one by organisers (SL_REMOVE_APPROVED, else SL_EUSAGE),
** and the edits organisers made in /admin to an import's listings since it
** was imported (SL_REMOVE_DISCARD_EDITS, else SL_EDATA naming how many and
** one). An import an older sightline made, before the store kept the
** versions an import replaces (sl_store_unversioned), may have changed
** records that an earlier import of its kind and snapshot, staying, had
** brought: removing it would delete them, not restore them, so it needs
** SL_REMOVE_FORCE (else SL_EDATA, nothing changed, saying how to undo it
** whole: with the earlier import, whose file is then imported again). */
enum { SL_REMOVE_APPROVED = 1, SL_REMOVE_FORCE = 2, SL_REMOVE_DISCARD_EDITS = 4 };
sl_status sl_ingest_remove(sl_store *st, const long *ids, size_t n, unsigned flags, sl_removal *done,
                           sl_link_stats *link, sl_link_stats *request_link, sl_error *err);

/* SL_EUSAGE, naming the option, unless GIVEN's credit fields (publisher,
** url, licence, year; NULL when not given) can be recorded: a URL is http(s)
** and a year is YYYY or YYYY-YYYY, so a report can link and cite them. */
sl_status sl_ingest_credit_check(const sl_source *given, sl_error *err);

/* Record who published source SOURCE_ID (imported from PATH, SNAPSHOT or
** ""): GIVEN's fields where set, else what PRESET ("atlas", "fbi-cde";
** NULL: none) is known to be, its year the snapshot's or the one year in
** PATH's file name. Records nothing when nothing is known. *CHANGED: 1 if
** the store now holds a credit it did not hold before. */
sl_status sl_ingest_credit(sl_store *st, long source_id, const char *preset, const char *path,
                           const char *snapshot, const sl_source *given, int *changed, sl_error *err);

/* End the batch an import ran in (sl_store_batch_begin before it; S its
** status, R its result). When it succeeded and brought anything new (not
** every record was in the store already), record its source's credit
** (sl_ingest_credit, with PRESET, PATH and GIVEN); then commit if the
** import or the credit changed the store (R->credited: the credit did),
** else roll back. A reader (a server watching the store) so sees the
** records and their credit together or neither, and an import of a file
** imported before leaves the store and its generation as they were, unless
** it records a credit that import lacked (an older sightline recorded
** none). Returns S when it failed, else the credit's or the commit's
** status. */
sl_status sl_ingest_end(sl_store *st, sl_status s, sl_import_result *r, const char *preset, const char *path,
                        const sl_source *given, sl_error *err);

/* The preset ("atlas", "fbi-cde") an import was made with (SRC's options)
** when its source holds none of the credit that preset gives: an older
** sightline recorded no credits, and importing the same file again with
** that preset records it, changing nothing else. NULL when SRC has a
** publisher, URL or licence, or no preset that knows one. */
const char *sl_ingest_credit_missing(const sl_source *src);

/* Import an agency registry. preset: "fbi-cde" (the only one for now). */
sl_status sl_ingest_agencies(sl_store *st, const char *path, const char *preset,
                             sl_import_result *res, sl_error *err);

/* The same, telling PROGRESS (may be NULL) "agencies read", then "rows
** linked" as the partnership rows are linked to the larger registry. */
sl_status sl_ingest_agencies_told(sl_store *st, const char *path, const char *preset, const sl_progress *progress,
                                  sl_import_result *res, sl_error *err);

#endif
