#!/usr/bin/env bash
# disparity_baselines.sh — a city's tracts (Chicago, ACS 2010-2014) against
# baselines the store holds by name. `import baseline --name il` stores
# Illinois, and `disparity --baseline il` uses it, where it was taken for a
# file path ("il: cannot open"); a path still works; a name neither the store
# nor the disk has is refused naming the baselines the store holds.
. "$(dirname "$0")/lib.bash"
need_shared
C=$SL_SHARED_DATA/census
DB=$(store chicago)
"$SL" import areas "$C/chicago-tracts-sdoh-acs2014.geojson" --set tracts --id geoid10 \
  --pop Pop2014 --black Blk14P --hispanic Hisp14P --percent -s "$DB" >/dev/null 2>&1
"$SL" synth -s "$DB" --areas tracts --layer posts --count 3000 --seed 4 >/dev/null 2>&1
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --dp02 "$C/acs1-2018-us-DP02.csv" -s "$DB" >/dev/null
check "a state's row stored under a name of its own" "$SL" import baseline "$C/acs1-2018-bystate-DP05.csv" \
  --dp02 "$C/acs1-2018-bystate-DP02.csv" --geo Illinois --name il -s "$DB" >/dev/null
run() { "$SL" disparity -s "$DB" --events posts --areas tracts --bootstrap 200 --permutations 200 "$@"; }

# ---- --baseline NAME: any name the store holds
run --baseline il --json >"$WORK/il.json" 2>"$WORK/il.err"
check "--baseline il runs (exit 0)" test $? = 0
check "... against Illinois's ACS row, as imported" python3 - "$WORK/il.json" "$C/acs1-2018-bystate-DP05.csv" <<'PY'
import csv, json, sys
r = json.load(open(sys.argv[1]))
row = next(x for x in csv.DictReader(open(sys.argv[2])) if x["NAME"] == "Illinois")
black = float(row["DP05_0038E"]) / float(row["DP05_0001E"])
g = {x["group"]: x for x in r["groups"]}
sys.exit(not (r["baseline"].endswith(": Illinois") and abs(g["black"]["baseline"] - black) < 1e-9))
PY
run --baseline "$C/acs1-2018-bystate-DP05.csv" --dp02 "$C/acs1-2018-bystate-DP02.csv" --geo Illinois --json \
  >"$WORK/file.json" 2>/dev/null
check "a path with --geo still works, and gives the stored baseline's figures" python3 - "$WORK/il.json" "$WORK/file.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
sys.exit(a["groups"] != b["groups"] or a["inputs"] != [] or b["inputs"] == [])
PY
run --baseline "$C/acs1-2018-us-DP05.csv" --json >"$WORK/usfile.json" 2>/dev/null
check "a path alone (no --geo, no --dp02) is read as a file" python3 -c "
import json,sys; r=json.load(open('$WORK/usfile.json')); sys.exit(not r['baseline'].endswith(': United States') or not r['inputs'])"
run --baseline nj >/dev/null 2>"$WORK/nj.err"
check "a name neither stored nor a file: exit 1" test $? = 1
check "... naming the baselines the store holds, and no file" \
  grep -q "no baseline of that name in the store (it has: il, national) and no file of that name" "$WORK/nj.err"
run --baseline nationa >/dev/null 2>"$WORK/typo.err"
check "... and the near name" grep -q "did you mean 'national'?" "$WORK/typo.err"
"$SL" info -s "$DB" >"$WORK/info.txt"
check "info lists each baseline by the name --baseline takes" bash -c "
  grep -q \"^baseline 'il': ACS acs1-2018-bystate-DP05.csv + acs1-2018-bystate-DP02.csv: Illinois (\\\`sightline disparity --baseline il\\\`)\" '$WORK/info.txt' &&
  grep -q \"^baseline 'national': .*United States\" '$WORK/info.txt'"
check "info --json gives them too" test "$("$SL" info -s "$DB" --json | python3 -c 'import json,sys; print([b["name"] for b in json.load(sys.stdin)["baselines"]])')" = "['il', 'national']"
check "disparity --help and import baseline --help say --baseline NAME" bash -c "
  '$SL' disparity --help | grep -q -- '--baseline areas|NAME|FILE' &&
  '$SL' import baseline --help | tr '\n' ' ' | grep -q 'disparity --baseline NAME. compares with it'"
check "the README shows a stored state baseline used by its name" bash -c "
  grep -q -- '--geo \"New York\" --name ny' '$SL_SOURCE/README.md' && grep -q -- '--baseline ny ' '$SL_SOURCE/README.md'"

finish
