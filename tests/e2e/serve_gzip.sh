#!/usr/bin/env bash
# serve_gzip.sh — serve sends public bytes gzipped to a client that takes
# gzip (the campaign's county map on a phone was 1.1 MB of GeoJSON, the
# dashboard's scripts some 400 kB): an API answer and an embedded script
# come back with Content-Encoding: gzip, smaller, and decompress to exactly
# the plain answer; the kept (cached) answer is the same bytes; each
# encoding has its own ETag and a 304 answers its own; "gzip;q=0" or no
# Accept-Encoding gets the plain bytes; every answer says Vary:
# Accept-Encoding. A page holding a form's secret (/campaign, a suggestion)
# is never compressed: its length could give the secret away (BREACH).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
serve_start $db || exit 1
GZ=(-H 'Accept-Encoding: gzip')
enc() { tr -d '\r' < "$1" | sed -n 's/^[Cc]ontent-[Ee]ncoding: *//p'; }
etag() { tr -d '\r' < "$1" | sed -n 's/^[Ee][Tt]ag: *//p'; }

for p in /api/areas/counties.geojson /assets/leaflet.js; do
  curl -s -D plain.h -o plain.body "$U$p"
  curl -s -D gz.h -o gz.body "${GZ[@]}" "$U$p"
  curl -s -D gz2.h -o gz2.body "${GZ[@]}" "$U$p"
  check "$p: gzip when asked, smaller, and the same bytes once decompressed" bash -c "
    [ '$(enc gz.h)' = gzip ] && [ -z '$(enc plain.h)' ] && [ \$(stat -c %s gz.body) -lt \$(stat -c %s plain.body) ] &&
    gzip -dc gz.body | cmp -s - plain.body"
  check "$p: asked again, the same gzip bytes" cmp -s gz.body gz2.body
  check "$p: both say Vary: Accept-Encoding" bash -c "grep -qi '^Vary: Accept-Encoding' plain.h && grep -qi '^Vary: Accept-Encoding' gz.h"
  pt=$(etag plain.h) gt=$(etag gz.h)
  check "$p: each encoding its own ETag, and a 304 for its own" bash -c "
    [ -n '$pt' ] && [ -n '$gt' ] && [ '$pt' != '$gt' ] &&
    [ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H 'If-None-Match: $gt' '$U$p') = 304 ] &&
    [ \$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: $gt' '$U$p') = 200 ]"
  curl -s -D q0.h -o q0.body -H 'Accept-Encoding: gzip;q=0, identity' "$U$p"
  check "$p: gzip;q=0 gets the plain bytes" bash -c "[ -z '$(enc q0.h)' ] && cmp -s q0.body plain.body"
done
for p in /campaign /directory/suggest; do
  curl -s -D page.h -o page.body "${GZ[@]}" "$U$p"
  check "$p (a form's secret inside) is never compressed" bash -c "
    grep -q '^HTTP/1.1 200' page.h && [ -z '$(enc page.h)' ] && grep -q 'name=\"csrf\"' page.body"
done
finish
