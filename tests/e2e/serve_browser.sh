#!/usr/bin/env bash
# serve_browser.sh — `sightline serve`'s page in a real browser: the demo
# store plus the US counties (npm us-atlas) served on a free loopback port,
# then Debian's chromium, headless, driven by npm playwright-core
# (serve_browser.mjs next to this file has the checks: every filter moves
# the map, the timeline, the figures and the tables to the API's values; the
# URL carries the view; no console error, no request off the server;
# axe-core; 1440 and 390 px). Fails when the CLI has no `serve`; skips
# loudly (exit 77) only when chromium, node or playwright-core cannot be had.
# SL_SCREENSHOTS=DIR keeps the screenshots (serve-1440.png, serve-390.png...).
set -euo pipefail
source "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
skip() { echo "SKIP (loudly): $*; the serve page was NOT checked in a browser" >&2; exit 77; }
if ! "$SL" serve --help >/dev/null 2>&1; then
  echo "FAIL: '$SL serve --help' is refused: this sightline has no 'serve' command (issue 15, the server), so its page cannot be tested" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium missing (apt-get install chromium)"
command -v node >/dev/null || skip "node missing (apt-get install nodejs)"
if [ ! -d "$SRC/node_modules/playwright-core" ] || [ ! -d "$SRC/node_modules/axe-core" ]; then
  command -v npm >/dev/null || skip "npm missing, cannot install playwright-core and axe-core"
  (cd "$SRC" && npm install --no-package-lock --no-audit --no-fund --silent) >/dev/null 2>&1 ||
    skip "npm install playwright-core axe-core failed"
fi
need_us_atlas

"$SL" demo -s "$(store demo)" >/dev/null
"$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name -s "$(store demo)" >/dev/null 2>&1
# A site whose name and category are markup: the page must show them as text.
printf 'id,name,lat,lon\nx-1,"<img src=x onerror=""window.__pwned=1"">",38.43,-77.89\n' >"$WORK/hostile.csv"
"$SL" import sites "$WORK/hostile.csv" --category '<b>hostile</b>' --id id --text name -s "$(store demo)" >/dev/null

servers=()
trap 'rc=$?; for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; lib_cleanup $rc' EXIT
# start_server NAME STORE [serve options...]: serve STORE on a free loopback
# port (the kernel picks it, the server takes it a moment later); sets PORT.
start_server() {
  local name=$1 store=$2; shift 2
  PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  "$SL" serve -s "$store" --port "$PORT" "$@" 2>"$WORK/$name.log" &
  local pid=$!
  servers+=("$pid")
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "FAIL: sightline serve $* did not listen on 127.0.0.1:$PORT" >&2
  cat "$WORK/$name.log" >&2
  exit 1
}
start_server serve "$(store demo)"
plain=$PORT
start_server exact "$(store demo)" --exact
exact=$PORT
# A store with one site and nothing else: no partnerships, areas or posts.
"$SL" import sites "$WORK/hostile.csv" --category clinic --id id --text name -s "$(store bare)" >/dev/null
start_server bare "$(store bare)"
bare=$PORT
# Five requests over three areas (disparity_small's fixture): too few to quote.
"$SL" import areas "$SL_FIXTURES/disparity/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic \
  -s "$(store few)" >/dev/null
"$SL" import requests "$SL_FIXTURES/disparity/requests.csv" -s "$(store few)" >/dev/null
# A park of 40 residents with 6 posts: its rate per resident is drawn apart (few_residents.sh).
"$SL" import areas "$SL_FIXTURES/few_residents/areas.geojson" --set parks --id id --name name --pop pop --black black \
  -s "$(store few)" >/dev/null
"$SL" import posts "$SL_FIXTURES/few_residents/posts.csv" -s "$(store few)" >/dev/null
# 40 nameless sites, a few near the posts: the sites table shows the most watched 25 first.
# They lie inside the parks: the store's areas are a city's, so the table
# keeps the sites inside them (as the report does).
python3 -c "
print('lat,lon')
for i in range(40): print(f'{0.0005 + (i % 10) * 0.0009:.4f},{1.0005 + i * 0.0012:.4f}')" >"$WORK/many-sites.csv"
"$SL" import sites "$WORK/many-sites.csv" --category nameless -s "$(store few)" >/dev/null 2>&1
# Real imports with one invented layer beside them: the banner names it, not "fictional agencies".
"$SL" synth --areas toy --layer cameras --count 20 -s "$(store few)" >/dev/null
start_server few "$(store few)"
few=$PORT
# The demo less its posts (import 5): areas, sites and requests, nothing for the radius tool.
"$SL" demo -s "$(store postless)" >/dev/null
"$SL" rm 5 -s "$(store postless)" >/dev/null
start_server postless "$(store postless)"
postless=$PORT
status=0
node "$SRC/tests/e2e/serve_browser.mjs" "http://127.0.0.1:$plain" "$WORK" "http://127.0.0.1:$exact" "http://127.0.0.1:$bare" \
  "http://127.0.0.1:$few" "http://127.0.0.1:$postless" || status=$?
if [ -n "${SL_SCREENSHOTS:-}" ]; then mkdir -p "$SL_SCREENSHOTS" && cp "$WORK"/serve-*.png "$SL_SCREENSHOTS"/ 2>/dev/null || true; fi
if [ "$status" -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -n 20 "$WORK/serve.log"; fi
exit "$status"
