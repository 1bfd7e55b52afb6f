/*
** test_campaign.c — the pledge at the library level (issue #16): field
** checks, double opt-in with expiring single-use links, one reply for a new
** and an already-pledged address, purge, erasure that leaves no byte of
** the signer in the file, the formula-safe export of consented signers
** only, and public counts with small counties folded into their state,
** stored at the hour's first read so that an erasure leaves them only at
** the next hour's.
*/
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <limits.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "skip.h"
#include "sightline/analysis/campaign.h"
#include "sightline/core/file.h"
#include "sightline/core/form.h"
#include "sightline/core/token.h"
#include "sightline/ingest/campaign.h"
#include "sightline/ingest/layers.h"

#define T0 1800000000LL

typedef struct fixture { char path[64]; sl_store *st; } fixture;

static int setup(void **state)
{
    const char *fx = getenv("SL_FIXTURES");
    if (!fx) return -1;
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->path, "/tmp/sl-campaign-XXXXXX");
    close(mkstemp(f->path));
    sl_error err;
    if (sl_store_open(f->path, &f->st, &err)) return -1;
    char areas[1024];
    snprintf(areas, sizeof areas, "%s/campaign/counties.geojson", fx);
    sl_area_options opt = {.id = "id", .name = "name"};
    sl_layer_result res;
    if (sl_ingest_areas(f->st, "counties", areas, &opt, 0, &res, &err)) return -1;
    sl_commitment cm[] = {{"cancel-ring", "Cancel Ring"}, {"no-amazon", "No Amazon for a month"}};
    sl_campaign c = {.title = "Test", .pledge_md = "I pledge", .organisation = "Org", .contact = "org@example.org",
                     .privacy = "We keep little.", .area_set = "counties", .base_url = "https://c.example/",
                     .sender = "pledge@example.org", .commitments = cm, .n_commitments = 2};
    if (sl_campaign_save(f->st, &c, 1, &err)) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sl_store_close(f->st);
    unlink(f->path);
    free(f);
    return 0;
}

static sl_status pledge(fixture *f, const char *body, long long now, const char **field, sl_error *err)
{
    sl_form form;
    sl_status s = sl_form_parse("form", body, strlen(body), NULL, &form, err);
    if (!s) s = sl_campaign_pledge(f->st, &form, now, 0, field, err);
    sl_form_free(&form);
    return s;
}

static sl_campaign_totals totals(fixture *f)
{
    sl_campaign_totals t;
    sl_error err;
    assert_int_equal(sl_store_campaign_totals(f->st, &t, &err), SL_OK);
    return t;
}

/* The token of the newest queued message. */
static void last_token(fixture *f, char token[SL_TOKEN_CHARS + 1])
{
    sl_arena a = {0};
    sl_outbox_msg *m;
    size_t n;
    sl_error err;
    assert_int_equal(sl_store_outbox_pending(f->st, &a, 0, LLONG_MAX, &m, &n, &err), SL_OK);
    assert_true(n > 0);
    const char *t = strstr(m[n - 1].body, "token=");
    assert_non_null(t);
    snprintf(token, SL_TOKEN_CHARS + 1, "%s", t + 6);
    sl_arena_free(&a);
}

static void bad_field(fixture *f, const char *body, const char *want)
{
    const char *field = NULL;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(pledge(f, body, T0, &field, &err), SL_EDATA);
    if (want && (!field || strcmp(field, want))) fail_msg("'%s': field %s, wanted %s (%s)", body, field, want, err.msg);
}

static void test_checks(void **state)
{
    fixture *f = *state;
    bad_field(f, "state=NY&county=36061", "email");
    bad_field(f, "email=nope&state=NY&county=36061", "email");
    bad_field(f, "email=a%40b.example&email=c%40d.example&state=NY&county=36061", "email");
    bad_field(f, "email=a%40b.example&state=N&county=36061", "state");
    bad_field(f, "email=a%40b.example&state=NY&county=99999", "county");
    bad_field(f, "email=a%40b.example&state=NY&county=36061&commitment=burn-it-down", "commitment");
    bad_field(f, "email=a%40b.example&state=NY&county=36061&admin=1", NULL);
    char body[600] = "email=a%40b.example&state=NY&county=36061&name=";
    memset(body + strlen(body), 'x', 101);
    bad_field(f, body, "name");
    bad_field(f, "email=a%40b.example&state=NY&county=36061&name=a%0Ab", "name");
    /* a text-direction override would turn the public list's names around */
    bad_field(f, "email=a%40b.example&state=NY&county=36061&name=Vera%E2%80%AEA", "name");
    bad_field(f, "email=a%40b.example&state=NY&county=36061&name=Vera%E2%81%A7A", "name");
    /* 101 characters of two bytes each: too long; 100 of them are not */
    char wide[1200] = "email=a%40b.example&state=NY&county=36061&name=";
    for (int i = 0; i < 101; i++) strcat(wide, "%C3%A9");
    bad_field(f, wide, "name");
    assert_int_equal(totals(f).pledges, 0);
    wide[strlen(wide) - 6] = '\0';
    sl_error e;
    assert_int_equal(pledge(f, wide, T0, NULL, &e), SL_OK); /* the form's maxlength counts characters */
    assert_int_equal(totals(f).pledges, 1);
    assert_int_equal(pledge(f, "email=c%40b.example&state=NY&county=36061&name=Ren%C3%A9e%20%D7%A9%D7%A8%D7%94", T0,
                            NULL, &e), SL_OK); /* accents and Hebrew are names */
    assert_int_equal(totals(f).pledges, 2);
    /* the honeypot: answered like a pledge, stored nowhere */
    sl_error err;
    assert_int_equal(pledge(f, "email=bot%40b.example&state=NY&county=36061&homepage=http%3A%2F%2Fspam", T0, NULL, &err),
                     SL_OK);
    assert_int_equal(totals(f).pledges, 2);
}

static void test_double_opt_in(void **state)
{
    fixture *f = *state;
    sl_error err;
    char first[SL_TOKEN_CHARS + 1], second[SL_TOKEN_CHARS + 1];
    int ok;
    const char *body = "email=Ann%40Example.org&name=Ann&state=ny&county=36061&commitment=cancel-ring&consent=on";
    assert_int_equal(pledge(f, body, T0, NULL, &err), SL_OK);
    last_token(f, first);
    assert_int_equal(totals(f).confirmed, 0);
    /* the same address again, another spelling, while its message waits in
    ** the outbox: the same SL_OK, no second message, and the first link
    ** still works and confirms the first answers (anyone may type an
    ** address: a sign-up never changes what another's link confirms) */
    assert_int_equal(pledge(f, "email=ann%40EXAMPLE.org&state=NY&county=36047", T0 + 10, NULL, &err), SL_OK);
    assert_int_equal(totals(f).pledges, 1);
    assert_int_equal(totals(f).outbox_pending, 1);
    last_token(f, second);
    assert_string_equal(first, second);
    sl_pledge_link link;
    sl_pledge shown;
    sl_arena ar = {0};
    assert_int_equal(sl_campaign_link(f->st, first, T0 + 20, &link, &ar, &shown, &err), SL_OK);
    assert_int_equal(link, SL_LINK_PENDING);
    assert_string_equal(shown.county, "36061"); /* what the button confirms: its own sign-up's answers */
    assert_int_equal(shown.consent, 1);
    assert_string_equal(shown.state, "NY");
    assert_null(shown.email); /* never the address */
    sl_arena_free(&ar);
    /* once it was sent, signing again sends a further link, and the first
    ** still works beside it: nobody is left holding a dead link */
    sl_arena a = {0};
    sl_outbox_msg *m;
    size_t n;
    assert_int_equal(sl_store_outbox_pending(f->st, &a, 0, LLONG_MAX, &m, &n, &err), SL_OK);
    assert_int_equal(sl_store_outbox_sent(f->st, m[0].id, T0 + 11, &err), SL_OK);
    sl_arena_free(&a);
    assert_int_equal(pledge(f, "email=ann%40example.org&state=NY&county=36061&commitment=cancel-ring", T0 + 12, NULL,
                            &err), SL_OK);
    assert_int_equal(totals(f).outbox_pending, 1);
    last_token(f, second);
    assert_string_not_equal(first, second);
    assert_int_equal(sl_campaign_link(f->st, first, T0 + 20, &link, NULL, NULL, &err), SL_OK);
    assert_int_equal(link, SL_LINK_PENDING);
    assert_int_equal(sl_campaign_confirm(f->st, "not-a-token", T0 + 20, &ok, &err), SL_OK);
    assert_false(ok);
    /* looking at a link changes nothing: scanners open links nobody clicked */
    assert_int_equal(sl_campaign_link(f->st, second, T0 + 20, &link, NULL, NULL, &err), SL_OK);
    assert_int_equal(link, SL_LINK_PENDING);
    assert_int_equal(sl_campaign_link(f->st, "not-a-token", T0 + 20, &link, NULL, NULL, &err), SL_OK);
    assert_int_equal(link, SL_LINK_NONE);
    assert_int_equal(totals(f).confirmed, 0);
    assert_int_equal(sl_campaign_confirm(f->st, second, T0 + 20, &ok, &err), SL_OK);
    assert_true(ok);
    assert_int_equal(totals(f).consented, 0); /* the second sign-up's answers: no consent ticked */
    assert_int_equal(sl_campaign_confirm(f->st, second, T0 + 30, &ok, &err), SL_OK);
    assert_false(ok); /* a link confirms once */
    assert_int_equal(sl_campaign_confirm(f->st, first, T0 + 30, &ok, &err), SL_OK);
    assert_false(ok); /* and so does its pledge, by any of its links */
    assert_int_equal(totals(f).outbox_pending, 0); /* the unsent link went with the confirmation */
    assert_int_equal(sl_campaign_link(f->st, second, T0 + SL_PLEDGE_CONFIRM_TTL_S + 30, &link, NULL, NULL, &err),
                     SL_OK);
    assert_int_equal(link, SL_LINK_CONFIRMED); /* and says so when opened again, even after its week */
    assert_int_equal(sl_campaign_link(f->st, first, T0 + 40, &link, NULL, NULL, &err), SL_OK);
    assert_int_equal(link, SL_LINK_CONFIRMED);
    assert_int_equal(totals(f).confirmed, 1);
    /* confirmed: pledging again answers the same and changes nothing */
    long pending = totals(f).outbox_pending;
    assert_int_equal(pledge(f, body, T0 + 40, NULL, &err), SL_OK);
    assert_int_equal(totals(f).outbox_pending, pending);
    assert_int_equal(totals(f).confirmed, 1);
    /* an expired link */
    assert_int_equal(pledge(f, "email=late%40example.org&state=NY&county=36061", T0, NULL, &err), SL_OK);
    last_token(f, first);
    assert_int_equal(sl_campaign_link(f->st, first, T0 + SL_PLEDGE_CONFIRM_TTL_S + 1, &link, NULL, NULL, &err), SL_OK);
    assert_int_equal(link, SL_LINK_NONE);
    assert_int_equal(sl_campaign_confirm(f->st, first, T0 + SL_PLEDGE_CONFIRM_TTL_S + 1, &ok, &err), SL_OK);
    assert_false(ok);
}

static void test_purge_erase(void **state)
{
    fixture *f = *state;
    sl_error err;
    char token[SL_TOKEN_CHARS + 1];
    int ok, found;
    long removed;
    assert_int_equal(pledge(f, "email=keep%40example.org&name=Keeper+Q&state=NY&county=36061", T0, NULL, &err), SL_OK);
    last_token(f, token);
    assert_int_equal(sl_campaign_confirm(f->st, token, T0 + 1, &ok, &err), SL_OK);
    assert_int_equal(pledge(f, "email=gone%40example.org&state=NY&county=36061", T0, NULL, &err), SL_OK);
    assert_int_equal(sl_campaign_purge(f->st, T0 + 2 * 86400, 3, &removed, NULL, &err), SL_OK);
    assert_int_equal(removed, 0);
    assert_int_equal(sl_campaign_purge(f->st, T0 + 4 * 86400, 3, &removed, NULL, &err), SL_OK);
    assert_int_equal(removed, 1); /* only the unconfirmed one */
    assert_int_equal(totals(f).pledges, 1);
    assert_int_equal(totals(f).outbox_pending, 0);
    /* erasure: every byte of the signer gone from the file, logged without them */
    assert_int_equal(sl_campaign_erase(f->st, "KEEP@example.org", T0 + 5, &found, &err), SL_OK);
    assert_true(found);
    assert_int_equal(totals(f).pledges, 0);
    assert_int_equal(totals(f).erasures, 1);
    char *data;
    size_t len;
    assert_int_equal(sl_read_file(f->path, &data, &len, NULL, &err), SL_OK);
    assert_null(memmem(data, len, "keep@example.org", 16));
    assert_null(memmem(data, len, "Keeper Q", 8));
    assert_null(memmem(data, len, "gone@example.org", 16));
    free(data);
    assert_int_equal(sl_campaign_erase(f->st, "nobody@example.org", T0 + 6, &found, &err), SL_OK);
    assert_false(found);
    assert_int_equal(totals(f).erasures, 1);
}

/* Confirm a pledge of EMAIL in COUNTY with extra form fields. */
static void signed_up(fixture *f, const char *email, const char *county, const char *extra)
{
    char body[512], token[SL_TOKEN_CHARS + 1];
    sl_error err;
    int ok;
    snprintf(body, sizeof body, "email=%s&state=NY&county=%s%s", email, county, extra);
    assert_int_equal(pledge(f, body, T0, NULL, &err), SL_OK);
    last_token(f, token);
    assert_int_equal(sl_campaign_confirm(f->st, token, T0 + 1, &ok, &err), SL_OK);
    assert_true(ok);
}

static void test_export_counts(void **state)
{
    fixture *f = *state;
    sl_error err;
    char email[64];
    for (int i = 0; i < 5; i++) {
        snprintf(email, sizeof email, "m%d%%40example.org", i);
        signed_up(f, email, "36061", "");
    }
    signed_up(f, "k1%40example.org", "36047", "&consent=on&name=%3DHYPERLINK(%22x%22)+Evil");
    signed_up(f, "k2%40example.org", "36047", "");
    /* an unconfirmed pledge counts nowhere */
    assert_int_equal(pledge(f, "email=u%40example.org&state=NY&county=36047", T0, NULL, &err), SL_OK);
    json_t *r;
    /* confirmed at T0 + 1: the public figures of that hour hold none of
    ** them (a confirmation never moves them at once), the next hour's all */
    assert_int_equal(sl_analysis_campaign_counts(f->st, 0, T0 + 3599, &r, NULL, &err), SL_OK);
    assert_int_equal(json_integer_value(json_object_get(r, "confirmed")), 0);
    assert_int_equal(json_array_size(json_object_get(r, "states")), 0);
    assert_string_equal(json_string_value(json_object_get(r, "counted_before")), "2027-01-15T08:00:00Z");
    json_decref(r);
    assert_int_equal(sl_analysis_campaign_counts(f->st, 0, T0 + 3600, &r, NULL, &err), SL_OK);
    assert_string_equal(json_string_value(json_object_get(r, "counted_before")), "2027-01-15T09:00:00Z");
    assert_int_equal(json_integer_value(json_object_get(r, "confirmed")), 7);
    json_t *ny = json_array_get(json_object_get(r, "states"), 0);
    assert_string_equal(json_string_value(json_object_get(ny, "state")), "NY");
    assert_int_equal(json_integer_value(json_object_get(ny, "pledges")), 7);
    /* Kings: 2 < 5; and New York County (5), NY's only other county in the
    ** fixture's set, folded with it, else "other counties" is Kings's 2 */
    assert_int_equal(json_integer_value(json_object_get(ny, "other_counties")), 7);
    assert_int_equal(json_array_size(json_object_get(ny, "counties")), 0);
    char *text = json_dumps(r, 0);
    assert_null(strstr(text, "36047"));
    assert_null(strstr(text, "example.org"));
    free(text);
    json_decref(r);
    /* the export: consented and confirmed only, formula-safe */
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    long rows;
    assert_int_equal(sl_campaign_export_csv(f->st, out, 1800000000, &rows, &err), SL_OK);
    fclose(out);
    assert_int_equal(rows, 1);
    assert_non_null(strstr(buf, "k1@example.org"));
    assert_non_null(strstr(buf, "'=HYPERLINK"));
    assert_null(strstr(buf, ",=HYPERLINK"));
    assert_null(strstr(buf, "m0@"));
    assert_null(strstr(buf, "u@example.org"));
    free(buf);
}

/* The confirmed pledges of the stored hour's counts (-1: none stored). */
static long stored_confirmed(fixture *f, long long now)
{
    sl_error err;
    json_t *r;
    int stored = 0;
    assert_int_equal(sl_analysis_campaign_counts(f->st, 0, now, &r, &stored, &err), SL_OK);
    long n = stored ? (long)json_integer_value(json_object_get(r, "confirmed")) : -1;
    json_decref(r);
    return n;
}

static void make_hour(fixture *f, long long now)
{
    sl_error err;
    assert_int_equal(sl_store_begin(f->st, &err), SL_OK);
    assert_int_equal(sl_store_public_counts_make(f->st, sl_analysis_counted_before(now), &err), SL_OK);
    assert_int_equal(sl_store_commit(f->st, &err), SL_OK);
}

static void test_erase_hourly(void **state)
{
    fixture *f = *state;
    sl_error err;
    char email[64];
    for (int i = 0; i < 6; i++) {
        snprintf(email, sizeof email, "e%d%%40example.org", i);
        signed_up(f, email, "36061", "");
    }
    /* the next hour: none stored yet, its first read stores them */
    long long h = T0 + 3600;
    assert_int_equal(stored_confirmed(f, h), -1);
    make_hour(f, h);
    assert_int_equal(stored_confirmed(f, h), 6);
    /* an erasure within the hour leaves them, and so does a second make
    ** (another server, a restart): the first stored wins */
    int found;
    assert_int_equal(sl_campaign_erase(f->st, "e0@example.org", h + 60, &found, &err), SL_OK);
    assert_true(found);
    make_hour(f, h + 120);
    assert_int_equal(stored_confirmed(f, h + 120), 6);
    /* the hour after: 5; an earlier hour's figures are no longer kept, and
    ** a later hour's make leaves an earlier one unstored */
    make_hour(f, h + 3600);
    assert_int_equal(stored_confirmed(f, h + 3600), 5);
    assert_int_equal(stored_confirmed(f, h), -1);
    make_hour(f, h);
    assert_int_equal(stored_confirmed(f, h), -1);
    /* the stored counts fold a small county by K as the pledges' own do */
    json_t *r;
    assert_int_equal(sl_analysis_campaign_counts(f->st, 6, h + 3600, &r, NULL, &err), SL_OK);
    json_t *ny = json_array_get(json_object_get(r, "states"), 0);
    assert_int_equal(json_integer_value(json_object_get(ny, "other_counties")), 5);
    assert_int_equal(json_array_size(json_object_get(ny, "counties")), 0);
    json_decref(r);
}

int main(void)
{
    if (!getenv("SL_FIXTURES")) {
        fprintf(stderr, "SKIPPED: SL_FIXTURES is not set\n");
        return SL_TEST_SKIPPED;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_double_opt_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge_erase, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erase_hourly, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
