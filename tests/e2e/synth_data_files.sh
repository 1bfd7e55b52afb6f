#!/usr/bin/env bash
# synth_data_files.sh — every file of the audit's data/ (CSV, GeoJSON and
# report.gpkg layer) names the synthetic imports of exactly the layers it
# was computed from, in a column "synthetic" (and the GeoPackage layer's
# description), and says nothing of invented layers it did not use: real
# requests beside `synth` posts are not marked synthetic, the posts'
# density, areas and camera disparity are. Hand-built areas of the
# disparity fixture.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/disparity
ONE=$(store one)
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic -s "$ONE" >/dev/null
"$SL" import requests "$F/requests.csv" -s "$ONE" >/dev/null
"$SL" synth --areas toy --layer posts --count 300 --seed 6 -s "$ONE" >/dev/null
check "audit: real requests, synthetic posts" "$SL" audit -o "$WORK/one" --quiet --bootstrap 200 -s "$ONE"
# marks DIR: each data/ file and layer of report.gpkg as "NAME MARK", MARK
# the set of its "synthetic" values ("-" when it has no such column)
marks() {
  python3 - "$1/data" <<'PY'
import csv, glob, json, os, sqlite3, sys
d = sys.argv[1]
for p in sorted(glob.glob(d + "/*.csv")):
    rows = list(csv.DictReader(open(p, newline="")))
    v = {r.get("synthetic") for r in rows} if rows and "synthetic" in rows[0] else {None}
    print(os.path.basename(p), ";".join(sorted(x or "-" for x in v)))
for p in sorted(glob.glob(d + "/*.geojson")):
    feats = json.load(open(p))["features"]
    v = {f["properties"].get("synthetic") for f in feats} or {None}
    print(os.path.basename(p), ";".join(sorted(x or "-" for x in v)))
db = sqlite3.connect(d + "/report.gpkg")
for name, desc in db.execute("SELECT table_name, description FROM gpkg_contents ORDER BY 1"):
    cols = [c[1] for c in db.execute('PRAGMA table_info("%s")' % name)]
    v = {r[0] for r in db.execute('SELECT DISTINCT synthetic FROM "%s"' % name)} if "synthetic" in cols else {None}
    print("gpkg:" + name, ";".join(sorted(x or "-" for x in v)), "desc:" + (desc or "-"))
PY
}
marks "$WORK/one" >"$WORK/one.marks"
cat "$WORK/one.marks"
has() { grep -qxF "$1" "$WORK/$2.marks"; }
check "disparity_toy_requests.csv (real requests): no synthetic mark" has "disparity_toy_requests.csv -" one
check "disparity_toy_cameras.csv (the synthetic posts' cameras): names the posts' import" \
  has "disparity_toy_cameras.csv synthetic-posts-toy-seed6" one
check "camera_density.csv: names the posts' import on every row" has "camera_density.csv synthetic-posts-toy-seed6" one
check "camera_density.geojson: on every feature" has "camera_density.geojson synthetic-posts-toy-seed6" one
check "report.gpkg camera_density: the column and the layer's description" has \
  "gpkg:camera_density synthetic-posts-toy-seed6 desc:Rests on synthetic data, invented by sightline: synthetic-posts-toy-seed6" one
check "areas_toy.csv (posts counted per area): names it" has "areas_toy.csv synthetic-posts-toy-seed6" one
check "areas_toy.geojson and its gpkg layer: too" bash -c "
  grep -qxF 'areas_toy.geojson synthetic-posts-toy-seed6' '$WORK/one.marks' &&
  grep -q '^gpkg:areas_toy synthetic-posts-toy-seed6 desc:Rests on synthetic data' '$WORK/one.marks'"

# The other way round: synthetic requests beside real posts. The requests'
# files name the requests' import; the posts' density names nothing.
TWO=$(store two)
printf 'id,lat,lon,text\np1,0.005,0.002,camera\np2,0.002,0.007,doorbell\np3,0.008,0.015,camera\n' >"$WORK/posts.csv"
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic -s "$TWO" >/dev/null
"$SL" import posts "$WORK/posts.csv" -s "$TWO" >/dev/null
"$SL" synth --areas toy --layer requests --count 200 --seed 5 -s "$TWO" >/dev/null
check "audit: synthetic requests, real posts" "$SL" audit -o "$WORK/two" --quiet --bootstrap 200 -s "$TWO"
marks "$WORK/two" >"$WORK/two.marks"
cat "$WORK/two.marks"
check "disparity_toy_requests.csv: names the requests' import" \
  has "disparity_toy_requests.csv synthetic-requests-toy-seed5" two
check "disparity_toy_cameras.csv (real posts): no synthetic mark" has "disparity_toy_cameras.csv -" two
check "camera_density (real posts): no mark in CSV, GeoJSON or gpkg" bash -c "
  grep -qxF 'camera_density.csv -' '$WORK/two.marks' && grep -qxF 'camera_density.geojson -' '$WORK/two.marks' &&
  grep -qxF 'gpkg:camera_density - desc:-' '$WORK/two.marks'"
check "areas_toy.csv (requests counted per area): names the requests' import" \
  has "areas_toy.csv synthetic-requests-toy-seed5" two
finish
