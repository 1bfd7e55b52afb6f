#!/usr/bin/env bash
# report_map.sh — the report's map in a real browser (Debian's chromium via
# npm playwright-core; report_map.mjs has the checks), on the real data and
# on the demo: opens on the lower 48 with bounded zoom, coloured by partnered
# agencies with a classed legend and a no-data key, human labels, points
# kept above areas when areas are toggled, location quotients on a ramp
# centred on 1 (with a caution when few events make them, and then not the
# colouring the map opens with), no horizontal scroll at 390 px. Skips
# loudly (77) without the real data, chromium, node or playwright-core.
. "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core
real_and_demo_reports
# Five requests over three areas (disparity_small's fixture): too few to colour a map by without a caution.
"$SL" import areas "$SL_FIXTURES/disparity/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic \
  -s "$(store few)" >/dev/null
"$SL" import requests "$SL_FIXTURES/disparity/requests.csv" -s "$(store few)" >/dev/null
"$SL" audit -s "$(store few)" -o "$WORK/few" --quiet >/dev/null
check "map checks in chromium" node "$SRC/tests/e2e/report_map.mjs" "$WORK/real" "$WORK/demo" "$WORK/few"
finish
