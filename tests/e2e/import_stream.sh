#!/usr/bin/env bash
# import_stream.sh — `sightline import posts` streams chunks into the store
# while it parses: a file of several chunks on two threads arrives whole and
# in order, a re-import changes nothing, and a failed import leaves no trace
# (no source row, no chunks).
set -euo pipefail
: "${SL:?path to the sightline CLI}"
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || { echo "SKIP: needs python3 and sqlite3" >&2; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/s.db"
python3 - "$tmp/p.csv" <<'PY'
import random, sys
random.seed(5)
with open(sys.argv[1], 'w') as f:
    f.write('id,lat,lon\n')
    for i in range(300000):
        lat = '%.7f' % random.uniform(-80, 80) if i % 1000 else 'NA'
        # 9 decimals only near row 70000: that chunk is stored as doubles, the
        # others straight from the reader's 1e-7 integers. No "-0.0" either:
        # it keeps its sign only as a double, so its chunk would be doubles.
        places = 9 if 70000 <= i < 70100 else random.choice([1, 5, 7])
        lon = '%.*f' % (places, random.uniform(-179, 179))
        f.write('%d,%s,%s\n' % (i, lat, lon.lstrip('-') if float(lon) == 0 else lon))
PY
"$SL" import posts "$tmp/p.csv" -s "$db" | tee "$tmp/out"
grep -q "imported 299,700 posts from 300,000 records" "$tmp/out" || { echo "FAIL: summary"; exit 1; }
python3 - "$tmp/p.csv" "$db" <<'PY'
import csv, sqlite3, struct, sys
want = [(float(r['lon']), float(r['lat'])) for r in csv.DictReader(open(sys.argv[1])) if r['lat'] != 'NA']
con = sqlite3.connect(sys.argv[2])
def coords(n, b):
    if len(b) == 8 * n: return list(struct.unpack('<%dd' % n, b))
    return [k / 1e7 for k in struct.unpack('<%di' % n, b)]
got, kinds = [], []
for n, lon, lat in con.execute("SELECT c.count, d.lon, d.lat FROM point_chunks c JOIN point_chunk_data d"
                               " ON d.chunk_id=c.id WHERE layer='posts' ORDER BY chunk_no"):
    got += list(zip(coords(n, lon), coords(n, lat)))
    kinds.append(len(lon) == 8 * n)
rows = con.execute("SELECT rows, sha256 FROM sources WHERE kind='posts'").fetchall()
import hashlib
sha = hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest()
ok = got == want and rows == [(len(want), sha)] and kinds.count(True) >= 1 and kinds.count(False) >= 3
print("stream: %d points stored, %d expected; source %s; chunks as doubles %d, as 1e-7 integers %d"
      % (len(got), len(want), rows, kinds.count(True), kinds.count(False)))
sys.exit(0 if ok else 1)
PY
before=$(sqlite3 "$db" "SELECT COUNT(*) FROM sources; SELECT COUNT(*) FROM point_chunks")
"$SL" import posts "$tmp/p.csv" -s "$db" | grep -q "already imported" || { echo "FAIL: re-import not reported"; exit 1; }
printf 'lat,lon\nNA,1\nx,2\n' >"$tmp/none.csv"
if "$SL" import posts "$tmp/none.csv" -s "$db" 2>"$tmp/err"; then echo "FAIL: no usable points should fail"; exit 1; fi
grep -q "no usable points" "$tmp/err" || { echo "FAIL: error message"; cat "$tmp/err"; exit 1; }
after=$(sqlite3 "$db" "SELECT COUNT(*) FROM sources; SELECT COUNT(*) FROM point_chunks")
[ "$before" = "$after" ] || { echo "FAIL: re-import or failed import changed the store"; exit 1; }
echo "PASS"
