#!/usr/bin/env bash
# watchdog_dashboard_browser.sh — the dashboard's "Between snapshots" says
# what `partnerships diff` now says (watchdog_diff_*.sh): the denominator
# (the registry's agencies, those partnered and their share in each
# snapshot), when the new rows began, what "ended" means, and each row's
# ORI and record id. Before, it gave "3 new, 2 ended, 2 changed" alone, and
# rows with neither id. The follow-up fixture's two exports, served on a free
# loopback port, read in Debian's chromium through npm playwright-core
# (checks in watchdog_dashboard_browser.mjs). Skips loudly (exit 77) only
# when chromium, node or the npm modules are missing.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core
A=$(store followup)
import_followup "$A" "$SL_SOURCE/tests/fixtures/followup/atlas-followup-2021-10-07.csv"
serve_start "$A" --quiet || exit 1
status=0
node "$SL_SOURCE/tests/e2e/watchdog_dashboard_browser.mjs" "$U" "$WORK" || status=1
[ "$status" = 0 ] || { echo "--- server log (last 20 lines)"; tail -n 20 "$SLOG"; }
exit "$status"
