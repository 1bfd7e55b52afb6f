/*
** exclude.c — `sightline exclude`: a camera owner asks to be left out, and
** the newsroom honours it: her circle's posts and cameras go from the store
** now and are left out of every import after (the nightly scrape of
** tomorrow included). The place typed here is never printed or stored
** (exclusion.h says what is kept), so a terminal's scrollback, a cron mail
** or a log holds no more of her than the command line did.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/params.h"
#include "sightline/ingest/exclusion.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const USAGE =
    "usage: sightline exclude --circle LAT,LON,METERS [-s STORE]\n"
    "\n"
    "Honours a camera owner's request to be left out: the posts and cameras\n"
    "within METERS of LAT,LON (her home, as a map or geocoder gives it) are\n"
    "deleted from every import in the store, and every later import of posts\n"
    "or cameras (a nightly re-import of the scrape, with --replace or not)\n"
    "leaves out its points there and counts them as withheld. Sites and\n"
    "police requests (public records) are not touched.\n"
    "\n"
    "The point given is not stored and not printed: the store keeps a circle\n"
    "1.5 times as wide around a point moved at random up to half the radius\n"
    "from it, which holds the asked circle whole (a little more is withheld,\n"
    "never less) and does not give her home back to whoever holds the store\n"
    "or a backup of it. No address or name is asked for or kept.\n"
    "\n"
    "The exclusion is an import of kind \"exclusion\": `sightline info` lists\n"
    "it (its rows: the points it withheld from the imports the store holds,\n"
    "so a nightly --replace of the scrape counts her posts once), no place;\n"
    "`sightline rm ID` ends it (imports after keep points there again; the\n"
    "points it withheld come back only by importing their files again with\n"
    "--replace).\n"
    "The report and summary.json say how many exclusions withheld points,\n"
    "never where. A backup made before it still holds her points: delete it,\n"
    "or run exclude again on a store restored from it. The deleted points'\n"
    "bytes are overwritten in the store's files, as an erased pledge's are\n"
    "(PostgreSQL: point_chunks is rewritten, VACUUM FULL).\n"
    "\n"
    "  --circle LAT,LON,M  the place and a radius of 10 to 1,000 metres (a\n"
    "                      geocoded address is often 20-50 m out: 75 m or more)\n"
    "  -s, --store P       the store (default ./sightline.db)\n";

int cmd_exclude(int argc, char **argv)
{
    static const struct option OPTIONS[] = {{"store", required_argument, 0, 's'},
                                            {"help", no_argument, 0, 'h'},
                                            {"circle", required_argument, 0, 'c'},
                                            {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    sl_zone z = {0};
    int have = 0, c;
    sl_error err;
    sl_error_clear(&err);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'c':
            have = 1;
            /* the message of a wrong value names the option, not the value: it is her place */
            if (sl_zone_parse_circle(optarg, "--circle", &z, &err))
                return cli_usage_error("exclude", "--circle takes LAT,LON,METERS (as maps and GPS give them)");
            break;
        default: return cli_bad_option("exclude", c, argv[optind - 1], OPTIONS);
        }
    }
    if (!have) return cli_usage_error("exclude", "give --circle LAT,LON,METERS");
    if (optind != argc) return cli_usage_error("exclude", "unexpected argument (give the place with --circle)");
    if (!(z.radius_m >= SL_EXCLUSION_MIN_M && z.radius_m <= SL_EXCLUSION_MAX_M))
        return cli_usage_error("exclude", "the radius of --circle is %.0f to %.0f metres", SL_EXCLUSION_MIN_M,
                               SL_EXCLUSION_MAX_M);
    cli_progress progress; /* only to say so while it waits for another writer */
    cli_progress_start(&progress, "exclude");
    cli_interrupt sig; /* Ctrl-C before the commit says nothing was excluded */
    cli_interrupt_tell_change(&sig, CLI_CHANGE_EXCLUDE);
    int rc;
    sl_store *st = cli_open_store_told(store, CLI_STORE_MODIFY, &progress, &rc);
    if (!st) {
        cli_interrupt_end(&sig);
        return rc;
    }
    sl_exclusion_result res;
    sl_status s = sl_ingest_exclusion_prepare(st, z.lat, z.lon, z.radius_m, &res, &err);
    cli_interrupt_hold(&sig); /* a signal over the commit is told after it, truly */
    if (!s) s = sl_ingest_exclusion_commit(st, &res, &err);
    sl_store_close(st);
    cli_progress_end(&progress);
    cli_interrupt_after(&sig, store, res.source_id, res.source_id != 0);
    if (s && !res.source_id) return cli_report(&err);
    printf("exclusion %ld: a circle of %.0f m kept (the asked %g m, blurred; the place is not stored)\n",
           res.source_id, ceil(res.stored_radius_m), z.radius_m); /* as info's options give it */
    printf("withheld now: %ld post%s, %ld camera point%s; every later import of posts or cameras leaves out its "
           "points there\n",
           res.withheld_posts, res.withheld_posts == 1 ? "" : "s", res.withheld_cameras,
           res.withheld_cameras == 1 ? "" : "s");
    printf("end it with `sightline rm %ld`\n", res.source_id);
    /* latitude and longitude swapped, or a geocoder's miss, put the circle
    ** elsewhere, and her camera stays on the map while the desk thinks it gone */
    if (!s && res.withheld_posts + res.withheld_cameras == 0)
        fprintf(stderr,
                "note: no post or camera of the store lay within the circle. If her camera is in the data, the place "
                "may be wrong: latitude comes first (40.7128,-74.0060 is New York), and a geocoded address can be "
                "50 m out. Run exclude again with the right place or a wider radius (and `sightline rm %ld` if this "
                "one was a mistake).\n",
                res.source_id);
    return s ? cli_report(&err) : CLI_OK; /* in force; only the scrub of the deleted bytes waits */
}
