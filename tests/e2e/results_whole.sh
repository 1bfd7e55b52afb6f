#!/usr/bin/env bash
# results_whole.sh — a report is whole or not written (issue #12 point 4):
# a part of the audit that cannot be built (here a zone name that is not
# UTF-8, which JSON cannot hold) fails the audit with exit 1 and leaves no
# report directory, where it used to publish summary.json without that part.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
cd "$WORK"
{ echo 'id,lat,lon'
  for i in 1 2 3 4 5 6; do echo "p$i,38.9,-77.0$i"; done; } >posts.csv
"$SL" import posts posts.csv -s s.db >/dev/null 2>&1 || not_ok "importing the posts"

"$SL" audit -s s.db -o good --zone 'Downtown=bbox:-77.2,38.8,-76.9,39.0' >/dev/null 2>err.txt
check "a zone with a UTF-8 name: exit 0" [ $? -eq 0 ]
check "its name is in summary.json" python3 -c "
import json,sys; z=json.load(open('good/summary.json'))['zones']; sys.exit(not (len(z) == 1 and z[0]['name'] == 'Downtown'))"

"$SL" audit -s s.db -o bad --zone $'Caf\xe9=bbox:-77.2,38.8,-76.9,39.0' >/dev/null 2>err.txt
check "a zone name that is not UTF-8: exit 1" [ $? -eq 1 ]
check "the error says why" grep -q "not UTF-8.*zones" err.txt
check "no report directory is left" [ ! -e bad ]
finish
