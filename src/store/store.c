/*
** store.c — the SQLite store: opening, transactions and the loops the
** record files share (see include/sightline/store/store.h); its tables and
** their versions are in schema.c, agencies and partnerships in records.c,
** sources in sources.c.
**
** Tables hold one row per record for the public tables (agencies,
** partnerships: thousands of rows). Millions of points do not go here row by
** row; they live in packed columns (see points store).
*/
#define _GNU_SOURCE /* sync_file_range */
#include "internal.h"
#include "pg.h"
#include "sightline/core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct sl_store {
    sqlite3 *db;  /* NULL on a PostgreSQL store */
    sl_pg *pg;    /* the PostgreSQL backend (pg.h), or NULL on SQLite */
    char path[1024];
    int wb_fd;    /* the store file, for starting writeback early (-1: none) */
    int wb_tried; /* wb_fd was opened (or failed to) */
    int writable; /* opened by sl_store_open; 0: a read-only connection */
    int read_depth; /* nested sl_store_read_begin calls holding our read transaction */
    sl_read_scope scope; /* sl_store_set_read_scope's; no functions: every record */
    long scope_counts[2]; /* the posts and cameras it sees, once counted (-1: not yet) */
    int batch;      /* inside sl_store_batch_begin: begin/commit/rollback are a savepoint's */
    int in_sp;      /* the batch's savepoint is open */
    /* How a lock another connection holds is waited for (busy below):
    ** BUSY_MS at most (0 for an attempt that must not wait; BUSY_UNTIL_FREE
    ** for a writer that tells WAIT), telling WAIT
    ** from SL_STORE_WAIT_TELL seconds on; WAITED_MS: how long the last
    ** wait that gave up lasted, for its error. */
    int busy_ms, waited_ms;
    double busy_since, told;
    sl_progress wait;
    /* Statements run once per input row (agencies, partnerships, links),
    ** kept prepared: parsing the SQL again for each row was most of the cost
    ** of a registry or Atlas import. Keyed by the SQL literal's address. */
    struct { const char *sql; sqlite3_stmt *stmt; } cached[24];
    /* sl_store_before_commit's: the CLI holds Ctrl-C over the commit */
    void (*on_commit)(void *, int);
    void *on_commit_ctx;
};

sqlite3 *sl_store_db(sl_store *st) { return st->db; }
sl_pg *sl_store_pg(const sl_store *st) { return st->pg; }
const char *sl_store_path(const sl_store *st) { return st->path; }
const char *sl_store_title(const sl_store *st) { return st->pg ? sl_pg_title(st->pg) : sl_basename(st->path); }

/* SQLite's "database is locked" after the busy timeout means another
** process holds the store: an audit reads it as one snapshot, and an import
** cannot commit before that ends. Say so, and that the import did not land. */
static const char *BUSY_HINT = "the store is in use by another sightline (an import or rm writing it, or an audit or"
                               " backup reading it)%s; nothing was changed, run this again when that one has finished%s";

/* How long a lock another process holds is waited for: the 5 s SQLite's
** busy timeout had; but a writer that is told (sl_store_open_told with a
** callback: a person at a terminal) waits until the lock goes, as it does
** on PostgreSQL, told from SL_STORE_WAIT_TELL seconds on. A colleague's
** national import holds the lock for minutes, and giving up after 5 s only
** sent the person to run the command again by hand; she sees the wait and
** Ctrl-C stops it with nothing changed. */
enum { BUSY_MS = 5000, BUSY_UNTIL_FREE = -1 };

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SQLite's busy handler: COUNT earlier calls for this lock; 0 gives up. */
static int busy(void *ctx, int count)
{
    sl_store *st = ctx;
    double t = seconds_now();
    if (count == 0) st->busy_since = st->told = t;
    double waited = t - st->busy_since;
    if (st->busy_ms != BUSY_UNTIL_FREE && waited * 1000 >= st->busy_ms) {
        st->waited_ms = (int)(waited * 1000);
        return 0;
    }
    if (waited >= SL_STORE_WAIT_TELL && t - st->told >= 1) {
        sl_progress_tell(&st->wait, sl_store_title(st), (uint64_t)waited,
                         st->busy_ms == BUSY_UNTIL_FREE ? 0 : (uint64_t)st->busy_ms / 1000);
        st->told = t;
    }
    sqlite3_sleep(count < 20 ? 5 : 25); /* soon for a commit's moment, then gently */
    return 1;
}

static sl_status fail_busy(sl_store *st, sl_error *err)
{
    char waited[48] = "";
    if (st->waited_ms >= 1000) snprintf(waited, sizeof waited, ", still after %d s of waiting", st->waited_ms / 1000);
    /* a wait that gave up was a bounded one: a job without a terminal */
    return sl_fail(err, SL_EIO, st->path, 0, BUSY_HINT, waited,
                   st->busy_ms > 0 ? " (a command without a terminal waits longer with SIGHTLINE_WAIT=SECONDS)" : "");
}

/* SQLite's "attempt to write a readonly database" names no cause, and
** comes also to a reader: opening a store whose journal an interrupted
** write left (an import killed, a power cut) rolls it back, which writes.
** The cause a user can act on, told from what this user may do with the
** store, its journal and its folder, with "nothing was changed"; 0 when
** none of them explains it (SQLite's words are then given). */
static int readonly_cause(const sl_store *st, sl_error *err)
{
    char dir[1024], journal[1040], real[PATH_MAX];
    struct stat sb;
    const char *slash = strrchr(st->path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else snprintf(dir, sizeof dir, "%.*s", slash == st->path ? 1 : (int)(slash - st->path), st->path);
    const char *folder = realpath(dir, real) ? real : dir; /* named as a user finds it, never "." */
    snprintf(journal, sizeof journal, "%s-journal", st->path);
    int hot = stat(journal, &sb) == 0 && sb.st_size > 0;
    int dir_w = access(dir, W_OK) == 0, file_w = access(st->path, W_OK) == 0;
    if (hot && (!dir_w || !file_w))
        sl_fail(err, SL_EIO, st->path, 0,
                "an interrupted write (an import killed, or a power cut) left %s beside the store, and the store"
                " cannot be read until it is rolled back, which needs a user who can write the store file and its"
                " folder %s: run any sightline command on the store once as such a user (`sightline info -s %s`)"
                " to finish it; nothing was changed",
                sl_basename(journal), folder, st->path);
    else if (!file_w)
        sl_fail(err, SL_EIO, st->path, 0, "the store file is read-only for this user (no write permission);"
                                          " nothing was changed");
    else if (!dir_w)
        sl_fail(err, SL_EIO, st->path, 0,
                "cannot write the store: SQLite writes its journal (%s) beside the store while it writes, and the"
                " folder %s is not writable for this user; writing needs write permission on the folder too;"
                " nothing was changed", sl_basename(journal), folder);
    return !file_w || !dir_w;
}


/* The error of a failed statement (RC, SQLite's MSG) while doing WHAT. A
** file that is not SQLite fails at whichever statement first reads it,
** which differs between a reader and a writer: one message for both. */
static sl_status fail_rc(sl_store *st, sl_error *err, int rc, const char *what, const char *msg)
{
    if ((rc & 0xff) == SQLITE_BUSY) return fail_busy(st, err);
    if ((rc & 0xff) == SQLITE_NOTADB) return sl_store_not_ours(st, err, "it is not an SQLite file");
    if ((rc & 0xff) == SQLITE_READONLY && readonly_cause(st, err)) return SL_EIO;
    struct stat sb; /* the journal can copy up to the whole store */
    unsigned long long need = stat(st->path, &sb) == 0 ? (unsigned long long)sb.st_size : 0;
    if (sl_store_full_cause(st->db, rc, st->path, what, need,
                            "(SQLite keeps beside the store a journal that can copy every page a write changes, up "
                            "to the store's size, and what the write adds comes on top)",
                            err))
        return SL_EIO;
    return sl_fail(err, SL_EIO, st->path, 0, "%s: %s", what, msg ? msg : "error");
}

sl_status sl_store_fail(sl_store *st, sl_error *err, const char *what)
{
    if (st->pg) return sl_pg_unsupported(st->pg, err);
    return fail_rc(st, err, sqlite3_errcode(st->db), what, sqlite3_errmsg(st->db));
}

sl_status sl_store_exec(sl_store *st, const char *sql, sl_error *err)
{
    char *msg = NULL;
    if (st->pg) return sl_pg_unsupported(st->pg, err); /* SQLite's SQL: a part PostgreSQL lacks yet */
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK) return SL_OK;
    fail_rc(st, err, rc, "store", msg);
    sqlite3_free(msg);
    return SL_EIO;
}

sl_status sl_store_prepare(sl_store *st, const char *sql, sqlite3_stmt **out, sl_error *err)
{
    *out = NULL;
    if (st->pg) return sl_pg_unsupported(st->pg, err);
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) == SQLITE_OK) return SL_OK;
    return sl_store_fail(st, err, "store query");
}

sl_status sl_store_prepare_cached(sl_store *st, const char *sql, sqlite3_stmt **out, sl_error *err)
{
    size_t n = sizeof st->cached / sizeof st->cached[0], i;
    for (i = 0; i < n && st->cached[i].sql; i++)
        if (st->cached[i].sql == sql) {
            *out = st->cached[i].stmt;
            sqlite3_reset(*out);
            sqlite3_clear_bindings(*out);
            return SL_OK;
        }
    if (sl_store_prepare(st, sql, out, err)) return err->status;
    if (i == n) { /* more cached statements than slots: a programming error */
        sqlite3_finalize(*out);
        return sl_fail(err, SL_EUSAGE, st->path, 0, "store statement cache full");
    }
    st->cached[i].sql = sql;
    st->cached[i].stmt = *out;
    return SL_OK;
}

int sl_store_is_cached(const sl_store *st, const char *sql)
{
    for (size_t i = 0; i < sizeof st->cached / sizeof st->cached[0] && st->cached[i].sql; i++)
        if (st->cached[i].sql == sql) return 1;
    return 0;
}

void sl_bind_text(sqlite3_stmt *s, int i, const char *text)
{
    if (text) sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
}

const char *sl_column_text(sqlite3_stmt *s, int i, sl_arena *arena)
{
    return sl_arena_strdup(arena, (const char *)sqlite3_column_text(s, i));
}

int sl_store_has_table(sl_store *st, const char *name)
{
    sqlite3_stmt *s;
    if (st->pg) return 1; /* so that a reader of a layer PostgreSQL lacks fails at its query, never reads empty */
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", -1, &s, NULL))
        return 0;
    sl_bind_text(s, 1, name);
    int found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

int sl_store_has_column(sl_store *st, const char *table, const char *column)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM pragma_table_info(?) WHERE name=?", -1, &s, NULL)) return 0;
    sl_bind_text(s, 1, table);
    sl_bind_text(s, 2, column);
    int found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

int sl_store_writable(const sl_store *st) { return st->writable; }

/* A store handle on a PostgreSQL database (pg.h). */
static sl_status open_pg(const char *conninfo, int writable, const char *app, const sl_progress *wait,
                         sl_store **out, sl_error *err)
{
    sl_store *st = calloc(1, sizeof *st);
    *out = NULL;
    if (!st) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (sl_pg_open(conninfo, writable, app, wait, &st->pg, err)) {
        free(st);
        return err->status;
    }
    snprintf(st->path, sizeof st->path, "%s", sl_pg_name(st->pg));
    st->writable = writable;
    st->wb_fd = -1;
    *out = st;
    return SL_OK;
}

int sl_store_path_special(const char *path)
{
    return !path || !path[0] || strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0;
}

sl_status sl_store_not_ours(sl_store *st, sl_error *err, const char *why)
{
    return sl_fail(err, SL_EDATA, st->path, 0, "not a sightline store (%s); nothing was changed", why);
}

/* Before SQLite sees PATH: a store is a regular file (or, for a writer
** (CREATE), one to be made; tests and fuzzers write to ":memory:", which
** the CLI refuses). SQLite would open a directory or a device for one and
** fail later, with other words for a reader and a writer. */
static sl_status check_path(const char *path, int create, sl_error *err)
{
    struct stat sb;
    if (sl_store_path_special(path) && create) return SL_OK;
    if (sl_store_path_special(path))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "'%s' is not a store file name", path ? path : "");
    if (stat(path, &sb) != 0) {
        int e = errno;
        char why[4400];
        if ((e == ENOENT || e == ENOTDIR) && create && sl_parent_dir_problem(path, why, sizeof why))
            return sl_fail(err, SL_EIO, path, 0, "cannot make a store here: %s", why);
        if (e == ENOENT && create) return SL_OK;
        if (e == ENOENT)
            return sl_fail(err, SL_EIO, NULL, 0, "no store at %s (import something first, or check -s)", path);
        return sl_fail(err, SL_EIO, path, 0, "cannot open store: %s", strerror(e));
    }
    if (S_ISREG(sb.st_mode)) return SL_OK;
    return sl_fail(err, SL_EDATA, path, 0, "not a sightline store (it is %s); nothing was changed",
                   S_ISDIR(sb.st_mode) ? "a directory" : "not a regular file");
}

/* Open PATH with FLAGS; a lock another process holds is waited for until
** it goes when WAIT has a callback, else MAX_S seconds (0: BUSY_MS). */
static sl_status open_db(const char *path, int flags, const sl_progress *wait, unsigned max_s, sl_store **out,
                         sl_error *err)
{
    *out = NULL;
    if (check_path(path, (flags & SQLITE_OPEN_CREATE) != 0, err)) return err->status;
    sl_store *st = calloc(1, sizeof *st);
    if (!st) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    snprintf(st->path, sizeof st->path, "%s", path);
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        sl_fail(err, SL_EIO, path, 0, "cannot open store: %s",
                st->db ? sqlite3_errmsg(st->db) : "out of memory");
        sl_store_close(st);
        return SL_EIO;
    }
    st->busy_ms = wait && wait->fn ? BUSY_UNTIL_FREE : max_s ? (int)(max_s < 86400 ? max_s : 86400) * 1000 : BUSY_MS;
    if (wait) st->wait = *wait;
    sqlite3_busy_handler(st->db, busy, st);
    *out = st;
    return SL_OK;
}

/* The journal mode of ST's file: 1 when it is WAL. */
static int in_wal(sl_store *st)
{
    sqlite3_stmt *q = NULL;
    int wal = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        wal = sqlite3_column_text(q, 0) && !strcmp((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    return wal;
}

/* Back to the rollback journal every store is written with, unless a
** running `sightline serve` holds the file in WAL for its pledges
** (sl_store_use_wal): leaving WAL needs the file to itself, so then it
** stays WAL, which SQLite shares safely between processes, and the
** server's last connection to close folds the log back into the file. */
static sl_status journal_delete(sl_store *st, sl_error *err)
{
    if (!in_wal(st)) return sl_store_exec(st, "PRAGMA journal_mode=DELETE;", err);
    int busy_ms = st->busy_ms;
    st->busy_ms = 0;
    int rc = sqlite3_exec(st->db, "PRAGMA journal_mode=DELETE;", NULL, NULL, NULL);
    st->busy_ms = busy_ms;
    if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY) return SL_OK;
    return sl_store_fail(st, err, "store journal");
}

sl_status sl_store_use_wal(sl_store *st, sl_error *err)
{
    if (st->pg) return SL_OK; /* PostgreSQL: readers never wait for the writer anyway (MVCC) */
    char sql[120];
    snprintf(sql, sizeof sql, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA journal_size_limit=%d;",
             SL_STORE_WAL_KEEP_BYTES);
    if (sl_store_exec(st, sql, err)) return err->status;
    return in_wal(st) ? SL_OK : sl_fail(err, SL_EIO, st->path, 0, "the store cannot use a write-ahead log here");
}

sl_status sl_store_open(const char *path, sl_store **out, sl_error *err)
{
    return sl_store_open_told(path, NULL, out, err);
}

sl_status sl_store_open_told(const char *path, const sl_progress *wait, sl_store **out, sl_error *err)
{
    return sl_store_open_told_within(path, wait, 0, out, err);
}

sl_status sl_store_open_told_within(const char *path, const sl_progress *wait, unsigned max_s, sl_store **out,
                                    sl_error *err)
{
    sl_store *st;
    *out = NULL;
    if (sl_store_is_postgres(path)) return open_pg(path, 1, NULL, wait, out, err);
    if (open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, wait, max_s, &st, err)) return err->status;
    st->writable = 1;
    /* Nothing is written before the file proved to be a store (or empty).
    ** page_size only takes effect on a new, empty file: 64 KiB pages let a
    ** point chunk's half-megabyte blobs go to disk in 16x fewer pages (and
    ** write calls) than the default 4 KiB; existing stores keep theirs. A
    ** file that is not SQLite fails at the first read, unchanged. */
    sl_status rc = sl_store_exec(st, "PRAGMA page_size=65536; PRAGMA foreign_keys=ON;", err);
    if (rc == SL_OK) rc = sl_store_exec(st, "BEGIN IMMEDIATE", err);
    if (rc == SL_OK) rc = sl_store_prepare_for_writing(st, err);
    if (rc == SL_OK) rc = sl_store_exec(st, "COMMIT", err);
    if (rc == SL_OK) rc = journal_delete(st, err);
    if (rc) {
        sl_store_rollback(st);
        sl_store_close(st);
        return rc;
    }
    *out = st;
    return SL_OK;
}

static sl_status open_read(const char *path, const char *app, unsigned max_s, sl_store **out, sl_error *err);

sl_status sl_store_open_read(const char *path, sl_store **out, sl_error *err)
{
    return sl_store_open_read_as(path, NULL, out, err);
}

sl_status sl_store_open_read_as(const char *path, const char *app, sl_store **out, sl_error *err)
{
    return open_read(path, app, 0, out, err);
}

sl_status sl_store_open_read_within(const char *path, unsigned max_s, sl_store **out, sl_error *err)
{
    return open_read(path, NULL, max_s, out, err);
}

static sl_status open_read(const char *path, const char *app, unsigned max_s, sl_store **out, sl_error *err)
{
    sl_store *st;
    *out = NULL;
    if (sl_store_is_postgres(path)) return open_pg(path, 0, app, NULL, out, err);
    /* Read-write without CREATE, but query_only: SQLite refuses every
    ** write on this connection, yet can still roll back the journal an
    ** import killed mid-way left behind (a read-only connection cannot, and
    ** would fail on such a store). A write-protected file opens read-only. */
    if (open_db(path, SQLITE_OPEN_READWRITE, NULL, max_s, &st, err)) return err->status;
    sl_status rc = sl_store_exec(st, "PRAGMA query_only=ON; PRAGMA foreign_keys=ON;", err);
    if (rc == SL_OK) rc = sl_store_check_identity(st, err);
    if (rc) {
        sl_store_close(st);
        return rc;
    }
    *out = st;
    return SL_OK;
}

sl_status sl_store_generation(sl_store *st, char *out, size_t size, sl_error *err)
{
    if (size) out[0] = '\0';
    return st->pg ? sl_pg_generation(st->pg, out, size, err) : SL_OK;
}

sl_status sl_store_read_begin(sl_store *st, sl_error *err)
{
    sqlite3_stmt *s;
    if (st->pg) return sl_pg_read_begin(st->pg, err);
    if (st->read_depth) { /* nested: the snapshot already held is the one */
        st->read_depth++;
        return SL_OK;
    }
    if (!sqlite3_get_autocommit(st->db)) return SL_OK; /* inside a write transaction */
    if (sl_store_exec(st, "BEGIN DEFERRED", err)) return err->status;
    /* A deferred transaction takes its shared lock at the first read: take
    ** it now, so the snapshot starts here and not at some later query. */
    sl_status rc = sl_store_prepare(st, "SELECT count(*) FROM sqlite_master", &s, err);
    if (rc == SL_OK) {
        if (sqlite3_step(s) != SQLITE_ROW) rc = sl_store_fail(st, err, "starting a read");
        sqlite3_finalize(s);
    }
    if (rc) {
        sl_store_rollback(st);
        return rc;
    }
    st->read_depth = 1;
    return SL_OK;
}

void sl_store_read_end(sl_store *st)
{
    if (st->pg) {
        sl_pg_read_end(st->pg);
        return;
    }
    if (!st->read_depth || --st->read_depth) return;
    sl_store_rollback(st); /* nothing was written: ending it releases the lock */
}

void sl_store_writeback(sl_store *st)
{
#ifdef SYNC_FILE_RANGE_WRITE
    if (st->pg) return;
    if (!st->wb_tried) {
        st->wb_tried = 1;
        st->wb_fd = open(st->path, O_RDONLY | O_CLOEXEC);
    }
    if (st->wb_fd >= 0) sync_file_range(st->wb_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)st;
#endif
}

int sl_store_reuse(sl_store *st)
{
    if (!st || !st->pg || st->writable) return 0;
    return sl_pg_reset(st->pg);
}

/* A write that failed for want of room (a full disk) can leave its
** rollback unfinished: the store file holds some of the write's pages and
** the journal beside it the old ones, until the next opener rolls it back.
** A `cp` of the store in between copied a damaged file. A read on this
** connection finishes the rollback now, while the space the failed write
** took is free again. A journal of another writer's open transaction
** makes that read busy: it does not wait, and changes nothing. */
static void finish_rollback(sl_store *st)
{
    char journal[4200];
    struct stat sb;
    if (!st->writable || !sqlite3_get_autocommit(st->db)) return;
    snprintf(journal, sizeof journal, "%s-journal", st->path);
    if (stat(journal, &sb) != 0 || sb.st_size == 0) return;
    sqlite3_busy_timeout(st->db, 0); /* closing: no wait for another writer */
    sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
}

void sl_store_close(sl_store *st)
{
    if (!st) return;
    if (st->pg) {
        sl_pg_close(st->pg);
        free(st);
        return;
    }
    if (st->wb_tried && st->wb_fd >= 0) close(st->wb_fd);
    sl_store_read_end(st);
    for (size_t i = 0; i < sizeof st->cached / sizeof st->cached[0]; i++)
        sqlite3_finalize(st->cached[i].stmt);
    finish_rollback(st);
    sqlite3_close(st->db);
    free(st);
}

/* Inside a batch (sl_store_batch_begin) a unit is a savepoint, on either
** backend: SQLite's and PostgreSQL's SAVEPOINT roll back one unit alone. */
static sl_status unit_sql(sl_store *st, const char *sql, sl_error *err)
{
    return st->pg ? sl_pg_exec(st->pg, sql, "a pledge's savepoint", err) : sl_store_exec(st, sql, err);
}

sl_status sl_store_begin(sl_store *st, sl_error *err)
{
    if (!st->batch) return st->pg ? sl_pg_begin(st->pg, err) : sl_store_exec(st, "BEGIN IMMEDIATE", err);
    sl_status rc = unit_sql(st, "SAVEPOINT sl_batch_one", err);
    st->in_sp = rc == SL_OK;
    return rc;
}

void sl_store_on_commit(sl_store *st, void (*fn)(void *ctx, int done), void *ctx)
{
    st->on_commit = fn;
    st->on_commit_ctx = ctx;
}

sl_status sl_store_commit(sl_store *st, sl_error *err)
{
    if (!st->batch) {
        if (st->on_commit) st->on_commit(st->on_commit_ctx, 0);
        sl_status rc = st->pg ? sl_pg_commit(st->pg, err) : sl_store_exec(st, "COMMIT", err);
        if (st->on_commit && !rc) st->on_commit(st->on_commit_ctx, 1);
        return rc;
    }
    st->in_sp = 0;
    return unit_sql(st, "RELEASE sl_batch_one", err);
}

void sl_store_rollback(sl_store *st)
{
    if (st->batch) { /* the one unit's changes go; the batch's others stay */
        sl_error ignored;
        if (st->in_sp) unit_sql(st, "ROLLBACK TO sl_batch_one; RELEASE sl_batch_one", &ignored);
        st->in_sp = 0;
        return;
    }
    if (st->pg) sl_pg_rollback(st->pg);
    else if (!sqlite3_get_autocommit(st->db)) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

sl_status sl_store_in_tx(sl_store *st, sl_store_tx_fn fn, void *ctx, sl_error *err)
{
    sl_status rc = sl_store_begin(st, err);
    if (rc) return rc;
    rc = fn(st, ctx, err);
    if (!rc) rc = sl_store_commit(st, err);
    if (rc) sl_store_rollback(st);
    return rc;
}

/* A batch is one transaction (on PostgreSQL holding the write lock, as
** every write transaction does, so pledges from several servers on one
** database are written one batch at a time). */
sl_status sl_store_batch_begin(sl_store *st, sl_error *err)
{
    sl_status rc = st->pg ? sl_pg_begin(st->pg, err) : sl_store_exec(st, "BEGIN IMMEDIATE", err);
    st->batch = rc == SL_OK;
    st->in_sp = 0;
    return rc;
}

sl_status sl_store_batch_commit(sl_store *st, sl_error *err)
{
    st->batch = st->in_sp = 0;
    return st->pg ? sl_pg_commit(st->pg, err) : sl_store_exec(st, "COMMIT", err);
}

void sl_store_batch_rollback(sl_store *st)
{
    st->batch = st->in_sp = 0;
    if (st->pg) sl_pg_rollback(st->pg);
    else if (!sqlite3_get_autocommit(st->db)) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Grow *items (of SIZE bytes each) to hold one more; 0 on success. */
int sl_store_grow(void **items, size_t count, size_t *cap, size_t size)
{
    if (count < *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : 256;
    void *n = realloc(*items, ncap * size);
    if (!n) return -1;
    *items = n;
    *cap = ncap;
    return 0;
}

sl_status sl_store_load_rows(sl_store *st, sqlite3_stmt *s, void **items, size_t *count, size_t size,
                             sl_arena *arena, sl_store_row_fn read, const char *what, sl_error *err)
{
    size_t cap = *count;
    int step;
    sl_status rc = SL_OK;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (sl_store_grow(items, *count, &cap, size)) {
            rc = sl_fail(err, SL_ENOMEM, st->path, 0, "out of memory loading %s", what);
            break;
        }
        void *item = (char *)*items + *count * size;
        memset(item, 0, size);
        ++*count;
        if (read(s, arena, item)) rc = sl_fail(err, SL_ENOMEM, st->path, 0, "out of memory loading %s", what);
    }
    if (!rc && step != SQLITE_DONE) {
        char doing[96];
        snprintf(doing, sizeof doing, "loading %s", what);
        rc = sl_store_fail(st, err, doing);
    }
    sqlite3_reset(s);
    return rc;
}

/* Append TEXT (an arena string; NULL: the arena ran out) to the arena-backed
** *LIST of *COUNT with room for *CAP, growing it in ARENA. */
static sl_status text_list_push(sl_store *st, sl_arena *arena, const char ***list, size_t *count, size_t *cap,
                                const char *text, sl_error *err)
{
    if (!text) return sl_fail(err, SL_ENOMEM, st->path, 0, "out of memory");
    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        const char **n = sl_arena_alloc(arena, ncap * sizeof *n);
        if (!n) return sl_fail(err, SL_ENOMEM, st->path, 0, "out of memory");
        if (*list) memcpy(n, *list, *count * sizeof *n);
        *list = n;
        *cap = ncap;
    }
    (*list)[(*count)++] = text;
    return SL_OK;
}

sl_status sl_store_load_texts(sl_store *st, sqlite3_stmt *s, sl_arena *arena, const char ***list, size_t *count,
                              const char *what, sl_error *err)
{
    size_t cap = 0, n = 0;
    const char **texts = NULL;
    int step;
    sl_status rc = SL_OK;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
        rc = text_list_push(st, arena, &texts, &n, &cap, sl_column_text(s, 0, arena), err);
    if (!rc && step != SQLITE_DONE) {
        char doing[96];
        snprintf(doing, sizeof doing, "listing %s", what);
        rc = sl_store_fail(st, err, doing);
    }
    sqlite3_reset(s);
    if (rc) return rc; /* the strings stay in the caller's arena, the list is not handed out */
    *list = texts;
    *count = n;
    return SL_OK;
}

void sl_store_set_read_scope(sl_store *st, const sl_read_scope *scope)
{
    if (scope) st->scope = *scope;
    else memset(&st->scope, 0, sizeof st->scope);
    st->scope_counts[0] = st->scope_counts[1] = -1;
}

long *sl_store_scope_count(sl_store *st, const char *layer)
{
    return &st->scope_counts[strcmp(layer, "posts") == 0 ? 0 : 1];
}

const sl_read_scope *sl_store_scope_of(const sl_store *st, const char *layer)
{
    if (!layer) return st->scope.request ? &st->scope : NULL;
    if (strcmp(layer, "posts") != 0 && strcmp(layer, "cameras") != 0) return NULL;
    return st->scope.points ? &st->scope : NULL;
}
