#!/usr/bin/env bash
# provenance.sh — every file an analysis reads is named with its sha256 (an
# areas import's demographics table too), and
# a read command given a FILE leaves the store byte for byte as it was.
# Real data: US counties (us-atlas) with QuickFacts, the 538 points as posts,
# the ACS 2018 national profiles as a baseline file, Chicago's community
# areas as a zone polygon.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
D=$SL_SHARED_DATA/census
DB=$(store c)
CHI=$D/chicago-community-areas-acs.geojson
sha() { sha256sum "$1" | cut -d' ' -f1; }
check "import counties with demographics" import_counties "$DB"
check "import the 538 points as posts" "$SL" import posts "$SL_SHARED_DATA/points/police-killings-2015-fivethirtyeight.csv" -s "$DB"
"$SL" synth --areas counties --layer requests --count 300 --seed 3 -s "$DB" >/dev/null
before_dump=$(store_dump "$DB")
before_file=$(sha "$DB")
unchanged() { [ "$(store_dump "$DB")" = "$before_dump" ] && [ "$(sha "$DB")" = "$before_file" ]; }

# A baseline file: read through io, named with its sha256; DP02 only when given.
"$SL" disparity --events requests --areas counties --baseline "$D/acs1-2018-us-DP05.csv" \
  --dp02 "$D/acs1-2018-us-DP02.csv" --bootstrap 200 --permutations 200 --json -s "$DB" > "$WORK/both.json"
check "disparity --baseline FILE --dp02 FILE runs" [ $? -eq 0 ]
check "both baseline files listed with their sha256" python3 - "$WORK/both.json" "$(sha "$D/acs1-2018-us-DP05.csv")" "$(sha "$D/acs1-2018-us-DP02.csv")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
got = {(i["kind"], i["file"], i["sha256"]) for i in r["inputs"]}
sys.exit(0 if got == {("baseline", "acs1-2018-us-DP05.csv", sys.argv[2]), ("baseline DP02", "acs1-2018-us-DP02.csv", sys.argv[3])} else 1)
PY
"$SL" disparity --events requests --areas counties --baseline "$D/acs1-2018-us-DP05.csv" \
  --bootstrap 200 --permutations 200 --json -s "$DB" > "$WORK/dp05.json"
check "no DP02 sibling guessed from the DP05 name" python3 -c "
import json, sys
r = json.load(open('$WORK/dp05.json'))
sys.exit(0 if [i['file'] for i in r['inputs']] == ['acs1-2018-us-DP05.csv'] and 'DP02' not in r['baseline'] else 1)"
"$SL" disparity --events requests --areas counties --dp02 "$D/acs1-2018-us-DP02.csv" -s "$DB" >/dev/null 2>&1
check "--dp02 without a baseline file is a usage error" [ $? -eq 2 ]
check "disparity with baseline files left the store unchanged" unchanged

# A zone polygon: read through io, named with its sha256.
"$SL" zone --polygon "$CHI" --json -s "$DB" > "$WORK/zone.json"
check "zone --polygon runs" [ $? -eq 0 ]
check "zone result names the polygon with its sha256" python3 -c "
import json, sys
r = json.load(open('$WORK/zone.json'))
i = r['inputs']
sys.exit(0 if len(i) == 1 and i[0]['kind'] == 'zone polygon' and i[0]['sha256'] == '$(sha "$CHI")' and r['zone']['sha256'] == i[0]['sha256'] else 1)"
check "zone --polygon left the store unchanged" unchanged

# A zone polygon in projected feet without a CRS: refused with what is
# wrong (it said "out of memory building the result"), as import areas does.
out=$("$SL" zone --polygon "$SL_FIXTURES/bad/zone-projected-no-crs.geojson" -s "$DB" 2>&1)
check "a projected zone polygon without a CRS: exit 1, coordinates outside lon/lat, wrong CRS" bash -c "
  [ $? = 1 ] && grep -q 'feature 0: coordinates outside longitude -180..180 / latitude -90..90 (x 981913..991913, y 189210..199210): wrong CRS' <<<'$out'"

# One layer policy for every polygon reader: a file of several layers needs --layer.
out=$("$SL" zone --polygon "$US_ATLAS" -s "$DB" 2>&1)
check "a 3-layer TopoJSON is refused, not read as its first layer (exit 1)" [ $? -eq 1 ]
check "the refusal lists the layers" grep -q "3 layers; choose one with --layer (counties, states, nation)" <<<"$out"
"$SL" zone --polygon "$US_ATLAS" --layer states --json -s "$DB" > "$WORK/states.json"
check "zone --layer states reads that layer" python3 -c "
import json, sys; r = json.load(open('$WORK/states.json')); sys.exit(0 if r['posts'] == 467 else 1)"

# The audit: summary.json lists the zone polygon beside the store's sources.
"$SL" audit -o "$WORK/out" --quiet --bootstrap 200 --zone "chicago=polygon:$CHI" -s "$DB" >/dev/null
check "audit with a polygon zone runs" [ $? -eq 0 ]
check "summary.json lists every input, the zone polygon with its sha256" python3 - "$WORK/out/summary.json" "$(sha "$CHI")" "$(sha "$US_ATLAS")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
ins = s["inputs"]
zone = [i for i in ins if i["kind"] == "zone polygon"]
ok = len(zone) == 1 and zone[0]["sha256"] == sys.argv[2] and zone[0]["file"] == "chicago-community-areas-acs.geojson" and zone[0]["zone"] == "chicago"
ok = ok and any(i["kind"] == "areas" and i["sha256"] == sys.argv[3] for i in ins)
ok = ok and all(len(i["sha256"]) == 64 for i in ins)
sys.exit(0 if ok else 1)
PY
check "the report's provenance table names the zone polygon" grep -q "chicago-community-areas-acs.geojson" "$WORK/out/report.html"
# The counties' demographics table is an input of every figure per resident:
# named with the sha256 of its bytes, after the boundaries it was joined to.
check "summary.json and the report name the demographics file with its sha256" python3 - "$WORK/out/summary.json" "$(sha "$D/us-counties-quickfacts-2014.csv")" "$WORK/out/report.html" <<'PY'
import json, sys
ins = json.load(open(sys.argv[1]))["inputs"]
kinds = [i["kind"] for i in ins]
demo = [i for i in ins if i["kind"] == "demographics"]
html = open(sys.argv[3]).read()
ok = len(demo) == 1 and demo[0]["file"] == "us-counties-quickfacts-2014.csv" and demo[0]["sha256"] == sys.argv[2]
ok = ok and kinds.index("demographics") == kinds.index("areas") + 1 and demo[0]["year"] == "2014"
ok = ok and f"<th scope=\"row\">us-counties-quickfacts-2014.csv</th><td class=\"kind\" data-label=\"kind\">demographics</td>" in html and sys.argv[2] in html
sys.exit(0 if ok else 1)
PY
check "audit with a polygon zone left the store unchanged" unchanged
finish
