#!/usr/bin/env bash
# rm_restore.sh — `rm` of a corrective import restores what it corrected.
# A registry import, then a correction (two agencies changed, two repeated
# unchanged, one new): `rm` of the correction used to delete the corrected
# agencies with it. Now the store afterwards is the store before the
# correction, row for row and in `info --json` and `partnerships --json`
# byte for byte; the same for a corrected Atlas row and a replaced
# baseline. Two corrections of one agency removed in either order, or in
# one `rm`, come back to the first version; `rm` of the registry while the
# correction stays keeps the corrected agencies as the correction has them.
# A store made before the versions tables gets them at its next write.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
db=$(store s)
q() { store_sql "$db" "$1"; }
last() { q "SELECT max(id) FROM sources"; } # the newest import's id (ids are never given again)
# Every record an import can change in place, with its import and line,
# the imports themselves, and the kept versions (none when nothing is
# superseded): equal means the same store, on either backend.
records() {
  q "SELECT * FROM sources ORDER BY id; SELECT * FROM agencies ORDER BY id;
     SELECT id, source_id, line, snapshot, record_id, agency, city, county, state, agency_type, technology, vendor,
            summary, start_date, start_raw, start_precision, agency_id, link_method, link_score, source_url
       FROM partnerships ORDER BY id;
     SELECT * FROM baselines ORDER BY name;
     SELECT 'versions', (SELECT count(*) FROM agency_versions), (SELECT count(*) FROM partnership_versions)"
}
views() { # what a user sees of the store, byte for byte
  "$SL" info --json -s "$db"
  "$SL" partnerships --links --json -s "$db"
  "$SL" partnerships --json -s "$db"
}
sed 's/^0400000US17,1000,150,/0400000US17,1000,170,/' "$SL_FIXTURES/census/acs-mini-DP05.csv" >acs-fix-DP05.csv

"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
"$SL" import baseline "$SL_FIXTURES/census/acs-mini-DP05.csv" --geo Illinois -s "$db" >/dev/null
records >first.txt
views >first.views
check "the first imports are in the store" \
  bash -c "grep -q ZZ0010100 first.txt && grep -q AOS2 first.txt && grep -q Illinois first.txt && grep -q Alderbrook first.views"

# The correction, and its rm.
"$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >out.txt
check "the correction updates 2 agencies, adds 1, repeats 2" grep -q "1 new, 2 updated, 2 agencies the store held already" out.txt
check "... the renamed agency has its new name" \
  test "$(q "SELECT name FROM agencies WHERE ori='ZZ0010100'")" = "Alderbrook City Police Department"
"$SL" rm 4 -s "$db" >out.txt
check "rm of the correction says what it did" \
  test "$(cat out.txt)" = "$(printf 'removed import 4, fbi-cde-sample-fix.csv (1 agency); restored 2 agencies to their versions from import 1\npartnership rows linked to the registry: 3 of 3')"
records >after.txt
check "... every record is back as the first imports brought it (ids, imports, lines), no version left" \
  cmp first.txt after.txt
views >after.views
check "... info --json and partnerships --json are the same bytes" cmp first.views after.views

# A corrected Atlas row.
"$SL" import partnerships "$F/atlas-sample-fix-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
check "a corrected Atlas row takes the new vendor" test "$(q "SELECT vendor FROM partnerships WHERE record_id='AOS2'")" = Skydio
n=$(last)
check "... as import 5: the removed correction's id 4 is not given again" test "$n" = 5
"$SL" rm "$n" -s "$db" >out.txt
check "rm of it restores the row" grep -qx "removed import $n, atlas-sample-fix-2020-10-07.csv; restored 1 partnership row to its version from import 2" out.txt
records >after.txt
check "... the store is as before, its link too" cmp first.txt after.txt

# A baseline of the same name from another file.
"$SL" import baseline acs-fix-DP05.csv --geo Illinois -s "$db" >/dev/null
n=$(last)
check "a second baseline 'national' replaces the first" test "$(q "SELECT source_id FROM baselines")" = "$n"
"$SL" rm "$n" -s "$db" >out.txt
check "rm of it puts the first back" grep -qx "removed import $n, acs-fix-DP05.csv; restored 1 baseline to its version from import 3" out.txt
records >after.txt
check "... the store is as before" cmp first.txt after.txt

# Two corrections of one agency: removed newer first, older first, or together.
sed 's/Alderbrook City Police/Alderbrook Municipal Police/' "$F/fbi-cde-sample-fix.csv" >fix2.csv
two() { # the two corrections, as imports $A and $B
  "$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
  A=$(last)
  "$SL" import agencies fix2.csv --preset fbi-cde -s "$db" >out.txt
  B=$(last)
}
same_records() { cmp first.txt <(records); }
two
check "a second correction changes the renamed agency again" grep -q "0 new, 1 updated, 4 agencies" out.txt
"$SL" rm "$B" -s "$db" >out.txt
check "rm of the second restores the first correction's name" \
  test "$(q "SELECT name, source_id FROM agencies WHERE ori='ZZ0010100'")" = "Alderbrook City Police Department|$A"
"$SL" rm "$A" -s "$db" >/dev/null
check "... then rm of the first restores the registry's" same_records
two
"$SL" rm "$A" -s "$db" >out.txt
check "rm of the older correction while the newer stays: the newer's agency stays, the other changes go back" \
  grep -qx "removed import $A, fbi-cde-sample-fix.csv (1 agency); restored 1 agency to its version from import 1; 1 agency stays as a later import changed it" out.txt
check "... it keeps the newer name" \
  test "$(q "SELECT name, source_id FROM agencies WHERE ori='ZZ0010100'")" = "Alderbrook Municipal Police Department|$B"
"$SL" rm "$B" -s "$db" >/dev/null
check "... and rm of the newer then restores the registry's, not the removed one's" same_records
two
"$SL" rm "$A" "$B" -s "$db" >/dev/null
check "both in one rm: the store is as before" same_records

# rm of the registry while the correction stays.
"$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
n=$(last)
"$SL" rm 1 -s "$db" >out.txt
check "rm of the registry under a correction says which agencies stay" \
  grep -qx "removed import 1, fbi-cde-sample.csv (4 agencies); 2 agencies stay as later imports changed them" out.txt
check "... the corrected and the new agency stay as the correction has them; the repeated ones went with the registry" \
  test "$(q "SELECT ori || ' ' || name || ' ' || source_id FROM agencies ORDER BY ori")" = "$(printf '%s\n' \
    "ZZ0010100 Alderbrook City Police Department $n" "ZZ0020000 Birchfield County Sheriff's Office $n" \
    "ZZ0070100 Glenwood Police Department $n")"
check "... no version refers to the removed registry" test "$(q "SELECT count(*) FROM agency_versions")" = 0
"$SL" rm "$n" -s "$db" >out.txt
check "rm of the correction then removes its agencies" \
  bash -c "grep -qx 'removed import $n, fbi-cde-sample-fix.csv (3 agencies)' out.txt && [ \"\$(store_sql '$db' 'SELECT count(*) FROM agencies')\" = 0 ]"

# A store from before the versions tables (dropped here) gets them at its next write.
db=$(store old)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
q "DROP TABLE agency_versions; DROP TABLE partnership_versions"
records_old=$(q "SELECT * FROM agencies ORDER BY id")
"$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" rm 2 -s "$db" >/dev/null
check "an older store's correction is undone too" test "$records_old" = "$(q "SELECT * FROM agencies ORDER BY id")"
finish
