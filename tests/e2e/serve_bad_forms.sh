#!/usr/bin/env bash
# serve_bad_forms.sh — the form cases of the bad-input corpus (tests/bad/form-*.txt:
# over-long fields and names, invalid and over-long UTF-8, NUL bytes raw and
# escaped, terminal escapes, bad % escapes, duplicate and unknown fields,
# too many fields, a 20 kB body) posted over HTTP, with a valid CSRF token
# and Origin, to /campaign/pledge and to /directory/suggest (there the
# pledge's email/state/county are swapped for a suggestion's fields, so the
# hostile part is the same), plus cases of the suggestion's own (name
# twice, a name over its 200 bytes) and bodies of 1 MB and 64 MB, declared
# and chunked. Each is answered 4xx with a page that says what went wrong
# (a body over the limit is read to its end first, so the answer is not
# lost to the reset of a connection closed with bytes unread: no retry),
# nothing is stored (store_dump of the store unchanged), and the server
# still answers. The same bodies without the hostile part are then accepted,
# so the refusals are of the hostile part.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
BAD=${SL_SOURCE:?}/tests/bad
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
db=$(store s)
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s $db >/dev/null
"$SL" campaign init --config "$FX/campaign.conf" -s $db >/dev/null
serve_start $db --quiet --rate-forms 0 --rate-email 0 || exit 1
csrf=$(curl -s "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || { not_ok "a CSRF token on /campaign"; finish; exit 1; }
PLEDGE_OK='email=ann%40example.org&state=NY&county=36061'
SUGGEST_OK='category=books&city=Albany&state=NY'
before=$(store_dump $db public_count_hours public_counts) # the hour's counts may be stored at a turn

post() { # post PATH BODYFILE [CURL OPTIONS...]: the status, the page in page.html
  local p=$1 f=$2; shift 2
  rm -f page.html # curl writes none when nothing comes back: no page of the last request may stand in
  curl -s -o page.html -w '%{http_code}' --max-time 30 -H "Origin: $U" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$f" "$@" "$U$p"
}
refused() { # refused NAME PATH BODYFILE [CURL OPTIONS...]
  local name=$1 p=$2 f=$3; shift 3
  local code why=""; code=$(post "$p" "$f" "$@")
  case $code in 4??) ;; *) why="answered $code; " ;; esac
  case $code in
    413) ;; # refused before the body is read: a short plain answer
    # the form again with a box saying what to correct, or, when it could
    # not be read at all, a page saying so
    *) grep -q '<h1>The form could not be read</h1>\|<div class="message error" id="form-error" role="alert"><p>[A-Z]' page.html ||
         why="${why}no page saying what is wrong; " ;;
  esac
  kill -0 "$SPID" 2>/dev/null && [ "$(status /campaign)" = 200 ] || why="${why}the server no longer answers; "
  if [ -z "$why" ]; then ok "$name to $p: $code"; else not_ok "$name to $p: $why$(head -c 200 page.html)"; fi
}

n=0
for f in "$BAD"/form-*.txt; do
  name=$(basename "$f" .txt)
  head -c ${#PLEDGE_OK} "$f" | grep -qxF "$PLEDGE_OK" || { not_ok "$name does not start with a valid pledge"; continue; }
  { cat "$f"; printf '&csrf=%s' "$csrf"; } > body
  refused "$name" /campaign/pledge body
  { printf '%s' "$SUGGEST_OK"; tail -c +$((${#PLEDGE_OK} + 1)) "$f"; printf '&csrf=%s' "$csrf"; } > body
  refused "$name" /directory/suggest body
  n=$((n + 1))
done
check "the corpus has its form cases ($n)" test "$n" -ge 15
printf 'name=A&name=B&%s&csrf=%s' "$SUGGEST_OK" "$csrf" > body
refused "a business name given twice" /directory/suggest body
printf 'name=%s&%s&csrf=%s' "$(head -c 201 /dev/zero | tr '\0' x)" "$SUGGEST_OK" "$csrf" > body
refused "a business name of 201 bytes" /directory/suggest body
{ printf '%s&csrf=%s&name=' "$PLEDGE_OK" "$csrf"; head -c 1000000 /dev/zero | tr '\0' x; } > big
for p in /campaign/pledge /directory/suggest; do
  refused "a body of 1 MB" $p big
  refused "a body of 1 MB, chunked" $p big -H 'Transfer-Encoding: chunked'
  refused "a body of 1 MB, waiting for 100 Continue" $p big -H 'Expect: 100-continue'
done
# 64 MB declared, never sent: refused on the header alone, without waiting for it
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Origin: $U" -H 'Content-Length: 67108864' \
  -H 'Content-Type: application/x-www-form-urlencoded' -X POST "$U/campaign/pledge")
check "64 MB declared is refused 413 before the body ($code)" test "$code" = 413
check "nothing was stored by any refused form" test "$before" = "$(store_dump $db public_count_hours public_counts)"

# the same bodies without the hostile part are taken
printf '%s&csrf=%s' "$PLEDGE_OK" "$csrf" > body
check "the valid pledge prefix is accepted" test "$(post /campaign/pledge body)" = 200
printf 'name=Ann%%27s+Books&%s&csrf=%s' "$SUGGEST_OK" "$csrf" > body
check "the valid suggestion prefix is accepted" test "$(post /directory/suggest body)" = 200
check "and stored: one pledge, one suggestion" \
  test "$(store_sql $db "SELECT (SELECT count(*) FROM pledges) || ',' || (SELECT count(*) FROM business_suggestions)")" = 1,1
serve_stop
check "the server stopped cleanly" test "$SRC" = 0
finish
