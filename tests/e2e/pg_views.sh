#!/usr/bin/env bash
# pg_views.sh — point layers as PostGIS rows (issue #17, point 3): layers
# stay packed in chunks, and the views sightline.sites_points,
# posts_points and cameras_points unpack them in SQL for QGIS and ogr2ogr.
# Both packings are checked against the files imported, coordinate by
# coordinate (shortest round-trip text, so exactly): the real WaPo schools
# and a generated camera file (stored as doubles, the cameras with times,
# some unknown), and generated sites and the real FiveThirtyEight posts
# whose 7-decimal coordinates are stored as int32 of 1e-7 degrees (with
# negative values and the extremes). ogrinfo opens every view, the
# directory's businesses and the chunk boxes as layers in EPSG:4326 with
# every feature; a layer past 100,000 points makes its view fail with a
# message naming what to open instead, and sightline.layer_points still
# reads it whole. A store made with the first views (sites_points alone)
# gets the others from its next writer. sites_points carries each site's
# id and name as imported. With PostGIS in a schema of its own
# (not on a plain connection's search path) the views answer as well.
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
check "the view carries no time for sites without one" [ "$(pg_sql sightline \
  "SELECT count(*) FROM sightline.sites_points WHERE unix_time IS NOT NULL")" = 0 ]

# cameras: doubles (coordinates of 17 digits) with times, one in ten unknown
python3 - >cams.csv <<'PY'
import random
random.seed(3)
print("lat,lon,time")
for i in range(3000):
    print(f"{random.uniform(-60, 70)!r},{random.uniform(-170, 170)!r},{'' if i % 10 == 0 else 1400000000 + 37 * i - 5000 * (i % 3)}")
PY
check "import generated cameras" "$SL" import cameras cams.csv --time time -s "$PG_URL"
pg_sql sightline "SELECT ST_Y(geom) || ' ' || ST_X(geom) || ' ' || coalesce(unix_time::text, '') FROM sightline.cameras_points" |
  sort >cams.view
python3 - <<'PY' | sort >cams.file
import csv
for r in csv.DictReader(open("cams.csv")):
    print(repr(float(r["lat"])), repr(float(r["lon"])), r["time"])
PY
check "cameras_points gives every camera at its coordinates and time, exactly ($(wc -l <cams.view) rows)" \
  bash -c "[ \$(wc -l <cams.view) = 3000 ] && cmp cams.view cams.file"
check "the cameras are packed as doubles with times" [ "$(pg_sql sightline \
  "SELECT bool_and(length(lon) = 8 * count AND time IS NOT NULL) FROM sightline.point_chunks WHERE layer = 'cameras'")" = t ]

# posts: the real 467, packed as 1e-7 integers
POSTS=$SL_SHARED_DATA/points/police-killings-2015-fivethirtyeight.csv
check "import the real posts" "$SL" import posts "$POSTS" -s "$PG_URL"
pg_sql sightline "SELECT ST_Y(geom) || ' ' || ST_X(geom) FROM sightline.posts_points" | sort >posts.view
python3 - "$POSTS" <<'PY' | sort >posts.file
import csv, io, sys
text = open(sys.argv[1], encoding="latin-1", newline="").read().replace("\r\n", "\n").replace("\r", "\n")
for r in csv.DictReader(io.StringIO(text)):
    print(repr(float(r["latitude"])), repr(float(r["longitude"])))
PY
check "posts_points gives every post at its coordinates, exactly ($(wc -l <posts.view) rows)" \
  bash -c "[ \$(wc -l <posts.view) = 467 ] && cmp posts.view posts.file"

# the directory's listings are a table with a point column
check "import the directory" "$SL" import businesses "$SL_FIXTURES/directory/businesses.csv" -s "$PG_URL"
OGR="PG:host=$PG_HOST port=$PG_PORT dbname=sightline"
check "PostGIS lists every point layer" [ "$(pg_sql sightline \
  "SELECT string_agg(f_table_name || '.' || f_geometry_column || ':' || type || ':' || srid, ',' ORDER BY f_table_name)
   FROM geometry_columns WHERE f_table_schema = 'sightline' AND type IN ('POINT', 'POLYGON')")" = \
  "agencies.location:POINT:4326,businesses.location:POINT:4326,cameras_points.geom:POINT:4326,point_chunk_boxes.box:POLYGON:4326,posts_points.geom:POINT:4326,sites_points.geom:POINT:4326" ]
for layer in posts_points:467 cameras_points:3000 sites_points:927 businesses:34 point_chunk_boxes:4; do
  name=${layer%%:*} n=${layer##*:}
  ogrinfo -ro -so "$OGR" "sightline.$name" >"ogr.$name.txt" 2>&1
  check "ogrinfo opens sightline.$name in EPSG:4326 with its $n features" \
    bash -c "grep -Eq 'Geometry: (Point|Polygon)' ogr.$name.txt && grep -q 'Feature Count: $n\$' ogr.$name.txt &&
      grep -q 'ID\[\"EPSG\",4326\]' ogr.$name.txt"
done
ogr2ogr -f GPKG posts.gpkg "$OGR" sightline.posts_points -nln posts 2>/dev/null
check "ogr2ogr copies posts_points to a GeoPackage, every point" bash -c "ogrinfo -ro -so posts.gpkg posts | grep -q 'Feature Count: 467\$'"

# a big layer: its view refuses, saying what to open instead
python3 -c "
import random
random.seed(9)
print('lat,lon')
for i in range(100000): print(f'{random.uniform(40.5, 40.9):.7f},{random.uniform(-74.2, -73.7):.7f}')" >big.csv
check "import 100,000 more posts" "$SL" import posts big.csv -s "$PG_URL"
pg_sql sightline "SELECT count(*) FROM sightline.posts_points" >big.out 2>&1
check "posts_points of 100,467 posts fails, naming the limit and what to open instead" bash -c "
  grep -q 'layer posts holds 100467 points: sightline.posts_points serves layers of up to 100000 points' big.out &&
  grep -q 'sightline.point_chunk_boxes' big.out && grep -q \"sightline.layer_points('posts')\" big.out"
check "layer_points('posts') reads it whole anyway" [ "$(pg_sql sightline "SELECT count(*) FROM sightline.layer_points('posts')")" = 100467 ]
check "and the chunk boxes hold every post" [ "$(pg_sql sightline \
  "SELECT sum(count) || ',' || bool_and(ST_Contains(box, ST_SetSRID(ST_MakePoint(-73.9, 40.7), 4326)) OR count < 1000)
   FROM sightline.point_chunk_boxes WHERE layer = 'posts'")" = "100467,true" ]
check "the other views still answer" [ "$(pg_sql sightline "SELECT count(*) FROM sightline.cameras_points")" = 3000 ]

# a store made with only sites_points (views version 1) gets the rest from its next writer
pg_sql sightline "DROP VIEW sightline.posts_points, sightline.cameras_points, sightline.point_chunk_boxes;
  UPDATE sightline.meta SET value = '1' WHERE key = 'views'" || not_ok "downgrade the views"
sed 1,2d school.file | head -3 | awk 'BEGIN { print "lat,lon" } { print $1 "," $2 }' >again.csv
check "an import into it" "$SL" import sites again.csv --category again -s "$PG_URL"
check "makes the views again" [ "$(pg_sql sightline "SELECT (SELECT value FROM sightline.meta WHERE key = 'views')
  || ',' || (SELECT count(*) FROM sightline.cameras_points) || ',' || (SELECT count(*) FROM sightline.sites_points)")" = "4,3000,930" ]

# sites_points carries each site's id and name (--id, --text), byte for
# byte: a backslash, the text \000 and UTF-8 survive the view's unpacking
printf 'id,name,lat,lon\nk1,"Back\\slash \\000 \303\251cole",40.1,-73.2\n,No id,41.5,-74\nk3,,42,-75\n' >named.csv
check "import sites with ids and names" "$SL" import sites named.csv --category named --id id --text name -s "$PG_URL"
check "sites_points gives each site its id and name as imported (none when empty)" [ "$(pg_sql sightline \
  "SELECT string_agg(coalesce(id, '-') || '|' || coalesce(name, '-'), ';' ORDER BY point_no)
   FROM sightline.sites_points WHERE category = 'named'")" = 'k1|Back\slash \000 école;-|No id;k3|-' ]
check "and none to sites imported without them" [ "$(pg_sql sightline \
  "SELECT count(*) || ',' || count(id) || ',' || count(name) FROM sightline.sites_points WHERE category = 'scaled'")" = 500,0,0 ]

# PostGIS in a schema of its own, which the search path of QGIS and psql
# lacks: the views name PostGIS's functions by its schema (they called them
# by bare name, and failed there with "function st_geomfromwkb(...) does
# not exist")
pg_sql postgres "CREATE DATABASE gisdb" && pg_sql gisdb "CREATE SCHEMA gis; CREATE EXTENSION postgis SCHEMA gis" ||
  not_ok "a database with PostGIS in schema gis"
GIS="postgresql:///gisdb?host=$PG_HOST&port=$PG_PORT"
check "import the generated sites where PostGIS is in schema gis" "$SL" import sites scaled.csv --category scaled -s "$GIS"
check "and the cameras" "$SL" import cameras cams.csv --time time -s "$GIS"
check "the search path of a plain connection lacks schema gis" [ "$(pg_sql gisdb "SELECT to_regproc('st_makepoint') IS NULL")" = t ]
pg_sql gisdb "SELECT gis.ST_Y(geom) || ' ' || gis.ST_X(geom) FROM sightline.sites_points" 2>gis.err | sort >gis.view
check "sites_points answers there, every site at its coordinates ($(wc -l <gis.view) rows)" \
  bash -c "[ \$(wc -l <gis.view) = 500 ] && cmp gis.view scaled.file"
check "and cameras_points, every camera" [ "$(pg_sql gisdb "SELECT count(*) FROM sightline.cameras_points")" = 3000 ]
check "and the chunk boxes hold every point" [ "$(pg_sql gisdb "SELECT sum(count) FROM sightline.point_chunk_boxes")" = 3500 ]
ogrinfo -ro -so "PG:host=$PG_HOST port=$PG_PORT dbname=gisdb" sightline.sites_points >ogr.gis.txt 2>&1
check "ogrinfo opens it with every site" bash -c "grep -q 'Geometry: Point' ogr.gis.txt && grep -q 'Feature Count: 500\$' ogr.gis.txt"
check "sightline's own reading works there too (zone: the 3,000 cameras)" bash -c "'$SL' zone --bbox -180,-90,180,90 -s '$GIS' --json | grep -q 3000"
finish
