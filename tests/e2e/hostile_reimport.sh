#!/usr/bin/env bash
# hostile_reimport.sh — importing again (issue #19, points 2 and 8).
# Point 2: a record is identified by its content key, not the file's bytes:
# the real FBI registry and Atlas saved with CRLF endings change nothing
# (no agency twice, linking intact); a registry with one renamed and one new
# agency updates one and adds one. Point 8: the same bytes with other
# options (a corrected --lat/--lon, another --category, an added --pop) are
# refused with a sentence naming --replace, and --replace removes the
# earlier import and imports anew; into a new --set they are another import.
. "$(dirname "$0")/lib.bash"
need_shared
D=$SL_SHARED_DATA
cd "$WORK" || exit 1
db=$(store r)
q() { store_sql "$db" "$1"; }

"$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s $db >/dev/null
"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s $db >/dev/null
agencies=$(q "SELECT count(*) FROM agencies")
linked=$(q "SELECT count(*) FROM partnerships WHERE agency_id IS NOT NULL")
before=$(store_dump $db)

sed 's/$/\r/' "$D/agencies/fbi-cde-agencies-2018.csv" >fbi-crlf.csv
"$SL" import agencies fbi-crlf.csv --preset fbi-cde -s $db >out.txt 2>&1
rc=$?
check "the registry again with CRLF endings exits 0" test $rc -eq 0
check "... says every agency is in the store already" grep -q "is in the store already (same ORI" out.txt
check "... and changes nothing" test "$before" = "$(store_dump $db)"
check "... no ORI twice" test "$(q "SELECT count(*) - count(DISTINCT ori) FROM agencies")" -eq 0

sed 's/$/\r/' "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" >atlas-of-surveillance-2020-10-07.csv
"$SL" import partnerships atlas-of-surveillance-2020-10-07.csv --preset atlas -s $db >out.txt 2>&1
check "the Atlas again with CRLF endings changes nothing" test "$before" = "$(store_dump $db)"
check "... and says so" grep -q "same Atlas number and snapshot" out.txt

python3 - "$D/agencies/fbi-cde-agencies-2018.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
rows[5][1] += ' (renamed)'
new = list(rows[6]); new[8] = 'ZZ0000001'; new[1] = 'Test Agency Added'
rows.append(new)
csv.writer(open('fbi-changed.csv', 'w', newline='')).writerows(rows)
EOF
renamed_ori=$(python3 -c "import csv;print(list(csv.reader(open('fbi-changed.csv')))[5][8])")
id_before=$(q "SELECT id FROM agencies WHERE ori='$renamed_ori'")
"$SL" import agencies fbi-changed.csv --preset fbi-cde -s $db >out.txt 2>&1
check "a registry with one change and one addition: 1 new, 1 updated" grep -q "1 new, 1 updated, $(thousands $((agencies - 1))) agencies the store held already" out.txt
check "... one more agency, none twice" test "$(q "SELECT count(*), count(DISTINCT ori) FROM agencies")" = "$((agencies + 1))|$((agencies + 1))"
check "... the renamed agency keeps its id and takes the new name" \
  test "$(q "SELECT id, CAST(name LIKE '% (renamed)' AS INTEGER) FROM agencies WHERE ori='$renamed_ori'")" = "$id_before|1"
now_linked=$(q "SELECT count(*) FROM partnerships WHERE agency_id IS NOT NULL")
check "... linking still holds (within one row of $linked): $now_linked" test $((linked - now_linked)) -le 1

"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas --id-col AOSNUMBER \
  -s $db >/dev/null 2>err.txt
check "the Atlas again with another mapping is refused without --replace" grep -q "other options.*--replace" err.txt
"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas --id-col AOSNUMBER \
  --replace -s $db >/dev/null 2>&1
check "... and with --replace the rows are there once" \
  test "$(q "SELECT count(*) FROM partnerships; SELECT count(*) FROM sources WHERE kind='partnerships'")" = "$(printf '5783\n1')"

# Point 8: the same bytes, other options.
printf 'id,y,x,lat2,lon2\n1,41.88,-87.65,41.88,-87.65\n2,41.89,-87.66,41.89,-87.66\n' >pts.csv
"$SL" import sites pts.csv --category ice -s "$(store p)" >/dev/null
"$SL" import sites pts.csv --category ice -s "$(store p)" >out.txt 2>&1
check "the same file, same options: nothing changed (exit 0)" grep -q "with the same options; nothing changed" out.txt
snap=$(store_dump "$(store p)")
"$SL" import sites pts.csv --category clinic -s "$(store p)" >out.txt 2>err.txt
rc=$?
check "the same file under another --category is refused (exit 1)" test $rc -eq 1
check "... naming --replace" grep -q "imported before as sites with other options.*--replace" err.txt
check "... and the store is unchanged" test "$snap" = "$(store_dump "$(store p)")"
"$SL" import sites pts.csv --category clinic --replace -s "$(store p)" >/dev/null 2>&1
check "--replace imports it again under the new category, the old import removed" \
  test "$(store_sql "$(store p)" "SELECT group_concat(category) FROM point_chunks; SELECT count(*) FROM sources")" = "$(printf 'clinic\n1')"
"$SL" import posts pts.csv -s "$(store p)" --lat y --lon x >/dev/null 2>&1
"$SL" import posts pts.csv -s "$(store p)" --lat lat2 --lon lon2 >/dev/null 2>err.txt
check "a corrected --lat/--lon mapping is refused without --replace" grep -q "other options" err.txt
"$SL" import posts pts.csv -s "$(store p)" --lat lat2 --lon lon2 --replace >/dev/null 2>&1
check "... and replaces the posts with --replace" \
  test "$(store_sql "$(store p)" "SELECT count(*) FROM point_chunks WHERE layer='posts'; SELECT options FROM sources WHERE kind='posts'")" = "$(printf '1\n{"lat":"lat2","lon":"lon2"}')"

cat >areas.geojson <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"GEOID":"01","pop":100},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
{"type":"Feature","properties":{"GEOID":"02","pop":200},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]}
EOF
"$SL" import areas areas.geojson --set a --id GEOID -s "$(store a)" >/dev/null 2>&1
"$SL" import areas areas.geojson --set a --id GEOID --pop pop -s "$(store a)" >/dev/null 2>err.txt
check "an added --pop is refused without --replace" grep -q "other options.*--replace" err.txt
"$SL" import areas areas.geojson --set a --id GEOID --pop pop --replace -s "$(store a)" >/dev/null 2>&1
check "... and taken with --replace" test "$(store_sql "$(store a)" "SELECT CAST(sum(pop) AS INTEGER) || ' ' || count(*) FROM areas")" = "300 2"
# The same boundaries feeding a second set are a second import (import_mistakes.sh)
check "a new --set from the same file is another import: set a stays" \
  "$SL" import areas areas.geojson --set b --id GEOID --pop pop -s "$(store a)"
check "... two sets, two sources" \
  test "$(store_sql "$(store a)" "SELECT name FROM area_sets ORDER BY name; SELECT count(*) FROM sources")" = "$(printf 'a\nb\n2')"
"$SL" import areas areas.geojson --set b --id GEOID -s "$(store a)" >/dev/null 2>err.txt
check "set b again with other options is refused without --replace" grep -q "other options.*--replace" err.txt
"$SL" import areas areas.geojson --set b --id GEOID --replace -s "$(store a)" >/dev/null 2>&1
check "... and with --replace set b is imported anew, set a untouched" \
  test "$(store_sql "$(store a)" "SELECT set_name || ' ' || count(pop) FROM areas GROUP BY set_name ORDER BY set_name; SELECT count(*) FROM sources")" = "$(printf 'a 2\nb 0\n2')"
finish
