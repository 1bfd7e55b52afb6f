#!/usr/bin/env bash
# shapefile_sidecars.sh — a Shapefile is several files: the recorded sha256 covers the .shp and its
# sidecars (.shx, .dbf, .prj, .cpg), so a corrected .dbf (names, the
# demographics key) is a new file to the store, never "nothing changed".
set -euo pipefail
: "${SL:?path to the sightline CLI}"
command -v ogr2ogr >/dev/null || { echo "FAIL: needs ogr2ogr (Debian gdal-bin)" >&2; exit 1; }
. "$(dirname "$0")/lib.bash"
T=$(store t)
cd "$WORK"
fc() { # two squares in Chicago; $1 names the southern one
  printf '{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"gid":"1","name":"North"},"geometry":{"type":"Polygon","coordinates":[[[-87.7,41.9],[-87.6,41.9],[-87.6,42.0],[-87.7,42.0],[-87.7,41.9]]]}},
{"type":"Feature","properties":{"gid":"2","name":"%s"},"geometry":{"type":"Polygon","coordinates":[[[-87.7,41.8],[-87.6,41.8],[-87.6,41.9],[-87.7,41.9],[-87.7,41.8]]]}}]}' "$1"
}
fc South > a.geojson; fc Sud > b.geojson
ogr2ogr -f "ESRI Shapefile" a.shp a.geojson
ogr2ogr -f "ESRI Shapefile" b.shp b.geojson
cmp -s a.shp b.shp || { echo "FAIL: the fixture's .shp files should be identical" >&2; exit 1; }
imp() { "$SL" import areas a.shp --set s --id gid --name name -s "$T" "$@"; }

imp >/dev/null
sha1=$(store_sql "$T" "SELECT sha256 FROM sources WHERE kind='areas'")
# Same files again: recognised.
imp | grep -q "nothing changed" || { echo "FAIL: the same Shapefile again should change nothing" >&2; exit 1; }
# Only the .dbf changes: a different file, refused without --replace.
cp b.dbf a.dbf
set +e; out=$(imp 2>&1); rc=$?; set -e
[ "$rc" = 1 ] || { echo "FAIL: a changed .dbf was taken as the same file (rc $rc): $out" >&2; exit 1; }
grep -q -- "--replace" <<<"$out" || { echo "FAIL: no --replace hint: $out" >&2; exit 1; }
imp --replace >/dev/null
sha2=$(store_sql "$T" "SELECT sha256 FROM sources WHERE kind='areas'")
[ "$sha1" != "$sha2" ] || { echo "FAIL: the recorded sha256 ignores the .dbf" >&2; exit 1; }
name=$(store_sql "$T" "SELECT name FROM areas WHERE id='2'")
[ "$name" = "Sud" ] || { echo "FAIL: the corrected name was not stored: $name" >&2; exit 1; }
# A missing .prj is a different set of parts: noticed too.
rm a.prj
set +e; imp >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 1 ] || { echo "FAIL: a removed .prj was taken as the same file" >&2; exit 1; }
echo "ok: a Shapefile's sidecars are part of its sha256"
