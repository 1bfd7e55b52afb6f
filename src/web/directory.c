/*
** directory.c — the public directory of `sightline serve`: /directory
** (search by words, category, state and "near" a county or a point, as
** server-rendered HTML that works without JavaScript, sorted and paged),
** /directory/ID (one listing) and /api/directory (the matches with a
** location, for the clustered map drawn by assets/directory.js). The search
** is the CLI's (`sightline businesses`, sl_analysis_businesses); every text
** of a listing is escaped, and a website is a link only when it is a web
** address (sl_business_website, the importer's rule).
*/
#include "page.h"
#include "sightline/analysis/campaign.h"
#include "sightline/analysis/params.h"
#include "sightline/core/business.h"
#include "sightline/core/json.h"
#include "sightline/core/text.h"
#include "sightline/core/area.h"
#include "sightline/store/admin.h"
#include "sightline/store/businesses.h"
#include "sightline/store/campaign.h"
#include "sightline/store/store_layers.h"
#include "sightline/web/query.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 20
#define MANY_COUNTIES 300 /* more than this: the county list waits for a state */

/* One county of the "near" list. */
typedef struct county {
    char *id, *name;
    double lat, lon;
} county;

/* A search as asked and as resolved. */
typedef struct search {
    sl_web_query q;
    sl_business_query bq;
    const char *county, *sort;
    long page;
    char set[128];       /* the area set counties come from ("" when none) */
    char near_name[256]; /* what the search is near, for the heading */
    char base[128];      /* the area set drawn under the map ("" when none) */
    county *counties;    /* of the chosen state (or all, when few) */
    size_t ncounties, total_counties;
} search;

static const char *const PARAMS[] = {"q", "category", "state", "county", "km", "lat", "lon", "page", "sort", NULL};

static void search_free(search *s)
{
    for (size_t i = 0; i < s->ncounties; i++) free(s->counties[i].id), free(s->counties[i].name);
    free(s->counties);
    sl_web_query_free(&s->q);
}

static int number(const char *text, double lo, double hi, double *out)
{
    char *end;
    *out = text ? strtod(text, &end) : NAN;
    return text && end != text && !*end && isfinite(*out) && *out >= lo && *out <= hi;
}


/* Each area of the set: the chosen one is what the search is near (its
** polygon, in the analysis); those of the chosen state (or all, when the
** set is small) fill the list. */
static sl_status take_county(const char *id, const char *name, double lat, double lon, void *ctx, sl_error *err)
{
    search *s = ctx;
    s->total_counties++;
    if (s->county && !strcmp(id, s->county)) {
        s->bq.area = s->county, s->bq.set = s->set, s->bq.near = 1;
        snprintf(s->near_name, sizeof s->near_name, "%s", name);
    }
    const char *fips = sl_fips_state(id);
    if (s->bq.state && !(fips && !strcasecmp(fips, s->bq.state))) return SL_OK;
    if (!(s->ncounties & (s->ncounties + 1))) { /* grow at 0, 1, 3, 7, ... */
        county *n = realloc(s->counties, (s->ncounties * 2 + 2) * sizeof *n);
        if (!n) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        s->counties = n;
    }
    county *c = &s->counties[s->ncounties];
    c->id = strdup(id), c->name = strdup(name), c->lat = lat, c->lon = lon;
    if (!c->id || !c->name) {
        free(c->id), free(c->name);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    s->ncounties++;
    return SL_OK;
}

/* Read and check the parameters (SL_EUSAGE names the bad one). */
static sl_status parse(const char *query, search *s, sl_error *err)
{
    const char *raw = query ? query : "";
    if (sl_web_query_parse(raw, strlen(raw), &s->q, err) || sl_web_query_only(&s->q, PARAMS, err)) return err->status;
    const sl_web_query *q = &s->q;
    double v;
    s->bq.text = sl_web_query_get(q, "q");
    s->bq.category = sl_web_query_get(q, "category");
    s->bq.state = sl_web_query_get(q, "state");
    s->county = sl_web_query_get(q, "county");
    s->sort = sl_web_query_get(q, "sort");
    s->page = 1;
    if (s->bq.text && strlen(s->bq.text) > 200) return sl_fail(err, SL_EUSAGE, NULL, 0, "q: at most 200 bytes");
    if (s->bq.state && strlen(s->bq.state) != 2) return sl_fail(err, SL_EUSAGE, NULL, 0, "state: two letters");
    if (s->sort && strcmp(s->sort, "name") && strcmp(s->sort, "best"))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "sort: best or name");
    if (sl_web_query_get(q, "page")) {
        if (!number(sl_web_query_get(q, "page"), 1, 100000, &v) || v != floor(v))
            return sl_fail(err, SL_EUSAGE, NULL, 0, "page: a whole number from 1");
        s->page = (long)v;
    }
    s->bq.km = SL_NEAR_KM_DEFAULT;
    if (sl_web_query_get(q, "km") && !number(sl_web_query_get(q, "km"), 0.1, 1000, &s->bq.km))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "km: a radius from 0.1 to 1000");
    const char *lat = sl_web_query_get(q, "lat"), *lon = sl_web_query_get(q, "lon");
    if (!lat != !lon) return sl_fail(err, SL_EUSAGE, NULL, 0, "lat and lon: both or neither");
    if (lat && !s->county) { /* a county chosen after a located search wins over the point */
        if (!number(lat, -90, 90, &s->bq.lat) || !number(lon, -180, 180, &s->bq.lon))
            return sl_fail(err, SL_EUSAGE, NULL, 0, "lat/lon: degrees (-90..90, -180..180)");
        /* a hundredth of a degree, about a kilometre, as directory.js
        ** sends it: the point stays in the page's address and the
        ** browser's history, where metres would name a home */
        s->bq.lat = sl_business_coarse(s->bq.lat), s->bq.lon = sl_business_coarse(s->bq.lon);
        s->bq.near = 1;
        snprintf(s->near_name, sizeof s->near_name, "your location");
    }
    return SL_OK;
}

static sl_status count_area(const char *id, const char *name, double lat, double lon, void *ctx, sl_error *err)
{
    (void)id, (void)name, (void)lat, (void)lon, (void)err;
    ++*(size_t *)ctx;
    return SL_OK;
}

/* The map's background: the county set, else the store's first area set. */
static void base_set(sl_store *st, search *s)
{
    sl_arena a = {0};
    const char **names;
    size_t n = 0;
    sl_error err;
    sl_error_clear(&err);
    if (s->set[0]) snprintf(s->base, sizeof s->base, "%s", s->set);
    else if (!sl_store_area_sets(st, &a, &names, &n, &err) && n) snprintf(s->base, sizeof s->base, "%s", names[0]);
    sl_arena_free(&a);
}

/* Resolve the county (a 400 when the set lacks it) and run the search. */
static sl_status run(sl_store *st, search *s, json_t **out, sl_error *err)
{
    sl_analysis_county_set(st, s->set);
    if (sl_store_area_centres(st, s->set, take_county, s, err)) return err->status;
    if (!s->total_counties) s->set[0] = '\0';
    base_set(st, s);
    if (s->county && !s->bq.near) return sl_fail(err, SL_EUSAGE, NULL, 0, "county: no such county in the store");
    return sl_analysis_businesses(st, &s->bq, out, err);
}

/* The distinct values of KEY among every listing, in any case (the search
** matches them so: "md" of an older import is MD), sorted, as a JSON array. */
static json_t *distinct(json_t *all, const char *key)
{
    json_t *seen = json_object(), *list = json_array(), *b;
    size_t i;
    json_array_foreach(json_object_get(all, "businesses"), i, b) {
        const char *v = sl_json_str(b, key);
        char folded[256];
        size_t n = 0;
        for (; v && v[n] && n + 1 < sizeof folded; n++) folded[n] = (char)toupper((unsigned char)v[n]);
        folded[n] = '\0';
        if (v && *v && !json_object_get(seen, folded)) {
            json_object_set_new(seen, folded, json_true());
            json_array_append_new(list, json_string(v));
        }
    }
    json_decref(seen);
    size_t n = json_array_size(list);
    for (size_t a = 1; a < n; a++) /* insertion sort: a directory has a few dozen values */
        for (size_t k = a; k > 0 && strcasecmp(json_string_value(json_array_get(list, k - 1)),
                                               json_string_value(json_array_get(list, k))) > 0; k--) {
            json_t *x = json_incref(json_array_get(list, k));
            json_array_set(list, k, json_array_get(list, k - 1));
            json_array_set_new(list, k - 1, x);
        }
    return list;
}

static void url_part(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p | 32) >= 'a' && (*p | 32) <= 'z' ? 1 : (*p >= '0' && *p <= '9') || strchr("-_.~", *p)) fputc(*p, f);
        else fprintf(f, "%%%02X", *p);
    }
}

/* This search's query string with PAGE (escaped for an attribute: & as &amp;). */
static void link_to(FILE *f, const search *s, long page)
{
    fputs("/directory?", f);
    int first = 1;
    for (size_t i = 0; i < s->q.count; i++) {
        if (!strcmp(s->q.items[i].name, "page") || !*s->q.items[i].value) continue;
        fputs(first ? "" : "&amp;", f);
        url_part(f, s->q.items[i].name);
        fputc('=', f);
        url_part(f, s->q.items[i].value);
        first = 0;
    }
    fprintf(f, "%spage=%ld", first ? "" : "&amp;", page);
}

static void option(FILE *f, const char *value, const char *label, const char *chosen)
{
    fputs("<option value=\"", f);
    sl_web_html_text(f, value);
    fputs(chosen && !strcasecmp(chosen, value) ? "\" selected>" : "\">", f);
    sl_web_html_text(f, label);
    fputs("</option>", f);
}

static void select_of(FILE *f, const char *id, const char *label, json_t *values, const char *any, const char *chosen)
{
    size_t i;
    json_t *v;
    fprintf(f, "<div class=\"field\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">", id, label, id, id + 2);
    option(f, "", any, NULL);
    json_array_foreach(values, i, v) option(f, json_string_value(v), json_string_value(v), chosen);
    fputs("</select></div>\n", f);
}

static void search_form(FILE *f, const search *s, json_t *all)
{
    fputs("<form class=\"filters\" method=\"get\" action=\"/directory\" role=\"search\" aria-label=\"Search the "
          "directory\">\n<div class=\"field\"><label for=\"d-q\">Words</label><input id=\"d-q\" name=\"q\" "
          "type=\"search\" maxlength=\"200\" placeholder=\"e.g. bakery\" value=\"", f);
    sl_web_html_text(f, s->bq.text);
    fputs("\"></div>\n", f);
    json_t *cats = distinct(all, "category"), *states = distinct(all, "state");
    select_of(f, "d-category", "Category", cats, "Any category", s->bq.category);
    select_of(f, "d-state", "State", states, "Any state", s->bq.state);
    json_decref(cats), json_decref(states);
    if (s->set[0]) {
        fputs("<div class=\"field\"><label for=\"d-county\">Near the county</label><select id=\"d-county\" "
              "name=\"county\">", f);
        int few = s->bq.state || s->total_counties <= MANY_COUNTIES;
        option(f, "", few ? "Any place" : "Choose a state first", NULL);
        for (size_t i = 0; few && i < s->ncounties; i++) option(f, s->counties[i].id, s->counties[i].name, s->county);
        fputs("</select></div>\n", f);
    }
    char km[32];
    snprintf(km, sizeof km, "%g", s->bq.km);
    fputs("<div class=\"field\"><label for=\"d-km\">Within km</label><input id=\"d-km\" name=\"km\" type=\"number\" "
          "min=\"0.1\" max=\"1000\" step=\"any\" value=\"", f);
    sl_web_html_text(f, km);
    fputs("\"></div>\n<div class=\"field\"><label for=\"d-sort\">Order</label><select id=\"d-sort\" name=\"sort\">", f);
    /* without words or a place "best" is by name already: one choice, not two
    ** alike; typed words then come back best match first */
    option(f, "best", s->bq.near ? "Nearest first" : s->bq.text ? "Best match first" : "By name", s->sort);
    if (s->bq.near || s->bq.text) option(f, "name", "By name", s->sort);
    fputs("</select></div>\n", f);
    if (s->bq.near && !s->county) { /* keep the browser's point for the next search */
        char v[32];
        snprintf(v, sizeof v, "%.2f", s->bq.lat);
        fprintf(f, "<input type=\"hidden\" name=\"lat\" value=\"%s\">", v);
        snprintf(v, sizeof v, "%.2f", s->bq.lon);
        fprintf(f, "<input type=\"hidden\" name=\"lon\" value=\"%s\">\n", v);
    }
    fputs("<div class=\"field actions\"><button type=\"submit\">Search</button></div>\n"
          "<div class=\"field actions\"><button type=\"button\" id=\"d-locate\" hidden>Near my location</button>"
          "</div>\n</form>\n<p class=\"note\"><span id=\"d-locate-note\" role=\"status\" hidden>“Near my location” asks your browser "
          "for your position once and sends it, rounded to about a kilometre, as the search: it stays in the "
          "results' address and your browser's history, and this site keeps it nowhere. </span>", f);
    if (s->set[0])
        fputs("“Near the county” finds listings inside the county or within the chosen distance of its border, "
              "nearest first. ", f);
    fputs("Know a business that belongs here? <a href=\"/directory/suggest\">Suggest it</a>.</p>\n", f);
}

static int by_name(const void *a, const void *b)
{
    return strcasecmp(sl_json_str(*(json_t *const *)a, "name"), sl_json_str(*(json_t *const *)b, "name"));
}

/* What to try when a search finds nothing: a heading alone reads as "the
** search is broken". Words match as the starts of words, all of them, so
** fewer and shorter words find more; the filters are named, to clear. */
static void no_match(FILE *f, const search *s, size_t total)
{
    char all[32];
    int words = s->bq.text && *s->bq.text, filters = (s->bq.category && *s->bq.category) ||
                                                     (s->bq.state && *s->bq.state) || s->bq.near;
    fputs("<p class=\"no-match\">", f);
    if (words)
        fputs("Every word must match the start of a word in a listing (\u201cbak\u201d finds \u201cBakery\u201d; "
              "accents do not matter, spelling does): try fewer or shorter words, or another spelling. ", f);
    if (filters) fputs("The category, state or distance chosen may rule the rest out. ", f);
    fprintf(f, "<a href=\"/directory\">See all %s listings</a>. Know a business that belongs here? "
               "<a href=\"/directory/suggest\">Suggest it</a>.</p>\n", sl_thousands((long long)total, all));
}

/* Where to find listing B and how to call it, as its own page gives them:
** printed under its name (directory.css), for a list handed out on paper
** is of no use without them; the screen has the listing's page a click away. */
static void contact(FILE *f, json_t *b)
{
    const char *street = sl_json_str(b, "address"), *city = sl_json_str(b, "city"), *st = sl_json_str(b, "state"),
               *zip = sl_json_str(b, "zip"), *phone = sl_json_str(b, "phone"), *web = sl_json_str(b, "website");
    char where[1024];
    snprintf(where, sizeof where, "%s%s%s%s%s%s%s", street ? street : "", street && *street && ((city && *city) || (st && *st)) ? ", " : "",
             city ? city : "", city && *city && st && *st ? ", " : "", st ? st : "", zip && *zip ? " " : "", zip ? zip : "");
    const char *part[] = {where, phone, web};
    fputs(" <span class=\"contact\">", f);
    for (int i = 0, any = 0; i < 3; i++) {
        if (!part[i] || !*part[i]) continue;
        fputs(any ? " · " : "", f);
        sl_web_html_text(f, part[i]);
        any = 1;
    }
    fputs("</span>", f);
}

/* The listings FOUND for S, TOTAL in the whole directory. */
static void results(FILE *f, const search *s, json_t *found, size_t total)
{
    json_t *list = json_object_get(found, "businesses");
    size_t n = json_array_size(list), from = (size_t)(s->page - 1) * PER_PAGE;
    json_t **rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows) return;
    for (size_t i = 0; i < n; i++) rows[i] = json_array_get(list, i);
    if (s->sort && !strcmp(s->sort, "name")) qsort(rows, n, sizeof *rows, by_name);
    if (!total) { /* an empty directory is not a search that found nothing */
        fputs("<h2 id=\"h-results\">No listings yet</h2>\n<p>The directory has no businesses yet. Know one that "
              "belongs here? <a href=\"/directory/suggest\">Suggest it</a>.</p>\n", f);
        free(rows);
        return;
    }
    char count[32];
    fputs("<h2 id=\"h-results\">", f);
    if (n) fprintf(f, "%s listing%s", sl_thousands((long long)n, count), n == 1 ? "" : "s");
    else fputs("No listing matches", f);
    if (s->bq.near) {
        fprintf(f, " within %g km of ", s->bq.km);
        sl_web_html_text(f, s->near_name);
    }
    fputs("</h2>\n", f);
    if (!n) no_match(f, s, total);
    if (n) {
        /* each marker is a stop of Tab: a keyboard reader passes the map by,
        ** to the same listings as a list (directory.js shows the link with the map) */
        fputs("<a class=\"skip-map\" href=\"#listings\" hidden>Skip the map, to the list</a>\n", f);
        fputs("<div id=\"dir-map\" class=\"dir-map\" role=\"region\" aria-label=\"Map of the listings\" hidden", f);
        if (s->base[0]) { /* the set name goes into a URL path: only plain names */
            if (strspn(s->base, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == strlen(s->base))
                fprintf(f, " data-areas=\"%s\"", s->base);
        }
        fputs("></div>\n", f);
    }
    if (n && from >= n) fputs("<p>This page is past the last listing.</p>\n", f);
    fputs("<ol class=\"listings\" id=\"listings\" tabindex=\"-1\">\n", f);
    for (size_t i = from; i < n && i < from + PER_PAGE; i++) {
        json_t *b = rows[i];
        fprintf(f, "<li><a href=\"/directory/%lld\">", sl_json_int(b, "id"));
        sl_web_html_text(f, sl_json_str(b, "name"));
        fputs("</a> <span class=\"meta\">", f);
        sl_web_html_text(f, sl_json_str(b, "category"));
        const char *city = sl_json_str(b, "city"), *st = sl_json_str(b, "state");
        if ((city && *city) || (st && *st)) {
            fputs(" · ", f);
            sl_web_html_text(f, city);
            fputs(city && *city && st && *st ? ", " : "", f);
            sl_web_html_text(f, st);
        }
        json_t *d = json_object_get(b, "distance_km");
        if (d && s->county && json_number_value(d) == 0) fputs(" · in the county", f);
        else if (d) fprintf(f, " · %.1f km", json_number_value(d));
        fputs("</span>", f);
        contact(f, b);
        fputs("</li>\n", f);
    }
    fputs("</ol>\n", f);
    if (n > PER_PAGE) {
        long pages = (long)((n + PER_PAGE - 1) / PER_PAGE);
        fputs("<nav class=\"pager\" aria-label=\"Pages of results\">", f);
        if (s->page > 1) fputs("<a rel=\"prev\" href=\"", f), link_to(f, s, s->page - 1), fputs("\">Previous</a> ", f);
        fprintf(f, "<span>page %ld of %ld</span>", s->page, pages);
        if (s->page < pages) fputs(" <a rel=\"next\" href=\"", f), link_to(f, s, s->page + 1), fputs("\">Next</a>", f);
        fputs("</nav>\n", f);
    }
    free(rows);
}

/* The store opened for one read; NULL after a failure (in ERR). */
static sl_store *open_read(sl_web_page_ctx *x, sl_error *err)
{
    sl_store *st = NULL;
    if (sl_web_pool_get(x->pages->pool, &st, err) || sl_store_read_begin(st, err)) {
        sl_web_pool_put(x->pages->pool, st);
        return NULL;
    }
    sl_store_use_directory_cache(st, x->pages->directory);
    return st;
}

/* SL_WEB_PAGE_SYNTHETIC when a listing of the store came from the demo
** (a file named synthetic-*, as the dashboard's banner decides). */
static int synthetic(sl_store *st)
{
    sl_source_list l;
    sl_error err;
    int yes = 0;
    sl_error_clear(&err);
    if (sl_store_load_sources(st, "businesses", &l, &err)) return 0;
    for (size_t i = 0; i < l.count; i++) yes |= !strncmp(l.items[i].file_name, "synthetic-", 10);
    sl_source_list_free(&l);
    return yes ? SL_WEB_PAGE_SYNTHETIC : 0;
}

/* Whom an owner asks about her listing: the campaign's contact and
** organisation ("" without a campaign). */
typedef struct owner_ask { char contact[256], organisation[256]; } owner_ask;

/* SL_WEB_PAGE_CAMPAIGN when ST holds a campaign: only then does the
** masthead link to /campaign, which is a 404 without one. ASK gets its
** contact. */
static int with_campaign(sl_store *st, owner_ask *ask)
{
    sl_arena a = {0};
    sl_campaign c;
    sl_error err;
    int found = 0;
    sl_error_clear(&err);
    if (sl_store_campaign_load(st, &a, &c, &found, &err)) found = 0;
    if (found) {
        snprintf(ask->contact, sizeof ask->contact, "%s", c.contact ? c.contact : "");
        snprintf(ask->organisation, sizeof ask->organisation, "%s", c.organisation ? c.organisation : "");
    }
    sl_arena_free(&a);
    return found ? SL_WEB_PAGE_CAMPAIGN : 0;
}

void sl_web_directory_owner(FILE *f, const char *lead, long id, const char *contact, const char *organisation)
{
    /* a business run from home is an owner's address: she must find whom to
    ** ask without writing to the campaign first, and know the change is not
    ** a matter of days once made */
    fprintf(f, "%sTo correct a listing or have it taken off the directory, write to ", lead);
    if (contact && *contact) {
        if (organisation && *organisation) { /* an organisation's name may end in brackets of its own */
            sl_web_html_text(f, organisation);
            fputs(" at ", f);
        }
        fputs("<strong>", f);
        sl_web_html_text(f, contact);
        fputs("</strong>", f);
    } else {
        fputs("the people who run this site", f);
    }
    if (id > 0) fprintf(f, ", naming this listing: /directory/%ld.", id);
    else fputs(", naming the listing's address on this site (/directory/ and its number).", f);
    fputs(" The change shows on its page, in the search and on the map as soon as an organiser makes it; a search "
          "engine shows its older copy until it next visits.", f);
}

static int status_of(sl_status s)
{
    return s == SL_EUSAGE || s == SL_EDATA ? 400 : s == SL_EIO ? 503 : 500;
}

/* The page's title for the N listings S found: what a screen reader says
** first when the results load. It was the directory's name whatever was
** searched, so a search that found nothing sounded like one not sent. */
static void title_of(const search *s, size_t n, char *out, size_t size)
{
    int searched = (s->bq.text && *s->bq.text) || (s->bq.category && *s->bq.category) ||
                   (s->bq.state && *s->bq.state) || s->bq.near || s->page > 1;
    if (!searched) {
        snprintf(out, size, "Directory of Black-owned businesses");
        return;
    }
    char count[32], page[48] = "", words[300] = "";
    if (s->bq.text && *s->bq.text) snprintf(words, sizeof words, " for \u201c%.200s\u201d", s->bq.text);
    if (s->bq.category && *s->bq.category)
        snprintf(words + strlen(words), sizeof words - strlen(words), " of %.60s", s->bq.category);
    if (s->bq.state && *s->bq.state && !s->bq.near)
        snprintf(words + strlen(words), sizeof words - strlen(words), " in %.8s", s->bq.state);
    if (s->bq.near) snprintf(words + strlen(words), sizeof words - strlen(words), " near %.80s", s->near_name);
    if (n > PER_PAGE)
        snprintf(page, sizeof page, ", page %ld of %ld", s->page, (long)((n + PER_PAGE - 1) / PER_PAGE));
    if (n) snprintf(out, size, "%s listing%s%s%s: directory search", sl_thousands((long long)n, count), n == 1 ? "" : "s",
                    words, page);
    else snprintf(out, size, "No listing matches%s: directory search", words);
}

/* How a search's answer may be kept: one near a point says where the reader
** is, so no cache keeps it (the page's and /api/directory's alike, which
** directory.js asks with the page's own query). */
static const char *cache_of(const search *s)
{
    return sl_web_query_get(&s->q, "lat") ? "private, no-store" : "no-cache";
}

static enum MHD_Result search_page(sl_web_page_ctx *x)
{
    search s = {0};
    sl_error err;
    sl_error_clear(&err);
    json_t *found = NULL, *all = NULL;
    sl_store *st = NULL;
    sl_business_query everything = {0};
    owner_ask ask = {"", ""};
    int flags = SL_WEB_PAGE_MAP;
    if (!parse(x->query, &s, &err) && (st = open_read(x, &err)) && !run(st, &s, &found, &err) &&
        !sl_analysis_businesses(st, &everything, &all, &err))
        flags |= synthetic(st) | with_campaign(st, &ask);
    sl_web_pool_put(x->pages->pool, st);
    enum MHD_Result ok;
    if (err.status) {
        ok = sl_web_page_message(x, status_of(err.status), "The directory cannot answer this search", err.msg,
                                 "no-cache");
    } else {
        char *buf;
        size_t len;
        FILE *f = sl_web_html_begin(&buf, &len);
        if (!f) {
            ok = MHD_NO;
        } else {
            char title[400];
            title_of(&s, json_array_size(json_object_get(found, "businesses")), title, sizeof title);
            sl_web_html_head(f, title, flags);
            fputs("<h1>Directory of Black-owned businesses</h1>\n<p class=\"meta\">Alternatives to Amazon, near "
                  "you: each listing says how its ownership was verified and where it came from.</p>\n", f);
            search_form(f, &s, all);
            size_t total = json_array_size(json_object_get(all, "businesses"));
            results(f, &s, found, total);
            if (total) { /* an empty directory lists nobody to ask about */
                fputs("<p class=\"note owner\">", f);
                sl_web_directory_owner(f, "Is your business here, or listed wrongly? ", 0, ask.contact, ask.organisation);
                fputs("</p>\n", f);
            }
            ok = sl_web_html_send(x, f, &buf, &len, 200, cache_of(&s), NULL);
        }
    }
    json_decref(found), json_decref(all);
    search_free(&s);
    return ok;
}

/* /api/directory: the matches that have a location, for the map. */
static enum MHD_Result map_json(sl_web_page_ctx *x)
{
    search s = {0};
    sl_error err;
    sl_error_clear(&err);
    json_t *found = NULL, *out = NULL;
    sl_store *st = NULL;
    if (!parse(x->query, &s, &err) && (st = open_read(x, &err))) run(st, &s, &found, &err);
    sl_web_pool_put(x->pages->pool, st);
    const char *cache = cache_of(&s); /* a string constant: outlives the query */
    search_free(&s);
    if (!err.status) {
        json_t *rows = json_array(), *b;
        size_t i;
        json_array_foreach(json_object_get(found, "businesses"), i, b) {
            if (json_is_null(json_object_get(b, "lat"))) continue;
            /* the search's public point (sl_business_public_point), and whether it is one */
            json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:O, s:O, s:O}", "id", sl_json_int(b, "id"), "name",
                                                  sl_json_str(b, "name"), "category", sl_json_str(b, "category"),
                                                  "lat", json_object_get(b, "lat"), "lon", json_object_get(b, "lon"),
                                                  "approximate", json_object_get(b, "approximate")));
        }
        out = json_pack("{s:I, s:o}", "count", (json_int_t)json_array_size(rows), "businesses", rows);
    } else {
        out = json_pack("{s:s}", "error", err.msg);
    }
    json_decref(found);
    size_t len = 0;
    char *body = out ? sl_json_dump_text(out, JSON_COMPACT | JSON_REAL_PRECISION(9), &len) : NULL;
    json_decref(out);
    if (!body) return MHD_NO;
    return sl_web_page_send(x, err.status ? status_of(err.status) : 200, "application/json; charset=utf-8", body, len,
                            cache, NULL);
}

static void row(FILE *f, const char *label, const char *value)
{
    if (!value || !*value) return;
    fprintf(f, "<dt>%s</dt><dd>", label);
    sl_web_html_text(f, value);
    fputs("</dd>\n", f);
}

typedef struct listing { FILE *f; int flags; search s; owner_ask ask; } listing;

static sl_status listing_html(const sl_business *b, void *ctx, sl_error *err)
{
    (void)err;
    listing *l = ctx;
    FILE *f = l->f;
    sl_web_html_head(f, b->name, l->flags);
    fputs("<p class=\"meta\"><a href=\"/directory\"><span aria-hidden=\"true\">← </span>Back to the directory</a></p>\n<h1>", f);
    sl_web_html_text(f, b->name);
    fputs("</h1>\n<dl class=\"listing\">\n", f);
    row(f, "Category", b->category);
    char where[1024];
    snprintf(where, sizeof where, "%s%s%s%s%s%s%s", b->address, *b->address && (*b->city || *b->state) ? ", " : "",
             b->city, *b->city && *b->state ? ", " : "", b->state, *b->zip ? " " : "", b->zip);
    row(f, "Address", where);
    if (b->website && *b->website) {
        fputs("<dt>Website</dt><dd>", f);
        char href[SL_BUSINESS_FIELD_MAX + 16];
        /* the importer's rule: a store of an older import may hold "www.x.org" */
        if (sl_business_website(b->website, href, sizeof href) == SL_WEB_LINK) {
            fputs("<a href=\"", f);
            sl_web_html_text(f, href);
            fputs("\" rel=\"noopener noreferrer nofollow\">", f);
            sl_web_html_text(f, b->website);
            fputs("</a>", f);
        } else { /* not a web address: shown, never a link */
            sl_web_html_text(f, b->website);
            fputs(" <span class=\"meta\">(not a web address; not linked)</span>", f);
        }
        fputs("</dd>\n", f);
    }
    row(f, "Phone", b->phone);
    row(f, "Ownership verified by", b->verification);
    row(f, "Source", b->origin);
    double lat = 0, lon = 0;
    int coarse = b->has_location && sl_business_public_point(b, &lat, &lon);
    if (coarse) /* said where the map is drawn, and on paper, which has no map */
        fputs("<dt>On the map</dt><dd id=\"approx\">Within about a kilometre, not at its door: a listing without a "
              "street address is never shown at its own point.</dd>\n", f);
    fputs("</dl>\n", f);
    if (b->has_location) /* metres only where a street is published anyway */
        fprintf(f, "<div id=\"dir-map\" class=\"dir-map small\" role=\"region\" aria-label=\"Map\" hidden data-lat=\"%.*f\" "
                   "data-lon=\"%.*f\"%s%s%s%s></div>\n", coarse ? 2 : 6, lat, coarse ? 2 : 6, lon,
                coarse ? " data-approx=\"1\"" : "", l->s.base[0] ? " data-areas=\"" : "", l->s.base,
                l->s.base[0] ? "\"" : "");
    fputs("<h2 id=\"owner-h\">Is this your business?</h2>\n<p class=\"owner\">", f);
    sl_web_directory_owner(f, "", b->id, l->ask.contact, l->ask.organisation);
    fputs("</p>\n", f);
    return SL_OK;
}

/* A listing that was in the directory and is no more: a link shared then
** says so (a 404, never another business: its number is not given again). */
static enum MHD_Result removed_page(sl_web_page_ctx *x, int flags)
{
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    sl_web_html_head(f, "This listing was removed from the directory", flags & ~SL_WEB_PAGE_MAP);
    fputs("<p class=\"meta\"><a href=\"/directory\"><span aria-hidden=\"true\">← </span>Back to the directory</a></p>\n<h1>This listing was removed from the "
          "directory</h1>\n<p>The business at this address is no longer listed: the organisers removed it, or the "
          "list it came from was replaced. Its number is never given to another business.</p>\n<p><a "
          "href=\"/directory\">Search the directory</a> for it or for others near you.</p>\n", f);
    return sl_web_html_send(x, f, &buf, &len, 404, "no-cache", NULL);
}

static enum MHD_Result listing_page(sl_web_page_ctx *x, const char *tail)
{
    double v;
    if (!number(tail, 1, 9007199254740992.0, &v) || v != floor(v) || strspn(tail, "0123456789") != strlen(tail))
        return sl_web_page_message(x, 404, "No such listing", "A listing's address is /directory/ and its number.",
                                   "no-cache");
    sl_error err;
    sl_error_clear(&err);
    char *buf;
    size_t len;
    FILE *f = sl_web_html_begin(&buf, &len);
    if (!f) return MHD_NO;
    int found = 0;
    sl_store *st = open_read(x, &err);
    listing l;
    memset(&l, 0, sizeof l);
    l.f = f, l.flags = SL_WEB_PAGE_MAP | (st ? synthetic(st) | with_campaign(st, &l.ask) : 0);
    if (st) {
        size_t n = 0;
        sl_analysis_county_set(st, l.s.set);
        if (sl_store_area_centres(st, l.s.set, count_area, &n, &err) || !n) l.s.set[0] = '\0';
        sl_error_clear(&err);
        base_set(st, &l.s);
        if (strspn(l.s.base, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != strlen(l.s.base))
            l.s.base[0] = '\0'; /* the set name goes into a URL path: only plain names */
    }
    int removed = 0;
    if (st) sl_store_business_get(st, (long)v, listing_html, &l, &found, &err);
    if (st && !found && !err.status) sl_store_business_removed(st, (long)v, &removed, &err);
    sl_web_pool_put(x->pages->pool, st);
    if (err.status || !found) {
        fclose(f);
        free(buf);
        return err.status ? sl_web_page_message(x, status_of(err.status), "The directory cannot answer", err.msg,
                                                "no-cache")
               : removed ? removed_page(x, l.flags)
                         : sl_web_page_message(x, 404, "No such listing", "There is no listing with this number.",
                                               "no-cache");
    }
    return sl_web_html_send(x, f, &buf, &len, 200, "no-cache", NULL);
}

enum MHD_Result sl_web_directory(sl_web_page_ctx *x)
{
    if (!strcmp(x->url, "/api/directory")) return map_json(x);
    if (!strcmp(x->url, "/directory") || !strcmp(x->url, "/directory/")) return search_page(x);
    return listing_page(x, x->url + strlen("/directory/"));
}
