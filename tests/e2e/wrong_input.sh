#!/usr/bin/env bash
# Wrong input is an error, not a number (issue 13, point 4): a named column
# that does not exist, percent-looking demographics without --percent, a
# baseline file of several geographies without --geo, categories and groups
# in another case, and analyses with nothing to compute.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
CENSUS=$SL_SHARED_DATA/census
DB=$(store w)

# A named column that is not there: an error listing the columns (exit 1,
# like every other column the file lacks).
"$SL" import requests "$SL_FIXTURES/disparity/requests.csv" --date-col when -s "$DB" >/dev/null 2>"$WORK/e"
check "requests --date-col when: data error (exit 1) naming the columns, and the option as --help does" \
  bash -c "[ $? -eq 1 ] && grep -q \"1: --date: no column 'when' (the columns are: id, agency, state, date\" '$WORK/e'"
printf 'agency,st,tech\nWoodstock Police Department,VA,Drones\n' >"$WORK/p.csv"
"$SL" import partnerships "$WORK/p.csv" --name agency --tech-col techx --state st -s "$DB" >/dev/null 2>"$WORK/e"
check "partnerships --tech-col techx: the same, naming the option and the columns" \
  bash -c "[ $? -eq 1 ] && grep -q \"p.csv:1: --tech-col: no column 'techx' (the columns are: agency, st, tech)\" '$WORK/e'"
"$SL" import requests "$SL_FIXTURES/disparity/requests.ndjson" --id-col nope -s "$DB" >/dev/null 2>"$WORK/e"
check "NDJSON requests --id-col nope: the same" bash -c "[ $? -eq 1 ] && grep -q \"no column 'nope'\" '$WORK/e'"
printf 'id,lat,lon,when\n1,40,-75,2020-01-01\n' > "$WORK/p.csv"
"$SL" import posts "$WORK/p.csv" --time whenx -s "$DB" >/dev/null 2>"$WORK/e"
check "posts CSV --time whenx: data error listing the columns" \
  bash -c "[ $? -eq 1 ] && grep -q 'the columns are: id, lat, lon, when' '$WORK/e'"
"$SL" import posts "$SL_FIXTURES/points/cameras.geojson" --time whenx -s "$DB" >/dev/null 2>"$WORK/e"
check "posts GeoJSON --time whenx: no record has it, an error" \
  bash -c "[ $? -eq 1 ] && grep -q \"no record has a property 'whenx'\" '$WORK/e'"
check "... and no posts were stored" bash -c "! \"$SL\" info -s '$DB' 2>/dev/null | grep -q '^posts'"

# Percentages read as head counts.
"$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name \
  --demographics "$CENSUS/us-counties-quickfacts-2014.csv" --key fips --key-width 5 \
  --pop PST045214 --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 --foreign-born POP645213 \
  -s "$DB" >/dev/null 2>"$WORK/e"
check "QuickFacts percentages without --percent: usage error with the hint" \
  bash -c "[ $? -eq 2 ] && grep -q 'add --percent' '$WORK/e'"
import_counties "$DB"
check "... with --percent they import" bash -c "\"$SL\" info -s '$DB' | grep -q \"area set 'counties'\""
# And the reverse: head counts read as percentages (Chicago's BLACK is a
# count) are refused at import, naming the field, not later by disparity.
"$SL" import areas "$CENSUS/chicago-community-areas-acs.geojson" --set chica --id area_num_1 --name community \
  --pop TOT_POP --black BLACK --percent -s "$DB" >/dev/null 2>"$WORK/e"
check "counts with --percent: usage error naming BLACK, a figure over 100, and dropping --percent" \
  bash -c "[ $? -eq 2 ] && grep -q \"\-\-percent reads BLACK as a percentage of TOT_POP, but area '[0-9]*' has [0-9,]* (and [0-9]* more figures over 100)\" '$WORK/e' &&
    grep -q 'so BLACK holds counts; drop --percent to read the groups as counts' '$WORK/e'"
check "... and no area set 'chica' was stored" bash -c "! \"$SL\" info -s '$DB' | grep -q \"area set 'chica'\""
"$SL" import areas "$CENSUS/chicago-community-areas-acs.geojson" --set chica --id area_num_1 --name community \
  --pop TOT_POP --black BLACK -s "$DB" >/dev/null 2>&1
check "... without --percent they import" bash -c "\"$SL\" info -s '$DB' | grep -q \"area set 'chica'\""

# A table of 52 states is not "national".
"$SL" import baseline "$CENSUS/acs1-2018-bystate-DP05.csv" -s "$DB" >/dev/null 2>"$WORK/e"
check "by-state ACS file without --geo: usage error listing geographies" \
  bash -c "[ $? -eq 2 ] && grep -q 'holds 52 geographies' '$WORK/e' && grep -q -- '--geo NAME' '$WORK/e'"
check "... and no baseline was stored" bash -c "! \"$SL\" info -s '$DB' --json | grep -q '\"kind\": \"baseline\"'"
check "--geo Illinois picks one" "$SL" import baseline "$CENSUS/acs1-2018-bystate-DP05.csv" --geo Illinois --name il -s "$DB"

# Categories match in any case, or fail everywhere.
"$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc \
  --text name -s "$DB" >/dev/null 2>&1
"$SL" join -s "$DB" --points sites --areas counties --category ICE --json > "$WORK/upper.json"
"$SL" join -s "$DB" --points sites --areas counties --category ice --json > "$WORK/lower.json"
check "join --category ICE counts the sites stored as 'ice'" \
  python3 -c "import json,sys; a=json.load(open('$WORK/upper.json')); b=json.load(open('$WORK/lower.json')); sys.exit(not (a['points']==b['points']>1000 and a['areas']==b['areas']))"
"$SL" join -s "$DB" --points sites --areas counties --category schools >/dev/null 2>"$WORK/e"
check "join --category schools: an error naming the categories there are" \
  bash -c "[ $? -eq 1 ] && grep -q \"no sites of category 'schools' (the store has 'ice')\" '$WORK/e'"
"$SL" near -s "$DB" --sites schools --radius 100 >/dev/null 2>"$WORK/e"
check "near fails the same way for no cameras, saying why" bash -c "[ $? -eq 1 ] && grep -q 'nothing to measure' '$WORK/e'"

# Groups in any case; nothing to compute is exit 1 with the reason.
D=$(store demo)
"$SL" demo -s "$D" >/dev/null 2>&1
"$SL" disparity -s "$D" --events requests --areas demo-tracts --groups Black --bootstrap 20 --permutations 20 --json > "$WORK/g.json"
check "disparity --groups Black keeps the black row" \
  python3 -c "import json,sys; g=json.load(open('$WORK/g.json'))['groups']; sys.exit(not (len(g)==1 and g[0]['group']=='black'))"
"$SL" near -s "$D" --sites ICE --radius 500 --json > "$WORK/n.json"
check "near --sites ICE finds the demo's 'ice' sites" \
  python3 -c "import json,sys; c=json.load(open('$WORK/n.json'))['categories']; sys.exit(not (len(c)==1 and c[0]['category']=='ice'))"
"$SL" import areas "$US_ATLAS" --layer states --set states --id id --name name -s "$D" >/dev/null 2>&1
"$SL" disparity -s "$D" --events requests --areas states --bootstrap 20 --permutations 20 >/dev/null 2>"$WORK/e"
check "disparity over a set without demographics: exit 1, says why" \
  bash -c "[ $? -eq 1 ] && grep -q 'nothing to compare' '$WORK/e'"
# Coordinates written with decimal commas (a European spreadsheet): the
# skip line gave only its line, not the text that failed to parse; and a
# note on an unread date column offered --replace after nothing was imported.
printf 'id;date;latitude;longitude\n1;02/23/2015;32,529577;-86,362829\n2;02/24/2015;33,1;-87,2\n' >"$WORK/eu.csv"
"$SL" import posts "$WORK/eu.csv" -s "$(store eu)" >/dev/null 2>"$WORK/eu.err"
check "decimal commas: exit 1, the first values quoted and the decimal comma named" bash -c "[ $? -eq 1 ] &&
  grep -q \"eu.csv:2: 2 records skipped: unparsable coordinates (first here: latitude '32,529577', longitude '-86,362829'; a decimal comma? coordinates need a '.'\" '$WORK/eu.err'"
check "... and no note offering --replace, as nothing was imported" bash -c "
  grep -q \"column 'date' was not read\" '$WORK/eu.err' && ! grep -q -- '--replace' '$WORK/eu.err'"
# A posts GeoJSON declaring a projected CRS: every point was skipped as
# "out-of-range", the projection unsaid; a GeoJSON's skip named "line 1".
cat >"$WORK/p2263.geojson" <<'JSON'
{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2263"}},
 "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [988177.0, 198634.0]}}]}
JSON
"$SL" import posts "$WORK/p2263.geojson" -s "$(store crs)" >/dev/null 2>"$WORK/crs.err"
check "posts GeoJSON in EPSG:2263: exit 1, naming the CRS and ogr2ogr" bash -c "[ $? = 1 ] &&
  grep -q 'declares its coordinates in urn:ogc:def:crs:EPSG::2263, not longitude/latitude: reproject it first (ogr2ogr -t_srs EPSG:4326' '$WORK/crs.err'"
cat >"$WORK/p1.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [-87.6, 41.9]}},
 {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [988177.0, 198634.0]}}]}
JSON
"$SL" import posts "$WORK/p1.geojson" -s "$(store crs2)" >/dev/null 2>"$WORK/f.err"
check "a GeoJSON's skipped point is named by its feature, not a line" \
  grep -q 'p1.geojson: feature 2: 1 record skipped: out-of-range coordinates (first here)' "$WORK/f.err"
python3 -c "
print('id,lat,lon')
for i in range(1200): print(f'{i},x{i},-87.6')
print('ok,41.9,-87.6')" >"$WORK/many.csv"
"$SL" import posts "$WORK/many.csv" -s "$(store crs3)" >/dev/null 2>"$WORK/m.err"
check "skip counts have thousands separators" grep -q 'many.csv:2: 1,200 records skipped: unparsable' "$WORK/m.err"
# NYC's tract numbers repeat across boroughs: --id ct2010 gives two areas
# the id '100'; the store said only "area id '100' appears twice".
"$SL" import areas "$CENSUS/nyc-tracts-acs2008-12.shp" --set dup --id ct2010 --name ntaname -s "$(store dupid)" >/dev/null 2>"$WORK/dup.err"
check "two areas of one id: exit 1, both named, and a template to build an id" bash -c "[ $? = 1 ] &&
  grep -q \"two areas have the id '100' (park-cemetery-etc-Manhattan and Rikers Island): --id ct2010 names no single area; build one from several fields\" '$WORK/dup.err'"
# Requests dated day first: refused at the first day over 12, as before,
# now saying the file is day first and giving the --date-format.
printf 'id,agency,state,date,lat,lon\n1,Town PD,IL,12/03/2020,41.9,-87.6\n2,Town PD,IL,13/03/2020,41.9,-87.6\n' >"$WORK/dm.csv"
"$SL" import requests "$WORK/dm.csv" -s "$(store dm)" >/dev/null 2>"$WORK/dm.err"
check "day-first request dates: exit 1 at line 3, naming --date-format %d/%m/%Y" bash -c "[ $? = 1 ] &&
  grep -q \"dm.csv:3: '13/03/2020' is not a date read month first: the file writes the day first, so give --date-format %d/%m/%Y\" '$WORK/dm.err'"
# A unit after an audit zone's radius: "1km" was read as 1 m and the
# report published a zone of 3e-06 km2 (exit 0); `zone --circle` refuses it.
"$SL" audit -s "$D" -o "$WORK/zkm" --zone 'loop=circle:38.3,-78.06,1km' --quiet >/dev/null 2>"$WORK/zkm.err"
check "audit --zone NAME=circle:LAT,LON,1km: usage error (exit 2) quoting it, no report" bash -c "[ $? = 2 ] &&
  grep -q \"no unit), not 'loop=circle:38.3,-78.06,1km'\" '$WORK/zkm.err' && [ ! -e '$WORK/zkm' ]"
"$SL" audit -s "$D" -o "$WORK/zbox" --zone 'b=bbox:-78.1,38.2,-78.0,38.4deg' --quiet >/dev/null 2>&1
check "... and a box with a tail likewise" bash -c "[ $? = 2 ] && [ ! -e '$WORK/zbox' ]"
# A list of one's own mapped with column options: --tech TEXT over a file
# with a technology column made the Atlas's 5,783 rows all Ring's (exit 0);
# an unread State column left every row unlinked and every share 0.00%.
ATLAS=$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv
PDB=$(store own)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$PDB" >/dev/null 2>&1
before=$(store_dump "$PDB")
"$SL" import partnerships "$ATLAS" --name Agency --tech ring -s "$PDB" >/dev/null 2>"$WORK/tech.err"
check "partnerships --tech ring over the Atlas's Technology column: exit 1 at line 2, naming --tech-col" bash -c "[ $? = 1 ] &&
  grep -q \"atlas-of-surveillance-2020-10-07.csv:2: column 'Technology' says 'Body-worn Cameras', yet --tech ring gives every row the technology 'ring': read the column with --tech-col 'Technology'\" '$WORK/tech.err'"
check "... and the store is as it was" test "$before" = "$(store_dump "$PDB")"
"$SL" import partnerships "$ATLAS" --preset atlas --tech ring -s "$PDB" >/dev/null 2>&1
check "... the same under --preset atlas" bash -c "[ $? = 1 ] && [ '$before' = '$(store_dump "$PDB")' ]"
printf 'agency,state,technology\nChicago Police Department,IL,Ring\nEvanston Police Department,IL,Ring/Neighbors\n' >"$WORK/ring.csv"
check "a column that agrees with --tech ring imports" "$SL" import partnerships "$WORK/ring.csv" --name agency --state state \
  --tech ring --snapshot 2020-10-07 -s "$(store ringonly)"
"$SL" import partnerships "$ATLAS" --name Agency --tech-col Technology -s "$PDB" >"$WORK/st.out" 2>"$WORK/st.err"
check "Atlas without --state: imported, warned that 'State' was not read, no row linked, --state 'State' named" bash -c "[ $? = 0 ] &&
  grep -q \"warning: column 'State' was not read: a row without a state is linked to no agency of the registry (0 of 5,783 rows linked), so no share counts it; --state 'State' reads it\" '$WORK/st.err'"
check "... and noted that 'Link 1 Date' was not read" grep -q "note: column 'Link 1 Date' was not read and every start is unknown: --date 'Link 1 Date' reads it" "$WORK/st.err"
"$SL" import partnerships "$WORK/ring.csv" --name agency --state state --tech ring --snapshot 2020-10-07 -s "$(store ring2)" >/dev/null 2>"$WORK/ring.err"
check "... a file whose columns are all named says neither" bash -c "! grep -q 'was not read' '$WORK/ring.err'"
printf 'agency,state,Last Updated\nTown PD,IL,2021-03-01\n' >"$WORK/upd.csv"
"$SL" import partnerships "$WORK/upd.csv" --name agency --state state --tech ring --snapshot 2020-10-07 \
  -s "$(store upd)" >/dev/null 2>"$WORK/upd.err"
check "... nor takes 'Last Updated' for a date column of starts" bash -c "! grep -q 'was not read' '$WORK/upd.err'"
# A spreadsheet saved as .xlsx or as "Unicode Text" (UTF-16), or a GeoJSON,
# given to a CSV import: "binary data (NUL byte)" and "no column 'Agency'
# (the columns are: {)" named neither the file's kind nor what to do.
python3 - "$WORK" <<'PY'
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(w + "/atlas.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + "<row/>" * 500 + "</worksheet>")
open(w + "/atlas16.csv", "w", encoding="utf-16").write("Agency,State,Technology\nTown PD,IL,Drones\n")
PY
"$SL" import partnerships "$WORK/atlas.xlsx" --preset atlas -s "$(store x1)" >/dev/null 2>"$WORK/x.err"
check "partnerships from an .xlsx: exit 1, said to be an Excel workbook, to save as CSV" bash -c "[ $? = 1 ] &&
  grep -q 'atlas.xlsx:1: this is an Excel workbook or another zip file (.xlsx, .ods, .zip), not a CSV: save the sheet as CSV' '$WORK/x.err'"
"$SL" import posts "$WORK/atlas.xlsx" -s "$(store x2)" >/dev/null 2>"$WORK/x.err"
check "... posts from it alike" bash -c "[ $? = 1 ] && grep -q 'atlas.xlsx:1: this is an Excel workbook' '$WORK/x.err'"
"$SL" import requests "$WORK/atlas.xlsx" -s "$(store x3)" >/dev/null 2>"$WORK/x.err"
check "... requests from it alike" bash -c "[ $? = 1 ] && grep -q 'atlas.xlsx:1: this is an Excel workbook' '$WORK/x.err'"
"$SL" import partnerships "$WORK/atlas16.csv" --preset atlas -s "$(store x4)" >/dev/null 2>"$WORK/x.err"
check "partnerships from UTF-16 text: exit 1, UTF-16 named, and iconv" bash -c "[ $? = 1 ] &&
  grep -q 'atlas16.csv:1: this is UTF-16 text (Excel.s \"Unicode Text\"), not UTF-8: save it as CSV UTF-8, or convert it with iconv' '$WORK/x.err'"
"$SL" import partnerships "$CENSUS/chicago-community-areas-acs.geojson" --preset atlas -s "$(store x5)" >/dev/null 2>"$WORK/x.err"
check "partnerships from a GeoJSON: exit 1, said to be JSON, not a CSV" bash -c "[ $? = 1 ] &&
  grep -q 'chicago-community-areas-acs.geojson:1: this is JSON (a GeoJSON?), not a CSV' '$WORK/x.err'"
# A Chicago box written latitude first, as a circle is: 0 posts and exit 0,
# with a note; a circle so written was refused. Refused alike now.
"$SL" zone -s "$D" --bbox 41.7,-87.8,41.9,-87.6 >"$WORK/bb.out" 2>"$WORK/bb.err"
check "zone --bbox S,W,N,E near a pole: exit 2, the GeoJSON order and the box meant, nothing on stdout" bash -c "[ $? = 2 ] &&
  grep -qx 'sightline: --bbox is W,S,E,N (longitude first, as in GeoJSON): latitudes -87.8 and -87.6 are near a pole; did you mean -87.8,41.7,-87.6,41.9?' '$WORK/bb.err' &&
  [ ! -s '$WORK/bb.out' ]"
"$SL" audit -s "$D" -o "$WORK/bba" --zone 'loop=bbox:41.7,-87.8,41.9,-87.6' --quiet >/dev/null 2>&1
check "... audit --zone NAME=bbox: the same, no report" bash -c "[ $? = 2 ] && [ ! -e '$WORK/bba' ]"
# Request dates like 10/07/2020 with no day over 12 were read month first
# with nothing said: a day-first file read so is wrong by months.
printf 'id,agency,state,date,lat,lon\n1,Town PD,IL,10/07/2020,41.9,-87.6\n2,Town PD,IL,11/08/2020,41.9,-87.6\n' >"$WORK/md.csv"
"$SL" import requests "$WORK/md.csv" -s "$(store md)" >/dev/null 2>"$WORK/md.err"
check "request dates 10/07/2020, 11/08/2020: imported, and said to be read month first, with the day-first format" bash -c "[ $? = 0 ] &&
  grep -q \"md.csv:2: note: 2 dates like '10/07/2020' (first here) were read month first (US order); no day is over 12, so a file written day first would read wrong: then import it again with --replace --date-format %d/%m/%Y\" '$WORK/md.err'"
printf 'id,agency,state,date,lat,lon\n1,Town PD,IL,10/07/2020,41.9,-87.6\n2,Town PD,IL,10/25/2020,41.9,-87.6\n' >"$WORK/md2.csv"
"$SL" import requests "$WORK/md2.csv" -s "$(store md2)" >/dev/null 2>"$WORK/md2.err"
check "... no note when a day over 12 shows the order" bash -c "! grep -q 'month first' '$WORK/md2.err'"
# "1 date cells are no single date"; and --key-width 5digits read as 5.
{ head -1 "$ATLAS"; printf 'AOS1,Town,Cook County,IL,Town Police Department,Police,x,Municipal,Drones,DJI,,,,,2017/2018\n'; } >"$WORK/range.csv"
"$SL" import partnerships "$WORK/range.csv" --preset atlas --snapshot 2020-10-07 -s "$(store range)" >"$WORK/range.out" 2>/dev/null
check "one range date: '1 date cell is no single date'" grep -q '^  note: 1 date cell is no single date (e.g. a range; first at line 2)' "$WORK/range.out"
"$SL" import areas "$US_ATLAS" --layer counties --set kw --id id --key-width 5digits -s "$(store kw)" >/dev/null 2>"$WORK/kw.err"
check "--key-width 5digits: usage error quoting it" bash -c "[ $? = 2 ] &&
  grep -q \"key-width wants a whole number from 1 to 64, not '5digits'\" '$WORK/kw.err'"
finish
