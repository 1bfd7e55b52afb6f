/*
** test_rank.c — sl_rank_ties_past_cut, the count under a list cut inside
** a tie ("N more also hold X, not listed") that the CLI's tables and the
** report's area tables both say: rows past the cut holding the last kept
** row's value, and none when the cut falls between two values.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sightline/core/rank.h"

static int same_int(const void *rows, size_t i, size_t j)
{
    const int *r = rows;
    return r[i] == r[j];
}

/* Counts, most first: 9 8 7 7 7 7 5 5 1. */
static const int COUNTS[] = {9, 8, 7, 7, 7, 7, 5, 5, 1};
enum { N = sizeof COUNTS / sizeof *COUNTS };

/* A cut inside the 7s: the 7s past it, and no further row (the 5s). */
static void cut_inside_a_tie(void **state)
{
    (void)state;
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, 3, same_int), 3);
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, 5, same_int), 1);
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, 7, same_int), 1); /* the second 5 */
}

/* A cut between two values, or after the last of a tie: none. */
static void cut_between_values(void **state)
{
    (void)state;
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, 1, same_int), 0);
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, 6, same_int), 0);
}

/* Nothing kept, or everything: no row past the cut to count. */
static void cut_at_the_ends(void **state)
{
    (void)state;
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, 0, same_int), 0);
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, N, same_int), 0);
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, N, N + 3, same_int), 0);
    assert_int_equal(sl_rank_ties_past_cut(COUNTS, 0, 0, same_int), 0);
    static const int ALL_SAME[] = {4, 4, 4, 4};
    assert_int_equal(sl_rank_ties_past_cut(ALL_SAME, 4, 1, same_int), 3); /* to the list's end */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cut_inside_a_tie),
        cmocka_unit_test(cut_between_values),
        cmocka_unit_test(cut_at_the_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
