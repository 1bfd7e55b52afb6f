#!/usr/bin/env bash
# audit_interrupt.sh — an audit stopped by Ctrl-C (SIGINT) or SIGTERM
# removes what it keeps beside DIR while it runs, .DIR.tmp-XXXXXX/ (the
# report being written) and .DIR.lock, and exits 130 or 143; a report
# already in DIR stays byte for byte. They stayed until the next audit into
# the same DIR. A kill -9 cannot be caught: its leftovers go with the next
# audit into DIR, and `audit --help` names them as safe to delete.
. "$(dirname "$0")/lib.bash"
DB=$(store big)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
# about a second of audit: long enough to be stopped in the middle
"$SL" synth --areas demo-tracts --layer posts --count 300000 -s "$DB" >/dev/null || { echo "FAIL - synth"; exit 1; }
cd "$WORK" || exit 1
set -m # job control: a background job takes SIGINT (else bash has it ignore SIGINT)
# stop SIG: start an audit into DIR, wait for its temporary directory, send SIG; its exit status
stop() {
  local sig=$1 dir=$2 pid i
  "$SL" audit -s "$DB" -o "$dir" --quiet >"$dir.out" 2>"$dir.err" &
  pid=$!
  for i in $(seq 1 500); do
    compgen -G ".$dir.tmp-*" >/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill -"$sig" "$pid"
  wait "$pid"
}
stop INT aud
rc=$?
check "Ctrl-C (SIGINT) during the audit: exit 130" test "$rc" = 130
check "... no .aud.lock nor .aud.tmp-* left beside it, and no aud" bash -c "[ -z \"\$(ls -A | grep -E '^\\.aud\\.')\" ] && [ ! -e aud ]"
check "... it says it was interrupted, nothing written, its temporary directory and lock removed" \
  grep -q 'the audit was interrupted: nothing was written (a report already there is as it was), and its temporary directory and lock beside it are removed' aud.err
check "... nothing on standard output" test ! -s aud.out

"$SL" audit -s "$DB" -o aud --quiet >/dev/null 2>&1
before=$(cd aud && find . -type f -exec sha256sum {} + | sort)
stop TERM aud
rc=$?
check "SIGTERM during an audit into an existing report: exit 143" test "$rc" = 143
check "... no hidden entry left beside it" bash -c "[ -z \"\$(ls -A | grep -E '^\\.aud\\.')\" ]"
check "... the report in place is as it was, byte for byte" test "$before" = "$(cd aud && find . -type f -exec sha256sum {} + | sort)"

stop KILL aud
check "kill -9 leaves .aud.lock and .aud.tmp-* (nothing can catch it)" \
  bash -c "ls -A | grep -qx '.aud.lock' && ls -A | grep -q '^\\.aud\\.tmp-'"
"$SL" audit -s "$DB" -o aud --quiet >/dev/null 2>&1
check "... the next audit into aud removes them" bash -c "[ -z \"\$(ls -A | grep -E '^\\.aud\\.')\" ] && [ -f aud/report.html ]"
"$SL" audit --help >help.txt
check "audit --help names the hidden entries, what stops leave them, and that they are safe to delete" \
  bash -c "grep -q '.DIR.tmp-XXXXXX/' help.txt && grep -q '.DIR.lock' help.txt && grep -q 'safe to delete' help.txt"
finish
