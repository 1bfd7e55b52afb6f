#!/usr/bin/env bash
# diff_one_snapshot.sh — a reporter with the real export of 2020-10-07
# alone asks what changed (`partnerships diff`, /api/partnerships/diff):
# she was told "no partnership snapshot on or before 2020-01-15 (the first
# is 2020-10-07)", as though a date of hers were wrong; a diff needs two
# snapshots, and the store holds one. Now said so, with what to import.
. "$(dirname "$0")/lib.bash"
need_shared
cd "$WORK" || exit 1
db=$(store real)
import_atlas "$db"
"$SL" partnerships diff --from 2020-01-15 --to 2020-10-07 -s "$db" >out.txt 2>err.txt
rc=$?
check "diff on a store of one snapshot: exit 1 ($rc), nothing on standard output" bash -c "[ $rc = 1 ] && [ ! -s out.txt ]"
check "... says a diff compares two snapshots and this store holds one, of 2020-10-07" \
  grep -q 'a diff compares two snapshots of the partnership data, and this store holds one, of 2020-10-07' err.txt
check "... and what to import to compare it with" grep -q 'import partnerships FILE --snapshot DATE' err.txt
check "... not that her date is wrong" bash -c "! grep -q 'on or before' err.txt"
"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 -s "$db" >/dev/null 2>err2.txt
check "the same whatever the dates (a later --to)" grep -q 'holds one, of 2020-10-07' err2.txt
finish
