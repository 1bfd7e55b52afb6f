/*
** test_swar.c — the point reader's byte scanners (src/io/swar.c) against
** byte-by-byte loops: every start alignment and length around the 8- and
** 16-byte steps, with row ends, quotes and NULs in every position, so the
** SSE2, SWAR and tail paths must agree exactly.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/swar.h"

static void naive_scan(const char *s, const char *end, char eol, size_t *rows, int *quote,
                       const char **nul)
{
    *rows = 0;
    *quote = 0;
    *nul = NULL;
    for (; s < end; s++) {
        *rows += *s == eol;
        *quote |= *s == '"';
        if (!*s && !*nul) *nul = s;
    }
}

static void check(const char *s, const char *end, char eol)
{
    size_t want_rows;
    int want_quote, quote;
    const char *want_nul, *nul;
    naive_scan(s, end, eol, &want_rows, &want_quote, &want_nul);
    assert_int_equal(sl_swar_scan_rows(s, end, eol, &quote, &nul), want_rows);
    assert_int_equal(quote, want_quote);
    assert_ptr_equal(nul, want_nul);
    assert_int_equal(sl_swar_count_byte(s, end, eol), want_rows);
}

static void test_scan_rows_every_position(void **state)
{
    (void)state;
    char buf[128];
    for (int from = 0; from < 17; from++)
        for (int len = 0; len + from <= 100; len += 1 + (len > 40) * 6) {
            /* Plain text with row ends every 7 bytes, then one special byte
            ** (quote, NUL, row end, CR) moved through every position. */
            for (int i = 0; i < (int)sizeof buf; i++) buf[i] = i % 7 == 6 ? '\n' : (char)('a' + i % 26);
            check(buf + from, buf + from + len, '\n');
            check(buf + from, buf + from + len, '\r');
            for (int at = from; at < from + len; at++) {
                const char special[] = {'"', '\0', '\n', '\r'};
                for (size_t k = 0; k < sizeof special; k++) {
                    char keep = buf[at];
                    buf[at] = special[k];
                    check(buf + from, buf + from + len, '\n');
                    buf[at] = keep;
                }
            }
        }
}

static void test_scan_rows_second_nul_and_high_bytes(void **state)
{
    (void)state;
    char buf[256];
    for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (char)(0x80 + i % 100); /* bytes >= 0x80 */
    buf[40] = '\0';
    buf[90] = '\0';
    buf[200] = '\n';
    for (int from = 0; from < 16; from++) check(buf + from, buf + sizeof buf, '\n');
}

/* Row ends are summed in byte lanes flushed every 255 sixteen-byte steps:
** a buffer of nothing but row ends (every lane +1 each step) over several
** blocks would wrap a lane if the flush came late; NULs in a later block and
** in the tail must still be found first-first. */
static void test_scan_rows_long_blocks(void **state)
{
    (void)state;
    enum { LEN = 255 * 16 * 3 + 37 };
    static char buf[LEN + 16];
    memset(buf, '\n', sizeof buf);
    for (int from = 0; from < 16; from += 5) check(buf + from, buf + from + LEN, '\n');
    buf[255 * 16 * 2 + 3] = '\0';
    buf[255 * 16 * 2 + 9] = '\0';
    buf[100] = '"';
    check(buf, buf + LEN, '\n');
    memset(buf, '\n', sizeof buf);
    buf[LEN - 3] = '\0'; /* in the byte-wise tail */
    check(buf, buf + LEN, '\n');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_rows_every_position),
        cmocka_unit_test(test_scan_rows_second_nul_and_high_bytes),
        cmocka_unit_test(test_scan_rows_long_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
