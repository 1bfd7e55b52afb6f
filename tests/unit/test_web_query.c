/*
** test_web_query.c — the server's query-string rules (web/query.h): what
** parses, what is refused with a usage error, and the canonical spelling
** the cache key and ETag rest on.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "sightline/web/query.h"

static sl_status parse(const char *text, sl_web_query *q)
{
    sl_error err;
    sl_error_clear(&err);
    return sl_web_query_parse(text, strlen(text), q, &err);
}

static void parses(void **state)
{
    (void)state;
    sl_web_query q;
    assert_int_equal(parse("tech=Ring+Neighbors&state=CA%2CTX&since=", &q), SL_OK);
    assert_int_equal(q.count, 3);
    assert_string_equal(sl_web_query_get(&q, "tech"), "Ring Neighbors");
    assert_string_equal(sl_web_query_get(&q, "state"), "CA,TX");
    assert_null(sl_web_query_get(&q, "since")); /* empty: no filter */
    assert_null(sl_web_query_get(&q, "until"));
    char *c = sl_web_query_canonical(&q);
    assert_string_equal(c, "state=CA%2CTX&tech=Ring%20Neighbors");
    free(c);
    sl_web_query_free(&q);
    assert_int_equal(parse("", &q), SL_OK);
    assert_int_equal(q.count, 0);
    sl_web_query_free(&q);
    assert_int_equal(parse("&&name=%C3%A9&", &q), SL_OK);
    assert_string_equal(sl_web_query_get(&q, "name"), "\xC3\xA9");
    sl_web_query_free(&q);
}

static void a_name_without_value(void **state)
{
    (void)state;
    sl_web_query q;
    /* a piece without '=' decodes to more bytes than it has (two NULs):
    ** the input libFuzzer found overflowing the first buffer */
    assert_int_equal(parse("circlinf1.6,00", &q), SL_OK);
    assert_int_equal(q.count, 1);
    assert_null(sl_web_query_get(&q, "circlinf1.6,00"));
    sl_web_query_free(&q);
    assert_int_equal(parse("a&b&c&d&e&f&g&h", &q), SL_OK);
    assert_int_equal(q.count, 8);
    sl_web_query_free(&q);
}

static void refuses(void **state)
{
    (void)state;
    static const char *const BAD[] = {"a=1&a=2", "a=%ZZ", "a=%4", "a=%00b", "a=%1b[31m", "a=%7f", "a=%C2%85",
                                      "a=%C3", "a=%ED%A0%80", "a=%C0%AF", "=v",
                                      "a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1&i=1&j=1&k=1&l=1&m=1&n=1&o=1&p=1&q=1"};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        sl_web_query q;
        sl_error err;
        sl_error_clear(&err);
        if (sl_web_query_parse(BAD[i], strlen(BAD[i]), &q, &err) != SL_EUSAGE) fail_msg("'%s' parsed", BAD[i]);
        sl_web_query_free(&q);
    }
    char big[SL_WEB_QUERY_MAX_BYTES + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sl_web_query q;
    assert_int_equal(parse(big, &q), SL_EUSAGE);
    sl_web_query_free(&q);
}

static void only_known_names(void **state)
{
    (void)state;
    static const char *const ALLOWED[] = {"tech", "by", NULL};
    sl_web_query q;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(parse("tech=x&by=state", &q), SL_OK);
    assert_int_equal(sl_web_query_only(&q, ALLOWED, &err), SL_OK);
    sl_web_query_free(&q);
    assert_int_equal(parse("tech=x&tecch=y", &q), SL_OK);
    assert_int_equal(sl_web_query_only(&q, ALLOWED, &err), SL_EUSAGE);
    assert_non_null(strstr(err.msg, "'tecch'"));
    assert_non_null(strstr(err.msg, "tech, by"));
    sl_web_query_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses), cmocka_unit_test(a_name_without_value), cmocka_unit_test(refuses),
        cmocka_unit_test(only_known_names)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
