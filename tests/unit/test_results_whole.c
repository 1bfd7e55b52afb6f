/*
** test_results_whole.c — an analysis result is whole or an error. A site
** whose name cannot become JSON (not UTF-8) used to vanish from `near`'s
** list while the summary still counted it; now the analysis fails. `info`
** (sl_analysis_inventory) is checked the same way with jansson's allocator
** failing at each allocation in turn: every run gives the whole inventory
** or an error, never a shorter one.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sightline/analysis/analyses.h"
#include "sightline/store/store_layers.h"

/* A store of one post and the sites NAMES (category clinic) next to it. */
static sl_store *make_store(char *path, const char *const *names, size_t n)
{
    sl_error err;
    sl_store *st = NULL;
    int fd = mkstemp(path);
    close(fd);
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    sl_points p;
    sl_points_init(&p);
    assert_int_equal(sl_points_push(&p, -77.0, 38.9, SL_TIME_NONE, "p1", NULL, NULL, &err), SL_OK);
    sl_source src = {.kind = "posts", .file_name = "posts.csv", .sha256 = "p", .snapshot = ""};
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    p.source_id = src.id;
    assert_int_equal(sl_store_add_points(st, "posts", NULL, &p, &err), SL_OK);
    sl_points_free(&p);
    sl_points_init(&p);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sl_points_push(&p, -77.0 + 1e-4 * (double)i, 38.9, SL_TIME_NONE, "s", names[i], NULL, &err),
                         SL_OK);
    sl_source ss = {.kind = "sites", .file_name = "sites.csv", .sha256 = "s", .snapshot = ""};
    assert_int_equal(sl_store_add_source(st, &ss, &err), SL_OK);
    p.source_id = ss.id;
    assert_int_equal(sl_store_add_points(st, "sites", "clinic", &p, &err), SL_OK);
    sl_points_free(&p);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    return st;
}

static void test_near_lists_every_site(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-results-XXXXXX";
    static const char *const names[] = {"North Clinic", "South Clinic"};
    sl_store *st = make_store(path, names, 2);
    sl_error err;
    json_t *r = NULL;
    assert_int_equal(sl_analysis_near(st, NULL, 100, &r, &err), SL_OK);
    assert_int_equal(json_array_size(json_object_get(r, "sites")), 2);
    json_decref(r);
    sl_store_close(st);
    unlink(path);
}

static void test_near_site_that_cannot_be_built(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-results-XXXXXX";
    static const char *const names[] = {"North Clinic", "Caf\xe9 Clinic"};
    sl_store *st = make_store(path, names, 2);
    sl_error err;
    json_t *r = NULL;
    assert_int_equal(sl_analysis_near(st, NULL, 100, &r, &err), SL_ENOMEM);
    assert_null(r);
    assert_non_null(strstr(err.msg, "UTF-8"));
    sl_store_close(st);
    unlink(path);
}

/* jansson's allocations fail after JSON_FAIL_AFTER of them (-1: never). */
static long json_fail_after = -1;

static void *failing_json_malloc(size_t n)
{
    if (json_fail_after == 0) return NULL;
    if (json_fail_after > 0) json_fail_after--;
    return malloc(n);
}

static void test_info_whole_or_error(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-results-XXXXXX";
    static const char *const names[] = {"North Clinic", "South Clinic"};
    sl_store *st = make_store(path, names, 2);
    sl_error err;
    json_t *ref = NULL;
    assert_int_equal(sl_analysis_inventory(st, 1, &ref, &err), SL_OK);
    char *want = json_dumps(ref, JSON_SORT_KEYS);
    assert_non_null(want);
    json_decref(ref);
    json_set_alloc_funcs(failing_json_malloc, free);
    int failures = 0, whole = 0;
    for (long n = 0; n < 100000 && !whole; n++) {
        json_t *r = NULL;
        json_fail_after = n;
        sl_status s = sl_analysis_inventory(st, 1, &r, &err);
        json_fail_after = -1;
        if (s == SL_OK) {
            char *got = json_dumps(r, JSON_SORT_KEYS);
            assert_non_null(got);
            assert_string_equal(got, want); /* never a shortened inventory */
            free(got);
            json_decref(r);
            whole = 1;
        } else {
            assert_int_equal(s, SL_ENOMEM);
            assert_null(r);
            failures++;
        }
    }
    json_set_alloc_funcs(malloc, free);
    assert_true(whole);
    assert_true(failures > 10); /* the failure path was walked, allocation by allocation */
    free(want);
    sl_store_close(st);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_near_lists_every_site),
        cmocka_unit_test(test_near_site_that_cannot_be_built),
        cmocka_unit_test(test_info_whole_or_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
