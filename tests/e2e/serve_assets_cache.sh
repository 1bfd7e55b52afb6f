#!/usr/bin/env bash
# serve_assets_cache.sh — every page serve writes (the dashboard, the
# campaign, the directory) asks for its scripts and styles at a versioned
# address, /assets/NAME?v=VERSION, the first 12 hex digits of the file's
# SHA-256, and such an answer may be kept a year (immutable): a reader's
# second page asks for no file again. The same file asked for without its
# version, or with an older one, is today's bytes, asked again each time
# (no-cache), so a page cached before an upgrade never runs a stale script.
# No script the pages load asks for another at a bare address (campaign.js
# asked for /assets/paper.js so, revalidated at every visit).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
serve_start $db || exit 1
hdr() { curl -s --max-time 20 -o /dev/null -D - "$@" | tr -d '\r'; }

for page in / /campaign /directory "/directory?lat=40.71&lon=-74.0"; do
  curl -s --max-time 20 "$U$page" >page.html
  grep -o '"/assets/[^"]*"' page.html | tr -d '"' | sort -u >refs.txt
  check "$page asks for its files ($(wc -l <refs.txt))" test -s refs.txt
  check "... each at a versioned address ($(grep -cv '?v=[0-9a-f]\{12\}$' refs.txt) without)" \
    bash -c "! grep -qv '?v=[0-9a-f]\{12\}\$' refs.txt"
  bad=""
  while read -r ref; do
    curl -s --max-time 20 -D h.txt -o body.bin "$U$ref"
    v=${ref##*v=}; sum=$(sha256sum body.bin | cut -c1-12)
    tr -d '\r' <h.txt | grep -qi '^Cache-Control: public, max-age=31536000, immutable$' || bad+=" $ref(cache)"
    [ "$v" = "$sum" ] || bad+=" $ref(version $v, bytes $sum)"
  done <refs.txt
  check "... each kept a year, its version its bytes' SHA-256 ($bad)" test -z "$bad"
  # a script asking for another at its bare address (campaign.js did, paper.js) had it revalidated at every visit
  late=""
  while read -r ref; do
    case $ref in *.js\?v=*) curl -s --max-time 20 "$U$ref" | grep -qE "[\"']/assets/[A-Za-z0-9._-]+[\"']" && late+=" $ref";; esac
  done <refs.txt
  check "... and none of its scripts asks for a file at an unversioned address ($late)" test -z "$late"
done
curl -s --max-time 20 "$U/campaign" | grep -o '"/assets/paper.js?v=[0-9a-f]*"' >paper.txt
check "/campaign loads paper.js (the pledge map on paper) at its versioned address" test -s paper.txt

ref=$(curl -s --max-time 20 "$U/" | grep -o '/assets/app.js?v=[0-9a-f]*')
hdr "$U/assets/app.js" >plain.h
hdr "$U/assets/app.js?v=000000000000" >old.h
check "app.js without its version is asked again each time (no-cache)" grep -qi '^Cache-Control: no-cache$' plain.h
check "... and with another version, as a page cached before an upgrade asks" grep -qi '^Cache-Control: no-cache$' old.h
etag=$(hdr "$U$ref" | grep -i '^ETag:' | sed 's/^[^:]*: //')
hdr -H "If-None-Match: $etag" "$U$ref" >again.h
check "a browser revalidating the versioned address gets 304, kept a year ($(head -1 again.h))" bash -c "
  head -1 again.h | grep -q ' 304' && grep -qi '^Cache-Control: public, max-age=31536000, immutable$' again.h"
hdr -H 'Accept-Encoding: gzip' "$U$ref" >gz.h
check "... and its gzip too" bash -c "grep -qi '^Content-Encoding: gzip' gz.h && grep -qi 'immutable' gz.h"
hdr "$U/" >index.h
check "the page itself is asked again each time (no-cache), so it names today's versions" grep -qi '^Cache-Control: no-cache$' index.h
finish
