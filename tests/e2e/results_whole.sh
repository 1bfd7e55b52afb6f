#!/usr/bin/env bash
# results_whole.sh — a report is whole or not written (issue #12 point 4):
# a part of the audit that cannot be built (here a zone name that is not
# UTF-8, which JSON cannot hold) fails the audit with exit 1 and leaves no
# report directory, where it used to publish summary.json without that part.
# And `info` lists every import: a file whose name is not UTF-8 (latin-1
# "caf\xe9.csv") is shown with that byte escaped; it used to be left out of
# the list ("none yet"), so nobody could find the id to remove it.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
cd "$WORK"
{ echo 'id,lat,lon'
  for i in 1 2 3 4 5 6; do echo "p$i,38.9,-77.0$i"; done; } >posts.csv
"$SL" import posts posts.csv -s "$(store s)" >/dev/null 2>&1 || not_ok "importing the posts"

"$SL" audit -s "$(store s)" -o good --zone 'Downtown=bbox:-77.2,38.8,-76.9,39.0' >/dev/null 2>err.txt
check "a zone with a UTF-8 name: exit 0" [ $? -eq 0 ]
check "its name is in summary.json" python3 -c "
import json,sys; z=json.load(open('good/summary.json'))['zones']; sys.exit(not (len(z) == 1 and z[0]['name'] == 'Downtown'))"

"$SL" audit -s "$(store s)" -o bad --zone $'Caf\xe9=bbox:-77.2,38.8,-76.9,39.0' >/dev/null 2>err.txt
check "a zone name that is not UTF-8: exit 1" [ $? -eq 1 ]
check "the error says why" grep -q "not UTF-8.*zones" err.txt
check "no report directory is left" [ ! -e bad ]

cp posts.csv $'caf\xe9.csv'
"$SL" import posts $'caf\xe9.csv' -s "$(store n)" >/dev/null 2>&1 || not_ok "importing a file whose name is not UTF-8"
"$SL" info -s "$(store n)" >info.txt 2>&1
check "info lists the import of a file whose name is not UTF-8, escaped" grep -q 'caf\\xe9\.csv' info.txt
check "... and its JSON too" bash -c "'$SL' info --json -s '$(store n)' | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if [s[\"file\"] for s in d[\"sources\"]] == [\"caf\\\\xe9.csv\"] else 1)'"
check "... and rm 1 takes it out" bash -c "'$SL' rm 1 -s '$(store n)' >/dev/null && ! '$SL' info -s '$(store n)' | grep -q 'caf'"
finish
