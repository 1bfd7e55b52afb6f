#!/usr/bin/env bash
# `import requests` reads radii in their unit, reprojects a GeoJSON that
# declares its CRS, refuses coordinates off the globe, warns about swapped
# lat/lon, and keeps a request with no location apart (run of 2026-12-05).
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/requests
radii() { store_sql "$1" "SELECT radius_m FROM requests ORDER BY line" | awk '{ printf "%.3f ", $1 }'; }

# Per-row units: 1500 feet, 0.5 miles, 500 ft, 1 mi, in metres.
cat >"$WORK/units.csv" <<'CSV'
id,agency,state,date,lat,lon,radius,radius_unit
1,Example Police Department,NY,2020-03-01,40.75,-73.99,1500,feet
2,Example Police Department,NY,2020-03-02,40.75,-73.97,0.5,miles
3,Example Police Department,NY,2020-03-03,40.75,-73.99,500,ft
4,Example Police Department,NY,2020-03-04,40.75,-73.97,1,mi
CSV
DB=$(store u)
"$SL" import requests "$WORK/units.csv" -s "$DB" >"$WORK/u.out" 2>"$WORK/u.err"
check "a radius_unit column: exit 0" [ $? -eq 0 ]
check "a radius_unit column: feet and miles stored in metres" [ "$(radii "$DB")" = "457.200 804.672 152.400 1609.344 " ]
check "the summary says the units of the unit column" grep -q "read in the units of column 'radius_unit' (feet, miles)" "$WORK/u.out"

sed 's/,mi$/,furlongs/' "$WORK/units.csv" >"$WORK/furlongs.csv"
"$SL" import requests "$WORK/furlongs.csv" -s "$(store f)" >/dev/null 2>"$WORK/f.err"
check "an unknown unit is refused (exit 1)" [ $? -eq 1 ]
check "at its line, naming the value and --radius-unit" grep -q "furlongs.csv:5: 'furlongs' in column 'radius_unit' is not a unit.*--radius-unit" "$WORK/f.err"

DB=$(store w)
"$SL" import requests "$WORK/units.csv" --radius-unit m -s "$DB" >/dev/null 2>"$WORK/w.err"
check "--radius-unit speaks for the whole file" [ "$(radii "$DB")" = "1500.000 0.500 500.000 1.000 " ]
check "the unit column it overrides is named as not read" grep -q "warning: not read: radius_unit.*radii were read from column 'radius'" "$WORK/w.err"

# A column named with its unit is found and read in it.
cat >"$WORK/ft.csv" <<'CSV'
id,agency,state,date,lat,lon,radius_ft
1,Example Police Department,NY,2020-03-01,40.75,-73.99,1500
2,Example Police Department,NY,2020-03-02,40.75,-73.97,500
CSV
DB=$(store ft)
"$SL" import requests "$WORK/ft.csv" -s "$DB" >"$WORK/ft.out"
check "radius_ft is found and read in feet" [ "$(radii "$DB")" = "457.200 152.400 " ]
check "the summary names the column and the unit" grep -q "radii from column 'radius_ft', read in feet" "$WORK/ft.out"
DB=$(store ft2)
"$SL" import requests "$WORK/ft.csv" --radius radius_ft -s "$DB" >/dev/null
check "--radius radius_ft is read in feet too" [ "$(radii "$DB")" = "457.200 152.400 " ]
"$SL" import requests "$WORK/ft.csv" --radius-unit m -s "$(store ft3)" >/dev/null 2>"$WORK/ft3.err"
check "--radius-unit m against a radius_ft column is refused" [ $? -ne 0 ]
"$SL" import requests "$WORK/ft.csv" --radius-unit yards -s "$(store ft4)" >/dev/null 2>"$WORK/ft4.err"
check "an unknown --radius-unit is a usage error" [ $? -eq 2 ]
sed 's/radius_ft/radius/' "$WORK/ft.csv" >"$WORK/plain.csv"
sed 's/,1500$/,0.5/; s/,500$/,1/' "$WORK/plain.csv" >"$WORK/miles.csv"
DB=$(store mi)
"$SL" import requests "$WORK/miles.csv" --radius-unit mi -s "$DB" >"$WORK/mi.out"
check "--radius-unit mi converts a plain radius" [ "$(radii "$DB")" = "804.672 1609.344 " ]
check "and the summary says miles" grep -q "read in miles" "$WORK/mi.out"
"$SL" import requests "$WORK/plain.csv" --radius-unit mi -s "$(store big)" >/dev/null 2>"$WORK/big.err"
check "1,500 miles is over the 1,000 km a radius may be" grep -q "radius '1500' is 2414 km: over 1,000 km" "$WORK/big.err"
DB=$(store m)
"$SL" import requests "$WORK/plain.csv" -s "$DB" >"$WORK/m.out"
check "a plain radius is metres, and the summary says so" grep -q "radii from column 'radius', read in metres" "$WORK/m.out"

# A radius-like column that is not read is named.
sed 's/radius_ft/search_radius/' "$WORK/ft.csv" >"$WORK/search.csv"
DB=$(store s)
"$SL" import requests "$WORK/search.csv" -s "$DB" >/dev/null 2>"$WORK/s.err"
check "search_radius, not read, is named in a warning" grep -q "warning: not read: search_radius.*no radius was read" "$WORK/s.err"

# A GeoJSON in EPSG:2263 (feet) that says so is reprojected.
DB=$(store crs)
"$SL" import areas "$F/areas.geojson" --set nyc --id id --pop pop --black black --hispanic hispanic -s "$DB" >/dev/null
"$SL" import requests "$F/points_2263.geojson" -s "$DB" >"$WORK/p.out"
check "points in EPSG:2263: exit 0" [ $? -eq 0 ]
check "points in EPSG:2263 are stored as lon/lat" [ "$(store_sql "$DB" "SELECT lat, lon FROM requests ORDER BY line LIMIT 1" | awk -F'|' '{ printf "%.4f %.4f", $1, $2 }')" = "40.7500 -73.9900" ]
check "the summary says it reprojected" grep -q "reprojected from EPSG:2263" "$WORK/p.out"
"$SL" import requests "$F/polygon_2263.geojson" -s "$DB" >/dev/null
check "a polygon in EPSG:2263: exit 0" [ $? -eq 0 ]
"$SL" join --points requests --areas nyc --json -s "$DB" >"$WORK/j.json"
check "join splits it" [ $? -eq 0 ]
check "three requests, none outside, half the polygon in each area" python3 - "$WORK/j.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
c = {a["id"]: a["count"] for a in j["areas"]}
sys.exit(not (j["points"] == 3 and abs(j["outside"]) < 1e-6 and abs(c["W"] - 1.5) < 0.01 and abs(c["E"] - 1.5) < 0.01))
PY
DB=$(store nocrs)
"$SL" import requests "$F/polygon_2263_nocrs.geojson" -s "$DB" >/dev/null 2>"$WORK/n.err"
check "feet without a crs member are refused (exit 1)" [ $? -eq 1 ]
check "saying the coordinates are off the globe and what to do" grep -q "polygon_2263_nocrs.geojson:1: feature 1: coordinates outside longitude.*ogr2ogr -t_srs EPSG:4326" "$WORK/n.err"
check "and nothing is stored" [ "$(store_sql "$DB" "SELECT count(*) FROM requests" 2>/dev/null || echo 0)" = 0 ]
printf 'agency,state,geometry\nExample Police Department,NY,"POINT (987020 212522)"\n' >"$WORK/wkt.csv"
"$SL" import requests "$WORK/wkt.csv" -s "$(store wkt)" >/dev/null 2>"$WORK/wkt.err"
check "a CSV's WKT in feet is refused too" [ $? -eq 1 ]

# Swapped latitude and longitude are warned about, as for posts.
cat >"$WORK/swapped.csv" <<'CSV'
agency,state,lat,lon,radius_m
Example Police Department,NY,-73.99,40.75,200
Example Police Department,NY,-73.97,40.75,200
CSV
"$SL" import requests "$WORK/swapped.csv" -s "$(store sw)" >/dev/null 2>"$WORK/sw.err"
check "swapped lat/lon: a warning" grep -q "latitude and longitude columns look swapped" "$WORK/sw.err"
"$SL" import requests "$WORK/plain.csv" -s "$(store nsw)" >/dev/null 2>"$WORK/nsw.err"
check "no swap warning for New York the right way round" bash -c "! grep -q swapped '$WORK/nsw.err'"

# A request with no location is kept at import (the campaign page counts it
# by its written state), said, and counted apart: in no area, not outside.
cat >"$WORK/noloc.csv" <<'CSV'
id,agency,state,date,geometry
1,Example Police Department,NY,2020-06-02,"POLYGON((-73.99 40.745,-73.97 40.745,-73.97 40.755,-73.99 40.755,-73.99 40.745))"
2,Example Police Department,NY,2020-06-03,
3,Example Police Department,NY,2020-06-04,"POLYGON((-60 35,-59.9 35,-59.9 35.1,-60 35.1,-60 35))"
CSV
DB=$(store nl)
"$SL" import areas "$F/areas.geojson" --set nyc --id id --pop pop --black black --hispanic hispanic -s "$DB" >/dev/null
"$SL" import requests "$WORK/noloc.csv" -s "$DB" >"$WORK/nl.out" 2>"$WORK/nl.err"
check "no location: kept, and the summary says so" grep -q "imported 3 requests from .*1 without a location" "$WORK/nl.out"
check "no location: its line is named" grep -q "noloc.csv:3: note: 1 request has no location" "$WORK/nl.err"
"$SL" join --points requests --areas nyc --json -s "$DB" >"$WORK/nl.json"
check "join: 2 requests split, 1 outside (not 2), 1 with no location" python3 -c "
import json, sys; j = json.load(open('$WORK/nl.json')); sys.exit(not (j['points'] == 2 and abs(j['outside'] - 1) < 1e-6 and j['no_location'] == 1))"
check "join's table says the one with no location apart" bash -c "
  '$SL' join --points requests --areas nyc -s '$DB' | grep -q '^1 more request has no location (no point, radius or polygon) and is in no area'"
"$SL" disparity --events requests --areas nyc --json -s "$DB" >"$WORK/nld.json" 2>/dev/null
check "disparity: 1 wholly outside (not 2), 1 with no location, said" python3 -c "
import json, sys; d = json.load(open('$WORK/nld.json'))
sys.exit(not (d['events_outside'] == 1 and d['events_no_location'] == 1 and 'no share counts it' in d['no_location_note']))"
printf 'id,agency,state,date\n1,Example Police Department,NY,2020-06-02\n' >"$WORK/nowhere.csv"
"$SL" import requests "$WORK/nowhere.csv" -s "$(store nw)" >/dev/null 2>&1
check "a file of requests without places imports (the campaign counts them by state)" test $? -eq 0

# A radius column spelled as exports write it: "Radius (ft)", "RADIUS-M",
# "Radius (miles)" read as radius_ft, radius_m and radius_miles.
for h in "Radius (ft):152.400" "RADIUS-M:500.000" "Radius (miles):804.672" "Radius(km):500000.000"; do
  name=${h%%:*} want=${h##*:}
  v=500; case $name in *miles*) v=0.5 ;; esac
  printf 'id,agency,state,date,lat,lon,"%s"\n1,Example Police Department,NY,2020-03-01,40.75,-73.99,%s\n' "$name" "$v" >"$WORK/spelled.csv"
  DB=$(store "spelled$RANDOM")
  "$SL" import requests "$WORK/spelled.csv" -s "$DB" >"$WORK/s.out" 2>&1
  check "a column named '$name' is the radius, in its unit" [ "$(radii "$DB")" = "$want " ]
done
finish
