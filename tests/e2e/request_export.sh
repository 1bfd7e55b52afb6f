#!/usr/bin/env bash
# request_export.sh — a police department's public-records export of video
# requests imported as it comes (tests/fixtures/requests/
# chicago-video-requests-FICTIONAL.csv: invented, 60 rows over Chicago, no
# agency column, "Date/Time Requested", "Radius (ft)", a blank row of commas,
# an N/A radius, a PENDING date, a 0,0 placeholder, a row without location).
# Before: "request has no agency" at line 2 and no way to give it; the blank
# row refused the file; N/A refused it; PENDING's refusal said nothing of what to do; 0,0 was stored as a place
# in the Gulf of Guinea; the date column went unread unsaid; a title line
# above the header was read as the columns.
. "$(dirname "$0")/lib.bash"
F="$SL_FIXTURES/requests/chicago-video-requests-FICTIONAL.csv"
DB=$(store export)

"$SL" import requests "$F" -s "$DB" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "no agency column: exit 1" test $rc = 1
check "… said at line 1 with the options that fix it" grep -q "FICTIONAL.csv:1: no agency column.*--agency COL.*--agency-name TEXT --agency-state XX" "$WORK/err"

"$SL" import requests "$F" -s "$DB" --agency "Agency" --agency-name X >/dev/null 2>&1; rc=$?
check "--agency with --agency-name: usage error" test $rc = 2
"$SL" import requests "$F" -s "$DB" --agency-name X --agency-state ZZ >/dev/null 2>&1; rc=$?
check "--agency-state ZZ: usage error" test $rc = 2

"$SL" import requests "$F" -s "$DB" --agency-name "Chicago Police Department" --agency-state il >"$WORK/out" 2>"$WORK/err"; rc=$?
check "the export imports with --agency-name and --agency-state" test $rc = 0
check "… 60 requests, 2 without a location (one withheld, one at 0,0)" grep -q "imported 60 requests .* 2 without a location" "$WORK/out"
check "… the 0,0 row named, kept placeless" grep -q "FICTIONAL.csv:36: warning: 1 request lies at latitude 0, longitude 0" "$WORK/err"
check "… the blank row skipped, said" grep -q "1 row of empty cells skipped" "$WORK/err"
check "… and kept as the import's skipped count, as info and the report's sources give it" bash -c "
  '$SL' info --json -s '$DB' | python3 -c '
import json, sys
s = [x for x in json.load(sys.stdin)[\"sources\"] if x[\"kind\"] == \"requests\"][-1]
sys.exit(0 if (s[\"rows\"], s.get(\"skipped\"), s.get(\"skipped_why\")) == (60, 1, \"rows of empty fields only\") else 1)'"
check "… the unread date column named" grep -q "column 'Date/Time Requested' was not read and the requests are undated: name it with --date" "$WORK/err"
check "… its \"Radius (ft)\" found by itself, read in feet" grep -q "radii from column 'Radius (ft)', read in feet" "$WORK/out"
check "… and not called unread" bash -c "! grep -q 'not read: Radius (ft)' '$WORK/err'"
check "every row carries the agency and state given" test "$(store_sql "$DB" "SELECT count(*) FROM requests WHERE agency = 'Chicago Police Department' AND state = 'IL'")" = 60
check "no request stored at 0,0" test "$(store_sql "$DB" "SELECT count(*) FROM requests WHERE lat = 0 AND lon = 0")" = 0

DB2=$(store export2)
"$SL" import requests "$F" -s "$DB2" --agency-name "Chicago Police Department" --agency-state IL \
  --date "Date/Time Requested" --date-format '%m/%d/%Y %I:%M %p' >/dev/null 2>"$WORK/err"; rc=$?
check "a PENDING date is refused (a file is read whole), saying an unknown date is an empty cell" \
  bash -c "test $rc = 1 && grep -q \"FICTIONAL.csv:22: 'PENDING' is not a date: a request whose date is not known has an empty date cell\" '$WORK/err'"
sed 's/,PENDING,/,,/' "$F" >"$WORK/export.csv" # the analyst empties it
"$SL" import requests "$WORK/export.csv" -s "$DB2" --agency-name "Chicago Police Department" --agency-state IL --id "Request ID" \
  --date "Date/Time Requested" --date-format '%m/%d/%Y %I:%M %p' --radius "Radius (ft)" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "with its columns named: radii in feet, dated" test $rc = 0
check "… the N/A radius read as empty, said" grep -q "export.csv:14: note: 1 number cell says N/A" "$WORK/err"
check "… radii read in feet" grep -q "radii from column 'Radius (ft)', read in feet" "$WORK/out"
check "… 1,320 ft stored as 402.3 m" test "$(store_sql "$DB2" "SELECT count(*) FROM requests WHERE record_id = 'CPD-2020-0101' AND radius_m > 402.33 AND radius_m < 402.34")" = 1
check "… 59 dated (the emptied PENDING not)" test "$(store_sql "$DB2" "SELECT count(*) FROM requests WHERE date IS NOT NULL")" = 59
# The export as a records office may send it: a title line (with a comma)
# and a row of commas above the header. Read as the columns before, it
# refused the file: "row has 10 fields but the header has 2".
{ echo "Chicago Police Department - Video Requests, January-December 2020"; echo ",,,,,,,,,"; cat "$WORK/export.csv"; } >"$WORK/titled.csv"
DB3=$(store export3)
"$SL" import requests "$WORK/titled.csv" -s "$DB3" --agency-name "Chicago Police Department" --agency-state IL --id "Request ID" \
  --date "Date/Time Requested" --date-format '%m/%d/%Y %I:%M %p' >"$WORK/out" 2>"$WORK/err"; rc=$?
check "a title above the header: imported (exit 0)" test $rc = 0
check "… the title named and skipped, the columns read from line 3" \
  grep -q "titled.csv: note: lines 1-2 are a title above the columns ('Chicago Police Department - Video Requests, January-December 2020'): skipped; the columns are line 3" "$WORK/err"
check "… the same 60 requests and 59 dates" \
  test "$(store_sql "$DB3" "SELECT count(*), count(date) FROM requests")" = "$(store_sql "$DB2" "SELECT count(*), count(date) FROM requests")"
check "… lines told as the file's (the N/A radius two lines down)" grep -q "titled.csv:16: note: 1 number cell says N/A" "$WORK/err"
"$SL" import requests "$WORK/titled.csv" -s "$(store titled_noagency)" --id "Request ID" >/dev/null 2>"$WORK/err"
check "… without an agency: the error names the columns' line, 3, not the title's" \
  grep -q "^sightline: .*titled.csv:3: no agency column" "$WORK/err"
"$SL" import requests "$WORK/titled.csv" -s "$(store titled_nodate)" --agency-name "Chicago Police Department" \
  --agency-state IL --date Dated >/dev/null 2>"$WORK/err"
check "… and a column not there: the same line" grep -q "^sightline: .*titled.csv:3: --date: no column 'Dated'" "$WORK/err"
# One agency's export named as the Atlas names it: "New York Police
# Department", the registry's "New York City Police Department" (the rows
# are Chicago's; only the name is asked). Before: "0 linked", nothing more.
REG=$(store registry)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$REG" >/dev/null 2>&1
"$SL" import requests "$F" -s "$REG" --agency-name "New York Police Department" --agency-state NY >"$WORK/out" 2>"$WORK/err"
check "--agency-name the registry does not hold: linked to none, and the registry's closest name offered" \
  bash -c "grep -q '; 0 linked to the agency registry' '$WORK/out' &&
           grep -q \"warning: --agency-name matched no agency of the registry in that state, so no request is linked to one; the closest there is 'New York City Police Department'\" '$WORK/err'"
"$SL" import requests "$F" -s "$REG" --replace --agency-name "New York City Police Department" --agency-state NY \
  >"$WORK/out" 2>"$WORK/err"
check "… which links them, and says nothing more" \
  bash -c "grep -q '; 60 linked to the agency registry' '$WORK/out' && ! grep -q 'closest there is' '$WORK/err'"
# The name right and the state wrong: Chicago's department with IN. Before:
# the closest name of Indiana offered, "New Chicago Police Department".
"$SL" import requests "$F" -s "$REG" --replace --agency-name "Chicago Police Department" --agency-state IN \
  >"$WORK/out" 2>"$WORK/err"
check "--agency-state wrong: the state the registry has the name in is named, with the command" \
  grep -q "the registry's 'Chicago Police Department' is in IL, not IN: \`sightline import requests .* --replace --agency-name 'Chicago Police Department' --agency-state IL\` links them" "$WORK/err"
check "… and no Indiana agency is offered" bash -c "! grep -q 'New Chicago' '$WORK/err'"
finish
