/*
** test_business.c — the one reading of a listing's fields that the
** importer, the /admin edit, suggestions and the listing's page share
** (core/business.c): which websites are web addresses and how they are
** written, how fields are tidied, and what keeps an entry from being listed.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "sightline/core/business.h"

static sl_business_web web(const char *in, char *out)
{
    return sl_business_website(in, out, 128);
}

static void websites(void **state)
{
    (void)state;
    char out[128];
    assert_int_equal(web("https://sisters.example", out), SL_WEB_LINK);
    assert_string_equal(out, "https://sisters.example");
    assert_int_equal(web("  HTTPS://SPACES.EXAMPLE ", out), SL_WEB_LINK);
    assert_string_equal(out, "https://SPACES.EXAMPLE");
    assert_int_equal(web("Http://x.org/Menu?a=1", out), SL_WEB_LINK);
    assert_string_equal(out, "http://x.org/Menu?a=1");
    assert_int_equal(web("www.bestbooks.example", out), SL_WEB_LINK);
    assert_string_equal(out, "https://www.bestbooks.example");
    assert_int_equal(web("b29.example/menu", out), SL_WEB_LINK);
    assert_string_equal(out, "https://b29.example/menu");
    assert_int_equal(web("shop.example:8080/x", out), SL_WEB_LINK);
    assert_string_equal(out, "https://shop.example:8080/x");
    assert_int_equal(web("", out), SL_WEB_NONE);
    assert_int_equal(web("   ", out), SL_WEB_NONE);
    assert_int_equal(sl_business_website(NULL, NULL, 0), SL_WEB_NONE);
    /* other schemes, words and what an attribute would not take as it is */
    const char *text[] = {"javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<script>",
                          "ftp://files.example", "mailto:a@b.example", "see our facebook page", "https://",
                          "https://no dots here", "https://localhost", "https://ok.example/\"onmouseover=\"x",
                          "-bad.example", "example.", "no-dot"};
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
        assert_int_equal(web(text[i], out), SL_WEB_TEXT);
        assert_int_equal(sl_business_website(text[i], NULL, 0), SL_WEB_TEXT);
    }
    assert_int_equal(web(" ftp://files.example ", out), SL_WEB_TEXT);
    assert_string_equal(out, "ftp://files.example"); /* kept as typed, trimmed */
}

static void tidy(void **state)
{
    (void)state;
    char buf[512];
    sl_business b = {.name = "   Spaces \t  Galore  ", .category = " Books ", .state = " md", .website = "www.x.org",
                     .city = NULL};
    assert_int_equal(sl_business_tidy(&b, buf, sizeof buf), SL_WEB_LINK);
    assert_string_equal(b.name, "Spaces Galore");
    assert_string_equal(b.category, "Books");
    assert_string_equal(b.city, "");
    assert_string_equal(b.state, "MD");
    assert_string_equal(b.website, "https://www.x.org");
    sl_business c = {.name = "Nebraska Shop", .state = "nb", .address = "1 Main St", .website = "ftp://x"};
    assert_int_equal(sl_business_tidy(&c, buf, sizeof buf), SL_WEB_TEXT);
    assert_string_equal(c.state, "NE"); /* the old code, as partnerships read it */
    assert_string_equal(c.website, "ftp://x");
    sl_business d = {.name = "Illinois Shop", .state = " Illinois ", .phone = "555"};
    sl_business_tidy(&d, buf, sizeof buf);
    assert_string_equal(d.state, "Illinois"); /* kept, for the refusal to quote */
}

static void problems(void **state)
{
    (void)state;
    const char *field = NULL;
    sl_business ok = {.name = "A", .category = "Books", .state = "PR"};
    assert_null(sl_business_problem(&ok, &field));
    sl_business zz = {.name = "A", .category = "Books", .state = "ZZ"};
    assert_non_null(sl_business_problem(&zz, &field));
    assert_string_equal(field, "state");
    sl_business named = {.name = "Lonely Name", .category = "", .address = " ", .state = ""};
    assert_string_equal(sl_business_problem(&named, &field), SL_BUSINESS_DETAIL_RULE);
    assert_string_equal(field, "category");
    sl_business blank = {.name = "  ", .phone = "555"};
    assert_non_null(sl_business_problem(&blank, &field));
    assert_string_equal(field, "name");
    sl_business web_only = {.name = "W", .website = "www.w.example", .state = ""};
    assert_null(sl_business_problem(&web_only, &field));
}

/* A listing without a street (white space is none; a store of an older
** import may hold it untidied) is public only at its rounded point. */
static void public_points(void **state)
{
    (void)state;
    double lat, lon;
    sl_business home = {.name = "H", .address = " \t", .lat = 38.912345, .lon = -77.234567, .has_location = 1};
    assert_int_equal(sl_business_public_point(&home, &lat, &lon), 1);
    assert_true(lat == sl_business_coarse(38.912345) && lon == sl_business_coarse(-77.234567));
    assert_true(fabs(lat - 38.91) < 1e-9 && fabs(lon + 77.23) < 1e-9);
    sl_business none = {.name = "N", .lat = 40.005, .lon = -73.995, .has_location = 1}; /* address NULL */
    assert_int_equal(sl_business_public_point(&none, &lat, &lon), 1);
    sl_business shop = {.name = "S", .address = "4 Oak St", .lat = 38.923456, .lon = -77.245678, .has_location = 1};
    assert_int_equal(sl_business_public_point(&shop, &lat, &lon), 0);
    assert_true(lat == 38.923456 && lon == -77.245678);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(websites), cmocka_unit_test(tidy), cmocka_unit_test(problems),
                                       cmocka_unit_test(public_points)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
