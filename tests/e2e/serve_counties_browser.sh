#!/usr/bin/env bash
# serve_counties_browser.sh — a county's partnered agencies on the real data,
# in a real browser (Debian chromium, headless, via npm playwright-core;
# checks in serve_counties_browser.mjs): the dashboard's area panel for
# Harris, TX under ?tech=ring and the campaign page with JavaScript list
# Houston PD, whose records name three counties (Montgomery, Fort Bend,
# Harris), with the same rows as `partnerships --links --areas counties`,
# and say that such an agency counts in each county; beside DC's 0% (its
# Atlas rows are not linked to the registry) both say why. Needs ../shared/data
# and npm us-atlas; skips loudly (77) without them, chromium or node.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
skip() { echo "SKIP (loudly): $*; the county panels were NOT checked in a browser" >&2; exit 77; }
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium missing (apt-get install chromium)"
command -v node >/dev/null || skip "node missing (apt-get install nodejs)"
[ -d "$SRC/node_modules/playwright-core" ] || skip "node_modules/playwright-core missing (npm install)"
need_shared
need_us_atlas
cd "$WORK" || exit 1
db=$(store real)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas \
  -s "$db" >/dev/null 2>&1
import_counties "$db"
"$SL" campaign init --title "Real-data test campaign" --pledge "I pledge." --privacy "We keep your address." --commitment cancel=Cancel \
  --organisation "Test" --contact test@example.org --area-set counties --base-url https://example.org/ \
  --sender test@example.org -s "$db" >/dev/null
"$SL" partnerships --links --areas counties --tech ring --json -s "$db" >ring_links.json
"$SL" partnerships --links --areas counties --json -s "$db" >all_links.json
serve_start "$db" --quiet || exit 1
start=$SECONDS
node "$SRC/tests/e2e/serve_counties_browser.mjs" "$U" "$WORK"
rc=$?
serve_stop
echo "(browser: $((SECONDS - start)) s)"
exit $rc
