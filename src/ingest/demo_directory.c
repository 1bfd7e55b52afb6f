/*
** demo_directory.c — the demo's directory: fictional Black-owned
** businesses in the demo's fictional towns, written as
** synthetic-businesses.csv and imported by the ordinary importer, so
** `make serve` shows a searchable directory and its map. Every name says
** "(fictional)" and every source says the list is synthetic.
*/
#include "sightline/ingest/businesses.h"
#include "sightline/ingest/demo.h"
#include "demo_internal.h"

#include <stdio.h>

static const struct {
    const char *name, *category, *town, *verification;
} BIZ[] = {
    {"Sweet Alder Bakery (fictional)", "Bakery", "Alderbrook", "owner interview"},
    {"Bexley Falls Books (fictional)", "Bookstore", "Bexley Falls", "chamber of commerce listing"},
    {"Cedar Hollow Hardware (fictional)", "Hardware", "Cedar Hollow", "owner interview"},
    {"Dunmore Creek Coffee (fictional)", "Cafe", "Dunmore Creek", "self-declared"},
    {"Elmstead Grocery Co-op (fictional)", "Grocery", "Elmstead", "Black business association member"},
    {"Mills Street Barbers (fictional)", "Barber", "Fairhaven Mills", "owner interview"},
    {"Glenwick Garden Supply (fictional)", "Garden", "Glenwick", "self-declared"},
    {"Harrow Point Tailors (fictional)", "Clothing", "Harrow Point", "owner interview"},
    {"Ivybridge Pharmacy (fictional)", "Pharmacy", "Ivybridge", "state minority business certification"},
    {"Juniper Flats Records (fictional)", "Music", "Juniper Flats", "self-declared"},
    {"Kestrel Bay Bakery (fictional)", "Bakery", "Kestrel Bay", "owner interview"},
    {"Larkspur Electronics Repair (fictional)", "Electronics", "Larkspur", "chamber of commerce listing"},
    {"Millbrook Books & Tea (fictional)", "Bookstore", "Millbrook", "owner interview"},
    {"Northgate Hardware (fictional)", "Hardware", "Northgate", "Black business association member"},
    {"Oakridge Vale Toys (fictional)", "Toys", "Oakridge Vale", "self-declared"},
    {"Pinecrest Home Goods (fictional)", "Home goods", "Pinecrest", "owner interview"},
};
#define NBIZ (sizeof BIZ / sizeof BIZ[0])

sl_status sl_demo_build_directory(sl_store *st, const char *dir, sl_demo_summary *out, sl_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/synthetic-businesses.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    fputs("name,category,address,city,state,zip,lat,lon,website,phone,verification,source\n", f);
    for (size_t i = 0; i < NBIZ; i++) {
        /* each listing in its town's county of the campaign's 2 x 2 grid
        ** (boxes of 0.3 x 0.25 degrees from lon -78.3, lat 38.25,
        ** demo_campaign.c), in that county's state: the town of the I-th
        ** listing is the demo's I-th town, whose police department demo.c
        ** puts in county I % 4 (Ashgrove VA, Birchmoor OH, Coldwater TX,
        ** Dellwood CA); so the directory, the campaign's county lists and
        ** the map tell one geography. Four listings a county, a few close
        ** together. */
        size_t c = i % SL_DEMO_NCOUNTIES, j = i / SL_DEMO_NCOUNTIES;
        double lon = (c % 2 ? -78.0 : -78.3) + 0.05 + 0.06 * (double)(j * 3 % 4), lat = (c < 2 ? 38.5 : 38.25) + 0.04 + 0.05 * (double)j;
        const char *state = sl_demo_states[c];
        fprintf(f, "\"%s\",%s,%zu Demo Street,%s,%s,00%03zu,%.4f,%.4f,%s,555-01%02zu,%s,"
                   "Synthetic demo directory (fictional businesses)\n",
                BIZ[i].name, BIZ[i].category, 10 + i * 7, BIZ[i].town, state, i, lat, lon,
                i % 3 ? "" : "https://example.org/fictional", i, BIZ[i].verification);
    }
    if (fclose(f)) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    sl_import_result r;
    sl_status s = sl_ingest_businesses(st, path, 0, &r, err);
    if (!s) out->businesses = r.rows;
    return s;
}
