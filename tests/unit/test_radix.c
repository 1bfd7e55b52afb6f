/*
** test_radix.c — the stable radix sort of indexes (core/radix.h): the same
** order as a comparison sort on (key, index), for keys of few and of all 64
** bits (on one thread and on two), a subset of indexes in a given order, the pairs form, and doubles
** keyed in their numeric order.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "sightline/core/radix.h"

static const uint64_t *cmp_keys;

static int by_key_then_index(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (cmp_keys[x] != cmp_keys[y]) return cmp_keys[x] < cmp_keys[y] ? -1 : 1;
    return (x > y) - (x < y);
}

static uint64_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s ^ (*s >> 29);
}

static void check(uint64_t mask, size_t n)
{
    uint64_t *keys = calloc(n + 1, sizeof *keys), st = mask ^ n;
    uint32_t *got = malloc((n + 1) * sizeof *got), *want = malloc((n + 1) * sizeof *want);
    for (size_t i = 0; i < n; i++) keys[i] = next(&st) & mask, got[i] = want[i] = (uint32_t)i;
    sl_error err;
    assert_int_equal(sl_radix_sort_u64(keys, got, n, &err), SL_OK);
    cmp_keys = keys;
    qsort(want, n, sizeof *want, by_key_then_index);
    for (size_t i = 0; i < n; i++) assert_int_equal(got[i], want[i]);
    free(keys), free(got), free(want);
}

static void test_same_order_as_a_comparison_sort(void **state)
{
    (void)state;
    check(0, 0);
    check(~0ULL, 1);
    check(0xff, 100000);               /* many ties: stability shows */
    check(0xffff0000ffULL, 100000);     /* digits that never change are skipped */
    check(~0ULL, 100000);
    check(0xfff, 400001);               /* two threads per pass, halves uneven */
    check(~0ULL, 400000);
}

/* Callers sort a subset of the indexes, already in some order (the second
** key of a two-key sort): the result is still stable in that order. */
static void test_subset_in_given_order(void **state)
{
    (void)state;
    size_t n = 50000, m = 0;
    uint64_t *keys = calloc(n, sizeof *keys), st = 7;
    uint32_t *got = malloc(n * sizeof *got), *want = malloc(n * sizeof *want);
    for (size_t i = 0; i < n; i++) keys[i] = next(&st) % 97;
    for (size_t i = n; i-- > 0;) /* every third index, in reverse */
        if (i % 3 == 0) got[m] = want[m] = (uint32_t)i, m++;
    sl_error err;
    assert_int_equal(sl_radix_sort_u64(keys, got, m, &err), SL_OK);
    /* Insertion sort: stable by construction. */
    for (size_t i = 1; i < m; i++)
        for (size_t j = i; j > 0 && keys[want[j - 1]] > keys[want[j]]; j--) {
            uint32_t t = want[j];
            want[j] = want[j - 1], want[j - 1] = t;
        }
    for (size_t i = 0; i < m; i++) assert_int_equal(got[i], want[i]);
    free(keys), free(got), free(want);
}

/* The pairs form sorts keys laid out in index order, as sl_radix_sort_u64
** does through the indexes. */
static void test_pairs_match_indexed_sort(void **state)
{
    (void)state;
    const uint64_t masks[] = {0, 0x7ff, 0xffff0000ffULL, ~0ULL};
    for (size_t t = 0; t < sizeof masks / sizeof masks[0]; t++) {
        size_t n = 70000;
        uint64_t *keys = malloc(n * sizeof *keys), *pk = malloc(n * sizeof *pk), st = t + 1;
        uint32_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
        for (size_t i = 0; i < n; i++) keys[i] = pk[i] = next(&st) & masks[t], a[i] = b[i] = (uint32_t)i;
        sl_error err;
        assert_int_equal(sl_radix_sort_u64(keys, a, n, &err), SL_OK);
        assert_int_equal(sl_radix_sort_pairs(pk, b, n, &err), SL_OK);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(a[i], b[i]);
            assert_true(pk[i] == keys[b[i]]);
        }
        free(keys), free(pk), free(a), free(b);
    }
}

static void test_double_keys_follow_numbers(void **state)
{
    (void)state;
    const double x[] = {-INFINITY, -1e300, -2.5, -1e-300, -0.0, 0.0, 1e-300, 3.0, 1e300, INFINITY};
    size_t n = sizeof x / sizeof x[0];
    for (size_t i = 0; i + 1 < n; i++) {
        if (x[i] == x[i + 1]) assert_true(sl_radix_key_double(x[i]) == sl_radix_key_double(x[i + 1]));
        else assert_true(sl_radix_key_double(x[i]) < sl_radix_key_double(x[i + 1]));
    }
}

/* The width of keys 0..MAX: every value fits, one bit fewer would not. */
static void test_bits_hold_the_max(void **state)
{
    (void)state;
    assert_int_equal(sl_radix_bits(0), 0);
    assert_int_equal(sl_radix_bits(1), 1);
    assert_int_equal(sl_radix_bits(2), 2);
    assert_int_equal(sl_radix_bits(3), 2);
    assert_int_equal(sl_radix_bits((1u << 20) - 1), 20);
    assert_int_equal(sl_radix_bits(1u << 20), 21);
    assert_int_equal(sl_radix_bits(UINT64_MAX), 64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_order_as_a_comparison_sort),
        cmocka_unit_test(test_subset_in_given_order),
        cmocka_unit_test(test_pairs_match_indexed_sort),
        cmocka_unit_test(test_double_keys_follow_numbers),
        cmocka_unit_test(test_bits_hold_the_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
