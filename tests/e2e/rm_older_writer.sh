#!/usr/bin/env bash
# rm_older_writer.sh — `rm` of a correction an older sightline imported into
# a store this one had already written. The store's schema version is the
# same, so the older sightline writes to it: its import changes agencies
# and Atlas rows in place and keeps no earlier versions, and leaves the
# store's mark of the first import that keeps them (versions_from) as it
# was, below its own id. `rm` of it trusted that mark: exit 0, "removed
# import 3 (3 agencies)", and the agencies the registry still vouched for
# were gone, with the partnership rows' links to them. Now the next write
# finds the imports above the last id this sightline gave (an older one does
# not move it) and marks them as an older sightline's: `rm` refuses as it
# does for an import before the mark, changing no record, and says how to
# undo it whole. The older sightline's import is made here by SQL: an import
# of this one with its versions dropped and the last id put back, which is
# what sightline 44d822a leaves (run of 2026-12-06).
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
records() { # every agency and partnership row with its import and line
  store_sql "$1" "SELECT id, source_id, line, ori, name, state FROM agencies ORDER BY id;
                  SELECT id, source_id, line, record_id, vendor, agency_id FROM partnerships ORDER BY id"
}
as_older() { # as_older DB ID LAST: import ID as an older sightline leaves it (no versions; the last id LAST)
  store_sql "$1" "DELETE FROM agency_versions WHERE superseded_by = $2; DELETE FROM partnership_versions
                  WHERE superseded_by = $2; UPDATE meta SET value = '$3' WHERE key = 'last_source_id'"
}
refused() { # refused DB ID EARLIER FILE WHAT: rm ID exits 1, says why, and leaves every record as it was
  local db=$1 id=$2 earlier=$3 file=$4 what=$5 before rc
  before=$(records "$db")
  "$SL" rm "$id" -s "$db" >out.txt 2>err.txt
  rc=$?
  check "rm $id (a correction an older sightline imported after this one wrote) exits 1, printing nothing on stdout" \
    bash -c "[ $rc = 1 ] && [ ! -s out.txt ]"
  check "... says an older sightline made it and removing it would delete $what, and how to undo it whole" \
    bash -c "grep -q 'import $id was made by an older sightline, which kept no earlier versions of the records an import changes: removing it would delete its $what, with any it changed that import $earlier had brought, instead of restoring them. Nothing was removed.' err.txt &&
             grep -q 'To undo it whole, remove import $earlier with it (\`sightline rm $id $earlier\`) and import $file again' err.txt"
  check "... every record is as it was" test "$before" = "$(records "$db")"
}

db=$(store s)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
"$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
as_older "$db" 3 2
"$SL" import partnerships "$F/atlas-sample-fix-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
as_older "$db" 4 2
check "the store is marked as keeping versions from import 1, the older sightline's imports 3 and 4 above it" \
  test "$(store_sql "$db" "SELECT value FROM meta WHERE key = 'versions_from'")" = 1

# rm's own write finds import 4 first
refused "$db" 4 2 atlas-sample-2020-10-07.csv "1 partnership row"
check "... the store now marks imports 3 and 4 as an older sightline's, and its last id is 4" \
  test "$(store_sql "$db" "SELECT key FROM meta WHERE key LIKE 'older_import:%' ORDER BY key;
                           SELECT value FROM meta WHERE key = 'last_source_id'")" = "$(printf 'older_import:3\nolder_import:4\n4')"
# after an import of this sightline, which moves the last id past them
"$SL" import sites "$SL_FIXTURES/points/repeat_a.csv" --category ice --id id -s "$db" >/dev/null 2>&1
check "an import of this sightline on top takes id 5" \
  test "$(store_sql "$db" "SELECT max(id) FROM sources")" = 5
refused "$db" 3 1 fbi-cde-sample.csv "3 agencies"
"$SL" rm 5 -s "$db" >out.txt
check "this sightline's own import is removed as ever" grep -q '^removed import 5, repeat_a.csv (' out.txt

# the way forward the refusal names: undo the correction with the registry
"$SL" rm 3 1 -s "$db" >/dev/null
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
check "rm 3 1, then the registry again: its 6 agencies as it has them" \
  test "$(store_sql "$db" "SELECT count(*), min(name) FROM agencies WHERE source_id = 6")" = "6|Alderbrook Police Department"
"$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" rm 7 -s "$db" >out.txt
check "a correction this sightline imports now is undone by restoring, not refused" \
  grep -qx "removed import 7, fbi-cde-sample-fix.csv (1 agency); restored 2 agencies to their versions from import 6" out.txt
check "... and the registry's agencies are all there, as it has them" \
  test "$(store_sql "$db" "SELECT count(*), count(DISTINCT source_id), min(name) FROM agencies")" = "6|1|Alderbrook Police Department"
finish
