/*
** test_csv.c — the CSV reader on the quirks real public-records files have.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "sightline/io/csv.h"

static sl_csv *open_text(const char *text)
{
    sl_csv *c = NULL;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_csv_open_buffer("t.csv", text, strlen(text), 0, &c, &err), SL_OK);
    return c;
}

static void expect_row(sl_csv *c, long line, size_t n, const char **fields)
{
    sl_error err;
    assert_int_equal(sl_csv_next(c, &err), 1);
    assert_int_equal(sl_csv_line(c), line);
    assert_int_equal(sl_csv_nfields(c), n);
    for (size_t i = 0; i < n; i++) assert_string_equal(sl_csv_field(c, i), fields[i]);
}

static void expect_end(sl_csv *c)
{
    sl_error err;
    assert_int_equal(sl_csv_next(c, &err), 0);
}

static void quoted_commas_and_newlines(void **state)
{
    (void)state;
    sl_csv *c = open_text("a,b,c\n\"x, y\",\"two\nlines\",\"say \"\"hi\"\"\"\nlast,row,here\n");
    expect_row(c, 1, 3, (const char *[]){"a", "b", "c"});
    expect_row(c, 2, 3, (const char *[]){"x, y", "two\nlines", "say \"hi\""});
    expect_row(c, 4, 3, (const char *[]){"last", "row", "here"});
    expect_end(c);
    sl_csv_close(c);
}

static void line_endings(void **state)
{
    (void)state;
    const char *texts[] = {"a,b\r1,2\r3,4\r", "a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4"};
    for (size_t k = 0; k < 3; k++) {
        sl_csv *c = open_text(texts[k]);
        expect_row(c, 1, 2, (const char *[]){"a", "b"});
        expect_row(c, 2, 2, (const char *[]){"1", "2"});
        expect_row(c, 3, 2, (const char *[]){"3", "4"});
        expect_end(c);
        sl_csv_close(c);
    }
}

static void newline_in_quotes_with_cr(void **state)
{
    (void)state;
    sl_csv *c = open_text("a\r\"x\ry\"\rz\r");
    expect_row(c, 1, 1, (const char *[]){"a"});
    expect_row(c, 2, 1, (const char *[]){"x\ny"});
    expect_row(c, 4, 1, (const char *[]){"z"});
    sl_csv_close(c);
}

static void latin1_is_converted(void **state)
{
    (void)state;
    sl_csv *c = open_text("name\nEspa\xF1ola\nna\xC3\xAFve\n");
    expect_row(c, 1, 1, (const char *[]){"name"});
    expect_row(c, 2, 1, (const char *[]){"Espa\xC3\xB1ola"});
    expect_row(c, 3, 1, (const char *[]){"na\xC3\xAFve"}); /* valid UTF-8 kept */
    assert_int_equal(sl_csv_latin1_fields(c), 1);
    sl_csv_close(c);
}

static void bom_is_skipped(void **state)
{
    (void)state;
    sl_csv *c = open_text("\xEF\xBB\xBFid,name\n1,x\n");
    sl_error err;
    assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
    assert_int_equal(sl_csv_column(c, "id"), 0);
    assert_int_equal(sl_csv_column(c, "NAME"), 1);
    assert_int_equal(sl_csv_column(c, "missing"), -1);
    sl_csv_close(c);
}

static void empty_file(void **state)
{
    (void)state;
    sl_csv *c = open_text("");
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_csv_read_header(c, &err), SL_EDATA);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "empty"));
    sl_csv_close(c);
}

static void ragged_rows_keep_their_length(void **state)
{
    (void)state;
    sl_csv *c = open_text("a,b,c\n1\n1,2,3,4\n,,\n");
    expect_row(c, 1, 3, (const char *[]){"a", "b", "c"});
    expect_row(c, 2, 1, (const char *[]){"1"});
    expect_row(c, 3, 4, (const char *[]){"1", "2", "3", "4"});
    expect_row(c, 4, 3, (const char *[]){"", "", ""});
    assert_string_equal(sl_csv_field(c, 9), "");
    sl_csv_close(c);
}

static void unclosed_quote_names_its_line(void **state)
{
    (void)state;
    sl_csv *c = open_text("a,b\n1,2\n3,\"never\nclosed\n");
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_csv_next(c, &err), 1);
    assert_int_equal(sl_csv_next(c, &err), 1);
    assert_int_equal(sl_csv_next(c, &err), -1);
    assert_int_equal(err.status, SL_EDATA);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.file, "t.csv");
    sl_csv_close(c);
}

static void text_after_closing_quote_is_an_error(void **state)
{
    (void)state;
    sl_csv *c = open_text("\"a\"b,c\n");
    sl_error err;
    assert_int_equal(sl_csv_next(c, &err), -1);
    assert_int_equal(err.line, 1);
    sl_csv_close(c);
}

static void nul_bytes_are_rejected(void **state)
{
    (void)state;
    sl_csv *c = NULL;
    sl_error err;
    sl_error_clear(&err);
    assert_int_equal(sl_csv_open_buffer("bin", "a,b\n\0\x01", 6, 0, &c, &err), SL_EDATA);
    assert_null(c);
    assert_non_null(strstr(err.msg, "binary"));
}

static void delimiter_is_guessed(void **state)
{
    (void)state;
    sl_csv *c = open_text("id|lat|long\n1|47.5|-122.3\n");
    assert_int_equal(sl_csv_delim(c), '|');
    expect_row(c, 1, 3, (const char *[]){"id", "lat", "long"});
    expect_row(c, 2, 3, (const char *[]){"1", "47.5", "-122.3"});
    sl_csv_close(c);
    c = open_text("a\tb\tc,d\n");
    assert_int_equal(sl_csv_delim(c), '\t');
    sl_csv_close(c);
}

/* An export's title above its header, a comma in it and a row of empty
** cells under it: skipped, and the rows keep their lines in the file. */
static void title_above_header(void **state)
{
    (void)state;
    sl_csv *c = open_text("Chicago Police Department - Video Requests, 2020\n,,\nid,lat,lon\n1,41.8,-87.6\n");
    sl_error err;
    assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
    assert_int_equal(sl_csv_title_count(c), 2);
    assert_string_equal(sl_csv_title(c), "Chicago Police Department - Video Requests, 2020");
    assert_int_equal(sl_csv_column(c, "lat"), 1);
    expect_row(c, 4, 3, (const char *[]){"1", "41.8", "-87.6"});
    sl_csv_close(c);
    /* a title without the delimiter: the delimiter is the header's */
    c = open_text("\"Report\"\nid|lat|lon\n1|2|3\n");
    assert_int_equal(sl_csv_delim(c), '|');
    assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
    assert_int_equal(sl_csv_title_count(c), 1);
    assert_string_equal(sl_csv_title(c), "Report");
    sl_csv_close(c);
    /* no title: two columns, one column, a short first row, a header alone */
    const char *none[] = {"lat,lon\n1,2\n", "ori\nIL1\nIL2\n", "a,b,c\n1,2\n3,4,5\n", "title\na,b,c\n",
                          "a,b\n1,2,3\n"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        c = open_text(none[i]);
        assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
        assert_int_equal(sl_csv_title_count(c), 0);
        assert_int_equal(sl_csv_line(c), 1);
        sl_csv_close(c);
    }
}

/* data.census.gov's second header row, its labels, is not a row of data;
** the first data row under such a header, or under any other, is. */
static void census_labels_row(void **state)
{
    (void)state;
    sl_error err;
    sl_csv *c = open_text("\"GEO_ID\",\"NAME\",\"B01003_001E\"\n\"Geography\",\"Geographic Area Name\",\"Estimate!!Total\"\n"
                          "\"1400000US17031010100\",\"Census Tract 101\",\"4905\"\n");
    assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
    assert_int_equal(sl_csv_labels_line(c), 2);
    assert_string_equal(sl_csv_labels(c), "Geography, Estimate!!Total");
    expect_row(c, 3, 3, (const char *[]){"1400000US17031010100", "Census Tract 101", "4905"});
    expect_end(c);
    sl_csv_close(c);
    /* American FactFinder's, before it */
    c = open_text("GEO.id,GEO.id2,GEO.display-label,HC01_VC03\nId,Id2,Geography,Estimate; Total\n0500000US17031,17031,Cook,5\n");
    assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
    assert_int_equal(sl_csv_labels_line(c), 2);
    expect_row(c, 3, 4, (const char *[]){"0500000US17031", "17031", "Cook", "5"});
    sl_csv_close(c);
    /* no labels: the API's output, a first cell that is not "Geography", another header */
    const char *none[] = {"GEO_ID,DP05_0001E\n0100000US,327167439\n", "GEO_ID,B\nGeography2,1\n",
                          "id,B\nGeography,1\n"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        c = open_text(none[i]);
        assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
        assert_int_equal(sl_csv_labels_line(c), 0);
        assert_int_equal(sl_csv_next(c, &err), 1);
        assert_int_equal(sl_csv_line(c), 2);
        sl_csv_close(c);
    }
    /* a header alone */
    c = open_text("GEO_ID,B\n");
    assert_int_equal(sl_csv_read_header(c, &err), SL_OK);
    expect_end(c);
    sl_csv_close(c);
}

static void hash_is_of_the_bytes(void **state)
{
    (void)state;
    sl_csv *c = open_text("abc");
    assert_string_equal(sl_csv_sha256(c), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sl_csv_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoted_commas_and_newlines),
        cmocka_unit_test(line_endings),
        cmocka_unit_test(newline_in_quotes_with_cr),
        cmocka_unit_test(latin1_is_converted),
        cmocka_unit_test(bom_is_skipped),
        cmocka_unit_test(empty_file),
        cmocka_unit_test(ragged_rows_keep_their_length),
        cmocka_unit_test(unclosed_quote_names_its_line),
        cmocka_unit_test(text_after_closing_quote_is_an_error),
        cmocka_unit_test(nul_bytes_are_rejected),
        cmocka_unit_test(delimiter_is_guessed),
        cmocka_unit_test(hash_is_of_the_bytes),
        cmocka_unit_test(title_above_header),
        cmocka_unit_test(census_labels_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
