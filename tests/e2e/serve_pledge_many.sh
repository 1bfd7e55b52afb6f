#!/usr/bin/env bash
# serve_pledge_many.sh — a surge's many signers, each address once, must not
# be told "Too many pledges for this address". The limits kept one slot per
# keyed hash, 8,192 of them, and keys sharing a slot shared its minute's
# budget: 180 of 16,910 signers of a surge got that 429 for an address
# they had used once (run of 2026-12-07). With --rate-email 1 (one pledge a
# minute per address) any two of 300 addresses sharing a slot showed it
# (an even chance of that for 110 addresses; 300 make it near certain on
# the old table); now slots are probed, and none of the 300 is refused.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store n)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
serve_start "$DB" --rate-forms 0 --rate-email 1 --quiet || exit 1
# the budget is a minute's: a run that would straddle one starts after its turn
s=$(date -u +%S); [ $((10#$s)) -ge 20 ] && sleep $((61 - 10#$s))
csrf=$(curl -s --max-time 20 "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | cut -d'"' -f4)
for i in $(seq 1 300); do
  printf 'url = "%s/campaign/pledge"\ndata = "csrf=%s&email=many%d%%40example.org&state=CA&county=06990"\noutput = /dev/null\nwrite-out = "%%{http_code}\\n"\n' \
    "$U" "$csrf" "$i"
  [ "$i" -lt 300 ] && printf 'next\n'
done > many.curl
curl -s --max-time 50 -H "Origin: $U" -K many.curl > codes.txt
check "300 signers a minute, each address once: every pledge taken ($(sort codes.txt | uniq -c | tr -s ' \n' ' '))" \
  bash -c "[ \$(grep -c '^200$' codes.txt) = 300 ]"
check "... and stored, 300" test "$(store_sql "$DB" "SELECT count(*) FROM pledges WHERE email LIKE 'many%'")" = 300
finish
