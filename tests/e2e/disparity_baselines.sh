#!/usr/bin/env bash
# disparity_baselines.sh — a city's tracts (Chicago, ACS 2010-2014) against
# baselines the store holds by name. `import baseline --name il` stores
# Illinois, and `disparity --baseline il` uses it, where it was taken for a
# file path ("il: cannot open"); a path still works; a name neither the store
# nor the disk has is refused naming the baselines the store holds. Against
# the nation or the state the city's own residents are Blacker than the
# baseline: the output says so beside the figures, splits the difference
# from the baseline into the study areas' own part and the comparison with
# them (with its interval), and leaves every figure as it was.
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

# ---- a city against a wider place: the output says what the gap mixes in
run --baseline national --json >"$WORK/nat.json" 2>/dev/null
check "against the nation the JSON carries the comparison with the study areas, with its interval" python3 - "$WORK/nat.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ok = True
for g in r["groups"]:
    ok &= abs(g["areas_difference"] - (g["share"] - g["population_share"])) < 1e-9
    ok &= abs(g["areas_difference_ci_low"] - (g["ci_low"] - g["population_share"])) < 1e-9
    ok &= abs(g["areas_difference_ci_high"] - (g["ci_high"] - g["population_share"])) < 1e-9
    ok &= abs(g["difference"] - (g["share"] - g["baseline"])) < 1e-9  # the baseline's, as before
sys.exit(not ok)
PY
check "... and a note: each group's study-area share beside the baseline's, the part that is the city's own" python3 - "$WORK/nat.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = r.get("baseline_note", "")
g = {x["group"]: x for x in r["groups"]}
b = g["black"]
want = "Black: %.1f%% of the study areas' residents against %.1f%% of the baseline's, so the %+.1f pt from the baseline are %+.1f pt of who lives in the study areas and %+.1f pt of where the events fall within them (95%% interval %+.1f to %+.1f pt" % (
    100 * b["population_share"], 100 * b["baseline"], 100 * b["difference"], 100 * (b["population_share"] - b["baseline"]),
    100 * b["areas_difference"], 100 * b["areas_difference_ci_low"], 100 * b["areas_difference_ci_high"])
sys.exit(not (want in n and "Hispanic: " in n and "is the one that measures where the events fall within them" in n))
PY
run --baseline national >"$WORK/nat.txt" 2>/dev/null
check "the table's caution stands under the figures, before the footnote" bash -c "
  awk '/^  Black /{t=NR} /^caution: The study areas. residents are not the baseline.s/{c=NR} /^share where the events are:/{f=NR} END{exit !(t && c == t + 2 && f > c)}' '$WORK/nat.txt'"
run --baseline il --groups black >"$WORK/il_black.txt" 2>/dev/null
check "... against the state too, naming only the groups shown" bash -c "
  tr '\n' ' ' <'$WORK/il_black.txt' | grep -q 'caution: The study areas. residents are not the baseline.s' &&
  ! tr '\n' ' ' <'$WORK/il_black.txt' | grep -q 'Hispanic:'"
run --baseline national --csv >"$WORK/nat.csv" 2>"$WORK/nat_csv.err"
check "CSV carries the comparison with the study areas as columns, the note on stderr" bash -c "
  head -1 '$WORK/nat.csv' | grep -qE ',p_mc_se,p_is_bound,areas_difference,areas_difference_ci_low,areas_difference_ci_high,set,events_kind,events,baseline_is,seed,bootstrap,permutations(,synthetic)?$' &&
  grep -q 'residents are not the baseline' '$WORK/nat_csv.err'"
run >"$WORK/own.txt" 2>/dev/null
run --json >"$WORK/own.json" 2>/dev/null
check "against the study areas' own residents: no such note, no such fields" bash -c "
  ! grep -q 'not the baseline' '$WORK/own.txt' && ! grep -q 'areas_difference\|baseline_note' '$WORK/own.json'"

# The DP02 table given where the DP05 goes was told only "no column DP05_0001E".
"$SL" import baseline "$C/acs1-2018-us-DP02.csv" --name wrong -s "$DB" >/dev/null 2>"$WORK/dp02.err"; rc=$?
check "DP02 given as the baseline's FILE: exit 1, says it is the DP02 table and where each goes" bash -c "[ $rc = 1 ] &&
  grep -q 'no column DP05_0001E: this file is an ACS DP02 table (social characteristics), and the baseline takes the DP05 table (demographic and housing estimates) as FILE and the DP02 table (social characteristics: place of birth) as --dp02 FILE' '$WORK/dp02.err'"
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --dp02 "$C/acs1-2018-us-DP05.csv" --name wrong -s "$DB" >/dev/null 2>"$WORK/dp05.err"
check "... and DP05 given as --dp02: says it is the DP05 table" grep -q 'no column DP02_0086E: this file is an ACS DP05 table' "$WORK/dp05.err"
finish
