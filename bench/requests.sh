#!/usr/bin/env bash
# bench/requests.sh — the request-split benchmark (issue 18, goal 2), run by
# bench/run.sh (`make bench`) after the join; alone: bench/requests.sh BUILD.
#
# N circles (radius 200-1,600 m) centred uniformly over the land of the
# lower 48 (drawn in its box, kept when in a county), split over the 3,231
# us-atlas counties by sightline's splitter (every core), and the first
# OLD_N of them by the splitter it replaced (a test-and-bench copy,
# tests/unit/overlap_reference.c) in the same process; then the same over
# NYC census tracts, where circles cover many tracts and nearly all must be
# clipped. Prints the Markdown section bench/run.sh appends to RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${1:-${BUILD:-$root/build}}
DATA=${SL_SHARED_DATA:-$root/../shared/data}
N=${SL_BENCH_REQUESTS:-1000000}
OLD_N=${SL_BENCH_OLD_REQUESTS:-5000}
TRACT_N=${SL_BENCH_TRACT_REQUESTS:-1000000}
TRACT_OLD_N=${SL_BENCH_TRACT_OLD_REQUESTS:-500}
out=$here/out
mkdir -p "$out"
cmake --build "$BUILD" --target bench_requests -j 2 >/dev/null
counties=$here/node/node_modules/us-atlas/counties-10m.json
[ -f "$counties" ] || counties=$root/node_modules/us-atlas/counties-10m.json
[ -f "$counties" ] || npm install --silent --no-audit --no-fund --prefix "$here/node" us-atlas@3.0.1 >&2
[ -f "$counties" ] || counties=$here/node/node_modules/us-atlas/counties-10m.json
tracts=$DATA/census/nyc-tracts-acs2008-12.shp

field() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
rows=()
run() { # name polygons layer n old_n box
  local log=$out/requests-$1.txt
  echo "bench: requests over $1 ..." >&2
  sync
  if ! "$BUILD/bench/bench_requests" "$2" "$3" "$4" "$5" 1 "$6" >"$log"; then
    echo "bench: requests over $1 FAILED or weights differ (see $log)" >&2
    return 1
  fi
  rows+=("$1|$(field areas "$log")|$4|$(field new_s "$log")|$(field new_cpu_s "$log")|$(field new_per_s "$log")|$5|$(field old_s "$log")|$(field old_cpu_s "$log")|$(field old_per_s "$log")|$(field split "$log")|$(field max_diff "$log")")
}
status=0
load=$(cut -d' ' -f1-3 /proc/loadavg)
run counties "$counties" counties "$N" "$OLD_N" -124.7,24.5,-66.9,49.4 || status=1
if [ -f "$tracts" ]; then
  run nyc-tracts "$tracts" - "$TRACT_N" "$TRACT_OLD_N" -74.26,40.49,-73.70,40.92 || status=1
fi

echo
echo "## Request split (bench/requests.sh), run of $(date -u +%Y-%m-%d)"
echo
echo "\`sl_request_weights\` (src/geo/overlap.c): police requests for footage as circles of radius 200-1,600 m, centres uniform over the layer's land (lower 48 for counties), split over the areas by ground area on $(nproc) cores; *before* is the splitter it replaced (linear scan, OGR per area; \`tests/unit/overlap_reference.c\`), timed in the same process on the first requests of the same list. *split* counts those of the compared requests shared by several areas or the outside; *max diff* is the largest weight difference between the two (must be under 1e-6). *CPU s* is all threads' CPU time: on this shared machine the wall time depends on what else runs (load average at the start: $load)."
echo
echo "| areas | areas n | requests | wall s | CPU s | requests/s (wall) | requests/s on $(nproc) idle cores (requests ÷ CPU s × $(nproc)) | before: requests | before: wall s | before: CPU s | before: requests/s | speed-up, wall | speed-up, CPU | split | max diff |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r name areas n s cpu per old_n old_s old_cpu old_per split diff <<<"$r"
  awk -v cores="$(nproc)" -v name="$name" -v areas="$areas" -v n="$n" -v s="$s" -v cpu="$cpu" -v per="$per" -v on="$old_n" \
      -v os="$old_s" -v oc="$old_cpu" -v op="$old_per" -v sp="$split" -v diff="$diff" 'BEGIN {
    printf "| %s | %s | %d | %.2f | %.2f | %.0f | %.0f | %d | %.2f | %.2f | %.0f | %.1fx | %.1fx | %s of %d | %s |\n",
      name, areas, n, s, cpu, per, n / cpu * cores, on, os, oc, op, per / op, (n / cpu) / (on / oc), sp, on, diff }'
done
echo
echo "Goal (issue 18): ≥ 200,000 requests/s on 2 cores, 1M circles over counties in ≤ 5 s; weights equal to the old splitter's to 1e-6 (also tests/unit/test_overlap_real.c)."
exit $status
