/*
** test_store_modes.c — the store's two opens and its read snapshot: a store
** opened to read cannot be written, creates no table, and a snapshot taken
** with sl_store_read_begin holds until sl_store_read_end whatever another
** connection tries to commit (issue #19, points 11 and 13).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sightline/store/store_layers.h"

/* A new store file holding one source of N posts; its path in PATH. */
static void make_store(char *path, size_t n)
{
    sl_error err;
    sl_store *st = NULL;
    int fd = mkstemp(path);
    close(fd); /* an empty file: the write open makes it a store */
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    sl_points p;
    sl_points_init(&p);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sl_points_push(&p, -78.5 + i * 1e-3, 38.8, SL_TIME_NONE, NULL, NULL, NULL, &err), SL_OK);
    sl_source src = {.kind = "posts", .file_name = "a.csv", .sha256 = "aa", .snapshot = ""};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    p.source_id = src.id;
    if (n) assert_int_equal(sl_store_add_points(st, "posts", NULL, &p, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_points_free(&p);
    sl_store_close(st);
}

/* Add N posts through WRITER in one transaction; the commit's status. */
static sl_status add_posts(sl_store *writer, size_t n, sl_error *err)
{
    sl_points p;
    sl_points_init(&p);
    for (size_t i = 0; i < n; i++) sl_points_push(&p, -77.0, 39.0 + i * 1e-3, SL_TIME_NONE, NULL, NULL, NULL, err);
    sl_source src = {.kind = "posts", .file_name = "b.csv", .sha256 = "bb", .snapshot = ""};
    sl_status s = sl_store_begin(writer, err);
    if (!s) s = sl_store_add_source(writer, &src, err);
    p.source_id = src.id;
    if (!s) s = sl_store_add_points(writer, "posts", NULL, &p, err);
    if (!s) s = sl_store_commit(writer, err);
    if (s) sl_store_rollback(writer);
    sl_points_free(&p);
    return s;
}

static long posts(sl_store *st)
{
    sl_error err;
    long n = -1;
    assert_int_equal(sl_store_count_points(st, "posts", NULL, &n, &err), SL_OK);
    return n;
}

static void test_snapshot_holds_until_read_end(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-modes-XXXXXX";
    make_store(path, 10);
    sl_error err;
    sl_store *reader = NULL, *writer = NULL;
    assert_int_equal(sl_store_open_read(path, &reader, &err), SL_OK);
    assert_int_equal(sl_store_open(path, &writer, &err), SL_OK);
    assert_int_equal(sl_store_read_begin(reader, &err), SL_OK);
    assert_int_equal(sl_store_read_begin(reader, &err), SL_OK); /* nested: same snapshot */
    sl_store_read_end(reader);
    assert_int_equal(posts(reader), 10);
    /* The import cannot land inside the snapshot: it fails whole (after the
    ** busy timeout) and says why. */
    assert_int_not_equal(add_posts(writer, 5, &err), SL_OK);
    assert_non_null(strstr(err.msg, "in use by another sightline"));
    assert_int_equal(posts(reader), 10);
    sl_store_read_end(reader);
    assert_int_equal(add_posts(writer, 5, &err), SL_OK);
    assert_int_equal(posts(reader), 15);
    sl_store_close(writer);
    sl_store_close(reader);
    unlink(path);
}

/* The whole file as bytes, for before/after comparison. */
static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)*len + 1);
    assert_int_equal(fread(buf, 1, (size_t)*len, f), (size_t)*len);
    fclose(f);
    return buf;
}

static void test_read_open_never_writes(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-modes-XXXXXX";
    make_store(path, 0); /* a store without point tables */
    long len0, len1;
    char *before = slurp(path, &len0);
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open_read(path, &st, &err), SL_OK);
    assert_int_equal(posts(st), 0); /* absent tables read as empty, and are not created */
    sl_arena arena = {0};
    sl_area_set set;
    int found = 1;
    assert_int_equal(sl_store_find_area_set(st, "x", &arena, &set, &found, &err), SL_OK);
    assert_int_equal(found, 0);
    sl_source src = {.kind = "posts", .file_name = "c.csv", .sha256 = "cc", .snapshot = ""};
    assert_int_not_equal(sl_store_add_source(st, &src, &err), SL_OK); /* SQLite refuses */
    sl_store_close(st);
    char *after = slurp(path, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, (size_t)len0);
    free(before);
    free(after);
    sl_arena_free(&arena);
    unlink(path);
}

static void test_missing_and_special_names(void **state)
{
    (void)state;
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open_read("/tmp/sl-modes-no-such-store.db", &st, &err), SL_EIO);
    assert_non_null(strstr(err.msg, "no store at /tmp/sl-modes-no-such-store.db"));
    assert_int_equal(access("/tmp/sl-modes-no-such-store.db", F_OK), -1);
    assert_int_equal(sl_store_open_read(":memory:", &st, &err), SL_EUSAGE);
    assert_true(sl_store_path_special(""));
    assert_true(sl_store_path_special(":memory:"));
    assert_true(sl_store_path_special("file:x.db?mode=memory"));
    assert_false(sl_store_path_special("./:memory:"));
    assert_false(sl_store_path_special("store.db"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot_holds_until_read_end),
        cmocka_unit_test(test_read_open_never_writes),
        cmocka_unit_test(test_missing_and_special_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
