#!/usr/bin/env bash
# serve_sr_walk_browser.sh — the pages of `sightline serve` as a person who
# cannot see the screen, or uses only a keyboard, meets them (the walk of
# the run of 2026-12-07, third): the demo's campaign and directory served on
# a free loopback port, then Debian's chromium, headless, through npm
# playwright-core, reading Chromium's accessibility tree (checks in
# serve_sr_walk_browser.mjs): what a field announces before anything is
# typed, what a map's markers are called, what a button's answer says
# where a screen reader hears it, and what a search's page is titled.
# Skips loudly (exit 77) only when chromium, node or the npm modules are missing.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core
DB=$(store demo)
"$SL" demo --campaign -s "$DB" >/dev/null || { echo "demo failed"; exit 1; }
# the manage link of a demo signer's waiting message
KEY=$(store_sql "$DB" "SELECT body FROM outbox WHERE sent IS NULL ORDER BY id LIMIT 1" |
  grep -o 'manage?key=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
[ -n "$KEY" ] || { echo "FAIL: no manage link in the demo's outbox"; exit 1; }
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
serve_start "$DB" || exit 1
status=0
node "$SL_SOURCE/tests/e2e/serve_sr_walk_browser.mjs" "$U" "$WORK" "$KEY" "$TOKEN" || status=$?
if [ -n "${SL_SCREENSHOTS:-}" ]; then mkdir -p "$SL_SCREENSHOTS" && cp "$WORK"/*.png "$SL_SCREENSHOTS"/ 2>/dev/null || true; fi
if [ "$status" -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -n 20 "$SLOG"; fi
exit "$status"
