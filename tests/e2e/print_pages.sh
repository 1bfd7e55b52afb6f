#!/usr/bin/env bash
# print_pages.sh — the pages people print, printed as Chromium prints them
# (Debian chromium, headless, via npm playwright-core; checks in
# print_pages.mjs; pdftotext and pdfinfo of poppler-utils read the PDFs),
# on US Letter and A4, "Background graphics" off as the print dialog has it:
# - the report (demo): its map legend's swatches and numbered circles print
#   (they were empty boxes), the sites black so that they differ from the
#   agencies in black and white, and every page says what it is of, of
#   when, and which page of how many it is; the methods note whole in at
#   most 10 pages (small type, two columns; it was 17); "no data" hatched,
#   areas and key, and grey again on screen;
# - the dashboard: no buttons, filters or map controls on paper, the
#   legend's swatches printed, the sites black, the filters' sentence kept;
#   every page's margin with the page's address, snapshot, date printed and
#   "page N of M"; each select as "Label: value"; a location quotient's
#   classes over 1.05 hatched, areas and keys, as they were after printing;
# - the directory of businesses, handed out on paper: each listing's
#   address and phone printed (only names were), no search form, no page
#   of the footer alone;
# - the campaign page as a flyer: no form to fill in nobody can send, where
#   to sign it instead (the page's address), the steps of the pledge kept,
#   the pledge map's view whole in the paper's frame.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core
command -v pdftotext >/dev/null || { echo "SKIP: pdftotext (poppler-utils) missing" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store demo)
"$SL" demo -s "$db" --campaign >/dev/null 2>&1
check "audit of the demo" "$SL" audit -s "$db" -o "$WORK/report" --quiet
"$SL" businesses --json -s "$db" >businesses.json
serve_start "$db" --quiet || exit 1
check "every printed page as people need it" timeout 240 node "$SL_SOURCE/tests/e2e/print_pages.mjs" "$U" "$WORK"
serve_stop
finish
