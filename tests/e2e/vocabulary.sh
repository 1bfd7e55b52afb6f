#!/usr/bin/env bash
# One vocabulary (issue 13, point 8): the same flag for the same idea on
# every command, old names kept as aliases; one privacy flag name (--k);
# LAT,LON for points with a swapped circle refused; help hints that name
# the right command.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES
rows() { # rows DB COLUMNS TABLE: a digest of the rows, never of nothing
  local out
  out=$(store_sql "$1" "SELECT $2 FROM $3 ORDER BY 1")
  if [ -n "$out" ]; then sha256sum <<<"$out"; else echo "no rows in $1 ($RANDOM)"; fi
}

"$SL" import requests "$F/disparity/requests.csv" --date-col date --lat-col lat --lon-col lon --id-col id -s "$(store a)" >/dev/null
"$SL" import requests "$F/disparity/requests.csv" --date date --lat lat --lon lon --id id -s "$(store b)" >/dev/null
check "requests: --date/--lat/--lon/--id read the same as the -col names" \
  [ "$(rows "$(store a)" "record_id, date, lat, lon, radius_m" requests)" = "$(rows "$(store b)" "record_id, date, lat, lon, radius_m" requests)" ]

M=$F/ring-map-export.csv
"$SL" import partnerships "$M" --name-col "Agency Name" --state-col State --city-col City --date-col "Active Date" \
  --date-format %m/%d/%Y --tech "Ring/Neighbors Partnership" --snapshot 2020-11-01 -s "$(store c)" >/dev/null
"$SL" import partnerships "$M" --name "Agency Name" --state State --city City --date "Active Date" \
  --date-format %m/%d/%Y --tech "Ring/Neighbors Partnership" --snapshot 2020-11-01 -s "$(store d)" >/dev/null
check "partnerships: --name/--state/--city/--date as the -col names" \
  [ "$(rows "$(store c)" "agency, state, city, start_date" partnerships)" = "$(rows "$(store d)" "agency, state, city, start_date" partnerships)" ]

printf 'id,lat,lon,when\n1,40.1,-75.1,2020-01-01\n2,40.2,-75.2,2020-02-01\n' > "$WORK/p.csv"
"$SL" import posts "$WORK/p.csv" --time when -s "$(store e)" >/dev/null
"$SL" import posts "$WORK/p.csv" --date when -s "$(store f)" >/dev/null
check "posts: --date is --time" [ "$("$SL" cameras -s "$(store e)" --json)" = "$("$SL" cameras -s "$(store f)" --json)" ]
check "posts: the dates were read" bash -c "\"$SL\" cameras -s '$(store f)' --json | grep -q '2020-01-01'"
# A column named like a date is not read unasked, but the import says so,
# and cameras says how when no post has a date.
printf 'id,lat,lon,Created\n1,40.1,-75.1,2020-01-01\n' > "$WORK/c.csv"
"$SL" import posts "$WORK/c.csv" -s "$(store g)" 2>"$WORK/c.err" >/dev/null
check "posts: an unread 'Created' column is named, with the option that reads it" \
  grep -q "note: column 'Created' was not read as the posts' date; --date 'Created' reads it" "$WORK/c.err"
check "... and cameras says no post has a date, and how to read them" bash -c "
  '$SL' cameras -s '$(store g)' | grep -q '^no post has a date (.sightline import posts FILE --date COLUMN --replace. reads them)'"
check "... not when --date is given" bash -c "! '$SL' import posts '$WORK/c.csv' --date Created -s '$(store h)' 2>&1 >/dev/null | grep -q note"
check "... nor for sites, which no date describes" bash -c "! '$SL' import sites '$WORK/c.csv' --category x -s '$(store h)' 2>&1 >/dev/null | grep -q note"

D=$(store demo)
"$SL" demo -s "$D" >/dev/null 2>&1
"$SL" density -s "$D" --hex 500 --k 3 -o "$WORK/k.geojson" 2>/dev/null
"$SL" density -s "$D" --hex 500 --min-count 3 -o "$WORK/m.geojson" 2>/dev/null
check "density --k is the privacy flag (as in audit); --min-count stays an alias" cmp -s "$WORK/k.geojson" "$WORK/m.geojson"
"$SL" zone -s "$D" --circle -87.63,41.88,500 >/dev/null 2>"$WORK/e"
check "a circle given LON,LAT is refused with the swap named" \
  bash -c "[ $? -eq 2 ] && grep -q 'did you mean 41.88,-87.63' '$WORK/e'"
"$SL" import areas x.geojson --bogus 2>"$WORK/e" >/dev/null
check "help hints name the whole command" grep -q "Try 'sightline import areas --help'" "$WORK/e"
"$SL" join -s "$D" --points posts --areas demo-tracts --min-points 20 --format csv > "$WORK/j.csv"
check "join --min-points keeps only areas with that many points" \
  python3 -c "import csv,sys; r=list(csv.DictReader(open('$WORK/j.csv'))); sys.exit(not r or min(int(x['count']) for x in r) < 20)"
finish
