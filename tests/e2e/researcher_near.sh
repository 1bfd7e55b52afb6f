#!/usr/bin/env bash
# researcher_near.sh — `near --radius 2000 --csv` kept beside a paper (run of
# 2026-12-07, eighth): "ice,1522,61,57,79,19102.8" said 57 cameras within,
# but not within what radius, of how many cameras or from which layer (the
# table's first line and the JSON say them). Every row now ends with
# radius_m, cameras, cameras_from (and area_set under --areas).
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
DB=$(store real)
import_counties "$DB"
import_ice "$DB"
"$SL" synth --areas counties --layer posts --count 2000 --group black --beta 1 -s "$DB" >/dev/null 2>&1
"$SL" near --radius 2000 --csv -s "$DB" >"$WORK/n.csv" 2>/dev/null
"$SL" near --radius 2000 --json -s "$DB" >"$WORK/n.json" 2>/dev/null
"$SL" near --radius 1500 --merge-radius 20 --areas counties --csv -s "$DB" >"$WORK/m.csv" 2>/dev/null
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import csv, json, sys
from checks import need, done
w = sys.argv[1]
rows = list(csv.DictReader(open(f"{w}/n.csv", newline="")))
j = json.load(open(f"{w}/n.json"))
need(len(rows) == 1 and rows[0].get("radius_m") == "2000" and rows[0].get("cameras") == str(j["cameras"]) == "2000"
     and rows[0].get("cameras_from") == j["cameras_from"],
     "CSV: the radius, the cameras and where they came from, as the JSON gives them")
c = j["categories"][0]
need(all(rows[0][k] == str(c[k]) for k in ("sites", "sites_with_camera", "cameras_within", "site_camera_pairs")),
     "CSV: its counts are the JSON's")
m = list(csv.DictReader(open(f"{w}/m.csv", newline="")))
need(m and m[0].get("radius_m") == "1500" and m[0].get("cameras_from") == "posts (chained within 20 m)" and
     m[0].get("area_set") == "counties", "with --merge-radius and --areas: the chained cameras and the area set")
done()
PY
[ $? = 0 ] && ok "near (python checks above)" || not_ok "near (python checks above)"
finish
