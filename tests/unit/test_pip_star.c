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
#include "sightline/pip.h"
#include "sightline/polyset.h"

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

/* Little-endian WKB polygon of one ring. */
static sl_polyset *star_polyset(const star *s)
{
    size_t len = 1 + 4 + 4 + 4 + 16 * (STAR_N + 1);
    unsigned char *wkb = malloc(len), *p = wkb;
    uint32_t type = 3, rings = 1, points = STAR_N + 1;
    *p++ = 1;
    memcpy(p, &type, 4), p += 4;
    memcpy(p, &rings, 4), p += 4;
    memcpy(p, &points, 4), p += 4;
    for (int i = 0; i <= STAR_N; i++) {
        memcpy(p, &s->x[i], 8), p += 8;
        memcpy(p, &s->y[i], 8), p += 8;
    }
    sl_polyset *ps;
    sl_error err;
    assert_int_equal(sl_polyset_new(&ps, &err), SL_OK);
    assert_int_equal(sl_polyset_add_wkb(ps, "star", wkb, len, &err), SL_OK);
    free(wkb);
    return ps;
}

/* The reference: every edge, exact arithmetic on the 2^-20 lattice. */
static int32_t brute(const star *s, double x, double y)
{
    int inside = 0;
    for (int i = 0; i < STAR_N; i++) {
        double ax = s->x[i], ay = s->y[i], bx = s->x[i + 1], by = s->y[i + 1];
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
        want[i] = brute(s, x[i], y[i]);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_matches_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
