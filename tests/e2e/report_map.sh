#!/usr/bin/env bash
# report_map.sh — the report's map in a real browser (Debian's chromium via
# npm playwright-core; report_map.mjs has the checks), on the real data and
# on the demo: opens on the lower 48 with bounded zoom, coloured by partnered
# agencies with a classed legend and a no-data key, human labels, points
# kept above areas when areas are toggled, location quotients on a ramp
# centred on 1, no horizontal scroll at 390 px. Skips loudly (77) without
# the real data, chromium, node or playwright-core.
. "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -x /usr/bin/chromium ] || { echo "SKIP: /usr/bin/chromium missing" >&2; exit 77; }
command -v node >/dev/null || { echo "SKIP: node missing" >&2; exit 77; }
[ -d "$SRC/node_modules/playwright-core" ] || { echo "SKIP: npm playwright-core missing (scripts/deps.sh)" >&2; exit 77; }
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
check "map checks in chromium" node "$SRC/tests/e2e/report_map.mjs" "$WORK/real" "$WORK/demo"
finish
