/*
** test_store_errors.c — out of memory in the store is an error, never a
** short list, and a load that fails frees what it built; the request insert
** is prepared once per import, not once per row.
**
** The library's malloc, calloc, realloc and free are wrapped at link time
** (-Wl,--wrap, tests/CMakeLists.txt): a countdown makes the Nth allocation
** fail, and a live-allocation count shows what a failing call left behind.
** SQLite is a shared library and keeps its own allocations.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sightline/core/date.h"
#include "sightline/store/requests.h"
#include "sightline/store/store_layers.h"
#include "store/internal.h"

/* ---- failing allocator -------------------------------------------------- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

static long fail_in = -1; /* allocations until one fails; -1: never */
static long live;         /* allocations not yet freed */

static int should_fail(void)
{
    if (fail_in < 0) return 0;
    return fail_in-- == 0;
}

void *__wrap_malloc(size_t n)
{
    if (should_fail()) return NULL;
    void *p = __real_malloc(n);
    if (p) live++;
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    if (should_fail()) return NULL;
    void *p = __real_calloc(n, size);
    if (p) live++;
    return p;
}

void *__wrap_realloc(void *old, size_t n)
{
    if (should_fail()) return NULL;
    void *p = __real_realloc(old, n);
    if (p && !old) live++;
    return p;
}

void __wrap_free(void *p)
{
    if (p) live--;
    __real_free(p);
}

/* ---- a store holding a little of everything ------------------------------ */

static sl_store *st;
static char path[] = "/tmp/sl-store-errors-XXXXXX";

static void add_partnership(const char *snapshot, const char *agency, const char *tech)
{
    sl_error err;
    sl_partnership p = {.snapshot = snapshot, .agency = agency, .state = "VA", .technology = tech,
                        .vendor = "", .summary = "", .start_raw = "2019-01-02"};
    sl_source src = {.kind = "partnerships", .file_name = "a.csv", .sha256 = agency, .snapshot = snapshot};
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    p.source_id = src.id;
    assert_true(sl_date_parse("2019-01-02", NULL, &p.start));
    assert_int_equal(sl_store_add_partnership(st, &p, &err), SL_OK);
}

static int setup(void **state)
{
    (void)state;
    sl_error err;
    int fd = mkstemp(path);
    close(fd);
    if (sl_store_open(path, &st, &err)) return -1;
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    add_partnership("2019-10-07", "Alpha Police", "Ring");
    add_partnership("2020-10-07", "Beta Police", "Ring");
    add_partnership("2021-10-07", "Gamma Sheriff", "Ring");
    sl_agency ag = {.source_id = 1, .line = 2, .ori = "VA0010000", .name = "Alpha Police", .state = "VA"};
    assert_int_equal(sl_store_add_agency(st, &ag, &err), SL_OK);
    /* sites in two categories */
    sl_points p;
    sl_points_init(&p);
    assert_int_equal(sl_points_push(&p, -77.0, 38.9, SL_TIME_NONE, "s1", "a clinic", NULL, &err), SL_OK);
    sl_source ps = {.kind = "sites", .file_name = "s.csv", .sha256 = "s1", .snapshot = ""};
    assert_int_equal(sl_store_add_source(st, &ps, &err), SL_OK);
    p.source_id = ps.id;
    assert_int_equal(sl_store_add_points(st, "sites", "clinic", &p, &err), SL_OK);
    sl_source ps2 = {.kind = "sites", .file_name = "t.csv", .sha256 = "s2", .snapshot = ""};
    assert_int_equal(sl_store_add_source(st, &ps2, &err), SL_OK);
    p.source_id = ps2.id;
    assert_int_equal(sl_store_add_points(st, "sites", "school", &p, &err), SL_OK);
    sl_points_free(&p);
    /* one area set of two areas (the blob is stored as given) */
    static const unsigned char blob[16] = {1, 3, 0, 0, 0};
    sl_source as = {.kind = "areas", .file_name = "t.geojson", .sha256 = "a1", .snapshot = ""};
    assert_int_equal(sl_store_add_source(st, &as, &err), SL_OK);
    sl_area_set set = {.name = "tracts", .source_id = as.id, .layer = "", .id_field = "id", .name_field = "name",
                       .options = "{}", .count = 2};
    assert_int_equal(sl_store_add_area_set(st, &set, &err), SL_OK);
    sl_area a = {.id = "1", .name = "one", .pop = 10, .black = NAN, .hispanic = NAN, .white_nh = NAN,
                 .foreign_born = NAN, .area_km2 = 1, .wkb = blob, .wkb_len = sizeof blob, .maxx = 1, .maxy = 1};
    assert_int_equal(sl_store_add_area(st, "tracts", &a, &err), SL_OK);
    a.id = "2";
    assert_int_equal(sl_store_add_area(st, "tracts", &a, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sl_store_close(st);
    unlink(path);
    return 0;
}

/* ---- listings: whole or SL_ENOMEM ---------------------------------------- */

typedef sl_status (*lister)(sl_arena *arena, const char ***names, size_t *count, sl_error *err);

static sl_status list_snapshots(sl_arena *a, const char ***n, size_t *c, sl_error *e)
{
    return sl_store_snapshots(st, a, n, c, e);
}
static sl_status list_categories(sl_arena *a, const char ***n, size_t *c, sl_error *e)
{
    return sl_store_point_categories(st, "sites", a, n, c, e);
}
static sl_status list_area_sets(sl_arena *a, const char ***n, size_t *c, sl_error *e)
{
    return sl_store_area_sets(st, a, n, c, e);
}

/* Every allocation the listing makes, failed in turn: each run gives either
** the whole list or SL_ENOMEM with nothing listed, never a shorter list. */
static void whole_or_error(lister fn, size_t expect)
{
    sl_error err;
    const char **names;
    size_t count;
    int failures = 0;
    for (long k = 0; k < 40; k++) {
        sl_arena arena = {0};
        fail_in = k;
        sl_status s = fn(&arena, &names, &count, &err);
        fail_in = -1;
        if (s == SL_OK) {
            assert_int_equal(count, expect);
        } else {
            assert_int_equal(s, SL_ENOMEM);
            assert_int_equal(count, 0);
            assert_null(names);
            failures++;
        }
        sl_arena_free(&arena);
    }
    assert_true(failures > 0); /* the countdown did reach the listing */
}

static void test_snapshots_whole_or_error(void **state)
{
    (void)state;
    whole_or_error(list_snapshots, 3);
}

static void test_categories_whole_or_error(void **state)
{
    (void)state;
    whole_or_error(list_categories, 2);
}

static void test_area_sets_whole_or_error(void **state)
{
    (void)state;
    whole_or_error(list_area_sets, 1);
}

/* ---- loads: on failure nothing is left allocated ------------------------- */

typedef sl_status (*loader)(sl_error *err, size_t *count);

static sl_status load_areas(sl_error *err, size_t *count)
{
    sl_area_list l;
    sl_status s = sl_store_load_areas(st, "tracts", &l, err);
    *count = l.count;
    for (size_t i = 0; i < l.count; i++) assert_true(l.items[i].id && l.items[i].name && l.items[i].wkb);
    if (!s) sl_area_list_free(&l);
    return s;
}
static sl_status load_agencies(sl_error *err, size_t *count)
{
    sl_agency_list l;
    sl_status s = sl_store_load_agencies(st, &l, err);
    *count = l.count;
    for (size_t i = 0; i < l.count; i++) assert_true(l.items[i].ori && l.items[i].name && l.items[i].state);
    if (!s) sl_agency_list_free(&l);
    return s;
}
static sl_status load_partnerships(sl_error *err, size_t *count)
{
    sl_partnership_list l;
    sl_status s = sl_store_load_partnerships(st, NULL, &l, err);
    *count = l.count;
    for (size_t i = 0; i < l.count; i++)
        assert_true(l.items[i].agency && l.items[i].technology && l.items[i].start_raw && l.items[i].link_method);
    if (!s) sl_partnership_list_free(&l);
    return s;
}
static sl_status load_sources(sl_error *err, size_t *count)
{
    sl_source_list l;
    sl_status s = sl_store_load_sources(st, NULL, &l, err);
    *count = l.count;
    for (size_t i = 0; i < l.count; i++) assert_true(l.items[i].kind && l.items[i].sha256 && l.items[i].options);
    if (!s) sl_source_list_free(&l);
    return s;
}

/* Fail each allocation of FN in turn: a failing load returns SL_ENOMEM, an
** empty list, and leaves no allocation behind; a passing one all rows, each
** with its strings (a failed arena copy used to leave a NULL behind). */
static void frees_on_failure(loader fn, size_t expect)
{
    sl_error err;
    int failures = 0;
    for (long k = 0; k < 40; k++) {
        size_t count = 99;
        long before = live;
        fail_in = k;
        sl_status s = fn(&err, &count);
        fail_in = -1;
        if (s == SL_OK) {
            assert_int_equal(count, expect);
        } else {
            assert_int_equal(s, SL_ENOMEM);
            assert_int_equal(count, 0);
            failures++;
        }
        assert_int_equal(live, before);
    }
    assert_true(failures > 0);
}

static void test_load_areas_frees_on_failure(void **state)
{
    (void)state;
    frees_on_failure(load_areas, 2);
}

static void test_load_agencies_frees_on_failure(void **state)
{
    (void)state;
    frees_on_failure(load_agencies, 1);
}

static void test_load_partnerships_frees_on_failure(void **state)
{
    (void)state;
    frees_on_failure(load_partnerships, 3);
}

static void test_load_sources_frees_on_failure(void **state)
{
    (void)state;
    frees_on_failure(load_sources, 6);
}

/* ---- scanning a layer chunk by chunk --------------------------------------- */

typedef struct seen {
    size_t points, chunks;
    char texts[64];
    long sources;
    int times_known;
} seen;

static sl_status see_chunk(void *ctx, sl_points *c, sl_error *err)
{
    (void)err;
    seen *sn = ctx;
    sn->chunks++;
    for (size_t i = 0; i < c->n; i++, sn->points++) {
        strncat(sn->texts, sl_points_text(c, i), sizeof sn->texts - strlen(sn->texts) - 1);
        strncat(sn->texts, "|", sizeof sn->texts - strlen(sn->texts) - 1);
        sn->sources += c->source[i];
        sn->times_known += c->time[i] != SL_TIME_NONE;
    }
    return SL_OK;
}

/* sl_store_scan_points gives each chunk in import order with the columns
** asked for (the others read as empty), and a failing allocation is an
** error that leaves nothing behind. */
static void test_scan_points_reads_what_is_asked(void **state)
{
    (void)state;
    sl_error err;
    seen a = {0}, b = {0}, c = {0};
    assert_int_equal(sl_store_scan_points(st, "sites", NULL, 0, see_chunk, &a, &err), SL_OK);
    assert_int_equal(a.points, 2);
    assert_int_equal(a.chunks, 2); /* two imports, one chunk each */
    assert_string_equal(a.texts, "||");
    assert_int_equal(a.times_known, 0);
    assert_int_equal(sl_store_scan_points(st, "sites", NULL, SL_SCAN_STRINGS | SL_SCAN_TIME, see_chunk, &b, &err),
                     SL_OK);
    assert_string_equal(b.texts, "a clinic|a clinic|");
    assert_int_equal(b.sources, a.sources); /* the sources' ids, asked for or not */
    assert_true(b.sources > 0);
    assert_int_equal(sl_store_scan_points(st, "sites", "school", SL_SCAN_STRINGS, see_chunk, &c, &err), SL_OK);
    assert_int_equal(c.points, 1);
    int failures = 0;
    for (long k = 0; k < 20; k++) {
        seen d = {0};
        long before = live;
        fail_in = k;
        sl_status s = sl_store_scan_points(st, "sites", NULL, SL_SCAN_STRINGS, see_chunk, &d, &err);
        fail_in = -1;
        if (s) {
            assert_int_equal(s, SL_ENOMEM);
            failures++;
        } else {
            assert_string_equal(d.texts, "a clinic|a clinic|");
        }
        assert_int_equal(live, before);
    }
    assert_true(failures > 0);
}

/* ---- the request insert is prepared once --------------------------------- */

static void test_request_insert_prepared_once(void **state)
{
    (void)state;
    sl_error err;
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    sl_source src = {.kind = "requests", .file_name = "r.csv", .sha256 = "r1", .snapshot = ""};
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    for (int i = 0; i < 3; i++) {
        sl_request r = {.source_id = src.id, .line = i + 2, .record_id = "x", .agency = "Alpha Police",
                        .state = "VA", .lat = 38.9, .lon = -77.0, .radius_m = 100, .recipients = NAN,
                        .videos = NAN};
        assert_int_equal(sl_store_add_request(st, &r, &err), SL_OK);
    }
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    /* One statement, kept by the handle, ran all three rows. */
    int inserts = 0, runs = 0;
    for (sqlite3_stmt *s = sqlite3_next_stmt(sl_store_db(st), NULL); s; s = sqlite3_next_stmt(sl_store_db(st), s))
        if (strncmp(sqlite3_sql(s), "INSERT INTO requests", 20) == 0) {
            inserts++;
            runs = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0);
        }
    assert_int_equal(inserts, 1);
    assert_int_equal(runs, 3);
    sl_request_list l;
    assert_int_equal(sl_store_load_requests(st, &l, &err), SL_OK);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.items[2].line, 4);
    sl_request_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshots_whole_or_error),
        cmocka_unit_test(test_scan_points_reads_what_is_asked),
        cmocka_unit_test(test_categories_whole_or_error),
        cmocka_unit_test(test_area_sets_whole_or_error),
        cmocka_unit_test(test_load_areas_frees_on_failure),
        cmocka_unit_test(test_load_agencies_frees_on_failure),
        cmocka_unit_test(test_load_partnerships_frees_on_failure),
        cmocka_unit_test(test_load_sources_frees_on_failure),
        cmocka_unit_test(test_request_insert_prepared_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
