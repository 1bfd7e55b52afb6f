#!/usr/bin/env bash
# cron_wait.sh — a newsroom's nightly import (cron: no terminal) meets the
# store held by a colleague's audit run by hand, which reads it as one
# snapshot for a minute: the import gave up after 5 s, exit 1, and cron
# mailed the failure every such night. SIGHTLINE_WAIT=SECONDS in its
# environment (a crontab line) makes it wait that long and land; its
# failure after the 5 s names SIGHTLINE_WAIT; a reader (an audit in cron
# while an import commits) takes the same wait; a value that is not whole
# seconds is refused (exit 2) before anything is opened.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$WORK/s.db
"$SL" demo -s "$DB" >/dev/null
# hold the store as a long audit does (a read transaction) or an import (a write), for SECONDS
hold() { # hold read|write SECONDS
  python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "read":
    c.execute("BEGIN"); c.execute("SELECT count(*) FROM meta").fetchall()
else:
    c.execute("BEGIN EXCLUSIVE")
print("held", flush=True); time.sleep(float(sys.argv[3])); c.execute("ROLLBACK")' "$DB" "$1" "$2" >held.txt &
  holder=$!
  for _ in $(seq 50); do grep -q held held.txt 2>/dev/null && break; sleep 0.1; done
}

hold read 7
start=$(date +%s)
"$SL" import sites "$SL_FIXTURES/points/repeat_a.csv" --category x -s "$DB" </dev/null >out.txt 2>err.txt
rc=$? waited=$(($(date +%s) - start))
wait "$holder"
check "unattended, no SIGHTLINE_WAIT: gives up after about 5 s (exit $rc, $waited s)" \
  bash -c "[ $rc = 1 ] && [ $waited -ge 4 ] && [ $waited -le 7 ]"
check "... and says how to wait longer (SIGHTLINE_WAIT=SECONDS)" \
  grep -q 'the store is in use by another sightline.*nothing was changed.*SIGHTLINE_WAIT=SECONDS' err.txt

hold read 7
start=$(date +%s)
SIGHTLINE_WAIT=30 "$SL" import sites "$SL_FIXTURES/points/repeat_a.csv" --category x -s "$DB" </dev/null >out.txt 2>err.txt
rc=$? waited=$(($(date +%s) - start))
wait "$holder"
check "SIGHTLINE_WAIT=30: the import waits out a 7 s audit and lands (exit $rc, $waited s)" \
  bash -c "[ $rc = 0 ] && [ $waited -ge 6 ] && grep -q 'imported' out.txt"
check "... and it is in the store" bash -c "'$SL' info -s '$DB' | grep -q 'repeat_a.csv'"

hold write 7
start=$(date +%s)
SIGHTLINE_WAIT=30 "$SL" partnerships --json -s "$DB" </dev/null >out.json 2>err.txt
rc=$? waited=$(($(date +%s) - start))
wait "$holder"
check "a reader in cron meeting an import's lock waits too with SIGHTLINE_WAIT (exit $rc, $waited s)" \
  bash -c "[ $rc = 0 ] && [ $waited -ge 6 ] && jq -e .total out.json >/dev/null"

for v in abc 0 -5 1.5 100000 " 9"; do
  SIGHTLINE_WAIT="$v" "$SL" info -s "$DB" >out.txt 2>err.txt
  rc=$?
  check "SIGHTLINE_WAIT='$v' is refused (exit $rc), naming what it wants" \
    bash -c "[ $rc = 2 ] && grep -q \"SIGHTLINE_WAIT wants whole seconds from 1 to 86400.*not '$v'\" err.txt && [ ! -s out.txt ]"
done
SIGHTLINE_WAIT= "$SL" info -s "$DB" >/dev/null 2>&1
check "an empty SIGHTLINE_WAIT is as unset" test $? = 0
check "sightline --help names SIGHTLINE_WAIT" bash -c "'$SL' --help | grep -q 'SIGHTLINE_WAIT='"
check "... and the manual's ENVIRONMENT" grep -q '^\.B SIGHTLINE_WAIT$' "$SL_SOURCE/docs/sightline.1"
finish
