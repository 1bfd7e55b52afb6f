/*
** test_names.c — the names an error suggests and lists: a close name is
** found (case, prefix, part, words, a typo), a far one is not, and a list
** cut short says how many it left out.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sightline/core/names.h"

static void close_names(void **state)
{
    (void)state;
    static const char *const cols[] = {"uid", "nces_school_id", "school_name", "nces_district_id", "lat", "long"};
    assert_string_equal(sl_name_closest("nces_id", cols, 6), "nces_school_id");
    assert_string_equal(sl_name_closest("LAT", cols, 6), "lat");
    assert_string_equal(sl_name_closest("longitude", cols, 6), "long");
    assert_string_equal(sl_name_closest("scool_name", cols, 6), "school_name");
    assert_null(sl_name_closest("weapon", cols, 6));
    static const char *const kinds[] = {"partnerships", "agencies", "requests", "areas", "sites"};
    assert_string_equal(sl_name_closest("agency", kinds, 5), "agencies");
    assert_string_equal(sl_name_closest("site", kinds, 5), "sites");
    assert_null(sl_name_closest("cameras", kinds, 5));
    static const char *const sets[] = {"counties", "nyc-tracts"};
    assert_string_equal(sl_name_closest("tracts", sets, 2), "nyc-tracts");
    assert_int_equal(sl_name_closeness("id", "uid", 3), 0); /* two letters are too few to guess from */
}

static void lists_say_what_they_leave_out(void **state)
{
    (void)state;
    char buf[64];
    sl_name_list l;
    sl_name_list_start(&l, buf, sizeof buf);
    sl_name_list_add(&l, "a", 1);
    sl_name_list_add(&l, "bcd", 3);
    assert_string_equal(sl_name_list_end(&l), "a, bcd");
    sl_name_list_start(&l, buf, sizeof buf);
    char name[16];
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof name, "col%02d", i);
        sl_name_list_add(&l, name, strlen(name));
    }
    const char *s = sl_name_list_end(&l);
    assert_true(strlen(s) < sizeof buf);
    assert_non_null(strstr(s, "col00, col01"));
    char tail[32];
    snprintf(tail, sizeof tail, "... and %zu more", l.left_out);
    assert_non_null(strstr(s, tail));
    assert_true(l.left_out > 10 && l.left_out < 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(close_names),
        cmocka_unit_test(lists_say_what_they_leave_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
