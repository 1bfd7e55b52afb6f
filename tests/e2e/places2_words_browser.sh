#!/usr/bin/env bash
# places2_words_browser.sh — the campaign page with JavaScript for a signer
# of Guam and of American Samoa, on the real data (run of 2026-12-07, fifth;
# checks in places2_words_browser.mjs): the figures campaign.js draws say
# "in the territory", never "in the state", and the signer's words beside
# the share, as the page without JavaScript does (places2_words.sh); American
# Samoa's 0s say that nothing is recorded there. Skips loudly (77) without
# chromium, node, ../shared/data or npm us-atlas.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_browser playwright-core
need_shared
need_us_atlas
cd "$WORK" || exit 1
db=$(store words)
import_real "$db"
"$SL" campaign init --title "Places" --pledge "I pledge." --privacy "We keep your address." --commitment cancel=Cancel \
  --organisation "Test" --contact test@example.org --area-set counties --base-url https://example.org/ \
  --sender test@example.org -s "$db" >/dev/null
serve_start "$db" --quiet || exit 1
node "$SRC/tests/e2e/places2_words_browser.mjs" "$U" "$WORK"
rc=$?
serve_stop
exit $rc
