#!/usr/bin/env bash
# valgrind.sh BUILD_DIR — the unit tests and a few CLI runs under valgrind
# memcheck (`make test-valgrind`, part of `make test`). Any memory error or a
# definite/indirect leak fails. Still-reachable blocks (GDAL/PROJ/SQLite
# caches held until exit) are not leaks. The slowest statistical and
# real-data unit tests are left to the ASan+LSan run (make test-asan): under
# valgrind they would take most of an hour (docs/testing.md). JOBS programs
# (default: the cores) run at once, the CLI runs in order as one of them:
# serially this pass took ten of the suite's thirty minutes.
set -u
BUILD=${1:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
SRC=$(cd "$(dirname "$0")/.." && pwd)
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)" >&2; exit 1; }
SLOW="test_disparity_sim test_disparity_places test_pip_real test_spatial test_point_grid_nearest test_disparity_scale"
VG=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --num-callers=30
    --suppressions="$SRC/scripts/valgrind.supp")
export SL_FIXTURES=$SRC/tests/fixtures SL_SHARED_DATA=$SRC/../shared/data
WORK=$(mktemp -d /tmp/sightline-vg.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

run() { # run NAME EXPECTED_STATUS CMD...
  local name=$1 want=$2; shift 2
  "${VG[@]}" "$@" >"$WORK/$name.out" 2>&1
  local rc=$?
  if [ "$want" = unit ] && [ $rc -eq 77 ]; then # a unit test that could not run (skip.h)
    echo "SKIPPED valgrind $name (its inputs are missing)"; return
  fi
  [ "$want" = unit ] && want=0
  if [ $rc -eq 99 ] || { [ "$want" != any ] && [ $rc -ne "$want" ]; }; then
    echo "FAIL valgrind $name (exit $rc)"; tail -40 "$WORK/$name.out"
  else
    echo "ok   valgrind $name"
  fi
}

spawn() { # spawn LOG CMD...: CMD in the background, its lines in LOG; at most JOBS at once
  local log=$1; shift
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  "$@" >"$log" 2>&1 &
}

SL=$BUILD/sightline
DB=$WORK/s.db
F=$SRC/tests/fixtures
cli_runs() { # one after another: they share the store
  run cli-demo 0 "$SL" demo -s "$DB"
  # the whole audit: its disparity draws and report.gpkg on threads of their own
  run cli-audit 0 "$SL" audit -s "$DB" -o "$WORK/report" --quiet --bootstrap 200
  run cli-partnerships 0 "$SL" partnerships -s "$DB" --by state
  run cli-import-posts 0 "$SL" import posts "$F/points/requests.ndjson" -s "$DB"
  run cli-import-cameras 0 "$SL" import cameras "$F/points/overpass.json" -s "$DB"
  run cli-import-sites 0 "$SL" import sites "$F/points/cameras.geojson" --category clinic -s "$DB"
  run cli-cameras 0 "$SL" cameras -s "$DB"
  run cli-info 0 "$SL" info -s "$DB"
  run cli-sites-other-options 1 "$SL" import sites "$F/points/cameras.geojson" --category school -s "$DB"
  run cli-rm 0 "$SL" rm 1 -s "$DB"
  mkdir -p "$WORK/mine" && echo notes >"$WORK/mine/notes.txt"
  run cli-audit-refused 2 "$SL" audit -s "$DB" -o "$WORK/mine"
  run cli-bad-atlas 1 "$SL" import partnerships "$SRC/tests/bad/atlas-unclosed-quote.csv" --preset atlas -s "$DB"
  run cli-bad-points 1 "$SL" import posts "$SRC/tests/bad/points-unclosed-quote.csv" -s "$DB"
  run cli-bad-geojson 1 "$SL" import posts "$SRC/tests/bad/geojson-truncated.geojson" -s "$DB"
  run cli-bad-areas 1 "$SL" import areas "$SRC/tests/bad/areas-lon-out-of-range.geojson" --set x --id GEOID -s "$DB"
  if [ -d "$SL_SHARED_DATA" ]; then
    run cli-import-areas 0 "$SL" import areas "$SL_SHARED_DATA/census/chicago-community-areas-acs.geojson" \
        --set chicago --id area_numbe -s "$DB"
    run cli-join 0 "$SL" join -s "$DB" --areas chicago --points posts --threads 2
  else
    echo "NOTE: $SL_SHARED_DATA absent: real-data CLI runs skipped"
  fi
}

mkdir "$WORK/logs"
spawn "$WORK/logs/zz-cli" cli_runs # the longest: started first
i=0
for t in "$BUILD"/tests/test_*; do
  name=$(basename "$t")
  case " $SLOW " in *" $name "*) echo "skip valgrind $name (slow: covered by make test-asan)"; continue ;; esac
  i=$((i + 1))
  [ -x "$t" ] && spawn "$WORK/logs/$(printf %03d $i)-$name" run "$name" unit "$t"
done
wait
cat "$WORK"/logs/*
fails=$(cat "$WORK"/logs/* | grep -c '^FAIL valgrind')
echo "valgrind: $fails failed"
[ "$fails" -eq 0 ]
