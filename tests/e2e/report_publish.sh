#!/usr/bin/env bash
# report_publish.sh — what a newsroom needs of the report beyond the screen,
# on the real data (make demo-real's imports) and on the demo: report.html
# stays small (the map data packed, nothing dropped: every county's figures
# and shape match data/), ... Skips loudly (77) without the real data.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
real_and_demo_reports

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import json, os, sys
from report_page import map_data
w = sys.argv[1]
fails = 0
def need(cond, what):
    global fails
    fails += not cond
    print(("ok   - " if cond else "FAIL - ") + what)

size = os.path.getsize(f"{w}/real/report.html")
need(size < 1_300_000, f"the real-data report.html is under 1.3 MB ({size:,} bytes; 2.5 MB with the map data unpacked)")
html = open(f"{w}/real/report.html").read()
m = map_data(html)
page = m["areas"][0]["features"]["features"]
files = json.load(open(f"{w}/real/data/areas_counties.geojson"))["features"]
need(len(page) == len(files) == 3230, f"every county on the map ({len(page)})")
def same(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, (int, float)) and abs(a - b) <= 1e-7 * max(1, abs(b)))
bad = [f["properties"]["id"] for f, g in zip(page, files)
       if set(f["properties"]) != {k for k, v in g["properties"].items() if v is not None}
       or not all(same(f["properties"][k], g["properties"][k]) for k in f["properties"])]
need(not bad, f"each county's figures on the page are those of data/ ({bad[:3]})")
def ring0(g):
    c = g["coordinates"]
    return c[0] if g["type"] == "Polygon" else c[0][0]
la = [(f, g) for f, g in zip(page, files) if f["properties"]["id"] == "06037"][0]
need(la[0]["geometry"]["type"] in ("Polygon", "MultiPolygon") and
     max(abs(a - b) for p, q in zip(ring0(la[0]["geometry"]), ring0(la[1]["geometry"])) for a, b in zip(p, q)) < 0.2,
     "Los Angeles County's outline on the page follows its shape in data/")
for k, what in (("sites", "site"), ("agencies", "agency")):
    need(len(m[k]) > 1000 and all("lat" in x and "lon" in x for x in m[k]), f"every {what} on the page with its position ({len(m[k])})")
sys.exit(1 if fails else 0)
PY
check "report size and map data" test $? -eq 0
finish
