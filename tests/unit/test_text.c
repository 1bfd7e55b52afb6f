/*
** test_text.c — the escaping every output relies on: CSV cells that no
** spreadsheet runs as a formula, whatever separator it splits on, and text
** for a terminal that cannot carry control sequences.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/core/text.h"

/* What sl_csv_write_cell writes for S (malloc'ed). */
static char *cell(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    sl_csv_write_cell(f, s);
    fclose(f);
    return buf;
}

static void expect_cell(const char *in, const char *want)
{
    char *got = cell(in);
    assert_string_equal(got, want);
    free(got);
}

static void csv_plain_and_quoted(void **state)
{
    (void)state;
    expect_cell("Police", "Police");
    expect_cell(NULL, "");
    expect_cell("a,b", "\"a,b\"");
    expect_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
    expect_cell("two\nlines", "\"two\nlines\"");
}

static void csv_formula_at_start(void **state)
{
    (void)state;
    expect_cell("=1+2", "\"'=1+2\"");
    expect_cell("+1", "\"'+1\"");
    expect_cell("-1", "\"'-1\"");
    expect_cell("@SUM(A1)", "\"'@SUM(A1)\"");
    /* The tab and CR are guarded at the start, and the '=' after them is the
    ** start of a piece for a reader splitting on tabs or lines. */
    expect_cell("\t=1", "\"'\t'=1\"");
    expect_cell("\r=1", "\"'\r'=1\"");
}

/* Excel in a ';' locale splits `Police;=cmd` into two cells: the cell is
** quoted (a separator) and the piece after ';' is neutralised too. */
static void csv_semicolon_and_tab_pieces(void **state)
{
    (void)state;
    expect_cell("Police;=cmd|' /C calc'!A0", "\"Police;'=cmd|' /C calc'!A0\"");
    expect_cell("a\t=1+2", "\"a\t'=1+2\"");
    expect_cell("a;b", "\"a;b\"");
    expect_cell("a\tb", "\"a\tb\"");
    expect_cell("x;@y;+z;-w", "\"x;'@y;'+z;'-w\"");
    expect_cell("x;\"=1\"", "\"x;'\"\"=1\"\"\"");
    expect_cell("x\n=1", "\"x\n'=1\"");
    /* ';' then tab then '=': the tab and the '=' are each guarded once. */
    expect_cell("x;\t=1", "\"x;\t'=1\"");
    expect_cell("=a;=b", "\"'=a;'=b\"");
}

static void expect_term(const char *in, const char *want)
{
    char *got = sl_term_escaped(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(sl_term_needs_escape(in), strcmp(in, want) != 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sl_term_write(f, in);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
    free(got);
}

static void term_escapes_controls(void **state)
{
    (void)state;
    expect_term("Springfield PD", "Springfield PD");
    expect_term("Comisar\xc3\xad" "a \xe2\x82\xac \xf0\x9f\x93\xb7", "Comisar\xc3\xad" "a \xe2\x82\xac \xf0\x9f\x93\xb7");
    expect_term("a\\b", "a\\b");
    expect_term("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07");
    expect_term("\x1b[2JPD", "\\x1b[2JPD");
    expect_term("tab\there\nnl\r", "tab\\x09here\\x0anl\\x0d");
    expect_term("del\x7f", "del\\x7f");
    /* C1 controls in UTF-8: U+009B is CSI on terminals that honour C1. */
    expect_term("\xc2\x9b" "2J \xc2\x80 \xc2\xa0", "\\u009b2J \\u0080 \xc2\xa0");
    /* Not UTF-8: a lone latin-1 byte, a truncated sequence, an overlong NUL. */
    expect_term("caf\xe9", "caf\\xe9");
    expect_term("\xe2\x82", "\\xe2\\x82");
    expect_term("\xc0\x80x", "\\xc0\\x80x");
    expect_term("", "");
}

/* Numbers as people read them, in the CLI's tables and the report alike. */
static void readable_numbers(void **state)
{
    (void)state;
    char b[40];
    assert_string_equal(sl_readable(0, b), "0");
    assert_string_equal(sl_readable(939.63, b), "939.6");
    assert_string_equal(sl_readable(1234.5, b), "1,235");
    assert_string_equal(sl_readable(3.14159, b), "3.14");
    assert_string_equal(sl_readable(0.97, b), "0.97");
    assert_string_equal(sl_readable(0.1, b), "0.10");
    assert_string_equal(sl_readable(0.00034, b), "0.00034");
    assert_string_equal(sl_readable(0.0009995, b), "0.0010"); /* rounds up a digit: still two */
    assert_string_equal(sl_readable(0.0996, b), "0.10");
    assert_string_equal(sl_readable(0.1, b), "0.10");
    assert_string_equal(sl_readable(-12.34, b), "-12.3");
    assert_string_equal(sl_readable(NAN, b), "n/a");
}

/* A share of two counts as a percentage, rounded half up on the exact
** quotient: printf's "%.1f" of the binary 6.25 and "%.2f" of 3.125 round to
** even (6.2, 3.12), the tables half up (6.3, 3.13). */
static void percent_of_counts(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(sl_percent_of(1, 16, 1, b), "6.3");
    assert_string_equal(sl_percent_of(2, 64, 2, b), "3.13");
    assert_string_equal(sl_percent_of(1477, 14894, 1, b), "9.9");
    assert_string_equal(sl_percent_of(1478, 18702, 2, b), "7.90");
    assert_string_equal(sl_percent_of(1, 3, 1, b), "33.3");
    assert_string_equal(sl_percent_of(2, 3, 1, b), "66.7");
    assert_string_equal(sl_percent_of(1, 8, 0, b), "13");
    assert_string_equal(sl_percent_of(0, 5, 1, b), "0.0");
    assert_string_equal(sl_percent_of(7, 7, 1, b), "100.0");
    assert_string_equal(sl_percent_of(25, 2, 1, b), "1,250.0");
    assert_string_equal(sl_percent_of(1, 0, 1, b), "n/a");
    assert_string_equal(sl_percent_of(1, 400, 1, b), "0.3"); /* 0.25 */
}

/* p-values as the CLI, the report and serve (chart.js) write them: at the
** floor of the draws only the bound, never the floor as a measured value. */
static void p_values(void **state)
{
    (void)state;
    char b[40];
    assert_string_equal(sl_format_p(1.0 / 2001, 1.0 / 2001, b), "< 0.0005");
    assert_string_equal(sl_format_p(1.0 / 21, 1.0 / 21, b), "< 0.048");
    assert_string_equal(sl_format_p(1.0 / 301, 1.0 / 301, b), "< 0.0034");
    assert_string_equal(sl_format_p(1.0 / 101, 1.0 / 101, b), "< 0.01");
    assert_string_equal(sl_format_p(1.0 / 1001, 1.0 / 1001, b), "< 0.001");
    assert_string_equal(sl_format_p(1.0 / 20001, 1.0 / 20001, b), "< 0.00005");
    assert_string_equal(sl_format_p(0.2134, 1.0 / 2001, b), "0.21");
    assert_string_equal(sl_format_p(1, 1.0 / 2001, b), "1.00");
    assert_string_equal(sl_format_p(0.0344, 1.0 / 2001, b), "0.034");
    assert_string_equal(sl_format_p(0.0015, 1.0 / 2001, b), "0.0015");
    assert_string_equal(sl_format_p(0.0009995, 1.0 / 2001, b), "0.0010");
    assert_string_equal(sl_format_p(0.0005, 0, b), "0.00050");
    assert_string_equal(sl_format_p(NAN, 0, b), "n/a");
}

/* Comma lists: items, empty items, a trailing comma, case. */
/* Ids in reading order: numbers as numbers, FIPS by state then county. */
static void ids_in_reading_order(void **state)
{
    (void)state;
    assert_true(sl_id_cmp("4", "35") < 0);
    assert_true(sl_id_cmp("35", "4") > 0);
    assert_true(sl_id_cmp("01001", "04015") < 0);
    assert_true(sl_id_cmp("22105", "16063") > 0);
    assert_int_equal(sl_id_cmp("17031", "17031"), 0);
    assert_true(sl_id_cmp("A", "B") < 0);
    assert_true(sl_id_cmp("10", "B") < 0);
}

static void comma_lists(void **state)
{
    (void)state;
    const char *c = "posts,,cameras,", *item;
    size_t len, n = 0;
    const char *want[] = {"posts", "", "cameras"};
    while ((item = sl_list_next(&c, &len))) {
        assert_true(n < 3);
        assert_int_equal(len, strlen(want[n]));
        assert_memory_equal(item, want[n], len);
        n++;
    }
    assert_int_equal(n, 3);
    c = "";
    assert_null(sl_list_next(&c, &len));
    assert_true(sl_list_has("IL,in", "IN", 1));
    assert_false(sl_list_has("IL,in", "IN", 0));
    assert_true(sl_list_has("posts,cameras", "cameras", 0));
    assert_false(sl_list_has("posts,cameras", "camera", 0));
    assert_false(sl_list_has("posts,,cameras", "", 0)); /* an empty word is in no list */
}

/* A bounded field is cut between characters, never inside one: a cut
** inside "é" or "監" would leave bytes no reader can decode. */
static void utf8_cut_between_characters(void **state)
{
    (void)state;
    assert_int_equal(sl_utf8_prefix("abc", 10), 3);
    assert_int_equal(sl_utf8_prefix("abc", 2), 2);
    assert_int_equal(sl_utf8_prefix("a\xc3\xa9", 2), 1); /* "aé": not half of é */
    assert_int_equal(sl_utf8_prefix("a\xc3\xa9", 3), 3);
    assert_int_equal(sl_utf8_prefix("\xe7\x9b\xa3x", 2), 0); /* 監 */
    assert_int_equal(sl_utf8_prefix("\xe7\x9b\xa3x", 3), 3);
    assert_int_equal(sl_utf8_prefix("", 0), 0);
}

/* What sl_html_write_prose writes for S (malloc'ed). */
static char *prose(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    sl_html_write_prose(f, s);
    fclose(f);
    return buf;
}

/* A report showed "`sightline rm 7`" with its backticks (run of
** 2026-12-06): a quoted command is code, escaped like the rest. */
static void prose_commands_as_code(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"`sightline rm 7` removes them.", "<code>sightline rm 7</code> removes them."},
        {"run `a <b>` or `c'`", "run <code>a &lt;b&gt;</code> or <code>c&#39;</code>"},
        {"one ` alone & \"that\"", "one &#96; alone &amp; &quot;that&quot;"},
        {"empty `` pair", "empty &#96;&#96; pair"},
        {"no command", "no command"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = prose(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_plain_and_quoted),
        cmocka_unit_test(csv_formula_at_start),
        cmocka_unit_test(csv_semicolon_and_tab_pieces),
        cmocka_unit_test(term_escapes_controls),
        cmocka_unit_test(comma_lists),
        cmocka_unit_test(ids_in_reading_order),
        cmocka_unit_test(readable_numbers),
        cmocka_unit_test(percent_of_counts),
        cmocka_unit_test(p_values),
        cmocka_unit_test(utf8_cut_between_characters),
        cmocka_unit_test(prose_commands_as_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
