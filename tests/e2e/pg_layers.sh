#!/usr/bin/env bash
# Spatial layers in the PostgreSQL store answer as in the SQLite store: the
# real NYC tracts and Chicago community areas, FiveThirtyEight posts, ICE
# facilities and schools as sites, the FBI registry and the Atlas imported
# into both, then join, disparity, cameras, near, zone, density and info
# compared byte for byte, and audit's summary.json but for its times. Also:
# points are packed chunks (one row per layer here, 1e-7 integer
# coordinates), areas and agencies are PostGIS geometries GDAL opens
# directly, a duplicate area set is refused as on SQLite, and rm of a layer
# leaves the same store on both.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
need_shared
pg_start
D=$SL_SHARED_DATA
DB=$WORK/layers.db
PG=$PG_URL

for s in "$DB" "$PG"; do
  check "import agencies ($s)" "$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$s"
  check "import atlas ($s)" "$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$s"
  check "import nyc tracts ($s)" "$SL" import areas "$D/census/nyc-tracts-acs2008-12.shp" --set nyc \
    --id '{borocode}{ct2010:06}' --pop poptot --black african --hispanic hispanic -s "$s"
  check "import chicago areas ($s)" "$SL" import areas "$D/census/chicago-community-areas-acs.geojson" --set chi \
    --id area_numbe -s "$s"
  check "import posts ($s)" "$SL" import posts "$D/points/police-killings-2015-fivethirtyeight.csv" --text cause -s "$s"
  check "import ice sites ($s)" "$SL" import sites "$D/sites/ice-detention-facilities-uwchr.psv.gz" --category ice \
    --id detloc --text name -s "$s"
  check "import schools ($s)" "$SL" import sites "$D/sites/schools-wapo-school-shootings.csv" --category school -s "$s"
done 2>/dev/null

no_times() { sed -E 's/"(imported_at|generated_at)": "[^"]*"/"\1": ""/'; }
n=0
same() { # same ARGS...: `ARGS --json` is the same on both stores
  n=$((n + 1))
  "$SL" "$@" --json -s "$DB" 2>"$WORK/$n.sqlite.err" | no_times >"$WORK/$n.sqlite.json"
  "$SL" "$@" --json -s "$PG" 2>"$WORK/$n.pg.err" | no_times >"$WORK/$n.pg.json"
  if [ -s "$WORK/$n.sqlite.json" ] && cmp -s "$WORK/$n.sqlite.json" "$WORK/$n.pg.json"; then
    ok "$* is the same on both stores ($(wc -c <"$WORK/$n.pg.json") bytes)"
  else
    not_ok "$* differs between SQLite and PostgreSQL"
    diff "$WORK/$n.sqlite.json" "$WORK/$n.pg.json" | head -10
    cat "$WORK/$n.sqlite.err" "$WORK/$n.pg.err"
  fi
}
same join --points posts --areas nyc
same join --points posts --areas nyc --where '^gunshot$'
same join --points sites --areas chi
same join --points sites --category school --areas nyc
same disparity --events posts --areas nyc
same cameras
same near --radius 25000
same near --corridor NYARTHC,ALBCONY --width 40000
same zone --bbox -90,30,-80,40
same zone --circle 40.7,-74.0,30000
same info
same partnerships --tech ring --by state
"$SL" density --hex 50000 --min-count 3 -o "$WORK/hex.sqlite.geojson" -s "$DB" >/dev/null
"$SL" density --hex 50000 --min-count 3 -o "$WORK/hex.pg.geojson" -s "$PG" >/dev/null
check "density writes the same GeoJSON on both stores" cmp "$WORK/hex.sqlite.geojson" "$WORK/hex.pg.geojson"

# The audit: the same files, and the same summary.json but for its times.
check "audit of the SQLite store" "$SL" audit -s "$DB" -o "$WORK/audit.sqlite" --quiet
check "audit of the PostgreSQL store" "$SL" audit -s "$PG" -o "$WORK/audit.pg" --quiet
check "the audits write the same files" [ "$(cd "$WORK/audit.sqlite" && find . | sort)" = "$(cd "$WORK/audit.pg" && find . | sort)" ]
# (and the store's name: the file's, or "PostgreSQL database NAME")
no_store() { no_times | sed -E 's/^  "store": "[^"]*"/  "store": ""/'; }
check "the same summary.json but for times" cmp <(no_store <"$WORK/audit.sqlite/summary.json") \
  <(no_store <"$WORK/audit.pg/summary.json")
check "which names the database, not its host" grep -q '^  "store": "PostgreSQL database sightline",' "$WORK/audit.pg/summary.json"

# Points are packed chunks: one row per layer and category here, coordinates
# as 1e-7 integers (4 bytes each), sent by COPY.
check "posts are one chunk of 467 points" [ "$(pg_sql sightline \
  "SELECT count(*) || ',' || sum(count) || ',' || sum(length(lon)) FROM sightline.point_chunks WHERE layer = 'posts'")" = "1,467,1868" ]
# Areas and agencies are PostGIS geometries GDAL (so QGIS) opens directly;
# point layers too, through views (pg_views.sh checks their rows).
check "PostGIS lists the geometry columns" [ "$(pg_sql sightline \
  "SELECT string_agg(f_table_name || '.' || f_geometry_column || ':' || srid, ',' ORDER BY f_table_name) FROM geometry_columns WHERE f_table_schema = 'sightline'")" = \
  "agencies.location:4326,areas.geom:4326,cameras_points.geom:4326,point_chunk_boxes.box:4326,posts_points.geom:4326,requests.location:4326,sites_points.geom:4326" ]
ogrinfo -ro -so "PG:host=$PG_HOST port=$PG_PORT dbname=sightline" sightline.areas >"$WORK/ogrinfo.txt" 2>&1
check "ogrinfo opens the areas (2,243 features)" grep -q "Feature Count: 2243" "$WORK/ogrinfo.txt"
check "every area geometry is the imported WKB" [ "$(pg_sql sightline \
  "SELECT count(*) FROM sightline.areas WHERE ST_AsBinary(geom, 'NDR') = wkb")" = 2243 ]

# A second set under a taken name is refused, as on SQLite, and changes nothing.
for s in "$DB" "$PG"; do
  "$SL" import areas "$SL_FIXTURES/disparity/areas.geojson" --set nyc --id id -s "$s" >/dev/null 2>"$WORK/dup.err"
  rc=$?
  check "a taken set name is refused ($s)" [ "$rc" = 1 ]
  check "saying so" grep -q "area set 'nyc' exists (from another file); use --replace" "$WORK/dup.err"
done
same info

# Requests, a baseline and the disparity of requests (toy areas: the fixture's).
F=$SL_FIXTURES/disparity
for s in "$DB" "$PG"; do
  check "import toy areas ($s)" "$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black \
    --hispanic hispanic -s "$s"
  check "import requests: CSV ($s)" "$SL" import requests "$F/requests.csv" -s "$s"
  check "import requests: NDJSON ($s)" "$SL" import requests "$F/requests.ndjson" -s "$s"
  check "import requests: GeoJSON ($s)" "$SL" import requests "$F/requests.geojson" -s "$s"
  check "import the ACS national baseline ($s)" "$SL" import baseline "$D/census/acs1-2018-us-DP05.csv" \
    --dp02 "$D/census/acs1-2018-us-DP02.csv" -s "$s"
done 2>/dev/null
same disparity --events requests --areas toy --seed 7 --bootstrap 200 --permutations 200
same disparity --events requests --areas nyc --baseline national --seed 3 --bootstrap 100 --permutations 100
same info
check "requests are PostGIS geometries too" [ "$(pg_sql sightline \
  "SELECT count(*) = count(location) FROM sightline.requests")" = t ]

# rm the posts (import 5) and the NYC tracts (import 3) on both: the same again.
for s in "$DB" "$PG"; do check "rm posts and tracts ($s)" "$SL" rm 5 3 -s "$s"; done
same info
same join --points sites --areas chi
check "no chunk of posts is left" [ "$(pg_sql sightline "SELECT count(*) FROM sightline.point_chunks WHERE layer = 'posts'")" = 0 ]
finish
