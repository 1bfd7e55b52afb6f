#!/usr/bin/env bash
# pg_campaign.sh — the campaign on a PostgreSQL store (issue #17 with #16):
# the same demo, counties and campaign in an SQLite file and in a throwaway
# PostgreSQL database, then every campaign command (init, show, pledge,
# confirm, counts, export, send through a local SMTP sink, purge, erase)
# run on both with the same clock gives the same output but for the update
# time and the links' tokens. Then pledges from three `serve` processes on
# one database, posted at once, each with the form another of them served (its
# CSRF token derives from the store's form secret), with each of several
# addresses posted to two servers at the same moment: every address is stored once, with one
# message (the second post finds the first's still waiting), and every
# acknowledged pledge is there.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
PY=/usr/bin/python3
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "SKIPPED: needs python3-aiosmtpd (Debian)" >&2; exit 77; }
pg_start
trap 'for p in "${SERVE_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; pg_stop; rm -rf "$WORK"' EXIT
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
DB=$WORK/c.db
PG=$PG_URL
NOW=1800000000

# run NAME STORE ARGS...: `sightline ARGS -s STORE`, output and status in NAME.<backend>
run() {
  local name=$1 s=$2 b=sqlite; shift 2
  [ "$s" = "$PG" ] && b=pg
  "$SL" "$@" -s "$s" >"$name.$b" 2>&1
  echo "exit $?" >>"$name.$b"
}
# same NAME ARGS...: run on both, compare with update times and tokens blanked
same() {
  local name=$1; shift
  run "$name" "$DB" "$@"
  run "$name" "$PG" "$@"
  for b in sqlite pg; do
    sed -E -i 's/"?updated_at"?[:=]? *"?[0-9T:Z-]{20}"?/updated_at/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g' "$name.$b"
  done
  if cmp -s "$name.sqlite" "$name.pg"; then
    ok "campaign $* is the same on both stores ($(wc -c <"$name.pg") bytes, $(tail -1 "$name.pg"))"
  else
    not_ok "campaign $* differs between SQLite and PostgreSQL"
    diff "$name.sqlite" "$name.pg" | head -20
  fi
}
# token_of STORE EMAIL: the token in the newest queued message to EMAIL
token_of() {
  local q="SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$2' ORDER BY o.id DESC LIMIT 1"
  if [ "$1" = "$PG" ]; then pg_sql sightline "SET search_path = sightline; $q"; else sqlite3 "$1" "$q"; fi |
    grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2
}

for s in "$DB" "$PG"; do
  check "demo ($s)" "$SL" demo -s "$s"
  check "import counties ($s)" "$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$s"
done
same show_none campaign show
same init campaign init --config "$FX/campaign.conf"
same edit campaign edit --title "Edited title"
same show campaign show --json
check "the campaign's tables are in schema sightline, versioned" \
  [ "$(pg_sql sightline "SELECT value FROM sightline.meta WHERE key = 'campaign_schema'")" = 10 ]

i=0
pledge() { # pledge FORM [NOW]: the same form on both stores
  i=$((i + 1))
  printf '%s' "$1" >form$i.txt
  same "pledge$i" campaign pledge --form form$i.txt --now "${2:-$NOW}"
}
F="state=NY&county=36061&commitment=cancel-ring"
pledge "email=ann%40example.org&name=Ann+Secretname&$F&consent=on&listed=on"
pledge "email=ANN%40Example.org&$F"
pledge "email=bob%40example.org&name=%3D1%2B1&$F&consent=on"
pledge "email=late%40example.org&$F" $((NOW - 9 * 86400))
pledge "email=bad&$F"
pledge "email=cal%40example.org&state=CA&county=36061"
for n in 1 2 3 4 5 6; do pledge "email=m$n%40example.org&state=NY&county=36047&commitment=tell-neighbours&consent=on"; done
for e in ann@example.org bob@example.org m1@example.org m2@example.org m3@example.org m4@example.org m5@example.org; do
  for s in "$DB" "$PG"; do
    check "confirm $e ($s)" "$SL" campaign confirm --token "$(token_of "$s" "$e")" --now $((NOW + 60)) -s "$s"
  done
done
same confirm_again campaign confirm --token "$(token_of "$DB" m6@example.org)x" --now $((NOW + 60))
same counts campaign counts --now $((NOW + 3600))
same counts_json campaign counts --json --now $((NOW + 3600))
same counts_k1 campaign counts --k 1 --json --now $((NOW + 3600))
same show_totals campaign show --json
run export "$DB" campaign export --now $NOW
run export "$PG" campaign export --now $NOW
check "export (consented, confirmed signers as CSV) is the same on both" cmp export.sqlite export.pg
check "and holds the formula-neutralised name" grep -q "'=1+1" export.pg

smtp_sink_start 60
check "the SMTP sink is up" test -f mail/ready
same send campaign send --smtp-config smtp.conf
check "send delivered the unconfirmed signers' links from both stores" \
  [ "$(grep -l '^X-Rcpt: m6@example.org' mail/*.eml | wc -l)" = 2 ]
same send_again campaign send --smtp-config smtp.conf
kill "$SINK"; wait "$SINK" 2>/dev/null
same purge campaign purge --purge-after 7 --now $((NOW + 60))
same erase campaign erase Bob@Example.org
same erase_none campaign erase nobody@example.org
same show_end campaign show --json
same counts_end campaign counts --k 1 --json --now $((NOW + 3600))
check "the erased signer is gone from the PostgreSQL store, with their messages" \
  [ "$(pg_sql sightline "SELECT count(*) FROM sightline.pledges WHERE email = 'bob@example.org'")" = 0 ]
check "the erasure is logged without personal data" \
  [ "$(pg_sql sightline "SELECT count(*) FROM sightline.erasures")" = 1 ]
run token "$DB" campaign token
run token "$PG" campaign token
check "campaign token prints a new token on both (the same lines but the token)" \
  cmp <(sed -E 's/[A-Za-z0-9_-]{43}/TOKEN/' token.sqlite) <(sed -E 's/[A-Za-z0-9_-]{43}/TOKEN/' token.pg)
check "the admin token's hash is in meta" \
  [ "$(pg_sql sightline "SELECT length(value) FROM sightline.meta WHERE key = 'admin_token_sha256'")" = 64 ]

# ---- three servers on one database, pledges posted at once ------------------
pg_sql sightline "DELETE FROM sightline.pledges" || not_ok "emptying the pledges"
before=$(pg_sql sightline "SELECT count(*) FROM sightline.outbox")
US=()
for n in 1 2 3; do
  serve_start "$PG" --rate-forms 1000 --rate-email 100 || { not_ok "serve $n did not start"; finish; }
  US+=("$U")
done
csrf_of() { curl -s --max-time 20 "$1/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
C=()
for u in "${US[@]}"; do C+=("$(csrf_of "$u")"); done
check "each server's campaign page gives a CSRF token" test -n "${C[0]}" -a -n "${C[1]}" -a -n "${C[2]}"
check "the three servers keyed their forms from one form secret in meta" \
  [ "$(pg_sql sightline "SELECT count(*), min(length(value)) FROM sightline.meta WHERE key = 'form_secret'")" = "1|43" ]
# post K EMAIL: one pledge to server K, with the form the next server served
# (behind a balancer a form comes back to any of them); the status goes to acks/
mkdir acks
post() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "Origin: ${US[$1]}" \
    --data-binary "email=$2&state=NY&county=36061&commitment=cancel-ring&csrf=${C[$((($1 + 1) % 3))]}" "${US[$1]}/campaign/pledge")
  echo "$code $2" >"acks/$1.$2"
}
start=$SECONDS
for n in $(seq 1 20); do
  P=()
  for k in 0 1 2; do post $k "s$k-$n%40example.org" & P+=($!); done
  post $((n % 3)) "both$n%40example.org" & # the same address on two servers at the same moment
  P+=($!)
  post $(((n + 1) % 3)) "both$n%40example.org" &
  P+=($!)
  wait "${P[@]}" # (not the servers)
done
elapsed=$((SECONDS - start))
check "every pledge was acknowledged (200) in ${elapsed} s" [ "$(cat acks/* | grep -vc '^200 ')" = 0 ]
check "all 100 posts answered" [ "$(ls acks | wc -l)" = 100 ]
stored=$(pg_sql sightline "SELECT count(*), count(DISTINCT email) FROM sightline.pledges")
check "80 addresses, each stored once ($stored)" [ "$stored" = "80|80" ]
missing=0
for a in $(grep -h '^200 ' acks/* | sed 's/^200 //; s/%40/@/' | sort -u); do
  [ "$(pg_sql sightline "SELECT count(*) FROM sightline.pledges WHERE email = '$a'")" = 1 ] || missing=$((missing + 1))
done
check "every acknowledged pledge is in the store ($missing missing)" [ "$missing" = 0 ]
check "each address queued its confirmation once (80 messages)" \
  [ "$(($(pg_sql sightline "SELECT count(*) FROM sightline.outbox") - before))" = 80 ]
check "the addresses posted twice have one pledge, one message and one link: the second post found the first's waiting" \
  [ "$(pg_sql sightline "SELECT count(*) FROM sightline.pledges p WHERE email LIKE 'both%' AND
       (SELECT count(*) FROM sightline.outbox o WHERE o.pledge_id = p.id) = 1 AND
       (SELECT count(*) FROM sightline.pledge_links l WHERE l.pledge_id = p.id) = 1")" = 20 ]
check "within 60 s" [ "$elapsed" -lt 60 ]
for p in "${SERVE_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
for p in "${SERVE_PIDS[@]}"; do wait "$p" 2>/dev/null; done
SERVE_PIDS=()
finish
