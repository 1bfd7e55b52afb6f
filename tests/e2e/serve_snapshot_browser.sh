#!/usr/bin/env bash
# serve_snapshot_browser.sh — the dashboard's Snapshot select, in a real
# browser (Debian chromium via npm playwright-core; checks in
# serve_snapshot_browser.mjs): on the demo store (snapshots 2020-01-15 and
# 2020-10-07) the page opens on the newest, picking the older one moves the
# headline, the tables, the agency dots and the county lists' question to
# the API's figures of that snapshot, every section names it and the URL
# keeps it across a reload; the diff compares the chosen snapshot with an
# earlier one, which "Compare with" picks among several, or, for the
# oldest, with the later one ("later" in the select); a store of one
# snapshot shows no select. Skips loudly (77)
# without chromium, node or playwright-core.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core
cd "$WORK" || exit 1
two=$(store two)
one=$(store one)
"$SL" demo -s "$two" >/dev/null 2>&1 || { echo "FAIL: sightline demo"; exit 1; }
"$SL" demo -s "$one" >/dev/null 2>&1 || { echo "FAIL: sightline demo"; exit 1; }
# the demo's first import of partnerships is the snapshot of 2020-01-15
old=$("$SL" info --json -s "$one" | python3 -c "import json,sys; print([s['id'] for s in json.load(sys.stdin)['sources'] if s.get('snapshot') == '2020-01-15'][0])")
"$SL" rm "$old" -s "$one" >/dev/null || { echo "FAIL: rm of the older snapshot"; exit 1; }
# a third snapshot, a Ring map export of four rows: "Compare with" offers two earlier ones
three=$(store three)
"$SL" demo -s "$three" >/dev/null 2>&1 || { echo "FAIL: sightline demo"; exit 1; }
"$SL" import partnerships "$SL_FIXTURES/ring-map-export.csv" --name-col "Agency Name" --state-col State \
  --city-col City --date-col "Active Date" --date-format %m/%d/%Y --tech "Ring/Neighbors Partnership" \
  --snapshot 2021-01-01 -s "$three" >/dev/null 2>&1 || { echo "FAIL: import of a third snapshot"; exit 1; }
serve_start "$one" --quiet || exit 1
U1=$U
serve_start "$three" --quiet || exit 1
U3=$U
serve_start "$two" --quiet || exit 1
start=$SECONDS
node "$SRC/tests/e2e/serve_snapshot_browser.mjs" "$U" "$U1" "$U3" "$WORK"
rc=$?
echo "(browser: $((SECONDS - start)) s)"
exit $rc
