#!/usr/bin/env bash
# erase_bytes.sh — an erased signer's address leaves the store's files, not
# only its rows, while `sightline serve` runs and has written (its pledges
# keep an SQLite store in a write-ahead log, which held the address after
# the erase until the server stopped). Erased by `campaign erase` beside the
# running server and by /admin, then the files are searched for the
# address: on SQLite the store file and its -wal (and no -journal is left
# behind a rollback-journal erase); on PostgreSQL the database's own files
# under base/ after a CHECKPOINT (PostgreSQL's WAL under pg_wal/ is not
# searched: it keeps the rows until it is recycled, see docs/design.md).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
db=$(store e)
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$db" >/dev/null || exit 1
"$SL" campaign init --config "$FX/campaign.conf" -s "$db" >/dev/null || exit 1

# store_files_hold TEXT: true when a file of the store holds TEXT's bytes
store_files_hold() {
  case $db in
  postgresql://*)
    pg_sql postgres CHECKPOINT >/dev/null || { echo "note: CHECKPOINT failed" >&2; return 0; } # cannot look: counts as holding
    local oid held
    oid=$(pg_sql postgres "SELECT oid FROM pg_database WHERE datname = '${db##*/}'")
    [ -n "$oid" ] || { echo "note: no oid for ${db##*/}" >&2; return 0; }
    # which files hold it, said, so that a failure shows where the bytes are
    held=$(grep -rlaiF -- "$1" "$PG_HOST/data/base/$oid") || return 1
    echo "note: '$1' in $held" >&2 ;;
  *) grep -qaiF -- "$1" "$db" "$db-wal" "$db-journal" 2>/dev/null ;;
  esac
}
gone() { ! store_files_hold "$1" && ! store_files_hold "$2"; } # gone EMAIL NAME
pledge_cli() { printf 'email=%s&name=%s&state=NY&county=36061&commitment=cancel-ring&consent=on' "$1" "$2" >form.txt
  "$SL" campaign pledge --form form.txt -s "$db" >/dev/null; }

# Without a server: the rollback journal, deleted at commit
pledge_cli ruth%40example.org Ruth+Quietname
check "precondition: a pledge's address is in the store's files" store_files_hold ruth@example.org
"$SL" campaign erase ruth@example.org -s "$db" >erase0.txt
check "without a server, erase says so" grep -q 'erased' erase0.txt
check "... and leaves no byte of the address or the name in the store's files" gone ruth@example.org 'Ruth Quietname'
check "... nor a journal beside the file" test ! -e "$db-journal"

serve_start "$db" || exit 1
csrf=$(curl -s --max-time 20 "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
post() { curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H "Origin: $U" \
  --data-binary "email=$1&name=$2&state=NY&county=36061&commitment=cancel-ring&consent=on&csrf=$csrf" "$U/campaign/pledge"; }
check "the server takes two pledges through its form" bash -c "
  [ $(post frank%40example.org Frank+Hiddenname) = 200 ] && [ $(post gina%40example.org Gina+Hiddenname) = 200 ]"
check "precondition: the server's pledges are in the store's files" store_files_hold frank@example.org
if [ "$SL_TEST_BACKEND" = sqlite ]; then
  check "precondition: the server has put the store in WAL, the pledges in its log" grep -qaF frank@example.org "$db-wal"
fi

"$SL" campaign erase frank@example.org -s "$db" >erase1.txt 2>&1
check "campaign erase beside the running server: erased" grep -q 'erased' erase1.txt
check "... and no byte of the address or the name is left in the store's files (file and log)" \
  gone frank@example.org 'Frank Hiddenname'
check "... the other signer is still there" test "$(store_sql "$db" "SELECT count(*) FROM pledges WHERE email='gina@example.org'")" = 1
check "the server still takes pledges after the log was emptied" test "$(post hal%40example.org Hal+Hiddenname)" = 200

TOKEN=$("$SL" campaign token -s "$db" 2>/dev/null)
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
CSRF=$(curl -s -b jar "$U/admin" | sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' | head -1)
curl -s -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$CSRF" --data-urlencode "email=gina@example.org" "$U/admin/erase" >erase2.html
check "/admin erase: erased" grep -q 'pledge and messages are erased' erase2.html
check "... and no byte of the address or the name is left in the store's files" gone gina@example.org 'Gina Hiddenname'
check "... while the pledge posted after the first erase stays" store_files_hold hal@example.org
serve_stop
check "the server stopped cleanly" test "$SRC" = 0

# A reader whose snapshot began before the erase (a page of a running
# server, under load), reading no pledge and so holding no lock on them,
# keeps the deleted row visible to it, and PostgreSQL's rewrite copied such
# a row into the new files (a full run under load showed it): the erase
# now waits for such snapshots to end.
case $db in
postgresql://*)
  pledge_cli ivy%40example.org Ivy+Unseenname
  pg_sql "${db##*/}" "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1; SELECT pg_sleep(3); COMMIT" >/dev/null &
  reader=$!
  sleep 1
  "$SL" campaign erase ivy@example.org -s "$db" >erase3.txt
  check "erase beside a reader holding an older snapshot: erased" grep -q erased erase3.txt
  check "... once that reader ended, no byte of the address or the name is left" gone ivy@example.org 'Ivy Unseenname'
  wait $reader
  # A transaction of another database, begun before the erase (another
  # test's long COPY, in a full run): the rewrite's own snapshot then began
  # before the delete, and it copied the row as recently dead.
  pledge_cli jo%40example.org Jo+Unseenname
  pg_sql postgres "BEGIN; SELECT txid_current(); SELECT pg_sleep(3); COMMIT" >/dev/null &
  writer=$!
  sleep 1
  "$SL" campaign erase jo@example.org -s "$db" >erase4.txt
  check "erase beside another database's running transaction: erased" grep -q erased erase4.txt
  check "... and no byte of the address or the name is left once it ended" gone jo@example.org 'Jo Unseenname'
  wait $writer ;;
esac
finish
