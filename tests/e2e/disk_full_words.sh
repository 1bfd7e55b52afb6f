#!/usr/bin/env bash
# disk_full_words.sh — a write that finds no room (a full disk, or here a
# file-size limit, ulimit -f, which makes writes fail with EFBIG as a full
# disk does, without root) says so in words, with nothing changed: the
# cause, the folder or the limit, and about how many MB it needed. It said
# SQLite's "disk I/O error" or "database or disk is full". SQLite only
# (pg_excluded.txt): on PostgreSQL the server writes the files, and a full
# disk is the server's error.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store f)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
python3 -c "
import random
r = random.Random(5)
print('id,lat,lon')
for i in range(300000): print('p%d,%.6f,%.6f' % (i, r.uniform(38.0, 38.6), r.uniform(-78.36, -77.76)))" >big.csv
size_kb=$(($(stat -c %s "$DB") / 1024))
before=$(store_dump "$DB")
cp "$DB" f.before
file_size_limited $((size_kb + 300)) "$SL" import posts big.csv -s "$DB" >imp.out 2>imp.err; rc=$?
# before any other command opens it: a cp of the store now must be a good copy
check "the failed import has finished its rollback: no journal beside the store, the file byte for byte as before" \
  bash -c "[ ! -e '$DB-journal' ] && cmp -s '$DB' f.before"
after=$(store_dump "$DB")
check "an import stopped by a file-size limit: exit 1, nothing said imported, the store as it was" \
  bash -c "[ $rc = 1 ] && ! grep -q imported imp.out && [ '$before' = '$after' ]"
check "... it names the limit, that nothing was changed, about how many MB it needed and what to do" \
  grep -Eq "^sightline: .*f\.db: .*: a limit on the size of files this process may write \(ulimit -f: [0-9.]+ MB\) stopped the write, so nothing was changed\. It needed files of about [0-9.]+ MB or more .*: raise the limit \(ulimit -f unlimited\), then run this again$" imp.err
check "... and not SQLite's words" bash -c "! grep -Eq 'disk I/O error|database or disk is full' imp.err"
file_size_limited $((size_kb / 2)) "$SL" backup -s "$DB" copy.db >bk.out 2>bk.err; rc=$?
check "a backup stopped so: exit 1, no copy nor partial file left, the copy's size named" \
  bash -c "[ $rc = 1 ] && [ -z \"\$(ls -A | grep '^copy\.db')\" ] &&
    grep -Eq 'copy\.db: copying: a limit on the size of files .* It needed files of about [0-9.]+ MB or more \(the copy is about as large as the store\)' bk.err"
NEW=$(store_missing new)
file_size_limited 100 "$SL" import posts big.csv -s "$NEW" >new.out 2>new.err; rc=$?
check "a first import into a new store under a limit too small for its first pages: exit 1, no file left (it was an empty new.db)" \
  bash -c "[ $rc = 1 ] && [ -z \"\$(ls -A | grep '^new\.db')\" ] && grep -q 'a limit on the size of files' new.err"
"$SL" import posts big.csv -s "$DB" >/dev/null 2>&1
check "with the limit gone the same import goes in" bash -c "[ \"\$(store_sql '$DB' \"SELECT count(*) FROM sources WHERE file_name = 'big.csv'\")\" = 1 ]"
file_size_limited 8 "$SL" density --hex 200 -s "$DB" -o dens.json >/dev/null 2>dens.err; rc=$?
check "density -o stopped by the limit: exit 1, no file, and the cause in words (was \"write error\")" \
  bash -c "[ $rc = 1 ] && [ -z \"\$(ls -A | grep '^dens\.json')\" ] &&
    grep -qx 'sightline: could not write the output: File too large' dens.err"
file_size_limited 200 "$SL" audit -s "$DB" -o aud --quiet >/dev/null 2>aud.err; rc=$?
check "an audit stopped by the limit: exit 1, no report, and it says to raise the limit" \
  bash -c "[ $rc = 1 ] && [ ! -e aud ] && grep -q 'cannot write the report: File too large .*A limit on the size of files this process may write (ulimit -f) stopped it: raise it (ulimit -f unlimited), then run the audit again' aud.err"
# A real full disk, where a tmpfs can be mounted (root); else the limit above stands for it.
if [ "$(id -u)" = 0 ] && mkdir -p tmpfs && mount -t tmpfs -o size=2m tmpfs tmpfs 2>/dev/null; then
  "$SL" demo -s tmpfs/s.db >/dev/null 2>&1
  cp tmpfs/s.db s.before
  before=$(store_dump tmpfs/s.db)
  "$SL" import posts big.csv -s tmpfs/s.db >full.out 2>full.err; rc=$?
  check "... no journal beside the store, the file byte for byte as before" \
    bash -c "[ ! -e tmpfs/s.db-journal ] && cmp -s tmpfs/s.db s.before"
  after=$(store_dump tmpfs/s.db)
  check "a full disk: exit 1, the store as it was" bash -c "[ $rc = 1 ] && [ '$before' = '$after' ]"
  check "... it says the disk is full, names the folder, its free space and about how many MB it needed" \
    grep -Eq "the disk is full: the folder .*/tmpfs \([0-9.]+ MB free now\) had no room for this write, so nothing was changed\. It needed about [0-9.]+ MB or more" full.err
  "$SL" audit -s "$DB" -o tmpfs/aud --quiet >/dev/null 2>faud.err; rc=$?
  check "an audit onto the full disk: exit 1, no report, and it names the folder, its free space and what it had written" \
    bash -c "[ $rc = 1 ] && [ ! -e tmpfs/aud ] && grep -Eq 'No space left on device .*The folder .*/tmpfs \([0-9.]+ MB free now\) had no room: the report had written [0-9.]+ MB when it stopped, and needed more' faud.err"
  umount tmpfs
else
  echo "SKIPPED CHECK: a real full disk needs root and tmpfs (the file-size limit checks above ran)"
fi
finish
