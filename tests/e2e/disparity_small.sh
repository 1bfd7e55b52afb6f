#!/usr/bin/env bash
# Disparity through the CLI on a hand-built set of three areas, with figures
# worked out by hand: see the comments below.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/disparity
DB=$(store d)
check "import areas" "$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic -s "$DB"
check "import requests (CSV: points, a WKT polygon, one outside)" "$SL" import requests "$F/requests.csv" -s "$DB"
"$SL" disparity --events requests --areas toy --seed 7 --bootstrap 500 --permutations 500 --json -s "$DB" > "$WORK/a.json"
"$SL" disparity --events requests --areas toy --seed 7 --bootstrap 500 --permutations 500 --json -s "$DB" > "$WORK/b.json"
check "same seed, same answer" cmp -s "$WORK/a.json" "$WORK/b.json"
"$SL" disparity --events requests --areas toy --groups black --json -s "$DB" > "$WORK/g.json"
"$SL" disparity --events requests --areas toy --groups purple -s "$DB" >/dev/null 2>&1
check "unknown group is a usage error" [ $? -eq 2 ]
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
r = json.load(open(f"{w}/a.json"))
# Weights: A gets r1, r2, r3 and half of polygon r5 = 3.5; B gets r4 and the
# other half = 1.5; C nothing; r6 lies outside every area.
# S_black = (3.5 * 500/1000 + 1.5 * 100/1000) / 5 = 0.38; baseline 800/4000 = 0.2.
# S_hispanic = (3.5 * 0.1 + 1.5 * 0.3) / 5 = 0.16; baseline 800/4000 = 0.2.
# LQ_A = (3.5/5) / (1000/4000) = 2.8, LQ_B = 1.2, LQ_C = 0.
# D = 0.5 * (|0.7 - 0.25| + |0.3 - 0.25| + |0 - 0.5|) = 0.5.
g = {x["group"]: x for x in r["groups"]}
areas = {a["id"]: a for a in r["areas"]}
checks = [
    ("events inside", r["events"] == 5),
    ("events outside", r["events_outside"] == 1),
    ("black share 0.38", abs(g["black"]["share"] - 0.38) < 1e-6),
    ("black baseline 0.2", abs(g["black"]["baseline"] - 0.2) < 1e-12),
    ("black ratio 1.9", abs(g["black"]["ratio"] - 1.9) < 1e-5),
    ("hispanic share 0.16", abs(g["hispanic"]["share"] - 0.16) < 1e-6),
    ("area weights", abs(areas["A"]["events"] - 3.5) < 1e-6 and abs(areas["B"]["events"] - 1.5) < 1e-6 and areas["C"]["events"] == 0),
    ("location quotients", abs(areas["A"]["lq"] - 2.8) < 1e-5 and abs(areas["B"]["lq"] - 1.2) < 1e-5 and areas["C"]["lq"] == 0),
    ("dissimilarity 0.5", abs(r["dissimilarity"] - 0.5) < 1e-6),
    ("interval brackets the share", g["black"]["ci_low"] <= 0.38 <= g["black"]["ci_high"]),
    ("p-value in (0,1]", 0 < g["black"]["p_value"] <= 1),
    ("groups without data are left out", set(g) == {"black", "hispanic"}),
    ("seed recorded", r["seed"] == 7),
    ("--groups selects", [x["group"] for x in json.load(open(f"{w}/g.json"))["groups"]] == ["black"]),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "hand-computed figures" [ $? -eq 0 ]

# Five events are too few to quote: every output says so beside the figures.
"$SL" disparity --events requests --areas toy --seed 7 --bootstrap 500 --permutations 500 -s "$DB" > "$WORK/t.txt"
check "5 events: the table ends with a caution not to quote them" grep -q "^caution: Only 5 events lie inside the study areas" "$WORK/t.txt"
check "... the JSON carries it" python3 -c "import json,sys; sys.exit(0 if json.load(open('$WORK/a.json'))['caveat'].startswith('Only 5 events lie') else 1)"
"$SL" disparity --events requests --areas toy --seed 7 --bootstrap 500 --permutations 500 --csv -s "$DB" > "$WORK/t.csv" 2> "$WORK/t.err"
check "... CSV: on standard error, the CSV untouched" bash -c "grep -q '^caution: Only 5 events' '$WORK/t.err' && ! grep -q caution '$WORK/t.csv'"
"$SL" audit -s "$DB" -o "$WORK/report" > "$WORK/audit.txt" 2>&1
check "... the report's headline gives no shares, only the count" \
  grep -q "Across toy, only 5 police requests lie inside the study areas: too few to say where police requests sit" "$WORK/audit.txt"
check "... the map's legend, when the quotients colour it, carries it" \
  grep -q '"cautions":{"lq_requests":\[{"set":"toy","text":"Only 5 events lie' "$WORK/report/report.html"
check "... and its section shows the caution above the figures" grep -q '<p class="caution"><strong>Caution:</strong> Only 5 events' "$WORK/report/report.html"

DB2=$(store n)
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black -s "$DB2" >/dev/null
check "import requests (NDJSON: feature point, point + radius, flat object)" "$SL" import requests "$F/requests.ndjson" -s "$DB2"
"$SL" disparity --events requests --areas toy --json -s "$DB2" > "$WORK/n.json"
python3 - "$WORK" <<'PY'
import json, sys
r = json.load(open(sys.argv[1] + "/n.json"))
a = {x["id"]: x["events"] for x in r["areas"]}
# g1 in A; g2 a 300 m circle centred on the A|B edge: half each; g3 in C.
ok = abs(a["A"] - 1.5) < 1e-3 and abs(a["B"] - 0.5) < 1e-3 and abs(a["C"] - 1) < 1e-9
print(("ok   - " if ok else "FAIL - ") + f"circle split over two areas: {a}")
sys.exit(0 if ok else 1)
PY
check "radius split" [ $? -eq 0 ]

DB3=$(store g)
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black -s "$DB3" >/dev/null
check "import requests (GeoJSON FeatureCollection: polygon + point)" "$SL" import requests "$F/requests.geojson" -s "$DB3"
"$SL" disparity --events requests --areas toy --json -s "$DB3" > "$WORK/g3.json"
python3 - "$WORK" <<'PY'
import json, sys
r = json.load(open(sys.argv[1] + "/g3.json"))
a = {x["id"]: x["events"] for x in r["areas"]}
# p1 covers [0.015,0.03] x [0,0.01]: a third in B (0.005 wide), two thirds in C; p2 in C.
ok = abs(a["B"] - 1 / 3) < 1e-3 and abs(a["C"] - 5 / 3) < 1e-3 and a["A"] == 0
print(("ok   - " if ok else "FAIL - ") + f"polygon split by area: {a}")
sys.exit(0 if ok else 1)
PY
check "GeoJSON polygon split" [ $? -eq 0 ]

check "synth fictional agencies" "$SL" synth --areas toy --layer agencies --count 60 --seed 3 -s "$DB3"
"$SL" partnerships --json -s "$DB3" > "$WORK/sa.json"
check "synthetic agencies: about a third partnered, all linked" python3 -c "
import json,sys; r=json.load(open('$WORK/sa.json')); s={x['denominator']: x for x in r['share']}
sys.exit(0 if 10 <= r['total'] <= 30 and r['linked'] == r['total'] and s['all registry agencies']['agencies'] == 60 else 1)"

printf 'agency,lat,lon,geometry\nX PD,,,"POLYGON((0 0, 1 1"\n' > "$WORK/badgeom.csv"
before=$(store_dump "$DB")
"$SL" import requests "$WORK/badgeom.csv" -s "$DB" >/dev/null 2>"$WORK/err"
check "bad WKT: exit 1 naming file:line" bash -c "[ $? -eq 1 ] && grep -q 'badgeom.csv:2:' '$WORK/err'"
check "bad WKT: store unchanged" [ "$before" = "$(store_dump "$DB")" ]
finish
