#!/usr/bin/env bash
# reproduce_recompute.sh — a researcher handed the report's directory, not
# its maker, recomputes the headline figures from data/*.csv as the data
# README says: the Ring share of the registry (both denominators), the
# disparity's baseline, share and ratio for police requests; and the README
# says which figures no file holds (the rows not linked to the registry).
# Run of 2026-12-07, sixth: the README said nothing of it, and the 9.9%'s
# denominator was in no CSV; partnerships_by_state.csv now gives each
# state's city and county agencies (city_county_agencies). Its pg twin
# also audits the same files in a SQLite store: the same data/ byte for
# byte and the same summary.json but for times and the store's name.
source "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas

DB=$(store real)
import_real "$DB"
"$SL" audit -s "$DB" -o "$WORK/r" --tech ring --since 2020-05-25 --quiet >/dev/null 2>"$WORK/r.err"
check "the audit of the real data runs" test -s "$WORK/r/summary.json"
check "the README has a section on recomputing the figures" grep -q "^## Recomputing the figures" "$WORK/r/README.md"
check "... gives the 9.9%'s figures and where its denominator is: city_county_agencies by state" \
  grep -q "^- 1,477 of the 14,894 city and county agencies: .*the sum of \`city_county_agencies\` in \`partnerships_by_state.csv\`" "$WORK/r/README.md"
check "... and that the count since the date holds rows no file holds" \
  grep -q "^- 212 since 2020-05-25 counts partnership rows.*none of the 20 rows not linked to the registry" "$WORK/r/README.md"
check "the shares, recomputed from data/ as the README says, are summary.json's" python3 - "$WORK/r" <<'PY'
import csv, json, sys
d = sys.argv[1]
share = {s["denominator"]: s for s in json.load(open(d + "/summary.json"))["partnerships"]["share"]}
ag = list(csv.DictReader(open(d + "/data/agencies.csv")))
st = list(csv.DictReader(open(d + "/data/partnerships_by_state.csv")))
cc = sum(1 for a in ag if a["type"] in ("City", "County"))
ok = (cc == share["city and county agencies"]["partnered"] == 1477
      and len(ag) == share["all registry agencies"]["partnered"]
      and sum(int(r["registry_agencies"]) for r in st) == share["all registry agencies"]["agencies"] == 18702
      and sum(int(r["city_county_agencies"]) for r in st) == share["city and county agencies"]["agencies"] == 14894)
print("    city and county partnered %d, all %d of %d" % (cc, len(ag), sum(int(r["registry_agencies"]) for r in st)))
sys.exit(0 if ok else 1)
PY
"$SL" audit -s "$DB" -o "$WORK/il" --tech ring --state IL --quiet >/dev/null 2>&1
check "a state's report says its denominator is the state's registry agencies" \
  grep -q "^- 163 of the 845 city and county agencies: .*those two types in Illinois (IL);" "$WORK/il/README.md"

if [ "$SL_TEST_BACKEND" = pg ]; then # the same files in a SQLite store: the same files out
  import_real "$WORK/lite.db"
  "$SL" audit -s "$WORK/lite.db" -o "$WORK/lite" --tech ring --since 2020-05-25 --quiet >/dev/null 2>&1
  rm -f "$WORK/lite.db" # on purpose, and gone: lib.bash fails a pg run that leaves SQLite stores behind
  same=1
  for f in $(cd "$WORK/r" && find data -name '*.csv' -o -name '*.csvt' -o -name '*.geojson' | sort); do
    cmp -s "$WORK/r/$f" "$WORK/lite/$f" || { same=0; echo "    differs: $f"; }
  done
  check "PostgreSQL and SQLite stores of the same files give the same data/ byte for byte" test $same = 1
  check "... and the same summary.json but for its times and the store's name" \
    python3 - "$WORK/r/summary.json" "$WORK/lite/summary.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
def untimed(x):  # every import's imported_at (inputs, partnerships.sources) is a time too
    if isinstance(x, dict):
        return {k: untimed(v) for k, v in x.items() if k != "imported_at"}
    return [untimed(v) for v in x] if isinstance(x, list) else x
a, b = untimed(a), untimed(b)
for s in (a, b):
    for k in ("generated_at", "store"):
        s.pop(k, None)
def where(x, y, path):  # the first keys that differ, to say what a backend changed
    if isinstance(x, dict) and isinstance(y, dict):
        return [w for k in sorted(set(x) | set(y)) for w in where(x.get(k), y.get(k), path + "." + k)]
    if isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        return [w for i, (u, v) in enumerate(zip(x, y)) for w in where(u, v, "%s[%d]" % (path, i))]
    return [] if x == y else ["%s: %s against %s" % (path, json.dumps(x)[:200], json.dumps(y)[:200])]
for w in where(a, b, "")[:8]:
    print("    differs:", w)
sys.exit(0 if a == b else 1)
PY
fi

DEMO=$(store demo)
"$SL" demo -s "$DEMO" >/dev/null 2>&1
"$SL" audit -s "$DEMO" -o "$WORK/d" --quiet >/dev/null 2>&1
check "the demo's README says how the disparity is recomputed" grep -q "^- Disparity (.*share / baseline" "$WORK/d/README.md"
check "the requests' baseline, share and ratio, recomputed from areas_*.csv, are the disparity file's" \
  python3 - "$WORK/d/data" <<'PY'
import csv, glob, sys
d = sys.argv[1]
areas = list(csv.DictReader(open(glob.glob(d + "/areas_*.csv")[0])))
rows = list(csv.DictReader(open(glob.glob(d + "/disparity_*_requests.csv")[0])))
pop = sum(float(a["pop"] or 0) for a in areas)
bad = 0
for r in rows:
    g = r["group"]
    base = sum(float(a[g] or 0) for a in areas) / pop
    num = den = 0.0
    for a in areas:
        p, q = float(a["pop"] or 0), float(a["requests"] or 0)
        if p > 0:
            num += q * float(a[g] or 0) / p
            den += q
    share = num / den
    close = lambda x, y: abs(x - y) <= 1e-6 * max(1, abs(y))
    if not (close(base, float(r["baseline"])) and close(share, float(r["share"])) and close(share / base, float(r["ratio"]))):
        print("    %s: %g %g %g against %s %s %s" % (g, base, share, share / base, r["baseline"], r["share"], r["ratio"]))
        bad += 1
sys.exit(1 if bad or not rows else 0)
PY
finish
