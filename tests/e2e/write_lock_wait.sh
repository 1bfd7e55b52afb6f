#!/usr/bin/env bash
# write_lock_wait.sh — an import or rm that waits for another sightline
# writing to the store (a colleague's long import) says so. It hung without
# a word: on SQLite for the busy timeout (5 s), then failed; on PostgreSQL
# on the advisory lock for as long as the other held it. Now, on a
# terminal, from 2 s on the line "COMMAND: waiting for another sightline
# using STORE (an import, rm, backup or audit) ... N s" is drawn on standard error (as
# every progress line, never into a file or a pipe), and the command waits
# until the lock goes (also on SQLite, past its 5 s); one that gives up
# (SQLite after 5 s when no one watches, PostgreSQL at the server's
# lock_timeout) says why and what to do, with nothing changed.
# The lock is held by another process: sqlite3's BEGIN IMMEDIATE (Python),
# or psql holding sightline's advisory lock key.
. "$(dirname "$0")/lib.bash"
command -v script >/dev/null || { echo "SKIPPED: script (util-linux) not found" >&2; exit 77; }
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
DB=$(store w)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$DB" >/dev/null || not_ok "the first import failed"

hold() { hold_write_lock "$DB" "$1"; } # another process holds the write lock for $1 s (lib.bash)
WAITING="waiting for another sightline using .* (an import, rm, backup or audit) \.\.\."

# An import waits 3.5 s on a terminal: told, then done once the lock goes.
hold 3.5
on_tty imp.tty "$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$DB"
wait "$HOLDER"
check "an import waiting on a terminal says it waits for another sightline writing to the store" \
  grep -q "import: $WAITING" imp.tty
case $DB in postgresql://*) title="PostgreSQL database ${DB##*/}" ;; *) title=w.db ;; esac
check "... names the store as reports do" grep -qF "using $title (an import, rm, backup or audit) ..." imp.tty
check "... and imports once the lock goes" grep -q "imported .* partnership rows" imp.tty

# rm waits too.
id=$(store_sql "$DB" "SELECT max(id) FROM sources")
hold 3.5
on_tty rm.tty "$SL" rm "$id" -s "$DB"
wait "$HOLDER"
check "rm waiting on a terminal says so" grep -q "rm: $WAITING" rm.tty
check "... and removes the import once the lock goes" grep -q "removed import $id" rm.tty

# demo writes the store as imports do: it waits and says so too (into a
# store of no import, the only one it writes: the holder needs a store).
EMPTY=$(store empty)
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$EMPTY" >/dev/null
"$SL" rm "$(store_sql "$EMPTY" "SELECT max(id) FROM sources")" -s "$EMPTY" >/dev/null
SAVED=$DB DB=$EMPTY
hold 3.5
DB=$SAVED
on_tty demo.tty "$SL" demo -s "$EMPTY"
wait "$HOLDER"
check "demo waiting on a terminal says so, then writes its store" bash -c "
  grep -q 'demo: $WAITING' demo.tty && grep -q 'SYNTHETIC data' demo.tty"

# Standard error a file: the import waits as before, and nothing is drawn.
hold 3
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$DB" >imp.out 2>imp.err
rc=$?
wait "$HOLDER"
check "an import waiting with standard error a file: done, nothing on standard error" \
  bash -c "[ $rc = 0 ] && [ ! -s imp.err ] && grep -q 'imported' imp.out"

# The campaign's changes wait and say so too (a colleague's import holds
# the store; the organiser's unlist gave up after 5 s without a word).
hold 3.5
on_tty unlist.tty "$SL" campaign unlist nobody@example.org -s "$DB"
wait "$HOLDER"
check "campaign unlist waiting on a terminal says so, then answers" bash -c "
  grep -q 'campaign unlist: $WAITING' unlist.tty && grep -q 'no pledge with this address' unlist.tty"

# On a terminal a wait lasts until the lock goes, on SQLite as on
# PostgreSQL: past SQLite's 5 s (a colleague's national import holds the
# lock for minutes), the line counting the seconds.
id=$(store_sql "$DB" "SELECT max(id) FROM sources")
hold 7
on_tty long.tty "$SL" rm "$id" -s "$DB"
wait "$HOLDER"
check "rm waiting 7 s on a terminal counts the seconds and removes the import once the lock goes" \
  bash -c "grep -q 'rm: $WAITING [5-7] s' long.tty && grep -q 'removed import $id' long.tty"

# Giving up, with nothing changed: SQLite after 5 s for a command no one
# watches (standard error a file); PostgreSQL at the server's lock_timeout.
before=$(store_dump "$DB")
id=$(store_sql "$DB" "SELECT max(id) FROM sources")
hold 8
case $DB in
postgresql://*) PGOPTIONS="-c lock_timeout=3s" on_tty give.tty "$SL" rm "$id" -s "$DB" ;;
*) "$SL" rm "$id" -s "$DB" >give.tty 2>&1 ;;
esac
wait "$HOLDER"
check "rm that gave up: why it gave up and what to do" \
  grep -Eq 'sightline: .*(in use by another sightline \(an import or rm writing it, or an audit or backup reading it\), still after 5 s of waiting|gave up after 3 s waiting for another sightline writing to the store \(an import or rm\): the server.s lock_timeout ended the wait); nothing was changed, run this again when that one has finished' give.tty
case $DB in postgresql://*) check "... told it waited first" grep -q "rm: $WAITING" give.tty ;; esac
check "... and nothing was changed" test "$(store_dump "$DB")" = "$before"
finish
