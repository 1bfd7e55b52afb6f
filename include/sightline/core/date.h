/*
** date.h — calendar dates with a precision.
**
** Public records date things loosely: "3/22/18", "2020-07-01", or only a
** phrase like "in July 2020" in a summary. A date here keeps how much of it
** is known, so a count "since May 25" can separate certain from uncertain rows.
*/
#ifndef SIGHTLINE_DATE_H
#define SIGHTLINE_DATE_H

#include "sightline/core/error.h"

typedef enum sl_precision {
    SL_PREC_UNKNOWN = 0,
    SL_PREC_YEAR = 1,
    SL_PREC_MONTH = 2,
    SL_PREC_DAY = 3
} sl_precision;

typedef struct sl_date {
    int year, month, day; /* month/day are 0 when not known */
    sl_precision precision;
} sl_date;

/* Parse S. With FORMAT NULL, accepts YYYY-MM-DD, YYYY-MM, YYYY, m/d/yy and
** m/d/yyyy (two-digit years pivot at 70: 18 is 2018, 85 is 1985). With a
** FORMAT, strptime conversions (%Y %y %m %d %b %B) are used. Returns 1 on
** success, 0 when S is not a valid date (including 2/30). */
int sl_date_parse(const char *s, const char *format, sl_date *out);

/* A date a person types to ask something (--since, --until, --from, --to,
** --snapshot, and the API's parameters of those names): YYYY-MM-DD and
** nothing else, a real calendar day. The loose forms sl_date_parse reads
** in data are refused here: 06/05/2020 is June 5 to some readers and 6 May
** to others, and a query must mean one day. 1 on success, else 0. */
int sl_date_parse_day(const char *s, sl_date *out);

/* How refusals of sl_date_parse_day name the form wanted, one wording for
** every option and parameter: "--since wants " SL_DATE_DAY_FORM ", not '...'". */
#define SL_DATE_DAY_FORM "a date YYYY-MM-DD (e.g. 2020-05-25)"

/* sl_date_parse, and *SECS (may be NULL) the time of day in seconds that a
** FORMAT's %H %M %S (%T, %R) read: 0 when it has none, or without FORMAT. */
int sl_date_parse_clock(const char *s, const char *format, sl_date *out, long *secs);

/* 1 when Y is a Gregorian leap year (every 4th year, not centuries, except
** every 400th). Inline: the point readers ask it per row. */
static inline int sl_date_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Find "<Month> <YYYY>" (e.g. "in July 2020") in free text; month precision. */
int sl_date_from_phrase(const char *text, sl_date *out);

/* Find YYYY-MM-DD inside a file name (day precision). */
int sl_date_in_name(const char *name, sl_date *out);

/* Today's date in UTC. */
void sl_date_today(sl_date *out);

/* "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" by precision; buf holds 11 bytes. */
const char *sl_date_format(const sl_date *d, char buf[11]);

/* The name of a precision: "day", "month", "year", "unknown". */
const char *sl_precision_name(sl_precision p);
sl_precision sl_precision_from_name(const char *name);

/* First and last day a date may stand for, as yyyymmdd integers, so that
** comparisons with month- or year-precision dates are honest intervals. */
long sl_date_first_day(const sl_date *d);
long sl_date_last_day(const sl_date *d);

/* 1 when every day D may stand for is after every day REF may stand for
** (a start date after the snapshot that lists it); 0 when either is unknown. */
int sl_date_certainly_after(const sl_date *d, const sl_date *ref);

#endif
