/*
** test_store_modes.c — the store's two opens and its read snapshot: a store
** opened to read cannot be written, creates no table, and a snapshot taken
** with sl_store_read_begin holds until sl_store_read_end whatever another
** connection tries to commit (issue #19, points 11 and 13). On a store
** holding only agencies no read API changes a byte or the mtime, whatever the
** handle: the optional tables are created by the first write (issue #12).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sightline/store/store_layers.h"
#include "sightline/ingest/baseline.h"
#include "sightline/store/baseline.h"
#include "sightline/store/requests.h"
#include "sightline/ingest/requests.h"
#include "store/internal.h"

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

/* A new store file holding one agency and nothing else; its path in PATH. */
static void make_agencies_store(char *path)
{
    sl_error err;
    sl_store *st = NULL;
    int fd = mkstemp(path);
    close(fd);
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    sl_source src = {.kind = "agencies", .file_name = "reg.csv", .sha256 = "ab", .snapshot = ""};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    sl_agency a = {.source_id = src.id, .line = 2, .ori = "VA0010000", .name = "Alpha Police", .state = "VA"};
    assert_int_equal(sl_store_add_agency(st, &a, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_store_close(st);
}

static sl_status count_chunk(void *ctx, const double *lon, const double *lat, size_t n, sl_error *err)
{
    (void)lon, (void)lat, (void)err;
    *(size_t *)ctx += n;
    return SL_OK;
}

/* Every read the store offers, on a store holding one agency: each answers
** "nothing" for the layers it lacks. */
static void read_everything(sl_store *st)
{
    sl_error err;
    sl_arena arena = {0};
    sl_source_list sources;
    assert_int_equal(sl_store_load_sources(st, NULL, &sources, &err), SL_OK);
    assert_int_equal(sources.count, 1);
    sl_source_list_free(&sources);
    sl_agency_list ag;
    assert_int_equal(sl_store_load_agencies(st, &ag, &err), SL_OK);
    assert_int_equal(ag.count, 1);
    sl_agency_list_free(&ag);
    sl_partnership_list pl;
    assert_int_equal(sl_store_load_partnerships(st, NULL, &pl, &err), SL_OK);
    assert_int_equal(pl.count, 0);
    sl_partnership_list_free(&pl);
    const char **names;
    size_t n = 9;
    assert_int_equal(sl_store_snapshots(st, &arena, &names, &n, &err), SL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(sl_store_area_sets(st, &arena, &names, &n, &err), SL_OK);
    assert_int_equal(n, 0);
    sl_area_set set;
    int found = 1;
    assert_int_equal(sl_store_find_area_set(st, "tracts", &arena, &set, &found, &err), SL_OK);
    assert_int_equal(found, 0);
    sl_area_list areas;
    assert_int_equal(sl_store_load_areas(st, "tracts", &areas, &err), SL_EDATA);
    long count = 9, missing[5];
    assert_int_equal(sl_store_area_coverage(st, "tracts", &count, missing, &err), SL_OK);
    assert_int_equal(count, 0);
    static const char *layers[3] = {"posts", "cameras", "sites"};
    for (int i = 0; i < 3; i++) {
        count = 9;
        assert_int_equal(sl_store_count_points(st, layers[i], NULL, &count, &err), SL_OK);
        assert_int_equal(count, 0);
        sl_points p;
        sl_points_init(&p);
        assert_int_equal(sl_store_load_points(st, layers[i], NULL, &p, &err), SL_OK);
        assert_int_equal(p.n, 0);
        sl_points_free(&p);
        size_t seen = 0;
        assert_int_equal(sl_store_scan_coords(st, layers[i], NULL, count_chunk, &seen, &err), SL_OK);
        assert_int_equal(seen, 0);
        assert_int_equal(sl_store_point_categories(st, layers[i], &arena, &names, &n, &err), SL_OK);
        assert_int_equal(n, 0);
    }
    sl_request_list rl;
    assert_int_equal(sl_store_load_requests(st, &rl, &err), SL_OK);
    assert_int_equal(rl.count, 0);
    sl_request_list_free(&rl);
    double shares[SL_GROUP_COUNT];
    char label[64];
    assert_int_equal(sl_store_load_baseline(st, "us", shares, label, sizeof label, &err), SL_EDATA);
    sl_arena_free(&arena);
}

/* Tables of the store, comma-separated in name order, into OUT. */
static void tables(sl_store *st, char *out, size_t len)
{
    sqlite3_stmt *s;
    out[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(sl_store_db(st), "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name",
                                        -1, &s, NULL), SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) {
        strncat(out, (const char *)sqlite3_column_text(s, 0), len - strlen(out) - 2);
        strcat(out, ",");
    }
    sqlite3_finalize(s);
}

static void test_reads_change_nothing(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-modes-XXXXXX";
    make_agencies_store(path);
    struct stat sb0, sb1;
    long len0, len1;
    assert_int_equal(stat(path, &sb0), 0);
    char *before = slurp(path, &len0);
    usleep(20000); /* a write now would show in the mtime */
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open_read(path, &st, &err), SL_OK);
    read_everything(st);
    sl_store_close(st);
    char *after = slurp(path, &len1);
    assert_int_equal(stat(path, &sb1), 0);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, (size_t)len0);
    assert_int_equal(sb0.st_mtim.tv_sec, sb1.st_mtim.tv_sec);
    assert_int_equal(sb0.st_mtim.tv_nsec, sb1.st_mtim.tv_nsec);
    free(before);
    free(after);
    unlink(path);
}

/* A handle open for writing creates no table by reading either: the point,
** area, request and baseline tables appear with their first write. */
static void test_tables_created_by_first_write(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-modes-XXXXXX";
    make_agencies_store(path);
    sl_error err;
    sl_store *st = NULL;
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    char t0[512], t1[512];
    tables(st, t0, sizeof t0);
    read_everything(st);
    tables(st, t1, sizeof t1);
    assert_string_equal(t0, t1);
    assert_null(strstr(t1, "point_chunks"));
    assert_null(strstr(t1, "area_sets"));
    assert_null(strstr(t1, "requests"));
    sl_points p;
    sl_points_init(&p);
    assert_int_equal(sl_points_push(&p, -77.0, 38.9, SL_TIME_NONE, NULL, NULL, NULL, &err), SL_OK);
    sl_source src = {.kind = "posts", .file_name = "p.csv", .sha256 = "cd", .snapshot = ""};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    p.source_id = src.id;
    assert_int_equal(sl_store_add_points(st, "posts", NULL, &p, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_points_free(&p);
    tables(st, t1, sizeof t1);
    assert_non_null(strstr(t1, "point_chunks"));
    assert_null(strstr(t1, "area_sets"));
    sl_store_close(st);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot_holds_until_read_end),
        cmocka_unit_test(test_read_open_never_writes),
        cmocka_unit_test(test_missing_and_special_names),
        cmocka_unit_test(test_reads_change_nothing),
        cmocka_unit_test(test_tables_created_by_first_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
