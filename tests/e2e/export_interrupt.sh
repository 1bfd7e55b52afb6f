#!/usr/bin/env bash
# export_interrupt.sh — `campaign export -o FILE` stopped by Ctrl-C
# (SIGINT) or kill -9 halfway through leaves no file of signers' addresses
# behind. The export was written to FILE.XXXXXX and renamed when whole:
# the stopped run left that temporary file, half the addresses, readable
# by every user (0644), and no later run removed it. It is now written
# unnamed (O_TMPFILE) and named only once whole; the export is made 0600.
# An export already at FILE stays as it was. (Both backends: the file is
# the CLI's, whatever the store.)
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store ex)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
# 60,000 confirmed signers who consented: an export of about a second
many_signers "$DB" 60000 || { echo "FAIL - adding pledges"; exit 1; }
mkdir out
set -m # job control: a background job takes SIGINT (else bash has it ignore SIGINT)
# stop SIG [WRAPPER]: start an export into out/x.csv (under WRAPPER), wait
# until it has written into its standard output (a file in out/, or in
# memory), send SIG; its exit status
stop() {
  local sig=$1 pid i
  ${2:-} "$SL" campaign export -o out/x.csv -s "$DB" >/dev/null 2>stop.err &
  pid=$!
  for i in $(seq 1 1000); do
    case $(readlink "/proc/$pid/fd/1" 2>/dev/null) in
    "$WORK/out/"* | /memfd:*) [ "$(stat -L -c %s "/proc/$pid/fd/1" 2>/dev/null || echo 0)" -gt 0 ] && break ;;
    esac
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill -"$sig" "$pid"
  wait "$pid"
}
stop INT
rc=$?
check "Ctrl-C (SIGINT) halfway through an export: exit 130" test "$rc" = 130
check "... no file is left in the directory (no half list of addresses under a temporary name)" \
  bash -c '[ -z "$(ls -A out)" ]'
stop KILL
rc=$?
check "kill -9 halfway through an export: exit 137, and no file is left in the directory" \
  bash -c "[ $rc = 137 ] && [ -z \"\$(ls -A out)\" ]"
"$SL" campaign export -o out/x.csv -s "$DB" >/dev/null 2>export.err
check "an export run to its end writes the 60,008 signers, the file readable by its owner alone (0600)" \
  bash -c "[ \$(tail -n +2 out/x.csv | wc -l) = 60008 ] && [ \$(stat -c %a out/x.csv) = 600 ]"
before=$(sha256sum <out/x.csv)
stop INT
check "an export stopped over an earlier one: that one stays byte for byte, and nothing else is there" \
  bash -c "[ \"$before\" = \"\$(sha256sum <out/x.csv)\" ] && [ \"\$(ls -A out)\" = x.csv ]"
# A file system without O_TMPFILE (a vfat USB stick) stands here as /proc
# hidden in a mount namespace of its own, so the unnamed file cannot be
# named (root only): the export is then held in memory until whole.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
  unshare --mount --propagation private bash -c 'mount -t tmpfs none /proc' 2>/dev/null; then
  printf '#!/usr/bin/env bash\nexec unshare --mount --propagation private bash -c '"'"'mount -t tmpfs none /proc && exec "$@"'"'"' noproc "$@"\n' >noproc.sh
  chmod +x noproc.sh
  rm -f out/x.csv
  stop INT ./noproc.sh
  rc=$?
  check "without O_TMPFILE: Ctrl-C halfway through an export exits 130 and leaves no file in the directory" \
    bash -c "[ $rc = 130 ] && [ -z \"\$(ls -A out)\" ]"
  ./noproc.sh "$SL" campaign export -o out/x.csv -s "$DB" >/dev/null 2>&1
  check "... an export run to its end is whole, 0600, with nothing beside it" \
    bash -c "[ \$(tail -n +2 out/x.csv | wc -l) = 60008 ] && [ \$(stat -c %a out/x.csv) = 600 ] && [ \"\$(ls -A out)\" = x.csv ]"
else
  echo "SKIPPED CHECK: a file system without O_TMPFILE needs root and unshare (the checks above ran)"
fi
finish
