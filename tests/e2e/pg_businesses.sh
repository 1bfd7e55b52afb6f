#!/usr/bin/env bash
# pg_businesses.sh — the businesses directory on PostgreSQL (issue #17): the
# same directory imported into an SQLite file and a PostgreSQL database
# (the fixture, its GeoJSON twin, and 2,500 generated listings whose words
# repeat so that FTS5's bm25 ranks them in many different scores) gives
# byte-identical `sightline businesses` output in table, CSV and JSON for
# words, prefixes, diacritics, category, state, near a point and near a
# county, before and after `rm` of an import and after the moderation
# queue (suggest, approve, reject) ran on both. `serve` answers /directory,
# its pages, /api/directory and a listing's page with the same bytes on
# both; the organisers' approve and edit on PostgreSQL show at once in the
# search (the server's in-memory index follows the directory's
# generation), and twenty searches of an unchanged directory read its rows
# at most once. Listings with a location are PostGIS points with a GiST
# index. `demo --campaign` writes the same directory into a database as
# into a file.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }
. "$(dirname "$0")/serve_lib.bash"
pg_start
trap 'for p in "${SERVE_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; pg_stop; rm -rf "$WORK"' EXIT
FX=$SL_FIXTURES/directory
cd "$WORK" || exit 1
DB=$WORK/d.db
PG=$PG_URL

python3 - >gen.csv <<'PY'
import csv, random, sys
random.seed(1717)
words = ["Bakery", "Books", "Café", "Soul", "Food", "Kitchen", "Barber", "Shop", "Tailor", "Florist", "Market",
         "Grocery", "Coffee", "House", "Crème", "Fulton", "Harlem", "Southside", "Garden", "Family", "Sisters",
         "Brothers", "Corner", "Deli", "Print", "Studio", "Hair", "Salon", "Tea", "Jazz", "Records", "Bakehouse"]
weights = [1 / (i + 1) for i in range(len(words))]
cats = ["Bakery", "Bookstore", "Cafe", "Restaurant", "Barber", "Tailor", "Florist", "Grocery", "Salon", "Hardware"]
places = [("Brooklyn", "NY", 40.68, -73.95), ("New York", "NY", 40.80, -73.95), ("Chicago", "IL", 41.85, -87.65),
          ("Evanston", "IL", 42.04, -87.69), ("Los Angeles", "CA", 34.02, -118.30), ("Oakland", "CA", 37.80, -122.27),
          ("Atlanta", "GA", 33.75, -84.39), ("Detroit", "MI", 42.35, -83.10)]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["name", "category", "address", "city", "state", "zip", "lat", "lon", "website", "phone", "verification",
            "source"])
for i in range(2500):
    name = " ".join(random.choices(words, weights, k=random.randint(1, 4)))
    city, st, lat, lon = random.choice(places)
    addr = f"{random.randint(1, 999)} {random.choice(words)} {random.choice(['St', 'Ave', 'Blvd'])}"
    has = random.random() < 0.85
    w.writerow([f"{name} {i:04d}", random.choice(cats), addr, city, st.lower() if i % 7 == 0 else st,
                f"{random.randint(10000, 99999)}",
                f"{lat + random.uniform(-0.4, 0.4):.6f}" if has else "", f"{lon + random.uniform(-0.4, 0.4):.6f}" if has else "",
                f"https://b{i}.example" if i % 3 else "", f"555-{i:04d}", "owner interview", "Generated test list"])
PY
for s in "$DB" "$PG"; do
  check "import the counties ($s)" "$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$s"
  check "import the fixture directory ($s)" "$SL" import businesses "$FX/businesses.csv" -s "$s"
  check "import the generated directory ($s)" "$SL" import businesses gen.csv -s "$s"
  check "import the GeoJSON directory ($s)" "$SL" import businesses "$SL_FIXTURES/campaign/businesses.geojson" -s "$s"
done
check "the same imports listed on both" cmp <("$SL" info --json -s "$DB" | jq -S '[.sources[] | del(.imported_at)]') \
  <("$SL" info --json -s "$PG" | jq -S '[.sources[] | del(.imported_at)]')

# same NAME ARGS...: `sightline businesses ARGS` is the same bytes on both
# stores, and finds something. JSON carries every field of every row in
# order; the table and CSV are printed from those rows by code that does
# not know the backend, so they are compared on the first pass only
# (FORMATS), where they would show a backend's difference first.
QUERIES=0
FORMATS="table csv json"
same() {
  local name=$1; shift
  local f ok=1
  for f in $FORMATS; do
    "$SL" businesses "$@" --format $f -s "$DB" >"$name.$f.sqlite" 2>"$name.$f.sqlite.err" || ok=0
    "$SL" businesses "$@" --format $f -s "$PG" >"$name.$f.pg" 2>"$name.$f.pg.err" || ok=0
    cmp -s "$name.$f.sqlite" "$name.$f.pg" && cmp -s "$name.$f.sqlite.err" "$name.$f.pg.err" || ok=0
  done
  [ "$(jq .count "$name.json.pg")" -gt 0 ] 2>/dev/null || ok=0
  QUERIES=$((QUERIES + 1))
  check "businesses $* is the same on both ($(jq .count "$name.json.pg" 2>/dev/null) found)" [ $ok = 1 ]
}
compare_all() { # compare_all TAG: every query on both stores
  same "$1-all"
  same "$1-bak" --q bak
  same "$1-bakery" --q bakery
  same "$1-cafe" --q cafe
  same "$1-creme" --q creme
  same "$1-soulfood" --q "soul food"
  same "$1-two" --q "sisters bakery"
  same "$1-letter" --q b
  same "$1-hostile" --q 'fulton* -"bak('
  same "$1-cat" --category bakery
  same "$1-state" --state ny
  same "$1-mixed" --q house --category cafe --state IL
  same "$1-near" --near 40.70,-73.99 --km 20
  same "$1-nearq" --near 41.85,-87.65 --km 30 --q shop
  same "$1-county" --county 17031 --km 10
  same "$1-countyq" --county 36047 --km 5 --q tea
  same "$1-sorted" --q market --sort name --top 15
}
compare_all before
FORMATS=json
check "the directory's listings are PostGIS points with a GiST index" [ "$(pg_sql sightline \
  "SELECT (SELECT count(*) FROM sightline.businesses WHERE ST_X(location) = lon AND ST_Y(location) = lat
     AND ST_SRID(location) = 4326) = (SELECT count(*) FROM sightline.businesses WHERE lat IS NOT NULL)
   AND (SELECT count(*) FROM sightline.businesses WHERE lat IS NOT NULL) > 2000
   AND (SELECT count(*) FROM pg_indexes WHERE schemaname = 'sightline'
     AND indexdef LIKE '%businesses USING gist (location)%') = 1")" = t ]

# rm of an import: its listings and their words leave both indexes alike
for s in "$DB" "$PG"; do check "rm the fixture directory ($s)" "$SL" rm 2 -s "$s"; done
compare_all removed
check "its listings are gone" [ "$(pg_sql sightline "SELECT count(*) FROM sightline.businesses WHERE source_id = 2")" = 0 ]

# moderation: suggestions queued, one approved, one rejected, on both
printf 'name=Tea+House+Pending&category=Cafe&city=Chicago&state=IL&lat=41.88&lon=-87.63' >sug1.txt
printf 'name=Bakery+Rejected&category=Bakery&city=Chicago&state=IL' >sug2.txt
for s in "$DB" "$PG"; do
  check "suggest twice ($s)" bash -c "'$SL' campaign suggest --form sug1.txt -s '$s' && '$SL' campaign suggest --form sug2.txt -s '$s'"
  check "approve one, reject the other ($s)" bash -c "'$SL' campaign approve 1 -s '$s' && '$SL' campaign reject 2 -s '$s'"
done
same moderated-tea --q "tea house"
same moderated-bak --q bakery --state il
check "the approved suggestion is listed, the rejected one not" bash -c "
  grep -q 'Tea House Pending' moderated-tea.json.pg && ! grep -q 'Bakery Rejected' moderated-bak.json.pg"
# decided, a suggestion keeps its number and status only (dirowner_suggestion_forgotten.sh)
check "the queue is in PostgreSQL, emptied of what the suggesters sent once decided, as SQLite's" [ \
  "$(pg_sql sightline "SELECT string_agg(name || ':' || status || ':' || coalesce(city, ''), ',' ORDER BY id) FROM sightline.business_suggestions")" = \
  ":approved:,:rejected:" ]

# ---- serve: the same pages from both stores ------------------------------
serve_start "$DB" || exit 1
US=$U
serve_start "$PG" || exit 1
UP=$U
PAGES=("/directory" "/directory?q=bak" "/directory?q=bak&page=2" "/directory?q=bak&page=7" "/directory?q=caf%C3%A9"
  "/directory?category=salon&state=ga" "/directory?county=17031&km=10" "/directory?county=36047&km=3&q=shop"
  "/directory?lat=40.8075&lon=-73.9456&km=5" "/directory?q=fulton&sort=name" "/directory?q=NEAR(%22x%22+OR)+*+name:"
  "/api/directory" "/api/directory?q=hair&state=CA" "/directory/5" "/directory/2400" "/directory/9999"
  "/directory?county=99999")
ok=1
for p in "${PAGES[@]}"; do
  a=$(curl -s -w '%{http_code}' --max-time 30 "$US$p")
  b=$(curl -s -w '%{http_code}' --max-time 30 "$UP$p")
  [ "$a" = "$b" ] && [ ${#a} -gt 100 ] || { ok=0; echo "differs or short: $p" >&2; }
done
check "serve gives the same bytes from both stores for ${#PAGES[@]} directory pages" [ $ok = 1 ]

# the organisers' approve and edit through /admin on PostgreSQL
TOKEN=$("$SL" campaign token -s "$PG" 2>/dev/null)
printf 'name=Jazz+Corner+Suggested&category=Records&city=Detroit&state=MI&lat=42.33&lon=-83.05' >sug3.txt
check "a suggestion queued while the server runs" "$SL" campaign suggest --form sug3.txt -s "$PG"
names() { curl -s --max-time 20 "$UP/directory?$1" | sed -n 's|.*<li><a href="/directory/[0-9]*">\(.*\)</a> <span.*|\1|p'; }
check "before approval it is not in the directory" test -z "$(names 'q=jazz+corner+suggested')"
reads() { sleep 1.5; pg_sql sightline "SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables
  WHERE relname = 'businesses'"; }
r0=$(reads)
for i in $(seq 20); do curl -s -o /dev/null "$UP/directory?q=soul&page=$((i % 3 + 1))"; done
r1=$(reads)
check "twenty searches of an unchanged directory read its rows at most once ($((r1 - r0)) rows read)" \
  [ $((r1 - r0)) -le 2600 ]
printf 'name,category,city,state\nSoul Extra Added,Restaurant,Detroit,MI\n' >extra.csv
for s in "$DB" "$PG"; do "$SL" import businesses extra.csv -s "$s" >/dev/null || not_ok "import extra.csv ($s)"; done
curl -s -o /dev/null "$UP/directory?q=soul&sort=name"
r2=$(reads)
check "while an import rebuilds the index at the next search ($((r2 - r1)) rows read)" [ $((r2 - r1)) -ge 2500 ]
O=(-H "Origin: $UP")
curl -s -c jar -o /dev/null -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$UP/admin/login"
curl -s -b jar "$UP/admin" >admin.html
CSRF=$(sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' admin.html | head -1)
check "the admin page lists the pending suggestion" grep -q 'Jazz Corner Suggested' admin.html
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=3&action=approve" "$UP/admin/decide" >decide.html
check "approved through /admin, it is in /directory at once" bash -c "
  grep -q 'Approved: “[^”]*” is listing [0-9]* of the directory' decide.html && [ \"\$(curl -s '$UP/directory?q=jazz+corner+suggested' |
    sed -n 's|.*<li><a href=\"/directory/[0-9]*\">\(.*\)</a> <span.*|\1|p')\" = 'Jazz Corner Suggested' ]"
LID=$(pg_sql sightline "SELECT id FROM sightline.businesses WHERE name LIKE 'Soul %' ORDER BY id LIMIT 1")
curl -s -b jar "$UP/admin/listing?id=$LID" >edit.html
check "the edit form holds the listing's fields" grep -q 'value="Soul ' edit.html
curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" \
  -d "id=$LID&name=Nostrand+Tools&category=Hardware&city=Brooklyn&state=NY&lat=40.687&lon=-73.978&website=https%3A%2F%2Ftools.example" \
  "$UP/admin/listing" >edit2.html
STORED=$(pg_sql sightline "SELECT name FROM sightline.businesses WHERE id = $LID")
check "an edit is saved in PostgreSQL and searchable by its new name at once" bash -c "
  grep -q 'listing is saved' edit2.html && [ '$STORED' = 'Nostrand Tools' ] && [ \"\$(curl -s '$UP/directory?q=nostrand+tools' |
    sed -n 's|.*<li><a href=\"/directory/[0-9]*\">\(.*\)</a> <span.*|\1|p')\" = 'Nostrand Tools' ]"
# "suggest a business" posted to the server lands in PostgreSQL's queue
SCSRF=$(curl -s "$UP/directory/suggest" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
code=$(curl -s -o sugg.html -w '%{http_code}' -H "Origin: $UP" --data-binary "name=Corner+Books+Posted&category=books&state=NY&csrf=$SCSRF" "$UP/directory/suggest")
check "a suggestion posted to serve is queued in PostgreSQL" bash -c "[ '$code' = 200 ] && [ \"$(pg_sql sightline \
  "SELECT status FROM sightline.business_suggestions WHERE name = 'Corner Books Posted'")\" = pending ]"
# the same edits on the SQLite store: then every answer is the same again
"$SL" campaign suggest --form sug3.txt -s "$DB" >/dev/null && "$SL" campaign approve 3 -s "$DB" >/dev/null
TOKS=$("$SL" campaign token -s "$DB" 2>/dev/null)
O=(-H "Origin: $US")
curl -s -c jars -o /dev/null -X POST "${O[@]}" --data-urlencode "token=$TOKS" "$US/admin/login"
CSRFS=$(curl -s -b jars "$US/admin" | sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' | head -1)
curl -s -b jars -o /dev/null -X POST "${O[@]}" --data-urlencode "csrf=$CSRFS" \
  -d "id=$LID&name=Nostrand+Tools&category=Hardware&city=Brooklyn&state=NY&lat=40.687&lon=-73.978&website=https%3A%2F%2Ftools.example" \
  "$US/admin/listing"
ok=1
for p in "${PAGES[@]}" "/directory?q=nostrand" "/directory/$LID" "/directory?q=soul"; do
  [ "$(curl -s --max-time 30 "$US$p")" = "$(curl -s --max-time 30 "$UP$p")" ] || { ok=0; echo "differs: $p" >&2; }
done
check "after the same approve and edit on both, every page is the same again" [ $ok = 1 ]
compare_all edited
check "queries compared: $QUERIES" [ "$QUERIES" -ge 50 ]

# the demo's directory (demo --campaign) in an empty database, as in a file
pg_sql postgres "CREATE DATABASE demo" && pg_sql demo "CREATE EXTENSION postgis" || not_ok "create database demo"
DEMO="postgresql:///demo?host=$PG_HOST&port=$PG_PORT"
check "demo --campaign into PostgreSQL" bash -c "'$SL' demo --campaign -s '$DEMO' | grep -q '16 fictional businesses in the directory'"
check "demo --campaign into SQLite" "$SL" demo --campaign -s "$WORK/demo.db"
check "the demo's directory is the same on both" bash -c "
  cmp <('$SL' businesses --json -s '$DEMO') <('$SL' businesses --json -s '$WORK/demo.db') &&
  cmp <('$SL' businesses --q fictional -s '$DEMO') <('$SL' businesses --q fictional -s '$WORK/demo.db')"
finish
