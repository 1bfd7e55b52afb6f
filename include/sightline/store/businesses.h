/*
** businesses.h — the directory: businesses imported as a source like any
** other (`import businesses`, removed with `rm`), a full-text index over
** them (SQLite FTS5), and the moderation queue of suggested entries. On a
** PostgreSQL store the rows live in PostgreSQL and a search runs on an
** in-memory SQLite copy of them, so both backends rank and order alike.
*/
#ifndef SIGHTLINE_STORE_BUSINESSES_H
#define SIGHTLINE_STORE_BUSINESSES_H

#include "sightline/core/business.h"
#include "sightline/core/error.h"
#include "sightline/store/store.h"

#include <stddef.h>

/* The kind of the one source that holds the approved suggestions (its
** rows are the listings it holds, counted when the sources are read). */
#define SL_SUGGESTIONS_KIND "suggestions"

/* Add B (source_id and line set) and index its text; *ID (when ID is not
** NULL) gets the listing's id, one more than any ever given. Inside the caller's transaction; creates
** the tables on first use. */
sl_status sl_store_add_business(sl_store *st, const sl_business *b, long *id, sl_error *err);

/* A search: every set field must match. TEXT is words typed by anyone:
** each becomes a quoted prefix term (so no FTS5 syntax gets through), all
** must occur in name, category, address or city. CATEGORY and STATE match
** whole values, case-insensitively. */
typedef struct sl_business_filter {
    const char *text, *category, *state;
} sl_business_filter;

/* Call FN for each business matching F (best text match first with TEXT,
** else by name); B's strings last until FN returns. */
typedef sl_status (*sl_business_fn)(const sl_business *b, void *ctx, sl_error *err);
sl_status sl_store_businesses_each(sl_store *st, const sl_business_filter *f, sl_business_fn fn, void *ctx,
                                   sl_error *err);

/* The in-memory search index of a PostgreSQL store's directory, kept
** across the stores a long-running reader (the server) opens one per
** request: it is rebuilt only when the directory changed (a generation the
** store's directory writes bump), not per search. Safe to share between
** threads. Without one, a PostgreSQL store builds its own at its first
** search and drops it at close; an SQLite store needs none. */
typedef struct sl_directory_cache sl_directory_cache;
/* A new, empty cache; NULL when out of memory. */
sl_directory_cache *sl_directory_cache_new(void);
void sl_directory_cache_free(sl_directory_cache *c);
/* Let ST's searches use C (which must outlive ST); nothing on SQLite. */
void sl_store_use_directory_cache(sl_store *st, sl_directory_cache *c);

/* Queue suggestion B (line, source_id ignored) with the suggester's NOTE
** (never an address) at NOW as 'pending'; *id receives its id. */
sl_status sl_store_suggestion_add(sl_store *st, const sl_business *b, const char *note, long long now, long *id,
                                  sl_error *err);
/* Call FN for each suggestion of STATUS ('pending', 'approved', 'rejected';
** NULL: all), oldest first; b->id is the suggestion's id, b->note the
** suggester's note ("" for none). */
sl_status sl_store_suggestions_each(sl_store *st, const char *status, sl_business_fn fn, void *ctx, sl_error *err);
/* Set suggestion ID's STATUS ('approved' or 'rejected') at NOW; *found 0
** when there is no pending suggestion ID. */
sl_status sl_store_suggestion_decide(sl_store *st, long id, const char *status, long long now, int *found,
                                     sl_error *err);
/* Empty every decided suggestion (approved or rejected) of what its
** suggester sent, overwritten in a SQLite file (secure_delete): a home's
** address, a phone, a note naming her serve only the decision, and an
** approved one's listing holds what is published. The row (id, status,
** dates) stays, so that a suggestion's number is never given again. */
sl_status sl_store_suggestions_forget(sl_store *st, sl_error *err);
/* Delete every suggestion still pending that was made before CUTOFF (unix
** seconds), into *REMOVED how many: what a suggester sent is not kept for
** ever when nobody decides (SL_SUGGESTION_KEEP_DAYS). Deleted, not emptied:
** no organiser decided them; their numbers are never given again. */
sl_status sl_store_suggestions_lapse(sl_store *st, long long cutoff, long *removed, sl_error *err);

/* Call FN with the listed business ID; *found 0 when there is none. */
sl_status sl_store_business_get(sl_store *st, long id, sl_business_fn fn, void *ctx, int *found, sl_error *err);
/* *REMOVED 1 when listing ID was in the directory once and is no more (a
** listing's id is never given to another: a link to it stays its own). */
sl_status sl_store_business_removed(sl_store *st, long id, int *removed, sl_error *err);

/* Replace the fields of listed business ID with B's (id, source_id and
** line kept), re-index its text and mark it edited; *found 0 when there is
** none. Inside the caller's transaction. */
sl_status sl_store_business_update(sl_store *st, long id, const sl_business *b, int *found, sl_error *err);

/* Remove listing ID from the directory (its index row and edit mark too);
** *found 0 when there is none. Its id is never given again. Inside the
** caller's transaction. */
sl_status sl_store_business_remove(sl_store *st, long id, int *found, sl_error *err);

/* Give listing FROM, just added, the number TO of a listing of the import it
** replaces, removed in the same transaction (`import businesses --replace`):
** a corrected copy of the directory keeps each listing's /directory/ address,
** shared on posters and in messages, where it names the same business.
** FROM's own number stays given (it was, for a moment); the search index
** follows. Inside the caller's transaction. */
sl_status sl_store_business_renumber(sl_store *st, long from, long to, sl_error *err);

/* The listings of import SOURCE_ID edited (sl_store_business_update) since
** it was imported: how many (*N), the first one's id (*ID) and its name
** (into NAME, SIZE bytes); 0 and "" when none. */
sl_status sl_store_business_edits(sl_store *st, long source_id, long *n, long *id, char *name, size_t size,
                                  sl_error *err);

#endif
