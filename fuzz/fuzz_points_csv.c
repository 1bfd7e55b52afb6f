/*
** fuzz_points_csv.c — libFuzzer target for the fast point CSV path, both
** ways the program runs it: whole (sl_points_parse_csv) and streamed in
** chunks (sl_points_stream_csv, what `import posts` uses), plus the
** hand-written decimal parser both rely on. The first byte picks which
** columns are asked for and how many threads, so the guessed and the named
** column paths run, split or not.
**
** Beyond "no crash": every point must be valid; the streamed chunks, put
** back in their order, must be the whole parse's points bit for bit; and a
** chunk that says its whole 1e-7 integers are valid must give back each
** double exactly (the store keeps the integers instead of the doubles).
** The fuzz build makes chunks 5 points and lets inputs over 64 bytes split
** across threads (fuzz/CMakeLists.txt), so small inputs reach chunks with
** mixed points and parts that share chunk numbers.
*/
#include "sightline/io/points_io.h"
#include "check_points.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const sl_point_columns COLS[] = {
    {0},
    {.id = "id", .time = "time", .text = "name"},
    {.lat = "y", .lon = "x", .time = "date"},
    {.lat = "lat", .lon = "lon", .id = "name", .text = "text"},
};

/* The streamed chunks, kept by chunk number (they may come out of order). */
typedef struct collected {
    sl_points *chunk;
    long count;
} collected;

static int same_double(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static sl_status keep_chunk(void *ctx, long no, const sl_points *batch, sl_error *err)
{
    collected *c = ctx;
    if (no < 0 || no > 1000000) __builtin_trap();
    if (batch->e7_valid && batch->lon_e7 && batch->lat_e7)
        for (size_t i = 0; i < batch->n; i++)
            if (!same_double((double)batch->lon_e7[i] / 1e7, batch->lon[i]) ||
                !same_double((double)batch->lat_e7[i] / 1e7, batch->lat[i]))
                __builtin_trap();
    if (no >= c->count) {
        sl_points *grown = realloc(c->chunk, (size_t)(no + 1) * sizeof *grown);
        if (!grown) __builtin_trap();
        for (long k = c->count; k <= no; k++) sl_points_init(&grown[k]);
        c->chunk = grown;
        c->count = no + 1;
    }
    sl_points *to = &c->chunk[no];
    if (to->n) __builtin_trap(); /* a chunk number given twice */
    for (size_t i = 0; i < batch->n; i++)
        if (sl_points_push(to, batch->lon[i], batch->lat[i], batch->time[i], sl_points_id(batch, i),
                           sl_points_text(batch, i), sl_points_attrs(batch, i), err))
            __builtin_trap();
    return SL_OK;
}

/* The streamed points, in chunk order, must be WHOLE's. */
static void check_same(const sl_points *whole, const collected *c)
{
    size_t at = 0;
    for (long k = 0; k < c->count; k++) {
        const sl_points *ch = &c->chunk[k];
        for (size_t i = 0; i < ch->n; i++, at++) {
            if (at >= whole->n) __builtin_trap();
            if (!same_double(ch->lon[i], whole->lon[at]) || !same_double(ch->lat[i], whole->lat[at]) ||
                ch->time[i] != whole->time[at] ||
                strcmp(sl_points_id(ch, i), sl_points_id(whole, at)) != 0 ||
                strcmp(sl_points_text(ch, i), sl_points_text(whole, at)) != 0)
                __builtin_trap();
        }
    }
    if (at != whole->n) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_point_columns cols = size ? COLS[data[0] & 3] : COLS[0];
    cols.threads = size && (data[0] & 4) ? 2 : 1;
    const char *text = size ? (const char *)data + 1 : "";
    size_t len = size ? size - 1 : 0;

    double v;
    if (sl_parse_decimal(text, len < 64 ? len : 64, &v) && !isfinite(v)) __builtin_trap();

    sl_points pts;
    sl_points_init(&pts);
    sl_point_report rep, srep;
    memset(&rep, 0, sizeof rep);
    memset(&srep, 0, sizeof srep);
    sl_error err;
    sl_error_clear(&err);
    sl_status whole = sl_points_parse_csv("fuzz.csv", text, len, &cols, &pts, &rep, &err);
    if (whole == SL_OK) check_points(&pts, &rep);

    collected c = {0};
    sl_status streamed = sl_points_stream_csv("fuzz.csv", text, len, &cols, keep_chunk, &c, &srep, &err);
    /* Both fail or neither (which part's error is reported may differ: a
    ** streamed part stops when another fails). */
    if ((whole == SL_OK) != (streamed == SL_OK)) __builtin_trap();
    if (whole == SL_OK) {
        if (srep.imported != rep.imported || srep.rows != rep.rows) __builtin_trap();
        for (int r = 0; r < SL_SKIP_COUNT; r++)
            if (srep.skipped[r] != rep.skipped[r]) __builtin_trap();
        check_same(&pts, &c);
    }
    for (long k = 0; k < c.count; k++) sl_points_free(&c.chunk[k]);
    free(c.chunk);
    sl_points_free(&pts);
    return 0;
}
