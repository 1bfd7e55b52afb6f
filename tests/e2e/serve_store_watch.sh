#!/usr/bin/env bash
# serve_store_watch.sh — an open dashboard notices another person's import:
# its answers were kept for good ("the store does not change under a
# running server"), so after a colleague's import into a shared store the
# page showed old figures beside new ones. Now, with the page open, an
# import of the store it shows brings up a notice within moments (the page
# asks /api/info; serve_store_watch.mjs asks every 300 ms), and its button
# draws the page again, from the store as it is now. A pledge, which
# changes no import, brings up none.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -x /usr/bin/chromium ] || { echo "SKIPPED: needs /usr/bin/chromium" >&2; exit 77; }
command -v node >/dev/null || { echo "SKIPPED: needs node" >&2; exit 77; }
[ -d "$SRC/node_modules/playwright-core" ] || { echo "SKIPPED: needs npm playwright-core (scripts/deps.sh)" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
"$SL" demo -s "$db" --campaign >/dev/null
serve_start "$db" || exit 1
printf 'id,name,lat,lon\nw-1,Watch Clinic,40.0,-82.9\n' >sites.csv
printf 'email=watch%%40example.org&name=Wat+Cher&state=OH&county=39990&listed=on\n' >pledge.txt
node "$SRC/tests/e2e/serve_store_watch.mjs" "$U" "$WORK" "$db" >checks.txt 2>node.err; rc=$?
while IFS= read -r line; do # each of the browser's checks counted here
  case $line in "ok   - "*) ok "${line#ok   - }" ;; "FAIL - "*) not_ok "${line#FAIL - }" ;; esac
done <checks.txt
check "the browser's checks ran to their end (node exit $rc)" bash -c "[ $rc = 0 ] && [ \$(grep -c '^ok' checks.txt) -ge 7 ]"
finish
