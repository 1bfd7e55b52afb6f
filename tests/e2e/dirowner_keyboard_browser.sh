#!/usr/bin/env bash
# dirowner_keyboard_browser.sh — /directory with a keyboard only (run of
# 2026-12-07, seventh; the checks are in dirowner_keyboard_browser.mjs):
# after the search form, each marker and cluster of the map was a stop of
# Tab before the list that holds the same listings (9 on the demo, more on
# a real directory). A "Skip the map, to the list" link, shown with the
# map, comes first; Enter on it puts the next Tab on the first listing; at
# 320 px (1280 px at 400 %) it shows whole and the page does not scroll
# sideways; without JavaScript there is no map and no link. A listing's
# page has its "Is this your business?" heading, axe-clean at 1440 and 320.
# A reader who asks for less motion: an arrow key on a map (the
# directory's, the dashboard's) glided it for a quarter second by script,
# which app.css's stopped transitions did not reach; it moves at once.
# Skips loudly (77) without chromium, node or the npm modules.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core axe-core
cd "$WORK" || exit 1
db=$(store dirkeys)
"$SL" demo --campaign -s "$db" >/dev/null || exit 1
serve_start "$db" --quiet || exit 1
node "$SL_SOURCE/tests/e2e/dirowner_keyboard_browser.mjs" "$U"
rc=$?
serve_stop
exit $rc
