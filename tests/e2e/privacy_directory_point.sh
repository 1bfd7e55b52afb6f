#!/usr/bin/env bash
# privacy_directory_point.sh — a privacy reviewer clearing the directory
# before publication (run of 2026-12-07, eighth). A business run from home
# may leave its street out (the suggestion form says so), yet its stored
# point was public to 6 decimals on its page (data-lat/data-lon) and to 9
# in /api/directory, and its distance in a "near" search was measured from
# that point: the house stayed pinned to the metre. A listing without a
# street is published at its point rounded to a hundredth of a degree
# (about a kilometre) on its page, in the search and its distances, in
# /api/directory and on the map; a listing with a street keeps its point;
# /admin's edit form alone shows the stored point. And /api/directory near
# the reader's point said "no-cache" where its page says "private,
# no-store": a shared cache in front kept where she is. On either store.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store dirpoint)
campaign_demo "$DB" || exit 1
"$SL" import businesses "$SL_FIXTURES/directory/businesses.csv" -s "$DB" >/dev/null || exit 1
# the stored point's digits must never be public: 38.91234 and -77.23456
printf 'name,category,address,city,state,zip,lat,lon,website,phone,verification,source\n%s\n%s\n' \
  'Home Braids,Salon,,Alderbrook,VA,22101,38.912345,-77.234567,,555-0199,owner interview,Test list' \
  'Shop Braids,Salon,4 Oak St,Alderbrook,VA,22101,38.923456,-77.245678,,555-0198,owner interview,Test list' >home.csv
"$SL" import businesses home.csv -s "$DB" >/dev/null 2>import.err || exit 1
HOME_ID=$(store_sql "$DB" "SELECT id FROM businesses WHERE name = 'Home Braids'")
SHOP_ID=$(store_sql "$DB" "SELECT id FROM businesses WHERE name = 'Shop Braids'")
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
serve_start "$DB" --quiet || exit 1
STORED='38\.9123|77\.2345' # the home's stored point, to 4 decimals or more

curl -s "$U/directory/$HOME_ID" >home.html
check "the home's page gives its point rounded to a hundredth (38.91, -77.23), never the stored one" bash -c "
  grep -q 'data-lat=\"38.91\" data-lon=\"-77.23\" data-approx=\"1\"' home.html && ! grep -qE '$STORED' home.html"
check "... and says the map shows it within about a kilometre, not at its door" \
  grep -q 'Within about a kilometre, not at its door: a listing without a street address is never shown at its own point' home.html
curl -s "$U/api/directory?q=braids" >api.json
check "/api/directory gives the home at 38.91, -77.23, marked approximate, and the shop at its point" python3 -c "
import json; d = json.load(open('api.json')); b = {r['name']: r for r in d['businesses']}
h, s = b['Home Braids'], b['Shop Braids']
assert (h['lat'], h['lon'], h['approximate']) == (38.91, -77.23, True), h
assert (s['lat'], s['lon'], s['approximate']) == (38.923456, -77.245678, False), s"
check "... and no digit of the home's stored point" bash -c "! grep -qE '$STORED' api.json"
curl -s "$U/directory/$SHOP_ID" >shop.html
check "a listing with a street keeps its point on its page, without the note" bash -c "
  grep -q 'data-lat=\"38.923456\" data-lon=\"-77.245678\"' shop.html && ! grep -q 'data-approx' shop.html &&
  ! grep -q 'Within about a kilometre' shop.html"
# a distance to 0.1 km from three points, or a radius narrowed step by step, finds the point it is measured from
curl -s "$U/directory?lat=38.95&lon=-77.23&km=10" >near.html
check "a search near a point measures the home from 38.91, -77.23 (4.4 km), not from its door (4.2 km)" \
  grep -q 'Home Braids</a> <span class="meta">Salon · Alderbrook, VA · 4.4 km' near.html
check "... and the CLI's search too: within 100 m of the stored point finds nothing, of the public one finds it" bash -c "
  '$SL' businesses --near 38.912345,-77.234567 --km 0.1 --json -s '$DB' | grep -q '\"count\": 0' &&
  '$SL' businesses --near 38.91,-77.23 --km 0.1 --json -s '$DB' | grep -q 'Home Braids'"
check "... whose JSON gives the rounded point, marked approximate" bash -c "
  '$SL' businesses --q braids --json -s '$DB' >cli.json && ! grep -qE '$STORED' cli.json &&
  grep -q '\"approximate\": true' cli.json"
# the map's answer to a search near the reader's point is that point too (directory.js asks with the page's query)
check "/api/directory near a point is kept by no cache, as its page is not (private, no-store)" bash -c "
  curl -sI '$U/directory?lat=38.95&lon=-77.23&km=10' | grep -qi '^Cache-Control: private, no-store' &&
  curl -sI '$U/api/directory?lat=38.95&lon=-77.23&km=10' | grep -qi '^Cache-Control: private, no-store' &&
  curl -sI '$U/api/directory?q=braids' | grep -qi '^Cache-Control: no-cache'"
curl -s "$U/directory?q=braids" >list.html
check "the list (and its printed form) gives no point of the home" bash -c "! grep -qE '$STORED' list.html"
curl -s "$U/directory/suggest" >form.html
check "the suggestion form says a listing without a street is shown within about a kilometre" \
  grep -q 'without a street its map shows it only within about a kilometre, never at its door' form.html
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin/listing?id=$HOME_ID" >edit.html
check "/admin's edit form alone shows the stored point, for the organiser to correct" bash -c "
  grep -q 'value=\"38.912345' edit.html && grep -q 'value=\"-77.234567' edit.html"
serve_stop
check "the import tells the organiser the home is shown only within about a kilometre (one listing: the shop has a street)" \
  grep -qx 'sightline: home.csv: note: 1 listing has no street address: it is shown only within about a kilometre (the point rounded to a hundredth of a degree), never at its own point, as a business run from home' import.err
check "the server's log holds no point of the home" bash -c "! grep -qE '$STORED' '$SLOG'"
finish
