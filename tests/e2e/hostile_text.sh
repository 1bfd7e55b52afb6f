#!/usr/bin/env bash
# hostile_text.sh — text from hostile input files, end to end (#19 points 5,
# 16, 18, 19): CSV cells no spreadsheet runs as a formula whatever separator
# it splits on (audit's data/ and `join --csv`); tables and messages that
# cannot drive the terminal (escape sequences shown as \x1b); dates that
# cannot be silently misread; messages that name the real problem.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store s)
EVIL="Police;=cmd|' /C calc'!A0"

# ---- a small store whose names carry formulas and escape sequences ---------
cat >agencies.csv <<EOF
,agency_name,agency_type_name,county_name,division_name,latitude,longitude,nibrs,ori,region_desc,region_name,state_abbr,state_name
0,Normal Police Department,City,Nowhere,Demo,38.30000,-78.10000,1.0,ZZ0000001,Demo,Demo,VA,Virginia
1,"$EVIL",City,Nowhere,Demo,38.31000,-78.11000,1.0,ZZ0000002,Demo,Demo,VA,Virginia
EOF
ATLAS_HEADER='"AOSNUMBER","City","County","State","Agency","Type of LEA","Summary","Type of Juris","Technology","Vendor","Link 1","Link 1 Snapshot","Link 1 Source","Link 1 Type","Link 1 Date","Link 2","Link 2 Snapshot","Link 2 Source","Link 2 Type","Link 2 Date","Link 3","Link 3 Snapshot","Link 3 Source","Link 3 Type","Link 3 Date"'
atlas_row() { # atlas_row ID AGENCY DATE [VENDOR]
  printf '"%s","Nowhere","Nowhere County","VA","%s","Police","x","Municipal","Drones","%s","","","","","%s","","","","","","","","","",""\n' "$1" "$2" "${4:-V}" "$3"
}
# Normal's vendor changes to markup and a formula: the diff's "what changed"
# (vendor: V -> ...) carries it to the CLI's CSV, the report and its data/.
EVIL_VENDOR="<img src=x onerror=alert(2)>;=cmd|' /C calc'!A0"
{ echo "$ATLAS_HEADER"; atlas_row AOS1 "Normal Police Department" 3/1/2019; } >atlas-2020-01-15.csv
{
  echo "$ATLAS_HEADER"
  atlas_row AOS1 "Normal Police Department" 3/1/2019 "$EVIL_VENDOR"
  atlas_row AOS2 "${EVIL//\"/\"\"}" 5/1/2020
  atlas_row AOS3 $'Evil\e]0;pwned\a PD\e[2J' 6/1/2020
  atlas_row AOS4 $'Csi\xc2\x9b2J\x7f PD' 6/2/2020
} >atlas-2020-10-09.csv
printf 'id,name,lat,lon\nh1,"%s",38.3,-78.1\n' "${EVIL//\"/\"\"}" >sites.csv
printf 'id,text,lat,lon\np1,"child\t=1+2",38.3,-78.1\np2,"kids %s",38.301,-78.101\n' "${EVIL//\"/\"\"}" >posts.csv
cat >areas.geojson <<'EOF'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a1","name":"Tract;=1+2\tx"},"geometry":{"type":"Polygon","coordinates":[[[-78.2,38.2],[-78.0,38.2],[-78.0,38.4],[-78.2,38.4],[-78.2,38.2]]]}}]}
EOF
setup_ok=1
"$SL" import agencies agencies.csv --preset fbi-cde -s "$DB" >/dev/null || setup_ok=0
"$SL" import partnerships atlas-2020-01-15.csv --preset atlas -s "$DB" >/dev/null || setup_ok=0
"$SL" import partnerships atlas-2020-10-09.csv --preset atlas -s "$DB" >/dev/null || setup_ok=0
"$SL" import sites sites.csv --category clinic --text name --publisher '<img src=x onerror=alert(1)>&' -s "$DB" >/dev/null || setup_ok=0
"$SL" import posts posts.csv --text text -s "$DB" >/dev/null || setup_ok=0
"$SL" import areas areas.geojson --set t --id id --name name -s "$DB" >/dev/null || setup_ok=0
check "hostile store imports" [ "$setup_ok" = 1 ]

# ---- point 5: CSV formula injection through ';' and TAB --------------------
# Every CSV is read the way a spreadsheet would: split on ',' honouring quotes,
# then on ';' or TAB as Excel does in many locales. No cell and no piece may
# start with = + - @ (a leading tab/CR is stripped first, as some readers do).
csv_safe() { # csv_safe FILE...: every cell and every ';'/TAB piece is inert
  python3 - "$@" <<'PY'
import csv, re, sys
bad = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8", newline="").read()
    views = [("comma", list(csv.reader(text.splitlines(True))))]
    for sep in (";", "\t"):
        views.append((repr(sep), [list(csv.reader([line], delimiter=sep))[0] if line else []
                                  for line in text.split("\n")]))
    for name, rows in views:
        for row in rows:
            for cell in row:
                for piece in re.split(r"[;\t\r\n]", cell) if name == "comma" else [cell]:
                    p = piece.lstrip("\t\r")
                    if p[:1] in ("=", "+", "@") or (p[:1] == "-" and not p[1:2].isdigit()):
                        bad.append(f"{path} ({name}): {piece!r}")
for b in bad: print("  formula:", b)
sys.exit(1 if bad else 0)
PY
}
"$SL" audit -s "$DB" -o rep --quiet >/dev/null 2>audit.err || cat audit.err
# the sites' publisher names them on the page (heading, legend): only escaped
check "the sites' publisher reaches report.html only escaped" \
  python3 -c 'import sys; h = open("rep/report.html").read(); sys.exit(0 if "<img src=x" not in h and "\\u003cimg src=x onerror=alert(1)\\u003e\\u0026" in h else 1)'
for f in sites partnerships_diff agencies; do
  check "audit data/$f.csv holds the hostile name" grep -q 'cmd|' "rep/data/$f.csv"
done
check "audit CSVs: no formula in any cell or ';'/TAB piece" csv_safe rep/data/*.csv
check "data/partnerships_diff.csv says what changed, the formula neutralised" \
  grep -qF "\"vendor: V → <img src=x onerror=alert(2)>;'=cmd|' /C calc'!A0\"" rep/data/partnerships_diff.csv
check "the report's Changed table says what changed, escaped" \
  python3 -c 'import sys; h = open("rep/report.html").read(); sys.exit(0 if "<img src=x onerror=alert(2)" not in h and ">vendor: V → &lt;img src=x onerror=alert(2)&gt;;=cmd|" in h else 1)'
"$SL" partnerships diff --from 2020-01-15 --to 2020-10-09 --csv -s "$DB" >diff.csv
check "partnerships diff --csv says what changed, the formula neutralised" \
  grep -qF "\"vendor: V → <img src=x onerror=alert(2)>;'=cmd|' /C calc'!A0\"" diff.csv
check "partnerships diff --csv: no formula in any cell or piece" csv_safe diff.csv
check "sites.csv quotes the ';' cell and neutralises the piece" \
  grep -qF "\"Police;'=cmd|' /C calc'!A0\"" rep/data/sites.csv
# Posts' texts leave only with --exact (data/filter_children_posts.csv).
"$SL" audit -s "$DB" -o rep-exact --exact --quiet >/dev/null 2>audit.err || cat audit.err
check "audit --exact data/filter_children_posts.csv holds the hostile text" grep -q 'cmd|' rep-exact/data/filter_children_posts.csv
check "audit --exact CSVs: no formula in any cell or ';'/TAB piece" csv_safe rep-exact/data/*.csv
check "filter posts: the TAB-embedded =1+2 is quoted and neutralised" \
  grep -qF "\"child	'=1+2\"" rep-exact/data/filter_children_posts.csv
"$SL" join --points posts --areas t --csv -s "$DB" >join.csv
check "join --csv keeps the area name as data (a real TAB, not \\x09)" grep -qF "\"Tract;'=1+2	x\"" join.csv
check "join --csv: no formula in any cell or piece" csv_safe join.csv

# ---- point 19: terminal escape injection -----------------------------------
"$SL" partnerships --unmatched -s "$DB" >unmatched.txt
check "--unmatched lists the hostile rows" grep -q 'Evil' unmatched.txt
check "--unmatched prints no ESC, BEL, DEL or C1 byte" \
  python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.exit(any(b in d for b in (b"\x1b",b"\x07",b"\x7f",b"\xc2\x9b")))' unmatched.txt
check "--unmatched shows ESC and BEL visibly" grep -qF 'Evil\x1b]0;pwned\x07 PD\x1b[2J' unmatched.txt
check "--unmatched shows C1 and DEL visibly" grep -qF 'Csi\u009b2J\x7f PD' unmatched.txt
"$SL" partnerships --unmatched --json -s "$DB" >unmatched.json
check "--json: no raw ESC, BEL, DEL or C1 byte" \
  python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.exit(any(b in d for b in (b"\x1b",b"\x07",b"\x7f",b"\xc2\x9b")))' unmatched.json
check "--json still carries the exact names" python3 -c '
import json, sys
names = {r["agency"] for r in json.load(open(sys.argv[1]))["rows"]}
sys.exit(names != {"Evil\x1b]0;pwned\x07 PD\x1b[2J", "Csi\x9b2J\x7f PD"})' unmatched.json
"$SL" partnerships diff --from 2020-01-15 --to 2020-10-09 -s "$DB" >diff.txt
check "partnerships diff table escapes names" grep -qF 'Evil\x1b]0;pwned' diff.txt
"$SL" join --points posts --areas t -s "$DB" >join.txt
check "join table shows the TAB in a name as \\x09" grep -qF 'Tract;=1+2\x09x' join.txt
# Summaries print names read from the file: a column name with ESC[2J.
printf 'id,la\033[2Jt,lon\n1,38.3,-78.1\n' >esc-col.csv
"$SL" import posts esc-col.csv --lat $'la\e[2Jt' -s "$(store e)" >esc-col.out 2>&1
check "import summary shows a column name's ESC as \\x1b" \
  bash -c "grep -qF 'lat=la\x1b[2Jt' esc-col.out && ! grep -q $'\e' esc-col.out"
# Error messages echo input values: a column name with an escape sequence.
printf 'id,lat,lon\n1,1,1\n' >plain.csv
"$SL" import posts plain.csv --text $'t\e[2Jx' -s "$(store m)" >/dev/null 2>msg.txt
check "an error message echoing an input value escapes it" \
  bash -c "grep -qF 't\\x1b[2Jx' msg.txt && ! grep -q $'\\e' msg.txt"

# ---- point 16: dates ---------------------------------------------------------
{
  echo "$ATLAS_HEADER"
  atlas_row D1 "Normal Police Department" 1/1/20201
  atlas_row D2 "Normal Police Department" 1/1/2030
  atlas_row D3 "Normal Police Department" 5/1/2020
} >dates-2020-10-09.csv
"$SL" import partnerships dates-2020-10-09.csv --preset atlas -s "$(store d)" >dates.out 2>dates.err
check "dates: the import succeeds (a preset keeps a bad cell as unknown)" [ $? -eq 0 ]
check "dates: 1/1/20201 is no date (unknown, noted), not 2020-01-01" \
  bash -c "grep -q '2 to the day, 0 to the month, 0 to the year, 1 unknown' dates.out && grep -q 'note: 1 date cell is no single date (e.g. a range; first at line 2)' dates.out"
check "dates: 1/1/2030 in the 2020-10-09 snapshot warns with its line" \
  grep -q 'dates-2020-10-09.csv:3: warning: 1 start date is after the snapshot date 2020-10-09' dates.err
"$SL" partnerships -s "$(store d)" --json >dates.json
check "dates: 20201 stored as unknown, 2030 kept" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
sys.exit(not (t["undated"] == 1 and t["by_year"] == {"2020": 1, "2030": 1}))' dates.json
printf 'id,lat,lon,time\n1,38.3,-78.1,2020-07-01T12:00:00+99:99\n2,38.3,-78.1,2020-07-01T12:00:00+14:00\n' >tz.csv
"$SL" import posts tz.csv --time time -s "$(store tz)" >tz.out 2>tz.err
check "dates: a +99:99 offset is no time (warned, kept without time)" \
  grep -q "tz.csv:2: warning: 1 value in column 'time' is not a date (first here: '2020-07-01T12:00:00+99:99'); kept without a date" tz.err

# ---- point 18: messages that name the real problem --------------------------
"$SL" import posts posts.csv --bogus -s "$(store m)" 2>msg.txt
check "import posts --bogus: the hint names 'sightline import posts --help'" grep -q "Try 'sightline import posts --help'" msg.txt
"$SL" import partnerships x.csv --bogus -s "$(store m)" 2>msg.txt
check "import partnerships --bogus: the hint names 'sightline import partnerships --help'" \
  grep -q "Try 'sightline import partnerships --help'" msg.txt
python3 -c '
n, at = 5000, 4500
print(",".join("lat" if i == at else "lon" if i == at + 1 else f"c{i}" for i in range(1, n + 1)))
print(",".join("41.5" if i == at else "-87.5" if i == at + 1 else "0" for i in range(1, n + 1)))' >wide.csv
"$SL" import posts wide.csv -s "$(store m)" >/dev/null 2>msg.txt
check "a 5000-column header is said to be wide, not 'no column named lat'" \
  bash -c "grep -q 'the header has 5000 columns' msg.txt && ! grep -qi 'no .*column' msg.txt"
printf 'agency,date,geometry\nX PD,2020-01-01,"POLYGON((0 0,1 1,1 0,0 1,0 0))"\n' >bowtie.csv
"$SL" import requests bowtie.csv -s "$(store r)" >/dev/null 2>msg.txt
check "GDAL's own 'Warning 1: Self-intersection' is not printed" bash -c "! grep -q 'Warning 1' msg.txt"
check "the repair is a sightline warning with file and line" \
  grep -q 'sightline: bowtie.csv:2: warning: 1 invalid request polygon (e.g. self-intersecting) repaired' msg.txt
"$SL" audit -s "$DB" -o "$WORK/z" --zone 'home=circle:91,0,100' 2>msg.txt
check "--zone with latitude 91 names --zone and the latitude" \
  bash -c "[ $? -eq 2 ] && grep -q -- '--zone home: latitude 91 is outside -90..90' msg.txt && ! grep -q radius msg.txt"
"$SL" zone --circle 38,-200,100 -s "$DB" 2>msg.txt
check "zone --circle with longitude -200 names the longitude" grep -q -- '--circle: longitude -200 is outside -180..180' msg.txt
"$SL" audit -s "$DB" -o "$WORK/z" --bootstrap 2000000000 2>msg.txt
check "--bootstrap 2000000000 states the allowed range" \
  grep -q -- '--bootstrap wants a whole number from 1 to 1000000000' msg.txt
"$SL" audit -s "$DB" -o "$WORK/z" --zone "z=polygon:$WORK/missing.geojson" 2>msg.txt
check "a missing zone file says why (no such file)" grep -q 'missing.geojson: cannot open.*No such file or directory' msg.txt

finish
