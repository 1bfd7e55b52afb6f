#!/usr/bin/env bash
# serve_directory_browser.sh — the directory and the organisers' area of
# `sightline serve` in a real browser: the fixture of serve_directory.sh
# (fictional listings, rough county boxes, a pending suggestion, an admin
# token) served on a free loopback port, then Debian's chromium, headless,
# driven by npm playwright-core (serve_directory_browser.mjs has the
# checks: search, clustered map, listing pages, hostile names, location,
# login and approval, without JavaScript, axe-core at 1440 and 390 px).
# Skips loudly (exit 77) only when chromium, node or the npm modules are missing.
# SL_SCREENSHOTS=DIR keeps the screenshots.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core axe-core
FX=$SL_FIXTURES/directory
DB=$(store d)
"$SL" import businesses "$FX/businesses.csv" -s "$DB" >/dev/null || { echo "import failed"; exit 1; }
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$DB" >/dev/null || exit 1
printf 'name=Tea+House+Pending&category=Cafe&city=Chicago&state=IL&lat=41.88&lon=-87.63' >"$WORK/sug.txt"
"$SL" campaign suggest --form "$WORK/sug.txt" -s "$DB" >/dev/null || exit 1
# a second one stays pending, every field filled and long, for the queue on a phone
printf 'name=Quilt+Shop+Still+Waiting&category=Crafts&address=4410+South+Cottage+Grove+Avenue&city=Chicago&state=IL&zip=60653&phone=773-555-0142&website=https%%3A%%2F%%2Fquilt-shop-still-waiting.example.org%%2Fabout-our-family&verification=The+owner+is+my+aunt%%3B+she+has+run+it+since+1994&note=Closed+on+Sundays+and+every+second+Monday' >"$WORK/sug2.txt"
"$SL" campaign suggest --form "$WORK/sug2.txt" -s "$DB" >/dev/null || exit 1
# a campaign with one confirmed, listed signer: her row in /admin, its Tick box
"$SL" campaign init --config "$SL_FIXTURES/campaign/campaign.conf" -s "$DB" >/dev/null || exit 1
pledge_form_at "$DB" $(($(date +%s) - 7200)) 'email=ada%40example.org&name=Ada+Lovelace&state=IL&county=17031&listed=on'
confirm_waiting "$DB" $(($(date +%s) - 7000))
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
serve_start "$DB" || exit 1
status=0
node "$SL_SOURCE/tests/e2e/serve_directory_browser.mjs" "$U" "$WORK" "$TOKEN" || status=$?
if [ -n "${SL_SCREENSHOTS:-}" ]; then mkdir -p "$SL_SCREENSHOTS" && cp "$WORK"/*.png "$SL_SCREENSHOTS"/ 2>/dev/null || true; fi
if [ "$status" -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -n 20 "$SLOG"; fi
exit "$status"
