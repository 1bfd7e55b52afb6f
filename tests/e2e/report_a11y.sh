#!/usr/bin/env bash
# report_a11y.sh — axe-core (npm) finds no serious or critical accessibility
# violation in the real-data report and the demo, at 1440x900 and 390x844
# (report_a11y.mjs): scrolling tables, charts and code blocks are keyboard
# reachable. Skips loudly (77) without chromium, node, playwright-core,
# axe-core or the real data.
. "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core axe-core
real_and_demo_reports
check "axe-core: no serious or critical violation at either size" node "$SRC/tests/e2e/report_a11y.mjs" "$WORK/real" "$WORK/demo"
finish
