#!/usr/bin/env bash
# webteam_store_replaced.sh — a newsroom rebuilds its store while serve
# runs (a new file moved over the old one's name, or removed and imported
# anew, as `make demo-real` does): the API said "restart sightline serve"
# (503) but the campaign went on answering from handles of the old file,
# so a signer's pledge could be written to a file nobody reads again. Now
# the campaign's pages and forms and the directory answer 503 too, with a
# page saying to send again in a minute, and no pledge is taken.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
NAME=news.example
"$SL" campaign edit --base-url "https://$NAME/" -s $db >/dev/null
serve_start $db --host $NAME || exit 1
FWD=(-s --max-time 20 -H "Host: $NAME" -H 'X-Forwarded-For: 203.0.113.7' -H 'Accept: text/html')
csrf=$(curl "${FWD[@]}" "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
check "the campaign answers before ($csrf)" test -n "$csrf"
# the rebuilt store: made aside, then moved over the old name
new=$(store n)
campaign_demo "$new"
"$SL" campaign edit --base-url "https://$NAME/" -s $new >/dev/null
mv "$new" "$db"; rm -f "$new-wal" "$new-shm"
code=$(curl "${FWD[@]}" -o api.json -w '%{http_code}' "$U/api/info")
check "the API says the store was replaced ($code)" bash -c "[ $code = 503 ] && grep -q 'replaced' api.json"
for p in /campaign /directory /campaign/signers; do
  code=$(curl "${FWD[@]}" -D h.txt -o page.html -w '%{http_code}' "$U$p")
  check "$p: 503, a page saying to come back in a minute ($code)" bash -c "
    [ $code = 503 ] && grep -qi '^Content-Type: text/html' h.txt && grep -q 'Back in a minute' page.html"
done
code=$(curl "${FWD[@]}" -o reply.html -w '%{http_code}' -H "Origin: https://$NAME" \
  --data-binary "email=zed%40example.net&name=Zed+Signer&state=NY&county=36061&commitment=cancel-ring&consent=on&csrf=$csrf" \
  "$U/campaign/pledge")
check "a pledge sent meanwhile: 503, to send again ($code)" bash -c "[ $code = 503 ] && grep -q 'send it again' reply.html"
check "... and stored nowhere" bash -c "[ \"\$(sqlite3 '$db' \"SELECT count(*) FROM pledges WHERE email LIKE 'zed%'\")\" = 0 ]"
check "serve's log says to restart it" grep -q 'replaced by another file.*restart sightline serve' "$SLOG"
serve_stop
serve_start $db --host $NAME || exit 1
code=$(curl "${FWD[@]}" -o /dev/null -w '%{http_code}' "$U/campaign")
check "restarted, serve answers the campaign again ($code)" test "$code" = 200
serve_stop
finish
