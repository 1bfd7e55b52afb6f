#!/usr/bin/env bash
# store_write_version.sh — a store a newer sightline wrote in a way an
# older one would get wrong is read by the older one as ever, and never
# written by it. schema_version stops older readers; meta's write_schema
# stops only older writers (SL_STORE_WRITE_VERSION): before it, an older
# sightline wrote any store of the same schema_version, and an import of
# one that kept no earlier versions made a later `rm` delete what it should
# have restored (rm_older_writer.sh). The newer sightline is played here by
# putting a larger write_schema into meta. A store records what it needs,
# not what its last writer knew (run of 2026-12-07): 1 for every store, 2
# once it holds an owner's exclusion, which an older writer would import
# her points into; a team's older sightlines keep writing the others.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
db=$(store s)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
check "a new store records the write schema every store needs (1), not the highest this sightline writes" \
  test "$(store_sql "$db" "SELECT value FROM meta WHERE key = 'write_schema'")" = 1

# A store written before write_schema existed gets it at its next write.
store_sql "$db" "DELETE FROM meta WHERE key = 'write_schema'"
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >/dev/null 2>&1
check "an older store gets write_schema 1 at its next import" \
  test "$(store_sql "$db" "SELECT value FROM meta WHERE key = 'write_schema'")" = 1

# An exclusion raises it to 2, and a later import keeps 2 (not its own base).
db2=$(store x)
printf 'lat,lon\n41.88,-87.63\n41.89,-87.64\n' >posts.csv
"$SL" import posts posts.csv -s "$db2" >/dev/null 2>&1
"$SL" exclude --circle 41.88,-87.63,50 -s "$db2" >/dev/null 2>&1
check "a store holding an exclusion needs write_schema 2" \
  test "$(store_sql "$db2" "SELECT value FROM meta WHERE key = 'write_schema'")" = 2
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db2" >/dev/null 2>&1
check "an import after it keeps 2" \
  test "$(store_sql "$db2" "SELECT value FROM meta WHERE key = 'write_schema'")" = 2

# A newer sightline's store: every write refused, nothing changed; reads as ever.
store_sql "$db" "UPDATE meta SET value = '3' WHERE key = 'write_schema'"
before=$(store_dump "$db")
"$SL" info -s "$db" >info.txt 2>info.err
check "info of a store a newer sightline wrote: exit 0, its imports listed" \
  bash -c "[ $? = 0 ] && grep -q fbi-cde-sample.csv info.txt && grep -q atlas-sample-2020-10-07.csv info.txt"
"$SL" partnerships -s "$db" --json >p.json 2>p.err
check "partnerships reads it (exit 0)" bash -c "[ $? = 0 ] && [ -s p.json ]"
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >imp.out 2>imp.err
rc=$?
check "an import into it exits 1 and says why, what still works and that nothing changed" \
  bash -c "[ $rc = 1 ] && grep -q \"a newer sightline has written this store in a way this one would not keep (write schema '3'; this sightline writes up to 2): read it with this sightline as before, but import, rm and campaign changes need that newer sightline; nothing was changed\" imp.err"
"$SL" rm 1 -s "$db" >rm.out 2>rm.err
check "rm of one of its imports: exit 1, the same sentence" \
  bash -c "[ $? = 1 ] && grep -q 'a newer sightline has written this store' rm.err"
after=$(store_dump "$db")
check "the store is as it was, write_schema still 3" \
  test "$before" = "$after" -a "$(store_sql "$db" "SELECT value FROM meta WHERE key = 'write_schema'")" = 3
# A value that is no version number is taken as newer: refusing is the safe way to be wrong.
store_sql "$db" "UPDATE meta SET value = 'x' WHERE key = 'write_schema'"
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null 2>bad.err
check "a write_schema that is no number refuses the write (exit 1)" \
  bash -c "[ $? = 1 ] && grep -q \"write schema 'x'\" bad.err"
finish
