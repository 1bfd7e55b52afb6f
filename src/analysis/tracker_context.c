/*
** tracker_context.c — what a partnership table counts, as the columns its
** CSV ends every row with (tracker.h, sl_tracker_context). The CLI's
** --format csv tables and the audit's data/ files both write them; one
** rule here keeps a file from either naming its snapshot and filters alike.
*/
#include "sightline/analysis/tracker.h"

#include <string.h>

#include "sightline/core/json_build.h"
#include "sightline/core/text.h"

/* Into CTX: NAME = VALUE when VALUE is a non-empty UTF-8 text. One given
** as other bytes is left out, as a cell could not hold it; *BAD notes
** memory running out. */
static void put(json_t *ctx, const char *name, const char *value, int *bad)
{
    if (value && *value && sl_utf8_valid(value, strlen(value))) sl_jset(ctx, name, json_string(value), bad);
}

/* The context of a table of SNAPSHOT, or of the diff from it to TO; the
** files each came from when FROM_FILE and TO_FILE are given. */
static json_t *context(const char *snapshot, const char *from_file, const char *to, const char *to_file,
                       const sl_tracker_query *q)
{
    int bad = 0;
    json_t *ctx = sl_jok(json_object(), &bad);
    put(ctx, to ? "from_snapshot" : "snapshot", snapshot, &bad);
    put(ctx, "from_file", from_file, &bad);
    put(ctx, "to_snapshot", to, &bad);
    put(ctx, "to_file", to_file, &bad);
    if (q) {
        /* in the order the CLI's header line names them */
        const char *const filters[][2] = {{"filter_tech", q->tech},     {"filter_state", q->state},
                                          {"filter_type", q->type},     {"filter_county", q->county},
                                          {"filter_since", q->since},   {"filter_until", q->until}};
        for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) put(ctx, filters[i][0], filters[i][1], &bad);
    }
    if (!bad) return ctx;
    json_decref(ctx);
    return NULL;
}

json_t *sl_tracker_context(const char *snapshot, const char *to, const sl_tracker_query *q)
{
    return context(snapshot, NULL, to, NULL, q);
}

json_t *sl_tracker_diff_context(json_t *diff, const sl_tracker_query *q)
{
    return context(json_string_value(json_object_get(diff, "from")),
                   json_string_value(json_object_get(diff, "from_file")),
                   json_string_value(json_object_get(diff, "to")),
                   json_string_value(json_object_get(diff, "to_file")), q);
}
