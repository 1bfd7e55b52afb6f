#!/usr/bin/env bash
# request_repeats.sh — a requests file whose requests the store holds
# already from another import is refused (exit 1, the store as it was),
# naming that import and how to replace it, as a file of posts or sites is:
# the same agency and id, or without ids the same agency, date and place
# (undated requests at one place may be several: never refused).
# A records office's export of the whole year after January's file is the
# case: before, it imported, and January's requests counted twice in every
# join, disparity and report (rank 1 of the README walk, run of 2026-12-06).
. "$(dirname "$0")/lib.bash"
ONE="$SL_FIXTURES/requests/chicago-video-requests-FICTIONAL.csv"
COLS=(--date "Date/Time Requested" --date-format '%m/%d/%Y %I:%M %p')
AG=(--agency-name "Chicago Police Department" --agency-state IL "${COLS[@]}")
cd "$WORK" || exit 1
db=$(store s)
count() { store_sql "$db" "SELECT count(*) FROM requests"; }

# January's export, then the year's (every request of the fixture)
{ head -1 "$ONE"; grep ',[0-9][0-9]/[0-9][0-9]/2020 ' "$ONE"; } > year.csv # the rows with a date
{ head -1 "$ONE"; grep ',01/[0-9][0-9]/2020 ' "$ONE"; } > jan.csv
jan=$(($(wc -l < jan.csv) - 1)); year=$(($(wc -l < year.csv) - 1))
"$SL" import requests jan.csv "${AG[@]}" --id "Request ID" -s "$db" >/dev/null 2>&1
check "January's export imported ($jan requests)" test "$(count)" = "$jan"
before=$(store_dump "$db")
"$SL" import requests year.csv "${AG[@]}" --id "Request ID" -s "$db" >out.txt 2>err.txt; rc=$?
check "the year's export, holding January's: exit 1, nothing imported, the store as it was ($rc)" bash -c "
  [ $rc = 1 ] && [ \"\$(cat out.txt)\" = '' ] && [ '$(store_dump "$db")' = '$before' ]"
check "... the message counts the requests held, names the import and the way to replace it" \
  grep -q "year.csv: $jan of the $year requests in this file are in the store already, from import [0-9]* (jan.csv): the same id ('CPD-2020-.*' of Chicago Police Department).*sightline rm [0-9]*.., then import this file" err.txt
id=$(store_sql "$db" "SELECT id FROM sources WHERE file_name = 'jan.csv'")
"$SL" rm "$id" -s "$db" >/dev/null 2>&1
"$SL" import requests year.csv "${AG[@]}" --id "Request ID" -s "$db" >/dev/null 2>&1; rc=$?
check "after rm of January's import the year's imports whole, each request once ($rc)" \
  bash -c "[ $rc = 0 ] && [ $(count) = $year ]"

# without ids: the same agency, date and place
cut -d, -f2- jan.csv > jan-noid.csv # the date's column is now the first
"$SL" import requests jan-noid.csv "${AG[@]}" -s "$db" >/dev/null 2>err.txt; rc=$?
check "January's again without its ids: refused by agency, date and place ($rc)" bash -c "
  [ $rc = 1 ] && grep -q 'the same agency, date and place (Chicago Police Department on 2020-01-' err.txt &&
  [ $(count) = $year ]"
# another department's requests at the same places are other requests
"$SL" import requests jan-noid.csv --agency-name "Cedarton Police Department" --agency-state IA \
  "${COLS[@]}" -s "$db" >/dev/null 2>&1; rc=$?
check "the same rows as another agency's requests import ($rc)" bash -c "[ $rc = 0 ] && [ $(count) = $((year + jan)) ]"
# other ids at the same place and day: other requests
sed 's/^CPD-/NEW-/' jan.csv > jan-newids.csv
"$SL" import requests jan-newids.csv "${AG[@]}" --id "Request ID" -s "$db" >/dev/null 2>&1; rc=$?
check "requests with ids of their own at the same places import ($rc)" bash -c "[ $rc = 0 ] && [ $(count) = $((year + 2 * jan)) ]"
finish
