#!/usr/bin/env bash
# serve_public_hexagons.sh — what a visitor from outside (a --host name, or
# a proxy's forwarding header) can ask of the density map and the
# disparity. Every edge of a layer bins one grid scaled about one centre:
# from outside, /api/density at 5000 m and at 5000.01 m differed in a shown
# cell by one camera, which lay in the 4 m sliver between the two
# hexagons, and a sweep of edges put a guess within a metre of a camera
# (run of 2026-12-06, FBI agency locations as cameras: 400 requests). And
# /api/disparity of cameras gave each area's exact count ("events": 1)
# where the report writes "< 5". Now edges off the ladder (1, 2.5 or 5
# times a power of ten metres) and a disparity of posts or cameras answer
# only this machine, as near, zone and join of them do.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }

DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
NAME=campaign.example.org
serve_start "$DB" --host $NAME --quiet || exit 1

# code PATH [CURL OPTIONS...]: the status of PATH (the body in $WORK/body)
code() { local p=$1; shift; curl -s -o "$WORK/body" -w '%{http_code}' --max-time 120 "$@" "$U$p"; }
outside() { code "$1" -H "Host: $NAME"; }
forwarded() { code "$1" -H "X-Forwarded-For: 203.0.113.9"; }

got=$(outside '/api/density?points=posts&hex=500'); cp "$WORK/body" "$WORK/500.json"
check "from outside, an edge of the ladder answers (500 m: $got)" test "$got" = 200
check "... with shown cells (the check below means something)" grep -q '"locations":' "$WORK/500.json"
got="$(outside '/api/density?points=posts&hex=500.01') $(forwarded '/api/density?points=posts&hex=500.01')"
check "an edge a hair off it is refused from outside, by --host name and by proxy header ($got)" test "$got" = "403 403"
check "... saying why and which edges answer" grep -q 'two maps whose edges differ by a little, subtracted, place single cameras' "$WORK/body"
got="$(outside '/api/density?hex=510') $(outside '/api/density?points=cameras&hex=1234') $(outside '/api/density?hex=100.5')"
check "so are 510 m (posts by default), 1,234 m of cameras and 100.5 m ($got)" test "$got" = "403 403 403"
codes="" all=1
for hex in $(sed -n 's|.*<option value="\([0-9][0-9]*\)">.*|\1|p' "$SL_SOURCE/src/web/assets/index.html"); do
  c=$(outside "/api/density?points=posts&hex=$hex&bbox=-78.2,38.0,-77.9,38.2")
  codes="$codes$hex:$c "
  [ "$c" = 200 ] || all=0
done
check "every edge the dashboard offers answers from outside ($codes)" test -n "$codes" -a $all = 1
got="$(outside '/api/density?points=sites&hex=510') $(outside '/api/density?hex=2500') $(outside '/api/density?hex=1e3')"
check "sites (public addresses) at any edge, 2,500 m and 1e3 m answer from outside ($got)" test "$got" = "200 200 200"
got=$(code '/api/density?points=posts&hex=510')
check "this machine still bins any edge (510 m: $got)" test "$got" = 200

got="$(outside '/api/disparity?events=cameras&areas=demo-tracts') $(forwarded '/api/disparity?events=posts&areas=demo-tracts')"
check "from outside a disparity of cameras or posts (each tract's exact count) is refused ($got)" test "$got" = "403 403"
check "... saying why" grep -q "gives each area's exact count" "$WORK/body"
got="$(outside '/api/disparity?events=requests&areas=demo-tracts') $(code '/api/disparity?events=cameras&areas=demo-tracts')"
check "police requests' disparity answers outside, the cameras' this machine ($got)" test "$got" = "200 200"
serve_stop

serve_start "$DB" --host $NAME --exact --quiet || exit 1
got="$(outside '/api/density?points=posts&hex=510') $(outside '/api/disparity?events=cameras&areas=demo-tracts')"
check "a server run --exact answers both from outside ($got)" test "$got" = "200 200"
serve_stop
finish
