#!/usr/bin/env bash
# Rates per resident of areas with few residents (sl_few_residents: 1 to 499)
# are marked wherever they are shown, and can be left out: five squares of
# 40, 500, 3,000, 0 and 499 residents (tests/fixtures/few_residents) and
# 15 posts, 6 of them in the park of 40 residents, whose 150 posts per
# 1,000 people would otherwise top the table with nothing said.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/few_residents
DB=$(store f)
check "import areas" "$SL" import areas "$F/areas.geojson" --set parks --id id --name name --pop pop --black black -s "$DB"
check "import posts" "$SL" import posts "$F/posts.csv" -s "$DB"

"$SL" join --points posts --areas parks --sort per_1000 -s "$DB" >"$WORK/t.txt"
check "table: the park's rate is marked" grep -Eq '^  P +Riverside Park +6 +40 +150\.0 \*' "$WORK/t.txt"
check "... and so is 499 residents' (one less than the line)" grep -Eq '^  U +Mill Row +1 +499 +2\.00 \*' "$WORK/t.txt"
check "... not 500 residents', nor 3,000's" bash -c "grep -Eq '^  Q .* 6\\.00 ' '$WORK/t.txt' && ! grep -Eq '^  [QR] .*\\*' '$WORK/t.txt'"
check "... an area of no residents has no rate, and no mark" grep -Eq '^  S +Airfield +2 +0 +n/a ' "$WORK/t.txt"
check "... the note says what the mark means and how to leave them out" \
  grep -q '^\* fewer than 500 residents (2 of the areas listed): a rate per resident there rests on$' "$WORK/t.txt"
check "... ... on two lines" grep -q '^  few people (a park, an airport, a nearly empty county); --min-population 500 leaves them out$' "$WORK/t.txt"
# a rate per resident is of residents counted in a year: the table names the
# file and the year its import recorded (the statistician's walk, run of
# 2026-12-07, fourth: the report said "data of 2014", join nothing)
check "the table says where the population comes from, and that no year was recorded" \
  grep -qx 'population: areas.geojson, year not recorded at import (import 1)' "$WORK/t.txt"
Y=$(store y)
"$SL" import areas "$F/areas.geojson" --set parks --id id --name name --pop pop --year 2020 -s "$Y" >/dev/null 2>&1
"$SL" import posts "$F/posts.csv" -s "$Y" >/dev/null 2>&1
"$SL" join --points posts --areas parks -s "$Y" >"$WORK/y.txt" 2>&1
"$SL" join --points posts --areas parks --json -s "$Y" >"$WORK/y.json" 2>&1
check "... and the year given at import, in the table and the JSON" bash -c "
  grep -qx 'population: areas.geojson, data of 2020 (import 1)' '$WORK/y.txt' &&
  python3 -c \"import json,sys; sys.exit(0 if json.load(open('$WORK/y.json'))['population_from'] == {'file': 'areas.geojson', 'year': '2020', 'import': 1, 'columns': {'pop': 'pop'}} else 1)\""
"$SL" join --points posts --areas parks --sort per_1000 --top 1 -s "$DB" >"$WORK/top.txt"
check "--top 1: the note counts the rows shown" grep -q '(1 of the areas listed)' "$WORK/top.txt"
"$SL" join --points posts --areas parks --sort per_1000 --min-population 500 -s "$DB" >"$WORK/m.txt"
check "--min-population 500: Q and R only" bash -c "[ \"\$(grep -Ec '^  [A-Z] ' '$WORK/m.txt')\" = 2 ] && grep -q '^  Q ' '$WORK/m.txt' && grep -q '^  R ' '$WORK/m.txt'"
check "... and no note, but the line under the table says why the others are missing" bash -c "! grep -q 'fewer than 500' '$WORK/m.txt' &&
  grep -q '^(areas with no points or fewer residents than --min-population not listed' '$WORK/m.txt'"
"$SL" join --points posts --areas parks --min-population -3 -s "$DB" >/dev/null 2>"$WORK/bad.err"
check "--min-population -3 is a usage error" [ $? -eq 2 ]
check "... that says what it wants" grep -q "min-population wants a number of residents" "$WORK/bad.err"

"$SL" join --points posts --areas parks --csv -s "$DB" >"$WORK/t.csv"
# (then what the file counts, area_set first, since the run of 2026-12-07, eighth)
check "CSV: a few_residents column, after the figures" bash -c "head -1 '$WORK/t.csv' | grep -q '^id,name,count,population,per_1000,per_km2,few_residents,area_set,'"
check "... true for P and U, false for the others, rates unmarked" bash -c "
  grep -q '^P,Riverside Park,6,40,150,' '$WORK/t.csv' && grep -q ',true,parks,' <(grep '^P,' '$WORK/t.csv') &&
  grep -q ',true,parks,' <(grep '^U,' '$WORK/t.csv') && [ \"\$(grep -c ',false,parks,' '$WORK/t.csv')\" = 3 ]"
"$SL" join --points posts --areas parks --json -s "$DB" >"$WORK/t.json"
check "JSON: few_residents on every row, and the line" python3 - "$WORK/t.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
few = {a["id"]: a["few_residents"] for a in r["areas"]}
sys.exit(0 if r["few_residents_under"] == 500 and few == {"P": True, "Q": False, "R": False, "S": False, "U": True} else 1)
PY

# A location quotient is a figure per resident too: the areas say which rest on few.
"$SL" disparity --events posts --areas parks --json -s "$DB" >"$WORK/d.json" 2>/dev/null
check "disparity JSON: few_residents on every area, and the line" python3 - "$WORK/d.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
few = {a["id"]: a["few_residents"] for a in r["areas"]}
sys.exit(0 if r["few_residents_under"] == 500 and few == {"P": True, "Q": False, "R": False, "S": False, "U": True} else 1)
PY

# The report: its table of areas marks the rate, and its map leaves the
# area out of the colour classes (report_map.sh sees that in a browser).
check "audit" "$SL" audit -s "$DB" -o "$WORK/report" --quiet
check "report: the park's rate per 100,000 is marked, with separators" \
  grep -q '<td>P</td><th scope="row">Riverside Park</th><td class="num">6</td><td class="num">[0-9,.]*</td><td class="num">15,000.0 \*</td>' "$WORK/report/report.html"
check "... and the note under the table says why" \
  grep -q '<p class="note">\* Fewer than 500 residents: a rate per resident there rests on few people' "$WORK/report/report.html"
check "... the map knows the line" grep -q '"few_residents":500' "$WORK/report/report.html"
check "summary.json: the join's rows carry the mark" python3 - "$WORK/report/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
rows = {a["id"]: a for a in s["areas"][0]["joins"]["posts"]["areas"]}
sys.exit(0 if rows["P"]["few_residents"] is True and rows["R"]["few_residents"] is False else 1)
PY
# The Airfield (0 residents) holds 2 posts: a share weighs events by their
# areas' residents, so those 2 are in no share, and the count of events
# beside the table said nothing of it.
check "disparity JSON: the events in areas of no residents, and the sentence" python3 -c "
import json,sys; d=json.load(open('$WORK/d.json'))
sys.exit(0 if d['weight_no_residents'] == 2 and d['no_residents_note'] == '2 of the events lie in areas with no residents, so no share counts them' else 1)"
"$SL" disparity --events posts --areas parks -s "$DB" >"$WORK/d.txt" 2>/dev/null
check "disparity table: the note under the count of events" grep -qx 'note: 2 of the events lie in areas with no residents, so no share counts them' "$WORK/d.txt"
finish
