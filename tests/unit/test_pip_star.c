/*
** test_pip_star.c — the point-in-polygon engine on a 20,000-vertex star
** (alternating radii 1.0 and 0.9), the shape where a horizontal line crosses
** O(n) edges and the grid switches to per-cell local records.
**
** Vertices and test points are multiples of 2^-20 inside [-2, 2], so the
** orientation determinant is exact in plain doubles and a brute-force
** crossing count over all edges is a true reference for the half-open rule:
** an edge counts when ay <= y < by and the point is strictly left of it.
** Random points, every vertex, edge midpoints, points on the horizontal
** lines through vertices and one unit off vertices are checked on the grid
** (default size and fine), the R-tree path and the batch join.
** A leaning comb then puts points exactly on the break heights of the local
** records (which the star hardly has), so an off-by-one in how they are
** built or searched (t <= y vs t < y) fails here.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>

#include "geo/pip_internal.h"
#include "sightline/geo/pip.h"
#include "sightline/geo/polyset.h"

#define STAR_N 20000
#define UNIT (1.0 / 1048576.0)

static double snap(double v) { return nearbyint(v / UNIT) * UNIT; }

typedef struct star {
    double x[STAR_N + 1], y[STAR_N + 1];
} star;

static void star_make(star *s)
{
    double pi = atan2(0, -1);
    for (int i = 0; i < STAR_N; i++) {
        double r = i % 2 ? 0.9 : 1.0, a = 2 * pi * i / STAR_N;
        s->x[i] = snap(r * cos(a));
        s->y[i] = snap(r * sin(a));
    }
    s->x[STAR_N] = s->x[0];
    s->y[STAR_N] = s->y[0];
}

/* Little-endian WKB polygon of one closed ring of N + 1 vertices. */
static sl_polyset *ring_polyset(const char *name, const double *x, const double *y, size_t n)
{
    size_t len = 1 + 4 + 4 + 4 + 16 * (n + 1);
    unsigned char *wkb = malloc(len), *p = wkb;
    uint32_t type = 3, rings = 1, points = (uint32_t)(n + 1);
    *p++ = 1;
    memcpy(p, &type, 4), p += 4;
    memcpy(p, &rings, 4), p += 4;
    memcpy(p, &points, 4), p += 4;
    for (size_t i = 0; i <= n; i++) {
        memcpy(p, &x[i], 8), p += 8;
        memcpy(p, &y[i], 8), p += 8;
    }
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, name, wkb, len, &err), SL_OK);
    free(wkb);
    return ps;
}

static sl_polyset *star_polyset(const star *s) { return ring_polyset("star", s->x, s->y, STAR_N); }

/* The reference: every edge of the closed ring X, Y (N edges), exact
** arithmetic on the lattice. */
static int32_t brute(const double *xs, const double *ys, size_t n, double x, double y)
{
    int inside = 0;
    for (size_t i = 0; i < n; i++) {
        double ax = xs[i], ay = ys[i], bx = xs[i + 1], by = ys[i + 1];
        if (ay == by)
            continue;
        if (ay > by) {
            double t = ax;
            ax = bx, bx = t, t = ay, ay = by, by = t;
        }
        if (y < ay || y >= by)
            continue;
        inside ^= (bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0;
    }
    return inside ? 0 : -1;
}

static double rnd(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

/* The points to check: random, on vertices, on edges, on horizontal lines
** through vertices, one lattice unit off vertices. */
static size_t test_points(const star *s, double *x, double *y, size_t max)
{
    unsigned long long seed = 12345;
    size_t n = 0;
    for (int i = 0; i < 6000 && n < max; i++, n++) {
        x[n] = snap(2.2 * rnd(&seed) - 1.1);
        y[n] = snap(2.2 * rnd(&seed) - 1.1);
    }
    for (int i = 0; i < STAR_N && n + 6 <= max; i += 7) {
        int j = i + 1;
        x[n] = s->x[i], y[n++] = s->y[i];
        x[n] = (s->x[i] + s->x[j]) / 2, y[n++] = (s->y[i] + s->y[j]) / 2;
        x[n] = snap(2.2 * rnd(&seed) - 1.1), y[n++] = s->y[i];
        x[n] = s->x[i] - UNIT, y[n++] = s->y[i];
        x[n] = s->x[i] + UNIT, y[n++] = s->y[i] - UNIT;
        x[n] = s->x[i], y[n++] = s->y[i] + UNIT;
    }
    return n;
}

static void check_index(const star *s, const sl_polyset *ps, int grid, size_t cells,
                        const double *x, const double *y, const int32_t *want, size_t n)
{
    sl_pip_options o = sl_pip_default_options();
    o.use_grid = grid;
    o.grid_cells = cells;
    sl_pip *ix;
    sl_error err;
    assert_int_equal(sl_pip_build(ps, &o, &ix, &err), SL_OK);
    if (grid)
        assert_true(ix->n_local_info > 0); /* the star's rows are long */
    int32_t *got = malloc(n * sizeof *got);
    assert_int_equal(sl_pip_join(ix, x, y, n, 2, got, &err), SL_OK);
    for (size_t i = 0; i < n; i++) {
        int32_t one = sl_pip_locate(ix, x[i], y[i]), tree = sl_pip_locate_tree(ix, x[i], y[i]);
        if (one != want[i] || got[i] != want[i] || tree != want[i])
            fail_msg("grid %d/%zu: (%.17g, %.17g): locate %d join %d tree %d, brute force %d",
                     grid, cells, x[i], y[i], one, got[i], tree, want[i]);
    }
    (void)s;
    free(got);
    sl_pip_free(ix);
}

static void test_star_matches_brute_force(void **state)
{
    (void)state;
    star *s = malloc(sizeof *s);
    star_make(s);
    sl_polyset *ps = star_polyset(s);
    size_t max = 6000 + 6 * (STAR_N / 7 + 1);
    double *x = malloc(max * sizeof *x), *y = malloc(max * sizeof *y);
    int32_t *want = malloc(max * sizeof *want);
    size_t n = test_points(s, x, y, max);
    size_t inside = 0;
    for (size_t i = 0; i < n; i++) {
        want[i] = brute(s->x, s->y, STAR_N, x[i], y[i]);
        inside += want[i] == 0;
    }
    assert_true(inside > n / 4 && inside < n); /* the points test both answers */
    check_index(s, ps, 1, 0, x, y, want, n);
    check_index(s, ps, 1, 1 << 20, x, y, want, n);
    check_index(s, ps, 0, 0, x, y, want, n);
    sl_polyset_free(ps);
    free(x);
    free(y);
    free(want);
    free(s);
}

/* ---- a leaning comb: points on break heights ----------------------------
** The star has almost no break heights (the two edges at a star vertex
** nearly always fall in the same cells), so it cannot tell "t <= y" from
** "t < y" in pip_local_contains. Here each tooth side zigzags: a vertical
** step, a long run to the left (4 units of x per unit of y, several cells
** per row), a vertical step, a run back to the right. Where a run leaves a
** vertical step, cells left of the step that the run crosses have the
** step's top or bottom as a break height, and the tooth tops and the spine
** between teeth are horizontal edges, whose ends are breaks too. Every
** tooth side has its kinks at its own heights (steps of 2^-14) so breaks of
** different teeth never cancel. Coordinates are multiples of 2^-14 in
** [-2, 2] and queries multiples of 2^-20, so brute() stays exact. */
#define COMB_TEETH 96 /* a horizontal line crosses 192 edges: > LOCAL_MIN_BAND */
#define COMB_STEPS 16
#define COMB_PITCH (1.0 / 32)
#define COMB_LEAN 0.25
#define COMB_DY (1.0 / 16384)
#define COMB_MAX (4 + COMB_TEETH * 2 * (COMB_STEPS + 1))

typedef struct comb {
    double x[COMB_MAX + 1], y[COMB_MAX + 1];
    size_t n; /* vertices; vertex n repeats vertex 0 */
} comb;

/* x offset of a tooth side's vertex I: steps up, runs left, steps up, runs
** back right, four times over. */
static double comb_side_x(int i) { return i % 4 >= 2 ? -COMB_LEAN : 0; }

/* Height of vertex I of a side whose kinks are raised by LIFT units. */
static double comb_side_y(int i, int lift, double top)
{
    if (i == 0)
        return 0;
    return i == COMB_STEPS ? top : (double)i / COMB_STEPS + lift * COMB_DY;
}

static void comb_push(comb *c, double x, double y)
{
    c->x[c->n] = x;
    c->y[c->n++] = y;
}

static void comb_make(comb *c)
{
    double x0 = -1.5, half = COMB_PITCH / 2;
    double xl = x0 - COMB_LEAN - 1.0 / 16, xr = x0 + COMB_TEETH * COMB_PITCH + 1.0 / 16;
    c->n = 0;
    comb_push(c, xl, -0.25);
    comb_push(c, xr, -0.25);
    comb_push(c, xr, 0);
    for (int k = COMB_TEETH - 1; k >= 0; k--) {
        double left = x0 + k * COMB_PITCH, top = 1 + 2 * k * COMB_DY;
        for (int i = 0; i <= COMB_STEPS; i++) /* up the right side */
            comb_push(c, left + half + comb_side_x(i), comb_side_y(i, 2 * k + 1, top));
        for (int i = COMB_STEPS; i >= 0; i--) /* across the top, down the left */
            comb_push(c, left + comb_side_x(i), comb_side_y(i, 2 * k, top));
    }
    comb_push(c, xl, 0);
    assert_int_equal(c->n, COMB_MAX);
    c->x[c->n] = c->x[0];
    c->y[c->n] = c->y[0];
}

/* At every vertex height (a break height for the cells left of it), one
** unit below and above: points reaching 3/8 to the left of the vertex, and
** the vertex itself and its lattice neighbours; then points along every
** horizontal edge, ends included. */
static size_t comb_points(const comb *c, double *x, double *y, size_t max)
{
    size_t n = 0;
    for (size_t v = 0; v < c->n && n + 40 <= max; v++) {
        double vx = c->x[v], vy = c->y[v];
        for (int j = 1; j <= 24; j++) {
            x[n] = vx - j / 64.0, y[n++] = vy;
            if (j % 3 == 0) {
                x[n] = vx - j / 64.0, y[n++] = vy - UNIT;
                x[n] = vx - j / 64.0, y[n++] = vy + UNIT;
            }
        }
        x[n] = vx, y[n++] = vy;
        x[n] = vx - UNIT, y[n++] = vy;
        x[n] = vx + UNIT, y[n++] = vy;
    }
    for (size_t v = 0; v < c->n; v++) {
        if (c->y[v] != c->y[v + 1])
            continue;
        for (int j = 0; j <= 8 && n < max; j++)
            x[n] = c->x[v] + (c->x[v + 1] - c->x[v]) * j / 8, y[n++] = c->y[v];
    }
    return n;
}

/* 0: (x, y) is not decided by a local record; 1: it is; 2: it is, and y is
** exactly one of the record's break heights. */
static int local_use(const sl_pip *ix, double x, double y)
{
    double fx = (x - ix->gx0) * ix->gsx, fy = (y - ix->gy0) * ix->gsy;
    if (!(fx >= 0 && fy >= 0 && fx < (double)ix->nx && fy < (double)ix->ny))
        return 0;
    int32_t v = ix->cells[(size_t)(uint32_t)fy * ix->nx + (uint32_t)fx];
    if (v > CELL_MIXED0)
        return 0;
    const uint32_t *rec = ix->mixed_rec + (CELL_MIXED0 - v);
    if (rec[0] != 1 || !(rec[3] & BAND_LOCAL))
        return 0;
    const uint32_t *info = ix->local_info + rec[2];
    for (uint32_t b = 0; b < info[3]; b++)
        if (ix->local_breaks[info[4] + b] == y)
            return 2;
    return 1;
}

static void check_comb(const sl_polyset *ps, size_t cells, const double *x, const double *y,
                       const int32_t *want, size_t n)
{
    sl_pip_options o = sl_pip_default_options();
    o.grid_cells = cells;
    sl_pip *ix;
    sl_error err;
    assert_int_equal(sl_pip_build(ps, &o, &ix, &err), SL_OK);
    assert_true(ix->has_grid && ix->n_local_info > 0 && ix->n_local_breaks > 0);
    int32_t *got = malloc(n * sizeof *got);
    assert_int_equal(sl_pip_join(ix, x, y, n, 2, got, &err), SL_OK);
    size_t local = 0, on_break = 0, on_break_inside = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t one = sl_pip_locate(ix, x[i], y[i]);
        if (one != want[i] || got[i] != want[i])
            fail_msg("comb, grid %zu: (%.17g, %.17g): locate %d join %d, brute force %d", cells,
                     x[i], y[i], one, got[i], want[i]);
        int use = local_use(ix, x[i], y[i]);
        local += use > 0;
        on_break += use == 2;
        on_break_inside += use == 2 && want[i] == 0;
    }
    print_message("comb, grid %zu (%ux%u): %zu points, %zu by local records, %zu on a break "
                  "height (%zu inside), %zu breaks\n",
                  cells, ix->nx, ix->ny, n, local, on_break, on_break_inside, ix->n_local_breaks);
    /* The records and their breaks are what is under test, and a point on
    ** a break is wrong under "t < y" whichever side of the boundary it is. */
    assert_true(local > n / 4);
    assert_true(on_break > 2000);
    assert_true(on_break_inside > on_break / 20 && on_break_inside < on_break - on_break / 20);
    free(got);
    sl_pip_free(ix);
}

static void test_comb_break_heights(void **state)
{
    (void)state;
    comb *c = malloc(sizeof *c);
    comb_make(c);
    sl_polyset *ps = ring_polyset("comb", c->x, c->y, c->n);
    size_t max = 40 * c->n + 9 * c->n;
    double *x = malloc(max * sizeof *x), *y = malloc(max * sizeof *y);
    int32_t *want = malloc(max * sizeof *want);
    size_t n = comb_points(c, x, y, max);
    for (size_t i = 0; i < n; i++)
        want[i] = brute(c->x, c->y, c->n, x[i], y[i]);
    check_comb(ps, 0, x, y, want, n);
    check_comb(ps, 1 << 16, x, y, want, n);
    sl_polyset_free(ps);
    free(x);
    free(y);
    free(want);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_matches_brute_force),
        cmocka_unit_test(test_comb_break_heights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
