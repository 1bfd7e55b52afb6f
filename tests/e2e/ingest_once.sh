#!/usr/bin/env bash
# ingest_once.sh — an import reads its input once: the sha256 recorded is of
# the very bytes parsed. A FIFO can be read only once, so an importer that
# hashed one read and parsed another would hang or fail on it; here every
# layer imports from a FIFO and from standard input ("-"), and the recorded
# hash equals sha256sum of what was sent.
set -uo pipefail
: "${SL:?path to the sightline CLI}"
source "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null && command -v mkfifo >/dev/null || { echo "SKIP: needs sqlite3 and mkfifo" >&2; exit 77; }
tmp=$WORK

cat > "$tmp/areas.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"GEOID":"1","pop":100},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
{"type":"Feature","properties":{"GEOID":"2","pop":50},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]}
JSON
printf 'agency,date,lat,lon,radius_m\nTown PD,2020-01-02,0.5,0.5,100\nTown PD,2020-02-03,0.5,1.5,200\nTown PD,2020-03-04,0.2,0.2,300\n' > "$tmp/req.csv"
printf 'id,lat,lon\nc1,0.5,0.5\nc2,0.5,1.5\n' > "$tmp/cams.csv"

sha() { sha256sum "$1" | cut -d' ' -f1; }
recorded() { store_sql "$1" "select sha256 || ' ' || rows from sources where kind='$2' order by id desc limit 1"; }

# import_fifo DB KIND FILE ARGS...: FILE's bytes sent once through a FIFO
import_fifo() {
  local db=$1 kind=$2 file=$3; shift 3
  rm -f "$tmp/fifo"; mkfifo "$tmp/fifo"
  cat "$file" > "$tmp/fifo" &
  local writer=$!
  timeout 30 "$SL" import "$kind" "$tmp/fifo" "$@" -s "$db" > "$tmp/out" 2>&1
  local rc=$?
  kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
  return $rc
}

db=$(store fifo)
check "areas from a FIFO import" import_fifo "$db" areas "$tmp/areas.geojson" --set t --id GEOID --pop pop
check "areas: recorded sha256 is of the bytes parsed" test "$(recorded "$db" areas)" = "$(sha "$tmp/areas.geojson") 2"
check "requests from a FIFO import" import_fifo "$db" requests "$tmp/req.csv"
check "requests: recorded sha256 is of the bytes parsed" test "$(recorded "$db" requests)" = "$(sha "$tmp/req.csv") 3"
check "cameras from a FIFO import" import_fifo "$db" cameras "$tmp/cams.csv"
check "cameras: recorded sha256 is of the bytes parsed" test "$(recorded "$db" cameras)" = "$(sha "$tmp/cams.csv") 2"

db=$(store stdin)
check "areas from standard input" sh -c '"$0" import areas - --set t --id GEOID --pop pop -s "$1" < "$2" > "$3"' \
  "$SL" "$db" "$tmp/areas.geojson" "$tmp/out"
check "areas from stdin: summary names -" grep -q '^-: imported 2 areas into set .t.' "$tmp/out"
check "areas from stdin: sha256 and rows" test "$(recorded "$db" areas)" = "$(sha "$tmp/areas.geojson") 2"
check "requests from standard input" sh -c '"$0" import requests - -s "$1" < "$2" > /dev/null' "$SL" "$db" "$tmp/req.csv"
check "requests from stdin: sha256 and rows" test "$(recorded "$db" requests)" = "$(sha "$tmp/req.csv") 3"
check "cameras from standard input" sh -c '"$0" import cameras - -s "$1" < "$2" > /dev/null' "$SL" "$db" "$tmp/cams.csv"
check "cameras from stdin: sha256 and rows" test "$(recorded "$db" cameras)" = "$(sha "$tmp/cams.csv") 2"
# The same bytes from a file: the same source, so nothing changes.
"$SL" import areas "$tmp/areas.geojson" --set t --id GEOID --pop pop -s "$db" > "$tmp/out" 2>&1
check "areas: the file after stdin is already imported" grep -q 'already imported as areas' "$tmp/out"
"$SL" import cameras "$tmp/cams.csv" -s "$db" > "$tmp/out" 2>&1
check "cameras: the file after stdin is already imported" grep -q 'already imported as cameras' "$tmp/out"
# the count of a large file said again, as every other count is: with separators
python3 -c "
print('id,lat,lon')
for i in range(1200): print('p%d,0.%04d,0.5' % (i, i + 1))" > "$tmp/many.csv"
"$SL" import posts "$tmp/many.csv" -s "$db" >/dev/null 2>&1
"$SL" import posts "$tmp/many.csv" -s "$db" > "$tmp/out" 2>&1
check "posts imported again: 'already imported as posts (..., 1,200 records)', with the separator" \
  grep -q 'already imported as posts (source [0-9]*, [^,]*, 1,200 records) with the same options' "$tmp/out"
finish
