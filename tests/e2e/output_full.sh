#!/usr/bin/env bash
# output_full.sh — an output (-o FILE) that finds no room says why in
# words: a full disk said "could not write the whole output", and
# `campaign export` "writing the export failed", so a reporter on a full
# laptop or an organiser exporting to a USB stick could not tell the disk
# from a fault of sightline. A file-size limit (ulimit -f, which fails a
# write as a full disk does, without root) and /dev/full stand in for it.
# Both backends: the file is the CLI's, whatever the store.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store o)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
# 5,000 confirmed signers who consented: an export of about 600 KB
many_signers "$DB" 5000 || { echo "FAIL - adding pledges"; exit 1; }
mkdir out
echo "an earlier export" > out/x.csv
file_size_limited 64 "$SL" campaign export -o out/x.csv -s "$DB" >ex.out 2>ex.err; rc=$?
check "an export stopped by a file-size limit: exit 1, the earlier file as it was, no other file" \
  bash -c "[ $rc = 1 ] && [ \"\$(cat out/x.csv)\" = 'an earlier export' ] && [ \"\$(ls out)\" = x.csv ]"
check "... it names the limit and what it had written, and what to do" \
  grep -Eq '^sightline: out/x\.csv: writing the output: a limit on the size of files this process may write \(ulimit -f: [0-9.]+ MB\) stopped the write, so no file was left and an earlier one is as it was\. It needed files of about [0-9.]+ MB or more \(it had written (under )?[0-9.]+ MB when the write failed\): raise the limit \(ulimit -f unlimited\), then run this again$' ex.err
check "... and neither 'writing the export failed' nor 'exported'" \
  bash -c "! grep -q -e 'writing the export failed' -e 'exported' ex.err"
check "... and the export is not logged as made" \
  test "$(store_sql "$DB" 'SELECT count(*) FROM campaign_exports')" = 0
file_size_limited 1 "$SL" join --points posts --areas demo-tracts --csv -o out/join.csv -s "$DB" >j.out 2>j.err; rc=$?
check "a table's -o FILE stopped so: exit 1, no file, the limit named" \
  bash -c "[ $rc = 1 ] && [ ! -e out/join.csv ] && grep -q '^sightline: out/join\.csv: writing the output: a limit on the size of files' j.err"
"$SL" partnerships --csv -o /dev/full -s "$DB" >f.out 2>f.err; rc=$?
check "-o /dev/full (a device, written in place): exit 1, the system's reason" \
  bash -c "[ $rc = 1 ] && grep -qx 'sightline: /dev/full: could not write the whole output: No space left on device' f.err"
"$SL" campaign export -o out/x.csv -s "$DB" >ex.out 2>ex.err; rc=$?
check "the same export with room: exit 0, the file whole" \
  bash -c "[ $rc = 0 ] && n=\$((\$(wc -l < out/x.csv) - 1)) && [ \$n -gt 5000 ] &&
    grep -q \"^sightline: exported \$n confirmed\" ex.err"
finish
