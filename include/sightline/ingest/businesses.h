/*
** businesses.h — importing a directory of businesses (CSV or GeoJSON, see
** io/businesses_io.h) as one source: listed by `info`, removed by `rm`.
*/
#ifndef SIGHTLINE_INGEST_BUSINESSES_H
#define SIGHTLINE_INGEST_BUSINESSES_H

#include "sightline/core/form.h"
#include "sightline/ingest/import.h"

/* Import PATH (- : standard input) into ST in one transaction: the same
** bytes twice change nothing (res->already); REPLACE removes an earlier
** import of them first. A row refused for its own data (a state that is no
** postal code, a name alone: sl_businesses_parse) is skipped, and counted
** with its line and why (res->skipped_rows), while the others are
** imported: one typo does not cost an organiser the rest of the file. The
** whole file is refused for a problem of its own (no name column, not a
** directory, not CSV or GeoJSON), when no row is left, and when rows name
** businesses another import lists (SL_EDATA naming them); rows repeating
** one another are kept and counted (res->file_repeats). */
sl_status sl_ingest_businesses(sl_store *st, const char *path, int replace, sl_import_result *res, sl_error *err);

/* A "suggest a business" form: name (required, at most 200 bytes),
** category, address, city, state (two letters), zip, website (http:// or
** https://), phone (one of category, address, website or phone needed),
** verification (how ownership is known), note (for the moderators), lat
** and lon (both or neither), csrf and the honeypot
** (SL_PLEDGE_HONEYPOT: filled, answered SL_OK and stored nowhere). A bad
** field is SL_EDATA with a sentence for the person and *field naming it.
** Otherwise the entry joins the moderation queue as pending, committed
** before SL_OK. Nothing of the person who suggested is asked or kept. */
sl_status sl_campaign_suggest(sl_store *st, const sl_form *form, long long now, const char **field, sl_error *err);

/* Days a suggestion waits for a decision: after them what it sent is
** deleted unread (sl_campaign_purge, which `serve` runs every hour and
** cron runs as `campaign purge`), as the form says. */
#define SL_SUGGESTION_KEEP_DAYS 90

/* What an approved suggestion's listing says of its ownership: the
** suggester's own words (which may hold their address, or anything) stay
** in the moderation queue, for the organisers. */
#define SL_SUGGESTED_VERIFICATION "Suggested by a reader; ownership checked by the organisers"

/* Decide pending suggestion ID at NOW: APPROVE copies it into the directory
** under the one source of kind "suggestions" (created on first approval;
** `rm` of it removes every approved entry), with SL_SUGGESTED_VERIFICATION
** in place of the suggester's words and without their note; else it is
** rejected. *found 0 when no pending suggestion has that id; *LISTING
** (when not NULL) the approved listing's id, else 0. One transaction. */
sl_status sl_campaign_decide(sl_store *st, long id, int approve, long long now, int *found, long *listing,
                             sl_error *err);

#endif
