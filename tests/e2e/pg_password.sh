#!/usr/bin/env bash
# pg_password.sh — a team's passwords for its PostgreSQL store stay out of
# what sightline shows (run of 2026-12-07). A password with a character a
# URI must percent-encode (@ / %), or an unquoted space in key=value form,
# was cut by libpq's parser into pieces that the error then quoted as a
# host, a database or "a token", and the store's name repeated them; a
# `serve` given the password in -s showed it to every local user in `ps`
# for as long as it ran. A missing password now says where it goes
# (~/.pgpass), a wrong one which places it was read from. A throwaway
# cluster of its own, with password authentication over TCP.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
pg_start
cd "$WORK" || exit 1
# the socket stays trusted (pg_sql); TCP asks for a password
sed -i 's/^\(host *all *all *127.0.0.1\/32 *\)trust/\1scram-sha-256/' "$PG_DIR/data/pg_hba.conf"
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" reload >/dev/null || not_ok "reload the server's settings"
sleep 1
pg_sql postgres "CREATE ROLE desk LOGIN PASSWORD 'open sesame'; ALTER DATABASE sightline OWNER TO desk" ||
  not_ok "create the role"
TCP="127.0.0.1:$PG_PORT/sightline"
export HOME=$WORK/home PGPASSFILE=$WORK/none # no ~/.pgpass of the machine's
mkdir -p "$HOME"
printf 'name,lat,lon,id\nFirst school,40.7,-73.9,s1\n' >sites.csv

no_secret() { # no_secret FILE WORD...: none of the words is in FILE
  local f=$1; shift
  for w in "$@"; do grep -qF -- "$w" "$f" && return 1; done
  return 0
}
"$SL" info -s "postgresql://desk:Xq@Zz91@$TCP" >out.txt 2>err.txt; rc=$?
check "a raw @ in a URI's password: exit 2, no piece of it shown (it named host \"Zz91@127.0.0.1\")" bash -c "
  [ $rc = 2 ] && grep -q 'percent-encode' err.txt && grep -q '%40' err.txt" 
check "  (no Zz91, no Xq)" no_secret err.txt Zz91 Xq
"$SL" info -s "postgresql://desk:Ab/Cd77@$TCP" >out.txt 2>err.txt; rc=$?
check "a raw / in a URI's password: exit 2, neither half shown (they were the host and the database)" bash -c "
  [ $rc = 2 ] && grep -q 'percent-encode' err.txt" 
check "  (no Ab, no Cd77)" no_secret err.txt Cd77 'desk:Ab'
"$SL" info -s "postgresql://desk:s3cr%zz@$TCP" >out.txt 2>err.txt; rc=$?
check "a bad percent escape: exit 2, the password not quoted (it was \"s3cr%zz\")" bash -c "
  [ $rc = 2 ] && grep -q 'cannot read the connection string' err.txt && grep -q 'invalid percent-encoded token' err.txt"
check "  (no s3cr)" no_secret err.txt s3cr
"$SL" info -s "host=127.0.0.1 port=$PG_PORT dbname=sightline user=desk password=open sesame" >out.txt 2>err.txt; rc=$?
check "an unquoted space in key=value form: exit 2, told to quote it (it quoted \"sesame\")" bash -c "
  [ $rc = 2 ] && grep -q \"password='a b'\" err.txt"
check "  (no sesame)" no_secret err.txt sesame

"$SL" info -s "postgresql://desk@$TCP" >out.txt 2>err.txt; rc=$?
check "no password anywhere: exit 1, told of ~/.pgpass, no prompt" bash -c "
  [ $rc = 1 ] && grep -q 'no password supplied; libpq asks for no password: give it in ~/.pgpass (a line HOST:PORT:DATABASE:ROLE:PASSWORD, mode 0600)' err.txt"
"$SL" info -s "postgresql://desk:wrong@$TCP" >out.txt 2>err.txt; rc=$?
check "a wrong password: exit 1, told where it was read from" bash -c "
  [ $rc = 1 ] && grep -q 'password authentication failed for user \"desk\"; the password sent (from -s, PGPASSWORD, or the line of ~/.pgpass' err.txt"
printf '127.0.0.1:%s:sightline:desk:open sesame\n' "$PG_PORT" >"$WORK/pgpass" && chmod 600 "$WORK/pgpass"
check "the ~/.pgpass line the hint describes works" \
  env PGPASSFILE="$WORK/pgpass" "$SL" import sites sites.csv --category school -s "postgresql://desk@$TCP"
check "an encoded one works (%20 for the space)" "$SL" info -s "postgresql://desk:open%20sesame@$TCP"
check "a quoted one in key=value form too" \
  "$SL" info -s "host=127.0.0.1 port=$PG_PORT dbname=sightline user=desk password='open sesame'"

# ps: a serve given the password in -s
PORT=$(pg_free_port)
"$SL" serve -s "postgresql://desk:open%20sesame@$TCP" --port "$PORT" >serve.out 2>&1 &
SERVE=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$PORT/api/info" >info.json 2>/dev/null && break; sleep 0.2; done
tr '\0' ' ' </proc/$SERVE/cmdline >cmdline.txt
check "serve answers, reading the store" grep -q '"kind": "sites"' info.json
check "its arguments in ps hold no password (they showed open%20sesame)" bash -c "
  ! grep -q 'sesame' cmdline.txt && grep -q 'postgresql://desk:x*@127.0.0.1' cmdline.txt"
check "  nor its log" no_secret serve.out sesame
kill "$SERVE"; wait "$SERVE" 2>/dev/null
"$SL" serve --store="host=127.0.0.1 port=$PG_PORT dbname=sightline user=desk password='open sesame'" --port "$PORT" >serve.out 2>&1 &
SERVE=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$PORT/api/info" >info.json 2>/dev/null && break; sleep 0.2; done
tr '\0' ' ' </proc/$SERVE/cmdline >cmdline.txt
check "nor a key=value password given as --store=" bash -c "grep -q '\"kind\": \"sites\"' info.json && ! grep -q sesame cmdline.txt"
kill "$SERVE"; wait "$SERVE" 2>/dev/null
finish
