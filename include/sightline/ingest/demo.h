/*
** demo.h — the built-in synthetic data set.
**
** A fictional county ("Demo County", state code "ZZ" is not used: the agencies
** sit in real state codes so linking and shares work, but every name carries
** "(synthetic)"). It is imported through the ordinary importers from files
** written to a scratch directory, so the demo exercises the real pipeline.
*/
#ifndef SIGHTLINE_DEMO_H
#define SIGHTLINE_DEMO_H

#include "sightline/core/error.h"
#include "sightline/store/store.h"

typedef struct sl_demo_summary {
    long agencies;
    long partnerships[2]; /* rows in the first and second snapshot */
    const char *snapshots[2];
    long tracts, posts, sites; /* the spatial layers (area set "demo-tracts") */
    long requests;             /* police requests written (synthetic-requests.csv) */
    long businesses;           /* the fictional directory (synthetic-businesses.csv) */
} sl_demo_summary;

/* Write the demo files into DIR (which must exist) and import them into ST,
** which must hold no import yet (SL_EUSAGE otherwise, nothing written).
** Deterministic: the same data every time. Every file name starts with
** "synthetic-", which is how a report knows to carry the SYNTHETIC banner. */
sl_status sl_demo_build(sl_store *st, const char *dir, sl_demo_summary *out, sl_error *err);

/* The spatial layers alone (called by sl_demo_build): a 6x6 grid of tracts
** with demographics (set "demo-tracts"), posts with text (a few carry
** script and formula payloads), sensitive sites, and requests written as
** synthetic-requests.csv; cameras and requests favour tracts with a larger
** Black population (a planted disparity). */
sl_status sl_demo_build_layers(sl_store *st, const char *dir, sl_demo_summary *out, sl_error *err);

/* The directory alone (`sightline demo --campaign`): fictional businesses in
** the demo's towns, each named "(fictional)", imported from
** synthetic-businesses.csv. */
sl_status sl_demo_build_directory(sl_store *st, const char *dir, sl_demo_summary *out, sl_error *err);

/* Room for a confirmation token read back from a demo message. */
#define SL_TOKEN_BUF 48

/* The fictional campaign (`sightline demo --campaign`): an area set
** "demo-counties" of four invented counties, the campaign's content, and
** 20 invented signers (at example.org) pledging before NOW, 17 of whom
** confirm, through the same ingest calls as the server. *signers counts
** the pledges made. The store must hold the demo already. */
sl_status sl_demo_build_campaign(sl_store *st, const char *dir, long long now, long *signers, sl_error *err);

#endif
