#!/usr/bin/env bash
# An audit of ten million posts stopped with Ctrl-C (run of 2026-12-06) went
# on for 5.7 s with its bar frozen before it said anything: it stops only
# between steps, and "areas and joins" runs for seconds. On a terminal the
# signal is now answered at once ("audit: stopping at the end of the step
# under way; nothing will be written"), then the audit stops as before; the
# bar is not drawn over that answer. Without a terminal nothing changes:
# audit_interrupt.sh checks the exits and what is removed.
. "$(dirname "$0")/lib.bash"
command -v script >/dev/null || { echo "SKIPPED: script (util-linux) not found" >&2; exit 77; }
DB=$(store big)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
"$SL" synth --areas demo-tracts --layer posts --count 300000 -s "$DB" >/dev/null || { echo "FAIL - synth"; exit 1; }
cd "$WORK" || exit 1
# inside the terminal: start the audit as a job of its own (set -m, so it
# takes SIGINT), wait for its temporary directory, send SIGINT; its status
cat >stop.sh <<SH
set -m
"$SL" audit -s "$DB" -o aud &
pid=\$!
for i in \$(seq 1 500); do
  compgen -G ".aud.tmp-*" >/dev/null && break
  kill -0 "\$pid" 2>/dev/null || break
  sleep 0.01
done
kill -INT "\$pid"
wait "\$pid"
echo "status \$?"
SH
script -qec "bash stop.sh" /dev/null >tty.out 2>&1 </dev/null
check "Ctrl-C during an audit on a terminal: exit 130, nothing written" \
  bash -c "grep -q 'status 130' tty.out && [ ! -e aud ]"
check "... the signal is answered at once: stopping at the end of the step, nothing will be written" \
  grep -q 'audit: stopping at the end of the step under way; nothing will be written' tty.out
check "... the answer stays on the screen, before the audit's own message (no bar drawn over it)" python3 - <<'PY'
import sys
d = open("tty.out", "rb").read().decode("utf-8", "replace")
a = d.find("audit: stopping at the end of the step under way")
b = d.find("the audit was interrupted: nothing was written")
sys.exit(0 if 0 <= a < b and "[" not in d[a:b].replace("\x1b[K", "") else 1)
PY
finish
