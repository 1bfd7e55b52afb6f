#!/usr/bin/env bash
# newcomer3_requests_state.sh — a reporter's police requests with an agency
# column and no state column (run of 2026-12-07, sixth): `import requests`
# said "0 linked to the agency registry" and nothing of why. The registry
# matches an agency by its name and state; the import now says that the
# rows name no state and which option gives one. With --agency-state IL the
# same rows link; a file with a state column draws no such note.
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store req)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
cd "$WORK" || exit 1
printf 'id,agency,date,lat,lon\n1,Chicago Police Department,2020-06-01,41.88,-87.63\n2,Chicago Police Department,2020-06-02,41.89,-87.64\n' >requests.csv
printf 'id,agency,state,date,lat,lon\n1,Chicago Police Department,IL,2020-06-01,41.88,-87.63\n' >with_state.csv
"$SL" import requests requests.csv -s "$DB" >out.txt 2>err.txt; rc=$?
check "no state column: imported (exit $rc), 0 linked" bash -c "[ $rc = 0 ] && grep -q '^imported 2 requests from requests.csv; 0 linked to the agency registry' out.txt"
check "... and a note says the rows name no state, how the registry matches, and the options that give one" \
  grep -q "^sightline: requests.csv: note: 2 requests name an agency but no state, so they are linked to no agency of the registry, which matches an agency by its name and state: --state COLUMN names the file's state column, --agency-state XX gives every row's (import it again with --replace)\$" err.txt
"$SL" import requests requests.csv --agency-state IL --replace -s "$DB" >out2.txt 2>err2.txt; rc=$?
check "as the note says, --agency-state IL --replace links both, and no note ($rc)" bash -c "[ $rc = 0 ] &&
  grep -q '2 linked to the agency registry' out2.txt && ! grep -q 'no state' err2.txt"
DB2=$(store req2)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB2" >/dev/null 2>&1
"$SL" import requests with_state.csv -s "$DB2" >out3.txt 2>err3.txt
check "a file with a state column links and draws no note" bash -c "grep -q '1 linked to the agency registry' out3.txt && ! grep -q 'no state' err3.txt"
finish
