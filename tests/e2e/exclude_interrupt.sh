#!/usr/bin/env bash
# exclude_interrupt.sh — `exclude` stopped by Ctrl-C (SIGINT) or SIGTERM
# before its commit says that nothing was excluded and the store is as it
# was. It said nothing: the desk could not tell whether an owner's points
# were gone, and a reporter who took silence for done left her camera on
# the map. The exclude is held at a known moment by another process holding
# the store's write lock (sqlite3's BEGIN IMMEDIATE, or psql holding
# sightline's advisory lock key), as write_lock_wait.sh does.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store x)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }

set -m # job control: a background job takes SIGINT (else bash has it ignore SIGINT)
# stop SIG: an exclude (of the demo's posts around 38.3,-78.0) waiting for the
# lock another holds, sent SIG; its exit status (lib.bash)
stop() { stop_while_waiting "$1" "$DB" exclude --circle 38.3,-78.0,1000; }
before=$(store_dump "$DB")
stop INT
rc=$?
check "Ctrl-C (SIGINT) during an exclude: exit 130" test "$rc" = 130
check "... it says nothing was excluded and the store is as it was, to run it again" \
  grep -q '^sightline: exclude interrupted: nothing was excluded and no point deleted; the store is as it was before it: run the same exclude again$' stop.err
after=$(store_dump "$DB")
check "... nothing on standard output, and the store unchanged (no exclusion, every post)" \
  bash -c "[ ! -s stop.out ] && [ '$before' = '$after' ]"
stop TERM
rc=$?
after=$(store_dump "$DB")
check "SIGTERM during an exclude: exit 143, the same line, the store unchanged" \
  bash -c "[ $rc = 143 ] && grep -q '^sightline: exclude interrupted: nothing was excluded' stop.err &&
    [ '$before' = '$after' ]"
"$SL" exclude --circle 38.3,-78.0,1000 -s "$DB" >run.out 2>run.err
check "the same exclude run again goes in, with no such line" \
  bash -c "grep -q '^exclusion [0-9]*: a circle of 1500 m kept' run.out && ! grep -q interrupted run.err"
finish
