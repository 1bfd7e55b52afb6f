#!/usr/bin/env bash
# report_nyc.sh — the report of a New York City store: the 2,166 tracts of
# the five boroughs, the registry and the Atlas, and an export of one
# agency's requests for footage, some of whose circles reach over the water
# (a run of 2026-12-06 on such a store). Checked here:
# - the part of the requests outside every tract is said as a weight, as
#   `disparity` says it: pieces of 3 waterfront circles adding up to 0.95
#   of a request had read "1 of the police requests ... lie outside";
# - the NYPD, whose registry point (in Central Park) three more agencies
#   share, is named as left out of the tracts for it, where the report said
#   "0 agencies on record lie in tracts" and no more;
# - the requests' dates and agency stand beside their figures (section,
#   table and map), where the report gave neither;
# - `join` says the requests wholly outside apart from the pieces of those
#   partly outside, as the report does, where it added both into "pieces
#   adding up to 1.95 requests" (a run of 2026-12-06 with 20 requests);
# - the map opens coloured by a layer the page would quote, not by the
#   quotients of requests it calls too few to quote;
# - with a registry of New York alone (no state sentence in the opening's
#   note) and invented requests beside the real ones, the note reads
#   "(see “Areas”). Sources", not with two spaces, and the page shows no
#   backtick: a command it quotes is code, not "`sightline rm 7`".
. "$(dirname "$0")/lib.bash"
need_shared
D=$SL_SHARED_DATA
DB=$(store nyc)
"$SL" import areas "$D/census/nyc-tracts-acs2008-12.shp" --set tracts --id '36{geo_county:03}{ct2010:06}' --name geo_name \
  --pop poptot --black african --hispanic hispanic -s "$DB" >/dev/null 2>&1
"$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
# Harlem and Barclays Center inland; St George, Pier 40 and Coney Island
# over the water's edge; one in Newark, NJ, outside every tract; one undated.
cat >"$WORK/req.csv" <<'CSV'
Request No.,Date Requested,Incident Address,Latitude,Longitude,Radius (ft)
R-0001,01/06/2020,"125th St & Lenox Ave, New York, NY",40.8081,-73.9454,500
R-0005,02/02/2020,"Bay St & Victory Blvd, Staten Island, NY",40.6368,-74.0763,1500
R-0012,04/15/2020,"Hudson River Pier 40, New York, NY",40.7293,-74.0118,2640
R-0014,05/26/2020,"Coney Island Boardwalk, Brooklyn, NY",40.5725,-73.9790,1000
R-0015,,"Barclays Center, Brooklyn, NY",40.6826,-73.9754,500
R-0021,08/08/2020,"Broad St, Newark, NJ",40.7357,-74.1724,300
CSV
check "the requests import, dated by their column" "$SL" import requests "$WORK/req.csv" -s "$DB" \
  --agency-name "New York City Police Department" --agency-state NY --date "Date Requested" --date-format '%m/%d/%Y'
"$SL" join --points requests --areas tracts --json -s "$DB" >"$WORK/j.json" 2>/dev/null
"$SL" disparity --events requests --areas tracts --bootstrap 200 --permutations 200 -s "$DB" >"$WORK/d.txt" 2>/dev/null
check "the audit runs" "$SL" audit -s "$DB" -o "$WORK/r" --quiet --bootstrap 200
R=$WORK/r/report.html
jq() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# 1. Outside every tract: one request wholly, pieces of three more.
check "join counts the requests wholly and partly outside: 1 and 3" \
  test "$(jq "$WORK/j.json" '(j["outside_wholly"], j["outside_partly"])')" = "(1, 3)"
part=$(sed -n 's/.*(1 more wholly outside it; pieces adding up to \([0-9.]*\) events lie outside it, by overlap).*/\1/p' "$WORK/d.txt")
check "disparity gives the pieces outside a weight under one request ($part)" \
  python3 -c "import sys; sys.exit(not 0 < float('${part:-0}') < 1)"
check "the report's requests table says the same: 1 wholly outside, pieces of 3 more adding up to $part of a request" \
  grep -q "<p class=\"note\">1 of the 6 police requests for footage lies wholly outside every area of “tracts” and counts in none; pieces of 3 more, whose footprints reach past the areas&#39; edge (over water, or beyond the areas), add up to $part of a request&#39;s weight, which counts in no area.</p>" "$R"
check "… and no count of requests rounded from a weight" bash -c "! grep -q 'of the police requests for footage (each split over the areas it overlaps) lie' '$R'"

# 2. The NYPD, at a point the registry gives several agencies.
S=$WORK/r/summary.json
check "summary.json names the agency left out of the tracts for a shared point: the NYPD" \
  test "$(jq "$S" '[a["name"] for e in j["areas"] for a in e["partnered_shared_point_agencies"]]')" = "['New York City Police Department']"
WHY="1 more agency on record, New York City Police Department, is left out: the registry puts it at a point it gives 3 or more agencies (a county&#39;s placeholder, not where it is), which no area finer than a county holds"
check "the Areas section says so beside its count of 0" grep -q "<p>0 agencies on record lie in “tracts”, in 0 areas; $WHY. These areas" "$R"
check "… and so does the opening sentence's note" grep -q "of the [0-9,]* agencies on record with a location, 0 lie in “tracts”; $WHY (see “Areas”)." "$R"

# 3. When and whose the requests are.
SPAN="Of the 6 police requests, 5 are dated from 6 January 2020 to 8 August 2020 and 1 carries no date; they are from one agency, New York City Police Department."
check "summary.json gives the requests' dates and agency" \
  test "$(jq "$S" 'sorted(j["requests"].items())')" = "[('agencies', 1), ('agency_names', ['New York City Police Department']), ('count', 6), ('first_date', '2020-01-06'), ('last_date', '2020-08-08'), ('undated', 1)]"
check "the disparity section and the requests table say them" \
  test "$(grep -c "<p class=\"note requests-span\">$SPAN</p>" "$R")" = 2
check "… and so does the map's legend, for each colouring by requests" \
  test "$(python3 -c "
import json, re, sys
page = open(sys.argv[1]).read()
data = json.loads(re.search(r'<script type=\"application/json\" id=\"sl-map\"[^>]*>(.*?)</script>', page, re.S).group(1))
print(sorted(k for k, v in data['notes'].items() if v == sys.argv[2]))" "$R" "$SPAN")" = "['lq_requests', 'requests', 'requests_per_100k']"

# 4. join's summary, in the report's words.
"$SL" join --points requests --areas tracts -s "$DB" >"$WORK/j.txt" 2>/dev/null
check "join says 1 request wholly outside and the weight of the pieces of 3 more ($part)" \
  grep -qx "1 of the 6 requests lies wholly outside every area of tracts and counts in none; pieces of 3 more, whose footprints reach past the areas' edge (over water, or beyond the areas), add up to $part of a request's weight, which counts in no area." "$WORK/j.txt"
# ACS names run "Census Tract 2.01, New York city (part), Manhattan borough,
# New York County, New York": the table cut them at "New York city (part),
# Bron…", losing the borough that tells two tract 2.01s apart.
check "join's table keeps the end of a long tract name, its county, and every row in line" bash -c "
  grep -qE '^  36[0-9]{9}  Census Tract [0-9.]+, …, (.* )?[A-Za-z]+ County, New York, NY  ' '$WORK/j.txt' &&
  ! grep -q 'Bron…' '$WORK/j.txt' &&
  [ \$(grep -E '^  36[0-9]{9}  ' '$WORK/j.txt' | awk '{ print index(\$0, \"  \" \$(NF-3)) + length(\$(NF-3)) }' | sort -u | wc -l) = 1 ]"

# 5. The map's first colouring: 5 requests in the tracts are too few to
# quote (the disparity section's caution), so not their quotients.
map_data() { python3 -c "
import json, re, sys
page = open(sys.argv[1]).read()
data = json.loads(re.search(r'<script type=\"application/json\" id=\"sl-map\"[^>]*>(.*?)</script>', page, re.S).group(1))
print(eval(sys.argv[2]))" "$@"; }
check "the page calls the requests too few to quote" grep -q "too few to quote these figures as findings" "$R"
# (report_map.sh opens such a page in a browser: its first colouring)
check "… and its map marks them too few to open on" test "$(map_data "$R" "data.get('too_few')")" = "['requests']"

# 6. A registry of New York's agencies alone, and invented requests mixed
# with the real ones.
NY=$WORK/ny-agencies.csv
python3 -c "
import csv, sys
rows = csv.reader(open(sys.argv[1], newline='')); out = csv.writer(open(sys.argv[2], 'w', newline=''))
head = next(rows); out.writerow(head); st = head.index('state_abbr')
out.writerows(r for r in rows if r[st] == 'NY')" "$D/agencies/fbi-cde-agencies-2018.csv" "$NY"
AG=$(store_sql "$DB" "SELECT id FROM sources WHERE kind = 'agencies'")
"$SL" rm "$AG" -s "$DB" >/dev/null 2>&1
"$SL" import agencies "$NY" --preset fbi-cde -s "$DB" >/dev/null 2>&1
SYN=$("$SL" synth --areas tracts --layer requests --count 5 -s "$DB" --json 2>/dev/null | python3 -c "import json, sys; print(json.load(sys.stdin)['source_id'])")
check "the audit of the store with New York's registry runs" "$SL" audit -s "$DB" -o "$WORK/r2" --quiet --bootstrap 200
R2=$WORK/r2/report.html
NOTES=$(sed -n 's/.*<p class="lead-notes" id="lead-notes">\(.*\)<\/p>.*/\1/p' "$R2")
check "the opening's note has no state sentence here" bash -c "! grep -q 'The study&#39;s areas lie in' <<<\"\$1\"" _ "$NOTES"
check "… and one space between its sentences: \"(see “Areas”). Sources\"" grep -q "(see “Areas”). Sources: " <<<"$NOTES"
check "… nowhere two" bash -c "! grep -q '[.)]  ' <<<\"\$1\"" _ "$NOTES"
check "the page says the invented requests' import is removed by a command, as code" \
  grep -q "<code>sightline rm $SYN</code> removes them" "$R2"
check "report.html holds no backtick" bash -c "! grep -q '\`' '$R2'"
finish
