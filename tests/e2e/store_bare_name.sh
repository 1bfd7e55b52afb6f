#!/usr/bin/env bash
# store_bare_name.sh — `-s desk`, a bare word naming no file, made a new
# SQLite file "desk" without a word, for a reporter who meant the team's
# PostgreSQL database. A command that would create the store now refuses
# it (exit 2, nothing made), saying how to name a PostgreSQL store and how
# to make a new SQLite file on purpose: desk.db or ./desk, which still work,
# as does a file named desk once it exists, and every command that only
# reads (a store that is not there is not found, and the PostgreSQL
# spelling is offered).
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
printf 'name,lat,lon\nA school,40.7,-73.9\n' >sites.csv

"$SL" import sites sites.csv --category school -s desk >out.txt 2>err.txt; rc=$?
check "import -s desk: exit 2, no file made" bash -c "[ $rc = 2 ] && [ ! -e desk ] && [ ! -s out.txt ]"
check "... saying how to name a PostgreSQL store and a new SQLite file" bash -c "
  [ \$(wc -l <err.txt) = 1 ] && grep -q '^sightline: -s desk: no such file' err.txt &&
  grep -q -- '-s postgresql:///desk' err.txt && grep -q -- '-s desk.db (or -s ./desk)' err.txt && grep -q 'Nothing was created' err.txt"
"$SL" demo -s desk >/dev/null 2>err.txt; rc=$?
check "demo -s desk: refused as well" bash -c "[ $rc = 2 ] && [ ! -e desk ] && grep -q 'postgresql:///desk' err.txt"
"$SL" -s Desk synth --layer posts --areas none --count 1 >/dev/null 2>err.txt
check "synth (a writer too), -s before the command: refused" bash -c "[ ! -e Desk ] && grep -q 'postgresql:///Desk' err.txt"
"$SL" info -s desk >/dev/null 2>err.txt; rc=$?
check "info -s desk (a read) says there is no store, and how to name a PostgreSQL one" bash -c "
  [ $rc = 1 ] && grep -q 'no store at desk: no such file; for a PostgreSQL database write -s postgresql:///desk' err.txt && [ ! -e desk ]"
"$SL" rm 3 -s desk >/dev/null 2>err.txt; rc=$?
check "rm -s desk (a change of what is there): the same" bash -c "[ $rc = 1 ] && grep -q 'postgresql:///desk' err.txt"

check "./desk makes the file on purpose" "$SL" import sites sites.csv --category school -s ./desk
check "and -s desk then opens it" bash -c "'$SL' info -s desk | grep -q sites.csv"
check "a name ending .db makes a new store" "$SL" import sites sites.csv --category school -s new.db
check "and so do .sqlite, .sqlite3 and .sightline, in any case" bash -c "
  for n in a.sqlite b.SQLite3 c.sightline; do '$SL' import sites sites.csv --category school -s \$n >/dev/null || exit 1; done"
check "the default store (./sightline.db) is made as before" "$SL" import sites sites.csv --category school
finish
