#!/usr/bin/env bash
# privacy_subtraction.sh — no withheld area count can be worked out by
# subtraction. Four areas hold 10, 8, 6 and 2 cameras, and the audit
# publishes their total (26): with only the 2 withheld, 26 - 10 - 8 - 6
# gave it away (in the join's rows and the disparity's, beside summary.json's
# totals). The 6 is withheld too (complementary suppression,
# sl_privacy_hide_below), marked "withheld", not "< 5", in report.html,
# summary.json, the map's data and data/. With a second set whose areas
# each join two of them, what is left of an area of one set around the
# shown areas of the other holds no camera or k or more
# (sl_privacy_across_sets), and so do a text filter's matches.
source "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
python3 - <<'PY'
import json
sq = lambda x: [[[x, 40.0], [x + 0.05, 40.0], [x + 0.05, 40.05], [x, 40.05], [x, 40.0]]]
feats = [{"type": "Feature", "properties": {"id": "T%d" % i, "pop": 1000, "black": 100 * (i + 1)},
          "geometry": {"type": "Polygon", "coordinates": sq(-74.0 + 0.1 * i)}} for i in range(4)]
json.dump({"type": "FeatureCollection", "features": feats}, open("four.geojson", "w"))
with open("cams.csv", "w") as f:
    f.write("id,lat,lon\n")
    for area, n in enumerate([10, 8, 6, 2]):
        for j in range(n):
            f.write("c%d_%d,%.6f,%.6f\n" % (area, j, 40.01 + 0.003 * j, -73.99 + 0.1 * area))
PY
DB=$(store s)
"$SL" import areas four.geojson --set four --id id --pop pop --black black -s "$DB" >/dev/null 2>&1 || not_ok "import areas"
"$SL" import cameras cams.csv -s "$DB" >/dev/null 2>&1 || not_ok "import cameras"
"$SL" audit -s "$DB" -o out --quiet >/dev/null 2>err || { cat err; not_ok "audit"; }
check "the join: 10 and 8 shown, the 2 withheld as under k, the 6 withheld to protect it" python3 - <<'PY'
import json, sys
s = json.load(open("out/summary.json"))
rows = {r["id"]: r for r in s["areas"][0]["joins"]["cameras"]["areas"]}
ok = rows["T0"]["count"] == 10 and rows["T1"]["count"] == 8
ok = ok and rows["T3"]["count"] is None and rows["T3"]["count_suppressed"] and "withheld_to_protect" not in rows["T3"]
ok = ok and rows["T2"]["count"] is None and rows["T2"]["count_suppressed"] and rows["T2"]["withheld_to_protect"]
print("    ", {k: (r["count"], r.get("withheld_to_protect")) for k, r in rows.items()})
sys.exit(0 if ok else 1)
PY
check "... so the total less the counts shown is 8 cameras between two areas, never one area's" python3 - <<'PY'
import json, sys
s = json.load(open("out/summary.json"))
j = s["areas"][0]["joins"]["cameras"]
shown = sum(r["count"] for r in j["areas"] if r["count"] is not None)
sys.exit(0 if j["points"] - shown == 8 else 1)
PY
check "the disparity's rows withhold the same two" python3 - <<'PY'
import json, sys
d = [x for x in json.load(open("out/summary.json"))["disparity"] if x.get("events") == 26][0]
rows = {r["id"]: r for r in d["areas"]}
sys.exit(0 if rows["T2"]["events"] is None and rows["T3"]["events"] is None and rows["T0"]["events"] == 10 else 1)
PY
check "the map data: the 6 reads \"withheld\" (flagged _protects), the 2 \"< k\"" python3 - <<'PY'
import json, re, sys
h = open("out/report.html", encoding="utf-8").read()
props = {f["properties"]["id"]: f["properties"] for f in json.load(open("out/data/areas_four.geojson"))["features"]}
ok = props["T2"].get("cameras_protects") is True and props["T2"].get("cameras") is None and not props["T3"].get("cameras_protects")
ok = ok and "'withheld'" in h  # report.js reads the flag
sys.exit(0 if ok else 1)
PY
check "report.html says why the second is withheld" python3 -c "
import sys; h=open('out/report.html',encoding='utf-8').read()
sys.exit(not ('1 area holds fewer than 5 distinct camera locations: its count is withheld, and so is that of 1 more, or the total less the counts shown would give it away.' in h))"
# every camera hexagon is withheld here (no 500 m cell holds 5 locations):
# the file still names its columns, for a reader to see it is empty, not broken
check "data/camera_density.csv with every cell withheld: its header, no row" bash -c "
  [ \"\$(cat out/data/camera_density.csv)\" = 'cell,lon,lat,cameras,camera_locations,posts' ]"
# Two sets that nest (run of 2026-12-06): "two" joins T0 with T3 (10 + 2 =
# 12) and T1 with T2 (14). Both are shown, and X less the T0 shown inside
# it gave the withheld T3's 2 cameras exactly, in summary.json, data/ and
# report.html alike. T0 is withheld too (to protect), so what is left of
# every shown area of one set around the shown areas of the other holds no
# camera or k or more.
python3 - <<'PY'
import json
sq = lambda x: [[[x, 40.0], [x + 0.05, 40.0], [x + 0.05, 40.05], [x, 40.05], [x, 40.0]]]
feats = [{"type": "Feature", "properties": {"id": i, "pop": 2000, "black": 300},
          "geometry": {"type": "MultiPolygon", "coordinates": [sq(-74.0 + 0.1 * a), sq(-74.0 + 0.1 * b)]}}
         for i, (a, b) in (("X", (0, 3)), ("Y", (1, 2)))]
json.dump({"type": "FeatureCollection", "features": feats}, open("two.geojson", "w"))
PY
NEST=$(store nest)
"$SL" import areas four.geojson --set four --id id --pop pop --black black -s "$NEST" >/dev/null 2>&1 || not_ok "import four"
"$SL" import areas two.geojson --set two --id id --pop pop --black black -s "$NEST" >/dev/null 2>&1 || not_ok "import two"
"$SL" import cameras cams.csv -s "$NEST" >/dev/null 2>&1 || not_ok "import cameras (nest)"
"$SL" audit -s "$NEST" -o nested --quiet >/dev/null 2>err || { cat err; not_ok "audit (nest)"; }
check "nested sets: no shown area of one set less the shown areas of the other inside it leaves 1 to 4 cameras (summary.json, data/)" python3 - <<'PY'
import csv, json, sys
s = json.load(open("nested/summary.json"))
sets = {e["set"]: {r["id"]: r["count"] for r in e["joins"]["cameras"]["areas"]} for e in s["areas"]}
inside = {"X": ["T0", "T3"], "Y": ["T1", "T2"]}
bad = []
for x, parts in inside.items():
    if sets["two"][x] is None: continue
    left = sets["two"][x] - sum(sets["four"][t] or 0 for t in parts)
    if 0 < left < 5: bad.append((x, left))
data = {r["id"]: r["cameras"] for r in csv.DictReader(open("nested/data/areas_four.csv"))}
print("    ", sets, "left under k:", bad)
ok = not bad and data["T3"] == "" and data["T0"] == "" and data["T1"] == "8"
t0 = [r for r in s["areas"] if r["set"] == "four"][0]["joins"]["cameras"]["areas"][0]
sys.exit(0 if ok and t0["id"] == "T0" and t0.get("withheld_to_protect") else 1)
PY
check "nested sets: report.html's map and the disparity withhold T0 as protecting (\"withheld\")" python3 - <<'PY'
import json, re, sys
h = open("nested/report.html", encoding="utf-8").read()
m = json.loads(re.search(r'<script type="application/json" id="sl-map"[^>]*>(.*?)</script>', h, re.S).group(1))
four = [x for x in m["areas"] if any(r[0] == "T0" for r in x["rows"])][0]
t0 = dict(zip(four["keys"], [r for r in four["rows"] if r[0] == "T0"][0]))
d = [x for x in json.load(open("nested/summary.json"))["disparity"] if x["set"] == "four"][0]
ev = {r["id"]: r["events"] for r in d["areas"]}
print("    ", {k: v for k, v in t0.items() if k.startswith("cameras")}, ev)
sys.exit(0 if t0.get("cameras") is None and t0.get("cameras_protects") is True and ev["T0"] is None else 1)
PY
check "nested sets: report.html says why (an area of another set around them)" grep -q \
  "its count is withheld, and so are those of 2 more, or the total or an area of another set around them less the counts shown would give it away" nested/report.html
# A text filter's matches across the same two sets: every area holds 10
# posts at 10 places (all shown); "kids" matches 6 in T0, 0 in T1, 5 in T2,
# 2 in T3. T0's 6 is shown within "four" (T3's 2 and T1's 0 are withheld,
# T2's 5 with them), X's 8 and Y's 5 within "two": X less T0 gave T3's 2.
python3 - <<'PY'
kids = {0: 6, 1: 0, 2: 5, 3: 2}
with open("posts.csv", "w") as f:
    f.write("id,lat,lon,created,body\n")
    for area in range(4):
        for j in range(10):
            body = "saw kids at the door" if j < kids[area] else "a parcel was left"
            f.write("p%d_%d,%.6f,%.6f,2020-01-%02d,%s\n" % (area, j, 40.01 + 0.003 * j, -73.99 + 0.1 * area, j + 1, body))
PY
FILT=$(store filt)
"$SL" import areas four.geojson --set four --id id --pop pop --black black -s "$FILT" >/dev/null 2>&1 || not_ok "import four (filt)"
"$SL" import areas two.geojson --set two --id id --pop pop --black black -s "$FILT" >/dev/null 2>&1 || not_ok "import two (filt)"
"$SL" import posts posts.csv --text body --date created -s "$FILT" >/dev/null 2>&1 || not_ok "import posts (filt)"
"$SL" audit -s "$FILT" -o filtered --quiet >/dev/null 2>err || { cat err; not_ok "audit (filt)"; }
check "nested sets: a text filter's matches of X less those of the areas shown inside it never leave 1 to 4" python3 - <<'PY'
import csv, sys
rows = {s: {r["id"]: r for r in csv.DictReader(open(f"filtered/data/areas_{s}.csv"))} for s in ("four", "two")}
n = lambda r: int(r["filter_children"]) if r["filter_children"] else None
inside = {"X": ["T0", "T3"], "Y": ["T1", "T2"]}
bad = [(x, n(rows["two"][x]) - sum(n(rows["four"][t]) or 0 for t in ts)) for x, ts in inside.items()
       if n(rows["two"][x]) is not None]
bad = [b for b in bad if 0 < b[1] < 5]
posts = {i: r["posts"] for s in rows for i, r in rows[s].items()}
print("    ", {i: r["filter_children"] for s in rows for i, r in rows[s].items()}, "posts", posts, "left under k:", bad)
sys.exit(0 if not bad and all(v == "10" or v == "20" for v in posts.values()) and rows["four"]["T0"]["filter_children_protects"] == "true" else 1)
PY
finish
