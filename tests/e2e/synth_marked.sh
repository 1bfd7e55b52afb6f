#!/usr/bin/env bash
# synth_marked.sh — figures resting on rows `sightline synth` invented carry
# the mark in every file they are written to, not only on standard error:
# --json (fields "synthetic" and "synthetic_caution"), a table written with
# -o or into a pipe (the caution line the terminal gets), CSV (a last column
# "synthetic" naming the files, so the CSV still parses) and density's
# GeoJSON (a foreign member); the API answers the same bytes as --json.
# Over real rows nothing is added. Hand-built areas of the disparity
# fixture.
. "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
F=$SL_FIXTURES/disparity
REAL=$(store real)
SYN=$(store syn)
for db in "$REAL" "$SYN"; do
  "$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic -s "$db" >/dev/null
  "$SL" import requests "$F/requests.csv" -s "$db" >/dev/null
done
check "synth adds requests" "$SL" synth --areas toy --layer requests --count 200 --seed 5 -s "$SYN"
"$SL" synth --areas toy --layer posts --count 100 --seed 6 -s "$SYN" >/dev/null
D=(disparity --events requests --areas toy --bootstrap 300 --permutations 300 --seed 3)

"$SL" "${D[@]}" --json -o "$WORK/s.json" -s "$SYN" 2>"$WORK/s.err"
check "--json -o: the file carries synthetic (the import) and its caution" python3 - "$WORK/s.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
syn = r.get("synthetic", [])
ok = len(syn) == 1 and syn[0]["file"] == "synthetic-requests-toy-seed5" and syn[0]["rows"] == 200
ok = ok and r["synthetic_caution"].startswith("The 200 requests of import ") and "were invented by `sightline synth`" in r["synthetic_caution"]
sys.exit(0 if ok else 1)
PY
check "... and stderr still says so" grep -q "^caution: The 200 requests of import" "$WORK/s.err"
"$SL" "${D[@]}" -o "$WORK/s.txt" -s "$SYN" 2>/dev/null
check "table -o: the caution line is in the file, under the figures" bash -c "
  tr -s ' \n' ' ' <'$WORK/s.txt' | grep -q 'dissimilarity.*caution: The 200 requests of import [0-9]* (synthetic-requests-toy-seed5) were invented by .sightline synth.'"
"$SL" "${D[@]}" -s "$SYN" 2>/dev/null | cat >"$WORK/pipe.txt"
check "table into a pipe: the same" grep -q "^caution: The 200 requests" "$WORK/pipe.txt"
"$SL" "${D[@]}" --csv -o "$WORK/s.csv" -s "$SYN" 2>/dev/null
check "CSV: a last column synthetic names the file on every row, and it parses" python3 - "$WORK/s.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
ok = rows[0][-1] == "synthetic" and len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
ok = ok and all(r[-1] == "synthetic-requests-toy-seed5" for r in rows[1:])
sys.exit(0 if ok else 1)
PY
"$SL" join --points requests --areas toy --csv -s "$SYN" 2>/dev/null >"$WORK/j.csv"
check "join --csv: the same column" bash -c "head -1 '$WORK/j.csv' | grep -q ',synthetic$'"
"$SL" density --points posts --hex 500 -o "$WORK/d.geojson" -s "$SYN" 2>/dev/null
check "density GeoJSON: a foreign member synthetic names the posts' import" python3 -c "
import json,sys; d=json.load(open('$WORK/d.geojson'))
sys.exit(0 if d['type'] == 'FeatureCollection' and d['synthetic'][0]['file'] == 'synthetic-posts-toy-seed6' else 1)"

# SYN's requests layer mixes the 200 invented requests with the fixture's
# 6 real ones, counted together: every command and the report say so, with
# how many of each and the rm that leaves the real alone.
MIX='sightline rm [0-9]*. removes them. The requests layer mixes them with 6 real requests of import [0-9]* (requests.csv): the counts here add invented and real together.'
check "disparity: the caution says the layer mixes 200 invented and 6 real requests" bash -c "
  tr -s ' \n' ' ' <'$WORK/s.err' | grep -q 'The 200 requests of import [0-9]* (synthetic-requests-toy-seed5) .*$MIX'"
check "... and so does --json's synthetic_caution, with real_rows" python3 - "$WORK/s.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = r["synthetic"][0]
sys.exit(0 if m["real_rows"] == 6 and [i["file"] for i in m["real_imports"]] == ["requests.csv"]
         and "The requests layer mixes them with 6 real requests of import" in r["synthetic_caution"] else 1)
PY
"$SL" join --points requests --areas toy -s "$SYN" >/dev/null 2>"$WORK/j.err"
check "join: the same" bash -c "tr -s ' \n' ' ' <'$WORK/j.err' | grep -q '$MIX'"
"$SL" density --points posts --hex 500 -s "$SYN" >/dev/null 2>"$WORK/dens.err"
check "density over posts that are all invented: the caution, no word of a mix" bash -c "
  grep -q 'The 100 posts of import' '$WORK/dens.err' && ! grep -q 'mixes' '$WORK/dens.err'"
"$SL" audit -o "$WORK/audit" --quiet --bootstrap 200 -s "$SYN" >/dev/null 2>"$WORK/audit.err"
check "audit: the caution on stderr" bash -c "tr -s ' \n' ' ' <'$WORK/audit.err' | grep -q '$MIX'"
check "report: the disparity section's synthetic note says the layer mixes both" python3 - "$WORK/audit/report.html" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
m = re.search(r'<section id="disparity">(.*?)</section>', h, re.S)
note = re.search(r'<p class="note synthetic-note">(.*?)</p>', m.group(1), re.S).group(1) if m else ""
sys.exit(0 if re.search(r"The requests layer mixes them with 6 real requests of import \d+ \(requests\.csv\)", note)
         and re.search(r"<code>sightline rm \d+</code> removes them", note) else 1)
PY
check "... and the cameras section (invented posts alone) no mix" python3 - "$WORK/audit/report.html" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
m = re.search(r'<section id="cameras">(.*?)</section>', h, re.S)
sys.exit(0 if m and "synthetic-note" in m.group(1) and "mixes" not in m.group(1) else 1)
PY

# The API answers what --json prints, the mark included.
if command -v curl >/dev/null && serve_start "$SYN"; then
  curl -s --max-time 60 "$U/api/disparity?events=requests&areas=toy&seed=3" >"$WORK/api.json"
  "$SL" disparity --events requests --areas toy --seed 3 --json -s "$SYN" >"$WORK/cli.json" 2>/dev/null
  check "/api/disparity: the bytes of disparity --json, synthetic fields and all" \
    bash -c "cmp -s '$WORK/api.json' '$WORK/cli.json' && grep -q synthetic_caution '$WORK/api.json'"
  curl -s --max-time 60 "$U/api/join?points=requests&areas=toy" >"$WORK/api_join.json"
  "$SL" join --points requests --areas toy --json -s "$SYN" >"$WORK/cli_join.json" 2>/dev/null
  check "/api/join: the same" bash -c "cmp -s '$WORK/api_join.json' '$WORK/cli_join.json' && grep -q synthetic_caution '$WORK/api_join.json'"
  serve_stop
fi

# Over real rows alone: no field, no column, no line.
"$SL" "${D[@]}" --json -s "$REAL" >"$WORK/r.json" 2>/dev/null
check "real: no synthetic field in JSON" bash -c "! grep -q synthetic '$WORK/r.json'"
"$SL" "${D[@]}" --csv -s "$REAL" >"$WORK/r.csv" 2>/dev/null
check "real: no synthetic column in CSV" bash -c "! grep -q synthetic '$WORK/r.csv'"
"$SL" "${D[@]}" -s "$REAL" 2>/dev/null | cat >"$WORK/r.txt"
check "real: no synthetic caution under the table" bash -c "! grep -q 'invented by' '$WORK/r.txt'"
finish
