#!/usr/bin/env bash
# backup_erase.sh — an erasure names the backups that still hold signers
# (run of 2026-12-07, fifth). `campaign erase` and `erase --all` cannot
# reach a copy of the store; they said "delete the backups made before
# now", and an organiser who made one a month ago into some directory had
# to remember where. Now `backup` records in the store where each whole copy
# holding pledges went (no field of a signer), `erase EMAIL` and
# `erase --all` give an `rm` line for each such copy still there, count
# those moved or deleted, and leave out `--share` copies (no signer in
# them), which in turn carry no record of where the whole ones went. SQLite
# only: a PostgreSQL store is backed up with pg_dump
# (backup.sh checks the refusal), so pg_excluded.txt lists this script.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
db=$(store s)
"$SL" demo --campaign -s "$db" >/dev/null || { echo "demo failed"; exit 1; }
mkdir -p backups moved
"$SL" backup -s "$db" backups/whole.db >b1.txt 2>&1
"$SL" backup --share -s "$db" backups/share.db >b2.txt 2>&1
"$SL" backup -s "$db" moved/old.db >b3.txt 2>&1
rm moved/old.db
check "backup says the store recorded where the whole copy went ($(tail -1 b1.txt))" \
  grep -qF "recorded in the store: \`campaign erase\` names this copy while it is at $WORK/backups/whole.db" b1.txt
check "a --share copy is not recorded, and its left-out list names where whole backups went" bash -c "
  ! grep -q 'recorded in the store' b2.txt && grep -q 'and where whole backups went' b2.txt"
check "the --share copy holds no record of where the whole copies went" bash -c "
  [ \"\$(python3 -c \"import sqlite3; print(sqlite3.connect('backups/share.db').execute('SELECT count(*) FROM backups').fetchone()[0])\")\" = 0 ]"

email=$(python3 -c "import sqlite3; print(sqlite3.connect('$db').execute('SELECT email FROM pledges ORDER BY id LIMIT 1').fetchone()[0])")
"$SL" campaign erase "$email" -s "$db" >e1.txt 2>&1; rc=$?
check "erase EMAIL: exit 0 ($rc)" [ "$rc" = 0 ]
check "erase EMAIL gives an rm line for the whole copy still there, with its date and pledges" \
  grep -qE "^  rm '$WORK/backups/whole\\.db'   # made [0-9-]{10} [0-9:]{5} UTC, 20 pledges$" e1.txt
check "... says one backup is still where it was written, and may hold the signer" \
  grep -qF "1 backup made with sightline backup is still where it was written (those made after the signer pledged hold the address): delete it" e1.txt
check "... counts the copy no longer where it was written" \
  grep -qF "1 backup made with sightline backup is no longer where it was written: wherever it went, delete it" e1.txt
check "... and names no --share copy, nor the moved one's old path" bash -c "! grep -q 'share.db\|moved/old.db' e1.txt"

"$SL" campaign close -s "$db" >/dev/null
n=$(python3 -c "import sqlite3; print(sqlite3.connect('$db').execute('SELECT count(*) FROM pledges').fetchone()[0])")
"$SL" campaign erase --all --confirm "$n" -s "$db" >e2.txt 2>&1; rc=$?
check "erase --all: exit 0 ($rc)" [ "$rc" = 0 ]
check "erase --all names the whole copy that holds every address erased now" bash -c "
  grep -qF '1 backup made with sightline backup is still where it was written (they hold every address erased now): delete it' e2.txt &&
  grep -qF \"  rm '$WORK/backups/whole.db'\" e2.txt"
rm backups/whole.db
"$SL" campaign erase nobody@example.org -s "$db" >e3.txt 2>&1
check "a store whose copies are gone lists no rm line" bash -c "! grep -q '^  rm ' e3.txt"

finish
