/*
** store.h — the one interface to sightline's store.
**
** The store is a single SQLite file (default ./sightline.db), or a
** PostgreSQL/PostGIS database (sl_store_is_postgres). Everything the
** analyses need goes through these functions, never through SQL written
** elsewhere, so that both backends implement the same interface (a
** function the PostgreSQL one lacked would fail there with an error naming
** the backend, never answer empty).
** Every record keeps the source (file name, sha256, import time) it came
** from; each import runs inside one transaction.
*/
#ifndef SIGHTLINE_STORE_H
#define SIGHTLINE_STORE_H

#include <stddef.h>
#include "sightline/core/arena.h"
#include "sightline/core/date.h"
#include "sightline/core/error.h"
#include "sightline/core/progress.h"

#define SL_STORE_DEFAULT "sightline.db"
/* 2: point chunk coordinates may be int32 multiples of 1e-7 degrees (older
** sightlines cannot read them; version 1 stores are read as they are). */
#define SL_SCHEMA_VERSION 2
/* The write schema (meta key write_schema; absent is 0): what a sightline
** must know to change the store. A store whose write_schema is above this
** is read as ever but never written: an import, rm or upgrade is refused
** with nothing changed. schema_version stops older readers, write_schema
** only older writers, so a change that an older writer would get wrong
** (records it would not version, a table it would not fill) raises this
** alone and colleagues on an older sightline still read the store. A
** store records what it needs, not what its last writer knew: every store
** needs SL_STORE_WRITE_BASE, and only one holding what an older writer
** would get wrong is raised, so a team's older sightlines keep writing the
** stores that hold none of it.
** 2: exclusions (an owner's circle every import of posts and cameras
** leaves out): an older writer would import her points again. Raised by
** the first exclusion (sl_store_add_exclusion). */
#define SL_STORE_WRITE_VERSION 2
#define SL_STORE_WRITE_BASE 1
#define SL_STORE_WRITE_EXCLUSIONS 2

typedef struct sl_store sl_store;

typedef struct sl_source {
    long id;
    const char *kind;      /* "partnerships", "agencies", ... */
    const char *file_name; /* base name of the imported file */
    const char *sha256;
    const char *imported_at; /* UTC, ISO 8601 */
    const char *snapshot;    /* YYYY-MM-DD or "" */
    const char *options;     /* how it was imported (preset, mapping), JSON */
    long rows;
    /* Who made the import: on PostgreSQL the session's role (current_user),
    ** on SQLite the name of the system user running sightline; NULL for
    ** imports recorded before sightline kept it. Personal data: `info`
    ** shows it, the served /api/info does not (sl_analysis_inventory). */
    const char *imported_by;
    /* Who published the data and on what terms (table source_credits; NULL
    ** when not given): what a reader of a report needs to credit and find it. */
    const char *publisher, *url, *licence, *year;
    /* Records of the file the import skipped (points without coordinates,
    ** areas without geometry) and the main reason in plain words ("no
    ** coordinates"): -1 and NULL for imports recorded before sightline kept
    ** the count, so that a report says nothing rather than a wrong 0. */
    long skipped;
    const char *skipped_why;
} sl_source;

typedef struct sl_agency {
    long id;
    long source_id, line;
    const char *ori, *name, *type, *county, *state;
    double lat, lon;
    int has_location;
} sl_agency;

typedef struct sl_partnership {
    long id;
    long source_id, line;
    const char *snapshot; /* YYYY-MM-DD the source describes */
    const char *record_id, *agency, *city, *county, *state, *agency_type;
    const char *technology, *vendor, *summary;
    sl_date start;
    const char *start_raw;   /* the date cell as written, for audits */
    const char *source_url;  /* where the source documents this row (the Atlas's "Link 1"); NULL or "" */
    long agency_id; /* registry agency, 0 when unlinked */
    const char *link_method; /* "exact", "tiebreak", "fuzzy", or "" */
    double link_score;
} sl_partnership;

/* Loaded tables: arrays whose strings live in the arena. */
typedef struct sl_agency_list {
    sl_agency *items;
    size_t count;
    sl_arena arena;
} sl_agency_list;

typedef struct sl_partnership_list {
    sl_partnership *items;
    size_t count;
    sl_arena arena;
} sl_partnership_list;

typedef struct sl_source_list {
    sl_source *items;
    size_t count;
    sl_arena arena;
} sl_source_list;

/* Stores carry this SQLite application_id ("SiLn"), so that sightline
** never mistakes another program's SQLite file for its own, nor changes one.
** Stores made before it existed have 0 and are still read; the first write
** sets it. */
#define SL_STORE_APPLICATION_ID 0x53694c6e

/* Open the store at PATH for writing (imports), creating it when the file
** is missing or empty. An existing file that is not a sightline store (no
** meta with a valid schema_version, another program's application_id), or
** a store of a newer schema, is refused before anything is written. */
sl_status sl_store_open(const char *path, sl_store **out, sl_error *err);
/* sl_store_open for a command a person waits on (an import, rm): while it
** waits for the write lock another sightline holds (an import or rm in
** another process: SQLite's lock, PostgreSQL's advisory lock), WAIT is told
** from SL_STORE_WAIT_TELL seconds on, about once a second, with WHAT the
** store's title (sl_store_title), DONE the whole seconds waited and TOTAL
** 0: a told writer waits until the lock comes, on SQLite as on PostgreSQL
** (unless the server's lock_timeout says otherwise); one whose WAIT is NULL
** or holds no callback gives up after SQLite's 5 s. The store keeps WAIT (a
** copy; its context must outlive ST) for every later write transaction of
** ST. Giving up fails with SL_EIO saying why and what to do. */
#define SL_STORE_WAIT_TELL 2
sl_status sl_store_open_told(const char *path, const sl_progress *wait, sl_store **out, sl_error *err);
/* sl_store_open_told whose writer without a callback waits up to MAX_S
** seconds for SQLite's lock instead of 5 s (0: the 5 s): a nightly job,
** which has no one to tell, may wait out an audit run by hand. A told
** writer still waits until the lock comes; PostgreSQL's writers wait for
** each other whatever MAX_S is. */
sl_status sl_store_open_told_within(const char *path, const sl_progress *wait, unsigned max_s, sl_store **out,
                                    sl_error *err);
/* Open an existing store for reading only: nothing is ever written to it (no
** table is created, no version rewritten; SQLite refuses writes on this
** connection). A missing file, a special name (see sl_store_path_special)
** and a file that is not a sightline store are refused. */
sl_status sl_store_open_read(const char *path, sl_store **out, sl_error *err);
/* sl_store_open_read waiting up to MAX_S seconds (0: 5 s) for a SQLite
** lock a writer holds (an import's commit), on opening and on every later
** read of ST. */
sl_status sl_store_open_read_within(const char *path, unsigned max_s, sl_store **out, sl_error *err);
/* The same, naming a PostgreSQL connection APP in the server's
** pg_stat_activity (its application_name; "sightline" otherwise), so that
** a database's administrator tells a server's connections from a CLI's.
** A name the connection string or PGAPPNAME gives is kept. SQLite: APP is
** unused. */
sl_status sl_store_open_read_as(const char *path, const char *app, sl_store **out, sl_error *err);
/* 1 when SQLite gives PATH a meaning other than a plain file: "" (a private
** temporary file), ":memory:", or a "file:" URI. Data imported there would
** be gone when the process exits, so the CLI refuses these names. */
int sl_store_path_special(const char *path);
/* 1 when SPEC names a PostgreSQL database rather than a file: a libpq URI
** (postgresql://... or postgres://...; "postgresql://" alone takes every
** setting from the PG* environment variables) or a libpq key=value string
** starting with host=, hostaddr=, port=, dbname=, user= or service=. A file
** so named is reached as ./NAME. */
int sl_store_is_postgres(const char *spec);
/* Overwrite, in place, the password a PostgreSQL connection string holds
** (a URI's user:PASSWORD@, a password= parameter, quoted or not) with
** 'x': the CLI runs it on its arguments, after copying them, so that `ps`
** does not show it. A string without one is left as it is. */
void sl_store_hide_password(char *conninfo);
void sl_store_close(sl_store *st);
/* Ready a read-only PostgreSQL handle (sl_store_open_read) for another
** request, as if newly opened: any open transaction rolled back, so the
** next sl_store_read_begin takes a fresh snapshot. 1 when ST can be kept;
** 0 (a SQLite or writable handle, or a broken connection): close it. */
int sl_store_reuse(sl_store *st);
const char *sl_store_path(const sl_store *st);
/* How a report names the store: the file's base name, or "PostgreSQL
** database NAME" (never a host, socket directory or connection string). */
const char *sl_store_title(const sl_store *st);

/* A PostgreSQL store's generation: a counter every committed import bumps,
** as text in OUT (SIZE bytes), for a server to notice that the store changed
** (a file store is watched by its file instead: OUT is then ""). */
sl_status sl_store_generation(sl_store *st, char *out, size_t size, sl_error *err);

/* Hold one read snapshot from read_begin to read_end: every read between
** them sees the store as it was at the first, whatever imports commit
** meanwhile (those wait for read_end, up to the busy timeout). Calls nest
** (the outermost pair holds the snapshot); inside a write transaction they
** do nothing. */
sl_status sl_store_read_begin(sl_store *st, sl_error *err);
void sl_store_read_end(sl_store *st);

/* After a commit that deleted personal data (an erasure, an owner's
** exclusion; outside any transaction): its bytes leave the store's files.
** On SQLite (secure_delete zeroed the pages) the write-ahead log is
** checkpointed into the file and truncated; on PostgreSQL PG_TABLES (a
** VACUUM FULL list) are rewritten, when PG_TABLE exists, once no session
** holds a snapshot from before the delete. WHAT names the change in the
** refusal when readers outlast the wait ("the erasure is committed, but"). */
sl_status sl_store_scrub(sl_store *st, const char *pg_table, const char *pg_tables, const char *what, sl_error *err);

/* One import = one transaction: begin, add, commit; rollback on any error. */
sl_status sl_store_begin(sl_store *st, sl_error *err);
sl_status sl_store_commit(sl_store *st, sl_error *err);
void sl_store_rollback(sl_store *st);
/* FN(CTX, 0) just before each commit of a whole transaction (not a batch's
** unit), FN(CTX, 1) once it succeeded; NULL: none. A command that tells
** what Ctrl-C left (nothing removed, nothing erased) holds the signal from
** there: a line saying "nothing changed" must not come after the change is
** stored, and what it says after depends on whether it was. */
void sl_store_on_commit(sl_store *st, void (*fn)(void *ctx, int done), void *ctx);
/* FN(ST, CTX) in one such transaction: committed when FN returns SL_OK,
** rolled back (FN's or the commit's error kept in ERR) otherwise. */
typedef sl_status (*sl_store_tx_fn)(sl_store *st, void *ctx, sl_error *err);
sl_status sl_store_in_tx(sl_store *st, sl_store_tx_fn fn, void *ctx, sl_error *err);

/* Group commit: many small writes (the server's pledges) in one
** transaction, one sync to disk for all of them; and an import with the
** credit recorded after it (`sightline import`), which a reader must see
** together or not at all. Between batch_begin and
** batch_commit, each sl_store_begin/commit/rollback of a unit of work is a
** savepoint's, so a unit that fails is undone alone; nothing is on disk
** (and no unit may be acknowledged) until batch_commit returned SL_OK.
** batch_rollback undoes every unit. Units must not nest. */
sl_status sl_store_batch_begin(sl_store *st, sl_error *err);
/* Switch ST's file to SQLite's write-ahead log (synchronous FULL: a commit
** is on disk when it returns, with one sync instead of a rollback
** journal's several), for a long-running writer of many small commits
** (the server's pledges). Readers and other writers go on working; the
** next sl_store_open when the file is free returns it to a rollback
** journal. SL_EIO when the file system cannot hold a WAL. */
sl_status sl_store_use_wal(sl_store *st, sl_error *err);
sl_status sl_store_batch_commit(sl_store *st, sl_error *err);
void sl_store_batch_rollback(sl_store *st);

/* Look up a source with the same kind, sha256 and snapshot. *found is set to
** 1 and *out filled (strings in ARENA) when one exists. */
sl_status sl_store_find_source(sl_store *st, const char *kind, const char *sha256,
                               const char *snapshot, sl_arena *arena, sl_source *out,
                               int *found, sl_error *err);
/* Insert SRC (imported_at is set here); src->id receives the new id. */
sl_status sl_store_add_source(sl_store *st, sl_source *src, sl_error *err);
/* Set the hash of a source added before its file was fully read (inside the
** same transaction, so no other import sees the placeholder). */
sl_status sl_store_set_source_sha256(sl_store *st, long source_id, const char *sha256, sl_error *err);
sl_status sl_store_set_source_rows(sl_store *st, long source_id, long rows, sl_error *err);
/* Record that the import SOURCE_ID skipped SKIPPED records of its file,
** mostly for WHY (plain words; NULL when none were skipped). */
sl_status sl_store_set_source_skipped(sl_store *st, long source_id, long skipped, const char *why, sl_error *err);
/* Record who published source SOURCE_ID's data: the fields of C that are
** not NULL replace those recorded before (C's kind, file and the rest are
** not read). *CHANGED: 1 if a row was written, 0 when the credit was
** recorded already as given (nothing is written then). */
sl_status sl_store_set_source_credit(sl_store *st, long source_id, const sl_source *c, int *changed,
                                     sl_error *err);
/* Sources of KIND (NULL for all), oldest first, with their credits. */
sl_status sl_store_load_sources(sl_store *st, const char *kind, sl_source_list *out,
                                sl_error *err);

sl_status sl_store_add_agency(sl_store *st, const sl_agency *a, sl_error *err);

/* What sl_store_put_* did with a record (identity.c). */
typedef enum sl_put { SL_PUT_NEW, SL_PUT_UPDATED, SL_PUT_SAME } sl_put;

/* Store agency A unless an earlier import holds an agency with its key (the
** ORI; without one name, type, county and state). An identical one is left
** as it is (SL_PUT_SAME); a different one takes A's content, keeping its id,
** and belongs to A's import from then on (SL_PUT_UPDATED). */
sl_status sl_store_put_agency(sl_store *st, const sl_agency *a, sl_put *put, sl_error *err);

/* The same for a partnership row, keyed by snapshot and record id (without
** one: agency, state and technology). A changed row loses its link until
** the next sl_link_partnerships. Rows of P's own import are never matched,
** so a file holding one row twice stores it twice (the import drops a row
** repeating every cell of an earlier one before it gets here). */
sl_status sl_store_put_partnership(sl_store *st, const sl_partnership *p, sl_put *put, sl_error *err);

/* The kinds of record an import can change in place (an agency by its
** ORI, a partnership row by its Atlas number, a baseline by its name).
** The store keeps the version each change replaced, so that removing the
** import that changed a record puts that version back (versions.c). */
enum { SL_KIND_AGENCY, SL_KIND_PARTNERSHIP, SL_KIND_BASELINE, SL_KINDS };
/* The records an import can bring that no later import changes in place,
** counted after those when an import is removed. */
enum {
    SL_KIND_REQUEST = SL_KINDS, /* public-records requests */
    SL_KIND_LINK,               /* link corrections */
    SL_KIND_AREA,               /* areas of its area sets */
    SL_KIND_POINT,              /* points of its layers */
    SL_KIND_LISTING,            /* directory listings (a businesses file, or the approved suggestions) */
    SL_KINDS_ALL
};

/* The name of N records of KIND (of SL_KINDS_ALL): "agency", "agencies"... */
const char *sl_store_kind_name(int kind, long n);
/* "1 agency and 2 partnership rows" of the N COUNTS (one per kind, as
** sl_removal counts them; kinds with none left out) into OUT (cut to SIZE);
** how many in all. */
long sl_store_counts_text(const long *counts, int n, char *out, size_t size);

/* What removing one import did to records of each kind. */
typedef struct sl_removal {
    long deleted[SL_KINDS_ALL]; /* records it brought, gone with it */
    long restored[SL_KINDS];    /* records it had changed, back to the version before it */
    long kept[SL_KINDS];        /* records whose version it brought a later import changed: that version stays */
    long restored_from;      /* the import the restored versions belong to; -1: several, 0: none */
    /* rows of other imports linked to an agency it brought: their link
    ** went with the agency (an import of the registry links them again) */
    long unlinked_partnerships, unlinked_requests;
} sl_removal;

/* Remove an import: its source row and every record it owns, except that a
** record it changed goes back to the version it replaced, with that
** version's import (links to its agencies are dropped; run
** sl_link_partnerships after). A record it brought or changed that a later
** import changed again keeps the later version, and removing that later
** import then goes back to the version before this one. OUT (may be NULL)
** says what happened. Inside the caller's transaction. */
sl_status sl_store_remove_source(sl_store *st, long source_id, sl_removal *out, sl_error *err);
/* Whether import SOURCE_ID is older than the store's kept versions: *OLDER
** is 1 when it was made before the store began to keep the version an
** import replaces (by a sightline that kept none), so that removing it
** cannot restore the records it changed, only delete them. HELD[kind] then
** says how many agencies, partnership rows and baselines it holds now (all
** 0 when *OLDER is 0). Which of them it changed rather than brought, no
** one recorded. */
sl_status sl_store_unversioned(sl_store *st, long source_id, int *older, long held[SL_KINDS], sl_error *err);
sl_status sl_store_load_agencies(sl_store *st, sl_agency_list *out, sl_error *err);

sl_status sl_store_add_partnership(sl_store *st, const sl_partnership *p, sl_error *err);
/* Partnerships of SNAPSHOT (NULL: all snapshots), in import order. */
sl_status sl_store_load_partnerships(sl_store *st, const char *snapshot,
                                     sl_partnership_list *out, sl_error *err);
sl_status sl_store_set_link(sl_store *st, long partnership_id, long agency_id,
                            const char *method, double score, sl_error *err);
/* Distinct partnership snapshots, ascending, as a list of strings in ARENA. */
sl_status sl_store_snapshots(sl_store *st, sl_arena *arena, const char ***dates,
                             size_t *count, sl_error *err);

void sl_agency_list_free(sl_agency_list *l);
void sl_partnership_list_free(sl_partnership_list *l);
void sl_source_list_free(sl_source_list *l);

#endif
