/*
** ring_check.h — proving a polygon valid in linear time when it is
** star-shaped, before asking GEOS.
**
** GEOS's validity test nodes the ring's edges with monotone chains; when
** every edge is long next to the spacing of the vertices (a star of 1M
** vertices with alternating radii) nearly every chain's box overlaps
** thousands of others and the test is quadratic: 10 minutes for that star.
** A ring whose vertices turn strictly one way around a point, once, is
** simple: each edge lies in its own angular sector, and sectors of
** non-adjacent edges meet only at that point, which no edge touches. That is
** an O(n) test with exact orientation predicates, and it holds for every
** convex ring without repeated points (tiny squares, circles) and many real
** ones; a ring it cannot
** prove simple goes to GEOS as before.
*/
#ifndef SIGHTLINE_GEO_RING_CHECK_H
#define SIGHTLINE_GEO_RING_CHECK_H

#include <stddef.h>

/* 1 when the closed ring X[i], Y[i] (i < N, the last point equal to the
** first) is proven simple: every vertex turns strictly the same way around
** the mean of its vertices and the ring winds around it exactly once. 0 when
** not proven (which says nothing about validity). */
int sl_ring_star_simple(const double *x, const double *y, size_t n);

/* 1 when the OGR geometry G is a polygon (or a multipolygon of one polygon)
** with one ring that sl_ring_star_simple proves simple: then it is valid and
** OGR_G_IsValid need not run. 0 otherwise. */
int sl_polygon_surely_valid(void *g);

/* An owned valid version of the invalid OGR geometry G, or NULL. GEOS's
** structure method (GEOS >= 3.10): rings are fixed one by one (each by a
** zero-width buffer of both orientations, unioned), then shells unioned and
** holes subtracted, so a ring winding around many times becomes the area it
** covers. (The default linework method nodes every edge against every other
** and polygonizes the result: 97 s for a 20k-vertex ring winding 7 times.)
** A one-ring polygon turning strictly one way around its vertex mean c, more
** than once, has no inverted lobe: the structure method's answer is the
** union of its triangles c, v[i], v[i+1]. That union is computed as a few
** fans of less than a turn each, moved to c = (0, 0) so that GEOS's overlay
** works on small numbers and need not snap, unioned, and moved back; 200k
** vertices winding 7 times take 6.5 s and 160 MB instead of 30 s and 700 MB.
** The result is kept when proven star-shaped about c (linear) or GEOS calls
** it valid (moving back rounds); otherwise the structure method decides.
** GEOS's noding stays the superlinear part: its bounding-box search is
** quadratic when edges are long next to their spacing, as they are here.
** Falls back to the linework method when the structure method fails or
** leaves nothing (a ring of zero area). */
void *sl_polygon_make_valid(void *g);

/* The one polygon cleaner every reader of polygons (area files, zone
** polygons, request polygons) goes through, so a shape is valid, or
** repaired, the same way whichever layer it arrives in. Returns 0 when the
** OGR geometry G is valid (proven by sl_polygon_surely_valid in linear time,
** else by OGR_G_IsValid): *FIXED is NULL and G is kept. Returns 1 when G is
** invalid: *FIXED is an owned repaired geometry (sl_polygon_make_valid), or
** NULL when it could not be repaired. */
int sl_polygon_clean(void *g, void **fixed);

#endif
