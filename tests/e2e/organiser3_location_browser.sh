#!/usr/bin/env bash
# organiser3_location_browser.sh — "Use my location once" on /campaign and
# "Near my location" on /directory, on the real counties, with chromium's
# geolocation set to real places (run of 2026-12-07, sixth; the checks are
# in organiser3_location_browser.mjs). The map's county outlines the
# campaign's page tests the point against are simplified (some 13 km on
# the real counties), so near a border they picked the wrong county
# (Camden, NJ gave Philadelphia, PA, and the pledge form followed) or none
# (a street on the Kansas City line): there the signer is now asked which
# of the counties it may be, and no request carries the point. The
# directory's search sends the point rounded to a hundredth of a degree,
# and its note says so. Skips loudly (77) without chromium, node,
# ../shared/data or npm us-atlas.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core
need_shared
need_us_atlas
cd "$WORK" || exit 1
db=$(store organiser3)
import_real "$db"
campaign_over_counties "$db"
"$SL" import businesses "$SL_FIXTURES/campaign/businesses.csv" -s "$db" >/dev/null || exit 1
serve_start "$db" --quiet || exit 1
# the page reads how far the outlines may lie from the true edges from the
# answer itself, the server's one rule (the report's map simplifies alike)
tol=$(curl -s --max-time 60 "$U/api/areas/counties.geojson" | jq '.simplified_deg')
node "$SL_SOURCE/tests/e2e/organiser3_location_browser.mjs" "$U" "$WORK"
rc=$?
serve_stop
if python3 -c "import sys; sys.exit(0 if 0.1 < float('$tol') < 0.15 else 1)" 2>/dev/null; then
  echo "ok   - /api/areas/counties.geojson says its outlines lie within $tol degrees of the true edges"
else
  echo "FAIL - /api/areas/counties.geojson says how far its outlines may lie from the true edges ($tol)"; rc=1
fi
exit $rc
