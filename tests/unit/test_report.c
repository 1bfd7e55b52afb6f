/*
** test_report.c — the escaping the audit report relies on: JSON embedded in
** a <script> element cannot close it or start markup, and CSV cells cannot
** run as spreadsheet formulas.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/report/report.h"
#include "sightline/core/text.h"

/* What WRITE puts in a memory stream, as a malloc'ed string. */
static char *capture_json(const json_t *j)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(sl_json_write_for_script(f, j), 0);
    fclose(f);
    return buf;
}

static void test_script_json_escapes_markup(void **state)
{
    (void)state;
    json_t *j = json_pack("{s:s}", "text", "</script><script>alert(1)</script> & <!-- \xe2\x80\xa8 \xe2\x80\xa9 é");
    char *out = capture_json(j);
    assert_null(strchr(out, '<'));
    assert_null(strchr(out, '>'));
    assert_null(strchr(out, '&'));
    assert_null(strstr(out, "\xe2\x80\xa8"));
    assert_null(strstr(out, "\xe2\x80\xa9"));
    assert_non_null(strstr(out, "\\u003c/script\\u003e"));
    assert_non_null(strstr(out, "\\u0026"));
    assert_non_null(strstr(out, "\\u2028"));
    /* It is still the same JSON. */
    json_t *back = json_loads(out, 0, NULL);
    assert_non_null(back);
    assert_true(json_equal(j, back));
    json_decref(back);
    json_decref(j);
    free(out);
}

static char *capture_cell(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sl_csv_write_cell(f, s);
    fclose(f);
    return buf;
}

static void test_csv_cells_neutralized(void **state)
{
    (void)state;
    const char *formulas[] = {"=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1"};
    for (size_t i = 0; i < sizeof formulas / sizeof *formulas; i++) {
        char *out = capture_cell(formulas[i]);
        assert_int_equal(out[0], '"');
        assert_int_equal(out[1], '\'');
        free(out);
    }
    char *plain = capture_cell("Synthetic tract 1");
    assert_string_equal(plain, "Synthetic tract 1");
    free(plain);
}

static void test_default_filter(void **state)
{
    (void)state;
    size_t n;
    const sl_text_filter *f = sl_audit_default_filters(&n);
    assert_true(n >= 1);
    assert_string_equal(f[0].name, "children");
    assert_non_null(strstr(f[0].pattern, "teen"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_json_escapes_markup),
        cmocka_unit_test(test_csv_cells_neutralized),
        cmocka_unit_test(test_default_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
