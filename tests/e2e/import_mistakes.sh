#!/usr/bin/env bash
# Mistakes a newcomer makes importing the real data, and what each must be
# told: every column of a file when one named is not there (and the close
# one), the options a kind needs, the kinds and area sets there are, and
# FIPS keys that lost their leading zeros. Each import that is refused
# leaves the store as it was. And one boundary file feeds two area sets
# without the second import touching the first. A title line above a
# header is skipped and said, not read as the columns.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
SCHOOLS=$SL_SHARED_DATA/sites/schools-wapo-school-shootings.csv
NYC=$SL_SHARED_DATA/census/nyc-tracts-acs2008-12.shp
DB=$(store m)

# A wrong column: all 52 columns (lat and long are near the end), and the
# one with the close name.
"$SL" import sites "$SCHOOLS" --category school --id nces_id -s "$DB" >/dev/null 2>"$WORK/e"
check "sites --id nces_id: exit 1, listing every column to the last" \
  bash -c "[ $? -eq 1 ] && grep -q 'weapon_source, lat, long, staffing, .*, county_fips, ulocale)' '$WORK/e'"
check "... and naming the close one" grep -q "did you mean 'nces_school_id'?" "$WORK/e"
{ printf 'lat,lon'; for i in $(seq 1 150); do printf ',column_number_%03d' "$i"; done; printf '\n1,2'; \
  for i in $(seq 1 150); do printf ',x'; done; printf '\n'; } >"$WORK/wide.csv"
"$SL" import posts "$WORK/wide.csv" --id nope -s "$DB" >/dev/null 2>"$WORK/e"
check "a header too long to list says how many columns it left out" \
  bash -c "[ $? -eq 1 ] && grep -Eq 'column_number_[0-9]+, \.\.\. and [0-9]+ more\)' '$WORK/e'"
shown=$(grep -o 'column_number_[0-9]*' "$WORK/e" | wc -l)
more=$(grep -Eo 'and [0-9]+ more' "$WORK/e" | grep -Eo '[0-9]+')
check "... and the columns shown and left out add up to the header's 152" test $((2 + shown + more)) -eq 152
"$SL" import areas "$NYC" --set t -s "$DB" >/dev/null 2>"$WORK/e"
check "areas without --id: the fields listed, with how many more there are" \
  bash -c "[ $? -eq 2 ] && grep -Eq \"the fields of layer .*, \\.\\.\\. and [0-9]+ more\\)\" '$WORK/e'"
# NYC's ACS tracts: one tract has no ACS row, so its geo_* fields are empty.
"$SL" import areas "$NYC" --set t --id geo_geoid -s "$DB" >/dev/null 2>"$WORK/e"
check "areas --id over a field one feature leaves empty: the field named, and what to do" \
  bash -c "[ $? -eq 1 ] && grep -q \"feature 2082: its id field 'geo_geoid' is empty: every area needs an id; choose a field every feature fills\" '$WORK/e'"
"$SL" import areas "$NYC" --set t --id '{geo_stusab}{ct2010:06}' -s "$DB" >/dev/null 2>"$WORK/e"
check "... and a template over it is refused, not stored as the tract code alone ('008900')" \
  bash -c "[ $? -eq 1 ] && grep -q \"feature 2082: field 'geo_stusab' of the id template '{geo_stusab}{ct2010:06}' is empty\" '$WORK/e'"
"$SL" import areas "$US_ATLAS" --layer counties --set t --id id --name names -s "$DB" >/dev/null 2>"$WORK/e"
check "areas --name names: the fields, and the close one" \
  bash -c "[ $? -eq 1 ] && grep -q \"has no field 'names' (fields: id, name); did you mean 'name'?\" '$WORK/e'"
check "... and nothing was stored" bash -c "! \"$SL\" info -s '$DB' 2>/dev/null | grep -q \"area set\""

# Messages that said what was wrong but not what to do.
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" -s "$DB" >/dev/null 2>"$WORK/e"
check "import agencies without --preset: usage error naming the option and its one value" \
  bash -c "[ $? -eq 2 ] && grep -q 'import agencies needs --preset fbi-cde' '$WORK/e' && ! grep -q \"preset ''\" '$WORK/e'"
"$SL" import agency "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" -s "$DB" >/dev/null 2>"$WORK/e"
check "import agency: every kind import takes, and the close one" \
  bash -c "[ $? -eq 2 ] && grep -q 'partnerships, agencies, requests, baseline, links, businesses, areas, posts, cameras, sites' '$WORK/e' && grep -q \"did you mean 'agencies'?\" '$WORK/e'"
check "... each kind listed is one import takes (its --help names it)" bash -c "
  for k in partnerships agencies requests baseline links businesses areas posts cameras sites; do
    \"$SL\" import --help | grep -qw \"\$k\" || exit 1; done"
# a refused first import leaves no store (first_import_refused.sh): make one, of no area set
printf 'id,lat,lon\nzz1,41.88,-87.63\n' >"$WORK/one.csv"
"$SL" import posts "$WORK/one.csv" -s "$DB" >/dev/null 2>&1
"$SL" disparity --events sites --areas tracts -s "$DB" >/dev/null 2>"$WORK/e"
check "disparity --areas tracts in a store without area sets: says there are none and how to import one" \
  bash -c "[ $? -eq 1 ] && grep -q \"no area set named 'tracts': the store has none yet\" '$WORK/e'"
"$SL" import areas "$SL_SOURCE/node_modules/us-atlas/states-10m.json" --layer states --set us-states --id id \
  --name name -s "$DB" >/dev/null 2>&1
"$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name -s "$DB" >/dev/null 2>&1
ICE=$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz
"$SL" import sites "$ICE" --category ice --id detloc -s "$DB" >/dev/null 2>&1
for cmd in disparity join; do
  if [ $cmd = join ]; then args=(--points sites); else args=(--events sites); fi
  "$SL" $cmd "${args[@]}" --areas states -s "$DB" >/dev/null 2>"$WORK/e"
  check "$cmd --areas states: the sets the store has, and the close one" \
    bash -c "[ $? -eq 1 ] && grep -q \"no area set named 'states' (the store has: counties, us-states); did you mean 'us-states'?\" '$WORK/e'"
done
before=$(store_dump "$DB")
"$SL" import sites "$ICE" --category ice --id detloc --text name -s "$DB" >/dev/null 2>"$WORK/e"
check "the same file with other options: refused (exit 1) naming --replace" \
  bash -c "[ $? -eq 1 ] && grep -q 'imported before as sites with other options.*--replace' '$WORK/e'"
check "... the store unchanged" test "$before" = "$(store_dump "$DB")"
check "... and only the refusal is said, not the rows the import would have skipped" \
  bash -c "[ \$(wc -l <'$WORK/e') -eq 1 ] && ! grep -q 'skipped' '$WORK/e'"

# QuickFacts keys read as numbers (1001 for Autauga County, FIPS 01001):
# without --key-width 5 the 315 counties of AL, AK, AZ, AR, CA, CO, CT, DE
# and DC matched no row, and the import passed 63 million people short.
QF=$SL_SHARED_DATA/census/us-counties-quickfacts-2014.csv
QDB=$(store q)
quickfacts() {
  "$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name --demographics "$QF" \
    --key fips --pop PST045214 --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 \
    --foreign-born POP645213 --percent -s "$QDB" "$@"
}
quickfacts >"$WORK/o" 2>"$WORK/e"
check "QuickFacts without --key-width: refused (exit 1), the CSV named, the fix named" \
  bash -c "[ $? -eq 1 ] && grep -q \"^sightline: $QF: 315 areas match no row here, yet would if this file's keys had their leading zeros (key '[0-9]\{4\}' is area '0[0-9]\{4\}').*add --key-width 5\" '$WORK/e'"
check "... with no 'imported' line and no area set stored" \
  bash -c "! grep -q imported '$WORK/o' && ! \"$SL\" info -s '$QDB' 2>/dev/null | grep -q \"area set\""
quickfacts --key-width 4 >/dev/null 2>"$WORK/e"
check "--key-width 4 (too narrow for 5-digit ids) is refused the same way" \
  bash -c "[ $? -eq 1 ] && grep -q 'add --key-width 5' '$WORK/e'"
quickfacts --key-width 5 >"$WORK/o" 2>"$WORK/e"
check "with --key-width 5 it imports: 3,230 counties, population 318,843,455" \
  bash -c "[ $? -eq 0 ] && grep -q 'imported 3,230 areas.*population 318,843,455' '$WORK/o'"
check "... still warning of the 89 counties QuickFacts has no row for, and no more" \
  bash -c "grep -q 'warning: 89 areas have no row in' '$WORK/e' && ! grep -q 'key-width' '$WORK/e'"
# The messages named no area: a user could not tell which county had no
# figures, nor which rows went unused.
check "... naming some of them, marked as examples" \
  grep -q "warning: 89 areas have no row in .*quickfacts.* (e\.g\. [0-9]\{5\} [^,]*, .*)$" "$WORK/e"
check "... naming the feature us-atlas gives an empty polygon (Falls Church, VA)" \
  grep -q "warning: 1 feature has no geometry or an empty one, skipped: no figure is given for it (51610 Falls Church)$" "$WORK/e"
# QuickFacts 2014 keys Kusilvak, AK and Oglala Lakota, SD by their former
# FIPS codes: they had no residents, and the import only said "4 rows
# matched no area"
check "... matching 2 rows by a county's former FIPS code, and saying so" \
  grep -q "note: matched 2 rows by a county's former FIPS code: 02270 as 02158, 46113 as 46102$" "$WORK/e"
check "... and the 2 QuickFacts rows that matched no county, by key (Bedford city, VA folded into its county)" \
  grep -q "note: 2 rows matched no area (51515, 51610)$" "$WORK/e"

# The examples were counted by their ", " separators: five skipped features,
# one named "Anchorage, Municipality of", were four names without "e.g.".
python3 - "$WORK/commas.geojson" <<'PY'
import json, sys
sq = {"type": "Polygon", "coordinates": [[[-150, 61], [-149, 61], [-149, 62], [-150, 62], [-150, 61]]]}
names = ["Anchorage, Municipality of", "Bethel", "Denali", "Haines", "Juneau"]
feats = [{"type": "Feature", "properties": {"id": "0%d" % i, "name": n}, "geometry": None} for i, n in enumerate(names)]
feats.append({"type": "Feature", "properties": {"id": "09", "name": "Kenai"}, "geometry": sq})
json.dump({"type": "FeatureCollection", "features": feats}, open(sys.argv[1], "w"))
PY
"$SL" import areas "$WORK/commas.geojson" --set commas --id id --name name -s "$(store commas)" >/dev/null 2>"$WORK/commas.err"
check "five skipped features, one name holding a comma: all five named, not as examples" \
  grep -q "5 features have no geometry or an empty one, skipped: no figure is given for it (00 Anchorage, Municipality of, 01 Bethel, 02 Denali, 03 Haines, 04 Juneau)$" "$WORK/commas.err"

# A row under a county's former FIPS code goes to the renamed county only
# when the set has no area of the former code itself: a set holding both
# gives the row to its own code, and the renamed county none.
python3 - "$WORK/renamed" <<'PY'
import json, sys
sq = lambda x: {"type": "Polygon", "coordinates": [[[x, 61], [x + 1, 61], [x + 1, 62], [x, 62], [x, 61]]]}
def areas(path, ids):
    feats = [{"type": "Feature", "properties": {"id": i}, "geometry": sq(-160 + k)} for k, i in enumerate(ids)]
    json.dump({"type": "FeatureCollection", "features": feats}, open(path, "w"))
areas(sys.argv[1] + "-new.geojson", ["02158", "02013"])
areas(sys.argv[1] + "-both.geojson", ["02158", "02270", "02013"])
open(sys.argv[1] + ".csv", "w").write("fips,pop,black\n2270,8010,1.0\n2013,3337,2.0\n")
PY
renamed() { # renamed SET FILE: import the areas with the table keyed by former codes, then each area's pop
  local db; db=$(store "renamed_$1")
  "$SL" import areas "$2" --set "$1" --id id --demographics "$WORK/renamed.csv" --key fips --key-width 5 --pop pop \
    --black black --percent -s "$db" >/dev/null 2>"$WORK/renamed-$1.err"
  store_sql "$db" "SELECT id || '=' || coalesce(CAST(CAST(pop AS INTEGER) AS TEXT), '-') FROM areas ORDER BY id" | paste -sd ' ' -
}
check "Kusilvak (02158) gets the row of Wade Hampton (02270) when the set has no 02270" \
  [ "$(renamed new "$WORK/renamed-new.geojson")" = "02013=3337 02158=8010" ]
check "... and the import says so" grep -q "matched 1 row by a county's former FIPS code: 02270 as 02158$" "$WORK/renamed-new.err"
check "a set holding 02270 as well keeps the row there, and 02158 has none" \
  [ "$(renamed both "$WORK/renamed-both.geojson")" = "02013=3337 02158=- 02270=8010" ]
check "... said as an area with no row, not as matched" bash -c \
  "grep -q '1 area has no row' '$WORK/renamed-both.err' && ! grep -q 'former FIPS' '$WORK/renamed-both.err'"

# One boundary file, two area sets: an import into another set is another
# import. Before, it was refused as "imported before with other options",
# and the --replace it advised deleted the first set.
counties_of() { store_sql "$QDB" "SELECT count(*) || ' ' || CAST(sum(pop) AS INTEGER) FROM areas WHERE set_name = 'counties'"; }
first=$(counties_of)
"$SL" import areas "$US_ATLAS" --layer counties --set c2 --id fips -s "$QDB" >/dev/null 2>"$WORK/e"
check "a second set with a wrong --id: the wrong field is the error, not an earlier import" \
  bash -c "[ $? -eq 1 ] && grep -q \"layer 'counties' has no field 'fips' (fields: id, name)\" '$WORK/e' && ! grep -q 'imported before' '$WORK/e'"
"$SL" import areas "$US_ATLAS" --layer counties --set c2 --id id -s "$QDB" >"$WORK/o" 2>"$WORK/e"
check "the same file into set c2: imported (exit 0)" \
  bash -c "[ $? -eq 0 ] && grep -q \"imported 3,230 areas into set 'c2'\" '$WORK/o'"
check "... set counties untouched ($first)" test "$(counties_of)" = "$first"
"$SL" import areas "$US_ATLAS" --layer counties --set c2 --id id -s "$QDB" >"$WORK/o" 2>&1
check "c2 again with the same options changes nothing" grep -q "already imported as areas.*nothing changed" "$WORK/o"
"$SL" import areas "$US_ATLAS" --layer counties --set c2 --id id --name name -s "$QDB" >/dev/null 2>"$WORK/e"
check "c2 again with other options: refused, naming --replace" \
  bash -c "[ $? -eq 1 ] && grep -q 'imported before as areas with other options.*--replace' '$WORK/e'"
"$SL" import areas "$US_ATLAS" --layer counties --set c2 --id id --name name --replace -s "$QDB" >/dev/null 2>&1
check "... and --replace replaces c2 alone" test "$(store_sql "$QDB" "SELECT count(name) FROM areas WHERE set_name = 'c2'")" = 3230
check "... set counties still untouched, two sets, two imports" bash -c "[ \"\$(store_sql '$QDB' \"SELECT count(*) FROM area_sets; SELECT count(*) FROM sources\")\" = \"\$(printf '2\n2')\" ] && [ \"$(counties_of)\" = '$first' ]"
"$SL" import areas "$US_ATLAS" --layer counties --set counties --id id -s "$QDB" >/dev/null 2>"$WORK/e"
check "counties again with other options: still refused, naming --replace" \
  bash -c "[ $? -eq 1 ] && grep -q 'imported before as areas with other options.*--replace' '$WORK/e'"
# One export imported again under another snapshot date: every figure
# would become that snapshot's and the diff 0/0/0. Refused, naming the import.
ATLAS=$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv
"$SL" import partnerships "$ATLAS" --preset atlas -s "$DB" >/dev/null
before=$(store_dump "$DB")
"$SL" import partnerships "$ATLAS" --preset atlas --snapshot 2020-10-08 -s "$DB" >/dev/null 2>"$WORK/e"
check "the same Atlas file as a second snapshot: exit 1, naming the import that holds it" \
  bash -c "[ $? -eq 1 ] && grep -q 'imported already as the snapshot of 2020-10-07 (import [0-9]*)' '$WORK/e'"
check "... and the store is as it was" [ "$before" = "$(store_dump "$DB")" ]
# A title line above a posts file's header (an export's "Ring posts, 2020"):
# skipped and said, where it was read as the columns ("no latitude column").
printf 'Neighborhood posts export, 2020\nid,lat,lon\np1,41.88,-87.63\np2,41.89,-87.64\np3,bad,-87.6\n' >"$WORK/titled.csv"
"$SL" import posts "$WORK/titled.csv" -s "$DB" >"$WORK/o" 2>"$WORK/e"
check "posts under a title line: imported (exit 0), 2 posts" bash -c "[ $? -eq 0 ] && grep -q 'imported 2 posts' '$WORK/o'"
check "... the title named and skipped" \
  grep -q "titled.csv: note: line 1 is a title above the columns ('Neighborhood posts export, 2020'): skipped; the columns are line 2" "$WORK/e"
check "... the bad row named by its line in the file" grep -q "titled.csv:5: 1 record skipped" "$WORK/e"
finish
