#!/usr/bin/env bash
# serve_campaign_browser.sh — /campaign of `sightline serve` in a real
# browser (Debian chromium, headless, via npm playwright-core; checks in
# serve_campaign_browser.mjs): the demo's fictional campaign (`demo
# --campaign`) is signed with JavaScript on and with it off; a confirmation
# link opens a page whose button confirms without JavaScript; a place's
# figures show both ways; a form posted from another origin is refused;
# axe-core is clean at 1440 and 390 px. Afterwards the store holds exactly
# the two pledges signed, unconfirmed, and one message for the one signed
# twice (Back and Sign again). Skips loudly (77) only when chromium,
# node or playwright-core cannot be had. SL_SCREENSHOTS=DIR keeps the
# screenshots.
set -euo pipefail
source "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
skip() { echo "SKIP (loudly): $*; the campaign page was NOT checked in a browser" >&2; exit 77; }
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium missing (apt-get install chromium)"
command -v node >/dev/null || skip "node missing (apt-get install nodejs)"
command -v sqlite3 >/dev/null || skip "sqlite3 missing"
[ -d "$SRC/node_modules/playwright-core" ] && [ -d "$SRC/node_modules/axe-core" ] ||
  skip "node_modules/playwright-core or axe-core missing (npm install)"

demo=$(store demo)
other=$(store other)
"$SL" demo --campaign -s "$demo" >/dev/null
"$SL" demo -s "$other" >/dev/null
# two links of the demo's unconfirmed signers: one is opened and its
# button pressed without JavaScript, the other's page only looked at
tokens=$(store_sql "$demo" "SELECT body FROM outbox WHERE sent IS NULL ORDER BY id LIMIT 2" |
  grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2 | paste -sd, -)
confirmed() { store_sql "$demo" "SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL"; }
before=$(confirmed)
servers=()
trap 'rc=$?; for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; lib_cleanup $rc' EXIT
start_server() { # NAME STORE: serve STORE on a free loopback port; sets PORT
  local name=$1 store=$2
  PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  "$SL" serve -s "$store" --port "$PORT" 2>"$WORK/$name.log" &
  servers+=("$!")
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "FAIL: sightline serve did not listen on 127.0.0.1:$PORT" >&2; cat "$WORK/$name.log" >&2; exit 1
}
start_server campaign "$demo"
main=$PORT
start_server other "$other"
other_port=$PORT
# two counties whose boxes overlap: "use my location" must pick the one
# whose shape holds the point, not the nearest box (tests/fixtures/campaign)
hook=$(store hook)
"$SL" import areas "$SRC/tests/fixtures/campaign/hook-counties.geojson" --set counties --id fips --name name --pop pop \
  -s "$hook" >/dev/null
"$SL" campaign init --config "$SRC/tests/fixtures/campaign/campaign.conf" -s "$hook" >/dev/null
start_server hook "$hook"
hook_port=$PORT
status=0
node "$SRC/tests/e2e/serve_campaign_browser.mjs" "http://127.0.0.1:$main" "$WORK" "http://127.0.0.1:$other_port" "$tokens" \
  "http://127.0.0.1:$hook_port" || status=$?
if [ -n "${SL_SCREENSHOTS:-}" ]; then mkdir -p "$SL_SCREENSHOTS" && cp "$WORK"/campaign-*.png "$SL_SCREENSHOTS"/ 2>/dev/null || true; fi
got=$(store_sql "$demo" "SELECT email || ':' || CASE WHEN confirmed IS NULL OR confirmed = 0 THEN 1 ELSE 0 END FROM pledges
  WHERE email LIKE 'browser-%' ORDER BY email" | paste -sd ' ')
if [ "$got" != "browser-js@example.org:1 browser-nojs@example.org:1" ]; then
  echo "FAIL: the store should hold the two browser pledges, unconfirmed; it holds: $got"; status=1
else
  echo "ok   the store holds the two pledges signed in the browser, unconfirmed"
fi
[ "$(store_sql "$demo" "SELECT count(*) FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = 'browser-nojs@example.org'")" = 1 ] ||
  { echo "FAIL: signing again (Back, Sign) while the message waits should queue no second one"; status=1; }
[ "$(store_sql "$demo" "SELECT count(*) FROM business_suggestions WHERE name = 'Browser Books (test)'")" = 1 ] ||
  { echo "FAIL: the suggestion sent without JavaScript is not queued"; status=1; }
[ "$(confirmed)" = $((before + 1)) ] ||
  { echo "FAIL: the button should have confirmed one pledge ($before confirmed before, $(confirmed) after)"; status=1; }
[ "$(store_sql "$demo" "SELECT count(*) FROM pledges WHERE email LIKE 'forged%'")" = 0 ] ||
  { echo "FAIL: the cross-origin form's pledge was stored"; status=1; }
if grep -qiE 'example\.org|csrf|token' "$WORK/campaign.log"; then echo "FAIL: personal data in the access log"; status=1; fi
if [ "$status" -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -n 20 "$WORK/campaign.log"; fi
exit "$status"
