#!/usr/bin/env bash
# serve_pledge_surge.sh — a campaign's viral evening: many signers behind
# one address (a university's Wi-Fi, a library, a mobile carrier's shared
# address), through a proxy that sends X-Forwarded-For. --rate-forms counts
# per address; over it, a signer got a bare page ("Too many forms came from
# here in the last minute", her answers gone) and the organisers' log only
# "POST /campaign/pledge 429" (run of 2026-12-07: 80 of 100 signers of one
# campus turned away in a minute). Now her form comes back filled in, saying
# why and when to send it again (Retry-After too); nothing is stored; another
# address keeps its own budget; the log says once a minute for the address
# that the limit was reached, naming --rate-forms and never the address. The
# per-email limit (--rate-email) sends the form back filled in too.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store g)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
serve_start "$DB" --rate-forms 3 || exit 1
# the budget is a minute's: a run that would straddle one starts after its turn
s=$(date -u +%S); [ $((10#$s)) -ge 45 ] && sleep $((61 - 10#$s))

# sign AS N: one signer behind address AS, her page in reply.html, status in $code
sign() {
  local csrf
  csrf=$(curl -s --max-time 20 "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | cut -d'"' -f4)
  code=$(curl -s -D reply.h -o reply.html -w '%{http_code}' --max-time 20 -H "X-Forwarded-For: $1" -H "Origin: $U" \
    --data "csrf=$csrf&email=student$2%40campus.example.edu&name=Sam+Student$2&state=CA&county=06990&commitment=cancel-ring" \
    "$U/campaign/pledge")
}
stored() { store_sql "$DB" "SELECT count(*) FROM pledges WHERE email LIKE 'student%'"; }
codes=""
for i in 1 2 3; do sign 198.51.100.7 $i; codes="$codes$code "; done
check "three signers of one address within the budget are taken ($codes)" \
  bash -c "[ '$codes' = '200 200 200 ' ] && [ $(stored) = 3 ]"
sign 198.51.100.7 4
check "the fourth gets 429 with Retry-After" bash -c "[ $code = 429 ] && grep -qiE '^Retry-After: [0-9]+' reply.h"
check "... and her form back, filled in as she sent it" \
  bash -c "grep -q 'value=\"student4@campus.example.edu\"' reply.html && grep -q 'value=\"Sam Student4\"' reply.html &&
           grep -q '<option value=\"06990\" selected' reply.html"
check "... saying many sign from her address, nothing was recorded, and when to send it again" \
  bash -c "grep -q 'Many people are signing from the same address as you just now' reply.html &&
           grep -q 'Nothing was recorded yet. Your answers are below as you gave them: send the form again in [0-9]* second' reply.html"
check "... and nothing of hers is stored" test "$(stored)" = 3
sign 198.51.100.7 5
sign 198.51.100.8 6
check "another address in the same minute has its own budget" bash -c "[ $code = 200 ] && [ $(stored) = 4 ]"
check "the log says once that one address passed --rate-forms 3, and what a shared address needs" \
  test "$(grep -c 'forms: one address sent more than --rate-forms 3 forms this minute; .*need a higher --rate-forms' "$SLOG")" = 1
check "... never naming the address" bash -c "! grep -q '198\.51\.100' '$SLOG'"

# --rate-email (3 a minute for one email address), from four addresses: a
# signer pressing Sign again and again while a slow page hangs. The 4th got
# a bare page too; now her form comes back as she filled it in.
for i in 20 21 22 23; do sign 198.51.100.$i 99; done
check "the 4th pledge a minute for one email: 429, her form back filled in, saying why and when" \
  bash -c "[ $code = 429 ] && grep -q 'value=\"student99@campus.example.edu\"' reply.html &&
           grep -q 'Too many pledges for this address came in the last minute, and nothing was recorded. Your answers are below as you gave them: send the form again in [0-9]* second' reply.html"
finish
