#!/usr/bin/env bash
# first_import_refused.sh — a refused or stopped first import leaves no store
# file. The import opened (so created) the file before reading its input; a
# refusal rolled the records back but left a 1 MB store of nothing, which
# `info` then listed as a store with no imports and the next command read
# as one. A store that was there before stays, unchanged.
. "$(dirname "$0")/lib.bash"
sqlite_only "no store file is left by a refused first import" || finish
cd "$WORK" || exit 1
printf 'a,b\n1,2\n' >bad.csv
printf 'id,lat,lon\np1,91.5,-87.6\n' >far.csv
printf '{"type":"FeatureCollection","features":[' >broken.geojson

DB=$WORK/new.db
"$SL" import partnerships bad.csv -s "$DB" >out 2>err
rc=$?
check "a refused first import of partnerships exits 2 ($rc)" test "$rc" = 2
check "... and leaves no store file" test ! -e "$DB" -a ! -e "$DB-wal" -a ! -e "$DB-journal"
"$SL" import areas broken.geojson --set t -s "$DB" >out 2>err
check "a refused first import of areas exits non-zero" test $? -ne 0
check "... and leaves no store file" test ! -e "$DB"
"$SL" import posts far.csv -s "$DB" >out 2>err
check "a first import of posts with no usable row exits non-zero" test $? -ne 0
check "... and leaves no store file" test ! -e "$DB"

# Stopped (SIGTERM) in the middle of a first import: nothing was imported.
# The signal kills the process from its handler, which knows no store path,
# so the file may stay; it must hold no import.
rm -f feed.csv && mkfifo feed.csv
set -m
{ echo id,lat,lon; for i in $(seq 1000); do echo "x$i,41.8,-87.7"; done; sleep 60; } >feed.csv &
feeder=$!
"$SL" import posts feed.csv -s "$DB" >out 2>err &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
rc=$?
kill -- -"$feeder" 2>/dev/null
wait "$feeder" 2>/dev/null
check "a first import stopped by SIGTERM exits 143 ($rc)" test "$rc" = 143
check "... says nothing was imported" grep -q "nothing was imported" err
check "... and leaves no import behind" bash -c "test ! -e '$DB' || '$SL' info -s '$DB' | grep -q 'none yet'"
rm -f "$DB"*

# A store that was there keeps its file and its imports through a refusal.
"$SL" demo -s "$DB" >/dev/null 2>&1
before=$(store_dump "$DB")
"$SL" import partnerships bad.csv -s "$DB" >out 2>err
check "a refusal on a store that was there exits 2" test $? = 2
check "... and keeps the store as it was" test "$(store_dump "$DB")" = "$before"
# An empty file given as the store is the person's own: it stays.
: >empty.db
"$SL" import partnerships bad.csv -s empty.db >out 2>err
check "a file that was there, empty, is not removed" test -e empty.db
finish
