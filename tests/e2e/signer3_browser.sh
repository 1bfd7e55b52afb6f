#!/usr/bin/env bash
# signer3_browser.sh — /campaign with JavaScript at phone width, on the real
# counties (run of 2026-12-07, sixth; checks in signer3_browser.mjs): DC's
# figures as campaign.js draws them say its sites once and title its table
# "agencies in DC" (signer3_places.sh checks the page without JavaScript);
# at 390 px the state picker is the page's width, so "Northern Mariana
# Islands (MP)" is read whole (it was cut at half of it). Skips loudly (77)
# without chromium, node, ../shared/data or npm us-atlas.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core
need_shared
need_us_atlas
cd "$WORK" || exit 1
db=$(store signer3)
import_real "$db"
campaign_over_counties "$db"
serve_start "$db" --quiet || exit 1
node "$SL_SOURCE/tests/e2e/signer3_browser.mjs" "$U" "$WORK"
rc=$?
serve_stop
exit $rc
