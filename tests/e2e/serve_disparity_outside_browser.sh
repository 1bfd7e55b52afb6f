#!/usr/bin/env bash
# serve_disparity_outside_browser.sh — the dashboard's disparity panel from
# outside (a request the proxy forwarded) in Chromium: choosing Posts there
# left the police requests' sentence and table standing under "Posts" (the
# 403 went to the status line at the top); now the panel shows the cameras'
# disparity the report publishes (published=1), and says what is withheld
# and why in the report's words. On this machine Posts stays exact.
# Checks in serve_disparity_outside_browser.mjs; skips loudly (77) without
# chromium, node or playwright-core.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core
cd "$WORK" || exit 1
db=$(store d)
"$SL" demo -s "$db" >/dev/null 2>&1 || { echo "FAIL: demo"; exit 1; }
serve_start "$db" --quiet || exit 1
node "$SRC/tests/e2e/serve_disparity_outside_browser.mjs" "$U" "$WORK"
rc=$?
serve_stop
exit $rc
