#!/usr/bin/env bash
# import_replace_names.sh — `import --replace` says which import it removed.
# It removed the earlier import (the same bytes with other options, or an
# area set's import from another file) without a word: a reporter could not
# tell which of the store's imports had gone. Now its output starts with the
# line `sightline rm` gives for a removal, with the file named:
# "removed import ID, FILE (N records)"; an import that removes nothing
# prints no such line.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
DB=$(store r)
last_id() { store_sql "$DB" "SELECT max(id) FROM sources"; }

"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$DB" >out.txt
check "an import that removes nothing names no removal" bash -c "! grep -q 'removed import' out.txt"
id=$(last_id)
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas --date-format %m/%d/%y --replace -s "$DB" >out.txt
check "partnerships --replace: the first line names the import removed, its file and rows" \
  test "$(head -1 out.txt)" = "removed import $id, atlas-sample-2020-10-07.csv (3 partnership rows)"
check "... then the import's own summary" grep -q "^imported 3 partnership rows from" out.txt

printf 'id,lat,lon\n1,41.88,-87.65\n2,41.89,-87.66\n' >pts.csv
"$SL" import sites pts.csv --category ice -s "$DB" >/dev/null
id=$(last_id)
"$SL" import sites pts.csv --category clinic --replace -s "$DB" >out.txt
check "sites --replace names the import removed and its points" \
  test "$(head -1 out.txt)" = "removed import $id, pts.csv (2 points)"

cat >areas.geojson <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"GEOID":"01","pop":100},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
{"type":"Feature","properties":{"GEOID":"02","pop":200},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]}
EOF
"$SL" import areas areas.geojson --set a --id GEOID -s "$DB" >/dev/null
id=$(last_id)
"$SL" import areas areas.geojson --set a --id GEOID --pop pop --replace -s "$DB" >out.txt
check "areas --replace (an added --pop) names the import removed and its areas" \
  test "$(head -1 out.txt)" = "removed import $id, areas.geojson (2 areas)"
# Another file into the same set: the set's import goes with --replace.
sed 's/"02"/"03"/' areas.geojson >other.geojson
id=$(last_id)
"$SL" import areas other.geojson --set a --id GEOID --replace -s "$DB" >out.txt
check "areas --replace from another file names the set's import removed" \
  test "$(head -1 out.txt)" = "removed import $id, areas.geojson (2 areas)"
check "... and rm's own line names the file the same way" \
  bash -c "'$SL' rm $(last_id) -s '$DB' | grep -qx 'removed import $(last_id), other.geojson (2 areas)'"
finish
