#!/usr/bin/env bash
# serve_counts_outside_browser.sh — the dashboard's map coloured by posts
# (per 100,000 residents, or the count) and the area panel from outside (a
# request the proxy forwarded) in Chromium: the map asked /api/join, got
# 403, coloured nothing and put the refusal in the status line; the panel
# gave the refusal in place of the posts. Now both show the counts the
# report publishes (/api/join?published=1), each withheld area said so,
# and on this machine they stay exact. Checks in
# serve_counts_outside_browser.mjs; skips loudly (77) without chromium,
# node or playwright-core.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core
cd "$WORK" || exit 1
db=$(store d)
"$SL" demo -s "$db" >/dev/null 2>&1 || { echo "FAIL: demo"; exit 1; }
serve_start "$db" --quiet || exit 1
node "$SRC/tests/e2e/serve_counts_outside_browser.mjs" "$U" "$WORK" ${SL_SHOTS:-}
rc=$?
serve_stop
exit $rc
