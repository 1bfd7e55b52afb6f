#!/usr/bin/env bash
# serve_board_browser.sh — the dashboard as a police oversight board member
# meets it on the real data (`make demo-real`'s imports), in a real browser
# (Debian chromium, headless, via npm playwright-core; checks in
# serve_board_browser.mjs). "What am I looking at, from where, of when?":
# the page names each import's publisher, year and licence, as /api/info
# holds them and the CLI's "Sources" prints them, and says of an import
# that recorded none that it did not. The timeline's last bar, the
# snapshot's own year, ends on the snapshot's day: the caption says so in
# the CLI's words (`partnerships --tech ring`), and says nothing of it when
# the filters end before that year. Her city typed into "Find an area" of
# a map of counties ("Chicago") offers the counties its partnered agencies
# are in (Cook, IL), where it said only that no area is called so. "The
# map as a table" gives each share or rate beside what it is of (Hawaii's
# 100% is 4 of 4 agencies), the CLI's figures.
# Needs ../shared/data; skips loudly (77) without it, chromium or node.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core
need_shared
[ -f "$SRC/node_modules/us-atlas/counties-10m.json" ] || { echo "SKIP: npm us-atlas not installed (scripts/deps.sh)"; exit 77; }
cd "$WORK" || exit 1
D=$SL_SHARED_DATA
db=$(store real)
"$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$db" >/dev/null 2>&1
"$SL" import areas "$SRC/node_modules/us-atlas/counties-10m.json" --layer counties --set counties --id id --name name \
  --demographics "$D/census/us-counties-quickfacts-2014.csv" --key fips --key-width 5 --pop PST045214 \
  --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 --foreign-born POP645213 --percent \
  --publisher "US Census Bureau: county boundaries (npm us-atlas 3.0.1) and QuickFacts" \
  --url https://www.census.gov/quickfacts --licence "US government work, public domain" --year 2014 -s "$db" >/dev/null 2>&1
# no --publisher: the page must say it was not recorded
"$SL" import sites "$D/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name \
  -s "$db" >/dev/null 2>&1
"$SL" partnerships --tech ring -s "$db" >ring.txt
grep -q "2020 runs only to 2020-10-07, the snapshot's date" ring.txt || { echo "FAIL: the CLI's partial-year note is gone"; exit 1; }
serve_start "$db" --quiet || exit 1
curl -s "$U/api/info" >info.json
"$SL" partnerships --tech ring --by state --json -s "$db" >ring.json
"$SL" join --points sites --areas counties --json -s "$db" >join.json
node "$SRC/tests/e2e/serve_board_browser.mjs" "$U" "$WORK"
rc=$?
serve_stop
exit $rc
