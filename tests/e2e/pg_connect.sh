#!/usr/bin/env bash
# pg_connect.sh — a PostgreSQL store that cannot be reached is reported on
# one readable line: libpq's line break and the tab before its hint ("...
# failed: Connection refused\n\tIs the server running ...") showed as \x0a\x09;
# they now join the lines with "; ". Any other control character, here an
# escape sequence in a socket path that the message repeats, stays escaped
# (\x1b) for the terminal. The error names the database, host and port
# libpq tried, and the role, never the password. Nothing listens on port 1;
# no server is started (pg_access.sh: a database that does not exist).
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
"$SL" info -s "host=127.0.0.1 port=1 dbname=sightline connect_timeout=5" >out.txt 2>err.txt; rc=$?
check "refused: exit 1, one line, no escaped line break or tab" bash -c "
  [ $rc = 1 ] && [ \$(wc -l <err.txt) = 1 ] && ! grep -q 'x0a\|x09' err.txt &&
  grep -q 'cannot connect as role [^:]*: connection to server at \"127.0.0.1\", port 1 failed: Connection refused; Is the server running' err.txt"
check "the error names the database, host and port it tried (it said only \"PostgreSQL\")" \
  grep -q '^sightline: PostgreSQL database sightline on 127.0.0.1:1: cannot connect' err.txt
"$SL" info -s "postgresql://reporter:hunter2@127.0.0.1:1/desk?connect_timeout=5" >out.txt 2>err.txt; rc=$?
check "a URI's database, host, port and role are named, never its password" bash -c "
  [ $rc = 1 ] && grep -q '^sightline: PostgreSQL database desk on 127.0.0.1:1: cannot connect as role reporter: ' err.txt &&
  ! grep -q hunter2 err.txt"
PGHOST=127.0.0.1 PGPORT=1 PGDATABASE=fromenv PGPASSWORD=hunter2 PGCONNECT_TIMEOUT=5 "$SL" info -s postgresql:// >out.txt 2>err.txt
check "and those taken from the PG* variables" bash -c "
  grep -q '^sightline: PostgreSQL database fromenv on 127.0.0.1:1: cannot connect' err.txt && ! grep -q hunter2 err.txt"
"$SL" info -s "host=$WORK/no$(printf '\033')[31mdir port=1 dbname=sightline" >out.txt 2>err.txt; rc=$?
check "a control character of the connection string stays escaped" bash -c "
  [ $rc = 1 ] && [ \$(wc -l <err.txt) = 1 ] && grep -qF 'no\\x1b[31mdir' err.txt && ! grep -q \$'\\033' err.txt"
finish
