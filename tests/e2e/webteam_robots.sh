#!/usr/bin/env bash
# webteam_robots.sh — `sightline serve --host NAME` on the open internet, as
# a newsroom's proxy forwards its readers (X-Forwarded-For, Host NAME): a
# search engine finds the campaign and the directory, but keeps no page of
# a signer's link (its token in the address), no page of older signers'
# names and no answer to a form (X-Robots-Tag: noindex): a search engine
# keeps a name after its signer left the list. /robots.txt answers (not the
# API's 404 in JSON) and keeps crawlers off the API and the organisers' area.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
NAME=news.example
"$SL" campaign edit --base-url "https://$NAME/" -s $db >/dev/null
serve_start $db --host $NAME || exit 1
FWD=(-H "Host: $NAME" -H 'X-Forwarded-For: 203.0.113.7')
head_of() { curl -s --max-time 20 -o /dev/null -D - "${FWD[@]}" "$@" | tr -d '\r'; }

code=$(curl -s --max-time 20 -o robots.txt -D robots.h -w '%{http_code}' "${FWD[@]}" "$U/robots.txt")
check "/robots.txt answers text ($code)" bash -c "[ $code = 200 ] && grep -qi '^Content-Type: text/plain' robots.h"
check "... keeping crawlers off the API and /admin" bash -c "grep -qx 'Disallow: /api/' robots.txt && grep -qx 'Disallow: /admin' robots.txt"
check "... and not off the campaign, the directory or the dashboard" bash -c "! grep -Eq '^Disallow: /(campaign|directory)?\$' robots.txt"
for p in "/campaign/confirm?token=abc" "/campaign/manage?key=abc" "/campaign/manage" "/campaign/signers?page=2"; do
  check "a signer's page $p says noindex" bash -c "head_of() { curl -s --max-time 20 -o /dev/null -D - -H 'Host: $NAME' -H 'X-Forwarded-For: 203.0.113.7' \"\$@\" | tr -d '\r'; }
    head_of '$U$p' | grep -qi '^X-Robots-Tag: noindex'"
done
csrf=$(curl -s --max-time 20 "${FWD[@]}" "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
head_of -H "Origin: https://$NAME" --data-binary "email=not-an-address&csrf=$csrf" "$U/campaign/pledge" >pledge.h
check "a pledge's answer says noindex ($(head -1 pledge.h))" grep -qi '^X-Robots-Tag: noindex' pledge.h
for p in /campaign /directory /; do
  check "$p is for search engines (no noindex)" bash -c "! curl -s --max-time 20 -o /dev/null -D - -H 'Host: $NAME' -H 'X-Forwarded-For: 203.0.113.7' '$U$p' | grep -qi '^X-Robots-Tag'"
done
# /campaign stays indexed to be found, but the names of its public list are
# kept out of search results, where they would stay after a signer leaves it
curl -s --max-time 20 "${FWD[@]}" "$U/campaign" >campaign.html
check "/campaign's list of public signers is data-nosnippet" grep -q '<section aria-labelledby="signers-h" data-nosnippet>' campaign.html
# a directory search near a point says where the reader is: no shared cache keeps it
head_of "$U/directory?lat=41.88&lon=-87.63" >near.h
head_of "$U/directory" >dir.h
check "a directory search near a point is Cache-Control: private, no-store; the directory itself no-cache" bash -c "
  grep -qi '^Cache-Control: private, no-store' near.h && grep -qi '^Cache-Control: no-cache' dir.h"
serve_stop
finish
