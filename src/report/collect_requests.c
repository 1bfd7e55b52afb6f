/*
** collect_requests.c — what the police requests are: the dates they span
** and the agencies they come from (summary.requests), said beside every
** figure of them. A New York report gave 20 requests no period and no
** agency; its file spans 6 January to 8 August 2020 and is the NYPD's alone,
** and its Sources read "Publisher not recorded" (run of 2026-12-06).
*/
#include "report_internal.h"
#include "sightline/core/text.h"
#include "sightline/store/requests.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The agencies of the requests (as their files name them), in first-seen
** order, as a JSON array of distinct names (case aside). */
static json_t *agency_names(const sl_request_list *l, int *bad)
{
    json_t *names = sl_jok(json_array(), bad), *v;
    for (size_t i = 0; names && i < l->count; i++) {
        const char *name = l->items[i].agency ? l->items[i].agency : "";
        size_t k;
        int seen = 0;
        json_array_foreach(names, k, v) seen = seen || !strcasecmp(json_string_value(v), name);
        if (!seen && *name) sl_jpush(names, json_string(name), bad);
    }
    return names;
}

/* summary.requests: how many, the first and last dates (as precise as the
** files give them: "2020-01-06", "2020-03"), how many have none, and the
** agencies; the map's legend gets the same sentence (map.notes). */
sl_status sl_audit_requests_span(audit *a, sl_error *err)
{
    sl_request_list l;
    if (sl_store_load_requests(a->st, &l, err)) return err->status;
    char first[11] = "", last[11] = "", d[11];
    long long undated = 0;
    for (size_t i = 0; i < l.count; i++) {
        if (l.items[i].date.precision == SL_PREC_UNKNOWN) {
            undated++;
            continue;
        }
        sl_date_format(&l.items[i].date, d); /* ISO: its order is the calendar's */
        if (!*first || strcmp(d, first) < 0) memcpy(first, d, sizeof d);
        if (!*last || strcmp(d, last) > 0) memcpy(last, d, sizeof d);
    }
    json_t *o = json_pack("{s:I, s:I}", "count", (json_int_t)l.count, "undated", (json_int_t)undated);
    if (o && *first) sl_jset(o, "first_date", json_string(first), &a->bad);
    if (o && *last) sl_jset(o, "last_date", json_string(last), &a->bad);
    json_t *names = agency_names(&l, &a->bad);
    if (o && names) sl_jset(o, "agencies", json_integer((json_int_t)json_array_size(names)), &a->bad);
    if (o) sl_jset(o, "agency_names", names, &a->bad);
    else json_decref(names);
    sl_request_list_free(&l);
    sl_jset(a->summary, "requests", sl_jok(o, &a->bad), &a->bad);
    char words[800];
    if (*sl_audit_requests_words(a, words, sizeof words)) {
        json_t *notes = json_object_get(a->map, "notes");
        if (!notes) sl_jset(a->map, "notes", notes = json_object(), &a->bad);
        static const char *const KEYS[] = {"requests", "requests_per_100k", "lq_requests"};
        for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++) sl_jset(notes, KEYS[i], json_string(words), &a->bad);
    }
    return SL_OK;
}

/* "6 January 2020", "March 2020" or "2020", by the date's precision. */
static const char *date_words(char buf[32], const char *iso)
{
    static const char *const MONTHS[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int y, m;
    if (strlen(iso) == 7 && sscanf(iso, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
        snprintf(buf, 32, "%s %d", MONTHS[m - 1], y);
    else sl_report_date_words(buf, iso);
    return buf;
}

const char *sl_audit_requests_words(audit *a, char *buf, size_t size)
{
    json_t *r = json_object_get(a->summary, "requests");
    long long n = sl_json_int(r, "count"), undated = sl_json_int(r, "undated"), agencies = sl_json_int(r, "agencies");
    char c[3][32];
    buf[0] = '\0';
    if (!r || n <= 0) return buf;
    int w;
    if (n == undated) w = snprintf(buf, size, "The %s police %s carry no date", sl_thousands(n, c[0]),
                                   n == 1 ? "request" : "requests");
    else {
        /* some undated: the dated ones are counted apart, as "The 2,300 are
        ** dated 1 June 2020 (2,000 without a date)" dated them all */
        const char *first = sl_json_str(r, "first_date"), *last = sl_json_str(r, "last_date");
        long long dated = n - undated;
        if (undated)
            w = snprintf(buf, size, "Of the %s police requests, %s %s dated ", sl_thousands(n, c[0]),
                         sl_thousands(dated, c[2]), dated == 1 ? "is" : "are");
        else
            w = snprintf(buf, size, "The %s police %s %s dated ", sl_thousands(n, c[0]), n == 1 ? "request" : "requests",
                         n == 1 ? "is" : "are");
        if (w >= 0 && (size_t)w < size)
            w += snprintf(buf + w, size - (size_t)w, "%s%s%s", strcmp(first, last) ? "from " : "",
                          date_words(c[1], first), strcmp(first, last) ? " to " : "");
        if (strcmp(first, last) && w >= 0 && (size_t)w < size)
            w += snprintf(buf + w, size - (size_t)w, "%s", date_words(c[1], last));
        if (undated && w >= 0 && (size_t)w < size)
            w += snprintf(buf + w, size - (size_t)w, " and %s %s no date", sl_thousands(undated, c[2]),
                          undated == 1 ? "carries" : "carry");
    }
    if (w < 0 || (size_t)w >= size) return buf;
    if (!agencies) w += snprintf(buf + w, size - (size_t)w, "; their files name no agency");
    else w += snprintf(buf + w, size - (size_t)w, "; %s from %s %s", n == 1 ? "it is" : "they are",
                       agencies == 1 ? "one" : sl_thousands(agencies, c[0]), agencies == 1 ? "agency" : "agencies");
    json_t *names = json_object_get(r, "agency_names"), *v;
    size_t i;
    json_array_foreach(names, i, v) { /* when few, named: an export is usually one agency's */
        if (agencies > SL_AUDIT_FEW_NAMED || w < 0 || (size_t)w >= size) break;
        w += snprintf(buf + w, size - (size_t)w, "%s%s", i ? ((long long)i + 1 == agencies ? " and " : ", ") : ", ",
                      json_string_value(v));
    }
    if (w >= 0 && (size_t)w < size) snprintf(buf + w, size - (size_t)w, ".");
    return buf;
}
