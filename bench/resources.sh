#!/usr/bin/env bash
# resources.sh — time and peak memory (GNU time -v) of the inputs that test
# whether sightline scales with its input rather than falling over:
#   1. a large points CSV (POINTS_GB, default 2) through `import posts`, and
#      one of a quarter of the size;
#   2. one polygon of VERTICES (default 1,000,000) vertices, imported and
#      joined with 1M points, and the same at a quarter of the size (a
#      circle, and a star: the engine's worst case);
#   3. a file of TINY (default 1,000,000) tiny squares, imported and joined,
#      and the same at a quarter of the size;
#   4. one self-intersecting ring of WINDING (default 200,000) jittered
#      vertices winding 7 times around a circle, imported (repaired), and the
#      same at a tenth of the size: the repair must stay near-linear.
#      Measured 2026-12-02 on a shared 2-core machine (GEOS 3.11.1): 20k
#      0.48 s / 63 MB, 200k 7.7 s / 160 MB (structure method alone: 2.3 s /
#      118 MB and 24 s / 754 MB). Not yet linear: GEOS's noder compares
#      every pair of edges whose boxes overlap, and these edges are long next
#      to their spacing (geo/ring_check.h).
# Inputs are generated under OUT (default bench/out/resources, git-ignored)
# and removed afterwards unless KEEP=1. CASES (default "points circle star
# tiny") picks the cases to run. Prints one TSV line per case:
#   case  size  seconds  peak_rss_mb
#   bench/resources.sh [BUILD_DIR]     (bench/run.sh calls it last)
set -eu
BUILD=${1:-build}
SL=$(cd "$BUILD" && pwd)/sightline
OUT=${OUT:-bench/out/resources}
POINTS_GB=${POINTS_GB:-2}
VERTICES=${VERTICES:-1000000}
TINY=${TINY:-1000000}
WINDING=${WINDING:-200000}
CASES=${CASES:-points circle star tiny winding}
want() { case " $CASES " in *" $1 "*) return 0;; esac; return 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$OUT"
printf 'case\tsize\tseconds\tpeak_rss_mb\n'

measure() { # measure CASE SIZE CMD...: run, print the TSV line
  local name=$1 size=$2; shift 2
  /usr/bin/time -v "$@" >"$OUT/last.out" 2>"$OUT/last.time" || { echo "FAILED: $*" >&2; tail "$OUT/last.out" "$OUT/last.time" >&2; exit 1; }
  local secs rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$OUT/last.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$OUT/last.time")
  printf '%s\t%s\t%s\t%s\n' "$name" "$size" "$secs" "$rss"
}

# 1. points: ~28.8 bytes a row (measured), so 2 GB is ~69M rows; a quarter
# of that first, so the two runs show whether time follows size.
if want points; then
for gb in "$(awk -v gb="$POINTS_GB" 'BEGIN { print gb / 4 }')" "$POINTS_GB"; do
rows=$(awk -v gb="$gb" 'BEGIN { printf "%d", gb * 1e9 / 28.8 }')
pts=$OUT/points.csv
awk -v n="$rows" 'BEGIN { srand(7); print "id,lat,lon"; for (i = 0; i < n; i++) printf "%d,%.6f,%.6f\n", i, 25 + 24 * rand(), -124 + 57 * rand() }' > "$pts"
rm -f "$OUT/p.db"
sync
measure import-points "$(du -m "$pts" | cut -f1)MB/${rows}rows" "$SL" import posts "$pts" -s "$OUT/p.db"
rm -f "$pts" "$OUT/p.db"
done
fi

# Points to join against the polygons: 1M inside the unit box around (0,0).
join_pts=$OUT/join-points.csv
awk 'BEGIN { srand(11); print "id,lat,lon"; for (i = 0; i < 1000000; i++) printf "%d,%.6f,%.6f\n", i, 2 * rand() - 1, 2 * rand() - 1 }' > "$join_pts"

# 2. one polygon with N vertices around (0,0): a circle (a horizontal line
# crosses 2 edges: the engine's easy case) and a star of alternating radii
# 1.0/0.9 (a line near the top crosses O(N) edges: the worst case for
# horizontal edge stripes), each at N/4 and N.
polygon() { # polygon SHAPE N FILE
  awk -v n="$2" -v star=$([ "$1" = star ] && echo 1 || echo 0) 'BEGIN { pi = atan2(0, -1);
    printf "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"p\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
    for (i = 0; i < n; i++) { r = (star && i % 2) ? 0.9 : 1.0; a = 2 * pi * i / n; printf "[%.9f,%.9f],", r * cos(a), r * sin(a) }
    printf "[1,0]]]}}]}\n" }' > "$3"
}
for shape in circle star; do
  want "$shape" || continue
  for n in $((VERTICES / 4)) "$VERTICES"; do
    f=$OUT/$shape-$n.geojson
    polygon "$shape" "$n" "$f"
    db=$OUT/poly-$n.db; rm -f "$db"
    "$SL" import posts "$join_pts" -s "$db" >/dev/null
    measure "import-$shape" "${n}vertices" "$SL" import areas "$f" --set p --id id -s "$db"
    measure "join-$shape" "${n}vertices+1Mpoints" "$SL" join --points posts --areas p -s "$db" --csv
    rm -f "$f" "$db"
  done
done

# 3. many tiny squares (side 1e-4 degrees, ~11 m) tiling [-1,1]^2 sparsely.
for n in $((TINY / 4)) "$TINY"; do
  want tiny || break
  f=$OUT/tiny-$n.geojson
  awk -v n="$n" 'BEGIN { side = int(sqrt(n)) + 1; step = 2 / side; printf "{\"type\":\"FeatureCollection\",\"features\":[\n";
    for (i = 0; i < n; i++) { x = -1 + (i % side) * step; y = -1 + int(i / side) * step; d = 0.0001;
      printf "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"%d\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}}\n", (i ? "," : ""), i, x, y, x + d, y, x + d, y + d, x, y + d, x, y }
    printf "]}\n" }' > "$f"
  db=$OUT/tiny-$n.db; rm -f "$db"
  "$SL" import posts "$join_pts" -s "$db" >/dev/null
  measure import-tiny "${n}polygons" "$SL" import areas "$f" --set tiny --id id -s "$db"
  measure join-tiny "${n}polygons+1Mpoints" "$SL" join --points posts --areas tiny -s "$db" --csv
  rm -f "$f" "$db"
done
# 4. a ring winding 7 times with a 5% radial jitter: it crosses itself
# O(N) times, and the import repairs it (one way round: the union of its
# fans; see sl_polygon_make_valid).
for n in $((WINDING / 10)) "$WINDING"; do
  want winding || break
  f=$OUT/winding-$n.geojson
  awk -v n="$n" 'BEGIN { srand(5); pi = atan2(0, -1);
    printf "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"w\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
    for (i = 0; i < n; i++) { a = 2 * pi * 7 * i / n; r = 0.01 * (1 + 0.05 * rand()); x = -87.65 + r * cos(a); y = 41.88 + r * sin(a);
      if (i == 0) { x0 = x; y0 = y } printf "[%.9f,%.9f],", x, y }
    printf "[%.9f,%.9f]]]}}]}\n", x0, y0 }' > "$f"
  db=$OUT/winding-$n.db; rm -f "$db"
  measure import-winding "${n}vertices" "$SL" import areas "$f" --set w --id id -s "$db"
  rm -f "$f" "$db"
done
rm -f "$join_pts" "$OUT/last.out" "$OUT/last.time"
[ "${KEEP:-0}" = 1 ] || rmdir "$OUT" 2>/dev/null || true
