#!/usr/bin/env bash
# serve_followup_browser.sh — the dashboard says what the report and the CLI
# now say of a follow-up (run of 2026-12-07, fifth). Two stores, each
# served on a free loopback port, read in Debian's chromium through npm
# playwright-core (checks in serve_followup_browser.mjs):
# - the follow-up fixture's two exports, the later with a second Ring row of
#   a partnership listed since 2020 (as followup2_since.sh): the headline
#   counted 4 rows "started on or after 2020-10-08" where the report's lead
#   and the diff count 3 partnerships; and "Between snapshots" named the
#   two dates but not the files they came from;
# - the real counties with QuickFacts 2014 and 400 synthetic requests (as
#   followup2_vintage.sh): the disparity's sentence gave no year for the
#   residents, nor that the foreign-born shares are ACS 2009–2013.
# Skips loudly (exit 77) only when chromium, node, the npm modules or the
# shared data are missing.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
need_browser playwright-core
need_shared
need_us_atlas
F="$SL_SOURCE/tests/fixtures/followup"
cp "$F/atlas-followup-2021-10-07.csv" "$WORK/atlas-2021-10-07.csv"
printf '"AOS10","Elkford","Elk County","GA","Elkford Police Department","Police","Ring partnership","Municipal","Ring/Neighbors Partnership","Ring","5/5/21"\r\n' \
  >>"$WORK/atlas-2021-10-07.csv"
A=$(store since)
import_followup "$A" "$WORK/atlas-2021-10-07.csv"
B=$(store vintage)
import_counties "$B"
"$SL" synth --areas counties --layer requests --count 400 --group foreign_born --beta 3 -s "$B" >/dev/null 2>&1 || { echo "synth failed"; exit 1; }
status=0
serve_start "$A" || exit 1
UA=$U
serve_start "$B" || exit 1
UB=$U
node "$SL_SOURCE/tests/e2e/serve_followup_browser.mjs" "$UA" "$UB" || status=1
[ "$status" = 0 ] || { echo "--- server log (last 20 lines)"; tail -n 20 "$SLOG"; }
exit "$status"
