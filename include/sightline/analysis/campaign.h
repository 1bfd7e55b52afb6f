/*
** campaign.h — what the campaign publishes, and the directory search. All
** read only; none returns an email address or a name.
*/
#ifndef SIGHTLINE_ANALYSIS_CAMPAIGN_H
#define SIGHTLINE_ANALYSIS_CAMPAIGN_H

#include <jansson.h>
#include "sightline/core/error.h"
#include "sightline/store/store.h"

/* The public figures count the pledges confirmed before the start of the
** UTC hour holding NOW (Unix seconds), which this returns: a confirmation
** joins them at the next full hour, together with every other of its hour,
** so that watching the counter or a county's row at the moment a person
** confirms tells nobody that she signed, nor where (differencing). The
** organisers' own views (campaign show, /admin) count every confirmed
** pledge at once. */
#define SL_CAMPAIGN_COUNT_PERIOD 3600
long long sl_analysis_counted_before(long long now);

/* Confirmed pledges per state and county, for the public counter and map,
** as they stand at NOW: {"k", "counted_before" (ISO 8601 UTC, the hour
** sl_analysis_counted_before gives), "confirmed", "states": [{"state",
** "pledges", "other_counties", "counties": [{"county", "name",
** "pledges"}]}], "rows": [{"state", "county", "name", "pledges"}]}. Only
** pledges confirmed before "counted_before" count. A county with fewer
** than K of them (0: SL_PRIVACY_DEFAULT_K) is not listed: its pledges
** count in its state's "other_counties" (rows: county "" and name "other
** counties"), by the same threshold as the camera hexagons
** (sl_privacy_count_shown). Nor is a county of fewer than
** SL_CAMPAIGN_MIN_RESIDENTS residents, by the campaign's area set (an area
** whose population the set lacks is held to K alone); and when every county
** of a state of two or more (the set's counties of its FIPS code; every
** area of a set without FIPS ids) but one would be listed, the smallest
** listed is folded too, else "other_counties" would be that one county's
** count. K 1 withholds nothing (every county listed). Unconfirmed pledges
** count nowhere.
**
** They are the hour's counts the store holds (sl_store_public_counts: made
** at the hour's first public read, kept all hour, so that an erasure too
** shows only at the next hour's turn), *STORED 1 then (STORED may be
** NULL); else they are counted from the pledges as they are now, *STORED
** 0, and a public reader stores them first (sl_store_public_counts_make)
** and reads them again. The stored counts are per county, before the
** threshold: K folds them here, as it folds the pledges' own. */
/* The fewest residents of a county whose pledges are counted apart from
** its state's other counties, whatever their number. In a county of 89
** people (Kalawao, HI, 2014) five pledges are one resident in eighteen,
** and each hour's step of its count says that one of a few dozen
** neighbours has just signed or erased: a place that small is a group of
** people known to each other, not a crowd. Under a thousand residents: 36
** of the 3,143 counties of QuickFacts 2014 (Loving and King, TX, Arthur and
** McPherson, NE, Yakutat, AK...). */
#define SL_CAMPAIGN_MIN_RESIDENTS 1000

/* *FEW 1 when COUNTY of SET has fewer than SL_CAMPAIGN_MIN_RESIDENTS
** residents by its own figure (none, or no such area: not known, not few):
** a count there, or a first name with it, names one of a handful of people.
** The public counts fold such a county; the public list of signers gives
** its state alone, as her confirmation and manage pages tell her. */
sl_status sl_analysis_county_few(sl_store *st, const char *set, const char *county, int *few, sl_error *err);
sl_status sl_analysis_campaign_counts(sl_store *st, unsigned k, long long now, json_t **out, int *stored,
                                      sl_error *err);

/* The campaign as `campaign show` and the campaign page present it:
** {"campaign": null when there is none, else {"title", "pledge_md",
** "organisation", "contact", "privacy", "area_set", "base_url", "sender",
** "updated_at", "commitments": [{"key", "label"}]}, "totals": {"pledges",
** "confirmed", "consented", "listed", "outbox_pending", "outbox_sent",
** "erasures"}}. */
sl_status sl_analysis_campaign(sl_store *st, json_t **out, sl_error *err);

/* As sl_analysis_campaign for the public page, whose every view it is: the
** totals (the organisers' figures, two of them scans of the outbox: 50 ms
** a view with 30,000 pledges, run of 2026-12-07) only while the campaign
** is closed, when the page says what became of its signers; else "totals"
** is null. */
sl_status sl_analysis_campaign_page(sl_store *st, json_t **out, sl_error *err);

/* The radius of a search near a point or an area when none is given (the
** directory's page and `sightline businesses` alike), and the largest. */
#define SL_NEAR_KM_DEFAULT 25
#define SL_NEAR_KM_MAX 20000

/* A directory search; every set field must match. */
typedef struct sl_business_query {
    const char *text;     /* words, all matched as prefixes (FTS5) */
    const char *category; /* whole value, any case */
    const char *state;    /* two letters, any case */
    int near;             /* 1: only within KM of (LAT, LON), nearest first */
    double lat, lon, km;
    /* With NEAR and AREA (an area id): near that area instead of a point,
    ** i.e. inside its polygon (distance 0) or within KM of its edge. SET
    ** names the area set (NULL: the campaign's set, else "counties"). */
    const char *set, *area;
} sl_business_query;

/* {"query": {...}, "count", "businesses": [{"id", "name", "category",
** "address", "city", "state", "zip", "website", "phone", "verification",
** "source", "lat", "lon", "distance_km" (near only)}]}. Businesses are
** public listings: their addresses are what the directory is for. With
** NEAR, businesses without coordinates are left out; near a point,
** distances are great circle, through the spatial engine's point grid; near
** an area, distances are to its polygon (sl_polyset_distance_km), 0 inside,
** and "query"."near" is {"set", "area", "km"}. An AREA not in the set is
** SL_EUSAGE. */
sl_status sl_analysis_businesses(sl_store *st, const sl_business_query *q, json_t **out, sl_error *err);

/* The area set signers and "near a county" searches pick counties from:
** the campaign's, else a set named "counties" (which may not exist), in
** SET. */
void sl_analysis_county_set(sl_store *st, char set[128]);

/* Where a signer can say they live: the campaign's area set grouped by the
** state sl_fips_state reads from each id: {"set", "states": [{"state",
** "one_county" (DC or a territory of one area of the set: DC, Guam; as
** sl_analysis_campaign_local's), "counties": [{"id", "name", "box": [W, S,
** E, N]}]}]} (the box to 0.01
** degree, for a browser to pick a county from its own location), states
** and counties sorted by name. A
** set whose ids are not FIPS codes is one group of state "". No campaign:
** {"set": null, "states": []}. */
sl_status sl_analysis_campaign_places(sl_store *st, json_t **out, sl_error *err);

/* The public figures of one place for the campaign page, the figures of
** `partnerships --state STATE` (newest snapshot): {"state", "state_word"
** (how the page names the place in its figures: "the state", "DC" or "the
** territory"), "county": null
** or {"id", "name"}, "one_county" (true when COUNTY is the whole place, as
** in DC and Guam: the only area of the set in DC or a territory; its
** figures are the state's, and the page says them once), "snapshot", "partnered_agencies", "ring_agencies",
** "ring_first_year" (the year the state's first Ring partnership started;
** null when none is dated: only a Ring row's date is a start),
** "share": [as the tracker's], "share_known" (false when the state has
** records and none of them is linked to the registry, as DC's and the
** territories' are not: their 0 of N is no measurement, and the page
** says "not known"), "unlinked_note" (when records of STATE are not
** linked to the registry, sl_tracker_unlinked_note_public's sentence; else
** null), "none_note" (when STATE has no record: what its 0s mean, and why
** no share is given when the registry lists no agency there either; else
** null), "county_agencies": [{"agency",
** "technology", "since", "dated_by_source", "counties"}] (rows whose county
** names COUNTY's area, oldest first; "since" is the row's date, a start
** only when dated_by_source is false: sl_tracker_dated_by_source),
** "dated_note" (when a row is dated_by_source: SL_TRACKER_DATED_NOTE for
** the Atlas's rows, SL_TRACKER_FILE_DATED_NOTE for another list's, or
** both; else null), "unplaced_note" (when records of STATE name no county
** of the set, a sentence saying no county lists them; in a state of one
** county, such as DC, they are its county's; else null), "requests": null when the
** store has none, else {"state": requests in STATE (by the state written,
** else by where the centre lies), "county": those made by agencies whose
** registry county is COUNTY's name (null too when no request of the store
** is linked to the registry: unknown, not none), "located_in_county": requests whose
** centre lies in COUNTY's area, wherever their agency is (both null
** without COUNTY)}, "sites": null when the store
** holds no site, else the sites layer as `join --points sites --set` of
** the campaign's set counts it: {"state" (null when the set's ids name no
** state), "county" (null without COUNTY), "categories": [{"category",
** "state", "county"}] (when there are 2 to 8 categories)}}. STATE is two letters; COUNTY
** (NULL: none) an id of the campaign's area set in STATE, else SL_EUSAGE. */
sl_status sl_analysis_campaign_local(sl_store *st, const char *state, const char *county, json_t **out,
                                     sl_error *err);

/* What the local figures are computed from, as 64 hex digits in out[65]:
** a digest of every import (id, kind, file hash, time, snapshot, options,
** rows) and of the campaign's area set and last edit. It changes with an
** import, a removal or a campaign edit, and not with a pledge, a
** confirmation or a directory edit: a server keeps local figures while it
** stays the same. */
sl_status sl_analysis_campaign_local_version(sl_store *st, char out[65], sl_error *err);

/* The public list: confirmed signers who opted in to it, newest first, the
** newest SKIP left out (a later page's), at most MAX after them: {"count",
** "signers": [{"name", "state", "county"}]}, "name"
** being the first word of the name and the initial of the last ("Ann
** S."; "" when none was given) and "county" the area's name ("" where it
** has fewer than SL_CAMPAIGN_MIN_RESIDENTS residents: sl_analysis_county_few,
** as the counts fold it, for a first name there names her). Nothing else
** of a signer. Only pledges confirmed before BEFORE (Unix seconds; 0: all):
** the public counts' hour start, so that a name does not appear the minute
** its signer confirmed while the counts wait for the hour. */
sl_status sl_analysis_campaign_signers(sl_store *st, size_t skip, size_t max, long long before, json_t **out,
                                       sl_error *err);

#endif
