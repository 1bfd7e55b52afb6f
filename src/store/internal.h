/*
** internal.h — what the store's own files share. Not part of the public API:
** code outside src/store/ talks to the store only through store*.h.
*/
#ifndef SIGHTLINE_STORE_INTERNAL_H
#define SIGHTLINE_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include "sightline/core/points.h"
#include "sightline/store/businesses.h"
#include "sightline/store/store.h"
#include "sightline/store/store_layers.h"

sqlite3 *sl_store_db(sl_store *st);

/* What the write-ahead log of a served store keeps on disk once readers
** let it start over (sl_store_use_wal): a surge of pledges under readers
** grew it to 391 MB, kept until the server stopped. Well above the 4 MB
** of SQLite's own checkpoints, so it is rarely cut in ordinary use. */
#define SL_STORE_WAL_KEEP_BYTES (16 * 1024 * 1024)

/* An error saying ST's file is not a sightline store (WHY) and nothing
** was changed. */
sl_status sl_store_not_ours(sl_store *st, sl_error *err, const char *why);
/* SL_OK when ST's file is a sightline store this sightline can read
** (schema.c): its application id and schema version. */
sl_status sl_store_check_identity(sl_store *st, sl_error *err);
/* Inside a writer's first transaction: make an empty file a store, or
** check an existing one and bring it up to this sightline (schema.c). */
sl_status sl_store_prepare_for_writing(sl_store *st, sl_error *err);
/* SL_OK when a store whose meta holds write_schema TEXT may be written by
** this sightline (both backends); else an SL_EDATA naming NAME that says
** the store stays readable and what to use. */
sl_status sl_store_write_version_ok(const char *name, const char *text, sl_error *err);

/* The PostgreSQL backend of a store opened on one (pg.h), or NULL for an
** SQLite store (whose sl_store_db is then NULL). Store functions PostgreSQL
** does not have yet reach sl_store_prepare/exec, which refuse with a clear
** error; sl_store_has_table answers 1 there, so that no reader takes a
** missing table for an empty layer. */
typedef struct sl_pg sl_pg;
sl_pg *sl_store_pg(const sl_store *st);

/* The read scope that applies to LAYER ("posts", "cameras"; NULL: the
** police requests), or NULL when ST sees every record of it (scope.c). */
const sl_read_scope *sl_store_scope_of(const sl_store *st, const char *layer);
/* The readers of points.c, which see every point; the public ones are
** these through the read scope (scope.c). */
sl_status sl_store_load_points_all(sl_store *st, const char *layer, const char *category, sl_points *out,
                                   sl_error *err);
sl_status sl_store_scan_points_all(sl_store *st, const char *layer, const char *category, unsigned columns,
                                   sl_chunk_fn fn, void *ctx, sl_error *err);
sl_status sl_store_scan_coords_all(sl_store *st, const char *layer, const char *category, sl_coords_fn fn,
                                   void *ctx, sl_error *err);
/* Where the number of LAYER's points ("posts" or "cameras") the read
** scope sees is kept once counted (-1 until then): the audit asks it of
** several steps, and each count is a pass placing every point. */
long *sl_store_scope_count(sl_store *st, const char *layer);
/* Drop from OUT the requests the read scope does not see. */
void sl_store_scope_requests(const sl_store *st, sl_request_list *out);
sl_status sl_store_count_points_all(sl_store *st, const char *layer, const char *category, long *count,
                                    sl_error *err);

/* 1 for a store opened for writing (sl_store_open). Tables of optional
** layers are created only then; a read-only store that lacks one reads as
** holding nothing of that layer. */
int sl_store_writable(const sl_store *st);

/* Run SQL (several statements allowed), filling err on failure. */
sl_status sl_store_exec(sl_store *st, const char *sql, sl_error *err);

/* Prepare SQL; on failure err names the store file. */
sl_status sl_store_prepare(sl_store *st, const char *sql, sqlite3_stmt **out, sl_error *err);

/* Prepare SQL once per store and hand back the same statement, reset and
** unbound, on later calls with the same SQL literal (keyed by address, so
** pass a literal). Callers reset, never finalize it; close finalizes. For
** statements run once per input row. */
sl_status sl_store_prepare_cached(sl_store *st, const char *sql, sqlite3_stmt **out, sl_error *err);

/* Fill err from the connection's last error. */
sl_status sl_store_fail(sl_store *st, sl_error *err, const char *what);
/* 1, with ERR set, when SQLite's failure RC on DB while doing WHAT to the
** file PATH was no room: a full disk, a quota, a file-size limit (ulimit
** -f). The message names the folder, its free space and about NEED bytes
** the write wants, WHY in words ("(the copy is as large as the store)";
** disk_full.c); 0 otherwise. */
int sl_store_full_cause(sqlite3 *db, int rc, const char *path, const char *what, unsigned long long need,
                        const char *why, sl_error *err);

/* 1 if the store has a table named NAME (tables of optional layers are
** created by their first import, so readers must not create them). */
int sl_store_has_table(sl_store *st, const char *name);
/* 1 when TABLE of the store has a column named COLUMN (0 also when unsure). */
int sl_store_has_column(sl_store *st, const char *table, const char *column);

/* Start writing the store file's dirty pages to disk without waiting: during
** a long import the commit's fsync then finds most of them written already.
** Durability is unchanged (the commit still syncs); only the timing moves. */
void sl_store_writeback(sl_store *st);

/* Grow *ITEMS (of SIZE bytes each, *CAP of them) to hold COUNT + 1; 0 on
** success, -1 out of memory (the list is then unchanged). */
int sl_store_grow(void **items, size_t count, size_t *cap, size_t size);

/* Read one row of S into ITEM (zeroed), texts into ARENA: 0, or -1 when
** the arena ran out of memory. */
typedef int (*sl_store_row_fn)(sqlite3_stmt *s, sl_arena *arena, void *item);
/* Every row of S (prepared and bound) through READ into the growing array
** *ITEMS of *COUNT items of SIZE bytes: the loop every list loader shares.
** S is reset, not finalized (cached statements stay prepared). On an error
** (out of memory, or a step failing: "loading WHAT") the rows read so far
** stay in *ITEMS for the caller's list_free. */
sl_status sl_store_load_rows(sl_store *st, sqlite3_stmt *s, void **items, size_t *count, size_t size,
                             sl_arena *arena, sl_store_row_fn read, const char *what, sl_error *err);

/* Bind TEXT, mapping NULL to SQL NULL. */
void sl_bind_text(sqlite3_stmt *s, int i, const char *text);
/* The first column of every row of S (prepared and bound) as texts in
** ARENA, into *LIST and *COUNT (set only when the listing is whole: out of
** memory or a failing step, "listing WHAT", is an error, never a short
** list). S is reset, not finalized. */
sl_status sl_store_load_texts(sl_store *st, sqlite3_stmt *s, sl_arena *arena, const char ***list, size_t *count,
                              const char *what, sl_error *err);

/* 1 if SQL (a literal, as for sl_store_prepare_cached) is already prepared
** and cached: callers skip per-row set-up once their statement exists. */
int sl_store_is_cached(const sl_store *st, const char *sql);

/* Every exclusion's rows (but $1's, which is going) made the points the
** imports held now lost to it (exclusions.c): run by `rm` of any import. */
#define SL_EXCLUSION_RECOUNT_SQL                                                                                     \
    "UPDATE sources SET rows = (SELECT coalesce(sum(w.points), 0) FROM exclusion_withheld w"                         \
    " WHERE w.exclusion_id = sources.id) WHERE kind = 'exclusion' AND id <> $1"

/* ---- point chunks, as both backends store them (points.c) ----------------
** A chunk is six byte arrays: lon, lat (count doubles, or count int32 of
** 1e-7 degrees when that is exact), time (count int64; NULL: all unknown),
** ids, texts, attrs (count NUL-terminated strings; NULL: all empty). */
typedef struct sl_chunk_pack {
    char *buf[3];
    size_t cap[3];
    int32_t *scaled[2];
    const void *blob[6]; /* filled by sl_store_chunk_pack; NULL is SQL NULL */
    size_t len[6];
    double box[4]; /* minx, miny, maxx, maxy */
} sl_chunk_pack;
sl_status sl_store_chunk_pack_init(sl_chunk_pack *pk, sl_error *err);
void sl_store_chunk_pack_free(sl_chunk_pack *pk);
/* Pack points [FROM, FROM+N) of P into PK's arrays (valid until the next call). */
sl_status sl_store_chunk_pack(const sl_points *p, size_t from, size_t n, sl_chunk_pack *pk, sl_error *err);
/* Append a chunk of N points of import SOURCE, from its six arrays, to OUT. */
sl_status sl_store_chunk_unpack(sl_points *out, size_t n, long source, const void *const blob[6],
                                const size_t len[6], sl_error *err);
/* A chunk's N coordinates (its lon and lat arrays) as doubles. */
sl_status sl_store_chunk_coords(const void *const blob[2], const size_t len[2], size_t n, double *lon, double *lat,
                                sl_error *err);

/* ---- the directory, as both backends search it (businesses.c) ----------
** The SQLite schema of the directory (businesses, its FTS5 index, the
** suggestions), and its one search: run on DB, the store's own file or, for
** a PostgreSQL store, an in-memory copy of its rows (pg_businesses.c), so
** that both rank alike. Errors name ST. */
extern const char *const sl_store_directory_schema;
sl_status sl_store_directory_search(sqlite3 *db, sl_store *st, const sl_business_filter *f, sl_business_fn fn,
                                    void *ctx, sl_error *err);

/* A column as an arena string ("" for NULL; NULL when out of memory). */
const char *sl_column_text(sqlite3_stmt *s, int i, sl_arena *arena);

/* STATE, an arena string just read back, made canonical in place
** (sl_state_canonical) and returned: stores imported before ingest wrote
** states canonically still hold the registry's "NB" and the Atlas's "FL ",
** and every reader of agencies, partnerships and requests should see "NE"
** and "FL" without the user having to import again. NULL stays NULL. */
const char *sl_store_state_read(const char *state);

/* ---- versions a later import replaced (versions.c) -----------------------
** The SQL of the kinds of sl_removal, which both backends run as written:
** $1 and $2 are named parameters to SQLite (bound by name) and numbered
** ones to PostgreSQL. */
typedef struct sl_version_sql {
    const char *table, *versions; /* the records' table, their earlier versions' */
    const char *schema;           /* CREATE TABLE IF NOT EXISTS of the versions */
    const char *keep;     /* record $1 (its key) is about to take import $2's content: keep its version */
    const char *restored; /* import $1's restorable records: count, min and max of the imports they go back to */
    const char *restore;  /* import $1's records go back to the versions they replaced */
    const char *kept;     /* how many versions of import $1 a later import replaced */
    const char *splice;   /* those later imports now replaced the version before import $1 */
    const char *drop;     /* the versions import $1 replaced or brought go */
    const char *held;     /* how many records import $1 holds */
} sl_version_sql;
extern const sl_version_sql sl_store_versions[SL_KINDS];
/* Keep the version of the record of KIND with id ID (a baseline: named
** NAME) before import BY changes it; nothing when BY owns it already. */
sl_status sl_store_keep_version(sl_store *st, int kind, long id, const char *name, long by, sl_error *err);
/* The first steps of removing import SOURCE_ID (sl_store_remove_source):
** its changed records restored, the versions it replaced spliced out. */
sl_status sl_store_restore_versions(sl_store *st, long source_id, sl_removal *out, sl_error *err);
/* Fold N restored records going back to imports MIN..MAX into *FROM
** (sl_removal.restored_from: 0 none yet, -1 several). */
void sl_store_removal_from(long *from, long n, long min, long max);
/* What a step of removing an import counts: the kinds of deleted records
** (SL_KIND_*), or the rows of other imports whose agency link it drops. */
enum { SL_UNLINKED_PARTNERSHIP = SL_KINDS_ALL, SL_UNLINKED_REQUEST };
/* The counter in OUT of WHAT (above); NULL for -1, a step counting nothing. */
long *sl_store_removal_count(sl_removal *out, int what);

/* An import's id is never given again, also after `rm` of the last one:
** reports, banners and notes cite ids ("`sightline rm 6 9` removes them"),
** and a later `rm N` must not remove another file. The largest id ever
** given is kept in meta (SL_LAST_SOURCE_KEY, written with each new
** source in its transaction); the next is one more than it or than the
** largest id present, whichever is larger; a store made before the key
** gets it at its next write (SL_MARK_VERSIONS_FROM). SQL both backends
** read, so that both number alike (PostgreSQL's sequences would not: they
** skip the ids of imports rolled back, SQLite does not). A directory
** listing's id is kept so too (SL_LAST_LISTING_KEY): /directory/ID is a
** link people share, which must never open another business after the
** listing was removed. */
#define SL_LAST_SOURCE_KEY "last_source_id"
#define SL_LAST_LISTING_KEY "last_listing_id"
#define SL_NEXT_ID(TABLE, KEY)                                                                                 \
    "(SELECT max(n) + 1 FROM (SELECT coalesce(max(id), 0) AS n FROM " TABLE " UNION ALL"                        \
    " SELECT CAST(value AS bigint) FROM meta WHERE key = '" KEY "') AS given)"
#define SL_KEEP_LAST(KEY, PARAM)                                                                               \
    "INSERT INTO meta(key, value) VALUES('" KEY "', " PARAM ")"                                                \
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
#define SL_NEXT_SOURCE_ID SL_NEXT_ID("sources", SL_LAST_SOURCE_KEY)
#define SL_KEEP_LAST_SOURCE(PARAM) SL_KEEP_LAST(SL_LAST_SOURCE_KEY, PARAM)

/* ---- the directory's upkeep (businesses.c, pg_businesses.c, identity.c) ----
** SQL both backends run as written ($1 is bound by index on SQLite). */
/* The listings of import $1 edited in /admin since it was imported (their
** edit marks, business_edits): how many, and the first one's id and name. */
#define SL_EDITED_LISTINGS_SQL                                                                                 \
    "SELECT count(*) OVER (), b.id, b.name FROM businesses b JOIN business_edits e ON e.id = b.id"             \
    " WHERE b.source_id = $1 ORDER BY b.id LIMIT 1"
/* Before listings matching COND (over $1) go: the largest listing id ever
** given is written down (SL_LAST_LISTING_KEY), so that a store that had no
** key yet does not give the removed listings' ids again. */
#define SL_KEEP_IDS_SQL(TABLE, KEY, COND)                                                                      \
    "INSERT INTO meta(key, value) SELECT '" KEY "', CAST(" SL_NEXT_ID(TABLE, KEY) " - 1 AS TEXT)"               \
    " WHERE EXISTS (SELECT 1 FROM " TABLE " WHERE " COND ") ON CONFLICT(key) DO UPDATE SET value = excluded.value"
#define SL_KEEP_LISTING_IDS_SQL(COND) SL_KEEP_IDS_SQL("businesses", SL_LAST_LISTING_KEY, COND)
/* A suggestion's number, kept so when undecided ones lapse (deleted, not
** emptied: no organiser decided them) and when its number is next given. */
#define SL_LAST_SUGGESTION_KEY "last_suggestion_id"
#define SL_LAPSED_SUGGESTIONS "status = 'pending' AND created < CAST($1 AS bigint)"
#define SL_LAPSE_SUGGESTIONS_SQL "DELETE FROM business_suggestions WHERE " SL_LAPSED_SUGGESTIONS
/* What the suggester sent, emptied from every decided suggestion; its row
** (id, status, dates) stays, so that its number is never given again. */
#define SL_FORGET_SUGGESTIONS_SQL                                                                              \
    "UPDATE business_suggestions SET name = '', category = NULL, address = NULL, city = NULL, state = NULL,"   \
    " zip = NULL, website = NULL, phone = NULL, verification = NULL, origin = NULL, lat = NULL, lon = NULL,"   \
    " note = NULL WHERE status <> 'pending' AND name <> ''"
/* 1 when listing $1 was given once and is no longer in the directory. */
#define SL_LISTING_REMOVED_SQL                                                                                 \
    "SELECT CASE WHEN CAST($1 AS bigint) < " SL_NEXT_ID("businesses", SL_LAST_LISTING_KEY)                     \
    " AND NOT EXISTS (SELECT 1 FROM businesses WHERE id = CAST($1 AS bigint)) THEN 1 ELSE 0 END"

/* The first import whose changes keep the versions they replace: a store
** made before the versions tables holds imports that changed records and
** kept nothing, and `rm` of one of those cannot restore them (it must know,
** or it deletes records an earlier import still vouches for). Marked once,
** by the write that makes the versions tables, in the same transaction: the
** next import's id (1 for a new store). A store that got the tables from a
** sightline that did not mark it is marked at its next write by the first
** import that kept a version, or the next import when none did: imports
** before that are taken as older, which may ask for `rm --force` needlessly
** but never deletes silently. The mark counts on ids never given again, so
** a store made before SL_LAST_SOURCE_KEY gets that too (else `rm` of its
** newest imports would give their ids again, to imports the mark took for
** older ones). SQL both backends run, after the agencies' and partnerships'
** versions tables exist. */
/* An older sightline may still write to a store after the mark (its
** schema version is the same): its imports keep no versions and do not
** move SL_LAST_SOURCE_KEY, which every import since the mark moves in its
** own transaction. So an import above that key, found by the next writer
** before anything else, was made by an older sightline: it is marked
** (SL_OLDER_IMPORT_KEY followed by its id), and `rm` of it is refused like
** that of an import before the mark, instead of trusting versions it never
** kept and deleting the records it changed. The key then moves past it. */
#define SL_VERSIONS_FROM_KEY "versions_from"
#define SL_OLDER_IMPORT_KEY "older_import:"
#define SL_MARK_VERSIONS_FROM                                                                                  \
    "INSERT INTO meta(key, value) SELECT '" SL_VERSIONS_FROM_KEY "', CAST(coalesce((SELECT min(superseded_by)"  \
    " FROM (SELECT superseded_by FROM agency_versions UNION ALL SELECT superseded_by FROM partnership_versions)"  \
    " AS kept), " SL_NEXT_SOURCE_ID ") AS TEXT)"                                                                 \
    " WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = '" SL_VERSIONS_FROM_KEY "');"                            \
    "INSERT INTO meta(key, value) SELECT '" SL_LAST_SOURCE_KEY "', CAST(" SL_NEXT_SOURCE_ID " - 1 AS TEXT)"     \
    " WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = '" SL_LAST_SOURCE_KEY "');"                              \
    "INSERT INTO meta(key, value) SELECT '" SL_OLDER_IMPORT_KEY "' || CAST(id AS TEXT), '1' FROM sources"       \
    " WHERE id > (SELECT CAST(value AS bigint) FROM meta WHERE key = '" SL_LAST_SOURCE_KEY "')"                 \
    " ON CONFLICT(key) DO NOTHING;"                                                                              \
    "UPDATE meta SET value = CAST(" SL_NEXT_SOURCE_ID " - 1 AS TEXT) WHERE key = '" SL_LAST_SOURCE_KEY "'"       \
    " AND CAST(value AS bigint) < " SL_NEXT_SOURCE_ID " - 1"
/* 1 when import $1 kept no versions of what it changed: made before the
** mark, or marked as an older sightline's since (SQL both backends run). */
#define SL_UNVERSIONED_SQL                                                                                     \
    "SELECT count(*) FROM meta WHERE CASE WHEN key = '" SL_VERSIONS_FROM_KEY "' THEN CAST($1 AS bigint) <"      \
    " CAST(value AS bigint) ELSE key = '" SL_OLDER_IMPORT_KEY "' || CAST(CAST($1 AS bigint) AS TEXT) END"

/* The rows of import T (the sources table or its alias) as `info` shows
** them, in SQL both backends read, where the businesses table exists: the
** source of approved suggestions is never imported again, each approval
** adds a listing to it and an edit keeps it, so its rows are the listings
** it holds now, counted; other imports' are what they brought. */
#define SL_SOURCE_ROWS_LIVE(T)                                                                                 \
    "CASE WHEN " T ".kind = '" SL_SUGGESTIONS_KIND "' THEN (SELECT count(*) FROM businesses b WHERE b.source_id = " T     \
    ".id) ELSE " T ".rows END"

/* Of a manage link m (SQL on both backends, campaign_manage.c): when it
** ends (a link stored without an end, before 2026-12-07, ends as the
** confirmation mail's do), and 1 when it was asked for on the page (its
** life is SL_MANAGE_LINK_TTL_S; the confirmation mail's is longer), which
** the quarter hour between asked links counts. The numbers are
** SL_MANAGE_MAIL_LINK_TTL_S and SL_MANAGE_LINK_TTL_S (asserted in
** campaign_manage.c). */
#define SL_MANAGE_ENDS_SQL "coalesce(m.expires, m.created + 2592000)"
#define SL_MANAGE_ASKED_SQL "m.expires - m.created <= 172800"
/* The campaign's tables made or brought up to date (campaign.c), inside
** the caller's transaction. */
sl_status sl_store_campaign_tables(sl_store *st, sl_error *err);
struct sl_campaign;
/* A version of C's organisation and commitments made at NOW, unless the
** newest is the same (campaign_versions.c); either backend, inside the
** caller's transaction, the campaign tables made. */
sl_status sl_store_campaign_version_note(sl_store *st, const struct sl_campaign *c, long long now, sl_error *err);
/* When the campaign was closed into *closed (0: open, or tables older than
** version 7), campaign_end.c. */
sl_status sl_store_campaign_closed_at(sl_store *st, long long *closed, sl_error *err);
/* The rows (state, county, n) counted as confirmed pledges before ?1: the
** pledges' own and, from version 7, kept_counts (campaign_end.c). */
const char *sl_store_counted_sql(sl_store *st);

#endif
