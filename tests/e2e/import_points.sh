#!/usr/bin/env bash
# import_points.sh — `sightline import sites|posts` on real files: the ICE
# facilities (.psv.gz, pipes) and the FiveThirtyEight points (latin-1, CR line
# endings). Counts and every stored coordinate are checked against an
# independent python3 reading of the same files.
set -euo pipefail
: "${SL:?path to the sightline CLI}"
DATA="${SL_SHARED_DATA:-}"
ICE="$DATA/sites/ice-detention-facilities-uwchr.psv.gz"
FTE="$DATA/points/police-killings-2015-fivethirtyeight.csv"
if [ ! -f "$ICE" ] || [ ! -f "$FTE" ]; then
  echo "SKIP: real data not found under '$DATA' (../shared/data)" >&2; exit 77
fi
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || { echo "SKIP: needs python3 and sqlite3" >&2; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/s.db"

# Usage errors exit 2, missing files 1.
set +e
"$SL" import sites "$ICE" -s "$db" >/dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL: sites without --category should exit 2"; exit 1; }
"$SL" import posts "$tmp/nope.csv" -s "$db" 2>"$tmp/err"; [ $? -eq 1 ] || { echo "FAIL: missing file should exit 1"; exit 1; }
grep -q "sightline: $tmp/nope.csv" "$tmp/err" || { echo "FAIL: error names the file"; cat "$tmp/err"; exit 1; }
set -e
"$SL" import sites --help | grep -q -- "--category" || { echo "FAIL: help"; exit 1; }

"$SL" import sites "$ICE" --category ice --text name -s "$db" >"$tmp/out1" 2>"$tmp/err1"
"$SL" import posts "$FTE" --id name -s "$db" >"$tmp/out2" 2>"$tmp/err2"
cat "$tmp/out1" "$tmp/err1" "$tmp/out2" "$tmp/err2"

python3 - "$ICE" "$FTE" "$db" "$tmp/out1" "$tmp/out2" <<'PY'
import csv, gzip, io, sqlite3, struct, sys
ice, fte, db, out1, out2 = sys.argv[1:]

def expected(rows, latk, lonk):
    pts, skipped = [], 0
    for r in rows:
        try:
            lat, lon = float(r[latk]), float(r[lonk])
        except (ValueError, TypeError):
            skipped += 1; continue
        if abs(lat) <= 90 and abs(lon) <= 180: pts.append((lon, lat))
        else: skipped += 1
    return pts, skipped

with gzip.open(ice, 'rt', encoding='utf-8', newline='') as f:
    ice_pts, ice_skip = expected(csv.DictReader(f, delimiter='|'), 'lat', 'long')
with open(fte, encoding='latin-1', newline='') as f:
    fte_pts, fte_skip = expected(csv.DictReader(f), 'latitude', 'longitude')

con = sqlite3.connect(db)
def coords(n, blob):  # doubles, or int32 1e-7 degrees (schema 2) divided back
    if len(blob) == 8 * n: return list(struct.unpack('<%dd' % n, blob))
    return [k / 1e7 for k in struct.unpack('<%di' % n, blob)]
def stored(layer):
    pts = []
    for n, lon, lat in con.execute("SELECT c.count, d.lon, d.lat FROM point_chunks c JOIN point_chunk_data d"
                                   " ON d.chunk_id=c.id WHERE layer=? ORDER BY chunk_no", (layer,)):
        pts += list(zip(coords(n, lon), coords(n, lat)))
    return pts

ok = True
for name, want, skip, layer, out in (("ice", ice_pts, ice_skip, "sites", out1),
                                      ("538", fte_pts, fte_skip, "posts", out2)):
    got = stored(layer)
    summary = open(out).read()
    print(f"{name}: python {len(want)} points, {skip} skipped; store {len(got)}")
    if got != want:
        ok = False; print(f"FAIL: {name}: stored coordinates differ from python's float()")
    if f"imported {len(want):,} " not in summary or f"skipped {skip:,}" not in summary:
        ok = False; print(f"FAIL: {name}: summary does not say {len(want)} imported / {skip} skipped: {summary}")
sys.exit(0 if ok else 1)
PY

# The same bytes again: nothing changes, and it says so.
before=$(sqlite3 "$db" "SELECT COUNT(*) FROM sources; SELECT COUNT(*) FROM point_chunks")
"$SL" import sites "$ICE" --category ice --text name -s "$db" | tee "$tmp/again"
grep -q "already imported" "$tmp/again" || { echo "FAIL: re-import not reported"; exit 1; }
after=$(sqlite3 "$db" "SELECT COUNT(*) FROM sources; SELECT COUNT(*) FROM point_chunks")
[ "$before" = "$after" ] || { echo "FAIL: re-import changed the store"; exit 1; }
grep -q "latin-1" "$tmp/err2" || { echo "FAIL: latin-1 warning missing for the 538 file"; exit 1; }
echo "PASS"
