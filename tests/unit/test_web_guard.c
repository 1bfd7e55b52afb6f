/*
** test_web_guard.c — the guard of the server's forms (web/guard.h): CSRF
** tokens valid only as issued, within their time and from their own
** server; the same-site rules of a POST's headers; rate limits per key and
** per minute, with Retry-After up to the minute's end; the group-commit
** store batch (a failed unit undone alone, nothing durable before commit);
** who is on this machine (loopback addresses), and which API answers only
** such clients get when the server is not --exact; which Host headers name
** the server (DNS rebinding names another).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include "sightline/web/api.h"
#include "sightline/web/guard.h"
#include "sightline/store/store.h"

static void csrf_tokens(void **state)
{
    (void)state;
    sl_web_guard *g, *other;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_web_guard_new(NULL, &g, &err), SL_OK);
    assert_int_equal(sl_web_guard_new(NULL, &other, &err), SL_OK);
    char t[SL_WEB_CSRF_MAX];
    long long now = 1800000000;
    sl_web_csrf_issue(g, now, t);
    assert_true(sl_web_csrf_valid(g, t, now));
    assert_true(sl_web_csrf_valid(g, t, now + SL_WEB_CSRF_TTL_S));
    assert_false(sl_web_csrf_valid(g, t, now + SL_WEB_CSRF_TTL_S + 1)); /* expired */
    assert_false(sl_web_csrf_valid(g, t, now - 61));                   /* from the future */
    assert_false(sl_web_csrf_valid(other, t, now));                    /* another server (a restart) */
    char forged[SL_WEB_CSRF_MAX];
    memcpy(forged, t, sizeof forged);
    char *last = forged + strlen(forged) - 1;
    *last = *last == '0' ? '1' : '0';
    assert_false(sl_web_csrf_valid(g, forged, now));
    snprintf(forged, sizeof forged, "%llx%s", now + 1, strchr(t, '.')); /* the mac of another time */
    assert_false(sl_web_csrf_valid(g, forged, now));
    const char *junk[] = {"", ".", "x", "0.0", "zz.00000000000000000000000000000000", NULL};
    for (size_t i = 0; junk[i]; i++) assert_false(sl_web_csrf_valid(g, junk[i], now));
    assert_false(sl_web_csrf_valid(g, NULL, now));
    sl_web_guard_free(g);
    sl_web_guard_free(other);
}

/* Guards keyed from one store's form secret take each other's tokens (two
** serve processes, a restart); what one issued before it was keyed stays good. */
static void csrf_shared(void **state)
{
    (void)state;
    sl_web_guard *a, *b, *c;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_web_guard_new(NULL, &a, &err), SL_OK);
    assert_int_equal(sl_web_guard_new(NULL, &b, &err), SL_OK);
    assert_int_equal(sl_web_guard_new(NULL, &c, &err), SL_OK);
    long long now = 1800000000;
    char early[SL_WEB_CSRF_MAX], t[SL_WEB_CSRF_MAX];
    sl_web_csrf_issue(a, now, early);
    assert_false(sl_web_guard_shared(a));
    sl_web_guard_share(a, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
    sl_web_guard_share(b, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
    sl_web_guard_share(c, "another-store-secret-0123456789abcdefghijkl");
    assert_true(sl_web_guard_shared(a) && sl_web_guard_shared(b));
    sl_web_guard_share(a, "another-store-secret-0123456789abcdefghijkl"); /* the first key stays */
    sl_web_csrf_issue(a, now, t);
    assert_true(sl_web_csrf_valid(b, t, now + 60));  /* another process of the store */
    assert_false(sl_web_csrf_valid(c, t, now + 60)); /* another store */
    assert_true(sl_web_csrf_valid(a, early, now + 60));
    assert_false(sl_web_csrf_valid(b, early, now + 60));
    sl_web_csrf_issue(b, now, early);
    assert_string_equal(early, t); /* the same token, whoever issues it */
    sl_web_guard_free(a);
    sl_web_guard_free(b);
    sl_web_guard_free(c);
}

static void same_site(void **state)
{
    (void)state;
    const char *h = "127.0.0.1:8787";
    assert_true(sl_web_same_site(h, NULL, NULL, NULL, NULL)); /* curl: the token decides */
    assert_true(sl_web_same_site(h, NULL, "http://127.0.0.1:8787", NULL, "same-origin"));
    assert_true(sl_web_same_site(h, NULL, "https://127.0.0.1:8787", NULL, NULL));
    assert_true(sl_web_same_site(h, NULL, NULL, "http://127.0.0.1:8787/campaign?state=VA", NULL));
    assert_false(sl_web_same_site(h, NULL, "null", NULL, NULL));
    assert_false(sl_web_same_site(h, NULL, "http://127.0.0.1:8787.evil.example", NULL, NULL));
    assert_false(sl_web_same_site(h, NULL, "http://evil.example", "http://127.0.0.1:8787/", NULL));
    assert_false(sl_web_same_site(h, NULL, NULL, "http://127.0.0.1:87870/", NULL));
    assert_false(sl_web_same_site(h, NULL, NULL, "https://evil.example/?http://127.0.0.1:8787/", NULL));
    assert_false(sl_web_same_site(h, NULL, NULL, NULL, "cross-site"));
    assert_false(sl_web_same_site(h, NULL, NULL, NULL, "same-site"));
    assert_false(sl_web_same_site(NULL, NULL, "http://127.0.0.1:8787", NULL, NULL));
    /* behind a proxy: Host 127.0.0.1:PORT (nginx's own), Origin the public name of --host, any port */
    const char *const names[] = {"campaign.example.org", NULL};
    assert_true(sl_web_same_site(h, names, "https://campaign.example.org", NULL, NULL));
    assert_true(sl_web_same_site(h, names, "https://Campaign.Example.org:8443", NULL, "same-origin"));
    assert_true(sl_web_same_site("campaign.example.org", names, "https://campaign.example.org:8443", NULL, NULL));
    assert_true(sl_web_same_site(h, names, NULL, "https://campaign.example.org/campaign", NULL));
    assert_false(sl_web_same_site(h, names, "https://campaign.example.org.evil.example", NULL, NULL));
    assert_false(sl_web_same_site(h, names, "https://evil.example", NULL, NULL));
    assert_false(sl_web_same_site(h, names, "https://campaign.example.org:8443/", NULL, NULL));
    assert_false(sl_web_same_site(h, names, NULL, "https://campaign.example.org.evil.example/", NULL));
    assert_false(sl_web_same_site(h, names, "https://campaign.example.org:x", NULL, NULL));
    assert_true(sl_web_origin_named("http://campaign.example.org:8080", names));
    assert_false(sl_web_origin_named("https://example.org", names));
    assert_false(sl_web_origin_named(NULL, names));
}

/* A surge: 20,000 signers a minute, each address once, at a limit of 1.
** With one slot per hash, keys sharing a slot shared a budget and many were
** refused for an address used once; now none is. */
static void rate_surge(void **state)
{
    (void)state;
    sl_web_limits lim = {0, 1};
    sl_web_guard *g;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_web_guard_new(&lim, &g, &err), SL_OK);
    unsigned retry;
    long long now = 1800000000 - 1800000000 % 60 + 1;
    int refused = 0;
    for (int i = 0; i < 20000; i++) {
        char email[64];
        snprintf(email, sizeof email, "signer%d@campus.example.edu", i);
        refused += sl_web_rate_take(g, SL_WEB_RATE_EMAIL, email, now, &retry) != 0;
    }
    assert_int_equal(refused, 0);
    /* each of them a second time in the minute: refused, every one */
    for (int i = 0; i < 20000; i += 997) {
        char email[64];
        snprintf(email, sizeof email, "signer%d@campus.example.edu", i);
        assert_int_not_equal(sl_web_rate_take(g, SL_WEB_RATE_EMAIL, email, now + 30, &retry), 0);
    }
    sl_web_guard_free(g);
}

static void rate_limits(void **state)
{
    (void)state;
    sl_web_limits lim = {3, 1};
    sl_web_guard *g;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_web_guard_new(&lim, &g, &err), SL_OK);
    unsigned retry;
    long long now = 1800000000 - 1800000000 % 60 + 15; /* 15 s into a minute */
    for (int i = 0; i < 3; i++) assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_CLIENT, "10.0.0.1", now, &retry), 0);
    /* 2 the first time over in the minute (the one a log says), 1 after */
    assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_CLIENT, "10.0.0.1", now + 10, &retry), 2);
    assert_int_equal(retry, 35);
    assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_CLIENT, "10.0.0.1", now + 11, &retry), 1);
    assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_CLIENT, "10.0.0.2", now, &retry), 0); /* another client */
    assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_EMAIL, "10.0.0.1", now, &retry), 0);  /* another kind */
    assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_EMAIL, "10.0.0.1", now, &retry), 2);
    assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_CLIENT, "10.0.0.1", now + 45, &retry), 0); /* next minute */
    sl_web_guard_free(g);
    sl_web_limits none = {0, 0};
    assert_int_equal(sl_web_guard_new(&none, &g, &err), SL_OK);
    for (int i = 0; i < 100; i++) assert_int_equal(sl_web_rate_take(g, SL_WEB_RATE_CLIENT, "x", now, &retry), 0);
    sl_web_guard_free(g);
}

static long rows(sl_store *st)
{
    sl_error err;
    sl_source_list l = {0};
    sl_error_clear(&err);
    assert_int_equal(sl_store_load_sources(st, NULL, &l, &err), SL_OK);
    long n = (long)l.count;
    sl_source_list_free(&l);
    return n;
}

static void store_batch(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-batch-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    sl_store *st;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    assert_int_equal(sl_store_batch_begin(st, &err), SL_OK);
    for (int i = 0; i < 3; i++) {
        char sha[65];
        snprintf(sha, sizeof sha, "%064d", i);
        sl_source s = {.kind = "agencies", .file_name = "f.csv", .sha256 = sha, .snapshot = "", .options = "{}"};
        assert_int_equal(sl_store_begin(st, &err), SL_OK);
        assert_int_equal(sl_store_add_source(st, &s, &err), SL_OK);
        if (i == 1) sl_store_rollback(st); /* this unit alone is undone */
        else assert_int_equal(sl_store_commit(st, &err), SL_OK);
    }
    assert_int_equal(sl_store_batch_commit(st, &err), SL_OK);
    assert_int_equal(rows(st), 2);
    assert_int_equal(sl_store_batch_begin(st, &err), SL_OK);
    sl_source s = {.kind = "agencies", .file_name = "g.csv", .sha256 = "ab", .snapshot = "", .options = "{}"};
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    assert_int_equal(sl_store_add_source(st, &s, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    sl_store_batch_rollback(st); /* the whole batch goes */
    assert_int_equal(rows(st), 2);
    sl_store_close(st);
    unlink(path);
}

/* 1 when the text address TEXT is loopback by sl_web_loopback_address. */
static int is_loopback(const char *text)
{
    struct sockaddr_in v4 = {.sin_family = AF_INET};
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
    if (inet_pton(AF_INET, text, &v4.sin_addr) == 1) return sl_web_loopback_address((struct sockaddr *)&v4);
    assert_int_equal(inet_pton(AF_INET6, text, &v6.sin6_addr), 1);
    return sl_web_loopback_address((struct sockaddr *)&v6);
}

static void loopback(void **state)
{
    (void)state;
    assert_true(is_loopback("127.0.0.1") && is_loopback("127.8.9.10") && is_loopback("::1") &&
                is_loopback("::ffff:127.0.0.1"));
    assert_false(is_loopback("192.0.2.2") || is_loopback("10.0.0.1") || is_loopback("128.0.0.1") ||
                 is_loopback("::ffff:192.0.2.2") || is_loopback("fd00::2") || is_loopback("::"));
    assert_false(sl_web_loopback_address(NULL));
}

/* The answers with exact camera figures, and only they, are for this machine. */
static void local_only(void **state)
{
    (void)state;
    /* the first 8 are exact: each area's cameras in a disparity, and a
    ** density at an edge off the ladder (two close edges place a camera) */
    const char *cases[][2] = {{"/api/near", "sites=ice&radius=80"}, {"/api/zone", "circle=1,2,300"},
                              {"/api/join", "points=posts&areas=t"}, {"/api/join", "points=cameras&areas=t"},
                              {"/api/disparity", "events=cameras&areas=t"}, {"/api/disparity", "events=posts&areas=t"},
                              {"/api/density", "points=posts&hex=500.01"}, {"/api/density", "hex=700"},
                              {"/api/join", "points=sites&areas=t"}, {"/api/join", "points=requests&areas=t"},
                              {"/api/density", "points=posts&hex=500"}, {"/api/density", "points=cameras&hex=2500"},
                              {"/api/density", "points=sites&hex=700"}, {"/api/density", "hex=x"},
                              {"/api/disparity", "events=requests&areas=t"}, {"/api/partnerships", "by=state"},
                              {"/api/info", ""}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sl_web_query q;
        sl_error err;
        assert_int_equal(sl_web_query_parse(cases[i][1], strlen(cases[i][1]), &q, &err), SL_OK);
        const char *why = sl_web_api_local_only(cases[i][0], &q);
        assert_int_equal(why != NULL, i < 8);
        if (why) assert_non_null(strstr(why, "only on the machine running sightline serve"));
        sl_web_query_free(&q);
    }
}

/* The Host header names this server (DNS rebinding gives another name). */
static void host_header(void **state)
{
    (void)state;
    const char *names[] = {"campaign.example.org", NULL};
    const char *yes_loop[] = {"127.0.0.1:8787", "127.0.0.1", "localhost:8787", "LOCALHOST", "[::1]:8787", "[::1]",
                              "127.9.9.9:8787", "campaign.example.org", "Campaign.Example.org:443", NULL};
    const char *no_loop[] = {"rebind.evil.example:8787", "localhost:8788", "127.0.0.1:80", "localhost.", "",
                             ":8787", "127.0.0.1.evil.example", "localhost.evil.example", "evil.localhost",
                             "[::1]x:8787", "[::1", "::1", "127.0.0.1:8787:1", "127.0.0.1:", "127.0.0.1:0",
                             "127.0.0.1:99999", "127.0.0.1: 8787", "192.0.2.7:8787", "[2001:db8::1]:8787",
                             "campaign.example.org.evil.example", "x.campaign.example.org", "127.1", NULL};
    for (size_t i = 0; yes_loop[i]; i++) assert_true(sl_web_host_allowed(yes_loop[i], 1, 8787, names));
    for (size_t i = 0; no_loop[i]; i++) assert_false(sl_web_host_allowed(no_loop[i], 1, 8787, names));
    assert_true(sl_web_host_allowed(NULL, 1, 8787, NULL)); /* HTTP/1.0: no browser */
    assert_false(sl_web_host_allowed("campaign.example.org", 1, 8787, NULL));
    /* bound elsewhere: an address literal with the port (it cannot be rebound), never another name */
    assert_true(sl_web_host_allowed("192.0.2.7:8787", 0, 8787, NULL));
    assert_true(sl_web_host_allowed("[2001:db8::1]:8787", 0, 8787, NULL));
    assert_false(sl_web_host_allowed("192.0.2.7:8788", 0, 8787, NULL));
    assert_false(sl_web_host_allowed("rebind.evil.example:8787", 0, 8787, NULL));
    assert_true(sl_web_host_name_valid("campaign.example.org") && sl_web_host_name_valid("a-b.example"));
    const char *bad[] = {"", "a b", "a:80", "*.example", ".example", "-x.example", "a..b", "http://x", NULL};
    for (size_t i = 0; bad[i]; i++) assert_false(sl_web_host_name_valid(bad[i]));
    assert_false(sl_web_host_name_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(csrf_tokens), cmocka_unit_test(csrf_shared),
                                       cmocka_unit_test(same_site),
                                       cmocka_unit_test(rate_limits), cmocka_unit_test(rate_surge), cmocka_unit_test(store_batch),
                                       cmocka_unit_test(loopback), cmocka_unit_test(local_only),
                                       cmocka_unit_test(host_header)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
