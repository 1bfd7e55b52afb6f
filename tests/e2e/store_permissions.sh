#!/usr/bin/env bash
# store_permissions.sh — what a user who may not write the store, or its
# folder, is told. SQLite said "attempt to write a readonly database" each
# time: to a reader of a store whose journal an interrupted write left
# ("reading the store header: ..." from info, partnerships and audit), to a
# writer whose folder is not writable although the file is ("recording the
# source: ...", "removing an import: ..."), and to a writer of a read-only
# file. Now each is told the cause and what to do, with nothing changed,
# and a reader can read again once a user who can write ran any command.
# Run as root, the reader is user nobody (setpriv); else the test's own user.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || { echo "SKIPPED: run as root, needs setpriv to read as another user" >&2; exit 77; }
  reader() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
else
  reader() { "$@"; }
fi
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1 # its out.txt and err.txt, never in the directory it was started from
chmod 755 "$WORK"
mkdir "$WORK/shared"
db=$WORK/shared/s.db
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
expected_info=$("$SL" info -s "$db")

# A write killed half-way (SIGKILL inside its transaction, pages already
# written to the file) leaves a hot journal beside the store.
(python3 - "$db" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size=1")  # spill to the file before the end
con.execute("BEGIN IMMEDIATE")
con.execute("CREATE TABLE spill(x)")
con.executemany("INSERT INTO spill VALUES(?)", [("x" * 4000,) for _ in range(500)])
con.execute("UPDATE agencies SET name = 'half-written'")
os.kill(os.getpid(), 9)
PY
true) 2>/dev/null # a subshell of its own says "Killed", to /dev/null
check "a killed write left a journal beside the store" test -s "$db-journal"
chmod 755 "$WORK/shared"
chmod 644 "$db" "$db-journal"
[ "$(id -u)" = 0 ] || chmod 555 "$WORK/shared"
hot="an interrupted write (an import killed, or a power cut) left s.db-journal beside the store, and the store cannot be read until it is rolled back, which needs a user who can write the store file and its folder $WORK/shared: run any sightline command on the store once as such a user (\`sightline info -s $db\`) to finish it; nothing was changed"
for cmd in info partnerships "audit -o $WORK/aud"; do
  reader "$SL" $cmd -s "$db" >out.txt 2>err.txt
  rc=$?
  check "$cmd by a reader who cannot write there: exit 1, nothing on stdout" test "$rc" = 1 -a ! -s out.txt
  check "... says an interrupted write must be rolled back by a user who can write the folder, and how" \
    grep -qxF "sightline: $db: $hot" err.txt
done
check "... and the journal is still there" test -s "$db-journal"
chmod 755 "$WORK/shared"
"$SL" info -s "$db" >/dev/null
check "any command by a user who can write there rolls it back" test ! -e "$db-journal"
[ "$(id -u)" = 0 ] || chmod 555 "$WORK/shared"
check "... then the reader reads the store as it was before the write" \
  test "$(reader "$SL" info -s "$db" 2>&1)" = "$expected_info"

# A writer whose folder is not writable, though the store file is.
chmod 666 "$db"
[ "$(id -u)" = 0 ] || chmod 555 "$WORK/shared"
folder="cannot write the store: SQLite writes its journal (s.db-journal) beside the store while it writes, and the folder $WORK/shared is not writable for this user; writing needs write permission on the folder too; nothing was changed"
reader "$SL" import posts "$SL_FIXTURES/points/repeat_a.csv" -s "$db" >/dev/null 2>err.txt
check "import into a store whose folder is not writable: says SQLite writes its journal beside it" \
  grep -qxF "sightline: $db: $folder" err.txt
reader "$SL" rm 2 -s "$db" >/dev/null 2>err.txt
check "rm: the same" grep -qxF "sightline: $db: $folder" err.txt
check "... and nothing was changed" test "$("$SL" info -s "$db")" = "$expected_info"

# A store file the user may not write.
chmod 755 "$WORK/shared"
chmod 444 "$db"
reader "$SL" rm 2 -s "$db" >/dev/null 2>err.txt
check "rm of a read-only store file: says the file is read-only" \
  grep -qxF "sightline: $db: the store file is read-only for this user (no write permission); nothing was changed" err.txt
chmod 755 "$WORK/shared"
chmod 644 "$db"
# A new store, or a report, in a directory that is missing or not writable:
# SQLite said "cannot open store: unable to open database file", the audit
# "cannot create a lock next to it: No such file or directory".
"$SL" import posts "$SL_FIXTURES/points/repeat_a.csv" -s "$WORK/no/such/dir/n.db" >/dev/null 2>err.txt
check "a new store in a missing directory: exit 1, the directory named, and mkdir -p" bash -c "[ $? = 1 ] &&
  grep -qxF 'sightline: $WORK/no/such/dir/n.db: cannot make a store here: there is no directory $WORK/no/such/dir: make it first (mkdir -p $WORK/no/such/dir), or give a path in one that exists' err.txt"
check "... and nothing made" test ! -e "$WORK/no"
mkdir -p "$WORK/locked"
[ "$(id -u)" = 0 ] || chmod 555 "$WORK/locked"
reader "$SL" import posts "$SL_FIXTURES/points/repeat_a.csv" -s "$WORK/locked/n.db" >/dev/null 2>err.txt
check "a new store in a directory the user may not write: exit 1, saying so" bash -c "[ $? = 1 ] &&
  grep -qF 'sightline: $WORK/locked/n.db: cannot make a store here: the directory $WORK/locked is not writable (Permission denied)' err.txt"
"$SL" audit -s "$db" -o "$WORK/no/such/rep" --quiet >/dev/null 2>err.txt
check "audit -o in a missing directory: exit 1, the directory named, no lock or temporary left" bash -c "[ $? = 1 ] &&
  grep -qxF 'sightline: $WORK/no/such/rep: cannot write the report here: there is no directory $WORK/no/such: make it first (mkdir -p $WORK/no/such), or give a path in one that exists' err.txt &&
  [ ! -e '$WORK/no' ]"
reader "$SL" audit -s "$db" -o "$WORK/locked/rep" --quiet >/dev/null 2>err.txt
check "audit -o in a directory the user may not write: exit 1, saying so" bash -c "[ $? = 1 ] &&
  grep -qF 'sightline: $WORK/locked/rep: cannot write the report here: the directory $WORK/locked is not writable' err.txt"
chmod 755 "$WORK/locked"
finish
