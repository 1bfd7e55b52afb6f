#!/usr/bin/env bash
# serve_pledge_kill.sh — an acknowledged pledge survives kill -9 of the
# server (issue #16, point 3): 5 rounds, each with 4 clients posting pledges
# of new addresses (group commit batches them) while the server is killed
# with SIGKILL after a random 0.3-1.2 s, then restarted on the same store.
# Every address answered 200 must be in the store exactly once, and the
# store must pass SQLite's integrity check. Bounded: about 15 s.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
db=s.db
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s $db >/dev/null
"$SL" campaign init --config "$FX/campaign.conf" -s $db >/dev/null
: > acked.txt
client() { # ROUND ID: post until the server is gone, noting each acknowledged address
  local n=0 code
  while :; do
    n=$((n + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Origin: $U" \
      --data-binary "email=k$1-$2-$n%40example.org&state=NY&county=36061&csrf=$csrf" "$U/campaign/pledge") || break
    [ "$code" = 200 ] && echo "k$1-$2-$n@example.org" >> "acked-$2.txt"
    [ "$code" = 000 ] && break
  done
}
for round in 1 2 3 4 5; do
  serve_start $db --quiet --rate-forms 0 --rate-email 0 --threads 8 || exit 1
  csrf=$(curl -s "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  pids=()
  for c in 1 2 3 4; do client $round $c & pids+=($!); done
  sleep "0.$((3 + RANDOM % 10))"
  kill -9 "$SPID"; wait "$SPID" 2>/dev/null
  for p in "${pids[@]}"; do wait "$p"; done
  cat acked-*.txt >> acked.txt 2>/dev/null; rm -f acked-*.txt
done
n=$(wc -l < acked.txt)
check "pledges were acknowledged before the kills ($n)" test "$n" -gt 20
sort acked.txt > want.txt
sqlite3 $db "SELECT email FROM pledges" | sort > have.txt
check "every acknowledged pledge is in the store" bash -c "[ -z \"\$(comm -23 want.txt have.txt)\" ]"
check "no address is stored twice" bash -c "[ -z \"\$(uniq -d have.txt)\" ]"
check "the store passes SQLite's integrity check" test "$(sqlite3 $db 'PRAGMA integrity_check')" = ok
echo "($(wc -l < have.txt) stored, $n acknowledged: the difference were committed when the kill cut their answer)"
finish
