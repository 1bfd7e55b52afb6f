#!/usr/bin/env bash
# serve_agency_words_browser.sh — the dashboard calls a technology's
# agencies what they are (run of 2026-12-07, fourth): with the technology
# filter at "face", its table by state said "Partnered agencies", its map's
# layer and legend "partnered agencies", its headline "partnered (1
# partnership row)", its status line "Showing partnerships with technology
# matching “face”: 1 agency, 1 row": a face recognition row is no partnership. Now Ring's
# rows are partnerships and the rest records, their agencies "on record",
# as the report says (factcheck_agency_words.sh). The demo store served on
# a free loopback port, then Debian's chromium, headless, through npm
# playwright-core (checks in serve_agency_words_browser.mjs); the campaign's
# counties give the map its state colouring, whose name follows the filter.
# Skips loudly (exit 77) only when chromium, node or the npm modules are missing.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core
DB=$(store demo)
"$SL" demo --campaign -s "$DB" >/dev/null || { echo "demo failed"; exit 1; }
serve_start "$DB" || exit 1
status=0
# Each answer the page words its figures by says whose rows they are, by the
# server's one rule (sl_tracker_tech_partnerships): Ring's are partnerships.
for q in "tech=ring true" "tech=Ring/Neighbors true" "tech=face false" "tech= false"; do
  set -- $q
  for path in /api/partnerships /api/partnerships/links /api/layers/agencies.geojson; do
    got=$(curl -sf "$U$path?$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).rows_are_partnerships))')
    [ "$got" = "$2" ] && echo "ok   $path?$1: rows_are_partnerships $got" || { echo "FAIL $path?$1: rows_are_partnerships $got, not $2"; status=1; }
  done
done
node "$SL_SOURCE/tests/e2e/serve_agency_words_browser.mjs" "$U" || status=1
if [ "$status" -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -n 20 "$SLOG"; fi
exit "$status"
