/*
** acs.c — national/state baselines read from ACS data-profile tables (see
** sightline/io/acs.h), so the CLI and the importer only wire flags.
*/
#include "sightline/io/acs.h"
#include "sightline/io/csv.h"
#include "sightline/core/file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Does the current record describe geography GEO (NAME, GEO_ID or state FIPS)? */
static int row_matches(sl_csv *csv, const char *geo)
{
    if (!geo) return 1;
    int name = sl_csv_column(csv, "NAME"), id = sl_csv_column(csv, "GEO_ID");
    int state = sl_csv_column(csv, "state");
    if (name >= 0 && strcasecmp(sl_csv_field(csv, (size_t)name), geo) == 0) return 1;
    if (id >= 0 && strcasecmp(sl_csv_field(csv, (size_t)id), geo) == 0) return 1;
    if (state >= 0) {
        char *end;
        const char *f = sl_csv_field(csv, (size_t)state);
        long want = strtol(geo, &end, 10);
        if (*geo && !*end && *f && atol(f) == want) return 1;
    }
    return 0;
}

/* "no column COL", and which table the file is when it is the other
** profile: DP02 given where the DP05 goes was told only "no column
** DP05_0001E". */
static sl_status missing_column(sl_csv *csv, const char *col, sl_error *err)
{
    int wants05 = strncmp(col, "DP05_", 5) == 0;
    if (sl_csv_column(csv, wants05 ? "DP02_0001E" : "DP05_0001E") >= 0)
        return sl_fail(err, SL_EDATA, sl_csv_name(csv), 1,
                       "no column %s: this file is an ACS %s table (%s), and the baseline takes the DP05 table "
                       "(demographic and housing estimates) as FILE and the DP02 table (social characteristics: "
                       "place of birth) as --dp02 FILE", col, wants05 ? "DP02" : "DP05",
                       wants05 ? "social characteristics" : "demographic and housing estimates");
    return sl_fail(err, SL_EDATA, sl_csv_name(csv), 1,
                   "no column %s: the baseline reads ACS data profiles as data.census.gov exports them (DP05 as FILE, "
                   "DP02 as --dp02 FILE), with their column codes in the first row", col);
}

static sl_status field_count(sl_csv *csv, const char *col, double *out, sl_error *err)
{
    int i = sl_csv_column(csv, col);
    if (i < 0) return missing_column(csv, col, err);
    const char *f = sl_csv_field(csv, (size_t)i);
    char *end;
    double x = strtod(f, &end);
    /* The Census API writes annotations as large negative codes. */
    if (end == f || *end || !isfinite(x) || x < 0)
        return sl_fail(err, SL_EDATA, sl_csv_name(csv), sl_csv_line(csv),
                       "%s is '%s', not a count", col, f);
    *out = x;
    return SL_OK;
}

/* Without --geo the file must describe one geography: a table of the 52
** states read as "national" would silently put Alabama (its first row) in
** the place of the country. FIRST is the row already read; the error lists
** the geographies there are. */
static sl_status only_geography(sl_csv *csv, const char *path, const char *first, sl_error *err)
{
    char list[400];
    int name = sl_csv_column(csv, "NAME"), r;
    long more = 0;
    snprintf(list, sizeof list, "%s", first);
    while ((r = sl_csv_next(csv, err)) == 1) {
        if (sl_csv_nfields(csv) == 1 && !sl_csv_field(csv, 0)[0]) continue;
        if (more++ < 4 && name >= 0)
            snprintf(list + strlen(list), sizeof list - strlen(list), ", %.40s", sl_csv_field(csv, (size_t)name));
    }
    if (r < 0) return err->status;
    if (!more) return SL_OK;
    return sl_fail(err, SL_EUSAGE, sl_basename(path), 0,
                   "the file holds %ld geographies (%s%s): choose one with --geo NAME (a NAME, GEO_ID or state FIPS)",
                   more + 1, list, more > 4 ? ", ..." : "");
}

/* Open PATH, find the row for GEO and read the columns COLS into VALUES; the
** row's NAME (or "first row") goes into WHERE. */
static sl_status read_acs_row(const char *path, const char *geo, const char *const *cols,
                              double *values, size_t ncols, char *where, size_t where_len,
                              sl_error *err)
{
    sl_csv *csv;
    sl_status st = sl_csv_open(path, ',', &csv, err);
    if (st != SL_OK) return st;
    if ((st = sl_csv_read_header(csv, err)) != SL_OK) {
        sl_csv_close(csv);
        return st;
    }
    int found = 0, r = 0;
    while (!found && (r = sl_csv_next(csv, err)) == 1) found = row_matches(csv, geo);
    if (!found) {
        st = r < 0 ? err->status
                   : sl_fail(err, SL_EDATA, sl_basename(path), 0, "no row for geography '%s'",
                             geo ? geo : "(first)");
        sl_csv_close(csv);
        return st;
    }
    for (size_t i = 0; i < ncols && st == SL_OK; i++) st = field_count(csv, cols[i], &values[i], err);
    int name = sl_csv_column(csv, "NAME");
    snprintf(where, where_len, "%s", name >= 0 ? sl_csv_field(csv, (size_t)name) : "first row");
    if (st == SL_OK && !geo) st = only_geography(csv, path, where, err);
    sl_csv_close(csv);
    return st;
}

sl_status sl_baseline_read_acs(const char *dp05_path, const char *dp02_path, const char *geo,
                               double shares[SL_GROUP_COUNT], char *label, size_t label_len,
                               sl_error *err)
{
    static const char *const dp05_cols[] = {"DP05_0001E", "DP05_0038E", "DP05_0071E",
                                            "DP05_0077E"};
    /* DP02_0086E is the place-of-birth universe, the denominator of 0092E. */
    static const char *const dp02_cols[] = {"DP02_0086E", "DP02_0092E"};
    double v05[4], v02[2];
    char where[256];
    for (int g = 0; g < SL_GROUP_COUNT; g++) shares[g] = NAN;
    sl_status st = read_acs_row(dp05_path, geo, dp05_cols, v05, 4, where, sizeof where, err);
    if (st != SL_OK) return st;
    if (!(v05[0] > 0))
        return sl_fail(err, SL_EDATA, sl_basename(dp05_path), 0, "total population is 0");
    shares[SL_GROUP_BLACK] = v05[1] / v05[0];
    shares[SL_GROUP_HISPANIC] = v05[2] / v05[0];
    shares[SL_GROUP_WHITE_NH] = v05[3] / v05[0];
    if (dp02_path) {
        char where02[256];
        st = read_acs_row(dp02_path, geo, dp02_cols, v02, 2, where02, sizeof where02, err);
        if (st != SL_OK) return st;
        if (!(v02[0] > 0))
            return sl_fail(err, SL_EDATA, sl_basename(dp02_path), 0, "total population is 0");
        shares[SL_GROUP_FOREIGN_BORN] = v02[1] / v02[0];
    }
    if (label && label_len)
        snprintf(label, label_len, "ACS %s%s%s: %s", sl_basename(dp05_path),
                 dp02_path ? " + " : "", dp02_path ? sl_basename(dp02_path) : "", where);
    return SL_OK;
}

sl_status sl_baseline_file_read(const char *dp05, const char *dp02, const char *geo, sl_baseline_file *out,
                                sl_error *err)
{
    memset(out, 0, sizeof *out);
    out->dp05 = dp05;
    out->dp02 = dp02;
    sl_status s = sl_hash_file(dp05, out->dp05_sha256, err);
    if (!s && dp02) s = sl_hash_file(dp02, out->dp02_sha256, err);
    if (!s) s = sl_baseline_read_acs(dp05, dp02, geo, out->shares, out->label, sizeof out->label, err);
    return s;
}
