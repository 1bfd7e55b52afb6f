#!/usr/bin/env bash
# bench/pg_views.sh — what the PostgreSQL store's rows for GIS clients and
# its directory search cost (`make bench` runs it after bench/pg_store.sh;
# issue 17). Writes bench/PG_VIEWS.md.
#
#   bench/pg_views.sh
#
# On a throwaway PostgreSQL 15 + PostGIS cluster (tests/e2e/pg_lib.bash):
# - a whole read of sightline.cameras_points over 100,000 cameras (doubles
#   and times: the largest layer the views serve) and of
#   sightline.layer_points('posts') over 1M posts (1e-7 integers), in SQL
#   on the server (count and sum, so every point is unpacked);
# - the first version of the view's decoding (get_byte on the out-of-line
#   array for every byte) on 2,000 points of one full chunk, beside the
#   views' reading of that whole chunk;
# - /api/directory of `serve` over 2,500 listings: the first search after an
#   import (it copies the listings into the in-memory index) and searches of
#   the kept index (loopback curl).
# Each figure is the best of 3 (5 for the searches): the machine is shared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${BUILD:-$root/build}
SL=$BUILD/sightline
. "$root/tests/e2e/lib.bash"
. "$root/tests/e2e/pg_lib.bash"
pg_start
SPID=""
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; pg_stop; rm -rf "$WORK"' EXIT
cd "$WORK"

python3 - <<'PY'
import random
random.seed(17)
with open("cams.csv", "w") as f:
    f.write("lat,lon,time\n")
    for i in range(100000):
        f.write(f"{random.uniform(40.5, 40.9)!r},{random.uniform(-74.2, -73.7)!r},{1400000000 + 37 * i}\n")
with open("posts.csv", "w") as f:
    f.write("lat,lon\n")
    for i in range(1000000):
        f.write(f"{random.uniform(40.5, 40.9):.7f},{random.uniform(-74.2, -73.7):.7f}\n")
words = ["Bakery", "Books", "Café", "Soul", "Food", "Kitchen", "Barber", "Shop", "Tailor", "Florist", "Market"]
with open("biz.csv", "w") as f:
    f.write("name,category,city,state,lat,lon\n")
    for i in range(2500):
        name = " ".join(random.choices(words, k=random.randint(1, 3)))
        f.write(f"{name} {i},Shop,Brooklyn,NY,{random.uniform(40.6, 40.8):.6f},{random.uniform(-74.0, -73.9):.6f}\n")
PY
"$SL" import cameras cams.csv --time time -s "$PG_URL" >/dev/null
"$SL" import posts posts.csv -s "$PG_URL" >/dev/null
"$SL" import businesses biz.csv -s "$PG_URL" >/dev/null

best() { # best N COMMAND...: the shortest wall time of N runs, in seconds
  local n=$1 b=999 t; shift
  for _ in $(seq "$n"); do
    t=$( { /usr/bin/time -f %e "$@" >/dev/null; } 2>&1 | tail -1)
    b=$(awk -v a="$t" -v b="$b" 'BEGIN { print (a < b) ? a : b }')
  done
  echo "$b"
}
PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -d sightline -Atc)
cams=$(best 3 "${PSQL[@]}" "SELECT count(*), sum(ST_X(geom)), sum(unix_time) FROM sightline.cameras_points")
posts=$(best 3 "${PSQL[@]}" "SELECT count(*), sum(ST_X(geom)) FROM sightline.layer_points('posts')")
OLD="CREATE FUNCTION pg_temp.cc(b bytea, n bigint, i integer) RETURNS double precision LANGUAGE sql IMMUTABLE
 STRICT AS \$f\$ SELECT CASE WHEN length(b) = 4 * n THEN (get_byte(b, 4 * i) + get_byte(b, 4 * i + 1) * 256
 + get_byte(b, 4 * i + 2) * 65536 + get_byte(b, 4 * i + 3)::bigint * 16777216 - CASE WHEN get_byte(b, 4 * i + 3)
 >= 128 THEN 4294967296 ELSE 0 END)::float8 / 1e7::float8 ELSE (SELECT 0::float8) END \$f\$;"
old=$(best 3 "${PSQL[@]}" "$OLD SELECT sum(x + y) FROM (SELECT pg_temp.cc(c.lon, c.count, i) x, pg_temp.cc(c.lat, c.count, i) y
  FROM sightline.point_chunks c, generate_series(0, 1999) i WHERE layer = 'posts' AND chunk_no = 0) s")
chunk=$(best 3 "${PSQL[@]}" "SELECT count(*), sum(ST_X(geom) + ST_Y(geom)) FROM sightline.layer_points('posts') WHERE chunk_no = 0")

"$SL" serve -s "$PG_URL" --port 0 2>serve.log &
SPID=$!
for _ in $(seq 100); do
  port=$(sed -n 's|.*serving .* at http://[^ ]*:\([0-9][0-9]*\)/.*|\1|p' serve.log | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
url="http://127.0.0.1:$port/api/directory?q=bak"
first=999 kept=999
for i in $(seq 5); do
  printf 'name,category,city,state\nAdded %s,Shop,Brooklyn,NY\n' "$i" >added$i.csv
  "$SL" import businesses added$i.csv -s "$PG_URL" >/dev/null
  t=$(curl -s -o /dev/null -w '%{time_total}' "$url")
  first=$(awk -v a="$t" -v b="$first" 'BEGIN { print (a < b) ? a : b }')
  t=$(curl -s -o /dev/null -w '%{time_total}' "$url")
  kept=$(awk -v a="$t" -v b="$kept" 'BEGIN { print (a < b) ? a : b }')
done

{
  echo "# PostgreSQL store: point layers as rows, and the directory's search"
  echo
  echo "Written by \`bench/pg_views.sh\` (\`make bench\`); do not edit by hand."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- PostgreSQL 15 + PostGIS 3 on a throwaway cluster on this machine (Unix socket); best of 3 runs (5 for searches)"
  echo
  echo "| what | seconds |"
  echo "|---|---|"
  echo "| \`cameras_points\`, 100,000 cameras (doubles, times), read whole | $cams |"
  echo "| \`layer_points('posts')\`, 1M posts (1e-7 integers), read whole | $posts |"
  echo "| first view's decoding (get_byte on the stored array), 2,000 points of a full chunk | $old |"
  echo "| the views' decoding (each array read once), the whole chunk of 65,536 | $chunk |"
  printf '| `/api/directory?q=bak` over 2,500 listings, first search after an import (copies them) | %.3f |\n' "$first"
  printf '| the same search from the kept index | %.3f |\n' "$kept"
} >"$here/PG_VIEWS.md"
cat "$here/PG_VIEWS.md"
