#!/usr/bin/env bash
# report_copyedit.sh — a copy editor's sign-off of the report's figures
# (run of 2026-12-06): one word for each count, the same count as data/ and
# the table, and no sentence the data does not support. Found then: the
# headline said "The map shows 6 cameras" where data/camera_density.csv's
# rule counts 5 camera locations (6 imported rows, two at one spot), and
# "cells" and "suppressed" where the table says hexagons and withheld; the
# demo's tracts counted an agency on a tract corner in every tract touching
# it (17 partnered agencies in tracts, 8 in none, of 20 located); a set
# imported without population read "0 residents".
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

# Six cameras, two of them at one spot: 5 camera locations in one hexagon.
printf 'lat,lon\n41.8800,-87.6300\n41.8800,-87.6300\n41.8801,-87.6301\n41.8802,-87.6302\n41.8803,-87.6303\n41.8804,-87.6304\n' \
  >"$WORK/cams.csv"
CAMS=$(store cams)
"$SL" import cameras "$WORK/cams.csv" -s "$CAMS" >/dev/null 2>&1
check "audit of six cameras at five locations" "$SL" audit -s "$CAMS" -o "$WORK/cams" --quiet
DEMO=$(store demo)
"$SL" demo -s "$DEMO" --campaign >/dev/null 2>&1 # as make demo: its counties have no population
check "audit of the demo" "$SL" audit -s "$DEMO" -o "$WORK/demo" --quiet

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY' || not_ok "the report's words and figures (FAIL lines above)"
import csv, json, re, sys
from checks import need, done
w = sys.argv[1]

def camera_words(out):
    s = json.load(open(f"{w}/{out}/summary.json"))
    d = s["density"]
    rows = list(csv.DictReader(open(f"{w}/{out}/data/camera_density.csv")))
    cams, locs = sum(int(r["cameras"]) for r in rows), sum(int(r["camera_locations"]) for r in rows)
    heads = [h["text"] for h in s["headlines"] if h["text"].startswith("The map shows")]
    need(len(heads) == 1, f"{out}: one map headline ({heads})")
    h = heads[0] if heads else ""
    m = re.match(r"The map shows ([\d,]+) cameras? at ([\d,]+) camera locations? ", h)
    need(m and int(m.group(1).replace(",", "")) == cams and int(m.group(2).replace(",", "")) == locs,
         f"{out}: the map's cameras and camera locations are data/camera_density.csv's ({cams}, {locs}): {h!r}")
    need(d["cameras"] - d["suppressed_cameras"] == cams and d["camera_locations"] - d.get("suppressed_camera_locations", -1) == locs,
         f"{out}: summary.json's density adds up to the CSV's shown hexagons")
    need(" cell" not in h and "suppressed" not in h and "distinct camera locations (" not in h,
         f"{out}: hexagons and withheld, the table's words, not cells and suppressed: {h!r}")
    html = open(f"{w}/{out}/report.html").read()
    need("hexagons withheld (fewer than k locations)" in html and "distinct camera locations" in html,
         f"{out}: the table keeps the words the headline now uses")
    return s, h

s, h = camera_words("cams")
need(h == "The map shows 6 cameras at 5 camera locations (from the cameras layer) in 1 hexagon of 0.65 km²; "
          "no hexagon is withheld: each holds at least 5 camera locations.",
     f"six cameras at five locations, not \"6 cameras\" alone nor \"0 cells ... (0 cameras) are suppressed\": {h!r}")
s, h = camera_words("demo")
need(h.endswith("78 hexagons with fewer than 5 camera locations, holding 88 cameras at 88 locations, are withheld to protect "
                "residents. (synthetic demo data: posts)"), f"the demo's withheld hexagons in cameras and locations: {h!r}")
posts = [x["text"] for x in s["headlines"] if " posts come from " in x["text"]]
need(posts and posts[0].startswith("604 posts come from 168 cameras (posts at one location count as one camera; ")
     and s["cameras"]["cameras"] == 168, f"the posts' cameras, as the table counts them, said what one is: {posts}")
need(not any("unique camera locations" in x["text"] for x in s["headlines"]), "no third word for a camera")
sites = [x["text"] for x in s["headlines"] if "sensitive site" in x["text"]]
need(sites and all("a count under" not in t and "fewer than 5 camera locations" in t for t in sites),
     f"the sites' withheld counts say what k counts: {sites[:1]}")

# Each located partnered agency counts in one area of a set, or in none.
placed = s["agencies_map"]["partnered_placed"]
for e in s["areas"]:
    rows = list(csv.DictReader(open(f"{w}/demo/data/areas_{e['set']}.csv")))
    inside = sum(int(r["partners"] or 0) for r in rows)
    need(inside + e["partnered_outside"] == placed,
         f"{e['set']}: {inside} partnered agencies in areas and {e['partnered_outside']} in none add up to the {placed} located")
html = open(f"{w}/demo/report.html").read()
need("<b>demo-counties</b>: 4 areas, no population figures." in html and not re.search(r"areas, 0 residents", html),
     "a set imported without population has no figures, not 0 residents")
need("hexagons with fewer than 5 camera locations are withheld, and a count for an area holding fewer reads “&lt; 5”." in html,
     "the map's note says the k rule with its k and the table's word")
need("1 of the 25 agencies (1 surveillance technology record) is not linked to the registry" in s["lead_notes"]
     and "partnership row" not in s["lead_notes"], f"the demo's lead notes count records of every technology, as its lead: {s['lead_notes']!r}")
# the demo's diff changes an ALPR record's vendor: of every technology, it counts records, not partnerships
diff = [x["text"] for x in s["headlines"] if x["text"].startswith("Between the snapshots")]
need(diff == ["Between the snapshots of 2020-01-15 and 2020-10-07, 7 surveillance technology records were added (all began "
              "between them), 1 left the list (which does not say that it ended) and 1 changed. (synthetic demo data: "
              "partnerships and agencies)"],
     f"the diff's headline over every technology counts records, as the lead does: {diff!r}")
readme = open(f"{w}/demo/README.md").read()
need("empty where it has no residents or no population figure" in readme and "empty where it has none" not in readme,
     "data/'s README: an empty rate is of an area with no residents or no population figure")
done()
PY
finish
