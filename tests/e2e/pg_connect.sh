#!/usr/bin/env bash
# pg_connect.sh — a PostgreSQL store that cannot be reached is reported on
# one readable line: libpq's line break and the tab before its hint ("...
# failed: Connection refused\n\tIs the server running ...") showed as \x0a\x09;
# they now join the lines with "; ". Any other control character, here an
# escape sequence in a socket path that the message repeats, stays escaped
# (\x1b) for the terminal. Nothing listens on port 1; no server is started.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
"$SL" info -s "host=127.0.0.1 port=1 dbname=sightline connect_timeout=5" >out.txt 2>err.txt; rc=$?
check "refused: exit 1, one line, no escaped line break or tab" bash -c "
  [ $rc = 1 ] && [ \$(wc -l <err.txt) = 1 ] && ! grep -q 'x0a\|x09' err.txt &&
  grep -q '^sightline: PostgreSQL: cannot connect: connection to server at \"127.0.0.1\", port 1 failed: Connection refused; Is the server running' err.txt"
"$SL" info -s "host=$WORK/no$(printf '\033')[31mdir port=1 dbname=sightline" >out.txt 2>err.txt; rc=$?
check "a control character of the connection string stays escaped" bash -c "
  [ $rc = 1 ] && [ \$(wc -l <err.txt) = 1 ] && grep -qF 'no\\x1b[31mdir' err.txt && ! grep -q \$'\\033' err.txt"
finish
