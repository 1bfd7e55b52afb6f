/*
** tracker_since.c — the count since a date in partnerships, not rows.
**
** A snapshot may list one partnership (an agency and a technology, the
** identity the diff compares) in several rows: an agency's second row, a
** later export's row under another spelling that the registry links to
** the same agency. Each such row has a date of its own, so "rows dated on
** or after DATE" can count a partnership that began years before, and the
** report's "80 of the partnerships began on or after ..." stood beside the
** diff's "79 added" for one fact. A partnership began when its earliest
** row did; that is the count said as partnerships.
*/
#include "sightline/core/json_build.h"
#include "tracker_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void sl_partnership_key(const sl_partnership *p, char *out, size_t size)
{
    sl_agency_key(p, out, size > 128 ? 128 : size);
    size_t len = strlen(out);
    if (len + 1 < size) out[len++] = '|';
    for (const char *t = p->technology; *t && len + 1 < size; t++) out[len++] = (char)tolower((unsigned char)*t);
    out[len < size ? len : size - 1] = '\0';
}

typedef struct keyed_row {
    char key[192];
    const sl_partnership *p;
} keyed_row;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const keyed_row *)a)->key, ((const keyed_row *)b)->key);
}

/* Of rows K[0..n) (one partnership), the row its start is: the earliest
** dated one (by first day, then the narrower date); NULL when none is dated. */
static const sl_partnership *first_row(const keyed_row *k, size_t n)
{
    const sl_partnership *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const sl_partnership *p = k[i].p;
        if (p->start.precision == SL_PREC_UNKNOWN) continue;
        long f = sl_date_first_day(&p->start), l = sl_date_last_day(&p->start);
        if (!best || f < sl_date_first_day(&best->start) ||
            (f == sl_date_first_day(&best->start) && l < sl_date_last_day(&best->start)))
            best = p;
    }
    return best;
}

static int cmp_id(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Of the registry ids IDS[0..n) (sorted here), how many distinct ones into
** *ALL and how many of those REG types as city or county into *CC: the
** agencies whose partnership began in the window, as the shares count. */
static void begun_agencies(long *ids, size_t n, const sl_agency_list *reg, long *all, long *cc)
{
    qsort(ids, n, sizeof *ids, cmp_id);
    *all = *cc = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && ids[i] == ids[i - 1]) continue;
        const sl_agency *a = sl_find_agency(reg, ids[i]);
        ++*all;
        *cc += a && sl_tracker_city_or_county(a);
    }
}

json_t *sl_tracker_since_partnerships(const sl_tracker_query *q, const sl_partnership_list *rows, long since_rows,
                                      const sl_agency_list *reg)
{
    sl_tracker_query all = *q;
    all.since = all.until = NULL; /* every row the other filters keep: a partnership's earlier rows too */
    keyed_row *k = calloc(rows->count + 1, sizeof *k);
    long *ids = calloc(rows->count + 1, sizeof *ids); /* the linked agencies of those begun within */
    if (!k || !ids || !q->since) {
        free(k);
        free(ids);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < rows->count; i++)
        if (sl_tracker_keeps(&all, &rows->items[i])) {
            sl_partnership_key(&rows->items[i], k[n].key, sizeof k[n].key);
            k[n++].p = &rows->items[i];
        }
    qsort(k, n, sizeof *k, by_key);
    long of = 0, count = 0, maybe = 0, coarse = 0, cell = 0, begun = 0, cc = 0;
    size_t linked = 0;
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo; hi < n && !strcmp(k[hi].key, k[lo].key); hi++) {}
        of++;
        const sl_partnership *p = first_row(k + lo, hi - lo);
        if (!p) continue; /* undated: the rows' count leaves it out too */
        int c = sl_tracker_window_class(q, p); /* within --until too, when given */
        if (c > 0) {
            count++;
            if (p->agency_id) ids[linked++] = p->agency_id;
            coarse += p->start.precision != SL_PREC_DAY;
            cell += p->start.precision != SL_PREC_DAY && sl_tracker_coarse_from_cell(p);
        } else if (c < 0)
            maybe++;
    }
    free(k);
    begun_agencies(ids, linked, reg, &begun, &cc);
    free(ids);
    int bad = 0;
    json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "date", q->since, "count", (json_int_t)count,
                          "uncertain", (json_int_t)maybe, "month_or_year", (json_int_t)coarse, "of", (json_int_t)of,
                          "further_rows", (json_int_t)(since_rows > count ? since_rows - count : 0),
                          "linked_agencies", (json_int_t)begun, "city_county_agencies", (json_int_t)cc);
    if (!o) return NULL;
    if (cell > 0) sl_jset(o, "month_or_year_in_date_column", json_integer(cell), &bad);
    if (coarse > 0) {
        char note[SL_TRACKER_NOTE];
        sl_tracker_coarse_note(coarse, count, note);
        sl_jset(o, "month_or_year_note", json_string(note), &bad);
    }
    if (bad) json_decref(o);
    return bad ? NULL : o;
}
