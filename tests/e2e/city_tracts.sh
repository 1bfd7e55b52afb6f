#!/usr/bin/env bash
# city_tracts.sh — Chicago's 791 tracts (SDOH, ACS 2010-2014; demographics
# as percentages, only geoid10 for a name) with synthetic posts over them.
# The percentages are read as shares of Pop2014 (Black 31.9% of 2,710,501
# residents, as the ACS gives the city), and an unnamed tract is "Census
# Tract 8361, IL" in `join` and the report, not ", IL"; agencies the registry
# places at a county's point are in no tract. Beside the city's tracts the
# national ICE list is measured only inside them: a site in Alaska "1,318 km
# from the nearest camera" measured where the city's posts stop.
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store chicago)
"$SL" import areas "$SL_SHARED_DATA/census/chicago-tracts-sdoh-acs2014.geojson" --set tracts --id geoid10 \
  --pop Pop2014 --black Blk14P --hispanic Hisp14P --percent -s "$DB" >"$WORK/out" 2>&1
check "tracts imported: 2,710,501 residents" grep -q "imported 791 areas into set 'tracts'.*population 2,710,501" "$WORK/out"
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
"$SL" synth -s "$DB" --areas tracts --layer posts --count 8000 >/dev/null 2>&1
import_ice "$DB"
"$SL" near -s "$DB" --radius 1000 --json >"$WORK/near_all.json" 2>/dev/null
"$SL" near -s "$DB" --radius 1000 --areas tracts --json >"$WORK/near_in.json" 2>/dev/null
"$SL" near -s "$DB" --radius 1000 --areas tracts >"$WORK/near_in.txt" 2>/dev/null
nearq() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
check "near without --areas measures all 1,522 ICE sites" test "$(nearq "$WORK/near_all.json" 'r["categories"][0]["sites"]')" = 1522
check "near --areas tracts: the 6 inside Chicago's tracts, 1,516 left out" \
  test "$(nearq "$WORK/near_in.json" '(r["categories"][0]["sites"], r["sites_outside"], r["categories"][0]["sites_outside"], r["areas"], len(r["sites"]))')" = "(6, 1516, 1516, ['tracts'], 6)"
check "… whose median nearest camera is metres away" test "$(nearq "$WORK/near_in.json" 'int(r["categories"][0]["median_nearest_m"] < 1000)')" = 1
check "… where over every site it was over 1,000 km" test "$(nearq "$WORK/near_all.json" 'int(r["categories"][0]["median_nearest_m"] > 1e6)')" = 1
check "… and the table says what it left out" grep -q "^only the sites inside the areas of 'tracts': 1,516 elsewhere left out" "$WORK/near_in.txt"
"$SL" near -s "$DB" --radius 1000 --areas nope >/dev/null 2>"$WORK/nope"
check "--areas of no such set is refused (exit 1), naming the sets" test $? = 1
check "… naming the sets" grep -q "no area set named 'nope' (the store has: tracts)" "$WORK/nope"
"$SL" disparity -s "$DB" --events posts --areas tracts --bootstrap 200 --permutations 200 >"$WORK/d" 2>&1
check "Black residents 31.9% of the tracts' (a percentage read as such)" grep -qE '^  Black +[0-9.]+% +31\.9% ' "$WORK/d"
"$SL" join -s "$DB" --points posts --areas tracts >"$WORK/j" 2>&1
check "join names an unnamed tract 'Census Tract N, IL'" grep -qE '^  17031[0-9]{6}  Census Tract [0-9.]+, IL ' "$WORK/j"
check "… never ', IL' alone" bash -c "! grep -qE '^  17031[0-9]{6}  , IL' '$WORK/j'"
"$SL" audit -s "$DB" -o "$WORK/report" --quiet --bootstrap 200 >/dev/null 2>&1
check "the report's area tables name tracts so too" grep -q '<th scope="row">Census Tract [0-9.]*, IL</th>' "$WORK/report/report.html"
check "… and no '<th scope=row>, IL</th>'" bash -c "! grep -q '<th scope=\"row\">, IL</th>' '$WORK/report/report.html'"
check "the map's note gives the tracts' simplification in metres, not 'up to 0 km'" \
  grep -q 'Outlines are simplified on this page (“[^”]*” by up to [0-9]* m), so a point' "$WORK/report/report.html"
# The registry puts Bellwood, Glenview, Wilmette and nine more Cook County
# suburbs' departments at one point (-87.645455, 41.894294), which lies in a
# Chicago tract: they were counted there, 12 "partnered agencies" in one
# tract. A point several registry agencies share is a county's: no tract holds it.
A="$WORK/report/data/agencies.csv"
check "Bellwood PD (a suburb) in no tract" bash -c "grep '^IL0160700,' '$A' | grep -vq ',tracts,'"
check "… the Chicago PD, at its own point, in its tract" bash -c "grep '^ILCPD0000,' '$A' | grep -q ',tracts,17031'"
check "… the 12 said in summary.json" test "$(python3 -c "import json; print([e.get('partnered_shared_point') for e in json.load(open('$WORK/report/summary.json'))['areas'] if e['set'] == 'tracts'][0])")" = 12
check "… and in the report" grep -q "12 of them at a point the registry gives several agencies (a county's centre" "$WORK/report/report.html"
S="$WORK/report/summary.json"
check "the audit's study is local: its tracts and their box" \
  test "$(python3 -c "import json; l=json.load(open('$S'))['local_areas']; print(l['sets'], [round(x, 2) for x in l['box']])")" = "['tracts'] [-87.86, 41.64, -87.52, 42.02]"
check "… so its sites section measures the 6 ICE sites inside, 1,516 left out" \
  test "$(python3 -c "import json; n=json.load(open('$S'))['sites']; print([(x['categories'][0]['sites'], x['sites_outside']) for x in n])")" = "[(6, 1516), (6, 1516)]"
check "… the map and data/sites.csv hold those 6" test "$(($(wc -l <"$WORK/report/data/sites.csv") - 1))" = 6
check "… the section says so" grep -q "The study's areas (“tracts”) are a city's or a county's, so only the 6 sites inside them are measured. The 1,516 sites elsewhere in the list are left out" "$WORK/report/report.html"
check "… and so does the headline" grep -q "of the 6 sensitive sites of category “ice” inside the study&#39;s areas\|of 6 sensitive sites of category “ice” inside the study&#39;s areas" "$WORK/report/report.html"
# The lead counts the Atlas's whole list: for a city's study it says so,
# and how many of the partnered agencies the city's tracts hold.
check "the lead says its count is the whole list's" grep -q "3,945 agencies in the whole list had" "$WORK/report/report.html"
# … and the 12 the registry puts at a county's point are said beside the 1,
# counted (too many to name): for New York the 0 hid the NYPD (report_nyc.sh).
LEFT="12 more agencies on record (listed in summary.json) are left out: the registry puts them at points it gives 3 or more agencies each (a county&#39;s placeholder, not where they are), which no area finer than a county holds"
check "… and its note, how many partnered agencies lie in the tracts, and how many are left out for a shared point" \
  grep -q "The lead counts every agency of the partnership list, not only the study&#39;s: its areas are a city&#39;s or a county&#39;s, and of the 3,515 agencies on record with a location, 3 lie in “tracts”; $LEFT (see “Areas”)." "$WORK/report/report.html"
# A tract holds an agency's headquarters, not its jurisdiction: no rate per
# resident, no ranking (the CPD's tract came first, "64.5 per 100,000").
check "tracts are finer than a jurisdiction" \
  test "$(python3 -c "import json; print([e.get('finer_than_agencies') for e in json.load(open('$S'))['areas']])")" = "[True]"
check "… the report lists the tract holding an agency, unranked" \
  grep -q "<h3>Areas holding an agency on record</h3>" "$WORK/report/report.html"
check "… saying why" grep -q "3 agencies on record lie in “tracts”, in 3 areas; $LEFT. These areas are smaller than a police agency's jurisdiction" "$WORK/report/report.html"
check "… with no rate per resident of agencies, on the page or in data/" \
  bash -c "! grep -q 'Areas with the most agencies on record' '$WORK/report/report.html' && ! head -1 '$WORK/report/data/areas_tracts.csv' | grep -q partners_per_100k"
# A table from data.census.gov keys its rows by GEO_ID ("1400000US17031…");
# TIGER's tracts (and this file) carry the bare GEOID. Before: "791 areas have
# no row", exit 0, no demographics. Either side may be the GEO_ID.
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
print('GEO_ID,NAME,B01003_001E,B02001_003E')
print('Geography,Geographic Area Name,Estimate!!Total,Estimate!!Total!!Black or African American alone')
for f in d['features']: print('1400000US' + str(f['properties']['geoid10']) + ',\"Census Tract, Cook County, Illinois\",3000,1000')
" "$SL_SHARED_DATA/census/chicago-tracts-sdoh-acs2014.geojson" >"$WORK/acs.csv"
"$SL" import areas "$SL_SHARED_DATA/census/chicago-tracts-sdoh-acs2014.geojson" --set acs --id geoid10 \
  --demographics "$WORK/acs.csv" --key GEO_ID --pop B01003_001E --black B02001_003E -s "$(store acs)" >"$WORK/o" 2>"$WORK/e"
check "a data.census.gov table (GEO_ID keys) joins the bare GEOIDs: 791 rows, population 2,373,000" \
  bash -c "grep -q 'imported 791 areas.*population 2,373,000' '$WORK/o' && ! grep -q 'no row' '$WORK/e'"
# Its second header row, the labels under the codes, was a row that
# "matched no area (Geography)"; a DP05 profile so was refused at line 2.
check "… its row of labels under the codes is skipped and said, not a row that matched no area" \
  bash -c "grep -q \"note: line 2 holds the columns' labels ('Geography, Estimate!!Total'), as data.census.gov writes under its codes: skipped\" '$WORK/e' && ! grep -q 'matched no area' '$WORK/e'"
python3 -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
w = csv.writer(sys.stdout)
w.writerow(rows[0]); w.writerow(['Geography'] + ['Estimate!!' + c for c in rows[0][1:]]); w.writerows(rows[1:])
" "$SL_SHARED_DATA/census/acs1-2018-us-DP05.csv" >"$WORK/dp05.csv"
check "a DP05 profile downloaded from data.census.gov (labels under the codes) is a baseline" \
  "$SL" import baseline "$WORK/dp05.csv" -s "$(store dp05)"
sed '/^Geography,/d; s/^1400000US//' "$WORK/acs.csv" >"$WORK/bare.csv"
"$SL" import areas "$SL_SHARED_DATA/census/chicago-tracts-sdoh-acs2014.geojson" --set acs --id '1400000US{geoid10}' \
  --demographics "$WORK/bare.csv" --key GEO_ID --pop B01003_001E --black B02001_003E -s "$(store acs2)" >"$WORK/o" 2>"$WORK/e"
check "… and areas whose ids are GEO_IDs join a table of bare GEOIDs" \
  bash -c "grep -q 'imported 791 areas.*population 2,373,000' '$WORK/o' && ! grep -q 'no row' '$WORK/e'"
"$SL" info -s "$(store acs2)" --json >"$WORK/info2.json" 2>/dev/null
check "… and name their state, IL, as bare GEOIDs do (TIGER's AFFGEOID)" \
  test "$(python3 -c "import json; print(json.load(open('$WORK/info2.json'))['local_areas']['states'])")" = "{'IL': 791}"
# The table by state stays the whole list's; the city's state is named
# above it, its row marked, and the opening sentence's note gives the same figures.
check "the study's state by its tracts' FIPS ids: IL" \
  test "$(python3 -c "import json; print(json.load(open('$S'))['local_areas']['states'])")" = "{'IL': 791}"
IL="The study&#39;s areas lie in IL: 253 of the registry&#39;s 934 agencies there are partnered, 27.1 per 100."
check "the table by state names the study's state above it" grep -q "<p class=\"local-state\">$IL Its row is marked; every state follows for comparison.</p>" "$WORK/report/report.html"
check "… and marks its row alone" test "$(grep -o '<tr class="study"><th scope="row">[A-Z]*' "$WORK/report/report.html")" = '<tr class="study"><th scope="row">IL'
"$SL" info -s "$DB" --json >"$WORK/info.json" 2>/dev/null
check "info --json gives the dashboard the same scope" \
  test "$(python3 -c "import json; l=json.load(open('$WORK/info.json'))['local_areas']; print(l['sets'], l['states'])")" = "['tracts'] {'IL': 791}"
check "… as the opening sentence's note does" grep -q "which no area finer than a county holds (see “Areas”). $IL Sources:" "$WORK/report/report.html"
finish
