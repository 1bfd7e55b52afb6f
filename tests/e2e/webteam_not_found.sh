#!/usr/bin/env bash
# webteam_not_found.sh — a reader from outside (a newsroom's proxy in front,
# its headers sent with curl) who follows a mistyped or stale link gets a
# page, not the API's error in JSON listing its paths; the API keeps its
# JSON. A team that put serve under a sub-path of its site
# (https://news.example/sightline/, README says it takes a name of its own)
# is told so by the 404, in the page and in the JSON, and README's
# "Publishing" says so before they try.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
NAME=news.example
serve_start $db --host $NAME || exit 1
FWD=(-s --max-time 20 -H "Host: $NAME" -H 'X-Forwarded-For: 203.0.113.7')
HTML=(-H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')

code=$(curl "${FWD[@]}" "${HTML[@]}" -D nf.h -o nf.html -w '%{http_code}' "$U/story-2026/ring")
check "a mistyped link from a browser: 404 as a page ($code)" bash -c "
  [ $code = 404 ] && grep -qi '^Content-Type: text/html' nf.h && grep -q '<h1>No page here</h1>' nf.html"
check "... that leads to the figures, and lists no API paths" bash -c "grep -q 'href=\"/\"' nf.html && ! grep -q '/api/' nf.html"
check "... and says nothing of a sub-path" bash -c "! grep -q 'sub-path' nf.html"
code=$(curl "${FWD[@]}" "${HTML[@]}" -o api.json -w '%{http_code}' "$U/api/nope")
check "the API's own 404 stays JSON ($code)" bash -c "[ $code = 404 ] && grep -q '^{\"error\":\"no such path' api.json"
for p in /sightline/ /sightline/campaign /sightline/assets/app.css; do
  code=$(curl "${FWD[@]}" "${HTML[@]}" -o sub.html -w '%{http_code}' "$U$p")
  check "serve under a sub-path, $p: the 404 says to give it a name of its own ($code)" bash -c "
    [ $code = 404 ] && grep -q 'not under a sub-path such as /sightline/' sub.html && grep -q 'a name of its own' sub.html"
done
code=$(curl "${FWD[@]}" -o sub.json -w '%{http_code}' "$U/sightline/api/info")
check "... and the API's JSON too ($code)" bash -c "[ $code = 404 ] && grep -q 'not under a sub-path such as /sightline/' sub.json"
check "README's Publishing says serve takes a name of its own, not a sub-path" bash -c "
  sed -n '/^### Publishing/,/^## /p' '$SL_SOURCE/README.md' | tr '\n' ' ' | grep -q 'a name of its own.*not a sub-path'"
serve_stop
finish
