#!/usr/bin/env bash
# hostile_store.sh — the store file is sightline's, and nothing else (issue
# #19, points 10-13 and 17):
#  * `-s ''`, `-s :memory:` and `-s file:...` are usage errors (exit 2): SQLite
#    would keep nothing, yet the import said "imported N";
#  * only imports (import, synth, demo) create a store; every read command on
#    a missing store fails "no store at PATH" and creates nothing, and never
#    replaces a report;
#  * a read changes no byte of a store (no tables created, no version rewritten);
#  * a file that is not a sightline store (another program's SQLite file,
#    a meta whose schema_version is banana, -1, empty or 0) is refused by
#    reads and imports alike, byte for byte unchanged; a text file, gzip
#    data, a directory and a device with one message for every command; a newer schema
#    (4294967298 once read as 2) is refused; a store of an older sightline
#    (application_id 0) is read unchanged and stamped on its next import;
#  * an import that fails (a full disk) never prints "imported N";
#  * an import during an audit does not land in the middle of the report.
. "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
cd "$WORK" || exit 1
printf 'id,lat,lon\na,38.80,-78.50\nb,38.81,-78.51\n' > posts.csv
APP_ID=1399409774 # SL_STORE_APPLICATION_ID, 0x53694c6e

# ---- point 10: names SQLite does not keep as a file -----------------------
for name in '' ':memory:' 'file::memory:' 'file:x.db?mode=memory'; do
  "$SL" import posts posts.csv -s "$name" >out 2>err; rc=$?
  check "import -s '$name' is a usage error (exit 2, got $rc)" [ $rc -eq 2 ]
  check "import -s '$name' does not say imported" bash -c "! grep -q imported out"
  check "import -s '$name' says why" [ -s err ]
  "$SL" demo -s "$name" >/dev/null 2>&1; rc=$?
  check "demo -s '$name' is a usage error (exit 2, got $rc)" [ $rc -eq 2 ]
  "$SL" partnerships -s "$name" >/dev/null 2>&1; rc=$?
  check "partnerships -s '$name' is a usage error (exit 2, got $rc)" [ $rc -eq 2 ]
done
check "no stray file was created by the special names" [ -z "$(ls -A | grep -v '^posts.csv$\|^out$\|^err$')" ]
"$SL" import posts posts.csv -s ./:memory: >/dev/null 2>&1
check "./:memory: is an ordinary file name" [ -s ./:memory: ]
rm -f ./:memory:

# ---- point 11: reads need an existing store and never create one ---------
mkdir rep && echo "old report" > rep/report.html
READS=(
  "partnerships"
  "partnerships diff --from 2020-01-15 --to 2020-10-07"
  "join --points posts --areas demo-tracts"
  "cameras"
  "zone --circle 38.8,-78.5,1000"
  "near --radius 100"
  "density --hex 500 -o dens.geojson"
  "disparity --events posts --areas demo-tracts --bootstrap 20 --permutations 20"
  "power --group black --effect 1.2 --areas demo-tracts"
  "audit -o rep --quiet"
)
for cmd in "${READS[@]}"; do
  # shellcheck disable=SC2086
  "$SL" $cmd -s bsae.db >out 2>err; rc=$?
  check "${cmd%% *} on a missing store fails (exit 1, got $rc)" [ $rc -eq 1 ]
  check "${cmd%% *} on a missing store says 'no store at bsae.db'" grep -q "no store at bsae.db" err
  check "${cmd%% *} did not create bsae.db" [ ! -e bsae.db ]
done
check "audit on a missing store left the old report alone" grep -q "old report" rep/report.html

# ---- a read changes no byte of a store -------------------------------------
"$SL" demo -s demo.db >/dev/null || { not_ok "demo failed"; finish; exit 1; }
cp demo.db pristine.db
check "a new store carries sightline's application_id" [ "$(sqlite3 demo.db 'PRAGMA application_id')" = $APP_ID ]
for cmd in "${READS[@]}"; do
  # shellcheck disable=SC2086
  "$SL" $cmd -s demo.db >/dev/null 2>err; rc=$?
  check "${cmd%% *} reads the demo store (exit 0, got $rc)" [ $rc -eq 0 ]
  check "${cmd%% *} changed no byte of the store" cmp -s demo.db pristine.db
done
check "the audit replaced a report only when it had a store to read" [ -f rep/summary.json ]
# A store without point or area tables (agencies only): reads create none.
sqlite3 demo.db "DROP TABLE point_chunk_data; DROP TABLE point_chunks; DROP TABLE areas; DROP TABLE area_sets;"
cp demo.db bare.db
"$SL" cameras -s demo.db --json >out 2>err
check "cameras on a store without points says there is nothing to measure (exit 1)" bash -c "
  [ $? -eq 1 ] && grep -q 'nothing to measure: no posts imported' err && [ ! -s out ]"
"$SL" density --hex 500 -o none.geojson -s demo.db >/dev/null 2>err
check "density there: nothing to measure (exit 1), no file" bash -c "
  [ $? -eq 1 ] && grep -q 'nothing to measure: no posts imported' err && [ ! -e none.geojson ]"
"$SL" zone --circle 38.9,-77.0,2000 -s demo.db >out 2>err
check "zone there: nothing to measure (exit 1), not a line of zeros" bash -c "
  [ $? -eq 1 ] && grep -q 'nothing to measure: no cameras or posts imported' err && [ ! -s out ]"
"$SL" join --points posts --areas demo-tracts -s demo.db >/dev/null 2>&1
check "reads on a store without point/area tables created none" cmp -s demo.db bare.db

# ---- not a sightline store: refused, unchanged -----------------------------
refused() { # refused FILE WHAT: a read and an import both refuse FILE, unchanged
  local f=$1 what=$2 rc
  cp "$f" before.db
  "$SL" partnerships -s "$f" >/dev/null 2>err; rc=$?
  check "$what: a read is refused (exit 1, got $rc)" [ $rc -eq 1 ]
  check "$what: the read says why" grep -Eq "not a sightline store|schema version" err
  "$SL" import posts posts.csv -s "$f" >out 2>err; rc=$?
  check "$what: an import is refused (exit 1, got $rc)" [ $rc -eq 1 ]
  check "$what: the import does not say imported" bash -c "! grep -q imported out"
  "$SL" audit -s "$f" -o rep --quiet >/dev/null 2>&1
  check "$what: no byte changed" cmp -s "$f" before.db
  check "$what: the report was not replaced" [ -f rep/summary.json ]
}
sqlite3 foreign.db "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('mine');"
refused foreign.db "another program's SQLite file (no meta)"
sqlite3 foreign-id.db "PRAGMA application_id=1234; CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
  INSERT INTO meta VALUES('schema_version','2');"
refused foreign-id.db "a file with another application_id"
printf 'not sqlite at all\n' > text.db
refused text.db "a text file"
for v in banana -1 '' 0 2.0 ' 2' 4294967298 99999999999999999999999; do
  cp pristine.db bad.db
  sqlite3 bad.db "UPDATE meta SET value='$v' WHERE key='schema_version'"
  refused bad.db "schema_version '$v'"
done
cp pristine.db bad.db; sqlite3 bad.db "UPDATE meta SET value='4294967298' WHERE key='schema_version'"
"$SL" partnerships -s bad.db >/dev/null 2>err
check "schema_version 4294967298 is a newer schema, not 2" grep -q "schema version 4294967298" err
cp pristine.db bad.db; sqlite3 bad.db "DELETE FROM meta"
refused bad.db "a meta without schema_version"

# One message for one bad store, whatever the command: a reader and a
# writer used to fail at different steps ("not a sightline store (it is
# not an SQLite file)" from info, "store: file is not a database" from
# import; "not a store: not a regular file" and "cannot open store: unable
# to open database file" for a directory).
same_message() { # same_message STORE WHY: every command refuses STORE (exit 1) with "not a sightline store (WHY)"
  local f=$1 why=$2 cmd rc
  for cmd in info partnerships "audit -o rep --quiet" "import posts posts.csv" "import agencies $SL_FIXTURES/registry/fbi-cde-sample.csv --preset fbi-cde" "rm 1"; do
    "$SL" $cmd -s "$f" >/dev/null 2>err; rc=$?
    check "$why, $cmd: exit 1 (got $rc), 'not a sightline store ($why); nothing was changed'" \
      bash -c "[ $rc = 1 ] && [ \"\$(cat err)\" = 'sightline: $f: not a sightline store ($why); nothing was changed' ]"
  done
}
same_message text.db "it is not an SQLite file"
printf 'hello' | gzip >gz.db
same_message gz.db "it is not an SQLite file"
mkdir dir.db
same_message dir.db "it is a directory"
same_message /dev/null "it is not a regular file"
check "the text file is as it was" test "$(cat text.db)" = "not sqlite at all"

# ---- stores of earlier sightlines: read as they are, stamped on write -------
for v in 1 2; do
  cp pristine.db old.db
  sqlite3 old.db "PRAGMA application_id=0; UPDATE meta SET value='$v' WHERE key='schema_version'"
  cp old.db old-before.db
  "$SL" partnerships -s old.db >/dev/null 2>&1; rc=$?
  check "a version $v store without application_id is read (exit 0, got $rc)" [ $rc -eq 0 ]
  check "reading the version $v store changed no byte" cmp -s old.db old-before.db
  "$SL" import posts posts.csv -s old.db >/dev/null 2>&1; rc=$?
  check "an import into the version $v store works (exit 0, got $rc)" [ $rc -eq 0 ]
  check "the import stamped the application_id" [ "$(sqlite3 old.db 'PRAGMA application_id')" = $APP_ID ]
  check "the import left schema version 2" [ "$(sqlite3 old.db "SELECT value FROM meta WHERE key='schema_version'")" = 2 ]
done
: > empty.db
# a read of it said "not a sightline store (it has no meta table)": jargon
"$SL" info -s empty.db >/dev/null 2>err; rc=$?
check "reading an empty file: exit 1, 'it is empty: nothing has been imported into it yet'" bash -c "
  [ $rc = 1 ] && grep -q 'not a sightline store (it is empty: nothing has been imported into it yet)' err"
"$SL" partnerships -s foreign.db >/dev/null 2>err
check "another program's SQLite file: 'its tables are another program's'" grep -q "its tables are another program's" err
"$SL" import posts posts.csv -s empty.db >/dev/null 2>&1; rc=$?
check "an empty file becomes a store on import (exit 0, got $rc)" [ $rc -eq 0 ]

# ---- point 17: a failed import never says "imported" -----------------------
python3 - big.csv <<'PY'
import sys, random
r = random.Random(3)
with open(sys.argv[1], 'w') as f:
    f.write('id,lat,lon,time\n')
    f.writelines('p%d,%.6f,%.6f,2020-07-%02d\n' % (i, r.uniform(25, 49), r.uniform(-124, -67), 1 + i % 28)
                 for i in range(400000))
PY
full_disk_check() { # full_disk_check WHAT DB [ulimit-blocks]: the import fails, says nothing of success
  local what=$1 db=$2 rc
  if [ -n "${3:-}" ]; then
    (trap '' XFSZ; ulimit -f "$3"; exec "$SL" import posts big.csv -s "$db") >out 2>err; rc=$?
  else
    "$SL" import posts big.csv -s "$db" >out 2>err; rc=$?
  fi
  check "$what: the import fails (exit 1, got $rc)" [ $rc -eq 1 ]
  check "$what: stdout does not say imported" bash -c "! grep -q imported out"
  check "$what: stderr says what failed" [ -s err ]
}
cp pristine.db small.db
full_disk_check "a 2 MB file size limit" small.db 2048
"$SL" partnerships -s small.db >/dev/null 2>&1 # the next run rolls back SQLite's journal
check "the failed import left the store as it was" cmp -s small.db pristine.db
if [ "$(id -u)" = 0 ] && mkdir -p tmpfs && mount -t tmpfs -o size=2m tmpfs tmpfs 2>/dev/null; then
  cp pristine.db tmpfs/s.db 2>/dev/null || rm -f tmpfs/s.db
  [ -f tmpfs/s.db ] || "$SL" import posts posts.csv -s tmpfs/s.db >/dev/null 2>&1
  full_disk_check "a full 2 MB disk" tmpfs/s.db
  check "the full disk said so" grep -qi "full" err
  umount tmpfs
else
  echo "SKIPPED CHECK: a real full disk needs root and tmpfs (the file-size limit check above ran)"
fi

# ---- point 13: an import during an audit is not half in the report ---------
cp pristine.db snap.db
"$SL" import posts big.csv -s snap.db >/dev/null || not_ok "the big import failed"
python3 -c "
print('id,lat,lon')
for i in range(1000): print('n%d,%.5f,%.5f' % (i, 38.80 + i * 1e-4, -78.50))" > late.csv
"$SL" audit -s snap.db -o snaprep --quiet >/dev/null 2>&1 &
apid=$!
sleep 1
"$SL" import posts late.csv -s snap.db >out 2>err; irc=$?
wait $apid; arc=$?
check "the audit during an import succeeds" [ $arc -eq 0 ]
check "the late import either waited or failed saying the store is in use" \
  bash -c "[ $irc -eq 0 ] || grep -q 'in use by another sightline' err"
python3 - snaprep/summary.json <<'PY' && ok "the report is one snapshot: every post count agrees" || not_ok "the report mixes two states of the store"
import json, sys
d = json.load(open(sys.argv[1]))
vals = {'inputs': sum(i['rows'] for i in d['inputs'] if i['kind'] == 'posts'), 'layers': d['layers']['posts'],
        'cameras': d['cameras']['posts'], 'density': d['density']['posts'],
        'join': d['areas'][0]['joins']['posts']['points'], 'filters': d['filters'][0]['of_posts']}
print(vals)
sys.exit(len(set(vals.values())) != 1)
PY
finish
