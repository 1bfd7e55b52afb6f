/*
** points.h — point layers (police posts, cameras, sensitive sites) held as a
** struct of arrays, and what reading a point file reports.
**
** A city's camera registry or a nationwide request log holds millions of
** points; one malloc per point would dominate the run time. Coordinates and
** times live in flat arrays; ids, texts and attributes are NUL-terminated
** strings packed into one buffer and addressed by 32-bit offsets (offset 0 is
** always the empty string), so a whole layer is six allocations.
*/
#ifndef SIGHTLINE_POINTS_H
#define SIGHTLINE_POINTS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "sightline/core/error.h"

/* Time of a point that has none. */
#define SL_TIME_NONE INT64_MIN

typedef struct sl_points {
    size_t n, cap;
    double *lon, *lat;  /* WGS84 degrees */
    int64_t *time;      /* unix seconds (UTC), SL_TIME_NONE when unknown */
    uint32_t *id;       /* offsets into str: the record's own id */
    uint32_t *text;     /* offsets into str: a label or description */
    uint32_t *attrs;    /* offsets into str: extra attributes as a JSON object, or "" */
    uint32_t *source;   /* source id per point: filled by sl_store_load_points, else NULL */
    char *str;          /* packed NUL-terminated strings; str[0] == '\0' */
    size_t str_len, str_cap;
    long source_id;     /* the source a batch came from (for sl_store_add_points) */
    /* Optional (NULL otherwise): the coordinates as whole multiples of 1e-7
    ** degrees, filled by a reader that parsed them that way, and meaningful
    ** only while e7_valid: then (double)lon_e7[i] / 1e7 is lon[i] bit for
    ** bit, so the store can keep them without finding them again. Changing
    ** lon/lat through this API clears e7_valid; code writing lon/lat
    ** directly must clear it too (Debug builds check it when storing). */
    int32_t *lon_e7, *lat_e7;
    int e7_valid;
} sl_points;

/* An empty set (no allocation yet). */
void sl_points_init(sl_points *p);
void sl_points_free(sl_points *p);
/* Empty P but keep its allocations, to fill it again (one chunk after
** another) without allocating. */
void sl_points_clear(sl_points *p);

/* Make room for N more points; SL_ENOMEM on failure. The first reservation
** of an empty set zeroes the id, text and attrs offsets (all ""). */
sl_status sl_points_reserve(sl_points *p, size_t more, sl_error *err);

/* Add a string (LEN bytes, need not be NUL-terminated) to the buffer and
** return its offset; 0 for an empty string; UINT32_MAX when out of memory or
** past the 4 GiB the offsets can address. */
uint32_t sl_points_intern(sl_points *p, const char *s, size_t len);

/* Append one point (strings may be NULL). SL_ENOMEM on failure. */
sl_status sl_points_push(sl_points *p, double lon, double lat, int64_t time, const char *id,
                         const char *text, const char *attrs, sl_error *err);

/* Keep the points I with KEEP[I] nonzero, in their order, and return how
** many went. Their strings stay in the buffer (unreferenced). */
size_t sl_points_keep(sl_points *p, const unsigned char *keep);

/* The strings of point I ("" when absent). */
const char *sl_points_id(const sl_points *p, size_t i);
const char *sl_points_text(const sl_points *p, size_t i);
const char *sl_points_attrs(const sl_points *p, size_t i);

/* Why a row gave no point. Every skipped row is counted under one reason. */
typedef enum sl_skip_reason {
    SL_SKIP_MISSING = 0,  /* empty latitude or longitude */
    SL_SKIP_UNPARSABLE,   /* not a number (or NaN/inf) */
    SL_SKIP_OUT_OF_RANGE, /* |lat| > 90 or |lon| > 180 */
    SL_SKIP_SHORT_ROW,    /* the row ends before the coordinate columns */
    SL_SKIP_NOT_A_POINT,  /* a JSON feature or element that is not a point */
    SL_SKIP_ZERO_ZERO,    /* exactly 0,0: a failed geocode's default, in the Gulf of Guinea */
    SL_SKIP_COUNT
} sl_skip_reason;

/* A stable name for REASON: "missing", "unparsable", "out-of-range", ... */
const char *sl_skip_reason_name(sl_skip_reason reason);

/* What a reader saw, for the summary line and warnings. */
typedef struct sl_point_report {
    long rows;                        /* records read (rows, features, elements) */
    long imported;                    /* points produced */
    long skipped[SL_SKIP_COUNT];      /* rows without a point, per reason */
    long first_line[SL_SKIP_COUNT];   /* first line (or record number) per reason */
    long bad_time;                    /* times that did not parse: kept, time unknown */
    long timed;                       /* times that parsed */
    long bad_time_line;               /* the first unparsed time's line (or record number) */
    char bad_time_value[64];          /* ... and its text (cut to fit) */
    char unparsable_lat[48], unparsable_lon[48]; /* the first unparsable coordinates as written */
    char time_col[64];                /* the time column or key read, "" when none */
    long latin1_fields;               /* id/text fields converted from latin-1 */
    long swapped_like;                /* rows sl_point_looks_swapped */
    long named_seen[3];               /* JSON records holding the named id, text, time */
    int looks_swapped;                /* most rows look like lat/lon are swapped */
    char lat_col[64], lon_col[64];    /* the columns or keys used */
    char unread_time[64];             /* CSV: a column named like a date ("date", "created"), left
                                      ** unread because no time column was given; "" when none */
    char format[16];                  /* "csv", "geojson", "ndjson", "overpass" */
    long title_lines;                 /* CSV: title lines skipped above the header (sl_csv_title_lines) */
    char title[128];                  /* ... the first one's text */
} sl_point_report;

/* Total of skipped[]. */
long sl_point_report_skipped(const sl_point_report *r);

/* Count one skipped row at LINE. */
void sl_point_report_skip(sl_point_report *r, sl_skip_reason reason, long line);

/* Count one time that did not parse: TEXT (LEN bytes) at LINE, kept as the
** example when it is the first. */
void sl_point_report_bad_time(sl_point_report *r, const char *text, size_t len, long line);

/* A row at LINE skipped as unparsable, its coordinates' texts kept (the
** first row's, cut to fit) for the message: "32,529577" says a decimal
** comma where a line number alone says nothing. */
void sl_point_report_unparsable(sl_point_report *r, const char *lat, size_t lat_len, const char *lon, size_t lon_len,
                                long line);

/* Add B's counts into A (readers that split the input merge their parts). */
void sl_point_report_merge(sl_point_report *a, const sl_point_report *b);

/* Set looks_swapped from the counts: more than half of the rows that had
** two numbers look like latitude and longitude are in each other's column. */
void sl_point_report_finish(sl_point_report *r);

/* 1 when LON, LAT is a point of the globe (finite, |lat| <= 90, |lon| <=
** 180): the one test of "placed" for every layer. Readers skip the rest
** (sl_point_check says why); analyses count them as unplaced. */
static inline int sl_point_placed(double lon, double lat)
{
    return isfinite(lon) && isfinite(lat) && fabs(lat) <= 90 && fabs(lon) <= 180;
}

/* 1 when a row's LAT looks like a longitude and LON like a latitude: |lat|
** over 90 with |lon| up to 90, or lat below -60 (Antarctica, where no one
** is policed: a western longitude such as New York's -74 read as a
** latitude). The one rule of every reader; SL_SWAP_RULE says it in words. */
#define SL_SWAP_RULE "|latitude| > 90, or latitude below -60 (Antarctica), with |longitude| <= 90"
static inline int sl_point_looks_swapped(double lat, double lon)
{
    return (fabs(lat) > 90 || lat < -60) && fabs(lon) <= 90;
}

/* Check LAT/LON and classify: returns -1 when usable, else the skip reason. */
int sl_point_check(double lat, double lon);

/* Parse a time: unix seconds ("1425168000", optional sign and fraction,
** fraction dropped) or ISO 8601 ("2015-02-23", "2015-02-23T14:05",
** "2015-02-23 14:05:09.5Z", "...+01:00"). Times without a zone are taken as
** UTC. Returns 1 and sets *out on success, 0 otherwise. */
int sl_parse_time(const char *s, size_t len, int64_t *out);

/* sl_parse_time, or with a FORMAT (strptime conversions, as `import
** requests --date-format`: %m/%d/%Y, %d.%m.%Y %H:%M) the date and clock it
** reads, as UTC; a format that gives no day gives no time. */
int sl_parse_time_as(const char *s, size_t len, const char *format, int64_t *out);

/* Parse a decimal number S[0..len) (surrounding blanks allowed) into *out,
** correctly rounded: plain decimals whose digits fit in 2^53 with at most 22
** after the point (every normal coordinate) are converted by hand with one
** exact division; other forms (exponents, long mantissas, hex) through strtod. Returns 1 on success, 0 for text that is not a finite number. */
int sl_parse_decimal(const char *s, size_t len, double *out);

/* sl_parse_decimal, also reading US thousands separators where their
** pattern is plain: digits in groups of three after the first one to three
** ("2,773", "-1,234,567.5"), as spreadsheets save formatted counts. Any
** other comma ("12,5", "1,23,456", "2,773,") is no number: 0. */
int sl_parse_grouped(const char *s, size_t len, double *out);

#endif
