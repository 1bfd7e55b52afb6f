#!/usr/bin/env bash
# pg_views.sh — sites as PostGIS rows (issue #17, point 3): point layers stay
# packed in chunks, and the view sightline.sites_points unpacks the sites
# in SQL for QGIS and ogr2ogr. Both packings are checked against the files
# imported, coordinate by coordinate (shortest round-trip text, so exactly):
# the real WaPo schools (stored as doubles) and a generated file whose
# 7-decimal coordinates are stored as int32 of 1e-7 degrees (with negative
# values and the extremes). ogrinfo opens the view as a Point layer in
# EPSG:4326 with every site; posts get no such view.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
need_shared
command -v ogrinfo >/dev/null || { echo "SKIPPED: needs ogrinfo (gdal-bin)" >&2; exit 77; }
pg_start
SCHOOLS=$SL_SHARED_DATA/sites/schools-wapo-school-shootings.csv
cd "$WORK" || exit 1
python3 - >scaled.csv <<'PY'
import random
random.seed(17)
print("name,lat,lon")
rows = [(-89.9999999, -179.9999999), (89.9999999, 179.9999999), (0.0000001, -0.0000001), (40.7484405, -73.9856421)]
rows += [(round(random.uniform(-60, 70), 7), round(random.uniform(-170, 170), 7)) for _ in range(496)]
for i, (lat, lon) in enumerate(rows):
    print(f"s{i},{lat:.7f},{lon:.7f}")
PY
check "import schools" "$SL" import sites "$SCHOOLS" --category school -s "$PG_URL"
check "import generated sites" "$SL" import sites scaled.csv --category scaled -s "$PG_URL"
check "the schools are packed as doubles, the generated sites as 1e-7 integers" [ "$(pg_sql sightline \
  "SELECT string_agg(category || ':' || (length(lon) / count), ',' ORDER BY category) FROM sightline.point_chunks")" = "scaled:4,school:8" ]

# view CATEGORY: the view's coordinates, "lat lon" per line, sorted
view() { pg_sql sightline "SELECT ST_Y(geom) || ' ' || ST_X(geom) FROM sightline.sites_points WHERE category = '$1'" | sort; }
# file CSV LAT LON: the file's coordinates as the shortest text of their doubles, sorted
file() {
  python3 - "$@" <<'PY' | sort
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')):
    try:
        print(repr(float(r[sys.argv[2]])), repr(float(r[sys.argv[3]])))
    except ValueError:
        pass  # no coordinates: not imported
PY
}
view school >school.view
file "$SCHOOLS" lat long >school.file
check "the view gives every school at its coordinates, exactly ($(wc -l <school.view) rows)" \
  bash -c "[ -s school.view ] && cmp school.view school.file"
view scaled >scaled.view
file scaled.csv lat lon >scaled.file
check "and every generated site, unpacked from 1e-7 integers exactly ($(wc -l <scaled.view) rows)" \
  bash -c "[ \$(wc -l <scaled.view) = 500 ] && cmp scaled.view scaled.file"
check "fid is unique" [ "$(pg_sql sightline "SELECT count(DISTINCT fid) = count(*) FROM sightline.sites_points")" = t ]

ogrinfo -ro -so "PG:host=$PG_HOST port=$PG_PORT dbname=sightline" sightline.sites_points >ogr.txt 2>&1
check "ogrinfo opens sightline.sites_points as points with every site (927)" \
  bash -c "grep -q 'Geometry: Point' ogr.txt && grep -q 'Feature Count: 927' ogr.txt && grep -q 'ID\[\"EPSG\",4326\]' ogr.txt"
check "posts have no such view" [ "$(pg_sql sightline "SELECT to_regclass('sightline.posts_points') IS NULL")" = t ]
finish
