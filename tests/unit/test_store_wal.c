/*
** test_store_wal.c — a served store's write-ahead log gives its disk back.
** A viral evening's pledges, written while readers held snapshots, grew
** the log to 391 MB, and the file stayed that size until the server
** stopped (run of 2026-12-07). The server's writer (sl_store_use_wal) now
** keeps at most SL_STORE_WAL_KEEP_BYTES on disk once the log starts over.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sightline/store/store.h"
#include "store/internal.h"

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* One write transaction of about 1 MB through the server's kind of writer. */
static void write_mb(sl_store *st)
{
    sl_error err;
    assert_int_equal(sl_store_exec(st, "INSERT INTO junk VALUES(randomblob(1000000))", &err), SL_OK);
}

static void test_wal_shrinks_after_a_surge(void **state)
{
    (void)state;
    char path[] = "/tmp/sl_wal_XXXXXX", wal[64];
    int fd = mkstemp(path);
    close(fd); /* an empty file: the write open makes it a store */
    snprintf(wal, sizeof wal, "%s-wal", path);
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    assert_int_equal(sl_store_use_wal(st, &err), SL_OK);
    assert_int_equal(sl_store_exec(st, "CREATE TABLE junk(x BLOB)", &err), SL_OK);

    /* a reader's snapshot: no checkpoint can start the log over under it */
    sqlite3 *reader = NULL;
    assert_int_equal(sqlite3_open_v2(path, &reader, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM junk;", NULL, NULL, NULL), SQLITE_OK);
    int surge_mb = SL_STORE_WAL_KEEP_BYTES / (1024 * 1024) + 8;
    for (int i = 0; i < surge_mb; i++) write_mb(st);
    long long grown = file_size(wal);
    assert_true(grown > SL_STORE_WAL_KEEP_BYTES);

    /* the reader goes; a checkpoint folds the log in; the next write starts it over */
    assert_int_equal(sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(reader);
    assert_int_equal(sl_store_exec(st, "PRAGMA wal_checkpoint(PASSIVE)", &err), SL_OK);
    assert_int_equal(sl_store_exec(st, "DELETE FROM junk", &err), SL_OK);
    assert_int_equal(sl_store_exec(st, "PRAGMA wal_checkpoint(PASSIVE)", &err), SL_OK);
    assert_int_equal(sl_store_exec(st, "INSERT INTO junk VALUES(1)", &err), SL_OK);
    long long kept = file_size(wal);
    assert_true(kept >= 0 && kept <= SL_STORE_WAL_KEEP_BYTES);
    print_message("WAL grew to %lld bytes under a reader; %lld kept after\n", grown, kept);

    sl_store_close(st);
    unlink(path);
    unlink(wal);
    char shm[64];
    snprintf(shm, sizeof shm, "%s-shm", path);
    unlink(shm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wal_shrinks_after_a_surge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
