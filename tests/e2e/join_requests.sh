#!/usr/bin/env bash
# `join --points requests` (issue 13, point 8): requests with a radius or a
# polygon are split over the areas they overlap with the weights `disparity`
# uses, so the counts are fractions and the output says so; a point request
# counts whole.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/disparity
DB=$(store j)
# Areas A (0..0.01) and B (0.01..0.02) share the meridian 0.01.
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic -s "$DB" >/dev/null
# c1: a 300 m circle centred on the shared edge (half in A, half in B);
# c2: a 400 m circle 0.0015 deg (~167 m) west of it, mostly in A;
# p1, p2: point requests in B, which count whole.
cat >"$WORK/req.csv" <<'CSV'
id,agency,state,date,lat,lon,radius_m,geometry
c1,Example Police Department,ZZ,2020-01-05,0.005,0.01,300,
c2,Example Police Department,ZZ,2020-02-05,0.005,0.0085,400,
p1,Example Police Department,ZZ,2020-03-05,0.005,0.015,,
p2,Example Police Department,ZZ,2020-04-05,0.006,0.016,,
CSV
"$SL" import requests "$WORK/req.csv" -s "$DB" >/dev/null
"$SL" join --points requests --areas toy --json -s "$DB" >"$WORK/j.json"
check "join accepts the requests layer" [ $? -eq 0 ]
"$SL" disparity --events requests --areas toy --json --bootstrap 10 --permutations 10 -s "$DB" >"$WORK/d.json"
python3 - "$WORK" <<'PY'
import json, math, sys
w = sys.argv[1]
j = json.load(open(f"{w}/j.json"))
d = json.load(open(f"{w}/d.json"))
jc = {a["id"]: a["count"] for a in j["areas"]}
dc = {a["id"]: a["events"] for a in d["areas"]}
# c2: the share of a disc of radius r beyond a chord at distance h from its
# centre is (r^2 acos(h/r) - h sqrt(r^2 - h^2)) / (pi r^2), locally planar.
r = 400.0
h = 0.0015 * 111319.49 * math.cos(math.radians(0.005))
seg = (r * r * math.acos(h / r) - h * math.sqrt(r * r - h * h)) / (math.pi * r * r)
want_a, want_b = 0.5 + (1 - seg), 0.5 + seg + 2
checks = [
    ("the result says the counts are split by overlap", j.get("split") == "overlap" and j.get("count_of") == "requests (split by overlap)"),
    ("four requests joined, none outside", j["points"] == 4 and abs(j["outside"]) < 1e-9),
    ("weights sum to the number of requests", abs(sum(jc.values()) - 4) < 1e-6),
    (f"A gets half of c1 and most of c2 ({jc['A']:.4f}, about {want_a:.4f})", abs(jc["A"] - want_a) < 5e-3),
    (f"B gets half of c1, the rest of c2, p1 and p2 whole ({jc['B']:.4f}, about {want_b:.4f})", abs(jc["B"] - want_b) < 5e-3),
    ("C gets nothing", jc["C"] == 0),
    ("counts are fractions, not rounded", jc["A"] != round(jc["A"])),
    ("the same weights as disparity, area by area", all(abs(jc[k] - dc[k]) < 1e-9 for k in jc)),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "split weights match the geometry and disparity" [ $? -eq 0 ]

"$SL" join --points requests --areas toy -s "$DB" >"$WORK/t.txt"
check "the table heading says the counts are split" grep -q "requests (split by overlap)" "$WORK/t.txt"
check "the summary says a point request counts whole" grep -q "a point request counts whole" "$WORK/t.txt"
"$SL" join --points requests --areas toy --csv -s "$DB" >"$WORK/t.csv"
check "CSV keeps the fractions raw" awk -F, '$1 == "A" { found = $3 ~ /^1\.25[0-9]+$/ } END { exit !found }' "$WORK/t.csv"
"$SL" join --points requests --areas toy --min-points 2 -s "$DB" >"$WORK/m.txt"
check "--min-points compares the weighted count (B 2.74 stays, A 1.26 goes)" bash -c "grep -q '^  B ' '$WORK/m.txt' && ! grep -q '^  A ' '$WORK/m.txt'"
"$SL" join --points requests --areas toy --category ice -s "$DB" >/dev/null 2>"$WORK/e.txt"
check "--category with requests is a usage error" [ $? -eq 2 ]
check "join --help names the requests layer" bash -c "'$SL' join --help | grep -q 'posts, cameras, sites or requests'"
check "join --help says requests are split by overlap" bash -c "'$SL' join --help | grep -q 'split over the areas it overlaps'"

# Outside every area: "far", a circle wholly past C, and "edge", a circle
# centred on A's western edge, half outside. join says them apart, as the
# report does: it said "pieces adding up to 1.50 requests lie outside",
# folding the request wholly outside into the pieces.
OUT=$(store outside)
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic -s "$OUT" >/dev/null
cat >"$WORK/out.csv" <<'CSV'
id,agency,state,date,lat,lon,radius_m,geometry
in1,Example Police Department,ZZ,2020-01-05,0.005,0.015,,
far,Example Police Department,ZZ,2020-02-05,0.005,0.08,200,
edge,Example Police Department,ZZ,2020-03-05,0.005,0.0,300,
CSV
"$SL" import requests "$WORK/out.csv" -s "$OUT" >/dev/null
"$SL" join --points requests --areas toy --json -s "$OUT" >"$WORK/out.json"
check "join's JSON: 1 request wholly outside, 1 partly" python3 -c "
import json, sys; j = json.load(open('$WORK/out.json'))
sys.exit(not (j['outside_wholly'] == 1 and j['outside_partly'] == 1 and abs(j['outside'] - 1.5) < 0.01))"
"$SL" join --points requests --areas toy -s "$OUT" >"$WORK/out.txt"
check "join's summary counts the request wholly outside and weighs the pieces of the one partly outside" \
  grep -qx "1 of the 3 requests lies wholly outside every area of toy and counts in none; pieces of 1 more, whose footprints reach past the areas' edge (over water, or beyond the areas), add up to 0.50 of a request's weight, which counts in no area." "$WORK/out.txt"
check "… and no weight of pieces and whole requests added together" bash -c "! grep -q '1.50' '$WORK/out.txt'"

# The demo store: 160 requests, weights summing to the requests inside.
DEMO=$(store demo)
"$SL" demo -s "$DEMO" >/dev/null
"$SL" join --points requests --areas demo-tracts --json -s "$DEMO" >"$WORK/demo.json"
"$SL" disparity --events requests --areas demo-tracts --json --bootstrap 10 --permutations 10 -s "$DEMO" >"$WORK/demo_d.json"
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
j = json.load(open(f"{w}/demo.json"))
d = json.load(open(f"{w}/demo_d.json"))
inside = sum(a["count"] for a in j["areas"])
dc = {a["id"]: a["events"] for a in d["areas"]}
checks = [
    ("demo: 160 requests", j["points"] == 160),
    ("demo: inside + outside = 160", abs(inside + j["outside"] - 160) < 1e-6),
    ("demo: some counts are fractions", any(a["count"] != round(a["count"]) for a in j["areas"])),
    ("demo: disparity's weights, area by area", all(abs(a["count"] - dc[a["id"]]) < 1e-9 for a in j["areas"])),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "demo store: join and disparity split alike" [ $? -eq 0 ]
# The part of the requests outside every area is in no share: disparity's
# table says how much, as join's summary does (0.97 of 160).
"$SL" join --points requests --areas demo-tracts -s "$DEMO" >"$WORK/demo_j.txt"
"$SL" disparity --events requests --areas demo-tracts --bootstrap 10 --permutations 10 -s "$DEMO" >"$WORK/demo_d.txt"
part=$(sed -n "s/^No request lies wholly outside every area of demo-tracts; pieces of [0-9,]* requests, .* add up to \([0-9.,]*\) of a request's weight.*/\1/p" "$WORK/demo_j.txt")
check "join's summary gives the part outside ($part)" [ -n "$part" ]
check "disparity's table gives the same part outside" \
  grep -q "160 events in set demo-tracts (0 more wholly outside it; pieces adding up to $part events lie outside it, by overlap)" "$WORK/demo_d.txt"

# The audit counts the requests per area as join does: the areas' CSV and
# the report's table "Areas with the most police requests".
"$SL" audit -s "$DEMO" -o "$WORK/demo_report" >/dev/null 2>&1
check "the audit of the demo store succeeds" [ $? -eq 0 ]
python3 - "$WORK" <<'PY'
import csv, html, json, re, sys
w = sys.argv[1]
j = {a["id"]: a for a in json.load(open(f"{w}/demo.json"))["areas"]}
rows = list(csv.DictReader(open(f"{w}/demo_report/data/areas_demo-tracts.csv")))
page = open(f"{w}/demo_report/report.html").read()
table = page.split("<h3>Areas with the most police requests", 1)[-1].split("</table>", 1)[0]
first = re.search(r"<tr><td>([^<]*)</td><t[dh][^>]*>[^<]*</t[dh]><td class=\"num\">([^<]*)</td>", table)
top = max(j.values(), key=lambda a: (a["count"], -int(a["id"]) if a["id"].isdigit() else 0))
checks = [
    ("the CSV has a requests column per area", len(rows) == len(j) and all("requests" in r for r in rows)),
    ("the CSV's requests are join's counts", all(abs(float(r["requests"] or 0) - j[r["id"]]["count"]) < 1e-6 for r in rows)),
    ("the CSV's requests per 100,000 are join's per 1,000, times 100", all((r["requests_per_100k_residents"] == "") == (j[r["id"]]["per_1000"] is None)
        and (r["requests_per_100k_residents"] == "" or abs(float(r["requests_per_100k_residents"]) - 100 * j[r["id"]]["per_1000"]) < 1e-4) for r in rows)),
    ("the report ranks the requests per area", "each split over the areas it overlaps" in page and first is not None),
    ("its first row is join's largest count, to a tenth",
        first is not None and first.group(1) == top["id"] and abs(float(first.group(2).replace(",", "")) - top["count"]) < 0.05),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "the audit's requests per area are join's" [ $? -eq 0 ]

# Point requests alone count whole: the report's table says "3", not "3.0".
POINTS=$(store points)
"$SL" demo -s "$POINTS" >/dev/null
"$SL" rm 9 -s "$POINTS" >/dev/null 2>&1 # the demo's requests, circles among them
"$SL" synth --areas demo-tracts --layer requests --count 300 -s "$POINTS" >/dev/null 2>&1
"$SL" audit -s "$POINTS" -o "$WORK/points_report" >/dev/null 2>&1
check "the audit of point requests succeeds" [ $? -eq 0 ]
python3 - "$WORK/points_report/report.html" <<'PY'
import re, sys
page = open(sys.argv[1]).read()
table = page.split("<h3>Areas with the most police requests", 1)[-1].split("</table>", 1)[0]
counts = re.findall(r"<tr><td>[^<]*</td><t[dh][^>]*>[^<]*</t[dh]><td class=\"num\">([^<]*)</td>", table)

sys.exit(0 if counts and all(re.fullmatch(r"[0-9,]+", c) for c in counts) else 1)
PY
check "point requests' counts read whole in the report" [ $? -eq 0 ]
finish
