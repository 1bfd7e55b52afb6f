/*
** demo_campaign.c — the demo's fictional campaign (`sightline demo
** --campaign`, see demo.h): four invented counties with made-up FIPS-like
** codes (the 990s are no real county's) in the demo agencies' states, the
** campaign's content, and signers who pledge and confirm through the same
** calls the server makes, so `make serve` shows /campaign with figures.
** Every name says it is fictional; every address is at example.org.
*/
#include "sightline/ingest/campaign.h"
#include "sightline/ingest/demo.h"
#include "sightline/ingest/layers.h"
#include "demo_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In the order of the demo's counties (demo_internal.h), each code starting
** with the FIPS code of its state in sl_demo_states. */
static const struct { const char *id, *name; double lon, lat; } COUNTIES[SL_DEMO_NCOUNTIES] = {
    {"51990", "Ashgrove County (synthetic)", -78.3, 38.5},
    {"39990", "Birchmoor County (synthetic)", -78.0, 38.5},
    {"48990", "Coldwater County (synthetic)", -78.3, 38.25},
    {"06990", "Dellwood County (synthetic)", -78.0, 38.25}};
#define NCOUNTIES (sizeof COUNTIES / sizeof *COUNTIES)

static sl_status write_counties(const char *path, sl_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f) return sl_fail(err, SL_EIO, path, 0, "cannot write demo file");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
    for (size_t i = 0; i < NCOUNTIES; i++) {
        double x = COUNTIES[i].lon, y = COUNTIES[i].lat;
        fprintf(f, "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\",\"name\":\"%s\"},\"geometry\":{\"type\":"
                   "\"Polygon\",\"coordinates\":[[[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f]]]}}",
                i ? "," : "", COUNTIES[i].id, COUNTIES[i].name, x, y, x + 0.3, y, x + 0.3, y + 0.25, x, y + 0.25, x, y);
    }
    fputs("]}\n", f);
    return fclose(f) ? sl_fail(err, SL_EIO, path, 0, "cannot write demo file") : SL_OK;
}

static sl_commitment COMMITMENTS[] = {
    {"cancel-ring", "Cancel my Ring subscription and unplug the doorbell camera"},
    {"no-amazon-month", "Stop shopping on Amazon for a month"},
    {"shop-black-owned", "Buy from a Black-owned business in the directory instead"},
    {"tell-neighbours", "Tell my neighbours what Ring shares with the police"}};

static const sl_campaign CAMPAIGN = {
    .title = "Break Up With Ring (fictional demo campaign)",
    .pledge_md = "**This is a fictional demo campaign.** Nothing here is a real organisation or a real signer.\n\n"
                 "Doorbell cameras turn our streets into a network police can ask for footage. "
                 "*I pledge* to take the steps I tick below, and to look at what the surveillance "
                 "partnerships of my county look like.\n",
    .organisation = "Demo Neighbours United (fictional)",
    .contact = "hello@example.org",
    .privacy = "The demo's signers are invented. A real campaign states here **who** keeps the data, "
               "**where**, and how to ask for its erasure.",
    .area_set = "demo-counties",
    .base_url = SL_DEMO_BASE_URL,
    .sender = "pledge@example.org",
    .commitments = COMMITMENTS,
    .n_commitments = sizeof COMMITMENTS / sizeof *COMMITMENTS};

/* The signers: county index, name, confirmed, listed. 7 + 5 confirmed in
** the first two counties (shown), 3 + 2 in the others (folded under k = 5),
** and 3 who never confirmed. */
static const struct { int county; const char *name; int confirmed, listed; } SIGNERS[] = {
    {0, "Avery Example", 1, 1}, {0, "Blake Sample", 1, 0},  {0, "Casey Demo", 1, 1},    {0, "Dana Placeholder", 1, 1},
    {0, "", 1, 0},              {0, "Emery Fiction", 1, 0}, {0, "Finley Invented", 1, 1}, {1, "Gray Madeup", 1, 1},
    {1, "Harper Notreal", 1, 0}, {1, "", 1, 0},             {1, "Indigo Synthetic", 1, 1}, {1, "Jules Pretend", 1, 0},
    {2, "Kai Imaginary", 1, 1}, {2, "Lee Example", 1, 0},   {2, "", 1, 0},             {3, "Morgan Sample", 1, 1},
    {3, "Noel Demo", 1, 0},     {0, "Oakley Pending", 0, 1}, {1, "Parker Pending", 0, 0}, {2, "Quinn Pending", 0, 1}};
#define NSIGNERS (sizeof SIGNERS / sizeof *SIGNERS)

/* The token of the link in the newest queued message (the demo plays the
** signer opening it). */
static sl_status newest_token(sl_store *st, char token[SL_TOKEN_BUF], sl_error *err)
{
    sl_arena a = {0};
    sl_outbox_msg *m;
    size_t n;
    token[0] = '\0';
    if (sl_store_outbox_pending(st, &a, 0, LLONG_MAX, &m, &n, err)) return err->status;
    const char *t = n ? strstr(m[n - 1].body, "token=") : NULL;
    if (t) snprintf(token, SL_TOKEN_BUF, "%.43s", t + 6);
    sl_arena_free(&a);
    return t ? SL_OK : sl_fail(err, SL_EDATA, NULL, 0, "the demo pledge queued no confirmation link");
}

static sl_status sign(sl_store *st, size_t i, long long now, sl_error *err)
{
    char body[600], token[SL_TOKEN_BUF];
    const char *state = sl_demo_states[SIGNERS[i].county];
    snprintf(body, sizeof body, "email=signer%02zu%%40example.org&name=%s&state=%s&county=%s&commitment=%s&commitment="
             "tell-neighbours%s%s", i + 1, SIGNERS[i].name, state, COUNTIES[SIGNERS[i].county].id,
             COMMITMENTS[i % 3].key, i % 2 ? "&consent=on" : "", SIGNERS[i].listed ? "&listed=on" : "");
    for (char *p = body; *p; p++) if (*p == ' ') *p = '+';
    sl_form f;
    const char *field;
    int confirmed = 0;
    sl_status rc = sl_form_parse("demo pledge", body, strlen(body), NULL, &f, err);
    if (!rc) rc = sl_campaign_pledge(st, &f, now, 0, &field, err);
    sl_form_free(&f);
    if (!rc && SIGNERS[i].confirmed) rc = newest_token(st, token, err);
    if (!rc && SIGNERS[i].confirmed) rc = sl_campaign_confirm(st, token, now + 3600, &confirmed, err);
    if (!rc && SIGNERS[i].confirmed && !confirmed) rc = sl_fail(err, SL_EDATA, NULL, 0, "a demo pledge did not confirm");
    return rc;
}

sl_status sl_demo_build_campaign(sl_store *st, const char *dir, long long now, long *signers, sl_error *err)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/synthetic-counties.geojson", dir);
    sl_area_options o = {.id = "id", .name = "name"};
    sl_layer_result res;
    sl_status rc = write_counties(path, err);
    if (!rc) rc = sl_ingest_areas(st, "demo-counties", path, &o, 0, &res, err);
    if (!rc) rc = sl_campaign_save(st, &CAMPAIGN, now - (long long)(NSIGNERS + 1) * 7200, err); /* before its signers */
    *signers = 0;
    for (size_t i = 0; !rc && i < NSIGNERS; i++) {
        rc = sign(st, i, now - (long long)(NSIGNERS - i) * 7200, err);
        *signers += !rc;
    }
    return rc;
}
