/*
** backup.c — a consistent copy of a SQLite store, whole or shareable (see
** sightline/store/backup.h).
**
** Copying the file while `serve` writes to it gives a file without what is
** still in its write-ahead log: stale, or inconsistent. SQLite's online
** backup copies the pages through a connection instead, here inside one read
** transaction of the source, so the copy is the store at one moment while
** writers go on (in WAL mode they are not blocked; in a rollback journal they
** wait for the copy, as for any reader).
**
** --share leaves out what a colleague outside the campaign must not get:
** every pledge and what ties to one (its links, those to manage it, its
** messages in the outbox, the record of erasures and of changes), readers' suggestions for the directory (a note
** may name the reader), the admin token's hash and the form secret (meta),
** and who imported what (a system user's name). The evidence stays, with the
** campaign's public text and its hourly public counts (per county, already
** served to anyone). The copy is then vacuumed, so that no deleted row
** lingers in a free page.
*/
#include "internal.h"
#include "sightline/store/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pages per backup step: a step between two looks at the stop flag and two
** progress reports (4 MB at SQLite's default page size). */
enum { STEP_PAGES = 1024 };

/* What --share deletes, table by table (a table the store lacks is skipped). */
static const char *const SHARE_DELETES[][2] = {
    {"outbox", "DELETE FROM outbox"},
    {"pledge_links", "DELETE FROM pledge_links"},
    {"manage_links", "DELETE FROM manage_links"},
    {"pledge_changes", "DELETE FROM pledge_changes"},
    {"pledges", "DELETE FROM pledges"},
    {"erasures", "DELETE FROM erasures"},
    {"business_suggestions", "DELETE FROM business_suggestions"},
    {"meta", "DELETE FROM meta WHERE key IN ('admin_token_sha256', 'admin_token_created', 'form_secret')"},
    {"sources", "UPDATE sources SET imported_by = NULL"},
    {"backups", "DELETE FROM backups"}, /* where the whole copies went: not the colleague's */
};
#define NSHARE (sizeof SHARE_DELETES / sizeof SHARE_DELETES[0])

/* The dump holds sightline's schema only: PostGIS, whose types its tables
** use, is made in the new database first, and --no-owner --no-privileges
** restore it as the role running pg_restore, where the owner's and
** colleagues' roles may not exist (pg_restore of the dump as it was
** printed before failed on "type public.geometry does not exist"). */
#define PG_RESTORE(DB, OUT)                                                                                            \
    "createdb " DB "; psql -d " DB " -c 'CREATE EXTENSION postgis'; pg_restore --no-owner --no-privileges"         \
    " --dbname=" DB " " OUT

void sl_store_backup_pg_advice(int share, char *buf, size_t len)
{
    if (!share) {
        snprintf(buf, len,
                 "pg_dump --format=custom --schema=sightline --file=OUT 'DATABASE' (to restore it: "
                 PG_RESTORE("NEWDB", "OUT") ", then grant colleagues their roles again: README.md)");
        return;
    }
    snprintf(buf, len,
             "pg_dump --format=custom --schema=sightline --exclude-table-data=sightline.pledges"
             " --exclude-table-data=sightline.pledge_links --exclude-table-data=sightline.outbox"
             " --exclude-table-data=sightline.erasures --exclude-table-data=sightline.manage_links"
             " --exclude-table-data=sightline.pledge_changes --exclude-table-data=sightline.business_suggestions"
             " --file=OUT 'DATABASE'; that dump still holds the admin token's hash, the form secret and who imported"
             " what: restore it into a scratch database (" PG_RESTORE("SCRATCH", "OUT") "), run there psql -d SCRATCH"
             " -c \"DELETE FROM sightline.meta WHERE key IN ('admin_token_sha256', 'admin_token_created',"
             " 'form_secret'); UPDATE sightline.sources SET imported_by = NULL\" and hand on"
             " pg_dump --format=custom --schema=sightline --file=SHARED SCRATCH");
}

static int db_has_table(sqlite3 *db, const char *name)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &s, NULL))
        return 0;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

/* The first column of SQL's first row on DB (0 when none). */
static long long db_count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    long long n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL)) return 0;
    if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* A copy that found no room names OUT, not its temporary name (which is
** gone by the time the person reads it), and the room it needed: about the
** store's size (NEED). */
static int copy_full(sqlite3 *db, int rc, const char *tmp, const char *what, unsigned long long need, sl_error *err)
{
    char out[4096];
    snprintf(out, sizeof out, "%s", tmp);
    char *cut = strstr(out, ".partial-");
    if (cut) *cut = '\0';
    return sl_store_full_cause(db, rc, out, what, need, "(the copy is about as large as the store)", err);
}

static sl_status db_fail(sqlite3 *db, const char *path, const char *what, sl_error *err)
{
    if (db && copy_full(db, sqlite3_extended_errcode(db), path, what, 0, err)) return SL_EIO;
    return sl_fail(err, SL_EIO, path, 0, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

static sl_status db_exec(sqlite3 *db, const char *path, const char *sql, const char *what, sl_error *err)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? SL_OK : db_fail(db, path, what, err);
}

/* Refuse an OUT that is the store itself or exists already. */
static sl_status check_out(sl_store *st, const char *out, sl_error *err)
{
    struct stat so, ss;
    if (!out[0]) return sl_fail(err, SL_EUSAGE, NULL, 0, "the copy needs a file name, not an empty string");
    if (lstat(out, &so) != 0) return SL_OK;
    if (stat(sl_store_path(st), &ss) == 0 && stat(out, &so) == 0 && so.st_dev == ss.st_dev && so.st_ino == ss.st_ino)
        return sl_fail(err, SL_EUSAGE, NULL, 0,
                       "%s is the store itself: a backup goes to a new file; give another name", out);
    return sl_fail(err, SL_EUSAGE, NULL, 0,
                   "%s exists: a backup never replaces a file; remove it or pick another name", out);
}

/* The pages of SRC into DEST, inside one read transaction of SRC. */
static sl_status copy_pages(sl_store *st, sqlite3 *dest, const char *tmp, const sl_backup_opts *o, sl_error *err)
{
    if (sl_store_read_begin(st, err)) return err->status;
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", sl_store_db(st), "main");
    if (!b) {
        sl_store_read_end(st);
        return db_fail(dest, tmp, "starting the copy", err);
    }
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (o->stop && *o->stop) break;
        if (rc != SQLITE_OK) sqlite3_sleep(50); /* the file's lock is another's for a moment */
        rc = sqlite3_backup_step(b, STEP_PAGES);
        int total = sqlite3_backup_pagecount(b);
        sl_progress_tell(&o->progress, "pages copied", (uint64_t)(total - sqlite3_backup_remaining(b)),
                         (uint64_t)total);
    }
    sqlite3_backup_finish(b);
    sl_store_read_end(st);
    if (o->stop && *o->stop) return sl_fail(err, SL_EIO, NULL, 0, "backup interrupted: no copy was written");
    struct stat sb;
    unsigned long long need = stat(sl_store_path(st), &sb) == 0 ? (unsigned long long)sb.st_size : 0;
    if (rc != SQLITE_DONE && copy_full(dest, rc, tmp, "copying", need, err)) return SL_EIO;
    if (rc != SQLITE_DONE) return sl_fail(err, SL_EIO, sl_store_path(st), 0, "copying: %s", sqlite3_errstr(rc));
    return SL_OK;
}

/* Leave out of the copy what --share must not hand on, then vacuum it. */
static sl_status strip(sqlite3 *db, const char *tmp, sl_backup_result *res, sl_error *err)
{
    if (db_has_table(db, "pledges")) res->left_out = db_count(db, "SELECT count(*) FROM pledges");
    if (db_exec(db, tmp, "PRAGMA secure_delete=ON; PRAGMA foreign_keys=OFF; BEGIN", "leaving data out", err))
        return err->status;
    for (size_t i = 0; i < NSHARE; i++)
        if (db_has_table(db, SHARE_DELETES[i][0]) &&
            db_exec(db, tmp, SHARE_DELETES[i][1], "leaving data out", err)) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return err->status;
        }
    if (db_exec(db, tmp, "COMMIT", "leaving data out", err)) return err->status;
    return db_exec(db, tmp, "VACUUM", "compacting the copy", err);
}

/* The copy says "ok" to quick_check. */
static sl_status check_copy(sqlite3 *db, const char *tmp, sl_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &s, NULL)) return db_fail(db, tmp, "checking the copy", err);
    int rc = sqlite3_step(s);
    int ok = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
    char first[256] = "";
    if (rc == SQLITE_ROW && !ok) snprintf(first, sizeof first, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (ok) return SL_OK;
    if (rc != SQLITE_ROW) return db_fail(db, tmp, "checking the copy", err);
    return sl_fail(err, SL_EIO, tmp, 0, "the copy failed SQLite's check (%s): no copy was written", first);
}

static void count_copy(sqlite3 *db, sl_backup_result *res)
{
    if (db_has_table(db, "sources")) {
        res->imports = db_count(db, "SELECT count(*) FROM sources");
        res->records = db_count(db, "SELECT coalesce(sum(rows), 0) FROM sources");
    }
    if (db_has_table(db, "pledges")) res->pledges = db_count(db, "SELECT count(*) FROM pledges");
    res->bytes = db_count(db, "PRAGMA page_count") * db_count(db, "PRAGMA page_size");
}

/* Copy, strip (--share), check and count into the open DEST at TMP. */
static sl_status fill(sl_store *st, sqlite3 *dest, const char *tmp, const sl_backup_opts *o, sl_backup_result *res,
                      sl_error *err)
{
    if (copy_pages(st, dest, tmp, o, err)) return err->status;
    /* one file to hand on, whatever journal the store used */
    if (db_exec(dest, tmp, "PRAGMA journal_mode=DELETE", "writing the copy", err)) return err->status;
    if (o->share && strip(dest, tmp, res, err)) return err->status;
    if (o->stop && *o->stop) return sl_fail(err, SL_EIO, NULL, 0, "backup interrupted: no copy was written");
    if (check_copy(dest, tmp, err)) return err->status;
    count_copy(dest, res);
    return SL_OK;
}

/* The copy on disk before it takes its name. */
static sl_status sync_file(const char *path, sl_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0) close(fd);
        return sl_fail(err, SL_EIO, path, 0, "writing the copy: %s", strerror(e));
    }
    close(fd);
    return SL_OK;
}

/* TMP takes the name OUT, unless a file took it meanwhile (link refuses
** to replace one; a file system without hard links gets a rename). */
static sl_status give_name(const char *tmp, const char *out, sl_error *err)
{
    if (link(tmp, out) == 0) {
        unlink(tmp);
        return SL_OK;
    }
    if (errno == EEXIST)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "%s was made while the copy was written: remove it or pick another"
                       " name", out);
    if (rename(tmp, out) == 0) return SL_OK;
    return sl_fail(err, SL_EIO, out, 0, "naming the copy: %s", strerror(errno));
}

static void remove_tmp(const char *tmp)
{
    static const char *const ENDS[] = {"", "-journal", "-wal", "-shm"};
    char p[4500];
    for (size_t i = 0; i < sizeof ENDS / sizeof ENDS[0]; i++) {
        snprintf(p, sizeof p, "%s%s", tmp, ENDS[i]);
        unlink(p);
    }
}

/* NAME is a copy's temporary name: it ends ".partial-" and mkstemp's six characters. */
static int is_partial(const char *name)
{
    size_t n = strlen(name);
    if (n < 16 || strncmp(name + n - 15, ".partial-", 9)) return 0;
    for (size_t i = n - 6; i < n; i++)
        if (!((name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= 'a' && name[i] <= 'z') ||
              (name[i] >= '0' && name[i] <= '9')))
            return 0;
    return 1;
}

/* PATH, a file of ours, is the copy of a backup that was killed: no running
** backup holds its lock (a running one holds it to the end), and it is
** empty or a SQLite file, whole or cut short. */
static int is_stale(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return 0;
    struct stat sb;
    char head[16] = "";
    int ours = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid();
    static const char ZERO[16];
    /* page 1 is written last: a copy cut short begins with zeros */
    int sqlite = ours && (sb.st_size == 0 || (read(fd, head, sizeof head) == (ssize_t)sizeof head &&
                                              (!memcmp(head, "SQLite format 3", 16) || !memcmp(head, ZERO, 16))));
    int free_lock = sqlite && flock(fd, LOCK_EX | LOCK_NB) == 0;
    close(fd);
    return free_lock;
}

/* Remove from OUT's directory the copies killed backups left there (SIGKILL,
** a crash, a full disk's abort): each is the whole store, pledges and all,
** under a name nobody reads. Counted, and the first named, in RES. */
static void remove_stale(const char *out, sl_backup_result *res)
{
    char dir[4096];
    const char *slash = strrchr(out, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - out) + (slash == out) : 1, slash ? out : ".");
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[4400];
        if (!is_partial(e->d_name) || snprintf(path, sizeof path, "%s%s%s", slash ? dir : "", slash ? "/" : "", e->d_name) >= (int)sizeof path ||
            !is_stale(path))
            continue;
        remove_tmp(path);
        if (!res->stale++) snprintf(res->stale_first, sizeof res->stale_first, "%s", path);
    }
    closedir(d);
}

sl_status sl_store_backup(sl_store *st, const char *out, const sl_backup_opts *o, sl_backup_result *res,
                          sl_error *err)
{
    memset(res, 0, sizeof *res);
    if (!sl_store_db(st)) {
        char advice[1536];
        sl_store_backup_pg_advice(o->share, advice, sizeof advice);
        return sl_fail(err, SL_EUSAGE, NULL, 0, "backup copies a SQLite store; for PostgreSQL use %s", advice);
    }
    if (check_out(st, out, err)) return err->status;
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.partial-XXXXXX", out) >= (int)sizeof tmp)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "the copy's file name is too long");
    remove_stale(out, res);
    int fd = mkstemp(tmp);
    if (fd < 0 && errno == ENOENT) { /* "No such file" of a file being made: its directory is missing */
        const char *slash = strrchr(out, '/');
        return sl_fail(err, SL_EIO, out, 0, "creating the copy: there is no directory %.*s (make it first)",
                       slash ? (int)(slash - out) + (slash == out) : 1, slash ? out : ".");
    }
    if (fd < 0) return sl_fail(err, SL_EIO, out, 0, "creating the copy: %s", strerror(errno));
    flock(fd, LOCK_EX); /* held to the end: a later backup tells this copy from a killed one's */
    sqlite3 *dest = NULL;
    sl_status rc = SL_OK;
    if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        rc = db_fail(dest, tmp, "creating the copy", err);
    if (rc == SL_OK) rc = fill(st, dest, tmp, o, res, err);
    if (sqlite3_close(dest) != SQLITE_OK && rc == SL_OK) rc = sl_fail(err, SL_EIO, tmp, 0, "closing the copy");
    if (rc == SL_OK) rc = sync_file(tmp, err);
    if (rc == SL_OK) rc = give_name(tmp, out, err);
    if (rc) remove_tmp(tmp);
    close(fd);
    return rc;
}

/* Made on the first record: a store that never made a backup has no table. */
#define BACKUPS_TABLE                                                                                                  \
    "CREATE TABLE IF NOT EXISTS backups(id INTEGER PRIMARY KEY, made INTEGER NOT NULL, path TEXT NOT NULL,"          \
    " pledges INTEGER NOT NULL)"

sl_status sl_store_backup_record(sl_store *st, const char *path, long long made, long long pledges, sl_error *err)
{
    if (!sl_store_db(st)) return sl_fail(err, SL_EUSAGE, NULL, 0, "backups of a PostgreSQL store are pg_dump's");
    sqlite3_stmt *s;
    if (sl_store_exec(st, BACKUPS_TABLE, err) ||
        sl_store_prepare(st, "INSERT INTO backups(made, path, pledges) VALUES(?, ?, ?)", &s, err))
        return err->status;
    sqlite3_bind_int64(s, 1, made);
    sqlite3_bind_text(s, 2, path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, pledges);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? SL_OK : sl_store_fail(st, err, "recording the backup");
}

sl_status sl_store_backups_held(sl_store *st, sl_backup_list *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!sl_store_db(st) || !sl_store_has_table(st, "backups")) return SL_OK;
    sqlite3_stmt *s;
    if (sl_store_prepare(st, "SELECT made, pledges, path FROM backups WHERE pledges > 0 ORDER BY made, id", &s, err))
        return err->status;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        sl_backup_made *grown = realloc(out->items, (out->count + 1) * sizeof *grown);
        char *path = strdup((const char *)sqlite3_column_text(s, 2));
        if (!grown || !path) {
            if (grown) out->items = grown;
            free(path);
            sqlite3_finalize(s);
            sl_backup_list_free(out);
            return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        }
        out->items = grown;
        out->items[out->count++] = (sl_backup_made){sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), path};
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        sl_backup_list_free(out);
        return sl_store_fail(st, err, "reading the backups made");
    }
    return SL_OK;
}

void sl_backup_list_free(sl_backup_list *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->items[i].path);
    free(l->items);
    memset(l, 0, sizeof *l);
}
