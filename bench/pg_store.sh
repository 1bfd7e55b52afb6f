#!/usr/bin/env bash
# bench/pg_store.sh — the two store backends side by side (`make bench`
# runs it after the join benchmark; issue 17 point 3 asks import and join
# of 10M points on PostgreSQL within 1.5x of SQLite).
#
#   bench/pg_store.sh [POINTS]      (default SL_BENCH_PG_POINTS, else 10M)
#
# Makes POINTS uniform random points over the NYC tracts' box (bench_points),
# starts a throwaway PostgreSQL 15 + PostGIS cluster (tests/e2e/pg_lib.bash:
# temporary directory, loopback port, removed at exit; fsync on, so a commit
# waits for the disk as SQLite's does), then for each backend times `import areas`, `import posts` and
# `join --csv` as whole processes (wall clock, /usr/bin/time), checks both
# joins give the same counts byte for byte, and writes bench/PG.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${BUILD:-$root/build}
N=${1:-${SL_BENCH_PG_POINTS:-10000000}}
THREADS=${SL_BENCH_THREADS:-2}
DATA=${SL_SHARED_DATA:-$root/../shared/data}
SL=$BUILD/sightline
out=$here/out
mkdir -p "$out"
poly=$DATA/census/nyc-tracts-acs2008-12.shp
pts=$out/nyc-$N.csv
[ -s "$pts" ] || "$BUILD/bench/bench_points" "$poly" - "$N" "$pts" >&2

. "$root/tests/e2e/lib.bash"
. "$root/tests/e2e/pg_lib.bash"
PG_FSYNC=on pg_start # commits reach the disk, as SQLite's do

wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$1"; }
timed() { # timed NAME COMMAND...: run it, its wall seconds into $out/pg-NAME.time
  local name=$1; shift
  /usr/bin/time -v -o "$out/pg-$name.time" "$@" >"$out/pg-$name.out" 2>&1 ||
    { echo "bench: $name FAILED (see $out/pg-$name.out)" >&2; cat "$out/pg-$name.out" >&2; exit 1; }
}

rows=()
for backend in sqlite postgresql; do
  if [ $backend = sqlite ]; then s=$WORK/bench.db; else s=$PG_URL; fi
  echo "bench: $backend: import areas, import posts ($N points), join ..." >&2
  sync
  timed "$backend-areas" "$SL" import areas "$poly" --set nyc --id cartodb_id -s "$s"
  timed "$backend-import" "$SL" import posts "$pts" -s "$s"
  timed "$backend-join" "$SL" join --points posts --areas nyc --threads "$THREADS" --csv -o "$out/pg-$backend-join.csv" -s "$s"
  rows+=("$backend|$(wall "$out/pg-$backend-areas.time")|$(wall "$out/pg-$backend-import.time")|$(wall "$out/pg-$backend-join.time")")
done
same=no
cmp -s "$out/pg-sqlite-join.csv" "$out/pg-postgresql-join.csv" && same=yes

IFS='|' read -r _ sa si sj <<<"${rows[0]}"
IFS='|' read -r _ pa pi pj <<<"${rows[1]}"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# measurements made by hand (a "## Notes" section at the end) are kept
notes=$(sed -n '/^## Notes/,$p' "$here/PG.md" 2>/dev/null)
{
  echo "# The store backends side by side"
  echo
  echo "Written by \`bench/pg_store.sh\` (\`make bench\`); do not edit by hand, except the section Notes at the end, which it keeps."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- points: $N uniform random points over the NYC tracts' box (\`$(basename "$pts")\`, $(($(stat -c %s "$pts") / 1000000)) MB)"
  echo "- PostgreSQL 15 + PostGIS 3 on a throwaway cluster on this machine (Unix socket, fsync on, default settings otherwise); SQLite store on the same disk"
  echo "- whole \`sightline\` processes, wall clock; join with $THREADS threads; the two joins' CSV identical: **$same**"
  echo
  echo "| backend | import areas s | import posts s | join s | import + join s |"
  echo "|---|---|---|---|---|"
  for r in "${rows[@]}"; do
    IFS='|' read -r b a i j <<<"$r"
    echo "| $b | $a | $i | $j | $(awk -v i="$i" -v j="$j" 'BEGIN { printf "%.2f", i + j }') |"
  done
  echo
  echo "PostgreSQL ÷ SQLite: import posts $(ratio "$pi" "$si")x, join $(ratio "$pj" "$sj")x, import + join" \
    "$(ratio "$(awk -v a="$pi" -v b="$pj" 'BEGIN { print a + b }')" "$(awk -v a="$si" -v b="$sj" 'BEGIN { print a + b }')")x" \
    "(goal: within 1.5x)."
  [ -z "$notes" ] || printf '\n%s\n' "$notes"
} >"$here/PG.md"
cat "$here/PG.md"
[ "$same" = yes ]
