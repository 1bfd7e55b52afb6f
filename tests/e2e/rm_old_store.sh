#!/usr/bin/env bash
# rm_old_store.sh — `rm` of an import an older sightline made, which kept no
# versions of the records it changed. On such a store `rm` of a correction
# deleted the agencies and Atlas rows the first import still vouched for
# (exit 0, "removed import 2 (100 agencies)"). Now it refuses, changing no
# record, says why and how to undo the import whole (with the earlier one,
# whose file is then imported again), and --force deletes as before.
# `import FILE --replace` of such an import removes it by the same rule
# (it removed it unchecked): refused alike, `rm --force` named as the way
# to delete anyway. The
# store marks the first import that keeps versions when it gets the
# versions tables; imports from then on are undone as rm_restore.sh checks.
# The older store is tests/fixtures/old-store/store-8cbe8b8.sql (made by
# that sightline) on SQLite, and on both backends a store whose versions
# tables and marks are dropped, as an older store lacks them.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
records() { # every agency and partnership row with its import and line
  store_sql "$1" "SELECT id, source_id, line, ori, name, state FROM agencies ORDER BY id;
                  SELECT id, source_id, line, record_id, vendor FROM partnerships ORDER BY id"
}
refused() { # refused DB ID EARLIER FILE WHAT: rm ID exits 1, says so, and leaves every record as it was
  local db=$1 id=$2 earlier=$3 file=$4 what=$5 before
  before=$(records "$db")
  "$SL" rm "$id" -s "$db" >out.txt 2>err.txt
  local rc=$?
  check "rm $id (an older sightline's import, $what) exits 1" test "$rc" = 1
  check "... prints nothing on stdout" test ! -s out.txt
  check "... says an older sightline made it, and that removing it would delete $what, not restore them" \
    grep -q "import $id was made by an older sightline, which kept no earlier versions of the records an import changes: removing it would delete its $what, with any it changed that import $earlier had brought, instead of restoring them. Nothing was removed." err.txt
  check "... says how to undo it whole, or to delete anyway" \
    grep -q "To undo it whole, remove import $earlier with it (\`sightline rm $id $earlier\`) and import $file again; to delete its records anyway, add --force" err.txt
  check "... every record is as it was" test "$before" = "$(records "$db")"
}
replace_refused() { # replace_refused DB ID EARLIER FILE EARLIER_FILE WHAT: import FILE --replace refused as rm ID is
  local db=$1 id=$2 earlier=$3 file=$4 earlier_file=$5 what=$6 before
  before=$(records "$db")
  "$SL" import partnerships "$F/$file" --preset atlas --replace -s "$db" >out.txt 2>err.txt
  local rc=$?
  check "import $file --replace (an older sightline's import, $what) exits 1" test "$rc" = 1
  check "... prints nothing on stdout" test ! -s out.txt
  check "... says, as rm does, that replacing it would delete $what, not restore them" \
    grep -q "import $id was made by an older sightline, which kept no earlier versions of the records an import changes: replacing it would delete its $what, with any it changed that import $earlier had brought, instead of restoring them. Nothing was removed or imported." err.txt
  check "... says how to undo it whole, or to delete anyway with rm --force" \
    grep -q "To undo it whole, remove import $earlier with it (\`sightline rm $id $earlier\`) and import $earlier_file again; to delete its records anyway, run \`sightline rm --force $id\` and import this file again" err.txt
  check "... every record is as it was" test "$before" = "$(records "$db")"
}

# The store as the older sightline left it.
if sqlite_only "a store made by sightline 8cbe8b8 (its SQL dump)"; then
  db=$(store fixture)
  sqlite3 "$db" <"$SL_FIXTURES/old-store/store-8cbe8b8.sql"
  refused "$db" 3 1 fbi-cde-sample.csv "3 agencies"
  refused "$db" 4 2 atlas-sample-2020-10-07.csv "1 partnership row"
  replace_refused "$db" 4 2 atlas-sample-fix-2020-10-07.csv atlas-sample-2020-10-07.csv "1 partnership row"
  check "... the store now marks import 5 as the first to keep versions" \
    test "$(store_sql "$db" "SELECT value FROM meta WHERE key = 'versions_from'")" = 5
  "$SL" rm 3 1 -s "$db" >/dev/null
  "$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
  check "rm of the correction with the registry, then the registry again: its 6 agencies as it has them" \
    test "$(store_sql "$db" "SELECT count(*), min(name) FROM agencies WHERE source_id = 5")" = \
    "6|Alderbrook Police Department"
  "$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
  "$SL" rm 6 -s "$db" >out.txt
  check "a correction imported now is undone as on a new store" \
    grep -qx "removed import 6, fbi-cde-sample-fix.csv (1 agency); restored 2 agencies to their versions from import 5" out.txt
fi

# The same state on either backend: a registry, an Atlas and their
# corrections, and none of what an older sightline did not write.
db=$(store old)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
"$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" import partnerships "$F/atlas-sample-fix-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
store_sql "$db" "DROP TABLE agency_versions; DROP TABLE partnership_versions; DROP TABLE IF EXISTS baseline_versions;
                 DELETE FROM meta WHERE key IN ('versions_from', 'last_source_id')"
refused "$db" 3 1 fbi-cde-sample.csv "3 agencies"
refused "$db" 4 2 atlas-sample-2020-10-07.csv "1 partnership row"
replace_refused "$db" 4 2 atlas-sample-fix-2020-10-07.csv atlas-sample-2020-10-07.csv "1 partnership row"
check "the versions tables are back, and import 5 marked as the first to keep versions" \
  test "$(store_sql "$db" "SELECT count(*) FROM agency_versions; SELECT value FROM meta WHERE key = 'versions_from'")" = \
  "$(printf '0\n5')"
"$SL" rm 1 -s "$db" >out.txt
check "rm of the registry itself goes ahead (no earlier import of its kind stays): the corrected agencies stay" \
  bash -c "grep -qx 'removed import 1, fbi-cde-sample.csv (4 agencies)' out.txt &&
           [ \"\$(store_sql '$db' 'SELECT count(*) FROM agencies WHERE source_id = 3')\" = 3 ]"
"$SL" rm --force 4 -s "$db" >out.txt
check "rm --force of the Atlas correction deletes its row, as before" \
  bash -c "grep -q 'removed import 4, atlas-sample-fix-2020-10-07.csv (1 partnership row)' out.txt &&
           [ \"\$(store_sql '$db' 'SELECT count(*) FROM partnerships')\" = 2 ]"
"$SL" rm 3 2 -s "$db" >/dev/null
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
check "an import after rm of the newest older imports takes a new id (5), not one of theirs" \
  test "$(store_sql "$db" "SELECT id FROM sources")" = 5
check "--force is refused by other commands" bash -c "'$SL' info --force -s '$db' >/dev/null 2>&1; [ \$? = 2 ]"
finish
