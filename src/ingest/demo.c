/*
** demo.c — writing and importing the synthetic demo data set
** (see include/sightline/ingest/demo.h). Everything here is invented; names say so.
*/
#include "sightline/ingest/demo.h"
#include "sightline/ingest/import.h"
#include "demo_internal.h"

#include <stdio.h>
#include <string.h>

static const char *TOWNS[] = {
    "Alderbrook", "Bexley Falls", "Cedar Hollow", "Dunmore Creek", "Elmstead", "Fairhaven Mills",
    "Glenwick",   "Harrow Point", "Ivybridge",    "Juniper Flats", "Kestrel Bay", "Larkspur",
    "Millbrook",  "Northgate",    "Oakridge Vale", "Pinecrest",   "Quarry Hill", "Ravenna Park",
    "Stonebury",  "Thornfield",   "Upton Marsh", "Valewood",     "Westerly",    "Yarrow Glen"};
#define NTOWNS (sizeof TOWNS / sizeof TOWNS[0])

static const char *COUNTIES[SL_DEMO_NCOUNTIES] = {"Ashgrove", "Birchmoor", "Coldwater", "Dellwood"};
#define NCOUNTIES (sizeof COUNTIES / sizeof COUNTIES[0])
const char *const sl_demo_states[SL_DEMO_NCOUNTIES] = {"VA", "OH", "TX", "CA"};

static const char *TECHS[] = {"Automated License Plate Readers", "Face Recognition", "Drones",
                              "Body-worn Cameras"};

static const char *DEMO_SNAPSHOTS[2] = {"2020-01-15", "2020-10-07"};

static void write_agencies(FILE *f)
{
    fputs(",agency_name,agency_type_name,county_name,division_name,latitude,longitude,nibrs,ori,"
          "region_desc,region_name,state_abbr,state_name\n", f);
    int row = 0;
    for (size_t i = 0; i < NTOWNS; i++) {
        size_t c = i % NCOUNTIES;
        fprintf(f, "%d,%s Police Department (synthetic),City,%s,Demo,%.5f,%.5f,1.0,ZZ%07zu,Demo,Demo,%s,Demo\n",
                row++, TOWNS[i], COUNTIES[c], 38.0 + 0.05 * (double)i, -78.0 - 0.07 * (double)c, i, sl_demo_states[c]);
    }
    for (size_t c = 0; c < NCOUNTIES; c++)
        fprintf(f, "%d,%s County Sheriff's Office (synthetic),County,%s,Demo,,,1.0,ZZ%07zu,Demo,Demo,%s,Demo\n",
                row++, COUNTIES[c], COUNTIES[c], 100 + c, sl_demo_states[c]);
    fprintf(f, "%d,Demo State Police (synthetic),State Police,,Demo,,,1.0,ZZ0000900,Demo,Demo,VA,Demo\n", row++);
    fprintf(f, "%d,Demo University Police (synthetic),University or College,Ashgrove,Demo,,,1.0,ZZ0000901,Demo,Demo,VA,Demo\n", row++);
}

static void atlas_row(FILE *f, int *id, const char *city, const char *county, const char *state,
                      const char *agency, const char *type, const char *tech, const char *vendor,
                      const char *date, const char *summary)
{
    fprintf(f, "\"AOS%04d\",\"%s\",\"%s County\",\"%s\",\"%s\",\"%s\",\"%s\",\"Municipal\",\"%s\",\"%s\","
               "\"\",\"\",\"\",\"\",\"%s\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n",
            (*id)++, city, county, state, agency, type, summary, tech, vendor, date);
}

/* One snapshot's Atlas-format table. Snapshot 2 adds Ring partnerships,
** drops one and changes a vendor, so the diff has something to show. */
static void write_partnerships(FILE *f, int snapshot)
{
    fputs("\"AOSNUMBER\",\"City\",\"County\",\"State\",\"Agency\",\"Type of LEA\",\"Summary\",\"Type of Juris\","
          "\"Technology\",\"Vendor\",\"Link 1\",\"Link 1 Snapshot\",\"Link 1 Source\",\"Link 1 Type\",\"Link 1 Date\","
          "\"Link 2\",\"Link 2 Snapshot\",\"Link 2 Source\",\"Link 2 Type\",\"Link 2 Date\",\"Link 3\","
          "\"Link 3 Snapshot\",\"Link 3 Source\",\"Link 3 Type\",\"Link 3 Date\"\n", f);
    int id = 1;
    size_t ring_towns = snapshot == 0 ? 14 : 21;
    for (size_t i = 0; i < ring_towns; i++) {
        if (snapshot == 1 && i == 3) continue; /* an ended partnership */
        static const char *MONTH[12] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
        char agency[128], date[32], summary[256];
        size_t c = i % NCOUNTIES;
        snprintf(agency, sizeof agency, "%s Police Department (synthetic)", TOWNS[i]);
        int year = i < 14 ? 2018 + (int)(i % 2) : 2020;
        int month = i < 14 ? 1 + (int)(i * 5 % 12) : 6 + (int)(i - 14) % 4;
        snprintf(date, sizeof date, "%d/%d/%02d", month, 1 + (int)(i * 7 % 28), year % 100);
        if (i == 18) date[0] = '\0'; /* known only to the month, from the summary */
        snprintf(summary, sizeof summary,
                 "Synthetic demo row: the %s signed a (fictional) agreement with a camera vendor in %s %d.",
                 agency, MONTH[month - 1], year);
        atlas_row(f, &id, TOWNS[i], COUNTIES[c], sl_demo_states[c], agency, "Police", "Ring/Neighbors Partnership",
                  "Ring", date, summary);
    }
    for (size_t c = 0; c < NCOUNTIES; c++) {
        char agency[128];
        snprintf(agency, sizeof agency, "%s County Sheriff's Office (synthetic)", COUNTIES[c]);
        atlas_row(f, &id, "", COUNTIES[c], sl_demo_states[c], agency, "Sheriff", TECHS[c % 4],
                  snapshot == 1 && c == 0 ? "Vendor B (fictional)" : "Vendor A (fictional)", "2019",
                  "Synthetic demo row.");
    }
    /* A row whose agency is not in the registry: it stays unlinked. */
    atlas_row(f, &id, "Nowhere", "Ashgrove", "VA", "Nowhere Special Patrol (synthetic)", "Police",
              "Drones", "Vendor C (fictional)", "", "Synthetic demo row without a date.");
}

static sl_status write_file(const char *path, void (*fill)(FILE *, int), int snapshot, sl_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    fill(f, snapshot);
    if (fclose(f) != 0) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    return SL_OK;
}

static void fill_agencies(FILE *f, int snapshot)
{
    (void)snapshot;
    write_agencies(f);
}

sl_status sl_demo_build(sl_store *st, const char *dir, sl_demo_summary *out, sl_error *err)
{
    char path[1024];
    sl_import_result r;
    memset(out, 0, sizeof *out);
    /* Demo records mixed into real ones would make every figure of both
    ** wrong; a second demo run only collides with the first. */
    sl_source_list held;
    if (sl_store_load_sources(st, NULL, &held, err)) return err->status;
    size_t n = held.count;
    sl_source_list_free(&held);
    if (n)
        return sl_fail(err, SL_EUSAGE, sl_store_path(st), 0,
                       "holds %zu import%s already (`sightline info`); the demo writes into a new store: "
                       "sightline demo -s demo.db",
                       n, n == 1 ? "" : "s");
    snprintf(path, sizeof path, "%s/synthetic-agencies.csv", dir);
    sl_status s = write_file(path, fill_agencies, 0, err);
    if (!s) s = sl_ingest_agencies(st, path, "fbi-cde", &r, err);
    out->agencies = r.rows;
    for (int k = 0; !s && k < 2; k++) {
        snprintf(path, sizeof path, "%s/synthetic-partnerships-%s.csv", dir, DEMO_SNAPSHOTS[k]);
        s = write_file(path, write_partnerships, k, err);
        sl_partnership_mapping map = {.preset = "atlas", .snapshot = DEMO_SNAPSHOTS[k]};
        if (!s) s = sl_ingest_partnerships(st, path, &map, &r, err);
        out->partnerships[k] = r.rows;
        out->snapshots[k] = DEMO_SNAPSHOTS[k];
    }
    if (!s) s = sl_demo_build_layers(st, dir, out, err);
    return s;
}
