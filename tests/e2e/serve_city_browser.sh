#!/usr/bin/env bash
# serve_city_browser.sh — the dashboard of a city's store on the real data,
# in a real browser (Debian chromium, headless, via npm playwright-core;
# checks in serve_city_browser.mjs): Chicago's tracts beside the national
# registry and Atlas. The headline figures are the whole list's, so a note
# under them names the state the tracts lie in (IL, by their FIPS ids) and
# a button shows that state's figures, the CLI's `partnerships --state IL`.
# The map does not open coloured by the state's share: every tract is IL,
# one colour. The table of cameras near sensitive sites keeps the sites
# inside the tracts, as the report does (`near --areas tracts`).
# Needs ../shared/data; skips loudly (77) without it, chromium or node.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core
need_shared
cd "$WORK" || exit 1
db=$(store chicago)
"$SL" import areas "$SL_SHARED_DATA/census/chicago-tracts-sdoh-acs2014.geojson" --set tracts --id geoid10 \
  --pop Pop2014 --black Blk14P --hispanic Hisp14P --percent -s "$db" >/dev/null 2>&1
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas \
  -s "$db" >/dev/null 2>&1
"$SL" synth --areas tracts --layer posts --count 2000 -s "$db" >/dev/null 2>&1
import_ice "$db"
"$SL" near --radius 500 --areas tracts --json -s "$db" >near.json
"$SL" partnerships --state IL --json -s "$db" >il.json
serve_start "$db" --quiet || exit 1
node "$SRC/tests/e2e/serve_city_browser.mjs" "$U" "$WORK"
rc=$?
# /api/near takes the local sets as the dashboard sends them, comma-separated
[ "$(curl -s "$U/api/near?radius=500&areas=tracts,tracts" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["sites_outside"], len(r["sites"]))')" = "1516 6" ] ||
  { echo "FAIL: /api/near?areas=tracts,tracts does not keep the 6 sites inside"; rc=1; }
[ "$(status '/api/near?radius=500&areas=tracts,nope')" = 400 ] || { echo "FAIL: an unknown set among areas= is not a 400"; rc=1; }
serve_stop
exit $rc
