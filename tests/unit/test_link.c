/*
** test_link.c — the agency linker: a small synthetic registry for each rule
** (exact, tiebreak, loose place words, fuzzy, no match, wrong state), the store
** pass, and the real data: Atlas 2020 Ring rows against the FBI 2018 registry
** (link rate) and the hand-checked sample tests/fixtures/link-sample-100.csv
** (see tests/fixtures/README.md for how it was drawn and judged).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sightline/io/csv.h"
#include "sightline/ingest/link.h"
#include "sightline/store/store.h"
#include "skip.h"

/* ---- synthetic registry --------------------------------------------------- */

static const sl_agency REGISTRY[] = {
    {.id = 1, .ori = "VA0860100", .name = "Woodstock Police Department", .type = "City", .county = "SHENANDOAH", .state = "VA"},
    {.id = 2, .ori = "VA0860000", .name = "Shenandoah County Sheriff's Office", .type = "County", .county = "SHENANDOAH", .state = "VA"},
    {.id = 3, .ori = "PA0674100", .name = "Penn Township Police Department, York County", .type = "City", .county = "YORK", .state = "PA"},
    {.id = 4, .ori = "PA0652900", .name = "Penn Township Police Department, Westmoreland County", .type = "City", .county = "WESTMORELAND", .state = "PA"},
    {.id = 5, .ori = "NY0355100", .name = "Chester Town Police Department", .type = "City", .county = "ORANGE", .state = "NY"},
    {.id = 6, .ori = "NY0355200", .name = "Chester Village Police Department", .type = "City", .county = "ORANGE", .state = "NY"},
    {.id = 7, .ori = "NY0415200", .name = "East Greenbush Town Police Department", .type = "City", .county = "RENSSELAER", .state = "NY"},
    {.id = 8, .ori = "CO0070300", .name = "Lafayette Police Department", .type = "City", .county = "BOULDER", .state = "CO"},
    {.id = 9, .ori = "NB0280100", .name = "Omaha Police Department", .type = "City", .county = "DOUGLAS", .state = "NB"},
    {.id = 10, .ori = "TX0840900", .name = "Texas City Police Department", .type = "City", .county = "GALVESTON", .state = "TX"},
    {.id = 11, .ori = "CA0010300", .name = "Berkeley Police Department", .type = "City", .county = "ALAMEDA", .state = "CA"},
    {.id = 12, .ori = "GA1210000", .name = "Augusta-Richmond County Sheriff's Office", .type = "County", .county = "RICHMOND", .state = "GA"},
    {.id = 13, .ori = "TX0790300", .name = "Fulshear", .type = "City", .county = "FORT BEND", .state = "TX"},
    {.id = 14, .ori = "GA0251600", .name = "Chatham County Board of Education", .type = "Other", .county = "CHATHAM", .state = "GA"},
    {.id = 15, .ori = "OH0780200", .name = "Hubbard Police Department", .type = "City", .county = "TRUMBULL", .state = "OH"},
    {.id = 16, .ori = "OH0780300", .name = "Hubbard Township Police Department", .type = "City", .county = "TRUMBULL", .state = "OH"},
    {.id = 17, .ori = "NJ0181600", .name = "Raritan Police Department", .type = "City", .county = "SOMERSET", .state = "NJ"},
    {.id = 18, .ori = "NJ0102100", .name = "Raritan Township Police Department", .type = "City", .county = "HUNTERDON", .state = "NJ"},
};
#define NREGISTRY (sizeof REGISTRY / sizeof *REGISTRY)

static int setup_linker(void **state)
{
    sl_error err;
    sl_linker *lk;
    if (sl_linker_new(REGISTRY, NREGISTRY, &lk, &err) != SL_OK) return -1;
    *state = lk;
    return 0;
}

static int teardown_linker(void **state)
{
    sl_linker_free(*state);
    return 0;
}

/* The ORI linked for a row, or "" when none. */
static const char *link_ori(const sl_linker *lk, const char *name, const char *st,
                            const char *city, const char *county, sl_link_result *r)
{
    if (!sl_linker_match(lk, name, st, city, county, r)) return "";
    return REGISTRY[r->index].ori;
}

static void test_exact(void **state)
{
    sl_link_result r;
    assert_string_equal(link_ori(*state, "Woodstock Police Dept.", "VA", "Woodstock", NULL, &r), "VA0860100");
    assert_string_equal(r.method, "exact");
    assert_true(r.score == 1.0);
    assert_string_equal(link_ori(*state, "Sheriff's Office of Shenandoah Co.", "va", NULL, NULL, &r), "VA0860000");
    /* the registry spells Nebraska NB */
    assert_string_equal(link_ori(*state, "Omaha Police Department", "NE", "Omaha", "Douglas County", &r), "NB0280100");
    /* a registry name that is only the place is the town's police */
    assert_string_equal(link_ori(*state, "Fulshear Police Department", "TX", "Fulshear", "Fort Bend County", &r), "TX0790300");
}

static void test_tiebreak(void **state)
{
    sl_link_result r;
    assert_string_equal(link_ori(*state, "Penn Township Police Department", "PA", "Hanover", "York County", &r), "PA0674100");
    assert_string_equal(r.method, "tiebreak");
    assert_string_equal(link_ori(*state, "Penn Township Police Department", "PA", "", "Westmoreland County", &r), "PA0652900");
    /* no county, no way to choose: unlinked rather than guessed */
    assert_string_equal(link_ori(*state, "Penn Township Police Department", "PA", NULL, NULL, &r), "");
    assert_string_equal(link_ori(*state, "Penn Township Police Department", "PA", NULL, "Bucks County", &r), "");
}

static void test_place_words(void **state)
{
    sl_link_result r;
    assert_string_equal(link_ori(*state, "East Greenbush Police Department", "NY", "Rensselaer", "Rensselaer County", &r), "NY0415200");
    assert_string_equal(r.method, "fuzzy");
    assert_true(r.score >= 0.9 && r.score <= 1.0);
    /* the town and the village of Chester both have police: ambiguous */
    assert_string_equal(link_ori(*state, "Chester Police Department", "NY", "Chester", "Orange County", &r), "");
    /* "Hubbard City" is the city, not the township */
    assert_string_equal(link_ori(*state, "Hubbard City Police Department", "OH", "Hubbard", "Trumbull County", &r), "OH0780200");
    /* Texas City is not the state of Texas */
    assert_string_equal(link_ori(*state, "Texas Department of Public Safety", "TX", "Austin", "Travis County", &r), "");
    /* the name says Raritan, the county says Raritan Township */
    assert_string_equal(link_ori(*state, "Raritan Police Department", "NJ", "Flemington", "Hunterdon County", &r), "NJ0102100");
    assert_string_equal(link_ori(*state, "Raritan Police Department", "NJ", "Raritan", "Somerset County", &r), "NJ0181600");
}

static void test_fuzzy(void **state)
{
    sl_link_result r;
    assert_string_equal(link_ori(*state, "Lafaytette Police Department", "CO", "Lafayette", "Boulder County", &r), "CO0070300");
    assert_string_equal(r.method, "fuzzy");
    assert_true(r.score > 0.88 && r.score <= 1.0);
    assert_string_equal(link_ori(*state, "Richmond County Sheriff's Office", "GA", "Augusta", "Richmond County", &r), "GA1210000");
    assert_string_equal(r.method, "fuzzy");
}

static void test_no_match(void **state)
{
    sl_link_result r;
    /* a word more is another agency: UC Berkeley's police is not Berkeley's */
    assert_string_equal(link_ori(*state, "UC Berkeley Police Department", "CA", "Berkeley", "Alameda County", &r), "");
    /* a police department is never a school board */
    assert_string_equal(link_ori(*state, "Chatham County Police Department", "GA", "Savannah", "Chatham County", &r), "");
    assert_string_equal(link_ori(*state, "Sea Gate Police Department", "NY", "Sea Gate", "Kings County", &r), "");
    assert_string_equal(link_ori(*state, "", "VA", NULL, NULL, &r), "");
    assert_string_equal(link_ori(*state, NULL, "VA", NULL, NULL, &r), "");
}

static void test_wrong_state(void **state)
{
    sl_link_result r;
    assert_string_equal(link_ori(*state, "Woodstock Police Department", "IL", "Woodstock", NULL, &r), "");
    assert_string_equal(link_ori(*state, "Woodstock Police Department", "", "Woodstock", NULL, &r), "");
    assert_string_equal(link_ori(*state, "Woodstock Police Department", NULL, NULL, NULL, &r), "");
}

static void test_empty_registry(void **state)
{
    (void)state;
    sl_error err;
    sl_linker *lk;
    sl_link_result r;
    assert_int_equal(sl_linker_new(NULL, 0, &lk, &err), SL_OK);
    assert_int_equal(sl_linker_match(lk, "Woodstock Police Department", "VA", NULL, NULL, &r), 0);
    sl_linker_free(lk);
    sl_linker_free(NULL);
}

/* ---- the store pass ------------------------------------------------------- */

static void test_link_partnerships(void **state)
{
    (void)state;
    char path[] = "/tmp/sl_test_link_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    sl_store *st;
    sl_error err;
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    assert_int_equal(sl_store_begin(st, &err), SL_OK);
    sl_source src = {.kind = "agencies", .file_name = "registry.csv", .sha256 = "a"};
    assert_int_equal(sl_store_add_source(st, &src, &err), SL_OK);
    for (size_t i = 0; i < NREGISTRY; i++) {
        sl_agency a = REGISTRY[i];
        a.source_id = src.id;
        assert_int_equal(sl_store_add_agency(st, &a, &err), SL_OK);
    }
    sl_source psrc = {.kind = "partnerships", .file_name = "atlas.csv", .sha256 = "b", .snapshot = "2020-10-07"};
    assert_int_equal(sl_store_add_source(st, &psrc, &err), SL_OK);
    sl_partnership rows[] = {
        {.agency = "Woodstock Police Dept.", .state = "VA", .city = "Woodstock", .technology = "Ring"},
        {.agency = "Penn Township Police Department", .state = "PA", .county = "York County", .technology = "Ring"},
        {.agency = "East Greenbush Police Department", .state = "NY", .county = "Rensselaer County", .technology = "Ring"},
        /* linked by an earlier, wrong pass: the new pass must clear it */
        {.agency = "Sea Gate Police Department", .state = "NY", .technology = "Ring", .agency_id = 1,
         .link_method = "fuzzy", .link_score = 0.5},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        rows[i].source_id = psrc.id;
        rows[i].snapshot = "2020-10-07";
        assert_int_equal(sl_store_add_partnership(st, &rows[i], &err), SL_OK);
    }
    sl_link_stats stats;
    assert_int_equal(sl_link_partnerships(st, &stats, &err), SL_OK);
    assert_int_equal(sl_store_commit(st, &err), SL_OK);
    assert_int_equal(stats.rows, 4);
    assert_int_equal(stats.linked, 3);
    assert_int_equal(stats.exact, 1);
    assert_int_equal(stats.tiebreak, 1);
    assert_int_equal(stats.fuzzy, 1);

    sl_agency_list agencies;
    sl_partnership_list got;
    assert_int_equal(sl_store_load_agencies(st, &agencies, &err), SL_OK);
    assert_int_equal(sl_store_load_partnerships(st, NULL, &got, &err), SL_OK);
    assert_int_equal(got.count, 4);
    const char *want[] = {"VA0860100", "PA0674100", "NY0415200", ""};
    for (size_t i = 0; i < got.count; i++) {
        const char *ori = "";
        for (size_t j = 0; j < agencies.count; j++)
            if (agencies.items[j].id == got.items[i].agency_id) ori = agencies.items[j].ori;
        assert_string_equal(ori, want[i]);
    }
    assert_string_equal(got.items[0].link_method, "exact");
    assert_string_equal(got.items[1].link_method, "tiebreak");
    assert_string_equal(got.items[2].link_method, "fuzzy");
    assert_int_equal(got.items[3].agency_id, 0);
    sl_partnership_list_free(&got);
    sl_agency_list_free(&agencies);
    sl_store_close(st);
    unlink(path);
}

/* ---- real data ------------------------------------------------------------ */

typedef struct atlas_row {
    const char *id, *agency, *city, *county, *state;
} atlas_row;

typedef struct real_data {
    sl_arena arena;
    sl_agency *agencies;
    size_t nagencies;
    atlas_row *ring;
    size_t nring;
    sl_linker *linker;
} real_data;

static int open_table(const char *dir, const char *file, sl_csv **csv)
{
    char path[2048];
    sl_error err;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (sl_csv_open(path, 0, csv, &err) != SL_OK) {
        print_error("%s: %s\n", path, err.msg);
        return -1;
    }
    if (sl_csv_read_header(*csv, &err) != SL_OK) {
        sl_csv_close(*csv);
        return -1;
    }
    return 0;
}

static int load_registry(real_data *d, const char *dir)
{
    sl_csv *csv;
    sl_error err;
    if (open_table(dir, "agencies/fbi-cde-agencies-2018.csv", &csv)) return -1;
    int name = sl_csv_column(csv, "agency_name"), type = sl_csv_column(csv, "agency_type_name"),
        county = sl_csv_column(csv, "county_name"), state = sl_csv_column(csv, "state_abbr"),
        ori = sl_csv_column(csv, "ori");
    size_t cap = 0;
    int rc;
    while ((rc = sl_csv_next(csv, &err)) == 1) {
        if (d->nagencies == cap) {
            cap = cap ? cap * 2 : 4096;
            sl_agency *grown = realloc(d->agencies, cap * sizeof *grown);
            if (!grown) break;
            d->agencies = grown;
        }
        sl_agency *a = &d->agencies[d->nagencies];
        memset(a, 0, sizeof *a);
        a->id = (long)++d->nagencies;
        a->name = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)name));
        a->type = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)type));
        a->county = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)county));
        a->state = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)state));
        a->ori = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)ori));
    }
    sl_csv_close(csv);
    return rc == 0 && name >= 0 && ori >= 0 ? 0 : -1;
}

static int load_ring_rows(real_data *d, const char *dir)
{
    sl_csv *csv;
    sl_error err;
    if (open_table(dir, "partnerships/atlas-of-surveillance-2020-10-07.csv", &csv)) return -1;
    int id = sl_csv_column(csv, "AOSNUMBER"), agency = sl_csv_column(csv, "Agency"),
        city = sl_csv_column(csv, "City"), county = sl_csv_column(csv, "County"),
        state = sl_csv_column(csv, "State"), tech = sl_csv_column(csv, "Technology");
    size_t cap = 0;
    int rc;
    while ((rc = sl_csv_next(csv, &err)) == 1) {
        if (strcmp(sl_csv_field(csv, (size_t)tech), "Ring/Neighbors Partnership") != 0) continue;
        if (d->nring == cap) {
            cap = cap ? cap * 2 : 1024;
            atlas_row *grown = realloc(d->ring, cap * sizeof *grown);
            if (!grown) break;
            d->ring = grown;
        }
        atlas_row *r = &d->ring[d->nring++];
        r->id = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)id));
        r->agency = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)agency));
        r->city = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)city));
        r->county = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)county));
        r->state = sl_arena_strdup(&d->arena, sl_csv_field(csv, (size_t)state));
    }
    sl_csv_close(csv);
    return rc == 0 && tech >= 0 ? 0 : -1;
}

static int setup_real(void **state)
{
    const char *dir = sl_test_shared_dir(); /* main() checked the files are there */
    *state = NULL;
    real_data *d = calloc(1, sizeof *d);
    sl_error err;
    if (!d || load_registry(d, dir) || load_ring_rows(d, dir) ||
        sl_linker_new(d->agencies, d->nagencies, &d->linker, &err) != SL_OK)
        return -1;
    *state = d;
    return 0;
}

static int teardown_real(void **state)
{
    real_data *d = *state;
    if (!d) return 0;
    sl_linker_free(d->linker);
    free(d->agencies);
    free(d->ring);
    sl_arena_free(&d->arena);
    free(d);
    return 0;
}

static void test_ring_link_rate(void **state)
{
    real_data *d = *state;
    assert_int_equal(d->nring, 1501);
    long linked = 0, exact = 0, tiebreak = 0, fuzzy = 0;
    for (size_t i = 0; i < d->nring; i++) {
        const atlas_row *a = &d->ring[i];
        sl_link_result r;
        if (!sl_linker_match(d->linker, a->agency, a->state, a->city, a->county, &r)) continue;
        linked++;
        assert_true(r.index < d->nagencies);
        assert_true(r.score > 0.0 && r.score <= 1.0);
        if (strcmp(r.method, "exact") == 0) exact++;
        else if (strcmp(r.method, "tiebreak") == 0) tiebreak++;
        else fuzzy++;
    }
    double share = (double)linked / (double)d->nring;
    fprintf(stderr, "Ring rows linked: %ld of %zu (%.1f%%): exact %ld, tiebreak %ld, fuzzy %ld\n",
            linked, d->nring, 100.0 * share, exact, tiebreak, fuzzy);
    assert_true(share >= 0.97);
}

static const atlas_row *find_ring_row(const real_data *d, const char *id)
{
    for (size_t i = 0; i < d->nring; i++)
        if (strcmp(d->ring[i].id, id) == 0) return &d->ring[i];
    return NULL;
}

/* Every link judged correct by hand must stay; no row may link to an agency
** judged wrong for it; wrong verdicts must stay under 1% of the sample. */
static void test_hand_checked_sample(void **state)
{
    real_data *d = *state;
    const char *fixtures = getenv("SL_FIXTURES");
    assert_non_null(fixtures);
    char path[2048];
    snprintf(path, sizeof path, "%s/link-sample-100.csv", fixtures);
    sl_csv *csv;
    sl_error err;
    assert_int_equal(sl_csv_open(path, ',', &csv, &err), SL_OK);
    assert_int_equal(sl_csv_read_header(csv, &err), SL_OK);
    int id = sl_csv_column(csv, "aos_id"), ori = sl_csv_column(csv, "fbi_ori"),
        verdict = sl_csv_column(csv, "verdict");
    assert_true(id >= 0 && ori >= 0 && verdict >= 0);
    int rows = 0, correct = 0, wrong = 0;
    while (sl_csv_next(csv, &err) == 1) {
        const char *v = sl_csv_field(csv, (size_t)verdict);
        const char *judged = sl_csv_field(csv, (size_t)ori);
        const atlas_row *a = find_ring_row(d, sl_csv_field(csv, (size_t)id));
        assert_non_null(a);
        sl_link_result r;
        const char *now = sl_linker_match(d->linker, a->agency, a->state, a->city, a->county, &r)
                              ? d->agencies[r.index].ori
                              : "";
        rows++;
        if (strcmp(v, "correct") == 0) {
            correct++;
            if (strcmp(now, judged) != 0)
                print_error("%s %s: judged correct %s, now '%s'\n", a->id, a->agency, judged, now);
            assert_string_equal(now, judged);
        } else {
            assert_string_equal(v, "wrong");
            wrong++;
            assert_string_not_equal(now, judged);
        }
    }
    sl_csv_close(csv);
    fprintf(stderr, "hand-checked sample: %d rows, %d correct, %d wrong\n", rows, correct, wrong);
    assert_int_equal(rows, 100);
    assert_true(wrong * 100 < rows); /* under 1% */
}

int main(void)
{
    const struct CMUnitTest synthetic[] = {
        cmocka_unit_test(test_exact),     cmocka_unit_test(test_tiebreak),
        cmocka_unit_test(test_place_words), cmocka_unit_test(test_fuzzy),
        cmocka_unit_test(test_no_match),  cmocka_unit_test(test_wrong_state),
    };
    const struct CMUnitTest standalone[] = {
        cmocka_unit_test(test_empty_registry),
        cmocka_unit_test(test_link_partnerships),
    };
    const struct CMUnitTest real[] = {
        cmocka_unit_test(test_ring_link_rate),
        cmocka_unit_test(test_hand_checked_sample),
    };
    int failed = cmocka_run_group_tests(synthetic, setup_linker, teardown_linker);
    failed += cmocka_run_group_tests(standalone, NULL, NULL);
    /* The real-data group needs ../shared/data; without it the program
    ** exits 77 after the other groups, so ctest says SKIPPED, not passed. */
    int have = sl_test_have_shared("agencies/fbi-cde-agencies-2018.csv") &&
               sl_test_have_shared("partnerships/atlas-of-surveillance-2020-10-07.csv");
    if (have) failed += cmocka_run_group_tests(real, setup_real, teardown_real);
    return sl_test_exit(failed, !have);
}
