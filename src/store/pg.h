/*
** pg.h — the PostgreSQL/PostGIS backend of the store, as the store's own
** files see it. Not part of the public API: store.c routes a public
** sl_store_* call here when the store was opened with a PostgreSQL
** connection string (sl_store_is_postgres), so everything above the store
** works on either backend without knowing which.
**
** The schema lives in the database schema "sightline" (so a database shared
** with other applications keeps its own tables apart) and carries its own
** version in sightline.meta. Functions of the store that this backend does
** not have yet fail with sl_pg_unsupported, never with an empty answer.
*/
#ifndef SIGHTLINE_STORE_PG_H
#define SIGHTLINE_STORE_PG_H

#include <libpq-fe.h>
#include "sightline/store/admin.h"
#include "sightline/store/baseline.h"
#include "sightline/store/businesses.h"
#include "sightline/store/campaign.h"
#include "sightline/store/campaign_manage.h"
#include "sightline/store/crosswalk.h"
#include "sightline/store/requests.h"
#include "sightline/store/store.h"
#include "sightline/store/store_layers.h"

/* Version of the PostgreSQL schema (independent of SQLite's). */
#define SL_PG_SCHEMA_VERSION 1

typedef struct sl_pg sl_pg;

/* Connect to CONNINFO (a libpq URI or key=value string), check PostGIS 3,
** and for WRITABLE create the schema (or check it) in one transaction;
** read-only connections refuse every write and need the schema to exist.
** APP: the connection's application_name unless CONNINFO or PGAPPNAME
** gives one (NULL: "sightline"). WAIT (may be NULL; kept) is told while a
** write transaction waits for another writer's lock (sl_store_open_told). */
sl_status sl_pg_open(const char *conninfo, int writable, const char *app, const sl_progress *wait, sl_pg **out,
                     sl_error *err);
void sl_pg_close(sl_pg *pg);
/* The server's last warning since the last call (kept, not printed), in
** OUT (SIZE bytes; may be NULL to forget it): 1 when there was one. */
int sl_pg_take_notice(sl_pg *pg, char *out, size_t size);
/* Tell the wait hook of the open (sl_pg_open's WAIT) that a write has
** waited WAITED seconds for another session, from SL_STORE_WAIT_TELL
** seconds on and once a second (*TOLD: when it was last told). */
void sl_pg_tell_wait(sl_pg *pg, double waited, double *told);
/* pg_conninfo.c: the spans [from, to) of CONNINFO's password as its
** writer meant it (a URI's userinfo up to its last '@', a password=
** parameter, quoted or not), at most MAX; their count. */
size_t sl_pg_password_spans(const char *conninfo, size_t spans[][2], size_t max);
/* 1 when TEXT repeats CONNINFO's password, whole or a piece of it libpq's
** parser cut off at a character a URI must percent-encode. */
int sl_pg_repeats_password(const char *conninfo, const char *text);
/* M on one line in OUT (SIZE bytes) with every "quoted" part as "...":
** libpq's words on a string it could not parse quote its pieces. */
void sl_pg_unquote(const char *m, char *out, size_t size);
/* "PostgreSQL database NAME on HOST:PORT": how errors name the store (a
** connection string may hold a password, so it is never shown). */
const char *sl_pg_name(const sl_pg *pg);
/* "PostgreSQL database NAME", for reports (sl_store_title). */
const char *sl_pg_title(const sl_pg *pg);
/* The schema PostGIS is installed in, quoted as an SQL identifier ("public"). */
const char *sl_pg_postgis_schema(const sl_pg *pg);

/* meta.generation, bumped by every committed write transaction. */
sl_status sl_pg_generation(sl_pg *pg, char *out, size_t size, sl_error *err);
sl_status sl_pg_read_begin(sl_pg *pg, sl_error *err);
void sl_pg_read_end(sl_pg *pg);
sl_status sl_pg_begin(sl_pg *pg, sl_error *err);
sl_status sl_pg_commit(sl_pg *pg, sl_error *err);
void sl_pg_rollback(sl_pg *pg);
/* Ready PG for another request as if newly opened (an open transaction
** rolled back, no snapshot held): 1, or 0 when the connection is broken
** or busy and must be closed instead. */
int sl_pg_reset(sl_pg *pg);

/* *YES 1 when table sightline.NAME exists (tables of optional parts are
** made by their first write). */
sl_status sl_pg_has_table(sl_pg *pg, const char *name, int *yes, sl_error *err);
/* *YES 1 when table sightline.TABLE has COLUMN (added since by a writer). */
sl_status sl_pg_has_column(sl_pg *pg, const char *table, const char *column, int *yes, sl_error *err);

/* The error of a store function this backend does not implement yet. */
sl_status sl_pg_unsupported(const sl_pg *pg, sl_error *err);

/* Run SQL (a literal: it is prepared once per connection and kept, keyed by
** its address) with N text parameters (NULL entries are SQL NULL). *RES
** receives the result when RES is not NULL (caller PQclear's it). WHAT
** names the step in an error. */
sl_status sl_pg_run(sl_pg *pg, const char *sql, int n, const char *const *values, PGresult **res,
                    const char *what, sl_error *err);
/* The connection, for COPY and streamed reads (pg_points.c). */
PGconn *sl_pg_conn(sl_pg *pg);
/* Fill ERR with PostgreSQL's message for result R (NULL: the connection's). */
sl_status sl_pg_fail(sl_pg *pg, const PGresult *r, const char *what, sl_error *err);

/* Run SQL (N text parameters VALUES), whose one column is text, and give its
** rows as strings copied into ARENA: *NAMES (NULL when none) and *COUNT.
** WHAT names the step in an error. */
sl_status sl_pg_strings(sl_pg *pg, const char *sql, int n, const char *const *values, sl_arena *arena,
                        const char ***names, size_t *count, const char *what, sl_error *err);

/* The float8 at ROW, column C of a binary result R (NAN for NULL). */
double sl_pg_f8(const PGresult *r, int row, int c);

/* sl_pg_run with binary parameters where FORMATS[i] is 1 (LENGTHS[i]
** bytes; NULL arrays: all text) and, for BINARY_RESULT, binary results. */
sl_status sl_pg_run_bin(sl_pg *pg, const char *sql, int n, const char *const *values, const int *lengths,
                        const int *formats, int binary_result, PGresult **res, const char *what, sl_error *err);

/* Run SQL text (several statements allowed, no parameters). */
sl_status sl_pg_exec(sl_pg *pg, const char *sql, const char *what, sl_error *err);
/* 1 when table sightline.NAME exists; 0 also on an error, which a reader
** of a part made at its first write (the campaign's) reads as empty. */
int sl_pg_table_there(sl_pg *pg, const char *name);
/* V as decimal text in BUF, for a text parameter. */
const char *sl_pg_num(char buf[32], long long v);
/* One value of a one-row query SQL (N parameters V) into OUT (SIZE
** bytes), "" when there is no row; *FOUND says whether there was one. */
sl_status sl_pg_scalar(sl_pg *pg, const char *sql, int n, const char *const *v, char *out, size_t size,
                       int *found, const char *what, sl_error *err);
/* Run DDL statement STMT of an upgrade inside the writer's transaction
** without queueing readers behind it: tries of 200 ms (lock_timeout in a
** savepoint) with the readers' turn between them, the wait told as a
** writer's is; a lock_timeout the session set bounds the whole wait. */
sl_status sl_pg_upgrade_step(sl_pg *pg, const char *stmt, sl_error *err);

/* ---- the schema (pg_schema.c) -------------------------------------------- */

/* A writer's first transaction: create schema sightline, or prove it is a
** sightline store this sightline may write, and bring it up to date. */
sl_status sl_pg_prepare_for_writing(sl_pg *pg, sl_error *err);
/* A reader's check: the database holds a store this sightline can read. */
sl_status sl_pg_check_readable(sl_pg *pg, sl_error *err);

/* ---- records (pg_records.c) ---------------------------------------------- */

sl_status sl_pg_find_source(sl_pg *pg, const char *kind, const char *sha256, const char *snapshot,
                            sl_arena *arena, sl_source *out, int *found, sl_error *err);
sl_status sl_pg_add_source(sl_pg *pg, sl_source *src, sl_error *err);
sl_status sl_pg_set_source_sha256(sl_pg *pg, long source_id, const char *sha256, sl_error *err);
sl_status sl_pg_set_source_rows(sl_pg *pg, long source_id, long rows, sl_error *err);
sl_status sl_pg_set_source_skipped(sl_pg *pg, long source_id, long skipped, const char *why, sl_error *err);
sl_status sl_pg_set_source_credit(sl_pg *pg, long source_id, const sl_source *c, int *changed, sl_error *err);
sl_status sl_pg_load_sources(sl_pg *pg, const char *kind, sl_source_list *out, sl_error *err);
/* sl_store_remove_source's deletions, after sl_pg_restore_versions; OUT's
** deleted counts filled in. */
sl_status sl_pg_remove_source(sl_pg *pg, long source_id, sl_removal *out, sl_error *err);
/* sl_store_keep_version and sl_store_restore_versions (versions.c). */
sl_status sl_pg_keep_version(sl_pg *pg, int kind, long id, const char *name, long by, sl_error *err);
sl_status sl_pg_restore_versions(sl_pg *pg, long source_id, sl_removal *out, sl_error *err);
sl_status sl_pg_unversioned(sl_pg *pg, long source_id, int *older, long held[SL_KINDS], sl_error *err);

sl_status sl_pg_add_agency(sl_pg *pg, const sl_agency *a, sl_error *err);
sl_status sl_pg_put_agency(sl_pg *pg, const sl_agency *a, sl_put *put, sl_error *err);
sl_status sl_pg_load_agencies(sl_pg *pg, sl_agency_list *out, sl_error *err);

sl_status sl_pg_add_partnership(sl_pg *pg, const sl_partnership *p, sl_error *err);
sl_status sl_pg_put_partnership(sl_pg *pg, const sl_partnership *p, sl_put *put, sl_error *err);
sl_status sl_pg_load_partnerships(sl_pg *pg, const char *snapshot, sl_partnership_list *out, sl_error *err);
sl_status sl_pg_set_link(sl_pg *pg, long partnership_id, long agency_id, const char *method, double score,
                         sl_error *err);
sl_status sl_pg_snapshots(sl_pg *pg, sl_arena *arena, const char ***dates, size_t *count, sl_error *err);

/* ---- point layers (pg_points.c) -------------------------------------------- */

/* ---- area sets (pg_areas.c) ------------------------------------------------ */

sl_status sl_pg_add_area_set(sl_pg *pg, const sl_area_set *set, sl_error *err);
sl_status sl_pg_find_area_set(sl_pg *pg, const char *name, sl_arena *arena, sl_area_set *out, int *found,
                              sl_error *err);
sl_status sl_pg_add_area(sl_pg *pg, const char *set, const sl_area *a, sl_error *err);
sl_status sl_pg_load_areas(sl_pg *pg, const char *set, sl_area_list *out, sl_error *err);
sl_status sl_pg_area_coverage(sl_pg *pg, const char *set, long *areas, long missing[5], sl_error *err);
sl_status sl_pg_area_set_extent(sl_pg *pg, const char *set, double box[4], sl_error *err);
sl_status sl_pg_area_ids(sl_pg *pg, const char *set, sl_arena *arena, const char ***ids, size_t *count, sl_error *err);
sl_status sl_pg_area_sets(sl_pg *pg, sl_arena *arena, const char ***names, size_t *count, sl_error *err);

/* ---- requests, baselines, link corrections (pg_requests.c) ------------------ */

sl_status sl_pg_add_request(sl_pg *pg, const sl_request *r, sl_error *err);
/* Every request, or with UNLINKED those without an agency link. */
sl_status sl_pg_load_requests(sl_pg *pg, int unlinked, sl_request_list *out, sl_error *err);
sl_status sl_pg_link_request(sl_pg *pg, long request_id, long agency_id, sl_error *err);
sl_status sl_pg_put_baseline(sl_pg *pg, const char *name, const char *label, long source_id,
                             const double shares[SL_GROUP_COUNT], sl_error *err);
/* Baseline NAME into SHARES and LABEL, *FOUND 1; 0 when there is none. */
sl_status sl_pg_load_baseline(sl_pg *pg, const char *name, double shares[SL_GROUP_COUNT], char *label,
                              size_t label_len, int *found, sl_error *err);
sl_status sl_pg_baselines(sl_pg *pg, sl_arena *arena, const char ***names, size_t *count, sl_error *err);
sl_status sl_pg_add_crosswalk(sl_pg *pg, long source_id, long line, const char *record_id, const char *ori,
                              sl_error *err);
sl_status sl_pg_load_crosswalk(sl_pg *pg, sl_crosswalk *out, sl_error *err);

struct sl_chunk_pack;
/* The next free chunk number of LAYER. */
sl_status sl_pg_next_chunk_no(sl_pg *pg, const char *layer, long *no, sl_error *err);
/* Store chunk NO of LAYER: N points packed in PK, of import SOURCE. */
sl_status sl_pg_copy_chunk(sl_pg *pg, const char *layer, const char *category, long no, long source, size_t n,
                           const struct sl_chunk_pack *pk, sl_error *err);
/* LAYER's chunks in order with COLUMNS (SL_SCAN_*) read, the others NULL:
** appended to INTO, or with FN each chunk alone in INTO and passed to FN. */
sl_status sl_pg_read_points(sl_pg *pg, const char *layer, const char *category, unsigned columns, sl_points *into,
                            sl_chunk_fn fn, void *ctx, sl_error *err);
sl_status sl_pg_scan_coords(sl_pg *pg, const char *layer, const char *category, sl_coords_fn fn, void *ctx,
                            sl_error *err);
sl_status sl_pg_count_points(sl_pg *pg, const char *layer, const char *category, long *count, sl_error *err);
sl_status sl_pg_point_categories(sl_pg *pg, const char *layer, sl_arena *arena, const char ***names, size_t *count,
                                 sl_error *err);

/* ---- point layers as rows (pg_views.c) ------------------------------------ */

/* Make (or bring up to date) the views sightline.{posts,cameras,sites}_points
** and sightline.point_chunk_boxes; a writer's first transaction, after the
** schema exists. */
sl_status sl_pg_make_views(sl_pg *pg, sl_error *err);

/* ---- the directory (pg_businesses.c; sightline/store/businesses.h) ---------
** Rows in PostgreSQL tables; searches on an in-memory SQLite copy (ST names
** the store in errors). */

sl_status sl_pg_add_business(sl_pg *pg, const sl_business *b, long *id, sl_error *err);
sl_status sl_pg_businesses_each(sl_pg *pg, sl_store *st, const sl_business_filter *f, sl_business_fn fn, void *ctx,
                                sl_error *err);
sl_status sl_pg_suggestion_add(sl_pg *pg, const sl_business *b, const char *note, long long now, long *id,
                               sl_error *err);
sl_status sl_pg_suggestions_each(sl_pg *pg, const char *status, sl_business_fn fn, void *ctx, sl_error *err);
sl_status sl_pg_suggestion_decide(sl_pg *pg, long id, const char *status, long long now, int *found, sl_error *err);
sl_status sl_pg_suggestions_forget(sl_pg *pg, sl_error *err);
sl_status sl_pg_suggestions_lapse(sl_pg *pg, long long cutoff, long *removed, sl_error *err);
sl_status sl_pg_business_get(sl_pg *pg, long id, sl_business_fn fn, void *ctx, int *found, sl_error *err);
sl_status sl_pg_business_update(sl_pg *pg, long id, const sl_business *b, int *found, sl_error *err);
sl_status sl_pg_business_remove(sl_pg *pg, long id, int *found, sl_error *err);
sl_status sl_pg_business_removed(sl_pg *pg, long id, int *removed, sl_error *err);
sl_status sl_pg_business_renumber(sl_pg *pg, long from, long to, sl_error *err);
sl_status sl_pg_business_edits(sl_pg *pg, long source_id, long *n, long *id, char *name, size_t size, sl_error *err);
/* Delete import SOURCE_ID's listings (`rm`), when the directory exists. */
sl_status sl_pg_remove_businesses(sl_pg *pg, long source_id, long *removed, sl_error *err);
/* The cache PG's searches use: C (the caller's), else one of its own made
** at the first search (SL_OK when that fails: it is out of memory then). */
void sl_pg_use_directory_cache(sl_pg *pg, sl_directory_cache *c);
sl_directory_cache *sl_pg_directory_cache(sl_pg *pg);
/* 1 when SQL (a literal) is prepared on PG's connection already, so a
** per-row caller skips its set-up (as sl_store_is_cached on SQLite). */
int sl_pg_is_prepared(const sl_pg *pg, const char *sql);

/* ---- the campaign (pg_campaign.c; sightline/store/campaign.h, admin.h) ----- */

sl_status sl_pg_campaign_save(sl_pg *pg, const sl_campaign *c, sl_error *err);
sl_status sl_pg_campaign_load(sl_pg *pg, sl_arena *a, sl_campaign *c, int *found, sl_error *err);
sl_status sl_pg_area_lookup(sl_pg *pg, const char *set, const char *id, sl_arena *arena, const char **name,
                            int *found, sl_error *err);
sl_status sl_pg_area_residents(sl_pg *pg, const char *set, const char *id, double *pop, int *found, sl_error *err);
sl_status sl_pg_pledge_add(sl_pg *pg, const sl_pledge *p, const char *token_hash, long long expires, long *id,
                           sl_pledge_state *state, sl_error *err);
sl_status sl_pg_pledge_confirm(sl_pg *pg, const char *token_hash, long long now, int *confirmed, sl_error *err);
sl_status sl_pg_pledge_link(sl_pg *pg, const char *token_hash, long long now, sl_pledge_link *link, sl_arena *arena,
                           sl_pledge *shown, sl_error *err);
sl_status sl_pg_pledge_purge(sl_pg *pg, long long cutoff, long *removed, sl_error *err);
sl_status sl_pg_pledge_erase(sl_pg *pg, const char *email, long long now, int *found, sl_error *err);
/* sl_store_scrub on PostgreSQL: TABLES (a VACUUM list) rewritten, when TABLE exists. */
sl_status sl_pg_scrub(sl_pg *pg, const char *table, const char *tables, const char *what, sl_error *err);
sl_status sl_pg_pledges_each(sl_pg *pg, int confirmed_only, int consented_only, sl_pledge_fn fn, void *ctx,
                             sl_error *err);
sl_status sl_pg_pledge_counts(sl_pg *pg, long long before, sl_pledge_count_fn fn, void *ctx, sl_error *err);
/* pg_counts.c */
sl_status sl_pg_public_counts(sl_pg *pg, long long hour, sl_pledge_count_fn fn, void *ctx, int *found, sl_error *err);
sl_status sl_pg_public_counts_make(sl_pg *pg, long long hour, sl_error *err);
/* The campaign's end (pg_campaign_end.c): as campaign_end.c. */
sl_status sl_pg_campaign_closed_at(sl_pg *pg, long long *closed, sl_error *err);
sl_status sl_pg_campaign_close(sl_pg *pg, long long now, long *removed, long long *was_closed, sl_error *err);
sl_status sl_pg_campaign_reopen(sl_pg *pg, long long *was_closed, sl_error *err);
sl_status sl_pg_pledges_erase_all(sl_pg *pg, long long now, long long hour, sl_erase_all *done, sl_error *err);
sl_status sl_pg_export_log(sl_pg *pg, long long now, long rows, sl_error *err);
/* The statement of the confirmed pledges before $1 per (state, county),
** the pledges' own and, from version 7, kept_counts: read, ordered, or
** with MAKE inserted as the public counts of the hour $1. */
const char *sl_pg_counted_sql(sl_pg *pg, int make);
/* A signer's links and changes (pg_campaign_manage.c): as campaign_manage.c. */
sl_status sl_pg_manage_link_add(sl_pg *pg, long pledge_id, const char *token_hash, long long now, long long expires,
                                sl_error *err);
sl_status sl_pg_manage_due(sl_pg *pg, const char *email, long long since, long *id, int *recent, sl_error *err);
sl_status sl_pg_manage_find(sl_pg *pg, const char *token_hash, long long now, long *id, sl_arena *arena,
                            sl_pledge *shown, sl_error *err);
sl_status sl_pg_pledge_change(sl_pg *pg, const char *email, long id, sl_pledge_change what, const char *by,
                              long long now, int *found, int *changed, sl_error *err);
/* Create or bring up to date the campaign tables (pg_campaign.c), in the caller's transaction. */
sl_status sl_pg_campaign_tables(sl_pg *pg, sl_error *err);
sl_status sl_pg_listed_each(sl_pg *pg, long skip, long max, sl_pledge_fn fn, void *ctx, sl_error *err);
sl_status sl_pg_pledge_unlist(sl_pg *pg, const char *email, long id, long long now, int *found, int *was_listed,
                              sl_error *err);
sl_status sl_pg_pledge_relist(sl_pg *pg, const char *email, long id, int *found, sl_relist *done, sl_error *err);
sl_status sl_pg_outbox_add(sl_pg *pg, long pledge_id, const char *subject, const char *body, long long now,
                           sl_error *err);
sl_status sl_pg_outbox_later(sl_pg *pg, long long due, long *count, long long *first, sl_error *err);
sl_status sl_pg_outbox_pending(sl_pg *pg, sl_arena *arena, size_t max, long long due, sl_outbox_msg **msgs, size_t *n,
                               sl_error *err);
sl_status sl_pg_outbox_sent(sl_pg *pg, long id, long long now, sl_error *err);
sl_status sl_pg_outbox_failed(sl_pg *pg, long id, const char *why, long long retry_at, sl_error *err);
sl_status sl_pg_outbox_refused(sl_pg *pg, long id, const char *why, sl_error *err);
sl_status sl_pg_outbox_waiting(sl_pg *pg, long id, int *waiting, sl_error *err);
sl_status sl_pg_campaign_totals(sl_pg *pg, sl_campaign_totals *t, sl_error *err);
sl_status sl_pg_admin_token_set(sl_pg *pg, const char *hash, long long now, sl_error *err);
sl_status sl_pg_admin_token_get(sl_pg *pg, char hex[65], int *found, sl_error *err);
sl_status sl_pg_form_secret_get(sl_pg *pg, char out[64], int *found, sl_error *err);
sl_status sl_pg_form_secret_add(sl_pg *pg, const char *secret, sl_error *err);
sl_status sl_pg_area_centres(sl_pg *pg, const char *set, sl_area_centre_fn fn, void *ctx, sl_error *err);

#endif
