#!/usr/bin/env bash
# serve_api.sh — `sightline serve`'s JSON API answers with exactly the bytes
# the CLI prints with --json for the same parameters (one code path), on
# the demo store and on the real Atlas + FBI + counties store; bad
# parameters are 400 naming them, unknown paths 404; every response carries
# Content-Type, ETag, Cache-Control and the CSP; If-None-Match gets 304;
# the store is never written; the access log never holds a query string.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }

# same NAME API_PATH CLI ARGS...: the API's body equals the CLI's output.
same() {
  local name=$1 path=$2; shift 2
  curl -s --max-time 120 "$U$path" >"$WORK/api.out"
  "$SL" "$@" >"$WORK/cli.out" 2>/dev/null
  if [ -s "$WORK/cli.out" ] && cmp -s "$WORK/api.out" "$WORK/cli.out"; then ok "$name: $path = sightline $*"
  else not_ok "$name: $path differs from sightline $*"; diff <(head -c 600 "$WORK/api.out") <(head -c 600 "$WORK/cli.out") | head -10; fi
}

# same_info NAME ARGS...: /api/info is `info --json` without who made each
# import and without the campaign's live totals: a user name is personal
# data, totals that move when a person signs or confirms tell a watcher
# that she did, and the dashboard is served to whoever reaches it
# (sl_analysis_inventory). Every other byte is the same.
same_info() {
  local name=$1; shift
  curl -s --max-time 120 "$U/api/info" >"$WORK/api.out"
  "$SL" info "$@" >"$WORK/cli.out" 2>/dev/null
  if grep -q '^      "imported_by": ' "$WORK/cli.out" && ! grep -q 'imported_by' "$WORK/api.out" &&
    grep -q '^    "outbox_pending": ' "$WORK/cli.out" && ! grep -q 'outbox_pending' "$WORK/api.out" &&
    cmp -s "$WORK/api.out" <(public_info <"$WORK/cli.out"); then
    ok "$name: /api/info = sightline info $*, without imported_by and the campaign's live totals"
  else not_ok "$name: /api/info differs from sightline info $* (or names who imported, or counts pledges live)"; fi
}

DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
before=$(store_dump "$DB")
serve_start "$DB" || exit 1
S=(-s "$DB" --json)
same_info demo "${S[@]}"
same demo "/api/partnerships" partnerships "${S[@]}"
same demo "/api/partnerships?tech=ring&state=va,oh&by=state" partnerships --tech ring --state va,oh --by state "${S[@]}"
same demo "/api/partnerships?type=police&since=2019-01-01&until=2020-06-30&by=year" partnerships --type police \
  --since 2019-01-01 --until 2020-06-30 --by year "${S[@]}"
same demo "/api/partnerships?tech=Ring+Neighbors&by=month" partnerships --tech "Ring Neighbors" --by month "${S[@]}"
same demo "/api/partnerships/links" partnerships --links "${S[@]}"
same demo "/api/partnerships/links?tech=ring&method=exact" partnerships --links --tech ring --method exact "${S[@]}"
same demo "/api/partnerships/diff?from=2020-01-15&to=2020-10-07" partnerships diff --from 2020-01-15 --to 2020-10-07 "${S[@]}"
same demo "/api/partnerships/diff?from=2020-01-15&to=2020-10-07&tech=ring&state=ca,tx" partnerships diff \
  --from 2020-01-15 --to 2020-10-07 --tech ring --state ca,tx "${S[@]}"
same demo "/api/join?points=posts&areas=demo-tracts" join --points posts --areas demo-tracts "${S[@]}"
same demo "/api/join?points=posts&areas=demo-tracts&where=%5Cb(child%7Ckid)s%3F%5Cb" join --points posts \
  --areas demo-tracts --where '\b(child|kid)s?\b' "${S[@]}"
same demo "/api/join?points=sites&areas=demo-tracts&category=CLINIC" join --points sites --areas demo-tracts \
  --category CLINIC "${S[@]}"
same demo "/api/near?radius=400" near --radius 400 "${S[@]}"
same demo "/api/near?sites=school&radius=1500" near --sites school --radius 1500 "${S[@]}"
same demo "/api/zone?circle=38.9,-77.0,2000" zone --circle 38.9,-77.0,2000 "${S[@]}"
same demo "/api/zone?bbox=-77.2,38.8,-76.9,39.0" zone --bbox=-77.2,38.8,-76.9,39.0 "${S[@]}"
same demo "/api/disparity?events=requests&areas=demo-tracts" disparity --events requests --areas demo-tracts "${S[@]}"
same demo "/api/disparity?events=posts&areas=demo-tracts&baseline=areas&groups=black&seed=7" disparity \
  --events posts --areas demo-tracts --baseline areas --groups black --seed 7 "${S[@]}"
same demo "/api/disparity?events=requests&areas=demo-tracts&groups=black&by_place=1" disparity --events requests \
  --areas demo-tracts --groups black --by-place "${S[@]}"
same demo "/api/density?hex=500" density --hex 500 -s "$DB"
same demo "/api/density?points=posts&hex=300" density --points posts --hex 300 -s "$DB"
# a map's viewport: the whole layer's cells that meet the box, byte for byte
# the CLI's --bbox; asked twice and after another box (the server keeps the
# binning between viewports), and each cell as in the full map
same demo "/api/density?points=posts&hex=300&bbox=-78.2,38.0,-77.9,38.2" density --points posts --hex 300 \
  --bbox=-78.2,38.0,-77.9,38.2 -s "$DB"
same demo "/api/density?points=posts&hex=300&bbox=-77.9,38.42,-77.89,38.43" density --points posts --hex 300 \
  --bbox=-77.9,38.42,-77.89,38.43 -s "$DB"
same demo "/api/density?points=posts&hex=300&bbox=-78.2,38.0,-77.9,38.2" density --points posts --hex 300 \
  --bbox=-78.2,38.0,-77.9,38.2 -s "$DB"
curl -s "$U/api/density?points=posts&hex=300" >"$WORK/dfull.json"
curl -s "$U/api/density?points=posts&hex=300&bbox=-78.2,38.0,-77.9,38.2" >"$WORK/dbox.json"
check "viewport cells are the full map's cells that meet the box, none cut" python3 -c "
import json
full=json.load(open('$WORK/dfull.json'))['features']; box=json.load(open('$WORK/dbox.json'))['features']
meets=[f for f in full if max(p[0] for p in f['geometry']['coordinates'][0]) >= -78.2 and min(p[0] for p in f['geometry']['coordinates'][0]) <= -77.9
       and max(p[1] for p in f['geometry']['coordinates'][0]) >= 38.0 and min(p[1] for p in f['geometry']['coordinates'][0]) <= 38.2]
assert 0 < len(box) < len(full) and box == meets, (len(box), len(meets), len(full))"

# the areas, simplified for the page, are a FeatureCollection of the set
curl -s "$U/api/areas/demo-tracts.geojson" >"$WORK/areas.json"
check "areas GeoJSON holds the set's 36 areas" python3 -c "
import json,sys; d=json.load(open('$WORK/areas.json'))
assert d['type']=='FeatureCollection' and len(d['features'])==36, len(d['features'])
assert all(f['properties']['id'] and f['geometry']['type'] in ('Polygon','MultiPolygon') for f in d['features'])"

# the public point layers: sites and partnered agencies with a location; never posts or cameras
curl -s "$U/api/layers/sites.geojson" >"$WORK/sites.json"
curl -s "$U/api/layers/agencies.geojson" >"$WORK/agencies.json"
check "sites layer: every site of the store as a Point with id, name, category" python3 -c "
import json; d=json.load(open('$WORK/sites.json'))
assert d['type']=='FeatureCollection' and len(d['features'])==7, len(d['features'])
assert all(f['geometry']['type']=='Point' and {'id','name','category'} <= set(f['properties']) for f in d['features'])"
check "agencies layer: located registry agencies with a partnership of the latest snapshot" python3 -c "
import json; d=json.load(open('$WORK/agencies.json'))
assert 0 < len(d['features']) <= 24 and all(f['properties']['technologies'] and f['properties']['ori'] for f in d['features']), len(d['features'])"
check "posts are no point layer (400)" test "$(status /api/layers/posts.geojson)" = 400
# The agency dots follow the figures' filters by the tracker's own rule: the
# layer under FILTERS holds the agencies `partnerships --json` counts under
# them that have a registry location, and says how many of the count have
# none (unlinked to the registry, or without a point in it). What is
# expected comes from the CLI: the figure, the rows' registry links
# (`partnerships --links`, each row's technology, Atlas type and ORI) and the
# located agencies of the unfiltered layer above.
"$SL" partnerships --links "${S[@]}" >"$WORK/links.json"
layer_check() { # layer_check QUERY PYTHON-EXPECTED CLI-ARGS...: the layer's dots are the expected ones
  local query=$1 expected=$2; shift 2
  curl -s "$U/api/layers/agencies.geojson?$query" >"$WORK/layer.json"
  "$SL" partnerships "$@" "${S[@]}" >"$WORK/fig.json"
  check "agencies layer ?$query: the dots are those of the $(jq .agencies "$WORK/fig.json") agencies \`partnerships $*\` counts with a registry location" python3 -c "
import json
d = json.load(open('$WORK/layer.json')); fig = json.load(open('$WORK/fig.json'))
links = json.load(open('$WORK/links.json'))['rows']
located = {f['properties']['ori'] for f in json.load(open('$WORK/agencies.json'))['features']}
dots = [f['properties']['ori'] for f in d['features']]
expected = $expected
assert d['type'] == 'FeatureCollection' and d['agencies'] == fig['agencies'], (d.get('agencies'), fig['agencies'])
assert len(dots) == len(set(dots)) == expected, (len(dots), expected)
assert len(dots) + d['unlinked_agencies'] + d['without_location'] == fig['agencies'], d
assert set(dots) <= located and all(f['geometry']['type'] == 'Point' for f in d['features'])"
}
# every Ring row is linked to a located agency: each Ring agency counted since
# 2020-05-25 is a dot, and the figure's count is the dots' (7 of 24)
layer_check "tech=ring&since=2020-05-25" "fig['agencies'] if all(r['ori'] in located for r in links if 'ring' in r['technology'].lower()) else -1" \
  --tech ring --since 2020-05-25
# by Atlas type: the police agencies linked to a located one (one police row
# is linked to none); the sheriffs' registry agencies have no location
for t in police sheriff; do
  layer_check "type=$t" "len({r['ori'] for r in links if '$t' in r['agency_type'].lower() and r['ori'] in located})" --type "$t"
done
# several filters at once: the figure, and the dots with those left out adding up to it
layer_check "state=va&type=Police&until=2019-12-31" "len(dots)" --state va --type Police --until 2019-12-31
# the same filters as /api/partnerships, refused with its sentences; a
# filtered layer is cached and answers 304 to its ETag as the others do
check "cameras are no point layer (400)" test "$(status /api/layers/cameras.geojson)" = 400

# bad parameters: 400 with {"error"} naming the parameter
bad() { # bad PATH WORD: 400 and the error names WORD
  local code; rm -f "$WORK/err.json"; code=$(curl -s -o "$WORK/err.json" -w '%{http_code}' "$U$1")
  if [ "$code" = 400 ] && python3 -c "import json,sys; e=json.load(open('$WORK/err.json'))['error']; sys.exit('$2' not in e)"; then
    ok "400 naming $2: $1"; else not_ok "$1 gave $code $(head -c 200 "$WORK/err.json") (wanted 400 naming $2)"; fi
}
bad "/api/near?radius=-5" radius
bad "/api/near?radius=abc" radius
bad "/api/near" radius
bad "/api/zone?circle=91,0,100" latitude
bad "/api/zone?circle=1,2" circle
bad "/api/partnerships?since=2020-13-01" since
bad "/api/partnerships?since=2021-01-01" "is after the newest snapshot (2020-10-07)"
bad "/api/partnerships?by=weekday" by
# dates as the CLI takes them, by the same check: YYYY-MM-DD only
bad "/api/partnerships?since=05/25/2020" "--since wants a date YYYY-MM-DD (e.g. 2020-05-25)"
bad "/api/partnerships?until=2020-6-5" "--until wants a date YYYY-MM-DD (e.g. 2020-05-25)"
bad "/api/partnerships?snapshot=10/07/2020" "--snapshot wants a date YYYY-MM-DD (e.g. 2020-05-25)"
bad "/api/partnerships/links?snapshot=2020-10" "--snapshot wants a date YYYY-MM-DD (e.g. 2020-05-25)"
bad "/api/partnerships/diff?from=01/15/2020&to=2020-10-07" "--from wants a date YYYY-MM-DD (e.g. 2020-05-25)"
# turned round, the ended would read as new: refused as the CLI refuses it
bad "/api/partnerships/diff?from=2020-10-07&to=2020-01-15" "--from 2020-10-07 is after --to 2020-01-15: the diff would list ended partnerships as new"
bad "/api/partnerships/links?method=guess" guess
bad "/api/partnerships?tecch=ring" tecch
bad "/api/partnerships?tech=a&tech=b" tech
bad "/api/partnerships?tech=%ZZ" tech
bad "/api/partnerships?tech=a%00b" tech
bad "/api/partnerships?tech=%1b%5b31m" tech
bad "/api/join?points=posts&areas=nope" nope
bad "/api/join?points=posts" areas
bad "/api/density?hex=50" hex
bad "/api/density?hex=300&bbox=1,2,3" bbox
bad "/api/density?hex=300&bbox=10,0,5,1" bbox
bad "/api/disparity?events=requests&areas=demo-tracts&baseline=/etc/passwd" baseline
bad "/api/disparity?events=requests&areas=demo-tracts&seed=0" seed
bad "/api/disparity?events=requests&areas=demo-tracts&by_place=yes" by_place
bad "/api/layers/agencies.geojson?since=2020-13-01" YYYY-MM-DD
bad "/api/layers/agencies.geojson?since=2020-06-01&until=2020-01-01" "no row can be in both"
bad "/api/layers/agencies.geojson?state=XX" "postal codes"
bad "/api/layers/agencies.geojson?by=state" "this path takes: tech, state, type, since, until, snapshot"
bad "/api/layers/sites.geojson?tech=ring" "this path takes: none"
# the CLI refuses the same values with the same sentence
"$SL" near --radius -5 -s "$DB" 2>"$WORK/cli.err"
check "the CLI's --radius rule is the API's" grep -q "wants positive meters, not '-5'" "$WORK/cli.err"
"$SL" partnerships --since 2021-01-01 -s "$DB" 2>"$WORK/cli.err"
check "... and its rule for a --since past the snapshot, the audit's" grep -q "is after the newest snapshot (2020-10-07)" "$WORK/cli.err"

check "unknown path is 404" test "$(status /api/nothing)" = 404
check "unknown top path is 404" test "$(status /etc/passwd)" = 404
# the 404 names every route from the route table (none forgotten)
curl -s --max-time 10 "$U/api/nothing" >"$WORK/404.json"
for p in /api/info /api/partnerships/links /api/server /api/areas/SET.geojson; do
  check "404 names $p" grep -qF "$p" "$WORK/404.json"
done
check "POST is 405" test "$(status /api/info -X POST)" = 405

# headers: Content-Type, ETag, Cache-Control, CSP on page, API and errors
for p in / /api/info "/api/near?radius=abc" /api/nothing; do
  curl -s -D "$WORK/h" -o /dev/null "$U$p"
  if grep -qi '^Content-Type: ' "$WORK/h" && grep -qi '^ETag: "' "$WORK/h" && grep -qi '^Cache-Control: ' "$WORK/h" &&
     grep -qi "^Content-Security-Policy: default-src 'self'" "$WORK/h"; then ok "headers on $p"; else not_ok "headers on $p"; cat "$WORK/h"; fi
done
check "/ is the page (text/html)" bash -c "curl -s -D - -o /dev/null '$U/' | grep -qi '^Content-Type: text/html'"
etag=$(curl -s -D - -o /dev/null "$U/api/partnerships?tech=ring" | sed -n 's/^[Ee][Tt]ag: //p' | tr -d '\r')
check "If-None-Match with the ETag is 304" test "$(status '/api/partnerships?tech=ring' -H "If-None-Match: $etag")" = 304
check "the same query spelled otherwise has the same ETag" test "$(status '/api/partnerships?tech=ring&state=' -H "If-None-Match: $etag")" = 304
check "another query has another ETag" test "$(status '/api/partnerships?tech=flock' -H "If-None-Match: $etag")" = 200
etag=$(curl -s -D - -o /dev/null "$U/api/layers/agencies.geojson?tech=ring&since=2020-05-25" | sed -n 's/^[Ee][Tt]ag: //p' | tr -d '\r')
check "a filtered agencies layer answers 304 to its ETag" \
  test "$(status '/api/layers/agencies.geojson?since=2020-05-25&tech=ring' -H "If-None-Match: $etag")" = 304
# the ETag is of the answer's bytes (a tag of the store's state told a poller
# of every write, a signature too): a filter that keeps other agencies is 200
check "... and another filter of it, of other agencies, 200" test "$(status '/api/layers/agencies.geojson?since=2020-07-01&tech=ring' -H "If-None-Match: $etag")" = 200
aetag=$(curl -s -D - -o /dev/null "$U/" | sed -n 's/^[Ee][Tt]ag: //p' | tr -d '\r')
check "the page answers 304 to its ETag" test "$(status / -H "If-None-Match: $aetag")" = 304
check "HEAD /api/info is 200" test "$(status /api/info -I)" = 200
check "/api/server says not exact, k 5" bash -c "curl -s '$U/api/server' | grep -q '\"exact\": false'"

# the access log: method, path, status, bytes, microseconds; no query string
serve_stop
check "serve exits 0 on SIGTERM" test "$SRC" = 0
check "access log line: GET /api/near 400 bytes us" grep -Eq '^GET /api/near 400 [0-9]+ [0-9]+us$' "$SLOG"
check "access log line for a 200" grep -Eq '^GET /api/partnerships 200 [0-9]+ [0-9]+us$' "$SLOG"
check "no query string in the log" bash -c "! grep -q -e '?' -e '=' -e 'va,oh' -e 'child' '$SLOG'"
check "the store is unchanged" test "$(store_dump "$DB")" = "$before"

# --exact: density without suppression, as density --exact --k 1
serve_start "$DB" --exact --quiet || exit 1
same exact "/api/density?hex=50" density --hex 50 --exact --k 1 -s "$DB"
check "/api/server says exact" bash -c "curl -s '$U/api/server' | grep -q '\"exact\": true'"
serve_stop
check "--quiet logs no request" bash -c "! grep -q '^GET ' '$SLOG'"

# A layer never imported is said, as the CLI says it, not answered with a
# 200 of zeros that reads as a finding: the demo less its posts and requests.
BARE=$(store_copy "$DB" bare)
"$SL" rm 5 9 -s "$BARE" >/dev/null
serve_start "$BARE" --quiet || exit 1
said() { # said PATH SENTENCE: 400 with {"error": SENTENCE}, as the CLI writes it after "STORE: "
  local code; rm -f "$WORK/err.json"; code=$(curl -s -o "$WORK/err.json" -w '%{http_code}' "$U$1")
  if [ "$code" = 400 ] && [ "$(jq -r .error "$WORK/err.json")" = "$2" ]; then ok "no such layer: $1 is 400 saying so"
  else not_ok "$1 gave $code $(head -c 200 "$WORK/err.json") (wanted 400: $2)"; fi
}
said "/api/join?points=posts&areas=demo-tracts" "nothing to measure: no posts imported (sightline import posts FILE)"
said "/api/density?points=posts&hex=500" "nothing to measure: no posts imported (sightline import posts FILE)"
said "/api/zone?circle=38.9,-77.0,2000" "nothing to measure: no cameras or posts imported (sightline import cameras|posts FILE)"
said "/api/join?points=requests&areas=demo-tracts" "no requests imported (sightline import requests FILE)"
"$SL" zone --circle 38.9,-77.0,2000 -s "$BARE" 2>"$WORK/cli.err" >/dev/null
check "... the CLI's sentence for zone" grep -qF "nothing to measure: no cameras or posts imported (sightline import cameras|posts FILE)" "$WORK/cli.err"
check "a layer the store holds still answers (sites)" test "$(status "/api/join?points=sites&areas=demo-tracts")" = 200
serve_stop

# another --bind than loopback warns; a bad address is a usage error
"$SL" serve -s "$DB" --bind 0.0.0.1 --port 0 >/dev/null 2>"$WORK/bind.err"
check "a bad --bind is a usage error" test $? = 2 -o -s "$WORK/bind.err"
serve_start "$DB" --bind 0.0.0.0 --quiet || exit 1
serve_stop
check "--bind 0.0.0.0 prints a warning" grep -q "warning: listening on 0.0.0.0" "$SLOG"
# Exact camera figures (near, zone, join or disparity of posts or cameras,
# density off the ladder of edges) answer only this machine's clients
# unless --exact: the report publishes them suppressed. A non-loopback
# address of this machine plays the other one.
OTHER=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' | grep -v '^127\.' | head -1)
if [ -n "$OTHER" ]; then
  code() { curl -s -o "$WORK/remote.out" -w '%{http_code}' --max-time 20 "$1"; }
  serve_start "$DB" --bind 0.0.0.0 --quiet || exit 1
  R="http://$OTHER:$PORT"
  check "from another address: near, zone, join and disparity of posts or cameras are 403, saying why" bash -c "
    for p in '/api/near?radius=400' '/api/zone?circle=38.9,-77.0,2000' '/api/join?points=posts&areas=demo-tracts' \
             '/api/join?points=cameras&areas=demo-tracts' '/api/disparity?events=cameras&areas=demo-tracts'; do
      [ \"\$(curl -s -o '$WORK/remote.out' -w '%{http_code}' --max-time 20 '$R'\$p)\" = 403 ] || exit 1
      grep -q 'answer only on the machine running sightline serve' '$WORK/remote.out' || exit 1
    done"
  check "... while sites per area, density, the requests' disparity and the partnerships answer it" bash -c "
    for p in '/api/join?points=sites&areas=demo-tracts' '/api/density?hex=500' '/api/disparity?events=requests&areas=demo-tracts' \
             '/api/partnerships?by=state'; do
      [ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 '$R'\$p)\" = 200 ] || exit 1
    done"
  check "... and this machine still gets the exact answer" test "$(code "$U/api/near?radius=400")" = 200
  # the page asks first which figures it gets, so it asks no refused one
  check "/api/client tells the other address it gets the published figures, and this machine the exact ones" bash -c "
    curl -s --max-time 20 '$R/api/client' | grep -qx '{\"exact_figures\":false}' &&
    curl -s --max-time 20 '$U/api/client' | grep -qx '{\"exact_figures\":true}' &&
    curl -s --max-time 20 -H 'X-Forwarded-For: 203.0.113.7' '$U/api/client' | grep -qx '{\"exact_figures\":false}'"
  serve_stop
  serve_start "$DB" --bind 0.0.0.0 --exact --quiet || exit 1
  R="http://$OTHER:$PORT"
  check "with --exact another address gets near's exact answer" test "$(code "$R/api/near?radius=400")" = 200
  check "... and /api/client tells it so" bash -c "curl -s --max-time 20 '$R/api/client' | grep -qx '{\"exact_figures\":true}'"
  serve_stop
else
  not_ok "this machine has no non-loopback IPv4 address: the rule keeping exact camera figures local is untested"
fi
"$SL" serve -s "$(store_missing none)" --port 0 2>"$WORK/none.err"
check "a missing store: exit 1 before serving" test $? = 1

# the real data: Atlas of Surveillance + FBI registry + US counties + ICE sites
if [ -d "${SL_SHARED_DATA:-/nonexistent}" ] && [ -f "$SL_SOURCE/node_modules/us-atlas/counties-10m.json" ]; then
  US_ATLAS="$SL_SOURCE/node_modules/us-atlas/counties-10m.json"
  R=$(store real)
  "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$R" >/dev/null 2>&1
  "$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$R" >/dev/null 2>&1
  import_counties "$R"
  import_ice "$R"
  serve_start "$R" --quiet || exit 1
  S=(-s "$R" --json)
  same_info real "${S[@]}"
  same real "/api/partnerships?tech=ring&since=2020-05-25&by=state" partnerships --tech ring --since 2020-05-25 --by state "${S[@]}"
  same real "/api/partnerships?tech=ring&state=CA,TX&type=police&by=year" partnerships --tech ring --state CA,TX --type police --by year "${S[@]}"
  same real "/api/partnerships/links?tech=ring&method=fuzzy" partnerships --links --tech ring --method fuzzy "${S[@]}"
  same real "/api/join?points=sites&areas=counties" join --points sites --areas counties "${S[@]}"
  same real "/api/join?points=sites&areas=counties&category=ice&where=county" join --points sites --areas counties \
    --category ice --where county "${S[@]}"
  same real "/api/partnerships?state=NY&by=type" partnerships --state NY --by type "${S[@]}"
  # the Ring agencies partnered since Ring's 2020-05-25 announcement: the
  # dots and those without a registry location add up to the figure
  curl -s "$U/api/layers/agencies.geojson?tech=ring&since=2020-05-25" >"$WORK/ring.json"
  curl -s "$U/api/layers/agencies.geojson" >"$WORK/all.json"
  "$SL" partnerships --tech ring --since 2020-05-25 "${S[@]}" >"$WORK/ringfig.json"
  check "real: the Ring dots since 2020-05-25 are the $(jq .agencies "$WORK/ringfig.json") agencies the figure counts, less those without a registry location" python3 -c "
import json
d = json.load(open('$WORK/ring.json')); fig = json.load(open('$WORK/ringfig.json'))
every = {f['properties']['ori'] for f in json.load(open('$WORK/all.json'))['features']}
dots = {f['properties']['ori'] for f in d['features']}
assert d['agencies'] == fig['agencies'] and len(dots) == len(d['features']), (d['agencies'], fig['agencies'])
assert len(dots) + d['unlinked_agencies'] + d['without_location'] == fig['agencies'], d
assert dots < every and 0 < len(dots) < fig['agencies'] <= 0.2 * len(every), (len(dots), len(every))
assert all('Ring/Neighbors Partnership' in f['properties']['technologies'] for f in d['features'])"
  curl -s "$U/api/areas/counties.geojson" >"$WORK/counties.json"
  check "real: counties GeoJSON is simplified (under 8 MB) and whole" python3 -c "
import json,os; d=json.load(open('$WORK/counties.json')); n=len(d['features'])
assert n > 3000 and os.path.getsize('$WORK/counties.json') < 8e6, (n, os.path.getsize('$WORK/counties.json'))"
  check "real: each county names its state from its FIPS id (Cook 17031 in IL; none without)" python3 -c "
import json; d=json.load(open('$WORK/counties.json')); p={f['properties']['id']: f['properties'] for f in d['features']}
assert p['17031']['state'] == 'IL' and p['06037']['state'] == 'CA', (p['17031'], p['06037'])
assert all(len(x.get('state', '')) == 2 for x in p.values())"
  serve_stop
else
  echo "note: real data or us-atlas missing; the real-store comparisons did not run"
fi
finish
