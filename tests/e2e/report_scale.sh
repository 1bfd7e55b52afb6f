#!/usr/bin/env bash
# report_scale.sh — the report stays a page that opens however many posts
# the store holds (issue 18, goal 1): the map draws at most --map-cells
# hexagons (default 15,000, which keeps report.html under 10 MB at 10M posts
# over the US counties), widening the edge past that. Here 200,000 synthetic
# posts over the counties with a cap of 300: the map and data/ hold at most
# 300 hexagons, summary.json says the edge drawn and the edge asked, the
# page says so, and report.html grows with the cap, not with the posts. The
# same store with a cap it does not reach draws the 500 m hexagons as asked.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
DB=$(store s)
import_counties "$DB"
check "200,000 posts synthesised" "$SL" synth --areas counties --layer posts --count 200000 -s "$DB" >/dev/null
check "audit with --map-cells 300" "$SL" audit -s "$DB" -o "$WORK/cap" --map-cells 300 --bootstrap 200 --quiet
check "audit with a cap it does not reach" "$SL" audit -s "$DB" -o "$WORK/free" --map-cells 1000000 --bootstrap 200 \
  --quiet
python3 - "$WORK/cap" "$WORK/free" <<'PY'
import json, os, sys
cap, free = sys.argv[1], sys.argv[2]
d = json.load(open(f"{cap}/summary.json"))["density"]
f = json.load(open(f"{free}/summary.json"))["density"]
hexes = json.load(open(f"{cap}/data/camera_density.geojson"))["features"]
page = open(f"{cap}/report.html", encoding="utf-8").read()
size, size_free = os.path.getsize(f"{cap}/report.html"), os.path.getsize(f"{free}/report.html")
per_hex = (size_free - size) / max(1, f["cells_shown"] - d["cells_shown"])
checks = [
    (f"without the cap the map would draw more than 300 hexagons ({f['cells_shown']})", f["cells_shown"] > 300),
    ("without the cap the edge is the one asked and nothing is said", f["hex_m"] == 500 and "hex_m_asked" not in f),
    (f"with the cap the map draws at most 300 hexagons ({d['cells_shown']})", 0 < d["cells_shown"] <= 300),
    (f"data/camera_density.geojson holds the hexagons drawn ({len(hexes)})", len(hexes) == d["cells_shown"]),
    (f"the edge drawn is 500 m times a power of two ({d['hex_m']})",
     d["hex_m"] > 500 and (d["hex_m"] / 500).is_integer() and int(d["hex_m"] / 500) & int(d["hex_m"] / 500 - 1) == 0),
    ("summary.json names the edge asked and the cap", d.get("hex_m_asked") == 500 and d.get("map_cells") == 300),
    ("every camera is counted once whatever the edge",
     d["cells_shown"] and d["cameras"] == f["cameras"] == 200000),
    ("the page says the map widened its hexagons",
     f"The map holds at most 300 hexagons, so it draws them with an edge of {d['hex_m']:.0f} m" in page),
    ("synthetic posts carry no dates, and the headline says so instead of 'from  to '",
     "the posts carry no dates)" in page and "posts from  to" not in page),
    (f"report.html is under 1.3 MB + 450 bytes a hexagon ({size} bytes)", size < 1.3e6 + 450 * 300),
    (f"a hexagon costs the page under 450 bytes ({per_hex:.0f}), so the default 15,000 stay under 10 MB",
     per_hex < 450 and 1.3e6 + 450 * 15000 < 10e6),
]
bad = 0
for what, good in checks:
    print(("ok   - " if good else "FAIL - ") + what)
    bad += not good
sys.exit(1 if bad else 0)
PY
check "summary and files agree with the cap" [ $? -eq 0 ]
check "--map-cells 0 is refused" bash -c "! '$SL' audit -s '$DB' -o '$WORK/zero' --map-cells 0 --quiet 2>/dev/null"
finish
