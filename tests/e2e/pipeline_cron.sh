#!/usr/bin/env bash
# pipeline_cron.sh — sightline run unattended, as a newsroom's nightly job
# runs it (cron: no terminal, output to a log, a script reading --json).
# - The Atlas fetched again unchanged, to a name without a date (dated today
#   the first night), or to one dated by the download, changes nothing and
#   exits 0: it was refused (exit 1) every night after the first, so the job
#   failed whenever nothing was new. --snapshot naming another day is still
#   refused.
# - info --json and --csv give each import's whole sha256, as `sha256sum`
#   and `partnerships --json` give it; a script comparing them matched
#   nothing against the 12-character prefix the field held.
# - A corrected export of a day the store holds, lacking some of its rows,
#   says that those rows stay counted (imports of a day add to its list),
#   where the log said "nothing changed" or "imported" alone; so does a
#   corrected registry file lacking agencies (they stay in every share).
# - A signal held over the commit (cron's timeout, Ctrl-C) says the import
#   was stored before the process dies of it: the log held nothing, and
#   the status said killed, though the import had landed. A signal before
#   the commit says nothing was imported, with no empty line before it in
#   a log.
# - An import's line of rows linked to the registry counts every row of
#   the store (all are relinked): beside another snapshot it now says so,
#   where "10,486 of 11,556 rows" under "imported 5,773" read as the file's.
# - Output the job redirected to a full disk (sightline partnerships --json
#   > ring.json) was cut or empty, and the status 0: now exit 1, said.
# - campaign purge --purge-after 0 (from cron) named its value as the
#   option ("0 wants a whole number"): it names --purge-after.
# - Two steps at once on a SQLite store, unattended: the second gives up
#   after 5 s (exit 1, nothing changed) where on a terminal an import
#   waits; --help, the README and the manual now say so.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
DB=$(store nightly)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$DB" >/dev/null

# Night 1 (its snapshot given here, as a past night's "today" would have
# dated it: never today, whenever the test runs).
cp "$F/atlas-sample-2020-10-07.csv" atlas.csv
"$SL" import partnerships atlas.csv --preset atlas --snapshot 2020-10-08 -s "$DB" >/dev/null 2>&1
before=$(store_dump "$DB")
# Night 2: the same bytes, no date given: today's date by default.
"$SL" import partnerships atlas.csv --preset atlas -s "$DB" >out.txt 2>err.txt
check "the same file fetched again, dated today by default: exit 0" test $? = 0
check "... 'nothing changed', naming the snapshot it is" \
  grep -q "^atlas.csv was imported before (source #2, 3 rows, same sha256, as the snapshot of 2020-10-08): nothing changed$" out.txt
check "... nothing on standard error" test ! -s err.txt
check "... the store as it was" test "$before" = "$(store_dump "$DB")"
# A download named by its day.
cp atlas.csv atlas-2026-12-06.csv
"$SL" import partnerships atlas-2026-12-06.csv --preset atlas -s "$DB" >out.txt 2>err.txt
check "the same bytes under a name dated by the download: exit 0, nothing changed" \
  bash -c "[ $? = 0 ] && grep -q 'as the snapshot of 2020-10-08): nothing changed' out.txt && [ ! -s err.txt ]"
check "... the store as it was" test "$before" = "$(store_dump "$DB")"
"$SL" import partnerships atlas.csv --preset atlas --snapshot 2026-12-06 -s "$DB" >/dev/null 2>err.txt
check "--snapshot naming another day is still refused (exit 1)" \
  bash -c "[ $? = 1 ] && grep -q 'imported already as the snapshot of 2020-10-08' err.txt"
check "... the store as it was" test "$before" = "$(store_dump "$DB")"

# info's sha256 is the file's, whole.
sum=$(sha256sum atlas.csv | cut -d' ' -f1)
check "info --json: the import's sha256 is sha256sum's" \
  test "$("$SL" info --json -s "$DB" | jq -r '.sources[] | select(.kind == "partnerships") | .sha256')" = "$sum"
check "info --csv: the same whole sha256" \
  bash -c "'$SL' info --csv -s '$DB' | python3 -c 'import csv,sys; print([r[\"sha256\"] for r in csv.DictReader(sys.stdin) if r[\"kind\"] == \"partnerships\"][0])' | grep -qx '$sum'"
check "info's table: its first 12 characters" bash -c "'$SL' info -s '$DB' | grep -q '  atlas.csv  *${sum:0:12}  '"

# A corrected export of the day, lacking one row the store holds.
DAY=$(store day)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$DAY" >/dev/null
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$DAY" >/dev/null
head -3 "$F/atlas-sample-2020-10-07.csv" >atlas-fixed-2020-10-07.csv # AOS3 left out
"$SL" import partnerships atlas-fixed-2020-10-07.csv --preset atlas -s "$DAY" >out.txt 2>err.txt
check "a corrected export lacking a row: exit 0, nothing changed" \
  bash -c "[ $? = 0 ] && grep -q 'nothing changed' out.txt"
check "... and it says the row it lacks stays counted, and how to make the file the day's list" \
  grep -q "^sightline: atlas-fixed-2020-10-07.csv: note: the snapshot of 2020-10-07 holds 1 row this file does not (from import 2); they stay, and every figure counts them, as imports of one day add to its list. If this file is the whole list of 2020-10-07, corrected: sightline rm 2, then import it again$" err.txt
sed 's/"DJI"/"Skydio"/' atlas-fixed-2020-10-07.csv >atlas-fixed2-2020-10-07.csv
"$SL" import partnerships atlas-fixed2-2020-10-07.csv --preset atlas -s "$DAY" >out.txt 2>err.txt
check "... one changed too: imported, 1 updated, and the same note naming both imports to remove" \
  bash -c "[ $? = 0 ] && grep -q '0 new, 1 updated' out.txt && grep -q 'holds 1 row this file does not (from import 2).*: sightline rm 3 2, then import it again$' err.txt"
"$SL" rm 3 2 -s "$DAY" >/dev/null && "$SL" import partnerships atlas-fixed2-2020-10-07.csv --preset atlas -s "$DAY" >/dev/null 2>err.txt
check "... which leaves the file's 2 rows as the day's list, with no note" \
  bash -c "[ \"\$('$SL' partnerships --json -s '$DAY' | jq .total)\" = 2 ] && [ ! -s err.txt ]"
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$DAY" >/dev/null 2>err.txt
check "a file adding rows to the day (none it lacks): no note" test ! -s err.txt
# A registry file whose every agency the store holds, lacking 3 of its 6:
# one 'nothing changed' line, and the 3 said to stay in every denominator.
head -4 "$F/fbi-cde-sample.csv" >fbi-part.csv
"$SL" import agencies fbi-part.csv --preset fbi-cde -s "$DAY" >out.txt 2>err.txt
check "a registry file of agencies all held: exit 0, its one 'nothing changed' line" \
  bash -c "[ $? = 0 ] && [ \"\$(cat out.txt)\" = 'every one of the 3 agencies in fbi-part.csv is in the store already (same ORI, same content): nothing changed' ]"
check "... and a note that the 3 agencies it lacks stay in every share" \
  test "$(cat err.txt)" = "sightline: fbi-part.csv: note: the registry holds 3 agencies this file does not (from import 1); they stay, counted among the agencies of every share, as an agencies import updates and adds, never removes. If this file is the whole registry, corrected: sightline rm 1, then import it again"
sed 's/Alderbrook Police Department/Alderbrook Police Dept/' fbi-part.csv >fbi-part2.csv
"$SL" import agencies fbi-part2.csv --preset fbi-cde -s "$DAY" >out.txt 2>err.txt
check "... one of them corrected: imported, and the note names both imports to remove" \
  bash -c "[ $? = 0 ] && grep -q '1 updated' out.txt && grep -q 'holds 3 agencies this file does not (from import 1).*corrected: sightline rm [0-9]* 1, then' err.txt"
# Every row of the store is relinked by an import: its line says whose rows.
sed 's/Ring partnership/Ring partnership (Neighbors app)/' "$F/atlas-sample-2020-10-07.csv" >atlas-2020-11-01.csv
"$SL" import partnerships atlas-2020-11-01.csv --preset atlas -s "$DAY" >out.txt 2>/dev/null
check "a second snapshot's import: the link line counts the store's 6 rows, every snapshot's, not the file's 3" \
  grep -q "^  linked to the agency registry: [0-9] of the store's 6 partnership rows, every snapshot's (" out.txt

# Output redirected by the job to a full disk (/dev/full): exit 1, said.
for cmd in "partnerships --json" "partnerships --by state --csv" "info --json" "partnerships"; do
  # shellcheck disable=SC2086 # the command's words
  "$SL" $cmd -s "$DB" >/dev/full 2>err.txt
  rc=$?
  check "$cmd > /dev/full: exit 1, 'could not write the whole output' on stderr" \
    bash -c "[ $rc = 1 ] && grep -q '^sightline: standard output: could not write the whole output: No space left on device$' err.txt"
done
"$SL" partnerships --json -s "$DB" -o - >/dev/full 2>/dev/null
check "... and with -o - (standard output): exit 1" test $? = 1

# The campaign's nightly purge with a bad value: the option named.
"$SL" campaign purge --purge-after 0 -s "$DB" >/dev/null 2>err.txt
check "campaign purge --purge-after 0: exit 2 naming --purge-after (it said \"0 wants\")" \
  bash -c "[ $? = 2 ] && grep -q \"^sightline: --purge-after wants a whole number from 1 to 100000, not '0'\" err.txt"

# Signals in a log. Before the commit: one line, no empty line above it.
SIG=$(store sig)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$SIG" >/dev/null
sig_before=$(store_dump "$SIG")
mkfifo feed
"$SL" import partnerships - --preset atlas --snapshot 2020-10-07 -s "$SIG" <feed >out.txt 2>err.txt &
pid=$!
exec 3>feed # the import waits for its input, the store open
sleep 1
kill -TERM "$pid"
wait "$pid"
rc=$?
exec 3>&-
check "SIGTERM before the commit: 143" test $rc = 143
check "SIGTERM before the commit, into a log: its one line and nothing else" \
  test "$(cat err.txt)" = "sightline: import interrupted: nothing was imported; the store is as it was before it"
check "... the store as it was" test "$sig_before" = "$(store_dump "$SIG")"
# Held over the commit: a reader keeps the SQLite import waiting at it.
if [ "$SL_TEST_BACKEND" = sqlite ]; then
  python3 - "$SL" "$SIG" "$F/atlas-sample-2020-10-07.csv" >commit.txt <<'PY'
import signal, sqlite3, subprocess, sys, time
sl, store, path = sys.argv[1:4]
p = subprocess.Popen([sl, 'import', 'partnerships', '-', '--preset', 'atlas', '--snapshot', '2020-10-07', '-s', store],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
time.sleep(1)  # the store opened (its first write done); the import reads its input
r = sqlite3.connect(store, isolation_level=None, timeout=5)
r.execute('BEGIN'); r.execute('SELECT count(*) FROM sources').fetchall()  # a reader: the commit waits for it
p.stdin.write(open(path, 'rb').read()); p.stdin.close()
at_commit, t0 = False, time.time()
# The import's PENDING lock keeps new readers out: asked from another
# process (this one's own reader would be let in by SQLite's lock counts).
while time.time() - t0 < 4 and p.poll() is None:
    if subprocess.run(['sqlite3', store, 'SELECT count(*) FROM sources'], capture_output=True).returncode != 0:
        at_commit = True
        break
    time.sleep(0.01)
if at_commit: p.send_signal(signal.SIGTERM)
time.sleep(0.3)
r.execute('COMMIT'); r.close()
err = p.stderr.read()
p.wait()
print('at_commit' if at_commit else 'never at the commit', p.returncode)
print(err.decode(), end='')
PY
  check "SIGTERM held over the commit: the import waited there, and died of it after (143)" \
    test "$(head -1 commit.txt)" = "at_commit -15"
  check "... the log says it was stored, as which import" \
    test "$(tail -n +2 commit.txt)" = "sightline: -: stopped by a signal just after the import was stored: it is import 2 (\`sightline info\` lists it, \`sightline rm 2\` takes it out)"
  check "... and it is" test "$("$SL" partnerships --json -s "$SIG" | jq .total)" = 3
  # Two steps at once, no terminal: the second gives up after 5 s, as the
  # help now says (a terminal's import waits until the store is free).
  python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute("BEGIN IMMEDIATE"); time.sleep(8); c.execute("ROLLBACK")' "$SIG" &
  holder=$!
  sleep 0.5
  start=$(date +%s)
  "$SL" import sites "$SL_FIXTURES/points/repeat_a.csv" --category x -s "$SIG" </dev/null >out.txt 2>err.txt
  rc=$? waited=$(($(date +%s) - start))
  wait "$holder"
  check "an import meeting another's write lock, unattended: exit 1 after about 5 s, the store in use, nothing changed" \
    bash -c "[ $rc = 1 ] && [ $waited -ge 4 ] && [ $waited -le 7 ] && [ ! -s out.txt ] && grep -q 'the store is in use by another sightline.*nothing was changed' err.txt"
fi
check "sightline --help says how long a command without a terminal waits for the store" \
  bash -c "'$SL' --help | tr '\n' ' ' | grep -q 'by any command without a terminal (cron, a pipe), 5 s, then exit 1 with nothing changed'"
finish
