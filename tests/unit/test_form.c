/*
** test_form.c — the pieces a pledge form goes through before the store:
** the form-body parser (percent-decoding, '+', duplicates, NUL, invalid
** UTF-8, controls, over-long fields, the size cap), email checks (IDN,
** length limits, spellings that are one address), tokens and key = value
** files (issue #16).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "sightline/core/email.h"
#include "sightline/core/form.h"
#include "sightline/core/kv.h"
#include "sightline/core/token.h"

static sl_status parse(const char *body, sl_form *f, sl_error *err)
{
    return sl_form_parse("form", body, strlen(body), NULL, f, err);
}

static void test_decodes(void **state)
{
    (void)state;
    sl_form f;
    sl_error err;
    const char *v;
    assert_int_equal(parse("email=a%40b.example&name=Ann+Lee&note=caf%C3%A9&&empty=&bare", &f, &err), SL_OK);
    assert_int_equal(sl_form_get(&f, "email", &v), 1);
    assert_string_equal(v, "a@b.example");
    assert_int_equal(sl_form_get(&f, "name", &v), 1);
    assert_string_equal(v, "Ann Lee");
    assert_int_equal(sl_form_get(&f, "note", &v), 1);
    assert_string_equal(v, "caf\xc3\xa9");
    assert_int_equal(sl_form_get(&f, "empty", &v), 1);
    assert_string_equal(v, "");
    assert_int_equal(sl_form_get(&f, "bare", &v), 1);
    assert_string_equal(v, "");
    assert_int_equal(sl_form_get(&f, "missing", &v), 0);
    assert_null(v);
    sl_form_free(&f);
}

static void test_duplicates(void **state)
{
    (void)state;
    sl_form f;
    sl_error err;
    const char *v;
    assert_int_equal(parse("c=a&email=x%40y.example&c=b&email=z%40y.example", &f, &err), SL_OK);
    assert_int_equal(sl_form_get(&f, "email", &v), -1); /* the caller refuses a repeated single field */
    assert_int_equal(sl_form_each(&f, "c", NULL, NULL), 2);
    sl_form_free(&f);
}

static void refused(const char *body, const char *why)
{
    sl_form f;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_form_parse("form", body, strlen(body), NULL, &f, &err), SL_EDATA);
    if (!strstr(err.msg, why)) fail_msg("'%s': message '%s' lacks '%s'", body, err.msg, why);
    assert_int_equal(f.count == 0 || f.fields != NULL, 1);
    sl_form_free(&f);
}

static void test_refusals(void **state)
{
    (void)state;
    refused("name=a%00b", "NUL");
    refused("name=%ff%fe", "not UTF-8");
    refused("name=%C0%AF", "not UTF-8"); /* an over-long encoding of '/' */
    refused("name=%1b%5b2J", "control character");
    refused("name=%G1", "two hex digits");
    refused("name=abc%", "two hex digits");
    refused("name=abc%4", "two hex digits");
    refused("na%20me=x", "field name");
    refused("%00=x", "NUL");
    char big[5000];
    memset(big, 'a', sizeof big);
    memcpy(big, "name=", 5);
    big[sizeof big - 1] = '\0';
    refused(big, "too long");
    /* more fields than the limit */
    char many[1024] = "";
    for (int i = 0; i < 70; i++) strcat(many, "a=1&");
    refused(many, "more than 64 fields");
    /* the body cap, checked before anything is decoded */
    sl_form f;
    sl_error err;
    sl_form_limits lim = {10, 64, 64, 4096};
    assert_int_equal(sl_form_parse("form", "email=a%40b.example", 19, &lim, &f, &err), SL_EDATA);
    assert_non_null(strstr(err.msg, "limit is 10"));
    sl_form_free(&f);
    /* an offending value is never echoed in the message */
    refused("name=%1bSECRET", "control");
    assert_null(strstr("form field 'name': a control character in a field value", "SECRET"));
}

static void email_ok(const char *in, const char *want)
{
    char out[SL_EMAIL_MAX + 1];
    const char *why;
    if (sl_email_normalize(in, out, sizeof out, &why)) fail_msg("'%s' refused: %s", in, why);
    assert_string_equal(out, want);
}

static void email_bad(const char *in)
{
    char out[SL_EMAIL_MAX + 1];
    const char *why;
    if (!sl_email_normalize(in, out, sizeof out, &why)) fail_msg("'%s' accepted as '%s'", in, out);
    assert_non_null(why);
}

static void test_email(void **state)
{
    (void)state;
    email_ok("  Ann.Lee+ring@Example.ORG ", "ann.lee+ring@example.org");
    email_ok("ann@b\xc3\xbc" "cher.example", "ann@xn--bcher-kva.example");
    email_ok("ann@xn--bcher-kva.example", "ann@xn--bcher-kva.example");
    email_ok("\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.example", "\xe7\x94\xa8\xe6\x88\xb7@xn--fsqu00a.example");
    email_bad("");
    email_bad("ann");
    email_bad("ann@");
    email_bad("@example.org");
    email_bad("ann@@example.org");
    email_bad("ann@b@example.org");
    email_bad("ann@localhost");
    email_bad("ann@example.123");
    email_bad(".ann@example.org");
    email_bad("an..n@example.org");
    email_bad("ann lee@example.org");
    email_bad("ann@exa mple.org");
    email_bad("\"ann\"@example.org");
    email_bad("ann@[127.0.0.1]");
    email_bad("ann@-example.org");
    email_bad("ann@example.org\r\nBcc: x@y.example");
    email_bad("ann@\xe2\x98\x83\xe2\x98\x83.example"); /* symbols are not IDNA 2008 */
    email_bad("\xff@example.org");
    char local[80];
    memset(local, 'a', 65);
    strcpy(local + 65, "@example.org");
    email_bad(local); /* 65 before the @ */
    local[1] = '@';
    strcpy(local + 2, "example.org");
    char longdom[300] = "a@";
    for (int i = 0; i < 4; i++) strcat(longdom, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.");
    strcat(longdom, "org");
    email_bad(longdom); /* over 254 */
}

static void test_token(void **state)
{
    (void)state;
    char a[SL_TOKEN_CHARS + 1], b[SL_TOKEN_CHARS + 1], h[65];
    sl_error err;
    assert_int_equal(sl_token_new(a, &err), SL_OK);
    assert_int_equal(sl_token_new(b, &err), SL_OK);
    assert_int_equal(strlen(a), SL_TOKEN_CHARS);
    assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), SL_TOKEN_CHARS);
    assert_string_not_equal(a, b);
    assert_true(sl_token_equal(a, a));
    assert_false(sl_token_equal(a, b));
    sl_token_hash(a, h);
    assert_int_equal(strlen(h), 64);
    assert_null(strstr(h, a));
}

static sl_status count_kv(const char *k, const char *v, long line, void *ctx, sl_error *err)
{
    (void)line;
    (void)err;
    if (!strcmp(k, "title")) assert_string_equal(v, "A = B");
    (*(int *)ctx)++;
    return SL_OK;
}

static void test_kv(void **state)
{
    (void)state;
    const char *good = "# comment\n\ntitle =  A = B  \r\nhost=x\n";
    int n = 0;
    sl_error err;
    assert_int_equal(sl_kv_parse("c", good, strlen(good), count_kv, &n, &err), SL_OK);
    assert_int_equal(n, 2);
    const char *bad = "host = x\nno equals here\n";
    assert_int_equal(sl_kv_parse("c", bad, strlen(bad), count_kv, &n, &err), SL_EDATA);
    assert_int_equal(err.line, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decodes), cmocka_unit_test(test_duplicates), cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_email),   cmocka_unit_test(test_token),      cmocka_unit_test(test_kv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
