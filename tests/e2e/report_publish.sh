#!/usr/bin/env bash
# report_publish.sh — what a newsroom needs of the report beyond the screen,
# on the real data (make demo-real's imports) and on the demo: report.html
# stays small (the map data packed, nothing dropped: every county's figures
# and shape match data/); every source carries its publisher, URL, licence
# and data year (presets fill them in, import options give them; info and
# the report's sources show them); the timeline keeps its running total on
# a chart of its own (axis from zero, the last figure in words); each
# camera_density.csv row names its cell and centre, and report.gpkg has
# partnerships per state (MultiPolygon), the report's figures by registry state; it prints: chromium's print-to-PDF of both reports
# has a sane page count, the title and lead on page 1, and on the demo the
# synthetic-data notice on every page, with the banner in the flow rather
# than fixed over the content, no table or chart cut by a scroll box, the
# map refitted to the paper (on the real data the whole lower 48 in the
# printed frame, the map and its legend on page 1 on A4 and Letter) and links followed by their URL
# (report_print.mjs; pdftotext and pdfinfo of poppler-utils read the PDF).
# Skips loudly (77) without the real data, chromium, node or playwright-core.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
need_browser playwright-core
real_and_demo_reports

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import json, os, re, sys
from report_page import map_data
w = sys.argv[1]
from checks import need, done

size = os.path.getsize(f"{w}/real/report.html")
need(size < 1_300_000, f"the real-data report.html is under 1.3 MB ({size:,} bytes; 2.5 MB with the map data unpacked)")
html = open(f"{w}/real/report.html").read()
m = map_data(html)
page = m["areas"][0]["features"]["features"]
files = json.load(open(f"{w}/real/data/areas_counties.geojson"))["features"]
need(len(page) == len(files) == 3230, f"every county on the map ({len(page)})")
def same(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, (int, float)) and abs(a - b) <= 1e-7 * max(1, abs(b)))
# data/ lists the areas by id, the page's map in the store's order: paired by id
by_id = {g["properties"]["id"]: g for g in files}
pairs = [(f, by_id.get(f["properties"]["id"], {"properties": {}})) for f in page]
# data/ names a rate's unit (sites_per_100k_residents) where the page's map says it in its legend
unit = lambda k: re.sub(r"_per_(1000|100k)(?!_residents)(?=_|$)", r"_per_\1_residents", k)
# few_residents: data/'s mark of what the page's map reads from pop (under 500)
bad = [f["properties"]["id"] for f, g in pairs
       if {unit(k) for k in f["properties"]} != {k for k, v in g["properties"].items() if v is not None and k != "few_residents"}
       or g["properties"].get("few_residents", False) != (0 < (f["properties"].get("pop") or 0) < 500)
       or not all(same(f["properties"][k], g["properties"][unit(k)]) for k in f["properties"])]
need(any("sites_per_100k_residents" in g["properties"] for g in files), "data/ names the unit of a rate per resident")
# one unit per resident on the page and in data/: the tables' per 100,000, not the map's per 1,000 beside them
need(not [k for f in page for k in f["properties"] if k.endswith("_per_1000")] and
     not [k for g in files for k in g["properties"] if "_per_1000_" in k], "the map and data/ give rates per 100,000 residents, as the tables")
need(not bad, f"each county's figures on the page are those of data/ ({bad[:3]})")
def ring0(g):
    c = g["coordinates"]
    return c[0] if g["type"] == "Polygon" else c[0][0]
la = [(f, g) for f, g in pairs if f["properties"]["id"] == "06037"][0]
# the page draws it simplified, data/ carries it whole (report_gis_real.sh)
shown, whole = ring0(la[0]["geometry"]), ring0(la[1]["geometry"])
need(la[0]["geometry"]["type"] in ("Polygon", "MultiPolygon") and len(whole) > len(shown) and
     all(min(abs(p[0] - q[0]) + abs(p[1] - q[1]) for q in whole) < 0.2 for p in shown),
     "Los Angeles County's outline on the page follows its shape in data/")
for k, what in (("sites", "site"), ("agencies", "agency")):
    need(len(m[k]) > 1000 and all("lat" in x and "lon" in x for x in m[k]), f"every {what} on the page with its position ({len(m[k])})")
done()
PY
check "report size and map data" test $? -eq 0

# Sources carry who published them: presets fill it in, --publisher, --url,
# --licence and --year give it for the rest; info and the report show it.
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import json, re, sys
w = sys.argv[1]
from checks import need, done
s = json.load(open(f"{w}/real/summary.json"))
by = {i["kind"]: i for i in s["inputs"]}
need(by["partnerships"].get("publisher", "").startswith("Electronic Frontier Foundation") and
     by["partnerships"].get("url") == "https://atlasofsurveillance.org" and by["partnerships"].get("licence", "").startswith("CC BY 4.0")
     and by["partnerships"].get("year") == "2020", f"--preset atlas credits the EFF Atlas of Surveillance, data of 2020: {by['partnerships']}")
need(by["agencies"].get("publisher", "").startswith("FBI Crime Data Explorer") and by["agencies"].get("year") == "2018"
     and "public domain" in by["agencies"].get("licence", ""), f"--preset fbi-cde credits the FBI CDE, data of 2018: {by['agencies']}")
need(by["areas"].get("publisher", "").startswith("US Census Bureau") and by["areas"].get("year") == "2014", "counties credited as given on import")
need(by["sites"].get("url") == "https://github.com/UWCHR/ice-facilities", "ICE sites credited as given on import")
html = open(f"{w}/real/report.html").read()
src = html[html.find('id="sources"'):html.find('</ul>', html.find('id="sources"'))]
need('<a href="https://atlasofsurveillance.org" rel="noreferrer">Electronic Frontier Foundation' in src and "data of 2020" in src
     and "Licence: CC BY 4.0" in src, "the report's sources name and link the Atlas, its year and licence")
need(src.count("<li>") == 4 and "FBI Crime Data Explorer" in src and "US Census Bureau" in src and "Washington Center for Human Rights" in src,
     "the report's sources list every import with its publisher")
tc = re.search(r'<figure class="chart" id="total-chart"[^>]*>(.*?)</figure>', html, re.S)
tc = tc.group(1) if tc else ""
need("running total" in tc and 'class="axis-title"' in tc, "the timeline keeps its running total, on a titled chart of its own")
# the axes count what the caption and the year table count: rows (1,501 rows are 1,498 partnerships; copy editor's walk)
need(re.search(r'class="axis-title"[^>]*>partnership rows<', tc) and "1,501 partnership rows dated to the month are drawn" in html,
     "the charts' axis says partnership rows, as their caption does")
dated = sum(v for k, v in s["partnerships"]["by"].items() if re.fullmatch(r"\d{4}-\d\d", k))
label = re.search(r'class="label total-label"[^>]*>([^<]*)<', tc)
need(label is not None and label.group(1) == f"{dated:,} by September 2020", f"its last figure in words: {label and label.group(1)!r} ({dated:,} dated)")
ticks = [int(t.replace(",", "")) for t in re.findall(r'class="tick" text-anchor="end">([\d,]+)<', tc)]
need(ticks and ticks[0] == 0 and ticks[-1] >= dated and "2,000" in tc, f"its axis from zero past the total, with thousands separators: {ticks}")
pts = [tuple(map(float, p.split())) for p in re.findall(r"[ML]([\d.]+ [\d.]+)", re.search(r'class="total-line" d="([^"]*)"', tc).group(1))]
need(all(b[1] <= a[1] for a, b in zip(pts, pts[1:])) and abs(pts[-1][1] - (34 + 150 - 150 * dated / ticks[-1])) < 0.2,
     "the line never falls and ends at the total")
demo = open(f"{w}/demo/report.html").read()
dsrc = demo[demo.find('id="sources"'):demo.find('</ul>', demo.find('id="sources"'))]
need(dsrc.count("Invented for the demonstration") == dsrc.count("<li>") > 5, "the demo's sources say they are invented")
done()
PY
check "sources in the report" test $? -eq 0

DB=$(store credit)
printf 'id,name,lat,lon\n1,Clinic A,40.7,-74.0\n2,Clinic B,40.8,-73.9\n' >"$WORK/clinics.csv"
check "import sites with --publisher, --url, --licence and --year" "$SL" import sites "$WORK/clinics.csv" --category clinic \
  --publisher "Example City Health Department" --url https://example.org/clinics --licence CC0-1.0 --year 2021 -s "$DB"
"$SL" info --json -s "$DB" >"$WORK/info.json"
check "info --json has the publisher, URL, licence and year" python3 -c "
import json,sys; s=json.load(open(sys.argv[1]))['sources'][0]
sys.exit(not (s['publisher']=='Example City Health Department' and s['url']=='https://example.org/clinics' and s['licence']=='CC0-1.0' and s['year']=='2021'))" "$WORK/info.json"
check "info's table shows them under the import" sh -c '"$1" info -s "$2" | grep -q "Example City Health Department, data of 2021, https://example.org/clinics (licence: CC0-1.0)"' _ "$SL" "$DB"
check "info --csv has them as columns" sh -c '"$1" info --csv -s "$2" | head -1 | grep -q "publisher,url,licence,year"' _ "$SL" "$DB"
check "import again with a year only adds the year, keeps the rest" "$SL" import sites "$WORK/clinics.csv" --category clinic --year 2022 -s "$DB"
check "... as info shows" sh -c '"$1" info -s "$2" | grep -q "Example City Health Department, data of 2022"' _ "$SL" "$DB"
code() { "$@" >/dev/null 2>&1; echo $?; }
check "a --url other than http(s) is a usage error" test "$(code "$SL" import sites "$WORK/clinics.csv" --category c2 --url 'javascript:alert(1)' -s "$DB")" = 2
check "a --year that is no year is a usage error" test "$(code "$SL" import sites "$WORK/clinics.csv" --category c2 --year 21 -s "$DB")" = 2
check "import partnerships takes them too" "$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas \
  --licence "CC BY 4.0" --year 2019 -s "$DB"
check "... and the preset fills in the publisher" sh -c '"$1" info -s "$2" | grep -q "Electronic Frontier Foundation.*data of 2019"' _ "$SL" "$DB"
check "rm takes an import out with its credit" "$SL" rm 1 -s "$DB"
check "... leaving no credit behind" test "$(store_sql "$DB" 'SELECT count(*) FROM source_credits WHERE source_id=1')" = 0

# The disparity's exposure per 100,000 residents on the page and in data/, as
# every other rate per resident there; summary.json keeps per 1,000.
check "the disparity's exposure is per 100,000 residents on the page and in data/" python3 - "$WORK/demo" <<'PY'
import csv, glob, html, json, re, sys
d = sys.argv[1]
s = json.load(open(f"{d}/summary.json"))
page = open(f"{d}/report.html").read()
ok = bool(s["disparity"])
for r in s["disparity"]:
    rows = list(csv.DictReader(open(f"{d}/data/disparity_{r['set']}_{r['events_kind']}.csv")))
    want = {g["group"]: 100 * g["exposure_per_1000"] for g in r["groups"]}
    got = {row["group"]: float(row["exposure_per_100k_residents"]) for row in rows}
    ok &= want.keys() == got.keys() and all(abs(want[g] - got[g]) < 1e-6 * max(1, want[g]) for g in want)
    cells = [html.unescape(c) for c in re.findall(r'data-label="events per 100,000 residents where the group lives">([^<]*)<', page)]
    ok &= all(f"{100 * g['exposure_per_1000']:.2f}" in cells for g in r["groups"])
ok &= not [c for f in glob.glob(f"{d}/data/*.csv") for c in next(csv.reader(open(f))) if "_per_1000" in c]
ok &= ">per 1,000 residents<" not in page
print(want, got)
sys.exit(not ok)
PY

# Files: each camera_density.csv row names its cell and centre; the real
# report's GIS files have partnerships per state, typed MultiPolygon.
check "camera_density.csv rows say which cell and where" python3 - "$WORK/demo/data" <<'PY'
import csv, json, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(f"{d}/camera_density.csv")))
feats = json.load(open(f"{d}/camera_density.geojson"))["features"]
ok = rows and list(rows[0])[:3] == ["cell", "lon", "lat"] and len({r["cell"] for r in rows}) == len(rows) == len(feats)
for r, f in zip(rows, feats):
    ring = f["geometry"]["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    ok = ok and r["cell"] == f["properties"]["cell"] and min(xs) < float(r["lon"]) < max(xs) and min(ys) < float(r["lat"]) < max(ys)
    ok = ok and abs(float(r["lon"]) - sum(xs[:6]) / 6) < 1e-5 and abs(float(r["lat"]) - sum(ys[:6]) / 6) < 1e-5
types = open(f"{d}/camera_density.csvt").read().split(",")
sys.exit(0 if ok and types[0].strip('"') == "String" and types[1].strip('"') == "Real" else 1)
PY
if command -v ogrinfo >/dev/null; then
  info=$(ogrinfo -so "$WORK/real/data/report.gpkg" partnerships_by_state 2>/dev/null)
  check "report.gpkg has partnerships per state, typed MultiPolygon" sh -c 'printf "%s" "$1" | grep -q "Geometry: Multi Polygon" && printf "%s" "$1" | grep -q "Feature Count: 56"' _ "$info"
  check "... with partnered agencies, their denominator and the rate per 100,000" sh -c 'printf "%s" "$1" | grep -q "^partnered_agencies: Integer" && printf "%s" "$1" | grep -q "^registry_agencies: Integer" && printf "%s" "$1" | grep -q "^partnered_per_100k_residents: Real"' _ "$info"
else echo "note: ogrinfo missing: report.gpkg not read"; fi
# The state layer's figures are the report's, by the registry's state
# (report_gis_real.sh checks them against the table and the CLI).
check "partnerships per state are the report's by registry state and name the state" python3 - "$WORK/real" <<'PY'
import csv, json, sys
d = sys.argv[1]
states = {r["id"]: r for r in csv.DictReader(open(f"{d}/data/partnerships_by_state.csv"))}
summ = {r["state"]: r for r in json.load(open(f"{d}/summary.json"))["agencies_by_state"]}
ok = len(states) == 56 and all(int(r["partnered_agencies"]) == summ.get(r["state"], {}).get("partnered", 0) for r in states.values())
ok = ok and states["17"]["state"] == "IL" and int(states["17"]["counties"]) == 102
il = states["17"]
ok = ok and abs(float(il["partnered_per_100k_residents"]) - 1e5 * int(il["partnered_agencies"]) / float(il["residents"])) < 1e-6
sys.exit(0 if ok else 1)
PY

# On paper. Without poppler-utils the PDF's pages are counted in its bytes
# and its text is not read (report_print.mjs's checks still run).
for r in real demo; do
  whole=; [ "$r" = real ] && whole=24.4,-125,49.5,-66.9 # the lower 48, whole on paper
  check "$r: print checks in chromium" node "$SL_SOURCE/tests/e2e/report_print.mjs" "$WORK/$r" "$WORK/$r.pdf" $whole
  [ -s "$WORK/$r.pdf" ] || { not_ok "$r: no PDF printed"; continue; }
  if command -v pdfinfo >/dev/null; then pages=$(pdfinfo "$WORK/$r.pdf" | sed -n 's/^Pages: *//p')
  else pages=$(grep -a -c '/Type */Page[^s]' "$WORK/$r.pdf"); fi
  check "$r: $pages printed pages" test "$pages" -ge 2 -a "$pages" -le 30
  command -v pdftotext >/dev/null || { echo "note: pdftotext missing (poppler-utils): the PDF's text is not read"; continue; }
  pdftotext -layout "$WORK/$r.pdf" "$WORK/$r.txt"
  PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" "$r" <<'PY'
import re, subprocess, sys
w, r = sys.argv[1], sys.argv[2]
pages = [p for p in open(f"{w}/{r}.txt").read().split("\f") if p.strip()]
first = re.sub(r"\s+", " ", pages[0])
from checks import need as checked, done
def need(cond, what):
    checked(cond, f"{r}: {what}")
# every technology (the demo audit): what the lead says, not "police partnerships"
title = "Police partnerships with Ring" if r == "real" else "Agencies with surveillance technology on record"
need(title in first, f"the title on the first printed page")
# Ring's partners are "law enforcement agencies"; every technology's (the demo audit) "agencies"
need("By 7 October 2020" in first and re.search(r"[0-9,]+ (law enforcement )?agencies had", first) is not None,
     "the lead on the first printed page")
need("Sources" in "".join(pages[-3:]) and "Files as imported" in "".join(pages[-3:]), "the sources section is printed")
if r == "real":
    # the map and its legend (beside it) under the lead, not page 1 half blank
    for paper in ("a4", "letter"):
        pdf = f"{w}/{r}.pdf" if paper == "a4" else f"{w}/{r}-letter.pdf"
        one = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout)
        need("Map" in one and "Areas: Partnered agencies" in one and "police agencies" not in one and "state outlines" in one,
             f"{paper}: the map and its legend on page 1, under the lead")
if r == "demo":
    marked = sum("SYNTHETIC DEMO DATA" in p for p in pages)
    need(marked == len(pages), f"the synthetic-data notice on every printed page ({marked} of {len(pages)})")
done()
PY
  check "$r: the printed text" test $? -eq 0
done
finish
