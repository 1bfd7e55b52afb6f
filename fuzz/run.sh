#!/usr/bin/env bash
# run.sh — build the libFuzzer targets (fuzz/CMakeLists.txt, clang), seed
# their corpora and run each target for a bounded time, one after another at
# low priority (the machine is shared).
#
#   fuzz/run.sh [SECONDS] [TARGET...]     (default 600 s each, every target)
#
# Environment: FUZZ_BUILD (default build-fuzz in the source tree),
# SL_SHARED_DATA (default ../shared/data), FUZZ_JOBS (build jobs, default 2),
# FUZZ_RUNS (stop a target after this many executions, e.g. 10000000, or at
# SECONDS, whichever comes first), FUZZ_TIMEOUT (seconds one input may take,
# default 20; libFuzzer measures wall time, so a campaign that may be paused
# with SIGSTOP, e.g. during a benchmark, needs more than the pause).
# Writes FUZZ_BUILD/results.tsv (target, seconds, executions, crashes) and keeps
# any crash input in FUZZ_BUILD/artifacts/. Exit 1 when a target crashed.
set -u
# The whole script is one block, so bash has read all of it before a campaign
# of hours starts: editing this file meanwhile no longer turns the rest of a
# running copy into syntax errors.
{
SRC=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${1:-600}
shift || true
BUILD=${FUZZ_BUILD:-$SRC/build-fuzz}
SHARED=${SL_SHARED_DATA:-$SRC/../shared/data}
ALL="csv points_csv geojson ndjson overpass atlas date normalize wkb query form"
TARGETS=${*:-$ALL}

command -v clang >/dev/null || { echo "fuzz: clang not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 77; }
cmake -S "$SRC/fuzz" -B "$BUILD" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug >/dev/null || exit 1
cmake --build "$BUILD" -j "${FUZZ_JOBS:-2}" >/dev/null || { cmake --build "$BUILD" -j 1; exit 1; }

CORPUS=$BUILD/corpus
if [ ! -f "$CORPUS/.seeded" ]; then
  python3 "$SRC/fuzz/seed.py" "$SRC" "$SHARED" "$CORPUS" || exit 1
  mkdir -p "$CORPUS/wkb"
  for f in "$SHARED/census/nyc-tracts-acs2008-12.shp" "$SHARED/census/chicago-community-areas-acs.geojson"; do
    [ -f "$f" ] || continue
    d=$(mktemp -d "$CORPUS/wkb/tmp.XXXX")
    "$BUILD/seed_wkb" "$f" "$d" 40 && for s in "$d"/*; do mv "$s" "$CORPUS/wkb/$(basename "$d")-$(basename "$s")"; done
    rmdir "$d" 2>/dev/null
  done
  [ -d "$SHARED" ] || echo "fuzz: NOTE: $SHARED absent: seeds from tests/ only" >&2
  touch "$CORPUS/.seeded"
fi

mkdir -p "$BUILD/artifacts" "$BUILD/logs"
RESULTS=$BUILD/results.tsv
[ -f "$RESULTS" ] || printf 'target\tseconds\texecutions\tcrashed\n' > "$RESULTS"
failed=0
for t in $TARGETS; do
  mkdir -p "$CORPUS/$t"
  log=$BUILD/logs/$t.log
  dict=(); [ -f "$SRC/fuzz/$t.dict" ] && dict=(-dict="$SRC/fuzz/$t.dict")
  # -max_len 16k: rows and features longer than that add nothing the
  # 100 MB single-line test in tests/bad does not already cover. Names and
  # dates are short: 1k keeps those runs on inputs of a real size (and 10x
  # faster).
  # WKB: 4k is a ring of 250 vertices, enough for every index structure
  # (bands, local records, holes); the 1M-vertex polygons of
  # bench/resources.sh cover size.
  # Atlas and point CSV: 4k is 15-100 rows, enough for duplicates, linking,
  # chunks of 5 points and splits at 64 bytes (fuzz/CMakeLists.txt); at 16k
  # neither target reached 10M executions in a working day.
  maxlen=16384
  case $t in normalize|date|query|form) maxlen=1024;; wkb|atlas|points_csv) maxlen=4096;; esac
  runs=(); [ -n "${FUZZ_RUNS:-}" ] && runs=(-runs="$FUZZ_RUNS")
  # The streamed half of points_csv starts a thread per split input, and
  # ASan keeps about 550 bytes for every thread ever started (200k streamed
  # parses: +82 MB under ASan, a flat 3 MB without it), so 10M executions
  # outgrow 2 GB with nothing leaked.
  rss=2048; [ "$t" = points_csv ] && rss=6144
  nice -n 19 "$BUILD/fuzz_$t" "$CORPUS/$t" -max_total_time="$SECONDS_EACH" -max_len=$maxlen "${runs[@]}" \
      -rss_limit_mb=$rss -timeout="${FUZZ_TIMEOUT:-20}" -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$t-" \
      "${dict[@]}" >"$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashed=0
  grep -qE '^==[0-9]+==( )?ERROR|runtime error:|deadly signal|SUMMARY: (Address|Undefined|Leak|libFuzzer)' "$log" && crashed=1
  printf '%s\t%s\t%s\t%s\n' "$t" "$SECONDS_EACH" "${execs:-0}" "$crashed" >> "$RESULTS"
  printf 'fuzz %-12s %4ss %12s executions  %s\n' "$t" "$SECONDS_EACH" "${execs:-?}" \
    "$([ $crashed = 1 ] && echo "CRASH: see $log" || echo ok)"
  [ "$crashed" = 1 ] && { failed=1; grep -m5 -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log"; }
done
exit $failed
}
