/*
** clip_circle.c — the ground area of an area of a polyset inside a request
** circle, in one pass over each ring (overlap_internal.h).
**
** Sutherland-Hodgman (clip_convex.c) clips a ring against the circle's 64
** edges one at a time: over a city's tracts, where a circle of a kilometre
** crosses about ten tracts, that was ten passes of some fifty vertices per
** tract, and most of a request's split. Here each ring is walked once. The
** area of ring ∩ circle is a boundary sum (local_area.c: sl_local_edge
** changes sign with direction, so pieces add): the parts of the ring's
** edges inside the circle, plus the arcs of the circle inside the ring.
** Walking a counter-clockwise ring, each arc runs counter-clockwise along
** the circle from a point where the ring leaves it to the next point where
** a ring crosses it; a clockwise ring is the same walked backwards. The
** arcs' whole edges come from prefix sums over the circle's edges.
**
** Most vertices are decided by two discs about the centre, one inside the
** circle and one holding it; only those between them are tested against
** the one edge of their sector, found by a pseudo-angle. An edge's
** crossings are searched only in the sectors where it runs between the two
** discs. A ring is read in runs of SL_CLIP_CHUNK edges (sl_clip_rings,
** built once per polygon set): a run whose box lies beyond the outer disc
** is passed over, and one inside the inner disc adds its sum from moments
** kept with it (run_moments), so a long ring costs what crosses the
** circle's rim. Every ring's crossings are checked to alternate in and out
** as the ring's vertices say; where rounding breaks that, the ring is
** clipped by Sutherland-Hodgman instead, so a degenerate case costs time,
** never a wrong area (rings through the circle's vertices or along its
** edges need no such help: test_clip_circle.c).
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "geo/overlap_internal.h"

/* A pseudo-angle of (u, v): increasing counter-clockwise from 0 on the +u
** axis to 4, monotonic in the true angle; no trigonometry. */
static double pseudo_angle(double u, double v)
{
    double t = v / (fabs(u) + fabs(v));
    return u >= 0 ? (t < 0 ? 4 + t : t) : 2 - t;
}

static double cross(double au, double av, double bu, double bv)
{
    return au * bv - av * bu;
}

int sl_clip_circle_init(sl_clip_circle *c, const double *cx, const double *cy, size_t n, int orientation, double ox,
                        double oy, double kx, double ky, const sl_local_area *l)
{
    if (n < 3 || n > SL_CLIP_CIRCLE_MAX || !orientation || !(kx > 0) || !(ky > 0))
        return -1;
    c->n = n, c->ox = ox, c->oy = oy, c->kx = kx, c->ky = ky, c->l = l;
    for (size_t k = 0; k < n; k++) {
        size_t from = orientation > 0 ? k : n - 1 - k; /* counter-clockwise */
        c->x[k] = cx[from], c->y[k] = cy[from];
        c->u[k] = cx[from] - ox, c->v[k] = cy[from] - oy;
    }
    c->x[n] = c->x[0], c->y[n] = c->y[0], c->u[n] = c->u[0], c->v[n] = c->v[0];
    double rin2 = INFINITY, rout2 = 0;
    c->a0 = pseudo_angle(c->u[0], c->v[0]);
    c->edge_sum[0] = 0;
    for (size_t k = 0; k < n; k++) {
        double su = c->u[k] * kx, sv = c->v[k] * ky, tu = c->u[k + 1] * kx, tv = c->v[k + 1] * ky;
        size_t k2 = k + 2 <= n ? k + 2 : 1;
        double wu = c->u[k2] * kx, wv = c->v[k2] * ky;
        double e2 = (tu - su) * (tu - su) + (tv - sv) * (tv - sv), h = cross(su, sv, tu, tv);
        /* the centre strictly left of every edge, and every turn left:
        ** strictly convex, counter-clockwise, around the centre */
        if (!(h > 0) || !(e2 > 0) || !(cross(tu - su, tv - sv, wu - tu, wv - tv) > 0))
            return -1;
        rin2 = fmin(rin2, h * h / e2);
        rout2 = fmax(rout2, su * su + sv * sv);
        double a = pseudo_angle(c->u[k], c->v[k]) - c->a0;
        c->angle[k] = k == 0 ? 0 : a < 0 ? a + 4 : a;
        if (k > 0 && !(c->angle[k] > c->angle[k - 1]))
            return -1;
        c->edge_sum[k + 1] = c->edge_sum[k] + sl_local_edge(l, c->x[k], c->y[k], c->x[k + 1], c->y[k + 1]);
    }
    for (size_t b = 0, k = 0; b < SL_CLIP_BUCKETS; b++) {
        double start = (double)b / (SL_CLIP_BUCKETS / 4);
        while (k + 1 < n && c->angle[k + 1] <= start)
            k++;
        c->bucket[b] = (unsigned char)k;
    }
    /* Margins far above the rounding of the squares (a relative 1e-16). */
    c->rin2 = rin2 * (1 - 1e-9), c->rout2 = rout2 * (1 + 1e-9);
    double rout = sqrt(c->rout2);
    c->box[0] = ox - rout / kx, c->box[1] = oy - rout / ky, c->box[2] = ox + rout / kx, c->box[3] = oy + rout / ky;
    return 0;
}

int sl_clip_circle_holds_box(const sl_clip_circle *c, const double box[4])
{
    for (int corner = 0; corner < 4; corner++) {
        double su = (box[corner & 1 ? 2 : 0] - c->ox) * c->kx, sv = (box[corner & 2 ? 3 : 1] - c->oy) * c->ky;
        if (!(su * su + sv * sv < c->rin2))
            return 0;
    }
    return 1;
}

/* The sum of sl_local_edge over a run's edges depends on the request only
** through phi0 and the area element's and lens's coefficients about it,
** all polynomial: each edge's terms are polynomials in its latitudes
** relative to phi0, d = e + D with e relative to the run's own latitude
** (its first vertex's) and D that latitude less phi0. Expanded in D, the
** run's sum needs eight sums over its edges, kept with the run: M_j, the
** Simpson sums dl (e1^j + 4 em^j + e2^j) / 6 (j = 0..3), and for the lens
** dl^3, em dl^3, dp^2 dl, em dp^2 dl. Relative to the run, e stays small
** and nothing cancels. A run wholly inside a circle then costs a dozen
** products, not sixteen edges. */
static void run_moments(const double *x, const double *y, size_t lo, size_t hi, double *m)
{
    const double r = 0.017453292519943295; /* pi / 180 */
    double phi_c = y[lo] * r;
    for (int j = 0; j < SL_CLIP_MOMENTS; j++)
        m[j] = 0;
    for (size_t i = lo; i < hi; i++) {
        double dl = (x[i + 1] - x[i]) * r;
        if (dl == 0)
            continue; /* as sl_local_edge: a meridian adds nothing */
        double e1 = y[i] * r - phi_c, e2 = y[i + 1] * r - phi_c, em = (e1 + e2) / 2, dp = (y[i + 1] - y[i]) * r;
        m[0] += dl;
        m[1] += dl / 6 * (e1 + 4 * em + e2);
        m[2] += dl / 6 * (e1 * e1 + 4 * em * em + e2 * e2);
        m[3] += dl / 6 * (e1 * e1 * e1 + 4 * em * em * em + e2 * e2 * e2);
        m[4] += dl * dl * dl, m[5] += em * dl * dl * dl;
        m[6] += dp * dp * dl, m[7] += em * dp * dp * dl;
    }
    m[8] = phi_c;
}

/* The sum of sl_local_edge by L over a run of moments M (run_moments). */
static double run_sum(const sl_local_area *l, const double *m)
{
    double d = m[8] - l->phi0;
    double a1 = m[1] + d * m[0], a2 = m[2] + d * (2 * m[1] + d * m[0]);
    double a3 = m[3] + d * (3 * m[2] + d * (3 * m[1] + d * m[0]));
    double band = -(l->w0 * a1 + l->half_w1 * a2 + l->sixth_w2 * a3);
    double lens = l->lens_a0 * m[4] + l->lens_a1 * (m[5] + d * m[4]);
    lens += l->lens_b0 * m[6];
    lens += l->lens_b1 * (m[7] + d * m[6]);
    return band - lens;
}

void sl_clip_rings_free(sl_clip_rings *cr)
{
    free(cr->first);
    free(cr->box);
    free(cr->moment);
    free(cr->ccw);
    *cr = (sl_clip_rings){0};
}

int sl_clip_rings_build(sl_clip_rings *cr, const sl_polyset *ps)
{
    *cr = (sl_clip_rings){0};
    size_t chunks = 0;
    cr->first = malloc((ps->n_rings + 1) * sizeof *cr->first);
    cr->ccw = malloc(ps->n_rings + 1);
    for (size_t r = 0; cr->first && r < ps->n_rings; r++) {
        size_t edges = ps->ring_vert[r + 1] - ps->ring_vert[r];
        edges = edges ? edges - 1 : 0;
        cr->first[r] = (uint32_t)chunks;
        chunks += (edges + SL_CLIP_CHUNK - 1) / SL_CLIP_CHUNK;
    }
    cr->box = malloc((chunks ? chunks : 1) * 4 * sizeof *cr->box);
    cr->moment = malloc((chunks ? chunks : 1) * SL_CLIP_MOMENTS * sizeof *cr->moment);
    if (!cr->first || !cr->ccw || !cr->box || !cr->moment) {
        sl_clip_rings_free(cr);
        return -1;
    }
    cr->first[ps->n_rings] = (uint32_t)chunks;
    for (size_t r = 0; r < ps->n_rings; r++) {
        size_t v0 = ps->ring_vert[r], v1 = ps->ring_vert[r + 1];
        const double *x = ps->x, *y = ps->y;
        double twice = 0;
        for (size_t i = v0; i + 1 < v1; i++)
            twice += (x[i] - x[v0]) * (y[i + 1] - y[v0]) - (y[i] - y[v0]) * (x[i + 1] - x[v0]);
        cr->ccw[r] = twice > 0;
        for (size_t j = cr->first[r]; j < cr->first[r + 1]; j++) {
            size_t lo = v0 + (j - cr->first[r]) * SL_CLIP_CHUNK, hi = lo + SL_CLIP_CHUNK;
            if (hi > v1 - 1)
                hi = v1 - 1;
            double *b = cr->box + 4 * j;
            b[0] = b[2] = x[lo], b[1] = b[3] = y[lo];
            for (size_t i = lo + 1; i <= hi; i++) {
                b[0] = fmin(b[0], x[i]), b[2] = fmax(b[2], x[i]);
                b[1] = fmin(b[1], y[i]), b[3] = fmax(b[3], y[i]);
            }
            run_moments(x, y, lo, hi, cr->moment + SL_CLIP_MOMENTS * j);
        }
    }
    return 0;
}

/* The edge k whose sector holds (u, v), not the centre: the vertex
** pseudo-angles rise from angle[0] = 0, so the last one at or below. The
** bucket of the pseudo-angle gives the last one at or below the bucket's
** start, a step or two short (a binary search was a tenth of the clip). */
static size_t sector(const sl_clip_circle *c, double u, double v)
{
    double a = pseudo_angle(u, v) - c->a0;
    if (a < 0)
        a += 4;
    int b = (int)(a * (SL_CLIP_BUCKETS / 4));
    size_t k = c->bucket[b < SL_CLIP_BUCKETS ? b : SL_CLIP_BUCKETS - 1];
    while (k + 1 < c->n && c->angle[k + 1] <= a)
        k++;
    return k;
}

/* 1 when (u, v), relative to the centre, is inside the circle or on it. */
static int inside(const sl_clip_circle *c, double u, double v)
{
    double su = u * c->kx, sv = v * c->ky, d2 = su * su + sv * sv;
    if (d2 < c->rin2)
        return 1;
    if (d2 > c->rout2)
        return 0;
    size_t k = sector(c, u, v);
    return cross(c->u[k + 1] - c->u[k], c->v[k + 1] - c->v[k], u - c->u[k], v - c->v[k]) >= 0;
}

/* Where a ring's edge crosses the circle: T along the edge, on the
** circle's edge K at S in [0, 1), entering or leaving it. */
typedef struct crossing {
    double t, s, x, y;
    uint32_t k;
    int entry;
} crossing;

enum { EDGE_CROSSINGS = 4 };

/* Test the ring's edge P + t D (relative to the centre) against the
** circle's edge K; one crossing into OUT[*M]. */
static void against_edge(const sl_clip_circle *c, size_t k, double pu, double pv, double du, double dv, crossing *out,
                         int *m)
{
    double eu = c->u[k + 1] - c->u[k], ev = c->v[k + 1] - c->v[k], denom = cross(du, dv, eu, ev);
    if (denom == 0)
        return;
    double wu = c->u[k] - pu, wv = c->v[k] - pv;
    double t = cross(wu, wv, eu, ev) / denom, s = cross(wu, wv, du, dv) / denom;
    if (!(t >= 0 && t <= 1 && s >= 0 && s < 1))
        return;
    if (*m < EDGE_CROSSINGS)
        out[*m] = (crossing){.t = t, .s = s, .k = (uint32_t)k, .entry = denom < 0};
    ++*m;
}

/* The crossings of the ring's edge P -> P + D with the circle, in
** OUT, unsorted; their count (more than EDGE_CROSSINGS: rounding gone
** wrong). They lie where the edge runs between the inner and outer discs:
** at most two spans of it, each within a few sectors. */
static int edge_crossings(const sl_clip_circle *c, double pu, double pv, double du, double dv, crossing *out)
{
    double Pu = pu * c->kx, Pv = pv * c->ky, Du = du * c->kx, Dv = dv * c->ky;
    double a = Du * Du + Dv * Dv, b = Pu * Du + Pv * Dv, p2 = Pu * Pu + Pv * Pv;
    /* Nearest the centre at an end, both ends beyond the outer disc: the
    ** edge misses it (no root needed). */
    if ((b >= 0 || b <= -a) && p2 > c->rout2 && p2 + 2 * b + a > c->rout2)
        return 0;
    double disc = b * b - a * (p2 - c->rout2);
    if (!(a > 0) || !(disc > 0))
        return 0;
    double root = sqrt(disc), t0 = (-b - root) / a, t1 = (-b + root) / a;
    if (t0 > 1 || t1 < 0)
        return 0;
    t0 = fmax(t0, 0), t1 = fmin(t1, 1);
    double span[2][2];
    int spans = 0;
    double inner = b * b - a * (p2 - c->rin2);
    if (inner > 0) {
        double r = sqrt(inner), i0 = (-b - r) / a, i1 = (-b + r) / a;
        if (i0 > t0)
            span[spans][0] = t0, span[spans++][1] = fmin(i0, t1);
        if (i1 < t1)
            span[spans][0] = fmax(i1, t0), span[spans++][1] = t1;
    } else {
        span[0][0] = t0, span[0][1] = t1, spans = 1;
    }
    uint64_t tested = 0;
    int m = 0;
    size_t n = c->n;
    for (int sp = 0; sp < spans; sp++) {
        size_t ka = sector(c, pu + span[sp][0] * du, pv + span[sp][0] * dv);
        size_t kb = sector(c, pu + span[sp][1] * du, pv + span[sp][1] * dv);
        size_t ahead = (kb + n - ka) % n, from = ka, len = ahead;
        if (ahead > n / 2)
            from = kb, len = n - ahead;
        /* one sector either side: rounding at a span's end */
        for (size_t j = 0; j < len + 3; j++) {
            size_t k = (from + n - 1 + j) % n;
            if (tested >> k & 1)
                continue;
            tested |= (uint64_t)1 << k;
            against_edge(c, k, pu, pv, du, dv, out, &m);
        }
    }
    return m;
}

/* The crossing of an edge P -> P + D that leaves the circle (LEAVES) or
** enters it: the edge's one crossing lies between the inner and outer
** discs, next to where it crosses the outer disc's rim, so the search
** starts in that point's sector and widens both ways. */
static int one_crossing(const sl_clip_circle *c, double pu, double pv, double du, double dv, int leaves,
                        crossing *out)
{
    double Pu = pu * c->kx, Pv = pv * c->ky, Du = du * c->kx, Dv = dv * c->ky;
    double a = Du * Du + Dv * Dv, b = Pu * Du + Pv * Dv, p2 = Pu * Pu + Pv * Pv;
    double disc = b * b - a * (p2 - c->rout2);
    if (!(a > 0) || !(disc > 0))
        return edge_crossings(c, pu, pv, du, dv, out);
    double t = (-b + (leaves ? sqrt(disc) : -sqrt(disc))) / a;
    t = fmin(fmax(t, 0), 1);
    size_t n = c->n, k0 = sector(c, pu + t * du, pv + t * dv);
    int m = 0;
    for (size_t j = 0; m == 0 && j < n; j++) {
        size_t step = (j + 1) / 2, k = j % 2 ? (k0 + n - step) % n : (k0 + step) % n;
        against_edge(c, k, pu, pv, du, dv, out, &m);
    }
    return m;
}

static int grow(sl_clip_buf *b, size_t n)
{
    if (n <= b->cross_cap)
        return 0;
    size_t cap = b->cross_cap ? b->cross_cap * 2 : 64;
    while (cap < n)
        cap *= 2;
    void *grown = realloc(b->cross, cap * sizeof(crossing));
    if (!grown)
        return -1;
    b->cross = grown;
    b->cross_cap = cap;
    return 0;
}

/* The boundary sum along the circle, counter-clockwise from crossing A to
** crossing B: to the end of A's edge, the whole edges between, B's edge
** to B. */
static double arc(const sl_clip_circle *c, const crossing *a, const crossing *b)
{
    size_t i = a->k, j = b->k, i1 = i + 1;
    if (i == j && b->s >= a->s)
        return sl_local_edge(c->l, a->x, a->y, b->x, b->y);
    double sum = sl_local_edge(c->l, a->x, a->y, c->x[i1], c->y[i1]);
    sum += j >= i1 ? c->edge_sum[j] - c->edge_sum[i1] : c->edge_sum[c->n] - c->edge_sum[i1] + c->edge_sum[j];
    return sum + sl_local_edge(c->l, c->x[j], c->y[j], b->x, b->y);
}

static int before(const crossing *a, const crossing *b)
{
    return a->k < b->k || (a->k == b->k && a->s < b->s);
}

/* 1 when no edge of a run of BOX comes near the circle: the box, so its
** vertices and edges, lies beyond the outer disc. */
static int chunk_far(const sl_clip_circle *c, const double *box)
{
    double du = box[0] > c->ox ? box[0] - c->ox : box[2] < c->ox ? c->ox - box[2] : 0;
    double dv = box[1] > c->oy ? box[1] - c->oy : box[3] < c->oy ? c->oy - box[3] : 0;
    du *= c->kx, dv *= c->ky;
    return du * du + dv * dv > c->rout2;
}

/* 1 when the centre is inside ring R (X, Y: E + 1 vertices, closed), by
** the parity of its edges crossing the ray from the centre towards +u;
** asked only of a ring wholly outside the circle, which holds the circle
** or misses it. Runs whose box misses the ray cross it nowhere. */
static int holds_centre(const sl_clip_circle *c, const sl_clip_rings *cr, size_t r, const double *x, const double *y,
                        size_t edges)
{
    int ray = 0;
    const double *chunk = cr->box + 4 * (size_t)cr->first[r];
    for (size_t lo = 0; lo < edges; lo += SL_CLIP_CHUNK, chunk += 4) {
        if (chunk[2] <= c->ox || chunk[1] > c->oy || chunk[3] <= c->oy)
            continue;
        size_t hi = lo + SL_CLIP_CHUNK < edges ? lo + SL_CLIP_CHUNK : edges;
        for (size_t i = lo + 1; i <= hi; i++) {
            double pu = x[i - 1] - c->ox, pv = y[i - 1] - c->oy, qu = x[i] - c->ox, qv = y[i] - c->oy;
            if ((pv > 0) != (qv > 0) && pu + (0 - pv) * (qu - pu) / (qv - pv) > 0)
                ray ^= 1;
        }
    }
    return ray;
}

/* Insertion sort of a handful of crossings: along the ring's edge (by t),
** or along the circle (by edge, then s). */
static void sort_crossings(crossing *e, size_t m, int along_circle)
{
    for (size_t s = 1; s < m; s++)
        for (size_t t = s; t > 0 && (along_circle ? before(&e[t], &e[t - 1]) : e[t].t < e[t - 1].t); t--) {
            crossing tmp = e[t];
            e[t] = e[t - 1], e[t - 1] = tmp;
        }
}

/* What a ring's walk has gathered: its pieces' sum inside the circle, how
** many vertices were inside, how many crossings are in the buffer. */
typedef struct walk {
    double along;
    size_t nin, m;
} walk;

/* Ring edge H -> I of (X, Y), relative to the centre P -> Q, inside the
** circle at neither end or at one: its pieces inside into W->along, its
** crossings into B. 0; -1 when they do not alternate with PIN and QIN;
** -2 when out of memory. */
static int cross_edge(const sl_clip_circle *c, const double *x, const double *y, size_t h, size_t i, double pu,
                      double pv, double qu, double qv, int pin, int qin, walk *w, sl_clip_buf *b)
{
    if (!pin && !qin && (x[h] < c->box[0] ? x[i] < c->box[0] : x[h] > c->box[2] && x[i] > c->box[2]))
        return 0; /* both west or both east of the outer disc */
    if (!pin && !qin && (y[h] < c->box[1] ? y[i] < c->box[1] : y[h] > c->box[3] && y[i] > c->box[3]))
        return 0; /* both south or both north of it */
    crossing e[EDGE_CROSSINGS];
    int k = pin != qin ? one_crossing(c, pu, pv, qu - pu, qv - pv, pin, e)
                       : edge_crossings(c, pu, pv, qu - pu, qv - pv, e);
    if (k > EDGE_CROSSINGS)
        return -1;
    sort_crossings(e, (size_t)k, 0);
    if (grow(b, w->m + (size_t)k))
        return -2;
    double fx = x[h], fy = y[h]; /* where the current piece inside began */
    int now = pin;
    for (int s = 0; s < k; s++) {
        if (e[s].entry == now)
            return -1; /* entering while inside, or leaving while out */
        e[s].x = x[h] + e[s].t * (x[i] - x[h]), e[s].y = y[h] + e[s].t * (y[i] - y[h]);
        if (now)
            w->along += sl_local_edge(c->l, fx, fy, e[s].x, e[s].y);
        fx = e[s].x, fy = e[s].y, now = e[s].entry;
        ((crossing *)b->cross)[w->m++] = e[s];
    }
    if (now != qin)
        return -1;
    if (qin)
        w->along += sl_local_edge(c->l, fx, fy, x[i], y[i]);
    return 0;
}

/* The area inside the circle of ring R (X, Y, EDGES) from its walk W: with
** no crossing, the ring is wholly inside, or wholly outside and holds the
** circle or misses it; else its pieces and the arcs from where it leaves
** (a clockwise ring walked backwards: its pieces change sign, and its
** entries are where that walk leaves the circle). -1 when the crossings
** do not alternate along the circle. */
static double close_walk(const sl_clip_circle *c, const sl_clip_rings *cr, size_t r, const double *x, const double *y,
                         size_t edges, const walk *w, crossing *e)
{
    if (w->m == 0) {
        if (w->nin == edges)
            return fabs(w->along);
        if (w->nin == 0)
            return holds_centre(c, cr, r, x, y, edges) ? fabs(c->edge_sum[c->n]) : 0;
        return -1;
    }
    sort_crossings(e, w->m, 1);
    int ccw = cr->ccw[r], starts = !ccw;
    double sum = ccw ? w->along : -w->along;
    for (size_t s = 0; s < w->m; s++) {
        if (e[s].entry != starts)
            continue;
        const crossing *next = &e[(s + 1) % w->m];
        if (next->entry == starts)
            return -1;
        sum += arc(c, &e[s], next);
    }
    return fabs(sum);
}

/* The area of ring R (X, Y: its E + 1 vertices, stored closed) inside the
** circle, by the walk above, run by run; -1 when its crossings do not
** alternate (the caller falls back), -2 when out of memory. */
static double ring_area(const sl_clip_circle *c, const sl_clip_rings *cr, size_t r, const double *x, const double *y,
                        size_t edges, sl_clip_buf *b)
{
    walk w = {0, 0, 0};
    double pu = x[0] - c->ox, pv = y[0] - c->oy;
    int pin = inside(c, pu, pv);
    const double *chunk = cr->box + 4 * (size_t)cr->first[r];
    for (size_t lo = 0; lo < edges; lo += SL_CLIP_CHUNK, chunk += 4) {
        size_t hi = lo + SL_CLIP_CHUNK < edges ? lo + SL_CLIP_CHUNK : edges;
        if (chunk_far(c, chunk)) { /* its vertices all outside */
            pu = x[hi] - c->ox, pv = y[hi] - c->oy, pin = 0;
            continue;
        }
        if (sl_clip_circle_holds_box(c, chunk)) { /* all inside */
            w.along += run_sum(c->l, cr->moment + SL_CLIP_MOMENTS * (size_t)(cr->first[r] + lo / SL_CLIP_CHUNK));
            w.nin += hi - lo;
            pu = x[hi] - c->ox, pv = y[hi] - c->oy, pin = 1;
            continue;
        }
        for (size_t i = lo + 1; i <= hi; i++) {
            double qu = x[i] - c->ox, qv = y[i] - c->oy;
            int qin = inside(c, qu, qv), rc;
            w.nin += (size_t)qin;
            if (pin && qin)
                w.along += sl_local_edge(c->l, x[i - 1], y[i - 1], x[i], y[i]);
            else if ((rc = cross_edge(c, x, y, i - 1, i, pu, pv, qu, qv, pin, qin, &w, b)))
                return rc;
            pu = qu, pv = qv, pin = qin;
        }
    }
    return close_walk(c, cr, r, x, y, edges, &w, b->cross);
}

double sl_clip_circle_area(const sl_clip_circle *c, const sl_clip_rings *cr, const sl_polyset *ps, uint32_t a,
                           sl_clip_buf *b)
{
    double area = 0;
    for (size_t r = ps->area_ring[a]; r < ps->area_ring[a + 1]; r++) {
        size_t v0 = ps->ring_vert[r], n = ps->ring_vert[r + 1] - v0;
        if (n < 4)
            continue;
        double part = b->fall_back ? -1 : ring_area(c, cr, r, ps->x + v0, ps->y + v0, n - 1, b);
        if (part == -2)
            return NAN;
        if (part < 0) {
            b->fallbacks++;
            part = sl_clip_convex_ring(ps->x + v0, ps->y + v0, n - 1, NULL, c->x, c->y, c->n, 1, c->l, b);
            if (isnan(part))
                return part;
        }
        area += ps->ring_outer[r] ? part : -part;
    }
    return fmax(area, 0);
}
