#!/usr/bin/env bash
# nojs_browser.sh — a visitor with JavaScript off (Tor Browser at "Safest",
# NoScript) in a real browser (Debian chromium, headless, via npm
# playwright-core; checks in nojs_browser.mjs): the dashboard of `sightline
# serve` says it needs JavaScript and points to what works without it,
# instead of "Loading the store…" for ever above an empty map box; the
# audit's report.html says what its map is and where its data are instead
# of an empty box, and keeps its headlines and tables. With JavaScript on,
# neither note shows. Skips loudly (77) only when chromium, node or
# playwright-core cannot be had. SL_SCREENSHOTS=DIR keeps the screenshots.
set -euo pipefail
source "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
skip() { echo "SKIP (loudly): $*; the pages were NOT checked without JavaScript" >&2; exit 77; }
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium missing (apt-get install chromium)"
command -v node >/dev/null || skip "node missing (apt-get install nodejs)"
[ -d "$SRC/node_modules/playwright-core" ] || skip "node_modules/playwright-core missing (npm install)"

demo=$(store demo)
"$SL" demo --campaign -s "$demo" >/dev/null
"$SL" audit -s "$demo" -o "$WORK/report" --quiet >/dev/null
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$SL" serve -s "$demo" --port "$PORT" 2>"$WORK/serve.log" &
server=$!
trap 'rc=$?; kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; lib_cleanup $rc' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.1
done
status=0
node "$SRC/tests/e2e/nojs_browser.mjs" "http://127.0.0.1:$PORT" "$WORK/report/report.html" "$WORK" || status=$?
if [ -n "${SL_SCREENSHOTS:-}" ]; then mkdir -p "$SL_SCREENSHOTS" && cp "$WORK"/nojs-*.png "$SL_SCREENSHOTS"/ 2>/dev/null || true; fi
if [ "$status" -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -n 20 "$WORK/serve.log"; fi
exit "$status"
