#!/usr/bin/env bash
# import_interrupt.sh — Ctrl-C (SIGINT) or SIGTERM during an import. The
# import writes in one transaction, so the store is left as it was; but the
# default action killed it without a word, and a person who stopped a
# national file could not tell whether half of it went in. Now one line says
# nothing was imported, and the exit is still 130 or 143 (the shell's
# "killed by the signal"). The file is a FIFO fed a thousand rows and then
# held open, so the import is surely in the middle when the signal comes.
. "$(dirname "$0")/lib.bash"
DB=$(store s)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
cd "$WORK" || exit 1
"$SL" info --json -s "$DB" >before.json
set -m # job control: a background job takes SIGINT (else bash has it ignore SIGINT)

rows() { # rows N: a posts CSV of N rows inside the demo's tracts
  python3 - "$1" <<'PY'
import sys
print('id,lat,lon')
for i in range(int(sys.argv[1])):
    print(f'x{i},{41.80 + (i % 100) / 1000:.5f},{-87.70 + (i // 100 % 100) / 1000:.5f}')
PY
}
# stop SIG KIND OPTIONS...: import KIND from a FIFO that stays open, send SIG; the import's exit status
stop() {
  local sig=$1 kind=$2 pid feeder; shift 2
  rm -f feed.csv && mkfifo feed.csv
  { rows 1000; sleep 60; } >feed.csv &
  feeder=$!
  "$SL" import "$kind" feed.csv "$@" -s "$DB" >"$sig.out" 2>"$sig.err" &
  pid=$!
  sleep 1
  kill -"$sig" "$pid"
  wait "$pid"
  local rc=$?
  kill -- -"$feeder" 2>/dev/null # its group: the sleep too, which holds the FIFO and our stderr
  wait "$feeder" 2>/dev/null
  return $rc
}
stop INT posts
rc=$?
check "Ctrl-C (SIGINT) in the middle of an import of posts: exit 130" test "$rc" = 130
check "... it says the import was interrupted and nothing was imported" \
  grep -q 'import interrupted: nothing was imported; the store is as it was before it' INT.err
check "... nothing on standard output" test ! -s INT.out
"$SL" info --json -s "$DB" >after.json
check "... and the store is as it was: info is the same" cmp before.json after.json

stop TERM partnerships --name id --state lat
rc=$?
check "SIGTERM in the middle of an import of partnerships: exit 143, told the same" \
  bash -c "[ $rc = 143 ] && grep -q 'nothing was imported' TERM.err"
"$SL" info --json -s "$DB" >after2.json
check "... the store is as it was" cmp before.json after2.json

rows 1000 >posts.csv
"$SL" import posts posts.csv -s "$DB" >again.out 2>again.err
check "the same rows imported after, undisturbed, all go in" grep -q 'imported 1,000 posts' again.out
check "... and a finished import says nothing of an interruption" bash -c "! grep -q interrupted again.err"
finish
