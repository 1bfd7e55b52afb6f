#!/usr/bin/env bash
# report_a11y.sh — axe-core (npm) finds no serious or critical accessibility
# violation in the real-data report and the demo, at 1440x900 and 390x844
# (report_a11y.mjs): scrolling tables, charts and code blocks are keyboard
# reachable. Skips loudly (77) without chromium, node, playwright-core,
# axe-core or the real data.
. "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -x /usr/bin/chromium ] || { echo "SKIP: /usr/bin/chromium missing" >&2; exit 77; }
command -v node >/dev/null || { echo "SKIP: node missing" >&2; exit 77; }
for m in playwright-core axe-core; do
  [ -d "$SRC/node_modules/$m" ] || { echo "SKIP: npm $m missing (scripts/deps.sh)" >&2; exit 77; }
done
need_shared
need_us_atlas
DB=$WORK/real.db
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
import_counties "$DB"
"$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name \
  -s "$DB" >/dev/null 2>&1
check "audit of the real data" "$SL" audit -s "$DB" -o "$WORK/real" --tech ring --since 2020-05-25 --quiet
"$SL" demo -s "$WORK/demo.db" >/dev/null
check "audit of the demo" "$SL" audit -s "$WORK/demo.db" -o "$WORK/demo" --quiet
check "axe-core: no serious or critical violation at either size" node "$SRC/tests/e2e/report_a11y.mjs" "$WORK/real" "$WORK/demo"
finish
