#!/usr/bin/env bash
# report_browser.sh — the demo report in a real browser: Debian's chromium,
# headless, driven by npm playwright-core (report_browser.mjs next to this
# file has the checks). Skips loudly (exit 77) only when chromium, node or
# playwright-core cannot be had; scripts/deps.sh installs all three.
set -euo pipefail
: "${SL:?path to the sightline CLI}"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
skip() { echo "SKIP (loudly): $*; the report was NOT checked in a browser" >&2; exit 77; }
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium missing (apt-get install chromium)"
command -v node >/dev/null || skip "node missing (apt-get install nodejs)"
if [ ! -d "$SRC/node_modules/playwright-core" ]; then
  command -v npm >/dev/null || skip "npm missing, cannot install playwright-core"
  (cd "$SRC" && npm install --no-package-lock --no-audit --no-fund --silent) >/dev/null 2>&1 ||
    skip "npm install playwright-core failed"
fi
. "$(dirname "$0")/lib.bash"
tmp=$WORK
DB=$(store demo)
"$SL" demo -s "$DB" --campaign >/dev/null   # as make demo: tracts and the campaign's counties
"$SL" audit -s "$DB" -o "$tmp/report" --quiet >/dev/null
"$SL" audit -s "$DB" -o "$tmp/report-exact" --exact --quiet >/dev/null
node "$SRC/tests/e2e/report_browser.mjs" "$tmp/report" "$tmp" "$tmp/report-exact"
