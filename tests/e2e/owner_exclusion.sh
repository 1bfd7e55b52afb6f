#!/usr/bin/env bash
# owner_exclusion.sh — a camera owner writes to the newsroom "take my camera
# out", and the newsroom honours it (run of 2026-12-07). Before, the only
# removal was `rm` of a whole import: her posts went with everyone's, and
# the nightly re-import of the scrape brought them back. Now `sightline
# exclude --circle LAT,LON,M` deletes the posts and cameras there from every
# import, every later import of posts or cameras leaves them out (counted
# as withheld), `info` lists it and `rm` ends it, the place typed is neither
# printed nor stored, and the report, summary.json and the served dashboard
# say that points were withheld, never where.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }

DB=$(store owner)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
# Her home sits in the demo's busiest 500 m hexagon (q14, r4), so the map
# she is on is one the dashboard shows.
LAT=38.026922 LON=-77.842183
scrape() { # scrape N_HERS N_OTHERS: the night's export of the neighbourhood app, as a newsroom's cron fetches it
  python3 - "$1" "$2" "$LAT" "$LON" >"$WORK/scrape.csv" <<'PY'
import sys
hers, others, lat, lon = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print("id,lat,lon,date,text")
for i in range(hers):
    print(f"her{i},{lat + 0.00003 * i:.6f},{lon:.6f},2020-0{1 + i % 9}-01,porch camera saw a package thief")
for i in range(others):
    # texts long enough that the night's chunk is stored out of line on PostgreSQL (TOAST), as a real scrape's is
    print(f"o{i},{38.1 + 0.003 * i:.6f},{-78.2 + 0.002 * i:.6f},2020-05-01,someone walking past the garden gate at dusk with a dog; nothing else")
PY
}
scrape 4 30
"$SL" import posts "$WORK/scrape.csv" --date date --text text -s "$DB" >/dev/null 2>&1
printf 'id,lat,lon\ncam1,%s,%s\ncam2,38.3,-78.0\n' "$LAT" "$LON" >"$WORK/cameras.csv"
"$SL" import cameras "$WORK/cameras.csv" -s "$DB" >/dev/null 2>&1
inside() { "$SL" zone -s "$DB" --circle "$LAT,$LON,40" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["posts"], d["camera_points"])'; }
check "before: her 4 posts and her camera are in the store ($(inside))" test "$(inside)" = "4 1"
WORDS="package thief|$(printf 'package thief' | xxd -p)" # as text, or as the hex of a blob (SQLite's dump, pg_dump's bytea)
check "... with her posts' words (what the checks below look for)" bash -c "store_text '$DB' | grep -qiE '$WORDS'"

NAME=news.example.org
serve_start "$DB" --host $NAME --quiet || exit 1
outside() { curl -s --max-time 120 -H "Host: $NAME" "$U$1"; }
outside '/api/density?points=posts&hex=500' >"$WORK/density_before.json"

"$SL" exclude --circle "$LAT,$LON,40" -s "$DB" >"$WORK/exclude.out" 2>&1
# first, before any read could prune the pages (and so overwrite them by chance)
case $DB in
postgresql://*) # deleted rows stay in a table's files until it is rewritten: exclude rewrites point_chunks
  store_sql "$DB" "CHECKPOINT" >/dev/null
  dir=$(store_sql "$DB" "SHOW data_directory")
  files=$(store_sql "$DB" "SELECT '$dir/' || pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid IN
    ('sightline.point_chunks'::regclass, (SELECT reltoastrelid FROM pg_class WHERE oid = 'sightline.point_chunks'::regclass))")
  check "her posts' words are in none of the table's files (point_chunks and its TOAST rewritten)" \
    bash -c "test -n '$files' && ! cat $(echo $files) | grep -aq 'package thief'" ;;
*) check "her posts' words are in no free page of the store file" bash -c "! grep -aq 'package thief' '$DB'" ;;
esac
check "exclude withholds her 4 posts and 1 camera point now" \
  grep -q "withheld now: 4 posts, 1 camera point" "$WORK/exclude.out"
check "... and never prints the place typed" bash -c "! grep -Eq '38\\.02|77\\.84' '$WORK/exclude.out'"
check "... and no note that the circle held nothing" bash -c "! grep -q 'note: no post or camera' '$WORK/exclude.out'"
check "after: no post or camera of hers is in the store ($(inside))" test "$(inside)" = "0 0"
check "... in no row either (her posts' words are gone)" bash -c "! store_text '$DB' | grep -qiE '$WORDS'"
ll=$(store_sql "$DB" "SELECT lat || ' ' || lon || ' ' || radius_m FROM exclusions")
check "the store keeps a blurred circle, 1.5 x as wide, not the place typed ($ll)" \
  python3 -c "import sys,math
lat,lon,r=map(float,'$ll'.split()); d=math.hypot((lat-$LAT)*111195,(lon-($LON))*111195*math.cos(math.radians($LAT)))
sys.exit(0 if r==60 and 0<d<=20.5 and (lat,lon)!=($LAT,$LON) else 1)"
"$SL" info --json -s "$DB" >"$WORK/info.json"
check "info lists the exclusion, no place in it" python3 -c "import json,sys
s=[x for x in json.load(open('$WORK/info.json'))['sources'] if x['kind']=='exclusion']
sys.exit(0 if len(s)==1 and s[0]['rows']==5 and '38.0' not in json.dumps(s) else 1)"
EX=$(python3 -c "import json; print([x for x in json.load(open('$WORK/info.json'))['sources'] if x['kind']=='exclusion'][0]['id'])")

# The served dashboard: the density it keeps in memory is of the store as it is now.
for _ in $(seq 50); do
  outside '/api/density?points=posts&hex=500' >"$WORK/density_after.json"
  cmp -s "$WORK/density_before.json" "$WORK/density_after.json" || break
  sleep 0.2
done
"$SL" density --hex 500 -s "$DB" >"$WORK/density_cli.json" 2>/dev/null
check "served density (from outside) lost her posts: as the CLI's now, not as before" \
  bash -c "cmp -s '$WORK/density_cli.json' '$WORK/density_after.json' && ! cmp -s '$WORK/density_before.json' '$WORK/density_after.json'"
outside /api/info >"$WORK/api_info.json"
check "served /api/info says an exclusion exists, not when nor how many of her posts" python3 -c "import json,sys
s=[x for x in json.load(open('$WORK/api_info.json'))['sources'] if x['kind']=='exclusion']
sys.exit(0 if len(s)==1 and s[0]['rows'] is None and s[0]['imported_at'] is None else 1)"
check "the dashboard says points were withheld at owners' request" \
  grep -q "withheld at their owners" "$SL_SOURCE/src/web/assets/store.js"
serve_stop

# The nightly job: tomorrow's scrape (her old posts, two new ones) imported again.
scrape 6 31
"$SL" import posts "$WORK/scrape.csv" --date date --text text --replace -s "$DB" >"$WORK/night.out" 2>&1
check "the nightly --replace import leaves her 6 posts out and says so" \
  grep -q "imported 31 posts from 37 records.*withheld 6 inside exclusions at owners' request" "$WORK/night.out"
check "after the nightly import nothing of hers is in the store ($(inside))" test "$(inside)" = "0 0"
rows=$("$SL" info --json -s "$DB" | python3 -c "import json,sys; print([x['rows'] for x in json.load(sys.stdin)['sources'] if x['kind']=='exclusion'][0])")
check "the exclusion's rows: her 6 posts of tonight's import and her camera, not last night's 4 again ($rows)" test "$rows" = 7
printf 'id,lat,lon\ncam9,%s,%s\n' "$LAT" "$LON" >"$WORK/cameras2.csv"
"$SL" import cameras "$WORK/cameras2.csv" -s "$DB" >"$WORK/cam.out" 2>&1
check "a cameras import of her camera alone is withheld too ($(inside))" \
  bash -c "grep -q 'withheld 1 inside' '$WORK/cam.out' && test '$(inside)' = '0 0'"
"$SL" cameras --json -s "$DB" >"$WORK/cameras.json"
check "the camera dedup counts the posts that are left (31 + the demo's 604)" \
  python3 -c "import json,sys; sys.exit(0 if json.load(open('$WORK/cameras.json'))['posts']==635 else 1)"

"$SL" audit -s "$DB" -o "$WORK/report" --quiet >/dev/null 2>&1
check "the report says posts were withheld at owners' request" \
  grep -q "inside 1 circle were withheld at their owners’ request" "$WORK/report/report.html"
check "... and the note above the map, where a reader looks for her street" python3 -c "import sys
h=open('$WORK/report/report.html').read(); m=h[h.index('id=\"map-section\"'):]; m=m[:m.index('</p>')]
sys.exit(0 if 'withheld at their owners' in m else 1)"
check "so does the README.md beside data/ (for whoever gets the files alone)" \
  grep -q "inside 1 circle were withheld at their owners' request" "$WORK/report/README.md"
check "summary.json counts the exclusion and lists it among no inputs" python3 -c "import json,sys
d=json.load(open('$WORK/report/summary.json'))
sys.exit(0 if d['privacy']['owner_exclusions']==1 and all(i['kind']!='exclusion' for i in d['inputs']) else 1)"
check "no published file holds her place or her words" \
  bash -c "! grep -rEq '38\\.0269|77\\.8421|package thief|porch camera' '$WORK/report'"

if sqlite_only "backup --share keeps the exclusion (a colleague's next import honours it too)"; then
  "$SL" backup --share -s "$DB" "$WORK/share.db" >/dev/null 2>&1
  check "backup --share keeps the exclusion and none of her points" \
    bash -c "test \"\$(sqlite3 '$WORK/share.db' 'SELECT count(*) FROM exclusions')\" = 1 && ! grep -aq 'package thief' '$WORK/share.db'"
fi
check "a store with an exclusion stops an older writer (write_schema 2)" \
  test "$(store_sql "$DB" "SELECT value FROM meta WHERE key = 'write_schema'")" = 2

"$SL" rm "$EX" -s "$DB" >"$WORK/rm.out" 2>&1
check "rm ends the exclusion and says what that means" grep -q "an exclusion at an owner's request: imports from now on keep" "$WORK/rm.out"
check "... and how her points come back (the same file again needs --replace)" \
  grep -q "come back only by importing their files again with --replace" "$WORK/rm.out"
check "import posts --help says exclusions are honoured" bash -c "'$SL' import posts --help | grep -q \"Points inside an owner's exclusion\""
"$SL" import posts "$WORK/scrape.csv" --date date --text text --replace -s "$DB" >/dev/null 2>&1
check "after rm, the next import keeps posts there again ($(inside))" test "$(inside)" = "6 0"
"$SL" exclude --circle 38.5,-78.5,75 -s "$DB" >"$WORK/ex75.out" 2>&1
kept=$(sed -n 's/.*a circle of \([0-9]*\) m kept.*/\1/p' "$WORK/ex75.out")
"$SL" info --json -s "$DB" >"$WORK/info2.json"
check "exclude and info give one radius for the circle kept (75 m asked: $kept)" python3 -c "import json,sys
s=[x for x in json.load(open('$WORK/info2.json'))['sources'] if x['kind']=='exclusion']
sys.exit(0 if len(s)==1 and str(s[0]['options']['radius_m'])=='$kept' else 1)"
# Latitude and longitude swapped: the circle holds nothing, and the desk
# would think her camera gone while it stays on the map.
"$SL" exclude --circle "$LON,$LAT,75" -s "$DB" >"$WORK/swapped.out" 2>"$WORK/swapped.err"; rc=$?
check "a circle that held nothing: exit 0, and a note says the place may be wrong, latitude first" \
  bash -c "test $rc = 0 && grep -q 'note: no post or camera of the store lay within the circle' '$WORK/swapped.err' &&
    grep -q 'latitude comes first' '$WORK/swapped.err' && ! grep -Eq '38\\.02|77\\.84' '$WORK/swapped.err'"
got=$("$SL" exclude --circle "$LAT,$LON,5" -s "$DB" 2>&1); rc=$?
check "a radius under 10 m is refused (exit 2), the place not echoed" \
  bash -c "test $rc = 2 && ! echo '$got' | grep -q '38.02'"
finish
